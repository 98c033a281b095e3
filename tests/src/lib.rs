//! lifecircle-tests: the golden-case runner.
//!
//! A case is one JSON file under `tests/cases/<standard>/`: the standard id, the evaluation
//! date, the circle, the expected result (a subset of the assessment: total, grade, per
//! indicator points and status, the gap list with its responsible units, finding codes) and
//! the arithmetic worked by hand from the standard's text. The same files can run natively
//! and in wasm, so the two cannot drift.

use std::collections::BTreeMap;

use lifecircle_core::standard::{self, Standard};
use lifecircle_core::{Circle, Date};
use serde::Deserialize;

/// One golden case file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case shows.
    pub description: String,
    /// The clause(s) of the standard it exercises.
    pub clause: String,
    /// Standard id: a built-in one, or a test standard in `tests/standards/`.
    pub standard: String,
    pub as_of: String,
    pub circle: serde_json::Value,
    pub expect: Expect,
    /// The expected total worked out by hand, line by line.
    pub arithmetic: Vec<String>,
}

/// What the assessment must contain. Omitted fields are not checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    #[serde(default)]
    pub total: Option<f64>,
    /// The awarded grade id; `null` for no grade. Leave the key out to skip the check.
    #[serde(default, deserialize_with = "some")]
    pub grade: Option<Option<String>>,
    #[serde(default)]
    pub by_points: Option<String>,
    #[serde(default)]
    pub capped_by: Option<Vec<String>>,
    #[serde(default)]
    pub indicators: BTreeMap<String, ExpectIndicator>,
    /// The gap list in order: indicator id and, where given, its responsible units.
    #[serde(default)]
    pub gaps: Option<Vec<ExpectGap>>,
    /// Finding codes that must appear (others may too).
    #[serde(default)]
    pub findings: Vec<String>,
    /// Input problems expected instead of an assessment: the field paths.
    #[serde(default)]
    pub input_error: Option<Vec<String>>,
    /// Text the explanations of these indicators must contain (zh).
    #[serde(default)]
    pub explanation_contains: BTreeMap<String, String>,
}

