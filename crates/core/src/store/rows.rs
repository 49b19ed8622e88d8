//! Rows to domain types, shared by the backends: the columns each area selects and how a row of
//! them becomes an account, an authenticator, a token, a transfer or an audit entry. A backend
//! only says how to read one column of its row type ([`Columns`]), so both decode alike.

use super::{
    Account, Authenticator, AuthenticatorKind, Device, DeviceId, FailureKind, HardwareToken, SessionKind,
    StoredSession, TokenHash, Transfer, TransferDecision,
};
use crate::audit::{display_time, AuditEntry, AuditRecord, Outcome};
use crate::hashing::PasswordHashString;
use crate::otp::{OtpAlgorithm, OtpParams};
use crate::types::{
    AccountId, AccountKind, ClassLabel, EmailAddress, FullName, Level, Location, LoginId, Role, TransferId,
};

/// The columns [`account`] reads, in order, from `accounts`.
pub(super) const ACCOUNT_COLUMNS: &str = "id, login, name, kind, level, location, work_email, generic, roles, \
     password_hash, previous_hash, temporary_until, failed_passwords, locked_at, failed_answers, \
     sspr_blocked, terms_accepted_at, last_sign_in, password_changed_at, created_at, \
     EXISTS (SELECT 1 FROM answers WHERE account_id = accounts.id), failed_totp, class, disabled, language";

/// The columns [`authenticator`] reads, in order, from `authenticators`.
pub(super) const AUTHENTICATOR_COLUMNS: &str = "id, account_id, kind, comment, secret_sealed, algorithm, digits, \
     period, serial, hotp_counter, last_step, tested_at, created_at, created_by, model";

/// The query [`hardware_token`] reads (a `WHERE` and the order follow it).
pub(super) const HARDWARE_TOKEN_SELECT: &str =
    "SELECT h.serial, h.secret_sealed, h.kind, h.algorithm, h.digits, h.period, h.counter, h.imported_at, \
     (SELECT a.login FROM authenticators au JOIN accounts a ON a.id = au.account_id WHERE au.serial = h.serial), \
     h.failed_codes FROM hardware_tokens h";

/// The query [`transfer`] reads (a `WHERE` follows it).
pub(super) const TRANSFER_SELECT: &str =
    "SELECT t.id, t.account_id, a.login, t.from_location, t.to_location, t.requested_by, \
     t.requested_at, t.decided_by, t.decided_at, t.decision FROM transfers t JOIN accounts a ON a.id = t.account_id";

/// The query [`audit_entry`] reads (conditions follow it).
pub(super) const AUDIT_SELECT: &str =
    "SELECT id, at, actor, subject, event, outcome, machine, detail FROM audit WHERE 1 = 1";

/// One column of a backend's row, by position. Integers are read as `i64` (SQLite's INTEGER,
/// PostgreSQL's BIGINT) and narrowed here, so an out-of-range value is an error, never a wrap.
pub(super) const SESSION_COLUMNS: &str =
    "token_hash, kind, sealed, version, created_at, last_used_at, expires_at, device_id";

/// The columns [`device`] reads, in order, from `devices`.
pub(super) const DEVICE_COLUMNS: &str = "id, name, kiosk, created_at, enrolled_by, revoked_at";

pub(super) trait Columns {
    type Error;
    fn text(&self, i: usize) -> Result<String, Self::Error>;
    fn opt_text(&self, i: usize) -> Result<Option<String>, Self::Error>;
    fn int(&self, i: usize) -> Result<i64, Self::Error>;
    fn opt_int(&self, i: usize) -> Result<Option<i64>, Self::Error>;
    fn flag(&self, i: usize) -> Result<bool, Self::Error>;
    fn bytes(&self, i: usize) -> Result<Vec<u8>, Self::Error>;
    /// The error for a value the code does not accept in column `i`.
    fn invalid(&self, i: usize, what: &str) -> Self::Error;

    fn narrow<T: TryFrom<i64>>(&self, i: usize) -> Result<T, Self::Error> {
        let v = self.int(i)?;
        T::try_from(v).map_err(|_| self.invalid(i, "number"))
    }
}

