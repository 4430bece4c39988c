//! Ordered maps and sets as sorted vectors: the crate's one ordered-map shape.
//!
//! `std`'s `BTreeMap` compiles its node code (insert, remove with rebalancing, merge, steal,
//! iteration) again for every key and value type: about 160 KB of wasm for the crate's
//! seventeen instantiations. The maps here are small and bounded (brokers, partitions, groups,
//! members, at most a few thousand entries), so a sorted `Vec` serves as well: a binary search,
//! a `Vec::insert` or `Vec::remove`, and iteration over a slice, in the same key order as
//! `BTreeMap`, with the same method names, so output and behaviour are unchanged. Building
//! from an iterator sorts once with the crate's one sort (`util::order`), so a 10,000-entry
//! reassignment file is `O(n log n)`, not `O(n²)`.

use super::order::sort_by;
use std::borrow::Borrow;
use std::fmt;

/// A map ordered by key, stored as a sorted `Vec` of pairs. The subset of `BTreeMap`'s API the
/// crate uses, with the same meaning.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct OrdMap<K, V> {
    v: Vec<(K, V)>,
}

/// A set ordered by value: an `OrdMap` to `()`. The subset of `BTreeSet`'s API the crate uses,
/// with the same meaning.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct OrdSet<T> {
    m: OrdMap<T, ()>,
}

impl<K, V> Default for OrdMap<K, V> {
    fn default() -> Self {
        OrdMap { v: Vec::new() }
    }
}

impl<T> Default for OrdSet<T> {
    fn default() -> Self {
        OrdSet { m: OrdMap::new() }
    }
}

impl<K, V> OrdMap<K, V> {
    pub const fn new() -> Self {
        OrdMap { v: Vec::new() }
    }
    pub fn len(&self) -> usize {
        self.v.len()
    }
    pub fn is_empty(&self) -> bool {
        self.v.is_empty()
    }
    pub fn clear(&mut self) {
        self.v.clear();
    }
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter(self.v.iter())
    }
    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        IterMut(self.v.iter_mut())
    }
    pub fn keys(&self) -> Keys<'_, K, V> {
        Keys(self.v.iter())
    }
    pub fn values(&self) -> Values<'_, K, V> {
        Values(self.v.iter())
    }
    pub fn values_mut(&mut self) -> ValuesMut<'_, K, V> {
        ValuesMut(self.v.iter_mut())
    }
    pub fn into_keys(self) -> IntoKeys<K, V> {
        IntoKeys(self.v.into_iter())
    }
    pub fn into_values(self) -> IntoValues<K, V> {
        IntoValues(self.v.into_iter())
    }
    pub fn first_key_value(&self) -> Option<(&K, &V)> {
        self.v.first().map(|(k, v)| (k, v))
    }
    pub fn last_key_value(&self) -> Option<(&K, &V)> {
        self.v.last().map(|(k, v)| (k, v))
    }
    pub fn pop_first(&mut self) -> Option<(K, V)> {
        (!self.v.is_empty()).then(|| self.v.remove(0))
    }
    pub fn pop_last(&mut self) -> Option<(K, V)> {
        self.v.pop()
    }
    /// Keeps the entries for which `f` returns true, in order (as `BTreeMap::retain`).
    pub fn retain(&mut self, mut f: impl FnMut(&K, &mut V) -> bool) {
        self.v.retain_mut(|(k, v)| f(k, v));
    }
}

impl<K: Ord, V> OrdMap<K, V> {
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.v.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.v[i].1)
    }
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &mut self.v[i].1)
    }
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }
    /// Inserts or replaces the value (the key already there stays), as `BTreeMap::insert`.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        if self.v.last().is_none_or(|(last, _)| *last < key) {
            self.v.push((key, value));
            return None;
        }
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.v[i].1, value)),
            Err(i) => {
                self.v.insert(i, (key, value));
                None
            }
        }
    }
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.v.remove(i).1)
    }
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        let at = self.find(&key);
        Entry { v: &mut self.v, at, key }
    }
    /// Moves every entry of `other` into `self` (its values win on equal keys).
    pub fn append(&mut self, other: &mut Self) {
        self.extend(std::mem::take(&mut other.v));
    }
}

/// A place in an `OrdMap`, occupied or not (as `btree_map::Entry`).
pub struct Entry<'a, K, V> {
    v: &'a mut Vec<(K, V)>,
    at: Result<usize, usize>,
    key: K,
}

impl<'a, K, V> Entry<'a, K, V> {
    pub fn key(&self) -> &K {
        match self.at {
            Ok(i) => &self.v[i].0,
            Err(_) => &self.key,
        }
    }
    pub fn or_insert_with(self, value: impl FnOnce() -> V) -> &'a mut V {
        let i = match self.at {
            Ok(i) => i,
            Err(i) => {
                self.v.insert(i, (self.key, value()));
                i
            }
        };
        &mut self.v[i].1
    }
    pub fn or_insert(self, value: V) -> &'a mut V {
        self.or_insert_with(|| value)
    }
    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
    pub fn and_modify(self, f: impl FnOnce(&mut V)) -> Self {
        if let Ok(i) = self.at {
            f(&mut self.v[i].1);
        }
        self
    }
}

