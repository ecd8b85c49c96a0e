//! Time is a parameter: every rule about dates asks the clock in [`crate::AppState`], so tests
//! can fix or move it (the habit of kanidm, which bans `now_utc` outside its clock).

use chrono::{DateTime, NaiveDate, Utc};
use std::sync::{Arc, RwLock};

pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
    /// Today in China Standard Time (UTC+8), the calendar the registry's dates are in.
    fn today(&self) -> NaiveDate {
        (self.now() + chrono::Duration::hours(8)).date_naive()
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stays where it is set (tests).
#[derive(Debug, Clone)]
pub struct FixedClock(Arc<RwLock<DateTime<Utc>>>);

impl FixedClock {
    pub fn new(t: DateTime<Utc>) -> Self {
        Self(Arc::new(RwLock::new(t)))
    }
    pub fn set(&self, t: DateTime<Utc>) {
        if let Ok(mut g) = self.0.write() {
            *g = t;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
            .read()
            .map(|g| *g)
            .unwrap_or_else(|p| *p.into_inner())
    }
}
