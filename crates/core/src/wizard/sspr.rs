//! Self-service password reset (student guide §2a, staff guide §4): the login ID, the
//! questions (for unknown IDs too, so nothing tells them apart), the locked-account choice, and
//! a code for staff with 2FA. The decoys for unknown IDs are in [`super::decoys`].

use rand::seq::index::sample;
use serde::{Deserialize, Serialize};

use super::catalogue::{codes, texts};
use super::decoys;
use super::password::PasswordFlow;
use super::state::{Cx, Person, Purpose, State, Step};
use super::wire::{Action, Screen};
use crate::audit::{Event, Outcome};
use crate::error::{Error, ErrorBody};
use crate::hashing;
use crate::otp::TotpCheck;
use crate::questions::{self, Question};
use crate::store::FailureKind;
use crate::text::Text;
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

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub(super) enum SsprFlow {
    /// Waits for a login ID.
    Search,
    /// Waits for the answers. `login` is the ID as typed (trimmed), shown for known and unknown
    /// IDs alike: the stored spelling would tell which IDs exist.
    ExpectAnswers { target: SsprTarget, asked: Vec<Asked>, login: String },
    /// A locked account answered rightly: waits for Unlock or Change password.
    ExpectLockedChoice { person: Person },
    /// Staff with 2FA: waits for a code before the reset goes on.
    ExpectCode { person: Person, locked: bool },
}

impl SsprFlow {
    pub(super) fn name(&self) -> &'static str {
        match self {
            SsprFlow::Search => "sspr_search",
            SsprFlow::ExpectAnswers { .. } => "sspr_questions",
            SsprFlow::ExpectLockedChoice { .. } => "sspr_locked_choice",
            SsprFlow::ExpectCode { .. } => "sspr_totp",
        }
    }

    pub(super) fn person(&self) -> Option<&Person> {
        match self {
            SsprFlow::Search | SsprFlow::ExpectAnswers { .. } => None,
            SsprFlow::ExpectLockedChoice { person } | SsprFlow::ExpectCode { person, .. } => Some(person),
        }
    }

    pub(super) fn handle(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match (&*self, action) {
            (SsprFlow::Search, Action::SsprSearch { login }) => search(cx, &login),
            (SsprFlow::ExpectAnswers { target, asked, .. }, Action::SsprAnswer { answers }) => {
                answer(cx, target, asked, &answers)
            }
            (SsprFlow::ExpectLockedChoice { person }, Action::UnlockAccount) => {
                let login = person.login.as_str();
                let rec = cx.engine.record(login, login, Event::Unlock, Outcome::Ok, "self-service unlock");
                cx.engine.store().unlock(person.id, rec)?;
                Ok(Step::go(State::sign_in(Some(texts::UNLOCKED))))
            }
            (SsprFlow::ExpectLockedChoice { person }, Action::ChooseChangePassword) => {
                Ok(Step::go(State::Password(PasswordFlow::new(person.clone(), Purpose::Sspr))))
            }
            (SsprFlow::ExpectCode { person, locked }, Action::SubmitTotp { code }) => {
                let account = cx.account(person)?;
                match twofactor::verify(&cx.engine, &account, code.expose(), twofactor::CodeFor::SignIn)? {
                    TotpCheck::Accepted { .. } => Ok(Step::go(after_checks(person.clone(), *locked))),
                    failed => cx.code_failed(person, failed, "code"),
                }
            }
            (_, Action::Cancel) => Ok(Step::go(State::sign_in(None))),
            (_, other) => Ok(Step::refuse(&other, self.name())),
        }
    }

    pub(super) fn render(&self) -> Screen {
        match self {
            SsprFlow::Search => Screen::SsprSearch {},
            SsprFlow::ExpectAnswers { asked, login, .. } => Screen::SsprQuestions {
                login: login.clone(),
                questions: asked.iter().map(|a| a.question.text.to_owned()).collect(),
            },
            SsprFlow::ExpectLockedChoice { .. } => {
                Screen::SsprLockedChoice { message: texts::LOCKED_CHOICE.english(), message_text: texts::LOCKED_CHOICE }
            }
            SsprFlow::ExpectCode { person, .. } => Screen::SsprTotp { login: person.login.to_string(), digits: 6 },
        }
    }
}

/// Where a reset goes once the answers (and, with 2FA, the code) are right.
fn after_checks(person: Person, locked: bool) -> State {
    if locked {
        State::Sspr(SsprFlow::ExpectLockedChoice { person })
    } else {
        State::Password(PasswordFlow::new(person, Purpose::Sspr))
    }
}

/// The login ID typed on the reset page: its questions, `SSPR 5006`, or a refusal.
fn search(cx: &Cx, raw_login: &str) -> Result<Step, Error> {
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
    let Some(account) = e.store().account_by_login(&login)? else {
        // Like an account's `sspr_blocked`, which only an administrator lifts (not time).
        if e.store().unknown_failures(&key, FailureKind::Answer, i64::MIN)? >= cfg.lockout.answer_threshold {
            return Ok(Cx::to_sign_in(codes::ANSWERS_LOCKED, texts::ANSWERS_LOCKED));
        }
        let Some(three) = decoys::questions(e, &key)? else {
            return Ok(Cx::to_sign_in(codes::SSPR_5006, texts::SSPR_5006));
        };
        let kind = cfg.domains.kind_of(&login).unwrap_or(AccountKind::Student);
        let asked = pick_asked(cx, kind, three);
        let target = SsprTarget::Unknown { key };
        return Ok(Step::go(State::Sspr(SsprFlow::ExpectAnswers { target, asked, login: login.to_string() })));
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
    let target = SsprTarget::Known(Person::of(&account));
    Ok(Step::go(State::Sspr(SsprFlow::ExpectAnswers { target, asked, login: login.to_string() })))
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
    let mut all_ok = true;
    for (a, given) in asked.iter().zip(answers) {
        let n = questions::normalise(given.expose());
        // Check every answer (no early exit): timing must not tell which one was wrong.
        all_ok &= match stored.get(a.position) {
            Some(s) => hashing::verify(n.as_bytes(), &s.hash)?,
            None => hashing::verify_dummy(n.as_bytes())?,
        };
    }
    if account.sspr_blocked {
        return Ok(blocked());
    }
    if !all_ok {
        return wrong_answers(cx, person);
    }
    let login = person.login.as_str();
    e.store().clear_answer_failures(person.id, e.record(login, login, Event::SsprAnswers, Outcome::Ok, ""))?;
    let locked = account.locked_at.is_some_and(|at| !e.lock_has_expired(at));
    // A reset must not bypass 2FA (DESIGN §3).
    Ok(Step::go(if twofactor::has_tested(e, &account)? {
        State::Sspr(SsprFlow::ExpectCode { person: person.clone(), locked })
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
