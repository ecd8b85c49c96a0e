//! Validated newtypes and pure rules of gongyi — no I/O.
//!
//! Everything a user types is parsed into one of these at the edge ("parse, don't validate"):
//! [`Uscc`] (GB 32100-2015), [`CitizenId`] (GB 11643-1999), [`DivisionCode`] (GB/T 2260),
//! [`Fen`] (money as integer fen), and the enums of the registry.
//!
//! One folder per domain, the same names as in `store` and `server`: `registry`,
//! `applications` (一网通办), `credit` (民政部令第60号), `enforcement` (执法监察); what they all use
//! is in `common`. Time is always a parameter.

pub mod accounts;
pub mod applications;
pub mod common;
pub mod credit;
pub mod enforcement;
pub mod legitimacy;
pub mod quality;
pub mod registry;

// The modules' older paths (`gongyi_types::uscc::…`) and the types every crate uses.
pub use common::{citizen_id, division, money, uscc, working_days};
pub use registry::org;

pub use common::citizen_id::{CitizenId, CitizenIdError};
pub use common::division::{Division, DivisionCode, DivisionError, DivisionLevel};
pub use common::entity::EntityKind;
pub use common::error_code::ErrorCode;
pub use common::money::{Fen, FenError};
pub use common::uscc::{Uscc, UsccError};
pub use registry::org::{
    CreditStatus, EvalGrade, IllegalKind, InspectionResult, ListKind, OrgKind, RegStatus,
    UnknownCode,
};
pub use registry::record::{
    AnnualReport, Change, Evaluation, FieldDiff, Flag, Honor, Inspection, ListEntry, OrgFlags,
    Organization, Penalty, RuleViolation, Sections,
};
