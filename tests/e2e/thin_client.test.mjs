// The window as a thin client of the real gatehouse-server (issue 14 §3): a throw-away PostgreSQL
// with the demo school (as `make run-server`), the server on a free loopback port, and the app
// with only `[server] url` and the certificate. The student types her login and password, the
// server goes away before she signs in: the window says so above the form, keeps what she typed
// and asks again by itself; the server comes back, the notice goes, and the same typed values
// sign her in. The app's data directory holds no database, no key and no secret. A thin kiosk,
// registered with an enrolment code from `gatehouse-cli admin device code` (the server lets
// kiosk sessions in only from a machine registered as a kiosk), closes with the break-glass code
// its registration printed: a wrong code is refused, the right one (in lower case) closes it.

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';

import { DEMO, ROOT, startApp } from './lib.mjs';

const ADA = 'Ada_Lim@students.edu.sg';
const cargo = process.env.CARGO ?? 'cargo';

/** The debug binaries and examples `make run-server` uses, built once (no-op when up to date). */
function build() {
  const run = (args) => execFileSync(cargo, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  run(['build', '--locked', '-p', 'gatehouse-server', '-p', 'gatehouse-cli', '--bins']);
  run(['build', '--locked', '-p', 'gatehouse-server', '--example', 'dev-certificate']);
  run(['build', '--locked', '-p', 'gatehouse-testpg', '--example', 'postgres']);
  const metadata = JSON.parse(execFileSync(cargo, ['metadata', '--format-version', '1', '--no-deps'], { cwd: ROOT, encoding: 'utf8' }));
  return path.join(metadata.target_directory, 'debug');
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
  app = await startApp('thin_client', { demo: false, config: thinConfig });
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
  assert.deepEqual(names, ['gatehouse.toml'], `the data directory holds ${names.join(', ')}`);
  assert.doesNotMatch(readFileSync(path.join(app.dataDir, 'gatehouse.toml'), 'utf8'), /storage|key_file/);
});

test('a registered thin kiosk is closed by its break-glass code and not by a wrong one', async () => {
  // Registered as a lab's kiosks are: an enrolment code on the server, `device register --kiosk`
  // on the machine (here a scratch directory whose files the kiosk's data directory receives).
  const cli = path.join(bin, 'gatehouse-cli');
  const issued = JSON.parse(execFileSync(cli, ['--data-dir', school, 'admin', 'device', 'code', '--json'], { encoding: 'utf8' }));
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
  try {
    const { browser } = kiosk;
    await kiosk.screen('sign_in');
    await kiosk.click('button[data-action="kiosk_admin_exit"]');
    const dialog = await browser.$('dialog.kiosk-exit');
    await dialog.waitForDisplayed();
    assert.equal(await browser.$('dialog.kiosk-exit input[name="admin_login"]').isExisting(), false, 'no administrator sign-in');
    await kiosk.fill('input[name="break_glass_code"]', 'HK7R-WQ3M-9TXB');
    await kiosk.click('button[data-action="kiosk_break_glass"]');
    await browser.waitUntil(async () => (await browser.$('#kiosk-exit-error').getText()) !== '', { timeout: 10000 });
    assert.match(await kiosk.text('#kiosk-exit-error'), /not this kiosk\u2019?'?s break-glass code/);
    await kiosk.record('break_glass-refused');

    await kiosk.fill('input[name="break_glass_code"]', code.toLowerCase());
    await browser.$('button[data-action="kiosk_break_glass"]').click();
    await browser.waitUntil(
      async () => {
        try {
          await browser.getTitle();
          return false;
        } catch {
          return true;
        }
      },
      { timeout: 15000, interval: 250, timeoutMsg: 'the kiosk did not close' },
    );
  } finally {
    // The secrets scan of close(): the code is in no file and no log line.
    await kiosk.close();
  }
});
