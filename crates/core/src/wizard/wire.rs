//! The wire contract of DESIGN §4: the requests (`Action`) and what comes back (`Response`,
//! `Screen`). Names and fields here are what the front-ends and scripts rely on.

use serde::{Deserialize, Serialize};
use strum::IntoStaticStr;

use super::help::Help;
use crate::error::ErrorBody;
use crate::policy::{RuleResult, Strength};
use crate::questions::Question;
use crate::recovery::ShownCode;
use crate::security_keys::Ceremony;
use crate::text::{Language, Text};
use crate::twofactor::AuthenticatorView;
use crate::types::{AuthenticatorId, SecretString};

/// A request of the wire contract: `{"action": "<name>", …fields}`.
#[derive(Debug, Clone, Deserialize, IntoStaticStr)]
#[serde(tag = "action", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    SignIn {
        login: String,
        password: SecretString,
        /// The language chosen on the sign-in screen (`en`, `zh-Hans`, `ms`, `ta`): remembered
        /// for the person once the password is right (their mails and slips are in it).
        #[serde(default)]
        language: Option<Language>,
    },
    SetQuestions {
        questions: Vec<QuestionAnswer>,
        /// The password, when a signed-in person changes their questions (`change_my_questions`).
        #[serde(default)]
        current_password: Option<SecretString>,
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
        /// The password now, when a signed-in person changes it (`change_my_password`).
        #[serde(default)]
        current_password: Option<SecretString>,
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
    #[strum(serialize = "setup_2fa")]
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
        id: AuthenticatorId,
    },
    DeleteAuthenticator {
        id: AuthenticatorId,
    },
    /// Without a code: open the test screen; with one: check it.
    TestAuthenticator {
        #[serde(default)]
        code: Option<SecretString>,
    },
    /// On `email_otp`: a new code, OTP #N+1 (within the hourly send limit).
    ResendEmailOtp,
    /// A signed-in person changes the password they know (from `applications` or `dashboard`).
    ChangeMyPassword,
    /// A signed-in person changes their challenge questions (staff FAQ 14).
    ChangeMyQuestions,
    /// Valid on every screen and changes nothing: the current screen again, with `help`.
    ShowHelp,
    /// Valid on every screen: the person chose another language; remembered for whoever is
    /// signed in (before signing in, the window sends it with `sign_in`). The screen again.
    SetLanguage {
        language: Language,
    },
    /// Where a second factor is asked (`totp_prompt`, `sspr_totp`): one of the person's recovery
    /// codes in its place, used up once accepted.
    SubmitRecoveryCode {
        code: SecretString,
    },
    /// On `self_service`: a new set of recovery codes, shown once (the old set is cancelled);
    /// the password is asked again, as for any change a signed-in person makes to their sign-in.
    NewRecoveryCodes {
        #[serde(default)]
        current_password: Option<SecretString>,
    },
    /// On `self_service`: enrol a FIDO2 security key (the `add_security_key` screen names the
    /// ceremony). There, with `credential` (the key's WebAuthn registration, as JSON): finish it,
    /// with a `comment` and the `model` the machine read off the key.
    AddSecurityKey {
        #[serde(default)]
        credential: Option<serde_json::Value>,
        #[serde(default)]
        comment: String,
        #[serde(default)]
        model: Option<String>,
    },
    /// Where a second factor is asked (and on a security key's test): without `credential`, a
    /// ceremony for the person's keys (the screen's `security_key`); with it (the key's WebAuthn
    /// assertion, as JSON), its check — a touch instead of a code.
    UseSecurityKey {
        #[serde(default)]
        credential: Option<serde_json::Value>,
    },
}

impl Action {
    /// The action's wire name: the serde tag it is parsed from (a test holds the two together).
    pub(super) fn name(&self) -> &'static str {
        self.into()
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
    /// Whether someone is signed in on this session (and so whether "Sign out" is offered):
    /// false before signing in, in self-service reset and on error pages reached from them.
    pub signed_in: bool,
    /// Only in the answer to `show_help`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Help>,
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
    /// The restriction in each language the school wrote it in (`{"ms": "…"}`), when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restriction_by_language: Option<std::collections::BTreeMap<String, String>>,
    /// A bundled icon's name (`classroom`, `gmail`, …, `app`), drawn by the window.
    pub icon: String,
    /// The school's own icon file as a `data:` URL, shown instead of `icon` when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon_image: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChosenQuestion {
    pub id: String,
    pub question: String,
    /// The question in the person's language (`question-<id>`).
    pub question_text: Text,
    pub answer: String,
}

