# The window's own texts: titles, labels, buttons and the guides' explanatory paragraphs
# (student guide v1.0, staff guide v1.1). The engine's sentences are in engine.ftl.
# Ids are the front-end's keys with "." written as "-" (ui/src/messages.ts: t('signIn.heading')).

lang-label = Language
app-skip = Skip to content
app-signOut = Sign out
app-demoBadge = Demo school
app-failure = The application could not reach its account service. Please try again. If the problem persists, please contact your administrator (LA/SA).
app-retry = Try again
offline-heading = The Gatehouse server cannot be reached
offline-retrying = This window tries again every few seconds by itself. What you typed stays on the page.
offline-retryNow = Try again now
offline-back = The Gatehouse server answers again. You can go on.
device-heading = This computer cannot use Gatehouse
device-help = Please tell your administrator (LA/SA): this computer must be registered with the school’s Gatehouse server again.
chrome-twofa = MIMS 2FA
chrome-workspace = { $workspace } workspace
common-continue = Continue
common-cancel = Cancel
common-next = Next
common-show = Show
common-hide = Hide
common-showPassword = Show password
common-hidePassword = Hide password
common-showAnswer = Show answer
common-hideAnswer = Hide answer
common-capsLock = Caps Lock is on.
common-errorPrefix = Error:
common-selectQuestion = — Please select a question item from the list —

## Sign-in (student guide p.3 and p.15; staff guide p.7 and p.20).
signIn-heading = Sign in to use available applications
signIn-username = Username
signIn-password = Password
signIn-submit = Sign in
signIn-forgot = Forgot Password?
signIn-moreHelp = More help
signIn-waitingApp = You are signing in to { $app }. Once you are signed in, Gatehouse takes you back there.

## The Help button on every screen (issue 15): the core sends the texts; these are the frame.
help-open = Help
help-title = Help
help-intro = Answers from the MIMS user guides, and who can help you.
help-contacts = Who can help
help-desk = Service desk
help-administrators = Your school’s MIMS administrators
help-topics = Common problems
help-close = Close help
help-failed = The help could not be loaded. Please try again.
locked-heading = Account locked
locked-back = Back to sign in
signedOut-heading = Signed out
signedOut-again = Sign in again

## Challenge questions (student guide steps 4–7).
setQuestions-heading = Setup Security Questions
setQuestions-intro1 = If you forget your password, you can access your account by answering your security questions.
setQuestions-intro2 = Please choose your questions and answers that can be used to verify your identity in case you forget your password. Because the answers to these questions can be used to access your account, be sure to supply answers that are not easy for others to guess or discover.
setQuestions-note = Please note to enter short answers that are easy for you to remember.
setQuestions-legend = Please type your security answers
setQuestions-question = Security question { $n }
setQuestions-answer = Answer { $n }
setQuestions-answerHint = At least { $min } characters; three different answers.
setQuestions-submit = Save Answers
setQuestions-current = Current Password
setQuestions-currentHint = To change your security questions, type your password first.
confirmQuestions-heading = Confirm Security Questions
confirmQuestions-intro = Be sure your answers and questions are correct. Check the spelling and punctuation. If you are unable to remember your password, you will be able to access your account by supplying the answers to these security questions.
confirmQuestions-editHint = To edit, select 'Go Back' to return to the previous step.
confirmQuestions-back = Go Back
confirmQuestions-submit = Confirm Security Answers
questionsSaved-heading = Success

## Password change (student guide steps 8–9, p.17–18).
changePassword-heading = Change Password
changePassword-intro = Please change your password. Keep your new password secure. After you type your new password, click the Change Password button. If you must write it down, be sure to keep it in a safe place. Your new password must meet the following requirements:
changePassword-rulesLabel = Password requirements
changePassword-ruleMet = met
changePassword-ruleNotMet = not met
changePassword-summary = { $met } of { $total } requirements met
changePassword-legend = Please type your new password
changePassword-new = New Password
changePassword-confirm = Confirm Password
changePassword-current = Current Password
changePassword-strength = Password strength
changePassword-strengthNone = Type a password to see its strength.
changePassword-submit = Change Password
passwordChanging-heading = Please Wait
passwordChanging-progress = Changing your password
passwordChanged-heading = Success

