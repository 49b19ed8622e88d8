//! The wizard's error codes (stable: the front-end branches on them) and the guides' sentences.

/// Stable error codes the UI branches on.
pub mod codes {
    pub const BAD_REQUEST: &str = "bad_request";
    pub const UNKNOWN_ACTION: &str = "unknown_action";
    pub const INVALID_ACTION: &str = "invalid_action";
    pub const LOGIN_FAILED: &str = "login_failed";
    pub const ACCOUNT_LOCKED: &str = "account_locked";
    pub const ACCOUNT_DISABLED: &str = "account_disabled";
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
    pub const CURRENT_PASSWORD_WRONG: &str = "current_password_wrong";
    pub const OTP_SEND_LIMIT: &str = "otp_send_limit";
    pub const RECOVERY_CODE_INCORRECT: &str = "recovery_code_incorrect";
    pub const SECURITY_KEY_REFUSED: &str = "security_key_refused";
    pub const PASSWORD_CHANGED_ELSEWHERE: &str = "password_changed_elsewhere";
}

/// The guides' sentences (student guide p.15–23, staff guide §2–4 and FAQ 7), by their ids in
/// `locales/en/engine.ftl`.
pub mod texts {
    use crate::text::Text;

    pub const LOGIN_FAILED: Text = Text::new("login-failed");
    pub const ACCOUNT_LOCKED: Text = Text::new("account-locked");
    pub const ACCOUNT_DISABLED: Text = Text::new("account-disabled");
    pub const PASSWORD_CHANGED_ELSEWHERE: Text = Text::new("password-changed-elsewhere");
    pub const TEMPORARY_EXPIRED: Text = Text::new("temporary-password-expired");
    pub const ANSWERS_INCORRECT: Text = Text::new("answers-incorrect");
    pub const ANSWERS_LOCKED: Text = Text::new("answers-locked");
    pub const SSPR_5006: Text = Text::new("sspr-5006");
    pub const SSPR_5019: Text = Text::new("sspr-5019");
    pub const PASSWORDS_DIFFER: Text = Text::new("passwords-differ");
    pub const POLICY_FAILED: Text = Text::new("password-policy-failed");
    pub const TWO_FACTOR_REQUIRED: Text = Text::new("two-factor-required");
    pub const APP_UNAVAILABLE: Text = Text::new("app-unavailable");
    pub const SETUP_2FA_FIRST: Text = Text::new("setup-2fa-first-login");
    pub const SETUP_2FA_COMPLETED: Text = Text::new("two-factor-set-up-completed");
    pub const QUESTIONS_SAVED: Text = Text::new("questions-saved");
    pub const PASSWORD_CHANGING: Text = Text::new("password-changing");
    pub const PASSWORD_CHANGED: Text = Text::new("password-changed");
    pub const UNLOCKED: Text = Text::new("account-unlocked");
    pub const SIGN_IN_WITH_NEW: Text = Text::new("sign-in-with-new-password");
    pub const SIGNED_OUT: Text = Text::new("signed-out");
    pub const TOKEN_CODE_INCORRECT: Text = Text::new("token-code-incorrect");
    pub const TOKEN_LOCKED: Text = Text::new("token-locked");
    pub const SSPR_BUSY: Text = Text::new("sspr-busy");
    pub const LOCKED_CHOICE: Text = Text::new("locked-choice");
}
