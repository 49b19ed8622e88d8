// Accounts: search by login ID or name, kind, level, location, class; select many (or all
// shown), or a whole class, and reset them together with printable slips; an account page with
// its state and authenticators (never a secret) and the actions — edit, disable/enable, delete,
// the destructive ones confirmed; and creating one account.

import { consoleApi } from '../api';
import { h } from '../dom';
import { t } from '../messages';
import type { AccountEdit, AccountPage, AccountView, Issued, MailView } from '../types';
import { button } from '../widgets';
import { attempt, fill, confirmDialog, issuedPanel, kinds, labelled, levels, loginParts, select, statusLine, table, when } from './common';

export function accountsSection(roles: string[]): HTMLElement {
  const status = statusLine();
  const text = h('input', { name: 'text', type: 'search', autocomplete: 'off' });
  const kind = select('kind', kinds());
  const level = select('level', levels());
  const location = h('input', { name: 'location', autocomplete: 'off', size: 10 });
  const klass = h('input', { name: 'class', autocomplete: 'off', size: 8 });
  const locked = h('input', { name: 'locked', type: 'checkbox' });
  const results = h('div', { class: 'results' });
  const detail = h('div', { class: 'detail' });
  const split = h('div', { class: 'split' }, results, detail);
  /** The detail pane takes room only once it shows something. */
  const showDetail = (...children: HTMLElement[]) => {
    detail.replaceChildren(...children);
    split.classList.add('with-detail');
  };
  const hideDetail = () => {
    detail.replaceChildren();
    split.classList.remove('with-detail');
  };
  let shown: AccountView[] = [];
  /** The class the shown list was searched for ('' for none): what "Reset class" resets. */
  let shownClass = '';

  const search = async () => {
    const found = await attempt(status, () =>
      consoleApi.search({ text: text.value, kind: kind.value, level: level.value, location: location.value, class: klass.value, locked: locked.checked }),
    );
    if (!found) return;
    shown = found;
    shownClass = klass.value.trim();
    renderResults();
    status.show(t('console.found', { n: found.length }));
  };

  const renderResults = () => {
    // An administrator's account cannot be reset from the console: its box is disabled, and
    // "Select all shown" passes it over.
    const boxes = shown.map((a) =>
      h('input', { type: 'checkbox', name: 'selected', value: a.login, disabled: a.roles.length > 0, 'aria-label': t('console.select', { login: a.login }) }),
    );
    const all = h('input', { type: 'checkbox', name: 'select_all', 'aria-label': t('console.selectAll') });
    all.addEventListener('change', () => boxes.forEach((b) => (b.checked = all.checked && !b.disabled)));
    const rows = shown.map((a, i) => [
      boxes[i],
      h('button', { type: 'button', class: 'btn btn-link', 'data-login': a.login, onclick: () => void openAccount(a.login) }, loginParts(a.login)),
      a.name,
      t(`console.kind.${a.kind}`),
      levelName(a.level),
      a.class ?? '—',
      a.location,
      t(`console.state.${a.state}`),
    ]);
    // A class search offers the whole class's reset: the core resets every student of that class
    // at the administrator's location, whatever the other filters (the confirmation says so).
    const resetClass =
      shownClass && shown.some((a) => a.kind === 'student')
        ? button(t('console.resetClass', { class: shownClass }), { kind: 'danger', name: 'reset_class', onClick: () => void resetClassOf(shownClass) })
        : null;
    const resetSelected = button(t('console.resetSelected'), {
      kind: 'danger',
      name: 'reset_selected',
      onClick: () => {
        const logins = boxes.filter((b) => b.checked).map((b) => b.value);
        if (logins.length === 0) return status.show(t('console.selectFirst'), true);
        void resetMany(logins);
      },
    });
    fill(results,
      shown.length ? h('div', { class: 'actions' }, h('label', { class: 'check' }, all, t('console.selectAll')), resetSelected, resetClass) : null,
      table(
        t('console.accounts'),
        ['', t('console.col.login'), t('console.col.name'), t('console.col.kind'), t('console.col.level'), t('console.col.class'), t('console.col.location'), t('console.col.state')],
        rows,
      ),
    );
  };

  /** A confirmed reset: the new temporary passwords and slips in the detail pane. */
  const resetConfirmed = async (title: string, text: string, reset: () => Promise<Issued>) => {
    if (!(await confirmDialog(title, text, t('console.resetConfirm')))) return;
    const result = await attempt(status, reset);
    if (!result) return;
    showDetail(issuedPanel(result, status));
    detail.querySelector('h2')?.focus();
    await search();
  };
  const resetMany = (logins: string[]) =>
    resetConfirmed(t('console.resetTitle'), t('console.resetText', { n: logins.length }), () => consoleApi.reset(logins));
  const resetClassOf = (cls: string) =>
    resetConfirmed(t('console.resetClass', { class: cls }), t('console.resetClassText', { class: cls }), () => consoleApi.resetClass(cls));

  /** After a change on the account page: the page again, the list refreshed, `done` announced. */
  const changed = async (next: AccountPage | null, done: string) => {
    if (!next) return;
    renderAccount(next);
    await search();
    status.show(done);
  };

  const openAccount = async (login: string) => {
    const page = await attempt(status, () => consoleApi.account(login));
    if (page) renderAccount(page);
  };

  const renderAccount = (page: AccountPage) => {
    const a = page.account;
    const yes = (b: boolean) => (b ? t('console.yes') : t('console.no'));
    const facts: [string, string][] = [
      [t('console.col.name'), a.name],
      [t('console.col.kind'), t(`console.kind.${a.kind}`)],
      [t('console.col.level'), levelName(a.level)],
      [t('console.col.class'), a.class ?? '—'],
      [t('console.col.location'), a.location],
      [t('console.col.roles'), a.roles.length ? a.roles.join(', ').toUpperCase() : '—'],
      [t('console.col.state'), t(`console.state.${a.state}`)],
      [t('console.fact.disabled'), yes(a.disabled)],
      [t('console.fact.locked'), a.locked ? t('console.since', { at: when(a.locked_at, '') }) : t('console.no')],
      [t('console.fact.temporary'), a.has_temporary_password ? t('console.until', { at: when(a.temporary_password_expires, '') }) : t('console.no')],
      [t('console.fact.questions'), yes(a.questions_set)],
      [t('console.fact.terms'), yes(a.terms_accepted)],
      [t('console.fact.workEmail'), a.work_email ?? '—'],
      ...(a.kind === 'student' ? [] : ([[t('console.fact.generic'), yes(a.generic)]] as [string, string][])),
      [t('console.fact.lastSignIn'), when(a.last_sign_in, t('console.never'))],
      [t('console.fact.passwordChanged'), when(a.password_changed)],
    ];
    const act = (label: string, name: 'unlock' | 'clear_questions' | 'delete_authenticators', confirmText: string | null) =>
      button(label, {
        kind: confirmText ? 'danger' : 'secondary',
        name,
        onClick: async () => {
          if (confirmText && !(await confirmDialog(label, confirmText, label))) return;
          const next = await attempt(status, () => consoleApi.action(a.login, name));
          if (next) {
            renderAccount(next);
            status.show(t('console.done'));
          }
        },
      });
    // Disable and delete are confirmed; enabling gives back only what the person had, and is
    // confirmed too, since it lets someone sign in again.
    const setDisabled = (disable: boolean) =>
      button(disable ? t('console.disable') : t('console.enable'), {
        kind: disable ? 'danger' : 'secondary',
        name: disable ? 'disable' : 'enable',
        onClick: async () => {
          const label = disable ? t('console.disable') : t('console.enable');
          const text = disable ? t('console.disableText', { login: a.login }) : t('console.enableText', { login: a.login });
          if (!(await confirmDialog(label, text, label))) return;
          const next = await attempt(status, () => (disable ? consoleApi.disable(a.login) : consoleApi.enable(a.login)));
          await changed(next, disable ? t('console.disabled') : t('console.enabled'));
        },
      });
    const remove = button(t('console.delete'), {
      kind: 'danger',
      name: 'delete_account',
      onClick: async () => {
        const label = t('console.delete');
        if (!(await confirmDialog(label, t('console.deleteText', { login: a.login, name: a.name }), label))) return;
        if (!(await attempt(status, () => consoleApi.delete(a.login)))) return;
        hideDetail();
        await search();
        status.show(t('console.deleted', { login: a.login }));
      },
    });
    const email = h('input', { name: 'work_email', type: 'email', value: a.work_email ?? '', autocomplete: 'off' });
    // The engine refuses every change to an administrator's account from the console (only the
    // machine's operator makes them), so none is offered.
    const administrator = a.roles.length > 0;
    showDetail(
      h(
        'section',
        { class: 'account', 'aria-labelledby': 'account-title' },
        h('h2', { id: 'account-title', tabindex: '-1' }, a.login),
        h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', null, k), h('dd', null, v)])),
        h('h3', null, t('console.authenticators')),
        page.authenticators.length
          ? table(t('console.authenticators'), [t('console.col.kind'), t('console.col.comment'), t('console.col.serial'), t('console.col.lastTest')],
              page.authenticators.map((x) => [x.name, x.comment, x.serial ?? '—', when(x.last_tested, t('console.never'))]))
          : h('p', null, t('console.noAuthenticators')),
        h('p', { 'data-recovery-left': page.recovery_codes_left }, t('console.recoveryLeft', { count: page.recovery_codes_left })),
        administrator
          ? h('p', { class: 'note', role: 'note' }, t('console.adminAccount', { roles: a.roles.join(', ').toUpperCase() }))
          : h(
              'div',
              { class: 'actions' },
              button(t('console.resetOne'), { kind: 'danger', name: 'reset_password', onClick: () => void resetMany([a.login]) }),
              a.locked ? act(t('console.unlock'), 'unlock', null) : null,
              a.questions_set ? act(t('console.clearQuestions'), 'clear_questions', t('console.clearQuestionsText')) : null,
              page.authenticators.length ? act(t('console.deleteAuthenticators'), 'delete_authenticators', t('console.deleteAuthenticatorsText')) : null,
              setDisabled(!a.disabled),
              remove,
            ),
        administrator ? null : mailsPanel(a.login, status),
        administrator ? null : editForm(a, status, changed),
        roles.includes('la') && !administrator ? transferForm(a.login, status) : null,
        a.kind !== 'student' && !administrator
          ? h(
              'form',
              {
                class: 'inline-form',
                novalidate: true,
                onsubmit: async (e: Event) => {
                  e.preventDefault();
                  if (await attempt(status, () => consoleApi.setWorkEmail(a.login, email.value))) await openAccount(a.login);
                },
              },
              labelled(t('console.fact.workEmail'), email),
              button(t('console.save'), { submit: true, name: 'set_work_email' }),
            )
          : null,
      ),
    );
    detail.querySelector('h2')?.focus();
  };

  const form = h(
    'form',
    {
      class: 'search-form',
      role: 'search',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        void search();
      },
    },
    labelled(t('console.searchText'), text),
    labelled(t('console.col.kind'), kind),
    labelled(t('console.col.level'), level),
    labelled(t('console.col.location'), location),
    labelled(t('console.col.class'), klass),
    h('label', { class: 'check' }, locked, t('console.lockedOnly')),
    button(t('console.search'), { submit: true, name: 'search' }),
  );
  void search();
  return h('section', { 'aria-labelledby': 'accounts-title' }, h('h1', { id: 'accounts-title', tabindex: '-1' }, t('console.tab.accounts')), form, status.el, split, createForm(roles));
}

