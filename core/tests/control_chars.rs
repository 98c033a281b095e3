//! Control characters in a circle's text (security review, 2026-12-06): an id or a name that
//! carries an ESC sequence set the evaluator's window title (`score`) or hid the end of a line
//! (`verify` printed `核验通过 verified` followed by SGR 8). Ids, names, codes and keys refuse
//! every control character and the characters that change the direction of text; notes and
//! evidence keep line breaks and tabs but nothing else. And the GeoJSON reader gives columns in
//! characters from 1, as the circle reader does.

use lifecircle_core::access::ImportError;
use lifecircle_core::access::import::geojson::{StreetOptions, streets_from_geojson};
use lifecircle_core::circle::ProblemDetail;
use lifecircle_core::standard::Lang;
use lifecircle_core::{Circle, example};
use serde_json::{Value, json};

/// The built-in sample circle as a JSON value, to change.
fn sample() -> Value {
    serde_json::from_str(example::example("longwan-2024").expect("sample").json).expect("json")
}

/// The problems of `v` read as a circle, as `(code, field)`, after `from_json` refused it.
fn refused(v: &Value) -> Vec<(String, String)> {
    let err = Circle::from_json(&v.to_string()).expect_err("refused");
    err.problems.iter().map(|p| (p.code.to_string(), p.field.clone())).collect()
}

fn control(field: &str) -> (String, String) {
    ("out_of_range".to_string(), field.to_string())
}

/// The circle of the review: its id ends in SGR 8 (hide what follows), its name sets the
/// window title, returns the cursor and erases the line. Both are refused by field, Chinese
/// first, at their line and column, and nothing of the sequences is in the message.
#[test]
fn the_reviewed_circle_is_refused_naming_each_field() {
    let text = include_str!("../../standards/examples/longwan-2024.sample.json")
        .replacen("-demo\"", "-demo: 核验通过 verified\\u001b[8m\"", 1)
        .replacen("镇中社区一刻钟", "镇中社区\\u001b]0;pwned-title\\u0007\\r\\u001b[2K一刻钟", 1);
    let mut err = Circle::from_json(&text).expect_err("refused");
    err.locate(&text);
    let got: Vec<_> = err.problems.iter().map(|p| (p.code, p.field.as_str(), p.line, p.column)).collect();
    assert_eq!(got, [("out_of_range", "id", Some(2), Some(9)), ("out_of_range", "name", Some(3), Some(11))]);
    let id = &err.problems[0];
    assert_eq!(id.detail, Some(ProblemDetail::Control { ch: '\u{1b}', at: 33, free_text: false }));
    let zh = id.text(Lang::Zh);
    assert!(zh.starts_with("含控制字符 U+001B（ESC）（第 33 个字符）：编号、名称"), "{zh}");
    assert_eq!(
        id.message,
        "contains the control character U+001B (ESC) at character 33: ids, names and keys may not hold control \
         characters (ESC, line breaks, tabs …) nor characters that change the direction of text"
    );
    let line = id.to_string();
    assert!(line.starts_with("第 2 行第 9 列 (line 2, column 9): id: 含控制字符"), "{line}");
    assert!(line.find("含控制字符").unwrap() < line.find("contains").unwrap(), "Chinese first: {line}");
    // The name's first: the ESC of the title sequence, the 5th character.
    assert!(err.problems[1].text(Lang::Zh).starts_with("含控制字符 U+001B（ESC）（第 5 个字符）"));
    // Nothing the terminal would act on is in what is said of them.
    let said = err.to_string();
    assert!(!said.chars().any(|c| c.is_control() && c != '\n'), "{said:?}");
    assert!(!said.contains("核验通过"), "the value is not repeated: {said}");
    // parse_json keeps the circle for an editor, whose check names the same problems.
    let kept = Circle::parse_json(&text).expect("parsed");
    assert_eq!(kept.check().len(), 2);
}

/// Every id, name, code, category and key of a circle, each with another kind of character:
/// C0, DEL, C1 (U+009B is a CSI in 8-bit terminals), a line break, a tab, an override and an
/// isolate.
#[test]
fn every_id_name_and_key_refuses_control_and_direction_characters() {
    let mut v = sample();
    v["subdistrict"]["name"] = json!("永中\u{9b}2J街道");
    v["communities"][0]["code"] = json!("3303030\t01010");
    v["form"] = json!("street_block\u{7f}");
    v["facilities"][0]["id"] = json!("F01\n核验通过");
    v["facilities"][1]["name"] = json!("便利店\u{202e}店利便");
    v["facilities"][2]["category"] = json!("convenience\u{0}_store");
    v["facilities"][3]["brand"] = json!("\u{2066}十足");
    v["facilities"][4]["hours"] = json!("07:00-22:00\r");
    v["figures"]["bad\u{1b}key"] = json!(1);
    v["checklist"]["MC-X\u{1b}"] = json!({"done": true});
    v["evaluator"]["MC-E\u{8}"] = json!({"points": 1, "note": "n"});
    v["walking"] = json!({
        "nearest_m": {"pharmacy\u{1b}[8m": 300},
        "nearest_name": {"pharmacy": "药店\u{85}"},
        "origins": [{"id": "楼\u{1b}", "population": 10}],
        "measured_from": [{"role": "network", "file": "net\u{7}.osm", "sha256": "00", "crs": "wgs84"}]
    });
    let got = refused(&v);
    let fields = [
        "subdistrict.name",
        "communities[0].code",
        "form",
        "facilities[0].id",
        "facilities[1].name",
        "facilities[2].category",
        "facilities[3].brand",
        "facilities[4].hours",
        "figures.bad\u{1b}key",
        "checklist.MC-X\u{1b}",
        "evaluator.MC-E\u{8}",
        "walking.nearest_m.pharmacy\u{1b}[8m",
        "walking.nearest_name.pharmacy",
        "walking.origins[0].id",
        "walking.measured_from[0].file",
    ];
    assert_eq!(got, fields.map(control), "{got:#?}");
    let err = Circle::from_json(&v.to_string()).unwrap_err();
    let zh = |k: usize| err.problems[k].text(Lang::Zh);
    assert!(zh(0).starts_with("含控制字符 U+009B（第 3 个字符）"), "{}", zh(0));
    assert!(zh(1).starts_with("含控制字符 U+0009（制表符）（第 8 个字符）"), "{}", zh(1));
    assert!(zh(3).starts_with("含控制字符 U+000A（换行）（第 4 个字符）"), "{}", zh(3));
    assert!(zh(4).starts_with("含改变文字方向的字符 U+202E（第 4 个字符）"), "{}", zh(4));
    assert!(zh(7).starts_with("含控制字符 U+000D（回车）（第 12 个字符）"), "{}", zh(7));
}

