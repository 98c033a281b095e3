//! Walking-distance queries: point to point, nearest facility per category from one origin or
//! many, counts within N minutes, and the streets reached in 5/10/15-minute tiers.
//!
//! Every distance is the network shortest path plus the off-network legs from the original
//! points to their snapped positions. Walking speed comes in as [`WalkParams`]; minutes are
//! metres divided by that speed. Without a network, [`nearest_by_category_straight_line`] is
//! the declared fallback: straight-line distance times the detour factor.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::graph::{Network, Placement, Snap, SnapFinding};
use super::import::{Facility, Origin};
use super::{AccessError, DistanceMethod, LonLat, WalkParams, straight_line_walk_m};

/// Distances below this are treated as equal when comparing. # Units: metres.
const EPS_M: f64 = 1e-9;

/// A point fixed on an edge: offset from the edge's first node and the off-network leg.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Anchor {
    pub(crate) edge: u32,
    pub(crate) offset: f64,
    pub(crate) off: f64,
    pub(crate) u: u32,
    pub(crate) v: u32,
    pub(crate) len: f64,
}

impl Anchor {
    pub(crate) fn new(net: &Network, s: &Snap) -> Anchor {
        let (u, v, len) = net.edge_ends(s.edge).unwrap_or((0, 0, 0.0));
        Anchor { edge: s.edge, offset: s.offset_m, off: s.off_network_m, u, v, len }
    }

    /// Dijkstra seeds: the two end nodes with their distances from the original point.
    pub(crate) fn seeds(&self) -> [(u32, f64); 2] {
        [(self.u, self.off + self.offset), (self.v, self.off + (self.len - self.offset))]
    }

    /// Distance from a source to this anchor, given the source's node distances (`INFINITY`
    /// where unreached); the same-edge shortcut is not included.
    #[inline]
    pub(crate) fn via_nodes(&self, dist: &[f64]) -> f64 {
        let a = dist[self.u as usize] + self.offset;
        let b = dist[self.v as usize] + (self.len - self.offset);
        a.min(b) + self.off
    }

    /// Direct distance along a shared edge, if both anchors are on the same edge.
    #[inline]
    pub(crate) fn direct(&self, other: &Anchor) -> Option<f64> {
        (self.edge == other.edge).then(|| (self.offset - other.offset).abs() + self.off + other.off)
    }
}

/// A point joined to the network ([`Placement`]): at its nearest street and, when that street
/// is on a piece cut off from the main network, also at the main network's nearest street.
/// Every distance to or from it is the shortest over its joins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placed {
    pub(crate) near: Anchor,
    pub(crate) main: Option<Anchor>,
}

impl Placed {
    pub(crate) fn new(net: &Network, p: &Placement) -> Placed {
        Placed { near: Anchor::new(net, &p.nearest), main: p.main.as_ref().map(|s| Anchor::new(net, s)) }
    }

    /// The joins: the nearest street's, then the main network's.
    pub(crate) fn anchors(&self) -> impl Iterator<Item = &Anchor> {
        std::iter::once(&self.near).chain(self.main.as_ref())
    }

    /// Dijkstra seeds of every join.
    pub(crate) fn seeds(&self) -> Vec<(u32, f64)> {
        self.anchors().flat_map(|a| a.seeds()).collect()
    }

    /// Distance from a source given its node distances: the shortest over the joins.
    #[inline]
    pub(crate) fn via_nodes(&self, dist: &[f64]) -> f64 {
        self.anchors().map(|a| a.via_nodes(dist)).fold(f64::INFINITY, f64::min)
    }

    /// Direct distance along a shared edge, the shortest over the pairs of joins that share one.
    #[inline]
    pub(crate) fn direct(&self, other: &Placed) -> Option<f64> {
        self.anchors().flat_map(|a| other.anchors().filter_map(move |b| a.direct(b))).reduce(f64::min)
    }

    /// The join on edge `e`, if any.
    pub(crate) fn on_edge(&self, e: u32) -> Option<&Anchor> {
        self.anchors().find(|a| a.edge == e)
    }
}

/// Reusable Dijkstra state. Heap keys are the bit patterns of non-negative `f64`s, which sort
/// like the numbers.
pub(crate) struct Dijkstra {
    pub(crate) dist: Vec<f64>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(u64, u32)>>,
}

