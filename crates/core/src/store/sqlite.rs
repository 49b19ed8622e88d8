//! The embedded store: one SQLite file in WAL mode with a busy timeout; versioned migrations
//! applied on open; every write in one `BEGIN IMMEDIATE` transaction so two kiosks sharing the
//! file never lose an update.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rand::rngs::OsRng;
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use super::*;
use crate::audit::{display_time, Event, Outcome};
use crate::otp::{OtpAlgorithm, OtpParams};
use crate::text::Text;

/// Name of the database file inside the data directory.
pub const DB_FILE_NAME: &str = "gatehouse.db";

/// Unknown-login failure rows older than this are pruned (bounded growth under spraying).
const UNKNOWN_FAILURE_RETENTION: i64 = 30 * 24 * 3600;

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    // 1: accounts, answers, unknown-login failures, append-only audit, meta.
    r#"
    CREATE TABLE accounts (
        id                  INTEGER PRIMARY KEY,
        login               TEXT NOT NULL,
        login_key           TEXT NOT NULL UNIQUE,
        name                TEXT NOT NULL,
        kind                TEXT NOT NULL CHECK (kind IN ('student', 'school_staff', 'hq_staff')),
        level               TEXT CHECK (level IN ('p1_3', 'p4_6', 'secondary', 'jc_mi')),
        location            TEXT NOT NULL,
        work_email          TEXT,
        generic             INTEGER NOT NULL DEFAULT 0,
        roles               TEXT NOT NULL DEFAULT '',
        password_hash       TEXT NOT NULL,
        previous_hash       TEXT,
        temporary_until     INTEGER,
        failed_passwords    INTEGER NOT NULL DEFAULT 0,
        locked_at           INTEGER,
        failed_answers      INTEGER NOT NULL DEFAULT 0,
        sspr_blocked        INTEGER NOT NULL DEFAULT 0,
        terms_accepted_at   INTEGER,
        last_sign_in        INTEGER,
        password_changed_at INTEGER NOT NULL,
        created_at          INTEGER NOT NULL
    );
    CREATE INDEX accounts_by_location ON accounts (location, kind, level);

    CREATE TABLE answers (
        account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        hash        TEXT NOT NULL,
        PRIMARY KEY (account_id, position)
    );

    CREATE TABLE login_failures (
        key        TEXT NOT NULL,
        kind       TEXT NOT NULL,
        failures   INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (key, kind)
    );
    CREATE INDEX login_failures_by_age ON login_failures (updated_at);

    CREATE TABLE audit (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        subject TEXT NOT NULL,
        event   TEXT NOT NULL,
        outcome TEXT NOT NULL,
        machine TEXT NOT NULL,
        detail  TEXT NOT NULL
    );
    CREATE INDEX audit_by_time ON audit (at);
    CREATE INDEX audit_by_subject ON audit (subject, at);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    "#,
    // 2: two-factor authentication: authenticators (secrets sealed by the vault), hardware token
    // stock, email OTPs (keyed MACs only), TOTP failure counter.
    r#"
    ALTER TABLE accounts ADD COLUMN failed_totp INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE accounts ADD COLUMN otp_sequence INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE authenticators (
        id            INTEGER PRIMARY KEY,
        account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('soft_token', 'hard_token')),
        comment       TEXT NOT NULL,
        secret_sealed BLOB NOT NULL,
        algorithm     TEXT NOT NULL,
        digits        INTEGER NOT NULL,
        period        INTEGER NOT NULL,
        serial        TEXT,
        hotp_counter  INTEGER,
        last_step     INTEGER,
        tested_at     INTEGER,
        created_at    INTEGER NOT NULL,
        created_by    TEXT NOT NULL
    );
    CREATE INDEX authenticators_by_account ON authenticators (account_id);

    CREATE TABLE hardware_tokens (
        serial        TEXT PRIMARY KEY,
        secret_sealed BLOB NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('totp', 'hotp')),
        algorithm     TEXT NOT NULL,
        digits        INTEGER NOT NULL,
        period        INTEGER NOT NULL,
        counter       INTEGER NOT NULL DEFAULT 0,
        imported_at   INTEGER NOT NULL
    );

    CREATE TABLE email_otps (
        account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        sequence   INTEGER NOT NULL,
        code_mac   BLOB NOT NULL,
        expires_at INTEGER NOT NULL,
        tries_left INTEGER NOT NULL
    );
    "#,
    // 3: location transfers: an LA requests, the AO of the target location decides (once).
    r#"
    CREATE TABLE transfers (
        id            INTEGER PRIMARY KEY,
        account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        from_location TEXT NOT NULL,
        to_location   TEXT NOT NULL,
        requested_by  TEXT NOT NULL,
        requested_at  INTEGER NOT NULL,
        decided_by    TEXT,
        decided_at    INTEGER,
        decision      TEXT CHECK (decision IN ('approved', 'rejected')),
        CHECK (from_location <> to_location),
        CHECK ((decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL))
    );
    CREATE UNIQUE INDEX transfers_one_pending ON transfers (account_id) WHERE decision IS NULL;
    CREATE INDEX transfers_pending_by_target ON transfers (to_location) WHERE decision IS NULL;
    CREATE TRIGGER transfers_decided_once BEFORE UPDATE ON transfers WHEN OLD.decision IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a decided transfer request is final'); END;
    "#,
    // v4: wrong codes typed while enrolling a free hardware token (a serial locks after a few);
    // the questions shown for login IDs without an account, fixed at their first search.
    r#"
    ALTER TABLE hardware_tokens ADD COLUMN failed_codes INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE sspr_decoys (
        key_mac    BLOB PRIMARY KEY,
        questions  TEXT NOT NULL,
        created_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX audit_by_event ON audit (event, at);
    "#,
];

