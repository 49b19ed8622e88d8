// Shared fixtures of the end-to-end tests: start the real release app through tauri-driver and
// WebKitWebDriver (each test with its own data directory, XDG folders and private D-Bus session,
// so single-instance and WebKit state never leak between tests), find things by the wire
// contract's names, save a screenshot per screen, and check each screen with axe-core.
//
// Run through `make e2e`, which builds the app and wraps everything in xvfb-run.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

import { Key, remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const APP = process.env.GATEHOUSE_APP ?? path.join(ROOT, 'target/release/gatehouse');
const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Demo school credentials (README, "Walk a demo student through the guide"). */
export const DEMO = {
  temporaryPassword: 'Sunrise-Harbor-42',
  password: 'Blue-Otter-Lantern-7',
  answers: {
    'What is your favourite colour?': 'yellow',
    'What is your favourite animal?': 'hamster',
    'What is your favourite book?': 'The Good Earth',
  },
};

/** The demo administrator (README) and the base32 secret of their tested authenticator. */
export const ADMIN = { login: 'Irene_Tan@schools.gov.sg', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };

/** A TOTP code from oathtool (an implementation independent of the app), `offset` seconds on. */
export function oathtool(secretBase32, offset = 0) {
  const sign = offset < 0 ? '-' : '+';
  return execFileSync('oathtool', ['--totp', '-b', '-N', `now ${sign}${Math.abs(offset)} seconds`, secretBase32], {
    encoding: 'utf8',
  }).trim();
}

/** A mail of the outbox as a person reads it: the headers, then the body decoded (base64 or
 * quoted-printable, as lettre writes a body beyond ASCII). */
function readMail(file) {
  const raw = readFileSync(file, 'utf8');
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return raw;
  const headers = raw.slice(0, split);
  let body = raw.slice(split + 4);
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return `${headers}\r\n\r\n${body}`;
}

/** The code a mail delivers, in whatever language: the six digits after "OTP #N" on its line
 * ("(OTP #1) is 123456", "（OTP #1）是 123456", "(OTP #1) ialah 123456", "(OTP #1): 123456"). */
const DELIVERED_CODE = /(OTP #\d+\D{1,12}?)\d{6}/g;

/** The code of email OTP #`sequence` from the data directory's outbox (no SMTP configured). */
export function mailedOtp(dataDir, sequence) {
  const outbox = path.join(dataDir, 'outbox');
  for (const name of readdirSync(outbox)) {
    const mail = readMail(path.join(outbox, name));
    const found = new RegExp(`OTP #${sequence}\\D{1,12}?(\\d{6})`).exec(mail);
    if (found) return found[1];
  }
  throw new Error(`no mail for OTP #${sequence} in ${outbox}`);
}

/** Rows of the audit table, by running sqlite through Python (independent of the app). */
export function auditRows(dataDir, where = '1=1') {
  const script = `import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(json.dumps(db.execute("SELECT actor, subject, event, outcome, detail FROM audit WHERE " + sys.argv[2] + " ORDER BY id").fetchall()))`;
  return JSON.parse(execFileSync('python3', ['-c', script, path.join(dataDir, 'gatehouse.db'), where], { encoding: 'utf8' }));
}

/** Inputs whose values are secrets: passwords, answers, codes, keys. */
const SECRET_FIELD = /password|answer|code|secret|otp/;

/**
 * Every secret of `secrets` found in clear in a file under `dataDir` (the database, its WAL,
 * the config, the key file's folder, the outbox) or in the app's and drivers' log — as
 * `file: secret`, the secret shortened. A mail in `outbox/` is the delivery of an email OTP, so
 * its own code is allowed there and nothing else. Left out on purpose: `exports/` (the slips and
 * exports an administrator asked for, which carry temporary passwords by design).
 */
export function findSecrets(dataDir, secrets, log) {
  const files = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'exports') walk(full);
      } else {
        files.push(full);
      }
    }
  };
  walk(dataDir);
  const found = [];
  const haystacks = files.map((f) => {
    const name = path.relative(dataDir, f);
    const bytes = readFileSync(f);
    if (!name.startsWith(`outbox${path.sep}`)) return [name, bytes];
    // Read as decoded (a base64 body would hide anything from a search of the raw file).
    return [name, Buffer.from(readMail(f).replace(DELIVERED_CODE, '$1······'), 'utf8')];
  });
  haystacks.push(['log', Buffer.from(log ?? '')]);
  for (const secret of secrets) {
    const forms = new Set([secret, secret.replaceAll(' ', '')]);
    for (const [name, bytes] of haystacks) {
      for (const form of forms) {
        if (bytes.includes(Buffer.from(form, 'utf8'))) found.push(`${name}: ${form.slice(0, 3)}…`);
      }
    }
  }
  return found;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`tauri-driver exited early (${child.exitCode ?? child.signalCode})`);
    const open = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on ${port}`);
}

/** The window size GATEHOUSE_E2E_WINDOW asks for (`1024x768`), or null for the app's own. */
export function windowSize() {
  const size = /^(\d+)x(\d+)$/.exec(process.env.GATEHOUSE_E2E_WINDOW ?? '');
  return size ? { width: Number(size[1]), height: Number(size[2]) } : null;
}

/** Waits until `browser`'s page shows `screen` and is not busy; returns the main element. */
export async function waitForScreen(browser, screen, timeout = 15000) {
  const main = await browser.$('main');
  await browser.waitUntil(
    async () => (await main.getAttribute('data-screen')) === screen && (await main.getAttribute('aria-busy')) === 'false',
    { timeout, interval: 50, timeoutMsg: `expected screen ${screen}, saw ${await main.getAttribute('data-screen')}` },
  );
  return main;
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on `browser`'s page and fails on any violation. */
export async function axe(browser, label) {
  // Once per document (each window, each reload has its own).
  if (!(await browser.execute(() => typeof window.axe !== 'undefined'))) await browser.execute(AXE_SOURCE);
  const result = await browser.executeAsync((done) => {
    window.axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }))))
      .catch((e) => done([{ id: 'axe-error', help: String(e), nodes: [] }]));
  });
  assert.deepEqual(result, [], `axe-core violations on ${label}:\n${JSON.stringify(result, null, 2)}`);
}

/** What a walk does on `browser`'s page: fill a field, click, read a text. */
export function pageActions(browser) {
  return {
    async fill(selector, value) {
      const el = await browser.$(selector);
      await el.waitForDisplayed();
      await el.clearValue();
      await el.setValue(value);
    },
    async click(selector) {
      const el = await browser.$(selector);
      await el.waitForClickable();
      await el.click();
    },
    /** The element's text as read, without the invisible marks (U+2066–U+2069) with which the
     * window isolates each name and number inside a sentence. */
    async text(selector) {
      return (await (await browser.$(selector)).getText()).replace(/[\u2066-\u2069]/g, '');
    },
  };
}

/** The demo student's first sign-in (student guide section 1): her challenge questions and
 * answers, and the new password she chooses. */
export const ADA = {
  login: 'Ada_Lim@students.edu.sg',
  newPassword: 'Tulip-Harbor-4827',
  questions: [
    ['favourite_colour', 'yellow'],
    ['favourite_animal', 'hamster'],
    ['favourite_book', 'The Good Earth'],
  ],
};

/**
 * Starts the app with `args` (default: the demo school in a fresh data directory; `config` and
 * `files` written into it first) and returns a session object; call `session.close()` in `after`.
 */
export async function startApp(name, { args = [], demo = true, config = null, files = {} } = {}) {
  const tmp = mkdtempSync(path.join(tmpdir(), `gatehouse-e2e-${name}-`));
  const dataDir = path.join(tmp, 'data');
  if (config !== null) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'gatehouse.toml'), config);
  }
  // Further files of the data directory before the app starts, owner-only (`files`: name → text).
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, file), text, { mode: 0o600 });
  }
  const env = { ...process.env };
  for (const [key, dir] of [
    ['XDG_DATA_HOME', 'xdg-data'],
    ['XDG_CACHE_HOME', 'xdg-cache'],
    ['XDG_CONFIG_HOME', 'xdg-config'],
    ['XDG_STATE_HOME', 'xdg-state'],
    ['XDG_RUNTIME_DIR', 'xdg-runtime'],
  ]) {
    env[key] = path.join(tmp, dir);
    mkdirSync(env[key], { recursive: true, mode: 0o700 });
  }
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const port = await freePort();
  const nativePort = await freePort();
  // A private session bus per test: the app's single-instance lock lives on it.
  const driver = spawn(
    'dbus-run-session',
    ['--', 'tauri-driver', '--port', String(port), '--native-port', String(nativePort)],
    // Its own process group, so closing ends the bus, the drivers and the app together.
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  driver.stdout.on('data', (d) => (log += d));
  driver.stderr.on('data', (d) => (log += d));
  /** Stops the bus, the drivers and the app (its own process group). */
  const stopDriver = () => {
    const exited = new Promise((resolve) => (driver.exitCode !== null || driver.signalCode !== null ? resolve() : driver.once('exit', resolve)));
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    return exited;
  };
  // tauri-driver forwards to WebKitWebDriver, which it starts: both must listen before a
  // session is asked for (on a busy machine WebKitWebDriver can come up late, and tauri-driver
  // then drops the request).
  await waitForPort(port, driver);
  await waitForPort(nativePort, driver);

  // Logging at info level, so the secrets scan also proves that nothing secret is logged.
  const appArgs = [...(demo ? ['--demo'] : []), '--data-dir', dataDir, '--log', 'info', ...args];
  const started = Date.now();
  let browser;
  try {
    browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'warn',
      connectionRetryCount: 0,
      capabilities: {
        'tauri:options': { application: APP, args: appArgs },
        'wdio:enforceWebDriverClassic': true,
      },
    });
  } catch (e) {
    // Nothing left running to hold the test file open; the drivers' log says why.
    await stopDriver();
    throw new Error(`the app's WebDriver session did not start: ${e.message}\n${log}`);
  }
  // GATEHOUSE_E2E_WINDOW=WxH: the walk in a window of that size (a small laptop's 1024x768),
  // axe-core on every screen as at the default size; its screenshots go to
  // target/e2e-WxH/ rather than replacing the README's.
  const small = windowSize();
  if (small) await browser.setWindowSize(small.width, small.height);
  const shots = small
    ? path.join(ROOT, 'target', `e2e-${small.width}x${small.height}`, name)
    : path.join(ROOT, 'tests/e2e/screenshots', name);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  let shot = 0;

  const session = {
    browser,
    dataDir,
    tmp,
    started,
    /** Waits until the window shows `screen` and is not busy; returns the main element. */
    screen: (screen, timeout = 15000) => waitForScreen(browser, screen, timeout),
    async currentScreen() {
      return (await browser.$('main')).getAttribute('data-screen');
    },
    /** Saves `NN-label.png` in tests/e2e/screenshots/<test>/ (or target/e2e-WxH/<test>/);
     * `aside`: in target/e2e-aside/<test>/ instead (shots kept to look at, not committed). */
    async shot(label, { aside = false } = {}) {
      shot += 1;
      const dir = aside ? path.join(ROOT, 'target', 'e2e-aside', name) : shots;
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${String(shot).padStart(2, '0')}-${label}.png`);
      // Let WebKit paint the latest DOM before the capture.
      await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
      // The window as the X server shows it (ImageMagick's `import`): WebKitWebDriver's own
      // screenshot needs accelerated compositing, which Gatehouse's windows do without.
      const { x, y, width, height } = await browser.getWindowRect();
      execFileSync('import', ['-window', 'root', '-crop', `${width}x${height}+${x}+${y}`, '+repage', file]);
      return file;
    },
    /** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page and fails on any violation. */
    axe: (label) => axe(browser, label),
    /** Screenshot and accessibility check of the screen now shown. */
    async record(label) {
      await session.shot(label);
      await session.axe(label);
    },
    /** A screen in a language (issue 16): the page's `lang`; `record` (a shot, and axe-core,
     * whose rules include the `lang` ones); no text past its box, at this size and with text at
     * 200 % (shot too); every character of the page in an installed font. */
    async inspect(label, language) {
      assert.equal(await browser.execute(() => document.documentElement.lang), language, `${label}: the page's lang`);
      await session.record(label);
      assert.deepEqual(await browser.execute(OVERFLOWS), [], `${label}: text past its box`);
      const text = await browser.execute(() =>
        [document.body.innerText, ...[...document.querySelectorAll('input, option')].map((e) => e.value ?? e.textContent)].join(' '),
      );
      assert.deepEqual(missingGlyphs(text), [], `${label}: characters no installed font has`);
      const scrolled = await browser.execute(() => [window.scrollX, window.scrollY]);
      await browser.execute(() => (document.documentElement.style.fontSize = '200%'));
      try {
        await session.shot(`${label}-text-200`, { aside: true });
        assert.deepEqual(await browser.execute(OVERFLOWS), [], `${label}: text past its box at 200 % text`);
      } finally {
        await browser.execute((x, y) => {
          document.documentElement.style.removeProperty('font-size');
          window.scrollTo(x, y);
        }, ...scrolled);
      }
    },
    /** What the app (and its drivers) logged so far. */
    log: () => log,
    /** Secrets this walk typed or was shown; none may be left in clear in the data directory. */
    secrets: new Set(),
    /** Registers a secret the walk read off the screen (a TOTP key, a temporary password). */
    secret(value) {
      if (value && value.length >= 6) session.secrets.add(value);
    },
    ...pageActions(browser),
    async fill(selector, value) {
      if (SECRET_FIELD.test(selector)) session.secret(value);
      await pageActions(browser).fill(selector, value);
    },
    async close() {
      const quit = browser.deleteSession().catch(() => {
        /* the app may already be gone */
      });
      await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 10000))]);
      await stopDriver();
      driver.stdout.destroy();
      driver.stderr.destroy();
      const leaks = findSecrets(dataDir, session.secrets, log);
      if (process.env.GATEHOUSE_E2E_KEEP !== '1') rmSync(tmp, { recursive: true, force: true });
      assert.deepEqual(leaks, [], `secrets in clear after the walk:\n${leaks.join('\n')}`);
      if (process.env.GATEHOUSE_E2E_LOG === '1') console.log(log);
    },
  };
  if (demo) {
    for (const value of [DEMO.password, DEMO.temporaryPassword, ...Object.values(DEMO.answers), ADMIN.totpSecret]) session.secret(value);
  }
  return session;
}

