//! Activation codes for organizations' online-services accounts (see
//! `gongyi_store::accounts::activation`): 16 characters from an alphabet without look-alikes (no 0/O,
//! 1/I/L, U), shown in groups of four — 80 random bits, so with the per-address and per-code
//! throttling of registration a guess is hopeless. Typed in any case, with or without spaces
//! and dashes.

use rand::Rng;
use sha2::{Digest, Sha256};

const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTVWXYZ23456789";
const LEN: usize = 16;
/// How long a code may be used.
pub const VALID_DAYS: i64 = 30;

/// A fresh code, grouped for reading: `ABCD-EFGH-JKMN-PQRS`.
pub fn generate() -> String {
    let mut rng = rand::rng();
    let chars: Vec<char> = (0..LEN)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The code as typed, normalized (`None`: not a code's shape).
pub fn normalize(typed: &str) -> Option<String> {
    let s: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (s.len() == LEN && s.bytes().all(|b| ALPHABET.contains(&b))).then_some(s)
}

/// What the store keeps of a normalized code.
pub fn digest(normalized: &str) -> String {
    hex::encode(Sha256::digest(normalized.as_bytes()))
}

/// An official issues a new code for an organization of their jurisdiction (retiring unused
/// ones); returns the code — shown once, never stored — and its last valid moment.
pub async fn issue(
    state: &crate::AppState,
    who: &crate::auth::Official,
    org: &gongyi_types::Organization,
) -> Result<(String, String), crate::error::ApiError> {
    // The same rule as an edit of the record: an officer or admin of its jurisdiction.
    who.may_edit(org.division)?;
    let code = generate();
    let digest = normalize(&code).map(|n| digest(&n)).unwrap_or_default();
    let expires = gongyi_store::timestamp(state.clock.now() + chrono::Duration::days(VALID_DAYS));
    state
        .store
        .issue_activation_code(
            org.uscc.as_str(),
            &digest,
            &who.actor(),
            &state.now_str(),
            &expires,
        )
        .await?;
    Ok((code, expires))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_as_typed() {
        let c = generate();
        assert_eq!(c.len(), 19);
        let n = normalize(&c).unwrap();
        assert_eq!(
            normalize(&c.to_lowercase().replace('-', " ")),
            Some(n.clone())
        );
        assert_eq!(digest(&n).len(), 64);
        assert_ne!(generate(), c);
        assert_eq!(normalize("ABCD-EFGH-JKMN-PQR0"), None);
        assert_eq!(normalize("ABCD"), None);
    }
}
