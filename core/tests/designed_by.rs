//! Who designed a provisional value, as every explanation says it: this project for the
//! built-in standards (which it wrote), the standard itself for a user's own edition (a
//! district's designed values are not this project's).

use lifecircle_core::standard::{self, Lang};
use lifecircle_core::{Circle, Date, score};

#[test]
fn a_users_own_designed_value_is_credited_to_its_standard_not_to_this_project() {
    let text = include_str!("standard_formats/longwan-2027.toml");
    let st = standard::resolve::resolve("longwan-2027.toml", text, &standard::builtin_parent).expect("valid");
    let circle = Circle::from_json(lifecircle_core::example::example("longwan-2024").unwrap().json).unwrap();
    // The 2027 edition removed the cold-chain checklist item: its answer goes.
    let mut c27 = circle.clone();
    c27.checklist.remove("LW-M02");
    let a = score(&st, &c27, Date::new(2027, 6, 30).unwrap()).expect("scored");
    let zh = |id: &str| a.indicators.iter().find(|r| r.id == id).expect(id).explanation.get(Lang::Zh).to_string();
    let en = |id: &str| a.indicators.iter().find(|r| r.id == id).expect(id).explanation.get(Lang::En).to_string();
    // The 2027 edition's own indicator: designed by that edition.
    // Then why: the reason's Chinese half in Chinese, its English half in English.
    assert!(
        zh("LW27-E01").ends_with(
            "（本项要求与分值均为 longwan-2027 标准的暂定设计值，非官方数值）。理由：10分钟可达为2027版设计要求，待专家论证。"
        ),
        "{}",
        zh("LW27-E01")
    );
    assert!(
        en("LW27-E01").ends_with(
            "designed by the standard longwan-2027, not official). Why: The 10-minute requirement is designed, pending review."
        ),
        "{}",
        en("LW27-E01")
    );
    // An indicator it inherits unchanged from the built-in Longwan standard: this project's.
    assert!(zh("LW-V01").contains("本项目暂定设计值"), "{}", zh("LW-V01"));
    // The findings' summary no longer claims all of them for this project.
    let summary = a.findings.iter().find(|f| f.code == "provisional_values").expect("a summary");
    assert!(
        !summary.message.zh.contains("本项目") && summary.message.zh.contains("暂定值（非官方数值）"),
        "{}",
        summary.message.zh
    );
    // The built-in standard itself is unchanged.
    let lw = lifecircle_core::load_builtin("longwan-2024").unwrap();
    let b = score(&lw, &circle, Date::new(2025, 6, 30).unwrap()).unwrap();
    let summary = b.findings.iter().find(|f| f.code == "provisional_values").expect("a summary");
    assert!(summary.message.zh.contains("为本项目设计的暂定值（非官方数值）"), "{}", summary.message.zh);
}
