// The window's controller: shows whatever screen the core answers with (through the view table),
// sends what the person does, and handles what is common to every screen — the product header,
// errors beside the field at fault and announced to screen readers, focus on each new screen,
// keeping typed (non-secret) values when a screen comes back with an error. On a thin client, a
// school's server that does not answer is said on the page, which keeps everything typed, and the
// window asks again every few seconds until the server is back.

import { adminDialog, type AdminDialog } from './admin_dialog';
import * as api from './api';
import { firstRunDialog } from './first_run';
import { helpDialog, type HelpDialog } from './help_dialog';
import { h, icon, ICONS } from './dom';
import { inLanguage, isLanguage, language, languageName, LANGUAGES, loadLanguage, localise, setLanguage, t } from './messages';
import type { AppInfo, CommandError, ErrorBody, Request, Response } from './types';
import { views } from './views';
import type { Chrome, Ctx, View } from './views/view';
import { button, uid } from './widgets';

/** How often a thin client asks an unreachable server again. */
const RETRY_MS = 5000;

export class App {
  private current: Response | null = null;
  /** The timer asking an unreachable server again, while it runs. */
  private retry: number | null = null;
  private busy = false;
  private notice: string | null = null;
  private readonly main: HTMLElement;
  private readonly product: HTMLElement;
  private readonly signOut: HTMLButtonElement;
  private readonly helpButton: HTMLButtonElement;
  /** The dialogs, each built in the window's language when it opens. */
  private readonly help = inLanguage<HelpDialog>(helpDialog);
  private readonly polite: HTMLElement;
  private readonly assertive: HTMLElement;
  private readonly adminDialog = inLanguage<AdminDialog>(() =>
    adminDialog({
      id: 'admin-sign-in',
      title: t('admin.title'),
      text: t('admin.text'),
      submitLabel: t('admin.submit'),
      action: 'admin_sign_in',
      submit: api.adminSignIn,
      recoveryCodes: true,
      withKey: async (login, password) => {
        const ceremony = await api.adminKeySignInStart(login, password);
        const answer = await api.securityKey('sign', ceremony);
        await api.adminKeySignInFinish(answer.credential);
      },
      done: () => this.say(this.polite, t('admin.opened')),
    }),
  );
  private readonly firstRunDialog = inLanguage(() =>
    firstRunDialog(() => {
      this.info.first_run = false;
      this.say(this.polite, t('admin.opened'));
      if (this.current) this.render(this.current);
    }),
  );

  constructor(private readonly info: AppInfo) {
    this.main = document.getElementById('main')!;
    this.polite = document.getElementById('announce-polite')!;
    this.assertive = document.getElementById('announce-assertive')!;
    this.product = h('p', { class: 'product' });
    this.signOut = button(t('app.signOut'), { kind: 'secondary', name: 'sign_out', onClick: () => void this.send({ action: 'sign_out' }) });
    this.signOut.classList.add('btn-on-dark');
    this.signOut.hidden = true;
    // Help on every screen: the core answers `show_help` with the screen unchanged and the help
    // for whoever is signed in; the page is not re-rendered, so what was typed stays.
    this.helpButton = button(t('help.open'), { kind: 'secondary', name: 'help_open', onClick: () => void this.openHelp() });
    this.helpButton.classList.add('btn-on-dark');
    this.helpButton.setAttribute('aria-haspopup', 'dialog');
    this.buildHeader();
  }

  /** Shows the session's current screen: `first`, when the window asked for it already. */
  async start(first?: () => Promise<Response>): Promise<void> {
    this.setBusy(true);
    try {
      this.render(await (first ? first() : api.currentScreen()));
    } catch (e) {
      this.failure(e, false);
    } finally {
      this.setBusy(false);
    }
  }

  get screen(): string | null {
    return this.current?.screen ?? null;
  }

  get isBusy(): boolean {
    return this.busy;
  }

