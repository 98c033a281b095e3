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

/// A province's hand-over: the assessments of 50 circles as `score` wrote them for a list, the
/// circles given back in another order, some in a list and some in files of their own. Each
/// assessment finds its circle by id (found by a sorted index, no longer by a search of every
/// file), and one circle given twice, one missing and one without an assessment are each said.
#[test]
fn verify_finds_each_circle_of_a_shuffled_batch_by_id() {
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample_path()).expect("sample")).expect("json");
    let circle = |i: usize| {
        let mut c = base.clone();
        c["id"] = format!("330303{i:06}-c").into();
        c["name"] = format!("第{i}号生活圈").into();
        c
    };
    let all: Vec<serde_json::Value> = (0..50).map(circle).collect();
    let list = tmp("batch-circles.json", &serde_json::to_string(&all).expect("json"));
    let scored = common::score_longwan("json", &[list.to_str().expect("path")]);
    assert!(scored.status.success(), "{}", text(&scored));
    let res = tmp("batch-res.json", &String::from_utf8(scored.stdout).expect("utf8"));
    let res = res.to_str().expect("path");

    // Shuffled: 37 is prime to 50, so 0, 37, 24, … is every circle once.
    let order: Vec<usize> = (0..50).map(|k| k * 37 % 50).collect();
    let listed: Vec<&serde_json::Value> = order[..40].iter().map(|&i| &all[i]).collect();
    let shuffled = tmp("batch-shuffled.json", &serde_json::to_string(&listed).expect("json"));
    let mut args = vec!["verify".to_string(), "-a".into(), res.into(), shuffled.to_str().expect("path").into()];
    for &i in order[40..].iter().rev() {
        let f = tmp(&format!("batch-one-{i}.json"), &serde_json::to_string(&all[i]).expect("json"));
        args.push(f.to_str().expect("path").into());
    }
    let out = lifecircle(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(said.matches("核验通过 verified").count(), 50, "{said}");
    assert!(said.ends_with("全部 50 份评分结果核验通过 / all 50 assessment(s) verified\n"), "{said}");
    // Each assessment's line names the circle it verified, in the assessments' order.
    for i in 0..50 {
        assert!(said.contains(&format!("[{i}] 330303{i:06}-c: 核验通过")), "{i}: {said}");
    }

    // One circle left out, one listed twice (verified once), one listed again with another
    // name (neither copy is the scored input: both named), one no assessment is for.
    let mut less: Vec<serde_json::Value> = order[1..].iter().map(|&i| all[i].clone()).collect();
    less.push(all[order[5]].clone());
    let mut renamed = all[order[6]].clone();
    renamed["name"] = "改过名的生活圈".into();
    let at = less.iter().position(|c| *c == all[order[6]]).expect("listed");
    less[at]["name"] = "另一个名字".into();
    less.push(renamed);
    less.push(circle(77));
    let less = tmp("batch-less.json", &serde_json::to_string(&less).expect("json"));
    let out = lifecircle(&["verify", "-a", res, less.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let (gone, twice, other) = (order[0], order[5], order[6]);
    assert!(said.contains(&format!("没有编号为 \"330303{gone:06}-c\" 的生活圈文件")), "{said}");
    assert!(said.contains(&format!("[{twice}] 330303{twice:06}-c: 核验通过")), "{said}");
    let l = less.to_str().expect("path");
    assert!(
        said.contains(&format!("{l} circles[{at}]、{l} circles[50] 的生活圈编号都是 \"330303{other:06}-c\"，内容不同")),
        "{said}"
    );
    assert!(said.contains("330303000077-c: 没有对应的评分结果"), "{said}");
    // The summary is the last line of stdout, as when all verify.
    assert!(
        said.trim_end().ends_with(
            "50 份评分结果中 48 份核验通过，2 份无法核验，1 个生活圈没有评分结果 / 48 of 50 assessment(s) verified, 2 \
             could not be verified, 1 circle(s) have no assessment"
        ),
        "{said}"
    );
    assert!(!common::stderr(&out).contains("份核验通过"), "{}", text(&out));
}
