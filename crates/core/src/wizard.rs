//! The wizard: one state machine per session, `apply(action) -> screen`, exactly the wire
//! contract of DESIGN §4. The desktop shell and `gatehouse-cli session` are transports over it.
//!
//! Each state holds only what its screen needs. An action that does not belong to the current
//! screen gets an error and leaves the state unchanged; a system failure (busy database, corrupt
//! row) shows `SSPR 5019`, and Continue returns to where the person was so retrying works.

use std::sync::Arc;

use hmac::{Hmac, Mac};
use rand::seq::index::sample;
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::audit::{Event, Outcome};
use crate::config::Audience;
use crate::engine::{Engine, PasswordCheck};
use crate::error::{Error, ErrorBody};
use crate::hashing;
use crate::otp::{self, OtpParams, TotpCheck};
use crate::policy::{self, PolicySubject, RuleResult, Strength};
use crate::questions::{self, Question, CATALOGUE, QUESTIONS_PER_ACCOUNT};
use crate::store::{Account, FailureKind, PasswordChange, StoredAnswer};
use crate::twofactor::{self, AuthenticatorView, EmailOtpCheck, EmailProblem, TokenEnrolment};
use crate::types::{AccountId, AccountKind, FullName, Level, LoginId, SecretString};

/// Stable error codes the UI branches on.
pub mod codes {
    pub const BAD_REQUEST: &str = "bad_request";
    pub const UNKNOWN_ACTION: &str = "unknown_action";
    pub const INVALID_ACTION: &str = "invalid_action";
    pub const LOGIN_FAILED: &str = "login_failed";
    pub const ACCOUNT_LOCKED: &str = "account_locked";
    pub const TEMPORARY_PASSWORD_EXPIRED: &str = "temporary_password_expired";
    pub const PASSWORD_POLICY: &str = "password_policy";
    pub const PASSWORDS_DIFFER: &str = "passwords_differ";
    pub const ANSWERS_INCORRECT: &str = "answers_incorrect";
    pub const ANSWERS_LOCKED: &str = "answers_locked";
    pub const APP_UNAVAILABLE: &str = "app_unavailable";
    pub const TWO_FACTOR_REQUIRED: &str = "two_factor_required";
    pub const SSPR_5006: &str = "SSPR 5006";
    pub const SSPR_5019: &str = "SSPR 5019";
    pub const OTP_INCORRECT: &str = "otp_incorrect";
    pub const OTP_EXPIRED: &str = "otp_expired";
    pub const WORK_EMAIL_IS_ICON: &str = "work_email_is_icon";
    pub const NO_WORK_EMAIL: &str = "no_work_email";
    pub const TOKEN_LOCKED: &str = "token_locked";
    pub const SSPR_BUSY: &str = "sspr_busy";
}

/// Texts from the guides (student guide p.15–23, staff guide §2–4 and FAQ 7).
pub mod texts {
    pub const LOGIN_FAILED: &str = "Login failed. The login ID or password is incorrect. Avoid keying in your password repeatedly, as this will cause your account to be locked out.";
    pub const ACCOUNT_LOCKED: &str = "Your account has been locked due to excessive incorrect login attempts. Click 'Forgot Password?' to unlock it or set a new password, or approach your MIMS administrator (SA/LA).";
    pub const TEMPORARY_EXPIRED: &str = "Your temporary password has expired. Please approach your teachers or MIMS administrator (SA/LA) to reset your password again.";
    pub const ANSWERS_INCORRECT: &str = "One or more responses are not correct. Please try again.";
    pub const ANSWERS_LOCKED: &str = "Too many incorrect answers. Self-service password reset is no longer available for this account. Please contact your administrator (LA/SA) to reset your password.";
    pub const SSPR_5006: &str = "Challenge questions have not been defined for this user account. Please contact your administrator (LA/SA) to reset your password.";
    pub const SSPR_5019: &str = "System having issue to process this request, please try again later. If issue persist, please contact your administrator (LA/SA) for further assistance.";
    pub const PASSWORDS_DIFFER: &str = "The new password and the confirmation do not match.";
    pub const POLICY_FAILED: &str = "The new password does not meet the requirements below.";
    pub const TWO_FACTOR_REQUIRED: &str = "You will not be able to access iCON until you set up MIMS 2-Factor Authentication (2FA). Open 'MIMS Identity Portal' under Applications and click 'Setup 2FA' (staff guide, Section 1), then sign in again.";
    pub const APP_UNAVAILABLE: &str = "This application is not available for your account.";
    pub const QUESTIONS_SAVED: &str = "Thank you. Your secret questions and answers have been successfully saved. If you ever forget your password, you can use the answers to these questions to reset your password.";
    pub const PASSWORD_CHANGING: &str =
        "Your password is being changed. This process may take several minutes, please be patient.";
    pub const PASSWORD_CHANGED: &str = "The password has been changed successfully.";
    pub const UNLOCKED: &str = "Your account has been unlocked. Sign in with your existing password.";
    pub const SIGN_IN_WITH_NEW: &str = "Your password has been changed. Sign in with your new password.";
    pub const SIGNED_OUT: &str = "You have signed out.";
    pub const TOKEN_CODE_INCORRECT: &str = "The code is not correct. Press the token's button (or wait for its next code) and enter the code it shows now. If a token with a button still fails, it was pressed many times before: press it twice and enter both codes, the first in OTP and the second in Next OTP.";
    pub const TOKEN_LOCKED: &str = "This hardware token is locked after too many wrong codes. Ask your MIMS Local Administrator (LA) to free it, or use another token.";
    pub const SSPR_BUSY: &str = "Too many password reset searches were made on this computer in the last hour. Please try again later, or approach your MIMS administrator (SA/LA).";
    pub const LOCKED_CHOICE: &str = "Your account has been locked due to excessive incorrect login attempts. You may continue by unlocking your account or by changing your password.";
}

/// A hardware token's serial and the codes typed for it on `add_soft_token`.
struct HardTokenCodes {
    serial: String,
    code: Option<SecretString>,
    next_code: Option<SecretString>,
}

/// A request of the wire contract: `{"action": "<name>", …fields}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    SignIn {
        login: String,
        password: SecretString,
    },
    SetQuestions {
        questions: Vec<QuestionAnswer>,
    },
    ConfirmQuestions,
    GoBack,
    Continue,
    AcceptTerms,
    Cancel,
    SignOut,
    ForgotPassword,
    ChangePassword {
        new_password: SecretString,
        confirm_password: SecretString,
    },
    /// Evaluates the password rules for the live checklist without changing anything.
    CheckPassword {
        new_password: SecretString,
    },
    OpenApp {
        app: String,
    },
    SsprSearch {
        login: String,
    },
    SsprAnswer {
        answers: Vec<SecretString>,
    },
    ChooseChangePassword,
    UnlockAccount,
    AddSoftToken,
    SubmitTotp {
        code: SecretString,
    },
    #[serde(rename = "setup_2fa")]
    Setup2fa {
        login: String,
    },
    ChooseMethod {
        method: String,
    },
    SubmitEmailOtp {
        code: SecretString,
    },
    SaveSoftToken {
        #[serde(default)]
        comment: String,
        /// A TOTP secret entered manually (base32) instead of the one in the QR code.
        #[serde(default)]
        secret: Option<SecretString>,
        #[serde(default)]
        period: Option<u64>,
        /// A hardware OATH token: its serial and a current code.
        #[serde(default)]
        serial: Option<String>,
        #[serde(default)]
        otp: Option<SecretString>,
        /// The code after `otp` on the same token: resynchronises an HOTP token pressed beyond
        /// the look-ahead (two consecutive codes, never one).
        #[serde(default)]
        next_otp: Option<SecretString>,
    },
    SelectAuthenticator {
        id: i64,
    },
    DeleteAuthenticator {
        id: i64,
    },
    /// Without a code: open the test screen; with one: check it.
    TestAuthenticator {
        #[serde(default)]
        code: Option<SecretString>,
    },
}

