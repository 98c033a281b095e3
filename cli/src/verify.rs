//! `lifecircle verify`: assessments handed in, checked by scoring their circles again.
//!
//! An assessment names what produced it (standard id, version and digest, the date, the engine
//! version and the digest of its input), so a third party holding the circle file can score it
//! again and compare. The comparison is of the whole JSON, value by value: the differences are
//! listed by their path (`indicators[3].points`), in the order a reader needs them ([`rank`]):
//! what changed in the input and the total first, then the grade, each indicator, the
//! dimensions, the gaps and the texts. Past [`SHOWN`] lines the rest are counted (`--all` lists
//! them), but a difference in the input or the total is never left out.

use std::path::{Path, PathBuf};

use lifecircle_core::assessment::Assessment;
use lifecircle_core::standard::Standard;
use lifecircle_core::{Circle, Date};
use serde_json::Value;

use crate::terminal::visible;

/// The most differences listed for one assessment without `--all` (the rest are counted),
/// unless more of them are in the input or the total: those are always listed.
const SHOWN: usize = 12;

/// Keys of the values that are texts said in words (names, explanations, citations, actions):
/// a difference in them follows from a difference in a number or a status, so they come last.
const TEXTS: [&str; 12] = [
    "name",
    "title",
    "explanation",
    "message",
    "action",
    "detail",
    "cite",
    "points_cite",
    "responsible",
    "responsible_en",
    "reason",
    "quote",
];

/// One difference: the path of the value (`indicators[33].inputs.satisfied`), which places it
/// in the list ([`rank`]), and the line that says it.
struct Diff {
    path: String,
    line: String,
}

/// Where a difference at `path` comes in the list, first to last: the input (a circle's value
/// as an indicator read it, the circle, the date, the standard, the digests), then the total,
/// the grade, each indicator's points and status (and the checks of vetoes and gates), the
/// dimensions, the gaps and findings, and last the texts.
fn rank(path: &str) -> u8 {
    let keys: Vec<&str> = path.split('.').map(|k| k.split('[').next().unwrap_or(k)).collect();
    let first = keys.first().copied().unwrap_or_default();
    if ["as_of", "input_digest", "circle", "standard", "engine"].contains(&first) || keys.contains(&"inputs") {
        return 0;
    }
    if keys.iter().any(|k| TEXTS.contains(k)) {
        return 8;
    }
    match (first, keys.get(1).copied()) {
        ("total", _) => 1,
        ("max", _) => 2,
        ("grade", Some("grade")) => 3,
        ("grade", _) => 4,
        ("indicators" | "checks", _) => 5,
        ("dimensions", _) => 6,
        ("gaps" | "findings", _) => 7,
        _ => 8,
    }
}

/// The lines of `diffs` in [`rank`] order (stable: within a rank, in the order found): every
/// one when `all`, else the first [`SHOWN`] and, beyond them, any in the input or the total;
/// and how many were left out.
fn ordered(mut diffs: Vec<Diff>, all: bool) -> (Vec<String>, usize) {
    diffs.sort_by_key(|d| rank(&d.path));
    let n = diffs.len();
    let kept: Vec<String> = diffs
        .into_iter()
        .enumerate()
        .filter(|(i, d)| all || *i < SHOWN || rank(&d.path) <= 1)
        .map(|(_, d)| d.line)
        .collect();
    let left_out = n - kept.len();
    (kept, left_out)
}

/// Paths of the values that [`compare`] says in words (or notes) rather than as differences.
const SAID: [&str; 4] = ["engine.version", "input_digest", "standard.digest", "circle.measured_from"];

/// An assessment as handed in: what it says produced it, and its JSON text, read whole only
/// when it is compared ([`Handed::value`]): a province's assessments read as trees at once took
/// gigabytes.
pub(crate) struct Handed<'a> {
    pub circle_id: String,
    pub standard_id: String,
    pub as_of: Date,
    standard_version: String,
    standard_digest: String,
    input_digest: String,
    engine_version: String,
    text: &'a serde_json::value::RawValue,
}

impl Handed<'_> {
    /// The whole assessment (its text was read once already, so it is valid JSON with no key
    /// written twice).
    fn value(&self) -> Value {
        serde_json::from_str::<Unique>(self.text.get()).map_or(Value::Null, |u| u.0)
    }
}

/// A JSON value read with every object's keys checked for repeats.
struct Unique(Value);

impl<'de> serde::Deserialize<'de> for Unique {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(UniqueVisitor)
    }
}

/// The visitor of [`Unique`].
struct UniqueVisitor;

mod unique {
    use serde::de::{Error, MapAccess, SeqAccess, Visitor};
    use serde_json::Value;

