//! CSRF protection (OWASP synchronizer-token pattern): every form carries the session's token;
//! the login form, before a session exists, uses a double-submit cookie.

use crate::error::ApiError;
use rand::RngCore;

/// A fresh random token (256 bits, hex).
pub fn token() -> String {
    let mut b = [0u8; 32];
    rand::rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// Constant-time comparison of the submitted token with the expected one.
pub fn check(expected: &str, submitted: &str) -> Result<(), ApiError> {
    let (a, b) = (expected.as_bytes(), submitted.as_bytes());
    let same = a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0;
    if same && !expected.is_empty() {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "csrf_failed",
            "表单已过期或来源无效，请刷新页面后重试",
        ))
    }
}
