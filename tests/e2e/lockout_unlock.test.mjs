// Student guide troubleshooting E and section 2a steps 6–7 in the real window: five wrong
// passwords lock Chloe_Ng's account; Forgot Password?, her answers, Unlock Password; she signs in
// with the password she had and reaches the P1–3 dashboard (no Gmail). Then troubleshooting F:
// Faris_Ali has no challenge questions, so Forgot Password? ends on SSPR 5006 with Continue.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DEMO, startApp } from './lib.mjs';

const CHLOE = 'Chloe_Ng@students.edu.sg';
const FARIS = 'Faris_Ali@students.edu.sg';

let app;
before(async () => {
  app = await startApp('lockout_unlock');
});
after(async () => {
  await app?.close();
});

async function answerShownQuestions(wrong = false) {
  const inputs = await app.browser.$$('input[name="answers"]');
  for (const input of inputs) {
    const label = await app.browser.$(`label[for="${await input.getAttribute('id')}"]`).getText();
    const answer = DEMO.answers[label];
    assert.ok(answer, `a demo answer for "${label}"`);
    await input.setValue(wrong ? `${answer}-wrong` : answer);
  }
}

test('five wrong passwords lock the account and self-service unlock keeps the password', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  for (let i = 1; i <= 5; i++) {
    await app.fill('input[name="login"]', CHLOE);
    await app.fill('input[name="password"]', `Wrong-Guess-${i}`);
    await app.click('button[data-action="sign_in"]');
    if (i < 5) {
      await browser.waitUntil(async () => (await browser.$('.error-box').isExisting()), { timeout: 10000 });
      await app.screen('sign_in');
    }
  }
  await app.screen('account_locked');
  assert.match(await app.text('main'), /locked due to excessive incorrect login attempts/);
  await app.record('account_locked');

  await app.click('button[data-action="forgot_password"]');
  await app.screen('sspr_search');
  await app.fill('input[name="login"]', CHLOE);
  await app.record('sspr_search');
  await app.click('button[data-action="sspr_search"]');

  await app.screen('sspr_questions');
  assert.equal((await browser.$$('input[name="answers"]')).length, 2, 'students answer two of their three questions');
  await answerShownQuestions(true);
  await app.click('button[data-action="sspr_answer"]');
  await browser.waitUntil(async () => (await browser.$('.error-box').isExisting()), { timeout: 10000 });
  assert.match(await app.text('.error-box'), /One or more responses are not correct\. Please try again\./);
  await app.record('sspr_questions-incorrect');

  await answerShownQuestions();
  await app.click('button[data-action="sspr_answer"]');
  await app.screen('sspr_locked_choice');
  assert.match(await app.text('main'), /Unlock Password/);
  assert.match(await app.text('main'), /Change Password/);
  await app.record('sspr_locked_choice');
  await app.click('button[data-action="unlock_account"]');

  await app.screen('sign_in');
  assert.match(await app.text('.banner'), /Your account has been unlocked/);
  await app.record('sign_in-unlocked');
  await app.fill('input[name="login"]', CHLOE);
  await app.fill('input[name="password"]', DEMO.password);
  await app.click('button[data-action="sign_in"]');

  await app.screen('applications');
  await app.click('button[data-app="icon"]');
  await app.screen('dashboard');
  const apps = await browser.$$('.app-grid button[data-app]').map((b) => b.getAttribute('data-app'));
  assert.ok(apps.includes('classroom'));
  assert.ok(!apps.includes('gmail'), 'Primary 1 to 3 have no Gmail');
  await app.record('dashboard-p1_3');
  await app.click('button[data-action="sign_out"]');
  await app.screen('signed_out');
  await app.click('button[data-action="continue"]');
});

test('forgot password without challenge questions shows SSPR 5006 with Continue', async () => {
  await app.screen('sign_in');
  await app.click('button[data-action="forgot_password"]');
  await app.screen('sspr_search');
  await app.fill('input[name="login"]', FARIS);
  await app.click('button[data-action="sspr_search"]');
  await app.screen('error');
  assert.equal(await app.text('.error-code'), 'SSPR 5006');
  assert.match(await app.text('main'), /Challenge questions have not been defined for this user account/);
  await app.record('error-sspr_5006');
  await app.click('button[data-action="continue"]');
  await app.screen('sign_in');
});