/** The account's undelivered mails (no SMTP configured), fetched only when asked: each read
 * is audited, and an email OTP can then be read out to the person. */
function mailsPanel(login: string, status: ReturnType<typeof statusLine>): HTMLElement {
  const list = h('div', { class: 'mails', 'aria-live': 'polite' });
  const render = (mails: MailView[]) =>
    list.replaceChildren(
      ...(mails.length
        ? mails.map((m) =>
            h(
              'article',
              { class: m.expired ? 'mail expired' : 'mail' },
              h('h4', null, m.subject),
              h('p', { class: 'note' }, t('console.mailSent', { at: when(m.sent) }), m.expired ? h('strong', null, ' — ', t('console.mailExpired')) : null),
              h('pre', { class: 'mail-body' }, m.body),
            ),
          )
        : [h('p', null, t('console.noMails'))]),
    );
  return h(
    'section',
    { class: 'mails-panel', 'aria-labelledby': 'mails-title' },
    h('h3', { id: 'mails-title' }, t('console.mails')),
    h('p', { class: 'note' }, t('console.mailsNote')),
    button(t('console.mailsShow'), {
      kind: 'secondary',
      name: 'show_mails',
      onClick: async () => {
        const mails = await attempt(status, () => consoleApi.mails(login));
        if (mails) render(mails);
      },
    }),
    list,
  );
}

