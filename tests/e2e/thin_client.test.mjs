// The window as a thin client of the real gatehouse-server (issue 14 §3): a throw-away PostgreSQL
// with the demo school (as `make run-server`), the server on a free loopback port, and the app
// with only `[server] url` and the certificate. The student types her login and password, the
// server goes away before she signs in: the window says so above the form, keeps what she typed
// and asks again by itself; the server comes back, the notice goes, and the same typed values
// sign her in. The app's data directory holds no database, no key and no secret of the school,
// only the machine's own credential (each window is a machine registered with the server by
// `gatehouse-cli device register`). Two kiosk windows on one server: a password changed on one
// signs in on the other, and wrong passwords typed on both lock the account at exactly the
// threshold. The administrators' console of a thin window is the server's: the administrator
// signs in from the window, resets a student there and gets the slips in the machine's own
// exports folder, and the audit log names the machine. A thin kiosk, registered with an
// enrolment code from `gatehouse-cli admin device code` (the server lets kiosk sessions in only
// from a machine registered as a kiosk), is closed by an administrator whom the server checks;
// when the server is gone, by the break-glass code its registration printed: a wrong code is
// refused, the right one (in lower case) closes it.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';

import { ADMIN, DEMO, kioskClosed, kioskExitChord, oathtool, ROOT, startApp } from './lib.mjs';

const ADA = 'Ada_Lim@students.edu.sg';

/** The debug binaries and examples `make run-server` uses, as `make test-fast` built them (a no-op after it). */
function build() {
  return execFileSync(path.join(ROOT, 'scripts/debug-bins.sh'), [], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `command` and resolves with the child and its first line of output. */
function firstLine(command, args) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ child, line }));
    child.once('exit', (code) => reject(new Error(`${path.basename(command)} exited (${code})`)));
  });
}

let bin;
let school;
let thinConfig;
let postgres;
let server = null;
let app;

/**
 * Registers a machine as a school's IT team does: an enrolment code issued on the server
 * (`admin device code`, with `--kiosk` for a kiosk), exchanged by `gatehouse-cli device register` in a data directory with
 * the thin client's configuration; returns the files the machine keeps (its credential).
 */
function register(name, kiosk = false) {
  const issued = JSON.parse(
    execFileSync(path.join(bin, 'gatehouse-cli'), ['--data-dir', school, 'admin', 'device', 'code', '--json', ...(kiosk ? ['--kiosk'] : [])], {
      encoding: 'utf8',
    }),
  );
  const machine = mkdtempSync(path.join(tmpdir(), 'gatehouse-e2e-machine-'));
  writeFileSync(path.join(machine, 'gatehouse.toml'), thinConfig);
  const args = ['--data-dir', machine, 'device', 'register', '--code', issued.code, '--name', name, ...(kiosk ? ['--kiosk'] : [])];
  execFileSync(path.join(bin, 'gatehouse-cli'), args, { stdio: 'ignore' });
  const credential = readFileSync(path.join(machine, 'device.credential'), 'utf8');
  rmSync(machine, { recursive: true, force: true });
  return { 'device.credential': credential };
}

async function startServer() {
  const { child, line } = await firstLine(path.join(bin, 'gatehouse-server'), ['--config', path.join(school, 'gatehouse.toml')]);
  assert.match(line, /listening on/);
  child.removeAllListeners('exit');
  server = child;
}

function stopServer() {
  server.kill('SIGKILL');
  server = null;
}

