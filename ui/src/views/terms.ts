import { h } from '../dom';
import { t } from '../messages';
import { actions, button, heading } from '../widgets';
import { view } from './view';

// Student guide step 11: the first time iCON is opened, "Welcome to your new account"; I understand.
export default view<'terms'>({
  chrome: 'workspace',
  render(s, ctx) {
    const p = { login: s.login, domain: s.domain };
    return h(
      'section',
      { class: 'card terms' },
      heading(s.title),
      h('p', null, t('terms.p1', p)),
      h('p', null, t('terms.p2', p)),
      h('p', null, t('terms.p3', p)),
      h('p', null, t('terms.p4', p)),
      h('p', null, t('terms.p5', p)),
      actions(button(t('terms.accept'), { kind: 'primary', name: 'accept_terms', onClick: () => void ctx.send({ action: 'accept_terms' }) })),
    );
  },
});
