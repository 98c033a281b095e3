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

/// Whether a WGS-84 or GCJ-02 position is outside the box where GCJ-02's offset applies
/// (longitude 72.004°–137.8347°, latitude 0.8293°–55.8271°, the public formula's bounds): there
/// the two datums are the same point, and converting between them changes nothing.
pub fn out_of_china(p: LonLat) -> bool {
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

/// How sure the datum check is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatumVerdict {
    /// A conversion brings the points onto the streets, and shifts of the same size in other
    /// directions do not: the datums differ.
    #[default]
    Shift,
    /// A conversion brings the points nearer the streets, but not clearly more than a shift of
    /// the same size in another direction does, or there are too few points to tell: the
    /// datums may differ, and cannot be told apart from chance.
    Unclear,
}

/// A warning that points and network seem to be in different datums.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatumWarning {
    /// A clear shift, or a result that cannot tell.
    #[serde(default)]
    pub verdict: DatumVerdict,
    /// Which points: `facilities`, `origins` or `points`.
    #[serde(default)]
    pub of: String,
    /// The datum the points were declared in.
    #[serde(default)]
    pub points_declared: Crs,
    /// The datum the network was declared in.
    #[serde(default)]
    pub network_declared: Crs,
    /// The datum the points seem to be in (their declared one when the network is the suspect).
    pub points_seem_in: Crs,
    /// The datum the network seems to be in (its declared one when the points are the suspect).
    pub network_in: Crs,
    /// Median distance from a point to the nearest street, as given. # Units: metres.
    pub median_offset_m: f64,
    /// Median distance after the conversion. # Units: metres.
    pub median_offset_converted_m: f64,
    /// Mean distance from a point to the nearest street, each counted at most
    /// [`GUARD_CAP_M`] (points outside the extract weigh no more than that), as given: the
    /// measure the verdict is drawn from. # Units: metres.
    #[serde(default)]
    pub mean_offset_m: f64,
    /// The same after the conversion. # Units: metres.
    #[serde(default)]
    pub mean_offset_converted_m: f64,
    /// The same after shifting the points as far as the conversion does, but in other
    /// directions: the smallest of those eleven (the chance level the conversion is compared
    /// with). # Units: metres.
    #[serde(default)]
    pub mean_offset_control_m: f64,
    /// How many points were checked.
    pub points_checked: usize,
    /// A sentence for people, Chinese first.
    pub message: String,
}

/// Each point's distance to the nearest street counts at most this much in the mean the
/// verdict is drawn from. # Units: metres.
pub const GUARD_CAP_M: f64 = 100.0;
/// What a conversion must do to the mean offset to be pointed out at all (ratio).
const GUARD_MIN_IMPROVEMENT: f64 = 1.15;
/// When a shift in another direction brings the mean below the conversion's divided by this,
/// the conversion is taken for chance (ratio).
const GUARD_CHANCE_MARGIN: f64 = 1.1;
/// A conversion that shrinks the mean this many times is pointed out (as unclear) even when a
/// shift in another direction does as well (ratio).
const GUARD_STRONG_IMPROVEMENT: f64 = 2.0;
/// The mean must also shrink by at least this much. # Units: metres.
const GUARD_MIN_GAIN_M: f64 = 3.0;
/// The share of points that must individually move closer to a street.
const GUARD_MIN_SHARE_IMPROVED: f64 = 0.5;
/// For a clear verdict, the conversion's mean must be at most this share of the best mean that
/// shifts of the same size in other directions reach.
const GUARD_MAX_CONTROL_RATIO: f64 = 0.8;
/// Fewer points than this are not judged at all.
const GUARD_MIN_POINTS: usize = 3;
/// Fewer points than this are at most unclear.
const GUARD_MIN_POINTS_CLEAR: usize = 10;
/// Control shifts: the conversion's shift turned by multiples of this angle. # Units: degrees.
const GUARD_CONTROL_STEP_DEG: f64 = 30.0;
/// How far to look for a street when measuring offsets. # Units: metres.
const GUARD_SEARCH_M: f64 = 3000.0;
/// At most this many points are checked (evenly spaced through the input).
const GUARD_MAX_POINTS: usize = 400;

fn median(mut d: Vec<f64>) -> f64 {
    d.sort_by(f64::total_cmp);
    d.get(d.len() / 2).copied().unwrap_or(f64::INFINITY)
}

/// The mean of the distances, each at most [`GUARD_CAP_M`].
fn capped_mean(d: &[f64]) -> f64 {
    if d.is_empty() {
        return f64::INFINITY;
    }
    d.iter().map(|x| x.min(GUARD_CAP_M)).sum::<f64>() / d.len() as f64
}

/// One explanation of a mismatch: which side is in which datum, and how it moves the points.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Suspect {
    /// The points are in this datum, not the declared one.
    Points(Crs),
    /// The network is in this datum, not the declared one.
    Network(Crs),
}

