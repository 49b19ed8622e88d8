//! The searches both backends run — the audit log by filter and visibility, accounts by filter —
//! built once: the SQL text in the backend's dialect and its parameters as plain values.

use super::rows::{ACCOUNT_COLUMNS, AUDIT_SELECT};
use super::{AccountFilter, AuditVisibility};
use crate::audit::AuditQuery;

/// What differs between the backends' SQL here.
pub(super) struct Dialect {
    /// The `n`th parameter's placeholder (1-based).
    mark: fn(usize) -> String,
    /// A function that folds ASCII letters only, as SQLite's `lower()` does.
    lower: &'static str,
}

fn question_mark(n: usize) -> String {
    format!("?{n}")
}

#[cfg(feature = "postgres")]
fn dollar(n: usize) -> String {
    format!("${n}")
}

pub(super) const SQLITE: Dialect = Dialect { mark: question_mark, lower: "lower" };
#[cfg(feature = "postgres")]
pub(super) const POSTGRES: Dialect = Dialect { mark: dollar, lower: "gatehouse_ascii_lower" };

/// A parameter of a built query.
pub(super) enum Param {
    Int(i64),
    Text(String),
}

/// SQL text and its parameters, in order.
pub(super) struct Query {
    pub(super) sql: String,
    pub(super) args: Vec<Param>,
    dialect: &'static Dialect,
}

impl Query {
    fn new(sql: String, dialect: &'static Dialect) -> Self {
        Self { sql, args: Vec::new(), dialect }
    }

    /// Adds `p` and returns its placeholder.
    fn bind(&mut self, p: Param) -> String {
        self.args.push(p);
        (self.dialect.mark)(self.args.len())
    }

    /// Appends ` AND {condition} {placeholder}`.
    fn and(&mut self, condition: &str, p: Param) {
        let mark = self.bind(p);
        self.sql += &format!(" AND {condition} {mark}");
    }
}

/// The audit log, newest first, filtered by `q` and limited to what `visible` allows.
pub(super) fn audit(q: &AuditQuery, visible: Option<&AuditVisibility>, dialect: &'static Dialect) -> Query {
    let lower = dialect.lower;
    let mut query = Query::new(AUDIT_SELECT.to_owned(), dialect);
    if let Some(t) = q.since {
        query.and("at >=", Param::Int(t));
    }
    if let Some(t) = q.until {
        query.and("at <", Param::Int(t));
    }
    if let Some(a) = &q.actor {
        query.and("actor =", Param::Text(a.clone()));
    }
    if let Some(s) = &q.subject {
        query.and(&format!("{lower}(subject) ="), Param::Text(s.to_lowercase()));
    }
    if let Some(e) = &q.event {
        query.and("event =", Param::Text(e.clone()));
    }
    if let Some(o) = &q.outcome {
        query.and("outcome =", Param::Text(o.clone()));
    }
    if let Some(v) = visible {
        let actor = query.bind(Param::Text(v.actor.clone()));
        let key = query.bind(Param::Text(v.actor.to_ascii_lowercase()));
        // Their own actions since their own account was made: not those of a deleted account
        // that had the same login ID before (none at all without an account).
        let own = format!(
            "(actor = {actor} AND audit.at >= (SELECT created_at FROM accounts WHERE accounts.login_key = {key}))"
        );
        if v.kinds.is_empty() {
            query.sql += &format!(" AND {own}");
        } else {
            let location = query.bind(Param::Text(v.location.as_str().to_owned()));
            let kinds: Vec<String> = v.kinds.iter().map(|k| query.bind(Param::Text(k.as_str().to_owned()))).collect();
            // The history of an account in scope since it was made (a transferred account's
            // comes with it); not a deleted account's that had the same login ID before.
            query.sql += &format!(
                " AND ({own} OR EXISTS (SELECT 1 FROM accounts WHERE accounts.login_key = {lower}(audit.subject) \
                 AND accounts.location = {location} AND accounts.kind IN ({}) AND audit.at >= accounts.created_at))",
                kinds.join(", ")
            );
        }
    }
    query.sql += " ORDER BY id DESC";
    if q.limit > 0 {
        query.sql += &format!(" LIMIT {} OFFSET {}", q.limit, q.offset);
    }
    query
}

/// Accounts matching `f`, by login ID.
pub(super) fn accounts(f: &AccountFilter, dialect: &'static Dialect) -> Query {
    let lower = dialect.lower;
    let mut query = Query::new(format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE 1 = 1"), dialect);
    if let Some(t) = &f.text {
        // Escape LIKE wildcards so a search for "a_b" means the literal text; both sides in
        // ASCII lower case (SQLite's LIKE ignores ASCII case only).
        let esc = t.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let n = query.bind(Param::Text(format!("%{esc}%")));
        query.sql += &format!(" AND (login_key LIKE {n} ESCAPE '\\' OR {lower}(name) LIKE {n} ESCAPE '\\')");
    }
    if let Some(k) = f.kind {
        query.and("kind =", Param::Text(k.as_str().to_owned()));
    }
    if let Some(l) = f.level {
        query.and("level =", Param::Text(l.as_str().to_owned()));
    }
    if let Some(l) = &f.location {
        query.and("location =", Param::Text(l.as_str().to_owned()));
    }
    if let Some(c) = &f.class {
        query.and(&format!("{lower}(class) ="), Param::Text(c.as_str().to_ascii_lowercase()));
    }
    if let Some(locked) = f.locked {
        query.sql += if locked { " AND locked_at IS NOT NULL" } else { " AND locked_at IS NULL" };
    }
    query.sql += " ORDER BY login_key";
    if f.limit > 0 {
        query.sql += &format!(" LIMIT {}", f.limit);
    }
    query
}
