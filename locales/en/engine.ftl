# Every sentence the Gatehouse engine shows a person, by a stable id (Project Fluent syntax).
# The wire contract carries the id and its arguments beside the English; translations add one
# file per language with the same ids. Product names from the guides (MIMS, iCON, SSPR) stay.

## Sign-in (student guide steps 1–3, troubleshooting D–E)

sign-in-hint = Please login using your MIMS account. For Students, your MIMS login ID is <Full_Name>@{ $student_domain }. For School Staff, your MIMS login ID ends with @{ $school_staff_domain }. For HQ Staff, your MIMS login ID ends with @{ $hq_staff_domain }. If you encounter difficulties logging in, please approach your teachers (for Students) or MIMS Administrators (for Staff).
login-failed = Login failed. The login ID or password is incorrect. Avoid keying in your password repeatedly, as this will cause your account to be locked out.
account-locked = Your account has been locked due to excessive incorrect login attempts. If you have set up your MIMS challenge questions, click ‘Forgot Password?’ to unlock it or set a new password; otherwise, please approach your teachers or MIMS administrator (SA/LA).
account-disabled = Your account is inactive. Please approach your school's MIMS administrator (SA/LA) to activate it again.
password-changed-elsewhere = Your password was changed after you signed in here. Sign in again with the new password.
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
password-changed = You have successfully changed your password.
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
two-factor-required = You will not be able to access iCON until you set up MIMS 2-Factor Authentication (2FA). Click Continue, open 'MIMS Identity Portal' under Applications and click 'Setup 2FA' (staff guide, Section 1). Once your authenticator has passed its test, open iCON again.
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
code-just-used = You just used this code. Wait for the next code in your authenticator app (it changes every { $period } seconds): it comes in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.
codes-locked = Too many wrong codes: your account is locked. Ask your MIMS Local Administrator to unlock it.
code-clock-skew = That code belongs to a time about { $unit ->
        [minutes] { $amount ->
            [one] { $amount } minute
           *[other] { $amount } minutes
        }
       *[seconds] { $amount } seconds
    } away: your device's clock is { $direction ->
        [ahead] ahead of
       *[behind] behind
    } this computer's. Set the date and time on your phone to update automatically, then enter the new code.

## Setting up two-factor authentication (staff guide section 1, FAQ 11)

setup-2fa-first-login = Staff will have to set up 2-Factor Authentication (2FA) upon first login.
two-factor-set-up-completed = You have successfully completed the MIMS 2FA set-up.
enter-own-login = Enter your own MIMS login ID, the one you signed in with.
choose-email-otp = Choose the method Email OTP.
work-email-is-icon = The one-time password (OTP) cannot be sent to your Staff iCON email address: with MIMS 2FA required for Staff iCON, you would need to be signed in to read it. Please approach your school's MIMS Local Administrator (LA) to update the email address in MIMS Portal to another work email (e.g. CES or SG-Mail) to receive this one-time MIMS email OTP.
no-work-email = No work email is recorded for your account, so the one-time password (OTP) cannot be sent. Please approach your school's MIMS Local Administrator (LA) to add your work email (e.g. CES or SG-Mail).
email-otp-incorrect = The one-time password is not correct. { $tries ->
        [one] { $tries } try left.
       *[other] { $tries } tries left.
    }
email-otp-expired = This one-time password has expired or has been tried too often. Click Send a new code to get a new one.
email-otp-send-limit = { $max } codes have been sent to your work email in the last hour. Please use the newest one, or try again later.
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
soft-token-added-notice = A soft token (authenticator app) was added to your MIMS account.
hard-token-added-notice = The hardware token { $serial } was added to your MIMS account.
authenticator-removed-notice = An authenticator was removed from your MIMS account.
authenticators-removed-by-administrator-notice = All authenticators were removed from your MIMS account by an administrator.
password-reset-by-administrator-notice = The password of your MIMS account was reset by an administrator, who was given a temporary password for you.
work-email-changed-by-administrator-notice = The work email of your MIMS account was changed by an administrator, to { $address }. One-time codes and notices of changes now go there.

