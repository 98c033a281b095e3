//! lifecircle-web: Leptos widgets (self-assessment form, score card, gap report, guide map,
//! district dashboard).
//!
//! Presentation only: every score comes from [`lifecircle_core::score`]. The guide map is a
//! pure function ([`guide_map::render_guide_map`]) that the [`GuideMap`] component wraps.
//! Each widget has one stylesheet in [`styles`]; [`mount`] mounts them into host elements.

pub mod bindings;
pub mod district_board;
pub mod form;
pub mod gap_report;
pub mod guide_map;
pub mod map_view;
pub mod model;
pub mod mount;
pub mod score_card;
pub mod styles;

pub use district_board::DistrictBoard;
pub use form::{AssessmentForm, FormState};
pub use gap_report::GapReport;
pub use guide_map::{GuideMapData, Layout, MapLayers, MapOptions, render_guide_map, unproject};
pub use map_view::GuideMap;
pub use mount::{
    MountError, MountOptions, Mounted, mount_assessment, mount_district, mount_gap_report, mount_guide_map,
    mount_scorecard, standard_from_packed,
};
pub use score_card::ScoreCard;
