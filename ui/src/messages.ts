// Every text the window itself writes: titles, labels, buttons and the guides' explanatory
// paragraphs (student guide v1.0, staff guide v1.1). Texts that come from the core — error
// messages, the password rules, the login-ID hint, notices — are shown as the core sends them.
//
// One catalogue per language; `en` is the reference and fixes the keys. A new language is a new
// object of type `Catalogue` added to `catalogues` (the selector lists it automatically).

const en = {
  'lang.name': 'English',
  'lang.label': 'Language',
  'app.skip': 'Skip to content',
  'app.loading': 'Loading…',
  'app.busy': 'Please wait…',
  'app.signOut': 'Sign out',
  'app.demoBadge': 'Demo school',
  'app.failure':
    'The application could not reach its account service. Please try again. If the problem persists, please contact your administrator (LA/SA).',
  'app.retry': 'Try again',
  'app.stepOf': 'Step {n}',

  'chrome.sspr.subtitle': 'Self Service Password Reset',
  'chrome.twofa': 'MIMS 2FA',
  'chrome.selfService': 'Self-Service portal',
  'chrome.workspace': '{workspace} workspace',

  'common.continue': 'Continue',
  'common.cancel': 'Cancel',
  'common.next': 'Next',
  'common.show': 'Show',
  'common.hide': 'Hide',
  'common.showPassword': 'Show password',
  'common.hidePassword': 'Hide password',
  'common.required': 'required',
  'common.errorPrefix': 'Error:',
  'common.selectQuestion': '— Please select a question item from the list —',

  // Sign-in (student guide p.3 and p.15; staff guide p.7 and p.20).
  'signIn.heading': 'Sign in to use available applications',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.forgot': 'Forgot Password?',

  'locked.heading': 'Account locked',
  'locked.help':
    'If you have set up your MIMS challenge questions, click \u2018Forgot Password?\u2019 to unlock your account or set a new password. Otherwise, please approach your teachers or MIMS administrator (SA/LA).',
  'locked.back': 'Back to sign in',

  'signedOut.heading': 'Signed out',
  'signedOut.again': 'Sign in again',

  // Challenge questions (student guide steps 4–7).
  'setQuestions.heading': 'Setup Security Questions',
  'setQuestions.intro1':
    'If you forget your password, you can access your account by answering your security questions.',
  'setQuestions.intro2':
    'Please choose your questions and answers that can be used to verify your identity in case you forget your password. Because the answers to these questions can be used to access your account, be sure to supply answers that are not easy for others to guess or discover.',
  'setQuestions.note': 'Please note to enter short answers that are easy for you to remember.',
  'setQuestions.legend': 'Please type your security answers',
  'setQuestions.question': 'Security question {n}',
  'setQuestions.answer': 'Answer {n}',
  'setQuestions.answerHint': 'At least {min} characters; three different answers.',
  'setQuestions.submit': 'Save Answers',

  'confirmQuestions.heading': 'Confirm Security Questions',
  'confirmQuestions.intro':
    'Be sure your answers and questions are correct. Check the spelling and punctuation. If you are unable to remember your password, you will be able to access your account by supplying the answers to these security questions.',
  'confirmQuestions.editHint': "To edit, select 'Go Back' to return to the previous step.",
  'confirmQuestions.back': 'Go Back',
  'confirmQuestions.submit': 'Confirm Security Answers',

  'questionsSaved.heading': 'Success',

  // Password change (student guide steps 8–9, p.17–18).
  'changePassword.heading': 'Change Password',
  'changePassword.intro':
    'Please change your password. Keep your new password secure. After you type your new password, click the Change Password button. If you must write it down, be sure to keep it in a safe place. Your new password must meet the following requirements:',
  'changePassword.rulesLabel': 'Password requirements',
  'changePassword.ruleMet': 'met',
  'changePassword.ruleNotMet': 'not met',
  'changePassword.summary': '{met} of {total} requirements met',
  'changePassword.legend': 'Please type your new password',
  'changePassword.new': 'New Password',
  'changePassword.confirm': 'Confirm Password',
  'changePassword.strength': 'Password strength',
  'changePassword.strengthNone': 'Type a password to see its strength.',
  'changePassword.submit': 'Change Password',

  'passwordChanging.heading': 'Please Wait',
  'passwordChanging.progress': 'Changing your password',
  'passwordChanged.heading': 'Success',
  'passwordChanged.great': 'Great! You have changed your password successfully.',

  // Terms (student guide step 11, p.10).
  'terms.p1':
    'Welcome to your new account: {login}. Your {domain} administrator decides which Google Workspace and other Google services you may access using this account.',
  'terms.p2':
    'Your organization administrator manages this account and any Google data associated with this account. This means that your administrator can access and process your data, including the contents of your communications, how you interact with Google services, or the privacy settings on your account. Your administrator can also delete your account, or restrict you from accessing any data associated with this account.',
  'terms.p3':
    "If your organization provides you access to administrator-managed services, like Google Workspace, your use of those services is governed by your organization's enterprise agreement. Besides these terms, we also publish a Google Cloud Privacy Notice.",
  'terms.p4':
    'If your administrator enables you to use other Google services besides Google Workspace while logged in to this {login} account, your use of those services will be governed by their respective terms, such as the Google Terms of Service and the Google Privacy Policy and other service-specific Google terms. If you do not agree to these terms, or do not wish Google to handle your data in this way, do not use those other Google services with this {login} account. You may also customize your privacy settings at myaccount.google.com.',
  'terms.p5': "Your use of Google services with this account is also governed by your organization's internal policies.",
  'terms.accept': 'I understand',

  // Portal applications and the workspace dashboard (student guide steps 10 and 12).
  'applications.heading': 'Applications',
  'applications.intro': 'Select an application to open it.',
  'dashboard.heading': 'Dashboard',
  'dashboard.success': 'Success! You have logged in to {workspace} workspace Dashboard.',
  'dashboard.appsLabel': 'Your apps',
  'dashboard.opens': 'opens in your web browser',
  'dashboard.notesLabel': 'Notes',
  'dashboard.openFailed': 'The app could not be opened in your web browser.',
  'dashboard.back': 'Back to applications',

  // Self-service password reset (student guide section 2a; staff guide section 4).
  'ssprSearch.heading': 'Forgotten Password',
  'ssprSearch.intro': 'If you have forgotten your password, follow the prompts to reset your password.',
  'ssprSearch.username': 'Username',
  'ssprSearch.submit': 'Search',
  'ssprQuestions.heading': 'Forgotten Password',
  'ssprQuestions.intro':
    'Please answer the following questions. If you answer these questions correctly, you will then be able to reset your password.',
  'ssprQuestions.for': 'Account: {login}',
  'ssprQuestions.submit': 'Check Answers',
  'ssprLocked.heading': 'Forgotten Password',
  'ssprLocked.choices': 'What would you like to do?',
  'ssprLocked.unlock': 'Unlock Password',
  'ssprLocked.unlockHelp':
    'Unlock your account. If you remember your password, you can unlock your account by selecting this option. Your password will not be changed.',
  'ssprLocked.change': 'Change Password',
  'ssprLocked.changeHelp':
    'Set a new password. If you have forgotten your password and would like to set a new one, click here. Your account will also be unlocked when you set a new password.',

  // TOTP at sign-in and during a reset (staff guide section 2 steps 3–4; section 4).
  'totp.heading': 'One-Time Authentication Code (TOTP)',
  'totp.obtain': 'Obtain device-generated TOTP',
  'totp.ssprIntro': 'Your account has 2-Factor Authentication. Enter the code from your authenticator app to continue the password reset.',
  'totp.account': 'Account: {login}',
  'totp.code': 'One Time Password (OTP)',
  'totp.codeHint': '{digits}-digit code from your authenticator app',

  // 2FA set-up (staff guide section 1).
  'setup2fa.heading': 'Enroll Authenticator App',
  'setup2fa.intro': 'Enter your MIMS Login ID and click \u2018Next\u2019.',
  'setup2fa.hint': 'School staff: your MIMS login ID ends with @schools.gov.sg. HQ staff: it ends with @hq.moe.gov.sg.',
  'setup2fa.username': 'User name',
  'chooseMethod.heading': 'Enroll Authenticator App',
  'chooseMethod.intro': 'Click \u2018Next\u2019 to get the One-Time Password (OTP) via your work email.',
  'chooseMethod.chain': 'Chain',
  'chooseMethod.method': 'Method',
  'emailOtp.heading': 'Enroll Authenticator App',
  'emailOtp.method': 'Method: Email OTP',
  'emailOtp.sent': 'OTP #{n} sent to {address}',
  'emailOtp.code': 'One Time Password',
  'emailOtp.codeHint': 'The 6-digit code in the email marked OTP #{n}',
  'emailOtp.note':
    'If the email address shown is not your work email, please ask your school\u2019s MIMS Local Administrator (LA) to update the email address tagged to your MIMS account.',

  'selfService.heading': 'Self-Service',
  'selfService.welcome': 'Welcome to the Self-Service portal for NetIQ Advanced Authentication.',
  'selfService.intro':
    'This portal allows you to manage your authentication methods. The Enrolled Authenticators section displays all the methods that you have enrolled. The Add Authenticator section displays the methods that are available for enrollment.',
  'selfService.enrolled': 'Enrolled Authenticators',
  'selfService.add': 'Add Authenticator',
  'selfService.open': 'Open {name}',
  'selfService.done': 'Back to applications',

  'addToken.heading': 'Add Soft Token (OTP) authenticator',
  'addToken.p1':
    'The Time based one-time password (TOTP) method generates an OTP through an authenticator application on your mobile (Google Authenticator, Microsoft Authenticator or NetIQ Authenticator).',
  'addToken.p2':
    'You can enroll this method in one of the following ways: scan the QR code below with the application, or, if you have a hardware OTP token from your company, specify the token serial in OATH Token.',
  'addToken.p3': 'If you want to enroll a TOTP secret manually, expand the section at the bottom and add your Secret and Period values.',
  'addToken.comment': 'Comment',
  'addToken.commentHint': 'e.g. Google Authenticator',
  'addToken.qrAlt': 'QR code to scan with your authenticator app',
  'addToken.qrLabel': 'Scan this QR code with your authenticator app',
  'addToken.secretLabel': 'Can\u2019t scan? Enter this key in the app:',
  'addToken.secretDetails': 'Time based (TOTP), {digits} digits, every {period} seconds',
  'addToken.tokenIntro':
    'If you have a token, specify the serial number and the OTP to verify the token. Otherwise, scan the QR code with the smartphone application.',
  'addToken.serial': 'OATH Token Serial',
  'addToken.serialPlaceholder': 'Specify the token serial',
  'addToken.otp': 'OTP',
  'addToken.manual': 'Enter a TOTP secret manually',
  'addToken.secret': 'Secret',
  'addToken.secretHint': 'Base32, as shown by the token or app',
  'addToken.period': 'Period',
  'addToken.periodHint': 'Seconds per code (usually 30)',
  'addToken.save': 'Save',

  'editToken.heading': 'Edit the {name} authenticator',
  'editToken.comment': 'Comment',
  'editToken.serial': 'OATH Token Serial',
  'editToken.noSerial': 'Token serial is not defined',
  'editToken.status': 'Status',
  'editToken.tested': 'Passed the test on {when}',
  'editToken.untested': 'Not tested yet: click Test. It counts for sign-in once it has passed the test.',
  'editToken.delete': 'Delete',
  'editToken.deleteConfirm': 'Delete this authenticator? Remove its entry from your authenticator app too.',
  'editToken.deleteYes': 'Yes, delete it',
  'editToken.deleteNo': 'Keep it',
  'editToken.test': 'Test',
  'testToken.heading': 'Test the {name} authenticator',
  'testToken.code': 'Password',
  'testToken.codeHint': 'The code your authenticator app shows now',

  // Errors the guides name (student guide troubleshooting F and G; staff FAQ 7 and 11).
  'error.heading': 'Error',

  // Kiosk (DESIGN §6).
  'kiosk.title': 'Are you still there?',
  'kiosk.countdown': 'For your privacy this session will end in {n} seconds.',
  'kiosk.stay': "I'm still here",
  'kiosk.ended': 'Your session ended because there was no activity. Nothing from it was kept.',
  'kiosk.adminExit': 'Administrator: close this kiosk',
  'signIn.admin': 'Administrator sign-in',
  'firstRun.banner': 'This installation has no administrator yet. The first administrator creates the accounts everyone else uses.',
  'firstRun.start': 'Set up the first administrator',
  'firstRun.title': 'The first administrator',
  'firstRun.intro': 'You will be the first administrator (SA, LA and AO) of this installation. Choose your password now; next you set up your authenticator app.',
  'firstRun.login': 'Your login ID',
  'firstRun.loginHint': 'School staff: name@schools.gov.sg; HQ staff: name@hq.moe.gov.sg',
  'firstRun.name': 'Full name',
  'firstRun.kind': 'Account kind',
  'firstRun.location': 'Location code',
  'firstRun.locationHint': 'Your school or division code, e.g. 5521',
  'firstRun.workEmail': 'Work email (optional)',
  'firstRun.password': 'Password',
  'firstRun.confirm': 'Confirm password',
  'firstRun.scan': 'Scan this QR code with your authenticator app (Google Authenticator, Microsoft Authenticator or NetIQ Authenticator), or type the key, then enter the code it shows.',
  'firstRun.code': 'Code from the app',
  'firstRun.finish': 'Create and open the console',
  'admin.title': 'Administrator sign-in',
  'admin.text': 'School administrators (SA, LA, AO) sign in with their password and a code from their authenticator app. The console opens in its own window.',
  'admin.submit': 'Sign in',
  'admin.opened': 'The administration console has opened in a new window.',
  'console.title': 'Administration',
  'console.signedInAs': 'Signed in as {login} ({roles})',
  'console.tab.accounts': 'Accounts',
  'console.tab.import': 'Import',
  'console.tab.tokens': 'Hardware tokens',
  'console.tab.audit': 'Audit log',
  'console.any': 'Any',
  'console.kind.student': 'Student',
  'console.kind.school_staff': 'School staff',
  'console.kind.hq_staff': 'HQ staff',
  'console.state.active': 'Active',
  'console.state.locked': 'Locked',
  'console.state.temporary_password': 'Temporary password',
  'console.state.temporary_password_expired': 'Temporary password expired',
  'console.searchText': 'Login ID or name',
  'console.lockedOnly': 'Locked accounts only',
  'console.search': 'Search',
  'console.found': '{n} accounts found.',
  'console.accounts': 'Accounts',
  'console.select': 'Select {login}',
  'console.selectAll': 'Select all shown',
  'console.selectFirst': 'Select the accounts to reset first.',
  'console.resetSelected': 'Reset passwords of the selected accounts',
  'console.resetTitle': 'Reset passwords',
  'console.resetText': 'Give {n} account(s) a new temporary password? Their current passwords stop working at once, and each person must sign in with the new one and choose a new password.',
  'console.resetConfirm': 'Reset passwords',
  'console.resetOne': 'Reset password',
  'console.unlock': 'Unlock',
  'console.clearQuestions': 'Clear challenge questions',
  'console.clearQuestionsText': 'Clear this account\'s challenge questions? The person sets new ones at the next sign-in; until then Forgot Password? cannot help them.',
  'console.deleteAuthenticators': 'Delete authenticators',
  'console.deleteAuthenticatorsText': 'Delete every authenticator of this account (lost phone, or a shared account changing hands)? Hardware tokens become free again.',
  'console.done': 'Done.',
  'console.save': 'Save',
  'console.yes': 'Yes',
  'console.no': 'No',
  'console.never': 'Never',
  'console.since': 'Yes, since {at}',
  'console.until': 'Yes, until {at}',
  'console.authenticators': 'Authenticators',
  'console.noAuthenticators': 'No authenticators.',
  'console.col.login': 'Login ID',
  'console.col.name': 'Name',
  'console.col.kind': 'Kind',
  'console.col.level': 'Level',
  'console.col.location': 'Location',
  'console.col.state': 'State',
  'console.col.roles': 'Roles',
  'console.col.comment': 'Comment',
  'console.col.serial': 'Serial',
  'console.col.lastTest': 'Last test',
  'console.col.temporary': 'Temporary password',
  'console.col.expires': 'Expires',
  'console.col.line': 'Line',
  'console.col.reason': 'Reason',
  'console.col.digits': 'Digits',
  'console.col.boundTo': 'Bound to',
  'console.col.imported': 'Imported',
  'console.col.time': 'Time (UTC)',
  'console.col.actor': 'Actor',
  'console.col.subject': 'Subject',
  'console.col.event': 'Event',
  'console.col.outcome': 'Outcome',
  'console.col.detail': 'Detail',
  'console.fact.locked': 'Locked',
  'console.fact.temporary': 'Temporary password',
  'console.fact.questions': 'Challenge questions set',
  'console.fact.terms': 'Terms accepted',
  'console.fact.workEmail': 'Work email',
  'console.fact.lastSignIn': 'Last sign-in',
  'console.fact.passwordChanged': 'Password changed',
  'console.create': 'Create an account',
  'console.createSubmit': 'Create',
  'console.issued.title': 'New temporary passwords ({n})',
  'console.issued.once': 'These passwords are shown only now and on the slips. Hand each slip to its owner.',
  'console.issued.openSlips': 'Open the PDF slips',
  'console.issued.print': 'Print this list',
  'console.issued.saved': 'Slips saved to {path}',
  'console.issued.caption': 'Temporary passwords',
  'console.step1': 'Open the MIMS Portal and enter your login ID and the temporary password.',
  'console.step2': 'Choose three challenge questions and type your answers.',
  'console.step3': 'Choose a new password that meets every rule on the screen.',
  'console.step4': 'Read the terms and choose I understand.',
  'console.step5': 'Your apps appear. Keep your password secret.',
  'console.import.intro': 'Choose a CSV file with a header row naming the columns login, name, kind, level, location (and optionally work_email, generic, roles). Every row is checked before anything is imported.',
  'console.import.file': 'CSV file',
  'console.import.checked': '{rows} rows: {good} good, {bad} with problems.',
  'console.import.badRows': 'Rows that will not be imported',
  'console.import.start': 'Import {n} accounts',
  'console.import.progress': '{done} of {total} accounts, {rate} per second',
  'console.import.left': ', about {s} s left',
  'console.import.done': '{created} accounts created in {seconds} s.',
  'console.import.cancelled': 'Import cancelled: {created} of {rows} rows were created, each completely; the rest were not.',
  'console.tokens.file': 'Import a token seed file (CSV or PSKC)',
  'console.tokens.free': 'Free',
  'console.tokens.none': 'No hardware tokens have been imported.',
  'console.tokens.imported': '{n} tokens imported.',
  'console.audit.since': 'From',
  'console.audit.until': 'To',
  'console.audit.filter': 'Filter',
  'console.audit.export': 'Export to CSV',
  'console.audit.exported': 'Exported to {path}',
  'console.audit.open': 'Open the export',
  'console.audit.newer': 'Newer',
  'console.audit.older': 'Older',
  'console.audit.page': 'Events {from}–{to}',
  'console.audit.none': 'No events match.',
  'kiosk.adminTitle': 'Close the kiosk',
  'kiosk.adminText':
    'Only an administrator can close this computer lab kiosk. Sign in with your password and a code from your authenticator app.',
  'kiosk.adminLogin': 'Administrator login ID',
  'kiosk.adminPassword': 'Password',
  'kiosk.adminCode': 'Authenticator code',
  'kiosk.adminSubmit': 'Sign in and close',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

export const catalogues: Record<string, Catalogue> = { en };

let current: Catalogue = en;

export function setLanguage(code: string): void {
  current = catalogues[code] ?? en;
  document.documentElement.lang = code in catalogues ? code : 'en';
}

/** The text for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return current[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
