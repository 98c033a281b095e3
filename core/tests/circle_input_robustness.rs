//! Circle inputs that were read wrong without a word, or slowly (the robustness review of
//! 2026-12-06): a survey under a key the standard does not have, a key written twice in one of
//! the circle's maps, a boundary that encloses nothing or leaves out the circle's own centre,
//! problems placed one reading of the text per problem, and positions at column 0.

use std::time::{Duration, Instant};

use lifecircle_core::circle::InputProblem;
use lifecircle_core::standard::Lang;
use lifecircle_core::{Circle, load_builtin};

fn sample() -> &'static str {
    lifecircle_core::example::example("longwan-2024").expect("the sample").json
}

/// A survey under a key the standard does not ask was dropped, and the satisfaction indicator
/// scored as missing data. It is refused as an unknown figure is, naming `surveys.<key>` and
/// the key nearest it.
#[test]
fn a_survey_the_standard_does_not_ask_is_named_with_the_key_nearest() {
    let as_of = lifecircle_core::Date::new(2025, 6, 30).expect("date");
    let surveys = |st: &lifecircle_core::Standard, c: &Circle| -> Vec<InputProblem> {
        match lifecircle_core::score(st, c, as_of) {
            Ok(_) => Vec::new(),
            Err(e) => e.problems.into_iter().filter(|p| p.field.starts_with("surveys.")).collect(),
        }
    };
    let st = load_builtin("longwan-2024").expect("standard");
    let mut c = Circle::from_json(sample()).expect("the sample");
    assert!(lifecircle_core::score(&st, &c, as_of).is_ok(), "the sample's `overall` is asked");
    let survey = c.surveys.remove("overall").expect("the sample has a survey");
    c.surveys.insert("overal".into(), survey.clone());
    c.surveys.insert("residents".into(), survey.clone());
    let problems = surveys(&st, &c);
    let got: Vec<_> = problems.iter().map(|p| (p.code, p.field.as_str())).collect();
    assert_eq!(got, [("unknown_figure", "surveys.overal"), ("unknown_figure", "surveys.residents")]);
    assert_eq!(
        problems[0].to_string(),
        "surveys.overal: 本标准（longwan-2024）没有满意度调查“overal”— 是不是 overall？这项调查不会计入，请改为 overall / \
         `overal` is not a survey of longwan-2024 (did you mean `overall`?): it would not be counted"
    );
    assert_eq!(
        problems[1].text(Lang::Zh),
        "本标准（longwan-2024）没有满意度调查“residents”，这项调查不会计入：本标准的调查名为 overall"
    );
    assert_eq!(
        problems[1].message,
        "`residents` is not a survey of longwan-2024 (its surveys: `overall`): it would not be counted"
    );
    // Placed in the text, as an unknown figure is.
    let text = sample().replace("\"overall\": {", "\"overal\": {");
    let mut e = lifecircle_core::score(&st, &Circle::from_json(&text).expect("circle"), as_of).unwrap_err();
    e.locate(&text);
    let line = text[..text.find("\"overal\"").unwrap()].matches('\n').count() as u32 + 1;
    assert_eq!(
        e.problems.iter().map(|p| (p.field.as_str(), p.line)).collect::<Vec<_>>(),
        [("surveys.overal", Some(line))]
    );
    // A standard with no satisfaction indicator asks for no survey at all.
    let gb = load_builtin("gb50180-2018").expect("standard");
    let mut c = Circle::from_json(r#"{"id":"a","name":"b"}"#).expect("circle");
    c.surveys.insert("overall".into(), survey);
    let p = surveys(&gb, &c);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].text(Lang::Zh), "本标准（gb50180-2018）没有满意度调查指标，调查“overall”不会计入：请删去这条");
}

