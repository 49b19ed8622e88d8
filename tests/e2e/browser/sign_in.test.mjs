// The browser's sign-in page (issue 18 §3) in Debian's Chromium: the demo student Ada_Lim opens
// the school's server in a browser, is refused with a wrong password, walks her first sign-in
// (questions, a password checked live by the server, the terms) to her dashboard, reloads the
// page and is still signed in, is not signed out by another site's forged form, and signs out;
// a session that ended under the page is said on the sign-in screen of a new one.
// The same engine as the desktop app: the screens, rules and texts are the window's.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADA as STUDENT, DEMO } from '../lib.mjs';
import { openSchool, questionsAndPassword } from './school.mjs';

const ADA = STUDENT.login;

let page;
before(async () => {
  page = await openSchool('browser');
});
after(async () => {
  await page?.close();
});

test('a student signs in for the first time in a browser, stays signed in on reload and signs out', async () => {
  const { browser } = page;
  await browser.url(`${page.url}/`);
  await page.screen('sign_in');
  // The guide's MIMS Portal sign-in, without the desktop app's administrator sign-in.
  assert.match(await page.text('main'), /MIMS/);
  assert.equal(await browser.$('button[data-action="admin_sign_in_open"]').isExisting(), false);
  // The session's token is in an HttpOnly cookie: the page's script cannot read it.
  assert.equal(await browser.execute(() => document.cookie), '');
  const cookies = await browser.getCookies([{ name: '__Host-gatehouse' }]);
  assert.equal(cookies.length, 1);
  assert.deepEqual([cookies[0].secure, cookies[0].httpOnly, cookies[0].sameSite, cookies[0].path], [true, true, 'Lax', '/']);
  await page.record('sign_in');
  // The page in 华文 from the header's selector (the page's `lang` follows), then back.
  await (await browser.$('#language')).selectByAttribute('value', 'zh-Hans');
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === 'zh-Hans', {
    timeout: 10000,
    timeoutMsg: 'the page did not switch to Chinese',
  });
  assert.match(await page.text('button[data-action="sign_in"]'), /\p{Script=Han}/u);
  await page.record('sign_in-zh-Hans');
  await (await browser.$('#language')).selectByAttribute('value', 'en');
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === 'en', { timeout: 10000 });

  await page.fill('input[name="login"]', ADA);
  await page.fill('input[name="password"]', 'not-her-password');
  await page.click('button[data-action="sign_in"]');
  await browser.waitUntil(async () => browser.$('.error-box').isExisting(), { timeout: 10000 });
  assert.match(await page.text('.error-box'), /Login failed/);
  await page.record('sign_in-login_failed');

  await page.fill('input[name="password"]', DEMO.temporaryPassword);
  await page.click('button[data-action="sign_in"]');
  await questionsAndPassword(page, true);

  await page.screen('applications');
  await page.click('button[data-app="icon"]');
  await page.screen('terms');
  await page.click('button[data-action="accept_terms"]');
  await page.screen('dashboard');
  assert.match(await page.text('main'), /Gmail/);
  await page.record('dashboard');

  // A reload continues the session (the cookie), on the same screen.
  await browser.refresh();
  await page.screen('dashboard');

  // Another page (here a blank one, of no origin) posts a sign-out to the server in a form: the
  // browser does not send the SameSite cookie with it, and the server refuses a request without
  // the page's origin and token anyway. She is still signed in.
  await browser.url('about:blank');
  await browser.execute((target) => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.enctype = 'text/plain';
    form.action = `${target}/web/v1/actions`;
    const input = document.createElement('input');
    input.name = '{"action":"sign_out","x":"';
    input.value = '"}';
    form.append(input);
    document.body.append(form);
    form.submit();
  }, page.url);
  await browser.waitUntil(async () => /csrf_refused/.test(await browser.$('body').getText()), {
    timeout: 10000,
    timeoutMsg: 'the forged form was not refused',
  });
  await browser.url(`${page.url}/`);
  await page.screen('dashboard');
  assert.match(page.serverLog(), /a browser request from outside the sign-in page was refused/);

  await page.click('button[data-action="sign_out"]');
  await page.screen('signed_out');
  await page.record('signed_out');

  // A session that ended under the page (here its cookie is gone, as after the idle time): the
  // next click shows the sign-in again, saying why, in a new session.
  await page.click('button[data-action="continue"]');
  await page.screen('sign_in');
  await page.fill('input[name="login"]', ADA);
  await browser.deleteCookies(['__Host-gatehouse']);
  await page.fill('input[name="password"]', STUDENT.newPassword);
  await page.click('button[data-action="sign_in"]');
  await browser.waitUntil(async () => /Your session has ended/.test(await page.text('main')), {
    timeout: 10000,
    timeoutMsg: 'the ended session was not said',
  });
  await page.screen('sign_in');
  assert.equal((await browser.getCookies([{ name: '__Host-gatehouse' }])).length, 1, 'a new session, a new cookie');
  await page.record('sign_in-session_ended');
});
