//! The server store: one PostgreSQL database shared by every machine of a school (issue 13).
//!
//! The synchronous `postgres` driver over an r2d2 pool: the engine is synchronous (a server calls
//! it from `spawn_blocking`), as with SQLite. TLS by rustls unless the server is on a Unix socket
//! (or on loopback with `sslmode=disable`, for tests). Versioned migrations run at connect under a
//! transaction-level advisory lock, so servers starting together apply them once.
//!
//! Concurrency: every write is one READ COMMITTED transaction ([`PgStore::write`]); a decision
//! taken on something read is made safe without SERIALIZABLE, by one of
//! - a conditional write whose `WHERE` holds the rule (`failed < threshold`, `last_step < step`,
//!   `tries_left > 0`, `decision IS NULL`): PostgreSQL re-checks it on the row a concurrent
//!   writer left, so of two racers only one matches;
//! - `SELECT … FOR UPDATE` of the row the decision is about (a transfer, the account it moves);
//! - `INSERT … ON CONFLICT` (decoys, meta, unknown-login counters) or a unique index (a token's
//!   serial bound once, one pending transfer per account);
//! - a transaction-level advisory lock per machine for the self-service search cap, which
//!   counts rows of the log rather than one row.
//!
//! A deadlock or serialization failure (which these choices should not cause) is retried a few
//! times and is then [`Error::Busy`].

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

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use ::postgres::error::SqlState;
use ::postgres::types::{ToSql, Type};
use ::postgres::{Client, GenericClient, Row, Statement, Transaction};
use r2d2_postgres::PostgresConnectionManager;
use tokio_postgres_rustls::MakeRustlsConnect;
use zeroize::Zeroizing;

use super::query;
use super::rows::{self, expect_one, Counter, ACCOUNT_COLUMNS};
use super::*;
use crate::audit::{AuditEntry, AuditQuery, AuditRecord, Event, Outcome};
use crate::clock::Timestamp;
use crate::error::Error;
use crate::hashing::PasswordHashString;
use crate::text::{Language, Text};
use crate::types::{AccountId, ClassLabel, EmailAddress, Level, Location, LoginId, TransferId};

/// Unknown-login failure rows older than this are pruned (bounded growth under spraying).
const UNKNOWN_FAILURE_RETENTION: i64 = 30 * 24 * 3600;

/// How often a write that hit a deadlock or serialization failure is tried again.
const WRITE_RETRIES: u32 = 3;

/// Parameters of a query, as the driver takes them.
type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// How the store reaches the server.
#[derive(Clone)]
pub struct PgOptions {
    /// Connections kept open at most (each is one server backend).
    pub pool_size: u32,
    /// How long opening a connection, or waiting for a free one, may take.
    pub connect_timeout: Duration,
    /// The server cancels a statement running longer (`statement_timeout`).
    pub statement_timeout: Duration,
    /// The password when the URL has none (read from a file or the environment by the caller).
    pub password: Option<Zeroizing<String>>,
}

impl Default for PgOptions {
    fn default() -> Self {
        Self {
            pool_size: 8,
            connect_timeout: Duration::from_secs(5),
            statement_timeout: Duration::from_secs(10),
            password: None,
        }
    }
}

impl std::fmt::Debug for PgOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgOptions")
            .field("pool_size", &self.pool_size)
            .field("connect_timeout", &self.connect_timeout)
            .field("statement_timeout", &self.statement_timeout)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// A pooled connection, when it was last handed out, and the statements of the sign-in's path
/// prepared on it.
struct Conn {
    client: Client,
    last_used: std::time::Instant,
    /// Prepared once per connection, so the server parses and plans them once rather than on
    /// every sign-in (about a fifth of a sign-in's time beyond the hash on this path).
    prepared: HashMap<&'static str, Statement>,
}