## Recovery codes (issue 17 §2): each stands in for the second factor once, never for the password.
recovery-codes-issued-notice = A new set of { $count } recovery codes was made for your MIMS account. Any codes you had before no longer work.
recovery-code-used-notice = Recovery code #{ $number } was used in place of your authenticator. { $left ->
        [0] You have no recovery codes left.
        [one] You have 1 recovery code left.
       *[other] You have { $left } recovery codes left.
    }
recovery-code-accepted = Recovery code #{ $number } accepted; it cannot be used again. { $left ->
        [one] You have 1 recovery code left.
       *[other] You have { $left } recovery codes left.
    }
recovery-code-accepted-low = Recovery code #{ $number } accepted; it cannot be used again. { $left ->
        [0] You have no recovery codes left.
        [one] Only 1 recovery code is left.
       *[other] Only { $left } recovery codes are left.
    } Make a new set under Setup 2FA on the MIMS Identity Portal.
recovery-code-wrong = That is not one of your recovery codes, or it was used already. Type it as printed (the dashes may be left out), or use your authenticator.
recovery-codes-need-authenticator = Recovery codes come with a tested authenticator: add one and test it first.
recovery-codes-made = New recovery codes made. The ones you had before no longer work.

## FIDO2 security keys (issue 17 §1): a touch instead of a code.
security-key-added = Security key enrolled and tested.
security-key-added-notice = A security key (FIDO2) was added to your MIMS account.
security-key-enrolment-refused = The security key's answer could not be accepted. Touch the key again when it blinks; if it still fails, use another key.
no-security-key = There is no tested security key on your account. Enter the code from your authenticator instead.
security-key-not-asked = Choose "Use my security key" first, then touch the key.
security-key-refused = The security key's answer was not accepted. Touch the key that is enrolled on your account, or enter a code instead.
security-key-takes-no-code = This authenticator is a security key: it is tested with a touch, not a code. Click Use my security key and touch the key when it blinks.
security-key-timeout = The key was not touched in time. Try again and touch it when it blinks.
security-key-may-be-cloned-notice = Your security key “{ $comment }” was refused at a sign-in to your MIMS account: its answer repeated a count it had already used, so the key may have been copied. Tell your administrator, and replace the key.

## Requests the wizard cannot take

request-not-json = The request is not valid JSON: { $detail }
request-needs-action = The request needs an "action" field naming the action.
unknown-action = There is no action named { $name }.
request-malformed = The { $name } request is malformed: { $detail }
invalid-action = The action { $action } is not available on the { $screen } screen.

## Accounts (the administrators' forms, the import file, DESIGN §1)

account-not-found = No account has the login ID { $login }.
account-moved-meanwhile = An account was moved to another location while this change was being made. Nothing was changed: look the accounts up again.
account-exists = An account with the login ID { $login } already exists.
login-empty = Enter a login ID.
login-too-long = A login ID is at most { $count } characters.
login-shape = A login ID looks like name@domain, for example John_Tan@students.edu.sg.
login-characters = A login ID may contain only letters, digits and _ . - ' before the @, and a domain after it.
login-wrong-domain = A { $kind ->
        [student] student
        [school_staff] school staff
       *[hq_staff] HQ staff
    } login ID must end with @{ $domain }.
email-invalid = Enter a valid email address, for example name@ces.gov.sg.
name-empty = Enter the person's full name.
name-too-long = A full name is at most { $count } printable characters.
location-invalid = A location is a school or division code of 1 to { $max } letters, digits, - or _.
kind-invalid = Kind must be student, school_staff or hq_staff.
level-invalid = Level must be p1_3, p4_6, secondary or jc_mi.
class-invalid = A class is a label such as 4A of 1 to { $max } letters, digits, spaces, -, _ or ., starting with a letter or digit.
role-invalid = A role is sa, la or ao.
level-required = A student needs a level: p1_3, p4_6, secondary or jc_mi.
level-students-only = Only students have a level.
students-no-work-email = A student's login ID is their iCON email; students have no work email.
generic-staff-only = Only staff-kind accounts can be generic (shared) accounts.
roles-staff-only = Administrator roles are for staff accounts only.
class-students-only = Only students have a class.

