//! What an administrator does (DESIGN §5): create accounts, reset passwords (a temporary password
//! shown once), unlock, clear challenge questions, set the work email, list, show, read the audit
//! log, and import a whole school from CSV with every core hashing.

use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use rand::SeedableRng;
use serde::{Deserialize, Serialize};

use crate::audit::{AuditEntry, AuditQuery, AuditRecord, Event, Outcome};
use crate::clock::{Timestamp, Zone};
use crate::engine::Engine;
use crate::error::Error;
use crate::hashing::{self, PasswordHashString};
use crate::policy::PolicySubject;
use crate::scope::{
    account_rule, administrator_rule, create_rule, kinds_of, roles_of, transfer_decision_rule, transfer_request_rule,
    AdminIdentity, Op,
};
use crate::store::{Account, AccountFilter, NewAccount, PasswordChange};
use crate::store::{AuditVisibility, HardwareToken, NewTransfer, Transfer, TransferDecision};
use crate::tempgen;
use crate::text::{escaped, Text};
use crate::tokens;
use crate::twofactor::{self, AuthenticatorView};
use crate::types::{
    AccountId, AccountKind, ClassLabel, EmailAddress, FullName, Level, Location, LoginId, Role, SecretString,
    TransferId,
};

mod mails;
mod year;

pub use mails::MailView;
pub use year::{AccountEdit, PromoteRequest, Promotion, PromotionReport};

/// Accounts per transaction during an import.
const IMPORT_BATCH: usize = 100;

/// Location given to accounts created without one.
pub const DEFAULT_LOCATION: &str = "UNASSIGNED";

/// An account as an administrator sees it: state, never a secret.
#[derive(Debug, Clone, Serialize)]
pub struct AccountView {
    pub login: String,
    pub name: String,
    pub kind: AccountKind,
    pub level: Option<Level>,
    pub location: String,
    pub class: Option<String>,
    pub work_email: Option<String>,
    pub generic: bool,
    pub roles: Vec<Role>,
    /// `disabled`, `locked`, `temporary_password_expired`, `temporary_password` or `active`.
    pub state: &'static str,
    pub disabled: bool,
    pub locked: bool,
    pub locked_at: Option<String>,
    pub failed_passwords: u32,
    pub has_temporary_password: bool,
    pub temporary_password_expires: Option<String>,
    pub questions_set: bool,
    pub self_service_blocked: bool,
    pub terms_accepted: bool,
    pub last_sign_in: Option<String>,
    pub password_changed: String,
    pub created: String,
}

impl AccountView {
    /// The account's state at the engine's now; times in ISO 8601 with the school's offset.
    pub fn of(a: &Account, engine: &Engine) -> Self {
        let now = engine.now();
        let iso = |t: Timestamp| engine.zone().iso(t);
        let state = if a.disabled {
            "disabled"
        } else if a.is_locked() {
            "locked"
        } else if a.temporary_until.is_some_and(|t| t <= now) {
            "temporary_password_expired"
        } else if a.temporary_until.is_some() {
            "temporary_password"
        } else {
            "active"
        };
        Self {
            login: a.login.to_string(),
            name: a.name.as_str().to_owned(),
            kind: a.kind,
            level: a.level,
            location: a.location.as_str().to_owned(),
            class: a.class.as_ref().map(|c| c.as_str().to_owned()),
            work_email: a.work_email.as_ref().map(|e| e.to_string()),
            generic: a.generic,
            roles: a.roles.clone(),
            state,
            disabled: a.disabled,
            locked: a.is_locked(),
            locked_at: a.locked_at.map(iso),
            failed_passwords: a.failed_passwords,
            has_temporary_password: a.temporary_until.is_some(),
            temporary_password_expires: a.temporary_until.map(iso),
            questions_set: a.questions_set,
            self_service_blocked: a.sspr_blocked,
            terms_accepted: a.terms_accepted_at.is_some(),
            last_sign_in: a.last_sign_in.map(iso),
            password_changed: iso(a.password_changed_at),
            created: iso(a.created_at),
        }
    }
}

/// A hardware token in stock, as administrators see it (never its secret).
#[derive(Debug, Clone, Serialize)]
pub struct TokenView {
    pub serial: String,
    pub kind: &'static str,
    pub digits: u8,
    pub period: Option<u64>,
    pub bound_to: Option<String>,
    pub imported: String,
    /// A free token locked after too many wrong enrolment codes (an administrator frees it).
    pub locked: bool,
}

/// An account to create, as typed on the command line or read from a CSV row.
#[derive(Debug, Clone, Default)]
pub struct CreateRequest {
    pub login: String,
    pub name: String,
    pub kind: String,
    pub level: Option<String>,
    pub location: Option<String>,
    pub work_email: Option<String>,
    pub generic: bool,
    pub roles: Vec<String>,
    /// Students only: the class, e.g. `4A`.
    pub class: Option<String>,
}

/// A validated account, ready to hash and insert.
#[derive(Debug, Clone)]
pub struct AccountSpec {
    pub login: LoginId,
    pub name: FullName,
    pub kind: AccountKind,
    pub level: Option<Level>,
    pub location: Location,
    pub work_email: Option<EmailAddress>,
    pub generic: bool,
    pub roles: Vec<Role>,
    pub class: Option<ClassLabel>,
}

/// A temporary password, shown once (and read back by a thin client, which prints the slips of
/// an import it sent in parts).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedPassword {
    pub login: String,
    pub name: String,
    pub location: String,
    pub level: Option<Level>,
    #[serde(serialize_with = "serialize_secret")]
    pub temporary_password: SecretString,
    pub expires: String,
    /// The language the person chose, when they have (a reset of an account in use): their slip
    /// is printed in it (`slips::language_for`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<crate::text::Language>,
}

fn serialize_secret<S: serde::Serializer>(s: &SecretString, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s.expose())
}

/// An import file read and checked: the good rows with their line numbers, the bad rows, and
/// how many rows there were.
pub type ParsedImport = (Vec<(u64, AccountSpec)>, Vec<RowError>, usize);

/// A CSV row that could not be imported: `{line, login, reason, id, args}`, the reason in
/// English and by id.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RowError {
    /// Line in the file (the header is line 1).
    pub line: u64,
    pub login: Option<String>,
    pub reason: String,
    #[serde(flatten)]
    pub text: Text,
    /// A row the administrator's scope refuses: the audit record's subject and detail, written
    /// once by [`Admin::import_parsed`] — a check of the file, or a second reading of it, writes
    /// nothing.
    #[serde(skip)]
    refused: Option<(String, String)>,
}

