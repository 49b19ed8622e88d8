//! SQLite: the append-only audit log.

use super::rows::AUDIT_SELECT;
use super::*;

impl AuditStore for SqliteStore {
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

impl SqliteStore {
    fn audit_where(&self, q: &AuditQuery, visible: Option<&AuditVisibility>) -> Result<Vec<AuditEntry>, Error> {
        let conn = self.lock();
        let mut sql = String::from(AUDIT_SELECT);
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
        let rows =
            stmt.query_map(rusqlite::params_from_iter(args.iter().map(|b| b.as_ref())), |r| rows::audit_entry(r))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