## The school year: edits, promotions, disabled and deleted accounts (issue 15)

edit-nothing = Name at least one change: --name, --level, --location or --class.
promote-select = Choose whom to promote: a level, a class or both.
promote-nothing = Say what changes: a new level, a new class, or the next class (3A becomes 4A).
promote-class-twice = Give a new class or ask for the next class, not both.
promote-changed = The accounts to promote changed since the preview ({ $expected } then, { $found } now); preview again.
promote-level-needs-class = A new level is given to one class at a time: name the class (--class 3A --to-level p4_6 --next-class). A whole level holds every year of its band, so P1 and P2 would move with P3.
students-location-needed = These students are at { $count } locations ({ $locations }): name one with --location, or give --all-locations to mean every one.

## What an administrator may do in the console (DESIGN §1). $role and $roles are the roles'
## abbreviations (SA, LA, AO; several joined by +), or "none".

scope-role-acts-on = Only an { $role } acts on { $role ->
        [SA] students
       *[LA] staff
    } (your roles: { $roles ->
        [none] none
       *[other] { $roles }
    }).
scope-location-acts-on = An { $role } acts on { $role ->
        [SA] students
       *[LA] staff
    } of location { $location } only.
scope-role-creates = Only an { $role } creates { $role ->
        [SA] student
       *[LA] staff
    } accounts (your roles: { $roles ->
        [none] none
       *[other] { $roles }
    }).
scope-location-creates = An { $role } creates { $role ->
        [SA] students
       *[LA] staff
    } of location { $location } only.
scope-grants-held-roles = An administrator grants through the console only roles they hold ({ $roles ->
        [none] none
       *[other] { $roles }
    }), not { $role }.
scope-administrator-account = The console cannot { $op ->
        [reset_password] reset the password of
        [unlock] unlock
        [clear_questions] clear the challenge questions of
        [set_work_email] change the work email of
        [delete_authenticators] delete the authenticators of
        [request_transfer] request a transfer of
        [decide_transfer] decide a transfer of
        [edit] edit
        [disable] disable
        [enable] enable
        [delete] delete
        [promote] promote
        [mails] read the undelivered mails of
       *[other] change
    } an administrator account ({ $login } holds { $roles }); the machine's operator does that with gatehouse-cli admin.
scope-own-account = An administrator cannot { $op ->
        [reset_password] reset the password of
        [unlock] unlock
        [clear_questions] clear the challenge questions of
        [set_work_email] change the work email of
        [delete_authenticators] delete the authenticators of
        [request_transfer] request a transfer of
        [decide_transfer] decide a transfer of
        [edit] edit
        [disable] disable
        [enable] enable
        [delete] delete
        [promote] promote
       *[other] change
    } their own account through the console.
mails-no-outbox = Mail goes out by SMTP on this installation, so there is no outbox of undelivered mails to show.
scope-location-moves = An administrator moves accounts within location { $location } only; to move one to another location, request a transfer (its AO approves).
scope-own-transfer = An administrator cannot decide a transfer of their own account.
scope-la-requests-transfers = Only an LA requests location transfers (your roles: { $roles ->
        [none] none
       *[other] { $roles }
    }).
scope-la-transfers-location = An LA requests transfers of accounts of location { $location } only.
scope-ao-decides-transfers = Only an AO approves or rejects location transfers (your roles: { $roles ->
        [none] none
       *[other] { $roles }
    }).
scope-ao-transfers-location = An AO decides transfers to location { $location } only.
scope-la-imports-tokens = Only an LA imports hardware tokens (your roles: { $roles ->
        [none] none
       *[other] { $roles }
    }).
scope-la-frees-tokens = Only an LA frees a locked hardware token (your roles: { $roles ->
        [none] none
       *[other] { $roles }
    }).

## Location transfers (DESIGN §1)

