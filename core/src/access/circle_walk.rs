//! From street data to a circle's walking distances, so that scoring uses real walks.
//!
//! [`walk_circle`] takes a circle, its standard and a street network (plus facilities and
//! residential origins imported from data, if any) and returns the circle with
//! `walking.nearest_m` / `nearest_name` filled from its centre and every origin's distances
//! filled, measured on the network. Scoring then runs unchanged: the walking indicators are
//! scored from these computations and each explanation names the nearest facility.
//!
//! The walking speed comes from the standard (`walking_speed_m_per_min`); nothing here holds a
//! number of a standard.

use serde::{Deserialize, Serialize};

use super::crs::{DatumVerdict, DatumWarning, check_datum, convert};
use super::error::{AccessError, ImportError};
use super::graph::{Network, NetworkStats, Placement, SnapFinding};
use super::import::{CategoryMapping, CategoryRule, Facility as DataFacility, Origin as DataOrigin};
use super::query::{Dijkstra, FacilitySet, Placed, distances_for_origins, nearest_by_category, snap_required};
use super::{Crs, LonLat, WalkParams, straight_line_walk_m};
use crate::circle::{Basis, Circle, Facility, Origin, SortedMap, Walking};
use crate::standard::Standard;
use crate::standard::resolve::{DETOUR_FACTOR, ELDERLY_WALKING_SPEED, WALKING_SPEED};

/// The category mapping of a standard: each category's OSM tags and AMap type codes.
///
/// # Errors
/// A tag or type code the importer cannot use.
pub fn category_mapping(st: &Standard) -> Result<CategoryMapping, ImportError> {
    // Every category has a rule, even one with no tags, so that a `category` column or property
    // naming the code is understood for any category.
    CategoryMapping::new(
        st.categories
            .iter()
            .map(|c| CategoryRule {
                category: c.code.clone(),
                osm_tags: c.osm.clone(),
                amap_types: c.amap.clone(),
                names: [&c.name.zh, &c.name.en]
                    .into_iter()
                    .chain(&c.aliases)
                    .filter(|n| !n.is_empty())
                    .cloned()
                    .collect(),
            })
            .collect(),
    )
}

/// Whose walking pace to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// The standard's `walking_speed_m_per_min`.
    #[default]
    Default,
    /// The standard's `elderly_walking_speed_m_per_min`, for older residents.
    Elderly,
}

/// The walking parameters of a standard.
///
/// # Errors
/// When the standard has no walking speed.
pub fn walk_params(st: &Standard) -> Result<WalkParams, AccessError> {
    walk_params_for(st, Profile::Default)
}

/// The walking parameters of a standard for a profile.
///
/// # Errors
/// When the standard has no walking speed for that profile.
pub fn walk_params_for(st: &Standard, profile: Profile) -> Result<WalkParams, AccessError> {
    let (id, name) = match profile {
        Profile::Default => (WALKING_SPEED, "walking_speed_m_per_min"),
        Profile::Elderly => (ELDERLY_WALKING_SPEED, "elderly_walking_speed_m_per_min"),
    };
    let speed = st.param(id).map(|p| p.value).ok_or(AccessError::InvalidParameter { name, value: f64::NAN })?;
    let detour = st.param(DETOUR_FACTOR).map_or(1.0, |p| p.value);
    let p = WalkParams { speed_m_per_min: speed, detour_factor: detour };
    p.validate()?;
    Ok(p)
}

/// The walking pace a result was measured at, and where it comes from, for every output that
/// gives minutes (`access nearest`, isochrones): a minute means nothing without its pace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    /// Whose pace: the standard's default, or its slower one for older residents.
    pub profile: Profile,
    /// # Units: metres per minute.
    pub speed_m_per_min: f64,
    /// The standard's parameter it is (`walking_speed_m_per_min`, `elderly_walking_speed_m_per_min`).
    pub param: String,
    /// The standard the pace is read from.
    pub standard: String,
    /// The standard marks the value provisional: designed by this project, not an official
    /// value.
    pub provisional: bool,
}

impl Pace {
    /// `步速 75 米/分钟（默认步速，lw-2024 暂定值，非官方数值）/ pace 75 m/min (default profile, …)`.
    pub fn describe(&self) -> String {
        let (zh, en) = self.describe_halves();
        format!("{zh}/ {en}")
    }

    /// [`Self::describe`] in each language apart, for a text that leads into each half in its
    /// own language (`步行分钟按步速 … / minutes at pace …`).
    pub fn describe_halves(&self) -> (String, String) {
        let v = self.speed_m_per_min;
        let (who_zh, who_en) = match self.profile {
            Profile::Default => ("默认步速", "default profile"),
            Profile::Elderly => ("老年人步速", "elderly profile"),
        };
        let (conf_zh, conf_en) = if self.provisional {
            ("暂定值，本项目设计，非官方数值", "provisional: designed by this project, not an official value")
        } else {
            ("标准所定数值", "the standard's value")
        };
        (
            format!("步速 {v} 米/分钟（{who_zh}，{} 的 {}，{conf_zh}）", self.standard, self.param),
            format!("pace {v} m/min ({who_en}, {} of {}, {conf_en})", self.param, self.standard),
        )
    }

