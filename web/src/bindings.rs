//! The JavaScript entries of the widgets bundle (`dist/widgets/`, built by `cargo xtask
//! dist`): `mountAssessment`, `mountScorecard`, `mountGapReport`, `mountGuideMap`,
//! `mountDistrict`, a generic
//! `mount(element, options)` for frameworks, `widgetCss`, `standardInfo`, `emptyCircle`,
//! `builtWidgets` and `version`. The hand-written `web/js/lifecircle-widgets.js` registers the custom elements on
//! top of them.
//!
//! Translation only: options come in as a plain JS object, hooks become DOM `CustomEvent`s
//! dispatched on the mount element (`bubbles` and `composed`, so they leave the Shadow DOM):
//! `lifecircle-change` (detail: the assessment; the event's `circle`: the circle scored, JSON
//! text), `lifecircle-input` (detail: the circle's JSON text, for autosave), `lifecircle-typed`
//! (form; detail: the texts typed that were not taken, JSON, for autosave), `lifecircle-submit`
//! (detail: the assessment, `circle` as for a change; sent by the form's submit button alone,
//! never by Enter in one of its boxes), `lifecircle-select`
//! (detail: a facility id) and `lifecircle-print` (cancelable). Every error is a JS `Error`
//! with a stable `code`: `bad_argument` (also a mount point that is not an HTML element),
//! `standard`, `circle`, `typed` (the form's `typed` option unreadable), and `widget` for a widget this
//! bundle was built without (Cargo features of `lifecircle-web`: the four of a circle's pages by
//! default, the district dashboard in its own bundle;
//! `cargo xtask dist --widgets scorecard,guide-map` builds a smaller bundle for pages that
//! embed only those).

use std::sync::{Arc, Mutex};

use js_sys::{JSON, Reflect};
use leptos::prelude::WithUntracked;
use lifecircle_core::Date;
use lifecircle_core::standard::Lang;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::guide_map::{Layout, MapLayers};
use crate::model::{circle_json, empty_circle};
use crate::mount::{self, Hook, MountError, MountOptions, Mounted, SummaryFormat, standard_from_packed};
use crate::styles;

/// A JS `Error` with a `code` property.
fn error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    let _ = Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}

/// A JS `Error` with `code: "circle"`, `problems` (each problem's field, line and column when
/// known, and text in Chinese) and `problemsEn` (the same in English), so that a page in either
/// language can show them.
fn circle_error(e: &lifecircle_core::InputError) -> JsValue {
    let err = error("circle", &e.to_string());
    for (key, lang) in [("problems", Lang::Zh), ("problemsEn", Lang::En)] {
        let list = js_sys::Array::new();
        for p in &e.problems {
            let at = match (p.line, p.column, lang) {
                (Some(l), Some(c), Lang::Zh) => format!("第 {l} 行第 {c} 列 "),
                (Some(l), Some(c), Lang::En) => format!("line {l}, column {c}: "),
                _ => String::new(),
            };
            let text = p.text(lang);
            let shown = if p.field.is_empty() { format!("{at}{text}") } else { format!("{at}{}: {text}", p.field) };
            list.push(&JsValue::from_str(&shown));
        }
        let _ = Reflect::set(&err, &key.into(), &list);
    }
    err
}

fn bad(message: impl Into<String>) -> JsValue {
    error("bad_argument", &message.into())
}

impl From<MountError> for JsValue {
    fn from(e: MountError) -> JsValue {
        error(e.code, &e.message)
    }
}

fn parse_lang(s: &str) -> Result<Lang, JsValue> {
    match s {
        "zh" | "zh-CN" | "zh-Hans" => Ok(Lang::Zh),
        "en" | "en-US" | "en-GB" => Ok(Lang::En),
        _ => Err(bad(format!("lang 只能是 \"zh\" 或 \"en\"，不能是 {s:?} / lang must be \"zh\" or \"en\", not {s:?}"))),
    }
}

fn parse_layout(s: &str) -> Result<Layout, JsValue> {
    match s {
        "screen" => Ok(Layout::Screen),
        "a3" | "a3_portrait" | "a3-portrait" => Ok(Layout::A3Portrait),
        "phone" => Ok(Layout::Phone),
        _ => Err(bad(format!(
            "layout 只能是 \"screen\"、\"a3_portrait\" 或 \"phone\"，不能是 {s:?} / layout must be \"screen\", \"a3_portrait\" or \"phone\", not {s:?}"
        ))),
    }
}

