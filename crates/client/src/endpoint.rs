//! The school's server as every client request reaches it: its base URL, the HTTPS client, and
//! this machine's device credential on each request.

use std::path::Path;

use gatehouse_core::config::ServerConfig;
use reqwest::blocking::{Client, RequestBuilder};
use reqwest::header::HeaderValue;
use reqwest::Method;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::https::{base_url, https_client, https_client_that_waits};

/// The header that carries this machine's device credential on every request.
pub const DEVICE_HEADER: &str = "Gatehouse-Device";

pub(crate) struct Endpoint {
    client: Client,
    /// The same without an overall timeout ([`https_client_that_waits`]).
    waits: Client,
    base: String,
    device: Option<Zeroizing<String>>,
}

impl Endpoint {
    /// `server.url`; `dir` is the directory `server.ca_file` is relative to, `device` this
    /// machine's credential if it has one.
    pub(crate) fn new(server: &ServerConfig, dir: &Path, device: Option<Zeroizing<String>>) -> Result<Self, Error> {
        Ok(Self {
            client: https_client(server, dir)?,
            waits: https_client_that_waits(server, dir)?,
            base: base_url(&server.url),
            device,
        })
    }

    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// A request to `path` with the device credential, and the bearer `token` if given.
    pub(crate) fn request(&self, method: Method, path: &str, token: Option<&Zeroizing<String>>) -> RequestBuilder {
        self.request_on(&self.client, method, path, token)
    }

    fn request_on(
        &self,
        client: &Client,
        method: Method,
        path: &str,
        token: Option<&Zeroizing<String>>,
    ) -> RequestBuilder {
        let mut r = client.request(method, format!("{}{path}", self.base));
        if let Some(device) = &self.device {
            // Checked when loaded (base64url); marked sensitive so no debug output shows it.
            if let Ok(mut value) = HeaderValue::from_str(device) {
                value.set_sensitive(true);
                r = r.header(DEVICE_HEADER, value);
            }
        }
        if let Some(token) = token {
            r = r.bearer_auth(token.as_str());
        }
        r
    }

    /// A JSON request to `path`: its body is the text `body` (the caller's, so a password in it
    /// is the caller's to wipe).
    pub(crate) fn post_json(&self, path: &str, token: Option<&Zeroizing<String>>, body: String) -> RequestBuilder {
        self.request(Method::POST, path, token).header("content-type", "application/json").body(body)
    }

    /// [`Endpoint::post_json`] waiting for the answer however long it takes (the connection
    /// still times out): for work the server finishes once begun.
    pub(crate) fn post_json_waiting(
        &self,
        path: &str,
        token: Option<&Zeroizing<String>>,
        body: String,
    ) -> RequestBuilder {
        self.request_on(&self.waits, Method::POST, path, token).header("content-type", "application/json").body(body)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::error::Reply;

    /// A TLS server on loopback (its certificate written to `dir/ca.pem`) that answers one
    /// request per connection with each of `answers` in turn (a status line, then the head's
    /// other lines and the body), and returns the requests' heads and bodies as it read them.
    pub(crate) fn scripted_server(
        dir: &Path,
        answers: Vec<(&'static str, String, String)>,
    ) -> (String, std::thread::JoinHandle<Vec<String>>) {
        let key = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        std::fs::write(dir.join("ca.pem"), key.cert.pem()).unwrap();
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![key.cert.der().clone()],
                rustls::pki_types::PrivateKeyDer::try_from(key.signing_key.serialize_der()).unwrap(),
            )
            .unwrap();
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://localhost:{}", listener.local_addr().unwrap().port());
        let handle = std::thread::spawn(move || {
            let mut requests = Vec::new();
            for (status, head, body) in answers {
                let (tcp, _) = listener.accept().unwrap();
                let conn = rustls::ServerConnection::new(Arc::clone(&config)).unwrap();
                let mut tls = BufReader::new(rustls::StreamOwned::new(conn, tcp));
                let mut request = String::new();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    tls.read_line(&mut line).unwrap();
                    if let Some(n) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = n.trim().parse().unwrap();
                    }
                    request.push_str(&line);
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut sent = vec![0; length];
                std::io::Read::read_exact(&mut tls, &mut sent).unwrap();
                request.push_str(&String::from_utf8_lossy(&sent));
                let answer = format!(
                    "HTTP/1.1 {status}\r\n{head}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                tls.get_mut().write_all(answer.as_bytes()).unwrap();
                tls.get_mut().flush().unwrap();
                requests.push(request);
            }
            requests
        });
        (url, handle)
    }

    /// The `[server]` section for `url`, trusting `dir/ca.pem`.
    pub(crate) fn server_at(url: &str) -> gatehouse_core::config::ServerConfig {
        let toml = format!("[server]\nurl = \"{url}\"\nca_file = \"ca.pem\"\n");
        gatehouse_core::config::Config::from_toml(&toml).unwrap().server
    }

    #[test]
    fn a_redirect_is_reported_and_never_followed_so_no_credential_or_password_goes_elsewhere() {
        for status in ["307 Temporary Redirect", "308 Permanent Redirect", "302 Found"] {
            let dir = tempfile::tempdir().unwrap();
            // Where the redirect points: plain HTTP on loopback, which must see no connection.
            let elsewhere = TcpListener::bind("127.0.0.1:0").unwrap();
            elsewhere.set_nonblocking(true).unwrap();
            let to = format!("http://127.0.0.1:{}/api/session", elsewhere.local_addr().unwrap().port());
            let (url, proxy) =
                scripted_server(dir.path(), vec![(status, format!("Location: {to}\r\n"), String::new())]);
            let device = Some(Zeroizing::new("device-credential-of-this-kiosk".to_owned()));
            let endpoint = Endpoint::new(&server_at(&url), dir.path(), device).unwrap();
            let body = r#"{"action":"sign_in","login":"a@students.edu.sg","password":"Blue-Otter-Lantern-7"}"#;
            let answer = endpoint.post_json("/api/session", None, body.to_owned()).send().unwrap();
            let e = Reply::read(answer).unwrap_err();
            let text = e.to_string();
            assert!(text.contains("redirected to") && text.contains(&to) && text.contains("[server] url"), "{text}");
            // The request reached the proxy once, as sent; then nothing reached the other address.
            let seen = proxy.join().unwrap().concat();
            assert!(
                seen.contains("Blue-Otter-Lantern-7") && seen.to_ascii_lowercase().contains("gatehouse-device:"),
                "{seen}"
            );
            std::thread::sleep(Duration::from_millis(100));
            assert!(elsewhere.accept().is_err(), "{status}: the client followed the redirect to {to}");
        }
    }
}
