//! Assessments and a district summary as CSV tables for spreadsheets: one row per circle
//! (`circles`) or per target (`district`), headers in the report's language.
//!
//! What an evaluator who scores many circles opens in Excel or WPS. The JSON assessment stays
//! the full record (explanations, inputs, gaps); the table holds what circles are compared
//! by, and the digests that tie each row to its JSON. Written for spreadsheets: UTF-8 with a
//! byte order mark (Excel reads Chinese text as GBK without it), CRLF line ends and RFC 4180
//! quoting; numbers exactly as in the JSON (shortest round-trip form, no rounding); a text
//! cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, their full-width forms,
//! tab, CR or LF at its start) gets a leading `'`, the usual guard against formula injection
//! from a circle's name; a text cell that Excel would turn into something else (a 12-digit
//! circle id into 3.30303E+11, `0330303` into 330303, `1/2` into a date) is written `="…"`,
//! which Excel keeps as the text (see [`Csv::text`] for the rule). Numbers stay numbers.
//! Provisional values stay marked: an indicator whose requirement or points are designed says
//! which in its column header (要求暂定, 分值暂定, 要求与分值暂定, as the reports say it); a
//! dimension, the total and the maximum say they include such items; the grade and stars say
//! the grade cut-offs are provisional when they are. What scoring warns of (a survey too small,
//! facilities beyond reach, origins holding fewer residents than the population …) is in the
//! 提示 / Warnings column, code and text, as the JSON's findings say it.

use crate::assessment::{Assessment, Severity, Status, provisional_mark};
use crate::district::District;
use crate::score::short_num;
use crate::standard::{Confidence, Lang};

/// A CSV document being written for a spreadsheet: UTF-8 with a byte order mark, CRLF line
/// ends, RFC 4180 quoting, formulas guarded and text kept as text (see [`Csv::text`]). The
/// CLI writes its other tables (`access nearest`, `sites`, `distance --pairs`) with it too.
pub struct Csv {
    out: String,
    /// A cell has been written on the current row (the next one needs a comma).
    in_row: bool,
}

impl Default for Csv {
    fn default() -> Csv {
        Csv::new()
    }
}

/// Whether Excel, opening a CSV, would read this text as something other than the text: a
/// number it cannot hold or shows otherwise, a date, a time, a fraction or a truth value.
///
/// - all digits, 12 or more of them (Excel shows `330303001010` as `3.30303E+11` and keeps 15
///   significant digits) or with a leading zero (`0330303` becomes 330303); digits alone
///   otherwise read as the same number and are left alone;
/// - any other number Excel would show otherwise: a decimal with trailing zeros, a leading
///   zero or a bare point (`1.50` shows as 1.5; `1200.5` shows as written and is left), an exponent (`3e5`), a
///   percentage (`50%`), thousands separators (`1,234`), a currency sign (`$5`, `¥5`),
///   parentheses (`(5)` is −5);
/// - a date, time or fraction: two or three groups of digits joined by `/`, `-` or `:`
///   (`1/2`, `1-2`, `2024/3/1`, `9:30`), a mixed fraction (`1 1/2`), a date in Chinese
///   (`3月2日`, `2024年3月`, `2024年3月2日`);
/// - `TRUE` or `FALSE` in any case.
///
/// A leading `+` or `-` is left to the formula guard.
fn excel_would_convert(s: &str) -> bool {
    if s.starts_with(['+', '-']) {
        return false;
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if digits(s) {
        return s.len() >= 12 || (s.len() > 1 && s.starts_with('0'));
    }
    if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") {
        return true;
    }
    // A decimal Excel shows exactly as written (`1200.5`, `0.25`) is left as it is: a number in
    // a column passed through stays a number one can sum. Trailing zeros (`1.50` shows 1.5), a
    // leading zero (`01.5`), a bare point (`.5`, `1.`) or more than 15 digits are shown
    // otherwise, and are kept as text below.
    if let Some((int, frac)) = s.split_once('.')
        && digits(int)
        && digits(frac)
        && (int == "0" || !int.starts_with('0'))
        && !frac.ends_with('0')
        && int.len() + frac.len() <= 15
    {
        return false;
    }
    // A number in another form: digits with a decimal point and an exponent, each optional.
    // Checked by hand: `str::parse::<f64>` would bring Rust's float parser into the widgets'
    // wasm for this one test (about 17 KB gzip of the district bundle).
    let number = |t: &str| {
        let b = t.as_bytes();
        let run = |mut i: usize| {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            (i, i - start)
        };
        let (mut i, int) = run(usize::from(matches!(b.first(), Some(b'+' | b'-'))));
        let mut frac = 0;
        if b.get(i) == Some(&b'.') {
            (i, frac) = run(i + 1);
        }
        if int + frac == 0 {
            return false;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
            let (j, exp) = run(i);
            if exp == 0 {
                return false;
            }
            i = j;
        }
        i == b.len()
    };
    let t = s.trim_end_matches('%');
    let t = t.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(t);
    let t = t.strip_prefix(['$', '¥', '￥']).unwrap_or(t);
    if number(t) || (t.contains(',') && number(&t.replace(',', ""))) {
        return true;
    }
    // Dates, times and fractions: groups of digits with one kind of separator.
    let groups = |t: &str, sep: char| {
        let parts: Vec<&str> = t.split(sep).collect();
        (2..=3).contains(&parts.len()) && parts.iter().all(|p| digits(p) && p.len() <= 4)
    };
    if groups(s, '/') || groups(s, '-') || groups(s, ':') {
        return true;
    }
    if let Some((whole, fraction)) = s.split_once(' ')
        && digits(whole)
        && groups(fraction, '/')
    {
        return true;
    }
    // 2024年3月2日, 2024年3月, 3月2日.
    let mut rest = s;
    let mut parts = 0;
    for unit in ['年', '月', '日'] {
        if let Some((n, after)) = rest.split_once(unit)
            && digits(n)
        {
            rest = after;
            parts += 1;
        }
    }
    parts >= 2 && rest.is_empty()
}

impl Csv {
    /// An empty document (its byte order mark only).
    pub fn new() -> Csv {
        Csv { out: String::from('\u{feff}'), in_row: false }
    }

    /// The document's text.
    pub fn finish(self) -> String {
        self.out
    }

    fn sep(&mut self) {
        if self.in_row {
            self.out.push(',');
        }
        self.in_row = true;
    }

