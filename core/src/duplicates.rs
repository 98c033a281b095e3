//! Suspected duplicates in a circle's facility list: one shop entered twice.
//!
//! Facility lists are imported (AMap or OSM exports, hand lists) and merged; the same shop
//! under two ids, or from two files, is counted twice by scoring (a category's count, the chain
//! share). [`Circle::check`] refuses the same id and category listed twice at one place; this
//! finds the near-duplicates it cannot see: the same category, the same name once spelled one
//! way ([`normalised_name`]), and either close together ([`DUPLICATE_WITHIN_M`]) or with a place
//! missing to tell them apart. It is a warning to check the list, never a refusal: scoring does
//! not call it and no score changes.
//!
//! Planned and closed facilities are included: scoring does not count them, but a second entry
//! of one is still a slip in the list (and an open and a closed entry of one shop at one place
//! may be a reopening, which the reader can tell and the data cannot).

use serde::Serialize;

use crate::access::Crs;
use crate::access::crs::convert;
use crate::circle::{Circle, Facility};
use crate::standard::{Lang, Standard};

/// Two facilities of the same category and name at most this far apart (metres, great-circle
/// distance) are suspected to be one shop entered twice.
///
/// A designed, provisional data-quality threshold of this project, not a number from any
/// standard, and not measured against real lists. The reasoning: one shop's position differs
/// between sources by where each puts the point (a building's centroid, its entrance, an
/// address geocoded to the street), which is tens of metres, not hundreds; two real outlets of
/// one chain under the same name are, we expect (not measured), seldom that close (across a
/// street they can be, which is why the distance is kept this short). A wrong guess costs a look at the list, never points: the
/// result is a warning.
pub const DUPLICATE_WITHIN_M: f64 = 50.0;

/// One of the two facilities of a [`SuspectedDuplicate`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Listed {
    /// Its position in `facilities` (from 0).
    pub index: usize,
    pub id: Option<String>,
    /// The name as written.
    pub name: String,
    /// `[longitude, latitude]` in the circle's coordinate system, when given.
    pub location: Option<[f64; 2]>,
}

/// Two facilities that may be one shop entered twice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SuspectedDuplicate {
    /// The one listed first.
    pub first: Listed,
    pub second: Listed,
    /// The category they share: its code when read through a standard
    /// ([`suspected_duplicates_in`]), else as written (trimmed).
    pub category: String,
    /// How far apart they are, in metres, when both have a location.
    pub distance_m: Option<f64>,
}

/// The pairs of facilities of `circle` that may be one shop entered twice, categories compared
/// as written (trimmed): `便利店` and `convenience_store` are two categories here; give the
/// standard ([`suspected_duplicates_in`]) to compare what they name.
///
/// A pair has the same category and the same [`normalised_name`] (not empty), and is either
/// both located and at most [`DUPLICATE_WITHIN_M`] apart, or has a facility without a location.
/// A pair [`Circle::check`] already refuses (the same id and category, not at two places) is
/// left out. In order of the first facility's position in the list, then the second's.
///
/// Distances are great-circle distances on the ground: positions are in the circle's
/// coordinate system (`location.crs`), converted to WGS-84 first, as the walking-reach code
/// does. Both facilities share the datum, so its shift of hundreds of metres does not separate
/// them; but GCJ-02's offset is not uniform, and 50 m measured in its own degrees is up to
/// about a metre off (a test shows it), enough to cross the threshold.
///
/// Facilities are grouped by category and name first, so a list of thousands compares only the
/// facilities within a group, not every pair.
pub fn suspected_duplicates(circle: &Circle) -> Vec<SuspectedDuplicate> {
    find(circle, |f| f.category.trim().to_string())
}

/// [`suspected_duplicates`] with categories read through `standard`: a code, a Chinese or
/// English name and an alias of one category are the same category (and the pair carries its
/// code). A category the standard does not know is compared as written.
pub fn suspected_duplicates_in(standard: &Standard, circle: &Circle) -> Vec<SuspectedDuplicate> {
    find(circle, |f| {
        standard.find_category(&f.category).map_or_else(|| f.category.trim().to_string(), |c| c.code.clone())
    })
}

