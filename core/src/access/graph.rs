//! The walking network: a compact undirected CSR graph with edge geometry and a grid index.
//!
//! Graph nodes are the junctions and dead ends of the street lines: a vertex becomes a node when
//! it ends a line or is shared by two or more lines (or twice by one line). Every other vertex
//! stays inside an edge's geometry, so a 20,000-vertex network becomes a few thousand nodes.
//!
//! Edge lengths are sums of [`geo::Haversine`] segment lengths (sphere of radius 6,371,008.8 m).
//! Against the WGS-84 ellipsoid ([`geo::Geodesic`]) a haversine length errs by at most 0.5 %:
//! `tests/access_graph.rs` measures at most 0.47 % over 18°–54° N and all bearings (worst for
//! north–south segments in the south, since the sphere's radius sits between the ellipsoid's
//! meridional and transverse radii). Geodesic lengths cost several times more per segment for
//! a difference far below the uncertainty of a walking speed, and the independent reference
//! (`tools/reference`) uses the same sphere, so the comparison checks the graph, not the metric.
//!
//! Snapping uses a local equirectangular projection around the network's centre only to find
//! the nearest segment and the foot of the perpendicular; the reported distances (along the
//! edge and off the network) are haversine distances again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::import::StreetLine;
use super::{LonLat, haversine_m};

const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// One undirected edge between two graph nodes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Edge {
    pub(crate) u: u32,
    pub(crate) v: u32,
    /// # Units: metres.
    pub(crate) len: f64,
    /// Geometry is `coords[g0..g1]`, from `u` to `v`.
    pub(crate) g0: u32,
    pub(crate) g1: u32,
}

/// A point placed on the network.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Snap {
    /// Edge index.
    pub edge: u32,
    /// Distance along the edge from its first node to the projected point. # Units: metres.
    pub offset_m: f64,
    /// Length of the edge. # Units: metres.
    pub edge_len_m: f64,
    /// Straight distance from the original point to the projected point (the off-network leg,
    /// counted in every distance). # Units: metres.
    pub off_network_m: f64,
    /// The projected point on the street.
    pub point: LonLat,
    /// Connected component of the edge.
    pub component: u32,
}

/// A point whose nearest street is on a piece of network cut off from the main one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapFinding {
    /// What was snapped (a facility id, "origin", …).
    pub what: String,
    /// The component of its nearest street.
    pub component: u32,
    /// Nodes in that component.
    pub component_nodes: usize,
    /// Total street length of that component. # Units: metres.
    pub component_length_m: f64,
    /// Nodes in the largest component, for comparison.
    pub largest_component_nodes: usize,
    /// Distance from the point to the street of the main network it was joined to for walks
    /// to places off its own piece ([`Placement::main`]); `None` when no street of the main
    /// network lies within the snapping distance (the point is reached only along its piece).
    /// # Units: metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_off_network_m: Option<f64>,
}

/// Where a point meets the network.
///
/// The rule (one for every query, so that results stay deterministic and symmetric): a point
/// is joined to its nearest street within the snapping distance. When that street lies on a
/// piece cut off from the main network (the largest component) and a street of the main
/// network also lies within the snapping distance, the point is joined to that one too. A walk
/// between two points is the shortest over their joins: two points on the same piece keep
/// their walk along it (two vertices of one piece of 黄陂南路 19.2 m apart are 19.2 m apart,
/// not 365 m by the main network), and a point by a piece that is not a real island (the
/// outline of 市民广场 drawn as a closed line, a service road that stops a metre short of the
/// street) still reaches the rest of the network from the main network's street. Every point
/// whose nearest street is on a cut-off piece is reported ([`SnapFinding`]), with the leg to
/// the main network when one was used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The nearest street, whatever piece it is on.
    pub nearest: Snap,
    /// The nearest street of the main network, when `nearest` is on another piece and one lies
    /// within the snapping distance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main: Option<Snap>,
}

impl Placement {
    /// The joins: the nearest street, then the main network's.
    pub fn snaps(&self) -> impl Iterator<Item = &Snap> {
        std::iter::once(&self.nearest).chain(self.main.as_ref())
    }
}