impl Conn {
    /// Runs `sql` (a statement of the hot path) as a statement prepared on this connection,
    /// preparing it first if it is not yet. A statement whose result a migration changed since
    /// (PostgreSQL: "cached plan must not change result type") is prepared again and run once
    /// more; any other failure forgets this connection's statements too.
    fn query_prepared(
        &mut self,
        sql: &'static str,
        types: &[Type],
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, ::postgres::Error> {
        let cached = self.prepared.get(sql).cloned();
        let first = match &cached {
            Some(statement) => self.client.query(statement, params),
            None => self.prepare_cached(sql, types).and_then(|s| self.client.query(&s, params)),
        };
        match first {
            Err(e) if cached.is_some() && e.code() == Some(&SqlState::FEATURE_NOT_SUPPORTED) => {
                self.prepared.clear();
                self.prepare_cached(sql, types).and_then(|s| self.client.query(&s, params))
            }
            Err(e) => {
                self.prepared.clear();
                Err(e)
            }
            ok => ok,
        }
    }

    fn prepare_cached(&mut self, sql: &'static str, types: &[Type]) -> Result<Statement, ::postgres::Error> {
        let statement = self.client.prepare_typed(sql, types)?;
        self.prepared.insert(sql, statement.clone());
        Ok(statement)
    }
}

impl std::ops::Deref for Conn {
    type Target = Client;
    fn deref(&self) -> &Client {
        &self.client
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut Client {
        &mut self.client
    }
}

/// An account by its login key, and by its id (see [`PgStore::account_where`]).
static ACCOUNT_BY_LOGIN: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE login_key = $1"));
static ACCOUNT_BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1"));

/// Connections checked by a round trip only when they have been idle a while.
const CHECK_AFTER_IDLE: Duration = Duration::from_secs(5);

/// The pool's manager: r2d2_postgres's, except that a connection handed out again within
/// [`CHECK_AFTER_IDLE`] is not checked with a round trip first (two of a sign-in's four round
/// trips, which cost more than everything else beyond the hash). A connection that broke meanwhile
/// (the server restarted) fails its statement with a storage error — the person sees `SSPR 5019`
/// and the next try gets a new one — and the pool discards it.
struct Manager {
    inner: PostgresConnectionManager<MakeRustlsConnect>,
}

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = ::postgres::Error;

    fn connect(&self) -> Result<Conn, Self::Error> {
        Ok(Conn { client: self.inner.connect()?, last_used: std::time::Instant::now(), prepared: HashMap::new() })
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), Self::Error> {
        if conn.last_used.elapsed() >= CHECK_AFTER_IDLE {
            self.inner.is_valid(&mut conn.client)?;
        }
        conn.last_used = std::time::Instant::now();
        Ok(())
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        self.inner.has_broken(&mut conn.client)
    }
}

pub struct PgStore {
    pool: r2d2::Pool<Manager>,
    /// The server and database, without the password: for messages and `Debug`.
    target: String,
    /// The session holding [`OPEN_LOCK`] shared for as long as this store is open.
    _open: std::sync::Mutex<::postgres::Client>,
}

/// The key of the session-level advisory lock every open store holds shared ("gh-open!"): the
/// one process that can take it exclusively has the database to itself ([`forget_checks_left_under_way`]).
const OPEN_LOCK: i64 = 0x6768_2d6f_7065_6e21;

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("target", &self.target).finish_non_exhaustive()
    }
}

