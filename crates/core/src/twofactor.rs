//! Two-factor authentication services shared by the wizard and the administrators (staff guide
//! section 1): the email OTP that bootstraps enrolment, enrolling soft and hardware tokens,
//! verifying codes (and tests), and the notices sent to the work email.

use rand::Rng;
use serde::Serialize;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::audit::{AuditQuery, Event, Outcome};
use crate::clock::Zone;
use crate::engine::Engine;
use crate::error::Error;
use crate::mail::Mail;
use crate::otp::{self, OtpParams, TotpCheck};
use crate::store::{Account, Authenticator, AuthenticatorKind, NewAuthenticator, Tries};
use crate::text::{escaped, Language, Text};
use crate::tries::Try;
use crate::types::{AccountId, AuthenticatorId, EmailAddress};

/// The context a token secret is sealed to: it cannot be moved to another account's row.
pub(crate) fn seal_context(account: &Account) -> Vec<u8> {
    authenticator_context(account.id)
}

/// What an authenticator's sealed secret is bound to: its account (a secret copied to another
/// account's row does not open).
pub(crate) fn authenticator_context(account: AccountId) -> Vec<u8> {
    format!("gatehouse authenticator secret; account {}", account.0).into_bytes()
}

/// What a stock hardware token's sealed secret is bound to: its serial.
pub(crate) fn hardware_token_context(serial: &str) -> Vec<u8> {
    format!("gatehouse hardware token {serial}").into_bytes()
}

fn email_otp_context(account: &Account, sequence_hint: &str) -> Vec<u8> {
    format!("gatehouse email otp; account {}; {sequence_hint}", account.id.0).into_bytes()
}

/// Why an email OTP could not be sent to this account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    NoWorkEmail,
    IconAddress,
}

/// Checks the work email can receive an OTP (staff FAQ 11).
pub fn work_email(engine: &Engine, account: &Account) -> Result<EmailAddress, EmailProblem> {
    let email = account.work_email.clone().ok_or(EmailProblem::NoWorkEmail)?;
    if email.as_str().rsplit_once('@').is_some_and(|(_, d)| d.eq_ignore_ascii_case(&engine.config().domains.icon_staff))
    {
        return Err(EmailProblem::IconAddress);
    }
    Ok(email)
}

/// Generates a fresh 6-digit code from the CSPRNG, stores only its keyed MAC (one live code per
/// account), and mails it. Returns the sequence number shown as "OTP #N".
///
/// At most `email_otp_sends_per_hour` codes go to one account in any hour: one more is refused
/// (`email-otp-send-limit`, audited) so nobody can flood a teacher's mailbox from a kiosk.
pub fn send_email_otp(engine: &Engine, account: &Account, to: &EmailAddress) -> Result<u32, Error> {
    let cfg = &engine.config().two_factor;
    let login = account.login.as_str();
    let recent = AuditQuery {
        since: Some(engine.now() - 3600),
        subject: Some(login.to_owned()),
        event: Some(Event::OtpSent.as_str().to_owned()),
        outcome: Some(Outcome::Ok.as_str().to_owned()),
        limit: cfg.email_otp_sends_per_hour as usize,
        ..AuditQuery::default()
    };
    if engine.store().audit(&recent)?.len() >= cfg.email_otp_sends_per_hour as usize {
        let detail = format!("{} sent in the last hour", cfg.email_otp_sends_per_hour);
        engine.store().append_audit(&engine.record(login, login, Event::OtpSent, Outcome::Refused, detail))?;
        return Err(Error::Refused(Text::new("email-otp-send-limit").num("max", cfg.email_otp_sends_per_hour)));
    }
    let vault = engine.vault()?;
    let code: Zeroizing<String> =
        Zeroizing::new(engine.with_rng(|rng| format!("{:06}", rng.gen_range(0..1_000_000u32))));
    let mac = vault.mac(&email_otp_context(account, "code"), code.as_bytes());
    let expires = engine.now() + i64::from(cfg.email_otp_minutes) * 60;
    let rec = engine.record(login, login, Event::OtpSent, Outcome::Ok, format!("to {}", to.masked()));
    let sequence = engine.store().put_email_otp(account.id, &mac, expires, cfg.email_otp_tries, rec)?;
    let language = person_language(engine, account);
    let at = engine.zone().text(expires, language.code());
    let body = mail_body(
        language,
        account,
        &[
            Text::new("mail-otp-body").num("sequence", sequence).arg("code", code.as_str()),
            Text::new("mail-otp-expiry").num("sequence", sequence).num("minutes", cfg.email_otp_minutes).arg("at", at),
            Text::new("mail-otp-not-you"),
        ],
    );
    let subject = Text::new("mail-otp-subject").num("sequence", sequence).format(language);
    let sent = engine.now();
    engine.mailer().send(Mail { to, login: &account.login, subject: &subject, body, sent, expires: Some(expires) })?;
    Ok(sequence)
}

