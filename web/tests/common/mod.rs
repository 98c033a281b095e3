//! What the browser test files share: a host element on the page and the evaluation date.
#![allow(dead_code)]

use leptos::wasm_bindgen::JsCast;
use lifecircle_core::Date;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh `<div>` at the end of the page's body, to mount a widget into.
pub fn host() -> web_sys::HtmlElement {
    let el = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el.dyn_into().unwrap()
}

/// The evaluation date of the tests (the golden cases' date).
pub fn as_of() -> Date {
    Date::new(2025, 6, 30).unwrap()
}

/// Each question of a form in `el`: its indicator's id, its heading (`[id] name`) and the
/// question's element.
pub fn questions(el: &web_sys::HtmlElement) -> Vec<(String, String, web_sys::Element)> {
    let qs = el.query_selector_all(".lc-q").unwrap();
    (0..qs.length())
        .map(|i| {
            let q: web_sys::Element = qs.item(i).unwrap().unchecked_into();
            let head = q.query_selector(".lc-q-name").unwrap().unwrap().text_content().unwrap();
            let id = head.trim_start_matches('[').split(']').next().unwrap().to_string();
            (id, head, q)
        })
        .collect()
}
