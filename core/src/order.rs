//! Stable sorting through one shared instance of std's sort.
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call site with its
//! own closure links its own copy of std's sort (about 3 KB of wasm each). These functions sort
//! the positions `0..n` (always `usize`, always the same comparison type) and then move the
//! elements into that order, so one copy serves every call. The result is exactly that of
//! `sort_by`: stable, equal elements keep their order.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like [`slice::sort_by`].
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions_in_order(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, order);
}

/// Sorts `v` stably by `key`, like [`slice::sort_by_key`].
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..n` in the order `cmp` puts them (stable: ties keep ascending positions).
fn positions_in_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`, following each cycle of
/// the permutation with swaps (`order` is used up as the record of what is done).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut j = start;
        loop {
            let k = order[j];
            order[j] = j;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// A fixed pseudo-random sequence (xorshift64) for this crate's tests.
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against std's stable sort, on keys with many ties (stability shows) and every length
    /// up to 40, from a fixed pseudo-random sequence.
    #[test]
    fn same_order_as_std_stable_sort() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        for len in 0..=40 {
            for _ in 0..25 {
                let v: Vec<(u64, usize)> = (0..len).map(|i| (next() % 5, i)).collect();
                let mut ours = v.clone();
                let mut std = v.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                std.sort_by_key(|x| x.0);
                assert_eq!(ours, std);
                let mut ours = v.clone();
                let mut std = v;
                sort_by_key(&mut ours, |x| std::cmp::Reverse(x.0));
                std.sort_by_key(|x| std::cmp::Reverse(x.0));
                assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn moves_elements_that_own_memory() {
        let mut v: Vec<String> = ["d", "b", "a", "c", "b"].iter().map(|s| s.to_string()).collect();
        sort_by(&mut v, |a, b| a.cmp(b));
        assert_eq!(v, ["a", "b", "b", "c", "d"]);
    }
}
