//! Working days (工作日) for statutory time limits: 《行政许可法》第八十二条 counts the time
//! limits of an administrative licence in working days, without statutory holidays.
//!
//! A day is a working day when it is Monday–Friday and not a public holiday, or when it is one
//! of the weekend days the State Council moves work to (调休上班). The table follows the General
//! Office of the State Council's notices on the holiday arrangements:
//! - 2025: 《国务院办公厅关于2025年部分节假日安排的通知》(国办发明电〔2024〕12号);
//! - 2026: 《国务院办公厅关于2026年部分节假日安排的通知》of 2025-11-04 (国办发明电〔2025〕7号),
//!   checked day by day against its text as published by Xinhua (新华社北京11月4日电).
//!
//! Days outside the table (other years) count Monday–Friday only; a node that runs past 2026
//! needs the next year's notice added here.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A day as (year, month, day).
type Ymd = (i32, u32, u32);

/// Public holidays (放假) as inclusive (first, last) ranges.
const HOLIDAYS: &[(Ymd, Ymd)] = &[
    // 2025
    ((2025, 1, 1), (2025, 1, 1)),   // 元旦
    ((2025, 1, 28), (2025, 2, 4)),  // 春节
    ((2025, 4, 4), (2025, 4, 6)),   // 清明节
    ((2025, 5, 1), (2025, 5, 5)),   // 劳动节
    ((2025, 5, 31), (2025, 6, 2)),  // 端午节
    ((2025, 10, 1), (2025, 10, 8)), // 国庆节、中秋节
    // 2026
    ((2026, 1, 1), (2026, 1, 3)),   // 元旦
    ((2026, 2, 15), (2026, 2, 23)), // 春节
    ((2026, 4, 4), (2026, 4, 6)),   // 清明节
    ((2026, 5, 1), (2026, 5, 5)),   // 劳动节
    ((2026, 6, 19), (2026, 6, 21)), // 端午节
    ((2026, 9, 25), (2026, 9, 27)), // 中秋节
    ((2026, 10, 1), (2026, 10, 7)), // 国庆节
];

/// Weekend days that are working days (调休上班).
const WORKING_WEEKENDS: &[Ymd] = &[
    (2025, 1, 26),
    (2025, 2, 8),
    (2025, 4, 27),
    (2025, 9, 28),
    (2025, 10, 11),
    (2026, 1, 4),
    (2026, 2, 14),
    (2026, 2, 28),
    (2026, 5, 9),
    (2026, 9, 20),
    (2026, 10, 10),
];

fn ymd(d: NaiveDate) -> Ymd {
    (d.year(), d.month(), d.day())
}

/// Whether `d` is a working day.
pub fn is_working_day(d: NaiveDate) -> bool {
    let k = ymd(d);
    if WORKING_WEEKENDS.contains(&k) {
        return true;
    }
    if HOLIDAYS.iter().any(|(a, b)| *a <= k && k <= *b) {
        return false;
    }
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The day on which a time limit of `n` working days that starts on `start` ends: the time
/// limit begins the day after `start` (《民法典》第二百零一条: the first day is not counted),
/// and its last day is the `n`-th working day after it. `n = 0` is `start` itself.
pub fn add_working_days(start: NaiveDate, n: u32) -> NaiveDate {
    let mut d = start;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let (a, b, sign) = if from <= to {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let mut n = 0;
    let mut d = a;
    while d < b {
        d += Duration::days(1);
        if is_working_day(d) {
            n += 1;
        }
    }
    n * sign
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        assert!(is_working_day(d("2026-11-27"))); // Friday
        assert!(!is_working_day(d("2026-11-28"))); // Saturday
        assert!(!is_working_day(d("2026-10-05"))); // 国庆 Monday
        assert!(!is_working_day(d("2026-02-16"))); // 春节 Monday
        assert!(!is_working_day(d("2025-01-01"))); // 元旦 Wednesday
        assert!(!is_working_day(d("2025-10-08"))); // 国庆中秋 Wednesday
    }

    #[test]
    fn moved_weekend_days_are_working_days() {
        assert!(is_working_day(d("2026-10-10"))); // Saturday 调休
        assert!(is_working_day(d("2026-02-14"))); // Saturday 调休
        assert!(is_working_day(d("2025-09-28"))); // Sunday 调休
        // Outside the table: Monday–Friday.
        assert!(is_working_day(d("2030-01-02")));
        assert!(!is_working_day(d("2030-01-05")));
    }

    #[test]
    fn time_limits_skip_weekends_and_holidays() {
        // Friday + 5 working days = next Friday.
        assert_eq!(add_working_days(d("2026-11-27"), 5), d("2026-12-04"));
        // Over 国庆 2026: Sep 30 (Wed) + 1 = Oct 8 (Thu).
        assert_eq!(add_working_days(d("2026-09-30"), 1), d("2026-10-08"));
        // Oct 9 (Fri) + 1 = Oct 10 (Saturday, a working day).
        assert_eq!(add_working_days(d("2026-10-09"), 1), d("2026-10-10"));
        assert_eq!(add_working_days(d("2026-11-27"), 0), d("2026-11-27"));
        assert_eq!(working_days_between(d("2026-11-27"), d("2026-12-04")), 5);
        assert_eq!(working_days_between(d("2026-12-04"), d("2026-11-27")), -5);
    }
}
