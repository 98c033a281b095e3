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
//!   without shipping the network code to the browser; and, for the categories the standard
//!   measures walks to that the circle lacks or covers worst, the best sites
//!   (`suggest_sites_scored`) for a handful of assumed residential points (示意居民点), drawn
//!   as numbered markers on the guide map.

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
/// Assumed residential points of the BJTU circle (示意, not surveyed): WGS-84 `[lon, lat]`
/// inside the extract, 1 000 residents each (the circle's assumed 8 000).
const BJTU_ORIGINS: [[f64; 2]; 8] = [
    [116.3310, 39.9540],
    [116.3405, 39.9545],
    [116.3320, 39.9450],
    [116.3420, 39.9455],
    [116.3350, 39.9525],
    [116.3395, 39.9480],
    [116.3300, 39.9495],
    [116.3430, 39.9510],
];
/// Sites suggested per category, and at most this many categories.
const SITES: usize = 3;
const SITE_CATEGORIES: usize = 2;

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
    widgets::dist(&widgets::DEFAULT)?;
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

/// Writes `longwan-sample.json`, `district.json` (the district page's circles) and
/// `bjtu-osm.json` into `dir`.
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
    let district = lifecircle_tests::district::circles();
    write(
        &dir.join("district.json"),
        &json!({
            "circles": district,
            // 国家统计局 统计用区划代码 2023: 29 社区/居委会 of 龙湾区's 123 village-level units.
            "communities": 29,
            "note": {
                "zh": "示例数据：三个示例生活圈（甲为龙湾示例圈；乙去掉了超市、菜市场与生鲜店；丙尚未填报），其数值已在本项目的测试中逐项手算核对。全区社区数 29 取自国家统计局 2023 年统计用区划代码中龙湾区的社区/居委会数，为演示假设。",
                "en": "Sample data: three sample circles (A is the Longwan sample; B lacks the supermarket, wet market and fresh grocery; C is not filled in yet); their numbers are worked by hand in the project's tests. The 29 communities are Longwan's 社区/居委会 in the National Bureau of Statistics' 2023 division codes, a demo assumption."
            }
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
            // A POI nobody named in OpenStreetMap stays unnamed (its `node/…` id is its `id`): the
            // widgets call it 未命名便利店 / "unnamed convenience store" in the reader's language,
            // the score card asks for its name, and two of them are no duplicates of one name.
            "name": f.name.clone().unwrap_or_default(),
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
    let origins: Vec<access::import::Origin> = BJTU_ORIGINS
        .iter()
        .enumerate()
        .map(|(i, p)| access::import::Origin {
            id: format!("示意居民点 assumed-{}", i + 1),
            point: *p,
            population: Some(1000.0),
        })
        .collect();
    let as_of = today();
    let suggested = suggestions(&st, &circle, &net, &origins, as_of)?;
    let (circle, report) = access::walk_circle(&st, &circle, &net, &[], &origins, snap).map_err(|e| e.to_string())?;
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
        "credits": "街道与设施 Streets and POIs: © OpenStreetMap contributors, ODbL 1.0 (Overpass 2022-09-08)",
        "suggested": suggested,
        "suggested_basis": {
            "zh": format!("8 个示意居民点（假设，每处 1000 人），沿路网计算，评分日期 {as_of}"),
            "en": format!("8 assumed residential points, 1,000 residents each; walked on the street network; scored as of {as_of}")
        }
    });
    Ok(json!({
        "id": "bjtu-osm",
        "title": { "zh": "北京交通大学周边（OpenStreetMap 真实数据）", "en": "Around Beijing Jiaotong University (real OpenStreetMap data)" },
        "note": {
            "zh": "街道与设施来自 OpenStreetMap（© OpenStreetMap 贡献者，ODbL 1.0）；步行距离沿真实路网测量；人口、户数及 8 个居民点位置为演示假设（示意）。导视图上的虚线编号标记为建议选址：在该处新增设施后，标准规定步行分钟内新覆盖的居民数，以及生活圈总分可达到的分数。",
            "en": "Streets and facilities from OpenStreetMap (© OpenStreetMap contributors, ODbL 1.0); walking distances measured on the real street network; population, households and the 8 residential points are assumptions for the demo. The dashed numbered markers on the guide map are suggested sites: the residents a new facility there would newly bring within the standard's walking minutes, and the total the circle would then reach."
        },
        "circle": serde_json::to_value(&circle).map_err(|e| e.to_string())?,
        "layers": layers
    }))
}

