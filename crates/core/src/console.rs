//! Administrator sign-in (DESIGN §5): the password and a code from a tested authenticator, for an
//! account that holds an administrator role. It opens the console and lets an administrator close
//! a lab kiosk. Failures count towards the same lockout as the wizard's sign-in; every attempt is
//! audited with its detail while the person is told only what is safe.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::admin::Admin;
use crate::audit::{Event, Outcome};
use crate::clock::Timestamp;
use crate::engine::{Engine, PasswordCheck};
use crate::error::Error;
use crate::otp::{self, OtpParams, TotpCheck};
use crate::recovery::{self, Redeemed};
pub use crate::scope::AdminIdentity;
use crate::security_keys::{self, KeyCheck};
use crate::store::Account;
use crate::text::Text;
use crate::twofactor;
use crate::types::{AuthenticatorId, LoginId, SecretString};

/// Why an administrator sign-in was refused: a stable `code` and a message safe to show, in
/// English and by id (`{"code", "message", "id"}` on the wire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
    #[serde(flatten)]
    pub text: Text,
}

impl Refusal {
    fn new(code: &'static str, text: Text) -> Self {
        Self { code, message: text.english(), text }
    }
}

/// How an administrator's sign-in ended, when it could be checked at all.
#[derive(Debug, Clone)]
#[must_use]
pub enum SignInOutcome {
    /// The administrator is signed in.
    SignedIn(AdminIdentity),
    /// Refused, with what is safe to tell them; the attempt was counted and audited.
    Refused(Refusal),
}

impl SignInOutcome {
    /// The administrator, or the refusal as the error (for a caller that answers with it).
    pub fn into_result(self) -> Result<AdminIdentity, Refusal> {
        match self {
            Self::SignedIn(identity) => Ok(identity),
            Self::Refused(refusal) => Err(refusal),
        }
    }
}

pub mod codes {
    pub const SIGN_IN_FAILED: &str = "admin_sign_in_failed";
    pub const ACCOUNT_LOCKED: &str = "account_locked";
    pub const ACCOUNT_DISABLED: &str = "account_disabled";
    pub const NOT_ADMINISTRATOR: &str = "not_administrator";
    pub const NO_AUTHENTICATOR: &str = "no_authenticator";
    pub const TEMPORARY_PASSWORD: &str = "temporary_password";
    /// The key's answer to an administrator's security key sign-in was refused.
    pub const SECURITY_KEY_REFUSED: &str = "security_key_refused";
    pub const SECURITY_KEY_TIMEOUT: &str = "security_key_timeout";
    /// A kiosk's exit tried again too soon after wrong tries ([`crate::slowdown`]).
    pub const KIOSK_EXIT_WAIT: &str = "kiosk_exit_wait";
}

/// The refusal of a kiosk exit that must wait `seconds` more.
pub fn kiosk_exit_wait(seconds: u64) -> Refusal {
    Refusal::new(codes::KIOSK_EXIT_WAIT, Text::new("kiosk-exit-wait").num("seconds", seconds))
}

fn sign_in_failed() -> SignInOutcome {
    SignInOutcome::Refused(Refusal::new(codes::SIGN_IN_FAILED, Text::new("admin-sign-in-failed")))
}

fn account_locked() -> SignInOutcome {
    SignInOutcome::Refused(Refusal::new(codes::ACCOUNT_LOCKED, Text::new("admin-account-locked")))
}

/// The console's session ends after this many seconds without a command (ASVS 3.3.2).
pub const IDLE_LIMIT_SECONDS: i64 = 15 * 60;

/// A signed-in administrator's console session: who, when they last acted, and the files the
/// session wrote (slips, exports) — the only ones the console may open.
#[derive(Debug)]
pub struct ConsoleSession {
    identity: AdminIdentity,
    last_used: Timestamp,
    /// How long it may go unused: [`IDLE_LIMIT_SECONDS`], or less (a kiosk's idle time).
    idle_limit: Timestamp,
    files: HashSet<PathBuf>,
}

impl ConsoleSession {
    pub fn new(identity: AdminIdentity, now: Timestamp) -> Self {
        Self::with_idle_limit(identity, now, IDLE_LIMIT_SECONDS)
    }

    /// A session that ends after `idle_limit` seconds unused (at a kiosk, the kiosk's idle time;
    /// never more than [`IDLE_LIMIT_SECONDS`]).
    pub fn with_idle_limit(identity: AdminIdentity, now: Timestamp, idle_limit: Timestamp) -> Self {
        Self { identity, last_used: now, idle_limit: idle_limit.min(IDLE_LIMIT_SECONDS), files: HashSet::new() }
    }