before(async () => {
  bin = build();
  school = mkdtempSync(path.join(tmpdir(), 'gatehouse-e2e-school-'));
  const started = await firstLine(path.join(bin, 'examples/postgres'), [path.join(school, 'db-password')]);
  postgres = started.child;
  execFileSync(path.join(bin, 'examples/dev-certificate'), [school]);
  const port = await freePort();
  writeFileSync(
    path.join(school, 'gatehouse.toml'),
    `[storage]
url = "${started.line}"
password_file = "${path.join(school, 'db-password')}"
[secrets]
key_store = "file"
key_file = "${path.join(school, 'gatehouse.key')}"
[server]
listen = "127.0.0.1:${port}"
certificate = "server.crt"
private_key = "server.key"
# The person's window below is not registered; the kiosk is.
require_device = false
`,
  );
  execFileSync(path.join(bin, 'gatehouse-cli'), ['--data-dir', school, 'demo'], { stdio: 'ignore' });
  await startServer();
  // The machine: the server's address and certificate, and nothing else.
  thinConfig = `[server]
url = "https://localhost:${port}"
ca_file = "${path.join(school, 'server.crt')}"
[secrets]
key_store = "file"
`;
  app = await startApp('thin_client', { demo: false, config: thinConfig, files: register('e2e-laptop') });
  for (const value of [DEMO.password, DEMO.temporaryPassword]) app.secret(value);
});

after(async () => {
  await app?.close();
  server?.kill('SIGKILL');
  postgres?.kill('SIGTERM');
  if (school) rmSync(school, { recursive: true, force: true });
});

test('an unreachable server is said above the form, which keeps what was typed, and the window recovers by itself', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  await app.fill('input[name="login"]', ADA);
  await app.fill('input[name="password"]', DEMO.temporaryPassword);

  stopServer();
  await app.click('button[data-action="sign_in"]');
  const notice = await browser.$('.offline-notice');
  await notice.waitForDisplayed({ timeout: 15000 });
  assert.match(await notice.getText(), /cannot be reached/);
  assert.match(await notice.getText(), /tries again every few seconds/);
  assert.equal(await app.currentScreen(), 'sign_in', 'the same page');
  assert.equal(await browser.$('input[name="login"]').getValue(), ADA, 'the login ID is kept');
  assert.equal(await browser.$('input[name="password"]').getValue(), DEMO.temporaryPassword, 'the password is kept');
  await app.record('server_unreachable');

  await startServer();
  // Asked again every 5 seconds: the notice goes, the form stays as it was.
  await browser.waitUntil(async () => !(await notice.isExisting()), { timeout: 20000, interval: 200 });
  assert.equal(await browser.$('input[name="password"]').getValue(), DEMO.temporaryPassword);
  await app.click('button[data-action="sign_in"]');
  await app.screen('set_questions');
  await app.record('set_questions_over_the_server');
});

test('the thin client keeps no database, no key and no secret on the machine', async () => {
  const names = readdirSync(app.dataDir).sort();
  assert.deepEqual(names, ['device.credential', 'gatehouse.toml'], `the data directory holds ${names.join(', ')}`);
  assert.doesNotMatch(readFileSync(path.join(app.dataDir, 'gatehouse.toml'), 'utf8'), /storage|key_file/);
});

