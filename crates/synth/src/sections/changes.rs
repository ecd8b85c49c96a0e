//! 变更记录: at most one change per field, so that each `after` is the value on the record.

use super::Ctx;
use crate::dates::add_days;
use crate::record;
use crate::rng::Rng;
use gongyi_types::Change;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    LegalRep,
    Address,
    Scope,
    Name,
}

const FIELDS: &[(Field, u32)] = &[
    (Field::LegalRep, 5),
    (Field::Address, 4),
    (Field::Scope, 2),
    (Field::Name, 2),
];

pub(crate) fn changes(rng: &mut Rng, c: &Ctx) -> Vec<Change> {
    if !rng.chance(0.18) {
        return vec![];
    }
    let first = *rng.weighted(FIELDS);
    let mut fields = vec![first];
    if rng.chance(0.3) {
        let second = *rng.weighted(FIELDS);
        if second != first {
            fields.push(second);
        }
    }
    let org = c.org;
    let mut out: Vec<Change> = fields
        .into_iter()
        .filter_map(|f| {
            let changed_on = c.life.day_from(rng, add_days(c.life.founded, 180))?;
            let (field, before, after) = match f {
                Field::LegalRep => ("法定代表人", record::person(rng), org.legal_rep.clone()),
                Field::Address => ("住所", record::address(rng, c.place), org.address.clone()),
                Field::Scope => ("业务范围", narrower(&org.scope), org.scope.clone()),
                Field::Name => (
                    "名称",
                    c.profile.former_name(c.place, rng),
                    org.name.clone(),
                ),
            };
            (before != after).then(|| Change {
                changed_on,
                field: field.to_string(),
                before,
                after,
            })
        })
        .collect();
    out.sort_by_key(|ch| ch.changed_on);
    out
}

/// The scope before it was widened: without its last clause.
fn narrower(scope: &str) -> String {
    match scope.trim_end_matches('。').rsplit_once('，') {
        Some((head, _)) => format!("{head}。"),
        None => format!("{}（不含培训）。", scope.trim_end_matches('。')),
    }
}
