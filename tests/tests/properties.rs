//! Properties that hold for any circle: bounds, monotonicity, order independence, exact JSON
//! round trips.

use lifecircle_core::circle::{ChecklistAnswer, Circle, EvaluatorEntry, Facility, Origin, Status, Survey, Walking};
use lifecircle_core::standard::{self, Kind, Standard};
use lifecircle_core::{Date, score};
use proptest::prelude::*;

fn standards() -> Vec<Standard> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards");
    let lookup =
        |id: &str| std::fs::read_to_string(dir.join(format!("{id}.toml"))).ok().map(|t| (format!("{id}.toml"), t));
    let text = std::fs::read_to_string(dir.join("test-kinds.toml")).expect("test standard");
    let mut out = vec![standard::resolve::resolve("test-kinds.toml", &text, &lookup).expect("valid")];
    for b in standard::BUILTIN {
        out.push(standard::load_builtin(b.id).expect("built-in standards are valid"));
    }
    out
}

fn as_of() -> Date {
    "2025-06-30".parse().expect("date")
}

/// A random circle whose names all exist in the standard.
fn circle(st: &Standard) -> impl Strategy<Value = Circle> {
    let cats: Vec<String> = st.categories.iter().map(|c| c.code.clone()).collect();
    let checks: Vec<String> =
        st.indicators.iter().filter(|i| matches!(i.kind, Kind::Checklist)).map(|i| i.id.clone()).collect();
    let evals: Vec<(String, f64)> =
        st.indicators.iter().filter(|i| matches!(i.kind, Kind::Evaluator)).map(|i| (i.id.clone(), i.points)).collect();
    let figs: Vec<String> = st.figures.iter().map(|f| f.key.clone()).collect();
    let forms: Vec<String> = st.forms.iter().map(|f| f.code.clone()).collect();
    // The survey the standard asks, if any (a survey under another key is refused).
    let asked: Option<String> = st.indicators.iter().find_map(|i| match &i.kind {
        Kind::Satisfaction { survey, .. } => Some(survey.clone()),
        _ => None,
    });
    let cats2 = cats.clone();
    // Names differ within a category (ties in distance are then broken by name).
    let facility = (0..cats.len(), any::<bool>(), proptest::option::of(0.0..3000.0f64), 0..10u8, 0..40u8).prop_map(
        move |(c, chain, walk, st, k)| Facility {
            id: None,
            category: cats[c].clone(),
            name: format!("网点{c}-{k}"),
            location: None,
            chain,
            brand: None,
            floor_area_m2: None,
            hours: None,
            status: if st == 0 { Status::Planned } else { Status::Open },
            walk_m: walk,
        },
    );
    let origin = (1.0..5000.0f64, proptest::collection::btree_map(0..cats2.len(), 0.0..3000.0f64, 0..4)).prop_map(
        move |(pop, near)| Origin {
            id: "o".into(),
            // Apportioned residents may be fractional: their sum must not depend on order.
            population: (pop * 10.0).round() / 10.0,
            location: None,
            nearest_m: near.into_iter().map(|(k, v)| (cats2[k].clone(), v)).collect(),
        },
    );
    (
        proptest::collection::vec(facility, 0..25),
        proptest::collection::vec(origin, 0..4),
        proptest::option::of((1u32..400, 0.0..=1.0f64)),
        proptest::collection::vec(any::<bool>(), checks.len()),
        proptest::collection::vec(0.0..=1.0f64, evals.len()),
        proptest::collection::vec(proptest::option::of(1.0..100_000.0f64), figs.len()),
        (
            proptest::option::of(100.0..50_000.0f64),
            proptest::option::of(any::<bool>()),
            proptest::option::of(0..forms.len().max(1)),
        ),
    )
        .prop_map(move |(facilities, origins, survey, ticks, evs, figures, (hh, newres, form))| Circle {
            id: "prop".into(),
            name: "随机圈".into(),
            sample: false,
            subdistrict: None,
            communities: vec![],
            built_year: None,
            population: hh.map(|h| (h * 2.5).round()),
            households: hh.map(f64::round),
            form: form.and_then(|i| forms.get(i).cloned()),
            new_residential: newres,
            location: None,
            facilities,
            figures: figs.iter().zip(figures).filter_map(|(k, v)| v.map(|v| (k.clone(), v.round()))).collect(),
            surveys: survey
                .zip(asked.clone())
                .map(|((n, share), key)| {
                    (key, Survey { respondents: n, satisfied: (f64::from(n) * share).floor() as u32, method: None })
                })
                .into_iter()
                .collect(),
            checklist: checks
                .iter()
                .zip(ticks)
                .map(|(k, done)| (k.clone(), ChecklistAnswer { done: Some(done), evidence: None, note: None }))
                .collect(),
            evaluator: evals
                .iter()
                .zip(evs)
                .map(|((k, max), f)| {
                    (
                        k.clone(),
                        EvaluatorEntry {
                            points: (max * f * 2.0).round() / 2.0,
                            note: "现场核查".into(),
                            evidence: None,
                        },
                    )
                })
                .collect(),
            // Each origin its own id: the same origin listed twice is refused (counted twice).
            walking: Some(Walking {
                origins: origins.into_iter().enumerate().map(|(i, o)| Origin { id: format!("o{i}"), ..o }).collect(),
                ..Walking::default()
            }),
        })
}

