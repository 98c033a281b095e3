//! A city standard written by extending a built-in one (`standard_review/wenzhou-2027.toml`,
//! from an author's review of 2026-12-06), broken one way at a time: what `validate` says must
//! name the author's own file and line, the value written, and how to fix it, Chinese first.

use lifecircle_core::standard::{self, DiagCode, Diagnostic};

const WZ: &str = include_str!("standard_review/wenzhou-2027.toml");
const NAME: &str = "wenzhou-2027.toml";

/// The file with each `from` replaced by its `to` (each must occur).
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = WZ.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{from:?} is not in the fixture");
        text = text.replacen(from, to, 1);
    }
    text
}

fn problems(edits: &[(&str, &str)]) -> Vec<Diagnostic> {
    match standard::load_text(NAME, &edited(edits)) {
        Ok(s) => panic!("{edits:?}: accepted as {} v{}", s.id, s.version),
        Err(e) => e.diagnostics,
    }
}

/// The one diagnostic of a broken file.
fn only(edits: &[(&str, &str)]) -> Diagnostic {
    let d = problems(edits);
    assert_eq!(d.len(), 1, "{edits:?}: {d:#?}");
    d[0].clone()
}

/// 1-based line of the first line of `text` that contains `needle` (a whole line, when it ends
/// with a line break).
fn line_of(text: &str, needle: &str) -> u32 {
    let hit = |l: &str| match needle.strip_suffix('\n') {
        Some(whole) => l == whole,
        None => l.contains(needle),
    };
    let i = text.lines().position(hit).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    u32::try_from(i + 1).expect("small")
}

#[test]
fn the_fixture_is_valid() {
    let s = standard::load_text(NAME, WZ).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((s.id.as_str(), s.total_points), ("wenzhou-2027", 100.0));
}

/// A verified value must quote its source or say why it cannot, in any standard (the rule the
/// built-in ones keep): nothing else would tell it from a value marked official by mistake.
#[test]
fn a_verified_value_without_quote_or_reason_is_refused_at_its_line() {
    let from = "cite = { source = \"wz-commerce-2027\", clause = \"二(3)\", confidence = \"provisional\", reason = \"市级新增要求，10分钟为设计值。\" }";
    let to = "cite = { source = \"wz-commerce-2027\", clause = \"二(3)\", confidence = \"verified\" }";
    let d = only(&[(from, to)]);
    let text = edited(&[(from, to)]);
    assert_eq!(
        (d.code, d.file.as_str(), d.line, d.item.as_deref()),
        (DiagCode::MissingCitation, NAME, Some(line_of(&text, to)), Some("WZ-S01")),
        "{d}"
    );
    let zh = d.message_zh();
    assert!(
        zh.contains("quote = \"原文\"") && zh.contains("confidence = \"provisional\"") && zh.contains("reason"),
        "{zh}"
    );
    assert!(d.message.contains("quote") && d.message.contains("reason"), "{d}");
    // A quote, or a reason, is enough.
    for enough in ["quote = \"电动自行车充电\"", "reason = \"研究笔记只记了英文\""] {
        let to = format!(
            "cite = {{ source = \"wz-commerce-2027\", clause = \"二(3)\", confidence = \"verified\", {enough} }}"
        );
        standard::load_text(NAME, &edited(&[(from, &to)])).unwrap_or_else(|e| panic!("{enough}: {e}"));
    }
    // The standard's own citation, and a grade's written as a table, alike.
    let d = problems(&[(
        "confidence = \"provisional\"\nreason = \"市级征求意见稿，尚未印发。\"",
        "confidence = \"verified\"",
    )]);
    assert!(
        d.iter().any(|d| d.code == DiagCode::MissingCitation && d.item.as_deref() == Some("wenzhou-2027")),
        "{d:#?}"
    );
}

