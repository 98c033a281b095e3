//! The field path of a JSON error, found again from the text and the error's position.
//!
//! serde_json reports where an error is (line and byte column) but not in which field.
//! Instead of tracking the path while deserializing (a generic wrapper around every
//! `Deserialize` impl, which costs code size in WebAssembly), [`error_path`] re-reads the
//! text up to the error with a small JSON lexer and names the value being read there,
//! written as `facilities[0].category` (keys as they are, indices in brackets, empty for
//! the whole document).
//!
//! The lexer is tolerant: the text is the malformed input that produced the error, so any
//! unexpected byte just ends the scan. It never panics and never indexes out of bounds.

use std::fmt::Write as _;

use serde_json::error::Category;

/// One step of a path: an object key or an array index.
enum Seg {
    Key(String),
    Index(usize),
}

/// An open object or array, with the member being read in it.
struct Frame {
    array: bool,
    /// Elements before the current one (arrays only).
    index: usize,
    /// The key read (objects), or the index of the element started (arrays).
    seg: Option<Seg>,
}

/// What the lexer expects next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value; right after `[`, `]` may close the array instead.
    Value {
        first: bool,
    },
    /// A key; right after `{`, `}` may close the object instead.
    Key {
        first: bool,
    },
    Colon,
    CommaOrEnd,
    /// The whole document has been read.
    Done,
}

/// The path of the value being read where serde_json reported `err` in `text`.
pub(crate) fn error_path(text: &str, err: &serde_json::Error) -> String {
    path_at(text, err.line(), err.column(), err.classify())
}

/// The path of the value being read at `line` (1-based) and `column` (bytes on that line,
/// as serde_json counts them: the number of bytes read on the line, so the byte before
/// the position is the last one serde_json looked at) of `text`, for an error of the given
/// category.
///
/// The category tells how serde_json positions the error:
/// - data errors (wrong type, unknown or missing field) are reported right after the token
///   at fault (a value, a key, the `}` of an object with a missing field), or right before a
///   `{` or `[` of the wrong type: every member being read there is named;
/// - syntax errors are reported just after the offending byte: the scan stops before it,
///   and an error where a key, `:`, `,` or the end of an object or array belongs names the
///   object or array, an error where a value belongs names that value;
/// - end-of-input errors are reported at the end: same as syntax errors, with nothing
///   after the position.
fn path_at(text: &str, line: usize, column: usize, category: Category) -> String {
    if line == 0 {
        return String::new();
    }
    let bytes = text.as_bytes();
    let at = offset(bytes, line, column);
    let stop = if category == Category::Syntax { at.saturating_sub(1) } else { at };
    let data = category == Category::Data;
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect = Expect::Value { first: false };
    let mut i = 0;
    // Whether the member being read in the innermost open object or array is named.
    let keep = loop {
        while i < stop && matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        let next = bytes.get(i).copied();
        let Some(b) = next.filter(|_| i < stop) else {
            break settle(&mut stack, expect, next, data);
        };
        let array = stack.last().map(|f| f.array);
        match expect {
            Expect::Value { first } => {
                if b == b']' && array == Some(true) {
                    if !first {
                        // A trailing comma: the array's fault.
                        break false;
                    }
                    stack.pop();
                    expect = after_value(&stack);
                    i += 1;
                    continue;
                }
                if let Some(top) = stack.last_mut().filter(|f| f.array) {
                    top.seg = Some(Seg::Index(top.index));
                }
                match b {
                    b'{' | b'[' => {
                        stack.push(Frame { array: b == b'[', index: 0, seg: None });
                        expect = if b == b'[' { Expect::Value { first: true } } else { Expect::Key { first: true } };
                        i += 1;
                    }
                    _ => {
                        let end = match b {
                            b'"' => string_end(bytes, i),
                            b'-' | b'0'..=b'9' => number_end(bytes, i),
                            _ => literal_end(bytes, i),
                        };
                        match end {
                            Some(j) if j <= stop => {
                                i = j;
                                expect = after_value(&stack);
                            }
                            // Malformed, or the position is inside it: this value's fault.
                            _ => break true,
                        }
                    }
                }
            }
            Expect::Key { first } => {
                if b == b'}' && first {
                    stack.pop();
                    expect = after_value(&stack);
                    i += 1;
                    continue;
                }
                let end = if b == b'"' { string_end(bytes, i) } else { None };
                let (Some(j), Some(top)) = (end.filter(|j| *j <= stop), stack.last_mut()) else {
                    // Not a key, or the position is inside it: the object's fault.
                    break false;
                };
                let raw = bytes.get(i + 1..j.saturating_sub(1)).unwrap_or_default();
                top.seg = Some(Seg::Key(unescape(raw)));
                i = j;
                expect = Expect::Colon;
            }
            Expect::Colon => {
                if b != b':' {
                    break false;
                }
                expect = Expect::Value { first: false };
                i += 1;
            }
            Expect::CommaOrEnd => match (b, stack.last_mut()) {
                (b',', Some(top)) => {
                    top.seg = None;
                    if top.array {
                        top.index += 1;
                        expect = Expect::Value { first: false };
                    } else {
                        expect = Expect::Key { first: false };
                    }
                    i += 1;
                }
                (b']', Some(top)) | (b'}', Some(top)) if top.array == (b == b']') => {
                    stack.pop();
                    expect = after_value(&stack);
                    i += 1;
                }
                _ => break false,
            },
            Expect::Done => break false,
        }
    };
    let mut out = String::new();
    let last = stack.len().saturating_sub(1);
    for (n, frame) in stack.iter().enumerate() {
        if n == last && !keep {
            break;
        }
        match &frame.seg {
            Some(Seg::Key(key)) => {
                if n > 0 {
                    out.push('.');
                }
                out.push_str(key);
            }
            Some(Seg::Index(index)) => {
                let _ = write!(out, "[{index}]");
            }
            None => {}
        }
    }
    out
}

