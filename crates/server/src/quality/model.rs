//! What a quality report holds: the records examined per registrar division, the problem rows,
//! and the views a page or the command line shows (totals of a division, its child divisions).
//!
//! Memory: counts are kept per registrar division (about 3,200 of them), not per record; a row
//! is kept per problem only, its name and message boxed (≈ 200 bytes with their text), so a
//! registry of 1,000,000 records with 50,000 problems holds ≈ 10 MB.

use chrono::NaiveDate;
use gongyi_types::quality::{Dimension, Rule};
use gongyi_types::{DivisionCode, Uscc};
use std::collections::{HashMap, HashSet};

/// One problem of one record, as the CSV and the page list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemRow {
    pub uscc: Uscc,
    pub name: Box<str>,
    /// The registrar division of the record.
    pub division: DivisionCode,
    pub rule: Rule,
    pub field: &'static str,
    pub message: Box<str>,
}

/// Counts of one division (or a sum of divisions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Records examined.
    pub orgs: u64,
    /// Records with at least one problem.
    pub with_problems: u64,
    /// Problems per rule, indexed by [`Rule::index`].
    pub by_rule: [u64; Rule::COUNT],
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            orgs: 0,
            with_problems: 0,
            by_rule: [0; Rule::COUNT],
        }
    }
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.orgs += other.orgs;
        self.with_problems += other.with_problems;
        for (a, b) in self.by_rule.iter_mut().zip(other.by_rule) {
            *a += b;
        }
    }
    pub fn count(&self, rule: Rule) -> u64 {
        self.by_rule[rule.index()]
    }
    /// Problems of every rule.
    pub fn problems(&self) -> u64 {
        self.by_rule.iter().sum()
    }
    /// Problems of the rules of one dimension.
    pub fn in_dimension(&self, d: Dimension) -> u64 {
        d.rules().map(|r| self.count(r)).sum()
    }
}

/// The report over the records of one division (national: the whole registry) on one day.
#[derive(Debug, Clone)]
pub struct QualityReport {
    pub today: NaiveDate,
    /// The division examined.
    pub scope: DivisionCode,
    /// Counts per registrar division of the records (every division with a record).
    pub by_division: HashMap<DivisionCode, Tally>,
    /// Every problem, in code order and, for one record, in rule order.
    pub rows: Vec<ProblemRow>,
}

/// A division's part of a report: its totals, and the same for each child division (the
/// drill-down) and for the records its own authority registered.
#[derive(Debug, Clone)]
pub struct ReportView {
    pub division: DivisionCode,
    pub total: Tally,
    /// Records registered by the division's own authority (本级), when it has children too.
    pub own: Tally,
    /// Child divisions with records, in code order.
    pub children: Vec<(DivisionCode, Tally)>,
}

impl QualityReport {
    /// Builds the report from what the scan found: records per division and the problem rows.
    /// The per-rule counts and the records with problems are counted from the rows, so the
    /// duplicates found after the scan count like any other problem.
    pub fn new(
        today: NaiveDate,
        scope: DivisionCode,
        orgs: HashMap<DivisionCode, u64>,
        mut rows: Vec<ProblemRow>,
    ) -> Self {
        rows.sort_by(|a, b| (&a.uscc, a.rule).cmp(&(&b.uscc, b.rule)));
        let mut by_division: HashMap<DivisionCode, Tally> = orgs
            .into_iter()
            .map(|(d, n)| {
                let t = Tally {
                    orgs: n,
                    ..Tally::default()
                };
                (d, t)
            })
            .collect();
        let mut last: Option<&Uscc> = None;
        for r in &rows {
            let t = by_division.entry(r.division).or_default();
            t.by_rule[r.rule.index()] += 1;
            if last != Some(&r.uscc) {
                t.with_problems += 1;
                last = Some(&r.uscc);
            }
        }
        QualityReport {
            today,
            scope,
            by_division,
            rows,
        }
    }

