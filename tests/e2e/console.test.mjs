// The administrators' console in its own window: the demo administrator signs in from the
// sign-in screen with her password and an oathtool code; resets two students at once and gets
// their PDF slips (checked with pdftotext); unlocks a locked student after a confirmation;
// the school year: edits a student's class, disables and enables a student, resets a whole
// class, previews and applies a year-end promotion (P1–3 → P4–6 gains Gmail), deletes an
// account, creates a staff account with a role (each checked in the audit table); imports a
// CSV with bad rows (listed with line numbers, progress shown, good rows created); filters the
// audit log to find her actions and exports it. Then a student signs in to the wizard with a
// temporary password from the slips.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ADMIN, auditRows, DEMO, oathtool, ROOT, startApp, windowSize } from './lib.mjs';

let app;
let wizardWindow;
before(async () => {
  app = await startApp('console');
});
after(async () => {
  await app?.close();
});

async function toConsole() {
  const { browser } = app;
  await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, {
    timeout: 15000,
    timeoutMsg: 'the console window did not open',
  });
  const handles = await browser.getWindowHandles();
  await browser.switchToWindow(handles.find((h) => h !== wizardWindow));
  // GATEHOUSE_E2E_WINDOW=1024x768: the console at a smaller screen's size (its own default is
  // larger than such a screen, and Xvfb has no window manager to fit it).
  const size = windowSize();
  if (size) await browser.setWindowSize(size.width, size.height);
  await browser.waitUntil(async () => (await browser.$('main').getAttribute('aria-busy')) === 'false', { timeout: 10000 });
}

async function statusText() {
  return app.text('main .console-status');
}

/** Opens an account from the list; scrolled to the middle first, so the list's sticky header
 * row does not cover it in a small window. */
async function openAccount(login) {
  const link = await app.browser.$(`button[data-login="${login}"]`);
  await link.waitForExist({ timeout: 10000 });
  await link.scrollIntoView({ block: 'center' });
  await app.click(`button[data-login="${login}"]`);
  await app.browser.$('section.account').waitForDisplayed();
}

/** The cells of the accounts list's row for `login`, as text. */
async function row(login) {
  return app.browser.execute(
    (l) => [...document.querySelectorAll('main .results tbody tr')].find((tr) => tr.cells[1].textContent === l)?.innerText.split('\t') ?? null,
    login,
  );
}

/** Audit rows of one subject and event, as [actor, subject, event, outcome, detail]. */
function audited(subject, event) {
  return auditRows(app.dataDir, `subject = '${subject}' AND event = '${event}'`);
}