    /// A text cell: quoted when it holds a comma, quote or line break; guarded when a
    /// spreadsheet would take it for a formula (a leading `'`); written `="…"` (a formula
    /// giving the text) when Excel would otherwise turn it into a number, date or fraction
    /// (`excel_would_convert`: `330303001010`, `0330303`, `1/2`, `1-2`, `3e5` …). Such a text
    /// holds only digits and separators, so the formula holds nothing else.
    pub fn text(&mut self, s: &str) {
        self.sep();
        if excel_would_convert(s) {
            self.out.push_str("\"=\"\"");
            self.out.push_str(s);
            self.out.push_str("\"\"\"");
            return;
        }
        // The full-width forms too: Chinese input methods type them, and spreadsheets may run them.
        let guard =
            matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠'));
        if !guard && !s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
            self.out.push_str(s);
            return;
        }
        self.out.push('"');
        if guard {
            self.out.push('\'');
        }
        for ch in s.chars() {
            if ch == '"' {
                self.out.push('"');
            }
            self.out.push(ch);
        }
        self.out.push('"');
    }

    /// A date cell, `YYYY-MM-DD`: written plainly, for a spreadsheet to read as the date it is.
    pub fn date(&mut self, d: &crate::Date) {
        self.sep();
        self.out.push_str(&d.to_string());
    }

    /// A number cell, written so that it reads back to the same `f64` (empty when not finite).
    pub fn num(&mut self, v: f64) {
        self.sep();
        if v.is_finite() {
            self.out.push_str(&short_num(v));
        }
    }

    /// A number as someone wrote it (`116.3370` keeps its last zero): written as it is when it
    /// is a plain decimal number (`-`, digits, one `.`), which a spreadsheet reads as that
    /// number; anything else as a [`Csv::text`] cell.
    pub fn number_as_written(&mut self, s: &str) {
        let d = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = d.split_once('.').unwrap_or((d, ""));
        let plain = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
            && (int.len() + frac.len()) < 16;
        if plain {
            self.sep();
            self.out.push_str(s);
        } else {
            self.text(s);
        }
    }

    /// A number cell with `decimals` digits after the point (coordinates, metres); empty when
    /// not finite.
    pub fn fixed(&mut self, v: f64, decimals: usize) {
        self.sep();
        if v.is_finite() {
            self.out.push_str(&format!("{v:.decimals$}"));
        }
    }

    /// Header cells in the report's language.
    pub fn heads(&mut self, lang: Lang, heads: &[(&str, &str)]) {
        for (zh, en) in heads {
            self.text(lang.pick(zh, en));
        }
    }

    /// An empty cell.
    pub fn empty(&mut self) {
        self.sep();
    }

    /// Ends the row (CRLF).
    pub fn end_row(&mut self) {
        self.out.push_str("\r\n");
        self.in_row = false;
    }
}

/// A veto or gate that scores no points: its cell is passed or failed, not 0.
fn passes_only(a: &Assessment, id: &str, max: f64) -> bool {
    max == 0.0 && a.checks.iter().any(|k| k.indicator == id)
}

/// Assessments as a table, one row per circle: who, when, against what, total and grade,
/// the checks that failed, the indicators without data and those not applicable, every dimension's and indicator's
/// points, and the digests that tie the row to its JSON assessment.
///
/// The columns are the dimensions and indicators of the assessments in the order they first
/// appear, one set per standard (by digest): with one standard, as the CLI scores, every row
/// has all of them; with several, each header starts with its standard and a row leaves the
/// other standards' cells empty. Every header says its maximum.
///
/// A batch scored against one standard can be written a row at a time instead ([`CircleRows`]),
/// with the same text.
pub fn circles(assessments: &[Assessment], lang: Lang) -> String {
    let mut cols = Columns::default();
    let several = assessments.windows(2).any(|w| w[0].standard.digest != w[1].standard.digest);
    for a in assessments {
        cols.add(a, several, lang);
    }
    let mut c = Csv::new();
    cols.header(&mut c, lang);
    for a in assessments {
        cols.row(&mut c, a, lang);
    }
    c.out
}

/// Whether the grade cut-offs `a` was graded by are designed (provisional), as its grade's
/// explanation says (「等级分数线为…暂定设计值」, added by scoring exactly when a grade of the
/// standard is provisional: the assessment has no other record of it). A test checks this
/// against every built-in standard's grades.
fn grade_cutoffs_designed(a: &Assessment) -> bool {
    let e = &a.grade.explanation;
    e.zh.contains("（等级分数线") && e.en.contains(" (the grade cut-offs")
}

/// The mark of a column that adds up items (a dimension, the total, the maximum) some of which
/// are designed: 含要求暂定的指标, 含分值暂定的指标 or 含要求与分值暂定的指标
/// ([`provisional_mark`]'s words), or nothing when every item is official.
fn includes_mark(requirement: Confidence, points: Confidence, lang: Lang) -> Option<String> {
    provisional_mark(requirement, points)
        .map(|m| format!("{}{}{}", lang.pick("含", "includes items with "), m.get(lang), lang.pick("的指标", "")))
}

/// The less sure of two confidences: provisional when either is.
fn less_sure(a: Confidence, b: Confidence) -> Confidence {
    if a == Confidence::Provisional { a } else { b }
}

/// The most designed of some (requirement, points) confidences: provisional where any is.
fn least_sure<'a>(items: impl Iterator<Item = &'a crate::assessment::IndicatorResult>) -> (Confidence, Confidence) {
    items.fold((Confidence::Verified, Confidence::Verified), |(req, pts), r| {
        (less_sure(r.confidence, req), less_sure(r.points_confidence, pts))
    })
}

/// The score columns of [`circles`]: (standard digest, id, header), dimensions and indicators
/// in the order they first appear; and what the total, maximum and grade columns say of
/// designed values.
struct Columns {
    dims: Vec<(String, String, String)>,
    inds: Vec<(String, String, String)>,
    /// The requirements and points the totals add up: provisional where any item's is.
    total: (Confidence, Confidence),
    /// Some assessment was graded by designed cut-offs.
    grades_designed: bool,
}

impl Default for Columns {
    fn default() -> Columns {
        Columns {
            dims: Vec::new(),
            inds: Vec::new(),
            total: (Confidence::Verified, Confidence::Verified),
            grades_designed: false,
        }
    }
}

