//! PostgreSQL: second factors and codes: authenticators, the one-time use of TOTP steps and HOTP
//! counters, wrong-code counting, the email OTP.

use super::rows::AUTHENTICATOR_COLUMNS;
use super::*;
use crate::types::AuthenticatorId;

impl AuthenticatorStore for PgStore {
    fn authenticators(&self, account: AccountId) -> Result<Vec<Authenticator>, Error> {
        let sql = format!("SELECT {AUTHENTICATOR_COLUMNS} FROM authenticators WHERE account_id = $1 ORDER BY id");
        self.conn()?.query(&sql, &[&account.0])?.iter().map(rows::authenticator).collect()
    }

    fn add_authenticator(
        &self,
        account: AccountId,
        a: &NewAuthenticator,
        now: Timestamp,
        audit: AuditRecord,
    ) -> Result<AuthenticatorId, Error> {
        let taken = |serial: &str| Error::Conflict(format!("token {serial}"));
        self.write(|tx| {
            if let Some(serial) = &a.serial {
                if tx.query_opt("SELECT account_id FROM authenticators WHERE serial = $1", &[serial])?.is_some() {
                    return Err(taken(serial));
                }
                tx.execute("UPDATE hardware_tokens SET failed_codes = 0 WHERE serial = $1", &[serial])?;
            }
            // Two kiosks enrolling one serial at once both pass the check above; the unique
            // index on `serial` refuses the second.
            let inserted = tx.query_one(
                "INSERT INTO authenticators (account_id, kind, comment, secret_sealed, algorithm, digits, period, serial, \
                 hotp_counter, created_at, created_by, model) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                 RETURNING id",
                &[
                    &account.0,
                    &a.kind.as_str(),
                    &a.comment,
                    &a.secret_sealed,
                    &a.params.algorithm.as_str(),
                    &i64::from(a.params.digits),
                    &(a.params.period as i64),
                    &a.serial,
                    &a.hotp_counter.map(|c| c as i64),
                    &now,
                    &a.created_by,
                    &a.model,
                ],
            );
            let id: i64 = match inserted {
                Ok(row) => row.try_get(0)?,
                Err(e) if is_unique_violation(&e) => return Err(taken(a.serial.as_deref().unwrap_or_default())),
                Err(e) => return Err(e.into()),
            };
            insert_audit(tx, &audit)?;
            Ok(AuthenticatorId(id))
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
            // The condition is the replay guard: of two sign-ins with one code, the second waits
            // for the first's row lock, re-checks `last_step < step` on the row it wrote, and
            // updates nothing.
            let n = tx.execute(
                "UPDATE authenticators SET last_step = $2, tested_at = CASE WHEN $4 THEN $3 ELSE tested_at END \
                 WHERE id = $1 AND (last_step IS NULL OR last_step < $2)",
                &[&authenticator.0, &(step as i64), &now, &test],
            )?;
            if n == 1 {
                clear_code_failures_of(tx, authenticator.0)?;
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
            // Compare and swap on the sealed credential: of two sign-ins with one key, the second
            // waits for the first's row lock, finds the credential changed, and updates nothing.
            let n = tx.execute(
                "UPDATE authenticators SET secret_sealed = $3, last_step = $4, \
                   tested_at = CASE WHEN $6 THEN $5 ELSE tested_at END \
                 WHERE id = $1 AND secret_sealed = $2 AND kind = 'security_key'",
                &[&authenticator.0, &before, &after, &(counter as i64), &now, &test],
            )?;
            if n == 1 {
                clear_code_failures_of(tx, authenticator.0)?;
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
                "UPDATE authenticators SET hotp_counter = $2, tested_at = CASE WHEN $4 THEN $3 ELSE tested_at END \
                 WHERE id = $1 AND hotp_counter < $2",
                &[&authenticator.0, &(next as i64), &now, &test],
            )?;
            if n != 1 {
                return Err(Error::Refused(Text::new("token-counter-moved")));
            }
            // A hardware token's stock counter follows (its enrolment's code included), so the
            // token back in the stock never takes a code it already gave.
            tx.execute(
                "UPDATE hardware_tokens SET counter = GREATEST(counter, $2) \
                 WHERE serial = (SELECT serial FROM authenticators WHERE id = $1)",
                &[&authenticator.0, &(next as i64)],
            )?;
            clear_code_failures_of(tx, authenticator.0)?;
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
            let n = delete_returning_tokens(tx, "id = $1 AND account_id = $2", &[&authenticator.0, &account.0])?;
            if n != 1 {
                return Err(Error::NotFound(format!("authenticator {authenticator}")));
            }
            insert_audit(tx, &audit)
        })
    }

    fn delete_authenticators(&self, account: AccountId, audit: AuditRecord) -> Result<usize, Error> {
        self.write(|tx| {
            let n = delete_returning_tokens(tx, "account_id = $1", &[&account.0])?;
            tx.execute("DELETE FROM recovery_codes WHERE account_id = $1", &[&account.0])?;
            insert_audit(tx, &audit)?;
            Ok(n as usize)
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
            tx.execute("UPDATE accounts SET failed_totp = 0 WHERE id = $1", &[&account.0])?;
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
            let seq: i64 = tx
                .query_opt(
                    "UPDATE accounts SET otp_sequence = otp_sequence + 1 WHERE id = $1 RETURNING otp_sequence",
                    &[&account.0],
                )?
                .ok_or_else(|| Error::NotFound(format!("#{}", account.0)))?
                .try_get(0)?;
            tx.execute(
                "INSERT INTO email_otps (account_id, sequence, code_mac, expires_at, tries_left) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id) DO UPDATE SET \
                 sequence = EXCLUDED.sequence, code_mac = EXCLUDED.code_mac, expires_at = EXCLUDED.expires_at, \
                 tries_left = EXCLUDED.tries_left",
                &[&account.0, &seq, &code_mac, &expires_at, &i64::from(tries)],
            )?;
            insert_audit(tx, &audit)?;
            Ok(seq as u32)
        })
    }

    fn email_otp(&self, account: AccountId) -> Result<Option<EmailOtp>, Error> {
        let row = self.conn()?.query_opt(
            "SELECT sequence, code_mac, expires_at, tries_left FROM email_otps WHERE account_id = $1",
            &[&account.0],
        )?;
        row.map(|r| {
            Ok(EmailOtp {
                sequence: r.try_get::<_, i64>(0)? as u32,
                code_mac: r.try_get(1)?,
                expires_at: r.try_get(2)?,
                tries_left: r.try_get::<_, i64>(3)? as u32,
            })
        })
        .transpose()
    }

    fn spend_email_otp_try(&self, account: AccountId) -> Result<Option<u32>, Error> {
        self.write(|tx| {
            // Conditional: concurrent tries each take one, and none takes a try that is not left.
            let row = tx.query_opt(
                "UPDATE email_otps SET tries_left = tries_left - 1 WHERE account_id = $1 AND tries_left > 0 \
                 RETURNING tries_left",
                &[&account.0],
            )?;
            Ok(row.map(|r| r.try_get::<_, i64>(0)).transpose()?.map(|n| n as u32))
        })
    }

    fn consume_email_otp(&self, account: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            // The account's row before the code's, in the order `put_email_otp` takes them, so
            // the two never wait on each other in a cycle.
            tx.execute("DELETE FROM email_otps WHERE account_id = $1", &[&account.0])?;
            insert_audit(tx, &audit)
        })
    }

    fn recovery_codes(&self, account: AccountId) -> Result<Vec<RecoveryCode>, Error> {
        let sql = "SELECT number, salt, hash, created_at, used_at FROM recovery_codes WHERE account_id = $1 \
                   ORDER BY number";
        self.conn()?
            .query(sql, &[&account.0])?
            .iter()
            .map(|r| {
                Ok(RecoveryCode {
                    number: r.try_get::<_, i64>(0)? as u32,
                    salt: r.try_get(1)?,
                    hash: r.try_get(2)?,
                    created_at: r.try_get(3)?,
                    used_at: r.try_get(4)?,
                })
            })
            .collect()
    }

    fn replace_recovery_codes(
        &self,
        account: AccountId,
        codes: &[RecoveryCode],
        audit: AuditRecord,
    ) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM recovery_codes WHERE account_id = $1", &[&account.0])?;
            for c in codes {
                tx.execute(
                    "INSERT INTO recovery_codes (account_id, number, salt, hash, created_at, used_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    &[&account.0, &i64::from(c.number), &c.salt, &c.hash, &c.created_at, &c.used_at],
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
            // The account's row first, as a wrong code's count takes it, so the two never wait on
            // each other in a cycle; the condition lets only one of two sign-ins use the code.
            tx.execute("SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE", &[&account.0])?;
            let n = tx.execute(
                "UPDATE recovery_codes SET used_at = $3 \
                 WHERE account_id = $1 AND number = $2 AND hash = $4 AND used_at IS NULL",
                &[&account.0, &i64::from(number), &now, &hash],
            )?;
            if n == 1 {
                tx.execute("UPDATE accounts SET failed_totp = 0 WHERE id = $1", &[&account.0])?;
                insert_audit(tx, &audit)?;
            }
            Ok(n == 1)
        })
    }
}

