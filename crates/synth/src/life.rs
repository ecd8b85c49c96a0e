//! The timeline of one organization: founded, and possibly deregistered, revoked or suspended.

use crate::dates::{add_days, add_years, between};
use crate::rng::Rng;
use chrono::NaiveDate;
use gongyi_types::RegStatus;

/// ≈ 92 % active, 5 % deregistered, 2 % revoked, 1 % suspended.
const STATUSES: &[(RegStatus, u32)] = &[
    (RegStatus::Active, 920),
    (RegStatus::Deregistered, 50),
    (RegStatus::Revoked, 20),
    (RegStatus::Suspended, 10),
];

pub(crate) struct Life {
    pub founded: NaiveDate,
    pub status: RegStatus,
    /// 注销 or 撤销 date.
    pub ended: Option<NaiveDate>,
    /// Date of the 限期停止活动 decision of a suspended organization.
    pub suspended: Option<NaiveDate>,
    pub today: NaiveDate,
}

impl Life {
    /// Founding dates between `start` and `today`, the density growing linearly with time (the
    /// sector has grown every year); an organization that has ended was founded 2+ years ago.
    pub(crate) fn draw(rng: &mut Rng, start: NaiveDate, today: NaiveDate) -> Life {
        let status = *rng.weighted(STATUSES);
        let last = if status == RegStatus::Active {
            today
        } else {
            add_days(today, -730).max(start)
        };
        let last = last.min(today);
        let span = (last - start).num_days().max(0);
        let founded = add_days(start, (span as f64 * rng.unit().sqrt()) as i64).min(today);
        let (ended, suspended) = match status {
            RegStatus::Deregistered => (
                Some(between(rng, add_years(founded, 1), today).min(today)),
                None,
            ),
            RegStatus::Revoked => (
                Some(between(rng, add_years(founded, 2), today).min(today)),
                None,
            ),
            RegStatus::Suspended => {
                let from = add_years(founded, 1).max(add_days(today, -150));
                (None, Some(between(rng, from, today).min(today)))
            }
            RegStatus::Active => (None, None),
        };
        Life {
            founded,
            status,
            ended,
            suspended,
            today,
        }
    }

    /// The last day the organization existed (today for the living).
    pub(crate) fn end(&self) -> NaiveDate {
        self.ended.unwrap_or(self.today)
    }

    /// A uniformly drawn day of its life from `from` on, or `None` if that is after its end.
    pub(crate) fn day_from(&self, rng: &mut Rng, from: NaiveDate) -> Option<NaiveDate> {
        let from = from.max(self.founded);
        (from <= self.end()).then(|| between(rng, from, self.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::ymd;

    #[test]
    fn dates_are_ordered_and_not_in_the_future() {
        let (start, today) = (ymd(1990, 1, 1), ymd(2025, 6, 30));
        for i in 0..5000 {
            let l = Life::draw(&mut Rng::new(9, i, 0), start, today);
            assert!(l.founded >= start && l.founded <= today);
            if let Some(e) = l.ended {
                assert!(e >= l.founded && e <= today);
            }
            if let Some(s) = l.suspended {
                assert!(s >= l.founded && s <= today);
            }
        }
    }
}
