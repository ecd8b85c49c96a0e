//! What every domain uses: the national standards' identifiers (统一社会信用代码 GB 32100,
//! 公民身份号码 GB 11643, 行政区划代码 GB/T 2260), money as integer fen, the working-day
//! calendar, and the kinds of entity the audit trail and the public ledger know.

pub mod citizen_id;
pub mod division;
pub mod entity;
pub mod error_code;
pub mod form;
pub mod form_reader;
pub mod money;
pub mod uscc;
pub mod working_days;
