//! Walking-reach exports (feature `access`; `cargo xtask dist` builds them into a second
//! module, `lifecircle_full.js`, so that the scoring module does not carry the street-network
//! code): a street network built from bytes of OSM XML, OSM PBF or GeoJSON, nearest facility
//! per category, reached streets and isochrones as GeoJSON, a circle's distances measured on
//! the network, what-if and siting, and coordinate conversion. Translation only.
//!
//! | export | returns |
//! |---|---|
//! | `WalkNetwork.fromBytes(bytes, format, crs?, excludeNameParts?)` | a network handle (`format`: `osm`, `pbf`, `geojson`; `excludeNameParts`: the CLI's `--exclude-name`) |
//! | `net.stats()` | nodes, edges, length, components, streets drawn twice merged, and what the import left out |
//! | `net.distance(from, to)` | metres along streets, or `undefined` when nothing connects them |
//! | `net.walk(from, to)` | the same walk with its findings: points whose nearest street is on a cut-off piece, and whether it went from the main network |
//! | `net.nearest(standard, facilities, from, profile?)` | nearest facility of every category |
//! | `net.reachedStreets(standard, from, minutes[], profile?)` | GeoJSON of reached street pieces, each with its pace |
//! | `net.isochrone(standard, from, minutes, cellM?, profile?)` | GeoJSON polygon feature, with its pace |
//! | `net.walkCircle(standard, circle, facilities, origins, options?)` | `{ circle, report }`: the circle with measured distances (`options`: the datums the data was declared in) |
//! | `net.whatIf(standard, facilities, origins, minutes, add?, removeId?)` | changed distances and coverage |
//! | `net.suggestSites(standard, facilities, origins, minutes, category, k, candidates?)` | ranked sites |
//! | `importFacilities(bytes, format, standard, crs?)` | facilities mapped to the standard's categories, and the unmapped |
//! | `importOrigins(bytes, format, crs?)` | residential origins |
//! | `convertCoords(points, from, to)` | the points in the other datum |
//! | `walkPace(standard, profile?)` | the pace minutes are measured at, with its confidence |
//!
//! `standard` is whatever `score` takes (a built-in id, a packed standard or a standard's text);
//! `bytes` a `Uint8Array`, an `ArrayBuffer` (as `fetch(…).arrayBuffer()` gives it) or another
//! view of one (`args.rs`).
//!
//! Isochrones and reached streets say their pace on every feature as the CLI's `access
//! isochrone` writes it (the core's `Pace::properties`); `walkPace` says the pace of
//! `nearest`'s minutes, as the CLI's `access nearest` does on stderr. `walkCircle` passes the
//! declared datums to the core's `walk_circle_with` as the CLI's `score --network` does: the
//! network's from `fromBytes`, the data's from `options` (WGS-84, as `importFacilities` and
//! `importOrigins` read without a `crs`, when not given).
//!
//! Facilities and origins given as data (`DataFacility[]`, `DataOrigin[]`, `add`) are checked
//! by the core as the importers check a file's (`import::check_facilities`, `check_origins`):
//! refused with their words (`invalid_data`), the first bad item named by its place and id.

use lifecircle_core::access::import::{self, Facility, FacilityImport, Origin, StreetReport};
use lifecircle_core::access::load::{self, Format, NetworkOptions};
use lifecircle_core::access::query::{self, FacilitySet};
use lifecircle_core::access::whatif::{Scenario, SiteCandidates};
use lifecircle_core::access::{self, Crs, LonLat, Network, Pace, Profile, WalkOptions};
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::Failure;
use crate::panic::entry;
use crate::{args, circle_from, standard_arg, to_js};

fn format_of(format: &JsValue) -> Result<Format, Failure> {
    match args::text(format, "format")?.as_str() {
        "osm" | "osm_xml" | "xml" => Ok(Format::OsmXml),
        "pbf" | "osm_pbf" => Ok(Format::OsmPbf),
        "geojson" | "json" => Ok(Format::GeoJson),
        "csv" => Ok(Format::Csv),
        other => Err(Failure::argument(
            "format",
            format!("须为 osm、pbf、geojson 或 csv，实为 `{other}` / `{other}` is not osm, pbf, geojson or csv"),
        )),
    }
}

