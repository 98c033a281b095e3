//! Lists of circles (the district dashboard's export) and circles given more than once: one
//! bad entry of a list is said of that entry, the others count (`score`, `verify`), and
//! `district`, which must count every circle, refuses and names it.

mod common;
use common::{lifecircle, sample_path, score_longwan, stderr, text, tmp};

/// The Longwan sample under another id and name.
fn circle(id: &str) -> serde_json::Value {
    let mut c: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample_path()).expect("sample")).expect("json");
    c["id"] = id.into();
    c["name"] = format!("{id} 生活圈").into();
    c
}

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("path")
}

/// A list of three circles whose second has a negative population: `score` writes the other
/// two, the very rows it writes for them as files of their own, names the second by its place
/// and line, and exits 1 (as a bad file among good ones does).
#[test]
fn one_bad_circle_of_a_list_is_named_and_the_others_are_scored() {
    let (a, c) = (circle("list-a"), circle("list-c"));
    let mut b = circle("list-b");
    b["population"] = (-5).into();
    let text_of_list = serde_json::to_string_pretty(&serde_json::json!([a, b, c])).expect("json");
    let list = tmp("one-bad.json", &text_of_list);
    let out = score_longwan("csv", &[path(&list)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The same table as for the good circles in files of their own.
    let (fa, fc) = (tmp("one-bad-a.json", &a.to_string()), tmp("one-bad-c.json", &c.to_string()));
    let alone = score_longwan("csv", &[path(&fa), path(&fc)]);
    assert!(alone.status.success(), "{}", text(&alone));
    assert_eq!(String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&alone.stdout));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3, "a header and two rows");
    // The bad one by its place in the list, at the line of its value.
    let line = text_of_list.lines().position(|l| l.contains("\"population\": -5")).expect("line") + 1;
    assert!(
        err.contains(&format!(
            "{}: 生活圈数据有误（1 个问题）/ invalid circle input (1 problem)\n  第 {line} 行",
            path(&list)
        )),
        "{err}"
    );
    assert!(err.contains("circles[1].population: 数值不合理：-5"), "{err}");
    assert!(err.contains("1 项未能评分（见上），其余 2 个生活圈已评分"), "{err}");
}

