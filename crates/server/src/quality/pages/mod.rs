//! The officials' pages of data quality: the report of a division and its CSV.

pub mod report;
