// Single sign-on (issue 18 §2, the staff guide's Section 3) in Debian's Chromium: apps that
// trust Gatehouse over OpenID Connect — examples/oidc-app, a Python relying party built on
// Authlib and joserfc, which checks the ID token against the keys Gatehouse publishes — send the
// browser to Gatehouse's sign-in page and get the person back. A student signs in for the first
// time and lands in the app; the staff-only app refuses her; a teacher signs in with a wrong and
// then a right authenticator code (oathtool's) and reaches the staff app, then the other app
// without signing in again; after she signs out in that app, which signs her out of Gatehouse
// too, the app must ask again. Another vendor's app learns who a pupil is only once she allows
// it on Gatehouse's consent page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADA, ADMIN, DEMO, freePort, oathtool } from '../lib.mjs';

const CHLOE = 'Chloe_Ng@students.edu.sg';
import { openSchool, questionsAndPassword } from './school.mjs';

let page;
let app;
let staffApp;
let vendorApp;
before(async () => {
  const [appPort, staffPort, vendorPort] = [await freePort(), await freePort(), await freePort()];
  page = await openSchool('browser-sso', {
    GATEHOUSE_EXAMPLE_APP: `http://127.0.0.1:${appPort}`,
    GATEHOUSE_EXAMPLE_STAFF_APP: `http://127.0.0.1:${staffPort}`,
    GATEHOUSE_EXAMPLE_VENDOR_APP: `http://127.0.0.1:${vendorPort}`,
  });
  app = await page.startApp('example-app', appPort);
  staffApp = await page.startApp('example-staff-app', staffPort);
  vendorApp = await page.startApp('example-vendor-app', vendorPort);
});
after(async () => {
  await page?.close();
});

/** Opens `base` (an example app) and chooses "Sign in with Gatehouse". */
async function signInAt(base) {
  await page.browser.url(`${base}/`);
  await page.click('#sign-in');
}

/** The app's page once it has answered: who is signed in, or why it refused. */
async function appSays() {
  const { browser } = page;
  await browser.waitUntil(async () => (await browser.$('#signed-in').isExisting()) || (await browser.$('#refused').isExisting()), {
    timeout: 15000,
    timeoutMsg: `the app did not answer (at ${await browser.getUrl()})`,
  });
  if (await browser.$('#signed-in').isExisting()) return { email: await browser.$('#signed-in').getAttribute('data-email') };
  return { refused: await browser.$('#refused').getAttribute('data-error') };
}

test('a student and a teacher sign in to apps through Gatehouse, each app only for whom it is', async () => {
  const { browser } = page;
  // A student's first sign-in, begun at the app.
  await signInAt(app);
  await page.screen('sign_in');
  assert.ok((await browser.getUrl()).startsWith(`${page.url}/?continue=`), await browser.getUrl());
  // The page says which app she is signing in to, as the school registered it.
  await browser.waitUntil(async () => (await browser.$('#waiting-app').isExisting()), { timeout: 10000, timeoutMsg: 'the waiting app is not named' });
  assert.match(await browser.$('#waiting-app').getText(), /signing in to \u2068?Example app \(examples\/oidc-app\)\u2069?\./);
  await page.record('sso-sign_in');
  await page.fill('input[name="login"]', ADA.login);
  await page.fill('input[name="password"]', DEMO.temporaryPassword);
  await page.click('button[data-action="sign_in"]');
  await questionsAndPassword(page);
  // Straight on to iCON's door: her first time, the terms; then back to the app.
  await page.screen('terms');
  await page.click('button[data-action="accept_terms"]');
  assert.deepEqual(await appSays(), { email: ADA.login });
  await page.shot('app-signed_in');

  // The staff app is not for her: it hears access_denied, with no sign-in asked.
  await signInAt(staffApp);
  assert.deepEqual(await appSays(), { refused: 'access_denied' });

  // A teacher on the same browser after the student signed out at Gatehouse.
  await browser.url(`${page.url}/`);
  await page.screen('dashboard');
  await page.click('button[data-action="sign_out"]');
  await page.screen('signed_out');
  await signInAt(staffApp);
  await page.screen('sign_in');
  await page.fill('input[name="login"]', ADMIN.login);
  await page.fill('input[name="password"]', DEMO.password);
  await page.click('button[data-action="sign_in"]');
  // The staff guide's Section 3: the authenticator's code before the app opens.
  await page.screen('totp_prompt');
  await page.fill('input[name="code"]', oathtool(ADMIN.totpSecret, -600));
  await page.click('button[data-action="submit_totp"]');
  await browser.waitUntil(async () => browser.$('.error-box, [id$="-error"]:not([hidden])').isExisting(), { timeout: 10000 });
  await page.record('sso-totp_prompt-wrong_code');
  await page.fill('input[name="code"]', oathtool(ADMIN.totpSecret));
  await page.click('button[data-action="submit_totp"]');
  assert.deepEqual(await appSays(), { email: ADMIN.login });

  // One sign-in serves every app: the other one signs her in without asking.
  await signInAt(app);
  assert.deepEqual(await appSays(), { email: ADMIN.login });

  // The app's Sign out signs her out of Gatehouse too: the app must ask again.
  await page.click('#sign-out');
  await browser.waitUntil(async () => browser.$('#sign-in').isExisting(), { timeout: 10000, timeoutMsg: 'not back at the app' });
  await signInAt(app);
  await page.screen('sign_in');
});

