//! Circles of a district that look like one circle listed under several ids are said once per
//! group, not once per pair (security review, 2026-12-06): 1,000 circles of one name (a 38 KB
//! file) were 499,500 warnings, a 121 MB CLI report, 510,749 DOM nodes on the dashboard and
//! 438 MB from npm `districtJson`; 3,000 aborted on allocation.

use lifecircle_core::circle::{Facility, Named};
use lifecircle_core::district::{self, DUPLICATE_IDS_NAMED, SuspectedDuplicate};
use lifecircle_core::report::{Format, render_district};
use lifecircle_core::standard::Lang;
use lifecircle_core::{Assessment, Circle, Date, load_builtin, score};

fn as_of() -> Date {
    Date::new(2025, 6, 30).expect("date")
}

fn circle(id: &str, name: &str) -> Circle {
    let mut c = Circle::from_json(r#"{"id": "x", "name": "x"}"#).expect("circle");
    c.id = id.into();
    c.name = name.into();
    c
}

/// `n` circles of one name (each with nothing filled in) summarised under longwan-2024: one
/// assessment for all (they score alike), so that the test measures the summary, not scoring.
fn same_name(n: usize) -> (Vec<Circle>, Assessment) {
    let st = load_builtin("longwan-2024").expect("built in");
    let cs: Vec<Circle> = (0..n).map(|k| circle(&format!("c{k}"), "同名生活圈")).collect();
    let a = score(&st, &cs[0], as_of()).expect("scores");
    (cs, a)
}

#[test]
fn a_thousand_circles_of_one_name_are_one_warning() {
    let st = load_builtin("longwan-2024").expect("built in");
    let (cs, a) = same_name(1000);
    let pairs: Vec<(&Circle, &Assessment)> = cs.iter().map(|c| (c, &a)).collect();
    let d = district::district(&st, &pairs, as_of(), Some(20));
    assert_eq!(d.duplicates.len(), 1, "one group, not {} pairs", d.duplicates.len());
    let g = &d.duplicates[0];
    assert_eq!(g.reason, "same_name");
    assert_eq!(g.ids.len(), 1000, "every circle of the group, each once");
    assert_eq!(g.ids[0], "c0");
    assert_eq!(g.ids[999], "c999");

    // The warning names the first ten and counts them all, Chinese first.
    let zh = g.text(Lang::Zh);
    let ten: Vec<String> = (0..DUPLICATE_IDS_NAMED).map(|k| format!("[c{k}]")).collect();
    assert_eq!(
        zh,
        format!(
            "⚠ 疑似同一生活圈以不同编号列入 1000 次：1000 个生活圈名称均为“同名生活圈”：{} 等 1000 个，都已计入（建成个数、网点与满意度调查会重复计算）；如确为同一圈，请只保留一个",
            ten.join("、")
        )
    );
    let en = g.text(Lang::En);
    assert!(en.contains("1000 circles named “同名生活圈”: [c0], [c1],") && en.contains("[c9] and 990 more;"), "{en}");
    assert!(!zh.contains("[c10]") && !en.contains("[c10]"));

    // The report says it in one line; its size is the circles' lines, not the pairs'.
    for lang in [Lang::Zh, Lang::En] {
        let text = render_district(&d, lang, Format::Text);
        let warned =
            text.lines().filter(|l| l.contains("⚠ 疑似同一生活圈") || l.contains("⚠ Possibly one circle")).count();
        assert_eq!(warned, 1, "{lang:?}");
        assert!(text.len() < 1_000_000, "{lang:?}: {} bytes (121 MB before)", text.len());
        // Each unit's tasks name ten of the thousand circles short of an item and count them all
        // (naming all of them under every unit made a 2.7 MB report).
        let short =
            text.lines().find(|l| l.contains("未达到（1000 个）") || l.contains("Short (1000)")).expect("a task");
        assert!(short.contains("[c9]") && !short.contains("[c10]"), "{short}");
        assert!(short.ends_with(" 等 1000 个") || short.ends_with(" and 990 more"), "{short}");
    }
    // The JSON: every id once in the group (a few KB), not 499,500 pairs (48 MB).
    let json = serde_json::to_string(&d.duplicates).expect("json");
    assert!(json.len() < 20_000, "{} bytes", json.len());
    assert!(
        json.starts_with(r#"[{"ids":["c0","c1","#) && json.ends_with(r#""c999"],"reason":"same_name"}]"#),
        "{json}"
    );
}

/// 3,000 circles (an abort on allocation before), half of them a copy of one circle's
/// communities and facilities under another name: two groups.
#[test]
fn three_thousand_circles_are_two_groups() {
    let mut cs: Vec<Circle> = (0..3000).map(|k| circle(&format!("c{k}"), "同名生活圈")).collect();
    for (k, c) in cs.iter_mut().enumerate().filter(|(k, _)| k % 2 == 1) {
        c.name = format!("第 {k} 个圈");
        c.communities = vec![Named { code: Some("330303001010".into()), name: "镇中社区".into() }];
        c.facilities = vec![Facility::new("convenience_store", "美宜佳"), Facility::new("breakfast", "早餐店")];
    }
    // One copy lists its items in another order, spaces around them: the same circle still.
    cs[5].facilities = vec![Facility::new(" breakfast ", "早餐店 "), Facility::new("convenience_store", "美宜佳")];
    let listed: Vec<&Circle> = cs.iter().collect();
    let found = district::suspected_duplicates(&listed);
    let shape: Vec<(&str, usize, &str, &str)> =
        found.iter().map(|g| (g.reason, g.ids.len(), g.ids[0].as_str(), g.ids[1].as_str())).collect();
    // By where the list first repeats itself: c2 repeats c0's name, c3 c1's contents.
    assert_eq!(shape, [("same_name", 1500, "c0", "c2"), ("same_communities_and_facilities", 1500, "c1", "c3")]);
    let zh = found[1].text(Lang::Zh);
    assert!(
        zh.starts_with("⚠ 疑似同一生活圈以不同编号列入 1500 次：第 1 个圈 [c1]、第 3 个圈 [c3]、")
            && zh.contains("第 19 个圈 [c19] 等 1500 个（所属社区与设施清单相同），都已计入"),
        "{zh}"
    );
}

/// Two circles are said in the words the pair always had (the dashboard's e2e test and the
/// district tests read them), and the JSON of a pair is as it was.
#[test]
fn a_pair_is_said_as_before() {
    let a = circle("a", "甲圈");
    let b = circle("b", " 甲圈 ");
    let found = district::suspected_duplicates(&[&a, &b]);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].text(Lang::Zh),
        "⚠ 疑似同一生活圈以不同编号列入两次：甲圈 [a] 与  甲圈  [b]（名称相同），两者都已计入（建成个数、网点与满意度调查会重复计算）；如确为同一圈，请删去一个"
    );
    assert_eq!(
        found[0].text(Lang::En),
        "⚠ Possibly one circle listed twice under two ids: 甲圈 [a] and  甲圈  [b] (the same name); both are counted (circles built, outlets and surveys counted twice); if they are the same circle, remove one"
    );
    assert_eq!(serde_json::to_string(&found).expect("json"), r#"[{"ids":["a","b"],"reason":"same_name"}]"#);
}

/// A tiny xorshift, for lists that are the same at every run.
fn rng(mut s: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % n as u64) as usize
    }
}

