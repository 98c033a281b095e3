//! `cargo xtask demo`: the README's main job. Builds the widgets (installing what is missing
//! and saying so), precomputes the two sample circles natively with the core, and serves the
//! demo portal (`web/demo/`) at http://127.0.0.1:8080 until Ctrl-C.
//!
//! Samples (written to `<target>/demo/data/`):
//! - `longwan-sample.json`: the built-in Longwan sample circle (`lifecircle example`, 示例数据);
//! - `bjtu-osm.json`: a circle built from real OpenStreetMap data, the Beijing Jiaotong
//!   University extract in `tests/data/osm/`: its streets, its POIs mapped to the standard's
//!   categories, each facility's walking distance from the centre measured on the street
//!   network, the nearest distance per category (`walk_circle`), and the streets reached in
//!   5/10/15 minutes (`reached_streets`), so the guide map shows real streets and real reach
//!   without shipping the network code to the browser.

use std::path::PathBuf;

use lifecircle_core::access::{self, Crs, load, query};
use lifecircle_core::{Circle, load_builtin};
use serde_json::{Value, json};

use crate::{install, root, serve, target_dir, widgets};

const STANDARD: &str = "longwan-2024";
const OSM: &str = "tests/data/osm/beijing_bjtu_overpass_2022.osm";
/// The BJTU circle's centre, WGS-84 `[lon, lat]` (the main gate area).
const BJTU_CENTRE: [f64; 2] = [116.3370, 39.9495];
const TIERS: [f64; 3] = [5.0, 10.0, 15.0];

/// `cargo xtask demo [--port N]`.
pub fn portal(args: &[String]) -> Result<(), String> {
    let mut port = 8080u16;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = if a == "--port" { it.next().cloned() } else { a.strip_prefix("--port=").map(str::to_string) };
        match value {
            Some(v) => {
                port = v.parse().map_err(|_| format!("--port 需要 1–65535 的端口号 needs a port number: {v}"))?
            }
            None => return Err(format!("未知参数 unknown argument: {a}\nusage: cargo xtask demo [--port 8080]")),
        }
    }
    // Bind first: a taken port is reported before minutes of building.
    let listener = serve::bind(port)?;
    let mounts = prepare()?;
    eprintln!(
        "\n一刻钟便民生活圈评价 演示门户 / demo portal:\n\n    http://127.0.0.1:{port}/\n\n按 Ctrl-C 停止 / press Ctrl-C to stop"
    );
    serve::serve_forever(listener, mounts);
    Ok(())
}

/// Builds what the portal needs and returns the server's mounts.
pub fn prepare() -> Result<serve::Mounts, String> {
    install::wasm_target()?;
    install::npm()?;
    widgets::dist()?;
    let data = data_dir();
    write_samples(&data)?;
    Ok(vec![("/widgets/", root().join("dist/widgets")), ("/data/", data), ("/", root().join("web/demo"))])
}

pub fn data_dir() -> PathBuf {
    target_dir().join("demo/data")
}

