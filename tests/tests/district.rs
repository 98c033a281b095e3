//! The district summary against Longwan's targets, checked with arithmetic done by hand.
//!
//! The sample circle (`lifecircle example`) has 32 facilities; 31 are open. Of the open ones,
//! 24 belong to the two commercial classes (basic 基本保障类 and quality 品质提升类 in
//! longwan-2024 and its parents) and 11 of those 24 are chains. Its survey: 291 satisfied of
//! 320. Circle B is the sample without its supermarket, wet market and fresh grocery (3
//! commercial outlets, 2 of them chains: 9 chain of 21) and with a survey of 80 of 100.
//! Circle C is empty: no grade, no outlets, no survey.

use std::path::Path;

use lifecircle_core::district::{District, district};
use lifecircle_core::report::Format;
use lifecircle_core::{Date, load_builtin, score};
use lifecircle_tests::district::{AS_OF, COMMUNITIES, SNAPSHOT_PATH, STANDARD, circles, snapshot};

/// The three circles scored and summarised.
fn summary(communities: Option<u32>) -> District {
    let st = load_builtin(STANDARD).unwrap();
    let as_of: Date = AS_OF.parse().unwrap();
    let cs = circles();
    let scored: Vec<_> = cs.iter().map(|c| (c, score(&st, c, as_of).unwrap())).collect();
    let pairs: Vec<_> = scored.iter().map(|(c, a)| (*c, a)).collect();
    district(&st, &pairs, as_of, communities)
}

/// The summary as the CLI writes it is byte for byte the committed snapshot, which the wasm
/// tests hold `districtJson` to. `UPDATE_SNAPSHOTS=1` rewrites it; review the diff.
#[test]
fn the_summary_matches_its_snapshot() {
    let json = serde_json::to_string_pretty(&summary(Some(COMMUNITIES))).unwrap();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(SNAPSHOT_PATH);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, format!("{json}\n")).unwrap();
        return;
    }
    assert_eq!(Some(json.as_str()), snapshot(), "{SNAPSHOT_PATH} differs (UPDATE_SNAPSHOTS=1 rewrites it)");
}

#[test]
fn longwan_targets_from_three_circles() {
    let d = summary(Some(COMMUNITIES));

    let row = |i: usize| &d.circles[i];
    assert_eq!((row(0).chain_outlets, row(0).commercial_outlets), (11, 24));
    assert_eq!((row(1).chain_outlets, row(1).commercial_outlets), (9, 21));
    assert_eq!((row(2).chain_outlets, row(2).commercial_outlets), (0, 0));
    assert_eq!((row(0).satisfied, row(0).respondents), (Some(291), Some(320)));
    assert_eq!((row(2).satisfied, row(2).respondents), (None, None));
    // A and B reach a grade, the empty circle does not: 2 built.
    assert_eq!(d.circles.iter().map(|c| c.built).collect::<Vec<_>>(), [true, true, false]);

    let target = |metric: &str, year: i32| d.targets.iter().find(|t| t.metric == metric && t.year == year).unwrap();
    // 2 built against 6 (2024), 10 (2025), 14 (2026).
    for (year, met) in [(2024, false), (2025, false), (2026, false)] {
        let t = target("circles_built", year);
        assert_eq!((t.value, t.met), (Some(2.0), Some(met)));
    }
    // 2 communities with a built circle (A's 镇中社区, B's 乙社区) ÷ 20 = 0.1, against 20 %
    // (2025) and 30 % (2026).
    assert_eq!(target("community_share", 2025).value, Some(0.1));
    assert_eq!(target("community_share", 2025).met, Some(false));
    // (11 + 9 + 0) ÷ (24 + 21 + 0) = 20 / 45 = 0.444…, above 25 / 30 / 35 %.
    for year in [2024, 2025, 2026] {
        let t = target("chain_share", year);
        assert_eq!((t.value, t.met), (Some(20.0 / 45.0), Some(true)));
    }
    // (291 + 80) ÷ (320 + 100) = 371 / 420 = 0.8833…, below 90 %.
    let t = target("satisfaction", 2026);
    assert_eq!((t.value, t.met), (Some(371.0 / 420.0), Some(false)));
    // C, not built, has neither shops nor a survey: the shares do not speak of it.
    assert!(!t.how.zh.contains("未建成") && !target("chain_share", 2025).how.zh.contains("未建成"));
    // Not from circle data.
    for metric in ["provincial_pilot", "professional_operators"] {
        let t = d.targets.iter().find(|t| t.metric == metric).unwrap();
        assert_eq!((t.value, t.met, t.counting), (None, None, "none"));
    }
    // This year's targets, and the district's own apart from its parents' (11 in longwan-2024:
    // pilot 1, built 3, community share 2, chain share 3, operators 1, satisfaction 1).
    assert!(target("circles_built", 2025).this_year && !target("circles_built", 2026).this_year);
    assert_eq!(d.targets.iter().filter(|t| t.district_level).count(), 11);
    assert!(d.targets.iter().any(|t| t.metric == "satisfaction_national" && !t.district_level));

    // The same circle twice is found (callers refuse the list).
    let cs = circles();
    let ids = lifecircle_core::district::repeated_ids([&cs[0], &cs[1], &cs[0], &cs[0], &cs[2]]);
    assert_eq!(ids, [cs[0].id.as_str()]);
    assert!(lifecircle_core::district::repeated_ids(&cs).is_empty());

    // Without the number of communities the share is not measured.
    let d2 = summary(None);
    let share = d2.targets.iter().find(|t| t.metric == "community_share").unwrap();
    assert_eq!((share.value, share.met), (None, None));
}

