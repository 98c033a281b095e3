//! From raw files to a [`Standard`]: follow `extends`, merge, check everything once.
//!
//! Every problem is reported, not just the first, each with the file, the line and column
//! where it was written, and the id of the item it concerns.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use serde::Serialize;

use super::formats::SourceText;
use super::model::*;
use super::raw::*;
use super::span::Sp;
use crate::date::Date;

/// What kind of problem a diagnostic reports. Stable names, used as error codes in JS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagCode {
    /// The text is not valid TOML (or JSON, or YAML), or a field has the wrong type.
    Syntax,
    /// A field the format does not know.
    UnknownField,
    /// `extends` names a standard that cannot be found.
    UnknownParent,
    /// `extends` goes round in a circle.
    ExtendsCycle,
    /// Two items share an id (and the later one does not say `override = true`).
    DuplicateId,
    /// `override = true` on an item the parent does not have.
    OverrideUnknown,
    /// A facility category or group that is not defined.
    UnknownCategory,
    /// A reference to a dimension, class, form, figure, grade or source that is not defined.
    UnknownReference,
    /// A unit the format does not know.
    UnknownUnit,
    /// A value without a citation, or a provisional value without its reason.
    MissingCitation,
    /// Points that do not add up to the declared total or subtotal.
    PointsMismatch,
    /// Grade bands that overlap or leave a gap.
    OverlappingGrades,
    /// A kind without a parameter it needs, or with one it does not use.
    BadParameter,
    /// A scoring rule that cannot work (no rule, two rules, steps out of order …).
    BadRule,
    /// A value out of its range or not one of the allowed words.
    BadValue,
}

impl DiagCode {
    pub fn as_str(self) -> &'static str {
        match self {
            DiagCode::Syntax => "syntax",
            DiagCode::UnknownField => "unknown_field",
            DiagCode::UnknownParent => "unknown_parent",
            DiagCode::ExtendsCycle => "extends_cycle",
            DiagCode::DuplicateId => "duplicate_id",
            DiagCode::OverrideUnknown => "override_unknown",
            DiagCode::UnknownCategory => "unknown_category",
            DiagCode::UnknownReference => "unknown_reference",
            DiagCode::UnknownUnit => "unknown_unit",
            DiagCode::MissingCitation => "missing_citation",
            DiagCode::PointsMismatch => "points_mismatch",
            DiagCode::OverlappingGrades => "overlapping_grades",
            DiagCode::BadParameter => "bad_parameter",
            DiagCode::BadRule => "bad_rule",
            DiagCode::BadValue => "bad_value",
        }
    }

    /// What the code means, in Chinese: said before the English message of a diagnostic that has
    /// no Chinese of its own (resolving writes its own, with the values, for every problem it finds).
    pub fn zh(self) -> &'static str {
        match self {
            DiagCode::Syntax => "格式错误（不是有效的 TOML、JSON 或 YAML，或字段类型不对）",
            DiagCode::UnknownField => "没有这个字段",
            DiagCode::UnknownParent => "找不到 extends 所指的上级标准",
            DiagCode::ExtendsCycle => "extends 形成了循环",
            DiagCode::DuplicateId => "编号或名称重复（要改写上级标准的指标、维度、等级或参数，请写 override = true）",
            DiagCode::OverrideUnknown => "override 的条目在上级标准中不存在",
            DiagCode::UnknownCategory => "未定义的业态或业态组",
            DiagCode::UnknownReference => "引用了未定义的维度、类别、形态、数据项、等级或来源",
            DiagCode::UnknownUnit => "不认识的单位",
            DiagCode::MissingCitation => "缺少出处，或暂定值缺少理由",
            DiagCode::PointsMismatch => "分值合计与声明的总分不符",
            DiagCode::OverlappingGrades => "等级分数段重叠或有空档",
            DiagCode::BadParameter => "指标类型缺少所需参数，或带了用不到的参数",
            DiagCode::BadRule => "计分规则无法使用",
            DiagCode::BadValue => "取值超出范围或不是允许的值",
        }
    }
}

/// One problem in a standard file. Written (JSON, the npm package's `Diagnostic`) with
/// `message` (English, with the exact values) and `message_zh` (the Chinese a reader needs,
/// [`Diagnostic::message_zh`]), as an input problem is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: DiagCode,
    /// The file name as the caller gave it.
    pub file: String,
    /// Not written when unknown (as `column` and `item`).
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The id of the indicator, category, grade … concerned.
    pub item: Option<String>,
    pub message: String,
    /// The message in Chinese with the same values (the field, the value written, what is
    /// allowed), where one is written; else the code's [`DiagCode::zh`] stands before the
    /// English. Written as part of `message_zh` ([`Diagnostic::message_zh`]), not on its own.
    pub zh: Option<String>,
}

impl Diagnostic {
    /// What a Chinese reader is told, the Chinese half of what `Display` writes: the
    /// diagnostic's own Chinese ([`Diagnostic::zh`]) when one is written, else what its code
    /// means ([`DiagCode::zh`]), then ` / ` and the English message, which names the values.
    /// Serialized as `message_zh`.
    pub fn message_zh(&self) -> String {
        match &self.zh {
            Some(zh) => zh.clone(),
            None => format!("{} / {}", self.code.zh(), self.message),
        }
    }
}

/// Field by field as `#[derive(Serialize)]` would write them (`line`, `column` and `item`
/// left out when unknown), then `message_zh`.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Diagnostic", 7)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("file", &self.file)?;
        use crate::circle::field_if_known;
        field_if_known(&mut st, "line", &self.line)?;
        field_if_known(&mut st, "column", &self.column)?;
        field_if_known(&mut st, "item", &self.item)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("message_zh", &self.message_zh())?;
        st.end()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": [{}] ", self.code.as_str())?;
        if let Some(item) = &self.item {
            write!(f, "{item}: ")?;
        }
        // Chinese first: the same as `message_zh` (core/tests/standard_diagnostics_json.rs
        // checks they agree), with the English after it when a Chinese message is written.
        match &self.zh {
            Some(zh) => write!(f, "{zh} / {}", self.message),
            None => write!(f, "{} / {}", self.code.zh(), self.message),
        }
    }
}

/// A standard that could not be resolved, with every problem found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct StandardError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for StandardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        write!(f, "标准文件有误（{n} 个问题）/ invalid standard ({n} problem{})", if n == 1 { "" } else { "s" })?;
        for d in &self.diagnostics {
            write!(f, "\n  {d}")?;
        }
        Ok(())
    }
}

/// The units a standard may use.
pub const UNITS: &[&str] = &[
    "m/min",
    "m",
    "min",
    "m2",
    "fraction",
    "count",
    "factor",
    "persons",
    "households",
    "dwellings",
    "ha",
    "m2_per_person",
];

/// What stands for a date that is not one (reported): the standard is refused anyway.
fn epoch() -> Date {
    Date::new(1970, 1, 1).expect("a valid date")
}

/// Parameter ids the core looks up by name (their values always come from the standard).
pub const WALKING_SPEED: &str = "walking_speed_m_per_min";
pub const DETOUR_FACTOR: &str = "detour_factor";
/// The walking speed of older residents, for the second walking profile.
pub const ELDERLY_WALKING_SPEED: &str = "elderly_walking_speed_m_per_min";

struct File {
    /// The TOML text (converted from JSON or YAML when the file is written in those) and the
    /// way back to the file's own lines.
    src: SourceText,
    raw: RawStandard,
}

struct Cx {
    files: Vec<File>,
    diags: Vec<Diagnostic>,
    /// What the author should read but does not stop the standard ([`Resolved::warnings`]).
    warnings: Vec<Diagnostic>,
}

impl Cx {
    /// A problem at a byte range of a file, in Chinese (with the values: the field, what was
    /// written, what is allowed, how to fix it) and in English.
    fn at(
        &mut self,
        file: usize,
        span: Option<Range<usize>>,
        code: DiagCode,
        item: Option<&str>,
        zh: String,
        msg: String,
    ) {
        let d = diagnostic(&self.files[file].src, span, code, item, msg);
        self.diags.push(Diagnostic { zh: Some(zh), ..d });
    }

    /// A warning (what does not stop the standard, [`Resolved::warnings`]) at `span` of file `file`.
    fn warn(&mut self, file: usize, span: Range<usize>, w: Diagnostic) {
        let (line, column) = self.files[file].src.line_col(span.start);
        self.warnings.push(Diagnostic {
            file: self.files[file].src.name.clone(),
            line: Some(line),
            column: Some(column),
            ..w
        });
    }

    /// Whether file `fi` is a built-in standard's own text (the author of a child may not have it).
    fn is_builtin(&self, fi: usize) -> bool {
        let f = &self.files[fi];
        let id = f.raw.standard.id.get();
        super::builtin(id).is_some_and(|b| b.file == f.src.name) && super::builtin_text(id) == Some(f.src.toml.as_str())
    }

    /// How a file is named to the author of the last one: `本文件`, `内置标准 longwan-2024`, or
    /// `上级标准 mine-2025（mine-2025.toml）`; Chinese and English.
    fn whose(&self, fi: usize) -> (String, String) {
        let f = &self.files[fi];
        let id = f.raw.standard.id.get();
        if fi + 1 == self.files.len() {
            ("本文件".into(), "this file".into())
        } else if self.is_builtin(fi) {
            (format!("内置标准 {id}"), format!("the built-in standard {id}"))
        } else {
            (format!("上级标准 {id}（{}）", f.src.name), format!("the parent standard {id} ({})", f.src.name))
        }
    }
}

/// A diagnostic at a byte range of a file's TOML text, placed on the file's own line and column.
fn diagnostic(
    src: &SourceText,
    span: Option<Range<usize>>,
    code: DiagCode,
    item: Option<&str>,
    message: String,
) -> Diagnostic {
    let (line, column) = span.map(|s| src.line_col(s.start)).unzip();
    Diagnostic { code, file: src.name.clone(), line, column, item: item.map(str::to_string), message, zh: None }
}

/// Parse one file (TOML, or TOML converted from JSON or YAML) into its raw form, or the
/// diagnostic for its syntax error.
fn parse_raw(src: &SourceText) -> Result<RawStandard, Diagnostic> {
    parse_raw_text(src, &src.toml).map_err(|e| e.0)
}

/// At most this many problems are named in one reading of a file.
const FORMAT_PROBLEMS_NAMED: usize = 50;

/// Parse a file into its raw form, or name every problem the format check can find at once:
/// serde stops at the first, so a contributor with five typos needed five runs. Each field the
/// format does not have is named, then blanked out of a scratch copy of the text (spaces over
/// the same bytes, so every position stays the file's own) and the copy read again; an item
/// that lacks fields is named with all it lacks (see [`incomplete_items`]), then blanked whole
/// (serde checks an item's own fields before it finds one missing). Any other problem ends the
/// search, as does a blank that would leave the copy unreadable (which the file's own errors
/// cannot cause: serde only saw the file after it parsed). In the file's order.
fn parse_naming_all(
    src: &SourceText,
    parent: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<RawStandard, Vec<Diagnostic>> {
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut text = std::borrow::Cow::Borrowed(src.toml.as_str());
    let in_order = |mut found: Vec<Diagnostic>| {
        found.sort_by_key(|d| (d.line, d.column));
        found
    };
    loop {
        let (d, span) = match parse_raw_text(src, &text) {
            Ok(raw) if found.is_empty() => return Ok(raw),
            Ok(_) => return Err(in_order(found)),
            Err(e) => *e,
        };
        let mut next = None;
        if d.message.starts_with("missing field") {
            let all = incomplete_items(src, &text, parent);
            let mut scratch = Some(text.to_string());
            for (_, at) in &all {
                scratch = scratch.and_then(|t| whole_table(&t, at.start).and_then(|r| blanked(&t, r)));
            }
            if all.is_empty() {
                found.push(d);
            } else {
                found.extend(all.into_iter().map(|(d, _)| d));
                next = scratch;
            }
        } else {
            if let Some(key) = span.filter(|_| d.code == DiagCode::UnknownField) {
                next = without_entry(&text, key.start);
            }
            found.push(d);
        }
        match next {
            Some(t) if found.len() < FORMAT_PROBLEMS_NAMED => text = std::borrow::Cow::Owned(t),
            _ => return Err(in_order(found)),
        }
    }
}

/// `text` with the entry whose key starts at byte `key_start` (key, `=`, value, and the comma
/// that joins it to its neighbour in an inline table) blanked; `None` when no such entry is
/// found or the result does not read as TOML.
fn without_entry(text: &str, key_start: usize) -> Option<String> {
    fn find(t: &toml::de::DeTable<'_>, key_start: usize) -> Option<Range<usize>> {
        t.iter().find_map(|(k, v)| {
            if k.span().start == key_start {
                return Some(key_start..v.span().end);
            }
            within(v, key_start)
        })
    }
    fn within(v: &toml::Spanned<toml::de::DeValue<'_>>, key_start: usize) -> Option<Range<usize>> {
        match v.get_ref() {
            toml::de::DeValue::Table(t) => find(t, key_start),
            toml::de::DeValue::Array(a) => a.iter().find_map(|v| within(v, key_start)),
            _ => None,
        }
    }
    let doc = toml::de::DeTable::parse(text).ok()?;
    let entry = find(doc.get_ref(), key_start)?;
    let bytes = text.as_bytes();
    let (mut start, mut end) = (entry.start, entry.end);
    let space = |i: usize| bytes.get(i).is_some_and(|b| *b == b' ' || *b == b'\t');
    let mut after = end;
    while space(after) {
        after += 1;
    }
    if bytes.get(after) == Some(&b',') {
        end = after + 1;
    } else {
        let mut before = start;
        while before > 0 && space(before - 1) {
            before -= 1;
        }
        if before > 0 && bytes[before - 1] == b',' {
            start = before - 1;
        }
    }
    blanked(text, start..end)
}

/// The bytes of the table whose span (its header, for a `[table]` or `[[list]]` item) starts
/// at `start`: from there to the end of its last key or value, sub-tables included.
fn whole_table(text: &str, start: usize) -> Option<Range<usize>> {
    type Value<'i> = toml::Spanned<toml::de::DeValue<'i>>;
    fn end(v: &Value<'_>) -> usize {
        let inner = match v.get_ref() {
            toml::de::DeValue::Table(t) => t.iter().map(|(k, v)| k.span().end.max(end(v))).max(),
            toml::de::DeValue::Array(a) => a.iter().map(end).max(),
            _ => None,
        };
        inner.unwrap_or(0).max(v.span().end)
    }
    fn find(v: &Value<'_>, start: usize) -> Option<Range<usize>> {
        match v.get_ref() {
            toml::de::DeValue::Table(_) if v.span().start == start => Some(start..end(v)),
            toml::de::DeValue::Table(t) => t.values().find_map(|v| find(v, start)),
            toml::de::DeValue::Array(a) => a.iter().find_map(|v| find(v, start)),
            _ => None,
        }
    }
    let doc = toml::de::DeTable::parse(text).ok()?;
    doc.get_ref().values().find_map(|v| find(v, start))
}

/// `text` with the bytes of `range` overwritten by spaces, line breaks kept (so every other
/// byte keeps its position); `None` when that does not read as TOML.
fn blanked(text: &str, range: Range<usize>) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = bytes.get(..range.start)?.to_vec();
    out.extend(bytes.get(range.clone())?.iter().map(|b| if matches!(b, b'\n' | b'\r') { *b } else { b' ' }));
    out.extend_from_slice(&bytes[range.end..]);
    let out = String::from_utf8(out).ok()?;
    toml::de::DeTable::parse(&out).is_ok().then_some(out)
}

/// A diagnostic with serde's span of the problem in the text read.
type Placed = (Diagnostic, Option<Range<usize>>);

/// [`parse_raw`] of `text`: the file's TOML, or a copy of it with the same byte positions.
/// The error comes with serde's span in the text.
fn parse_raw_text(src: &SourceText, text: &str) -> Result<RawStandard, Box<Placed>> {
    toml::from_str::<RawStandard>(text).map_err(|e| {
        let raw_message = e.message().trim();
        let en = readable(raw_message);
        let written = e.span().and_then(|s| src.toml.get(s)).unwrap_or("").trim();
        let missing = raw_message.strip_prefix("missing field `").and_then(|r| r.split('`').next());
        let unknown = raw_message.strip_prefix("unknown field `").and_then(|r| r.split_once('`'));
        let data_error = ["invalid type", "invalid value", "invalid length"].iter().any(|p| raw_message.starts_with(p));
        let (code, zh, en) = if let Some(field) = missing {
            match field {
                "cite" => (
                    DiagCode::MissingCitation,
                    "每一项都须写出处 cite = { source, clause, confidence }".to_string(),
                    format!("{en}: every item needs `cite = {{ source, clause, confidence }}`"),
                ),
                "source" | "confidence" => (
                    DiagCode::MissingCitation,
                    "出处须写 source（[[sources]] 中的编号）与 confidence（verified 或 provisional）".to_string(),
                    format!(
                        "{en}: a citation needs `source` (an id of `[[sources]]`) and `confidence` (verified or provisional)"
                    ),
                ),
                _ => (
                    DiagCode::Syntax,
                    format!("缺少必填字段 `{field}`（字段表见 standards/README.md）"),
                    format!("{en} (field tables: standards/README.md)"),
                ),
            }
        } else if let Some((field, expected)) = unknown {
            let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let (nz, ne) = match nearest(field, &allowed) {
                Some(a) => (format!(" — 是不是 `{a}`？"), format!(" — did you mean `{a}`?")),
                None => (String::new(), String::new()),
            };
            (
                DiagCode::UnknownField,
                format!("没有字段 `{field}`{nz}（这里可写的字段：{}）", listed(&allowed).0),
                format!("{en}{ne}"),
            )
        } else if raw_message.starts_with("invalid type: map") && looks_like_toml_date(written) {
            (
                DiagCode::Syntax,
                format!("日期要写成带引号的文本，如 \"{written}\""),
                format!("a date is written as text in quotes: \"{written}\""),
            )
        } else if data_error {
            let what = crate::circle::type_mismatch_zh(raw_message).unwrap_or_else(|| "字段的类型不对".into());
            let quote = (en.contains("expected a string")
                && (en.starts_with("invalid type: integer") || en.starts_with("invalid type: floating point")))
            .then(|| en.split('`').nth(1).unwrap_or("…").to_string());
            match quote {
                Some(v) => (
                    DiagCode::Syntax,
                    format!("格式错误：{what}（文字请加引号：\"{v}\"）"),
                    format!("{en} (put text in quotes: \"{v}\")"),
                ),
                None => (DiagCode::Syntax, format!("格式错误：{what}"), en),
            }
        } else {
            let hint = if src.is_converted() {
                None
            } else {
                let line = e.span().map(|s| src.line_col(s.start).0).unwrap_or(1);
                super::formats::full_width_hint(&src.toml, line, super::formats::Format::Toml)
            };
            let (hz, he) = match hint.as_deref().and_then(|h| h.split_once(" / hint: ")) {
                Some((z, e)) => (z.to_string(), format!(" — hint: {e}")),
                None => (String::new(), String::new()),
            };
            // A JSON or YAML file's TOML text fails only where the original does (a key written
            // twice): name the file's own syntax, as its other syntax errors do.
            let syntax = src.format.name();
            let zh = match toml_syntax_zh(raw_message) {
                Some(t) => format!("格式错误：{t}（不是有效的 {syntax}）{hz}"),
                None => format!("格式错误：不是有效的 {syntax}{hz}"),
            };
            let en = if src.is_converted() { format!("{syntax} syntax: {en}") } else { en };
            (DiagCode::Syntax, zh, format!("{en}{he}"))
        };
        Box::new((Diagnostic { zh: Some(zh), ..diagnostic(src, e.span(), code, None, en) }, e.span()))
    })
}

