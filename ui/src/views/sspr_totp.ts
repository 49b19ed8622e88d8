import { h } from '../dom';
import { t } from '../messages';
import { actions, button, codeField, form, heading, valueOf } from '../widgets';
import { view } from './view';

// A reset of an account with 2FA also asks for a code, so a reset cannot bypass 2FA (DESIGN §3).
export default view<'sspr_totp'>({
  chrome: 'sspr',
  signedIn: false,
  render(s, ctx) {
    const code = codeField({ name: 'code', label: t('totp.code'), digits: s.digits, hint: t('totp.codeHint', { digits: s.digits }) });
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('totp.heading')),
      h('p', null, t('totp.ssprIntro')),
      h('p', { class: 'hint' }, t('totp.account', { login: s.login })),
      form(
        (f) => void ctx.send({ action: 'submit_totp', code: valueOf(f, 'code') }),
        code.wrapper,
        actions(
          button(t('common.next'), { submit: true, name: 'submit_totp' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});
