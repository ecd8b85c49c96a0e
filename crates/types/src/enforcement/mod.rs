//! Complaints and enforcement cases (执法监察): the case procedure as a state machine
//! (`case_rules`) and the reporter's tracking number (`tracking_no`).

pub mod case_rules;
pub mod tracking_no;