/// Checks facilities or homes against the street network for the typical datum mix-up: a
/// consistent shift of a few hundred metres (the GCJ-02 offset is 300–700 m in China, BD-09
/// adds about 1 km more). Both sides are given in WGS-84, as imported from their declared
/// datums; `of` names the points (`facilities`, `origins`).
///
/// The explanations tried never contradict what was declared: the points are in another datum
/// than declared, or the network is. For each, every point's distance to the nearest street is
/// measured after the correction it implies, and averaged with each distance counted at most
/// 100 m (a point outside the extract says only that it is far). The best is compared with the
/// points as given and with shifts of the same length in eleven other directions (every 30°),
/// the level chance reaches: in a dense street grid a shifted point still lands near some
/// street. Made-up points of the sample circle came closer by a BD-09 shift (mean 44 m →
/// 35 m) but much closer by another shift of that size (23 m): chance, no warning. The 43
/// Beijing shops of a standard's categories in GCJ-02 declared WGS-84 come 43.0 m → 25.7 m
/// closer by the conversion, and another direction as close (25.7 m): a shift, but the campus
/// shops are not nearer their streets than chance, so it is said to be unclear.
///
/// - [`DatumVerdict::Shift`]: the best explanation makes the mean at least 1.15 times (and
///   3 m) smaller, more than half of the points move closer, at least ten points were
///   checked, and its mean is at most 0.8 times the best mean of the other directions.
/// - [`DatumVerdict::Unclear`]: the same, except that it beats every other direction by less
///   (or by none, but none does more than 1.1 times better), or fewer than ten points were
///   checked (five homes shifted by GCJ-02), or another direction does better but the
///   conversion at least halves the mean (on a regular grid of streets other shifts land on
///   streets too).
/// - `None`: no explanation helps, another direction does more than 1.1 times better and the
///   conversion less than halves the mean (chance), or fewer than three points.
///
/// These thresholds are properties of this detector, not of any standard.
pub fn check_datum(
    points: &[LonLat],
    points_declared: Crs,
    network: &Network,
    network_declared: Crs,
    of: &str,
) -> Option<DatumWarning> {
    let step = points.len().div_ceil(GUARD_MAX_POINTS).max(1);
    let sample: Vec<LonLat> =
        points.iter().step_by(step).copied().filter(|p| p[0].is_finite() && p[1].is_finite()).collect();
    if sample.len() < GUARD_MIN_POINTS || network.edge_count() == 0 {
        return None;
    }
    let offsets = |pts: &mut dyn Iterator<Item = LonLat>| -> Vec<f64> {
        pts.map(|p| network.snap_nearest(p, GUARD_SEARCH_M).map_or(GUARD_SEARCH_M, |s| s.off_network_m)).collect()
    };
    let raw = offsets(&mut sample.iter().copied());
    let raw_median = median(raw.clone());
    let raw_mean = capped_mean(&raw);
    let all = [Crs::Wgs84, Crs::Gcj02, Crs::Bd09];
    let mut suspects: Vec<Suspect> =
        all.iter().filter(|&&x| x != points_declared).map(|&x| Suspect::Points(x)).collect();
    suspects.extend(all.iter().filter(|&&y| y != network_declared).map(|&y| Suspect::Network(y)));
    let correct = |s: Suspect, q: LonLat| -> LonLat {
        match s {
            Suspect::Points(x) => convert(convert(q, Crs::Wgs84, points_declared), x, Crs::Wgs84),
            Suspect::Network(y) => convert(convert(q, Crs::Wgs84, y), network_declared, Crs::Wgs84),
        }
    };
    // (capped mean, median, share of points closer, suspect); ties go to the first (the
    // points before the network: points picked on the wrong map are the common case).
    let mut best: Option<(f64, f64, f64, Suspect)> = None;
    for &s in &suspects {
        let conv = offsets(&mut sample.iter().map(|&p| correct(s, p)));
        let improved = raw.iter().zip(&conv).filter(|(r, c)| c < r).count();
        let share = improved as f64 / sample.len() as f64;
        let m = capped_mean(&conv);
        if best.is_none_or(|(b, _, _, _)| m < b) {
            best = Some((m, median(conv), share, s));
        }
    }
    let (converted, converted_median, share, suspect) = best?;
    if converted * GUARD_MIN_IMPROVEMENT > raw_mean
        || raw_mean - converted < GUARD_MIN_GAIN_M
        || share <= GUARD_MIN_SHARE_IMPROVED
    {
        return None;
    }
    // The conversion's shift at the points' middle, in metres east and north, turned every 30°.
    let mid = [median(sample.iter().map(|p| p[0]).collect()), median(sample.iter().map(|p| p[1]).collect())];
    let moved = correct(suspect, mid);
    let (kx, ky) = network.metres_per_degree();
    let (dx, dy) = ((moved[0] - mid[0]) * kx, (moved[1] - mid[1]) * ky);
    let control = (1..(360.0 / GUARD_CONTROL_STEP_DEG) as usize)
        .map(|k| {
            let a = (k as f64 * GUARD_CONTROL_STEP_DEG).to_radians();
            let (ex, ey) = (dx * a.cos() - dy * a.sin(), dx * a.sin() + dy * a.cos());
            capped_mean(&offsets(&mut sample.iter().map(|p| [p[0] + ex / kx, p[1] + ey / ky])))
        })
        .fold(f64::INFINITY, f64::min);
    // Another direction does clearly better, and the conversion helps little: chance, nothing
    // says the datums differ. (One that at least halves the mean stays unclear: on a regular
    // grid of streets some other shift of that length lands on the streets too.)
    if converted > GUARD_CHANCE_MARGIN * control && raw_mean < GUARD_STRONG_IMPROVEMENT * converted {
        return None;
    }
    let verdict = if sample.len() >= GUARD_MIN_POINTS_CLEAR && converted <= GUARD_MAX_CONTROL_RATIO * control {
        DatumVerdict::Shift
    } else {
        DatumVerdict::Unclear
    };
    let (points_seem_in, network_in) = match suspect {
        Suspect::Points(x) => (x, network_declared),
        Suspect::Network(y) => (points_declared, y),
    };
    let (what_zh, what_en) = match of {
        "facilities" => ("设施点", "facilities"),
        "origins" => ("居民点", "homes (origins)"),
        _ => ("点", "points"),
    };
    let n = sample.len();
    let head_zh = format!(
        "{what_zh}（{n} 个，声明为 {}）到最近道路的平均距离为 {raw_mean:.0} 米（每点至多按 {GUARD_CAP_M:.0} 米计）",
        points_declared.label_zh()
    );
    let head_en = format!(
        "{what_en} ({n}, declared {}) are a mean {raw_mean:.0} m from the nearest street (each counted at most {GUARD_CAP_M:.0} m)",
        points_declared.name()
    );
    let (guess_zh, guess_en) = match suspect {
        Suspect::Points(x) => (
            format!(
                "若{what_zh}其实是 {} 坐标（换算 {} → {}），则为 {converted:.0} 米",
                x.label_zh(),
                x.name(),
                points_declared.name()
            ),
            format!(
                "if they were in {} (converting {} → {}), {converted:.0} m",
                x.name(),
                x.name(),
                points_declared.name()
            ),
        ),
        Suspect::Network(y) => (
            format!(
                "若路网（声明为 {}）其实是 {} 坐标，则为 {converted:.0} 米",
                network_declared.label_zh(),
                y.label_zh()
            ),
            format!(
                "if the street network (declared {}) were in {}, {converted:.0} m",
                network_declared.name(),
                y.name()
            ),
        ),
    };
    let message = match verdict {
        DatumVerdict::Shift => format!(
            "坐标系可能不一致：{head_zh}；{guess_zh}，而同样距离的其他方向平移最好只到 {control:.0} 米。请核对所声明的坐标系 / \
             the datums seem to differ: {head_en}; {guess_en}, while shifts as long in other directions reach {control:.0} m at best. Check the declared datums"
        ),
        DatumVerdict::Unclear if n < GUARD_MIN_POINTS_CLEAR => format!(
            "无法判断坐标系是否一致：{head_zh}；{guess_zh}，但只有 {n} 个点，不足以判断（同样距离的其他方向平移可到 {control:.0} 米）。请核对所声明的坐标系 / \
             cannot tell whether the datums agree: {head_en}; {guess_en}, but {n} points are too few to tell (shifts as long in other directions reach {control:.0} m). Check the declared datums"
        ),
        DatumVerdict::Unclear => format!(
            "无法判断坐标系是否一致：{head_zh}；{guess_zh}，但同样距离的其他方向平移也可到 {control:.0} 米，可能只是巧合。请核对所声明的坐标系 / \
             cannot tell whether the datums agree: {head_en}; {guess_en}, but shifts as long in other directions reach {control:.0} m too, so it may be chance. Check the declared datums"
        ),
    };
    Some(DatumWarning {
        verdict,
        of: of.to_string(),
        points_declared,
        network_declared,
        points_seem_in,
        network_in,
        median_offset_m: raw_median,
        median_offset_converted_m: converted_median,
        mean_offset_m: raw_mean,
        mean_offset_converted_m: converted,
        mean_offset_control_m: control,
        points_checked: n,
        message,
    })
}

/// [`check_datum`] for points and a network both declared WGS-84.
pub fn check_datum_shift(points: &[LonLat], network: &Network) -> Option<DatumWarning> {
    check_datum(points, Crs::Wgs84, network, Crs::Wgs84, "points")
}