impl RowError {
    fn new(line: u64, login: Option<String>, text: Text) -> Self {
        Self { line, login, reason: text.english(), text, refused: None }
    }
}

/// A row of an import file that gives administrator roles.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GrantsRoles {
    pub line: u64,
    pub login: String,
    /// The roles it gives, as the file names them (`la;sa`).
    pub roles: String,
}

/// The audit detail of a refused creation: `create refused: ` then `context`, then the rule.
fn refused_detail(context: &str, rule: &Text) -> String {
    format!("{} refused: {context}{}", Op::Create.name(), rule.english())
}

/// The roles a row gives, as the file names them (`la;sa`), if any: the one test of "this row
/// makes an administrator" for the command line and the console.
fn roles_given(spec: &AccountSpec) -> Option<String> {
    (!spec.roles.is_empty()).then(|| spec.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(";"))
}

/// The rows of an import file, as [`Admin::parse_import`] read them, that give administrator
/// roles (the rows it refused give none). The operator's import names them; a console
/// administrator's refuses them.
pub fn rows_granting_roles((good, _, _): &ParsedImport) -> Vec<GrantsRoles> {
    good.iter()
        .filter_map(|(line, spec)| {
            roles_given(spec).map(|roles| GrantsRoles { line: *line, login: spec.login.as_str().to_owned(), roles })
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub rows: usize,
    pub created: Vec<IssuedPassword>,
    pub errors: Vec<RowError>,
    pub cancelled: bool,
    pub seconds: f64,
}

/// Progress of an import, reported as accounts are written.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
    pub elapsed: Duration,
}

/// A location transfer request as administrators see it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TransferView {
    pub id: TransferId,
    pub login: String,
    pub from_location: String,
    pub to_location: String,
    pub requested_by: String,
    pub requested_at: String,
    /// `pending`, `approved` or `rejected`.
    pub state: &'static str,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
}

impl TransferView {
    pub fn of(t: &Transfer, zone: &Zone) -> Self {
        let iso = |t: Timestamp| zone.iso(t);
        Self {
            id: t.id,
            login: t.login.to_string(),
            from_location: t.from_location.as_str().to_owned(),
            to_location: t.to_location.as_str().to_owned(),
            requested_by: t.requested_by.clone(),
            requested_at: iso(t.requested_at),
            state: t.decision.map(TransferDecision::as_str).unwrap_or("pending"),
            decided_by: t.decided_by.clone(),
            decided_at: t.decided_at.map(iso),
        }
    }
}

impl AdminIdentity {
    /// The operations as this administrator, held to their roles and location
    /// ([`Admin::scoped`]).
    pub fn admin(&self, engine: Arc<Engine>) -> Admin {
        Admin::scoped(engine, self.clone())
    }
}

/// The administrator operations, acting as `actor` (recorded in the audit log).
///
/// [`Admin::new`] is the machine's operator (the command line): unrestricted. [`Admin::scoped`]
/// is an administrator signed in to the console, held to DESIGN §1:
///
/// - an **SA** acts on students of their own location (reset, unlock, clear questions, delete
///   authenticators, show, list, create, edit, disable, enable, delete, class resets and
///   year-end promotions — see `year.rs`; moving an account to another location is a transfer's);
/// - an **LA** does the same for staff (`school_staff`, `hq_staff`) of their own location, sets a
///   staff member's work email, imports hardware tokens, and requests the transfer of a staff
///   member or a student of their location to another location;
/// - an **AO** approves or rejects the transfer requests whose target is their own location;
/// - several roles give the union;
/// - nobody changes their own account through the console (reading it is allowed);
/// - nobody changes an account that holds an administrator role through the console (reading
///   it is allowed): the machine's operator looks after those;
/// - roles granted on creation must be roles the administrator holds.
///
/// Every refusal is an [`Error::Refused`] and is appended to the audit log (outcome `refused`,
/// the operation's event, the target as subject, the operation and the rule as detail).
pub struct Admin {
    engine: Arc<Engine>,
    actor: String,
    /// `None` for the unrestricted operator.
    scope: Option<AdminIdentity>,
}

impl Admin {
    /// The unrestricted operator (the command line runs as the machine's operator).
    pub fn new(engine: Arc<Engine>, actor: impl Into<String>) -> Self {
        Self { engine, actor: actor.into(), scope: None }
    }

    /// A console administrator, held to their roles and location (see [`Admin`]).
    pub fn scoped(engine: Arc<Engine>, identity: AdminIdentity) -> Self {
        Self { engine, actor: identity.login.clone(), scope: Some(identity) }
    }

    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// Who the audit log names as the actor.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The signed-in administrator, or `None` for the unrestricted operator.
    pub fn identity(&self) -> Option<&AdminIdentity> {
        self.scope.as_ref()
    }

    /// Appends the refusal of `op` on `subject` to the audit log and returns it as the error.
    /// If the log cannot be written, that failure is returned instead (the operation is refused
    /// either way).
    fn refuse(&self, op: Op, subject: &str, rule: Text) -> Error {
        // The audit log stays language-free: the rule's English.
        let rec = self.engine.record(
            &self.actor,
            subject,
            op.event(),
            Outcome::Refused,
            format!("{} refused: {}", op.name(), rule.english()),
        );
        match self.engine.store().append_audit(&rec) {
            Ok(()) => Error::Refused(rule),
            Err(e) => e,
        }
    }

    /// Audits a refusal that came from the store (a pending or decided transfer, a moved account).
    fn audited<T>(&self, op: Op, subject: &str, result: Result<T, Error>) -> Result<T, Error> {
        match result {
            Err(Error::Refused(rule)) => Err(self.refuse(op, subject, rule)),
            other => other,
        }
    }

    /// Checks that the scoped administrator may do `op` to `a` (the operator may do anything).
    fn check(&self, op: Op, a: &Account) -> Result<(), Error> {
        let Some(id) = &self.scope else { return Ok(()) };
        let verdict = if id.is(a.login.as_str()) {
            if matches!(op, Op::Read | Op::ReadMails) {
                return Ok(());
            }
            Err(Text::new("scope-own-account").arg("op", op.name()))
        } else if op == Op::RequestTransfer {
            transfer_request_rule(id, a).and_then(|()| administrator_rule(op, a))
        } else {
            account_rule(id, a).and_then(|()| administrator_rule(op, a))
        };
        verdict.map_err(|rule| self.refuse(op, a.login.as_str(), rule))
    }

