//! The citation lines of the assessment form and the district dashboard say what the score
//! card's explanations and the district report say of a source (the provenance audit of
//! 2026-12-06): an official requirement read only in news reports or second-hand pages
//! (evidence V2) is marked 据新闻报道或转述 (the core's words, `assessment::NEWS`); a target
//! above the district whose Chinese is this project's wording says so
//! (`TargetProgress::wording_note`, as the district report prints it).
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test -p lifecircle-web --features test-panic,district --target wasm32-unknown-unknown --test citation_marks
//! ```
#![cfg(target_arch = "wasm32")]

use lifecircle_core::assessment::NEWS;
use lifecircle_core::load_builtin;
use lifecircle_core::standard::{Cite, Confidence, Lang};
use lifecircle_web::{MountOptions, mount_assessment};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::{as_of, host, questions};

async fn settle() {
    for _ in 0..4 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 40).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
}

#[cfg(feature = "district")]
fn texts(el: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let all = el.query_selector_all(selector).unwrap();
    (0..all.length()).map(|i| all.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

/// An official requirement read in news reports only: what the explanations mark.
fn news_only(c: &Cite) -> bool {
    c.confidence == Confidence::Verified && c.evidence.as_deref() == Some("V2")
}

/// Each question's indicator id and its citation line.
fn form_cites(el: &web_sys::HtmlElement) -> Vec<(String, String)> {
    questions(el)
        .into_iter()
        .map(|(id, _, q)| (id, q.query_selector(".lc-cite").unwrap().expect("a citation line").text_content().unwrap()))
        .collect()
}

#[wasm_bindgen_test]
async fn the_forms_citation_line_says_a_requirement_was_read_in_news_reports() {
    let st = load_builtin("longwan-2024").unwrap();
    let mut o = MountOptions::new(st.clone(), as_of());
    o.circle_json = Some(lifecircle_core::example::example("longwan-2024").unwrap().json.to_string());
    let el = host();
    let form = mount_assessment(el.clone(), o).unwrap();
    settle().await;
    let check = |lang: Lang, cites: &[(String, String)]| {
        let word = match lang {
            Lang::Zh => NEWS.0,
            Lang::En => NEWS.1,
        };
        assert_eq!(cites.len(), st.indicators.len());
        for (id, line) in cites {
            let ind = st.indicator(id).unwrap();
            assert_eq!(line.contains(word), news_only(&ind.cite), "{id}: {line}");
        }
    };
    let zh = form_cites(&el);
    check(Lang::Zh, &zh);
    // Zhejiang's doorstep tier (V2) under Longwan's MC-L01, by hand; the Longwan plan's own
    // LW-L01 (V) is not marked.
    let line = |cites: &[(String, String)], id: &str| cites.iter().find(|(i, _)| i == id).unwrap().1.clone();
    assert!(
        line(&zh, "MC-L01").ends_with("主要内容：家门口（本区任务：方案三(一)2）（据新闻报道或转述）"),
        "{}",
        line(&zh, "MC-L01")
    );
    assert!(!line(&zh, "LW-L01").contains("新闻"), "{}", line(&zh, "LW-L01"));
    form.set_lang(Lang::En);
    settle().await;
    let en = form_cites(&el);
    check(Lang::En, &en);
    assert!(line(&en, "MC-L01").ends_with(" (per news or second-hand reports)"), "{}", line(&en, "MC-L01"));
}

#[cfg(feature = "district")]
#[wasm_bindgen_test]
async fn the_dashboards_targets_say_whose_words_and_news_only() {
    use lifecircle_tests::district::{AS_OF, COMMUNITIES, STANDARD, circles};
    use lifecircle_web::mount_district;

    let st = load_builtin(STANDARD).unwrap();
    let d = lifecircle_core::district::summarise(&st, &circles(), AS_OF.parse().unwrap(), Some(COMMUNITIES))
        .unwrap_or_else(|_| panic!("the test district scores"));
    let mut o = MountOptions::new(st.clone(), AS_OF.parse().unwrap());
    o.circle_json = Some(serde_json::to_string(&circles()).unwrap());
    o.communities = Some(COMMUNITIES);
    let el = host();
    let m = mount_district(el.clone(), o).unwrap();
    settle().await;
    for lang in [Lang::Zh, Lang::En] {
        m.set_lang(lang);
        settle().await;
        // The targets above the district, in order: their source, then what the report says
        // beside it.
        let above: Vec<_> = d.targets.iter().filter(|t| !t.district_level).collect();
        let lines = texts(&el, ".lc-above li");
        assert_eq!(lines.len(), above.len());
        assert!(!above.is_empty());
        for (t, line) in above.iter().zip(&lines) {
            let note = t.wording_note(lang);
            assert!(!note.is_empty(), "{}: every target above the district is in this project's words", t.metric);
            assert!(line.contains(&t.source()) && line.contains(&note), "{line} lacks “{note}”");
        }
        let (ours, news) = match lang {
            Lang::Zh => ("表述为本项目转述，非原文", NEWS.0),
            Lang::En => ("worded by this project", NEWS.1),
        };
        assert!(lines.iter().all(|l| l.contains(ours)), "{lines:?}");
        // Zhejiang's plan is read in a news report (V2), the national guide in a reprint (V).
        assert!(lines.iter().any(|l| l.contains("浙商务联发〔2023〕123号") && l.contains(news)), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("商办流通函〔2021〕247号") && !l.contains(news)), "{lines:?}");
        // The district's own targets: their source lines, marked as the form's are.
        let own: Vec<_> = d.targets.iter().filter(|t| t.district_level).collect();
        let src = texts(&el, ".lc-t-src");
        assert_eq!(src.len(), own.len());
        for (t, line) in own.iter().zip(&src) {
            assert!(line.contains(&t.source()), "{line}");
            assert_eq!(line.contains(news), news_only(&t.cite), "{line}");
            assert!(!line.contains(ours), "{line}");
        }
    }
}