    /// The administrator, when the session was used less than its idle limit ago (and it counts
    /// as used now; a clock set back does not stretch it); `None` once it has been idle that long.
    pub fn touch(&mut self, now: Timestamp) -> Option<&AdminIdentity> {
        if self.is_idle(now) {
            return None;
        }
        self.last_used = self.last_used.max(now);
        Some(&self.identity)
    }

    /// True once the session has been idle for its idle limit (without counting as a use).
    pub fn is_idle(&self, now: Timestamp) -> bool {
        now - self.last_used >= self.idle_limit
    }

    /// Records a file this session wrote.
    pub fn remember(&mut self, path: &Path) {
        self.files.insert(path.to_owned());
    }

    /// The files this session wrote.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(PathBuf::as_path)
    }

    /// True only for a file this session wrote (never a path a window merely names).
    pub fn wrote(&self, path: &Path) -> bool {
        self.files.contains(path)
    }
}

/// Signs an administrator in with `password` and a current `code` of a tested authenticator,
/// for `purpose` (written to the audit log, e.g. "console"); wrong passwords and codes count
/// towards the administrator's lockout.
pub fn sign_in(
    engine: &Engine,
    login: &str,
    password: &SecretString,
    code: &str,
    purpose: &str,
) -> Result<SignInOutcome, Error> {
    sign_in_as(engine, login, password, code, purpose, true)
}

/// An administrator closing a kiosk: the same checks as [`sign_in`], each failure audited, but
/// none counted towards the administrator's lockout — anyone at a kiosk can try, and five tries
/// must not lock the administrator out of every kiosk. The kiosk slows down instead
/// ([`crate::slowdown::Slowdown`], kept by the kiosk or, for a thin kiosk, by the server).
pub fn kiosk_exit(engine: &Engine, login: &str, password: &SecretString, code: &str) -> Result<SignInOutcome, Error> {
    sign_in_as(engine, login, password, code, "kiosk exit", false)
}

/// [`kiosk_exit`] behind the kiosk's [`Slowdown`](crate::slowdown::Slowdown) (see [`slowed`]).
pub fn kiosk_exit_slowed(
    engine: &Engine,
    slowdown: &dyn crate::slowdown::Keeper,
    login: &str,
    password: &SecretString,
    code: &str,
) -> Result<SignInOutcome, Error> {
    let outcome = slowed(slowdown, || kiosk_exit(engine, login, password, code), judge_outcome)?;
    Ok(outcome.unwrap_or_else(SignInOutcome::Refused))
}

/// The checks before the second factor: the password (counted, or at a kiosk's exit only
/// audited), an administrator role, no temporary password, a tested authenticator. The account,
/// or the refusal (audited).
fn first_checks(
    engine: &Engine,
    login: &str,
    password: &SecretString,
    purpose: &str,
    counted: bool,
) -> Result<Result<Account, Refusal>, Error> {
    let checked = if counted {
        engine.check_password(login, password)?
    } else {
        engine.check_password_uncounted(login, password, twofactor::KIOSK_EXIT_NOT_COUNTED)?
    };
    let account = match checked {
        PasswordCheck::Right(account) => *account,
        PasswordCheck::Wrong => return Ok(Err(Refusal::new(codes::SIGN_IN_FAILED, Text::new("admin-sign-in-failed")))),
        PasswordCheck::Locked => {
            return Ok(Err(Refusal::new(codes::ACCOUNT_LOCKED, Text::new("admin-account-locked"))))
        }
        PasswordCheck::Disabled => {
            let text = Text::new("admin-account-disabled");
            return Ok(Err(said_at(counted, Refusal::new(codes::ACCOUNT_DISABLED, text))));
        }
    };
    let login = account.login.to_string();
    let refuse = |code: &'static str, text: Text, detail: &str| -> Result<Result<Account, Refusal>, Error> {
        engine.store().append_audit(&engine.record(
            &login,
            &login,
            Event::SignInFailed,
            Outcome::Refused,
            format!("administrator sign-in ({purpose}): {detail}"),
        ))?;
        Ok(Err(said_at(counted, Refusal::new(code, text))))
    };
    if account.roles.is_empty() {
        return refuse(codes::NOT_ADMINISTRATOR, Text::new("admin-not-administrator"), "no administrator role");
    }
    if account.temporary_until.is_some() {
        return refuse(codes::TEMPORARY_PASSWORD, Text::new("admin-temporary-password"), "temporary password");
    }
    if !twofactor::has_tested(engine, &account)? {
        return refuse(codes::NO_AUTHENTICATOR, Text::new("admin-no-authenticator"), "no tested authenticator");
    }
    Ok(Ok(account))
}

