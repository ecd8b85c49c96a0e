//! The online services (一网通办) through the pages and through the JSON API; the helpers both
//! use are here.

mod api;
mod pages;

use crate::support::{PASSWORD, TestApp};

/// The applicants' password in these tests.
const APW: &str = "Applicant-pass-1";

/// A small valid PDF whose bytes differ by `tag`.
fn pdf(tag: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {tag}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").into_bytes()
}

/// An official's session cookie.
async fn official(app: &TestApp, user: &str) -> String {
    app.login(user, PASSWORD).await.unwrap()
}
