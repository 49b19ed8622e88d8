import { h } from '../dom';
import { t } from '../messages';
import { heading } from '../widgets';
import { view } from './view';

// Student guide p.18 "Please Wait": a progress bar while the core does the slow work. The
// window sends `continue` itself; the core hashes and stores the password during that call.
export default view<'password_changing'>({
  chrome: 'sspr',
  render(s, ctx) {
    const progress = h('progress', { class: 'progress', 'aria-label': t('passwordChanging.progress') });
    if (!ctx.error) {
      // After this render (so the progress bar is on screen), and at most once per arrival.
      window.setTimeout(() => void ctx.send({ action: 'continue' }, { minDurationMs: 900 }), 0);
    }
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('passwordChanging.heading')),
      h('p', { class: 'message' }, s.message),
      progress,
    );
  },
});