/// The pairs a list of groups says: every pair of a name group; of a contents group, the pairs
/// whose names differ (those of one name its name group says).
fn pairs_of(found: &[SuspectedDuplicate], cs: &[Circle]) -> Vec<(usize, usize, &'static str)> {
    let at = |id: &str| cs.iter().position(|c| c.id == id).expect("listed");
    let mut out = Vec::new();
    for g in found {
        assert!(g.ids.len() >= 2 && g.names.len() == g.ids.len());
        let ix: Vec<usize> = g.ids.iter().map(|id| at(id)).collect();
        assert!(ix.windows(2).all(|w| w[0] < w[1]), "in list order: {ix:?}");
        for (n, &j) in ix.iter().enumerate() {
            for &i in &ix[..n] {
                let one_name = !cs[i].name.trim().is_empty() && cs[i].name.trim() == cs[j].name.trim();
                if g.reason == "same_name" || !one_name {
                    out.push((i, j, g.reason));
                }
            }
        }
    }
    out.sort();
    out
}

/// Every pair compared, as the search was before it grouped: the reference.
fn compared_pairwise(cs: &[Circle]) -> Vec<(usize, usize, &'static str)> {
    let communities = |c: &Circle| {
        let mut k: Vec<String> = c
            .communities
            .iter()
            .map(|m| m.code.as_deref().map(str::trim).filter(|k| !k.is_empty()).unwrap_or(m.name.trim()).to_string())
            .filter(|k| !k.is_empty())
            .collect();
        k.sort();
        k.dedup();
        k
    };
    let facilities = |c: &Circle| {
        let mut f: Vec<(String, String)> =
            c.facilities.iter().map(|f| (f.category.trim().to_string(), f.name.trim().to_string())).collect();
        f.sort();
        f
    };
    let mut out = Vec::new();
    for j in 0..cs.len() {
        for i in 0..j {
            let (a, b) = (&cs[i], &cs[j]);
            if !a.name.trim().is_empty() && a.name.trim() == b.name.trim() {
                out.push((i, j, "same_name"));
            } else if !communities(a).is_empty()
                && communities(a) == communities(b)
                && !a.facilities.is_empty()
                && facilities(a) == facilities(b)
            {
                out.push((i, j, "same_communities_and_facilities"));
            }
        }
    }
    out.sort();
    out
}