## Terms (student guide step 11, p.10).
terms-p1 = Welcome to your new account: { $login }. Your { $domain } administrator decides which Google Workspace and other Google services you may access using this account.
terms-p2 = Your organization administrator manages this account and any Google data associated with this account. This means that your administrator can access and process your data, including the contents of your communications, how you interact with Google services, or the privacy settings on your account. Your administrator can also delete your account, or restrict you from accessing any data associated with this account.
terms-p3 = If your organization provides you access to administrator-managed services, like Google Workspace, your use of those services is governed by your organization's enterprise agreement. Besides these terms, we also publish a Google Cloud Privacy Notice.
terms-p4 = If your administrator enables you to use other Google services besides Google Workspace while logged in to this { $login } account, your use of those services will be governed by their respective terms, such as the Google Terms of Service and the Google Privacy Policy and other service-specific Google terms. If you do not agree to these terms, or do not wish Google to handle your data in this way, do not use those other Google services with this { $login } account. You may also customize your privacy settings at myaccount.google.com.
terms-p5 = Your use of Google services with this account is also governed by your organization's internal policies.
terms-accept = I understand

## Portal applications and the workspace dashboard (student guide steps 10 and 12).
applications-heading = Applications
applications-intro = Select an application to open it.
dashboard-heading = Dashboard
dashboard-success = Success! You have logged in to { $workspace } workspace Dashboard.
dashboard-appsLabel = Your apps
dashboard-opens = opens in your web browser
dashboard-notesLabel = Notes
dashboard-openFailed = The app could not be opened in your web browser.
dashboard-back = Back to applications
account-changePassword = Change my password
account-changeQuestions = Change my security questions
account-label = My account

## Self-service password reset (student guide section 2a; staff guide section 4).
ssprSearch-heading = Forgotten Password
ssprSearch-intro = If you have forgotten your password, follow the prompts to reset your password.
ssprSearch-username = Username
ssprSearch-submit = Search
ssprQuestions-heading = Forgotten Password
ssprQuestions-intro = Please answer the following questions. If you answer these questions correctly, you will then be able to reset your password.
ssprQuestions-for = Account: { $login }
ssprQuestions-submit = Check Answers
ssprLocked-heading = Forgotten Password
ssprLocked-choices = What would you like to do?
ssprLocked-unlock = Unlock Password
ssprLocked-unlockHelp = Unlock your account. If you remember your password, you can unlock your account by selecting this option. Your password will not be changed.
ssprLocked-change = Change Password
ssprLocked-changeHelp = Set a new password. If you have forgotten your password and would like to set a new one, click here. Your account will also be unlocked when you set a new password.

## TOTP at sign-in and during a reset (staff guide section 2 steps 3–4; section 4).
totp-heading = One-Time Authentication Code (TOTP)
totp-obtain = Obtain device-generated TOTP
totp-ssprIntro = Your account has 2-Factor Authentication. Enter the code from your authenticator app to continue the password reset.
totp-portalIntro = Your account has 2-Factor Authentication. Enter the code from your authenticator app before you add, test or remove an authenticator.
totp-changeIntro = Your account has 2-Factor Authentication. Enter the code from your authenticator app before you change your password or your challenge questions.
totp-account = Account: { $login }
totp-code = One Time Password (OTP)
totp-codeHint = { $digits }-digit code from your authenticator app
totp-useRecovery = Use a recovery code instead
totp-useCode = Use my authenticator instead
totp-recoveryCode = Recovery code
totp-recoveryHint = One of your printed recovery codes, e.g. K7QF-2M9X-HB4R-T6WD ({ $left } left)

