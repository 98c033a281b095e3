//! A tight walking isochrone polygon.
//!
//! Chosen construction: the union of small square cells touched by the reached streets. The
//! reached street pieces (partial edges cut at the reach, as in
//! [`reached_streets`]) fill every cell their lines pass through (walked cell by cell, so a
//! street is one unbroken chain of cells sharing sides, however long or diagonal); the boundary
//! of the filled cells is traced into rings (outer rings counter-clockwise, holes clockwise)
//! and returned as a MultiPolygon. More than [`MAX_CELLS`] cells is refused with an error
//! asking for larger cells, before any is stored.
//!
//! So the polygon hugs the streets: a block whose inside no reached street crosses stays a hole
//! unless it is smaller than about one cell, a river or railway with no crossing is never
//! bridged, and pieces of network reached only along a long street stay thin corridors. No
//! buffer and no boolean operation is needed (geo's boolean ops would add ~63 KB gzip to the
//! wasm build). Cells that touch only at a corner are kept as separate rings.
//!
//! The cell size is a parameter (`cell_m`, metres, from [`MIN_CELL_M`] to [`MAX_CELL_M`]): 25–50 m suits a guide map.

use std::collections::{BTreeMap, BTreeSet};

use geo::{LineString, MultiPolygon, Polygon};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::graph::Network;
use super::query::{check_positive, reached_streets};
use super::{AccessError, LonLat, WalkParams};

/// An isochrone polygon and how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Isochrone {
    /// # Units: minutes.
    pub minutes: f64,
    /// Side of the grid cells. # Units: metres.
    pub cell_m: f64,
    /// Outer rings with their holes, `[lon, lat]`, closed rings.
    pub polygons: Vec<Vec<Vec<LonLat>>>,
    /// Area of the polygon on the local plane. # Units: square metres.
    pub area_m2: f64,
    /// Length of street reached. # Units: metres.
    pub reached_length_m: f64,
    /// The walking pace it was drawn at. # Units: metres per minute.
    #[serde(default)]
    pub speed_m_per_min: f64,
}

impl Isochrone {
    /// The polygon as a geo MultiPolygon (lon/lat).
    pub fn to_multipolygon(&self) -> MultiPolygon {
        MultiPolygon::new(
            self.polygons
                .iter()
                .map(|rings| {
                    let ls = |r: &Vec<LonLat>| LineString::from(r.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>());
                    let mut it = rings.iter();
                    let ext = it.next().map(ls).unwrap_or_else(|| LineString::new(vec![]));
                    Polygon::new(ext, it.map(ls).collect())
                })
                .collect(),
        )
    }

    /// A GeoJSON Feature with a MultiPolygon geometry.
    pub fn to_geojson(&self) -> Value {
        json!({
            "type": "Feature",
            "properties": {
                "minutes": self.minutes,
                "cell_m": self.cell_m,
                "area_m2": self.area_m2.round(),
                "reached_length_m": self.reached_length_m.round(),
                "speed_m_per_min": self.speed_m_per_min,
            },
            "geometry": {"type": "MultiPolygon", "coordinates": self.polygons},
        })
    }
}

type V = (i64, i64);