impl Dijkstra {
    pub(crate) fn new(n: usize) -> Dijkstra {
        Dijkstra { dist: vec![f64::INFINITY; n], touched: Vec::new(), heap: BinaryHeap::new() }
    }

    fn reset(&mut self) {
        for &t in &self.touched {
            self.dist[t as usize] = f64::INFINITY;
        }
        self.touched.clear();
        self.heap.clear();
    }

    /// Records `d` for node `n` and queues it, when that improves it.
    fn improve(&mut self, n: u32, d: f64) {
        if d < self.dist[n as usize] {
            if self.dist[n as usize].is_infinite() {
                self.touched.push(n);
            }
            self.dist[n as usize] = d;
            self.heap.push(Reverse((d.to_bits(), n)));
        }
    }

    /// Nodes reached by the last run.
    pub(crate) fn touched(&self) -> &[u32] {
        &self.touched
    }

    /// Runs from `seeds`, keeping only nodes it can bring strictly below `bound` (the
    /// incremental update after adding a source: a node not improved cannot improve anything
    /// behind it). Unimproved nodes stay `INFINITY` in `dist`.
    pub(crate) fn run_below(&mut self, net: &Network, seeds: &[(u32, f64)], bound: &[f64]) {
        self.reset();
        for &(n, d) in seeds {
            if d < bound[n as usize] {
                self.improve(n, d);
            }
        }
        while let Some(Reverse((bits, x))) = self.heap.pop() {
            let d = f64::from_bits(bits);
            if d > self.dist[x as usize] {
                continue;
            }
            for (_, t, w) in net.neighbours(x) {
                let nd = d + w;
                if nd < bound[t as usize] {
                    self.improve(t, nd);
                }
            }
        }
    }

    /// Runs from `seeds` up to `cutoff_m`. `visit(node, d)` is called when a node is settled;
    /// returning `false` stops the search.
    pub(crate) fn run(
        &mut self,
        net: &Network,
        seeds: &[(u32, f64)],
        cutoff_m: f64,
        mut visit: impl FnMut(u32, f64) -> bool,
    ) {
        self.reset();
        for &(n, d) in seeds {
            if d <= cutoff_m {
                self.improve(n, d);
            }
        }
        while let Some(Reverse((bits, x))) = self.heap.pop() {
            let d = f64::from_bits(bits);
            if d > self.dist[x as usize] {
                continue;
            }
            #[cfg(test)]
            settled::count();
            if !visit(x, d) {
                break;
            }
            for (_, t, w) in net.neighbours(x) {
                let nd = d + w;
                if nd <= cutoff_m {
                    self.improve(t, nd);
                }
            }
        }
    }
}

/// A test-only count of the nodes [`Dijkstra::run`] settles on this thread, so a test can
/// show how much of a network a query searched.
#[cfg(test)]
pub(crate) mod settled {
    use std::cell::Cell;

    thread_local! {
        static SETTLED: Cell<usize> = const { Cell::new(0) };
    }

    pub(crate) fn count() {
        SETTLED.with(|s| s.set(s.get() + 1));
    }

    /// Nodes settled on this thread since the last call (and resets the count).
    pub(crate) fn take() -> usize {
        SETTLED.with(|s| s.replace(0))
    }
}

/// The nodes a set of placed points reads its distances from: both end nodes of each of their
/// joins ([`Placed::via_nodes`]).
pub(crate) struct Targets {
    mark: Vec<bool>,
    nodes: Vec<u32>,
}

impl Targets {
    pub(crate) fn new<'a>(n: usize, points: impl IntoIterator<Item = &'a Placed>) -> Targets {
        let mut mark = vec![false; n];
        let mut nodes = Vec::new();
        for p in points {
            for a in p.anchors() {
                for x in [a.u, a.v] {
                    if let Some(m) = mark.get_mut(x as usize)
                        && !*m
                    {
                        *m = true;
                        nodes.push(x);
                    }
                }
            }
        }
        Targets { mark, nodes }
    }
}

/// Origins placed on the network (with their joins), those with no street within
/// `max_snap_m`, and the findings for those whose nearest street is on a cut-off piece.
#[allow(clippy::type_complexity)]
pub(crate) fn place_origins<'o>(
    net: &Network,
    origins: &'o [Origin],
    max_snap_m: f64,
) -> Result<(Vec<(Origin, Placed)>, Vec<&'o Origin>, Vec<SnapFinding>), AccessError> {
    let mut placed = Vec::new();
    let mut unsnapped = Vec::new();
    let mut findings = Vec::new();
    for o in origins {
        check_point("origin", o.point)?;
        match net.place(o.point, max_snap_m) {
            Some(p) => {
                findings.extend(net.placement_finding(&o.id, &p));
                placed.push((o.clone(), Placed::new(net, &p)));
            }
            None => unsnapped.push(o),
        }
    }
    Ok((placed, unsnapped, findings))
}

