// Kiosk mode (DESIGN §6) with a short idle time from the config: the window fills the screen;
// a student starts signing in and walks away; the countdown shows, then the session is
// discarded and sign-in shows again with nothing of hers left. An app opened from the dashboard
// opens above the kiosk in a window of its own whose cookies the idle reset wipes (a local site
// that tells a first visit from a return stands in for the app). Ctrl+Alt+K (there is no link)
// opens the exit: an administrator's password and authenticator code (oathtool) close the kiosk;
// a wrong code does not, and is audited without counting towards her lockout.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ADMIN, DEMO, ROOT, auditRows, kioskClosed, kioskExitChord, oathtool, startApp } from './lib.mjs';

const ADA = 'Ada_Lim@students.edu.sg';
const CONFIG = `[secrets]
key_store = "file"

[kiosk]
enabled = true
idle_seconds = 8
countdown_seconds = 5
`;

/** The class site: sets a cookie and reloads once (per window), so its requests show whether
 * the browser kept the cookie (`requests`, in order). */
const requests = [];
/** The homework site's pages asked for, in order: one that tries every way to a file. */
const homework = [];
const HOMEWORK = {
  // An upload field over the whole page, a print on any click, then a new window.
  '/homework':
    '<!doctype html><html lang="en"><title>Homework</title>' +
    '<input type="file" style="position:fixed;inset:0;width:100vw;height:100vh">' +
    "<script>document.addEventListener('click', () => { window.print(); setTimeout(() => window.open('/homework/opened', '_blank'), 300); });</script></html>",
  // The page a new window would show; then a file of the kiosk's — and, still here after it,
  // a word to the site.
  '/homework/opened':
    '<!doctype html><html lang="en"><title>Homework opened</title><p>Opened</p>' +
    "<script>setTimeout(() => { location.href = 'file:///etc/hostname'; }, 200);" +
    "setTimeout(() => fetch('/homework/still-here'), 600);</script></html>",
  '/homework/still-here': 'ok',
};
const site = http.createServer((req, res) => {
  if (HOMEWORK[req.url]) {
    homework.push(req.url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(HOMEWORK[req.url]);
    return;
  }
  requests.push({ cookie: /(^|;\s*)visited=1/.test(req.headers.cookie ?? '') });
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'visited=1; Max-Age=3600; Path=/' });
  res.end(
    '<!doctype html><html lang="en"><title>Class site</title><p>Class site</p>' +
      "<script>if (!sessionStorage.getItem('again')) { sessionStorage.setItem('again', '1'); location.reload(); }</script></html>",
  );
});

/** The X11 windows titled `title`: how many, and how many are on the screen now. */
function xWindows(title) {
  return JSON.parse(execFileSync('python3', [path.join(ROOT, 'tests/e2e/x_windows.py'), title], { encoding: 'utf8' }));
}

/** A pupil signed in on the kiosk, on the dashboard. */
async function toDashboard() {
  await app.screen('sign_in');
  await app.fill('input[name="login"]', 'Chloe_Ng@students.edu.sg');
  await app.fill('input[name="password"]', DEMO.password);
  await app.click('button[data-action="sign_in"]');
  await app.screen('applications');
  await app.click('button[data-app="icon"]');
  await app.screen('dashboard');
}

let app;
before(async () => {
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  const apps = `
[[dashboard.apps]]
id = "classsite"
name = "Class site"
url = "http://127.0.0.1:${site.address().port}/"
for = ["p1_3", "p4_6", "secondary", "jc_mi", "staff"]

[[dashboard.apps]]
id = "homework"
name = "Homework"
url = "http://127.0.0.1:${site.address().port}/homework"
for = ["p1_3", "p4_6", "secondary", "jc_mi", "staff"]
`;
  app = await startApp('kiosk', { config: CONFIG + apps });
});
after(async () => {
  await app?.close();
  site.close();
});

