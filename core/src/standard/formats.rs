//! A standard written in JSON or YAML instead of TOML.
//!
//! The format is the same whatever the syntax: the same field names, the same rules. A JSON or
//! YAML file is read into a small tree that remembers the line and column of every key and
//! value, written out as the equivalent TOML text, and run through the one TOML pipeline.
//! Every byte the TOML text holds is traced back to the line and column of the key or value it
//! came from, so a diagnostic names the original file and a line in it.
//!
//! # Which syntax a file is read as
//!
//! By its name's extension: `.toml`, `.json`, `.yaml` or `.yml` (any case). For any other name
//! (standard input, a name without extension) by its text: after a byte-order mark, blank
//! lines and `#` comment lines, a first character `{` means JSON; a first line `---`, `%YAML…`,
//! `- …` or `key: …` (a key without `=`, then a colon followed by a space or the end of the
//! line) means YAML; anything else is TOML.
//!
//! # JSON
//!
//! Strict RFC 8259: no comments, no trailing commas; one object at the top.
//!
//! # YAML
//!
//! One document, read with the YAML 1.2 core schema: a plain (unquoted) scalar is `null` for
//! `null`, `Null`, `NULL`, `~` or nothing; a boolean only for `true`/`True`/`TRUE` and
//! `false`/`False`/`FALSE`; a number for decimal, `0o` octal, `0x` hex, floats, `.inf` and
//! `.nan`; otherwise text. So `no`, `on`, `yes` and `off` are the words themselves, and an
//! unquoted date such as `2024-01-01` is the text `"2024-01-01"` (dates in the format are
//! text anyway). Quoted and block (`|`, `>`) scalars are always text. Anchors and aliases are
//! expanded (aliases may add up to 100,000 values in all); the merge key `<<` is not YAML 1.2
//! and is an ordinary (unknown) field. The tags `!!str`, `!!int`, `!!float`, `!!bool`,
//! `!!null`, `!!map` and `!!seq` are understood; others are an error. Keys are plain text.
//! An integer too large for 64 bits is read as a float (decimal) or as text (`0o`, `0x`).
//!
//! # Both
//!
//! `null` (or a key without a value in YAML) means the field is absent. A `null` inside a list
//! is an error (leave the entry out). Duplicate keys are reported like TOML's duplicate keys.
//! Nesting deeper than 64 levels is an error.

use std::collections::BTreeMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

use super::resolve::{DiagCode, Diagnostic};
use super::span::line_col;

/// The syntax a standard file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
    Yaml,
}

impl Format {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Toml => "TOML",
            Format::Json => "JSON",
            Format::Yaml => "YAML",
        }
    }
}

/// The file extensions of a standard, in the order a parent file is looked for beside its
/// child, each with its syntax.
pub const EXTENSIONS: &[(&str, Format)] =
    &[("toml", Format::Toml), ("json", Format::Json), ("yaml", Format::Yaml), ("yml", Format::Yaml)];

/// The syntax of a file: by its extension, else by its text (see the module documentation).
pub(crate) fn format_of(name: &str, text: &str) -> Format {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    EXTENSIONS.iter().find(|(e, _)| ext.as_deref() == Some(*e)).map_or_else(|| sniff(text), |&(_, f)| f)
}

fn sniff(text: &str) -> Format {
    for line in text.trim_start_matches('\u{feff}').lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.starts_with('{') {
            return Format::Json;
        }
        let yaml = t == "---"
            || t.starts_with("--- ")
            || t.starts_with("%YAML")
            || t == "-"
            || t.starts_with("- ")
            || looks_like_yaml_key(t);
        return if yaml { Format::Yaml } else { Format::Toml };
    }
    Format::Toml
}

/// `key: value` or `key:`, where the key holds no `=` (TOML's `a = "b: c"` is not YAML).
fn looks_like_yaml_key(t: &str) -> bool {
    let Some(i) = t.find(':') else { return false };
    let (key, rest) = t.split_at(i);
    let after = &rest[1..];
    !key.trim().is_empty()
        && !key.contains('=')
        && !key.starts_with('[')
        && (after.is_empty() || after.starts_with(' ') || after.starts_with('\t'))
}

