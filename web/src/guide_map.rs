//! The guide map (导视图) as a pure function from data to SVG text.
//!
//! No Leptos, no web-sys: [`render_guide_map`] runs natively and in the browser and gives the
//! same bytes for the same data (every coordinate is written with one decimal). The
//! [`GuideMap`](crate::GuideMap) component only wraps it; the golden tests in
//! `web/tests/golden/` pin its output.
//!
//! # Projection and units
//! Coordinates are `[longitude, latitude]` in degrees, all in the circle's own system
//! (WGS-84, GCJ-02 or BD-09: the offsets between them are nearly constant over a circle, so
//! distances on the map are unaffected). They are projected with a local equirectangular
//! projection at the centre's latitude: `x = R·Δλ·cos φ₀`, `y = R·Δφ`, `R = 6 371 008.8 m`
//! (the IUGG mean Earth radius), which is accurate to well under 1 % over the 2 km a circle
//! spans. The scale bar is in metres.

use std::fmt::Write;

use lifecircle_core::access::crs::{Crs, convert};
use lifecircle_core::assessment::Assessment;
use lifecircle_core::circle::{Circle, Status as FacilityStatus};
use lifecircle_core::standard::{Kind, Lang, Standard, Text};
use serde::{Deserialize, Serialize};

/// Mean Earth radius in metres (IUGG).
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A zh-CN / English text pair that can also be read from JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

impl Label {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Label {
        Label { zh: zh.into(), en: en.into() }
    }

    /// The text in a language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl From<&Text> for Label {
    fn from(t: &Text) -> Label {
        Label::new(t.zh.clone(), t.en.clone())
    }
}

/// A type missing within walking reach (步行范围内缺少的业态).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MissingType {
    pub name: Label,
    /// Metres along the streets to the nearest one, when the circle has one beyond its reach
    /// (the map may draw its symbol inside a straight-line ring: the reader is told why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nearest_m: Option<f64>,
}

/// A class of categories (基本保障类, 品质提升类 …): one symbol shape and colour each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapClass {
    pub code: String,
    pub name: Label,
}

/// A category that appears on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapCategory {
    pub code: String,
    pub name: Label,
    /// Code of its [`MapClass`].
    pub class: String,
}

/// One facility with a location.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapFacility {
    /// Stable id (the inventory's `id`, or `#<index>` when it has none).
    pub id: String,
    pub name: String,
    /// Category code of the standard.
    pub category: String,
    /// `[longitude, latitude]`.
    pub location: [f64; 2],
    /// Planned or closed: drawn hollow, not counted.
    #[serde(default)]
    pub not_open: bool,
    /// Placed by the what-if mode: drawn faded with a dashed outline, never on the poster.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hypothetical: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// Walking distance from the centre in metres, as the inventory gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub walk_m: Option<f64>,
}

impl MapFacility {
    /// How the map names the facility: its name, or, where it has none (an OpenStreetMap
    /// shop nobody named, a row not filled in yet), 未命名便利店 / "unnamed convenience store"
    /// after its category's name (`category`, in `lang`), never its id.
    pub fn label(&self, category: Option<&Label>, lang: Lang) -> String {
        let name = self.name.trim();
        if !name.is_empty() {
            return name.to_string();
        }
        let kind = category.map_or(self.category.trim(), |c| c.get(lang));
        match lang {
            Lang::Zh if kind.is_empty() => "未命名设施".into(),
            Lang::Zh => format!("未命名{kind}"),
            Lang::En if kind.is_empty() => "unnamed facility".into(),
            // "Convenience store" → "unnamed convenience store"; an acronym (ATM) keeps its
            // capitals (the core's rule, ASCII only: Unicode case tables would cost the
            // widgets about 9 KB gzip).
            Lang::En => format!("unnamed {}", lifecircle_core::score::in_sentence(kind)),
        }
    }
}

/// A street segment reached within some minutes of walking (from the walking-reach module).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReachedSegment {
    /// A LineString of `[longitude, latitude]` pairs.
    pub line: Vec<[f64; 2]>,
    /// Walking minutes to the far end of the segment.
    pub minutes: f64,
}

/// A dashed circle around the centre: roughly how far one walks in some minutes, as the
/// crow flies (`radius_m = minutes × walking speed ÷ detour factor`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ring {
    pub minutes: f64,
    pub radius_m: f64,
}

/// A site suggested for a missing or weak category (建议选址): the siting function's greedy
/// maximum-coverage ranking on the street network, with the score the circle would reach.
/// Drawn as a numbered dashed marker with the category's glyph and `+Δ分`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SuggestedSite {
    /// Category code of the standard.
    pub category: String,
    /// The category's name (the category may have no facility on the map yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Label>,
    /// 1 = best.
    pub rank: usize,
    /// `[longitude, latitude]`.
    pub point: [f64; 2],
    /// The circle's total with this site added.
    pub total: f64,
    /// Change of the total against the circle as it is.
    pub delta: f64,
    /// Residents newly within `minutes` of walking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covered: Option<f64>,
    /// The standard's walking minutes for the category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
}

/// Everything the guide map shows. Build it with [`GuideMapData::from_core`] or read it from
/// JSON (every field but `name` and `centre` may be left out).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GuideMapData {
    /// The circle's name (the map's title).
    pub name: String,
    /// Made-up sample data: the map says 示例数据.
    #[serde(default)]
    pub sample: bool,
    /// 街道 and communities, for the subtitle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The date the map shows (`YYYY-MM-DD`, the assessment's `as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The standard, e.g. `longwan-2024 v0.1.0`, for the footer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// `[longitude, latitude]` of the centre (您在这里).
    pub centre: [f64; 2],
    /// The circle gave no centre: `centre` is the facilities' mean, the middle of the map
    /// but no place anyone is, so no 您在这里 is drawn (nor rings around it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub centre_unknown: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary: Option<Vec<[f64; 2]>>,
    /// The datum of every coordinate here (the circle's `location.crs`). Only basemap tiles
    /// care: tiles in another datum are shifted onto this one (see [`tiles_for`]).
    #[serde(default, skip_serializing_if = "is_wgs84")]
    pub crs: Crs,
    /// Street LineStrings.
    #[serde(default)]
    pub streets: Vec<Vec<[f64; 2]>>,
    /// Streets reached, coloured by 5/10/15-minute tier.
    #[serde(default)]
    pub reached: Vec<ReachedSegment>,
    #[serde(default)]
    pub rings: Vec<Ring>,
    /// The walking speed and detour factor the rings were drawn with, for the legend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ring_basis: Option<Label>,
    #[serde(default)]
    pub classes: Vec<MapClass>,
    #[serde(default)]
    pub categories: Vec<MapCategory>,
    #[serde(default)]
    pub facilities: Vec<MapFacility>,
    /// 步行范围内缺少的业态: category names taken from the assessment's gaps (none within the
    /// circle's walking reach; the map may still show one farther away).
    #[serde(default)]
    pub missing: Vec<MissingType>,
    /// Streets or facilities come from OpenStreetMap: the ODbL attribution is printed.
    #[serde(default)]
    pub osm: bool,
    /// Further credits (data sources, the mapmaker).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<String>,
    /// Suggested sites (建议选址), numbered by rank within their category.
    #[serde(default)]
    pub suggested: Vec<SuggestedSite>,
    /// How the suggested sites were found (for the legend), e.g. that the residents'
    /// locations are assumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_basis: Option<Label>,
}

/// Map layers measured elsewhere (for example natively, on a street network) and laid over
/// the map of a circle: streets, the streets reached in 5/10/15 minutes, and the data's
/// credits. Read from JSON; every field may be left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapLayers {
    /// Street LineStrings, `[lon, lat]`.
    #[serde(default)]
    pub streets: Vec<Vec<[f64; 2]>>,
    /// Streets reached, with the minutes of their tier.
    #[serde(default)]
    pub reached: Vec<ReachedSegment>,
    /// The data comes from OpenStreetMap: the ODbL attribution is printed.
    #[serde(default)]
    pub osm: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<String>,
    /// Suggested sites measured on the street network.
    #[serde(default)]
    pub suggested: Vec<SuggestedSite>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_basis: Option<Label>,
}

impl GuideMapData {
    /// The map with measured layers laid over it (the layers' streets replace the map's).
    pub fn with_layers(mut self, layers: &MapLayers) -> GuideMapData {
        if !layers.streets.is_empty() {
            self.streets = layers.streets.clone();
        }
        if !layers.reached.is_empty() {
            self.reached = layers.reached.clone();
        }
        self.osm |= layers.osm;
        if layers.credits.is_some() {
            self.credits = layers.credits.clone();
        }
        if !layers.suggested.is_empty() {
            self.suggested = layers.suggested.clone();
            self.suggested_basis = layers.suggested_basis.clone();
        }
        self
    }
}

/// The `[lon, lat]` under a point of the map drawn for `d` in `layout`, given in the SVG's
/// viewBox units; `None` outside the map rectangle. The inverse of the drawing projection.
pub fn unproject(d: &GuideMapData, layout: Layout, x: f64, y: f64) -> Option<[f64; 2]> {
    let f = frame(layout);
    let m = f.map;
    if !(x.is_finite() && y.is_finite()) || x < m.x || x > m.x + m.w || y < m.y || y > m.y + m.h {
        return None;
    }
    let p = projection(d, m);
    if !(p.s > 0.0 && p.k_lon > 0.0) {
        return None;
    }
    let mx = (x - p.cx) / p.s;
    let my = (p.cy - y) / p.s;
    Some([p.lon0 + mx / p.k_lon, p.lat0 + my / p.k_lat])
}

/// Page layout of the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Landscape for screens: map on the left, legend on the right (1280 × 940).
    #[default]
    Screen,
    /// A3 portrait poster, 297 × 420 mm (viewBox 1188 × 1680): large title, legend below.
    A3Portrait,
    /// Portrait for phones (viewBox 320 wide, as long as its legend): the map across the width,
    /// the legend below it in two columns (one in [large text](MapOptions::large_text)), its
    /// text still legible at a phone's width. The guide map component draws this instead of
    /// `Screen` when it is narrower than [`PHONE_BELOW_PX`].
    Phone,
}

/// Narrower than this (CSS pixels), a guide map asked for the screen layout draws the phone
/// layout: the screen layout's legend would be about 5 px high.
pub const PHONE_BELOW_PX: f64 = 600.0;

/// How to draw the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapOptions {
    #[serde(default)]
    pub lang: Lang,
    #[serde(default)]
    pub layout: Layout,
    /// Upper bounds in minutes of the street tiers (5, 10, 15).
    #[serde(default = "default_tiers")]
    pub tiers: [f64; 3],
    /// Facility id to highlight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
    /// Overrides the viewBox (pan and zoom): `[x, y, width, height]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view_box: Option<[f64; 4]>,
    /// Optional basemap: a Web-Mercator tile URL template with `{z}`, `{x}` and `{y}`
    /// (e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`), drawn as `<image>` elements
    /// under the vector layers. `None` (default): no tiles, nothing is fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiles: Option<String>,
    /// The datum the tiles are drawn in: WGS-84 (the default: OpenStreetMap, and 天地图
    /// Tianditu's `_w` services, whose CGCS2000 is within centimetres of it) or GCJ-02 (AMap
    /// 高德, Tencent). Tiles in another datum than the circle's data are shifted onto it.
    #[serde(default, skip_serializing_if = "is_wgs84")]
    pub tiles_crs: Crs,
    /// The tiles' attribution, printed in the footer when tiles are drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiles_credit: Option<String>,
    /// 适老化 large text (the widgets' `large-text`, `elder`): the screen and phone layouts
    /// set their title, legend, list of missing types, footer and scale bar larger (the
    /// phone's legend at 17 units, at least 16 CSS px on a 360 px phone), in one column on a
    /// phone, with tap discs of 48 units round its facilities. The map's rectangle stays where
    /// it is (so [`unproject`] and [`tiles_for`] need no option). The A3 poster is unchanged:
    /// its type is set for print (19 units of legend are 4.8 mm on the sheet).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub large_text: bool,
}

fn default_tiers() -> [f64; 3] {
    [5.0, 10.0, 15.0]
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            lang: Lang::Zh,
            layout: Layout::Screen,
            tiers: default_tiers(),
            selected: None,
            view_box: None,
            tiles: None,
            tiles_crs: Crs::Wgs84,
            tiles_credit: None,
            large_text: false,
        }
    }
}

fn is_wgs84(c: &Crs) -> bool {
    *c == Crs::Wgs84
}

/// Fill colours of class symbols, in the order of the standard's classes. Each holds white
/// text at a contrast of at least 4.5:1 (WCAG AA).
pub const CLASS_COLOURS: [&str; 8] =
    ["#1f5fa8", "#6a1b9a", "#8a5300", "#00695c", "#b3261e", "#37474f", "#2e6b30", "#ad1457"];

/// Colours of the 5-, 10- and 15-minute street tiers. On the map's paper (`#f6f3ec`) they
/// stand at 4.6, 3.1 and 5.3:1, on the boundary's fill (`#fffdf7`) at 5.0, 3.4 and 5.8:1: at
/// least the 3:1 WCAG asks of graphics (1.4.11). Printed in grey the 5- and 15-minute ones
/// are alike (Rec. 601 grey 89 and 82, the 10-minute 129): the strokes of [`tier_stroke`]
/// tell the tiers apart without colour.
pub const TIER_COLOURS: [&str; 3] = ["#1b7f3b", "#c77700", "#c2185b"];

/// The reached streets' stroke widths, in the layout's `base`: 5 minutes thick, 10 medium,
/// 15 thin (and dashed, [`TIER_DASH`]), so that the tiers stay apart printed in grey on an
/// office printer and for a reader who does not see the colours (WCAG 1.4.1).
const TIER_WIDTH: [f64; 3] = [0.6, 0.4, 0.25];

/// The 15-minute streets' dashes and gaps, in `base`: longer and thicker than the rings'
/// (6 6 at 0.15); the legend's line shows a dash, a gap and the start of a second dash.
const TIER_DASH: [f64; 2] = [0.6, 0.4];

/// The attributes of a reached street's stroke in a tier, on the map and in its legend row
/// alike: colour, width and, for the 15-minute tier, dashes (with square ends, which round
/// ones would close up).
fn tier_stroke(tier: usize, base: f64) -> String {
    let tier = tier.min(2);
    let mut out = format!(" stroke=\"{}\" stroke-width=\"{}\"", TIER_COLOURS[tier], n(base * TIER_WIDTH[tier]));
    if tier == 2 {
        let _ = write!(
            out,
            " stroke-dasharray=\"{} {}\" stroke-linecap=\"butt\"",
            n(base * TIER_DASH[0]),
            n(base * TIER_DASH[1])
        );
    }
    out
}