/// Size of one connected component.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ComponentInfo {
    pub nodes: usize,
    pub edges: usize,
    /// # Units: metres.
    pub length_m: f64,
}

/// Summary numbers of a network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkStats {
    pub nodes: usize,
    pub edges: usize,
    /// # Units: metres.
    pub total_length_m: f64,
    pub components: usize,
    pub largest_component_nodes: usize,
    /// Street pieces drawn twice (the same vertices, in the same or the opposite order, as
    /// OSMnx writes both directions of a two-way street) and counted once.
    #[serde(default)]
    pub duplicate_edges_merged: usize,
}

#[derive(Debug, Clone, Copy)]
struct LocalProjection {
    lon0: f64,
    lat0: f64,
    kx: f64,
    ky: f64,
}

impl LocalProjection {
    fn new(lon0: f64, lat0: f64) -> Self {
        let ky = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        LocalProjection { lon0, lat0, kx: ky * lat0.to_radians().cos(), ky }
    }
    fn xy(&self, p: LonLat) -> (f64, f64) {
        ((p[0] - self.lon0) * self.kx, (p[1] - self.lat0) * self.ky)
    }
}

/// A uniform grid over the projected bounding box; each cell lists the segments crossing its
/// box. Segments are identified by the index of their first vertex in `coords`.
#[derive(Debug, Clone)]
struct SegmentGrid {
    x0: f64,
    y0: f64,
    cell: f64,
    nx: i64,
    ny: i64,
    offsets: Vec<u32>,
    segs: Vec<u32>,
}

/// The walking network.
#[derive(Debug, Clone)]
pub struct Network {
    nodes: Vec<LonLat>,
    adj_offsets: Vec<u32>,
    adj_edges: Vec<u32>,
    adj_targets: Vec<u32>,
    pub(crate) edges: Vec<Edge>,
    coords: Vec<LonLat>,
    /// Cumulative length along the edge at each vertex. # Units: metres.
    cum_m: Vec<f64>,
    /// Edge of the segment that starts at each vertex (the last vertex of an edge is unused).
    coord_edge: Vec<u32>,
    component: Vec<u32>,
    components: Vec<ComponentInfo>,
    largest: u32,
    /// Edges left out as duplicates of another ([`NetworkStats::duplicate_edges_merged`]).
    duplicates: usize,
    proj: LocalProjection,
    grid: SegmentGrid,
}

/// A line's vertex ids in a direction-free form: the smaller of the sequence and its reverse.
fn undirected_key(ids: &[i64]) -> Vec<i64> {
    let reversed: Vec<i64> = ids.iter().rev().copied().collect();
    if reversed.as_slice() < ids { reversed } else { ids.to_vec() }
}

