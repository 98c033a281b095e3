//! Messages a community worker or evaluator reads: the Chinese says at least as much as the
//! English (the value, the file, what was expected), and the exit code tells the kind of failure.

mod common;
use common::{lifecircle, root, stderr, text, tmp};

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

/// The sample circle written as `circle`, and its assessment (`score --format json`, as of
/// 2025-06-30) written as `result`: their paths.
fn scored_sample(circle: &str, result: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let f = tmp(circle, &sample());
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
    let res = tmp(result, &String::from_utf8(out.stdout).expect("utf8"));
    (f, res)
}

/// `verify` with a circle file that does not exist exits 3, as `score` does.
#[test]
fn verify_with_an_unreadable_circle_file_exits_3() {
    let (_, res) = scored_sample("v.json", "res.json");
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

/// Runs `lifecircle` with `args` and `input` on its standard input.
fn lifecircle_with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_lifecircle"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(input).expect("write");
    child.wait_with_output().expect("output")
}

/// A copy of a built-in standard with one rule changed and its id and version kept: every text
/// and Markdown report says, right under the standard's line, that it is not the built-in one,
/// Chinese first; the JSON is left as it is.
#[test]
fn a_modified_copy_of_a_builtin_standard_is_said_in_the_report() {
    let toml = std::fs::read_to_string(root().join("standards/longwan-2024.toml")).expect("standard");
    assert!(toml.contains("linear = [0.6, 0.9]"), "the rule changed below");
    let copy = tmp("longwan-copy.toml", &toml.replacen("linear = [0.6, 0.9]", "linear = [0.5, 0.9]", 1));
    let circle = tmp("copy-circle.json", &sample());
    let (copy, circle) = (copy.to_str().expect("path"), circle.to_str().expect("path"));
    let run = |command: &str, sid: &str, format: &str, lang: &str| {
        let args = [command, "-s", sid, "--as-of", "2026-12-06", "--format", format, "--lang", lang, circle];
        let out = lifecircle(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        String::from_utf8(out.stdout).expect("utf8")
    };
    for command in ["score", "district"] {
        for (format, lang, standard) in [
            ("text", "zh", "评价标准："),
            ("text", "en", "Standard: "),
            ("md", "zh", "评价标准"),
            ("md", "en", "Standard"),
        ] {
            let report = run(command, copy, format, lang);
            let lines: Vec<&str> = report.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.trim_start_matches("- ").trim_start_matches("**").starts_with(standard))
                .unwrap_or_else(|| panic!("{command} {format} {lang}: no standard line:\n{report}"));
            let next = lines[at + 1].trim_start_matches("- ");
            assert!(
                next.starts_with("⚠ 注意 Note") || next.starts_with("**⚠ 注意 Note**"),
                "{command} {format} {lang}:\n{report}"
            );
            let zh = next.find("此标准不是内置的 longwan-2024 v0.1.0").expect("the Chinese");
            let en = next.find("this is not the built-in longwan-2024 v0.1.0").expect("the English");
            assert!(zh < en, "Chinese first: {next}");
            // The built-in standard itself has no such line.
            let builtin = run(command, "longwan-2024", format, lang);
            assert!(!builtin.contains("不是内置"), "{command} {format} {lang}:\n{builtin}");
        }
    }
    // The JSON is the assessment as ever: nothing added.
    let json = run("score", copy, "json", "zh");
    assert!(!json.contains("不是内置") && !json.contains("not the built-in"), "{json}");
}

