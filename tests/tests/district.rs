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
        "2025年全区累计建成一刻钟便民生活圈10个以上（本年）：2（目标 ≥ 10） ✗ 未达到，差 8 个",
        "44.44%（目标 ≥ 30%） ✓ 达到",
        "满意 371 人 ÷ 受访 420 人",
        "暂定",
        "【上级目标（供参考，不按本区生活圈计算）】",
    ] {
        assert!(zh.contains(want), "lacks {want}:\n{zh}");
    }
    let en = lifecircle_core::report::render_district(&d, lifecircle_core::standard::Lang::En, Default::default());
    assert!(en.contains("2 (target ≥ 10) ✗ not met, 8 short"), "{en}");
    // In Markdown the source and the counting are nested items of their target.
    let md = lifecircle_core::report::render_district(&d, lifecircle_core::standard::Lang::Zh, Format::Markdown);
    assert!(md.contains("✗ 未达到，差 8 个（已计入未填建成年份的生活圈 2 个；不计则差 10 个）\n  - 依据：温龙政办发明电〔2024〕24号 二（已核实）\n  - 口径："), "{md}");
}

/// Sources are cited as the score report cites them (the document number, else its title, and
/// the clause), never by the standard's internal source ids; the district JSON names each
/// target's document too.
#[test]
fn the_report_cites_documents_not_internal_ids() {
    use lifecircle_core::standard::Lang;
    let d = summary(Some(COMMUNITIES));
    let zh = lifecircle_core::report::render_district(&d, Lang::Zh, Format::Text);
    assert!(zh.contains("\n  依据：温龙政办发明电〔2024〕24号 二（已核实）\n"), "{zh}");
    // The targets above the district: by number, or by title where the source has no number.
    // Their words are this project's, read in news reports (V2): said after the source.
    let said = "；表述为本项目转述，非原文；据新闻报道或转述）\n";
    assert!(
        zh.contains(&format!("- 到2025年建设上千个便民生活圈（“百城千圈”）（商办流通函〔2021〕247号 目标{said}")),
        "{zh}"
    );
    assert!(zh.contains(&format!("（浙商务联发〔2023〕123号 目标{said}")), "{zh}");
    assert!(
        zh.contains(&format!("（商务部等9部门关于加力推动城市一刻钟便民生活圈建设扩围升级的通知 目标{said}")),
        "{zh}"
    );
    let en = lifecircle_core::report::render_district(&d, Lang::En, Format::Text);
    assert!(en.contains("\n  Source: 温龙政办发明电〔2024〕24号 二 (verified)\n"), "{en}");
    for (lang, report) in [("zh", &zh), ("en", &en)] {
        for id in ["lw-plan-2024", "mofcom-247", "mofcom-2025", "zj-123"] {
            assert!(!report.contains(id), "{lang} report names the internal id {id}:\n{report}");
        }
    }
    // The citation text is the score report's; the JSON gives each target's document beside
    // its cite, so a portal shows it without the standard at hand.
    let st = load_builtin(STANDARD).unwrap();
    for t in &d.targets {
        assert_eq!(t.source(), lifecircle_core::score::cite_text(&st, &t.cite));
    }
    let json: serde_json::Value = serde_json::to_value(&d).unwrap();
    let documents: Vec<&str> =
        json["targets"].as_array().unwrap().iter().map(|t| t["document"].as_str().unwrap()).collect();
    assert_eq!(documents.len(), d.targets.len());
    assert!(
        documents.contains(&"温龙政办发明电〔2024〕24号") && documents.contains(&"浙商务联发〔2023〕123号"),
        "{documents:?}"
    );
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

/// `summarise_with` reads each circle once, through the caller (a dashboard's memory of circles
/// it has scored), and summarises or refuses exactly as `summarise`.
#[test]
fn summarise_with_reads_each_circle_once_and_says_what_summarise_says() {
    use lifecircle_core::district::{scored, summarise, summarise_with};
    let st = load_builtin(STANDARD).unwrap();
    let as_of: Date = AS_OF.parse().unwrap();
    let cs = circles();
    let mut bad = cs.clone();
    bad[1].population = Some(-5.0);
    bad.push(cs[0].clone());
    for list in [&cs, &bad] {
        let mut read = Vec::new();
        let got = summarise_with(&st, list, as_of, Some(COMMUNITIES), |c| {
            read.push(c.id.clone());
            scored(&st, c, as_of)
        });
        assert_eq!(read, list.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), "each circle once, in order");
        assert_eq!(got, summarise(&st, list, as_of, Some(COMMUNITIES)));
    }
    // What a caller gives is what is summarised: a wrong memory would show (B read as A).
    let a = scored(&st, &cs[0], as_of).unwrap();
    let wrong = summarise_with(&st, &cs, as_of, Some(COMMUNITIES), |c| {
        if c.id == cs[1].id { Ok(a.clone()) } else { scored(&st, c, as_of) }
    })
    .unwrap();
    assert_eq!(wrong.circles[1].total, wrong.circles[0].total);
    assert_ne!(wrong, summary(Some(COMMUNITIES)));
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

/// A scored summary of `cs` on `as_of` (`YYYY-MM-DD`).
fn summary_of(cs: &[lifecircle_core::Circle], as_of: &str) -> District {
    let st = load_builtin(STANDARD).unwrap();
    lifecircle_core::district::summarise(&st, cs, as_of.parse().unwrap(), Some(COMMUNITIES)).unwrap()
}

/// A yearly target counts only the circles built in its year or before (`built_year`), and
/// none built after the evaluation year; a circle without the year counts in every year, said
/// so; the report, the JSON and the table name the circles of each year's count.
#[test]
fn a_years_count_holds_only_the_circles_built_by_that_year() {
    use lifecircle_core::standard::Lang;
    let mut cs = circles();
    cs[0].built_year = Some(2024);
    cs[1].built_year = Some(2026);
    let counted = |d: &District, year: i32| {
        let t = d.targets.iter().find(|t| t.metric == "circles_built" && t.year == year).unwrap();
        (t.value, t.counted.clone().unwrap(), t.short_by)
    };
    let a = cs[0].id.clone();
    // On 2025-06-30: A (2024) counts in every year; B (2026) in none, not even 2026's (it is
    // not built yet on the evaluation date).
    let d = summary_of(&cs, AS_OF);
    assert_eq!(counted(&d, 2024), (Some(1.0), vec![a.clone()], Some(5)));
    assert_eq!(counted(&d, 2025), (Some(1.0), vec![a.clone()], Some(9)));
    assert_eq!(counted(&d, 2026), (Some(1.0), vec![a.clone()], Some(13)));
    let t = d.targets.iter().find(|t| t.metric == "circles_built" && t.year == 2026).unwrap();
    assert!(
        t.how.zh.contains(
            "建成年份晚于 2025 年的 1 个圈不计入（2025 年时尚未建成）：乙圈（示例：缺超市、菜市场与生鲜店） [b]。"
        ),
        "{}",
        t.how.zh
    );
    // The community share of a year too: A's 镇中社区 only, 1 of 20.
    let share = d.targets.iter().find(|t| t.metric == "community_share" && t.year == 2025).unwrap();
    assert_eq!((share.value, share.short_by), (Some(1.0 / 20.0), Some(3)));
    // On 2026-12-06 B counts in 2026 only.
    let d = summary_of(&cs, "2026-12-06");
    assert_eq!(counted(&d, 2025).1, std::slice::from_ref(&a));
    assert_eq!(counted(&d, 2026), (Some(2.0), vec![a.clone(), "b".to_string()], Some(12)));
    // The report names the circles of each count; the JSON has the ids and the year.
    let zh = lifecircle_core::report::render_district(&d, Lang::Zh, Format::Text);
    assert!(zh.contains("\n  计入的生活圈（1 个）：镇中社区一刻钟便民生活圈 [330303001010-demo]\n"), "{zh}");
    assert!(zh.contains("乙圈（示例：缺超市、菜市场与生鲜店）（示例数据） [b]：72/100 分，基础型（三星）·暂定，建成；建成年份：2026；"), "{zh}");
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["circles"][1]["built_year"], 2026);
    let csv = lifecircle_core::table::district(&d, Lang::Zh);
    assert!(csv.contains(",累计建成生活圈个数,circles_built,个数,14,2,否,未达到,12,,,镇中社区一刻钟便民生活圈 [330303001010-demo]、乙圈（示例：缺超市、菜市场与生鲜店） [b],"), "{csv}");

    // Without the year: counted in every year, as before, and said so.
    cs[1].built_year = None;
    let d = summary_of(&cs, AS_OF);
    assert_eq!(counted(&d, 2024), (Some(2.0), vec![a.clone(), "b".to_string()], Some(4)));
    let t = d.targets.iter().find(|t| t.metric == "circles_built" && t.year == 2024).unwrap();
    assert!(t.how.zh.contains("1 个圈未填建成年份，按评估日的现状计入各年，未必当年已建成：乙圈"), "{}", t.how.zh);
    cs[0].built_year = None;
    let d = summary_of(&cs, AS_OF);
    let t = d.targets.iter().find(|t| t.metric == "circles_built" && t.year == 2024).unwrap();
    assert!(t.how.zh.contains("各圈均未填建成年份，按评估日的现状计入各年"), "{}", t.how.zh);
}