already-at-location = { $login } is already at location { $location }.
no-such-transfer = There is no transfer request #{ $id }.
transfer-account-moved = The account is at location { $location } now, not { $from }.
transfer-pending = Transfer request #{ $id } of this account (to location { $location }) is still pending; it must be approved or rejected first.
transfer-already-decided = Transfer request #{ $id } was already { $decision ->
        [approved] approved
       *[rejected] rejected
    } by { $by } at { $at }; a decided request cannot be decided again.
transfer-account-left = { $login } is no longer at location { $location }; transfer request #{ $id } cannot be approved.
transfer-decided-meanwhile = Transfer request #{ $id } was decided meanwhile.

## Importing accounts from a CSV file

import-no-header = The file has no readable header row: { $detail }
import-unknown-column = Unknown column "{ $column }" in the header; columns are { $columns }.
import-missing-column = The header row lacks the column "{ $column }".
import-column-twice = The column "{ $column }" appears twice (column { $position }).
import-row-unreadable = unreadable row: { $detail }
import-roles-refused = { $count ->
        [one] The file gives administrator roles on 1 row (line { $lines }): nothing was imported. If that is meant, import it again with --allow-roles.
       *[other] The file gives administrator roles on { $count } rows (lines { $lines }): nothing was imported. If that is meant, import it again with --allow-roles.
    }
import-row-roles-console = this row gives administrator roles ({ $roles }): the console does not import roles. Give them one account at a time with “Create an account”, where you see them, or ask the operator to import the file with gatehouse-cli admin import --allow-roles.
import-row-fields = expected { $expected } fields, found { $found }
import-row-generic = generic must be yes or no, not "{ $value }"
import-row-login-repeated = the login ID is already on line { $line } of this file
import-row-exists = an account with this login ID already exists
import-stopped = not imported: the account store could not be written when this row's turn came (the rows before it were created). Import this row again.

## Hardware tokens in stock (staff guide section 1)

token-not-in-stock = There is no hardware token "{ $serial }" in the stock.
token-not-bound = The hardware token { $serial } is not bound to anyone.
token-not-registered = No hardware token with the serial "{ $serial }" is registered. Check the serial on the back of the token.
token-already-enrolled = This hardware token is already enrolled to an account.
token-counter-moved = the token's counter moved on meanwhile; enter the next code
comment-too-long = A comment is at most { $count } printable characters.

## Authenticator secrets and parameters (RFC 4226, RFC 6238, the Key URI Format)

otp-algorithm-unsupported = unsupported OTP algorithm "{ $algorithm }"
otp-digits-range = An OTP has { $min } to { $max } digits.
otp-period-range = The period must be { $min } to { $max } seconds.
secret-not-base32 = The secret is not valid base32 (letters A-Z and digits 2-7).
secret-base32-too-short = The secret is too short: at least { $count } base32 characters ({ $bits } bits).
secret-too-long = The secret is too long: at most { $bytes } bytes.
secret-not-hex = The secret is not valid hexadecimal.
secret-hex-length = The secret is too short or too long: { $min } to { $max } hexadecimal digits (80 bits to 128 bytes).
otpauth-cannot-build = cannot build the otpauth URI: { $detail }
otpauth-invalid = not a valid otpauth URI: { $detail }
qr-cannot-encode = cannot encode the QR code: { $detail }

## Password slips (printed for a new or reset account)

no-slips = There are no password slips to print.
slip-expiry-not-a-date = The expiry of the password of { $login } is not a date.
slip-password-unprintable = The temporary password of { $login } has characters a slip cannot show; reset it again.

## Mail and the audit log's filters

cannot-mail = cannot mail { $address }: { $detail }
audit-filter-not-a-date = { $field }: "{ $value }" is not a date such as 2026-11-26 or a time such as 2026-11-26T08:00:00+08:00.

## Hardware token seed files (CSV, or PSKC of RFC 6030). A fault is a message of its own,
## shown after the place: $fault.

