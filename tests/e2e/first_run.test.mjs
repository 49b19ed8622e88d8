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
  await app.fill('input[name="first_password"]', PASSWORD);
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
  await app.click('button[data-action="console_sign_out"]').catch(() => {});
  await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 1, { timeout: 10000 });
  await browser.switchToWindow(wizard);
  assert.doesNotMatch(await app.text('main'), /no administrator yet/);
});