/// The isochrone of `minutes` walking from `origin`.
///
/// # Units
/// `minutes` in minutes, `cell_m` and `max_snap_m` in metres.
pub fn isochrone(
    net: &Network,
    origin: LonLat,
    minutes: f64,
    params: &WalkParams,
    cell_m: f64,
    max_snap_m: f64,
) -> Result<Isochrone, AccessError> {
    check_positive("minutes", minutes)?;
    if !(MIN_CELL_M..=MAX_CELL_M).contains(&cell_m) {
        return Err(AccessError::OutOfRange { name: "cell_m", value: cell_m, min: MIN_CELL_M, max: MAX_CELL_M });
    }
    let reached = reached_streets(net, origin, &[minutes], params, max_snap_m)?;
    let (kx, ky) = net.metres_per_degree();
    let [lon0, lat0] = net.projection_origin();
    // Positions in cell units: the local projection is linear in lon/lat, so a straight piece
    // of street stays straight on the grid.
    let to_grid = |p: LonLat| -> (f64, f64) { ((p[0] - lon0) * kx / cell_m, (p[1] - lat0) * ky / cell_m) };
    let to_cell = |p: LonLat| -> V {
        let (x, y) = to_grid(p);
        (x.floor() as i64, y.floor() as i64)
    };
    let lines: Vec<Vec<(f64, f64)>> = reached
        .pieces
        .iter()
        .map(|p| net.edge_slice(p.edge, p.from_m, p.to_m).into_iter().map(to_grid).collect())
        .collect();
    let needed = lines.iter().flat_map(|l| l.windows(2)).fold(2u64, |n, w| n.saturating_add(cells_crossed(w[0], w[1])));
    if needed > MAX_CELLS {
        return Err(AccessError::TooManyCells { cells: needed, limit: MAX_CELLS, cell_m });
    }
    let mut cells: BTreeSet<V> = BTreeSet::new();
    cells.insert(to_cell(origin));
    cells.insert(to_cell(reached.origin_snap.point));
    if let Some(m) = &reached.origin_main_snap {
        cells.insert(to_cell(m.point));
    }
    for w in lines.iter().flat_map(|l| l.windows(2)) {
        cover(w[0], w[1], &mut cells);
    }
    let reached_length_m = reached.pieces.iter().map(|p| p.to_m - p.from_m).sum();
    let rings = trace(&cells);
    // Classify: positive area = outer ring, negative = hole.
    let mut outers: Vec<(Vec<V>, f64)> = Vec::new();
    let mut holes: Vec<Vec<V>> = Vec::new();
    for r in rings.into_iter().filter(|r| r.len() >= 4) {
        let a = signed_area(&r);
        if a > 0.0 {
            outers.push((r, a));
        } else {
            holes.push(r);
        }
    }
    let holes_of = holes_by_outer(&cells, &outers, holes);
    let to_lonlat = |v: &V| -> LonLat { [lon0 + v.0 as f64 * cell_m / kx, lat0 + v.1 as f64 * cell_m / ky] };
    let ring_out = |r: &Vec<V>| -> Vec<LonLat> {
        let mut out: Vec<LonLat> = r.iter().map(to_lonlat).collect();
        if let Some(&first) = out.first() {
            out.push(first);
        }
        out
    };
    let mut area_m2 = 0.0;
    let mut polygons = Vec::new();
    for ((outer, a), hs) in outers.iter().zip(&holes_of) {
        area_m2 += a * cell_m * cell_m;
        let mut rings = vec![ring_out(outer)];
        for h in hs {
            area_m2 += signed_area(h) * cell_m * cell_m;
            rings.push(ring_out(h));
        }
        polygons.push(rings);
    }
    Ok(Isochrone { minutes, cell_m, polygons, area_m2, reached_length_m, speed_m_per_min: params.speed_m_per_min })
}

/// The most cells an isochrone may fill: at 25 m cells, 25,000 km of street; at 1 m (the
/// smallest cell), 1,000 km. Far above any walk a circle asks for, and a bound on memory for a
/// reach over a huge network with tiny cells (each cell costs tens of bytes, more on the
/// boundary).
pub const MAX_CELLS: u64 = 1_000_000;

/// The smallest grid cell, in metres: finer is no truer than the street data.
pub const MIN_CELL_M: f64 = 1.0;

/// The largest grid cell, in metres: a cell of a kilometre already blurs a 15-minute walk
/// (about 1.2 km) into a few squares; larger ones draw nothing of it.
pub const MAX_CELL_M: f64 = 1000.0;

/// How many cells [`cover`] fills for the segment from `a` to `b` (cell units).
fn cells_crossed(a: (f64, f64), b: (f64, f64)) -> u64 {
    let d = |p: f64, q: f64| (q.floor() - p.floor()).abs();
    // Saturates for absurd distances (an f64 beyond u64 converts to u64::MAX).
    (d(a.0, b.0) + d(a.1, b.1) + 1.0) as u64
}