/** Run in the page: every visible box whose text runs past it (a word too long for a button, a
 * label wider than its column), and a page that scrolls sideways. Form controls, scrolling
 * containers and the screen-reader-only texts are left out. */
const OVERFLOWS = () => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth + 1) out.push(`the page scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}`);
  for (const el of document.querySelectorAll('body *')) {
    if (el.matches('input, select, textarea, option, svg, svg *, img, .sr-only, .sr-only *') || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.display === 'inline' || ['auto', 'scroll'].includes(style.overflowX) || style.visibility === 'hidden') continue;
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
      out.push(`${name} (${el.scrollWidth} > ${el.clientWidth}): ${el.textContent.trim().slice(0, 60)}`);
    }
  }
  // What sticks out past the window's right edge (outside a box that scrolls sideways): the
  // innermost such elements, which are the culprits.
  const past = [...document.querySelectorAll('body *')].filter((el) => {
    if (el.getClientRects().length === 0 || el.closest('.sr-only')) return false;
    for (let p = el.parentElement; p; p = p.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return false;
    return el.getBoundingClientRect().right > root.clientWidth + 1;
  });
  for (const el of past.filter((e) => !past.some((o) => o !== e && e.contains(o)))) {
    const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
    out.push(`${name} ends at ${Math.round(el.getBoundingClientRect().right)} > ${root.clientWidth}: ${el.textContent.trim().slice(0, 60)}`);
  }
  return out;
};