/// A TOML syntax error of the toml crate (its message starts with what is wrong, then
/// ", expected …") in Chinese, for the common ones.
fn toml_syntax_zh(message: &str) -> Option<&'static str> {
    const ZH: &[(&str, &str)] = &[
        ("unclosed array table", "表头缺少右方括号 ]]"),
        ("unclosed table", "表头缺少右方括号 ]"),
        ("unclosed inline table", "内联表缺少右花括号 }"),
        ("unclosed array", "列表缺少右方括号 ]"),
        ("missing comma between array elements", "列表的两项之间缺少逗号"),
        ("missing comma between key-value pairs", "内联表的两项之间缺少逗号"),
        ("extra comma in array", "列表中多余的逗号"),
        ("extra comma in inline table", "内联表中多余的逗号（最后一项之后不能有逗号）"),
        ("missing assignment between key-value pairs", "键与值之间缺少等号 ="),
        ("extra assignment between key-value pairs", "多余的等号 ="),
        ("extra `=`", "多余的等号 ="),
        ("unexpected `=` in array", "列表中不能有等号 ="),
        ("missing value for key", "等号后缺少值"),
        ("missing value", "等号后缺少值"),
        ("key with no value", "键后缺少 = 和值"),
        ("string values must be quoted", "文本须加引号（如 id = \"layout\"）"),
        ("invalid basic string", "引号未闭合，或文本中有无效的转义符 \\"),
        ("invalid literal string", "单引号未闭合"),
        ("invalid multi-line basic string", "三引号 \"\"\" 未闭合"),
        ("invalid multi-line literal string", "三引号 ''' 未闭合"),
        ("invalid string", "引号未闭合，或文本写法无效"),
        ("missing opening quote", "缺少开头的引号"),
        ("missing escaped value", "转义符 \\ 后缺少字符（路径中的 \\ 请写成 \\\\ 或 /）"),
        ("invalid unquoted key", "键名无效（不加引号的键只能用英文字母、数字、_ 和 -）"),
        ("unquoted keys cannot be empty", "键名不能为空"),
        ("invalid key", "键名无效"),
        ("duplicate key", "同一个键写了两次"),
        ("invalid comment character", "注释中有无效字符"),
        ("unexpected content", "意外的内容（一行只能写一个 键 = 值）"),
        ("unexpected key or value", "意外的键或值（一行只能写一个 键 = 值）"),
        ("invalid date-time", "日期时间写法无效"),
        ("invalid boolean", "是或否须写成小写 true 或 false"),
        ("invalid float", "数字写法无效"),
        ("invalid integer number", "数字写法无效"),
        ("invalid exponent", "数字写法无效"),
        ("invalid fraction", "数字写法无效"),
        ("invalid mantissa", "数字写法无效"),
        ("unexpected leading zero", "数字不能以 0 开头"),
        ("`_` may only go between digits", "数字中的 _ 只能写在两个数字之间"),
        ("invalid value", "值的写法无效（文本须加引号，是或否写 true/false）"),
        ("invalid inline table element", "内联表中的项写法无效"),
        ("invalid key-value pair", "键值对写法无效"),
        ("invalid table", "表头写法无效"),
        ("missing table open", "缺少表头的左方括号 ["),
        ("missing array opening", "缺少列表的左方括号 ["),
        ("missing inline table opening", "缺少内联表的左花括号 {"),
        ("cannot recurse further", "嵌套过深"),
        ("carriage return must be followed by newline", "回车符后须跟换行符"),
    ];
    ZH.iter().find(|(en, _)| message.starts_with(en)).map(|(_, zh)| *zh)
}

/// Whether a TOML value as written is a date or time (`2027-01-01`, `2027-01-01T08:00:00`).
fn looks_like_toml_date(written: &str) -> bool {
    let b = written.as_bytes();
    (b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-')
        || (b.len() >= 8 && b[..2].iter().all(u8::is_ascii_digit) && b[2] == b':')
}

/// serde's message with the format's words for the internal type names: "expected struct
/// RawMeta" becomes "expected a table", "expected a sequence" "expected a list", "expected
/// f64" "expected a number".
fn readable(message: &str) -> String {
    let mut out = message.to_string();
    plain_words(&mut out, "a table");
    out
}

/// serde's names of Rust types in a reader's words: each "struct <Name>" becomes `a_struct`
/// (a standard's "a table", a circle's "an object"), "expected f64" "expected a number",
/// "expected a sequence" "expected a list" (standards and circles alike).
pub(crate) fn plain_words(out: &mut String, a_struct: &str) {
    let mut from = 0;
    while let Some(i) = out[from..].find("struct ").map(|i| from + i) {
        let name = i + "struct ".len();
        let end = out[name..].find(|c: char| !c.is_ascii_alphanumeric()).map_or(out.len(), |n| name + n);
        out.replace_range(i..end, a_struct);
        from = i + a_struct.len();
    }
    let words = [
        ("expected a sequence", "expected a list"),
        ("expected f64", "expected a number"),
        ("expected i32", "expected a whole number"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u8", "expected a whole number from 0 to 255"),
    ];
    for (from, to) in words {
        if let Some(i) = out.find(from)
            && !out[i + from.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            out.replace_range(i..i + from.len(), to);
        }
    }
}

/// The allowed word nearest to a misspelt one, if any is near enough (at most a third of its
/// letters differ, and at most 3; ASCII case aside: Unicode case tables would add 15 KB to every
/// widget), for a message that says it in its own words (a misspelt field, a circle's unknown
/// category, a value of a standard; [`suggestion`] when several may be as near).
pub(crate) fn nearest<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let best = allowed
        .iter()
        .map(|a| (edit_distance(&word.to_ascii_lowercase(), &a.to_ascii_lowercase()), *a))
        .filter(|(d, a)| *d > 0 || word != *a)
        .min_by_key(|(d, _)| *d);
    match best {
        Some((d, a)) if d <= 3 && d * 3 <= a.chars().count().max(word.chars().count()) => Some(a),
        _ => None,
    }
}

/// The one allowed word nearest to a misspelt reference ([`nearest`]), when no other is as near:
/// `MC-S09` suggests none of `MC-S01` … `MC-S08`, all one letter away.
fn suggestion<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let best = nearest(word, allowed)?;
    let lower = |s: &str| s.to_ascii_lowercase();
    let d = edit_distance(&lower(word), &lower(best));
    let mut ties: Vec<&str> = allowed.iter().copied().filter(|a| edit_distance(&lower(word), &lower(a)) == d).collect();
    ties.sort_unstable();
    ties.dedup();
    (ties.len() == 1).then_some(best)
}

/// " — 是不是 `x`？" and " — did you mean `x`?" for the [`suggestion`] among `allowed`, else
/// two empty texts.
fn near(word: &str, allowed: &[&str]) -> (String, String) {
    match suggestion(word, allowed) {
        Some(a) => (format!(" — 是不是 `{a}`？"), format!(" — did you mean `{a}`?")),
        None => (String::new(), String::new()),
    }
}

/// A reference to something not defined, in both languages: `类别 class “smartt” 未定义 — 是不是
/// `smart`？（已定义：basic、quality、smart）` and `unknown class `smartt` — did you mean `smart`?
/// (defined: …)`, the suggestion only when one defined word is nearest.
fn unknown_ref(written: &str, defined: &[&str], what_zh: &str, what_en: &str) -> (String, String) {
    let (nz, ne) = near(written, defined);
    let (lz, le) = listed(defined);
    let (lz, le) = if defined.is_empty() {
        ("尚未定义任何一个".to_string(), "none defined".to_string())
    } else {
        (format!("已定义：{lz}"), format!("defined: {le}"))
    };
    (format!("{what_zh} “{written}” 未定义{nz}（{lz}）"), format!("unknown {what_en} `{written}`{ne} ({le})"))
}

/// Words for a message, `a、b、c` and `a, b, c`; past 12, the first 12 and how many in all.
fn listed(items: &[&str]) -> (String, String) {
    const SHOWN: usize = 12;
    let head = &items[..items.len().min(SHOWN)];
    if items.len() > SHOWN {
        (
            format!("{} 等 {} 个", head.join("、"), items.len()),
            format!("{}, … ({} in all)", head.join(", "), items.len()),
        )
    } else {
        (head.join("、"), head.join(", "))
    }
}

/// A number as a reader writes it: `23`, `2.5`, and `NaN`/`inf` as such (never the 309 digits
/// of `f64::MAX`).
fn num(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e15 { format!("{x:e}") } else { format!("{x}") }
}

/// A word that is not one of `allowed`, in Chinese: "层级 level 不能是“distrct”，须为 national、
/// province、city 或 district 之一 — 是不是 district？".
fn not_allowed_zh(what_zh: &str, field: &str, value: &str, allowed: &[&str]) -> String {
    let list = match allowed {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} 或 {last}", init.join("、")),
    };
    let near = nearest(value, allowed).map(|a| format!(" — 是不是 {a}？")).unwrap_or_default();
    format!("{what_zh} {field} 不能是“{value}”，须为 {list} 之一{near}")
}