/// A copy of a circle under another id (the same communities and shops, or the same name) is
/// counted, as the list says, but the summary says it, naming both; other circles are not.
#[test]
fn a_circle_copied_under_another_id_is_said() {
    use lifecircle_core::standard::Lang;
    let mut cs = circles();
    let mut copy = cs[0].clone();
    copy.id = "TP-2026-镇中".into();
    copy.name = "镇中社区便民生活圈（第三方评估）".into();
    cs.push(copy);
    let d = summary_of(&cs, AS_OF);
    assert_eq!(d.duplicates.len(), 1, "{:?}", d.duplicates);
    assert_eq!(d.duplicates[0].ids, [cs[0].id.clone(), "TP-2026-镇中".to_string()]);
    assert_eq!(d.duplicates[0].reason, "same_communities_and_facilities");
    let zh = lifecircle_core::report::render_district(&d, Lang::Zh, Format::Text);
    assert!(zh.contains("⚠ 疑似同一生活圈以不同编号列入两次：镇中社区一刻钟便民生活圈 [330303001010-demo] 与 镇中社区便民生活圈（第三方评估） [TP-2026-镇中]（所属社区与设施清单相同）"), "{zh}");
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["duplicates"][0]["reason"], "same_communities_and_facilities");
    // The same name under two ids.
    cs[3].facilities.pop();
    cs[3].name = cs[0].name.clone();
    let d = summary_of(&cs, AS_OF);
    assert_eq!(d.duplicates.iter().map(|x| x.reason).collect::<Vec<_>>(), ["same_name"]);
    // One shop fewer and another name: not said; the three distinct circles: nothing.
    cs[3].name = "另一个圈".into();
    assert!(summary_of(&cs, AS_OF).duplicates.is_empty());
    assert!(summary(Some(COMMUNITIES)).duplicates.is_empty());
    assert!(serde_json::to_value(summary(Some(COMMUNITIES))).unwrap().get("duplicates").is_none());
}