    /// The pace as GeoJSON properties: `speed_m_per_min`, `profile`, `pace_param`,
    /// `pace_provisional`.
    pub fn properties(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut m = serde_json::Map::new();
        m.insert("speed_m_per_min".into(), self.speed_m_per_min.into());
        m.insert(
            "profile".into(),
            match self.profile {
                Profile::Default => "default",
                Profile::Elderly => "elderly",
            }
            .into(),
        );
        m.insert("pace_param".into(), self.param.clone().into());
        m.insert("pace_provisional".into(), self.provisional.into());
        m
    }
}

/// The pace of a profile in a standard, with its confidence.
///
/// # Errors
/// When the standard has no walking speed for that profile.
pub fn walk_pace(st: &Standard, profile: Profile) -> Result<Pace, AccessError> {
    let params = walk_params_for(st, profile)?;
    let id = match profile {
        Profile::Default => WALKING_SPEED,
        Profile::Elderly => ELDERLY_WALKING_SPEED,
    };
    let provisional = st.param(id).is_some_and(|p| p.cite.confidence == crate::standard::Confidence::Provisional);
    Ok(Pace {
        profile,
        speed_m_per_min: params.speed_m_per_min,
        param: id.to_string(),
        standard: st.id.clone(),
        provisional,
    })
}

/// How far a point may lie from the nearest street and still be placed on it.
///
/// A property of the data, not of a standard: 300 m keeps a facility on the far side of a
/// block on the network while refusing points outside the extract.
pub const DEFAULT_MAX_SNAP_M: f64 = 300.0;

/// How [`walk_circle_with`] places data on the network, and the datums the data files were
/// declared in (they reach it converted to WGS-84; the datum check reasons from what was
/// declared, and never says the opposite).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalkOptions {
    /// How far a point may lie from the nearest street. # Units: metres.
    pub max_snap_m: f64,
    /// The street network's declared datum.
    #[serde(default)]
    pub network_crs: Crs,
    /// The declared datum of the facilities from data.
    #[serde(default)]
    pub facilities_crs: Crs,
    /// The declared datum of the origins from data.
    #[serde(default)]
    pub origins_crs: Crs,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            max_snap_m: DEFAULT_MAX_SNAP_M,
            network_crs: Crs::Wgs84,
            facilities_crs: Crs::Wgs84,
            origins_crs: Crs::Wgs84,
        }
    }
}

/// Something [`walk_circle`] found that a reader of the result must know, Chinese first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalkFinding {
    /// Stable code: `origins_unreachable`, `origins_typed`, `datum_shift`, `datum_unclear`,
    /// `cut_off_piece`.
    pub code: String,
    /// `warning` or `info`.
    pub severity: String,
    pub message_zh: String,
    pub message_en: String,
    /// The origins or facilities it is about (all of them; the message names the first few).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
}

impl WalkFinding {
    /// `zh / en`, for a terminal.
    pub fn text(&self) -> String {
        format!("{} / {}", self.message_zh, self.message_en)
    }
}

/// The first five ids, and how many more.
fn first_ids(ids: &[String], sep: &str) -> String {
    let mut s = ids.iter().take(5).map(String::as_str).collect::<Vec<_>>().join(sep);
    if ids.len() > 5 {
        s.push_str(&format!("{sep}… (+{})", ids.len() - 5));
    }
    s
}

/// What [`walk_circle`] did, for the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalkReport {
    pub network: NetworkStats,
    /// Facilities placed on the network (inventory with locations, plus imported ones that
    /// have a street within the snapping distance).
    pub facilities_used: usize,
    /// Facilities from data added to the inventory (those within the circle).
    pub facilities_added: usize,
    /// Ids of facilities (from data or the inventory) with no street within the snapping
    /// distance: they have no walking distance, and one from data is not added to the
    /// inventory (it lies outside the network's area, e.g. in another district).
    #[serde(default)]
    pub facilities_unsnapped: Vec<String>,
    /// Ids of facilities from data that lie outside the circle (see [`walk_circle`]): left out
    /// of the distances and the inventory.
    #[serde(default)]
    pub facilities_outside: Vec<String>,
    /// The circle's reach used to tell which data facilities belong to it: the standard's
    /// longest walking time at its walking speed, when the circle has no boundary.
    /// # Units: metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach_m: Option<f64>,
    /// Inventory facilities without a location (they count as present but have no distance).
    pub facilities_without_location: usize,
    /// Origins measured on the network (with a street within the snapping distance).
    pub origins_measured: usize,
    /// Origins with no street within the snapping distance: kept in the circle with no
    /// distance, so they count as not covered (their residents stay in every coverage share's
    /// denominator: leaving data out must never earn points), and named in
    /// [`WalkReport::findings`].
    pub origins_unsnapped: Vec<String>,
    /// The circle's own origins without a location, whose typed-in distances were kept (the
    /// network cannot measure them), named in [`WalkReport::findings`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins_typed: Vec<String>,
    /// Ids of origins from data that lie outside the circle, by the same test as facilities
    /// (they are measured and counted all the same: a warning that the file may be the whole
    /// district's).
    #[serde(default)]
    pub origins_outside: Vec<String>,
    /// Points whose nearest street is on a small piece of network cut off from the rest.
    pub snap_findings: Vec<SnapFinding>,
    /// The first of [`WalkReport::datum_warnings`], a clear shift before an unclear one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_warning: Option<DatumWarning>,
    /// Every datum check that found something: the facilities and the origins are checked
    /// each against the network ([`check_datum`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub datum_warnings: Vec<DatumWarning>,
    /// Categories with no facility within reach of the centre.
    pub unreached: Vec<String>,
    /// What the result's reader must know (origins counted as not covered, typed distances
    /// kept, a datum mix-up), Chinese first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<WalkFinding>,
}