/// Whether the member being read in the innermost open object or array is named when the
/// scan stops with `expect` and the byte `next` at the error (none at the end of the text).
fn settle(stack: &mut [Frame], expect: Expect, next: Option<u8>, data: bool) -> bool {
    match expect {
        Expect::Value { .. } => match stack.last_mut() {
            Some(top) if top.array => {
                // The element starting there (of the wrong type, malformed, or one too many
                // for a fixed-size array), unless there is none: a trailing comma, or the end.
                let named = next.is_some_and(|b| data || b != b']');
                if named {
                    top.seg = Some(Seg::Index(top.index));
                }
                named
            }
            // The value of the key just read (or the whole document).
            _ => true,
        },
        Expect::Colon | Expect::CommaOrEnd => data,
        Expect::Key { .. } | Expect::Done => false,
    }
}

fn after_value(stack: &[Frame]) -> Expect {
    if stack.is_empty() { Expect::Done } else { Expect::CommaOrEnd }
}

/// The byte offset of `line` (1-based) and byte `column`, within the text.
fn offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let start = match line.checked_sub(2) {
        None => 0,
        Some(newlines) => {
            bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(newlines).map_or(bytes.len(), |(i, _)| i + 1)
        }
    };
    start.saturating_add(column).min(bytes.len())
}

/// The end (past the closing quote) of the string opening at `open`.
fn string_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut j = open + 1;
    loop {
        match bytes.get(j)? {
            b'"' => return Some(j + 1),
            // serde_json reads the four bytes after `\u` before it checks them, so an
            // invalid one is reported after them, wherever that is.
            b'\\' if bytes.get(j + 1) == Some(&b'u') => j += 6,
            b'\\' => j += 2,
            _ => j += 1,
        }
    }
}