const TRANSFER_COLUMNS: &str = "t.id, t.account_id, a.login, t.from_location, t.to_location, t.requested_by, \
     t.requested_at, t.decided_by, t.decided_at, t.decision";

fn transfer_from_row(r: &Row<'_>) -> rusqlite::Result<Transfer> {
    let decision: Option<String> = r.get(9)?;
    Ok(Transfer {
        id: TransferId(r.get(0)?),
        account: AccountId(r.get(1)?),
        login: LoginId::from_trusted(r.get(2)?),
        from_location: Location::from_trusted(r.get(3)?),
        to_location: Location::from_trusted(r.get(4)?),
        requested_by: r.get(5)?,
        requested_at: r.get(6)?,
        decided_by: r.get(7)?,
        decided_at: r.get(8)?,
        decision: match decision.as_deref() {
            None => None,
            Some("approved") => Some(TransferDecision::Approved),
            Some("rejected") => Some(TransferDecision::Rejected),
            Some(_) => {
                return Err(rusqlite::Error::FromSqlConversionFailure(
                    9,
                    rusqlite::types::Type::Text,
                    "invalid transfer decision".into(),
                ))
            }
        },
    })
}

fn transfer_in(conn: &Connection, id: TransferId) -> Result<Option<Transfer>, Error> {
    let sql =
        format!("SELECT {TRANSFER_COLUMNS} FROM transfers t JOIN accounts a ON a.id = t.account_id WHERE t.id = ?1");
    Ok(conn.query_row(&sql, [id.0], transfer_from_row).optional()?)
}

pub struct SqliteStore {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").field("path", &self.path).finish()
    }
}

const ACCOUNT_COLUMNS: &str = "id, login, name, kind, level, location, work_email, generic, roles, \
     password_hash, previous_hash, temporary_until, failed_passwords, locked_at, failed_answers, \
     sspr_blocked, terms_accepted_at, last_sign_in, password_changed_at, created_at, \
     EXISTS (SELECT 1 FROM answers WHERE account_id = accounts.id), failed_totp";

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
        let store = Self { conn: Mutex::new(conn), path: path.to_owned() };
        store.migrate().map_err(|e| match e {
            Error::Storage(m) if !m.contains("Gatehouse") => {
                Error::Storage(format!("{} is not a usable Gatehouse database: {m}", path.display()))
            }
            other => other,
        })?;
        Ok(store)
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

    fn hardware_tokens_where(&self, clause: &str, serial: Option<&str>) -> Result<Vec<HardwareToken>, Error> {
        let conn = self.lock();
        let sql = format!(
            "SELECT h.serial, h.secret_sealed, h.kind, h.algorithm, h.digits, h.period, h.counter, h.imported_at, \
             (SELECT a.login FROM authenticators au JOIN accounts a ON a.id = au.account_id WHERE au.serial = h.serial), \
             h.failed_codes FROM hardware_tokens h {clause} ORDER BY h.serial"
        );
        let mut stmt = conn.prepare(&sql)?;
        let map = |r: &Row<'_>| {
            let kind: String = r.get(2)?;
            let alg: String = r.get(3)?;
            Ok(HardwareToken {
                serial: r.get(0)?,
                secret_sealed: r.get(1)?,
                hotp: kind == "hotp",
                params: OtpParams {
                    algorithm: OtpAlgorithm::parse(&alg).unwrap_or(OtpAlgorithm::Sha1),
                    digits: r.get(4)?,
                    period: r.get::<_, i64>(5)? as u64,
                },
                counter: r.get::<_, i64>(6)? as u64,
                imported_at: r.get(7)?,
                bound_to: r.get::<_, Option<String>>(8)?.map(LoginId::from_trusted),
                failed_codes: r.get(9)?,
            })
        };
        let rows = match serial {
            Some(s) => stmt.query_map([s], map)?.collect::<Result<Vec<_>, _>>()?,
            None => stmt.query_map([], map)?.collect::<Result<Vec<_>, _>>()?,
        };
        Ok(rows)
    }

    fn audit_where(&self, q: &AuditQuery, visible: Option<&AuditVisibility>) -> Result<Vec<AuditEntry>, Error> {
        let conn = self.lock();
        let mut sql =
            String::from("SELECT id, at, actor, subject, event, outcome, machine, detail FROM audit WHERE 1 = 1");
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        let mut push = |cond: &str, v: Box<dyn rusqlite::ToSql>, sql: &mut String| {
            args.push(v);
            *sql += &format!(" AND {cond} ?{}", args.len());
        };
        if let Some(t) = q.since {
            push("at >=", Box::new(t), &mut sql);
        }
        if let Some(t) = q.until {
            push("at <", Box::new(t), &mut sql);
        }
        if let Some(a) = &q.actor {
            push("actor =", Box::new(a.clone()), &mut sql);
        }
        if let Some(s) = &q.subject {
            push("lower(subject) =", Box::new(s.to_lowercase()), &mut sql);
        }
        if let Some(e) = &q.event {
            push("event =", Box::new(e.clone()), &mut sql);
        }
        if let Some(o) = &q.outcome {
            push("outcome =", Box::new(o.clone()), &mut sql);
        }
        if let Some(v) = visible {
            args.push(Box::new(v.actor.clone()));
            let actor = args.len();
            if v.kinds.is_empty() {
                sql += &format!(" AND actor = ?{actor}");
            } else {
                args.push(Box::new(v.location.as_str().to_owned()));
                let location = args.len();
                let kinds: Vec<String> = v
                    .kinds
                    .iter()
                    .map(|k| {
                        args.push(Box::new(k.as_str()));
                        format!("?{}", args.len())
                    })
                    .collect();
                sql += &format!(
                    " AND (actor = ?{actor} OR lower(subject) IN \
                     (SELECT login_key FROM accounts WHERE location = ?{location} AND kind IN ({})))",
                    kinds.join(", ")
                );
            }
        }
        sql += " ORDER BY id DESC";
        if q.limit > 0 {
            sql += &format!(" LIMIT {} OFFSET {}", q.limit, q.offset);
        }
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter().map(|b| b.as_ref())), |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: display_time(r.get(1)?),
                actor: r.get(2)?,
                subject: r.get(3)?,
                event: r.get(4)?,
                outcome: r.get(5)?,
                machine: r.get(6)?,
                detail: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn account_where(&self, clause: &str, param: &dyn rusqlite::ToSql) -> Result<Option<Account>, Error> {
        let conn = self.lock();
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE {clause}");
        Ok(conn.query_row(&sql, [param], account_from_row).optional()?)
    }
}

