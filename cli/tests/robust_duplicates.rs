//! The duplicate warning on long lists: 20 pairs printed and the rest counted, exactly, or
//! "at least" when there are too many pairs of places to measure; never every pair held in
//! memory first (32,000 facilities were 6.3 GB and 20 s, or an abort under a memory limit).

mod common;
use common::{lifecircle, stderr, tmp};

const WARNED: &str = "可能是同一家店录入了两次";

/// A circle of `facilities` (JSON objects).
fn circle(facilities: &[String]) -> String {
    format!(r#"{{"id":"c","name":"某圈","facilities":[{}]}}"#, facilities.join(","))
}

fn warnings(file: &str) -> String {
    let out = lifecircle(&["score", "-s", "longwan-2024", "--as-of", "2025-06-30", file]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err.matches(WARNED).count(), 20, "{err}");
    err
}

/// 3,000 copies of one shop at one place (4,498,500 pairs): counted exactly.
#[test]
fn copies_at_one_place_are_counted_exactly() {
    let fs: Vec<String> = (0..3000)
        .map(|i| {
            format!(r#"{{"id":"S{i}","category":"convenience_store","name":"便利店","location":[120.8125,27.929]}}"#)
        })
        .collect();
    let file = tmp("dup-3000.json", &circle(&fs));
    let err = warnings(file.to_str().expect("path"));
    assert!(err.contains("设施 S0“便利店”与 S1“便利店”业态相同、名称相同、位置相同"), "{err}");
    assert!(err.contains("\n  … 另有 4498480 对疑似重复的设施 / 4498480 more suspected duplicate pairs\n"), "{err}");
}

/// 7,000 shops of one name at 7,000 places within 20 m of each other (24,496,500 pairs of
/// places): past the core's limit of measurements, said as "at least".
#[test]
fn too_many_places_to_measure_are_at_least() {
    let m = 1.0 / 111_195.0;
    let fs: Vec<String> = (0..7000)
        .map(|i| {
            let (lon, lat) = (120.8125 + f64::from(i % 100) * 0.2 * m, 27.929 + f64::from(i / 100) * 0.2 * m);
            format!(r#"{{"id":"S{i}","category":"convenience_store","name":"便利店","location":[{lon},{lat}]}}"#)
        })
        .collect();
    let file = tmp("dup-dense.json", &circle(&fs));
    let err = warnings(file.to_str().expect("path"));
    let line = err.lines().find(|l| l.contains("… 另有")).unwrap_or_else(|| panic!("no count: {err}"));
    let n: u64 = line
        .split("至少 ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not \"at least\": {line}"));
    assert_eq!(line, format!("  … 另有至少 {n} 对疑似重复的设施 / at least {n} more suspected duplicate pairs"));
    assert!((lifecircle_core::duplicates::WORK_LIMIT..24_496_500).contains(&n), "{line}");
}