/// A row of [`ACCOUNT_COLUMNS`].
pub(super) fn account<R: Columns>(r: &R) -> Result<Account, R::Error> {
    let kind = r.text(3)?;
    let level = r.opt_text(4)?;
    let roles = r.text(8)?;
    Ok(Account {
        id: AccountId(r.int(0)?),
        login: LoginId::from_trusted(r.text(1)?),
        name: FullName::from_trusted(r.text(2)?),
        kind: AccountKind::parse(&kind).map_err(|_| r.invalid(3, "kind"))?,
        level: level.map(|l| Level::parse(&l)).transpose().map_err(|_| r.invalid(4, "level"))?,
        location: Location::from_trusted(r.text(5)?),
        work_email: r.opt_text(6)?.map(EmailAddress::from_trusted),
        generic: r.flag(7)?,
        roles: Role::parse_list(&roles).map_err(|_| r.invalid(8, "roles"))?,
        password_hash: PasswordHashString::from_stored(r.text(9)?),
        previous_hash: r.opt_text(10)?.map(PasswordHashString::from_stored),
        temporary_until: r.opt_int(11)?,
        failed_passwords: r.narrow(12)?,
        locked_at: r.opt_int(13)?,
        failed_answers: r.narrow(14)?,
        sspr_blocked: r.flag(15)?,
        terms_accepted_at: r.opt_int(16)?,
        last_sign_in: r.opt_int(17)?,
        password_changed_at: r.int(18)?,
        created_at: r.int(19)?,
        questions_set: r.flag(20)?,
        failed_codes: r.narrow(21)?,
        class: r.opt_text(22)?.map(ClassLabel::from_trusted),
        disabled: r.flag(23)?,
        // A tag this version does not know (written by a newer one) is the school's default.
        language: r.opt_text(24)?.and_then(|l| crate::text::Language::parse(&l)),
    })
}

/// Algorithm, digits and period at columns `at`, `at + 1`, `at + 2`.
fn otp_params<R: Columns>(r: &R, at: usize) -> Result<OtpParams, R::Error> {
    Ok(OtpParams {
        algorithm: OtpAlgorithm::parse(&r.text(at)?).unwrap_or(OtpAlgorithm::Sha1),
        digits: r.narrow(at + 1)?,
        period: r.narrow(at + 2)?,
    })
}

/// A row of [`AUTHENTICATOR_COLUMNS`].
pub(super) fn authenticator<R: Columns>(r: &R) -> Result<Authenticator, R::Error> {
    Ok(Authenticator {
        id: crate::types::AuthenticatorId(r.int(0)?),
        account: AccountId(r.int(1)?),
        kind: AuthenticatorKind::parse(&r.text(2)?),
        comment: r.text(3)?,
        secret_sealed: r.bytes(4)?,
        params: otp_params(r, 5)?,
        serial: r.opt_text(8)?,
        hotp_counter: r.opt_int(9)?.map(|c| c as u64),
        last_step: r.opt_int(10)?.map(|c| c as u64),
        tested_at: r.opt_int(11)?,
        created_at: r.int(12)?,
        created_by: r.text(13)?,
        model: r.opt_text(14)?,
    })
}

/// A row of [`HARDWARE_TOKEN_SELECT`].
pub(super) fn hardware_token<R: Columns>(r: &R) -> Result<HardwareToken, R::Error> {
    Ok(HardwareToken {
        serial: r.text(0)?,
        secret_sealed: r.bytes(1)?,
        hotp: r.text(2)? == "hotp",
        params: otp_params(r, 3)?,
        counter: r.int(6)? as u64,
        imported_at: r.int(7)?,
        bound_to: r.opt_text(8)?.map(LoginId::from_trusted),
        failed_codes: r.narrow(9)?,
    })
}

/// A row of [`TRANSFER_SELECT`].
pub(super) fn transfer<R: Columns>(r: &R) -> Result<Transfer, R::Error> {
    Ok(Transfer {
        id: TransferId(r.int(0)?),
        account: AccountId(r.int(1)?),
        login: LoginId::from_trusted(r.text(2)?),
        from_location: Location::from_trusted(r.text(3)?),
        to_location: Location::from_trusted(r.text(4)?),
        requested_by: r.text(5)?,
        requested_at: r.int(6)?,
        decided_by: r.opt_text(7)?,
        decided_at: r.opt_int(8)?,
        decision: match r.opt_text(9)?.as_deref() {
            None => None,
            Some("approved") => Some(TransferDecision::Approved),
            Some("rejected") => Some(TransferDecision::Rejected),
            Some(_) => return Err(r.invalid(9, "transfer decision")),
        },
    })
}

/// A row of [`AUDIT_SELECT`].
pub(super) fn audit_entry<R: Columns>(r: &R) -> Result<AuditEntry, R::Error> {
    Ok(AuditEntry {
        id: r.int(0)?,
        at: display_time(r.int(1)?),
        actor: r.text(2)?,
        subject: r.text(3)?,
        event: r.text(4)?,
        outcome: r.text(5)?,
        machine: r.text(6)?,
        detail: r.text(7)?,
    })
}