impl Network {
    /// Builds the network from street lines. Lines are split where they share a vertex
    /// (same `node_ids` value), so the graph connects at junctions. Consecutive repeats of a
    /// vertex are dropped; lines left with fewer than two vertices are skipped (the importers
    /// already reject them).
    ///
    /// A street drawn twice is counted once: a line with the same vertices as an earlier one,
    /// in the same or the opposite order (OSMnx writes each direction of a two-way street as a
    /// way of its own: 81.9 km of Shanghai's drive network is 71.0 km of street), and likewise
    /// a piece between two junctions that another line already holds. Walking is undirected, so
    /// the second copy changes no distance; it only doubled the length reached and the street
    /// counted; a line that turns back on itself (OSMnx writes a two-way street as one way
    /// A→B→A) is cut where it turns, and its way back merged. Lines that share only their ends
    /// but differ in between (the two sides of a divided road) are both kept.
    pub fn from_lines(lines: &[StreetLine]) -> Network {
        // 1. Which vertices are nodes: line ends, and vertices used more than once.
        let mut uses: HashMap<i64, u32> = HashMap::new();
        let mut ends: HashMap<i64, ()> = HashMap::new();
        let mut cleaned: Vec<(Vec<i64>, Vec<LonLat>)> = Vec::with_capacity(lines.len());
        let mut seen_lines: std::collections::HashSet<Vec<i64>> = std::collections::HashSet::new();
        let mut duplicates = 0usize;
        for line in lines {
            let mut ids = Vec::with_capacity(line.node_ids.len());
            let mut pts = Vec::with_capacity(line.coords.len());
            for (&id, &p) in line.node_ids.iter().zip(&line.coords) {
                if ids.last() == Some(&id) {
                    continue;
                }
                ids.push(id);
                pts.push(p);
            }
            if ids.len() < 2 {
                continue;
            }
            if !seen_lines.insert(undirected_key(&ids)) {
                duplicates += 1;
                continue;
            }
            for &id in &ids {
                *uses.entry(id).or_insert(0) += 1;
            }
            ends.insert(ids[0], ());
            ends.insert(ids[ids.len() - 1], ());
            // A line that turns back on itself (OSMnx writes a two-way street as A→B→A): the
            // turning vertex is a node, so the way back is a duplicate piece, merged below.
            for w in ids.windows(3) {
                if w[0] == w[2] {
                    ends.insert(w[1], ());
                }
            }
            cleaned.push((ids, pts));
        }
        let is_node = |id: i64| ends.contains_key(&id) || uses.get(&id).is_some_and(|&n| n > 1);

        // 2. Walk each line, cutting at nodes.
        let mut node_index: HashMap<i64, u32> = HashMap::new();
        let mut nodes: Vec<LonLat> = Vec::new();
        let mut edges: Vec<Edge> = Vec::new();
        let mut coords: Vec<LonLat> = Vec::new();
        let mut cum_m: Vec<f64> = Vec::new();
        let mut coord_edge: Vec<u32> = Vec::new();
        let mut seen_edges: std::collections::HashSet<Vec<i64>> = std::collections::HashSet::new();
        let mut intern = |id: i64, p: LonLat, nodes: &mut Vec<LonLat>| -> u32 {
            *node_index.entry(id).or_insert_with(|| {
                nodes.push(p);
                (nodes.len() - 1) as u32
            })
        };
        for (ids, pts) in &cleaned {
            let mut start = 0usize;
            for i in 1..ids.len() {
                if !is_node(ids[i]) {
                    continue;
                }
                if !seen_edges.insert(undirected_key(&ids[start..=i])) {
                    duplicates += 1;
                    start = i;
                    continue;
                }
                let u = intern(ids[start], pts[start], &mut nodes);
                let v = intern(ids[i], pts[i], &mut nodes);
                let g0 = coords.len() as u32;
                let edge_id = edges.len() as u32;
                let mut acc = 0.0;
                for k in start..=i {
                    if k > start {
                        acc += haversine_m(pts[k - 1], pts[k]);
                    }
                    coords.push(pts[k]);
                    cum_m.push(acc);
                    coord_edge.push(edge_id);
                }
                edges.push(Edge { u, v, len: acc, g0, g1: coords.len() as u32 });
                start = i;
            }
        }

        // 3. CSR adjacency (a loop edge is listed once).
        let n = nodes.len();
        let mut degree = vec![0u32; n + 1];
        for e in &edges {
            degree[e.u as usize] += 1;
            if e.u != e.v {
                degree[e.v as usize] += 1;
            }
        }
        let mut adj_offsets = vec![0u32; n + 1];
        for i in 0..n {
            adj_offsets[i + 1] = adj_offsets[i] + degree[i];
        }
        let total = adj_offsets[n] as usize;
        let mut fill = adj_offsets.clone();
        let mut adj_edges = vec![0u32; total];
        let mut adj_targets = vec![0u32; total];
        for (id, e) in edges.iter().enumerate() {
            let slot = fill[e.u as usize] as usize;
            adj_edges[slot] = id as u32;
            adj_targets[slot] = e.v;
            fill[e.u as usize] += 1;
            if e.u != e.v {
                let slot = fill[e.v as usize] as usize;
                adj_edges[slot] = id as u32;
                adj_targets[slot] = e.u;
                fill[e.v as usize] += 1;
            }
        }

        // 4. Components (iterative flood fill).
        let mut component = vec![u32::MAX; n];
        let mut components: Vec<ComponentInfo> = Vec::new();
        let mut stack = Vec::new();
        for s in 0..n {
            if component[s] != u32::MAX {
                continue;
            }
            let c = components.len() as u32;
            component[s] = c;
            stack.push(s as u32);
            let mut count = 0usize;
            while let Some(x) = stack.pop() {
                count += 1;
                let (a, b) = (adj_offsets[x as usize] as usize, adj_offsets[x as usize + 1] as usize);
                for &t in &adj_targets[a..b] {
                    if component[t as usize] == u32::MAX {
                        component[t as usize] = c;
                        stack.push(t);
                    }
                }
            }
            components.push(ComponentInfo { nodes: count, edges: 0, length_m: 0.0 });
        }
        for e in &edges {
            let c = &mut components[component[e.u as usize] as usize];
            c.edges += 1;
            c.length_m += e.len;
        }
        let largest = components
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.nodes.cmp(&b.1.nodes).then(b.0.cmp(&a.0)))
            .map_or(0, |(i, _)| i as u32);

