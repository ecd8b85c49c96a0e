//! Validated newtypes and pure rules of gongyi — no I/O.
//!
//! Everything a user types is parsed into one of these at the edge ("parse, don't validate"):
//! [`Uscc`] (GB 32100-2015), [`CitizenId`] (GB 11643-1999), [`DivisionCode`] (GB/T 2260),
//! [`Fen`] (money as integer fen), and the enums of the registry.

pub mod case_rules;
pub mod citizen_id;
pub mod credit_rules;
pub mod division;
pub mod form_changes;
pub mod money;
pub mod org;
pub mod registry;
pub mod service_forms;
pub mod services;
pub mod tracking_no;
pub mod uscc;
pub mod working_days;

pub use citizen_id::{CitizenId, CitizenIdError};
pub use division::{Division, DivisionCode, DivisionError, DivisionLevel};
pub use money::{Fen, FenError};
pub use org::{
    CreditStatus, EvalGrade, IllegalKind, InspectionResult, ListKind, OrgKind, RegStatus,
    UnknownCode,
};
pub use registry::{
    AnnualReport, Change, Evaluation, FieldDiff, FieldError, Honor, Inspection, ListEntry,
    OrgFlags, Organization, Penalty, Sections,
};
pub use uscc::{Uscc, UsccError};