/// A standard file ready for the TOML pipeline: its own text, or the TOML equivalent of a
/// JSON or YAML file together with the way back to the original positions.
pub(crate) struct SourceText {
    /// The file name as the caller gave it (also for a converted file).
    pub name: String,
    /// TOML text.
    pub toml: String,
    /// The syntax the file is written in (TOML text of a JSON or YAML file is converted).
    pub format: Format,
    /// For a converted file: the TOML byte range of every emitted key and value, with the
    /// original position, ordered by start.
    map: Option<Vec<Piece>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pos {
    line: u32,
    col: u32,
}

#[derive(Debug)]
struct Piece {
    start: usize,
    end: usize,
    pos: Pos,
}

/// A problem reading JSON or YAML text, at a position of that text.
#[derive(Debug)]
struct ReadError {
    pos: Pos,
    message: String,
}

impl SourceText {
    /// Read a standard file's text in whichever syntax it is written.
    ///
    /// # Errors
    /// A `syntax` diagnostic for JSON or YAML that cannot be read (TOML syntax is checked by
    /// the pipeline itself).
    pub fn read(name: &str, text: &str) -> Result<SourceText, Diagnostic> {
        let format = format_of(name, text);
        let tree = match format {
            Format::Toml => {
                return Ok(SourceText { name: name.to_string(), toml: text.to_string(), format, map: None });
            }
            Format::Json => read_json(text),
            Format::Yaml => read_yaml(text),
        };
        let fail = |e: ReadError| {
            let hint = full_width_hint(text, e.pos.line, format)
                .or_else(|| (format == Format::Yaml).then(|| yaml_layout_hint(text, e.pos.line, &e.message)).flatten());
            // A hint is written " — 提示：… / hint: …": its Chinese goes with the Chinese message.
            let (hint_zh, hint_en) = match hint.as_deref().and_then(|h| h.split_once(" / hint: ")) {
                Some((zh, en)) => (zh.to_string(), format!(" — hint: {en}")),
                None => (String::new(), hint.unwrap_or_default()),
            };
            // (the trailing comma's message is Chinese, then English: its own words)
            let (zh, message) = match e.message.split_once(" / ") {
                Some((zh, en)) if e.message.starts_with(|c: char| !c.is_ascii()) => (zh.to_string(), en.to_string()),
                _ => (
                    syntax_zh(format, &e.message)
                        .unwrap_or_else(|| format!("格式错误（不是有效的 {}）", format.name())),
                    e.message.clone(),
                ),
            };
            Diagnostic {
                code: DiagCode::Syntax,
                file: name.to_string(),
                line: Some(e.pos.line),
                column: Some(e.pos.col),
                item: None,
                zh: Some(format!("{zh}{hint_zh}")),
                message: format!("{} syntax: {message}{hint_en}", format.name()),
            }
        };
        let tree = tree.map_err(fail)?;
        if let Some((key, allowed)) = unknown_null_key(&tree, "RawStandard") {
            // A null value reads as an absent field and is not written out, so the format's
            // check of field names would never see a misspelt key left empty (`within_minute:`).
            return Err(Diagnostic {
                code: DiagCode::UnknownField,
                file: name.to_string(),
                line: Some(key.pos.line),
                column: Some(key.pos.col),
                item: None,
                message: format!(
                    "unknown field `{}` (its value is empty), expected one of {}{}",
                    key.name,
                    allowed.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "),
                    super::resolve::nearest(&key.name, allowed)
                        .map(|a| format!(" — did you mean `{a}`?"))
                        .unwrap_or_default()
                ),
                zh: Some(format!(
                    "没有字段 `{}`（它的值是空的）{}（这里可写的字段：{}）",
                    key.name,
                    super::resolve::nearest(&key.name, allowed)
                        .map(|a| format!(" — 是不是 `{a}`？"))
                        .unwrap_or_default(),
                    allowed.join("、")
                )),
            });
        }
        let mut em = Emitter { out: String::new(), pieces: Vec::new() };
        em.root(&tree, format).map_err(fail)?;
        Ok(SourceText { name: name.to_string(), toml: em.out, format, map: Some(em.pieces) })
    }

    /// Whether the text was converted from JSON or YAML (else it is the file's own TOML).
    pub fn is_converted(&self) -> bool {
        self.map.is_some()
    }

    /// 1-based line and column (in characters) in the original file of a byte offset in
    /// [`Self::toml`].
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let Some(map) = &self.map else { return line_col(&self.toml, offset) };
        let n = map.partition_point(|p| p.start <= offset);
        let found = map[..n].iter().rev().find(|p| offset < p.end || offset == p.start);
        let pos = found.or_else(|| map.first()).map_or(Pos { line: 1, col: 1 }, |p| p.pos);
        (pos.line, pos.col)
    }
}

// ---------------------------------------------------------------------------------------------
// Empty fields

