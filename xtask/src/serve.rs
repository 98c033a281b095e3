//! A small static file server on 127.0.0.1 for the demo portal and the browser tests: URL
//! prefixes mapped to directories, one thread per connection, only plain names below a mounted
//! directory (no `..`, no absolute path), only requests naming 127.0.0.1, localhost or [::1] as
//! their host, the demo's CSP sent as a header too (the page also carries it as a meta tag).
//! Text, scripts and wasm go compressed to a browser that accepts it, as a portal's server
//! should send them: a file's precompressed copy beside it (`.br`, else `.gz`, written by
//! `cargo xtask dist`) as it is, as nginx's `brotli_static`/`gzip_static` send them; else gzip at
//! level 6. A phone on a slow network (or Chromium throttled in a test) then loads the bytes
//! `cargo xtask dist` counts, not three times as many.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// The Content-Security-Policy the portal is served with.
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

/// URL prefix → directory, first match wins.
pub type Mounts = Vec<(&'static str, PathBuf)>;

/// Binds 127.0.0.1:`port` (0 = any free port), with a clear message when it is taken.
pub fn bind(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "端口 {port} 已被占用，请关闭占用它的程序或换一个端口：cargo xtask demo --port 8081\n\
                 port {port} is already in use: stop what uses it or pick another port: cargo xtask demo --port 8081"
            )
        } else {
            format!("无法监听 cannot listen on 127.0.0.1:{port}: {e}")
        }
    })
}

/// Serves until the process ends, with the portal's CSP header.
pub fn serve_forever(listener: TcpListener, mounts: Mounts) {
    serve_loop(listener, mounts, true);
}

fn serve_loop(listener: TcpListener, mounts: Mounts, csp: bool) {
    let mounts = std::sync::Arc::new(mounts);
    for stream in listener.incoming().flatten() {
        let m = mounts.clone();
        std::thread::spawn(move || {
            let _ = respond(stream, &m, csp);
        });
    }
}

/// Serves from a background thread without a CSP header (for a plain test page with an inline
/// module script, as a portal might write it); returns the base URL.
pub fn serve_plain_in_background(mounts: Mounts) -> Result<String, String> {
    let listener = bind(0)?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    std::thread::spawn(move || serve_loop(listener, mounts, false));
    Ok(format!("http://{addr}"))
}

/// Serves from a background thread; returns the base URL.
pub fn serve_in_background(mounts: Mounts) -> Result<String, String> {
    let listener = bind(0)?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    std::thread::spawn(move || serve_forever(listener, mounts));
    Ok(format!("http://{addr}"))
}

/// The most a request line and its headers may take, bytes: more is refused, not buffered.
const MAX_HEAD: u64 = 16 * 1024;

fn respond(mut stream: TcpStream, mounts: &[(&str, PathBuf)], csp: bool) -> std::io::Result<()> {
    use std::io::Read;
    // A client that stops sending does not hold its thread for ever.
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD));
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut host = None;
    let (mut gzip_ok, mut br_ok) = (false, false);
    let mut header = String::new();
    let mut complete = false;
    while reader.read_line(&mut header)? > 0 {
        if header == "\r\n" || header == "\n" {
            complete = true;
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("host")
        {
            host = Some(value.trim().to_string());
        } else if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("accept-encoding")
        {
            (gzip_ok, br_ok) = (accepts(value, "gzip"), accepts(value, "br"));
        }
        header.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let plain = "text/plain; charset=utf-8";
    let (status, kind, body, encoding) = if !complete {
        ("431 Request Header Fields Too Large", plain, "request too large 请求过大".as_bytes().to_vec(), "")
    } else if !local_host(host.as_deref()) {
        // Only pages of this server's own origin: a page elsewhere whose name was made to point
        // at 127.0.0.1 (DNS rebinding) sends its own name as the host.
        ("421 Misdirected Request", plain, "wrong host 主机名不符".as_bytes().to_vec(), "")
    } else if let Some(f) = mounted_file(mounts, &path).filter(|f| f.is_file()) {
        let kind = content_type(&f);
        // A copy is read only when the browser takes its coding: `.br` first, then `.gz`.
        let copy = |ok: bool, ext: &str| ok.then(|| std::fs::read(sibling(&f, ext)).ok()).flatten();
        let (body, encoding) = if let Some(br) = copy(br_ok, "br") {
            (br, "Content-Encoding: br\r\n")
        } else if let Some(gz) = copy(gzip_ok, "gz") {
            (gz, "Content-Encoding: gzip\r\n")
        } else {
            let body = std::fs::read(&f)?;
            if gzip_ok && compressible(kind) { (gzip(&body)?, "Content-Encoding: gzip\r\n") } else { (body, "") }
        };
        ("200 OK", kind, body, encoding)
    } else {
        ("404 Not Found", plain, "not found 未找到".as_bytes().to_vec(), "")
    };
    let policy = if csp { format!("Content-Security-Policy: {CSP}\r\n") } else { String::new() };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{encoding}Vary: Accept-Encoding\r\n\
         {policy}X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

/// `<file>.<ext>`: a file's precompressed copy (written by `widgets::precompress`).
pub fn sibling(f: &Path, ext: &str) -> PathBuf {
    let mut name = f.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Whether an `Accept-Encoding` value lists `coding` (or `*`) with a weight above zero.
fn accepts(value: &str, coding: &str) -> bool {
    value.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let weight = parts
            .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
            .map_or(Some(1.0), |q| q.trim().parse::<f64>().ok());
        (name.eq_ignore_ascii_case(coding) || name == "*") && weight.is_some_and(|w| w > 0.0)
    })
}

/// Whether a content type is worth compressing (PNG and icons are compressed already).
fn compressible(kind: &str) -> bool {
    kind.starts_with("text/") || kind.starts_with("application/") || kind.starts_with("image/svg")
}

/// `body` gzip-compressed at level 6, what common servers use by default.
fn gzip(body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), flate2::Compression::new(6));
    out.write_all(body)?;
    out.finish()
}