/// The ring labels' colours: each at least 4.5:1 on the map's paper (their halo), 4.6, 4.9 and
/// 5.3:1, as WCAG AA asks of text. The rings' 10-minute orange (3.1:1) is enough for the ring
/// itself (a graphic, 3:1) and for large bold type (18.7 px), which the labels are not.
const TIER_TEXT: [&str; 3] = ["#1b7f3b", "#9c5a00", "#c2185b"];

/// The heading of the missing types' list: missing within walking reach, as the gaps count
/// them (the map may draw one of them farther away, as in the BJTU sample's 便利店).
const MISSING_HEADING: (&str, &str) = ("步行范围内缺少的业态", "Missing within walking reach");

const INK: &str = "#1d232b";
const MUTED: &str = "#4a5360";
const PAPER: &str = "#f6f3ec";
const ALERT: &str = "#b3261e";
const FONT: &str = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

impl GuideMapData {
    /// The map of a circle: its facilities by category, the centre, the boundary, rings for
    /// 5, 10 and 15 minutes from the standard's walking speed and detour factor, and, with an
    /// assessment, the date and the categories its gaps say are missing.
    pub fn from_core(standard: &Standard, circle: &Circle, assessment: Option<&Assessment>) -> GuideMapData {
        let mut categories: Vec<MapCategory> = Vec::new();
        let mut facilities = Vec::new();
        for (i, f) in circle.facilities.iter().enumerate() {
            let Some(location) = f.location else { continue };
            let cat = standard.find_category(&f.category);
            let code = cat.map_or_else(|| f.category.trim().to_string(), |c| c.code.clone());
            if !categories.iter().any(|c| c.code == code) {
                categories.push(match cat {
                    Some(c) => MapCategory { code: code.clone(), name: (&c.name).into(), class: c.class.clone() },
                    None => MapCategory {
                        code: code.clone(),
                        name: Label::new(code.clone(), code.clone()),
                        class: String::new(),
                    },
                });
            }
            facilities.push(MapFacility {
                id: f.id.clone().unwrap_or_else(|| format!("#{}", i + 1)),
                name: f.name.clone(),
                category: code,
                location,
                not_open: f.status != FacilityStatus::Open,
                hypothetical: crate::mount::is_hypothetical(f),
                hours: f.hours.clone(),
                brand: f.brand.clone(),
                walk_m: f.walk_m,
            });
        }
        // Categories in the standard's order, so the legend reads like the standard.
        let order = |code: &str| standard.categories.iter().position(|c| c.code == code).unwrap_or(usize::MAX);
        lifecircle_core::order::sort_by_key(&mut categories, |c| order(&c.code));
        let classes = standard
            .classes
            .iter()
            .filter(|k| categories.iter().any(|c| c.class == k.code))
            .map(|k| MapClass { code: k.code.clone(), name: (&k.name).into() })
            .collect();

        let speed = standard.param("walking_speed_m_per_min").map(|p| p.value);
        let detour = standard.param("detour_factor").map_or(1.0, |p| p.value);
        // Rings are walks from the circle's centre: none without one.
        let (rings, ring_basis) = match speed {
            Some(v) if v > 0.0 && detour > 0.0 && circle.location.is_some() => (
                default_tiers().iter().map(|&m| Ring { minutes: m, radius_m: m * v / detour }).collect(),
                Some(Label::new(
                    format!("按步行 {} 米/分钟、绕行系数 {} 的直线估算", fmt_plain(v), fmt_plain(detour)),
                    format!("straight-line estimate: {} m/min, detour factor {}", fmt_plain(v), fmt_plain(detour)),
                )),
            ),
            _ => (Vec::new(), None),
        };

        let mut place = Vec::new();
        if let Some(s) = &circle.subdistrict {
            place.push(s.name.clone());
        }
        place.extend(circle.communities.iter().map(|c| c.name.clone()));

        GuideMapData {
            name: circle.name.clone(),
            sample: circle.sample,
            place: (!place.is_empty()).then(|| place.join(" ")),
            date: assessment.map(|a| a.as_of.to_string()),
            standard: assessment.map(|a| format!("{} v{}", a.standard.id, a.standard.version)),
            centre: circle.location.as_ref().map_or_else(|| mean_location(&facilities), |l| l.centre),
            centre_unknown: circle.location.is_none(),
            boundary: circle.location.as_ref().and_then(|l| l.boundary.clone()),
            crs: circle.location.as_ref().map_or(Crs::Wgs84, |l| l.crs),
            streets: Vec::new(),
            reached: Vec::new(),
            rings,
            ring_basis,
            classes,
            categories,
            facilities,
            missing: assessment.map(|a| missing_categories(standard, circle, a)).unwrap_or_default(),
            osm: false,
            credits: None,
            suggested: Vec::new(),
            suggested_basis: None,
        }
    }
}

fn mean_location(fs: &[MapFacility]) -> [f64; 2] {
    if fs.is_empty() {
        return [0.0, 0.0];
    }
    let n = fs.len() as f64;
    [fs.iter().map(|f| f.location[0]).sum::<f64>() / n, fs.iter().map(|f| f.location[1]).sum::<f64>() / n]
}

