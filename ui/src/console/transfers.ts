// Approving Officers: the pending requests to move an account to their location; approve (the
// account moves) or reject, each confirmed.

import { consoleApi } from '../api';
import { h } from '../dom';
import { t } from '../messages';
import { button } from '../widgets';
import { attempt, confirmDialog, statusLine, table, when } from './common';

export function transfersSection(): HTMLElement {
  const status = statusLine();
  const list = h('div');
  const load = async () => {
    const pending = await attempt(status, () => consoleApi.transfers());
    if (!pending) return;
    const decide = (id: number, login: string, approve: boolean) =>
      button(approve ? t('console.transfer.approve') : t('console.transfer.reject'), {
        kind: approve ? 'primary' : 'danger',
        name: approve ? 'approve_transfer' : 'reject_transfer',
        onClick: async () => {
          const title = approve ? t('console.transfer.approve') : t('console.transfer.reject');
          if (!(await confirmDialog(title, t('console.transfer.confirm', { login }), title))) return;
          if (await attempt(status, () => consoleApi.decideTransfer(id, approve))) {
            await load();
            status.show(t('console.done'));
          }
        },
      });
    list.replaceChildren(
      pending.length
        ? table(t('console.tab.transfers'), [t('console.col.login'), t('console.transfer.from'), t('console.transfer.to'), t('console.transfer.by'), t('console.col.time'), ''],
            pending.map((x) => [x.login, x.from_location, x.to_location, x.requested_by, when(x.requested_at), h('div', { class: 'actions' }, decide(x.id, x.login, true), decide(x.id, x.login, false))]))
        : h('p', null, t('console.transfer.none')),
    );
  };
  void load();
  return h('section', { 'aria-labelledby': 'transfers-title' }, h('h1', { id: 'transfers-title', tabindex: '-1' }, t('console.tab.transfers')), status.el, list);
}
