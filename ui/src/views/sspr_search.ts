import { h } from '../dom';
import { t } from '../messages';
import { actions, button, field, form, heading, valueOf } from '../widgets';
import { view } from './view';

// Student guide section 2a step 2: Username; Search / Cancel.
export default view<'sspr_search'>({
  chrome: 'sspr',
  render(_s, ctx) {
    const login = field({ name: 'login', label: t('ssprSearch.username'), autocomplete: 'username', keep: true, required: true });
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('ssprSearch.heading')),
      h('p', null, t('ssprSearch.intro')),
      form(
        (f) => void ctx.send({ action: 'sspr_search', login: valueOf(f, 'login') }),
        login.wrapper,
        actions(
          button(t('ssprSearch.submit'), { submit: true, name: 'sspr_search' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});
