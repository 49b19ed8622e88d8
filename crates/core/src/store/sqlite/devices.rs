//! SQLite: registered machines and their enrolment codes.

use super::rows::DEVICE_COLUMNS;
use super::*;

impl DeviceStore for SqliteStore {
    fn add_enrolment_code(&self, code: &NewEnrolmentCode, now: Timestamp, audit: &AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO enrolment_codes (code_hash, uses_left, expires_at, created_by, created_at, kiosk) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![&code.code_hash[..], code.uses, code.expires_at, code.created_by, now, code.kiosk],
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
            // Spend one use in the UPDATE itself: two machines with the last use get one each.
            let enrolled_by: Option<String> = tx
                .query_row(
                    "UPDATE enrolment_codes SET uses_left = uses_left - 1 \
                     WHERE code_hash = ?1 AND uses_left > 0 AND expires_at > ?2 AND kiosk = ?3 RETURNING created_by",
                    params![&device.code_hash[..], now, device.kiosk],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(enrolled_by) = enrolled_by else { return Ok(None) };
            let inserted = tx.query_row(
                &format!(
                    "INSERT INTO devices (name, kiosk, credential_hash, created_at, enrolled_by) \
                     VALUES (?1, ?2, ?3, ?4, ?5) RETURNING {DEVICE_COLUMNS}"
                ),
                params![device.name, device.kiosk, &device.credential_hash[..], now, enrolled_by],
                |r| rows::device(r),
            );
            let added = match inserted {
                Ok(d) => d,
                Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    return Err(Error::Conflict(device.name.to_owned()));
                }
                Err(e) => return Err(e.into()),
            };
            insert_audit(tx, audit)?;
            Ok(Some(added))
        })
    }

    fn device_by_credential(&self, credential_hash: &SecretHash) -> Result<Option<Device>, Error> {
        let conn = self.lock();
        let sql = format!("SELECT {DEVICE_COLUMNS} FROM devices WHERE credential_hash = ?1");
        Ok(conn.query_row(&sql, [&credential_hash[..]], |r| rows::device(r)).optional()?)
    }

    fn list_devices(&self) -> Result<Vec<Device>, Error> {
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!("SELECT {DEVICE_COLUMNS} FROM devices ORDER BY lower(name)"))?;
        let devices = stmt.query_map([], |r| rows::device(r))?.collect::<Result<Vec<_>, _>>()?;
        Ok(devices)
    }

    fn revoke_device(&self, name: &str, now: Timestamp, audit: &AuditRecord) -> Result<Option<Device>, Error> {
        self.write(|tx| {
            let revoked = tx
                .query_row(
                    &format!(
                        "UPDATE devices SET revoked_at = coalesce(revoked_at, ?2) \
                         WHERE lower(name) = lower(?1) RETURNING {DEVICE_COLUMNS}"
                    ),
                    params![name, now],
                    |r| rows::device(r),
                )
                .optional()?;
            if let Some(device) = &revoked {
                tx.execute("DELETE FROM sessions WHERE device_id = ?1", params![device.id.0])?;
                insert_audit(tx, audit)?;
            }
            Ok(revoked)
        })
    }
}