/// `status = "official"` with a document number still a placeholder: refused at the number.
#[test]
fn an_official_standard_needs_its_document_number() {
    let d = only(&[("status = \"proposal\"", "status = \"official\"")]);
    assert_eq!((d.code, d.line), (DiagCode::BadValue, Some(line_of(WZ, "document = "))), "{d}");
    assert!(d.message_zh().contains("温商务〔2027〕待定") && d.message_zh().contains("proposal"), "{d}");
    let ok = edited(&[("status = \"proposal\"", "status = \"official\""), ("〔2027〕待定", "〔2027〕12号")]);
    standard::load_text(NAME, &ok).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn issued_after_effective_and_implausible_target_years_are_refused() {
    let edits = [
        ("issued = \"2026-12-01\"", "issued = \"2027-06-01\""),
        ("effective = \"2027-01-01\"", "effective = \"2026-01-01\""),
    ];
    let d = problems(&edits);
    let d = d.iter().find(|d| d.line == Some(line_of(WZ, "issued = "))).unwrap_or_else(|| panic!("{d:#?}"));
    assert_eq!(d.code, DiagCode::BadValue, "{d}");
    assert!(d.message_zh().contains("2027-06-01") && d.message_zh().contains("2026-01-01"), "{d}");
    let d = only(&[("year = 2027", "year = 1927")]);
    assert_eq!(
        (d.code, d.line, d.item.as_deref()),
        (DiagCode::BadValue, Some(line_of(WZ, "year = 2027")), Some("circles_built")),
        "{d}"
    );
    assert!(
        d.message_zh().contains("1927") && d.message_zh().contains("2000") && d.message_zh().contains("2100"),
        "{d}"
    );
}

/// Points that no longer add up after an override: said in the author's file (not in the
/// built-in parent's, which the author does not have), naming the parent, the dimension's
/// indicators with their points, and how to fix it.
#[test]
fn points_of_a_built_in_parent_s_dimension_are_explained_in_the_child() {
    let edits = [("{ at_least = 0.4, points = 6 }]\npoints = 6", "{ at_least = 0.4, points = 8 }]\npoints = 8")];
    let d = problems(&edits);
    assert!(d.iter().all(|d| d.file == NAME), "every problem in the author's file: {d:#?}");
    let dim = d.iter().find(|d| d.item.as_deref() == Some("service")).unwrap_or_else(|| panic!("{d:#?}"));
    assert_eq!(
        (dim.code, dim.line),
        (DiagCode::PointsMismatch, Some(line_of(&edited(&edits), "points = 8\n"))),
        "{dim}"
    );
    let zh = dim.message_zh();
    assert!(zh.contains("内置标准 longwan-2024") && zh.contains("23 分") && zh.contains("25 分"), "{zh}");
    assert!(
        zh.contains("LW-M01 2 分、LW-M02 1 分") && zh.contains("MC-S02 8 分（本文件）"),
        "ids sorted, with points: {zh}"
    );
    assert!(zh.contains("WZ-S01 2 分（本文件）"), "{zh}");
    assert!(zh.contains("override = true") && zh.contains("points = 25"), "how to fix: {zh}");
}

/// A mistake that already explains the sums (a misspelt dimension, an unknown kind, an id
/// written twice) is the only problem reported: no misleading points pair.
#[test]
fn a_mistake_that_explains_the_points_is_reported_alone() {
    for (from, to, code) in [
        (
            "dimension = \"service\"\nzh = \"步行10分钟",
            "dimension = \"services\"\nzh = \"步行10分钟",
            DiagCode::UnknownReference,
        ),
        ("kind = \"presence\"", "kind = \"presense\"", DiagCode::BadValue),
        ("id = \"MC-S02\"\noverride = true\n", "id = \"MC-S02\"\n", DiagCode::DuplicateId),
        ("id = \"MC-S02\"\noverride = true\n", "id = \"MC-S09\"\noverride = true\n", DiagCode::OverrideUnknown),
    ] {
        let d = only(&[(from, to)]);
        assert_eq!(d.code, code, "{to}: {d}");
    }
}

/// The Chinese half of a message names what the English names: the value written, the ids,
/// the numbers; a misspelt reference gets the nearest defined one.
#[test]
fn the_chinese_half_carries_the_values_and_a_suggestion() {
    type Edits<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(Edits, &[&str])] = &[
        (&[("class = \"smart\"", "class = \"smartt\"")], &["smartt", "是不是 `smart`？"]),
        (
            &[("target = \"ebike_charging\"", "target = \"ebike_charger\"")],
            &["ebike_charger", "是不是 `ebike_charging`？"],
        ),
        (
            &[("dimension = \"service\"\nzh = \"步行10分钟", "dimension = \"services\"\nzh = \"步行10分钟")],
            &["services", "是不是 `service`？"],
        ),
        (&[(", reason = \"市级新增要求，10分钟为设计值。\"", "")], &["provisional", "reason"]),
        (&[("below_points = 88", "below_points = 86")], &["improved", "86", "88", "quality"]),
        (
            &[(
                "source = \"wz-commerce-2027\", clause = \"二(3)\", confidence = \"provisional\", reason = \"市级新增要求",
                "source = \"wz-2027\", clause = \"二(3)\", confidence = \"provisional\", reason = \"市级新增要求",
            )],
            &["wz-2027", "wz-commerce-2027"],
        ),
    ];
    for (edits, want) in cases {
        let d = only(edits);
        let zh = d.message_zh();
        assert!(d.zh.is_some(), "a Chinese message of its own: {d}");
        for w in *want {
            assert!(zh.contains(w), "{edits:?}: {w:?} not in the Chinese {zh}");
        }
        assert!(!zh.contains(&d.message), "the Chinese half is not the English again: {zh}");
    }
}

