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

    /// What the code means, in Chinese: said before the English message, which names the exact
    /// values.
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
}

impl Cx {
    fn at(&mut self, file: usize, span: Option<Range<usize>>, code: DiagCode, item: Option<&str>, msg: String) {
        let d = diagnostic(&self.files[file].src, span, code, item, msg);
        self.diags.push(d);
    }

    /// As [`Cx::at`], with the message in Chinese too ([`Diagnostic::zh`]).
    fn at_zh(
        &mut self,
        file: usize,
        span: Option<Range<usize>>,
        code: DiagCode,
        item: Option<&str>,
        zh: String,
        msg: String,
    ) {
        self.at(file, span, code, item, msg);
        if let Some(d) = self.diags.last_mut() {
            d.zh = Some(zh);
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
    toml::from_str::<RawStandard>(&src.toml).map_err(|e| {
        let raw_message = e.message().trim();
        let mut message = readable(raw_message);
        let written = e.span().and_then(|s| src.toml.get(s)).unwrap_or("").trim();
        let missing_cite = ["missing field `cite`", "missing field `source`", "missing field `confidence`"]
            .iter()
            .any(|m| message.contains(m));
        if message.contains("missing field `cite`") {
            message = format!(
                "每一项都须写出处 cite = {{ source, clause, confidence }} / {message}: every item needs `cite = {{ source, clause, confidence }}`"
            );
        } else if missing_cite {
            message = format!(
                "出处须写 source（[[sources]] 中的编号）与 confidence（verified 或 provisional） / {message}: \
                 a citation needs `source` (an id of `[[sources]]`) and `confidence` (verified or provisional)"
            );
        }
        if message.starts_with("invalid type: map") && looks_like_toml_date(written) {
            message = format!(
                "日期要写成带引号的文本，如 \"{written}\" / a date is written as text in quotes: \"{written}\""
            );
        }
        if !missing_cite
            && let Some(field) = raw_message.strip_prefix("missing field `").and_then(|r| r.split('`').next())
        {
            message = format!("缺少必填字段 `{field}`（字段表见 standards/README.md） / {message}");
        }
        if let Some(rest) = raw_message.strip_prefix("unknown field `")
            && let Some((field, expected)) = rest.split_once('`')
        {
            let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            message.push_str(&did_you_mean(field, &allowed));
        }
        let code = if missing_cite {
            DiagCode::MissingCitation
        } else if message.contains("unknown field") {
            DiagCode::UnknownField
        } else {
            DiagCode::Syntax
        };
        let data_error = ["invalid type", "invalid value", "invalid length", "missing field", "unknown field"]
            .iter()
            .any(|p| raw_message.starts_with(p));
        if code == DiagCode::Syntax && !data_error && !src.is_converted() {
            let line = e.span().map(|s| src.line_col(s.start).0).unwrap_or(1);
            message.push_str(
                &super::formats::full_width_hint(&src.toml, line, super::formats::Format::Toml).unwrap_or_default(),
            );
        }
        let hint_zh = |m: &str| m.find(" — 提示：").map(|i| m[i..].split(" / ").next().unwrap_or("").to_string());
        let zh = if code != DiagCode::Syntax || message.starts_with(|c: char| !c.is_ascii()) {
            None
        } else if data_error {
            crate::circle::type_mismatch_zh(raw_message).map(|t| format!("格式错误：{t}"))
        } else {
            toml_syntax_zh(raw_message)
                .map(|t| format!("格式错误：{t}（不是有效的 TOML）{}", hint_zh(&message).unwrap_or_default()))
        };
        Diagnostic { zh, ..diagnostic(src, e.span(), code, None, message) }
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
    if out.contains("expected a string")
        && (out.starts_with("invalid type: integer") || out.starts_with("invalid type: floating point"))
    {
        let v = out.split('`').nth(1).unwrap_or("…").to_string();
        out.push_str(&format!("（文字请加引号：\"{v}\" / put text in quotes: \"{v}\"）"));
    }
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

/// " — 是不是 `x`？ did you mean `x`?" for the allowed word nearest to a misspelt one, if any is
/// near enough (at most a third of its letters differ, and at most 3).
pub(crate) fn did_you_mean(word: &str, allowed: &[&str]) -> String {
    match nearest(word, allowed) {
        Some(a) => format!(" — 是不是 `{a}`？ did you mean `{a}`?"),
        None => String::new(),
    }
}

/// The allowed word nearest to a misspelt one, if any is near enough (at most a third of its
/// letters differ, and at most 3; ASCII case aside: Unicode case tables would add 15 KB to every
/// widget): what [`did_you_mean`] suggests, for a message
/// that says it in its own words (a circle's unknown category, a value of a standard).
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

/// A share written as a percentage (`70` for 70 %): the message, Chinese first, with the
/// fraction to write instead.
fn fraction_message(values: &[f64]) -> String {
    let pct = values.iter().copied().find(|v| *v > 1.0 && *v <= 100.0);
    let bad = values.iter().copied().find(|v| !(0.0..=1.0).contains(v));
    match (pct, bad) {
        (Some(p), _) => {
            // (rounded past float noise: 33.3 % is 0.333, not 0.33299999999999996)
            let f = (p / 100.0 * 1e12).round() / 1e12;
            format!(
                "比例须写成0到1之间的小数：{p}% 应写作 {f} / a share is a fraction between 0 and 1: write {p} % as {f}"
            )
        }
        (None, Some(v)) => {
            format!("比例须写成0到1之间的小数，不能是 {v} / a share is a fraction between 0 and 1, not {v}")
        }
        (None, None) => "比例须写成0到1之间的小数 / a share is a fraction between 0 and 1".to_string(),
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
    let fail = |d: Diagnostic| StandardError { diagnostics: vec![d] };
    let (src, raw) = read_raw(name, text).map_err(fail)?;
    let mut files = vec![File { src, raw }];
    let mut diags = Vec::new();
    let mut seen = vec![files[0].raw.standard.id.get().clone()];
    // Follow `extends` up to the root.
    loop {
        let child = files.last().expect("at least one file");
        let Some(ext) = child.raw.standard.extends.clone() else { break };
        let (l, c) = child.src.line_col(ext.span().start);
        let here = |code, message: String| Diagnostic {
            code,
            file: child.src.name.clone(),
            line: Some(l),
            column: Some(c),
            item: Some(child.raw.standard.id.get().clone()),
            message,
            zh: None,
        };
        if seen.contains(ext.get()) {
            let mut chain = seen.clone();
            chain.push(ext.get().clone());
            diags.push(here(DiagCode::ExtendsCycle, format!("extends goes round in a circle: {}", chain.join(" → "))));
            break;
        }
        let Some((pname, ptext)) = parent(ext.get()) else {
            let e = ext.get();
            let bare = e.split(['@', ' ']).next().unwrap_or(e).trim();
            let hint = if bare != e.trim() && parent(bare).is_some() {
                format!(
                    " — extends 只写上级标准的编号，不写版本：`{bare}` / write only the parent's id, without a version: `{bare}`"
                )
            } else {
                let ids: Vec<&str> = super::BUILTIN.iter().map(|b| b.id).filter(|id| parent(id).is_some()).collect();
                did_you_mean(e, &ids)
            };
            diags.push(here(DiagCode::UnknownParent, format!("extends unknown standard `{e}`{hint}")));
            break;
        };
        match read_raw(&pname, &ptext) {
            Ok((psrc, praw)) => {
                if praw.standard.id.get() != ext.get() {
                    diags.push(here(
                        DiagCode::UnknownParent,
                        format!("extends `{}` but that file declares id `{}`", ext.get(), praw.standard.id.get()),
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
    let mut cx = Cx { files, diags };
    let standard = build(&mut cx);
    if cx.diags.is_empty() { Ok(standard) } else { Err(StandardError { diagnostics: cx.diags }) }
}

/// Items of one list across the chain, with overrides applied: (file index, item).
fn merge<T: Clone>(
    cx: &mut Cx,
    what: &str,
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
            if let Some(first) = in_this_file.get(k.get()) {
                let (line, _) = cx.files[fi].src.line_col(*first);
                pending.push((
                    fi,
                    k.span(),
                    DiagCode::DuplicateId,
                    k.get().clone(),
                    format!(
                        "本文件第{line}行已有编号 `{id}`，请改用新编号 / duplicate {what} id `{id}` in this file (first at line {line}); give this one a new id",
                        id = k.get()
                    ),
                ));
                continue;
            }
            in_this_file.insert(k.get().clone(), k.span().start);
            match out.iter().position(|(_, o)| key(o).get() == k.get()) {
                Some(pos) if is_override(&item) => out[pos] = (fi, item),
                Some(pos) => {
                    let prev = cx.files[out[pos].0].src.name.clone();
                    pending.push((
                        fi,
                        k.span(),
                        DiagCode::DuplicateId,
                        k.get().clone(),
                        format!("duplicate {what} id `{}` (already defined in {prev}; write `override = true` to replace it)", k.get()),
                    ));
                }
                None if is_override(&item) => pending.push((
                    fi,
                    k.span(),
                    DiagCode::OverrideUnknown,
                    k.get().clone(),
                    format!("`override = true` but no parent standard defines {what} `{}`", k.get()),
                )),
                None => out.push((fi, item)),
            }
        }
    }
    for (fi, span, code, item, msg) in pending {
        cx.at(fi, Some(span), code, Some(&item), msg);
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
        cx.at_zh(
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
    if !UNITS.contains(&unit.get().as_str()) {
        cx.at(
            fi,
            Some(unit.span()),
            DiagCode::UnknownUnit,
            Some(item),
            format!("unknown unit `{}` (known: {})", unit.get(), UNITS.join(", ")),
        );
    }
}

fn date(cx: &mut Cx, fi: usize, d: &Sp<String>, item: &str) -> Date {
    match d.get().parse::<Date>() {
        Ok(d) => d,
        Err(e) => {
            let msg = format!("日期须写成 YYYY-MM-DD，如 2027-01-01 / {e}");
            cx.at(fi, Some(d.span()), DiagCode::BadValue, Some(item), msg);
            Date::new(1970, 1, 1).expect("valid date")
        }
    }
}

fn cite(cx: &mut Cx, fi: usize, c: &RawCite, sources: &BTreeSet<String>, item: &str) -> Cite {
    let src = c.source.get().trim();
    if src.is_empty() {
        cx.at(fi, Some(c.source.span()), DiagCode::MissingCitation, Some(item), "citation has an empty source".into());
    } else if !sources.contains(src) {
        cx.at(
            fi,
            Some(c.source.span()),
            DiagCode::UnknownReference,
            Some(item),
            format!("citation names unknown source `{src}`"),
        );
    }
    let confidence = match c.confidence.get().as_str() {
        "verified" => Confidence::Verified,
        "provisional" => Confidence::Provisional,
        other => {
            cx.at_zh(
                fi,
                Some(c.confidence.span()),
                DiagCode::BadValue,
                Some(item),
                not_allowed_zh("出处可信度", "confidence", other, &["verified", "provisional"]),
                format!(
                    "confidence `{other}` must be `verified` or `provisional`{}",
                    did_you_mean(other, &["verified", "provisional"])
                ),
            );
            Confidence::Provisional
        }
    };
    if confidence == Confidence::Provisional && c.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        cx.at(
            fi,
            Some(c.confidence.span()),
            DiagCode::MissingCitation,
            Some(item),
            "a provisional value must give its `reason`".into(),
        );
    }
    if let Some(ev) = &c.evidence
        && !["V", "V2", "R", "G", "I"].contains(&ev.as_str())
    {
        cx.at_zh(
            fi,
            Some(c.source.span()),
            DiagCode::BadValue,
            Some(item),
            not_allowed_zh("证据等级", "evidence", ev, &["V", "V2", "R", "G", "I"]),
            format!("evidence `{ev}` must be one of V, V2, R, G, I"),
        );
    }
    Cite {
        source: src.to_string(),
        clause: c.clause.clone(),
        confidence,
        evidence: c.evidence.clone(),
        reason: c.reason.clone(),
        quote: c.quote.clone(),
    }
}

fn finite(cx: &mut Cx, fi: usize, v: &Sp<f64>, item: &str, what: &str, min: f64) -> f64 {
    let x = *v.get();
    if !x.is_finite() || x < min {
        let zh = if min == f64::MIN {
            format!("{what} 须为有限的数，不能是 {x}")
        } else {
            format!("{what} 须为不小于 {min} 的数，不能是 {x}")
        };
        cx.at_zh(
            fi,
            Some(v.span()),
            DiagCode::BadValue,
            Some(item),
            zh,
            format!("{what} must be a number ≥ {min}, not {x}"),
        );
        return min.max(0.0);
    }
    x
}

fn build(cx: &mut Cx) -> Standard {
    let last = cx.files.len() - 1;
    let origin = |cx: &Cx, fi: usize| cx.files[fi].raw.standard.id.get().clone();

    // Sources first: citations everywhere refer to them.
    let sources_raw = merge(cx, "source", |r| &r.sources, |s| &s.id, |_| false);
    let source_ids: BTreeSet<String> = sources_raw.iter().map(|(_, s)| s.id.get().clone()).collect();
    let mut sources = Vec::new();
    for (fi, s) in &sources_raw {
        check_code(cx, *fi, &s.id, "source", false);
        let d = date(cx, *fi, &s.date, s.id.get());
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
    let issued = date(cx, last, &meta.issued, &id);
    let effective = date(cx, last, &meta.effective, &id);
    let ends = meta.ends.as_ref().map(|e| date(cx, last, e, &id));
    if let (Some(e), Some(sp)) = (ends, &meta.ends)
        && e < effective
    {
        cx.at_zh(
            last,
            Some(sp.span()),
            DiagCode::BadValue,
            Some(&id),
            format!("失效日期 ends（{e}）早于生效日期 effective（{effective}）"),
            format!("ends {e} before it takes effect ({effective})"),
        );
    }
    let level = match meta.level.get().as_str() {
        "national" => Level::National,
        "province" => Level::Province,
        "city" => Level::City,
        "district" => Level::District,
        other => {
            cx.at_zh(
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
        cx.at_zh(
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
        cx.at_zh(
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
    for (fi, p) in merge(cx, "param", |r| &r.params, |p| &p.id, |p| p.override_) {
        check_code(cx, fi, &p.id, "param", false);
        check_unit(cx, fi, &p.unit, p.id.get());
        let value = finite(cx, fi, &p.value, p.id.get(), "value", f64::MIN);
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
    for pid in [WALKING_SPEED, DETOUR_FACTOR] {
        if let Some(p) = params.iter().find(|p| p.id == pid)
            && p.value <= 0.0
        {
            let msg = format!("{pid} must be positive, not {}", p.value);
            let zh = format!("参数 {pid} 须大于 0，不能是 {}", p.value);
            cx.at_zh(last, None, DiagCode::BadValue, Some(pid), zh, msg);
        }
    }

    // Classes, forms, categories, groups, figures.
    let mut classes = Vec::new();
    for (fi, c) in merge(cx, "class", |r| &r.classes, |c| &c.code, |_| false) {
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
    for (fi, f) in merge(cx, "form", |r| &r.forms, |f| &f.code, |_| false) {
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
    for (fi, c) in merge(cx, "category", |r| &r.categories, |c| &c.code, |_| false) {
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
                    let msg = format!(
                        "“{name}”已是业态 `{other}` 的名称或别名：一个名称只能指一个业态，请删去或改写 / \
                         `{name}` is already a name or alias of category `{other}`: a facility written so \
                         would go to whichever comes first; remove or rename it",
                        name = name.trim()
                    );
                    cx.at(fi, Some(span), DiagCode::DuplicateId, Some(c.code.get()), msg);
                }
                Some(_) => {}
                None => {
                    names.insert(key, c.code.get().clone());
                }
            }
        }
        if !classes.iter().any(|k| &k.code == c.class.get()) {
            cx.at(
                fi,
                Some(c.class.span()),
                DiagCode::UnknownReference,
                Some(c.code.get()),
                format!("unknown class `{}`", c.class.get()),
            );
        }
        for tag in &c.osm {
            let ok = tag.get().split_once('=').is_some_and(|(k, v)| !k.is_empty() && !v.is_empty());
            if !ok {
                cx.at_zh(
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
                cx.at_zh(
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
    for (fi, g) in merge(cx, "group", |r| &r.groups, |g| &g.code, |_| false) {
        check_code(cx, fi, &g.code, "group", false);
        if categories.iter().any(|c| &c.code == g.code.get()) {
            cx.at(
                fi,
                Some(g.code.span()),
                DiagCode::DuplicateId,
                Some(g.code.get()),
                "a group may not share its code with a category".into(),
            );
        }
        for m in &g.any_of {
            if !categories.iter().any(|c| &c.code == m.get()) {
                cx.at(
                    fi,
                    Some(m.span()),
                    DiagCode::UnknownCategory,
                    Some(g.code.get()),
                    format!("unknown category `{}` in group", m.get()),
                );
            }
        }
        if g.any_of.is_empty() {
            cx.at(
                fi,
                Some(g.code.span()),
                DiagCode::BadParameter,
                Some(g.code.get()),
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
    for (fi, f) in merge(cx, "figure", |r| &r.figures, |f| &f.key, |_| false) {
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
    let grades_raw = merge(cx, "grade", |r| &r.grades, |g| &g.id, |g| g.override_);
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
        if let Some(b) = a.below_points
            && b <= a.min_points
        {
            let msg = format!("grade band [{}, {b}) is empty", a.min_points);
            cx.at(fi, Some(span.clone()), DiagCode::OverlappingGrades, Some(&a.id.clone()), msg);
        }
        if let Some(next) = grades.get(w + 1) {
            let msg = match a.below_points {
                None => {
                    Some(format!("grade `{}` has no upper bound but `{}` starts at {}", a.id, next.id, next.min_points))
                }
                Some(b) if b > next.min_points => {
                    Some(format!("grade `{}` (below {b}) overlaps `{}` (from {})", a.id, next.id, next.min_points))
                }
                Some(b) if b < next.min_points => Some(format!(
                    "grade `{}` ends below {b} but `{}` starts at {}: a gap",
                    a.id, next.id, next.min_points
                )),
                _ => None,
            };
            if let Some(msg) = msg {
                let id = a.id.clone();
                cx.at(fi, Some(span), DiagCode::OverlappingGrades, Some(&id), msg);
            }
        }
    }

    // Dimensions and indicators.
    let dims_raw = merge(cx, "dimension", |r| &r.dimensions, |d| &d.id, |d| d.override_);
    for (fi, d) in &dims_raw {
        check_code(cx, *fi, &d.id, "dimension", true);
    }
    let std_view = Standard {
        id: id.clone(),
        version: meta.version.get().clone(),
        title: text(&meta.title.zh, &meta.title.en),
        issuer: text(&meta.issuer.zh, &meta.issuer.en),
        document: meta.document.clone(),
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
    let mut inds_raw = merge(cx, "indicator", |r| &r.indicators, |i| &i.id, |i| i.override_);
    remove_indicators(cx, &mut inds_raw, &source_ids);
    let mut indicators = Vec::new();
    for (fi, ri) in &inds_raw {
        if let Some(ind) = indicator(cx, *fi, ri, &standard, &dims_raw, &source_ids) {
            indicators.push(ind);
        }
    }
    let units = units(cx);
    same_units(cx, &inds_raw, &units);
    let mut dimensions = Vec::new();
    for (fi, d) in &dims_raw {
        let sum: f64 = indicators.iter().filter(|i| &i.dimension == d.id.get()).map(|i| i.points).sum();
        if let Some(declared) = &d.points
            && (declared.get() - sum).abs() > 1e-9
        {
            let zh = if *declared.get() < 0.0 {
                format!("维度声明的分值为负数（{} 分），而其指标合计 {sum} 分", declared.get())
            } else {
                format!("维度声明 {} 分，而其指标合计 {sum} 分", declared.get())
            };
            cx.at_zh(
                *fi,
                Some(declared.span()),
                DiagCode::PointsMismatch,
                Some(d.id.get()),
                zh,
                format!("dimension declares {} points but its indicators add up to {sum}", declared.get()),
            );
        }
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
    let total = match &meta.total_points {
        Some(t) => {
            if (t.get() - sum).abs() > 1e-9 {
                let zh = if *t.get() < 0.0 {
                    format!("总分 total_points 写的是负数（{} 分），而各指标合计 {sum} 分", t.get())
                } else {
                    format!("总分 total_points 写的是 {} 分，而各指标合计 {sum} 分", t.get())
                };
                cx.at_zh(
                    last,
                    Some(t.span()),
                    DiagCode::PointsMismatch,
                    Some(&id),
                    zh,
                    format!("total_points is {} but the indicators add up to {sum}", t.get()),
                );
            }
            *t.get()
        }
        None => {
            if !indicators.is_empty() {
                let span = meta.id.span();
                cx.at_zh(
                    last,
                    Some(span),
                    DiagCode::PointsMismatch,
                    Some(&id),
                    format!("缺少总分 total_points（各指标合计 {sum} 分）"),
                    format!("total_points is missing (the indicators add up to {sum})"),
                );
            }
            sum
        }
    };
    if let Some(top) = standard.grades.iter().map(|g| g.min_points).reduce(f64::max)
        && top > total
    {
        cx.at(
            last,
            None,
            DiagCode::OverlappingGrades,
            Some(&id),
            format!("a grade starts at {top}, above the total of {total} points"),
        );
    }

    // Targets.
    let mut targets = Vec::new();
    for fi in 0..cx.files.len() {
        for t in cx.files[fi].raw.targets.clone() {
            check_unit(cx, fi, &t.unit, t.metric.get());
            let at_least = finite(cx, fi, &t.at_least, t.metric.get(), "at_least", 0.0);
            if t.unit.get() == "fraction" && at_least > 1.0 {
                cx.at(
                    fi,
                    Some(t.at_least.span()),
                    DiagCode::BadValue,
                    Some(t.metric.get()),
                    fraction_message(&[at_least]),
                );
            }
            let ct = cite(cx, fi, &t.cite, &source_ids, t.metric.get());
            targets.push(DistrictTarget {
                metric: t.metric.get().clone(),
                year: t.year,
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
                let msg = format!(
                    "本文件第{line}行已删去指标 `{id}`，请删去重复的一条 / indicator `{id}` is already removed at line {line} of this file: delete the repeat"
                );
                cx.at(fi, Some(r.indicator.span()), DiagCode::DuplicateId, Some(&id), msg);
                continue;
            }
            done.push((id.clone(), cx.files[fi].src.line_col(r.indicator.span().start).0));
            let own = inds.iter().any(|(f, i)| *f == fi && i.id.get() == &id);
            let inherited = (0..fi).any(|pf| cx.files[pf].raw.indicators.iter().any(|i| i.id.get() == &id));
            // A later file overrode what this one removes: the mistake is the later file's.
            if inherited && let Some((later, item)) = inds.iter().find(|(f, i)| *f > fi && i.id.get() == &id) {
                let (later, span) = (*later, item.id.span());
                let msg = format!(
                    "指标 `{id}` 已被上级标准 {} 删去，下级标准不能再改写（override）或恢复它 / \
                     indicator `{id}` is removed by the parent {}: a child cannot override it or bring it back",
                    cx.files[fi].src.name, cx.files[fi].src.name
                );
                cx.at(later, Some(span), DiagCode::OverrideUnknown, Some(&id), msg);
                // Removed all the same, so that the totals say nothing more about it.
                inds.retain(|(_, i)| i.id.get() != &id);
                continue;
            }
            let (code, msg) = match inds.iter().position(|(f, i)| *f < fi && i.id.get() == &id) {
                Some(pos) if !own => {
                    inds.remove(pos);
                    continue;
                }
                _ if own && inherited => (
                    DiagCode::DuplicateId,
                    format!(
                        "本文件既改写（override）又删去了指标 `{id}`，请只留一处 / \
                         indicator `{id}` is both overridden and removed in this file: keep one"
                    ),
                ),
                _ if own => (
                    DiagCode::OverrideUnknown,
                    format!(
                        "指标 `{id}` 是本文件自己写的，直接删掉那一条即可 / \
                         indicator `{id}` is this file's own: delete it instead of removing it"
                    ),
                ),
                _ => (
                    DiagCode::OverrideUnknown,
                    format!(
                        "上级标准中没有指标 `{id}`，无从删去 / no parent standard defines indicator `{id}` to remove"
                    ),
                ),
            };
            cx.at(fi, Some(r.indicator.span()), code, Some(&id), msg);
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
                cx.at_zh(fi, Some(u.zh.span()), DiagCode::BadValue, Some(zh), zh_msg, msg);
            } else if seen.contains(&zh) {
                cx.at(fi, Some(u.zh.span()), DiagCode::DuplicateId, Some(zh), format!("unit `{zh}` is listed twice"));
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
                cx.at_zh(*fi, Some(ri.id.span()), DiagCode::BadValue, Some(ri.id.get()), zh, msg);
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
                    cx.at_zh(*fi, Some(ri.id.span()), DiagCode::BadValue, Some(ri.id.get()), zh, msg);
                }
                Some(_) => {}
                None => seen.push((k, name)),
            }
        }
    }
}

fn facility_set(cx: &mut Cx, fi: usize, code: &Sp<String>, st: &Standard, item: &str) -> FacilitySet {
    if let Some(c) = st.categories.iter().find(|c| &c.code == code.get()) {
        return FacilitySet { code: c.code.clone(), name: c.name.clone(), categories: vec![c.code.clone()] };
    }
    if let Some(g) = st.groups.iter().find(|g| &g.code == code.get()) {
        return FacilitySet { code: g.code.clone(), name: g.name.clone(), categories: g.any_of.clone() };
    }
    cx.at(
        fi,
        Some(code.span()),
        DiagCode::UnknownCategory,
        Some(item),
        format!("unknown category or group `{}`", code.get()),
    );
    FacilitySet { code: code.get().clone(), name: Text::new(code.get(), code.get()), categories: Vec::new() }
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
                    cx.at(fi, Some(m.span()), DiagCode::UnknownReference, Some(item), format!("unknown figure `{k}`"))
                }
                Some(f) if area_only && f.unit != "m2" => cx.at(
                    fi,
                    Some(m.span()),
                    DiagCode::UnknownUnit,
                    Some(item),
                    format!("area_share needs figures in m2, but `{k}` is in {}", f.unit),
                ),
                _ => {}
            }
            Measure::Figure(k)
        }
        Some(other) => other,
        None => {
            let allowed = if area_only {
                "figure:<key>"
            } else {
                "chain_outlets, commercial_outlets, population, households or figure:<key>"
            };
            cx.at(
                fi,
                Some(m.span()),
                DiagCode::BadParameter,
                Some(item),
                format!("unknown measure `{w}` (use {allowed})"),
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
        cx.at(
            fi,
            Some(r.dimension.span()),
            DiagCode::UnknownReference,
            Some(item),
            format!("unknown dimension `{}`", r.dimension.get()),
        );
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
            cx.at_zh(
                fi,
                Some(r.kind.span()),
                DiagCode::BadValue,
                Some(item),
                not_allowed_zh("指标类型", "kind", other, &KINDS),
                format!("unknown kind `{other}` ({})", KINDS.join(", ")),
            );
            return None;
        }
    };
    for (name, span) in &given {
        if !allowed.contains(name) {
            cx.at(
                fi,
                Some(span.clone()),
                DiagCode::BadParameter,
                Some(item),
                format!("kind `{kind_name}` does not use `{name}`"),
            );
        }
    }
    let kspan = r.kind.span();
    let need = |cx: &mut Cx, what: &str, present: bool| {
        if !present {
            cx.at(
                fi,
                Some(kspan.clone()),
                DiagCode::BadParameter,
                Some(item),
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
                format!("a limit in minutes needs the param `{WALKING_SPEED}`"),
            );
        }
    };
    let kind = match kind_name {
        "presence" => {
            if !need(cx, "target", r.target.is_some()) {
                return None;
            }
            let target = facility_set(cx, fi, r.target.as_ref()?, st, item);
            let within = match (&r.within_minutes, &r.within_m) {
                (Some(_), Some(m)) => {
                    cx.at(
                        fi,
                        Some(m.span()),
                        DiagCode::BadParameter,
                        Some(item),
                        "give `within_minutes` or `within_m`, not both".into(),
                    );
                    None
                }
                (Some(min), None) => {
                    speed_needed(cx, min.span());
                    Some(Reach::Minutes(finite(cx, fi, min, item, "within_minutes", 0.0)))
                }
                (None, Some(m)) => Some(Reach::Metres(finite(cx, fi, m, item, "within_m", 0.0))),
                (None, None) => None,
            };
            Kind::Presence { target, within }
        }
        "distinct_count" => {
            let targets = match (&r.targets, &r.class) {
                (Some(ts), None) => ts.iter().map(|t| facility_set(cx, fi, t, st, item)).collect(),
                (None, Some(class)) => {
                    if st.class(class.get()).is_none() {
                        cx.at(
                            fi,
                            Some(class.span()),
                            DiagCode::UnknownReference,
                            Some(item),
                            format!("unknown class `{}`", class.get()),
                        );
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
            Kind::Count { target: facility_set(cx, fi, r.target.as_ref()?, st, item) }
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
                None => cx.at(
                    fi,
                    Some(f.span()),
                    DiagCode::UnknownReference,
                    Some(item),
                    format!("unknown figure `{}`", f.get()),
                ),
                Some(x) if x.unit != "m2" => cx.at(
                    fi,
                    Some(f.span()),
                    DiagCode::UnknownUnit,
                    Some(item),
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
            let target = facility_set(cx, fi, r.target.as_ref()?, st, item);
            let min = r.within_minutes.as_ref()?;
            speed_needed(cx, min.span());
            Kind::WalkCoverage { target, within_minutes: finite(cx, fi, min, item, "within_minutes", 0.0) }
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
            "give only one of `at_least`, `linear`, `steps`".into(),
        );
        return None;
    } else if let Some(t) = &r.at_least {
        let v = finite(cx, fi, t, item, "at_least", f64::MIN);
        if is_fraction && !(0.0..=1.0).contains(&v) {
            cx.at(fi, Some(t.span()), DiagCode::BadRule, Some(item), fraction_message(&[v]));
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
                    format!(
                        "linear 应恰好写两个数 [零分值, 满分值]，这里有 {n} 个 / linear takes exactly two numbers [zero, full], not {n}",
                        n = other.len()
                    ),
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
                format!("linear needs two different numbers, not [{zero}, {full}]"),
            );
        }
        if is_fraction && !((0.0..=1.0).contains(&zero) && (0.0..=1.0).contains(&full)) {
            cx.at(fi, Some(l.span()), DiagCode::BadRule, Some(item), fraction_message(&[zero, full]));
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
                format!(
                    "steps must be non-empty, rising in `at_least` and `points`, with points between 0 and {points}"
                ),
            );
        }
        if is_fraction && list.iter().any(|s| !(0.0..=1.0).contains(&s.at_least)) {
            let values: Vec<f64> = list.iter().map(|s| s.at_least).collect();
            cx.at(fi, Some(steps.span()), DiagCode::BadRule, Some(item), fraction_message(&values));
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
            cx.at_zh(
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
                "`cap` needs role mandatory, gate or veto".into(),
            );
            None
        }
        (None, Role::Scored) => None,
        (None, _) => Some(Cap::NoGrade),
        (Some(c), _) if c.get() == "none" => Some(Cap::NoGrade),
        (Some(c), _) => {
            if st.grade(c.get()).is_none() {
                cx.at(
                    fi,
                    Some(c.span()),
                    DiagCode::UnknownReference,
                    Some(item),
                    format!("cap names unknown grade `{}`", c.get()),
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
                    cx.at(
                        fi,
                        Some(f.span()),
                        DiagCode::UnknownReference,
                        Some(item),
                        format!("unknown form `{}`", f.get()),
                    );
                }
            }
            Applies { forms: a.forms.iter().map(|f| f.get().clone()).collect(), new_residential: a.new_residential }
        }
    };
    if r.responsible.iter().any(|u| u.trim().is_empty()) {
        cx.at_zh(
            fi,
            Some(r.id.span()),
            DiagCode::BadValue,
            Some(item),
            "责任单位 responsible 中有一项是空的".into(),
            "a responsible unit is empty".into(),
        );
    }
    Some(Indicator {
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
    })
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
        let d = shown("status = \"official\"", "status = \"oficial\"");
        assert!(
            d[0].contains("状态 status 不能是“oficial”，须为 official、trial 或 proposal 之一 — 是不是 official？ /"),
            "{d:?}"
        );
    }

    /// Points that do not add up: both numbers in Chinese, a negative declared value called so.
    #[test]
    fn points_mismatches_give_both_numbers_in_chinese() {
        let d = shown("points = 22\n", "points = -22\n");
        let zh = d.iter().find(|d| d.contains("points_mismatch")).unwrap();
        assert!(
            zh.contains("[points_mismatch] layout: 维度声明的分值为负数（-22 分），而其指标合计 22 分 / dimension declares -22 points"),
            "{zh}"
        );
        let d = shown("points = 22\n", "points = 20\n");
        let zh = d.iter().find(|d| d.contains("points_mismatch") && d.contains("layout")).unwrap();
        assert!(zh.contains("维度声明 20 分，而其指标合计 22 分 /"), "{zh}");
        let d = shown("total_points = 100", "total_points = 90");
        let zh = d.iter().find(|d| d.contains("points_mismatch")).unwrap();
        assert!(zh.contains("总分 total_points 写的是 90 分，而各指标合计 100 分 /"), "{zh}");
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
}
