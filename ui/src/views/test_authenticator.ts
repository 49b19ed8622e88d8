import { h } from '../dom';
import { t } from '../messages';
import { useKeyButton } from '../security_key';
import { actions, button, codeField, form, heading, valueOf } from '../widgets';
import { view } from './view';

// Staff guide section 1 step 13: the code from the app under "Password"; Next.
export default view<'test_authenticator'>({
  chrome: 'twofa',
  render(s, ctx) {
    if (s.authenticator.kind === 'security_key') {
      // A security key is tested with a touch.
      return h(
        'section',
        { class: 'card card-narrow' },
        heading(t('testToken.heading', { name: s.authenticator.name })),
        h('p', null, t('securityKey.testIntro')),
        useKeyButton(ctx, s.security_key),
        actions(button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) })),
      );
    }
    const code = codeField({ name: 'code', label: t('testToken.code'), digits: 8, hint: t('testToken.codeHint') });
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('testToken.heading', { name: s.authenticator.name })),
      h('p', null, t('testToken.intro')),
      form(
        (f) => void ctx.send({ action: 'test_authenticator', code: valueOf(f, 'code') }),
        code.wrapper,
        actions(
          button(t('common.next'), { submit: true, name: 'test_authenticator' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});