/// The standard's longest walk ([`Standard::reach_m`]) at the walking speed of `params`: how far
/// the circle reaches from its centre. `None` when it measures no walk.
///
/// # Units
/// Metres.
pub fn circle_reach_m(st: &Standard, params: &WalkParams) -> Option<f64> {
    st.reach_m(Some(params.speed_m_per_min))
}

/// Where a point from data lies with respect to the circle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// In the circle: inside its boundary, or within its reach of the centre.
    Inside,
    /// On the network but outside the circle.
    Outside,
    /// No street within the snapping distance.
    Unsnapped,
}

/// The circle's area for data points: its boundary when it has one (three points or more),
/// else a walk of `reach_m` on the network from any of `sources` (the centre, and the
/// residents' origins). A point on a piece of network cut off from every source is judged by
/// the straight line times the detour factor, so a shop is not lost to a gap in the street
/// data. Without boundary and reach, every point is in.
struct Area {
    boundary: Option<geo::Polygon<f64>>,
    reach_m: Option<f64>,
    sources: Vec<(LonLat, Placed)>,
    components: Vec<u32>,
    dist: Vec<f64>,
    params: WalkParams,
    max_snap_m: f64,
}

impl Area {
    fn new(
        net: &Network,
        sources: &[LonLat],
        boundary: Option<&[LonLat]>,
        reach_m: Option<f64>,
        params: WalkParams,
        max_snap_m: f64,
    ) -> Area {
        let boundary = boundary
            .filter(|b| b.len() >= 3)
            .map(|b| geo::Polygon::new(b.iter().map(|p| geo::Coord { x: p[0], y: p[1] }).collect(), vec![]));
        let placed: Vec<(LonLat, Placement)> =
            sources.iter().filter_map(|&p| net.place(p, max_snap_m).map(|s| (p, s))).collect();
        let mut components: Vec<u32> = placed.iter().flat_map(|(_, s)| s.snaps().map(|x| x.component)).collect();
        components.sort_unstable();
        components.dedup();
        let sources: Vec<(LonLat, Placed)> = placed.iter().map(|(p, s)| (*p, Placed::new(net, s))).collect();
        let mut dist = Vec::new();
        if let (None, Some(r)) = (&boundary, reach_m) {
            let seeds: Vec<(u32, f64)> = sources.iter().flat_map(|(_, a)| a.seeds()).collect();
            let mut dj = Dijkstra::new(net.node_count());
            dj.run(net, &seeds, r, |_, _| true);
            dist = dj.dist;
        }
        Area { boundary, reach_m, sources, components, dist, params, max_snap_m }
    }

    fn place(&self, net: &Network, p: LonLat) -> Place {
        use geo::Contains;
        let Some(s) = net.place(p, self.max_snap_m) else { return Place::Unsnapped };
        let inside = if let Some(b) = &self.boundary {
            b.contains(&geo::Point::new(p[0], p[1]))
        } else if let Some(r) = self.reach_m {
            if s.snaps().any(|x| self.components.binary_search(&x.component).is_ok()) {
                let a = Placed::new(net, &s);
                let direct = self.sources.iter().filter_map(|(_, o)| o.direct(&a)).fold(f64::INFINITY, f64::min);
                a.via_nodes(&self.dist).min(direct) <= r
            } else {
                self.sources.iter().any(|(o, _)| straight_line_walk_m(*o, p, &self.params) <= r)
            }
        } else {
            true
        };
        if inside { Place::Inside } else { Place::Outside }
    }
}