/// `district` given an empty list refuses it (exit 1, Chinese first) instead of a summary of no
/// circles with every target missed; any failure ends with a line saying no summary was made.
#[test]
fn district_refuses_an_empty_list_and_says_no_summary_was_made() {
    const NONE: &str = "未生成全区汇总";
    for (args, input) in [
        (vec!["district", "-s", "longwan-2024", "-"], &b"[]\n"[..]),
        (vec!["district", "-s", "longwan-2024", "-"], &b"\xef\xbb\xbf [ ]"[..]),
    ] {
        let out = lifecircle_with_stdin(&args, input);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(out.stdout.is_empty(), "no summary: {}", String::from_utf8_lossy(&out.stdout));
        let first = err.lines().next().unwrap_or_default();
        assert!(first.starts_with("-：列表中没有生活圈") && first.contains(" / the list holds no circle"), "{err}");
        assert!(err.trim_end().lines().last().is_some_and(|l| l.starts_with(NONE)), "{err}");
    }
    // `score` says so too, rather than succeed with nothing written.
    let out = lifecircle_with_stdin(&["score", "-s", "longwan-2024", "-"], b"[]");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("-：列表中没有生活圈，没有可评分的内容 / the list holds no circle"), "{err}");
    // One bad circle in a list: its problem with file, line and field, then the closing line.
    let mut list: serde_json::Value = serde_json::from_str(&format!("[{},{}]", sample(), sample())).expect("json");
    list[1]["id"] = "second".into();
    list[1]["population"] = (-5).into();
    let f = tmp("district-bad-list.json", &serde_json::to_string_pretty(&list).expect("json"));
    let out = lifecircle(&["district", "-s", "longwan-2024", f.to_str().expect("path")]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(err.contains("circles[1].population"), "{err}");
    let last = err.trim_end().lines().last().unwrap_or_default();
    assert!(last.starts_with(NONE) && last.contains("/ no district summary was produced"), "{err}");
    // A file that cannot be read: still exit 3, and the same closing line.
    let out = lifecircle(&["district", "-s", "longwan-2024", "/nonexistent-dir/c.json"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.trim_end().lines().last().is_some_and(|l| l.starts_with(NONE)), "{err}");
}

/// A file that cannot be read or written says why in Chinese first, the system's words after.
#[test]
fn io_errors_say_why_in_chinese_first() {
    let missing = tmp("io-here.json", "{}").with_file_name("io-missing.json");
    let folder = missing.parent().expect("folder").to_path_buf();
    for (path, why) in [(&missing, "文件不存在"), (&folder, "这是文件夹，不是文件")] {
        let p = path.to_str().expect("path");
        let out = lifecircle(&["score", "-s", "longwan-2024", p]);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(3), "{err}");
        assert!(err.starts_with(&format!("无法读取 {p}：{why} / cannot read {p}: ")), "{err}");
    }
    let out = lifecircle(&["pack", "longwan-2024", "-o", "/nonexistent-dir/x.lcs"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.starts_with("无法写入 /nonexistent-dir/x.lcs：所在文件夹不存在 / cannot write"), "{err}");
    // Standard input that is not UTF-8 is named by line and column, as a file is (exit 1).
    let out = lifecircle_with_stdin(&["score", "-s", "longwan-2024", "-"], b"{\"id\":\n\"\xc9\xe7\"}");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("第 2 行第 2 列") && err.contains("line 2, column 2"), "{err}");
}