/// Notes, evidence and a survey's method are free text: line breaks (also `\r\n`, as a web
/// form posts a text area) and tabs are kept; ESC, a carriage return alone and an override
/// are not.
#[test]
fn free_text_keeps_line_breaks_and_tabs_only() {
    let mut v = sample();
    let id = v["checklist"].as_object().expect("checklist").keys().next().expect("an answer").clone();
    let eid = v["evaluator"].as_object().expect("evaluator").keys().next().expect("an entry").clone();
    v["checklist"][&id]["note"] = json!("第一行\n第二行\r\n\t缩进");
    v["checklist"][&id]["evidence"] = json!("照片\t2025-06");
    v["evaluator"][&eid]["note"] = json!("现场核查：\n- 一\n- 二");
    v["surveys"]["overall"]["method"] = json!("入户\r\n抽样");
    let c = Circle::from_json(&v.to_string()).expect("line breaks and tabs are text in notes");
    assert_eq!(c.checklist[&id].note.as_deref(), Some("第一行\n第二行\r\n\t缩进"));

    v["checklist"][&id]["note"] = json!("合格\u{1b}[8m 不合格");
    v["checklist"][&id]["evidence"] = json!("覆盖\r伪造");
    v["evaluator"][&eid]["evidence"] = json!("\u{202d}证据");
    v["surveys"]["overall"]["method"] = json!("抽样\u{9b}");
    let got = refused(&v);
    let want = [
        "surveys.overall.method".to_string(),
        format!("checklist.{id}.evidence"),
        format!("checklist.{id}.note"),
        format!("evaluator.{eid}.evidence"),
    ];
    assert_eq!(got, want.map(|f| control(&f)), "{got:#?}");
    let err = Circle::from_json(&v.to_string()).unwrap_err();
    let p = err.problems.iter().find(|p| p.field.ends_with(".note")).expect("the note");
    assert_eq!(p.detail, Some(ProblemDetail::Control { ch: '\u{1b}', at: 3, free_text: true }));
    assert!(
        p.text(Lang::Zh).starts_with("含控制字符 U+001B（ESC）（第 3 个字符）：说明文字只可含换行与制表符"),
        "{}",
        p.text(Lang::Zh)
    );
    // A carriage return alone moves the cursor back over what was written: refused.
    let cr = err.problems.iter().find(|p| p.field == format!("checklist.{id}.evidence")).expect("the evidence");
    assert_eq!(cr.detail, Some(ProblemDetail::Control { ch: '\r', at: 3, free_text: true }));
}

/// The sample circles and every golden case read as before: no text of theirs holds one.
#[test]
fn valid_circles_are_untouched() {
    for e in example::EXAMPLES {
        Circle::from_json(e.json).unwrap_or_else(|err| panic!("{}: {err}", e.standard));
    }
    let mut v = sample();
    // Chinese, emoji, a zero-width joiner and a left-to-right mark are text.
    v["name"] = json!("镇中社区 👩‍👩‍👧 生活圈\u{200e}");
    assert!(Circle::from_json(&v.to_string()).is_ok());
}

/// A cut-off GeoJSON said `第 2 行第 0 列` (serde_json's column: the bytes read on the line, 0
/// at its start), and a Chinese name before an error counted three columns per character.
#[test]
fn geojson_errors_give_character_columns_from_1() {
    let json_error = |text: &str| match streets_from_geojson(text, &StreetOptions::default()) {
        Err(ImportError::Json { line, column, message }) => (line, column, message),
        other => panic!("{other:?}"),
    };
    let (line, column, message) = json_error("{\"type\": \"FeatureCollection\",\n");
    assert_eq!((line, column), (2, 1), "{message}");
    assert!(!message.contains(" at line "), "the position is said once: {message}");
    let e = streets_from_geojson("{\"type\": \"FeatureCollection\",\n", &StreetOptions::default()).unwrap_err();
    assert!(e.bilingual().starts_with("JSON 格式有误（第 2 行第 1 列）"), "{}", e.bilingual());
    assert_eq!(e.to_string(), "malformed json at line 2, column 1: EOF while parsing a value");
    // 镇中 is two columns (six bytes): the stray `x` is the 15th character, the 19th byte.
    let (line, column, _) = json_error("{\"name\": \"镇中\" x}");
    assert_eq!((line, column), (1, 15));
    // With a byte-order mark, columns count from after it.
    assert_eq!(json_error("\u{feff}{\"a\": x}").1, 7);
}