/// A name written one way: full-width ASCII letters, digits and punctuation and the
/// ideographic space made half-width, every space removed, ASCII letters in lower case, and
/// brackets of every kind (`（）`, `()`, `【】`, `[]`, `〔〕`, `〖〗`) written `()`: `美宜佳（ＸＹ路店）`,
/// `美宜佳 (xy路店)` and `美宜佳【XY路店】` are one name, `美宜佳(xy路店)`. Nothing else is
/// changed (no traditional and simplified characters, no branch suffixes).
pub fn normalised_name(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '[' | '【' | '〔' | '〖' => '(',
            ']' | '】' | '〕' | '〗' => ')',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn find(circle: &Circle, category: impl Fn(&Facility) -> String) -> Vec<SuspectedDuplicate> {
    let fs = &circle.facilities;
    // Places in WGS-84, where a metre is a metre on the ground (as `walk_circle` measures).
    let crs = circle.location.as_ref().map_or(Crs::Wgs84, |l| l.crs);
    let on_ground = |p: [f64; 2]| convert(p, crs, Crs::Wgs84);
    let mut keyed: Vec<((String, String), usize)> = fs
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let name = normalised_name(&f.name);
            (!name.is_empty()).then(|| ((category(f), name), i))
        })
        .collect();
    crate::order::sort_by(&mut keyed, |a, b| a.cmp(b));
    let mut out = Vec::new();
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        // Each place converted once per group (a chain's hundred shops are many pairs).
        let places: Vec<Option<[f64; 2]>> = group.iter().map(|&(_, i)| fs[i].location.map(on_ground)).collect();
        for (x, &((ref cat, _), i)) in group.iter().enumerate() {
            for (y, &(_, j)) in group.iter().enumerate().skip(x + 1) {
                let (a, b) = (&fs[i], &fs[j]);
                if listed_twice(a, b) {
                    continue;
                }
                let distance_m = match (places[x], places[y]) {
                    (Some(p), Some(q)) => {
                        let d = crate::access::haversine_m(p, q);
                        // Not a number (from a coordinate `parse_json` kept) is not near.
                        if d.is_nan() || d > DUPLICATE_WITHIN_M {
                            continue;
                        }
                        Some(d)
                    }
                    _ => None,
                };
                let listed = |k: usize, f: &Facility| Listed {
                    index: k,
                    id: f.id.clone(),
                    name: f.name.clone(),
                    location: f.location,
                };
                out.push(SuspectedDuplicate {
                    first: listed(i, a),
                    second: listed(j, b),
                    category: cat.clone(),
                    distance_m,
                });
            }
        }
    }
    crate::order::sort_by_key(&mut out, |p| (p.first.index, p.second.index));
    out
}

/// Whether [`Circle::check`] refuses the pair as one facility listed twice (the same id and
/// category as written, not at two different places): said there already.
fn listed_twice(a: &Facility, b: &Facility) -> bool {
    let apart = matches!((a.location, b.location), (Some(p), Some(q)) if p != q);
    a.id.as_deref().is_some_and(|id| !id.is_empty()) && a.id == b.id && a.category == b.category && !apart
}

impl Listed {
    /// How a message names it, and whether that starts with its id (written after a space in
    /// Chinese: `与 F07`, but `与第 8 条`): its id; without one, its place in the list; when the
    /// other has the same id (`same_id`), both.
    fn label(&self, lang: Lang, same_id: bool, by_row: bool) -> (String, bool) {
        let n = self.index;
        if by_row {
            return match lang {
                Lang::Zh => (format!("第 {} 行", n + 1), false),
                Lang::En => (format!("row {}", n + 1), false),
            };
        }
        match (self.id.as_deref().filter(|id| !id.is_empty()), lang) {
            (Some(id), Lang::Zh) if same_id => (format!("{id}（第 {} 条）", n + 1), true),
            (Some(id), Lang::En) if same_id => (format!("{id} (facilities[{n}])"), true),
            (Some(id), _) => (id.to_string(), true),
            (None, Lang::Zh) => (format!("第 {} 条", n + 1), false),
            (None, Lang::En) => (format!("facilities[{n}]"), false),
        }
    }
}

