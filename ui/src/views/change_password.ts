import { h, icon, ICONS } from '../dom';
import { t } from '../messages';
import type { Rule, Strength } from '../types';
import { actions, button, form, heading, passwordField, uid, valueOf } from '../widgets';
import { view, type Ctx } from './view';

// Student guide step 8 (and section 2a step 4): the requirements, ticked live as the person
// types — the core judges every rule (`password_rules`), this view only shows the ticks.
export default view<'change_password'>({
  chrome: 'sspr',
  render(s, ctx) {
    const rulesId = uid('rules');
    const summaryId = uid('rules-summary');
    const list = h('ul', { class: 'rules', id: rulesId, 'aria-label': t('changePassword.rulesLabel') });
    const summary = h('p', { class: 'rules-summary', id: summaryId });
    const strength = h('div', { class: 'strength' });
    // The guide's first line ("Password is case sensitive.") is a note, not a requirement: it
    // stands above the list and is not counted.
    const notes = h('p', { class: 'hint rules-note' });
    const showRules = (all: Rule[], score: Strength | null) => {
      const rules = all.filter((r) => !NOTES.includes(r.id));
      notes.textContent = all.filter((r) => NOTES.includes(r.id)).map((r) => r.text).join(' ');
      list.replaceChildren(...rules.map(ruleItem));
      const met = rules.filter((r) => r.ok).length;
      summary.textContent = t('changePassword.summary', { met, total: rules.length });
      strength.replaceChildren(...strengthParts(score));
    };
    showRules(s.rules, s.strength);

    const newPassword = passwordField({ name: 'new_password', label: t('changePassword.new'), autocomplete: 'new-password', required: true });
    const confirm = passwordField({ name: 'confirm_password', label: t('changePassword.confirm'), autocomplete: 'new-password', required: true });
    // A signed-in person's own change: the password they have first (change_my_password).
    const current = s.current_password_required
      ? passwordField({ name: 'current_password', label: t('changePassword.current'), autocomplete: 'current-password', required: true })
      : null;
    newPassword.input.setAttribute('aria-describedby', `${summaryId} ${newPassword.input.getAttribute('aria-describedby')}`);
    liveChecklist(newPassword.input, ctx, showRules);

    return h(
      'section',
      { class: 'card' },
      heading(t('changePassword.heading')),
      h('p', null, t('changePassword.intro')),
      notes,
      list,
      summary,
      form(
        (f) =>
          void ctx.send({
            action: 'change_password',
            new_password: valueOf(f, 'new_password'),
            confirm_password: valueOf(f, 'confirm_password'),
            ...(current ? { current_password: valueOf(f, 'current_password') } : {}),
          }),
        current?.wrapper ?? null,
        h('fieldset', null, h('legend', null, t('changePassword.legend')), newPassword.wrapper, strength, confirm.wrapper),
        actions(
          button(t('changePassword.submit'), { submit: true, name: 'change_password' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});

/** Rules the engine sends that inform rather than require (always "met"). */
const NOTES = ['case_sensitive'];

function ruleItem(rule: Rule): HTMLElement {
  return h(
    'li',
    { class: rule.ok ? 'rule ok' : 'rule', 'data-rule': rule.id, 'data-ok': String(rule.ok) },
    icon(rule.ok ? ICONS.check : ICONS.cross),
    h('span', null, rule.text),
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

/** Asks the core for the checklist shortly after each keystroke; late answers are dropped. */
function liveChecklist(input: HTMLInputElement, ctx: Ctx, show: (rules: Rule[], s: Strength | null) => void): void {
  let timer: number | undefined;
  let asked = 0;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const mine = ++asked;
      const typed = input.value;
      // A thin client whose server does not answer: the checklist waits for the next keystroke.
      const r = await ctx.passwordRules(typed).catch(() => null);
      if (!r || mine !== asked || !input.isConnected || r.screen !== 'change_password') return;
      show(r.rules, typed ? r.strength : null);
    }, 120);
  });
}