/// The field names of a raw type, as its `Deserialize` declares them.
fn fields_of<'de, T: serde::Deserialize<'de>>() -> &'static [&'static str] {
    struct Fields(std::cell::Cell<&'static [&'static str]>);
    impl<'de> serde::Deserializer<'de> for &Fields {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("fields only"))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0.set(fields);
            Err(serde::de::Error::custom("fields only"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
            unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let f = Fields(std::cell::Cell::new(&[]));
    let _ = T::deserialize(&f);
    f.0.get()
}

/// The raw type of a field that holds a table, by field name.
type ChildType = fn(&str) -> Option<&'static str>;

/// The fields of a raw type by name, and the raw type of each field that holds a table (or a
/// list of tables).
fn raw_type(name: &str) -> (&'static [&'static str], ChildType) {
    use super::raw::*;
    fn cite(k: &str) -> Option<&'static str> {
        (k == "cite").then_some("RawCite")
    }
    fn none(_: &str) -> Option<&'static str> {
        None
    }
    match name {
        "RawStandard" => (fields_of::<RawStandard>(), |k| {
            Some(match k {
                "standard" => "RawMeta",
                "sources" => "RawSource",
                "params" => "RawParam",
                "classes" => "RawClass",
                "forms" => "RawForm",
                "categories" => "RawCategory",
                "groups" => "RawGroup",
                "figures" => "RawFigure",
                "dimensions" => "RawDimension",
                "indicators" => "RawIndicator",
                "grades" => "RawGrade",
                "targets" => "RawTarget",
                "units" => "RawUnit",
                "removed" => "RawRemoved",
                _ => return None,
            })
        }),
        "RawMeta" => (fields_of::<RawMeta>(), |k| match k {
            "title" | "issuer" | "note" => Some("RawText"),
            _ => cite(k),
        }),
        "RawIndicator" => (fields_of::<RawIndicator>(), |k| match k {
            "help" | "action" => Some("RawText"),
            "points_cite" => Some("RawCite"),
            "applies" => Some("RawApplies"),
            "steps" => Some("RawStep"),
            _ => cite(k),
        }),
        "RawForm" => (fields_of::<RawForm>(), |k| if k == "note" { Some("RawText") } else { cite(k) }),
        "RawFigure" => (fields_of::<RawFigure>(), |k| if k == "help" { Some("RawText") } else { cite(k) }),
        "RawParam" => (fields_of::<RawParam>(), cite),
        "RawClass" => (fields_of::<RawClass>(), cite),
        "RawCategory" => (fields_of::<RawCategory>(), cite),
        "RawGroup" => (fields_of::<RawGroup>(), cite),
        "RawGrade" => (fields_of::<RawGrade>(), cite),
        "RawTarget" => (fields_of::<RawTarget>(), cite),
        "RawRemoved" => (fields_of::<RawRemoved>(), cite),
        "RawSource" => (fields_of::<RawSource>(), none),
        "RawDimension" => (fields_of::<RawDimension>(), none),
        "RawUnit" => (fields_of::<RawUnit>(), none),
        "RawText" => (fields_of::<RawText>(), none),
        "RawCite" => (fields_of::<RawCite>(), none),
        "RawApplies" => (fields_of::<RawApplies>(), none),
        "RawStep" => (fields_of::<RawStep>(), none),
        _ => (&[], none),
    }
}