        // 5. Projection and grid.
        let (mut min_lon, mut min_lat, mut max_lon, mut max_lat) =
            (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for p in &coords {
            min_lon = min_lon.min(p[0]);
            max_lon = max_lon.max(p[0]);
            min_lat = min_lat.min(p[1]);
            max_lat = max_lat.max(p[1]);
        }
        let proj = if coords.is_empty() {
            LocalProjection::new(0.0, 0.0)
        } else {
            LocalProjection::new((min_lon + max_lon) / 2.0, (min_lat + max_lat) / 2.0)
        };
        let grid = SegmentGrid::build(&proj, &coords, &coord_edge, &edges);

        Network {
            nodes,
            adj_offsets,
            adj_edges,
            adj_targets,
            edges,
            coords,
            cum_m,
            coord_edge,
            component,
            components,
            largest,
            duplicates,
            proj,
            grid,
        }
    }

    /// Number of graph nodes.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Position of a node.
    pub fn node(&self, i: u32) -> Option<LonLat> {
        self.nodes.get(i as usize).copied()
    }

    /// End nodes and length of an edge. # Units: metres.
    pub fn edge_ends(&self, e: u32) -> Option<(u32, u32, f64)> {
        self.edges.get(e as usize).map(|e| (e.u, e.v, e.len))
    }

    /// Geometry of an edge, from its first to its second node.
    pub fn edge_geometry(&self, e: u32) -> &[LonLat] {
        self.edges.get(e as usize).map_or(&[][..], |e| &self.coords[e.g0 as usize..e.g1 as usize])
    }

    /// Component of a node.
    pub fn component_of(&self, node: u32) -> Option<u32> {
        self.component.get(node as usize).copied()
    }

    /// Sizes of all components, by component id.
    pub fn components(&self) -> &[ComponentInfo] {
        &self.components
    }

    /// Id of the component with the most nodes.
    pub fn largest_component(&self) -> u32 {
        self.largest
    }

    /// Summary numbers.
    pub fn stats(&self) -> NetworkStats {
        NetworkStats {
            nodes: self.nodes.len(),
            edges: self.edges.len(),
            // `sum` of no f64 is -0.0 ("-0.0 km" for an empty network); start from +0.0.
            total_length_m: self.edges.iter().fold(0.0, |t, e| t + e.len),
            components: self.components.len(),
            largest_component_nodes: self.components.get(self.largest as usize).map_or(0, |c| c.nodes),
            duplicate_edges_merged: self.duplicates,
        }
    }

