//! `district` on a list with no circle: the CLI names the file and says what the core's
//! `summarise` says of it (`district::NO_CIRCLES`), the words the npm functions use too.

use lifecircle_core::district::NO_CIRCLES;

mod common;
use common::{lifecircle, sample_path, stderr, tmp};

#[test]
fn an_empty_list_is_refused_in_the_core_s_words() {
    let empty = tmp("empty-district.json", "[]\n");
    let e = empty.to_str().expect("path");
    let out = lifecircle(&["district", "-s", "longwan-2024", "--as-of", "2025-06-30", "--communities", "10", e]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "no summary");
    assert_eq!(err.lines().next(), Some(format!("{e}：{NO_CIRCLES}").as_str()), "{err}");
    assert!(err.trim_end().lines().last().is_some_and(|l| l.starts_with("未生成全区汇总")), "{err}");

    // An empty file beside a circle is a mistake too: named, and no summary.
    let sample = sample_path();
    let s = sample.to_str().expect("path");
    let out = lifecircle(&["district", "-s", "longwan-2024", "--as-of", "2025-06-30", s, e]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "no summary");
    assert!(err.contains(&format!("{e}：{NO_CIRCLES}")), "{err}");

    // The circle alone is a district.
    let out = lifecircle(&["district", "-s", "longwan-2024", "--as-of", "2025-06-30", s]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
