//! Plain words in the built-in standards' texts. A community worker reads each indicator's
//! name, `help`, `action` and the reasons of its citations in the score card, the gap list
//! (一圈一策) and the printed plan; she does not know this project's evidence codes (V, V2, R, G,
//! I: the widgets say the evidence level in words from the `evidence` field), the standard file's
//! field names (`cap = basic`, `points_cite`, `issued`), its identifiers (`elderly_care`,
//! `mofcom-2021`) or the repository's files (DESIGN.md). A text that needs one says it in words.
//!
//! Every text a reader can be shown is checked, as the core resolves the standards (children with
//! their parents' items), walked as their JSON: names, titles, issuers, notes, `help`, `action`,
//! targets, units, and each citation's clause and reason (both halves: "中文…。 English…").
//! Not checked: `quote` (the official document's own words), ids, codes and the `evidence` field.

use lifecircle_core::score::reason_halves;
use lifecircle_core::standard;
use serde_json::Value;

/// The language a text is written in: the Chinese of a `{ zh, en }` pair or a reason's first half;
/// the English; or one string for both (a source's title or note, a clause).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Lang {
    Zh,
    En,
    Both,
}

/// ASCII words a Chinese text may hold: units and the project's name. Upper-case letters are
/// the official documents' own (GB 50180, 附录B, 表A.1) or indicator ids (MC-T03), which the score
/// card shows beside each name.
const ZH_ALLOWED: &[&str] = &["m", "min", "km", "ha", "lifecircle"];

/// The research notes' evidence codes (standards/README.md).
const CODES: &[&str] = &["V", "V2", "R", "G", "I"];

/// Endings of the repository's file names.
const FILES: &[&str] = &["md", "toml", "rs", "json", "yaml", "yml", "txt", "bin", "csv"];

/// The text without its web addresses (a source's note names the pages it was read on).
fn without_urls(s: &str) -> String {
    s.split(' ')
        .map(|w| match w.find("http://").or_else(|| w.find("https://")) {
            Some(i) => &w[..i],
            None => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What in `text` a community worker would not know; empty when it reads in plain words. `ids`:
/// the identifiers of the standards and their sources.
fn jargon(text: &str, lang: Lang, ids: &[String]) -> Vec<String> {
    let t = without_urls(text);
    let mut found = Vec::new();
    // Evidence codes: an ASCII word of its own ("（V2）", "，V2）", "R med").
    for w in t.split(|c: char| !c.is_ascii_alphanumeric()) {
        if CODES.contains(&w) {
            found.push(format!("evidence code `{w}`"));
        }
    }
    // snake_case identifiers: field names (points_cite) and codes (elderly_care).
    for w in t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        let b = w.as_bytes();
        if (1..b.len().saturating_sub(1)).any(|i| b[i] == b'_' && b[i - 1] != b'_' && b[i + 1] != b'_') {
            found.push(format!("identifier `{w}`"));
        }
    }
    // A field written as in the file: "cap = basic".
    for (i, _) in t.match_indices('=') {
        let head = t[..i].trim_end();
        let field = head.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
        if head.len() > field.len() {
            found.push(format!("field assignment `{} =`", &head[field.len()..]));
        }
    }
    // The repository's files: "DESIGN.md", "raw.rs".
    for ext in FILES {
        for (i, m) in t.match_indices(&format!(".{ext}")) {
            let before = t[..i].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric());
            let after = t[i + m.len()..].chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
            if before && !after {
                found.push(format!("file name `*.{ext}`"));
            }
        }
    }
    // The standards' and sources' identifiers: "见 mofcom-2021", "lifecircle-design".
    for id in ids {
        if t.contains(id.as_str()) {
            found.push(format!("identifier `{id}`"));
        }
    }
    // English words in a Chinese text: a field name ("issued 暂取实施日期", "（provisional）"), an
    // English sentence ("recalled, not re-verified（R med）").
    if lang == Lang::Zh {
        for w in t.split(|c: char| !c.is_ascii_alphabetic()) {
            if w.chars().any(|c| c.is_ascii_lowercase()) && !ZH_ALLOWED.contains(&w) {
                found.push(format!("English word `{w}` in a Chinese text"));
            }
        }
    }
    found
}

/// A text a reader can be shown: where it is, its language, its words.
struct Said {
    at: String,
    lang: Lang,
    text: String,
}

/// Keys whose string values are read: `zh`/`en` of a pair, a reason, and strings for both
/// languages. Everything else (quote, ids, codes, evidence, addresses, digests) is not.
fn said(key: &str) -> Option<Lang> {
    match key {
        "zh" | "aliases" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        "title" | "issuer" | "note" | "clause" | "document" | "reason" => Some(Lang::Both),
        _ => None,
    }
}

fn push(at: String, key: &str, s: &str, out: &mut Vec<Said>) {
    let Some(lang) = said(key) else { return };
    if key == "reason" {
        // "中文…。 English…": each half in its language; a reason without the split serves both
        // languages and must read in Chinese.
        let (zh, en) = reason_halves(s);
        out.push(Said { at: format!("{at} (zh)"), lang: Lang::Zh, text: zh.to_string() });
        if en != zh {
            out.push(Said { at: format!("{at} (en)"), lang: Lang::En, text: en.to_string() });
        }
    } else {
        out.push(Said { at, lang, text: s.to_string() });
    }
}

fn walk(v: &Value, path: &str, key: &str, out: &mut Vec<Said>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k != "quote" {
                    walk(x, &format!("{path}.{k}"), k, out);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                match x {
                    Value::String(s) => push(format!("{path}[{i}]"), key, s, out),
                    _ => {
                        let name =
                            ["id", "code", "key", "metric"].iter().find_map(|k| x.get(k).and_then(Value::as_str));
                        let at = match (name, x.get("year").and_then(Value::as_u64)) {
                            (Some(n), Some(y)) => format!("{path}[{n} {y}]"),
                            (Some(n), None) => format!("{path}[{n}]"),
                            _ => format!("{path}[{i}]"),
                        };
                        walk(x, &at, key, out);
                    }
                }
            }
        }
        Value::String(s) => push(path.to_string(), key, s, out),
        _ => {}
    }
}

