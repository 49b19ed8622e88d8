//! PostgreSQL: the school's stock of hardware OATH tokens.

use super::rows::HARDWARE_TOKEN_SELECT;
use super::*;

impl TokenStore for PgStore {
    fn import_hardware_tokens(&self, tokens: &[HardwareToken], audit: AuditRecord) -> Result<usize, Error> {
        self.write(|tx| {
            let stmt = tx.prepare(
                "INSERT INTO hardware_tokens (serial, secret_sealed, kind, algorithm, digits, period, counter, imported_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )?;
            for t in tokens {
                let res = tx.execute(
                    &stmt,
                    &[
                        &t.serial,
                        &t.secret_sealed,
                        &if t.hotp { "hotp" } else { "totp" },
                        &t.params.algorithm.as_str(),
                        &i64::from(t.params.digits),
                        &(t.params.period as i64),
                        &(t.counter as i64),
                        &t.imported_at,
                    ],
                );
                match res {
                    Ok(_) => {}
                    Err(e) if is_unique_violation(&e) => {
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
        if holds_nul(serial) {
            return Ok(None);
        }
        Ok(self.hardware_tokens_where("WHERE h.serial = $1", &[&serial])?.pop())
    }

    fn hardware_tokens(&self) -> Result<Vec<HardwareToken>, Error> {
        self.hardware_tokens_where("", &[])
    }

    fn spend_token_try(&self, serial: &str, limit: u32) -> Result<Option<u32>, Error> {
        self.write(|tx| {
            // Counted before the code is checked, in SQL and never past the limit, so two kiosks
            // guessing one serial together get no more than `limit` checks between them.
            let row = tx.query_opt(
                "UPDATE hardware_tokens SET failed_codes = failed_codes + 1 \
                 WHERE serial = $1 AND failed_codes < $2 RETURNING failed_codes",
                &[&serial, &i64::from(limit)],
            )?;
            Ok(row.map(|r| r.try_get::<_, i64>(0)).transpose()?.map(|n| n as u32))
        })
    }

    fn free_hardware_token(&self, serial: &str, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute("UPDATE hardware_tokens SET failed_codes = 0 WHERE serial = $1", &[&serial])?;
            if n != 1 {
                return Err(Error::NotFound(format!("hardware token {serial}")));
            }
            insert_audit(tx, &audit)
        })
    }

    fn set_hardware_counter(&self, serial: &str, counter: u64) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute(
                "UPDATE hardware_tokens SET counter = GREATEST(counter, $2) WHERE serial = $1",
                &[&serial, &(counter as i64)],
            )?;
            Ok(())
        })
    }
}

impl PgStore {
    fn hardware_tokens_where(&self, clause: &str, args: Params<'_>) -> Result<Vec<HardwareToken>, Error> {
        let sql = format!("{HARDWARE_TOKEN_SELECT} {clause} ORDER BY h.serial");
        self.conn()?.query(&sql, args)?.iter().map(rows::hardware_token).collect()
    }
}
