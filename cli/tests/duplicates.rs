//! Suspected duplicate facilities: `score`, `verify` and `district` name them on stderr, and
//! change neither stdout nor the exit code.

use lifecircle_core::report::{self, Format};
use lifecircle_core::standard::Lang;
use lifecircle_core::{Circle, Date};

mod common;
use common::{lifecircle, sample_path, stderr, tmp};

/// The sample circle with two facilities entered again: F01 under another id, its category
/// by its Chinese name, its name with ASCII brackets, 11 m north; F07 without a place.
fn with_duplicates() -> String {
    let mut c: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample_path()).expect("sample")).expect("json");
    let fs = c["facilities"].as_array_mut().expect("facilities");
    let mut again = fs[0].clone();
    again["id"] = "F99".into();
    again["category"] = "便利店".into();
    again["name"] = "镇中便利店(示例)".into();
    again["location"][1] = (again["location"][1].as_f64().expect("lat") + 0.0001).into();
    let mut unplaced = fs[6].clone();
    unplaced["id"] = "F98".into();
    unplaced.as_object_mut().expect("object").remove("location");
    fs.push(again);
    fs.push(unplaced);
    serde_json::to_string_pretty(&c).expect("json")
}

const WARNED: &str = "可能是同一家店录入了两次";

#[test]
fn score_names_both_ids_on_stderr_and_writes_the_same_stdout() {
    let text = with_duplicates();
    let file = tmp("dup.json", &text);
    let f = file.to_str().expect("path");
    let st = lifecircle_core::load_builtin("longwan-2024").expect("standard");
    let a =
        lifecircle_core::score(&st, &Circle::from_json(&text).expect("circle"), Date::new(2025, 6, 30).expect("date"))
            .expect("scores");
    for (format, want) in [
        ("json", serde_json::to_string_pretty(&a).expect("json") + "\n"),
        ("text", report::render(&a, Lang::Zh, Format::Text) + "\n"),
    ] {
        let out = lifecircle(&["score", "-s", "longwan-2024", "--as-of", "2025-06-30", "--format", format, f]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{err}");
        // stdout is the assessment alone, as the core writes it: the warnings are not in it.
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{format}");
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(WARNED)).collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(lines[0].starts_with("⚠ ") && lines[0].contains(&format!("{f}：")), "{err}");
        assert!(
            lines[0].contains("设施 F01“镇中便利店（示例）”与 F99“镇中便利店(示例)”业态相同、名称相同、相距 11 米"),
            "{err}"
        );
        assert!(lines[0].contains(" / facilities F01 "), "Chinese first, then English: {err}");
        assert!(lines[1].contains("F07") && lines[1].contains("（F98 没有位置）"), "{err}");
    }
}

#[test]
fn the_sample_circle_gets_no_warning() {
    let sample = sample_path();
    let out = lifecircle(&["score", "-s", "longwan-2024", "--as-of", "2025-06-30", sample.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains(WARNED), "{}", stderr(&out));
}

#[test]
fn verify_and_district_warn_too_and_keep_their_outcome() {
    let file = tmp("dup-vd.json", &with_duplicates());
    let f = file.to_str().expect("path");
    let scored = lifecircle(&["score", "-s", "longwan-2024", "--as-of", "2025-06-30", "--format", "json", f]);
    assert_eq!(scored.status.code(), Some(0), "{}", stderr(&scored));
    let results = tmp("dup-vd-results.json", &String::from_utf8_lossy(&scored.stdout));

    let verified = lifecircle(&["verify", "-a", results.to_str().expect("path"), f]);
    let err = stderr(&verified);
    assert_eq!(verified.status.code(), Some(0), "{err}");
    assert!(String::from_utf8_lossy(&verified.stdout).contains("核验通过"), "{err}");
    assert!(!String::from_utf8_lossy(&verified.stdout).contains(WARNED), "warnings stay off stdout");
    assert_eq!(err.matches(WARNED).count(), 2, "{err}");
    assert!(err.contains("F01") && err.contains("F99") && err.contains("F98"), "{err}");

    let district = lifecircle(&["district", "-s", "longwan-2024", "--as-of", "2025-06-30", f]);
    let err = stderr(&district);
    assert_eq!(district.status.code(), Some(0), "{err}");
    assert!(!String::from_utf8_lossy(&district.stdout).contains(WARNED), "warnings stay off stdout");
    assert_eq!(err.matches(WARNED).count(), 2, "{err}");
}

/// A long list of one name without places is said in 20 lines and a count, not thousands.
#[test]
fn many_pairs_are_listed_twenty_and_counted() {
    let facilities: Vec<String> =
        (0..10).map(|i| format!(r#"{{"id":"S{i}","category":"convenience_store","name":"便利店"}}"#)).collect();
    let text = format!(r#"{{"id":"c","name":"某圈","facilities":[{}]}}"#, facilities.join(","));
    let file = tmp("dup-many.json", &text);
    let out = lifecircle(&["score", "-s", "longwan-2024", "--as-of", "2025-06-30", file.to_str().expect("path")]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    // 10 copies are 45 pairs.
    assert_eq!(err.matches(WARNED).count(), 20, "{err}");
    assert!(err.contains("… 另有 25 对疑似重复的设施 / 25 more suspected duplicate pairs"), "{err}");
}
