//! Walking access on real street networks.
//!
//! Everything here is pure: inputs arrive as bytes or strings, nothing reads a file or the
//! clock, so the same code runs natively, in the CLI and in the browser as WebAssembly.
//!
//! The flow is:
//! 1. [`import`] turns OSM XML, OSM PBF or GeoJSON into street lines, facilities and residential
//!    origins (with a report of what was excluded or left unmapped);
//! 2. [`graph::Network`] builds a compact CSR graph from the street lines (lengths in metres,
//!    [`geo::Haversine`]) with a grid index for snapping points to the nearest street;
//! 3. [`query`] answers walking-distance questions (nearest facility per category, counts within
//!    N minutes, reached streets, isochrones);
//! 4. [`whatif`] adds or removes hypothetical facilities and suggests sites.
//!
//! Walking speed and detour factor come from the standard as [`WalkParams`]; no number of a
//! standard is written in this module.
//!
//! All coordinates are `[lon, lat]` in degrees, WGS-84, unless a function says otherwise
//! ([`crs`] converts from GCJ-02 and BD-09).

pub mod circle_walk;
pub mod crs;
pub mod error;
pub mod graph;
pub mod import;
pub mod isochrone;
pub mod load;
pub mod query;
pub mod whatif;

pub use circle_walk::{
    DEFAULT_MAX_SNAP_M, Pace, Profile, ScoredSite, ScoredSiting, SitingError, WalkFinding, WalkOptions, WalkReport,
    category_mapping, minutes_for, suggest_sites_scored, walk_circle, walk_circle_with, walk_pace, walk_params,
    walk_params_for,
};
pub use crs::Crs;
pub use error::{AccessError, ImportError};
pub use graph::{Network, Placement, Snap};

use geo::{Distance, Haversine, Point};
use serde::{Deserialize, Serialize};

/// A position as `[longitude, latitude]` in degrees.
pub type LonLat = [f64; 2];

/// Walking parameters taken from a standard.
///
/// # Units
/// - `speed_m_per_min`: metres per minute
/// - `detour_factor`: dimensionless ratio of network distance to straight-line distance, used
///   only by the straight-line fallback when there is no network
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WalkParams {
    pub speed_m_per_min: f64,
    pub detour_factor: f64,
}

impl WalkParams {
    /// Checks that both values are finite and positive (the detour factor at least 1).
    pub fn validate(&self) -> Result<(), AccessError> {
        if !(self.speed_m_per_min.is_finite() && self.speed_m_per_min > 0.0) {
            return Err(AccessError::InvalidParameter { name: "speed_m_per_min", value: self.speed_m_per_min });
        }
        if !(self.detour_factor.is_finite() && self.detour_factor >= 1.0) {
            return Err(AccessError::InvalidParameter { name: "detour_factor", value: self.detour_factor });
        }
        Ok(())
    }

    /// Walking distance covered in `minutes`.
    ///
    /// # Units
    /// `minutes` in minutes; returns metres.
    pub fn metres_in(&self, minutes: f64) -> f64 {
        minutes * self.speed_m_per_min
    }

    /// Minutes needed to walk `metres`.
    ///
    /// # Units
    /// `metres` in metres; returns minutes.
    pub fn minutes_for(&self, metres: f64) -> f64 {
        metres / self.speed_m_per_min
    }
}

/// How a distance was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistanceMethod {
    /// Shortest path on the street network, plus the off-network legs to the snapped points.
    Network,
    /// Straight-line (haversine) distance multiplied by the detour factor: the declared fallback
    /// when no street network is available.
    StraightLineDetour,
}

/// Great-circle distance between two positions with [`geo::Haversine`] (sphere of radius
/// 6,371,008.8 m, the GRS80 mean radius).
///
/// Against the WGS-84 ellipsoid ([`geo::Geodesic`]) the error for short walking distances is
/// below 0.5 % in China (`tests/access_graph.rs` measures at most 0.47 % at 18°–54° N, the
/// worst case being north–south segments in the far south); it is the same metric the network
/// uses for edge lengths, so network and straight-line distances stay comparable.
///
/// # Units
/// Degrees in, metres out.
pub fn haversine_m(a: LonLat, b: LonLat) -> f64 {
    Haversine.distance(Point::new(a[0], a[1]), Point::new(b[0], b[1]))
}

/// The declared fallback without a network: straight-line distance times the detour factor.
///
/// # Units
/// Degrees in, metres out.
pub fn straight_line_walk_m(a: LonLat, b: LonLat, params: &WalkParams) -> f64 {
    haversine_m(a, b) * params.detour_factor
}

/// Checks a coordinate pair: finite and in range. `path` names where it came from.
pub fn check_lonlat(lon: f64, lat: f64, path: impl Fn() -> String) -> Result<LonLat, ImportError> {
    if !lon.is_finite() || !lat.is_finite() {
        return Err(ImportError::NonFiniteCoordinate { path: path() });
    }
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(ImportError::CoordinateOutOfRange { path: path(), lon, lat });
    }
    Ok([lon, lat])
}