fn insert_audit(tx: &Connection, r: &AuditRecord) -> Result<(), Error> {
    tx.execute(
        "INSERT INTO audit (at, actor, subject, event, outcome, machine, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![r.at, r.actor, r.subject, r.event.as_str(), r.outcome.as_str(), r.machine, r.detail],
    )?;
    Ok(())
}

fn expect_one(changed: usize, id: AccountId) -> Result<(), Error> {
    if changed == 1 {
        Ok(())
    } else {
        Err(Error::NotFound(format!("#{}", id.0)))
    }
}

fn account_from_row(r: &Row<'_>) -> rusqlite::Result<Account> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, format!("invalid {what}").into())
    };
    let kind: String = r.get(3)?;
    let level: Option<String> = r.get(4)?;
    let roles: String = r.get(8)?;
    Ok(Account {
        id: AccountId(r.get(0)?),
        login: LoginId::from_trusted(r.get(1)?),
        name: FullName::from_trusted(r.get(2)?),
        kind: AccountKind::parse(&kind).map_err(|_| bad(3, "kind"))?,
        level: level.map(|l| Level::parse(&l)).transpose().map_err(|_| bad(4, "level"))?,
        location: Location::from_trusted(r.get(5)?),
        work_email: r.get::<_, Option<String>>(6)?.map(EmailAddress::from_trusted),
        generic: r.get(7)?,
        roles: Role::parse_list(&roles).map_err(|_| bad(8, "roles"))?,
        password_hash: PasswordHashString::from_stored(r.get(9)?),
        previous_hash: r.get::<_, Option<String>>(10)?.map(PasswordHashString::from_stored),
        temporary_until: r.get(11)?,
        failed_passwords: r.get(12)?,
        locked_at: r.get(13)?,
        failed_answers: r.get(14)?,
        sspr_blocked: r.get(15)?,
        terms_accepted_at: r.get(16)?,
        last_sign_in: r.get(17)?,
        password_changed_at: r.get(18)?,
        created_at: r.get(19)?,
        questions_set: r.get(20)?,
        failed_codes: r.get(21)?,
    })
}

/// A consecutive-failure counter and the flag it raises at its threshold.
#[derive(Clone, Copy)]
enum Counter {
    /// Wrong passwords: lock the account.
    Password,
    /// Wrong TOTP codes at sign-in or reset: lock the account too.
    Totp,
    /// Wrong answer sets: block self-service reset.
    Answers,
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
    let (column, flag) = match counter {
        Counter::Password => ("failed_passwords", "locked_at IS NOT NULL"),
        Counter::Totp => ("failed_totp", "locked_at IS NOT NULL"),
        Counter::Answers => ("failed_answers", "sspr_blocked"),
    };
    // Counted only below the threshold: of two kiosks that checked a wrong password at once just
    // before the lock, the one that writes second finds the count full and is answered "locked"
    // (its attempt is logged as refused), so no more than `threshold` failures are ever counted.
    let counted: Option<(u32, bool)> = tx
        .query_row(
            &format!(
                "UPDATE accounts SET {column} = {column} + 1 WHERE id = ?1 AND {column} < ?2 RETURNING {column}, {flag}"
            ),
            params![id.0, threshold],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((failures, was_raised)) = counted else {
        let failures: u32 = tx
            .query_row(&format!("SELECT {column} FROM accounts WHERE id = ?1"), [id.0], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("#{}", id.0)))?;
        let refused = AuditRecord {
            outcome: Outcome::Refused,
            detail: format!("{}; already locked", audit.detail),
            ..audit.clone()
        };
        insert_audit(tx, &refused)?;
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

fn roles_text(roles: &[Role]) -> String {
    roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(";")
}

fn kind_text(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::Password => "password",
        FailureKind::Answer => "answer",
    }
}

impl Store for SqliteStore {
    fn account_by_login(&self, login: &LoginId) -> Result<Option<Account>, Error> {
        self.account_where("login_key = ?1", &login.key())
    }