impl Columns {
    /// Adds the columns of `a` not there yet (`several`: the batch holds more than one
    /// standard, and each header names its own).
    fn add(&mut self, a: &Assessment, several: bool, lang: Lang) {
        let std = a.standard.digest.as_str();
        let from = if several { format!("[{} v{}] ", a.standard.id, a.standard.version) } else { String::new() };
        let (req, pts) = least_sure(a.indicators.iter());
        self.total = (less_sure(req, self.total.0), less_sure(pts, self.total.1));
        self.grades_designed |= grade_cutoffs_designed(a);
        for d in &a.dimensions {
            if !self.dims.iter().any(|(s, id, _)| s == std && *id == d.id) {
                // A dimension adds up its items: designed where any of them is.
                let (req, pts) = least_sure(a.indicators.iter().filter(|r| r.dimension == d.id));
                let mark = includes_mark(req, pts, lang).map(|m| format!("{}{m}", lang.pick("；", "; ")));
                let head = format!(
                    "{from}{}{}{}{}{}",
                    d.name.get(lang),
                    lang.pick("（满分 ", " (max "),
                    short_num(d.max),
                    mark.as_deref().unwrap_or(""),
                    lang.pick("）", ")")
                );
                self.dims.push((std.to_string(), d.id.clone(), head));
            }
        }
        for r in &a.indicators {
            if !self.inds.iter().any(|(s, id, _)| s == std && *id == r.id) {
                // Which of the requirement and the points is designed, as the reports say it.
                let mark = provisional_mark(r.confidence, r.points_confidence)
                    .map(|m| format!("{}{}", lang.pick("；", "; "), m.get(lang)));
                // A veto or gate scores no points: its cell says whether it passed.
                let what = if passes_only(a, &r.id, r.max) {
                    lang.pick("（通过与否", " (passed or not").to_string()
                } else {
                    format!("{}{}", lang.pick("（满分 ", " (max "), short_num(r.max))
                };
                let head = format!(
                    "{from}{} {}{what}{}{}",
                    r.id,
                    r.name.get(lang),
                    mark.as_deref().unwrap_or(""),
                    lang.pick("）", ")"),
                );
                self.inds.push((std.to_string(), r.id.clone(), head));
            }
        }
    }

    /// Whether every column is of `a`'s standard (by digest).
    fn same_standard(&self, a: &Assessment) -> bool {
        self.dims.iter().chain(&self.inds).all(|(s, ..)| *s == a.standard.digest)
    }

    /// Whether every dimension and indicator of `a` has its column already.
    fn has_all(&self, a: &Assessment) -> bool {
        let std = a.standard.digest.as_str();
        a.dimensions.iter().all(|d| self.dims.iter().any(|(s, id, _)| s == std && *id == d.id))
            && a.indicators.iter().all(|r| self.inds.iter().any(|(s, id, _)| s == std && *id == r.id))
    }

    /// The header row. The total, maximum, grade and stars are named first, then what in them
    /// is designed (`总分 （含要求与分值暂定的指标）`): a program finds a column by its first
    /// word, as it finds an indicator's by its id.
    fn header(&self, c: &mut Csv, lang: Lang) {
        c.heads(
            lang,
            &[
                ("生活圈编号", "Circle id"),
                ("生活圈名称", "Circle name"),
                ("示例数据", "Sample data"),
                ("评估日期", "As of"),
                ("评价标准", "Standard"),
                ("标准版本", "Standard version"),
            ],
        );
        let marked = |c: &mut Csv, head: &str, mark: Option<String>| match mark {
            Some(m) => c.text(&format!("{head} {}{m}{}", lang.pick("（", "("), lang.pick("）", ")"))),
            None => c.text(head),
        };
        let (req, pts) = self.total;
        marked(c, lang.pick("总分", "Total"), includes_mark(req, pts, lang));
        // The maximum adds up points only.
        marked(c, lang.pick("满分", "Max"), includes_mark(Confidence::Verified, pts, lang));
        let cutoffs = |zh: &str, en: &str| self.grades_designed.then(|| lang.pick(zh, en).to_string());
        marked(c, lang.pick("等级", "Grade"), cutoffs("分数线暂定", "provisional cut-offs"));
        marked(c, lang.pick("星级", "Stars"), cutoffs("等级分数线暂定", "provisional grade cut-offs"));
        c.heads(
            lang,
            &[
                ("未通过的否决项、门槛与必备项", "Failed vetoes, gates and mandatory items"),
                ("缺数据的指标", "Indicators without data"),
                ("不适用的指标（按满分计）", "Indicators not applicable (full points)"),
                ("整改项数", "Gaps"),
                ("提示（评分时的警告）", "Warnings (from scoring)"),
            ],
        );
        for (_, _, h) in self.dims.iter().chain(&self.inds) {
            c.text(h);
        }
        c.heads(
            lang,
            &[
                ("输入摘要 (SHA-256)", "Input digest (SHA-256)"),
                ("步行距离测量所用数据 (SHA-256)", "Distances measured from (SHA-256)"),
                ("标准摘要 (SHA-256)", "Standard digest (SHA-256)"),
                ("计算引擎", "Engine"),
            ],
        );
        c.end_row();
    }

