//! Benchmarks of the access module on the central Helsinki OSM PBF fixture (ODbL, see
//! tests/data/osm/README.md). Run with `cargo bench -p lifecircle-core --bench access`;
//! results are recorded in docs/benchmarks.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lifecircle_core::access::WalkParams;
use lifecircle_core::access::graph::Network;
use lifecircle_core::access::import::parse_osm_pbf;
use lifecircle_core::access::isochrone::isochrone;
use lifecircle_core::access::query::{FacilitySet, nearest_by_category, node_distances_by_category};

/// Thirteen categories, standing in for a standard's list.
const RULES: [(&str, &str); 13] = [
    ("bakery", "shop=bakery"),
    ("bank", "amenity=bank"),
    ("cafe", "amenity=cafe"),
    ("clothes", "shop=clothes"),
    ("convenience", "shop=convenience"),
    ("dentist", "amenity=dentist"),
    ("fast_food", "amenity=fast_food"),
    ("hairdresser", "shop=hairdresser"),
    ("library", "amenity=library"),
    ("pharmacy", "amenity=pharmacy"),
    ("post_office", "amenity=post_office"),
    ("restaurant", "amenity=restaurant"),
    ("supermarket", "shop=supermarket"),
];

const PARAMS: WalkParams = WalkParams { speed_m_per_min: 80.0, detour_factor: 1.3 };

// The extract and its category mapping, as the walking-reach tests read them.
#[path = "../tests/helsinki/mod.rs"]
mod helsinki;

fn benches(c: &mut Criterion) {
    let bytes = helsinki::bytes();
    c.bench_function("build: helsinki centre pbf -> walking network", |b| {
        b.iter(|| {
            let data = parse_osm_pbf(black_box(&bytes)).expect("valid pbf");
            let streets = data.streets().expect("streets");
            Network::from_lines(&streets.lines)
        })
    });

    let data = parse_osm_pbf(&bytes).expect("valid pbf");
    let net = Network::from_lines(&data.streets().expect("streets").lines);
    let mapping = helsinki::mapping(&RULES);
    let facilities = data.facilities(&mapping).facilities;
    let set = FacilitySet::new(&net, &facilities, &mapping.categories(), 200.0);
    // An origin near the middle of the extract (Helsinki central railway station area).
    let origin = [24.9440, 60.1710];

    c.bench_function("single origin: nearest of 13 categories (cutoff 15 min)", |b| {
        b.iter(|| {
            nearest_by_category(&net, &set, black_box(origin), &PARAMS, PARAMS.metres_in(15.0), 200.0).expect("query")
        })
    });

    c.bench_function("all nodes x 13 categories: multi-source nearest", |b| {
        b.iter(|| node_distances_by_category(&net, black_box(&set), f64::INFINITY).expect("same network"))
    });

    c.bench_function("isochrone: 15 min, 30 m cells", |b| {
        b.iter(|| isochrone(&net, black_box(origin), 15.0, &PARAMS, 30.0, 200.0).expect("isochrone"))
    });
}

criterion_group!(access, benches);
criterion_main!(access);
