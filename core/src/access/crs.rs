//! Chinese map datums: WGS-84 ⇄ GCJ-02 ⇄ BD-09, and a guard against mixed datums.
//!
//! GCJ-02 ("Mars coordinates", used by AMap/高德 and Tencent) is WGS-84 plus a published,
//! smooth, position-dependent offset of a few hundred metres inside China; BD-09 (Baidu) is a
//! further rotation-and-shift of GCJ-02. The forward formulas are the standard public ones
//! (Krasovsky semi-axis 6,378,245 m, eccentricity² 0.006693421622965943). The inverses are
//! not closed-form: [`convert`] iterates the forward formula (fixed-point on the offset) until
//! the round trip is below 1e-9° (about 0.1 mm), far inside the required 0.5 m.
//!
//! Outside China's rough bounding box (lon 72.004–137.8347, lat 0.8293–55.8271) GCJ-02 is
//! defined as WGS-84 itself, as the public formula does.

use serde::{Deserialize, Serialize};

use super::LonLat;
use super::graph::Network;

/// A geodetic datum for `[lon, lat]` input.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Crs {
    #[default]
    /// WGS-84 (GPS, OpenStreetMap).
    Wgs84,
    /// GCJ-02 (AMap/高德, Tencent).
    Gcj02,
    /// BD-09 (Baidu).
    Bd09,
}

impl Crs {
    /// The lowercase name used in files: `wgs84`, `gcj02` or `bd09`.
    pub fn name(self) -> &'static str {
        match self {
            Crs::Wgs84 => "wgs84",
            Crs::Gcj02 => "gcj02",
            Crs::Bd09 => "bd09",
        }
    }

    /// How a Chinese reader knows the datum: `WGS-84（GPS、OSM）`, `GCJ-02（高德、腾讯）`,
    /// `BD-09（百度）`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Crs::Wgs84 => "WGS-84（GPS、OSM）",
            Crs::Gcj02 => "GCJ-02（高德、腾讯）",
            Crs::Bd09 => "BD-09（百度）",
        }
    }
}

const KRASOVSKY_A: f64 = 6_378_245.0;
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;
const BD_X_PI: f64 = std::f64::consts::PI * 3000.0 / 180.0;
const INVERSE_TOLERANCE_DEG: f64 = 1e-9;
const INVERSE_MAX_ITERATIONS: usize = 50;

fn out_of_china(p: LonLat) -> bool {
    !(72.004..=137.8347).contains(&p[0]) || !(0.8293..=55.8271).contains(&p[1])
}

fn transform_lat(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn transform_lon(x: f64, y: f64) -> f64 {
    use std::f64::consts::PI;
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// WGS-84 → GCJ-02 (the public forward formula).
pub fn wgs84_to_gcj02(p: LonLat) -> LonLat {
    use std::f64::consts::PI;
    if out_of_china(p) {
        return p;
    }
    let [lon, lat] = p;
    let mut dlat = transform_lat(lon - 105.0, lat - 35.0);
    let mut dlon = transform_lon(lon - 105.0, lat - 35.0);
    let radlat = lat / 180.0 * PI;
    let magic = 1.0 - KRASOVSKY_EE * radlat.sin() * radlat.sin();
    let sqrt_magic = magic.sqrt();
    dlat = (dlat * 180.0) / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * PI);
    dlon = (dlon * 180.0) / (KRASOVSKY_A / sqrt_magic * radlat.cos() * PI);
    [lon + dlon, lat + dlat]
}

/// GCJ-02 → BD-09 (the public forward formula).
pub fn gcj02_to_bd09(p: LonLat) -> LonLat {
    let [x, y] = p;
    let z = (x * x + y * y).sqrt() + 0.00002 * (y * BD_X_PI).sin();
    let theta = y.atan2(x) + 0.000003 * (x * BD_X_PI).cos();
    [z * theta.cos() + 0.0065, z * theta.sin() + 0.006]
}

/// Inverts a forward transform `f` near the identity by fixed-point iteration on the offset.
fn invert(f: fn(LonLat) -> LonLat, target: LonLat) -> LonLat {
    let mut x = target;
    for _ in 0..INVERSE_MAX_ITERATIONS {
        let y = f(x);
        let (ex, ey) = (target[0] - y[0], target[1] - y[1]);
        x = [x[0] + ex, x[1] + ey];
        if ex.abs() < INVERSE_TOLERANCE_DEG && ey.abs() < INVERSE_TOLERANCE_DEG {
            break;
        }
    }
    x
}

/// GCJ-02 → WGS-84 by iterating [`wgs84_to_gcj02`] (round trip below 1e-9°).
pub fn gcj02_to_wgs84(p: LonLat) -> LonLat {
    if out_of_china(p) {
        return p;
    }
    invert(wgs84_to_gcj02, p)
}

/// BD-09 → GCJ-02 by iterating [`gcj02_to_bd09`] (round trip below 1e-9°).
pub fn bd09_to_gcj02(p: LonLat) -> LonLat {
    invert(gcj02_to_bd09, p)
}

/// Converts a position between datums. Non-finite input is returned unchanged (callers check
/// coordinates on import).
///
/// # Units
/// Degrees in, degrees out.
pub fn convert(p: LonLat, from: Crs, to: Crs) -> LonLat {
    if from == to || !p[0].is_finite() || !p[1].is_finite() {
        return p;
    }
    // Go through GCJ-02, the hub of the three.
    let gcj = match from {
        Crs::Wgs84 => wgs84_to_gcj02(p),
        Crs::Gcj02 => p,
        Crs::Bd09 => bd09_to_gcj02(p),
    };
    on_globe(match to {
        Crs::Wgs84 => gcj02_to_wgs84(gcj),
        Crs::Gcj02 => gcj,
        Crs::Bd09 => gcj02_to_bd09(gcj),
    })
}

/// Keeps a converted position on the globe. BD-09's offset (about 0.0065°) applies everywhere,
/// so it carried (-180, -90) to (-180.0068, -90.0055), which every importer then refused
/// (found by fuzzing): longitude wraps round the antimeridian, latitude stops at the pole.
fn on_globe(p: LonLat) -> LonLat {
    let lon = if p[0] > 180.0 {
        p[0] - 360.0
    } else if p[0] < -180.0 {
        p[0] + 360.0
    } else {
        p[0]
    };
    [lon, p[1].clamp(-90.0, 90.0)]
}

/// A warning that points and network seem to be in different datums.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatumWarning {
    /// The datum the points seem to be in.
    pub points_seem_in: Crs,
    /// The datum of the network (the points should be converted to it).
    pub network_in: Crs,
    /// Median distance from a point to the nearest street, as given. # Units: metres.
    pub median_offset_m: f64,
    /// Median distance after converting `points_seem_in` → `network_in`. # Units: metres.
    pub median_offset_converted_m: f64,
    /// How many points were checked.
    pub points_checked: usize,
    /// A sentence for people.
    pub message: String,
}

