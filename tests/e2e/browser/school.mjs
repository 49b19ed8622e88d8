// The browser's sign-in page under test: `make run-server`'s school (scripts/run-server.sh: a
// throw-away PostgreSQL, the demo school, gatehouse-server serving dist-web/) on a free port,
// and Debian's Chromium under chromedriver, headless, trusting exactly that server's certificate
// (its public key's hash; no certificate error is ignored). Run through `make e2e-browser`.

import { spawn } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { remote } from 'webdriverio';

import { ADA, axe, freePort, pageActions, ROOT, waitForScreen } from '../lib.mjs';

/** Starts `command` in its own process group; resolves with it and the first line of its
 * output that `ready` matches (rejects if it exits first or takes longer than `ms`). */
function startUntil(command, args, env, ready, ms) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: ROOT });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start in ${ms} ms:\n${log}`)), ms);
    const hear = (d) => {
      log += d;
      const found = log.split('\n').map((l) => ready.exec(l)).find(Boolean);
      if (found) {
        clearTimeout(timer);
        resolve({ child, found, log: () => log });
      }
    };
    child.stdout.on('data', hear);
    child.stderr.on('data', (d) => (log += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${log}`));
    });
  });
}

function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  return exited;
}

/** SHA-256 of the certificate's public key (SubjectPublicKeyInfo), base64: what Chromium's
 * `--ignore-certificate-errors-spki-list` trusts. */
function spkiHash(pemFile) {
  const der = new X509Certificate(readFileSync(pemFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** The school and a browser on its sign-in page, with `env` for scripts/run-server.sh; call
 * `close()` in `after`. */
export async function openSchool(name, env = {}) {
  const port = await freePort();
  // Building the server and seeding the school take a while on a cold machine.
  const school = await startUntil(
    'scripts/run-server.sh',
    [],
    { GATEHOUSE_LISTEN: `127.0.0.1:${port}`, ...env },
    /^Gatehouse server on (https:\/\/\S+) \(certificate: (\S+);/,
    600000,
  );
  const [, url, certificate] = school.found;
  const apps = [];
  /** The SAML apps running, by port (one at a time on each). */
  const samlApps = new Map();
  const driverPort = await freePort();
  const driver = await startUntil('chromedriver', [`--port=${driverPort}`], {}, /was started successfully/, 30000);
  const profile = mkdtempSync(path.join(tmpdir(), `gatehouse-chromium-${name}-`));
  const browser = await remote({
    hostname: '127.0.0.1',
    port: driverPort,
    logLevel: 'warn',
    connectionRetryCount: 0,
    capabilities: {
      browserName: 'chrome',
      'wdio:enforceWebDriverClassic': true,
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: [
          '--headless=new',
          '--no-sandbox',
          '--window-size=1280,900',
          `--user-data-dir=${profile}`,
          `--ignore-certificate-errors-spki-list=${spkiHash(certificate)}`,
        ],
      },
    },
  });
  const shots = path.join(ROOT, 'tests/e2e/screenshots', name);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  let shot = 0;
  const page = {
    browser,
    url,
    /** Waits until the page shows `screen` and is not busy. */
    screen: (screen, timeout = 15000) => waitForScreen(browser, screen, timeout),
    /** A screenshot in tests/e2e/screenshots/<name>/. */
    async shot(label) {
      shot += 1;
      await browser.saveScreenshot(path.join(shots, `${String(shot).padStart(2, '0')}-${label}.png`));
    },
    /** A screenshot and axe-core (WCAG 2.1 A and AA). */
    async record(label) {
      await page.shot(label);
      await axe(browser, label);
    },
    ...pageActions(browser),
    certificate,
    /** Starts examples/oidc-app as `clientId` on `port`; resolves with its address. */
    async startApp(clientId, port) {
      const args = ['examples/oidc-app/app.py', '--issuer', url, '--ca', certificate, '--client-id', clientId, '--port', String(port)];
      const started = await startUntil('python3', args, {}, /^example app on (\S+)\/$/, 30000);
      apps.push(started.child);
      return started.found[1];
    },
    /** Starts (or restarts) examples/saml-app on `port`, accepting IdP-initiated sign-ins;
     * with `clockAhead` (libfaketime's offset, e.g. '+7m') its clock runs that far ahead, as an
     * app's would that receives a response late. Resolves with its address. */
    async startSamlApp(port, { clockAhead } = {}) {
      await stop(samlApps.get(port));
      const base = `http://127.0.0.1:${port}`;
      const app = ['examples/saml-app/app.py', '--idp', url, '--ca', certificate, '--entity-id', `${base}/metadata`];
      const args = [...app, '--port', String(port), '--allow-unsolicited'];
      const [command, line] = clockAhead ? ['faketime', ['-f', clockAhead, 'python3', ...args]] : ['python3', args];
      const started = await startUntil(command, line, {}, /^example SAML app on (\S+)\/$/, 30000);
      apps.push(started.child);
      samlApps.set(port, started.child);
      return started.found[1];
    },
    /** What the server wrote to its standard error so far (its log). */
    serverLog: () => school.log(),
    async close() {
      await Promise.race([browser.deleteSession().catch(() => undefined), new Promise((r) => setTimeout(r, 10000))]);
      await stop(driver.child);
      for (const app of apps) await stop(app);
      await stop(school.child);
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return page;
}

/** The demo student's first sign-in after her temporary password: her challenge questions, then
 * a new password whose checklist ticks from the server as she types; on to the applications.
 * `record`: a screenshot and axe-core of the questions and the ticked checklist. */
export async function questionsAndPassword(page, record = false) {
  const { browser } = page;
  await page.screen('set_questions');
  const selects = await browser.$$('select[name="questions"]');
  const answers = await browser.$$('input[name="answers"]');
  for (const [i, [id, answer]] of ADA.questions.entries()) {
    await selects[i].selectByAttribute('value', id);
    await answers[i].setValue(answer);
  }
  if (record) await page.record('set_questions');
  await page.click('button[data-action="set_questions"]');
  await page.screen('confirm_questions');
  await page.click('button[data-action="confirm_questions"]');
  await page.screen('questions_saved');
  await page.click('button[data-action="continue"]');
  await page.screen('change_password');
  const newPassword = await browser.$('input[name="new_password"]');
  await newPassword.setValue(ADA.newPassword);
  await browser.waitUntil(
    async () => {
      const oks = await browser.execute(() => [...document.querySelectorAll('li[data-rule]')].map((li) => li.dataset.ok));
      return oks.length > 0 && oks.every((ok) => ok === 'true');
    },
    { timeout: 10000, timeoutMsg: 'not every rule ticked for a good password' },
  );
  await page.fill('input[name="confirm_password"]', ADA.newPassword);
  if (record) await page.record('change_password-ticked');
  await page.click('button[data-action="change_password"]');
  await page.screen('password_changed', 20000);
  await page.click('button[data-action="continue"]');
}