/// Random lists of a few names, communities (by code, by name, repeated, blank) and facilities:
/// the groups say exactly the pairs comparing every pair finds, each group in list order and the
/// groups by where the list first repeats itself.
#[test]
fn groups_say_exactly_the_pairs() {
    let mut pick = rng(0x0d15_7a1c_7d0b);
    let names = ["甲圈", " 甲圈", "乙圈", "", "  ", "丙圈"];
    let towns = [("330303001010", "镇中社区"), ("", "镇中社区"), ("330303001011", "乙社区"), ("", " "), ("", "丙社区")];
    let shops =
        [("convenience_store", "美宜佳"), (" convenience_store", "美宜佳 "), ("breakfast", "早餐店"), ("pharmacy", "")];
    let mut said = 0;
    for round in 0..400 {
        let n = pick(30);
        let cs: Vec<Circle> = (0..n)
            .map(|k| {
                let mut c = circle(&format!("c{k}"), names[pick(names.len())]);
                c.communities = (0..pick(3))
                    .map(|_| {
                        let (code, name) = towns[pick(towns.len())];
                        Named { code: (!code.is_empty()).then(|| code.to_string()), name: name.into() }
                    })
                    .collect();
                c.facilities = (0..pick(4))
                    .map(|_| {
                        let (cat, name) = shops[pick(shops.len())];
                        Facility::new(cat, name)
                    })
                    .collect();
                c
            })
            .collect();
        let listed: Vec<&Circle> = cs.iter().collect();
        let found = district::suspected_duplicates(&listed);
        assert_eq!(pairs_of(&found, &cs), compared_pairwise(&cs), "round {round}");
        let at = |id: &str| cs.iter().position(|c| c.id == id).expect("listed");
        let keys: Vec<(usize, usize)> = found.iter().map(|g| (at(&g.ids[1]), at(&g.ids[0]))).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "round {round}: {keys:?}");
        said += found.len();
    }
    assert!(said > 300, "{said} groups: the lists exercise the search");
}

/// An id given twice (which `summarise` refuses before this runs) is one circle of a group.
#[test]
fn an_id_given_twice_is_one_member() {
    let cs = [circle("a", "甲圈"), circle("b", "甲圈"), circle("a", "甲圈")];
    let listed: Vec<&Circle> = cs.iter().collect();
    let found = district::suspected_duplicates(&listed);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].ids, ["a", "b"]);
    let alone = [circle("a", "甲圈"), circle("a", "甲圈")];
    assert_eq!(district::suspected_duplicates(&alone.iter().collect::<Vec<_>>()), []);
}