/// A datum; absent (`undefined` or `null`) is WGS-84.
fn crs_of(crs: Option<JsValue>, argument: &'static str) -> Result<Crs, Failure> {
    match args::optional_text(crs, argument)?.as_deref() {
        None | Some("wgs84") => Ok(Crs::Wgs84),
        Some("gcj02") => Ok(Crs::Gcj02),
        Some("bd09") => Ok(Crs::Bd09),
        Some(other) => Err(Failure::argument(
            argument,
            format!("须为 wgs84、gcj02 或 bd09，实为 `{other}` / `{other}` is not wgs84, gcj02 or bd09"),
        )),
    }
}

fn profile_of(p: Option<JsValue>) -> Result<Profile, Failure> {
    match args::optional_text(p, "profile")?.as_deref() {
        None | Some("default") => Ok(Profile::Default),
        Some("elderly") => Ok(Profile::Elderly),
        Some(other) => Err(Failure::argument(
            "profile",
            format!("须为 default 或 elderly，实为 `{other}` / `{other}` is not default or elderly"),
        )),
    }
}

fn from_js<T: DeserializeOwned>(v: JsValue, argument: &'static str) -> Result<T, Failure> {
    serde_wasm_bindgen::from_value(v)
        .map_err(|e| Failure::argument(argument, format!("格式不对（见类型定义）/ not of the declared shape: {e}")))
}

/// Facilities of a JS argument, read and checked.
fn facilities_arg(v: JsValue, argument: &'static str) -> Result<Vec<Facility>, Failure> {
    let fac: Vec<Facility> = from_js(v, argument)?;
    import::check_facilities(&fac, argument).map_err(Failure::data)?;
    Ok(fac)
}

/// Origins of a JS argument, read and checked.
fn origins_arg(v: JsValue) -> Result<Vec<Origin>, Failure> {
    let org: Vec<Origin> = from_js(v, "origins")?;
    import::check_origins(&org, "origins").map_err(Failure::data)?;
    Ok(org)
}

/// The walking parameters of a profile, and its pace as outputs in minutes say it.
fn params(standard: &JsValue, profile: Option<JsValue>) -> Result<(access::WalkParams, Pace), Failure> {
    let st = standard_arg(standard)?;
    let profile = profile_of(profile)?;
    let p = access::walk_params_for(&st, profile).map_err(Failure::access)?;
    Ok((p, access::walk_pace(&st, profile).map_err(Failure::access)?))
}

/// A GeoJSON feature with the pace's properties added, as the CLI's `access isochrone` writes
/// every feature.
fn with_pace(mut feature: Value, pace: &Pace) -> Value {
    if let Some(props) = feature.get_mut("properties").and_then(Value::as_object_mut) {
        props.extend(pace.properties());
    }
    feature
}

/// Name parts that leave a street out, besides the defaults (`高速`, `高架路`): an array of
/// texts, absent (`undefined` or `null`) for none.
fn name_parts(v: Option<JsValue>) -> Result<Vec<String>, Failure> {
    match v {
        None => Ok(Vec::new()),
        Some(v) if v.is_undefined() || v.is_null() => Ok(Vec::new()),
        Some(v) => args::array(&v, "excludeNameParts")?.iter().map(|x| args::text(x, "excludeNameParts")).collect(),
    }
}

