//! Every number of a standard that scoring does arithmetic with is a finite number, or the
//! standard is refused with a diagnostic at the line that wrote it (Chinese first, then the
//! English). NaN passes every `(declared - sum).abs() > 1e-9` comparison, so a `total_points`
//! of `nan` once validated and scored "out of NaN".

use lifecircle_core::standard::{self, DiagCode, Diagnostic, Standard};

fn resolve(name: &str, text: &str) -> Result<Standard, Vec<Diagnostic>> {
    standard::resolve::resolve(name, text, &standard::builtin_parent).map_err(|e| e.diagnostics)
}

fn mofcom() -> String {
    standard::builtin_text("mofcom-2021").expect("built in").to_string()
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> u32 {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    u32::try_from(text[..at].matches('\n').count() + 1).expect("a line number")
}

#[test]
fn total_points_not_a_number_is_refused_at_its_line() {
    let text = mofcom();
    let line = line_of(&text, "total_points = 100");
    for bad in ["nan", "inf", "-inf", "+nan"] {
        let broken = text.replacen("total_points = 100", &format!("total_points = {bad}"), 1);
        let diags = resolve("mine.toml", &broken).expect_err(bad);
        // One problem, the one written, not a points mismatch "out of NaN" beside it.
        assert_eq!(diags.len(), 1, "{bad}: {diags:#?}");
        let d = &diags[0];
        assert_eq!((d.code, d.line, d.item.as_deref()), (DiagCode::BadValue, Some(line), Some("mofcom-2021")), "{d}");
        let shown = if bad.contains("nan") { "NaN" } else { bad };
        let zh = d.zh.as_deref().expect("Chinese of its own");
        assert_eq!(
            zh,
            format!("总分 total_points 须为有限的数，不能是 {shown}：各指标合计 100 分，请写 total_points = 100")
        );
        assert_eq!(
            d.message,
            format!(
                "total_points must be a finite number, not {shown}: the indicators add up to 100; write total_points = 100"
            )
        );
        // A terminal shows the Chinese first.
        assert!(d.to_string().contains(&format!("{zh} / {}", d.message)), "{d}");
    }
}

#[test]
fn a_dimension_s_points_not_a_number_is_refused_at_its_line() {
    let text = mofcom();
    let from = "en = \"Sound layout and easy reach\"\npoints = 22\n";
    let line = line_of(&text, from) + 1;
    for bad in ["nan", "inf"] {
        let broken = text.replacen(from, &format!("en = \"Sound layout and easy reach\"\npoints = {bad}\n"), 1);
        let diags = resolve("mine.toml", &broken).expect_err(bad);
        assert_eq!(diags.len(), 1, "{bad}: {diags:#?}");
        let d = &diags[0];
        assert_eq!((d.code, d.line, d.item.as_deref()), (DiagCode::BadValue, Some(line), Some("layout")), "{d}");
        let shown = if bad == "nan" { "NaN" } else { bad };
        assert_eq!(
            d.zh.as_deref(),
            Some(
                format!("维度 layout 的分值小计 points 须为有限的数，不能是 {shown}：其指标合计 22 分，请写 points = 22，或删去 points")
                    .as_str()
            )
        );
        assert!(
            d.message.starts_with(&format!("dimension `layout`: points must be a finite number, not {shown}")),
            "{d}"
        );
    }
}

/// The same in YAML (`.nan`), said at the YAML file's own line.
#[test]
fn yaml_nan_is_refused_at_the_yaml_line() {
    let yaml = include_str!("standard_formats/fmt-test.yaml");
    assert!(resolve("fmt-test.yaml", yaml).is_ok(), "the fixture resolves");
    let line = line_of(yaml, "total_points: 10");
    for bad in [".nan", ".inf", "-.Inf"] {
        let broken = yaml.replacen("total_points: 10", &format!("total_points: {bad}"), 1);
        let diags = resolve("fmt-test.yaml", &broken).expect_err(bad);
        assert_eq!(diags.len(), 1, "{bad}: {diags:#?}");
        assert_eq!(
            (diags[0].code, diags[0].line, diags[0].file.as_str()),
            (DiagCode::BadValue, Some(line), "fmt-test.yaml")
        );
        assert!(
            diags[0].zh.as_deref().is_some_and(|zh| zh.starts_with("总分 total_points 须为有限的数")),
            "{:?}",
            diags[0]
        );
    }
}

/// Every number written in the built-in standards (points, thresholds, bounds, grade cut-offs,
/// targets, parameters, `linear` and `steps` values), replaced by `nan` one at a time, is
/// refused with a diagnostic at its line: none reaches scoring.
#[test]
fn every_number_of_the_built_in_standards_as_nan_is_refused_at_its_line() {
    let mut tried = 0;
    for id in ["mofcom-2021", "zhejiang-2023", "longwan-2024", "gb50180-2018"] {
        let text = standard::builtin_text(id).expect("built in");
        let file = format!("{id}.toml");
        assert!(resolve(&file, text).is_ok(), "{id} resolves");
        let mut offset = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            let Some((key, value)) = line.trim_end().split_once(" = ") else { continue };
            if key.contains(' ') || key.starts_with('#') {
                continue;
            }
            // Each number of the line: a plain value, or one inside `linear = [..]` or `steps = [..]`.
            let numbers: Vec<(usize, usize)> = if value.parse::<f64>().is_ok() {
                vec![(key.len() + 3, value.len())]
            } else if key == "linear" || key == "steps" {
                numbers_in(value).into_iter().map(|(a, l)| (key.len() + 3 + a, l)).collect()
            } else {
                continue;
            };
            for (at, len) in numbers {
                let (a, b) = (start + at, start + at + len);
                let broken = format!("{}nan{}", &text[..a], &text[b..]);
                let line_no = u32::try_from(n + 1).expect("line");
                let diags =
                    resolve(&file, &broken).expect_err(&format!("{id}:{line_no}: {} accepted", line.trim_end()));
                assert!(
                    diags.iter().any(|d| d.line == Some(line_no) && d.file == file),
                    "{id}:{line_no} `{}` as nan: no diagnostic at its line: {diags:#?}",
                    line.trim_end()
                );
                tried += 1;
            }
        }
    }
    assert!(tried >= 300, "{tried} numbers tried");
}

/// The byte offsets and lengths of the numbers in `text` (digits, `.`, `-`).
fn numbers_in(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit() || (b[i] == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit));
        if starts && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) {
            let j = i + 1 + b[i + 1..].iter().take_while(|c| c.is_ascii_digit() || **c == b'.').count();
            out.push((i, j - i));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}
