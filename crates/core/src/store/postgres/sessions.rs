//! PostgreSQL: wizard sessions a server holds between requests; any server of the school
//! continues any session.

use super::rows::SESSION_COLUMNS;
use super::*;

/// A live session by its token's hash (prepared per connection: on every request's path).
static SESSION_BY_TOKEN: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE token_hash = $1 AND expires_at > $2"));

/// Every request of a server reads a session and most save one: single statements (atomic
/// without BEGIN/COMMIT) prepared once per pooled connection, so each is one round trip.
impl SessionStore for PgStore {
    fn create_session(
        &self,
        token_hash: &TokenHash,
        kind: SessionKind,
        device: Option<DeviceId>,
        sealed: &[u8],
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<(), Error> {
        const SQL: &str =
            "INSERT INTO sessions (token_hash, kind, sealed, version, created_at, last_used_at, expires_at, \
             device_id) VALUES ($1, $2, $3, 1, $4, $4, $5, $6)";
        let types = [Type::BYTEA, Type::TEXT, Type::BYTEA, Type::INT8, Type::INT8, Type::INT8];
        let params: [&(dyn ToSql + Sync); 6] =
            [&&token_hash.0[..], &kind.as_str(), &sealed, &now, &expires_at, &device.map(|d| d.0)];
        match self.conn()?.query_prepared(SQL, &types, &params) {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e) => {
                Err(Error::Internal("a new session's token hash is already in use".into()))
            }
            Err(e) => Err(e.into()),
        }
    }

    fn session(&self, token_hash: &TokenHash, now: Timestamp) -> Result<Option<StoredSession>, Error> {
        let rows =
            self.conn()?.query_prepared(&SESSION_BY_TOKEN, &[Type::BYTEA, Type::INT8], &[&&token_hash.0[..], &now])?;
        rows.first().map(rows::session).transpose()
    }

    fn save_session(
        &self,
        token_hash: &TokenHash,
        version: i64,
        sealed: &[u8],
        now: Timestamp,
        expires_at: Timestamp,
    ) -> Result<i64, Error> {
        // The version in the WHERE: a concurrent save waits for this row's lock, then
        // PostgreSQL re-checks `version = $2` on the row this one wrote and finds no match.
        const SQL: &str = "UPDATE sessions SET sealed = $3, version = version + 1, last_used_at = $4, expires_at = $5 \
             WHERE token_hash = $1 AND version = $2 RETURNING version";
        let types = [Type::BYTEA, Type::INT8, Type::BYTEA, Type::INT8, Type::INT8];
        let rows =
            self.conn()?.query_prepared(SQL, &types, &[&&token_hash.0[..], &version, &sealed, &now, &expires_at])?;
        rows.first().map(|r| r.try_get(0)).transpose()?.ok_or(Error::SessionChanged)
    }

    fn delete_session(&self, token_hash: &TokenHash) -> Result<bool, Error> {
        Ok(self.conn()?.execute("DELETE FROM sessions WHERE token_hash = $1", &[&&token_hash.0[..]])? == 1)
    }

    fn purge_expired_sessions(&self, now: Timestamp) -> Result<u64, Error> {
        Ok(self.conn()?.execute("DELETE FROM sessions WHERE expires_at <= $1", &[&now])?)
    }
}
