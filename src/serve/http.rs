//! The HTTP side of `carebook serve` (tiny_http): GET and HEAD of files
//! in the current build folder, nothing else. A request path is decoded,
//! split into plain names (no `..`, no hidden files, no separators inside
//! a name) and the file found must still lie inside the folder once
//! symbolic links are resolved.

use super::ServeError;
use super::site::Current;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use tiny_http::{Header, Method, Request, Response, Server};

/// A listening server.
pub struct Listener {
    server: Server,
}

impl Listener {
    /// Listens on `address` (which the caller has checked is loopback);
    /// port 0 picks a free port.
    pub fn bind(address: SocketAddr) -> Result<Listener, ServeError> {
        let server = Server::http(address).map_err(|e| ServeError::Listen {
            address: address.to_string(),
            reason: e.to_string(),
        })?;
        Ok(Listener { server })
    }

    /// The address actually listened on.
    pub fn address(&self) -> Option<SocketAddr> {
        self.server.server_addr().to_ip()
    }

    /// Answers requests from the current build folder until the process ends.
    pub fn run(&self, current: &Current) {
        for request in self.server.incoming_requests() {
            answer(request, current);
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn answer(request: Request, current: &Current) {
    let plain = |code: u16, text: &str| {
        Response::from_string(text)
            .with_status_code(code)
            .with_header(header("Content-Type", "text/plain; charset=utf-8"))
    };
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(plain(405, "only GET and HEAD"));
        return;
    }
    let Some(dir) = current.get() else {
        let _ = request.respond(plain(503, "the site is being built; reload in a moment"));
        return;
    };
    let Some(path) = resolve(dir.path(), request.url()) else {
        let _ = request.respond(plain(404, "not found"));
        return;
    };
    let Ok(file) = std::fs::File::open(&path) else {
        let _ = request.respond(plain(404, "not found"));
        return;
    };
    let response = Response::from_file(file)
        .with_header(header("Content-Type", content_type(&path)))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"))
        .with_header(header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'",
        ));
    let _ = request.respond(response);
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("md") => "text/markdown; charset=utf-8",
        Some("pdf") => "application/pdf",
        Some("csv") => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The file a request URL names inside `root`, or `None` when it names
/// none or would leave the folder. `/` is the index.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut relative = PathBuf::new();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part.starts_with('.') || part.contains('\\') || part.contains('\0') {
            return None;
        }
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(_)), None) => relative.push(part),
            _ => return None,
        }
    }
    if relative.as_os_str().is_empty() {
        relative.push("index.html");
    }
    let root = root.canonicalize().ok()?;
    let full = root.join(&relative).canonicalize().ok()?;
    (full.starts_with(&root) && full.is_file()).then_some(full)
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are
/// not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, tempfile::TempDir) {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "name: x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "index").unwrap();
        std::fs::write(dir.path().join("rota 1.html"), "rota").unwrap();
        std::fs::write(dir.path().join(".hidden"), "no").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            outside.path().join("secret.yaml"),
            dir.path().join("link.html"),
        )
        .unwrap();
        (dir, outside)
    }

    #[test]
    fn files_of_the_site_are_found() {
        let (dir, _outside) = site();
        let root = dir.path().canonicalize().unwrap();
        assert_eq!(resolve(dir.path(), "/"), Some(root.join("index.html")));
        assert_eq!(
            resolve(dir.path(), "/index.html?x=1#top"),
            Some(root.join("index.html"))
        );
        assert_eq!(
            resolve(dir.path(), "/rota%201.html"),
            Some(root.join("rota 1.html"))
        );
        assert_eq!(
            resolve(dir.path(), "//index.html"),
            Some(root.join("index.html"))
        );
    }

    #[test]
    fn path_traversal_is_refused() {
        let (dir, outside) = site();
        let name = outside
            .path()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        for url in [
            format!("/../{name}/secret.yaml"),
            format!("/%2e%2e/{name}/secret.yaml"),
            format!("/..%2f{name}%2fsecret.yaml"),
            format!("/%2E%2E%5C{name}%5Csecret.yaml"),
            "/./index.html".to_owned(),
            "/.hidden".to_owned(),
            format!("/{}", outside.path().join("secret.yaml").display()),
            "/link.html".to_owned(),
            "/missing.html".to_owned(),
            "/%zz".to_owned(),
            "/%00".to_owned(),
            "/index.html%00.png".to_owned(),
        ] {
            assert_eq!(resolve(dir.path(), &url), None, "{url}");
        }
    }
}