/// What the person sees. Field names are part of the wire contract. Every sentence comes twice:
/// in English (`message`, `notice`, …) and as a message id with arguments (`message_text`,
/// `notice_text`, …: `{"id", "args"}` of `locales/en/engine.ftl`) for a front-end's language.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum Screen {
    SignIn {
        portal_name: String,
        hint: String,
        hint_text: Text,
        /// One short line for a child; `hint` is the guide's whole paragraph.
        hint_short: String,
        hint_short_text: Text,
        notice: Option<String>,
        notice_text: Option<Text>,
    },
    AccountLocked {
        message: String,
        message_text: Text,
    },
    SetQuestions {
        available_questions: Vec<Question>,
        /// The person's earlier choice when they came back with Go Back.
        selected: Vec<ChosenQuestion>,
        count: usize,
        min_answer_length: usize,
        /// A signed-in person's own change: their password is asked with the questions.
        current_password_required: bool,
    },
    ConfirmQuestions {
        questions: Vec<ChosenQuestion>,
    },
    QuestionsSaved {
        message: String,
        message_text: Text,
    },
    ChangePassword {
        login: String,
        rules: Vec<RuleResult>,
        strength: Option<Strength>,
        /// A signed-in person's own change: the password they have is asked too.
        current_password_required: bool,
    },
    PasswordChanging {
        message: String,
        message_text: Text,
    },
    PasswordChanged {
        message: String,
        message_text: Text,
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
        /// Each note in the languages the school wrote it in (empty: one text for all).
        notes_by_language: Vec<std::collections::BTreeMap<String, String>>,
        reminder: Option<String>,
        reminder_text: Option<Text>,
    },
    SsprSearch {},
    SsprQuestions {
        login: String,
        questions: Vec<String>,
        /// Each question as a message (`question-<id>`), for the person's language.
        questions_text: Vec<Text>,
    },
    SsprLockedChoice {
        message: String,
        message_text: Text,
    },
    TotpPrompt {
        login: String,
        digits: u8,
        /// When the code the authenticator shows now was already used (right after a test):
        /// wait for the next one.
        notice: Option<String>,
        notice_text: Option<Text>,
        /// How many recovery codes the person has left (`submit_recovery_code` takes one
        /// instead of the code when there are any).
        recovery_codes_left: usize,
        /// The person has a tested security key: `use_security_key` offers a touch instead.
        security_keys: bool,
        /// The ceremony `use_security_key` started, for the window to run with the key.
        security_key: Option<Ceremony>,
        /// What the second factor opens: `icon`, or `identity_portal` (someone who has an
        /// authenticator proves they hold it before managing them).
        opens: String,
    },
    SsprTotp {
        login: String,
        digits: u8,
        recovery_codes_left: usize,
        security_keys: bool,
        security_key: Option<Ceremony>,
    },
    /// The MIMS Identity Portal's applications (staff guide section 1 step 3): "Setup 2FA".
    IdentityPortal {
        apps: Vec<AppTile>,
        message: String,
        message_text: Text,
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
        notice_text: Option<Text>,
        /// Recovery codes left, once an authenticator passed its test (`null` before: no codes
        /// without a second factor they stand in for); `new_recovery_codes` makes a new set.
        recovery_codes_left: Option<usize>,
        /// Few enough left that the person should make a new set.
        recovery_codes_low: bool,
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
        generic_note_text: Option<Text>,
    },
    EditAuthenticator {
        authenticator: AuthenticatorView,
        banner: Option<String>,
        banner_text: Option<Text>,
        /// After the account's first authenticator passed its test: the guide's "You have
        /// successfully completed the MIMS 2FA set-up." (Continue leads to the applications).
        completion: Option<String>,
        completion_text: Option<Text>,
        /// With the completion: the recovery codes made for the person, shown this once.
        recovery_codes: Vec<ShownCode>,
    },
    /// A new set of recovery codes, shown this once (Continue back to the self-service page).
    RecoveryCodes {
        codes: Vec<ShownCode>,
    },
    TestAuthenticator {
        authenticator: AuthenticatorView,
        /// A security key's test: the ceremony `use_security_key` started.
        security_key: Option<Ceremony>,
    },
    /// Enrolling a FIDO2 security key: the ceremony for the window to run with the key
    /// (`add_security_key` with its `credential` finishes it).
    AddSecurityKey {
        security_key: Ceremony,
    },
    Error {
        code: String,
        message: String,
        message_text: Text,
    },
    SignedOut {
        message: String,
        message_text: Text,
    },
}

