//! Setting up two-factor authentication (staff guide section 1): the Identity Portal's
//! applications ("Setup 2FA", step 3), the person's own login ID,
//! the method (email OTP), the emailed code; then the self-service page and its authenticators
//! (in [`super::authenticators`]). The soft token being enrolled lives in this flow and is wiped
//! when the flow ends, whichever way it ends.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::authenticators::{
    Authenticator, ExpectSecurityKey, ExpectTestCode, ExpectToken, RecoveryCodes, SelfService,
};
use super::catalogue::{codes, texts};
use super::portal::PortalFlow;
use super::state::{actions, locked, Cx, Person, State, Step};
use super::wire::{Action, AppTile, Screen};
use crate::error::{Error, ErrorBody};
use crate::text::Text;
use crate::twofactor::{self, EmailOtpCheck, EmailProblem};
use crate::types::{LoginId, SecretString};

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct TwoFactorFlow {
    pub(super) staff: Staff,
    screen: TwoFactorScreen,
}

/// What every screen of the flow shares: the staff member, and the secret of the soft token
/// being enrolled — the same for the whole enrolment (a wrong code or going back does not
/// regenerate it); dropped (zeroized) once saved or when the flow ends.
#[derive(Serialize, Deserialize)]
pub(super) struct Staff {
    pub(super) person: Person,
    #[serde(with = "super::state::secret_bytes")]
    pub(super) enrolment_secret: Option<Zeroizing<Vec<u8>>>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub(super) enum TwoFactorScreen {
    ExpectPortalApp(ExpectPortalApp),
    ExpectOwnLogin(ExpectOwnLogin),
    ExpectMethod(ExpectMethod),
    ExpectEmailOtp(ExpectEmailOtp),
    SelfService(SelfService),
    ExpectToken(ExpectToken),
    Authenticator(Authenticator),
    ExpectTestCode(ExpectTestCode),
    RecoveryCodes(RecoveryCodes),
    ExpectSecurityKey(ExpectSecurityKey),
}

/// Waits for an application of the MIMS Identity Portal: "Setup 2FA" (`identity_portal`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectPortalApp;

/// Waits for the person's own login ID (`setup_2fa_username`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectOwnLogin;

/// Waits for the method (`choose_method`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectMethod;

/// Waits for the emailed code OTP #`sequence` (`email_otp`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectEmailOtp {
    sequence: u32,
    masked: String,
}

/// Never prints the enrolment secret (only whether there is one).
impl std::fmt::Debug for Staff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staff")
            .field("person", &self.person)
            .field("enrolment_secret", &self.enrolment_secret.as_ref().map(|_| "<secret>"))
            .finish()
    }
}

impl TwoFactorFlow {
    pub(super) fn new(person: Person) -> Self {
        let staff = Staff { person, enrolment_secret: None };
        Self { staff, screen: TwoFactorScreen::ExpectPortalApp(ExpectPortalApp) }
    }

    pub(super) fn name(&self) -> &'static str {
        match self.screen {
            TwoFactorScreen::ExpectPortalApp(_) => ExpectPortalApp::NAME,
            TwoFactorScreen::ExpectOwnLogin(_) => ExpectOwnLogin::NAME,
            TwoFactorScreen::ExpectMethod(_) => ExpectMethod::NAME,
            TwoFactorScreen::ExpectEmailOtp(_) => ExpectEmailOtp::NAME,
            TwoFactorScreen::SelfService(_) => SelfService::NAME,
            TwoFactorScreen::ExpectToken(_) => ExpectToken::NAME,
            TwoFactorScreen::Authenticator(_) => Authenticator::NAME,
            TwoFactorScreen::ExpectTestCode(_) => ExpectTestCode::NAME,
            TwoFactorScreen::RecoveryCodes(_) => RecoveryCodes::NAME,
            TwoFactorScreen::ExpectSecurityKey(_) => ExpectSecurityKey::NAME,
        }
    }

    pub(super) fn handle(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        let staff = &mut self.staff;
        match &self.screen {
            TwoFactorScreen::ExpectPortalApp(s) => s.handle(staff, action),
            TwoFactorScreen::ExpectOwnLogin(s) => s.handle(staff, action),
            TwoFactorScreen::ExpectMethod(s) => s.handle(staff, action, cx),
            TwoFactorScreen::ExpectEmailOtp(s) => s.handle(staff, action, cx),
            TwoFactorScreen::SelfService(s) => s.handle(staff, action, cx),
            TwoFactorScreen::ExpectToken(s) => s.handle(staff, action, cx),
            TwoFactorScreen::Authenticator(s) => s.handle(staff, action, cx),
            TwoFactorScreen::ExpectTestCode(s) => s.handle(staff, action, cx),
            TwoFactorScreen::RecoveryCodes(_) => RecoveryCodes::handle(staff, action),
            TwoFactorScreen::ExpectSecurityKey(s) => s.handle(staff, action, cx),
        }
    }

    pub(super) fn render(&self, cx: &Cx) -> Screen {
        let email_otp = || vec![AppTile { id: "email_otp".into(), name: "Email OTP".into() }];
        let staff = &self.staff;
        match &self.screen {
            TwoFactorScreen::ExpectPortalApp(_) => ExpectPortalApp::render(),
            TwoFactorScreen::ExpectOwnLogin(_) => Screen::Setup2faUsername {},
            TwoFactorScreen::ExpectMethod(_) => Screen::ChooseMethod { chains: email_otp(), methods: email_otp() },
            TwoFactorScreen::ExpectEmailOtp(s) => {
                Screen::EmailOtp { sequence: s.sequence, masked_address: s.masked.clone() }
            }
            TwoFactorScreen::SelfService(s) => staff.render_self_service(cx, s.notice.as_ref()),
            TwoFactorScreen::ExpectToken(_) => staff.render_add_token(cx),
            TwoFactorScreen::Authenticator(s) => s.render(staff, cx),
            TwoFactorScreen::ExpectTestCode(s) => s.render(staff, cx),
            TwoFactorScreen::RecoveryCodes(s) => s.render(),
            TwoFactorScreen::ExpectSecurityKey(s) => s.render(),
        }
    }

    /// The enrolment's QR code as PNG, when on `add_soft_token`.
    pub(super) fn qr_png(&self, cx: &Cx) -> Option<Vec<u8>> {
        match self.screen {
            TwoFactorScreen::ExpectToken(_) => self.staff.qr_png(cx),
            _ => None,
        }
    }
}

