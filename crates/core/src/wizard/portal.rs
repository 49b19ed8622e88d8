//! The portal once signed in: the applications (student guide step 8, staff guide §2), the
//! code that opens iCON for staff with 2FA, the terms on the first opening, the dashboard.

use serde::{Deserialize, Serialize};

use super::catalogue::{codes, texts};
use super::keys::KeyAsked;
use super::password::PasswordFlow;
use super::questions::{AfterQuestions, QuestionsFlow};
use super::state::{actions, Cx, Person, Purpose, State, Step};
use super::two_factor::TwoFactorFlow;
use super::wire::{Action, AppTile, DashboardApp, Screen};
use crate::audit::{Event, Outcome};
use crate::config::{Audience, Written};
use crate::error::{Error, ErrorBody};
use crate::otp::TotpCheck;
use crate::store::Account;
use crate::text::Text;
use crate::twofactor;
use crate::types::AuthenticatorId;

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct PortalFlow {
    pub(super) person: Person,
    screen: PortalScreen,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
enum PortalScreen {
    ExpectApp(ExpectApp),
    ExpectCode(ExpectCode),
    ExpectTerms(ExpectTerms),
    Dashboard(Dashboard),
}

/// Waits for an application to open (`applications`).
#[derive(Debug, Serialize, Deserialize)]
struct ExpectApp;

/// Waits for a code from a tested authenticator, a recovery code or a security key's touch
/// before iCON opens, or the identity portal where authenticators are managed (`totp_prompt`).
#[derive(Debug, Serialize, Deserialize)]
struct ExpectCode {
    /// The security key ceremony `use_security_key` started.
    #[serde(default)]
    key: Option<KeyAsked>,
    /// What the second factor opens.
    #[serde(default)]
    opens: Door,
}

/// What a second factor given on `totp_prompt` opens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Door {
    #[default]
    Icon,
    /// The identity portal of someone who has a tested authenticator: whoever adds, deletes or
    /// replaces one proves they hold one first (NIST SP 800-63B §6.1.2.1), not only the work
    /// mailbox the email OTP reaches.
    IdentityPortal,
    /// A change of one's own password, for someone with a tested authenticator who has not
    /// given it on this session: the password alone does not replace itself (it would keep the
    /// owner out of their account, and their reset's questions with it).
    OwnPassword,
    /// A change of one's own challenge questions, likewise.
    OwnQuestions,
}

impl Door {
    fn as_str(self) -> &'static str {
        match self {
            Self::Icon => "icon",
            Self::IdentityPortal => "identity_portal",
            Self::OwnPassword => "change_password",
            Self::OwnQuestions => "change_questions",
        }
    }
}

/// Waits for the terms to be accepted (the first opening of iCON), then shows the dashboard
/// with its `reminder`.
#[derive(Debug, Serialize, Deserialize)]
struct ExpectTerms {
    reminder: Option<Text>,
}

/// Shows the apps for the person's level; waits for Cancel back to the applications.
#[derive(Debug, Serialize, Deserialize)]
struct Dashboard {
    reminder: Option<Text>,
}

impl PortalFlow {
    pub(super) fn applications(person: Person) -> Self {
        Self { person, screen: PortalScreen::ExpectApp(ExpectApp) }
    }

    /// The same person back on the applications page.
    pub(super) fn back_to_applications(self) -> Self {
        Self::applications(self.person)
    }

    /// On iCON's terms or its dashboard: through the door that asks a second factor.
    pub(super) fn past_icons_door(&self) -> bool {
        matches!(self.screen, PortalScreen::ExpectTerms(_) | PortalScreen::Dashboard(_))
    }

    /// The door `opens` asking `person` for their second factor.
    pub(super) fn ask_second_factor(person: Person, opens: Door) -> State {
        Self::at(person, PortalScreen::ExpectCode(ExpectCode { key: None, opens }))
    }

    /// The person, once through iCON's door (the second factor and the terms): on the dashboard.
    pub(super) fn in_workspace(&self) -> Option<&Person> {
        matches!(self.screen, PortalScreen::Dashboard(_)).then_some(&self.person)
    }