/// The end of the number starting at `start`, if it is well-formed as serde_json reads it.
fn number_end(bytes: &[u8], start: usize) -> Option<usize> {
    let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    let mut j = start;
    if bytes.get(j) == Some(&b'-') {
        j += 1;
    }
    match bytes.get(j) {
        // A leading zero may not be followed by another digit.
        Some(b'0') if digit(j + 1) => return None,
        Some(b'0') => j += 1,
        Some(b'1'..=b'9') => {
            while digit(j) {
                j += 1;
            }
        }
        _ => return None,
    }
    if bytes.get(j) == Some(&b'.') {
        j += 1;
        if !digit(j) {
            return None;
        }
        while digit(j) {
            j += 1;
        }
    }
    if matches!(bytes.get(j), Some(b'e' | b'E')) {
        j += 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if !digit(j) {
            return None;
        }
        while digit(j) {
            j += 1;
        }
    }
    Some(j)
}

/// The end of `true`, `false` or `null` starting at `start`.
fn literal_end(bytes: &[u8], start: usize) -> Option<usize> {
    let word: &[u8] = match bytes.get(start)? {
        b't' => b"true",
        b'f' => b"false",
        b'n' => b"null",
        _ => return None,
    };
    let end = start.checked_add(word.len())?;
    (bytes.get(start..end) == Some(word)).then_some(end)
}

/// The text of a key as written between its quotes, escapes decoded.
fn unescape(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let escape = raw.get(i).copied();
        i += 1;
        let c = match escape {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let high = hex4(raw, i);
                i += 4;
                let code = match high {
                    Some(h @ 0xD800..=0xDBFF) => {
                        let low = if raw.get(i..i + 2) == Some(b"\\u") { hex4(raw, i + 2) } else { None };
                        match low {
                            Some(l @ 0xDC00..=0xDFFF) => {
                                i += 6;
                                0x10000 + ((h - 0xD800) << 10) + (l - 0xDC00)
                            }
                            _ => 0xFFFD,
                        }
                    }
                    Some(h) => h,
                    None => 0xFFFD,
                };
                char::from_u32(code).unwrap_or('\u{FFFD}')
            }
            _ => '\u{FFFD}',
        };
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Four hex digits at `i`.
fn hex4(raw: &[u8], i: usize) -> Option<u32> {
    let digits = raw.get(i..)?.get(..4)?;
    digits.iter().try_fold(0, |n, d| Some(n * 16 + char::from(*d).to_digit(16)?))
}

/// The characters among the first `bytes` bytes of line `line` (1-based) of `text`: serde_json's
/// byte column (the bytes read on the line, the last of them the one at fault) as an editor
/// counts columns, 1-based, where 镇 is one column, not three (a column that ends inside a
/// character counts that character). Never 0: with nothing read on the line (the end of a text
/// that ends with a line break) the position is the line's first column.
pub(crate) fn chars_before(text: &str, line: u32, bytes: u32) -> u32 {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(str::len).sum();
    let end = start.saturating_add(bytes as usize).min(text.len());
    let n = text.as_bytes()[start.min(end)..end].iter().filter(|b| **b & 0xC0 != 0x80).count();
    u32::try_from(n).unwrap_or(u32::MAX).max(1)
}

/// Where the values at `fields` (paths as [`error_path`] writes them, `facilities[3].walk_m`;
/// `[2].name` for an element of a top-level array) start in `text`: the byte offset of each,
/// in the order of `fields`; `None` when the text has no such value, or is not JSON before it.
/// A key written twice: its first value.
///
/// For problems found after parsing (an absurd value, a facility listed twice), which serde
/// cannot place. One pass over the text for every field, so that thousands of problems, or
/// the circles of a long list, are placed in the time of one reading: only the members on the
/// way to a field sought are named, the others are read through, and the reading stops when
/// every field is found. The text parsed, so it nests no deeper than serde_json's recursion
/// limit; deeper than 256 levels the search gives up rather than recurse further.
pub(crate) fn value_offsets(text: &str, fields: &[&str]) -> Vec<Option<usize>> {
    let mut wanted: Vec<(&str, usize)> = fields.iter().copied().zip(0..).collect();
    crate::order::sort_by(&mut wanted, |a, b| a.0.cmp(b.0));
    let mut search = Search { bytes: text.as_bytes(), wanted, found: vec![None; fields.len()], left: fields.len() };
    if search.left > 0 {
        let _ = search.value(&mut 0, &mut String::new(), true, 0);
    }
    search.found
}