/// What a refusal after a right password says: itself where wrong passwords count (the
/// console), but at a kiosk's exit, where they do not, the same as a wrong password — or any
/// account's right password would be told apart there, with no lockout behind it (the detail is
/// in the audit log).
fn said_at(counted: bool, refusal: Refusal) -> Refusal {
    if counted {
        refusal
    } else {
        Refusal::new(codes::SIGN_IN_FAILED, Text::new("admin-sign-in-failed"))
    }
}

/// The administrator signed in (audited, with how) by authenticator `by` (`None`: a recovery code).
fn signed_in(
    engine: &Engine,
    account: Account,
    purpose: &str,
    how: &str,
    by: Option<AuthenticatorId>,
) -> Result<SignInOutcome, Error> {
    let login = account.login.to_string();
    let roles: Vec<&str> = account.roles.iter().map(|r| r.as_str()).collect();
    engine.store().append_audit(&engine.record(
        &login,
        &login,
        Event::SignIn,
        Outcome::Ok,
        format!("administrator sign-in ({purpose}) as {}{how}", roles.join("+")),
    ))?;
    Ok(SignInOutcome::SignedIn(AdminIdentity {
        login,
        stamp: Some(account.credential_stamp()),
        roles: account.roles,
        location: account.location,
        signed_in_at: engine.now(),
        factor_by: by,
        factor_at: Some(engine.now()),
    }))
}

/// A wrong second factor: counted and audited by the checker; locked or refused.
fn second_factor_refused(engine: &Engine, account: &Account, refusal: SignInOutcome) -> Result<SignInOutcome, Error> {
    let locked = engine.store().account_by_login(&account.login)?.is_some_and(|a| a.is_locked());
    Ok(if locked { account_locked() } else { refusal })
}

fn sign_in_as(
    engine: &Engine,
    login: &str,
    password: &SecretString,
    code: &str,
    purpose: &str,
    counted: bool,
) -> Result<SignInOutcome, Error> {
    let account = match first_checks(engine, login, password, purpose, counted)? {
        Ok(account) => account,
        Err(refused) => return Ok(SignInOutcome::Refused(refused)),
    };
    let purpose_of_code = if counted { twofactor::CodeFor::SignIn } else { twofactor::CodeFor::KioskExit };
    // A recovery code in the code's field stands in for the authenticator (not at a kiosk's
    // exit, whose wrong codes are not counted: a code that cannot be guessed is still not tried
    // where nothing counts).
    // `by`: the authenticator whose code was accepted (`None` for a recovery code).
    let accepted = if counted && recovery::normalise(code).is_some() {
        matches!(recovery::redeem(engine, &account, code)?, Redeemed::Accepted { .. }).then_some(None)
    } else {
        match twofactor::verify_by(engine, &account, code.trim(), purpose_of_code)? {
            (TotpCheck::Accepted { .. }, Some(by)) => Some(Some(by)),
            _ => None,
        }
    };
    let Some(by) = accepted else {
        // `verify` and `redeem` have counted and audited the wrong code (and locked after too many).
        return second_factor_refused(engine, &account, sign_in_failed());
    };
    signed_in(engine, account, purpose, "", by)
}

/// An administrator's sign-in with a security key under way: whose password was right, for what
/// (the console, or closing a kiosk), and the ceremony the window runs with the key. Kept by the
/// caller between the two halves (the app's shell in memory, the server sealed in its sessions
/// table); used once.
#[derive(Debug, Serialize, Deserialize)]
pub struct KeySignIn {
    /// The account's login ID; at a kiosk's exit whose first checks refused, the ID as typed
    /// (the audit's subject).
    login: String,
    purpose: String,
    /// False at a kiosk's exit: a refusal is audited but not counted towards the lockout.
    counted: bool,
    /// When the ceremony began: its answer is taken for [`KEY_WAIT_SECONDS`].
    started_at: Timestamp,
    /// Which password was checked (`None` where the first checks refused): a password set
    /// before the answer comes — an operator's reset of an account believed taken — refuses it.
    #[serde(default)]
    stamp: Option<crate::store::CredentialStamp>,
    pub ceremony: security_keys::Ceremony,
    /// What the answer is checked against; `None` where nothing can pass — a kiosk's exit whose
    /// first checks refused (audited then), which asks for the touch all the same.
    state: Option<security_keys::SignInCeremony>,
}