/// The result of checking an email OTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailOtpCheck {
    Accepted,
    Wrong {
        tries_left: u32,
    },
    /// Expired, used up, or never sent: a new code is needed.
    Expired,
    /// The account is locked (this wrong code reached the threshold, or an earlier failure
    /// did): the code was not checked.
    Locked,
}

/// Takes one try at the account's second factor (a TOTP, hardware token or email code, a key's
/// answer, a recovery code: counted together) before a check; `None` when the failures and the
/// checks under way already make the lockout's threshold: no code is checked then. An attacker
/// gets at most `password_threshold` real checks until an unlock resets the count (also on an
/// account already locked by wrong passwords, where self-service reset asks for a code) — codes
/// sent at once, from many sessions, being no exception.
pub(crate) fn take_code_try<'a>(engine: &'a Engine, account: &Account) -> Result<Option<Try<'a>>, Error> {
    Try::take(engine, account.id, Tries::Codes, engine.config().lockout.password_threshold)
}

impl Try<'_> {
    /// A wrong code: its try becomes a counted failure, audited with `detail`; true when the
    /// account is locked now.
    pub(crate) fn wrong(self, account: &Account, event: Event, detail: String) -> Result<bool, Error> {
        let locked = count_wrong_code(self.engine(), account, event, detail)?;
        self.counted();
        Ok(locked)
    }
}

/// Counts a wrong second-factor code, whose try was taken, towards the account's lockout (with
/// `detail` in the audit).
fn count_wrong_code(engine: &Engine, account: &Account, event: Event, detail: String) -> Result<bool, Error> {
    let threshold = engine.config().lockout.password_threshold;
    let login = account.login.as_str();
    let out = engine.store().record_totp_failure(
        account.id,
        threshold,
        engine.now(),
        engine.record(login, login, event, Outcome::Failed, detail),
        engine.record("system", login, Event::Lockout, Outcome::Ok, format!("{threshold} consecutive wrong codes")),
    )?;
    Ok(out.failures >= threshold)
}

pub fn check_email_otp(engine: &Engine, account: &Account, code: &str) -> Result<EmailOtpCheck, Error> {
    // A right email code gives its try back: the mailbox is not the second factor, so it buys
    // no fresh guesses at one (the count of wrong codes stays).
    let Some(taken) = take_code_try(engine, account)? else {
        return Ok(EmailOtpCheck::Locked);
    };
    let Some(live) = engine.store().email_otp(account.id)? else { return Ok(EmailOtpCheck::Expired) };
    if live.expires_at <= engine.now() || live.tries_left == 0 {
        return Ok(EmailOtpCheck::Expired);
    }
    let Some(tries_left) = engine.store().spend_email_otp_try(account.id)? else { return Ok(EmailOtpCheck::Expired) };
    let vault = engine.vault()?;
    let typed = otp::normalise_code(code, 6).unwrap_or_default();
    let mac = vault.mac(&email_otp_context(account, "code"), typed.as_bytes());
    let login = account.login.as_str();
    if bool::from(mac.ct_eq(&live.code_mac)) && !typed.is_empty() {
        engine
            .store()
            .consume_email_otp(account.id, engine.record(login, login, Event::OtpVerified, Outcome::Ok, ""))?;
        Ok(EmailOtpCheck::Accepted)
    } else if taken.wrong(account, Event::OtpVerified, format!("{tries_left} tries left"))? {
        Ok(EmailOtpCheck::Locked)
    } else {
        Ok(if tries_left == 0 { EmailOtpCheck::Expired } else { EmailOtpCheck::Wrong { tries_left } })
    }
}

