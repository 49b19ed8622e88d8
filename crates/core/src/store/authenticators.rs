//! Second factors and codes: authenticators, the one-time use of TOTP steps and HOTP counters,
//! wrong-code counting, the email OTP.

use super::accounts::FailureOutcome;
use crate::audit::AuditRecord;
use crate::clock::Timestamp;
use crate::error::Error;
use crate::otp::OtpParams;
use crate::types::{AccountId, AuthenticatorId};

/// A person's authenticator: a soft token (app), a hardware OATH token bound to the account, or
/// a FIDO2 security key. The secret is sealed by the vault (a security key's public credential
/// too: sealed, it cannot be swapped for another key's by anyone who can write the database);
/// never printed.
#[derive(Clone)]
pub struct Authenticator {
    pub id: AuthenticatorId,
    pub account: AccountId,
    pub kind: AuthenticatorKind,
    pub comment: String,
    pub secret_sealed: Vec<u8>,
    pub params: OtpParams,
    pub serial: Option<String>,
    /// `Some` for an HOTP hardware token: the next counter to expect.
    pub hotp_counter: Option<u64>,
    /// The last TOTP time step accepted (replay guard); a security key's signature counter.
    pub last_step: Option<u64>,
    /// When it last passed a test (it counts for sign-in only once it has).
    pub tested_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub created_by: String,
    /// A security key's model, as the machine that enrolled it named it.
    pub model: Option<String>,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("comment", &self.comment)
            .field("serial", &self.serial)
            .field("tested_at", &self.tested_at)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthenticatorKind {
    SoftToken,
    HardToken,
    /// A FIDO2 security key (WebAuthn): a touch instead of a code.
    SecurityKey,
}

impl AuthenticatorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SoftToken => "soft_token",
            Self::HardToken => "hard_token",
            Self::SecurityKey => "security_key",
        }
    }

    /// The kind a stored name stands for (a soft token for a name this version does not know).
    pub fn parse(name: &str) -> Self {
        match name {
            "hard_token" => Self::HardToken,
            "security_key" => Self::SecurityKey,
            _ => Self::SoftToken,
        }
    }

    /// The guide's name for it.
    pub fn label(self) -> &'static str {
        match self {
            Self::SoftToken => "Soft Token (OTP)",
            Self::HardToken | Self::SecurityKey => "Hard Token/FIDO 2.0",
        }
    }

    /// Whether it answers with a one-time code (TOTP or HOTP), not a signature.
    pub fn takes_codes(self) -> bool {
        !matches!(self, Self::SecurityKey)
    }
}

/// An authenticator to add.
#[derive(Clone)]
pub struct NewAuthenticator {
    pub kind: AuthenticatorKind,
    pub comment: String,
    pub secret_sealed: Vec<u8>,
    pub params: OtpParams,
    pub serial: Option<String>,
    pub hotp_counter: Option<u64>,
    pub created_by: String,
    pub model: Option<String>,
}

/// The live email OTP of an account (only a keyed MAC of the code is stored).
#[derive(Debug, Clone)]
pub struct EmailOtp {
    pub sequence: u32,
    pub code_mac: Vec<u8>,
    pub expires_at: Timestamp,
    pub tries_left: u32,
}

/// One of an account's recovery codes (issue 17 §2): its number in the set, a salted SHA-256 of
/// the code (never the code), when the set was made and when this code was used.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCode {
    pub number: u32,
    pub salt: Vec<u8>,
    pub hash: Vec<u8>,
    pub created_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoveryCode")
            .field("number", &self.number)
            .field("created_at", &self.created_at)
            .field("used_at", &self.used_at)
            .finish_non_exhaustive()
    }
}

/// What a backend stores for this area (see the module documentation).
pub trait AuthenticatorStore {
    fn authenticators(&self, account: AccountId) -> Result<Vec<Authenticator>, Error>;

    fn add_authenticator(
        &self,
        account: AccountId,
        new: &NewAuthenticator,
        now: Timestamp,
        audit: AuditRecord,
    ) -> Result<AuthenticatorId, Error>;