test('the console of a thin window is the server\'s: a reset there gives slips on this machine and is audited as it', async () => {
  const staff = await startApp('thin_console', { demo: false, config: thinConfig, files: register('e2e-staff-pc') });
  for (const value of [DEMO.password, ADMIN.totpSecret]) staff.secret(value);
  const { browser } = staff;
  try {
    await staff.screen('sign_in');
    const wizardWindow = await browser.getWindowHandle();
    await staff.click('button[data-action="admin_sign_in_open"]');
    await staff.fill('input[name="admin_login"]', ADMIN.login);
    await staff.fill('input[name="admin_password"]', DEMO.password);
    await staff.fill('input[name="admin_code"]', oathtool(ADMIN.totpSecret));
    await staff.click('button[data-action="admin_sign_in"]');
    await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, { timeout: 15000, timeoutMsg: 'no console window' });
    await browser.switchToWindow((await browser.getWindowHandles()).find((h) => h !== wizardWindow));
    await browser.waitUntil(async () => (await browser.$('main').getAttribute('aria-busy')) === 'false', { timeout: 10000 });
    assert.match(await staff.text('header'), /Signed in as Irene_Tan@schools\.gov\.sg \(SA, LA\)/);
    const CHLOE = 'Chloe_Ng@students.edu.sg';
    await browser.waitUntil(async () => (await browser.$$(`input[name="selected"][value="${CHLOE}"]`)).length > 0, { timeout: 10000 });
    await staff.record('console_over_the_server');
    await staff.click(`input[name="selected"][value="${CHLOE}"]`);
    await staff.click('button[data-action="reset_selected"]');
    await browser.$('dialog.console-confirm').waitForDisplayed();
    await staff.click('dialog.console-confirm button[data-action="confirm"]');
    await browser.$('section.issued').waitForDisplayed({ timeout: 15000 });
    const password = await browser.execute(() => document.querySelector('section.issued tbody tr').cells[2].textContent);
    staff.secret(password);
    const saved = (await staff.text('section.issued .hint')).replace(/^Slips saved to /, '');
    assert.ok(saved.startsWith(path.join(staff.dataDir, 'exports')), saved);
    const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' });
    assert.ok(text.includes(CHLOE) && text.includes(password), 'the slip names her and carries the temporary password');
    const events = JSON.parse(
      execFileSync(path.join(bin, 'gatehouse-cli'), ['--data-dir', school, 'admin', 'audit', '--event', 'password_reset', '--subject', CHLOE.toLowerCase(), '--json'], {
        encoding: 'utf8',
      }),
    ).events;
    assert.deepEqual(
      events.map((e) => [e.actor, e.machine]),
      [[ADMIN.login, 'e2e-staff-pc']],
      'reset on the server by the administrator, on this machine',
    );
    await staff.click('button[data-action="console_sign_out"]').catch(() => {});
    await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 1, { timeout: 10000 });
  } finally {
    await staff.close();
  }
});

test('a thin kiosk is closed by an administrator whom the server checks', async () => {
  const kiosk = await startApp('thin_kiosk_exit', { demo: false, config: `${thinConfig}[kiosk]\nenabled = true\n`, files: register('e2e-kiosk-exit', true) });
  for (const value of [DEMO.password, ADMIN.totpSecret]) kiosk.secret(value);
  try {
    const { browser } = kiosk;
    await kiosk.screen('sign_in');
    await kioskExitChord(browser);
    await browser.$('dialog.kiosk-exit').waitForDisplayed();
    await kiosk.fill('input[name="admin_login"]', ADMIN.login);
    await kiosk.fill('input[name="admin_password"]', DEMO.password);
    await kiosk.fill('input[name="admin_code"]', '000000');
    await kiosk.click('button[data-action="kiosk_exit"]');
    await browser.waitUntil(async () => (await browser.$('#kiosk-exit-error').getText()) !== '', { timeout: 10000 });
    assert.match(await kiosk.text('#kiosk-exit-error'), /not correct/);
    // A security key's touch instead: asked for whatever the password (so the answer tells
    // nothing about it); with no key plugged in, the dialog says so.
    await kiosk.fill('input[name="admin_password"]', DEMO.password);
    await kiosk.click('button[data-action="kiosk_exit_key"]');
    await browser.waitUntil(async () => /No security key was found/.test(await kiosk.text('dialog.kiosk-exit')), { timeout: 10000 });
    await kiosk.fill('input[name="admin_password"]', DEMO.password);
    // A later step than the console's sign-in above used: each code works once.
    await kiosk.fill('input[name="admin_code"]', oathtool(ADMIN.totpSecret, 30));
    // The app may end before the click is answered: the WebDriver session loses its window.
    await browser.$('button[data-action="kiosk_exit"]').click().catch(() => {});
    await kioskClosed(browser);
  } finally {
    await kiosk.close();
  }
  const exits = JSON.parse(
    execFileSync(path.join(bin, 'gatehouse-cli'), ['--data-dir', school, 'admin', 'audit', '--subject', ADMIN.login.toLowerCase(), '--json', '--limit', '0'], {
      encoding: 'utf8',
    }),
  ).events.filter((e) => e.machine === 'e2e-kiosk-exit');
  assert.ok(exits.some((e) => e.outcome === 'failed'), 'the wrong code is audited on the kiosk');
  assert.ok(exits.some((e) => e.outcome === 'ok'), 'the exit is audited on the kiosk');
});