/// A share written as a percentage (`70` for 70 %): the message, Chinese and English, with the
/// fraction to write instead.
fn fraction_message(values: &[f64]) -> (String, String) {
    let pct = values.iter().copied().find(|v| *v > 1.0 && *v <= 100.0);
    let bad = values.iter().copied().find(|v| !(0.0..=1.0).contains(v));
    match (pct, bad) {
        (Some(p), _) => {
            // (rounded past float noise: 33.3 % is 0.333, not 0.33299999999999996)
            let f = (p / 100.0 * 1e12).round() / 1e12;
            (
                format!("比例须写成0到1之间的小数：{p}% 应写作 {f}"),
                format!("a share is a fraction between 0 and 1: write {p} % as {f}"),
            )
        }
        (None, Some(v)) => (
            format!("比例须写成0到1之间的小数，不能是 {}", num(v)),
            format!("a share is a fraction between 0 and 1, not {}", num(v)),
        ),
        (None, None) => ("比例须写成0到1之间的小数".into(), "a share is a fraction between 0 and 1".into()),
    }
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(diag + usize::from(ca != *cb));
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Read a file in any of the three syntaxes and parse it into its raw form.
fn read_raw(name: &str, text: &str) -> Result<(SourceText, RawStandard), Diagnostic> {
    let src = SourceText::read(name, text)?;
    let raw = parse_raw(&src)?;
    Ok((src, raw))
}

/// Resolve a standard from the text of its file, written in TOML, JSON or YAML (by the file
/// name's extension, else by the text: see `standard/formats.rs`).
///
/// `parent` finds a standard by id for `extends`, returning its file name and text
/// (for example the built-in standards, or files beside the user's file); a parent may be
/// written in any of the three syntaxes too.
///
/// # Errors
/// Every problem found in the file or its parents, each naming file, line and item.
pub fn resolve(
    name: &str,
    text: &str,
    parent: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<Standard, StandardError> {
    resolve_noted(name, text, parent).map(|r| r.standard)
}

/// A standard resolved, with the warnings its author should read: what neither stops the
/// standard nor changes a score, but would mislead a reader of its results (points shown as
/// official with nothing that says where they come from, [`Indicator::points_uncited`]). Each
/// names the file, line and item, as an error does; a program that shows a standard's errors
/// shows these too ("⚠").
#[derive(Clone, Debug)]
pub struct Resolved {
    pub standard: Standard,
    pub warnings: Vec<Diagnostic>,
}

/// [`resolve`], with the warnings ([`Resolved`]).
///
/// # Errors
/// Every problem found, each naming file, line and item.
pub fn resolve_noted(
    name: &str,
    text: &str,
    parent: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<Resolved, StandardError> {
    let fail = |d: Diagnostic| StandardError { diagnostics: vec![d] };
    let src = SourceText::read(name, text).map_err(fail)?;
    let raw = parse_naming_all(&src, parent).map_err(|diagnostics| StandardError { diagnostics })?;
    let mut files = vec![File { src, raw }];
    let mut diags = Vec::new();
    let mut seen = vec![files[0].raw.standard.id.get().clone()];
    // Follow `extends` up to the root.
    loop {
        let child = files.last().expect("at least one file");
        let Some(ext) = child.raw.standard.extends.clone() else { break };
        let (l, c) = child.src.line_col(ext.span().start);
        let here = |code, zh: String, message: String| Diagnostic {
            code,
            file: child.src.name.clone(),
            line: Some(l),
            column: Some(c),
            item: Some(child.raw.standard.id.get().clone()),
            message,
            zh: Some(zh),
        };
        if seen.contains(ext.get()) {
            let mut chain = seen.clone();
            chain.push(ext.get().clone());
            let chain = chain.join(" → ");
            diags.push(here(
                DiagCode::ExtendsCycle,
                format!("extends 形成了循环：{chain}（一个标准不能直接或间接继承自己）"),
                format!("extends goes round in a circle: {chain}"),
            ));
            break;
        }
        let Some((pname, ptext)) = parent(ext.get()) else {
            let e = ext.get();
            let bare = e.split(['@', ' ']).next().unwrap_or(e).trim();
            let ids: Vec<&str> = super::BUILTIN.iter().map(|b| b.id).filter(|id| parent(id).is_some()).collect();
            let (zh, en) = if bare != e.trim() && parent(bare).is_some() {
                (
                    format!("找不到上级标准 `{e}`：extends 只写上级标准的编号，不写版本：`{bare}`"),
                    format!("extends unknown standard `{e}` — write only the parent's id, without a version: `{bare}`"),
                )
            } else {
                let (nz, ne) = near(e, &ids);
                let (lz, le) = listed(&ids);
                (
                    format!("找不到上级标准 `{e}`{nz}（内置标准有：{lz}）"),
                    format!("extends unknown standard `{e}`{ne} (built-in: {le})"),
                )
            };
            diags.push(here(DiagCode::UnknownParent, zh, en));
            break;
        };
        match read_raw(&pname, &ptext) {
            Ok((psrc, praw)) => {
                if praw.standard.id.get() != ext.get() {
                    let (want, got) = (ext.get(), praw.standard.id.get());
                    diags.push(here(
                        DiagCode::UnknownParent,
                        format!("extends 写的是 `{want}`，但找到的文件 {pname} 的编号是 `{got}`"),
                        format!("extends `{want}` but that file declares id `{got}`"),
                    ));
                    break;
                }
                seen.push(ext.get().clone());
                files.push(File { src: psrc, raw: praw });
            }
            Err(d) => {
                diags.push(d);
                break;
            }
        }
    }
    if !diags.is_empty() {
        return Err(StandardError { diagnostics: diags });
    }
    files.reverse(); // root first
    let mut cx = Cx { files, diags, warnings: Vec::new() };
    let standard = build(&mut cx);
    if cx.diags.is_empty() {
        Ok(Resolved { standard, warnings: cx.warnings })
    } else {
        Err(StandardError { diagnostics: cx.diags })
    }
}

/// The warning for points shown as official with nothing that says where they come from
/// ([`Indicator::points_uncited`]), at `line` and `column` of `file` when known: Chinese first.
fn uncited_points(file: &str, line: Option<u32>, column: Option<u32>, ind: &Indicator) -> Diagnostic {
    let (id, p) = (&ind.id, num(ind.points));
    Diagnostic {
        code: DiagCode::MissingCitation,
        file: file.to_string(),
        line,
        column,
        item: Some(id.clone()),
        message: format!(
            "the {p} points of {id} will be shown as official: its `cite` is verified and it has no `points_cite`; \
             unless an issued document sets these points, add `points_cite` with `confidence = \"provisional\"` and a \
             `reason` (a warning: scores are unchanged)"
        ),
        zh: Some(format!(
            "指标 {id} 的 {p} 分将显示为官方数值：其要求的出处已核实（cite 的 confidence = \"verified\"），但没有写分值的出处 \
             points_cite；除非有正式印发的文件规定了这些分值，请加 points_cite（confidence = \"provisional\"，用 reason 写明\
             取值理由）（提醒，不影响评分）"
        )),
    }
}

/// The warnings of a standard read without its text (a packed one, `lifecircle pack`): those
/// of [`resolve_noted`] that the resolved standard still shows, each naming `file` and the item
/// (no line: the text is not there).
pub fn warnings_of(st: &Standard, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for i in &st.indicators {
        let reach = match &i.kind {
            Kind::Presence { within: Some(Reach::Minutes(m)), .. } | Kind::WalkCoverage { within_minutes: m, .. } => {
                long_walk(&i.id, *m)
            }
            _ => None,
        };
        let line = match i.rule {
            Rule::Linear { zero, full } => falling_line(&i.id, &i.kind, zero, full),
            _ => None,
        };
        let uncited = i.points_uncited().then(|| uncited_points(file, None, None, i));
        out.extend([reach, line].into_iter().flatten().map(|w| Diagnostic { file: file.to_string(), ..w }));
        out.extend(uncited);
    }
    out
}

/// A day: a walk's time limit above it is no walk a living circle can mean (a warning). A bound
/// designed by this project, said so in the message.
const DAY_MINUTES: f64 = 1440.0;

/// Above this many minutes (about two years) a walk's time limit is a slip, refused: the
/// distance it would stand for (minutes × walking speed) reads as nonsense in every
/// explanation. A bound designed by this project, said so in the message.
const MAX_WALK_MINUTES: f64 = 1_000_000.0;

/// `within_minutes`: a finite number ≥ 0 and at most [`MAX_WALK_MINUTES`] (else an error), with
/// a warning above [`DAY_MINUTES`].
fn walk_minutes(cx: &mut Cx, fi: usize, v: &Sp<f64>, item: &str) -> f64 {
    let m = finite(cx, fi, v, item, "within_minutes", 0.0);
    if m > MAX_WALK_MINUTES {
        let x = num(m);
        cx.at(
            fi,
            Some(v.span()),
            DiagCode::BadValue,
            Some(item),
            format!(
                "within_minutes = {x} 不是步行时间：须不大于 {}（约两年，本项目设计的界限），生活圈常用 5、10、15 分钟",
                num(MAX_WALK_MINUTES)
            ),
            format!(
                "within_minutes = {x} is no walk: at most {} (about two years, a bound designed by this project); living circles use 5, 10 or 15 minutes",
                num(MAX_WALK_MINUTES)
            ),
        );
        return 0.0;
    }
    if let Some(w) = long_walk(item, m) {
        cx.warn(fi, v.span(), w);
    }
    m
}

/// The warning for a walk's time limit above a day ([`DAY_MINUTES`]), without file and line.
fn long_walk(item: &str, minutes: f64) -> Option<Diagnostic> {
    (minutes > DAY_MINUTES).then(|| {
        let x = num(minutes);
        Diagnostic {
            code: DiagCode::BadValue,
            file: String::new(),
            line: None,
            column: None,
            item: Some(item.to_string()),
            zh: Some(format!(
                "within_minutes = {x} 分钟超过一天（1440 分钟，本项目设计的提醒界限）：生活圈的步行时间常为 5、10、15 分钟，\
                 请确认不是笔误（提醒：仍按所写的值评分）"
            )),
            message: format!(
                "within_minutes = {x} is more than a day (1440 minutes, a bound designed by this project): living circles \
                 use walks of 5, 10 or 15 minutes; check it is no slip (a warning: scored as written)"
            ),
        }
    })
}

/// The warning for a `linear` rule written from the higher value down (`[0.9, 0.6]`) on a kind
/// whose value is better the more it is: a presence, a count, a walk's coverage, a satisfied
/// share, a checklist item, an area per households. The more such a circle has, the fewer points
/// it gets: 100 % coverage scores nothing. A ratio or an area share may be meant to fall (a share
/// of vacant shops), so those are left as written. Without file and line.
fn falling_line(item: &str, kind: &Kind, zero: f64, full: f64) -> Option<Diagnostic> {
    let more_is_better = !matches!(kind, Kind::Ratio { .. } | Kind::AreaShare { .. } | Kind::Evaluator);
    (more_is_better && full < zero).then(|| {
        let (k, z, f) = (kind.name(), num(zero), num(full));
        Diagnostic {
            code: DiagCode::BadRule,
            file: String::new(),
            line: None,
            column: None,
            item: Some(item.to_string()),
            zh: Some(format!(
                "linear = [{z}, {f}] 是从大到小写的：{k} 类指标的数值越大越好，这样写却是数值越大得分越低\
                 （{f} 及以下满分，{z} 及以上 0 分）；若要 {f} 时 0 分、{z} 时满分，请写 linear = [{f}, {z}]\
                 （提醒：仍按所写的规则评分）"
            )),
            message: format!(
                "linear = [{z}, {f}] goes down: for kind `{k}` more is better, but this scores fewer points the higher \
                 the value (full points at {f} or below, none at {z} or above); for none at {f} and full points at {z} \
                 write linear = [{f}, {z}] (a warning: scored as written)"
            ),
        }
    })
}

/// One table of the format: its list, the field that names an item, what an item is called,
/// the fields it cannot do without (its fields without a default in `raw.rs`: a test checks the
/// two agree), and whether `override = true` may replace a parent's item.
struct Table {
    list: &'static str,
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    required: &'static [&'static str],
    overridable: bool,
}

const TABLES: &[Table] = &[
    Table {
        list: "standard",
        key: "id",
        zh: "标准元数据 [standard]",
        en: "[standard]",
        required: &["id", "version", "title", "issuer", "document", "issued", "effective", "level", "status", "cite"],
        overridable: false,
    },
    Table {
        list: "sources",
        key: "id",
        zh: "来源",
        en: "source",
        required: &["id", "title", "issuer", "date"],
        overridable: false,
    },
    Table {
        list: "params",
        key: "id",
        zh: "参数",
        en: "param",
        required: &["id", "value", "unit", "zh", "en", "cite"],
        overridable: true,
    },
    Table {
        list: "classes",
        key: "code",
        zh: "类别",
        en: "class",
        required: &["code", "zh", "en", "commercial", "cite"],
        overridable: false,
    },
    Table {
        list: "forms",
        key: "code",
        zh: "形态",
        en: "form",
        required: &["code", "zh", "en", "cite"],
        overridable: false,
    },
    Table {
        list: "categories",
        key: "code",
        zh: "业态",
        en: "category",
        required: &["code", "zh", "en", "class", "cite"],
        overridable: false,
    },
    Table {
        list: "groups",
        key: "code",
        zh: "业态组",
        en: "group",
        required: &["code", "zh", "en", "any_of", "cite"],
        overridable: false,
    },
    Table {
        list: "figures",
        key: "key",
        zh: "数据项",
        en: "figure",
        required: &["key", "zh", "en", "unit", "cite"],
        overridable: false,
    },
    Table {
        list: "dimensions",
        key: "id",
        zh: "维度",
        en: "dimension",
        required: &["id", "zh", "en"],
        overridable: true,
    },
    Table {
        list: "indicators",
        key: "id",
        zh: "指标",
        en: "indicator",
        required: &["id", "dimension", "zh", "en", "kind", "points", "cite"],
        overridable: true,
    },
    Table {
        list: "grades",
        key: "id",
        zh: "等级",
        en: "grade",
        required: &["id", "zh", "en", "min_points", "cite"],
        overridable: true,
    },
    Table {
        list: "targets",
        key: "metric",
        zh: "目标",
        en: "target",
        required: &["metric", "year", "at_least", "unit", "zh", "en", "cite"],
        overridable: false,
    },
    Table { list: "units", key: "zh", zh: "责任单位", en: "unit", required: &["zh", "en"], overridable: false },
    Table {
        list: "removed",
        key: "indicator",
        zh: "删去的指标",
        en: "removal",
        required: &["indicator", "cite"],
        overridable: false,
    },
];

/// The fields a citation (`cite`, `points_cite`) cannot do without, and those a text in two
/// languages (`title`, `issuer`, `note`, `help`, `action`) cannot.
const CITE_REQUIRED: &[&str] = &["source", "confidence"];
const TEXTS: &[&str] = &["title", "issuer", "note", "help", "action"];

/// An item of a list as written, its types unchecked: each field with its span.
type LooseItem = BTreeMap<String, Sp<toml::Value>>;

/// A standard file read without checking its types, to name every missing field at once.
#[derive(serde::Deserialize)]
struct Loose {
    #[serde(default)]
    standard: Option<Sp<LooseItem>>,
    #[serde(default)]
    sources: Vec<Sp<LooseItem>>,
    #[serde(default)]
    params: Vec<Sp<LooseItem>>,
    #[serde(default)]
    classes: Vec<Sp<LooseItem>>,
    #[serde(default)]
    forms: Vec<Sp<LooseItem>>,
    #[serde(default)]
    categories: Vec<Sp<LooseItem>>,
    #[serde(default)]
    groups: Vec<Sp<LooseItem>>,
    #[serde(default)]
    figures: Vec<Sp<LooseItem>>,
    #[serde(default)]
    dimensions: Vec<Sp<LooseItem>>,
    #[serde(default)]
    indicators: Vec<Sp<LooseItem>>,
    #[serde(default)]
    grades: Vec<Sp<LooseItem>>,
    #[serde(default)]
    targets: Vec<Sp<LooseItem>>,
    #[serde(default)]
    units: Vec<Sp<LooseItem>>,
    #[serde(default)]
    removed: Vec<Sp<LooseItem>>,
}

impl Loose {
    fn list(&self, name: &str) -> &[Sp<LooseItem>] {
        match name {
            "standard" => self.standard.as_slice(),
            "sources" => &self.sources,
            "params" => &self.params,
            "classes" => &self.classes,
            "forms" => &self.forms,
            "categories" => &self.categories,
            "groups" => &self.groups,
            "figures" => &self.figures,
            "dimensions" => &self.dimensions,
            "indicators" => &self.indicators,
            "grades" => &self.grades,
            "targets" => &self.targets,
            "units" => &self.units,
            "removed" => &self.removed,
            _ => &[],
        }
    }
}

/// `cite.source`, `cite.confidence` as `source、confidence`.
fn within_fields(missing: &[String]) -> String {
    missing.iter().map(|f| f.rsplit('.').next().unwrap_or(f)).collect::<Vec<_>>().join("、")
}

/// A field's value as written in TOML, when it is short (text, number, true/false, a list of
/// those); a table is not shown.
fn shown(v: &toml::Value) -> Option<String> {
    Some(match v {
        toml::Value::String(s) => format!("{s:?}"),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => num(*f),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(a) => format!("[{}]", a.iter().map(shown).collect::<Option<Vec<_>>>()?.join(", ")),
        toml::Value::Table(_) => return None,
    })
}

/// The item a parent standard (or its parent …) has in `list` under `id`: the parent's id, the
/// file its author can copy the item from, and the item.
fn parent_item(
    extends: Option<&str>,
    table: &Table,
    id: &str,
    parent: &dyn Fn(&str) -> Option<(String, String)>,
) -> Option<(String, String, String, LooseItem)> {
    let mut next = extends.map(str::to_string);
    let mut seen: Vec<String> = Vec::new();
    while let Some(pid) = next.take() {
        if seen.contains(&pid) || seen.len() > 32 {
            break;
        }
        seen.push(pid.clone());
        let (pname, ptext) = parent(&pid)?;
        let psrc = SourceText::read(&pname, &ptext).ok()?;
        let loose: Loose = toml::from_str(&psrc.toml).ok()?;
        let key = |it: &LooseItem| it.get(table.key).and_then(|v| v.get().as_str().map(str::to_string));
        if let Some(it) = loose.list(table.list).iter().find(|it| key(it.get()).as_deref() == Some(id)) {
            let builtin = super::builtin(&pid).is_some_and(|b| b.file == pname)
                && super::builtin_text(&pid) == Some(ptext.as_str());
            let label =
                if builtin { format!("内置标准 {pid}") } else { format!("上级标准 {pid}（{pname}）") };
            // The file to copy the item from (the one that has it, maybe a parent's parent):
            // `lifecircle show` prints the resolved model, which is not the file format.
            return Some((label, pname, pid, it.get().clone()));
        }
        next = loose
            .standard
            .as_ref()
            .and_then(|s| s.get().get("extends").and_then(|v| v.get().as_str().map(str::to_string)));
    }
    None
}

/// Every item of the file that lacks a field it cannot do without, each named once with all
/// it lacks (serde stops at the first). An item with `override = true` is told that an override
/// replaces the whole item: the fields to write, with the parent's values, the parent's
/// optional ones that would be dropped, and how to see the parent's item. Empty when the file
/// does not read even without its types (serde's diagnostic stands then).
fn incomplete_items(
    src: &SourceText,
    text: &str,
    parent: &dyn Fn(&str) -> Option<(String, String)>,
) -> Vec<(Diagnostic, Range<usize>)> {
    let Ok(loose) = toml::from_str::<Loose>(text) else { return Vec::new() };
    if loose.standard.is_none() {
        return Vec::new();
    }
    let extends = loose.standard.as_ref().and_then(|s| s.get().get("extends")).and_then(|v| v.get().as_str());
    let mut out = Vec::new();
    for t in TABLES {
        for (n, item) in loose.list(t.list).iter().enumerate() {
            let fields = item.get();
            let mut missing: Vec<String> =
                t.required.iter().filter(|f| !fields.contains_key(**f)).map(|f| f.to_string()).collect();
            for (k, v) in fields {
                let needs: &[&str] = if k == "cite" || k == "points_cite" {
                    CITE_REQUIRED
                } else if TEXTS.contains(&k.as_str()) {
                    &["zh", "en"]
                } else {
                    continue;
                };
                if let toml::Value::Table(tb) = v.get() {
                    missing.extend(needs.iter().filter(|f| !tb.contains_key(**f)).map(|f| format!("{k}.{f}")));
                }
            }
            if missing.is_empty() {
                continue;
            }
            // Said where it is missing: in one field's table (a `cite` without its `source`) at
            // that table, else at the item.
            let within: Vec<&str> = missing.iter().map(|f| f.split('.').next().unwrap_or(f)).collect();
            let span = match within.first() {
                Some(first) if missing.iter().all(|f| f.contains('.')) && within.iter().all(|w| w == first) => {
                    fields.get(*first).map_or(item.span(), |v| v.span())
                }
                _ => item.span(),
            };
            let id = fields.get(t.key).and_then(|v| v.get().as_str()).map(str::to_string);
            let (name_zh, name_en) = match &id {
                Some(id) => (format!("{} {id}", t.zh), format!("{} `{id}`", t.en)),
                None => (format!("第 {} 个{}", n + 1, t.zh), format!("{} number {}", t.en, n + 1)),
            };
            let only_cite =
                missing.iter().all(|f| f == "cite" || f.starts_with("cite.") || f.starts_with("points_cite."));
            let code = if only_cite { DiagCode::MissingCitation } else { DiagCode::Syntax };
            let overrides = t.overridable && fields.get("override").is_some_and(|v| v.get().as_bool() == Some(true));
            let list_en = missing.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
            let s = if missing.len() == 1 { "" } else { "s" };
            let (zh, en) = if overrides {
                let from = id.as_deref().and_then(|id| parent_item(extends, t, id, parent));
                let theirs = |f: &str| from.as_ref().and_then(|(.., it)| it.get(f)).and_then(|v| shown(v.get()));
                let fields_zh: Vec<String> = missing
                    .iter()
                    .map(|f| match theirs(f) {
                        Some(v) => format!("{f}（上级为 {v}）"),
                        None => f.clone(),
                    })
                    .collect();
                let fields_en: Vec<String> = missing
                    .iter()
                    .map(|f| match theirs(f) {
                        Some(v) => format!("`{f}` (the parent's: {v})"),
                        None => format!("`{f}`"),
                    })
                    .collect();
                // The parent's optional fields this item does not write: dropped with it.
                let dropped: Vec<String> = from
                    .as_ref()
                    .map(|(.., it)| {
                        it.iter()
                            .filter(|(k, _)| {
                                !t.required.contains(&k.as_str())
                                    && k.as_str() != "override"
                                    && !fields.contains_key(*k)
                            })
                            .map(|(k, v)| match shown(v.get()) {
                                Some(v) => format!("{k} = {v}"),
                                None => k.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let (whose_zh, whose_en, see_zh, see_en) = match &from {
                    Some((label, show, pid, _)) => (
                        label.clone(),
                        format!("the parent {pid}"),
                        format!("上级的这一项原文见 {show}，可整项照抄后再改。"),
                        format!(" Copy the parent's item whole from {show}, then change it."),
                    ),
                    None => ("上级标准".to_string(), "the parent".to_string(), String::new(), String::new()),
                };
                let (drop_zh, drop_en) = if dropped.is_empty() {
                    (String::new(), String::new())
                } else {
                    (
                        format!("上级的 {} 若不照写，也会丢掉。", dropped.join("、")),
                        format!(" The parent's {} would be dropped unless written too.", dropped.join(", ")),
                    )
                };
                (
                    format!(
                        "{name_zh} 写了 override = true：override 会整体替换{whose_zh} 的同名{}，不是只改写写出的字段，\
                         所以还须写 {}。{drop_zh}{see_zh}",
                        t.zh,
                        fields_zh.join("、")
                    ),
                    format!(
                        "missing field{s} {list_en} in {name_en}: `override = true` replaces the whole {} of {whose_en}, \
                         not just the fields written, so it needs {} too.{drop_en}{see_en}",
                        t.en,
                        fields_en.join(", ")
                    ),
                )
            } else if missing.iter().all(|f| f == "cite.source" || f == "cite.confidence") {
                (
                    format!(
                        "{name_zh} 的出处 cite 缺少 {}：出处须写 source（[[sources]] 中的来源编号）与 confidence（verified 或 provisional）",
                        within_fields(&missing)
                    ),
                    format!(
                        "missing field{s} {list_en} in {name_en}: a citation needs `source` (an id of `[[sources]]`) and `confidence` (verified or provisional)"
                    ),
                )
            } else if only_cite && missing == ["cite"] {
                (
                    format!("{name_zh} 缺少出处：每一项都须写出处 cite = {{ source, clause, confidence }}"),
                    format!(
                        "missing field `cite` in {name_en}: every item needs `cite = {{ source, clause, confidence }}`"
                    ),
                )
            } else {
                (
                    format!("{name_zh} 缺少必填字段 {}（{}的字段表见 standards/README.md）", missing.join("、"), t.zh),
                    format!("missing field{s} {list_en} in {name_en} (field tables: standards/README.md)"),
                )
            };
            let d = diagnostic(src, Some(span), code, id.as_deref(), en);
            out.push((Diagnostic { zh: Some(zh), ..d }, item.span()));
        }
    }
    out
}

/// What a list's items are called: English, Chinese, and whether a child may replace a
/// parent's item (`override = true`).
#[derive(Clone, Copy)]
struct What {
    en: &'static str,
    zh: &'static str,
    overridable: bool,
}

const SOURCE: What = What { en: "source", zh: "来源", overridable: false };
const PARAM: What = What { en: "param", zh: "参数", overridable: true };
const CLASS: What = What { en: "class", zh: "类别", overridable: false };
const FORM: What = What { en: "form", zh: "形态", overridable: false };
const CATEGORY: What = What { en: "category", zh: "业态", overridable: false };
const GROUP: What = What { en: "group", zh: "业态组", overridable: false };
const FIGURE: What = What { en: "figure", zh: "数据项", overridable: false };
const GRADE: What = What { en: "grade", zh: "等级", overridable: true };
const DIMENSION: What = What { en: "dimension", zh: "维度", overridable: true };
const INDICATOR: What = What { en: "indicator", zh: "指标", overridable: true };

/// Items of one list across the chain, with overrides applied: (file index, item).
fn merge<T: Clone>(
    cx: &mut Cx,
    what: What,
    list: impl Fn(&RawStandard) -> &Vec<T>,
    key: impl Fn(&T) -> &Sp<String>,
    is_override: impl Fn(&T) -> bool,
) -> Vec<(usize, T)> {
    let mut out: Vec<(usize, T)> = Vec::new();
    let mut pending = Vec::new();
    for fi in 0..cx.files.len() {
        let items = list(&cx.files[fi].raw).clone();
        let mut in_this_file: BTreeMap<String, usize> = BTreeMap::new();
        for item in items {
            let k = key(&item).clone();
            let id = k.get().clone();
            if let Some(first) = in_this_file.get(&id) {
                let (line, _) = cx.files[fi].src.line_col(*first);
                pending.push((
                    fi,
                    k.span(),
                    DiagCode::DuplicateId,
                    id.clone(),
                    format!("本文件第{line}行已有{} `{id}`，请给这一项改用新编号", what.zh),
                    format!(
                        "duplicate {} id `{id}` in this file (first at line {line}); give this one a new id",
                        what.en
                    ),
                ));
                continue;
            }
            in_this_file.insert(id.clone(), k.span().start);
            match out.iter().position(|(_, o)| key(o).get() == &id) {
                Some(pos) if is_override(&item) => out[pos] = (fi, item),
                Some(pos) => {
                    let (pz, pe) = cx.whose(out[pos].0);
                    let (zh, en) = if what.overridable {
                        (
                            format!(
                                "{pz} 已有{w} `{id}`：要改写它，请在这一项加 override = true（override 会整体替换上级的这一项，须写出全部字段）；要新增，请换一个编号",
                                w = what.zh
                            ),
                            format!(
                                "duplicate {} id `{id}` (already defined in {pe}; write `override = true` to replace it, rewriting the whole item, or give this one a new id)",
                                what.en
                            ),
                        )
                    } else {
                        (
                            format!("{pz} 已有{w} `{id}`：子标准只能新增{w}，不能重定义，请换一个编号", w = what.zh),
                            format!(
                                "duplicate {} id `{id}` (already defined in {pe}; a child adds {}s but cannot redefine them: give this one a new id)",
                                what.en, what.en
                            ),
                        )
                    };
                    pending.push((fi, k.span(), DiagCode::DuplicateId, id.clone(), zh, en));
                }
                None if is_override(&item) => {
                    let ids: Vec<&str> = out.iter().map(|(_, o)| key(o).get().as_str()).collect();
                    let (nz, ne) = near(&id, &ids);
                    pending.push((
                        fi,
                        k.span(),
                        DiagCode::OverrideUnknown,
                        id.clone(),
                        format!(
                            "写了 override = true，但上级标准中没有{} `{id}`{nz}：要改写上级的条目，请核对编号；要新增，请删去 override = true",
                            what.zh
                        ),
                        format!("`override = true` but no parent standard defines {} `{id}`{ne}", what.en),
                    ));
                }
                None => out.push((fi, item)),
            }
        }
    }
    for (fi, span, code, item, zh, en) in pending {
        cx.at(fi, Some(span), code, Some(&item), zh, en);
    }
    out
}

fn text(zh: &str, en: &str) -> Text {
    Text::new(zh, en)
}

fn check_code(cx: &mut Cx, fi: usize, code: &Sp<String>, what: &str, upper_ok: bool) {
    let c = code.get();
    let ok = !c.is_empty()
        && c.chars().all(|ch| {
            ch.is_ascii_lowercase()
                || ch.is_ascii_digit()
                || matches!(ch, '_' | '-' | '.')
                || (upper_ok && ch.is_ascii_uppercase())
        });
    if !ok {
        let shown = if c.is_empty() { "（空）".to_string() } else { format!("“{c}”") };
        cx.at(
            fi,
            Some(code.span()),
            DiagCode::BadValue,
            Some(c),
            format!(
                "{what} 的编号{shown}只能用英文字母{}、数字和 _ - .（不能有中文、空格或其他符号）",
                if upper_ok { "" } else { "（小写）" }
            ),
            format!("{what} id `{c}` must be ASCII letters, digits, '_', '-' or '.'"),
        );
    }
}

fn check_unit(cx: &mut Cx, fi: usize, unit: &Sp<String>, item: &str) {
    let u = unit.get();
    if !UNITS.contains(&u.as_str()) {
        let (nz, ne) = near(u, UNITS);
        cx.at(
            fi,
            Some(unit.span()),
            DiagCode::UnknownUnit,
            Some(item),
            format!("不认识的单位“{u}”{nz}（可用的单位：{}）", UNITS.join("、")),
            format!("unknown unit `{u}`{ne} (known: {})", UNITS.join(", ")),
        );
    }
}

/// A date of the file, or `None` (reported) when it is not one.
fn date(cx: &mut Cx, fi: usize, d: &Sp<String>, item: &str, field: &str) -> Option<Date> {
    match d.get().parse::<Date>() {
        Ok(d) => Some(d),
        Err(e) => {
            let why = match e.reason {
                "wrong shape" => "写法不对",
                "not a number" => "年、月、日须为数字",
                "no such day" => "没有这一天",
                _ => "无效",
            };
            cx.at(
                fi,
                Some(d.span()),
                DiagCode::BadValue,
                Some(item),
                format!("{field} 的日期“{}”{why}：日期须写成 YYYY-MM-DD，如 2027-01-01", e.text),
                format!("{field}: {e}"),
            );
            None
        }
    }
}

/// A placeholder where a 文号 belongs (`温商务〔2027〕待定`, `无`, `TBD`): the document is not issued.
fn placeholder_document(doc: &str) -> bool {
    let d = doc.trim();
    const MARKS: [&str; 10] = ["待定", "待印发", "待发", "暂无", "未定", "TBD", "tbd", "XXX", "xxx", "××"];
    d.is_empty() || ["无", "-", "—", "〔〕"].contains(&d) || d.contains("〔〕") || MARKS.iter().any(|m| d.contains(m))
}

fn cite(cx: &mut Cx, fi: usize, c: &RawCite, sources: &BTreeSet<String>, item: &str) -> Cite {
    let src = c.source.get().trim();
    if src.is_empty() {
        cx.at(
            fi,
            Some(c.source.span()),
            DiagCode::MissingCitation,
            Some(item),
            "出处的 source 是空的：请写 [[sources]] 中某个来源的编号".into(),
            "citation has an empty source: name an id of `[[sources]]`".into(),
        );
    } else if !sources.contains(src) {
        // The sources of this file first: the one meant is most likely among them.
        let own: Vec<&str> = cx.files[fi].raw.sources.iter().map(|s| s.id.get().as_str()).collect();
        let rest: Vec<&str> = sources.iter().map(String::as_str).filter(|s| !own.contains(s)).collect();
        let ids: Vec<&str> = own.into_iter().chain(rest).collect();
        let (nz, ne) = near(src, &ids);
        let (lz, le) = listed(&ids);
        cx.at(
            fi,
            Some(c.source.span()),
            DiagCode::UnknownReference,
            Some(item),
            format!("出处引用的来源 `{src}` 未定义{nz}：请在 [[sources]] 中添加这个来源，或改用已有的来源（{lz}）"),
            format!("citation names unknown source `{src}`{ne} (sources: {le})"),
        );
    }
    let confidence = match c.confidence.get().as_str() {
        "verified" => Confidence::Verified,
        "provisional" => Confidence::Provisional,
        other => {
            let (_, ne) = near(other, &["verified", "provisional"]);
            cx.at(
                fi,
                Some(c.confidence.span()),
                DiagCode::BadValue,
                Some(item),
                not_allowed_zh("出处可信度", "confidence", other, &["verified", "provisional"]),
                format!("confidence `{other}` must be `verified` or `provisional`{ne}"),
            );
            Confidence::Provisional
        }
    };
    if let Some(ev) = &c.evidence
        && !["V", "V2", "R", "G", "I"].contains(&ev.as_str())
    {
        cx.at(
            fi,
            Some(c.source.span()),
            DiagCode::BadValue,
            Some(item),
            not_allowed_zh("证据等级", "evidence", ev, &["V", "V2", "R", "G", "I"]),
            format!("evidence `{ev}` must be one of V, V2, R, G, I"),
        );
    }
    let cite = Cite {
        source: src.to_string(),
        clause: c.clause.clone(),
        confidence,
        evidence: c.evidence.clone(),
        reason: c.reason.clone(),
        quote: c.quote.clone(),
    };
    // One rule for every standard, built-in or not (standards/README.md, 官方值与设计值).
    let bad_word = !["verified", "provisional"].contains(&c.confidence.get().as_str());
    match cite.lacks() {
        Some(Lacks::QuoteOrReason) => cx.at(
            fi,
            Some(c.confidence.span()),
            DiagCode::MissingCitation,
            Some(item),
            "标为已核实（confidence = \"verified\"）的值须有依据：请加来源中可逐字找到的原文 quote = \"原文\"，\
             或用 reason 说明为何无法引用原文；若是本项目的设计值或未核实的值，请改为 confidence = \"provisional\" 并写 reason = \"取值理由\""
                .into(),
            "a verified value needs its evidence: add `quote = \"…\"` (words found in the source) or a `reason` saying \
             why there is none; a designed or unchecked value is `confidence = \"provisional\"` with its `reason`"
                .into(),
        ),
        Some(Lacks::Reason) if !bad_word => cx.at(
            fi,
            Some(c.confidence.span()),
            DiagCode::MissingCitation,
            Some(item),
            "暂定值（confidence = \"provisional\"）须用 reason 写明取值理由，如 reason = \"参照……取值\"".into(),
            "a provisional value must give its `reason`".into(),
        ),
        _ => {}
    }
    cite
}

/// A number of the file, checked: finite and at least `min`. Else reported, and `min` (or 0)
/// stands for it.
fn finite(cx: &mut Cx, fi: usize, v: &Sp<f64>, item: &str, what: &str, min: f64) -> f64 {
    let x = *v.get();
    if !x.is_finite() || x < min {
        let (zh, en) = if min == f64::MIN {
            (
                format!("{what} 须为有限的数，不能是 {}", num(x)),
                format!("{what} must be a finite number, not {}", num(x)),
            )
        } else {
            (
                format!("{what} 须为不小于 {} 的数，不能是 {}", num(min), num(x)),
                format!("{what} must be a number ≥ {}, not {}", num(min), num(x)),
            )
        };
        cx.at(fi, Some(v.span()), DiagCode::BadValue, Some(item), zh, en);
        return min.max(0.0);
    }
    x
}

/// The plausible range of a parameter's value, with why: the parameters scoring uses by name
/// have a physical meaning, so that a slip (10000 m/min, 0.001) is refused rather than scored.
/// The bounds are this project's design, said so in the message.
fn param_range(id: &str, unit: &str) -> (f64, f64, &'static str, &'static str) {
    match id {
        WALKING_SPEED | ELDERLY_WALKING_SPEED => (
            30.0,
            120.0,
            "约 0.5 至 2 米/秒，步行的合理范围，为本项目设计的界限",
            "about 0.5 to 2 m/s, a plausible walk: a bound designed by this project",
        ),
        DETOUR_FACTOR => (
            1.0,
            2.5,
            "沿路步行不会短于直线，故不小于 1；上限 2.5 为本项目设计的界限",
            "a walk is never shorter than the straight line, so at least 1; the upper 2.5 is a bound designed by this project",
        ),
        _ if unit == "fraction" => (0.0, 1.0, "比例写成 0 到 1 之间的小数", "a share is a fraction from 0 to 1"),
        _ => (
            0.0,
            f64::INFINITY,
            "长度、时间、面积、人数与个数都不能为负",
            "lengths, times, areas and counts are never negative",
        ),
    }
}

fn build(cx: &mut Cx) -> Standard {
    let last = cx.files.len() - 1;
    let origin = |cx: &Cx, fi: usize| cx.files[fi].raw.standard.id.get().clone();

    // Sources first: citations everywhere refer to them.
    let sources_raw = merge(cx, SOURCE, |r| &r.sources, |s| &s.id, |_| false);
    let source_ids: BTreeSet<String> = sources_raw.iter().map(|(_, s)| s.id.get().clone()).collect();
    let mut sources = Vec::new();
    for (fi, s) in &sources_raw {
        check_code(cx, *fi, &s.id, "source", false);
        let d = date(cx, *fi, &s.date, s.id.get(), "date").unwrap_or_else(epoch);
        sources.push(Source {
            id: s.id.get().clone(),
            title: s.title.clone(),
            number: s.number.clone(),
            issuer: s.issuer.clone(),
            date: d,
            url: s.url.clone(),
            note: s.note.clone(),
            origin: origin(cx, *fi),
        });
    }

    // Metadata of the file being resolved (the last in the chain).
    let meta = cx.files[last].raw.standard.clone();
    let id = meta.id.get().clone();
    check_code(cx, last, &meta.id, "standard", false);
    let issued = date(cx, last, &meta.issued, &id, "issued");
    let effective = date(cx, last, &meta.effective, &id, "effective");
    let ends = meta.ends.as_ref().and_then(|e| date(cx, last, e, &id, "ends"));
    if let (Some(i), Some(e)) = (issued, effective)
        && i > e
    {
        cx.at(
            last,
            Some(meta.issued.span()),
            DiagCode::BadValue,
            Some(&id),
            format!("印发日期 issued（{i}）晚于生效日期 effective（{e}）：文件先印发、后生效，请核对这两个日期"),
            format!(
                "issued {i} after it takes effect ({e}): a document is issued before it takes effect; check both dates"
            ),
        );
    }
    if let (Some(e), Some(eff), Some(sp)) = (ends, effective, &meta.ends)
        && e < eff
    {
        cx.at(
            last,
            Some(sp.span()),
            DiagCode::BadValue,
            Some(&id),
            format!("失效日期 ends（{e}）早于生效日期 effective（{eff}）"),
            format!("ends {e} before it takes effect ({eff})"),
        );
    }
    let (issued, effective) = (issued.unwrap_or_else(epoch), effective.unwrap_or_else(epoch));
    if meta.status.get() == "official" && placeholder_document(meta.document.get()) {
        let doc = meta.document.get().trim();
        cx.at(
            last,
            Some(meta.document.span()),
            DiagCode::BadValue,
            Some(&id),
            format!(
                "状态写的是正式印发（status = \"official\"），但文号 document 还是占位的“{doc}”：尚未印发的标准请写 \
                 status = \"proposal\"（建议稿）或 \"trial\"（试行），印发后再填上文号、改为 official"
            ),
            format!(
                "status is \"official\" but the document number `{doc}` is a placeholder: a standard not yet issued is \
                 \"proposal\" (or \"trial\"); fill in the number and make it official once it is issued"
            ),
        );
    }
    let level = match meta.level.get().as_str() {
        "national" => Level::National,
        "province" => Level::Province,
        "city" => Level::City,
        "district" => Level::District,
        other => {
            cx.at(
                last,
                Some(meta.level.span()),
                DiagCode::BadValue,
                Some(&id),
                not_allowed_zh("层级", "level", other, &["national", "province", "city", "district"]),
                format!("level `{other}` must be national, province, city or district"),
            );
            Level::National
        }
    };
    if !["official", "trial", "proposal"].contains(&meta.status.get().as_str()) {
        cx.at(
            last,
            Some(meta.status.span()),
            DiagCode::BadValue,
            Some(&id),
            not_allowed_zh("状态", "status", meta.status.get(), &["official", "trial", "proposal"]),
            format!("status `{}` must be official, trial or proposal", meta.status.get()),
        );
    }
    if meta.version.get().trim().is_empty() {
        // An assessment names the standard by id and version (and digest): an empty version
        // would print as `v` and tell two editions apart by digest alone.
        cx.at(
            last,
            Some(meta.version.span()),
            DiagCode::BadValue,
            Some(&id),
            "版本号 version 不能为空（如 \"1.0.0\"）：评分结果要写明所用标准的版本".into(),
            "version must not be empty (for example \"1.0.0\"): assessments name the version they used".into(),
        );
    }
    let meta_cite = cite(cx, last, &meta.cite, &source_ids, &id);
    let lineage = cx
        .files
        .iter()
        .map(|f| StandardRef { id: f.raw.standard.id.get().clone(), version: f.raw.standard.version.get().clone() })
        .collect();

    // Parameters.
    let mut params = Vec::new();
    for (fi, p) in merge(cx, PARAM, |r| &r.params, |p| &p.id, |p| p.override_) {
        check_code(cx, fi, &p.id, "param", false);
        check_unit(cx, fi, &p.unit, p.id.get());
        // One problem per value, at its line: not a number, or out of the plausible range.
        let (lo, hi, why_zh, why_en) = param_range(p.id.get(), p.unit.get());
        let v = *p.value.get();
        let value = if v.is_finite() && (lo..=hi).contains(&v) {
            v
        } else {
            let (pid, unit) = (p.id.get(), p.unit.get());
            let (range_zh, range_en) = if hi.is_finite() {
                (
                    format!("在 {} 到 {} {unit} 之间", num(lo), num(hi)),
                    format!("from {} to {} {unit}", num(lo), num(hi)),
                )
            } else {
                (format!("不小于 {}", num(lo)), format!("at least {}", num(lo)))
            };
            let what = if v.is_finite() { "" } else { "为有限的数，且" };
            cx.at(
                fi,
                Some(p.value.span()),
                DiagCode::BadValue,
                Some(pid),
                format!("参数 {pid} 的值须{what}{range_zh}（{why_zh}），不能是 {}", num(v)),
                format!("param {pid} must be {range_en} ({why_en}), not {}", num(v)),
            );
            lo
        };
        let c = cite(cx, fi, &p.cite, &source_ids, p.id.get());
        params.push(Param {
            id: p.id.get().clone(),
            value,
            unit: p.unit.get().clone(),
            name: text(&p.zh, &p.en),
            cite: c,
            origin: origin(cx, fi),
        });
    }

    // Classes, forms, categories, groups, figures.
    let mut classes = Vec::new();
    for (fi, c) in merge(cx, CLASS, |r| &r.classes, |c| &c.code, |_| false) {
        check_code(cx, fi, &c.code, "class", false);
        let ct = cite(cx, fi, &c.cite, &source_ids, c.code.get());
        classes.push(Class {
            code: c.code.get().clone(),
            name: text(&c.zh, &c.en),
            commercial: c.commercial,
            cite: ct,
            origin: origin(cx, fi),
        });
    }
    let mut forms = Vec::new();
    for (fi, f) in merge(cx, FORM, |r| &r.forms, |f| &f.code, |_| false) {
        check_code(cx, fi, &f.code, "form", false);
        let ct = cite(cx, fi, &f.cite, &source_ids, f.code.get());
        forms.push(Form {
            code: f.code.get().clone(),
            name: text(&f.zh, &f.en),
            note: f.note.as_ref().map(|n| text(&n.zh, &n.en)),
            cite: ct,
            origin: origin(cx, fi),
        });
    }
    let mut categories = Vec::new();
    // Every name a facility's `category` may give (code, Chinese, English, aliases) and the
    // category it means. Compared trimmed and without ASCII case, stricter than
    // `Standard::find_category` (which ignores case for English names only): no two names may
    // be told apart by case alone.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for (fi, c) in merge(cx, CATEGORY, |r| &r.categories, |c| &c.code, |_| false) {
        check_code(cx, fi, &c.code, "category", false);
        let written = [(c.code.get(), c.code.span()), (&c.zh, c.code.span()), (&c.en, c.code.span())]
            .into_iter()
            .chain(c.aliases.iter().map(|a| (a.get(), a.span())));
        for (name, span) in written {
            let key = name.trim().to_ascii_lowercase();
            if key.is_empty() {
                continue;
            }
            match names.get(&key) {
                Some(other) if other != c.code.get() => {
                    let name = name.trim();
                    let zh = format!("“{name}”已是业态 `{other}` 的名称或别名：一个名称只能指一个业态，请删去或改写");
                    let en = format!(
                        "`{name}` is already a name or alias of category `{other}`: a facility written so \
                         would go to whichever comes first; remove or rename it"
                    );
                    cx.at(fi, Some(span), DiagCode::DuplicateId, Some(c.code.get()), zh, en);
                }
                Some(_) => {}
                None => {
                    names.insert(key, c.code.get().clone());
                }
            }
        }
        if !classes.iter().any(|k| &k.code == c.class.get()) {
            let codes: Vec<&str> = classes.iter().map(|k| k.code.as_str()).collect();
            let (zh, en) = unknown_ref(c.class.get(), &codes, "类别 class", "class");
            let zh = format!("业态 {} 的{zh}", c.code.get());
            cx.at(fi, Some(c.class.span()), DiagCode::UnknownReference, Some(c.code.get()), zh, en);
        }
        for tag in &c.osm {
            let ok = tag.get().split_once('=').is_some_and(|(k, v)| !k.is_empty() && !v.is_empty());
            if !ok {
                cx.at(
                    fi,
                    Some(tag.span()),
                    DiagCode::BadValue,
                    Some(c.code.get()),
                    format!("OSM 标签“{}”须写成 键=值 或 键=*（如 shop=convenience）", tag.get()),
                    format!("OSM tag `{}` must be key=value or key=*", tag.get()),
                );
            }
        }
        for code in &c.amap {
            if code.get().len() != 6 || !code.get().bytes().all(|b| b.is_ascii_digit()) {
                cx.at(
                    fi,
                    Some(code.span()),
                    DiagCode::BadValue,
                    Some(c.code.get()),
                    format!("高德分类编码“{}”须为 6 位数字", code.get()),
                    format!("AMap type code `{}` must be 6 digits", code.get()),
                );
            }
        }
        let ct = cite(cx, fi, &c.cite, &source_ids, c.code.get());
        categories.push(Category {
            code: c.code.get().clone(),
            name: text(&c.zh, &c.en),
            class: c.class.get().clone(),
            aliases: c.aliases.iter().map(|a| a.get().clone()).collect(),
            osm: c.osm.iter().map(|t| t.get().clone()).collect(),
            amap: c.amap.iter().map(|t| t.get().clone()).collect(),
            cite: ct,
            origin: origin(cx, fi),
        });
    }
    let mut groups = Vec::new();
    for (fi, g) in merge(cx, GROUP, |r| &r.groups, |g| &g.code, |_| false) {
        check_code(cx, fi, &g.code, "group", false);
        let gc = g.code.get();
        if categories.iter().any(|c| &c.code == gc) {
            cx.at(
                fi,
                Some(g.code.span()),
                DiagCode::DuplicateId,
                Some(gc),
                format!("业态组 {gc} 与业态 {gc} 同名：业态组的编码须与各业态不同，请改名"),
                format!("group `{gc}` shares its code with a category: a group may not; rename it"),
            );
        }
        let codes: Vec<&str> = categories.iter().map(|c| c.code.as_str()).collect();
        for m in &g.any_of {
            if !codes.contains(&m.get().as_str()) {
                let (zh, en) = unknown_ref(m.get(), &codes, "业态", "category");
                cx.at(
                    fi,
                    Some(m.span()),
                    DiagCode::UnknownCategory,
                    Some(gc),
                    format!("业态组 {gc} 的 any_of 中，{zh}"),
                    format!("{en} in group `{gc}`"),
                );
            }
        }
        if g.any_of.is_empty() {
            cx.at(
                fi,
                Some(g.code.span()),
                DiagCode::BadParameter,
                Some(gc),
                format!("业态组 {gc} 的 any_of 至少要列一个业态"),
                "a group needs at least one category in `any_of`".into(),
            );
        }
        let ct = cite(cx, fi, &g.cite, &source_ids, g.code.get());
        groups.push(Group {
            code: g.code.get().clone(),
            name: text(&g.zh, &g.en),
            any_of: g.any_of.iter().map(|m| m.get().clone()).collect(),
            cite: ct,
            origin: origin(cx, fi),
        });
    }
    let mut figures = Vec::new();
    for (fi, f) in merge(cx, FIGURE, |r| &r.figures, |f| &f.key, |_| false) {
        check_code(cx, fi, &f.key, "figure", false);
        check_unit(cx, fi, &f.unit, f.key.get());
        let ct = cite(cx, fi, &f.cite, &source_ids, f.key.get());
        figures.push(Figure {
            key: f.key.get().clone(),
            name: text(&f.zh, &f.en),
            unit: f.unit.get().clone(),
            help: f.help.as_ref().map(|h| text(&h.zh, &h.en)),
            cite: ct,
            origin: origin(cx, fi),
        });
    }

    // Grades (before indicators: caps refer to them).
    let mut grades = Vec::new();
    let grades_raw = merge(cx, GRADE, |r| &r.grades, |g| &g.id, |g| g.override_);
    for (fi, g) in &grades_raw {
        check_code(cx, *fi, &g.id, "grade", false);
        let min = finite(cx, *fi, &g.min_points, g.id.get(), "min_points", 0.0);
        let below = g.below_points.as_ref().map(|b| finite(cx, *fi, b, g.id.get(), "below_points", 0.0));
        let ct = cite(cx, *fi, &g.cite, &source_ids, g.id.get());
        grades.push(Grade {
            id: g.id.get().clone(),
            name: text(&g.zh, &g.en),
            stars: g.stars,
            min_points: min,
            below_points: below,
            cite: ct,
            origin: origin(cx, *fi),
        });
    }
    grades.sort_by(|a, b| a.min_points.total_cmp(&b.min_points));
    for w in 0..grades.len() {
        let a = &grades[w];
        let (fi, span) = grades_raw
            .iter()
            .find(|(_, g)| g.id.get() == &a.id)
            .map(|(fi, g)| (*fi, g.min_points.span()))
            .expect("grade from raw");
        let (aid, amin) = (a.id.clone(), num(a.min_points));
        if let Some(b) = a.below_points
            && b <= a.min_points
        {
            let b = num(b);
            cx.at(
                fi,
                Some(span.clone()),
                DiagCode::OverlappingGrades,
                Some(&aid),
                format!("等级 {aid} 的分数段 [{amin}, {b}) 是空的：below_points（{b}）须大于 min_points（{amin}）"),
                format!("grade band [{amin}, {b}) is empty: below_points must be above min_points"),
            );
        }
        if let Some(next) = grades.get(w + 1) {
            let (nid, nmin) = (next.id.clone(), num(next.min_points));
            let msg = match a.below_points.map(num) {
                None => Some((
                    format!(
                        "等级 {aid} 没有上限（未写 below_points），而等级 {nid} 从 {nmin} 分开始：两段重叠，请给 {aid} 写 below_points = {nmin}"
                    ),
                    format!(
                        "grade `{aid}` has no upper bound but `{nid}` starts at {nmin}: give `{aid}` below_points = {nmin}"
                    ),
                )),
                Some(b) if a.below_points > Some(next.min_points) => Some((
                    format!(
                        "等级 {aid} 的上限 {b}（不含）高于等级 {nid} 的起点 {nmin} 分：两段重叠，请把 {aid} 的 below_points 改为 {nmin}"
                    ),
                    format!("grade `{aid}` (below {b}) overlaps `{nid}` (from {nmin}): make its below_points {nmin}"),
                )),
                Some(b) if a.below_points < Some(next.min_points) => Some((
                    format!(
                        "等级 {aid} 止于 {b} 分（不含），而等级 {nid} 从 {nmin} 分开始：{b} 到 {nmin} 分之间没有等级，\
                         请把 {aid} 的 below_points 改为 {nmin}，或把 {nid} 的 min_points 改为 {b}"
                    ),
                    format!(
                        "grade `{aid}` ends below {b} but `{nid}` starts at {nmin}: a gap; make `{aid}`'s below_points {nmin} or `{nid}`'s min_points {b}"
                    ),
                )),
                _ => None,
            };
            if let Some((zh, en)) = msg {
                cx.at(fi, Some(span), DiagCode::OverlappingGrades, Some(&aid), zh, en);
            }
        }
    }

    // Dimensions and indicators.
    let dims_raw = merge(cx, DIMENSION, |r| &r.dimensions, |d| &d.id, |d| d.override_);
    for (fi, d) in &dims_raw {
        check_code(cx, *fi, &d.id, "dimension", true);
    }
    let std_view = Standard {
        id: id.clone(),
        version: meta.version.get().clone(),
        title: text(&meta.title.zh, &meta.title.en),
        issuer: text(&meta.issuer.zh, &meta.issuer.en),
        document: meta.document.get().clone(),
        issued,
        effective,
        ends,
        level,
        status: meta.status.get().clone(),
        family: meta.family.clone(),
        total_points: 0.0,
        note: meta.note.as_ref().map(|n| text(&n.zh, &n.en)),
        cite: meta_cite,
        lineage,
        sources,
        params,
        classes,
        forms,
        categories,
        groups,
        figures,
        dimensions: Vec::new(),
        indicators: Vec::new(),
        grades,
        targets: Vec::new(),
        units: Vec::new(),
        digest: String::new(),
    };
    let mut standard = std_view;
    let before = cx.diags.len();
    let mut inds_raw = merge(cx, INDICATOR, |r| &r.indicators, |i| &i.id, |i| i.override_);
    remove_indicators(cx, &mut inds_raw, &source_ids);
    // An indicator left out for a mistake already reported (a duplicate id, an override or a
    // removal of nothing) would make the sums below blame the points for it.
    let dropped =
        cx.diags[before..].iter().any(|d| matches!(d.code, DiagCode::DuplicateId | DiagCode::OverrideUnknown));
    let mut indicators = Vec::new();
    for (fi, ri) in &inds_raw {
        if let Some(ind) = indicator(cx, *fi, ri, &standard, &dims_raw, &source_ids) {
            indicators.push(ind);
        }
    }
    let units = units(cx);
    same_units(cx, &inds_raw, &units);
    // The sums are of the points as written, so that an indicator refused for another mistake
    // (`kind = "presense"`) still counts as its author meant; not checked when a points value
    // is itself wrong (reported), and a dimension's not when an indicator names an unknown
    // dimension (reported, and its points belong to the one it meant).
    let pts = |r: &RawIndicator| *r.points.get();
    let bad_points = inds_raw.iter().any(|(_, r)| !(pts(r).is_finite() && pts(r) >= 0.0));
    let unknown_dim = inds_raw.iter().any(|(_, r)| !dims_raw.iter().any(|(_, d)| d.id.get() == r.dimension.get()));
    let mut dimensions = Vec::new();
    for (fi, d) in &dims_raw {
        let members: Vec<(usize, &RawIndicator)> =
            inds_raw.iter().filter(|(_, r)| r.dimension.get() == d.id.get()).map(|(f, r)| (*f, r)).collect();
        let written: f64 = members.iter().map(|(_, r)| pts(r)).sum();
        let sums_hold = !dropped && !bad_points && !unknown_dim;
        // A subtotal that is not a number would pass the comparison below (NaN differs from
        // nothing by more than 1e-9): said at its line, with the sum to write when it is known.
        let declared = match &d.points {
            Some(p) if !p.get().is_finite() => {
                let (did, x) = (d.id.get(), num(*p.get()));
                let (zh, en) = if sums_hold {
                    let w = num(written);
                    (
                        format!(
                            "维度 {did} 的分值小计 points 须为有限的数，不能是 {x}：其指标合计 {w} 分，请写 points = {w}，或删去 points"
                        ),
                        format!(
                            "dimension `{did}`: points must be a finite number, not {x}: its indicators add up to {w}; write points = {w}, or leave points out"
                        ),
                    )
                } else {
                    (
                        format!("维度 {did} 的分值小计 points 须为有限的数，不能是 {x}"),
                        format!("dimension `{did}`: points must be a finite number, not {x}"),
                    )
                };
                cx.at(*fi, Some(p.span()), DiagCode::BadValue, Some(did), zh, en);
                None
            }
            declared => declared.as_ref(),
        };
        if sums_hold
            && let Some(declared) = declared
            && (declared.get() - written).abs() > 1e-9
        {
            dimension_mismatch(cx, *fi, d, *declared.get(), declared.span(), &members, written);
        }
        let sum: f64 = indicators.iter().filter(|i| &i.dimension == d.id.get()).map(|i| i.points).sum();
        dimensions.push(Dimension {
            id: d.id.get().clone(),
            name: text(&d.zh, &d.en),
            points: sum,
            origin: origin(cx, *fi),
        });
    }
    // Order indicators by dimension order, keeping file order within a dimension.
    let dim_pos: BTreeMap<&str, usize> = dimensions.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
    indicators.sort_by_key(|i| dim_pos.get(i.dimension.as_str()).copied().unwrap_or(usize::MAX));
    let sum: f64 = indicators.iter().map(|i| i.points).sum();
    let written: f64 = inds_raw.iter().map(|(_, r)| pts(r)).sum();
    let total = match &meta.total_points {
        // Not a number: no sum is ever "out of NaN" (the comparison below is false for NaN),
        // so it is said here, at its line, and the indicators' sum stands for it.
        Some(t) if !t.get().is_finite() => {
            let x = num(*t.get());
            let (zh, en) = if !dropped && !bad_points {
                let w = num(written);
                (
                    format!("总分 total_points 须为有限的数，不能是 {x}：各指标合计 {w} 分，请写 total_points = {w}"),
                    format!(
                        "total_points must be a finite number, not {x}: the indicators add up to {w}; write total_points = {w}"
                    ),
                )
            } else {
                (
                    format!("总分 total_points 须为有限的数，不能是 {x}"),
                    format!("total_points must be a finite number, not {x}"),
                )
            };
            cx.at(last, Some(t.span()), DiagCode::BadValue, Some(&id), zh, en);
            sum
        }
        Some(t) => {
            let (tp, w) = (num(*t.get()), num(written));
            if !dropped && !bad_points && (t.get() - written).abs() > 1e-9 {
                let zh = if *t.get() < 0.0 {
                    format!("总分 total_points 写的是负数（{tp} 分），而各指标合计 {w} 分：请把 total_points 改为 {w}")
                } else {
                    format!(
                        "总分 total_points 写的是 {tp} 分，而各指标合计 {w} 分：请把 total_points 改为 {w}，或调整指标分值使合计为 {tp} 分"
                    )
                };
                cx.at(
                    last,
                    Some(t.span()),
                    DiagCode::PointsMismatch,
                    Some(&id),
                    zh,
                    format!(
                        "total_points is {tp} but the indicators add up to {w}: make it {w}, or re-weight the indicators"
                    ),
                );
            }
            *t.get()
        }
        None => {
            if !indicators.is_empty() {
                let span = meta.id.span();
                let w = num(written);
                cx.at(
                    last,
                    Some(span),
                    DiagCode::PointsMismatch,
                    Some(&id),
                    format!("缺少总分 total_points（各指标合计 {w} 分）：请在 [standard] 中写 total_points = {w}"),
                    format!(
                        "total_points is missing (the indicators add up to {w}): write total_points = {w} in [standard]"
                    ),
                );
            }
            sum
        }
    };
    // (grades are sorted by min_points: the last one starts highest)
    if let Some(g) = standard.grades.last()
        && g.min_points > total
    {
        // At the grade's min_points when this file writes the grade; for an inherited grade,
        // at this file's total_points (what makes it unreachable here), else its id.
        let (fi, raw) = grades_raw.iter().find(|(_, r)| r.id.get() == &g.id).expect("grade from raw");
        let (span, (wz, we)) = match &meta.total_points {
            _ if *fi == last => (raw.min_points.span(), (String::new(), String::new())),
            Some(t) => (t.span(), cx.whose(*fi)),
            None => (meta.id.span(), cx.whose(*fi)),
        };
        let (wz, we) =
            if wz.is_empty() { (" ".into(), we) } else { (format!("（来自{wz}）"), format!(" (from {we})")) };
        let (gid, top, total) = (g.id.clone(), num(g.min_points), num(total));
        cx.at(
            last,
            Some(span),
            DiagCode::OverlappingGrades,
            Some(&gid),
            format!("等级 {gid}{wz}从 {top} 分起，高于总分 {total} 分：这个等级永远评不上"),
            format!("grade `{gid}`{we} starts at {top}, above the total of {total} points: it can never be reached"),
        );
    }

    // Targets.
    let mut targets = Vec::new();
    for fi in 0..cx.files.len() {
        for t in cx.files[fi].raw.targets.clone() {
            check_unit(cx, fi, &t.unit, t.metric.get());
            let at_least = finite(cx, fi, &t.at_least, t.metric.get(), "at_least", 0.0);
            if t.unit.get() == "fraction" && at_least > 1.0 {
                let (zh, en) = fraction_message(&[at_least]);
                cx.at(fi, Some(t.at_least.span()), DiagCode::BadValue, Some(t.metric.get()), zh, en);
            }
            // The years a 便民生活圈 target can be for: the range of the years a circle can have
            // been built in (input validation, not a standard's number: the first pilots are of
            // 2021, and a year past 2100 is a slip), so that 1927 for 2027 is caught.
            let (from, to) = crate::district::BUILT_YEARS;
            let year = *t.year.get();
            if !u32::try_from(year).is_ok_and(|y| (from..=to).contains(&y)) {
                cx.at(
                    fi,
                    Some(t.year.span()),
                    DiagCode::BadValue,
                    Some(t.metric.get()),
                    format!("目标年份 year = {year} 不是合理的年份（应在 {from} 至 {to} 之间，如 2027）"),
                    format!("target year {year} is not a plausible year ({from} to {to})"),
                );
            }
            let ct = cite(cx, fi, &t.cite, &source_ids, t.metric.get());
            targets.push(DistrictTarget {
                metric: t.metric.get().clone(),
                year: *t.year.get(),
                at_least,
                unit: t.unit.get().clone(),
                name: text(&t.zh, &t.en),
                cite: ct,
                origin: origin(cx, fi),
            });
        }
    }

    standard.total_points = total;
    standard.dimensions = dimensions;
    standard.indicators = indicators;
    standard.targets = targets;
    standard.units = units;
    standard.digest = crate::score::standard_digest(&standard);
    standard
}

/// A dimension whose declared points (`[[dimensions]] points`) are not the sum of its
/// indicators' (`written`). Declared in the file being resolved: said there. Declared by a parent
/// (whose file the author of a child may not have, a built-in one): said at what the latest file
/// changed in that dimension (the first of its indicators there), naming whose declaration it is.
/// Either way with the dimension's indicators and their points, and how to fix it.
fn dimension_mismatch(
    cx: &mut Cx,
    fi: usize,
    d: &RawDimension,
    declared: f64,
    declared_at: Range<usize>,
    members: &[(usize, &RawIndicator)],
    written: f64,
) {
    let last = cx.files.len() - 1;
    let (did, dec, sum) = (d.id.get().as_str(), num(declared), num(written));
    let mut sorted: Vec<&(usize, &RawIndicator)> = members.iter().collect();
    sorted.sort_by(|a, b| a.1.id.get().cmp(b.1.id.get()));
    let own = |f: usize| f == last && fi != last;
    let list_zh: Vec<String> = sorted
        .iter()
        .map(|(f, r)| format!("{} {} 分{}", r.id.get(), num(*r.points.get()), if own(*f) { "（本文件）" } else { "" }))
        .collect();
    let list_en: Vec<String> = sorted
        .iter()
        .map(|(f, r)| format!("{} {}{}", r.id.get(), num(*r.points.get()), if own(*f) { " (this file)" } else { "" }))
        .collect();
    let (list_zh, list_en) = if sorted.is_empty() {
        ("没有指标".to_string(), "no indicators".to_string())
    } else {
        (list_zh.join("、"), list_en.join(", "))
    };
    if fi == last {
        let zh = if declared < 0.0 {
            format!(
                "维度 {did} 声明的分值为负数（{dec} 分），而其指标合计 {sum} 分（{list_zh}）：请把 points 改为 {sum}"
            )
        } else {
            format!(
                "维度 {did} 声明 {dec} 分，而其指标合计 {sum} 分（{list_zh}）：请把 points 改为 {sum}，或调整指标分值使合计为 {dec} 分"
            )
        };
        let en = if declared < 0.0 {
            format!(
                "dimension declares {dec} points but its indicators add up to {sum} ({list_en}): make its points {sum}"
            )
        } else {
            format!(
                "dimension declares {dec} points but its indicators add up to {sum} ({list_en}): make its points {sum}, or re-weight its indicators to add up to {dec}"
            )
        };
        cx.at(fi, Some(declared_at), DiagCode::PointsMismatch, Some(did), zh, en);
        return;
    }
    let (pz, pe) = cx.whose(fi);
    let (where_zh, where_en) = if cx.is_builtin(fi) {
        let pid = cx.files[fi].raw.standard.id.get();
        (format!("（可用 `lifecircle show {pid}` 查看）"), format!(" (see `lifecircle show {pid}`)"))
    } else {
        let (name, (line, _)) = (&cx.files[fi].src.name, cx.files[fi].src.line_col(declared_at.start));
        (format!("（{name} 第{line}行）"), format!(" ({name} line {line})"))
    };
    // Where this chain last changed the dimension: the latest file with one of its indicators.
    let later = members.iter().map(|(f, _)| *f).filter(|f| *f > fi).max();
    let (at_file, span) = match later {
        Some(lf) => (lf, members.iter().find(|(f, _)| *f == lf).map(|(_, r)| r.points.span())),
        None => (last, cx.files[last].raw.standard.extends.as_ref().map(|e| e.span())),
    };
    let (dzh, den) = (&d.zh, &d.en);
    let zh = format!(
        "维度 {did} 的分值由{pz} 声明为 {dec} 分{where_zh}，而合并后其指标合计 {sum} 分：{list_zh}。\
         改法：调整本维度指标的分值，使合计回到 {dec} 分；或在本文件加一项 [[dimensions]]，写 id = \"{did}\"、\
         zh = \"{dzh}\"、en = \"{den}\"、points = {sum}、override = true（总分 total_points 随之改变）"
    );
    let en = format!(
        "dimension `{did}` is declared {dec} points by {pe}{where_en}, but its indicators now add up to {sum}: {list_en}. \
         Re-weight them to add up to {dec} again, or add to this file a [[dimensions]] item with id = \"{did}\", its zh \
         and en, points = {sum} and override = true (total_points changes with it)"
    );
    cx.at(at_file, span, DiagCode::PointsMismatch, Some(did), zh, en);
}

/// Drop the indicators each file's `[[removed]]` names, in chain order: each must be an
/// indicator of a parent (as merged so far), not one the same file writes.
fn remove_indicators(cx: &mut Cx, inds: &mut Vec<(usize, RawIndicator)>, sources: &BTreeSet<String>) {
    for fi in 0..cx.files.len() {
        // The ids this file removed so far, with the line of each.
        let mut done: Vec<(String, u32)> = Vec::new();
        for r in cx.files[fi].raw.removed.clone() {
            let id = r.indicator.get().trim().to_string();
            cite(cx, fi, &r.cite, sources, &id);
            if let Some((_, line)) = done.iter().find(|(d, _)| *d == id) {
                cx.at(
                    fi,
                    Some(r.indicator.span()),
                    DiagCode::DuplicateId,
                    Some(&id),
                    format!("本文件第{line}行已删去指标 `{id}`，请删去重复的一条"),
                    format!("indicator `{id}` is already removed at line {line} of this file: delete the repeat"),
                );
                continue;
            }
            done.push((id.clone(), cx.files[fi].src.line_col(r.indicator.span().start).0));
            let own = inds.iter().any(|(f, i)| *f == fi && i.id.get() == &id);
            let inherited = (0..fi).any(|pf| cx.files[pf].raw.indicators.iter().any(|i| i.id.get() == &id));
            // A later file overrode what this one removes: the mistake is the later file's.
            if inherited && let Some((later, item)) = inds.iter().find(|(f, i)| *f > fi && i.id.get() == &id) {
                let (later, span) = (*later, item.id.span());
                let name = cx.files[fi].src.name.clone();
                cx.at(
                    later,
                    Some(span),
                    DiagCode::OverrideUnknown,
                    Some(&id),
                    format!("指标 `{id}` 已被上级标准 {name} 删去，下级标准不能再改写（override）或恢复它"),
                    format!(
                        "indicator `{id}` is removed by the parent {name}: a child cannot override it or bring it back"
                    ),
                );
                // Removed all the same, so that the totals say nothing more about it.
                inds.retain(|(_, i)| i.id.get() != &id);
                continue;
            }
            let (code, zh, en) = match inds.iter().position(|(f, i)| *f < fi && i.id.get() == &id) {
                Some(pos) if !own => {
                    inds.remove(pos);
                    continue;
                }
                _ if own && inherited => (
                    DiagCode::DuplicateId,
                    format!("本文件既改写（override）又删去了指标 `{id}`，请只留一处"),
                    format!("indicator `{id}` is both overridden and removed in this file: keep one"),
                ),
                _ if own => (
                    DiagCode::OverrideUnknown,
                    format!("指标 `{id}` 是本文件自己写的，直接删掉那一条即可"),
                    format!("indicator `{id}` is this file's own: delete it instead of removing it"),
                ),
                _ => {
                    let ids: Vec<&str> =
                        inds.iter().filter(|(f, _)| *f < fi).map(|(_, i)| i.id.get().as_str()).collect();
                    let (nz, ne) = near(&id, &ids);
                    (
                        DiagCode::OverrideUnknown,
                        format!("上级标准中没有指标 `{id}`{nz}，无从删去"),
                        format!("no parent standard defines indicator `{id}` to remove{ne}"),
                    )
                }
            };
            cx.at(fi, Some(r.indicator.span()), code, Some(&id), zh, en);
        }
    }
}

/// The `[[units]]` of every file, parents first; a child's entry replaces its parent's of the
/// same Chinese name.
fn units(cx: &mut Cx) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for fi in 0..cx.files.len() {
        let list = cx.files[fi].raw.units.clone();
        let mut seen: Vec<&str> = Vec::new();
        for u in &list {
            let (zh, en) = (u.zh.get().trim(), u.en.get().trim());
            if zh.is_empty() || en.is_empty() || zh.ends_with('*') {
                let msg = "a unit needs its Chinese name (without the lead mark `*`) and its English name".to_string();
                let zh_msg = format!("责任单位“{zh}”须写中文名 zh（不带牵头标记 *）与英文名 en");
                cx.at(fi, Some(u.zh.span()), DiagCode::BadValue, Some(zh), zh_msg, msg);
            } else if seen.contains(&zh) {
                cx.at(
                    fi,
                    Some(u.zh.span()),
                    DiagCode::DuplicateId,
                    Some(zh),
                    format!("责任单位“{zh}”在本文件的 [[units]] 中写了两次，请删去一条"),
                    format!("unit `{zh}` is listed twice"),
                );
            } else {
                seen.push(zh);
                match out.iter_mut().find(|x| x.zh == zh) {
                    Some(x) => x.en = en.to_string(),
                    None => out.push(Unit { zh: zh.to_string(), en: en.to_string() }),
                }
            }
        }
    }
    out
}

/// Responsible units written two ways, e.g. the plan's own `新区建设局〈区住建局>` beside
/// `新区建设局〈区住建局〉`: the gap report groups by the exact name, so one unit would get two
/// lists. Names are compared without spaces, the lead mark `*`, and with ASCII and full-width
/// brackets and parentheses taken as one. And when a file names units in English
/// (`[[units]]`), every responsible unit of its own indicators must be among the standard's,
/// or its English reports would mix in a Chinese name (a child of such a standard that lists
/// none of its own may add units: they show in Chinese).
fn same_units(cx: &mut Cx, inds: &[(usize, RawIndicator)], units: &[Unit]) {
    let mut unnamed: Vec<&str> = Vec::new();
    fn key(u: &str) -> String {
        u.trim_end_matches('*')
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '<' | '＜' | '⟨' => '〈',
                '>' | '＞' | '⟩' => '〉',
                '(' => '（',
                ')' => '）',
                c => c,
            })
            .collect()
    }
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (fi, ri) in inds {
        for u in &ri.responsible {
            let name = u.trim().trim_end_matches('*').trim();
            if !cx.files[*fi].raw.units.is_empty()
                && !name.is_empty()
                && !units.iter().any(|x| x.zh == name)
                && !unnamed.contains(&name)
            {
                unnamed.push(name);
                let msg = format!("responsible unit `{name}` has no English name: add it to `[[units]]`");
                let zh = format!("责任单位“{name}”没有英文名：请在 [[units]] 中补上");
                cx.at(*fi, Some(ri.id.span()), DiagCode::BadValue, Some(ri.id.get()), zh, msg);
            }
            let k = key(u);
            match seen.iter().find(|(sk, _)| *sk == k) {
                Some((_, first)) if *first != name => {
                    let msg = format!(
                        "responsible unit `{name}` is `{first}` written another way (brackets, spaces or width); \
                         write it the same way, or the gap report lists it as a second unit"
                    );
                    let zh = format!(
                        "责任单位“{name}”与“{first}”是同一单位的不同写法（括号、空格或全半角），请写成一样，否则整改清单会列成两个单位"
                    );
                    cx.at(*fi, Some(ri.id.span()), DiagCode::BadValue, Some(ri.id.get()), zh, msg);
                }
                Some(_) => {}
                None => seen.push((k, name)),
            }
        }
    }
}

fn facility_set(cx: &mut Cx, fi: usize, code: &Sp<String>, st: &Standard, item: &str, field: &str) -> FacilitySet {
    if let Some(c) = st.categories.iter().find(|c| &c.code == code.get()) {
        return FacilitySet { code: c.code.clone(), name: c.name.clone(), categories: vec![c.code.clone()] };
    }
    if let Some(g) = st.groups.iter().find(|g| &g.code == code.get()) {
        return FacilitySet { code: g.code.clone(), name: g.name.clone(), categories: g.any_of.clone() };
    }
    let w = code.get();
    let (zh, en) = match st.find_category(w) {
        // A category's Chinese or English name, or an alias: the code is meant.
        Some(c) => (
            format!("{field} 写的“{w}”是业态 {} 的名称，这里须写业态编码：{field} = \"{}\"", c.code, c.code),
            format!(
                "unknown category or group `{w}`: it is a name of category `{}`; write its code `{}`",
                c.code, c.code
            ),
        ),
        None => {
            let codes: Vec<&str> = st
                .categories
                .iter()
                .map(|c| c.code.as_str())
                .chain(st.groups.iter().map(|g| g.code.as_str()))
                .collect();
            let (nz, ne) = near(w, &codes);
            (
                format!(
                    "{field} 写的“{w}”不是已定义的业态或业态组{nz}（已定义的 {} 个可用 `lifecircle show {}` 查看）",
                    codes.len(),
                    cx.files[cx.files.len() - 1].src.name
                ),
                format!("unknown category or group `{w}`{ne}"),
            )
        }
    };
    cx.at(fi, Some(code.span()), DiagCode::UnknownCategory, Some(item), zh, en);
    FacilitySet { code: w.clone(), name: Text::new(w, w), categories: Vec::new() }
}

fn measure(cx: &mut Cx, fi: usize, m: &Sp<String>, st: &Standard, item: &str, area_only: bool) -> Measure {
    let w = m.get().as_str();
    let found = match w {
        "chain_outlets" if !area_only => Some(Measure::ChainOutlets),
        "commercial_outlets" if !area_only => Some(Measure::CommercialOutlets),
        "population" if !area_only => Some(Measure::Population),
        "households" if !area_only => Some(Measure::Households),
        _ => w.strip_prefix("figure:").map(|k| Measure::Figure(k.to_string())),
    };
    match found {
        Some(Measure::Figure(k)) => {
            match st.figures.iter().find(|f| f.key == k) {
                None => {
                    let keys: Vec<&str> = st.figures.iter().map(|f| f.key.as_str()).collect();
                    let (zh, en) = unknown_ref(&k, &keys, "数据项", "figure");
                    cx.at(fi, Some(m.span()), DiagCode::UnknownReference, Some(item), zh, en)
                }
                Some(f) if area_only && f.unit != "m2" => cx.at(
                    fi,
                    Some(m.span()),
                    DiagCode::UnknownUnit,
                    Some(item),
                    format!("area_share 只能用以 m2 计的数据项，而 {k} 的单位是 {}", f.unit),
                    format!("area_share needs figures in m2, but `{k}` is in {}", f.unit),
                ),
                _ => {}
            }
            Measure::Figure(k)
        }
        Some(other) => other,
        None => {
            let (allowed_zh, allowed_en) = if area_only {
                ("figure:<数据项>", "figure:<key>")
            } else {
                (
                    "chain_outlets、commercial_outlets、population、households 或 figure:<数据项>",
                    "chain_outlets, commercial_outlets, population, households or figure:<key>",
                )
            };
            cx.at(
                fi,
                Some(m.span()),
                DiagCode::BadParameter,
                Some(item),
                format!("不认识的度量“{w}”：可写 {allowed_zh}"),
                format!("unknown measure `{w}` (use {allowed_en})"),
            );
            Measure::Population
        }
    }
}

fn indicator(
    cx: &mut Cx,
    fi: usize,
    r: &RawIndicator,
    st: &Standard,
    dims: &[(usize, RawDimension)],
    sources: &BTreeSet<String>,
) -> Option<Indicator> {
    let id = r.id.get().clone();
    let item = id.as_str();
    check_code(cx, fi, &r.id, "indicator", true);
    if !dims.iter().any(|(_, d)| d.id.get() == r.dimension.get()) {
        let ids: Vec<&str> = dims.iter().map(|(_, d)| d.id.get().as_str()).collect();
        let (zh, en) = unknown_ref(r.dimension.get(), &ids, "维度 dimension", "dimension");
        cx.at(fi, Some(r.dimension.span()), DiagCode::UnknownReference, Some(item), zh, en);
    }
    let points = finite(cx, fi, &r.points, item, "points", 0.0);
    let c = cite(cx, fi, &r.cite, sources, item);
    let pc = r.points_cite.as_ref().map(|p| cite(cx, fi, p, sources, item));

    // Which parameters each kind needs; anything else given is reported.
    let kind_name = r.kind.get().as_str();
    let given: Vec<(&str, Option<Range<usize>>)> = vec![
        ("target", r.target.as_ref().map(|v| v.span())),
        ("targets", r.targets.as_ref().and_then(|v| v.first().map(|t| t.span()))),
        ("class", r.class.as_ref().map(|v| v.span())),
        ("within_minutes", r.within_minutes.as_ref().map(|v| v.span())),
        ("within_m", r.within_m.as_ref().map(|v| v.span())),
        ("numerator", r.numerator.as_ref().map(|v| v.span())),
        ("denominator", r.denominator.as_ref().map(|v| v.span())),
        ("figure", r.figure.as_ref().map(|v| v.span())),
        ("per_households", r.per_households.as_ref().map(|v| v.span())),
        ("min_sample", r.min_sample.as_ref().map(|v| v.span())),
        ("survey", r.survey.as_ref().map(|_| r.kind.span())),
    ];
    let given: Vec<(&str, Range<usize>)> = given
        .into_iter()
        .filter_map(|(n, s)| s.map(|s| (n, s)))
        .chain(r.targets.as_ref().filter(|t| t.is_empty()).map(|_| ("targets", r.kind.span())))
        .collect();
    let allowed: &[&str] = match kind_name {
        "presence" => &["target", "within_minutes", "within_m"],
        "distinct_count" => &["targets", "class"],
        "count" => &["target"],
        "ratio" | "area_share" => &["numerator", "denominator"],
        "area_per_households" => &["figure", "per_households"],
        "walk_coverage" => &["target", "within_minutes"],
        "satisfaction" => &["min_sample", "survey"],
        "checklist" | "evaluator" => &[],
        other => {
            const KINDS: [&str; 10] = [
                "presence",
                "distinct_count",
                "count",
                "ratio",
                "area_share",
                "area_per_households",
                "walk_coverage",
                "satisfaction",
                "checklist",
                "evaluator",
            ];
            let (_, ne) = near(other, &KINDS);
            cx.at(
                fi,
                Some(r.kind.span()),
                DiagCode::BadValue,
                Some(item),
                not_allowed_zh("指标类型", "kind", other, &KINDS),
                format!("unknown kind `{other}`{ne} ({})", KINDS.join(", ")),
            );
            return None;
        }
    };
    for (name, span) in &given {
        if !allowed.contains(name) {
            let uses =
                if allowed.is_empty() { "不带参数".to_string() } else { format!("只用 {}", allowed.join("、")) };
            cx.at(
                fi,
                Some(span.clone()),
                DiagCode::BadParameter,
                Some(item),
                format!("指标类型 {kind_name} 用不到 {name}（它{uses}），请删去"),
                format!("kind `{kind_name}` does not use `{name}`"),
            );
        }
    }
    let kspan = r.kind.span();
    let need = |cx: &mut Cx, what: &str, present: bool| {
        if !present {
            let what_zh =
                what.replace("exactly one of `targets` or `class`", "targets 或 class（只写其一）").replace('`', "");
            cx.at(
                fi,
                Some(kspan.clone()),
                DiagCode::BadParameter,
                Some(item),
                format!("指标类型 {kind_name} 须写 {what_zh}"),
                format!("kind `{kind_name}` needs `{what}`"),
            );
        }
        present
    };
    let speed_needed = |cx: &mut Cx, span: Range<usize>| {
        if st.param(WALKING_SPEED).is_none() {
            cx.at(
                fi,
                Some(span),
                DiagCode::BadParameter,
                Some(item),
                format!("以分钟计的要求需要参数 {WALKING_SPEED}（步行速度，米/分钟），请在 [[params]] 中写出"),
                format!("a limit in minutes needs the param `{WALKING_SPEED}`"),
            );
        }
    };
    let kind = match kind_name {
        "presence" => {
            if !need(cx, "target", r.target.is_some()) {
                return None;
            }
            let target = facility_set(cx, fi, r.target.as_ref()?, st, item, "target");
            let within = match (&r.within_minutes, &r.within_m) {
                (Some(_), Some(m)) => {
                    cx.at(
                        fi,
                        Some(m.span()),
                        DiagCode::BadParameter,
                        Some(item),
                        "within_minutes 与 within_m 只能写一个".into(),
                        "give `within_minutes` or `within_m`, not both".into(),
                    );
                    None
                }
                (Some(min), None) => {
                    speed_needed(cx, min.span());
                    Some(Reach::Minutes(walk_minutes(cx, fi, min, item)))
                }
                (None, Some(m)) => Some(Reach::Metres(finite(cx, fi, m, item, "within_m", 0.0))),
                (None, None) => None,
            };
            Kind::Presence { target, within }
        }
        "distinct_count" => {
            let targets = match (&r.targets, &r.class) {
                (Some(ts), None) => ts.iter().map(|t| facility_set(cx, fi, t, st, item, "targets")).collect(),
                (None, Some(class)) => {
                    if st.class(class.get()).is_none() {
                        let codes: Vec<&str> = st.classes.iter().map(|k| k.code.as_str()).collect();
                        let (zh, en) = unknown_ref(class.get(), &codes, "类别 class", "class");
                        cx.at(fi, Some(class.span()), DiagCode::UnknownReference, Some(item), zh, en);
                    }
                    st.categories
                        .iter()
                        .filter(|c| &c.class == class.get())
                        .map(|c| FacilitySet {
                            code: c.code.clone(),
                            name: c.name.clone(),
                            categories: vec![c.code.clone()],
                        })
                        .collect()
                }
                _ => {
                    need(cx, "exactly one of `targets` or `class`", false);
                    return None;
                }
            };
            Kind::DistinctCount { targets }
        }
        "count" => {
            if !need(cx, "target", r.target.is_some()) {
                return None;
            }
            Kind::Count { target: facility_set(cx, fi, r.target.as_ref()?, st, item, "target") }
        }
        "ratio" | "area_share" => {
            let ok_n = need(cx, "numerator", r.numerator.is_some());
            let ok_d = need(cx, "denominator", r.denominator.is_some());
            if !(ok_n && ok_d) {
                return None;
            }
            let area = kind_name == "area_share";
            let numerator = measure(cx, fi, r.numerator.as_ref()?, st, item, area);
            let denominator = measure(cx, fi, r.denominator.as_ref()?, st, item, area);
            if area { Kind::AreaShare { numerator, denominator } } else { Kind::Ratio { numerator, denominator } }
        }
        "area_per_households" => {
            let ok_f = need(cx, "figure", r.figure.is_some());
            let ok_p = need(cx, "per_households", r.per_households.is_some());
            if !(ok_f && ok_p) {
                return None;
            }
            let f = r.figure.as_ref()?;
            match st.figures.iter().find(|x| &x.key == f.get()) {
                None => {
                    let keys: Vec<&str> = st.figures.iter().map(|x| x.key.as_str()).collect();
                    let (zh, en) = unknown_ref(f.get(), &keys, "数据项 figure", "figure");
                    cx.at(fi, Some(f.span()), DiagCode::UnknownReference, Some(item), zh, en)
                }
                Some(x) if x.unit != "m2" => cx.at(
                    fi,
                    Some(f.span()),
                    DiagCode::UnknownUnit,
                    Some(item),
                    format!("area_per_households 只能用以 m2 计的数据项，而 {} 的单位是 {}", f.get(), x.unit),
                    format!("area_per_households needs a figure in m2, not {}", x.unit),
                ),
                _ => {}
            }
            let per = finite(cx, fi, r.per_households.as_ref()?, item, "per_households", 1.0);
            Kind::AreaPerHouseholds { figure: f.get().clone(), per_households: per }
        }
        "walk_coverage" => {
            let ok_t = need(cx, "target", r.target.is_some());
            let ok_m = need(cx, "within_minutes", r.within_minutes.is_some());
            if !(ok_t && ok_m) {
                return None;
            }
            let target = facility_set(cx, fi, r.target.as_ref()?, st, item, "target");
            let min = r.within_minutes.as_ref()?;
            speed_needed(cx, min.span());
            Kind::WalkCoverage { target, within_minutes: walk_minutes(cx, fi, min, item) }
        }
        "satisfaction" => {
            if !need(cx, "min_sample", r.min_sample.is_some()) {
                return None;
            }
            let survey = r.survey.clone().unwrap_or_else(|| "overall".to_string());
            if survey.is_empty() || !survey.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                cx.at(
                    fi,
                    Some(kspan.clone()),
                    DiagCode::BadParameter,
                    Some(item),
                    format!("survey 是生活圈数据中问卷的键（小写英文，如 overall），不能是 {survey:?}；问卷的说明请写在 help 或 cite 中"),
                    format!("`survey` is the key of the circle's survey (lowercase ASCII, e.g. `overall`), not {survey:?}; describe the questionnaire in `help` or `cite`"),
                );
            }
            Kind::Satisfaction { survey, min_sample: *r.min_sample.as_ref()?.get() }
        }
        "checklist" => Kind::Checklist,
        "evaluator" => Kind::Evaluator,
        _ => return None,
    };

    // The scoring rule.
    let n_rules = [r.at_least.is_some(), r.linear.is_some(), r.steps.is_some()].iter().filter(|b| **b).count();
    let is_fraction = matches!(
        kind,
        Kind::Ratio { .. } | Kind::AreaShare { .. } | Kind::WalkCoverage { .. } | Kind::Satisfaction { .. }
    );
    let rule = if matches!(kind, Kind::Evaluator) {
        if n_rules > 0 {
            cx.at(
                fi,
                Some(kspan.clone()),
                DiagCode::BadRule,
                Some(item),
                "评估人打分（evaluator）的指标直接取评估人给的分，请删去 at_least、linear 或 steps".into(),
                "an evaluator indicator takes the given points; remove the rule".into(),
            );
        }
        Rule::Given
    } else if n_rules > 1 {
        cx.at(
            fi,
            Some(kspan.clone()),
            DiagCode::BadRule,
            Some(item),
            "at_least、linear、steps 只能写一个".into(),
            "give only one of `at_least`, `linear`, `steps`".into(),
        );
        return None;
    } else if let Some(t) = &r.at_least {
        let v = finite(cx, fi, t, item, "at_least", f64::MIN);
        if is_fraction && !(0.0..=1.0).contains(&v) {
            let (zh, en) = fraction_message(&[v]);
            cx.at(fi, Some(t.span()), DiagCode::BadRule, Some(item), zh, en);
        }
        Rule::AtLeast { threshold: v }
    } else if let Some(l) = &r.linear {
        let (zero, full) = match l.get().0.as_slice() {
            &[zero, full] => (zero, full),
            other => {
                cx.at(
                    fi,
                    Some(l.span()),
                    DiagCode::BadRule,
                    Some(item),
                    format!("linear 应恰好写两个数 [零分值, 满分值]，这里有 {} 个", other.len()),
                    format!("linear takes exactly two numbers [zero, full], not {}", other.len()),
                );
                (0.0, 1.0)
            }
        };
        if !(zero.is_finite() && full.is_finite()) || zero == full {
            cx.at(
                fi,
                Some(l.span()),
                DiagCode::BadRule,
                Some(item),
                format!("linear 须写两个不同的有限数 [零分值, 满分值]，不能是 [{}, {}]", num(zero), num(full)),
                format!("linear needs two different numbers, not [{}, {}]", num(zero), num(full)),
            );
        }
        if is_fraction && !((0.0..=1.0).contains(&zero) && (0.0..=1.0).contains(&full)) {
            let (zh, en) = fraction_message(&[zero, full]);
            cx.at(fi, Some(l.span()), DiagCode::BadRule, Some(item), zh, en);
        }
        if let Some(w) = falling_line(item, &kind, zero, full) {
            cx.warn(fi, l.span(), w);
        }
        Rule::Linear { zero, full }
    } else if let Some(steps) = &r.steps {
        let list: Vec<Step> = steps.get().iter().map(|s| Step { at_least: s.at_least, points: s.points }).collect();
        let ordered = list.windows(2).all(|w| w[0].at_least < w[1].at_least && w[0].points <= w[1].points);
        let bounded = list
            .iter()
            .all(|s| s.points.is_finite() && s.at_least.is_finite() && s.points >= 0.0 && s.points <= points);
        if list.is_empty() || !ordered || !bounded {
            cx.at(
                fi,
                Some(steps.span()),
                DiagCode::BadRule,
                Some(item),
                format!("steps 不能为空，各级的 at_least 与 points 须逐级递增，每级分值在 0 到 {} 之间", num(points)),
                format!(
                    "steps must be non-empty, rising in `at_least` and `points`, with points between 0 and {}",
                    num(points)
                ),
            );
        }
        if is_fraction && list.iter().any(|s| !(0.0..=1.0).contains(&s.at_least)) {
            let values: Vec<f64> = list.iter().map(|s| s.at_least).collect();
            let (zh, en) = fraction_message(&values);
            cx.at(fi, Some(steps.span()), DiagCode::BadRule, Some(item), zh, en);
        }
        Rule::Steps { steps: list }
    } else if matches!(kind, Kind::Presence { .. } | Kind::Checklist) {
        Rule::AtLeast { threshold: 1.0 }
    } else {
        cx.at(
            fi,
            Some(kspan.clone()),
            DiagCode::BadRule,
            Some(item),
            format!("指标类型 {kind_name} 须写计分规则：at_least、linear 或 steps"),
            format!("kind `{kind_name}` needs a rule: `at_least`, `linear` or `steps`"),
        );
        return None;
    };

    // Role and cap.
    let role = match r.role.as_ref().map(|s| s.get().as_str()) {
        None | Some("scored") => Role::Scored,
        Some("mandatory") => Role::Mandatory,
        Some("gate") => Role::Gate,
        Some("veto") => Role::Veto,
        Some(other) => {
            let span = r.role.as_ref().map(|s| s.span());
            cx.at(
                fi,
                span,
                DiagCode::BadValue,
                Some(item),
                not_allowed_zh("作用", "role", other, &["scored", "mandatory", "gate", "veto"]),
                format!("role `{other}` must be scored, mandatory, gate or veto"),
            );
            Role::Scored
        }
    };
    let cap = match (&r.cap, role) {
        (Some(c), Role::Scored) => {
            cx.at(
                fi,
                Some(c.span()),
                DiagCode::BadParameter,
                Some(item),
                "cap 只用于 role 为 mandatory、gate 或 veto 的指标".into(),
                "`cap` needs role mandatory, gate or veto".into(),
            );
            None
        }
        (None, Role::Scored) => None,
        (None, _) => Some(Cap::NoGrade),
        (Some(c), _) if c.get() == "none" => Some(Cap::NoGrade),
        (Some(c), _) => {
            if st.grade(c.get()).is_none() {
                let ids: Vec<&str> = st.grades.iter().map(|g| g.id.as_str()).collect();
                let (nz, ne) = near(c.get(), &ids);
                let (lz, le) = listed(&ids);
                cx.at(
                    fi,
                    Some(c.span()),
                    DiagCode::UnknownReference,
                    Some(item),
                    format!("cap 所指的等级“{}”未定义{nz}（已定义：{lz}；不给任何等级写 none）", c.get()),
                    format!("cap names unknown grade `{}`{ne} (grades: {le}, or none)", c.get()),
                );
            }
            Some(Cap::AtMost(c.get().clone()))
        }
    };
    let applies = match &r.applies {
        None => Applies::default(),
        Some(a) => {
            for f in &a.forms {
                if !st.forms.iter().any(|x| &x.code == f.get()) {
                    let codes: Vec<&str> = st.forms.iter().map(|x| x.code.as_str()).collect();
                    let (zh, en) = unknown_ref(f.get(), &codes, "形态", "form");
                    cx.at(fi, Some(f.span()), DiagCode::UnknownReference, Some(item), zh, en);
                }
            }
            Applies { forms: a.forms.iter().map(|f| f.get().clone()).collect(), new_residential: a.new_residential }
        }
    };
    if r.responsible.iter().any(|u| u.trim().is_empty()) {
        cx.at(
            fi,
            Some(r.id.span()),
            DiagCode::BadValue,
            Some(item),
            "责任单位 responsible 中有一项是空的".into(),
            "a responsible unit is empty".into(),
        );
    }
    let ind = Indicator {
        id,
        dimension: r.dimension.get().clone(),
        name: text(&r.zh, &r.en),
        kind,
        rule,
        points,
        role,
        cap,
        help: r.help.as_ref().map(|h| text(&h.zh, &h.en)),
        action: r.action.as_ref().map(|h| text(&h.zh, &h.en)),
        // Written once, trimmed: `区商务局 * ` is `区商务局*`.
        responsible: r
            .responsible
            .iter()
            .map(|u| match u.trim().strip_suffix('*') {
                Some(name) => format!("{}*", name.trim()),
                None => u.trim().to_string(),
            })
            .collect(),
        applies,
        cite: c,
        points_cite: pc,
        origin: cx.files[fi].raw.standard.id.get().clone(),
    };
    if ind.points_uncited() {
        let src = &cx.files[fi].src;
        let (line, column) = src.line_col(r.points.span().start);
        cx.warnings.push(uncited_points(&src.name, Some(line), Some(column), &ind));
    }
    Some(ind)
}

#[cfg(test)]
mod tests {
    #[test]
    fn serde_type_names_read_as_the_format_s_words() {
        assert_eq!(
            super::readable("invalid type: integer `1`, expected struct RawMeta"),
            "invalid type: integer `1`, expected a table"
        );
        assert_eq!(
            super::readable("invalid type: string \"x\", expected a sequence"),
            "invalid type: string \"x\", expected a list"
        );
        assert_eq!(super::readable("missing field `title`"), "missing field `title`");
    }

    /// The diagnostics of mofcom-2021 with `from` replaced by `to` (once), as displayed.
    fn shown(from: &str, to: &str) -> Vec<String> {
        let text = crate::standard::builtin_text("mofcom-2021").expect("built in");
        assert!(text.contains(from), "{from}");
        let text = text.replacen(from, to, 1);
        let err = super::resolve("m.toml", &text, &crate::standard::builtin_parent).expect_err("broken");
        err.diagnostics.iter().map(ToString::to_string).collect()
    }

    /// The Chinese half of a diagnostic (before the English) names the field, the value and
    /// what is allowed, the nearest allowed word too.
    #[test]
    fn bad_values_are_named_in_chinese() {
        let d = shown("level = \"national\"", "level = \"distrct\"");
        let zh = d[0].split(" / ").next().unwrap();
        assert_eq!(
            zh,
            "m.toml:36:9: [bad_value] mofcom-2021: 层级 level 不能是“distrct”，须为 national、province、city 或 district 之一 — 是不是 district？"
        );
        let d = shown("status = \"proposal\"", "status = \"propsal\"");
        assert!(
            d[0].contains("状态 status 不能是“propsal”，须为 official、trial 或 proposal 之一 — 是不是 proposal？ /"),
            "{d:?}"
        );
    }

    /// Points that do not add up: both numbers in Chinese, a negative declared value called so.
    #[test]
    fn points_mismatches_give_both_numbers_in_chinese() {
        let d = shown("points = 22\n", "points = -22\n");
        let zh = d.iter().find(|d| d.contains("points_mismatch")).unwrap();
        assert!(
            zh.contains(
                "[points_mismatch] layout: 维度 layout 声明的分值为负数（-22 分），而其指标合计 22 分（MC-L01 6 分、"
            ),
            "{zh}"
        );
        let d = shown("points = 22\n", "points = 20\n");
        let zh = d.iter().find(|d| d.contains("points_mismatch") && d.contains("layout")).unwrap();
        assert!(zh.contains("维度 layout 声明 20 分，而其指标合计 22 分（"), "{zh}");
        assert!(zh.contains("请把 points 改为 22，或调整指标分值使合计为 20 分 /"), "{zh}");
        let d = shown("total_points = 100", "total_points = 90");
        let zh = d.iter().find(|d| d.contains("points_mismatch")).unwrap();
        assert!(zh.contains("总分 total_points 写的是 90 分，而各指标合计 100 分：请把 total_points 改为 100"), "{zh}");
    }

    /// A grade above the total is reported at a line: the grade's `min_points` where the file
    /// writes the grade, else the file's `total_points` (naming the file the grade is from).
    #[test]
    fn a_grade_above_the_total_has_a_line() {
        let d = shown("total_points = 100", "total_points = -100");
        let g = d.iter().find(|d| d.contains("[overlapping_grades]")).expect("reported");
        // mofcom-2021.toml: `min_points = 85` of grade `quality` is line 876, the value at column 14.
        assert_eq!(
            g.split(" / ").next().unwrap(),
            "m.toml:876:14: [overlapping_grades] quality: 等级 quality 从 85 分起，高于总分 -100 分：这个等级永远评不上"
        );
        // longwan-2024 inherits its grades from mofcom-2021 (through zhejiang-2023): its own
        // `total_points` (line 63, column 16) is what makes the grade unreachable.
        let text = crate::standard::builtin_text("longwan-2024").expect("built in");
        let text = text.replacen("total_points = 100", "total_points = -100", 1);
        let err = super::resolve("lw.toml", &text, &crate::standard::builtin_parent).expect_err("broken");
        let g = err.diagnostics.iter().find(|d| d.code == super::DiagCode::OverlappingGrades).expect("reported");
        assert_eq!((g.file.as_str(), g.line, g.column), ("lw.toml", Some(63), Some(16)), "{g}");
        assert_eq!(
            g.message_zh(),
            "等级 quality（来自内置标准 mofcom-2021）从 85 分起，高于总分 -100 分：这个等级永远评不上",
            "{g}"
        );
    }

    /// The warnings of mofcom-2021 with `from` replaced by `to` (once): the file still resolves.
    fn warned(from: &str, to: &str) -> Vec<super::Diagnostic> {
        let text = crate::standard::builtin_text("mofcom-2021").expect("built in");
        assert!(text.contains(from), "{from}");
        let text = text.replacen(from, to, 1);
        let r = super::resolve_noted("m.toml", &text, &crate::standard::builtin_parent)
            .unwrap_or_else(|e| panic!("{to}: {:?}", e.diagnostics));
        // (the built-in file has none of its own: core/tests/designed_scoring.rs)
        assert_eq!(super::warnings_of(&r.standard, "m.toml").len(), r.warnings.len(), "{to}: packed alike");
        r.warnings
    }

    /// A `linear` rule written high to low on a kind where more is better (MC-L01, the share of
    /// residents within 15 minutes of a convenience store) gives 100 % coverage no points: it is
    /// accepted (a standard may mean it) but said, Chinese first, at its line.
    #[test]
    fn a_falling_line_where_more_is_better_is_warned() {
        let w = warned("linear = [0.6, 0.9]", "linear = [0.9, 0.6]");
        assert_eq!(w.len(), 1, "{w:?}");
        // MC-L01's `linear` is line 579 of mofcom-2021.toml; its value starts at column 10.
        assert_eq!((w[0].line, w[0].column, w[0].item.as_deref()), (Some(579), Some(10), Some("MC-L01")), "{}", w[0]);
        assert_eq!(w[0].code, super::DiagCode::BadRule);
        let zh = w[0].message_zh();
        assert!(zh.starts_with("linear = [0.9, 0.6] 是从大到小写的：walk_coverage 类指标的数值越大越好"), "{zh}");
        assert!(zh.contains("请写 linear = [0.6, 0.9]") && zh.contains("提醒"), "{zh}");
        assert!(w[0].message.contains("write linear = [0.6, 0.9] (a warning: scored as written)"), "{}", w[0]);
        // Rising, as written: nothing to say.
        assert!(warned("linear = [0.6, 0.9]", "linear = [0.5, 0.9]").is_empty());
        // A ratio may be meant to fall (a share of vacant shops): MC-S02 is left as written.
        assert!(warned("linear = [0.1, 0.3]", "linear = [0.3, 0.1]").is_empty());
    }

    /// `within_minutes` above a day is a warning; above a million minutes an error: the
    /// distance it stands for (minutes × 75 m/min) read "约 7.500000000000001e301 米".
    #[test]
    fn implausible_walking_minutes_are_said() {
        assert!(warned("within_minutes = 15", "within_minutes = 1440").is_empty());
        let w = warned("within_minutes = 15", "within_minutes = 2000");
        assert_eq!(w.len(), 1, "{w:?}");
        // MC-L01's `within_minutes` is line 578; its value starts at column 18.
        assert_eq!((w[0].line, w[0].column, w[0].item.as_deref()), (Some(578), Some(18), Some("MC-L01")), "{}", w[0]);
        assert!(w[0].message_zh().starts_with("within_minutes = 2000 分钟超过一天（1440 分钟"), "{}", w[0]);
        for (to, as_said) in [("1e300", "1e300"), ("1000001", "1000001")] {
            let d = shown("within_minutes = 15", &format!("within_minutes = {to}"));
            assert_eq!(d.len(), 1, "{d:?}");
            assert!(
                d[0].starts_with(&format!(
                    "m.toml:578:18: [bad_value] MC-L01: within_minutes = {as_said} 不是步行时间：须不大于 1000000"
                )),
                "{}",
                d[0]
            );
        }
        assert!(warned("within_minutes = 15", "within_minutes = 1000000").len() == 1);
    }

    /// TOML syntax errors are named in Chinese (the toml crate's common messages).
    #[test]
    fn toml_syntax_errors_are_named_in_chinese() {
        for (from, to, zh) in [
            ("[[dimensions]]\nid = \"layout\"", "[dimensions\nid = \"layout\"", "表头缺少右方括号 ]"),
            ("points = 22\n", "points = 22\n[x\n", "表头缺少右方括号 ]"),
            ("points = 22\n", "points 22\n", "键后缺少 = 和值"),
            ("id = \"layout\"", "id = \"layout", "引号未闭合"),
            ("id = \"layout\"", "id = layout", "文本须加引号"),
            ("id = \"layout\"", "id = \"layout\"\nid = \"x\"", "同一个键写了两次"),
        ] {
            let d = shown(from, to);
            let first = d.iter().find(|d| d.contains("[syntax]")).unwrap_or_else(|| panic!("{to}: {d:?}"));
            let half = first.split(" / ").next().unwrap();
            assert!(half.contains(&format!("格式错误：{zh}")), "{to}: {first}");
        }
    }

    /// A TOML value written inline (the toml crate is built here without its writer).
    fn inline(v: &toml::Value) -> String {
        match v {
            toml::Value::String(s) => format!("{s:?}"),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => format!("{f:?}"),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Array(a) => format!("[{}]", a.iter().map(inline).collect::<Vec<_>>().join(", ")),
            toml::Value::Table(t) => {
                format!(
                    "{{ {} }}",
                    t.iter().map(|(k, v)| format!("{k} = {}", inline(v))).collect::<Vec<_>>().join(", ")
                )
            }
        }
    }

    fn written(t: &toml::Table) -> String {
        t.iter().map(|(k, v)| format!("{k} = {}\n", inline(v))).collect()
    }

    /// A table item written with exactly `fields` of `sample` (a whole item), read as `T`:
    /// serde's message when it does not read.
    fn read_as<T: serde::de::DeserializeOwned>(sample: &toml::Table, fields: &[&str]) -> Result<(), String> {
        let mut t = toml::Table::new();
        for f in fields {
            t.insert(f.to_string(), sample[*f].clone());
        }
        toml::from_str::<T>(&written(&t)).map(|_| ()).map_err(|e| e.message().to_string())
    }

    /// Every field `T` knows, as serde lists them for a field it does not know.
    fn fields_of<T: serde::de::DeserializeOwned>(sample: &toml::Table) -> Vec<String> {
        let mut t = sample.clone();
        t.insert("zz_not_a_field".into(), toml::Value::Integer(1));
        let text = written(&t);
        let e = toml::from_str::<T>(&text).map(|_| ()).expect_err("an unknown field");
        let m = e.message().to_string();
        // "expected one of `a`, `b`, …", or "expected `a` or `b`" for two
        let listed = m.split_once(", expected ").map_or("", |(_, l)| l).to_string();
        listed.split('`').skip(1).step_by(2).map(str::to_string).collect()
    }

    /// A whole item of each table (every required field, and any optional ones), read from the
    /// built-in standards and the 2027 test edition where one has it.
    fn sample(list: &str) -> toml::Table {
        if list == "removed" {
            return toml::from_str(
                "indicator = \"LW-M02\"\ncite = { source = \"s\", confidence = \"provisional\", reason = \"r\" }",
            )
            .expect("toml");
        }
        for b in crate::standard::BUILTIN {
            let t: toml::Table = toml::from_str(crate::standard::builtin_text(b.id).expect("built in")).expect("toml");
            let item = match t.get(list) {
                Some(toml::Value::Table(one)) => Some(one.clone()),
                Some(toml::Value::Array(items)) => items.iter().find_map(|i| i.as_table().cloned()),
                _ => None,
            };
            if let Some(item) = item {
                return item;
            }
        }
        panic!("no built-in standard has a `{list}` item");
    }

    /// Reads an item of one table written with the given fields of its sample.
    type Reader<'a> = &'a dyn Fn(&[&str]) -> Result<(), String>;

    /// Each table's list of required fields (what `validate` names at once when an item lacks
    /// some) is exactly the fields serde cannot do without, and each names the item by a field
    /// it has.
    #[test]
    fn the_required_fields_are_the_formats_own() {
        use super::super::raw::*;
        for t in super::TABLES {
            let s = sample(t.list);
            let (all, read): (Vec<String>, Reader) = match t.list {
                "standard" => (fields_of::<RawMeta>(&s), &|f| read_as::<RawMeta>(&s, f)),
                "sources" => (fields_of::<RawSource>(&s), &|f| read_as::<RawSource>(&s, f)),
                "params" => (fields_of::<RawParam>(&s), &|f| read_as::<RawParam>(&s, f)),
                "classes" => (fields_of::<RawClass>(&s), &|f| read_as::<RawClass>(&s, f)),
                "forms" => (fields_of::<RawForm>(&s), &|f| read_as::<RawForm>(&s, f)),
                "categories" => (fields_of::<RawCategory>(&s), &|f| read_as::<RawCategory>(&s, f)),
                "groups" => (fields_of::<RawGroup>(&s), &|f| read_as::<RawGroup>(&s, f)),
                "figures" => (fields_of::<RawFigure>(&s), &|f| read_as::<RawFigure>(&s, f)),
                "dimensions" => (fields_of::<RawDimension>(&s), &|f| read_as::<RawDimension>(&s, f)),
                "indicators" => (fields_of::<RawIndicator>(&s), &|f| read_as::<RawIndicator>(&s, f)),
                "grades" => (fields_of::<RawGrade>(&s), &|f| read_as::<RawGrade>(&s, f)),
                "targets" => (fields_of::<RawTarget>(&s), &|f| read_as::<RawTarget>(&s, f)),
                "units" => (fields_of::<RawUnit>(&s), &|f| read_as::<RawUnit>(&s, f)),
                "removed" => (fields_of::<RawRemoved>(&s), &|f| read_as::<RawRemoved>(&s, f)),
                other => panic!("a table the test does not know: {other}"),
            };
            assert!(all.len() >= t.required.len(), "{}: {all:?}", t.list);
            assert!(t.required.contains(&t.key), "{}: the key is required", t.list);
            read(t.required).unwrap_or_else(|e| panic!("{}: the required fields alone do not read: {e}", t.list));
            for f in t.required {
                let fewer: Vec<&str> = t.required.iter().copied().filter(|x| x != f).collect();
                let e = read(&fewer).expect_err(f);
                assert_eq!(e, format!("missing field `{f}`"), "{}: `{f}` is listed as required", t.list);
            }
        }
    }

    /// standards/README.md has a field table for every table of the format (and for `cite`):
    /// every field, each marked required (必填) or optional (可选) as the format reads it, in
    /// Chinese; and the same lists in English.
    #[test]
    fn the_readme_lists_every_field_of_every_table() {
        use super::super::raw::*;
        let readme = include_str!("../../../standards/README.md");
        let cite: toml::Table =
            toml::from_str("source = \"s\"\nconfidence = \"verified\"\nquote = \"q\"").expect("toml");
        let mut tables: Vec<(String, Vec<String>, Vec<&str>)> = Vec::new();
        for t in super::TABLES {
            let s = sample(t.list);
            let all = match t.list {
                "standard" => fields_of::<RawMeta>(&s),
                "sources" => fields_of::<RawSource>(&s),
                "params" => fields_of::<RawParam>(&s),
                "classes" => fields_of::<RawClass>(&s),
                "forms" => fields_of::<RawForm>(&s),
                "categories" => fields_of::<RawCategory>(&s),
                "groups" => fields_of::<RawGroup>(&s),
                "figures" => fields_of::<RawFigure>(&s),
                "dimensions" => fields_of::<RawDimension>(&s),
                "indicators" => fields_of::<RawIndicator>(&s),
                "grades" => fields_of::<RawGrade>(&s),
                "targets" => fields_of::<RawTarget>(&s),
                "units" => fields_of::<RawUnit>(&s),
                "removed" => fields_of::<RawRemoved>(&s),
                other => panic!("{other}"),
            };
            let head = if t.list == "standard" { "[standard]".to_string() } else { format!("[[{}]]", t.list) };
            tables.push((head, all, t.required.to_vec()));
        }
        tables.push(("cite".into(), fields_of::<RawCite>(&cite), super::CITE_REQUIRED.to_vec()));
        let (zh, en) = readme.split_once("\n## English").expect("a Chinese and an English half");
        for (head, all, required) in &tables {
            // Chinese: a heading naming the table, then a row per field.
            let at = zh.find(&format!("#### `{head}`")).unwrap_or_else(|| panic!("no Chinese field table for {head}"));
            let section = &zh[at..];
            let section = &section[..section[4..].find("\n#").map_or(section.len(), |i| i + 4)];
            for f in all {
                let row = section
                    .lines()
                    .find(|l| l.starts_with(&format!("| `{f}` |")))
                    .unwrap_or_else(|| panic!("{head}: no row for `{f}` in standards/README.md"));
                let want = if required.contains(&f.as_str()) { "| 必填 |" } else { "| 可选 |" };
                assert!(row.contains(want), "{head}: `{f}` should be marked {want}: {row}");
            }
            let rows = section.lines().filter(|l| l.starts_with("| `")).count();
            assert_eq!(rows, all.len(), "{head}: a row for each field, no more: {all:?}");
            // English: "- `[[grades]]` — required: `id`, …; optional: `stars`, …".
            let line = en
                .lines()
                .find(|l| l.starts_with(&format!("- `{head}`")) && l.contains(" — required: "))
                .unwrap_or_else(|| panic!("no English field list for {head}"));
            let (req, opt) = line.split_once("optional:").unwrap_or((line, ""));
            for f in all {
                let part = if required.contains(&f.as_str()) { req } else { opt };
                assert!(part.contains(&format!("`{f}`")), "{head}: `{f}` in the wrong English list: {line}");
            }
        }
    }

    /// Every problem `resolve` finds says itself in Chinese (`zh`), not only what its code means.
    #[test]
    fn every_problem_has_its_own_chinese() {
        for (from, to) in [
            ("level = \"national\"", "level = \"distrct\""),
            ("unit = \"m/min\"", "unit = \"m/mn\""),
            ("points = 22\n", "points = 20\n"),
            ("total_points = 100", "total_points = 90"),
            ("total_points = 100", "total_points = nan"),
            ("points = 22\n", "points = inf\n"),
            ("dimension = \"layout\"", "dimension = \"layot\""),
            ("kind = \"presence\"", "kind = \"presense\""),
            ("target = \"convenience_store\"", "target = \"convenience_stor\""),
            ("quote = \"便利店\"", "quote = \" \""),
            ("below_points = 75", "below_points = 74"),
            ("issued = \"2021-07-20\"", "issued = \"2031-07-20\""),
            ("year = 2025", "year = 1925"),
            ("source = \"mofcom-247\"", "source = \"mofcom-24\""),
            ("[standard]", "[standard]\nextends = \"mofcom-2O21\""),
            (
                "[[categories]]\ncode = \"convenience_store\"",
                "[[categories]]\ncode = \"convenience_store\"\n[[categories]]\ncode = \"convenience_store\"",
            ),
            ("value = 75", "value = 7500"),
            ("class = \"basic\"", "class = \"basik\""),
            ("points = 22\n", "points = 22\n[[dimensions]]\nid = \"layout\"\nzh = \"x\"\nen = \"x\""),
        ] {
            let text = crate::standard::builtin_text("mofcom-2021").expect("built in");
            assert!(text.contains(from), "{from}");
            let text = text.replacen(from, to, 1);
            let Err(err) = super::resolve("m.toml", &text, &crate::standard::builtin_parent) else {
                panic!("{to}: accepted")
            };
            for d in &err.diagnostics {
                let zh = d.zh.as_deref().unwrap_or_else(|| panic!("{to}: no Chinese of its own: {d}"));
                assert!(zh != d.code.zh() && !zh.contains(&d.message), "{to}: {d}");
            }
        }
    }
}
