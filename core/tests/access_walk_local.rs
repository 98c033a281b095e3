//! Distances for many origins stop each category's search once every origin's street ends are
//! reached (a circle on a city-wide network costs its neighbourhood, not the city). The answers
//! must be the very numbers a search over the whole network gives: each origin's distance is
//! rebuilt here from the full per-node distances ([`node_distances_by_category`]) and the
//! public snaps, and compared bit for bit.

use lifecircle_core::access::graph::{Network, Placement, Snap};
use lifecircle_core::access::import::{Facility, Origin, StreetLine};

mod helsinki;
use lifecircle_core::access::query::{FacilitySet, distances_for_origins, node_distances_by_category};
use lifecircle_core::access::{DEFAULT_MAX_SNAP_M, LonLat};

/// Metres to degrees of latitude and (at 27.93° N) longitude, near enough for placing points.
const LAT_M: f64 = 1.0 / 110_574.0;
const LON_M: f64 = 1.0 / 98_400.0;

fn at(east: f64, north: f64) -> LonLat {
    [120.80 + east * LON_M, 27.93 + north * LAT_M]
}

/// Distance from a joined point to a node-distance field, as the query defines it: the
/// shorter way to either end of each join's street plus the off-network leg, the shortest
/// over the joins; and along a shared street to a facility of the category on it.
fn expected(net: &Network, p: &Placement, dist: &[f64], on_street: &[(Placement, bool)]) -> f64 {
    let joins = |p: &Placement| -> Vec<Snap> { std::iter::once(p.nearest).chain(p.main).collect() };
    let mut best = f64::INFINITY;
    for s in joins(p) {
        let (u, v, len) = net.edge_ends(s.edge).expect("edge");
        let a = dist[u as usize] + s.offset_m;
        let b = dist[v as usize] + (len - s.offset_m);
        best = best.min(a.min(b) + s.off_network_m);
    }
    for (f, _) in on_street.iter().filter(|(_, of_category)| *of_category) {
        for s in joins(p) {
            for t in joins(f) {
                if s.edge == t.edge {
                    best = best.min((s.offset_m - t.offset_m).abs() + s.off_network_m + t.off_network_m);
                }
            }
        }
    }
    best
}

fn check(net: &Network, facilities: &[Facility], categories: &[String], homes: &[Origin], cutoff: f64) -> usize {
    let set = FacilitySet::new(net, facilities, categories, DEFAULT_MAX_SNAP_M);
    let got = distances_for_origins(net, &set, homes, cutoff, DEFAULT_MAX_SNAP_M).expect("many");
    let full = node_distances_by_category(net, &set, cutoff).expect("full");
    let placed: Vec<(Placement, &Facility)> =
        facilities.iter().filter_map(|f| net.place(f.point, DEFAULT_MAX_SNAP_M).map(|p| (p, f))).collect();
    let mut reached = 0;
    let mut measured = got.origins.iter();
    for h in homes {
        let Some(p) = net.place(h.point, DEFAULT_MAX_SNAP_M) else { continue };
        let o = measured.next().expect("every placed home is measured");
        assert_eq!(o.origin_id, h.id);
        for (c, code) in set.categories().iter().enumerate() {
            let on: Vec<(Placement, bool)> = placed.iter().map(|(fp, f)| (*fp, f.categories.contains(code))).collect();
            let d = expected(net, &p, &full[c], &on);
            let want = (d <= cutoff).then_some(d);
            let have = o.by_category[code];
            assert_eq!(have.map(f64::to_bits), want.map(f64::to_bits), "{} {code} within {cutoff} m", h.id);
            reached += usize::from(have.is_some());
        }
    }
    assert!(measured.next().is_none());
    reached
}

fn shop(id: &str, category: &str, p: LonLat) -> Facility {
    Facility { id: id.into(), name: None, point: p, categories: vec![category.into()], ..Facility::default() }
}

fn home(id: &str, p: LonLat) -> Origin {
    Origin { id: id.into(), point: p, population: Some(10.0) }
}

