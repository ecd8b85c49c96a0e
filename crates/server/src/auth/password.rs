//! argon2id password hashing (RFC 9106) with the crate's default parameters
//! (m = 19 MiB, t = 2, p = 1 — the OWASP minimum for argon2id).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// A PHC-format argon2id hash of `password`.
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches the stored PHC hash.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, made once: checked when the account does not exist (or is
/// disabled), so a login takes the same ~20 ms either way and its timing does not tell which
/// accounts exist (it answered in 2 ms for unknown names, 20 ms for known ones).
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let random = crate::auth::csrf::token();
        hash(&random).unwrap_or_default()
    })
}

/// Checks `password` against the account's hash, or against a dummy one when there is no
/// usable account — always one argon2id verification. Runs on a blocking thread.
pub async fn check_login(password: String, phc: Option<String>) -> bool {
    let known = phc.is_some();
    let ok = tokio::task::spawn_blocking(move || {
        let phc = phc.unwrap_or_else(|| dummy_hash().to_string());
        verify(&password, &phc)
    })
    .await
    .unwrap_or(false);
    ok && known
}

/// Rules for a new password: at least 10 characters, not all of one character class.
pub fn check_strength(password: &str) -> Result<(), &'static str> {
    if password.chars().count() < 10 {
        return Err("密码至少需要10个字符");
    }
    let classes = [
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|b| **b).count() < 2 {
        return Err("密码应至少包含字母、数字、符号中的两类");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = super::hash("correct horse 9").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("correct horse 9", &h));
        assert!(!super::verify("correct horse 8", &h));
        assert!(!super::verify("x", "not a hash"));
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(super::check_strength("short1").is_err());
        assert!(super::check_strength("aaaaaaaaaaaa").is_err());
        assert!(super::check_strength("gongyi-2026!").is_ok());
    }
}