/// An authenticator as the person and administrators see it (never the secret).
#[derive(Debug, Clone, Serialize)]
pub struct AuthenticatorView {
    pub id: AuthenticatorId,
    pub kind: AuthenticatorKind,
    pub name: &'static str,
    pub comment: String,
    pub serial: Option<String>,
    /// A security key's model, as the enrolling machine named it.
    pub model: Option<String>,
    pub tested: bool,
    pub last_tested: Option<String>,
    pub enrolled: String,
    pub enrolled_by: String,
}

impl AuthenticatorView {
    pub fn of(a: &Authenticator, zone: &Zone) -> Self {
        Self {
            id: a.id,
            kind: a.kind,
            name: a.kind.label(),
            comment: a.comment.clone(),
            serial: a.serial.clone(),
            model: a.model.clone(),
            tested: a.tested_at.is_some(),
            last_tested: a.tested_at.map(|t| zone.iso(t)),
            enrolled: zone.iso(a.created_at),
            enrolled_by: a.created_by.clone(),
        }
    }
}

pub fn views(engine: &Engine, account: &Account) -> Result<Vec<AuthenticatorView>, Error> {
    Ok(engine.store().authenticators(account.id)?.iter().map(|a| AuthenticatorView::of(a, engine.zone())).collect())
}

/// True when the account has an authenticator that passed a test (it then needs 2FA).
pub fn has_tested(engine: &Engine, account: &Account) -> Result<bool, Error> {
    Ok(engine.store().authenticators(account.id)?.iter().any(|a| a.tested_at.is_some()))
}

/// Whether a second factor given at `at` by authenticator `by` still holds among the account's
/// `authenticators` — a wizard session's and a console's alike: the one that gave it is still
/// enrolled, tested, and was enrolled by then (SQLite may give a deleted authenticator's id to the
/// next one enrolled); when which one is not known (`None`: a recovery code, or a session saved
/// before it was kept), any tested authenticator enrolled by then. Enrolled, not tested, by then:
/// a test again on another session moves `tested_at` on and must not end this one's factor.
pub fn factor_still_given(authenticators: &[Authenticator], by: Option<AuthenticatorId>, at: i64) -> bool {
    authenticators.iter().any(|a| a.tested_at.is_some() && a.created_at <= at && by.is_none_or(|by| by == a.id))
}

pub(crate) fn clean_comment(comment: &str, default: &str) -> Result<String, Error> {
    let c = comment.trim();
    if c.chars().count() > 100 || c.chars().any(char::is_control) {
        return Err(Error::invalid("comment", Text::new("comment-too-long").num("count", 100)));
    }
    Ok(if c.is_empty() { default.to_owned() } else { c.to_owned() })
}

/// Enrols a soft token with `secret` (untested: it counts for sign-in after a passed test).
pub fn enrol_soft_token(
    engine: &Engine,
    account: &Account,
    secret: &[u8],
    params: OtpParams,
    comment: &str,
) -> Result<AuthenticatorId, Error> {
    params.validate()?;
    let vault = engine.vault()?;
    let comment = clean_comment(comment, "Soft Token (OTP)")?;
    let new = NewAuthenticator {
        kind: AuthenticatorKind::SoftToken,
        comment: comment.clone(),
        secret_sealed: vault.seal(secret, &seal_context(account)),
        params,
        serial: None,
        hotp_counter: None,
        created_by: account.login.to_string(),
        model: None,
    };
    let login = account.login.as_str();
    let detail = format!("soft token {comment:?}{}", if account.generic { " (generic account)" } else { "" });
    let id = engine.store().add_authenticator(
        account.id,
        &new,
        engine.now(),
        engine.record(login, login, Event::TokenEnrolled, Outcome::Ok, detail),
    )?;
    notify(engine, account, Text::new("soft-token-added-notice"));
    Ok(id)
}

