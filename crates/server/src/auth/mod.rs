//! Officials' accounts: argon2id passwords, sessions in HttpOnly SameSite cookies, CSRF tokens
//! on every form, login throttling, and the jurisdiction rule.

pub mod activation;
pub mod applicant;
pub mod attempt;
pub mod csrf;
pub mod jurisdiction;
pub mod password;
pub mod session;
pub mod throttle;

pub use jurisdiction::{Official, Role};
pub use session::{Session, current_session};

/// Where to go after a login: `next` when it is a plain local path, else `default`. Only
/// characters of an ordinary path and query are allowed — no control characters or
/// whitespace (a browser drops a TAB, so `/\t/evil.example` became `//evil.example`, another
/// site; a newline made the redirect header invalid: a 500 after the session was set), no
/// backslash, no `//` at the start (scheme-relative).
pub fn safe_next(next: Option<&str>, default: &str) -> String {
    let ok = |n: &str| {
        n.starts_with('/')
            && !n.starts_with("//")
            && n.len() <= 2048
            && n.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_-.~?=&%+:,;@!$'()*".contains(&b))
    };
    match next {
        Some(n) if ok(n) => n.to_string(),
        _ => default.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_plain_local_paths_are_followed() {
        let d = "/admin";
        for good in [
            "/admin/orgs/x/edit",
            "/orgs?q=%E5%8D%8F&page=2",
            "/my/applications/3",
        ] {
            assert_eq!(safe_next(Some(good), d), good);
        }
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\t/evil.example/phish",
            "/\n/x",
            "/\u{1}x",
            "/\\evil.example",
            "https://evil.example",
            "/ /evil",
            "evil",
            "",
        ] {
            assert_eq!(safe_next(Some(bad), d), d, "{bad:?}");
        }
        assert_eq!(safe_next(None, d), d);
    }
}