/// Fills every cell the segment from `a` to `b` (cell units) passes through, walking from
/// cell to cell across sides (Amanatides and Woo's traversal): consecutive cells share a side,
/// so the line is never broken into cells that only touch at corners. Where the line passes
/// exactly through a corner, the cell on the vertical step is taken first.
fn cover(a: (f64, f64), b: (f64, f64), cells: &mut BTreeSet<V>) {
    let (mut i, mut j) = (a.0.floor() as i64, a.1.floor() as i64);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let step = |d: f64| {
        if d > 0.0 {
            1
        } else if d < 0.0 {
            -1
        } else {
            0
        }
    };
    let (si, sj) = (step(dx), step(dy));
    // The line's parameter t (0 at a, 1 at b) at the next vertical and horizontal grid line,
    // and how much t grows from one grid line to the next.
    let first = |p: f64, d: f64, c: i64| match step(d) {
        1 => ((c + 1) as f64 - p) / d,
        -1 => (c as f64 - p) / d,
        _ => f64::INFINITY,
    };
    let (mut ti, mut tj) = (first(a.0, dx, i), first(a.1, dy, j));
    let (di, dj) = (1.0 / dx.abs(), 1.0 / dy.abs());
    cells.insert((i, j));
    let n = cells_crossed(a, b) - 1;
    for _ in 0..n {
        if ti < tj {
            i += si;
            ti += di;
        } else {
            j += sj;
            tj += dj;
        }
        cells.insert((i, j));
    }
    // Rounding can end a step short of b's cell on a line through corners: b's cell always.
    cells.insert((b.0.floor() as i64, b.1.floor() as i64));
}

