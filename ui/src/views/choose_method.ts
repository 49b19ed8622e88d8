import { h } from '../dom';
import { t } from '../messages';
import { actions, button, form, heading, selectField, valueOf } from '../widgets';
import { view } from './view';

// Staff guide section 1 step 5: Chain and Method (Email OTP); Next sends the code.
export default view<'choose_method'>({
  chrome: 'twofa',
  render(s, ctx) {
    const toOption = (a: { id: string; name: string }) => ({ value: a.id, label: a.name });
    const chain = selectField({ name: 'chain', label: t('chooseMethod.chain'), options: s.chains.map(toOption), value: s.chains[0]?.id });
    const method = selectField({ name: 'method', label: t('chooseMethod.method'), options: s.methods.map(toOption), value: s.methods[0]?.id });
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('chooseMethod.heading')),
      h('p', null, t('chooseMethod.intro')),
      form(
        (f) => void ctx.send({ action: 'choose_method', method: valueOf(f, 'method') }),
        chain.wrapper,
        method.wrapper,
        actions(
          button(t('common.next'), { submit: true, name: 'choose_method' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});
