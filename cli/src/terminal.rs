//! What reaches the terminal: never a control character from data (security review,
//! 2026-12-06).
//!
//! A circle, an assessment, a standard or a data file can hold control characters: an ESC
//! sequence sets the window's title or hides the rest of a line (`verify` printed
//! `核验通过 verified` then SGR 8, which hid `未通过核验 NOT verified`), a line break or a carriage
//! return fakes a line, an override reverses the text after it. Circles refuse them
//! (`Circle::check`); assessments, standards and data files are not circles. So:
//!
//! - a value from data written into a line of a message goes through [`visible`]: every such
//!   character is shown as Rust writes it, `\u{1b}`, line breaks and tabs too;
//! - everything written to stderr, and the reports and tables on stdout, go through [`text`]:
//!   the program's own line breaks and tabs (and a table's `\r\n`) stay, any other such
//!   character is shown as `\u{1b}`;
//! - JSON on stdout goes through [`json`], which writes them as JSON's `\u001b`: the same value,
//!   byte for byte the same text when none is there (serde_json escapes C0 itself, not DEL, C1
//!   or the direction controls).
//!
//! Text without any of them is returned as it is (borrowed): reports of valid input do not
//! change.

use std::borrow::Cow;
use std::fmt::Write as _;

// What may not reach a terminal as it is: a control character (C0, DEL, C1: U+009B is a CSI to
// an 8-bit terminal) or a direction control, the characters circles refuse.
use lifecircle_core::circle::is_hidden as hidden;

/// `s` with every [`hidden`] character that `keep` (the character and the next) does not keep
/// written as an escape: `\u{1b}`, or `\u001b` for JSON.
fn escaped(s: &str, keep: impl Fn(char, Option<char>) -> bool, json: bool) -> Cow<'_, str> {
    let mut chars = s.chars().peekable();
    let mut out: Option<String> = None;
    let mut at = 0;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if hidden(c) && !keep(c, next) {
            let o = out.get_or_insert_with(|| {
                let mut o = String::with_capacity(s.len() + 16);
                o.push_str(&s[..at]);
                o
            });
            let _ = if json { write!(o, "\\u{:04x}", c as u32) } else { write!(o, "\\u{{{:x}}}", c as u32) };
        } else if let Some(o) = out.as_mut() {
            o.push(c);
        }
        at += c.len_utf8();
    }
    out.map_or(Cow::Borrowed(s), Cow::Owned)
}

/// A value from data as one line of a message shows it: every control character (line breaks
/// and tabs too) and direction control written `\u{1b}`.
pub(crate) fn visible(s: &str) -> Cow<'_, str> {
    escaped(s, |_, _| false, false)
}

/// Text the program writes for a terminal (a report, a table, a message): its line breaks, tabs
/// and `\r\n` stay, every other control character and direction control is written `\u{1b}`.
pub(crate) fn text(s: &str) -> Cow<'_, str> {
    escaped(s, |c, next| c == '\n' || c == '\t' || (c == '\r' && next == Some('\n')), false)
}

/// JSON as serde_json writes it, with DEL, C1 and the direction controls inside its strings
/// written as JSON escapes (`\u009b`): the same JSON value. (serde_json escapes the other
/// control characters itself; a line break outside a string is its indentation.)
pub(crate) fn json(s: &str) -> Cow<'_, str> {
    escaped(s, |c, _| c == '\n', true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_control_characters_is_returned_as_it_is() {
        let report = "镇中社区 👩‍👩‍👧 总分 86.97\n\t- 便利店\r\n";
        assert!(matches!(text(report), Cow::Borrowed(_)));
        assert!(matches!(json("{\n  \"a\": \"b\\u001b\"\n}"), Cow::Borrowed(_)));
        assert!(matches!(visible("镇中社区\u{200e}"), Cow::Borrowed(_)));
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let id = "demo: 核验通过 verified\u{1b}[8m";
        assert_eq!(visible(id), "demo: 核验通过 verified\\u{1b}[8m");
        assert_eq!(visible("a\nb\tc\r\n"), "a\\u{a}b\\u{9}c\\u{d}\\u{a}");
        assert_eq!(
            text("a\nb\tc\r\nd\re\u{7}\u{9b}2J\u{7f}\u{202e}x\u{2066}"),
            "a\nb\tc\r\nd\\u{d}e\\u{7}\\u{9b}2J\\u{7f}\\u{202e}x\\u{2066}"
        );
        assert_eq!(text("\u{1b}]0;pwned-title\u{7}"), "\\u{1b}]0;pwned-title\\u{7}");
        let value = serde_json::json!({"name": "店\u{9b}2J\u{7f}\u{202e}\u{1b}"});
        let written = serde_json::to_string_pretty(&value).unwrap();
        let shown = json(&written);
        assert_eq!(shown, "{\n  \"name\": \"店\\u009b2J\\u007f\\u202e\\u001b\"\n}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&shown).unwrap(), value, "the same value");
    }
}
