# Every sentence the Gatehouse engine shows a person, by a stable id (Project Fluent syntax).
# The wire contract carries the id and its arguments beside the English; translations add one
# file per language with the same ids. Product names from the guides (MIMS, iCON, SSPR) stay.

## Sign-in (student guide steps 1–3, troubleshooting D–E)

sign-in-hint = Please login using your MIMS account. For Students, your MIMS login ID is <Full_Name>@{ $student_domain }. For School Staff, your MIMS login ID ends with @{ $school_staff_domain }. For HQ Staff, your MIMS login ID ends with @{ $hq_staff_domain }. If you encounter difficulties logging in, please approach your teachers (for Students) or MIMS Administrators (for Staff).
login-failed = Login failed. The login ID or password is incorrect. Avoid keying in your password repeatedly, as this will cause your account to be locked out.
account-locked = Your account has been locked due to excessive incorrect login attempts. Click 'Forgot Password?' to unlock it or set a new password, or approach your MIMS administrator (SA/LA).
temporary-password-expired = Your temporary password has expired. Please approach your teachers or MIMS administrator (SA/LA) to reset your password again.
signed-out = You have signed out.
account-unlocked = Your account has been unlocked. Sign in with your existing password.
sign-in-with-new-password = Your password has been changed. Sign in with your new password.

## Challenge questions (student guide step 4)

select-question-from-list = Please select a question item from the list.
questions-saved = Thank you. Your secret questions and answers have been successfully saved. If you ever forget your password, you can use the answers to these questions to reset your password.
questions-choose-exactly = Choose exactly { $count } questions and answer each one.
questions-choose-different = Choose { $count } different questions.
answers-printable-only = Answers may contain only printable characters.
answer-too-short = Each answer must have at least { $count } characters.
answer-too-long = Each answer must have at most { $count } characters.
answer-repeats-question = An answer must not repeat its question.
answers-must-differ = Give a different answer to each question.

## A new password (student guide steps 5–7)

password-policy-failed = The new password does not meet the requirements below.
passwords-differ = The new password and the confirmation do not match.
password-changing = Your password is being changed. This process may take several minutes, please be patient.
password-changed = The password has been changed successfully.
password-changed-notice = The password of your MIMS account was changed.

## The password checklist (ids: rule-<rule id>)

rule-case_sensitive = Password is case sensitive.
rule-min_length = Must be at least { $count ->
        [one] { $count } character
       *[other] { $count } characters
    } long.
rule-first_not_symbol = The first character can not be a symbol (non letter or number).
rule-no_name_parts = Must not include part of your name or user name.
rule-three_classes = Must have at least { $count ->
        [1] one type
        [2] two types
        [3] three types
        [4] four types
       *[other] { $count } types
    } of the following characters: Uppercase (A-Z), Lowercase (a-z), Number (0-9), Symbol (!, #, $, etc.)
rule-max_length = Must be at most { $count ->
        [one] { $count } character
       *[other] { $count } characters
    } long.
rule-printable = Must contain only printable characters.
rule-not_common = Must not be a commonly used password.
rule-not_previous = Must not be your previous password.

## The portal (student guide steps 8–12, staff guide sections 2 and FAQ 5, 7)

app-unavailable = This application is not available for your account.
two-factor-required = You will not be able to access iCON until you set up MIMS 2-Factor Authentication (2FA). Open 'MIMS Identity Portal' under Applications and click 'Setup 2FA' (staff guide, Section 1), then sign in again.
two-factor-reminder = Please set up MIMS 2FA by { $date }: from then you will need it to log in to iCON.

## Self-service password reset (student guide §2a, staff guide §4, troubleshooting F–G)

answers-incorrect = One or more responses are not correct. Please try again.
answers-locked = Too many incorrect answers. Self-service password reset is no longer available for this account. Please contact your administrator (LA/SA) to reset your password.
answer-all-questions = Answer all { $count } questions.
sspr-5006 = Challenge questions have not been defined for this user account. Please contact your administrator (LA/SA) to reset your password.
sspr-5019 = System having issue to process this request, please try again later. If issue persist, please contact your administrator (LA/SA) for further assistance.
sspr-busy = Too many password reset searches were made on this computer in the last hour. Please try again later, or approach your MIMS administrator (SA/LA).
locked-choice = Your account has been locked due to excessive incorrect login attempts. You may continue by unlocking your account or by changing your password.

## Codes from an authenticator

code-incorrect = The code is not correct. Enter the code your authenticator shows now.
code-used = This code has already been used. Wait for the next code and enter it.
codes-locked = Too many wrong codes: your account is locked. Ask your MIMS Local Administrator to unlock it.
code-clock-skew = That code belongs to a time about { $unit ->
        [minutes] { $amount } minute(s)
       *[seconds] { $amount } seconds
    } away: your device's clock is { $direction ->
        [ahead] ahead of
       *[behind] behind
    } this computer's. Set the date and time on your phone to update automatically, then enter the new code.

## Setting up two-factor authentication (staff guide section 1, FAQ 11)

enter-own-login = Enter your own MIMS login ID, the one you signed in with.
choose-email-otp = Choose the method Email OTP.
work-email-is-icon = The one-time password (OTP) cannot be sent to your Staff iCON email address: with MIMS 2FA required for Staff iCON, you would need to be signed in to read it. Please approach your school's MIMS Local Administrator (LA) to update the email address in MIMS Portal to another work email (e.g. CES or SG-Mail) to receive this one-time MIMS email OTP.
no-work-email = No work email is recorded for your account, so the one-time password (OTP) cannot be sent. Please approach your school's MIMS Local Administrator (LA) to add your work email (e.g. CES or SG-Mail).
email-otp-incorrect = The one-time password is not correct. { $tries ->
        [one] { $tries } try left.
       *[other] { $tries } tries left.
    }
email-otp-expired = This one-time password has expired or has been tried too often. Click Cancel, then Next to get a new one.
generic-account-note = This is a shared (generic) account. Everyone who needs access must scan this same QR code now, each with their own authenticator app. To remove someone's access later, delete this token and enrol a new one together with everyone who still needs access.
soft-token-saved = Soft Token (OTP) saved (authenticator { $id }). Select it and click Test: it counts for sign-in once it has passed the test.
hard-token-enrolled = Hardware token enrolled and tested.
enter-token-code = Enter the code the token shows now.
token-code-incorrect = The code is not correct. Press the token's button (or wait for its next code) and enter the code it shows now. If a token with a button still fails, it was pressed many times before: press it twice and enter both codes, the first in OTP and the second in Next OTP.
token-locked = This hardware token is locked after too many wrong codes. Ask your MIMS Local Administrator (LA) to free it, or use another token.
no-such-authenticator = There is no such authenticator on your account.
delete-shown-authenticator = Delete the authenticator shown on this screen.
authenticator-passed-test = Authenticator "{ $name }" passed the test
authenticator-deleted = Authenticator deleted. Remove its entry from your authenticator app too.
authenticator-deleted-shared = Authenticator deleted. Everyone who still needs this shared account must now enrol a new soft token together (scan the new QR code at the same time).

## Requests the wizard cannot take

request-not-json = The request is not valid JSON: { $detail }
request-needs-action = The request needs an "action" field naming the action.
unknown-action = There is no action named { $name }.
request-malformed = The { $name } request is malformed: { $detail }
invalid-action = The action { $action } is not available on the { $screen } screen.
