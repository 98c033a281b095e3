//! What the widgets mark and where the keyboard goes, in a real browser (headless Chromium
//! through wasm-bindgen-test): the official/provisional line on the score card, the gap
//! report and the assessment form, the guide map's focus after a redraw and its pan limit, what-if without a centre,
//! and the problem list in large-text mode.
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test -p lifecircle-web --target wasm32-unknown-unknown --test marks
//! ```
#![cfg(target_arch = "wasm32")]

use leptos::wasm_bindgen::JsCast;
use lifecircle_core::assessment::provisional_mark;
use lifecircle_core::standard::{Confidence, Lang};
use lifecircle_core::{Circle, load_builtin, score};
use lifecircle_web::{MountOptions, mount_assessment, mount_gap_report, mount_guide_map, mount_scorecard};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{as_of, document, host, questions};

fn options(circle: &str) -> MountOptions {
    let mut o = MountOptions::new(load_builtin("longwan-2024").unwrap(), as_of());
    o.circle_json = Some(circle.to_string());
    o
}

fn sample() -> &'static str {
    lifecircle_core::example::example("longwan-2024").unwrap().json
}

/// Lets effects, the renderer and an animation frame run.
async fn settle() {
    for _ in 0..4 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 40).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
}

fn texts(el: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let all = el.query_selector_all(selector).unwrap();
    (0..all.length()).map(|i| all.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

fn key(target: &web_sys::Element, name: &str) {
    let k = web_sys::KeyboardEventInit::new();
    k.set_key(name);
    k.set_bubbles(true);
    target.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &k).unwrap()).unwrap();
}

fn focused_id() -> Option<String> {
    document().active_element()?.get_attribute("data-id")
}

#[wasm_bindgen_test]
async fn designed_values_are_marked_on_the_card_and_in_the_plan() {
    let st = load_builtin("longwan-2024").unwrap();
    let a = score(&st, &Circle::from_json(sample()).unwrap(), as_of()).unwrap();
    // What the core says each summary and each plan item must carry, in order.
    let want_card: Vec<String> =
        a.indicators.iter().filter_map(|r| provisional_mark(r.confidence, r.points_confidence)).map(|m| m.zh).collect();
    let want_plan: Vec<String> =
        a.gaps.iter().filter_map(|g| provisional_mark(g.confidence, g.points_confidence)).map(|m| m.zh).collect();
    // Every point of the district standard is designed (MOFCOM's tables were not obtained);
    // some requirements are too.
    assert_eq!(want_card.len(), a.indicators.len());
    assert!(want_card.iter().any(|m| m == "要求与分值暂定") && want_card.iter().any(|m| m == "分值暂定"));

    let el = host();
    let _card = mount_scorecard(el.clone(), options(sample())).unwrap();
    settle().await;
    assert_eq!(texts(&el, "details summary .lc-prov"), want_card);
    // The total itself says so under it: read alone it would pass for an official score.
    assert!(a.indicators.iter().all(|r| r.points_confidence == Confidence::Provisional));
    assert_eq!(texts(&el, ".lc-points-note"), ["总分的各项分值均为暂定（本项目设计或未经核实），不是官方评分。"]);
    // The gates, vetoes and mandatory items at the top carry their indicator's mark too (the
    // 9-of-13 gate and the veto are designed: they must not read as official).
    let want_checks: Vec<(String, Option<String>)> = {
        let mut checks = a.checks.clone();
        lifecircle_core::order::sort_by_key(&mut checks, |c| c.passed);
        checks
            .iter()
            .map(|c| {
                let r = a.indicators.iter().find(|r| r.id == c.indicator).unwrap();
                (c.indicator.clone(), provisional_mark(r.confidence, r.points_confidence).map(|m| m.zh))
            })
            .collect()
    };
    let items = el.query_selector_all(".lc-checks li").unwrap();
    assert_eq!(items.length() as usize, want_checks.len());
    for (i, (id, mark)) in want_checks.iter().enumerate() {
        let li: web_sys::Element = items.item(i as u32).unwrap().unchecked_into();
        assert!(li.text_content().unwrap().contains(&format!("[{id}]")));
        assert_eq!(li.query_selector(".lc-prov").unwrap().map(|m| m.text_content().unwrap()), *mark, "{id}");
    }
    assert!(want_checks.iter().any(|(id, m)| id == "LW-V01" && m.as_deref() == Some("要求与分值暂定")));
    assert!(texts(&el, ".lc-prov-note").concat().contains("并非官方数值"));

    let el = host();
    let plan = mount_gap_report(el.clone(), options(sample())).unwrap();
    settle().await;
    // Each item (listed once, under its lead unit; the units' index lists ids only) carries its
    // gap's mark, or none.
    let items = el.query_selector_all(".lc-unit:not(.lc-index) li").unwrap();
    assert_eq!(items.length() as usize, a.gaps.len());
    for i in 0..items.length() {
        let li: web_sys::Element = items.item(i).unwrap().unchecked_into();
        let t = li.text_content().unwrap();
        let g = a.gaps.iter().find(|g| t.contains(&format!("[{}]", g.indicator))).expect("a gap of the core");
        let mark = li.query_selector(".lc-prov").unwrap().map(|m| m.text_content().unwrap());
        assert_eq!(mark, provisional_mark(g.confidence, g.points_confidence).map(|m| m.zh), "{t}");
    }
    assert!(!want_plan.is_empty(), "the sample's plan has designed items");
    assert!(texts(&el, ".lc-prov-note").concat().contains("并非官方数值"));
    plan.set_lang(Lang::En);
    settle().await;
    assert!(texts(&el, ".lc-unit:not(.lc-index) li .lc-prov").iter().all(|m| m.starts_with("provisional")));
}