/// Sorts by key (stable) and keeps the last value of equal keys: `collect()`'s and
/// `extend()`'s meaning for `BTreeMap`.
fn settle<K: Ord, V>(v: &mut Vec<(K, V)>) {
    if v.windows(2).all(|w| w[0].0 < w[1].0) {
        return;
    }
    sort_by(v, |a, b| a.0.cmp(&b.0));
    v.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            std::mem::swap(&mut later.1, &mut kept.1);
        }
        same
    });
}

impl<K: Ord, V> Extend<(K, V)> for OrdMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        self.v.extend(iter);
        settle(&mut self.v);
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for OrdMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = OrdMap::new();
        m.extend(iter);
        m
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for OrdMap<K, V> {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> std::ops::Index<&Q> for OrdMap<K, V> {
    type Output = V;
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry found for key")
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for OrdMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: serde::Serialize, V: serde::Serialize> serde::Serialize for OrdMap<K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<T> OrdSet<T> {
    pub const fn new() -> Self {
        OrdSet { m: OrdMap::new() }
    }
    pub fn len(&self) -> usize {
        self.m.len()
    }
    pub fn is_empty(&self) -> bool {
        self.m.is_empty()
    }
    pub fn clear(&mut self) {
        self.m.clear();
    }
    pub fn iter(&self) -> Keys<'_, T, ()> {
        self.m.keys()
    }
    pub fn first(&self) -> Option<&T> {
        self.m.first_key_value().map(|(k, _)| k)
    }
    pub fn last(&self) -> Option<&T> {
        self.m.last_key_value().map(|(k, _)| k)
    }
    pub fn pop_first(&mut self) -> Option<T> {
        self.m.pop_first().map(|(k, _)| k)
    }
    pub fn retain(&mut self, mut f: impl FnMut(&T) -> bool) {
        self.m.retain(|k, _| f(k));
    }
}

impl<T: Ord> OrdSet<T> {
    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.m.contains_key(value)
    }
    /// Adds `value`; false if it was there (the value already there stays).
    pub fn insert(&mut self, value: T) -> bool {
        self.m.insert(value, ()).is_none()
    }
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.m.remove(value).is_some()
    }
}

impl<T: Ord> Extend<T> for OrdSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.m.extend(iter.into_iter().map(|t| (t, ())));
    }
}

impl<T: Ord> FromIterator<T> for OrdSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        OrdSet { m: iter.into_iter().map(|t| (t, ())).collect() }
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for OrdSet<T> {
    fn from(values: [T; N]) -> Self {
        values.into_iter().collect()
    }
}

impl<T: fmt::Debug> fmt::Debug for OrdSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: serde::Serialize> serde::Serialize for OrdSet<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'a, T> IntoIterator for &'a OrdSet<T> {
    type Item = &'a T;
    type IntoIter = Keys<'a, T, ()>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T> IntoIterator for OrdSet<T> {
    type Item = T;
    type IntoIter = IntoKeys<T, ()>;
    fn into_iter(self) -> Self::IntoIter {
        self.m.into_keys()
    }
}