pub(crate) fn check_point(what: &'static str, p: LonLat) -> Result<(), AccessError> {
    if p[0].is_finite() && p[1].is_finite() && (-180.0..=180.0).contains(&p[0]) && (-90.0..=90.0).contains(&p[1]) {
        Ok(())
    } else {
        Err(AccessError::InvalidPoint { what, lon: p[0], lat: p[1] })
    }
}

pub(crate) fn check_positive(name: &'static str, value: f64) -> Result<(), AccessError> {
    if value.is_finite() && value > 0.0 { Ok(()) } else { Err(AccessError::InvalidParameter { name, value }) }
}

pub(crate) fn snap_required(
    net: &Network,
    what: &'static str,
    p: LonLat,
    max_snap_m: f64,
) -> Result<Placement, AccessError> {
    check_point(what, p)?;
    if max_snap_m.is_nan() || max_snap_m < 0.0 {
        return Err(AccessError::InvalidParameter { name: "max_snap_m", value: max_snap_m });
    }
    if net.edge_count() == 0 {
        return Err(AccessError::EmptyNetwork);
    }
    net.place(p, max_snap_m).ok_or(AccessError::NoStreetNearby { what, max_snap_m })
}

/// Shortest walk between two single joins (`INFINITY` when they do not connect).
fn anchor_to_anchor(net: &Network, a: &Anchor, b: &Anchor, dj: &mut Dijkstra) -> f64 {
    let mut best = a.direct(b).unwrap_or(f64::INFINITY);
    let targets = b.seeds();
    dj.run(net, &a.seeds(), f64::INFINITY, |x, d| {
        if d >= best {
            return false;
        }
        for &(t, extra) in &targets {
            if t == x {
                best = best.min(d + extra);
            }
        }
        true
    });
    best
}

/// A walk between two points ([`walking_distance`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairWalk {
    /// # Units: metres. `None` when the points lie on pieces of network that do not connect.
    pub metres: Option<f64>,
    /// The points (`from`, `to`) whose nearest street is on a piece cut off from the main
    /// network.
    pub findings: Vec<SnapFinding>,
    /// The walk went from the main network's street of a point whose nearest street is on a
    /// cut-off piece (shorter, or the only way, than along the nearest streets).
    pub via_main: bool,
}

/// Network walking distance between two points, by the rule of [`Placement`]: along their
/// nearest streets when those are on the same piece of network, else (or when shorter) from
/// the main network's streets for a point whose nearest street is on a cut-off piece. Every
/// point whose nearest street is on a cut-off piece is named in the findings.
///
/// # Units
/// `max_snap_m` in metres.
pub fn walking_distance(net: &Network, a: LonLat, b: LonLat, max_snap_m: f64) -> Result<PairWalk, AccessError> {
    let placement_a = snap_required(net, "from", a, max_snap_m)?;
    let placement_b = snap_required(net, "to", b, max_snap_m)?;
    let (pa, pb) = (Placed::new(net, &placement_a), Placed::new(net, &placement_b));
    let mut dj = Dijkstra::new(net.node_count());
    let comp = |x: &Anchor| net.component_of(x.u);
    // Along the nearest streets, when they are on one piece.
    let along = if comp(&pa.near) == comp(&pb.near) {
        anchor_to_anchor(net, &pa.near, &pb.near, &mut dj)
    } else {
        f64::INFINITY
    };
    // From the main network's streets, for a point on a cut-off piece.
    let (ma, mb) = (pa.main.unwrap_or(pa.near), pb.main.unwrap_or(pb.near));
    let via_main = if (pa.main.is_some() || pb.main.is_some()) && comp(&ma) == comp(&mb) {
        anchor_to_anchor(net, &ma, &mb, &mut dj)
    } else {
        f64::INFINITY
    };
    let best = along.min(via_main);
    let findings = [("from", placement_a), ("to", placement_b)]
        .iter()
        .filter_map(|(what, p)| net.placement_finding(what, p))
        .collect();
    Ok(PairWalk { metres: best.is_finite().then_some(best), findings, via_main: via_main < along })
}

