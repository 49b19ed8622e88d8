//! SQLite: accounts: who they are, their password, lockout counters (also for login IDs without an
//! account), terms and work email.

use super::*;

impl AccountStore for SqliteStore {
    fn account_by_login(&self, login: &LoginId) -> Result<Option<Account>, Error> {
        self.account_where("login_key = ?1", &login.key())
    }

    fn account(&self, id: AccountId) -> Result<Option<Account>, Error> {
        self.account_where("id = ?1", &id.0)
    }

    fn list_accounts(&self, f: &AccountFilter) -> Result<Vec<Account>, Error> {
        let query = query::accounts(f, &query::SQLITE);
        let conn = self.lock();
        let mut stmt = conn.prepare(&query.sql)?;
        let rows = stmt.query_map(params_of(&query), |r| rows::account(r))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn count_accounts(&self) -> Result<u64, Error> {
        let conn = self.lock();
        let n: i64 = conn.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    fn create_accounts(&self, accounts: &[NewAccount], audit: &[AuditRecord]) -> Result<Vec<AccountId>, Error> {
        self.write(|tx| {
            let mut ids = Vec::with_capacity(accounts.len());
            let mut stmt = tx.prepare_cached(
                // Numbered after the highest id ever given (schema v12): never a deleted one's.
                "INSERT INTO accounts (id, login, login_key, name, kind, level, location, work_email, generic, roles, \
                 password_hash, temporary_until, terms_accepted_at, password_changed_at, created_at, class) \
                 VALUES ((SELECT highest + 1 FROM account_ids), \
                 ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)",
            )?;
            let now = audit.first().map(|a| a.at).unwrap_or_default();
            for a in accounts {
                let res = stmt.execute(params![
                    a.login.as_str(),
                    a.login.key(),
                    a.name.as_str(),
                    a.kind.as_str(),
                    a.level.map(Level::as_str),
                    a.location.as_str(),
                    a.work_email.as_ref().map(EmailAddress::as_str),
                    a.generic,
                    rows::roles_text(&a.roles),
                    a.password_hash.as_str(),
                    a.temporary_until,
                    a.terms_accepted_at,
                    now,
                    a.class.as_ref().map(ClassLabel::as_str),
                ]);
                match res {
                    Ok(_) => ids.push(AccountId(tx.last_insert_rowid())),
                    Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                        return Err(Error::Conflict(a.login.to_string()));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            for r in audit {
                insert_audit(tx, r)?;
            }
            Ok(ids)
        })
    }

    fn take_try(&self, id: AccountId, tries: Tries, threshold: u32) -> Result<bool, Error> {
        let counter = Counter::from(tries);
        let (pending, condition) = (counter.pending(), counter.may_take("?2"));
        self.write(|tx| {
            let sql = format!("UPDATE accounts SET {pending} = {pending} + 1 WHERE id = ?1 AND {condition}");
            Ok(tx.execute(&sql, params![id.0, threshold])? == 1)
        })
    }

    fn give_back_try(&self, id: AccountId, tries: Tries) -> Result<(), Error> {
        let pending = Counter::from(tries).pending();
        self.write(|tx| {
            tx.execute(
                &format!("UPDATE accounts SET {pending} = {pending} - 1 WHERE id = ?1 AND {pending} > 0"),
                [id.0],
            )?;
            Ok(())
        })
    }

    fn record_password_failure(
        &self,
        id: AccountId,
        threshold: u32,
        now: Timestamp,
        audit: AuditRecord,
        lockout_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error> {
        self.write(|tx| count_failure(tx, id, Counter::Password, threshold, now, &audit, &lockout_audit))
    }

    fn record_sign_in(&self, id: AccountId, now: Timestamp, audit: AuditRecord) -> Result<bool, Error> {
        self.write(|tx| {
            // Not on an account another kiosk locked after this one read it.
            let n = tx
                .prepare_cached(
                    "UPDATE accounts SET failed_passwords = 0, last_sign_in = ?2 WHERE id = ?1 AND locked_at IS NULL",
                )?
                .execute(params![id.0, now])?;
            if n == 0 {
                let exists = tx.query_row("SELECT 1 FROM accounts WHERE id = ?1", [id.0], |_| Ok(())).optional()?;
                expect_one(usize::from(exists.is_some()), id)?;
                let refused = AuditRecord {
                    event: Event::SignInFailed,
                    outcome: Outcome::Refused,
                    detail: "account locked meanwhile".into(),
                    ..audit
                };
                insert_audit(tx, &refused)?;
                return Ok(false);
            }
            insert_audit(tx, &audit)?;
            Ok(true)
        })
    }

    fn record_unknown_failure(
        &self,
        key: &str,
        kind: FailureKind,
        threshold: u32,
        now: Timestamp,
        lock_expired_before: Timestamp,
    ) -> Result<u32, Error> {
        self.write(|tx| {
            // Failures of this kind below the threshold are forgotten after a while; a lock is
            // kept until it lifts, as a real account's is (or waiting would tell them apart).
            tx.execute(
                "DELETE FROM login_failures WHERE kind = ?1 AND updated_at < ?2 AND (failures < ?3 OR updated_at <= ?4)",
                params![rows::failure_kind_text(kind), now - UNKNOWN_FAILURE_RETENTION, threshold, lock_expired_before],
            )?;
            // Below the threshold `updated_at` follows the last failure; from it, `updated_at` is
            // the lock time and stays so until the lock has lifted (as `accounts.locked_at`).
            let n: u32 = tx.query_row(
                "INSERT INTO login_failures (key, kind, failures, updated_at) VALUES (?1, ?2, 1, ?3) \
                 ON CONFLICT (key, kind) DO UPDATE SET \
                   failures = CASE WHEN failures < ?4 THEN failures + 1 WHEN updated_at <= ?5 THEN 1 ELSE failures END, \
                   updated_at = CASE WHEN failures < ?4 OR updated_at <= ?5 THEN ?3 ELSE updated_at END \
                 RETURNING failures",
                params![key, rows::failure_kind_text(kind), now, threshold, lock_expired_before],
                |r| r.get(0),
            )?;
            Ok(n)
        })
    }

    fn unknown_failures(&self, key: &str, kind: FailureKind, window_start: Timestamp) -> Result<u32, Error> {
        let conn = self.lock();
        let n: Option<u32> = conn
            .query_row(
                "SELECT failures FROM login_failures WHERE key = ?1 AND kind = ?2 AND updated_at >= ?3",
                params![key, rows::failure_kind_text(kind), window_start],
                |r| r.get(0),
            )
            .optional()?;
        Ok(n.unwrap_or(0))
    }

    fn set_passwords(&self, changes: &[(AccountId, PasswordChange)], audit: &[AuditRecord]) -> Result<(), Error> {
        self.write(|tx| {
            for (id, change) in changes {
                if let Some(was_at) = &change.was_at {
                    still_at(tx, *id, was_at)?;
                }
                // The replaced hash becomes the "previous" one, unless it was a temporary password
                // (the rule is about the person's own last password).
                let n = tx.execute(
                    "UPDATE accounts SET \
                       previous_hash = CASE WHEN temporary_until IS NULL THEN password_hash ELSE previous_hash END, \
                       password_hash = ?2, temporary_until = ?3, password_changed_at = ?4, \
                       failed_passwords = 0, failed_totp = 0, locked_at = NULL, failed_answers = 0, sspr_blocked = 0, \
                       pending_totp = 0, pending_answers = 0 \
                     WHERE id = ?1",
                    params![id.0, change.hash.as_str(), change.temporary_until, change.at],
                )?;
                expect_one(n, *id)?;
            }
            for r in audit {
                insert_audit(tx, r)?;
            }
            Ok(())
        })
    }

    fn change_own_password(&self, id: AccountId, change: &PasswordChange, audit: AuditRecord) -> Result<bool, Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE accounts SET \
                   previous_hash = CASE WHEN temporary_until IS NULL THEN password_hash ELSE previous_hash END, \
                   password_hash = ?2, temporary_until = ?3, password_changed_at = ?4 \
                 WHERE id = ?1 AND locked_at IS NULL",
                params![id.0, change.hash.as_str(), change.temporary_until, change.at],
            )?;
            if n == 1 {
                insert_audit(tx, &audit)?;
            }
            Ok(n == 1)
        })
    }

    fn unlock(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                // The checks under way are forgotten too: one a stopped process left counts no more.
                "UPDATE accounts SET failed_passwords = 0, failed_totp = 0, pending_totp = 0, locked_at = NULL \
                 WHERE id = ?1",
                [id.0],
            )?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn accept_terms(&self, id: AccountId, now: Timestamp, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE accounts SET terms_accepted_at = coalesce(terms_accepted_at, ?2) WHERE id = ?1",
                params![id.0, now],
            )?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn set_work_email(&self, id: AccountId, email: Option<&EmailAddress>, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE accounts SET work_email = ?2 WHERE id = ?1",
                params![id.0, email.map(EmailAddress::as_str)],
            )?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn update_profiles(&self, changes: &[ProfileChange], audit: &[AuditRecord]) -> Result<(), Error> {
        self.write(|tx| {
            let mut stmt = tx
                .prepare_cached("UPDATE accounts SET name = ?2, level = ?3, location = ?4, class = ?5 WHERE id = ?1")?;
            for c in changes {
                still_at(tx, c.id, &c.was_at)?;
                let n = stmt.execute(params![
                    c.id.0,
                    c.name.as_str(),
                    c.level.map(Level::as_str),
                    c.location.as_str(),
                    c.class.as_ref().map(ClassLabel::as_str),
                ])?;
                expect_one(n, c.id)?;
            }
            for r in audit {
                insert_audit(tx, r)?;
            }
            Ok(())
        })
    }

    fn set_language(&self, id: AccountId, language: Language) -> Result<(), Error> {
        self.write(|tx| {
            expect_one(
                tx.execute("UPDATE accounts SET language = ?2 WHERE id = ?1", params![id.0, language.code()])?,
                id,
            )
        })
    }

    fn set_disabled(&self, id: AccountId, disabled: bool, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            expect_one(tx.execute("UPDATE accounts SET disabled = ?2 WHERE id = ?1", params![id.0, disabled])?, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn delete_account(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error> {
        // The answers, authenticators, email codes and transfers go with it (ON DELETE CASCADE);
        // the hardware tokens it held go back to the stock with the counters they reached.
        self.write(|tx| {
            super::authenticators::return_tokens(tx, "account_id = ?1", [id.0])?;
            expect_one(tx.execute("DELETE FROM accounts WHERE id = ?1", [id.0])?, id)?;
            insert_audit(tx, &audit)
        })
    }
}

/// Refuses (`account-moved-meanwhile`) a change judged while account `id` was at `was_at` once
/// it is elsewhere (a transfer approved meanwhile); an account gone is the change's own error.
fn still_at(tx: &Connection, id: AccountId, was_at: &Location) -> Result<(), Error> {
    let there: Option<bool> = tx
        .prepare_cached("SELECT location = ?2 FROM accounts WHERE id = ?1")?
        .query_row(params![id.0, was_at.as_str()], |r| r.get(0))
        .optional()?;
    if there == Some(false) {
        return Err(crate::store::accounts::moved_meanwhile());
    }
    Ok(())
}
