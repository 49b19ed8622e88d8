// Hardware tokens: the stock (free, locked after wrong enrolment codes, or bound to whom),
// importing seed files (CSV or PSKC), Unbind (a bound token) and Free (a locked one).

import { consoleApi } from '../api';
import { h } from '../dom';
import { t } from '../messages';
import type { TokenView } from '../types';
import { button } from '../widgets';
import { attempt, confirmDialog, labelled, statusLine, table, when } from './common';

export function tokensSection(): HTMLElement {
  const status = statusLine();
  const list = h('div');
  const file = h('input', { type: 'file', name: 'token_file', accept: '.csv,.xml,.pskc,text/csv,application/xml' });
  const load = async () => {
    const tokens = await attempt(status, () => consoleApi.tokens());
    if (tokens) show(tokens);
  };
  const unbind = (serial: string, holder: string) =>
    button(t('console.tokens.unbind'), {
      kind: 'danger',
      name: 'unbind_token',
      onClick: async () => {
        const title = t('console.tokens.unbind');
        if (!(await confirmDialog(title, t('console.tokens.unbindText', { serial, holder }), title))) return;
        const tokens = await attempt(status, () => consoleApi.unbindToken(serial));
        if (tokens) {
          show(tokens);
          status.show(t('console.tokens.unbound', { serial }));
        }
      },
    });
  const free = (serial: string) =>
    button(t('console.tokens.freeLocked'), {
      kind: 'secondary',
      name: 'free_token',
      onClick: async () => {
        const title = t('console.tokens.freeLocked');
        if (!(await confirmDialog(title, t('console.tokens.freeLockedText', { serial }), title))) return;
        const tokens = await attempt(status, () => consoleApi.unbindToken(serial));
        if (tokens) {
          show(tokens);
          status.show(t('console.tokens.unbound', { serial }));
        }
      },
    });
  const holder = (x: TokenView) => x.bound_to ?? (x.locked ? t('console.tokens.locked') : t('console.tokens.free'));
  const action = (x: TokenView) => (x.bound_to ? unbind(x.serial, x.bound_to) : x.locked ? free(x.serial) : '');
  const show = (tokens: TokenView[]) => {
    list.replaceChildren(
      tokens.length
        ? table(t('console.tab.tokens'), [t('console.col.serial'), t('console.col.kind'), t('console.col.digits'), t('console.col.boundTo'), t('console.col.imported'), ''],
            tokens.map((x) => [x.serial, x.kind, String(x.digits), holder(x), when(x.imported), action(x)]))
        : h('p', null, t('console.tokens.none')),
    );
  };
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    const n = await attempt(status, async () => consoleApi.importTokens(await chosen.text()));
    file.value = '';
    if (n !== null) {
      // The list first: loading it clears the status line, which must then say what happened.
      await load();
      status.show(t('console.tokens.imported', { n }));
    }
  });
  void load();
  return h(
    'section',
    { 'aria-labelledby': 'tokens-title' },
    h('h1', { id: 'tokens-title', tabindex: '-1' }, t('console.tab.tokens')),
    labelled(t('console.tokens.file'), file),
    status.el,
    list,
  );
}