/// The categories the assessment's gaps say are missing, in gap order, without repeats:
/// the `missing` input of a distinct-count gap, the target of a presence or count gap with
/// none found. One the circle has farther away says its nearest walk (the map may draw it
/// inside a straight-line ring: BJTU's 便利店 at 1156 m, beyond 15 minutes' walk).
pub fn missing_categories(standard: &Standard, circle: &Circle, a: &Assessment) -> Vec<MissingType> {
    let mut out: Vec<MissingType> = Vec::new();
    let mut push = |name: Label, code: &str| {
        if !out.iter().any(|m| m.name == name) {
            let walk = circle.walking.as_ref().and_then(|w| w.nearest_m.get(code));
            out.push(MissingType { name, nearest_m: walk.copied().filter(|m| m.is_finite()) });
        }
    };
    for gap in &a.gaps {
        let Some(ind) = standard.indicator(&gap.indicator) else { continue };
        let result = a.indicators.iter().find(|r| r.id == gap.indicator);
        match &ind.kind {
            Kind::DistinctCount { .. } => {
                let codes = result.and_then(|r| r.inputs.get("missing")).and_then(|v| v.as_array());
                for code in codes.into_iter().flatten().filter_map(|v| v.as_str()) {
                    match standard.category(code) {
                        Some(c) => push((&c.name).into(), &c.code),
                        None => push(Label::new(code, code), code),
                    }
                }
            }
            Kind::Presence { target, .. } | Kind::Count { target } => {
                let none = result.and_then(|r| r.inputs.get("count")).and_then(|v| v.as_f64()) == Some(0.0);
                if none {
                    push((&target.name).into(), &target.code);
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Formatting helpers
// ---------------------------------------------------------------------------------------

/// A coordinate with one decimal, never `-0.0`.
fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r:.1}")
}

/// A parameter as written (no trailing zeros, at most 2 decimals).
fn fmt_plain(x: f64) -> String {
    lifecircle_core::score::fmt_num(x)
}

/// XML-escaped text.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
        || matches!(c, '“' | '”' | '‘' | '’' | '·' | '…' | '—')
}

/// Estimated width of a text in user units: CJK characters 1 em, others about 0.56 em.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| if is_wide(c) { 1.0 } else { 0.56 }).sum::<f64>() * size
}

/// Splits a text into lines no wider than `max`, breaking between characters for CJK and at
/// spaces otherwise.
fn wrap(s: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in split_words(s) {
        let trial = format!("{cur}{word}");
        if !cur.is_empty() && text_width(trial.trim_end(), size) > max {
            lines.push(cur.trim_end().to_string());
            cur = word.trim_start().to_string();
        } else {
            cur = trial;
        }
    }
    if !cur.trim().is_empty() {
        lines.push(cur.trim_end().to_string());
    }
    lines
}

fn split_words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    // The word holds only opening punctuation, waiting for what it opens.
    let mut opening = false;
    for c in s.chars() {
        if is_closing(c) && (word.is_empty() || is_wide(c)) {
            // No line starts with closing punctuation (禁则): it stays with what it closes,
            // a word being read ("10、") or the last one. (Inside a Latin word, `)` `.` `,`
            // are part of it: "GS(2026)0000号", "2.5".)
            if !word.is_empty() {
                word.push(c);
                out.push(std::mem::take(&mut word));
                opening = false;
                continue;
            }
            match out.last_mut() {
                Some(last) => last.push(c),
                None => out.push(c.to_string()),
            }
        } else if is_opening(c) {
            // Nor ends with opening punctuation: it goes with what it opens.
            if !opening && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.push(c);
            opening = true;
        } else if is_wide(c) {
            // (after a no-break space too: "1556\u{a0}米" keeps the unit with its number)
            if opening || word.ends_with('\u{a0}') {
                word.push(c);
                out.push(std::mem::take(&mut word));
                opening = false;
                continue;
            }
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c == ' ' {
            opening = false;
            word.push(c);
            out.push(std::mem::take(&mut word));
        } else {
            word.push(c);
            opening = false;
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn is_opening(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '“' | '‘' | '《' | '【')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '）' | '」'
            | '』'
            | '，'
            | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '”'
            | '’'
            | ')'
            | ','
            | '.'
            | ';'
            | ':'
    )
}

/// Shortens a text to fit `max`, ending it with `…`.
fn fit(s: &str, size: f64, max: f64) -> String {
    if text_width(s, size) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        let trial = format!("{out}{c}…");
        if text_width(&trial, size) > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Wrapped lines joined back into one text: a space where the wrap took one (between words),
/// none between CJK characters.
fn rejoin(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        let between =
            out.chars().next_back().is_some_and(|c| !is_wide(c)) && l.chars().next().is_some_and(|c| !is_wide(c));
        if between {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Symbols and glyphs
// ---------------------------------------------------------------------------------------

/// The one- or two-character glyph of each category on the map, unique among them: the
/// first character of the Chinese name not taken by an earlier category (zh), or the
/// initial plus a later letter (en).
pub fn glyphs(categories: &[MapCategory], lang: Lang) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    for c in categories {
        let name = c.name.get(lang);
        let cands: Vec<String> = match lang {
            Lang::Zh => name.chars().filter(|ch| ch.is_alphanumeric()).map(|ch| ch.to_string()).collect(),
            Lang::En => {
                let letters: Vec<char> = name.chars().filter(|ch| ch.is_ascii_alphanumeric()).collect();
                let first = letters.first().map(|c| c.to_ascii_uppercase());
                let mut v: Vec<String> = first.iter().map(|f| f.to_string()).collect();
                if let Some(f) = first {
                    v.extend(letters.iter().skip(1).map(|l| format!("{f}{}", l.to_ascii_lowercase())));
                }
                v
            }
        };
        let pick = cands
            .iter()
            .find(|g| !used.contains(g))
            .cloned()
            .or_else(|| {
                (2..100).map(|k| format!("{}{k}", cands.first().map_or("?", |s| s))).find(|g| !used.contains(g))
            })
            .unwrap_or_else(|| "?".into());
        used.push(pick);
    }
    used
}

/// The symbol of class number `i` (shape cycles through six), centred at `(cx, cy)`.
fn symbol(i: usize, cx: f64, cy: f64, r: f64, attrs: &str) -> String {
    let poly = |k: usize, rot: f64, rr: f64| {
        let pts: Vec<String> = (0..k)
            .map(|j| {
                let a = rot + std::f64::consts::TAU * j as f64 / k as f64;
                format!("{},{}", n(cx + rr * a.cos()), n(cy + rr * a.sin()))
            })
            .collect();
        format!("<polygon points=\"{}\" {attrs}/>", pts.join(" "))
    };
    use std::f64::consts::FRAC_PI_2;
    match i % 6 {
        0 => format!("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {attrs}/>", n(cx), n(cy), n(r)),
        1 => {
            let s = r * 0.9;
            format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" {attrs}/>",
                n(cx - s),
                n(cy - s),
                n(2.0 * s),
                n(2.0 * s),
                n(r * 0.2)
            )
        }
        2 => poly(4, -FRAC_PI_2, r * 1.22),
        3 => poly(6, 0.0, r * 1.08),
        4 => poly(5, -FRAC_PI_2, r * 1.12),
        _ => poly(8, std::f64::consts::PI / 8.0, r * 1.05),
    }
}

// ---------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

#[derive(Clone)]
struct Frame {
    w: f64,
    h: f64,
    margin: f64,
    title: f64,
    title_y: f64,
    sub: f64,
    sub_y: f64,
    map: Rect,
    panel: Rect,
    col_w: f64,
    font: f64,
    line: f64,
    /// Radius of the legend's symbols (at `font`).
    sym_r: f64,
    /// Radius of the facilities' symbols on the map (on a phone larger than the legend's, for
    /// a finger and an older eye: [`frame`], [`large`]).
    mark_r: f64,
    /// The least size of the text in and beside the map's symbols (their glyphs, the suggested
    /// sites' numbers); 0: as the symbol's size gives it.
    mark_text: f64,
    foot: f64,
    foot_y: f64,
    /// Lines the footer may take before its last one is shortened.
    foot_lines: usize,
    /// Lines a legend label may take before its last one is shortened.
    label_lines: usize,
    /// The layout's usual legend size: the map's strokes and its north arrow are drawn from
    /// it, so that large text does not thicken the streets.
    base: f64,
    /// Notes (in brackets below a legend row) and the count of rows left off, in `font`s.
    note: f64,
    /// A footer on more than one line keeps its size (else it is set at 85 %).
    foot_keeps_size: bool,
    /// The 示例数据 badge starts the subtitle's line instead of following the title (which
    /// then has the whole width).
    badge_below: bool,
    /// Radius of the unseen disc under each facility that takes a tap; 0: none.
    hit_r: f64,
    /// Colours of the ring labels' text.
    ring_text: [&'static str; 3],
}

/// The page size of a map in viewBox units (width, height): the layout's, except the phone
/// layout, which is as long as its legend needs.
pub fn page_size(d: &GuideMapData, o: &MapOptions) -> (f64, f64) {
    let f = frame_for(d, o);
    (f.w, f.h)
}

/// The frame a map is drawn in (in large text with [`large`]'s sizes). The phone layout's
/// legend is one or two narrow columns: rather than setting it smaller (it is read at a phone's
/// width), the page grows to hold it at full size, up to three times its height (five in
/// large text, in one column; past that, the usual shrinking and counting applies). Below the
/// legend the page keeps room for every line of the footer.
fn frame_for(d: &GuideMapData, o: &MapOptions) -> Frame {
    let f = if o.large_text { large(frame(o.layout), o.layout) } else { frame(o.layout) };
    if o.layout == Layout::A3Portrait && footer_lines(d, o, &f).1.len() > 2 {
        // The footer's third line (its top near 1589) takes the legend's last 20 units;
        // a poster whose footer fits two lines keeps them for its legend.
        return Frame { panel: Rect { h: f.panel.h - 20.0, ..f.panel }, ..f };
    }
    if o.layout != Layout::Phone {
        return f;
    }
    // From the legend's bottom: a line (for the count of rows left off), then the footer's
    // lines, then the margin. The usual footer's at most six small lines fit the layout's 90.
    let (size, lines) = footer_lines(d, o, &f);
    let footer_h = (lines.len().max(1) - 1) as f64 * size * 1.3 + size;
    let below = (f.h - (f.panel.y + f.panel.h)).max(f.line + footer_h + f.margin);
    let with = |h: f64| Frame {
        h: f.panel.y + h + below,
        foot_y: f.panel.y + h + below - f.margin,
        panel: Rect { h, ..f.panel },
        ..f.clone()
    };
    let fits = |g: &Frame| panel_at(&mut String::new(), d, o, g) == 0;
    let f = with(f.panel.h);
    if fits(&f) {
        return f;
    }
    // The shortest panel, in steps of a line, at which every row fits.
    let most = if o.large_text { 4 } else { 2 };
    let (mut lo, mut hi) = (0usize, most * (f.panel.h / f.line).ceil() as usize);
    if !fits(&with(f.panel.h + hi as f64 * f.line)) {
        return f;
    }
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if fits(&with(f.panel.h + mid as f64 * f.line)) { hi = mid } else { lo = mid }
    }
    with(f.panel.h + hi as f64 * f.line)
}

fn frame(layout: Layout) -> Frame {
    match layout {
        Layout::Screen => Frame {
            w: 1280.0,
            h: 940.0,
            margin: 32.0,
            title: 34.0,
            title_y: 58.0,
            sub: 16.0,
            sub_y: 90.0,
            map: Rect { x: 32.0, y: 112.0, w: 800.0, h: 780.0 },
            panel: Rect { x: 856.0, y: 112.0, w: 400.0, h: 780.0 },
            col_w: 200.0,
            font: 13.0,
            line: 22.0,
            sym_r: 12.0,
            mark_r: 12.0,
            mark_text: 0.0,
            foot: 12.0,
            foot_y: 922.0,
            foot_lines: 2,
            label_lines: 3,
            base: 13.0,
            note: 0.9,
            foot_keeps_size: false,
            badge_below: false,
            hit_r: 0.0,
            ring_text: TIER_TEXT,
        },
        Layout::A3Portrait => Frame {
            w: 1188.0,
            h: 1680.0,
            margin: 56.0,
            title: 64.0,
            title_y: 124.0,
            sub: 28.0,
            sub_y: 176.0,
            map: Rect { x: 56.0, y: 216.0, w: 1076.0, h: 900.0 },
            panel: Rect { x: 56.0, y: 1150.0, w: 1076.0, h: 450.0 },
            col_w: 269.0,
            font: 19.0,
            line: 30.0,
            sym_r: 19.0,
            mark_r: 19.0,
            mark_text: 0.0,
            foot: 17.0,
            foot_y: 1640.0,
            // A poster with the data's and a basemap's credits in English needs a third
            // (`frame_for` then ends the legend higher).
            foot_lines: 3,
            label_lines: 2,
            base: 19.0,
            note: 0.9,
            foot_keeps_size: false,
            badge_below: false,
            hit_r: 0.0,
            ring_text: TIER_TEXT,
        },
        // 320 units across: a phone shows the map about 300–358 px wide (0.94 to 1.12 CSS px
        // a unit, [`large`]), so 12 units of type are 11.3 to 13.4 px on the screen.
        Layout::Phone => Frame {
            w: 320.0,
            h: 1110.0,
            margin: 12.0,
            title: 22.0,
            title_y: 36.0,
            sub: 12.0,
            sub_y: 56.0,
            map: Rect { x: 12.0, y: 68.0, w: 296.0, h: 296.0 },
            panel: Rect { x: 12.0, y: 380.0, w: 296.0, h: 640.0 },
            col_w: 148.0,
            font: 12.0,
            // Rows 23 units apart: room for the legend's symbols (22 units across) and their
            // glyphs (12 units), which match the map's (under 8 px were too small to match).
            line: 23.0,
            sym_r: 13.0,
            // The map's symbols 28 units across (a square 25: 24 px or more), their glyphs 15.4
            // units, the suggested sites' numbers 13: an older eye reads them, a finger hits
            // them (at 16 units, 15 px and glyphs of 7.6 px were neither).
            mark_r: 14.0,
            mark_text: 13.0,
            // 11 units, not set smaller on more lines: about 10 px in a 300 px widget (the
            // attributions are owed legibly); 9 units at 85 % were under 7 px.
            foot: 11.0,
            foot_y: 1098.0,
            // Attributions are owed in full: a narrow page gives them more lines.
            foot_lines: 6,
            // (five: a suggested site's line in English beside the legend's 20-unit symbols)
            label_lines: 5,
            base: 12.0,
            // Notes at the legend's size (at 90 % they were 9 px).
            note: 1.0,
            foot_keeps_size: true,
            badge_below: false,
            // An unseen disc 36 units across (34 px or more) takes a tap near a symbol.
            hit_r: 18.0,
            ring_text: TIER_TEXT,
        },
    }
}

/// The frame of a layout in large text (适老化). The map's rectangle does not move (the
/// header keeps to the room above it): [`unproject`] and [`tiles_for`] take the layout only.
fn large(f: Frame, layout: Layout) -> Frame {
    match layout {
        // On a screen the page is 1280 units across, shown 600 to 1280 px wide (narrower it is
        // drawn as a phone): about ×1.35, the legend's two columns kept; a legend too long for
        // the panel shrinks as it always does, but never below its usual size first (`panel`).
        Layout::Screen => Frame {
            title: 38.0,
            sub: 20.0,
            font: 17.5,
            line: 29.5,
            sym_r: 15.0,
            mark_r: 15.0,
            foot: 15.0,
            ring_text: TIER_TEXT,
            ..f
        },
        // The poster's type is set for print, read from a step or two away.
        Layout::A3Portrait => f,
        // The phone page is 320 units across and its SVG as wide as the widget (`width:100%`).
        // On a 360 px phone the widget gets 300 to 358 px, depending on the page's gutters
        // (none to 29 px a side) and its 1 px border: 0.94 to 1.12 CSS px a unit. So 17 units
        // of legend are 16.0 to 19.0 px, 13 units of footer 12.2 to 14.6 px, and a tap disc
        // 48 units across at least 45 px (WCAG 2.5.5: 44). The legend takes one column, 15
        // Chinese characters (or about 27 Latin letters) a line, each line 27 units apart.
        Layout::Phone => Frame {
            // 24 units (not more) keep the title within the 68 units above the map, and the
            // sample badge moves to the subtitle's line, so the title keeps the whole width.
            title: 24.0,
            title_y: 34.0,
            sub: 15.0,
            font: 17.0,
            line: 27.0,
            col_w: 296.0,
            // The legend's symbols 24 units across, their glyphs 13 (12 px or more).
            sym_r: 14.0,
            // The map's symbols 30 units across (a square 27: 25 px or more), their glyphs 17
            // units (16 px), the suggested sites' numbers 17: a tap takes the disc below.
            // (44 units across, as a tap wants, did not fit: a circle's few dozen shops near
            // its centre were pushed all over the map, and 32 crowded out the sites' scores.)
            mark_r: 15.0,
            mark_text: 17.0,
            foot: 13.0,
            foot_lines: 8,
            note: 1.0,
            foot_keeps_size: true,
            badge_below: true,
            hit_r: 24.0,
            ring_text: TIER_TEXT,
            ..f
        },
    }
}

/// Local equirectangular projection onto the map rectangle, centre in the middle.
struct Projection {
    lon0: f64,
    lat0: f64,
    k_lon: f64,
    k_lat: f64,
    /// Pixels per metre.
    s: f64,
    cx: f64,
    cy: f64,
}

impl Projection {
    fn metres(&self, p: [f64; 2]) -> (f64, f64) {
        ((p[0] - self.lon0) * self.k_lon, (p[1] - self.lat0) * self.k_lat)
    }

    fn px(&self, p: [f64; 2]) -> (f64, f64) {
        let (x, y) = self.metres(p);
        (self.cx + x * self.s, self.cy - y * self.s)
    }
}

fn projection(d: &GuideMapData, map: Rect) -> Projection {
    let [lon0, lat0] = d.centre;
    let k_lat = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
    let k_lon = k_lat * lat0.to_radians().cos();
    let mut p = Projection { lon0, lat0, k_lon, k_lat, s: 1.0, cx: map.x + map.w / 2.0, cy: map.y + map.h / 2.0 };
    // Half-extents around the centre (metres) of everything drawn.
    let (mut ex, mut ey) = (0.0f64, 0.0f64);
    let mut take = |q: [f64; 2]| {
        let (x, y) = p.metres(q);
        ex = ex.max(x.abs());
        ey = ey.max(y.abs());
    };
    d.facilities.iter().for_each(|f| take(f.location));
    d.boundary.iter().flatten().for_each(|q| take(*q));
    // Whole street ways run far beyond a circle (an OpenStreetMap extract keeps every way it
    // touches): with streets reached, those set the extent; the rest is cut at the frame.
    if d.reached.is_empty() {
        d.streets.iter().flatten().for_each(|q| take(*q));
    }
    d.reached.iter().flat_map(|r| r.line.iter()).for_each(|q| take(*q));
    d.suggested.iter().for_each(|q| take(q.point));
    for r in &d.rings {
        ex = ex.max(r.radius_m);
        ey = ey.max(r.radius_m);
    }
    let ex = ex.max(100.0) * 1.08;
    let ey = ey.max(100.0) * 1.08;
    p.s = (map.w / 2.0 / ex).min(map.h / 2.0 / ey);
    p
}

/// One basemap tile placed on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    pub z: u32,
    pub x: u32,
    pub y: u32,
    /// The template with `{z}`, `{x}`, `{y}` filled in.
    pub url: String,
    /// `[x, y, width, height]` in the SVG's viewBox units.
    pub rect: [f64; 4],
}

/// Radius of the Web-Mercator sphere (EPSG:3857), in metres.
const MERCATOR_RADIUS_M: f64 = 6_378_137.0;
/// At most this many tiles are drawn (a zoom level lower is taken otherwise).
const MAX_TILES: usize = 64;

/// The Web-Mercator (XYZ, "slippy map") tiles that cover the map rectangle of `d` in `layout`,
/// at the zoom level whose 256-pixel tiles come closest to 256 viewBox units, each with its
/// URL from `template` (`{z}`, `{x}`, `{y}`) and its place on the map.
///
/// The tiles are drawn in `tiles_crs`, the data in `d.crs`. Where they differ (GCJ-02 tiles of
/// AMap under WGS-84 data from OpenStreetMap, or the other way round: 100–700 m apart in China)
/// each tile corner is converted to the data's datum before it is placed, so streets and
/// facilities sit on the tiles' streets. Each tile is drawn as a rectangle between its
/// projected corners; the local projection, Web Mercator and the datum shift's change across
/// one tile differ by well under a pixel at these scales.
pub fn tiles_for(d: &GuideMapData, layout: Layout, template: &str, tiles_crs: Crs) -> Vec<Tile> {
    // A map with nothing located yet (a map waiting for its circle) is nowhere: fetching the
    // tiles round 0°, 0° would only burden the tile server.
    if d.centre_unknown
        && d.facilities.is_empty()
        && d.streets.is_empty()
        && d.reached.is_empty()
        && d.suggested.is_empty()
        && d.boundary.is_none()
    {
        return Vec::new();
    }
    let m = frame(layout).map;
    let p = projection(d, m);
    if !(p.s.is_finite() && p.s > 0.0 && p.k_lon > 0.0 && p.lat0.abs() < 85.0) {
        return Vec::new();
    }
    // The map's corners in the data's datum, then in the tiles'.
    let to_tiles = |q: [f64; 2]| convert(q, d.crs, tiles_crs);
    let nw = to_tiles([p.lon0 + (m.x - p.cx) / p.s / p.k_lon, p.lat0 + (p.cy - m.y) / p.s / p.k_lat]);
    let se = to_tiles([p.lon0 + (m.x + m.w - p.cx) / p.s / p.k_lon, p.lat0 + (p.cy - m.y - m.h) / p.s / p.k_lat]);
    let (west, east) = (nw[0], se[0]);
    let north = nw[1].min(85.05);
    let south = se[1].max(-85.05);
    // Metres per tile pixel at zoom z: 2πR·cos φ / (256·2^z); viewBox units per metre: s.
    let ideal = (std::f64::consts::TAU * MERCATOR_RADIUS_M * p.lat0.to_radians().cos() * p.s / 256.0).log2();
    let mut z = ideal.round().clamp(0.0, 19.0) as u32;
    loop {
        let count = 1u64 << z;
        let nf = count as f64;
        let tx = |lon: f64| (((lon + 180.0) / 360.0 * nf).floor().max(0.0) as u64).min(count - 1);
        let ty = |lat: f64| {
            let r = lat.to_radians();
            let y = (1.0 - (r.tan() + 1.0 / r.cos()).ln() / std::f64::consts::PI) / 2.0 * nf;
            (y.floor().max(0.0) as u64).min(count - 1)
        };
        let (x0, x1, y0, y1) = (tx(west), tx(east), ty(north), ty(south));
        if z > 0 && ((x1 - x0 + 1) * (y1 - y0 + 1)) as usize > MAX_TILES {
            z -= 1;
            continue;
        }
        let lon = |x: u64| x as f64 / nf * 360.0 - 180.0;
        let lat = |y: u64| (std::f64::consts::PI * (1.0 - 2.0 * y as f64 / nf)).sinh().atan().to_degrees();
        let mut out = Vec::new();
        for y in y0..=y1 {
            for x in x0..=x1 {
                let to_data = |q: [f64; 2]| convert(q, tiles_crs, d.crs);
                let (ax, ay) = p.px(to_data([lon(x), lat(y)]));
                let (bx, by) = p.px(to_data([lon(x + 1), lat(y + 1)]));
                out.push(Tile {
                    z,
                    x: x as u32,
                    y: y as u32,
                    url: template
                        .replace("{z}", &z.to_string())
                        .replace("{x}", &x.to_string())
                        .replace("{y}", &y.to_string()),
                    rect: [ax, ay, bx - ax, by - ay],
                });
            }
        }
        return out;
    }
}

/// What keeps a tile URL template from naming tiles, said for the map's footer; `None` when it
/// holds `{z}`, `{x}` and `{y}` and no other placeholder. A Leaflet-style `{s}` (subdomain)
/// would be fetched as it stands, and a template without `{x}` fetches one tile everywhere.
pub fn tile_template_problem(template: &str, lang: Lang) -> Option<String> {
    let mut seen = [false; 3];
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        match ["z", "x", "y"].iter().position(|n| *n == name) {
            Some(i) => seen[i] = true,
            None => {
                return Some(match lang {
                    Lang::Zh => format!(
                        "底图未显示：瓦片地址模板不支持 {{{name}}}，只认 {{z}}、{{x}}、{{y}}（子域名请直接写出一个）"
                    ),
                    Lang::En => format!(
                        "Basemap not shown: the tile URL template cannot use {{{name}}}, only {{z}}, {{x}} and {{y}} (write one subdomain out)"
                    ),
                });
            }
        }
        rest = &after[close + 1..];
    }
    let missing: Vec<String> =
        ["z", "x", "y"].iter().zip(seen).filter(|(_, s)| !s).map(|(n, _)| format!("{{{n}}}")).collect();
    (!missing.is_empty()).then(|| match lang {
        Lang::Zh => format!("底图未显示：瓦片地址模板缺少 {}", missing.join("、")),
        Lang::En => format!("Basemap not shown: the tile URL template lacks {}", missing.join(", ")),
    })
}

/// A round length for the scale bar, at most a quarter of the map's width.
fn scale_length(map_w_m: f64) -> f64 {
    let max = map_w_m / 4.0;
    [10.0, 20.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0]
        .into_iter()
        .rev()
        .find(|&l| l <= max)
        .unwrap_or(10.0)
}

// ---------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------

fn text(out: &mut String, x: f64, y: f64, size: f64, attrs: &str, s: &str) {
    let _ = write!(out, "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{attrs}>{}</text>", n(x), n(y), n(size), esc(s));
}

/// Renders the guide map as a standalone SVG document.
///
/// Deterministic: the same data and options give the same bytes on every platform.
/// Facilities carry `data-id` and `tabindex` so a host can make them clickable.
pub fn render_guide_map(d: &GuideMapData, o: &MapOptions) -> String {
    let lang = o.lang;
    let f = frame_for(d, o);
    let proj = projection(d, f.map);
    let mut s = String::with_capacity(32 * 1024);
    let vb = o.view_box.unwrap_or([0.0, 0.0, f.w, f.h]);
    let title = if d.sample {
        format!("{}{}", d.name, lang.pick("（示例数据）", " (sample data)"))
    } else {
        d.name.clone()
    };
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\" \
         role=\"group\" aria-labelledby=\"lc-map-title lc-map-desc\" font-family=\"{FONT}\" class=\"lc-guide-map\">",
        n(vb[0]),
        n(vb[1]),
        n(vb[2]),
        n(vb[3]),
        n(f.w),
        n(f.h)
    );
    let _ = write!(
        s,
        "<title id=\"lc-map-title\">{} — {}</title><desc id=\"lc-map-desc\">{}</desc>",
        esc(&title),
        lang.pick("一刻钟便民生活圈导视图", "15-minute convenient living circle guide map"),
        esc(&describe(d, lang))
    );
    let _ = write!(s, "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>", n(f.w), n(f.h));

    header(&mut s, d, &f, lang);
    map_body(&mut s, d, o, &f, &proj);
    panel(&mut s, d, o, &f);
    footer(&mut s, d, o, &f);
    s.push_str("</svg>\n");
    // One element a line, so that golden diffs are readable.
    s.replace("><", ">\n<")
}

