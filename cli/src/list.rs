//! A list of circles (the district dashboard's export) read entry by entry: an entry that
//! cannot be read as a circle (a value of the wrong type, an unknown field, an array) is set
//! apart with the very problem [`Circle::parse_json`] gives for it alone, its field named from
//! the list (`circles[57].population`) and placed at its line and column in the file; the
//! other entries are circles.
//!
//! Here rather than in the core, from the core's public readers: the same reader in the core
//! changed how the core's own code was optimised, and the npm scoring module, 14 gzip bytes
//! under its budget, grew by 20 (`cargo xtask dist`, 2026-12-07); from here it is unchanged.

use lifecircle_core::circle::InputProblem;
use lifecircle_core::{Circle, InputError};

/// An entry of a list of circles that could not be read as a circle.
#[derive(Debug)]
pub(crate) struct Unread {
    /// The entry's `id`, when it has one as text (`verify` names the entry to an assessment
    /// for it).
    pub id: Option<String>,
    /// Its problem, named from the list (`circles[57].population`) and placed in the list's text.
    pub error: InputError,
}

/// The entries of a JSON array of circles, each a circle or the problem it gives alone
/// (absurd values kept, as [`Circle::parse_json_list`] keeps them). The list is read once when
/// every entry is a circle; only when one is not is it read again, entry by entry.
///
/// # Errors
/// Text that is not a JSON array at all (a syntax error anywhere, no array at the top): the
/// JSON error for the whole text, as [`Circle::parse_json_list`] gives it.
pub(crate) fn parse_each(text: &str) -> Result<Vec<Result<Circle, Unread>>, InputError> {
    let whole = match Circle::parse_json_list(text) {
        Ok(list) => return Ok(list.into_iter().map(Ok).collect()),
        Err(e) => e,
    };
    // (the core's positions are past a byte-order mark)
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Each entry as written: where it starts and ends in the text.
    let raw: Vec<&serde_json::value::RawValue> = serde_json::from_str(text).map_err(|e| not_a_list(text, &e, whole))?;
    let spans = raw.iter().map(|r| {
        let start = r.get().as_ptr() as usize - text.as_ptr() as usize;
        (start, start + r.get().len())
    });
    // The line and column (in characters) of each entry, counted on from the last one's.
    let (mut counted, mut line, mut column) = (0, 1u32, 1u32);
    let read = spans.enumerate().map(|(k, (start, end))| {
        for ch in text[counted..start].chars() {
            (line, column) = if ch == '\n' { (line + 1, 1) } else { (line, column + 1) };
        }
        counted = start;
        let entry = &text[start..end];
        let mut error = match Circle::parse_json(entry) {
            Ok(circle) => return Ok(circle),
            Err(e) => e,
        };
        // The entry as JSON, read once: a score result among circles is said as one, at the
        // entry's start; another entry is named by its id, when it has one as text.
        let value = serde_json::from_str::<serde_json::Value>(entry).ok();
        if value.as_ref().is_some_and(score_result_value) {
            let mut e = score_result(Some(k));
            (e.problems[0].line, e.problems[0].column) = (Some(line), Some(column));
            return Err(Unread { id: None, error: e });
        }
        for p in &mut error.problems {
            p.field = if p.field.is_empty() { format!("circles[{k}]") } else { format!("circles[{k}].{}", p.field) };
            if p.line == Some(1) {
                p.column = p.column.map(|c| c + column - 1);
            }
            p.line = p.line.map(|l| l + line - 1);
        }
        let id = value.and_then(|v| v.get("id").and_then(serde_json::Value::as_str).map(String::from));
        Err(Unread { id, error })
    });
    let read: Vec<Result<Circle, Unread>> = read.collect();
    // A list of score results only (`score --format json` for several circles): said once, for
    // the file, not once for each of its entries.
    let results = |r: &Result<Circle, Unread>| {
        r.as_ref().is_err_and(|u| u.error.problems.first().is_some_and(|p| p.code == SCORE_RESULT_CODE))
    };
    if !read.is_empty() && read.iter().all(results) {
        return Err(InputError {
            problems: vec![InputProblem {
                code: SCORE_RESULT_CODE,
                field: String::new(),
                line: None,
                column: None,
                message: format!(
                    "这是 {n} 份评分结果的列表，不是生活圈数据：{ASK_ZH} / this is a list of {n} score results, not \
                     circle data: {ASK_EN}",
                    n = read.len()
                ),
                detail: None,
            }],
        });
    }
    Ok(read)
}

