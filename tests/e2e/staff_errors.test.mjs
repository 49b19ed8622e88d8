// The errors a staff member meets, in the real window: Grace_Lee (no authenticator yet) sees her
// applications and is told to set up 2FA when she opens iCON after the cut-over date; every
// sign-in meets SSPR 5019 ("try again later") while another program holds the database's write
// lock, then goes through once it lets go; and Henry_Wong, whose work email is his own iCON
// address, is told after his first sign-in that the email code cannot reach him there.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { DEMO, startApp } from './lib.mjs';

const GRACE = 'Grace_Lee@schools.gov.sg';
/** HQ staff, fresh, whose work email is his own iCON address (demo school). */
const HENRY = 'Henry_Wong@hq.moe.gov.sg';
const HENRY_PASSWORD = 'Quiet-Harbour-Lamp-58';

let app;
before(async () => {
  // A write waits 300 ms for another process before the person sees SSPR 5019.
  app = await startApp('staff_errors', { config: '[secrets]\nkey_store = "file"\n[storage]\nbusy_timeout_ms = 300\n' });
});
after(async () => {
  await app?.close();
});

async function signIn() {
  await app.screen('sign_in');
  await app.fill('input[name="login"]', GRACE);
  await app.fill('input[name="password"]', DEMO.password);
  await app.click('button[data-action="sign_in"]');
}

/**
 * Another program holding the write lock of the data directory's database (SQLite, WAL: readers
 * go on, writers wait); resolves with a function that lets go.
 */
async function holdWriteLock(dataDir) {
  const holder = spawn(
    'python3',
    [
      '-c',
      'import sqlite3, sys\n' +
        'db = sqlite3.connect(sys.argv[1], isolation_level=None)\n' +
        'db.execute("BEGIN IMMEDIATE")\n' +
        'print("locked", flush=True)\n' +
        'sys.stdin.read()\n' +
        'db.execute("ROLLBACK")\n',
      path.join(dataDir, 'gatehouse.db'),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise((resolve, reject) => {
    holder.stdout.on('data', (d) => String(d).includes('locked') && resolve());
    holder.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
  });
  return async () => {
    const gone = new Promise((resolve) => holder.once('exit', resolve));
    holder.stdin.end();
    await gone;
  };
}

test('a staff member without an authenticator sees her applications and is told to set up 2FA before iCON', async () => {
  await signIn();
  await app.screen('applications');
  const tiles = await app.browser.execute(() => [...document.querySelectorAll('button[data-app]')].map((b) => b.dataset.app));
  assert.deepEqual(tiles, ['icon', 'identity_portal'], 'staff see iCON and the MIMS Identity Portal');
  await app.record('applications-staff');

  await app.click('button[data-app="icon"]');
  await app.screen('error');
  assert.match(await app.text('main'), /2FA/);
  await app.record('error-2fa_required');
  await app.click('button[data-action="continue"]');
  await app.screen('applications');
  await app.click('button[data-action="sign_out"]');
  await app.screen('signed_out');
});

test('a sign-in while another program holds the database shows SSPR 5019 and the next try works', async () => {
  await app.click('button[data-action="continue"]');
  const release = await holdWriteLock(app.dataDir);
  try {
    await signIn();
    await app.screen('error');
    assert.match(await app.text('main'), /SSPR 5019/);
    assert.match(await app.text('main'), /try again later/);
    await app.record('error-sspr_5019');
  } finally {
    await release();
  }
  await app.click('button[data-action="continue"]');
  await signIn();
  await app.screen('applications');
  await app.click('button[data-action="sign_out"]');
  await app.screen('signed_out');
  await app.click('button[data-action="continue"]');
});

test('a staff member whose work email is his own iCON address is told the code cannot reach it', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  await app.fill('input[name="login"]', HENRY);
  await app.fill('input[name="password"]', DEMO.temporaryPassword);
  await app.click('button[data-action="sign_in"]');

  // His first sign-in: three questions, then a password of his own.
  await app.screen('set_questions');
  const selects = await browser.$$('select[name="questions"]');
  const answers = await browser.$$('input[name="answers"]');
  for (const [i, [id, answer]] of [['favourite_colour', 'teal green'], ['favourite_animal', 'otter'], ['favourite_book', 'Dune']].entries()) {
    await selects[i].selectByAttribute('value', id);
    await answers[i].setValue(answer);
    app.secret(answer);
  }
  await app.click('button[data-action="set_questions"]');
  await app.screen('confirm_questions');
  await app.click('button[data-action="confirm_questions"]');
  await app.screen('questions_saved');
  await app.click('button[data-action="continue"]');
  await app.screen('change_password');
  await app.fill('input[name="new_password"]', HENRY_PASSWORD);
  await app.fill('input[name="confirm_password"]', HENRY_PASSWORD);
  await app.click('button[data-action="change_password"]');
  await app.screen('password_changed');
  await app.click('button[data-action="continue"]');

  await app.screen('applications');
  await app.click('button[data-app="identity_portal"]');
  await app.screen('identity_portal');
  await app.click('button[data-app="setup_2fa"]');
  await app.screen('setup_2fa_username');
  await app.fill('input[name="login"]', HENRY);
  await app.click('button[data-action="setup_2fa"]');
  await app.screen('choose_method');
  await (await browser.$('select[name="method"]')).selectByAttribute('value', 'email_otp');
  await app.click('button[data-action="choose_method"]');

  // Staff FAQ 11: no code is sent to an address it cannot reach; the LA must change it.
  await app.screen('error');
  assert.match(await app.text('main'), /Local Administrator/);
  assert.match(await app.text('main'), /Staff iCON email address/);
  await app.record('error-work_email_is_icon');
  await app.click('button[data-action="continue"]');
  await app.screen('applications');
});
