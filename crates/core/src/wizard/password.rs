//! A new password (student guide steps 5–7, the end of a self-service reset, and a signed-in
//! person's own change, which asks for the password they have first): the live checklist, the
//! progress screen that does the slow work, and the confirmation.

use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::catalogue::{codes, texts};
use super::portal::{Door, PortalFlow};
use super::state::{actions, on_continue, secret, Cx, Person, Purpose, Rules, State, Step};
use super::wire::{Action, Screen};
use crate::audit::{Event, Outcome};
use crate::error::{Error, ErrorBody};
use crate::hashing;
use crate::policy;
use crate::store::{CredentialStamp, PasswordChange};
use crate::text::Text;
use crate::twofactor;
use crate::types::SecretString;

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct PasswordFlow {
    pub(super) person: Person,
    purpose: Purpose,
    screen: PasswordScreen,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
enum PasswordScreen {
    ExpectNewPassword(ExpectNewPassword),
    ExpectContinueToChange(ExpectContinueToChange),
    Changed(Changed),
}

/// Waits for the new password and its confirmation, and checks as the person types
/// (`change_password`).
#[derive(Debug, Serialize, Deserialize)]
struct ExpectNewPassword;

/// Shows "being changed"; Continue does the work with the password it holds (`password_changing`).
#[derive(Debug, Serialize, Deserialize)]
struct ExpectContinueToChange {
    #[serde(with = "secret")]
    new_password: SecretString,
}

/// Waits for Continue after the change (`password_changed`).
#[derive(Debug, Serialize, Deserialize)]
struct Changed;

impl PasswordFlow {
    pub(super) fn new(person: Person, purpose: Purpose) -> Self {
        Self { person, purpose, screen: PasswordScreen::ExpectNewPassword(ExpectNewPassword) }
    }

    /// A reset's new password is set by someone who has not signed in; the others have.
    pub(super) fn signed_in(&self) -> bool {
        match self.purpose {
            Purpose::FirstSignIn | Purpose::OwnChoice => true,
            Purpose::Sspr => false,
        }
    }

    /// One's own change waits behind the door that asks a second factor for it; a first
    /// sign-in's and a reset's new password do not.
    pub(super) fn behind_own_door(&self) -> Option<Door> {
        match self.purpose {
            Purpose::OwnChoice => Some(Door::OwnPassword),
            Purpose::FirstSignIn | Purpose::Sspr => None,
        }
    }

    pub(super) fn name(&self) -> &'static str {
        match self.screen {
            PasswordScreen::ExpectNewPassword(_) => ExpectNewPassword::NAME,
            PasswordScreen::ExpectContinueToChange(_) => ExpectContinueToChange::NAME,
            PasswordScreen::Changed(_) => Changed::NAME,
        }
    }

    pub(super) fn handle(&self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match &self.screen {
            PasswordScreen::ExpectNewPassword(s) => s.handle(self, action, cx),
            PasswordScreen::ExpectContinueToChange(s) => s.handle(self, action, cx),
            PasswordScreen::Changed(s) => s.handle(self, action),
        }
    }

    fn at(&self, screen: PasswordScreen) -> State {
        State::Password(Self { person: self.person.clone(), purpose: self.purpose, screen })
    }

    fn rules(&self, cx: &Cx, password: &SecretString) -> Rules {
        let subject = self.person.policy_subject();
        let rules = policy::evaluate(&cx.engine.config().password_policy, password.expose(), &subject);
        (rules, Some(policy::strength(password.expose(), &subject)))
    }

    /// The policy and the confirmation; the slow checks wait for the progress screen.
    fn check(&self, cx: &Cx, new_password: SecretString, confirm: &SecretString) -> Step {
        let rules = self.rules(cx, &new_password);
        let refused = |code, text, field| Step {
            next: None,
            error: Some(ErrorBody::of(code, text).with_field(field)),
            rules: Some(rules.clone()),
        };
        if !policy::all_ok(&rules.0) {
            return refused(codes::PASSWORD_POLICY, texts::POLICY_FAILED, "new_password");
        }
        if !bool::from(new_password.expose().as_bytes().ct_eq(confirm.expose().as_bytes())) {
            return refused(codes::PASSWORDS_DIFFER, texts::PASSWORDS_DIFFER, "confirm_password");
        }
        Step::go(self.at(PasswordScreen::ExpectContinueToChange(ExpectContinueToChange { new_password })))
    }

    /// The slow step behind the progress screen: the previous-password check and the new hash.
    fn commit(&self, cx: &Cx, new_password: &SecretString) -> Result<Step, Error> {
        let e = &cx.engine;
        let account = cx.account(&self.person)?;
        let pw = new_password.expose().as_bytes();
        let mut reused = hashing::verify(pw, &account.password_hash)?;
        if let Some(prev) = &account.previous_hash {
            reused |= hashing::verify(pw, prev)?;
        }
        if reused {
            let subject = self.person.policy_subject();
            let mut rules = policy::evaluate(&e.config().password_policy, new_password.expose(), &subject);
            rules.push(policy::not_previous_rule(false));
            let error = ErrorBody::of(codes::PASSWORD_POLICY, Text::new("rule-not_previous"));
            return Ok(Step {
                next: Some(self.at(PasswordScreen::ExpectNewPassword(ExpectNewPassword))),
                error: Some(error.with_field("new_password")),
                rules: Some((rules, None)),
            });
        }
        let change = PasswordChange { hash: hashing::hash(pw)?, temporary_until: None, at: e.now(), was_at: None };
        let login = self.person.login.as_str();
        let detail = match self.purpose {
            Purpose::FirstSignIn => "first sign-in",
            Purpose::Sspr => "self-service reset",
            Purpose::OwnChoice => "changed by the person",
        };
        let rec = e.record(login, login, Event::PasswordChanged, Outcome::Ok, detail);
        if let Purpose::OwnChoice = self.purpose {
            // Only the password was proved: the change lifts no lock and clears no count of
            // wrong codes or answers (or each change would buy a guesser fresh tries).
            if !e.store().change_own_password(self.person.id, &change, rec)? {
                return Ok(super::state::locked());
            }
        } else {
            e.store().set_password(self.person.id, &change, rec)?;
        }
        twofactor::notify(e, &account, Text::new("password-changed-notice"));
        // The change is this session's: it holds with the new password (another session of
        // the account, proved before the change, ends at its next action).
        let person = self.person.proved(change.at, CredentialStamp::of(&change.hash));
        Ok(Step::go(State::Password(Self { person, purpose: self.purpose, screen: PasswordScreen::Changed(Changed) })))
    }

    pub(super) fn render(&self, cx: &Cx, rules: Option<Rules>) -> Screen {
        match &self.screen {
            PasswordScreen::ExpectNewPassword(_) => {
                let (rules, strength) = rules.unwrap_or_else(|| {
                    let policy = &cx.engine.config().password_policy;
                    (policy::evaluate(policy, "", &self.person.policy_subject()), None)
                });
                Screen::ChangePassword {
                    login: self.person.login.to_string(),
                    rules,
                    strength,
                    current_password_required: self.purpose == Purpose::OwnChoice,
                }
            }
            PasswordScreen::ExpectContinueToChange(_) => Screen::PasswordChanging {
                message: texts::PASSWORD_CHANGING.english(),
                message_text: texts::PASSWORD_CHANGING,
            },
            PasswordScreen::Changed(_) => Screen::PasswordChanged {
                message: texts::PASSWORD_CHANGED.english(),
                message_text: texts::PASSWORD_CHANGED,
            },
        }
    }
}

