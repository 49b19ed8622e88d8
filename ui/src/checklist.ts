// The live password checklist (student guide step 8): the requirements ticked as the person
// types, and zxcvbn's meter. The core judges every rule; this module only shows the ticks. Used
// by `change_password` and by the first administrator's password (first run).

import { h, icon, ICONS } from './dom';
import { say, t } from './messages';
import type { Rule, Strength } from './types';
import { uid } from './widgets';

/** Rules the engine sends that inform rather than require (always "met"). */
const NOTES = ['case_sensitive'];

export interface Checklist {
  /** The guide's note ("Password is case sensitive."), above the list and not counted. */
  notes: HTMLElement;
  list: HTMLElement;
  /** "n of m requirements met", which the password field is described by. */
  summary: HTMLElement;
  strength: HTMLElement;
  show: (rules: Rule[], strength: Strength | null) => void;
  /** Asks `ask` for the checklist shortly after each keystroke in `input`; late answers are
   * dropped, and so is a failed one (the checklist waits for the next keystroke). */
  follow: (input: HTMLInputElement, ask: (typed: string) => Promise<{ rules: Rule[]; strength: Strength | null } | null>) => void;
}

export function passwordChecklist(rules: Rule[], score: Strength | null): Checklist {
  const summaryId = uid('rules-summary');
  const list = h('ul', { class: 'rules', id: uid('rules'), 'aria-label': t('changePassword.rulesLabel') });
  const summary = h('p', { class: 'rules-summary', id: summaryId });
  const strength = h('div', { class: 'strength' });
  const notes = h('p', { class: 'hint rules-note' });
  const show = (all: Rule[], s: Strength | null) => {
    const required = all.filter((r) => !NOTES.includes(r.id));
    notes.textContent = all.filter((r) => NOTES.includes(r.id)).map((r) => r.text).join(' ');
    list.replaceChildren(...required.map(ruleItem));
    const met = required.filter((r) => r.ok).length;
    summary.textContent = t('changePassword.summary', { met, total: required.length });
    strength.replaceChildren(...strengthParts(s));
  };
  show(rules, score);
  const follow: Checklist['follow'] = (input, ask) => {
    input.setAttribute('aria-describedby', `${summaryId} ${input.getAttribute('aria-describedby') ?? ''}`.trim());
    let timer: number | undefined;
    let asked = 0;
    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(async () => {
        const mine = ++asked;
        const typed = input.value;
        const r = await ask(typed).catch(() => null);
        if (!r || mine !== asked || !input.isConnected) return;
        show(r.rules, typed ? r.strength : null);
      }, 120);
    });
  };
  return { notes, list, summary, strength, show, follow };
}

function ruleItem(rule: Rule): HTMLElement {
  return h(
    'li',
    { class: rule.ok ? 'rule ok' : 'rule', 'data-rule': rule.id, 'data-ok': String(rule.ok) },
    icon(rule.ok ? ICONS.check : ICONS.cross),
    // The rule's sentence in the window's language (message `rule-<id>` of engine.ftl).
    h('span', null, say({ id: `rule-${rule.id}`, args: rule.args })),
    h('span', { class: 'sr-only' }, ` (${rule.ok ? t('changePassword.ruleMet') : t('changePassword.ruleNotMet')})`),
  );
}

function strengthParts(s: Strength | null): Node[] {
  const labelId = uid('strength');
  if (!s) return [h('p', { class: 'hint' }, t('changePassword.strengthNone'))];
  return [
    h('span', { id: labelId, class: 'strength-label' }, `${t('changePassword.strength')}: ${s.label}`),
    h('meter', { min: 0, max: 4, low: 2, high: 3, optimum: 4, value: s.score, 'aria-labelledby': labelId }),
    s.warning ? h('p', { class: 'hint' }, s.warning) : null,
  ].filter((n): n is HTMLElement => n !== null);
}
