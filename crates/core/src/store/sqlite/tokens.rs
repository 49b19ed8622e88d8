//! SQLite: the school's stock of hardware OATH tokens.

use super::rows::HARDWARE_TOKEN_SELECT;
use super::*;

impl TokenStore for SqliteStore {
    fn import_hardware_tokens(&self, tokens: &[HardwareToken], audit: AuditRecord) -> Result<usize, Error> {
        self.write(|tx| {
            for t in tokens {
                let res = tx.execute(
                    "INSERT INTO hardware_tokens (serial, secret_sealed, kind, algorithm, digits, period, counter, imported_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        t.serial,
                        t.secret_sealed,
                        if t.hotp { "hotp" } else { "totp" },
                        t.params.algorithm.as_str(),
                        t.params.digits,
                        t.params.period as i64,
                        t.counter as i64,
                        t.imported_at
                    ],
                );
                match res {
                    Ok(_) => {}
                    Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                        return Err(Error::Conflict(format!("token serial {}", t.serial)));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            insert_audit(tx, &audit)?;
            Ok(tokens.len())
        })
    }

    fn hardware_token(&self, serial: &str) -> Result<Option<HardwareToken>, Error> {
        Ok(self.hardware_tokens_where("WHERE h.serial = ?1", Some(serial))?.pop())
    }

    fn hardware_tokens(&self) -> Result<Vec<HardwareToken>, Error> {
        self.hardware_tokens_where("", None)
    }

    fn spend_token_try(&self, serial: &str, limit: u32) -> Result<Option<u32>, Error> {
        self.write(|tx| {
            // Counted before the code is checked, in SQL and never past the limit, so two kiosks
            // guessing one serial together get no more than `limit` checks between them.
            Ok(tx
                .query_row(
                    "UPDATE hardware_tokens SET failed_codes = failed_codes + 1 \
                     WHERE serial = ?1 AND failed_codes < ?2 RETURNING failed_codes",
                    params![serial, limit],
                    |r| r.get(0),
                )
                .optional()?)
        })
    }

    fn free_hardware_token(&self, serial: &str, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute("UPDATE hardware_tokens SET failed_codes = 0 WHERE serial = ?1", [serial])?;
            if n != 1 {
                return Err(Error::NotFound(format!("hardware token {serial}")));
            }
            insert_audit(tx, &audit)
        })
    }

    fn set_hardware_counter(&self, serial: &str, counter: u64) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute(
                "UPDATE hardware_tokens SET counter = MAX(counter, ?2) WHERE serial = ?1",
                params![serial, counter as i64],
            )?;
            Ok(())
        })
    }
}

impl SqliteStore {
    fn hardware_tokens_where(&self, clause: &str, serial: Option<&str>) -> Result<Vec<HardwareToken>, Error> {
        let conn = self.lock();
        let sql = format!("{HARDWARE_TOKEN_SELECT} {clause} ORDER BY h.serial");
        let mut stmt = conn.prepare(&sql)?;
        let map = |r: &Row<'_>| rows::hardware_token(r);
        let rows = match serial {
            Some(s) => stmt.query_map([s], map)?.collect::<Result<Vec<_>, _>>()?,
            None => stmt.query_map([], map)?.collect::<Result<Vec<_>, _>>()?,
        };
        Ok(rows)
    }
}