/// The datum of basemap tiles: WGS-84 (OpenStreetMap, 天地图) or GCJ-02 (AMap, Tencent). Baidu's
/// BD-09 tiles have their own tiling scheme, which the map does not draw.
fn parse_tiles_crs(s: &str) -> Result<lifecircle_core::access::Crs, JsValue> {
    use lifecircle_core::access::Crs;
    match s.trim().to_ascii_lowercase().as_str() {
        "wgs84" | "cgcs2000" => Ok(Crs::Wgs84),
        "gcj02" => Ok(Crs::Gcj02),
        _ => Err(bad(format!(
            "tiles-crs（底图坐标系）只能是 \"wgs84\"（OpenStreetMap；天地图的 \"cgcs2000\" 按它读）或 \"gcj02\"（高德、腾讯），不能是 {s:?}；百度瓦片不支持 / \
             tiles-crs must be \"wgs84\" (OpenStreetMap; Tianditu's \"cgcs2000\" reads as it) or \"gcj02\" (AMap, Tencent), not {s:?}; Baidu tiles are not supported"
        ))),
    }
}

fn parse_date(s: &str) -> Result<Date, JsValue> {
    s.parse::<Date>().map_err(|e| bad(format!("asOf 须为日期 YYYY-MM-DD / asOf must be a date YYYY-MM-DD: {e}")))
}

/// A property of the options object; `undefined` and `null` read as absent.
fn get(o: &JsValue, key: &str) -> Option<JsValue> {
    if !o.is_object() {
        return None;
    }
    Reflect::get(o, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

fn get_str(o: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    match get(o, key) {
        None => Ok(None),
        Some(v) => v.as_string().map(Some).ok_or_else(|| bad(format!("{key} 须为字符串 / {key} must be a string"))),
    }
}

/// The number of communities in a district (`communities`: a number, or text from an
/// attribute): a whole number from 1 to 1000000.
fn communities_of(v: &JsValue) -> Result<u32, JsValue> {
    // Text (an attribute) is read as a whole number: `str::parse::<f64>` would link the float
    // parser's tables into every bundle, about 15 KB gzip.
    let n = v.as_f64().or_else(|| v.as_string().and_then(|s| s.trim().parse::<u32>().ok()).map(f64::from));
    match n {
        Some(n) if n.fract() == 0.0 && (1.0..=1e6).contains(&n) => Ok(n as u32),
        _ => Err(bad(
            "communities（全区社区数）须为 1 至 1000000 的整数 / communities (the communities in the district) must \
             be a whole number from 1 to 1000000",
        )),
    }
}

fn get_bool(o: &JsValue, key: &str) -> Option<bool> {
    get(o, key).map(|v| v.is_truthy())
}

/// A string, or an object written out as JSON.
fn get_json(o: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    match get(o, key) {
        None => Ok(None),
        Some(v) => match v.as_string() {
            Some(s) => Ok(Some(s)),
            None => JSON::stringify(&v).ok().and_then(|s| s.as_string()).map(Some).ok_or_else(|| {
                bad(format!("{key} 须为 JSON 文本或普通对象 / {key} must be JSON text or a plain object"))
            }),
        },
    }
}

fn detail_json(text: &str) -> JsValue {
    JSON::parse(text).unwrap_or_else(|_| JsValue::from_str(text))
}

fn dispatch(el: &HtmlElement, name: &str, detail: &JsValue, cancelable: bool) -> bool {
    dispatch_with(el, name, detail, cancelable, None)
}

/// [`dispatch`], the event carrying `circle` (JSON text) as its own property beside `detail`.
fn dispatch_with(el: &HtmlElement, name: &str, detail: &JsValue, cancelable: bool, circle: Option<&str>) -> bool {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(cancelable);
    init.set_detail(detail);
    match CustomEvent::new_with_event_init_dict(name, &init) {
        Ok(ev) => {
            if let Some(c) = circle {
                let _ = Reflect::set(&ev, &"circle".into(), &c.into());
            }
            el.dispatch_event(&ev).unwrap_or(true)
        }
        Err(_) => true,
    }
}

/// The circle a widget holds, once it has mounted (see [`mount_with`]): what its
/// `lifecircle-change` events carry beside the assessment.
type CircleOf = Arc<std::sync::OnceLock<crate::form::FormState>>;

/// A hook that dispatches `name` on the element with the detail made by `f`.
fn event<T: 'static>(el: &HtmlElement, name: &'static str, f: fn(T) -> JsValue) -> Hook<T> {
    hook(el, name, false, f)
}

/// [`event`], `cancelable` as asked: the page's `preventDefault()` then tells whoever acts on
/// the event after it (the elements script's listener for `lifecircle-print`) to leave it.
fn hook<T: 'static>(el: &HtmlElement, name: &'static str, cancelable: bool, f: fn(T) -> JsValue) -> Hook<T> {
    let el = SendWrapper::new(el.clone());
    Arc::new(move |v: T| {
        dispatch(&el, name, &f(v), cancelable);
    })
}