/// `walkCircle`'s options (`WalkCircleOptions` in the types): the datums its facilities and
/// origins were declared in, WGS-84 when absent (as `importFacilities` and `importOrigins` read
/// without a `crs`), and the network's as `fromBytes` was given. A key it does not know is
/// refused, not ignored: a misspelt datum would silently leave the check reasoning from WGS-84.
fn walk_options(network_crs: Crs, options: Option<JsValue>) -> Result<WalkOptions, Failure> {
    let mut out = WalkOptions { network_crs, ..WalkOptions::default() };
    let Some(o) = options.filter(|o| !o.is_undefined() && !o.is_null()) else { return Ok(out) };
    if !o.is_object() || js_sys::Array::is_array(&o) {
        return Err(Failure::argument(
            "options",
            "须为对象 { facilitiesCrs?, originsCrs? } / must be an object { facilitiesCrs?, originsCrs? }".into(),
        ));
    }
    for key in js_sys::Object::keys(o.unchecked_ref::<js_sys::Object>()).iter() {
        let value = js_sys::Reflect::get(&o, &key).ok();
        match key.as_string().as_deref() {
            Some("facilitiesCrs") => out.facilities_crs = crs_of(value, "options.facilitiesCrs")?,
            Some("originsCrs") => out.origins_crs = crs_of(value, "options.originsCrs")?,
            other => {
                let k = other.unwrap_or_default();
                return Err(Failure::argument(
                    "options",
                    format!(
                        "不认识的选项 `{k}`（可用 facilitiesCrs、originsCrs）/ unknown option `{k}` (facilitiesCrs, originsCrs)"
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// A street network to measure walks on.
#[wasm_bindgen]
pub struct WalkNetwork {
    net: Network,
    report: StreetReport,
    /// The datum the file was declared in: the datum check of `walkCircle` reasons from it.
    crs: Crs,
}

#[wasm_bindgen]
impl WalkNetwork {
    /// Build a network from the bytes of an OSM XML, OSM PBF or GeoJSON file in datum `crs`
    /// (default `wgs84`), leaving out streets whose name contains one of `excludeNameParts`
    /// besides the defaults (the CLI's `--exclude-name`). Throws `invalid_data` naming the
    /// element, feature or line.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | number[]")] bytes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataFormat")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Crs")] crs: Option<JsValue>,
        #[wasm_bindgen(js_name = excludeNameParts, unchecked_optional_param_type = "string[] | null")]
        exclude_name_parts: Option<JsValue>,
    ) -> Result<WalkNetwork, JsValue> {
        entry(|| {
            let bytes = args::bytes(&bytes, "bytes")?;
            let format = format_of(&format)?;
            let options = NetworkOptions { crs: crs_of(crs, "crs")?, exclude_names: name_parts(exclude_name_parts)? };
            let (net, imp) = load::network_with(&bytes, format, &options).map_err(Failure::data)?;
            Ok(WalkNetwork { net, report: imp.report, crs: options.crs })
        })
    }

    /// Size of the network (with the street pieces drawn twice and counted once) and what the
    /// import left out.
    #[wasm_bindgen(unchecked_return_type = "NetworkInfo")]
    pub fn stats(&self) -> Result<JsValue, JsValue> {
        entry(|| to_js(&serde_json::json!({ "network": self.net.stats(), "import": self.report })))
    }

    /// Walking distance in metres along the streets, or `undefined` when they do not connect.
    pub fn distance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LonLat")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LonLat")] to: JsValue,
    ) -> Result<Option<f64>, JsValue> {
        entry(|| {
            let (a, b): (LonLat, LonLat) = (from_js(from, "from")?, from_js(to, "to")?);
            query::walking_distance_m(&self.net, a, b, access::DEFAULT_MAX_SNAP_M).map_err(Failure::access)
        })
    }

    /// The walk between two points as the core measures it: its metres (`null` when they do not
    /// connect), the points whose nearest street is on a piece cut off from the main network,
    /// with the leg to the main network's street where one is within reach (`findings`), and
    /// whether it went from the main network (`via_main`). `distance` gives the metres alone.
    #[wasm_bindgen(unchecked_return_type = "PairWalk")]
    pub fn walk(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LonLat")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LonLat")] to: JsValue,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let (a, b): (LonLat, LonLat) = (from_js(from, "from")?, from_js(to, "to")?);
            let w = query::walking_distance(&self.net, a, b, access::DEFAULT_MAX_SNAP_M).map_err(Failure::access)?;
            to_js(&w)
        })
    }

    /// From one point, the nearest facility of every category of the standard.
    #[wasm_bindgen(unchecked_return_type = "NearestByCategory")]
    pub fn nearest(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataFacility[]")] facilities: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LonLat")] from: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WalkProfile")] profile: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let st = standard_arg(&standard)?;
            let p = access::walk_params_for(&st, profile_of(profile)?).map_err(Failure::access)?;
            let fac = facilities_arg(facilities, "facilities")?;
            let cats: Vec<String> = st.categories.iter().map(|c| c.code.clone()).collect();
            let set = FacilitySet::new(&self.net, &fac, &cats, access::DEFAULT_MAX_SNAP_M);
            let origin: LonLat = from_js(from, "from")?;
            let n = query::nearest_by_category(&self.net, &set, origin, &p, f64::INFINITY, access::DEFAULT_MAX_SNAP_M)
                .map_err(Failure::access)?;
            to_js(&n)
        })
    }

    /// Street pieces reached within each number of minutes (the guide map draws these), as a
    /// GeoJSON FeatureCollection; every piece says its pace.
    #[wasm_bindgen(js_name = reachedStreets, unchecked_return_type = "ReachedStreetsCollection")]
    pub fn reached_streets(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LonLat")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] minutes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WalkProfile")] profile: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let (p, pace) = params(&standard, profile)?;
            let origin: LonLat = from_js(from, "from")?;
            let minutes = args::numbers(&minutes, "minutes")?;
            let r = query::reached_streets(&self.net, origin, &minutes, &p, access::DEFAULT_MAX_SNAP_M)
                .map_err(Failure::access)?;
            let mut fc = r.to_geojson();
            if let Some(features) = fc.get_mut("features").and_then(Value::as_array_mut) {
                for f in features.iter_mut() {
                    *f = with_pace(f.take(), &pace);
                }
            }
            to_js(&fc)
        })
    }

    /// The isochrone of `minutes` (grid cells of `cellM` metres, 1 to 1000, default 25; another
    /// size throws an `access_error` naming the range) as a GeoJSON
    /// Feature with its pace; unreached blocks inside stay holes.
    #[wasm_bindgen(unchecked_return_type = "IsochroneFeature")]
    pub fn isochrone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LonLat")] from: JsValue,
        minutes: f64,
        #[wasm_bindgen(js_name = cellM)] cell_m: Option<f64>,
        #[wasm_bindgen(unchecked_optional_param_type = "WalkProfile")] profile: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let (p, pace) = params(&standard, profile)?;
            let origin: LonLat = from_js(from, "from")?;
            let iso = access::isochrone::isochrone(
                &self.net,
                origin,
                minutes,
                &p,
                cell_m.unwrap_or(25.0),
                access::DEFAULT_MAX_SNAP_M,
            )
            .map_err(Failure::access)?;
            to_js(&with_pace(iso.to_geojson(), &pace))
        })
    }

    /// The circle with its walking distances measured on this network (from its centre and
    /// its origins), with facilities and origins from data added; score it next. `options`
    /// names the datums `facilities` and `origins` were declared in when read (default
    /// `wgs84`, as `importFacilities` and `importOrigins` read without a `crs`); the network's
    /// is the one `fromBytes` was given. The datum check reasons from them.
    #[wasm_bindgen(js_name = walkCircle, unchecked_return_type = "WalkedCircle")]
    pub fn walk_circle(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CircleInput | string")] circle: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataFacility[]")] facilities: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataOrigin[]")] origins: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WalkCircleOptions | null")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let st = standard_arg(&standard)?;
            let c = circle_from(&circle)?;
            let fac = facilities_arg(facilities, "facilities")?;
            let org = origins_arg(origins)?;
            let options = walk_options(self.crs, options)?;
            let (walked, report) =
                access::walk_circle_with(&st, &c, &self.net, &fac, &org, &options).map_err(Failure::access)?;
            to_js(&serde_json::json!({ "circle": walked, "report": report }))
        })
    }

    /// Add a hypothetical facility and/or remove one by id: the changed distances and coverage
    /// within `minutes`, without rebuilding the network.
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIf[]")]
    pub fn what_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataFacility[]")] facilities: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataOrigin[]")] origins: JsValue,
        minutes: f64,
        #[wasm_bindgen(unchecked_param_type = "DataFacility | null")] add: JsValue,
        #[wasm_bindgen(js_name = removeId, unchecked_optional_param_type = "string | null")] remove_id: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let remove_id = args::optional_text(remove_id, "removeId")?;
            self.with_scenario(&standard, facilities, origins, minutes, |sc| {
                let mut out = Vec::new();
                if !add.is_null() && !add.is_undefined() {
                    let f: Facility = from_js(add, "add")?;
                    access::check_lonlat(f.point[0], f.point[1], || format!("add (id {:?})", f.id))
                        .map_err(Failure::data)?;
                    out.push(sc.add_facility(&f).map_err(Failure::access)?);
                }
                if let Some(id) = remove_id {
                    out.push(sc.remove_facility(&id).map_err(Failure::access)?);
                }
                to_js(&out)
            })
        })
    }

    /// The `k` best sites for a category, ranked by residents newly covered within `minutes`
    /// (greedy maximum coverage), from the network's nodes or the given candidate points.
    #[wasm_bindgen(js_name = suggestSites, unchecked_return_type = "Siting")]
    #[allow(clippy::too_many_arguments)]
    pub fn suggest_sites(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataFacility[]")] facilities: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataOrigin[]")] origins: JsValue,
        minutes: f64,
        #[wasm_bindgen(unchecked_param_type = "string")] category: JsValue,
        k: f64,
        #[wasm_bindgen(unchecked_param_type = "LonLat[] | null")] candidates: JsValue,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let category = args::text(&category, "category")?;
            let k = args::count(k, "k")? as usize;
            self.with_scenario(&standard, facilities, origins, minutes, |sc| {
                let cand = if candidates.is_null() || candidates.is_undefined() {
                    SiteCandidates::NetworkNodes
                } else {
                    SiteCandidates::Points(from_js(candidates, "candidates")?)
                };
                to_js(&sc.suggest_sites(&category, k, &cand).map_err(Failure::access)?)
            })
        })
    }
}