impl KeySignIn {
    /// True when this sign-in closes a kiosk (rather than opening the console).
    pub fn is_kiosk_exit(&self) -> bool {
        !self.counted
    }
}

/// How long the key's answer to an administrator's ceremony may take: finding the key, the touch.
pub const KEY_WAIT_SECONDS: i64 = 120;

/// The first half of an administrator's sign-in with a security key: the same checks as
/// [`sign_in`] up to the code (the password counted), then a ceremony for the administrator's
/// tested keys — refused (`no_authenticator`) when they have none.
pub fn start_key_sign_in(
    engine: &Engine,
    login: &str,
    password: &SecretString,
    purpose: &str,
) -> Result<Result<KeySignIn, Refusal>, Error> {
    start_key(engine, login, password, purpose, true)
}

/// [`start_key_sign_in`] for closing a kiosk, as [`kiosk_exit`] does with a code: the password
/// audited but not counted. Behind the kiosk's slowdown: see [`slowed`].
///
/// Nothing is counted there, so nothing may tell a right password from a wrong one: whatever the
/// first checks say (audited), the answer is a ceremony — for the login's tested keys if it has
/// any, else a decoy ([`security_keys::decoy_sign_in`]) — and the refusal comes after the touch,
/// the same one for a wrong password as for a wrong key. Only a locked account, which is told
/// whatever the password, is refused at once.
pub fn start_key_kiosk_exit(
    engine: &Engine,
    login: &str,
    password: &SecretString,
) -> Result<Result<KeySignIn, Refusal>, Error> {
    start_key(engine, login, password, "kiosk exit", false)
}

fn start_key(
    engine: &Engine,
    login: &str,
    password: &SecretString,
    purpose: &str,
    counted: bool,
) -> Result<Result<KeySignIn, Refusal>, Error> {
    let pending = |login: String, stamp, ceremony, state| KeySignIn {
        login,
        purpose: purpose.to_owned(),
        counted,
        started_at: engine.now(),
        stamp,
        ceremony,
        state,
    };
    let account = match first_checks(engine, login, password, purpose, counted)? {
        Ok(account) => account,
        // A locked account is refused whatever the password; elsewhere than at a kiosk's exit,
        // wrong passwords count, and the refusal says what it is.
        Err(refused) if counted || refused.code == codes::ACCOUNT_LOCKED => return Ok(Err(refused)),
        Err(_) => {
            let (subject, ceremony) = ceremony_of_login(engine, login)?;
            return Ok(Ok(pending(subject, None, ceremony, None)));
        }
    };
    let subject = account.login.to_string();
    let stamp = Some(account.credential_stamp());
    match security_keys::start_sign_in(engine, &account, None)? {
        Some((ceremony, state)) => {
            if !counted {
                // A wrong password was audited before its decoy; a right one is too, so that
                // both take the same work (a write) before the answer — and the log says a
                // kiosk's exit waits for this administrator's touch.
                let detail = format!("administrator sign-in ({purpose}): the password was right");
                engine.store().append_audit(&engine.record(
                    &subject,
                    &subject,
                    Event::SecurityKeyAsked,
                    Outcome::Ok,
                    detail,
                ))?;
            }
            Ok(Ok(pending(subject, stamp, ceremony, Some(state))))
        }
        // Only an administrator who knows their password hears this, as one with a key would
        // be asked for its touch: the ceremony itself tells them so.
        None if counted => Ok(Err(Refusal::new(codes::NO_AUTHENTICATOR, Text::new("admin-no-security-key")))),
        None => {
            engine.store().append_audit(&engine.record(
                &subject,
                &subject,
                Event::SignInFailed,
                Outcome::Refused,
                format!("administrator sign-in ({purpose}): no tested security key"),
            ))?;
            let ceremony = security_keys::decoy_sign_in(engine, &subject)?;
            Ok(Ok(pending(subject, None, ceremony, None)))
        }
    }
}