/// Network walking distance between two points ([`walking_distance`] without the findings),
/// or `None` when they lie on pieces of network that do not connect.
///
/// # Units
/// `max_snap_m` and the result in metres.
pub fn walking_distance_m(net: &Network, a: LonLat, b: LonLat, max_snap_m: f64) -> Result<Option<f64>, AccessError> {
    walking_distance(net, a, b, max_snap_m).map(|w| w.metres)
}

/// A facility placed on the network.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedFacility {
    pub(crate) id: String,
    pub(crate) name: Option<String>,
    /// Where it joins the network.
    pub(crate) anchor: Placed,
    pub(crate) categories: Vec<u32>,
}

/// Facilities snapped to a network once, grouped by category and by edge.
#[derive(Debug, Clone)]
pub struct FacilitySet {
    pub(crate) categories: Vec<String>,
    pub(crate) items: Vec<PlacedFacility>,
    pub(crate) by_category: Vec<Vec<u32>>,
    pub(crate) by_edge: HashMap<u32, Vec<u32>>,
    /// Facilities whose nearest street is on a piece cut off from the main network.
    pub findings: Vec<SnapFinding>,
    /// Ids of facilities with no street within the snapping distance (not placed).
    pub unsnapped: Vec<String>,
    /// Node and edge count of the network the set was placed on.
    shape: (usize, usize),
}

impl FacilitySet {
    /// Snaps facilities to the network. `categories` is the full list of category codes (from
    /// the mapping), so a category without any facility is still reported; codes a facility
    /// carries that are not in the list are added.
    ///
    /// # Units
    /// `max_snap_m` in metres.
    pub fn new(net: &Network, facilities: &[Facility], categories: &[String], max_snap_m: f64) -> FacilitySet {
        let mut cats: Vec<String> = categories.to_vec();
        for f in facilities {
            cats.extend(f.categories.iter().cloned());
        }
        cats.sort();
        cats.dedup();
        let mut set = FacilitySet {
            by_category: vec![Vec::new(); cats.len()],
            categories: cats,
            items: Vec::new(),
            by_edge: HashMap::new(),
            findings: Vec::new(),
            unsnapped: Vec::new(),
            shape: (net.node_count(), net.edge_count()),
        };
        for f in facilities {
            let Some(s) = net.place(f.point, max_snap_m) else {
                set.unsnapped.push(f.id.clone());
                continue;
            };
            if let Some(finding) = net.placement_finding(&f.id, &s) {
                set.findings.push(finding);
            }
            let cats: Vec<u32> =
                f.categories.iter().filter_map(|c| set.categories.binary_search(c).ok().map(|i| i as u32)).collect();
            set.push(PlacedFacility {
                id: f.id.clone(),
                name: f.name.clone(),
                anchor: Placed::new(net, &s),
                categories: cats,
            });
        }
        set
    }

    pub(crate) fn push(&mut self, p: PlacedFacility) {
        let idx = self.items.len() as u32;
        for &c in &p.categories {
            self.by_category[c as usize].push(idx);
        }
        for a in p.anchor.anchors() {
            self.by_edge.entry(a.edge).or_default().push(idx);
        }
        self.items.push(p);
    }

    /// Checks that the set was placed on `net` (same node and edge count).
    pub fn check_network(&self, net: &Network) -> Result<(), AccessError> {
        if self.shape == (net.node_count(), net.edge_count()) {
            Ok(())
        } else {
            Err(AccessError::NetworkMismatch { set_nodes: self.shape.0, set_edges: self.shape.1 })
        }
    }