#[test]
fn the_standards_texts_are_in_plain_words() {
    let mut problems = Vec::new();
    let mut read = 0;
    for b in standard::BUILTIN {
        let st = standard::load_builtin(b.id).expect("built-in standards are valid");
        let mut ids: Vec<String> = standard::BUILTIN.iter().map(|b| b.id.to_string()).collect();
        ids.extend(st.sources.iter().map(|s| s.id.clone()));
        let mut out = Vec::new();
        walk(&serde_json::to_value(&st).expect("a standard serializes"), "", "", &mut out);
        read += out.len();
        for s in &out {
            let j = jargon(&s.text, s.lang, &ids);
            if !j.is_empty() {
                problems.push(format!("{}{}: {}: “{}”", b.id, s.at, j.join(", "), s.text));
            }
        }
    }
    // Every indicator has a name in two languages and a cite: thousands of texts in all.
    assert!(read > 2000, "only {read} texts read: is the model's JSON still walked right?");
    problems.dedup();
    assert!(
        problems.is_empty(),
        "内置标准的说明文字中有社区工作人员看不懂的代码、字段名或文件名，请改用文字表述 / \
         codes, field names or file names in the built-in standards' texts; say them in words:\n{}",
        problems.join("\n")
    );
}

/// The check finds what the review found, and leaves plain words alone.
#[test]
fn jargon_is_what_a_reader_does_not_know() {
    let ids = vec!["mofcom-2021".to_string(), "lifecircle-design".to_string()];
    let zh = |s: &str| jargon(s, Lang::Zh, &ids);
    let en = |s: &str| jargon(s, Lang::En, &ids);
    for s in [
        "作为必备项、缺失时最高评为基础型（cap = basic）及1分为设计。",
        "缺失不评级（cap=none）是本项目对国家“必备”的解释。",
        "非新建居住区按“不适用”计满分（见 DESIGN.md）。",
        "每百户30平方米读自2025年国家通知（V2）。",
        "与浙江要求一致（据报道，V2）。",
        "“一菜”读自401号（V）。",
        "研究推断其可能是评价表的维度（I）。",
        "人口数亦见于第三方代码 G。",
        "回忆的指南列表（R med），未核实。",
        "理由写在各指标 points_cite 中。",
        "60%–90%线性区间与4分为设计（理由见 mofcom-2021 MC-L01）。",
        "发布日期未核实，issued 暂取实施日期。",
        "分值为本项目设计（provisional）。",
        "recalled, not re-verified。",
    ] {
        assert!(!zh(s).is_empty(), "not found: {s}");
    }
    for s in ["The value is national (V2).", "Recalled (R high), not re-verified.", "See COVERAGE.md."] {
        assert!(!en(s).is_empty(), "not found: {s}");
    }
    for s in [
        "回忆，把握较大（据报道，GB 50180-93 亦为500 m）；分值为设计。",
        "附录B 表B.0.1、表B.0.3；老年康护另在 MC-T03、LW-E03 计分。",
        "评分体系由 lifecircle 项目设计。官方页面：https://www.mofcom.gov.cn/zwgk/art_0480.html 。",
        "步行约15分钟（按暂定步速 75 m/min）。",
    ] {
        assert_eq!(zh(s), Vec::<String>::new(), "{s}");
    }
    for s in [
        "Recalled, quite sure; points designed.",
        "Band and 4 points are designed (no official share; 90 % after Shanghai).",
    ] {
        assert_eq!(en(s), Vec::<String>::new(), "{s}");
    }
}