/// Wrong codes a free hardware token takes while being enrolled before its serial locks, until
/// an administrator frees it (with the account's own lockout, this bounds guessing a token in
/// the stock however many accounts try it).
pub const TOKEN_ENROLMENT_TRIES: u32 = 5;

/// The result of enrolling a hardware token with a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenEnrolment {
    /// Enrolled and tested: the authenticator's id.
    Enrolled(AuthenticatorId),
    /// The code was wrong (counted towards the account's lockout and the token's tries), or
    /// not checked because the account has had too many wrong codes.
    Failed(TotpCheck),
    /// The token has had [`TOKEN_ENROLMENT_TRIES`] wrong codes: no code is checked until an
    /// administrator frees it.
    TokenLocked,
}

/// Enrols a hardware OATH token from the stock by its serial and a current code, which proves
/// possession (and counts as its first test). An HOTP token's code is looked for within the
/// sign-in look-ahead; a token pressed further ahead is resynchronised with two consecutive
/// codes (`next_code`) within the resync window (RFC 4226 §7.4), never with one. Every wrong
/// code is audited and counts towards the account's lockout and the token's
/// [`TOKEN_ENROLMENT_TRIES`].
pub fn enrol_hard_token(
    engine: &Engine,
    account: &Account,
    serial: &str,
    code: &str,
    next_code: Option<&str>,
    comment: &str,
) -> Result<TokenEnrolment, Error> {
    let serial = serial.trim();
    let login = account.login.as_str();
    let vault = engine.vault()?;
    let token = engine
        .store()
        .hardware_token(serial)?
        .ok_or_else(|| Error::invalid("serial", Text::new("token-not-registered").arg("serial", escaped(serial))))?;
    if token.bound_to.is_some() {
        return Err(Error::invalid("serial", Text::new("token-already-enrolled")));
    }
    let comment = clean_comment(comment, "Hard Token")?;
    let refuse = |why: &str| {
        let detail = format!("hardware token {}: {why}", token.serial);
        engine.store().append_audit(&engine.record(login, login, Event::TokenEnrolled, Outcome::Refused, detail))
    };
    let Some(taken) = take_code_try(engine, account)? else {
        refuse("not checked: too many wrong codes")?;
        return Ok(TokenEnrolment::Failed(TotpCheck::Refused));
    };
    let Some(spent) = engine.store().spend_token_try(&token.serial, TOKEN_ENROLMENT_TRIES)? else {
        refuse(&format!("not checked: locked after {TOKEN_ENROLMENT_TRIES} wrong codes"))?;
        return Ok(TokenEnrolment::TokenLocked);
    };
    let secret = vault.open(&token.secret_sealed, &hardware_token_context(&token.serial))?;
    let cfg = &engine.config().two_factor;
    let p = token.params;
    let matched = if token.hotp {
        let next_code = next_code.map(str::trim).filter(|c| !c.is_empty());
        match next_code {
            None => otp::verify_hotp(&secret, p.algorithm, p.digits, code, token.counter, cfg.hotp_look_ahead),
            Some(next) => {
                otp::resync_hotp(&secret, p.algorithm, p.digits, code, next, token.counter, cfg.hotp_resync_window)
            }
        }
        .map(|next| (Some(next), None))
        .ok_or(TotpCheck::Wrong)
    } else {
        match otp::verify_totp(&secret, &p, code, engine.now() as u64, None) {
            TotpCheck::Accepted { step } => Ok((None, Some(step))),
            other => Err(other),
        }
    };
    let (hotp_counter, step) = match matched {
        Ok(found) => found,
        Err(check) => {
            let detail = format!("hardware token {}: wrong code ({spent} of {TOKEN_ENROLMENT_TRIES})", token.serial);
            taken.wrong(account, Event::TokenEnrolled, detail)?;
            if spent >= TOKEN_ENROLMENT_TRIES {
                let detail = format!("hardware token {} locked after {spent} wrong codes", token.serial);
                engine.store().append_audit(&engine.record("system", login, Event::Lockout, Outcome::Ok, detail))?;
            }
            return Ok(TokenEnrolment::Failed(check));
        }
    };
    let new = NewAuthenticator {
        kind: AuthenticatorKind::HardToken,
        comment,
        secret_sealed: vault.seal(&secret, &seal_context(account)),
        params: token.params,
        serial: Some(token.serial.clone()),
        // The stock counter; the code just checked moves it on below, in its own transaction.
        hotp_counter: token.hotp.then_some(token.counter),
        created_by: account.login.to_string(),
        model: None,
    };
    let id = engine.store().add_authenticator(
        account.id,
        &new,
        engine.now(),
        engine.record(login, login, Event::TokenEnrolled, Outcome::Ok, format!("hardware token {}", token.serial)),
    )?;
    let rec = engine.record(login, login, Event::TokenTested, Outcome::Ok, "code at enrolment");
    match (step, hotp_counter) {
        (Some(step), _) => {
            engine.store().use_totp_step(id, step, engine.now(), true, rec)?;
            taken.give_back();
        }
        (None, Some(next)) => {
            engine.store().use_hotp_counter(id, next, engine.now(), true, rec)?;
            taken.give_back();
        }
        _ => drop(taken),
    }
    notify(engine, account, Text::new("hard-token-added-notice").arg("serial", &token.serial));
    Ok(TokenEnrolment::Enrolled(id))
}

