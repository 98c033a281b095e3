//! The pedestrian filter: which OSM ways (and GeoJSON lines) people can walk on.
//!
//! For an OSM way, in this order:
//! 1. it must have a `highway` tag;
//! 2. `area=yes` is excluded (pedestrian squares and other areas are outlines, not lines
//!    people walk along);
//! 3. `foot=no` and `foot=use_sidepath` are excluded (the latter means "walk on the separately
//!    mapped sidewalk");
//! 4. `access=no` or `access=private` is excluded unless `foot` is `yes`, `designated` or
//!    `permissive`;
//! 5. `highway` must be one of [`WALKABLE_HIGHWAYS`]; `motorway`, `motorway_link`, `trunk` and
//!    `trunk_link` are kept only with `foot=yes|designated|permissive` or a sidewalk
//!    (`sidewalk`, `sidewalk:both`, `sidewalk:left` or `sidewalk:right` = `yes|both|left|right`);
//!    any other value (construction, proposed, platform, raceway, bus_guideway, elevator, …) is
//!    excluded, again unless `foot=yes|designated|permissive`.
//!
//! For GeoJSON lines (which often carry no classes at all) every line is walkable unless its
//! properties say otherwise: a `highway` property goes through the same rules as OSM tags, and a
//! `foot=no` property excludes it. In addition a `name` containing one of the caller's
//! excluded substrings is dropped; [`DEFAULT_EXCLUDED_NAME_PARTS`] holds `高速` (expressway),
//! which is how the unclassified Longwan road file marks its motorways (甬台温高速, 甬莞高速),
//! and `高架路` (elevated road: 瓯海大道高架路, 59 features of that file). Names the caller adds
//! (the CLI's `--exclude-name`) apply to OSM ways too, after the tag rules.
//!
//! `tools/reference/make_reference.py` implements the same rules independently in Python.

/// `highway` values people walk on.
pub const WALKABLE_HIGHWAYS: &[&str] = &[
    "footway",
    "pedestrian",
    "path",
    "steps",
    "living_street",
    "residential",
    "service",
    "unclassified",
    "road",
    "track",
    "cycleway",
    "bridleway",
    "corridor",
    "tertiary",
    "tertiary_link",
    "secondary",
    "secondary_link",
    "primary",
    "primary_link",
];

/// `highway` values walkable only with a sidewalk or an explicit foot permission.
pub const MOTOR_ONLY_HIGHWAYS: &[&str] = &["motorway", "motorway_link", "trunk", "trunk_link"];

/// Name parts that mark a GeoJSON line as not walkable by default: `高速` (expressway) and
/// `高架路` (elevated road).
///
/// `高架路` is a designed, provisional rule of this project, not taken from any standard or
/// official classification: an elevated urban expressway (瓯海大道高架路 in the Longwan road
/// file, which has no road classes) has no footway, and the road beneath it carries its own
/// name (瓯海大道). A file whose `高架路` is walkable can be read with the rule lifted
/// ([`StreetOptions`](super::geojson::StreetOptions) without it).
pub const DEFAULT_EXCLUDED_NAME_PARTS: &[&str] = &["高速", "高架路"];

const FOOT_ALLOWED: &[&str] = &["yes", "designated", "permissive"];
const SIDEWALK_PRESENT: &[&str] = &["yes", "both", "left", "right"];
const SIDEWALK_KEYS: &[&str] = &["sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right"];

/// Decides whether a tagged line is walkable. `tag` looks a key up. `Err` carries the reason,
/// used as the key of the exclusion report (e.g. `highway=motorway`).
pub fn walkable(tag: &dyn Fn(&str) -> Option<String>) -> Result<(), String> {
    let Some(highway) = tag("highway") else {
        return Err("no highway tag".to_string());
    };
    if tag("area").as_deref() == Some("yes") {
        return Err("area=yes".to_string());
    }
    let foot = tag("foot");
    match foot.as_deref() {
        Some("no") => return Err("foot=no".to_string()),
        Some("use_sidepath") => return Err("foot=use_sidepath".to_string()),
        _ => {}
    }
    let foot_ok = foot.as_deref().is_some_and(|f| FOOT_ALLOWED.contains(&f));
    if let Some(access) = tag("access")
        && (access == "no" || access == "private")
        && !foot_ok
    {
        return Err(format!("access={access}"));
    }
    if WALKABLE_HIGHWAYS.contains(&highway.as_str()) || foot_ok {
        return Ok(());
    }
    if MOTOR_ONLY_HIGHWAYS.contains(&highway.as_str()) {
        let sidewalk = SIDEWALK_KEYS.iter().any(|k| tag(k).as_deref().is_some_and(|v| SIDEWALK_PRESENT.contains(&v)));
        if sidewalk {
            return Ok(());
        }
    }
    Err(format!("highway={highway}"))
}

/// Whether a name contains one of the excluded parts; `Err` names the part (the key of the
/// exclusion report: `name contains 高架路`).
pub fn name_excluded(name: Option<&str>, excluded_name_parts: &[String]) -> Result<(), String> {
    if let Some(name) = name {
        for part in excluded_name_parts {
            if !part.is_empty() && name.contains(part.as_str()) {
                return Err(format!("name contains {part}"));
            }
        }
    }
    Ok(())
}

/// The GeoJSON rule: walkable unless `highway`/`foot` properties say otherwise or the name
/// contains an excluded part.
pub fn walkable_geojson_line(
    tag: &dyn Fn(&str) -> Option<String>,
    excluded_name_parts: &[String],
) -> Result<(), String> {
    if tag("highway").is_some() {
        walkable(tag)?;
    } else if tag("foot").as_deref() == Some("no") {
        return Err("foot=no".to_string());
    }
    name_excluded(tag("name").as_deref(), excluded_name_parts)
}