/** The characters fontconfig's fonts cover (the fonts WebKitGTK falls back through), once. */
let covered = null;
function coverage() {
  if (covered) return covered;
  covered = [];
  const charsets = execFileSync('fc-list', ['--format', '%{charset}\n'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  for (const line of charsets.split('\n')) {
    for (const range of line.trim().split(/\s+/).filter(Boolean)) {
      const [a, b] = range.split('-').map((h) => parseInt(h, 16));
      covered.push([a, b ?? a]);
    }
  }
  return covered;
}

/** The characters of `text` that no installed font has (drawn as empty boxes): none may be. */
export function missingGlyphs(text) {
  const ranges = coverage();
  const missing = new Set();
  for (const ch of text) {
    const c = ch.codePointAt(0);
    // Spaces, controls and the invisible isolation marks Fluent puts around names.
    if (c <= 0x20 || (c >= 0x7f && c <= 0xa0) || (c >= 0x2066 && c <= 0x2069) || c === 0x200b || c === 0xfeff) continue;
    if (!ranges.some(([a, b]) => c >= a && c <= b)) missing.add(`${ch} U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...missing];
}

/** An administrator's way to a kiosk's exit dialog: Ctrl+Alt+K (there is no link for everyone). */
export async function kioskExitChord(browser) {
  await browser.action('key').down(Key.Control).down(Key.Alt).down('k').up('k').up(Key.Alt).up(Key.Control).perform();
}

/** Waits until the app has ended (a closed kiosk): the WebDriver session loses its window. */
export async function kioskClosed(browser) {
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
}
