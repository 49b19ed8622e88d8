import { h } from '../dom';
import { t } from '../messages';
import type { Request } from '../types';
import { actions, banner, button, codeField, field, form, heading, paragraphs, uid, valueOf } from '../widgets';
import { view, type Ctx } from './view';

// Staff guide section 1 steps 8–10: scan the QR code (or type the key shown beside it), a
// Comment, or a hardware token's serial and OTP (and the next OTP to resynchronise a token
// pressed many times), or a TOTP secret entered by hand; Save.
export default view<'add_soft_token'>({
  chrome: 'twofa',
  render(s, ctx) {
    const secretId = uid('secret');
    const qr = h('img', {
      class: 'qr',
      src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s.qr_svg)}`,
      width: 288,
      height: 288,
      alt: t('addToken.qrAlt'),
    });
    const comment = field({ name: 'comment', label: t('addToken.comment'), hint: t('addToken.commentHint'), keep: true });
    const serial = field({ name: 'serial', label: t('addToken.serial'), placeholder: t('addToken.serialPlaceholder'), keep: true });
    const otp = codeField({ name: 'otp', label: t('addToken.otp') });
    const nextOtp = codeField({ name: 'next_otp', label: t('addToken.nextOtp'), hint: t('addToken.nextOtpHint') });
    nextOtp.input.required = false;
    const secret = field({ name: 'secret', label: t('addToken.secret'), hint: t('addToken.secretHint'), keep: true });
    const period = field({ name: 'period', label: t('addToken.period'), hint: t('addToken.periodHint'), inputmode: 'numeric', keep: true });
    return h(
      'section',
      { class: 'card card-wide' },
      heading(t('addToken.heading')),
      paragraphs(t('addToken.p1'), t('addToken.p2'), t('addToken.p3')),
      s.generic_note ? banner(s.generic_note) : null,
      form(
        (f) => void save(f, ctx),
        comment.wrapper,
        h(
          'div',
          { class: 'enrol' },
          h('figure', { class: 'qr-figure' }, qr, h('figcaption', null, t('addToken.qrLabel'))),
          h(
            'div',
            { class: 'secret-box' },
            h('p', { id: secretId }, t('addToken.secretLabel')),
            h('p', null, h('code', { class: 'secret', 'aria-labelledby': secretId, 'data-secret': 'true' }, s.secret)),
            h('p', { class: 'hint' }, t('addToken.secretDetails', { digits: s.digits, period: s.period })),
          ),
        ),
        h('p', null, t('addToken.tokenIntro')),
        h('div', { class: 'field-pair' }, serial.wrapper, otp.wrapper),
        h('div', { class: 'field-pair' }, nextOtp.wrapper),
        h('details', { class: 'manual' }, h('summary', null, t('addToken.manual')), h('div', { class: 'field-pair' }, secret.wrapper, period.wrapper)),
        actions(
          button(t('addToken.save'), { submit: true, name: 'save_soft_token' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});

/** Saves, then opens the new token's test right away: a token counts only once tested (DESIGN §2). */
async function save(f: HTMLFormElement, ctx: Ctx): Promise<void> {
  const request: Request = { action: 'save_soft_token', comment: valueOf(f, 'comment') };
  const serial = valueOf(f, 'serial').trim();
  const secret = valueOf(f, 'secret').trim();
  if (serial) {
    const nextOtp = valueOf(f, 'next_otp').trim();
    Object.assign(request, { serial, otp: valueOf(f, 'otp').trim() }, nextOtp ? { next_otp: nextOtp } : {});
  }
  if (secret) {
    const period = valueOf(f, 'period').trim();
    Object.assign(request, { secret }, period ? { period: Number(period) } : {});
  }
  const saved = await ctx.send(request, { render: false });
  if (!saved) return;
  const newest = saved.screen === 'self_service' && !saved.error ? Math.max(-1, ...saved.enrolled.map((a) => a.id ?? -1)) : -1;
  if (newest < 0) return ctx.render(saved);
  const edit = await ctx.send({ action: 'select_authenticator', id: newest }, { render: false });
  if (!edit || edit.screen !== 'edit_authenticator' || edit.error) return edit ? ctx.render(edit) : undefined;
  await ctx.send({ action: 'test_authenticator' });
}