fn describe(d: &GuideMapData, lang: Lang) -> String {
    let open = d.facilities.iter().filter(|f| !f.not_open).count();
    match lang {
        Lang::Zh => format!("{} 处设施，{} 类业态；步行范围内缺少 {} 类。", open, d.categories.len(), d.missing.len()),
        Lang::En => format!(
            "{} facilities in {} categories; {} categories missing within walking reach.",
            open,
            d.categories.len(),
            d.missing.len()
        ),
    }
}

fn header(s: &mut String, d: &GuideMapData, f: &Frame, lang: Lang) {
    // Accent band: the portal's accent in the page (`--lc-accent`, through the class), this blue
    // in the SVG on its own (printed, saved).
    let _ = write!(
        s,
        "<rect width=\"{}\" height=\"{}\" fill=\"#1f5fa8\" class=\"lc-accent-band\"/>",
        n(f.w),
        n(f.margin * 0.25)
    );
    let badge = lang.pick("示例数据", "SAMPLE DATA");
    let badge_w = if d.sample { text_width(badge, f.sub) + f.sub * 1.2 } else { 0.0 };
    // Beside the title the badge takes from its width; on the subtitle's line, from that line's.
    let (beside, below) = if f.badge_below { (0.0, badge_w) } else { (badge_w, 0.0) };
    let avail = f.w - 2.0 * f.margin - beside - if f.badge_below { 0.0 } else { f.sub };
    let mut size = f.title;
    while size > f.title * 0.6 && text_width(&d.name, size) > avail {
        size -= 1.0;
    }
    let name = fit(&d.name, size, avail);
    text(s, f.margin, f.title_y, size, &format!(" font-weight=\"700\" fill=\"{INK}\""), &name);
    if d.sample {
        let (x, y, h) = if f.badge_below {
            let h = f.sub * 1.5;
            (f.margin, f.sub_y - f.sub * 0.36 - h / 2.0, h)
        } else {
            let h = f.sub * 1.6;
            (f.margin + text_width(&name, size) + f.sub * 0.8, f.title_y - size * 0.5 - h / 2.0, h)
        };
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"#ffffff\" stroke=\"{ALERT}\" stroke-width=\"2\"/>",
            n(x),
            n(y),
            n(badge_w),
            n(h),
            n(h * 0.2)
        );
        text(
            s,
            x + badge_w / 2.0,
            y + h / 2.0 + f.sub * 0.36,
            f.sub,
            &format!(" font-weight=\"700\" text-anchor=\"middle\" fill=\"{ALERT}\""),
            badge,
        );
    }
    let label = lang.pick("一刻钟便民生活圈导视图", "15-minute convenient living circle · guide map");
    let short = lang.pick("导视图", "Guide map");
    let date = d.date.as_ref().map(|date| format!("{}{date}", lang.pick("评估日期 ", "as of ")));
    let x = f.margin + if below > 0.0 { below + f.sub * 0.6 } else { 0.0 };
    let line = subtitle([label, short], d.place.as_deref(), date.as_deref(), f.sub, f.w - f.margin - x);
    text(s, x, f.sub_y, f.sub, &format!(" fill=\"{MUTED}\""), &line);
}

/// The subtitle: what the map is, the place (街道, communities) and its date. A poster must keep
/// its date, so a line too long first says what the map is in short, then shortens the place (a
/// list of communities can be long) or leaves it out, then says the date alone (the title
/// says whose map it is); only a frame too narrow even for the date shortens it. `labels`:
/// what the map is, in full and in short.
fn subtitle(labels: [&str; 2], place: Option<&str>, date: Option<&str>, size: f64, max: f64) -> String {
    const SEP: &str = " · ";
    let join = |label: &str, place: Option<&str>| {
        [Some(label), place, date].into_iter().flatten().collect::<Vec<_>>().join(SEP)
    };
    for label in labels {
        let line = join(label, place);
        if text_width(&line, size) <= max {
            return line;
        }
    }
    let short = labels[1];
    if let Some(p) = place {
        let room = max - text_width(&join(short, None), size) - text_width(SEP, size);
        // A place cut to a few characters says nothing: then it is left out.
        if room >= text_width("海淀区…", size) {
            return join(short, Some(&fit(p, size, room)));
        }
    }
    let line = join(short, None);
    match date {
        Some(date) if text_width(&line, size) > max && text_width(date, size) <= max => date.to_string(),
        _ => fit(&line, size, max),
    }
}

