//! The audit log: every security event (DESIGN §3) appended with time, actor, subject, outcome and
//! machine. The table is append-only (triggers refuse UPDATE and DELETE). Details never hold a
//! secret: no password, answer, code or hash is ever passed here.

use std::io::Write;

use serde::Serialize;

use crate::clock::{rfc3339, Timestamp, Zone};
use crate::csv_cell;
use crate::error::Error;
use crate::text::{escaped, Text};

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
    /// An enrolment code for registering machines issued (never the code itself).
    DeviceCodeIssued,
    /// A machine registered with the server, or refused (a wrong, used or expired code).
    DeviceRegistered,
    /// A registered machine's credential withdrawn.
    DeviceRevoked,
    /// An account disabled by an administrator (refused at sign-in and self-service reset).
    AccountDisabled,
    AccountEnabled,
    /// An account deleted (its history stays in this log).
    AccountDeleted,
    /// An account moved to the next year's level or class (one record per account).
    AccountPromoted,
    /// An administrator read a person's undelivered mails (the outbox, with no SMTP configured).
    MailsViewed,
    /// A new set of recovery codes made (the old set cancelled); the detail says how many.
    RecoveryCodesIssued,
    /// A recovery code in place of the second factor (ok), or a wrong one (failed).
    RecoveryCodeUsed,
    /// An account's recovery codes cancelled (its authenticators deleted).
    RecoveryCodesCancelled,
    /// A security key's touch in place of a code (ok), or an answer the verifier refused.
    SecurityKeyUsed,
    /// A kiosk's exit by an administrator with a security key: the password was right and the
    /// key's touch is asked (the touch's own `security_key_used` record follows, or none).
    SecurityKeyAsked,
    /// A signed-in person sent to an app that trusts Gatehouse (OpenID Connect): the app in the
    /// detail; refused when the app is not for them.
    SingleSignOn,
    /// A window's signed-in session handed to the browser (its one-time address opened): the
    /// app it goes on to in the detail.
    SessionHandedOff,
    /// An administrator searched or exported the audit log: the filter and how many events it
    /// showed or exported in the detail (never the events); the filter's subject as the subject.
    AuditRead,
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
            Self::DeviceCodeIssued => "device_code_issued",
            Self::DeviceRegistered => "device_registered",
            Self::DeviceRevoked => "device_revoked",
            Self::AccountDisabled => "account_disabled",
            Self::AccountEnabled => "account_enabled",
            Self::AccountDeleted => "account_deleted",
            Self::AccountPromoted => "account_promoted",
            Self::MailsViewed => "mails_viewed",
            Self::RecoveryCodesIssued => "recovery_codes_issued",
            Self::RecoveryCodeUsed => "recovery_code_used",
            Self::RecoveryCodesCancelled => "recovery_codes_cancelled",
            Self::SecurityKeyUsed => "security_key_used",
            Self::SecurityKeyAsked => "security_key_asked",
            Self::SingleSignOn => "single_sign_on",
            Self::SessionHandedOff => "session_handed_off",
            Self::AuditRead => "audit_read",
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

/// The lower bound of an audit filter as a person types it (`--since`, the console's "From"): an
/// RFC 3339 time, or a date `YYYY-MM-DD` meaning that day's first second in the school's `zone`
/// (its midnight in Singapore is 16:00 UTC the day before). Blank means no bound; anything else is
/// refused naming the field `since`.
pub fn parse_since(text: &str, zone: &Zone) -> Result<Option<Timestamp>, Error> {
    parse_bound(text, "since", |date| zone.start_of(date))
}

/// The upper bound, exclusive ([`AuditQuery::until`]), as typed (`--until`, the console's
/// "To"): an RFC 3339 time is the instant itself; a date `YYYY-MM-DD` means the whole of that day
/// in the school's `zone`, so the bound is the next day's first second there. Blank means no
/// bound; anything else is refused naming the field `until`.
pub fn parse_until(text: &str, zone: &Zone) -> Result<Option<Timestamp>, Error> {
    parse_bound(text, "until", |date| match date.next_day() {
        Some(next) => zone.start_of(next),
        None => zone.start_of(date) + 86_400,
    })
}

/// `text` as a time (its offset says what it means), or as a date through `of_date`.
fn parse_bound(
    text: &str,
    field: &'static str,
    of_date: impl FnOnce(time::Date) -> Timestamp,
) -> Result<Option<Timestamp>, Error> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let day = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(date) = time::Date::parse(text, &day) {
        return Ok(Some(of_date(date)));
    }
    match time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
        Ok(t) => Ok(Some(t.unix_timestamp())),
        Err(_) => {
            let shown: String = text.chars().take(40).collect();
            Err(Error::invalid(
                field,
                Text::new("audit-filter-not-a-date").arg("field", field).arg("value", escaped(&shown)),
            ))
        }
    }
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

