//! What an indicator's explanation says of the line between official and designed values
//! (the audit of 2026-12-06): for each designed part, why (the reason of its citation: the
//! Chinese half in Chinese, the English half in English), not a pointer to a design note no
//! reader can open; this project's reading of an official requirement; an official value
//! recalled but not verified as such, not as a designed one; a requirement read only in news
//! reports as such. The texts expected are the reasons as `standards/*.toml` write them.

use lifecircle_core::report::{self, Format};
use lifecircle_core::standard::Lang;
use lifecircle_core::{Assessment, Circle, Date, load_builtin, score};

mod scored_cases;
use scored_cases::*;

fn zh(a: &Assessment, id: &str) -> String {
    ind(a, id).explanation.get(Lang::Zh).to_string()
}

fn en(a: &Assessment, id: &str) -> String {
    ind(a, id).explanation.get(Lang::En).to_string()
}

/// Longwan's chain share: the plan's 30 % is official (三(四)1), the steps 25/30/35 % and
/// 4/6/8 points are designed; the report says why (longwan-2024.toml, MC-S02's points_cite).
#[test]
fn the_reason_for_designed_points_is_said_instead_of_a_design_note() {
    let a = longwan();
    let text = report::render(&a, Lang::Zh, Format::Text);
    assert!(text.contains("把三年逐年目标25%/30%/35%用作分档（不随评估年份切换）及4/6/8分为设计。"), "{text}");
    assert!(
        zh(&a, "MC-S02").ends_with(
            "依据：温龙政办发明电〔2024〕24号 三(四)1；二（要求为官方数值；分值为本项目暂定设计值）。\
             理由：把三年逐年目标25%/30%/35%用作分档（不随评估年份切换）及4/6/8分为设计。"
        ),
        "{}",
        zh(&a, "MC-S02")
    );
    // In English, the English half only.
    let e = en(&a, "MC-S02");
    assert!(
        e.ends_with(
            "(the requirement is official; the points are provisional, designed by this project). \
             Why: Using the three yearly targets as fixed steps, and 4/6/8 points, is designed."
        ),
        "{e}"
    );
    assert!(!e.contains("把三年") && !zh(&a, "MC-S02").contains("Using the"), "{e}");
    // No explanation of any built-in standard points to the design note, a document that does
    // not exist, nor to its section labels (国家层级配分·布局, 龙湾配分·服务 …).
    for a in [a, mofcom(), zhejiang(), gb()] {
        for r in &a.indicators {
            for lang in [Lang::Zh, Lang::En] {
                let t = r.explanation.get(lang);
                assert!(!t.contains("设计说明") && !t.contains("配分·"), "{}: {t}", r.id);
            }
        }
    }
}

/// A designed requirement says why it is designed; with a separate points citation, the
/// points' reason follows, named (longwan-2024.toml: LW-B01 has no points_cite, MC-T02 has one).
#[test]
fn a_designed_requirement_says_why() {
    let a = longwan();
    assert!(
        zh(&a, "LW-B01").contains(
            "（本项要求与分值均为本项目暂定设计值，非官方数值）。理由：13类业态读自方案，但方案要求“配齐”，未设门槛"
        ),
        "{}",
        zh(&a, "LW-B01")
    );
    assert!(en(&a, "LW-B01").ends_with("Why: The 13 types are official; the plan asks for all of them and sets no gate, so 9 of 13 is designed (after Shanxi's 15 of 23, reported)."), "{}", en(&a, "LW-B01"));
    let t02 = zh(&a, "MC-T02");
    assert!(t02.contains("。理由：10类读自上引原文。方案把金融服务列为现代服务业"), "{t02}");
    assert!(
        t02.contains("是设计而非官方归类，故要求为暂定。") && t02.contains("分值的理由：3/5/7类分档与7分为设计"),
        "{t02}"
    );
    let t02 = en(&a, "MC-T02");
    assert!(
        t02.contains(". Why: The 10 types are official;") && t02.contains(". Why these points: The 3/5/7 steps"),
        "{t02}"
    );
}

/// A verified requirement whose reason records this project's reading says so, and gives the
/// reading: LW-L04 applies the plan's rule for new residential areas to clustered circles
/// (“本项目的解释”); LW-B04 takes either a wet market or a greengrocer as 一菜.
#[test]
fn this_projects_reading_of_an_official_requirement_is_said() {
    let a = longwan();
    let l04 = zh(&a, "LW-L04");
    assert!(l04.contains("（要求为官方数值，含本项目的解释；分值为本项目暂定设计值）"), "{l04}");
    assert!(l04.contains("解释：方案针对新建居住区；集聚式依托商业综合体、购物中心或便民商业中心形成的定义见247号，故本项按集聚式形态适用（本项目的解释）。"), "{l04}");
    assert!(l04.ends_with("分值的理由：按形态适用、达到即得2分为设计。"), "{l04}");
    let l04 = en(&a, "LW-L04");
    assert!(l04.contains("(the requirement is official, in this project's reading;"), "{l04}");
    assert!(l04.contains("Reading: The plan speaks of new residential areas; applying it to clustered circles rests on the 247 definition of the form (our reading)."), "{l04}");
    assert!(
        zh(&a, "LW-B04").contains("解释：“一菜”以菜市场或生鲜超市（菜店）任一满足为本项目的解释。"),
        "{}",
        zh(&a, "LW-B04")
    );
    // A verified reason that records no reading is not said: MC-S02's says where 25/30/35 % are read.
    assert!(!zh(&a, "MC-S02").contains("解释") && !zh(&a, "MC-S02").contains("读自"), "{}", zh(&a, "MC-S02"));
}