/** Creates one account. Level and class are a student's; work email, the generic flag and the
 * roles are staff's (only the roles this administrator holds: the core refuses others). */
function createForm(myRoles: string[]): HTMLElement {
  const status = statusLine();
  const login = h('input', { name: 'new_login', autocomplete: 'off', required: true });
  const name = h('input', { name: 'new_name', autocomplete: 'off', required: true });
  const kind = select('new_kind', kinds().slice(1), 'student');
  const level = select('new_level', levels().slice(1), 'p1_3');
  const klass = h('input', { name: 'new_class', autocomplete: 'off', size: 8 });
  const location = h('input', { name: 'new_location', autocomplete: 'off' });
  const email = h('input', { name: 'new_work_email', type: 'email', autocomplete: 'off' });
  const generic = h('input', { name: 'new_generic', type: 'checkbox' });
  const roleBoxes = ROLES.filter((r) => myRoles.includes(r)).map((r) => h('input', { name: 'new_roles', type: 'checkbox', value: r }));
  const studentOnly = [labelled(t('console.col.level'), level), labelled(t('console.col.class'), klass)];
  const staffOnly = [
    labelled(t('console.fact.workEmail'), email),
    h('label', { class: 'check' }, generic, t('console.create.generic')),
    roleBoxes.length
      ? h(
          'fieldset',
          { class: 'roles' },
          h('legend', null, t('console.create.roles')),
          roleBoxes.map((box) => h('label', { class: 'check' }, box, t(`console.role.${box.value}`))),
        )
      : null,
  ].filter((x): x is HTMLElement => x !== null);
  const showKind = () => {
    const student = kind.value === 'student';
    studentOnly.forEach((el) => (el.hidden = !student));
    staffOnly.forEach((el) => (el.hidden = student));
  };
  kind.addEventListener('change', showKind);
  showKind();
  const out = h('div');
  return h(
    'details',
    { class: 'create' },
    h('summary', null, t('console.create')),
    h(
      'form',
      {
        class: 'create-form',
        novalidate: true,
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const student = kind.value === 'student';
          const result = await attempt(status, () =>
            consoleApi.create({
              login: login.value,
              name: name.value,
              kind: kind.value,
              level: student ? level.value : '',
              class: student ? klass.value : '',
              location: location.value,
              work_email: student ? '' : email.value,
              generic: !student && generic.checked,
              roles: student ? [] : roleBoxes.filter((b) => b.checked).map((b) => b.value),
            }),
          );
          if (result) out.replaceChildren(issuedPanel(result, status));
        },
      },
      labelled(t('console.col.login'), login),
      labelled(t('console.col.name'), name),
      labelled(t('console.col.kind'), kind),
      studentOnly,
      labelled(t('console.col.location'), location),
      staffOnly,
      h('div', { class: 'actions' }, button(t('console.createSubmit'), { submit: true, name: 'create' })),
      status.el,
    ),
    out,
  );
}

