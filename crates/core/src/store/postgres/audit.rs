//! PostgreSQL: the append-only audit log (the database refuses changes: see `schema.rs`).

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
        let query = query::audit(q, visible, &query::POSTGRES);
        self.conn()?.query(&query.sql, &params_of(&query))?.iter().map(rows::audit_entry).collect()
    }
}
