import { h } from '../dom';
import { t } from '../messages';
import { actions, button, heading } from '../widgets';
import { view } from './view';

export default view<'signed_out'>({
  chrome: 'portal',
  render(s, ctx) {
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('signedOut.heading')),
      h('p', { class: 'message' }, s.message),
      actions(button(t('signedOut.again'), { kind: 'primary', name: 'continue', onClick: () => void ctx.send({ action: 'continue' }) })),
    );
  },
});