    /// The row of one assessment.
    fn row(&self, c: &mut Csv, a: &Assessment, lang: Lang) {
        c.text(&a.circle.id);
        c.text(&a.circle.name);
        c.text(if a.circle.sample { lang.pick("是", "yes") } else { "" });
        c.date(&a.as_of);
        c.text(&a.standard.id);
        c.text(&a.standard.version);
        c.num(a.total);
        c.num(a.max);
        match &a.grade.grade {
            Some(g) => {
                c.text(g.name.get(lang));
                match g.stars {
                    Some(s) => c.num(f64::from(s)),
                    None => c.empty(),
                }
            }
            None => {
                c.text(lang.pick("未评定等级", "no grade"));
                c.empty();
            }
        }
        let failed: Vec<&str> = a.checks.iter().filter(|k| !k.passed).map(|k| k.indicator.as_str()).collect();
        c.text(&failed.join(" "));
        let no_data: Vec<&str> =
            a.indicators.iter().filter(|r| r.status == Status::NoData).map(|r| r.id.as_str()).collect();
        c.text(&no_data.join(" "));
        let not_applicable: Vec<&str> =
            a.indicators.iter().filter(|r| r.status == Status::NotApplicable).map(|r| r.id.as_str()).collect();
        c.text(&not_applicable.join(" "));
        c.num(a.gaps.len() as f64);
        c.text(&warnings(a, lang));
        let ours = |s: &str| s == a.standard.digest;
        for (s, id, _) in &self.dims {
            match a.dimensions.iter().find(|d| ours(s) && d.id == *id) {
                Some(d) => c.num(d.points),
                None => c.empty(),
            }
        }
        for (s, id, _) in &self.inds {
            match a.indicators.iter().find(|r| ours(s) && r.id == *id) {
                Some(r) if passes_only(a, id, r.max) => {
                    let passed = a.checks.iter().any(|k| k.indicator == *id && k.passed);
                    c.text(if passed { lang.pick("通过", "passed") } else { lang.pick("未通过", "failed") });
                }
                Some(r) => c.num(r.points),
                None => c.empty(),
            }
        }
        c.text(&a.input_digest);
        // The files the distances were measured on (empty: typed in), as `verify` needs them.
        let from: Vec<String> = a
            .circle
            .measured_from
            .iter()
            .map(|f| {
                let role = match f.role.as_str() {
                    "network" => lang.pick("路网", "network"),
                    "facilities" => lang.pick("设施", "facilities"),
                    "origins" => lang.pick("居民点", "origins"),
                    other => other,
                };
                let out = match &f.excluded_names {
                    Some(names) => format!("{}{names}", lang.pick(" 排除名称含 ", " left out by name: ")),
                    None => String::new(),
                };
                format!("{role} {} ({}) {}{out}", f.file, f.crs.name(), f.sha256)
            })
            .collect();
        c.text(&from.join(lang.pick("；", "; ")));
        c.text(&a.standard.digest);
        c.text(&format!("{} {}", a.engine.name, a.engine.version));
        c.end_row();
    }
}

/// What scoring warned of (the findings of warning severity), each as `code [indicator]：text`
/// in the table's language, separated by `；` (`; ` in English); the indicators without data
/// (`missing_data`) are left to their own column.
fn warnings(a: &Assessment, lang: Lang) -> String {
    let said: Vec<String> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning && f.code != "missing_data")
        .map(|f| {
            let about = f.indicator.as_deref().map(|i| format!(" [{i}]")).unwrap_or_default();
            format!("{}{about}{}{}", f.code, lang.pick("：", ": "), f.message.get(lang))
        })
        .collect();
    said.join(lang.pick("；", "; "))
}

/// The table of [`circles`] written a row at a time, for a batch scored against one standard
/// (as the CLI scores): each row can be written as soon as its circle is scored, and no
/// assessment is kept. The text is that of [`circles`] for the same assessments.
///
/// With one standard, [`circles`]' columns are those of the first assessment: scoring gives
/// every assessment all of the standard's dimensions and indicators, in the standard's order,
/// with the same headers (names, maxima and confidences are the standard's).
pub struct CircleRows {
    lang: Lang,
    /// The columns, from the first assessment; `None` before it.
    cols: Option<Columns>,
}

/// An assessment [`CircleRows`] cannot write a row of: scored against another standard than
/// the first (its digest), or with a dimension or indicator the first had not. [`circles`]
/// writes such a batch, with every standard's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherColumns;

impl CircleRows {
    /// No row written yet.
    pub fn new(lang: Lang) -> CircleRows {
        CircleRows { lang, cols: None }
    }

    /// The text to write for `a`: the byte order mark and the header before the first row,
    /// then its row.
    ///
    /// # Errors
    /// [`OtherColumns`] when `a` needs columns the first assessment did not have.
    pub fn row(&mut self, a: &Assessment) -> Result<String, OtherColumns> {
        let mut c = match &self.cols {
            Some(cols) if cols.same_standard(a) && cols.has_all(a) => Csv { out: String::new(), in_row: false },
            Some(_) => return Err(OtherColumns),
            None => {
                let mut cols = Columns::default();
                cols.add(a, false, self.lang);
                let mut c = Csv::new();
                cols.header(&mut c, self.lang);
                self.cols = Some(cols);
                c
            }
        };
        if let Some(cols) = &self.cols {
            cols.row(&mut c, a, self.lang);
        }
        Ok(c.out)
    }

    /// The text to write after the last row: the header alone when no row was written (as
    /// [`circles`] writes an empty batch), else nothing.
    pub fn finish(self) -> String {
        match self.cols {
            Some(_) => String::new(),
            None => {
                let mut c = Csv::new();
                Columns::default().header(&mut c, self.lang);
                c.out
            }
        }
    }
}