/// The ceremony a kiosk's exit shows for `login` whatever the password: for its tested keys, or
/// a decoy; and the audit's subject.
fn ceremony_of_login(engine: &Engine, login: &str) -> Result<(String, security_keys::Ceremony), Error> {
    let account = match LoginId::parse(login) {
        Ok(login) => engine.store().account_by_login(&login)?,
        Err(_) => None,
    };
    let Some(account) = account else {
        let key = crate::engine::login_key(login);
        let ceremony = security_keys::decoy_sign_in(engine, &key)?;
        return Ok((key, ceremony));
    };
    let subject = account.login.to_string();
    let ceremony = match security_keys::start_sign_in(engine, &account, None)? {
        Some((ceremony, _)) => ceremony,
        None => security_keys::decoy_sign_in(engine, &subject)?,
    };
    Ok((subject, ceremony))
}

/// The second half: the key's answer to the ceremony, checked (a refusal audited and, unless
/// at a kiosk's exit, counted towards the administrator's lockout, as a wrong code is).
pub fn finish_key_sign_in(
    engine: &Engine,
    pending: KeySignIn,
    answer: &serde_json::Value,
) -> Result<SignInOutcome, Error> {
    let login = pending.login.as_str();
    if engine.now() - pending.started_at > KEY_WAIT_SECONDS {
        // Nothing was guessed: the answer came too late to be looked at (audited, not counted).
        let rec =
            engine.record(login, login, Event::SecurityKeyUsed, Outcome::Refused, "not checked: the ceremony expired");
        engine.store().append_audit(&rec)?;
        return Ok(SignInOutcome::Refused(Refusal::new(
            codes::SECURITY_KEY_TIMEOUT,
            Text::new("security-key-timeout"),
        )));
    }
    // At a kiosk's exit every refusal after the touch reads the same (the detail is audited), so
    // that none tells whether the password before it was right.
    let outcome = |refusal: SignInOutcome| match refusal {
        SignInOutcome::Refused(_) if !pending.counted => {
            SignInOutcome::Refused(Refusal::new(codes::SIGN_IN_FAILED, Text::new("admin-key-sign-in-failed")))
        }
        other => other,
    };
    let Some(state) = &pending.state else {
        let detail = "not checked: the password or the account had been refused (kiosk exit)";
        engine.store().append_audit(&engine.record(login, login, Event::SecurityKeyUsed, Outcome::Refused, detail))?;
        return Ok(outcome(sign_in_failed()));
    };
    let account = match LoginId::parse(login) {
        Ok(login) => engine.store().account_by_login(&login)?,
        Err(_) => None,
    };
    let Some(account) = account else { return Ok(outcome(sign_in_failed())) };
    if account.disabled {
        let refusal = Refusal::new(codes::ACCOUNT_DISABLED, Text::new("admin-account-disabled"));
        return Ok(outcome(SignInOutcome::Refused(refusal)));
    }
    if !account.still_proved(pending.started_at, pending.stamp.as_ref()) || account.temporary_until.is_some() {
        // Reset while the key was being found (an account believed taken): the password
        // checked before is no longer the account's. Nothing was guessed: audited, not counted.
        let detail = "not checked: the password was set again after it was checked";
        engine.store().append_audit(&engine.record(login, login, Event::SecurityKeyUsed, Outcome::Refused, detail))?;
        return Ok(outcome(sign_in_failed()));
    }
    let purpose = if pending.counted { twofactor::CodeFor::SignIn } else { twofactor::CodeFor::KioskExit };
    Ok(outcome(match security_keys::finish_sign_in_by(engine, &account, state, answer, purpose)? {
        (KeyCheck::Accepted, Some(key)) if !account.is_locked() => {
            return signed_in(engine, account, &pending.purpose, " with a security key", Some(key))
        }
        (KeyCheck::Accepted | KeyCheck::Locked, _) => account_locked(),
        (KeyCheck::Refused, _) => {
            let refusal =
                SignInOutcome::Refused(Refusal::new(codes::SECURITY_KEY_REFUSED, Text::new("security-key-refused")));
            second_factor_refused(engine, &account, refusal)?
        }
    }))
}

/// What a try at a kiosk's exit tells its [`Slowdown`](crate::slowdown::Slowdown).
pub enum Try {
    /// Right all the way: the count starts over.
    Right,
    /// Refused, or only begun (a password before the key's touch): the next try may have to wait.
    Wrong,
}