impl std::fmt::Display for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.target)
    }
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user[:password]@host[:port]/dbname?…`, or
    /// libpq's `key=value` form), applies pending migrations and keeps a pool of connections.
    ///
    /// TLS (rustls) is required unless every host is a Unix socket (a path, `host=/run/…`);
    /// `sslmode=disable` is accepted for a loopback host only. The server's certificate is
    /// checked against the system's trust roots, or the CA file `sslrootcert=PATH`.
    ///
    /// An unreachable server, a refused login or a schema newer than this code is
    /// `Error::Storage`; a malformed URL is `Error::Config`. No message carries the password.
    pub fn connect(url: &str, options: PgOptions) -> Result<Self, Error> {
        let secret = password_in(url);
        let hide = |m: String| redact(m, secret.as_deref());
        let (url, root_file) = take_param(url, "sslrootcert");
        let mut config: ::postgres::Config =
            url.parse().map_err(|e: ::postgres::Error| Error::Config(hide(format!("the database URL: {e}"))))?;
        if let Some(p) = &options.password {
            config.password(p.as_bytes());
        }
        let target = describe(&config);
        let tls = tls_for(&mut config, root_file.as_deref())?;
        config.connect_timeout(options.connect_timeout);
        config.keepalives(true);
        if config.get_application_name().is_none() {
            config.application_name("gatehouse");
        }
        // A statement that runs away, or a transaction left open by a stalled client, must not
        // hold rows locked against every kiosk of the school.
        let timeouts = format!(
            "-c statement_timeout={} -c idle_in_transaction_session_timeout={}",
            options.statement_timeout.as_millis(),
            (options.statement_timeout * 6).as_millis()
        );
        let server_options = match config.get_options() {
            Some(o) => format!("{o} {timeouts}"),
            None => timeouts,
        };
        config.options(&server_options);

        let unreachable = |e: ::postgres::Error| {
            Error::Storage(hide(format!("cannot connect to the account store at {target}: {}", describe_error(&e))))
        };
        let mut first = config.connect(tls.clone()).map_err(unreachable)?;
        schema::migrate(&mut first).map_err(|e| match e {
            Error::Storage(m) if !m.contains("Gatehouse") => {
                Error::Storage(format!("{target} is not a usable Gatehouse database: {m}"))
            }
            other => other,
        })?;
        match forget_checks_left_under_way(&mut first) {
            Ok(0) => {}
            Ok(n) => tracing::info!(accounts = n, "forgot the checks a stopped process left under way"),
            Err(e) => tracing::warn!(error = %e, "could not forget the checks a stopped process left under way"),
        }
        first.execute("SELECT pg_advisory_lock_shared($1)", &[&OPEN_LOCK]).map_err(unreachable)?;

        let pool = r2d2::Pool::builder()
            .max_size(options.pool_size.max(1))
            .min_idle(Some(0))
            .connection_timeout(options.connect_timeout)
            .error_handler(Box::new(LogPoolErrors { target: target.clone() }))
            .build_unchecked(Manager { inner: PostgresConnectionManager::new(config, tls) });
        Ok(Self { pool, target, _open: std::sync::Mutex::new(first) })
    }

    /// The server and database this store uses, without the password.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The schema version now in the database.
    pub fn schema_version(&self) -> Result<usize, Error> {
        let v: i32 = self.conn()?.query_one("SELECT version FROM gatehouse_schema", &[])?.try_get(0)?;
        Ok(v as usize)
    }

    /// A connection from the pool; a server that cannot be reached within the connect timeout
    /// is a storage error (the wizard's `SSPR 5019`).
    fn conn(&self) -> Result<r2d2::PooledConnection<Manager>, Error> {
        self.pool.get().map_err(|e| Error::Storage(format!("cannot reach the account store at {}: {e}", self.target)))
    }

    /// Runs `f` in one transaction and commits it; a deadlock or serialization failure rolls
    /// back and runs `f` again, a few times. Any other failure rolls back.
    fn write<T>(&self, mut f: impl FnMut(&mut Transaction<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let mut conn = self.conn()?;
        let mut attempt = 0;
        loop {
            let result = conn.transaction().map_err(Error::from).and_then(|mut tx| {
                let out = f(&mut tx)?;
                tx.commit()?;
                Ok(out)
            });
            match result {
                Err(Error::Busy) if attempt < WRITE_RETRIES => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(10 << attempt));
                }
                other => return other,
            }
        }
    }

    /// The account `sql` (one of [`ACCOUNT_BY_LOGIN`], [`ACCOUNT_BY_ID`]) finds: on every
    /// sign-in's path, so prepared once per connection and then one round trip.
    fn account_where(&self, sql: &'static str, param: &(dyn ToSql + Sync), ty: Type) -> Result<Option<Account>, Error> {
        let rows = self.conn()?.query_prepared(sql, &[ty], &[param])?;
        rows.first().map(rows::account).transpose()
    }
}

/// Logs what the pool meets while opening connections in the background (never the password:
/// the driver's errors do not carry it).
#[derive(Debug)]
struct LogPoolErrors {
    target: String,
}

impl r2d2::HandleError<::postgres::Error> for LogPoolErrors {
    fn handle_error(&self, error: ::postgres::Error) {
        tracing::warn!(target = %self.target, "account store connection: {}", describe_error(&error));
    }
}

impl rows::Columns for Row {
    type Error = Error;

    fn text(&self, i: usize) -> Result<String, Error> {
        Ok(self.try_get(i)?)
    }

    fn opt_text(&self, i: usize) -> Result<Option<String>, Error> {
        Ok(self.try_get(i)?)
    }

    fn int(&self, i: usize) -> Result<i64, Error> {
        Ok(self.try_get(i)?)
    }

    fn opt_int(&self, i: usize) -> Result<Option<i64>, Error> {
        Ok(self.try_get(i)?)
    }

    fn flag(&self, i: usize) -> Result<bool, Error> {
        Ok(self.try_get(i)?)
    }

    fn bytes(&self, i: usize) -> Result<Vec<u8>, Error> {
        Ok(self.try_get(i)?)
    }

    fn invalid(&self, i: usize, what: &str) -> Error {
        Error::Storage(format!("invalid {what} in column {i}"))
    }
}

impl From<::postgres::Error> for Error {
    fn from(e: ::postgres::Error) -> Self {
        let code = e.code();
        if code == Some(&SqlState::T_R_DEADLOCK_DETECTED) || code == Some(&SqlState::T_R_SERIALIZATION_FAILURE) {
            Self::Busy
        } else {
            Self::Storage(describe_error(&e))
        }
    }
}

/// The driver's error said plainly: the states an operator meets (server restarting, too many
/// connections, a timeout) in words, the others with their SQLSTATE.
fn describe_error(e: &::postgres::Error) -> String {
    let Some(db) = e.as_db_error() else {
        if e.is_closed() {
            return "the connection to the database server was closed (did it restart?)".into();
        }
        // A backend ended under it (a restart) may reset the socket before its last message is read.
        if std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>()) {
            return format!("the connection to the database server was lost (did it restart?): {e}");
        }
        return e.to_string();
    };
    let code = db.code();
    let what = if *code == SqlState::ADMIN_SHUTDOWN || *code == SqlState::CRASH_SHUTDOWN {
        "the database server is shutting down or restarting"
    } else if *code == SqlState::CANNOT_CONNECT_NOW {
        "the database server is starting up or shutting down"
    } else if *code == SqlState::TOO_MANY_CONNECTIONS {
        "the database server has too many connections"
    } else if *code == SqlState::QUERY_CANCELED {
        "the database did not answer in time (statement timeout)"
    } else if *code == SqlState::IDLE_IN_TRANSACTION_SESSION_TIMEOUT {
        "a transaction stayed idle too long and the server ended it"
    } else if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
        "the database refused the user name or password"
    } else {
        return format!("{} (SQLSTATE {})", db.message(), code.code());
    };
    format!("{what}: {} (SQLSTATE {})", db.message(), code.code())
}

/// True when `e` is a unique-constraint violation (a login ID or a serial taken).
fn is_unique_violation(e: &::postgres::Error) -> bool {
    e.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

/// `postgres://user@host:port/dbname` of a configuration: never the password.
fn describe(config: &::postgres::Config) -> String {
    use ::postgres::config::Host;
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let port = config.get_ports().get(i).or(config.get_ports().first()).copied().unwrap_or(5432);
            match h {
                Host::Tcp(name) => format!("{name}:{port}"),
                #[cfg(unix)]
                Host::Unix(path) => format!("{}:{port}", path.display()),
            }
        })
        .collect();
    let user = config.get_user().map(|u| format!("{u}@")).unwrap_or_default();
    format!("postgres://{user}{}/{}", hosts.join(","), config.get_dbname().unwrap_or(""))
}

