//! Challenge answers and self-service reset: the answers, their failure counter, the census and
//! decoy question sets for login IDs without an account, the per-machine search cap.

use super::accounts::FailureOutcome;
use crate::audit::AuditRecord;
use crate::clock::Timestamp;
use crate::error::Error;
use crate::hashing::PasswordHashString;
use crate::types::AccountId;

/// A challenge answer as stored: the question id and the Argon2id hash of the normalised answer.
#[derive(Debug, Clone)]
pub struct StoredAnswer {
    pub question_id: String,
    pub hash: PasswordHashString,
}

/// How many accounts have challenge questions (self-service reset answers the others with
/// `SSPR 5006`), and the lowest and highest id among those that have (0 when none has).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionCensus {
    pub accounts: u64,
    pub with_questions: u64,
    pub first_with_questions: i64,
    pub last_with_questions: i64,
}

/// What a backend stores for this area (see the module documentation).
pub trait CredentialStore {
    fn answers(&self, id: AccountId) -> Result<Vec<StoredAnswer>, Error>;

    /// Replaces the account's answers (exactly three).
    fn set_answers(&self, id: AccountId, answers: &[StoredAnswer], audit: AuditRecord) -> Result<(), Error>;

    fn clear_answers(&self, id: AccountId, audit: AuditRecord) -> Result<(), Error>;

    /// Counts a wrong set of answers, whose try was taken (`take_try`); at `threshold`
    /// self-service reset is blocked.
    fn record_answer_failure(
        &self,
        id: AccountId,
        threshold: u32,
        audit: AuditRecord,
        block_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error>;

    /// A right set of answers: clears the count of wrong ones (the try it took included), with
    /// `audit`; false, with nothing written, when self-service reset was blocked meanwhile (by
    /// wrong sets checked at the same time).
    fn clear_answer_failures(&self, id: AccountId, audit: AuditRecord) -> Result<bool, Error>;

    /// How many accounts there are, and how many have challenge questions.
    fn question_census(&self) -> Result<QuestionCensus, Error>;

    /// The question ids, in order, of the account with the lowest id at or after `from` that
    /// has questions (of the lowest such id when none is at or after it; none when no account
    /// has questions). One index look-up, however many accounts there are.
    fn question_set_from(&self, from: i64) -> Result<Vec<String>, Error>;

    /// The questions fixed for a login ID without an account (by its keyed MAC), if any.
    fn sspr_decoy(&self, key_mac: &[u8]) -> Result<Option<Vec<String>>, Error>;

    /// Fixes `questions` for a login ID without an account unless some are already fixed;
    /// returns the ones kept.
    fn put_sspr_decoy(&self, key_mac: &[u8], questions: &[String], now: Timestamp) -> Result<Vec<String>, Error>;

    /// Appends `audit` (a self-service search) unless this machine (`audit.machine`) already
    /// had `limit` searches served after `since`; returns whether it was appended.
    fn record_sspr_search(&self, since: Timestamp, limit: u32, audit: AuditRecord) -> Result<bool, Error>;
}
