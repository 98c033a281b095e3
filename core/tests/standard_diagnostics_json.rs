//! Standard diagnostics as JSON (what the npm package's `validateStandard` returns and its
//! `invalid_standard` errors carry): the Chinese text travels with the English, as
//! `message_zh`, never only the English `message`.

use lifecircle_core::standard::{self, DiagCode, Diagnostic};
use serde_json::Value;

/// The diagnostics of mofcom-2021 with `from` replaced by `to` (once).
fn broken(from: &str, to: &str) -> Vec<Diagnostic> {
    let text = standard::builtin_text("mofcom-2021").expect("built in");
    assert!(text.contains(from), "{from}");
    standard::load_text("mine.toml", &text.replacen(from, to, 1)).expect_err("broken").diagnostics
}

fn json(d: &Diagnostic) -> Value {
    serde_json::to_value(d).expect("a diagnostic serializes")
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A diagnostic with a Chinese message written for it: `message_zh` is that message, with the
/// field, the value written and what is allowed; `message` stays the English.
#[test]
fn a_written_chinese_message_is_serialized() {
    let diags = broken("level = \"national\"", "level = \"distrct\"");
    let d = diags.iter().find(|d| d.code == DiagCode::BadValue).expect("a bad_value diagnostic");
    let zh = d.zh.as_deref().expect("level has a Chinese message");
    let v = json(d);
    assert_eq!(v["message_zh"].as_str(), Some(zh), "{v}");
    let message_zh = v["message_zh"].as_str().unwrap();
    assert!(message_zh.contains("层级") && message_zh.contains("distrct"), "{message_zh}");
    assert!(message_zh.contains("district"), "the nearest allowed word: {message_zh}");
    assert_eq!(v["message"].as_str(), Some(d.message.as_str()));
    assert!(!has_chinese(&d.message), "the English message stays English: {}", d.message);
    // The Chinese reads first in the text a terminal shows too.
    assert!(d.to_string().contains(&format!("{message_zh} / {}", d.message)), "{d}");
}

/// Without a Chinese message of its own (resolving writes one for every problem; a diagnostic
/// built elsewhere may not), `message_zh` is what the code means in Chinese, then the English
/// that names the exact values: the Chinese half of what `Display` writes.
#[test]
fn without_one_the_code_s_chinese_leads_the_english() {
    let d = Diagnostic {
        code: DiagCode::UnknownUnit,
        file: "mine.toml".into(),
        line: Some(3),
        column: Some(8),
        item: Some("walking_speed_m_per_min".into()),
        message: "unknown unit `m/mn`".into(),
        zh: None,
    };
    let v = json(&d);
    let message_zh = v["message_zh"].as_str().unwrap_or_else(|| panic!("no message_zh in {v}"));
    assert_eq!(message_zh, format!("{} / {}", DiagCode::UnknownUnit.zh(), d.message));
    assert!(message_zh.starts_with("不认识的单位"), "{message_zh}");
    assert!(d.to_string().ends_with(message_zh), "{d}");
}

/// Resolving writes the Chinese of every problem itself, with the value written (not only
/// what the code means).
#[test]
fn resolving_writes_its_own_chinese_with_the_values() {
    let diags = broken("unit = \"m/min\"", "unit = \"m/mn\"");
    let d = diags.iter().find(|d| d.code == DiagCode::UnknownUnit).expect("an unknown_unit diagnostic");
    let zh = d.zh.as_deref().unwrap_or_else(|| panic!("no Chinese of its own: {d}"));
    assert!(zh.contains("m/mn") && zh.contains("是不是 `m/min`？"), "{zh}");
    assert!(!has_chinese(&d.message), "the English message stays English: {}", d.message);
}

/// Every diagnostic of a file with several problems, and an unknown built-in id (the scoring
/// module's only diagnostic), serializes its fields in a fixed order with `message_zh` last,
/// Chinese in every one.
#[test]
fn every_diagnostic_carries_chinese_in_a_fixed_field_order() {
    let text = standard::builtin_text("mofcom-2021").expect("built in");
    let text = text
        .replacen("level = \"national\"", "level = \"distrct\"", 1)
        .replacen("unit = \"m/min\"", "unit = \"m/mn\"", 1)
        .replacen("unit = \"factor\"", "unit = \"times\"", 1);
    let err = standard::load_text("mine.toml", &text).expect_err("broken");
    assert!(err.diagnostics.len() >= 3, "{err}");
    let unknown = standard::load_builtin("no-such-standard").expect_err("not built in");
    assert_eq!(unknown.diagnostics[0].code, DiagCode::UnknownParent);
    for d in err.diagnostics.iter().chain(&unknown.diagnostics) {
        let v = json(d);
        let text = serde_json::to_string(d).unwrap();
        let want: Vec<&str> = ["code", "file", "line", "column", "item", "message", "message_zh"]
            .into_iter()
            .filter(|k| !matches!(*k, "line" | "column" | "item") || v.get(*k).is_some())
            .collect();
        assert_eq!(v.as_object().unwrap().len(), want.len(), "{text}");
        let at: Vec<usize> =
            want.iter().map(|k| text.find(&format!("\"{k}\":")).unwrap_or_else(|| panic!("no {k}: {text}"))).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "fields out of order: {text}");
        assert!(has_chinese(v["message_zh"].as_str().unwrap()), "{v}");
    }
    // The whole error too (`StandardError` is what the CLI and the npm errors start from).
    let whole = serde_json::to_string(&unknown).unwrap();
    assert!(whole.contains("\"message_zh\":\"没有内置标准 no-such-standard（内置标准有："), "{whole}");
}