/// Decides how to reach the server and sets `sslmode` accordingly: no TLS over a Unix socket
/// (the kernel carries the bytes) or on loopback when the URL says `sslmode=disable`; TLS
/// required otherwise — never "prefer", which a machine in the middle could downgrade.
fn tls_for(config: &mut ::postgres::Config, root_file: Option<&str>) -> Result<MakeRustlsConnect, Error> {
    use ::postgres::config::{Host, SslMode};
    let hosts = config.get_hosts();
    #[cfg(unix)]
    let sockets_only = !hosts.is_empty() && hosts.iter().all(|h| matches!(h, Host::Unix(_)));
    #[cfg(not(unix))]
    let sockets_only = false;
    let loopback = !hosts.is_empty()
        && hosts.iter().all(|h| match h {
            Host::Tcp(name) => name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|a| a.is_loopback()),
            #[cfg(unix)]
            Host::Unix(_) => true,
        })
        && config.get_hostaddrs().iter().all(|a| a.is_loopback());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("TLS to the database: {e}")))?;
    if sockets_only || config.get_ssl_mode() == SslMode::Disable {
        if !sockets_only && !loopback {
            return Err(Error::Config(
                "sslmode=disable is accepted only for a Unix socket or a loopback address: the account store \
                 carries password hashes and must be reached over TLS"
                    .into(),
            ));
        }
        config.ssl_mode(SslMode::Disable);
        // Never used with sslmode=disable; the pool's type is the same either way.
        let unused = builder.with_root_certificates(rustls::RootCertStore::empty()).with_no_client_auth();
        return Ok(MakeRustlsConnect::new(unused));
    }
    config.ssl_mode(SslMode::Require);
    let roots = trust_roots(root_file)?;
    Ok(MakeRustlsConnect::new(builder.with_root_certificates(roots).with_no_client_auth()))
}

