//! A real PostgreSQL server for tests, and a fresh database per test.
//!
//! [`TestPostgres::shared`] starts one server per test process the first time a test asks for it:
//! `initdb` in a new temporary directory, then `pg_ctl start` on a free port of 127.0.0.1 and a Unix
//! socket in that directory, with durability switched off (`fsync`, `full_page_writes`,
//! `synchronous_commit`) because nothing in it must outlive the run. [`TestPostgres::database`]
//! creates a database of its own for each test, so tests stay independent and run in parallel; the
//! database is dropped with its [`TestDatabase`].
//!
//! **Stopped on exit, also when killed.** A static's `Drop` never runs, and `kill -9` runs nothing
//! at all, so next to each server runs a small reaper: a `sh` in its own process group whose
//! standard input is a pipe that only the test process holds open. When the test process ends, in
//! whatever way, the kernel closes that pipe; the reaper reads end-of-file, runs
//! `pg_ctl stop -m immediate` and removes the temporary directory. A server of
//! [`TestPostgres::new`] is stopped the same way, synchronously, when it is dropped.
//!
//! PostgreSQL refuses to run as root: as root, `initdb`, `pg_ctl` and the server run as the
//! `postgres` system user (`runuser -u postgres --`), which owns the temporary directory.
//!
//! With `GATEHOUSE_TEST_PG_URL=postgres://user:password@host:port/db` set, no server is started:
//! the test databases are created on that server, and [`TestPostgres::restart`], `stop` and
//! `start` return [`Error::External`].

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;
use std::time::Duration;

use postgres::{Client, Config, NoTls};

mod own;
pub mod server;
mod url;

/// The variable naming an existing server to use instead of starting one.
pub const URL_VAR: &str = "GATEHOUSE_TEST_PG_URL";

/// The superuser of a server this crate starts (trusted on its Unix socket; on TCP it gives the
/// password that [`TestPostgres::superuser_url`] carries).
pub const SUPERUSER: &str = "postgres";

/// Why a server could not be started, restarted or reached.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Install the server (`apt-get install postgresql` on Debian), or point the tests at a running
    /// one with `GATEHOUSE_TEST_PG_URL`.
    #[error(
        "PostgreSQL's server programs (initdb, pg_ctl) were not found in {looked_in}: install them \
         with `apt-get install postgresql` (Debian; `scripts/setup.sh` does), or set \
         GATEHOUSE_TEST_PG_URL=postgres://user:password@host:port/db to use an existing server"
    )]
    NotInstalled { looked_in: String },
    /// Running as root needs the `postgres` system user that Debian's package creates.
    #[error(
        "running as root, but there is no `postgres` system user to run PostgreSQL as (it refuses \
         to run as root): install `postgresql` (`apt-get install postgresql`), which creates it"
    )]
    NoPostgresUser,
    /// A PostgreSQL program failed; `output` has what it and the server's log said.
    #[error("{what} failed ({status}): {output}")]
    Command { what: String, status: String, output: String },
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// The server was started but refused connections for too long.
    #[error("the server did not accept connections within {waited:?}: {last}")]
    NotReady { waited: Duration, last: String },
    #[error("SQL on the test server: {0}")]
    Sql(#[from] postgres::Error),
    /// `GATEHOUSE_TEST_PG_URL` names the server: this crate cannot restart, stop or start it.
    #[error(
        "the tests use the existing server of GATEHOUSE_TEST_PG_URL, which they cannot restart, \
         stop or start; unset it to let the tests run their own"
    )]
    External,
    #[error("GATEHOUSE_TEST_PG_URL is not a PostgreSQL URL ({0}); expected postgres://user:password@host:port/db")]
    BadUrl(String),
}

/// A PostgreSQL server for tests: one this crate started (and stops), or the existing one of
/// `GATEHOUSE_TEST_PG_URL`.
pub struct TestPostgres {
    server: Server,
}

enum Server {
    Own(own::Server),
    External(External),
}

struct External {
    url: String,
    admin: Config,
    host: String,
    port: u16,
}