/// The `roles` column: role names joined by `;` (empty for no role).
/// A row of [`SESSION_COLUMNS`].
pub(super) fn session<R: Columns>(r: &R) -> Result<StoredSession, R::Error> {
    let kind = r.text(1)?;
    Ok(StoredSession {
        token_hash: TokenHash(r.bytes(0)?.try_into().map_err(|_| r.invalid(0, "session token hash"))?),
        kind: SessionKind::parse(&kind).ok_or_else(|| r.invalid(1, "session kind"))?,
        sealed: r.bytes(2)?,
        version: r.int(3)?,
        created_at: r.int(4)?,
        last_used_at: r.int(5)?,
        expires_at: r.int(6)?,
        device: r.opt_int(7)?.map(DeviceId),
    })
}

/// A row of [`DEVICE_COLUMNS`].
pub(super) fn device<R: Columns>(r: &R) -> Result<Device, R::Error> {
    Ok(Device {
        id: DeviceId(r.int(0)?),
        name: r.text(1)?,
        kiosk: r.flag(2)?,
        created_at: r.int(3)?,
        enrolled_by: r.text(4)?,
        revoked_at: r.opt_int(5)?,
    })
}

pub(super) fn roles_text(roles: &[Role]) -> String {
    roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(";")
}

/// The `kind` column of `login_failures`.
pub(super) fn failure_kind_text(kind: FailureKind) -> &'static str {
    match kind {
        FailureKind::Password => "password",
        FailureKind::Answer => "answer",
    }
}

/// A consecutive-failure counter and the flag it raises at its threshold.
#[derive(Clone, Copy)]
pub(super) enum Counter {
    /// Wrong passwords: lock the account.
    Password,
    /// Wrong TOTP codes at sign-in or reset: lock the account too.
    Totp,
    /// Wrong answer sets: block self-service reset.
    Answers,
}

impl From<super::Tries> for Counter {
    fn from(tries: super::Tries) -> Self {
        match tries {
            super::Tries::Codes => Self::Totp,
            super::Tries::Answers => Self::Answers,
        }
    }
}

impl Counter {
    /// Whether a failure's try was taken before its check ([`super::AccountStore::take_try`]):
    /// then counting it moves that try from the checks under way to the failures.
    pub(super) fn taken_first(self) -> bool {
        !matches!(self, Self::Password)
    }

    /// The column of the checks under way that took their try (`pending_*`).
    pub(super) fn pending(self) -> &'static str {
        match self {
            Self::Answers => "pending_answers",
            _ => "pending_totp",
        }
    }

    /// The condition under which a try may be taken (`threshold` the threshold's placeholder):
    /// the failures and the checks under way together below it.
    pub(super) fn may_take(self, threshold: &str) -> String {
        let (column, _) = self.columns();
        let pending = self.pending();
        match self {
            Self::Answers => format!("{column} + {pending} < {threshold} AND NOT sspr_blocked"),
            _ => format!("{column} + {pending} < {threshold}"),
        }
    }

    /// The counter's column of `accounts`, and the SQL that is true when its flag is raised.
    pub(super) fn columns(self) -> (&'static str, &'static str) {
        match self {
            Self::Password => ("failed_passwords", "locked_at IS NOT NULL"),
            Self::Totp => ("failed_totp", "locked_at IS NOT NULL"),
            Self::Answers => ("failed_answers", "sspr_blocked"),
        }
    }
}

/// What the log says of a failure that was not counted because the flag was already raised.
pub(super) fn already_locked(audit: &AuditRecord) -> AuditRecord {
    AuditRecord { outcome: Outcome::Refused, detail: format!("{}; already locked", audit.detail), ..audit.clone() }
}

/// Exactly one row changed, or the account `id` is not there.
pub(super) fn expect_one(changed: u64, id: AccountId) -> Result<(), crate::error::Error> {
    if changed == 1 {
        Ok(())
    } else {
        Err(crate::error::Error::NotFound(format!("#{}", id.0)))
    }
}

/// The transfer request `id` as read for a decision: refused when missing or already decided.
pub(super) fn undecided(t: Option<Transfer>, id: TransferId) -> Result<Transfer, crate::error::Error> {
    use crate::error::Error;
    use crate::text::Text;
    let t = t.ok_or_else(|| Error::invalid("transfer", Text::new("no-such-transfer").arg("id", id)))?;
    if let (Some(done), Some(by), Some(when)) = (t.decision, &t.decided_by, t.decided_at) {
        let text = Text::new("transfer-already-decided")
            .arg("id", id)
            .arg("decision", done.as_str())
            .arg("by", by)
            .arg("at", display_time(when));
        return Err(Error::Refused(text));
    }
    Ok(t)
}

/// An approval refused because the account left the request's location meanwhile.
pub(super) fn account_left(t: &Transfer) -> crate::error::Error {
    let text = crate::text::Text::new("transfer-account-left")
        .arg("login", &t.login)
        .arg("location", t.from_location.as_str())
        .arg("id", t.id);
    crate::error::Error::Refused(text)
}
