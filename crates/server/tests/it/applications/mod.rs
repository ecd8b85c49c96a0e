//! The online services (一网通办) through the pages and through the JSON API.

mod api;
mod pages;