/// The line (1-based) and column (1-based, in characters, as [`chars_before`] counts them) of
/// each byte offset of `text`, in the order given: one pass over the text for all of them.
pub(crate) fn line_columns(text: &str, offsets: &[usize]) -> Vec<(u32, u32)> {
    let bytes = text.as_bytes();
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    crate::order::sort_by_key(&mut order, |&k| offsets[k]);
    let mut out = vec![(1, 1); offsets.len()];
    let (mut at, mut line, mut column) = (0usize, 1u32, 1u32);
    for k in order {
        let to = offsets[k].min(bytes.len());
        for &b in bytes.get(at..to).unwrap_or_default() {
            if b == b'\n' {
                (line, column) = (line.saturating_add(1), 1);
            } else if b & 0xC0 != 0x80 {
                column = column.saturating_add(1);
            }
        }
        at = at.max(to);
        out[k] = (line, column);
    }
    out
}

/// The reading of [`value_offsets`].
struct Search<'a> {
    bytes: &'a [u8],
    /// The fields sought, sorted, each with its place among the caller's.
    wanted: Vec<(&'a str, usize)>,
    found: Vec<Option<usize>>,
    /// Fields not found yet.
    left: usize,
}

impl Search<'_> {
    /// Whether a field sought is `path` or lies inside its value.
    fn leads(&self, path: &str) -> bool {
        let first = self.wanted.partition_point(|(f, _)| *f < path);
        self.wanted.get(first).is_some_and(|(f, _)| f.starts_with(path))
    }

    fn ws(&self, i: &mut usize) {
        while matches!(self.bytes.get(*i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            *i += 1;
        }
    }

    /// Reads the value at `*i`, whose path is `path` when `named` (a field sought is it or lies
    /// inside it; otherwise `path` is not kept up), and leaves `*i` past it. `Err(())`: not
    /// JSON, too deep, or every field found: the reading stops.
    fn value(&mut self, i: &mut usize, path: &mut String, named: bool, depth: usize) -> Result<(), ()> {
        let bytes = self.bytes;
        self.ws(i);
        if named {
            let first = self.wanted.partition_point(|(f, _)| *f < path.as_str());
            for &(_, k) in self.wanted[first..].iter().take_while(|(f, _)| *f == path.as_str()) {
                if self.found[k].is_none() {
                    self.found[k] = Some(*i);
                    self.left -= 1;
                }
            }
            if self.left == 0 {
                return Err(());
            }
        }
        if depth > 256 {
            return Err(());
        }
        let here = path.len();
        match bytes.get(*i).copied().ok_or(())? {
            open @ (b'{' | b'[') => {
                // An object's members and an array's elements, read alike.
                let (array, close) = if open == b'[' { (true, b']') } else { (false, b'}') };
                *i += 1;
                self.ws(i);
                if bytes.get(*i) == Some(&close) {
                    *i += 1;
                    return Ok(());
                }
                for k in 0usize.. {
                    self.ws(i);
                    if array {
                        if named {
                            let _ = write!(path, "[{k}]");
                        }
                    } else {
                        let end = string_end(bytes, *i).filter(|_| bytes.get(*i) == Some(&b'"')).ok_or(())?;
                        if named {
                            let key = unescape(bytes.get(*i + 1..end - 1).ok_or(())?);
                            if here > 0 {
                                path.push('.');
                            }
                            path.push_str(&key);
                        }
                        *i = end;
                        self.ws(i);
                        if bytes.get(*i) != Some(&b':') {
                            return Err(());
                        }
                        *i += 1;
                    }
                    // A member is named only on the way to a field sought.
                    let inner = named && self.leads(path);
                    self.value(i, path, inner, depth + 1)?;
                    path.truncate(here);
                    self.ws(i);
                    match bytes.get(*i) {
                        Some(b',') => *i += 1,
                        Some(c) if *c == close => {
                            *i += 1;
                            return Ok(());
                        }
                        _ => return Err(()),
                    }
                }
                Err(())
            }
            b'"' => {
                *i = string_end(bytes, *i).ok_or(())?;
                Ok(())
            }
            b'-' | b'0'..=b'9' => {
                *i = number_end(bytes, *i).ok_or(())?;
                Ok(())
            }
            _ => {
                *i = literal_end(bytes, *i).ok_or(())?;
                Ok(())
            }
        }
    }
}
/// Compact JSON (no whitespace outside strings, as `serde_json::to_string` writes it)
/// indented the way `serde_json::to_string_pretty` does: two spaces, `"key": value`, and
/// `{}`/`[]` for empty containers.
pub fn indent_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        (0..depth).for_each(|_| out.push_str("  "));
    };
    let mut chars = compact.chars().peekable();
    while let Some(ch) = chars.next() {
        if in_string {
            out.push(ch);
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => {
                in_string = true;
                out.push(ch);
            }
            '{' | '[' => {
                out.push(ch);
                let close = if ch == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(ch);
            }
            ',' => {
                out.push(ch);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> String {
        let err = serde_json::from_str::<serde::de::IgnoredAny>(text).expect_err("malformed");
        error_path(text, &err)
    }

    #[test]
    fn syntax_errors_name_the_value_or_the_object() {
        assert_eq!(path(r#"{"a": {"b": [1, x]}}"#), "a.b[1]");
        assert_eq!(path(r#"{"a": {"b": [1, ]}}"#), "a.b");
        assert_eq!(path(r#"{"a": {"b": 1,}}"#), "a");
        assert_eq!(path(r#"{"a": {"b" 1}}"#), "a");
        assert_eq!(path(r#"{"a": {"b": 1 "c": 2}}"#), "a");
        assert_eq!(path(r#"{"a": {"b": tru}}"#), "a.b");
        assert_eq!(path(r#"{"a": {"b": 01}}"#), "a.b");
        assert_eq!(path(r#"{"a": {"b\"c": "x\q"}}"#), "a.b\"c");
        assert_eq!(path(r#"{"名称": {"b": 1} x"#), "");
        assert_eq!(path("{\"名称\": {\"b\": 中}}"), "名称.b");
        assert_eq!(path(r#"{"a": {"b": "\u12", "c": 1}}"#), "a.b");
        assert_eq!(path(r#"{"a": {"b\u12": 1}}"#), "a");
        assert_eq!(path("{\"a\": [\"\\u4e2d\\ud83d\\ude00\", {\"\\u4e2d\\ud83d\\ude00\": ]}]}"), "a[1].中😀");
    }

    #[test]
    fn end_of_input_names_the_open_value() {
        assert_eq!(path(""), "");
        assert_eq!(path("  \n "), "");
        assert_eq!(path(r#"{"a": [1, 2"#), "a");
        assert_eq!(path(r#"{"a": [1, "x"#), "a[1]");
        assert_eq!(path(r#"{"a": {"b": 1.5e"#), "a.b");
        assert_eq!(path(r#"{"a": {"b""#), "a");
        assert_eq!(path(r#"{"a": {"b": "#), "a.b");
        assert_eq!(path(r#"{"a": {"#), "a");
    }

    proptest::proptest! {
        #[test]
        fn any_position_in_any_bytes_is_safe(
            text in "[ -~\\n\u{1}中]{0,40}",
            line in 0..5usize,
            column in 0..50usize,
            category in proptest::sample::select(vec![Category::Data, Category::Syntax, Category::Eof]),
        ) {
            let _ = path_at(&text, line, column, category);
        }
    }

    #[test]
    fn any_position_in_any_text_is_safe() {
        let texts = ["", "\"", "\\", "{\"\\", "[[[[", "}}]]", "\"\\u12", "{\"a\\ud800\":", "中文", "-", "0e+", "nul"];
        for text in texts {
            for category in [Category::Data, Category::Syntax, Category::Eof, Category::Io] {
                for line in 0..4 {
                    for column in [0, 1, 2, 3, 7, usize::MAX] {
                        let _ = path_at(text, line, column, category);
                    }
                }
                let _ = path_at(text, usize::MAX, usize::MAX, category);
            }
        }
    }

    /// The search before [`value_offsets`] (one reading of the text per field, which made a
    /// problem per facility of a long inventory quadratic), kept as the reference: the line and
    /// the column in characters of `field`'s value.
    fn reference_position(text: &str, field: &str) -> Option<(u32, u32)> {
        fn find_value(
            bytes: &[u8],
            i: &mut usize,
            path: &mut String,
            field: Option<&str>,
            depth: usize,
        ) -> Result<Option<usize>, ()> {
            let ws = |i: &mut usize| {
                while matches!(bytes.get(*i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                    *i += 1;
                }
            };
            ws(i);
            if field == Some(path.as_str()) {
                return Ok(Some(*i));
            }
            if depth > 256 {
                return Err(());
            }
            let here = path.len();
            let inner = |path: &str| field.filter(|f| f.starts_with(path));
            match bytes.get(*i).copied().ok_or(())? {
                open @ (b'{' | b'[') => {
                    let (array, close) = if open == b'[' { (true, b']') } else { (false, b'}') };
                    *i += 1;
                    ws(i);
                    if bytes.get(*i) == Some(&close) {
                        *i += 1;
                        return Ok(None);
                    }
                    for k in 0usize.. {
                        ws(i);
                        if array {
                            let _ = write!(path, "[{k}]");
                        } else {
                            let end = string_end(bytes, *i).filter(|_| bytes.get(*i) == Some(&b'"')).ok_or(())?;
                            let key = unescape(bytes.get(*i + 1..end - 1).ok_or(())?);
                            *i = end;
                            ws(i);
                            if bytes.get(*i) != Some(&b':') {
                                return Err(());
                            }
                            *i += 1;
                            if here > 0 {
                                path.push('.');
                            }
                            path.push_str(&key);
                        }
                        let found = find_value(bytes, i, path, inner(path), depth + 1)?;
                        path.truncate(here);
                        if found.is_some() {
                            return Ok(found);
                        }
                        ws(i);
                        match bytes.get(*i) {
                            Some(b',') => *i += 1,
                            Some(c) if *c == close => {
                                *i += 1;
                                return Ok(None);
                            }
                            _ => return Err(()),
                        }
                    }
                    return Err(());
                }
                b'"' => *i = string_end(bytes, *i).ok_or(())?,
                b'-' | b'0'..=b'9' => *i = number_end(bytes, *i).ok_or(())?,
                _ => *i = literal_end(bytes, *i).ok_or(())?,
            }
            Ok(None)
        }
        let bytes = text.as_bytes();
        let at = find_value(bytes, &mut 0, &mut String::new(), Some(field), 0).ok()??;
        let before = bytes.get(..at)?;
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |n| n + 1);
        let chars = bytes[start..at].iter().filter(|b| **b & 0xC0 != 0x80).count();
        Some((line as u32, chars as u32 + 1))
    }

    /// Every path of a JSON value, as [`error_path`] writes them, with some that are not there.
    fn paths(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    paths(v, &if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, out);
                }
                out.push(format!("{path}.not_there"));
            }
            serde_json::Value::Array(a) => {
                for (k, v) in a.iter().enumerate() {
                    paths(v, &format!("{path}[{k}]"), out);
                }
                out.push(format!("{path}[{}]", a.len()));
            }
            _ => {}
        }
    }

    /// One reading for every field finds each where the reading per field found it: the same
    /// line and column, or none, on circles pretty and compact, cut short, with a byte
    /// changed, with keys written twice, escaped, or holding dots and brackets.
    #[test]
    fn one_reading_places_every_field_where_a_reading_per_field_did() {
        let sample = crate::example::example("longwan-2024").unwrap().json;
        let v: serde_json::Value = serde_json::from_str(sample).unwrap();
        let mut fields = Vec::new();
        paths(&v, "", &mut fields);
        let mut texts = vec![
            sample.to_string(),
            serde_json::to_string(&v).unwrap(),
            format!("[{},\n  {sample}]", serde_json::to_string(&v).unwrap()),
            "{\"a\": 1, \"a\": {\"b\": [1, {\"c\": 2}]},\n \"a\": 3, \"x.y\": 4, \"x\": {\"y\": 5}, \"k\\\"[0]\": 6, \"\\u4e2d\": 7}"
                .to_string(),
            "\r\n{\"名称\":\"镇中\",\r\n\t\"d\":[[[]],[{}],[[1,[2]]]],\"e\":-1.5e3,\"f\":null,\"g\":true}".to_string(),
        ];
        let pretty = texts[0].clone();
        for cut in (0..pretty.len()).step_by(211).filter(|&k| pretty.is_char_boundary(k)) {
            texts.push(pretty[..cut].to_string());
            let mut changed = pretty.clone().into_bytes();
            changed[cut] = if changed[cut] == b',' { b' ' } else { b',' };
            texts.push(String::from_utf8_lossy(&changed).into_owned());
        }
        for text in &texts {
            let mut fields = fields.clone();
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
                paths(&v, "", &mut fields);
            }
            fields.extend(
                ["a", "a.b[1].c", "x.y", "k\"[0]", "中", "名称", "d[2][0][1][0]", "g", "[1].facilities[2]"]
                    .map(String::from),
            );
            let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
            let offsets = value_offsets(text, &refs);
            let found: Vec<usize> = offsets.iter().flatten().copied().collect();
            let mut at = line_columns(text, &found).into_iter();
            for (field, offset) in fields.iter().zip(&offsets) {
                let got = offset.map(|_| at.next().unwrap());
                assert_eq!(got, reference_position(text, field), "{field} in {text:?}");
            }
        }
    }

    /// serde_json's column 0 (nothing read on the line: the end of a text that ends with a line
    /// break) is the line's first column.
    #[test]
    fn an_error_column_is_never_0() {
        let text = "{\"id\": \"a\",\n  \"name\": \"镇中\"\n";
        let e = serde_json::from_str::<serde::de::IgnoredAny>(text).unwrap_err();
        assert_eq!((e.line(), e.column()), (3, 0), "serde_json's position");
        assert_eq!(chars_before(text, 3, 0), 1);
        // Characters, not bytes: the last byte of 中 (17 bytes in) is column 13, not 17.
        assert_eq!(chars_before(text, 2, 17), 13);
        assert_eq!(chars_before(text, 1, 1), 1);
        assert_eq!(chars_before("", 1, 0), 1);
        assert_eq!(chars_before("", 9, 9), 1);
    }

    #[test]
    fn indented_json_is_what_serde_json_writes_pretty() {
        let ex = crate::example::example("longwan-2024").unwrap();
        let c = crate::Circle::from_json(ex.json).unwrap();
        let st = crate::standard::load_builtin("longwan-2024").unwrap();
        let a = crate::score(&st, &c, "2025-06-30".parse().unwrap()).unwrap();
        assert_eq!(indent_json(&serde_json::to_string(&a).unwrap()), serde_json::to_string_pretty(&a).unwrap());
        assert_eq!(indent_json(&serde_json::to_string(&c).unwrap()), serde_json::to_string_pretty(&c).unwrap());
        // Escapes, quotes, brackets and colons inside strings; empty and nested containers.
        let tricky = serde_json::json!({
            "a\"b": ["{x}: [y], z\\", {}, [], [[]], {"k": {"": null}}],
            "n": -1.5e-7, "t": true, "中文": "引号\"与\\反斜杠"
        });
        assert_eq!(indent_json(&tricky.to_string()), serde_json::to_string_pretty(&tricky).unwrap());
    }
}