#[test]
fn the_report_says_each_target_with_its_counting() {
    let d = summary(Some(COMMUNITIES));
    let zh = lifecircle_core::report::render_district(&d, lifecircle_core::standard::Lang::Zh, Default::default());
    for want in [
        "生活圈：3 个（建成 2 个）",
        "2025（本年） 2025年全区累计建成一刻钟便民生活圈10个以上：2（目标 ≥ 10） ✗ 未达到",
        "44.44%（目标 ≥ 30%） ✓ 达到",
        "满意 371 人 ÷ 受访 420 人",
        "暂定",
        "【上级目标（供参考，不按本区生活圈计算）】",
    ] {
        assert!(zh.contains(want), "lacks {want}:\n{zh}");
    }
    let en = lifecircle_core::report::render_district(&d, lifecircle_core::standard::Lang::En, Default::default());
    assert!(en.contains("2 (target ≥ 10) ✗ not met"), "{en}");
    // In Markdown the source and the counting are nested items of their target.
    let md = lifecircle_core::report::render_district(&d, lifecircle_core::standard::Lang::Zh, Format::Markdown);
    assert!(md.contains("✗ 未达到\n  - 依据：温龙政办发明电〔2024〕24号 二（已核实）\n  - 口径："), "{md}");
}

/// Sources are cited as the score report cites them (the document number, else its title, and
/// the clause), never by the standard's internal source ids; the district JSON is unchanged.
#[test]
fn the_report_cites_documents_not_internal_ids() {
    use lifecircle_core::standard::Lang;
    let d = summary(Some(COMMUNITIES));
    let zh = lifecircle_core::report::render_district(&d, Lang::Zh, Format::Text);
    assert!(zh.contains("\n  依据：温龙政办发明电〔2024〕24号 二（已核实）\n"), "{zh}");
    // The targets above the district: by number, or by title where the source has no number.
    assert!(zh.contains("- 2025 到2025年建设上千个便民生活圈（“百城千圈”）（商办流通函〔2021〕247号 目标）\n"), "{zh}");
    assert!(zh.contains("（浙商务联发〔2023〕123号 目标）\n"), "{zh}");
    assert!(zh.contains("（商务部等9部门关于加力推动城市一刻钟便民生活圈建设扩围升级的通知 目标）\n"), "{zh}");
    let en = lifecircle_core::report::render_district(&d, Lang::En, Format::Text);
    assert!(en.contains("\n  Source: 温龙政办发明电〔2024〕24号 二 (verified)\n"), "{en}");
    for (lang, report) in [("zh", &zh), ("en", &en)] {
        for id in ["lw-plan-2024", "mofcom-247", "mofcom-2025", "zj-123"] {
            assert!(!report.contains(id), "{lang} report names the internal id {id}:\n{report}");
        }
    }
    // The citation text is the score report's, and not serialised.
    let st = load_builtin(STANDARD).unwrap();
    for t in &d.targets {
        assert_eq!(t.source(), lifecircle_core::score::cite_text(&st, &t.cite));
    }
    assert!(!serde_json::to_string(&d).unwrap().contains("温龙政办发明电"));
    // The CSV's 依据 column: the document, its clause in the next column.
    let csv = lifecircle_core::table::district(&d, Lang::Zh);
    assert!(csv.contains(",温龙政办发明电〔2024〕24号,二,"), "{csv}");
    for id in ["lw-plan-2024", "mofcom-247", "mofcom-2025", "zj-123"] {
        assert!(!csv.contains(id), "the CSV names the internal id {id}:\n{csv}");
    }
}

/// `summarise` scores the list itself and gives the same summary as scoring by hand; it
/// refuses a list with a circle that does not score or the same circle twice, naming every
/// reason with the circle's place in the list.
#[test]
fn summarise_scores_the_list_or_says_every_reason_it_cannot() {
    use lifecircle_core::district::summarise;
    let st = load_builtin(STANDARD).unwrap();
    let as_of: Date = AS_OF.parse().unwrap();
    let cs = circles();
    assert_eq!(summarise(&st, &cs, as_of, Some(COMMUNITIES)).unwrap(), summary(Some(COMMUNITIES)));

    // Circle 1 with a negative population, circle 0 given again as circle 3.
    let mut bad = cs.clone();
    bad[1].population = Some(-5.0);
    bad.push(cs[0].clone());
    let refused = summarise(&st, &bad, as_of, Some(COMMUNITIES)).unwrap_err();
    assert_eq!(refused.unscored.len(), 1);
    assert_eq!(refused.unscored[0].0, 1);
    assert_eq!(refused.repeated, [cs[0].id.clone()]);
    let e = refused.into_input_error();
    let fields: Vec<(&str, &str)> = e.problems.iter().map(|p| (p.code, p.field.as_str())).collect();
    assert_eq!(fields, [("out_of_range", "circles[1].population"), ("repeated", "circles")]);
    assert!(e.problems[1].message.contains(&cs[0].id), "{e}");
    // The bilingual message is said as it is in Chinese too.
    assert_eq!(e.problems[1].text(lifecircle_core::standard::Lang::Zh), e.problems[1].message);
}

