//! The two-factor self-service page (staff guide section 1, steps 7–14): the enrolled
//! authenticators, adding a soft token by QR code or by hand or a hardware token by its serial,
//! testing one, deleting one; the recovery codes made when the set-up completes, and new sets.

use serde::{Deserialize, Serialize};

use super::catalogue::{codes, texts};
use super::keys::{KeyAsked, KeyStep};
use super::state::{actions, Cx, Step};
use super::two_factor::{Staff, TwoFactorScreen};
use super::wire::{Action, AppTile, EnrolledItem, Screen};
use crate::error::{Error, ErrorBody};
use crate::otp::{self, OtpParams, TotpCheck};
use crate::recovery::{self, ShownCode};
use crate::security_keys::{self, Ceremony, Enrolled, Enrolment};
use crate::store::Account;
use crate::text::Text;
use crate::twofactor::{self, AuthenticatorView, CodeFor, TokenEnrolment};
use crate::types::{AuthenticatorId, SecretString};

/// What `save_soft_token` carries: a comment and one of the three ways to enrol.
struct TokenRequest {
    comment: String,
    secret: Option<SecretString>,
    period: Option<u64>,
    serial: Option<String>,
    code: Option<SecretString>,
    next_code: Option<SecretString>,
}

/// The enrolled authenticators; waits for Add or a selection (`self_service`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct SelfService {
    pub(super) notice: Option<Text>,
}

/// Waits for a scanned or typed soft token, or a hardware token's serial and code
/// (`add_soft_token`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectToken;

/// One authenticator: waits for Test or Delete (`edit_authenticator`); right after the
/// account's first authenticator passed its test, also for Continue to the applications.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Authenticator {
    id: AuthenticatorId,
    banner: Option<Text>,
    /// The 2FA set-up was completed by the test just passed (staff guide section 1 step 14).
    #[serde(default)]
    completed: bool,
    /// The recovery codes made at that completion, shown on this page only (sealed with the
    /// state while it is open; wiped when the page is left).
    #[serde(default)]
    codes: Vec<ShownCode>,
}

impl Authenticator {
    /// The authenticator's page as opened from the list or from its test (no banner).
    fn plain(id: AuthenticatorId) -> Self {
        Self { id, banner: None, completed: false, codes: Vec::new() }
    }
}

/// A new set of recovery codes, shown once; waits for Continue (`recovery_codes`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct RecoveryCodes {
    codes: Vec<ShownCode>,
}

/// Waits for a code from that authenticator, or a security key's touch (`test_authenticator`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectTestCode {
    id: AuthenticatorId,
    /// A security key's test: the ceremony `use_security_key` started.
    #[serde(default)]
    key: Option<KeyAsked>,
}

/// Waits for a security key's registration (`add_security_key`): the ceremony the window runs,
/// and the verifier's state for it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ExpectSecurityKey {
    ceremony: Ceremony,
    state: Enrolment,
}

impl SelfService {
    pub(super) const NAME: &'static str = "self_service";

