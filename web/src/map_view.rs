//! `GuideMap`: the guide map on screen, with pan and zoom (through the viewBox) and
//! details of a facility on click or Enter.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use lifecircle_core::access::crs::Crs;
use lifecircle_core::score::fmt_num;
use lifecircle_core::standard::Lang;

use crate::guide_map::{
    self, GuideMapData, Layout, MapOptions, PHONE_BELOW_PX, page_size, render_guide_map, unproject,
};
use crate::model::tr;
use crate::score_card::lang_tag;

/// The guide map (导视图) of a circle. The SVG comes from [`render_guide_map`]; this component
/// only adds pan and zoom buttons (and arrow keys, `+`, `-`, `0` on the map) and a details
/// box for the facility chosen by click or Enter.
#[component]
pub fn GuideMap(
    /// What to draw (see [`GuideMapData::from_core`]).
    #[prop(into)]
    data: Signal<GuideMapData>,
    /// Interface language: `Lang::Zh` (default) or `Lang::En`.
    #[prop(into, default = Signal::stored(Lang::Zh))]
    lang: Signal<Lang>,
    /// 适老化 mode: large text and high contrast, for the controls and for the map, whose
    /// title, legend, list of missing types, footer and scale bar are drawn larger (on a phone
    /// in one column, at least 16 CSS px, with larger tap targets: [`MapOptions::large_text`]).
    #[prop(into, default = Signal::stored(false))]
    elder: Signal<bool>,
    /// Screen (default), A3 portrait poster, or phone. A map asked for the screen layout draws
    /// the phone layout while it is narrower than [`PHONE_BELOW_PX`] (its legend stays legible).
    #[prop(into, default = Signal::stored(Layout::Screen))]
    layout: Signal<Layout>,
    /// Optional basemap: a Web-Mercator tile URL template with `{z}`, `{x}`, `{y}` (see
    /// [`MapOptions::tiles`]). `None` (default): no tiles.
    #[prop(default = None)]
    tiles: Option<String>,
    /// The tiles' datum (WGS-84 by default; GCJ-02 for AMap or Tencent tiles): tiles in
    /// another datum than the data are shifted onto it (see [`MapOptions::tiles_crs`]).
    #[prop(default = Crs::Wgs84)]
    tiles_crs: Crs,
    /// The basemap's attribution, printed in the footer.
    #[prop(default = None)]
    tiles_credit: Option<String>,
    /// Called with a facility's id when it is chosen.
    #[prop(default = None)]
    on_select: Option<Callback<String>>,
    /// What-if mode: called with the `[lon, lat]` clicked on the map (outside any facility).
    /// `None` (default) leaves clicks for choosing facilities only.
    #[prop(default = None)]
    on_place: Option<Callback<[f64; 2]>>,
) -> impl IntoView {
    let view_box: RwSignal<Option<[f64; 4]>> = RwSignal::new(None);
    let selected: RwSignal<Option<String>> = RwSignal::new(None);
    let canvas: NodeRef<leptos::html::Div> = NodeRef::new();
    // Whether the map is displayed, and narrower than a phone's width (see `watch_display`):
    // hidden, it is not redrawn; narrow, the screen layout becomes the phone layout.
    let shown = RwSignal::new(true);
    let narrow = RwSignal::new(false);
    let layout = Memo::new(move |_| match layout.get() {
        Layout::Screen if narrow.get() => Layout::Phone,
        l => l,
    });
    // A new layout starts from the whole page; so does large text turned on or off (the phone
    // page's length changes with it: a view low on the longer page would show nothing).
    Effect::new(move |_| {
        layout.track();
        elder.track();
        view_box.set(None);
    });
    // What decides the page: the same for the drawing and for the page's size a zoom, a pan or
    // a click works with (the phone page grows with its legend, longer in large text, and makes
    // room for the basemap credit's footer lines). Read tracked by the drawing, untracked by
    // `page`.
    let basemap = StoredValue::new((tiles, tiles_credit));
    let page_options = move || MapOptions {
        lang: lang.get(),
        layout: layout.get(),
        large_text: elder.get(),
        tiles: basemap.with_value(|b| b.0.clone()),
        tiles_crs,
        tiles_credit: basemap.with_value(|b| b.1.clone()),
        ..MapOptions::default()
    };
    let svg = Memo::new(move |prev: Option<&String>| {
        // While hidden (a tab not shown) an edit does not redraw the map, nor read its data:
        // at 2,000 facilities a draw is about 50 ms of every keystroke. Shown again, it draws
        // the latest data.
        if !shown.get()
            && let Some(p) = prev
        {
            return p.clone();
        }
        let o = MapOptions { selected: selected.get(), view_box: view_box.get(), ..page_options() };
        data.with(|d| render_guide_map(d, &o))
    });
    let page = move || untrack(|| data.with(|d| page_size(d, &page_options())));
    Effect::new(move |_| {
        if let Some(el) = canvas.get() {
            watch_gestures(&el, view_box, page);
            watch_display(&el, shown, narrow, move || {
                if let Some(c) = canvas.get_untracked() {
                    c.set_inner_html(&svg.get_untracked());
                }
            });
        }
    });
    let view_in = move |(w, h): (f64, f64)| view_box.get_untracked().unwrap_or([0.0, 0.0, w, h]);
    let current = move || view_in(page());
    let zoom = move |k: f64| {
        let (pw, ph) = page();
        let [x, y, w, h] = view_in((pw, ph));
        let nw = (w * k).clamp(pw / MOST_ZOOM, pw);
        let nh = h * nw / w;
        view_box.set(Some(on_page([x + (w - nw) / 2.0, y + (h - nh) / 2.0, nw, nh], (pw, ph))));
    };
    let pan = move |dx: f64, dy: f64| {
        let page = page();
        let [x, y, w, h] = view_in(page);
        view_box.set(Some(on_page([x + dx * w * 0.2, y + dy * h * 0.2, w, h], page)));
    };
    let choose = move |id: String| {
        selected.set(Some(id.clone()));
        // The details are drawn below the map: bring them into view when they are not (a tap
        // on a phone, a click low on a screen), or the choice would seem to do nothing.
        request_animation_frame(move || {
            let shown = canvas.get_untracked().and_then(|c| c.next_element_sibling());
            let below = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64());
            if let (Some(e), Some(h)) = (shown, below)
                && e.get_bounding_client_rect().bottom() > h
            {
                e.scroll_into_view_with_bool(false);
            }
        });
        if let Some(cb) = on_select {
            cb.run(id);
        }
    };
    let facility_at = |target: Option<web_sys::EventTarget>| -> Option<String> {
        let el = target?.dyn_into::<web_sys::Element>().ok()?;
        el.closest("[data-id]").ok().flatten()?.get_attribute("data-id")
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(id) = facility_at(ev.target()) {
            // A phone's tap discs overlap where facilities crowd: the element hit is the disc
            // drawn last; the facility meant is the nearest one (`guide_map::facility_at`).
            let nearest = clicked_point(&ev, current()).and_then(|(x, y)| {
                let o = untrack(page_options);
                data.with_untracked(|d| Some(d.facilities.get(guide_map::facility_at(d, &o, x, y)?)?.id.clone()))
            });
            choose(nearest.unwrap_or(id));
        } else if let Some(cb) = on_place
            && let Some(p) = clicked_point(&ev, current())
            && let Some(q) = data.with_untracked(|d| unproject(d, layout.get_untracked(), p.0, p.1))
        {
            cb.run(q);
        }
    };
    // A redraw replaces the SVG (`inner_html`), and with it the element the keyboard was on:
    // after a key handled on the map, or closing the details, the focus goes back to the same
    // facility (`Some(id)`) or to the map (`None`) in the next frame, once a redraw (run before
    // it) is in place. Without a redraw (an arrow at the pan limit) it stays where it is.
    let refocus = move |want: Option<String>| {
        request_animation_frame(move || {
            let Some(c) = canvas.get_untracked() else { return };
            // Ids are the circle's own (any text): compared as attributes, not put in a selector.
            let target = want.and_then(|id| {
                let all = c.query_selector_all("[data-id][tabindex]").ok()?;
                (0..all.length())
                    .filter_map(|i| all.item(i)?.dyn_into::<web_sys::Element>().ok())
                    .find(|e| e.get_attribute("data-id").as_deref() == Some(id.as_str()))
            });
            // An SVG `<g>` has `focus()` as an HTML element does (HTMLOrSVGElement).
            let _ = match target {
                Some(e) => e.unchecked_into::<web_sys::HtmlElement>().focus(),
                None => c.focus(),
            };
        });
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let on = facility_at(ev.target());
        let handled = match ev.key().as_str() {
            "Enter" | " " => match facility_at(ev.target()) {
                Some(id) => {
                    choose(id);
                    true
                }
                // On the map itself, in what-if mode: a facility at the centre of the view
                // (the crosshair), the keyboard's click.
                None => match on_place {
                    Some(cb) => {
                        let [x, y, w, h] = current();
                        if let Some(q) =
                            data.with_untracked(|d| unproject(d, layout.get_untracked(), x + w / 2.0, y + h / 2.0))
                        {
                            cb.run(q);
                        }
                        true
                    }
                    None => false,
                },
            },
            "+" | "=" => {
                zoom(0.8);
                true
            }
            "-" => {
                zoom(1.25);
                true
            }
            "0" => {
                view_box.set(None);
                true
            }
            "ArrowLeft" => {
                pan(-1.0, 0.0);
                true
            }
            "ArrowRight" => {
                pan(1.0, 0.0);
                true
            }
            "ArrowUp" => {
                pan(0.0, -1.0);
                true
            }
            "ArrowDown" => {
                pan(0.0, 1.0);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
            refocus(on);
        }
    };
    let details = move || {
        let l = lang.get();
        let id = selected.get()?;
        data.with(|d| {
            let f = d.facilities.iter().find(|f| f.id == id)?.clone();
            let category = d.categories.iter().find(|c| c.code == f.category).map(|c| &c.name);
            let cat = category.map(|c| c.get(l).to_string());
            let title = f.label(category, l);
            // An unnamed facility is told apart by its id (an OpenStreetMap `node/…`), not a made-up one (`#3`).
            let id = (f.name.trim().is_empty() && !f.id.starts_with('#')).then(|| f.id.clone());
            let row = |k: &'static str, v: Option<String>| v.map(|v| view! { <dt>{k}</dt><dd>{v}</dd> });
            Some(view! {
                <div class="lc-details" aria-live="polite">
                    <h3>{title}</h3>
                    <dl>
                        {row(tr(l, "业态", "Category"), cat.or(Some(f.category.clone())))}
                        {row(tr(l, "编号", "ID"), id)}
                        {row(tr(l, "营业时间", "Hours"), f.hours.clone())}
                        {row(tr(l, "品牌", "Brand"), f.brand.clone())}
                        {row(tr(l, "步行距离", "Walking distance"), f.walk_m.map(|m| format!("{} {}", fmt_num(m), tr(l, "米", "m"))))}
                        {row(tr(l, "状态", "Status"), f.not_open.then(|| tr(l, "规划中或已关闭", "planned or closed").to_string()))}
                    </dl>
                    <button type="button" class="lc-quiet" on:click=move |_| {
                        // The button goes with the details: the keyboard returns to the facility.
                        let id = selected.get_untracked();
                        selected.set(None);
                        refocus(id);
                    }>
                        {tr(l, "关闭", "Close")}
                    </button>
                </div>
            })
        })
    };
    view! {
        <section class="lc-root lc-map" class:lc-elder=move || elder.get() lang=move || lang_tag(lang.get())>
            <div class="lc-toolbar" role="toolbar" aria-label=move || tr(lang.get(), "地图缩放与移动", "Zoom and pan")>
                <button type="button" on:click=move |_| zoom(0.8)>{move || tr(lang.get(), "放大", "Zoom in")}</button>
                <button type="button" on:click=move |_| zoom(1.25)>{move || tr(lang.get(), "缩小", "Zoom out")}</button>
                <button type="button" class="lc-quiet" on:click=move |_| pan(-1.0, 0.0)
                    aria-label=move || tr(lang.get(), "向左移", "Pan left")>"←"</button>
                <button type="button" class="lc-quiet" on:click=move |_| pan(1.0, 0.0)
                    aria-label=move || tr(lang.get(), "向右移", "Pan right")>"→"</button>
                <button type="button" class="lc-quiet" on:click=move |_| pan(0.0, -1.0)
                    aria-label=move || tr(lang.get(), "向上移", "Pan up")>"↑"</button>
                <button type="button" class="lc-quiet" on:click=move |_| pan(0.0, 1.0)
                    aria-label=move || tr(lang.get(), "向下移", "Pan down")>"↓"</button>
                <button type="button" class="lc-quiet" on:click=move |_| view_box.set(None)>
                    {move || tr(lang.get(), "复位", "Reset")}
                </button>
            </div>
            <p class="lc-muted lc-gesture">{move || tr(lang.get(), "双指或 Ctrl+滚轮缩放，放大后拖动移动", "Pinch or Ctrl+wheel to zoom; drag to move when zoomed in")}</p>
            <div class="lc-canvas" node_ref=canvas class:lc-placing=on_place.is_some() tabindex="0" role="group"
                class:lc-zoomed=move || zoomed_in(view_box.get(), page())
                aria-label=move || if on_place.is_some() {
                    tr(lang.get(), "导视图：方向键移动，加减号缩放，回车查看设施；“如果……会怎样”开启时，在地图上按回车即在视图中心（十字处）放置假设设施",
                        "Guide map: arrows pan, + and - zoom, Enter shows a facility; with what-if on, Enter on the map places a facility at the centre of the view (the crosshair)")
                } else {
                    tr(lang.get(), "导视图：方向键移动，加减号缩放，回车查看设施", "Guide map: arrows pan, + and - zoom, Enter shows a facility")
                }
                on:click=on_click on:keydown=on_key inner_html=move || svg.get()>
            </div>
            {details}
        </section>
    }
}