/// A district summary's targets as a table, one row per target: year, target, the metric (its
/// name, and its code in a column of its own), the district's value and whether it is met, how
/// far short, the circles counted, the source with its confidence, and how the value is counted
/// (with that counting's own confidence). Values are written as the report shows them: a
/// fraction as a percentage (the unit column says so) with at most 2 decimals, never rounded
/// onto a target it misses ([`crate::district::TargetProgress::shown`]); the exact value, as in
/// the JSON (fractions as fractions), has a column of its own. The met column (是否达到) is one
/// vocabulary, to filter on: 是 or 否, the value on the evaluation date against the target
/// (empty without a value); the verdict column (判断) next to it reads it by the target's year,
/// in the report's words ([`crate::district::TargetProgress::verdict`] without its mark): 达到 /
/// 未达到 this year, 现已达到（按评估日数据，非当年数据）/ 至今未达到 of a past year (judged on the
/// evaluation date's circles, not that year's; 未按期达到（按建成年份计至该年底） of a count by year
/// built), 已提前达到 / 尚未达到（目标年份未到） of a later
/// year, 无法判断, or 不按本区计算 (a target above the district). Each row ends with what produced it: the standard (id,
/// version and digest), the evaluation date and the engine, as the circles' table does.
pub fn district(d: &District, lang: Lang) -> String {
    let mut c = Csv::new();
    district_heads(
        &mut c,
        lang,
        &[
            ("年份", "Year"),
            ("本年", "This year"),
            ("目标", "Target"),
            ("指标", "Metric"),
            ("指标代码", "Metric code"),
            ("单位", "Unit"),
            ("目标值（不低于）", "Target (at least)"),
            ("现状", "Value"),
            ("是否达到", "Met"),
            ("判断", "Verdict"),
            ("尚差（生活圈或社区个数）", "Short by (circles or communities)"),
            ("其中未填建成年份的生活圈", "Circles counted without a year built"),
            ("不计未填年份的圈则尚差", "Short by without them"),
            ("计入的生活圈", "Circles counted"),
            ("区级目标", "District target"),
            ("依据", "Source"),
            ("条款", "Clause"),
            ("依据可信度", "Source confidence"),
            ("口径", "Counting"),
            ("口径可信度", "Counting confidence"),
            ("现状（原值，比例为小数）", "Value (exact; fractions as decimals)"),
        ],
    );
    let yes_no = |b: bool| if b { lang.pick("是", "yes") } else { lang.pick("否", "no") };
    // The district's own targets first, then those above it (listed, not counted), as the report.
    let own = d.targets.iter().filter(|g| g.district_level);
    for g in own.chain(d.targets.iter().filter(|g| !g.district_level)) {
        let fraction = g.unit == "fraction";
        c.num(f64::from(g.year));
        c.text(if g.this_year { lang.pick("是", "yes") } else { "" });
        c.text(g.name.get(lang));
        match crate::district::metric_name(&g.metric) {
            Some(n) => c.text(n.get(lang)),
            None => c.empty(),
        }
        c.text(&g.metric);
        c.text(match g.unit.as_str() {
            "fraction" => lang.pick("百分比（%）", "percent (%)"),
            "count" => lang.pick("个数", "count"),
            other => other,
        });
        c.num(crate::score::round2(if fraction { g.at_least * 100.0 } else { g.at_least }));
        match g.shown() {
            Some(v) => c.num(crate::score::round2(v)),
            None => c.empty(),
        }
        // 是否达到: one vocabulary (是, 否, empty), to filter on.
        match g.met {
            Some(m) => c.text(yes_no(m)),
            None => c.empty(),
        }
        // 判断: what it says by the target's year, in the report's words (its verdict without the
        // mark before it).
        match g.met {
            None if !g.district_level => c.text(lang.pick("不按本区计算", "not counted here")),
            _ => {
                let verdict = g.verdict(d.as_of);
                let v = verdict.get(lang);
                c.text(v.split_once(' ').map_or(v, |(_, words)| words));
            }
        }
        match g.short_by {
            Some(n) => c.num(f64::from(n)),
            None => c.empty(),
        }
        // A count that holds circles without a year built: how many, and how far short without
        // them (0: met without them too).
        match g.undated {
            Some(u) => {
                c.num(f64::from(u.circles));
                c.num(f64::from(u.short_by));
            }
            None => {
                c.empty();
                c.empty();
            }
        }
        match &g.counted {
            Some(ids) => {
                let named: Vec<String> = ids
                    .iter()
                    .map(|id| {
                        let name = d.circles.iter().find(|x| x.id == *id).map_or("", |x| x.name.as_str());
                        format!("{name} [{id}]")
                    })
                    .collect();
                c.text(&named.join(lang.pick("、", "; ")));
            }
            None => c.empty(),
        }
        c.text(yes_no(g.district_level));
        c.text(&g.document);
        c.text(g.cite.clause.as_deref().unwrap_or(""));
        c.text(match g.cite.confidence {
            Confidence::Verified => lang.pick("已核实", "verified"),
            Confidence::Provisional => lang.pick("暂定", "provisional"),
        });
        c.text(g.how.get(lang));
        c.text(match g.counting {
            "provisional" => lang.pick("暂定", "provisional"),
            "reported" => lang.pick("区里填报", "reported by the district"),
            "none" => "",
            other => other,
        });
        match g.value {
            Some(v) => c.num(v),
            None => c.empty(),
        }
        provenance(&mut c, d);
        c.end_row();
    }
    c.out
}

/// A district table's header row: its own columns, then [`PROVENANCE`]'s.
fn district_heads(c: &mut Csv, lang: Lang, heads: &[(&str, &str)]) {
    c.heads(lang, heads);
    c.heads(lang, &PROVENANCE);
    c.end_row();
}

/// The columns that tie each row of a district table to what produced it, as the targets' table
/// ends its rows.
const PROVENANCE: [(&str, &str); 5] = [
    ("评价标准", "Standard"),
    ("标准版本", "Standard version"),
    ("评估日期", "As of"),
    ("标准摘要 (SHA-256)", "Standard digest (SHA-256)"),
    ("计算引擎", "Engine"),
];

fn provenance(c: &mut Csv, d: &District) {
    c.text(&d.standard);
    c.text(&d.standard_version);
    c.date(&d.as_of);
    c.text(&d.standard_digest);
    c.text(&format!("{} {}", d.engine.name, d.engine.version));
}

/// The district summary's circles as a table, a row per circle (`lifecircle district --format
/// csv --table circles`, the dashboard's 导出各圈表): its points and grade, whether it is built
/// and in which year, its outlets and survey, how many indicators it falls short of or has no
/// data for, and its input digest (to check against its assessment).
pub fn district_circles(d: &District, lang: Lang) -> String {
    let mut c = Csv::new();
    let heads = [
        ("生活圈", "Circle"),
        ("生活圈编号", "Circle id"),
        ("示例数据", "Sample data"),
        ("得分", "Points"),
        ("满分", "Maximum"),
        ("等级", "Grade"),
        ("等级分数线暂定", "Grade cut-offs provisional"),
        ("是否建成", "Built"),
        ("建成情况", "Standing"),
        ("建成年份", "Year built"),
        ("连锁店", "Chain outlets"),
        ("商业网点", "Commercial outlets"),
        ("满意人数", "Satisfied"),
        ("受访人数", "Respondents"),
        ("样本不足未计入全区满意度", "Too few respondents, not pooled"),
        ("指标未达到（项）", "Indicators short"),
        ("指标缺数据（项）", "Indicators without data"),
        ("输入摘要 (SHA-256)", "Input digest (SHA-256)"),
    ];
    district_heads(&mut c, lang, &heads);
    let yes = |b: bool| if b { lang.pick("是", "yes") } else { "" };
    for x in &d.circles {
        c.text(&x.name);
        c.text(&x.id);
        c.text(yes(x.sample));
        c.num(x.total);
        c.num(x.max);
        match &x.grade {
            Some(g) => c.text(g.name.get(lang)),
            None => c.empty(),
        }
        c.text(yes(x.grade.is_some() && d.grades_provisional));
        // Built on the evaluation date (a circle built after it is not there yet).
        c.text(if x.built && !d.after_date(x) { lang.pick("是", "yes") } else { lang.pick("否", "no") });
        // (as the report: one built after the evaluation date meets the standard, is not built yet)
        c.text(&if x.built && d.after_date(x) {
            lang.pick("达到建成要求", "meets the standard").to_string()
        } else {
            x.standing(lang)
        });
        match x.built_year {
            Some(y) => c.num(f64::from(y)),
            None => c.empty(),
        }
        c.num(f64::from(x.chain_outlets));
        c.num(f64::from(x.commercial_outlets));
        match (x.satisfied, x.respondents) {
            (Some(s), Some(r)) => {
                c.num(f64::from(s));
                c.num(f64::from(r));
            }
            _ => {
                c.empty();
                c.empty();
            }
        }
        c.text(yes(x.survey_left_out));
        c.num(f64::from(x.gaps_short));
        c.num(f64::from(x.gaps_no_data));
        c.text(&x.input_digest);
        provenance(&mut c, d);
        c.end_row();
    }
    c.out
}

