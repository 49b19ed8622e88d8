// Year end: move a whole level or class on in one action (issue 15, "The school year"). The
// preview lists each student who would change, with the apps their new level adds and takes
// away; applying sends the previewed count as `expect`, so the core refuses when the selection
// changed in between. Scope, audit and the rules are the core's (`admin/year.rs`).

import { consoleApi } from '../api';
import { h } from '../dom';
import { t } from '../messages';
import type { PromoteRequest, Promotion, PromotionReport, Unmoved } from '../types';
import { button } from '../widgets';
import { attempt, confirmDialog, fill, labelled, levels, loginParts, select, statusLine, table } from './common';

export function yearSection(): HTMLElement {
  const status = statusLine();
  const level = select('promote_level', levels());
  const klass = h('input', { name: 'promote_class', autocomplete: 'off', size: 10 });
  const toLevel = select('promote_to_level', [['', t('console.year.unchanged')], ...levels().slice(1)]);
  const toClass = h('input', { name: 'promote_to_class', autocomplete: 'off', size: 10 });
  const nextClass = h('input', { name: 'promote_next_class', type: 'checkbox' });
  // Choosing "next class" and a new class at once is refused by the core; the form says so first.
  nextClass.addEventListener('change', () => {
    toClass.disabled = nextClass.checked;
    if (nextClass.checked) toClass.value = '';
  });
  const out = h('div', { class: 'promotion' });

  const request = (): PromoteRequest => {
    const r: PromoteRequest = { next_class: nextClass.checked };
    if (level.value) r.level = level.value;
    if (klass.value.trim()) r.class = klass.value.trim();
    if (toLevel.value) r.to_level = toLevel.value;
    if (!nextClass.checked && toClass.value.trim()) r.to_class = toClass.value.trim();
    return r;
  };

  const preview = async () => {
    out.replaceChildren();
    const asked = request();
    const report = await attempt(status, () => consoleApi.promote(asked, true), 'promote_');
    if (!report) return;
    if (report.count === 0) {
      status.show(t('console.year.none'));
      return fill(out, ...unmovedNotes(report));
    }
    const apply = button(t('console.year.apply', { n: report.count }), {
      kind: 'danger',
      name: 'promote_apply',
      onClick: async () => {
        const ok = await confirmDialog(t('console.year.applyTitle'), t('console.year.applyText', { n: report.count }), t('console.year.apply', { n: report.count }));
        if (!ok) return;
        const done = await attempt(status, () => consoleApi.promote({ ...asked, expect: report.count }, false), 'promote_');
        if (!done) return;
        fill(out, h('h2', { id: 'promotion-title', tabindex: '-1' }, t('console.year.applied', { n: done.count })), promotionTable(done), ...unmovedNotes(done));
        out.querySelector('h2')?.focus();
      },
    });
    // The heading takes the focus, so a screen reader reads the preview's count first.
    fill(out, h('h2', { id: 'promotion-title', tabindex: '-1' }, t('console.year.previewed', { n: report.count })), promotionTable(report), ...unmovedNotes(report), h('div', { class: 'actions' }, apply));
    out.querySelector('h2')?.focus();
  };

  const form = h(
    'form',
    {
      class: 'promote-form',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        void preview();
      },
    },
    h(
      'fieldset',
      null,
      h('legend', null, t('console.year.who')),
      labelled(t('console.year.level'), level),
      labelled(t('console.year.class'), klass),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, t('console.year.where')),
      labelled(t('console.year.toLevel'), toLevel),
      labelled(t('console.year.toClass'), toClass),
      h('label', { class: 'check' }, nextClass, t('console.year.nextClass')),
    ),
    h('div', { class: 'actions' }, button(t('console.year.preview'), { submit: true, name: 'promote_preview' })),
  );
  return h(
    'section',
    { 'aria-labelledby': 'year-title' },
    h('h1', { id: 'year-title', tabindex: '-1' }, t('console.tab.year')),
    h('p', { class: 'intro' }, t('console.year.intro')),
    form,
    status.el,
    out,
  );
}

function promotionTable(report: PromotionReport): HTMLElement {
  const where = (level: string | null, cls: string | null) => [levels().find(([v]) => v === level)?.[1] ?? '—', cls ?? '—'].join(', ');
  const apps = (p: Promotion) => {
    const parts = [
      p.apps_gained.length ? t('console.year.gained', { apps: p.apps_gained.join(', ') }) : null,
      p.apps_lost.length ? t('console.year.lost', { apps: p.apps_lost.join(', ') }) : null,
    ].filter((x): x is string => x !== null);
    return parts.length ? parts.join('; ') : t('console.year.noApps');
  };
  return table(
    t('console.year.caption'),
    [t('console.col.login'), t('console.col.name'), t('console.year.from'), t('console.year.to'), t('console.col.apps')],
    report.accounts.map((p) => [h('span', { 'data-login': p.login }, loginParts(p.login)), p.name, where(p.level, p.class), where(p.to_level, p.to_class), apps(p)]),
  );
}

/** The students the promotion leaves as they are, and why: in their level's last year, or
 * moved by a promotion already this year. */
function unmovedNotes(report: PromotionReport): HTMLElement[] {
  const names = (list: Unmoved[]) => list.map((u) => `${u.name} (${u.class ?? '—'})`).join(', ');
  return [
    report.leaving.length ? h('p', { class: 'note', 'data-unmoved': 'leaving' }, t('console.year.leaving', { n: report.leaving.length, names: names(report.leaving) })) : null,
    report.already_promoted.length
      ? h('p', { class: 'note', 'data-unmoved': 'already_promoted' }, t('console.year.alreadyPromoted', { n: report.already_promoted.length, names: names(report.already_promoted) }))
      : null,
  ].filter((x): x is HTMLParagraphElement => x !== null);
}
