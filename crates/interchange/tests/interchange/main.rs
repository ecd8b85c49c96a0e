//! The one integration-test binary of gongyi-interchange: real files under the temp dir.
//! (`cfg(test)` on each module lets the workspace's `allow-unwrap-in-tests` apply to helpers.)

#[cfg(test)]
mod csv_import;
#[cfg(test)]
mod jsonl_import;
#[cfg(test)]
mod round_trip;
#[cfg(test)]
mod support;
#[cfg(test)]
mod template;
#[cfg(test)]
mod xlsx_import;
