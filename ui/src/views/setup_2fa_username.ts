import { h } from '../dom';
import { t } from '../messages';
import { actions, button, field, form, heading, valueOf } from '../widgets';
import { view } from './view';

// Staff guide section 1 step 4: User name; Next.
export default view<'setup_2fa_username'>({
  chrome: 'twofa',
  render(_s, ctx) {
    const login = field({ name: 'login', label: t('setup2fa.username'), autocomplete: 'username', keep: true, required: true, hint: t('setup2fa.hint') });
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('setup2fa.heading')),
      h('p', null, t('setup2fa.intro')),
      form(
        (f) => void ctx.send({ action: 'setup_2fa', login: valueOf(f, 'login') }),
        login.wrapper,
        actions(
          button(t('common.next'), { submit: true, name: 'setup_2fa' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});
