//! The JSON API of complaints.

pub mod complaints;
