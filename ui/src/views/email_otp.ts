import { h, icon, ICONS } from '../dom';
import { t } from '../messages';
import { actions, button, codeField, form, heading, valueOf } from '../widgets';
import { view } from './view';

// Staff guide section 1 step 6: "OTP #N sent to …" (N matches the email), One Time Password; Next.
export default view<'email_otp'>({
  chrome: 'twofa',
  render(s, ctx) {
    const code = codeField({ name: 'code', label: t('emailOtp.code'), digits: 6, hint: t('emailOtp.codeHint', { n: s.sequence }) });
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('emailOtp.heading')),
      h('p', { class: 'title-row' }, icon(ICONS.mail), t('emailOtp.method')),
      h('p', { class: 'message' }, t('emailOtp.sent', { n: s.sequence, address: s.masked_address })),
      form(
        (f) => void ctx.send({ action: 'submit_email_otp', code: valueOf(f, 'code') }),
        code.wrapper,
        actions(
          button(t('common.next'), { submit: true, name: 'submit_email_otp' }),
          button(t('emailOtp.resend'), { name: 'resend_email_otp', onClick: () => void ctx.send({ action: 'resend_email_otp' }) }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
      h('p', { class: 'note' }, t('emailOtp.note')),
    );
  },
});
