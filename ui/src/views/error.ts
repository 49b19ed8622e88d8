import { h } from '../dom';
import { t } from '../messages';
import { actions, button, heading } from '../widgets';
import { view } from './view';

// Student guide troubleshooting F and G (SSPR 5006, SSPR 5019) and the other errors the guides
// name (2FA required, staff FAQ 11): the code, the core's text, Continue.
export default view<'error'>({
  chrome: 'sspr',
  render(s, ctx) {
    return h(
      'section',
      { class: 'card card-narrow error-screen' },
      heading(t('error.heading')),
      // The guides' numbered codes ("SSPR 5006") are shown; internal codes stay out of sight.
      /^SSPR \d+$/.test(s.code) ? h('p', { class: 'error-code' }, s.code) : null,
      h('p', { class: 'message' }, s.message),
      actions(button(t('common.continue'), { kind: 'primary', name: 'continue', onClick: () => void ctx.send({ action: 'continue' }) })),
    );
  },
});