/// The CA certificates the server's certificate must chain to: those of `sslrootcert=` when
/// given, else the system's.
fn trust_roots(root_file: Option<&str>) -> Result<rustls::RootCertStore, Error> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore::empty();
    let certs: Vec<CertificateDer<'static>> = match root_file {
        Some(path) => CertificateDer::pem_file_iter(path)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .map_err(|e| Error::Config(format!("sslrootcert {path}: {e}")))?,
        None => rustls_native_certs::load_native_certs().certs,
    };
    let (added, _ignored) = roots.add_parsable_certificates(certs);
    if added == 0 {
        let whence = root_file.unwrap_or("the system's certificate store");
        return Err(Error::Config(format!(
            "no usable CA certificate in {whence} to check the database server's certificate"
        )));
    }
    Ok(roots)
}

/// Removes `key=value` from a URL's query or a `key=value` connection string, returning the
/// rest and the (percent-decoded) value: the driver does not know `sslrootcert`.
fn take_param(url: &str, key: &str) -> (String, Option<String>) {
    let prefix = format!("{key}=");
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let Some((base, query)) = url.split_once('?') else {
            return (url.to_owned(), None);
        };
        let mut value = None;
        let kept: Vec<&str> = query
            .split('&')
            .filter(|p| match p.strip_prefix(&prefix) {
                Some(v) => {
                    value = Some(percent_decode(v));
                    false
                }
                None => true,
            })
            .collect();
        let rest = if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) };
        (rest, value)
    } else {
        let mut value = None;
        let kept: Vec<&str> = url
            .split_whitespace()
            .filter(|p| match p.strip_prefix(&prefix) {
                Some(v) => {
                    value = Some(v.trim_matches('\'').to_owned());
                    false
                }
                None => true,
            })
            .collect();
        (kept.join(" "), value)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).and_then(|&b| hex(b)), bytes.get(i + 2).and_then(|&b| hex(b))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The password written in a URL (`://user:password@`) or a `password=` parameter, to scrub from
/// any message that might echo the text it was read from.
fn password_in(url: &str) -> Option<String> {
    if let Some(rest) = url.split_once("://").map(|(_, r)| r) {
        let authority = rest.split(['/', '?']).next().unwrap_or("");
        if let Some((userinfo, _)) = authority.rsplit_once('@') {
            if let Some((_, pw)) = userinfo.split_once(':') {
                return Some(pw.to_owned());
            }
        }
    }
    url.split(['&', '?', ' ']).find_map(|p| p.strip_prefix("password=")).map(|p| p.trim_matches('\'').to_owned())
}

fn redact(message: String, secret: Option<&str>) -> String {
    match secret {
        Some(s) if !s.is_empty() => message.replace(s, "<redacted>").replace(&percent_decode(s), "<redacted>"),
        _ => message,
    }
}

/// A built query's parameters for the driver.
fn params_of(query: &query::Query) -> Vec<&(dyn ToSql + Sync)> {
    query
        .args
        .iter()
        .map(|p| match p {
            query::Param::Int(n) => n as &(dyn ToSql + Sync),
            query::Param::Text(s) => s as &(dyn ToSql + Sync),
        })
        .collect()
}

/// PostgreSQL text cannot hold NUL, so no stored value contains it: a search for text with a NUL
/// finds nothing (SQLite answers the same), instead of the server refusing the parameter.
fn holds_nul(s: &str) -> bool {
    s.contains('\0')
}

