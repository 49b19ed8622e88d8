// The administrators' console in its own window: the demo administrator signs in from the
// sign-in screen with her password and an oathtool code; resets two students at once and gets
// their PDF slips (checked with pdftotext); unlocks a locked student after a confirmation;
// imports a CSV with bad rows (listed with line numbers, progress shown, good rows created);
// filters the audit log to find her actions and exports it. Then a student signs in to the
// wizard with a temporary password from the slips.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ADMIN, DEMO, oathtool, startApp } from './lib.mjs';

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
  await browser.waitUntil(async () => (await browser.$('main').getAttribute('aria-busy')) === 'false', { timeout: 10000 });
}

async function statusText() {
  return app.text('main .console-status');
}

test('the demo administrator signs in with a code and the console opens in its own window', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  wizardWindow = await browser.getWindowHandle();
  await app.click('button[data-action="admin_sign_in_open"]');
  await app.fill('input[name="admin_login"]', ADMIN.login);
  await app.fill('input[name="admin_password"]', DEMO.password);
  await app.fill('input[name="admin_code"]', oathtool(ADMIN.totpSecret));
  await app.record('admin_sign_in');
  await app.click('button[data-action="admin_sign_in"]');
  await toConsole();
  assert.match(await app.text('header'), /Signed in as Irene_Tan@schools\.gov\.sg \(SA, LA\)/);
  await browser.waitUntil(async () => (await browser.$$('button[data-login]')).length > 0, { timeout: 10000 });
  await app.record('console_accounts');
});

test('a class reset gives each student a temporary password and PDF slips naming them', async () => {
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
  await app.click('button[data-login="Dev_Kumar@students.edu.sg"]');
  await browser.$('section.account').waitForDisplayed();
  assert.match(await app.text('section.account'), /Locked/);
  await app.record('account_locked');
  await app.click('button[data-action="unlock"]');
  await browser.waitUntil(async () => !(await app.text('section.account dl')).includes('Yes, since'), { timeout: 10000 });
  await app.record('account_unlocked');
});

test('another administrator\'s account is shown but offers no action: only the operator changes it', async () => {
  const { browser } = app;
  await app.click('button[data-login="Grace_Lee@schools.gov.sg"]');
  await browser.$('section.account').waitForDisplayed();
  assert.match(await app.text('section.account'), /This is an administrator account \(SA, LA\)/);
  for (const action of ['reset_password', 'unlock', 'delete_authenticators', 'request_transfer', 'set_work_email']) {
    assert.equal(await browser.$(`section.account button[data-action="${action}"]`).isExisting(), false, action);
  }
  assert.equal(await browser.$('input[name="selected"][value="Grace_Lee@schools.gov.sg"]').getAttribute('disabled'), 'true');
  await app.record('administrator_account');
});

test('a local administrator requests a staff member\'s transfer to another location', async () => {
  const { browser } = app;
  await app.click('button[data-login="Henry_Wong@hq.moe.gov.sg"]');
  await browser.$('section.account').waitForDisplayed();
  await app.fill('input[name="to_location"]', 'DEMO02');
  await app.click('button[data-action="request_transfer"]');
  await browser.waitUntil(async () => /Transfer to DEMO02 requested/.test(await statusText()), { timeout: 10000 });
  await app.record('transfer_requested');
  // Irene is SA and LA, not AO: she has no transfers to decide.
  assert.equal(await browser.$('button[data-section="transfers"]').isExisting(), false);
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
