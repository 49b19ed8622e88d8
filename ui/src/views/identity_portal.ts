import { h, ICONS } from '../dom';
import { t } from '../messages';
import { actions, appTiles, button, heading } from '../widgets';
import { view } from './view';

// Staff guide section 1 step 3: the MIMS Identity Portal lists its applications; "Staff will
// have to set up 2-Factor Authentication (2FA) upon first login. Click on 'Setup 2FA'".
export default view<'identity_portal'>({
  chrome: 'twofa',
  render(s, ctx) {
    return h(
      'section',
      { class: 'card' },
      heading(t('identityPortal.heading')),
      h('p', { class: 'lead' }, s.message),
      h('p', null, t('identityPortal.intro')),
      appTiles(s.apps, ctx.send, () => ICONS.lock),
      actions(button(t('identityPortal.back'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) })),
    );
  },
});