static SHARED: LazyLock<Result<TestPostgres, Error>> = LazyLock::new(TestPostgres::new);

/// Makes each test database's name unique in this process; the process id makes it unique on a
/// server that several test processes share.
static NEXT_DATABASE: AtomicU64 = AtomicU64::new(1);

/// A fresh database on the shared server: `TestPostgres::shared().database()`.
pub fn database() -> TestDatabase {
    TestPostgres::shared().database()
}

impl TestPostgres {
    /// The server of this test process, started on first use and stopped when the process ends.
    /// Panics, with what to install or set, when no server can be had. Restarting or stopping it
    /// disturbs every test that runs beside: tests that do should use [`TestPostgres::new`].
    pub fn shared() -> &'static TestPostgres {
        match &*SHARED {
            Ok(server) => server,
            Err(e) => panic!("gatehouse-testpg: no PostgreSQL server for the tests: {e}"),
        }
    }

    /// A server of its own (or the `GATEHOUSE_TEST_PG_URL` one), stopped and its directory removed
    /// when dropped — and when the process ends without dropping it.
    pub fn new() -> Result<TestPostgres, Error> {
        let server = match std::env::var(URL_VAR) {
            Ok(url) if !url.trim().is_empty() => Server::External(External::parse(url.trim())?),
            _ => Server::Own(own::Server::start(false)?),
        };
        Ok(TestPostgres { server })
    }

    /// A server of its own that also speaks TLS on TCP, with a certificate for 127.0.0.1 and
    /// `localhost` signed by a throw-away authority ([`TestPostgres::tls_ca_file`]). Not
    /// available with `GATEHOUSE_TEST_PG_URL` (returns [`Error::External`]).
    pub fn new_with_tls() -> Result<TestPostgres, Error> {
        match std::env::var(URL_VAR) {
            Ok(url) if !url.trim().is_empty() => Err(Error::External),
            _ => Ok(TestPostgres { server: Server::Own(own::Server::start(true)?) }),
        }
    }

    /// The certificate authority of a [`TestPostgres::new_with_tls`] server (PEM).
    pub fn tls_ca_file(&self) -> Option<&Path> {
        match &self.server {
            Server::Own(s) => s.tls_ca(),
            Server::External(_) => None,
        }
    }

    /// A new, empty database, dropped (`WITH (FORCE)`) when the returned value is. Panics when the
    /// server refuses.
    pub fn database(&self) -> TestDatabase {
        let name = format!("gh_{}_{}", std::process::id(), NEXT_DATABASE.fetch_add(1, Ordering::Relaxed));
        let admin = self.admin_config();
        let created =
            admin.connect(NoTls).and_then(|mut client| client.batch_execute(&format!("CREATE DATABASE {name}")));
        if let Err(e) = created {
            panic!("gatehouse-testpg: could not create the test database {name}: {e}");
        }
        let url = url::with_dbname(self.superuser_url(), &name);
        TestDatabase { url, name, admin }
    }

    /// The host clients connect to: `127.0.0.1` for a server of this crate.
    pub fn host(&self) -> &str {
        match &self.server {
            Server::Own(_) => own::HOST,
            Server::External(e) => &e.host,
        }
    }

    pub fn port(&self) -> u16 {
        match &self.server {
            Server::Own(s) => s.port(),
            Server::External(e) => e.port,
        }
    }

    /// The directory of the server's Unix socket (`None` for `GATEHOUSE_TEST_PG_URL`).
    pub fn socket_dir(&self) -> Option<&Path> {
        match &self.server {
            Server::Own(s) => Some(s.socket_dir()),
            Server::External(_) => None,
        }
    }

    /// The server's data directory (`None` for `GATEHOUSE_TEST_PG_URL`).
    pub fn data_dir(&self) -> Option<&Path> {
        match &self.server {
            Server::Own(s) => Some(s.data_dir()),
            Server::External(_) => None,
        }
    }

    /// The process id of the running server (`None` when stopped, or for `GATEHOUSE_TEST_PG_URL`).
    pub fn postmaster_pid(&self) -> Option<u32> {
        match &self.server {
            Server::Own(s) => s.postmaster_pid(),
            Server::External(_) => None,
        }
    }

    /// A superuser's URL (over TCP, with its password) to the `postgres` database.
    pub fn superuser_url(&self) -> &str {
        match &self.server {
            Server::Own(s) => s.superuser_url(),
            Server::External(e) => &e.url,
        }
    }

    /// Whether the server is the one of `GATEHOUSE_TEST_PG_URL` (which cannot be restarted).
    pub fn is_external(&self) -> bool {
        matches!(self.server, Server::External(_))
    }

    /// `pg_ctl restart -m fast` (open connections are cut), then waits until the server accepts
    /// connections again, on the same port and socket.
    pub fn restart(&self) -> Result<(), Error> {
        self.own()?.restart()
    }

    /// `pg_ctl stop -m fast`: connections fail until [`TestPostgres::start`].
    pub fn stop(&self) -> Result<(), Error> {
        self.own()?.stop()
    }

    /// Starts a stopped server again on the same port and socket, and waits until it accepts
    /// connections.
    pub fn start(&self) -> Result<(), Error> {
        self.own()?.start_again()
    }

    fn own(&self) -> Result<&own::Server, Error> {
        match &self.server {
            Server::Own(s) => Ok(s),
            Server::External(_) => Err(Error::External),
        }
    }

    fn admin_config(&self) -> Config {
        let mut config = match &self.server {
            Server::Own(s) => s.socket_config(),
            Server::External(e) => e.admin.clone(),
        };
        config.dbname("postgres").connect_timeout(Duration::from_secs(5)).application_name("gatehouse-testpg");
        config
    }
}