impl Staff {
    /// The next screen of this flow, the enrolment secret moving along with it.
    pub(super) fn at(&mut self, screen: TwoFactorScreen) -> State {
        let enrolment_secret = self.enrolment_secret.take();
        let staff = Staff { person: self.person.clone(), enrolment_secret };
        State::TwoFactor(TwoFactorFlow { staff, screen })
    }

    /// Leaves the flow for the applications page (the enrolment secret is dropped with it).
    pub(super) fn to_applications(&self) -> Step {
        Step::go(State::Portal(PortalFlow::applications(self.person.clone())))
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
        let sequence = match twofactor::send_email_otp(&cx.engine, &account, &to) {
            Ok(sequence) => sequence,
            Err(Error::Refused(text)) => return Ok(Step::stay(ErrorBody::of(codes::OTP_SEND_LIMIT, text))),
            Err(e) => return Err(e),
        };
        Ok(Step::go(self.at(TwoFactorScreen::ExpectEmailOtp(ExpectEmailOtp { sequence, masked: to.masked() }))))
    }

    fn check_email_otp(&mut self, cx: &Cx, code: &SecretString) -> Result<Step, Error> {
        let account = cx.account(&self.person)?;
        Ok(match twofactor::check_email_otp(&cx.engine, &account, code.expose())? {
            EmailOtpCheck::Accepted => self.back_to_list(None),
            EmailOtpCheck::Wrong { tries_left } => Step::stay(ErrorBody::of(
                codes::OTP_INCORRECT,
                Text::new("email-otp-incorrect").num("tries", tries_left),
            )),
            EmailOtpCheck::Locked => locked(),
            EmailOtpCheck::Expired => Step::stay(ErrorBody::of(codes::OTP_EXPIRED, Text::new("email-otp-expired"))),
        })
    }
}

impl ExpectPortalApp {
    const NAME: &'static str = "identity_portal";
    /// The tile's id, and what `open_app` names to open it.
    const SETUP_2FA: &'static str = "setup_2fa";

    fn handle(&self, staff: &mut Staff, action: Action) -> Result<Step, Error> {
        match action {
            Action::OpenApp { app } if app == Self::SETUP_2FA => {
                Ok(Step::go(staff.at(TwoFactorScreen::ExpectOwnLogin(ExpectOwnLogin))))
            }
            Action::OpenApp { .. } => Ok(Step::stay(ErrorBody::of(codes::APP_UNAVAILABLE, texts::APP_UNAVAILABLE))),
            Action::Cancel => Ok(staff.to_applications()),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
                AddSoftToken, SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }

    /// The guide's step 3: "Applications will be listed. Staff will have to set up 2-Factor
    /// Authentication (2FA) upon first login. Click on 'Setup 2FA'".
    fn render() -> Screen {
        Screen::IdentityPortal {
            apps: vec![AppTile { id: Self::SETUP_2FA.into(), name: "Setup 2FA".into() }],
            message: texts::SETUP_2FA_FIRST.english(),
            message_text: texts::SETUP_2FA_FIRST,
        }
    }
}

impl ExpectOwnLogin {
    const NAME: &'static str = "setup_2fa_username";

    fn handle(&self, staff: &mut Staff, action: Action) -> Result<Step, Error> {
        match action {
            Action::Setup2fa { login } => {
                if LoginId::parse(&login)?.key() != staff.person.login.key() {
                    return Err(Error::invalid("login", Text::new("enter-own-login")));
                }
                Ok(Step::go(staff.at(TwoFactorScreen::ExpectMethod(ExpectMethod))))
            }
            Action::Cancel => Ok(staff.to_applications()),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
                AddSoftToken, SubmitTotp, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl ExpectMethod {
    const NAME: &'static str = "choose_method";

    fn handle(&self, staff: &mut Staff, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::ChooseMethod { method } if method == "email_otp" => staff.send_email_otp(cx),
            Action::ChooseMethod { .. } => Err(Error::invalid("method", Text::new("choose-email-otp"))),
            Action::Cancel => Ok(staff.to_applications()),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
                AddSoftToken, SubmitTotp, Setup2fa, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl ExpectEmailOtp {
    const NAME: &'static str = "email_otp";

    fn handle(&self, staff: &mut Staff, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::SubmitEmailOtp { code } => staff.check_email_otp(cx, &code),
            // A new code, OTP #N+1; the one before stops working.
            Action::ResendEmailOtp => staff.send_email_otp(cx),
            Action::Cancel => Ok(staff.to_applications()),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
                AddSoftToken, SubmitTotp, Setup2fa, ChooseMethod, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
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
            proved_at: 0,
            factor: false,
            factor_at: None,
            factor_by: None,
            stamp: None,
        };
        let flow = TwoFactorFlow {
            staff: Staff { person, enrolment_secret: Some(Zeroizing::new(vec![0xAB; 20])) },
            screen: TwoFactorScreen::ExpectToken(ExpectToken),
        };
        let shown = format!("{flow:?}");
        assert!(shown.contains("<secret>") && !shown.contains("171"), "{shown}");
    }
}