/// The code of the problem of a score result given for circle data ([`score_result`]); the CLI's
/// own, not one the core gives.
pub(crate) const SCORE_RESULT_CODE: &str = "score_result";
/// What to give instead of a score result, in Chinese and in English.
const ASK_ZH: &str = "请提交生活圈数据（表单“导出”或 score 的输入文件）；核对评分结果请用 lifecircle verify";
const ASK_EN: &str = "give the circle data (the form's “Export”, or the file score was given); to check a score \
                      result, use lifecircle verify";

/// Whether `text` is one score result (`score --format json`): an object with the `engine`
/// and the `circle` an assessment has, which no circle has.
pub(crate) fn is_score_result(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}')).is_ok_and(|v| score_result_value(&v))
}

/// Whether a JSON value is one score result ([`is_score_result`]).
fn score_result_value(v: &serde_json::Value) -> bool {
    v.get("engine").is_some_and(serde_json::Value::is_object)
        && v.get("circle").is_some_and(serde_json::Value::is_object)
}

/// The problem of a score result given for circle data (entry `k` of a list, or the file):
/// refused, not read for its `circle`, and said as what it is rather than as the unknown field
/// `engine`. A summary or a score scores every circle again under the standard and date it is
/// given, so the result's own standard, version, date and total would be dropped without a
/// word, and a result from another standard, or edited, would count as if it had been checked
/// (`verify`'s work). The circle data is at hand wherever the result is.
pub(crate) fn score_result(k: Option<usize>) -> InputError {
    InputError {
        problems: vec![InputProblem {
            code: SCORE_RESULT_CODE,
            field: k.map(|k| format!("circles[{k}]")).unwrap_or_default(),
            line: None,
            column: None,
            message: format!(
                "这是评分结果，不是生活圈数据：{ASK_ZH} / this is a score result, not circle data: {ASK_EN}"
            ),
            detail: None,
        }],
    }
}

