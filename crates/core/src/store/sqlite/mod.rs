//! The embedded store: one SQLite file in WAL mode with a busy timeout; versioned migrations
//! applied on open; every write in one `BEGIN IMMEDIATE` transaction so two kiosks sharing the
//! file never lose an update.

mod accounts;
mod audit;
mod authenticators;
mod credentials;
mod devices;
mod dump;
mod meta;
mod schema;
mod sessions;
mod tokens;
mod transfers;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rand::rngs::OsRng;
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use super::query;
use super::rows::{self, Counter, ACCOUNT_COLUMNS};
use super::*;
use crate::audit::{AuditEntry, AuditQuery, AuditRecord, Event, Outcome};
use crate::clock::Timestamp;
use crate::error::Error;
use crate::hashing::PasswordHashString;
use crate::text::{Language, Text};
use crate::types::{AccountId, ClassLabel, EmailAddress, Level, Location, LoginId, TransferId};
use schema::MIGRATIONS;

/// Name of the database file inside the data directory.
pub const DB_FILE_NAME: &str = "gatehouse.db";

/// Unknown-login failure rows older than this are pruned (bounded growth under spraying).
const UNKNOWN_FAILURE_RETENTION: i64 = 30 * 24 * 3600;

pub struct SqliteStore {
    conn: Mutex<Connection>,
    path: PathBuf,
    /// `gatehouse.db.lock`, locked shared for as long as this store is open ([`hold_open`]).
    _open: Option<std::fs::File>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").field("path", &self.path).finish()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database file and applies pending migrations.
    pub fn open(path: &Path) -> Result<Self, Error> {
        Self::open_with_timeout(path, Duration::from_secs(5))
    }

