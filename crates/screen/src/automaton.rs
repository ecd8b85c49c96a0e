//! Aho–Corasick automaton (Aho & Corasick 1975) over character classes, with its
//! transition function precomputed (a DFA) and stored in a double array (Aoe 1989).
//!
//! Screening must keep up with 500 MB/s of text against 10,000 names, so each
//! character costs one dependent load here: no failure links are followed while
//! scanning. The DFA is large if stored densely (states × classes), but almost all
//! of it is "the same as from the root"; only the transitions that differ are
//! stored, each state's in its own slots of one shared array. A state *is* the
//! offset of its slots (its "base", unique per state): the transition on `class`
//! is `slots[state + class]` when that slot's `check` is `state`, and otherwise
//! the root's transition, read from a small dense row.

use std::cmp::Reverse;
use std::collections::{BTreeMap, VecDeque};

/// The start state.
pub const ROOT: u32 = 0;

#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The state that owns this slot, or `u32::MAX` when free.
    check: u32,
    /// The target state.
    next: u32,
}

const FREE: Slot = Slot {
    check: u32::MAX,
    next: ROOT,
};

#[derive(Debug, Clone)]
pub struct Automaton {
    /// Transition from the root on each class.
    root: Box<[u32]>,
    /// Every `state + class` is inside, so a lookup never falls off the end.
    slots: Box<[Slot]>,
    /// Whether each state ends a pattern: a load beside the transition's, off
    /// the chain of dependent loads, where a flag bit in the state would add an
    /// instruction to that chain.
    ends: Box<[bool]>,
    /// The trie node of each state (by base), for its outputs; `u32::MAX` where
    /// no state has that base.
    node_of: Box<[u32]>,
    /// Length of the name prefix each node stands for.
    depth: Box<[u32]>,
    /// Patterns ending at node `n`: `outputs[out_start[n]..out_start[n + 1]]`.
    out_start: Box<[u32]>,
    outputs: Box<[u32]>,
}

/// More trie nodes than the 31-bit states hold.
#[derive(Debug)]
pub struct TooManyStates;

impl Automaton {
    /// Builds the automaton of `patterns` (sequences of classes, each `< classes`).
    /// Pattern `i` is reported as `i`.
    pub fn build(patterns: &[Vec<u16>], classes: usize) -> Result<Self, TooManyStates> {
        let trie = Trie::new(patterns)?;
        let n = trie.children.len();

        // Breadth-first: failure links, outputs along the failure chain, and the
        // DFA rows that differ from the root's (as trie nodes).
        let mut root_row = vec![0u32; classes];
        for (&class, &child) in &trie.children[0] {
            if let Some(slot) = root_row.get_mut(usize::from(class)) {
                *slot = child;
            }
        }
        let mut fail = vec![0u32; n];
        let mut depth = vec![0u32; n];
        let mut outputs = trie.ends.clone();
        let mut rows: Vec<BTreeMap<u16, u32>> = vec![BTreeMap::new(); n];
        let mut queue: VecDeque<u32> = trie.children[0].values().copied().collect();
        // The root's children are never a child in the loop below: their depth is set here
        // (left at 0, a name starting with the last character before a lane's end was
        // missed: `scan::read_past_end` stops at once).
        for &child in &queue {
            depth[child as usize] = 1;
        }
        while let Some(node) = queue.pop_front() {
            let s = node as usize;
            let mut row = rows[fail[s] as usize].clone();
            for (&class, &child) in &trie.children[s] {
                row.insert(class, child);
                let c = child as usize;
                // A depth-1 node fails to the root; deeper ones follow their parent.
                let f = rows[fail[s] as usize]
                    .get(&class)
                    .copied()
                    .unwrap_or_else(|| root_row[usize::from(class)]);
                fail[c] = f;
                depth[c] = depth[s] + 1;
                let inherited = outputs[f as usize].clone();
                outputs[c].extend(inherited);
                queue.push_back(child);
            }
            rows[s] = row;
        }

        let base = place(&rows)?;
        let state = |node: u32| base[node as usize];
        let top = base.iter().copied().max().unwrap_or(0) as usize;
        let mut slots = vec![FREE; top + classes.max(1)];
        for (node, row) in rows.iter().enumerate() {
            let b = base[node];
            for (&class, &target) in row {
                if let Some(slot) = slots.get_mut(b as usize + usize::from(class)) {
                    *slot = Slot {
                        check: b,
                        next: state(target),
                    };
                }
            }
        }
        let mut node_of = vec![u32::MAX; top + 1];
        let mut ends = vec![false; top + 1];
        for (node, &b) in base.iter().enumerate() {
            node_of[b as usize] = node as u32;
            ends[b as usize] = !outputs[node].is_empty();
        }
        let mut out_start = Vec::with_capacity(n + 1);
        let mut flat = Vec::new();
        for outs in &outputs {
            out_start.push(flat.len() as u32);
            flat.extend(outs.iter().copied());
        }
        out_start.push(flat.len() as u32);
        Ok(Self {
            root: root_row.into_iter().map(state).collect(),
            slots: slots.into(),
            ends: ends.into(),
            node_of: node_of.into(),
            depth: depth.into(),
            out_start: out_start.into(),
            outputs: flat.into(),
        })
    }

