//! PostgreSQL: the append-only audit log (the database refuses changes: see `schema.rs`).

use super::rows::AUDIT_SELECT;
use super::*;

impl AuditStore for PgStore {
    fn append_audit(&self, record: &AuditRecord) -> Result<(), Error> {
        self.write(|tx| insert_audit(tx, record))
    }

    fn audit(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>, Error> {
        self.audit_where(q, None)
    }

    fn audit_visible(&self, q: &AuditQuery, visible: &AuditVisibility) -> Result<Vec<AuditEntry>, Error> {
        self.audit_where(q, Some(visible))
    }
}

impl PgStore {
    fn audit_where(&self, q: &AuditQuery, visible: Option<&AuditVisibility>) -> Result<Vec<AuditEntry>, Error> {
        let filters = [&q.actor, &q.subject, &q.event, &q.outcome];
        if filters.iter().any(|f| f.as_deref().is_some_and(holds_nul)) {
            return Ok(Vec::new());
        }
        let mut sql = String::from(AUDIT_SELECT);
        let mut args: Vec<Box<dyn ToSql + Sync>> = Vec::new();
        let mut push = |cond: &str, v: Box<dyn ToSql + Sync>, sql: &mut String| {
            args.push(v);
            *sql += &format!(" AND {cond} ${}", args.len());
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
        // SQLite's lower() folds ASCII letters only; so does gatehouse_ascii_lower.
        if let Some(s) = &q.subject {
            push("gatehouse_ascii_lower(subject) =", Box::new(s.to_lowercase()), &mut sql);
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
                sql += &format!(" AND actor = ${actor}");
            } else {
                args.push(Box::new(v.location.as_str().to_owned()));
                let location = args.len();
                let kinds: Vec<&str> = v.kinds.iter().map(|k| k.as_str()).collect();
                args.push(Box::new(kinds.iter().map(|k| k.to_string()).collect::<Vec<String>>()));
                let kinds = args.len();
                sql += &format!(
                    " AND (actor = ${actor} OR gatehouse_ascii_lower(subject) IN \
                     (SELECT login_key FROM accounts WHERE location = ${location} AND kind = ANY (${kinds})))"
                );
            }
        }
        sql += " ORDER BY id DESC";
        if q.limit > 0 {
            sql += &format!(" LIMIT {} OFFSET {}", q.limit, q.offset);
        }
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|b| b.as_ref()).collect();
        self.conn()?.query(&sql, &params)?.iter().map(rows::audit_entry).collect()
    }
}
