// The guides in each of the four languages (issue 16), in the real window at a small laptop's
// 1024x768: a student's first sign-in, a forgotten password, a staff member's 2FA set-up and
// the administrators' console. The kiosk's language (`[locale] default_language`) is the one
// under test, and the walk also switches it with the selector on the sign-in screen. Every
// screen is checked in that language: the page's `lang`, no text past its box (also at 200 %
// text), every character in an installed font, axe-core; a screenshot of each goes to
// tests/e2e/screenshots/languages-<language>/ (target/e2e-WxH/… at another size).
//
// `make e2e-languages` runs it for all four; GATEHOUSE_E2E_LANGUAGES=ta,ms picks some.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ADMIN, DEMO, mailedOtp, oathtool, startApp } from '../lib.mjs';

const LANGUAGES = (process.env.GATEHOUSE_E2E_LANGUAGES ?? 'en,zh-Hans,ms,ta').split(',').filter(Boolean);
const QUESTIONS = [
  ['favourite_colour', 'yellow'],
  ['favourite_animal', 'hamster'],
  ['favourite_book', 'The Good Earth'],
];

/** Waits until the rules of the password checklist all tick. */
async function allRulesTick(browser) {
  await browser.waitUntil(
    async () => {
      const oks = await browser.execute(() => [...document.querySelectorAll('li[data-rule]')].map((li) => li.dataset.ok));
      return oks.length > 0 && oks.every((ok) => ok === 'true');
    },
    { timeout: 5000, timeoutMsg: 'not every rule ticked for a good password' },
  );
}

/** The answers of the questions on the page, from the demo's answers by each label's position. */
async function answerQuestions(app) {
  const { browser } = app;
  // The labels are in the page's language: the demo's questions are asked in the order of the
  // answers the demo set (colour, animal, book), so each input's question id says which.
  const inputs = await browser.$$('input[name="answers"]');
  for (const input of inputs) {
    const question = await input.getAttribute('data-question');
    const answer = QUESTIONS.find(([id]) => id === question)?.[1];
    assert.ok(answer, `an answer for ${question}`);
    await input.setValue(answer);
  }
}