impl SuspectedDuplicate {
    /// What to check, for a person reading `lang`: `设施 F03“美宜佳”与 F07“美宜佳”业态相同、名称相同、相距 12 米，可能是同一家店录入了两次，请核对`.
    pub fn text(&self, lang: Lang) -> String {
        self.said(lang, false)
    }

    /// The same, the facilities named by their rows in a table of the list (from 1) rather than
    /// by id, as the form shows them: `第 3 行“美宜佳”与第 8 行“美宜佳”…`.
    pub fn text_by_row(&self, lang: Lang) -> String {
        self.said(lang, true)
    }

    fn said(&self, lang: Lang, by_row: bool) -> String {
        let same_id = self.first.id.as_deref().is_some_and(|id| !id.is_empty()) && self.first.id == self.second.id;
        let ((a, a_bare), (b, b_bare)) =
            (self.first.label(lang, same_id, by_row), self.second.label(lang, same_id, by_row));
        // (a sentence of the form's list starts with its first row)
        let a = if by_row && lang == Lang::En { a.replacen('r', "R", 1) } else { a };
        let (na, nb) = (&self.first.name, &self.second.name);
        let unlocated: Vec<&Listed> =
            [&self.first, &self.second].into_iter().filter(|l| l.location.is_none()).collect();
        match lang {
            Lang::Zh => {
                let sp = |bare: bool| if bare { " " } else { "" };
                let apart = match (self.distance_m, unlocated.as_slice()) {
                    (Some(d), _) if d < 0.5 => "、位置相同".to_string(),
                    (Some(d), _) => format!("、相距 {} 米", d.round()),
                    (None, [one]) => {
                        // A space after an id alone (`F07 没有位置`), none after `第 8 条` or `）`.
                        let (l, by_id) = one.label(lang, same_id, by_row);
                        format!("（{l}{}没有位置）", sp(by_id && !same_id))
                    }
                    (None, _) => "（两条都没有位置）".to_string(),
                };
                format!(
                    "{}{}{a}“{na}”与{}{b}“{nb}”业态相同、名称相同{apart}，可能是同一家店录入了两次，请核对",
                    if by_row { "" } else { "设施" },
                    sp(a_bare),
                    sp(b_bare)
                )
            }
            Lang::En => {
                let apart = match (self.distance_m, unlocated.as_slice()) {
                    (Some(d), _) if d < 0.5 => " and are at the same place".to_string(),
                    (Some(d), _) => format!(" and are {} m apart", d.round()),
                    (None, [one]) => format!(" ({} has no location)", one.label(lang, same_id, by_row).0),
                    (None, _) => " (neither has a location)".to_string(),
                };
                format!(
                    "{}{a} \"{na}\" and {b} \"{nb}\" have the same category and name{apart}: perhaps one shop entered twice; please check",
                    if by_row { "" } else { "facilities " }
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Degrees of latitude for `m` metres along a meridian on the sphere `haversine_m` uses
    /// (radius 6,371,008.8 m).
    fn north(m: f64) -> f64 {
        m / 6_371_008.8_f64 * 180.0 / std::f64::consts::PI
    }

    fn shop(id: &str, category: &str, name: &str, at: Option<[f64; 2]>) -> Facility {
        Facility { id: Some(id.into()), location: at, ..Facility::new(category, name) }
    }

    fn circle(facilities: Vec<Facility>) -> Circle {
        let mut c = Circle::from_json(r#"{"id":"c","name":"测试圈"}"#).unwrap();
        c.facilities = facilities;
        c
    }

    fn pairs(c: &Circle) -> Vec<(usize, usize)> {
        suspected_duplicates(c).iter().map(|p| (p.first.index, p.second.index)).collect()
    }

    const AT: [f64; 2] = [120.8125, 27.929];

    #[test]
    fn same_name_in_another_category_is_not_a_pair() {
        let c = circle(vec![
            shop("F01", "convenience_store", "美宜佳", Some(AT)),
            shop("F02", "supermarket", "美宜佳", Some(AT)),
            shop("F03", "convenience_store", "美宜佳超市", Some(AT)),
        ]);
        assert_eq!(pairs(&c), []);
    }

    #[test]
    fn forty_nine_metres_is_a_pair_and_fifty_one_is_not() {
        let at = |m: f64| Some([AT[0], AT[1] + north(m)]);
        let c = circle(vec![
            shop("F01", "convenience_store", "美宜佳", at(0.0)),
            shop("F02", "convenience_store", "美宜佳", at(49.0)),
        ]);
        let found = suspected_duplicates(&c);
        assert_eq!(found.len(), 1);
        let d = found[0].distance_m.unwrap();
        assert!((d - 49.0).abs() < 1e-6, "{d}");
        assert_eq!(
            found[0].text(Lang::Zh),
            "设施 F01“美宜佳”与 F02“美宜佳”业态相同、名称相同、相距 49 米，可能是同一家店录入了两次，请核对"
        );
        assert_eq!(
            found[0].text(Lang::En),
            "facilities F01 \"美宜佳\" and F02 \"美宜佳\" have the same category and name and are 49 m apart: perhaps one shop entered twice; please check"
        );
        let c = circle(vec![
            shop("F01", "convenience_store", "美宜佳", at(0.0)),
            shop("F02", "convenience_store", "美宜佳", at(51.0)),
        ]);
        assert_eq!(pairs(&c), []);
        // A position that is not a number is near nothing (and nothing panics).
        let c = circle(vec![
            shop("F01", "convenience_store", "美宜佳", Some([f64::NAN, AT[1]])),
            shop("F02", "convenience_store", "美宜佳", at(0.0)),
        ]);
        assert_eq!(pairs(&c), []);
        // Longitude too: 49 m east at this latitude.
        let east = north(49.0) / AT[1].to_radians().cos();
        let c = circle(vec![
            shop("F01", "convenience_store", "美宜佳", Some(AT)),
            shop("F02", "convenience_store", "美宜佳", Some([AT[0] + east, AT[1]])),
        ]);
        assert_eq!(pairs(&c), [(0, 1)]);
    }

    #[test]
    fn full_width_and_half_width_names_are_one_name() {
        assert_eq!(normalised_name(" 美宜佳（ＸＹ路店） "), "美宜佳(xy路店)");
        assert_eq!(normalised_name("美宜佳\u{3000}(Xy 路店)"), "美宜佳(xy路店)");
        assert_eq!(normalised_name("美宜佳【xy路店】"), "美宜佳(xy路店)");
        assert_eq!(normalised_name("ＡＢＣ１２３！"), "abc123!");
        let c = circle(vec![
            shop("F03", "convenience_store", "美宜佳（ＸＹ路店）", Some(AT)),
            shop("F07", "convenience_store", "美宜佳 (xy路店)", Some(AT)),
            shop("F09", "convenience_store", "美宜佳（xy路二店）", Some(AT)),
        ]);
        let found = suspected_duplicates(&c);
        assert_eq!(found.iter().map(|p| (p.first.index, p.second.index)).collect::<Vec<_>>(), [(0, 1)]);
        // The names as written, and a distance of (nearly) nothing said as one place.
        assert_eq!(
            found[0].text(Lang::Zh),
            "设施 F03“美宜佳（ＸＹ路店）”与 F07“美宜佳 (xy路店)”业态相同、名称相同、位置相同，可能是同一家店录入了两次，请核对"
        );
        // A name that is only spaces is no name to compare.
        let c = circle(vec![shop("F1", "x", " \u{3000}", None), shop("F2", "x", "", None)]);
        assert_eq!(pairs(&c), []);
    }

    #[test]
    fn a_facility_without_a_place_pairs_with_its_namesake() {
        let mut no_id = shop("", "breakfast", "永昌路包子铺", None);
        no_id.id = None;
        let c = circle(vec![
            shop("F01", "breakfast", "永昌路包子铺", Some(AT)),
            shop("F02", "breakfast", "永昌路包子铺", None),
            no_id,
        ]);
        let found = suspected_duplicates(&c);
        assert_eq!(found.iter().map(|p| (p.first.index, p.second.index)).collect::<Vec<_>>(), [(0, 1), (0, 2), (1, 2)]);
        assert_eq!(found[0].distance_m, None);
        let zh: Vec<String> = found.iter().map(|p| p.text(Lang::Zh)).collect();
        assert_eq!(
            zh[0],
            "设施 F01“永昌路包子铺”与 F02“永昌路包子铺”业态相同、名称相同（F02 没有位置），可能是同一家店录入了两次，请核对"
        );
        assert_eq!(
            zh[2],
            "设施 F02“永昌路包子铺”与第 3 条“永昌路包子铺”业态相同、名称相同（两条都没有位置），可能是同一家店录入了两次，请核对"
        );
        assert_eq!(
            found[1].text(Lang::En),
            "facilities F01 \"永昌路包子铺\" and facilities[2] \"永昌路包子铺\" have the same category and name (facilities[2] has no location): perhaps one shop entered twice; please check"
        );
    }

    #[test]
    fn a_form_names_the_rows() {
        let c = circle(vec![
            shop("F01", "breakfast", "永昌路包子铺", Some(AT)),
            shop("F09", "x", "y", None),
            shop("F02", "breakfast", "永昌路包子铺", None),
        ]);
        let found = suspected_duplicates(&c);
        assert_eq!(
            found[0].text_by_row(Lang::Zh),
            "第 1 行“永昌路包子铺”与第 3 行“永昌路包子铺”业态相同、名称相同（第 3 行没有位置），可能是同一家店录入了两次，请核对"
        );
        assert_eq!(
            found[0].text_by_row(Lang::En),
            "Row 1 \"永昌路包子铺\" and row 3 \"永昌路包子铺\" have the same category and name (row 3 has no location): perhaps one shop entered twice; please check"
        );
    }

    #[test]
    fn three_copies_are_three_pairs_in_list_order() {
        let near = |m: f64| Some([AT[0], AT[1] + north(m)]);
        let c = circle(vec![
            shop("A", "pharmacy", "老百姓大药房", near(10.0)),
            shop("B", "convenience_store", "美宜佳", near(0.0)),
            shop("C", "pharmacy", "老百姓大药房", near(0.0)),
            shop("D", "convenience_store", "可的", near(0.0)),
            shop("E", "pharmacy", "老百姓大药房", near(30.0)),
        ]);
        assert_eq!(pairs(&c), [(0, 2), (0, 4), (2, 4)]);
        let ids: Vec<_> = suspected_duplicates(&c)
            .into_iter()
            .map(|p| (p.first.id.unwrap(), p.second.id.unwrap(), p.category, p.distance_m.unwrap().round()))
            .collect();
        assert_eq!(
            ids,
            [
                ("A".into(), "C".into(), "pharmacy".into(), 10.0),
                ("A".into(), "E".into(), "pharmacy".into(), 20.0),
                ("C".into(), "E".into(), "pharmacy".into(), 30.0)
            ]
        );
    }

    /// The same id and category at one place is `check`'s `repeated` problem, said there; at two
    /// places `check` takes them for two imports' row numbers, and close together they are
    /// suspected here.
    #[test]
    fn a_pair_check_refuses_is_not_said_twice() {
        let c = circle(vec![
            shop("F01", "convenience_store", "美宜佳", Some(AT)),
            shop("F01", "convenience_store", "美宜佳", Some(AT)),
        ]);
        assert_eq!(c.check().iter().map(|p| p.code).collect::<Vec<_>>(), ["repeated"]);
        assert_eq!(pairs(&c), []);
        // One without a place is not at another place: refused there too.
        let c = circle(vec![
            shop("F01", "convenience_store", "美宜佳", Some(AT)),
            shop("F01", "convenience_store", "美宜佳", None),
        ]);
        assert_eq!((c.check().len(), pairs(&c)), (1, vec![]));
        let c = circle(vec![
            shop("F01", "convenience_store", "美宜佳", Some(AT)),
            shop("F01", "convenience_store", "美宜佳", Some([AT[0], AT[1] + north(20.0)])),
        ]);
        assert_eq!(c.check(), []);
        let found = suspected_duplicates(&c);
        assert_eq!(
            found[0].text(Lang::Zh),
            "设施 F01（第 1 条）“美宜佳”与 F01（第 2 条）“美宜佳”业态相同、名称相同、相距 20 米，可能是同一家店录入了两次，请核对"
        );
    }

    /// Through the standard, a category written by code and by its Chinese name is one.
    #[test]
    fn the_standard_tells_a_category_by_its_names() {
        let st = crate::load_builtin("longwan-2024").unwrap();
        let c = circle(vec![
            shop("F01", "convenience_store", "美宜佳", Some(AT)),
            shop("F02", "便利店", "美宜佳", Some(AT)),
            shop("F03", "没有这个业态", "美宜佳", Some(AT)),
            shop("F04", " 没有这个业态 ", "美宜佳", Some(AT)),
        ]);
        assert_eq!(pairs(&c), [(2, 3)]);
        let found = suspected_duplicates_in(&st, &c);
        let got: Vec<_> = found.iter().map(|p| (p.first.index, p.second.index, p.category.as_str())).collect();
        assert_eq!(got, [(0, 1, "convenience_store"), (2, 3, "没有这个业态")]);
    }

    /// Distances are those of the places on the ground: a circle in GCJ-02 or BD-09 is measured
    /// after conversion to WGS-84, as the walking-reach code measures it. Measured in the datum's
    /// own degrees, 50 m read up to 1.07 m more or less (GCJ-02 and BD-09, every 1° of longitude
    /// and 0.8° of latitude over 75–135° E, 20–52° N, measured 2026-12-06; GCJ-02's offset has
    /// terms with a period of a third of a degree), enough to cross the threshold.
    #[test]
    fn distances_are_measured_on_the_ground_whatever_the_datum() {
        use crate::access::crs::convert;
        use crate::access::{Crs, haversine_m};
        let places: [[f64; 2]; 5] = [[120.8125, 27.929], [99.0, 45.6], [116.39, 39.91], [113.26, 23.13], [133.0, 20.0]];
        let mut naive_worst: f64 = 0.0;
        for crs in [Crs::Gcj02, Crs::Bd09] {
            for p in places {
                for (metres, pair) in [(49.0, true), (51.0, false)] {
                    let q = [p[0] + north(metres) * 0.6 / p[1].to_radians().cos(), p[1] + north(metres) * 0.8];
                    let (a, b) = (convert(p, Crs::Wgs84, crs), convert(q, Crs::Wgs84, crs));
                    let mut c = circle(vec![
                        shop("F01", "convenience_store", "美宜佳", Some(a)),
                        shop("F02", "convenience_store", "美宜佳", Some(b)),
                    ]);
                    c.location = Some(crate::circle::Location { crs, ..crate::circle::Location::at(a) });
                    let found = suspected_duplicates(&c);
                    assert_eq!(found.len(), usize::from(pair), "{crs:?} at {p:?}, {metres} m");
                    if let Some(d) = found.first().and_then(|f| f.distance_m) {
                        assert!((d - metres).abs() < 0.01, "{crs:?} at {p:?}: {d} m, not {metres}");
                    }
                    naive_worst = naive_worst.max((haversine_m(a, b) - haversine_m(p, q)).abs());
                }
            }
        }
        assert!(naive_worst > 0.2, "the datum's own degrees would be off by {naive_worst} m");
    }

    #[test]
    fn the_sample_circle_has_none() {
        for ex in crate::example::EXAMPLES {
            let c = Circle::from_json(ex.json).unwrap();
            assert!(c.facilities.len() > 5);
            assert_eq!(suspected_duplicates(&c), [], "{}", ex.file);
            let st = crate::load_builtin(ex.standard).unwrap();
            assert_eq!(suspected_duplicates_in(&st, &c), [], "{}", ex.file);
        }
    }

    /// 2,000 facilities: every planted pair found, nothing else, among decoys of each kind (the
    /// same name in another category, 60 m apart, and a chain of 100 same-named shops 100 m
    /// apart from each other).
    #[test]
    fn two_thousand_facilities_give_exactly_the_planted_pairs() {
        let mut next = crate::order::xorshift(0x5eed_d0b1e);
        let mut unit = move || (next() >> 11) as f64 / (1u64 << 53) as f64;
        let cats = ["convenience_store", "supermarket", "breakfast", "pharmacy", "hair_beauty"];
        let mut fs: Vec<Facility> = Vec::new();
        // A chain: 100 shops of one name and category on a 100 m grid: none is a duplicate.
        for k in 0..100 {
            let at = [AT[0] + north(100.0 * (k % 10) as f64) * 1.2, AT[1] + north(100.0 * (k / 10) as f64)];
            fs.push(shop(&format!("C{k}"), "convenience_store", "美宜佳", Some(at)));
        }
        // Unique names, at random within about 2 km.
        while fs.len() < 1880 {
            let k = fs.len();
            let at = [AT[0] + north(2000.0 * unit()), AT[1] + north(2000.0 * unit())];
            let f = shop(&format!("U{k}"), cats[k % cats.len()], &format!("店{k}"), Some(at));
            fs.push(f);
        }
        // Planted: 20 pairs, second copy 0–45 m away (or without a place every fifth), inserted
        // at random positions; decoys: 20 same-name pairs in another category, 20 at 60 m.
        let mut planted_ids = Vec::new();
        for p in 0..20 {
            let name = format!("重复店{p}");
            let cat = cats[p % cats.len()];
            let at = [AT[0] + north(2000.0 * unit()), AT[1] + north(2000.0 * unit())];
            let second = (p % 5 != 0).then(|| [at[0], at[1] + north(45.0 * unit())]);
            let (a, b) = (format!("P{p}a"), format!("P{p}b"));
            fs.insert((unit() * fs.len() as f64) as usize, shop(&a, cat, &name, Some(at)));
            fs.insert((unit() * fs.len() as f64) as usize, shop(&b, cat, &format!(" {name} "), second));
            planted_ids.push((a, b));
            let other = cats[(p + 1) % cats.len()];
            fs.push(shop(&format!("X{p}a"), cat, &format!("别类店{p}"), Some(at)));
            fs.push(shop(&format!("X{p}b"), other, &format!("别类店{p}"), Some(at)));
            fs.push(shop(&format!("Y{p}a"), cat, &format!("远店{p}"), Some(at)));
            fs.push(shop(&format!("Y{p}b"), cat, &format!("远店{p}"), Some([at[0], at[1] + north(60.0)])));
        }
        assert_eq!(fs.len(), 2000);
        let pos = |id: &str| fs.iter().position(|f| f.id.as_deref() == Some(id)).unwrap();
        let mut want: Vec<(usize, usize)> = planted_ids
            .iter()
            .map(|(a, b)| {
                let (i, j) = (pos(a), pos(b));
                (i.min(j), i.max(j))
            })
            .collect();
        want.sort();
        let c = circle(fs);
        assert_eq!(pairs(&c), want);
    }
}
