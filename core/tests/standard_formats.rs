//! A standard written in JSON or YAML resolves exactly like its TOML, and every problem in it
//! is reported against the JSON or YAML file, at the line of the value at fault.

use lifecircle_core::standard::{self, DiagCode, Diagnostic, Standard};
use proptest::prelude::*;
use serde_json::Value;

const TOML: &str = include_str!("standard_formats/fmt-test.toml");
const JSON: &str = include_str!("standard_formats/fmt-test.json");
const YAML: &str = include_str!("standard_formats/fmt-test.yaml");

fn resolve(name: &str, text: &str) -> Result<Standard, Vec<Diagnostic>> {
    standard::resolve::resolve(name, text, &standard::builtin_parent).map_err(|e| e.diagnostics)
}

// ---------------------------------------------------------------------------------------------
// Conversions of the built-in TOML files, made here independently of the code under test.

fn toml_to_json(text: &str) -> Value {
    toml::from_str::<Value>(text).expect("built-in TOML reads as a JSON value")
}

/// Block-style YAML of a JSON value: plain scalars where they stay text under the YAML 1.2
/// core schema (so unquoted dates, versions like 0.1.0 and Chinese text are exercised), JSON
/// double-quoted strings elsewhere, flow lists for lists of scalars.
fn to_yaml(v: &Value) -> String {
    let mut out = String::from("# converted from TOML by the test\n");
    match v {
        Value::Object(m) => yaml_map(&mut out, m, 0),
        _ => panic!("a standard is an object"),
    }
    out
}

fn yaml_map(out: &mut String, m: &serde_json::Map<String, Value>, indent: usize) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(indent));
        }
        yaml_entry(out, k, v, indent);
    }
}

fn yaml_entry(out: &mut String, k: &str, v: &Value, indent: usize) {
    out.push_str(&yaml_scalar(k, false));
    out.push(':');
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            out.push_str(&" ".repeat(indent + 2));
            yaml_map(out, m, indent + 2);
        }
        Value::Array(a) if a.iter().any(|x| x.is_object() || x.is_array()) => {
            out.push('\n');
            for x in a {
                out.push_str(&" ".repeat(indent + 2));
                out.push_str("- ");
                match x {
                    Value::Object(m) if !m.is_empty() => yaml_map(out, m, indent + 4),
                    _ => {
                        out.push_str(&yaml_flow(x));
                        out.push('\n');
                    }
                }
            }
        }
        _ => {
            out.push(' ');
            out.push_str(&yaml_flow(v));
            out.push('\n');
        }
    }
}

