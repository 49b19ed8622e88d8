// The window's controller: shows whatever screen the core answers with (through the view table),
// sends what the person does, and handles what is common to every screen — the product header,
// errors beside the field at fault and announced to screen readers, focus on each new screen,
// keeping typed (non-secret) values when a screen comes back with an error.

import { adminDialog, type AdminDialog } from './admin_dialog';
import * as api from './api';
import { firstRunDialog } from './first_run';
import { h, icon, ICONS } from './dom';
import { catalogues, setLanguage, t } from './messages';
import type { AppInfo, ErrorBody, Request, Response } from './types';
import { views } from './views';
import type { Chrome, Ctx, View } from './views/view';
import { button, uid } from './widgets';

export class App {
  private current: Response | null = null;
  private busy = false;
  private notice: string | null = null;
  private readonly main: HTMLElement;
  private readonly product: HTMLElement;
  private readonly signOut: HTMLButtonElement;
  private readonly polite: HTMLElement;
  private readonly assertive: HTMLElement;
  private adminDialog: AdminDialog | null = null;
  private firstRunDialog: { open: () => void } | null = null;

  constructor(private readonly info: AppInfo) {
    this.main = document.getElementById('main')!;
    this.polite = document.getElementById('announce-polite')!;
    this.assertive = document.getElementById('announce-assertive')!;
    this.product = h('p', { class: 'product' });
    this.signOut = button(t('app.signOut'), { kind: 'secondary', name: 'sign_out', onClick: () => void this.send({ action: 'sign_out' }) });
    this.signOut.classList.add('btn-on-dark');
    this.signOut.hidden = true;
    this.buildHeader();
  }

  async start(): Promise<void> {
    this.setBusy(true);
    try {
      this.render(await api.currentScreen());
    } catch (e) {
      this.failure(e);
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

  /** True on an untouched sign-in screen: nothing there to discard. */
  get isPristine(): boolean {
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
      this.failure(e);
      return null;
    } finally {
      this.setBusy(false);
    }
  };

  /** Kiosk idle reset: the core forgets the person; the window forgets everything typed. */
  async discardSession(notice: string): Promise<void> {
    try {
      const response = await api.resetSession();
      this.current = null;
      this.notice = notice;
      this.render(response);
    } catch (e) {
      this.failure(e);
    }
  }

  render = (response: Response): void => {
    const same = this.current?.screen === response.screen;
    const kept = same ? this.keptValues() : new Map<string, string[]>();
    this.current = response;
    const view = views[response.screen] as View<typeof response.screen>;
    const content = view.render(response as never, this.ctx(response));
    this.notice = null;
    this.setChrome(view.chrome, view.signedIn);
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
      firstRun: () => {
        this.firstRunDialog ??= firstRunDialog(() => {
          this.info.first_run = false;
          this.say(this.polite, t('admin.opened'));
          if (this.current) this.render(this.current);
        });
        this.firstRunDialog.open();
      },
      adminSignIn: () => {
        this.adminDialog ??= adminDialog({
          id: 'admin-sign-in',
          title: t('admin.title'),
          text: t('admin.text'),
          submitLabel: t('admin.submit'),
          action: 'admin_sign_in',
          submit: api.adminSignIn,
          done: () => this.say(this.polite, t('admin.opened')),
        });
        this.adminDialog.open();
      },
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

  private failure(e: unknown): void {
    const err = api.asCommandError(e);
    console.error('gatehouse: command failed', err.code);
    const box = h(
      'section',
      { class: 'card card-narrow' },
      h('h1', { tabindex: '-1' }, t('error.heading')),
      h('p', { class: 'message' }, t('app.failure')),
      h('div', { class: 'actions' }, button(t('app.retry'), { kind: 'primary', onClick: () => void this.start() })),
    );
    this.current = null;
    this.main.replaceChildren(box);
    this.main.dataset.screen = 'failure';
    this.say(this.assertive, t('app.failure'));
    box.querySelector('h1')?.focus();
  }

  private buildHeader(): void {
    const b = this.info.branding;
    const root = document.documentElement.style;
    root.setProperty('--blue', b.primary_colour);
    root.setProperty('--gold', b.accent_colour);
    const header = document.getElementById('topbar')!;
    const language = h(
      'select',
      { id: 'language', class: 'language' },
      Object.entries(catalogues).map(([code, c]) => h('option', { value: code, selected: code === 'en' }, c['lang.name'])),
    );
    language.addEventListener('change', () => {
      setLanguage(language.value);
      if (this.current) this.render(this.current);
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
        h('div', { class: 'lang' }, icon(ICONS.globe), h('label', { for: 'language', class: 'sr-only' }, t('lang.label')), language),
        this.signOut,
      ),
    );
    document.querySelector('.skip-link')!.textContent = t('app.skip');
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