/// The standard of the options: `standardPacked`, the bytes of a packed standard.
/// `lifecircle-widgets.js` fills it in from `standard` (a built-in's id) by fetching
/// `standards/<id>.bin` beside itself: the module carries no standard of its own.
fn packed(o: &JsValue) -> Result<lifecircle_core::standard::Standard, JsValue> {
    let Some(v) = get(o, "standardPacked") else {
        return Err(bad(match get_str(o, "standard")? {
            Some(id) => format!(
                "标准 {id:?} 未加载：请通过 lifecircle-widgets.js 挂载（它按 standard 读取 standards/{id}.bin），\
                 或以 standardPacked 传入打包的标准 / standard {id:?} is not loaded: mount through \
                 lifecircle-widgets.js (it fetches standards/{id}.bin) or pass the packed bytes as standardPacked"
            ),
            None => "standardPacked（打包的标准）是必需的 / standardPacked (a packed standard) is required".to_string(),
        }));
    };
    let bytes = js_sys::Uint8Array::new(&v).to_vec();
    if bytes.is_empty() {
        return Err(bad(
            "standardPacked 须为打包标准的字节（Uint8Array 或 ArrayBuffer）/ standardPacked must be the bytes of a \
             packed standard (Uint8Array or ArrayBuffer)",
        ));
    }
    Ok(standard_from_packed(&bytes)?)
}

fn options(el: &HtmlElement, o: &JsValue, widget: &str, circle_of: &CircleOf) -> Result<MountOptions, JsValue> {
    let as_of = match get_str(o, "asOf")? {
        Some(s) => parse_date(&s)?,
        None => {
            return Err(bad(
                "缺少 asOf（评估日期 YYYY-MM-DD）：评分核心从不读取时钟 / asOf (the evaluation date, YYYY-MM-DD) is \
             required: the core never reads the clock",
            ));
        }
    };
    if get(o, "standardText").is_some() {
        return Err(bad(
            "standardText 已不再支持：请用 lifecircle pack（命令行）或 lifecircle/full 的 packStandard 把标准打包，\
             以 standardPacked 传入 / standardText is no longer read: pack the standard with `lifecircle pack` \
             or packStandard() of lifecircle/full and pass the bytes as standardPacked",
        ));
    }
    let mut m = MountOptions::new(packed(o)?, as_of);
    if let Some(l) = get_str(o, "lang")? {
        m.lang = parse_lang(&l)?;
    }
    m.elder = get_bool(o, "elder").unwrap_or(false);
    m.circle_json = get_json(o, "circle")?;
    if let Some(l) = get_str(o, "layout")? {
        m.layout = parse_layout(&l)?;
    }
    if let Some(text) = get_json(o, "layers")? {
        let layers: MapLayers =
            serde_json::from_str(&text).map_err(|e| bad(format!("layers（图层）有误 / layers: {e}")))?;
        m.layers = Some(layers);
    }
    m.tiles = get_str(o, "tiles")?.filter(|t| !t.trim().is_empty());
    m.tiles_credit = get_str(o, "tilesCredit")?;
    if let Some(c) = get_str(o, "tilesCrs")?.filter(|c| !c.trim().is_empty()) {
        m.tiles_crs = parse_tiles_crs(&c)?;
    }
    m.what_if = get_bool(o, "whatIf").unwrap_or(false);
    if let Some(v) = get(o, "communities") {
        m.communities = Some(communities_of(&v)?);
    }

    // The district's own values for the targets circle data cannot give (text as the CLI's
    // `--reported` takes it); read in the dashboard's bundle only.
    #[cfg(feature = "district")]
    if let Some(text) = get_str(o, "reported")?.filter(|t| !t.trim().is_empty()) {
        m.reported = lifecircle_core::district::parse_reported(&text).map_err(bad)?;
    }

    // `lifecircle-change` and `lifecircle-submit`: `detail` is the assessment, unchanged (what
    // `lifecircle score --format json` writes, and what portals store), and the event's own
    // `circle` property the circle scored, as JSON text: with both, a backend can check the
    // assessment later (`lifecircle verify -a assessment.json circle.json`) or load the circle
    // into the form again. (The district dashboard scores no one circle: no `circle`.)
    let last = Arc::new(Mutex::new(None::<String>));
    let keep = last.clone();
    let target = SendWrapper::new(el.clone());
    let circle_of = (widget != "district").then(|| circle_of.clone());
    m.on_change = Some(Arc::new(move |a| {
        let text = serde_json::to_string(&a).unwrap_or_default();
        if let Ok(mut l) = keep.lock() {
            *l = Some(text.clone());
        }
        let circle = circle_of.as_ref().and_then(|c| c.get()).map(|s| s.to_json());
        dispatch_with(&target, "lifecircle-change", &detail_json(&text), false, circle.as_deref());
    }));
    m.on_input = Some(event(el, "lifecircle-input", |s: String| JsValue::from_str(&s)));
    if widget == "assessment" {
        m.typed_json = get_str(o, "typed")?;
        m.on_typed = Some(event(el, "lifecircle-typed", |s: String| JsValue::from_str(&s)));
    }
    if widget == "assessment" && get_bool(o, "submit").unwrap_or(true) {
        let target = SendWrapper::new(el.clone());
        m.on_submit = Some(Arc::new(move |circle: String| {
            let a = last.lock().ok().and_then(|l| l.clone());
            if let Some(a) = a {
                dispatch_with(&target, "lifecircle-submit", &detail_json(&a), false, Some(&circle));
            }
        }));
    }
    m.on_select = Some(event(el, "lifecircle-select", |id: String| JsValue::from_str(&id)));
    if get_bool(o, "print").unwrap_or(true) {
        m.on_print = Some(hook(el, "lifecircle-print", true, |()| JsValue::NULL));
    }
    Ok(m)
}

