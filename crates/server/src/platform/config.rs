//! Typed configuration, passed in through [`crate::AppState`] — never a global.

/// Settings of the HTTP layer.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure`. On by default; `serve` turns it off only when it listens on a
    /// loopback address without TLS in front (browsers would drop the cookie otherwise).
    pub secure_cookies: bool,
    /// Session lifetime in minutes.
    pub session_minutes: i64,
    /// Failed logins allowed per username (and per client address) within `throttle_minutes`.
    pub max_failed_logins: u32,
    pub throttle_minutes: i64,
    /// Site title shown in the header.
    pub site_name: String,
    /// Complaints (投诉举报) accepted per client address and hour: abuse is limited by rate,
    /// not by a captcha that some people cannot read.
    pub complaints_per_hour: u32,
    /// Credit objections (异议) accepted per client address and hour: each lands in an
    /// official's queue and, as an audit row, in the append-only public log.
    pub objections_per_hour: u32,
    /// Reverse proxies whose `X-Forwarded-For` names the client (see `client_ip.rs`); empty:
    /// the peer address is the client's.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Settings of the credit list rules whose legal text is unverified (the interval of the
    /// two letters of 异常 item (六)).
    pub credit_policy: gongyi_types::credit::CreditPolicy,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            secure_cookies: true,
            session_minutes: 8 * 60,
            max_failed_logins: 5,
            throttle_minutes: 15,
            site_name: "社会组织信息公开平台".to_string(),
            complaints_per_hour: 5,
            objections_per_hour: 5,
            trusted_proxies: Vec::new(),
            credit_policy: Default::default(),
        }
    }
}