test('an idle session is counted down, then discarded, and sign-in shows with nothing left', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  const [inner, screen] = await browser.execute(() => [
    [window.innerWidth, window.innerHeight],
    [window.screen.width, window.screen.height],
  ]);
  assert.deepEqual(inner, screen, 'the kiosk window covers the screen');

  await app.fill('input[name="login"]', ADA);
  await app.fill('input[name="password"]', DEMO.temporaryPassword);
  await app.click('button[data-action="sign_in"]');
  await app.screen('set_questions');
  await app.fill('input[name="answers"]', 'something personal');

  // No input now: the countdown appears for the last seconds.
  const overlay = await browser.$('.kiosk-overlay');
  await browser.waitUntil(async () => (await overlay.getAttribute('hidden')) === null, { timeout: 15000, interval: 100 });
  const count = Number(await app.text('.kiosk-overlay .count'));
  assert.ok(count >= 1 && count <= 5, `a countdown of at most 5 s: ${count}`);
  await app.record('countdown');

  await app.screen('sign_in', 15000);
  assert.match(await app.text('main'), /Your session ended because there was no activity/);
  const values = await browser.execute(() => [...document.querySelectorAll('input')].map((i) => i.value));
  assert.ok(values.every((v) => v === ''), `no typed value survives: ${JSON.stringify(values)}`);
  assert.equal(await browser.execute(() => document.body.textContent.includes('something personal')), false);
  await app.record('after_reset');
});

test('a half-typed administrator sign-in on the untouched sign-in screen is wiped at the idle time', async () => {
  const { browser } = app;
  await app.screen('sign_in');
  // The dialog lies outside the page (a modal on the body): an administrator starts to sign in
  // to the console and walks away.
  await app.click('button[data-action="admin_sign_in_open"]');
  const dialog = await browser.$('dialog.admin-sign-in');
  await dialog.waitForDisplayed({ timeout: 10000 });
  await app.fill('dialog.admin-sign-in input[name="admin_login"]', ADMIN.login);
  await app.fill('dialog.admin-sign-in input[name="admin_password"]', 'Blue-Otter-Lan');
  const opened = Date.now();
  // The idle reset (8 s here) closes it, and what was typed goes with it.
  await browser.waitUntil(async () => !(await dialog.isDisplayed()), { timeout: 15000, interval: 100 });
  const waited = (Date.now() - opened) / 1000;
  assert.ok(waited >= 6, `closed at the idle time, not before: ${waited.toFixed(1)} s`);
  const typed = await browser.execute(() => [...document.querySelectorAll('dialog input')].map((i) => i.value));
  assert.ok(typed.every((v) => v === ''), `nothing typed stays in a dialog: ${JSON.stringify(typed)}`);
  assert.equal(await browser.execute(() => document.querySelector('dialog[open]') === null), true, 'no dialog is left open');
  await app.screen('sign_in');
  assert.match(await app.text('main'), /Your session ended because there was no activity/);
});

test('an app opened from the kiosk dashboard opens above it in its own window, whose cookies the idle reset wipes', async () => {
  const { browser } = app;
  const windows = (want, message) =>
    browser.waitUntil(async () => JSON.stringify(xWindows('Class site')) === JSON.stringify(want), { timeout: 15000, interval: 200, timeoutMsg: message });
  /** Opens the class site from the dashboard; the two requests of its first load and reload. */
  const openSite = async () => {
    const before = requests.length;
    await app.click('button[data-app="classsite"]');
    await windows({ total: 1, viewable: 1 }, 'the app did not open in a window of its own');
    await browser.waitUntil(async () => requests.length >= before + 2, { timeout: 15000, timeoutMsg: 'the site was not loaded twice' });
    return requests.slice(before, before + 2).map((r) => r.cookie);
  };

  await toDashboard();
  assert.deepEqual(await openSite(), [false, true], 'a first visit, then the cookie kept while the window is open');
  // Nobody touches the kiosk: the countdown needs their eyes, so the app steps aside ...
  const overlay = await browser.$('.kiosk-overlay');
  await browser.waitUntil(async () => (await overlay.getAttribute('hidden')) === null, { timeout: 15000, interval: 100 });
  await windows({ total: 1, viewable: 0 }, 'the app window hid the countdown');
  // ... and when the session is discarded, the app's window goes with it.
  await app.screen('sign_in', 20000);
  await windows({ total: 0, viewable: 0 }, 'the app window outlived the session');

  // The next person opens the same app: nothing of the last one's visit is left.
  await toDashboard();
  assert.deepEqual(await openSite(), [false, true], 'the idle reset wiped the app window\'s cookies');
  await app.click('button[data-action="sign_out"]');
  await windows({ total: 0, viewable: 0 }, 'sign-out left the app open');
  await app.screen('signed_out');
  await app.click('button[data-action="continue"]');
  await app.screen('sign_in');
});

