//! The profile sections of one organization, consistent with its record: credit history first
//! (it decides unfiled reports and rules out honors), then reports, recognition and changes.
//! Each part draws from its own random stream, so tuning one leaves the others unchanged.

mod changes;
mod credit;
mod recognition;
mod reports;

use crate::life::Life;
use crate::naming::Profile;
use crate::places::Place;
use crate::rng::Rng;
use gongyi_types::{OrgKind, Organization, Sections};

/// What the section generators read.
pub(crate) struct Ctx<'a> {
    pub kind: OrgKind,
    pub profile: &'a Profile,
    pub place: &'a Place,
    pub province: &'a Place,
    pub life: &'a Life,
    pub org: &'a Organization,
}

pub(crate) fn sections(seed: u64, i: u64, c: &Ctx) -> Sections {
    let stream = |purpose| Rng::new(seed, i, purpose);
    let credit = credit::credit(&mut stream(10), c);
    let (inspections, annual_reports) = reports::reports(&mut stream(11), c, credit.unfiled_year);
    let clean = credit.penalties.is_empty() && credit.entries.is_empty();
    let evaluations = if clean {
        recognition::evaluations(&mut stream(12), c)
    } else {
        vec![]
    };
    let honors = if clean {
        recognition::honors(&mut stream(13), c, !evaluations.is_empty())
    } else {
        vec![]
    };
    let changes = changes::changes(&mut stream(14), c);
    let mut list_entries = credit.entries;
    list_entries.sort_by_key(|e| (e.listed_on, e.list));
    Sections {
        inspections,
        evaluations,
        honors,
        penalties: credit.penalties,
        changes,
        list_entries,
        annual_reports,
    }
}
