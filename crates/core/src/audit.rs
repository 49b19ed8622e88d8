//! The audit log: every security event (DESIGN §3) appended with time, actor, subject, outcome and
//! machine. The table is append-only (triggers refuse UPDATE and DELETE). Details never hold a
//! secret: no password, answer, code or hash is ever passed here.

use std::io::Write;

use serde::Serialize;

use crate::clock::{rfc3339, Timestamp};
use crate::csv_cell;
use crate::error::Error;

/// Stable event names (exported, filtered on, relied on by scripts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    SignIn,
    SignInFailed,
    Lockout,
    Unlock,
    SignOut,
    TermsAccepted,
    QuestionsSet,
    QuestionsCleared,
    PasswordChanged,
    PasswordReset,
    SsprSearch,
    SsprAnswers,
    SsprBlocked,
    AppOpened,
    AccountCreated,
    AccountUpdated,
    Import,
    OtpSent,
    OtpVerified,
    TokenEnrolled,
    TokenTested,
    TokenDeleted,
    TotpVerified,
    TokensImported,
    /// A free hardware token locked by wrong enrolment codes, freed by an administrator.
    TokenFreed,
    /// An administrator's read of an account (recorded only when refused).
    AccountViewed,
    TransferRequested,
    /// A transfer request approved (the account moved) or rejected; the detail says which.
    TransferDecided,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::Lockout => "lockout",
            Self::Unlock => "unlock",
            Self::SignOut => "sign_out",
            Self::TermsAccepted => "terms_accepted",
            Self::QuestionsSet => "questions_set",
            Self::QuestionsCleared => "questions_cleared",
            Self::PasswordChanged => "password_changed",
            Self::PasswordReset => "password_reset",
            Self::SsprSearch => "sspr_search",
            Self::SsprAnswers => "sspr_answers",
            Self::SsprBlocked => "sspr_blocked",
            Self::AppOpened => "app_opened",
            Self::AccountCreated => "account_created",
            Self::AccountUpdated => "account_updated",
            Self::Import => "import",
            Self::OtpSent => "otp_sent",
            Self::OtpVerified => "otp_verified",
            Self::TokenEnrolled => "token_enrolled",
            Self::TokenTested => "token_tested",
            Self::TokenDeleted => "token_deleted",
            Self::TotpVerified => "totp_verified",
            Self::TokensImported => "tokens_imported",
            Self::TokenFreed => "token_freed",
            Self::AccountViewed => "account_viewed",
            Self::TransferRequested => "transfer_requested",
            Self::TransferDecided => "transfer_decided",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    Failed,
    Refused,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Failed => "failed",
            Self::Refused => "refused",
        }
    }
}

/// One event about to be appended.
#[derive(Debug, Clone)]
pub struct AuditRecord {
    pub at: Timestamp,
    /// Who acted: the login ID of the person in the wizard, `admin:<name>` for the command line.
    pub actor: String,
    /// Whom it concerns: a login ID (possibly one that does not exist, as typed).
    pub subject: String,
    pub event: Event,
    pub outcome: Outcome,
    pub machine: String,
    /// Short free text, never a secret.
    pub detail: String,
}

/// One stored event.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub subject: String,
    pub event: String,
    pub outcome: String,
    pub machine: String,
    pub detail: String,
}

/// Filters for reading the log; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub since: Option<Timestamp>,
    pub until: Option<Timestamp>,
    pub actor: Option<String>,
    pub subject: Option<String>,
    pub event: Option<String>,
    pub outcome: Option<String>,
    /// Newest first; at most this many (0 = no limit).
    pub limit: usize,
    pub offset: usize,
}

/// Writes entries as CSV with a header row, every cell spreadsheet-safe ([`crate::csv_cell`]:
/// a subject or detail can hold text a person typed).
pub fn write_csv<W: Write>(entries: &[AuditEntry], out: W) -> Result<(), Error> {
    let fail = |e: csv::Error| Error::Storage(format!("writing CSV: {e}"));
    let mut w = csv::Writer::from_writer(out);
    csv_cell::write_record(&mut w, ["id", "at", "actor", "subject", "event", "outcome", "machine", "detail"])
        .map_err(fail)?;
    for e in entries {
        let id = e.id.to_string();
        csv_cell::write_record(&mut w, [&id, &e.at, &e.actor, &e.subject, &e.event, &e.outcome, &e.machine, &e.detail])
            .map_err(fail)?;
    }
    w.flush().map_err(|e| Error::Storage(format!("writing CSV: {e}")))
}

/// Writes entries as one JSON object `{"events": […]}`.
pub fn write_json<W: Write>(entries: &[AuditEntry], mut out: W) -> Result<(), Error> {
    serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "events": entries }))
        .map_err(|e| Error::Storage(format!("writing JSON: {e}")))?;
    writeln!(out).map_err(|e| Error::Storage(format!("writing JSON: {e}")))
}

pub(crate) fn display_time(t: Timestamp) -> String {
    rfc3339(t)
}

/// The name of this machine for the `machine` column.
pub fn machine_name() -> String {
    let from_env = std::env::var("COMPUTERNAME").or_else(|_| std::env::var("HOSTNAME")).ok();
    let from_proc = || std::fs::read_to_string("/proc/sys/kernel/hostname").ok();
    let from_etc = || std::fs::read_to_string("/etc/hostname").ok();
    from_env
        .or_else(from_proc)
        .or_else(from_etc)
        .map(|s| s.trim().chars().filter(|c| !c.is_control()).take(64).collect::<String>())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}