#[wasm_bindgen(typescript_custom_section)]
const IMPORTED_FACILITIES: &str = r#"
/** What `importFacilities` did: the facilities added (`unlocated` of them from CSV rows without coordinates, listed without a place), and each item no category matched (its name and tags), listed, never dropped. */
export interface ImportedFacilities { added: number; unlocated: number; unmapped: string[] }
"#;

/// A mounted widget. `free()` unmounts it.
#[wasm_bindgen]
pub struct Widget {
    inner: Mounted,
}

impl Widget {
    fn summary(&self, format: SummaryFormat, name: &str) -> Result<String, JsValue> {
        match self.inner.summary(format) {
            Some(r) => r.map_err(|e| circle_error(&e)),
            None => Err(bad(format!("{name} 只适用于全区进度组件 / {name} is the district dashboard's"))),
        }
    }
}

#[wasm_bindgen]
impl Widget {
    /// `"zh"` or `"en"`.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: &str) -> Result<(), JsValue> {
        self.inner.set_lang(parse_lang(lang)?);
        Ok(())
    }

    /// 适老化 mode: large text, high contrast.
    #[wasm_bindgen(js_name = setElder)]
    pub fn set_elder(&self, on: bool) {
        self.inner.set_elder(on);
    }

    /// The evaluation date, `YYYY-MM-DD`.
    #[wasm_bindgen(js_name = setAsOf)]
    pub fn set_as_of(&self, as_of: &str) -> Result<(), JsValue> {
        self.inner.set_as_of(parse_date(as_of)?);
        Ok(())
    }

    /// `"screen"` (the phone layout by itself while narrower than 600 px), `"a3_portrait"` or
    /// `"phone"` (guide map).
    #[wasm_bindgen(js_name = setLayout)]
    pub fn set_layout(&self, layout: &str) -> Result<(), JsValue> {
        self.inner.set_layout(parse_layout(layout)?);
        Ok(())
    }

    /// Replaces the circle. Implausible values (a negative population) load as they are: the
    /// form lists them to correct, the other widgets say why there is no score. JSON that is
    /// not a circle throws (`code: "circle"`, with `problems`) and the widget keeps its circle.
    #[wasm_bindgen(js_name = loadJson)]
    pub fn load_json(&self, text: &str) -> Result<(), JsValue> {
        self.inner.load_json(text).map_err(|e| circle_error(&e))
    }

    /// Adds the facilities of a CSV (lon and lat, or one `location` column; name; category, or
    /// AMap's `typecode`/`类型编码` and `type`/`类型`; a row without coordinates is listed without a
    /// place) or GeoJSON (points, with OSM-style tags or a `category`/`typecode` property) file
    /// to the inventory.
    /// `crs` is the file's datum (`wgs84`, `gcj02` for AMap, `bd09` for Baidu); points are
    /// converted to the circle's datum. Categories come from the standard's OSM tags, AMap codes
    /// and names. Returns `{ added, unlocated, unmapped }` (unmapped items are listed, never dropped
    /// silently); on error (`code: "data"`) nothing changes. Part of the form: a bundle built
    /// without it throws `code: "widget"`.
    #[wasm_bindgen(js_name = importFacilities, unchecked_return_type = "ImportedFacilities")]
    pub fn import_facilities(&self, text: &str, format: &str, crs: &str) -> Result<JsValue, JsValue> {
        // Facility import is the form's (its toolbar); without the form it leaves the wasm too,
        // about 33 KB gzip of CSV/GeoJSON parsing, datum shifts and number parsing.
        if !cfg!(feature = "assessment") {
            let _ = (text, format, crs);
            return Err(not_built("assessment"));
        }
        use lifecircle_core::access::{Crs, category_mapping, crs::convert, import};
        let crs = match crs {
            "wgs84" => Crs::Wgs84,
            "gcj02" => Crs::Gcj02,
            "bd09" => Crs::Bd09,
            other => {
                return Err(error(
                    "bad_argument",
                    &format!("坐标系 `{other}` 不是 wgs84、gcj02 或 bd09 / crs `{other}` is not wgs84, gcj02 or bd09"),
                ));
            }
        };
        let mapping =
            self.inner.standard.with_untracked(category_mapping).map_err(|e| error("data", &e.to_string()))?;
        let imported = match format {
            // The form lists a facility before its place is known: a row without coordinates
            // is kept, without a location.
            "csv" => import::csv::facilities_from_csv_with(
                text,
                &mapping,
                crs,
                import::csv::FacilityCsvOptions { keep_unlocated: true },
            ),
            "geojson" | "json" => import::geojson::facilities_from_geojson(text, &mapping, crs),
            other => {
                return Err(error(
                    "bad_argument",
                    &format!("格式 `{other}` 不是 csv 或 geojson / format `{other}` is not csv or geojson"),
                ));
            }
        }
        .map_err(|e| error("data", &e.bilingual()))?;
        let mut circle = self.inner.state.circle.with_untracked(Clone::clone);
        // What the form already holds may still have values to correct; the import must not
        // add any.
        let before = circle.check();
        let to = circle.location.as_ref().map_or(Crs::Wgs84, |l| l.crs);
        let round7 = |x: f64| (x * 1e7).round() / 1e7;
        // Each row as the circle may hold it (a line break typed in a spreadsheet cell becomes a
        // space); a row without coordinates has no location.
        let plain = lifecircle_core::circle::plain_line;
        let mut add =
            |cats: &[String], name: Option<&str>, id: &str, chain: bool, brand: Option<&str>, at: Option<[f64; 2]>| {
                let Some(cat) = cats.first() else { return 0 };
                let mut facility = lifecircle_core::circle::Facility::new(cat.clone(), plain(name.unwrap_or(id)));
                facility.id = Some(plain(id));
                facility.location = at;
                facility.chain = chain;
                facility.brand = brand.map(plain);
                circle.facilities.push(facility);
                1
            };
        let mut added = 0;
        for f in &imported.facilities {
            let p = convert(f.point, Crs::Wgs84, to);
            added += add(
                &f.categories,
                f.name.as_deref(),
                &f.id,
                f.chain,
                f.brand.as_deref(),
                Some([round7(p[0]), round7(p[1])]),
            );
        }
        let mut unlocated = 0;
        for f in &imported.unlocated {
            unlocated += add(&f.categories, f.name.as_deref(), &f.id, f.chain, f.brand.as_deref(), None);
        }
        let added_problems: Vec<_> = circle.check().into_iter().filter(|p| !before.contains(p)).collect();
        if !added_problems.is_empty() {
            return Err(circle_error(&lifecircle_core::InputError { problems: added_problems }));
        }
        self.inner.state.replace(circle);
        let unmapped: Vec<String> = imported
            .unmapped
            .iter()
            .map(|u| format!("{} {}", u.name.clone().unwrap_or_else(|| u.id.clone()), u.keys.join(",")))
            .collect();
        let out = js_sys::Object::new();
        let _ = Reflect::set(&out, &"added".into(), &JsValue::from(added + unlocated));
        let _ = Reflect::set(&out, &"unlocated".into(), &JsValue::from(unlocated));
        let list = js_sys::Array::new();
        for u in unmapped {
            list.push(&JsValue::from_str(&u));
        }
        let _ = Reflect::set(&out, &"unmapped".into(), &list);
        Ok(out.into())
    }

    /// The district dashboard's summary as JSON text, byte for byte what `lifecircle district
    /// --format json` writes for the same circles, date and communities. Throws `code:
    /// "circle"` (with `problems`) when the circles are not summarised, and `bad_argument` on
    /// the other widgets.
    #[wasm_bindgen(js_name = summaryJson)]
    pub fn summary_json(&self) -> Result<String, JsValue> {
        self.summary(SummaryFormat::Json, "summaryJson")
    }

    /// The district dashboard's summary as a CSV table in the widget's language (UTF-8 with a
    /// byte order mark, for Excel or WPS), byte for byte what `lifecircle district --format csv
    /// --lang zh|en --table <table>` writes: `table` `"targets"` (the default, a row per target),
    /// `"circles"` (a row per circle) or `"tasks"` (a row per responsible unit, indicator and
    /// circle). Throws as `summaryJson`, and `bad_argument` for another table.
    #[wasm_bindgen(js_name = summaryCsv)]
    pub fn summary_csv(&self, table: Option<String>) -> Result<String, JsValue> {
        let format = match table.as_deref() {
            None | Some("targets") => SummaryFormat::Csv,
            Some("circles") => SummaryFormat::CirclesCsv,
            Some("tasks") => SummaryFormat::TasksCsv,
            Some(other) => {
                return Err(bad(format!(
                    "summaryCsv 的表只能是 \"targets\"、\"circles\" 或 \"tasks\"，不能是 {other:?} / the table must be \"targets\", \"circles\" or \"tasks\", not {other:?}"
                )));
            }
        };
        self.summary(format, "summaryCsv")
    }

    /// The district dashboard: checks one circle (its JSON) before it is added: read and scored
    /// under the board's standard and date as the summary would, not added. Throws as `loadJson`
    /// (`code: "circle"`, with `problems`, fields as in the circle) when it would not be
    /// summarised, `code: "bad_argument"` on the other widgets.
    #[wasm_bindgen(js_name = checkCircle)]
    pub fn check_circle(&self, text: &str) -> Result<(), JsValue> {
        match self.inner.check_circle(text) {
            Some(r) => r.map_err(|e| circle_error(&e)),
            None => Err(bad("checkCircle 只适用于全区进度组件 / checkCircle is the district dashboard's")),
        }
    }

    /// The district dashboard: removes the circle at place `i` of its list; the name of the
    /// circle removed, `undefined` when there is no such place (or on the other widgets).
    #[wasm_bindgen(js_name = removeAt)]
    pub fn remove_at(&self, i: usize) -> Option<String> {
        self.inner.remove_at(i)
    }

    /// The district dashboard: puts the circle removed last back at its place; its name,
    /// `undefined` when there is none to put back (none removed, or the list loaded since).
    #[wasm_bindgen(js_name = undoRemove)]
    pub fn undo_remove(&self) -> Option<String> {
        self.inner.undo_remove()
    }

    /// The district dashboard: the values the district reports for its targets that circle data
    /// cannot give, `metric=value, …` as the CLI's `--reported` (what the board's own inputs
    /// hold); they replace the ones it had. Throws `code: "bad_argument"` (why, Chinese first)
    /// for text that does not parse, a metric with no such target, or another widget; the board
    /// keeps its values then.
    /// The district dashboard: the number of communities in the district (a whole number from 1
    /// to 1000000, or `null` for not given), as the `communities` option; the targets counted
    /// from it are judged again, without scoring the circles again. Throws `code:
    /// "bad_argument"` for another value or another widget; the board keeps its number then.
    #[wasm_bindgen(js_name = setCommunities)]
    pub fn set_communities(&self, n: JsValue) -> Result<(), JsValue> {
        let n = if n.is_null() || n.is_undefined() { None } else { Some(communities_of(&n)?) };
        self.inner
            .set_communities(n)
            .ok_or_else(|| bad("setCommunities 只适用于全区进度组件 / setCommunities is the district dashboard's"))
    }

    #[wasm_bindgen(js_name = setReported)]
    pub fn set_reported(&self, text: &str) -> Result<(), JsValue> {
        match self.inner.set_reported(text) {
            Some(r) => r.map_err(bad),
            None => Err(bad("setReported 只适用于全区进度组件 / setReported is the district dashboard's")),
        }
    }

    /// The circle as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    #[wasm_bindgen(getter, js_name = standardId)]
    pub fn standard_id(&self) -> String {
        self.inner.standard.with_untracked(|s| s.id.clone())
    }

    #[wasm_bindgen(getter, js_name = standardVersion)]
    pub fn standard_version(&self) -> String {
        self.inner.standard.with_untracked(|s| s.version.to_string())
    }
}