/// Fill a circle's walking distances from a street network.
///
/// - `extra`: facilities imported from data (WGS-84). Those in the circle count for walking
///   distances and are added to the inventory (and so to the counts of outlets, kinds and
///   chains). In the circle means inside its `location.boundary` when it has one, else within
///   the standard's longest walk ([`circle_reach_m`]) of the centre or of a residents' origin:
///   one file for the whole district can serve every circle. A facility outside the circle,
///   or with no street near it (outside the network's area), is left out; both kinds are
///   listed in the report.
/// - `origins`: residential origins from data (WGS-84); they replace the circle's origins.
///   Without any, the circle's own origins that have a `location` are measured, and those
///   without one keep the distances typed into the circle (the network cannot measure them;
///   [`WalkReport::origins_typed`] and a finding name them, as the circle's `measured_from`
///   will name the data files). An origin with no street within the snapping distance stays
///   in the circle with no distance, so it counts as not covered (never left out of the
///   share), and a finding names it. Origins outside the circle are listed in the report
///   (they are measured all the same).
///
/// The circle's own coordinates are in its `location.crs` and are converted to WGS-84.
/// Every piece of data is placed on the network by the rule of
/// [`Placement`](super::graph::Placement).
///
/// # Errors
/// No centre to measure from, a centre too far from any street, an empty network, or a
/// standard without a walking speed.
pub fn walk_circle(
    st: &Standard,
    circle: &Circle,
    net: &Network,
    extra: &[DataFacility],
    origins: &[DataOrigin],
    max_snap_m: f64,
) -> Result<(Circle, WalkReport), AccessError> {
    walk_circle_with(st, circle, net, extra, origins, &WalkOptions { max_snap_m, ..WalkOptions::default() })
}

