//! `lifecircle score --format json|csv` over many circles: each assessment written as soon as its
//! circle is scored, and dropped.
//!
//! A province's circles (tens of thousands) were all kept, each with its explanations, until the
//! last was scored: 1.4 GB for 10,000 circles (performance review of 2026-12-06). What is
//! written is byte for byte what was written then: the JSON list as `serde_json` writes a list
//! (`to_string_pretty`), element by element; the CSV as [`lifecircle_core::table::circles`]
//! writes it, row by row ([`CircleRows`]). One circle file holding one circle is written as
//! that assessment, not a list of one, as before.

use lifecircle_core::Assessment;
use lifecircle_core::standard::Lang;
use lifecircle_core::table::CircleRows;

use crate::{Failure, FormatArg};

/// What `score` writes so far, and where its text goes: `sink(text, json)` (`json`: JSON text,
/// else a table's).
pub(crate) struct Batch<F: FnMut(&str, bool)> {
    kind: Kind,
    sink: F,
}

enum Kind {
    /// A report per circle, written by the caller.
    Reports,
    /// The JSON list's elements written so far; `one` when a single circle file held a single
    /// circle, written as the object itself.
    Json {
        files: usize,
        written: usize,
        one: bool,
    },
    Csv(CircleRows),
}

impl<F: FnMut(&str, bool)> Batch<F> {
    /// Nothing written yet; `files`: how many circle files the command was given.
    pub(crate) fn new(format: FormatArg, lang: Lang, files: usize, sink: F) -> Batch<F> {
        let kind = match format {
            FormatArg::Json => Kind::Json { files, written: 0, one: false },
            FormatArg::Csv => Kind::Csv(CircleRows::new(lang)),
            FormatArg::Text | FormatArg::Md => Kind::Reports,
        };
        Batch { kind, sink }
    }

    /// Writes a circle's assessment (`list`: its file holds a list of circles).
    pub(crate) fn write(&mut self, a: &Assessment, list: bool) -> Result<(), Failure> {
        match &mut self.kind {
            Kind::Reports => {}
            Kind::Json { files, written, one } => {
                let text = serde_json::to_string_pretty(a).map_err(|e| Failure::Invalid(e.to_string()))?;
                if *files == 1 && !list && *written == 0 {
                    // The one circle of the one file: its assessment alone, as `verify` reads it.
                    *one = true;
                    (self.sink)(&(text + "\n"), true);
                } else {
                    // An element of the list, indented one level as in `to_string_pretty` of the
                    // list (a line break in a JSON text is only ever its layout: strings escape theirs).
                    let mut element = String::with_capacity(text.len() + text.len() / 8 + 4);
                    element.push_str(if *written == 0 { "[\n  " } else { ",\n  " });
                    element.push_str(&text.replace('\n', "\n  "));
                    (self.sink)(&element, true);
                }
                *written += 1;
            }
            Kind::Csv(rows) => {
                let row = rows.row(a).map_err(|_| {
                    Failure::Invalid(
                        "程序错误：同一批次中的评分结果列不同 / program error: assessments of one batch with different \
                         columns"
                            .into(),
                    )
                })?;
                (self.sink)(&row, false);
            }
        }
        Ok(())
    }

