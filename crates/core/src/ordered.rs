//! Collecting into ordered sets and maps by inserting one item at a time.
//!
//! `collect()` into a `BTreeSet` or `BTreeMap` first sorts the items in a `Vec`, and the
//! sort's code (about 5 KB of wasm) is copied once for every iterator type collected
//! that way; inserting shares the tree's insertion code instead. Used where the
//! collections are small (a few hundred entries at most) and the code ships to every
//! visitor.

use std::collections::{BTreeMap, BTreeSet};

/// The set of `items`, as `collect()` would give it.
pub fn ordered_set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The map of `entries` (the last value of a repeated key kept), as `collect()` would give it.
pub fn ordered_map<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(entries);
    map
}

#[cfg(test)]
mod tests {
    use super::{ordered_map, ordered_set};
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    proptest! {
        #[test]
        fn they_collect_as_collect_does(entries in proptest::collection::vec((0u8..20, any::<u16>()), 0..40)) {
            prop_assert_eq!(ordered_map(entries.clone()), entries.iter().copied().collect::<BTreeMap<_, _>>());
            prop_assert_eq!(ordered_set(entries.clone()), entries.into_iter().collect::<BTreeSet<_>>());
        }
    }
}