    use super::{Unique, UniqueVisitor as V};
    impl<'de> Visitor<'de> for V {
        type Value = Unique;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E: Error>(self, b: bool) -> Result<Unique, E> {
            Ok(Unique(Value::Bool(b)))
        }
        fn visit_i64<E: Error>(self, n: i64) -> Result<Unique, E> {
            Ok(Unique(n.into()))
        }
        fn visit_u64<E: Error>(self, n: u64) -> Result<Unique, E> {
            Ok(Unique(n.into()))
        }
        fn visit_f64<E: Error>(self, n: f64) -> Result<Unique, E> {
            Ok(Unique(serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)))
        }
        fn visit_str<E: Error>(self, s: &str) -> Result<Unique, E> {
            Ok(Unique(Value::String(s.to_string())))
        }
        fn visit_string<E: Error>(self, s: String) -> Result<Unique, E> {
            Ok(Unique(Value::String(s)))
        }
        fn visit_unit<E: Error>(self) -> Result<Unique, E> {
            Ok(Unique(Value::Null))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Unique, A::Error> {
            let mut v = Vec::new();
            while let Some(Unique(x)) = a.next_element()? {
                v.push(x);
            }
            Ok(Unique(Value::Array(v)))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Unique, A::Error> {
            let mut m = serde_json::Map::new();
            while let Some(k) = a.next_key::<String>()? {
                if m.contains_key(&k) {
                    return Err(A::Error::custom(format_args!("键 `{k}` 写了两次 / the key `{k}` is written twice")));
                }
                let Unique(v) = a.next_value()?;
                m.insert(k, v);
            }
            Ok(Unique(Value::Object(m)))
        }
    }
}

/// What the first reading of an assessments file keeps: each assessment's header (or why it is
/// not an assessment), its tree dropped as soon as the header is taken; `list`: the file is a
/// list of them.
struct Heads {
    heads: Vec<Result<Head, String>>,
    list: bool,
}

/// What an assessment says produced it ([`Handed`] without its text).
struct Head {
    circle_id: String,
    standard_id: String,
    as_of: Date,
    standard_version: String,
    standard_digest: String,
    input_digest: String,
    engine_version: String,
}

/// The header of the assessment `value` (`at`: `[3].` for the fourth of a list), or why it is
/// not one, in the words the whole file's reading used before.
fn head(value: &Value, at: &str, file: &str) -> Result<Head, String> {
    let field = |pointer: &str| -> Result<String, String> {
        value.pointer(pointer).and_then(Value::as_str).map(str::to_string).ok_or_else(|| {
            let name = format!("{at}{}", pointer.trim_start_matches('/').replace('/', "."));
            format!(
                "{file}：{name} 缺失或不是文本，这不是 `lifecircle score --format json` 的评分结果 / {name} is \
                 missing or not text: not an assessment as `lifecircle score --format json` writes it"
            )
        })
    };
    let as_of = field("/as_of")?;
    let as_of = as_of.parse::<Date>().map_err(|e| format!("{file}: {at}as_of: {e}"))?;
    let standard_version = field("/standard/version")?;
    let standard_digest = field("/standard/digest")?;
    let input_digest = field("/input_digest")?;
    let engine_version = field("/engine/version")?;
    Ok(Head {
        circle_id: field("/circle/id")?,
        standard_id: field("/standard/id")?,
        as_of,
        standard_version,
        standard_digest,
        input_digest,
        engine_version,
    })
}

/// Reads [`Heads`] from a file's JSON: a list element by element (each checked for keys
/// written twice, as [`Unique`] checks them, then dropped), anything else whole.
struct HeadsSeed<'f>(&'f str);

impl<'de> serde::de::DeserializeSeed<'de> for HeadsSeed<'_> {
    type Value = Heads;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Heads, D::Error> {
        use serde::de::{Error, MapAccess, SeqAccess, Visitor};
        struct V<'f>(&'f str);
        impl V<'_> {
            fn one<E: Error>(self, u: Result<Unique, E>) -> Result<Heads, E> {
                Ok(Heads { heads: vec![head(&u?.0, "", self.0)], list: false })
            }
        }
        impl<'de> Visitor<'de> for V<'_> {
            type Value = Heads;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E: Error>(self, b: bool) -> Result<Heads, E> {
                self.one(UniqueVisitor.visit_bool(b))
            }
            fn visit_i64<E: Error>(self, n: i64) -> Result<Heads, E> {
                self.one(UniqueVisitor.visit_i64(n))
            }
            fn visit_u64<E: Error>(self, n: u64) -> Result<Heads, E> {
                self.one(UniqueVisitor.visit_u64(n))
            }
            fn visit_f64<E: Error>(self, n: f64) -> Result<Heads, E> {
                self.one(UniqueVisitor.visit_f64(n))
            }
            fn visit_str<E: Error>(self, s: &str) -> Result<Heads, E> {
                self.one(UniqueVisitor.visit_str(s))
            }
            fn visit_string<E: Error>(self, s: String) -> Result<Heads, E> {
                self.one(UniqueVisitor.visit_string(s))
            }
            fn visit_unit<E: Error>(self) -> Result<Heads, E> {
                self.one(UniqueVisitor.visit_unit())
            }
            fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Heads, A::Error> {
                let u = UniqueVisitor.visit_map(a);
                self.one(u)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Heads, A::Error> {
                let mut heads = Vec::new();
                while let Some(Unique(value)) = a.next_element()? {
                    heads.push(head(&value, &format!("[{}].", heads.len()), self.0));
                }
                Ok(Heads { heads, list: true })
            }
        }
        d.deserialize_any(V(self.0))
    }
}

/// The assessments in a file: one JSON object, or a list of them. A leading UTF-8 BOM (a
/// result saved again by Windows Notepad) is skipped, as for circle files. What is said of a
/// file that is not one says its values through [`visible`]: an assessment is no checked circle.
pub(crate) fn assessments<'a>(path: &Path, text: &'a str) -> Result<Vec<Handed<'a>>, String> {
    read_assessments(path, text).map_err(|e| visible(&e).into_owned())
}

