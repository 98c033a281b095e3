//! An assessment as a readable report: plain text for the terminal, or Markdown.
//!
//! Chinese by default, English on request. Pure string building: the CLI prints it, the
//! browser can show it.

use std::borrow::Cow;
use std::fmt::Write;

use crate::assessment::{
    Assessment, Severity, Status, provisional_mark, provisional_note, responsible_name, split_lead,
};
use crate::score::{fmt_num, points_word};
use crate::standard::{Confidence, Lang, Role};

/// Output format of a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Markdown,
}

struct L {
    lang: Lang,
}

impl L {
    fn parens(&self) -> (&'static str, &'static str) {
        match self.lang {
            Lang::Zh => ("（", "）"),
            Lang::En => (" (", ")"),
        }
    }

    fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }
}

fn status_word(l: &L, s: Status) -> &'static str {
    match (l.lang, s) {
        (Lang::Zh, Status::Met) => "达标",
        (Lang::Zh, Status::Partly) => "部分达标",
        (Lang::Zh, Status::NotMet) => "未达标",
        (Lang::Zh, Status::NoData) => "缺数据",
        (Lang::Zh, Status::NotApplicable) => "不适用",
        (Lang::En, Status::Met) => "met",
        (Lang::En, Status::Partly) => "partly met",
        (Lang::En, Status::NotMet) => "not met",
        (Lang::En, Status::NoData) => "no data",
        (Lang::En, Status::NotApplicable) => "not applicable",
    }
}

/// A datum as an English reader knows it.
fn crs_en(c: crate::access::Crs) -> &'static str {
    match c {
        crate::access::Crs::Wgs84 => "WGS-84 (GPS, OSM)",
        crate::access::Crs::Gcj02 => "GCJ-02 (AMap, Tencent)",
        crate::access::Crs::Bd09 => "BD-09 (Baidu)",
    }
}

fn role_word(l: &L, r: Role) -> &'static str {
    role_name(l.lang, r)
}

fn priority_word(l: &L, p: u8) -> &'static str {
    priority_name(l.lang, p)
}

/// An indicator's role in words, as the reports, tables and widgets say it.
#[must_use]
pub fn role_name(lang: Lang, r: Role) -> &'static str {
    match (lang, r) {
        (Lang::Zh, Role::Veto) => "否决项",
        (Lang::Zh, Role::Gate) => "门槛",
        (Lang::Zh, Role::Mandatory) => "必备项",
        (Lang::Zh, Role::Scored) => "计分项",
        (Lang::En, Role::Veto) => "veto",
        (Lang::En, Role::Gate) => "gate",
        (Lang::En, Role::Mandatory) => "mandatory",
        (Lang::En, Role::Scored) => "scored",
    }
}

/// A gap's priority in words (1 veto, 2 gate, 3 mandatory, 4 scored: the role it comes from),
/// as the reports, tables and widgets say it.
#[must_use]
pub fn priority_name(lang: Lang, p: u8) -> &'static str {
    let role = match p {
        1 => Role::Veto,
        2 => Role::Gate,
        3 => Role::Mandatory,
        _ => Role::Scored,
    };
    role_name(lang, role)
}

/// Text from the circle and the standard, in a Markdown report ([`md_text`]) or a plain one.
fn esc(md: bool, s: &str) -> Cow<'_, str> {
    if md { md_text(s) } else { Cow::Borrowed(s) }
}

