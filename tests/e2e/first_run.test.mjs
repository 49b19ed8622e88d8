// The first run of an empty install (no --demo): the sign-in screen offers to set up the first
// administrator; their details and password, then the QR code and a code from oathtool create
// them, and the console opens with the SA, LA and AO roles.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { oathtool, startApp } from './lib.mjs';

const MARY = 'Mary_Lim@schools.gov.sg';
const PASSWORD = 'Quiet-Harbour-Lamp-93';

let app;
before(async () => {
  // The data key in a file: this test's D-Bus session has no keyring (the Rust tests use one).
  app = await startApp('first_run', { demo: false, config: '[secrets]\nkey_store = "file"\n' });
});
after(async () => {
  await app?.close();
});

test('an empty install creates its first administrator with a tested authenticator', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  assert.match(await app.text('main'), /no administrator yet/);
  await app.record('sign_in-first_run');
  const wizard = await browser.getWindowHandle();
  await app.click('button[data-action="first_run_open"]');

  await app.fill('input[name="first_login"]', MARY);
  await app.fill('input[name="first_name"]', 'Mary Lim');
  await app.fill('input[name="first_location"]', '5521');
  // The same live checklist as change_password, judged by the core against the ID and name.
  await app.fill('input[name="first_password"]', 'Mary-Lim');
  await browser.waitUntil(
    async () => (await browser.$('dialog.first-run li[data-rule="no_name_parts"]').getAttribute('data-ok')) === 'false'
      && (await browser.$('dialog.first-run li[data-rule="first_not_symbol"]').getAttribute('data-ok')) === 'true',
    { timeout: 5000, timeoutMsg: 'the first administrator\'s checklist did not update' },
  );
  assert.equal(await browser.$('dialog.first-run li[data-rule="min_length"]').getAttribute('data-ok'), 'false');
  await app.record('first_run-checklist');
  await app.fill('input[name="first_password"]', PASSWORD);
  await browser.waitUntil(
    async () => (await browser.execute(() => [...document.querySelectorAll('dialog.first-run li[data-rule]')].every((li) => li.dataset.ok === 'true'))),
    { timeout: 5000, timeoutMsg: 'a good password did not tick every rule' },
  );
  await app.fill('input[name="first_confirm"]', 'Quiet-Harbour-Lamp-94');
  await app.click('button[data-action="first_run_next"]');
  await browser.waitUntil(async () => /not the same/.test(await app.text('#first-run-error')), { timeout: 10000 });
  await app.fill('input[name="first_password"]', PASSWORD);
  await app.fill('input[name="first_confirm"]', PASSWORD);
  await app.record('first_run-details');
  await app.click('button[data-action="first_run_next"]');

  await browser.$('dialog.first-run code[data-secret]').waitForDisplayed({ timeout: 10000 });
  const secret = (await app.text('dialog.first-run code[data-secret]')).replaceAll(' ', '');
  app.secret(secret);
  await app.record('first_run-enrol');
  await app.fill('input[name="first_code"]', oathtool(secret));
  await app.click('button[data-action="first_run_finish"]');

  await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, { timeout: 15000, timeoutMsg: 'no console window' });
  await browser.switchToWindow((await browser.getWindowHandles()).find((h) => h !== wizard));
  await browser.waitUntil(async () => /Signed in as Mary_Lim@schools\.gov\.sg \(SA, LA, AO\)/.test(await app.text('header')), { timeout: 10000 });
  await app.record('console');
  // Help from the console's header: the service desk and the staff guide's answers.
  await app.click('button[data-action="help_open"]');
  await browser.$('dialog.help-dialog').waitForDisplayed({ timeout: 5000 });
  assert.match(await app.text('dialog.help-dialog'), /SSOE 2 Service Desk/);
  await app.record('console-help');
  await app.click('button[data-action="help_close"]');
  // As AO she decides transfers to her location: the tab is offered (none are waiting yet).
  await app.click('button[data-section="transfers"]');
  await browser.$('#transfers-title').waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await app.text('main')).includes('No transfer'), { timeout: 10000 });
  await app.record('console-transfers');
  await app.click('button[data-action="console_sign_out"]').catch(() => {});
  await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 1, { timeout: 10000 });
  await browser.switchToWindow(wizard);
  assert.doesNotMatch(await app.text('main'), /no administrator yet/);
});