/// What the district's circles lack as a table for the responsible units (`lifecircle district
/// --format csv --table tasks`, the dashboard's 导出任务清单): a row per lead unit, indicator and
/// circle, so that a spreadsheet's filter on 责任单位 gives a unit its list and a pivot table
/// counts it ([`District::units`]; every circle named, where the report names ten).
pub fn district_tasks(d: &District, lang: Lang) -> String {
    let mut c = Csv::new();
    let heads = [
        ("责任单位", "Responsible unit"),
        ("优先级", "Priority"),
        ("类别", "Kind"),
        ("指标编号", "Indicator id"),
        ("指标", "Indicator"),
        ("要求可信度", "Requirement confidence"),
        ("生活圈", "Circle"),
        ("生活圈编号", "Circle id"),
        ("情况", "Status"),
        ("做法", "What to do"),
        ("全部责任单位（*为牵头）", "All responsible units (* leads)"),
    ];
    district_heads(&mut c, lang, &heads);
    let names = d.names();
    for (unit, list) in d.units() {
        for g in list.iter().filter_map(|&i| d.gaps.get(i)) {
            let rows = g.short.iter().map(|id| (id, true)).chain(g.no_data.iter().map(|id| (id, false)));
            for (id, short) in rows {
                c.text(&g.unit_name(unit, lang));
                c.num(f64::from(g.priority));
                c.text(crate::report::priority_name(lang, g.priority));
                c.text(&g.indicator);
                c.text(g.name.get(lang));
                c.text(match g.confidence {
                    Confidence::Verified => lang.pick("已核实", "verified"),
                    Confidence::Provisional => lang.pick("暂定", "provisional"),
                });
                c.text(names.get(id).unwrap_or(""));
                c.text(id);
                if short {
                    c.text(lang.pick("未达到", "short"));
                    c.text(g.action.get(lang));
                } else {
                    c.text(lang.pick("缺数据", "no data"));
                    c.text(lang.pick("先补充数据，再评", "provide the data first"));
                }
                let all = if lang == Lang::En && g.responsible_en.len() == g.responsible.len() {
                    &g.responsible_en
                } else {
                    &g.responsible
                };
                c.text(&all.join(lang.pick("、", "; ")));
                provenance(&mut c, d);
                c.end_row();
            }
        }
    }
    c.out
}

#[cfg(test)]
mod tests {
    use super::Csv;

    fn cells(f: impl FnOnce(&mut Csv)) -> String {
        let mut c = Csv::new();
        f(&mut c);
        c.out.trim_start_matches('\u{feff}').to_string()
    }

