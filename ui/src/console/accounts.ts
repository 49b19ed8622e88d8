// Accounts: search by login ID or name, kind, level, location; select many (or all shown) and
// reset them together with printable slips; an account page with its state and authenticators
// (never a secret) and the actions, destructive ones confirmed; and creating one account.

import { consoleApi } from '../api';
import { h } from '../dom';
import { t, type MessageKey } from '../messages';
import type { AccountPage, AccountView } from '../types';
import { button } from '../widgets';
import { attempt, fill, confirmDialog, issuedPanel, KINDS, labelled, LEVELS, select, statusLine, table } from './common';

export function accountsSection(roles: string[]): HTMLElement {
  const status = statusLine();
  const text = h('input', { name: 'text', type: 'search', autocomplete: 'off' });
  const kind = select('kind', KINDS);
  const level = select('level', LEVELS);
  const location = h('input', { name: 'location', autocomplete: 'off', size: 10 });
  const locked = h('input', { name: 'locked', type: 'checkbox' });
  const results = h('div', { class: 'results' });
  const detail = h('div', { class: 'detail' });
  const split = h('div', { class: 'split' }, results, detail);
  /** The detail pane takes room only once it shows something. */
  const showDetail = (...children: HTMLElement[]) => {
    detail.replaceChildren(...children);
    split.classList.add('with-detail');
  };
  let shown: AccountView[] = [];

  const search = async () => {
    const found = await attempt(status, () =>
      consoleApi.search({ text: text.value, kind: kind.value, level: level.value, location: location.value, locked: locked.checked }),
    );
    if (!found) return;
    shown = found;
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
      h('button', { type: 'button', class: 'btn btn-link', 'data-login': a.login, onclick: () => void openAccount(a.login) }, a.login),
      a.name,
      t(`console.kind.${a.kind}` as MessageKey),
      levelName(a.level),
      a.location,
      t(`console.state.${a.state}` as MessageKey),
    ]);
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
      shown.length ? h('div', { class: 'actions' }, h('label', { class: 'check' }, all, t('console.selectAll')), resetSelected) : null,
      table(t('console.accounts'), ['', t('console.col.login'), t('console.col.name'), t('console.col.kind'), t('console.col.level'), t('console.col.location'), t('console.col.state')], rows),
    );
  };

  const resetMany = async (logins: string[]) => {
    const ok = await confirmDialog(t('console.resetTitle'), t('console.resetText', { n: logins.length }), t('console.resetConfirm'));
    if (!ok) return;
    const result = await attempt(status, () => consoleApi.reset(logins));
    if (!result) return;
    showDetail(issuedPanel(result, status));
    detail.querySelector('h2')?.focus();
    await search();
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
      [t('console.col.kind'), t(`console.kind.${a.kind}` as MessageKey)],
      [t('console.col.level'), levelName(a.level)],
      [t('console.col.location'), a.location],
      [t('console.col.roles'), a.roles.length ? a.roles.join(', ').toUpperCase() : '—'],
      [t('console.col.state'), t(`console.state.${a.state}` as MessageKey)],
      [t('console.fact.locked'), a.locked ? t('console.since', { at: a.locked_at ?? '' }) : t('console.no')],
      [t('console.fact.temporary'), a.has_temporary_password ? t('console.until', { at: a.temporary_password_expires ?? '' }) : t('console.no')],
      [t('console.fact.questions'), yes(a.questions_set)],
      [t('console.fact.terms'), yes(a.terms_accepted)],
      [t('console.fact.workEmail'), a.work_email ?? '—'],
      [t('console.fact.lastSignIn'), a.last_sign_in ?? t('console.never')],
      [t('console.fact.passwordChanged'), a.password_changed],
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
              page.authenticators.map((x) => [x.name, x.comment, x.serial ?? '—', x.last_tested ?? t('console.never')]))
          : h('p', null, t('console.noAuthenticators')),
        administrator
          ? h('p', { class: 'note', role: 'note' }, t('console.adminAccount', { roles: a.roles.join(', ').toUpperCase() }))
          : h(
              'div',
              { class: 'actions' },
              button(t('console.resetOne'), { kind: 'danger', name: 'reset_password', onClick: () => void resetMany([a.login]) }),
              a.locked ? act(t('console.unlock'), 'unlock', null) : null,
              a.questions_set ? act(t('console.clearQuestions'), 'clear_questions', t('console.clearQuestionsText')) : null,
              page.authenticators.length ? act(t('console.deleteAuthenticators'), 'delete_authenticators', t('console.deleteAuthenticatorsText')) : null,
            ),
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
    h('label', { class: 'check' }, locked, t('console.lockedOnly')),
    button(t('console.search'), { submit: true, name: 'search' }),
  );
  void search();
  return h('section', { 'aria-labelledby': 'accounts-title' }, h('h1', { id: 'accounts-title', tabindex: '-1' }, t('console.tab.accounts')), form, status.el, split, createForm());
}

function createForm(): HTMLElement {
  const status = statusLine();
  const login = h('input', { name: 'new_login', autocomplete: 'off', required: true });
  const name = h('input', { name: 'new_name', autocomplete: 'off', required: true });
  const kind = select('new_kind', KINDS.slice(1), 'student');
  const level = select('new_level', LEVELS.slice(1), 'p1_3');
  const location = h('input', { name: 'new_location', autocomplete: 'off' });
  const email = h('input', { name: 'new_work_email', type: 'email', autocomplete: 'off' });
  const out = h('div');
  return h(
    'details',
    { class: 'create' },
    h('summary', null, t('console.create')),
    h(
      'form',
      {
        novalidate: true,
        onsubmit: async (e: Event) => {
          e.preventDefault();
          const result = await attempt(status, () =>
            consoleApi.create({ login: login.value, name: name.value, kind: kind.value, level: kind.value === 'student' ? level.value : '', location: location.value, work_email: email.value }),
          );
          if (result) out.replaceChildren(issuedPanel(result, status));
        },
      },
      labelled(t('console.col.login'), login),
      labelled(t('console.col.name'), name),
      labelled(t('console.col.kind'), kind),
      labelled(t('console.col.level'), level),
      labelled(t('console.col.location'), location),
      labelled(t('console.fact.workEmail'), email),
      button(t('console.createSubmit'), { submit: true, name: 'create' }),
      status.el,
    ),
    out,
  );
}

function levelName(level: string | null): string {
  return LEVELS.find(([v]) => v === level)?.[1] ?? '—';
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