test('two kiosk windows on one server: a password changed on one signs in on the other, and a lockout counts both exactly', async () => {
  const kioskConfig = `${thinConfig}[kiosk]\nenabled = true\n`;
  const one = await startApp('thin_kiosk_one', { demo: false, config: kioskConfig, files: register('e2e-kiosk-one', true) });
  const two = await startApp('thin_kiosk_two', { demo: false, config: kioskConfig, files: register('e2e-kiosk-two', true) });
  const NEW_PASSWORD = 'Harbour-Lantern-Violet-58';
  for (const w of [one, two]) for (const value of [DEMO.password, DEMO.temporaryPassword, NEW_PASSWORD]) w.secret(value);
  const signIn = async (w, login, password) => {
    await w.screen('sign_in');
    await w.fill('input[name="login"]', login);
    await w.fill('input[name="password"]', password);
    await w.click('button[data-action="sign_in"]');
  };
  try {
    // Ben (temporary password, questions set) changes his password on kiosk one ...
    const BEN = 'Ben_Tan@students.edu.sg';
    await signIn(one, BEN, DEMO.temporaryPassword);
    await one.screen('change_password');
    await one.fill('input[name="new_password"]', NEW_PASSWORD);
    await one.fill('input[name="confirm_password"]', NEW_PASSWORD);
    await one.click('button[data-action="change_password"]');
    await one.screen('password_changed');
    await one.click('button[data-action="continue"]');
    await one.screen('applications');
    await one.record('applications-kiosk_one');
    // ... and signs in with it on kiosk two, where the temporary one no longer works.
    await signIn(two, BEN, DEMO.temporaryPassword);
    await two.browser.waitUntil(async () => two.browser.$('.error-box').isExisting(), { timeout: 10000 });
    assert.match(await two.text('.error-box'), /Login failed/);
    await two.fill('input[name="password"]', NEW_PASSWORD);
    await two.click('button[data-action="sign_in"]');
    await two.screen('applications');
    await two.record('applications-kiosk_two');
    for (const w of [one, two]) {
      await w.click('button[data-action="sign_out"]');
      await w.screen('signed_out');
      await w.click('button[data-action="continue"]');
    }

    // Faris: wrong passwords on both kiosks in turn; the fifth, wherever typed, locks him.
    const FARIS = 'Faris_Ali@students.edu.sg';
    for (let i = 0; i < 5; i += 1) {
      const w = i % 2 === 0 ? one : two;
      await signIn(w, FARIS, `Wrong-Guess-${i}-2026`);
      if (i < 4) {
        // Answered: the page is drawn again with the error, the password field empty.
        await w.browser.waitUntil(async () => (await w.browser.$('input[name="password"]').getValue()) === '', { timeout: 10000 });
        assert.match(await w.text('.error-box'), /Login failed/);
        assert.equal(await w.currentScreen(), 'sign_in');
      }
    }
    await one.screen('account_locked');
    await one.record('account_locked-kiosk_one');
    const cli = (args) => JSON.parse(execFileSync(path.join(bin, 'gatehouse-cli'), ['--data-dir', school, 'admin', ...args, '--json'], { encoding: 'utf8' }));
    assert.equal(cli(['show', '--login', FARIS]).account.state, 'locked');
    const failures = cli(['audit', '--subject', FARIS.toLowerCase(), '--event', 'sign_in_failed', '--limit', '0']).events;
    assert.equal(failures.filter((e) => e.outcome === 'failed').length, 5, 'exactly the threshold counted');
    assert.deepEqual([...new Set(failures.map((e) => e.machine))].sort(), ['e2e-kiosk-one', 'e2e-kiosk-two'], 'each named by its kiosk');
  } finally {
    await one.close();
    await two.close();
  }
});