fn insert_audit(tx: &mut impl GenericClient, r: &AuditRecord) -> Result<(), Error> {
    tx.execute(
        "INSERT INTO audit (at, actor, subject, event, outcome, machine, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[&r.at, &r.actor, &r.subject, &r.event.as_str(), &r.outcome.as_str(), &r.machine, &r.detail],
    )?;
    Ok(())
}

/// Increments a counter in SQL, never past `threshold`; at the threshold raises the flag and
/// appends `raise_audit` as well (as SQLite's `count_failure`).
fn count_failure(
    tx: &mut Transaction<'_>,
    id: AccountId,
    counter: Counter,
    threshold: u32,
    now: Timestamp,
    audit: &AuditRecord,
    raise_audit: &AuditRecord,
) -> Result<FailureOutcome, Error> {
    let (column, flag) = counter.columns();
    // The `WHERE` holds the rule: a concurrent failure waits for this row's lock, and PostgreSQL
    // re-checks `column < threshold` on the row this one wrote, so the count never passes the
    // threshold and exactly one failure finds it reached (the lockout race of issue 6).
    let counted = if counter.taken_first() {
        // The try its check took becomes a failure: the total never passes the threshold.
        let pending = counter.pending();
        let sql = format!(
            "UPDATE accounts SET {column} = {column} + 1, {pending} = greatest({pending} - 1, 0) WHERE id = $1 \
             RETURNING {column}, {flag}"
        );
        tx.query_opt(&sql, &[&id.0])?
    } else {
        let sql = format!(
            "UPDATE accounts SET {column} = {column} + 1 WHERE id = $1 AND {column} < $2 RETURNING {column}, {flag}"
        );
        tx.query_opt(&sql, &[&id.0, &i64::from(threshold)])?
    };
    let Some(row) = counted else {
        let failures: i64 = tx
            .query_opt(&format!("SELECT {column} FROM accounts WHERE id = $1"), &[&id.0])?
            .ok_or_else(|| Error::NotFound(format!("#{}", id.0)))?
            .try_get(0)?;
        insert_audit(tx, &rows::already_locked(audit))?;
        return Ok(FailureOutcome { failures: failures as u32, newly_locked: false, locked: true });
    };
    let failures = row.try_get::<_, i64>(0)? as u32;
    let was_raised: bool = row.try_get(1)?;
    insert_audit(tx, audit)?;
    let newly_locked = !was_raised && failures >= threshold;
    if newly_locked {
        match counter {
            Counter::Answers => tx.execute("UPDATE accounts SET sspr_blocked = TRUE WHERE id = $1", &[&id.0])?,
            _ => tx.execute("UPDATE accounts SET locked_at = $2 WHERE id = $1", &[&id.0, &now])?,
        };
        insert_audit(tx, raise_audit)?;
    }
    Ok(FailureOutcome { failures, newly_locked, locked: was_raised || newly_locked })
}

#[cfg(test)]
mod tests;

/// A process stopped in the middle of a check (killed, its machine lost) leaves its try taken
/// (`take_try`): forgotten when a process opens the database while no other has it open (the
/// others' checks under way keep theirs), so that such tries never add up. How many accounts
/// had some.
fn forget_checks_left_under_way(client: &mut ::postgres::Client) -> Result<u64, ::postgres::Error> {
    let any: bool = client
        .query_one("SELECT EXISTS (SELECT 1 FROM accounts WHERE pending_totp > 0 OR pending_answers > 0)", &[])?
        .get(0);
    if !any {
        return Ok(0);
    }
    // A process that has just ended may hold its lock a moment longer (until PostgreSQL sees
    // its connection closed).
    for _ in 0..10 {
        if client.query_one("SELECT pg_try_advisory_lock($1)", &[&OPEN_LOCK])?.get::<_, bool>(0) {
            let forgot = client.execute(
                "UPDATE accounts SET pending_totp = 0, pending_answers = 0 WHERE pending_totp > 0 OR pending_answers > 0",
                &[],
            );
            client.execute("SELECT pg_advisory_unlock($1)", &[&OPEN_LOCK])?;
            return forgot;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    tracing::debug!("the database is open elsewhere: the checks under way there keep their tries");
    Ok(0)
}