/// The error for a widget left out of this bundle at build time.
fn not_built(widget: &str) -> JsValue {
    let zh = match widget {
        "assessment" => "自评表",
        "scorecard" => "评分卡",
        "gap-report" => "整改清单",
        "district" => "全区进度",
        _ => "导视图",
    };
    // The district dashboard has a bundle of its own: say where it is.
    let (hint_zh, hint_en) = if widget == "district" {
        ("；区级页面请引用 district/lifecircle-widgets.js", "; a district's page loads district/lifecircle-widgets.js")
    } else {
        ("", "")
    };
    error(
        "widget",
        &format!(
            "本组件包构建时未包含{zh}组件{hint_zh} / this bundle was built without the {widget} widget{hint_en} \
             (cargo xtask dist --widgets …)"
        ),
    )
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// A panic is a bug. std's own hook writes to a stderr that a browser does not have, so a
/// panic showed only as `RuntimeError: unreachable`; this hook first writes its message and
/// place to the console, for whoever reports it. Installed by the first mount.
fn panic_to_console() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    if cfg!(target_arch = "wasm32") {
        HOOK.call_once(|| {
            std::panic::set_hook(Box::new(|info| {
                console_error(&format!("lifecircle-widgets 程序缺陷 / bug: {info}"));
            }))
        });
    }
}

