//! No control character from data reaches the terminal (security review, 2026-12-06): a circle
//! whose id ended in SGR 8 made `verify` print `核验通过 verified` and hide the rest of the line,
//! and its name set the window's title when `score` printed it. Circles now refuse them; what
//! the CLI prints from an assessment, a standard or a data file shows them escaped (`\u{1b}`);
//! JSON keeps its value, and the reports of valid input are what the core renders. With them:
//! a zero-length line of a network said as such, and JSON errors at character columns from 1.

mod common;
use common::{lifecircle, sample_path, stderr, text, tmp};
use lifecircle_core::report::{Format, render_noted};
use lifecircle_core::standard::Lang;
use serde_json::Value;

/// The characters a terminal acts on, but the line breaks (a table's `\r\n` too) and tabs the
/// program writes itself.
fn raw_controls(s: &str) -> Vec<char> {
    let s = s.replace("\r\n", "\n");
    s.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

fn sample() -> String {
    std::fs::read_to_string(sample_path()).expect("sample")
}

/// The circle of the review: id `…-demo: 核验通过 verified` + SGR 8, name with an OSC title, a
/// carriage return and an erase-line.
fn reviewed_circle() -> String {
    sample().replacen("-demo\"", "-demo: 核验通过 verified\\u001b[8m\"", 1).replacen(
        "镇中社区一刻钟",
        "镇中社区\\u001b]0;pwned-title\\u0007\\r\\u001b[2K一刻钟",
        1,
    )
}

/// The sample scored, as `score --format json` writes it (an assessment to hand in).
fn assessment() -> Value {
    serde_json::from_str(&common::scored_sample()).expect("json")
}

#[test]
fn the_reviewed_circle_is_refused_and_nothing_reaches_the_terminal() {
    let evil = tmp("evil.json", &reviewed_circle());
    for format in ["text", "md", "json", "csv"] {
        let out = common::score_longwan(format, &[evil.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{format}: {}", text(&out));
        let all = text(&out);
        assert_eq!(raw_controls(&all), [], "{format}: {all:?}");
        let err = stderr(&out);
        assert!(
            err.contains("第 2 行第 9 列 (line 2, column 9): id: 含控制字符 U+001B（ESC）（第 33 个字符）：编号、名称与键名不能含控制字符"),
            "{err}"
        );
        assert!(
            err.contains("第 3 行第 11 列 (line 3, column 11): name: 含控制字符 U+001B（ESC）（第 5 个字符）"),
            "{err}"
        );
        assert!(!all.contains("pwned"), "the value itself is not printed: {all}");
    }
}

/// `verify` reads assessments that never went through `Circle::check`: their circle id, names,
/// keys and values are printed escaped, so that no ESC sequence hides or fakes a verdict.
#[test]
fn verify_prints_an_assessments_control_characters_escaped() {
    let evil_circle = tmp("verify-evil.json", &reviewed_circle());
    // The review's case: an assessment of the circle whose id fakes a verdict.
    let mut a = assessment();
    a["circle"]["id"] = Value::from("330303001010-demo: 核验通过 verified\u{1b}[8m");
    a["total"] = Value::from(99.5);
    let tampered = tmp("verify-tampered.json", &serde_json::to_string_pretty(&a).unwrap());
    let out = lifecircle(&["verify", "-a", tampered.to_str().unwrap(), evil_circle.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let all = text(&out);
    assert_eq!(raw_controls(&all), [], "{all:?}");
    assert!(all.contains(" 330303001010-demo: 核验通过 verified\\u{1b}[8m: 无法核验 could not be verified: "), "{all}");

    // The circle file is the sample: the assessment's texts differ, each shown escaped.
    a["circle"]["id"] = Value::from("330303001010-demo");
    a["circle"]["name"] = Value::from("镇中\u{202e}\u{9b}2J\n全部 1 份评分结果核验通过");
    a["indicators"][0]["id"] = Value::from("X\u{1b}]0;pwned\u{7}");
    a["engine"]["version"] = Value::from("9\u{1b}[8m");
    let tampered = tmp("verify-tampered-2.json", &serde_json::to_string_pretty(&a).unwrap());
    let out = lifecircle(&["verify", "-a", tampered.to_str().unwrap(), sample_path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let all = text(&out);
    assert_eq!(raw_controls(&all), [], "{all:?}");
    let lines: Vec<&str> = all.lines().collect();
    assert!(lines[0].ends_with(" 330303001010-demo: 未通过核验 NOT verified:"), "{all}");
    // A line break in a value is no line of the output.
    assert!(!lines.iter().any(|l| l.starts_with("全部 1 份")), "{all}");
    assert!(lines.iter().any(|l| l.starts_with("  - circle.name: \"镇中\\u{202e}\\u{9b}2J\\n全部")), "{all}");
    assert!(lines.iter().any(|l| l.starts_with("  - indicators[0] [X\\u{1b}]0;pwned\\u{7}]: ")), "{all}");
    assert!(lines.iter().any(|l| l.contains("评分结果 9\\u{1b}[8m，核验")), "{all}");
}

/// A standard's own texts are data too: escaped in the report, JSON escapes in `show` (the same
/// value: it reads back as written).
#[test]
fn a_standards_texts_are_escaped_and_json_keeps_its_value() {
    let toml = std::fs::read_to_string(common::root().join("standards/longwan-2024.toml")).expect("standard");
    let title = "温州\u{1b}]0;pwned\u{7}湾\u{9b}2J\u{7f}\u{202e}新区";
    let toml = toml
        .replacen(
            "title = { zh = \"温州湾新区",
            "title = { zh = \"温州\\u001B]0;pwned\\u0007湾\\u009B2J\\u007F\\u202E新区",
            1,
        )
        .replacen("id = \"longwan-2024\"\nversion", "id = \"mine\"\nversion", 1);
    let mine = tmp("mine.toml", &toml);
    let out = lifecircle(&["show", mine.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let shown = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(raw_controls(&shown), [], "JSON escapes");
    assert!(shown.contains("温州\\u001b]0;pwned\\u0007湾\\u009b2J\\u007f\\u202e新区"), "{shown}");
    let v: Value = serde_json::from_str(&shown).expect("JSON");
    assert!(v["title"]["zh"].as_str().unwrap().starts_with(title), "{}", v["title"]);

    let out =
        lifecircle(&["score", "-s", mine.to_str().unwrap(), "--as-of", "2026-12-06", sample_path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    let all = text(&out);
    assert_eq!(raw_controls(&all), [], "{all:?}");
    assert!(all.contains("评价标准：mine v0.1.0 温州\\u{1b}]0;pwned\\u{7}湾\\u{9b}2J\\u{7f}\\u{202e}新区"), "{all}");
}

/// Valid input prints as before: what the core renders, byte for byte, in every format.
#[test]
fn valid_input_prints_exactly_what_the_core_renders() {
    let st = lifecircle_core::load_builtin("longwan-2024").unwrap();
    let circle = lifecircle_core::Circle::from_json(&sample()).unwrap();
    let a = lifecircle_core::score(&st, &circle, "2026-12-06".parse().unwrap()).unwrap();
    let run = |format: &str, lang: &str| {
        let out = common::score_longwan(format, &["--lang", lang, sample_path().to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    for (lang, l) in [("zh", Lang::Zh), ("en", Lang::En)] {
        assert_eq!(run("text", lang), render_noted(&a, l, Format::Text, None) + "\n");
        assert_eq!(run("md", lang), render_noted(&a, l, Format::Markdown, None) + "\n");
        assert_eq!(run("csv", lang), lifecircle_core::table::circles(std::slice::from_ref(&a), l));
    }
    assert_eq!(run("json", "zh"), serde_json::to_string_pretty(&a).unwrap() + "\n");
}

/// A network's skipped features: a line of one point is a zero-length line (it was said to be
/// "not a line"), and a geometry's type as the file writes it is shown escaped.
#[test]
fn a_zero_length_line_is_said_as_such_and_a_files_values_are_escaped() {
    let net = tmp(
        "net.geojson",
        r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"highway": "footway"}, "geometry": {"type": "LineString", "coordinates": [[120.0, 28.0], [120.001, 28.0]]}},
  {"type": "Feature", "properties": {"highway": "footway"}, "geometry": {"type": "LineString", "coordinates": [[120.0, 28.0], [120.0, 28.0]]}},
  {"type": "Feature", "properties": {}, "geometry": {"type": "Point\u001b]0;pwned\u0007", "coordinates": [120.0, 28.0]}}
]}"#,
    );
    let out = distance_on(&net);
    assert!(out.status.success(), "{}", text(&out));
    let err = stderr(&out);
    assert_eq!(raw_controls(&err), [], "{err:?}");
    assert!(err.contains("长度为零的线（少于两个不同的点）zero-length line ×1"), "{err}");
    assert!(!err.contains("不是线（zero-length line）"), "{err}");
    assert!(err.contains("不是线（Point\\u{1b}]0;pwned\\u{7}）not a line: Point\\u{1b}]0;pwned\\u{7} ×1"), "{err}");
}

/// `access distance` on the network file `net`, between the two ends of its first street.
fn distance_on(net: &std::path::Path) -> std::process::Output {
    lifecircle(&[
        "access",
        "distance",
        "--network",
        net.to_str().unwrap(),
        "--from",
        "120.0,28.0",
        "--to",
        "120.001,28.0",
    ])
}

/// serde_json's column is the bytes read on the line, 0 at its start: a cut-off assessment or
/// GeoJSON said `第 2 行第 0 列`, and a Chinese name before an error counted three per character.
#[test]
fn json_errors_give_character_columns_from_1() {
    let cut = tmp("cut-assessment.json", "{\"circle\": {\"id\": \"镇中\"},\n");
    let out = lifecircle(&["verify", "-a", cut.to_str().unwrap(), sample_path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "JSON 格式有误（第 2 行第 1 列） / malformed JSON at line 2, column 1: EOF while parsing a value\n"
        ),
        "{err}"
    );
    assert!(!err.contains(" at line 2 column"), "the position said once: {err}");
    // 镇中 is two columns: the stray `x` is the 24th character of the line (the 28th byte).
    let bad = tmp("bad-assessment.json", "{\"circle\": {\"id\": \"镇中\" x}}");
    let err = stderr(&lifecircle(&["verify", "-a", bad.to_str().unwrap(), sample_path().to_str().unwrap()]));
    assert!(err.contains("（第 1 行第 24 列）"), "{err}");

    let net = tmp("cut.geojson", "{\"type\": \"FeatureCollection\",\n");
    let out = distance_on(&net);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = stderr(&out);
    assert!(err.contains("JSON 格式有误（第 2 行第 1 列）"), "{err}");
    assert!(err.contains("malformed json at line 2, column 1: EOF while parsing a value"), "{err}");
}

/// `pack` without `-o` wrote the packed bytes, a standard's texts among them, to a terminal as
/// they were: refused there (exit 2, what to do said), written to a pipe or a file as before.
/// The terminal is `script`'s (util-linux); without it the check is skipped, said on stderr.
#[test]
fn pack_writes_no_bytes_to_a_terminal() {
    let bin = env!("CARGO_BIN_EXE_lifecircle");
    let piped = lifecircle(&["pack", "longwan-2024"]);
    assert!(piped.status.success() && piped.stdout.starts_with(b"LCB"), "{}", text(&piped));
    let Ok(out) = std::process::Command::new("script")
        .args(["-qec", &format!("'{bin}' pack longwan-2024"), "/dev/null"])
        .output()
    else {
        eprintln!("skipped: no `script` to run the program on a terminal");
        return;
    };
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let shown = text(&out);
    assert!(shown.contains("打包的标准是二进制数据，不输出到终端：请用 -o 文件名"), "{shown}");
    assert!(!shown.contains("LCB"), "no bytes: {shown:?}");
}

/// A facility name typed with Alt+Enter in a spreadsheet cell (a quoted line break in the CSV)
/// does not refuse the circle its facilities join: it is read as a space (the circle's own
/// names refuse line breaks, but the user did not write the data file's by hand).
#[test]
fn a_line_break_in_a_data_files_name_is_read_as_a_space() {
    let osm = common::root().join("tests/data/osm/beijing_bjtu_overpass_2022.osm");
    let circle = common::tmp(
        "alt-enter-circle.json",
        r#"{"id":"bjtu","name":"北京交通大学周边","location":{"crs":"wgs84","centre":[116.3370,39.9495]}}"#,
    );
    let facilities = common::tmp("alt-enter.csv", "名称,业态,经度,纬度\n\"测试\n超市\",综合超市,116.3372,39.9496\n");
    let p = |p: &std::path::Path| p.to_str().expect("path").to_string();
    let out = common::score_longwan("json", &["--network", &p(&osm), "--facilities", &p(&facilities), &p(&circle)]);
    assert!(out.status.success(), "{}", common::text(&out));
    let t = String::from_utf8_lossy(&out.stdout);
    assert!(t.contains("测试 超市"), "the name with a space: {t}");
}
