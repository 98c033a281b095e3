//! Scored circles the explanation tests read: the built-in sample under longwan-2024 and the
//! golden cases of tests/cases, each on its own date.
#![allow(dead_code)]

use lifecircle_core::assessment::IndicatorResult;
use lifecircle_core::{Assessment, Circle, Date, load_builtin, score};

/// The built-in sample circle under longwan-2024.
pub fn longwan() -> Assessment {
    let st = load_builtin("longwan-2024").unwrap();
    let c = Circle::from_json(lifecircle_core::example::example("longwan-2024").unwrap().json).unwrap();
    score(&st, &c, Date::new(2025, 6, 30).unwrap()).unwrap()
}

/// The circle of a golden case (tests/cases), scored on its date.
pub fn case(standard: &str, text: &str) -> Assessment {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    let c = Circle::from_json(&v["circle"].to_string()).unwrap();
    let st = load_builtin(standard).unwrap();
    score(&st, &c, v["as_of"].as_str().unwrap().parse().unwrap()).unwrap()
}

pub fn gb() -> Assessment {
    case("gb50180-2018", include_str!("../../../tests/cases/gb50180-2018/network-basis.json"))
}

pub fn mofcom() -> Assessment {
    case("mofcom-2021", include_str!("../../../tests/cases/mofcom-2021/plausible-circle-hand-worked.json"))
}

pub fn zhejiang() -> Assessment {
    case("zhejiang-2023", include_str!("../../../tests/cases/zhejiang-2023/doorstep-10-minutes-hand-worked.json"))
}

/// The result of indicator `id`.
pub fn ind<'a>(a: &'a Assessment, id: &str) -> &'a IndicatorResult {
    a.indicators.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no {id}"))
}
