// Student guide section 1 end to end in the real window: the demo student Ada_Lim signs in with
// her temporary password, sets her challenge questions (with Go Back), changes her password with
// the checklist ticking live, accepts the terms and lands on the P4–6 dashboard.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADA as STUDENT, DEMO, startApp } from './lib.mjs';

const { login: ADA, newPassword: NEW_PASSWORD, questions: QUESTIONS } = STUDENT;

let app;
before(async () => {
  app = await startApp('first_sign_in');
});
after(async () => {
  await app?.close();
});

test('a student walks the first sign-in from the temporary password to the dashboard', async () => {
  const { browser } = app;

  await app.screen('sign_in');
  const interactiveMs = Date.now() - app.started;
  console.log(`sign-in interactive ${interactiveMs} ms after the session request`);
  // A short hint a child can read; the guide's whole paragraph behind "More help".
  assert.match(await app.text('#login-hint'), /Full_Name@students\.edu\.sg/);
  assert.equal(await browser.$('#login-hint-full').isDisplayed(), false, 'the long text waits behind More help');
  await app.record('sign_in');
  await app.click('summary[data-name="more_help"]');
  assert.match(await app.text('#login-hint-full'), /For Students, your MIMS login ID is <Full_Name>@students\.edu\.sg/);
  await app.record('sign_in-more_help');

  // Help from the header, over the page: what is typed stays, nobody's administrators are
  // listed before a sign-in, Escape closes it and focus returns to the Help button.
  await app.fill('input[name="login"]', ADA);
  await app.click('button[data-action="help_open"]');
  const help = await browser.$('dialog.help-dialog');
  await help.waitForDisplayed({ timeout: 5000 });
  assert.equal(await help.getAttribute('aria-labelledby'), 'help-title');
  const helpText = await help.getText();
  assert.match(helpText, /SSOE 2 Service Desk/);
  assert.match(helpText, /1800 7663 663/);
  assert.match(helpText, /help@schools\.gov\.sg/);
  assert.equal(await browser.$('.help-admins').isExisting(), false, 'no administrators for someone not signed in');
  await app.click('details[data-topic="authenticator_apps"] summary');
  assert.match(await help.getText(), /Google Authenticator app instead of Microsoft Authenticator app/);
  await app.record('help');
  await browser.keys(['Escape']);
  await browser.waitUntil(async () => !(await help.isDisplayed()), { timeout: 5000, timeoutMsg: 'Escape did not close the help' });
  assert.equal(await browser.execute(() => document.activeElement?.dataset.action), 'help_open', 'focus returns to Help');
  assert.equal(await browser.$('input[name="login"]').getValue(), ADA, 'the help does not redraw the page');

  // A wrong password: the guide's generic "Login failed" message, announced and focused.
  await app.fill('input[name="login"]', ADA);
  await app.fill('input[name="password"]', 'not-her-password');
  await app.click('button[data-action="sign_in"]');
  await browser.waitUntil(async () => (await browser.$('.error-box').isExisting()), { timeout: 10000 });
  assert.match(await app.text('.error-box'), /Login failed/);
  assert.equal(await browser.$('input[name="login"]').getValue(), ADA, 'the login ID is kept after an error');
  assert.equal(await browser.$('input[name="password"]').getValue(), '', 'the password is never kept');
  await browser.waitUntil(async () => /Login failed/.test(await browser.$('#announce-assertive').getProperty('textContent')), {
    timeout: 2000,
    timeoutMsg: 'the error was not announced',
  });
  await app.record('sign_in-login_failed');

  // Caps Lock on while typing a password: said under the field, gone when it is off.
  const capsWarning = (on) =>
    browser.execute((capsLock) => {
      const input = document.querySelector('input[name="password"]');
      input.dispatchEvent(new KeyboardEvent('keyup', { key: 'a', modifierCapsLock: capsLock, bubbles: true }));
      const warning = document.getElementById(`${input.id}-caps`);
      return warning.hidden ? null : warning.textContent;
    }, on);
  assert.equal(await capsWarning(true), 'Caps Lock is on.');
  await app.axe('sign_in-caps_lock');
  assert.equal(await capsWarning(false), null);

  await app.fill('input[name="password"]', DEMO.temporaryPassword);
  await app.click('button[data-action="sign_in"]');

  // Challenge questions, Go Back keeps the choice, then confirm.
  await app.screen('set_questions');
  const selects = await browser.$$('select[name="questions"]');
  const answers = await browser.$$('input[name="answers"]');
  assert.equal(selects.length, 3);
  // Answers are hidden as typed, with Show/Hide like a password.
  assert.equal(await answers[0].getAttribute('type'), 'password');
  await app.click('button[aria-label="Show answer"]');
  assert.equal(await answers[0].getAttribute('type'), 'text');
  for (const [i, [id, answer]] of QUESTIONS.entries()) {
    await selects[i].selectByAttribute('value', id);
    await answers[i].setValue(answer);
  }
  await app.record('set_questions');
  await app.click('button[data-action="set_questions"]');

  await app.screen('confirm_questions');
  const confirmText = await app.text('main');
  for (const [, answer] of QUESTIONS) assert.ok(confirmText.includes(answer), `confirm shows ${answer}`);
  await app.record('confirm_questions');
  await app.click('button[data-action="go_back"]');

  await app.screen('set_questions');
  assert.equal(await (await browser.$$('select[name="questions"]'))[2].getValue(), 'favourite_book', 'Go Back keeps the choice');
  await app.click('button[data-action="set_questions"]');
  await app.screen('confirm_questions');
  await app.click('button[data-action="confirm_questions"]');

  await app.screen('questions_saved');
  await app.record('questions_saved');
  await app.click('button[data-action="continue"]');

  // The checklist ticks as she types; the core judges every rule.
  await app.screen('change_password');
  await app.record('change_password');
  const newPassword = await browser.$('input[name="new_password"]');
  await newPassword.setValue('Tulip');
  await browser.waitUntil(async () => (await browser.$('li[data-rule="first_not_symbol"]').getAttribute('data-ok')) === 'true', {
    timeout: 5000,
    timeoutMsg: 'the checklist did not update',
  });
  assert.equal(await browser.$('li[data-rule="min_length"]').getAttribute('data-ok'), 'false');
  await newPassword.setValue(NEW_PASSWORD);
  await browser.waitUntil(
    async () => {
      const oks = await browser.execute(() => [...document.querySelectorAll('li[data-rule]')].map((li) => li.dataset.ok));
      return oks.length > 0 && oks.every((ok) => ok === 'true');
    },
    { timeout: 5000, timeoutMsg: 'not every rule ticked for a good password' },
  );
  await app.click('input[name="new_password"] ~ button');
  assert.equal(await newPassword.getAttribute('type'), 'text', 'Show reveals the password');
  await app.fill('input[name="confirm_password"]', NEW_PASSWORD);
  await app.record('change_password-ticked');
  await app.click('input[name="new_password"] ~ button');
  assert.equal(await newPassword.getAttribute('type'), 'password', 'Hide masks it again');

  // "Please Wait" with a progress bar, then the window continues by itself.
  await app.click('button[data-action="change_password"]');
  await browser.waitUntil(async () => ['password_changing', 'password_changed'].includes(await app.currentScreen()), { timeout: 10000 });
  if ((await app.currentScreen()) === 'password_changing') {
    assert.ok(await browser.$('progress').isExisting(), 'a progress bar shows');
    await app.shot('password_changing');
  }
  await app.screen('password_changed');
  await app.record('password_changed');
  await app.click('button[data-action="continue"]');

  await app.screen('applications');
  await app.record('applications');
  await app.click('button[data-app="icon"]');

  await app.screen('terms');
  assert.match(await app.text('h1'), /Welcome to your new account/);
  assert.ok((await app.text('main')).includes(`Welcome to your new account: ${ADA}.`));
  await app.record('terms');
  await app.click('button[data-action="accept_terms"]');

  // P4–6: Gmail restricted to the listed domains, Chat disabled note.
  await app.screen('dashboard');
  const dashboard = await app.text('main');
  assert.ok(dashboard.includes('Gmail'));
  assert.match(dashboard, /Mail only to @students\.edu\.sg/);
  assert.match(dashboard, /Google Chat app has been disabled/);
  // Each app its own icon, named for screen readers.
  const icons = await browser.execute(() =>
    [...document.querySelectorAll('.app-grid button[data-app]')].map((b) => {
      const icon = b.querySelector('.tile-icon');
      return [b.dataset.app, icon?.dataset.icon ?? null, icon?.getAttribute('aria-label') ?? icon?.getAttribute('alt') ?? null];
    }),
  );
  assert.ok(icons.length > 0);
  for (const [id, glyph, label] of icons) {
    assert.equal(glyph, id, `${id} has its own bundled icon`);
    assert.ok(label, `${id}'s icon has a text alternative`);
  }

  // Signed in, the help names her school's Student Administrators.
  await app.click('button[data-action="help_open"]');
  await browser.$('dialog.help-dialog').waitForDisplayed({ timeout: 5000 });
  assert.ok(await browser.$('.help-admins').isExisting(), 'a signed-in pupil is told who her SA is');
  await app.shot('help-signed_in');
  await app.click('button[data-action="help_close"]');
  await app.record('dashboard');

  await app.click('button[data-action="sign_out"]');
  await app.screen('signed_out');
  await app.record('signed_out');
});
