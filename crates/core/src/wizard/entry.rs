//! The way in and out: the sign-in form (student guide step 1), the locked notice
//! (troubleshooting E) and the signed-out page.

use serde::{Deserialize, Serialize};

use super::catalogue::{codes, texts};
use super::password::PasswordFlow;
use super::portal::PortalFlow;
use super::questions::QuestionsFlow;
use super::sspr::SsprFlow;
use super::state::{locked, Cx, Person, Purpose, State, Step};
use super::wire::{Action, Screen};
use crate::audit::{Event, Outcome};
use crate::engine::PasswordCheck;
use crate::error::{Error, ErrorBody};
use crate::text::Text;
use crate::types::SecretString;

/// The screens before anyone is signed in.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub(super) enum Entry {
    /// Waits for a login ID and password (or Forgot Password?).
    SignIn { notice: Option<Text> },
    /// Tells the person their account is locked; waits for Continue or Forgot Password?.
    AccountLocked,
    /// Says goodbye; waits for Continue (or a new sign-in).
    SignedOut,
}

impl Entry {
    pub(super) fn name(&self) -> &'static str {
        match self {
            Entry::SignIn { .. } => "sign_in",
            Entry::AccountLocked => "account_locked",
            Entry::SignedOut => "signed_out",
        }
    }

    pub(super) fn handle(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        let locked_notice = matches!(self, Entry::AccountLocked);
        match action {
            Action::SignIn { login, password } if !locked_notice => sign_in(cx, &login, &password),
            Action::ForgotPassword => Ok(Step::go(State::Sspr(SsprFlow::Search))),
            Action::Continue | Action::Cancel if !matches!(self, Entry::SignIn { .. }) => {
                Ok(Step::go(State::sign_in(None)))
            }
            other => Ok(Step::refuse(&other, self.name())),
        }
    }

    pub(super) fn render(&self, cx: &Cx) -> Screen {
        let cfg = cx.engine.config();
        match self {
            Entry::SignIn { notice } => {
                let hint = Text::new("sign-in-hint")
                    .arg("student_domain", &cfg.domains.student)
                    .arg("school_staff_domain", &cfg.domains.school_staff)
                    .arg("hq_staff_domain", &cfg.domains.hq_staff);
                Screen::SignIn {
                    portal_name: cfg.branding.portal_name.clone(),
                    hint: hint.english(),
                    hint_text: hint,
                    notice: notice.as_ref().map(Text::english),
                    notice_text: notice.clone(),
                }
            }
            Entry::AccountLocked => {
                Screen::AccountLocked { message: texts::ACCOUNT_LOCKED.english(), message_text: texts::ACCOUNT_LOCKED }
            }
            Entry::SignedOut => {
                Screen::SignedOut { message: texts::SIGNED_OUT.english(), message_text: texts::SIGNED_OUT }
            }
        }
    }
}

/// Student guide steps 1–3: the password, then the first-sign-in path, or the applications.
fn sign_in(cx: &Cx, raw_login: &str, password: &SecretString) -> Result<Step, Error> {
    let e = &cx.engine;
    let account = match e.check_password(raw_login, password)? {
        PasswordCheck::Right(account) => *account,
        PasswordCheck::Locked => return Ok(locked()),
        PasswordCheck::Wrong => return Ok(Step::stay(ErrorBody::of(codes::LOGIN_FAILED, texts::LOGIN_FAILED))),
    };
    let login = account.login.to_string();
    if account.temporary_until.is_some_and(|until| until <= e.now()) {
        let rec = e.record(&login, &login, Event::SignInFailed, Outcome::Refused, "temporary password expired");
        e.store().append_audit(&rec)?;
        return Ok(Step::stay(ErrorBody::of(codes::TEMPORARY_PASSWORD_EXPIRED, texts::TEMPORARY_EXPIRED)));
    }
    let detail = if account.temporary_until.is_some() { "temporary password" } else { "" };
    if !e.store().record_sign_in(account.id, e.now(), e.record(&login, &login, Event::SignIn, Outcome::Ok, detail))? {
        return Ok(locked());
    }
    let person = Person::of(&account);
    Ok(Step::go(match (account.temporary_until.is_some(), account.questions_set) {
        (true, false) => State::Questions(QuestionsFlow::new(person)),
        (true, true) => State::Password(PasswordFlow::new(person, Purpose::FirstSignIn)),
        (false, _) => State::Portal(PortalFlow::applications(person)),
    }))
}