thread_local! {
    /// The machine a server is acting for on this thread (see [`on_machine`]).
    static ACTING_FOR: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with every audit record the engine makes on this thread naming `machine` (a
/// registered device's name) instead of this host: a server's requests are audited as the
/// kiosk or laptop that sent them. The previous value is restored afterwards, also on panic.
pub fn on_machine<T>(machine: &str, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            ACTING_FOR.with(|m| *m.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(ACTING_FOR.with(|m| m.borrow_mut().replace(machine.to_owned())));
    f()
}

/// The machine [`on_machine`] set on this thread, if any.
pub(crate) fn acting_for() -> Option<String> {
    ACTING_FOR.with(|m| m.borrow().clone())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse_time;

    fn at(rfc3339: &str) -> Timestamp {
        parse_time(rfc3339).unwrap()
    }

    fn zone(name: &str) -> Zone {
        Zone::parse(name).unwrap()
    }

    #[test]
    fn a_date_as_since_starts_at_that_midnight_and_as_until_covers_the_whole_day() {
        let utc = Zone::utc();
        assert_eq!(parse_since("2026-11-26", &utc).unwrap(), Some(at("2026-11-26T00:00:00Z")));
        // Exclusive: an event at 23:59:59 on the 26th is inside, one at midnight after it is not.
        assert_eq!(parse_until("2026-11-26", &utc).unwrap(), Some(at("2026-11-27T00:00:00Z")));
        assert_eq!(parse_until(" 2026-12-31 ", &utc).unwrap(), Some(at("2027-01-01T00:00:00Z")));
    }

    #[test]
    fn a_since_date_in_singapore_begins_at_16_00_utc_the_day_before() {
        let sg = zone("Asia/Singapore");
        assert_eq!(parse_since("2026-12-05", &sg).unwrap(), Some(at("2026-12-04T16:00:00Z")));
        assert_eq!(parse_until("2026-12-05", &sg).unwrap(), Some(at("2026-12-05T16:00:00Z")));
    }

    #[test]
    fn an_until_date_covers_the_schools_whole_day_also_when_the_clocks_change() {
        // London's 29 March 2026 has 23 hours (the clocks go forward at 01:00 UTC).
        let london = zone("Europe/London");
        assert_eq!(parse_since("2026-03-29", &london).unwrap(), Some(at("2026-03-29T00:00:00Z")));
        assert_eq!(parse_until("2026-03-29", &london).unwrap(), Some(at("2026-03-29T23:00:00Z")));
    }

    #[test]
    fn a_time_is_taken_as_the_instant_it_names_for_either_bound() {
        let t = at("2026-11-26T00:30:00Z");
        for z in [Zone::utc(), zone("Asia/Singapore")] {
            assert_eq!(parse_since("2026-11-26T08:30:00+08:00", &z).unwrap(), Some(t));
            assert_eq!(parse_until("2026-11-26T08:30:00+08:00", &z).unwrap(), Some(t));
            assert_eq!(parse_until("2026-11-26T00:30:00Z", &z).unwrap(), Some(t));
        }
    }

    /// `Event::as_str`'s match names every event (the compiler sees to that); the console's
    /// filter must offer each of them.
    #[test]
    fn the_consoles_event_filter_offers_every_event_the_engine_records() {
        let quoted = |text: &str| -> Vec<String> { text.split('\'').skip(1).step_by(2).map(str::to_owned).collect() };
        let source = include_str!("audit.rs");
        let as_str =
            source.split("impl Event {").nth(1).and_then(|rest| rest.split("pub enum Outcome").next()).unwrap();
        let engine: std::collections::BTreeSet<String> = as_str
            .lines()
            .filter_map(|l| l.trim().strip_prefix("Self::")?.split_once(" => \"").map(|(_, rest)| rest))
            .filter_map(|rest| rest.strip_suffix("\","))
            .map(str::to_owned)
            .collect();
        let ui = include_str!("../../../ui/src/console/audit.ts");
        let list = ui.split("const EVENTS = [").nth(1).and_then(|rest| rest.split("];").next()).unwrap();
        let offered: std::collections::BTreeSet<String> = quoted(list).into_iter().collect();
        assert!(engine.contains("sign_in") && engine.contains("audit_read"), "{engine:?}");
        assert_eq!(offered, engine);
    }

    #[test]
    fn a_blank_bound_means_no_bound() {
        assert_eq!(parse_since("", &Zone::utc()).unwrap(), None);
        assert_eq!(parse_until("   ", &Zone::utc()).unwrap(), None);
    }

    #[test]
    fn a_bound_that_is_not_a_date_or_time_is_refused_naming_its_field() {
        for (bad, field) in [("yesterday", "since"), ("2026-02-30", "until"), ("26/11/2026", "until")] {
            let parse = if field == "since" { parse_since } else { parse_until };
            let e = parse(bad, &Zone::utc()).unwrap_err();
            assert_eq!(e.code(), "invalid_input", "{bad}");
            assert_eq!(e.field(), Some(field), "{bad}");
            let message = e.to_string();
            assert!(message.contains(field) && message.contains(bad) && message.contains("2026-11-26"), "{message}");
        }
        let long = "x".repeat(10_000);
        assert!(
            parse_since(&long, &Zone::utc()).unwrap_err().to_string().len() < 200,
            "the input is not echoed in full"
        );
    }
}