    /// True when the scoped administrator may read `a` (no audit: used to filter).
    fn may_read(&self, a: &Account) -> bool {
        match &self.scope {
            None => true,
            Some(id) => id.is(a.login.as_str()) || account_rule(id, a).is_ok(),
        }
    }

    /// Checks every field of a request against the account rules (DESIGN §1). A missing
    /// location is the scoped administrator's own, or [`DEFAULT_LOCATION`] for the operator.
    pub fn validate(&self, r: &CreateRequest) -> Result<AccountSpec, Error> {
        let cfg = self.engine.config();
        let kind = AccountKind::parse(&r.kind)?;
        let login = LoginId::parse(&r.login)?;
        kind.check_login(&login, cfg.domains.domain_for(kind))?;
        let name = FullName::parse(&r.name)?;
        let level = r.level.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(Level::parse).transpose()?;
        match (kind, level) {
            (AccountKind::Student, None) => return Err(Error::invalid("level", Text::new("level-required"))),
            (k, Some(_)) if k.is_staff() => return Err(Error::invalid("level", Text::new("level-students-only"))),
            _ => {}
        }
        let default_location = self.scope.as_ref().map(|id| id.location.as_str()).unwrap_or(DEFAULT_LOCATION);
        let location =
            Location::parse(r.location.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(default_location))?;
        let work_email =
            r.work_email.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(EmailAddress::parse).transpose()?;
        let mut roles = Vec::new();
        for raw in &r.roles {
            roles.extend(Role::parse_list(raw)?);
        }
        roles.sort();
        roles.dedup();
        let class = parse_class(r.class.as_deref())?;
        if kind.is_staff() && class.is_some() {
            return Err(Error::invalid("class", Text::new("class-students-only")));
        }
        if !kind.is_staff() {
            if work_email.is_some() {
                return Err(Error::invalid("work_email", Text::new("students-no-work-email")));
            }
            if r.generic {
                return Err(Error::invalid("generic", Text::new("generic-staff-only")));
            }
            if !roles.is_empty() {
                return Err(Error::invalid("roles", Text::new("roles-staff-only")));
            }
        }
        Ok(AccountSpec { login, name, kind, level, location, work_email, generic: r.generic, roles, class })
    }

    /// The scoped administrator's refusal to create `spec` (audited), if any.
    fn check_create(&self, spec: &AccountSpec) -> Result<(), Error> {
        let Some(rule) = self.create_refusal(spec) else { return Ok(()) };
        let rec = self.engine.record(
            &self.actor,
            spec.login.as_str(),
            Op::Create.event(),
            Outcome::Refused,
            refused_detail("", &rule),
        );
        self.engine.store().append_audit(&rec)?;
        Err(Error::Refused(rule))
    }

    /// The rule that refuses the scoped administrator the creation of `spec`, if any (not audited).
    fn create_refusal(&self, spec: &AccountSpec) -> Option<Text> {
        create_rule(self.scope.as_ref()?, spec.kind, &spec.location, &spec.roles).err()
    }

    fn find(&self, login: &str) -> Result<Account, Error> {
        let id = LoginId::parse(login)?;
        self.engine.store().account_by_login(&id)?.ok_or_else(|| Error::NotFound(id.to_string()))
    }

    /// Finds the account and checks that `op` on it is within scope.
    fn find_for(&self, op: Op, login: &str) -> Result<Account, Error> {
        let a = self.find(login)?;
        self.check(op, &a)?;
        Ok(a)
    }

    fn temporary_until(&self) -> Timestamp {
        self.engine.now() + i64::from(self.engine.config().temporary_password.validity_days) * 86_400
    }

    fn issue(&self, spec: &AccountSpec, password: SecretString, until: Timestamp) -> IssuedPassword {
        IssuedPassword {
            login: spec.login.to_string(),
            name: spec.name.as_str().to_owned(),
            location: spec.location.as_str().to_owned(),
            level: spec.level,
            temporary_password: password,
            expires: self.engine.zone().iso(until),
            language: None,
        }
    }

    /// Creates one account with a generated temporary password (returned once, never stored).
    pub fn create(&self, request: &CreateRequest) -> Result<IssuedPassword, Error> {
        let spec = self.validate(request)?;
        self.check_create(&spec)?;
        let cfg = &self.engine.config().password_policy;
        let password = self.engine.with_rng(|rng| {
            tempgen::generate(rng, cfg, &PolicySubject { login: spec.login.as_str(), full_name: spec.name.as_str() })
        });
        let until = self.temporary_until();
        let new = new_account(&spec, hashing::hash(password.expose().as_bytes())?, Some(until));
        let rec =
            self.engine.record(&self.actor, spec.login.as_str(), Event::AccountCreated, Outcome::Ok, describe(&spec));
        self.engine.store().create_accounts(&[new], &[rec])?;
        Ok(self.issue(&spec, password, until))
    }

    /// Sets a new temporary password, which forces the first-sign-in path and unlocks.
    pub fn reset_password(&self, login: &str) -> Result<IssuedPassword, Error> {
        let a = self.find_for(Op::ResetPassword, login)?;
        let password = self.temporary_password_for(&a);
        let hash = hashing::hash(password.expose().as_bytes())?;
        let mut issued = self.reset_accounts(vec![(a, password, hash)])?;
        issued.pop().ok_or_else(|| Error::Internal("a reset issued no password".into()))
    }

    /// Resets several accounts (a class's slips). Every account is found and checked against the
    /// scope first: an unknown or out-of-scope login ID stops the whole request before anything
    /// changes. The resets are then written in one transaction: every password is shown, or
    /// none was set (none is lost after some were set).
    pub fn reset_passwords(&self, logins: &[String]) -> Result<Vec<IssuedPassword>, Error> {
        let accounts =
            logins.iter().map(|l| self.find_for(Op::ResetPassword, l)).collect::<Result<Vec<Account>, Error>>()?;
        let passwords: Vec<SecretString> = accounts.iter().map(|a| self.temporary_password_for(a)).collect();
        // Hash on every core (a class of 40 takes one hash time per core, not 40).
        let hashes = hash_all(&passwords)?;
        self.reset_accounts(accounts.into_iter().zip(passwords).zip(hashes).map(|((a, p), h)| (a, p, h)).collect())
    }

    fn temporary_password_for(&self, a: &Account) -> SecretString {
        self.engine.with_rng(|rng| {
            tempgen::generate(
                rng,
                &self.engine.config().password_policy,
                &PolicySubject { login: a.login.as_str(), full_name: a.name.as_str() },
            )
        })
    }