/// Today's date (UTC), as the portal scores with today's date.
fn today() -> lifecircle_core::Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    lifecircle_core::Date::from_unix_days((secs / 86_400) as i64)
        .unwrap_or_else(|| lifecircle_core::Date::new(2025, 1, 1).expect("valid date"))
}

/// Suggested sites for the walking categories the circle lacks or covers worst: for each
/// category the standard measures walks to (`minutes_for`), the best `SITES` network nodes
/// by residents newly covered, kept for the `SITE_CATEGORIES` categories whose best site
/// raises the total most.
fn suggestions(
    st: &lifecircle_core::Standard,
    circle: &Circle,
    net: &access::Network,
    origins: &[access::import::Origin],
    as_of: lifecircle_core::Date,
) -> Result<Vec<Value>, String> {
    let mut found = Vec::new();
    for cat in &st.categories {
        if access::minutes_for(st, &cat.code).is_none() {
            continue;
        }
        let s = access::suggest_sites_scored(
            st,
            circle,
            net,
            &[],
            origins,
            &cat.code,
            SITES,
            &access::whatif::SiteCandidates::NetworkNodes,
            as_of,
        )
        .map_err(|e| format!("siting {}: {e}", cat.code))?;
        let best = s.sites.iter().map(|x| x.delta).fold(0.0, f64::max);
        eprintln!(
            "==> BJTU siting {}: {} min, total now {}, {} sites, best +{}",
            cat.code,
            s.minutes,
            s.total_now,
            s.sites.len(),
            best
        );
        if best > 0.0 {
            found.push((best, cat, s));
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = Vec::new();
    for (_, cat, s) in found.into_iter().take(SITE_CATEGORIES) {
        for x in &s.sites {
            out.push(json!({
                "category": cat.code,
                "name": { "zh": cat.name.zh, "en": cat.name.en },
                "rank": x.site.rank,
                "point": [r6(x.site.point[0]), r6(x.site.point[1])],
                "total": x.total,
                "delta": r1(x.delta * 10.0) / 10.0,
                "covered": x.site.newly_covered_population,
                "minutes": s.minutes,
            }));
        }
    }
    Ok(out)
}

/// The portal's browser tests (`e2e/demo.test.mjs`, `e2e/embed.test.mjs`,
/// `e2e/subset.test.mjs`, `e2e/district.test.mjs`, `e2e/a11y.test.mjs`, `e2e/print.test.mjs`): serves the portal and `e2e/embed/` on a
/// free port, builds the native CLI they compare every score with, and runs them with
/// `node --test` (playwright-core, `/usr/bin/chromium`).
pub fn browser_tests() -> Result<(), String> {
    let mut mounts = prepare()?;
    // A bundle with only the score card, beside the full one (e2e/subset.test.mjs).
    let subset = widgets::build(&["scorecard"], &target_dir().join("widgets-scorecard"))?;
    mounts.insert(0, ("/embed/", root().join("e2e/embed")));
    mounts.insert(0, ("/subset/", root().join("e2e/subset")));
    mounts.insert(0, ("/widgets-scorecard/", subset));
    let artifacts = target_dir().join("artifacts");
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("{}: {e}", artifacts.display()))?;
    crate::run("build the native CLI", crate::cargo().args(["build", "--quiet", "-p", "lifecircle"]))?;
    let cli = target_dir().join("debug").join(format!("lifecircle{}", std::env::consts::EXE_SUFFIX));
    let base = serve::serve_in_background(mounts)?;
    eprintln!("==> serving the demo portal and e2e/embed/ at {base}");
    let mut node = std::process::Command::new("node");
    node.args(["--test", "--test-concurrency=1"]);
    // While working on one test: `LIFECIRCLE_E2E_PATTERN=<part of its name> cargo xtask portal-e2e`.
    if let Some(p) = std::env::var_os("LIFECIRCLE_E2E_PATTERN") {
        node.arg(format!("--test-name-pattern={}", p.to_string_lossy()));
    }
    crate::run(
        "demo portal and embedding in Chromium",
        node.args([
            "demo.test.mjs",
            "embed.test.mjs",
            "subset.test.mjs",
            "district.test.mjs",
            "a11y.test.mjs",
            "print.test.mjs",
        ])
        .current_dir(root().join("e2e"))
        .env("LIFECIRCLE_DEMO_BASE", &base)
        .env("LIFECIRCLE_CLI", &cli)
        .env("LIFECIRCLE_ARTIFACTS", &artifacts),
    )
}
