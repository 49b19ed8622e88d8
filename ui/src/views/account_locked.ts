import { h, icon, ICONS } from '../dom';
import { t } from '../messages';
import { actions, button, heading } from '../widgets';
import { view } from './view';

// Student guide troubleshooting E: locked after too many wrong passwords.
export default view<'account_locked'>({
  chrome: 'portal',
  render(s, ctx) {
    return h(
      'section',
      { class: 'card card-narrow' },
      h('div', { class: 'title-row' }, icon(ICONS.lock, 'icon icon-lg'), heading(t('locked.heading'))),
      h('p', { class: 'message' }, s.message),
      actions(
        button(t('signIn.forgot'), { kind: 'primary', name: 'forgot_password', onClick: () => void ctx.send({ action: 'forgot_password' }) }),
        button(t('locked.back'), { name: 'continue', onClick: () => void ctx.send({ action: 'continue' }) }),
      ),
    );
  },
});