/// An accepted code clears the account's count of wrong codes.
fn clear_code_failures_of(tx: &mut Transaction<'_>, authenticator: i64) -> Result<(), Error> {
    tx.execute(
        "UPDATE accounts SET failed_totp = 0 WHERE id = (SELECT account_id FROM authenticators WHERE id = $1)",
        &[&authenticator],
    )?;
    Ok(())
}

/// Deletes the authenticators `which` (a condition on `authenticators`, its parameters `args`)
/// and puts their hardware tokens back in the stock in the same statement: a clean count of
/// wrong enrolment codes, and an HOTP token's counter moved up to the next one its holder's
/// authenticator expected (never back), so the token enrols again with its next code and never
/// with one it already gave. The rows are deleted (locked) before the tokens are updated, the
/// order an accepted HOTP code takes them in. Returns how many authenticators were deleted.
pub(super) fn delete_returning_tokens(tx: &mut Transaction<'_>, which: &str, args: Params<'_>) -> Result<u64, Error> {
    let sql = format!(
        "WITH gone AS (DELETE FROM authenticators WHERE {which} RETURNING serial, hotp_counter), \
         back AS (UPDATE hardware_tokens h SET failed_codes = 0, \
                    counter = GREATEST(h.counter, COALESCE(g.hotp_counter, h.counter)) \
                  FROM gone g WHERE h.serial = g.serial) \
         SELECT count(*) FROM gone"
    );
    let n: i64 = tx.query_one(&sql, args)?.try_get(0)?;
    Ok(n as u64)
}