/// A key written twice in any of the circle's maps is refused at its second writing (line and
/// column), as a field written twice in the circle is; the last value silently won (a
/// checklist item answered 已落实, then 尚未落实 further down, lost 3 points without a word).
#[test]
fn a_key_written_twice_in_a_map_is_named_with_its_line() {
    let maps = [
        (r#""figures": {"x": 1,"#, r#""x": 2}"#, "figures.x"),
        (
            r#""surveys": {"overall": {"respondents": 10, "satisfied": 5},"#,
            r#""overall": {"respondents": 10, "satisfied": 1}}"#,
            "surveys.overall",
        ),
        (r#""checklist": {"MC-L04": {"done": true},"#, r#""MC-L04": {"done": false}}"#, "checklist.MC-L04"),
        (r#""evaluator": {"LW-E01": {"points": 3, "note": "n"},"#, r#""LW-E01": {"points": 0}}"#, "evaluator.LW-E01"),
        (r#""walking": {"nearest_m": {"pharmacy": 100,"#, r#""pharmacy": 900}}"#, "walking.nearest_m.pharmacy"),
        (
            r#""walking": {"nearest_name": {"pharmacy": "甲药店","#,
            r#""pharmacy": "乙药店"}}"#,
            "walking.nearest_name.pharmacy",
        ),
        (
            r#""walking": {"origins": [{"id": "o", "population": 5, "nearest_m": {"pharmacy": 1,"#,
            r#""pharmacy": 2}}]}"#,
            "walking.origins[0].nearest_m.pharmacy",
        ),
    ];
    for (first, second, field) in maps {
        let text = format!("{{\"id\": \"a\", \"name\": \"b\",\n  {first}\n  {second}\n}}");
        let key = field.rsplit('.').next().unwrap();
        for e in [Circle::from_json(&text).unwrap_err(), Circle::parse_json(&text).unwrap_err()] {
            let p = &e.problems[0];
            // The column of the closing quote of the second key (serde's place for a field
            // written twice too).
            let column = 2 + key.chars().count() as u32 + 2;
            assert_eq!((p.code, p.field.as_str(), p.line, p.column), ("json", field, Some(3), Some(column)), "{text}");
            assert_eq!(p.message, format!("duplicate key `{key}`"));
            assert!(
                p.text(Lang::Zh).starts_with(&format!("“{key}”写了两次：同一项只能写一次")),
                "{}",
                p.text(Lang::Zh)
            );
        }
    }
    // The repeated answer of the review, in the sample: refused, where it scored 3 points less.
    let at = sample().find("\"checklist\": {").expect("a checklist") + "\"checklist\": {".len();
    let text = format!("{}\n    \"MC-L04\": {{\"done\": false}},{}", &sample()[..at], &sample()[at..]);
    let p = &Circle::from_json(&text).unwrap_err().problems[0];
    let line = sample()[..at].matches('\n').count() as u32 + 3;
    assert_eq!((p.field.as_str(), p.line), ("checklist.MC-L04", Some(line)), "{p}");
    // The same key in two maps, or in two circles' maps, is no repetition.
    let c = Circle::from_json(r#"{"id":"a","name":"b","figures":{"x":1},"walking":{"nearest_m":{"x":1}}}"#);
    assert!(c.is_ok(), "{c:?}");
    let two = r#"[{"id":"a","name":"A","figures":{"x":1}}, {"id":"b","name":"B","figures":{"x":2}}]"#;
    assert_eq!(Circle::parse_json_list(two).expect("two circles").len(), 2);
    // A field of the circle written twice reads the same way (it was 格式错误 and serde's English).
    let p = &Circle::from_json("{\"id\":\"a\",\"name\":\"b\",\"population\":1,\n\"population\":2}")
        .unwrap_err()
        .problems[0];
    assert_eq!((p.field.as_str(), p.line), ("population", Some(2)));
    assert!(p.text(Lang::Zh).starts_with("“population”写了两次"), "{}", p.text(Lang::Zh));
}

/// A circle at the review's centre with `boundary` (on line 3) as written.
fn bounded(boundary: &str) -> String {
    format!(
        "{{\"id\": \"a\", \"name\": \"b\",\n  \"location\": {{\"centre\": [120.8125, 27.929],\n    \"boundary\": {boundary}}}\n}}"
    )
}

/// The boundary's problems, placed in the text.
fn boundary_problems(boundary: &str) -> Vec<InputProblem> {
    let text = bounded(boundary);
    let problems = Circle::parse_json(&text).expect("reads, absurd values kept").check();
    assert_eq!(
        Circle::from_json(&text).err().map(|e| e.problems).unwrap_or_default(),
        problems,
        "from_json refuses them"
    );
    let mut e = lifecircle_core::InputError { problems };
    e.locate(&text);
    e.problems
}

/// A boundary of fewer than three distinct points, or all on one line, encloses nothing: every
/// facility from data was dropped as outside it (one or two points were silently ignored).
#[test]
fn a_boundary_that_encloses_nothing_is_refused() {
    let p = |boundary: &str| {
        let problems = boundary_problems(boundary);
        assert_eq!(problems.len(), 1, "{boundary}: {problems:?}");
        problems.into_iter().next().unwrap()
    };
    let one = "[120.81, 27.92]";
    let cases = [
        (format!("[{one}, {one}, {one}, {one}, {one}]"), 1),
        ("[]".to_string(), 0),
        (format!("[{one}]"), 1),
        (format!("[{one}, [120.82, 27.93]]"), 2),
        (format!("[{one}, [120.82, 27.93], {one}]"), 2),
    ];
    for (boundary, distinct) in cases {
        let p = p(&boundary);
        assert_eq!(
            (p.code, p.field.as_str(), p.line, p.column),
            ("out_of_range", "location.boundary", Some(3), Some(17))
        );
        assert_eq!(
            p.message,
            format!(
                "a boundary needs at least 3 distinct points, found {distinct}: it encloses no area, and every facility from data would lie outside it"
            )
        );
        assert!(
            p.text(Lang::Zh).starts_with(&format!("边界至少要有 3 个不同的点才能围成区域，这里只有 {distinct} 个")),
            "{p}"
        );
    }
    // Three points and more on one line (through the centre, so it is not outside either).
    let p = p("[[120.80, 27.929], [120.81, 27.929], [120.83, 27.929], [120.80, 27.929]]");
    assert_eq!((p.code, p.field.as_str()), ("out_of_range", "location.boundary"));
    assert!(p.message.starts_with("the boundary's 4 points lie on one line"), "{}", p.message);
    assert!(p.text(Lang::Zh).starts_with("边界各点在一条直线上，围不成区域"), "{p}");
    // A point that is not a coordinate is said once, as such.
    let problems = boundary_problems("[[120.81, 27.92], [200, 27.93]]");
    let got: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(got, ["location.boundary[1]"]);
}

/// A centre outside its own boundary (a boundary drawn elsewhere, or copied from another
/// circle) would leave every facility from data out of the circle: refused, on the boundary.
#[test]
fn a_centre_outside_its_boundary_is_refused() {
    let outside = [
        // The review's: a boundary across the antimeridian, nowhere near the centre.
        "[[179.9, 10], [-179.9, 10], [-179.9, 11], [179.9, 11]]",
        // Copied from a circle 20 km away.
        "[[120.60, 27.92], [120.62, 27.92], [120.62, 27.94], [120.60, 27.94]]",
        // In the notch of a U: inside its bounding box, outside the ring.
        "[[120.80, 27.92], [120.83, 27.92], [120.83, 27.94], [120.82, 27.94], [120.82, 27.925], [120.81, 27.925], [120.81, 27.94], [120.80, 27.94]]",
    ];
    for boundary in outside {
        let problems = boundary_problems(boundary);
        let got: Vec<_> = problems.iter().map(|p| (p.code, p.field.as_str(), p.line)).collect();
        assert_eq!(got, [("inconsistent", "location.boundary", Some(3))], "{boundary}");
        let p = &problems[0];
        assert!(p.message.starts_with("the centre [120.8125, 27.929] lies outside the circle's own boundary"), "{p}");
        assert!(p.text(Lang::Zh).starts_with("生活圈中心不在自己的边界内"), "{p}");
    }
    let inside = [
        "[[120.80, 27.92], [120.82, 27.92], [120.82, 27.94], [120.80, 27.94]]",
        // Closed, as GeoJSON writes a ring, and the other way round.
        "[[120.80, 27.92], [120.80, 27.94], [120.82, 27.94], [120.82, 27.92], [120.80, 27.92]]",
        // The centre on an edge, and on a corner.
        "[[120.80, 27.929], [120.82, 27.929], [120.82, 27.94], [120.80, 27.94]]",
        "[[120.8125, 27.929], [120.82, 27.929], [120.82, 27.94]]",
        // In an arm of a U.
        "[[120.80, 27.92], [120.83, 27.92], [120.83, 27.94], [120.82, 27.94], [120.82, 27.93], [120.81, 27.93], [120.81, 27.94], [120.80, 27.94]]",
        // A figure of eight, the centre in one loop.
        "[[120.80, 27.92], [120.82, 27.94], [120.84, 27.92], [120.84, 27.94], [120.82, 27.92], [120.80, 27.94]]",
    ];
    for boundary in inside {
        assert_eq!(boundary_problems(boundary), [], "{boundary}");
    }
    // A ring traced round twice encloses its centre (non-zero winding, as the walking reach's
    // boundary test reads it), where a count of crossings (two, even) would say outside.
    let square = "[120.80, 27.92], [120.82, 27.92], [120.82, 27.94], [120.80, 27.94]";
    assert_eq!(boundary_problems(&format!("[{square}, {square}]")), []);
}

/// A facility id repeated all through a long inventory: a problem per facility, each placed by
/// a reading of the text up to it, took minutes (1,000: 3.3 s, 8,000: 34 s in a release build);
/// one reading places them all. The places are those of the values, in characters.
#[test]
fn thousands_of_problems_are_placed_in_one_reading() {
    let n = 6000;
    let item = r#"{"id": "X", "category": "convenience_store", "name": "镇中便利店"}"#;
    let head = r#"{"id": "c", "name": "镇中社区", "facilities": ["#;
    let items = vec![item; n].join(", ");
    let text = format!("{head}{items}]}}");
    let started = Instant::now();
    let mut e = Circle::from_json(&text).unwrap_err();
    e.locate(&text);
    let took = started.elapsed();
    assert_eq!(e.problems.len(), n - 1);
    // Characters: the head is 46, an item and its comma 60.
    let (head, step) = (head.chars().count() as u32, item.chars().count() as u32 + 2);
    for (k, p) in e.problems.iter().enumerate() {
        let k = k as u32 + 1;
        assert_eq!(p.field, format!("facilities[{k}].id"));
        assert_eq!((p.line, p.column), (Some(1), Some(head + k * step + 8)), "{p}");
    }
    assert!(took < Duration::from_secs(10), "{n} problems placed in {took:?}");
}

/// A district's list: each circle was looked for by a reading of the list up to it (400
/// circles: 21 s in a debug build); one reading finds those written as arrays.
#[test]
fn a_long_list_of_circles_is_read_once() {
    let n = 3000;
    let circle = |k: usize| {
        format!(
            r#"{{"id": "c{k}", "name": "圈{k}", "facilities": [{{"category": "convenience_store", "name": "店", "walk_m": 100}}]}}"#
        )
    };
    let mut items: Vec<String> = (0..n).map(circle).collect();
    items[n - 2] = r#"["c", "某社区"]"#.into();
    let text = format!("[{}]", items.join(",\n "));
    let started = Instant::now();
    let e = Circle::parse_json_list(&text).unwrap_err();
    let took = started.elapsed();
    let got: Vec<_> = e.problems.iter().map(|p| (p.field.as_str(), p.line, p.column)).collect();
    assert_eq!(got, [("circles[2998]", Some(n as u32 - 1), Some(2))]);
    items[n - 2] = circle(n - 2);
    let text = format!("[{}]", items.join(",\n "));
    let started_ok = Instant::now();
    assert_eq!(Circle::parse_json_list(&text).expect("a list").len(), n);
    let took = took + started_ok.elapsed();
    assert!(took < Duration::from_secs(10), "{n} circles read twice in {took:?}");
}

/// Positions are 1-based columns: a text cut short after a line break was said to end at
/// column 0.
#[test]
fn a_text_cut_short_ends_at_column_1_not_0() {
    for text in [
        "{\"id\": \"a\",\n  \"name\": \"b\",\n",
        "[{\"id\": \"a\", \"name\": \"b\"},\n {\"id\": \"c\", \"name\": \"d\"},\n",
    ] {
        let e = if text.starts_with('[') {
            Circle::parse_json_list(text).unwrap_err()
        } else {
            Circle::from_json(text).unwrap_err()
        };
        let p = &e.problems[0];
        assert_eq!((p.code, p.line, p.column), ("json", Some(3), Some(1)), "{text:?}");
        assert!(p.to_string().starts_with("第 3 行第 1 列 (line 3, column 1): "), "{p}");
    }
}
