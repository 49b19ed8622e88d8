//! The school's server as every client request reaches it: its base URL, the HTTPS client, and
//! this machine's device credential on each request.

use std::path::Path;

use gatehouse_core::config::ServerConfig;
use reqwest::blocking::{Client, RequestBuilder};
use reqwest::header::HeaderValue;
use reqwest::Method;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::https::{base_url, https_client};

/// The header that carries this machine's device credential on every request.
pub const DEVICE_HEADER: &str = "Gatehouse-Device";

pub(crate) struct Endpoint {
    client: Client,
    base: String,
    device: Option<Zeroizing<String>>,
}

impl Endpoint {
    /// `server.url`; `dir` is the directory `server.ca_file` is relative to, `device` this
    /// machine's credential if it has one.
    pub(crate) fn new(server: &ServerConfig, dir: &Path, device: Option<Zeroizing<String>>) -> Result<Self, Error> {
        Ok(Self { client: https_client(server, dir)?, base: base_url(&server.url), device })
    }

    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// A request to `path` with the device credential, and the bearer `token` if given.
    pub(crate) fn request(&self, method: Method, path: &str, token: Option<&Zeroizing<String>>) -> RequestBuilder {
        let mut r = self.client.request(method, format!("{}{path}", self.base));
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
}
