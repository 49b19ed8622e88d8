// The audit log: filter by time range, actor, subject, event and outcome; pages of 100, newest
// first; export of everything the filter matches to CSV.

import { consoleApi } from '../api';
import { h } from '../dom';
import { t } from '../messages';
import type { AuditFilter } from '../types';
import { button } from '../widgets';
import { attempt, labelled, opensFiles, select, statusLine, table, when } from './common';

const PAGE = 100;
// Every event the engine records (`Event::as_str` in crates/core/src/audit.rs; a test there
// keeps the two lists the same).
const EVENTS = ['sign_in', 'sign_in_failed', 'lockout', 'unlock', 'sign_out', 'terms_accepted', 'questions_set', 'questions_cleared',
  'password_changed', 'password_reset', 'sspr_search', 'sspr_answers', 'sspr_blocked', 'app_opened', 'account_created', 'account_updated',
  'import', 'otp_sent', 'otp_verified', 'token_enrolled', 'token_tested', 'token_deleted', 'totp_verified', 'tokens_imported',
  'token_freed', 'account_viewed', 'transfer_requested', 'transfer_decided', 'device_code_issued', 'device_registered',
  'device_revoked', 'account_disabled', 'account_enabled', 'account_deleted', 'account_promoted', 'mails_viewed',
  'recovery_codes_issued', 'recovery_code_used', 'recovery_codes_cancelled', 'security_key_used', 'security_key_asked',
  'single_sign_on', 'session_handed_off', 'audit_read'];

export function auditSection(): HTMLElement {
  const status = statusLine();
  const since = h('input', { name: 'since', type: 'date' });
  const until = h('input', { name: 'until', type: 'date' });
  const actor = h('input', { name: 'actor', autocomplete: 'off' });
  const subject = h('input', { name: 'subject', autocomplete: 'off' });
  const event = select('event', [['', t('console.any')], ...EVENTS.map((e): [string, string] => [e, e])]);
  const outcome = select('outcome', [['', t('console.any')], ['ok', 'ok'], ['failed', 'failed'], ['refused', 'refused']]);
  const list = h('div');
  const pager = h('div', { class: 'actions' });
  let offset = 0;

  const filter = (): AuditFilter => ({
    since: since.value, until: until.value, actor: actor.value, subject: subject.value, event: event.value, outcome: outcome.value, limit: PAGE, offset,
  });
  const load = async () => {
    const page = await attempt(status, () => consoleApi.audit(filter()));
    if (!page) return;
    list.replaceChildren(
      table(t('console.tab.audit'), [t('console.col.time'), t('console.col.actor'), t('console.col.subject'), t('console.col.event'), t('console.col.outcome'), t('console.col.detail')],
        page.events.map((e) => [when(e.at), e.actor, e.subject, e.event, e.outcome, e.detail])),
    );
    const prev = button(t('console.audit.newer'), { name: 'audit_newer', onClick: () => { offset = Math.max(0, offset - PAGE); void load(); } });
    const next = button(t('console.audit.older'), { name: 'audit_older', onClick: () => { offset += PAGE; void load(); } });
    prev.disabled = offset === 0;
    next.disabled = !page.more;
    pager.replaceChildren(prev, h('span', { class: 'page-info' }, t('console.audit.page', { from: offset + 1, to: offset + page.events.length })), next);
    status.show(page.events.length ? null : t('console.audit.none'));
  };
  const exportCsv = async () => {
    const path = await attempt(status, () => consoleApi.auditExport(filter()));
    if (path) {
      status.show(t('console.audit.exported', { path }));
      if (opensFiles()) pager.append(button(t('console.audit.open'), { name: 'audit_open', onClick: () => void attempt(status, () => consoleApi.openFile(path)) }));
    }
  };

  void load();
  return h(
    'section',
    { 'aria-labelledby': 'audit-title' },
    h('h1', { id: 'audit-title', tabindex: '-1' }, t('console.tab.audit')),
    h(
      'form',
      { class: 'search-form', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); offset = 0; void load(); } },
      labelled(t('console.audit.since'), since),
      labelled(t('console.audit.until'), until),
      labelled(t('console.col.actor'), actor),
      labelled(t('console.col.subject'), subject),
      labelled(t('console.col.event'), event),
      labelled(t('console.col.outcome'), outcome),
      button(t('console.audit.filter'), { submit: true, name: 'audit_filter' }),
      button(t('console.audit.export'), { name: 'audit_export', onClick: () => void exportCsv() }),
    ),
    status.el,
    list,
    pager,
  );
}