/// The district report says what the score report says of designed values, where the standard
/// is named, and marks each grade; the JSON says it too.
#[test]
fn the_report_says_the_points_and_grade_lines_are_provisional() {
    use lifecircle_core::standard::Lang;
    let d = summary(Some(COMMUNITIES));
    assert!(d.points_provisional && d.grades_provisional);
    let zh = lifecircle_core::report::render_district(&d, Lang::Zh, Format::Text);
    let note = lifecircle_core::assessment::provisional_note();
    assert!(
        zh.contains(&format!(
            "评价标准：longwan-2024 v0.1.0\n暂定：各圈得分与等级分数线（是否“建成”）均为暂定。{}\n",
            note.zh
        )),
        "{zh}"
    );
    assert!(zh.contains("86.97/100 分，品质型（五星）·暂定，建成"), "{zh}");
    let en = lifecircle_core::report::render_district(&d, Lang::En, Format::Markdown);
    assert!(
        en.contains(&format!(
            "- Provisional: the circles' points and the grade cut-offs (what counts as built) are provisional. {}\n",
            note.en
        )),
        "{en}"
    );
    // The table's count of built circles says the cut-offs are designed.
    let csv = lifecircle_core::table::district(&d, Lang::Zh);
    assert!(csv.contains("等级分数线为本项目暂定设计值（非官方数值）"), "{csv}");
}