/// The words an element's `aria-labelledby` or `aria-describedby` (`attr`) gives it (the texts
/// of the elements it names).
fn aria_words(el: &web_sys::Element, attr: &str) -> String {
    let ids = el.get_attribute(attr).unwrap_or_default();
    ids.split_whitespace()
        .map(|id| document().get_element_by_id(id).and_then(|e| e.text_content()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each question of the form, by its indicator's id: its mark beside the heading (or none),
/// and the question's accessible description.
fn form_marks(el: &web_sys::HtmlElement) -> Vec<(String, Option<String>, String)> {
    questions(el)
        .into_iter()
        .map(|(id, head, q)| {
            let mark = q.query_selector(".lc-q-head .lc-prov").unwrap().map(|m| m.text_content().unwrap());
            // (its name stays its heading's: the first words of its boxes' names)
            assert_eq!(aria_words(&q, "aria-labelledby"), head);
            (id, mark, aria_words(&q, "aria-describedby"))
        })
        .collect()
}

/// The form asks each question under the mark the score card gives its result: a designed
/// requirement or designed points are marked beside the heading, and the mark describes the
/// question's group to a screen reader; an official item is not marked; the minimum sample of
/// a designed survey rule says it is provisional.
#[wasm_bindgen_test]
async fn designed_values_are_marked_in_the_form() {
    let st = load_builtin("longwan-2024").unwrap();
    // The marks the score card gives (the core's confidences of each result).
    let want = |st: &lifecircle_core::Standard| -> Vec<(String, Option<String>)> {
        let a = score(st, &Circle::from_json(sample()).unwrap(), as_of()).unwrap();
        st.indicators
            .iter()
            .map(|i| {
                let r = a.indicators.iter().find(|r| r.id == i.id).unwrap();
                (i.id.clone(), provisional_mark(r.confidence, r.points_confidence).map(|m| m.zh))
            })
            .collect()
    };
    let el = host();
    let form = mount_assessment(el.clone(), options(sample())).unwrap();
    settle().await;
    let got = form_marks(&el);
    let want_zh = want(&st);
    assert_eq!(got.iter().map(|(id, m, _)| (id.clone(), m.clone())).collect::<Vec<_>>(), want_zh);
    // (all points of the district standard are designed; some requirements too)
    assert!(got.iter().any(|(_, m, _)| m.as_deref() == Some("分值暂定")));
    assert!(got.iter().any(|(_, m, _)| m.as_deref() == Some("要求与分值暂定")));
    for (id, mark, described) in &got {
        assert_eq!(described, mark.as_deref().unwrap_or_default(), "{id}: the group is described by its mark");
    }
    assert!(texts(&el, ".lc-prov-note").concat().contains("并非官方数值"));
    // MC-R01's 100 valid responses are this project's design (its points_cite says so).
    let survey = |el: &web_sys::HtmlElement| {
        texts(el, ".lc-q").into_iter().find(|t| t.contains("[MC-R01]")).expect("the satisfaction question")
    };
    assert!(survey(&el).contains("有效样本不少于 100（暂定）"), "{}", survey(&el));
    form.set_lang(Lang::En);
    settle().await;
    let en = form_marks(&el);
    assert!(en.iter().all(|(_, m, d)| m.as_deref().is_some_and(|m| m.starts_with("provisional") && d == m)));
    assert!(survey(&el).contains("Minimum sample: 100 (provisional)"), "{}", survey(&el));

    // A standard whose satisfaction item is official (its requirement and points both verified,
    // as a district's own standard may cite them): no mark on its question, none on its sample.
    let mut official = st.clone();
    let r01 = official.indicators.iter_mut().find(|i| i.id == "MC-R01").unwrap();
    r01.cite.confidence = Confidence::Verified;
    r01.points_cite.as_mut().unwrap().confidence = Confidence::Verified;
    let el = host();
    let mut o = options(sample());
    o.standard = official.clone();
    let _form = mount_assessment(el.clone(), o).unwrap();
    settle().await;
    let got = form_marks(&el);
    assert_eq!(got.iter().map(|(id, m, _)| (id.clone(), m.clone())).collect::<Vec<_>>(), want(&official));
    let (_, mark, described) = got.iter().find(|(id, ..)| id == "MC-R01").unwrap();
    assert_eq!(*mark, None);
    assert_eq!(described, "", "an official item's group has no description");
    assert!(survey(&el).contains("有效样本不少于 100") && !survey(&el).contains("100（暂定）"), "{}", survey(&el));
}

#[wasm_bindgen_test]
async fn the_keyboard_stays_on_the_facility_after_the_map_redraws() {
    let el = host();
    let _m = mount_guide_map(el.clone(), options(sample())).unwrap();
    settle().await;
    let on = |id: &str| -> web_sys::HtmlElement {
        el.query_selector(&format!("[data-id='{id}'][tabindex]")).unwrap().expect(id).unchecked_into()
    };
    on("F04").focus().unwrap();
    assert_eq!(focused_id().as_deref(), Some("F04"));
    // Enter chooses it: the map is redrawn with it selected, the keyboard is still on it.
    key(&on("F04"), "Enter");
    settle().await;
    assert!(el.query_selector("[data-id='F04'].lc-selected").unwrap().is_some());
    assert_eq!(focused_id().as_deref(), Some("F04"), "after Enter");
    // Zooming from the facility keeps it too.
    key(&on("F04"), "+");
    settle().await;
    assert_eq!(focused_id().as_deref(), Some("F04"), "after +");
    // Closing the details (their button goes with them) returns to the facility.
    let close: web_sys::HtmlElement =
        el.query_selector(".lc-details button").unwrap().expect("close button").unchecked_into();
    close.focus().unwrap();
    close.click();
    settle().await;
    assert!(el.query_selector(".lc-details").unwrap().is_none());
    assert_eq!(focused_id().as_deref(), Some("F04"), "after closing the details");
}

#[wasm_bindgen_test]
async fn the_arrow_keys_do_not_move_the_map_off_the_view() {
    let el = host();
    let _m = mount_guide_map(el.clone(), options(sample())).unwrap();
    settle().await;
    let view_box = || -> Vec<f64> {
        let svg = el.query_selector("svg.lc-guide-map").unwrap().unwrap();
        svg.get_attribute("viewBox").unwrap().split_whitespace().map(|x| x.parse().unwrap()).collect()
    };
    let page = view_box();
    let canvas = el.query_selector(".lc-canvas").unwrap().unwrap();
    key(&canvas, "+");
    settle().await;
    for _ in 0..30 {
        key(&canvas, "ArrowRight");
        key(&canvas, "ArrowDown");
    }
    settle().await;
    let v = view_box();
    assert!(v[2] < page[2], "zoomed in: {v:?}");
    // Stopped with the view's centre on the page's right and bottom edges.
    assert!((v[0] + v[2] / 2.0 - (page[0] + page[2])).abs() < 1e-6, "{v:?} on {page:?}");
    assert!((v[1] + v[3] / 2.0 - (page[1] + page[3])).abs() < 1e-6, "{v:?} on {page:?}");
}

#[wasm_bindgen_test]
async fn what_if_says_it_needs_a_centre() {
    let el = host();
    let mut o = options(r#"{"id":"n","name":"无坐标"}"#);
    o.what_if = true;
    let _m = mount_guide_map(el.clone(), o).unwrap();
    settle().await;
    assert!(texts(&el, ".lc-whatif-nocentre").concat().contains("尚未填写中心坐标"));

    let el = host();
    let mut o = options(sample());
    o.what_if = true;
    let _m = mount_guide_map(el.clone(), o).unwrap();
    settle().await;
    assert!(el.query_selector(".lc-whatif-nocentre").unwrap().is_none(), "the sample has a centre");
}

#[wasm_bindgen_test]
async fn the_problem_list_follows_large_text() {
    let el = host();
    let mut o = options(r#"{"id":"x","name":"坏","population":-5}"#);
    o.elder = true;
    let m = mount_scorecard(el.clone(), o).unwrap();
    settle().await;
    assert!(el.query_selector(".lc-problems.lc-elder").unwrap().is_some());
    m.set_elder(false);
    settle().await;
    assert!(el.query_selector(".lc-problems").unwrap().is_some());
    assert!(el.query_selector(".lc-problems.lc-elder").unwrap().is_none());
}

/// Walking distances typed by hand are no longer those of the data files they were measured
/// from: the form stops naming the files (`walking.measured_from`), which would vouch for them.
#[wasm_bindgen_test]
async fn a_distance_typed_by_hand_drops_the_data_files_it_no_longer_comes_from() {
    let circle = r#"{"id":"m","name":"路网测距","location":{"crs":"wgs84","centre":[116.337,39.9495]},
        "walking":{"nearest_m":{"pharmacy":420},"measured_from":[{"role":"network","file":"bjtu.osm","sha256":"ab","crs":"wgs84"}]}}"#;
    let el = host();
    let m = lifecircle_web::mount_assessment(el.clone(), options(circle)).unwrap();
    settle().await;
    let files = || Circle::from_json(&m.to_json()).unwrap().walking.unwrap().measured_from.len();
    assert_eq!(files(), 1, "loaded as given");
    // The first distance from the centre the form asks for.
    let input: web_sys::HtmlInputElement =
        el.query_selector("input[id*='-near-']").unwrap().expect("a distance from the centre").unchecked_into();
    let code = input.id().split("-near-").nth(1).unwrap().to_string();
    input.set_value("380");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    settle().await;
    let c = Circle::from_json(&m.to_json()).unwrap();
    assert_eq!(c.walking.as_ref().unwrap().nearest_m.get(&code), Some(&380.0));
    assert_eq!(files(), 0);
}

/// A hypothetical facility is named by the what-if panel, not by a user: after a language
/// switch it is named again, so the list and the map speak one language.
#[wasm_bindgen_test]
async fn hypothetical_facilities_follow_the_language() {
    let el = host();
    let mut o = options(sample());
    o.what_if = true;
    let m = mount_guide_map(el.clone(), o).unwrap();
    settle().await;
    let on: web_sys::HtmlElement =
        el.query_selector(".lc-whatif input[type=checkbox]").unwrap().unwrap().unchecked_into();
    on.click();
    settle().await;
    key(&el.query_selector(".lc-canvas").unwrap().unwrap(), "Enter");
    settle().await;
    let name = || {
        let c = Circle::from_json(&m.to_json()).unwrap();
        c.facilities.iter().find(|f| f.id.as_deref() == Some("whatif-1")).map(|f| f.name.clone())
    };
    let zh = name().expect("placed");
    assert!(zh.starts_with("假设 ") && zh.ends_with(" #1"), "{zh}");
    m.set_lang(Lang::En);
    settle().await;
    let en = name().unwrap();
    assert!(en.starts_with("Hypothetical ") && en.ends_with(" #1"), "{en}");
    assert!(texts(&el, ".lc-whatif-list li").concat().contains(&en));
}