    /// The category codes, sorted.
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// Number of placed facilities.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no facility was placed.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub(crate) fn category_index(&self, code: &str) -> Result<usize, AccessError> {
        self.categories
            .binary_search_by(|c| c.as_str().cmp(code))
            .map_err(|_| AccessError::UnknownCategory { category: code.to_string() })
    }

    /// Multi-source Dijkstra from every facility of category `c`: distance from each node to
    /// the nearest facility (`INFINITY` beyond `cutoff_m`).
    pub(crate) fn node_distances(&self, net: &Network, c: usize, cutoff_m: f64, dj: &mut Dijkstra) -> Vec<f64> {
        let seeds: Vec<(u32, f64)> =
            self.by_category[c].iter().flat_map(|&i| self.items[i as usize].anchor.seeds()).collect();
        dj.run(net, &seeds, cutoff_m, |_, _| true);
        dj.dist.clone()
    }

    /// The search of [`FacilitySet::node_distances`] in `dj`, stopped as soon as every node of
    /// `targets` is settled (or the cutoff is passed). The targets' distances in `dj.dist` are
    /// then final, the same as a full search gives (a settled node is never improved: the
    /// nodes settled later are no closer and no edge is shorter than zero); other nodes' may
    /// not be. A target on a piece of network no facility of the category is on is never
    /// reached, so it is not waited for. A category without any facility is not searched:
    /// every distance is `INFINITY`. So a query on a few points costs the part of the network
    /// between them and the nearest facilities, not the whole network.
    pub(crate) fn run_to_targets(&self, net: &Network, c: usize, cutoff_m: f64, targets: &Targets, dj: &mut Dijkstra) {
        let seeds: Vec<(u32, f64)> =
            self.by_category[c].iter().flat_map(|&i| self.items[i as usize].anchor.seeds()).collect();
        let mut pieces: Vec<Option<u32>> = seeds.iter().map(|&(n, _)| net.component_of(n)).collect();
        pieces.sort();
        pieces.dedup();
        let mut left = targets.nodes.iter().filter(|&&n| pieces.binary_search(&net.component_of(n)).is_ok()).count();
        if left == 0 {
            dj.run(net, &[], cutoff_m, |_, _| false);
            return;
        }
        dj.run(net, &seeds, cutoff_m, |x, _| {
            if targets.mark[x as usize] {
                left -= 1;
            }
            left > 0
        });
    }

    /// Nearest distance from an anchor to category `c`, given that category's node distances.
    pub(crate) fn anchor_distance(&self, a: &Placed, c: usize, dist: &[f64]) -> f64 {
        let mut best = a.via_nodes(dist);
        for e in a.anchors().map(|x| x.edge) {
            for &i in self.by_edge.get(&e).map_or(&[][..], Vec::as_slice) {
                let f = &self.items[i as usize];
                if f.categories.contains(&(c as u32))
                    && let Some(d) = a.direct(&f.anchor)
                {
                    best = best.min(d);
                }
            }
        }
        best
    }
}

/// The nearest facility of one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nearest {
    pub facility_id: String,
    pub name: Option<String>,
    /// # Units: metres.
    pub distance_m: f64,
    /// # Units: minutes.
    pub minutes: f64,
}

/// Nearest facility of every category from one origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearestByCategory {
    pub method: DistanceMethod,
    /// The origin's nearest street (`None` for the straight-line fallback).
    pub origin_snap: Option<Snap>,
    /// The main network's street the origin was also joined to, when its nearest street is on
    /// a piece cut off from the main network ([`Placement`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_main_snap: Option<Snap>,
    /// `None` where no facility of the category is within the cutoff.
    pub by_category: BTreeMap<String, Option<Nearest>>,
    pub findings: Vec<SnapFinding>,
}

