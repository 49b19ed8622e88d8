//! PostgreSQL: registered machines and their enrolment codes.

use super::rows::DEVICE_COLUMNS;
use super::*;

impl DeviceStore for PgStore {
    fn add_enrolment_code(&self, code: &NewEnrolmentCode, now: Timestamp, audit: &AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO enrolment_codes (code_hash, uses_left, expires_at, created_by, created_at, kiosk) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[&&code.code_hash[..], &(code.uses as i32), &code.expires_at, &code.created_by, &now, &code.kiosk],
            )?;
            insert_audit(tx, audit)
        })
    }

    fn enrol_device(
        &self,
        device: &NewDevice<'_>,
        now: Timestamp,
        audit: &AuditRecord,
    ) -> Result<Option<Device>, Error> {
        self.write(|tx| {
            // Spend one use in the UPDATE itself: two machines with the last use get one each
            // (the second waits for the row's lock and re-checks `uses_left > 0`).
            let spent = tx.query_opt(
                "UPDATE enrolment_codes SET uses_left = uses_left - 1 \
                 WHERE code_hash = $1 AND uses_left > 0 AND expires_at > $2 AND kiosk = $3 RETURNING created_by",
                &[&&device.code_hash[..], &now, &device.kiosk],
            )?;
            let Some(spent) = spent else { return Ok(None) };
            let enrolled_by: String = spent.try_get(0)?;
            let inserted = tx.query_one(
                &format!(
                    "INSERT INTO devices (name, kiosk, credential_hash, created_at, enrolled_by) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING {DEVICE_COLUMNS}"
                ),
                &[&device.name, &device.kiosk, &&device.credential_hash[..], &now, &enrolled_by],
            );
            let added = match inserted {
                Ok(row) => rows::device(&row)?,
                Err(e) if is_unique_violation(&e) => return Err(Error::Conflict(device.name.to_owned())),
                Err(e) => return Err(e.into()),
            };
            insert_audit(tx, audit)?;
            Ok(Some(added))
        })
    }

    fn device_by_credential(&self, credential_hash: &SecretHash) -> Result<Option<Device>, Error> {
        let sql = format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE credential_hash = $1");
        self.conn()?.query_opt(&sql, &[&&credential_hash[..]])?.map(|r| rows::device(&r)).transpose()
    }

    fn list_devices(&self) -> Result<Vec<Device>, Error> {
        let sql = format!("SELECT {DEVICE_COLUMNS} FROM devices ORDER BY lower(name)");
        self.conn()?.query(&sql, &[])?.iter().map(rows::device).collect()
    }

    fn revoke_device(&self, name: &str, now: Timestamp, audit: &AuditRecord) -> Result<Option<Device>, Error> {
        if holds_nul(name) {
            return Ok(None);
        }
        self.write(|tx| {
            let revoked = tx.query_opt(
                &format!(
                    "UPDATE devices SET revoked_at = coalesce(revoked_at, $2) \
                     WHERE lower(name) = lower($1) RETURNING {DEVICE_COLUMNS}"
                ),
                &[&name, &now],
            )?;
            let revoked = revoked.map(|r| rows::device(&r)).transpose()?;
            if let Some(device) = &revoked {
                tx.execute("DELETE FROM sessions WHERE device_id = $1", &[&device.id.0])?;
                insert_audit(tx, audit)?;
            }
            Ok(revoked)
        })
    }
}
