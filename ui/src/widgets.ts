// Building blocks the views share: labelled fields, password fields with Show/Hide, one-time
// code fields, buttons, banners. Every control gets a visible label; hints and errors are tied to
// it with aria-describedby (the app fills `#<id>-error` when the core names the field at fault).

import { h, icon, ICONS, type Child } from './dom';
import { t } from './messages';
import type { AppTile, RecoveryCode, Request } from './types';

let serial = 0;
/** A fresh element id (ids change on every render, so nothing stale is ever referenced). */
export function uid(prefix: string): string {
  serial += 1;
  return `${prefix}-${serial}`;
}

export interface FieldOptions {
  /** The request field this input fills (also used to show the core's error beside it). */
  name: string;
  label: string;
  type?: 'text' | 'password' | 'email' | 'number';
  value?: string;
  hint?: string;
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'email';
  placeholder?: string;
  /** Kept (re-filled) when the same screen comes back with an error; never for secrets. */
  keep?: boolean;
  required?: boolean;
  maxlength?: number;
  pattern?: string;
  spellcheck?: boolean;
}

export interface Field {
  wrapper: HTMLElement;
  input: HTMLInputElement;
}

function describedBy(id: string, hint?: string): string {
  return [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
}

function fieldParts(id: string, opts: FieldOptions): Child[] {
  return [
    opts.hint ? h('p', { id: `${id}-hint`, class: 'hint' }, opts.hint) : null,
    h('p', { id: `${id}-error`, class: 'field-error', hidden: true }),
  ];
}

export function field(opts: FieldOptions): Field {
  const id = uid(`f-${opts.name}`);
  const input = h('input', {
    id,
    name: opts.name,
    type: opts.type ?? 'text',
    value: opts.value,
    autocomplete: opts.autocomplete ?? 'off',
    inputmode: opts.inputmode,
    placeholder: opts.placeholder,
    maxlength: opts.maxlength,
    pattern: opts.pattern,
    spellcheck: opts.spellcheck === undefined ? 'false' : String(opts.spellcheck),
    autocapitalize: 'off',
    'aria-required': opts.required ? 'true' : undefined,
    'aria-describedby': describedBy(id, opts.hint),
    'data-keep': opts.keep && opts.type !== 'password' ? 'true' : undefined,
  });
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, opts.label), input, fieldParts(id, opts));
  return { wrapper, input };
}

/** A password input with a Show/Hide button that switches between dots and plain text. */
/**
 * A secret typed by the person — a password, or a challenge answer (`answer`) — hidden as typed
 * with Show/Hide, and a warning while Caps Lock is on (passwords are case sensitive).
 */
export function passwordField(opts: Omit<FieldOptions, 'type'> & { answer?: boolean }): Field {
  const id = uid(`f-${opts.name}`);
  const capsId = `${id}-caps`;
  const input = h('input', {
    id,
    name: opts.name,
    type: 'password',
    value: opts.value,
    autocomplete: opts.autocomplete ?? 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    maxlength: opts.maxlength,
    'aria-required': opts.required ? 'true' : undefined,
    'aria-describedby': [describedBy(id, opts.hint), capsId].filter(Boolean).join(' '),
    // An answer typed on a screen that comes back with an error is kept, as before it was
    // hidden; a password never is.
    'data-keep': opts.answer && opts.keep ? 'true' : undefined,
  });
  const [showLabel, hideLabel] = opts.answer ? [t('common.showAnswer'), t('common.hideAnswer')] : [t('common.showPassword'), t('common.hidePassword')];
  const toggle = h('button', { type: 'button', class: 'btn btn-secondary btn-toggle', 'aria-controls': id, 'aria-label': showLabel }, t('common.show'));
  toggle.addEventListener('click', () => {
    const show = input.type === 'password';
    input.type = show ? 'text' : 'password';
    toggle.textContent = show ? t('common.hide') : t('common.show');
    toggle.setAttribute('aria-label', show ? hideLabel : showLabel);
  });
  const caps = h('p', { id: capsId, class: 'caps-warning', hidden: true }, t('common.capsLock'));
  const watchCaps = (e: KeyboardEvent) => {
    // Some keys (and some platforms) do not say; only a definite answer changes the warning.
    if (typeof e.getModifierState !== 'function') return;
    caps.hidden = !e.getModifierState('CapsLock');
  };
  input.addEventListener('keydown', watchCaps);
  input.addEventListener('keyup', watchCaps);
  input.addEventListener('blur', () => (caps.hidden = true));
  const wrapper = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, opts.label),
    h('div', { class: 'input-row' }, input, toggle),
    caps,
    fieldParts(id, opts),
  );
  return { wrapper, input };
}