/// The help's own words (clap's) read Chinese first: the parts of each command's help and the
/// `-h` and `-V` flags; both still work.
#[test]
fn help_names_its_parts_in_chinese_first() {
    let top = lifecircle(&["--help"]);
    assert!(top.status.success(), "{}", text(&top));
    let top = String::from_utf8_lossy(&top.stdout).into_owned();
    for want in
        ["用法 Usage: lifecircle <COMMAND>", "命令 Commands:", "选项 Options:", "显示帮助", "显示版本 Print version"]
    {
        assert!(top.contains(want), "{want}:\n{top}");
    }
    for args in [&["score", "-h"][..], &["access", "distance", "--help"][..], &["help", "verify"][..]] {
        let out = lifecircle(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        let help = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(help.contains("用法 Usage: lifecircle ") && help.contains("选项 Options:"), "{args:?}:\n{help}");
        assert!(help.contains("显示帮助"), "{args:?}:\n{help}");
        assert!(
            !help.lines().any(|l| ["Usage:", "Options:", "Arguments:"].contains(&l.split(' ').next().unwrap_or(""))),
            "{args:?}:\n{help}"
        );
    }
    let score = text(&lifecircle(&["score", "--help"]));
    assert!(score.contains("参数 Arguments:\n  <CIRCLES>..."), "{score}");
    let v = lifecircle(&["-V"]);
    assert!(v.status.success() && String::from_utf8_lossy(&v.stdout).starts_with("lifecircle "), "{}", text(&v));
}

/// `validate` says of bytes that were read but are no standard what `score -s` says of them:
/// invalid input (exit 1), not a file that could not be read (exit 3). A GBK-encoded standard,
/// a damaged packed one; only a file that is not there is exit 3.
#[test]
fn validate_calls_bytes_that_are_no_standard_invalid_not_unreadable() {
    let toml = std::fs::read_to_string(root().join("standards/mofcom-2021.toml")).expect("standard");
    let (bytes, _, lossy) = encoding_rs::GB18030.encode(&toml);
    assert!(!lossy && std::str::from_utf8(&bytes).is_err(), "GBK bytes that are not UTF-8");
    let gbk = tmp("gbk-standard.toml", "");
    std::fs::write(&gbk, &bytes).expect("write");
    let packed = tmp("to-damage.lcs", "");
    assert!(lifecircle(&["pack", "longwan-2024", "-o", packed.to_str().expect("p")]).status.success());
    let mut damaged = std::fs::read(&packed).expect("packed");
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    let damaged_file = tmp("damaged-standard.lcs", "");
    std::fs::write(&damaged_file, damaged).expect("write");
    let circle = tmp("for-gbk-standard.json", r#"{"id":"a","name":"b"}"#);
    for f in [&gbk, &damaged_file] {
        let f = f.to_str().expect("p");
        let score = lifecircle(&["score", "-s", f, circle.to_str().expect("p")]);
        let out = lifecircle(&["validate", f]);
        assert_eq!(score.status.code(), Some(1), "{}", text(&score));
        assert_eq!(out.status.code(), Some(1), "{f}: {}", text(&out));
        assert!(text(&out).contains(&format!("✘ {f}：")), "{}", text(&out));
        assert!(text(&out).contains("1 个标准文件无效 / 1 invalid standard file(s)"), "{}", text(&out));
    }
    assert!(text(&lifecircle(&["validate", gbk.to_str().expect("p")])).contains("不是 UTF-8 文本"));
    // With a file that is not there: still 1 (not every file was unreadable); alone: 3.
    let missing = "/nonexistent-dir/std.toml";
    let out = lifecircle(&["validate", gbk.to_str().expect("p"), missing]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("1 个标准文件无效，1 个无法读取"), "{}", text(&out));
    assert_eq!(lifecircle(&["validate", missing]).status.code(), Some(3));
}

/// `validate` writes its result to stdout whatever it is, as `verify` does (README, "Output"):
/// each file's line and the closing summary of the files that failed; stderr stays empty.
/// (Before, the summary went to stderr.)
#[test]
fn validate_writes_its_summary_to_stdout_as_verify_does() {
    let broken = tmp("validate-summary.toml", "not = [a standard");
    let missing = "/nonexistent-dir/std.toml";
    let good = root().join("standards/longwan-2024.toml");
    let good = good.to_str().expect("p");
    for (files, code, summary) in [
        (vec![good, broken.to_str().expect("p")], 1, "1 个标准文件无效 / 1 invalid standard file(s)"),
        (vec![good, missing], 3, "1 个标准文件无法读取 / 1 standard file(s) could not be read"),
        (
            vec![broken.to_str().expect("p"), missing],
            1,
            "1 个标准文件无效，1 个无法读取 / 1 invalid standard file(s), 1 could not be read",
        ),
    ] {
        let mut args = vec!["validate"];
        args.extend(&files);
        let out = lifecircle(&args);
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(out.status.code(), Some(code), "{}", text(&out));
        assert_eq!(said.lines().last(), Some(summary), "{said}");
        assert!(said.starts_with(&format!("✔ {good}")) || !files.contains(&good), "{said}");
        assert!(out.stderr.is_empty(), "nothing on stderr: {}", stderr(&out));
    }
    // Every file valid: their lines, and nothing else.
    let out = lifecircle(&["validate", good]);
    assert!(out.status.success() && out.stderr.is_empty(), "{}", text(&out));
}

/// Arguments that do not go together are usage errors (exit 2), said Chinese first before any
/// file is read: `--facilities` or `--origins` without `--network` (in `verify` too, where it
/// showed inside each assessment's result), and `access distance` with neither two points nor
/// `--pairs` (said after reading the whole network, exit 1).
#[test]
fn arguments_that_do_not_go_together_are_usage_errors_said_first() {
    let circle = tmp("usage-circle.json", &sample());
    let c = circle.to_str().expect("p");
    let need = "--facilities 与 --origins 须与 --network 一起给出";
    let out = lifecircle(&["score", "-s", "longwan-2024", "--facilities", "/nonexistent-dir/pois.csv", c]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with(need), "{}", text(&out));
    // verify: said once, before the assessment is read (it does not exist either).
    let out = lifecircle(&["verify", "-a", "/nonexistent-dir/res.json", "--origins", "/nonexistent-dir/o.csv", c]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(out.stdout.is_empty(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with(need), "{}", text(&out));
    // access distance: the network is not read (it does not exist: that would be exit 3).
    for args in [&[][..], &["--to", "116.3,39.9"][..]] {
        let mut all = vec!["access", "distance", "--network", "/nonexistent-dir/streets.osm"];
        all.extend_from_slice(args);
        let out = lifecircle(&all);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with("请给出 --from 与 --to（两点），或 --pairs"), "{err}");
        assert!(err.contains(" / give --from and --to, or"), "{err}");
    }
}

/// `verify`'s summary is the last line of stdout whether every assessment verifies or not (it
/// went to stderr when one did not); the exit code tells which.
#[test]
fn verify_says_its_summary_on_stdout_either_way() {
    let (f, res) = scored_sample("summary-circle.json", "summary-res.json");
    let good = std::fs::read_to_string(&res).expect("written");
    let mut v: serde_json::Value = serde_json::from_str(&good).expect("json");
    v["total"] = (v["total"].as_f64().expect("total") + 1.0).into();
    let altered = tmp("summary-altered.json", &v.to_string());
    for (a, code, last) in [
        (&res, 0, "全部 1 份评分结果核验通过 / all 1 assessment(s) verified"),
        (
            &altered,
            1,
            "1 份评分结果中 0 份核验通过，1 份评分结果未通过核验 / 0 of 1 assessment(s) verified, 1 of 1 assessment(s) did not verify",
        ),
    ] {
        let out = lifecircle(&["verify", "-a", a.to_str().expect("p"), f.to_str().expect("p")]);
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(out.status.code(), Some(code), "{}", text(&out));
        assert_eq!(said.lines().last(), Some(last), "{said}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("核验通过"), "{}", text(&out));
    }
}