/// What a code is checked for: signing in (any tested authenticator of the account answers), or
/// the test of one authenticator (only it answers, and a pass marks it tested).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeFor {
    SignIn,
    Test(AuthenticatorId),
    /// An administrator closing a kiosk: any tested authenticator, and a wrong code is audited
    /// but not counted (anyone at the kiosk can try; the kiosk slows down instead).
    KioskExit,
}

/// How the audit log says that a failure on a kiosk's administrator exit did not count.
pub const KIOSK_EXIT_NOT_COUNTED: &str = "kiosk exit: not counted towards the lockout";

/// Checks a code against one authenticator (`only`) or every tested one of the account. A
/// passing `test` marks the authenticator tested. Wrong codes count towards the lockout.
pub fn verify(engine: &Engine, account: &Account, code: &str, purpose: CodeFor) -> Result<TotpCheck, Error> {
    Ok(verify_by(engine, account, code, purpose)?.0)
}

/// [`verify`], and which authenticator the code was accepted from (`None` unless accepted): a
/// second factor holds while that one stays (the wizard's `Person::factor_by`).
pub fn verify_by(
    engine: &Engine,
    account: &Account,
    code: &str,
    purpose: CodeFor,
) -> Result<(TotpCheck, Option<AuthenticatorId>), Error> {
    let (only, test) = match purpose {
        CodeFor::SignIn | CodeFor::KioskExit => (None, false),
        CodeFor::Test(id) => (Some(id), true),
    };
    let event = if test { Event::TokenTested } else { Event::TotpVerified };
    let login = account.login.as_str();
    let Some(taken) = take_code_try(engine, account)? else {
        engine.store().append_audit(&engine.record(
            login,
            login,
            event,
            Outcome::Refused,
            "not checked: too many wrong codes",
        ))?;
        return Ok((TotpCheck::Refused, None));
    };
    let vault = engine.vault()?;
    let cfg = engine.config();
    let now = engine.now();
    let all = engine.store().authenticators(account.id)?;
    if let Some(id) = only {
        match all.iter().find(|a| a.id == id) {
            None => return Err(Error::invalid("id", Text::new("no-such-authenticator"))),
            // A code typed where the key's touch is asked for: not a guess, not counted.
            Some(a) if !a.kind.takes_codes() => {
                return Err(Error::invalid("code", Text::new("security-key-takes-no-code")));
            }
            Some(_) => {}
        }
    }
    // Security keys answer with a signature (`security_keys`), never a code.
    let (candidates, others): (Vec<Authenticator>, Vec<Authenticator>) =
        all.into_iter().filter(|a| a.kind.takes_codes()).partition(|a| match only {
            Some(id) => a.id == id,
            None => a.tested_at.is_some(),
        });
    // A time step is usable once per account, not once per authenticator: two enrolled with
    // the same secret (a shared account's colleague, a QR code scanned twice) show the same
    // codes, and a code seen used on either is a replay on both. (A code that another secret
    // happens to have shown at a used step — one in a million — is refused too: the next one
    // works.)
    let mut outcome = TotpCheck::Wrong;
    for a in others.iter().filter(|a| a.hotp_counter.is_none()) {
        let secret = vault.open(&a.secret_sealed, &seal_context(account))?;
        if otp::verify_totp(&secret, &a.params, code, now as u64, a.last_step) == TotpCheck::Replayed {
            outcome = TotpCheck::Replayed;
        }
    }
    let mut accepted: Option<(&Authenticator, u64)> = None;
    for a in &candidates {
        let secret = vault.open(&a.secret_sealed, &seal_context(account))?;
        let check = match a.hotp_counter {
            Some(counter) => match otp::verify_hotp(
                &secret,
                a.params.algorithm,
                a.params.digits,
                code,
                counter,
                cfg.two_factor.hotp_look_ahead,
            ) {
                Some(next) => {
                    let detail = format!("{} {:?}", a.kind.label(), a.comment);
                    engine.store().use_hotp_counter(
                        a.id,
                        next,
                        now,
                        test,
                        engine.record(login, login, event, Outcome::Ok, detail),
                    )?;
                    taken.give_back();
                    return Ok((TotpCheck::Accepted { step: next }, Some(a.id)));
                }
                None => TotpCheck::Wrong,
            },
            None => otp::verify_totp(&secret, &a.params, code, now as u64, a.last_step),
        };
        match check {
            TotpCheck::Accepted { step } => accepted = accepted.or(Some((a, step))),
            TotpCheck::Replayed => outcome = TotpCheck::Replayed,
            TotpCheck::ClockSkew { .. } if outcome == TotpCheck::Wrong => outcome = check,
            _ => {}
        }
    }
    if let Some((a, step)) = accepted.filter(|_| outcome != TotpCheck::Replayed) {
        let detail = format!("{} {:?}", a.kind.label(), a.comment);
        let rec = engine.record(login, login, event, Outcome::Ok, detail);
        if engine.store().use_totp_step(a.id, step, now, test, rec)? {
            taken.give_back();
            return Ok((TotpCheck::Accepted { step }, Some(a.id)));
        }
        outcome = TotpCheck::Replayed;
    }
    let detail = match outcome {
        TotpCheck::Replayed => "code already used".to_owned(),
        TotpCheck::ClockSkew { offset_seconds } => format!("device clock off by {offset_seconds} s"),
        _ => "wrong code".to_owned(),
    };
    // A device's clock off is told where an authenticator is tested (DESIGN §3), never where a
    // code lets someone in: "ahead by 90 s" would tell a guesser which code comes next.
    if !test && matches!(outcome, TotpCheck::ClockSkew { .. }) {
        outcome = TotpCheck::Wrong;
    }
    if purpose == CodeFor::KioskExit {
        let detail = format!("{detail} ({KIOSK_EXIT_NOT_COUNTED})");
        engine.store().append_audit(&engine.record(login, login, event, Outcome::Failed, detail))?;
        return Ok((outcome, None));
    }
    taken.wrong(account, event, detail)?;
    Ok((outcome, None))
}

