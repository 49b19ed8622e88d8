//! Self-service password reset (student guide §2a, staff guide §4): the login ID, the
//! questions (for unknown IDs too, so nothing tells them apart), the locked-account choice, and
//! a code for staff with 2FA. The decoys for unknown IDs are in [`super::decoys`].

use std::time::{Duration, Instant};

use rand::seq::index::sample;
use serde::{Deserialize, Serialize};

use super::catalogue::{codes, texts};
use super::decoys;
use super::keys::KeyAsked;
use super::password::PasswordFlow;
use super::state::{actions, Cx, Person, Purpose, State, Step};
use super::wire::{Action, Screen};
use crate::audit::{Event, Outcome};
use crate::error::{Error, ErrorBody};
use crate::hashing;
use crate::otp::TotpCheck;
use crate::questions::{self, Question};
use crate::store::{FailureKind, Tries};
use crate::text::Text;
use crate::tries::Try;
use crate::twofactor;
use crate::types::{AccountKind, LoginId, SecretString};

/// Whose questions are being answered.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum SsprTarget {
    Known(Person),
    /// A login ID with no account: it gets plausible questions and the same treatment.
    Unknown {
        key: String,
    },
}

/// A question asked, with its place among the three stored.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Asked {
    position: usize,
    #[serde(with = "super::state::question")]
    question: &'static Question,
}

/// A reset: no person yet until the answers are right, so each screen holds what it knows.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub(super) enum SsprFlow {
    Search(Search),
    ExpectAnswers(ExpectAnswers),
    ExpectLockedChoice(ExpectLockedChoice),
    ExpectCode(ExpectCode),
}

/// Waits for a login ID (`sspr_search`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Search;

/// Waits for the answers (`sspr_questions`). `login` is the ID as typed (trimmed), shown for
/// known and unknown IDs alike: the stored spelling would tell which IDs exist.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectAnswers {
    target: SsprTarget,
    asked: Vec<Asked>,
    login: String,
}

/// A locked account answered rightly: waits for Unlock or Change password (`sspr_locked_choice`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectLockedChoice {
    person: Person,
}

/// Staff with 2FA: waits for a code, a recovery code or a security key's touch before the reset
/// goes on (`sspr_totp`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectCode {
    person: Person,
    locked: bool,
    /// The security key ceremony `use_security_key` started.
    #[serde(default)]
    key: Option<KeyAsked>,
}

impl SsprFlow {
    pub(super) fn start() -> Self {
        SsprFlow::Search(Search)
    }

    pub(super) fn name(&self) -> &'static str {
        match self {
            SsprFlow::Search(_) => Search::NAME,
            SsprFlow::ExpectAnswers(_) => ExpectAnswers::NAME,
            SsprFlow::ExpectLockedChoice(_) => ExpectLockedChoice::NAME,
            SsprFlow::ExpectCode(_) => ExpectCode::NAME,
        }
    }

    pub(super) fn person(&self) -> Option<&Person> {
        match self {
            SsprFlow::Search(_) | SsprFlow::ExpectAnswers(_) => None,
            SsprFlow::ExpectLockedChoice(ExpectLockedChoice { person })
            | SsprFlow::ExpectCode(ExpectCode { person, .. }) => Some(person),
        }
    }

    pub(super) fn handle(&self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match self {
            SsprFlow::Search(s) => s.handle(action, cx),
            SsprFlow::ExpectAnswers(s) => s.handle(action, cx),
            SsprFlow::ExpectLockedChoice(s) => s.handle(action, cx),
            SsprFlow::ExpectCode(s) => s.handle(action, cx),
        }
    }

    pub(super) fn render(&self, cx: &Cx) -> Screen {
        match self {
            SsprFlow::Search(_) => Screen::SsprSearch {},
            SsprFlow::ExpectAnswers(s) => Screen::SsprQuestions {
                login: s.login.clone(),
                questions: s.asked.iter().map(|a| a.question.text.to_owned()).collect(),
                questions_text: s.asked.iter().map(|a| a.question.said()).collect(),
            },
            SsprFlow::ExpectLockedChoice(_) => {
                Screen::SsprLockedChoice { message: texts::LOCKED_CHOICE.english(), message_text: texts::LOCKED_CHOICE }
            }
            SsprFlow::ExpectCode(s) => Screen::SsprTotp {
                login: s.person.login.to_string(),
                digits: 6,
                recovery_codes_left: cx.recovery_codes_left(&s.person),
                security_keys: cx.has_security_key(&s.person),
                security_key: s.key.as_ref().map(|k| k.ceremony.clone()),
            },
        }
    }
}

