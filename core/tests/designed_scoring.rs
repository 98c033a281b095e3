//! A standard's scoring that is this project's design is never presented as official: the
//! built-in standards, whose points and grade cut-offs are designed, are proposals, not issued
//! standards; and a standard whose points would read as official only because no `points_cite`
//! says otherwise is warned of at its file, line and item, without changing a score.

use lifecircle_core::standard::{self, BUILTIN, Confidence, resolve};
use lifecircle_core::{Circle, Date, score};

/// The auditor's example (audit of 2026-12-06): a city's own standard on top of mofcom-2021 that
/// rewrites MC-L04 with a verified requirement and no citation of its points. `points = 4` is
/// on line 23 (counted by hand: 14 lines of `[standard]`, a blank line, then the item).
const MINE: &str = include_str!("designed_scoring/mine-2026.toml");

/// The points' citation the built-in MC-L04 has, to add to [`MINE`].
const POINTS_CITE: &str = r#"[indicators.points_cite]
source = "lifecircle-design"
confidence = "provisional"
reason = "作为4分检查项为设计"
"#;

#[test]
fn no_built_in_standard_whose_scoring_is_designed_is_official() {
    for b in BUILTIN {
        let st = standard::load_builtin(b.id).expect("built in");
        // Designed scoring: some item's points, or a grade's cut-off, are provisional.
        let designed_points = st.indicators.iter().any(|i| i.provisional().1);
        let designed_grades = st.grades.iter().any(|g| g.cite.confidence == Confidence::Provisional);
        assert!(designed_points && designed_grades, "{}: its scoring is expected to be designed", b.id);
        assert_ne!(st.status, "official", "{}: designed scoring is not an issued standard", b.id);
        assert_eq!(st.status, "proposal", "{}", b.id);
        // The file says so too (the bundle is checked against the files elsewhere).
        let text = standard::builtin_text(b.id).expect("its text");
        assert!(text.contains("\nstatus = \"proposal\"\n"), "{}", b.id);
    }
}

#[test]
fn points_without_their_own_citation_are_warned_at_their_file_line_and_item() {
    let r = standard::load_text_noted("mine.toml", MINE).expect("valid: a warning is no error");
    assert_eq!(r.warnings.len(), 1, "{:#?}", r.warnings);
    let w = &r.warnings[0];
    assert_eq!((w.file.as_str(), w.line, w.item.as_deref()), ("mine.toml", Some(23), Some("MC-L04")));
    let shown = w.to_string();
    assert!(shown.starts_with("mine.toml:23:"), "{shown}");
    let (zh, en) = shown.split_once(" / ").unwrap_or_else(|| panic!("Chinese / English: {shown}"));
    for want in ["MC-L04", "4 分将显示为官方数值", "points_cite", "provisional", "reason", "正式印发的文件"]
    {
        assert!(zh.contains(want), "the Chinese lacks {want}: {shown}");
    }
    for want in ["MC-L04", "shown as official", "points_cite", "provisional", "reason", "issued document"] {
        assert!(en.contains(want), "the English lacks {want}: {shown}");
    }
    assert!(zh.ends_with(&w.message_zh()), "JSON's message_zh says the same Chinese: {shown}");

    // The warning changes nothing: the same standard as without asking for warnings, and the
    // item's points as written (so its score is that of the old reading).
    let plain = standard::load_text("mine.toml", MINE).expect("valid");
    assert_eq!(plain, r.standard);
    assert_eq!(r.standard.indicator("MC-L04").map(|i| (i.points, i.provisional())), Some((4.0, (false, false))));
    let case: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/cases/mofcom-2021/plausible-circle-hand-worked.json")).unwrap();
    let circle = Circle::from_json(&case["circle"].to_string()).unwrap();
    let day = Date::new(2026, 12, 6).unwrap();
    let (a, b) = (score(&plain, &circle, day).unwrap(), score(&r.standard, &circle, day).unwrap());
    assert_eq!((a.total, &a.indicators), (b.total, &b.indicators));
}

#[test]
fn cited_designed_or_pointless_items_are_not_warned() {
    let quiet = |text: &str| {
        let r = standard::load_text_noted("mine.toml", text).expect("valid");
        assert!(r.warnings.is_empty(), "{:#?}", r.warnings);
    };
    // The points cited on their own, as the built-in item does.
    quiet(&format!("{MINE}{POINTS_CITE}"));
    // A requirement itself provisional: the points read as designed already.
    quiet(&MINE.replacen(
        "confidence = \"verified\"\nevidence = \"V\"\nquote = \"一圈一策\"\n",
        "confidence = \"provisional\"\nreason = \"设计\"\n",
        1,
    ));
    // No points to show (the sums still add up: layout 22 − 4, total 100 − 4).
    let layout = "\n[[dimensions]]\nid = \"layout\"\noverride = true\nzh = \"布局\"\nen = \"Layout\"\npoints = 18\n";
    quiet(&format!(
        "{}{layout}",
        MINE.replacen("points = 4\n", "points = 0\n", 1).replacen("total_points = 100", "total_points = 96", 1)
    ));
}

#[test]
fn an_item_in_a_parent_file_is_warned_at_the_parent_s_line() {
    // The city's standard as a parent of a district's, which adds nothing of its own.
    let child = MINE.split("\n[[indicators]]").next().expect("the metadata").replacen(
        "id = \"mine-2026\"\n",
        "id = \"kid-2026\"\n",
        1,
    );
    let child = child.replacen("extends = \"mofcom-2021\"", "extends = \"mine-2026\"", 1);
    let lookup = |id: &str| match id {
        "mine-2026" => Some(("mine-2026.toml".to_string(), MINE.to_string())),
        other => standard::builtin_parent(other),
    };
    let r = resolve::resolve_noted("kid-2026.toml", &child, &lookup).expect("valid");
    let at: Vec<_> = r.warnings.iter().map(|w| (w.file.as_str(), w.line, w.item.as_deref())).collect();
    assert_eq!(at, [("mine-2026.toml", Some(23), Some("MC-L04"))]);
}

#[test]
fn a_packed_standard_is_warned_of_by_item() {
    let st = standard::load_text("mine.toml", MINE).expect("valid");
    let back = standard::bundle::unpack_standard(&standard::bundle::pack_standard(&st)).expect("reads back");
    let w = resolve::warnings_of(&back, "mine.lcs");
    let at: Vec<_> = w.iter().map(|w| (w.file.as_str(), w.line, w.item.as_deref())).collect();
    assert_eq!(at, [("mine.lcs", None, Some("MC-L04"))]);
}

#[test]
fn the_built_in_standards_give_no_warning() {
    for b in BUILTIN {
        let text = standard::builtin_text(b.id).expect("its text");
        let r = resolve::resolve_noted(b.file, text, &standard::builtin_parent).expect("valid");
        assert!(r.warnings.is_empty(), "{}: {:#?}", b.id, r.warnings);
        let st = standard::load_builtin(b.id).expect("built in");
        assert!(resolve::warnings_of(&st, b.file).is_empty(), "{}", b.id);
    }
}