fn map_body(s: &mut String, d: &GuideMapData, o: &MapOptions, f: &Frame, p: &Projection) {
    let m = f.map;
    let lang = o.lang;
    let _ = write!(
        s,
        "<defs><clipPath id=\"lc-map-clip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\"/></clipPath></defs>",
        n(m.x),
        n(m.y),
        n(m.w),
        n(m.h)
    );
    let _ = write!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{PAPER}\"/>",
        n(m.x),
        n(m.y),
        n(m.w),
        n(m.h)
    );
    s.push_str("<g clip-path=\"url(#lc-map-clip)\">");

    // Basemap tiles, veiled so that the vector layers stay legible (a template that cannot
    // name the tiles draws none, and the footer says why).
    if let Some(template) = o.tiles.as_deref().filter(|t| !t.trim().is_empty())
        && tile_template_problem(template, o.lang).is_none()
    {
        s.push_str("<g class=\"lc-tiles\">");
        for tile in tiles_for(d, o.layout, template, o.tiles_crs) {
            let [x, y, w, h] = tile.rect;
            // A little overlap hides hairline seams between neighbours.
            let _ = write!(
                s,
                "<image href=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\"/>",
                esc(&tile.url),
                n(x),
                n(y),
                n(w + 0.4),
                n(h + 0.4)
            );
        }
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" fill-opacity=\"0.35\"/></g>",
            n(m.x),
            n(m.y),
            n(m.w),
            n(m.h)
        );
    }

    // Boundary.
    if let Some(b) = d.boundary.as_ref().filter(|b| b.len() >= 3) {
        let pts: Vec<String> = b.iter().map(|q| p.px(*q)).map(|(x, y)| format!("{},{}", n(x), n(y))).collect();
        let _ = write!(
            s,
            "<polygon points=\"{}\" fill=\"#fffdf7\"{} stroke=\"#6b7280\" stroke-width=\"2\" stroke-dasharray=\"10 6\" class=\"lc-boundary\"/>",
            pts.join(" "),
            if o.tiles.is_some() { " fill-opacity=\"0.45\"" } else { "" }
        );
    }

    // Rings (straight-line estimate of walking minutes from the centre).
    let (cx, cy) = p.px(d.centre);
    for (i, r) in d.rings.iter().enumerate() {
        let rr = r.radius_m * p.s;
        let col = TIER_COLOURS[i.min(2)];
        let _ = write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{col}\" stroke-width=\"{}\" stroke-dasharray=\"6 6\" stroke-opacity=\"0.75\"/>",
            n(cx),
            n(cy),
            n(rr),
            n(f.base * 0.15)
        );
    }

    // Streets and reached streets.
    let path = |line: &[[f64; 2]]| -> String {
        let mut out = String::new();
        for (i, q) in line.iter().enumerate() {
            let (x, y) = p.px(*q);
            let _ = write!(out, "{}{},{}", if i == 0 { "M" } else { " L" }, n(x), n(y));
        }
        out
    };
    if !d.streets.is_empty() {
        s.push_str("<g class=\"lc-streets\" fill=\"none\" stroke=\"#d3d6db\" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
        let _ = write!(s, " stroke-width=\"{}\">", n(f.base * 0.45));
        for l in d.streets.iter().filter(|l| l.len() >= 2) {
            let _ = write!(s, "<path d=\"{}\"/>", path(l));
        }
        s.push_str("</g>");
    }
    if !d.reached.is_empty() {
        s.push_str("<g class=\"lc-reached\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">");
        // Far tiers first so nearer ones draw on top.
        for tier in (0..3).rev() {
            let pieces = d.reached.iter().filter(|r| r.line.len() >= 2 && tier_of(r.minutes, &o.tiers) == Some(tier));
            let _ = write!(s, "<g class=\"lc-reached-{}\"{}>", tier + 1, tier_stroke(tier, f.base));
            for line in chained(pieces.map(|r| r.line.as_slice())) {
                let _ = write!(s, "<path d=\"{}\"/>", path(&line));
            }
            s.push_str("</g>");
        }
        s.push_str("</g>");
    }

    // Facilities, placed so that symbols do not overlap (a leader line to the true spot).
    let glyph = glyphs(&d.categories, lang);
    let r = f.mark_r;
    let room = Room::of(f, p, lang);
    let mut placed = facility_spots(d, f, p, &room);
    let mut symbols = String::new();
    let mut hits = String::new();
    let mut leaders = String::new();
    for (k, fac) in d.facilities.iter().enumerate() {
        let (tx, ty) = p.px(fac.location);
        // (the centre is the first point placed, then the facilities in order)
        let (x, y) = placed.points[k + 1];
        let ci = d.categories.iter().position(|c| c.code == fac.category);
        let class_i = ci.and_then(|ci| d.classes.iter().position(|k| k.code == d.categories[ci].class));
        let colour = class_i.map_or("#5f6368", |k| CLASS_COLOURS[k % CLASS_COLOURS.len()]);
        let g = ci.map_or("?", |ci| glyph[ci].as_str());
        if (x - tx).abs() > 0.05 || (y - ty).abs() > 0.05 {
            let _ = write!(
                leaders,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"1.5\"/><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{colour}\"/>",
                n(tx),
                n(ty),
                n(x),
                n(y),
                n(tx),
                n(ty),
                n(r * 0.22)
            );
        }
        let selected = o.selected.as_deref() == Some(fac.id.as_str());
        let cat_name = ci.map_or(fac.category.as_str(), |ci| d.categories[ci].name.get(lang));
        let fac_name = fac.label(ci.map(|ci| &d.categories[ci].name), lang);
        let status = if fac.not_open {
            lang.pick("（规划中或已关闭）", " (planned or closed)")
        } else if fac.hypothetical {
            lang.pick("（假设，尚不存在）", " (hypothetical, not there)")
        } else {
            ""
        };
        let _ = write!(
            symbols,
            "<g class=\"lc-fac{}\" data-id=\"{}\" tabindex=\"0\" role=\"button\" aria-label=\"{}\">",
            if selected { " lc-selected" } else { "" },
            esc(&fac.id),
            esc(&format!("{}{}{}{}", cat_name, lang.pick("：", ": "), fac_name, status))
        );
        let _ = write!(symbols, "<title>{}</title>", esc(&format!("{} · {}{}", fac_name, cat_name, status)));
        if f.hit_r > 0.0 {
            // On a phone an unseen disc round each symbol takes a finger's tap (`Frame::hit_r`).
            // The discs lie under every symbol, so a tap on a symbol is always that symbol's;
            // where two discs overlap, the later one is hit, and the map's click takes the
            // nearest facility instead ([`facility_at`]).
            let _ = write!(
                hits,
                "<circle data-id=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"transparent\"/>",
                esc(&fac.id),
                n(x),
                n(y),
                n(f.hit_r)
            );
        }
        if selected {
            symbols.push_str(&symbol(
                class_i.unwrap_or(0),
                x,
                y,
                r * 1.45,
                &format!("fill=\"none\" stroke=\"{INK}\" stroke-width=\"3\""),
            ));
        }
        let attrs = if fac.not_open {
            format!("fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"3 2\"")
        } else if fac.hypothetical {
            format!(
                "fill=\"{colour}\" fill-opacity=\"0.5\" stroke=\"{INK}\" stroke-width=\"2\" stroke-dasharray=\"3 2\""
            )
        } else {
            format!("fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"")
        };
        symbols.push_str(&symbol(class_i.unwrap_or(0), x, y, r, &attrs));
        let gs = (if g.chars().count() > 1 { r * 0.85 } else { r * 1.1 }).max(f.mark_text);
        text(
            &mut symbols,
            x,
            y + gs * 0.36,
            gs,
            &format!(
                " font-weight=\"700\" text-anchor=\"middle\" fill=\"{}\"",
                if fac.not_open { colour } else { "#ffffff" }
            ),
            g,
        );
        symbols.push_str("</g>");
    }
    // Suggested sites (建议选址): dashed, numbered, with the glyph of their category.
    let sglyph = suggested_glyphs(d, lang);
    let mut sugg_at: Vec<(f64, f64)> = Vec::new();
    for (site, g) in d.suggested.iter().zip(&sglyph) {
        let (tx, ty) = p.px(site.point);
        // (kept off the map's edge with its number's badge, which stands out at its top right)
        let (rs, badge) = (r * 1.1, r * 0.95 + suggested_badge_r(r, f));
        let (x, y) = place(tx, ty, rs, &placed, &Room { edge: Some([rs, badge, badge, rs]), ..room.clone() });
        placed.push((x, y));
        sugg_at.push((x, y));
        if (x - tx).abs() > 0.05 || (y - ty).abs() > 0.05 {
            let _ = write!(
                leaders,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{ALERT}\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{ALERT}\"/>",
                n(tx),
                n(ty),
                n(x),
                n(y),
                n(tx),
                n(ty),
                n(r * 0.22)
            );
        }
        let desc = suggested_text(site, d, lang);
        let _ = write!(
            symbols,
            "<g class=\"lc-suggested\" data-category=\"{}\" data-rank=\"{}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
            esc(&site.category),
            site.rank,
            esc(&desc),
            esc(&desc)
        );
        let _ = write!(
            symbols,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"{ALERT}\" stroke-width=\"2.5\" stroke-dasharray=\"5 3\"/>",
            n(x),
            n(y),
            n(r * 1.05)
        );
        let gs = (if g.chars().count() > 1 { r * 0.85 } else { r * 1.1 }).max(f.mark_text);
        text(
            &mut symbols,
            x,
            y + gs * 0.36,
            gs,
            &format!(" font-weight=\"700\" text-anchor=\"middle\" fill=\"{ALERT}\""),
            g,
        );
        let br = suggested_badge_r(r, f);
        let (bx, by) = (x + r * 0.95, y - r * 0.95);
        let _ = write!(
            symbols,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{ALERT}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
            n(bx),
            n(by),
            n(br)
        );
        text(
            &mut symbols,
            bx,
            by + br * 0.42,
            br * 1.2,
            " font-weight=\"700\" text-anchor=\"middle\" fill=\"#ffffff\"",
            &site.rank.to_string(),
        );
        symbols.push_str("</g>");
    }
    s.push_str(&leaders);
    if !hits.is_empty() {
        let _ = write!(s, "<g aria-hidden=\"true\">{hits}</g>");
    }
    s.push_str(&symbols);

    // Labels last, each at the first spot that covers no symbol and no earlier label.
    let mut boxes: Vec<[f64; 4]> = placed.points.iter().map(|&(x, y)| [x - r, y - r, x + r, y + r]).collect();
    // Nor the north arrow (with its letter) and the scale bar, drawn over the map's corners.
    let (nx, ny, ns) = north_arrow_at(f);
    boxes.push([nx - ns * 1.4, ny - ns * 1.4, nx + ns * 1.4, ny + ns * 2.1]);
    boxes.push(scale_bar_box(f, p, lang));
    // 您在这里 only at the circle's own centre: a circle without one is centred on its
    // facilities, which is no place anyone is.
    if !d.centre_unknown {
        let _ = write!(
            s,
            "<g class=\"lc-here\"><circle cx=\"{0}\" cy=\"{1}\" r=\"{2}\" fill=\"{ALERT}\" fill-opacity=\"0.18\"/>\
         <circle cx=\"{0}\" cy=\"{1}\" r=\"{3}\" fill=\"{ALERT}\" stroke=\"#ffffff\" stroke-width=\"3\"/>",
            n(cx),
            n(cy),
            n(r * 1.7),
            n(r * 0.6)
        );
        let here = lang.pick("您在这里", "You are here");
        let hs = f.font * 1.15;
        let (hw, hh) = (text_width(here, hs) + hs * 0.8, hs * 1.5);
        let cands: Vec<(f64, f64)> = [1.0f64, 1.6, 2.4, 3.4]
            .iter()
            .flat_map(|&k| {
                let d = r * 1.9 * k;
                [(0.0, -d), (0.0, d), (d + hw / 2.0, 0.0), (-d - hw / 2.0, 0.0), (d, -d), (-d, -d), (d, d), (-d, d)]
            })
            .map(|(dx, dy)| (cx + dx, cy + dy))
            .collect();
        let (lx, ly) = free_box(&cands, hw, hh, &boxes).unwrap_or((cx, cy - r * 1.9));
        boxes.push([lx - hw / 2.0, ly - hh / 2.0, lx + hw / 2.0, ly + hh / 2.0]);
        if (lx - cx).hypot(ly - cy) > r * 2.2 {
            let _ = write!(
                s,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{ALERT}\" stroke-width=\"1.5\"/>",
                n(cx),
                n(cy),
                n(lx),
                n(ly)
            );
        }
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{ALERT}\"/>",
            n(lx - hw / 2.0),
            n(ly - hh / 2.0),
            n(hw),
            n(hh),
            n(hh / 2.0)
        );
        text(s, lx, ly + hs * 0.36, hs, " font-weight=\"700\" text-anchor=\"middle\" fill=\"#ffffff\"", here);
        s.push_str("</g>");
    }

    // "+Δ分" beside each suggested site, where it covers nothing, inside the map if it can be.
    let inside = |&(x, y): &(f64, f64), w: f64, h: f64| {
        x - w / 2.0 >= m.x && x + w / 2.0 <= m.x + m.w && y - h / 2.0 >= m.y && y + h / 2.0 <= m.y + m.h
    };
    for (site, &(x, y)) in d.suggested.iter().zip(&sugg_at) {
        let label = delta_text(site.delta, lang);
        let (w, h) = (text_width(&label, f.font) + f.font * 0.6, f.font * 1.4);
        let dd = r * 1.1;
        let mut cands: Vec<(f64, f64)> = [1.0f64, 1.8]
            .iter()
            .flat_map(|&k| {
                [(0.0, dd * k + h / 2.0), (dd * k + w / 2.0, 0.0), (-dd * k - w / 2.0, 0.0), (0.0, -dd * k - h / 2.0)]
            })
            .map(|(dx, dy)| (x + dx, y + dy))
            .collect();
        // Then, in a crowd (a phone's larger symbols), the corners and a step further out.
        let (cw, ch) = (w / 2.0 + dd * 0.7, h / 2.0 + dd * 0.7);
        cands.extend(
            [(1.0f64, 1.0f64), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)]
                .iter()
                .map(|(sx, sy)| (x + sx * cw, y + sy * ch)),
        );
        cands.extend(
            [
                (0.0, dd * 2.6 + h / 2.0),
                (dd * 2.6 + w / 2.0, 0.0),
                (-dd * 2.6 - w / 2.0, 0.0),
                (0.0, -dd * 2.6 - h / 2.0),
            ]
            .iter()
            .map(|(dx, dy)| (x + dx, y + dy)),
        );
        let within: Vec<(f64, f64)> = cands.iter().copied().filter(|c| inside(c, w, h)).collect();
        // None free inside the map (a crowd): the spot inside it over the fewest, rather than one
        // outside it, which the map's edge cuts off.
        let fewest = || {
            within.iter().copied().min_by_key(|&(x, y)| {
                let b = [x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0];
                boxes.iter().filter(|o| !(b[2] <= o[0] || b[0] >= o[2] || b[3] <= o[1] || b[1] >= o[3])).count()
            })
        };
        let (x, y) = free_box(&within, w, h, &boxes).or_else(fewest).unwrap_or(cands[0]);
        boxes.push([x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0]);
        text(
            s,
            x,
            y + f.font * 0.36,
            f.font,
            &format!(
                " class=\"lc-suggested-delta\" font-weight=\"700\" fill=\"{ALERT}\" stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\" text-anchor=\"middle\""
            ),
            &label,
        );
    }

    for (i, ring) in d.rings.iter().enumerate() {
        let rr = ring.radius_m * p.s;
        let col = f.ring_text[i.min(2)];
        let label = match lang {
            Lang::Zh => format!("约{}分钟", fmt_plain(ring.minutes)),
            Lang::En => format!("~{} min", fmt_plain(ring.minutes)),
        };
        let (w, h) = (text_width(&label, f.font) + f.font * 0.6, f.font * 1.4);
        // (then, where a phone's larger symbols take those, every 15° round the ring)
        let cands: Vec<(f64, f64)> = [-45.0f64, -135.0, 45.0, 135.0, -60.0, -120.0, -30.0, -150.0, 30.0, 150.0]
            .iter()
            .chain(&[-75.0, -105.0, -15.0, -165.0, 15.0, 165.0, 60.0, 120.0, 75.0, 105.0, 0.0, 180.0, -90.0, 90.0])
            .map(|deg| (cx + rr * deg.to_radians().cos(), cy + rr * deg.to_radians().sin()))
            .filter(|&(x, y)| {
                x - w / 2.0 > m.x && x + w / 2.0 < m.x + m.w && y - h / 2.0 > m.y && y + h / 2.0 < m.y + m.h
            })
            .collect();
        let Some((x, y)) = free_box(&cands, w, h, &boxes) else { continue };
        boxes.push([x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0]);
        text(
            s,
            x,
            y + f.font * 0.36,
            f.font,
            &format!(
                " font-weight=\"700\" fill=\"{col}\" stroke=\"{PAPER}\" stroke-width=\"4\" paint-order=\"stroke\" text-anchor=\"middle\""
            ),
            &label,
        );
    }
    s.push_str("</g>"); // the clip group

    let _ = write!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"none\" stroke=\"#9aa1ab\" stroke-width=\"1\"/>",
        n(m.x),
        n(m.y),
        n(m.w),
        n(m.h)
    );
    let (nx, ny, ns) = north_arrow_at(f);
    north_arrow(s, nx, ny, ns, lang);
    scale_bar(s, f, p, lang);
}

/// The radius of a suggested site's number badge (its number at 1.2 times it): 60 % of the
/// symbol's `r`, or as large as the frame's least text on the map needs.
fn suggested_badge_r(r: f64, f: &Frame) -> f64 {
    if r * 0.72 >= f.mark_text { r * 0.6 } else { f.mark_text / 1.2 }
}

/// Where the north arrow goes (centre) and its size: the map's top right corner.
fn north_arrow_at(f: &Frame) -> (f64, f64, f64) {
    (f.map.x + f.map.w - f.base * 3.0, f.map.y + f.base * 3.2, f.base * 1.6)
}

/// The glyph of each suggested site's category: the map's own glyph when the category has
/// facilities, else one not taken by any category on the map.
fn suggested_glyphs(d: &GuideMapData, lang: Lang) -> Vec<String> {
    let mut cats = d.categories.clone();
    for site in &d.suggested {
        if !cats.iter().any(|c| c.code == site.category) {
            let name = site.name.clone().unwrap_or_else(|| Label::new(site.category.clone(), site.category.clone()));
            cats.push(MapCategory { code: site.category.clone(), name, class: String::new() });
        }
    }
    let g = glyphs(&cats, lang);
    d.suggested
        .iter()
        .map(|site| cats.iter().position(|c| c.code == site.category).map_or_else(|| "?".into(), |i| g[i].clone()))
        .collect()
}

/// The name of a suggested site's category in a language.
fn suggested_name(site: &SuggestedSite, d: &GuideMapData, lang: Lang) -> String {
    site.name
        .as_ref()
        .or_else(|| d.categories.iter().find(|c| c.code == site.category).map(|c| &c.name))
        .map_or_else(|| site.category.clone(), |l| l.get(lang).to_string())
}

/// `+4分` / `+4 pts`.
fn delta_text(delta: f64, lang: Lang) -> String {
    let sign = if delta > 0.0 {
        "+"
    } else if delta == 0.0 {
        "±"
    } else {
        ""
    };
    match lang {
        Lang::Zh => format!("{sign}{}分", fmt_plain(delta)),
        Lang::En => format!("{sign}{} pts", fmt_plain(delta)),
    }
}

/// A circled number ①–⑳ (else `(n)`).
fn circled(rank: usize) -> String {
    match rank {
        1..=20 => char::from_u32(0x2460 + rank as u32 - 1).map_or_else(|| format!("({rank})"), |c| c.to_string()),
        _ => format!("({rank})"),
    }
}

/// The full description of a suggested site (its tooltip and accessible name).
fn suggested_text(site: &SuggestedSite, d: &GuideMapData, lang: Lang) -> String {
    let name = suggested_name(site, d, lang);
    let covered = match (site.covered, site.minutes, lang) {
        (Some(c), Some(m), Lang::Zh) => {
            format!("，步行 {} 分钟内新覆盖居民约 {} 人", fmt_plain(m), fmt_plain(c.round()))
        }
        (Some(c), Some(m), Lang::En) => {
            format!(", about {} more residents within {} min walk", fmt_plain(c.round()), fmt_plain(m))
        }
        (Some(c), None, Lang::Zh) => format!("，新覆盖居民约 {} 人", fmt_plain(c.round())),
        (Some(c), None, Lang::En) => format!(", about {} more residents covered", fmt_plain(c.round())),
        _ => String::new(),
    };
    match lang {
        Lang::Zh => format!(
            "建议选址{}：{}{}；总分可达 {}（{}）",
            circled(site.rank),
            name,
            covered,
            fmt_plain(site.total),
            delta_text(site.delta, lang)
        ),
        Lang::En => format!(
            "Suggested site {}: {}{}; the total would reach {} ({})",
            circled(site.rank),
            name,
            covered,
            fmt_plain(site.total),
            delta_text(site.delta, lang)
        ),
    }
}

/// Where the facilities' symbols go: the centre (you are here) first, then each facility in
/// the list's order at its spot or, where an earlier symbol is in the way, the nearest free
/// spot (a leader line then goes to the true one). The drawing and [`facility_at`] both take
/// them from here.
fn facility_spots(d: &GuideMapData, f: &Frame, p: &Projection, room: &Room) -> Placed {
    let r = f.mark_r;
    // Suggested sites are placed later with radius r × 1.1: the widest overlap distance asked.
    let mut placed = Placed::new(f.w, f.h, 2.0 * r * 1.1 + 1.0);
    placed.push(p.px(d.centre));
    for fac in &d.facilities {
        let (tx, ty) = p.px(fac.location);
        let spot = place(tx, ty, r, &placed, room);
        placed.push(spot);
    }
    placed
}