fn read_assessments<'a>(path: &Path, text: &'a str) -> Result<Vec<Handed<'a>>, String> {
    use serde::de::DeserializeSeed;
    use serde_json::value::RawValue;
    let file = path.display().to_string();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        // Not "malformed JSON at line 1, column 0": a redirect that failed leaves an empty file.
        return Err(format!("{file}：文件是空的，没有评分结果 / the file is empty: it holds no assessment"));
    }
    // A key written twice would let a reader who takes the first see another value than the
    // one checked (serde_json keeps the last): refused, as in circle files. Each assessment's
    // tree is dropped once its header is read: the whole is read again when it is compared.
    let malformed = |e: serde_json::Error| {
        // The column in characters from 1, as for circle files (serde_json counts bytes, and 0
        // at the start of a line).
        let (line, column, message) = lifecircle_core::circle::json_error_place(text, &e);
        format!(
            "{file}：JSON 格式有误（第 {line} 行第 {column} 列） / malformed JSON at line {line}, column {column}: {message}"
        )
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let Heads { heads, list } =
        HeadsSeed(&file).deserialize(&mut de).and_then(|h| de.end().map(|()| h)).map_err(malformed)?;
    if heads.is_empty() {
        return Err(format!("{file}：没有评分结果 / holds no assessment"));
    }
    let heads = heads.into_iter().collect::<Result<Vec<Head>, String>>()?;
    // Where each assessment's text is (valid JSON, read above).
    let texts: Vec<&RawValue> = if list {
        serde_json::from_str::<Vec<&RawValue>>(text).map_err(malformed)?
    } else {
        vec![serde_json::from_str::<&RawValue>(text).map_err(malformed)?]
    };
    Ok(heads
        .into_iter()
        .zip(texts)
        .map(|(h, text)| Handed {
            circle_id: h.circle_id,
            standard_id: h.standard_id,
            as_of: h.as_of,
            standard_version: h.standard_version,
            standard_digest: h.standard_digest,
            input_digest: h.input_digest,
            engine_version: h.engine_version,
            text,
        })
        .collect())
}

/// Whether the standard at hand is the version the assessment names. A built-in standard used
/// because the assessment names it (no `--standard`) may be another version of it: then the
/// circle cannot be scored again as it was, and the message says which version to give.
pub(crate) fn version_at_hand(a: &Handed, st: &Standard) -> Result<(), String> {
    if st.version == a.standard_version {
        return Ok(());
    }
    let (v, d) = (visible(&a.standard_version), visible(&short(&a.standard_digest)).into_owned());
    Err(format!(
        "标准不同 the standard differs: 评分结果用 {} v{v}（摘要 {d}），内置的是 v{}（摘要 {}）；请用 --standard 给出 v{v} \
         的标准文件 / the assessment was made with v{v} (digest {d}), the built-in one is v{} (digest {}): give the v{v} \
         standard file with --standard",
        visible(&a.standard_id),
        st.version,
        short(&st.digest),
        st.version,
        short(&st.digest),
    ))
}

/// Whether `circle` on `as_of` is the input the assessment was scored on, whatever the
/// standard at hand: the input digest names the standard's id and version too, so it is
/// computed again under the ones the assessment names.
pub(crate) fn same_input(a: &Handed, st: &Standard, circle: &Circle) -> bool {
    let mut named = st.clone();
    named.id.clone_from(&a.standard_id);
    named.version.clone_from(&a.standard_version);
    lifecircle_core::score::input_digest(&named, circle, a.as_of) == a.input_digest
}

/// A circle given to verify: its file, its place when the file is a list, and the circle.
#[derive(Debug)]
pub(crate) struct Given {
    pub path: PathBuf,
    pub at: Option<usize>,
    pub circle: Circle,
}

impl Given {
    /// How messages name it: its file, and in a list its place (`circles.json circles[57]`).
    pub(crate) fn label(&self) -> String {
        place(&self.path, self.at)
    }
}

/// A circle given to verify whose entry in its file is invalid (an absurd value, a value of
/// the wrong type): its file, its place when the file is a list, and its id when the entry has
/// one as text (its problems are listed as it is read).
#[derive(Debug)]
pub(crate) struct Invalid {
    pub path: PathBuf,
    pub at: Option<usize>,
    pub id: Option<String>,
}

/// How messages name a circle given: its file, and in a list its place (`circles.json circles[57]`).
fn place(path: &std::path::Path, at: Option<usize>) -> String {
    match at {
        Some(k) => format!("{} circles[{k}]", path.display()),
        None => path.display().to_string(),
    }
}

/// The places of `files` sorted by circle id (then place), for [`circles_for`]: matching each
/// assessment by a search of every file was quadratic in a province's circles.
pub(crate) fn by_id(files: &[Given]) -> Vec<usize> {
    let mut ix: Vec<usize> = (0..files.len()).collect();
    ix.sort_by(|&i, &j| files[i].circle.id.cmp(&files[j].circle.id).then(i.cmp(&j)));
    ix
}

/// The circles given whose id is the assessment's circle id, in the order given (`by_id`:
/// [`by_id`] of `files`); [`one_of`] picks the one to verify. When none has it, but a circle
/// with that id was given with an invalid entry (`invalid`, its problems listed already), that
/// is said rather than that no file has the id.
pub(crate) fn circles_for<'a>(
    a: &Handed,
    files: &'a [Given],
    by_id: &[usize],
    invalid: &[Invalid],
) -> Result<Vec<&'a Given>, String> {
    let at = by_id.partition_point(|&i| files[i].circle.id < a.circle_id);
    let same: Vec<&Given> = by_id[at..].iter().map(|&i| &files[i]).take_while(|g| g.circle.id == a.circle_id).collect();
    if !same.is_empty() {
        return Ok(same);
    }
    let bad: Vec<String> = invalid
        .iter()
        .filter(|g| g.id.as_deref() == Some(a.circle_id.as_str()))
        .map(|g| place(&g.path, g.at))
        .collect();
    if !bad.is_empty() {
        return Err(format!(
            "文件中该生活圈的数据有误：{}（问题见上）/ this circle's entry in the file is invalid: {} (its problems are listed above)",
            visible(&bad.join("、")),
            visible(&bad.join(", "))
        ));
    }
    Err(no_circle_file(a))
}