impl Action {
    fn name(&self) -> &'static str {
        match self {
            Self::SignIn { .. } => "sign_in",
            Self::SetQuestions { .. } => "set_questions",
            Self::ConfirmQuestions => "confirm_questions",
            Self::GoBack => "go_back",
            Self::Continue => "continue",
            Self::AcceptTerms => "accept_terms",
            Self::Cancel => "cancel",
            Self::SignOut => "sign_out",
            Self::ForgotPassword => "forgot_password",
            Self::ChangePassword { .. } => "change_password",
            Self::CheckPassword { .. } => "check_password",
            Self::OpenApp { .. } => "open_app",
            Self::SsprSearch { .. } => "sspr_search",
            Self::SsprAnswer { .. } => "sspr_answer",
            Self::ChooseChangePassword => "choose_change_password",
            Self::UnlockAccount => "unlock_account",
            Self::AddSoftToken => "add_soft_token",
            Self::SubmitTotp { .. } => "submit_totp",
            Self::Setup2fa { .. } => "setup_2fa",
            Self::ChooseMethod { .. } => "choose_method",
            Self::SubmitEmailOtp { .. } => "submit_email_otp",
            Self::SaveSoftToken { .. } => "save_soft_token",
            Self::SelectAuthenticator { .. } => "select_authenticator",
            Self::DeleteAuthenticator { .. } => "delete_authenticator",
            Self::TestAuthenticator { .. } => "test_authenticator",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct QuestionAnswer {
    /// A question id from `available_questions` (or its exact text).
    pub question: String,
    pub answer: SecretString,
}

/// A response of the wire contract: `{"screen": "<name>", …fields, "error": null | {…}}`.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    #[serde(flatten)]
    pub screen: Screen,
    pub error: Option<ErrorBody>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AppTile {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DashboardApp {
    pub id: String,
    pub name: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restriction: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChosenQuestion {
    pub id: String,
    pub question: String,
    pub answer: String,
}

/// What the person sees. Field names are part of the wire contract.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum Screen {
    SignIn {
        portal_name: String,
        hint: String,
        notice: Option<String>,
    },
    AccountLocked {
        message: String,
    },
    SetQuestions {
        available_questions: Vec<Question>,
        /// The person's earlier choice when they came back with Go Back.
        selected: Vec<ChosenQuestion>,
        count: usize,
        min_answer_length: usize,
    },
    ConfirmQuestions {
        questions: Vec<ChosenQuestion>,
    },
    QuestionsSaved {
        message: String,
    },
    ChangePassword {
        login: String,
        rules: Vec<RuleResult>,
        strength: Option<Strength>,
    },
    PasswordChanging {
        message: String,
    },
    PasswordChanged {
        message: String,
    },
    Terms {
        title: String,
        login: String,
        domain: String,
    },
    Applications {
        apps: Vec<AppTile>,
    },
    Dashboard {
        apps: Vec<DashboardApp>,
        notes: Vec<String>,
        reminder: Option<String>,
    },
    SsprSearch {},
    SsprQuestions {
        login: String,
        questions: Vec<String>,
    },
    SsprLockedChoice {
        message: String,
    },
    TotpPrompt {
        login: String,
        digits: u8,
    },
    SsprTotp {
        login: String,
        digits: u8,
    },
    #[serde(rename = "setup_2fa_username")]
    Setup2faUsername {},
    ChooseMethod {
        chains: Vec<AppTile>,
        methods: Vec<AppTile>,
    },
    EmailOtp {
        sequence: u32,
        masked_address: String,
    },
    SelfService {
        enrolled: Vec<EnrolledItem>,
        available: Vec<AppTile>,
        notice: Option<String>,
    },
    AddSoftToken {
        otpauth_uri: String,
        /// The secret in groups of four, for typing into an app by hand.
        secret: String,
        qr_svg: String,
        period: u64,
        digits: u8,
        /// For a shared (generic) account: everyone scans now; how to remove someone later.
        generic_note: Option<String>,
    },
    EditAuthenticator {
        authenticator: AuthenticatorView,
        banner: Option<String>,
    },
    TestAuthenticator {
        authenticator: AuthenticatorView,
    },
    Error {
        code: String,
        message: String,
    },
    SignedOut {
        message: String,
    },
}

/// A line of the "Enrolled Authenticators" list.
#[derive(Debug, Clone, Serialize)]
pub struct EnrolledItem {
    /// The authenticator's id (`null` for the auto-created Email OTP and MIMS Password).
    pub id: Option<i64>,
    pub name: String,
    pub comment: String,
    pub status: String,
}

/// The authenticated (or half-authenticated, with a temporary password) person.
#[derive(Debug, Clone)]
struct Person {
    id: AccountId,
    login: LoginId,
    name: FullName,
    kind: AccountKind,
    level: Option<Level>,
    generic: bool,
}

impl Person {
    fn of(a: &Account) -> Self {
        Self {
            id: a.id,
            login: a.login.clone(),
            name: a.name.clone(),
            kind: a.kind,
            level: a.level,
            generic: a.generic,
        }
    }

    fn policy_subject(&self) -> PolicySubject<'_> {
        PolicySubject { login: self.login.as_str(), full_name: self.name.as_str() }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// After signing in with a temporary password.
    FirstSignIn,
    /// Self-service password reset.
    Sspr,
}

#[derive(Debug, Clone)]
enum SsprTarget {
    Known(Person),
    /// A login ID with no account: it gets plausible questions and the same treatment.
    Unknown {
        key: String,
    },
}

#[derive(Debug, Clone)]
enum State {
    SignIn {
        notice: Option<String>,
    },
    AccountLocked,
    SetQuestions {
        person: Person,
        selected: Vec<(&'static Question, SecretString)>,
    },
    ConfirmQuestions {
        person: Person,
        selected: Vec<(&'static Question, SecretString)>,
    },
    QuestionsSaved {
        person: Person,
    },
    ChangePassword {
        person: Person,
        purpose: Purpose,
    },
    PasswordChanging {
        person: Person,
        purpose: Purpose,
        new_password: SecretString,
    },
    PasswordChanged {
        person: Person,
        purpose: Purpose,
    },
    Applications {
        person: Person,
    },
    Terms {
        person: Person,
        reminder: Option<String>,
    },
    Dashboard {
        person: Person,
        reminder: Option<String>,
    },
    SsprSearch,
    /// `login` is the ID as typed (trimmed), shown for known and unknown IDs alike: the stored
    /// spelling would tell which IDs exist.
    SsprQuestions {
        target: SsprTarget,
        asked: Vec<(usize, &'static Question)>,
        login: String,
    },
    SsprLockedChoice {
        person: Person,
    },
    TotpPrompt {
        person: Person,
    },
    SsprTotp {
        person: Person,
        locked: bool,
    },
    Setup2faUsername {
        person: Person,
    },
    ChooseMethod {
        person: Person,
    },
    EmailOtp {
        person: Person,
        sequence: u32,
        masked: String,
    },
    SelfService {
        person: Person,
        notice: Option<String>,
    },
    AddSoftToken {
        person: Person,
    },
    EditAuthenticator {
        person: Person,
        id: i64,
        banner: Option<String>,
    },
    TestAuthenticator {
        person: Person,
        id: i64,
    },
    Error {
        code: &'static str,
        message: String,
        resume: Box<State>,
    },
    SignedOut,
}

impl State {
    fn person(&self) -> Option<&Person> {
        match self {
            Self::SetQuestions { person, .. }
            | Self::ConfirmQuestions { person, .. }
            | Self::QuestionsSaved { person }
            | Self::ChangePassword { person, .. }
            | Self::PasswordChanging { person, .. }
            | Self::PasswordChanged { person, .. }
            | Self::Applications { person }
            | Self::Terms { person, .. }
            | Self::Dashboard { person, .. }
            | Self::SsprLockedChoice { person }
            | Self::TotpPrompt { person }
            | Self::SsprTotp { person, .. }
            | Self::Setup2faUsername { person }
            | Self::ChooseMethod { person }
            | Self::EmailOtp { person, .. }
            | Self::SelfService { person, .. }
            | Self::AddSoftToken { person }
            | Self::EditAuthenticator { person, .. }
            | Self::TestAuthenticator { person, .. } => Some(person),
            Self::Error { resume, .. } => resume.person(),
            _ => None,
        }
    }
}

/// What one action did: the next state (None = stay) and an error to show with it.
struct Step {
    next: Option<State>,
    error: Option<ErrorBody>,
    /// Rules to show on `change_password` instead of the empty-input checklist.
    rules: Option<(Vec<RuleResult>, Option<Strength>)>,
}

impl Step {
    fn go(next: State) -> Self {
        Self { next: Some(next), error: None, rules: None }
    }

    fn stay(error: ErrorBody) -> Self {
        Self { next: None, error: Some(error), rules: None }
    }
}

/// One person's pass through the wizard.
pub struct Session {
    engine: Arc<Engine>,
    state: State,
    /// The secret of the soft token being enrolled: the same for the whole enrolment (a wrong
    /// code or going back does not regenerate it); dropped (zeroized) once saved or signed out.
    enrolment_secret: Option<Zeroizing<Vec<u8>>>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("screen", &self.screen_name()).finish()
    }
}

/// A JSON value that refuses an object naming a key twice: which of the two would count is the
/// parser's choice (serde_json keeps the last, others the first), and a request must not mean
/// one thing to a front-end or a filter and another to the engine.
struct Unambiguous(serde_json::Value);

impl<'de> Deserialize<'de> for Unambiguous {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(UnambiguousVisitor).map(Unambiguous)
    }
}

struct UnambiguousVisitor;

impl<'de> serde::de::Visitor<'de> for UnambiguousVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Unambiguous(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(serde_json::Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Unambiguous(value) = map.next_value()?;
            if object.contains_key(&key) {
                let shown: String = key.chars().take(64).collect();
                return Err(serde::de::Error::custom(format!("the field {shown:?} appears twice")));
            }
            object.insert(key, value);
        }
        Ok(serde_json::Value::Object(object))
    }
}

/// Parses one request line. Malformed JSON (also an object naming a field twice) and unknown
/// actions are errors the caller turns into a response on the current screen.
pub fn parse_request(line: &str) -> Result<Action, ErrorBody> {
    let Unambiguous(value) = serde_json::from_str(line)
        .map_err(|e| ErrorBody::new(codes::BAD_REQUEST, format!("The request is not valid JSON: {e}")))?;
    let Some(name) = value.get("action").and_then(|a| a.as_str()).map(str::to_owned) else {
        return Err(ErrorBody::new(codes::BAD_REQUEST, "The request needs an \"action\" field naming the action."));
    };
    serde_json::from_value(value).map_err(|e| {
        let msg = e.to_string();
        if msg.starts_with("unknown variant") {
            ErrorBody::new(codes::UNKNOWN_ACTION, format!("There is no action named {name:?}."))
        } else {
            // serde quotes the offending value of a mistyped field ("invalid type: string \"…\"");
            // it may be a password or an answer sent in the wrong shape, so keep only what was expected.
            let msg = match msg.split_once(", expected ") {
                Some((found, expected)) if found.starts_with("invalid type") || found.starts_with("invalid value") => {
                    format!("a field has the wrong type (expected {expected})")
                }
                _ => msg,
            };
            ErrorBody::new(codes::BAD_REQUEST, format!("The {name} request is malformed: {msg}"))
        }
    })
}

impl Session {
    pub fn new(engine: Arc<Engine>) -> Self {
        Self { engine, state: State::SignIn { notice: None }, enrolment_secret: None }
    }

    /// Discards everything about the current person (kiosk idle reset) and shows sign-in.
    pub fn reset(&mut self) {
        self.state = State::SignIn { notice: None };
        self.enrolment_secret = None;
    }

    pub fn screen_name(&self) -> &'static str {
        match &self.state {
            State::SignIn { .. } => "sign_in",
            State::AccountLocked => "account_locked",
            State::SetQuestions { .. } => "set_questions",
            State::ConfirmQuestions { .. } => "confirm_questions",
            State::QuestionsSaved { .. } => "questions_saved",
            State::ChangePassword { .. } => "change_password",
            State::PasswordChanging { .. } => "password_changing",
            State::PasswordChanged { .. } => "password_changed",
            State::Applications { .. } => "applications",
            State::Terms { .. } => "terms",
            State::Dashboard { .. } => "dashboard",
            State::SsprSearch => "sspr_search",
            State::SsprQuestions { .. } => "sspr_questions",
            State::SsprLockedChoice { .. } => "sspr_locked_choice",
            State::TotpPrompt { .. } => "totp_prompt",
            State::SsprTotp { .. } => "sspr_totp",
            State::Setup2faUsername { .. } => "setup_2fa_username",
            State::ChooseMethod { .. } => "choose_method",
            State::EmailOtp { .. } => "email_otp",
            State::SelfService { .. } => "self_service",
            State::AddSoftToken { .. } => "add_soft_token",
            State::EditAuthenticator { .. } => "edit_authenticator",
            State::TestAuthenticator { .. } => "test_authenticator",
            State::Error { .. } => "error",
            State::SignedOut => "signed_out",
        }
    }

    /// The current screen, without acting.
    pub fn current(&self) -> Response {
        Response { screen: self.render(None), error: self.state_error() }
    }

    /// Parses and applies one JSON request line.
    pub fn apply_json(&mut self, line: &str) -> Response {
        match parse_request(line) {
            Ok(action) => self.apply(action),
            Err(error) => Response { screen: self.render(None), error: Some(error) },
        }
    }

    pub fn apply(&mut self, action: Action) -> Response {
        let name = action.name();
        match self.step(action) {
            Ok(step) => {
                if let Some(next) = step.next {
                    self.state = next;
                }
                let error = step.error.or_else(|| self.state_error());
                Response { screen: self.render(step.rules), error }
            }
            Err(e) if e.is_internal() => {
                // Log the detail for the administrator; show the person only the guide's text.
                tracing::error!(action = name, error = %e, "internal failure in the wizard");
                let resume = Box::new(std::mem::replace(&mut self.state, State::SignedOut));
                self.state = State::Error { code: codes::SSPR_5019, message: texts::SSPR_5019.into(), resume };
                self.current()
            }
            Err(e) => Response { screen: self.render(None), error: Some(ErrorBody::from(&e)) },
        }
    }

    fn state_error(&self) -> Option<ErrorBody> {
        match &self.state {
            State::Error { code, message, .. } => Some(ErrorBody::new(*code, message.clone())),
            _ => None,
        }
    }

    fn step(&mut self, action: Action) -> Result<Step, Error> {
        let e = Arc::clone(&self.engine);
        // Sign out is valid on every screen (DESIGN §2).
        if let Action::SignOut = action {
            if let Some(p) = self.state.person() {
                // Leaving must work even when the store cannot record it (a busy database must
                // not keep a kiosk signed in); the failure goes to the log.
                let rec = e.record(p.login.as_str(), p.login.as_str(), Event::SignOut, Outcome::Ok, "");
                if let Err(err) = e.store().append_audit(&rec) {
                    tracing::error!(error = %err, "could not audit a sign-out");
                }
            }
            self.enrolment_secret = None;
            return Ok(Step::go(State::SignedOut));
        }
        let state = self.state.clone();
        match (state, action) {
            (State::SignIn { .. } | State::SignedOut, Action::SignIn { login, password }) => {
                self.sign_in(&login, &password)
            }
            (State::SignIn { .. } | State::SignedOut | State::AccountLocked, Action::ForgotPassword) => {
                Ok(Step::go(State::SsprSearch))
            }
            (State::SignedOut | State::AccountLocked, Action::Continue | Action::Cancel) => {
                Ok(Step::go(State::SignIn { notice: None }))
            }

            (State::SetQuestions { person, .. }, Action::SetQuestions { questions }) => {
                self.choose_questions(person, questions)
            }
            (
                State::SetQuestions { .. } | State::ChangePassword { purpose: Purpose::FirstSignIn, .. },
                Action::Cancel,
            ) => Ok(Step::go(State::SignIn { notice: None })),
            (State::ConfirmQuestions { person, selected }, Action::GoBack) => {
                Ok(Step::go(State::SetQuestions { person, selected }))
            }
            (State::ConfirmQuestions { person, selected }, Action::ConfirmQuestions) => {
                self.save_questions(person, &selected)
            }
            (State::QuestionsSaved { person }, Action::Continue) => {
                Ok(Step::go(State::ChangePassword { person, purpose: Purpose::FirstSignIn }))
            }

            (State::ChangePassword { person, .. }, Action::CheckPassword { new_password }) => {
                let rules =
                    policy::evaluate(&e.config().password_policy, new_password.expose(), &person.policy_subject());
                let strength = policy::strength(new_password.expose(), &person.policy_subject());
                Ok(Step { next: None, error: None, rules: Some((rules, Some(strength))) })
            }
            (State::ChangePassword { person, purpose }, Action::ChangePassword { new_password, confirm_password }) => {
                Ok(self.check_new_password(person, purpose, new_password, &confirm_password))
            }
            (State::ChangePassword { purpose: Purpose::Sspr, .. }, Action::Cancel) => {
                Ok(Step::go(State::SignIn { notice: None }))
            }
            (State::PasswordChanging { person, purpose, new_password }, Action::Continue) => {
                self.commit_new_password(person, purpose, &new_password)
            }
            (State::PasswordChanged { person, purpose: Purpose::FirstSignIn }, Action::Continue) => {
                Ok(Step::go(State::Applications { person }))
            }
            (State::PasswordChanged { purpose: Purpose::Sspr, .. }, Action::Continue) => {
                Ok(Step::go(State::SignIn { notice: Some(texts::SIGN_IN_WITH_NEW.into()) }))
            }

            (State::Applications { person }, Action::OpenApp { app }) => self.open_app(person, &app),
            (State::Terms { person, reminder }, Action::AcceptTerms) => {
                let rec = e.record(person.login.as_str(), person.login.as_str(), Event::TermsAccepted, Outcome::Ok, "");
                e.store().accept_terms(person.id, e.now(), rec)?;
                Ok(Step::go(self.dashboard(person, reminder)))
            }
            (State::Terms { person, .. } | State::Dashboard { person, .. }, Action::Cancel) => {
                Ok(Step::go(State::Applications { person }))
            }

            (State::SsprSearch, Action::SsprSearch { login }) => self.sspr_search(&login),
            (State::SsprSearch | State::SsprQuestions { .. } | State::SsprLockedChoice { .. }, Action::Cancel) => {
                Ok(Step::go(State::SignIn { notice: None }))
            }
            (State::SsprQuestions { target, asked, .. }, Action::SsprAnswer { answers }) => {
                self.sspr_answer(target, &asked, &answers)
            }
            (State::SsprLockedChoice { person }, Action::UnlockAccount) => {
                let rec = e.record(
                    person.login.as_str(),
                    person.login.as_str(),
                    Event::Unlock,
                    Outcome::Ok,
                    "self-service unlock",
                );
                e.store().unlock(person.id, rec)?;
                Ok(Step::go(State::SignIn { notice: Some(texts::UNLOCKED.into()) }))
            }
            (State::SsprLockedChoice { person }, Action::ChooseChangePassword) => {
                Ok(Step::go(State::ChangePassword { person, purpose: Purpose::Sspr }))
            }

            // Sign-in to iCON and self-service reset with 2FA (staff guide sections 2 and 4).
            (State::TotpPrompt { person }, Action::SubmitTotp { code }) => {
                let account = self.account(&person)?;
                match twofactor::verify(&e, &account, code.expose(), None, false)? {
                    TotpCheck::Accepted { .. } => Ok(Step::go(self.enter_icon(person, &account, None))),
                    failed => Ok(self.totp_failed(&person, failed)?),
                }
            }
            (State::TotpPrompt { person }, Action::Cancel) => Ok(Step::go(State::Applications { person })),
            (State::SsprTotp { person, locked }, Action::SubmitTotp { code }) => {
                let account = self.account(&person)?;
                match twofactor::verify(&e, &account, code.expose(), None, false)? {
                    TotpCheck::Accepted { .. } if locked => Ok(Step::go(State::SsprLockedChoice { person })),
                    TotpCheck::Accepted { .. } => {
                        Ok(Step::go(State::ChangePassword { person, purpose: Purpose::Sspr }))
                    }
                    failed => Ok(self.totp_failed(&person, failed)?),
                }
            }
            (State::SsprTotp { .. }, Action::Cancel) => Ok(Step::go(State::SignIn { notice: None })),

            // Setting up 2FA (staff guide section 1).
            (State::Setup2faUsername { person }, Action::Setup2fa { login }) => {
                let typed = LoginId::parse(&login)?;
                if typed.key() != person.login.key() {
                    return Err(Error::invalid("login", "Enter your own MIMS login ID, the one you signed in with."));
                }
                Ok(Step::go(State::ChooseMethod { person }))
            }
            (State::ChooseMethod { person }, Action::ChooseMethod { method }) => {
                if method != "email_otp" {
                    return Err(Error::invalid("method", "Choose the method Email OTP."));
                }
                self.send_email_otp(person)
            }
            (State::EmailOtp { person, .. }, Action::SubmitEmailOtp { code }) => {
                let account = self.account(&person)?;
                match twofactor::check_email_otp(&e, &account, code.expose())? {
                    EmailOtpCheck::Accepted => Ok(Step::go(State::SelfService { person, notice: None })),
                    EmailOtpCheck::Wrong { tries_left } => Ok(Step::stay(ErrorBody::new(
                        codes::OTP_INCORRECT,
                        format!("The one-time password is not correct. {tries_left} tries left."),
                    ))),
                    EmailOtpCheck::Locked => Ok(Step::go(State::AccountLocked)),
                    EmailOtpCheck::Expired => Ok(Step::stay(ErrorBody::new(
                        codes::OTP_EXPIRED,
                        "This one-time password has expired or has been tried too often. Click Cancel, then Next to get a new one.",
                    ))),
                }
            }
            (
                State::Setup2faUsername { person }
                | State::ChooseMethod { person }
                | State::EmailOtp { person, .. }
                | State::SelfService { person, .. },
                Action::Cancel,
            ) => Ok(Step::go(State::Applications { person })),
            (State::SelfService { person, .. }, Action::AddSoftToken) => {
                if self.enrolment_secret.is_none() {
                    self.enrolment_secret = Some(e.with_rng(|rng| otp::generate_secret(rng)));
                }
                Ok(Step::go(State::AddSoftToken { person }))
            }
            (State::SelfService { person, .. }, Action::SelectAuthenticator { id }) => {
                let account = self.account(&person)?;
                if !e.store().authenticators(account.id)?.iter().any(|a| a.id == id) {
                    return Err(Error::invalid("id", "There is no such authenticator on your account."));
                }
                Ok(Step::go(State::EditAuthenticator { person, id, banner: None }))
            }
            (
                State::AddSoftToken { person },
                Action::SaveSoftToken { comment, secret, period, serial, otp, next_otp },
            ) => {
                let token = serial.map(|serial| HardTokenCodes { serial, code: otp, next_code: next_otp });
                self.save_token(person, &comment, secret, period, token)
            }
            (State::AddSoftToken { person }, Action::Cancel | Action::GoBack) => {
                Ok(Step::go(State::SelfService { person, notice: None }))
            }
            (State::EditAuthenticator { person, id, .. }, Action::TestAuthenticator { code: None }) => {
                Ok(Step::go(State::TestAuthenticator { person, id }))
            }
            (
                State::EditAuthenticator { person, id, .. } | State::TestAuthenticator { person, id },
                Action::TestAuthenticator { code: Some(code) },
            ) => {
                let account = self.account(&person)?;
                match twofactor::verify(&e, &account, code.expose(), Some(id), true)? {
                    TotpCheck::Accepted { .. } => {
                        let name = e
                            .store()
                            .authenticators(account.id)?
                            .into_iter()
                            .find(|a| a.id == id)
                            .map(|a| a.kind.label())
                            .unwrap_or("Soft Token (OTP)");
                        Ok(Step::go(State::EditAuthenticator {
                            person,
                            id,
                            banner: Some(format!("Authenticator \"{name}\" passed the test")),
                        }))
                    }
                    failed => Ok(self.totp_failed(&person, failed)?),
                }
            }
            (State::EditAuthenticator { person, id, .. }, Action::DeleteAuthenticator { id: target }) => {
                if target != id {
                    return Err(Error::invalid("id", "Delete the authenticator shown on this screen."));
                }
                let account = self.account(&person)?;
                twofactor::delete(&e, &account, id, account.login.as_str())?;
                let notice = if person.generic {
                    "Authenticator deleted. Everyone who still needs this shared account must now enrol a new soft token together (scan the new QR code at the same time)."
                } else {
                    "Authenticator deleted. Remove its entry from your authenticator app too."
                };
                Ok(Step::go(State::SelfService { person, notice: Some(notice.into()) }))
            }
            (State::EditAuthenticator { person, .. }, Action::Cancel) => {
                Ok(Step::go(State::SelfService { person, notice: None }))
            }
            (State::TestAuthenticator { person, id }, Action::Cancel) => {
                Ok(Step::go(State::EditAuthenticator { person, id, banner: None }))
            }

            (State::Error { code, resume, .. }, Action::Continue) => Ok(Step::go(if code == codes::SSPR_5019 {
                *resume
            } else {
                match *resume {
                    // Errors inside the portal return to the applications page; the rest to sign-in.
                    s @ State::Applications { .. } => s,
                    _ => State::SignIn { notice: None },
                }
            })),

            (_, action) => Ok(Step::stay(ErrorBody::new(
                codes::INVALID_ACTION,
                format!("The action {} is not available on the {} screen.", action.name(), self.screen_name()),
            ))),
        }
    }

    fn sign_in(&mut self, raw_login: &str, password: &SecretString) -> Result<Step, Error> {
        let e = Arc::clone(&self.engine);
        let account = match e.check_password(raw_login, password)? {
            PasswordCheck::Right(account) => *account,
            PasswordCheck::Locked => return Ok(Step::go(State::AccountLocked)),
            PasswordCheck::Wrong => return Ok(Step::stay(ErrorBody::new(codes::LOGIN_FAILED, texts::LOGIN_FAILED))),
        };
        let login = account.login.to_string();
        if account.temporary_until.is_some_and(|until| until <= e.now()) {
            e.store().append_audit(&e.record(
                &login,
                &login,
                Event::SignInFailed,
                Outcome::Refused,
                "temporary password expired",
            ))?;
            return Ok(Step::stay(ErrorBody::new(codes::TEMPORARY_PASSWORD_EXPIRED, texts::TEMPORARY_EXPIRED)));
        }
        let detail = if account.temporary_until.is_some() { "temporary password" } else { "" };
        if !e.store().record_sign_in(
            account.id,
            e.now(),
            e.record(&login, &login, Event::SignIn, Outcome::Ok, detail),
        )? {
            return Ok(Step::go(State::AccountLocked));
        }
        let person = Person::of(&account);
        Ok(Step::go(match (account.temporary_until.is_some(), account.questions_set) {
            (true, false) => State::SetQuestions { person, selected: Vec::new() },
            (true, true) => State::ChangePassword { person, purpose: Purpose::FirstSignIn },
            (false, _) => State::Applications { person },
        }))
    }

    fn choose_questions(&mut self, person: Person, chosen: Vec<QuestionAnswer>) -> Result<Step, Error> {
        let mut selected = Vec::with_capacity(chosen.len());
        for qa in chosen {
            let q = questions::lookup(&qa.question)
                .ok_or_else(|| Error::invalid("questions", "Please select a question item from the list."))?;
            selected.push((q, qa.answer));
        }
        let pairs: Vec<(&'static Question, &str)> = selected.iter().map(|(q, a)| (*q, a.expose())).collect();
        questions::check_set(&pairs, self.engine.config().questions.min_answer_length)?;
        Ok(Step::go(State::ConfirmQuestions { person, selected }))
    }

    fn save_questions(
        &mut self,
        person: Person,
        selected: &[(&'static Question, SecretString)],
    ) -> Result<Step, Error> {
        let e = Arc::clone(&self.engine);
        let pairs: Vec<(&'static Question, &str)> = selected.iter().map(|(q, a)| (*q, a.expose())).collect();
        let normalised = questions::check_set(&pairs, e.config().questions.min_answer_length)?;
        let mut stored = Vec::with_capacity(normalised.len());
        for (n, (q, _)) in normalised.iter().zip(selected) {
            stored.push(StoredAnswer { question_id: q.id.to_owned(), hash: hashing::hash(n.as_bytes())? });
        }
        let login = person.login.to_string();
        e.store().set_answers(person.id, &stored, e.record(&login, &login, Event::QuestionsSet, Outcome::Ok, ""))?;
        Ok(Step::go(State::QuestionsSaved { person }))
    }

    fn check_new_password(
        &self,
        person: Person,
        purpose: Purpose,
        new_password: SecretString,
        confirm: &SecretString,
    ) -> Step {
        let cfg = self.engine.config();
        let rules = policy::evaluate(&cfg.password_policy, new_password.expose(), &person.policy_subject());
        let strength = policy::strength(new_password.expose(), &person.policy_subject());
        if !policy::all_ok(&rules) {
            return Step {
                next: None,
                error: Some(ErrorBody::new(codes::PASSWORD_POLICY, texts::POLICY_FAILED).with_field("new_password")),
                rules: Some((rules, Some(strength))),
            };
        }
        let same: bool = new_password.expose().as_bytes().ct_eq(confirm.expose().as_bytes()).into();
        if !same {
            return Step {
                next: None,
                error: Some(
                    ErrorBody::new(codes::PASSWORDS_DIFFER, texts::PASSWORDS_DIFFER).with_field("confirm_password"),
                ),
                rules: Some((rules, Some(strength))),
            };
        }
        Step::go(State::PasswordChanging { person, purpose, new_password })
    }

    /// The slow step behind the progress screen: the previous-password check and the new hash.
    fn commit_new_password(
        &mut self,
        person: Person,
        purpose: Purpose,
        new_password: &SecretString,
    ) -> Result<Step, Error> {
        let e = Arc::clone(&self.engine);
        let account = e.store().account(person.id)?.ok_or_else(|| Error::Storage("account vanished".into()))?;
        let pw = new_password.expose().as_bytes();
        let mut reused = hashing::verify(pw, &account.password_hash)?;
        if let Some(prev) = &account.previous_hash {
            reused |= hashing::verify(pw, prev)?;
        }
        if reused {
            let mut rules =
                policy::evaluate(&e.config().password_policy, new_password.expose(), &person.policy_subject());
            rules.push(policy::not_previous_rule(false));
            return Ok(Step {
                next: Some(State::ChangePassword { person, purpose }),
                error: Some(
                    ErrorBody::new(codes::PASSWORD_POLICY, "Must not be your previous password.")
                        .with_field("new_password"),
                ),
                rules: Some((rules, None)),
            });
        }
        let change = PasswordChange { hash: hashing::hash(pw)?, temporary_until: None, at: e.now() };
        let login = person.login.to_string();
        let detail = match purpose {
            Purpose::FirstSignIn => "first sign-in",
            Purpose::Sspr => "self-service reset",
        };
        e.store().set_password(
            person.id,
            &change,
            e.record(&login, &login, Event::PasswordChanged, Outcome::Ok, detail),
        )?;
        twofactor::notify(&e, &account, "The password of your MIMS account was changed.");
        Ok(Step::go(State::PasswordChanged { person, purpose }))
    }

    fn open_app(&mut self, person: Person, app: &str) -> Result<Step, Error> {
        let e = Arc::clone(&self.engine);
        let login = person.login.to_string();
        match app {
            "icon" => {}
            "identity_portal" if person.kind.is_staff() => {
                e.store().append_audit(&e.record(&login, &login, Event::AppOpened, Outcome::Ok, "identity_portal"))?;
                return Ok(Step::go(State::Setup2faUsername { person }));
            }
            _ => return Ok(Step::stay(ErrorBody::new(codes::APP_UNAVAILABLE, texts::APP_UNAVAILABLE))),
        }
        let account = self.account(&person)?;
        let mut reminder = None;
        if person.kind.is_staff() {
            // Staff with a tested authenticator give a code (staff guide section 2, step 3).
            if twofactor::has_tested(&e, &account)? {
                return Ok(Step::go(State::TotpPrompt { person }));
            }
            // Without one: a reminder before the cut-over date, refused from it (FAQ 5, 7).
            let cutover = e.config().cutover_date()?.midnight().assume_utc().unix_timestamp();
            if e.now() >= cutover {
                e.store().append_audit(&e.record(
                    &login,
                    &login,
                    Event::AppOpened,
                    Outcome::Refused,
                    "icon: 2FA not set up",
                ))?;
                return Ok(Step::go(State::Error {
                    code: codes::TWO_FACTOR_REQUIRED,
                    message: texts::TWO_FACTOR_REQUIRED.into(),
                    resume: Box::new(State::Applications { person }),
                }));
            }
            reminder = Some(format!(
                "Please set up MIMS 2FA by {}: from then you will need it to log in to iCON.",
                e.config().cutover_date()?.previous_day().map(|d| d.to_string()).unwrap_or_default()
            ));
        }
        Ok(Step::go(self.enter_icon(person, &account, reminder)))
    }

    /// iCON opens: the terms on the first opening ever (student guide step 11), then the dashboard.
    fn enter_icon(&self, person: Person, account: &Account, reminder: Option<String>) -> State {
        let e = &self.engine;
        let login = person.login.as_str();
        if let Err(err) = e.store().append_audit(&e.record(login, login, Event::AppOpened, Outcome::Ok, "icon")) {
            tracing::warn!(error = %err, "could not audit opening iCON");
        }
        if account.terms_accepted_at.is_none() {
            State::Terms { person, reminder }
        } else {
            self.dashboard(person, reminder)
        }
    }

    fn dashboard(&self, person: Person, reminder: Option<String>) -> State {
        State::Dashboard { person, reminder }
    }

    fn account(&self, person: &Person) -> Result<Account, Error> {
        self.engine.store().account(person.id)?.ok_or_else(|| Error::Storage("account vanished".into()))
    }

    /// A wrong, replayed or skewed code: say which (safely); a lockout ends the session.
    fn totp_failed(&self, person: &Person, check: TotpCheck) -> Result<Step, Error> {
        if self.account(person)?.is_locked() {
            return Ok(Step::go(State::AccountLocked));
        }
        let (code, message) = twofactor::explain(check);
        Ok(Step::stay(ErrorBody::new(code, message).with_field("code")))
    }

    fn send_email_otp(&mut self, person: Person) -> Result<Step, Error> {
        let e = Arc::clone(&self.engine);
        let account = self.account(&person)?;
        let to = match twofactor::work_email(&e, &account) {
            Ok(to) => to,
            Err(problem) => {
                let (code, message) = match problem {
                    EmailProblem::IconAddress => (codes::WORK_EMAIL_IS_ICON, twofactor::FAQ_11),
                    EmailProblem::NoWorkEmail => (codes::NO_WORK_EMAIL, twofactor::NO_WORK_EMAIL),
                };
                return Ok(Step::go(State::Error {
                    code,
                    message: message.into(),
                    resume: Box::new(State::Applications { person }),
                }));
            }
        };
        let sequence = twofactor::send_email_otp(&e, &account, &to)?;
        Ok(Step::go(State::EmailOtp { person, sequence, masked: to.masked() }))
    }

    fn save_token(
        &mut self,
        person: Person,
        comment: &str,
        secret: Option<SecretString>,
        period: Option<u64>,
        token: Option<HardTokenCodes>,
    ) -> Result<Step, Error> {
        let e = Arc::clone(&self.engine);
        let account = self.account(&person)?;
        if let Some(t) = token.filter(|t| !t.serial.trim().is_empty()) {
            let code = t.code.ok_or_else(|| Error::invalid("otp", "Enter the code the token shows now."))?;
            let next = t.next_code.as_ref().map(|c| c.expose());
            return match twofactor::enrol_hard_token(&e, &account, &t.serial, code.expose(), next, comment)? {
                TokenEnrolment::Enrolled(_) => Ok(Step::go(State::SelfService {
                    person,
                    notice: Some("Hardware token enrolled and tested.".into()),
                })),
                TokenEnrolment::TokenLocked => {
                    Ok(Step::stay(ErrorBody::new(codes::TOKEN_LOCKED, texts::TOKEN_LOCKED).with_field("serial")))
                }
                TokenEnrolment::Failed(TotpCheck::Wrong) if !self.account(&person)?.is_locked() => {
                    Ok(Step::stay(ErrorBody::new(codes::OTP_INCORRECT, texts::TOKEN_CODE_INCORRECT).with_field("otp")))
                }
                TokenEnrolment::Failed(failed) => Ok(self.totp_failed(&person, failed)?),
            };
        }
        let manual = secret.as_ref().is_some_and(|s| !s.expose().trim().is_empty());
        let params = OtpParams { period: period.unwrap_or(30), ..OtpParams::default() };
        let id = if manual {
            let bytes = otp::parse_base32(secret.as_ref().map(|s| s.expose()).unwrap_or(""))?;
            twofactor::enrol_soft_token(&e, &account, &bytes, params, comment)?
        } else {
            let bytes = self.enrolment_secret.clone().ok_or_else(|| Error::Storage("no enrolment secret".into()))?;
            twofactor::enrol_soft_token(&e, &account, &bytes, params, comment)?
        };
        self.enrolment_secret = None;
        Ok(Step::go(State::SelfService {
            person,
            notice: Some(format!("Soft Token (OTP) saved (authenticator {id}). Select it and click Test: it counts for sign-in once it has passed the test.")),
        }))
    }

    fn sspr_search(&mut self, raw_login: &str) -> Result<Step, Error> {
        let e = Arc::clone(&self.engine);
        let cfg = e.config();
        let login = LoginId::parse(raw_login)?;
        let key = login.key();
        let to_sign_in = |code: &'static str, message: &str| {
            Step::go(State::Error { code, message: message.into(), resume: Box::new(State::SignIn { notice: None }) })
        };
        let limit = cfg.lockout.sspr_searches_per_hour;
        if !e.store().record_sspr_search(
            e.now() - 3600,
            limit,
            e.record(&key, &key, Event::SsprSearch, Outcome::Ok, ""),
        )? {
            let detail = format!("more than {limit} searches on this machine in an hour");
            e.store().append_audit(&e.record(&key, &key, Event::SsprSearch, Outcome::Refused, detail))?;
            return Ok(to_sign_in(codes::SSPR_BUSY, texts::SSPR_BUSY));
        }
        let threshold = cfg.lockout.answer_threshold;
        let Some(account) = e.store().account_by_login(&login)? else {
            // Like an account's `sspr_blocked`, which only an administrator lifts (not time).
            if e.store().unknown_failures(&key, FailureKind::Answer, i64::MIN)? >= threshold {
                return Ok(to_sign_in(codes::ANSWERS_LOCKED, texts::ANSWERS_LOCKED));
            }
            let Some(three) = self.decoy_questions(&key)? else {
                return Ok(to_sign_in(codes::SSPR_5006, texts::SSPR_5006));
            };
            let kind = cfg.domains.kind_of(&login).unwrap_or(AccountKind::Student);
            let asked = self.pick_asked(kind, three);
            return Ok(Step::go(State::SsprQuestions {
                target: SsprTarget::Unknown { key },
                asked,
                login: login.to_string(),
            }));
        };
        if account.sspr_blocked {
            return Ok(to_sign_in(codes::ANSWERS_LOCKED, texts::ANSWERS_LOCKED));
        }
        let stored = e.store().answers(account.id)?;
        if stored.is_empty() {
            return Ok(to_sign_in(codes::SSPR_5006, texts::SSPR_5006));
        }
        let three: Vec<&'static Question> = stored
            .iter()
            .map(|a| {
                questions::by_id(&a.question_id)
                    .ok_or_else(|| Error::Storage(format!("unknown question id {:?}", a.question_id)))
            })
            .collect::<Result<_, _>>()?;
        let asked = self.pick_asked(account.kind, three);
        Ok(Step::go(State::SsprQuestions {
            target: SsprTarget::Known(Person::of(&account)),
            asked,
            login: login.to_string(),
        }))
    }

    /// What self-service reset shows for a login ID that has no account, so that the answer
    /// does not tell whether it exists (SECURITY.md, "account discovery"):
    ///
    /// - `None` (answer `SSPR 5006`, as for an account without questions) for a stable keyed
    ///   share of such IDs equal to the share of real accounts without questions now. An ID's
    ///   place in that share comes from a MAC under the install secret, so it is the same on
    ///   every search and every kiosk, and unknown to anyone without the database;
    /// - otherwise three questions, fixed at the ID's first search and kept (like a real
    ///   account's, which also go from `SSPR 5006` to questions, never back on their own), drawn
    ///   as a real person's choice is: the set of a random account that has questions.
    fn decoy_questions(&self, key: &str) -> Result<Option<Vec<&'static Question>>, Error> {
        let e = &self.engine;
        let secret = e.store().install_secret()?;
        let mut mac = Hmac::<Sha256>::new_from_slice(&secret).expect("HMAC takes any key length");
        mac.update(b"gatehouse sspr decoy\0");
        mac.update(key.as_bytes());
        let key_mac: [u8; 32] = mac.finalize().into_bytes().into();
        let ids = match e.store().sspr_decoy(&key_mac)? {
            Some(ids) => ids,
            None => {
                let census = e.store().question_census()?;
                let without = census.accounts.saturating_sub(census.with_questions);
                // The ID's place in [0, 1) against the share of accounts without questions
                // (all of them when there are no accounts yet).
                let place = u64::from_be_bytes(key_mac[..8].try_into().expect("8 bytes")) as u128;
                let share_without = if census.accounts == 0 {
                    u128::from(u64::MAX) + 1
                } else {
                    (u128::from(without) << 64) / u128::from(census.accounts)
                };
                if place < share_without || census.with_questions == 0 {
                    return Ok(None);
                }
                let nth = e.with_rng(|rng| rng.gen_range(0..census.with_questions));
                let chosen = e.store().question_set(nth)?;
                if chosen.len() != QUESTIONS_PER_ACCOUNT {
                    // That account's questions were cleared meanwhile: nothing is fixed yet.
                    return Ok(None);
                }
                e.store().put_sspr_decoy(&key_mac, &chosen, e.now())?
            }
        };
        let three = ids
            .iter()
            .map(|id| {
                questions::by_id(id).ok_or_else(|| Error::Storage(format!("unknown question id {id:?} in a decoy")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if three.len() != QUESTIONS_PER_ACCOUNT {
            return Err(Error::Storage(format!("a decoy holds {} questions", three.len())));
        }
        Ok(Some(three))
    }

    /// Students answer 2 of their 3 questions, staff all 3 (configurable), in the stored order.
    fn pick_asked(&self, kind: AccountKind, three: Vec<&'static Question>) -> Vec<(usize, &'static Question)> {
        let q = &self.engine.config().questions;
        let n = if kind.is_staff() { q.sspr_staff } else { q.sspr_student }.min(three.len());
        let mut idx: Vec<usize> = self.engine.with_rng(|rng| sample(rng, three.len(), n).into_vec());
        idx.sort_unstable();
        idx.into_iter().map(|i| (i, three[i])).collect()
    }

    fn sspr_answer(
        &mut self,
        target: SsprTarget,
        asked: &[(usize, &'static Question)],
        answers: &[SecretString],
    ) -> Result<Step, Error> {
        let e = Arc::clone(&self.engine);
        let cfg = e.config();
        if answers.len() != asked.len() {
            return Err(Error::invalid("answers", format!("Answer all {} questions.", asked.len())));
        }
        let threshold = cfg.lockout.answer_threshold;
        let incorrect = || Step::stay(ErrorBody::new(codes::ANSWERS_INCORRECT, texts::ANSWERS_INCORRECT));
        let blocked = || {
            Step::go(State::Error {
                code: codes::ANSWERS_LOCKED,
                message: texts::ANSWERS_LOCKED.into(),
                resume: Box::new(State::SignIn { notice: None }),
            })
        };
        match target {
            SsprTarget::Unknown { key, .. } => {
                for a in answers {
                    hashing::verify_dummy(questions::normalise(a.expose()).as_bytes())?;
                }
                let n = e.store().record_unknown_failure(&key, FailureKind::Answer, threshold, e.now(), i64::MIN)?;
                e.store().append_audit(&e.record(
                    &key,
                    &key,
                    Event::SsprAnswers,
                    Outcome::Failed,
                    "unknown login ID",
                ))?;
                Ok(if n >= threshold { blocked() } else { incorrect() })
            }
            SsprTarget::Known(person) => {
                let stored = e.store().answers(person.id)?;
                let account = e.store().account(person.id)?.ok_or_else(|| Error::Storage("account vanished".into()))?;
                let mut all_ok = true;
                for ((pos, _), given) in asked.iter().zip(answers) {
                    let n = questions::normalise(given.expose());
                    // Check every answer (no early exit): timing must not tell which one was wrong.
                    let ok = match stored.get(*pos) {
                        Some(s) => hashing::verify(n.as_bytes(), &s.hash)?,
                        None => hashing::verify_dummy(n.as_bytes())?,
                    };
                    all_ok &= ok;
                }
                let login = person.login.to_string();
                if account.sspr_blocked {
                    return Ok(blocked());
                }
                if !all_ok {
                    let out = e.store().record_answer_failure(
                        person.id,
                        threshold,
                        e.record(&login, &login, Event::SsprAnswers, Outcome::Failed, "wrong answers"),
                        e.record(
                            "system",
                            &login,
                            Event::SsprBlocked,
                            Outcome::Ok,
                            format!("{threshold} consecutive wrong answer sets"),
                        ),
                    )?;
                    return Ok(if out.locked { blocked() } else { incorrect() });
                }
                e.store()
                    .clear_answer_failures(person.id, e.record(&login, &login, Event::SsprAnswers, Outcome::Ok, ""))?;
                let locked = account.locked_at.is_some_and(|at| !e.lock_has_expired(at));
                // A reset must not bypass 2FA (DESIGN §3).
                if twofactor::has_tested(&e, &account)? {
                    return Ok(Step::go(State::SsprTotp { person, locked }));
                }
                Ok(Step::go(if locked {
                    State::SsprLockedChoice { person }
                } else {
                    State::ChangePassword { person, purpose: Purpose::Sspr }
                }))
            }
        }
    }

    fn authenticator_view(&self, person: &Person, id: i64) -> Option<AuthenticatorView> {
        match self.engine.store().authenticators(person.id) {
            Ok(list) => list.iter().find(|a| a.id == id).map(AuthenticatorView::of),
            Err(e) => {
                tracing::error!(error = %e, "reading authenticators");
                None
            }
        }
    }

    fn render_self_service(&self, person: &Person, notice: Option<String>) -> Screen {
        let auto = |name: &str| EnrolledItem {
            id: None,
            name: name.into(),
            comment: "Auto-created".into(),
            status: "Auto-created".into(),
        };
        let mut enrolled = vec![auto("Email OTP"), auto("MIMS Password")];
        match self.engine.store().authenticators(person.id) {
            Ok(list) => enrolled.extend(list.iter().map(|a| EnrolledItem {
                id: Some(a.id),
                name: a.kind.label().into(),
                comment: a.comment.clone(),
                status: if a.tested_at.is_some() { "Tested".into() } else { "Not tested yet".into() },
            })),
            Err(e) => tracing::error!(error = %e, "reading authenticators"),
        }
        Screen::SelfService {
            enrolled,
            available: vec![
                AppTile { id: "hard_token".into(), name: "Hard Token/FIDO 2.0".into() },
                AppTile { id: "soft_token".into(), name: "Soft Token (OTP)".into() },
            ],
            notice,
        }
    }

    fn render_add_soft_token(&self, person: &Person) -> Screen {
        let params = OtpParams::default();
        let issuer = &self.engine.config().two_factor.issuer;
        let secret: &[u8] = self.enrolment_secret.as_ref().map(|s| s.as_slice()).unwrap_or_default();
        let uri = otp::otpauth_uri(issuer, person.login.as_str(), secret, &params);
        let qr = uri.as_ref().ok().and_then(|u| otp::qr_svg(u).ok());
        let generic_note = person.generic.then(|| {
            "This is a shared (generic) account. Everyone who needs access must scan this same QR code now, each with \
             their own authenticator app. To remove someone's access later, delete this token and enrol a new one \
             together with everyone who still needs access."
                .to_owned()
        });
        Screen::AddSoftToken {
            otpauth_uri: uri.map(|u| u.to_string()).unwrap_or_default(),
            secret: otp::grouped_base32(secret).to_string(),
            qr_svg: qr.unwrap_or_default(),
            period: params.period,
            digits: params.digits,
            generic_note,
        }
    }

    /// The enrolment's QR code as PNG (for `--qr FILE.png` and printing), when on `add_soft_token`.
    pub fn qr_png(&self) -> Option<Vec<u8>> {
        let State::AddSoftToken { person } = &self.state else { return None };
        let secret = self.enrolment_secret.as_ref()?.as_slice();
        let uri = otp::otpauth_uri(
            &self.engine.config().two_factor.issuer,
            person.login.as_str(),
            secret,
            &OtpParams::default(),
        )
        .ok()?;
        otp::qr_png(&uri).ok()
    }

    fn render(&self, rules: Option<(Vec<RuleResult>, Option<Strength>)>) -> Screen {
        let cfg = self.engine.config();
        let chosen = |selected: &[(&'static Question, SecretString)]| {
            selected
                .iter()
                .map(|(q, a)| ChosenQuestion { id: q.id.into(), question: q.text.into(), answer: a.expose().into() })
                .collect::<Vec<_>>()
        };
        match &self.state {
            State::SignIn { notice } => Screen::SignIn {
                portal_name: cfg.branding.portal_name.clone(),
                hint: format!(
                    "Please login using your MIMS account. For Students, your MIMS login ID is <Full_Name>@{}. \
                     For School Staff, your MIMS login ID ends with @{}. For HQ Staff, your MIMS login ID ends with @{}. \
                     If you encounter difficulties logging in, please approach your teachers (for Students) or MIMS Administrators (for Staff).",
                    cfg.domains.student, cfg.domains.school_staff, cfg.domains.hq_staff
                ),
                notice: notice.clone(),
            },
            State::AccountLocked => Screen::AccountLocked { message: texts::ACCOUNT_LOCKED.into() },
            State::SetQuestions { selected, .. } => Screen::SetQuestions {
                available_questions: CATALOGUE.to_vec(),
                selected: chosen(selected),
                count: QUESTIONS_PER_ACCOUNT,
                min_answer_length: cfg.questions.min_answer_length,
            },
            State::ConfirmQuestions { selected, .. } => Screen::ConfirmQuestions { questions: chosen(selected) },
            State::QuestionsSaved { .. } => Screen::QuestionsSaved { message: texts::QUESTIONS_SAVED.into() },
            State::ChangePassword { person, .. } => {
                let (rules, strength) = rules.unwrap_or_else(|| {
                    (policy::evaluate(&cfg.password_policy, "", &person.policy_subject()), None)
                });
                Screen::ChangePassword { login: person.login.to_string(), rules, strength }
            }
            State::PasswordChanging { .. } => Screen::PasswordChanging { message: texts::PASSWORD_CHANGING.into() },
            State::PasswordChanged { .. } => Screen::PasswordChanged { message: texts::PASSWORD_CHANGED.into() },
            State::Applications { person } => {
                let mut apps = vec![AppTile { id: "icon".into(), name: "ICON".into() }];
                if person.kind.is_staff() {
                    apps.push(AppTile { id: "identity_portal".into(), name: "MIMS Identity Portal".into() });
                }
                Screen::Applications { apps }
            }
            State::Terms { person, .. } => Screen::Terms {
                title: "Welcome to your new account".into(),
                login: person.login.to_string(),
                domain: person.login.domain().to_owned(),
            },
            State::Dashboard { person, reminder } => {
                let audience = Audience::of(person.kind, person.level);
                Screen::Dashboard {
                    apps: cfg
                        .dashboard_apps(audience)
                        .into_iter()
                        .map(|(a, r)| DashboardApp {
                            id: a.id.clone(),
                            name: a.name.clone(),
                            url: a.url.clone(),
                            restriction: r.map(str::to_owned),
                        })
                        .collect(),
                    notes: cfg.dashboard_notes(audience),
                    reminder: reminder.clone(),
                }
            }
            State::SsprSearch => Screen::SsprSearch {},
            State::SsprQuestions { asked, login, .. } => Screen::SsprQuestions {
                login: login.clone(),
                questions: asked.iter().map(|(_, q)| q.text.to_owned()).collect(),
            },
            State::SsprLockedChoice { .. } => Screen::SsprLockedChoice { message: texts::LOCKED_CHOICE.into() },
            State::TotpPrompt { person } => Screen::TotpPrompt { login: person.login.to_string(), digits: 6 },
            State::SsprTotp { person, .. } => Screen::SsprTotp { login: person.login.to_string(), digits: 6 },
            State::Setup2faUsername { .. } => Screen::Setup2faUsername {},
            State::ChooseMethod { .. } => Screen::ChooseMethod {
                chains: vec![AppTile { id: "email_otp".into(), name: "Email OTP".into() }],
                methods: vec![AppTile { id: "email_otp".into(), name: "Email OTP".into() }],
            },
            State::EmailOtp { sequence, masked, .. } => Screen::EmailOtp { sequence: *sequence, masked_address: masked.clone() },
            State::SelfService { person, notice } => self.render_self_service(person, notice.clone()),
            State::AddSoftToken { person } => self.render_add_soft_token(person),
            State::EditAuthenticator { person, id, banner } => match self.authenticator_view(person, *id) {
                Some(authenticator) => Screen::EditAuthenticator { authenticator, banner: banner.clone() },
                None => self.render_self_service(person, None),
            },
            State::TestAuthenticator { person, id } => match self.authenticator_view(person, *id) {
                Some(authenticator) => Screen::TestAuthenticator { authenticator },
                None => self.render_self_service(person, None),
            },
            State::Error { code, message, .. } => Screen::Error { code: (*code).into(), message: message.clone() },
            State::SignedOut => Screen::SignedOut { message: texts::SIGNED_OUT.into() },
        }
    }
}