/// The first key whose value is `null` and that its table does not have, with the fields it
/// has. Keys with a value are left to the format's own check, which names them too.
fn unknown_null_key(node: &Node, ty: &str) -> Option<(Key, &'static [&'static str])> {
    match &node.val {
        Val::Map(entries) => {
            let (fields, child) = raw_type(ty);
            for (k, v) in entries {
                match (&v.val, child(&k.name)) {
                    (Val::Null, _) if !fields.is_empty() && !fields.contains(&k.name.as_str()) => {
                        return Some((k.clone(), fields));
                    }
                    (_, Some(t)) => {
                        if let Some(found) = unknown_null_key(v, t) {
                            return Some(found);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        Val::List(items) => items.iter().find_map(|i| unknown_null_key(i, ty)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Full-width punctuation

/// The ASCII character a full-width one typed by a Chinese input method stands for.
fn ascii_for(c: char, format: Format) -> Option<char> {
    Some(match c {
        '：' if format == Format::Toml => '=',
        '：' => ':',
        '＝' => '=',
        '，' => ',',
        '“' | '”' | '＂' => '"',
        '‘' | '’' | '＇' => '\'',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '｛' => '{',
        '｝' => '}',
        '＃' => '#',
        '　' => ' ',
        '．' => '.',
        '－' => '-',
        '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10)?,
        _ => return None,
    })
}

/// For a syntax error at `line`: a full-width character written where the syntax needs its
/// ASCII form (outside quoted text, and in YAML before the key's `:`), on that line or the one
/// before (YAML reports a bad key on the next line), as a hint in both languages.
pub(crate) fn full_width_hint(text: &str, line: u32, format: Format) -> Option<String> {
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    let at = usize::try_from(line).ok()?;

    for l in [at, at.saturating_sub(1)] {
        let Some(src) = l.checked_sub(1).and_then(|i| lines.get(i)) else { continue };
        if let Some((col, c)) = syntax_chars(src, format).find(|(_, c)| ascii_for(*c, format).is_some()) {
            let a = ascii_for(c, format)?;
            return Some(format!(
                " — 提示：第{l}行第{col}列的“{c}”是全角字符，若它应是格式符号，请改为半角 `{a}` / \
                 hint: line {l}, column {col} has the full-width `{c}`; where the syntax needs it, type the ASCII `{a}`"
            ));
        }
    }
    None
}

/// For a YAML syntax error: where a tab is (the parser reports the scalar before it), or
/// that the indentation is to be checked.
fn yaml_layout_hint(text: &str, line: u32, message: &str) -> Option<String> {
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    let at = usize::try_from(line).ok()?.max(1);
    if message.contains("tab") {
        for l in at..=at + 1 {
            if let Some(col) = lines.get(l - 1).and_then(|s| s.chars().position(|c| c == '\t')) {
                let col = col + 1;
                return Some(format!(
                    " — 提示：第{l}行第{col}列是制表符（Tab），YAML 只能用空格缩进 / \
                     hint: line {l}, column {col} is a tab; YAML indents with spaces only"
                ));
            }
        }
    }
    if message.contains("mapping values are not allowed") || message.contains("did not find expected key") {
        return Some(format!(
            " — 提示：请检查第{line}行与上一行的缩进：同一层的键要对齐，只能用空格 / \
             hint: check the indentation of line {line} against the line above: keys of one table line up, spaces only"
        ));
    }
    None
}

/// The characters of one line that are syntax rather than text, with their 1-based column:
/// outside `"…"` and `'…'`, and for YAML only the key part (before the first `: `).
fn syntax_chars(line: &str, format: Format) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut done = false;
    let mut prev = ' ';
    line.chars().enumerate().filter_map(move |(i, c)| {
        let before = prev;
        prev = c;
        if done {
            return None;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            return None;
        }
        match c {
            '"' => quote = Some('"'),
            '\'' if format != Format::Json => quote = Some('\''),
            '#' if format != Format::Json && (i == 0 || before.is_whitespace()) => done = true,
            ':' if format == Format::Yaml => done = true,
            _ => return Some((i + 1, c)),
        }
        None
    })
}

// ---------------------------------------------------------------------------------------------
// The tree

const MAX_DEPTH: usize = 64;

#[derive(Clone, Debug)]
struct Node {
    pos: Pos,
    val: Val,
}

#[derive(Clone, Debug)]
enum Val {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Clone, Debug)]
struct Key {
    name: String,
    pos: Pos,
}

impl Node {
    fn size(&self) -> usize {
        1 + match &self.val {
            Val::List(l) => l.iter().map(Node::size).sum(),
            Val::Map(m) => m.iter().map(|(_, v)| 1 + v.size()).sum(),
            _ => 0,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

fn read_json(text: &str) -> Result<Node, ReadError> {
    let mut p = Json { s: text, i: 0, line: 1, col: 1 };
    if p.peek() == Some('\u{feff}') {
        // Skipped without a column: editors do not show the byte-order mark.
        p.i += '\u{feff}'.len_utf8();
    }
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.peek().is_some() {
        return Err(p.err("unexpected text after the top-level object"));
    }
    Ok(v)
}

/// A JSON or YAML syntax error of a standard file in Chinese, for the common ones (else the
/// code's general Chinese stands for it).
fn syntax_zh(format: Format, message: &str) -> Option<String> {
    const ZH: &[(&str, &str)] = &[
        ("unexpected text after the top-level object", "对象结束后还有多余的内容（一个文件只能有一个标准）"),
        ("expected a key in double quotes", "字段名须加双引号"),
        ("expected `:` after the key", "缺少冒号（字段名与值之间要用冒号）"),
        ("expected `,` or `}` after a value", "缺少逗号或右花括号 }（两项之间要用逗号隔开）"),
        ("expected `,` or `]` after a value", "缺少逗号或右方括号 ]（两项之间要用逗号隔开）"),
        ("expected a value", "这里应有一个值（文本要加引号）"),
        ("unterminated string", "引号未闭合"),
        ("nested deeper than", "嵌套过深"),
        ("a standard file holds one YAML document", "一个标准文件只能有一个 YAML 文档"),
        ("a standard file must be one object", "标准文件顶层须是一个对象（映射）"),
        ("alias to an unknown anchor", "别名所指的锚点不存在"),
        ("null inside a list", "列表中不能有空值（请删去这一项）"),
        ("a key must be plain text", "键名须为普通文本"),
        ("unbalanced end of a collection", "列表或映射的结束不配对"),
        ("found character that cannot start any token", "意外的字符"),
        ("found a tab character", "不能用制表符（Tab）缩进，只能用空格"),
        ("mapping values are not allowed", "缩进不对或冒号位置不对"),
        ("did not find expected key", "缩进不对：同一层的键要对齐"),
        ("found unexpected end of stream", "文件在此处意外结束（引号或括号未闭合）"),
        ("while scanning a quoted scalar", "引号未闭合"),
    ];
    // (a message that is already Chinese, the trailing comma's, has its own words)
    if message.starts_with(|c: char| !c.is_ascii()) {
        return None;
    }
    let what = ZH.iter().find(|(en, _)| message.starts_with(en) || message.contains(en)).map(|(_, zh)| *zh)?;
    Some(format!("格式错误：{what}（不是有效的 {}）", format.name()))
}

const TRAILING_COMMA: &str =
    "最后一项后面不能有逗号，请删去这个逗号 / JSON allows no comma after the last item: remove the comma before it";

struct Json<'a> {
    s: &'a str,
    i: usize,
    line: u32,
    col: u32,
}

impl Json<'_> {
    fn rest(&self) -> &str {
        self.s.get(self.i..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos { line: self.line, col: self.col }
    }

    fn err(&self, message: &str) -> ReadError {
        let message = match self.peek() {
            None => format!("{message} (the text ends here)"),
            Some(c) if c.is_control() => format!("{message}, found {c:?}"),
            Some(c) => format!("{message}, found `{c}`"),
        };
        ReadError { pos: self.pos(), message }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        if self.rest().starts_with(word) {
            for _ in word.chars() {
                self.bump();
            }
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, ReadError> {
        let pos = self.pos();
        if depth > MAX_DEPTH {
            return Err(ReadError { pos, message: format!("nested deeper than {MAX_DEPTH} levels") });
        }
        let val = match self.peek() {
            Some('{') => {
                self.bump();
                let mut entries = Vec::new();
                self.ws();
                if self.peek() == Some('}') {
                    self.bump();
                } else {
                    loop {
                        self.ws();
                        if self.peek() == Some('}') {
                            return Err(self.err(TRAILING_COMMA));
                        }
                        if self.peek() != Some('"') {
                            return Err(self.err("expected a key in double quotes"));
                        }
                        let kpos = self.pos();
                        let name = self.string()?;
                        self.ws();
                        if self.bump_if(':').is_none() {
                            return Err(self.err("expected `:` after the key"));
                        }
                        self.ws();
                        let v = self.value(depth + 1)?;
                        entries.push((Key { name, pos: kpos }, v));
                        self.ws();
                        match self.peek() {
                            Some(',') => {
                                self.bump();
                            }
                            Some('}') => {
                                self.bump();
                                break;
                            }
                            _ => return Err(self.err("expected `,` or `}` after a value")),
                        }
                    }
                }
                Val::Map(entries)
            }
            Some('[') => {
                self.bump();
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(']') {
                    self.bump();
                } else {
                    loop {
                        self.ws();
                        if self.peek() == Some(']') {
                            return Err(self.err(TRAILING_COMMA));
                        }
                        items.push(self.value(depth + 1)?);
                        self.ws();
                        match self.peek() {
                            Some(',') => {
                                self.bump();
                            }
                            Some(']') => {
                                self.bump();
                                break;
                            }
                            _ => return Err(self.err("expected `,` or `]` after a value")),
                        }
                    }
                }
                Val::List(items)
            }
            Some('"') => Val::Str(self.string()?),
            Some('-' | '0'..='9') => self.number()?,
            _ if self.eat("true") => Val::Bool(true),
            _ if self.eat("false") => Val::Bool(false),
            _ if self.eat("null") => Val::Null,
            _ => return Err(self.err("expected a value")),
        };
        Ok(Node { pos, val })
    }

    fn bump_if(&mut self, c: char) -> Option<char> {
        if self.peek() == Some(c) { self.bump() } else { None }
    }

    fn string(&mut self) -> Result<String, ReadError> {
        let start = self.pos();
        self.bump(); // the opening quote
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(ReadError { pos: start, message: "unterminated string".into() });
            };
            match c {
                '"' => {
                    self.bump();
                    return Ok(out);
                }
                '\\' => {
                    self.bump();
                    let e = self.peek();
                    let ch = match e {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => {
                            self.bump();
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.eat("\\u") {
                                    return Err(self.err("a high surrogate must be followed by `\\u` and a low one"));
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err("invalid low surrogate"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(ch) => out.push(ch),
                                None => return Err(self.err("invalid `\\u` escape (a lone surrogate)")),
                            }
                            continue;
                        }
                        _ => return Err(self.err("invalid escape")),
                    };
                    self.bump();
                    out.push(ch);
                }
                c if (c as u32) < 0x20 => return Err(self.err("a control character inside a string must be escaped")),
                c => {
                    self.bump();
                    out.push(c);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, ReadError> {
        let mut v = 0u32;
        for _ in 0..4 {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    v = v * 16 + d;
                    self.bump();
                }
                None => return Err(self.err("expected four hex digits after `\\u`")),
            }
        }
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let mut n = 0;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            n += 1;
        }
        n
    }

    fn number(&mut self) -> Result<Val, ReadError> {
        let from = self.i;
        let mut float = false;
        self.bump_if('-');
        match self.peek() {
            Some('0') => {
                self.bump();
                if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return Err(self.err("a number must not start with 0"));
                }
            }
            Some('1'..='9') => {
                self.digits();
            }
            _ => return Err(self.err("expected a digit")),
        }
        if self.bump_if('.').is_some() {
            float = true;
            if self.digits() == 0 {
                return Err(self.err("expected a digit after `.`"));
            }
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            float = true;
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if self.digits() == 0 {
                return Err(self.err("expected a digit in the exponent"));
            }
        }
        let lexeme = self.s.get(from..self.i).unwrap_or("");
        Ok(number_val(lexeme, float).unwrap_or(Val::Str(lexeme.to_string())))
    }
}

/// A number from its checked lexeme: an integer when it has no fraction or exponent and fits.
fn number_val(lexeme: &str, float: bool) -> Option<Val> {
    if !float && let Ok(i) = lexeme.parse::<i64>() {
        return Some(Val::Int(i));
    }
    lexeme.parse::<f64>().ok().map(Val::Float)
}

// ---------------------------------------------------------------------------------------------
// YAML

enum Frame {
    Seq { pos: Pos, anchor: usize, items: Vec<Node> },
    Map { pos: Pos, anchor: usize, entries: Vec<(Key, Node)>, key: Option<Key> },
}

/// Nodes that aliases may create in all (guards against "billion laughs").
const MAX_NODES: usize = 100_000;

fn read_yaml(text: &str) -> Result<Node, ReadError> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: BTreeMap<usize, Node> = BTreeMap::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let mut budget = MAX_NODES;
    for ev in Parser::new_from_str(text) {
        let (ev, span) = ev.map_err(|e| ReadError { pos: marker(e.marker()), message: e.info().to_string() })?;
        let pos = marker(&span.start);
        let node = match ev {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(ReadError {
                        pos,
                        message: "a standard file holds one YAML document, not several".into(),
                    });
                }
                continue;
            }
            Event::Alias(id) => {
                let Some(n) = anchors.get(&id) else {
                    return Err(ReadError { pos, message: "alias to an unknown anchor".into() });
                };
                budget = budget.checked_sub(n.size()).ok_or_else(|| ReadError {
                    pos,
                    message: format!("aliases expand to more than {MAX_NODES} values"),
                })?;
                Node { pos, val: n.val.clone() }
            }
            Event::Scalar(v, style, anchor, tag) => {
                if let Some(Frame::Map { key: k @ None, .. }) = stack.last_mut() {
                    if let Some(t) = &tag
                        && !(t.is_yaml_core_schema() && t.suffix == "str")
                    {
                        return Err(ReadError { pos, message: format!("a key must be text, not tagged `{t}`") });
                    }
                    *k = Some(Key { name: v.to_string(), pos });
                    if anchor > 0 {
                        anchors.insert(anchor, Node { pos, val: Val::Str(v.to_string()) });
                    }
                    continue;
                }
                let node =
                    Node { pos, val: scalar(&v, style, tag.as_deref()).map_err(|m| ReadError { pos, message: m })? };
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::SequenceStart(anchor, tag) => {
                stack.push(open_collection(&stack, pos, anchor, tag.as_deref(), false)?);
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                stack.push(open_collection(&stack, pos, anchor, tag.as_deref(), true)?);
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (pos, anchor, val) = match stack.pop() {
                    Some(Frame::Seq { pos, anchor, items }) => (pos, anchor, Val::List(items)),
                    Some(Frame::Map { pos, anchor, entries, .. }) => (pos, anchor, Val::Map(entries)),
                    None => return Err(ReadError { pos, message: "unbalanced end of a collection".into() }),
                };
                let node = Node { pos, val };
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => return Err(ReadError { pos, message: "a key must be plain text".into() }),
            },
        }
    }
    Ok(root.unwrap_or(Node { pos: Pos { line: 1, col: 1 }, val: Val::Null }))
}

/// The frame of a sequence or mapping that starts here.
fn open_collection(
    stack: &[Frame],
    pos: Pos,
    anchor: usize,
    tag: Option<&Tag>,
    is_map: bool,
) -> Result<Frame, ReadError> {
    if let Some(Frame::Map { key: None, .. }) = stack.last() {
        return Err(ReadError { pos, message: "a key must be plain text, not a list or mapping".into() });
    }
    if stack.len() >= MAX_DEPTH {
        return Err(ReadError { pos, message: format!("nested deeper than {MAX_DEPTH} levels") });
    }
    let want = if is_map { "map" } else { "seq" };
    if let Some(t) = tag
        && !(t.is_yaml_core_schema() && t.suffix == want)
    {
        return Err(ReadError { pos, message: format!("tag `{t}` is not supported here") });
    }
    Ok(if is_map {
        Frame::Map { pos, anchor, entries: Vec::new(), key: None }
    } else {
        Frame::Seq { pos, anchor, items: Vec::new() }
    })
}

fn marker(m: &saphyr_parser::Marker) -> Pos {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Pos { line: clamp(m.line().max(1)), col: clamp(m.col().saturating_add(1)) }
}

/// A scalar's value by the YAML 1.2 core schema (or its tag).
fn scalar(v: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Val, String> {
    let plain = style == ScalarStyle::Plain;
    let Some(tag) = tag else {
        return Ok(if plain { core_schema(v) } else { Val::Str(v.to_string()) });
    };
    if tag.handle == "!" && tag.suffix.is_empty() {
        return Ok(Val::Str(v.to_string()));
    }
    if !tag.is_yaml_core_schema() {
        return Err(format!("tag `{tag}` is not supported"));
    }
    let resolved = core_schema(v);
    let ok = match (tag.suffix.as_str(), &resolved) {
        ("str", _) => return Ok(Val::Str(v.to_string())),
        ("null", Val::Null) | ("bool", Val::Bool(_)) | ("int", Val::Int(_)) | ("float", Val::Float(_)) => true,
        ("float", Val::Int(i)) => return Ok(Val::Float(*i as f64)),
        ("null" | "bool" | "int" | "float", _) => false,
        _ => return Err(format!("tag `{tag}` is not supported on a scalar")),
    };
    if ok { Ok(resolved) } else { Err(format!("`{v}` is not a valid `{tag}`")) }
}

/// YAML 1.2 core schema resolution of a plain scalar.
fn core_schema(v: &str) -> Val {
    match v {
        "" | "~" | "null" | "Null" | "NULL" => return Val::Null,
        "true" | "True" | "TRUE" => return Val::Bool(true),
        "false" | "False" | "FALSE" => return Val::Bool(false),
        ".nan" | ".NaN" | ".NAN" => return Val::Float(f64::NAN),
        _ => {}
    }
    let (sign, body) = match v.as_bytes().first() {
        Some(b'-') => (-1.0, &v[1..]),
        Some(b'+') => (1.0, &v[1..]),
        _ => (1.0, v),
    };
    if matches!(body, ".inf" | ".Inf" | ".INF") {
        return Val::Float(sign * f64::INFINITY);
    }
    let all = |s: &str, f: fn(&char) -> bool| !s.is_empty() && s.chars().all(|c| f(&c));
    if let Some(oct) = v.strip_prefix("0o")
        && all(oct, |c| c.is_digit(8))
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Val::Int(i);
    }
    if let Some(hex) = v.strip_prefix("0x")
        && all(hex, char::is_ascii_hexdigit)
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Val::Int(i);
    }
    if all(body, char::is_ascii_digit) {
        return number_val(v.trim_start_matches('+'), false).unwrap_or(Val::Str(v.to_string()));
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (a.is_empty() && all(b, char::is_ascii_digit))
                || (all(a, char::is_ascii_digit) && b.chars().all(|c| c.is_ascii_digit()))
        }
        None => all(mantissa, char::is_ascii_digit),
    };
    let exp_ok = exp.is_none_or(|e| all(e.strip_prefix(['+', '-']).unwrap_or(e), char::is_ascii_digit));
    if mantissa_ok
        && exp_ok
        && let Ok(f) = v.parse::<f64>()
    {
        return Val::Float(f);
    }
    Val::Str(v.to_string())
}

// ---------------------------------------------------------------------------------------------
// TOML text

struct Emitter {
    out: String,
    pieces: Vec<Piece>,
}

impl Emitter {
    fn root(&mut self, tree: &Node, format: Format) -> Result<(), ReadError> {
        // A first line of its own, so that the whole-file span 0..0 (a missing top-level
        // field) maps to the top-level object rather than its first key.
        self.out.push_str(&format!("# converted from {}\n", format.name()));
        let root = self.open(tree.pos);
        match &tree.val {
            Val::Null => {}
            Val::Map(entries) => {
                for (k, v) in entries {
                    if matches!(v.val, Val::Null) {
                        continue;
                    }
                    self.key(k);
                    self.out.push_str(" = ");
                    self.value(v)?;
                    self.out.push('\n');
                }
            }
            _ => {
                return Err(ReadError {
                    pos: tree.pos,
                    message: "a standard file must be one object (mapping) at the top".into(),
                });
            }
        }
        self.close(root);
        Ok(())
    }

    /// Start a piece at the current end of the text; its end is set by [`Self::close`].
    fn open(&mut self, pos: Pos) -> usize {
        let start = self.out.len();
        self.pieces.push(Piece { start, end: start, pos });
        self.pieces.len() - 1
    }

    fn close(&mut self, piece: usize) {
        let end = self.out.len();
        if let Some(p) = self.pieces.get_mut(piece) {
            p.end = end;
        }
    }

    fn key(&mut self, k: &Key) {
        let p = self.open(k.pos);
        let bare = !k.name.is_empty() && k.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if bare {
            self.out.push_str(&k.name);
        } else {
            self.string(&k.name);
        }
        self.close(p);
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\t' => self.out.push_str("\\t"),
                '\r' => self.out.push_str("\\r"),
                c if c.is_control() => self.out.push_str(&format!("\\u{:04X}", c as u32)),
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn value(&mut self, n: &Node) -> Result<(), ReadError> {
        let p = self.open(n.pos);
        match &n.val {
            Val::Null => {
                return Err(ReadError { pos: n.pos, message: "null inside a list (leave the entry out)".into() });
            }
            Val::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Val::Int(i) => self.out.push_str(&i.to_string()),
            Val::Float(f) if f.is_nan() => self.out.push_str("nan"),
            Val::Float(f) if f.is_infinite() => self.out.push_str(if *f > 0.0 { "inf" } else { "-inf" }),
            // A whole number written with a point (`2027.0`) is a whole number, as JSON Schema
            // counts it: a field that takes whole numbers (a year) accepts it, one that takes any
            // number reads the same value. Exactly representable only up to 2^53.
            Val::Float(f) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                self.out.push_str(&format!("{}", *f as i64));
            }
            Val::Float(f) => self.out.push_str(&format!("{f:?}")),
            Val::Str(s) => self.string(s),
            Val::List(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.value(item)?;
                }
                self.out.push(']');
            }
            Val::Map(entries) => {
                self.out.push('{');
                let mut first = true;
                for (k, v) in entries {
                    if matches!(v.val, Val::Null) {
                        continue;
                    }
                    if !first {
                        self.out.push_str(", ");
                    }
                    first = false;
                    self.key(k);
                    self.out.push_str(" = ");
                    self.value(v)?;
                }
                self.out.push('}');
            }
        }
        self.close(p);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert_eq!(format_of("a.JSON", "x = 1"), Format::Json);
        assert_eq!(format_of("a.yml", "{}"), Format::Yaml);
        assert_eq!(format_of("a.toml", "{}"), Format::Toml);
        assert_eq!(format_of("-", "\u{feff}\n# c\n  {\"a\": 1}"), Format::Json);
        assert_eq!(format_of("-", "# c\n---\nstandard:\n"), Format::Yaml);
        assert_eq!(format_of("-", "standard:\n  id: x\n"), Format::Yaml);
        assert_eq!(format_of("-", "- a\n"), Format::Yaml);
        assert_eq!(format_of("-", "[standard]\nid = \"a: b\"\n"), Format::Toml);
        assert_eq!(format_of("-", "id = \"a: b\"\n"), Format::Toml);
        assert_eq!(format_of("-", "a.b:c = 1\n"), Format::Toml);
        assert_eq!(format_of("-", ""), Format::Toml);
    }

    #[test]
    fn core_schema_scalars() {
        for (text, want) in [
            ("no", "Str(\"no\")"),
            ("on", "Str(\"on\")"),
            ("yes", "Str(\"yes\")"),
            ("2024-01-01", "Str(\"2024-01-01\")"),
            ("True", "Bool(true)"),
            ("~", "Null"),
            ("012", "Int(12)"),
            ("0x1F", "Int(31)"),
            ("0o17", "Int(15)"),
            ("-3", "Int(-3)"),
            ("+3", "Int(3)"),
            ("1.5", "Float(1.5)"),
            (".5", "Float(0.5)"),
            ("1e3", "Float(1000.0)"),
            ("-.inf", "Float(-inf)"),
            ("1.2.3", "Str(\"1.2.3\")"),
            ("inf", "Str(\"inf\")"),
            ("e5", "Str(\"e5\")"),
            ("0x", "Str(\"0x\")"),
            ("99999999999999999999", "Float(1e20)"),
        ] {
            assert_eq!(format!("{:?}", core_schema(text)), want, "{text}");
        }
    }

    #[test]
    fn maps_offsets_back() {
        let text = "{\n  \"standard\": {\n    \"id\": \"中文\",\n    \"n\": 1.5\n  },\n  \"k\": [true, null]\n}\n";
        let err = SourceText::read("x.json", text).err().expect("null in a list");
        assert_eq!((err.line, err.column), (Some(6), Some(15)));
        let text = text.replace(", null", "");
        let src = SourceText::read("x.json", &text).expect("valid");
        assert!(src.toml.contains("standard = {id = \"中文\", n = 1.5}"), "{}", src.toml);
        let at = |s: &str| src.line_col(src.toml.find(s).expect("emitted"));
        assert_eq!(at("\"中文\""), (3, 11));
        assert_eq!(at("n ="), (4, 5));
        assert_eq!(at("1.5"), (4, 10));
        assert_eq!(at("{id"), (2, 15));
        assert_eq!(at("[true"), (6, 8));
        assert_eq!(src.line_col(0), (1, 1));
    }

    #[test]
    fn escapes_strings() {
        let src = SourceText::read("x.json", r#"{"a": "q\"b\\s\n\t\u0001\u00e9😀", "a b": 1}"#).expect("valid");
        assert!(src.toml.contains(r#"a = "q\"b\\s\n\t\u0001é😀""#), "{}", src.toml);
        assert!(src.toml.contains(r#""a b" = 1"#), "{}", src.toml);
        let v: toml::Table = toml::from_str(&src.toml).expect("valid TOML");
        assert_eq!(v["a"].as_str(), Some("q\"b\\s\n\t\u{1}é😀"));
    }
}