/// When every tested time-based authenticator of the account shows a code whose time step was
/// already used (right after a test or a sign-in: a step is usable once, DESIGN §3), the wait
/// until the next usable code: `Some((seconds, period))`. `None` when a code shown now can be
/// used, or the account has no such authenticator.
pub fn code_just_used(engine: &Engine, account: &Account) -> Result<Option<(u64, u64)>, Error> {
    let now = u64::try_from(engine.now()).unwrap_or(0);
    let mut wait: Option<(u64, u64)> = None;
    for a in engine.store().authenticators(account.id)? {
        if a.tested_at.is_none() || a.hotp_counter.is_some() || !a.kind.takes_codes() {
            continue;
        }
        let period = a.params.period.max(1);
        match a.last_step {
            Some(last) if last >= now / period => {
                let seconds = (last + 1) * period - now;
                if wait.is_none_or(|(w, _)| seconds < w) {
                    wait = Some((seconds, period));
                }
            }
            _ => return Ok(None),
        }
    }
    Ok(wait)
}

/// The plain explanation of a code that was just used: wait `seconds` for the next one.
pub fn next_code_text(seconds: u64, period: u64) -> Text {
    Text::new("code-just-used").num("seconds", seconds).num("period", period)
}

/// A safe message for a failed code.
pub fn explain(check: TotpCheck) -> (&'static str, Text) {
    match check {
        TotpCheck::ClockSkew { offset_seconds } => {
            let (amount, unit) = if offset_seconds.abs() >= 60 {
                (offset_seconds.abs() / 60, "minutes")
            } else {
                (offset_seconds.abs(), "seconds")
            };
            let direction = if offset_seconds > 0 { "ahead" } else { "behind" };
            let text = Text::new("code-clock-skew").num("amount", amount).arg("unit", unit).arg("direction", direction);
            ("clock_skew", text)
        }
        TotpCheck::Replayed => ("code_used", Text::new("code-used")),
        TotpCheck::Refused => ("codes_locked", Text::new("codes-locked")),
        _ => ("otp_incorrect", Text::new("code-incorrect")),
    }
}

