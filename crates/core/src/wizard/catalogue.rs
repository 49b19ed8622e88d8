//! The wizard's error codes (stable: the front-end branches on them) and the guides' texts.

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