/// A 60 × 60 grid 100 m apart, with a short street 2 km north of it (a piece cut off from the
/// grid) and a street 250 m west of the grid's corner (cut off, but within the snapping
/// distance of the grid, so a point on it is also joined to the grid).
fn grid() -> Network {
    let n = 60;
    let id = |i: usize, j: usize| (i * n + j) as i64;
    let mut lines = Vec::new();
    for i in 0..n {
        let row = (0..n).map(|j| id(i, j)).collect();
        lines.push(StreetLine {
            node_ids: row,
            coords: (0..n).map(|j| at(j as f64 * 100.0, i as f64 * 100.0)).collect(),
            name: None,
        });
        let col = (0..n).map(|j| id(j, i)).collect();
        lines.push(StreetLine {
            node_ids: col,
            coords: (0..n).map(|j| at(i as f64 * 100.0, j as f64 * 100.0)).collect(),
            name: None,
        });
    }
    let k = (n * n) as i64;
    lines.push(StreetLine { node_ids: vec![k, k + 1], coords: vec![at(0.0, 7900.0), at(300.0, 7900.0)], name: None });
    lines.push(StreetLine {
        node_ids: vec![k + 2, k + 3],
        coords: vec![at(-250.0, 0.0), at(-250.0, 200.0)],
        name: None,
    });
    Network::from_lines(&lines)
}

/// Homes near shops and far from them, on both cut-off pieces, on a shop's own street, and
/// beyond every street; categories with one shop, many, one only on a cut-off piece, and none.
#[test]
fn stopped_searches_give_the_bits_of_full_searches_on_a_grid() {
    let net = grid();
    let categories: Vec<String> = ["bank", "pharmacy", "school", "clinic"].iter().map(|s| s.to_string()).collect();
    let facilities = [
        shop("p1", "pharmacy", at(330.0, 12.0)),
        shop("p2", "pharmacy", at(5500.0, 5120.0)),
        shop("p3", "pharmacy", at(120.0, 7903.0)),
        shop("s1", "school", at(2950.0, 3000.0)),
        shop("c1", "clinic", at(200.0, 7897.0)),
        shop("c2", "clinic", at(-245.0, 80.0)),
    ];
    let homes = [
        home("on-p1-street", at(350.0, -8.0)),
        home("near-p1", at(410.0, 130.0)),
        home("middle", at(3010.0, 2990.0)),
        home("far-corner", at(5890.0, 5890.0)),
        home("north-piece", at(40.0, 7895.0)),
        home("west-piece", at(-252.0, 150.0)),
        home("nowhere", at(20_000.0, 20_000.0)),
    ];
    let mut reached = 0;
    for cutoff in [100_000.0, 2000.0, 300.0] {
        reached += check(&net, &facilities, &categories, &homes, cutoff);
    }
    assert!(reached > 10, "{reached}");
}

/// The same on a real network: central Helsinki's streets and shops, a hundred homes spread
/// over the network.
#[test]
fn stopped_searches_give_the_bits_of_full_searches_in_helsinki() {
    let data = helsinki::data();
    let net = Network::from_lines(&data.streets().unwrap().lines);
    let rules = [("pharmacy", "amenity=pharmacy"), ("bank", "amenity=bank"), ("bakery", "shop=bakery")];
    let mapping = helsinki::mapping(&rules);
    let mut categories = mapping.categories();
    categories.push("none_here".into());
    let f = data.facilities(&mapping);
    let homes: Vec<Origin> = (0..net.node_count() as u32)
        .step_by(net.node_count() / 100)
        .map(|i| {
            let p = net.node(i).unwrap();
            home(&format!("h{i}"), [p[0] + 0.0001, p[1] + 0.00005])
        })
        .collect();
    let reached = check(&net, &f.facilities, &categories, &homes, 100_000.0);
    assert!(reached > 100, "{reached}");
    check(&net, &f.facilities, &categories, &homes, 400.0);
}
