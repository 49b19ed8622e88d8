//! SQLite: challenge answers and self-service reset: the answers, their failure counter, the census
//! and decoy question sets for login IDs without an account, the per-machine search cap.

use super::*;

impl CredentialStore for SqliteStore {
    fn answers(&self, id: AccountId) -> Result<Vec<StoredAnswer>, Error> {
        let conn = self.lock();
        let mut stmt =
            conn.prepare_cached("SELECT question_id, hash FROM answers WHERE account_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([id.0], |r| {
            Ok(StoredAnswer { question_id: r.get(0)?, hash: PasswordHashString::from_stored(r.get(1)?) })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    fn set_answers(&self, id: AccountId, answers: &[StoredAnswer], audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM answers WHERE account_id = ?1", [id.0])?;
            for (i, a) in answers.iter().enumerate() {
                tx.execute(
                    "INSERT INTO answers (account_id, position, question_id, hash) VALUES (?1, ?2, ?3, ?4)",
                    params![id.0, i as i64, a.question_id, a.hash.as_str()],
                )?;
            }
            let n = tx.execute("UPDATE accounts SET failed_answers = 0, sspr_blocked = 0 WHERE id = ?1", [id.0])?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn clear_answers(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            tx.execute("DELETE FROM answers WHERE account_id = ?1", [id.0])?;
            let n = tx.execute("UPDATE accounts SET failed_answers = 0, sspr_blocked = 0 WHERE id = ?1", [id.0])?;
            expect_one(n, id)?;
            insert_audit(tx, &audit)
        })
    }

    fn record_answer_failure(
        &self,
        id: AccountId,
        threshold: u32,
        audit: AuditRecord,
        block_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error> {
        let now = audit.at;
        self.write(|tx| count_failure(tx, id, Counter::Answers, threshold, now, &audit, &block_audit))
    }

    fn clear_answer_failures(&self, id: AccountId, audit: AuditRecord) -> Result<bool, Error> {
        self.write(|tx| {
            let n = tx.execute("UPDATE accounts SET failed_answers = 0 WHERE id = ?1 AND NOT sspr_blocked", [id.0])?;
            if n == 0 {
                let blocked: Option<bool> =
                    tx.query_row("SELECT sspr_blocked FROM accounts WHERE id = ?1", [id.0], |r| r.get(0)).optional()?;
                return blocked.map(|_| false).ok_or_else(|| Error::NotFound(format!("#{}", id.0)));
            }
            insert_audit(tx, &audit)?;
            Ok(true)
        })
    }

    fn question_census(&self) -> Result<QuestionCensus, Error> {
        let conn = self.lock();
        let (accounts, with_questions, first, last): (i64, i64, i64, i64) = conn.query_row(
            "SELECT (SELECT count(*) FROM accounts), (SELECT count(DISTINCT account_id) FROM answers), \
             (SELECT coalesce(min(account_id), 0) FROM answers), (SELECT coalesce(max(account_id), 0) FROM answers)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        Ok(QuestionCensus {
            accounts: accounts as u64,
            with_questions: with_questions as u64,
            first_with_questions: first,
            last_with_questions: last,
        })
    }

    fn question_set_from(&self, from: i64) -> Result<Vec<String>, Error> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT question_id FROM answers WHERE account_id = coalesce(\
             (SELECT min(account_id) FROM answers WHERE account_id >= ?1), (SELECT min(account_id) FROM answers)) \
             ORDER BY position",
        )?;
        let rows = stmt.query_map([from], |r| r.get(0))?;
        Ok(rows.collect::<Result<Vec<String>, _>>()?)
    }

    fn sspr_decoy(&self, key_mac: &[u8]) -> Result<Option<Vec<String>>, Error> {
        let conn = self.lock();
        let text: Option<String> = conn
            .query_row("SELECT questions FROM sspr_decoys WHERE key_mac = ?1", [key_mac], |r| r.get(0))
            .optional()?;
        Ok(text.map(|t| t.split(',').map(str::to_owned).collect()))
    }

    fn put_sspr_decoy(&self, key_mac: &[u8], questions: &[String], now: Timestamp) -> Result<Vec<String>, Error> {
        self.write(|tx| {
            // The first search wins: another kiosk's choice for the same login ID is kept.
            tx.execute(
                "INSERT OR IGNORE INTO sspr_decoys (key_mac, questions, created_at) VALUES (?1, ?2, ?3)",
                params![key_mac, questions.join(","), now],
            )?;
            let text: String =
                tx.query_row("SELECT questions FROM sspr_decoys WHERE key_mac = ?1", [key_mac], |r| r.get(0))?;
            Ok(text.split(',').map(str::to_owned).collect())
        })
    }

    fn record_sspr_search(&self, since: Timestamp, limit: u32, audit: AuditRecord) -> Result<bool, Error> {
        self.write(|tx| {
            // Counted and appended under one write lock: two kiosks on one file cannot both take
            // the last search of the hour.
            let served: u32 = tx.query_row(
                "SELECT count(*) FROM audit WHERE event = 'sspr_search' AND outcome = 'ok' AND machine = ?1 AND at > ?2",
                params![audit.machine, since],
                |r| r.get(0),
            )?;
            if served >= limit {
                return Ok(false);
            }
            insert_audit(tx, &audit)?;
            Ok(true)
        })
    }
}
