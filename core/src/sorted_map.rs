//! [`SortedMap`]: the circle's maps from text keys (figures, surveys, checklist answers,
//! evaluator points, nearest distances), kept as a vector sorted by key.
//!
//! It reads, writes and compares like `BTreeMap<String, V>` (a JSON object, keys in order),
//! except that a key written twice in the JSON is an error naming it, where `BTreeMap` silently
//! keeps the last value (a checklist item answered 已落实, then 尚未落实 further down, changed the
//! score without a word). Its code is a binary search over a vector, where each
//! `BTreeMap<String, V>` links its own node-splitting and merging code for every value type
//! (about 48 KB of the widgets' wasm for seven types). These maps hold tens of entries, where a
//! sorted vector is also the faster one.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A map from `String` keys, iterated in key order.
#[derive(Clone, PartialEq)]
pub struct SortedMap<V> {
    items: Vec<(String, V)>,
}

impl<V> Default for SortedMap<V> {
    fn default() -> Self {
        SortedMap { items: Vec::new() }
    }
}

impl<V> SortedMap<V> {
    pub const fn new() -> Self {
        SortedMap { items: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.items.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.items[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.find(key).ok().map(|i| &mut self.items[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.items[i].1, value)),
            Err(i) => {
                self.items.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.items.remove(i).1)
    }

    /// The entry of `key`, for `or_insert` and `or_insert_with`.
    pub fn entry(&mut self, key: String) -> Entry<'_, V> {
        Entry { map: self, key }
    }

    /// Keys and values in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.items.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.items.iter().map(|(k, _)| k)
    }
}

/// A key of a [`SortedMap`] that may or may not be there.
pub struct Entry<'a, V> {
    map: &'a mut SortedMap<V>,
    key: String,
}

impl<'a, V> Entry<'a, V> {
    pub fn or_insert(self, value: V) -> &'a mut V {
        self.or_insert_with(|| value)
    }

    pub fn or_insert_with(self, f: impl FnOnce() -> V) -> &'a mut V {
        let i = match self.map.find(&self.key) {
            Ok(i) => i,
            Err(i) => {
                self.map.items.insert(i, (self.key, f()));
                i
            }
        };
        &mut self.map.items[i].1
    }
}

impl<V> FromIterator<(String, V)> for SortedMap<V> {
    /// Like `BTreeMap`: a repeated key keeps its last value.
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut m = SortedMap::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

/// `map["key"]`, as for a `BTreeMap`: panics when the key is not there.
impl<V> std::ops::Index<&str> for SortedMap<V> {
    type Output = V;

    fn index(&self, key: &str) -> &V {
        self.get(key).expect("key not found")
    }
}

impl<'a, V> IntoIterator for &'a SortedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter().map(|(k, v)| (k, v))
    }
}

impl<V: fmt::Debug> fmt::Debug for SortedMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for SortedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SortedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = SortedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut m = SortedMap::new();
                while let Some(k) = access.next_key::<String>()? {
                    // Refused as soon as the key is read, so that the error is placed at it (as
                    // serde's own `duplicate field` of a struct is).
                    let at = match m.find(&k) {
                        Ok(_) => return Err(serde::de::Error::custom(format_args!("duplicate key `{k}`"))),
                        Err(at) => at,
                    };
                    let v = access.next_value::<V>()?;
                    // (a key after all the others, as keys written in order come, moves none)
                    m.items.insert(at, (k, v));
                }
                Ok(m)
            }
        }
        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

#[cfg(feature = "schema")]
impl<V: schemars::JsonSchema> schemars::JsonSchema for SortedMap<V> {
    fn inline_schema() -> bool {
        <std::collections::BTreeMap<String, V> as schemars::JsonSchema>::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V> as schemars::JsonSchema>::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V> as schemars::JsonSchema>::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, V> as schemars::JsonSchema>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// The same operations on a `BTreeMap` and a `SortedMap` leave the same contents, in the
    /// same order, and the same JSON.
    #[test]
    fn behaves_like_a_btreemap() {
        let mut next = crate::order::xorshift(0x9e37_79b9_7f4a_7c15);
        let mut ours = SortedMap::new();
        let mut std = BTreeMap::new();
        for step in 0..2000 {
            let key = format!("k{}", next() % 40);
            match next() % 4 {
                0 | 1 => assert_eq!(ours.insert(key.clone(), step), std.insert(key, step)),
                2 => assert_eq!(ours.remove(&key), std.remove(&key)),
                _ => {
                    *ours.entry(key.clone()).or_insert(0) += 1;
                    *std.entry(key).or_insert(0) += 1;
                }
            }
            assert_eq!(ours.len(), std.len());
        }
        assert!(ours.iter().eq(std.iter()));
        assert_eq!(serde_json::to_string(&ours).unwrap(), serde_json::to_string(&std).unwrap());
        let back: SortedMap<i32> = serde_json::from_str(&serde_json::to_string(&std).unwrap()).unwrap();
        assert!(back == ours);
        for key in std.keys() {
            assert_eq!(ours[key.as_str()], std[key]);
        }
        let missing = std::panic::catch_unwind(|| ours["not a key"]);
        assert!(missing.is_err(), "a missing key panics, as a BTreeMap's does");
    }

    #[test]
    fn reads_json_like_a_btreemap() {
        // Unordered keys come out in order.
        let text = r#"{"b": 2, "a": 1, "c": 3, "d": 4}"#;
        let ours: SortedMap<i32> = serde_json::from_str(text).unwrap();
        let std: BTreeMap<String, i32> = serde_json::from_str(text).unwrap();
        assert!(ours.iter().eq(std.iter()));
        assert_eq!(ours.get("a"), Some(&1));
        assert!(serde_json::from_str::<SortedMap<i32>>("[1, 2]").is_err());
        assert!(serde_json::from_str::<SortedMap<i32>>(r#"{"a": "x"}"#).is_err());
    }

    /// A key written twice is refused, placed at its second writing, where a `BTreeMap` keeps
    /// the last value without a word.
    #[test]
    fn a_key_written_twice_is_an_error_at_its_second_writing() {
        let text = "{\"b\": 2, \"a\": 1,\n \"a\": 4}";
        let std: BTreeMap<String, i32> = serde_json::from_str(text).unwrap();
        assert_eq!(std["a"], 4, "what a BTreeMap does");
        let e = serde_json::from_str::<SortedMap<i32>>(text).unwrap_err();
        assert_eq!(e.to_string(), "duplicate key `a` at line 2 column 4");
        // Before its value is read: a second value of the wrong type is not what is said.
        let e = serde_json::from_str::<SortedMap<i32>>(r#"{"a": 1, "a": "x"}"#).unwrap_err();
        assert!(e.to_string().starts_with("duplicate key `a`"), "{e}");
        // The same key in two maps is no repetition.
        let two: Vec<SortedMap<i32>> = serde_json::from_str(r#"[{"a": 1}, {"a": 2}]"#).unwrap();
        assert_eq!((two[0]["a"], two[1]["a"]), (1, 2));
    }
}
