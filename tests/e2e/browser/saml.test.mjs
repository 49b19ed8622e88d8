// SAML 2.0 single sign-on (issue 18 §1, the staff guide's Section 3 as Google Workspace does it)
// in Debian's Chromium: examples/saml-app — a service provider on pysaml2, which reads
// Gatehouse's metadata and verifies the signed response with xmlsec1 — sends the browser to
// Gatehouse with an AuthnRequest; a teacher signs in with her password and authenticator code
// and lands back in the app as her iCON address; the app started from Gatehouse's side
// (IdP-initiated) signs her in again; a response that reaches the app after its assertion
// expired (the app's clock seven minutes ahead under libfaketime, past the five minutes'
// validity and the app's minute of slack) is refused by pysaml2; after the app's own sign-out,
// Gatehouse's signed-out page signs her out of Gatehouse too; a pupil is refused at this
// staff-only app.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { ADMIN, DEMO, freePort, oathtool } from '../lib.mjs';
import { openSchool } from './school.mjs';

let page;
let app;
let port;
before(async () => {
  port = await freePort();
  page = await openSchool('browser-saml', { GATEHOUSE_EXAMPLE_SAML_APP: `http://127.0.0.1:${port}` });
  app = await page.startSamlApp(port);
});
after(async () => {
  await page?.close();
});

/** The app's page once it has answered: who is signed in, or why it refused. */
async function appSays() {
  const { browser } = page;
  await browser.waitUntil(async () => (await browser.$('#signed-in').isExisting()) || (await browser.$('#refused').isExisting()), {
    timeout: 15000,
    timeoutMsg: `no answer (at ${await browser.getUrl()})`,
  });
  if (await browser.$('#signed-in').isExisting()) return { email: await browser.$('#signed-in').getAttribute('data-email') };
  return { refused: await browser.$('#refused').getText(), error: await browser.$('#refused').getAttribute('data-error') };
}

test('a teacher signs in to a SAML app through Gatehouse and a pupil is refused there', async () => {
  const { browser } = page;
  await browser.url(`${app}/`);
  await page.click('#sign-in');
  await page.screen('sign_in');
  await page.fill('input[name="login"]', ADMIN.login);
  await page.fill('input[name="password"]', DEMO.password);
  await page.click('button[data-action="sign_in"]');
  await page.screen('totp_prompt');
  await page.fill('input[name="code"]', oathtool(ADMIN.totpSecret));
  await page.click('button[data-action="submit_totp"]');
  assert.deepEqual(await appSays(), { email: ADMIN.login });
  await page.shot('saml-app-signed_in');

  // IdP-initiated: from Gatehouse's side, straight into the app (she is still signed in).
  const start = `${page.url}/saml/start?app=${encodeURIComponent(`${app}/metadata`)}`;
  await browser.url(start);
  assert.deepEqual(await appSays(), { email: ADMIN.login });

  // A response that reaches the app after its assertion expired: the app itself refuses it.
  await page.startSamlApp(port, { clockAhead: '+7m' });
  await browser.url(start);
  assert.equal((await appSays()).error, 'ResponseLifetimeExceed');
  await page.startSamlApp(port);

  // The app's own sign-out sends her to Gatehouse's signed-out page (Google Workspace's
  // "Sign-out page URL"), which offers to sign her out of Gatehouse too: its form, posted from
  // Gatehouse's own page, does.
  await browser.url(`${page.url}/saml/signed-out?app=${encodeURIComponent(`${app}/metadata`)}`);
  const form = await browser.$('form[action="/saml/signed-out"]');
  await form.waitForExist({ timeout: 15000 });
  assert.match(await page.text('main'), /still signed in to Gatehouse in this browser/);
  await page.record('saml-signed_out_of_the_app');
  await (await form.$('button')).click();
  await (await browser.$('#signed-out')).waitForExist({ timeout: 15000 });
  await browser.url(`${page.url}/`);
  await page.screen('sign_in');

  // Signed out, a pupil at the staff-only app: Gatehouse refuses to vouch for her.
  await browser.url(`${app}/`);
  await page.click('#sign-in');
  await page.screen('sign_in');
  await page.fill('input[name="login"]', 'Chloe_Ng@students.edu.sg');
  await page.fill('input[name="password"]', DEMO.password);
  await page.click('button[data-action="sign_in"]');
  // Her first opening of iCON may ask for the terms; then Gatehouse goes on to the app's request.
  const where = () =>
    browser
      .execute(() => (document.getElementById('refused') ? 'refused' : (document.querySelector('main')?.getAttribute('data-screen') ?? null)))
      .catch(() => null);
  await browser.waitUntil(async () => ['terms', 'refused'].includes(await where()), { timeout: 15000 });
  if ((await where()) === 'terms') await page.click('button[data-action="accept_terms"]');
  assert.match((await appSays()).refused ?? '', /not for your account/);
});
