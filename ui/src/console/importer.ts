// Bulk import: choose a CSV file; every row is checked first and the bad ones listed with their
// line numbers and reasons; then the good rows are imported on all cores with a progress bar fed
// by events from Rust (rows done, rate, time left) and a Cancel that stops between batches, whole;
// then the slips.

import { consoleApi } from '../api';
import { h } from '../dom';
import { t } from '../messages';
import { button } from '../widgets';
import { announce, attempt, fill, issuedPanel, labelled, statusLine, table } from './common';

export function importSection(): HTMLElement {
  const status = statusLine();
  const file = h('input', { type: 'file', name: 'csv_file', accept: '.csv,text/csv' });
  const checked = h('div');
  const progress = h('progress', { max: 1, value: 0, 'aria-labelledby': 'import-progress-text' });
  const progressText = h('p', { id: 'import-progress-text', 'aria-live': 'polite' });
  const cancel = button(t('common.cancel'), { name: 'import_cancel', onClick: () => void consoleApi.importCancel() });
  const running = h('div', { class: 'import-progress', hidden: true }, progress, progressText, cancel);
  const result = h('div', { class: 'import-result' });
  let text = '';

  void consoleApi.onImportProgress((p) => {
    progress.max = Math.max(1, p.total);
    progress.value = p.done;
    const counts = { done: p.done, total: p.total, rate: p.per_second.toFixed(1) };
    progressText.textContent =
      p.seconds_left === null
        ? t('console.import.progress', counts)
        : t('console.import.progressLeft', { ...counts, s: Math.ceil(p.seconds_left) });
  });

  file.addEventListener('change', async () => {
    result.replaceChildren();
    checked.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) return;
    text = await chosen.text();
    const check = await attempt(status, () => consoleApi.importCheck(text));
    if (!check) return;
    const start = button(t('console.import.start', { n: check.good }), { kind: 'primary', name: 'import_start', onClick: () => void run() });
    start.disabled = check.good === 0;
    fill(checked,
      h('p', { class: 'import-summary' }, t('console.import.checked', { rows: check.rows, good: check.good, bad: check.errors.length })),
      check.errors.length
        ? table(t('console.import.badRows'), [t('console.col.line'), t('console.col.login'), t('console.col.reason')],
            check.errors.map((e) => [String(e.line), e.login ?? '—', e.reason]))
        : null,
      h('div', { class: 'actions' }, start),
    );
    announce(t('console.import.checked', { rows: check.rows, good: check.good, bad: check.errors.length }));
  });

  const run = async () => {
    running.hidden = false;
    checked.querySelectorAll('button').forEach((b) => (b.disabled = true));
    progress.value = 0;
    progressText.textContent = '';
    cancel.focus();
    const done = await attempt(status, () => consoleApi.importRun(text));
    running.hidden = true;
    if (!done) return;
    const summary = done.cancelled
      ? t('console.import.cancelled', { created: done.created, rows: done.rows })
      : t('console.import.done', { created: done.created, seconds: done.seconds.toFixed(1) });
    // A thin client's import stopped part-way by the server: the row it stopped at, and why.
    const stopped = done.errors.find((e) => e.id === 'import-stopped');
    fill(
      result,
      h('p', { class: 'import-summary' }, summary),
      stopped ? h('p', { class: 'console-status is-error', role: 'alert' }, `${t('console.col.line')} ${stopped.line}: ${stopped.reason}`) : null,
      done.issued.length ? issuedPanel(done, status) : null,
    );
    announce(summary);
    text = '';
    file.value = '';
  };

  return h(
    'section',
    { 'aria-labelledby': 'import-title' },
    h('h1', { id: 'import-title', tabindex: '-1' }, t('console.tab.import')),
    h('p', null, t('console.import.intro')),
    labelled(t('console.import.file'), file),
    status.el,
    checked,
    running,
    result,
  );
}
