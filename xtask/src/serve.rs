//! A small static file server on 127.0.0.1 for the demo portal and the browser tests: URL
//! prefixes mapped to directories, one thread per connection, `..` refused, the demo's CSP
//! sent as a header too (the page also carries it as a meta tag).

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

fn respond(mut stream: TcpStream, mounts: &[(&str, PathBuf)], csp: bool) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let file = mounts.iter().find_map(|(prefix, dir)| {
        let rest = path.strip_prefix(prefix)?;
        let rest = if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest.into() };
        (!rest.split('/').any(|s| s == ".." || s.contains('\\'))).then(|| dir.join(rest))
    });
    let (status, kind, body) = match file.as_deref().map(|f| (f, std::fs::read(f))) {
        Some((f, Ok(body))) => ("200 OK", content_type(f), body),
        _ => ("404 Not Found", "text/plain; charset=utf-8", "not found 未找到".as_bytes().to_vec()),
    };
    let policy = if csp { format!("Content-Security-Policy: {CSP}\r\n") } else { String::new() };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{policy}\
         X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
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