token-file-line = line { $line }: { $fault }
token-file-element = line { $line }, <{ $element }>: { $fault }
token-file-empty = The file holds no tokens.
token-serial-twice = The serial { $serial } appears twice in the file.
token-serial-invalid = serial "{ $serial }" must be 1 to { $max } letters, digits, - _ or .
token-csv-unreadable = the line cannot be read ({ $detail })
token-csv-fields = expected serial,secret[,digits,period], found { $count } fields
token-csv-not-a-number = { $column } "{ $value }" is not a number
token-csv-digits = digits must be 6, 7 or 8
token-xml-malformed = not well-formed XML: { $detail }
token-pskc-not-a-container = not a PSKC key container (expected <KeyContainer xmlns="{ $namespace }">)
token-pskc-no-serial = no DeviceInfo/SerialNo
token-pskc-no-element = no <{ $name }>
token-pskc-algorithm = unsupported Algorithm "{ $algorithm }" (HOTP or TOTP keys only)
token-pskc-not-decimal = only DECIMAL response formats are supported
token-pskc-not-a-number = { $name } is not a number
token-pskc-key-needed = the secrets are encrypted with a key ("{ $name }"): give its key file
token-pskc-passphrase-needed = the secrets are encrypted with a passphrase ("{ $name }"): give its passphrase file
token-pskc-key-wrong = the key or passphrase does not open this file
token-pskc-mac-failed = the MAC does not match: the key or passphrase is wrong, or the file was changed
token-pskc-unsupported = unsupported algorithm "{ $algorithm }" (AES-128, AES-192 or AES-256 in CBC mode, HMAC with SHA-1 or SHA-2, and PBKDF2 are read)
token-pskc-key-length = the key is { $bytes } bytes long; this algorithm needs { $needed }
token-pskc-ciphertext = the encrypted value is not an IV followed by whole AES blocks
token-pskc-pbkdf2-params = PBKDF2 with { $iterations } iterations and { $bytes }-byte keys is not read (1 to 10,000,000 iterations; 16, 24 or 32 bytes)
token-pskc-key-file = the key file holds neither a key in hexadecimal (32, 48 or 64 digits) nor 16, 24 or 32 bytes
token-pskc-passphrase-file = the passphrase file's first line is empty or not text
token-pskc-not-base64 = the secret is not valid base64
token-pskc-secret-short = the secret is shorter than { $bits } bits
token-pskc-plain-in-encrypted = the secret is in plain text in a file whose secrets are encrypted: it has no MAC to show the vendor wrote it (the file may have been changed; ask the vendor for a new one)
token-pskc-counter-large = the counter is larger than { $max }
token-file-not-encrypted = A key or passphrase was given, but the secrets in this file are not encrypted: check that it is the file the vendor sent with that key.

## Administrator sign-in and the first run (DESIGN §5)

admin-sign-in-failed = The login ID, password or authenticator code is not correct.
admin-key-sign-in-failed = The login ID, password or security key is not correct.
admin-account-locked = This account is locked. Another administrator can unlock it.
admin-account-disabled = This account is disabled. Another administrator can enable it.
admin-not-administrator = This account is not an administrator's (SA, LA or AO).
admin-no-authenticator = Administrators sign in with an authenticator: set one up and test it in the portal first.
admin-no-security-key = No security key has passed a test on this account. Enter a code from your authenticator instead.
admin-temporary-password = Finish your first sign-in in the portal (your password is still temporary).
kiosk-exit-wait = Too many wrong tries on this kiosk. Try again in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.
first-run-done = This installation is already set up: its operator creates administrators (gatehouse-cli admin create).
first-run-staff-only = The first administrator is a staff account (school or HQ staff).
first-run-passwords-differ = The two passwords are not the same.
first-run-password-rule = The password does not meet this rule: { $rule }
first-run-wrong-code = That code is not the one the authenticator shows now. Check the app and type the current code.

## The operator's command line

