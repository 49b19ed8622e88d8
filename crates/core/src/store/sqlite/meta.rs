//! SQLite: per-install values: the install secret and non-secret settings such as the data key's name.

use super::*;

impl MetaStore for SqliteStore {
    fn install_secret(&self) -> Result<[u8; 32], Error> {
        self.write(|tx| {
            let existing: Option<Vec<u8>> =
                tx.query_row("SELECT value FROM meta WHERE key = 'install_secret'", [], |r| r.get(0)).optional()?;
            if let Some(v) = existing {
                return v.try_into().map_err(|_| Error::Storage("meta.install_secret has the wrong length".into()));
            }
            let mut secret = [0u8; 32];
            OsRng.fill_bytes(&mut secret);
            tx.execute("INSERT INTO meta (key, value) VALUES ('install_secret', ?1)", [&secret[..]])?;
            Ok(secret)
        })
    }

    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
        let conn = self.lock();
        Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    fn meta_init(&self, key: &str, value: &[u8]) -> Result<Vec<u8>, Error> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
                params![key, value],
            )?;
            Ok(tx.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))?)
        })
    }
}
