//! 重复: two records with one name at one registration authority. 《社会组织名称管理办法》
//! (民政部令第69号) 第五条 gives each organization one name, protected by law, and 第十六条 forbids
//! a new name equal to one the same authority has registered (in the same field and form): two
//! live records under one name at one authority are a record entered twice, or a name that
//! should never have been approved. Either way the legitimacy lookup, which answers by name,
//! cannot tell them apart.
//!
//! Names are compared after folding (spaces, punctuation, full/half width, traditional and
//! simplified, case): the caller folds them — with `gongyi_screen::normalize_name`, the
//! lookup's own key — since this crate depends on nothing of the project. Near-same names
//! (one character apart) are not grouped here: comparing every pair of an authority's names
//! costs too much at 1,000,000 records; the lookup's similarity search finds them one at a
//! time.

use super::{Problem, Rule};
use crate::DivisionCode;

/// Records sharing one folded name at one authority, in the order they were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateGroup<I> {
    pub division: DivisionCode,
    pub members: Vec<I>,
}

/// The groups of two or more entries with the same registrar division and the same folded
/// name `K` (a string, or a 64-bit hash of it when memory counts — the caller then confirms the
/// names). `I` identifies a record (its code). Groups come in (division, key) order.
pub fn duplicate_groups<K: Ord, I>(
    mut entries: Vec<(DivisionCode, K, I)>,
) -> Vec<DuplicateGroup<I>> {
    // Stable, so each group keeps the given order (the registry's: code order).
    entries.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut groups = vec![];
    let mut it = entries.into_iter().peekable();
    while let Some((division, key, id)) = it.next() {
        let mut members = vec![id];
        while let Some((_, _, next)) = it.next_if(|(d, k, _)| *d == division && *k == key) {
            members.push(next);
        }
        if members.len() > 1 {
            groups.push(DuplicateGroup { division, members });
        }
    }
    groups
}

/// How many of the other records a message names before saying how many more there are.
const NAMED: usize = 3;

/// The problem of one member of a group: `others` are the other members as (code, name).
pub fn duplicate_problem(others: &[(&str, &str)]) -> Problem {
    let named: Vec<String> = others
        .iter()
        .take(NAMED)
        .map(|(code, name)| format!("“{name}”（{code}）"))
        .collect();
    let more = if others.len() > NAMED {
        format!("等{}家", others.len())
    } else {
        String::new()
    };
    Problem::new(
        Rule::DuplicateName,
        "名称",
        format!("与同一登记管理机关登记的{}{more}名称相同", named.join("、")),
    )
}