/// A circle that is not built still adds its shops and its survey to the district's shares
/// (they are the district's either way), and the how-text says so: B, its grade withheld here,
/// adds 9 of 21 outlets and 80 of 100 respondents, so the values stay those worked out above.
#[test]
fn shares_say_when_circles_not_built_add_to_them() {
    let st = load_builtin(STANDARD).unwrap();
    let as_of: Date = AS_OF.parse().unwrap();
    let cs = circles();
    let mut scored: Vec<_> = cs.iter().map(|c| (c, score(&st, c, as_of).unwrap())).collect();
    scored[1].1.grade.grade = None; // B: not built
    let pairs: Vec<_> = scored.iter().map(|(c, a)| (*c, a)).collect();
    let d = district(&st, &pairs, as_of, Some(COMMUNITIES));
    let target = |metric: &str| d.targets.iter().find(|t| t.metric == metric).unwrap();
    let (chain, satisfaction) = (target("chain_share"), target("satisfaction"));
    assert_eq!(chain.value, Some(20.0 / 45.0));
    assert_eq!(satisfaction.value, Some(371.0 / 420.0));
    assert!(chain.how.zh.contains("各圈（含未建成的 1 个圈）营业中的商业类网点"), "{}", chain.how.zh);
    assert!(
        chain.how.en.contains("summed over the circles, the 1 not built among them (open outlets"),
        "{}",
        chain.how.en
    );
    assert!(satisfaction.how.zh.starts_with("各圈（含未建成的 1 个圈）满意度调查合并"), "{}", satisfaction.how.zh);
    assert!(
        satisfaction.how.en.starts_with("The circles' surveys pooled, the 1 not built among them: "),
        "{}",
        satisfaction.how.en
    );
    assert_eq!(target("circles_built").value, Some(1.0));
}

/// The share of communities counts the communities the built circles list: a circle covering
/// three counts three, a community two circles list counts once, a circle that lists none
/// counts as one; more than the district has is said, not shown as a share above 100 %.
#[test]
fn community_share_counts_the_communities_built_circles_list() {
    use lifecircle_core::circle::Named;
    let st = load_builtin(STANDARD).unwrap();
    let as_of: Date = AS_OF.parse().unwrap();
    let named = |code: Option<&str>, name: &str| Named { code: code.map(str::to_string), name: name.into() };
    let share = |a_lists: Vec<Named>, communities: u32| {
        let mut cs = circles();
        cs[0].communities = a_lists;
        cs[1].communities = vec![
            named(Some("330303001010"), "镇中社区"),
            named(None, "乙社区（示例）"),
            named(None, " 丙社区（示例）"),
        ];
        cs[2].communities = vec![named(None, "丁社区（示例）")]; // C is not built: not counted
        let scored: Vec<_> = cs.iter().map(|c| (c, score(&st, c, as_of).unwrap())).collect();
        let pairs: Vec<_> = scored.iter().map(|(c, a)| (*c, a)).collect();
        let d = district(&st, &pairs, as_of, Some(communities));
        let t = d.targets.iter().find(|t| t.metric == "community_share").unwrap().clone();
        (t.value, t.how)
    };
    // A lists none (counts 1) + B's three = 4 of 20; a blank entry is no community.
    let (value, how) = share(vec![named(Some(" "), "  ")], 20);
    assert_eq!(value, Some(4.0 / 20.0));
    assert!(how.zh.starts_with("有建成生活圈的社区 4 个 ÷ 全区社区 20 个"), "{}", how.zh);
    assert!(how.zh.contains("未填所属社区的 1 个圈各按一个社区计"), "{}", how.zh);
    assert!(how.en.contains("; 1 circle listing none counted as one each"), "{}", how.en);
    // A lists 镇中社区 by the code B gives it too (the name written differently): 3 of 20.
    let (value, how) = share(vec![named(Some(" 330303001010 "), "镇中")], 20);
    assert_eq!(value, Some(3.0 / 20.0));
    assert!(!how.zh.contains("未填所属社区"), "{}", how.zh);
    // A lists 镇中社区 by name only: the code B gives that name is the same community: 3 of 20.
    let (value, _) = share(vec![named(None, "镇中社区 ")], 20);
    assert_eq!(value, Some(3.0 / 20.0));
    // More than the district has: no share, and why.
    let (value, how) = share(vec![], 3);
    assert_eq!(value, None);
    assert!(how.zh.starts_with("有建成生活圈的社区（4 个）多于全区社区数（3 个）"), "{}", how.zh);
}