/// The facility a click or tap at `(x, y)` (viewBox units) on the map drawn with `o` means:
/// of those whose symbol (or, on a phone, whose unseen tap disc) covers the point, the one
/// whose centre is nearest; `None` when none does. Where two discs overlap, the nearer
/// facility takes the tap, not the one drawn later. Its index in `d.facilities`.
pub fn facility_at(d: &GuideMapData, o: &MapOptions, x: f64, y: f64) -> Option<usize> {
    let f = frame_for(d, o);
    let reach = f.hit_r.max(f.mark_r);
    let p = projection(d, f.map);
    let placed = facility_spots(d, &f, &p, &Room::of(&f, &p, o.lang));
    let dist2 = |&(px, py): &(f64, f64)| (px - x) * (px - x) + (py - y) * (py - y);
    let spots = placed.points.get(1..).unwrap_or_default();
    (0..spots.len())
        .filter(|&k| dist2(&spots[k]) <= reach * reach)
        .min_by(|&a, &b| dist2(&spots[a]).total_cmp(&dist2(&spots[b])))
}

/// The symbols placed so far, also bucketed in a grid of `cell`-wide squares over the page.
/// A spot is compared with the symbols of its own and the eight neighbouring cells only, which
/// gives the same answer as comparing it with all of them while the distance asked is at most
/// `cell`: a symbol nearer than that is at most one cell away in each direction (the cell of a
/// point off the page is clamped to the edge, which keeps that true). With 2,000 facilities
/// comparing with all of them took 360 ms a render; this is linear.
struct Placed {
    cell: f64,
    nx: usize,
    ny: usize,
    buckets: Vec<Vec<usize>>,
    points: Vec<(f64, f64)>,
}

impl Placed {
    fn new(w: f64, h: f64, cell: f64) -> Placed {
        let cell = if cell.is_finite() && cell > 0.0 { cell } else { 1.0 };
        let count = |len: f64| ((len / cell).ceil() as usize).clamp(1, 4096);
        let (nx, ny) = (count(w), count(h));
        Placed { cell, nx, ny, buckets: vec![Vec::new(); nx * ny], points: Vec::new() }
    }

    fn cell_of(&self, x: f64, y: f64) -> (usize, usize) {
        // `as` saturates (NaN is 0), then the page's edge cells take everything beyond them.
        let c = |v: f64, n: usize| ((v / self.cell).floor() as i64).clamp(0, n as i64 - 1) as usize;
        (c(x, self.nx), c(y, self.ny))
    }

    fn push(&mut self, (x, y): (f64, f64)) {
        let (i, j) = self.cell_of(x, y);
        self.buckets[j * self.nx + i].push(self.points.len());
        self.points.push((x, y));
    }

    /// Whether every symbol placed is at least `dist` (≤ `cell`) from `(x, y)`.
    fn free(&self, x: f64, y: f64, dist: f64) -> bool {
        debug_assert!(dist <= self.cell);
        let (i, j) = self.cell_of(x, y);
        (j.saturating_sub(1)..=(j + 1).min(self.ny - 1)).all(|cj| {
            (i.saturating_sub(1)..=(i + 1).min(self.nx - 1)).all(|ci| {
                self.buckets[cj * self.nx + ci].iter().all(|&k| {
                    let (dx, dy) = (x - self.points[k].0, y - self.points[k].1);
                    dx * dx + dy * dy >= dist * dist
                })
            })
        })
    }
}

/// Where on the map a symbol may go, besides not on another: off the north arrow and the scale
/// bar drawn over the map's corners, and, once moved from its true spot, wholly inside the map
/// (larger symbols on a phone pushed the last ones of a crowd over its edge, cut off).
#[derive(Clone)]
struct Room {
    map: Option<Rect>,
    keep_out: Vec<[f64; 4]>,
    /// How far from its centre a moved symbol keeps from the map's left, top, right and bottom
    /// edges, if not its radius.
    edge: Option<[f64; 4]>,
}

impl Room {
    /// No bounds: anywhere no other symbol is.
    #[cfg(test)]
    fn anywhere() -> Room {
        Room { map: None, keep_out: Vec::new(), edge: None }
    }

    fn of(f: &Frame, p: &Projection, lang: Lang) -> Room {
        let (nx, ny, ns) = north_arrow_at(f);
        Room {
            map: Some(f.map),
            keep_out: vec![[nx - ns * 1.4, ny - ns * 1.4, nx + ns * 1.4, ny + ns * 2.1], scale_bar_box(f, p, lang)],
            edge: None,
        }
    }

    /// Whether a symbol of radius `r` at `(x, y)` keeps out of the boxes and, `moved` from its
    /// true spot, within the map.
    fn fits(&self, x: f64, y: f64, r: f64, moved: bool) -> bool {
        let clear = self.keep_out.iter().all(|b| {
            let (dx, dy) = ((b[0] - x).max(x - b[2]).max(0.0), (b[1] - y).max(y - b[3]).max(0.0));
            dx * dx + dy * dy >= r * r
        });
        let [l, t, rt, b] = self.edge.unwrap_or([r; 4]);
        let inside = !moved
            || self.map.is_none_or(|m| x - l >= m.x && x + rt <= m.x + m.w && y - t >= m.y && y + b <= m.y + m.h);
        clear && inside
    }
}

/// Where to put a symbol of radius `r` meant for `(x, y)`: the spot itself or the nearest of
/// a fixed spiral of candidates that overlaps no symbol placed before and has `room`; in a
/// crowd where none has, the nearest with the room of its own radius from the map's edge,
/// then the nearest on no other symbol, else the spot anyway.
fn place(x: f64, y: f64, r: f64, placed: &Placed, room: &Room) -> (f64, f64) {
    let attempt = |room: Option<&Room>| {
        let ok = |px: f64, py: f64| {
            placed.free(px, py, 2.0 * r + 1.0)
                && room.is_none_or(|room| room.fits(px, py, r, (px - x).abs() > 1e-9 || (py - y).abs() > 1e-9))
        };
        let (px, py) = spiral(x, y, r, ok);
        ok(px, py).then_some((px, py))
    };
    let own = Room { edge: None, ..room.clone() };
    attempt(Some(room)).or_else(|| attempt(Some(&own))).or_else(|| attempt(None)).unwrap_or((x, y))
}

/// The spot itself if `free`, else the first free candidate of eight rings around it, else the
/// spot anyway.
fn spiral(x: f64, y: f64, r: f64, free: impl Fn(f64, f64) -> bool) -> (f64, f64) {
    if free(x, y) {
        return (x, y);
    }
    // The directions of the eight rings (8, 16, … 64 steps, from north clockwise), worked out
    // once: sine and cosine were a tenth of a draw with 2,000 facilities.
    static DIRECTIONS: std::sync::OnceLock<Vec<(u32, f64, f64)>> = std::sync::OnceLock::new();
    let directions = DIRECTIONS.get_or_init(|| {
        (1..=8u32)
            .flat_map(|ring| {
                let steps = 8 * ring;
                (0..steps).map(move |k| {
                    let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / steps as f64;
                    (ring, a.cos(), a.sin())
                })
            })
            .collect()
    });
    for &(ring, cos, sin) in directions {
        let dist = ring as f64 * r * 1.1;
        let (px, py) = (x + dist * cos, y + dist * sin);
        if free(px, py) {
            return (px, py);
        }
    }
    (x, y)
}

/// The first candidate centre where a `w` × `h` box overlaps none of `boxes`.
fn free_box(cands: &[(f64, f64)], w: f64, h: f64, boxes: &[[f64; 4]]) -> Option<(f64, f64)> {
    cands.iter().copied().find(|&(x, y)| {
        let b = [x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0];
        boxes.iter().all(|o| b[2] <= o[0] || b[0] >= o[2] || b[3] <= o[1] || b[1] >= o[3])
    })
}

fn tier_of(minutes: f64, tiers: &[f64; 3]) -> Option<usize> {
    tiers.iter().position(|&t| minutes <= t)
}

/// Pieces of street joined into one line where a piece starts at the end of the one before:
/// a dashed street runs on across its pieces, rather than starting its dashes again at each
/// (a piece shorter than a dash would be drawn solid).
fn chained<'a>(pieces: impl Iterator<Item = &'a [[f64; 2]]>) -> Vec<Vec<[f64; 2]>> {
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    for piece in pieces {
        match out.last_mut() {
            Some(last) if last.last() == piece.first() => last.extend_from_slice(&piece[1..]),
            _ => out.push(piece.to_vec()),
        }
    }
    out
}

fn north_arrow(s: &mut String, x: f64, y: f64, size: f64, lang: Lang) {
    let h = size * 1.4;
    let w = size * 0.55;
    let _ = write!(
        s,
        "<g class=\"lc-north\"><circle cx=\"{0}\" cy=\"{1}\" r=\"{2}\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#9aa1ab\"/>\
         <polygon points=\"{0},{3} {4},{5} {0},{6}\" fill=\"{INK}\"/><polygon points=\"{0},{3} {7},{5} {0},{6}\" fill=\"#ffffff\" stroke=\"{INK}\" stroke-width=\"1\"/>",
        n(x),
        n(y),
        n(h * 0.95),
        n(y - h * 0.7),
        n(x + w),
        n(y + h * 0.5),
        n(y + h * 0.25),
        n(x - w),
    );
    text(
        s,
        x,
        y + h * 0.5 + size * 0.95,
        size * 0.75,
        &format!(
            " font-weight=\"700\" text-anchor=\"middle\" fill=\"{INK}\" stroke=\"{PAPER}\" stroke-width=\"3\" paint-order=\"stroke\""
        ),
        lang.pick("北", "N"),
    );
    s.push_str("</g>");
}

/// The scale bar's length (metres, viewBox units) and where it starts (left end of the bar, its top).
fn scale_bar_at(f: &Frame, p: &Projection) -> (f64, f64, f64, f64) {
    let m = f.map;
    let len_m = scale_length(m.w / p.s);
    (len_m, len_m * p.s, m.x + f.font * 1.6, m.y + m.h - f.font * 2.2)
}

/// The box of the scale bar with its labels (its white backing).
fn scale_bar_box(f: &Frame, p: &Projection, lang: Lang) -> [f64; 4] {
    let (len_m, len, x0, y0) = scale_bar_at(f, p);
    let w = len
        + f.font * 1.6
        + text_width(&format!("{} {}", fmt_plain(len_m), lang.pick("米", "m")), f.font * f.note) / 2.0;
    [x0 - f.font * 0.8, y0 - f.font * 2.0, x0 - f.font * 0.8 + w, y0 + f.font * 1.2]
}

fn scale_bar(s: &mut String, f: &Frame, p: &Projection, lang: Lang) {
    let (len_m, len, x0, y0) = scale_bar_at(f, p);
    let bh = f.font * 0.5;
    let unit = lang.pick("米", "m");
    let [bx, by, bx1, by1] = scale_bar_box(f, p, lang);
    let _ = write!(
        s,
        "<g class=\"lc-scale\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#ffffff\" fill-opacity=\"0.9\"/>",
        n(bx),
        n(by),
        n(bx1 - bx),
        n(by1 - by)
    );
    for i in 0..4 {
        let fill = if i % 2 == 0 { INK } else { "#ffffff" };
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"{INK}\" stroke-width=\"1\"/>",
            n(x0 + len * i as f64 / 4.0),
            n(y0),
            n(len / 4.0),
            n(bh)
        );
    }
    // (a note's size: 90 % of the legend's, on a phone all of it)
    let size = f.font * f.note;
    let attrs = format!(" text-anchor=\"middle\" fill=\"{INK}\"");
    let (mid, end) = (fmt_plain(len_m / 2.0), format!("{} {unit}", fmt_plain(len_m)));
    text(s, x0, y0 - f.font * 0.4, size, &attrs, "0");
    // The middle mark is said only where it does not run into the end's (a short bar on a phone).
    if (text_width(&mid, size) + text_width(&end, size)) / 2.0 + size * 0.5 <= len / 2.0 {
        text(s, x0 + len / 2.0, y0 - f.font * 0.4, size, &attrs, &mid);
    }
    text(s, x0 + len, y0 - f.font * 0.4, size, &attrs, &end);
    s.push_str("</g>");
}

/// How a legend entry's symbol is drawn: as the map draws an open facility, a planned or
/// closed one (hollow, dashed), or a hypothetical one of the what-if mode (half filled, dashed).
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Open,
    NotOpen,
    Hypothetical,
}