/// What `score` says of the date, the district says once: a date before the standard takes
/// effect.
#[test]
fn the_report_says_when_the_date_is_outside_the_standard() {
    use lifecircle_core::standard::Lang;
    let d = summary_of(&circles(), "2024-03-01");
    let codes: Vec<&str> = d.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(codes.contains(&"standard_not_in_force"), "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == "standard_not_in_force").count(), 1, "said once, not per circle");
    let zh = lifecircle_core::report::render_district(&d, Lang::Zh, Format::Text);
    assert!(zh.contains("\n⚠ 评估日期 2024-03-01 早于标准生效日期 2024-07-24\n"), "{zh}");
    assert!(summary(Some(COMMUNITIES)).findings.iter().all(|f| f.code != "standard_not_in_force"));
}

/// How far short, the circles not built with their checks' names, the circle without a survey,
/// each year once.
#[test]
fn the_report_says_how_far_short_and_names_what_it_counts() {
    use lifecircle_core::standard::Lang;
    let d = summary(Some(COMMUNITIES));
    let zh = lifecircle_core::report::render_district(&d, Lang::Zh, Format::Text);
    // 2 of 20 communities against 20 %: 4 needed, 2 more.
    assert!(
        zh.contains("2025年20%以上社区创成一刻钟便民生活圈（本年）：10%（目标 ≥ 20%） ✗ 未达到，还差 2 个社区（已计入未填建成年份的生活圈 2 个；不计则还差 4 个社区）\n"),
        "{zh}"
    );
    let en = lifecircle_core::report::render_district(&d, Lang::En, Format::Text);
    assert!(en.contains("✗ not met, 2 more communities needed (2 circles without a year built counted; 4 more communities needed without them)\n"), "{en}");
    // What to do about them is said once, above the targets, not in each of their verdicts.
    assert!(zh.contains("【本区目标】\n⚠ 有 2 个已建成的生活圈未填建成年份，已按评估日的现状计入各年目标"), "{zh}");
    assert_eq!(zh.matches("请填写建成年份").count(), 1, "{zh}");
    assert!(
        en.contains(
            "== The district's targets ==\n⚠ 2 circles built without a year built are counted in every year's targets"
        ),
        "{en}"
    );
    assert_eq!(en.matches("fill in the year built").count(), 1, "{en}");
    // C is not built: its failed gates by id and name.
    // Its veto unanswered (no data): said so, with what to do, not as an incident that happened.
    assert!(zh.contains("未建成（未作答，缺数据，按未通过计：LW-V01 一票否决：无重大食品安全事故或价格欺诈事件；请评估机构确认后补填重交；未通过：LW-B01 基本保障类业态门槛：13类中至少9类、"), "{zh}");
    // C has no survey: named where the pool is said.
    let sat = d.targets.iter().find(|t| t.metric == "satisfaction").unwrap();
    assert!(sat.how.zh.ends_with("1 个圈没有满意度调查，未计入：丙圈（示例：尚未填报） [c]。"), "{}", sat.how.zh);
    assert!(
        sat.how.en.ends_with(" 1 circle(s) without a satisfaction survey are not counted: 丙圈（示例：尚未填报） [c]."),
        "{}",
        sat.how.en
    );
    // The year once: the target's text names it.
    for y in 2023..=2030 {
        assert!(!zh.contains(&format!("{y} {y}年")) && !zh.contains(&format!("{y}（本年） {y}年")), "{y}:\n{zh}");
    }
}

/// The table gives percentages as the report rounds them (the exact value in its own column),
/// and each metric's name beside its code.
#[test]
fn the_table_gives_percentages_and_metric_names() {
    use lifecircle_core::standard::Lang;
    let d = summary(Some(COMMUNITIES));
    let csv = lifecircle_core::table::district(&d, Lang::Zh);
    let row = csv.split("\r\n").find(|r| r.starts_with("2026,,2026年争取连锁店")).unwrap();
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(
        &cells[3..11],
        ["连锁店占商业网点比例（连锁化率）", "chain_share", "百分比（%）", "35", "44.44", "是", "已提前达到", ""]
    );
    assert!(row.contains(&format!(",暂定,{},longwan-2024,", 20.0 / 45.0)), "{row}");
    assert!(csv.starts_with("\u{feff}年份,本年,目标,指标,指标代码,单位,目标值（不低于）,现状,是否达到,判断,尚差（生活圈或社区个数）,其中未填建成年份的生活圈,不计未填年份的圈则尚差,计入的生活圈,"), "{csv}");
}

/// A value just below its target is never shown as the target, by the report, the table or
/// the dashboard: they share `TargetProgress::shown`.
#[test]
fn a_value_just_below_its_target_is_not_rounded_onto_it() {
    let d = summary(Some(COMMUNITIES));
    let mut t = d.targets.iter().find(|t| t.metric == "satisfaction").unwrap().clone();
    t.value = Some(0.89996);
    assert_eq!(t.value_text(), "89.99%");
    assert_eq!(t.shown(), Some(89.99));
    t.value = Some(0.9);
    assert_eq!(t.value_text(), "90%");
    let mut n = d.targets.iter().find(|t| t.metric == "circles_built" && t.year == 2026).unwrap().clone();
    n.value = Some(13.999);
    assert_eq!(n.value_text(), "13.99");
}

/// More respondents than residents (12000 asked in a circle of 9600: a digit too many) would
/// outweigh the district's other surveys and flip its satisfaction: the list is refused, the
/// field named, Chinese first. Without a population, or with 0 (not known yet), it cannot be
/// checked; satisfied above respondents is refused as before, beside it.
#[test]
fn more_respondents_than_residents_are_refused() {
    use lifecircle_core::circle::Survey;
    use lifecircle_core::district::summarise;
    let st = load_builtin(STANDARD).unwrap();
    let as_of: Date = AS_OF.parse().unwrap();
    let mut cs = circles();
    assert_eq!(cs[0].population, Some(9600.0));
    cs[0].surveys.insert("overall".into(), Survey { respondents: 12000, satisfied: 9600, method: None });
    let refused = summarise(&st, &cs, as_of, Some(COMMUNITIES)).unwrap_err();
    let e = refused.into_input_error();
    let got: Vec<(&str, &str)> = e.problems.iter().map(|p| (p.code, p.field.as_str())).collect();
    assert_eq!(got, [("inconsistent", "circles[0].surveys.overall.respondents")]);
    assert_eq!(
        e.problems[0].to_string(),
        "circles[0].surveys.overall.respondents: 前后矛盾：受访人数（12000）多于常住人口（population 9600） / 12000 respondents in a circle of 9600 residents"
    );
    // As many as live there: counted.
    cs[0].surveys.insert("overall".into(), Survey { respondents: 9600, satisfied: 9000, method: None });
    assert!(summarise(&st, &cs, as_of, Some(COMMUNITIES)).is_ok());
    for population in [None, Some(0.0)] {
        cs[0].population = population;
        cs[0].surveys.insert("overall".into(), Survey { respondents: 12000, satisfied: 9600, method: None });
        assert!(summarise(&st, &cs, as_of, Some(COMMUNITIES)).is_ok(), "{population:?}");
    }
    cs[0].population = Some(50.0);
    cs[0].surveys.insert("overall".into(), Survey { respondents: 60, satisfied: 61, method: None });
    let e = summarise(&st, &cs, as_of, Some(COMMUNITIES)).unwrap_err().into_input_error();
    let fields: Vec<&str> = e.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["circles[0].surveys.overall.satisfied", "circles[0].surveys.overall.respondents"]);
}

