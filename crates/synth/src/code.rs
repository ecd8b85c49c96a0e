//! The 统一社会信用代码 of the i-th organization (GB 32100-2015).
//!
//! Positions 9–16 (the GB 11714 organization-code body) are `MJ` — the segment from which 民政
//! assigns codes to newly registered social organizations — followed by six characters of the
//! GB 32100 alphabet encoding a seeded permutation of `i`. The permutation is a balanced Feistel
//! network on two halves of 31³, so it is a bijection of `0..31⁶` (887,503,681 > 10⁸) and no two
//! organizations of one seed share a body, whatever their divisions and kinds.

use crate::rng::mix;
use gongyi_types::uscc::ALPHABET;
use gongyi_types::{DivisionCode, OrgKind, Uscc, UsccError};

const HALF: u64 = 31 * 31 * 31;
/// Indices below this get distinct bodies.
pub(crate) const CAPACITY: u64 = HALF * HALF;

fn permute(seed: u64, i: u64) -> u64 {
    let x = i % CAPACITY;
    let (mut l, mut r) = (x / HALF, x % HALF);
    for round in 0..4u64 {
        let f = mix(seed ^ mix(r ^ (round << 32))) % HALF;
        (l, r) = (r, (l + f) % HALF);
    }
    l * HALF + r
}

/// The eight-character organization-code body of the i-th organization.
pub(crate) fn org_body(seed: u64, i: u64) -> [u8; 8] {
    let mut p = permute(seed, i);
    let mut out = *b"MJ000000";
    for slot in out[2..].iter_mut().rev() {
        *slot = ALPHABET[(p % 31) as usize];
        p /= 31;
    }
    out
}

/// Assembles the code: department `5` (民政), the kind's category, the registrar's division and
/// the body; both check characters are computed by [`Uscc::assemble`].
pub(crate) fn uscc(
    seed: u64,
    i: u64,
    kind: OrgKind,
    division: DivisionCode,
) -> Result<Uscc, UsccError> {
    let body = org_body(seed, i);
    // The body is ASCII from ALPHABET, so this never replaces anything.
    let body = String::from_utf8_lossy(&body);
    Uscc::assemble('5', kind.uscc_category(), &division.to_string(), &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn permutation_is_a_bijection_on_a_sample() {
        let seen: HashSet<u64> = (0..200_000).map(|i| permute(42, i)).collect();
        assert_eq!(seen.len(), 200_000);
        assert!(seen.iter().all(|&p| p < CAPACITY));
    }

    #[test]
    fn bodies_use_only_characters_both_standards_accept() {
        for i in [0, 1, 99_999_999, CAPACITY - 1] {
            let u = uscc(3, i, OrgKind::Foundation, DivisionCode::NATIONAL).unwrap();
            assert!(u.org_code().starts_with("MJ"));
            assert_eq!(u.division(), "100000");
            assert_eq!(u.category(), '3');
        }
    }
}