/// From one origin, the nearest facility of every category: one Dijkstra that stops when every
/// category with facilities has been settled or the cutoff is passed.
///
/// # Units
/// `cutoff_m` and `max_snap_m` in metres.
pub fn nearest_by_category(
    net: &Network,
    set: &FacilitySet,
    origin: LonLat,
    params: &WalkParams,
    cutoff_m: f64,
    max_snap_m: f64,
) -> Result<NearestByCategory, AccessError> {
    params.validate()?;
    set.check_network(net)?;
    let snap = snap_required(net, "origin", origin, max_snap_m)?;
    let o = Placed::new(net, &snap);
    let nc = set.categories.len();
    let mut best: Vec<(f64, u32)> = vec![(f64::INFINITY, u32::MAX); nc];
    let consider = |best: &mut Vec<(f64, u32)>, i: u32, d: f64| {
        for &c in &set.items[i as usize].categories {
            let b = &mut best[c as usize];
            if d < b.0 - EPS_M || ((d - b.0).abs() <= EPS_M && i < b.1) {
                *b = (d, i);
            }
        }
    };
    for e in o.anchors().map(|a| a.edge) {
        for &i in set.by_edge.get(&e).map_or(&[][..], Vec::as_slice) {
            if let Some(d) = o.direct(&set.items[i as usize].anchor) {
                consider(&mut best, i, d);
            }
        }
    }
    let wanted: Vec<usize> = (0..nc).filter(|&c| !set.by_category[c].is_empty()).collect();
    let mut dj = Dijkstra::new(net.node_count());
    dj.run(net, &o.seeds(), cutoff_m, |x, d| {
        let worst = wanted.iter().map(|&c| best[c].0).fold(0.0, f64::max);
        if d >= worst {
            return false;
        }
        for (e, _, len) in net.neighbours(x) {
            let Some(list) = set.by_edge.get(&e) else {
                continue;
            };
            for &i in list {
                let Some(a) = set.items[i as usize].anchor.on_edge(e) else { continue };
                let along = if a.u == x { a.offset } else { len - a.offset };
                let along = if a.u == x && a.v == x { a.offset.min(len - a.offset) } else { along };
                consider(&mut best, i, d + along + a.off);
            }
        }
        true
    });
    let by_category = set
        .categories
        .iter()
        .enumerate()
        .map(|(c, code)| {
            let (d, i) = best[c];
            let n = (d.is_finite() && d <= cutoff_m).then(|| {
                let f = &set.items[i as usize];
                Nearest {
                    facility_id: f.id.clone(),
                    name: f.name.clone(),
                    distance_m: d,
                    minutes: params.minutes_for(d),
                }
            });
            (code.clone(), n)
        })
        .collect();
    Ok(NearestByCategory {
        method: DistanceMethod::Network,
        findings: net.placement_finding("origin", &snap).into_iter().collect(),
        origin_snap: Some(snap.nearest),
        origin_main_snap: snap.main,
        by_category,
    })
}

/// The declared fallback without a network: nearest facility per category by straight-line
/// distance times the detour factor.
pub fn nearest_by_category_straight_line(
    facilities: &[Facility],
    categories: &[String],
    origin: LonLat,
    params: &WalkParams,
    cutoff_m: f64,
) -> Result<NearestByCategory, AccessError> {
    params.validate()?;
    check_point("origin", origin)?;
    let mut by_category: BTreeMap<String, Option<Nearest>> = categories.iter().map(|c| (c.clone(), None)).collect();
    for f in facilities {
        let d = straight_line_walk_m(origin, f.point, params);
        if d.is_nan() || d > cutoff_m {
            continue;
        }
        for c in &f.categories {
            let slot = by_category.entry(c.clone()).or_insert(None);
            if slot.as_ref().is_none_or(|n| d < n.distance_m) {
                *slot = Some(Nearest {
                    facility_id: f.id.clone(),
                    name: f.name.clone(),
                    distance_m: d,
                    minutes: params.minutes_for(d),
                });
            }
        }
    }
    Ok(NearestByCategory {
        method: DistanceMethod::StraightLineDetour,
        origin_snap: None,
        origin_main_snap: None,
        by_category,
        findings: Vec::new(),
    })
}

/// Per-category nearest distance for many origins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginDistances {
    pub origin_id: String,
    /// Metres to the nearest facility of each category, `None` beyond the cutoff.
    pub by_category: BTreeMap<String, Option<f64>>,
}

/// Result of [`distances_for_origins`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManyOrigins {
    pub origins: Vec<OriginDistances>,
    /// Origins with no street within the snapping distance.
    pub unsnapped: Vec<String>,
    pub findings: Vec<SnapFinding>,
}

/// Node distances to the nearest facility of every category: one multi-source Dijkstra per
/// category (not one search per origin). `INFINITY` beyond `cutoff_m`.
///
/// # Units
/// Metres.
pub fn node_distances_by_category(
    net: &Network,
    set: &FacilitySet,
    cutoff_m: f64,
) -> Result<Vec<Vec<f64>>, AccessError> {
    set.check_network(net)?;
    let mut dj = Dijkstra::new(net.node_count());
    Ok((0..set.categories.len()).map(|c| set.node_distances(net, c, cutoff_m, &mut dj)).collect())
}