/// An iterator over a map's entries, wrapping the slice's iterator.
macro_rules! iter {
    ($(#[$doc:meta])* $name:ident<$($l:lifetime,)? K, V>, $inner:ty, $item:ty, |$p:pat_param| $e:expr) => {
        $(#[$doc])*
        pub struct $name<$($l,)? K, V>($inner);
        impl<$($l,)? K, V> Iterator for $name<$($l,)? K, V> {
            type Item = $item;
            fn next(&mut self) -> Option<$item> {
                self.0.next().map(|$p| $e)
            }
            fn size_hint(&self) -> (usize, Option<usize>) {
                self.0.size_hint()
            }
        }
        impl<$($l,)? K, V> DoubleEndedIterator for $name<$($l,)? K, V> {
            fn next_back(&mut self) -> Option<$item> {
                self.0.next_back().map(|$p| $e)
            }
        }
        impl<$($l,)? K, V> ExactSizeIterator for $name<$($l,)? K, V> {}
    };
}

iter!(Iter<'a, K, V>, std::slice::Iter<'a, (K, V)>, (&'a K, &'a V), |(k, v)| (k, v));
iter!(IterMut<'a, K, V>, std::slice::IterMut<'a, (K, V)>, (&'a K, &'a mut V), |(k, v)| (&*k, v));
iter!(Keys<'a, K, V>, std::slice::Iter<'a, (K, V)>, &'a K, |(k, _)| k);
iter!(Values<'a, K, V>, std::slice::Iter<'a, (K, V)>, &'a V, |(_, v)| v);
iter!(ValuesMut<'a, K, V>, std::slice::IterMut<'a, (K, V)>, &'a mut V, |(_, v)| v);
iter!(IntoKeys<K, V>, std::vec::IntoIter<(K, V)>, K, |(k, _)| k);
iter!(IntoValues<K, V>, std::vec::IntoIter<(K, V)>, V, |(_, v)| v);

impl<'a, K, V> Clone for Iter<'a, K, V> {
    fn clone(&self) -> Self {
        Iter(self.0.clone())
    }
}

impl<'a, K, V> IntoIterator for &'a OrdMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, K, V> IntoIterator for &'a mut OrdMap<K, V> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<K, V> IntoIterator for OrdMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.v.into_iter()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[derive(Debug, Clone)]
    enum Op {
        Insert(u8, u16),
        Remove(u8),
        Entry(u8, u16),
        Extend(Vec<(u8, u16)>),
        Retain(u8),
        PopFirst,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (any::<u8>(), any::<u16>()).prop_map(|(k, v)| Op::Insert(k % 40, v)),
            any::<u8>().prop_map(|k| Op::Remove(k % 40)),
            (any::<u8>(), any::<u16>()).prop_map(|(k, v)| Op::Entry(k % 40, v)),
            proptest::collection::vec((0u8..40, any::<u16>()), 0..12).prop_map(Op::Extend),
            (1u8..5).prop_map(Op::Retain),
            Just(Op::PopFirst),
        ]
    }

    proptest! {
        /// The same operations on an `OrdMap`/`OrdSet` and on `BTreeMap`/`BTreeSet` give the same
        /// answers and the same entries in the same order.
        #[test]
        fn behaves_as_the_standard_b_tree(ops in proptest::collection::vec(op(), 0..80)) {
            let (mut ours, mut std) = (OrdMap::new(), BTreeMap::new());
            let (mut our_set, mut std_set) = (OrdSet::new(), BTreeSet::new());
            for op in ops {
                match op {
                    Op::Insert(k, v) => {
                        prop_assert_eq!(ours.insert(k, v), std.insert(k, v));
                        prop_assert_eq!(our_set.insert(k), std_set.insert(k));
                    }
                    Op::Remove(k) => {
                        prop_assert_eq!(ours.remove(&k), std.remove(&k));
                        prop_assert_eq!(our_set.remove(&k), std_set.remove(&k));
                    }
                    Op::Entry(k, v) => {
                        // Wrapping, so a value of u16::MAX is not an overflow in the test itself.
                        let x = ours.entry(k).and_modify(|x| *x = x.wrapping_add(v)).or_insert(v);
                        *x = x.wrapping_add(1);
                        let y = std.entry(k).and_modify(|x: &mut u16| *x = x.wrapping_add(v)).or_insert(v);
                        *y = y.wrapping_add(1);
                    }
                    Op::Extend(pairs) => {
                        ours.extend(pairs.clone());
                        std.extend(pairs.clone());
                        our_set.extend(pairs.iter().map(|p| p.0));
                        std_set.extend(pairs.iter().map(|p| p.0));
                    }
                    Op::Retain(m) => {
                        ours.retain(|k, _| k % m == 0);
                        std.retain(|k, _| k % m == 0);
                        our_set.retain(|k| k % m != 0);
                        std_set.retain(|k| k % m != 0);
                    }
                    Op::PopFirst => {
                        prop_assert_eq!(ours.pop_first(), std.pop_first());
                        prop_assert_eq!(our_set.pop_first(), std_set.pop_first());
                    }
                }
                prop_assert_eq!(ours.iter().collect::<Vec<_>>(), std.iter().collect::<Vec<_>>());
                prop_assert_eq!(our_set.iter().collect::<Vec<_>>(), std_set.iter().collect::<Vec<_>>());
                prop_assert_eq!(format!("{ours:?}"), format!("{std:?}"));
                prop_assert_eq!(ours.get(&7), std.get(&7));
            }
        }

        #[test]
        fn collects_as_the_standard_b_tree(pairs in proptest::collection::vec((0u8..30, any::<u16>()), 0..60)) {
            let ours: OrdMap<_, _> = pairs.iter().copied().collect();
            let std: BTreeMap<_, _> = pairs.iter().copied().collect();
            prop_assert_eq!(ours.into_iter().collect::<Vec<_>>(), std.into_iter().collect::<Vec<_>>());
        }
    }

    #[test]
    fn looks_up_strings_by_str_and_serializes_as_a_map() {
        let mut m: OrdMap<String, u32> = OrdMap::new();
        m.insert("b".into(), 2);
        m.insert("a".into(), 1);
        assert_eq!(m.get("a"), Some(&1));
        assert_eq!(m["b"], 2);
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"a":1,"b":2}"#);
        assert_eq!(m.entry("c".into()).key(), "c");
        let s: OrdSet<u8> = [3, 1, 3].into();
        assert_eq!(serde_json::to_string(&s).unwrap(), "[1,3]");
    }
}
