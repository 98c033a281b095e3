//! The field path of a JSON error in a circle input: `Circle::from_json` finds it again
//! from the text and the error's position (core/src/json_path.rs). Until then core tracked
//! it while deserializing, with serde_path_to_error: that is the reference here, on
//! hand-written broken inputs and on broken versions of every circle of the golden cases
//! and the built-in sample (cut short, a value of the wrong type, a key removed or added,
//! one character inserted or deleted).
//!
//! Where the new path deliberately differs from serde_path_to_error's, [`expected`] says so,
//! case by case, and why.

use std::path::Path;
use std::sync::LazyLock;

use lifecircle_core::Circle;
use lifecircle_core::circle::InputProblem;
use proptest::prelude::*;
use serde_json::Value;
use serde_path_to_error::Segment;

/// What the user should see for a JSON error: field path, line, column, message.
#[derive(Debug, PartialEq)]
struct Seen {
    field: String,
    line: Option<u32>,
    column: Option<u32>,
    message: String,
}

/// The JSON error the user should see for `text`, from serde_path_to_error's path; `None`
/// for JSON that reads as a circle.
fn expected(text: &str) -> Option<Seen> {
    // A circle written as an array is refused before serde reads it, whatever serde would say
    // (`[]` is "invalid length 0" there): at the `[`.
    let rest = text.trim_start_matches([' ', '\t', '\n', '\r']);
    if rest.starts_with('[') {
        let lead = &text[..text.len() - rest.len()];
        let line = lead.matches('\n').count() as u32 + 1;
        let column = lead.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        return Some(Seen {
            field: String::new(),
            line: Some(line),
            column: Some(column),
            message: "a circle is a JSON object {…}, not an array of values by position".into(),
        });
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    let (path, err) = match serde_path_to_error::deserialize::<_, Circle>(&mut *de) {
        Err(e) => {
            let segments: Vec<&Segment> = e.path().iter().collect();
            let mut path = e.path().to_string();
            if path == "." {
                path.clear();
            }
            // A syntax error where a key belongs (`{"a": 1,}`, `{"a": 1 "b": 2}`, the text
            // ending after a comma or inside a key): serde_path_to_error has no key and ends
            // the path with `?`. The user sees the object instead: `?` names nothing.
            if let Some(Segment::Unknown) = segments.last() {
                path.truncate(path.len() - 1);
                if path.ends_with('.') {
                    path.pop();
                }
            }
            let err = e.into_inner();
            // A key given twice: the error is reported right after the second one, and the
            // path names it (`facilities[2].name`) where serde_path_to_error named only the
            // object (`facilities[2]`): the message says `duplicate field `name``, and the
            // path now leads to the very member.
            let message = err.to_string();
            if let Some(key) = message.strip_prefix("duplicate field `").and_then(|m| m.split('`').next()) {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            // An enum value written as an object, `"status": {"opne": null}`, with a
            // variant that does not exist: the path names that key, as for an unknown field
            // (`facilities[0].status.opne`), where serde_path_to_error named the enum value.
            if let Some(variant) = message.strip_prefix("unknown variant `").and_then(|m| m.split('`').next()) {
                let read = &text[..offset(text, err.line(), err.column())];
                if read.strip_suffix(&format!("\"{variant}\"")).is_some_and(|r| r.trim_end().ends_with('{')) {
                    path = format!("{path}.{variant}");
                }
            }
            // One element too many in a fixed-size array (`[lon, lat]`), after a comma:
            // serde_json says `trailing characters` there; the path names that element
            // (`location.centre[2]`) where serde_path_to_error named the array.
            if message == format!("trailing characters at line {} column {}", err.line(), err.column())
                && !path.is_empty()
                && text[..offset(text, err.line(), err.column()) - 1].trim_end().ends_with(',')
            {
                path.push_str("[2]");
            }
            (path, err)
        }
        // Text after the circle (`{…} x`, two circles in one file): serde_path_to_error was
        // used without checking the end, so it was silently ignored. It is an error now,
        // on the whole document.
        Ok(_) => match de.end() {
            Ok(()) => return None,
            Err(err) => (String::new(), err),
        },
    };
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    Some(Seen {
        field: path,
        line: Some(err.line() as u32),
        column: Some(chars_read(text, err.line(), err.column())),
        message: plain(full.strip_suffix(&suffix).unwrap_or(&full)),
    })
}

/// serde's Rust type names as the format's readers are told them (the core's message says
/// "expected a number", not "expected f64").
fn plain(m: &str) -> String {
    let mut m = m.to_string();
    if let Some(i) = m.find("expected struct ") {
        let end = m[i + 16..].find(|c: char| !c.is_ascii_alphanumeric()).map_or(m.len(), |n| i + 16 + n);
        m.replace_range(i..end, "expected an object");
    }
    for (rust, words) in [
        ("expected a sequence", "expected a list"),
        ("expected f64", "expected a number"),
        ("expected u32", "expected a whole number, 0 or more"),
    ] {
        if m.ends_with(rust) {
            m.replace_range(m.len() - rust.len().., words);
        }
    }
    m
}

/// serde_json's column (bytes read on the line) in characters, as the user is told: the
/// line's bytes read, decoded (a character cut short counts as one).
fn chars_read(text: &str, line: usize, column: usize) -> u32 {
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let end = (start + column).min(text.len());
    // Columns are 1-based: nothing read on the line (the text ends after a line break) is its
    // first column, not serde_json's 0.
    (String::from_utf8_lossy(&text.as_bytes()[start..end]).chars().count() as u32).max(1)
}

/// The byte offset of serde_json's line (1-based) and column (bytes read on that line).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    start + column
}

/// The JSON error `Circle::from_json` reports for `text`, if any.
fn seen(text: &str) -> Option<Seen> {
    let problems = match Circle::from_json(text) {
        Ok(_) => return None,
        Err(e) => e.problems,
    };
    let json: Vec<&InputProblem> = problems.iter().filter(|p| p.code == "json").collect();
    match json[..] {
        [] => None,
        [p] => {
            assert_eq!(problems.len(), 1, "a JSON error comes alone: {problems:?}");
            Some(Seen { field: p.field.clone(), line: p.line, column: p.column, message: p.message.clone() })
        }
        _ => panic!("one JSON error at most: {problems:?}"),
    }
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let want = expected(text);
    let got = seen(text);
    prop_assert_eq!(&got, &want, "text:\n{}", text);
    Ok(())
}

/// The JSON error of `text`, checked against the reference, with its field.
fn field(text: &str) -> String {
    check(text).unwrap();
    seen(text).expect("a JSON error").field
}

// ---------------------------------------------------------------------------------------------
// Hand-written inputs.

#[test]
fn hand_written_errors() {
    // A circle with an id and a name, and more.
    let c = |more: &str| format!(r#"{{"id": "a", "name": "b", {more}"#);
    // A circle in Chinese with one facility, and another one.
    let f = r#""category": "便利店", "name": "镇中便利店""#;
    let zh = |more: &str| format!(r#"{{"id": "甲", "name": "一刻钟生活圈", "facilities": [{{{f}}}, {more}]}}"#);
    let s = str::to_string;
    let cases: &[(String, &str)] = &[
        // Unknown field in a nested facility: the path ends with the unknown key.
        (
            c(r#""facilities": [{"category": "x", "name": "y"}, {"category": "x", "name": "y", "colour": 1}]}"#),
            "facilities[1].colour",
        ),
        // Wrong type deep down.
        (
            c(r#""walking": {"origins": [{"id": "o", "population": 1}, {"id": "p", "nearest_m": {"shop": "far"}}]}}"#),
            "walking.origins[1].nearest_m.shop",
        ),
        (c(r#""location": {"centre": [120, {}]}}"#), "location.centre[1]"),
        (c(r#""subdistrict": []}"#), "subdistrict"),
        (c(r#""communities": [{"name": "c"}, "d"]}"#), "communities[1]"),
        (s(r#"{"id": "a", "name": {"zh": "b"}}"#), "name"),
        (c(r#""surveys": {"overall": {"respondents": 10, "satisfied": -1}}}"#), "surveys.overall.satisfied"),
        (c(r#""facilities": [{"category": "x", "name": "y", "status": "opne"}]}"#), "facilities[0].status"),
        (c(r#""facilities": [{"category": "x", "name": "y", "status": {}}]}"#), "facilities[0].status"),
        (c(r#""location": {"crs": 84, "centre": [1, 2]}}"#), "location.crs"),
        // One element too many (`trailing characters`): that element.
        (c(r#""location": {"centre": [1, 2, 3]}}"#), "location.centre[2]"),
        (c(r#""location": {"centre": [1, 2 3]}}"#), "location.centre"),
        (c(r#""location": {"centre": [1]}}"#), "location.centre"),
        // Missing field: the object that lacks it, reported at its `}`.
        (c(r#""facilities": [{"category": "x"}]}"#), "facilities[0]"),
        (s(r#"{"id": "a"}"#), ""),
        (c(r#""evaluator": {"LW-01": {"note": "n"}}}"#), "evaluator.LW-01"),
        // Trailing garbage: the whole document.
        (s(r#"{"id": "a", "name": "b"} x"#), ""),
        (s(r#"{"id": "a", "name": "b"}{"id": "c", "name": "d"}"#), ""),
        // Truncated text.
        (c(r#""facilities": [{"category": "x", "na"#), "facilities[0]"),
        (c(r#""facilities": [{"category": "x", "name": "y"#), "facilities[0].name"),
        (c(r#""facilities": [{"category": "x", "name": "y", "walk_m": 1.5e"#), "facilities[0].walk_m"),
        (c(r#""facilities": [{"category": "x", "name": "y"}, "#), "facilities"),
        (c(r#""surveys": {"overall": {"respondents": 1,"#), "surveys.overall"),
        (c(r#""surveys": {"overall": "#), "surveys.overall"),
        // Syntax errors: a value where a value belongs, else its object or array.
        (s(r#"{"id": "a", "name": "b",}"#), ""),
        (c(r#""figures": {"x": 1 "y": 2}}"#), "figures"),
        (c(r#""figures": {"x" 1}}"#), "figures"),
        (c(r#""figures": {"x": tru}}"#), "figures.x"),
        (c(r#""figures": {"x": 01}}"#), "figures.x"),
        (c(r#""facilities": [{"category": "x", "name": "y\q"}]}"#), "facilities[0].name"),
        // (serde_json reads the 4 bytes after `\u`, here `", "`, before it finds them wrong.)
        (c(r#""facilities": [{"name": "y\u", "category": "x"}]}"#), "facilities[0].name"),
        (c(r#""facilities": [{"name\u": "y", "category": "x"}]}"#), "facilities[0]"),
        (c(r#""communities": [{"name": "c"}, ]}"#), "communities"),
        (c(r#""facilities": [1, ]}"#), "facilities[0]"),
        (c(r#""location": {"centre": [1, x]}}"#), "location.centre[1]"),
        // Chinese text before the error (columns count bytes, as serde_json's do).
        (zh(&format!(r#"{{{f}, "walk_m": "三百米"}}"#)), "facilities[1].walk_m"),
        (zh(&format!(r#"{{{f}, "距离": 1}}"#)), "facilities[1].距离"),
        (zh(&format!(r#"{{{f}, 中}}"#)), "facilities[1]"),
        (zh(&format!(r#"{{{f}, "walk_m": 中}}"#)), "facilities[1].walk_m"),
        (zh(&format!(r#"{{{f}, "walk_m": "中"#)), "facilities[1].walk_m"),
        (zh(&format!(r#"{{{f}, "中"#)), "facilities[1]"),
        // Escapes in keys, written decoded as serde_path_to_error wrote them.
        (c(r#""figures": {"a\"b": "x"}}"#), "figures.a\"b"),
        (c(r#""figures": {"\u4e2d\u6587 \\ \/": []}}"#), "figures.中文 \\ /"),
        (s(r#"{"id": "a", "na\"me": "b"}"#), "na\"me"),
        (c(r#""figures": {"a.b[0]": null}}"#), "figures.a.b[0]"),
        (c(r#""figures": {"\ud83d\ude00": "x"}}"#), "figures.😀"),
        // Empty input, and not an object.
        (s(""), ""),
        (s("  \n\t "), ""),
        (s("null"), ""),
        // An array is refused as a whole (a circle is an object), before serde would name
        // the element it stumbled on.
        (s("[]"), ""),
        (s(r#"["a", "b", {}]"#), ""),
        (s(r#"["a", 7]"#), ""),
    ];
    for (text, want) in cases {
        assert_eq!(field(text), *want, "text: {text}");
    }
}

/// serde_json's column counts the bytes read on the line; the user is told characters:
/// here, right after `"三百米"`.
#[test]
fn column_counts_characters() {
    // An editor shows 生活圈 as three columns, not nine bytes: so does the error.
    let text = "{\"id\": \"甲\",\n \"name\": \"生活圈\", \"population\": \"三百米\"}";
    let p = &Circle::from_json(text).unwrap_err().problems[0];
    let line = text.lines().nth(1).unwrap();
    let end = line.find("米\"").unwrap() + "米\"".len();
    let chars = line[..end].chars().count() as u32;
    assert_eq!((p.field.as_str(), p.line, p.column), ("population", Some(2), Some(chars)));
    assert!(end as u32 > chars);
    // A problem found after parsing: the column of its value's first character.
    let text = "{\"id\": \"镇中\", \"name\": \"镇中社区\", \"population\": -5}";
    let mut err = Circle::from_json(text).unwrap_err();
    err.locate(text);
    let p = &err.problems[0];
    let at = text.find("-5").unwrap();
    assert_eq!(
        (p.field.as_str(), p.line, p.column),
        ("population", Some(1), Some(text[..at].chars().count() as u32 + 1))
    );
}

/// Deliberate differences from serde_path_to_error, spelled out.
#[test]
fn differences_from_serde_path_to_error() {
    let reference = |text: &str| {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, Circle>(de).err().map(|e| e.path().to_string())
    };
    let cases = [
        // Where a key belongs: `?` there, the object here.
        (r#"{"id": "a", "figures": {"x": 1,}}"#, Some("figures.?"), "figures"),
        (r#"{"id": "a", "name": "b", "#, Some("?"), ""),
        // A key given twice: the object there, the key here.
        (
            r#"{"id": "a", "name": "b", "surveys": {"s": {"respondents": 1, "respondents": 2}}}"#,
            Some("surveys.s"),
            "surveys.s.respondents",
        ),
        // One element too many: the array there, the element here.
        (
            r#"{"id": "a", "name": "b", "location": {"centre": [1, 2, 3]}}"#,
            Some("location.centre"),
            "location.centre[2]",
        ),
        // Text after the circle: accepted there, an error here.
        (r#"{"id": "a", "name": "b"} x"#, None, ""),
    ];
    for (text, there, here) in cases {
        assert_eq!(reference(text).as_deref(), there, "{text}");
        assert_eq!(field(text), here, "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Generated inputs: the circles of the golden cases and the built-in sample, broken.

/// Every circle: the built-in samples as written, each golden case's circle written pretty
/// (with its Chinese text as is) and compact.
static CIRCLES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out: Vec<String> = lifecircle_core::example::EXAMPLES.iter().map(|e| e.json.to_string()).collect();
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&cases).expect("tests/cases") {
        for file in std::fs::read_dir(dir.expect("a dir").path()).expect("a case dir") {
            let path = file.expect("a file").path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 10, "the golden cases are found");
    for path in files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("JSON");
        let circle = &case["circle"];
        out.push(serde_json::to_string_pretty(circle).unwrap());
        out.push(serde_json::to_string(circle).unwrap());
    }
    out
});

/// The JSON pointers of every value in `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// Values of every type, to put where they may not belong.
const WRONG: &[&str] = &[
    r#""x""#,
    r#""三百米""#,
    "-1",
    "1.5",
    "4294967296",
    "true",
    "null",
    "[]",
    "[1, 2, 3]",
    r#"["a", {"b": 1}]"#,
    "{}",
    r#"{"zz": 1}"#,
    r#"{"open": 1}"#,
];

/// `circle` with the value at `pointer` replaced by the `wrong` one, or the key at `pointer`
/// removed (`wrong == None`); or, if `pointer` leads to an object and `add`, with a key added.
fn mutate(circle: &str, pointer: &str, wrong: Option<&str>, add: bool, pretty: bool) -> String {
    let mut v: Value = serde_json::from_str(circle).unwrap();
    let target = v.pointer_mut(pointer).unwrap();
    match (wrong, add, target) {
        (_, true, Value::Object(m)) => {
            m.insert("未知".into(), Value::from(1));
        }
        (Some(w), _, target) => *target = serde_json::from_str(w).unwrap(),
        (None, _, _) => {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            match v.pointer_mut(parent) {
                Some(Value::Object(m)) => {
                    m.remove(&key.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(a)) => {
                    a.remove(key.parse::<usize>().unwrap());
                }
                _ => {}
            }
        }
    }
    if pretty { serde_json::to_string_pretty(&v).unwrap() } else { serde_json::to_string(&v).unwrap() }
}

#[test]
fn the_circles_read_as_circles() {
    for c in CIRCLES.iter() {
        // (Some are absurd, on purpose: that is not a JSON error.)
        assert_eq!(seen(c), None);
        assert_eq!(expected(c), None);
    }
}

/// Every circle, cut short after every 7th byte (on a character boundary).
#[test]
fn truncated_circles() {
    for c in CIRCLES.iter() {
        for (n, (i, _)) in c.char_indices().enumerate() {
            if n % 7 == 0 {
                check(&c[..i]).unwrap();
            }
        }
    }
}

/// The built-in sample with every value, in turn, replaced by every wrong value, removed,
/// or (objects) given an unknown key.
#[test]
fn every_value_of_the_sample_replaced() {
    let c = &CIRCLES[0];
    let mut all = Vec::new();
    pointers(&serde_json::from_str(c).unwrap(), String::new(), &mut all);
    assert!(all.len() > 200, "{}", all.len());
    let mut errors = 0;
    for (n, p) in all.iter().enumerate() {
        let pretty = n % 2 == 0;
        let mut texts: Vec<String> = WRONG.iter().map(|w| mutate(c, p, Some(w), false, pretty)).collect();
        texts.push(mutate(c, p, None, true, pretty));
        if !p.is_empty() {
            texts.push(mutate(c, p, None, false, pretty));
        }
        for t in texts {
            errors += usize::from(expected(&t).is_some());
            check(&t).unwrap();
        }
    }
    // Most of them are errors (and not absurd values, which are not JSON errors).
    assert!(errors > all.len() * 8, "{errors} errors of {} values", all.len());
}

/// Characters to put anywhere.
const CHANGES: [char; 19] =
    [',', ':', '"', '\\', 'u', '{', '}', '[', ']', 'x', 't', '0', '-', '.', 'e', ' ', '\n', '中', '\u{1}'];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Any circle cut short anywhere.
    #[test]
    fn any_circle_cut_anywhere(c in 0..CIRCLES.len(), at in any::<prop::sample::Index>()) {
        let text = &CIRCLES[c];
        let mut i = at.index(text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        check(&text[..i])?;
    }

    /// Any value of any circle replaced, removed, or given an unknown key.
    #[test]
    fn any_value_of_any_circle_replaced(
        c in 0..CIRCLES.len(),
        at in any::<prop::sample::Index>(),
        wrong in prop::option::of(prop::sample::select(WRONG)),
        add in any::<bool>(),
        pretty in any::<bool>(),
    ) {
        let text = &CIRCLES[c];
        let mut all = Vec::new();
        pointers(&serde_json::from_str(text).unwrap(), String::new(), &mut all);
        let p = at.get(&all);
        prop_assume!(wrong.is_some() || add || !p.is_empty());
        check(&mutate(text, p, wrong, add, pretty))?;
    }

    /// Any circle with one character inserted, deleted or replaced anywhere.
    #[test]
    fn any_circle_with_one_character_changed(
        c in 0..CIRCLES.len(),
        at in any::<prop::sample::Index>(),
        edit in 0..3u8,
        ch in prop::sample::select(&CHANGES[..]),
    ) {
        let text = &CIRCLES[c];
        let mut i = at.index(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        let next = text[i..].chars().next().map_or(0, char::len_utf8);
        let mut t = String::with_capacity(text.len() + 4);
        t.push_str(&text[..i]);
        match edit {
            0 => { t.push(ch); t.push_str(&text[i..]); }
            1 => t.push_str(&text[i + next..]),
            _ => { t.push(ch); t.push_str(&text[i + next..]); }
        }
        check(&t)?;
    }
}
