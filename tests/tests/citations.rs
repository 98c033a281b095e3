//! The line between official and designed values, held for every built-in standard
//! (standards/README.md, "官方值与设计值"):
//! - a `verified` value carries a `quote` (words found in its source), or a `reason` saying why
//!   there is none (the research notes give the value in English only);
//! - every quote from the Longwan plan is found word for word in the plan's text, which the
//!   repository keeps (`standards/sources/longwan-action-plan-2024.txt`);
//! - every other quote is found word for word in the plan or in the team's research notes
//!   (`../shared/domain/standards-research.md` beside the repository, not part of it: when it is
//!   absent, that part says it skipped).
//!
//! The standards are walked as the core resolves them (children with their parents' items), as
//! their JSON, so a cite anywhere in the model is seen.

use std::path::Path;

use lifecircle_core::standard;
use serde_json::Value;

/// The source id of the Longwan plan in the standards.
const PLAN: &str = "lw-plan-2024";

struct Cited {
    standard: String,
    path: String,
    source: String,
    quote: Option<String>,
}

fn walk(standard: &str, v: &Value, path: &str, out: &mut Vec<Cited>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(source)), Some(Value::String(_))) = (m.get("source"), m.get("confidence")) {
                let text = |k: &str| {
                    m.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from)
                };
                out.push(Cited {
                    standard: standard.to_string(),
                    path: path.to_string(),
                    source: source.clone(),
                    quote: text("quote"),
                });
            }
            for (k, x) in m {
                walk(standard, x, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let name = ["id", "code", "key", "metric"].iter().find_map(|k| x.get(k).and_then(Value::as_str));
                let at = match (name, x.get("year").and_then(Value::as_u64)) {
                    (Some(n), Some(y)) => format!("{path}[{n} {y}]"),
                    (Some(n), None) => format!("{path}[{n}]"),
                    _ => format!("{path}[{i}]"),
                };
                walk(standard, x, &at, out);
            }
        }
        _ => {}
    }
}

fn cites() -> Vec<Cited> {
    let mut out = Vec::new();
    for b in standard::BUILTIN {
        let st = standard::load_builtin(b.id).expect("built-in standards are valid");
        let v = serde_json::to_value(&st).expect("a standard serializes");
        walk(b.id, &v, "", &mut out);
    }
    assert!(out.len() > 100, "the walk found only {} cites: is the model's JSON still walked right?", out.len());
    out
}

/// Text with its line breaks and spaces left out: a quote may run across a line of the source.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_longwan_plans_quotes_are_in_its_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let plan = std::fs::read_to_string(root.join("standards/sources/longwan-action-plan-2024.txt"))
        .expect("standards/sources/longwan-action-plan-2024.txt is part of the repository");
    let plan = squeezed(&plan);
    let all = cites();
    let from_plan: Vec<&Cited> = all.iter().filter(|c| c.source == PLAN && c.quote.is_some()).collect();
    assert!(from_plan.len() >= 30, "only {} quotes from the plan: is its source id still {PLAN}?", from_plan.len());
    let not_found: Vec<String> = from_plan
        .iter()
        .filter_map(|c| {
            let q = c.quote.as_deref()?;
            (!plan.contains(&squeezed(q))).then(|| format!("{}: {}: “{q}”", c.standard, c.path))
        })
        .collect();
    assert!(not_found.is_empty(), "quotes not found word for word in the Longwan plan:\n{}", not_found.join("\n"));

    // Other sources' quotes: in the plan (which quotes the national and provincial documents) or
    // in the research notes, when they are beside the repository.
    let notes = root.join("../shared/domain/standards-research.md");
    let Ok(notes) = std::fs::read_to_string(&notes) else {
        eprintln!(
            "SKIPPED: quotes of sources other than the Longwan plan were not checked: the research notes \
             (../shared/domain/standards-research.md beside the repository) are not on this machine"
        );
        return;
    };
    let notes = squeezed(&notes);
    let not_found: Vec<String> = all
        .iter()
        .filter(|c| c.source != PLAN)
        .filter_map(|c| {
            let q = squeezed(c.quote.as_deref()?);
            (!plan.contains(&q) && !notes.contains(&q))
                .then(|| format!("{}: {} (source {}): “{q}”", c.standard, c.path, c.source))
        })
        .collect();
    assert!(
        not_found.is_empty(),
        "quotes found neither in the Longwan plan nor in the research notes:\n{}",
        not_found.join("\n")
    );
}