    #[test]
    fn text_cells_are_quoted_only_when_they_must_be_and_formulas_are_guarded() {
        assert_eq!(cells(|c| c.text("镇中社区")), "镇中社区");
        assert_eq!(cells(|c| c.text("a,b")), "\"a,b\"");
        assert_eq!(cells(|c| c.text("say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(cells(|c| c.text("two\nlines")), "\"two\nlines\"");
        assert_eq!(cells(|c| c.text("=HYPERLINK(\"x\")")), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cells(|c| c.text("-1+2")), "\"'-1+2\"");
        assert_eq!(cells(|c| c.text("@SUM(A1)")), "\"'@SUM(A1)\"");
        // A date as text is kept as text; a date is written as one (`Csv::date`).
        assert_eq!(cells(|c| c.text("2026-12-05")), "\"=\"\"2026-12-05\"\"\"");
        assert_eq!(cells(|c| c.date(&"2026-12-05".parse().unwrap())), "2026-12-05");
        // Full-width forms, as Chinese input methods type them.
        assert_eq!(cells(|c| c.text("＝1+1")), "\"'＝1+1\"");
        assert_eq!(cells(|c| c.text("＠某社区")), "\"'＠某社区\"");
        assert_eq!(cells(|c| c.text("某社区＝1")), "某社区＝1");
    }

    #[test]
    fn text_that_excel_would_convert_is_written_as_text() {
        let kept = |s: &str| format!("\"=\"\"{s}\"\"\"");
        // Ids and names Excel would turn into numbers, dates or fractions.
        for s in [
            "330303001010",
            "0330303",
            "1/2",
            "1-2",
            "2024/3/1",
            "9:30",
            "3e5",
            "1e+5",
            "1.",
            "1.50",
            "01.5",
            "1.2345678901234567",
            ".5",
            "50%",
            "1,234",
            "(5)",
            "¥5",
            "1 1/2",
            "3月2日",
            "2024年3月",
            "2024年3月2日",
            "TRUE",
            "false",
        ] {
            assert_eq!(cells(|c| c.text(s)), kept(s), "{s}");
        }
        // Text Excel keeps, and digits it reads as the same number, are written as they are.
        for s in [
            "镇中社区",
            "123",
            "0",
            "1200.5",
            "0.25",
            "0.1.0",
            "LW-V01",
            "330303001010-demo",
            "2024年度",
            "e5",
            "1e",
            "1.2.",
            "inf",
            "1/2/3/4",
        ] {
            assert_eq!(cells(|c| c.text(s)), s, "{s}");
        }
        // The formula guard still comes first; numbers stay numbers.
        assert_eq!(cells(|c| c.text("-1/2")), "\"'-1/2\"");
        assert_eq!(cells(|c| c.text("-5")), "\"'-5\"");
        assert_eq!(cells(|c| c.num(330303001010.0)), "330303001010");
        assert_eq!(cells(|c| c.fixed(12.345, 1)), "12.3");
        // A coordinate as it was typed stays a number, its last zero kept.
        assert_eq!(cells(|c| c.number_as_written("116.3370")), "116.3370");
        assert_eq!(cells(|c| c.number_as_written("-27.9")), "-27.9");
        assert_eq!(cells(|c| c.number_as_written("1/2")), "\"=\"\"1/2\"\"\"");
        assert_eq!(cells(|c| c.number_as_written("=1+1")), "\"'=1+1\"");
    }

    #[test]
    fn circles_scored_against_two_standards_keep_each_standards_columns() {
        use crate::standard::{Lang, load_builtin};
        // A circle that both standards read: nothing filled in yet.
        let circle = crate::Circle::from_json(r#"{"id": "t", "name": "某社区"}"#).unwrap();
        let as_of = "2025-06-30".parse().unwrap();
        let longwan = crate::score(&load_builtin("longwan-2024").unwrap(), &circle, as_of).unwrap();
        let mofcom = crate::score(&load_builtin("mofcom-2021").unwrap(), &circle, as_of).unwrap();
        let one = super::circles(std::slice::from_ref(&longwan), Lang::Zh);
        let both = super::circles(&[longwan.clone(), mofcom.clone()], Lang::Zh);
        let rows = |t: &str| -> Vec<Vec<String>> {
            t.trim_start_matches('\u{feff}')
                .split("\r\n")
                .filter(|r| !r.is_empty())
                .map(|r| r.split(',').map(String::from).collect())
                .collect()
        };
        let (one, both) = (rows(&one), rows(&both));
        // One standard: no prefix. Two: every score column is one standard's, named so, and
        // a row has cells only under its own standard's columns.
        assert!(one[0].iter().any(|h| h.starts_with("MC-T01 ")), "{:?}", one[0]);
        let col =
            |prefix: &str| both[0].iter().position(|h| h.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix}"));
        let (lw, mc) = (col("[longwan-2024 v0.1.0] MC-T01 "), col("[mofcom-2021 v0.1.0] MC-T01 "));
        assert!(
            both[0][lw].contains("满分 10") && both[0][mc].contains("满分 20"),
            "{} / {}",
            both[0][lw],
            both[0][mc]
        );
        let points = |a: &crate::Assessment| {
            crate::score::short_num(a.indicators.iter().find(|r| r.id == "MC-T01").unwrap().points)
        };
        assert_eq!((both[1][lw].as_str(), both[1][mc].as_str()), (points(&longwan).as_str(), ""));
        assert_eq!((both[2][lw].as_str(), both[2][mc].as_str()), ("", points(&mofcom).as_str()));
        assert!(both.iter().all(|r| r.len() == both[0].len()));
        // A dimension adds up designed points: said so, as the items' columns are.
        assert!(one[0].iter().any(|h| h == "布局合理、快捷便利（满分 24；含分值暂定的指标）"), "{:?}", one[0]);
    }

    /// A table's rows of cells, read independently of the writer: by the CSV imports' reader.
    fn parsed(t: &str) -> Vec<Vec<String>> {
        crate::access::import::csv::records(t).unwrap().into_iter().map(|(_, row)| row).collect()
    }

    /// The header row of `circles` for `a` alone.
    fn heads(a: &crate::Assessment, lang: crate::standard::Lang) -> Vec<String> {
        parsed(&super::circles(std::slice::from_ref(a), lang)).swap_remove(0)
    }

    /// Each header says what in its column is designed: an indicator which of its requirement
    /// and points (as the reports' marks), a dimension, the total and the maximum that they
    /// include such items, the grade and stars that the cut-offs are designed.
    #[test]
    fn headers_say_which_values_are_designed() {
        use crate::standard::{Lang, load_builtin};
        let as_of = "2025-06-30".parse().unwrap();
        let circle = crate::Circle::from_json(r#"{"id": "t", "name": "某社区"}"#).unwrap();
        let a = crate::score(&load_builtin("longwan-2024").unwrap(), &circle, as_of).unwrap();
        let zh = heads(&a, Lang::Zh);
        let head = |id: &str| zh.iter().find(|h| h.starts_with(&format!("{id} "))).unwrap_or_else(|| panic!("{id}"));
        // longwan-2024.toml: MC-L01's requirement is verified (its `cite`), its points are not
        // (`points_cite` provisional); LW-B06's `cite` is provisional and it has no
        // `points_cite`, so both are designed; the veto LW-V01 likewise.
        assert!(head("MC-L01").ends_with("（满分 4；分值暂定）"), "{}", head("MC-L01"));
        assert!(head("LW-B06").ends_with("（满分 1；要求与分值暂定）"), "{}", head("LW-B06"));
        assert!(head("LW-V01").ends_with("（通过与否；要求与分值暂定）"), "{}", head("LW-V01"));
        // The totals add up both kinds; the maximum adds up points only. The grades are
        // mofcom-2021's, whose cut-offs are designed (their `cite` is provisional).
        assert_eq!(
            &zh[6..10],
            [
                "总分 （含要求与分值暂定的指标）",
                "满分 （含分值暂定的指标）",
                "等级 （分数线暂定）",
                "星级 （等级分数线暂定）"
            ]
        );
        let en = heads(&a, Lang::En);
        assert_eq!(
            &en[6..10],
            [
                "Total (includes items with provisional requirement and points)",
                "Max (includes items with provisional points)",
                "Grade (provisional cut-offs)",
                "Stars (provisional grade cut-offs)"
            ]
        );
        assert!(en.iter().any(|h| h.starts_with("MC-L01 ") && h.ends_with("(max 4; provisional points)")), "{en:?}");
        // A standard whose every value is official: no mark anywhere.
        let text = crate::standard::builtin_text("mofcom-2021").unwrap();
        let official = text.replace("confidence = \"provisional\"", "confidence = \"verified\"");
        let st = crate::standard::resolve::resolve("m.toml", &official, &crate::standard::builtin_parent).unwrap();
        let a = crate::score(&st, &circle, as_of).unwrap();
        let zh = heads(&a, Lang::Zh);
        assert!(zh.iter().all(|h| !h.contains("暂定")), "{zh:?}");
        assert_eq!(&zh[6..10], ["总分", "满分", "等级", "星级"]);
    }

    /// The grade's mark is read from its explanation (the assessment keeps no other record of
    /// the cut-offs' confidence): it agrees with the standard's grades, built-in or not.
    #[test]
    fn the_grade_mark_follows_the_standards_grades() {
        use crate::standard::{Confidence, load_builtin};
        let as_of = "2025-06-30".parse().unwrap();
        let circles = [
            crate::Circle::from_json(r#"{"id": "t", "name": "某社区"}"#).unwrap(),
            crate::Circle::from_json(crate::example::EXAMPLES[0].json).unwrap(),
        ];
        let mut seen = false;
        for b in crate::standard::BUILTIN {
            let st = load_builtin(b.id).unwrap();
            let designed = st.grades.iter().any(|g| g.cite.confidence == Confidence::Provisional);
            // (the sample is written for longwan-2024's categories)
            for c in circles.iter().filter(|c| c.id == "t" || b.id == "longwan-2024") {
                let a = crate::score(&st, c, as_of).unwrap();
                assert_eq!(super::grade_cutoffs_designed(&a), designed, "{} {}", b.id, c.id);
            }
            seen |= designed;
        }
        assert!(seen, "built-ins with designed grades");
        // Grades made official by a standard of one's own: no mark.
        let text = crate::standard::builtin_text("mofcom-2021").unwrap();
        let at = text.find("[[grades]]").unwrap();
        let official = format!(
            "{}{}",
            &text[..at],
            text[at..].replace("confidence = \"provisional\"", "confidence = \"verified\"")
        );
        let st = crate::standard::resolve::resolve("m.toml", &official, &crate::standard::builtin_parent).unwrap();
        assert!(st.grades.iter().all(|g| g.cite.confidence == Confidence::Verified));
        // (a circle graded, and one whose grade is withheld: the explanation differs)
        let case: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/cases/mofcom-2021/plausible-circle-hand-worked.json"))
                .unwrap();
        let graded = crate::Circle::from_json(&case["circle"].to_string()).unwrap();
        for c in [&graded, &circles[0]] {
            let a = crate::score(&st, c, as_of).unwrap();
            assert!(!super::grade_cutoffs_designed(&a), "{}", a.grade.explanation.zh);
        }
        let provisional = crate::score(&load_builtin("mofcom-2021").unwrap(), &graded, as_of).unwrap();
        assert!(provisional.grade.grade.is_some() && super::grade_cutoffs_designed(&provisional));
    }

    /// What scoring warns of has a column: code, indicator and the finding's own words, as
    /// the JSON says them; indicators without data keep their own column.
    #[test]
    fn warnings_have_a_column() {
        use crate::standard::{Lang, load_builtin};
        let as_of = "2025-06-30".parse().unwrap();
        let st = load_builtin("longwan-2024").unwrap();
        // The sample circle's origins hold its 9600 residents: with a population of 9601 one
        // is in no origin; a survey of 5 answers is below MC-R01's minimum sample.
        let mut v: serde_json::Value = serde_json::from_str(crate::example::EXAMPLES[0].json).unwrap();
        assert_eq!(v["population"], 9600);
        v["population"] = 9601.into();
        v["surveys"]["overall"]["respondents"] = 5.into();
        v["surveys"]["overall"]["satisfied"] = 4.into();
        let a = crate::score(&st, &crate::Circle::from_json(&v.to_string()).unwrap(), as_of).unwrap();
        let warned: Vec<&crate::assessment::Finding> = a
            .findings
            .iter()
            .filter(|f| f.severity == crate::assessment::Severity::Warning && f.code != "missing_data")
            .collect();
        let codes: Vec<&str> = warned.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["sample_too_small", "origins_population"], "{warned:?}");
        for lang in [Lang::Zh, Lang::En] {
            let rows = parsed(&super::circles(std::slice::from_ref(&a), lang));
            let head = lang.pick("提示（评分时的警告）", "Warnings (from scoring)");
            let col = rows[0].iter().position(|h| h == head).expect("a warnings column");
            let (sep, colon) = (lang.pick("；", "; "), lang.pick("：", ": "));
            let want = format!(
                "sample_too_small [MC-R01]{colon}{}{sep}origins_population{colon}{}",
                warned[0].message.get(lang),
                warned[1].message.get(lang)
            );
            assert_eq!(rows[1][col], want);
            assert_eq!(rows[1].len(), rows[0].len());
            // (indicators without data keep their column: MC-R01's survey is too small to use)
            let no_data = rows[0].iter().position(|h| h == lang.pick("缺数据的指标", "Indicators without data"));
            assert_eq!(rows[1][no_data.expect("column")], "MC-R01");
        }
        assert!(warned[0].message.zh.contains("满意度调查仅 5 份，少于最低样本"), "{}", warned[0].message.zh);
    }

    #[test]
    fn rows_written_one_at_a_time_are_the_whole_table_and_refuse_another_standard() {
        use crate::standard::{Lang, load_builtin};
        let as_of = "2025-06-30".parse().unwrap();
        let longwan = load_builtin("longwan-2024").unwrap();
        let scored: Vec<crate::Assessment> =
            ["{\"id\": \"a\", \"name\": \"甲\"}", "{\"id\": \"b\", \"name\": \"=乙\"}"]
                .iter()
                .map(|j| crate::score(&longwan, &crate::Circle::from_json(j).unwrap(), as_of).unwrap())
                .collect();
        let mut rows = super::CircleRows::new(Lang::En);
        let mut text: String = scored.iter().map(|a| rows.row(a).unwrap()).collect();
        text += &rows.finish();
        assert_eq!(text, super::circles(&scored, Lang::En));
        // No row: the header alone, as for an empty batch.
        assert_eq!(super::CircleRows::new(Lang::Zh).finish(), super::circles(&[], Lang::Zh));
        // Another standard's assessment needs its own columns: refused, not written under
        // the first standard's.
        let mofcom = load_builtin("mofcom-2021").unwrap();
        let other = crate::score(&mofcom, &crate::Circle::from_json(r#"{"id": "c", "name": "丙"}"#).unwrap(), as_of);
        let mut rows = super::CircleRows::new(Lang::Zh);
        assert!(rows.row(&scored[0]).is_ok());
        assert_eq!(rows.row(&other.unwrap()), Err(super::OtherColumns));
    }

    #[test]
    fn numbers_read_back_exactly_and_rows_end_in_crlf() {
        let s = cells(|c| {
            c.num(19.97);
            c.num(-3.0);
            c.num(0.1 + 0.2);
            c.num(2.5e20);
            c.num(f64::NAN);
            c.empty();
            c.end_row();
            c.text("x");
        });
        assert_eq!(s, "19.97,-3,0.30000000000000004,2.5e20,,\r\nx");
        for cell in ["19.97", "0.30000000000000004", "2.5e20"] {
            let v: f64 = cell.parse().unwrap();
            assert_eq!(super::short_num(v), cell);
        }
    }
}
