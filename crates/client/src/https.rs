//! The HTTPS client every request to the server goes through: rustls with ring, trusting exactly
//! the certificates of `[server] ca_file`, or the system's roots when none is configured.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use gatehouse_core::config::ServerConfig;
use gatehouse_core::Error;
use reqwest::blocking::Client;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

/// The server's base URL as requests are built on it (no trailing `/`); also the name the
/// device credential is kept under.
pub fn base_url(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}

/// How long a request may take to be answered, sending and connecting included.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Builds the client for `server`; `dir` is the directory `server.ca_file` is relative to (the
/// configuration file's). Only `https://` URLs reach here: the configuration refuses others.
pub fn https_client(server: &ServerConfig, dir: &Path) -> Result<Client, Error> {
    client_with(server, dir, Some(REQUEST_TIMEOUT))
}

/// The same client without an overall timeout (the connection's is kept), for requests whose
/// work the server finishes however long it takes once begun and whose answer must not be
/// given up on: the temporary passwords of a console's import or class reset
/// (`gatehouse_core::console_ops::must_finish`).
pub(crate) fn https_client_that_waits(server: &ServerConfig, dir: &Path) -> Result<Client, Error> {
    client_with(server, dir, None)
}

fn client_with(server: &ServerConfig, dir: &Path, timeout: Option<Duration>) -> Result<Client, Error> {
    let mut roots = rustls::RootCertStore::empty();
    if server.ca_file.is_empty() {
        let native = rustls_native_certs::load_native_certs();
        roots.add_parsable_certificates(native.certs);
    } else {
        let path = dir.join(&server.ca_file);
        let bad = |m: String| Error::Config(format!("server.ca_file {}: {m}", path.display()));
        let certs = CertificateDer::pem_file_iter(&path)
            .map_err(|e| bad(e.to_string()))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad(e.to_string()))?;
        for cert in certs {
            roots.add(cert).map_err(|e| bad(e.to_string()))?;
        }
    }
    if roots.is_empty() {
        return Err(Error::Config("server.url: no trusted certificate (set server.ca_file)".into()));
    }
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Internal(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Client::builder()
        .tls_backend_preconfigured(tls)
        // A redirect is never followed: reqwest would send this machine's device credential
        // (a header of Gatehouse's own, which it keeps across hosts) and, after a 307 or 308, the
        // body with its password to wherever a proxy pointed — `http://` included. The answer
        // is reported instead (`Reply::read`), and nothing but `https://` is ever requested.
        .redirect(reqwest::redirect::Policy::none())
        .https_only(true)
        .connect_timeout(Duration::from_secs(5))
        .timeout(timeout)
        .build()
        .map_err(|e| Error::Internal(format!("HTTPS client: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(ca_file: &str) -> ServerConfig {
        let toml = format!("[server]\nurl = \"https://localhost:8443/\"\nca_file = {ca_file:?}\n");
        gatehouse_core::config::Config::from_toml(&toml).unwrap().server
    }

    #[test]
    fn the_base_url_has_no_trailing_slash() {
        assert_eq!(base_url("https://gatehouse.school.example:8443/"), "https://gatehouse.school.example:8443");
        assert_eq!(base_url("https://localhost:8443"), "https://localhost:8443");
    }

    #[test]
    fn a_missing_or_empty_ca_file_is_a_configuration_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let e = https_client(&server("missing.pem"), dir.path()).unwrap_err();
        assert_eq!(e.code(), "config");
        assert!(e.to_string().contains("missing.pem"), "{e}");
        std::fs::write(dir.path().join("empty.pem"), "").unwrap();
        let e = https_client(&server("empty.pem"), dir.path()).unwrap_err();
        assert!(e.to_string().contains("no trusted certificate"), "{e}");
    }
}
