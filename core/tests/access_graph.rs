//! The network: haversine edge lengths and their error against the ellipsoid, snapping with the
//! off-network leg, components and the small-component finding.

use geo::{Distance, Geodesic, Haversine, Point};
use lifecircle_core::access::graph::Network;
use lifecircle_core::access::import::StreetLine;
use lifecircle_core::access::query::walking_distance_m;
use lifecircle_core::access::{LonLat, haversine_m};

/// A straight street along a parallel, from `lon0` to `lon1` at `lat`, with vertices every
/// `step` degrees; ids start at `id0`.
fn street(id0: i64, lat: f64, lon0: f64, lon1: f64, n: usize) -> StreetLine {
    let coords: Vec<LonLat> = (0..=n).map(|i| [lon0 + (lon1 - lon0) * i as f64 / n as f64, lat]).collect();
    StreetLine { node_ids: (0..=n as i64).map(|i| id0 + i).collect(), coords, name: None }
}

#[test]
fn haversine_errs_by_less_than_half_a_percent_against_geodesic_in_china() {
    let mut worst = 0.0f64;
    for lat in [18.0f64, 22.5, 28.0, 31.2, 39.9, 45.0, 53.5] {
        for bearing in (0..180).step_by(15) {
            let b = (bearing as f64).to_radians();
            let a = Point::new(116.0, lat);
            let c = Point::new(116.0 + 0.002 * b.sin() / lat.to_radians().cos(), lat + 0.002 * b.cos());
            let h = Haversine.distance(a, c);
            let g = Geodesic.distance(a, c);
            worst = worst.max((h - g).abs() / g);
        }
    }
    println!("worst haversine vs geodesic relative error at 18–54° N: {:.3} %", worst * 100.0);
    assert!(worst < 0.005, "{worst}");
}

#[test]
fn edge_lengths_are_haversine_sums() {
    let line = street(0, 28.0, 120.0, 120.01, 10);
    let expect: f64 = line.coords.windows(2).map(|w| haversine_m(w[0], w[1])).sum();
    let net = Network::from_lines(&[line]);
    assert_eq!((net.node_count(), net.edge_count()), (2, 1), "interior vertices are contracted");
    let (_, _, len) = net.edge_ends(0).unwrap();
    assert!((len - expect).abs() < 1e-9);
    assert!((len - 982.2).abs() < 1.0, "{len}"); // 0.01° of longitude at 28° N
}

#[test]
fn snapping_projects_onto_the_street_and_counts_the_off_network_leg() {
    let net = Network::from_lines(&[street(0, 28.0, 120.0, 120.01, 10)]);
    // 0.0003° north of the street (about 33 m), a quarter of the way along.
    let p = [120.0025, 28.0003];
    let s = net.snap(p, 100.0).expect("a street within 100 m");
    assert!((s.off_network_m - haversine_m(p, [120.0025, 28.0])).abs() < 0.05, "{s:?}");
    assert!((s.offset_m - haversine_m([120.0, 28.0], [120.0025, 28.0])).abs() < 0.05, "{s:?}");
    assert!(net.snap(p, 10.0).is_none(), "beyond max_snap_m");
    // Both legs count: from one side-point to another.
    let q = [120.0075, 27.9998];
    let d = walking_distance_m(&net, p, q, 100.0).unwrap().unwrap();
    let expect = haversine_m(p, [120.0025, 28.0])
        + haversine_m([120.0025, 28.0], [120.0075, 28.0])
        + haversine_m([120.0075, 28.0], q);
    assert!((d - expect).abs() < 0.1, "{d} vs {expect}");
    // Never shorter than the straight line.
    assert!(d >= haversine_m(p, q));
}

#[test]
fn disconnected_pieces_are_components_and_snapping_onto_a_small_one_is_a_finding() {
    let main = vec![
        street(0, 28.0, 120.0, 120.01, 10),
        // A cross street sharing vertex 5 (120.005, 28.0).
        StreetLine {
            node_ids: vec![100, 5, 101],
            coords: vec![[120.005, 27.995], [120.005, 28.0], [120.005, 28.005]],
            name: None,
        },
    ];
    let mut lines = main.clone();
    lines.push(street(1000, 28.02, 120.0, 120.001, 1)); // ~100 m alone, 2 km north
    let net = Network::from_lines(&lines);
    assert_eq!(net.components().len(), 2);
    let big = net.largest_component();
    assert_eq!(net.components()[big as usize].nodes, 5);
    let s = net.snap([120.0005, 28.0201], 50.0).unwrap();
    let f = net.snap_finding("shop 1", &s).expect("a finding");
    assert_eq!((f.component_nodes, f.largest_component_nodes), (2, 5));
    assert!((f.component_length_m - 98.2).abs() < 0.5, "{f:?}");
    let on_main = net.snap([120.003, 28.0001], 50.0).unwrap();
    assert!(net.snap_finding("shop 2", &on_main).is_none());
    // No path between the pieces.
    assert_eq!(walking_distance_m(&net, [120.0005, 28.0201], [120.003, 28.0001], 50.0).unwrap(), None);
}

#[test]
fn snapping_far_outside_the_grid_still_finds_the_nearest_street() {
    let net = Network::from_lines(&[street(0, 28.0, 120.0, 120.01, 10)]);
    let s = net.snap([120.02, 28.0], 5000.0).unwrap();
    assert!((s.offset_m - s.edge_len_m).abs() < 1e-6);
    assert!((s.off_network_m - haversine_m([120.02, 28.0], [120.01, 28.0])).abs() < 0.01);
    assert!(net.snap([f64::NAN, 28.0], 5000.0).is_none());
    assert!(net.snap([500.0, 28.0], f64::INFINITY).is_none(), "not a coordinate");
    // Thousands of kilometres away, with no limit: still found, by searching only the grid.
    let far = net.snap([100.0, 20.0], f64::INFINITY).unwrap();
    assert!(far.off_network_m > 2_000_000.0);
    assert!(net.snap([100.0, 20.0], 1000.0).is_none());
}

/// The peak of this process's virtual memory, in kB (Linux).
#[cfg(target_os = "linux")]
fn vm_peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmPeak:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// One stray vertex thousands of kilometres away (a typo, a point at 0, 0) once made the
/// snapping grid cover the whole box in cells of at most 1 km, and list the long segment in
/// each of them: a two-point GeoJSON street reserved over a gigabyte and took seconds.
#[test]
#[cfg(target_os = "linux")]
fn a_stray_vertex_far_away_keeps_the_network_small() {
    let stray = StreetLine { node_ids: vec![100, 101], coords: vec![[120.0, 28.0], [0.0, 0.0]], name: None };
    let lines = [street(1, 28.0, 120.0, 120.01, 10), stray];
    let before = vm_peak_kb();
    let net = Network::from_lines(&lines);
    let grown_mb = vm_peak_kb().saturating_sub(before) / 1024;
    assert!(grown_mb < 256, "building the network reserved {grown_mb} MB");
    // Snapping still finds the nearest street, near the town and near the stray vertex.
    let s = net.snap([120.005, 28.0005], 100.0).expect("snaps onto the street");
    assert!((s.off_network_m - haversine_m([120.005, 28.0005], [120.005, 28.0])).abs() < 1.0, "{s:?}");
    assert!(net.snap([0.0005, 0.0], 100.0).is_some(), "snaps onto the stray segment");
    assert!(net.snap([60.0, 60.0], 100.0).is_none());
}