/// A test-only export that panics through the hook, to check what the console shows
/// (`tests/panic.rs`).
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests(message: &str) {
    panic_to_console();
    panic!("{message}");
}

fn mount_with(
    el: JsValue,
    o: &JsValue,
    widget: &str,
    f: fn(HtmlElement, MountOptions) -> Result<Mounted, MountError>,
) -> Result<Widget, JsValue> {
    panic_to_console();
    let el = mount_point(el)?;
    let circle_of = CircleOf::default();
    let opts = options(&el, o, widget, &circle_of)?;
    let inner = f(el, opts)?;
    // Before the first `lifecircle-change`: the widget's effects run after the mount returns.
    let _ = circle_of.set(inner.state);
    Ok(Widget { inner })
}

/// The element to mount into. Anything else (`null`, a selector `"#id"`, a plain object) would
/// give a handle that shows nothing: refused, saying what was passed.
fn mount_point(el: JsValue) -> Result<HtmlElement, JsValue> {
    el.dyn_into::<HtmlElement>().map_err(|v| {
        let (zh, en) = match v.as_string() {
            Some(s) => (format!("字符串 {s:?}"), format!("the string {s:?}")),
            None if v.is_null() => ("null".into(), "null".into()),
            None if v.is_undefined() => ("undefined".into(), "undefined".into()),
            None => {
                let t = v.js_typeof().as_string().unwrap_or_default();
                (format!("其他值（{t}）"), format!("another value ({t})"))
            }
        };
        bad(format!(
            "挂载点须为页面中的 HTML 元素（如 document.getElementById('score') 所得），不能是 {zh} / the mount point \
             must be an HTML element of the page (as document.getElementById('score') gives), not {en}"
        ))
    })
}

