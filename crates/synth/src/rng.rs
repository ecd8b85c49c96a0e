//! A small SplitMix64 generator (Steele, Lea & Flood, "Fast splittable pseudorandom number
//! generators", OOPSLA 2014).
//!
//! Our own and not `rand::rngs::StdRng`: rand documents that StdRng's algorithm may change
//! between releases, and the synthetic data must stay byte-identical for a seed.

/// SplitMix64 finalizer: a bijective 64-bit mix.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// One stream per (seed, index, purpose).
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64, i: u64, purpose: u64) -> Self {
        Rng(mix(
            mix(seed ^ purpose.wrapping_mul(GAMMA)) ^ i.wrapping_mul(GAMMA)
        ))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GAMMA);
        mix(self.0)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias is below 2⁻⁴⁰ for our `n`).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi` (`lo` when `hi < lo`).
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A uniformly chosen element; `s` must not be empty.
    pub(crate) fn pick<'a, T>(&mut self, s: &'a [T]) -> &'a T {
        &s[self.below(s.len() as u64) as usize]
    }

    /// A uniformly chosen word; `s` must not be empty.
    pub(crate) fn word(&mut self, s: &[&'static str]) -> &'static str {
        s[self.below(s.len() as u64) as usize]
    }

    /// An element chosen with the given integer weights; `s` must have a positive total.
    pub(crate) fn weighted<'a, T>(&mut self, s: &'a [(T, u32)]) -> &'a T {
        let total: u64 = s.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut r = self.below(total);
        for (v, w) in s {
            let w = u64::from(*w);
            if r < w {
                return v;
            }
            r -= w;
        }
        &s[s.len() - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_differ_and_repeat() {
        let a: Vec<u64> = (0..4).map(|_| Rng::new(1, 2, 0).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::new(1, 2, 0).next_u64(), Rng::new(1, 3, 0).next_u64());
        assert_ne!(Rng::new(1, 2, 0).next_u64(), Rng::new(2, 2, 0).next_u64());
        let mut r = Rng::new(7, 7, 7);
        for _ in 0..1000 {
            assert!(r.below(10) < 10);
            assert!((3..=5).contains(&r.range(3, 5)));
            assert_eq!(*r.weighted(&[('a', 0), ('b', 1)]), 'b');
        }
    }
}
