//! The duplicate warning stays small for long lists: only the pairs it prints are kept, the
//! rest are counted. Once every pair was kept before 20 were printed: 32,000 facilities (32
//! names entered 1,000 times each) were 16 million pairs, 6.3 GB, and an abort under a memory
//! limit.

use lifecircle_core::circle::Facility;
use lifecircle_core::duplicates::first_suspected_duplicates_in;
use lifecircle_core::{Circle, load_builtin};

/// The most memory this process has held (its resident set's high-water mark, `VmHWM`), in
/// bytes; Linux only (the crate forbids `unsafe`, so no counting allocator).
#[cfg(target_os = "linux")]
fn peak_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        .expect("VmHWM in kB");
    kb * 1024
}

/// 32 names at 32 places, each entered 1,000 times (ids all different), as the review's list.
fn thirty_two_thousand() -> Circle {
    let mut c = Circle::from_json(r#"{"id":"c","name":"测试圈"}"#).expect("circle");
    c.facilities = (0..32_000)
        .map(|k| {
            let n = k % 32;
            Facility {
                id: Some(format!("F{k}")),
                location: Some([120.8 + 0.001 * f64::from(n), 27.929]),
                ..Facility::new("convenience_store", format!("示例店{n}"))
            }
        })
        .collect();
    c
}

#[test]
fn thirty_two_thousand_facilities_keep_the_twenty_pairs_printed() {
    let st = load_builtin("longwan-2024").expect("built in");
    let c = thirty_two_thousand();
    #[cfg(target_os = "linux")]
    let before = peak_bytes();
    let found = first_suspected_duplicates_in(&st, &c, 20);
    assert_eq!(found.first.len(), 20);
    assert_eq!((found.total, found.exact, found.more()), (15_984_000, true, 15_983_980));
    // The first pairs of the list: facility 0 with its copies 32, 64, …
    let got: Vec<(usize, usize)> = found.first.iter().map(|p| (p.first.index, p.second.index)).collect();
    assert_eq!(got, (1..=20).map(|k| (0, 32 * k)).collect::<Vec<_>>());
    // What the search holds: a few small vectors per facility (groups, places, the sort), not
    // a record per pair (16 million of them were 6.3 GB). The high-water mark of the whole
    // process grows by less than 64 MB (measured 2026-12-06: see the message when it fails).
    #[cfg(target_os = "linux")]
    {
        let grown = peak_bytes().saturating_sub(before);
        assert!(grown < 64 << 20, "the peak grew by {grown} bytes while searching 32,000 facilities");
    }
}