/// Mounts the self-assessment form into `el`.
#[wasm_bindgen(js_name = mountAssessment)]
pub fn mount_assessment(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] el: JsValue,
    options: JsValue,
) -> Result<Widget, JsValue> {
    // A constant: without the feature the widget's code is unreachable and leaves the wasm.
    if !cfg!(feature = "assessment") {
        return Err(not_built("assessment"));
    }
    mount_with(el, &options, "assessment", mount::mount_assessment)
}

/// Mounts the score card into `el`.
#[wasm_bindgen(js_name = mountScorecard)]
pub fn mount_scorecard(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] el: JsValue,
    options: JsValue,
) -> Result<Widget, JsValue> {
    // A constant: without the feature the widget's code is unreachable and leaves the wasm.
    if !cfg!(feature = "scorecard") {
        return Err(not_built("scorecard"));
    }
    mount_with(el, &options, "scorecard", mount::mount_scorecard)
}

/// Mounts the gap report (一圈一策 plan) into `el`.
#[wasm_bindgen(js_name = mountGapReport)]
pub fn mount_gap_report(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] el: JsValue,
    options: JsValue,
) -> Result<Widget, JsValue> {
    // A constant: without the feature the widget's code is unreachable and leaves the wasm.
    if !cfg!(feature = "gap-report") {
        return Err(not_built("gap-report"));
    }
    mount_with(el, &options, "gap-report", mount::mount_gap_report)
}

/// Mounts the guide map into `el`.
#[wasm_bindgen(js_name = mountGuideMap)]
pub fn mount_guide_map(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] el: JsValue,
    options: JsValue,
) -> Result<Widget, JsValue> {
    // A constant: without the feature the widget's code is unreachable and leaves the wasm.
    if !cfg!(feature = "guide-map") {
        return Err(not_built("guide-map"));
    }
    mount_with(el, &options, "guide-map", mount::mount_guide_map)
}