/// [`walk_circle`] with the data files' declared datums, for the datum check.
///
/// # Errors
/// As [`walk_circle`].
pub fn walk_circle_with(
    st: &Standard,
    circle: &Circle,
    net: &Network,
    extra: &[DataFacility],
    origins: &[DataOrigin],
    options: &WalkOptions,
) -> Result<(Circle, WalkReport), AccessError> {
    let max_snap_m = options.max_snap_m;
    let params = walk_params(st)?;
    let crs = circle.location.as_ref().map_or(Crs::Wgs84, |l| l.crs);
    let to_wgs = |p: [f64; 2]| convert(p, crs, Crs::Wgs84);
    let centre = circle.location.as_ref().map(|l| to_wgs(l.centre)).ok_or(AccessError::MissingCentre)?;
    if net.edge_count() == 0 {
        return Err(AccessError::EmptyNetwork);
    }
    // The centre must lie by a street (the error names it before anything else is done).
    snap_required(net, super::error::CENTRE, centre, max_snap_m)?;
    let boundary: Option<Vec<LonLat>> =
        circle.location.as_ref().and_then(|l| l.boundary.as_ref()).map(|b| b.iter().map(|&p| to_wgs(p)).collect());
    let reach_m = circle_reach_m(st, &params);

    // Origins: from data, else the circle's own origins that have a location (those without
    // one keep their typed distances, below).
    let data_origins: Vec<DataOrigin> = if origins.is_empty() {
        circle
            .walking
            .iter()
            .flat_map(|w| &w.origins)
            .filter_map(|o| {
                o.location.map(|p| DataOrigin { id: o.id.clone(), point: to_wgs(p), population: Some(o.population) })
            })
            .collect()
    } else {
        origins.to_vec()
    };
    // Residents farther than twice the reach from the centre share no facility within the
    // reach with it: a file of the whole district, not of this circle. They are listed, and no
    // facility counts as the circle's for lying near them.
    let far = (!data_origins.is_empty())
        .then(|| Area::new(net, &[centre], boundary.as_deref(), reach_m.map(|r| 2.0 * r), params, max_snap_m));
    let beyond = |p: LonLat| far.as_ref().is_some_and(|a| a.place(net, p) == Place::Outside);
    // A data facility is in the circle when it lies within the reach of the centre or of one
    // of the circle's residential origins (or inside the boundary).
    let mut sources = vec![centre];
    sources.extend(data_origins.iter().map(|o| o.point).filter(|&p| !beyond(p)));
    let area = Area::new(net, &sources, boundary.as_deref(), reach_m, params, max_snap_m);

    // Inventory facilities with a location, plus the imported ones.
    let mut out = circle.clone();
    let (mut facilities, without_location) = inventory_on_network(st, circle);
    let inventory_count = facilities.len();
    let mut facilities_outside = Vec::new();
    let mut facilities_added = 0;
    for f in extra {
        // Names from data files as the circle may hold them (a line break typed in a
        // spreadsheet cell would refuse the circle, in its inventory and its nearest names).
        let plain = crate::circle::plain_line;
        let f = &DataFacility {
            id: plain(&f.id),
            name: f.name.as_deref().map(plain),
            brand: f.brand.as_deref().map(plain),
            ..f.clone()
        };
        match area.place(net, f.point) {
            Place::Inside => facilities.push(f.clone()),
            // Kept for the facility set to name it among those with no street near them.
            Place::Unsnapped => {
                facilities.push(f.clone());
                continue;
            }
            // Farther than the longest walk from the centre and every resident: it can meet no
            // walking requirement, and counting it would make one file of the whole district
            // fill every circle's inventory.
            Place::Outside => {
                facilities_outside.push(f.id.clone());
                continue;
            }
        }
        facilities_added += 1;
        // Back to the circle's datum, so that the inventory stays in one system.
        let back = convert(f.point, Crs::Wgs84, crs);
        for cat in &f.categories {
            out.facilities.push(Facility {
                id: Some(f.id.clone()),
                category: cat.clone(),
                name: f.name.clone().unwrap_or_else(|| f.id.clone()),
                location: Some([round7(back[0]), round7(back[1])]),
                chain: f.chain,
                brand: f.brand.clone(),
                floor_area_m2: None,
                hours: None,
                status: crate::circle::Status::Open,
                walk_m: None,
            });
        }
    }
    let categories: Vec<String> = st.categories.iter().map(|c| c.code.clone()).collect();
    let set = FacilitySet::new(net, &facilities, &categories, max_snap_m);
    // The datum check, by declared datum: the inventory's facilities are in the circle's,
    // those from data in the facilities files'; the origins in the circle's or the origins
    // file's.
    let mut datum_warnings = Vec::new();
    let (own, from_data) = facilities.split_at(inventory_count);
    let own: Vec<LonLat> = own.iter().map(|f| f.point).collect();
    let from_data: Vec<LonLat> = from_data.iter().map(|f| f.point).collect();
    if crs == options.facilities_crs {
        let all: Vec<LonLat> = own.iter().chain(&from_data).copied().collect();
        datum_warnings.extend(check_datum(&all, crs, net, options.network_crs, "facilities"));
    } else {
        datum_warnings.extend(check_datum(&own, crs, net, options.network_crs, "facilities"));
        datum_warnings.extend(check_datum(&from_data, options.facilities_crs, net, options.network_crs, "facilities"));
    }
    let origin_points: Vec<LonLat> = data_origins.iter().map(|o| o.point).collect();
    let origins_declared = if origins.is_empty() { crs } else { options.origins_crs };
    datum_warnings.extend(check_datum(&origin_points, origins_declared, net, options.network_crs, "origins"));
    let datum_warning =
        datum_warnings.iter().find(|w| w.verdict == DatumVerdict::Shift).or(datum_warnings.first()).cloned();

    // Searched up to the longest walk a circle accepts: a category farther away is unreached,
    // not a distance the circle's own check would then refuse.
    let from_centre = nearest_by_category(net, &set, centre, &params, crate::circle::MAX_WALK_M, max_snap_m)?;
    let mut nearest_m = SortedMap::new();
    let mut nearest_name = SortedMap::new();
    let mut unreached = Vec::new();
    for (cat, n) in &from_centre.by_category {
        if st.category(cat).is_none() {
            continue;
        }
        match n.as_ref().filter(|n| n.distance_m.is_finite()) {
            Some(n) => {
                nearest_m.insert(cat.clone(), round2(n.distance_m));
                if let Some(name) = &n.name {
                    nearest_name.insert(cat.clone(), name.clone());
                }
            }
            None => unreached.push(cat.clone()),
        }
    }
    let mut snap_findings = from_centre.findings.clone();

    let mut new_origins: Vec<Origin> = Vec::new();
    let mut unsnapped = Vec::new();
    let mut origins_outside = Vec::new();
    let mut origins_measured = 0;
    if !data_origins.is_empty() {
        let many = distances_for_origins(net, &set, &data_origins, crate::circle::MAX_WALK_M, max_snap_m)?;
        if !origins.is_empty() {
            origins_outside = origins.iter().filter(|o| beyond(o.point)).map(|o| o.id.clone()).collect();
        }
        snap_findings.extend(many.findings);
        unsnapped = many.unsnapped;
        origins_measured = many.origins.len();
        // In the order given: the measured ones come in that order with the unplaced left out,
        // and an origin is unplaced by the same test as there.
        let mut measured = many.origins.iter();
        for src in &data_origins {
            let nearest_m = if net.place(src.point, max_snap_m).is_some() {
                let Some(od) = measured.next() else { continue };
                // Unreachable categories are left out (a missing distance reads as not covered).
                od.by_category
                    .iter()
                    .filter_map(|(k, v)| v.filter(|d| d.is_finite()).map(|d| (k.clone(), round2(d))))
                    .collect()
            } else {
                // No street near it: no distance at all, so not covered, never left out.
                SortedMap::new()
            };
            new_origins.push(Origin {
                id: src.id.clone(),
                population: src.weight(),
                location: Some({
                    let p = convert(src.point, Crs::Wgs84, crs);
                    [round7(p[0]), round7(p[1])]
                }),
                nearest_m,
            });
        }
    }
    // The circle's own origins without a location keep their typed distances when the origins
    // are not replaced by data: the network cannot measure them, and dropping them would leave
    // their residents out of the shares.
    let mut origins_typed = Vec::new();
    if origins.is_empty()
        && let Some(w) = &circle.walking
    {
        for o in w.origins.iter().filter(|o| o.location.is_none()) {
            origins_typed.push(o.id.clone());
            new_origins.push(o.clone());
        }
    }
    // Which files these distances come from is the caller's to say (core reads none).
    out.walking = Some(Walking {
        basis: Basis::Network,
        nearest_m,
        nearest_name,
        origins: new_origins,
        measured_from: Vec::new(),
    });
    let mut findings = Vec::new();
    if !unsnapped.is_empty() {
        let n = unsnapped.len();
        findings.push(WalkFinding {
            code: "origins_unreachable".into(),
            severity: "warning".into(),
            message_zh: format!(
                "{n} 个居民点 {max_snap_m:.0} 米内没有道路，无法沿路网到达：按未覆盖计（人口仍计入覆盖率的分母）：{}",
                first_ids(&unsnapped, "、")
            ),
            message_en: format!(
                "{n} origin(s) have no street within {max_snap_m:.0} m and cannot be reached on the network: counted as not covered (their residents stay in the coverage shares): {}",
                first_ids(&unsnapped, ", ")
            ),
            ids: unsnapped.clone(),
        });
    }
    if !origins_typed.is_empty() {
        let n = origins_typed.len();
        findings.push(WalkFinding {
            code: "origins_typed".into(),
            severity: "info".into(),
            message_zh: format!(
                "{n} 个居民点没有坐标，其步行距离沿用输入值，不是在路网上量得的（中心点与有坐标的居民点的距离才是）：{}",
                first_ids(&origins_typed, "、")
            ),
            message_en: format!(
                "{n} origin(s) have no location: their walking distances are the typed-in ones, not measured on the network (those from the centre and of located origins are): {}",
                first_ids(&origins_typed, ", ")
            ),
            ids: origins_typed.clone(),
        });
    }
    for w in &datum_warnings {
        let (zh, en) = w.message.split_once(" / ").unwrap_or((w.message.as_str(), w.message.as_str()));
        findings.push(WalkFinding {
            code: if w.verdict == DatumVerdict::Shift { "datum_shift" } else { "datum_unclear" }.into(),
            severity: "warning".into(),
            message_zh: zh.to_string(),
            message_en: en.to_string(),
            ids: Vec::new(),
        });
    }
    let report = WalkReport {
        network: net.stats(),
        facilities_used: set.len(),
        facilities_added,
        facilities_unsnapped: set.unsnapped.clone(),
        facilities_outside,
        reach_m: if boundary.as_ref().is_some_and(|b| b.len() >= 3) { None } else { reach_m },
        facilities_without_location: without_location,
        origins_measured,
        origins_unsnapped: unsnapped,
        origins_typed,
        origins_outside,
        snap_findings,
        datum_warning,
        datum_warnings,
        unreached,
        findings,
    };
    Ok((out, report))
}