/// A line of the "Enrolled Authenticators" list.
#[derive(Debug, Clone, Serialize)]
pub struct EnrolledItem {
    /// The authenticator's id (`null` for the auto-created Email OTP and MIMS Password).
    pub id: Option<AuthenticatorId>,
    pub name: String,
    pub comment: String,
    pub status: String,
}

#[cfg(test)]
mod tests {
    use super::Action;

    /// One request of every action, with the fields it needs.
    const SAMPLES: &[&str] = &[
        r#"{"action": "sign_in", "login": "a@b.c", "password": "p"}"#,
        r#"{"action": "set_questions", "questions": []}"#,
        r#"{"action": "confirm_questions"}"#,
        r#"{"action": "go_back"}"#,
        r#"{"action": "continue"}"#,
        r#"{"action": "accept_terms"}"#,
        r#"{"action": "cancel"}"#,
        r#"{"action": "sign_out"}"#,
        r#"{"action": "forgot_password"}"#,
        r#"{"action": "change_password", "new_password": "p", "confirm_password": "p"}"#,
        r#"{"action": "check_password", "new_password": "p"}"#,
        r#"{"action": "open_app", "app": "icon"}"#,
        r#"{"action": "sspr_search", "login": "a@b.c"}"#,
        r#"{"action": "sspr_answer", "answers": []}"#,
        r#"{"action": "choose_change_password"}"#,
        r#"{"action": "unlock_account"}"#,
        r#"{"action": "add_soft_token"}"#,
        r#"{"action": "submit_totp", "code": "123456"}"#,
        r#"{"action": "setup_2fa", "login": "a@b.c"}"#,
        r#"{"action": "choose_method", "method": "email_otp"}"#,
        r#"{"action": "submit_email_otp", "code": "123456"}"#,
        r#"{"action": "save_soft_token"}"#,
        r#"{"action": "select_authenticator", "id": 1}"#,
        r#"{"action": "delete_authenticator", "id": 1}"#,
        r#"{"action": "test_authenticator"}"#,
        r#"{"action": "resend_email_otp"}"#,
        r#"{"action": "change_my_password"}"#,
        r#"{"action": "change_my_questions"}"#,
        r#"{"action": "show_help"}"#,
        r#"{"action": "set_language", "language": "ta"}"#,
        r#"{"action": "submit_recovery_code", "code": "K7QF-2M9X-HB4R-T6WD"}"#,
        r#"{"action": "new_recovery_codes"}"#,
        r#"{"action": "add_security_key"}"#,
        r#"{"action": "use_security_key"}"#,
    ];

    /// The tags serde accepts, from its own list in the unknown-variant error.
    fn serde_tags() -> Vec<String> {
        let err = serde_json::from_str::<Action>(r#"{"action": "?"}"#).unwrap_err().to_string();
        let list = err.split_once("expected one of ").expect("serde lists the variants").1;
        list.split(", ").map(|t| t.split('`').nth(1).expect("a quoted tag").to_owned()).collect()
    }

    #[test]
    fn every_action_is_named_by_the_tag_it_is_parsed_from() {
        let mut tags = Vec::new();
        for sample in SAMPLES {
            let value: serde_json::Value = serde_json::from_str(sample).unwrap();
            let tag = value["action"].as_str().unwrap().to_owned();
            let action: Action = serde_json::from_value(value).unwrap_or_else(|e| panic!("{sample}: {e}"));
            assert_eq!(action.name(), tag);
            tags.push(tag);
        }
        assert_eq!(tags, serde_tags(), "one sample per action, in declaration order");
    }
}