/// The holes of each outer ring, in the order of `outers`.
///
/// Every ring is traced with its filled cells on the left, turning left where two cells touch
/// only at a corner, so the cells along one ring are joined by sides: a ring bounds one
/// side-connected group of cells, and each group has one outer ring. A hole therefore belongs
/// to the outer ring of its group, found by labelling the groups (union-find over the cells).
/// Testing each hole against the outer rings instead cost holes × vertices: two long streets
/// side by side in 1 m cells (thousands of one-cell holes in a ring of 700,000 vertices) took
/// 25 s.
fn holes_by_outer(cells: &BTreeSet<V>, outers: &[(Vec<V>, f64)], holes: Vec<Vec<V>>) -> Vec<Vec<Vec<V>>> {
    let sorted: Vec<V> = cells.iter().copied().collect();
    let index = |c: V| sorted.binary_search(&c).ok();
    let mut parent: Vec<usize> = (0..sorted.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (k, &(i, j)) in sorted.iter().enumerate() {
        for m in [index((i + 1, j)), index((i, j + 1))].into_iter().flatten() {
            let (a, b) = (root(&mut parent, k), root(&mut parent, m));
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut group_of = |r: &[V]| index(left_cell(r)).map(|k| root(&mut parent, k));
    let mut outer_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (n, (r, _)) in outers.iter().enumerate() {
        if let Some(g) = group_of(r) {
            outer_of.insert(g, n);
        }
    }
    let mut holes_of: Vec<Vec<Vec<V>>> = vec![Vec::new(); outers.len()];
    for h in holes {
        if let Some(&n) = group_of(&h).and_then(|g| outer_of.get(&g)) {
            holes_of[n].push(h);
        }
    }
    holes_of
}

/// The filled cell on the left of a ring's first edge.
fn left_cell(r: &[V]) -> V {
    let (a, b) = (r[0], r[1]);
    match ((b.0 - a.0).signum(), (b.1 - a.1).signum()) {
        (1, 0) => a,
        (0, 1) => (a.0 - 1, a.1),
        (-1, 0) => (a.0 - 1, a.1 - 1),
        _ => (a.0, a.1 - 1),
    }
}

/// Traces the boundary of a set of unit cells into rings of lattice vertices (filled cells on
/// the left), collinear vertices removed.
fn trace(cells: &BTreeSet<V>) -> Vec<Vec<V>> {
    let filled = |c: V| cells.contains(&c);
    let mut out_edges: BTreeMap<V, Vec<V>> = BTreeMap::new();
    let mut add = |a: V, b: V| out_edges.entry(a).or_default().push(b);
    for &(i, j) in cells {
        if !filled((i, j - 1)) {
            add((i, j), (i + 1, j));
        }
        if !filled((i + 1, j)) {
            add((i + 1, j), (i + 1, j + 1));
        }
        if !filled((i, j + 1)) {
            add((i + 1, j + 1), (i, j + 1));
        }
        if !filled((i - 1, j)) {
            add((i, j + 1), (i, j));
        }
    }
    let mut rings = Vec::new();
    // Edges are only taken away, so every vertex before the last start has none left: the next
    // start is searched for from there, not from the first vertex again (which made many small
    // rings take quadratic time).
    let mut from: V = (i64::MIN, i64::MIN);
    while let Some((&start, _)) = out_edges.range(from..).find(|(_, v)| !v.is_empty()) {
        from = start;
        let mut ring = vec![start];
        let mut prev = start;
        let mut cur = match out_edges.get_mut(&start).and_then(|v| v.pop()) {
            Some(n) => n,
            None => break,
        };
        let mut guard = 0usize;
        while cur != start && guard < 4 * cells.len() + 8 {
            guard += 1;
            ring.push(cur);
            let dir_in = (cur.0 - prev.0, cur.1 - prev.1);
            let Some(outs) = out_edges.get_mut(&cur) else {
                break;
            };
            if outs.is_empty() {
                break;
            }
            // Prefer the left turn, then straight, then right: keeps corner-touching cells apart.
            let left = (-dir_in.1, dir_in.0);
            let right = (dir_in.1, -dir_in.0);
            let pick = [left, dir_in, right]
                .iter()
                .find_map(|d| outs.iter().position(|n| (n.0 - cur.0, n.1 - cur.1) == *d))
                .unwrap_or(0);
            let next = outs.swap_remove(pick);
            prev = cur;
            cur = next;
        }
        rings.push(simplify(ring));
    }
    rings
}

fn simplify(ring: Vec<V>) -> Vec<V> {
    let n = ring.len();
    if n < 4 {
        return ring;
    }
    (0..n)
        .filter(|&i| {
            let (a, b, c) = (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]);
            (b.0 - a.0) * (c.1 - b.1) - (b.1 - a.1) * (c.0 - b.0) != 0
        })
        .map(|i| ring[i])
        .collect()
}

fn signed_area(r: &[V]) -> f64 {
    let n = r.len();
    let mut s = 0i64;
    for i in 0..n {
        let (a, b) = (r[i], r[(i + 1) % n]);
        s += a.0 * b.1 - b.0 * a.1;
    }
    s as f64 / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_of_cells_keeps_its_hole() {
        // 3x3 block with the centre empty: one outer ring and one hole of one cell.
        let mut cells = BTreeSet::new();
        for i in 0..3 {
            for j in 0..3 {
                if (i, j) != (1, 1) {
                    cells.insert((i, j));
                }
            }
        }
        let rings = trace(&cells);
        let mut areas: Vec<f64> = rings.iter().map(|r| signed_area(r)).collect();
        areas.sort_by(f64::total_cmp);
        assert_eq!(areas, vec![-1.0, 9.0]);
    }

    #[test]
    fn corner_touching_cells_stay_apart() {
        let cells: BTreeSet<V> = [(0, 0), (1, 1)].into_iter().collect();
        let rings = trace(&cells);
        assert_eq!(rings.len(), 2);
        assert!(rings.iter().all(|r| signed_area(r) == 1.0 && r.len() == 4));
    }

    /// The cells a segment passes through, by an independent rule: clip the segment to each
    /// cell's square (Liang and Barsky) and keep the cells where a piece of positive length
    /// remains, or that hold an end.
    fn cells_by_clipping(a: (f64, f64), b: (f64, f64)) -> BTreeSet<V> {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut out = BTreeSet::new();
        for i in a.0.min(b.0).floor() as i64..=a.0.max(b.0).floor() as i64 {
            for j in a.1.min(b.1).floor() as i64..=a.1.max(b.1).floor() as i64 {
                let (mut t0, mut t1) = (0.0f64, 1.0f64);
                for (p, q) in [
                    (-dx, a.0 - i as f64),
                    (dx, (i + 1) as f64 - a.0),
                    (-dy, a.1 - j as f64),
                    (dy, (j + 1) as f64 - a.1),
                ] {
                    if p == 0.0 {
                        if q < 0.0 {
                            t1 = -1.0;
                        }
                    } else if p < 0.0 {
                        t0 = t0.max(q / p);
                    } else {
                        t1 = t1.min(q / p);
                    }
                }
                let holds = |p: (f64, f64)| p.0.floor() as i64 == i && p.1.floor() as i64 == j;
                if (t1 - t0) * dx.hypot(dy) > 1e-9 || holds(a) || holds(b) {
                    out.insert((i, j));
                }
            }
        }
        out
    }

    #[test]
    fn a_segment_fills_the_cells_it_crosses_as_one_chain() {
        let mut seed = 12345u64;
        let mut rand = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for k in 0..2000 {
            // Short and long, steep and flat, in every direction, some along a grid line's row.
            let scale = [1.0, 5.0, 40.0][k % 3];
            let a = (rand() * scale - scale / 2.0, rand() * scale - scale / 2.0);
            let b = if k % 7 == 0 {
                (rand() * scale, a.1)
            } else {
                (rand() * scale - scale / 2.0, rand() * scale - scale / 2.0)
            };
            let mut cells = BTreeSet::new();
            cover(a, b, &mut cells);
            assert_eq!(cells, cells_by_clipping(a, b), "segment {a:?} → {b:?}");
            assert_eq!(cells.len() as u64, cells_crossed(a, b), "segment {a:?} → {b:?}");
            // Cells sharing sides: one ring around them all, no hole.
            let rings = trace(&cells);
            assert_eq!(rings.len(), 1, "segment {a:?} → {b:?}");
            assert_eq!(signed_area(&rings[0]), cells.len() as f64);
        }
    }

    /// The rule the groups replaced, as a reference: a hole belongs to the smallest outer
    /// ring that contains a point inside it.
    fn contains(r: &[V], p: (f64, f64)) -> bool {
        let n = r.len();
        let mut inside = false;
        for i in 0..n {
            let (a, b) = (r[i], r[(i + 1) % n]);
            let (ax, ay, bx, by) = (a.0 as f64, a.1 as f64, b.0 as f64, b.1 as f64);
            if (ay > p.1) != (by > p.1) && p.0 < ax + (p.1 - ay) * (bx - ax) / (by - ay) {
                inside = !inside;
            }
        }
        inside
    }

    fn holes_by_containment(outers: &[(Vec<V>, f64)], holes: &[Vec<V>]) -> Vec<Option<usize>> {
        holes
            .iter()
            .map(|h| {
                // A point inside the hole: centre of the empty cell right of its first edge.
                let (a, b) = (h[0], h[1]);
                let (dx, dy) = (b.0 - a.0, b.1 - a.1);
                let probe = (
                    a.0 as f64 + dx.signum() as f64 * 0.5 + dy.signum() as f64 * 0.5,
                    a.1 as f64 + dy.signum() as f64 * 0.5 - dx.signum() as f64 * 0.5,
                );
                outers
                    .iter()
                    .enumerate()
                    .filter(|(_, (r, _))| contains(r, probe))
                    .min_by(|x, y| x.1.1.total_cmp(&y.1.1))
                    .map(|(i, _)| i)
            })
            .collect()
    }

    #[test]
    fn holes_go_to_the_outer_ring_that_encloses_them() {
        let mut seed = 7u64;
        let mut rand = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        let mut holes_seen = 0;
        for k in 0..400 {
            // Random grids, denser and sparser, with rings drawn in so that holes nest.
            let n = 6 + (k % 20) as i64;
            let mut cells: BTreeSet<V> = BTreeSet::new();
            for i in 0..n {
                for j in 0..n {
                    if rand() % 100 < 45 + (k % 4) * 10 {
                        cells.insert((i, j));
                    }
                }
            }
            for r in [1, 3, 5].into_iter().filter(|r| 2 * r < n) {
                for t in r..n - r {
                    for c in [(t, r), (t, n - 1 - r), (r, t), (n - 1 - r, t)] {
                        cells.insert(c);
                    }
                }
            }
            let (mut outers, mut holes) = (Vec::new(), Vec::new());
            for r in trace(&cells) {
                let a = signed_area(&r);
                if a > 0.0 { outers.push((r, a)) } else { holes.push(r) }
            }
            let want = holes_by_containment(&outers, &holes);
            let got = holes_by_outer(&cells, &outers, holes.clone());
            for (h, w) in holes.iter().zip(&want) {
                let owner = got.iter().position(|hs| hs.contains(h));
                assert_eq!(owner, *w, "grid {k}: hole {h:?}");
            }
            holes_seen += holes.len();
        }
        assert!(holes_seen > 1000, "the grids made {holes_seen} holes");
    }

    /// Many separate pieces (once made by a long street sampled too sparsely, and still by many
    /// short reached pieces far apart): each ring's start was searched for from the first vertex
    /// again; 40,000 cells apart took minutes, now milliseconds.
    #[test]
    fn many_separate_cells_are_traced_in_linear_time() {
        let cells: BTreeSet<V> = (0..40_000).map(|i| (3 * i, 0)).collect();
        let started = std::time::Instant::now();
        let rings = trace(&cells);
        let took = started.elapsed();
        assert_eq!(rings.len(), 40_000);
        assert!(rings.iter().all(|r| signed_area(r) == 1.0 && r.len() == 4));
        assert!(took.as_secs() < 10, "tracing took {took:?}");
    }
}