fn some<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectIndicator {
    #[serde(default)]
    pub points: Option<f64>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub origin: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectGap {
    pub indicator: String,
    #[serde(default)]
    pub priority: Option<u8>,
    #[serde(default)]
    pub responsible: Option<Vec<String>>,
}

/// Run a case: score it and compare. Returns the assessment's JSON (or the input error's)
/// and every mismatch.
///
/// # Errors
/// A list of mismatches, one per line.
pub fn run_case(text: &str, load: &dyn Fn(&str) -> Result<Standard, String>) -> Result<String, String> {
    let case: Case = serde_json::from_str(text).map_err(|e| format!("case file: {e}"))?;
    if case.arithmetic.is_empty() {
        return Err("a case must show its arithmetic".into());
    }
    let standard = load(&case.standard)?;
    let as_of: Date = case.as_of.parse().map_err(|e| format!("as_of: {e}"))?;
    let circle_text = serde_json::to_string(&case.circle).map_err(|e| e.to_string())?;
    let result = Circle::from_json(&circle_text).and_then(|c| lifecircle_core::score(&standard, &c, as_of));
    let mut bad = Vec::new();
    let e = &case.expect;
    let a = match result {
        Err(err) => {
            let fields: Vec<String> = err.problems.iter().map(|p| p.field.clone()).collect();
            match &e.input_error {
                Some(want) if *want == fields => return serde_json::to_string(&err).map_err(|e| e.to_string()),
                Some(want) => return Err(format!("input error fields {fields:?}, expected {want:?}")),
                None => return Err(format!("unexpected input error: {err}")),
            }
        }
        Ok(a) => a,
    };
    if let Some(want) = &e.input_error {
        bad.push(format!("expected input error on {want:?}, got an assessment"));
    }
    let close = |x: f64, y: f64| (x - y).abs() < 1e-9;
    if let Some(t) = e.total
        && !close(t, a.total)
    {
        bad.push(format!("total {} ≠ expected {t}", a.total));
    }
    if let Some(g) = &e.grade {
        let got = a.grade.grade.as_ref().map(|g| g.id.clone());
        if &got != g {
            bad.push(format!("grade {got:?} ≠ expected {g:?}"));
        }
    }
    if let Some(g) = &e.by_points {
        let got = a.grade.by_points.as_ref().map(|g| g.id.clone());
        if got.as_ref() != Some(g) {
            bad.push(format!("grade by points {got:?} ≠ expected {g:?}"));
        }
    }
    if let Some(c) = &e.capped_by
        && c != &a.grade.capped_by
    {
        bad.push(format!("capped_by {:?} ≠ expected {c:?}", a.grade.capped_by));
    }
    for (id, want) in &e.indicators {
        let Some(r) = a.indicators.iter().find(|r| &r.id == id) else {
            bad.push(format!("{id}: no such indicator in the result"));
            continue;
        };
        if let Some(p) = want.points
            && !close(p, r.points)
        {
            bad.push(format!("{id}: points {} ≠ expected {p}", r.points));
        }
        if let Some(s) = &want.status {
            let got = serde_json::to_value(r.status).map_err(|e| e.to_string())?;
            if got.as_str() != Some(s) {
                bad.push(format!("{id}: status {got} ≠ expected {s}"));
            }
        }
        if let Some(v) = want.value
            && !r.value.is_some_and(|x| (x - v).abs() < 1e-6)
        {
            bad.push(format!("{id}: value {:?} ≠ expected {v}", r.value));
        }
        if let Some(o) = &want.origin
            && o != &r.origin
        {
            bad.push(format!("{id}: origin {} ≠ expected {o}", r.origin));
        }
    }
    if let Some(gaps) = &e.gaps {
        let got: Vec<&str> = a.gaps.iter().map(|g| g.indicator.as_str()).collect();
        let want: Vec<&str> = gaps.iter().map(|g| g.indicator.as_str()).collect();
        if got != want {
            bad.push(format!("gap order {got:?} ≠ expected {want:?}"));
        }
        for g in gaps {
            let Some(have) = a.gaps.iter().find(|x| x.indicator == g.indicator) else { continue };
            if let Some(p) = g.priority
                && p != have.priority
            {
                bad.push(format!("gap {}: priority {} ≠ expected {p}", g.indicator, have.priority));
            }
            if let Some(r) = &g.responsible
                && r != &have.responsible
            {
                bad.push(format!("gap {}: responsible {:?} ≠ expected {r:?}", g.indicator, have.responsible));
            }
        }
    }
    for code in &e.findings {
        if !a.findings.iter().any(|f| &f.code == code) {
            bad.push(format!("finding `{code}` missing"));
        }
    }
    for (id, want) in &e.explanation_contains {
        match a.indicators.iter().find(|r| &r.id == id) {
            Some(r) if r.explanation.zh.contains(want.as_str()) => {}
            Some(r) => bad.push(format!("{id}: explanation {:?} lacks {want:?}", r.explanation.zh)),
            None => bad.push(format!("{id}: no such indicator")),
        }
    }
    if bad.is_empty() { serde_json::to_string_pretty(&a).map_err(|e| e.to_string()) } else { Err(bad.join("\n")) }
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
pub use embedded::{CASES, SNAPSHOTS, STANDARDS};

/// A built-in standard, or an embedded test standard from `tests/standards/` (whose parents
/// may be test standards too, including the broken ones' parents).
///
/// # Errors
/// The standard's problems, as text.
pub fn load_standard(id: &str) -> Result<Standard, String> {
    if standard::builtin(id).is_some() {
        return standard::load_builtin(id).map_err(|e| e.to_string());
    }
    let find = |id: &str| {
        STANDARDS
            .iter()
            .find(|(p, t)| !p.contains("/broken/") && t.contains(&format!("\nid = \"{id}\"")))
            .map(|(p, t)| (p.to_string(), t.to_string()))
    };
    let lookup = |pid: &str| standard::builtin_parent(pid).or_else(|| find(pid));
    let (name, text) = find(id).ok_or_else(|| format!("no built-in or test standard `{id}`"))?;
    standard::resolve::resolve(&name, &text, &lookup).map_err(|e| e.to_string())
}

/// The snapshot path of a case: `cases/x/y.json` → `snapshots/x/y.json`.
pub fn snapshot_path(case_path: &str) -> String {
    case_path.replacen("cases/", "snapshots/", 1)
}

/// Run every embedded case; return `(case path, output JSON)` or the failures.
///
/// # Errors
/// Every failing case with its mismatches.
pub fn run_all() -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (path, text) in CASES {
        match run_case(text, &load_standard) {
            Ok(json) => out.push((path.to_string(), json)),
            Err(e) => bad.push(format!("{path}:\n  {}", e.replace('\n', "\n  "))),
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(format!("{} of {} cases failed:\n{}", bad.len(), CASES.len(), bad.join("\n")))
    }
}

/// Compare outputs with the committed snapshots (byte for byte).
///
/// # Errors
/// The cases whose output differs from, or has no, snapshot.
pub fn compare_snapshots(outputs: &[(String, String)]) -> Result<(), String> {
    let mut bad = Vec::new();
    for (path, json) in outputs {
        let snap = snapshot_path(path);
        match SNAPSHOTS.iter().find(|(p, _)| *p == snap) {
            None => bad.push(format!("{snap}: missing")),
            Some((_, want)) if want.trim_end() != json => bad.push(format!("{snap}: differs")),
            Some(_) => {}
        }
    }
    if bad.is_empty() { Ok(()) } else { Err(bad.join("\n")) }
}

/// The district summary's golden input (`lifecircle district`): three circles scored under
/// longwan-2024 on 2025-06-30, in a district of 20 communities. `tests/tests/district.rs`
/// works its arithmetic by hand and keeps [`district::SNAPSHOT`]; the wasm tests check
/// `districtJson` against the same snapshot.
pub mod district {
    use lifecircle_core::circle::{Circle, Named, Survey};

    pub const STANDARD: &str = "longwan-2024";
    pub const AS_OF: &str = "2025-06-30";
    pub const COMMUNITIES: u32 = 20;
    pub const SNAPSHOT_PATH: &str = "snapshots/district/longwan-2024.json";

    /// The committed summary (`None` before it is first written).
    pub fn snapshot() -> Option<&'static str> {
        super::SNAPSHOTS.iter().find(|(p, _)| *p == SNAPSHOT_PATH).map(|(_, t)| t.trim_end())
    }

    /// A: the sample circle (镇中社区). B: the sample without its supermarket, wet market and
    /// fresh grocery, in a community of its own (乙社区), with a survey of 80 satisfied of 100.
    /// C: an empty circle. Also the demo
    /// portal's sample district (`cargo xtask demo`), so that what it shows is what these
    /// tests work out by hand.
    pub fn circles() -> Vec<Circle> {
        let a = Circle::from_json(lifecircle_core::example::example(STANDARD).expect("sample").json).expect("sample");
        let mut b = a.clone();
        b.id = "b".into();
        b.name = "乙圈（示例：缺超市、菜市场与生鲜店）".into();
        b.facilities.retain(|f| !["supermarket", "wet_market", "fresh_grocery"].contains(&f.category.as_str()));
        b.surveys.insert("overall".into(), Survey { respondents: 100, satisfied: 80, method: None });
        b.communities = vec![Named { code: None, name: "乙社区（示例）".into() }];
        let c = Circle::from_json(r#"{"id": "c", "name": "丙圈（示例：尚未填报）"}"#).expect("circle");
        vec![a, b, c]
    }
}