impl External {
    fn parse(url: &str) -> Result<External, Error> {
        use postgres::config::Host;
        let admin: Config = url.parse().map_err(|e| Error::BadUrl(format!("{e}")))?;
        let host = match admin.get_hosts().first() {
            Some(Host::Tcp(host)) => host.clone(),
            Some(Host::Unix(path)) => path.display().to_string(),
            None => "localhost".to_owned(),
        };
        let port = admin.get_ports().first().copied().unwrap_or(5432);
        Ok(External { url: url.to_owned(), admin, host, port })
    }
}

/// A database of its own for one test; dropped from the server (best effort, `WITH (FORCE)`, so
/// connections still open are cut) when this value is dropped.
pub struct TestDatabase {
    /// `postgres://postgres:PASSWORD@127.0.0.1:PORT/NAME` — a superuser's URL over TCP.
    pub url: String,
    /// The database's name, `gh_<pid>_<n>`.
    pub name: String,
    admin: Config,
}

impl TestDatabase {
    /// This database as gatehouse.toml's `[storage]` names it: the URL without the password (with
    /// `sslmode=disable`: the server is on loopback), and the password for `password_file`.
    pub fn storage_url(&self) -> (String, Option<String>) {
        url::split_password(&self.url)
    }

    /// A connection to this database; panics when the server refuses.
    pub fn connect(&self) -> Client {
        Client::connect(&self.url, NoTls)
            .unwrap_or_else(|e| panic!("gatehouse-testpg: could not connect to the test database {}: {e}", self.name))
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = self.admin.connect(NoTls) {
            let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            let _ = client.batch_execute(&drop);
        }
    }
}

/// Writes the database `password` to `path` for `[storage] password_file`, readable by its
/// owner only (Gatehouse refuses a password file every user of the machine can read), replacing
/// what was there.
pub fn write_password_file(path: &Path, password: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let mut file = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    file.write_all(password.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn a_missing_server_says_what_to_install_and_what_to_set_instead() {
        let text = Error::NotInstalled { looked_in: "/usr/lib/postgresql/<version>/bin".to_owned() }.to_string();
        assert!(text.contains("apt-get install postgresql"), "{text}");
        assert!(text.contains("GATEHOUSE_TEST_PG_URL"), "{text}");
    }
}