/// That no circle given has the assessment's circle id.
fn no_circle_file(a: &Handed) -> String {
    let id = visible(&format!("{:?}", a.circle_id)).into_owned();
    format!("没有编号为 {id} 的生活圈文件 / no circle file has the id {id}")
}

/// Of the circles with the assessment's id ([`circles_for`], at least one), the one to verify,
/// as `measured` makes it ready to score (its distances on the network, if any): the first when
/// they are all the same circle (one file given twice, a circle listed twice), else the only one
/// whose input is the one the assessment's digest names (`same_input`), with what says so.
/// Otherwise their places are named (`circles[k]` in a list), and why none could be chosen.
pub(crate) fn one_of<'a>(
    a: &Handed,
    found: &[&'a Given],
    measured: impl Fn(&Given) -> Result<Circle, String>,
    same_input: impl Fn(&Circle) -> bool,
) -> Result<(&'a Given, Circle, Option<String>), String> {
    let Some(&first) = found.first() else { return Err(no_circle_file(a)) };
    if found.iter().all(|g| g.circle == first.circle) {
        return Ok((first, measured(first)?, None));
    }
    let mut matching: Vec<(&Given, Circle)> =
        found.iter().filter_map(|&g| measured(g).ok().filter(|c| same_input(c)).map(|c| (g, c))).collect();
    // One circle (or one given more than once) whose input the digest names.
    if !matching.is_empty() && matching.iter().all(|(g, _)| g.circle == matching[0].0.circle) {
        let (g, c) = matching.remove(0);
        let (n, at) = (found.len(), visible(&g.label()).into_owned());
        let chosen = format!(
            "编号相同的 {n} 个生活圈中按评分结果的输入摘要核验 {at} / of {n} circles with this id, {at} is the input the \
             assessment's digest names"
        );
        return Ok((g, c, Some(chosen)));
    }
    let places: Vec<String> = found.iter().map(|g| g.label()).collect();
    let (zh, en) = (visible(&places.join("、")).into_owned(), visible(&places.join(", ")).into_owned());
    let id = visible(&format!("{:?}", a.circle_id)).into_owned();
    Err(if matching.is_empty() {
        format!(
            "{zh} 的生活圈编号都是 {id}，内容不同，且没有一个与评分结果的输入摘要相符：无法确定核验哪一个 / {en} all have the \
             circle id {id} with different content, and none is the input the assessment's digest names: which one was scored?"
        )
    } else {
        let same: Vec<String> = matching.iter().map(|(g, _)| g.label()).collect();
        let (same_zh, same_en) = (visible(&same.join("、")).into_owned(), visible(&same.join(", ")).into_owned());
        format!(
            "{zh} 的生活圈编号都是 {id}，内容不同，其中 {same_zh} 都与评分结果的输入摘要相符（摘要所计的内容相同，\
             其余不同，如次序）：无法确定核验哪一个，请只给出评分时用的那一个 / {en} all have the circle id {id} with \
             different content, and {same_en} are all the input the assessment's digest names (identical in what the \
             digest covers, different elsewhere, such as order): give only the one that was scored"
        )
    })
}

/// A digest shortened for a message: its first 12 hex digits.
fn short(d: &str) -> String {
    d.chars().take(12).collect()
}

/// What scoring again found.
pub(crate) struct Outcome {
    /// Lines saying what differs; empty when the assessment verifies.
    problems: Vec<String>,
    /// A note that does not fail the check (the engine version).
    note: Option<String>,
    /// Total and grade of the assessment scored again.
    total: f64,
    grade: String,
    stamp: String,
}

impl Outcome {
    pub(crate) fn passed(&self) -> bool {
        self.problems.is_empty()
    }

    /// One line when it verifies; otherwise a line and each problem on its own line. Each line
    /// through [`visible`]: the values, keys and file names of the assessment handed in are in
    /// them, and a control character there would hide or fake a verdict.
    pub(crate) fn summary(&self) -> String {
        if self.passed() {
            let note = self.note.as_deref().map(|n| format!("; {n}")).unwrap_or_default();
            let line = format!("核验通过 verified: 总分 total {} · {} · {}{note}", self.total, self.grade, self.stamp);
            visible(&line).into_owned()
        } else {
            let mut out = "未通过核验 NOT verified:".to_string();
            for p in self.problems.iter().chain(&self.note) {
                out.push_str("\n  - ");
                out.push_str(&visible(p));
            }
            out
        }
    }
}

