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

impl Place {
    pub fn new(prefix: &str) -> Self {
        let dir = tempfile::Builder::new().prefix(prefix).tempdir().expect("temp dir");
        let database = on_postgres().then(|| {
            let db = gatehouse_testpg::database();
            let (scheme, rest) = db.url.split_once("://").expect("a postgres:// URL");
            let (userinfo, host) = rest.rsplit_once('@').expect("user and host");
            let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
            let password_file = dir.path().join("db-password");
            std::fs::write(&password_file, password).expect("write the password file");
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
        if on_postgres() {
            "PostgreSQL (loopback TCP, no TLS)"
        } else {
            "SQLite (WAL)"
        }
    }
}