const ROLES = ['sa', 'la', 'ao'];

/** Name, level, location and class of one account; only what differs is sent. A location
 * outside the administrator's own is refused by the core (a transfer request moves people). */
function editForm(
  a: AccountView,
  status: { show: (t: string | null, e?: boolean) => void },
  changed: (next: AccountPage | null, done: string) => Promise<void>,
): HTMLElement {
  const student = a.kind === 'student';
  const name = h('input', { name: 'edit_name', autocomplete: 'off', value: a.name });
  const level = select('edit_level', levels().slice(1), a.level ?? '');
  const klass = h('input', { name: 'edit_class', autocomplete: 'off', size: 8, value: a.class ?? '' });
  const location = h('input', { name: 'edit_location', autocomplete: 'off', size: 10, value: a.location });
  return h(
    'details',
    { class: 'edit' },
    h('summary', { 'data-action': 'edit_open' }, t('console.editTitle')),
    h(
      'form',
      {
        class: 'edit-form',
        novalidate: true,
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const changes: AccountEdit = {};
          if (name.value.trim() !== a.name) changes.name = name.value;
          if (student && level.value !== (a.level ?? '')) changes.level = level.value;
          if (student && klass.value.trim() !== (a.class ?? '')) changes.class = klass.value.trim();
          if (location.value.trim() !== a.location) changes.location = location.value;
          if (Object.keys(changes).length === 0) return status.show(t('console.editNothing'));
          await changed(await attempt(status, () => consoleApi.edit(a.login, changes), 'edit_'), t('console.edited'));
        },
      },
      labelled(t('console.col.name'), name),
      student ? labelled(t('console.col.level'), level) : null,
      student ? labelled(t('console.col.class'), klass) : null,
      labelled(t('console.col.location'), location),
      h('p', { class: 'hint' }, t('console.editLocationHint')),
      h('div', { class: 'actions' }, button(t('console.editSave'), { submit: true, name: 'edit_save' })),
    ),
  );
}

function levelName(level: string | null): string {
  return levels().find(([v]) => v === level)?.[1] ?? '—';
}

/** LA: asks for the account to move to another location; that location's AO decides. */
function transferForm(login: string, status: { show: (t: string | null, e?: boolean) => void }): HTMLElement {
  const to = h('input', { name: 'to_location', autocomplete: 'off', size: 10 });
  return h(
    'form',
    {
      class: 'inline-form',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const request = await attempt(status, () => consoleApi.requestTransfer(login, to.value));
        if (request) status.show(t('console.transfer.requested', { to: request.to_location }));
      },
    },
    labelled(t('console.transfer.to'), to),
    button(t('console.transfer.request'), { submit: true, name: 'request_transfer' }),
  );
}