    /// The part of the report inside `d`, with `d`'s child divisions.
    pub fn view(&self, d: DivisionCode) -> ReportView {
        let mut total = Tally::default();
        let mut own = Tally::default();
        let mut children: HashMap<DivisionCode, Tally> = HashMap::new();
        for (&x, t) in &self.by_division {
            if !d.contains(x) {
                continue;
            }
            total.add(t);
            match child_towards(d, x) {
                Some(c) => children.entry(c).or_default().add(t),
                None => own.add(t),
            }
        }
        let mut children: Vec<(DivisionCode, Tally)> = children.into_iter().collect();
        children.sort_by_key(|(c, _)| *c);
        ReportView {
            division: d,
            total,
            own,
            children,
        }
    }

    /// The rows of records registered inside `d`, of `rule` if given.
    pub fn rows_in(
        &self,
        d: DivisionCode,
        rule: Option<Rule>,
    ) -> impl Iterator<Item = &ProblemRow> + '_ {
        let inside: HashSet<DivisionCode> = self
            .by_division
            .keys()
            .copied()
            .filter(|x| d.contains(*x))
            .collect();
        self.rows
            .iter()
            .filter(move |r| inside.contains(&r.division) && rule.is_none_or(|k| r.rule == k))
    }
}

/// The child of `d` on the way down to `x` (which `d` contains), or `None` when `x` is `d`.
fn child_towards(d: DivisionCode, x: DivisionCode) -> Option<DivisionCode> {
    let path = x.ancestors();
    if d == DivisionCode::NATIONAL {
        return path.first().copied();
    }
    let i = path.iter().position(|a| *a == d)?;
    path.get(i + 1).copied()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn row(uscc: &Uscc, d: DivisionCode, rule: Rule) -> ProblemRow {
        ProblemRow {
            uscc: uscc.clone(),
            name: "某协会".into(),
            division: d,
            rule,
            field: "名称",
            message: "说明".into(),
        }
    }

    #[test]
    fn a_view_sums_children_and_keeps_its_own_level() {
        let d = |s: &str| DivisionCode::parse(s).unwrap();
        let u = |div: &str, b: &str| Uscc::assemble('5', '1', div, b).unwrap();
        let (zj, hz, xh, bj) = (d("330000"), d("330100"), d("330106"), d("110105"));
        let a = u("330106", "MJ000001");
        let b = u("330000", "MJ000002");
        let c = u("110105", "MJ000003");
        let orgs = HashMap::from([(xh, 10), (zj, 5), (bj, 7)]);
        let rows = vec![
            row(&a, xh, Rule::AddressMissing),
            row(&a, xh, Rule::ScopeMissing),
            row(&b, zj, Rule::CertExpired),
            row(&c, bj, Rule::AddressMissing),
        ];
        let r = QualityReport::new(NaiveDate::MIN, DivisionCode::NATIONAL, orgs, rows);
        let all = r.view(DivisionCode::NATIONAL);
        assert_eq!(all.total.orgs, 22);
        assert_eq!(all.total.with_problems, 3);
        assert_eq!(all.total.problems(), 4);
        assert_eq!(all.total.count(Rule::AddressMissing), 2);
        assert_eq!(
            all.children.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            vec![d("110000"), zj]
        );
        let z = r.view(zj);
        assert_eq!((z.total.orgs, z.own.orgs), (15, 5));
        assert_eq!(z.own.count(Rule::CertExpired), 1);
        assert_eq!(z.children, vec![(hz, r.view(hz).total)]);
        assert_eq!(z.children[0].1.in_dimension(Dimension::Completeness), 2);
        assert_eq!(r.rows_in(zj, None).count(), 3);
        assert_eq!(r.rows_in(zj, Some(Rule::CertExpired)).count(), 1);
        assert_eq!(r.rows_in(d("110108"), None).count(), 0);
        let county = r.view(xh);
        assert!(county.children.is_empty());
        assert_eq!(county.own.with_problems, 1);
    }
}