    /// Records an accepted TOTP step (and a passed test); false if the step was already used by
    /// a concurrent sign-in (replay).
    fn use_totp_step(
        &self,
        authenticator: AuthenticatorId,
        step: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<bool, Error>;

    /// Records a security key's accepted signature: its credential sealed again with the new
    /// signature counter, only if the stored one is still `before` (of two sign-ins with one key
    /// at once, only one updates it); false otherwise.
    #[allow(clippy::too_many_arguments)]
    fn use_security_key(
        &self,
        authenticator: AuthenticatorId,
        before: &[u8],
        after: &[u8],
        counter: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<bool, Error>;

    /// Records an accepted HOTP code: the next counter (and a passed test), moving the hardware
    /// token's stock counter up to it in the same transaction.
    fn use_hotp_counter(
        &self,
        authenticator: AuthenticatorId,
        next: u64,
        now: Timestamp,
        test: bool,
        audit: AuditRecord,
    ) -> Result<(), Error>;

    /// Deletes one authenticator; a hardware token it was goes back to the stock in the same
    /// transaction, its wrong enrolment codes cleared and an HOTP token's counter never behind
    /// the authenticator's (as for every way a token goes back: [`Self::delete_authenticators`],
    /// an account deleted).
    fn delete_authenticator(
        &self,
        account: AccountId,
        authenticator: AuthenticatorId,
        audit: AuditRecord,
    ) -> Result<(), Error>;

    /// Deletes all of an account's authenticators (and cancels its recovery codes, which stand
    /// in for them); returns how many authenticators there were.
    fn delete_authenticators(&self, account: AccountId, audit: AuditRecord) -> Result<usize, Error>;

    /// Counts a wrong second-factor code, whose try was taken (`take_try`); at `threshold`
    /// consecutive failures the account locks.
    fn record_totp_failure(
        &self,
        account: AccountId,
        threshold: u32,
        now: Timestamp,
        audit: AuditRecord,
        lockout_audit: AuditRecord,
    ) -> Result<FailureOutcome, Error>;

    fn clear_totp_failures(&self, account: AccountId) -> Result<(), Error>;

    /// Replaces the account's email OTP (one live code per account); returns its sequence number.
    fn put_email_otp(
        &self,
        account: AccountId,
        code_mac: &[u8],
        expires_at: Timestamp,
        tries: u32,
        audit: AuditRecord,
    ) -> Result<u32, Error>;

    fn email_otp(&self, account: AccountId) -> Result<Option<EmailOtp>, Error>;

    /// Spends one try of the live code; returns the tries left, or None if there is no code.
    fn spend_email_otp_try(&self, account: AccountId) -> Result<Option<u32>, Error>;

    /// The live code was right: it is gone. The count of wrong codes stays — the mailbox is
    /// not the second factor, so a right email code buys no fresh guesses at one.
    fn consume_email_otp(&self, account: AccountId, audit: AuditRecord) -> Result<(), Error>;

    /// The account's recovery codes, used ones included, by number.
    fn recovery_codes(&self, account: AccountId) -> Result<Vec<RecoveryCode>, Error>;

    /// Replaces the account's recovery codes with `codes` (none cancels the set).
    fn replace_recovery_codes(
        &self,
        account: AccountId,
        codes: &[RecoveryCode],
        audit: AuditRecord,
    ) -> Result<(), Error>;

    /// Marks code `number` used and clears the wrong-code count; false if it was used already
    /// (by a concurrent sign-in: only one of two can use a code) or is not in the set.
    /// Uses up code `number` of the account — the one whose stored digest is `hash`, so that a
    /// code of a set replaced since it was checked is never taken for the new set's code of the
    /// same number — if still unused: true then, with the audit record.
    fn use_recovery_code(
        &self,
        account: AccountId,
        number: u32,
        hash: &[u8],
        now: Timestamp,
        audit: AuditRecord,
    ) -> Result<bool, Error>;
}
