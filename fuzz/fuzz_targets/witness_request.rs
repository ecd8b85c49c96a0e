//! add-checkpoint request bodies: parsing never panics and round-trips.
#![no_main]

use gongyi_ledger::AddCheckpointRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = AddCheckpointRequest::parse(data) {
        assert_eq!(
            AddCheckpointRequest::parse(&request.encode()).expect("re-parses"),
            request
        );
    }
});
