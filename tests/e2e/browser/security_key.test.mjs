// Security keys on the browser's sign-in page (issue 18 §3 with issue 17 §1) in Debian's Chromium,
// its WebAuthn talking to chromedriver's virtual authenticator (a CTAP2 key on USB that is
// touched whenever asked): a teacher sets up her two-factor authentication with the emailed OTP,
// enrols the key with a touch — the browser's own navigator.credentials, the answer naming the
// page's origin, which the server accepts because the page (https://localhost) lies within the
// keys' relying party — signs out, and opens iCON again: a key that is not hers is said on the
// page not to work, a browser without WebAuthn is said not to take keys, and a touch of hers
// opens it in place of a code.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { DEMO, mailedOtp } from '../lib.mjs';
import { openSchool } from './school.mjs';

const GRACE = 'Grace_Lee@schools.gov.sg';

let page;
let authenticator;
before(async () => {
  page = await openSchool('browser-security-key');
  authenticator = await page.browser.addVirtualAuthenticator('ctap2', 'usb', false, false, true, false);
});
after(async () => {
  await page?.close();
});

/** Signs Grace in and opens iCON from the applications page. */
async function openIcon() {
  await page.screen('sign_in');
  await page.fill('input[name="login"]', GRACE);
  await page.fill('input[name="password"]', DEMO.password);
  await page.click('button[data-action="sign_in"]');
  await page.screen('applications');
}

test('a teacher enrols a security key in the browser and opens iCON with a touch', async () => {
  const { browser } = page;
  await browser.url(`${page.url}/`);
  await openIcon();
  await page.click('button[data-app="identity_portal"]');
  await page.screen('identity_portal');
  await page.click('button[data-app="setup_2fa"]');
  await page.screen('setup_2fa_username');
  await page.fill('input[name="login"]', GRACE);
  await page.click('button[data-action="setup_2fa"]');
  await page.screen('choose_method');
  await (await browser.$('select[name="method"]')).selectByAttribute('value', 'email_otp');
  await page.click('button[data-action="choose_method"]');
  await page.screen('email_otp');
  const sequence = Number((await page.text('main')).match(/#(\d+)/)[1]);
  await page.fill('input[name="code"]', mailedOtp(path.dirname(page.certificate), sequence));
  await page.click('button[data-action="submit_email_otp"]');
  await page.screen('self_service');
  await page.click('button[data-add="hard_token"]');
  await page.screen('add_security_key');
  await page.fill('input[name="comment"]', 'Blue key');
  await page.click('button[data-action="add_security_key"]');
  await page.screen('edit_authenticator');
  assert.match(await page.text('main'), /Blue key/);
  const [credential, ...more] = await browser.getCredentials(authenticator);
  assert.equal(more.length, 0);
  assert.equal(credential.rpId, 'localhost');
  await page.shot('security_key-enrolled');

  // Signed out and back: the staff member's second factor is now the key.
  await page.click('button[data-action="continue"]');
  await page.screen('applications');
  await page.click('button[data-action="sign_out"]');
  await page.screen('signed_out');
  await page.click('button[data-action="continue"]');
  await openIcon();
  await page.click('button[data-app="icon"]');
  await page.screen('totp_prompt');

  // Another key, not enrolled (a fresh authenticator): the browser finds nothing to sign
  // with, and the window says the key could not be used.
  await browser.removeVirtualAuthenticator(authenticator);
  authenticator = await browser.addVirtualAuthenticator('ctap2', 'usb', false, false, true, false);
  await page.click('button[data-action="use_security_key"]');
  await browser.waitUntil(async () => (await page.text('.key-status')).includes('could not be used'), { timeout: 30000 });
  await page.screen('totp_prompt');
  await page.shot('security_key-not_enrolled');

  // A browser without WebAuthn (an old one, or one where it is turned off): the window says
  // keys cannot be used here, and the screen stays for a code.
  await browser.execute(() => {
    window.keptPublicKeyCredential = window.PublicKeyCredential;
    delete window.PublicKeyCredential;
  });
  await page.click('button[data-action="use_security_key"]');
  await browser.waitUntil(async () => (await page.text('.key-status')).includes('cannot be used on this computer'), {
    timeout: 15000,
  });
  await page.screen('totp_prompt');
  await browser.execute(() => {
    window.PublicKeyCredential = window.keptPublicKeyCredential;
  });

  // Her own key again.
  await browser.addCredential(
    authenticator,
    credential.credentialId,
    false,
    credential.rpId,
    credential.privateKey,
    credential.userHandle,
    credential.signCount,
  );
  await page.click('button[data-action="use_security_key"]');
  const main = await browser.$('main');
  await browser.waitUntil(async () => ['terms', 'dashboard'].includes(await main.getAttribute('data-screen')), {
    timeout: 15000,
    timeoutMsg: `the touch did not open iCON: ${await page.text('main')}`,
  });
  const [used] = await browser.getCredentials(authenticator);
  assert.ok(used.signCount > credential.signCount, 'the key signed once more');
});
