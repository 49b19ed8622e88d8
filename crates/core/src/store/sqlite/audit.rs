//! SQLite: the append-only audit log.

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
        let query = query::audit(q, visible, &query::SQLITE);
        let conn = self.lock();
        let mut stmt = conn.prepare(&query.sql)?;
        let rows = stmt.query_map(params_of(&query), |r| rows::audit_entry(r))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
