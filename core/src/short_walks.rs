//! Typed walking distances shorter than the straight line: a facility whose `walk_m` from the
//! circle's centre is shorter than the great-circle distance between the two points. No walk
//! is shorter than the straight line, so the centre, the facility's position, its datum or the
//! distance is wrong; scored as typed, the facility counts as near (an evaluator's review found
//! a centre 19.6 km from every facility scoring as the circle beside it).
//!
//! A warning to check the data, never a refusal: scoring does not call it and no score
//! changes. Distances measured on a street network are not checked (they are walks).

use serde::Serialize;

use crate::access::crs::convert;
use crate::access::{Crs, haversine_m};
use crate::circle::Circle;

/// A typed walk is said to be shorter than the straight line when it is shorter than this
/// share of it, less [`SHORT_WALK_SLACK_M`].
///
/// A designed, provisional data-quality tolerance of this project, from no standard: a
/// position is a point picked on a map or geocoded, tens of metres from the door, and a typed
/// distance is rounded; the tolerance keeps those from being called impossible, while a centre
/// or datum kilometres off (the mistake this is for) is far beyond it.
pub const SHORT_WALK_SHARE: f64 = 0.9;

/// Metres of slack beside [`SHORT_WALK_SHARE`] (designed, provisional: see there).
pub const SHORT_WALK_SLACK_M: f64 = 50.0;

/// A facility whose typed walk from the centre is shorter than the straight line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShortWalk {
    /// Its position in `facilities` (from 0).
    pub index: usize,
    pub id: Option<String>,
    pub name: String,
    /// The walk as typed, metres.
    pub walk_m: f64,
    /// The great-circle distance from the centre, metres.
    pub line_m: f64,
}

/// The facilities whose typed `walk_m` is shorter than the straight line from the circle's
/// centre (beyond the tolerance above), in list order. None without a centre.
pub fn short_walks(circle: &Circle) -> Vec<ShortWalk> {
    let Some(loc) = &circle.location else { return Vec::new() };
    let wgs = |p: [f64; 2]| convert(p, loc.crs, Crs::Wgs84);
    let centre = wgs(loc.centre);
    circle
        .facilities
        .iter()
        .enumerate()
        .filter_map(|(index, f)| {
            let (walk_m, at) = (f.walk_m?, f.location?);
            let line_m = haversine_m(centre, wgs(at));
            (line_m.is_finite() && walk_m < line_m * SHORT_WALK_SHARE - SHORT_WALK_SLACK_M).then(|| ShortWalk {
                index,
                id: f.id.clone(),
                name: f.name.clone(),
                walk_m,
                line_m,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Metres east of (120.80, 27.93) in degrees of longitude, near enough (checked below).
    fn east(m: f64) -> [f64; 2] {
        [120.80 + m / 98_400.0, 27.93]
    }

    fn circle(facilities: serde_json::Value) -> Circle {
        Circle::from_json(
            &serde_json::json!({
                "id": "t", "name": "t", "population": 1000,
                "location": { "crs": "wgs84", "centre": east(0.0) },
                "facilities": facilities,
            })
            .to_string(),
        )
        .expect("a valid circle")
    }

    #[test]
    fn a_walk_shorter_than_the_line_is_found_and_one_within_the_tolerance_is_not() {
        let line = haversine_m(east(0.0), east(1000.0));
        assert!((line - 1000.0).abs() < 5.0, "{line}");
        // 1000 m away: a walk of 840 m is within 0.9 × 1000 − 50 = 850 m only just below it;
        // 860 m is allowed (rounding, a point off the door); 180 m is impossible.
        let c = circle(serde_json::json!([
            { "id": "a", "category": "pharmacy", "name": "甲", "location": east(1000.0), "walk_m": 180 },
            { "id": "b", "category": "pharmacy", "name": "乙", "location": east(1000.0), "walk_m": 860 },
            { "id": "c", "category": "pharmacy", "name": "丙", "location": east(1000.0), "walk_m": 840 },
            { "id": "d", "category": "pharmacy", "name": "丁", "walk_m": 10 },
            { "id": "e", "category": "pharmacy", "name": "戊", "location": east(1000.0) },
        ]));
        let found: Vec<(usize, f64)> = short_walks(&c).iter().map(|s| (s.index, s.walk_m)).collect();
        assert_eq!(found, [(0, 180.0), (2, 840.0)]);
        assert!((short_walks(&c)[0].line_m - line).abs() < 1e-9);
    }

    #[test]
    fn without_a_centre_nothing_is_checked() {
        let mut c = circle(serde_json::json!([
            { "id": "a", "category": "pharmacy", "name": "甲", "location": east(1000.0), "walk_m": 180 },
        ]));
        assert_eq!(short_walks(&c).len(), 1);
        c.location = None;
        assert!(short_walks(&c).is_empty());
    }
}