/// The error of a text that is no JSON array: the whole list's, when it is this one (the
/// first problem met); else this one (a syntax error after an entry of the wrong type, which
/// the whole list's reading stopped at), as the core words a JSON problem.
fn not_a_list(text: &str, e: &serde_json::Error, whole: InputError) -> InputError {
    let (line, column, message) = lifecircle_core::circle::json_error_place(text, e);
    let (line, column) = (u32::try_from(line).ok(), u32::try_from(column).ok());
    if whole.problems.first().is_some_and(|p| (p.line, p.column) == (line, column)) {
        return whole;
    }
    InputError {
        problems: vec![InputProblem { code: "json", field: "circles".into(), line, column, message, detail: None }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifecircle_core::standard::Lang;

    /// An entry of the wrong type is an error of its own, with the problem it gives alone,
    /// named `circles[1].…` and placed at its line and column in the list; the others are
    /// circles. Text that is no JSON array stays one error.
    #[test]
    fn a_list_read_entry_by_entry_sets_apart_the_entries_that_are_not_circles() {
        let a = r#"{"id":"a","name":"A"}"#;
        let b = "{\"id\":\"b\",\"name\":\"镇B\",\n  \"population\":\"abc\"}";
        let c = r#"{"id":"c","name":"C","facilities":{}}"#;
        let d = r#"{"id":"d","name":"D","population":-5}"#;
        let text = format!("\u{feff}[\n {a},\n {b}, {c},\n 7, [\"e\"], {d}]");
        let got = parse_each(&text).expect("a list");
        assert_eq!(got.len(), 6);
        assert_eq!(got[0].as_ref().expect("a").id, "a");
        // Absurd values are kept, for the caller to check.
        assert_eq!(got[5].as_ref().expect("d").population, Some(-5.0));
        let unread = |k: usize| got[k].as_ref().expect_err("unread");
        let alone = |t: &str| Circle::parse_json(t).expect_err("alone").problems.remove(0);
        // The second: its problem alone, at line 4 of the list (the BOM is not a column).
        let (p, q) = (&unread(1).error.problems[0], alone(b));
        assert_eq!(unread(1).id.as_deref(), Some("b"));
        // (serde places a wrong value at its last character: `"abc"` ends at column 20 of
        // `  "population":"abc"}`, the line it is on alone and in the list)
        assert_eq!((p.code, p.field.as_str(), p.line, p.column), ("json", "circles[1].population", Some(4), Some(20)));
        assert_eq!((q.field.as_str(), q.line, q.column), ("population", Some(2), Some(20)));
        assert_eq!((&p.message, p.text(Lang::Zh)), (&q.message, q.text(Lang::Zh)));
        assert_eq!(p.text(Lang::Zh), "数据类型不对：应为数字，这里是文本 \"abc\"");
        // The third on the same line as the second's end: its column counts from the line's
        // start (`  "population":"abc"}, ` is 23 characters before it).
        let p = &unread(2).error.problems[0];
        assert_eq!((p.field.as_str(), p.line), ("circles[2].facilities", Some(4)));
        assert_eq!(p.column, alone(c).column.map(|c| c + 23));
        assert_eq!(p.text(Lang::Zh), "数据类型不对：应为列表（[…]），这里是对象 {…}");
        // A number is no circle; an array is refused as parse_json refuses one.
        let p = &unread(3).error.problems[0];
        assert_eq!((p.field.as_str(), p.line, p.column, unread(3).id.as_ref()), ("circles[3]", Some(5), Some(2), None));
        assert_eq!(p.message, alone("7").message);
        let p = &unread(4).error.problems[0];
        assert_eq!((p.field.as_str(), p.line, p.column), ("circles[4]", Some(5), Some(5)));
        assert_eq!(p.message, alone("[\"e\"]").message);
        // The list read at once when every entry is a circle: the same circles.
        let good = format!("[{a},{d}]");
        let each: Vec<Circle> = parse_each(&good).expect("list").into_iter().map(|c| c.expect("circle")).collect();
        assert_eq!(each, Circle::parse_json_list(&good).expect("list"));
        assert!(parse_each(" [ ] ").expect("empty").is_empty());
        // No JSON array: one error for the text, as parse_json_list gives it.
        for whole in [a.to_string(), "7".into(), String::new(), format!("[{a}"), format!("[{a}, {{\"id\":]")] {
            assert_eq!(
                parse_each(&whole).expect_err("no list"),
                Circle::parse_json_list(&whole).expect_err("no list"),
                "{whole}"
            );
        }
        // A syntax error after an entry of the wrong type: the syntax error is said, which
        // keeps the whole text from being read (the list's reader stopped at the entry).
        let e = parse_each(&format!("[{b}, {{\"id\":]")).expect_err("no list");
        let p = &e.problems[0];
        assert_eq!((p.field.as_str(), p.line, p.message.as_str()), ("circles", Some(2), "expected value"), "{e}");
        assert!(p.text(Lang::Zh).starts_with("不是有效的 JSON 文本"), "{}", p.text(Lang::Zh));
    }

    /// A score result among circles is said as one at its place (not as the unknown field
    /// `engine`); a list of score results only is said once, for the whole text.
    #[test]
    fn score_results_in_a_list_are_said_as_score_results() {
        let circle = r#"{"id":"a","name":"A"}"#;
        let result = r#"{"engine":{"version":"0.1.0"},"circle":{"id":"b"},"total":70}"#;
        let got = parse_each(&format!("[{circle},\n  {result}]")).expect("a list");
        assert_eq!(got[0].as_ref().expect("a circle").id, "a");
        let e = &got[1].as_ref().expect_err("a score result").error;
        let p = &e.problems[0];
        assert_eq!((p.code, p.field.as_str(), p.line, p.column), (SCORE_RESULT_CODE, "circles[1]", Some(2), Some(3)));
        assert!(p.text(Lang::Zh).starts_with("这是评分结果，不是生活圈数据"), "{p}");
        assert!(!p.to_string().contains("engine"), "{p}");
        // Results only: one problem for the list, which counts them.
        let e = parse_each(&format!("[{result}, {result}]")).expect_err("results only");
        assert_eq!(e.problems.len(), 1, "{e}");
        assert!(e.problems[0].to_string().starts_with("这是 2 份评分结果的列表，不是生活圈数据"), "{e}");
        // Something else of the wrong type stays what it was.
        let other = parse_each(&format!("[{circle}, {{\"engine\":1}}]")).expect("a list");
        let e = &other[1].as_ref().expect_err("unread").error;
        assert_eq!(e.problems[0].code, "json");
        assert!(is_score_result(result) && !is_score_result(circle) && !is_score_result("[1]"));
    }
}