/// Deletes one authenticator of the account (the person's own action, or a token unbound by an
/// administrator). With no tested authenticator left, the recovery codes that stand in for one
/// are cancelled too.
pub fn delete(engine: &Engine, account: &Account, id: AuthenticatorId, actor: &str) -> Result<(), Error> {
    let login = account.login.as_str();
    engine.store().delete_authenticator(
        account.id,
        id,
        engine.record(actor, login, Event::TokenDeleted, Outcome::Ok, format!("authenticator {id}")),
    )?;
    if !has_tested(engine, account)? {
        cancel_recovery_codes(engine, account, actor, "no tested authenticator left")?;
    }
    notify(engine, account, Text::new("authenticator-removed-notice"));
    Ok(())
}

/// Cancels the account's recovery codes (its authenticators are gone: codes that stand in for
/// them must not outlive them). Nothing happens when it has none.
fn cancel_recovery_codes(engine: &Engine, account: &Account, actor: &str, why: &str) -> Result<(), Error> {
    let codes = engine.store().recovery_codes(account.id)?;
    if codes.is_empty() {
        return Ok(());
    }
    let had = codes.iter().filter(|c| c.used_at.is_none()).count();
    let login = account.login.as_str();
    let detail = format!("{had} unused codes cancelled: {why}");
    let rec = engine.record(actor, login, Event::RecoveryCodesCancelled, Outcome::Ok, detail);
    engine.store().replace_recovery_codes(account.id, &[], rec)
}

/// The language of the person's mails: theirs, or the school's when they never chose one.
pub fn person_language(engine: &Engine, account: &Account) -> Language {
    account.language.unwrap_or_else(|| engine.config().locale.language())
}

/// A mail's body: the greeting, then each paragraph, in `language`. The one-time code inside a
/// paragraph is copied into the returned text (which the mailer sends and drops), as before.
fn mail_body(language: Language, account: &Account, paragraphs: &[Text]) -> String {
    let mut body = Text::new("mail-greeting").arg("name", account.name.as_str()).format(language);
    for p in paragraphs {
        body.push_str("\n\n");
        body.push_str(&p.format(language));
    }
    body.push('\n');
    body
}

/// Tells the person at their work email that their password or authenticators changed. Best
/// effort: a failure is logged, never shown (the change itself succeeded).
pub fn notify(engine: &Engine, account: &Account, what: Text) {
    let Some(to) = account.work_email.as_ref() else { return };
    if engine.mailer().is_none() {
        return;
    }
    let language = person_language(engine, account);
    // The machine the change came from: on a server, the registered device that sent it.
    let machine = crate::audit::acting_for().unwrap_or_else(|| engine.machine().to_owned());
    let at = engine.zone().text(engine.now(), language.code());
    let body = mail_body(
        language,
        account,
        &[what, Text::new("mail-change-when").arg("at", at).arg("machine", machine), Text::new("mail-change-not-you")],
    );
    let subject = Text::new("mail-change-subject").format(language);
    let mail = Mail { to, login: &account.login, subject: &subject, body, sent: engine.now(), expires: None };
    if let Err(e) = engine.mailer().send(mail) {
        tracing::warn!(error = %e, account = %account.login, "could not send the change notice");
    }
}