    pub(super) fn name(&self) -> &'static str {
        match self.screen {
            PortalScreen::ExpectApp(_) => ExpectApp::NAME,
            PortalScreen::ExpectCode(_) => ExpectCode::NAME,
            PortalScreen::ExpectTerms(_) => ExpectTerms::NAME,
            PortalScreen::Dashboard(_) => Dashboard::NAME,
        }
    }

    pub(super) fn handle(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        let person = &self.person;
        match &mut self.screen {
            PortalScreen::ExpectApp(s) => s.handle(person, action, cx),
            PortalScreen::ExpectCode(s) => s.handle(person, action, cx),
            PortalScreen::ExpectTerms(s) => s.handle(person, action, cx),
            PortalScreen::Dashboard(s) => s.handle(person, action, cx),
        }
    }

    fn at(person: Person, screen: PortalScreen) -> State {
        State::Portal(Self { person, screen })
    }

    pub(super) fn render(&self, cx: &Cx) -> Screen {
        let person = &self.person;
        match &self.screen {
            PortalScreen::ExpectApp(_) => {
                let mut apps = vec![AppTile { id: "icon".into(), name: "ICON".into() }];
                if person.kind.is_staff() {
                    apps.push(AppTile { id: "identity_portal".into(), name: "MIMS Identity Portal".into() });
                }
                Screen::Applications { apps }
            }
            PortalScreen::ExpectCode(s) => {
                let notice = next_code_notice(cx, person);
                Screen::TotpPrompt {
                    login: person.login.to_string(),
                    digits: 6,
                    notice: notice.as_ref().map(Text::english),
                    notice_text: notice,
                    recovery_codes_left: cx.recovery_codes_left(person),
                    security_keys: cx.has_security_key(person),
                    security_key: s.key.as_ref().map(|k| k.ceremony.clone()),
                    opens: s.opens.as_str().to_owned(),
                }
            }
            PortalScreen::ExpectTerms(_) => Screen::Terms {
                title: "Welcome to your new account".into(),
                login: person.login.to_string(),
                domain: person.login.domain().to_owned(),
            },
            PortalScreen::Dashboard(s) => dashboard(cx, person, s.reminder.clone()),
        }
    }
}

/// On `totp_prompt`: when the code the person's authenticator shows now was already used (a
/// test a moment ago), say to wait for the next one. Best effort: a failure to read is logged.
fn next_code_notice(cx: &Cx, person: &Person) -> Option<Text> {
    let found = cx.account(person).and_then(|account| twofactor::code_just_used(&cx.engine, &account));
    match found {
        Ok(wait) => wait.map(|(seconds, period)| twofactor::next_code_text(seconds, period)),
        Err(e) => {
            tracing::error!(error = %e, "reading the authenticators for the code prompt");
            None
        }
    }
}

/// A signed-in person's own password change (the password they have is asked first).
fn change_my_password(cx: &Cx, person: &Person) -> Result<Step, Error> {
    through_own_door(cx, person, Door::OwnPassword, own_password)
}

/// A signed-in person's new challenge questions (staff FAQ 14).
fn change_my_questions(cx: &Cx, person: &Person) -> Result<Step, Error> {
    through_own_door(cx, person, Door::OwnQuestions, own_questions)
}

fn own_password(person: Person) -> State {
    State::Password(PasswordFlow::new(person, Purpose::OwnChoice))
}

fn own_questions(person: Person) -> State {
    State::Questions(QuestionsFlow::new(person, AfterQuestions::OwnChoice))
}

/// `change` for `person` — behind `door`'s second factor first when their account has a tested
/// authenticator they have not given on this session.
fn through_own_door(cx: &Cx, person: &Person, door: Door, change: fn(Person) -> State) -> Result<Step, Error> {
    if !super::session::factor_holds(&cx.engine, person, &cx.account(person)?)? {
        return Ok(Step::go(PortalFlow::ask_second_factor(person.clone(), door)));
    }
    Ok(Step::go(change(person.clone())))
}

/// Cancel on the portal's inner screens: back to the applications.
fn to_applications(person: &Person) -> Step {
    Step::go(State::Portal(PortalFlow::applications(person.clone())))
}

impl ExpectApp {
    const NAME: &'static str = "applications";

