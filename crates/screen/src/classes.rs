//! Character classes: what the scanner sees of each character of a text.
//!
//! Every character of the names gets a class of its own (after folding, so `國`
//! and `国` share one); every separator is [`SEPARATOR`]; everything else is
//! [`OTHER`], which ends any partial match. The classes of all BMP code points are
//! computed once per screener into a 128 KiB table indexed by code point, so the
//! scanner folds and classifies a character with one load.

use std::collections::HashMap;

use crate::error::BuildError;
use crate::fold::fold;

/// A character that occurs in no name: ends any partial match.
pub const OTHER: u16 = 0;
/// A separator: skipped.
pub const SEPARATOR: u16 = 1;
/// The first class of a name character.
pub const FIRST_NAME_CLASS: u16 = 2;

#[derive(Debug, Clone)]
pub struct Classes {
    /// Class of each BMP code point (surrogates are never looked up).
    bmp: Box<[u16; 0x1_0000]>,
    /// Class of each name character outside the BMP (after folding).
    astral: HashMap<char, u16>,
    count: usize,
}

impl Classes {
    /// Assigns classes to the folded characters of the names, in code-point order
    /// so that the same list always gives the same classes.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, BuildError> {
        let mut chars: Vec<char> = names.into_iter().flat_map(str::chars).collect();
        chars.sort_unstable();
        chars.dedup();
        let max = usize::from(u16::MAX - FIRST_NAME_CLASS);
        if chars.len() > max {
            return Err(BuildError::TooManyCharacters { max });
        }
        let of_char: HashMap<char, u16> = chars
            .iter()
            .zip(FIRST_NAME_CLASS..)
            .map(|(&c, class)| (c, class))
            .collect();
        let mut bmp = Box::new([OTHER; 0x1_0000]);
        for (cp, class) in (0u32..).zip(bmp.iter_mut()) {
            *class = match char::from_u32(cp) {
                None => OTHER,
                Some(c) => match fold(c) {
                    None => SEPARATOR,
                    Some(folded) => of_char.get(&folded).copied().unwrap_or(OTHER),
                },
            };
        }
        let astral = of_char
            .into_iter()
            .filter(|(c, _)| u32::from(*c) >= 0x1_0000)
            .collect();
        Ok(Self {
            bmp,
            astral,
            count: usize::from(FIRST_NAME_CLASS) + chars.len(),
        })
    }

    /// Number of classes, [`OTHER`] and [`SEPARATOR`] included.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The class table of the BMP, for the scanner's inner loop.
    #[inline(always)]
    pub fn bmp(&self) -> &[u16; 0x1_0000] {
        &self.bmp
    }

    /// The class of any character.
    pub fn of(&self, c: char) -> u16 {
        let cp = u32::from(c);
        if cp < 0x1_0000 {
            return self.bmp[(cp & 0xFFFF) as usize];
        }
        match fold(c) {
            None => SEPARATOR,
            Some(folded) if u32::from(folded) < 0x1_0000 => {
                self.bmp[(u32::from(folded) & 0xFFFF) as usize]
            }
            Some(folded) => self.astral.get(&folded).copied().unwrap_or(OTHER),
        }
    }

    pub fn heap_bytes(&self) -> usize {
        2 * self.bmp.len() + 8 * self.astral.len()
    }
}
