//! A `gatehouse-server` process of a test school: the school's `gatehouse.toml` plus a
//! `[server]` section (the address to listen on, `server.crt` and `server.key` of the school's
//! directory), started from the binary the test built, and killed when dropped. Shared by the
//! thin-client tests of the CLI and of the app.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct ServerProcess {
    child: Child,
    url: String,
}

impl ServerProcess {
    /// Starts `bin` for the school in `dir`, listening on `listen` (`127.0.0.1:0`: any free
    /// port), with further `[server]` lines `extra` (e.g. `require_device = false`), and waits
    /// until it says where it listens.
    pub fn start(bin: &Path, dir: &Path, listen: &str, extra: &str) -> ServerProcess {
        let school = std::fs::read_to_string(dir.join("gatehouse.toml")).expect("the school's gatehouse.toml");
        let config = dir.join("server.toml");
        let server = format!(
            "[server]\nlisten = {listen:?}\ncertificate = \"server.crt\"\nprivate_key = \"server.key\"\n{extra}"
        );
        std::fs::write(&config, format!("{school}\n{server}")).expect("write server.toml");
        let args = [OsStr::new("--config"), config.as_os_str(), OsStr::new("--data-dir"), dir.as_os_str()];
        let mut child = Command::new(bin)
            .args(args)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        // Its first line names the address it listens on (the certificate names localhost).
        let first = BufReader::new(child.stdout.take().expect("piped")).lines().next();
        let first = first.and_then(Result::ok).unwrap_or_default();
        let address = first.split_once("listening on ").map(|(_, a)| a.trim().replace("127.0.0.1", "localhost"));
        let url = address.unwrap_or_else(|| panic!("the server did not start: {first:?}"));
        ServerProcess { child, url }
    }

    /// `https://localhost:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn port(&self) -> &str {
        self.url.rsplit(':').next().unwrap_or_default()
    }

    /// Kills the server (as a crash or a power cut would end it).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.stop();
    }
}