/// The circle's open facilities that have a location, in WGS-84 with their category codes, and
/// how many open ones have none (they count as present but cannot be placed on a network).
fn inventory_on_network(st: &Standard, circle: &Circle) -> (Vec<DataFacility>, usize) {
    let crs = circle.location.as_ref().map_or(Crs::Wgs84, |l| l.crs);
    let mut placed = Vec::new();
    let mut without_location = 0;
    for (i, f) in circle.facilities.iter().enumerate() {
        if f.status != crate::circle::Status::Open {
            continue;
        }
        let Some(cat) = st.find_category(&f.category) else { continue };
        match f.location {
            Some(p) => placed.push(DataFacility {
                id: f.id.clone().unwrap_or_else(|| format!("facilities[{i}]")),
                name: Some(f.name.clone()),
                point: convert(p, crs, Crs::Wgs84),
                categories: vec![cat.code.clone()],
                chain: f.chain,
                brand: f.brand.clone(),
            }),
            None => without_location += 1,
        }
    }
    (placed, without_location)
}

/// Metres to the centimetre: the input digest and the report stay stable across platforms.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Degrees to 1e-7 (about 1 cm).
fn round7(x: f64) -> f64 {
    (x * 1e7).round() / 1e7
}

/// A suggested site together with the score the circle would reach with one more facility of
/// the category there (and nothing else changed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoredSite {
    pub site: super::whatif::SiteSuggestion,
    /// Assessment total with the site added.
    pub total: f64,
    /// Change against the circle as it is.
    pub delta: f64,
    /// Grade id with the site added, if any.
    pub grade: Option<String>,
}

/// Siting with scores: the greedy maximum-coverage ranking of [`super::whatif::Scenario`] and, for
/// every site, the circle's total with that site added.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoredSiting {
    pub category: String,
    /// The standard's minutes for this category (from its walking-coverage or presence
    /// indicator).
    pub minutes: f64,
    /// Total of the circle as it is.
    pub total_now: f64,
    pub siting: super::whatif::Siting,
    pub sites: Vec<ScoredSite>,
}

/// Why siting with scores failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SitingError {
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Input(#[from] crate::circle::InputError),
    /// The standard measures no walk to this category.
    #[error("the standard has no walking indicator (walk_coverage, or presence within minutes) for `{category}`")]
    NoMinutes { category: String },
}