/// Runs one try at a kiosk's exit behind the kiosk's slowdown: while the kiosk waits, refused
/// unchecked (`kiosk_exit_wait`); a refused try slows it further, a right one starts the count
/// over. `judge` tells which the outcome was.
///
/// The try is counted as wrong when it is let through, in the same atomic change as the check,
/// and taken back if it was not: tries sent at once are let through no more than one by one would
/// be (the free ones and one more), however long each takes to check.
pub fn slowed<T>(
    slowdown: &dyn crate::slowdown::Keeper,
    attempt: impl FnOnce() -> Result<T, Error>,
    judge: impl FnOnce(&T) -> Try,
) -> Result<Result<T, Refusal>, Error> {
    if let Err(seconds) = slowdown.let_through()? {
        tracing::warn!(seconds, "kiosk exit: not checked, the kiosk waits after wrong tries");
        return Ok(Err(kiosk_exit_wait(seconds)));
    }
    let outcome = match attempt() {
        Ok(outcome) => outcome,
        Err(e) => {
            if let Err(undo) = slowdown.take_back() {
                tracing::warn!(error = %undo, "kiosk exit: a try that failed stays counted as wrong");
            }
            return Err(e);
        }
    };
    if let Try::Right = judge(&outcome) {
        slowdown.right()?;
    }
    Ok(Ok(outcome))
}

/// The second half of a try at a kiosk's exit with a key — the answer to a ceremony that
/// [`slowed`] let through and counted as wrong ([`judge_key_start`]): checked without waiting
/// (its try is already counted), and a right one starts the count over.
pub fn slowed_finish(
    slowdown: &dyn crate::slowdown::Keeper,
    finish: impl FnOnce() -> Result<SignInOutcome, Error>,
) -> Result<SignInOutcome, Error> {
    let outcome = finish()?;
    if let Try::Right = judge_outcome(&outcome) {
        slowdown.right()?;
    }
    Ok(outcome)
}

/// How [`slowed`] judges a whole sign-in.
pub fn judge_outcome(outcome: &SignInOutcome) -> Try {
    match outcome {
        SignInOutcome::SignedIn(_) => Try::Right,
        SignInOutcome::Refused(_) => Try::Wrong,
    }
}

/// How [`slowed`] judges the first half of a sign-in with a key: as a wrong try, whatever its
/// password — every try begins with one, and a half begun and never finished costs the same
/// Argon2id work as a whole one. A right answer then starts the count over ([`slowed_finish`]).
pub fn judge_key_start(_: &Result<KeySignIn, Refusal>) -> Try {
    Try::Wrong
}

/// True while `identity`'s account still is what it was at sign-in — there, not locked, not
/// disabled, with the same roles and location, no password set since (a reset of an account
/// believed taken ends its console too), and the authenticator that signed in still enrolled
/// and tested ([`AdminIdentity::factor_by`]; after a recovery code, or in a session saved before
/// that was kept, any tested one enrolled by then): deleting a lost phone — another
/// administrator's "delete authenticators", or its owner's own Delete — ends a console its
/// finder signed in to, even while another authenticator stays or a new one is tested. A
/// console acts on a request only then (the app's and the server's alike); otherwise its
/// session ends.
pub fn still_administrator(engine: &Engine, identity: &AdminIdentity) -> Result<bool, Error> {
    let account = match LoginId::parse(&identity.login) {
        Ok(login) => engine.store().account_by_login(&login)?,
        Err(_) => None,
    };
    let Some(a) = account else { return Ok(false) };
    let unchanged = !a.is_locked()
        && !a.disabled
        && a.roles == identity.roles
        && a.location == identity.location
        && a.still_proved(identity.signed_in_at, identity.stamp.as_ref());
    if !unchanged {
        return Ok(false);
    }
    let at = identity.factor_at.unwrap_or(identity.signed_in_at);
    Ok(twofactor::factor_still_given(&engine.store().authenticators(a.id)?, identity.factor_by, at))
}

/// True on an install's first run: the store holds no account at all, so the window offers to
/// create the first administrator (DESIGN §5: "an empty install"). A school whose accounts were
/// made otherwise (`gatehouse-cli admin import`, or its only administrator deleted) is not
/// empty: whoever sits at the window could otherwise make themselves its administrator. Its
/// operator creates one with `gatehouse-cli admin create --roles`.
pub fn needs_first_administrator(engine: &Engine) -> Result<bool, Error> {
    Ok(engine.store().count_accounts()? == 0)
}

/// The first administrator's password checklist as typed so far: the same rules, judged the same
/// way, as `change_password` shows (issue 15), against the login ID and name typed beside it.
#[derive(Debug, Clone, Serialize)]
pub struct PasswordChecklist {
    pub rules: Vec<crate::policy::RuleResult>,
    /// `None` while the field is empty.
    pub strength: Option<crate::policy::Strength>,
}