## 2FA set-up (staff guide section 1).
setup2fa-heading = Enroll Authenticator App
setup2fa-intro = Enter your MIMS Login ID and click ‘Next’.
setup2fa-hint = School staff: your MIMS login ID ends with @schools.gov.sg. HQ staff: it ends with @hq.moe.gov.sg.
setup2fa-username = User name
chooseMethod-heading = Enroll Authenticator App
chooseMethod-intro = Click ‘Next’ to get the One-Time Password (OTP) via your work email.
chooseMethod-chain = Chain
chooseMethod-method = Method
emailOtp-heading = Enroll Authenticator App
emailOtp-method = Method: Email OTP
emailOtp-sent = OTP #{ $n } sent to { $address }
emailOtp-code = One Time Password
emailOtp-codeHint = The 6-digit code in the email marked OTP #{ $n }
emailOtp-resend = Send a new code
emailOtp-note = If the email address shown is not your work email, please ask your school’s MIMS Local Administrator (LA) to update the email address tagged to your MIMS account.
identityPortal-heading = MIMS Identity Portal
identityPortal-intro = Click on ‘Setup 2FA’.
identityPortal-back = Back to applications
selfService-heading = Self-Service
selfService-welcome = Welcome to the Self-Service portal for MIMS 2-Factor Authentication (2FA).
selfService-intro = This portal allows you to manage your authentication methods. The Enrolled Authenticators section displays all the methods that you have enrolled. The Add Authenticator section displays the methods that are available for enrollment.
selfService-enrolled = Enrolled Authenticators
selfService-add = Add Authenticator
selfService-done = Back to applications
addToken-heading = Add Soft Token (OTP) authenticator
addToken-p1 = The Time based one-time password (TOTP) method generates an OTP through an authenticator application on your mobile (Google Authenticator, Microsoft Authenticator or NetIQ Authenticator).
addToken-p2 = You can enroll this method in one of the following ways: scan the QR code below with the application (or type the key shown beside it), or, if you have a hardware OTP token from your company, specify the token serial and its OTP under OATH Token Serial.
addToken-p3 = If you want to enroll a TOTP secret manually, expand the section at the bottom and add your Secret and Period values.
addToken-comment = Comment
addToken-commentHint = e.g. Google Authenticator
addToken-qrAlt = QR code to scan with your authenticator app
addToken-qrLabel = Scan this QR code with your authenticator app
addToken-secretLabel = Can’t scan? Enter this key in the app:
addToken-secretDetails = Time based (TOTP), { $digits } digits, every { $period } seconds
addToken-tokenIntro = If you have a token, specify the serial number and the OTP to verify the token. Otherwise, scan the QR code with the smartphone application.
addToken-serial = OATH Token Serial
addToken-serialPlaceholder = Specify the token serial
addToken-otp = OTP
addToken-nextOtp = Next OTP
addToken-nextOtpHint = Only for a token with a button whose code is refused: press it again and enter that code too.
addToken-manual = Enter a TOTP secret manually
addToken-secret = Secret
addToken-secretHint = Base32, as shown by the token or app
addToken-period = Period
addToken-periodHint = Seconds per code (usually 30)
addToken-save = Save
editToken-heading = Edit the { $name } authenticator
editToken-intro = To test its functionality, click on the ‘Test’ button and key in the OTP/Code from your Authenticator App.
editToken-continue = Go to Applications
editToken-nextStep = To open iCON, click ICON under Applications and key in the next OTP/Code from your Authenticator App.
editToken-comment = Comment
editToken-serial = OATH Token Serial
editToken-noSerial = Token serial is not defined
editToken-status = Status
editToken-tested = Passed the test on { $when }
editToken-untested = Not tested yet: click Test. It counts for sign-in once it has passed the test.
editToken-delete = Delete
editToken-deleteConfirm = Delete this authenticator? Remove its entry from your authenticator app too.
editToken-deleteYes = Yes, delete it
editToken-deleteNo = Keep it
editToken-test = Test
recovery-heading = Recovery codes
recovery-intro = Each of these codes lets you in once when you do not have your authenticator (a lost or broken phone): type one where the code is asked. They never replace your password. Print them or write them down and keep them somewhere safe; they are shown only now.
recovery-number = #{ $number }
recovery-print = Print the codes
recovery-continue = I have saved the codes
recovery-listLabel = Your recovery codes
recovery-left = { $left ->
        [0] You have no recovery codes left.
        [one] You have 1 recovery code left.
       *[other] You have { $left } recovery codes left.
    }
recovery-low = Make a new set soon: when they run out, only your authenticator or an administrator can get you in.
recovery-new = Make new recovery codes
recovery-newHelp = A new set replaces the old one. Enter your password to make it.
recovery-password = Your password
securityKey-heading = Add a security key (FIDO2)
securityKey-intro = Plug your security key into this computer, click Use my security key, and touch the key when it blinks.
securityKey-comment = Comment
securityKey-commentHint = e.g. Blue key on my lanyard
securityKey-use = Use my security key
securityKey-touch = Touch your security key now…
securityKey-model = Model
securityKey-none = No security key was found. Plug it in (or try another USB port) and try again.
securityKey-timeout = The key was not touched in time. Try again and touch it when it blinks.
securityKey-unsupported = Security keys cannot be used on this computer yet. Use an authenticator app or a hardware token instead.
securityKey-failed = The security key could not be used. Try again, or use another way.
securityKey-testIntro = Click Use my security key and touch the key when it blinks.
testToken-heading = Test the { $name } authenticator
testToken-intro = Under ‘Password’, key in the OTP/Code from the Authenticator App and click ‘Next’.
testToken-code = Password
testToken-codeHint = The code your authenticator app shows now

