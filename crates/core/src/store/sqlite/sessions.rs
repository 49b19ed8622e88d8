//! SQLite: wizard sessions a server holds between requests.

use super::rows::SESSION_COLUMNS;
use super::*;

impl SessionStore for SqliteStore {
    fn create_session(
        &self,
        token_hash: &TokenHash,
        kind: SessionKind,
        device: Option<DeviceId>,
        sealed: &[u8],
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), Error> {
        self.write(|tx| {
            let res = tx.execute(
                "INSERT INTO sessions (token_hash, kind, sealed, version, created_at, last_used_at, expires_at, device_id) \
                 VALUES (?1, ?2, ?3, 1, ?4, ?4, ?5, ?6)",
                params![&token_hash.0[..], kind.as_str(), sealed, now, expires_at, device.map(|d| d.0)],
            );
            match res {
                Ok(_) => Ok(()),
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    Err(Error::Internal("a new session's token hash is already in use".into()))
                }
                Err(e) => Err(e.into()),
            }
        })
    }

    fn session(&self, token_hash: &TokenHash, now: Timestamp) -> Result<Option<StoredSession>, Error> {
        let conn = self.lock();
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE token_hash = ?1 AND expires_at > ?2");
        Ok(conn.query_row(&sql, params![&token_hash.0[..], now], |r| rows::session(r)).optional()?)
    }

    fn save_session(
        &self,
        token_hash: &TokenHash,
        version: i64,
        sealed: &[u8],
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<i64, Error> {
        self.write(|tx| {
            // The version in the WHERE: of two requests that read the same version, one writes.
            let saved = tx
                .query_row(
                    "UPDATE sessions SET sealed = ?3, version = version + 1, last_used_at = ?4, expires_at = ?5 \
                     WHERE token_hash = ?1 AND version = ?2 RETURNING version",
                    params![&token_hash.0[..], version, sealed, now, expires_at],
                    |r| r.get(0),
                )
                .optional()?;
            saved.ok_or(Error::SessionChanged)
        })
    }

    fn delete_session(&self, token_hash: &TokenHash) -> Result<bool, Error> {
        self.write(|tx| Ok(tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [&token_hash.0[..]])? == 1))
    }

    fn purge_expired_sessions(&self, now: Timestamp) -> Result<u64, Error> {
        self.write(|tx| Ok(tx.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])? as u64))
    }
}