/// Mounts the district dashboard into `el`: `options.circle` is the district's circles (a
/// JSON array, or an array of objects), `options.communities` the number of its communities.
#[wasm_bindgen(js_name = mountDistrict)]
pub fn mount_district(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] el: JsValue,
    options: JsValue,
) -> Result<Widget, JsValue> {
    // A constant: without the feature the widget's code is unreachable and leaves the wasm.
    if !cfg!(feature = "district") {
        return Err(not_built("district"));
    }
    mount_with(el, &options, "district", mount::mount_district)
}

/// Mounts the widget named by `options.widget` (`assessment`, `scorecard`, `gap-report`,
/// `guide-map`, `district`): one entry for frameworks.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "HTMLElement")] el: JsValue,
    options: JsValue,
) -> Result<Widget, JsValue> {
    match get_str(&options, "widget")?.as_deref() {
        Some("assessment") => mount_assessment(el, options),
        Some("scorecard") => mount_scorecard(el, options),
        Some("gap-report") => mount_gap_report(el, options),
        Some("guide-map") => mount_guide_map(el, options),
        Some("district") => mount_district(el, options),
        other => {
            let other = other.map_or_else(|| "（未给出 missing）".to_string(), |w| format!("\"{w}\""));
            Err(bad(format!(
                "options.widget 只能是 \"assessment\"、\"scorecard\"、\"gap-report\"、\"guide-map\" 或 \"district\"，不能是 \
                 {other} / options.widget must be \"assessment\", \"scorecard\", \"gap-report\", \"guide-map\" or \
                 \"district\", not {other}"
            )))
        }
    }
}

/// The stylesheet of a widget, for a constructed stylesheet in its Shadow DOM.
#[wasm_bindgen(js_name = widgetCss)]
pub fn widget_css(widget: &str) -> Result<String, JsValue> {
    // A widget left out of the bundle gets the shared rules only, enough for the element's
    // notice that it was left out; its own sheet stays out of the wasm.
    match widget {
        "assessment" if cfg!(feature = "assessment") => Ok(styles::ASSESSMENT_FORM_CSS.into()),
        "scorecard" if cfg!(feature = "scorecard") => Ok(styles::SCORE_CARD_CSS.into()),
        "gap-report" if cfg!(feature = "gap-report") => Ok(styles::GAP_REPORT_CSS.into()),
        "guide-map" if cfg!(feature = "guide-map") => Ok(styles::GUIDE_MAP_CSS.into()),
        "district" if cfg!(feature = "district") => Ok(styles::DISTRICT_CSS.into()),
        "assessment" | "scorecard" | "gap-report" | "guide-map" | "district" => Ok(styles::BASE_CSS.into()),
        other => Err(bad(format!("没有组件 {other:?} / no widget {other:?}"))),
    }
}

/// `{ id, version, title: { zh, en } }` of a packed standard (the autosave key uses the id
/// and version). `lifecircle-widgets.js` wraps it to accept a built-in's id too.
#[wasm_bindgen(js_name = standardInfo)]
pub fn standard_info(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] standard: JsValue,
) -> Result<JsValue, JsValue> {
    if standard.is_string() {
        return Err(bad("standardInfo 需要打包标准的字节 / standardInfo takes the bytes of a packed standard"));
    }
    let st = standard_from_packed(&js_sys::Uint8Array::new(&standard).to_vec())?;
    let v = serde_json::json!({
        "id": st.id,
        "version": st.version.to_string(),
        "title": { "zh": st.title.get(Lang::Zh), "en": st.title.get(Lang::En) },
    });
    Ok(detail_json(&v.to_string()))
}

/// An empty circle as JSON text (what "start over" loads).
#[wasm_bindgen(js_name = emptyCircle)]
pub fn empty_circle_text() -> String {
    circle_json(&empty_circle())
}

/// The widgets built into this bundle (its Cargo features), so that `lifecircle-widgets.js` can
/// mount an element with another bundle on the same page that has its widget (a site-wide
/// template's four widgets beside a district page's dashboard).
#[wasm_bindgen(js_name = builtWidgets)]
pub fn built_widgets() -> Vec<String> {
    [
        ("assessment", cfg!(feature = "assessment")),
        ("scorecard", cfg!(feature = "scorecard")),
        ("gap-report", cfg!(feature = "gap-report")),
        ("guide-map", cfg!(feature = "guide-map")),
        ("district", cfg!(feature = "district")),
    ]
    .into_iter()
    .filter(|(_, built)| *built)
    .map(|(w, _)| w.to_string())
    .collect()
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