/// GB 50180's radii are the standard's, recalled and not re-verified (evidence R), not this
/// project's design: said so in each explanation and in the summary (the points are designed).
#[test]
fn an_official_value_recalled_is_not_called_designed() {
    let a = gb();
    let z = zh(&a, "GB-10-01");
    assert!(!z.contains("非官方数值"), "{z}");
    assert!(
        z.contains("依据：GB 50180-2018 附录C（要求出自凭记忆或二手引用、未经核实的官方条文；分值为本项目暂定设计值）。理由：回忆，把握较大（据报道，GB 50180-93 亦为500 m；仅见于第三方代码的 TD/T 1062 表A.1亦为500 m）；分值为设计。"),
        "{z}"
    );
    let e = en(&a, "GB-10-01");
    assert!(e.contains("(the requirement rests on official values recalled or seen second-hand, not verified; the points are provisional, designed by this project). Why: Recalled, quite sure; points designed."), "{e}");
    let summary = a.findings.iter().find(|f| f.code == "provisional_values").expect("summary");
    assert!(
        summary.message.zh.starts_with("24 项指标的要求出自凭记忆或二手引用、未经核实的官方条文，分值为本项目设计的暂定值（非官方数值）：GB-15-01、"),
        "{}",
        summary.message.zh
    );
    assert!(summary.message.en.starts_with("24 indicators rest on official values recalled or seen second-hand, not verified, with provisional points designed by this project (not official values): GB-15-01, "), "{}", summary.message.en);
    // A requirement designed by this project (MOFCOM's closed count of 13 types) is still one.
    let m = mofcom();
    assert!(zh(&m, "MC-T01").contains("（本项要求与分值均为本项目暂定设计值，非官方数值）"), "{}", zh(&m, "MC-T01"));
    let summary = m.findings.iter().find(|f| f.code == "provisional_values").expect("summary");
    assert!(
        summary.message.zh.starts_with("12 项指标的分值或阈值为本项目设计的暂定值（非官方数值）："),
        "{}",
        summary.message.zh
    );
    assert!(!summary.message.zh.contains("凭记忆"), "{}", summary.message.zh);
}

/// A requirement read only in news reports or second-hand pages (evidence V2) says so: the
/// community-facility area of the 2025 national notice (MC-L03), Zhejiang's doorstep tier
/// (MC-L01, after this project's reading of it); one read in the Longwan plan itself (MC-S02, V) does not.
#[test]
fn a_requirement_read_in_news_reports_says_so() {
    let a = longwan();
    assert!(
        zh(&a, "MC-L03").contains("（要求为官方数值，据新闻报道或转述；分值为本项目暂定设计值）"),
        "{}",
        zh(&a, "MC-L03")
    );
    assert!(
        en(&a, "MC-L03").contains("(the requirement is official, per news or second-hand reports; the points"),
        "{}",
        en(&a, "MC-L03")
    );
    assert!(
        zh(&zhejiang(), "MC-L01").contains("（要求为官方数值，含本项目的解释，据新闻报道或转述；"),
        "{}",
        zh(&zhejiang(), "MC-L01")
    );
    assert!(!zh(&a, "MC-S02").contains("新闻"), "{}", zh(&a, "MC-S02"));
}

/// The district's targets above it are in this project's words (the standards say so of
/// each: “中文表述为本项目所写，不是原文”), some read in news reports only (V2); a year the
/// text names (“到2025年…”) is not printed again before it.
#[test]
fn targets_above_the_district_are_said_to_be_in_this_projects_words() {
    let st = load_builtin("longwan-2024").unwrap();
    let c = Circle::from_json(lifecircle_core::example::example("longwan-2024").unwrap().json).unwrap();
    let as_of = Date::new(2025, 6, 30).unwrap();
    let a = score(&st, &c, as_of).unwrap();
    let d = lifecircle_core::district::district(&st, &[(&c, &a)], as_of, None);
    let zh = report::render_district(&d, Lang::Zh, Format::Text);
    // mofcom-2021: read in the guide (V) without its wording; reported in the news (V2).
    assert!(
        zh.contains(
            "\n- 到2025年试点地区居民满意度达到90%以上（商办流通函〔2021〕247号 目标；表述为本项目转述，非原文）\n"
        ),
        "{zh}"
    );
    assert!(
        zh.contains("\n- 到2025年省级试点县（市、区）不少于30个（浙商务联发〔2023〕123号 目标；表述为本项目转述，非原文；据新闻报道或转述）\n"),
        "{zh}"
    );
    let en = report::render_district(&d, Lang::En, Format::Text);
    assert!(
        en.contains("(浙商务联发〔2023〕123号 目标; worded by this project; per news or second-hand reports)\n"),
        "{en}"
    );
    // The district's own targets keep their source line.
    assert!(zh.contains("\n  依据：温龙政办发明电〔2024〕24号 二（已核实）\n"), "{zh}");
}