test('an app opened from a kiosk reaches no file: no upload, no print dialog, no new window, no file address', async () => {
  const { browser } = app;
  const xList = () => JSON.parse(execFileSync('python3', [path.join(ROOT, 'tests/e2e/x_windows.py'), '--list'], { encoding: 'utf8' }));
  await toDashboard();
  await app.click('button[data-app="homework"]');
  await browser.waitUntil(async () => xWindows('Homework').viewable === 1 && homework.includes('/homework'), {
    timeout: 15000,
    timeoutMsg: 'the homework site did not open',
  });
  const before = xList();
  // A pupil's click on the upload field (a real pointer click: the page sees a gesture), which
  // also asks to print and, a moment later, opens a new window. (All within this kiosk's short
  // idle time: the app steps aside for the countdown 3 s after it opened, and the idle reset
  // closes it at 8 s.)
  execFileSync('python3', [path.join(ROOT, 'tests/e2e/x_windows.py'), '--click']);
  await browser.waitUntil(async () => homework.includes('/homework/opened'), { timeout: 5000, timeoutMsg: 'the new window was not followed' });
  await new Promise((r) => setTimeout(r, 1500));
  // No file chooser, no print dialog, no second window: the one window went to the new page,
  // and stayed there when that page asked for a file of the kiosk's.
  // (Gatehouse's own windows come and go from the list as the app steps aside for the countdown.)
  const ours = new Set([...before, 'gatehouse', 'Homework']);
  assert.deepEqual(xList().filter((t) => !ours.has(t)), [], 'no dialog or window of the page\'s came up');
  assert.equal(xWindows('Homework').total, 1, 'one window');
  // The click did reach the upload field and the print: each was asked for, and refused.
  assert.match(app.log(), /kiosk: a page's file chooser refused/);
  assert.match(app.log(), /kiosk: a page's print dialog refused/);
  assert.ok(homework.includes('/homework/still-here'), `the page stayed when it asked for a file: ${JSON.stringify(homework)}`);
  // The idle reset closes it, as any app.
  await app.screen('sign_in', 20000);
  await browser.waitUntil(async () => xWindows('Homework').total === 0, { timeout: 15000, timeoutMsg: 'the app outlived the session' });
});

test('a close request from the window system is refused and offers the administrator sign-in', async () => {
  const { browser } = app;
  // WM_DELETE_WINDOW, as a window manager sends for Alt+F4 (there is none under Xvfb).
  execFileSync('python3', [path.join(ROOT, 'tests/e2e/close_window.py'), 'gatehouse']);
  const dialog = await browser.$('dialog.kiosk-exit');
  await dialog.waitForDisplayed({ timeout: 10000 });
  assert.equal(await app.currentScreen(), 'sign_in', 'the window is still there');
  const english = await app.text('#kiosk-exit-title');
  await app.click('button[data-action="kiosk_exit_cancel"]');
  await browser.waitUntil(async () => !(await dialog.isDisplayed()), { timeout: 5000 });

  // In the language chosen since: the dialog is built again in it.
  await (await browser.$('#language')).selectByAttribute('value', 'ta');
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === 'ta', { timeout: 5000 });
  execFileSync('python3', [path.join(ROOT, 'tests/e2e/close_window.py'), 'gatehouse']);
  const tamil = await browser.$('dialog.kiosk-exit');
  await tamil.waitForDisplayed({ timeout: 10000 });
  const title = await app.text('#kiosk-exit-title');
  assert.ok(title !== english && /[\u0B80-\u0BFF]/.test(title), `the exit dialog in Tamil: ${title}`);
  assert.equal(await browser.$$('dialog.kiosk-exit').length, 1, 'the English one is gone from the page');
  await app.click('button[data-action="kiosk_exit_cancel"]');
  await browser.waitUntil(async () => !(await tamil.isDisplayed()), { timeout: 5000 });
  await (await browser.$('#language')).selectByAttribute('value', 'en');
  await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === 'en', { timeout: 5000 });
});