test('a registered thin kiosk is closed by its break-glass code and not by a wrong one', async () => {
  // Registered as a lab's kiosks are: an enrolment code on the server, `device register --kiosk`
  // on the machine (here a scratch directory whose files the kiosk's data directory receives).
  const cli = path.join(bin, 'gatehouse-cli');
  const issued = JSON.parse(execFileSync(cli, ['--data-dir', school, 'admin', 'device', 'code', '--json', '--kiosk'], { encoding: 'utf8' }));
  const machine = mkdtempSync(path.join(tmpdir(), 'gatehouse-e2e-kiosk-'));
  writeFileSync(path.join(machine, 'gatehouse.toml'), thinConfig);
  const printed = execFileSync(cli, ['--data-dir', machine, 'device', 'register', '--code', issued.code, '--name', 'lab2-kiosk07', '--kiosk'], {
    encoding: 'utf8',
  });
  const code = printed.split('\n').map((l) => l.trim()).find((l) => /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(l));
  assert.ok(code, `a break-glass code in ${printed}`);
  const files = Object.fromEntries(['device.credential', 'break-glass.phc'].map((f) => [f, readFileSync(path.join(machine, f), 'utf8')]));
  rmSync(machine, { recursive: true, force: true });
  const kiosk = await startApp('thin_kiosk', { demo: false, config: `${thinConfig}[kiosk]\nenabled = true\n`, files });
  kiosk.secret(code);
  kiosk.secret(DEMO.password);
  try {
    const { browser } = kiosk;
    await kiosk.screen('sign_in');
    await kioskExitChord(browser);
    await browser.$('dialog.kiosk-exit').waitForDisplayed();
    // The server is gone: the administrator's way out cannot be checked, the break-glass code can.
    stopServer();
    await kiosk.fill('input[name="admin_login"]', ADMIN.login);
    await kiosk.fill('input[name="admin_password"]', DEMO.password);
    await kiosk.fill('input[name="admin_code"]', '000000');
    await kiosk.click('button[data-action="kiosk_exit"]');
    await browser.waitUntil(async () => (await browser.$('#kiosk-exit-error').getText()) !== '', { timeout: 15000 });
    assert.match(await kiosk.text('#kiosk-exit-error'), /cannot be reached/);
    await kiosk.record('kiosk_exit-server_unreachable');
    await kiosk.click('button[data-action="kiosk_use_break_glass"]');
    const dialog = await browser.$('dialog.kiosk-break-glass');
    await dialog.waitForDisplayed();
    assert.equal(await browser.$('dialog.kiosk-break-glass input[name="admin_login"]').isExisting(), false, 'only the code');
    await kiosk.fill('input[name="break_glass_code"]', 'HK7R-WQ3M-9TXB');
    await kiosk.click('button[data-action="kiosk_break_glass"]');
    await browser.waitUntil(async () => (await browser.$('#kiosk-break-glass-error').getText()) !== '', { timeout: 10000 });
    assert.match(await kiosk.text('#kiosk-break-glass-error'), /not this kiosk\u2019?'?s break-glass code/);
    await kiosk.record('break_glass-refused');

    await kiosk.fill('input[name="break_glass_code"]', code.toLowerCase());
    // The app may end before the click is answered: the WebDriver session loses its window.
    await browser.$('button[data-action="kiosk_break_glass"]').click().catch(() => {});
    await kioskClosed(browser);
  } finally {
    // The secrets scan of close(): the code is in no file and no log line.
    await kiosk.close();
  }
});
