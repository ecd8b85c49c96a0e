//! Officials' accounts: argon2id passwords, sessions in HttpOnly SameSite cookies, CSRF tokens
//! on every form, login throttling, and the jurisdiction rule.

pub mod applicant;
pub mod csrf;
pub mod jurisdiction;
pub mod password;
pub mod session;
pub mod throttle;

pub use jurisdiction::{Official, Role};
pub use session::{Session, current_session};
