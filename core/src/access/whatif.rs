//! What-if and siting: add or remove a hypothetical facility and see per-category distances and
//! coverage change, without rebuilding the network; suggest the k best new sites for a category
//! by greedy maximum coverage.
//!
//! A [`Scenario`] holds, per category, every node's distance to the nearest facility (one
//! multi-source Dijkstra per category) and every origin's distance. Adding a facility runs one
//! pruned Dijkstra from it that only visits nodes it brings closer; removing one re-runs the
//! multi-source Dijkstra of its categories without it. Coverage counts an origin as covered
//! when its nearest facility is within `minutes` of walking; its weight is its population, or 1
//! when unknown.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::graph::{Network, SnapFinding};
use super::import::{Facility, Origin};
use super::query::{Dijkstra, FacilitySet, Placed, check_point, check_positive, place_origins};
use super::{AccessError, LonLat, WalkParams};

/// Coverage of one category. Origins with no street within the snapping distance are in the
/// totals and never covered, as scoring counts them (their residents stay in the shares).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub covered_origins: usize,
    pub total_origins: usize,
    /// Sum of the weights (population, or 1 each) of covered origins.
    pub covered_population: f64,
    pub total_population: f64,
}

/// One origin whose distance changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginChange {
    pub origin_id: String,
    /// # Units: metres (`None`: unreachable).
    pub before_m: Option<f64>,
    pub after_m: Option<f64>,
}

/// The effect of a change on one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryChange {
    pub before: Coverage,
    pub after: Coverage,
    /// Origins whose distance changed, in origin order.
    pub changed: Vec<OriginChange>,
}

/// The effect of adding or removing a facility, per affected category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatIf {
    pub facility_id: String,
    pub added: bool,
    pub categories: BTreeMap<String, CategoryChange>,
}

/// Where new sites may go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteCandidates {
    /// Every network node.
    NetworkNodes,
    /// A given list of positions (snapped to the network).
    Points(Vec<LonLat>),
}

/// One suggested site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteSuggestion {
    pub rank: usize,
    pub point: LonLat,
    /// Index in the candidate list (`Points`) or node id (`NetworkNodes`).
    pub candidate: usize,
    pub newly_covered_origins: usize,
    pub newly_covered_population: f64,
    /// Coverage of the category after this and all better-ranked sites.
    pub covered_population_after: f64,
}

/// Result of [`Scenario::suggest_sites`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Siting {
    pub category: String,
    pub before: Coverage,
    pub sites: Vec<SiteSuggestion>,
    /// Candidate points with no street within the snapping distance.
    pub unsnapped_candidates: Vec<usize>,
    /// Origins with no street within the snapping distance: in `before`'s totals, not
    /// covered, and no site can cover them.
    pub unsnapped_origins: Vec<String>,
}

/// Origins and facilities placed on a network, with distances per category.
pub struct Scenario<'a> {
    net: &'a Network,
    set: &'a FacilitySet,
    params: WalkParams,
    limit_m: f64,
    max_snap_m: f64,
    origins: Vec<(Origin, Placed)>,
    /// Origins with no street within the snapping distance (in the coverage totals, never
    /// covered).
    pub unsnapped_origins: Vec<String>,
    /// Their weight (population, or 1 each).
    unsnapped_weight: f64,
    /// Origins on a piece cut off from the main network.
    pub findings: Vec<SnapFinding>,
    node_dist: Vec<Vec<f64>>,
    origin_dist: Vec<Vec<f64>>,
}