impl WalkNetwork {
    /// Places the facilities and origins (JS values) on this network with the standard's walking
    /// speed, and answers `f` from the resulting what-if scenario.
    fn with_scenario(
        &self,
        standard: &JsValue,
        facilities: JsValue,
        origins: JsValue,
        minutes: f64,
        f: impl FnOnce(&Scenario<'_>) -> Result<JsValue, Failure>,
    ) -> Result<JsValue, Failure> {
        let st = standard_arg(standard)?;
        let p = access::walk_params(&st).map_err(Failure::access)?;
        let cats: Vec<String> = st.categories.iter().map(|c| c.code.clone()).collect();
        let fac = facilities_arg(facilities, "facilities")?;
        let org = origins_arg(origins)?;
        let set = FacilitySet::new(&self.net, &fac, &cats, access::DEFAULT_MAX_SNAP_M);
        let sc =
            Scenario::new(&self.net, &set, &org, p, minutes, access::DEFAULT_MAX_SNAP_M).map_err(Failure::access)?;
        f(&sc)
    }
}

/// Facilities from OSM, GeoJSON or CSV bytes, mapped to the standard's categories by its OSM
/// tags and AMap type codes; the items no rule matched are listed, never dropped.
#[wasm_bindgen(js_name = importFacilities, unchecked_return_type = "FacilityImport")]
pub fn import_facilities(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | number[]")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DataFormat")] format: JsValue,
    #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Crs")] crs: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    entry(|| {
        let bytes = args::bytes(&bytes, "bytes")?;
        let st = standard_arg(&standard)?;
        let mapping = access::category_mapping(&st).map_err(Failure::data)?;
        let imp: FacilityImport =
            load::facilities(&bytes, format_of(&format)?, crs_of(crs, "crs")?, &mapping).map_err(Failure::data)?;
        to_js(&imp)
    })
}