/// How much a conversion must shrink the median offset to be proposed (ratio).
const GUARD_MIN_IMPROVEMENT: f64 = 1.3;
/// The share of points that must individually move closer to a street.
const GUARD_MIN_SHARE_IMPROVED: f64 = 0.5;
/// The median must also shrink by at least this much. # Units: metres.
const GUARD_MIN_GAIN_M: f64 = 5.0;
/// Fewer points than this are not judged.
const GUARD_MIN_POINTS: usize = 10;
/// How far to look for a street when measuring offsets. # Units: metres.
const GUARD_SEARCH_M: f64 = 3000.0;
/// At most this many points are checked (evenly spaced through the input).
const GUARD_MAX_POINTS: usize = 400;

fn median(mut d: Vec<f64>) -> f64 {
    d.sort_by(f64::total_cmp);
    d.get(d.len() / 2).copied().unwrap_or(f64::INFINITY)
}

/// Detects the typical datum mix-up: facility points and street network that disagree by a
/// consistent shift of a few hundred metres (the GCJ-02 offset is 300–700 m in China, BD-09
/// adds about 1 km more).
///
/// For the points as given and after each of the six datum conversions it measures every
/// point's distance to the nearest street. It proposes the conversion with the smallest median
/// distance when that median is at least 1.3 times (and 5 m) smaller than as given and more
/// than half of the points individually move closer. In a dense street grid a shifted point
/// still lands near some street, so the test is relative rather than an absolute distance: on
/// the Beijing BJTU fixture the GCJ-02 shift raises the median only from 26 m to 38 m, while
/// every wrong conversion makes correct data worse. These thresholds are properties of this
/// detector, not of any standard. Returns `None` when the data agree or there are fewer than
/// ten points to judge.
pub fn check_datum_shift(points: &[LonLat], network: &Network) -> Option<DatumWarning> {
    let step = points.len().div_ceil(GUARD_MAX_POINTS).max(1);
    let sample: Vec<LonLat> =
        points.iter().step_by(step).copied().filter(|p| p[0].is_finite() && p[1].is_finite()).collect();
    if sample.len() < GUARD_MIN_POINTS {
        return None;
    }
    let offsets = |pts: &mut dyn Iterator<Item = LonLat>| -> Vec<f64> {
        pts.map(|p| network.snap_nearest(p, GUARD_SEARCH_M).map_or(GUARD_SEARCH_M, |s| s.off_network_m)).collect()
    };
    let raw = offsets(&mut sample.iter().copied());
    let raw_median = median(raw.clone());
    let all = [Crs::Wgs84, Crs::Gcj02, Crs::Bd09];
    let mut best: Option<(f64, f64, Crs, Crs)> = None;
    for &to in &all {
        for &from in &all {
            if from == to {
                continue;
            }
            let conv = offsets(&mut sample.iter().map(|&p| convert(p, from, to)));
            let improved = raw.iter().zip(&conv).filter(|(r, c)| c < r).count();
            let share = improved as f64 / sample.len() as f64;
            let m = median(conv);
            if best.is_none_or(|(b, _, _, _)| m < b) {
                best = Some((m, share, from, to));
            }
        }
    }
    let (converted, share, from, to) = best?;
    if converted * GUARD_MIN_IMPROVEMENT > raw_median
        || raw_median - converted < GUARD_MIN_GAIN_M
        || share <= GUARD_MIN_SHARE_IMPROVED
    {
        return None;
    }
    Some(DatumWarning {
        points_seem_in: from,
        network_in: to,
        median_offset_m: raw_median,
        median_offset_converted_m: converted,
        points_checked: sample.len(),
        message: format!(
            "设施点到最近道路的距离中位数为 {raw_median:.0} 米，像是 {} 坐标，而路网是 {}：换算 {} → {} 后为 {converted:.0} 米，\
             请先换算坐标（如高德拾取的点为 GCJ-02） / points are a median {raw_median:.0} m from the nearest street; \
             they look like {} while the street network is {}: converting {} → {} brings them to {converted:.0} m",
            from.label_zh(),
            to.label_zh(),
            from.name(),
            to.name(),
            from.name(),
            to.name(),
            from.name(),
            to.name()
        ),
    })
}
