//! Moving a school from one store to another (`gatehouse-cli migrate`), typically a laptop's
//! SQLite file into the school's PostgreSQL: every account, hash, answer, authenticator, token,
//! transfer and audit record, with the 2FA secrets re-sealed under the destination's data key,
//! in one transaction, checked table by table afterwards.

use crate::engine::Engine;
use crate::error::Error;
use crate::store::dump::{Table, Value, LEFT_BEHIND, TABLES};
use crate::text::Text;
use crate::types::AccountId;
use crate::vault::Vault;

/// Meta rows that describe a store's own data key: the destination keeps its own.
const KEY_META: &[&str] = &["data_key_id", "data_key_check"];

/// One table's rows in the source and, after the copy, in the destination.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableCount {
    pub table: &'static str,
    pub source: u64,
    pub destination: u64,
}

/// What a copy did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub tables: Vec<TableCount>,
    /// Secrets opened with the source's key and sealed with the destination's.
    pub resealed: usize,
    /// Rows of the source that are not copied ([`LEFT_BEHIND`]), by table; only those with rows.
    pub left_behind: Vec<LeftBehind>,
}

/// Rows of one table the copy did not take.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LeftBehind {
    pub table: &'static str,
    pub rows: u64,
}

/// Copies everything in `source`'s store into `destination`'s. A destination holding accounts
/// or audit records is refused unless `force` (then a key or login ID present in both fails
/// the whole copy; nothing is written).
pub fn copy(source: &Engine, destination: &Engine, force: bool) -> Result<Report, Error> {
    let before = counts(destination)?;
    if !force && before.iter().any(|(_, n)| *n > 0) {
        return Err(Error::Refused(Text::new("migrate-destination-not-empty")));
    }
    let mut tables = source.store().dump_tables(TABLES)?;
    let holds = |name: &str| tables.iter().any(|t| t.name == name && !t.rows.is_empty());
    if !holds("accounts") && !holds("audit") {
        // A mistyped source is an empty one: copying it would report every table matching.
        return Err(Error::Refused(Text::new("migrate-source-empty")));
    }
    for t in &mut tables {
        drop_key_meta(t);
    }
    let sealed = |t: &Table| !t.rows.is_empty() && matches!(t.name, "authenticators" | "hardware_tokens");
    let resealed = if tables.iter().any(sealed) {
        let (from, to) = (source.vault()?, destination.vault()?);
        tables.iter_mut().map(|t| reseal(t, &from, &to)).sum::<Result<usize, Error>>()?
    } else {
        0
    };
    let highest = source.store().highest_account_id()?;
    destination.store().load_tables(&tables, highest).map_err(|e| match e {
        // Forced into a non-empty destination, a key or login ID present in both stops it.
        Error::Storage(detail) | Error::Conflict(detail) if force => {
            Error::Refused(Text::new("migrate-clash").arg("detail", detail))
        }
        other => other,
    })?;
    let after = counts(destination)?;
    let report = Report {
        tables: tables
            .iter()
            .zip(after.iter().zip(before.iter()))
            .map(|(t, ((name, now), (_, was)))| TableCount {
                table: name,
                source: t.rows.len() as u64,
                destination: now - was,
            })
            .collect(),
        resealed,
        left_behind: left_behind(source)?,
    };
    if let Some(bad) = report.tables.iter().find(|c| c.source != c.destination) {
        return Err(Error::Internal(format!(
            "after the copy {} holds {} rows where the source has {}",
            bad.table, bad.destination, bad.source
        )));
    }
    Ok(report)
}

/// The source's rows of the tables a copy does not take, for those that have any.
fn left_behind(source: &Engine) -> Result<Vec<LeftBehind>, Error> {
    let mut left = Vec::new();
    for table in LEFT_BEHIND {
        let rows = source.store().count_rows(table)?;
        if rows > 0 {
            left.push(LeftBehind { table, rows });
        }
    }
    Ok(left)
}

/// Rows per table, leaving out the store's own data-key rows.
fn counts(engine: &Engine) -> Result<Vec<(&'static str, u64)>, Error> {
    let store = engine.store();
    TABLES
        .iter()
        .map(|t| {
            let n = match *t {
                "meta" => {
                    let mut meta = store.dump_table(t)?;
                    drop_key_meta(&mut meta);
                    meta.rows.len() as u64
                }
                _ => store.count_rows(t)?,
            };
            Ok((*t, n))
        })
        .collect()
}

fn drop_key_meta(t: &mut Table) {
    if t.name == "meta" {
        let key = t.column("key").unwrap_or(0);
        t.rows.retain(|r| !matches!(&r[key], Value::Text(k) if KEY_META.contains(&k.as_str())));
    }
}

/// What a row's sealed secret is bound to, from the value of its binding column.
type SealContext = fn(&Value) -> Option<Vec<u8>>;

/// Re-seals the secrets of an authenticators or hardware_tokens table; returns how many.
fn reseal(t: &mut Table, from: &Vault, to: &Vault) -> Result<usize, Error> {
    let (bound_to, context): (&str, SealContext) = match t.name {
        "authenticators" => ("account_id", |v| match v {
            Value::Int(id) => Some(crate::twofactor::authenticator_context(AccountId(*id))),
            _ => None,
        }),
        "hardware_tokens" => ("serial", |v| match v {
            Value::Text(serial) => Some(crate::twofactor::hardware_token_context(serial)),
            _ => None,
        }),
        _ => return Ok(0),
    };
    let missing = |c: &str| Error::Internal(format!("{} has no {c} column", t.name));
    let key = t.column(bound_to).ok_or_else(|| missing(bound_to))?;
    let secret = t.column("secret_sealed").ok_or_else(|| missing("secret_sealed"))?;
    for row in &mut t.rows {
        let context =
            context(&row[key]).ok_or_else(|| Error::Storage(format!("a row of {} has no {bound_to}", t.name)))?;
        let Value::Blob(sealed) = &row[secret] else {
            return Err(Error::Storage(format!("a row of {} has no sealed secret", t.name)));
        };
        let plain = from.open(sealed, &context)?;
        row[secret] = Value::Blob(to.seal(&plain, &context));
    }
    Ok(t.rows.len())
}
