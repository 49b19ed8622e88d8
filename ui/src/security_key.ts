// A security key's touch (issue 17 §1): the engine names the ceremony, the shell runs it with
// the key (CTAP2 over USB; WebKitGTK has no WebAuthn), and the key's answer goes back to the
// engine, which checks it. The window only passes JSON along and says what is happening.

import * as api from './api';
import { h } from './dom';
import { t } from './messages';
import type { Ceremony, CommandError, KeyAnswer, Request, Response } from './types';
import { button } from './widgets';

/** What a view lends the button: its `send` (with `render: false`) and `render`. */
export interface KeyCtx {
  send(request: Request, opts?: { render?: boolean }): Promise<Response | null>;
  render(response: Response): void;
}

/** The window's sentence for the shell's refusal. */
export function keyError(e: unknown): string {
  switch ((e as CommandError | undefined)?.code) {
    case 'security_key_none':
      return t('securityKey.none');
    case 'security_key_timeout':
      return t('securityKey.timeout');
    case 'security_key_unsupported':
      return t('securityKey.unsupported');
    default:
      return t('securityKey.failed');
  }
}

/** Runs `kind` with the key, saying so in `status`; null (and the reason in `status`) on failure. */
export async function withKey(kind: 'register' | 'sign', ceremony: Ceremony, status: HTMLElement): Promise<KeyAnswer | null> {
  status.textContent = t('securityKey.touch');
  try {
    const answer = await api.securityKey(kind, ceremony);
    status.textContent = '';
    return answer;
  } catch (e) {
    status.textContent = keyError(e);
    return null;
  }
}

/**
 * "Use my security key" where a second factor is asked (or on a key's test): asks the engine
 * for a ceremony unless the screen has one, runs it with the key, sends the answer.
 */
export function useKeyButton(ctx: KeyCtx, ceremony: Ceremony | null): HTMLElement {
  const status = h('p', { class: 'key-status', role: 'status', 'aria-live': 'polite' });
  const run = async () => {
    let current = ceremony;
    if (!current) {
      const asked = await ctx.send({ action: 'use_security_key' }, { render: false });
      if (!asked) return;
      const next = 'security_key' in asked ? (asked.security_key as Ceremony | null) : null;
      if (asked.error || !next) {
        ctx.render(asked);
        return;
      }
      current = next;
    }
    const answer = await withKey('sign', current, status);
    ceremony = null;
    if (answer) await ctx.send({ action: 'use_security_key', credential: answer.credential });
  };
  return h('div', { class: 'key-use' }, button(t('securityKey.use'), { name: 'use_security_key', onClick: () => void run() }), status);
}
