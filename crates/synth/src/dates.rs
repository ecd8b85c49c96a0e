//! Date arithmetic that never fails in the range the generator uses (1990 to a few years ahead).

use crate::rng::Rng;
use chrono::{Datelike, Months, NaiveDate, TimeDelta};

/// A calendar date known valid at compile time.
pub(crate) const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid constant date"),
    }
}

/// 社会组织信用信息管理办法 (民政部令第60号) took effect on this day; no list entry predates it.
pub(crate) const CREDIT_RULES: NaiveDate = ymd(2018, 3, 1);
/// 慈善法 took effect on this day; charities are recognized from it on.
pub(crate) const CHARITY_LAW: NaiveDate = ymd(2016, 9, 1);

/// `d` plus `n` years (29 February becomes 28 February).
pub(crate) fn add_years(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(12 * n)).unwrap_or(d)
}

pub(crate) fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(TimeDelta::days(n)).unwrap_or(d)
}

/// Uniform in `a..=b` (`a` when `b < a`).
pub(crate) fn between(rng: &mut Rng, a: NaiveDate, b: NaiveDate) -> NaiveDate {
    add_days(a, rng.range(0, (b - a).num_days()))
}

/// The `n`-th day (0-based) of year `y`, clamped to the year.
pub(crate) fn day_of_year(y: i32, n: u32) -> NaiveDate {
    NaiveDate::from_yo_opt(y, n.clamp(1, 365)).unwrap_or(ymd(2000, 1, 1))
}

/// Whole years from `a` to `b`.
pub(crate) fn years_between(a: NaiveDate, b: NaiveDate) -> u32 {
    let mut y = b.year() - a.year();
    if (b.month(), b.day()) < (a.month(), a.day()) {
        y -= 1;
    }
    y.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic() {
        assert_eq!(add_years(ymd(2020, 2, 29), 5), ymd(2025, 2, 28));
        assert_eq!(years_between(ymd(2020, 3, 1), ymd(2025, 2, 28)), 4);
        assert_eq!(years_between(ymd(2020, 3, 1), ymd(2025, 3, 1)), 5);
        assert_eq!(day_of_year(2024, 1), ymd(2024, 1, 1));
        let mut r = Rng::new(0, 0, 0);
        for _ in 0..100 {
            let d = between(&mut r, ymd(2020, 1, 1), ymd(2020, 1, 3));
            assert!(d >= ymd(2020, 1, 1) && d <= ymd(2020, 1, 3));
        }
        assert_eq!(
            between(&mut r, ymd(2020, 1, 3), ymd(2020, 1, 1)),
            ymd(2020, 1, 3)
        );
    }
}