fn yaml_flow(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => yaml_scalar(s, true),
        Value::Array(a) => format!("[{}]", a.iter().map(yaml_flow).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => format!(
            "{{{}}}",
            m.iter().map(|(k, v)| format!("{}: {}", yaml_scalar(k, true), yaml_flow(v))).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn yaml_scalar(s: &str, flow: bool) -> String {
    let special_word =
        matches!(s, "null" | "Null" | "NULL" | "~" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE");
    let number_like = s.parse::<f64>().is_ok()
        || s.starts_with("0x")
        || s.starts_with("0o")
        || s.starts_with('.')
        || s.starts_with('+');
    let plain = !s.is_empty()
        && !special_word
        && !number_like
        && s.trim() == s
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(|c| c.is_control() || (flow && ",[]{}".contains(c)));
    if plain { s.to_string() } else { serde_json::to_string(s).expect("a string") }
}

#[test]
fn builtin_standards_read_the_same_in_json_and_yaml() {
    for b in standard::BUILTIN {
        let (file, text) = standard::builtin_parent(b.id).expect("built-in");
        let from_toml = resolve(&file, &text).expect("built-in is valid");
        let value = toml_to_json(&text);
        let pretty = serde_json::to_string_pretty(&value).expect("json");
        let compact = serde_json::to_string(&value).expect("json");
        let yaml = to_yaml(&value);
        for (name, t) in [
            (format!("{}.json", b.id), &pretty),
            (format!("{}.JSON", b.id), &compact),
            (format!("{}.yaml", b.id), &yaml),
            (format!("{}.yml", b.id), &yaml),
            // No extension: the text tells.
            ("-".to_string(), &pretty),
            ("-".to_string(), &yaml),
        ] {
            let s = resolve(&name, t).unwrap_or_else(|d| panic!("{name}: {d:#?}"));
            assert_eq!(s, from_toml, "{name}");
            assert_eq!(s.digest, from_toml.digest, "{name}");
        }
    }
}

#[test]
fn parents_may_be_written_in_any_syntax() {
    let text = |id: &str| standard::builtin_parent(id).expect("built-in").1;
    // longwan (YAML) extends zhejiang (JSON) extends mofcom (YAML, no extension).
    let lookup = |id: &str| match id {
        "zhejiang-2023" => Some(("zhejiang.json".to_string(), serde_json::to_string(&toml_to_json(&text(id))).ok()?)),
        "mofcom-2021" => Some(("mofcom".to_string(), to_yaml(&toml_to_json(&text(id))))),
        _ => None,
    };
    let yaml = to_yaml(&toml_to_json(&text("longwan-2024")));
    let mixed = standard::resolve::resolve("longwan.yml", &yaml, &lookup).expect("valid");
    let from_toml = resolve("standards/longwan-2024.toml", &text("longwan-2024")).expect("valid");
    assert_eq!(mixed, from_toml);

    // A problem in a JSON parent names the parent's file and its line.
    let bad_parent = |id: &str| match id {
        "fmt-parent" => Some((
            "parent.json".to_string(),
            JSON.replace("\"id\": \"fmt-test\"", "\"id\": \"fmt-parent\"")
                .replace("\"target\": \"shop\"", "\"target\": \"pharmacy\""),
        )),
        _ => None,
    };
    let child = "standard:\n  id: fmt-child\n  version: 1.0.0\n  title: {zh: 子, en: Child}\n  issuer: {zh: 测试, en: tests}\n  document: 无\n  issued: 2024-01-01\n  effective: 2024-01-01\n  level: district\n  extends: fmt-parent\n  status: proposal\n  total_points: 10\n  cite: {source: fixture, confidence: verified, reason: 测试夹具}\n";
    let err = standard::resolve::resolve("child.yaml", child, &bad_parent).expect_err("parent is broken");
    let d = &err.diagnostics[0];
    assert_eq!(
        (d.code, d.file.as_str(), d.line, d.column),
        (DiagCode::UnknownCategory, "parent.json", Some(52), Some(17))
    );
}

#[test]
fn fixtures_agree_and_keep_yaml_1_2_words_as_text() {
    let t = resolve("fmt-test.toml", TOML).expect("valid TOML");
    let j = resolve("fmt-test.json", JSON).expect("valid JSON");
    let y = resolve("fmt-test.yaml", YAML).expect("valid YAML");
    assert_eq!(j, t);
    assert_eq!(y, t);
    let shop = &t.categories[0];
    assert_eq!(shop.name.zh, "便利店");
    assert_eq!(shop.aliases, ["小卖部", "no", "on"]);
    assert_eq!(t.version, "1.0.0");
    assert_eq!(t.sources[0].note.as_deref(), Some("第一行 line one\n第二行 \"two\"\n"));
    // Sniffed when the name says nothing.
    assert_eq!(resolve("stdin", JSON).expect("JSON"), t);
    assert_eq!(resolve("stdin", YAML).expect("YAML"), t);
    assert_eq!(resolve("stdin", TOML).expect("TOML"), t);
}

/// Replace whole lines: each `from` (one line, or several joined by `\n`) must occur exactly
/// once as consecutive whole lines of `text`.
fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (from, to) in edits {
        let want: Vec<&str> = from.split('\n').collect();
        let at: Vec<usize> =
            (0..lines.len()).filter(|&i| lines.get(i..i + want.len()).is_some_and(|w| w == want.as_slice())).collect();
        assert_eq!(at.len(), 1, "lines {from:?} must occur once");
        lines.splice(at[0]..at[0] + want.len(), [(*to).to_string()]);
    }
    lines.join("\n") + "\n"
}

struct Case {
    what: &'static str,
    code: DiagCode,
    toml: &'static [(&'static str, &'static str)],
    json: &'static [(&'static str, &'static str)],
    /// Line and column of the diagnostic in the JSON file, counted by hand.
    json_at: (u32, u32),
    yaml: &'static [(&'static str, &'static str)],
    yaml_at: (u32, u32),
}

const CASES: &[Case] = &[
    Case {
        what: "syntax error",
        code: DiagCode::Syntax,
        toml: &[("version = \"1.0.0\"", "version = \"1.0.0")],
        json: &[("    \"version\": \"1.0.0\",", "    \"version\": \"1.0.0\"")],
        json_at: (5, 5), // the next key, where `,` was expected
        yaml: &[("  level: district", "  level: district: x")],
        yaml_at: (12, 18),
    },
    Case {
        what: "unknown field",
        code: DiagCode::UnknownField,
        toml: &[("kind = \"presence\"", "kind = \"presence\"\ncolour = \"red\"")],
        json: &[("      \"kind\": \"presence\",", "      \"kind\": \"presence\", \"colour\": \"red\",")],
        json_at: (51, 27),
        yaml: &[("    kind: presence", "    kind: presence\n    colour: red")],
        yaml_at: (46, 5),
    },
    Case {
        what: "wrong type",
        code: DiagCode::Syntax,
        toml: &[("points = 10", "points = \"ten\"")],
        json: &[("      \"points\": 10,", "      \"points\": \"ten\",")],
        json_at: (53, 17),
        yaml: &[("    points: 10", "    points: ten")],
        yaml_at: (47, 13),
    },
    Case {
        what: "missing field",
        code: DiagCode::Syntax,
        toml: &[("zh = \"有便利店\"", "")],
        json: &[("      \"zh\": \"有便利店\",", "")],
        json_at: (46, 5), // the indicator's `{`
        yaml: &[("    zh: 有便利店", "")],
        yaml_at: (41, 5), // the indicator's first key
    },
    Case {
        what: "missing citation",
        code: DiagCode::MissingCitation,
        toml: &[(
            "points = 10\ncite = { source = \"fixture\", confidence = \"verified\", reason = \"测试夹具\" }",
            "points = 10",
        )],
        json: &[(
            "      \"points\": 10,\n      \"cite\": { \"source\": \"fixture\", \"confidence\": \"verified\", \"reason\": \"测试夹具\" }",
            "      \"points\": 10",
        )],
        json_at: (46, 5),
        yaml: &[("    cite:\n      source: fixture\n      confidence: verified\n      reason: 测试夹具", "")],
        yaml_at: (41, 5),
    },
    Case {
        what: "duplicate key",
        code: DiagCode::Syntax,
        toml: &[("id = \"X01\"", "id = \"X01\"\nid = \"X02\"")],
        json: &[("      \"id\": \"X01\",", "      \"id\": \"X01\", \"id\": \"X02\",")],
        json_at: (47, 20),
        yaml: &[("  - id: X01", "  - id: X01\n    id: X02")],
        yaml_at: (42, 5),
    },
    Case {
        what: "duplicate id",
        code: DiagCode::DuplicateId,
        toml: &[("en = \"Types\"", "en = \"Types\"\n[[dimensions]]\nid = \"types\"\nzh = \"重复\"\nen = \"Dup\"")],
        json: &[(
            "  \"dimensions\": [{ \"id\": \"types\", \"zh\": \"业态\", \"en\": \"Types\" }],",
            "  \"dimensions\": [{ \"id\": \"types\", \"zh\": \"业态\", \"en\": \"Types\" }, { \"id\": \"types\", \"zh\": \"重复\", \"en\": \"Dup\" }],",
        )],
        json_at: (44, 72),
        yaml: &[(
            "  - {id: types, zh: 业态, en: Types}",
            "  - {id: types, zh: 业态, en: Types}\n  - {id: types, zh: 重复, en: Dup}",
        )],
        yaml_at: (40, 10),
    },
    Case {
        what: "unknown category",
        code: DiagCode::UnknownCategory,
        toml: &[("target = \"shop\"", "target = \"pharmacy\"")],
        json: &[("      \"target\": \"shop\",", "      \"target\": \"pharmacy\",")],
        json_at: (52, 17),
        yaml: &[("    target: shop", "    target: pharmacy")],
        yaml_at: (46, 13),
    },
    Case {
        what: "points mismatch",
        code: DiagCode::PointsMismatch,
        toml: &[("total_points = 10", "total_points = 12")],
        json: &[("    \"total_points\": 10,", "    \"total_points\": 12,")],
        json_at: (12, 21),
        yaml: &[("  total_points: 10", "  total_points: 12")],
        yaml_at: (14, 17),
    },
    Case {
        what: "unknown parent",
        code: DiagCode::UnknownParent,
        toml: &[("status = \"proposal\"", "status = \"proposal\"\nextends = \"nowhere\"")],
        json: &[("    \"status\": \"proposal\",", "    \"status\": \"proposal\", \"extends\": \"nowhere\",")],
        json_at: (11, 38),
        yaml: &[("  status: proposal", "  status: proposal\n  extends: nowhere")],
        yaml_at: (14, 12),
    },
    Case {
        what: "bad date",
        code: DiagCode::BadValue,
        toml: &[("issued = \"2024-01-01\"", "issued = \"2024-13-01\"")],
        json: &[("    \"issued\": \"2024-01-01\",", "    \"issued\": \"2024-13-01\",")],
        json_at: (8, 15),
        yaml: &[("  issued: 2024-01-01", "  issued: 2024-13-01")],
        yaml_at: (10, 11),
    },
];

#[test]
fn broken_json_and_yaml_name_the_original_line() {
    for c in CASES {
        let toml = resolve("broken.toml", &edit(TOML, c.toml)).expect_err(c.what);
        assert_eq!(toml[0].code, c.code, "TOML {}: {toml:#?}", c.what);
        for (name, text, at) in
            [("broken.json", edit(JSON, c.json), c.json_at), ("broken.yaml", edit(YAML, c.yaml), c.yaml_at)]
        {
            let d = resolve(name, &text).expect_err(c.what);
            assert_eq!(d.len(), toml.len(), "{name} {}: {d:#?}", c.what);
            let first = &d[0];
            assert_eq!(first.code, c.code, "{name} {}: {first}", c.what);
            assert_eq!(first.file, name);
            assert_eq!((first.line, first.column), (Some(at.0), Some(at.1)), "{name} {}: {first}", c.what);
            assert_eq!(first.item, toml[0].item, "{name} {}", c.what);
        }
    }
}

#[test]
fn json_and_yaml_only_problems() {
    let one = |name: &str, text: &str| {
        let d = resolve(name, text).expect_err(text);
        assert_eq!(d.len(), 1, "{d:#?}");
        let d = d[0].clone();
        (d.code, d.line.unwrap_or(0), d.column.unwrap_or(0), d.message)
    };
    let (code, l, c, msg) = one("x.json", "[1, 2]");
    assert_eq!((code, l, c), (DiagCode::Syntax, 1, 1), "{msg}");
    let (code, l, c, msg) = one("x.json", "{\n  \"a\": [1, null]\n}");
    assert_eq!((code, l, c), (DiagCode::Syntax, 2, 12), "{msg}");
    assert!(msg.starts_with("JSON syntax: null inside a list"), "{msg}");
    let (code, l, c, msg) = one("x.json", "{\"standard\": \"无\",\n \"x\": \"不完整");
    assert_eq!((code, l, c), (DiagCode::Syntax, 2, 7), "{msg}");
    let (code, l, c, _) = one("x.json", "{} {}");
    assert_eq!((code, l, c), (DiagCode::Syntax, 1, 4));
    let (code, l, c, _) = one("x.json", "{\"a\": 01}");
    assert_eq!((code, l, c), (DiagCode::Syntax, 1, 8));
    let (code, l, c, _) = one("x.json", "{\"a\": 1,}");
    assert_eq!((code, l, c), (DiagCode::Syntax, 1, 9));
    let (code, l, c, msg) = one("x.yaml", "a: 1\n---\nb: 2\n");
    assert_eq!((code, l, c), (DiagCode::Syntax, 2, 1), "{msg}");
    let (code, l, c, msg) = one("x.yaml", "a: !!binary abc\n");
    assert_eq!((code, l, c), (DiagCode::Syntax, 1, 4), "{msg}");
    let (code, l, c, msg) = one("x.yaml", "a: [b, ~]\n");
    assert_eq!((code, l, c), (DiagCode::Syntax, 1, 8), "{msg}");
    // The merge key is not YAML 1.2: an unknown field, and so the item has no citation.
    let d = resolve("x.yml", &YAML.replace("  cite: *verified", "  <<: *verified")).expect_err("merge key");
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(
        (d[0].code, d[0].line, d[0].item.as_deref()),
        (DiagCode::MissingCitation, Some(32), Some("shop")),
        "{}",
        d[0]
    );
    assert_eq!((d[1].code, d[1].line, d[1].column), (DiagCode::UnknownField, Some(37), Some(5)), "{}", d[1]);
    // An empty file lacks `standard`.
    let (code, l, c, msg) = one("x.yaml", "");
    assert_eq!((code, l, c), (DiagCode::Syntax, 1, 1), "{msg}");
    assert!(msg.contains("missing field `standard`"), "{msg}");
    let zh = resolve("x.yaml", "").expect_err("empty")[0].message_zh();
    assert!(zh.starts_with("缺少必填字段 `standard`"), "in Chinese: {zh}");
    // A missing citation, Chinese first too (the TOML fixture's first indicator without it).
    let text = edit(
        TOML,
        &[(
            "points = 10\ncite = { source = \"fixture\", confidence = \"verified\", reason = \"测试夹具\" }",
            "points = 10",
        )],
    );
    let (code, _, _, msg) = one("x.toml", &text);
    assert_eq!(code, DiagCode::MissingCitation, "{msg}");
    assert!(msg.starts_with("missing field `cite`"), "{msg}");
    let zh = resolve("x.toml", &text).expect_err("no cite")[0].message_zh();
    assert!(zh.contains("每一项都须写出处 cite = { source, clause, confidence }"), "{zh}");
    // Too deep.
    let deep = format!("{{\"a\": {}{}}}", "[".repeat(200), "]".repeat(200));
    assert_eq!(one("x.json", &deep).0, DiagCode::Syntax);
    let deep = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(one("x.yaml", &deep).0, DiagCode::Syntax);
    // Billion laughs.
    let mut lol = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..9 {
        let (p, n) = (char::from(b'a' + i), char::from(b'b' + i));
        lol.push_str(&format!("{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"));
    }
    assert_eq!(one("x.yaml", &lol).0, DiagCode::Syntax);
}

/// Every prefix of a valid file gives a result or diagnostics, never a panic.
#[test]
fn truncated_files_never_panic() {
    for (name, text) in [("t.toml", TOML), ("t.json", JSON), ("t.yaml", YAML), ("-", JSON), ("-", YAML)] {
        for (i, _) in text.char_indices() {
            let _ = resolve(name, &text[..i]);
        }
    }
    let value = toml_to_json(&standard::builtin_parent("longwan-2024").expect("built-in").1);
    for (name, text) in [("l.json", serde_json::to_string_pretty(&value).expect("json")), ("l.yaml", to_yaml(&value))] {
        for (i, _) in text.char_indices().step_by(97) {
            let _ = resolve(name, &text[..i]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary edits of a valid file, or arbitrary text, never panic.
    #[test]
    fn garbage_never_panics(at in 0usize..2000, cut in 0usize..40, insert in ".{0,8}", junk in "\\PC{0,200}") {
        for (name, text) in [("g.json", JSON), ("g.yaml", YAML), ("g", YAML), ("g", JSON)] {
            let mut s = text.to_string();
            let mut a = at.min(s.len());
            while !s.is_char_boundary(a) {
                a -= 1;
            }
            let mut b = (a + cut).min(s.len());
            while !s.is_char_boundary(b) {
                b -= 1;
            }
            s.replace_range(a..b, &insert);
            let _ = resolve(name, &s);
            let _ = resolve(name, &junk);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A district official writes the next edition: longwan-2027 extends longwan-2024, changes a
// band, tightens the chain-share steps, adds an indicator and a target. Then the mistakes an
// official makes, each of which must be reported at the right line and column (in characters,
// as an editor counts them, Chinese included), saying what to do, without a panic.

const LW27: &str = include_str!("standard_formats/longwan-2027.toml");

/// 1-based line and column (in characters, a leading BOM not counted) of the first `needle`.
fn pos_of(text: &str, needle: &str) -> (u32, u32) {
    let i = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let before = &text[..i];
    let line = before.matches('\n').count() + 1;
    let last = before.rsplit('\n').next().unwrap_or("");
    let col = last.trim_start_matches('\u{feff}').chars().count() + 1;
    (u32::try_from(line).expect("small"), u32::try_from(col).expect("small"))
}

fn problems(name: &str, text: &str) -> Vec<Diagnostic> {
    match resolve(name, text) {
        Ok(s) => panic!("{name}: accepted as {} v{}, but the file has a mistake", s.id, s.version),
        Err(d) => d,
    }
}

fn only(name: &str, text: &str) -> Diagnostic {
    let d = problems(name, text);
    assert_eq!(d.len(), 1, "{name}: {d:#?}");
    d[0].clone()
}

#[test]
fn the_2027_edition_resolves_alike_in_toml_json_and_yaml() {
    let t = resolve("longwan-2027.toml", LW27).expect("valid");
    let value = toml_to_json(LW27);
    let j = resolve("longwan-2027.json", &serde_json::to_string_pretty(&value).expect("json")).expect("valid JSON");
    let y = resolve("longwan-2027.yaml", &to_yaml(&value)).expect("valid YAML");
    assert_eq!(j, t);
    assert_eq!(y, t);
    assert_eq!(t.total_points, 100.0);
    let lineage: Vec<&str> = t.lineage.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(lineage, ["mofcom-2021", "zhejiang-2023", "longwan-2024", "longwan-2027"]);
    assert!(t.indicators.iter().any(|i| i.id == "LW27-E01"));
}

#[test]
fn a_byte_order_mark_does_not_shift_columns() {
    for (name, text) in [
        ("b.toml", "standard = 5\n"),
        ("b.json", "{\"standard\": 5}"),
        ("b.yaml", "standard: 5\n"),
        ("-", "{\"standard\": 5}"),
    ] {
        let plain = only(name, text);
        let bom = only(name, &format!("\u{feff}{text}"));
        assert_eq!((bom.line, bom.column), (plain.line, plain.column), "{name}: {bom}");
        assert_eq!((plain.line, plain.column), (Some(1), Some(pos_of(text, "5").1)), "{name}: {plain}");
    }
}

#[test]
fn linear_takes_exactly_two_numbers() {
    // `[0.7, 0.8, 0.95]` used to be read as `[0.7, 0.8]`, the 0.95 silently dropped.
    let toml = LW27.replace("linear = [0.7, 0.95]", "linear = [0.7, 0.8, 0.95]");
    let d = only("x.toml", &toml);
    assert_eq!((d.code, d.item.as_deref()), (DiagCode::BadRule, Some("MC-L01")), "{d}");
    let (l, c) = pos_of(&toml, "[0.7, 0.8, 0.95]");
    assert_eq!((d.line, d.column), (Some(l), Some(c)), "{d}");
    assert!(d.message.contains("3"), "{d}");
    let json = serde_json::to_string(&toml_to_json(&toml)).expect("json");
    let d = only("x.json", &json);
    assert_eq!(d.code, DiagCode::BadRule, "{d}");
    let (l, c) = pos_of(&json, "[0.7,0.8,0.95]");
    assert_eq!((d.line, d.column), (Some(l), Some(c)), "{d}");
    let one = LW27.replace("linear = [0.7, 0.95]", "linear = [0.7]");
    assert_eq!(only("x.toml", &one).code, DiagCode::BadRule);
}

#[test]
fn category_names_and_aliases_must_not_clash() {
    // 社区食堂 is an alias of longwan-2024's elderly_canteen and 便利店 the name of
    // convenience_store: a facility written so would silently go to whichever comes first.
    let toml = LW27.replacen(
        "[[dimensions]]",
        "[[categories]]\ncode = \"community_canteen\"\nzh = \"社区食堂\"\nen = \"Community canteen\"\nclass = \"elderly_child\"\naliases = [\"长者助餐\", \"便利店\"]\ncite = { source = \"lw-commerce-2027\", confidence = \"provisional\", reason = \"设计\" }\n\n[[dimensions]]",
        1,
    );
    let d = problems("x.toml", &toml);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert!(d.iter().all(|d| d.code == DiagCode::DuplicateId && d.item.as_deref() == Some("community_canteen")));
    let by_zh = d.iter().find(|d| d.message.contains("elderly_canteen")).expect("the zh name clashes");
    assert_eq!((by_zh.line, by_zh.column), (Some(pos_of(&toml, "\"community_canteen\"").0), Some(8)), "{by_zh}");
    assert!(by_zh.message.contains("社区食堂"), "{by_zh}");
    let by_alias = d.iter().find(|d| d.message.contains("convenience_store")).expect("the alias clashes");
    let (l, c) = pos_of(&toml, "\"便利店\"]");
    assert_eq!((by_alias.line, by_alias.column), (Some(l), Some(c)), "{by_alias}");
    // The same in YAML, at the alias in the YAML file.
    let yaml = to_yaml(&toml_to_json(&toml));
    let d = problems("x.yaml", &yaml);
    let by_alias = d.iter().find(|d| d.message.contains("convenience_store")).expect("the alias clashes");
    let (l, c) = pos_of(&yaml, "便利店]");
    assert_eq!((by_alias.line, by_alias.column), (Some(l), Some(c)), "{by_alias}");
}

#[test]
fn json_whole_numbers_written_with_a_point_are_whole_numbers() {
    // JSON Schema counts 2027.0 as an integer, so the schema accepts it for `year`; the
    // parser must too.
    let mut value = toml_to_json(LW27);
    value["targets"][0]["year"] = serde_json::json!(2027.0);
    let json = serde_json::to_string_pretty(&value).expect("json");
    assert!(json.contains("\"year\": 2027.0"), "{json}");
    let s = resolve("x.json", &json).expect("2027.0 is the year 2027");
    assert!(s.targets.iter().any(|t| t.year == 2027 && t.metric == "chain_share"));
    let yaml = to_yaml(&value);
    assert!(yaml.contains("year: 2027.0"), "{yaml}");
    resolve("x.yaml", &yaml).expect("2027.0 is the year 2027");
    // Not a whole number: still refused, and the message says what is expected.
    value["targets"][0]["year"] = serde_json::json!(2027.5);
    let d = only("x.json", &serde_json::to_string_pretty(&value).expect("json"));
    assert!(d.message.contains("whole number"), "{d}");
}

#[test]
fn messages_say_what_to_do() {
    let case = |what: &str, from: &str, to: &str| {
        assert!(LW27.contains(from), "{what}: {from:?}");
        let text = LW27.replacen(from, to, 1);
        (only("x.toml", &text), text)
    };
    // Rust type names are not the format's words.
    let (d, _) = case(
        "string points",
        "points = 2\nresponsible = [\"区民政局*\"",
        "points = \"2\"\nresponsible = [\"区民政局*\"",
    );
    assert!(d.message.contains("expected a number") && !d.message.contains("f64"), "{d}");
    let (d, _) = case("float year", "year = 2027", "year = 2027.5");
    assert!(d.message.contains("whole number") && !d.message.contains("i32"), "{d}");
    // A version YAML reads as a number: quote it.
    let yaml = to_yaml(&toml_to_json(LW27)).replacen("version: 2027.0.1", "version: 2027.1", 1);
    let d = only("x.yaml", &yaml);
    assert!(d.message.contains("\"2027.1\""), "{d}");
    // An unquoted TOML date.
    let (d, text) = case("unquoted date", "effective = \"2027-01-01\"", "effective = 2027-01-01");
    assert_eq!((d.line, d.column), (Some(pos_of(&text, "effective").0), Some(13)), "{d}");
    assert!(d.message.contains("\"2027-01-01\"") && !d.message.contains("map"), "{d}");
    // Percentages where fractions are meant.
    let (d, _) = case("percent", "linear = [0.7, 0.95]", "linear = [70, 95]");
    assert!(d.message.contains("0.7") || d.message.contains("0.3"), "{d}");
    let (d, _) = case("percent target", "at_least = 0.4\nunit = \"fraction\"", "at_least = 40\nunit = \"fraction\"");
    assert!(d.message.contains("0.4"), "{d}");
    // Written without float noise (33.3 / 100 is 0.33299999999999996 in binary).
    let (d, _) = case("percent with a decimal", "linear = [0.7, 0.95]", "linear = [33.3, 95]");
    assert!(d.message_zh().contains("33.3% 应写作 0.333") && d.message.contains("write 33.3 % as 0.333"), "{d}");
    // A citation without its source is a missing citation, not a syntax error.
    let (d, text) = case("no source", "source = \"lw-commerce-2027\"\nclause = \"二(三)\"\n", "clause = \"二(三)\"\n");
    assert_eq!(d.code, DiagCode::MissingCitation, "{d}");
    assert!(d.message.contains("source"), "{d}");
    assert!(d.line.is_some_and(|l| l <= pos_of(&text, "clause = \"二(三)\"").0), "{d}");
    // Misspelt words: the nearest allowed one is suggested.
    let (d, _) = case(
        "confidence",
        "confidence = \"provisional\"\nreason = \"10分钟可达",
        "confidence = \"provisonal\"\nreason = \"10分钟可达",
    );
    assert!(d.message.contains("`provisional`?"), "{d}");
    let (d, text) = case("field", "within_minutes = 10\nlinear", "within_minute = 10\nlinear");
    assert_eq!(d.code, DiagCode::UnknownField);
    assert_eq!((d.line, d.column), (Some(pos_of(&text, "within_minute =").0), Some(1)), "{d}");
    assert!(d.message.contains("`within_minutes`?"), "{d}");
}

#[test]
fn full_width_punctuation_is_named() {
    let zh = "zh = \"老年助餐点步行10分钟可达\"";
    for (to, ch, col) in [
        ("zh：\"老年助餐点步行10分钟可达\"", '：', 3),
        ("zh = “老年助餐点步行10分钟可达”", '“', 6),
        ("zh ＝ \"老年助餐点步行10分钟可达\"", '＝', 4),
    ] {
        let text = LW27.replacen(zh, to, 1);
        let d = only("x.toml", &text);
        assert_eq!(d.code, DiagCode::Syntax, "{d}");
        let line = pos_of(&text, to).0;
        let (zh, shown) = (d.message_zh(), d.to_string());
        assert!(zh.contains(&format!("第{line}行第{col}列")) && zh.contains(ch), "{to}: {d}");
        assert!(zh.contains("全角") && d.message.contains("full-width"), "{d}");
        assert!(shown.contains(&format!("{zh} / {}", d.message)), "Chinese first: {d}");
    }
    // YAML reports the line after a full-width colon; the hint names the colon's own line.
    let yaml = to_yaml(&toml_to_json(LW27));
    let from = "    zh: 老年助餐点步行10分钟可达";
    assert!(yaml.contains(from), "{yaml}");
    let text = yaml.replacen(from, "    zh：老年助餐点步行10分钟可达", 1);
    let d = only("x.yaml", &text);
    let line = pos_of(&text, "zh：老年").0;
    assert!(d.message_zh().contains(&format!("第{line}行第7列")) && d.message_zh().contains('：'), "{d}");
    assert!(d.message.contains(&format!("line {line}, column 7")), "{d}");
    // JSON: a full-width comma between values.
    let json = serde_json::to_string_pretty(&toml_to_json(LW27)).expect("json");
    assert!(json.contains("\"points\": 2,\n"), "{json}");
    let text = json.replacen("\"points\": 2,\n", "\"points\": 2，\n", 1);
    let d = only("x.json", &text);
    let (l, c) = pos_of(&text, "\"points\": 2，");
    assert_eq!((d.line, d.column), (Some(l), Some(c + 11)), "{d}");
    assert!(d.message_zh().contains("全角") && d.message_zh().contains('，'), "{d}");
    // Full-width punctuation inside text is text, and no hint is given for it.
    let text = LW27.replacen("zh = \"老年助餐点步行10分钟可达\"", "zh = \"老年助餐点：步行10分钟可达\"\nzh = \"x\"", 1);
    let d = only("x.toml", &text);
    assert!(!d.to_string().contains("全角"), "{d}");
}

#[test]
fn a_misspelt_field_left_empty_is_still_unknown() {
    // `null` (or a YAML key without a value) reads as an absent field; a misspelt key so left
    // used to pass unseen, while the schema (no additional properties) refuses it.
    let yaml = to_yaml(&toml_to_json(LW27));
    let from = "    within_minutes: 10\n";
    assert!(yaml.contains(from), "{yaml}");
    let text = yaml.replacen(from, "    within_minutes: 10\n    ponts:\n", 1);
    let d = only("x.yaml", &text);
    assert_eq!(d.code, DiagCode::UnknownField, "{d}");
    let (l, c) = pos_of(&text, "ponts:");
    assert_eq!((d.line, d.column), (Some(l), Some(c)), "{d}");
    assert!(d.message.contains("`ponts`") && d.message.contains("`points`?"), "{d}");
    let mut value = toml_to_json(LW27);
    value["indicators"][1]["steps"][0]["x"] = Value::Null;
    let d = only("x.json", &serde_json::to_string_pretty(&value).expect("json"));
    assert_eq!(d.code, DiagCode::UnknownField, "{d}");
    assert!(d.message.contains("`x`") && d.message.contains("`at_least`"), "{d}");
    value["indicators"][1]["steps"][0].as_object_mut().expect("table").remove("x");
    value["standard"]["cite"]["clase"] = Value::Null;
    let d = only("x.json", &serde_json::to_string_pretty(&value).expect("json"));
    assert!(d.message.contains("`clase`") && d.message.contains("`clause`"), "{d}");
    // Known fields may be empty.
    value["standard"]["cite"].as_object_mut().expect("table").remove("clase");
    value["indicators"][1]["override"] = Value::Null;
    value["indicators"][2]["responsible"] = Value::Null;
    value["groups"] = Value::Null;
    value["standard"]["note"] = Value::Null;
    let s = resolve("x.json", &serde_json::to_string(&value).expect("json"));
    // `override: null` is `override = false`: the indicator is then a duplicate of its parent's.
    let d = s.expect_err("override left out");
    assert!(d.iter().all(|d| d.code == DiagCode::DuplicateId || d.code == DiagCode::PointsMismatch), "{d:#?}");
}

#[test]
fn layout_mistakes_say_where_and_what() {
    let yaml = to_yaml(&toml_to_json(LW27));
    let from = "    within_minutes: 10\n";
    // A tab for indentation: the parser stops at the scalar before it; the hint names the tab.
    let text = yaml.replacen(from, "\twithin_minutes: 10\n", 1);
    let d = only("x.yaml", &text);
    let (l, _) = pos_of(&text, "\twithin_minutes");
    assert!(d.message_zh().contains(&format!("第{l}行第1列是制表符")), "{d}");
    // A key indented one space too far.
    let text = yaml.replacen(from, "     within_minutes: 10\n", 1);
    let d = only("x.yaml", &text);
    assert!(d.message_zh().contains("缩进") && d.message.contains("indentation"), "{d}");
    // A trailing comma in JSON says so.
    let json = serde_json::to_string_pretty(&toml_to_json(LW27)).expect("json");
    for (from, to) in [
        ("\"各街道办事处\"\n", "\"各街道办事处\",\n"),
        ("\"zh\": \"老年助餐点步行10分钟可达\"\n", "\"zh\": \"老年助餐点步行10分钟可达\",\n"),
    ] {
        assert!(json.contains(from), "{from}");
        let text = json.replacen(from, to, 1);
        let d = only("x.json", &text);
        assert!(d.message_zh().contains("逗号") && d.message.contains("no comma after the last item"), "{d}");
    }
    // A date written another way says how to write it, in Chinese first.
    let d = only("x.toml", &LW27.replacen("effective = \"2027-01-01\"", "effective = \"2027/1/1\"", 1));
    assert!(d.message_zh().contains("“2027/1/1”写法不对：日期须写成 YYYY-MM-DD"), "{d}");
}

#[test]
fn a_new_edition_may_drop_an_inherited_indicator() {
    let s = resolve("longwan-2027.toml", LW27).expect("valid");
    assert!(!s.indicators.iter().any(|i| i.id == "LW-M02"), "LW-M02 is dropped");
    assert_eq!(s.indicators.len(), 39);
    assert_eq!(s.dimension("service").map(|d| d.points), Some(21.0));
    // The parent keeps it.
    let (f, t) = standard::builtin_parent("longwan-2024").expect("built-in");
    assert!(resolve(&f, &t).expect("valid").indicators.iter().any(|i| i.id == "LW-M02"));
    let removed = "[[removed]]\nindicator = \"LW-M02\"";
    assert!(LW27.contains(removed));
    // Dropping one no parent has.
    let text = LW27.replacen(removed, "[[removed]]\nindicator = \"LW-M99\"", 1);
    let d = problems("x.toml", &text);
    let first = &d[0];
    assert_eq!((first.code, first.item.as_deref()), (DiagCode::OverrideUnknown, Some("LW-M99")), "{d:#?}");
    assert_eq!((first.line, first.column), (Some(pos_of(&text, "indicator = \"LW-M99\"").0), Some(13)), "{first}");
    // Dropping one this file overrides.
    let text = LW27.replacen(removed, "[[removed]]\nindicator = \"MC-S02\"", 1);
    let d = problems("x.toml", &text);
    assert!(d.iter().any(|d| d.code == DiagCode::DuplicateId && d.item.as_deref() == Some("MC-S02")), "{d:#?}");
    // A removal needs its citation, like any value.
    let start = LW27.find(removed).expect("there");
    let end = start + LW27[start..].find("\n\n").expect("blank line");
    let text = format!("{}{}", &LW27[..start], &LW27[start..end].lines().take(2).collect::<Vec<_>>().join("\n"))
        + &LW27[end..];
    assert_eq!(only("x.toml", &text).code, DiagCode::MissingCitation);
    // JSON and YAML alike, with the line of the removal in those files.
    let mut value = toml_to_json(LW27);
    value["removed"][0]["indicator"] = Value::String("LW-M99".into());
    let yaml = to_yaml(&value);
    let d = problems("x.yaml", &yaml);
    let (l, c) = pos_of(&yaml, "LW-M99");
    assert_eq!((d[0].line, d[0].column), (Some(l), Some(c)), "{}", d[0]);
    // The same removal written twice: a repeat, named at the second, not "no parent has it".
    let block = &LW27[start..end];
    let twice = LW27.replacen(block, &format!("{block}\n\n{block}"), 1);
    let d = only("x.toml", &twice);
    assert_eq!((d.code, d.item.as_deref()), (DiagCode::DuplicateId, Some("LW-M02")), "{d}");
    assert!(d.message_zh().contains("已删去指标 `LW-M02`"), "{d}");
    // A grandchild overriding what its parent removed: the grandchild's mistake, at its item.
    let grand = "[standard]\nid = \"grand\"\nversion = \"1\"\ntitle = { zh = \"孙\", en = \"grand\" }\n\
        issuer = { zh = \"x\", en = \"x\" }\ndocument = \"x\"\nissued = \"2027-01-01\"\neffective = \"2027-01-01\"\n\
        level = \"district\"\nextends = \"longwan-2027\"\nstatus = \"proposal\"\ntotal_points = 100\nfamily = \"commerce\"\n\
        cite = { source = \"g\", clause = \"x\", confidence = \"provisional\", reason = \"x\" }\n\
        [[sources]]\nid = \"g\"\ntitle = \"g\"\nissuer = \"g\"\ndate = \"2027-01-01\"\n\n\
        [[indicators]]\nid = \"LW-M02\"\noverride = true\ndimension = \"service\"\nzh = \"社区团购冷链设施\"\nen = \"Cold chain\"\n\
        kind = \"checklist\"\npoints = 1\ncite = { source = \"g\", clause = \"x\", confidence = \"provisional\", reason = \"x\" }\n";
    let lookup = |id: &str| {
        if id == "longwan-2027" {
            Some(("longwan-2027.toml".to_string(), LW27.to_string()))
        } else {
            standard::builtin_parent(id)
        }
    };
    let d = standard::resolve::resolve("grand.toml", grand, &lookup).map(|_| ()).expect_err("refused").diagnostics;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        (d[0].code, d[0].file.as_str(), d[0].line),
        (DiagCode::OverrideUnknown, "grand.toml", Some(pos_of(grand, "id = \"LW-M02\"").0)),
        "{d:#?}"
    );
    assert!(d[0].message_zh().contains("已被上级标准 longwan-2027.toml 删去"), "{}", d[0]);
}

#[test]
fn a_wrong_parent_says_which_one_was_meant() {
    for (to, want) in [
        ("extends = \"longwan-2O24\"", "`longwan-2024`?"),
        ("extends = \"longwan-2024@0.1.0\"", "不写版本：`longwan-2024`"),
        ("extends = \"longwan-2024 v0.1.0\"", "without a version: `longwan-2024`"),
    ] {
        let text = LW27.replacen("extends = \"longwan-2024\"", to, 1);
        let d = only("x.toml", &text);
        assert_eq!(d.code, DiagCode::UnknownParent, "{d}");
        assert_eq!((d.line, d.column), (Some(pos_of(&text, "extends =").0), Some(11)), "{d}");
        assert!(d.to_string().contains(want), "{to}: {d}");
    }
}

#[test]
fn a_duplicate_id_names_the_first_one() {
    // The new indicator given the id of one the file already overrides.
    let text = LW27.replacen("id = \"LW27-E01\"", "id = \"MC-S02\"", 1);
    let d = problems("x.toml", &text);
    let dup = d.iter().find(|d| d.code == DiagCode::DuplicateId).expect("duplicate");
    let first = pos_of(&text, "id = \"MC-S02\"").0;
    let second = first + pos_of(&text[text.find("id = \"MC-S02\"").expect("there") + 1..], "id = \"MC-S02\"").0 - 1;
    assert_eq!((dup.line, dup.column), (Some(second), Some(6)), "{dup}");
    assert!(
        dup.message_zh().contains(&format!("第{first}行")) && dup.message.contains(&format!("line {first}")),
        "{dup}"
    );
    // In YAML, the first one's line in the YAML file.
    let yaml = to_yaml(&toml_to_json(&text));
    let d = problems("x.yaml", &yaml);
    let dup = d.iter().find(|d| d.code == DiagCode::DuplicateId).expect("duplicate");
    let first = pos_of(&yaml, "id: MC-S02").0;
    assert!(dup.message.contains(&format!("line {first})")), "{dup}");
}

#[test]
fn every_misspelt_field_is_named_in_one_run() {
    // A contributor with five mistakes used to need five runs: serde stops at the first
    // unknown field. Four misspelt fields (one inside an inline table, one in a table header's
    // section) and an item without a field it needs, in TOML, JSON and YAML alike.
    let toml = LW27
        .replacen("clause = \"全文\"", "claus = \"全文\"", 1)
        .replacen("within_minutes = 10\nlinear", "within_minute = 10\nlinear", 1)
        .replacen("clause = \"附件·指标调整\"", "clase = \"附件·指标调整\"", 1)
        .replacen("within_minutes = 10\npoints = 2", "within_minuts = 10\npoints = 2", 1)
        .replacen("en = \"Good, smart service\"\n", "", 1);
    let expect = [
        ("claus", "clause"),
        ("within_minute", "within_minutes"),
        ("clase", "clause"),
        ("within_minuts", "within_minutes"),
    ];
    let check = |name: &str, text: &str| {
        let d = problems(name, text);
        assert_eq!(d.len(), 5, "{name}: {d:#?}");
        // In the file's order (in the TOML, the dimension at line 41 between two typos).
        assert!(d.windows(2).all(|w| w[0].line < w[1].line), "{name}: {d:#?}");
        let (unknown, other): (Vec<_>, Vec<_>) = d.iter().partition(|d| d.code == DiagCode::UnknownField);
        assert_eq!(unknown.len(), 4, "{name}: {d:#?}");
        for (typo, meant) in expect {
            let got = unknown.iter().find(|d| d.message.contains(&format!("`{typo}`"))).expect("named");
            assert!(got.message.contains(&format!("`{meant}`?")), "{got}");
            assert!(got.message_zh().contains(&format!("是不是 `{meant}`")), "{got}");
            if name.ends_with(".toml") {
                let (l, c) = pos_of(text, &format!("{typo} ="));
                assert_eq!((got.line, got.column), (Some(l), Some(c)), "{name}: {got}");
            }
        }
        assert!(other[0].message.contains("`en`") && other[0].message.contains("`service`"), "{name}: {}", other[0]);
    };
    check("x.toml", &toml);
    let value = toml_to_json(&toml);
    check("x.json", &serde_json::to_string_pretty(&value).expect("json"));
    check("x.yaml", &to_yaml(&value));
    // Fixed, the file resolves: nothing blanked stays behind.
    let fixed = expect.iter().fold(toml, |t, (typo, meant)| t.replacen(&format!("{typo} ="), &format!("{meant} ="), 1));
    let d = problems("x.toml", &fixed);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].message.contains("`en`"), "{}", d[0]);
}

#[test]
fn a_key_written_twice_names_the_files_own_syntax() {
    // A JSON or YAML file is checked as TOML text underneath; its messages still name JSON or
    // YAML, never the TOML the user did not write.
    for (name, text, syntax) in [
        ("x.toml", edit(TOML, CASES[5].toml), "TOML"),
        ("x.json", edit(JSON, CASES[5].json), "JSON"),
        ("x.yaml", edit(YAML, CASES[5].yaml), "YAML"),
    ] {
        assert_eq!(CASES[5].what, "duplicate key");
        let d = only(name, &text);
        assert_eq!(d.code, DiagCode::Syntax, "{d}");
        assert_eq!(d.message_zh(), format!("格式错误：同一个键写了两次（不是有效的 {syntax}）"), "{d}");
        let other = ["TOML", "JSON", "YAML"].into_iter().filter(|s| *s != syntax);
        for s in other {
            assert!(!d.to_string().contains(s), "{name} names {s}: {d}");
        }
        if syntax != "TOML" {
            assert!(d.message.starts_with(&format!("{syntax} syntax: duplicate key")), "{d}");
        }
    }
}