/// A text as Markdown that shows it as written: `\ ` * _ [ ] |` escaped, `<`, `>` and `&`
/// as entities (Markdown passes raw HTML through), line breaks as spaces.
fn md_text(s: &str) -> Cow<'_, str> {
    if !s.contains(['\\', '`', '*', '_', '[', ']', '|', '<', '>', '&', '\n', '\r']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Terminal columns of a text: CJK and full-width characters take two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn bar(points: f64, max: f64, width: usize) -> String {
    let filled = if max > 0.0 { ((points / max) * width as f64).round() as usize } else { 0 };
    let filled = filled.min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// Render an assessment as a report.
pub fn render(a: &Assessment, lang: Lang, format: Format) -> String {
    render_noted(a, lang, format, None)
}

/// [`render`], with a `note` on a line of its own right under the standard's line (the CLI's
/// warning that a standard is a modified copy of a built-in one), already bilingual.
pub fn render_noted(a: &Assessment, lang: Lang, format: Format, note: Option<&str>) -> String {
    let l = L { lang };
    let md = format == Format::Markdown;
    let mut o = String::new();
    let h = |o: &mut String, level: usize, title: &str| {
        if md {
            // No blank line before the report's first line.
            let gap = if o.is_empty() { "" } else { "\n" };
            let _ = writeln!(o, "{gap}{} {title}\n", "#".repeat(level));
        } else if level == 1 {
            let _ = writeln!(o, "{title}\n{}", "=".repeat(width(title)));
        } else {
            match lang {
                Lang::Zh => {
                    let _ = writeln!(o, "\n【{title}】");
                }
                Lang::En => {
                    let _ = writeln!(o, "\n== {title} ==");
                }
            }
        }
    };
    h(&mut o, 1, l.t("一刻钟便民生活圈评估报告", "15-minute convenient living circle assessment"));
    let sample = if a.circle.sample { l.t("（示例数据）", " (sample data)") } else { "" };
    let kv = |o: &mut String, k: &str, v: &str| {
        if md {
            let _ = writeln!(o, "- **{k}**: {v}");
        } else {
            let sep = if lang == Lang::Zh { "：" } else { ": " };
            let _ = writeln!(o, "{k}{sep}{v}");
        }
    };
    kv(&mut o, l.t("生活圈", "Circle"), &format!("{}{sample} [{}]", esc(md, &a.circle.name), esc(md, &a.circle.id)));
    kv(
        &mut o,
        l.t("评价标准", "Standard"),
        &format!(
            "{} v{} {}",
            esc(md, &a.standard.id),
            esc(md, &a.standard.version),
            esc(md, a.standard.title.get(lang))
        ),
    );
    if let Some(n) = note {
        kv(&mut o, NOTE, n);
    }
    if a.standard.lineage.len() > 1 {
        let chain: Vec<String> = a.standard.lineage.iter().map(|s| format!("{} v{}", s.id, s.version)).collect();
        kv(&mut o, l.t("继承关系", "Builds on"), &crate::score::join_all(&chain, " → "));
    }
    kv(&mut o, l.t("评估日期", "As of"), &a.as_of.to_string());
    kv(&mut o, l.t("计算引擎", "Engine"), &format!("{} {}", a.engine.name, a.engine.version));
    kv(&mut o, l.t("输入摘要 (SHA-256)", "Input digest (SHA-256)"), &a.input_digest);
    kv(&mut o, l.t("标准摘要 (SHA-256)", "Standard digest (SHA-256)"), &a.standard.digest);
    // Where measured walking distances came from (what measuring them again needs); none
    // recorded when they were typed in or measured elsewhere.
    if !a.circle.measured_from.is_empty() {
        let files: Vec<String> = a
            .circle
            .measured_from
            .iter()
            .map(|f| {
                let role = match f.role.as_str() {
                    "network" => l.t("路网", "network"),
                    "facilities" => l.t("设施", "facilities"),
                    "origins" => l.t("居民点", "origins"),
                    other => other,
                };
                let sha = f.sha256.get(..12).unwrap_or(&f.sha256);
                let file = esc(md, &f.file);
                // Streets left out by name: measuring again needs the same (`--exclude-name`).
                let out = match &f.excluded_names {
                    Some(names) => {
                        format!(
                            "{}{}{}",
                            l.t("，排除名称含 ", ", streets named with "),
                            esc(md, names),
                            l.t(" 的道路", " left out")
                        )
                    }
                    None => String::new(),
                };
                match lang {
                    Lang::Zh => format!("{role} {file}（{}，SHA-256 {sha}…{out}）", f.crs.label_zh()),
                    Lang::En => format!("{role} {file} ({}, SHA-256 {sha}…{out})", crs_en(f.crs)),
                }
            })
            .collect();
        let files = crate::score::join_all(&files, l.t("；", "; "));
        kv(&mut o, l.t("步行距离测自", "Walking distances measured from"), &files);
    }

    h(&mut o, 2, l.t("总分与等级", "Total and grade"));
    let grade = match &a.grade.grade {
        Some(g) => format!(
            "{}{}",
            g.name.get(lang),
            g.stars.map(|s| format!(" {}", "★".repeat(s as usize))).unwrap_or_default()
        ),
        None => l.t("未评定等级", "no grade").to_string(),
    };
    kv(&mut o, l.t("总分", "Total"), &format!("{} / {}", fmt_num(a.total), fmt_num(a.max)));
    kv(&mut o, l.t("等级", "Grade"), &grade);
    kv(&mut o, l.t("说明", "Why"), a.grade.explanation.get(lang));

    if !a.checks.is_empty() {
        h(&mut o, 2, l.t("门槛、否决项与必备项", "Gates, vetoes and mandatory items"));
        for c in &a.checks {
            let mark = if c.passed { "✔" } else { "✘" };
            let verdict = a.verdict(c, lang);
            let (open, close) = l.parens();
            // A designed gate, veto or mandatory item (its threshold in `cite`, its role and
            // what it does to the grade in `points_cite`) is marked as the indicator list
            // marks it, from the indicator's own confidences.
            let prov = a
                .indicators
                .iter()
                .find(|r| r.id == c.indicator)
                .and_then(|r| provisional_mark(r.confidence, r.points_confidence))
                .map(|m| format!(" · {}", m.get(lang)))
                .unwrap_or_default();
            let line = format!(
                "{mark} [{}] {} {verdict}{open}{}{prov}{close}",
                c.indicator,
                esc(md, c.name.get(lang)),
                role_word(&l, c.role)
            );
            let _ = writeln!(o, "{}{line}", if md { "- " } else { "  " });
        }
    }

    h(&mut o, 2, l.t("分项得分", "Dimensions"));
    if md {
        let _ = writeln!(
            o,
            "| {} | {} | {} |\n|---|---:|---:|",
            l.t("维度", "Dimension"),
            l.t("得分", "Points"),
            l.t("满分", "Max")
        );
    }
    for d in &a.dimensions {
        if md {
            let _ = writeln!(o, "| {} | {} | {} |", esc(md, d.name.get(lang)), fmt_num(d.points), fmt_num(d.max));
        } else {
            let name = d.name.get(lang);
            let widest = a.dimensions.iter().map(|d| width(d.name.get(lang))).max().unwrap_or(0);
            let pad = " ".repeat(widest.saturating_sub(width(name)));
            let (p, m) = (fmt_num(d.points), fmt_num(d.max));
            let _ = writeln!(o, "  {name}{pad}  {p:>6} / {m:<4} {}", bar(d.points, d.max, 20));
        }
    }
    if let Some(note) = dimension_note(a, lang) {
        // In Markdown a line right under a table would be read as one more row.
        let _ = writeln!(o, "{}{}", if md { "\n" } else { "  " }, esc(md, &note));
    }

    h(&mut o, 2, l.t("指标明细（每一分的来由）", "Indicators (why each point)"));
    for d in &a.dimensions {
        if md {
            let _ = writeln!(o, "\n**{}**\n", esc(md, d.name.get(lang)));
        } else {
            let _ = writeln!(o, "  ▸ {}", d.name.get(lang));
        }
        for r in a.indicators.iter().filter(|r| r.dimension == d.id) {
            let prov = provisional_mark(r.confidence, r.points_confidence)
                .map(|m| format!(" · {}", m.get(lang)))
                .unwrap_or_default();
            let (open, close) = l.parens();
            let head = format!(
                "[{}] {} — {}/{} {}{open}{}{prov}{close}",
                r.id,
                esc(md, r.name.get(lang)),
                fmt_num(r.points),
                fmt_num(r.max),
                points_word(lang, r.max),
                status_word(&l, r.status)
            );
            if md {
                let _ = writeln!(o, "- {head}  \n  {}", esc(md, r.explanation.get(lang)));
            } else {
                let _ = writeln!(o, "    {head}\n        {}", r.explanation.get(lang));
            }
        }
    }

    if !a.findings.is_empty() {
        h(&mut o, 2, l.t("问题与提示", "Findings"));
        for f in &a.findings {
            let mark = match f.severity {
                Severity::Warning => "⚠",
                Severity::Info => "ℹ",
            };
            let about = f.indicator.as_ref().map(|id| format!("[{id}] ")).unwrap_or_default();
            let _ = writeln!(o, "{}{mark} {about}{}", if md { "- " } else { "  " }, esc(md, f.message.get(lang)));
        }
    }

    h(&mut o, 2, l.t("缺什么补什么：整改清单", "Gap list: what to add or fix"));
    if a.gaps.is_empty() {
        let _ = writeln!(o, "{}", l.t("  无：全部指标已达标。", "  None: every indicator is met."));
    }
    for (i, g) in a.gaps.iter().enumerate() {
        let units = if g.units(lang).is_empty() {
            l.t("（未列）", "(none listed)").to_string()
        } else {
            // A trailing `*` in the standard marks the lead unit (牵头), as the gap report shows
            // it. In English the office's own name follows this project's translation.
            let unit = |(u, zh): (&String, &String)| {
                let ((en, lead), (zh, _)) = (split_lead(u), split_lead(zh));
                format!("{}{}", responsible_name(lang, zh, en), if lead { l.t("（牵头）", " (lead)") } else { "" })
            };
            let list: Vec<String> = g.units(lang).iter().zip(&g.responsible).map(unit).collect();
            esc(md, &crate::score::join_all(&list, l.t("、", ", "))).into_owned()
        };
        let detail = g.detail.as_ref().map(|d| format!("\n     {}", esc(md, d.get(lang)))).unwrap_or_default();
        // A designed requirement must not read as an official task in the printed plan.
        let prov = provisional_mark(g.confidence, g.points_confidence)
            .map(|m| format!(" · {}", m.get(lang)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "{}{}. {}{}{} [{}] {}{}{} {} {}{prov}{}{detail}\n     {}{}{units}",
            if md { "" } else { "  " },
            i + 1,
            l.t("【", "["),
            priority_word(&l, g.priority),
            l.t("】", "]"),
            g.indicator,
            esc(md, g.action.get(lang)),
            l.parens().0,
            l.t("失分", "loses"),
            fmt_num(g.points_lost),
            points_word(lang, g.points_lost),
            l.parens().1,
            l.t("责任单位", "Responsible"),
            l.t("：", ": "),
        );
    }
    let _ = writeln!(o, "\n{}", provisional_note().get(lang));
    o
}

/// The note under the dimension table when a dimension's maximum is designed: it is the sum
/// of its indicators' points, so it is provisional as soon as one of those points is (the
/// indicator's `points_confidence`). Said once, for every dimension or naming the ones it
/// concerns; `None` when every maximum is official.
fn dimension_note(a: &Assessment, lang: Lang) -> Option<String> {
    let designed: Vec<&str> = a
        .dimensions
        .iter()
        .filter(|d| a.indicators.iter().any(|r| r.dimension == d.id && r.points_confidence == Confidence::Provisional))
        .map(|d| d.name.get(lang))
        .collect();
    let all = designed.len() == a.dimensions.len();
    Some(match (lang, designed.len()) {
        (_, 0) => return None,
        (Lang::Zh, _) if all => {
            "注：各维度满分是其指标分值之和，含本项目设计的暂定分值，故亦为暂定值，非官方数值。".to_string()
        }
        (Lang::Zh, _) => format!(
            "注：{}的满分是其指标分值之和，含本项目设计的暂定分值，故亦为暂定值，非官方数值。",
            crate::score::join_all(&designed, "、")
        ),
        (Lang::En, _) if all => "Note: each dimension's maximum is the sum of its indicators' points, some of them provisional (this project's design), so it is provisional too, not an official value.".to_string(),
        (Lang::En, 1) => format!(
            "Note: the maximum of {} is the sum of its indicators' points, some of them provisional (this project's design), so it is provisional too, not an official value.",
            designed[0]
        ),
        (Lang::En, _) => format!(
            "Note: the maxima of {} are the sums of their indicators' points, some of them provisional (this project's design), so they are provisional too, not official values.",
            crate::score::join_all(&designed, ", ")
        ),
    })
}

/// The key of [`render_noted`]'s note, in both languages.
const NOTE: &str = "⚠ 注意 Note";

/// Render a district summary ([`crate::district::district`]): its circles, then each target
/// with the district's value, whether it is met, and how the value was counted.
pub fn render_district(d: &crate::district::District, lang: Lang, format: Format) -> String {
    render_district_noted(d, lang, format, None)
}

/// [`render_district`], with a `note` under the standard's line, as [`render_noted`].
pub fn render_district_noted(d: &crate::district::District, lang: Lang, format: Format, note: Option<&str>) -> String {
    let l = L { lang };
    let md = format == Format::Markdown;
    let (open, close) = l.parens();
    let sep = l.t("：", ": ");
    let mut o = String::new();
    let title = l.t("全区一刻钟便民生活圈目标进度", "District progress on 15-minute convenient living circles");
    if md {
        let _ = writeln!(o, "# {title}\n");
    } else {
        let _ = writeln!(o, "{title}\n{}", "=".repeat(width(title)));
    }
    let item = if md { "- " } else { "" };
    let built = d.built_on_date();
    let _ = writeln!(o, "{item}{}{sep}{} v{}", l.t("评价标准", "Standard"), d.standard, d.standard_version);
    if let Some(n) = note {
        let _ = writeln!(o, "{item}{NOTE}{sep}{n}");
    }
    // The standard is this project's proposal where it is designed: said where it is named.
    if let Some(n) = d.provisional_note(lang) {
        let _ = writeln!(o, "{item}{}{sep}{n}", l.t("暂定", "Provisional"));
    }
    let _ = writeln!(o, "{item}{}{sep}{}", l.t("评估日期", "Evaluation date"), d.as_of);
    // What a third party needs to check the summary, as the score report gives it: the engine
    // and the standard's digest in full here, each circle's input digest on its line.
    let _ = writeln!(o, "{item}{}{sep}{} {}", l.t("计算引擎", "Engine"), d.engine.name, d.engine.version);
    let _ = writeln!(o, "{item}{}{sep}{}", l.t("标准摘要 (SHA-256)", "Standard digest (SHA-256)"), d.standard_digest);
    // The evaluation date's warnings (as `score` gives them) and circles that look listed twice.
    for f in &d.findings {
        let _ = writeln!(o, "{item}⚠ {}", esc(md, f.message.get(lang)));
    }
    for dup in &d.duplicates {
        let _ = writeln!(o, "{item}{}", esc(md, &dup.text(lang)));
    }
    // Built on the evaluation date, by the rule each year's count uses: a circle built after it
    // is not there yet, and is said apart.
    let later = d.circles.iter().filter(|c| d.after_date(c)).count();
    let later = match (later, lang) {
        (0, _) => String::new(),
        (k, Lang::Zh) => format!("；另有 {k} 个建成年份晚于 {} 年，评估日时尚未建成，不计", d.as_of.year()),
        (k, Lang::En) => {
            format!("; {k} more built after {}, not there yet on the evaluation date, not counted", d.as_of.year())
        }
    };
    let _ = writeln!(
        o,
        "{item}{}{sep}{}{}{open}{}{built}{}{later}{close}",
        l.t("生活圈", "Circles"),
        d.circles.len(),
        l.t(" 个", ""),
        l.t("建成 ", ""),
        l.t(" 个", " built"),
    );
    let samples = d.circles.iter().filter(|c| c.sample).count();
    if samples > 0 {
        let _ = writeln!(
            o,
            "{item}{}",
            match lang {
                Lang::Zh => format!("⚠ 含示例数据 {samples} 个（虚构，仅供演示，已计入上述个数）"),
                Lang::En => format!("⚠ {samples} of them sample data (made up, for demonstration; counted above)"),
            }
        );
    }
    if let Some(n) = d.communities {
        let _ = writeln!(o, "{item}{}{sep}{n}", l.t("全区社区", "Communities in the district"));
    }
    let head = |o: &mut String, t: &str| {
        let _ = if md {
            writeln!(o, "\n## {t}\n")
        } else if lang == Lang::Zh {
            writeln!(o, "\n【{t}】")
        } else {
            writeln!(o, "\n== {t} ==")
        };
    };
    let share = |n: u32, of: u32| {
        if of == 0 {
            format!("{n}/{of}")
        } else {
            format!("{n}/{of}{open}{}%{close}", fmt_num(f64::from(n) * 100.0 / f64::from(of)))
        }
    };
    head(&mut o, l.t("各生活圈", "Circles"));
    let undated_counted = d.counts_undated();
    for c in &d.circles {
        let grade = match &c.grade {
            // The grade's cut-offs designed: marked where the grade is read.
            Some(g) if d.grades_provisional => format!("{}{}", g.name.get(lang), l.t("·暂定", " · provisional")),
            Some(g) => g.name.get(lang).to_string(),
            None => l.t("未评定等级", "no grade").to_string(),
        };
        let year = c
            .built_year
            .map(|y| match (lang, d.after_date(c)) {
                (Lang::Zh, false) => format!("；建成年份：{y}"),
                (Lang::En, false) => format!("; built in {y}"),
                (Lang::Zh, true) => format!("；建成年份：{y}（晚于评估日期，不计入任何目标）"),
                (Lang::En, true) => format!("; built in {y} (after the evaluation date: counted toward no target)"),
            })
            .unwrap_or_else(|| match lang {
                // Said on its own line too, not only in the targets' counts.
                _ if !(c.built && undated_counted) => String::new(),
                Lang::Zh => "；未填建成年份（按评估日的现状计入各年）".to_string(),
                Lang::En => "; no year built (counted in every year, as it stands on the evaluation date)".to_string(),
            });
        let survey = match (c.satisfied, c.respondents) {
            (Some(s), Some(r)) if c.survey_left_out => format!(
                "{}{}",
                share(s, r),
                l.t("，样本不足，不计入全区满意度", ", too few respondents: not pooled for the district")
            ),
            (Some(s), Some(r)) => share(s, r),
            _ => l.t("无调查", "no survey").to_string(),
        };
        // The input digest, to compare with the circle's assessment (`input_digest`): whole in
        // Markdown, which is kept and searched; in text, read on a terminal, its first 12 hex
        // digits, as the score report gives a data file's (48 bits: two inputs share them by
        // chance about once in 2.8 × 10¹⁴; `verify` compares the whole).
        let digest = if md {
            format!("`{}`", c.input_digest)
        } else {
            format!("{}…", c.input_digest.get(..12).unwrap_or(&c.input_digest))
        };
        let lacks = match lang {
            Lang::Zh => format!("未达到 {} 项、缺数据 {} 项", c.gaps_short, c.gaps_no_data),
            Lang::En => format!("short of {}, no data for {}", c.gaps_short, c.gaps_no_data),
        };
        let _ = writeln!(
            o,
            "- {}{} [{}]{sep}{}/{} {}{}{grade}{}{}{year}{}{}{sep}{}{}{}{sep}{survey}{}{}{sep}{lacks}{}{}{digest}",
            esc(md, &c.name),
            if c.sample { l.t("（示例数据）", " (sample data)") } else { "" },
            esc(md, &c.id),
            fmt_num(c.total),
            fmt_num(c.max),
            points_word(lang, c.max),
            l.t("，", ", "),
            l.t("，", ", "),
            // (built after the evaluation date: not yet 建成, whatever its score)
            esc(
                md,
                &if c.built && d.after_date(c) {
                    l.t("达到建成要求", "meets the standard").to_string()
                } else {
                    c.standing(lang)
                }
            ),
            l.t("；", "; "),
            l.t("连锁店/商业网点", "chain/commercial outlets"),
            share(c.chain_outlets, c.commercial_outlets),
            l.t("；", "; "),
            l.t("满意/受访", "satisfied/respondents"),
            l.t("；", "; "),
            l.t("指标", "indicators"),
            l.t("；", "; "),
            l.t("输入摘要 ", "input digest "),
        );
    }
    head(&mut o, l.t("本区目标", "The district's targets"));
    if let Some(note) = d.undated_note(lang) {
        let _ = writeln!(o, "{}{}", esc(md, &note), if md { "\n" } else { "" });
    }
    if !d.targets.iter().any(|t| t.district_level) {
        let _ = writeln!(o, "{}", l.t("本标准没有区级目标。", "This standard sets no district targets."));
    }
    for t in d.targets.iter().filter(|t| t.district_level) {
        let verdict = t.verdict(d.as_of);
        let short = t.short_text(lang).map(|s| format!("{}{s}", l.t("，", ", "))).unwrap_or_default();
        // A count that holds circles without a year built says so in the verdict itself.
        let undated = t.undated_text(lang).map(|s| format!("{open}{s}{close}")).unwrap_or_default();
        let verdict = format!("{}{short}{undated}", verdict.get(lang));
        let value = t.value_text();
        let now = if t.this_year { l.t("（本年）", " (this year)") } else { "" };
        // The year, unless the target's text starts with it already (“2024年…”).
        let year = if t.names_its_year(lang) { String::new() } else { format!("{} ", t.year) };
        let conf = match t.cite.confidence {
            Confidence::Verified => l.t("已核实", "verified"),
            Confidence::Provisional => l.t("暂定", "provisional"),
        };
        let _ = writeln!(
            o,
            "- {year}{}{now}{sep}{value}{open}{} {}{close} {verdict}",
            t.name.get(lang),
            l.t("目标 ≥", "target ≥"),
            t.target_text(),
        );
        // Under the target: nested items in Markdown, indented lines in text.
        let sub = if md { "  - " } else { "  " };
        let _ = writeln!(o, "{sub}{}{sep}{}{open}{conf}{close}", l.t("依据", "Source"), esc(md, &t.source()));
        let _ = writeln!(o, "{sub}{}{sep}{}", l.t("口径", "Counting"), esc(md, t.how.get(lang)));
        // Which circles the count is of, by name and id.
        if let Some(ids) = t.counted.as_ref().filter(|_| t.metric == "circles_built") {
            let names: Vec<String> = ids
                .iter()
                .map(|id| {
                    let name = d.circles.iter().find(|c| c.id == *id).map_or("", |c| c.name.as_str());
                    format!("{} [{}]", esc(md, name), esc(md, id))
                })
                .collect();
            let list = if names.is_empty() {
                l.t("无", "none").to_string()
            } else {
                crate::score::join_all(&names, l.t("、", "; "))
            };
            let _ = writeln!(
                o,
                "{sub}{}{sep}{list}",
                match lang {
                    Lang::Zh => format!("计入的生活圈（{} 个）", ids.len()),
                    Lang::En => format!("Circles counted ({})", ids.len()),
                }
            );
        }
    }
    // What the circles lack, in each lead unit's own list (各责任单位任务清单).
    head(&mut o, l.t("缺什么补什么：各责任单位任务清单", "What the circles lack, by responsible unit"));
    if d.gaps.is_empty() {
        let _ = writeln!(o, "{}", l.t("无：各生活圈全部指标已达标。", "None: every circle meets every indicator."));
    } else {
        let _ = writeln!(
            o,
            "{}",
            l.t(
                "按标准所列牵头单位（未标牵头的由所列各单位共同负责）归集；每个生活圈的详细整改清单见其评分报告。",
                "Grouped by the lead units the standard names (where it marks none, by every unit it lists); each circle's own gap list, with details, is in its score report."
            )
        );
    }
    let names = d.names();
    let named = |ids: &[String]| {
        crate::district::DistrictGap::some_named(ids, lang, |id| {
            format!("{} [{}]", esc(md, names.get(id).unwrap_or("")), esc(md, id))
        })
    };
    for (unit, list) in d.units() {
        let name = d.gaps.get(list[0]).map(|g| g.unit_name(unit, lang)).unwrap_or_default();
        let count = match lang {
            Lang::Zh => format!("（{} 项）", list.len()),
            Lang::En => format!(" ({} {})", list.len(), if list.len() == 1 { "item" } else { "items" }),
        };
        let _ = if md { writeln!(o, "\n### {}{count}\n", esc(md, &name)) } else { writeln!(o, "{name}{count}") };
        for (k, g) in list.iter().filter_map(|&i| d.gaps.get(i)).enumerate() {
            let prov = provisional_mark(g.confidence, Confidence::Verified)
                .map(|m| format!(" · {}", m.get(lang)))
                .unwrap_or_default();
            let (first, sub) = if md { ("", "   - ") } else { ("  ", "     ") };
            let _ = writeln!(
                o,
                "{first}{}. {}{}{}{} [{}]{prov}",
                k + 1,
                l.t("【", "["),
                priority_word(&l, g.priority),
                l.t("】", "] "),
                esc(md, g.name.get(lang)),
                g.indicator,
            );
            for (ids, what) in [(&g.short, l.t("未达到", "Short")), (&g.no_data, l.t("缺数据", "No data"))] {
                if !ids.is_empty() {
                    let _ = writeln!(o, "{sub}{what}{open}{}{}{close}{sep}{}", ids.len(), l.t(" 个", ""), named(ids));
                }
            }
            if !g.short.is_empty() {
                let _ = writeln!(o, "{sub}{}{sep}{}", l.t("做法", "What to do"), esc(md, g.action.get(lang)));
            }
        }
    }
    let above: Vec<&crate::district::TargetProgress> = d.targets.iter().filter(|t| !t.district_level).collect();
    if !above.is_empty() {
        head(
            &mut o,
            l.t(
                "上级目标（供参考，不按本区生活圈计算）",
                "Targets above the district (for reference, not counted here)",
            ),
        );
        for t in above {
            let year = if t.names_its_year(lang) { String::new() } else { format!("{} ", t.year) };
            // Their words are this project's, some from news reports only: said beside the source.
            let note = t.wording_note(lang);
            let note = if note.is_empty() { note } else { format!("{}{note}", l.t("；", "; ")) };
            let _ = writeln!(o, "- {year}{}{open}{}{note}{close}", t.name.get(lang), esc(md, &t.source()));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::standard::Confidence::{Provisional, Verified};

    /// The built-in sample circle scored under longwan-2024 on 2026-12-06.
    fn sample() -> Assessment {
        let st = crate::load_builtin("longwan-2024").unwrap();
        let circle = crate::Circle::from_json(crate::example::example("longwan-2024").unwrap().json).unwrap();
        crate::score(&st, &circle, crate::Date::new(2026, 12, 6).unwrap()).unwrap()
    }

    fn line<'a>(report: &'a str, has: &str) -> &'a str {
        report.lines().find(|l| l.contains(has)).unwrap_or_else(|| panic!("no line with {has}:\n{report}"))
    }

    /// The district report's head gives the engine and the standard's digest as the score
    /// report does, and each circle's line the digest of its input: the very digests of the
    /// circle's own assessment, whole in Markdown, the first 12 hex digits in text.
    #[test]
    fn the_district_report_gives_the_digests_its_json_has() {
        let st = crate::load_builtin("longwan-2024").unwrap();
        let day = crate::Date::new(2026, 12, 6).unwrap();
        let a = crate::Circle::from_json(crate::example::example("longwan-2024").unwrap().json).unwrap();
        let mut b = a.clone();
        (b.id, b.name, b.population) = ("b".into(), "乙".into(), Some(5000.0));
        let alone: Vec<Assessment> = [&a, &b].iter().map(|c| crate::score(&st, c, day).unwrap()).collect();
        assert_ne!(alone[0].input_digest, alone[1].input_digest);
        let d = crate::district::summarise(&st, &[a, b], day, None).unwrap();
        let engine = format!("lifecircle-core {}", crate::VERSION);
        let digest = &alone[0].standard.digest;
        assert_eq!(digest.len(), 64);
        for (lang, format) in [(Lang::Zh, Format::Text), (Lang::En, Format::Text), (Lang::Zh, Format::Markdown)] {
            let r = render_district(&d, lang, format);
            let item = if format == Format::Markdown { "- " } else { "" };
            let (sep, e, s) = match lang {
                Lang::Zh => ("：", "计算引擎", "标准摘要 (SHA-256)"),
                Lang::En => (": ", "Engine", "Standard digest (SHA-256)"),
            };
            assert_eq!(line(&r, e), format!("{item}{e}{sep}{engine}"), "{r}");
            assert_eq!(line(&r, s), format!("{item}{s}{sep}{digest}"), "{r}");
            // Said after the evaluation date, before the circles.
            assert!(r.find(e) > r.find(["评估日期", "Evaluation date"][usize::from(lang == Lang::En)]), "{r}");
            for (c, a) in d.circles.iter().zip(&alone) {
                let l = line(&r, &format!(" [{}]{sep}", c.id));
                let shown = match format {
                    Format::Markdown => format!("`{}`", a.input_digest),
                    _ => format!("{}…", &a.input_digest[..12]),
                };
                let key = ["；输入摘要 ", "; input digest "][usize::from(lang == Lang::En)];
                assert!(l.ends_with(&format!("{key}{shown}")), "{l}");
            }
        }
    }

    /// A gate, veto or mandatory item whose threshold, role or points are designed carries
    /// the same short mark as in the indicator list, taken from the indicator's confidences.
    /// Distances measured on data files name those files (role, name, datum, digest) in the
    /// report's head; typed-in distances name none.
    #[test]
    fn the_report_names_the_files_distances_were_measured_from() {
        let mut a = sample();
        let line = |a: &Assessment, lang, f| {
            render(a, lang, f)
                .lines()
                .find(|l| l.contains("步行距离测自") || l.contains("measured from"))
                .map(String::from)
        };
        assert_eq!(line(&a, Lang::Zh, Format::Text), None);
        let file = |role: &str, file: &str, crs| crate::circle::DataFile {
            role: role.into(),
            file: file.into(),
            sha256: "0123456789abcdef".repeat(4),
            crs,
            excluded_names: None,
        };
        a.circle.measured_from = vec![
            file("network", "roads_v2.osm", crate::access::Crs::Wgs84),
            file("facilities", "pois.csv", crate::access::Crs::Gcj02),
        ];
        assert_eq!(
            line(&a, Lang::Zh, Format::Text).as_deref(),
            Some(
                "步行距离测自：路网 roads_v2.osm（WGS-84（GPS、OSM），SHA-256 0123456789ab…）；设施 pois.csv（GCJ-02（高德、腾讯），SHA-256 0123456789ab…）"
            )
        );
        assert_eq!(
            line(&a, Lang::En, Format::Text).as_deref(),
            Some(
                "Walking distances measured from: network roads_v2.osm (WGS-84 (GPS, OSM), SHA-256 0123456789ab…); facilities pois.csv (GCJ-02 (AMap, Tencent), SHA-256 0123456789ab…)"
            )
        );
        assert!(
            line(&a, Lang::Zh, Format::Markdown)
                .is_some_and(|l| l.starts_with("- **步行距离测自**: 路网 roads\\_v2.osm"))
        );
        // Streets left out by name (`--exclude-name`) are said with the network file.
        a.circle.measured_from[0].excluded_names = Some("快速路、高架".into());
        assert_eq!(
            line(&a, Lang::Zh, Format::Text).as_deref(),
            Some(
                "步行距离测自：路网 roads_v2.osm（WGS-84（GPS、OSM），SHA-256 0123456789ab…，排除名称含 快速路、高架 的道路）；设施 pois.csv（GCJ-02（高德、腾讯），SHA-256 0123456789ab…）"
            )
        );
        assert!(line(&a, Lang::En, Format::Text).is_some_and(|l| {
            l.contains("SHA-256 0123456789ab…, streets named with 快速路、高架 left out); facilities")
        }));
    }

    #[test]
    fn designed_gates_vetoes_and_mandatory_items_carry_the_provisional_mark() {
        let mut a = sample();
        let zh = render(&a, Lang::Zh, Format::Text);
        // LW-B01's 9 of 13 and LW-V01's veto are designed (cite provisional); LW-B02's mandatory
        // role and cap are designed (points_cite provisional).
        assert!(zh.contains("  ✔ [LW-B01] 基本保障类业态门槛：13类中至少9类 通过（门槛 · 要求与分值暂定）\n"), "{zh}");
        assert!(
            zh.contains("  ✔ [LW-V01] 一票否决：无重大食品安全事故或价格欺诈事件 通过（否决项 · 要求与分值暂定）\n"),
            "{zh}"
        );
        assert!(zh.contains("  ✔ [LW-B02] “一店”：便利店 通过（必备项 · 分值暂定）\n"), "{zh}");
        let md = render(&a, Lang::Zh, Format::Markdown);
        assert!(md.contains("- ✔ [LW-B02] “一店”：便利店 通过（必备项 · 分值暂定）\n"), "{md}");
        let en = render(&a, Lang::En, Format::Text);
        assert!(en.contains("passed (gate · provisional requirement and points)\n"), "{en}");

        // A failed one says it as well.
        a.checks.iter_mut().find(|c| c.indicator == "LW-B02").unwrap().passed = false;
        let zh = render(&a, Lang::Zh, Format::Text);
        assert_eq!(line(&zh, "[LW-B02] “一店”"), "  ✘ [LW-B02] “一店”：便利店 未通过（必备项 · 分值暂定）");

        // From the data, not by id: with both confidences official, no mark.
        let r = a.indicators.iter_mut().find(|r| r.id == "LW-B02").unwrap();
        (r.confidence, r.points_confidence) = (Verified, Verified);
        let zh = render(&a, Lang::Zh, Format::Text);
        assert_eq!(line(&zh, "[LW-B02] “一店”"), "  ✘ [LW-B02] “一店”：便利店 未通过（必备项）");
        let r = a.indicators.iter_mut().find(|r| r.id == "LW-B02").unwrap();
        r.confidence = Provisional;
        let zh = render(&a, Lang::Zh, Format::Text);
        assert_eq!(line(&zh, "[LW-B02] “一店”"), "  ✘ [LW-B02] “一店”：便利店 未通过（必备项 · 要求暂定）");
    }

    /// A dimension's maximum is the sum of its indicators' points: designed when one of them
    /// is, said once under the dimension table (after a blank line in Markdown, where a line
    /// right under the table would be one more row).
    #[test]
    fn designed_dimension_maxima_are_said_under_the_table() {
        let mut a = sample();
        let all_zh = "注：各维度满分是其指标分值之和，含本项目设计的暂定分值，故亦为暂定值，非官方数值。";
        let zh = render(&a, Lang::Zh, Format::Text);
        assert!(zh.contains(&format!("  “一老一小”服务         8 / 10   ████████████████░░░░\n  {all_zh}\n")), "{zh}");
        let md = render(&a, Lang::Zh, Format::Markdown);
        assert!(md.contains(&format!("| “一老一小”服务 | 8 | 10 |\n\n{all_zh}\n")), "{md}");
        let en = render(&a, Lang::En, Format::Text);
        assert!(en.contains("\n  Note: each dimension's maximum is the sum of its indicators' points, some of them provisional (this project's design), so it is provisional too, not an official value.\n"), "{en}");

        // Only the dimensions with a designed point are named.
        for r in a.indicators.iter_mut().filter(|r| r.dimension != "layout" && r.dimension != "satisfaction") {
            r.points_confidence = Verified;
        }
        let zh = render(&a, Lang::Zh, Format::Text);
        assert!(zh.contains("\n  注：布局合理、快捷便利、居民满意的满分是其指标分值之和，含本项目设计的暂定分值，故亦为暂定值，非官方数值。\n"), "{zh}");
        let en = render(&a, Lang::En, Format::Text);
        assert!(
            en.contains("\n  Note: the maxima of Sound layout and easy reach, Resident satisfaction are the sums of"),
            "{en}"
        );
        for r in a.indicators.iter_mut().filter(|r| r.dimension == "layout") {
            r.points_confidence = Verified;
        }
        let en = render(&a, Lang::En, Format::Text);
        assert!(
            en.contains("\n  Note: the maximum of Resident satisfaction is the sum of its indicators' points"),
            "{en}"
        );

        // Every point official: no note, the table as it was. A designed requirement alone
        // does not make a maximum designed.
        for r in &mut a.indicators {
            (r.confidence, r.points_confidence) = (Provisional, Verified);
        }
        let zh = render(&a, Lang::Zh, Format::Text);
        assert!(zh.contains("  “一老一小”服务         8 / 10   ████████████████░░░░\n\n【指标明细"), "{zh}");
        assert!(!zh.contains("满分是其指标分值之和"), "{zh}");
    }
}
