import { h } from '../dom';
import { t } from '../messages';
import { actions, banner, button, heading } from '../widgets';
import { view } from './view';

// Student guide step 7: Success; Continue.
export default view<'questions_saved'>({
  chrome: 'sspr',
  signedIn: true,
  render(s, ctx) {
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('questionsSaved.heading')),
      banner(s.message, 'success'),
      actions(button(t('common.continue'), { kind: 'primary', name: 'continue', onClick: () => void ctx.send({ action: 'continue' }) })),
    );
  },
});