## Errors the guides name (student guide troubleshooting F and G; staff FAQ 7 and 11).
error-heading = Error

## Kiosk (DESIGN §6).
kiosk-title = Are you still there?
kiosk-countdown = { $n ->
        [one] For your privacy this session will end in { $n } second.
       *[other] For your privacy this session will end in { $n } seconds.
    }
kiosk-stay = I'm still here
kiosk-ended = Your session ended because there was no activity. Nothing from it was kept.
signIn-admin = Administrator sign-in
firstRun-banner = This installation has no administrator yet. The first administrator creates the accounts everyone else uses.
firstRun-start = Set up the first administrator
firstRun-title = The first administrator
firstRun-intro = You will be the first administrator (SA, LA and AO) of this installation. Choose your password now; next you set up your authenticator app.
firstRun-login = Your login ID
firstRun-loginHint = School staff: name@schools.gov.sg; HQ staff: name@hq.moe.gov.sg
firstRun-name = Full name
firstRun-kind = Account kind
firstRun-location = Location code
firstRun-locationHint = Your school or division code, e.g. 5521
firstRun-workEmail = Work email (optional)
firstRun-password = Password
firstRun-confirm = Confirm password
firstRun-scan = Scan this QR code with your authenticator app (Google Authenticator, Microsoft Authenticator or NetIQ Authenticator), or type the key, then enter the code it shows.
firstRun-code = Code from the app
firstRun-finish = Create and open the console
admin-title = Administrator sign-in
admin-text = School administrators (SA, LA, AO) sign in with their password and either a code from their authenticator (or one of their recovery codes) or a touch of their security key. The console opens in its own window.
admin-submit = Sign in
admin-codeHint = The code your authenticator shows, or one of your recovery codes.
admin-opened = The administration console has opened in a new window.
console-title = Administration
console-signedInAs = Signed in as { $login } ({ $roles })
console-tab-accounts = Accounts
console-tab-import = Import
console-tab-tokens = Hardware tokens
console-tab-audit = Audit log
console-tab-transfers = Transfers
console-tab-year = Year end
console-transfer-to = Move to location
console-transfer-from = From
console-transfer-by = Requested by
console-transfer-request = Request transfer
console-transfer-requested = Transfer to { $to } requested; an Approving Officer of { $to } decides.
console-transfer-approve = Approve
console-transfer-reject = Reject
console-transfer-confirm = Decide the transfer of { $login }? This cannot be undone.
console-transfer-none = No transfer requests are waiting for you.
console-any = Any
console-kind-student = Student
console-kind-school_staff = School staff
console-kind-hq_staff = HQ staff
console-state-active = Active
console-state-locked = Locked
console-state-temporary_password = Temporary password
console-state-temporary_password_expired = Temporary password expired
console-state-disabled = Disabled
console-searchText = Login ID or name
console-lockedOnly = Locked accounts only
console-search = Search
console-found = { $n ->
        [one] { $n } account found.
       *[other] { $n } accounts found.
    }
console-accounts = Accounts
console-select = Select { $login }
console-selectAll = Select all shown
console-selectFirst = Select the accounts to reset first.
console-resetSelected = Reset passwords of the selected accounts
console-resetTitle = Reset passwords
console-resetText = { $n ->
        [one] Give { $n } account a new temporary password? Its current password stops working at once, and the person must sign in with the new one and choose a new password.
       *[other] Give { $n } accounts a new temporary password? Their current passwords stop working at once, and each person must sign in with the new one and choose a new password.
    }