/// The standard's walking minutes for a category: from a walk_coverage indicator on it, else a
/// presence-within-minutes one.
pub fn minutes_for(st: &Standard, category: &str) -> Option<f64> {
    use crate::standard::{Kind, Reach};
    let on = |t: &crate::standard::FacilitySet| t.categories.iter().any(|c| c == category);
    st.indicators
        .iter()
        .find_map(|i| match &i.kind {
            Kind::WalkCoverage { target, within_minutes } if on(target) => Some(*within_minutes),
            _ => None,
        })
        .or_else(|| {
            st.indicators.iter().find_map(|i| match &i.kind {
                Kind::Presence { target, within: Some(Reach::Minutes(m)) } if on(target) => Some(*m),
                _ => None,
            })
        })
}

/// For a missing or weak category, the `k` best sites ranked by residents newly covered within
/// the standard's minutes (greedy maximum coverage), each with the score it would give.
///
/// # Errors
/// As [`walk_circle`]; a category the standard measures no walk to.
#[allow(clippy::too_many_arguments)]
pub fn suggest_sites_scored(
    st: &Standard,
    circle: &Circle,
    net: &Network,
    extra: &[DataFacility],
    origins: &[DataOrigin],
    category: &str,
    k: usize,
    candidates: &super::whatif::SiteCandidates,
    as_of: crate::date::Date,
) -> Result<ScoredSiting, SitingError> {
    let minutes = minutes_for(st, category).ok_or_else(|| SitingError::NoMinutes { category: category.to_string() })?;
    let params = walk_params(st)?;
    let (walked, _) = walk_circle(st, circle, net, extra, origins, DEFAULT_MAX_SNAP_M)?;
    let now = crate::score::score(st, &walked, as_of)?;
    // The facilities and origins as walk_circle placed them (WGS-84).
    let (facilities, _) = inventory_on_network(st, &walked);
    let crs = circle.location.as_ref().map_or(Crs::Wgs84, |l| l.crs);
    let homes: Vec<DataOrigin> = walked
        .walking
        .iter()
        .flat_map(|w| &w.origins)
        .filter_map(|o| {
            o.location.map(|p| DataOrigin {
                id: o.id.clone(),
                point: convert(p, crs, Crs::Wgs84),
                population: Some(o.population),
            })
        })
        .collect();
    let cats: Vec<String> = st.categories.iter().map(|c| c.code.clone()).collect();
    let set = FacilitySet::new(net, &facilities, &cats, DEFAULT_MAX_SNAP_M);
    let sc = super::whatif::Scenario::new(net, &set, &homes, params, minutes, DEFAULT_MAX_SNAP_M)?;
    let siting = sc.suggest_sites(category, k, candidates)?;
    let mut sites = Vec::new();
    for s in &siting.sites {
        let mut more = extra.to_vec();
        more.push(DataFacility {
            id: format!("site-{}", s.rank),
            name: Some(format!("建议选址 {} / suggested site {}", s.rank, s.rank)),
            point: s.point,
            categories: vec![category.to_string()],
            ..DataFacility::default()
        });
        let (c2, _) = walk_circle(st, circle, net, &more, origins, DEFAULT_MAX_SNAP_M)?;
        let a = crate::score::score(st, &c2, as_of)?;
        sites.push(ScoredSite {
            site: s.clone(),
            total: a.total,
            delta: crate::score::round2(a.total - now.total),
            grade: a.grade.grade.map(|g| g.id),
        });
    }
    Ok(ScoredSiting { category: category.to_string(), minutes, total_now: now.total, siting, sites })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::import::StreetLine;
    use crate::access::query::{node_distances_by_category, settled};

    /// Metres to degrees of latitude and (at 27.93° N) longitude, near enough for placing points.
    const LAT_M: f64 = 1.0 / 110_574.0;
    const LON_M: f64 = 1.0 / 98_400.0;

    /// A point `east` and `north` metres from (120.80, 27.93), in Longwan.
    fn at(east: f64, north: f64) -> LonLat {
        [120.80 + east * LON_M, 27.93 + north * LAT_M]
    }

    /// A square grid of `n` × `n` crossings `step` metres apart, its south-west corner at
    /// `at(0, 0)`, plus a short street of its own 3 km north of it (a piece cut off).
    fn grid(n: usize, step: f64) -> Network {
        let id = |i: usize, j: usize| (i * n + j) as i64;
        let mut lines = Vec::new();
        for i in 0..n {
            lines.push(StreetLine {
                node_ids: (0..n).map(|j| id(i, j)).collect(),
                coords: (0..n).map(|j| at(j as f64 * step, i as f64 * step)).collect(),
                name: None,
            });
            lines.push(StreetLine {
                node_ids: (0..n).map(|j| id(j, i)).collect(),
                coords: (0..n).map(|j| at(i as f64 * step, j as f64 * step)).collect(),
                name: None,
            });
        }
        let top = n as f64 * step + 3000.0;
        let (a, b) = ((n * n) as i64, (n * n + 1) as i64);
        lines.push(StreetLine { node_ids: vec![a, b], coords: vec![at(0.0, top), at(200.0, top)], name: None });
        Network::from_lines(&lines)
    }

    fn shop(id: &str, category: &str, p: LonLat) -> DataFacility {
        DataFacility {
            id: id.into(),
            name: Some(format!("{id} 店")),
            point: p,
            categories: vec![category.into()],
            ..DataFacility::default()
        }
    }

    /// On a 300 × 300 grid (90,000 crossings, 24 km across) a circle in the middle with its
    /// shops and homes within 600 m of the centre is measured by searching the streets near
    /// it, not the whole grid. Its own areas are searched by design (twice the standard's
    /// longest walk, 2 × 1125 m, from the centre: some 1,600 crossings; the longest walk from
    /// the centre and each home), and each category's search stops at the homes' streets: a
    /// few thousand crossings in all, under 5 % of the grid. Before, each of the standard's
    /// categories (with a shop or not) searched to the ends of the network: some forty times
    /// every crossing.
    #[test]
    fn a_circle_on_a_large_network_searches_only_its_neighbourhood() {
        let st = crate::load_builtin("longwan-2024").expect("standard");
        let n = 300;
        let step = 80.0;
        let net = grid(n, step);
        let mid = n as f64 * step / 2.0;
        let c = at(mid, mid);
        let circle = Circle::from_json(&format!(
            r#"{{"id":"lw-grid","name":"网格生活圈","population":1000,"households":400,
                "location":{{"crs":"wgs84","centre":[{},{}]}}}}"#,
            c[0], c[1]
        ))
        .expect("circle");
        let shops = [
            shop("p1", "pharmacy", at(mid + 300.0, mid + 20.0)),
            shop("c1", "convenience_store", at(mid - 250.0, mid + 410.0)),
            shop("c2", "convenience_store", at(mid + 500.0, mid - 330.0)),
            shop("s1", "supermarket", at(mid + 40.0, mid - 560.0)),
        ];
        let homes: Vec<DataOrigin> = (0..12)
            .map(|k| {
                let a = k as f64 * 0.5;
                DataOrigin {
                    id: format!("h{k}"),
                    point: at(mid + 400.0 * a.cos() + 7.0, mid + 400.0 * a.sin() + 11.0),
                    population: Some(100.0),
                }
            })
            .collect();
        settled::take();
        let (walked, report) =
            walk_circle(&st, &circle, &net, &shops, &homes, crate::access::DEFAULT_MAX_SNAP_M).expect("walk");
        let searched = settled::take();
        assert_eq!(report.facilities_added, 4);
        let w = walked.walking.as_ref().expect("walking");
        assert_eq!(w.origins.len(), 12);
        assert!(w.origins.iter().all(|o| o.nearest_m.contains_key("pharmacy")), "{:?}", w.origins);
        assert!(w.origins.iter().all(|o| !o.nearest_m.contains_key("bank")), "no bank anywhere");
        assert!(
            searched * 20 < net.node_count(),
            "settled {searched} of {} nodes: more than 5 % for a circle 1.2 km across",
            net.node_count()
        );
    }

    /// The stopped searches give the same bits as searches over the whole network, for homes
    /// near and far from the shops, on the cut-off piece, and on an edge with a shop.
    #[test]
    fn stopped_searches_give_the_distances_of_full_searches() {
        let net = grid(40, 90.0);
        let cats: Vec<String> = ["bank", "pharmacy", "school"].iter().map(|s| s.to_string()).collect();
        let shops = [
            shop("p1", "pharmacy", at(300.0, 20.0)),
            shop("p2", "pharmacy", at(3000.0, 2500.0)),
            shop("s1", "school", at(1200.0, 1805.0)),
            shop("x1", "pharmacy", at(100.0, 6605.0)),
        ];
        let set = FacilitySet::new(&net, &shops, &cats, crate::access::DEFAULT_MAX_SNAP_M);
        let homes: Vec<DataOrigin> = [
            at(310.0, 25.0),
            at(301.0, 10.0),
            at(1500.0, 1500.0),
            at(3400.0, 3400.0),
            at(50.0, 6597.0),
            at(1210.0, 1800.0),
        ]
        .iter()
        .enumerate()
        .map(|(k, &p)| DataOrigin { id: format!("h{k}"), point: p, population: None })
        .collect();
        for cutoff in [crate::circle::MAX_WALK_M, 1000.0] {
            let got =
                distances_for_origins(&net, &set, &homes, cutoff, crate::access::DEFAULT_MAX_SNAP_M).expect("many");
            let full = node_distances_by_category(&net, &set, cutoff).expect("full");
            assert_eq!(got.origins.len(), homes.len());
            for (o, h) in got.origins.iter().zip(&homes) {
                let p = Placed::new(&net, &net.place(h.point, crate::access::DEFAULT_MAX_SNAP_M).expect("placed"));
                for (c, code) in set.categories().iter().enumerate() {
                    let d = set.anchor_distance(&p, c, &full[c]);
                    let want = (d <= cutoff).then_some(d);
                    let have = o.by_category[code];
                    assert_eq!(have.map(f64::to_bits), want.map(f64::to_bits), "{} {code} at {cutoff}", o.origin_id);
                }
            }
            let some = got.origins.iter().filter(|o| o.by_category["pharmacy"].is_some()).count();
            assert!(some >= 2, "{got:?}");
        }
    }
}