/// How far in the map zooms: a view an eighth of the page wide.
const MOST_ZOOM: f64 = 8.0;

/// Movement, in CSS pixels, after which a pressed mouse or pen drags the map instead of clicking.
const DRAG_PX: f64 = 4.0;
/// The same for a finger, whose tap jitters more.
const TAP_PX: f64 = 10.0;

/// Whether the view shows less than the whole page's width: then a finger drags the map
/// (`touch-action: none`); at the whole page it scrolls the page the map is embedded in.
fn zoomed_in(view_box: Option<[f64; 4]>, (pw, _): (f64, f64)) -> bool {
    view_box.is_some_and(|v| v[2] < pw * 0.999)
}

/// Drag, pinch and Ctrl+wheel on the map `el`: one listener for the pointer and wheel events
/// (fewer bytes than a typed handler each). While a gesture lasts the viewBox moves on the SVG
/// element itself; it is kept in `view_box` when the gesture ends (a wheel's 250 ms after the
/// last), so a drag redraws the map once, not on every move. A finger scrolls the page unless
/// the map is zoomed in; the plain wheel is left to the page. The click that ends a drag is
/// stopped before it reaches the map's own click handler. Removed with the map.
fn watch_gestures(
    el: &web_sys::HtmlDivElement,
    view_box: RwSignal<Option<[f64; 4]>>,
    page: impl Fn() -> (f64, f64) + 'static,
) {
    use leptos::wasm_bindgen::closure::Closure;
    use std::cell::RefCell;
    use std::rc::Rc;
    let state = Rc::new(RefCell::new(Gesture::default()));
    let state_for_cleanup = state.clone();
    let commit = {
        let state = state.clone();
        Closure::<dyn FnMut()>::new(move || {
            let live = state.borrow_mut().live.take();
            if let Some(l) = live {
                view_box.set(Some(l.vb));
            }
        })
    };
    let window = web_sys::window();
    let canvas = el.clone();
    let timer = commit.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let handler = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let kind = ev.type_();
        let mut g = state.borrow_mut();
        if kind == "click" {
            if std::mem::take(&mut g.moved) {
                ev.stop_immediate_propagation();
                ev.prevent_default();
            }
            return;
        }
        if kind == "touchmove" {
            // Two fingers are the map's pinch: the page must not start panning under them
            // (with `touch-action: pan-x pan-y` it could, and cancel the pinch).
            if ev.unchecked_ref::<web_sys::TouchEvent>().touches().length() >= 2 {
                ev.prevent_default();
            }
            return;
        }
        // Looked up when a view moves, not on every event (a mouse over the map sends many).
        let svg = || canvas.query_selector("svg").ok().flatten();
        // The frame of a gesture that starts moving: the page's size and the SVG's box.
        let start = |g: &mut Gesture| {
            if g.live.is_none() {
                let r = svg()?.get_bounding_client_rect();
                if r.width() <= 0.0 || r.height() <= 0.0 {
                    return None;
                }
                let page = if g.down.is_empty() { page() } else { g.page };
                let vb = view_box.get_untracked().unwrap_or([0.0, 0.0, page.0, page.1]);
                g.live = Some(Live { vb, page, rect: [r.left(), r.top(), r.width(), r.height()] });
            }
            Some(())
        };
        let moved_to = if kind == "wheel" {
            let w = ev.unchecked_ref::<web_sys::WheelEvent>();
            if !w.ctrl_key() {
                return;
            }
            ev.prevent_default();
            let dy = w.delta_y() * if w.delta_mode() == 0 { 1.0 } else { 16.0 };
            let at = (f64::from(w.client_x()), f64::from(w.client_y()));
            let (Some(()), Some(live)) = (start(&mut g), g.live.as_mut()) else { return };
            live.vb = live.scaled((dy * 0.002).clamp(-0.5, 0.5).exp(), at, at);
            let vb = live.vb;
            if let Some(w) = &window {
                w.clear_timeout_with_handle(g.timer);
                g.timer = w.set_timeout_with_callback_and_timeout_and_arguments_0(&timer, 250).unwrap_or(0);
            }
            vb
        } else {
            let p = ev.unchecked_ref::<web_sys::PointerEvent>();
            let id = p.pointer_id();
            let at = (f64::from(p.client_x()), f64::from(p.client_y()));
            let touch = p.pointer_type() == "touch";
            match kind.as_str() {
                "pointerdown" => {
                    if !touch && p.button() != 0 {
                        return;
                    }
                    // A mouse or pen released outside the map sent no `pointerup` here.
                    g.down.retain(|d| d.0 != id && touch);
                    if g.down.is_empty() {
                        g.moved = false;
                        g.from = at;
                        // Worked out once a gesture (on the phone layout it lays out the legend).
                        g.page = page();
                        g.zoomed = zoomed_in(view_box.get_untracked(), g.page);
                    }
                    g.down.push((id, at.0, at.1));
                    return;
                }
                "pointermove" => {
                    let Some(i) = g.down.iter().position(|d| d.0 == id) else { return };
                    if !touch && p.buttons() == 0 {
                        // Released where the map did not hear it (outside, before capture).
                        g.down.clear();
                        return;
                    }
                    // Until it has moved a few pixels a pointer is still clicking (a finger's
                    // tap jitters more than a mouse's click); its position stays where it went
                    // down, so the map then catches up with it whole. One finger is the page's
                    // at the whole page, unless it is what is left of a pinch.
                    let slop = if touch { TAP_PX } else { DRAG_PX };
                    if g.down.len() == 1
                        && ((touch && !g.zoomed && g.live.is_none())
                            || (!g.moved && (at.0 - g.from.0).hypot(at.1 - g.from.1) < slop))
                    {
                        return;
                    }
                    let (a0, b0) = (g.down[0], g.down.get(1).copied());
                    g.down[i] = (id, at.0, at.1);
                    if i > 1 {
                        return;
                    }
                    if !g.moved {
                        g.moved = true;
                        for d in &g.down {
                            let _ = canvas.set_pointer_capture(d.0);
                        }
                    }
                    let (a1, b1) = (g.down[0], g.down.get(1).copied());
                    let (Some(()), Some(live)) = (start(&mut g), g.live.as_mut()) else { return };
                    let xy = |d: (i32, f64, f64)| (d.1, d.2);
                    live.vb = match (b0, b1) {
                        (Some(b0), Some(b1)) => {
                            let mid = |a: (i32, f64, f64), b: (i32, f64, f64)| ((a.1 + b.1) / 2.0, (a.2 + b.2) / 2.0);
                            let d0 = (a0.1 - b0.1).hypot(a0.2 - b0.2);
                            let d1 = (a1.1 - b1.1).hypot(a1.2 - b1.2);
                            let k = if d0 > 0.0 && d1 > 0.0 { d0 / d1 } else { 1.0 };
                            live.scaled(k, mid(a0, b0), mid(a1, b1))
                        }
                        _ => live.scaled(1.0, xy(a0), xy(a1)),
                    };
                    ev.prevent_default();
                    live.vb
                }
                // `pointerup`, `pointercancel`.
                _ => {
                    g.down.retain(|d| d.0 != id);
                    if g.down.is_empty() && g.live.is_some() {
                        drop(g);
                        let _ = timer.call0(&leptos::wasm_bindgen::JsValue::NULL);
                    }
                    return;
                }
            }
        };
        if let Some(e) = svg() {
            let [x, y, w, h] = moved_to;
            let _ = e.set_attribute("viewBox", &format!("{x} {y} {w} {h}"));
        }
    });
    let f: &js_sys::Function = handler.as_ref().unchecked_ref();
    for kind in ["pointerdown", "pointermove", "pointerup", "pointercancel", "wheel", "touchmove"] {
        let _ = el.add_event_listener_with_callback(kind, f);
    }
    let _ = el.add_event_listener_with_callback_and_bool("click", f, true);
    // The listeners go with the element; the closures are freed with the map, a wheel's
    // pending keep first (it would call a freed closure).
    let kept = send_wrapper::SendWrapper::new((handler, commit, state_for_cleanup, web_sys::window()));
    on_cleanup(move || {
        let (handler, commit, state, window) = kept.take();
        if let Some(w) = window {
            w.clear_timeout_with_handle(state.borrow().timer);
        }
        drop((handler, commit));
    });
}