impl ExpectNewPassword {
    const NAME: &'static str = "change_password";

    fn handle(&self, flow: &PasswordFlow, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::CheckPassword { new_password } => {
                Ok(Step { next: None, error: None, rules: Some(flow.rules(cx, &new_password)) })
            }
            Action::ChangePassword { new_password, confirm_password, current_password } => {
                if flow.purpose == Purpose::OwnChoice {
                    if let Some(refused) = cx.confirm_password(&flow.person, current_password.as_ref())? {
                        return Ok(refused);
                    }
                }
                Ok(flow.check(cx, new_password, &confirm_password))
            }
            Action::Cancel => Ok(Step::go(match flow.purpose {
                Purpose::OwnChoice => State::Portal(PortalFlow::applications(flow.person.clone())),
                Purpose::FirstSignIn | Purpose::Sspr => State::sign_in(None),
            })),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken, SubmitTotp,
                Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator, DeleteAuthenticator,
                TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl ExpectContinueToChange {
    const NAME: &'static str = "password_changing";

    fn handle(&self, flow: &PasswordFlow, action: Action, cx: &Cx) -> Result<Step, Error> {
        on_continue(action, Self::NAME, || flow.commit(cx, &self.new_password))
    }
}

impl Changed {
    const NAME: &'static str = "password_changed";

    fn handle(&self, flow: &PasswordFlow, action: Action) -> Result<Step, Error> {
        on_continue(action, Self::NAME, || {
            Ok(Step::go(match flow.purpose {
                Purpose::FirstSignIn | Purpose::OwnChoice => {
                    State::Portal(PortalFlow::applications(flow.person.clone()))
                }
                Purpose::Sspr => State::sign_in(Some(texts::SIGN_IN_WITH_NEW)),
            }))
        })
    }
}