/// For many origins, the distance to the nearest facility of each category, by one
/// multi-source Dijkstra per category, each stopped once every origin's street ends are
/// settled: the same numbers as [`node_distances_by_category`] gives, at the cost of the part
/// of the network between the origins and the facilities.
///
/// # Units
/// `cutoff_m`, `max_snap_m` and results in metres.
pub fn distances_for_origins(
    net: &Network,
    set: &FacilitySet,
    origins: &[Origin],
    cutoff_m: f64,
    max_snap_m: f64,
) -> Result<ManyOrigins, AccessError> {
    if net.edge_count() == 0 {
        return Err(AccessError::EmptyNetwork);
    }
    let (placed, unsnapped, findings) = place_origins(net, origins, max_snap_m)?;
    let anchors: Vec<(String, Placed)> = placed.into_iter().map(|(o, a)| (o.id, a)).collect();
    set.check_network(net)?;
    // Each category's search stops once the origins' end nodes are settled: their distances are
    // then those of a search over the whole network ([`FacilitySet::run_to_targets`]).
    let targets = Targets::new(net.node_count(), anchors.iter().map(|(_, a)| a));
    let mut dj = Dijkstra::new(net.node_count());
    let by_origin: Vec<Vec<f64>> = (0..set.categories.len())
        .map(|c| {
            set.run_to_targets(net, c, cutoff_m, &targets, &mut dj);
            anchors.iter().map(|(_, a)| set.anchor_distance(a, c, &dj.dist)).collect()
        })
        .collect();
    let out = anchors
        .iter()
        .enumerate()
        .map(|(k, (id, _))| OriginDistances {
            origin_id: id.clone(),
            by_category: set
                .categories
                .iter()
                .enumerate()
                .map(|(c, code)| {
                    let d = by_origin[c][k];
                    (code.clone(), (d <= cutoff_m).then_some(d))
                })
                .collect(),
        })
        .collect();
    Ok(ManyOrigins { origins: out, unsnapped: unsnapped.into_iter().map(|o| o.id.clone()).collect(), findings })
}

/// How many facilities of each category lie within `minutes` of walking from `origin`.
pub fn counts_within(
    net: &Network,
    set: &FacilitySet,
    origin: LonLat,
    minutes: f64,
    params: &WalkParams,
    max_snap_m: f64,
) -> Result<BTreeMap<String, usize>, AccessError> {
    params.validate()?;
    check_positive("minutes", minutes)?;
    set.check_network(net)?;
    let o = Placed::new(net, &snap_required(net, "origin", origin, max_snap_m)?);
    let limit = params.metres_in(minutes);
    let mut dj = Dijkstra::new(net.node_count());
    dj.run(net, &o.seeds(), limit, |_, _| true);
    let mut counts: BTreeMap<String, usize> = set.categories.iter().map(|c| (c.clone(), 0)).collect();
    for f in &set.items {
        let mut d = f.anchor.via_nodes(&dj.dist);
        if let Some(direct) = o.direct(&f.anchor) {
            d = d.min(direct);
        }
        if d <= limit {
            for &c in &f.categories {
                if let Some(n) = counts.get_mut(&set.categories[c as usize]) {
                    *n += 1;
                }
            }
        }
    }
    Ok(counts)
}

/// A reached piece of street.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReachedPiece {
    pub edge: u32,
    /// The tier this piece is first reached in. # Units: minutes.
    pub tier_minutes: f64,
    /// Offsets along the edge from its first node. # Units: metres.
    pub from_m: f64,
    pub to_m: f64,
    /// Walking time at the two ends of the piece. # Units: minutes.
    pub minutes_at_from: f64,
    pub minutes_at_to: f64,
    pub coords: Vec<LonLat>,
}

/// Streets reached from an origin, by tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReachedStreets {
    pub tiers_minutes: Vec<f64>,
    /// The origin's nearest street.
    pub origin_snap: Snap,
    /// The main network's street the origin was also joined to, when its nearest street is on
    /// a piece cut off from the main network ([`Placement`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_main_snap: Option<Snap>,
    pub pieces: Vec<ReachedPiece>,
    /// The walking pace the tiers were measured at. # Units: metres per minute.
    #[serde(default)]
    pub speed_m_per_min: f64,
}

impl ReachedStreets {
    /// A GeoJSON FeatureCollection of LineStrings with `edge`, `tier_minutes`,
    /// `minutes_at_from` and `minutes_at_to` properties, ordered by tier then edge.
    pub fn to_geojson(&self) -> Value {
        let features: Vec<Value> = self
            .pieces
            .iter()
            .map(|p| {
                json!({
                    "type": "Feature",
                    "properties": {
                        "edge": p.edge,
                        "tier_minutes": p.tier_minutes,
                        "minutes_at_from": round2(p.minutes_at_from),
                        "minutes_at_to": round2(p.minutes_at_to),
                        "speed_m_per_min": self.speed_m_per_min,
                    },
                    "geometry": {"type": "LineString", "coordinates": p.coords},
                })
            })
            .collect();
        json!({"type": "FeatureCollection", "features": features})
    }

