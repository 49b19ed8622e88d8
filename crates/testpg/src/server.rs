//! A `gatehouse-server` process of a test school: the school's `gatehouse.toml` plus a
//! `[server]` section (the address to listen on, `server.crt` and `server.key` of the school's
//! directory), started from the binary the test built, and killed when dropped. Shared by the
//! thin-client tests of the CLI and of the app.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

/// The repository's root: the nearest directory above this crate's that holds `Cargo.lock`
/// (this file is also compiled into the app's tests, from another crate).
fn repository() -> PathBuf {
    let mut dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    while !dir.join("Cargo.lock").exists() {
        dir = dir.parent().expect("a Cargo.lock above the crate");
    }
    dir.to_owned()
}

/// The directory of the workspace's debug binaries and examples (`gatehouse-server`,
/// `gatehouse-cli`, `postgres`, …), built by `scripts/debug-bins.sh` as `make test-fast` builds
/// them — a no-op after it — once per test process.
pub fn debug_bins() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = Command::new(repository().join("scripts/debug-bins.sh"))
            .stderr(Stdio::inherit())
            .output()
            .expect("run scripts/debug-bins.sh");
        assert!(out.status.success(), "scripts/debug-bins.sh failed");
        PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
    })
}

/// A throw-away PostgreSQL server with one database (the `postgres` example, for a test that
/// does not link this crate): stopped, and its files removed, when dropped.
pub struct Postgres {
    child: Child,
    /// `[storage] url` for it; the password is in the file given to [`Postgres::start`].
    pub url: String,
}

impl Postgres {
    pub fn start(password_file: &Path) -> Postgres {
        let bin = debug_bins().join("examples/postgres");
        let mut child = Command::new(&bin)
            .arg(password_file)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
        let first = BufReader::new(child.stdout.take().expect("piped")).lines().next();
        let url = first.and_then(Result::ok).filter(|l| l.starts_with("postgres")).expect("PostgreSQL did not start");
        Postgres { child, url }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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