/// Cancel anywhere in a reset: back to sign-in.
fn cancel() -> Result<Step, Error> {
    Ok(Step::go(State::sign_in(None)))
}

impl Search {
    const NAME: &'static str = "sspr_search";

    fn handle(&self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::SsprSearch { login } => search(cx, &login),
            Action::Cancel => cancel(),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprAnswer, ChooseChangePassword, UnlockAccount,
                AddSoftToken, SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl ExpectAnswers {
    const NAME: &'static str = "sspr_questions";

    fn handle(&self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::SsprAnswer { answers } => answer(cx, &self.target, &self.asked, &answers),
            Action::Cancel => cancel(),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, ChooseChangePassword, UnlockAccount,
                AddSoftToken, SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl ExpectLockedChoice {
    const NAME: &'static str = "sspr_locked_choice";

    fn handle(&self, action: Action, cx: &Cx) -> Result<Step, Error> {
        let person = &self.person;
        match action {
            Action::UnlockAccount => {
                let login = person.login.as_str();
                let rec = cx.engine.record(login, login, Event::Unlock, Outcome::Ok, "self-service unlock");
                cx.engine.store().unlock(person.id, rec)?;
                Ok(Step::go(State::sign_in(Some(texts::UNLOCKED))))
            }
            Action::ChooseChangePassword => {
                Ok(Step::go(State::Password(PasswordFlow::new(person.clone(), Purpose::Sspr))))
            }
            Action::Cancel => cancel(),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, AddSoftToken, SubmitTotp, Setup2fa,
                ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator, DeleteAuthenticator,
                TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl ExpectCode {
    const NAME: &'static str = "sspr_totp";

    fn handle(&self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::SubmitTotp { code } => {
                let account = cx.account(&self.person)?;
                match twofactor::verify(&cx.engine, &account, code.expose(), twofactor::CodeFor::SignIn)? {
                    TotpCheck::Accepted { .. } => Ok(Step::go(after_checks(self.person.clone(), self.locked))),
                    failed => cx.code_failed(&self.person, failed, "code"),
                }
            }
            // How many are left the person reads in the mail the use sends, and on the next prompt.
            Action::SubmitRecoveryCode { code } => {
                cx.recovery_code(&self.person, &code, |_, _| after_checks(self.person.clone(), self.locked))
            }
            Action::UseSecurityKey { credential } => {
                Ok(cx.security_key(&self.person, twofactor::CodeFor::SignIn, self.key.as_ref(), credential)?.step(
                    |key| {
                        let (person, locked) = (self.person.clone(), self.locked);
                        State::Sspr(SsprFlow::ExpectCode(ExpectCode { person, locked, key }))
                    },
                    |_, _| after_checks(self.person.clone(), self.locked),
                ))
            }
            Action::Cancel => cancel(),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
                AddSoftToken, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, NewRecoveryCodes, AddSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

/// Where a reset goes once the answers (and, with 2FA, the code) are right.
fn after_checks(person: Person, locked: bool) -> State {
    if locked {
        State::Sspr(SsprFlow::ExpectLockedChoice(ExpectLockedChoice { person }))
    } else {
        State::Password(PasswordFlow::new(person, Purpose::Sspr))
    }
}

/// The login ID typed on the reset page: its questions, `SSPR 5006`, or a refusal — answered
/// `[lockout] sspr_search_pace_ms` after the search began, whatever was found, so that the time
/// a search takes does not tell a real account from an unknown ID (whose first search draws and
/// stores its decoy questions, work a real account's search does not do).
fn search(cx: &Cx, raw_login: &str) -> Result<Step, Error> {
    let pace_ms = cx.engine.config().lockout.sspr_search_pace_ms;
    let answer_at = Instant::now() + Duration::from_millis(pace_ms.into());
    let step = look_up(cx, raw_login);
    match answer_at.checked_duration_since(Instant::now()) {
        Some(wait) => std::thread::sleep(wait),
        None if pace_ms > 0 => tracing::warn!(
            pace_ms,
            "a self-service reset search took longer than its pace: raise [lockout] sspr_search_pace_ms"
        ),
        None => {}
    }
    step
}

fn look_up(cx: &Cx, raw_login: &str) -> Result<Step, Error> {
    let e = &cx.engine;
    let cfg = e.config();
    let login = LoginId::parse(raw_login)?;
    let key = login.key();
    let limit = cfg.lockout.sspr_searches_per_hour;
    if !e.store().record_sspr_search(e.now() - 3600, limit, e.record(&key, &key, Event::SsprSearch, Outcome::Ok, ""))? {
        let detail = format!("more than {limit} searches on this machine in an hour");
        e.store().append_audit(&e.record(&key, &key, Event::SsprSearch, Outcome::Refused, detail))?;
        return Ok(Cx::to_sign_in(codes::SSPR_BUSY, texts::SSPR_BUSY));
    }
    // Taken (at most once a minute) before the ID is looked up: only an unknown ID needs it.
    let census = e.question_census()?;
    let Some(account) = e.store().account_by_login(&login)? else {
        // Like an account's `sspr_blocked`, which only an administrator lifts (not time).
        if e.store().unknown_failures(&key, FailureKind::Answer, i64::MIN)? >= cfg.lockout.answer_threshold {
            return Ok(Cx::to_sign_in(codes::ANSWERS_LOCKED, texts::ANSWERS_LOCKED));
        }
        let kind = cfg.domains.kind_of(&login).unwrap_or(AccountKind::Student);
        let Some(three) = decoys::questions(e, &key, kind, census)? else {
            return Ok(Cx::to_sign_in(codes::SSPR_5006, texts::SSPR_5006));
        };
        let asked = pick_asked(cx, kind, three);
        return Ok(ask(SsprTarget::Unknown { key }, asked, &login));
    };
    if account.sspr_blocked {
        return Ok(Cx::to_sign_in(codes::ANSWERS_LOCKED, texts::ANSWERS_LOCKED));
    }
    let stored = e.store().answers(account.id)?;
    if stored.is_empty() {
        return Ok(Cx::to_sign_in(codes::SSPR_5006, texts::SSPR_5006));
    }
    let three = stored
        .iter()
        .map(|a| {
            questions::by_id(&a.question_id)
                .ok_or_else(|| Error::Storage(format!("unknown question id {:?}", a.question_id)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let asked = pick_asked(cx, account.kind, three);
    Ok(ask(SsprTarget::Known(Person::found(&account)), asked, &login))
}

/// The questions page, for a known or an unknown login ID alike.
fn ask(target: SsprTarget, asked: Vec<Asked>, login: &LoginId) -> Step {
    Step::go(State::Sspr(SsprFlow::ExpectAnswers(ExpectAnswers { target, asked, login: login.to_string() })))
}

/// Students answer 2 of their 3 questions, staff all 3 (configurable), in the stored order.
fn pick_asked(cx: &Cx, kind: AccountKind, three: Vec<&'static Question>) -> Vec<Asked> {
    let q = &cx.engine.config().questions;
    let n = if kind.is_staff() { q.sspr_staff } else { q.sspr_student }.min(three.len());
    let mut idx: Vec<usize> = cx.engine.with_rng(|rng| sample(rng, three.len(), n).into_vec());
    idx.sort_unstable();
    idx.into_iter().map(|i| Asked { position: i, question: three[i] }).collect()
}

fn incorrect() -> Step {
    Step::stay(ErrorBody::of(codes::ANSWERS_INCORRECT, texts::ANSWERS_INCORRECT))
}

fn blocked() -> Step {
    Cx::to_sign_in(codes::ANSWERS_LOCKED, texts::ANSWERS_LOCKED)
}

fn answer(cx: &Cx, target: &SsprTarget, asked: &[Asked], answers: &[SecretString]) -> Result<Step, Error> {
    if answers.len() != asked.len() {
        return Err(Error::invalid("answers", Text::new("answer-all-questions").num("count", asked.len())));
    }
    match target {
        SsprTarget::Unknown { key } => answer_unknown(cx, key, answers),
        SsprTarget::Known(person) => answer_known(cx, person, asked, answers),
    }
}

/// An unknown ID's answers cost the same hashing and count towards the same block.
fn answer_unknown(cx: &Cx, key: &str, answers: &[SecretString]) -> Result<Step, Error> {
    let e = &cx.engine;
    let threshold = e.config().lockout.answer_threshold;
    for a in answers {
        hashing::verify_dummy(questions::normalise(a.expose()).as_bytes())?;
    }
    let n = e.store().record_unknown_failure(key, FailureKind::Answer, threshold, e.now(), i64::MIN)?;
    e.store().append_audit(&e.record(key, key, Event::SsprAnswers, Outcome::Failed, "unknown login ID"))?;
    Ok(if n >= threshold { blocked() } else { incorrect() })
}

fn answer_known(cx: &Cx, person: &Person, asked: &[Asked], answers: &[SecretString]) -> Result<Step, Error> {
    let e = &cx.engine;
    let stored = e.store().answers(person.id)?;
    let account = cx.account(person)?;
    // The try is taken before the hashing: of sets sent at once, from many sessions, no more
    // are checked than the block allows (given back by an error on the way).
    let taken = Try::take(e, person.id, Tries::Answers, e.config().lockout.answer_threshold)?;
    let mut all_ok = true;
    for (a, given) in asked.iter().zip(answers) {
        let n = questions::normalise(given.expose());
        // Check every answer (no early exit): timing must not tell which one was wrong.
        all_ok &= match stored.get(a.position) {
            Some(s) => hashing::verify(n.as_bytes(), &s.hash)?,
            None => hashing::verify_dummy(n.as_bytes())?,
        };
    }
    let Some(taken) = taken else {
        return Ok(blocked());
    };
    if !all_ok {
        let step = wrong_answers(cx, person)?;
        taken.counted();
        return Ok(step);
    }
    let login = person.login.as_str();
    // Told only to whoever knows the answers (as at sign-in, only to whoever knows the password).
    if account.disabled {
        taken.give_back();
        e.store().append_audit(&e.record(login, login, Event::SsprAnswers, Outcome::Refused, "account disabled"))?;
        return Ok(Cx::to_sign_in(codes::ACCOUNT_DISABLED, texts::ACCOUNT_DISABLED));
    }
    let cleared =
        e.store().clear_answer_failures(person.id, e.record(login, login, Event::SsprAnswers, Outcome::Ok, ""))?;
    taken.give_back();
    if !cleared {
        let rec = e.record(login, login, Event::SsprAnswers, Outcome::Refused, "right answers, but blocked meanwhile");
        e.store().append_audit(&rec)?;
        return Ok(blocked());
    }
    let locked = account.locked_at.is_some_and(|at| !e.lock_has_expired(at));
    // A reset must not bypass 2FA (DESIGN §3).
    Ok(Step::go(if twofactor::has_tested(e, &account)? {
        State::Sspr(SsprFlow::ExpectCode(ExpectCode { person: person.clone(), locked, key: None }))
    } else {
        after_checks(person.clone(), locked)
    }))
}

fn wrong_answers(cx: &Cx, person: &Person) -> Result<Step, Error> {
    let e = &cx.engine;
    let threshold = e.config().lockout.answer_threshold;
    let login = person.login.as_str();
    let out = e.store().record_answer_failure(
        person.id,
        threshold,
        e.record(login, login, Event::SsprAnswers, Outcome::Failed, "wrong answers"),
        e.record(
            "system",
            login,
            Event::SsprBlocked,
            Outcome::Ok,
            format!("{threshold} consecutive wrong answer sets"),
        ),
    )?;
    Ok(if out.locked { blocked() } else { incorrect() })
}