    /// The state after reading `class` in `state` (a state returned by this
    /// function, or [`ROOT`]).
    #[inline(always)]
    pub fn next(&self, state: u32, class: u16) -> u32 {
        let s = state;
        let slot = self
            .slots
            .get(s as usize + usize::from(class))
            .copied()
            .unwrap_or(FREE);
        let from_root = self.root.get(usize::from(class)).copied().unwrap_or(ROOT);
        // A select, not a branch: which way it goes depends on the text and would
        // be mispredicted often.
        if slot.check == s {
            slot.next
        } else {
            from_root
        }
    }

    /// Whether some pattern ends in `state`.
    #[inline(always)]
    pub fn ends(&self, state: u32) -> bool {
        self.ends.get(state as usize).copied().unwrap_or(false)
    }

    /// The patterns that end in `state`, shortest last.
    pub fn outputs(&self, state: u32) -> &[u32] {
        let Some(&node) = self.node_of.get(state as usize) else {
            return &[];
        };
        let node = node as usize;
        let start = self.out_start.get(node).copied().unwrap_or(0) as usize;
        let end = self.out_start.get(node + 1).copied().unwrap_or(0) as usize;
        self.outputs.get(start..end).unwrap_or(&[])
    }

    /// How many name characters `state` has read of the longest name it may be
    /// in the middle of (0 for the root).
    pub fn depth(&self, state: u32) -> usize {
        self.node_of
            .get(state as usize)
            .and_then(|&node| self.depth.get(node as usize))
            .map_or(0, |&d| d as usize)
    }

    /// Bytes held by the tables (for benchmarks and capacity planning).
    pub fn heap_bytes(&self) -> usize {
        self.ends.len()
            + 4 * (self.root.len()
                + self.node_of.len()
                + self.depth.len()
                + self.out_start.len()
                + self.outputs.len())
            + 8 * self.slots.len()
    }
}

/// The trie of the patterns: state 0 is the root.
struct Trie {
    children: Vec<BTreeMap<u16, u32>>,
    /// Patterns that end exactly at each state.
    ends: Vec<Vec<u32>>,
}

impl Trie {
    fn new(patterns: &[Vec<u16>]) -> Result<Self, TooManyStates> {
        let mut trie = Trie {
            children: vec![BTreeMap::new()],
            ends: vec![Vec::new()],
        };
        for (index, pattern) in patterns.iter().enumerate() {
            let mut state = 0usize;
            for &class in pattern {
                let next = trie.children.len();
                let child = *trie.children[state].entry(class).or_insert(next as u32);
                if child as usize == next {
                    if next >= u32::MAX as usize {
                        return Err(TooManyStates);
                    }
                    trie.children.push(BTreeMap::new());
                    trie.ends.push(Vec::new());
                }
                state = child as usize;
            }
            trie.ends[state].push(index as u32);
        }
        Ok(trie)
    }
}