    pub(super) fn handle(&self, staff: &mut Staff, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::AddSoftToken => {
                if staff.enrolment_secret.is_none() {
                    staff.enrolment_secret = Some(cx.engine.with_rng(|rng| otp::generate_secret(rng)));
                }
                Ok(Step::go(staff.at(TwoFactorScreen::ExpectToken(ExpectToken))))
            }
            Action::SelectAuthenticator { id } => {
                if !cx.engine.store().authenticators(staff.person.id)?.iter().any(|a| a.id == id) {
                    return Err(Error::invalid("id", Text::new("no-such-authenticator")));
                }
                Ok(Step::go(staff.at(TwoFactorScreen::Authenticator(Authenticator::plain(id)))))
            }
            Action::NewRecoveryCodes { current_password } => staff.new_recovery_codes(cx, current_password.as_ref()),
            // The guide's "Hard Token/FIDO 2.0": a security key (an OATH token by its serial is
            // enrolled on `add_soft_token`, as the guide's page says).
            Action::AddSecurityKey { credential: None, .. } => staff.start_security_key(cx, None),
            Action::Cancel => Ok(staff.to_applications()),
            Action::AddSecurityKey { credential: Some(_), .. }
            | actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
                SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, DeleteAuthenticator,
                TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl ExpectToken {
    pub(super) const NAME: &'static str = "add_soft_token";

    pub(super) fn handle(&self, staff: &mut Staff, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::SaveSoftToken { comment, secret, period, serial, otp, next_otp } => {
                staff.save_token(cx, TokenRequest { comment, secret, period, serial, code: otp, next_code: next_otp })
            }
            Action::Cancel | Action::GoBack => Ok(staff.back_to_list(None)),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
                AddSoftToken, SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl Authenticator {
    pub(super) const NAME: &'static str = "edit_authenticator";

    pub(super) fn handle(&self, staff: &mut Staff, action: Action, cx: &Cx) -> Result<Step, Error> {
        let id = self.id;
        match action {
            Action::TestAuthenticator { code: None } => {
                Ok(Step::go(staff.at(TwoFactorScreen::ExpectTestCode(ExpectTestCode { id, key: None }))))
            }
            Action::TestAuthenticator { code: Some(code) } => staff.test(cx, id, &code),
            Action::DeleteAuthenticator { id: target } if target != id => {
                Err(Error::invalid("id", Text::new("delete-shown-authenticator")))
            }
            Action::DeleteAuthenticator { .. } => {
                let account = cx.account(&staff.person)?;
                twofactor::delete(&cx.engine, &account, id, account.login.as_str())?;
                let notice = if staff.person.generic {
                    Text::new("authenticator-deleted-shared")
                } else {
                    Text::new("authenticator-deleted")
                };
                Ok(staff.back_to_list(Some(notice)))
            }
            Action::Cancel => Ok(staff.back_to_list(None)),
            // The way on from the completed set-up: the applications, where iCON opens.
            Action::Continue if self.completed => Ok(staff.to_applications()),
            Action::Continue
            | actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, AcceptTerms, SignOut, ForgotPassword, ChangePassword,
                CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken,
                SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }

    pub(super) fn render(&self, staff: &Staff, cx: &Cx) -> Screen {
        match staff.authenticator_view(cx, self.id) {
            Some(authenticator) => {
                let completion = self.completed.then_some(texts::SETUP_2FA_COMPLETED);
                Screen::EditAuthenticator {
                    authenticator,
                    banner: self.banner.as_ref().map(Text::english),
                    banner_text: self.banner.clone(),
                    completion: completion.as_ref().map(Text::english),
                    completion_text: completion,
                    recovery_codes: self.codes.clone(),
                }
            }
            None => staff.render_self_service(cx, None),
        }
    }
}

impl RecoveryCodes {
    pub(super) const NAME: &'static str = "recovery_codes";

    pub(super) fn handle(staff: &mut Staff, action: Action) -> Result<Step, Error> {
        match action {
            Action::Continue | Action::Cancel => Ok(staff.back_to_list(Some(Text::new("recovery-codes-made")))),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, AcceptTerms, SignOut, ForgotPassword, ChangePassword,
                CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken,
                SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }

    pub(super) fn render(&self) -> Screen {
        Screen::RecoveryCodes { codes: self.codes.clone() }
    }
}

impl ExpectSecurityKey {
    pub(super) const NAME: &'static str = "add_security_key";

    pub(super) fn handle(&self, staff: &mut Staff, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::AddSecurityKey { credential: Some(answer), comment, model } => {
                let account = cx.account(&staff.person)?;
                let first = !twofactor::has_tested(&cx.engine, &account)?;
                let enrolled = security_keys::finish_enrolment(
                    &cx.engine,
                    &account,
                    &self.state,
                    &answer,
                    &comment,
                    model.as_deref(),
                )?;
                match enrolled {
                    Enrolled::Yes(id) => {
                        // The touch that enrolled it is its test: a second factor given here.
                        staff.person.gave_factor(cx.engine.now(), id);
                        let banner = Some(Text::new("security-key-added"));
                        let page = Authenticator { id, banner, completed: first, codes: Vec::new() };
                        if first {
                            return staff.completed(cx, &account, page);
                        }
                        Ok(Step::go(staff.at(TwoFactorScreen::Authenticator(page))))
                    }
                    // A new ceremony: the one answered wrongly is not offered again.
                    Enrolled::Refused(text) => {
                        staff.start_security_key(cx, Some(ErrorBody::of(codes::SECURITY_KEY_REFUSED, text)))
                    }
                }
            }
            Action::AddSecurityKey { credential: None, .. } => staff.start_security_key(cx, None),
            Action::Cancel | Action::GoBack => Ok(staff.back_to_list(None)),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, Continue, AcceptTerms, SignOut, ForgotPassword, ChangePassword,
                CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken,
                SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }

    pub(super) fn render(&self) -> Screen {
        Screen::AddSecurityKey { security_key: self.ceremony.clone() }
    }
}

impl ExpectTestCode {
    pub(super) const NAME: &'static str = "test_authenticator";

    pub(super) fn handle(&self, staff: &mut Staff, action: Action, cx: &Cx) -> Result<Step, Error> {
        let id = self.id;
        match action {
            Action::TestAuthenticator { code: Some(code) } => staff.test(cx, id, &code),
            Action::UseSecurityKey { credential } => {
                let account = cx.account(&staff.person)?;
                let first = !twofactor::has_tested(&cx.engine, &account)?;
                let checked = cx.security_key(&staff.person, CodeFor::Test(id), self.key.as_ref(), credential)?;
                let mut again = |key| staff.at(TwoFactorScreen::ExpectTestCode(ExpectTestCode { id, key }));
                Ok(match checked {
                    KeyStep::Ask(key) => Step::go(again(Some(key))),
                    KeyStep::Refused(error) => Step { next: Some(again(None)), error: Some(error), rules: None },
                    KeyStep::Done(step) => *step,
                    KeyStep::Accepted(..) => return staff.passed(cx, &account, id, first),
                })
            }
            Action::Cancel => Ok(Step::go(staff.at(TwoFactorScreen::Authenticator(Authenticator::plain(id))))),
            Action::TestAuthenticator { code: None }
            | actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
                AddSoftToken, SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }

    pub(super) fn render(&self, staff: &Staff, cx: &Cx) -> Screen {
        match staff.authenticator_view(cx, self.id) {
            Some(authenticator) => {
                Screen::TestAuthenticator { authenticator, security_key: self.key.as_ref().map(|k| k.ceremony.clone()) }
            }
            None => staff.render_self_service(cx, None),
        }
    }
}

impl Staff {
    /// Back to the list of authenticators, with a notice.
    pub(super) fn back_to_list(&mut self, notice: Option<Text>) -> Step {
        Step::go(self.at(TwoFactorScreen::SelfService(SelfService { notice })))
    }

    fn save_token(&mut self, cx: &Cx, r: TokenRequest) -> Result<Step, Error> {
        let account = cx.account(&self.person)?;
        if let Some(serial) = r.serial.as_deref().filter(|s| !s.trim().is_empty()) {
            let code = r.code.ok_or_else(|| Error::invalid("otp", Text::new("enter-token-code")))?;
            let next = r.next_code.as_ref().map(|c| c.expose());
            let first = !twofactor::has_tested(&cx.engine, &account)?;
            let enrolled = twofactor::enrol_hard_token(&cx.engine, &account, serial, code.expose(), next, &r.comment)?;
            return self.hard_token_saved(cx, enrolled, first.then_some(&account));
        }
        let params = OtpParams { period: r.period.unwrap_or(30), ..OtpParams::default() };
        let id = match r.secret.as_ref().map(|s| s.expose()).filter(|s| !s.trim().is_empty()) {
            Some(typed) => {
                let bytes = otp::parse_base32(typed)?;
                twofactor::enrol_soft_token(&cx.engine, &account, &bytes, params, &r.comment)?
            }
            None => {
                let bytes = self
                    .enrolment_secret
                    .as_ref()
                    .ok_or_else(|| Error::Internal("no enrolment secret on add_soft_token".into()))?;
                twofactor::enrol_soft_token(&cx.engine, &account, bytes, params, &r.comment)?
            }
        };
        self.enrolment_secret = None;
        Ok(self.back_to_list(Some(Text::new("soft-token-saved").num("id", id.0))))
    }

    /// A hardware token is tested by its enrolment code: the account's first tested
    /// authenticator completes the 2FA set-up (`first`: the account without one before), as a
    /// soft token's first passed test does — its page with the completion and the recovery codes.
    fn hard_token_saved(&mut self, cx: &Cx, enrolled: TokenEnrolment, first: Option<&Account>) -> Result<Step, Error> {
        if let TokenEnrolment::Enrolled(id) = enrolled {
            // The token's code is its test: a second factor given on this session.
            self.person.gave_factor(cx.engine.now(), id);
        }
        match enrolled {
            TokenEnrolment::Enrolled(id) if let Some(account) = first => {
                let banner = Some(Text::new("hard-token-enrolled"));
                Ok(self.completed(cx, account, Authenticator { id, banner, completed: true, codes: Vec::new() })?)
            }
            TokenEnrolment::Enrolled(_) => Ok(self.back_to_list(Some(Text::new("hard-token-enrolled")))),
            TokenEnrolment::TokenLocked => {
                Ok(Step::stay(ErrorBody::of(codes::TOKEN_LOCKED, texts::TOKEN_LOCKED).with_field("serial")))
            }
            TokenEnrolment::Failed(TotpCheck::Wrong) if !cx.account(&self.person)?.is_locked() => {
                Ok(Step::stay(ErrorBody::of(codes::OTP_INCORRECT, texts::TOKEN_CODE_INCORRECT).with_field("otp")))
            }
            TokenEnrolment::Failed(failed) => cx.code_failed(&self.person, failed, "code"),
        }
    }

    /// A test of one authenticator: a pass marks it tested (it then counts for sign-in); the
    /// first pass on the account completes the 2FA set-up.
    fn test(&mut self, cx: &Cx, id: AuthenticatorId, code: &SecretString) -> Result<Step, Error> {
        let account = cx.account(&self.person)?;
        let first = !twofactor::has_tested(&cx.engine, &account)?;
        match twofactor::verify(&cx.engine, &account, code.expose(), twofactor::CodeFor::Test(id))? {
            TotpCheck::Accepted { .. } => self.passed(cx, &account, id, first),
            failed => cx.code_failed(&self.person, failed, "code"),
        }
    }

    /// Authenticator `id` passed its test (a code, or a security key's touch): its page with the
    /// banner, and on the account's first pass the completion with the recovery codes.
    fn passed(&mut self, cx: &Cx, account: &Account, id: AuthenticatorId, first: bool) -> Result<Step, Error> {
        // A passed test is a second factor given on this session, by the one tested.
        self.person.gave_factor(cx.engine.now(), id);
        let name = cx
            .engine
            .store()
            .authenticators(account.id)?
            .into_iter()
            .find(|a| a.id == id)
            .map(|a| a.kind.label())
            .unwrap_or("Soft Token (OTP)");
        let banner = Some(Text::new("authenticator-passed-test").arg("name", name));
        let page = Authenticator { id, banner, completed: first, codes: Vec::new() };
        if first {
            return self.completed(cx, account, page);
        }
        Ok(Step::go(self.at(TwoFactorScreen::Authenticator(page))))
    }

    /// The `add_security_key` screen with a new enrolment ceremony (after a refusal, with its error).
    fn start_security_key(&mut self, cx: &Cx, error: Option<ErrorBody>) -> Result<Step, Error> {
        let account = cx.account(&self.person)?;
        let (ceremony, state) = security_keys::start_enrolment(&cx.engine, &account)?;
        let next = Some(self.at(TwoFactorScreen::ExpectSecurityKey(ExpectSecurityKey { ceremony, state })));
        Ok(Step { next, error, rules: None })
    }

    /// The 2FA set-up completed: the authenticator's page with the completion and a first set
    /// of recovery codes, made now and shown there once.
    fn completed(&mut self, cx: &Cx, account: &Account, mut page: Authenticator) -> Result<Step, Error> {
        page.codes = recovery::issue(&cx.engine, account, account.login.as_str())?;
        Ok(Step::go(self.at(TwoFactorScreen::Authenticator(page))))
    }

    /// `new_recovery_codes`: with the password given again, a new set (the old one cancelled),
    /// shown once. Only once an authenticator passed its test: the codes stand in for it.
    fn new_recovery_codes(&mut self, cx: &Cx, password: Option<&SecretString>) -> Result<Step, Error> {
        let account = cx.account(&self.person)?;
        if !twofactor::has_tested(&cx.engine, &account)? {
            return Err(Error::invalid("recovery_codes", Text::new("recovery-codes-need-authenticator")));
        }
        if let Some(refused) = cx.confirm_password(&self.person, password)? {
            return Ok(refused);
        }
        let codes = recovery::issue(&cx.engine, &account, account.login.as_str())?;
        Ok(Step::go(self.at(TwoFactorScreen::RecoveryCodes(RecoveryCodes { codes }))))
    }

    pub(super) fn authenticator_view(&self, cx: &Cx, id: AuthenticatorId) -> Option<AuthenticatorView> {
        match cx.engine.store().authenticators(self.person.id) {
            Ok(list) => list.iter().find(|a| a.id == id).map(|a| AuthenticatorView::of(a, cx.engine.zone())),
            Err(e) => {
                tracing::error!(error = %e, "reading authenticators");
                None
            }
        }
    }

    pub(super) fn render_self_service(&self, cx: &Cx, notice: Option<&Text>) -> Screen {
        let auto = |name: &str| EnrolledItem {
            id: None,
            name: name.into(),
            comment: "Auto-created".into(),
            status: "Auto-created".into(),
        };
        let mut enrolled = vec![auto("Email OTP"), auto("MIMS Password")];
        let mut left = None;
        match cx.engine.store().authenticators(self.person.id) {
            Ok(list) => {
                if list.iter().any(|a| a.tested_at.is_some()) {
                    left = recovery::left(&cx.engine, self.person.id)
                        .inspect_err(|e| tracing::error!(error = %e, "reading the recovery codes"))
                        .ok();
                }
                enrolled.extend(list.iter().map(|a| EnrolledItem {
                    id: Some(a.id),
                    name: a.kind.label().into(),
                    comment: a.comment.clone(),
                    status: if a.tested_at.is_some() { "Tested".into() } else { "Not tested yet".into() },
                }))
            }
            Err(e) => tracing::error!(error = %e, "reading authenticators"),
        }
        Screen::SelfService {
            enrolled,
            available: vec![
                AppTile { id: "hard_token".into(), name: "Hard Token/FIDO 2.0".into() },
                AppTile { id: "soft_token".into(), name: "Soft Token (OTP)".into() },
            ],
            notice: notice.map(Text::english),
            notice_text: notice.cloned(),
            recovery_codes_left: left,
            recovery_codes_low: left.is_some_and(|n| n <= recovery::WARN_AT),
        }
    }

    fn otpauth_uri(&self, cx: &Cx) -> Result<zeroize::Zeroizing<String>, Error> {
        let secret: &[u8] = self.enrolment_secret.as_ref().map(|s| s.as_slice()).unwrap_or_default();
        otp::otpauth_uri(
            &cx.engine.config().two_factor.issuer,
            self.person.login.as_str(),
            secret,
            &OtpParams::default(),
        )
    }

    pub(super) fn render_add_token(&self, cx: &Cx) -> Screen {
        let params = OtpParams::default();
        let secret: &[u8] = self.enrolment_secret.as_ref().map(|s| s.as_slice()).unwrap_or_default();
        let uri = self.otpauth_uri(cx);
        let qr = uri.as_ref().ok().and_then(|u| otp::qr_svg(u).ok());
        let generic_note = self.person.generic.then(|| Text::new("generic-account-note"));
        Screen::AddSoftToken {
            otpauth_uri: uri.map(|u| u.to_string()).unwrap_or_default(),
            secret: otp::grouped_base32(secret).to_string(),
            qr_svg: qr.unwrap_or_default(),
            period: params.period,
            digits: params.digits,
            generic_note: generic_note.as_ref().map(Text::english),
            generic_note_text: generic_note,
        }
    }

    /// The enrolment's QR code as PNG.
    pub(super) fn qr_png(&self, cx: &Cx) -> Option<Vec<u8>> {
        self.enrolment_secret.as_ref()?;
        otp::qr_png(&self.otpauth_uri(cx).ok()?).ok()
    }
}
