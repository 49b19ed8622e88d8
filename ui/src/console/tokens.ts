// Hardware tokens: the stock (free, locked after wrong enrolment codes, or bound to whom),
// importing seed files (CSV or PSKC, plain or encrypted with a key file or a passphrase), Unbind
// (a bound token) and Free (a locked one).

import { consoleApi } from '../api';
import { h } from '../dom';
import { t } from '../messages';
import type { TokenView } from '../types';
import { button } from '../widgets';
import { attempt, confirmDialog, labelled, statusLine, table, when } from './common';

export function tokensSection(): HTMLElement {
  const status = statusLine();
  const list = h('div');
  const file = h('input', { type: 'file', name: 'token_file', accept: '.csv,.xml,.pskc,.pskcxml,text/csv,application/xml' });
  // An encrypted PSKC file's key file or passphrase, given before the file; both are emptied
  // after each import.
  const keyFile = h('input', { type: 'file', name: 'token_key_file' });
  const passphrase = h('input', { type: 'password', name: 'token_passphrase', autocomplete: 'off' });
  const key = async (): Promise<{ key_file?: string; passphrase?: string }> => {
    const chosen = keyFile.files?.[0];
    const bytes = chosen ? new Uint8Array(await chosen.arrayBuffer()) : null;
    return {
      key_file: bytes ? btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join('')) : undefined,
      passphrase: passphrase.value || undefined,
    };
  };
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
    const n = await attempt(status, async () => consoleApi.importTokens(await chosen.text(), await key()));
    file.value = '';
    keyFile.value = '';
    passphrase.value = '';
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
    h('p', { class: 'hint' }, t('console.tokens.encryptedHint')),
    labelled(t('console.tokens.keyFile'), keyFile),
    labelled(t('console.tokens.passphrase'), passphrase),
    labelled(t('console.tokens.file'), file),
    status.el,
    list,
  );
}