/// The pointers on the map and the view they are moving.
#[derive(Default)]
struct Gesture {
    /// The pointers down: id and last position (client pixels); the first two pinch.
    down: Vec<(i32, f64, f64)>,
    /// Where the first pointer went down.
    from: (f64, f64),
    /// The view while a gesture moves it (not yet in the signal).
    live: Option<Live>,
    /// Whether the gesture moved the map: the click ending it is then ignored.
    moved: bool,
    /// The pending keep of a wheel zoom (`setTimeout`).
    timer: i32,
    /// The page's size, and whether the view was zoomed in, when the first pointer went down.
    page: (f64, f64),
    zoomed: bool,
}

/// A view being moved: the viewBox, the page's size (units) and the SVG's box on screen
/// (`[left, top, width, height]`, client pixels), fixed for the gesture.
#[derive(Clone, Copy)]
struct Live {
    vb: [f64; 4],
    page: (f64, f64),
    rect: [f64; 4],
}

impl Live {
    /// The viewBox after a move of the point under `from` (client pixels) to `to`, the width
    /// scaled by `k` (kept between an eighth of the page and the whole page), with its centre
    /// kept on the page.
    fn scaled(&self, k: f64, from: (f64, f64), to: (f64, f64)) -> [f64; 4] {
        let [_, _, w, h] = self.vb;
        let (pw, _) = self.page;
        let p = unit_at(self.vb, self.rect, from);
        let nw = (w * k).clamp(pw / MOST_ZOOM, pw);
        let nh = h * nw / w;
        // Where `to` falls in a view of the new size placed at the origin: the view goes there.
        let off = unit_at([0.0, 0.0, nw, nh], self.rect, to);
        on_page([p.0 - off.0, p.1 - off.1, nw, nh], self.page)
    }
}

