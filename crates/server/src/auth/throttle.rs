//! Login throttling without a captcha, and without handing attackers a lockout.
//!
//! Failures are counted within a window (`Config::throttle_minutes`) by three keys:
//! - the account *and* the client address: `max` failures block that pair — a guesser at one
//!   address stops there, while the account's owner at another address still logs in;
//! - the client address: `4 × max` failures block the address (one address guessing many
//!   accounts);
//! - the account from every address: never a block (five wrong passwords from anywhere locked
//!   the real user out for 15 minutes, a denial of service anyone could keep up with five
//!   requests per quarter hour), but beyond `max` failures every attempt waits a little longer
//!   (one second more per failure, at most [`MAX_DELAY_SECS`]), which slows a distributed
//!   guess while the owner merely waits.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// The longest wait before an attempt on an account under attack is answered.
pub const MAX_DELAY_SECS: u64 = 10;
/// Keys kept before expired ones are pruned.
const PRUNE_AT: usize = 100_000;

/// What the throttle says about an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Go ahead after waiting this long.
    Allowed(std::time::Duration),
    /// Refused until the window passes.
    Blocked,
}

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Vec<DateTime<Utc>>>>,
}

/// The limits an attempt is checked against.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max: u32,
    pub window: Duration,
}

fn keys(account: &str, ip: IpAddr) -> [String; 3] {
    [
        format!("pair:{account}|{ip}"),
        format!("ip:{ip}"),
        format!("acct:{account}"),
    ]
}

impl LoginThrottle {
    /// The verdict on an attempt at `account` (a namespaced key: `u:name`, `a:login`,
    /// `reg:code`) from `ip`.
    pub fn check(&self, account: &str, ip: IpAddr, now: DateTime<Utc>, l: Limits) -> Verdict {
        let Ok(mut m) = self.failures.lock() else {
            return Verdict::Blocked;
        };
        let [pair, addr, acct] = keys(account, ip);
        let mut recent = |k: &str| -> usize {
            m.get_mut(k)
                .map(|v| {
                    v.retain(|t| now - *t < l.window);
                    v.len()
                })
                .unwrap_or(0)
        };
        let max = l.max as usize;
        if recent(&pair) >= max || recent(&addr) >= max * 4 {
            return Verdict::Blocked;
        }
        let over = recent(&acct).saturating_sub(max.saturating_sub(1));
        Verdict::Allowed(std::time::Duration::from_secs(
            (over as u64).min(MAX_DELAY_SECS),
        ))
    }

    /// Records a failed attempt.
    pub fn failed(&self, account: &str, ip: IpAddr, now: DateTime<Utc>, l: Limits) {
        if let Ok(mut m) = self.failures.lock() {
            if m.len() > PRUNE_AT {
                // Drop what has expired (never the live counts: clearing everything let one
                // client wipe every lockout with 100,000 cheap failures).
                m.retain(|_, v| v.iter().any(|t| now - *t < l.window));
            }
            for k in keys(account, ip) {
                m.entry(k).or_default().push(now);
            }
        }
    }

    /// A successful login forgets the pair's and the account's failures (not the address's).
    pub fn succeeded(&self, account: &str, ip: IpAddr) {
        if let Ok(mut m) = self.failures.lock() {
            let [pair, _, acct] = keys(account, ip);
            m.remove(&pair);
            m.remove(&acct);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(min: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_800_000_000 + min * 60, 0).unwrap()
    }

    #[test]
    fn a_guesser_is_blocked_but_the_owner_elsewhere_is_only_slowed() {
        let t = LoginThrottle::default();
        let l = Limits {
            max: 5,
            window: Duration::minutes(15),
        };
        let (attacker, owner): (IpAddr, IpAddr) = (
            "192.0.2.1".parse().unwrap(),
            "198.51.100.7".parse().unwrap(),
        );
        for _ in 0..5 {
            assert!(matches!(
                t.check("u:xihu", attacker, at(0), l),
                Verdict::Allowed(_)
            ));
            t.failed("u:xihu", attacker, at(0), l);
        }
        assert_eq!(t.check("u:xihu", attacker, at(1), l), Verdict::Blocked);
        // The owner from another address: allowed, after a short wait.
        match t.check("u:xihu", owner, at(1), l) {
            Verdict::Allowed(d) => assert!(d.as_secs() >= 1 && d.as_secs() <= MAX_DELAY_SECS),
            v => panic!("{v:?}"),
        }
        // The window passes: the attacker's pair is free again, and there is no wait.
        assert_eq!(
            t.check("u:xihu", attacker, at(16), l),
            Verdict::Allowed(std::time::Duration::ZERO)
        );
        // One address trying many accounts is blocked after 4 × max.
        for i in 0..20 {
            t.failed(&format!("u:user{i}"), attacker, at(20), l);
        }
        assert_eq!(t.check("u:other", attacker, at(20), l), Verdict::Blocked);
        assert!(matches!(
            t.check("u:other", owner, at(20), l),
            Verdict::Allowed(_)
        ));
    }
}
