//! Setting up two-factor authentication (staff guide section 1): the person's own login ID,
//! the method (email OTP), the emailed code; then the self-service page and its authenticators
//! (in [`super::authenticators`]). The soft token being enrolled lives in this flow and is wiped
//! when the flow ends, whichever way it ends.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::catalogue::codes;
use super::portal::PortalFlow;
use super::state::{locked, Cx, Person, State, Step};
use super::wire::{Action, AppTile, Screen};
use crate::error::{Error, ErrorBody};
use crate::text::Text;
use crate::twofactor::{self, EmailOtpCheck, EmailProblem};
use crate::types::LoginId;

#[derive(Serialize, Deserialize)]
pub(super) struct TwoFactorFlow {
    pub(super) person: Person,
    /// The secret of the soft token being enrolled: the same for the whole enrolment (a wrong
    /// code or going back does not regenerate it); dropped (zeroized) once saved or when the
    /// flow ends.
    #[serde(with = "super::state::secret_bytes")]
    pub(super) enrolment_secret: Option<Zeroizing<Vec<u8>>>,
    pub(super) screen: TwoFactorScreen,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub(super) enum TwoFactorScreen {
    /// Waits for the person's own login ID (`setup_2fa_username`).
    ExpectOwnLogin,
    /// Waits for the method (`choose_method`).
    ExpectMethod,
    /// Waits for the emailed code OTP #`sequence` (`email_otp`).
    ExpectEmailOtp { sequence: u32, masked: String },
    /// The enrolled authenticators; waits for Add or a selection (`self_service`).
    SelfService { notice: Option<Text> },
    /// Waits for a scanned or typed soft token, or a hardware token's serial and code.
    ExpectToken,
    /// One authenticator: waits for Test or Delete (`edit_authenticator`).
    Authenticator { id: i64, banner: Option<Text> },
    /// Waits for a code from that authenticator (`test_authenticator`).
    ExpectTestCode { id: i64 },
}

/// Never prints the enrolment secret (only whether there is one).
impl std::fmt::Debug for TwoFactorFlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TwoFactorFlow")
            .field("person", &self.person)
            .field("enrolment_secret", &self.enrolment_secret.as_ref().map(|_| "<secret>"))
            .field("screen", &self.screen)
            .finish()
    }
}

impl TwoFactorFlow {
    pub(super) fn new(person: Person) -> Self {
        Self { person, enrolment_secret: None, screen: TwoFactorScreen::ExpectOwnLogin }
    }

