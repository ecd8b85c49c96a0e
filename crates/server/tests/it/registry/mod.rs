//! The registry: search and profiles through the API and the pages, officials' edits.

mod api;
mod edit;
mod pages;
mod sorting;
