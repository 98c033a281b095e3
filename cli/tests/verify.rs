//! `verify` lists what a reader needs first: a difference in the input and the total before
//! the grade, the indicators, the dimensions, the gaps and the texts.

mod common;
use common::{lifecircle, sample_path, text, tmp};

/// The differences `verify` listed for the one assessment (`  - …` lines).
fn listed(out: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.strip_prefix("  - ")).map(str::to_string).collect()
}

/// One survey answer changed (satisfied 291 → 250): the evaluator sees that input and the total
/// first, never cut off by the cap, is told how to see the rest, and `--all` lists them.
#[test]
fn verify_lists_the_changed_input_and_the_total_first() {
    let sample = std::fs::read_to_string(sample_path()).expect("sample");
    let res = tmp("order-res.json", &common::scored_sample());
    assert_eq!(sample.matches("\"satisfied\": 291").count(), 1, "the sample's survey");
    let changed = tmp("order-circle.json", &sample.replace("\"satisfied\": 291", "\"satisfied\": 250"));
    let (res, changed) = (res.to_str().expect("path"), changed.to_str().expect("path"));

    let out = lifecircle(&["verify", "-a", res, changed]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let lines = listed(&out);
    let at =
        |what: &str| lines.iter().position(|l| l.starts_with(what)).unwrap_or_else(|| panic!("no {what}: {lines:#?}"));
    let input = at("indicators[33].inputs.satisfied [MC-R01]: 291 ≠ 250");
    let total = at("total: ");
    let grade = at("grade.grade.id: ");
    let points = at("indicators[33].points [MC-R01]: ");
    let dimension = at("dimensions[4].points [satisfaction]: ");
    assert!(input < total && total < grade && grade < points && points < dimension, "{lines:#?}");
    // The digest's line and the hint about network data come before the values.
    assert!(lines[..input].iter().all(|l| l.starts_with("输入不同") || l.starts_with("若评分时")), "{lines:#?}");
    // The rest are counted, with the option that lists them.
    let last = lines.last().expect("lines");
    assert!(last.starts_with("另有 ") && last.contains("--all") && last.contains("/ and "), "{lines:#?}");
    assert!(!lines.iter().any(|l| l.starts_with("grade.explanation")), "texts come last, cut here: {lines:#?}");

    let all = lifecircle(&["verify", "--all", "-a", res, changed]);
    assert_eq!(all.status.code(), Some(1), "{}", text(&all));
    let every = listed(&all);
    assert!(!every.iter().any(|l| l.starts_with("另有 ")), "{every:#?}");
    assert!(every.len() > lines.len(), "{every:#?}");
    // The texts last: the grade's and the indicator's explanations after every number.
    let explanation = every.iter().position(|l| l.starts_with("grade.explanation.zh")).expect("the grade's text");
    let gaps = every.iter().position(|l| l.starts_with("gaps")).expect("the gaps");
    assert!(gaps < explanation, "{every:#?}");
    assert_eq!(every[..lines.len() - 1], lines[..lines.len() - 1], "--all starts with the same lines");

    // The help names the option.
    let help = text(&lifecircle(&["verify", "--help"]));
    assert!(help.contains("--all"), "{help}");
}

/// An assessment with a key written twice is refused: serde_json keeps the last value, so a
/// file whose first `total` is 99 would pass as verified while a reader who takes the first
/// key sees 99 (found by a security review, 2026-12-06).
#[test]
fn verify_refuses_a_key_written_twice() {
    let json = common::scored_sample();
    let total = json.find("\"total\": ").expect("the total");
    let twice = format!("{}\"total\": 99.0, {}", &json[..total], &json[total..]);
    let res = tmp("twice-res.json", &twice);
    let sample = sample_path();
    let out = lifecircle(&["verify", "-a", res.to_str().expect("path"), sample.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1), "bad input: {}", text(&out));
    let said = text(&out);
    assert!(said.contains("键 `total` 写了两次") && said.contains("the key `total` is written twice"), "{said}");
    assert!(said.contains("twice-res.json") && said.contains("第 "), "names the file and the line: {said}");
    // The file as written by `score` still verifies.
    let res = tmp("once-res.json", &json);
    let out = lifecircle(&["verify", "-a", res.to_str().expect("path"), sample.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out));
}