demo-reset-refused = { $dir } holds accounts outside the demo school (e.g. { $login }); refusing to reset it
demo-seed-refused = This store holds accounts outside the demo school (e.g. { $login }); the demo school is only set up in a data directory of its own (leave out --data-dir, or give an empty one)
demo-config-refused = { $dir } holds a school's database but not the demo's configuration; the demo school is only set up in a data directory of its own (leave out --data-dir, or give an empty one)
output-file-exists = { $path } exists; move it away or pass { $option }
migrate-destination-not-empty = The destination already holds accounts or audit records; copy into an empty database, or pass --force to try anyway (a login ID or key present in both stops the whole copy, and nothing is written)
migrate-clash = The destination already holds a row the copy needs ({ $detail }); nothing was written
migrate-source-missing = { $dir } is not a Gatehouse data directory (it holds no gatehouse.db and no gatehouse.toml); check the path given with --from
migrate-source-empty = The source holds no accounts and no audit records: is it the right one? Nothing was copied

## The server (what it answers when a request never reaches the wizard)

session-ended = Your session has ended. Please start again from the sign-in page.
session-changed = This page was changed by another request at the same time. Please look at it again and repeat your last step.
request-too-large = The request is too large (at most { $limit } bytes).
too-many-requests = Too many requests from this computer. Please wait a minute and try again.
request-timed-out = The request took too long and was stopped. Please try again.
bad-request = The request could not be understood.
server-unreachable = The Gatehouse server cannot be reached just now. Please try again in a moment.
server-busy = The Gatehouse server is busy just now. Please try again in a moment.
csrf-refused = This page is out of date. Reload it and try again.

## A signed-in person's own changes (issue 15)
current-password-needed = Please enter your current password.
current-password-wrong = Your current password is not correct.
questions-changed-notice = The challenge questions of your MIMS account were changed. If this was not you, contact your MIMS administrator (SA/LA) at once.

## The console's operations over the server (issue 14 §1)
console-select-accounts = Select at least one account.
console-import-too-large = This file has { $rows } accounts to create; send at most { $max } at a time.

## Registered machines (issue 14 §2)
enrolment-code-invalid = This enrolment code is not valid: it is wrong, used up or expired. Ask your school's IT team for a new one.
enrolment-uses-invalid = An enrolment code registers 1 to { $max } machines.
enrolment-hours-invalid = An enrolment code is valid for 1 to { $max } hours.
device-name-invalid = A machine's name is 1 to { $max } letters, digits, dots, dashes or underscores, starting with a letter or digit.
device-name-taken = A machine named { $name } is already registered. Choose another name, or revoke the old registration first.
device-not-found = No machine named { $name } is registered.
devices-operator-only = Machines are registered and revoked by the server's operator (gatehouse-cli admin device).
device-unknown = This machine is not registered with the Gatehouse server. Ask your school's IT team to register it.
device-revoked = This machine's registration was withdrawn. Ask your school's IT team to register it again.
device-not-kiosk = This machine is not registered as a kiosk, so it cannot open kiosk sessions.