    /// Writes the new temporary passwords of `resets` in one transaction, then issues them.
    fn reset_accounts(
        &self,
        resets: Vec<(Account, SecretString, PasswordHashString)>,
    ) -> Result<Vec<IssuedPassword>, Error> {
        let until = self.temporary_until();
        let now = self.engine.now();
        let changes: Vec<(AccountId, PasswordChange)> = resets
            .iter()
            .map(|(a, _, hash)| {
                let was_at = Some(a.location.clone());
                (a.id, PasswordChange { hash: hash.clone(), temporary_until: Some(until), at: now, was_at })
            })
            .collect();
        let records: Vec<AuditRecord> = resets
            .iter()
            .map(|(a, _, _)| {
                let login = a.login.as_str();
                self.engine.record(&self.actor, login, Event::PasswordReset, Outcome::Ok, "temporary password issued")
            })
            .collect();
        self.engine.store().set_passwords(&changes, &records)?;
        // Staff hear of it at their work email, as of their own change: a reset they did not ask
        // for (someone else at the console) does not go unseen.
        for (a, _, _) in &resets {
            twofactor::notify(&self.engine, a, Text::new("password-reset-by-administrator-notice"));
        }
        Ok(resets
            .into_iter()
            .map(|(a, password, _)| {
                let language = a.language;
                let spec = AccountSpec {
                    login: a.login,
                    name: a.name,
                    kind: a.kind,
                    level: a.level,
                    location: a.location,
                    work_email: a.work_email,
                    generic: a.generic,
                    roles: a.roles,
                    class: a.class,
                };
                IssuedPassword { language, ..self.issue(&spec, password, until) }
            })
            .collect())
    }

    pub fn unlock(&self, login: &str) -> Result<AccountView, Error> {
        let a = self.find_for(Op::Unlock, login)?;
        let rec = self.engine.record(&self.actor, a.login.as_str(), Event::Unlock, Outcome::Ok, "by administrator");
        self.engine.store().unlock(a.id, rec)?;
        self.show(login)
    }

    pub fn clear_questions(&self, login: &str) -> Result<AccountView, Error> {
        let a = self.find_for(Op::ClearQuestions, login)?;
        let rec =
            self.engine.record(&self.actor, a.login.as_str(), Event::QuestionsCleared, Outcome::Ok, "by administrator");
        self.engine.store().clear_answers(a.id, rec)?;
        self.show(login)
    }

    pub fn set_work_email(&self, login: &str, email: Option<&str>) -> Result<AccountView, Error> {
        let a = self.find_for(Op::SetWorkEmail, login)?;
        if !a.kind.is_staff() {
            return Err(Error::invalid("work_email", Text::new("students-no-work-email")));
        }
        let email = email.map(EmailAddress::parse).transpose()?;
        let detail = format!("work email set to {}", email.as_ref().map(|e| e.as_str()).unwrap_or("none"));
        let rec = self.engine.record(&self.actor, a.login.as_str(), Event::AccountUpdated, Outcome::Ok, detail);
        self.engine.store().set_work_email(a.id, email.as_ref(), rec)?;
        // Told at the address it had (the codes and notices go elsewhere from now on) and at the
        // new one.
        let new = email.as_ref().map_or_else(|| "—".to_owned(), |e| e.as_str().to_owned());
        let told = || Text::new("work-email-changed-by-administrator-notice").arg("address", &new);
        twofactor::notify(&self.engine, &a, told());
        if email.is_some() && email != a.work_email {
            twofactor::notify(&self.engine, &self.find(login)?, told());
        }
        self.show(login)
    }

    /// The account's authenticators: kind, comment, serial, tested — never a secret.
    pub fn authenticators(&self, login: &str) -> Result<Vec<AuthenticatorView>, Error> {
        twofactor::views(&self.engine, &self.find_for(Op::Read, login)?)
    }

    /// How many of the account's recovery codes are left (never the codes).
    pub fn recovery_codes_left(&self, login: &str) -> Result<usize, Error> {
        crate::recovery::left(&self.engine, self.find_for(Op::Read, login)?.id)
    }

    /// Deletes every authenticator of the account (a lost phone; a shared account changing hands),
    /// and its recovery codes.
    pub fn delete_authenticators(&self, login: &str) -> Result<usize, Error> {
        let a = self.find_for(Op::DeleteAuthenticators, login)?;
        let rec = self.engine.record(
            &self.actor,
            a.login.as_str(),
            Event::TokenDeleted,
            Outcome::Ok,
            "all authenticators and recovery codes, by administrator",
        );
        let n = self.engine.store().delete_authenticators(a.id, rec)?;
        twofactor::notify(&self.engine, &a, Text::new("authenticators-removed-by-administrator-notice"));
        Ok(n)
    }

    /// Frees the hardware token `serial`: from the account it is bound to (a lost or returned
    /// token: that one authenticator is deleted, the holder is told, the token is free again), or
    /// from the lock that wrong enrolment codes put on a free token (in the console, an LA's
    /// task like importing tokens).
    pub fn unbind_token(&self, serial: &str) -> Result<(), Error> {
        let serial = serial.trim();
        let token =
            self.engine.store().hardware_tokens()?.into_iter().find(|t| t.serial == serial).ok_or_else(|| {
                let shown: String = serial.chars().take(64).collect();
                Error::invalid("serial", Text::new("token-not-in-stock").arg("serial", escaped(&shown)))
            })?;
        let Some(login) = token.bound_to else {
            if token.failed_codes < twofactor::TOKEN_ENROLMENT_TRIES {
                return Err(Error::invalid("serial", Text::new("token-not-bound").arg("serial", serial)));
            }
            if let Some(id) = self.scope.as_ref().filter(|id| !id.has(Role::La)) {
                let rule = Text::new("scope-la-frees-tokens").arg("roles", roles_of(id));
                return Err(self.refuse(Op::FreeToken, "", rule));
            }
            let detail = format!("hardware token {serial} freed after {} wrong enrolment codes", token.failed_codes);
            let rec = self.engine.record(&self.actor, "", Event::TokenFreed, Outcome::Ok, detail);
            return self.engine.store().free_hardware_token(serial, rec);
        };
        let a = self.find_for(Op::DeleteAuthenticators, login.as_str())?;
        let id = self
            .engine
            .store()
            .authenticators(a.id)?
            .into_iter()
            .find(|x| x.serial.as_deref() == Some(serial))
            .map(|x| x.id)
            .ok_or_else(|| Error::NotFound(format!("the authenticator for token {serial}")))?;
        twofactor::delete(&self.engine, &a, id, &self.actor)
    }