console-resetConfirm = Reset passwords
console-resetOne = Reset password
console-resetClass = Reset passwords of class { $class }
console-resetClassText = Give every student of class { $class } at your location a new temporary password — also those the other filters leave out of the list? Their current passwords stop working at once, and each student must sign in with the new one and choose a new password.
console-editTitle = Edit account
console-editSave = Save changes
console-edited = Changes saved.
console-editNothing = Nothing was changed.
console-editLocationHint = A move to another location is a transfer: an LA requests it and that location’s AO approves it.
console-disable = Disable account
console-disableText = Disable { $login }? The person can no longer sign in or reset their password until the account is enabled again. Their password, questions and authenticators stay as they are.
console-disabled = The account is disabled.
console-enable = Enable account
console-enableText = Enable { $login } again? The person can sign in with their password as before.
console-enabled = The account is enabled again.
console-delete = Delete account
console-deleteText = Delete { $login } ({ $name })? The account, its challenge answers and its authenticators are removed and cannot be brought back. The audit log keeps its history.
console-deleted = { $login } was deleted. The audit log keeps its history.
console-unlock = Unlock
console-clearQuestions = Clear challenge questions
console-clearQuestionsText = Clear this account's challenge questions? The person sets new ones at the next sign-in; until then Forgot Password? cannot help them.
console-deleteAuthenticators = Delete authenticators
console-deleteAuthenticatorsText = Delete every authenticator of this account (lost phone, or a shared account changing hands)? Hardware tokens become free again.
console-done = Done.
console-save = Save
console-yes = Yes
console-no = No
console-never = Never
console-since = Yes, since { $at }
console-until = Yes, until { $at }
console-authenticators = Authenticators
console-noAuthenticators = No authenticators.
console-recoveryLeft = Recovery codes left: { $count }
console-mails = Undelivered mails
console-mailsShow = Show undelivered mails
console-mailsNote = With no SMTP server configured, email OTPs and notices wait here. Reading them is recorded in the audit log.
console-noMails = No undelivered mails.
console-mailSent = Written { $at }
console-mailExpired = Expired: this code no longer works
console-col-login = Login ID
console-col-name = Name
console-col-kind = Kind
console-col-level = Level
console-col-location = Location
console-col-state = State
console-col-roles = Roles
console-col-class = Class
console-col-apps = Apps
console-col-comment = Comment
console-col-serial = Serial
console-col-lastTest = Last test
console-col-temporary = Temporary password
console-col-expires = Expires
console-col-line = Line
console-col-reason = Reason
console-col-digits = Digits
console-col-boundTo = Bound to
console-col-imported = Imported
console-col-time = Time (UTC)
console-col-actor = Actor
console-col-subject = Subject
console-col-event = Event
console-col-outcome = Outcome
console-col-detail = Detail
console-fact-locked = Locked
console-fact-disabled = Disabled
console-fact-generic = Shared (generic) account
console-fact-temporary = Temporary password
console-fact-questions = Challenge questions set
console-fact-terms = Terms accepted
console-fact-workEmail = Work email
console-fact-lastSignIn = Last sign-in
console-fact-passwordChanged = Password changed
console-create = Create an account
console-createSubmit = Create
console-create-generic = Shared (generic) account
console-create-roles = Administrator roles
console-role-sa = SA (Student Administrator)
console-role-la = LA (Local Administrator)
console-role-ao = AO (Approving Officer)
console-year-intro = At the end of the school year, move a whole level or class on. Choose whom to move and where to, look at the preview, then apply it. Each account is changed and audited; students who would not change are left out.
console-year-who = Whom to move
console-year-where = Where to
console-year-level = Students of level
console-year-class = Students of class
console-year-toLevel = New level
console-year-toClass = New class
console-year-unchanged = Unchanged
console-year-nextClass = Each to their next class (3A becomes 4A)
console-year-preview = Preview
console-year-apply = { $n ->
        [one] Apply to { $n } student
       *[other] Apply to { $n } students
    }
console-year-applyTitle = Apply the promotion
console-year-applyText = { $n ->
        [one] Move { $n } student as the preview shows? Their level and class change at once, and so do their apps.
       *[other] Move { $n } students as the preview shows? Their level and class change at once, and so do their apps.
    }
console-year-previewed = { $n ->
        [one] { $n } student would change. Nothing is changed until you apply it.
       *[other] { $n } students would change. Nothing is changed until you apply it.
    }
console-year-applied = { $n ->
        [one] { $n } student moved.
       *[other] { $n } students moved.
    }
