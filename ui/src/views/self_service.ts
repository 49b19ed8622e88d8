import { h, icon, ICONS } from '../dom';
import { t } from '../messages';
import { actions, banner, button, form, heading, passwordField, valueOf } from '../widgets';
import type { Ctx } from './view';
import { view } from './view';

// Staff guide section 1 steps 7 and 11: Enrolled Authenticators (select one to edit or test)
// and Add Authenticator (Hard Token/FIDO 2.0, Soft Token (OTP)).
export default view<'self_service'>({
  chrome: 'twofa',
  render(s, ctx) {
    const enrolled = s.enrolled.map((a) => {
      const body = [
        icon(a.name.includes('Email') ? ICONS.mail : a.name.includes('Password') ? ICONS.key : ICONS.phone, 'icon tile-icon'),
        h('span', { class: 'tile-name' }, a.name),
        h('span', { class: 'tile-sub' }, a.comment),
        a.status !== a.comment ? h('span', { class: 'tile-sub tile-status' }, a.status) : null,
      ];
      return h(
        'li',
        null,
        a.id === null
          ? h('div', { class: 'tile tile-static' }, body)
          : h('button', { type: 'button', class: 'tile', 'data-authenticator': a.id, onclick: () => void ctx.send({ action: 'select_authenticator', id: a.id }) }, body),
      );
    });
    const available = s.available.map((a) =>
      h(
        'li',
        null,
        // "Hard Token/FIDO 2.0" enrols a security key; "Soft Token (OTP)" opens the page that takes a
        // QR scan, a manual secret or an OATH hardware token's serial (as the guide's page does).
        h('button', { type: 'button', class: 'tile', 'data-add': a.id, onclick: () => void ctx.send({ action: a.id === 'hard_token' ? 'add_security_key' : 'add_soft_token' }) },
          icon(a.id === 'hard_token' ? ICONS.token : ICONS.phone, 'icon tile-icon'),
          h('span', { class: 'tile-name' }, a.name)),
      ),
    );
    return h(
      'section',
      { class: 'card card-wide' },
      heading(t('selfService.heading')),
      s.notice ? banner(s.notice) : null,
      h('p', { class: 'lead' }, t('selfService.welcome')),
      h('p', null, t('selfService.intro')),
      h('h2', null, t('selfService.enrolled')),
      h('ul', { class: 'tiles', role: 'list' }, enrolled),
      h('h2', null, t('selfService.add')),
      h('ul', { class: 'tiles', role: 'list' }, available),
      s.recovery_codes_left === null ? null : recoverySection(s.recovery_codes_left, s.recovery_codes_low, ctx),
      actions(button(t('selfService.done'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) })),
    );
  },
});

/** How many recovery codes are left (a warning when few), and a new set behind the password. */
function recoverySection(left: number, low: boolean, ctx: Ctx): HTMLElement {
  const password = passwordField({ name: 'current_password', label: t('recovery.password'), autocomplete: 'current-password', required: true });
  return h(
    'div',
    { class: 'recovery-status' },
    h('h2', null, t('recovery.heading')),
    h('p', { 'data-recovery-left': left }, t('recovery.left', { left })),
    low ? banner(t('recovery.low')) : null,
    form(
      (f) => void ctx.send({ action: 'new_recovery_codes', current_password: valueOf(f, 'current_password') }),
      h('p', { class: 'hint' }, t('recovery.newHelp')),
      password.wrapper,
      actions(button(t('recovery.new'), { submit: true, name: 'new_recovery_codes' })),
    ),
  );
}