/// One row of the legend panel.
enum Row {
    Heading(String, &'static str),
    Class(usize, Vec<String>),
    Entry { class: usize, glyph: String, label: Vec<String>, mark: Mark },
    // (a tier of reached streets, 0 to 2, drawn as on the map; `None`: the rings)
    Line { tier: Option<usize>, label: Vec<String> },
    Here(Vec<String>),
    Missing(Vec<String>),
    Suggested { glyph: String, label: Vec<String> },
    Note(String),
}

impl Row {
    /// Lines of the panel the row takes.
    fn slots(&self) -> usize {
        match self {
            Row::Entry { label, .. }
            | Row::Line { label, .. }
            | Row::Here(label)
            | Row::Missing(label)
            | Row::Suggested { label, .. }
            | Row::Class(_, label) => label.len().max(1),
            _ => 1,
        }
    }
}

/// Flows rows into columns of a rectangle, a blank line before each heading but the first;
/// a heading never ends a column. Returns the number of rows left off.
fn flow(s: &mut String, rows: &[Row], area: Rect, f: &Frame) -> usize {
    let cols = (((area.w + f.col_w * 0.1) / f.col_w).floor() as usize).max(1);
    let col_w = area.w / cols as f64;
    // (A hair over: a box made for n lines must hold them whatever the rounding of its height.)
    let per_col = (((area.h + 1e-6) / f.line).floor() as usize).max(2);
    let (mut col, mut slot) = (0usize, 0usize);
    let mut left_off = 0;
    for (i, row) in rows.iter().enumerate() {
        let heading = matches!(row, Row::Heading(..) | Row::Class(..));
        if matches!(row, Row::Heading(..)) && slot > 0 {
            slot += 1;
        }
        let need = row.slots() + if heading && i + 1 < rows.len() { rows[i + 1].slots() } else { 0 };
        if slot > 0 && slot + need > per_col {
            col += 1;
            slot = 0;
        }
        if col >= cols {
            left_off += 1;
            continue;
        }
        let x = area.x + col as f64 * col_w;
        let y = area.y + slot as f64 * f.line + f.line * 0.5;
        legend_row(s, row, x, y, f);
        slot += row.slots();
    }
    left_off
}

/// The legend panel at the largest type size, down to 70 %, at which every row fits: a
/// poster must list every category it shows (only below 70 % are rows left off, and then
/// counted in a note). Large text first steps down to the layout's usual size, then from it:
/// it is never set smaller than the same legend without large text.
fn panel(s: &mut String, d: &GuideMapData, o: &MapOptions, f: &Frame) {
    let usual = (f.base / f.font).min(1.0);
    let mut scales: Vec<f64> = (0..).map(|k| 1.0 - 0.1 * f64::from(k)).take_while(|&k| k > usual + 1e-9).collect();
    scales.extend((0..4).map(|k| usual * (1.0 - 0.1 * f64::from(k))));
    for (i, &scale) in scales.iter().enumerate() {
        let g = Frame {
            font: f.font * scale,
            line: f.line * scale,
            sym_r: f.sym_r * scale,
            mark_text: f.mark_text * scale,
            ..f.clone()
        };
        let mut out = String::new();
        if panel_at(&mut out, d, o, &g) == 0 || i + 1 == scales.len() {
            s.push_str(&out);
            return;
        }
    }
}

/// The legend panel with these type sizes; returns the number of rows left off.
fn panel_at(s: &mut String, d: &GuideMapData, o: &MapOptions, f: &Frame) -> usize {
    let lang = o.lang;
    let r = f.sym_r * 0.85;
    // Room for a label beside a symbol; long labels take up to the frame's lines (two, four
    // in a phone's narrow columns), and only what would need more is shortened.
    let label_w = f.col_w - (r * 2.0 + f.font * 0.6) - f.font * 0.4;
    let most = f.label_lines.max(1);
    let lines = |s: &str| -> Vec<String> {
        let mut l = wrap(s, f.font, label_w);
        if l.len() > most {
            let rest = rejoin(&l[most - 1..]);
            l.truncate(most - 1);
            l.push(fit(&rest, f.font, label_w));
        }
        l
    };
    let mut rows: Vec<Row> = Vec::new();
    rows.push(Row::Heading(lang.pick("图例", "Legend").into(), INK));
    if !d.centre_unknown {
        rows.push(Row::Here(lines(lang.pick("您在这里（生活圈中心）", "You are here (centre)"))));
    }
    if !d.reached.is_empty() {
        for (i, m) in o.tiers.iter().enumerate() {
            let label = match lang {
                Lang::Zh => format!("步行 {} 分钟内可达的街道", fmt_plain(*m)),
                Lang::En => format!("Streets within {} min walk", fmt_plain(*m)),
            };
            rows.push(Row::Line { tier: Some(i), label: lines(&label) });
        }
    }
    if !d.rings.is_empty() {
        let mins: Vec<String> = d.rings.iter().map(|r| fmt_plain(r.minutes)).collect();
        let label = match lang {
            Lang::Zh => format!("距中心步行约 {} 分钟", mins.join("、")),
            Lang::En => format!("About {} min walk from the centre", mins.join(", ")),
        };
        rows.push(Row::Line { tier: None, label: lines(&label) });
        if let Some(b) = &d.ring_basis {
            let note = match lang {
                Lang::Zh => format!("（{}）", b.get(lang)),
                Lang::En => format!("({})", b.get(lang)),
            };
            for l in wrap(&note, f.font * f.note, f.col_w - f.font * 0.4) {
                rows.push(Row::Note(l));
            }
        }
    }
    if d.facilities.iter().any(|f| f.not_open) {
        rows.push(Row::Entry {
            class: 0,
            glyph: String::new(),
            label: lines(lang.pick("规划中或已关闭", "Planned or closed")),
            mark: Mark::NotOpen,
        });
    }
    // (a worker took her what-if facility, dashed too, for a planned one)
    if d.facilities.iter().any(|f| f.hypothetical && !f.not_open) {
        rows.push(Row::Entry {
            class: 0,
            glyph: String::new(),
            label: lines(lang.pick("假设设施（尚不存在）", "Hypothetical (not there)")),
            mark: Mark::Hypothetical,
        });
    }
    if !d.suggested.is_empty() {
        rows.push(Row::Heading(lang.pick("建议选址", "Suggested sites").into(), ALERT));
        let sglyph = suggested_glyphs(d, lang);
        for (site, g) in d.suggested.iter().zip(sglyph) {
            let name = suggested_name(site, d, lang);
            let main = match lang {
                Lang::Zh => format!(
                    "{}{} {} → {}分",
                    circled(site.rank),
                    name,
                    delta_text(site.delta, lang),
                    fmt_plain(site.total)
                ),
                // No break inside "+2 pts → 11.75" (no-break spaces): the change and the
                // total it leads to are read together.
                Lang::En => format!(
                    "{} {} {}\u{a0}→\u{a0}{}",
                    circled(site.rank),
                    name,
                    delta_text(site.delta, lang).replace(' ', "\u{a0}"),
                    fmt_plain(site.total)
                ),
            };
            // The name may take two lines, so that the total it would give is not cut off.
            let mut label = lines(&main);
            if let Some(c) = site.covered {
                let sub = match (site.minutes, lang) {
                    (Some(m), Lang::Zh) => format!("{}分钟内新覆盖约{}人", fmt_plain(m), fmt_plain(c.round())),
                    (Some(m), Lang::En) => format!("+{} residents within {} min", fmt_plain(c.round()), fmt_plain(m)),
                    (None, Lang::Zh) => format!("新覆盖约{}人", fmt_plain(c.round())),
                    (None, Lang::En) => format!("+{} residents covered", fmt_plain(c.round())),
                };
                label.extend(lines(&sub));
            }
            rows.push(Row::Suggested { glyph: g, label });
        }
        let basis = match (&d.suggested_basis, lang) {
            (Some(b), Lang::Zh) => format!("（按新覆盖居民排序；{}）", b.zh),
            (Some(b), Lang::En) => format!("(ranked by residents newly covered; {})", b.en),
            (None, Lang::Zh) => "（按新覆盖居民排序）".to_string(),
            (None, Lang::En) => "(ranked by residents newly covered)".to_string(),
        };
        for l in wrap(&basis, f.font * f.note, f.col_w - f.font * 0.4) {
            rows.push(Row::Note(l));
        }
    }

    let glyph = glyphs(&d.categories, lang);
    let mut class_rows = |ki: usize, name: String, members: Vec<usize>| {
        rows.push(Row::Class(ki, lines(&name)));
        for ci in members {
            rows.push(Row::Entry {
                class: ki,
                glyph: glyph[ci].clone(),
                label: lines(d.categories[ci].name.get(lang)),
                mark: Mark::Open,
            });
        }
    };
    for (ki, k) in d.classes.iter().enumerate() {
        let members = (0..d.categories.len()).filter(|&ci| d.categories[ci].class == k.code).collect();
        class_rows(ki, k.name.get(lang).to_string(), members);
    }
    let orphans: Vec<usize> =
        (0..d.categories.len()).filter(|&ci| !d.classes.iter().any(|k| k.code == d.categories[ci].class)).collect();
    if !orphans.is_empty() {
        class_rows(usize::MAX, lang.pick("其他", "Other").into(), orphans);
    }

    let mut missing: Vec<Row> = vec![Row::Heading(lang.pick(MISSING_HEADING.0, MISSING_HEADING.1).into(), ALERT)];
    if d.missing.is_empty() {
        missing.push(Row::Note(lang.pick("无（或尚未评估）", "None (or not assessed yet)").into()));
    }
    missing.extend(d.missing.iter().map(|m| {
        let mut label = lines(m.name.get(lang));
        if let Some(w) = m.nearest_m {
            // (the number kept with its unit on a line)
            let w = fmt_plain(w.round());
            label.extend(lines(&match lang {
                Lang::Zh => format!("最近一处步行 {w}\u{a0}米"),
                Lang::En => format!("nearest: {w}\u{a0}m walk"),
            }));
        }
        Row::Missing(label)
    }));

    // The missing types get a box of their own: the last columns when there are three or
    // more (as many as the legend can spare, so a long list is not cut), else a strip along
    // the bottom.
    let p = f.panel;
    let cols = ((p.w / f.col_w).floor() as usize).max(1);
    let pad = f.font * 0.6;
    let (legend, boxed) = if cols >= 3 {
        let split = |k: usize| {
            let w = f.col_w * k as f64;
            (Rect { w: p.w - w - pad, ..p }, Rect { x: p.x + p.w - w, y: p.y, w, h: p.h })
        };
        let legend_fits = |k: usize| flow(&mut String::new(), &rows, split(k).0, f) == 0;
        let box_fits = |k: usize| flow(&mut String::new(), &missing[1..], box_items(split(k).1, pad, f), f) == 0;
        // The narrowest box that holds the whole list, else the widest the legend allows.
        let k = (1..cols - 1)
            .find(|&k| legend_fits(k) && box_fits(k))
            .or_else(|| (1..cols - 1).rev().find(|&k| legend_fits(k)))
            .unwrap_or(1);
        split(k)
    } else {
        let item_slots: usize = missing.iter().skip(1).map(Row::slots).sum();
        let h = (1 + item_slots.div_ceil(cols)) as f64 * f.line + 2.0 * pad;
        (Rect { h: p.h - h - pad, ..p }, Rect { x: p.x, y: p.y + p.h - h, w: p.w, h })
    };
    let mut left_off = flow(s, &rows, legend, f);
    let _ = write!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"#fdf0ee\" stroke=\"#e8b4ae\" stroke-width=\"1\"/>",
        n(boxed.x - pad * 0.5),
        n(boxed.y),
        n(boxed.w),
        n(boxed.h)
    );
    // Heading across the box, items in its columns below.
    let items = box_items(boxed, pad, f);
    // The heading runs across the whole box (on a phone, wider than a column).
    legend_row(s, &missing[0], items.x, items.y - f.line * 0.5, &Frame { col_w: items.w.max(f.col_w), ..f.clone() });
    left_off += flow(s, &missing[1..], items, f);
    if left_off > 0 {
        let more = match lang {
            Lang::Zh => format!("…另有 {left_off} 行未能列出"),
            Lang::En => format!("… {left_off} more rows not shown"),
        };
        text(
            s,
            p.x + p.w,
            p.y + p.h + f.line * 0.6,
            f.font * f.note,
            &format!(" text-anchor=\"end\" fill=\"{MUTED}\""),
            &more,
        );
    }
    left_off
}

/// Where the items of the missing-types box go: inside its padding, below its heading.
fn box_items(boxed: Rect, pad: f64, f: &Frame) -> Rect {
    let inner = Rect { x: boxed.x + pad * 0.5, y: boxed.y + pad, w: boxed.w - pad, h: boxed.h - 2.0 * pad };
    Rect { y: inner.y + f.line, h: inner.h - f.line, ..inner }
}

fn legend_row(s: &mut String, row: &Row, x: f64, y: f64, f: &Frame) {
    let r = f.sym_r * 0.85;
    let tx = x + r * 2.0 + f.font * 0.6;
    let max = f.col_w - (tx - x) - f.font * 0.4;
    let base = y + f.font * 0.36;
    let label = |s: &mut String, lines: &[String], colour: &str| {
        for (i, l) in lines.iter().enumerate() {
            text(s, tx, base + i as f64 * f.line, f.font, &format!(" fill=\"{colour}\""), &fit(l, f.font, max));
        }
    };
    match row {
        Row::Heading(l, colour) => {
            // A heading too wide for its column is set smaller, down to the rows' size, before
            // it is shortened ("Missing within walking reach" in a phone's large text).
            let max = f.col_w - 4.0;
            let (size, wide) = (f.font * 1.15, text_width(l, f.font * 1.15));
            let size = if wide > max { (size * max / wide * 0.999).max(f.font) } else { size };
            text(s, x, base, size, &format!(" font-weight=\"700\" fill=\"{colour}\""), &fit(l, size, max));
        }
        Row::Class(ki, l) => {
            let colour = if *ki == usize::MAX { "#5f6368" } else { CLASS_COLOURS[*ki % CLASS_COLOURS.len()] };
            s.push_str(&symbol(
                if *ki == usize::MAX { 0 } else { *ki },
                x + r,
                y,
                r * 0.7,
                &format!("fill=\"{colour}\""),
            ));
            for (i, l) in l.iter().enumerate() {
                let y = base + i as f64 * f.line;
                text(s, tx, y, f.font, &format!(" font-weight=\"700\" fill=\"{colour}\""), &fit(l, f.font, max));
            }
        }
        Row::Entry { class, glyph, label: l, mark } => {
            let colour = if *class == usize::MAX { "#5f6368" } else { CLASS_COLOURS[*class % CLASS_COLOURS.len()] };
            let shape = if *class == usize::MAX { 0 } else { *class };
            let (attrs, gcol) = match mark {
                Mark::NotOpen => {
                    (format!("fill=\"#ffffff\" stroke=\"{MUTED}\" stroke-width=\"2\" stroke-dasharray=\"3 2\""), MUTED)
                }
                // (as the map draws one, in the legend's neutral grey)
                Mark::Hypothetical => (
                    format!(
                        "fill=\"{MUTED}\" fill-opacity=\"0.5\" stroke=\"{INK}\" stroke-width=\"2\" stroke-dasharray=\"3 2\""
                    ),
                    "#ffffff",
                ),
                Mark::Open => (format!("fill=\"{colour}\""), "#ffffff"),
            };
            s.push_str(&symbol(shape, x + r, y, r, &attrs));
            if !glyph.is_empty() {
                // (two letters as large as one character, where the map's least text asks it)
                let gs = (if glyph.chars().count() > 1 { r * 0.85 } else { r * 1.1 }).max(f.mark_text.min(r * 1.1));
                text(
                    s,
                    x + r,
                    y + gs * 0.36,
                    gs,
                    &format!(" font-weight=\"700\" text-anchor=\"middle\" fill=\"{gcol}\""),
                    glyph,
                );
            }
            label(s, l, INK);
        }
        Row::Line { tier: Some(tier), label: l } => {
            // The map's stroke (width from `base`, as the map's), its round ends kept within
            // the symbol's room; the dashed tier has square ends and starts with a dash.
            let inset = if *tier >= 2 { 0.0 } else { f.base * TIER_WIDTH[*tier] / 2.0 };
            let _ = write!(
                s,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}{}/>",
                n(x + inset),
                n(y),
                n(x + r * 2.0 - inset),
                n(y),
                tier_stroke(*tier, f.base),
                if *tier >= 2 { "" } else { " stroke-linecap=\"round\"" }
            );
            label(s, l, INK);
        }
        Row::Line { tier: None, label: l } => {
            let _ = write!(
                s,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.0\" stroke-dasharray=\"4 3\"/>",
                n(x),
                n(y),
                n(x + r * 2.0),
                n(y),
                TIER_COLOURS[1]
            );
            label(s, l, INK);
        }
        Row::Here(l) => {
            let _ = write!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{ALERT}\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
                n(x + r),
                n(y),
                n(r * 0.6)
            );
            label(s, l, INK);
        }
        Row::Missing(l) => {
            let _ = write!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{ALERT}\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>",
                n(x + r),
                n(y),
                n(r * 0.8)
            );
            let _ = write!(
                s,
                "<path d=\"M{},{} L{},{} M{},{} L{},{}\" stroke=\"{ALERT}\" stroke-width=\"2\" stroke-linecap=\"round\"/>",
                n(x + r * 0.65),
                n(y - r * 0.35),
                n(x + r * 1.35),
                n(y + r * 0.35),
                n(x + r * 1.35),
                n(y - r * 0.35),
                n(x + r * 0.65),
                n(y + r * 0.35)
            );
            label(s, l, ALERT);
        }
        Row::Suggested { glyph, label: l } => {
            let _ = write!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"{ALERT}\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>",
                n(x + r),
                n(y),
                n(r)
            );
            let gs = (if glyph.chars().count() > 1 { r * 0.85 } else { r * 1.1 }).max(f.mark_text.min(r * 1.1));
            text(
                s,
                x + r,
                y + gs * 0.36,
                gs,
                &format!(" font-weight=\"700\" text-anchor=\"middle\" fill=\"{ALERT}\""),
                glyph,
            );
            label(s, l, INK);
        }
        Row::Note(l) => {
            text(s, x, base, f.font * f.note, &format!(" fill=\"{MUTED}\""), &fit(l, f.font * f.note, f.col_w - 4.0));
        }
    }
}

