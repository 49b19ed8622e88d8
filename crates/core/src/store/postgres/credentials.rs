//! PostgreSQL: challenge answers and self-service reset: the answers, their failure counter, the
//! census and decoy question sets for login IDs without an account, the per-machine search cap.

use super::*;

/// The class of the advisory locks that serialise one machine's self-service searches.
const SSPR_SEARCH_LOCK: i32 = 0x6761_7465; // "gate"

impl CredentialStore for PgStore {
    fn answers(&self, id: AccountId) -> Result<Vec<StoredAnswer>, Error> {
        let rows = self
            .conn()?
            .query("SELECT question_id, hash FROM answers WHERE account_id = $1 ORDER BY position", &[&id.0])?;
        rows.iter()
            .map(|r| {
                Ok(StoredAnswer { question_id: r.try_get(0)?, hash: PasswordHashString::from_stored(r.try_get(1)?) })
            })
            .collect()
    }

    fn set_answers(&self, id: AccountId, answers: &[StoredAnswer], audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            // The account's row first: it locks, so two replacements of one account's answers
            // run one after the other instead of colliding on the answers' key.
            let n =
                tx.execute("UPDATE accounts SET failed_answers = 0, sspr_blocked = FALSE WHERE id = $1", &[&id.0])?;
            expect_one(n, id)?;
            tx.execute("DELETE FROM answers WHERE account_id = $1", &[&id.0])?;
            for (i, a) in answers.iter().enumerate() {
                tx.execute(
                    "INSERT INTO answers (account_id, position, question_id, hash) VALUES ($1, $2, $3, $4)",
                    &[&id.0, &(i as i64), &a.question_id, &a.hash.as_str()],
                )?;
            }
            insert_audit(tx, &audit)
        })
    }

    fn clear_answers(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error> {
        self.write(|tx| {
            let n =
                tx.execute("UPDATE accounts SET failed_answers = 0, sspr_blocked = FALSE WHERE id = $1", &[&id.0])?;
            expect_one(n, id)?;
            tx.execute("DELETE FROM answers WHERE account_id = $1", &[&id.0])?;
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
            let n =
                tx.execute("UPDATE accounts SET failed_answers = 0 WHERE id = $1 AND NOT sspr_blocked", &[&id.0])?;
            if n == 0 {
                return match tx.query_opt("SELECT 1 FROM accounts WHERE id = $1", &[&id.0])? {
                    Some(_) => Ok(false),
                    None => Err(Error::NotFound(format!("#{}", id.0))),
                };
            }
            insert_audit(tx, &audit)?;
            Ok(true)
        })
    }

    fn question_census(&self) -> Result<QuestionCensus, Error> {
        let row = self.conn()?.query_one(
            "SELECT (SELECT count(*) FROM accounts), (SELECT count(DISTINCT account_id) FROM answers), \
             (SELECT coalesce(min(account_id), 0) FROM answers), (SELECT coalesce(max(account_id), 0) FROM answers)",
            &[],
        )?;
        Ok(QuestionCensus {
            accounts: row.try_get::<_, i64>(0)? as u64,
            with_questions: row.try_get::<_, i64>(1)? as u64,
            first_with_questions: row.try_get(2)?,
            last_with_questions: row.try_get(3)?,
        })
    }

    fn question_set_from(&self, from: i64) -> Result<Vec<String>, Error> {
        let rows = self.conn()?.query(
            "SELECT question_id FROM answers WHERE account_id = coalesce(\
             (SELECT min(account_id) FROM answers WHERE account_id >= $1), (SELECT min(account_id) FROM answers)) \
             ORDER BY position",
            &[&from],
        )?;
        Ok(rows.iter().map(|r| r.try_get(0)).collect::<Result<_, _>>()?)
    }

    fn sspr_decoy(&self, key_mac: &[u8]) -> Result<Option<Vec<String>>, Error> {
        let row = self.conn()?.query_opt("SELECT questions FROM sspr_decoys WHERE key_mac = $1", &[&key_mac])?;
        Ok(row.map(|r| r.try_get::<_, String>(0)).transpose()?.map(|t| t.split(',').map(str::to_owned).collect()))
    }

    fn put_sspr_decoy(&self, key_mac: &[u8], questions: &[String], now: Timestamp) -> Result<Vec<String>, Error> {
        self.write(|tx| {
            // The first search wins: another server's choice for the same login ID is kept (the
            // insert waits for a concurrent one and then does nothing; the read sees the winner).
            tx.execute(
                "INSERT INTO sspr_decoys (key_mac, questions, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (key_mac) DO NOTHING",
                &[&key_mac, &questions.join(","), &now],
            )?;
            let text: String =
                tx.query_one("SELECT questions FROM sspr_decoys WHERE key_mac = $1", &[&key_mac])?.try_get(0)?;
            Ok(text.split(',').map(str::to_owned).collect())
        })
    }

    fn record_sspr_search(&self, since: Timestamp, limit: u32, audit: AuditRecord) -> Result<bool, Error> {
        self.write(|tx| {
            // Counting rows is no row to lock: an advisory lock per machine makes count-and-append
            // one step, so two servers cannot both take the machine's last search of the hour.
            tx.execute("SELECT pg_advisory_xact_lock($1, hashtext($2))", &[&SSPR_SEARCH_LOCK, &audit.machine])?;
            let served: i64 = tx
                .query_one(
                    "SELECT count(*) FROM audit \
                     WHERE event = 'sspr_search' AND outcome = 'ok' AND machine = $1 AND at > $2",
                    &[&audit.machine, &since],
                )?
                .try_get(0)?;
            if served >= i64::from(limit) {
                return Ok(false);
            }
            insert_audit(tx, &audit)?;
            Ok(true)
        })
    }
}
