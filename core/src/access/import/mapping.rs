//! The caller-supplied mapping from source tags and type codes to facility categories.
//!
//! The categories belong to a standard, not to this code: the scoring core hands a mapping in,
//! as a list of `(category_code, osm tags, amap type codes)`.
//!
//! - OSM tags are `key=value` (exact) or `key=*` (any value of that key).
//! - AMap (高德) type codes are six digits. A code matches itself; a code ending in `00` also
//!   matches every code with the same first four digits (`060400` matches `060401`), and a
//!   code ending in `0000` every code with the same first two digits. An item's type field may
//!   hold several codes separated by `|` or `;`. A code of five digits is one whose leading zero
//!   a spreadsheet dropped (Excel reads `060200` as the number 60200): it is read as `060200`.
//! - An AMap type text (`购物服务;便民商店/便利店;便民商店/便利店`, what an AMap export's `type`
//!   column holds) matches by name: its most specific part that names a category of the mapping
//!   ([`CategoryMapping::match_amap_text`]).
//!
//! An item may fall into several categories (a supermarket may count for two); they are listed
//! in mapping order. What is an "item" in OSM: a node or way with a tag whose key is used by
//! the mapping or is one of [`POI_KEYS`]; items that match no rule are reported as unmapped.

use serde::{Deserialize, Serialize};

use crate::access::ImportError;

/// OSM keys that make an element a point of interest even when no rule uses them.
pub const POI_KEYS: &[&str] =
    &["amenity", "shop", "healthcare", "office", "craft", "leisure", "tourism", "social_facility"];

/// One category and what maps to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRule {
    pub category: String,
    #[serde(default)]
    pub osm_tags: Vec<String>,
    #[serde(default)]
    pub amap_types: Vec<String>,
    /// Other names a `category` column or property may give it: the category's Chinese and
    /// English names and aliases (English compared without case).
    #[serde(default)]
    pub names: Vec<String>,
}

impl From<(String, Vec<String>, Vec<String>)> for CategoryRule {
    fn from((category, osm_tags, amap_types): (String, Vec<String>, Vec<String>)) -> Self {
        CategoryRule { category, osm_tags, amap_types, names: Vec::new() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ParsedRule {
    category: String,
    tags: Vec<(String, Option<String>)>,
    amap: Vec<String>,
    names: Vec<String>,
}

/// A checked mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryMapping {
    rules: Vec<ParsedRule>,
}

impl CategoryMapping {
    /// Checks the rules: non-empty category codes, `key=value` or `key=*` tags, six-digit
    /// AMap codes.
    pub fn new(rules: Vec<CategoryRule>) -> Result<CategoryMapping, ImportError> {
        let mut parsed = Vec::with_capacity(rules.len());
        for r in rules {
            if r.category.trim().is_empty() {
                return Err(ImportError::Mapping { category: r.category, message: "empty category code".to_string() });
            }
            let mut tags = Vec::new();
            for t in &r.osm_tags {
                let Some((k, v)) = t.split_once('=') else {
                    return Err(ImportError::Mapping {
                        category: r.category.clone(),
                        message: format!("osm tag {t:?} is not key=value or key=*"),
                    });
                };
                if k.is_empty() || v.is_empty() {
                    return Err(ImportError::Mapping {
                        category: r.category.clone(),
                        message: format!("osm tag {t:?} has an empty key or value"),
                    });
                }
                tags.push((k.to_string(), (v != "*").then(|| v.to_string())));
            }
            for c in &r.amap_types {
                if c.len() != 6 || !c.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ImportError::Mapping {
                        category: r.category.clone(),
                        message: format!("amap type code {c:?} is not six digits"),
                    });
                }
            }
            parsed.push(ParsedRule { category: r.category, tags, amap: r.amap_types, names: r.names });
        }
        Ok(CategoryMapping { rules: parsed })
    }

