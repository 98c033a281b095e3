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
    let child = "standard:\n  id: fmt-child\n  version: 1.0.0\n  title: {zh: 子, en: Child}\n  issuer: {zh: 测试, en: tests}\n  document: 无\n  issued: 2024-01-01\n  effective: 2024-01-01\n  level: district\n  extends: fmt-parent\n  status: proposal\n  total_points: 10\n  cite: {source: fixture, confidence: verified}\n";
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
        toml: &[("points = 10\ncite = { source = \"fixture\", confidence = \"verified\" }", "points = 10")],
        json: &[(
            "      \"points\": 10,\n      \"cite\": { \"source\": \"fixture\", \"confidence\": \"verified\" }",
            "      \"points\": 10",
        )],
        json_at: (46, 5),
        yaml: &[("    cite:\n      source: fixture\n      confidence: verified", "")],
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
    // The merge key is not YAML 1.2: an unknown field.
    let (code, l, c, msg) = one("x.yml", &YAML.replace("  cite: *verified", "  <<: *verified"));
    assert_eq!((code, l, c), (DiagCode::UnknownField, 37, 5), "{msg}");
    // An empty file lacks `standard`.
    let (code, l, c, msg) = one("x.yaml", "");
    assert_eq!((code, l, c), (DiagCode::Syntax, 1, 1), "{msg}");
    assert!(msg.contains("missing field `standard`"), "{msg}");
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
