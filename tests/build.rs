//! Embeds every golden case, test standard and snapshot, so the same files run natively and
//! in wasm (where there is no file system).

use std::fmt::Write;
use std::path::Path;

fn files(dir: &Path, ext: &str, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p.to_string_lossy().into_owned());
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    for (name, dir, ext) in
        [("CASES", "cases", "json"), ("STANDARDS", "standards", "toml"), ("SNAPSHOTS", "snapshots", "json")]
    {
        let mut list = Vec::new();
        files(&root.join(dir), ext, &mut list);
        list.sort();
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
        let _ = writeln!(
            code,
            "/// `(path relative to tests/, text)` of every {dir}/**/*.{ext}.\npub const {name}: &[(&str, &str)] = &["
        );
        for f in &list {
            let rel = Path::new(f).strip_prefix(root).expect("under tests/").to_string_lossy().replace('\\', "/");
            println!("cargo:rerun-if-changed={f}");
            let _ = writeln!(code, "    ({rel:?}, include_str!({f:?})),");
        }
        code.push_str("];\n");
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded.rs");
    std::fs::write(out, code).expect("write embedded.rs");
}