/** The account page's facts, label → value. */
async function facts() {
  return app.browser.execute(() =>
    Object.fromEntries([...document.querySelectorAll('section.account dl dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),
  );
}

async function search({ text = '', klass = '' } = {}) {
  for (const [name, value] of [['text', text], ['class', klass]]) {
    const input = await app.browser.$(`input[name="${name}"]`);
    await input.clearValue();
    if (value) await input.setValue(value);
  }
  // Cleared first, so the wait below sees this search's answer, not the last one's.
  await app.browser.execute(() => (document.querySelector('main .console-status').textContent = ''));
  await app.click('button[data-action="search"]');
  await app.browser.waitUntil(async () => /accounts? found/.test(await statusText()), { timeout: 10000 });
}

test('the demo administrator signs in with a code and the console opens in its own window', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  wizardWindow = await browser.getWindowHandle();
  await app.click('button[data-action="admin_sign_in_open"]');
  await app.fill('input[name="admin_login"]', ADMIN.login);
  await app.fill('input[name="admin_password"]', DEMO.password);
  // A security key instead of the code: this administrator has none, and the dialog says so.
  await app.click('button[data-action="admin_sign_in_key"]');
  await browser.waitUntil(async () => /No security key has passed a test/.test(await app.text('dialog.admin-sign-in')), { timeout: 10000 });
  await app.fill('input[name="admin_password"]', DEMO.password);
  await app.fill('input[name="admin_code"]', oathtool(ADMIN.totpSecret));
  await app.record('admin_sign_in');
  await app.click('button[data-action="admin_sign_in"]');
  await toConsole();
  assert.match(await app.text('header'), /Signed in as Irene_Tan@schools\.gov\.sg \(SA, LA\)/);
  await browser.waitUntil(async () => (await browser.$$('button[data-login]')).length > 0, { timeout: 10000 });
  await app.record('console_accounts');
});

test('resetting selected students gives each a temporary password and PDF slips naming them', async () => {
  const { browser } = app;
  for (const login of ['Ada_Lim@students.edu.sg', 'Ben_Tan@students.edu.sg']) {
    await app.click(`input[name="selected"][value="${login}"]`);
  }
  await app.click('button[data-action="reset_selected"]');
  await browser.$('dialog.console-confirm').waitForDisplayed();
  await app.record('reset_confirm');
  await app.click('dialog.console-confirm button[data-action="confirm"]');
  await browser.$('section.issued').waitForDisplayed({ timeout: 15000 });
  const issued = Object.fromEntries(
    await browser.execute(() =>
      [...document.querySelectorAll('section.issued tbody tr')].map((tr) => [tr.cells[1].textContent, tr.cells[2].textContent]),
    ),
  );
  const passwords = Object.values(issued);
  passwords.forEach((p) => app.secret(p));
  assert.equal(passwords.length, 2);
  await app.record('reset_issued');
  const saved = (await app.text('section.issued .hint')).replace(/^Slips saved to /, '');
  assert.ok(saved.startsWith(path.join(app.dataDir, 'exports')), saved);
  assert.ok(existsSync(saved));
  const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' });
  for (const login of ['Ada_Lim@students.edu.sg', 'Ben_Tan@students.edu.sg']) assert.ok(text.includes(login), `the slips name ${login}`);
  for (const p of passwords) assert.ok(text.includes(p), 'the slips carry the temporary passwords');
  app.issuedForAda = issued['Ada_Lim@students.edu.sg'];
});

test('unlocking a locked student is confirmed by the account page', async () => {
  const { browser } = app;
  await openAccount('Dev_Kumar@students.edu.sg');
  assert.match(await app.text('section.account'), /Locked/);
  await app.record('account_locked');
  await app.click('button[data-action="unlock"]');
  await browser.waitUntil(async () => !(await app.text('section.account dl')).includes('Yes, since'), { timeout: 10000 });
  await app.record('account_unlocked');
});

test('another administrator\'s account is shown but offers no action: only the operator changes it', async () => {
  const { browser } = app;
  await openAccount('Grace_Lee@schools.gov.sg');
  assert.match(await app.text('section.account'), /This is an administrator account \(SA, LA\)/);
  for (const action of ['reset_password', 'unlock', 'delete_authenticators', 'request_transfer', 'set_work_email', 'disable', 'enable', 'delete_account', 'edit_save']) {
    assert.equal(await browser.$(`section.account button[data-action="${action}"]`).isExisting(), false, action);
  }
  assert.equal(await browser.$('input[name="selected"][value="Grace_Lee@schools.gov.sg"]').getAttribute('disabled'), 'true');
  await app.record('administrator_account');
});

test('a local administrator requests a staff member\'s transfer to another location', async () => {
  const { browser } = app;
  await openAccount('Henry_Wong@hq.moe.gov.sg');
  await app.fill('input[name="to_location"]', 'DEMO02');
  await app.click('button[data-action="request_transfer"]');
  await browser.waitUntil(async () => /Transfer to DEMO02 requested/.test(await statusText()), { timeout: 10000 });
  await app.record('transfer_requested');
  // Irene is SA and LA, not AO: she has no transfers to decide.
  assert.equal(await browser.$('button[data-section="transfers"]').isExisting(), false);
});

test('editing a student\'s class is shown on the account page and in the list\'s Class column', async () => {
  const { browser } = app;
  await openAccount('Chloe_Ng@students.edu.sg');
  assert.equal((await facts()).Class, '2B');
  await app.click('section.account details.edit summary');
  await app.fill('input[name="edit_class"]', '3B');
  await app.record('account_edit');
  await app.click('button[data-action="edit_save"]');
  await browser.waitUntil(async () => /Changes saved/.test(await statusText()), { timeout: 10000 });
  assert.equal((await facts()).Class, '3B');
  assert.equal((await row('Chloe_Ng@students.edu.sg'))[5], '3B');
  const [edit] = audited('Chloe_Ng@students.edu.sg', 'account_updated');
  assert.deepEqual(edit.slice(0, 4), [ADMIN.login, 'Chloe_Ng@students.edu.sg', 'account_updated', 'ok']);
  assert.equal(edit[4], 'class 2B → 3B');
  await app.record('account_edited');
});

test('disabling a student is confirmed and shown as Disabled; enabling gives the account back; both audited', async () => {
  const { browser } = app;
  // The demo's own disabled student is shown as such in the list.
  assert.equal((await row('Gus_Tay@students.edu.sg'))[7], 'Disabled');
  const faris = 'Faris_Ali@students.edu.sg';
  await openAccount(faris);
  await app.click('button[data-action="disable"]');
  await browser.$('dialog.console-confirm').waitForDisplayed();
  assert.match(await app.text('dialog.console-confirm'), /Disable Faris_Ali@students\.edu\.sg\?/);
  await app.record('disable_confirm');
  await app.click('dialog.console-confirm button[data-action="confirm"]');
  await browser.waitUntil(async () => /The account is disabled/.test(await statusText()), { timeout: 10000 });
  assert.equal((await facts()).State, 'Disabled');
  assert.equal((await facts()).Disabled, 'Yes');
  assert.equal((await row(faris))[7], 'Disabled');
  await app.record('account_disabled');
  await app.click('button[data-action="enable"]');
  await browser.$('dialog.console-confirm').waitForDisplayed();
  await app.click('dialog.console-confirm button[data-action="confirm"]');
  await browser.waitUntil(async () => /The account is enabled again/.test(await statusText()), { timeout: 10000 });
  assert.equal((await facts()).State, 'Active');
  assert.equal(audited(faris, 'account_disabled').length, 1);
  assert.equal(audited(faris, 'account_enabled').length, 1);
  assert.equal(audited(faris, 'account_enabled')[0][0], ADMIN.login);
});

test('a whole class is reset from a class search: each of its students gets a temporary password and a slip', async () => {
  const { browser } = app;
  await search({ klass: 'Sec 3 Integrity' });
  const listed = await browser.execute(() => [...document.querySelectorAll('main .results tbody tr')].map((tr) => tr.cells[1].textContent));
  assert.deepEqual(listed.sort(), ['Ben_Tan@students.edu.sg', 'Eve_Goh@students.edu.sg']);
  await app.click('button[data-action="reset_class"]');
  await browser.$('dialog.console-confirm').waitForDisplayed();
  assert.match(await app.text('dialog.console-confirm'), /every student of class Sec 3 Integrity at your location/);
  await app.record('reset_class_confirm');
  await app.click('dialog.console-confirm button[data-action="confirm"]');
  await browser.$('section.issued').waitForDisplayed({ timeout: 15000 });
  const issued = await browser.execute(() =>
    [...document.querySelectorAll('section.issued tbody tr')].map((tr) => [tr.cells[1].textContent, tr.cells[2].textContent]),
  );
  issued.forEach(([, p]) => app.secret(p));
  assert.deepEqual(issued.map(([l]) => l).sort(), ['Ben_Tan@students.edu.sg', 'Eve_Goh@students.edu.sg']);
  const saved = (await app.text('section.issued .hint')).replace(/^Slips saved to /, '');
  const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' });
  for (const [login, p] of issued) assert.ok(text.includes(login) && text.includes(p), `the class's slips carry ${login}`);
  await app.record('reset_class_issued');
  await search();
});

test('a year-end promotion is previewed with the apps each student gains, then applied as previewed', async () => {
  const { browser } = app;
  await app.click('button[data-section="year"]');
  await app.fill('input[name="promote_class"]', '3B');
  await (await browser.$('select[name="promote_to_level"]')).selectByAttribute('value', 'p4_6');
  await app.click('input[name="promote_next_class"]');
  await app.click('button[data-action="promote_preview"]');
  await browser.$('main .promotion table').waitForDisplayed({ timeout: 10000 });
  const previewed = await browser.execute(() => [...document.querySelectorAll('main .promotion tbody tr')].map((tr) => tr.innerText.split('\t')));
  assert.equal(previewed.length, 1);
  assert.deepEqual(previewed[0].slice(0, 4), ['Chloe_Ng@students.edu.sg', 'Chloe Ng', 'Primary 1–3, 3B', 'Primary 4–6, 4B']);
  assert.match(previewed[0][4], /^Gains .*\bGmail\b/, 'P1–3 → P4–6 adds Gmail');
  assert.equal(audited('Chloe_Ng@students.edu.sg', 'account_promoted').length, 0, 'a preview changes nothing');
  await app.record('promote_preview');
  await app.click('button[data-action="promote_apply"]');
  await browser.$('dialog.console-confirm').waitForDisplayed();
  await app.click('dialog.console-confirm button[data-action="confirm"]');
  await browser.waitUntil(async () => /1 student moved/.test(await app.text('main .promotion h2')), { timeout: 10000 });
  await app.record('promote_applied');
  const [promoted] = audited('Chloe_Ng@students.edu.sg', 'account_promoted');
  assert.match(promoted[4], /level p1_3 → p4_6, class 3B → 4B/);
  await app.click('button[data-section="accounts"]');
  await browser.waitUntil(async () => (await row('Chloe_Ng@students.edu.sg')) !== null, { timeout: 10000 });
  assert.deepEqual((await row('Chloe_Ng@students.edu.sg')).slice(4, 6), ['Primary 4–6', '4B']);
});

test('deleting an account names it in the confirmation; it leaves the list and its history stays in the audit', async () => {
  const { browser } = app;
  const gus = 'Gus_Tay@students.edu.sg';
  await openAccount(gus);
  await app.click('button[data-action="delete_account"]');
  await browser.$('dialog.console-confirm').waitForDisplayed();
  assert.match(await app.text('dialog.console-confirm'), /Delete Gus_Tay@students\.edu\.sg \(Gus Tay\)\?.*The audit log keeps its history\./s);
  await app.record('delete_confirm');
  await app.click('dialog.console-confirm button[data-action="confirm"]');
  await browser.waitUntil(async () => /Gus_Tay@students\.edu\.sg was deleted/.test(await statusText()), { timeout: 10000 });
  assert.equal(await row(gus), null);
  assert.equal(await browser.$('section.account').isExisting(), false, 'the detail pane is gone with the account');
  assert.equal(audited(gus, 'account_deleted').length, 1);
  await app.record('account_deleted');
});

test('a staff account is created with a role and a work email; a student\'s fields are not offered for it', async () => {
  const { browser } = app;
  await app.click('details.create summary');
  await app.fill('input[name="new_login"]', 'Kim_Ong@schools.gov.sg');
  await app.fill('input[name="new_name"]', 'Kim Ong');
  await (await browser.$('select[name="new_kind"]')).selectByAttribute('value', 'school_staff');
  assert.equal(await browser.$('input[name="new_class"]').isDisplayed(), false);
  await app.fill('input[name="new_location"]', 'DEMO01');
  await app.fill('input[name="new_work_email"]', 'kim.ong@ces.gov.sg');
  await app.click('input[name="new_roles"][value="la"]');
  await app.record('create_staff');
  await app.click('button[data-action="create"]');
  await browser.$('details.create section.issued').waitForDisplayed({ timeout: 15000 });
  app.secret(await app.text('details.create section.issued code.secret'));
  await search({ text: 'Kim_Ong' });
  await openAccount('Kim_Ong@schools.gov.sg');
  assert.equal((await facts()).Roles, 'LA');
  assert.equal((await facts())['Work email'], 'kim.ong@ces.gov.sg');
  await search();
});

test('an import lists the bad rows by line, shows progress and creates the good rows', async () => {
  const { browser } = app;
  const rows = ['login,name,kind,level,location'];
  for (let i = 1; i <= 30; i++) rows.push(`Student_${i}@students.edu.sg,Student Number ${i},student,p4_6,DEMO01`);
  rows.splice(5, 0, 'not-a-login,Bad Row,student,p4_6,DEMO01');
  rows.splice(9, 0, 'Staff_Person@students.edu.sg,Wrong Kind,teacher,,DEMO01');
  const file = path.join(app.tmp, 'class.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);

  await app.click('button[data-section="import"]');
  await (await browser.$('input[name="csv_file"]')).setValue(file);
  await browser.$('button[data-action="import_start"]').waitForDisplayed({ timeout: 10000 });
  const summary = await app.text('main .import-summary');
  assert.match(summary, /32 rows: 30 good, 2 with problems/);
  const bad = await browser.execute(() => [...document.querySelectorAll('main table tbody tr')].map((tr) => tr.cells[0].textContent));
  assert.deepEqual(bad, ['6', '10'], 'the bad rows by line (the header is line 1)');
  await app.record('import_checked');
  await app.click('button[data-action="import_start"]');
  await browser.waitUntil(async () => (await browser.$('main progress').getAttribute('value')) !== '0', { timeout: 20000, interval: 50 });
  await app.shot('import_progress');
  await browser.$('section.issued').waitForDisplayed({ timeout: 60000 });
  assert.match(await app.text('main .import-result .import-summary'), /30 accounts created/);
  await app.record('import_done');
});

test('the hardware tokens tab imports a vendor\'s seed file and lists the stock', async () => {
  const { browser } = app;
  await app.click('button[data-section="tokens"]');
  const file = path.join(app.tmp, 'tokens.csv');
  // RFC 4226's test secret and another, as a token vendor's CSV ships them.
  const secrets = ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ'];
  // Sealed in the database: the walk's scan fails on either found in clear.
  secrets.forEach((s) => app.secret(s));
  writeFileSync(file, `serial,secret\nGALT-0001,${secrets[0]}\nGALT-0002,${secrets[1]}\n`);
  await (await browser.$('input[name="token_file"]')).setValue(file);
  const status = () => app.text('section[aria-labelledby="tokens-title"] .console-status');
  await browser.waitUntil(async () => /2 tokens imported/.test(await status()), {
    timeout: 10000,
    timeoutMsg: `the import did not say so: ${await status().catch(() => '')}`,
  });
  await browser.waitUntil(async () => /GALT-0002/.test(await app.text('main')), { timeout: 10000 });
  await app.record('tokens');
});

test('an encrypted PSKC file is imported with its passphrase, typed before the file is chosen', async () => {
  const { browser } = app;
  // RFC 6030's figure 7: PBKDF2 from the passphrase "qwerty", AES-128-CBC, HMAC-SHA1.
  const figure7 = path.join(ROOT, 'crates/core/tests/pskc/rfc6030-figure7.pskcxml');
  const status = () => app.text('section[aria-labelledby="tokens-title"] .console-status');
  await app.fill('input[name="token_passphrase"]', 'QWERTY');
  await (await browser.$('input[name="token_file"]')).setValue(figure7);
  await browser.waitUntil(async () => /does not open|MAC does not match/.test(await status()), {
    timeout: 10000,
    timeoutMsg: `a wrong passphrase was not refused: ${await status().catch(() => '')}`,
  });
  assert.equal(await browser.$('input[name="token_passphrase"]').getValue(), '', 'the passphrase does not stay on the page');
  await app.fill('input[name="token_passphrase"]', 'qwerty');
  await (await browser.$('input[name="token_file"]')).setValue(figure7);
  await browser.waitUntil(async () => /1 token imported/.test(await status()), {
    timeout: 10000,
    timeoutMsg: `the import did not say so: ${await status().catch(() => '')}`,
  });
  await browser.waitUntil(async () => /987654321/.test(await app.text('main')), { timeout: 10000 });
  await app.record('tokens-encrypted');
});

test('the audit log finds the administrator\'s actions and exports them', async () => {
  const { browser } = app;
  await app.click('button[data-section="audit"]');
  await app.fill('input[name="subject"]', 'Dev_Kumar@students.edu.sg');
  await app.click('button[data-action="audit_filter"]');
  await browser.waitUntil(async () => /unlock/.test(await app.text('main table')), { timeout: 10000 });
  assert.match(await app.text('main table'), /Irene_Tan@schools\.gov\.sg/);
  await app.record('audit_filtered');
  await app.click('button[data-action="audit_export"]');
  await browser.waitUntil(async () => /Exported to /.test(await statusText()), { timeout: 10000 });
  const file = (await statusText()).replace(/^Exported to /, '');
  assert.ok(existsSync(file), file);
});

test('a student signs in to the wizard with the temporary password from the slips', async () => {
  const { browser } = app;
  // Signing out closes the window under the click, which WebDriver may report as an error.
  await app.click('button[data-action="console_sign_out"]').catch(() => {});
  await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 1, { timeout: 10000 });
  await browser.switchToWindow(wizardWindow);
  await app.screen('sign_in');
  await app.fill('input[name="login"]', 'Ada_Lim@students.edu.sg');
  await app.fill('input[name="password"]', app.issuedForAda);
  await app.click('button[data-action="sign_in"]');
  await app.screen('set_questions');
});