    /// Adds the hardware tokens of a seed file (CSV or PSKC of plain values) to the stock, all or
    /// none. In the console only an LA does this (hardware tokens are staff authenticators).
    pub fn import_tokens(&self, text: &str) -> Result<usize, Error> {
        self.import_tokens_with(text, &tokens::PskcKey::none())
    }

    /// [`Admin::import_tokens`] for a PSKC file whose values `key` opens (RFC 6030 §6).
    pub fn import_tokens_with(&self, text: &str, key: &tokens::PskcKey) -> Result<usize, Error> {
        if let Some(id) = self.scope.as_ref().filter(|id| !id.has(Role::La)) {
            let rule = Text::new("scope-la-imports-tokens").arg("roles", roles_of(id));
            return Err(self.refuse(Op::ImportTokens, "", rule));
        }
        let seeds = tokens::parse_with(text, key)?;
        let vault = self.engine.vault()?;
        let now = self.engine.now();
        let stock: Vec<HardwareToken> = seeds
            .iter()
            .map(|s| HardwareToken {
                serial: s.serial.clone(),
                secret_sealed: vault.seal(&s.secret, &crate::twofactor::hardware_token_context(&s.serial)),
                hotp: s.hotp,
                params: s.params,
                counter: s.counter,
                imported_at: now,
                bound_to: None,
                failed_codes: 0,
            })
            .collect();
        let rec = self.engine.record(
            &self.actor,
            "",
            Event::TokensImported,
            Outcome::Ok,
            format!("{} hardware token(s)", stock.len()),
        );
        self.engine.store().import_hardware_tokens(&stock, rec)
    }

    /// The hardware token stock: serial, type, and the account each is enrolled on (if any). A
    /// scoped administrator sees the free tokens and those enrolled on accounts they may read.
    pub fn tokens(&self) -> Result<Vec<TokenView>, Error> {
        let mut out = Vec::new();
        for t in self.engine.store().hardware_tokens()? {
            if let (Some(_), Some(login)) = (&self.scope, &t.bound_to) {
                match self.engine.store().account_by_login(login)? {
                    Some(a) if self.may_read(&a) => {}
                    _ => continue,
                }
            }
            out.push(TokenView {
                serial: t.serial.clone(),
                kind: if t.hotp { "hotp" } else { "totp" },
                digits: t.params.digits,
                period: (!t.hotp).then_some(t.params.period),
                bound_to: t.bound_to.as_ref().map(|l| l.to_string()),
                imported: self.engine.zone().iso(t.imported_at),
                locked: t.bound_to.is_none() && t.failed_codes >= twofactor::TOKEN_ENROLMENT_TRIES,
            });
        }
        Ok(out)
    }

    /// One account. A scoped administrator reads their own account and the accounts they act on;
    /// any other is refused (and audited) like an action.
    pub fn show(&self, login: &str) -> Result<AccountView, Error> {
        Ok(AccountView::of(&self.find_for(Op::Read, login)?, &self.engine))
    }

    /// The accounts matching `filter`. A scoped administrator gets only the accounts they act on:
    /// students (SA) and staff (LA) of their own location; a filter outside that matches nothing.
    pub fn list(&self, filter: &AccountFilter) -> Result<Vec<AccountView>, Error> {
        let engine = &self.engine;
        let store = self.engine.store();
        let Some(id) = &self.scope else {
            return Ok(store.list_accounts(filter)?.iter().map(|a| AccountView::of(a, engine)).collect());
        };
        if filter.location.as_ref().is_some_and(|l| *l != id.location) {
            return Ok(Vec::new());
        }
        let mut kinds = kinds_of(id);
        if let Some(k) = filter.kind {
            kinds.retain(|x| *x == k);
        }
        let mut f = filter.clone();
        f.location = Some(id.location.clone());
        let mut accounts = Vec::new();
        if kinds.len() == 3 {
            accounts = store.list_accounts(&f)?;
        } else {
            for k in kinds {
                f.kind = Some(k);
                accounts.extend(store.list_accounts(&f)?);
            }
            accounts.sort_by_key(|a| a.login.key());
            if filter.limit > 0 {
                accounts.truncate(filter.limit);
            }
        }
        Ok(accounts.iter().filter(|a| account_rule(id, a).is_ok()).map(|a| AccountView::of(a, engine)).collect())
    }

    /// The audit log, newest first. A scoped administrator reads the events they did themselves
    /// (actor = their login ID) and the events whose subject is an account they act on *now*
    /// (SA: students, LA: staff, of their location; an account transferred away takes its history
    /// with it). Events without such a subject (imports, unknown login IDs) are the operator's.
    /// Each event's `at` is ISO 8601 with the school's offset (as the exports carry it).
    pub fn audit(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, Error> {
        let mut entries = match &self.scope {
            None => self.engine.store().audit(query)?,
            Some(id) => self.engine.store().audit_visible(
                query,
                &AuditVisibility { actor: id.login.clone(), location: id.location.clone(), kinds: kinds_of(id) },
            )?,
        };
        for e in &mut entries {
            if let Some(t) = crate::clock::parse_time(&e.at) {
                e.at = self.engine.zone().iso(t);
            }
        }
        Ok(entries)
    }

    /// Records that this administrator read the audit log with `query` — a page of a search
    /// (`count` events from `query.offset`), or an `export` of `count` — who looked into whose
    /// history is itself history. Each page is recorded: the client chooses where a page begins.
    pub fn record_audit_read(&self, query: &AuditQuery, export: bool, count: usize) -> Result<(), Error> {
        let zone = self.engine.zone();
        let mut filter = Vec::new();
        let fields = [
            ("actor", &query.actor),
            ("subject", &query.subject),
            ("event", &query.event),
            ("outcome", &query.outcome),
        ];
        for (name, value) in fields {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                filter.push(format!("{name} {v}"));
            }
        }
        for (name, at) in [("since", query.since), ("until", query.until)] {
            if let Some(at) = at {
                filter.push(format!("{name} {}", zone.iso(at)));
            }
        }
        let filter = if filter.is_empty() { "everything".to_owned() } else { filter.join(", ") };
        let detail = if export {
            format!("export of the audit log: {count} event(s) ({filter})")
        } else {
            format!("search of the audit log: {count} event(s) at offset {} ({filter})", query.offset)
        };
        let subject = query.subject.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(&self.actor);
        let rec = self.engine.record(&self.actor, subject, Event::AuditRead, Outcome::Ok, detail);
        self.engine.store().append_audit(&rec)
    }