/// A view moved so that its centre stays on the page `(pw, ph)`: however it was panned (the
/// arrow keys, the buttons, a drag or a pinch), at least a quarter of it shows the map.
fn on_page([x, y, w, h]: [f64; 4], (pw, ph): (f64, f64)) -> [f64; 4] {
    [x.clamp(-w / 2.0, pw - w / 2.0), y.clamp(-h / 2.0, ph - h / 2.0), w, h]
}

/// Keeps `shown` telling whether `el` is displayed, and `narrow` whether it is narrower than
/// [`PHONE_BELOW_PX`]: a `ResizeObserver` reports a size of zero when the map is hidden
/// (`display: none` on it or an ancestor, as on a tab not shown) and its size when shown again
/// or resized, before that frame is painted, so a map shown again is never seen stale.
/// Printing does not wait for a frame: before printing, a hidden map is marked shown and
/// `draw_now` draws it at once. Both stop with the map (`on_cleanup`).
fn watch_display(
    el: &web_sys::HtmlDivElement,
    shown: RwSignal<bool>,
    narrow: RwSignal<bool>,
    draw_now: impl Fn() + 'static,
) {
    use leptos::wasm_bindgen::closure::Closure;
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let last = entries.iter().filter_map(|e| e.dyn_into::<web_sys::ResizeObserverEntry>().ok()).next_back();
        if let Some(e) = last {
            let width = e.content_rect().width();
            let visible = width > 0.0;
            if shown.get_untracked() != visible {
                shown.set(visible);
            }
            // A hidden map keeps the layout it had (its width is 0 only while hidden).
            if visible && narrow.get_untracked() != (width < PHONE_BELOW_PX) {
                narrow.set(width < PHONE_BELOW_PX);
            }
        }
    });
    let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else { return };
    observer.observe(el);
    let before_print = Closure::<dyn FnMut()>::new(move || {
        if !shown.get_untracked() {
            shown.set(true);
            draw_now();
        }
    });
    let window = web_sys::window();
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback("beforeprint", before_print.as_ref().unchecked_ref());
    }
    let kept = send_wrapper::SendWrapper::new((observer, on_resize, before_print, window));
    on_cleanup(move || {
        let (observer, _on_resize, before_print, window) = kept.take();
        observer.disconnect();
        if let Some(w) = window {
            let _ = w.remove_event_listener_with_callback("beforeprint", before_print.as_ref().unchecked_ref());
        }
    });
}

