//! SQLite: second factors and codes: authenticators, the one-time use of TOTP steps and HOTP
//! counters, wrong-code counting, the email OTP.

use super::rows::AUTHENTICATOR_COLUMNS;
use super::*;
use crate::types::AuthenticatorId;

impl AuthenticatorStore for SqliteStore {
    fn authenticators(&self, account: AccountId) -> Result<Vec<Authenticator>, Error> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {AUTHENTICATOR_COLUMNS} FROM authenticators WHERE account_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([account.0], |r| rows::authenticator(r))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn add_authenticator(
        &self,
        account: AccountId,
        a: &NewAuthenticator,
        now: Timestamp,
        audit: AuditRecord,
    ) -> Result<AuthenticatorId, Error> {
        self.write(|tx| {
            if let Some(serial) = &a.serial {
                let bound: Option<i64> = tx
                    .query_row("SELECT account_id FROM authenticators WHERE serial = ?1", [serial], |r| r.get(0))
                    .optional()?;
                if bound.is_some() {
                    return Err(Error::Conflict(format!("token {serial}")));
                }
                tx.execute("UPDATE hardware_tokens SET failed_codes = 0 WHERE serial = ?1", [serial])?;
            }
            tx.execute(
                "INSERT INTO authenticators (account_id, kind, comment, secret_sealed, algorithm, digits, period, serial, \
                 hotp_counter, created_at, created_by, model) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    account.0,
                    a.kind.as_str(),
                    a.comment,
                    a.secret_sealed,
                    a.params.algorithm.as_str(),
                    a.params.digits,
                    a.params.period as i64,
                    a.serial,
                    a.hotp_counter.map(|c| c as i64),
                    now,
                    a.created_by,
                    a.model
                ],
            )?;
            let id = AuthenticatorId(tx.last_insert_rowid());
            insert_audit(tx, &audit)?;
            Ok(id)
        })
    }

    fn use_totp_step(
        &self,
        authenticator: AuthenticatorId,
        step: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<bool, Error> {
        self.write(|tx| {
            // The condition makes the replay guard hold across processes: of two sign-ins with
            // one code, only one updates the row.
            let n = tx.execute(
                "UPDATE authenticators SET last_step = ?2, \
                   tested_at = CASE WHEN ?4 THEN ?3 ELSE tested_at END \
                 WHERE id = ?1 AND (last_step IS NULL OR last_step < ?2)",
                params![authenticator.0, step as i64, now, test],
            )?;
            if n == 1 {
                tx.execute(
                    "UPDATE accounts SET failed_totp = 0 WHERE id = (SELECT account_id FROM authenticators WHERE id = ?1)",
                    [authenticator.0],
                )?;
                insert_audit(tx, &audit)?;
            }
            Ok(n == 1)
        })
    }

    fn use_security_key(
        &self,
        authenticator: AuthenticatorId,
        before: &[u8],
        after: &[u8],
        counter: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<bool, Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE authenticators SET secret_sealed = ?3, last_step = ?4, \
                   tested_at = CASE WHEN ?6 THEN ?5 ELSE tested_at END \
                 WHERE id = ?1 AND secret_sealed = ?2 AND kind = 'security_key'",
                params![authenticator.0, before, after, counter as i64, now, test],
            )?;
            if n == 1 {
                tx.execute(
                    "UPDATE accounts SET failed_totp = 0 WHERE id = (SELECT account_id FROM authenticators WHERE id = ?1)",
                    [authenticator.0],
                )?;
                insert_audit(tx, &audit)?;
            }
            Ok(n == 1)
        })
    }

    fn use_hotp_counter(
        &self,
        authenticator: AuthenticatorId,
        next: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE authenticators SET hotp_counter = ?2, tested_at = CASE WHEN ?4 THEN ?3 ELSE tested_at END \
                 WHERE id = ?1 AND hotp_counter < ?2",
                params![authenticator.0, next as i64, now, test],
            )?;
            if n != 1 {
                return Err(Error::Refused(Text::new("token-counter-moved")));
            }
            // A hardware token's stock counter follows (its enrolment's code included), so the
            // token back in the stock never takes a code it already gave.
            tx.execute(
                "UPDATE hardware_tokens SET counter = MAX(counter, ?2) \
                 WHERE serial = (SELECT serial FROM authenticators WHERE id = ?1)",
                params![authenticator.0, next as i64],
            )?;
            tx.execute(
                "UPDATE accounts SET failed_totp = 0 WHERE id = (SELECT account_id FROM authenticators WHERE id = ?1)",
                [authenticator.0],
            )?;
            insert_audit(tx, &audit)
        })
    }

    fn delete_authenticator(
        &self,
        account: AccountId,
        authenticator: AuthenticatorId,
        audit: AuditRecord,
    ) -> Result<(), Error> {
        self.write(|tx| {
            return_tokens(tx, "id = ?1 AND account_id = ?2", params![authenticator.0, account.0])?;
            let n = tx.execute(
                "DELETE FROM authenticators WHERE id = ?1 AND account_id = ?2",
                params![authenticator.0, account.0],
            )?;
            if n != 1 {
                return Err(Error::NotFound(format!("authenticator {authenticator}")));
            }
            insert_audit(tx, &audit)
        })
    }

    fn delete_authenticators(&self, account: AccountId, audit: AuditRecord) -> Result<usize, Error> {
        self.write(|tx| {
            return_tokens(tx, "account_id = ?1", [account.0])?;
            let n = tx.execute("DELETE FROM authenticators WHERE account_id = ?1", [account.0])?;
            tx.execute("DELETE FROM recovery_codes WHERE account_id = ?1", [account.0])?;
            insert_audit(tx, &audit)?;
            Ok(n)
        })
    }

    fn record_totp_failure(
        &self,
        account: AccountId,
        threshold: u32,
        now: Timestamp,
        audit: AuditRecord,
        lockout_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error> {
        self.write(|tx| count_failure(tx, account, Counter::Totp, threshold, now, &audit, &lockout_audit))
    }

    fn clear_totp_failures(&self, account: AccountId) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("UPDATE accounts SET failed_totp = 0 WHERE id = ?1", [account.0])?;
            Ok(())
        })
    }

    fn put_email_otp(
        &self,
        account: AccountId,
        code_mac: &[u8],
        expires_at: Timestamp,
        tries: u32,
        audit: AuditRecord,
    ) -> Result<u32, Error> {
        self.write(|tx| {
            let seq: u32 = tx
                .query_row(
                    "UPDATE accounts SET otp_sequence = otp_sequence + 1 WHERE id = ?1 RETURNING otp_sequence",
                    [account.0],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::NotFound(format!("#{}", account.0)))?;
            tx.execute(
                "INSERT INTO email_otps (account_id, sequence, code_mac, expires_at, tries_left) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (account_id) DO UPDATE SET sequence = ?2, code_mac = ?3, expires_at = ?4, tries_left = ?5",
                params![account.0, seq, code_mac, expires_at, tries],
            )?;
            insert_audit(tx, &audit)?;
            Ok(seq)
        })
    }

    fn email_otp(&self, account: AccountId) -> Result<Option<EmailOtp>, Error> {
        let conn = self.lock();
        Ok(conn
            .query_row(
                "SELECT sequence, code_mac, expires_at, tries_left FROM email_otps WHERE account_id = ?1",
                [account.0],
                |r| {
                    Ok(EmailOtp {
                        sequence: r.get(0)?,
                        code_mac: r.get(1)?,
                        expires_at: r.get(2)?,
                        tries_left: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    fn spend_email_otp_try(&self, account: AccountId) -> Result<Option<u32>, Error> {
        self.write(|tx| {
            Ok(tx
                .query_row(
                    "UPDATE email_otps SET tries_left = tries_left - 1 WHERE account_id = ?1 AND tries_left > 0 RETURNING tries_left",
                    [account.0],
                    |r| r.get(0),
                )
                .optional()?)
        })
    }

    fn consume_email_otp(&self, account: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM email_otps WHERE account_id = ?1", [account.0])?;
            insert_audit(tx, &audit)
        })
    }

    fn recovery_codes(&self, account: AccountId) -> Result<Vec<RecoveryCode>, Error> {
        let conn = self.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT number, salt, hash, created_at, used_at FROM recovery_codes WHERE account_id = ?1 ORDER BY number",
        )?;
        let rows = stmt.query_map([account.0], |r| {
            Ok(RecoveryCode {
                number: r.get(0)?,
                salt: r.get(1)?,
                hash: r.get(2)?,
                created_at: r.get(3)?,
                used_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn replace_recovery_codes(
        &self,
        account: AccountId,
        codes: &[RecoveryCode],
        audit: AuditRecord,
    ) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM recovery_codes WHERE account_id = ?1", [account.0])?;
            for c in codes {
                tx.execute(
                    "INSERT INTO recovery_codes (account_id, number, salt, hash, created_at, used_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![account.0, c.number, c.salt, c.hash, c.created_at, c.used_at],
                )?;
            }
            insert_audit(tx, &audit)
        })
    }

    fn use_recovery_code(
        &self,
        account: AccountId,
        number: u32,
        hash: &[u8],
        now: Timestamp,
        audit: AuditRecord,
    ) -> Result<bool, Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE recovery_codes SET used_at = ?3 \
                 WHERE account_id = ?1 AND number = ?2 AND hash = ?4 AND used_at IS NULL",
                params![account.0, number, now, hash],
            )?;
            if n == 1 {
                tx.execute("UPDATE accounts SET failed_totp = 0 WHERE id = ?1", [account.0])?;
                insert_audit(tx, &audit)?;
            }
            Ok(n == 1)
        })
    }
}

/// Puts the hardware tokens of the authenticators `which` (a condition on `authenticators`, its
/// parameters `args`) back in the stock, before those authenticators are deleted in the same
/// transaction: a clean count of wrong enrolment codes, and an HOTP token's counter moved up to
/// the next one its holder's authenticator expects (never back), so the token enrols again with
/// its next code and never with one it already gave.
pub(super) fn return_tokens(
    tx: &rusqlite::Transaction<'_>,
    which: &str,
    args: impl rusqlite::Params,
) -> Result<(), Error> {
    tx.execute(
        &format!(
            "UPDATE hardware_tokens SET failed_codes = 0, counter = MAX(counter, COALESCE( \
               (SELECT hotp_counter FROM authenticators WHERE serial = hardware_tokens.serial), counter)) \
             WHERE serial IN (SELECT serial FROM authenticators WHERE {which})"
        ),
        args,
    )?;
    Ok(())
}