    /// Requests that the account `login` move to `to_location`; the AO of that location decides.
    /// In the console only an LA of the account's location does this (for staff and students).
    pub fn request_transfer(&self, login: &str, to_location: &str) -> Result<TransferView, Error> {
        let to = Location::parse(to_location)?;
        let a = self.find_for(Op::RequestTransfer, login)?;
        if a.location == to {
            let text = Text::new("already-at-location").arg("login", &a.login).arg("location", to.as_str());
            return Err(Error::invalid("location", text));
        }
        let detail = format!("transfer from {} to {} requested", a.location.as_str(), to.as_str());
        let rec = self.engine.record(&self.actor, a.login.as_str(), Event::TransferRequested, Outcome::Ok, detail);
        let new = NewTransfer {
            account: a.id,
            from_location: a.location.clone(),
            to_location: to,
            requested_by: self.actor.clone(),
            requested_at: self.engine.now(),
        };
        let id = self.audited(Op::RequestTransfer, a.login.as_str(), self.engine.store().create_transfer(&new, rec))?;
        let t = self.engine.store().transfer(id)?.ok_or_else(|| Error::Storage(format!("transfer #{id} vanished")))?;
        Ok(TransferView::of(&t, self.engine.zone()))
    }

    /// The pending transfer requests: all for the operator; for a scoped administrator those to
    /// their location (AO) and those from it (LA, to follow their requests).
    pub fn pending_transfers(&self) -> Result<Vec<TransferView>, Error> {
        let store = self.engine.store();
        let pending = match &self.scope {
            None => store.pending_transfers(None)?,
            Some(id) => store
                .pending_transfers(None)?
                .into_iter()
                .filter(|t| {
                    (id.has(Role::Ao) && t.to_location == id.location)
                        || (id.has(Role::La) && t.from_location == id.location)
                })
                .collect(),
        };
        Ok(pending.iter().map(|t| TransferView::of(t, self.engine.zone())).collect())
    }

    /// Approves (the account moves to the target location) or rejects a pending request, as
    /// `decision` says. In the console only an AO of the target location decides, and never for
    /// their own account. A request already decided is refused.
    pub fn decide_transfer(&self, id: TransferId, decision: TransferDecision) -> Result<TransferView, Error> {
        let store = self.engine.store();
        let t = store
            .transfer(id)?
            .ok_or_else(|| Error::invalid("transfer", Text::new("no-such-transfer").arg("id", id)))?;
        if let Some(who) = &self.scope {
            let verdict = if who.is(t.login.as_str()) {
                Err(Text::new("scope-own-transfer"))
            } else {
                transfer_decision_rule(who, &t)
            };
            verdict.map_err(|rule| self.refuse(Op::DecideTransfer, t.login.as_str(), rule))?;
        }
        let detail = format!(
            "transfer #{id} from {} to {} {}",
            t.from_location.as_str(),
            t.to_location.as_str(),
            decision.as_str()
        );
        let rec = self.engine.record(&self.actor, t.login.as_str(), Event::TransferDecided, Outcome::Ok, detail);
        let decided = self.audited(
            Op::DecideTransfer,
            t.login.as_str(),
            store.decide_transfer(id, decision, &self.actor, self.engine.now(), rec),
        )?;
        Ok(TransferView::of(&decided, self.engine.zone()))
    }