    fn account(&self, id: AccountId) -> Result<Option<Account>, Error> {
        self.account_where("id = ?1", &id.0)
    }

    fn list_accounts(&self, f: &AccountFilter) -> Result<Vec<Account>, Error> {
        let conn = self.lock();
        let mut sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE 1 = 1");
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(t) = &f.text {
            // Escape LIKE wildcards so a search for "a_b" means the literal text.
            let esc = t.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            args.push(Box::new(format!("%{esc}%")));
            let n = args.len();
            sql += &format!(" AND (login_key LIKE ?{n} ESCAPE '\\' OR lower(name) LIKE ?{n} ESCAPE '\\')");
        }
        if let Some(k) = f.kind {
            args.push(Box::new(k.as_str()));
            sql += &format!(" AND kind = ?{}", args.len());
        }
        if let Some(l) = f.level {
            args.push(Box::new(l.as_str()));
            sql += &format!(" AND level = ?{}", args.len());
        }
        if let Some(l) = &f.location {
            args.push(Box::new(l.as_str().to_owned()));
            sql += &format!(" AND location = ?{}", args.len());
        }
        if let Some(locked) = f.locked {
            sql += if locked { " AND locked_at IS NOT NULL" } else { " AND locked_at IS NULL" };
        }
        sql += " ORDER BY login_key";
        if f.limit > 0 {
            sql += &format!(" LIMIT {}", f.limit);
        }
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter().map(|b| b.as_ref())), account_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn count_accounts(&self) -> Result<u64, Error> {
        let conn = self.lock();
        let n: i64 = conn.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    fn count_administrators(&self) -> Result<u64, Error> {
        let conn = self.lock();
        let n: i64 = conn.query_row("SELECT count(*) FROM accounts WHERE roles != ''", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    fn create_accounts(&self, accounts: &[NewAccount], audit: &[AuditRecord]) -> Result<Vec<AccountId>, Error> {
        self.write(|tx| {
            let mut ids = Vec::with_capacity(accounts.len());
            let mut stmt = tx.prepare_cached(
                "INSERT INTO accounts (login, login_key, name, kind, level, location, work_email, generic, roles, \
                 password_hash, temporary_until, terms_accepted_at, password_changed_at, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
            )?;
            let now = audit.first().map(|a| a.at).unwrap_or_default();
            for a in accounts {
                let res = stmt.execute(params![
                    a.login.as_str(),
                    a.login.key(),
                    a.name.as_str(),
                    a.kind.as_str(),
                    a.level.map(Level::as_str),
                    a.location.as_str(),
                    a.work_email.as_ref().map(EmailAddress::as_str),
                    a.generic,
                    roles_text(&a.roles),
                    a.password_hash.as_str(),
                    a.temporary_until,
                    a.terms_accepted_at,
                    now,
                ]);
                match res {
                    Ok(_) => ids.push(AccountId(tx.last_insert_rowid())),
                    Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                        return Err(Error::Conflict(a.login.to_string()));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            for r in audit {
                insert_audit(tx, r)?;
            }
            Ok(ids)
        })
    }

    fn record_password_failure(
        &self,
        id: AccountId,
        threshold: u32,
        now: Timestamp,
        audit: AuditRecord,
        lockout_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error> {
        self.write(|tx| count_failure(tx, id, Counter::Password, threshold, now, &audit, &lockout_audit))
    }

    fn record_sign_in(&self, id: AccountId, now: Timestamp, audit: AuditRecord) -> Result<bool, Error> {
        self.write(|tx| {
            // Not on an account another kiosk locked after this one read it.
            let n = tx.execute(
                "UPDATE accounts SET failed_passwords = 0, last_sign_in = ?2 WHERE id = ?1 AND locked_at IS NULL",
                params![id.0, now],
            )?;
            if n == 0 {
                let exists = tx.query_row("SELECT 1 FROM accounts WHERE id = ?1", [id.0], |_| Ok(())).optional()?;
                expect_one(usize::from(exists.is_some()), id)?;
                let refused = AuditRecord {
                    event: Event::SignInFailed,
                    outcome: Outcome::Refused,
                    detail: "account locked meanwhile".into(),
                    ..audit
                };
                insert_audit(tx, &refused)?;
                return Ok(false);
            }
            insert_audit(tx, &audit)?;
            Ok(true)
        })
    }

    fn record_unknown_failure(
        &self,
        key: &str,
        kind: FailureKind,
        threshold: u32,
        now: Timestamp,
        lock_expired_before: Timestamp,
    ) -> Result<u32, Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM login_failures WHERE updated_at < ?1", [now - UNKNOWN_FAILURE_RETENTION])?;
            // Below the threshold `updated_at` follows the last failure; from it, `updated_at` is
            // the lock time and stays so until the lock has lifted (as `accounts.locked_at`).
            let n: u32 = tx.query_row(
                "INSERT INTO login_failures (key, kind, failures, updated_at) VALUES (?1, ?2, 1, ?3) \
                 ON CONFLICT (key, kind) DO UPDATE SET \
                   failures = CASE WHEN failures < ?4 THEN failures + 1 WHEN updated_at <= ?5 THEN 1 ELSE failures END, \
                   updated_at = CASE WHEN failures < ?4 OR updated_at <= ?5 THEN ?3 ELSE updated_at END \
                 RETURNING failures",
                params![key, kind_text(kind), now, threshold, lock_expired_before],
                |r| r.get(0),
            )?;
            Ok(n)
        })
    }

    fn unknown_failures(&self, key: &str, kind: FailureKind, window_start: Timestamp) -> Result<u32, Error> {
        let conn = self.lock();
        let n: Option<u32> = conn
            .query_row(
                "SELECT failures FROM login_failures WHERE key = ?1 AND kind = ?2 AND updated_at >= ?3",
                params![key, kind_text(kind), window_start],
                |r| r.get(0),
            )
            .optional()?;
        Ok(n.unwrap_or(0))
    }

    fn set_password(&self, id: AccountId, change: &PasswordChange, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            // The replaced hash becomes the "previous" one, unless it was a temporary password
            // (the rule is about the person's own last password).
            let n = tx.execute(
                "UPDATE accounts SET \
                   previous_hash = CASE WHEN temporary_until IS NULL THEN password_hash ELSE previous_hash END, \
                   password_hash = ?2, temporary_until = ?3, password_changed_at = ?4, \
                   failed_passwords = 0, failed_totp = 0, locked_at = NULL, failed_answers = 0, sspr_blocked = 0 \
                 WHERE id = ?1",
                params![id.0, change.hash.as_str(), change.temporary_until, change.at],
            )?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn unlock(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE accounts SET failed_passwords = 0, failed_totp = 0, locked_at = NULL WHERE id = ?1",
                [id.0],
            )?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn answers(&self, id: AccountId) -> Result<Vec<StoredAnswer>, Error> {
        let conn = self.lock();
        let mut stmt =
            conn.prepare_cached("SELECT question_id, hash FROM answers WHERE account_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(StoredAnswer { question_id: r.get(0)?, hash: PasswordHashString::from_stored(r.get(1)?) })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn set_answers(&self, id: AccountId, answers: &[StoredAnswer], audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM answers WHERE account_id = ?1", [id.0])?;
            for (i, a) in answers.iter().enumerate() {
                tx.execute(
                    "INSERT INTO answers (account_id, position, question_id, hash) VALUES (?1, ?2, ?3, ?4)",
                    params![id.0, i as i64, a.question_id, a.hash.as_str()],
                )?;
            }
            let n = tx.execute("UPDATE accounts SET failed_answers = 0, sspr_blocked = 0 WHERE id = ?1", [id.0])?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn clear_answers(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM answers WHERE account_id = ?1", [id.0])?;
            let n = tx.execute("UPDATE accounts SET failed_answers = 0, sspr_blocked = 0 WHERE id = ?1", [id.0])?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn record_answer_failure(
        &self,
        id: AccountId,
        threshold: u32,
        audit: AuditRecord,
        block_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error> {
        let now = audit.at;
        self.write(|tx| count_failure(tx, id, Counter::Answers, threshold, now, &audit, &block_audit))
    }

    fn clear_answer_failures(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute("UPDATE accounts SET failed_answers = 0 WHERE id = ?1", [id.0])?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn accept_terms(&self, id: AccountId, now: Timestamp, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE accounts SET terms_accepted_at = coalesce(terms_accepted_at, ?2) WHERE id = ?1",
                params![id.0, now],
            )?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn set_work_email(&self, id: AccountId, email: Option<&EmailAddress>, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE accounts SET work_email = ?2 WHERE id = ?1",
                params![id.0, email.map(EmailAddress::as_str)],
            )?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn append_audit(&self, record: &AuditRecord) -> Result<(), Error> {
        self.write(|tx| insert_audit(tx, record))
    }

    fn audit(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>, Error> {
        self.audit_where(q, None)
    }

    fn audit_visible(&self, q: &AuditQuery, visible: &AuditVisibility) -> Result<Vec<AuditEntry>, Error> {
        self.audit_where(q, Some(visible))
    }

    fn create_transfer(&self, t: &NewTransfer, audit: AuditRecord) -> Result<TransferId, Error> {
        self.write(|tx| {
            let at: Option<String> =
                tx.query_row("SELECT location FROM accounts WHERE id = ?1", [t.account.0], |r| r.get(0)).optional()?;
            match at {
                None => return Err(Error::NotFound(format!("#{}", t.account.0))),
                Some(l) if l != t.from_location.as_str() => {
                    let text =
                        Text::new("transfer-account-moved").arg("location", l).arg("from", t.from_location.as_str());
                    return Err(Error::Refused(text));
                }
                Some(_) => {}
            }
            let pending: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, to_location FROM transfers WHERE account_id = ?1 AND decision IS NULL",
                    [t.account.0],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((id, to)) = pending {
                return Err(Error::Refused(Text::new("transfer-pending").arg("id", id).arg("location", to)));
            }
            tx.execute(
                "INSERT INTO transfers (account_id, from_location, to_location, requested_by, requested_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![t.account.0, t.from_location.as_str(), t.to_location.as_str(), t.requested_by, t.requested_at],
            )?;
            let id = TransferId(tx.last_insert_rowid());
            insert_audit(tx, &audit)?;
            Ok(id)
        })
    }

    fn transfer(&self, id: TransferId) -> Result<Option<Transfer>, Error> {
        transfer_in(&self.lock(), id)
    }

    fn pending_transfers(&self, to: Option<&Location>) -> Result<Vec<Transfer>, Error> {
        let conn = self.lock();
        let sql = format!(
            "SELECT {TRANSFER_COLUMNS} FROM transfers t JOIN accounts a ON a.id = t.account_id \
             WHERE t.decision IS NULL AND (?1 IS NULL OR t.to_location = ?1) ORDER BY t.id"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([to.map(Location::as_str)], transfer_from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn decide_transfer(
        &self,
        id: TransferId,
        decision: TransferDecision,
        decided_by: &str,
        at: Timestamp,
        audit: AuditRecord,
    ) -> Result<Transfer, Error> {
        self.write(|tx| {
            let t = transfer_in(tx, id)?
                .ok_or_else(|| Error::invalid("transfer", Text::new("no-such-transfer").arg("id", id)))?;
            if let (Some(done), Some(by), Some(when)) = (t.decision, &t.decided_by, t.decided_at) {
                let text = Text::new("transfer-already-decided")
                    .arg("id", id)
                    .arg("decision", done.as_str())
                    .arg("by", by)
                    .arg("at", display_time(when));
                return Err(Error::Refused(text));
            }
            if decision == TransferDecision::Approved {
                let moved = tx.execute(
                    "UPDATE accounts SET location = ?3 WHERE id = ?1 AND location = ?2",
                    params![t.account.0, t.from_location.as_str(), t.to_location.as_str()],
                )?;
                if moved != 1 {
                    let text = Text::new("transfer-account-left")
                        .arg("login", &t.login)
                        .arg("location", t.from_location.as_str())
                        .arg("id", id);
                    return Err(Error::Refused(text));
                }
            }
            let n = tx.execute(
                "UPDATE transfers SET decision = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1 AND decision IS NULL",
                params![id.0, decision.as_str(), decided_by, at],
            )?;
            if n != 1 {
                return Err(Error::Refused(Text::new("transfer-decided-meanwhile").arg("id", id)));
            }
            insert_audit(tx, &audit)?;
            transfer_in(tx, id)?.ok_or_else(|| Error::Storage(format!("transfer request #{id} vanished")))
        })
    }

    fn install_secret(&self) -> Result<[u8; 32], Error> {
        self.write(|tx| {
            let existing: Option<Vec<u8>> =
                tx.query_row("SELECT value FROM meta WHERE key = 'install_secret'", [], |r| r.get(0)).optional()?;
            if let Some(v) = existing {
                return v.try_into().map_err(|_| Error::Storage("meta.install_secret has the wrong length".into()));
            }
            let mut secret = [0u8; 32];
            OsRng.fill_bytes(&mut secret);
            tx.execute("INSERT INTO meta (key, value) VALUES ('install_secret', ?1)", [&secret[..]])?;
            Ok(secret)
        })
    }

    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
        let conn = self.lock();
        Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    fn meta_init(&self, key: &str, value: &[u8]) -> Result<Vec<u8>, Error> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
                params![key, value],
            )?;
            Ok(tx.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))?)
        })
    }

    fn authenticators(&self, account: AccountId) -> Result<Vec<Authenticator>, Error> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT id, account_id, kind, comment, secret_sealed, algorithm, digits, period, serial, hotp_counter, \
             last_step, tested_at, created_at, created_by FROM authenticators WHERE account_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([account.0], |r| {
            let kind: String = r.get(2)?;
            let alg: String = r.get(5)?;
            Ok(Authenticator {
                id: r.get(0)?,
                account: AccountId(r.get(1)?),
                kind: if kind == "hard_token" { AuthenticatorKind::HardToken } else { AuthenticatorKind::SoftToken },
                comment: r.get(3)?,
                secret_sealed: r.get(4)?,
                params: OtpParams {
                    algorithm: OtpAlgorithm::parse(&alg).unwrap_or(OtpAlgorithm::Sha1),
                    digits: r.get(6)?,
                    period: r.get::<_, i64>(7)? as u64,
                },
                serial: r.get(8)?,
                hotp_counter: r.get::<_, Option<i64>>(9)?.map(|c| c as u64),
                last_step: r.get::<_, Option<i64>>(10)?.map(|c| c as u64),
                tested_at: r.get(11)?,
                created_at: r.get(12)?,
                created_by: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn add_authenticator(
        &self,
        account: AccountId,
        a: &NewAuthenticator,
        now: Timestamp,
        audit: AuditRecord,
    ) -> Result<i64, Error> {
        self.write(|tx| {
            if let Some(serial) = &a.serial {
                let bound: Option<i64> = tx
                    .query_row("SELECT account_id FROM authenticators WHERE serial = ?1", [serial], |r| r.get(0))
                    .optional()?;
                if bound.is_some() {
                    return Err(Error::Conflict(format!("token {serial}")));
                }
                tx.execute("UPDATE hardware_tokens SET failed_codes = 0 WHERE serial = ?1", [serial])?;
            }
            tx.execute(
                "INSERT INTO authenticators (account_id, kind, comment, secret_sealed, algorithm, digits, period, serial, \
                 hotp_counter, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    account.0,
                    a.kind.as_str(),
                    a.comment,
                    a.secret_sealed,
                    a.params.algorithm.as_str(),
                    a.params.digits,
                    a.params.period as i64,
                    a.serial,
                    a.hotp_counter.map(|c| c as i64),
                    now,
                    a.created_by
                ],
            )?;
            let id = tx.last_insert_rowid();
            insert_audit(tx, &audit)?;
            Ok(id)
        })
    }

    fn use_totp_step(
        &self,
        authenticator: i64,
        step: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<bool, Error> {
        self.write(|tx| {
            // The condition makes the replay guard hold across processes: of two sign-ins with
            // one code, only one updates the row.
            let n = tx.execute(
                "UPDATE authenticators SET last_step = ?2, \
                   tested_at = CASE WHEN ?4 THEN ?3 ELSE tested_at END \
                 WHERE id = ?1 AND (last_step IS NULL OR last_step < ?2)",
                params![authenticator, step as i64, now, test],
            )?;
            if n == 1 {
                tx.execute(
                    "UPDATE accounts SET failed_totp = 0 WHERE id = (SELECT account_id FROM authenticators WHERE id = ?1)",
                    [authenticator],
                )?;
                insert_audit(tx, &audit)?;
            }
            Ok(n == 1)
        })
    }

    fn use_hotp_counter(
        &self,
        authenticator: i64,
        next: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE authenticators SET hotp_counter = ?2, tested_at = CASE WHEN ?4 THEN ?3 ELSE tested_at END \
                 WHERE id = ?1 AND hotp_counter < ?2",
                params![authenticator, next as i64, now, test],
            )?;
            if n != 1 {
                return Err(Error::Refused(Text::new("token-counter-moved")));
            }
            tx.execute(
                "UPDATE accounts SET failed_totp = 0 WHERE id = (SELECT account_id FROM authenticators WHERE id = ?1)",
                [authenticator],
            )?;
            insert_audit(tx, &audit)
        })
    }

    fn delete_authenticator(&self, account: AccountId, authenticator: i64, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            // A token back in the stock starts with a clean count of wrong enrolment codes.
            tx.execute(
                "UPDATE hardware_tokens SET failed_codes = 0 WHERE serial = \
                 (SELECT serial FROM authenticators WHERE id = ?1 AND account_id = ?2)",
                params![authenticator, account.0],
            )?;
            let n = tx.execute(
                "DELETE FROM authenticators WHERE id = ?1 AND account_id = ?2",
                params![authenticator, account.0],
            )?;
            if n != 1 {
                return Err(Error::NotFound(format!("authenticator {authenticator}")));
            }
            insert_audit(tx, &audit)
        })
    }

    fn delete_authenticators(&self, account: AccountId, audit: AuditRecord) -> Result<usize, Error> {
        self.write(|tx| {
            tx.execute(
                "UPDATE hardware_tokens SET failed_codes = 0 WHERE serial IN \
                 (SELECT serial FROM authenticators WHERE account_id = ?1)",
                [account.0],
            )?;
            let n = tx.execute("DELETE FROM authenticators WHERE account_id = ?1", [account.0])?;
            insert_audit(tx, &audit)?;
            Ok(n)
        })
    }

    fn record_totp_failure(
        &self,
        account: AccountId,
        threshold: u32,
        now: Timestamp,
        audit: AuditRecord,
        lockout_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error> {
        self.write(|tx| count_failure(tx, account, Counter::Totp, threshold, now, &audit, &lockout_audit))
    }

    fn clear_totp_failures(&self, account: AccountId) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("UPDATE accounts SET failed_totp = 0 WHERE id = ?1", [account.0])?;
            Ok(())
        })
    }

    fn put_email_otp(
        &self,
        account: AccountId,
        code_mac: &[u8],
        expires_at: Timestamp,
        tries: u32,
        audit: AuditRecord,
    ) -> Result<u32, Error> {
        self.write(|tx| {
            let seq: u32 = tx
                .query_row(
                    "UPDATE accounts SET otp_sequence = otp_sequence + 1 WHERE id = ?1 RETURNING otp_sequence",
                    [account.0],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::NotFound(format!("#{}", account.0)))?;
            tx.execute(
                "INSERT INTO email_otps (account_id, sequence, code_mac, expires_at, tries_left) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (account_id) DO UPDATE SET sequence = ?2, code_mac = ?3, expires_at = ?4, tries_left = ?5",
                params![account.0, seq, code_mac, expires_at, tries],
            )?;
            insert_audit(tx, &audit)?;
            Ok(seq)
        })
    }

    fn email_otp(&self, account: AccountId) -> Result<Option<EmailOtp>, Error> {
        let conn = self.lock();
        Ok(conn
            .query_row(
                "SELECT sequence, code_mac, expires_at, tries_left FROM email_otps WHERE account_id = ?1",
                [account.0],
                |r| {
                    Ok(EmailOtp {
                        sequence: r.get(0)?,
                        code_mac: r.get(1)?,
                        expires_at: r.get(2)?,
                        tries_left: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    fn spend_email_otp_try(&self, account: AccountId) -> Result<Option<u32>, Error> {
        self.write(|tx| {
            Ok(tx
                .query_row(
                    "UPDATE email_otps SET tries_left = tries_left - 1 WHERE account_id = ?1 AND tries_left > 0 RETURNING tries_left",
                    [account.0],
                    |r| r.get(0),
                )
                .optional()?)
        })
    }

    fn consume_email_otp(&self, account: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM email_otps WHERE account_id = ?1", [account.0])?;
            tx.execute("UPDATE accounts SET failed_totp = 0 WHERE id = ?1", [account.0])?;
            insert_audit(tx, &audit)
        })
    }

    fn import_hardware_tokens(&self, tokens: &[HardwareToken], audit: AuditRecord) -> Result<usize, Error> {
        self.write(|tx| {
            for t in tokens {
                let res = tx.execute(
                    "INSERT INTO hardware_tokens (serial, secret_sealed, kind, algorithm, digits, period, counter, imported_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        t.serial,
                        t.secret_sealed,
                        if t.hotp { "hotp" } else { "totp" },
                        t.params.algorithm.as_str(),
                        t.params.digits,
                        t.params.period as i64,
                        t.counter as i64,
                        t.imported_at
                    ],
                );
                match res {
                    Ok(_) => {}
                    Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                        return Err(Error::Conflict(format!("token serial {}", t.serial)));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            insert_audit(tx, &audit)?;
            Ok(tokens.len())
        })
    }

    fn hardware_token(&self, serial: &str) -> Result<Option<HardwareToken>, Error> {
        Ok(self.hardware_tokens_where("WHERE h.serial = ?1", Some(serial))?.pop())
    }

    fn hardware_tokens(&self) -> Result<Vec<HardwareToken>, Error> {
        self.hardware_tokens_where("", None)
    }

    fn spend_token_try(&self, serial: &str, limit: u32) -> Result<Option<u32>, Error> {
        self.write(|tx| {
            // Counted before the code is checked, in SQL and never past the limit, so two kiosks
            // guessing one serial together get no more than `limit` checks between them.
            Ok(tx
                .query_row(
                    "UPDATE hardware_tokens SET failed_codes = failed_codes + 1 \
                     WHERE serial = ?1 AND failed_codes < ?2 RETURNING failed_codes",
                    params![serial, limit],
                    |r| r.get(0),
                )
                .optional()?)
        })
    }

    fn free_hardware_token(&self, serial: &str, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute("UPDATE hardware_tokens SET failed_codes = 0 WHERE serial = ?1", [serial])?;
            if n != 1 {
                return Err(Error::NotFound(format!("hardware token {serial}")));
            }
            insert_audit(tx, &audit)
        })
    }

    fn record_sspr_search(&self, since: Timestamp, limit: u32, audit: AuditRecord) -> Result<bool, Error> {
        self.write(|tx| {
            // Counted and appended under one write lock: two kiosks on one file cannot both take
            // the last search of the hour.
            let served: u32 = tx.query_row(
                "SELECT count(*) FROM audit WHERE event = 'sspr_search' AND outcome = 'ok' AND machine = ?1 AND at > ?2",
                params![audit.machine, since],
                |r| r.get(0),
            )?;
            if served >= limit {
                return Ok(false);
            }
            insert_audit(tx, &audit)?;
            Ok(true)
        })
    }

    fn question_census(&self) -> Result<QuestionCensus, Error> {
        let conn = self.lock();
        let (accounts, with_questions): (i64, i64) = conn.query_row(
            "SELECT (SELECT count(*) FROM accounts), (SELECT count(DISTINCT account_id) FROM answers)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(QuestionCensus { accounts: accounts as u64, with_questions: with_questions as u64 })
    }

    fn question_set(&self, nth: u64) -> Result<Vec<String>, Error> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT question_id FROM answers WHERE account_id = \
             (SELECT DISTINCT account_id FROM answers ORDER BY account_id LIMIT 1 OFFSET ?1) ORDER BY position",
        )?;
        let rows = stmt.query_map([nth as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<String>, _>>()?)
    }

    fn sspr_decoy(&self, key_mac: &[u8]) -> Result<Option<Vec<String>>, Error> {
        let conn = self.lock();
        let text: Option<String> = conn
            .query_row("SELECT questions FROM sspr_decoys WHERE key_mac = ?1", [key_mac], |r| r.get(0))
            .optional()?;
        Ok(text.map(|t| t.split(',').map(str::to_owned).collect()))
    }

    fn put_sspr_decoy(&self, key_mac: &[u8], questions: &[String], now: Timestamp) -> Result<Vec<String>, Error> {
        self.write(|tx| {
            // The first search wins: another kiosk's choice for the same login ID is kept.
            tx.execute(
                "INSERT OR IGNORE INTO sspr_decoys (key_mac, questions, created_at) VALUES (?1, ?2, ?3)",
                params![key_mac, questions.join(","), now],
            )?;
            let text: String =
                tx.query_row("SELECT questions FROM sspr_decoys WHERE key_mac = ?1", [key_mac], |r| r.get(0))?;
            Ok(text.split(',').map(str::to_owned).collect())
        })
    }

    fn set_hardware_counter(&self, serial: &str, counter: u64) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("UPDATE hardware_tokens SET counter = ?2 WHERE serial = ?1", params![serial, counter as i64])?;
            Ok(())
        })
    }
}