/// Compares an assessment handed in with the same circle scored again (`network`: with the
/// street-network data the command was given; `same_input`: [`same_input`], the circle and
/// date are those the assessment was scored on).
///
/// A different standard or different data files are said as such, and the values that differ
/// because of them are counted, not listed: they would bury the cause (unless `all`). Otherwise
/// every difference is listed by its path, in [`rank`] order ([`ordered`]: without `all`, at most
/// [`SHOWN`] but every one in the input or the total).
pub(crate) fn compare(a: &Handed, again: &Assessment, network: bool, same_input: bool, all: bool) -> Outcome {
    let handed = a.value();
    let mut problems = Vec::new();
    let (digest, version) = (&a.standard_digest, &a.standard_version);
    let other_standard = *digest != again.standard.digest;
    if other_standard {
        // The same version with other content: a file edited after scoring without a new
        // version, or a standard extending a built-in one whose text changed with the program.
        let (zh, en) = if *version == again.standard.version {
            (
                "。版本号相同而内容不同：标准文件在评分后被改过，或双方的程序版本不同（内置标准随程序更新）；\
                 请双方使用同一份打包标准（lifecircle pack 生成的 .lcs 文件，自带全部上级标准），改动标准时提高 version",
                ". The same version with other content: the file was edited after scoring, or the two sides run \
                 different builds (built-in standards change with the program); use one packed standard (the .lcs \
                 that lifecircle pack writes, which holds its parents), and raise `version` when you edit a standard",
            )
        } else {
            ("", "")
        };
        problems.push(format!(
            "标准不同 the standard differs: 评分结果用 {} v{version}（摘要 {}），核验用 v{}（摘要 {}）{zh} / the \
             assessment was made with v{version} (digest {}), this is v{} (digest {}){en}",
            a.standard_id,
            short(digest),
            again.standard.version,
            short(&again.standard.digest),
            short(digest),
            again.standard.version,
            short(&again.standard.digest)
        ));
    }
    // The data files the distances were measured from, as the assessment records them: a file
    // that differs is named, rather than left to hundreds of differing distances.
    let recorded: Vec<lifecircle_core::circle::DataFile> = handed
        .pointer("/circle/measured_from")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    let files = data_files_differ(&recorded, &again.circle.measured_from);
    let other_files = !files.is_empty();
    problems.extend(files);
    // Other data files give other distances, so another input: the files are the cause said.
    if a.input_digest != again.input_digest && !same_input && !other_files {
        problems.push(
            format!(
                "输入不同 the input differs: 输入摘要覆盖生活圈文件、评估日期（{}）与路网数据，三者之一与评分时不同 / the \
                 input digest covers the circle file, the date ({}) and any network data: one of them is not what was scored",
                a.as_of, a.as_of
            ),
        );
        if !network && recorded.is_empty() {
            // Distances measured on a street network are part of the input: without the same
            // files, the circle cannot be scored again as it was.
            problems.push(
                "若评分时用了路网数据（--network、--facilities、--origins），核验时须给出同样的文件 / if the \
                 assessment was scored on a street network (--network, --facilities, --origins), give the same files \
                 to verify"
                    .to_string(),
            );
        }
    }
    let engine = &a.engine_version;
    let note = (*engine != again.engine.version).then(|| {
        format!(
            "引擎版本不同 engine version: 评分结果 {engine}，核验 {} / assessment {engine}, scored again with {}",
            again.engine.version, again.engine.version
        )
    });
    let again_v = serde_json::to_value(again).unwrap_or(Value::Null);
    let mut diffs = Vec::new();
    differences(&handed, &again_v, "", None, &mut diffs);
    if (other_standard || other_files) && !diffs.is_empty() {
        let n = diffs.len();
        let (zh, en) = if other_standard { ("标准", "standard") } else { ("数据文件", "data files") };
        if all {
            problems.push(format!(
                "{n} 处数值随之不同（先给出同样的{zh}），逐项如下 / {n} values differ as a result (give the same {en} first), each below"
            ));
            problems.extend(ordered(diffs, true).0);
        } else {
            problems.push(format!(
                "{n} 处数值随之不同，未逐项列出（先给出同样的{zh}；加 --all 逐项列出）/ {n} values differ as a result, not \
                 listed (give the same {en} first; --all lists them)"
            ));
        }
    } else {
        let (shown, more) = ordered(diffs, all);
        problems.extend(shown);
        if more > 0 {
            problems.push(format!(
                "另有 {more} 处不同（加 --all 列出全部）/ and {more} more differences (--all lists them all)"
            ));
        }
    }
    let grade = again
        .grade
        .grade
        .as_ref()
        .map(|g| format!("{} {}", g.name.zh, g.name.en))
        .unwrap_or_else(|| "未评定等级 no grade".to_string());
    let stamp = format!(
        "{} v{} · {} · 输入摘要 input {}",
        again.standard.id,
        again.standard.version,
        again.as_of,
        short(&again.input_digest)
    );
    Outcome { problems, note, total: again.total, grade, stamp }
}

/// What differs between the data files an assessment's distances were measured from and
/// those given to verify it, by role and content (SHA-256 and datum): a file renamed or given
/// in another order is the same file. An assessment that names no files (scored before they
/// were recorded, or in the browser) leaves the check to the values.
fn data_files_differ(
    recorded: &[lifecircle_core::circle::DataFile],
    given: &[lifecircle_core::circle::DataFile],
) -> Vec<String> {
    use lifecircle_core::circle::DataFile;
    // (streets left out by name as the option that leaves them out: one form for both languages)
    let excluded = |f: &DataFile| {
        f.excluded_names.iter().flat_map(|n| n.split('、')).map(|n| format!(", --exclude-name {n}")).collect::<String>()
    };
    let name = |f: &DataFile| {
        format!("{} {} (SHA-256 {}…, {}{})", f.role, f.file, short(&f.sha256), f.crs.name(), excluded(f))
    };
    let names = |fs: &[&DataFile]| fs.iter().map(|f| name(f)).collect::<Vec<_>>().join("; ");
    if recorded.is_empty() {
        return Vec::new();
    }
    if given.is_empty() {
        let all: Vec<&DataFile> = recorded.iter().collect();
        return vec![format!(
            "评分时的步行距离按这些数据文件测得，核验时请用 --network、--facilities、--origins 与 --data-crs 给出同样的文件：{} \
             / the walking distances were measured from these files; give the same ones (--network, --facilities, \
             --origins, --data-crs) to verify: {}",
            names(&all),
            names(&all)
        )];
    }
    let key = |f: &&DataFile| (f.sha256.clone(), f.crs, f.excluded_names.clone());
    let bytes = |f: &&DataFile| (f.sha256.clone(), f.crs);
    let mut out = Vec::new();
    for role in ["network", "facilities", "origins"] {
        let mut r: Vec<&DataFile> = recorded.iter().filter(|f| f.role == role).collect();
        let mut g: Vec<&DataFile> = given.iter().filter(|f| f.role == role).collect();
        r.sort_by_key(key);
        g.sort_by_key(key);
        if r.iter().map(key).eq(g.iter().map(key)) {
            continue;
        }
        // The same files, other streets left out by name: the option is what differs.
        if r.iter().map(bytes).eq(g.iter().map(bytes)) {
            let opts = |fs: &[&DataFile]| {
                let s: String = fs.iter().map(|f| excluded(f)).collect();
                if s.is_empty() { "—".to_string() } else { s.trim_start_matches(", ").to_string() }
            };
            out.push(format!(
                "{role} 数据文件相同，按名称排除的道路不同：评分时 {}，核验用 {}；请给出与评分时同样的 --exclude-name / the same \
                 {role} files, other streets left out by name: assessment {}, given {}; give the same --exclude-name as \
                 when it was scored",
                opts(&r),
                opts(&g),
                opts(&r),
                opts(&g),
            ));
            continue;
        }
        out.push(format!(
            "{role} 数据文件不同：评分时 {}，核验用 {} / {role} data files differ: assessment {}, given {}",
            if r.is_empty() { "无".to_string() } else { names(&r) },
            if g.is_empty() { "无".to_string() } else { names(&g) },
            if r.is_empty() { "none".to_string() } else { names(&r) },
            if g.is_empty() { "none".to_string() } else { names(&g) },
        ));
    }
    out
}