/// Overriding one value of a parent's grade: the override replaces the whole grade, so every
/// missing field is named at once, with the parent's values and how to see its item.
#[test]
fn an_override_that_writes_one_value_names_every_field_it_lacks() {
    let start = WZ.find("[[grades]]\nid = \"quality\"").expect("the quality grade");
    let end = start + WZ[start..].find("\n\n").expect("a blank line after it");
    let text = format!("{}[[grades]]\nid = \"quality\"\noverride = true\nmin_points = 90{}", &WZ[..start], &WZ[end..])
        .replacen("below_points = 88", "below_points = 90", 1)
        .replacen("[[indicators]]\nid = \"WZ-S01\"\ndimension", "[[indicators]]\nid = \"WZ-S01\"\ndimensio", 1);
    let d = standard::load_text(NAME, &text).err().unwrap_or_else(|| panic!("accepted")).diagnostics;
    assert_eq!(d.len(), 2, "both items at once: {d:#?}");
    let grade = d.iter().find(|d| d.item.as_deref() == Some("quality")).unwrap_or_else(|| panic!("{d:#?}"));
    assert_eq!(grade.line, Some(line_of(&text, "min_points = 90") - 3), "at the item: {grade}");
    let zh = grade.message_zh();
    for w in [
        "override = true",
        "整体替换",
        "zh（上级为 \"品质型（五星）\"）",
        "en（",
        "cite",
        "stars = 5",
        "原文见 standards/mofcom-2021.toml",
    ] {
        assert!(zh.contains(w), "{w:?} not in {zh}");
    }
    assert!(!zh.contains("格式错误"), "valid TOML is not a syntax error: {zh}");
    let ind = d.iter().find(|d| d.item.as_deref() == Some("WZ-S01")).unwrap_or_else(|| panic!("{d:#?}"));
    assert!(ind.message_zh().contains("缺少必填字段 dimension"), "{ind}");
}

/// Parameters with a physical meaning have a plausible range: one problem per mistake, at the
/// value's line, with bounds a reader can read.
#[test]
fn absurd_walking_speeds_are_refused_once_at_their_line() {
    for v in ["10000", "0.001", "nan", "inf", "-75"] {
        let param = format!(
            "[[params]]\nid = \"walking_speed_m_per_min\"\noverride = true\nvalue = {v}\nunit = \"m/min\"\nzh = \"步行速度\"\n\
             en = \"Walking speed\"\ncite = {{ source = \"wz-commerce-2027\", confidence = \"provisional\", reason = \"市级取值\" }}\n\n[[categories]]"
        );
        let text = edited(&[("[[categories]]", &param)]);
        let d = standard::load_text(NAME, &text).err().unwrap_or_else(|| panic!("{v}: accepted")).diagnostics;
        assert_eq!(d.len(), 1, "{v}: {d:#?}");
        let d = &d[0];
        assert_eq!(
            (d.code, d.line, d.item.as_deref()),
            (DiagCode::BadValue, Some(line_of(&text, "value = ")), Some("walking_speed_m_per_min")),
            "{d}"
        );
        assert!(d.message_zh().contains("30 到 120 m/min") && d.message.contains("from 30 to 120 m/min"), "{d}");
        assert!(d.to_string().len() < 600 && !d.to_string().contains("1797693"), "{d}");
    }
    let ok = edited(&[(
        "[[categories]]",
        "[[params]]\nid = \"walking_speed_m_per_min\"\noverride = true\nvalue = 70\nunit = \"m/min\"\nzh = \"步行速度\"\nen = \"Walking speed\"\ncite = { source = \"wz-commerce-2027\", confidence = \"provisional\", reason = \"市级取值\" }\n\n[[categories]]",
    )]);
    standard::load_text(NAME, &ok).unwrap_or_else(|e| panic!("{e}"));
}
