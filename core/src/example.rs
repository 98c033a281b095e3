//! Built-in sample circles (示例数据): invented facilities in a real Longwan community, for
//! the demo, the CLI's `example` command and the tests.

/// A sample circle: the standard it is written for and its JSON text.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    pub standard: &'static str,
    pub file: &'static str,
    pub json: &'static str,
}

/// Every built-in sample circle.
pub static EXAMPLES: &[Example] = &[Example {
    standard: "longwan-2024",
    file: "standards/examples/longwan-2024.sample.json",
    json: include_str!("../../standards/examples/longwan-2024.sample.json"),
}];

/// The sample circle written for a standard, if there is one.
pub fn example(standard: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.standard == standard)
}
