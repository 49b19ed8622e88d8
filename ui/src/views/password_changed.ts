import { h } from '../dom';
import { t } from '../messages';
import { actions, banner, button, heading } from '../widgets';
import { view } from './view';

// Student guide step 9: "You have successfully changed your password."; Continue.
export default view<'password_changed'>({
  chrome: 'sspr',
  signedIn: true,
  render(s, ctx) {
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('passwordChanged.heading')),
      banner(s.message, 'success'),
      h('p', null, t('passwordChanged.great')),
      actions(button(t('common.continue'), { kind: 'primary', name: 'continue', onClick: () => void ctx.send({ action: 'continue' }) })),
    );
  },
});