for (const language of LANGUAGES) {
  describe(`the guides in ${language}`, () => {
    let app;
    before(async () => {
      const config = `[secrets]\nkey_store = "file"\n[locale]\ndefault_language = "${language}"\n`;
      app = await startApp(`languages-${language}`, { config });
      // A small laptop's screen, whatever the app's own default.
      await app.browser.setWindowSize(1024, 768);
    });
    after(async () => {
      await app?.close();
    });

    test(`a student's first sign-in, in ${language}`, async () => {
      const { browser } = app;
      await app.screen('sign_in');
      assert.equal(await browser.$('#language').getValue(), language, 'the window starts in the kiosk language');
      // The engine's sentences of the first screen (asked for before the window knew its
      // language) are in it too: the same as after choosing the language again.
      const hint = await browser.$('#login-hint').getText();
      await app.inspect('sign_in', language);
      // The selector on the sign-in screen: another language and back, keeping what was typed.
      await app.fill('input[name="login"]', 'Ada_Lim@students.edu.sg');
      const other = language === 'en' ? 'ta' : 'en';
      await (await browser.$('#language')).selectByAttribute('value', other);
      await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === other, { timeout: 5000 });
      assert.equal(await browser.$('input[name="login"]').getValue(), 'Ada_Lim@students.edu.sg', 'what is typed stays');
      await (await browser.$('#language')).selectByAttribute('value', language);
      await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === language, { timeout: 5000 });
      assert.equal(await browser.$('#login-hint').getText(), hint, 'the first screen was in the window language');

      await app.fill('input[name="password"]', 'not-her-password');
      await app.click('button[data-action="sign_in"]');
      await browser.waitUntil(async () => (await browser.$('.error-box').isExisting()), { timeout: 10000 });
      await app.inspect('sign_in-login_failed', language);
      await app.fill('input[name="password"]', DEMO.temporaryPassword);
      await app.click('button[data-action="sign_in"]');

      await app.screen('set_questions');
      const selects = await browser.$$('select[name="questions"]');
      const answers = await browser.$$('input[name="answers"]');
      for (const [i, [id, answer]] of QUESTIONS.entries()) {
        await selects[i].selectByAttribute('value', id);
        await answers[i].setValue(answer);
      }
      await app.inspect('set_questions', language);
      await app.click('button[data-action="set_questions"]');
      await app.screen('confirm_questions');
      await app.inspect('confirm_questions', language);
      await app.click('button[data-action="confirm_questions"]');
      await app.screen('questions_saved');
      await app.inspect('questions_saved', language);
      await app.click('button[data-action="continue"]');

      await app.screen('change_password');
      await app.fill('input[name="new_password"]', 'Tulip-Harbor-4827');
      await allRulesTick(browser);
      await app.fill('input[name="confirm_password"]', 'Tulip-Harbor-4827');
      await app.inspect('change_password', language);
      await app.click('button[data-action="change_password"]');
      await app.screen('password_changed', 20000);
      await app.inspect('password_changed', language);
      await app.click('button[data-action="continue"]');

      await app.screen('applications');
      await app.inspect('applications', language);
      await app.click('button[data-app="icon"]');
      await app.screen('terms');
      await app.inspect('terms', language);
      await app.click('button[data-action="accept_terms"]');
      await app.screen('dashboard');
      await app.inspect('dashboard', language);
      await app.click('button[data-action="help_open"]');
      await browser.$('dialog.help-dialog').waitForDisplayed({ timeout: 5000 });
      await app.inspect('help', language);
      await app.click('button[data-action="help_close"]');
      await app.click('button[data-action="sign_out"]');
      await app.screen('signed_out');
      await app.inspect('signed_out', language);
      await app.click('button[data-action="continue"]');
    });

    test(`a forgotten password, in ${language}`, async () => {
      const { browser } = app;
      await app.screen('sign_in');
      await app.click('button[data-action="forgot_password"]');
      await app.screen('sspr_search');
      await app.fill('input[name="login"]', 'Chloe_Ng@students.edu.sg');
      await app.inspect('sspr_search', language);
      await app.click('button[data-action="sspr_search"]');
      await app.screen('sspr_questions');
      await answerQuestions(app);
      await app.inspect('sspr_questions', language);
      await app.click('button[data-action="sspr_answer"]');
      await app.screen('change_password');
      await app.fill('input[name="new_password"]', 'Kettle-Morning-Garden-58');
      await allRulesTick(browser);
      await app.fill('input[name="confirm_password"]', 'Kettle-Morning-Garden-58');
      await app.click('button[data-action="change_password"]');
      await app.screen('password_changed', 20000);
      await app.click('button[data-action="continue"]');
      await app.screen('sign_in');
    });

    test(`a staff member sets up 2FA, in ${language}`, async () => {
      const { browser } = app;
      await app.screen('sign_in');
      await app.fill('input[name="login"]', 'Grace_Lee@schools.gov.sg');
      await app.fill('input[name="password"]', DEMO.password);
      await app.click('button[data-action="sign_in"]');
      await app.screen('applications');
      await app.click('button[data-app="identity_portal"]');
      await app.screen('identity_portal');
      await app.inspect('identity_portal', language);
      await app.click('button[data-app="setup_2fa"]');
      await app.screen('setup_2fa_username');
      await app.fill('input[name="login"]', 'Grace_Lee@schools.gov.sg');
      await app.inspect('setup_2fa_username', language);
      await app.click('button[data-action="setup_2fa"]');
      await app.screen('choose_method');
      await (await browser.$('select[name="method"]')).selectByAttribute('value', 'email_otp');
      await app.inspect('choose_method', language);
      await app.click('button[data-action="choose_method"]');
      await app.screen('email_otp');
      await app.inspect('email_otp', language);
      const sequence = Number((await app.text('main')).match(/#(\d+)/)[1]);
      // Her mail is in the language she signed in with.
      const code = mailedOtp(app.dataDir, sequence);
      app.secret(code);
      await app.fill('input[name="code"]', code);
      await app.click('button[data-action="submit_email_otp"]');
      await app.screen('self_service');
      await app.inspect('self_service', language);
      await app.click('button[data-add="soft_token"]');
      await app.screen('add_soft_token');
      const secret = (await app.text('code[data-secret]')).replaceAll(' ', '');
      app.secret(secret);
      await app.fill('input[name="comment"]', 'Phone');
      await app.inspect('add_soft_token', language);
      await app.click('button[data-action="save_soft_token"]');
      await app.screen('test_authenticator');
      await app.inspect('test_authenticator', language);
      await app.fill('input[name="code"]', oathtool(secret));
      await app.click('button[data-action="test_authenticator"]');
      await app.screen('edit_authenticator');
      await app.inspect('edit_authenticator-passed', language);
      await app.click('button[data-action="sign_out"]');
      await app.screen('signed_out');
      await app.click('button[data-action="continue"]');
      await app.screen('sign_in');
    });

    test(`the administrators' console, in ${language}`, async () => {
      const { browser } = app;
      const wizard = await browser.getWindowHandle();
      await app.click('button[data-action="admin_sign_in_open"]');
      await app.fill('input[name="admin_login"]', ADMIN.login);
      await app.fill('input[name="admin_password"]', DEMO.password);
      await app.fill('input[name="admin_code"]', oathtool(ADMIN.totpSecret));
      await app.inspect('admin_sign_in', language);
      await app.click('button[data-action="admin_sign_in"]');
      await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, { timeout: 15000 });
      await browser.switchToWindow((await browser.getWindowHandles()).find((h) => h !== wizard));
      await browser.setWindowSize(1024, 768);
      await browser.waitUntil(async () => (await browser.$('main').getAttribute('aria-busy')) === 'false', { timeout: 10000 });
      await browser.waitUntil(async () => (await browser.$$('button[data-login]')).length > 0, { timeout: 10000 });
      await app.inspect('console_accounts', language);
      for (const section of ['import', 'tokens', 'year', 'audit']) {
        await app.click(`button.console-tab[data-section="${section}"]`);
        await browser.waitUntil(async () => (await browser.$('main').getAttribute('data-section')) === section, { timeout: 5000 });
        await app.inspect(`console_${section}`, language);
      }
      await browser.closeWindow();
      await browser.switchToWindow(wizard);
    });
  });
}