    pub(super) fn name(&self) -> &'static str {
        match self.screen {
            TwoFactorScreen::ExpectOwnLogin => "setup_2fa_username",
            TwoFactorScreen::ExpectMethod => "choose_method",
            TwoFactorScreen::ExpectEmailOtp { .. } => "email_otp",
            TwoFactorScreen::SelfService { .. } => "self_service",
            TwoFactorScreen::ExpectToken => "add_soft_token",
            TwoFactorScreen::Authenticator { .. } => "edit_authenticator",
            TwoFactorScreen::ExpectTestCode { .. } => "test_authenticator",
        }
    }

    /// The next screen of this flow, the enrolment secret moving along with it.
    pub(super) fn at(&mut self, screen: TwoFactorScreen) -> State {
        let enrolment_secret = self.enrolment_secret.take();
        State::TwoFactor(Self { person: self.person.clone(), enrolment_secret, screen })
    }

    /// Leaves the flow for the applications page (the enrolment secret is dropped with it).
    fn to_applications(&self) -> Step {
        Step::go(State::Portal(PortalFlow::applications(self.person.clone())))
    }

    pub(super) fn handle(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match self.screen {
            TwoFactorScreen::ExpectOwnLogin => self.on_own_login(action),
            TwoFactorScreen::ExpectMethod => self.on_method(action, cx),
            TwoFactorScreen::ExpectEmailOtp { .. } => self.on_email_otp(action, cx),
            TwoFactorScreen::SelfService { .. } => self.on_self_service(action, cx),
            TwoFactorScreen::ExpectToken => self.on_token(action, cx),
            TwoFactorScreen::Authenticator { id, .. } => self.on_authenticator(id, action, cx),
            TwoFactorScreen::ExpectTestCode { id } => self.on_test_code(id, action, cx),
        }
    }

    fn on_own_login(&mut self, action: Action) -> Result<Step, Error> {
        match action {
            Action::Setup2fa { login } => {
                if LoginId::parse(&login)?.key() != self.person.login.key() {
                    return Err(Error::invalid("login", Text::new("enter-own-login")));
                }
                Ok(Step::go(self.at(TwoFactorScreen::ExpectMethod)))
            }
            Action::Cancel => Ok(self.to_applications()),
            other => Ok(Step::refuse(&other, self.name())),
        }
    }

    fn on_method(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::ChooseMethod { method } if method == "email_otp" => self.send_email_otp(cx),
            Action::ChooseMethod { .. } => Err(Error::invalid("method", Text::new("choose-email-otp"))),
            Action::Cancel => Ok(self.to_applications()),
            other => Ok(Step::refuse(&other, self.name())),
        }
    }

    fn send_email_otp(&mut self, cx: &Cx) -> Result<Step, Error> {
        let account = cx.account(&self.person)?;
        let to = match twofactor::work_email(&cx.engine, &account) {
            Ok(to) => to,
            Err(problem) => {
                let (code, text) = match problem {
                    EmailProblem::IconAddress => (codes::WORK_EMAIL_IS_ICON, Text::new("work-email-is-icon")),
                    EmailProblem::NoWorkEmail => (codes::NO_WORK_EMAIL, Text::new("no-work-email")),
                };
                let back = State::Portal(PortalFlow::applications(self.person.clone()));
                return Ok(Step::go(State::error(code, text, back)));
            }
        };
        let sequence = twofactor::send_email_otp(&cx.engine, &account, &to)?;
        Ok(Step::go(self.at(TwoFactorScreen::ExpectEmailOtp { sequence, masked: to.masked() })))
    }

    fn on_email_otp(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        let code = match action {
            Action::SubmitEmailOtp { code } => code,
            Action::Cancel => return Ok(self.to_applications()),
            other => return Ok(Step::refuse(&other, self.name())),
        };
        let account = cx.account(&self.person)?;
        Ok(match twofactor::check_email_otp(&cx.engine, &account, code.expose())? {
            EmailOtpCheck::Accepted => Step::go(self.at(TwoFactorScreen::SelfService { notice: None })),
            EmailOtpCheck::Wrong { tries_left } => Step::stay(ErrorBody::of(
                codes::OTP_INCORRECT,
                Text::new("email-otp-incorrect").num("tries", tries_left),
            )),
            EmailOtpCheck::Locked => locked(),
            EmailOtpCheck::Expired => Step::stay(ErrorBody::of(codes::OTP_EXPIRED, Text::new("email-otp-expired"))),
        })
    }

    pub(super) fn render(&self, cx: &Cx) -> Screen {
        let email_otp = || vec![AppTile { id: "email_otp".into(), name: "Email OTP".into() }];
        match &self.screen {
            TwoFactorScreen::ExpectOwnLogin => Screen::Setup2faUsername {},
            TwoFactorScreen::ExpectMethod => Screen::ChooseMethod { chains: email_otp(), methods: email_otp() },
            TwoFactorScreen::ExpectEmailOtp { sequence, masked } => {
                Screen::EmailOtp { sequence: *sequence, masked_address: masked.clone() }
            }
            TwoFactorScreen::SelfService { notice } => self.render_self_service(cx, notice.as_ref()),
            TwoFactorScreen::ExpectToken => self.render_add_token(cx),
            TwoFactorScreen::Authenticator { id, banner } => match self.authenticator_view(cx, *id) {
                Some(authenticator) => Screen::EditAuthenticator {
                    authenticator,
                    banner: banner.as_ref().map(Text::english),
                    banner_text: banner.clone(),
                },
                None => self.render_self_service(cx, None),
            },
            TwoFactorScreen::ExpectTestCode { id } => match self.authenticator_view(cx, *id) {
                Some(authenticator) => Screen::TestAuthenticator { authenticator },
                None => self.render_self_service(cx, None),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{AccountId, AccountKind, FullName};

    #[test]
    fn the_flow_never_prints_the_soft_token_being_enrolled() {
        let person = Person {
            id: AccountId(1),
            login: LoginId::parse("Mei_Ling@schools.gov.sg").unwrap(),
            name: FullName::parse("Mei Ling").unwrap(),
            kind: AccountKind::SchoolStaff,
            level: None,
            generic: false,
        };
        let flow = TwoFactorFlow {
            enrolment_secret: Some(Zeroizing::new(vec![0xAB; 20])),
            screen: TwoFactorScreen::ExpectToken,
            ..TwoFactorFlow::new(person)
        };
        let shown = format!("{flow:?}");
        assert!(shown.contains("<secret>") && !shown.contains("171"), "{shown}");
    }
}
