//! Where a benchmark's accounts live: a data directory with the embedded SQLite file, or with
//! `GATEHOUSE_BENCH_STORE=postgres` a data directory whose `gatehouse.toml` names a database on
//! a real PostgreSQL server the benchmark starts itself (`gatehouse-testpg`), the password in a
//! file beside it — opened by `Engine::open` exactly as a school's configuration is.

/// The data directory (and the database) a benchmark uses; both are removed when dropped.
pub struct Place {
    pub dir: tempfile::TempDir,
    _database: Option<gatehouse_testpg::TestDatabase>,
}

/// True when the benchmark runs on PostgreSQL.
pub fn on_postgres() -> bool {
    std::env::var("GATEHOUSE_BENCH_STORE").is_ok_and(|v| v == "postgres")
}

/// True when the benchmark reaches PostgreSQL on its Unix socket (`GATEHOUSE_BENCH_PG=socket`)
/// rather than loopback TCP.
pub fn on_unix_socket() -> bool {
    on_postgres() && std::env::var("GATEHOUSE_BENCH_PG").is_ok_and(|v| v == "socket")
}

impl Place {
    pub fn new(prefix: &str) -> Self {
        let dir = tempfile::Builder::new().prefix(prefix).tempdir().expect("temp dir");
        let database = on_postgres().then(|| {
            let db = gatehouse_testpg::database();
            let (scheme, rest) = db.url.split_once("://").expect("a postgres:// URL");
            let (userinfo, host) = rest.rsplit_once('@').expect("user and host");
            let host = match on_unix_socket().then(|| gatehouse_testpg::TestPostgres::shared().socket_dir()).flatten() {
                // The server's Unix socket (a school's server and database on one host): the
                // path percent-encoded as the URL's host, the port naming the socket's file.
                Some(socket) => {
                    let path = socket.display().to_string().replace('/', "%2F");
                    let port = gatehouse_testpg::TestPostgres::shared().port();
                    format!("{path}:{port}/{}", db.name)
                }
                None => host.to_owned(),
            };
            let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
            let password_file = dir.path().join("db-password");
            gatehouse_testpg::write_password_file(&password_file, password).expect("write the password file");
            let toml = format!(
                "[storage]\nurl = \"{scheme}://{user}@{host}?sslmode=disable\"\npassword_file = \"{}\"\n",
                password_file.display()
            );
            std::fs::write(dir.path().join("gatehouse.toml"), toml).expect("write gatehouse.toml");
            db
        });
        Self { dir, _database: database }
    }

    /// What the summary says the accounts were stored in.
    pub fn describe(&self) -> &'static str {
        if on_unix_socket() {
            "PostgreSQL (Unix socket)"
        } else if on_postgres() {
            "PostgreSQL (loopback TCP, no TLS)"
        } else {
            "SQLite (WAL)"
        }
    }
}
