//! Fixtures: a temporary data directory and a `gatehouse-cli session` process driven line by line.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};

use serde_json::Value;

pub const TEMP: &str = "Sunrise-Harbor-42";
pub const PASSWORD: &str = "Blue-Otter-Lantern-7";
pub const NEW_PASSWORD: &str = "Tulip-Harbor-4827";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_gatehouse-cli")
}

/// A fresh data directory holding the demo school.
pub fn demo_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    seed_demo(dir.path());
    dir
}

/// `gatehouse-cli --data-dir DIR --demo demo`: seeds the demo school into the store that `dir`'s
/// configuration names (a gatehouse.toml already there is kept as it is).
fn seed_demo(dir: &Path) {
    let out = cli(dir, &["--demo", "demo"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A data directory whose configuration puts the accounts in `db` (the password in a file
/// beside it, the data key in a key file), as a school's server directory would; and the
/// database's URL without its password.
pub fn postgres_dir(db: &gatehouse_testpg::TestDatabase) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let (scheme, rest) = db.url.split_once("://").unwrap();
    let (userinfo, host) = rest.rsplit_once('@').unwrap();
    let (user, password) = userinfo.split_once(':').unwrap();
    let password_file = dir.path().join("db-password");
    gatehouse_testpg::write_password_file(&password_file, password).unwrap();
    let url = format!("{scheme}://{user}@{host}?sslmode=disable");
    let toml = format!(
        "[storage]\nurl = \"{url}\"\npassword_file = \"{}\"\n[secrets]\nkey_store = \"file\"\n",
        password_file.display()
    );
    std::fs::write(dir.path().join("gatehouse.toml"), toml).unwrap();
    (dir, url)
}

/// Where a test school keeps its accounts.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    /// The embedded SQLite file, `gatehouse.db` in the data directory.
    Sqlite,
    /// A fresh database of the test PostgreSQL server (gatehouse-testpg).
    Postgres,
}

/// The demo school in a fresh data directory, on either backend. The PostgreSQL database lives
/// as long as this value.
pub struct School {
    backend: Backend,
    dir: tempfile::TempDir,
    database: Option<gatehouse_testpg::TestDatabase>,
}

impl School {
    pub fn demo(backend: Backend) -> School {
        match backend {
            Backend::Sqlite => School { backend, dir: demo_dir(), database: None },
            Backend::Postgres => {
                let database = gatehouse_testpg::database();
                // The [storage] section first: the demo keeps a gatehouse.toml it finds.
                let (dir, _) = postgres_dir(&database);
                seed_demo(dir.path());
                assert!(!dir.path().join("gatehouse.db").exists(), "the embedded file was not used");
                School { backend, dir, database: Some(database) }
            }
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Appends `text` (TOML sections) to the data directory's gatehouse.toml.
    pub fn configure(&self, text: &str) {
        let path = self.path().join("gatehouse.toml");
        let config = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{config}{text}")).unwrap();
    }

    /// A connection of its own to the school's database, beneath the CLI.
    pub fn db(&self) -> Db {
        match &self.database {
            None => Db::Sqlite(rusqlite::Connection::open(self.path().join("gatehouse.db")).unwrap()),
            Some(database) => Db::Postgres(database.connect()),
        }
    }
}

/// A direct connection to a school's database, for the checks of the slow proofs. The SQL is
/// the same on both backends, written with SQLite's `?1` for its one parameter (PostgreSQL's
/// `$1` is put in its place).
pub enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

impl Db {
    /// The count that `sql` (`SELECT count(*) …`) gives for `arg`.
    pub fn count(&mut self, sql: &str, arg: &str) -> usize {
        let n: i64 = match self {
            Db::Sqlite(db) => db.query_row(sql, [arg], |r| r.get(0)).unwrap(),
            Db::Postgres(db) => db.query_one(&sql.replace("?1", "$1"), &[&arg]).unwrap().get(0),
        };
        n as usize
    }

    /// The text columns of the row that `sql` finds for `arg`, if it finds one.
    pub fn texts(&mut self, sql: &str, arg: &str) -> Option<Vec<String>> {
        match self {
            Db::Sqlite(db) => {
                use rusqlite::OptionalExtension;
                let mut stmt = db.prepare(sql).unwrap();
                let columns = stmt.column_count();
                stmt.query_row([arg], |r| (0..columns).map(|i| r.get(i)).collect()).optional().unwrap()
            }
            Db::Postgres(db) => db
                .query_opt(&sql.replace("?1", "$1"), &[&arg])
                .unwrap()
                .map(|r| (0..r.len()).map(|i| r.get(i)).collect()),
        }
    }

    /// The database's own consistency check: SQLite's `PRAGMA integrity_check`; on PostgreSQL,
    /// amcheck over every table (`verify_heapam`) and every B-tree index of the schema
    /// (`bt_index_check` with `heapallindexed`: each index entry against its table's rows).
    pub fn check_integrity(&mut self) {
        match self {
            Db::Sqlite(db) => {
                let check: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
                assert_eq!(check, "ok");
            }
            Db::Postgres(db) => {
                db.batch_execute("CREATE EXTENSION IF NOT EXISTS amcheck").unwrap();
                let relations = |db: &mut postgres::Client, kind: &str| -> Vec<String> {
                    let sql = "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_am a ON a.oid = c.relam \
                               WHERE c.relnamespace = 'public'::regnamespace AND c.relkind::text = $1 \
                               AND a.amname IN ('heap', 'btree')";
                    db.query(sql, &[&kind]).unwrap().iter().map(|r| r.get(0)).collect()
                };
                let tables = relations(db, "r");
                assert!(tables.iter().any(|t| t == "accounts"), "{tables:?}");
                for table in tables {
                    let sql = "SELECT msg FROM verify_heapam($1::text::regclass)";
                    let found: Vec<String> = db.query(sql, &[&table]).unwrap().iter().map(|r| r.get(0)).collect();
                    assert!(found.is_empty(), "verify_heapam({table}): {found:?}");
                }
                let indexes = relations(db, "i");
                assert!(!indexes.is_empty());
                for index in indexes {
                    db.execute("SELECT bt_index_check($1::text::regclass, true)", &[&index])
                        .unwrap_or_else(|e| panic!("bt_index_check({index}): {e}"));
                }
            }
        }
    }
}

/// Runs `gatehouse-cli --data-dir DIR ARGS…` to completion.
pub fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin()).arg("--data-dir").arg(dir).args(args).env_remove("GATEHOUSE_DATA_DIR").output().unwrap()
}

/// Runs an admin command with `--json` and parses its one JSON object.
pub fn admin_json(dir: &Path, args: &[&str]) -> (bool, Value) {
    let mut full = vec!["admin"];
    full.extend_from_slice(args);
    full.push("--json");
    let out = cli(dir, &full);
    let text = String::from_utf8(out.stdout).unwrap();
    let value = serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("not one JSON object ({e}): {text:?}"));
    (out.status.success(), value)
}

pub struct Session {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Session {
    pub fn start(dir: &Path) -> Self {
        Self::start_with(dir, &[])
    }

    /// Starts `gatehouse-cli --data-dir DIR session ARGS…`.
    pub fn start_with(dir: &Path, args: &[&str]) -> Self {
        Self::start_with_env(dir, args, &[])
    }

    /// Starts `gatehouse-cli --data-dir DIR session ARGS…` with these environment variables.
    pub fn start_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut child = Command::new(bin())
            .arg("--data-dir")
            .arg(dir)
            .arg("session")
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Self { child, stdin, stdout }
    }

    /// Sends raw bytes as one line and reads one response line.
    pub fn send_raw(&mut self, bytes: &[u8]) -> Value {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.write_all(b"\n").unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        assert!(line.ends_with('\n'), "one response line per request, got {line:?}");
        serde_json::from_str(&line).unwrap()
    }

    pub fn send(&mut self, request: Value) -> Value {
        self.send_raw(request.to_string().as_bytes())
    }

    /// Sends one request; `None` once the process has gone (killed, or its pipe closed).
    pub fn try_send(&mut self, request: &Value) -> Option<Value> {
        writeln!(self.stdin, "{request}").and_then(|_| self.stdin.flush()).ok()?;
        let mut line = String::new();
        self.stdout.read_line(&mut line).ok()?;
        serde_json::from_str(&line).ok()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the process to end (after it was killed).
    pub fn wait(&mut self) {
        self.child.wait().unwrap();
    }

    /// Sends and asserts the screen and the absence of an error.
    pub fn expect(&mut self, request: Value, screen: &str) -> Value {
        let r = self.send(request.clone());
        assert_eq!(r["screen"], screen, "after {request}: {r}");
        assert!(r["error"].is_null(), "after {request}: {r}");
        r
    }

    pub fn sign_in(&mut self, login: &str, password: &str) -> Value {
        self.send(serde_json::json!({"action": "sign_in", "login": login, "password": password}))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn act(name: &str) -> Value {
    serde_json::json!({ "action": name })
}

/// The demo answers by question text.
pub fn demo_answer(question: &str) -> &'static str {
    match question {
        "What is your favourite colour?" => "yellow",
        "What is your favourite animal?" => "hamster",
        "What is your favourite book?" => "The Good Earth",
        other => panic!("unexpected question {other}"),
    }
}

/// Answers the questions shown on an `sspr_questions` screen with the demo answers.
pub fn answers_for(screen: &Value) -> Value {
    let answers: Vec<&str> =
        screen["questions"].as_array().unwrap().iter().map(|q| demo_answer(q.as_str().unwrap())).collect();
    serde_json::json!({ "action": "sspr_answer", "answers": answers })
}

pub fn change_password(new: &str) -> Value {
    serde_json::json!({ "action": "change_password", "new_password": new, "confirm_password": new })
}

/// The names in `dir`, sorted (what a data directory holds).
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}