pub fn first_administrator_rules(engine: &Engine, login: &str, name: &str, password: &str) -> PasswordChecklist {
    let subject = crate::policy::PolicySubject { login: login.trim(), full_name: name.trim() };
    PasswordChecklist {
        rules: crate::policy::evaluate(&engine.config().password_policy, password, &subject),
        strength: (!password.is_empty()).then(|| crate::policy::strength(password, &subject)),
    }
}

/// What the person scans (or types) to enrol the first administrator's authenticator. The key
/// is wiped when this is dropped and never printed.
#[derive(Serialize, zeroize::Zeroize, zeroize::ZeroizeOnDrop)]
pub struct Enrolment {
    /// The secret in base32, in groups of four.
    pub secret: String,
    pub otpauth_uri: String,
    pub qr_svg: String,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Enrolment(***)")
    }
}

/// The first administrator, checked and waiting for a code from their new authenticator. Nothing
/// is stored until [`FirstAdministrator::finish`] succeeds.
pub struct FirstAdministrator {
    spec: crate::admin::AccountSpec,
    password: SecretString,
    secret: zeroize::Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for FirstAdministrator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FirstAdministrator").field("login", &self.spec.login.as_str()).finish_non_exhaustive()
    }
}

/// The first administrator's details as typed.
#[derive(Debug, Default)]
pub struct FirstAdministratorRequest {
    pub login: String,
    pub name: String,
    /// `school_staff` or `hq_staff`.
    pub kind: String,
    pub location: String,
    pub work_email: Option<String>,
    pub password: SecretString,
    pub confirm_password: SecretString,
}

impl FirstAdministrator {
    /// Checks the details (the account rules, the password policy, the confirmation) and draws the
    /// authenticator's secret. Refused once any administrator exists.
    pub fn prepare(engine: &Arc<Engine>, r: FirstAdministratorRequest) -> Result<(Self, Enrolment), Error> {
        if !needs_first_administrator(engine)? {
            return Err(Error::Refused(Text::new("first-run-done")));
        }
        let kind = crate::types::AccountKind::parse(&r.kind)?;
        if !kind.is_staff() {
            return Err(Error::invalid("kind", Text::new("first-run-staff-only")));
        }
        let spec = Admin::new(Arc::clone(engine), "first run").validate(&crate::admin::CreateRequest {
            login: r.login,
            name: r.name,
            kind: r.kind,
            level: None,
            location: Some(r.location),
            work_email: r.work_email,
            generic: false,
            roles: vec!["sa".into(), "la".into(), "ao".into()],
            class: None,
        })?;
        if r.password.expose() != r.confirm_password.expose() {
            return Err(Error::invalid("confirm_password", Text::new("first-run-passwords-differ")));
        }
        let subject = crate::policy::PolicySubject { login: spec.login.as_str(), full_name: spec.name.as_str() };
        let rules = crate::policy::checklist(&engine.config().password_policy, r.password.expose(), &subject);
        if let Some((_, rule)) = rules.into_iter().find(|(rule, _)| !rule.ok) {
            return Err(Error::invalid("password", Text::new("first-run-password-rule").message("rule", rule)));
        }
        let secret = engine.with_rng(|rng| otp::generate_secret(rng));
        let params = OtpParams::default();
        let uri = otp::otpauth_uri(&engine.config().two_factor.issuer, spec.login.as_str(), &secret, &params)?;
        let enrolment = Enrolment {
            secret: otp::grouped_base32(&secret).to_string(),
            otpauth_uri: uri.to_string(),
            qr_svg: otp::qr_svg(&uri)?,
        };
        Ok((Self { spec, password: r.password, secret }, enrolment))
    }