    fn handle(&self, person: &Person, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::OpenApp { app } => open_app(cx, person.clone(), &app),
            Action::ChangeMyPassword => change_my_password(cx, person),
            Action::ChangeMyQuestions => change_my_questions(cx, person),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, Cancel, SignOut,
                ForgotPassword, ChangePassword, CheckPassword, SsprSearch, SsprAnswer, ChooseChangePassword,
                UnlockAccount, AddSoftToken, SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken,
                SelectAuthenticator, DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl ExpectCode {
    const NAME: &'static str = "totp_prompt";

    fn handle(&self, person: &Person, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::SubmitTotp { code } => {
                let account = cx.account(person)?;
                match twofactor::verify_by(&cx.engine, &account, code.expose(), twofactor::CodeFor::SignIn)? {
                    (TotpCheck::Accepted { .. }, by) => Ok(Step::go(self.through(cx, person, &account, by, None))),
                    (failed, _) => cx.code_failed(person, failed, "code"),
                }
            }
            Action::SubmitRecoveryCode { code } => {
                cx.recovery_code(person, &code, |account, notice| self.through(cx, person, account, None, Some(notice)))
            }
            Action::UseSecurityKey { credential } => {
                let opens = self.opens;
                Ok(cx.security_key(person, twofactor::CodeFor::SignIn, self.key.as_ref(), credential)?.step(
                    |key| PortalFlow::at(person.clone(), PortalScreen::ExpectCode(ExpectCode { key, opens })),
                    |account, by| self.through(cx, person, account, Some(by), None),
                ))
            }
            // Nobody gets past questions an administrator cleared without setting new ones: Cancel
            // signs out there, as it does on the questions themselves.
            Action::Cancel if self.opens == Door::OwnQuestions && !cx.account(person)?.questions_set => {
                Ok(Step::go(State::signed_out()))
            }
            Action::Cancel => Ok(to_applications(person)),
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

impl ExpectCode {
    /// Through the door, the second factor given by authenticator `by` (`None`: a recovery
    /// code): iCON (with `notice`, e.g. the recovery codes left, as its reminder), the identity
    /// portal, or one's own change.
    fn through(
        &self,
        cx: &Cx,
        person: &Person,
        account: &Account,
        by: Option<AuthenticatorId>,
        notice: Option<Text>,
    ) -> State {
        let proved = person.proved_with_factor(cx.engine.now(), by);
        match self.opens {
            Door::Icon => enter_icon(cx, proved, account, notice),
            Door::IdentityPortal => identity_portal(cx, proved),
            Door::OwnPassword => own_password(proved),
            // Questions cleared by an administrator: the new ones, then the applications.
            Door::OwnQuestions if !account.questions_set => {
                State::Questions(QuestionsFlow::new(proved, AfterQuestions::Applications))
            }
            Door::OwnQuestions => own_questions(proved),
        }
    }
}

/// The identity portal opens (audited): the staff guide's 2FA set-up, step 3.
fn identity_portal(cx: &Cx, person: Person) -> State {
    let e = &cx.engine;
    let login = person.login.as_str();
    if let Err(err) = e.store().append_audit(&e.record(login, login, Event::AppOpened, Outcome::Ok, "identity_portal"))
    {
        tracing::warn!(error = %err, "could not audit opening the identity portal");
    }
    State::TwoFactor(TwoFactorFlow::new(person))
}

impl ExpectTerms {
    const NAME: &'static str = "terms";

    fn handle(&mut self, person: &Person, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::AcceptTerms => {
                let login = person.login.as_str();
                let rec = cx.engine.record(login, login, Event::TermsAccepted, Outcome::Ok, "");
                cx.engine.store().accept_terms(person.id, cx.engine.now(), rec)?;
                let reminder = self.reminder.take();
                Ok(Step::go(PortalFlow::at(person.clone(), PortalScreen::Dashboard(Dashboard { reminder }))))
            }
            Action::Cancel => Ok(to_applications(person)),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, SignOut, ForgotPassword, ChangePassword,
                CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount, AddSoftToken,
                SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

impl Dashboard {
    const NAME: &'static str = "dashboard";

    fn handle(&self, person: &Person, action: Action, cx: &Cx) -> Result<Step, Error> {
        match action {
            Action::Cancel => Ok(to_applications(person)),
            Action::ChangeMyPassword => change_my_password(cx, person),
            Action::ChangeMyQuestions => change_my_questions(cx, person),
            actions! {
                SignIn, SetQuestions, ConfirmQuestions, GoBack, Continue, AcceptTerms, SignOut, ForgotPassword,
                ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
                AddSoftToken, SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
                DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
            } => Ok(Step::refuse(&action, Self::NAME)),
        }
    }
}

fn dashboard(cx: &Cx, person: &Person, reminder: Option<Text>) -> Screen {
    let cfg = cx.engine.config();
    let audience = Audience::of(person.kind, person.level);
    let apps = cfg
        .dashboard_apps(audience)
        .into_iter()
        .map(|(a, r)| DashboardApp {
            id: a.id.clone(),
            name: a.name.clone(),
            url: a.url.clone(),
            restriction: r.map(|r| r.english().to_owned()),
            restriction_by_language: r.map(Written::by_language).filter(|m| !m.is_empty()),
            icon: a.bundled_icon().to_owned(),
            icon_image: a.icon_image.clone(),
        })
        .collect();
    let written = cfg.dashboard_notes(audience);
    Screen::Dashboard {
        apps,
        notes: written.iter().map(|n| n.english().to_owned()).collect(),
        notes_by_language: written.iter().map(Written::by_language).collect(),
        reminder: reminder.as_ref().map(Text::english),
        reminder_text: reminder,
    }
}

/// Opening an application: the identity portal starts the 2FA set-up (staff); iCON asks staff
/// with a tested authenticator for a code, and staff without one are reminded before the
/// cut-over date and refused from it (staff FAQ 5, 7).
fn open_app(cx: &Cx, person: Person, app: &str) -> Result<Step, Error> {
    let e = &cx.engine;
    match app {
        "icon" => {}
        "identity_portal" if person.kind.is_staff() => {
            let account = cx.account(&person)?;
            if twofactor::has_tested(e, &account)? {
                let code = ExpectCode { key: None, opens: Door::IdentityPortal };
                return Ok(Step::go(PortalFlow::at(person, PortalScreen::ExpectCode(code))));
            }
            return Ok(Step::go(identity_portal(cx, person)));
        }
        _ => return Ok(Step::stay(ErrorBody::of(codes::APP_UNAVAILABLE, texts::APP_UNAVAILABLE))),
    }
    let account = cx.account(&person)?;
    if !person.kind.is_staff() {
        return Ok(Step::go(enter_icon(cx, person, &account, None)));
    }
    if twofactor::has_tested(e, &account)? {
        return Ok(Step::go(PortalFlow::at(
            person,
            PortalScreen::ExpectCode(ExpectCode { key: None, opens: Door::Icon }),
        )));
    }
    if past_the_cutover(e)? {
        return two_factor_required_page(cx, person);
    }
    let cutover = e.config().cutover_date()?;
    let last_day = cutover.previous_day().map(|d| d.to_string()).unwrap_or_default();
    let reminder = Text::new("two-factor-reminder").arg("date", last_day);
    Ok(Step::go(enter_icon(cx, person, &account, Some(reminder))))
}

/// True from the first second of the 2FA cut-over date in the school's time zone: staff
/// without a tested authenticator may no longer open iCON.
pub(super) fn past_the_cutover(e: &crate::engine::Engine) -> Result<bool, Error> {
    Ok(e.now() >= e.zone().start_of(e.config().cutover_date()?))
}

/// The guide's "2FA required" for `person` at iCON's door (audited), back to the applications.
pub(super) fn two_factor_required_page(cx: &Cx, person: Person) -> Result<Step, Error> {
    let e = &cx.engine;
    let login = person.login.as_str();
    e.store().append_audit(&e.record(login, login, Event::AppOpened, Outcome::Refused, "icon: 2FA not set up"))?;
    let back = State::Portal(PortalFlow::applications(person));
    Ok(Step::go(State::error(codes::TWO_FACTOR_REQUIRED, texts::TWO_FACTOR_REQUIRED, back)))
}

/// iCON opens: the terms on the first opening ever (student guide step 11), then the dashboard.
fn enter_icon(cx: &Cx, person: Person, account: &Account, reminder: Option<Text>) -> State {
    let e = &cx.engine;
    let login = person.login.as_str();
    if let Err(err) = e.store().append_audit(&e.record(login, login, Event::AppOpened, Outcome::Ok, "icon")) {
        tracing::warn!(error = %err, "could not audit opening iCON");
    }
    if account.terms_accepted_at.is_none() {
        PortalFlow::at(person, PortalScreen::ExpectTerms(ExpectTerms { reminder }))
    } else {
        PortalFlow::at(person, PortalScreen::Dashboard(Dashboard { reminder }))
    }
}