impl<'a> Scenario<'a> {
    /// Places the origins and computes every category's distances. Coverage means within
    /// `minutes` at `params.speed_m_per_min`.
    ///
    /// # Units
    /// `minutes` in minutes, `max_snap_m` in metres.
    pub fn new(
        net: &'a Network,
        set: &'a FacilitySet,
        origins: &[Origin],
        params: WalkParams,
        minutes: f64,
        max_snap_m: f64,
    ) -> Result<Scenario<'a>, AccessError> {
        params.validate()?;
        check_positive("minutes", minutes)?;
        if net.edge_count() == 0 {
            return Err(AccessError::EmptyNetwork);
        }
        set.check_network(net)?;
        let (placed, unsnapped, findings) = place_origins(net, origins, max_snap_m)?;
        let mut dj = Dijkstra::new(net.node_count());
        let node_dist: Vec<Vec<f64>> =
            (0..set.categories.len()).map(|c| set.node_distances(net, c, f64::INFINITY, &mut dj)).collect();
        let origin_dist = (0..set.categories.len())
            .map(|c| placed.iter().map(|(_, a)| set.anchor_distance(a, c, &node_dist[c])).collect())
            .collect();
        Ok(Scenario {
            net,
            set,
            params,
            limit_m: params.metres_in(minutes),
            max_snap_m,
            origins: placed,
            unsnapped_origins: unsnapped.iter().map(|o| o.id.clone()).collect(),
            unsnapped_weight: unsnapped.iter().map(|o| o.weight()).sum(),
            findings,
            node_dist,
            origin_dist,
        })
    }

    fn coverage_of(&self, dist: &[f64]) -> Coverage {
        let mut c = Coverage {
            covered_origins: 0,
            total_origins: self.origins.len() + self.unsnapped_origins.len(),
            covered_population: 0.0,
            total_population: self.unsnapped_weight,
        };
        for ((o, _), &d) in self.origins.iter().zip(dist) {
            c.total_population += o.weight();
            if d <= self.limit_m {
                c.covered_origins += 1;
                c.covered_population += o.weight();
            }
        }
        c
    }

    /// Current coverage of every category.
    pub fn coverage(&self) -> BTreeMap<String, Coverage> {
        self.set
            .categories
            .iter()
            .enumerate()
            .map(|(c, code)| (code.clone(), self.coverage_of(&self.origin_dist[c])))
            .collect()
    }

    /// Current distance of every origin to each category. # Units: metres.
    pub fn origin_distances(&self) -> BTreeMap<String, Vec<Option<f64>>> {
        self.set
            .categories
            .iter()
            .enumerate()
            .map(|(c, code)| {
                let v = self.origin_dist[c].iter().map(|d| d.is_finite().then_some(*d)).collect();
                (code.clone(), v)
            })
            .collect()
    }

    fn change(&self, c: usize, after: &[f64]) -> CategoryChange {
        let before = &self.origin_dist[c];
        let changed = self
            .origins
            .iter()
            .zip(before.iter().zip(after))
            .filter(|(_, (b, a))| (b.is_finite() != a.is_finite()) || (b.is_finite() && (*b - *a).abs() > 1e-9))
            .map(|((o, _), (b, a))| OriginChange {
                origin_id: o.id.clone(),
                before_m: b.is_finite().then_some(*b),
                after_m: a.is_finite().then_some(*a),
            })
            .collect();
        CategoryChange { before: self.coverage_of(before), after: self.coverage_of(after), changed }
    }

    /// What changes if `facility` is added (its categories must be known to the facility set).
    /// The scenario itself is not modified.
    pub fn add_facility(&self, facility: &Facility) -> Result<WhatIf, AccessError> {
        check_point("facility", facility.point)?;
        let snap = self
            .net
            .place(facility.point, self.max_snap_m)
            .ok_or(AccessError::NoStreetNearby { what: "facility", max_snap_m: self.max_snap_m })?;
        let f = Placed::new(self.net, &snap);
        let mut dj = Dijkstra::new(self.net.node_count());
        let mut categories = BTreeMap::new();
        for code in &facility.categories {
            let c = self.set.category_index(code)?;
            dj.run_below(self.net, &f.seeds(), &self.node_dist[c]);
            let after: Vec<f64> = self
                .origins
                .iter()
                .zip(&self.origin_dist[c])
                .map(|((_, a), &old)| {
                    let mut d = old.min(a.via_nodes(&dj.dist));
                    if let Some(direct) = a.direct(&f) {
                        d = d.min(direct);
                    }
                    d
                })
                .collect();
            categories.insert(code.clone(), self.change(c, &after));
        }
        Ok(WhatIf { facility_id: facility.id.clone(), added: true, categories })
    }

    /// What changes if the facility with this id is removed. The scenario is not modified.
    pub fn remove_facility(&self, id: &str) -> Result<WhatIf, AccessError> {
        let Some(idx) = self.set.items.iter().position(|f| f.id == id) else {
            return Err(AccessError::UnknownFacility { id: id.to_string() });
        };
        let removed = &self.set.items[idx];
        let mut dj = Dijkstra::new(self.net.node_count());
        let mut categories = BTreeMap::new();
        for &c in &removed.categories {
            let c = c as usize;
            let keep: Vec<&Placed> = self.set.by_category[c]
                .iter()
                .filter(|&&i| i as usize != idx)
                .map(|&i| &self.set.items[i as usize].anchor)
                .collect();
            let seeds: Vec<(u32, f64)> = keep.iter().flat_map(|a| a.seeds()).collect();
            dj.run(self.net, &seeds, f64::INFINITY, |_, _| true);
            let after: Vec<f64> = self
                .origins
                .iter()
                .map(|(_, a)| {
                    let mut d = a.via_nodes(&dj.dist);
                    for f in &keep {
                        if let Some(direct) = a.direct(f) {
                            d = d.min(direct);
                        }
                    }
                    d
                })
                .collect();
            categories.insert(self.set.categories[c].clone(), self.change(c, &after));
        }
        Ok(WhatIf { facility_id: id.to_string(), added: false, categories })
    }

    /// The `k` best new sites for `category`, ranked by residents newly covered (greedy maximum
    /// coverage: each pick maximises the weight of origins not yet covered by the existing
    /// facilities or earlier picks; ties go to the lower candidate index). Stops early when no
    /// candidate covers anyone new.
    pub fn suggest_sites(&self, category: &str, k: usize, candidates: &SiteCandidates) -> Result<Siting, AccessError> {
        let c = self.set.category_index(category)?;
        let net = self.net;
        // Candidate anchors: for nodes, the node itself.
        let mut unsnapped_candidates = Vec::new();
        let cand: Vec<(usize, LonLat, Option<Placed>)> = match candidates {
            SiteCandidates::NetworkNodes => {
                (0..net.node_count() as u32).filter_map(|n| net.node(n).map(|p| (n as usize, p, None))).collect()
            }
            SiteCandidates::Points(points) => {
                let mut v = Vec::new();
                for (i, &p) in points.iter().enumerate() {
                    check_point("candidate", p)?;
                    match net.place(p, self.max_snap_m) {
                        Some(s) => v.push((i, p, Some(Placed::new(net, &s)))),
                        None => unsnapped_candidates.push(i),
                    }
                }
                v
            }
        };
        // Which uncovered origins each candidate would cover.
        let mut covers: Vec<Vec<u32>> = vec![Vec::new(); cand.len()];
        let mut dj = Dijkstra::new(net.node_count());
        for (oi, ((_, a), &d)) in self.origins.iter().zip(&self.origin_dist[c]).enumerate() {
            if d <= self.limit_m {
                continue;
            }
            dj.run(net, &a.seeds(), self.limit_m, |_, _| true);
            match candidates {
                SiteCandidates::NetworkNodes => {
                    for &n in dj.touched() {
                        if dj.dist[n as usize] <= self.limit_m {
                            // Node candidates are listed in node order, so the slot is the node id.
                            covers[n as usize].push(oi as u32);
                        }
                    }
                }
                SiteCandidates::Points(_) => {
                    for (ci, (_, _, anchor)) in cand.iter().enumerate() {
                        let Some(f) = anchor else { continue };
                        let mut dd = f.via_nodes(&dj.dist);
                        if let Some(direct) = a.direct(f) {
                            dd = dd.min(direct);
                        }
                        if dd <= self.limit_m {
                            covers[ci].push(oi as u32);
                        }
                    }
                }
            }
        }
        let before = self.coverage_of(&self.origin_dist[c]);
        let mut covered = vec![false; self.origins.len()];
        let mut total = before.covered_population;
        let mut sites = Vec::new();
        for rank in 1..=k {
            let mut best: Option<(usize, f64, usize)> = None;
            for (ci, list) in covers.iter().enumerate() {
                let (mut w, mut n) = (0.0, 0usize);
                for &o in list {
                    if !covered[o as usize] {
                        w += self.origins[o as usize].0.weight();
                        n += 1;
                    }
                }
                if n > 0 && best.is_none_or(|(_, bw, _)| w > bw) {
                    best = Some((ci, w, n));
                }
            }
            let Some((ci, w, n)) = best else { break };
            for &o in &covers[ci] {
                covered[o as usize] = true;
            }
            total += w;
            let (id, point, _) = &cand[ci];
            sites.push(SiteSuggestion {
                rank,
                point: *point,
                candidate: *id,
                newly_covered_origins: n,
                newly_covered_population: w,
                covered_population_after: total,
            });
        }
        Ok(Siting {
            category: category.to_string(),
            before,
            sites,
            unsnapped_candidates,
            unsnapped_origins: self.unsnapped_origins.clone(),
        })
    }

    /// The walking parameters of this scenario.
    pub fn params(&self) -> &WalkParams {
        &self.params
    }
}
