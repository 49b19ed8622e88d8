// What the console's sections share: the announcer, error display, confirmations, tables, and
// the print view of freshly issued temporary passwords (shown nowhere else).

import { asCommandError, consoleApi, pointAtField } from '../api';
import { append, h, type Child } from '../dom';
import { say, t } from '../messages';
import type { Issued } from '../types';
import { button } from '../widgets';
import { when } from '../time';

/** Replaces `el`'s children (null and false skipped). */
export function fill(el: HTMLElement, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function announce(text: string, assertive = false): void {
  const region = document.getElementById(assertive ? 'announce-assertive' : 'announce-polite')!;
  region.textContent = '';
  window.setTimeout(() => (region.textContent = text), 50);
}

/** A status line under a form: errors in red and announced; `null` clears it. */
export function statusLine(): { el: HTMLElement; show: (text: string | null, error?: boolean) => void } {
  const el = h('p', { class: 'console-status', role: 'status', hidden: true });
  return {
    el,
    show(text, error = false) {
      el.hidden = text === null;
      el.textContent = text ?? '';
      el.classList.toggle('is-error', error);
      if (text) announce(text, error);
    },
  };
}

/** Runs a console command; a failure becomes the safe message the shell sent, and the input it
 * names (`prefix` + its field, e.g. `new_login`) is marked. */
export async function attempt<T>(
  status: { show: (t: string | null, e?: boolean) => void },
  run: () => Promise<T>,
  prefix = 'new_',
): Promise<T | null> {
  status.show(null);
  document.getElementById('main')!.setAttribute('aria-busy', 'true');
  try {
    return await run();
  } catch (e) {
    const err = asCommandError(e);
    if (err.code === 'session_expired' || err.code === 'not_signed_in') {
      window.alert(err.message);
      void consoleApi.signOut();
    }
    status.show(err.message, true);
    pointAtField(document.getElementById('main') ?? document, err, prefix);
    return null;
  } finally {
    document.getElementById('main')!.setAttribute('aria-busy', 'false');
  }
}

/** A modal confirmation: resolves true on the confirm button, false on Cancel or Escape. */
export function confirmDialog(title: string, text: string, confirm: string): Promise<boolean> {
  return new Promise((resolve) => {
    const yes = button(confirm, { kind: 'danger', name: 'confirm' });
    const no = button(t('common.cancel'), { kind: 'secondary', name: 'confirm_cancel' });
    const dialog = h(
      'dialog',
      { class: 'kiosk-dialog console-confirm', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', { id: 'confirm-text' }, text),
      h('div', { class: 'actions' }, yes, no),
    ) as HTMLDialogElement;
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    no.focus();
  });
}

/** A table in a box of its own that scrolls sideways when the table is wider than the window
 * (text at 200 %, Tamil's longer words), as data tables may (WCAG 1.4.10), not the whole page. */
export function table(caption: string, headers: string[], rows: Child[][]): HTMLElement {
  const box = h(
    'div',
    { class: 'table-box' },
    h(
      'table',
      { class: 'console-table' },
      h('caption', { class: 'sr-only' }, caption),
      h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c))))),
    ),
  );
  // While it scrolls, the box is a named region the keyboard can reach and scroll.
  new ResizeObserver(() => {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    for (const [name, value] of [['tabindex', '0'], ['role', 'region'], ['aria-label', caption]] as const) {
      if (scrolls) box.setAttribute(name, value);
      else box.removeAttribute(name);
    }
  }).observe(box);
  return box;
}

/** A login ID with a line-break opportunity before its `@`, so a narrow column breaks it there
 * rather than mid-word (the text itself is unchanged). */
export function loginParts(login: string): Child[] {
  const at = login.indexOf('@');
  return at > 0 ? [login.slice(0, at), h('wbr'), login.slice(at)] : [login];
}

export function labelled(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || `c-${Math.random().toString(36).slice(2)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

export function select(name: string, options: [string, string][], value = ''): HTMLSelectElement {
  return h('select', { name }, options.map(([v, l]) => h('option', { value: v, selected: v === value }, l)));
}

/** The kinds of account, for a select (`''` is "Any"), in the console's language. */
export function kinds(): [string, string][] {
  return [
    ['', t('console.any')],
    ['student', t('console.kind.student')],
    ['school_staff', t('console.kind.school_staff')],
    ['hq_staff', t('console.kind.hq_staff')],
  ];
}

/** The levels, for a select (`''` is "Any"), named as the slips name them. */
export function levels(): [string, string][] {
  return [
    ['', t('console.any')],
    ['p1_3', say({ id: 'slip-level-p1-3' })],
    ['p4_6', say({ id: 'slip-level-p4-6' })],
    ['secondary', say({ id: 'slip-level-secondary' })],
    ['jc_mi', say({ id: 'slip-level-jc-mi' })],
  ];
}

/**
 * The freshly issued temporary passwords: the only place they are shown. A table for the print
 * view (Print), and the PDF slips written in Rust (Open slips).
 */
/** True in a console at a kiosk: no file is opened in another program there. */
let atKiosk = false;

export function setAtKiosk(kiosk: boolean): void {
  atKiosk = kiosk;
}

export function opensFiles(): boolean {
  return !atKiosk;
}

export function issuedPanel(result: Issued, status: { show: (t: string | null, e?: boolean) => void }): HTMLElement {
  const rows = result.issued.map((i) => [i.name, i.login, h('code', { class: 'secret' }, i.temporary_password), when(i.expires)]);
  return h(
    'section',
    { class: 'issued', 'aria-labelledby': 'issued-title' },
    h('h2', { id: 'issued-title', tabindex: '-1' }, t('console.issued.title', { n: result.issued.length })),
    h('p', null, t('console.issued.once')),
    h(
      'div',
      { class: 'actions' },
      result.slips && !atKiosk
        ? button(t('console.issued.openSlips'), {
            kind: 'primary',
            name: 'open_slips',
            onClick: () => void attempt(status, () => consoleApi.openFile(result.slips!)),
          })
        : null,
      button(t('console.issued.print'), { name: 'print', onClick: () => window.print() }),
    ),
    result.slips && !atKiosk ? h('p', { class: 'hint' }, t('console.issued.saved', { path: result.slips })) : null,
    result.slips && atKiosk ? h('p', { class: 'hint' }, t('console.issued.atKiosk')) : null,
    result.slips_error ? h('p', { class: 'console-status is-error', role: 'alert' }, result.slips_error) : null,
    h(
      'div',
      { class: 'print-area' },
      table(t('console.issued.caption'), [t('console.col.name'), t('console.col.login'), t('console.col.temporary'), t('console.col.expires')], rows),
      h('ol', { class: 'print-steps' }, [1, 2, 3, 4, 5].map((n) => h('li', null, t(`console.step${n}`)))),
    ),
  );
}

// The school's time as a person reads it (shared with the wizard's screens).
export { when };
