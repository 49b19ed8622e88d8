// Kiosk mode in the window (DESIGN §6; the shell makes the window full screen, undecorated, on
// top and unclosable): no context menu, no reload or zoom shortcuts, and after the idle time a
// visible countdown, then the session is discarded and sign-in shows again.

import * as api from './api';
import type { App } from './app';
import { h } from './dom';
import { inLanguage, t } from './messages';
import { adminDialog } from './admin_dialog';
import { button } from './widgets';

export interface KioskSettings {
  idle_seconds: number;
  countdown_seconds: number;
}

/** Keys that would reload, zoom, print, navigate or open something other than the wizard. */
function isBlockedKey(e: KeyboardEvent): boolean {
  const key = e.key.toLowerCase();
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh', 'browserhome'].includes(key)) return true;
  if (e.altKey && ['arrowleft', 'arrowright', 'home'].includes(key)) return true;
  if (e.ctrlKey || e.metaKey) {
    return ['r', 'w', 'q', 'p', 's', 'o', 'u', 'n', 't', 'l', 'f', 'g', 'j', 'h', '+', '-', '=', '0'].includes(key);
  }
  return false;
}

/** The administrator's way to the kiosk exit: Ctrl+Alt+K. */
function isExitChord(e: KeyboardEvent): boolean {
  return e.ctrlKey && e.altKey && !e.metaKey && e.key.toLowerCase() === 'k';
}

export function startKiosk(app: App, settings: KioskSettings, thin: boolean): void {
  document.body.classList.add('kiosk');
  document.addEventListener('contextmenu', (e) => e.preventDefault(), true);
  document.addEventListener(
    'keydown',
    (e) => {
      if (isBlockedKey(e)) e.preventDefault();
    },
    true,
  );
  document.addEventListener(
    'wheel',
    (e) => {
      if (e.ctrlKey) e.preventDefault();
    },
    { capture: true, passive: false },
  );

  const count = h('span', { class: 'count' });
  const text = h('p', { id: 'kiosk-text' });
  const stay = button(t('kiosk.stay'), { kind: 'primary', name: 'kiosk_stay' });
  const title = h('h2', { id: 'kiosk-title' }, t('kiosk.title'));
  const dialog = h(
    'div',
    { class: 'kiosk-overlay', hidden: true },
    h(
      'div',
      { class: 'kiosk-dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'kiosk-title', 'aria-describedby': 'kiosk-text' },
      title,
      count,
      text,
      stay,
    ),
  );
  document.body.appendChild(dialog);

  // The administrator's way out: password and a current code from a tested authenticator,
  // checked here or, on a thin kiosk (a client of the school's server), by the server; when that
  // server cannot be reached, the kiosk's own break-glass code.
  // Each is built in the window's language when it opens.
  const breakGlass = inLanguage(() =>
    adminDialog({
      id: 'kiosk-break-glass',
      title: t('kiosk.breakGlassTitle'),
      text: t('kiosk.breakGlassText'),
      submitLabel: t('kiosk.breakGlassSubmit'),
      action: 'kiosk_break_glass',
      submit: (_login, _password, code) => api.kioskBreakGlass(code),
      breakGlass: true,
    }),
  );
  const exitDialog = inLanguage(() =>
    adminDialog({
      id: 'kiosk-exit',
      title: t('kiosk.adminTitle'),
      text: t('kiosk.adminText'),
      submitLabel: t('kiosk.adminSubmit'),
      action: 'kiosk_exit',
      submit: api.kioskExit,
      withKey: async (login, password) => {
        const ceremony = await api.kioskExitKeyStart(login, password);
        const answer = await api.securityKey('sign', ceremony);
        await api.kioskExitKeyFinish(answer.credential);
      },
      alternative: thin
        ? { label: t('kiosk.breakGlassLink'), name: 'kiosk_use_break_glass', open: () => breakGlass.get().open() }
        : undefined,
    }),
  );
  const exit = { open: () => exitDialog.get().open(), close: () => exitDialog.peek()?.close() };
  // No link for everyone to try: an administrator opens the dialog with Ctrl+Alt+K (README,
  // "Kiosk mode"), or by asking the window to close (Alt+F4).
  void api.onKioskCloseRefused(() => exit.open());
  document.addEventListener(
    'keydown',
    (e) => {
      if (isExitChord(e)) {
        e.preventDefault();
        exit.open();
      }
    },
    true,
  );

  let last = Date.now();
  // An administrator's console (its own window) is open: this window is not left alone, and
  // its idle time runs from the administrator's last input there (the shell also ends the
  // console by itself at the kiosk's idle time).
  let consoleOpen = false;
  let returnFocus: HTMLElement | null = null;
  const hide = () => {
    if (dialog.hidden) return;
    dialog.hidden = true;
    void api.kioskAttention(false);
    returnFocus?.focus();
    returnFocus = null;
  };
  const activity = () => {
    last = Date.now();
    hide();
  };
  stay.addEventListener('click', activity);
  void api.onConsoleSession((open) => {
    consoleOpen = open;
    if (open) activity();
  });
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'input']) {
    document.addEventListener(type, activity, { capture: true, passive: true });
  }

  window.setInterval(() => {
    if (app.isBusy) return;
    if (app.isPristine && !consoleOpen) {
      last = Date.now();
      hide();
      return;
    }
    const remaining = Math.ceil(settings.idle_seconds - (Date.now() - last) / 1000);
    if (remaining <= 0) {
      dialog.hidden = true;
      returnFocus = null;
      last = Date.now();
      exit.close();
      // Every dialog closes, and each empties its fields as it does (a half-typed password or
      // break-glass code stays for no one).
      closeDialogs();
      void app.discardSession('kiosk.ended');
    } else if (remaining <= settings.countdown_seconds) {
      count.textContent = String(remaining);
      text.textContent = t('kiosk.countdown', { n: remaining });
      if (dialog.hidden) {
        // In the language the person chose meanwhile.
        title.textContent = t('kiosk.title');
        stay.textContent = t('kiosk.stay');
        // An open Help dialog would hide the countdown (a modal is on top of everything): it
        // closes, and the page it covered is what "I'm still here" returns to. (An administrator's
        // dialog stays until the reset: what she typed is hers to finish if she is still here.)
        document.querySelector<HTMLDialogElement>('dialog.help-dialog[open]')?.close();
        returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        dialog.hidden = false;
        void api.kioskAttention(true);
        stay.focus({ preventScroll: true });
      }
    }
  }, 250);
}

/** Closes every open dialog of the window (an administrator dialog empties its fields as it closes). */
export function closeDialogs(): void {
  for (const d of document.querySelectorAll<HTMLDialogElement>('dialog[open]')) d.close();
}