/// The key an item of a list is known by: its `id`, or the `indicator` it is about.
fn key(v: &Value) -> Option<&str> {
    v.get("id").or_else(|| v.get("indicator")).and_then(Value::as_str)
}

/// The keys of a list's items when every item has one and no two share it (the indicators,
/// dimensions, checks and gaps of an assessment): such lists are compared item by item by key.
fn keys(items: &[Value]) -> Option<Vec<&str>> {
    let ks: Vec<&str> = items.iter().map(key).collect::<Option<_>>()?;
    let unique = ks.iter().enumerate().all(|(i, k)| !ks[..i].contains(k));
    unique.then_some(ks)
}

/// Every place where `handed` and `again` differ, as `path [key]: handed ≠ again` (the
/// assessment's value first; `key` the id of the list item the path is in), but for the values
/// [`SAID`] otherwise. Items of a list with keys ([`keys`]) are matched by key, so an item
/// missing or added is said once rather than as a difference in every item after it.
fn differences(handed: &Value, again: &Value, path: &str, label: Option<&str>, out: &mut Vec<Diff>) {
    if SAID.contains(&path) {
        return;
    }
    let at = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    let tag = |l: Option<&str>| l.map(|l| format!(" [{l}]")).unwrap_or_default();
    match (handed, again) {
        (Value::Object(h), Value::Object(g)) => {
            for (k, hv) in h {
                match g.get(k) {
                    Some(gv) => differences(hv, gv, &at(k), label, out),
                    None => out.push(Diff {
                        path: at(k),
                        line: format!("{}{}: 评分结果有，重新评分没有 / in the assessment only", at(k), tag(label)),
                    }),
                }
            }
            for k in g.keys().filter(|k| !h.contains_key(*k)) {
                let line = format!("{}{}: 重新评分有，评分结果没有 / in the new score only", at(k), tag(label));
                out.push(Diff { path: at(k), line });
            }
        }
        (Value::Array(h), Value::Array(g)) => {
            if h.len() != g.len() {
                let line = format!(
                    "{path}{}: {} 项 ≠ {} 项 / {} items ≠ {} items",
                    tag(label),
                    h.len(),
                    g.len(),
                    h.len(),
                    g.len()
                );
                out.push(Diff { path: path.to_string(), line });
            }
            match (keys(h), keys(g)) {
                (Some(hk), Some(gk)) => {
                    for (i, (hv, k)) in h.iter().zip(&hk).enumerate() {
                        match gk.iter().position(|x| x == k) {
                            Some(j) => differences(hv, &g[j], &format!("{path}[{i}]"), Some(k), out),
                            None => out.push(Diff {
                                path: format!("{path}[{i}]"),
                                line: format!("{path}[{i}] [{k}]: 评分结果有，重新评分没有 / in the assessment only"),
                            }),
                        }
                    }
                    for k in gk.iter().filter(|k| !hk.contains(k)) {
                        let line = format!("{path} [{k}]: 重新评分有，评分结果没有 / in the new score only");
                        out.push(Diff { path: path.to_string(), line });
                    }
                    let common = |ks: &[&str], other: &[&str]| -> Vec<String> {
                        ks.iter().filter(|k| other.contains(k)).map(|k| k.to_string()).collect()
                    };
                    if common(&hk, &gk) != common(&gk, &hk) {
                        let line = format!("{path}{}: 顺序不同 / in another order", tag(label));
                        out.push(Diff { path: path.to_string(), line });
                    }
                }
                _ => {
                    for (i, (hv, gv)) in h.iter().zip(g).enumerate() {
                        let l = key(hv).filter(|k| key(gv) == Some(*k)).or(label);
                        differences(hv, gv, &format!("{path}[{i}]"), l, out);
                    }
                }
            }
        }
        // A number is the same number however it was written: JavaScript writes 3.0 as `3`
        // (a result stored by a portal from `lifecircle-submit`), Rust as `3.0`.
        (Value::Number(h), Value::Number(g)) if h == g || h.as_f64() == g.as_f64() => {}
        (h, g) if h != g => {
            let (h, g) = brief(h, g);
            let line = format!("{path}{}: {h} ≠ {g} (评分结果 assessment ≠ 重新评分 scored again)", tag(label));
            out.push(Diff { path: path.to_string(), line });
        }
        _ => {}
    }
}