/** A one-time code input: numeric keypad, and the OS may offer a code it received. */
export function codeField(opts: { name: string; label: string; hint?: string; digits?: number }): Field {
  const f = field({
    name: opts.name,
    label: opts.label,
    hint: opts.hint,
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    pattern: '[0-9]*',
    maxlength: opts.digits ?? 8,
    required: true,
  });
  f.input.classList.add('code-input');
  return f;
}

export interface SelectOption {
  value: string;
  label: string;
}

export function selectField(opts: {
  name: string;
  label: string;
  options: SelectOption[];
  value?: string;
  placeholder?: string;
  keep?: boolean;
}): { wrapper: HTMLElement; select: HTMLSelectElement } {
  const id = uid(`f-${opts.name}`);
  const select = h(
    'select',
    { id, name: opts.name, 'aria-describedby': `${id}-error`, 'data-keep': opts.keep ? 'true' : undefined },
    opts.placeholder !== undefined ? h('option', { value: '' }, opts.placeholder) : null,
    opts.options.map((o) => h('option', { value: o.value, selected: o.value === opts.value }, o.label)),
  );
  const wrapper = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, opts.label),
    select,
    h('p', { id: `${id}-error`, class: 'field-error', hidden: true }),
  );
  return { wrapper, select };
}

type ButtonKind = 'primary' | 'secondary' | 'link' | 'danger';

export function button(
  label: string,
  opts: { kind?: ButtonKind; submit?: boolean; onClick?: () => void; describedBy?: string; name?: string } = {},
): HTMLButtonElement {
  const b = h(
    'button',
    {
      type: opts.submit ? 'submit' : 'button',
      class: `btn btn-${opts.kind ?? (opts.submit ? 'primary' : 'secondary')}`,
      'aria-describedby': opts.describedBy,
      'data-action': opts.name,
    },
    label,
  );
  if (opts.onClick) b.addEventListener('click', opts.onClick);
  return b;
}

export function actions(...buttons: Child[]): HTMLElement {
  return h('div', { class: 'actions' }, buttons);
}

/** What a signed-in person may change themselves (applications and dashboard). */
/** A list of application tiles; choosing one sends `open_app` with its id. */
export function appTiles(apps: AppTile[], send: (r: Request) => unknown, iconOf: (id: string) => string): HTMLElement {
  return h(
    'ul',
    { class: 'tiles', role: 'list' },
    apps.map((app) =>
      h(
        'li',
        null,
        h(
          'button',
          { type: 'button', class: 'tile', 'data-app': app.id, onclick: () => void send({ action: 'open_app', app: app.id }) },
          icon(iconOf(app.id), 'icon tile-icon'),
          h('span', { class: 'tile-name' }, app.name),
        ),
      ),
    ),
  );
}

export function accountActions(send: (r: Request) => unknown): HTMLElement {
  return h(
    'nav',
    { class: 'account-actions', 'aria-label': t('account.label') },
    button(t('account.changePassword'), { kind: 'link', name: 'change_my_password', onClick: () => void send({ action: 'change_my_password' }) }),
    button(t('account.changeQuestions'), { kind: 'link', name: 'change_my_questions', onClick: () => void send({ action: 'change_my_questions' }) }),
  );
}

/** A form whose submit (button or Enter) calls `onSubmit`; the browser never navigates. */
export function form(onSubmit: (form: HTMLFormElement) => void, ...children: Child[]): HTMLFormElement {
  const f = h('form', { novalidate: true }, children);
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onSubmit(f);
  });
  return f;
}

/** A status banner (notices from the core, e.g. "Your account has been unlocked."). */
export function banner(text: string, kind: 'info' | 'success' = 'info'): HTMLElement {
  return h(
    'div',
    { class: `banner banner-${kind}`, role: 'status' },
    icon(kind === 'success' ? ICONS.check : ICONS.info),
    h('p', null, text),
  );
}

export function heading(text: string): HTMLHeadingElement {
  return h('h1', { tabindex: '-1' }, text);
}

export function paragraphs(...texts: string[]): HTMLElement[] {
  return texts.map((text) => h('p', null, text));
}