fn write(path: &std::path::Path, v: &Value) -> Result<(), String> {
    let text = serde_json::to_string(v).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `longwan-sample.json` and `bjtu-osm.json` into `dir`.
pub fn write_samples(dir: &std::path::Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let example = lifecircle_core::example::example(STANDARD).ok_or("no built-in sample circle")?;
    let circle: Value = serde_json::from_str(example.json).map_err(|e| format!("{}: {e}", example.file))?;
    write(
        &dir.join("longwan-sample.json"),
        &json!({
            "id": "longwan-sample",
            "title": { "zh": "龙湾示例生活圈（示例数据）", "en": "Longwan sample circle (sample data)" },
            "note": {
                "zh": "示例数据：设施为虚构，仅用于演示评分与整改清单。",
                "en": "Sample data: the facilities are invented, for demonstrating the scoring and the gap report."
            },
            "circle": circle,
            "layers": null
        }),
    )?;
    let t = std::time::Instant::now();
    let bjtu = bjtu()?;
    write(&dir.join("bjtu-osm.json"), &bjtu)?;
    eprintln!("==> demo data: {} (BJTU walking reach in {:.1} s)", dir.display(), t.elapsed().as_secs_f64());
    Ok(())
}

fn r6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn line(coords: &[[f64; 2]]) -> Value {
    Value::Array(coords.iter().map(|p| json!([r6(p[0]), r6(p[1])])).collect())
}

/// The BJTU circle from OpenStreetMap data, measured on its street network.
fn bjtu() -> Result<Value, String> {
    let st = load_builtin(STANDARD).map_err(|e| e.to_string())?;
    let path = root().join(OSM);
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (net, streets) = load::network(&bytes, load::Format::OsmXml, Crs::Wgs84).map_err(|e| format!("{OSM}: {e}"))?;
    let mapping = access::category_mapping(&st).map_err(|e| e.to_string())?;
    let pois =
        load::facilities(&bytes, load::Format::OsmXml, Crs::Wgs84, &mapping).map_err(|e| format!("{OSM}: {e}"))?;
    let snap = access::DEFAULT_MAX_SNAP_M;

    let mut facilities = Vec::new();
    for f in &pois.facilities {
        let Some(category) = f.categories.first() else { continue };
        let walk = query::walking_distance_m(&net, BJTU_CENTRE, f.point, snap).ok().flatten();
        let mut v = json!({
            "id": f.id,
            "category": category,
            "name": f.name.clone().unwrap_or_else(|| format!("{category} {}", f.id)),
            "location": [r6(f.point[0]), r6(f.point[1])],
        });
        if let Some(m) = walk {
            v["walk_m"] = json!(r1(m));
        }
        facilities.push(v);
    }
    let circle: Circle = serde_json::from_value(json!({
        "id": "bjtu-osm",
        "name": "北京交通大学周边",
        "subdistrict": { "name": "海淀区北下关街道" },
        "population": 8000,
        "households": 3000,
        "location": { "crs": "wgs84", "centre": BJTU_CENTRE },
        "facilities": facilities,
    }))
    .map_err(|e| format!("BJTU circle: {e}"))?;
    let (circle, report) = access::walk_circle(&st, &circle, &net, &[], &[], snap).map_err(|e| e.to_string())?;
    let params = access::walk_params(&st).map_err(|e| e.to_string())?;
    let reached = query::reached_streets(&net, BJTU_CENTRE, &TIERS, &params, snap).map_err(|e| e.to_string())?;
    eprintln!(
        "==> BJTU OSM circle: {} streets, {} facilities mapped ({} unmapped, listed by `lifecircle access`), {} used for walking distances, {} reached pieces",
        streets.lines.len(),
        pois.facilities.len(),
        pois.unmapped_count(),
        report.facilities_used,
        reached.pieces.len()
    );
    let layers = json!({
        "streets": streets.lines.iter().map(|l| line(&l.coords)).collect::<Vec<_>>(),
        "reached": reached.pieces.iter().map(|p| json!({ "line": line(&p.coords), "minutes": p.tier_minutes })).collect::<Vec<_>>(),
        "osm": true,
        "credits": "街道与设施 Streets and POIs: © OpenStreetMap contributors, ODbL 1.0 (Overpass 2022-09-08)"
    });
    Ok(json!({
        "id": "bjtu-osm",
        "title": { "zh": "北京交通大学周边（OpenStreetMap 真实数据）", "en": "Around Beijing Jiaotong University (real OpenStreetMap data)" },
        "note": {
            "zh": "街道与设施来自 OpenStreetMap（© OpenStreetMap 贡献者，ODbL 1.0）；步行距离沿真实路网测量；人口、户数为演示假设。",
            "en": "Streets and facilities from OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0); walking distances measured on the real street network; population and households are assumptions for the demo."
        },
        "circle": serde_json::to_value(&circle).map_err(|e| e.to_string())?,
        "layers": layers
    }))
}

/// The portal's browser tests (`e2e/demo.test.mjs`, `e2e/embed.test.mjs`): serves the portal
/// and `e2e/embed/` on a free port, builds the native CLI they compare every score with, and
/// runs them with `node --test` (playwright-core, `/usr/bin/chromium`).
pub fn browser_tests() -> Result<(), String> {
    let mut mounts = prepare()?;
    mounts.insert(0, ("/embed/", root().join("e2e/embed")));
    let artifacts = target_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("{}: {e}", artifacts.display()))?;
    crate::run("build the native CLI", crate::cargo().args(["build", "--quiet", "-p", "lifecircle"]))?;
    let cli = target_dir().join("debug").join(format!("lifecircle{}", std::env::consts::EXE_SUFFIX));
    let base = serve::serve_in_background(mounts)?;
    eprintln!("==> serving the demo portal and e2e/embed/ at {base}");
    crate::run(
        "demo portal and embedding in Chromium",
        std::process::Command::new("node")
            .args(["--test", "--test-concurrency=1", "demo.test.mjs", "embed.test.mjs"])
            .current_dir(root().join("e2e"))
            .env("LIFECIRCLE_DEMO_BASE", &base)
            .env("LIFECIRCLE_CLI", &cli)
            .env("LIFECIRCLE_ARTIFACTS", &artifacts),
    )
}