## Help, on every screen (issue 15: the guides' service desk, troubleshooting and 2FA advice)
sign-in-hint-short = Students: your login ID looks like Full_Name@{ $student_domain }.
help-desk-call = Call { $desk } at { $phone }.
help-desk-email = Email { $desk } at { $email }.
help-desk-web = More help from { $desk }: { $url }
help-admins-students = Your school's MIMS Student Administrators (SA) can reset your password, unlock your account and set up your challenge questions:
help-admins-staff = Your school's MIMS Local Administrators (LA) can reset your password, unlock your account and update your work email:
help-admins-none = Your school has no MIMS administrator listed here yet. Please ask your teachers or the school office.
help-sign-in-title = I cannot sign in
help-sign-in-student = Type your Student iCON email address as your login ID: your full name followed by @{ $student_domain }. Please check with your teachers if you are unsure about it.
help-sign-in-staff = School staff sign in with a login ID ending with @{ $school_staff_domain }, HQ staff with one ending with @{ $hq_staff_domain }.
help-password-title = My password is not accepted
help-password-body = Please make sure you type your MIMS password correctly (it is case sensitive). Avoid keying in your password repeatedly after "Login failed…", as this will lock your account.
help-password-forgot = If you have set up your challenge questions, click "Forgot Password?" on the sign-in page to set a new password.
help-password-admin-student = If you cannot do that, please approach your teachers or your school's MIMS Student Administrator (SA) to reset your password.
help-password-admin-staff = If you cannot remember the answers to your challenge questions, please contact your school's MIMS Local Administrator (LA) for a password reset.
help-locked-title = My account is locked
help-locked-body = Too many wrong passwords lock the account. If you have set up your challenge questions, click "Forgot Password?" to unlock it or set a new password; otherwise, please approach your teachers or your MIMS administrator (SA/LA).
help-no-questions-title = "SSPR 5006": challenge questions have not been set up
help-no-questions-body = This appears after "Forgot Password?" when no challenge questions were set up. Please approach your teachers or your MIMS administrator (SA/LA) to set them up and reset your password.
help-app-title = An app on my dashboard shows an error
help-app-body = Certain apps are disabled for some levels: for example, Gmail is not available for Primary 1 to 3. If an app you should have is missing or shows an error, please report it to your teacher, who will log a case with { $desk } on your behalf.
help-two-factor-title = What is MIMS 2FA?
help-two-factor-body = MIMS 2-Factor Authentication (2FA) adds a second step to your MIMS password when you log in to iCON: your password is what you KNOW, your mobile device is what you HAVE.
help-two-factor-students = MIMS 2FA is not required for Student iCON.
help-apps-title = Which authenticator app should I use?
help-apps-body = Install ONE of these apps on your personal phone or tablet: Google Authenticator, Microsoft Authenticator or NetIQ Authenticator.
help-apps-ios = When configuring more than one MIMS 2FA profile on iOS devices (for example your own and a generic iCON account), download and install Google Authenticator app instead of Microsoft Authenticator app.
help-no-phone-title = I have no phone or tablet for the app
help-no-phone-body = You can use a hardware token instead: choose "Hard Token/FIDO 2.0" when adding an authenticator. Please ask your school's MIMS Local Administrator (LA) how to request one.
help-email-otp-title = The email OTP does not arrive
help-email-otp-body = The one-time password cannot be delivered to a Staff iCON address (ending with @{ $icon_domain }). Please approach your school's MIMS Local Administrator (LA) to update your work email to another address, such as your CES email.
help-email-otp-desk = If the email address is correct and the OTP still does not arrive, please contact { $desk }.
help-setup-error-title = The 2FA set-up shows an error
help-setup-error-body = Please sign out of the MIMS Portal and sign in again to restart the set-up of MIMS 2FA.
help-other-title = Technical issues and other questions
help-other-student = Please report it to your teacher, who will log a case with { $desk } on your behalf.
help-other-staff = You can reach out to your school's Desktop Engineer (DE) or log a case with { $desk }.

## The languages, each named in its own script (the selector's list and the CLI's --language).
language-en = English
language-zh-Hans = 华文
language-ms = Bahasa Melayu
language-ta = தமிழ்

