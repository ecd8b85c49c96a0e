//! Complaints and enforcement cases (执法监察), shared by the JSON API and the pages:
//! `intake` checks and routes a complaint and opens its case; `status` is what a reporter may
//! see with the tracking number; `steps` moves a case through the procedure of
//! `gongyi_types::enforcement::case_rules` within an official's jurisdiction, a 处罚决定 writing the
//! penalty into the credit records (民政部令第60号 第七条) in the same transaction.

pub(crate) mod api;
pub mod cases;
pub mod intake;
pub(crate) mod pages;
mod routes;
pub mod status;
pub mod steps;

pub use routes::router;

use crate::auth::Official;
use crate::auth::jurisdiction::Subject;
use crate::error::ApiError;
use gongyi_types::DivisionCode;

/// The jurisdiction rule for cases, as for registry records: an official sees and handles the
/// cases routed to their division or below.
pub fn may_read(o: &Official, division: DivisionCode) -> Result<(), ApiError> {
    o.may_read_in(division, Subject::Case)
}

/// Reading plus the role: a viewer reads cases but takes no step.
pub fn may_act(o: &Official, division: DivisionCode) -> Result<(), ApiError> {
    o.may_act_in(division, Subject::Case)
}