/** Waits for Gatehouse's consent page; its heading. */
async function consentAsked() {
  const { browser } = page;
  await browser.waitUntil(async () => browser.$('form[action="/oidc/consent"]').isExisting(), {
    timeout: 15000,
    timeoutMsg: `no consent page (at ${await browser.getUrl()})`,
  });
  return browser.$('h1').getText();
}

test('another vendor app learns who a pupil is only once she allows it', async () => {
  const { browser } = page;
  await signInAt(vendorApp);
  await page.screen('sign_in');
  await page.fill('input[name="login"]', CHLOE);
  await page.fill('input[name="password"]', DEMO.password);
  await page.click('button[data-action="sign_in"]');
  // Her first opening of iCON may ask for the terms; then the question, before the app hears anything.
  const where = () =>
    browser
      .execute(() => (document.querySelector('form[action="/oidc/consent"]') ? 'consent' : (document.querySelector('main')?.getAttribute('data-screen') ?? null)))
      .catch(() => null);
  await browser.waitUntil(async () => ['terms', 'consent'].includes(await where()), { timeout: 15000 });
  if ((await where()) === 'terms') await page.click('button[data-action="accept_terms"]');
  assert.equal(await consentAsked(), 'Allow Maths Quest (examples/oidc-app) to sign you in?');
  await page.record('sso-consent');
  await browser.$('button[value="deny"]').click();
  assert.deepEqual(await appSays(), { refused: 'access_denied' });
  // Asked again; allowed, the app signs her in (the answer's redirect passes the page's policy).
  await signInAt(vendorApp);
  await consentAsked();
  await browser.$('button[value="allow"]').click();
  assert.deepEqual(await appSays(), { email: CHLOE });
  // Not asked again while she stays signed in to Gatehouse.
  await signInAt(vendorApp);
  assert.deepEqual(await appSays(), { email: CHLOE });
  // She signs out on Gatehouse's own page: the app is told server to server (its logout token
  // checked with joserfc) and its session ends too, though she never went back to it.
  await browser.url(`${vendorApp}/me`);
  assert.equal(await browser.$('#signed-in').getAttribute('data-email'), CHLOE);
  await browser.url(`${page.url}/`);
  await page.screen('dashboard');
  await page.click('button[data-action="sign_out"]');
  await page.screen('signed_out');
  await browser.url(`${vendorApp}/me`);
  await browser.waitUntil(
    async () => {
      await browser.refresh();
      return browser.$('#signed-out').isExisting();
    },
    { timeout: 10000, timeoutMsg: "the app's session outlived her Gatehouse sign-out" },
  );
});