    /// Writes what ends the output: the list's closing bracket (`[]` when no circle was
    /// scored), or the table's header when it has no row.
    pub(crate) fn finish(self) {
        let Batch { kind, mut sink } = self;
        match kind {
            Kind::Reports => {}
            Kind::Json { one: true, .. } => {}
            Kind::Json { written: 0, .. } => sink("[]\n", true),
            Kind::Json { .. } => sink("\n]\n", true),
            Kind::Csv(rows) => {
                let rest = rows.finish();
                if !rest.is_empty() {
                    sink(&rest, false);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use lifecircle_core::standard::load_builtin;
    use lifecircle_core::{Circle, Date};

    use super::*;

    /// The output as `score` wrote it before it was streamed (kept as the reference): every
    /// assessment kept, then the whole list (or the one assessment) or the whole table.
    fn whole(format: FormatArg, results: &[Assessment], files: usize, lists: bool, lang: Lang) -> String {
        match format {
            FormatArg::Json => {
                let v = if files == 1 && !lists && results.len() == 1 {
                    serde_json::to_string_pretty(&results[0])
                } else {
                    serde_json::to_string_pretty(&results)
                };
                v.unwrap() + "\n"
            }
            FormatArg::Csv => lifecircle_core::table::circles(results, lang),
            FormatArg::Text | FormatArg::Md => String::new(),
        }
    }

    /// The output of [`Batch`] for the same assessments, each with whether its file is a list.
    fn streamed(format: FormatArg, results: &[(Assessment, bool)], files: usize, lang: Lang) -> String {
        let mut out = String::new();
        let mut b = Batch::new(format, lang, files, |t: &str, _| out.push_str(t));
        for (a, list) in results {
            assert!(b.write(a, *list).is_ok());
        }
        b.finish();
        out
    }

    /// 50 circles that differ from each other: names that need quoting or guarding, sample or
    /// not, surveys, facilities left out (so no data, other points and grades).
    fn many() -> Vec<Assessment> {
        let st = load_builtin("longwan-2024").unwrap();
        let base: serde_json::Value =
            serde_json::from_str(lifecircle_core::example::example("longwan-2024").unwrap().json).unwrap();
        let as_of: Date = "2026-12-06".parse().unwrap();
        (0..50)
            .map(|i| {
                let mut c = base.clone();
                c["id"] = format!("330303{i:06}").into();
                c["name"] = match i % 4 {
                    0 => format!("第{i}号生活圈"),
                    1 => format!("=圈{i}, \"引号\""),
                    2 => format!("{i}/2"),
                    _ => format!("圈 {i}"),
                }
                .into();
                c["sample"] = (i % 3 == 0).into();
                if let Some(fs) = c["facilities"].as_array_mut() {
                    fs.truncate(fs.len().saturating_sub(i % 7 * 3));
                }
                if i % 5 == 0 {
                    c.as_object_mut().unwrap().remove("surveys");
                }
                let circle = Circle::from_json(&c.to_string()).unwrap();
                lifecircle_core::score(&st, &circle, as_of).unwrap()
            })
            .collect()
    }

    #[test]
    fn streamed_output_is_the_whole_lists_byte_for_byte() {
        let all = many();
        // The circles do differ: several totals and grades, rows that need quoting.
        let mut totals: Vec<String> = all.iter().map(|a| a.total.to_string()).collect();
        totals.sort();
        totals.dedup();
        assert!(totals.len() > 5, "{totals:?}");
        for format in [FormatArg::Json, FormatArg::Csv] {
            for lang in [Lang::Zh, Lang::En] {
                // One file with a list of 50; 50 files of one circle; a list and single circles.
                let as_list: Vec<(Assessment, bool)> = all.iter().map(|a| (a.clone(), true)).collect();
                assert_eq!(streamed(format, &as_list, 1, lang), whole(format, &all, 1, true, lang));
                let as_files: Vec<(Assessment, bool)> = all.iter().map(|a| (a.clone(), false)).collect();
                assert_eq!(streamed(format, &as_files, 50, lang), whole(format, &all, 50, false, lang));
                let mixed: Vec<(Assessment, bool)> = all.iter().enumerate().map(|(i, a)| (a.clone(), i < 10)).collect();
                assert_eq!(streamed(format, &mixed, 41, lang), whole(format, &all, 41, true, lang));
                // One file of one circle: the assessment itself (JSON), or a row (CSV).
                let one = &all[7..8];
                assert_eq!(streamed(format, &[(one[0].clone(), false)], 1, lang), whole(format, one, 1, false, lang));
                // A list of one, and two files of which one scored.
                assert_eq!(streamed(format, &[(one[0].clone(), true)], 1, lang), whole(format, one, 1, true, lang));
                assert_eq!(streamed(format, &[(one[0].clone(), false)], 2, lang), whole(format, one, 2, false, lang));
                // Nothing scored: `[]`, or the header alone.
                for (files, lists) in [(1, false), (1, true), (3, false)] {
                    assert_eq!(streamed(format, &[], files, lang), whole(format, &[], files, lists, lang));
                }
            }
        }
        // The single assessment is an object, the list a list of the same assessments.
        let one = streamed(FormatArg::Json, &[(all[0].clone(), false)], 1, Lang::Zh);
        assert!(one.starts_with("{\n  \"engine\""), "{}", &one[..40]);
        let list = streamed(FormatArg::Json, &[(all[0].clone(), false), (all[1].clone(), false)], 2, Lang::Zh);
        let back: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
        assert_eq!(back[1], serde_json::to_value(&all[1]).unwrap());
    }
}
