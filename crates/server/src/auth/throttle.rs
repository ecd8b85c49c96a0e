//! Login throttling: after `max` failures for one username or one client address within the
//! window, further attempts are refused until the window passes (no captcha needed).

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Vec<DateTime<Utc>>>>,
}

impl LoginThrottle {
    /// Whether `key` is blocked at `now`.
    pub fn blocked(&self, key: &str, now: DateTime<Utc>, max: u32, window: Duration) -> bool {
        let Ok(mut m) = self.failures.lock() else {
            return true;
        };
        let Some(v) = m.get_mut(key) else {
            return false;
        };
        v.retain(|t| now - *t < window);
        v.len() >= max as usize
    }
    pub fn fail(&self, key: &str, now: DateTime<Utc>) {
        if let Ok(mut m) = self.failures.lock() {
            if m.len() > 100_000 {
                m.clear();
            }
            m.entry(key.to_string()).or_default().push(now);
        }
    }
    pub fn clear(&self, key: &str) {
        if let Ok(mut m) = self.failures.lock() {
            m.remove(key);
        }
    }
}