/// The year a circle was built is a year: 20244 or 224 is a slip, refused naming the field,
/// Chinese first; absent, nothing is said. (Scoring one circle does not read it.)
#[test]
fn a_built_year_that_is_no_year_is_refused() {
    use lifecircle_core::district::summarise;
    let st = load_builtin(STANDARD).unwrap();
    let as_of: Date = AS_OF.parse().unwrap();
    let mut cs = circles();
    cs[1].built_year = Some(2024);
    assert!(summarise(&st, &cs, as_of, Some(COMMUNITIES)).is_ok());
    for y in [20244, 224, 0] {
        cs[1].built_year = Some(y);
        let e = summarise(&st, &cs, as_of, Some(COMMUNITIES)).unwrap_err().into_input_error();
        let p = &e.problems[0];
        assert_eq!((p.code, p.field.as_str()), ("out_of_range", "circles[1].built_year"), "{y}");
        assert_eq!(
            p.to_string(),
            format!(
                "circles[1].built_year: 数值不合理：超出合理范围 / 建成年份 {y} 不是合理的年份（应在 2000 至 2100 之间，如 2024） / {y} is not a plausible year built (2000 to 2100)"
            )
        );
        assert!(score(&st, &cs[1], as_of).is_ok());
    }
    // Written as text, it is not a number: refused when read, naming the field.
    let e = lifecircle_core::Circle::from_json(r#"{"id":"a","name":"b","built_year":"2024"}"#).unwrap_err();
    assert_eq!(e.problems[0].field, "built_year");
}

/// The two Longwan targets circle data cannot give (provincial-pilot status won, professional
/// operators grown) take the values the district reports, said as reported; everything else
/// about them is refused with its reason, and nothing is applied then.
#[test]
fn a_district_reports_the_targets_circle_data_cannot_give() {
    use lifecircle_core::district::parse_reported;
    let d = summary(Some(COMMUNITIES));
    let target = |d: &District, metric: &str| d.targets.iter().find(|t| t.metric == metric).unwrap().clone();
    assert_eq!(target(&d, "provincial_pilot").value, None);
    assert!(target(&d, "provincial_pilot").how.zh.contains("核实后可由区里填报其值"));

    let given = parse_reported("provincial_pilot=1； professional_operators = 1").unwrap();
    let r = d.clone().with_reported(&given).unwrap();
    let pilot = target(&r, "provincial_pilot");
    assert_eq!((pilot.value, pilot.met, pilot.counting), (Some(1.0), Some(true), "reported"));
    assert_eq!(pilot.how.zh, "区里填报：1（不能由生活圈数据得出，未经本工具核实，以填报为准）。");
    // 1 operator against at least 2 (2026): not met.
    let ops = target(&r, "professional_operators");
    assert_eq!((ops.value, ops.met), (Some(1.0), Some(false)));
    // Nothing else moves.
    for (a, b) in d.targets.iter().zip(&r.targets) {
        if !["provincial_pilot", "professional_operators"].contains(&a.metric.as_str()) {
            assert_eq!(a, b);
        }
    }
    let zh = lifecircle_core::report::render_district(&r, lifecircle_core::standard::Lang::Zh, Default::default());
    assert!(zh.contains("口径：区里填报：1（不能由生活圈数据得出"), "{zh}");
    let csv = lifecircle_core::table::district(&r, lifecircle_core::standard::Lang::Zh);
    assert!(csv.contains(",区里填报,"), "{csv}");

    // Refused, every reason at once: a counted metric, a parent's target, an unknown one, a count
    // that is no count, a metric twice.
    let bad = parse_reported("circles_built=14, circles_national=1, pilot=1, professional_operators=2.5, provincial_pilot=1, provincial_pilot=0").unwrap();
    let e = d.clone().with_reported(&bad).unwrap_err();
    assert_eq!(e.len(), 5, "{e:#?}");
    assert!(e[0].starts_with("circles_built 由各圈数据计算，不能填报"), "{}", e[0]);
    assert!(
        e[1].contains("没有可填报的区级目标 circles_national（可填报：provincial_pilot、professional_operators）"),
        "{}",
        e[1]
    );
    assert!(e[2].contains("没有可填报的区级目标 pilot"), "{}", e[2]);
    assert!(e[3].starts_with("professional_operators=2.5：个数须为 0 或正整数"), "{}", e[3]);
    assert!(e[4].starts_with("provincial_pilot 填报了两次"), "{}", e[4]);
    // A share may be written as a percentage; a text that is not metric=number is refused.
    assert_eq!(parse_reported("chain_share=30%").unwrap(), [("chain_share".to_string(), 0.3)]);
    assert!(parse_reported("provincial_pilot").unwrap_err().contains("须写成 指标=数值"));
    assert!(parse_reported("provincial_pilot=yes").is_err());
}

/// The reported values are read as `str::parse::<f64>` reads them (without its tables, which the
/// widgets leave out), bit for bit.
#[test]
fn reported_numbers_read_as_the_float_parser_reads_them() {
    use lifecircle_core::district::parse_reported;
    for text in ["0", "1", "2", "0.3", "0.35", ".5", "7.", "0.1", "0.7", "123456789012345", "0.00000000000001", "99.99"]
    {
        let got = parse_reported(&format!("m={text}")).unwrap()[0].1;
        assert_eq!(got.to_bits(), text.parse::<f64>().unwrap().to_bits(), "{text}");
        let pct = parse_reported(&format!("m={text}%")).unwrap()[0].1;
        let want = format!("{}e-2", text.trim_end_matches('.')).parse::<f64>().unwrap();
        assert_eq!(pct.to_bits(), want.to_bits(), "{text}%");
    }
    for bad in ["m=", "m=.", "m=-1", "m=1e3", "m=1,5", "m=1.2.3", "m=1234567890123456", "m=NaN"] {
        assert!(parse_reported(bad).is_err(), "{bad}");
    }
}

/// What the circles lack, by indicator, worked out from the circles and Longwan's text: B has no
/// wet market or fresh grocery (“一菜”, 必备) and C has nothing at all, so “一菜” is short in B
/// and C; the 13 basic types (门槛 ≥ 9) are short only in C (B keeps 10 of 13); the veto on food
/// safety has no answer in C (no data, not a failure); the supermarket within 15 minutes is short
/// in all three (A reaches only part of its residents, B and C have none). The most urgent
/// first: the veto, the gate, then the mandatory items, the one most circles lack before those
/// one circle lacks. Each unit's list holds what the standard makes it lead on (`*`).
#[test]
fn the_district_gaps_name_the_circles_and_the_units_that_lead() {
    let d = summary(Some(COMMUNITIES));
    let a = d.circles[0].id.as_str();
    let gap = |id: &str| d.gaps.iter().find(|g| g.indicator == id);
    fn ids(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let b04 = gap("LW-B04").unwrap();
    assert_eq!((b04.priority, ids(&b04.short), ids(&b04.no_data)), (3, vec!["b", "c"], vec![]));
    let b01 = gap("LW-B01").unwrap();
    assert_eq!((b01.priority, ids(&b01.short), ids(&b01.no_data)), (2, vec!["c"], vec![]));
    let v01 = gap("LW-V01").unwrap();
    assert_eq!((v01.priority, ids(&v01.short), ids(&v01.no_data)), (1, vec![], vec!["c"]));
    let l01 = gap("LW-L01").unwrap();
    assert_eq!(ids(&l01.short), [a, "b", "c"]);
    // Met in every circle: not listed (A and B have a convenience store, C none: “一店” is C's).
    assert_eq!(ids(&gap("LW-B02").unwrap().short), ["c"]);
    assert!(d.gaps.iter().all(|g| !g.short.is_empty() || !g.no_data.is_empty()));
    // Order: veto, gate, then “一菜” (2 circles) before “一店” (1), which comes first in the standard.
    assert_eq!(d.gaps[0].indicator, "LW-V01");
    assert_eq!(d.gaps[1].indicator, "LW-B01");
    assert_eq!(d.gaps[2].indicator, "LW-B04");
    for w in d.gaps.windows(2) {
        assert!(
            w[0].priority < w[1].priority || (w[0].priority == w[1].priority && w[0].short.len() >= w[1].short.len())
        );
    }
    // The units: the veto is led by market regulation (区市场监管局*), so it leads the list;
    // “一菜” is led by commerce and by the construction bureau, and is on both lists.
    let units = d.units();
    assert_eq!(units[0].0, "区市场监管局");
    let list = |u: &str| {
        units.iter().find(|(x, _)| *x == u).unwrap().1.iter().map(|&i| d.gaps[i].indicator.as_str()).collect::<Vec<_>>()
    };
    assert!(list("区市场监管局").contains(&"LW-V01"));
    assert!(!list("区商务局").contains(&"LW-V01"), "区商务局 is listed with the veto, not its lead");
    assert!(list("区商务局").contains(&"LW-B04") && list("新区建设局〈区住建局〉").contains(&"LW-B04"));
    // Each circle's count: A's gap list has 10 items (coverage, smart and elderly services …);
    // B has A's and three more, “一菜”, the 13 basic types (10 of 13) and satisfaction (80 %).
    assert_eq!((d.circles[0].gaps_short, d.circles[0].gaps_no_data), (10, 0));
    assert_eq!((d.circles[1].gaps_short, d.circles[1].gaps_no_data), (13, 0));
    // The report says it unit by unit, with each circle by name and id.
    let zh = lifecircle_core::report::render_district(&d, lifecircle_core::standard::Lang::Zh, Format::Text);
    let part = &zh[zh.find("【缺什么补什么：各责任单位任务清单】").expect("section")..];
    assert!(part.contains("区商务局（"), "{part}");
    assert!(part.contains("【必备项】“一菜”：菜市场或生鲜超市（菜店） [LW-B04]\n     未达到（2 个）：乙圈（示例：缺超市、菜市场与生鲜店） [b]、丙圈（示例：尚未填报） [c]\n     做法："), "{part}");
    assert!(part.contains("[LW-V01] · 要求暂定\n     缺数据（1 个）：丙圈（示例：尚未填报） [c]\n"), "{part}");
    // Each circle's line: how many items it lacks; a built circle without a year built says it
    // is counted in every year (the counts say so too), one not built does not.
    let line =
        |id: &str| zh.lines().find(|l| l.contains(&format!(" [{id}]："))).unwrap_or_else(|| panic!("{id}: {zh}"));
    assert!(line("b").contains("；指标：未达到 13 项、缺数据 0 项；"), "{}", line("b"));
    assert!(line("b").contains("；未填建成年份（按评估日的现状计入各年）"), "{}", line("b"));
    assert!(!line("c").contains("未填建成年份"), "{}", line("c"));
}

/// The circles' table and the units' task table (`--format csv --table circles|tasks`): B's
/// row has its outlets (9 chain of 21), its survey (80 of 100) and its 13 items short; the task
/// table has one row per lead unit, indicator and circle: “一菜” (LW-B04, led by commerce and by
/// the construction bureau) is short in B and C, so two rows under each; the veto has one row,
/// under market regulation only, for C, which has no data for it.
#[test]
fn the_district_tables_of_circles_and_tasks() {
    use lifecircle_core::standard::Lang;
    let d = summary(Some(COMMUNITIES));
    let rows = |csv: &str| -> Vec<Vec<String>> {
        csv.trim_start_matches('\u{feff}').lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
    };
    let circles = rows(&lifecircle_core::table::district_circles(&d, Lang::Zh));
    let col = |name: &str| circles[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}"));
    let b = circles.iter().find(|r| r[1] == "b").expect("B's row");
    assert_eq!(
        [&b[col("连锁店")], &b[col("商业网点")], &b[col("满意人数")], &b[col("受访人数")], &b[col("指标未达到（项）")]],
        ["9", "21", "80", "100", "13"]
    );
    assert_eq!(b[col("是否建成")], "是");
    assert_eq!(circles.len(), 4, "a head and a row per circle");

    let tasks = rows(&lifecircle_core::table::district_tasks(&d, Lang::Zh));
    let of = |unit: &str, id: &str| -> Vec<(String, String)> {
        tasks.iter().filter(|r| r[0] == unit && r[3] == id).map(|r| (r[7].clone(), r[8].clone())).collect()
    };
    let short = |ids: &[&str]| ids.iter().map(|i| (i.to_string(), "未达到".to_string())).collect::<Vec<_>>();
    assert_eq!(of("区商务局", "LW-B04"), short(&["b", "c"]));
    assert_eq!(of("新区建设局〈区住建局〉", "LW-B04"), short(&["b", "c"]));
    assert_eq!(of("区市场监管局", "LW-V01"), [("c".to_string(), "缺数据".to_string())]);
    assert!(of("区商务局", "LW-V01").is_empty(), "not a lead on the veto");
    // Every row is a circle short of (or without data for) an item its unit leads on.
    let expected: usize =
        d.units().iter().flat_map(|(_, list)| list).map(|&i| d.gaps[i].short.len() + d.gaps[i].no_data.len()).sum();
    assert_eq!(tasks.len() - 1, expected);
}
