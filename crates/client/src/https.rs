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
        only_its_owner_can_change(&path, dir).map_err(bad)?;
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

/// The certificates this machine trusts decide where its passwords go: `path` (links followed)
/// must be changeable by no one but the data directory's owner or root — owned by one of them,
/// not writable by group or others, and (when it lies outside the data directory, which
/// [`crate::data_dir::open`] has tightened) in folders no one else may write to either (a
/// sticky folder such as `/tmp` stops others replacing it).
#[cfg(unix)]
fn only_its_owner_can_change(path: &Path, dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let unreadable = |p: &Path, e: std::io::Error| format!("cannot read the permissions of {}: {e}", p.display());
    let owner = std::fs::metadata(dir).map_err(|e| unreadable(dir, e))?.uid();
    let real = std::fs::canonicalize(path).map_err(|e| unreadable(path, e))?;
    let inside = std::fs::canonicalize(dir).is_ok_and(|d| real.starts_with(d));
    let fix = "make it belong to this machine's Gatehouse account or root and writable by its owner only \
               (chown, chmod 644), or keep it in the data directory";
    let check = |p: &Path, is_file: bool| -> Result<(), String> {
        let meta = std::fs::metadata(p).map_err(|e| unreadable(p, e))?;
        let mode = meta.permissions().mode();
        if meta.uid() != owner && meta.uid() != 0 {
            return Err(format!(
                "{} belongs to another user (uid {}), who could make this machine trust their own server; {fix}",
                p.display(),
                meta.uid()
            ));
        }
        let sticky = !is_file && mode & 0o1000 != 0;
        if mode & 0o022 != 0 && !sticky {
            return Err(format!(
                "{} can be changed by other users (mode {:o}), who could make this machine trust their own server; {fix}",
                p.display(),
                mode & 0o7777
            ));
        }
        Ok(())
    };
    check(&real, true)?;
    if !inside {
        for folder in real.ancestors().skip(1) {
            check(folder, false)?;
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn only_its_owner_can_change(_path: &Path, _dir: &Path) -> Result<(), String> {
    // The data directory lies under the user's profile, private by the ACL it inherits.
    Ok(())
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

    #[cfg(unix)]
    #[test]
    fn a_ca_file_other_users_can_change_is_refused_naming_it() {
        use std::os::unix::fs::PermissionsExt;
        let chmod = |p: &Path, mode: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
        let pem = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap().cert.pem();
        let data = tempfile::tempdir().unwrap();
        chmod(data.path(), 0o700);
        std::fs::write(data.path().join("ca.pem"), &pem).unwrap();
        chmod(&data.path().join("ca.pem"), 0o600);
        https_client(&server("ca.pem"), data.path()).expect("its own certificate, owner-only, is trusted");
        // In the data directory, writable by others (not tightened yet): refused.
        chmod(&data.path().join("ca.pem"), 0o666);
        let e = https_client(&server("ca.pem"), data.path()).unwrap_err();
        assert_eq!(e.code(), "config");
        assert!(e.to_string().contains("can be changed by other users"), "{e}");
        // Outside it, in a folder anyone may write to (no sticky bit): refused, though the file
        // itself is owner-only, as someone else could put another in its place.
        let shared = tempfile::tempdir().unwrap();
        std::fs::write(shared.path().join("ca.pem"), &pem).unwrap();
        chmod(&shared.path().join("ca.pem"), 0o644);
        chmod(shared.path(), 0o777);
        let outside = shared.path().join("ca.pem");
        let e = https_client(&server(outside.to_str().unwrap()), data.path()).unwrap_err();
        assert!(e.to_string().contains(&format!("{} can be changed by other users", shared.path().display())), "{e}");
        // The same folder kept by its owner: trusted.
        chmod(shared.path(), 0o755);
        https_client(&server(outside.to_str().unwrap()), data.path()).expect("a certificate only its owner can change");
        // A link in the data directory to a file anyone may change: refused.
        chmod(&outside, 0o666);
        std::os::unix::fs::symlink(&outside, data.path().join("link.pem")).unwrap();
        let e = https_client(&server("link.pem"), data.path()).unwrap_err();
        assert!(e.to_string().contains("can be changed by other users"), "{e}");
    }
}
