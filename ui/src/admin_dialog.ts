// The administrator sign-in dialog (login ID, password, a code from a tested authenticator or a
// security key's touch), used to open the console and to close a kiosk — or, on a thin kiosk, one field for the kiosk's
// break-glass code. A modal `<dialog>`: focus stays inside, Escape
// cancels, and the fields are emptied whenever it closes. The core judges the sign-in; a refusal
// shows its safe message.

import * as api from './api';
import { h } from './dom';
import { t } from './messages';
import { keyError } from './security_key';
import { button, codeField, field, passwordField } from './widgets';

export interface AdminDialog {
  open: () => void;
  close: () => void;
  readonly element: HTMLElement;
}

export function adminDialog(opts: {
  id: string;
  title: string;
  text: string;
  submitLabel: string;
  action: string;
  submit: (login: string, password: string, code: string) => Promise<void>;
  /** After a successful sign-in (the kiosk exit ends the app instead). */
  done?: () => void;
  /** Only a break-glass code (hidden as typed), passed to `submit` as its `code`. */
  breakGlass?: boolean;
  /** Another way in, offered under the form (a thin kiosk's break-glass code): this dialog
   * closes and `open` runs. */
  alternative?: { label: string; name: string; open: () => void };
  /** A security key's touch instead of the code: the login and the password in, resolved once
   * signed in (or, at a kiosk's exit, never: the app ends). */
  withKey?: (login: string, password: string) => Promise<void>;
  /** The code's field also takes a recovery code (the console's sign-in; not a kiosk's exit,
   * where wrong codes are not counted). */
  recoveryCodes?: boolean;
}): AdminDialog {
  const login = field({ name: 'admin_login', label: t('kiosk.adminLogin'), autocomplete: 'username', required: true });
  const password = passwordField({ name: 'admin_password', label: t('kiosk.adminPassword'), required: true });
  // The code of an authenticator, or (signing in to the console) one of the recovery codes.
  const code = opts.breakGlass
    ? passwordField({ name: 'break_glass_code', label: t('kiosk.breakGlassCode'), required: true })
    : opts.recoveryCodes
      ? field({ name: 'admin_code', label: t('kiosk.adminCode'), hint: t('admin.codeHint'), autocomplete: 'one-time-code', maxlength: 24 })
      : codeField({ name: 'admin_code', label: t('kiosk.adminCode') });
  const fields = opts.breakGlass ? [code] : [login, password, code];
  const status = h('p', { class: 'field-error', id: `${opts.id}-error`, role: 'alert', hidden: true });
  const submit = button(opts.submitLabel, { kind: 'primary', submit: true, name: opts.action });
  const cancel = button(t('common.cancel'), { kind: 'secondary', name: `${opts.action}_cancel` });
  const other = opts.alternative;
  const alternative = other
    ? button(other.label, {
        kind: 'link',
        name: other.name,
        onClick: () => {
          close();
          other.open();
        },
      })
    : null;
  const withKey = opts.withKey;
  const keyButton = withKey
    ? button(t('securityKey.use'), {
        kind: 'link',
        name: `${opts.action}_key`,
        onClick: () => {
          status.hidden = true;
          withKey(login.input.value, password.input.value)
            .then(() => {
              close();
              opts.done?.();
            })
            .catch((e: unknown) => {
              const err = api.asCommandError(e);
              status.textContent = err.code.startsWith('security_key') && !err.id ? keyError(e) : err.message;
              status.hidden = false;
              password.input.value = '';
              (login.input.value ? password.input : login.input).focus();
            });
        },
      })
    : null;
  const formEl = h(
    'form',
    { method: 'dialog', novalidate: true },
    h('h2', { id: `${opts.id}-title` }, opts.title),
    h('p', { id: `${opts.id}-text` }, opts.text),
    status,
    ...fields.map((f) => f.wrapper),
    h('div', { class: 'actions' }, submit, cancel),
    keyButton,
    alternative ? h('p', { class: 'alternative' }, alternative) : null,
  );
  const dialog = h(
    'dialog',
    { class: `kiosk-dialog admin-dialog ${opts.id}`, 'aria-labelledby': `${opts.id}-title`, 'aria-describedby': `${opts.id}-text` },
    formEl,
  ) as HTMLDialogElement;
  document.body.appendChild(dialog);

  const clear = () => {
    for (const f of [login, password, code]) f.input.value = '';
    if (opts.breakGlass) code.input.type = 'password';
    password.input.type = 'password';
    status.hidden = true;
    status.textContent = '';
  };
  const close = () => {
    clear();
    if (dialog.open) dialog.close();
  };
  cancel.addEventListener('click', close);
  dialog.addEventListener('close', clear);
  formEl.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    opts
      .submit(login.input.value, password.input.value, code.input.value)
      .then(() => {
        close();
        opts.done?.();
      })
      .catch((e: unknown) => {
        const err = api.asCommandError(e);
        status.textContent = err.code === 'internal' ? t('app.failure') : err.message;
        status.hidden = false;
        password.input.value = '';
        code.input.value = '';
        (opts.breakGlass ? code.input : login.input.value ? password.input : login.input).focus();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  return {
    open: () => {
      if (dialog.open) return;
      clear();
      dialog.showModal();
      fields[0].input.focus();
    },
    close,
    element: dialog,
  };
}
