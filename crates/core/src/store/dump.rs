//! Copying a whole store to another backend (`gatehouse-cli migrate`): every table as rows of
//! plain values, in an order that loads parents before children. Both backends keep the same
//! tables and columns, so a dump of one loads into the other.

use crate::error::Error;

/// The tables a copy carries, parents first. `email_otps` is left out: a live code is keyed
/// by the source's data key and lives minutes; the person asks for a new one. So is `sessions`:
/// a wizard session is sealed with the source's data key, bound to a token only its client
/// holds, and idles out in minutes; after a move people sign in again.
pub const TABLES: &[&str] = &[
    "accounts",
    "answers",
    "login_failures",
    "meta",
    "authenticators",
    "recovery_codes",
    "hardware_tokens",
    "transfers",
    "sspr_decoys",
    "audit",
];

/// What a copy leaves behind, counted so that the operator is told: live email codes (sealed
/// under the source's key, minutes long: a person asks for a new one), open sessions (people
/// sign in again), registered machines and their enrolment codes (each machine registers with
/// the destination's server).
pub const LEFT_BEHIND: &[&str] = &["email_otps", "sessions", "devices", "enrolment_codes"];

/// `table` as one of [`TABLES`] (a backend builds SQL with the name: never one from elsewhere).
pub(super) fn known(table: &str) -> Result<&'static str, Error> {
    TABLES.iter().copied().find(|t| *t == table).ok_or_else(|| Error::Internal(format!("unknown table {table}")))
}

/// One of [`TABLES`] or [`LEFT_BEHIND`]: rows that may be counted.
pub(super) fn countable(table: &str) -> Result<&'static str, Error> {
    LEFT_BEHIND.iter().copied().find(|t| *t == table).map_or_else(|| known(table), Ok)
}

/// One column's value, as both backends can read and write it.
#[derive(Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
}

impl std::fmt::Debug for Value {
    /// Blobs (sealed secrets, MACs) print as their length only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Null => f.write_str("NULL"),
            Self::Int(i) => write!(f, "{i}"),
            Self::Text(_) => f.write_str("text"),
            Self::Blob(b) => write!(f, "blob({} bytes)", b.len()),
        }
    }
}

/// A table's rows, each with its values in `columns` order.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// The position of `column`.
    pub fn column(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == column)
    }
}

/// What a backend does for a copy.
pub trait DumpStore {
    /// Every row of `table` (one of [`TABLES`]), ordered by its key.
    fn dump_table(&self, table: &'static str) -> Result<Table, Error> {
        let mut one = self.dump_tables(&[table])?;
        one.pop().ok_or_else(|| Error::Internal(format!("no dump of {table}")))
    }
    /// Every row of each of `tables`, read in one snapshot: a row written meanwhile is in all
    /// of them or in none (an account's answers never without the account).
    fn dump_tables(&self, tables: &[&'static str]) -> Result<Vec<Table>, Error>;
    /// Inserts every row of `tables` as they are (keys included) in one transaction: all or
    /// nothing. A key or login ID already present fails the whole load. New accounts are then
    /// numbered after `highest_account_id` too (the source's [`DumpStore::highest_account_id`]:
    /// an id a deleted account had is never given again, wherever the school moves).
    fn load_tables(&self, tables: &[Table], highest_account_id: i64) -> Result<(), Error>;
    /// The highest account id this store has ever given (deleted accounts' included).
    fn highest_account_id(&self) -> Result<i64, Error>;
    /// How many rows each of [`TABLES`] holds, in that order.
    fn table_counts(&self) -> Result<Vec<(&'static str, u64)>, Error> {
        TABLES.iter().map(|t| Ok((*t, self.count_rows(t)?))).collect()
    }
    fn count_rows(&self, table: &'static str) -> Result<u64, Error>;
}
