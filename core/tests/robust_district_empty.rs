//! A district of no circle is refused by the core's `summarise`, in one place, so that the
//! CLI, the npm functions and the dashboard say the same thing: once the CLI refused `[]` and
//! the npm `district([])` gave a summary of no circle with every target missed.

use lifecircle_core::district::{self, NO_CIRCLES};
use lifecircle_core::{Circle, Date, load_builtin};

#[test]
fn summarise_refuses_an_empty_list_in_chinese_first() {
    let st = load_builtin("longwan-2024").expect("built in");
    let as_of = Date::new(2025, 6, 30).expect("date");
    let refused = district::summarise(&st, &[], as_of, Some(10)).expect_err("no circle, no summary");
    assert!(refused.is_empty_list());
    assert!(refused.unscored.is_empty() && refused.repeated.is_empty());
    // What the npm functions say of it (they name the repeated ids of a refusal with none unscored).
    assert_eq!(district::repeated_message(&refused.repeated), NO_CIRCLES);
    assert!(NO_CIRCLES.starts_with("列表中没有生活圈") && NO_CIRCLES.contains(" / the list holds no circle"));
    let e = refused.into_input_error();
    assert_eq!(e.problems.len(), 1);
    let p = &e.problems[0];
    assert_eq!((p.code, p.field.as_str(), p.message.as_str()), ("empty", "circles", NO_CIRCLES));
    assert!(e.to_string().contains(NO_CIRCLES), "{e}");

    // One circle is a district; repeated ids are still said as before.
    let sample = lifecircle_core::example::EXAMPLES.iter().find(|x| x.standard == "longwan-2024").expect("sample");
    let c = Circle::from_json(sample.json).expect("sample reads");
    assert!(district::summarise(&st, std::slice::from_ref(&c), as_of, Some(10)).is_ok());
    let twice = district::summarise(&st, &[c.clone(), c.clone()], as_of, Some(10)).expect_err("twice");
    assert!(!twice.is_empty_list());
    assert!(
        district::repeated_message(&twice.repeated)
            .starts_with("同一编号出现多次（同一生活圈给了两次，或两个生活圈用了同一编号）")
    );
    // The standard's targets without circles stay available through `district` itself.
    assert!(!district::district(&st, &[], as_of, Some(10)).targets.is_empty());
}
