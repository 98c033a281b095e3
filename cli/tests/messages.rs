//! Messages a community worker or evaluator reads: the Chinese says at least as much as the
//! English (the value, the file, what was expected), and the exit code tells the kind of failure.

mod common;
use common::{lifecircle, root, text, tmp};

fn sample() -> String {
    std::fs::read_to_string(root().join("standards/examples/longwan-2024.sample.json")).expect("sample")
}

/// A misspelt category names the value, the standard and the category it is close to, in
/// Chinese first.
#[test]
fn an_unknown_category_names_the_value_and_the_nearest_category() {
    let mut v: serde_json::Value = serde_json::from_str(&sample()).expect("json");
    v["facilities"][0]["category"] = "conveniance_store".into();
    let f = tmp("misspelt.json", &v.to_string());
    let out = lifecircle(&["score", "-s", "longwan-2024", "--as-of", "2025-06-30", f.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let t = text(&out);
    let line = t.lines().find(|l| l.contains("facilities[0].category")).unwrap_or_else(|| panic!("{t}"));
    let zh = line.split(" / ").next().expect("zh");
    for want in ["conveniance_store", "longwan-2024", "convenience_store", "便利店"] {
        assert!(zh.contains(want), "the Chinese lacks {want}: {line}");
    }
}

/// `validate` given a circle file says it is one, and how to score it (exit 1, not 0).
#[test]
fn validate_on_a_circle_file_says_it_is_a_circle() {
    let path = root().join("standards/examples/longwan-2024.sample.json");
    let out = lifecircle(&["validate", path.to_str().expect("path")]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("这是生活圈数据文件，不是标准文件"), "{t}");
    assert!(t.contains("lifecircle score -s"), "{t}");
    assert!(!t.contains("unknown field `checklist`"), "{t}");
    // A standard still validates as one.
    let ok = lifecircle(&["validate", root().join("standards/longwan-2024.toml").to_str().expect("path")]);
    assert!(ok.status.success(), "{}", text(&ok));
}

/// A standard given as a path that does not exist cannot be read: exit 3, Chinese first.
#[test]
fn a_missing_standard_file_is_unreadable_not_unknown() {
    let circle = tmp("c.json", r#"{"id":"a","name":"b"}"#);
    let c = circle.to_str().expect("path");
    for sid in ["/nonexistent-dir/nope.toml", "nope.toml", "mine/std.json", "x.yaml"] {
        let out = lifecircle(&["score", "-s", sid, c]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(3), "{sid}: {err}");
        assert!(err.starts_with(&format!("无法读取标准文件 {sid}：文件不存在 / cannot read")), "{sid}: {err}");
    }
    // An id that is neither built in nor a file: Chinese throughout its first half, exit 1.
    let out = lifecircle(&["score", "-s", "longwan-2025", c]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    let zh = err.split(" / ").next().expect("zh");
    assert!(zh.contains("不是内置标准") && zh.contains("longwan-2024") && !zh.contains("not a"), "{err}");
}

/// `verify` with a circle file that does not exist exits 3, as `score` does.
#[test]
fn verify_with_an_unreadable_circle_file_exits_3() {
    let f = tmp("v.json", &sample());
    let out = lifecircle(&[
        "score",
        "-s",
        "longwan-2024",
        "--as-of",
        "2025-06-30",
        "--format",
        "json",
        f.to_str().expect("p"),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let res = tmp("res.json", &String::from_utf8(out.stdout).expect("utf8"));
    let out = lifecircle(&["verify", "-a", res.to_str().expect("p"), "/nonexistent-dir/circle.json"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    // An invalid circle file is still exit 1.
    let bad = tmp("bad-circle.json", r#"{"id":"a","name":"b","population":-5}"#);
    let out = lifecircle(&["verify", "-a", res.to_str().expect("p"), bad.to_str().expect("p")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
}

/// A negative number for a numeric option reaches its check, which says it is negative.
#[test]
fn a_negative_number_is_said_to_be_negative() {
    let f = tmp("d.json", r#"{"id":"a","name":"b"}"#);
    let out = lifecircle(&["district", "-s", "longwan-2024", "--communities", "-3", f.to_str().expect("p")]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    let first = err.lines().next().unwrap_or_default();
    assert!(first.starts_with("命令用法错误"), "{err}");
    assert!(first.contains("-3") && first.contains("负数"), "{err}");
    assert!(!first.contains("无法识别的参数"), "{err}");
}

/// An empty circle file says it is empty; a JSON syntax error is named in Chinese.
#[test]
fn empty_and_broken_json_files_are_named() {
    let empty = tmp("empty.json", " \n");
    let out = lifecircle(&["score", "-s", "longwan-2024", empty.to_str().expect("p")]);
    let t = text(&out);
    assert_eq!(out.status.code(), Some(1), "{t}");
    assert!(t.contains("文件为空 / the file is empty"), "{t}");
    assert!(!t.contains("EOF while parsing"), "{t}");
    let comma = tmp("comma.json", "{\"id\": \"a\", \"name\": \"b\",\n}");
    let t = text(&lifecircle(&["score", "-s", "longwan-2024", comma.to_str().expect("p")]));
    assert!(t.contains("多余的逗号"), "{t}");
}
