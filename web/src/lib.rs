//! lifecircle-web: Leptos widgets (self-assessment form, score card, gap report, guide map).
//!
//! Presentation only: every score comes from [`lifecircle_core::score`]. The guide map is a
//! pure function ([`guide_map::render_guide_map`]) that the [`GuideMap`] component wraps.

pub mod guide_map;

pub use guide_map::{GuideMapData, Layout, MapOptions, render_guide_map};