test('only an administrator with a current authenticator code closes the kiosk, opened with Ctrl+Alt+K', async () => {
  const { browser } = app;
  assert.equal(await browser.$('button[data-action="kiosk_admin_exit"]').isExisting(), false, 'no link for everyone to try');
  await kioskExitChord(browser);
  const dialog = await browser.$('dialog.kiosk-exit');
  await dialog.waitForDisplayed();
  await app.fill('dialog.kiosk-exit input[name="admin_login"]', ADMIN.login);
  await app.fill('dialog.kiosk-exit input[name="admin_password"]', DEMO.password);
  const wrong = oathtool(ADMIN.totpSecret, 900);
  await app.fill('dialog.kiosk-exit input[name="admin_code"]', wrong);
  await app.record('admin_exit');
  await app.click('button[data-action="kiosk_exit"]');
  await browser.waitUntil(async () => (await browser.$('#kiosk-exit-error').getText()) !== '', { timeout: 10000 });
  assert.match(await app.text('#kiosk-exit-error'), /not correct/);
  await app.record('admin_exit-refused');

  // A student's account cannot close it either, and her right password is answered as a wrong
  // one (nothing counts at a kiosk's exit, so nothing may tell them apart).
  await app.fill('dialog.kiosk-exit input[name="admin_login"]', 'Chloe_Ng@students.edu.sg');
  await app.fill('dialog.kiosk-exit input[name="admin_password"]', DEMO.password);
  await app.fill('dialog.kiosk-exit input[name="admin_code"]', '123456');
  await app.click('button[data-action="kiosk_exit"]');
  await browser.waitUntil(async () => /not correct/.test(await browser.$('#kiosk-exit-error').getText()), { timeout: 10000 });

  await app.fill('dialog.kiosk-exit input[name="admin_login"]', ADMIN.login);
  await app.fill('dialog.kiosk-exit input[name="admin_password"]', DEMO.password);
  // A security key's touch instead of the code: asked for whatever the password (nothing counts
  // here, so nothing may tell a right one); with no key plugged in, the dialog says so.
  await app.click('button[data-action="kiosk_exit_key"]');
  await browser.waitUntil(async () => /No security key was found/.test(await app.text('dialog.kiosk-exit')), { timeout: 10000 });
  await app.fill('dialog.kiosk-exit input[name="admin_password"]', DEMO.password);
  await app.fill('dialog.kiosk-exit input[name="admin_code"]', oathtool(ADMIN.totpSecret));
  // The app ends, maybe before the click is answered: the WebDriver session loses its window.
  await browser.$('button[data-action="kiosk_exit"]').click().catch(() => {});
  await kioskClosed(browser);
  const rows = auditRows(app.dataDir, "subject = 'Irene_Tan@schools.gov.sg' AND detail LIKE 'administrator sign-in (kiosk exit)%'");
  // Her key's try is refused in the log (she has none), then her code closes the kiosk.
  assert.deepEqual(rows.map((r) => r[2]), ['sign_in_failed', 'sign_in'], JSON.stringify(rows));
  const refused = auditRows(app.dataDir, "subject = 'Chloe_Ng@students.edu.sg' AND detail LIKE 'administrator sign-in%'");
  assert.equal(refused.length, 1, 'the refusal is audited');
  const wrongCode = auditRows(app.dataDir, "subject = 'Irene_Tan@schools.gov.sg' AND detail LIKE '%(kiosk exit: not counted towards the lockout)'");
  assert.equal(wrongCode.length, 1, `the wrong code is audited and not counted: ${JSON.stringify(wrongCode)}`);
});