## Mails (issue 16): the subject line and the body, in the person's language.
mail-greeting = Dear { $name },
mail-otp-subject = MIMS OTP #{ $sequence }
mail-otp-body = Your MIMS one-time password (OTP #{ $sequence }) is { $code }
mail-otp-expiry = { $minutes ->
        [one] It expires in { $minutes } minute, at { $at }. Enter it on the MIMS 2FA screen that shows OTP #{ $sequence }.
       *[other] It expires in { $minutes } minutes, at { $at }. Enter it on the MIMS 2FA screen that shows OTP #{ $sequence }.
    }
mail-otp-not-you = If you did not ask for it, someone may know your password: change it and tell your MIMS Local Administrator.
mail-change-subject = MIMS account change
mail-change-when = Time: { $at }, machine { $machine }.
mail-change-not-you = If this was not you, contact your MIMS Local Administrator at once.

## Password slips (issue 16): printed for a class, in the school's language.
slip-title = Password slips
slip-tag = PASSWORD SLIP
slip-first-sign-in = YOUR FIRST SIGN-IN
slip-student = STUDENT
slip-login = LOGIN ID
slip-location = LOCATION
slip-level = LEVEL
slip-password = TEMPORARY PASSWORD
slip-step-portal = Go to the { $portal } sign-in page.
slip-step-sign-in = Type your login ID as the Username and your temporary password as the Password. Click ‘Sign in’.
slip-step-questions = Choose 3 challenge questions and type short answers that are easy to remember. Click ‘Save Answers’.
slip-step-password = Make a new password that meets the rules on the screen. Type it twice, then click ‘Change Password’.
slip-step-terms = Read the terms and click ‘I understand’.
slip-footer = Keep this slip secret. Need help? Ask your teacher.
slip-printed = Printed { $at }
slip-expires = Expires { $at }
slip-exactly = Type it exactly as shown: capital letters matter.
# "0 is zero": a look-alike character of the password, and what to call it.
slip-lookalike = { $glyph } is { $name }
slip-lookalike-zero = zero
slip-lookalike-capital-o = capital o
slip-lookalike-one = one
slip-lookalike-small-l = small L
slip-lookalike-capital-i = capital i
slip-lookalike-straight-line = straight line
slip-level-p1-3 = Primary 1–3
slip-level-p4-6 = Primary 4–6
slip-level-secondary = Secondary
slip-level-jc-mi = JC / MI

## The challenge questions (crates/core/src/questions.rs), by their stored id.
question-favourite_colour = What is your favourite colour?
question-favourite_animal = What is your favourite animal?
question-favourite_book = What is your favourite book?
question-favourite_sport = What is your favourite sport or hobby?
question-favourite_city = What is your favourite city?
question-mothers_maiden_name = What is your mother's maiden name?
question-favourite_food = What is your favourite food?
question-favourite_subject = What is your favourite school subject?
question-favourite_movie = What is your favourite movie?
question-first_pet = What was the name of your first pet?
question-childhood_friend = What is the first name of your childhood best friend?
question-favourite_fruit = What is your favourite fruit?
question-dream_job = What job did you dream of as a child?
question-favourite_song = What is your favourite song?

## How strong a password is: zxcvbn's score and its advice (crates/core/src/policy.rs).
strength-0 = Very weak
strength-1 = Weak
strength-2 = Fair
strength-3 = Strong
strength-4 = Very strong
strength-warning-straight-rows = Straight rows of keys are easy to guess.
strength-warning-short-keyboard-patterns = Short keyboard patterns are easy to guess.
strength-warning-repeats = Repeats like "aaa" are easy to guess.
strength-warning-repeated-words = Repeats like "abcabcabc" are only slightly harder to guess than "abc".
strength-warning-top-10 = This is a top-10 common password.
strength-warning-top-100 = This is a top-100 common password.
strength-warning-common = This is a very common password.
strength-warning-similar-to-common = This is similar to a commonly used password.
strength-warning-sequences = Sequences like abc or 6543 are easy to guess.
strength-warning-recent-years = Recent years are easy to guess.
strength-warning-one-word = A word by itself is easy to guess.
strength-warning-dates = Dates are often easy to guess.
strength-warning-names = Names and surnames by themselves are easy to guess.
strength-warning-common-names = Common names and surnames are easy to guess.
strength-tip-few-words = Use a few words, avoid common phrases.
strength-tip-no-need-for-symbols = No need for symbols, digits, or uppercase letters.
strength-tip-another-word = Add another word or two. Uncommon words are better.
strength-tip-capitals = Capitalization doesn't help very much.
strength-tip-all-uppercase = All-uppercase is almost as easy to guess as all-lowercase.
strength-tip-reversed = Reversed words aren't much harder to guess.
strength-tip-substitutions = Predictable substitutions like '@' instead of 'a' don't help very much.
strength-tip-longer-keyboard-pattern = Use a longer keyboard pattern with more turns.
strength-tip-avoid-repeats = Avoid repeated words and characters.
strength-tip-avoid-sequences = Avoid sequences.
strength-tip-avoid-recent-years = Avoid recent years.
strength-tip-avoid-your-years = Avoid years that are associated with you.
strength-tip-avoid-your-dates = Avoid dates and years that are associated with you.
