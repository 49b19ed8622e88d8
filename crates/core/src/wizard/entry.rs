//! The way in and out: the sign-in form (student guide step 1), the locked notice
//! (troubleshooting E) and the signed-out page.

use serde::{Deserialize, Serialize};

use super::catalogue::{codes, texts};
use super::password::PasswordFlow;
use super::portal::PortalFlow;
use super::questions::{AfterQuestions, QuestionsFlow};
use super::sspr::SsprFlow;
use super::state::{actions, locked, Cx, Person, Purpose, State, Step};
use super::wire::{Action, Screen};
use crate::audit::{Event, Outcome};
use crate::engine::PasswordCheck;
use crate::error::{Error, ErrorBody};
use crate::text::{Language, Text};
use crate::types::SecretString;

/// The screens before anyone is signed in.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub(super) enum Entry {
    SignIn(SignIn),
    AccountLocked(AccountLocked),
    SignedOut(SignedOut),
}

/// Waits for a login ID and password (or Forgot Password?).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct SignIn {
    pub(super) notice: Option<Text>,
}

/// Tells the person their account is locked; waits for Continue or Forgot Password?.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct AccountLocked;

/// Says goodbye; waits for Continue (or a new sign-in).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct SignedOut;

impl Entry {
    pub(super) fn name(&self) -> &'static str {
        match self {
            Entry::SignIn(_) => SignIn::NAME,
            Entry::AccountLocked(_) => AccountLocked::NAME,
            Entry::SignedOut(_) => SignedOut::NAME,
        }
    }

    pub(super) fn handle(&self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match self {
            Entry::SignIn(s) => s.handle(action, cx),
            Entry::AccountLocked(s) => s.handle(action),
            Entry::SignedOut(s) => s.handle(action, cx),
        }
    }

    pub(super) fn render(&self, cx: &Cx) -> Screen {
        match self {
            Entry::SignIn(s) => s.render(cx),
            Entry::AccountLocked(_) => {
                Screen::AccountLocked { message: texts::ACCOUNT_LOCKED.english(), message_text: texts::ACCOUNT_LOCKED }
            }
            Entry::SignedOut(_) => {
                Screen::SignedOut { message: texts::SIGNED_OUT.english(), message_text: texts::SIGNED_OUT }
            }
        }
    }
}

impl SignIn {
    const NAME: &'static str = "sign_in";

    fn handle(&self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::SignIn { login, password, language } => sign_in(cx, &login, &password, language),
            Action::ForgotPassword => Ok(forgot_password()),
            actions! {
                SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, Cancel, SignOut, ChangePassword,
                CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken,
                SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }

    fn render(&self, cx: &Cx) -> Screen {
        let cfg = cx.engine.config();
        let hint = Text::new("sign-in-hint")
            .arg("student_domain", &cfg.domains.student)
            .arg("school_staff_domain", &cfg.domains.school_staff)
            .arg("hq_staff_domain", &cfg.domains.hq_staff);
        // A short line first for a child; the guide's paragraph stays behind "More help".
        let short = Text::new("sign-in-hint-short").arg("student_domain", &cfg.domains.student);
        Screen::SignIn {
            portal_name: cfg.branding.portal_name.clone(),
            hint: hint.english(),
            hint_text: hint,
            hint_short: short.english(),
            hint_short_text: short,
            notice: self.notice.as_ref().map(Text::english),
            notice_text: self.notice.clone(),
        }
    }
}

impl AccountLocked {
    const NAME: &'static str = "account_locked";

    fn handle(&self, action: Action) -> Result<Step, Error> {
        match action {
            Action::ForgotPassword => Ok(forgot_password()),
            Action::Continue | Action::Cancel => Ok(Step::go(State::sign_in(None))),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, AcceptTerms, SignOut, ChangePassword, CheckPassword,
                OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken, SubmitTotp,
                Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator, DeleteAuthenticator,
                TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl SignedOut {
    const NAME: &'static str = "signed_out";

    fn handle(&self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::SignIn { login, password, language } => sign_in(cx, &login, &password, language),
            Action::ForgotPassword => Ok(forgot_password()),
            Action::Continue | Action::Cancel => Ok(Step::go(State::sign_in(None))),
            actions! {
                SetQuestions, ConfirmQuestions, GoBack, AcceptTerms, SignOut, ChangePassword, CheckPassword, OpenApp,
                SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken, SubmitTotp, Setup2fa,
                ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator, DeleteAuthenticator,
                TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

/// Forgot Password? starts a self-service reset.
fn forgot_password() -> Step {
    Step::go(State::Sspr(SsprFlow::start()))
}

/// Student guide steps 1–3: the password, then the first-sign-in path, or the applications.
fn sign_in(cx: &Cx, raw_login: &str, password: &SecretString, language: Option<Language>) -> Result<Step, Error> {
    let e = &cx.engine;
    let account = match e.check_password(raw_login, password)? {
        PasswordCheck::Right(account) => *account,
        PasswordCheck::Locked => return Ok(locked()),
        PasswordCheck::Wrong => return Ok(Step::stay(ErrorBody::of(codes::LOGIN_FAILED, texts::LOGIN_FAILED))),
        PasswordCheck::Disabled => {
            return Ok(Step::stay(ErrorBody::of(codes::ACCOUNT_DISABLED, texts::ACCOUNT_DISABLED)))
        }
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
    if let Some(language) = language.filter(|l| account.language != Some(*l)) {
        // A preference: failing to keep it must not keep the person out.
        if let Err(err) = e.store().set_language(account.id, language) {
            tracing::warn!(error = %err, "could not remember the language chosen at sign-in");
        }
    }
    let person = Person::of(&account).proved(e.now(), account.credential_stamp());
    Ok(Step::go(match (account.temporary_until.is_some(), account.questions_set) {
        (true, false) => State::Questions(QuestionsFlow::new(person, AfterQuestions::ChangePassword)),
        (true, true) => State::Password(PasswordFlow::new(person, Purpose::FirstSignIn)),
        // Questions cleared by an administrator: set new ones now, then the applications — on
        // an account with a tested authenticator after its code, as one's own change of them
        // asks (the password alone does not choose the answers a reset will take).
        (false, false) if crate::twofactor::has_tested(e, &account)? => {
            PortalFlow::ask_second_factor(person, super::portal::Door::OwnQuestions)
        }
        (false, false) => State::Questions(QuestionsFlow::new(person, AfterQuestions::Applications)),
        (false, true) => State::Portal(PortalFlow::applications(person)),
    }))
}