/// A value as a message shows it: a number as the reports write it (`4`, `2.5`, never `4.0`
/// beside `3`), anything else as its JSON.
fn shown(v: &Value) -> String {
    match v {
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), lifecircle_core::score::short_num),
        other => other.to_string(),
    }
}

/// Two different values short enough for one line: long texts from a little before where they
/// first differ.
fn brief(h: &Value, g: &Value) -> (String, String) {
    const WIDTH: usize = 40;
    let (h, g): (Vec<char>, Vec<char>) = (shown(h).chars().collect(), shown(g).chars().collect());
    let same = h.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let from = same.saturating_sub(10);
    let cut = |t: &[char]| {
        let end = (from + WIDTH).min(t.len());
        let head = if from > 0 { "…" } else { "" };
        let tail = if end < t.len() { "…" } else { "" };
        format!("{head}{}{tail}", t[from..end].iter().collect::<String>())
    };
    (cut(&h), cut(&g))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The lines of [`differences`], in the order found.
    fn lines(handed: &Value, again: &Value, path: &str) -> Vec<String> {
        let mut out = Vec::new();
        differences(handed, again, path, None, &mut out);
        out.into_iter().map(|d| d.line).collect()
    }

    #[test]
    fn differences_are_listed_by_path() {
        let handed =
            json!({"total": 86.97, "indicators": [{"id": "A", "points": 3.0}, {"id": "B", "points": 2.0}], "x": 1});
        let again =
            json!({"total": 80.5, "indicators": [{"id": "A", "points": 3.0}, {"id": "B", "points": 1.5}], "y": 2});
        assert_eq!(
            lines(&handed, &again, ""),
            [
                "indicators[1].points [B]: 2 ≠ 1.5 (评分结果 assessment ≠ 重新评分 scored again)",
                "total: 86.97 ≠ 80.5 (评分结果 assessment ≠ 重新评分 scored again)",
                "x: 评分结果有，重新评分没有 / in the assessment only",
                "y: 重新评分有，评分结果没有 / in the new score only",
            ]
        );
        // Long texts are shown from a little before where they first differ.
        let long = "社区综合服务设施建筑面积 1100 m² ÷ 3200 户 × 100 = 每100户 34.38 m²；要求 ≥ 30";
        assert_eq!(
            lines(&json!(long), &json!(long.replace("3200", "3100")), "why"),
            [
                // The JSON text's quote is character 0; they first differ at 25 ("3200"), so
                // 40 characters from 15 are shown.
                "why: …100 m² ÷ 3200 户 × 100 = 每100户 34.38 m²；要… ≠ …100 m² ÷ 3100 户 × 100 = 每100户 34.38 m²；要… (评分结果 assessment ≠ 重新评分 scored again)"
            ]
        );
        // `3` (as JavaScript writes 3.0) is the number 3.0.
        let numbers = lines(&json!({"points": 3, "max": 2.5}), &json!({"points": 3.0, "max": 2.5}), "");
        assert!(numbers.is_empty(), "{numbers:?}");
        assert!(lines(&handed, &handed.clone(), "").is_empty());
    }

    #[test]
    fn list_items_with_ids_are_matched_by_id() {
        // A gap left out of the assessment is said once, not as a difference in every gap after it.
        let handed = json!({"gaps": [{"indicator": "A", "lost": 1}, {"indicator": "C", "lost": 3}]});
        let again = json!({"gaps": [{"indicator": "A", "lost": 1}, {"indicator": "B", "lost": 2}, {"indicator": "C", "lost": 3}]});
        assert_eq!(
            lines(&handed, &again, ""),
            ["gaps: 2 项 ≠ 3 项 / 2 items ≠ 3 items", "gaps [B]: 重新评分有，评分结果没有 / in the new score only"]
        );
        // The same items in another order: said as such.
        let swapped = json!({"gaps": [{"indicator": "C", "lost": 3}, {"indicator": "A", "lost": 1}]});
        assert_eq!(lines(&swapped, &handed, ""), ["gaps: 顺序不同 / in another order"]);
        // Items without ids are compared by place, a nested value named by its item's id.
        let out = lines(&json!([{"id": "X", "v": [1, 2]}]), &json!([{"id": "X", "v": [1, 3]}]), "r");
        assert_eq!(out, ["r[0].v[1] [X]: 2 ≠ 3 (评分结果 assessment ≠ 重新评分 scored again)"]);
    }

    /// The input and the total first, then the grade, indicators, dimensions, gaps and texts;
    /// past the cap the rest is counted, but never an input or the total.
    #[test]
    fn differences_come_in_the_order_a_reader_needs() {
        let paths = [
            "dimensions[4].points",
            "grade.explanation.zh",
            "gaps",
            "grade.by_points.id",
            "grade.grade.id",
            "indicators[33].explanation.zh",
            "indicators[33].inputs.satisfied",
            "indicators[33].points",
            "total",
            "as_of",
            "circle.name",
        ];
        let diffs = || paths.iter().map(|p| Diff { path: p.to_string(), line: p.to_string() }).collect::<Vec<_>>();
        let (all, left_out) = ordered(diffs(), true);
        assert_eq!(left_out, 0);
        assert_eq!(
            all,
            [
                "indicators[33].inputs.satisfied",
                "as_of",
                "circle.name",
                "total",
                "grade.grade.id",
                "grade.by_points.id",
                "indicators[33].points",
                "dimensions[4].points",
                "gaps",
                "grade.explanation.zh",
                "indicators[33].explanation.zh",
            ]
        );
        // Many differences: the first SHOWN, and every input and the total beyond them.
        let mut many: Vec<Diff> =
            (0..20).map(|i| Diff { path: format!("indicators[{i}].points"), line: format!("points {i}") }).collect();
        many.push(Diff { path: "total".into(), line: "total".into() });
        for i in 0..SHOWN {
            many.push(Diff { path: format!("indicators[{i}].inputs.n"), line: format!("input {i}") });
        }
        let (shown, left_out) = ordered(many, false);
        assert_eq!(shown.len(), SHOWN + 1, "{shown:?}");
        assert_eq!(shown[SHOWN - 1], "input 11");
        assert_eq!(shown[SHOWN], "total");
        assert_eq!(left_out, 20);
    }

    /// [`circles_for`] as a search of every file: the reference for the sorted index.
    fn circles_for_by_search<'a>(a: &Handed, files: &'a [Given]) -> Vec<&'a Given> {
        files.iter().filter(|g| g.circle.id == a.circle_id).collect()
    }

    #[test]
    fn circles_are_found_by_id_as_a_search_of_every_file_finds_them() {
        // A fixed pseudo-random sequence (xorshift64).
        let mut seed: u64 = 0x0b5e_55ed;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let raw = serde_json::value::RawValue::from_string("{}".into()).unwrap();
        for round in 0..100 {
            let n = (next() % 60) as usize;
            let kinds = 1 + next() % if round % 2 == 0 { 8 } else { 200 };
            let files: Vec<Given> = (0..n)
                .map(|k| {
                    let id = format!("330303{:03}", next() % kinds);
                    let circle: Circle = serde_json::from_str(&format!(r#"{{"id":"{id}","name":"圈"}}"#)).unwrap();
                    Given { path: PathBuf::from(format!("c{k}.json")), at: None, circle }
                })
                .collect();
            let by_id = by_id(&files);
            for id in (0..kinds + 2).map(|i| format!("330303{i:03}")) {
                let a = Handed {
                    circle_id: id,
                    standard_id: String::new(),
                    as_of: "2026-12-06".parse().unwrap(),
                    standard_version: String::new(),
                    standard_digest: String::new(),
                    input_digest: String::new(),
                    engine_version: String::new(),
                    text: &raw,
                };
                let found = circles_for(&a, &files, &by_id, &[]);
                let want = circles_for_by_search(&a, &files);
                if want.is_empty() {
                    assert!(found.unwrap_err().starts_with("没有编号为"));
                } else {
                    // Every file with the id, the same ones in the order given.
                    let found = found.unwrap();
                    assert_eq!(found.len(), want.len());
                    assert!(found.iter().zip(&want).all(|(g, w)| std::ptr::eq(*g, *w)));
                }
            }
        }
    }

    /// Each assessment of a list is read as the whole file's tree holds it: its header, and
    /// its whole value when compared.
    #[test]
    fn assessments_are_read_as_the_whole_tree_has_them() {
        let one = |id: &str, total: f64| {
            serde_json::json!({"engine": {"name": "lifecircle-core", "version": "0.1.0"},
                "standard": {"id": "longwan-2024", "version": "0.1.0", "digest": "ab"},
                "as_of": "2026-12-06", "input_digest": format!("d-{id}"),
                "circle": {"id": id, "name": "圈\u{9b}"}, "total": total, "x": [1, {"y": null}]})
        };
        let list = serde_json::json!([one("a", 1.5), one("b", 3.0), one("c", 86.97)]);
        for (text, whole) in [
            (serde_json::to_string_pretty(&list).unwrap(), list.as_array().unwrap().clone()),
            (format!("\u{feff}{}", serde_json::to_string(&one("z", 2.0)).unwrap()), vec![one("z", 2.0)]),
        ] {
            let read = assessments(Path::new("r.json"), &text).unwrap();
            assert_eq!(read.len(), whole.len());
            for (h, v) in read.iter().zip(&whole) {
                assert_eq!(&h.value(), v);
                assert_eq!(Some(h.circle_id.as_str()), v.pointer("/circle/id").and_then(Value::as_str));
                assert_eq!(Some(h.input_digest.as_str()), v.pointer("/input_digest").and_then(Value::as_str));
            }
        }
        // A key written twice in the third assessment: the file is refused, at its place.
        let twice = "[{\"as_of\": \"2026-12-06\"},\n {},\n {\"a\": 1, \"a\": 2}]";
        let e = assessments(Path::new("r.json"), twice).err().expect("refused");
        assert!(e.contains("第 3 行") && e.contains("the key `a` is written twice"), "{e}");
        // Text after the list: malformed, as before.
        let e = assessments(Path::new("r.json"), "[{}] x").err().expect("refused");
        assert!(e.contains("malformed JSON at line 1"), "{e}");
    }

    #[test]
    fn a_file_that_is_not_an_assessment_is_refused_by_field() {
        let p = Path::new("result.json");
        let e = assessments(p, r#"[{"as_of": "2025-06-30"}]"#).err().expect("refused");
        assert!(e.starts_with("result.json：[0].standard.version 缺失或不是文本"), "{e}");
        let e = assessments(p, "{\n  \"total\": 1,,\n}").err().expect("refused");
        assert!(e.contains("第 2 行") && e.contains("line 2, column"), "{e}");
        let e = assessments(p, " \n").err().expect("refused");
        assert_eq!(e, "result.json：文件是空的，没有评分结果 / the file is empty: it holds no assessment");
        let e = assessments(p, "[]").err().expect("refused");
        assert!(e.contains("holds no assessment"), "{e}");
        // A BOM is not content: past it, this is a list (of nothing).
        let e = assessments(p, "\u{feff}[]").err().expect("refused");
        assert!(e.contains("holds no assessment"), "{e}");
    }
}