console-year-none = No student would change.
console-year-caption = Students and their changes
console-year-from = Now
console-year-to = After
console-year-gained = Gains { $apps }
console-year-lost = Loses { $apps }
console-year-noApps = No change
console-year-leaving = { $n ->
        [one] { $n } student is in the last year of their level and stays as they are: { $names }
       *[other] { $n } students are in the last year of their level and stay as they are: { $names }
    }
console-year-alreadyPromoted = { $n ->
        [one] { $n } student was moved by a promotion in the last 180 days and is not moved again: { $names }
       *[other] { $n } students were moved by a promotion in the last 180 days and are not moved again: { $names }
    }
console-issued-title = New temporary passwords ({ $n })
console-issued-once = These passwords are shown only now and on the slips. Hand each slip to its owner.
console-issued-openSlips = Open the PDF slips
console-issued-print = Print this list
console-issued-saved = Slips saved to { $path }
console-issued-atKiosk = At a kiosk no other program is opened: print this list, or open the slips from your own computer. Everything this console wrote here is deleted when it ends.
console-issued-caption = Temporary passwords
console-step1 = Open the MIMS Portal and enter your login ID and the temporary password.
console-step2 = Choose three challenge questions and type your answers.
console-step3 = Choose a new password that meets every rule on the screen.
console-step4 = Read the terms and choose I understand.
console-step5 = Your apps appear. Keep your password secret.
console-import-intro = Choose a CSV file with a header row naming the columns login, name, kind, level, location (and optionally class, work_email, generic, roles). Every row is checked before anything is imported. A row that gives administrator roles is not imported here: give roles with “Create an account”.
console-import-file = CSV file
console-import-checked = { $rows } rows: { $good } good, { $bad } with problems.
console-import-badRows = Rows that will not be imported
console-import-start = { $n ->
        [one] Import { $n } account
       *[other] Import { $n } accounts
    }
console-import-progress = { $done } of { $total } accounts, { $rate } per second
console-import-progressLeft = { $done } of { $total } accounts, { $rate } per second, about { $s } s left
console-import-done = { $created ->
        [one] { $created } account created in { $seconds } s.
       *[other] { $created } accounts created in { $seconds } s.
    }
console-import-cancelled = Import cancelled: { $created } of { $rows } rows were created, each completely; the rest were not.
console-tokens-file = Import a token seed file (CSV or PSKC)
console-tokens-encryptedHint = A vendor's PSKC file with encrypted secrets: first choose its key file or type its passphrase, then choose the file.
console-tokens-keyFile = Key file (encrypted PSKC only)
console-tokens-passphrase = Passphrase (encrypted PSKC only)
console-tokens-free = Free
console-tokens-none = No hardware tokens have been imported.
console-tokens-imported = { $n ->
        [one] { $n } token imported.
       *[other] { $n } tokens imported.
    }
console-tokens-unbind = Unbind
console-tokens-unbindText = Free the token { $serial } from { $holder }? It stops working for their sign-in at once.
console-tokens-unbound = The token { $serial } is free again.
console-tokens-locked = Locked: too many wrong codes
console-tokens-freeLocked = Free
console-tokens-freeLockedText = Free the token { $serial }? It was locked after wrong codes typed while enrolling it; free it only when the person holding it asks.
console-adminAccount = This is an administrator account ({ $roles }): the console shows it but does not change it. The machine’s operator resets, unlocks or changes it with gatehouse-cli admin.
console-audit-since = From
console-audit-until = To
console-audit-filter = Filter
console-audit-export = Export to CSV
console-audit-exported = Exported to { $path }
console-audit-open = Open the export
console-audit-newer = Newer
console-audit-older = Older
console-audit-page = Events { $from }–{ $to }
console-audit-none = No events match.
kiosk-adminTitle = Close the kiosk
kiosk-adminText = Only an administrator can close this computer lab kiosk. Sign in with your password and either a code from your authenticator or a touch of your security key.
kiosk-adminLogin = Administrator login ID
kiosk-adminPassword = Password
kiosk-adminCode = Authenticator code
kiosk-adminSubmit = Sign in and close
kiosk-breakGlassLink = The school’s server cannot be reached? Use this kiosk’s break-glass code
kiosk-breakGlassTitle = Close the kiosk with its break-glass code
kiosk-breakGlassText = Type the break-glass code written down when this kiosk was registered with the school’s Gatehouse server. After five wrong codes, wait five minutes.
kiosk-breakGlassCode = Break-glass code
kiosk-breakGlassSubmit = Close the kiosk
