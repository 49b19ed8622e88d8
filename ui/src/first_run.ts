// First run of an empty install: create the first administrator (a staff account with the SA,
// LA and AO roles and a password they choose), enrol their authenticator from the QR code, and
// prove it with a code; the console then opens. Nothing is stored until the code is right.

import * as api from './api';
import { passwordChecklist } from './checklist';
import { h } from './dom';
import { t } from './messages';
import { button, codeField, field, passwordField, selectField } from './widgets';

export function firstRunDialog(done: () => void): { open: () => void; element: HTMLElement } {
  const status = h('p', { class: 'field-error', id: 'first-run-error', role: 'alert', hidden: true });
  const body = h('div');
  const dialog = h(
    'dialog',
    { class: 'kiosk-dialog admin-dialog first-run', 'aria-labelledby': 'first-run-title' },
    h('h2', { id: 'first-run-title' }, t('firstRun.title')),
    status,
    body,
  ) as HTMLDialogElement;
  document.body.appendChild(dialog);
  const fail = (e: unknown) => {
    const err = api.asCommandError(e);
    status.textContent = err.code === 'internal' ? t('app.failure') : err.message;
    status.hidden = false;
    api.pointAtField(dialog, err, 'first_');
  };
  const cancel = () => button(t('common.cancel'), { name: 'first_run_cancel', onClick: () => dialog.close() });

  const details = () => {
    status.hidden = true;
    const login = field({ name: 'first_login', label: t('firstRun.login'), hint: t('firstRun.loginHint'), autocomplete: 'username', required: true });
    const name = field({ name: 'first_name', label: t('firstRun.name'), required: true });
    const kind = selectField({
      name: 'first_kind',
      label: t('firstRun.kind'),
      options: [
        { value: 'school_staff', label: t('console.kind.school_staff') },
        { value: 'hq_staff', label: t('console.kind.hq_staff') },
      ],
      value: 'school_staff',
    });
    const location = field({ name: 'first_location', label: t('firstRun.location'), hint: t('firstRun.locationHint'), required: true });
    const email = field({ name: 'first_work_email', label: t('firstRun.workEmail'), inputmode: 'email' });
    const password = passwordField({ name: 'first_password', label: t('firstRun.password'), autocomplete: 'new-password', required: true });
    const confirm = passwordField({ name: 'first_confirm', label: t('firstRun.confirm'), autocomplete: 'new-password', required: true });
    // The same live checklist as change_password; the core judges it against the ID and name.
    const checklist = passwordChecklist([], null);
    const ask = () => api.firstAdminPasswordRules(login.input.value, name.input.value, password.input.value);
    checklist.follow(password.input, ask);
    void ask().then((r) => checklist.show(r.rules, null), () => undefined);
    const form = h(
      'form',
      { novalidate: true },
      h('p', null, t('firstRun.intro')),
      login.wrapper,
      name.wrapper,
      kind.wrapper,
      location.wrapper,
      email.wrapper,
      h('fieldset', { class: 'first-run-password' },
        h('legend', null, t('changePassword.legend')),
        checklist.notes,
        checklist.list,
        checklist.summary,
        password.wrapper,
        checklist.strength,
        confirm.wrapper),
      h('div', { class: 'actions' }, button(t('common.next'), { submit: true, name: 'first_run_next' }), cancel()),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      api
        .firstAdminPrepare({
          login: login.input.value,
          name: name.input.value,
          kind: kind.select.value,
          location: location.input.value,
          work_email: email.input.value,
          password: password.input.value,
          confirm_password: confirm.input.value,
        })
        .then((enrolment) => {
          password.input.value = '';
          confirm.input.value = '';
          enrol(enrolment);
        })
        .catch(fail);
    });
    body.replaceChildren(form);
    login.input.focus();
  };

  const enrol = (e: { secret: string; qr_svg: string }) => {
    status.hidden = true;
    const code = codeField({ name: 'first_code', label: t('firstRun.code'), digits: 6 });
    const form = h(
      'form',
      { novalidate: true },
      h('p', null, t('firstRun.scan')),
      h('div', { class: 'enrol' },
        h('img', { class: 'qr', src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(e.qr_svg)}`, width: 256, height: 256, alt: t('addToken.qrAlt') }),
        h('div', { class: 'secret-box' }, h('p', null, t('addToken.secretLabel')), h('p', null, h('code', { class: 'secret', 'data-secret': 'true' }, e.secret)))),
      code.wrapper,
      h('div', { class: 'actions' }, button(t('firstRun.finish'), { submit: true, name: 'first_run_finish' }), cancel()),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      api
        .firstAdminFinish(code.input.value)
        .then(() => {
          dialog.close();
          done();
        })
        .catch((err: unknown) => {
          code.input.value = '';
          fail(err);
          code.input.focus();
        });
    });
    body.replaceChildren(form);
    code.input.focus();
  };

  // Closing forgets everything typed.
  dialog.addEventListener('close', () => body.replaceChildren());
  return {
    open: () => {
      details();
      dialog.showModal();
      dialog.querySelector<HTMLInputElement>('input')?.focus();
    },
    element: dialog,
  };
}