fn each_standard(f: impl Fn(&Standard, Circle) -> Result<(), TestCaseError>) {
    for st in standards() {
        let mut runner =
            proptest::test_runner::TestRunner::new(ProptestConfig { cases: 64, ..ProptestConfig::default() });
        runner.run(&circle(&st), |c| f(&st, c)).unwrap_or_else(|e| panic!("standard {}: {e}", st.id));
    }
}

#[test]
fn total_stays_within_zero_and_max() {
    each_standard(|st, c| {
        let a = score(st, &c, as_of()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(a.total >= 0.0 && a.total <= a.max + 1e-9, "total {} of {}", a.total, a.max);
        for r in &a.indicators {
            prop_assert!(r.points >= 0.0 && r.points <= r.max + 1e-9, "{} {} of {}", r.id, r.points, r.max);
        }
        Ok(())
    });
}

/// Adding a chain outlet never lowers any indicator. (A non-chain outlet can lower the chain
/// share, which is the point of that indicator; for it, every other indicator still holds.)
#[test]
fn adding_a_facility_never_lowers_an_indicator() {
    each_standard(|st, c| {
        let before = score(st, &c, as_of()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (i, cat) in st.categories.iter().enumerate().take(40) {
            for chain in [true, false] {
                let mut more = c.clone();
                more.facilities.push(Facility {
                    id: None,
                    category: cat.code.clone(),
                    name: "新增".into(),
                    location: None,
                    chain,
                    brand: None,
                    floor_area_m2: None,
                    hours: None,
                    status: Status::Open,
                    walk_m: Some(((i * 97) % 1500) as f64),
                });
                let after = score(st, &more, as_of()).map_err(|e| TestCaseError::fail(e.to_string()))?;
                for (b, a) in before.indicators.iter().zip(&after.indicators) {
                    let is_ratio = matches!(st.indicator(&b.id).map(|i| &i.kind), Some(Kind::Ratio { .. }));
                    if chain || !is_ratio {
                        prop_assert!(
                            a.points + 1e-9 >= b.points,
                            "adding {} (chain {chain}) lowered {} from {} to {}",
                            cat.code,
                            b.id,
                            b.points,
                            a.points
                        );
                    }
                }
            }
        }
        Ok(())
    });
}

/// Leaving data out never earns more: without the homes (walking coverage is then missing
/// data; it once scored the centre alone, all or nothing, and a circle gained by dropping its
/// homes), without the surveys, the checklist answers or the evaluator's points, no indicator
/// rises.
#[test]
fn leaving_data_out_never_earns_more() {
    each_standard(|st, c| {
        let before = score(st, &c, as_of()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut variants: Vec<(&str, Circle)> = Vec::new();
        let mut v = c.clone();
        if let Some(w) = &mut v.walking {
            w.origins.clear();
        }
        variants.push(("origins", v));
        // One origin fewer, where the circle's population holds them all: its residents are
        // then not covered rather than out of the share.
        let sum: f64 = c.walking.iter().flat_map(|w| &w.origins).map(|o| o.population).sum();
        if c.population.is_some_and(|p| p >= sum) && c.walking.as_ref().is_some_and(|w| !w.origins.is_empty()) {
            let mut v = c.clone();
            v.walking.as_mut().map(|w| w.origins.pop());
            variants.push(("an origin", v));
        }
        let mut v = c.clone();
        v.surveys = Default::default();
        variants.push(("surveys", v));
        let mut v = c.clone();
        v.checklist = Default::default();
        variants.push(("checklist", v));
        let mut v = c.clone();
        v.evaluator = Default::default();
        variants.push(("evaluator", v));
        for (what, less) in variants {
            let after = score(st, &less, as_of()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for (b, a) in before.indicators.iter().zip(&after.indicators) {
                prop_assert!(
                    a.points <= b.points + 1e-9,
                    "without {what}, {} rose from {} to {}",
                    b.id,
                    b.points,
                    a.points
                );
            }
            prop_assert!(after.total <= before.total + 1e-9, "without {what}, the total rose");
        }
        Ok(())
    });
}

#[test]
fn inventory_order_never_changes_the_result() {
    each_standard(|st, c| {
        let a = score(st, &c, as_of()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut rev = c.clone();
        rev.facilities.reverse();
        if let Some(w) = &mut rev.walking {
            w.origins.reverse();
        }
        let b = score(st, &rev, as_of()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(serde_json::to_string(&a).expect("json"), serde_json::to_string(&b).expect("json"));
        Ok(())
    });
}

#[test]
fn json_round_trip_is_exact() {
    each_standard(|_st, c| {
        let text = serde_json::to_string(&c).expect("json");
        let back = Circle::from_json(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &c);
        prop_assert_eq!(serde_json::to_string(&back).expect("json"), text);
        Ok(())
    });
}
