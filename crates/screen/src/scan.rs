//! The scanner's inner loop.
//!
//! Per character: decode UTF-8, one load from the class table, one dependent load
//! from the automaton and two selects the compiler makes conditional moves (a
//! character of no name leads back to the root through the automaton's own
//! tables; a separator keeps the state) — no branch that depends on the text,
//! which would be mispredicted all the time. What limits speed is then the
//! latency of that chain, one character after the other, so a long text is cut in
//! two halves ("lanes") scanned in the same loop, each with its own state: the
//! processor overlaps the two chains. The first lane reads on past its end until
//! no name that started inside it can still be in progress, and each lane keeps
//! only names that start inside it, so every name is reported once.

use std::ops::Range;

use crate::automaton::{Automaton, ROOT};
use crate::classes::{Classes, SEPARATOR};

/// Texts shorter than this are scanned in one lane (splitting costs more than it
/// saves).
const MIN_TWO_LANES_BYTES: usize = 32 * 1024;

/// Where the automaton reached a state that ends at least one name.
#[derive(Debug, Clone)]
pub struct Hit {
    pub end_byte: usize,
    pub state: u32,
    /// The names to report start in this byte range (the lane's own part).
    pub starts: Range<usize>,
}

/// Every position of `text` where a name ends, as `Hit`s in no particular order
/// (a position may come twice, from two lanes, with disjoint `starts`).
pub fn scan(classes: &Classes, automaton: &Automaton, text: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    let scanner = Scanner {
        table: classes.bmp(),
        classes,
        automaton,
    };
    if text.len() < MIN_TWO_LANES_BYTES {
        scanner.run(text, 0, ROOT, &mut hits, 0..text.len());
        return hits;
    }
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) {
        middle += 1;
    }
    let (left, right) = (0..middle, middle..text.len());
    let (first, second) = text.split_at(middle);
    let (mut a, mut b) = (first.chars(), second.chars());
    let (mut sa, mut sb) = (ROOT, ROOT);
    // Both lanes step together while each surely has a character left: a
    // character has at most 4 bytes, so `rounds` steps cannot run out. Locals,
    // not arrays, so that both lanes' state stays in registers.
    loop {
        let rounds = (a.as_str().len() / 4).min(b.as_str().len() / 4);
        if rounds == 0 {
            break;
        }
        for _ in 0..rounds {
            let (Some(ca), Some(cb)) = (a.next(), b.next()) else {
                break;
            };
            sa = scanner.step(sa, ca);
            sb = scanner.step(sb, cb);
            let (ea, eb) = (scanner.automaton.ends(sa), scanner.automaton.ends(sb));
            if ea | eb {
                if ea {
                    scanner.report(ca, sa, left.end - a.as_str().len(), &left, &mut hits);
                }
                if eb {
                    scanner.report(cb, sb, right.end - b.as_str().len(), &right, &mut hits);
                }
            }
        }
    }
    let sa = scanner.run(
        a.as_str(),
        left.end - a.as_str().len(),
        sa,
        &mut hits,
        left.clone(),
    );
    scanner.read_past_end(text, left, sa, &mut hits);
    scanner.run(
        b.as_str(),
        right.end - b.as_str().len(),
        sb,
        &mut hits,
        right,
    );
    hits
}

struct Scanner<'s> {
    table: &'s [u16; 0x1_0000],
    classes: &'s Classes,
    automaton: &'s Automaton,
}

impl Scanner<'_> {
    #[inline(always)]
    fn class(&self, c: char) -> u16 {
        let cp = u32::from(c);
        if cp < 0x1_0000 {
            self.table[(cp & 0xFFFF) as usize]
        } else {
            self.classes.of(c)
        }
    }

    /// The state after `c`: a separator keeps the state (a select, not a branch).
    #[inline(always)]
    fn step(&self, state: u32, c: char) -> u32 {
        let class = self.class(c);
        let next = self.automaton.next(state, class);
        if class == SEPARATOR { state } else { next }
    }

    /// Records a hit at the character `c` ending at `end_byte`, unless `c` is a
    /// separator after a name (the state then still shows the name's end).
    #[cold]
    fn report(
        &self,
        c: char,
        state: u32,
        end_byte: usize,
        own: &Range<usize>,
        hits: &mut Vec<Hit>,
    ) {
        if self.class(c) != SEPARATOR {
            hits.push(Hit {
                end_byte,
                state,
                starts: own.clone(),
            });
        }
    }

    /// Scans `part`, which starts at byte `from` of the text, from `state`, for
    /// the lane that owns `own`; returns the state at the end.
    fn run(
        &self,
        part: &str,
        from: usize,
        mut state: u32,
        hits: &mut Vec<Hit>,
        own: Range<usize>,
    ) -> u32 {
        let mut chars = part.chars();
        while let Some(c) = chars.next() {
            state = self.step(state, c);
            if self.automaton.ends(state) {
                self.report(
                    c,
                    state,
                    from + part.len() - chars.as_str().len(),
                    &own,
                    hits,
                );
            }
        }
        state
    }

    /// Goes on after a lane's end while a name that started inside the lane may
    /// still be in progress: until the automaton's state (the longest name prefix
    /// being read) is no longer than what was read past the end.
    fn read_past_end(&self, text: &str, own: Range<usize>, mut state: u32, hits: &mut Vec<Hit>) {
        let mut name_chars = 0usize;
        let mut past = text.get(own.end..).unwrap_or("").char_indices();
        while self.automaton.depth(state) > name_chars {
            let Some((at, c)) = past.next() else { break };
            if self.class(c) == SEPARATOR {
                continue;
            }
            name_chars += 1;
            state = self.step(state, c);
            if self.automaton.ends(state) {
                self.report(c, state, own.end + at + c.len_utf8(), &own, hits);
            }
        }
    }
}