    /// Every category code, sorted, without repeats.
    pub fn categories(&self) -> Vec<String> {
        let mut c: Vec<String> = self.rules.iter().map(|r| r.category.clone()).collect();
        c.sort();
        c.dedup();
        c
    }

    /// Whether a category code is in the mapping.
    pub fn has_category(&self, code: &str) -> bool {
        self.rules.iter().any(|r| r.category == code)
    }

    /// The category code a written category stands for: a code, else one of the names of
    /// [`CategoryRule::names`] (`便利店`, `Convenience store`).
    pub fn category_named(&self, written: &str) -> Option<&str> {
        let w = written.trim();
        let by_name = || self.rules.iter().find(|r| r.names.iter().any(|n| n == w || n.eq_ignore_ascii_case(w)));
        self.rules.iter().find(|r| r.category == w).or_else(by_name).map(|r| r.category.as_str())
    }

    /// Whether an OSM key is used by some rule or is a [`POI_KEYS`] key.
    pub fn is_interesting_key(&self, key: &str) -> bool {
        POI_KEYS.contains(&key) || self.rules.iter().any(|r| r.tags.iter().any(|(k, _)| k == key))
    }

    /// Categories matched by a set of OSM tags.
    pub fn match_osm(&self, tags: &[(String, String)]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.rules {
            let hit =
                r.tags.iter().any(|(k, v)| tags.iter().any(|(tk, tv)| tk == k && v.as_ref().is_none_or(|v| v == tv)));
            if hit && !out.contains(&r.category) {
                out.push(r.category.clone());
            }
        }
        out
    }

    /// Categories matched by an AMap type field (codes separated by `|` or `;`; a five-digit
    /// code is read with the leading zero a spreadsheet dropped: `60200` is `060200`).
    pub fn match_amap(&self, type_field: &str) -> Vec<String> {
        let codes: Vec<String> =
            type_field.split(['|', ';']).map(str::trim).filter(|c| !c.is_empty()).map(amap_code).collect();
        let mut out: Vec<String> = Vec::new();
        for r in &self.rules {
            let hit = r.amap.iter().any(|m| codes.iter().any(|c| amap_code_matches(m, c)));
            if hit && !out.contains(&r.category) {
                out.push(r.category.clone());
            }
        }
        out
    }

    /// The category an AMap type text names (`大类;中类;小类`, as
    /// `医疗保健服务;医药保健销售店;药房`; a part may hold `/`, as `便民商店/便利店`): the most
    /// specific part that is a category's code or name ([`Self::category_named`]), the broad
    /// first part only when it is the only one (no category is named for a whole AMap branch
    /// such as 购物服务). Empty when no part names one.
    pub fn match_amap_text(&self, text: &str) -> Vec<String> {
        let levels: Vec<&str> = text.split([';', '；']).map(str::trim).filter(|p| !p.is_empty()).collect();
        let specific = if levels.len() > 1 { &levels[1..] } else { &levels[..] };
        specific
            .iter()
            .rev()
            .flat_map(|level| level.split('/').map(str::trim).filter(|p| !p.is_empty()).rev())
            .find_map(|part| self.category_named(part))
            .map(|c| vec![c.to_string()])
            .unwrap_or_default()
    }
}

/// An AMap type code as written, with the leading zero put back when a spreadsheet dropped it
/// (a code of five digits: Excel opens `060200` as the number 60200 and saves it so).
fn amap_code(written: &str) -> String {
    if written.len() == 5 && written.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{written}")
    } else {
        written.to_string()
    }
}

fn amap_code_matches(rule: &str, code: &str) -> bool {
    if rule == code {
        return true;
    }
    if code.len() != 6 {
        return false;
    }
    if let Some(prefix) = rule.strip_suffix("0000") {
        return code.starts_with(prefix);
    }
    if let Some(prefix) = rule.strip_suffix("00") {
        return code.starts_with(prefix);
    }
    false
}