/// The point of a click in the SVG's viewBox units (`view_box` is the one drawn).
fn clicked_point(ev: &leptos::ev::MouseEvent, view_box: [f64; 4]) -> Option<(f64, f64)> {
    // A script's or an assistive tool's `click` may be a plain `Event`, with no point.
    if !ev.is_instance_of::<web_sys::MouseEvent>() {
        return None;
    }
    let canvas = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let svg = canvas.query_selector("svg").ok().flatten()?;
    let r = svg.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 || view_box[2] <= 0.0 || view_box[3] <= 0.0 {
        return None;
    }
    let rect = [r.left(), r.top(), r.width(), r.height()];
    Some(unit_at(view_box, rect, (f64::from(ev.client_x()), f64::from(ev.client_y()))))
}

/// The viewBox point under a client point, for a view `vb` shown in the box `rect`
/// (`[left, top, width, height]`, client pixels) with the default `preserveAspectRatio`
/// (`xMidYMid meet`: scaled to fit, centred).
fn unit_at(vb: [f64; 4], rect: [f64; 4], (cx, cy): (f64, f64)) -> (f64, f64) {
    let [l, t, rw, rh] = rect;
    let s = (rw / vb[2]).min(rh / vb[3]);
    let (ox, oy) = (l + (rw - vb[2] * s) / 2.0, t + (rh - vb[3] * s) / 2.0);
    (vb[0] + (cx - ox) / s, vb[1] + (cy - oy) / s)
}