/// The footer's type size and lines.
fn footer_lines(d: &GuideMapData, o: &MapOptions, f: &Frame) -> (f64, Vec<String>) {
    let lang = o.lang;
    let mut parts: Vec<String> = Vec::new();
    if d.sample {
        parts.push(lang.pick("示例数据：设施为虚构，仅供演示", "Sample data: the facilities are invented").into());
    }
    if d.osm {
        parts.push(
            lang.pick(
                "地图数据 © OpenStreetMap 贡献者，按 ODbL 许可提供",
                "Map data © OpenStreetMap contributors, available under the ODbL",
            )
            .into(),
        );
    }
    if let Some(c) = &d.credits {
        parts.push(c.clone());
    }
    match o.tiles.as_deref().filter(|t| !t.trim().is_empty()).map(|t| tile_template_problem(t, lang)) {
        Some(Some(problem)) => parts.push(problem),
        Some(None) => {
            // (a credit that says it is the basemap's is not prefixed a second time)
            if let Some(c) = &o.tiles_credit {
                let c0 = c.trim_start();
                let said = c0.starts_with("底图") || c0.get(..7).is_some_and(|w| w.eq_ignore_ascii_case("basemap"));
                parts.push(if said { c.clone() } else { format!("{}{c}", lang.pick("底图 ", "Basemap ")) });
            }
        }
        None => {}
    }
    // Attributions are owed in full: wrap onto more lines (set a little smaller, the first
    // lines moved up; in large text at the same size) rather than cut. Past the frame's lines
    // the program's name goes first (the standard's id and version are what make the map
    // checkable); only what would still need more lines is shortened.
    let standard = d.standard.as_ref().map(|st| format!("{}{st}", lang.pick("评价标准 ", "standard ")));
    let width = f.w - 2.0 * f.margin;
    let most = f.foot_lines.max(1);
    let lay = |parts: &[String]| {
        let full = parts.join(" · ");
        match wrap(&full, f.foot, width) {
            one if one.len() <= 1 || f.foot_keeps_size => (f.foot, one),
            _ => (f.foot * 0.85, wrap(&full, f.foot * 0.85, width)),
        }
    };
    let mut all = parts.clone();
    all.push(format!("lifecircle {}", lifecircle_core::VERSION));
    all.extend(standard.clone());
    let (mut size, mut lines) = lay(&all);
    if lines.len() > most && standard.is_some() {
        parts.extend(standard);
        (size, lines) = lay(&parts);
    }
    if lines.len() > most {
        let rest = lines[most - 1..].join(" ");
        lines.truncate(most - 1);
        lines.push(fit(&rest, size, width));
    }
    (size, lines)
}

fn footer(s: &mut String, d: &GuideMapData, o: &MapOptions, f: &Frame) {
    let (size, lines) = footer_lines(d, o, f);
    let n = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let y = f.foot_y - (n - 1 - i) as f64 * size * 1.3;
        text(s, f.margin, y, size, &format!(" fill=\"{MUTED}\""), line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grid gives the places comparing with every symbol gives (the spiral as before).
    #[test]
    fn placing_with_the_grid_matches_comparing_with_all() {
        // The same spiral, each spot compared with every symbol placed.
        fn place_naive(x: f64, y: f64, r: f64, placed: &[(f64, f64)]) -> (f64, f64) {
            spiral(x, y, r, |px, py| {
                placed.iter().all(|&(qx, qy)| (px - qx) * (px - qx) + (py - qy) * (py - qy) >= (2.0 * r + 1.0).powi(2))
            })
        }
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let r = 12.0;
        // Clusters (many symbols pushed out along the spiral), points off the page, and the
        // wider radius of suggested sites.
        for round in 0..20 {
            let mut grid = Placed::new(1280.0, 940.0, 2.0 * r * 1.1 + 1.0);
            let mut all: Vec<(f64, f64)> = Vec::new();
            let spread = [30.0, 200.0, 1600.0][round % 3];
            for i in 0..400 {
                let (x, y) = (640.0 + (next() - 0.5) * spread, 470.0 + (next() - 0.5) * spread);
                let rr = if i % 10 == 9 { r * 1.1 } else { r };
                let want = place_naive(x, y, rr, &all);
                assert_eq!(place(x, y, rr, &grid, &Room::anywhere()), want, "round {round}, symbol {i}");
                all.push(want);
                grid.push(want);
            }
        }
    }

    /// A poster keeps its date: the label goes short first, then the place is shortened, then
    /// left out.
    #[test]
    fn a_subtitle_too_long_shortens_the_place_and_keeps_the_date() {
        let labels = ["15-minute convenient living circle · guide map", "Guide map"];
        let (date, size) = ("as of 2026-12-05", 20.0);
        let w = |s: &str| text_width(s, size);
        let line = |max: f64| subtitle(labels, Some(PLACE), Some(date), size, max);
        const PLACE: &str = "海淀区北下关街道 · 交大东路社区、交大嘉园社区、大柳树社区、皂君庙社区";
        let full = format!("{} · {PLACE} · {date}", labels[0]);
        assert_eq!(line(w(&full)), full, "fits: as it is");
        let short = format!("Guide map · {PLACE} · {date}");
        assert_eq!(line(w(&full) - 1.0), short, "then the short label");
        let cut = line(w(&short) * 0.8);
        assert!(w(&cut) <= w(&short) * 0.8, "{cut}");
        assert!(
            cut.starts_with("Guide map · 海淀区") && cut.ends_with(&format!("… · {date}")),
            "the date stays: {cut}"
        );
        // No room for a useful part of the place: it goes, the date stays.
        assert_eq!(line(w(&format!("Guide map · {date} · 海淀"))), format!("Guide map · {date}"));
        // No room for the short label with the date: the date alone (the badge of a sample
        // map in large text on a phone takes the start of the line).
        assert_eq!(line(w(&format!("Guide map · {date}")) - 1.0), date);
        assert_eq!(line(w(date)), date);
        // Narrower than the short label and the date: the line itself is shortened.
        let narrow = line(150.0);
        assert!(narrow.ends_with('…') && w(&narrow) <= 150.0, "{narrow}");
        assert_eq!(subtitle(labels, None, None, size, 2000.0), labels[0]);
    }

    #[test]
    fn numbers_have_one_decimal_and_no_negative_zero() {
        assert_eq!(n(-0.04), "0.0");
        assert_eq!(n(12.345), "12.3");
        assert_eq!(n(-3.0), "-3.0");
    }

    #[test]
    fn unproject_inverts_the_projection() {
        let d = GuideMapData {
            name: "t".into(),
            centre: [116.337, 39.9495],
            facilities: vec![MapFacility {
                id: "a".into(),
                name: "a".into(),
                category: "x".into(),
                location: [116.340, 39.951],
                not_open: false,
                hypothetical: false,
                hours: None,
                brand: None,
                walk_m: None,
            }],
            ..GuideMapData::default()
        };
        for layout in [Layout::Screen, Layout::A3Portrait, Layout::Phone] {
            let f = frame(layout);
            let p = projection(&d, f.map);
            let (x, y) = p.px([116.340, 39.951]);
            let q = unproject(&d, layout, x, y).expect("inside the map");
            assert!((q[0] - 116.340).abs() < 1e-9 && (q[1] - 39.951).abs() < 1e-9, "{q:?}");
            assert_eq!(unproject(&d, layout, f.map.x - 1.0, y), None);
            assert_eq!(unproject(&d, layout, f64::NAN, y), None);
        }
    }

    /// Two shops side by side on a phone in large text: their 48-unit tap discs overlap, their
    /// symbols do not. A tap between them goes to the nearer one, not to the one drawn later.
    #[test]
    fn a_tap_where_discs_overlap_goes_to_the_nearest_facility() {
        let fac = |id: &str, lon: f64| MapFacility {
            id: id.into(),
            name: id.into(),
            category: "x".into(),
            location: [lon, 39.951],
            not_open: false,
            hypothetical: false,
            hours: None,
            brand: None,
            walk_m: None,
        };
        let d = GuideMapData {
            name: "t".into(),
            centre: [116.337, 39.9495],
            facilities: vec![fac("a", 116.3400), fac("b", 116.3403), fac("c", 116.3380)],
            ..GuideMapData::default()
        };
        let o = MapOptions { layout: Layout::Phone, large_text: true, ..MapOptions::default() };
        let f = frame_for(&d, &o);
        let p = projection(&d, f.map);
        let spots = facility_spots(&d, &f, &p, &Room::of(&f, &p, o.lang)).points;
        let ((ax, ay), (bx, by)) = (spots[1], spots[2]);
        let gap = ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt();
        assert!(gap > 2.0 * f.mark_r + 1.0 && gap < 2.0 * f.hit_r, "discs overlap, symbols do not: {gap}");
        // b's disc is drawn after a's: the element under the point is b's.
        let svg = render_guide_map(&d, &o);
        assert!(svg.find("<circle data-id=\"a\"") < svg.find("<circle data-id=\"b\""));
        let at = |t: f64| (ax + t * (bx - ax), ay + t * (by - ay));
        for (t, want) in [(0.0, Some(0)), (0.45, Some(0)), (0.55, Some(1)), (1.0, Some(1))] {
            let (x, y) = at(t);
            assert_eq!(facility_at(&d, &o, x, y), want, "at {t} of the way from a to b");
        }
        // Beyond a's disc, on the side away from b: none. Off the page: none.
        let away = f.hit_r + 0.5;
        assert_eq!(facility_at(&d, &o, ax - (bx - ax) / gap * away, ay - (by - ay) / gap * away), None);
        assert_eq!(facility_at(&d, &o, f64::NAN, ay), None);
        // Without tap discs (the screen layout) the symbol itself: c, and nothing just beyond it.
        let o = MapOptions::default();
        let f = frame_for(&d, &o);
        let p = projection(&d, f.map);
        let (cx, cy) = facility_spots(&d, &f, &p, &Room::of(&f, &p, o.lang)).points[3];
        assert_eq!(facility_at(&d, &o, cx + f.mark_r * 0.9, cy), Some(2));
        assert_eq!(facility_at(&d, &o, cx + f.mark_r * 1.1, cy), None);
    }

    #[test]
    fn glyphs_are_unique() {
        let cat = |code: &str, zh: &str, en: &str| MapCategory {
            code: code.into(),
            name: Label::new(zh, en),
            class: "basic".into(),
        };
        let cs =
            [cat("a", "便利店", "Convenience store"), cat("b", "便民店", "Cafe"), cat("c", "“一早”早餐", "Cafe tea")];
        assert_eq!(glyphs(&cs, Lang::Zh), ["便", "民", "一"]);
        assert_eq!(glyphs(&cs, Lang::En), ["C", "Ca", "Cf"]);
    }

    #[test]
    fn scale_bar_is_round_and_fits() {
        assert_eq!(scale_length(2000.0), 500.0);
        assert_eq!(scale_length(900.0), 200.0);
        assert_eq!(scale_length(30.0), 10.0);
    }

    #[test]
    fn projection_matches_hand_computed_metres() {
        // 0.001° of latitude is 111.19 m; of longitude at 27.929° N, 111.19 × cos(27.929°) = 98.23 m.
        let d = GuideMapData { name: "x".into(), centre: [120.8125, 27.929], ..Default::default() };
        let p = projection(&d, Rect { x: 0.0, y: 0.0, w: 100.0, h: 100.0 });
        let (x, y) = p.metres([120.8135, 27.930]);
        assert!((x - 98.23).abs() < 0.05, "{x}");
        assert!((y - 111.19).abs() < 0.05, "{y}");
    }

    #[test]
    fn wrapping_breaks_cjk_between_characters() {
        assert_eq!(wrap("一二三四五", 10.0, 30.0), ["一二三", "四五"]);
        assert_eq!(wrap("walking speed 75", 10.0, 80.0), ["walking speed", "75"]);
        // 禁则: no line ends with opening punctuation nor starts with closing punctuation.
        assert_eq!(wrap("一二（三）", 10.0, 40.0), ["一二", "（三）"]);
        assert_eq!(wrap("社区卫生服务中心（站）", 10.0, 90.0), ["社区卫生服务中心", "（站）"]);
        assert_eq!(wrap("一“二”三四", 10.0, 20.0), ["一", "“二”", "三四"]);
        assert_eq!(wrap("甲（Overpass extract）", 10.0, 60.0), ["甲", "（Overpass", "extract）"]);
        // After a number too (the phone legend's "约 5、10、15 分钟" once put "、15" on a line).
        for max in [20.0, 30.0, 40.0, 50.0, 60.0, 70.0] {
            let lines = wrap("约 5、10、15 分钟", 10.0, max);
            assert!(lines.iter().all(|l| !l.starts_with('、')), "{max}: {lines:?}");
            assert_eq!(lines.concat().replace(' ', ""), "约5、10、15分钟");
        }
        // A number and its unit after a no-break space stay on one line.
        assert_eq!(wrap("步行 1556\u{a0}米", 10.0, 50.0), ["步行", "1556\u{a0}米"]);
    }
}