    /// With a current code from the new authenticator: creates the administrator (roles SA, LA
    /// and AO, the password they chose) and their tested authenticator, and signs them in. A
    /// wrong code changes nothing and can be retried.
    pub fn finish(&self, engine: &Engine, code: &str) -> Result<SignInOutcome, Error> {
        if !needs_first_administrator(engine)? {
            return Err(Error::Refused(Text::new("first-run-done")));
        }
        let params = OtpParams::default();
        let step = match otp::verify_totp(&self.secret, &params, code.trim(), engine.now() as u64, None) {
            TotpCheck::Accepted { step } => step,
            // The same code as a failed sign-in, a sentence of its own: nothing is counted here.
            _ => {
                let text = Text::new("first-run-wrong-code");
                return Ok(SignInOutcome::Refused(Refusal::new(codes::SIGN_IN_FAILED, text)));
            }
        };
        let login = self.spec.login.as_str();
        let hash = crate::hashing::hash(self.password.expose().as_bytes())?;
        let new = crate::admin::new_account(&self.spec, hash, None);
        let rec =
            engine.record("first run", login, Event::AccountCreated, Outcome::Ok, "first administrator (SA, LA, AO)");
        engine.store().create_accounts(&[new], &[rec])?;
        let account =
            engine.store().account_by_login(&self.spec.login)?.ok_or_else(|| Error::NotFound(login.into()))?;
        let token = twofactor::enrol_soft_token(engine, &account, &self.secret, params, "First administrator")?;
        engine.store().use_totp_step(
            token,
            step,
            engine.now(),
            true,
            engine.record(login, login, Event::TokenTested, Outcome::Ok, "first administrator's authenticator"),
        )?;
        engine.store().append_audit(&engine.record(
            login,
            login,
            Event::SignIn,
            Outcome::Ok,
            "administrator sign-in (first run) as sa+la+ao",
        ))?;
        // Signed in with the new authenticator's code: the console holds while that one stays.
        let identity = AdminIdentity {
            login: login.to_owned(),
            stamp: Some(account.credential_stamp()),
            roles: account.roles.clone(),
            location: account.location,
            signed_in_at: engine.now(),
            factor_by: Some(token),
            factor_at: Some(engine.now()),
        };
        Ok(SignInOutcome::SignedIn(identity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Location, Role};

    fn session(now: Timestamp) -> ConsoleSession {
        let identity = AdminIdentity {
            login: "Irene_Tan@schools.gov.sg".into(),
            roles: vec![Role::Sa],
            location: Location::parse("DEMO01").unwrap(),
            signed_in_at: now,
            stamp: None,
            factor_by: None,
            factor_at: None,
        };
        ConsoleSession::new(identity, now)
    }

    #[test]
    fn a_console_session_lasts_while_used_and_ends_after_fifteen_idle_minutes() {
        let t0 = 1_767_603_600;
        let mut s = session(t0);
        // Each command within the limit keeps it alive, however long the session as a whole.
        for k in 1..=8 {
            assert!(s.touch(t0 + k * (IDLE_LIMIT_SECONDS - 1)).is_some(), "command {k}");
        }
        let last = t0 + 8 * (IDLE_LIMIT_SECONDS - 1);
        assert!(!s.is_idle(last + IDLE_LIMIT_SECONDS - 1) && s.is_idle(last + IDLE_LIMIT_SECONDS));
        assert!(s.touch(last + IDLE_LIMIT_SECONDS).is_none(), "15 minutes idle ends it");
        let mut s = session(t0);
        assert!(s.touch(t0 + IDLE_LIMIT_SECONDS - 1).is_some());
        // A clock set back does not stretch the session.
        assert!(s.touch(t0).is_some());
        assert!(s.touch(t0 + 2 * IDLE_LIMIT_SECONDS - 1).is_none());
    }

    #[test]
    fn a_console_session_with_a_kiosks_idle_limit_ends_after_it_and_never_outlasts_fifteen_minutes() {
        let t0 = 1_767_603_600;
        let kiosk = |limit| ConsoleSession::with_idle_limit(session(t0).identity, t0, limit);
        let mut s = kiosk(90);
        assert!(s.touch(t0 + 89).is_some(), "used within the kiosk's idle time");
        assert!(!s.is_idle(t0 + 89 + 89) && s.is_idle(t0 + 89 + 90));
        assert!(s.touch(t0 + 89 + 90).is_none(), "left as long as the kiosk's idle time ends it");
        // A kiosk idle time longer than the console's own is capped at 15 minutes.
        assert!(kiosk(3600).is_idle(t0 + IDLE_LIMIT_SECONDS));
    }

    #[test]
    fn a_console_session_opens_only_the_files_it_wrote() {
        let mut s = session(0);
        let slips = Path::new("/data/exports/slips-20260105-0900.pdf");
        assert!(!s.wrote(slips));
        s.remember(slips);
        assert!(s.wrote(slips));
        for other in ["/data/exports/slips-20260105-0901.pdf", "/data/exports/../gatehouse.key", "/etc/passwd"] {
            assert!(!s.wrote(Path::new(other)), "{other}");
        }
        // A new session (after sign-out or expiry) has written nothing.
        assert!(!session(0).wrote(slips));
    }
}
