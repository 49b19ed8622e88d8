//! PostgreSQL: per-install values: the install secret and non-secret settings such as the data
//! key's name.

use ::postgres::types::Type;
use rand::rngs::OsRng;
use rand::RngCore;

use super::*;

impl MetaStore for PgStore {
    fn install_secret(&self) -> Result<[u8; 32], Error> {
        let value = match self.meta("install_secret")? {
            Some(v) => v,
            None => {
                // Two servers starting at once both draw one; the first insert wins, both keep it.
                let mut secret = [0u8; 32];
                OsRng.fill_bytes(&mut secret);
                self.meta_init("install_secret", &secret)?
            }
        };
        value.try_into().map_err(|_| Error::Storage("meta.install_secret has the wrong length".into()))
    }

    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
        // Prepared once per connection: the server's `/readyz` asks this on every probe, one
        // round trip each with nothing parsed or planned.
        let rows = self.conn()?.query_prepared("SELECT value FROM meta WHERE key = $1", &[Type::TEXT], &[&key])?;
        Ok(rows.first().map(|r| r.try_get(0)).transpose()?)
    }

    fn meta_init(&self, key: &str, value: &[u8]) -> Result<Vec<u8>, Error> {
        self.write(|tx| {
            tx.execute("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", &[&key, &value])?;
            Ok(tx.query_one("SELECT value FROM meta WHERE key = $1", &[&key])?.try_get(0)?)
        })
    }
}