/// Gives every trie node a base, unique among nodes, such that the slots
/// `base + class` of its row are free: first fit, largest rows first (they are
/// the hardest to fit and the holes they leave take the small ones), then the
/// nodes without a row take the lowest bases left. The root's base is 0.
fn place(rows: &[BTreeMap<u16, u32>]) -> Result<Vec<u32>, TooManyStates> {
    let mut base = vec![0u32; rows.len()];
    let mut free = FreeSlots::default();
    let mut taken_base: Vec<bool> = vec![true];
    let base_taken = |v: &[bool], i: usize| v.get(i).copied().unwrap_or(false);
    let take_base = |v: &mut Vec<bool>, i: usize| {
        if i >= v.len() {
            v.resize(i + 1, false);
        }
        v[i] = true;
    };
    let mut order: Vec<usize> = (1..rows.len()).filter(|&s| !rows[s].is_empty()).collect();
    order.sort_by_key(|&s| (Reverse(rows[s].len()), s));
    for node in order {
        let classes: Vec<usize> = rows[node].keys().map(|&c| usize::from(c)).collect();
        let lowest = classes.first().copied().unwrap_or(0);
        // Candidates: each free slot for the lowest class, in order.
        let mut at = free.first_at_or_after(lowest);
        let b = loop {
            let b = at - lowest;
            if !base_taken(&taken_base, b) && classes.iter().all(|&c| free.is_free(b + c)) {
                break b;
            }
            at = free.first_at_or_after(at + 1);
        };
        for &c in &classes {
            free.take(b + c);
        }
        take_base(&mut taken_base, b);
        base[node] = u32::try_from(b).map_err(|_| TooManyStates)?;
    }
    let mut next_base = 0usize;
    for node in 1..rows.len() {
        if rows[node].is_empty() {
            while base_taken(&taken_base, next_base) {
                next_base += 1;
            }
            take_base(&mut taken_base, next_base);
            base[node] = u32::try_from(next_base).map_err(|_| TooManyStates)?;
        }
    }
    Ok(base)
}

/// The free slots, with "first free slot at or after `i`" in near-constant time
/// (a disjoint-set forest whose roots are free slots, path halving), so that
/// placing a row skips the filled stretches instead of walking them.
#[derive(Default)]
struct FreeSlots {
    /// `next[i] == i` for a free slot; for a taken one, a later slot to look at.
    /// Slots past the end are free.
    next: Vec<usize>,
}

impl FreeSlots {
    fn is_free(&self, i: usize) -> bool {
        self.next.get(i).is_none_or(|&n| n == i)
    }

    fn first_at_or_after(&mut self, mut i: usize) -> usize {
        while let Some(&n) = self.next.get(i) {
            if n == i {
                return i;
            }
            let after = self.next.get(n).copied().unwrap_or(n);
            self.next[i] = after;
            i = after;
        }
        i
    }

    fn take(&mut self, i: usize) {
        if i >= self.next.len() {
            let len = self.next.len();
            self.next.extend(len..=i);
        }
        self.next[i] = i + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{Automaton, ROOT};

    /// Runs the automaton over `text` (one class per item) and lists
    /// `(end position, pattern)` of every hit.
    fn hits(a: &Automaton, text: &[u16]) -> Vec<(usize, u32)> {
        let mut state = ROOT;
        let mut found = Vec::new();
        for (i, &c) in text.iter().enumerate() {
            state = if c == 0 { ROOT } else { a.next(state, c) };
            if a.ends(state) {
                found.extend(a.outputs(state).iter().map(|&p| (i + 1, p)));
            }
        }
        found.sort_unstable();
        found
    }

    #[test]
    fn finds_overlapping_and_nested_patterns() {
        // he, she, his, hers over classes h=2 e=3 s=4 i=5 r=6
        let patterns = vec![vec![2, 3], vec![4, 2, 3], vec![2, 5, 4], vec![2, 3, 6, 4]];
        let a = Automaton::build(&patterns, 7).expect("small automaton");
        // "ushers" with u = other (0)
        let text = [0, 4, 2, 3, 6, 4];
        assert_eq!(hits(&a, &text), vec![(4, 0), (4, 1), (6, 3)]);
        assert_eq!(hits(&a, &[2, 5, 4, 2, 3]), vec![(3, 2), (5, 0), (5, 1)]);
        assert_eq!(hits(&a, &[]), vec![]);
    }

    #[test]
    fn depth_counts_the_characters_of_the_prefix() {
        let a = Automaton::build(&[vec![2, 3], vec![2, 3, 4]], 5).expect("small automaton");
        let mut state = ROOT;
        assert_eq!(a.depth(state), 0);
        for (class, depth) in [(2, 1), (3, 2), (4, 3)] {
            state = a.next(state, class);
            assert_eq!(a.depth(state), depth);
        }
    }
}