  /** True on an untouched sign-in screen (or the page that says the server cannot be reached)
   * with no dialog open: nothing there to discard. */
  get isPristine(): boolean {
    // A dialog (an administrator's sign-in, a thin kiosk's break-glass code) lies outside #main.
    if (document.querySelector('dialog[open]')) return false;
    if (this.main.dataset.screen === 'server_unreachable') return true;
    if (this.current?.screen !== 'sign_in' || this.current.notice) return false;
    return [...this.main.querySelectorAll<HTMLInputElement>('input')].every((i) => i.value === '');
  }

  send = async (request: Request, opts: { minDurationMs?: number; render?: boolean } = {}): Promise<Response | null> => {
    if (this.busy) return null;
    this.setBusy(true);
    const started = performance.now();
    try {
      const response = await api.wizard(request);
      const wait = (opts.minDurationMs ?? 0) - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => window.setTimeout(resolve, wait));
      if (opts.render !== false) this.render(response);
      return response;
    } catch (e) {
      // The page stays as it is when the server did not answer: nothing typed is lost.
      this.failure(e, true);
      return null;
    } finally {
      this.setBusy(false);
    }
  };

  /** Opens the Help dialog with what the core says helps on this screen. */
  private async openHelp(): Promise<void> {
    const response = await this.send({ action: 'show_help' }, { render: false });
    if (!response) return;
    if (!response.help) {
      this.say(this.assertive, t('help.failed'));
      return;
    }
    this.help.get().show(response.help);
  }

  /** Kiosk idle reset: the core forgets the person; the window forgets everything typed, and the
   * next person starts in the kiosk's language (`[locale] default_language`). `noticeKey` names
   * the notice the sign-in screen shows (in that language). */
  async discardSession(noticeKey: string): Promise<void> {
    // Every dialog, each emptying its fields as it closes.
    for (const d of document.querySelectorAll<HTMLDialogElement>('dialog[open]')) d.close();
    if (language() !== this.info.language) this.useLanguage(this.info.language, false);
    try {
      const response = await api.resetSession();
      this.current = null;
      this.notice = t(noticeKey);
      this.render(response);
    } catch (e) {
      // The person's page is cleared all the same (a kiosk's privacy).
      this.failure(e, false);
    }
  }

  render = (response: Response): void => {
    this.stopRetrying();
    const same = this.current?.screen === response.screen;
    const kept = same ? this.keptValues() : new Map<string, string[]>();
    this.current = response;
    const view = views[response.screen] as View<typeof response.screen>;
    const content = view.render(response as never, this.ctx(response));
    this.notice = null;
    // "Sign out" only where someone is signed in: the core says so on every response.
    this.setChrome(view.chrome, response.signed_in === true);
    this.main.replaceChildren(content);
    this.main.dataset.screen = response.screen;
    restoreValues(content, kept);
    const title = content.querySelector('h1');
    document.title = `${title?.textContent ?? ''} — ${this.info.branding.portal_name}`;

    let focus: HTMLElement | null = title;
    if (response.screen === 'error') {
      this.say(this.assertive, `${t('common.errorPrefix')} ${response.code} ${response.message}`);
    } else if (response.error) {
      focus = this.showError(content, response.error);
    }
    focus?.focus();
  };

  private ctx(response: Response): Ctx {
    return {
      info: this.info,
      error: response.error,
      notice: this.notice,
      send: this.send,
      render: this.render,
      passwordRules: (password) => api.passwordRules(password),
      openDashboardApp: async (id) => {
        try {
          await api.openDashboardApp(id);
        } catch {
          this.say(this.assertive, t('dashboard.openFailed'));
        }
      },
      announce: (text) => this.say(this.polite, text),
      firstRun: () => this.firstRunDialog.get().open(),
      adminSignIn: () => this.adminDialog.get().open(),
    };
  }

  /**
   * Shows the core's error beside the field it names (tied with aria-describedby and
   * aria-invalid), or in a box under the heading; announces it; returns what to focus.
   */
  private showError(content: HTMLElement, error: ErrorBody): HTMLElement {
    this.say(this.assertive, `${t('common.errorPrefix')} ${error.message}`);
    const input = error.field ? content.querySelector<HTMLInputElement>(`[name="${error.field}"]`) : null;
    const slot = input ? content.querySelector<HTMLElement>(`#${input.id}-error`) : null;
    if (input && slot) {
      slot.replaceChildren(icon(ICONS.cross), h('span', { class: 'sr-only' }, `${t('common.errorPrefix')} `), error.message);
      slot.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      return input;
    }
    const id = uid('form-error');
    const box = h(
      'div',
      { class: 'error-box', id, tabindex: '-1', 'data-error-code': error.code },
      icon(ICONS.cross),
      h('p', null, h('span', { class: 'sr-only' }, `${t('common.errorPrefix')} `), error.message),
    );
    const title = content.querySelector('h1');
    if (title) title.after(box);
    else content.prepend(box);
    for (const control of content.querySelectorAll('input, select')) {
      const ids = control.getAttribute('aria-describedby');
      control.setAttribute('aria-describedby', ids ? `${ids} ${id}` : id);
    }
    return box;
  }

  /** A command failed: an unreachable server is said on the page (kept as it is when `keep`,
   * and there is one) and asked again every few seconds; a refusal of this computer says so;
   * anything else shows the failure page. */
  private failure(e: unknown, keep: boolean): void {
    const err = api.asCommandError(e);
    console.error('gatehouse: command failed', err.code);
    if (api.isUnreachable(err)) {
      this.unreachable(err, keep);
      return;
    }
    this.stopRetrying();
    const device = api.isDeviceRefusal(err);
    const box = h(
      'section',
      { class: 'card card-narrow' },
      h('h1', { tabindex: '-1' }, t(device ? 'device.heading' : 'error.heading')),
      h('p', { class: 'message', 'data-error-code': err.code }, device ? err.message : t('app.failure')),
      device ? h('p', null, t('device.help')) : null,
      h('div', { class: 'actions' }, button(t('app.retry'), { kind: 'primary', onClick: () => void this.start() })),
    );
    this.current = null;
    this.main.replaceChildren(box);
    this.main.dataset.screen = device ? 'device_refused' : 'failure';
    this.say(this.assertive, device ? err.message : t('app.failure'));
    box.querySelector('h1')?.focus();
  }

  /** The server did not answer: a notice above the current page (its form untouched), or a page
   * of its own when there is nothing to keep; then ask again until it answers. */
  private unreachable(err: CommandError, keep: boolean): void {
    const retryNow = button(t('offline.retryNow'), { kind: 'secondary', name: 'retry_server', onClick: () => void this.askAgain() });
    const text = [h('p', null, err.message), h('p', null, t('offline.retrying'))];
    if (keep && this.current) {
      this.main.querySelector('.offline-notice')?.remove();
      const notice = h(
        'div',
        { class: 'error-box offline-notice', role: 'status', tabindex: '-1', 'data-error-code': err.code },
        icon(ICONS.cross),
        h('div', null, ...text, retryNow),
      );
      this.main.prepend(notice);
      notice.focus();
    } else {
      const box = h(
        'section',
        { class: 'card card-narrow', 'data-error-code': err.code },
        h('h1', { tabindex: '-1' }, t('offline.heading')),
        ...text,
        h('div', { class: 'actions' }, retryNow),
      );
      this.current = null;
      this.main.replaceChildren(box);
      this.main.dataset.screen = 'server_unreachable';
      box.querySelector('h1')?.focus();
    }
    this.say(this.assertive, `${err.message} ${t('offline.retrying')}`);
    this.retry ??= window.setInterval(() => void this.askAgain(), RETRY_MS);
  }

  /** Asks the server for the current screen; when it answers, the notice goes and the page is
   * left as it was (what was typed included) unless the server is on another screen now. */
  private async askAgain(): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    let response: Response;
    try {
      response = await api.currentScreen();
    } catch (e) {
      const err = api.asCommandError(e);
      if (!api.isUnreachable(err)) this.failure(err, false);
      return;
    } finally {
      this.setBusy(false);
    }
    this.stopRetrying();
    this.say(this.polite, t('offline.back'));
    if (!this.current || this.current.screen !== response.screen || response.error) {
      this.render(response);
    } else {
      this.main.querySelector('.offline-notice')?.remove();
      (this.main.querySelector<HTMLElement>('input, select, button') ?? this.main.querySelector('h1'))?.focus();
    }
  }

  private stopRetrying(): void {
    if (this.retry !== null) window.clearInterval(this.retry);
    this.retry = null;
  }

  private buildHeader(): void {
    const b = this.info.branding;
    const root = document.documentElement.style;
    root.setProperty('--blue', b.primary_colour);
    root.setProperty('--gold', b.accent_colour);
    const header = document.getElementById('topbar')!;
    // Each language named in its own script, with its own `lang` so it is drawn in its glyphs.
    const chooser = h(
      'select',
      { id: 'language', class: 'language' },
      LANGUAGES.map((code) => h('option', { value: code, lang: code, selected: code === language() }, languageName(code))),
    );
    chooser.addEventListener('change', () => {
      const code = chooser.value;
      if (isLanguage(code)) void loadLanguage(code).then(() => this.useLanguage(code, true));
    });
    header.replaceChildren(
      h(
        'div',
        { class: 'brand' },
        h('img', { src: b.logo ?? './gatehouse.svg', alt: '', width: 40, height: 40, class: 'logo' }),
        h('div', null, this.product, h('p', { class: 'org' }, b.organisation)),
      ),
      h(
        'div',
        { class: 'tools' },
        this.info.demo ? h('span', { class: 'badge' }, t('app.demoBadge')) : null,
        h('div', { class: 'lang' }, icon(ICONS.globe), h('label', { for: 'language', class: 'sr-only' }, t('lang.label')), chooser),
        this.helpButton,
        this.signOut,
      ),
    );
    document.querySelector('.skip-link')!.textContent = t('app.skip');
  }

  /** Shows everything in `code`: the header, the current screen (its engine sentences again from
   * their ids) and what is typed kept. `remember`: the person chose it, so the core remembers it
   * for whoever is signed in (their mails and slips); `sign_in` carries it otherwise. */
  private useLanguage(code: string, remember: boolean): void {
    setLanguage(code);
    this.signOut.textContent = t('app.signOut');
    this.helpButton.textContent = t('help.open');
    this.buildHeader();
    if (this.current) this.render(localise(this.current));
    if (remember && this.current?.signed_in) {
      void api.wizard({ action: 'set_language', language: language() }).catch((e) => console.warn('set_language', e));
    }
  }

  private setChrome(chrome: Chrome, signedIn: boolean): void {
    const b = this.info.branding;
    const names: Record<Chrome, string> = {
      portal: b.portal_name,
      sspr: b.sspr_title,
      twofa: t('chrome.twofa'),
      workspace: t('chrome.workspace', { workspace: b.workspace_name }),
    };
    this.product.textContent = names[chrome];
    document.body.dataset.chrome = chrome;
    this.signOut.hidden = !signedIn;
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.main.setAttribute('aria-busy', String(busy));
    document.body.classList.toggle('busy', busy);
  }

  /** Values of `data-keep` controls by name (in order), to refill after an error. */
  private keptValues(): Map<string, string[]> {
    const kept = new Map<string, string[]>();
    for (const el of this.main.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-keep]')) {
      kept.set(el.name, [...(kept.get(el.name) ?? []), el.value]);
    }
    return kept;
  }

  /** Writes `text` into a live region so screen readers say it (also when it repeats). */
  private say(region: HTMLElement, text: string): void {
    region.textContent = '';
    window.setTimeout(() => (region.textContent = text), 50);
  }
}

function restoreValues(root: HTMLElement, kept: Map<string, string[]>): void {
  for (const [name, values] of kept) {
    root.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[data-keep][name="${name}"]`).forEach((el, i) => {
      if (values[i] !== undefined) el.value = values[i];
    });
  }
}
