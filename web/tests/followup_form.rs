//! The form's note of rows that look like one shop entered twice keeps only the pairs it lists
//! and counts the rest (`duplicates::first_suspected_duplicates_in`), saying "at least" when the
//! count stopped short: once it worked out every pair at each edit (half a million pairs of one
//! name entered a thousand times, written out at every keystroke).
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test -p lifecircle-web --features test-panic,district --target wasm32-unknown-unknown --test followup_form
//! ```
#![cfg(target_arch = "wasm32")]

use lifecircle_core::circle::Facility;
use lifecircle_core::standard::Lang;
use lifecircle_core::{Circle, load_builtin};
use lifecircle_web::{MountOptions, mount_assessment};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{as_of, host};

async fn settle() {
    for _ in 0..3 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
}

/// A circle of `n` pharmacies of one name, `step` degrees of latitude apart (0: at one place),
/// each under its own id.
fn pharmacies(n: usize, step: f64) -> String {
    let mut c = Circle::from_json(r#"{"id":"x","name":"测试圈"}"#).unwrap();
    c.facilities = (0..n)
        .map(|k| Facility {
            id: Some(format!("F{k}")),
            location: Some([120.81, 27.93 + step * k as f64]),
            ..Facility::new("pharmacy", "老百姓大药房")
        })
        .collect();
    serde_json::to_string(&c).unwrap()
}

fn note(el: &web_sys::HtmlElement) -> (u32, String) {
    let dups = el.query_selector(".lc-dups").unwrap().expect("the note");
    (dups.query_selector_all("li").unwrap().length(), dups.text_content().unwrap())
}

/// 300 copies at one place: 44,850 pairs, ten listed and the rest counted exactly.
#[wasm_bindgen_test]
async fn the_pairs_not_listed_are_counted() {
    let el = host();
    let mut o = MountOptions::new(load_builtin("longwan-2024").unwrap(), as_of());
    o.circle_json = Some(pharmacies(300, 0.0));
    let m = mount_assessment(el.clone(), o).unwrap();
    settle().await;
    let (listed, text) = note(&el);
    assert_eq!(listed, 10);
    assert!(text.ends_with("另有 44840 对。"), "{text}");
    assert!(!text.contains("至少"), "{text}");
    m.set_lang(Lang::En);
    settle().await;
    let (_, text) = note(&el);
    assert!(text.ends_with("44840 more pairs."), "{text}");
}

/// 7,000 places of one name half a centimetre apart (39 m from the first to the last): 24.5 million pairs of distinct places, more
/// than the search measures (`WORK_LIMIT`, 20 million). The note lists ten and says there are
/// at least so many more, Chinese first; keeping every pair, as the form did, is 24.5 million
/// warnings written out in the page's memory.
#[wasm_bindgen_test]
async fn past_the_limit_the_note_says_at_least() {
    let el = host();
    let mut o = MountOptions::new(load_builtin("longwan-2024").unwrap(), as_of());
    o.circle_json = Some(pharmacies(7_000, 5e-8));
    let started = js_sys::Date::now();
    let m = mount_assessment(el.clone(), o).unwrap();
    settle().await;
    let took = js_sys::Date::now() - started;
    let (listed, text) = note(&el);
    assert_eq!(listed, 10);
    let more: u64 = text
        .rsplit_once("另有至少 ")
        .and_then(|(_, n)| n.strip_suffix(" 对。"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("另有至少 N 对。: {text}"));
    assert!((20_000_000 - 10..7_000 * 6_999 / 2).contains(&more), "{more}");
    m.set_lang(Lang::En);
    settle().await;
    let (_, text) = note(&el);
    assert!(text.ends_with(&format!("At least {more} more pairs.")), "{text}");
    wasm_bindgen_test::console_log!("7,000 places of one name: mounted and noted in {took:.0} ms");
}
