//! The codes seen so far in a file, to report `duplicate_in_file` with the first line.

use gongyi_types::Uscc;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Codes of the file seen so far and the line each was first on (to report duplicates).
/// A code is kept in 12 bytes (5 bits a character) with a 4-byte line: ~35 MB for a million.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    first_line: HashMap<[u8; 12], u32>,
}

/// The 18 characters of a valid code (all in the 31-character alphabet) packed 5 bits each.
fn pack(uscc: &Uscc) -> [u8; 12] {
    let mut v: u128 = 0;
    for b in uscc.as_str().bytes() {
        let i = gongyi_types::uscc::ALPHABET
            .iter()
            .position(|&a| a == b)
            .unwrap_or(31);
        v = (v << 5) | i as u128;
    }
    let mut key = [0u8; 12];
    key.copy_from_slice(&v.to_le_bytes()[..12]);
    key
}

impl Seen {
    /// The first line of `uscc` if it was seen before; records it otherwise.
    pub(crate) fn first(&mut self, uscc: &Uscc, line: u64) -> Option<u64> {
        match self.first_line.entry(pack(uscc)) {
            Entry::Occupied(e) => Some(u64::from(*e.get())),
            Entry::Vacant(v) => {
                v.insert(u32::try_from(line).unwrap_or(u32::MAX));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_the_first_line() {
        let a = Uscc::parse("53100000500019795A").unwrap();
        let b = Uscc::assemble('5', '1', "110105", "MJ0000A1").unwrap();
        let mut seen = Seen::default();
        assert_eq!(seen.first(&a, 2), None);
        assert_eq!(seen.first(&b, 3), None);
        assert_eq!(seen.first(&a, 9), Some(2));
        assert_ne!(pack(&a), pack(&b));
    }
}
