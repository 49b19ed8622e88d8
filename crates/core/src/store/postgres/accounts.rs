//! PostgreSQL: accounts: who they are, their password, lockout counters (also for login IDs
//! without an account), terms and work email.

use ::postgres::types::Type;

use super::*;

impl AccountStore for PgStore {
    fn account_by_login(&self, login: &LoginId) -> Result<Option<Account>, Error> {
        self.account_where(&ACCOUNT_BY_LOGIN, &login.key(), Type::TEXT)
    }

    fn account(&self, id: AccountId) -> Result<Option<Account>, Error> {
        self.account_where(&ACCOUNT_BY_ID, &id.0, Type::INT8)
    }

    fn list_accounts(&self, f: &AccountFilter) -> Result<Vec<Account>, Error> {
        if f.text.as_deref().is_some_and(holds_nul) {
            return Ok(Vec::new());
        }
        let query = query::accounts(f, &query::POSTGRES);
        self.conn()?.query(&query.sql, &params_of(&query))?.iter().map(rows::account).collect()
    }

    fn count_accounts(&self) -> Result<u64, Error> {
        self.count("SELECT count(*) FROM accounts", &[])
    }

    fn create_accounts(&self, accounts: &[NewAccount], audit: &[AuditRecord]) -> Result<Vec<AccountId>, Error> {
        self.write(|tx| {
            let mut ids = Vec::with_capacity(accounts.len());
            let stmt = tx.prepare(
                "INSERT INTO accounts (login, login_key, name, kind, level, location, work_email, generic, roles, \
                 password_hash, temporary_until, terms_accepted_at, password_changed_at, created_at, class) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING id",
            )?;
            let now = audit.first().map(|a| a.at).unwrap_or_default();
            for a in accounts {
                let res = tx.query_one(
                    &stmt,
                    &[
                        &a.login.as_str(),
                        &a.login.key(),
                        &a.name.as_str(),
                        &a.kind.as_str(),
                        &a.level.map(Level::as_str),
                        &a.location.as_str(),
                        &a.work_email.as_ref().map(EmailAddress::as_str),
                        &a.generic,
                        &rows::roles_text(&a.roles),
                        &a.password_hash.as_str(),
                        &a.temporary_until,
                        &a.terms_accepted_at,
                        &now,
                        &a.class.as_ref().map(ClassLabel::as_str),
                    ],
                );
                match res {
                    Ok(row) => ids.push(AccountId(row.try_get(0)?)),
                    Err(e) if is_unique_violation(&e) => return Err(Error::Conflict(a.login.to_string())),
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
        let (pending, condition) = (counter.pending(), counter.may_take("$2"));
        // Of tries taken at once, each waits for the row's lock and PostgreSQL checks the
        // condition again on the row the one before wrote: never more than `threshold` taken.
        self.write(|tx| {
            let sql = format!("UPDATE accounts SET {pending} = {pending} + 1 WHERE id = $1 AND {condition}");
            Ok(tx.execute(&sql, &[&id.0, &i64::from(threshold)])? == 1)
        })
    }

    fn give_back_try(&self, id: AccountId, tries: Tries) -> Result<(), Error> {
        let pending = Counter::from(tries).pending();
        self.write(|tx| {
            tx.execute(
                &format!("UPDATE accounts SET {pending} = {pending} - 1 WHERE id = $1 AND {pending} > 0"),
                &[&id.0],
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
        // One statement, so one round trip and atomic without BEGIN/COMMIT (the sign-in's cost
        // beyond the hash is mostly round trips): clear the count unless another kiosk locked
        // the account after this one read it, and append the success — or the refusal — record.
        const SQL: &str = "WITH signed AS ( \
                UPDATE accounts SET failed_passwords = 0, last_sign_in = $2 \
                WHERE id = $1 AND locked_at IS NULL RETURNING id), \
            known AS (SELECT 1 FROM accounts WHERE id = $1), \
            logged AS ( \
                INSERT INTO audit (at, actor, subject, event, outcome, machine, detail) \
                SELECT $3, $4, $5, \
                    CASE WHEN EXISTS (SELECT 1 FROM signed) THEN $6 ELSE $7 END, \
                    CASE WHEN EXISTS (SELECT 1 FROM signed) THEN $8 ELSE $9 END, \
                    $10, \
                    CASE WHEN EXISTS (SELECT 1 FROM signed) THEN $11 ELSE $12 END \
                WHERE EXISTS (SELECT 1 FROM known) RETURNING 1) \
            SELECT EXISTS (SELECT 1 FROM signed), EXISTS (SELECT 1 FROM known)";
        let (ok, refused) = (audit.outcome.as_str(), Outcome::Refused.as_str());
        let (event, failed) = (audit.event.as_str(), Event::SignInFailed.as_str());
        let locked_meanwhile = "account locked meanwhile".to_owned();
        let (int, text) = (Type::INT8, Type::TEXT);
        let mut types = vec![int; 3];
        types.resize(12, text);
        let rows = self.conn()?.query_prepared(
            SQL,
            &types,
            &[
                &id.0,
                &now,
                &audit.at,
                &audit.actor,
                &audit.subject,
                &event,
                &failed,
                &ok,
                &refused,
                &audit.machine,
                &audit.detail,
                &locked_meanwhile,
            ],
        )?;
        let row = rows.first().ok_or_else(|| Error::Storage("record_sign_in answered no row".into()))?;
        let (signed, known): (bool, bool) = (row.try_get(0)?, row.try_get(1)?);
        expect_one(u64::from(known), id)?;
        Ok(signed)
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
                "DELETE FROM login_failures WHERE kind = $1 AND updated_at < $2 AND (failures < $3 OR updated_at <= $4)",
                &[
                    &rows::failure_kind_text(kind),
                    &(now - UNKNOWN_FAILURE_RETENTION),
                    &i64::from(threshold),
                    &lock_expired_before,
                ],
            )?;
            // One statement, atomic under concurrency (ON CONFLICT takes the row's lock and
            // evaluates the update on its latest version). Below the threshold `updated_at`
            // follows the last failure; from it, `updated_at` is the lock time and stays so
            // until the lock has lifted (as `accounts.locked_at`).
            let row = tx.query_one(
                "INSERT INTO login_failures AS f (key, kind, failures, updated_at) VALUES ($1, $2, 1, $3) \
                 ON CONFLICT (key, kind) DO UPDATE SET \
                   failures = CASE WHEN f.failures < $4 THEN f.failures + 1 WHEN f.updated_at <= $5 THEN 1 \
                              ELSE f.failures END, \
                   updated_at = CASE WHEN f.failures < $4 OR f.updated_at <= $5 THEN $3 ELSE f.updated_at END \
                 RETURNING f.failures",
                &[&key, &rows::failure_kind_text(kind), &now, &i64::from(threshold), &lock_expired_before],
            )?;
            Ok(row.try_get::<_, i64>(0)? as u32)
        })
    }

    fn unknown_failures(&self, key: &str, kind: FailureKind, window_start: Timestamp) -> Result<u32, Error> {
        let row = self.conn()?.query_opt(
            "SELECT failures FROM login_failures WHERE key = $1 AND kind = $2 AND updated_at >= $3",
            &[&key, &rows::failure_kind_text(kind), &window_start],
        )?;
        Ok(row.map(|r| r.try_get::<_, i64>(0)).transpose()?.unwrap_or(0) as u32)
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
                       password_hash = $2, temporary_until = $3, password_changed_at = $4, \
                       failed_passwords = 0, failed_totp = 0, locked_at = NULL, failed_answers = 0, sspr_blocked = FALSE, \
                       pending_totp = 0, pending_answers = 0 \
                     WHERE id = $1",
                    &[&id.0, &change.hash.as_str(), &change.temporary_until, &change.at],
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
                   password_hash = $2, temporary_until = $3, password_changed_at = $4 \
                 WHERE id = $1 AND locked_at IS NULL",
                &[&id.0, &change.hash.as_str(), &change.temporary_until, &change.at],
            )?;
            if n == 1 {
                insert_audit(tx, &audit)?;
            }
            Ok(n == 1)
        })
    }

    fn unlock(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.update_account(
            id,
            // The checks under way are forgotten too: one a stopped process left counts no more.
            "UPDATE accounts SET failed_passwords = 0, failed_totp = 0, pending_totp = 0, locked_at = NULL WHERE id = $1",
            &[],
            &audit,
        )
    }

    fn accept_terms(&self, id: AccountId, now: Timestamp, audit: AuditRecord) -> Result<(), Error> {
        self.update_account(
            id,
            "UPDATE accounts SET terms_accepted_at = coalesce(terms_accepted_at, $2) WHERE id = $1",
            &[&now],
            &audit,
        )
    }

    fn set_work_email(&self, id: AccountId, email: Option<&EmailAddress>, audit: AuditRecord) -> Result<(), Error> {
        let email = email.map(EmailAddress::as_str);
        self.update_account(id, "UPDATE accounts SET work_email = $2 WHERE id = $1", &[&email], &audit)
    }

    fn update_profiles(&self, changes: &[ProfileChange], audit: &[AuditRecord]) -> Result<(), Error> {
        self.write(|tx| {
            let stmt =
                tx.prepare("UPDATE accounts SET name = $2, level = $3, location = $4, class = $5 WHERE id = $1")?;
            for c in changes {
                still_at(tx, c.id, &c.was_at)?;
                let n = tx.execute(
                    &stmt,
                    &[
                        &c.id.0,
                        &c.name.as_str(),
                        &c.level.map(Level::as_str),
                        &c.location.as_str(),
                        &c.class.as_ref().map(ClassLabel::as_str),
                    ],
                )?;
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
            let n = tx.execute("UPDATE accounts SET language = $2 WHERE id = $1", &[&id.0, &language.code()])?;
            expect_one(n, id)
        })
    }

    fn set_disabled(&self, id: AccountId, disabled: bool, audit: AuditRecord) -> Result<(), Error> {
        self.update_account(id, "UPDATE accounts SET disabled = $2 WHERE id = $1", &[&disabled], &audit)
    }

    fn delete_account(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error> {
        // The answers, authenticators, email codes and transfers go with it (ON DELETE CASCADE);
        // the hardware tokens it held go back to the stock with the counters they reached.
        self.write(|tx| {
            super::authenticators::delete_returning_tokens(tx, "account_id = $1", &[&id.0])?;
            expect_one(tx.execute("DELETE FROM accounts WHERE id = $1", &[&id.0])?, id)?;
            insert_audit(tx, &audit)
        })
    }
}

impl PgStore {
    /// Runs `sql` (an `UPDATE` or `DELETE` of the account `$1`, then `args` as `$2`…) and
    /// appends `audit` in one transaction; an account that does not exist is `NotFound`.
    pub(super) fn update_account(
        &self,
        id: AccountId,
        sql: &str,
        args: Params<'_>,
        audit: &AuditRecord,
    ) -> Result<(), Error> {
        self.write(|tx| {
            let mut params: Vec<&(dyn ToSql + Sync)> = vec![&id.0];
            params.extend_from_slice(args);
            expect_one(tx.execute(sql, &params)?, id)?;
            insert_audit(tx, audit)
        })
    }

    /// A `count(*)` query's answer.
    pub(super) fn count(&self, sql: &str, args: Params<'_>) -> Result<u64, Error> {
        let n: i64 = self.conn()?.query_one(sql, args)?.try_get(0)?;
        Ok(n as u64)
    }
}

/// Refuses (`account-moved-meanwhile`) a change judged while account `id` was at `was_at` once
/// it is elsewhere (a transfer approved meanwhile), reading it under a row lock (a transfer
/// approved at this moment waits, or has moved it); an account gone is the change's own error.
fn still_at(tx: &mut impl GenericClient, id: AccountId, was_at: &Location) -> Result<(), Error> {
    let row =
        tx.query_opt("SELECT location = $2 FROM accounts WHERE id = $1 FOR UPDATE", &[&id.0, &was_at.as_str()])?;
    if row.map(|r| r.get::<_, bool>(0)) == Some(false) {
        return Err(crate::store::accounts::moved_meanwhile());
    }
    Ok(())
}
