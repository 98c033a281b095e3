//! Walking-reach exports (feature `access`; `cargo xtask dist` builds them into a second
//! module, `lifecircle_full.js`, so that the scoring module does not carry the street-network
//! code): a street network built from bytes of OSM XML, OSM PBF or GeoJSON, nearest facility
//! per category, reached streets and isochrones as GeoJSON, a circle's distances measured on
//! the network, what-if and siting, and coordinate conversion. Translation only.
//!
//! | export | returns |
//! |---|---|
//! | `WalkNetwork.fromBytes(bytes, format, crs?)` | a network handle (`format`: `osm`, `pbf`, `geojson`) |
//! | `net.stats()` | nodes, edges, length, components, and what the import left out |
//! | `net.distance(from, to)` | metres along streets, or `undefined` when nothing connects them |
//! | `net.nearest(standard, facilities, from, profile?)` | nearest facility of every category |
//! | `net.reachedStreets(standard, from, minutes[], profile?)` | GeoJSON of reached street pieces |
//! | `net.isochrone(standard, from, minutes, cellM?, profile?)` | GeoJSON polygon feature |
//! | `net.walkCircle(standard, circle, facilities, origins)` | `{ circle, report }`: the circle with measured distances |
//! | `net.whatIf(standard, facilities, origins, minutes, add?, removeId?)` | changed distances and coverage |
//! | `net.suggestSites(standard, facilities, origins, minutes, category, k, candidates?)` | ranked sites |
//! | `importFacilities(bytes, format, standard, crs?)` | facilities mapped to the standard's categories, and the unmapped |
//! | `importOrigins(bytes, format, crs?)` | residential origins |
//! | `convertCoords(points, from, to)` | the points in the other datum |
//!
//! `standard` is whatever `score` takes (a built-in id, a packed standard or a standard's text);
//! `bytes` a `Uint8Array`, an `ArrayBuffer` (as `fetch(…).arrayBuffer()` gives it) or another
//! view of one (`args.rs`).

use lifecircle_core::access::import::{Facility, FacilityImport, Origin, StreetReport};
use lifecircle_core::access::load::{self, Format};
use lifecircle_core::access::query::{self, FacilitySet};
use lifecircle_core::access::whatif::{Scenario, SiteCandidates};
use lifecircle_core::access::{self, Crs, LonLat, Network, Profile};
use serde::de::DeserializeOwned;
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

fn params(standard: &JsValue, profile: Option<JsValue>) -> Result<access::WalkParams, Failure> {
    let st = standard_arg(standard)?;
    access::walk_params_for(&st, profile_of(profile)?).map_err(Failure::access)
}

/// A street network to measure walks on.
#[wasm_bindgen]
pub struct WalkNetwork {
    net: Network,
    report: StreetReport,
}

#[wasm_bindgen]
impl WalkNetwork {
    /// Build a network from the bytes of an OSM XML, OSM PBF or GeoJSON file in datum `crs`
    /// (default `wgs84`). Throws `invalid_data` naming the element, feature or byte.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | number[]")] bytes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataFormat")] format: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Crs")] crs: Option<JsValue>,
    ) -> Result<WalkNetwork, JsValue> {
        entry(|| {
            let bytes = args::bytes(&bytes, "bytes")?;
            let (net, imp) = load::network(&bytes, format_of(&format)?, crs_of(crs, "crs")?).map_err(Failure::data)?;
            Ok(WalkNetwork { net, report: imp.report })
        })
    }

    /// Size of the network and what the import left out.
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
            let fac: Vec<Facility> = from_js(facilities, "facilities")?;
            let cats: Vec<String> = st.categories.iter().map(|c| c.code.clone()).collect();
            let set = FacilitySet::new(&self.net, &fac, &cats, access::DEFAULT_MAX_SNAP_M);
            let origin: LonLat = from_js(from, "from")?;
            let n = query::nearest_by_category(&self.net, &set, origin, &p, f64::INFINITY, access::DEFAULT_MAX_SNAP_M)
                .map_err(Failure::access)?;
            to_js(&n)
        })
    }

    /// Street pieces reached within each number of minutes (the guide map draws these), as a
    /// GeoJSON FeatureCollection.
    #[wasm_bindgen(js_name = reachedStreets, unchecked_return_type = "GeoJsonFeatureCollection")]
    pub fn reached_streets(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LonLat")] from: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] minutes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "WalkProfile")] profile: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let p = params(&standard, profile)?;
            let origin: LonLat = from_js(from, "from")?;
            let minutes = args::numbers(&minutes, "minutes")?;
            let r = query::reached_streets(&self.net, origin, &minutes, &p, access::DEFAULT_MAX_SNAP_M)
                .map_err(Failure::access)?;
            to_js(&r.to_geojson())
        })
    }

    /// The isochrone of `minutes` (grid cells of `cellM` metres, 1 to 1000, default 25; another
    /// size throws an `access_error` naming the range) as a GeoJSON
    /// Feature; unreached blocks inside stay holes.
    #[wasm_bindgen(unchecked_return_type = "GeoJsonFeature")]
    pub fn isochrone(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LonLat")] from: JsValue,
        minutes: f64,
        #[wasm_bindgen(js_name = cellM)] cell_m: Option<f64>,
        #[wasm_bindgen(unchecked_optional_param_type = "WalkProfile")] profile: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let p = params(&standard, profile)?;
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
            to_js(&iso.to_geojson())
        })
    }

    /// The circle with its walking distances measured on this network (from its centre and
    /// its origins), with facilities and origins from data added; score it next.
    #[wasm_bindgen(js_name = walkCircle, unchecked_return_type = "WalkedCircle")]
    pub fn walk_circle(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StandardArg")] standard: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CircleInput | string")] circle: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataFacility[]")] facilities: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DataOrigin[]")] origins: JsValue,
    ) -> Result<JsValue, JsValue> {
        entry(|| {
            let st = standard_arg(&standard)?;
            let c = circle_from(&circle)?;
            let fac: Vec<Facility> = from_js(facilities, "facilities")?;
            let org: Vec<Origin> = from_js(origins, "origins")?;
            let (walked, report) = access::walk_circle(&st, &c, &self.net, &fac, &org, access::DEFAULT_MAX_SNAP_M)
                .map_err(Failure::access)?;
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
        let fac: Vec<Facility> = from_js(facilities, "facilities")?;
        let org: Vec<Origin> = from_js(origins, "origins")?;
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