    /// Reads and validates an import file: the good rows and the bad rows with line numbers.
    /// Columns (any order, header row required): `login,name,kind,level,location` and optionally
    /// `work_email,generic,roles,class`. A problem with the whole file (no header, unknown column) is an
    /// error; a problem with a row is a [`RowError`].
    /// A file saved by a spreadsheet is read as saved: a byte-order mark, CRLF line ends, and `;`
    /// between fields (Excel in a locale whose decimal mark is a comma).
    /// It writes nothing, not even the audit of the rows the scope refuses: that is
    /// [`Admin::import_parsed`]'s, once, so a check of the file leaves no trace of its rows.
    pub fn parse_import(&self, input: impl Read) -> Result<ParsedImport, Error> {
        let mut input = std::io::BufReader::new(input);
        let head = std::io::BufRead::fill_buf(&mut input)
            .map_err(|e| Error::invalid("file", Text::new("import-no-header").arg("detail", e)))?;
        let delimiter = crate::csv_cell::delimiter(head);
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).delimiter(delimiter).from_reader(input);
        let headers = reader
            .headers()
            .map_err(|e| Error::invalid("file", Text::new("import-no-header").arg("detail", e)))?
            .clone();
        let cols: Vec<String> =
            headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).collect();
        const KNOWN: [&str; 9] =
            ["login", "name", "kind", "level", "location", "work_email", "generic", "roles", "class"];
        if let Some(bad) = cols.iter().find(|c| !KNOWN.contains(&c.as_str())) {
            let text = Text::new("import-unknown-column").arg("column", escaped(bad)).arg("columns", KNOWN.join(", "));
            return Err(Error::invalid("file", text));
        }
        for required in &KNOWN[..5] {
            if !cols.iter().any(|c| c == required) {
                return Err(Error::invalid("file", Text::new("import-missing-column").arg("column", required)));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, c) in cols.iter().enumerate() {
            if !seen.insert(c) {
                let text = Text::new("import-column-twice").arg("column", escaped(c)).num("position", i + 1);
                return Err(Error::invalid("file", text));
            }
        }
        let col = |name: &str| cols.iter().position(|c| c == name);
        let (login_c, name_c, kind_c, level_c, loc_c) =
            (col("login"), col("name"), col("kind"), col("level"), col("location"));
        let (email_c, generic_c, roles_c, class_c) = (col("work_email"), col("generic"), col("roles"), col("class"));

        let mut good = Vec::new();
        let mut bad = Vec::new();
        let mut logins = std::collections::HashMap::new();
        let mut rows = 0;
        let mut record = csv::StringRecord::new();
        loop {
            let line = reader.position().line() + 1;
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    rows += 1;
                    bad.push(RowError::new(line, None, Text::new("import-row-unreadable").arg("detail", &e)));
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            }
            let line = record.position().map(|p| p.line()).unwrap_or(line);
            if record.iter().all(|f| f.is_empty()) {
                continue; // blank line
            }
            rows += 1;
            // A file Gatehouse wrote has a quote before any formula-like cell: read the text.
            let get = |c: Option<usize>| {
                c.and_then(|i| record.get(i)).map(crate::csv_cell::restore).unwrap_or_default().into_owned()
            };
            let login_text = get(login_c);
            let fail = |text: Text| RowError::new(line, Some(login_text.clone()).filter(|l| !l.is_empty()), text);
            if record.len() != cols.len() {
                bad.push(fail(Text::new("import-row-fields").num("expected", cols.len()).num("found", record.len())));
                continue;
            }
            let generic = match get(generic_c).to_ascii_lowercase().as_str() {
                "" | "no" | "false" | "0" | "n" => false,
                "yes" | "true" | "1" | "y" => true,
                other => {
                    bad.push(fail(Text::new("import-row-generic").arg("value", escaped(other))));
                    continue;
                }
            };
            let req = CreateRequest {
                login: login_text.clone(),
                name: get(name_c),
                kind: get(kind_c),
                level: Some(get(level_c)),
                location: Some(get(loc_c)),
                work_email: Some(get(email_c)),
                generic,
                roles: vec![get(roles_c)],
                class: Some(get(class_c)),
            };
            let spec = match self.validate(&req) {
                Ok(s) => s,
                Err(e) => {
                    // `validate` only parses: its errors are all the row's (Invalid).
                    bad.push(fail(e.text().ok_or(e)?));
                    continue;
                }
            };
            // Scope first, before the login is looked up: a row outside it says nothing of
            // whether its login exists.
            let mut refusal = self.create_refusal(&spec);
            // A row that makes an administrator is one line among hundreds, easy to miss: a
            // console administrator gives roles one account at a time (Create shows them), and
            // only the operator imports them (`gatehouse-cli admin import --allow-roles`).
            if let (None, Some(_), Some(roles)) = (&refusal, &self.scope, roles_given(&spec)) {
                refusal = Some(Text::new("import-row-roles-console").arg("roles", roles));
            }
            if let Some(rule) = refusal {
                let detail = refused_detail(&format!("import line {line}: "), &rule);
                bad.push(RowError { refused: Some((spec.login.as_str().to_owned(), detail)), ..fail(rule) });
                continue;
            }
            if let Some(first) = logins.insert(spec.login.key(), line) {
                bad.push(fail(Text::new("import-row-login-repeated").num("line", first)));
                continue;
            }
            // Named only when this administrator may see the account anyway: a login taken at
            // another school reads as free (a check must not tell who exists there); the
            // import itself then finds it taken when it writes, as Create does.
            if self.engine.store().account_by_login(&spec.login)?.is_some_and(|a| self.may_read(&a)) {
                bad.push(fail(Text::new("import-row-exists")));
                continue;
            }
            good.push((line, spec));
        }
        Ok((good, bad, rows))
    }

    /// Imports a CSV file: every row is validated first, the good ones are created with
    /// temporary passwords hashed on all cores, in one transaction per batch. Bad rows are
    /// reported with their line numbers and do not stop the rest. `cancel` stops between
    /// batches; what was written is whole.
    pub fn import_csv(
        &self,
        input: impl Read,
        progress: &mut dyn FnMut(ImportProgress),
        cancel: &AtomicBool,
    ) -> Result<ImportReport, Error> {
        let started = Instant::now();
        self.import_parsed(self.parse_import(input)?, started, progress, cancel)
    }

    /// [`Admin::import_csv`] of a file [`Admin::parse_import`] has read (so that a caller can
    /// look at its rows first); `started` is when the import began, for its progress and rate.
    pub fn import_parsed(
        &self,
        parsed: ParsedImport,
        started: Instant,
        progress: &mut dyn FnMut(ImportProgress),
        cancel: &AtomicBool,
    ) -> Result<ImportReport, Error> {
        self.import_parsed_keeping(parsed, started, progress, cancel, &mut |_| Ok(()))
    }

    /// [`Admin::import_parsed`] that hands each batch's temporary passwords to `keep` *before*
    /// the batch is written (the command line's passwords file, flushed to disk): a process
    /// stopped at any moment has kept the password of every account it made — and perhaps of a
    /// batch it did not make, which the report leaves out. A `keep` that fails stops the import
    /// before its batch is written (nothing made whose password is not kept).
    pub fn import_parsed_keeping(
        &self,
        (specs, mut errors, rows): ParsedImport,
        started: Instant,
        progress: &mut dyn FnMut(ImportProgress),
        cancel: &AtomicBool,
        keep: &mut dyn FnMut(&[&IssuedPassword]) -> Result<(), Error>,
    ) -> Result<ImportReport, Error> {
        // Each row the scope refused, audited once, before anything is made.
        for (subject, detail) in errors.iter().filter_map(|e| e.refused.as_ref()) {
            let rec = self.engine.record(&self.actor, subject, Op::Create.event(), Outcome::Refused, detail.as_str());
            self.engine.store().append_audit(&rec)?;
        }
        let total = specs.len();
        progress(ImportProgress { done: 0, total, elapsed: started.elapsed() });
        let until = self.temporary_until();
        let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(total.max(1));
        // One CSPRNG per worker, seeded from the engine's (tests stay repeatable).
        let seeds: Vec<[u8; 32]> = self.engine.with_rng(|rng| {
            (0..workers)
                .map(|_| {
                    let mut s = [0u8; 32];
                    rng.fill_bytes(&mut s);
                    s
                })
                .collect()
        });
        let next = AtomicUsize::new(0);
        let policy = &self.engine.config().password_policy;
        let mut created: Vec<Option<IssuedPassword>> = vec![None; total];
        let mut done = 0;
        let mut cancelled = false;
        let mut failure: Option<Error> = None;

        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::sync_channel::<(usize, Result<(NewAccount, SecretString), Error>)>(IMPORT_BATCH * 2);
            for seed in seeds {
                let tx = tx.clone();
                let (next, specs) = (&next, &specs);
                scope.spawn(move || {
                    let mut rng = rand_chacha::ChaCha20Rng::from_seed(seed);
                    loop {
                        if cancel.load(Ordering::Relaxed) {
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((_, spec)) = specs.get(i) else { break };
                        let subject = PolicySubject { login: spec.login.as_str(), full_name: spec.name.as_str() };
                        let pw = tempgen::generate(&mut rng, policy, &subject);
                        let res =
                            hashing::hash(pw.expose().as_bytes()).map(|h| (new_account(spec, h, Some(until)), pw));
                        if tx.send((i, res)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);

            let mut batch: Vec<(usize, NewAccount, IssuedPassword)> = Vec::with_capacity(IMPORT_BATCH);
            // Keeps, then writes one batch in one transaction; returns how many accounts it created.
            let mut flush = |batch: &mut Vec<(usize, NewAccount, IssuedPassword)>| -> Result<usize, Error> {
                if batch.is_empty() {
                    return Ok(0);
                }
                keep(&batch.iter().map(|(_, _, issued)| issued).collect::<Vec<_>>())?;
                let mut n = 0;
                let accounts: Vec<NewAccount> = batch.iter().map(|(_, a, _)| a.clone()).collect();
                let recs: Vec<_> = batch
                    .iter()
                    .map(|(i, a, _)| {
                        self.engine.record(
                            &self.actor,
                            a.login.as_str(),
                            Event::AccountCreated,
                            Outcome::Ok,
                            format!("import line {}; {}", specs[*i].0, describe(&specs[*i].1)),
                        )
                    })
                    .collect();
                match self.engine.store().create_accounts(&accounts, &recs) {
                    Ok(_) => {
                        for (i, _, issued) in batch.drain(..) {
                            created[i] = Some(issued);
                            n += 1;
                        }
                    }
                    // Someone created one of these logins meanwhile: insert one by one so only
                    // that row fails.
                    Err(Error::Conflict(_)) => {
                        for ((i, a, issued), rec) in batch.drain(..).zip(recs) {
                            match self.engine.store().create_accounts(std::slice::from_ref(&a), &[rec]) {
                                Ok(_) => {
                                    created[i] = Some(issued);
                                    n += 1;
                                }
                                Err(Error::Conflict(_)) => errors.push(RowError::new(
                                    specs[i].0,
                                    Some(specs[i].1.login.to_string()),
                                    Text::new("import-row-exists"),
                                )),
                                Err(e) => return Err(e),
                            }
                        }
                    }
                    Err(e) => return Err(e),
                }
                Ok(n)
            };
            for (i, res) in rx {
                match res {
                    Ok((a, pw)) => batch.push((i, a, self.issue(&specs[i].1, pw, until))),
                    Err(e) => {
                        failure.get_or_insert(e);
                        cancel.store(true, Ordering::Relaxed);
                        continue;
                    }
                }
                if batch.len() >= IMPORT_BATCH {
                    match flush(&mut batch) {
                        Ok(n) => done += n,
                        Err(e) => {
                            failure.get_or_insert(e);
                            cancel.store(true, Ordering::Relaxed);
                            batch.clear();
                            continue;
                        }
                    }
                    progress(ImportProgress { done, total, elapsed: started.elapsed() });
                }
            }
            if failure.is_none() && !cancel.load(Ordering::Relaxed) {
                if let Err(e) = flush(&mut batch) {
                    failure = Some(e);
                }
            } else if failure.is_none() {
                // Cancelled: the rows already hashed in this batch are dropped, not half-written.
                cancelled = true;
            }
        });
        // Stopped part-way (the store could not be written): nothing lost when nothing was made;
        // otherwise the accounts made are in the report with their temporary passwords — their
        // only copy — and every row not made says so.
        let stopped = match failure {
            Some(e) if created.iter().all(Option::is_none) => return Err(e),
            Some(e) => {
                tracing::error!(error = %e, "an import stopped part-way");
                let reported: std::collections::HashSet<u64> = errors.iter().map(|e| e.line).collect();
                for (i, (line, spec)) in specs.iter().enumerate() {
                    if created[i].is_none() && !reported.contains(line) {
                        errors.push(RowError::new(*line, Some(spec.login.to_string()), Text::new("import-stopped")));
                    }
                }
                cancelled = true;
                true
            }
            None => false,
        };
        let created: Vec<IssuedPassword> = created.into_iter().flatten().collect();
        done = created.len();
        progress(ImportProgress { done, total, elapsed: started.elapsed() });
        errors.sort_by_key(|e| e.line);
        let summary = format!(
            "{} created, {} rejected of {rows} rows{}",
            created.len(),
            errors.len(),
            match (stopped, cancelled) {
                (true, _) => "; stopped: the account store could not be written",
                (false, true) => "; cancelled",
                (false, false) => "",
            }
        );
        let outcome = if stopped { Outcome::Failed } else { Outcome::Ok };
        let rec = self.engine.record(&self.actor, "", Event::Import, outcome, summary);
        match self.engine.store().append_audit(&rec) {
            Ok(()) => {}
            // The store that stopped the import may refuse this too: the passwords still go
            // back (each account made has its own creation record).
            Err(e) if stopped => tracing::error!(error = %e, "could not audit the import that stopped"),
            Err(e) => return Err(e),
        }
        Ok(ImportReport { rows, created, errors, cancelled, seconds: started.elapsed().as_secs_f64() })
    }
}

/// The row for `spec`: a temporary password until `until`, or (`None`) a password its owner chose.
pub(crate) fn new_account(
    spec: &AccountSpec,
    hash: hashing::PasswordHashString,
    until: Option<Timestamp>,
) -> NewAccount {
    NewAccount {
        login: spec.login.clone(),
        name: spec.name.clone(),
        kind: spec.kind,
        level: spec.level,
        location: spec.location.clone(),
        work_email: spec.work_email.clone(),
        generic: spec.generic,
        roles: spec.roles.clone(),
        password_hash: hash,
        temporary_until: until,
        terms_accepted_at: None,
        class: spec.class.clone(),
    }
}

fn describe(spec: &AccountSpec) -> String {
    let mut s = format!("{} at {}", spec.kind.as_str(), spec.location.as_str());
    if let Some(l) = spec.level {
        s += &format!(", level {}", l.as_str());
    }
    if let Some(c) = &spec.class {
        s += &format!(", class {}", c.as_str());
    }
    if spec.generic {
        s += ", generic";
    }
    if !spec.roles.is_empty() {
        s += &format!(", roles {}", spec.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(";"));
    }
    s
}

/// A class label as typed (blank: none).
fn parse_class(raw: Option<&str>) -> Result<Option<ClassLabel>, Error> {
    raw.map(str::trim).filter(|s| !s.is_empty()).map(ClassLabel::parse).transpose()
}

/// Hashes `passwords` on every core, in order.
fn hash_all(passwords: &[SecretString]) -> Result<Vec<PasswordHashString>, Error> {
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(passwords.len().max(1));
    let chunk = passwords.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = passwords
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter().map(|p| hashing::hash(p.expose().as_bytes())).collect::<Result<Vec<_>, Error>>()
                })
            })
            .collect();
        let mut out = Vec::with_capacity(passwords.len());
        for h in handles {
            out.extend(h.join().map_err(|_| Error::Hashing("a hashing thread panicked".into()))??);
        }
        Ok(out)
    })
}