/** The value of the named control inside `root`. */
export function valueOf(root: ParentNode, name: string): string {
  const el = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  return el ? el.value : '';
}

/** The code prompt shared by iCON's sign-in and a reset with 2FA: a notice (the code shown now
 * was just used), intro, account, code, Next/Cancel. */
export function totpCard(opts: {
  intro: string;
  login: string;
  digits: number;
  notice?: string | null;
  /** Recovery codes the person has left: when any, a recovery code may be given instead. */
  recoveryLeft?: number;
  /** Open on the recovery code (the core refused one just now). */
  recoveryOpen?: boolean;
  /** "Use my security key", when the person has one (`security_key.ts`). */
  key?: HTMLElement | null;
  send: (r: Request) => unknown;
}): HTMLElement {
  const code = codeField({ name: 'code', label: t('totp.code'), digits: opts.digits, hint: t('totp.codeHint', { digits: opts.digits }) });
  const cancel = () => button(t('common.cancel'), { name: 'cancel', onClick: () => void opts.send({ action: 'cancel' }) });
  const codeForm = form(
    (f) => void opts.send({ action: 'submit_totp', code: valueOf(f, 'code') }),
    code.wrapper,
    actions(button(t('common.next'), { submit: true, name: 'submit_totp' }), cancel()),
  );
  const left = opts.recoveryLeft ?? 0;
  let recovery: HTMLElement | null = null;
  if (left > 0) {
    // A recovery code stands in for the authenticator once (a lost phone); never for the password.
    const field_ = field({
      name: 'recovery_code',
      label: t('totp.recoveryCode'),
      hint: t('totp.recoveryHint', { left }),
      maxlength: 24,
      required: true,
    });
    field_.input.classList.add('recovery-input');
    const recoveryForm = form(
      (f) => void opts.send({ action: 'submit_recovery_code', code: valueOf(f, 'recovery_code') }),
      field_.wrapper,
      actions(button(t('common.next'), { submit: true, name: 'submit_recovery_code' }), cancel()),
    );
    const swap = (toRecovery: boolean) => {
      codeForm.hidden = toRecovery;
      recoveryForm.hidden = !toRecovery;
      toggle.textContent = toRecovery ? t('totp.useCode') : t('totp.useRecovery');
      (toRecovery ? field_.input : code.input).focus();
    };
    const toggle = button(t('totp.useRecovery'), { kind: 'link', name: 'use_recovery_code', onClick: () => swap(!codeForm.hidden) });
    const open = opts.recoveryOpen === true;
    codeForm.hidden = open;
    recoveryForm.hidden = !open;
    if (open) toggle.textContent = t('totp.useCode');
    recovery = h('div', { class: 'recovery' }, recoveryForm, h('p', null, toggle));
  }
  return h(
    'section',
    { class: 'card card-narrow' },
    heading(t('totp.heading')),
    opts.notice ? banner(opts.notice) : null,
    h('p', null, opts.intro),
    h('p', { class: 'hint' }, t('totp.account', { login: opts.login })),
    opts.key ?? null,
    codeForm,
    recovery,
  );
}

/**
 * Recovery codes shown once (the completion of the 2FA set-up, or a new set): numbered, grouped,
 * in a block that is all a print shows, with a Print button.
 */
export function recoveryCodes(codes: RecoveryCode[]): HTMLElement {
  return h(
    'div',
    { class: 'recovery-codes' },
    h('h2', null, t('recovery.heading')),
    h('p', null, t('recovery.intro')),
    h(
      'ol',
      { class: 'recovery-list', 'aria-label': t('recovery.listLabel') },
      codes.map((c) => h('li', { 'data-number': c.number }, h('span', { class: 'recovery-number' }, t('recovery.number', { number: c.number })), ' ', h('code', { class: 'recovery-code' }, c.code))),
    ),
    actions(button(t('recovery.print'), { name: 'print_recovery_codes', onClick: () => window.print() })),
  );
}

/** A success page: heading, the core's message as a banner, optional text, Continue. */
export function successCard(opts: { heading: string; message: string; text?: string; send: (r: Request) => unknown }): HTMLElement {
  return h(
    'section',
    { class: 'card card-narrow' },
    heading(opts.heading),
    banner(opts.message, 'success'),
    opts.text ? h('p', null, opts.text) : null,
    actions(button(t('common.continue'), { kind: 'primary', name: 'continue', onClick: () => void opts.send({ action: 'continue' }) })),
  );
}