/// Residential origins from GeoJSON (points or buildings, `population` property) or CSV bytes.
#[wasm_bindgen(js_name = importOrigins, unchecked_return_type = "DataOrigin[]")]
pub fn import_origins(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | number[]")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DataFormat")] format: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Crs")] crs: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    entry(|| {
        let bytes = args::bytes(&bytes, "bytes")?;
        to_js(&load::origins(&bytes, format_of(&format)?, crs_of(crs, "crs")?).map_err(Failure::data)?)
    })
}

/// The pace minutes are measured at for a profile of the standard (`default` when absent): its
/// speed, the standard's parameter, and whether the standard marks it provisional.
#[wasm_bindgen(js_name = walkPace, unchecked_return_type = "Pace")]
pub fn walk_pace(
    #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "WalkProfile")] profile: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    entry(|| to_js(&params(&standard, profile)?.1))
}

/// Points converted between WGS-84, GCJ-02 (AMap) and BD-09 (Baidu).
#[wasm_bindgen(js_name = convertCoords, unchecked_return_type = "LonLat[]")]
pub fn convert_coords(
    #[wasm_bindgen(unchecked_param_type = "LonLat[]")] points: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Crs")] from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Crs")] to: JsValue,
) -> Result<JsValue, JsValue> {
    entry(|| {
        let pts: Vec<LonLat> = from_js(points, "points")?;
        // Both datums are required: a missing one is not taken as WGS-84.
        args::text(&from, "from")?;
        args::text(&to, "to")?;
        let (f, t) = (crs_of(Some(from), "from")?, crs_of(Some(to), "to")?);
        for (i, p) in pts.iter().enumerate() {
            if !(p[0].is_finite()
                && p[1].is_finite()
                && (-180.0..=180.0).contains(&p[0])
                && (-90.0..=90.0).contains(&p[1]))
            {
                return Err(Failure::argument(
                    "points",
                    format!("points[{i}] 不是有效的 [经度, 纬度] / points[{i}] is not a [lon, lat] pair"),
                ));
            }
        }
        to_js(&pts.iter().map(|p| access::crs::convert(*p, f, t)).collect::<Vec<_>>())
    })
}