    /// Total length reached within each tier (cumulative). # Units: metres.
    pub fn length_within_m(&self, tier_minutes: f64) -> f64 {
        self.pieces.iter().filter(|p| p.tier_minutes <= tier_minutes).map(|p| p.to_m - p.from_m).sum()
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Intervals of `[0, len]` within distance `limit`, given the distances at the two ends and an
/// optional origin on the edge (offset, off-network leg). Sorted and merged.
pub(crate) fn reached_intervals(du: f64, dv: f64, len: f64, origin: Option<(f64, f64)>, limit: f64) -> Vec<(f64, f64)> {
    let mut iv: Vec<(f64, f64)> = Vec::new();
    if du <= limit {
        iv.push((0.0, (limit - du).min(len)));
    }
    if dv <= limit {
        iv.push(((len - (limit - dv)).max(0.0), len));
    }
    if let Some((o, off)) = origin
        && off <= limit
    {
        let r = limit - off;
        iv.push(((o - r).max(0.0), (o + r).min(len)));
    }
    iv.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (a, b) in iv {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// `a \ b` for sorted, merged interval lists.
fn subtract(a: &[(f64, f64)], b: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for &(mut s, e) in a {
        for &(bs, be) in b {
            if be <= s || bs >= e {
                continue;
            }
            if bs > s {
                out.push((s, bs));
            }
            s = s.max(be);
        }
        if e > s {
            out.push((s, e));
        }
    }
    out
}

/// Distance at offset `s` along an edge.
fn dist_at(du: f64, dv: f64, len: f64, origin: Option<(f64, f64)>, s: f64) -> f64 {
    let mut d = (du + s).min(dv + len - s);
    if let Some((o, off)) = origin {
        d = d.min(off + (s - o).abs());
    }
    d
}

/// Streets reached from `origin` within each tier (e.g. `[5.0, 10.0, 15.0]` minutes), with
/// partial edges cut at the reach: the guide map draws these.
pub fn reached_streets(
    net: &Network,
    origin: LonLat,
    tiers_minutes: &[f64],
    params: &WalkParams,
    max_snap_m: f64,
) -> Result<ReachedStreets, AccessError> {
    params.validate()?;
    let mut tiers = tiers_minutes.to_vec();
    for &t in &tiers {
        check_positive("tiers_minutes", t)?;
    }
    tiers.sort_by(f64::total_cmp);
    tiers.dedup();
    let snap = snap_required(net, "origin", origin, max_snap_m)?;
    let o = Placed::new(net, &snap);
    let max_limit = params.metres_in(tiers.last().copied().unwrap_or(0.0));
    let mut dj = Dijkstra::new(net.node_count());
    dj.run(net, &o.seeds(), max_limit, |_, _| true);
    let dist = &dj.dist;
    let mut pieces = Vec::new();
    for (k, &tier) in tiers.iter().enumerate() {
        let limit = params.metres_in(tier);
        let prev = if k == 0 { -1.0 } else { params.metres_in(tiers[k - 1]) };
        for e in 0..net.edge_count() as u32 {
            let Some((u, v, len)) = net.edge_ends(e) else {
                continue;
            };
            let (du, dv) = (dist[u as usize], dist[v as usize]);
            let at_origin = o.on_edge(e).map(|a| (a.offset, a.off));
            if du > limit && dv > limit && at_origin.is_none() {
                continue;
            }
            let now = reached_intervals(du, dv, len, at_origin, limit);
            let before = if prev < 0.0 { Vec::new() } else { reached_intervals(du, dv, len, at_origin, prev) };
            for (a, b) in subtract(&now, &before) {
                if b - a <= 1e-6 {
                    continue;
                }
                pieces.push(ReachedPiece {
                    edge: e,
                    tier_minutes: tier,
                    from_m: a,
                    to_m: b,
                    minutes_at_from: params.minutes_for(dist_at(du, dv, len, at_origin, a)),
                    minutes_at_to: params.minutes_for(dist_at(du, dv, len, at_origin, b)),
                    coords: net.edge_slice(e, a, b),
                });
            }
        }
    }
    Ok(ReachedStreets {
        tiers_minutes: tiers,
        origin_snap: snap.nearest,
        origin_main_snap: snap.main,
        pieces,
        speed_m_per_min: params.speed_m_per_min,
    })
}