    /// As [`SqliteStore::open`], with the time a write waits for another process's lock.
    /// The file is created owner-only before SQLite opens it (SQLite gives the `-wal`, `-shm` and
    /// `-journal` files the database's mode); an existing one readable by others is tightened.
    pub fn open_with_timeout(path: &Path, busy_timeout: Duration) -> Result<Self, Error> {
        // SQLite's in-memory database (tests, fuzzing) has no file to make private.
        if path != Path::new(":memory:") {
            crate::files::create_empty(path)
                .map_err(|e| Error::Storage(format!("cannot open {}: {e}", path.display())))?;
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut file = path.as_os_str().to_owned();
                file.push(suffix);
                crate::files::tighten(Path::new(&file))?;
            }
        }
        let conn =
            Connection::open(path).map_err(|e| Error::Storage(format!("cannot open {}: {e}", path.display())))?;
        let not_ours = |e: rusqlite::Error| match Error::from(e) {
            Error::Storage(m) => Error::Storage(format!("{} is not a usable Gatehouse database: {m}", path.display())),
            other => other,
        };
        conn.busy_timeout(busy_timeout).map_err(not_ours)?;
        // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes.
        conn.pragma_update(None, "journal_mode", "WAL").map_err(not_ours)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(not_ours)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(not_ours)?;
        let (open, alone) = if path == Path::new(":memory:") { (None, true) } else { hold_open(path)? };
        let store = Self { conn: Mutex::new(conn), path: path.to_owned(), _open: open };
        store.migrate().map_err(|e| match e {
            Error::Storage(m) if !m.contains("Gatehouse") => {
                Error::Storage(format!("{} is not a usable Gatehouse database: {m}", path.display()))
            }
            other => other,
        })?;
        if alone {
            store.forget_checks_left_under_way();
        }
        Ok(store)
    }

    /// A process stopped in the middle of a check (killed, the power cut) leaves its try taken
    /// ([`AccountStore::take_try`]): forgotten when the file is opened again by the only process
    /// that has it open (another's checks under way keep theirs), so that such tries never add
    /// up. (Only when there are any: opening never waits for another kiosk's write.)
    fn forget_checks_left_under_way(&self) {
        let forget = || -> Result<usize, Error> {
            let conn = self.lock();
            let any: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM accounts WHERE pending_totp > 0 OR pending_answers > 0)",
                [],
                |r| r.get(0),
            )?;
            if !any {
                return Ok(0);
            }
            Ok(conn.execute(
                "UPDATE accounts SET pending_totp = 0, pending_answers = 0 WHERE pending_totp > 0 OR pending_answers > 0",
                [],
            )?)
        };
        match forget() {
            Ok(0) => {}
            Ok(n) => tracing::info!(accounts = n, "forgot the checks a stopped process left under way"),
            Err(e) => tracing::warn!(error = %e, "could not forget the checks a stopped process left under way"),
        }
    }

    /// Opens `gatehouse.db` inside `dir`, creating the directory owner-only; a data directory
    /// that others can read (from an earlier version) is tightened first, all of it.
    pub fn open_in(dir: &Path, busy_timeout: Duration) -> Result<Self, Error> {
        crate::files::create_dir(dir)
            .map_err(|e| Error::Storage(format!("cannot create data directory {}: {e}", dir.display())))?;
        crate::files::tighten_tree(dir)?;
        Self::open_with_timeout(&dir.join(DB_FILE_NAME), busy_timeout)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version now in the file.
    pub fn schema_version(&self) -> Result<usize, Error> {
        let conn = self.lock();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(v as usize)
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String, Error> {
        let conn = self.lock();
        Ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    fn migrate(&self) -> Result<(), Error> {
        let mut conn = self.lock();
        // Up to date (the usual case): no write lock, so opening never waits for another kiosk.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version as usize == MIGRATIONS.len() {
            return Ok(());
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let current = current as usize;
        if current > MIGRATIONS.len() {
            return Err(Error::Storage(format!(
                "the database has schema version {current}, newer than this Gatehouse ({}); upgrade Gatehouse",
                MIGRATIONS.len()
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tracing::info!(version = i + 1, "applied schema migration");
        }
        tx.commit()?;
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves the connection usable (transactions roll back on
        // drop), so poisoning is not a reason to stop.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` in one immediate (write-locking) transaction.
    fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    fn account_where(&self, clause: &str, param: &dyn rusqlite::ToSql) -> Result<Option<Account>, Error> {
        let conn = self.lock();
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE {clause}");
        let mut stmt = conn.prepare_cached(&sql)?;
        Ok(stmt.query_row([param], |r| rows::account(r)).optional()?)
    }
}

/// A built query's parameters as SQLite values.
fn params_of(query: &query::Query) -> rusqlite::ParamsFromIter<Vec<rusqlite::types::Value>> {
    rusqlite::params_from_iter(
        query
            .args
            .iter()
            .map(|p| match p {
                query::Param::Int(n) => rusqlite::types::Value::Integer(*n),
                query::Param::Text(s) => rusqlite::types::Value::Text(s.clone()),
            })
            .collect::<Vec<_>>(),
    )
}

/// Exactly one row changed, or the account `id` is not there.
fn expect_one(changed: usize, id: AccountId) -> Result<(), Error> {
    rows::expect_one(changed as u64, id)
}

fn insert_audit(tx: &Connection, r: &AuditRecord) -> Result<(), Error> {
    tx.prepare_cached(
        "INSERT INTO audit (at, actor, subject, event, outcome, machine, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![r.at, r.actor, r.subject, r.event.as_str(), r.outcome.as_str(), r.machine, r.detail])?;
    Ok(())
}

impl rows::Columns for Row<'_> {
    type Error = rusqlite::Error;

    fn text(&self, i: usize) -> rusqlite::Result<String> {
        self.get(i)
    }

    fn opt_text(&self, i: usize) -> rusqlite::Result<Option<String>> {
        self.get(i)
    }

    fn int(&self, i: usize) -> rusqlite::Result<i64> {
        self.get(i)
    }

    fn opt_int(&self, i: usize) -> rusqlite::Result<Option<i64>> {
        self.get(i)
    }

    fn flag(&self, i: usize) -> rusqlite::Result<bool> {
        self.get(i)
    }

    fn bytes(&self, i: usize) -> rusqlite::Result<Vec<u8>> {
        self.get(i)
    }

    fn invalid(&self, i: usize, what: &str) -> rusqlite::Error {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, format!("invalid {what}").into())
    }
}

/// Increments a counter in SQL, not read-modify-write in Rust, so two kiosks never lose a count;
/// at the threshold raises the flag and appends `raise_audit` as well.
fn count_failure(
    tx: &Connection,
    id: AccountId,
    counter: Counter,
    threshold: u32,
    now: Timestamp,
    audit: &AuditRecord,
    raise_audit: &AuditRecord,
) -> Result<FailureOutcome, Error> {
    let (column, flag) = counter.columns();
    // Counted only below the threshold: of two kiosks that checked a wrong password at once just
    // before the lock, the one that writes second finds the count full and is answered "locked"
    // (its attempt is logged as refused), so no more than `threshold` failures are ever counted.
    let row = |r: &Row<'_>| Ok((r.get(0)?, r.get(1)?));
    let counted: Option<(u32, bool)> = if counter.taken_first() {
        // The try its check took becomes a failure: the total never passes the threshold.
        let pending = counter.pending();
        let sql = format!(
            "UPDATE accounts SET {column} = {column} + 1, {pending} = max({pending} - 1, 0) WHERE id = ?1 \
             RETURNING {column}, {flag}"
        );
        tx.query_row(&sql, [id.0], row).optional()?
    } else {
        let sql = format!(
            "UPDATE accounts SET {column} = {column} + 1 WHERE id = ?1 AND {column} < ?2 RETURNING {column}, {flag}"
        );
        tx.query_row(&sql, params![id.0, threshold], row).optional()?
    };
    let Some((failures, was_raised)) = counted else {
        let failures: u32 = tx
            .query_row(&format!("SELECT {column} FROM accounts WHERE id = ?1"), [id.0], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("#{}", id.0)))?;
        insert_audit(tx, &rows::already_locked(audit))?;
        return Ok(FailureOutcome { failures, newly_locked: false, locked: true });
    };
    insert_audit(tx, audit)?;
    let newly_locked = !was_raised && failures >= threshold;
    if newly_locked {
        match counter {
            Counter::Answers => tx.execute("UPDATE accounts SET sspr_blocked = 1 WHERE id = ?1", [id.0])?,
            _ => tx.execute("UPDATE accounts SET locked_at = ?2 WHERE id = ?1", params![id.0, now])?,
        };
        insert_audit(tx, raise_audit)?;
    }
    Ok(FailureOutcome { failures, newly_locked, locked: was_raised || newly_locked })
}

/// Locks `PATH.lock` shared for as long as the returned file is open (the OS lets go when the
/// process ends, however it ends); and whether, a moment before, no other process had the
/// database open — then this one got the lock exclusively.
#[cfg(unix)]
fn hold_open(path: &Path) -> Result<(Option<std::fs::File>, bool), Error> {
    use std::os::fd::AsRawFd;
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let lock = PathBuf::from(name);
    let failed = |e: std::io::Error| Error::Storage(format!("cannot lock {}: {e}", lock.display()));
    crate::files::create_empty(&lock).map_err(failed)?;
    crate::files::tighten(&lock)?;
    let file = std::fs::File::open(&lock).map_err(failed)?;
    // SAFETY: flock on a descriptor this function owns; no memory is shared.
    let alone = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
    // SAFETY: as above (waits only while another process holds it exclusively, for a moment).
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_SH) } != 0 {
        return Err(failed(std::io::Error::last_os_error()));
    }
    Ok((Some(file), alone))
}

/// Elsewhere no lock is held, and tries left under way are forgotten at every open.
#[cfg(not(unix))]
fn hold_open(_: &Path) -> Result<(Option<std::fs::File>, bool), Error> {
    Ok((None, true))
}
