// Student guide section 2a, by keyboard alone: on the sign-in screen Chloe_Ng tabs to
// "Forgot Password?", searches for her ID, answers two of her questions, sets a new password
// under the checklist, and signs in with it. Every control is reached with Tab, shows a visible
// focus ring, and is used with Enter or Space — no mouse.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DEMO, startApp } from './lib.mjs';

const CHLOE = 'Chloe_Ng@students.edu.sg';
const NEW_PASSWORD = 'Kettle-Morning-Garden-58';

let app;
before(async () => {
  app = await startApp('forgotten_password');
  app.secret(NEW_PASSWORD);
});
after(async () => {
  await app?.close();
});

/** Presses Tab until `selector` has the focus (at most 40 times); checks the focus is visible. */
async function tabTo(selector) {
  const { browser } = app;
  for (let i = 0; i < 40; i++) {
    await browser.keys(['Tab']);
    const state = await browser.execute((sel) => {
      const el = document.activeElement;
      if (!el || !el.matches(sel)) return null;
      const style = getComputedStyle(el);
      return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow };
    }, selector);
    if (state) {
      assert.ok((state.outline !== 'none' && state.width >= 2) || state.shadow !== 'none', `${selector} shows its focus: ${JSON.stringify(state)}`);
      return;
    }
  }
  assert.fail(`${selector} cannot be reached with Tab`);
}

/** Tabs to `selector` and types `text` into it as key strokes (WebDriver Element Send Keys). */
async function type(selector, text) {
  await tabTo(selector);
  await (await app.browser.$(selector)).addValue(text);
}

test('text scaled to 200 % still fits the window without scrolling sideways', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  const fits = await browser.execute(() => {
    document.documentElement.style.fontSize = '200%';
    return document.documentElement.scrollWidth <= window.innerWidth;
  });
  await app.shot('sign_in-text-200');
  await browser.execute(() => document.documentElement.style.removeProperty('font-size'));
  assert.ok(fits, 'no horizontal scrolling at 200 % text');
});

test('a student resets a forgotten password with her challenge answers using the keyboard alone', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  await tabTo('button[data-action="forgot_password"]');
  await browser.keys(['Enter']);

  await app.screen('sspr_search');
  await type('input[name="login"]', CHLOE);
  await app.record('sspr_search');
  await browser.keys(['Enter']);

  await app.screen('sspr_questions');
  const inputs = await browser.$$('input[name="answers"]');
  assert.equal(inputs.length, 2, 'students answer two of their three questions');
  // Tab through the answers in order, typing each question's demo answer.
  for (let i = 0; i < inputs.length; i++) {
    const id = await inputs[i].getAttribute('id');
    const label = await browser.$(`label[for="${id}"]`).getText();
    await type(`#${id}`, DEMO.answers[label]);
  }
  await app.record('sspr_questions');
  await browser.keys(['Enter']);

  await app.screen('change_password');
  assert.match(await app.text('main'), /password/i);
  await type('input[name="new_password"]', NEW_PASSWORD);
  await browser.waitUntil(
    async () => {
      const oks = await browser.execute(() => [...document.querySelectorAll('li[data-rule]')].map((li) => li.dataset.ok));
      return oks.length > 0 && oks.every((ok) => ok === 'true');
    },
    { timeout: 5000, timeoutMsg: 'the checklist did not tick every rule' },
  );
  await type('input[name="confirm_password"]', NEW_PASSWORD);
  await app.record('change_password');
  await browser.keys(['Enter']);

  await browser.waitUntil(async () => ['password_changing', 'password_changed'].includes(await app.currentScreen()), { timeout: 10000 });
  await app.screen('password_changed');
  await app.record('password_changed');
  await tabTo('button[data-action="continue"]');
  await browser.keys(['Enter']);

  // Back at sign-in: the old password is refused, the new one works.
  await app.screen('sign_in');
  await type('input[name="login"]', CHLOE);
  await type('input[name="password"]', DEMO.password);
  await browser.keys(['Enter']);
  await browser.waitUntil(async () => (await browser.$('.error-box').isExisting()), { timeout: 10000 });
  await app.screen('sign_in');
  await (await browser.$('input[name="password"]')).clearValue();
  await type('input[name="password"]', NEW_PASSWORD);
  await browser.keys(['Enter']);
  await app.screen('applications');
  await app.record('applications');
});