    /// Neighbours of a node as `(edge, other node, length)`.
    #[inline]
    pub(crate) fn neighbours(&self, node: u32) -> impl Iterator<Item = (u32, u32, f64)> + '_ {
        let a = self.adj_offsets[node as usize] as usize;
        let b = self.adj_offsets[node as usize + 1] as usize;
        self.adj_edges[a..b].iter().zip(&self.adj_targets[a..b]).map(|(&e, &t)| (e, t, self.edges[e as usize].len))
    }

    /// Where a point meets the network: its nearest street within `max_snap_m` and, when that
    /// street is on a piece cut off from the main network, also the nearest street of the main
    /// network within `max_snap_m` (the rule is [`Placement`]'s). `None` when no street lies
    /// within `max_snap_m`.
    ///
    /// # Units
    /// `max_snap_m` in metres.
    pub fn place(&self, p: LonLat, max_snap_m: f64) -> Option<Placement> {
        let nearest = self.snap_nearest(p, max_snap_m)?;
        let main =
            if nearest.component == self.largest { None } else { self.snap_in(p, max_snap_m, Some(self.largest)) };
        Some(Placement { nearest, main })
    }

    /// The street a point joins for walks to the main network: the nearest street within
    /// `max_snap_m`, or, when that one is on a piece cut off from the main network (the
    /// largest component) and a street of the main network also lies within `max_snap_m`,
    /// that street ([`Placement::main`]).
    ///
    /// Street data is full of small pieces that are not real islands: the outline of a square
    /// drawn as a closed line, a service road that stops a metre short of the street. A shop
    /// 9 m from the outline of 市民广场 and 100 m from 龙康路 (the Longwan road file) is then
    /// reached by 龙康路, not left unreachable. Walks between two points on the same piece are
    /// measured along it: the queries use [`Network::place`], which keeps both.
    ///
    /// # Units
    /// `max_snap_m` in metres.
    pub fn snap(&self, p: LonLat, max_snap_m: f64) -> Option<Snap> {
        let s = self.snap_nearest(p, max_snap_m)?;
        if s.component == self.largest {
            return Some(s);
        }
        Some(self.snap_in(p, max_snap_m, Some(self.largest)).unwrap_or(s))
    }

    /// Snaps a point to the nearest street within `max_snap_m`, whatever piece of network it is
    /// on (how far a point is from any street, e.g. for the datum check).
    ///
    /// # Units
    /// `max_snap_m` in metres.
    pub fn snap_nearest(&self, p: LonLat, max_snap_m: f64) -> Option<Snap> {
        self.snap_in(p, max_snap_m, None)
    }

    /// The nearest street within `max_snap_m`, among the edges of component `only` if given.
    fn snap_in(&self, p: LonLat, max_snap_m: f64, only: Option<u32>) -> Option<Snap> {
        let valid =
            p[0].is_finite() && p[1].is_finite() && (-180.0..=180.0).contains(&p[0]) && (-90.0..=90.0).contains(&p[1]);
        if self.edges.is_empty() || !valid || max_snap_m.is_nan() {
            return None;
        }
        let (px, py) = self.proj.xy(p);
        let g = &self.grid;
        let cx = ((px - g.x0) / g.cell).floor() as i64;
        let cy = ((py - g.y0) / g.cell).floor() as i64;
        // Rings (Chebyshev distance in cells) that can hold grid cells: from the grid's nearest
        // cell to its farthest, and no farther than max_snap_m allows.
        let gap = |c: i64, n: i64| {
            if c < 0 {
                -c
            } else if c >= n {
                c - (n - 1)
            } else {
                0
            }
        };
        let r_min = gap(cx, g.nx).max(gap(cy, g.ny));
        let r_far = (cx.abs().max((g.nx - 1 - cx).abs())).max(cy.abs().max((g.ny - 1 - cy).abs()));
        let by_snap = if max_snap_m.is_finite() { (max_snap_m / g.cell).ceil() as i64 + 1 } else { i64::MAX };
        let r_max = r_far.min(by_snap);
        let mut best: Option<(f64, u32, f64)> = None; // (projected distance², segment, t)
        let visit = |x: i64, y: i64, best: &mut Option<(f64, u32, f64)>| {
            let cell = (y * g.nx + x) as usize;
            let (a, b) = (g.offsets[cell] as usize, g.offsets[cell + 1] as usize);
            for &s in &g.segs[a..b] {
                if only
                    .is_some_and(|c| self.component[self.edges[self.coord_edge[s as usize] as usize].u as usize] != c)
                {
                    continue;
                }
                let (d2, t) = self.segment_distance2(s, px, py);
                if best.is_none_or(|(bd, bs, _)| d2 < bd || (d2 == bd && s < bs)) {
                    *best = Some((d2, s, t));
                }
            }
        };
        for r in r_min..=r_max {
            // The ring's top and bottom rows, then its two side columns, clipped to the grid.
            let rows: &[i64] = if r == 0 { &[cy] } else { &[cy - r, cy + r] };
            for &y in rows {
                if (0..g.ny).contains(&y) {
                    for x in (cx - r).max(0)..=(cx + r).min(g.nx - 1) {
                        visit(x, y, &mut best);
                    }
                }
            }
            if r > 0 {
                for x in [cx - r, cx + r] {
                    if (0..g.nx).contains(&x) {
                        for y in (cy - r + 1).max(0)..=(cy + r - 1).min(g.ny - 1) {
                            visit(x, y, &mut best);
                        }
                    }
                }
            }
            if let Some((d2, _, _)) = best
                && d2.sqrt() <= (r as f64) * g.cell
            {
                break;
            }
        }
        let (_, s, t) = best?;
        let s = s as usize;
        let (a, b) = (self.coords[s], self.coords[s + 1]);
        let point = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
        let off = haversine_m(p, point);
        if off > max_snap_m {
            return None;
        }
        let edge = self.coord_edge[s];
        let e = &self.edges[edge as usize];
        let offset = (self.cum_m[s] + haversine_m(a, point)).min(e.len);
        Some(Snap {
            edge,
            offset_m: offset,
            edge_len_m: e.len,
            off_network_m: off,
            point,
            component: self.component[e.u as usize],
        })
    }

    /// A finding when a snap landed outside the largest component.
    pub fn snap_finding(&self, what: &str, snap: &Snap) -> Option<SnapFinding> {
        if snap.component == self.largest {
            return None;
        }
        let c = self.components.get(snap.component as usize)?;
        Some(SnapFinding {
            what: what.to_string(),
            component: snap.component,
            component_nodes: c.nodes,
            component_length_m: c.length_m,
            largest_component_nodes: self.components.get(self.largest as usize).map_or(0, |c| c.nodes),
            main_off_network_m: None,
        })
    }

    /// A finding when a point's nearest street is outside the largest component: the piece, and
    /// the leg to the main network's street it was also joined to, if any.
    pub fn placement_finding(&self, what: &str, placement: &Placement) -> Option<SnapFinding> {
        let mut f = self.snap_finding(what, &placement.nearest)?;
        f.main_off_network_m = placement.main.map(|m| m.off_network_m);
        Some(f)
    }

    fn segment_distance2(&self, s: u32, px: f64, py: f64) -> (f64, f64) {
        let (ax, ay) = self.proj.xy(self.coords[s as usize]);
        let (bx, by) = self.proj.xy(self.coords[s as usize + 1]);
        let (dx, dy) = (bx - ax, by - ay);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 { (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
        let (qx, qy) = (ax + t * dx - px, ay + t * dy - py);
        (qx * qx + qy * qy, t)
    }

    /// The part of an edge's geometry between two offsets (metres from its first node).
    pub(crate) fn edge_slice(&self, edge: u32, from_m: f64, to_m: f64) -> Vec<LonLat> {
        let Some(e) = self.edges.get(edge as usize) else {
            return Vec::new();
        };
        let (g0, g1) = (e.g0 as usize, e.g1 as usize);
        let cum = &self.cum_m[g0..g1];
        let pts = &self.coords[g0..g1];
        let at = |m: f64| -> LonLat {
            let m = m.clamp(0.0, e.len);
            let i = cum.partition_point(|&c| c <= m).clamp(1, pts.len() - 1);
            let (c0, c1) = (cum[i - 1], cum[i]);
            let t = if c1 > c0 { (m - c0) / (c1 - c0) } else { 0.0 };
            let (a, b) = (pts[i - 1], pts[i]);
            [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
        };
        let mut out = vec![at(from_m)];
        for (k, &c) in cum.iter().enumerate() {
            if c > from_m && c < to_m {
                out.push(pts[k]);
            }
        }
        out.push(at(to_m));
        out
    }

    /// Metres per degree of longitude and latitude at the network's centre.
    pub(crate) fn metres_per_degree(&self) -> (f64, f64) {
        (self.proj.kx, self.proj.ky)
    }

    /// Centre of the local projection.
    pub(crate) fn projection_origin(&self) -> LonLat {
        [self.proj.lon0, self.proj.lat0]
    }
}

impl SegmentGrid {
    fn build(proj: &LocalProjection, coords: &[LonLat], coord_edge: &[u32], edges: &[Edge]) -> Self {
        // Segment start indices: every vertex that is not the last of its edge.
        let seg_starts: Vec<u32> = (0..coords.len())
            .filter(|&i| {
                let e = &edges[coord_edge[i] as usize];
                (i as u32) + 1 < e.g1
            })
            .map(|i| i as u32)
            .collect();
        let xy: Vec<(f64, f64)> = coords.iter().map(|&p| proj.xy(p)).collect();
        let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &(x, y) in &xy {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        if seg_starts.is_empty() {
            return SegmentGrid { x0: 0.0, y0: 0.0, cell: 1.0, nx: 1, ny: 1, offsets: vec![0, 0], segs: Vec::new() };
        }
        let area = ((x1 - x0) * (y1 - y0)).max(1.0);
        let dims = |cell: f64| {
            ((((x1 - x0) / cell).floor() as i64 + 1).max(1), (((y1 - y0) / cell).floor() as i64 + 1).max(1))
        };
        let cell_range = |cell: f64, a: f64, b: f64, o: f64, n: i64| -> (i64, i64) {
            let lo = ((a.min(b) - o) / cell).floor() as i64;
            let hi = ((a.max(b) - o) / cell).floor() as i64;
            (lo.clamp(0, n - 1), hi.clamp(0, n - 1))
        };
        // Cells in the grid, and cells the segments are listed in (each in every cell its box
        // covers), for a cell size.
        let size = |cell: f64| -> (u64, u64) {
            let (nx, ny) = dims(cell);
            let listed = seg_starts.iter().fold(0u64, |sum, &s| {
                let ((ax, ay), (bx, by)) = (xy[s as usize], xy[s as usize + 1]);
                let (cx0, cx1) = cell_range(cell, ax, bx, x0, nx);
                let (cy0, cy1) = cell_range(cell, ay, by, y0, ny);
                sum.saturating_add(((cx1 - cx0 + 1) * (cy1 - cy0 + 1)) as u64)
            });
            ((nx * ny) as u64, listed)
        };
        // About two segments per cell on average, between 20 m and 1 km; larger when the grid
        // would still hold far more cells or listings than there are segments (a stray vertex
        // thousands of kilometres away, a street across the map), so that it stays in
        // proportion to the input: with one cell, each segment is listed once.
        let budget = 4 * seg_starts.len() as u64 + 1024;
        let mut cell = (area / seg_starts.len() as f64 * 2.0).sqrt().clamp(20.0, 1000.0);
        loop {
            let (cells, listed) = size(cell);
            if cells <= budget && listed <= budget {
                break;
            }
            cell *= 2.0;
        }
        let (nx, ny) = dims(cell);
        let mut counts = vec![0u32; (nx * ny) as usize + 1];
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for &s in &seg_starts {
            let (ax, ay) = xy[s as usize];
            let (bx, by) = xy[s as usize + 1];
            let (cx0, cx1) = cell_range(cell, ax, bx, x0, nx);
            let (cy0, cy1) = cell_range(cell, ay, by, y0, ny);
            for cy in cy0..=cy1 {
                for cx in cx0..=cx1 {
                    let c = (cy * nx + cx) as u32;
                    counts[c as usize] += 1;
                    pairs.push((c, s));
                }
            }
        }
        let mut offsets = vec![0u32; (nx * ny) as usize + 1];
        for i in 0..(nx * ny) as usize {
            offsets[i + 1] = offsets[i] + counts[i];
        }
        let mut fill = offsets.clone();
        let mut segs = vec![0u32; pairs.len()];
        for (c, s) in pairs {
            segs[fill[c as usize] as usize] = s;
            fill[c as usize] += 1;
        }
        SegmentGrid { x0, y0, cell, nx, ny, offsets, segs }
    }
}
