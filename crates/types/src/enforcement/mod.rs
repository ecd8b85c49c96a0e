//! Complaints and enforcement cases (执法监察): the case procedure as a state machine
//! (`case_rules`), the reporter's tracking number (`tracking_no`) and the
//! categories a complaint is filed under (`complaint_category`), and the public complaint
//! form's fields (`complaint_form`).

pub mod case_rules;
pub mod complaint_category;
pub mod complaint_form;
pub mod tracking_no;