#[cfg(test)]
mod tests {
    use super::{Live, on_page, unit_at};

    #[test]
    fn panning_stops_with_the_centre_at_the_edge_of_the_page() {
        // Ten presses of the arrow key, each a fifth of the view: the view stops once its
        // centre reaches the page's edge, so the map never leaves it.
        let page = (1280.0, 940.0);
        let mut vb = [0.0, 0.0, 640.0, 470.0];
        for _ in 0..10 {
            vb = on_page([vb[0] + 0.2 * vb[2], vb[1] - 0.2 * vb[3], vb[2], vb[3]], page);
        }
        assert_eq!(vb, [960.0, -235.0, 640.0, 470.0]);
        // A view already on the page is left as it is.
        assert_eq!(on_page([100.0, 80.0, 640.0, 470.0], page), [100.0, 80.0, 640.0, 470.0]);
    }

    fn live(vb: [f64; 4]) -> Live {
        // A 1280 × 940 page shown 640 px wide, 100 px from the left and 50 from the top.
        Live { vb, page: (1280.0, 940.0), rect: [100.0, 50.0, 640.0, 470.0] }
    }

    #[test]
    fn a_drag_moves_the_point_under_the_pointer_with_it() {
        let l = live([0.0, 0.0, 1280.0, 940.0]);
        // 2 units a pixel: 30 px left and 10 up is 60 and 20 units.
        assert_eq!(l.scaled(1.0, (400.0, 300.0), (370.0, 290.0)), [60.0, 20.0, 1280.0, 940.0]);
    }