/// Whether a request's `Host` names this machine: 127.0.0.1, localhost or [::1], at any port
/// (a forwarded port, `ssh -L 9000:127.0.0.1:8080`, arrives with its own).
fn local_host(host: Option<&str>) -> bool {
    host.map(|h| h.rsplit_once(':').filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit())).map_or(h, |(n, _)| n))
        .is_some_and(|name| matches!(name, "127.0.0.1" | "localhost" | "[::1]"))
}

/// The file a URL path names under the first mount whose prefix it starts with: only plain
/// names below the mounted directory (no empty, `.` or `..` segment, no backslash, drive or
/// root, which `Path::join` would let replace the directory itself).
fn mounted_file(mounts: &[(&str, PathBuf)], path: &str) -> Option<PathBuf> {
    mounts.iter().find_map(|(prefix, dir)| {
        let rest = path.strip_prefix(prefix)?;
        let rest = if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest.into() };
        let plain = rest.split('/').all(|s| !matches!(s, "" | "." | "..") && !s.contains(['\\', ':', '\0']));
        let relative = Path::new(&rest);
        (plain && relative.components().all(|c| matches!(c, std::path::Component::Normal(_))))
            .then(|| dir.join(relative))
    })
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = b.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok())
            && let Ok(v) = u8::from_str_radix(v, 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(f: &Path) -> &'static str {
    match f.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json" | "map") => "application/json; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        // Packed standards (`dist/widgets/standards/<id>.bin`).
        Some("bin") => "application/octet-stream",
        _ => "text/plain; charset=utf-8",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// The status line the server answers `request` (raw bytes) with.
    fn status(base: &str, request: &[u8]) -> String {
        let mut s = TcpStream::connect(base.trim_start_matches("http://")).unwrap();
        let _ = s.write_all(request);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).lines().next().unwrap_or("").to_string()
    }

    #[test]
    fn only_files_below_the_mounts_for_this_host() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("site")).unwrap();
        std::fs::write(dir.join("site/index.html"), "ok").unwrap();
        std::fs::write(dir.join("secret.txt"), "secret").unwrap();
        let base = serve_in_background(vec![("/", dir.join("site"))]).unwrap();
        let host = base.trim_start_matches("http://").to_string();
        let get = |path: &str| status(&base, format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());
        assert_eq!(get("/"), "HTTP/1.1 200 OK");
        assert_eq!(get("/index.html"), "HTTP/1.1 200 OK");
        let secret = dir.join("secret.txt").display().to_string();
        for bad in [
            format!("/{secret}"),
            format!("/%2f{}", secret.trim_start_matches('/')),
            "/../secret.txt".into(),
            "/%2e%2e/secret.txt".into(),
            "/./index.html".into(),
            "//index.html".into(),
            "/..%5csecret.txt".into(),
        ] {
            assert_eq!(get(&bad), "HTTP/1.1 404 Not Found", "{bad}");
        }
        let named = |h: &str| status(&base, format!("GET / HTTP/1.1\r\nHost: {h}\r\n\r\n").as_bytes());
        let port = host.rsplit_once(':').unwrap().1;
        assert_eq!(named(&format!("localhost:{port}")), "HTTP/1.1 200 OK");
        assert_eq!(named("localhost:9000"), "HTTP/1.1 200 OK", "a forwarded port");
        assert_eq!(named("127.0.0.1"), "HTTP/1.1 200 OK");
        assert_eq!(named(&format!("attacker.example:{port}")), "HTTP/1.1 421 Misdirected Request");
        assert_eq!(status(&base, b"GET / HTTP/1.1\r\n\r\n"), "HTTP/1.1 421 Misdirected Request", "no host");
        let long = format!("GET /{} HTTP/1.1\r\nHost: {host}\r\n\r\n", "a".repeat(MAX_HEAD as usize));
        assert_eq!(status(&base, long.as_bytes()), "HTTP/1.1 431 Request Header Fields Too Large");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The whole answer to `request`: its head, and its body as sent.
    fn answer(base: &str, request: &str) -> (String, Vec<u8>) {
        let mut s = TcpStream::connect(base.trim_start_matches("http://")).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        let at = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        (String::from_utf8_lossy(&out[..at]).into_owned(), out[at + 4..].to_vec())
    }

    #[test]
    fn compressed_only_for_browsers_that_accept_gzip() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-gzip-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let script = "customElements.define('x-y', class extends HTMLElement {});\n".repeat(200);
        std::fs::write(dir.join("a.js"), &script).unwrap();
        std::fs::write(dir.join("a.png"), [0x89u8, b'P', b'N', b'G']).unwrap();
        let base = serve_in_background(vec![("/", dir.clone())]).unwrap();
        let host = base.trim_start_matches("http://").to_string();
        let get =
            |path: &str, accept: &str| answer(&base, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{accept}\r\n"));
        let (head, body) = get("/a.js", "Accept-Encoding: br, gzip, deflate\r\n");
        assert!(head.contains("\r\nContent-Encoding: gzip\r\n"), "{head}");
        assert!(head.contains(&format!("\r\nContent-Length: {}\r\n", body.len())), "{head}");
        assert!(body.len() * 10 < script.len(), "{} bytes for {}", body.len(), script.len());
        let mut plain = String::new();
        flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut plain).unwrap();
        assert_eq!(plain, script);
        for accept in
            ["", "Accept-Encoding: br\r\n", "Accept-Encoding: gzip;q=0, br\r\n", "Accept-Encoding: identity\r\n"]
        {
            let (head, body) = get("/a.js", accept);
            assert!(!head.contains("Content-Encoding"), "{accept}: {head}");
            assert_eq!(body, script.as_bytes(), "{accept}");
        }
        let (head, body) = get("/a.png", "Accept-Encoding: gzip\r\n");
        assert!(!head.contains("Content-Encoding"), "{head}");
        assert_eq!(body, [0x89u8, b'P', b'N', b'G']);
        let (head, _) = get("/missing.js", "Accept-Encoding: gzip\r\n");
        assert!(head.starts_with("HTTP/1.1 404") && !head.contains("Content-Encoding"), "{head}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_coding_is_accepted_by_name_and_weight() {
        let gzip = |v: &str| accepts(v, "gzip");
        assert!(gzip("gzip"));
        assert!(gzip("deflate, GZIP;q=0.5"));
        assert!(gzip("*"));
        assert!(!gzip("gzip;q=0"));
        assert!(!gzip("gzip; q=0.0, br"));
        assert!(!gzip("x-gzip2, br"));
        assert!(!gzip(""));
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip, brotli", "br"));
    }

    #[test]
    fn a_precompressed_copy_is_sent_as_it_is_to_a_browser_that_takes_its_coding() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-static-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // (the copies' bytes are marked, not real compressions: the test sees which was sent)
        std::fs::write(dir.join("m.wasm"), b"\0asm plain").unwrap();
        std::fs::write(dir.join("m.wasm.br"), b"the br copy").unwrap();
        std::fs::write(dir.join("m.wasm.gz"), b"the gz copy").unwrap();
        std::fs::write(dir.join("only-gz.js"), b"plain").unwrap();
        std::fs::write(dir.join("only-gz.js.gz"), b"gz of only-gz").unwrap();
        let base = serve_in_background(vec![("/", dir.clone())]).unwrap();
        let host = base.trim_start_matches("http://").to_string();
        let get = |path: &str, accept: &str| {
            answer(&base, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: {accept}\r\n\r\n"))
        };
        let (head, body) = get("/m.wasm", "gzip, deflate, br, zstd");
        assert!(
            head.contains("\r\nContent-Encoding: br\r\n") && head.contains("Content-Type: application/wasm"),
            "{head}"
        );
        assert_eq!(body, b"the br copy");
        let (head, body) = get("/m.wasm", "gzip");
        assert!(head.contains("\r\nContent-Encoding: gzip\r\n"), "{head}");
        assert_eq!(body, b"the gz copy");
        let (head, body) = get("/m.wasm", "identity");
        assert!(!head.contains("Content-Encoding"), "{head}");
        assert_eq!(body, b"\0asm plain");
        // No `.br` copy: the `.gz` one, to a browser that takes both.
        let (head, body) = get("/only-gz.js", "gzip, br");
        assert!(head.contains("\r\nContent-Encoding: gzip\r\n") && head.contains("text/javascript"), "{head}");
        assert_eq!(body, b"gz of only-gz");
        // A copy alone is no file: not served in place of a missing one.
        assert!(get("/gone.js", "gzip, br").0.starts_with("HTTP/1.1 404"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