/// A list of three circles whose second has a value of the wrong type (`"population": "abc"`,
/// the facilities an object): the circle cannot even be read, and yet it is set apart as one
/// with an absurd value is. `score` writes the other two, the very rows it writes for them as
/// files of their own, names the second by its field in the list and its line in the file,
/// with the message it gets alone, and exits 1; `verify` verifies the two and tells an
/// assessment for the second that its entry is invalid; `district` names every bad circle and
/// writes no summary. (Before, the whole file was refused: `score` wrote no row.)
#[test]
fn a_circle_of_a_list_that_cannot_be_read_is_named_and_the_others_are_scored() {
    let (a, c) = (circle("tlist-a"), circle("tlist-c"));
    let mut b = circle("tlist-b");
    b["population"] = "abc".into();
    let text_of_list = serde_json::to_string_pretty(&serde_json::json!([a, b, c])).expect("json");
    let list = tmp("type-bad.json", &text_of_list);
    let out = score_longwan("csv", &[path(&list)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let (fa, fc) = (tmp("type-bad-a.json", &a.to_string()), tmp("type-bad-c.json", &c.to_string()));
    let alone = score_longwan("csv", &[path(&fa), path(&fc)]);
    assert!(alone.status.success(), "{}", text(&alone));
    assert_eq!(String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&alone.stdout));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3, "a header and two rows");
    // The line of the value, and its column: serde places a wrong value at its last character,
    // the closing quote of `"abc"`, found here by hand in the pretty-printed text.
    let row = text_of_list.lines().position(|l| l.contains("\"population\": \"abc\"")).expect("line");
    let l = &text_of_list.lines().nth(row).expect("line");
    let column = l.find("\"abc\"").expect("value") + "\"abc\"".len();
    let line = row + 1;
    assert!(
        err.contains(&format!(
            "{}: 生活圈数据有误（1 个问题）/ invalid circle input (1 problem)\n  第 {line} 行第 {column} 列 (line {line}, column \
             {column}): circles[1].population: 数据类型不对：应为数字，这里是文本 \"abc\" / invalid type: string \"abc\", \
             expected a number",
            path(&list)
        )),
        "{err}"
    );
    assert!(err.contains("1 项未能评分（见上），其余 2 个生活圈已评分"), "{err}");

    // verify: the two verify; an assessment said to be for the bad one is told its entry is invalid.
    let scored = score_longwan("json", &[path(&fa), path(&fc)]);
    let mut results: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("json");
    let mut for_b = results[0].clone();
    for_b["circle"]["id"] = "tlist-b".into();
    results.as_array_mut().expect("list").insert(1, for_b);
    let three = tmp("type-bad-three.json", &results.to_string());
    let out = lifecircle(&["verify", "-a", path(&three), path(&list)]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(said.contains("[0] tlist-a: 核验通过 verified"), "{said}");
    assert!(said.contains("[2] tlist-c: 核验通过 verified"), "{said}");
    assert!(said.contains(&format!("第 {line} 行第 {column} 列"),), "{said}");
    assert!(said.contains("circles[1].population: 数据类型不对：应为数字"), "{said}");
    assert!(
        said.contains(&format!(
            "[1] tlist-b: 无法核验 could not be verified: 文件中该生活圈的数据有误：{} circles[1]",
            path(&list)
        )),
        "{said}"
    );
    assert!(said.contains("文件中 1 个生活圈的数据有误"), "{said}");

    // district: every bad circle named, the one that cannot be read and one with an absurd value.
    let mut d = circle("tlist-d");
    d["population"] = (-5).into();
    let mut e = circle("tlist-e");
    e["facilities"] = serde_json::json!({});
    let four = tmp("type-bad-four.json", &serde_json::json!([b, circle("tlist-a"), d, e]).to_string());
    let out = lifecircle(&["district", "-s", "longwan-2024", "--as-of", "2026-12-07", path(&four)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "no summary: {}", String::from_utf8_lossy(&out.stdout));
    assert!(err.contains("circles[0].population: 数据类型不对：应为数字，这里是文本 \"abc\""), "{err}");
    assert!(err.contains("circles[2].population: 数值不合理：-5"), "{err}");
    assert!(err.contains("circles[3].facilities: 数据类型不对：应为列表（[…]），这里是对象 {…}"), "{err}");
    assert!(err.contains("未生成全区汇总"), "{err}");
}

/// `verify` checks the good circles of such a list; an assessment for the bad one is told that
/// its entry in the file is invalid (not that no file has its id), and the bad entry counts in
/// the summary even when no assessment is for it.
#[test]
fn verify_checks_the_good_circles_of_a_list_and_names_the_bad_entry() {
    let (a, c) = (circle("vlist-a"), circle("vlist-c"));
    let mut b = circle("vlist-b");
    b["population"] = (-5).into();
    let list = tmp("vlist.json", &serde_json::json!([a, b, c]).to_string());
    let (fa, fc) = (tmp("vlist-a.json", &a.to_string()), tmp("vlist-c.json", &c.to_string()));
    let scored = score_longwan("json", &[path(&fa), path(&fc)]);
    assert!(scored.status.success(), "{}", text(&scored));
    let mut results: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("json");
    let two = tmp("vlist-two.json", &results.to_string());
    // An assessment said to be for the bad circle (a's, under b's id).
    let mut for_b = results[0].clone();
    for_b["circle"]["id"] = "vlist-b".into();
    results.as_array_mut().expect("list").insert(1, for_b);
    let three = tmp("vlist-three.json", &results.to_string());

    let out = lifecircle(&["verify", "-a", path(&three), path(&list)]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(said.contains("[0] vlist-a: 核验通过 verified"), "{said}");
    assert!(said.contains("[2] vlist-c: 核验通过 verified"), "{said}");
    assert!(said.contains("circles[1].population: 数值不合理：-5"), "{said}");
    assert!(
        said.contains(&format!(
            "[1] vlist-b: 无法核验 could not be verified: 文件中该生活圈的数据有误：{} circles[1]（问题见上）/ this \
             circle's entry in the file is invalid: {} circles[1]",
            path(&list),
            path(&list)
        )),
        "{said}"
    );
    assert!(!said.contains("没有编号为"), "{said}");

    // No assessment for the bad circle: the two verify, and the bad entry still fails the run.
    let out = lifecircle(&["verify", "-a", path(&two), path(&list)]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("2 份评分结果中 2 份核验通过，文件中 1 个生活圈的数据有误"), "{t}");
}

/// `district` must count every circle: it refuses the list, and names the bad circle by its
/// place and field.
#[test]
fn district_refuses_a_list_with_a_bad_circle_and_names_it() {
    let mut b = circle("dlist-b");
    b["population"] = (-5).into();
    let list = tmp("dlist.json", &serde_json::json!([circle("dlist-a"), b]).to_string());
    let out = lifecircle(&["district", "-s", "longwan-2024", "--as-of", "2026-12-07", path(&list)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "no summary: {}", String::from_utf8_lossy(&out.stdout));
    assert!(err.contains(&format!("{}: 生活圈数据有误", path(&list))), "{err}");
    assert!(err.contains("circles[1].population: 数值不合理：-5"), "{err}");
    assert!(err.contains("未生成全区汇总"), "{err}");
}

/// One circle given twice (a file named twice, a circle listed twice) is verified once (it
/// blocked verify: "c.json 与 c.json 的生活圈编号相同"). Of circles that differ under one id,
/// the one whose input the assessment's digest names is verified, whichever comes first, and
/// the line says which; when that does not single one out, their places are named.
#[test]
fn a_circle_given_twice_is_verified_and_different_ones_are_told_apart_by_the_digest() {
    let c = circle("twice");
    let file = tmp("twice.json", &c.to_string());
    let scored = score_longwan("json", &[path(&file)]);
    assert!(scored.status.success(), "{}", text(&scored));
    let res = tmp("twice-res.json", &String::from_utf8(scored.stdout).expect("utf8"));
    let verify = |circles: &[&std::path::Path]| {
        let mut args = vec!["verify", "-a", path(&res)];
        args.extend(circles.iter().map(|p| path(p)));
        lifecircle(&args)
    };
    let all_verified = "全部 1 份评分结果核验通过 / all 1 assessment(s) verified";

    let out = verify(&[&file, &file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains(all_verified), "{}", text(&out));
    let listed_twice = tmp("twice-listed.json", &serde_json::json!([c, c]).to_string());
    let out = verify(&[&listed_twice]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // Another circle under the same id (a population since corrected): the scored one is
    // found by the digest, given first or last.
    let mut other = c.clone();
    other["population"] = (other["population"].as_f64().expect("population") + 1.0).into();
    let other_file = tmp("twice-other.json", &other.to_string());
    for order in [[other_file.as_path(), file.as_path()], [file.as_path(), other_file.as_path()]] {
        let out = verify(&order);
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        assert!(
            said.contains(&format!(
                "（编号相同的 2 个生活圈中按评分结果的输入摘要核验 {} / of 2 circles with this id, {} is the input",
                path(&file),
                path(&file)
            )),
            "{said}"
        );
        assert!(said.contains(all_verified), "{said}");
    }

    // Neither is the scored input: both places named, by position in the list.
    let mut third = other.clone();
    third["households"] = (third["households"].as_f64().expect("households") + 1.0).into();
    let neither = tmp("twice-neither.json", &serde_json::json!([other, third]).to_string());
    let out = verify(&[&neither]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let (p0, p1) = (format!("{} circles[0]", path(&neither)), format!("{} circles[1]", path(&neither)));
    assert!(
        said.contains(&format!("无法核验 could not be verified: {p0}、{p1} 的生活圈编号都是 \"twice\"，内容不同，且没有一个与评分结果的输入摘要相符")),
        "{said}"
    );

    // Two that differ only where the digest does not look (the facilities' order) are both
    // the scored input: neither is taken for the other, both named.
    let mut reordered = c.clone();
    reordered["facilities"].as_array_mut().expect("facilities").reverse();
    assert_ne!(reordered, c);
    let both = tmp("twice-both.json", &serde_json::json!([c, reordered]).to_string());
    let out = verify(&[&both]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let (p0, p1) = (format!("{} circles[0]", path(&both)), format!("{} circles[1]", path(&both)));
    assert!(said.contains(&format!("其中 {p0}、{p1} 都与评分结果的输入摘要相符")), "{said}");
}