    #[test]
    fn a_pinch_keeps_the_point_between_the_fingers_under_them() {
        let l = live([100.0, 80.0, 640.0, 470.0]);
        let (from, to) = ((300.0, 200.0), (320.0, 260.0));
        let before = unit_at(l.vb, l.rect, from);
        let vb = l.scaled(0.5, from, to);
        assert_eq!((vb[2], vb[3]), (320.0, 235.0));
        let after = unit_at(vb, l.rect, to);
        assert!((after.0 - before.0).abs() < 1e-9 && (after.1 - before.1).abs() < 1e-9, "{before:?} {after:?}");
    }

    #[test]
    fn zoom_stays_between_an_eighth_and_the_whole_page_and_the_centre_on_it() {
        let l = live([0.0, 0.0, 1280.0, 940.0]);
        assert_eq!(l.scaled(4.0, (420.0, 285.0), (420.0, 285.0))[2], 1280.0);
        assert_eq!(l.scaled(0.01, (420.0, 285.0), (420.0, 285.0))[2], 160.0);
        // A fling far to the left stops with the view's centre on the page's right edge.
        let vb = l.scaled(1.0, (400.0, 300.0), (-5000.0, 300.0));
        assert_eq!(vb[0] + vb[2] / 2.0, 1280.0);
    }
}
