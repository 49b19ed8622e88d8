import { h } from '../dom';
import { t } from '../messages';
import { actions, banner, button, heading, recoveryCodes } from '../widgets';
import { when } from '../time';
import { view } from './view';

// Staff guide section 1 steps 12 and 14: Comment, "Token serial is not defined", Delete / Test /
// Cancel, and under the heading the banner 'Authenticator "Soft Token (OTP)" passed the test'.
export default view<'edit_authenticator'>({
  chrome: 'twofa',
  render(s, ctx) {
    const a = s.authenticator;
    const confirmBox = h(
      'div',
      { class: 'confirm', hidden: true, role: 'group', 'aria-label': t('editToken.delete') },
      h('p', null, t('editToken.deleteConfirm')),
      actions(
        button(t('editToken.deleteYes'), { kind: 'danger', name: 'delete_authenticator', onClick: () => void ctx.send({ action: 'delete_authenticator', id: a.id }) }),
        button(t('editToken.deleteNo'), {
          onClick: () => {
            confirmBox.hidden = true;
            deleteButton.focus();
          },
        }),
      ),
    );
    const deleteButton = button(t('editToken.delete'), {
      kind: 'danger',
      name: 'ask_delete',
      onClick: () => {
        confirmBox.hidden = false;
        confirmBox.querySelector<HTMLButtonElement>('button')?.focus();
      },
    });
    // The guide's step 14: the banner, and on the first pass "You have successfully completed
    // the MIMS 2FA set-up." with the way on to the applications (where iCON opens).
    const completion = s.completion
      ? h(
          'div',
          { class: 'completion' },
          h('p', { class: 'lead' }, s.completion),
          s.recovery_codes.length > 0 ? recoveryCodes(s.recovery_codes) : null,
          h('p', null, t('editToken.nextStep')),
          actions(button(t('editToken.continue'), { kind: 'primary', name: 'continue', onClick: () => void ctx.send({ action: 'continue' }) })),
        )
      : null;
    return h(
      'section',
      { class: 'card' },
      heading(t('editToken.heading', { name: a.name })),
      s.banner ? banner(s.banner, 'success') : null,
      completion,
      h('p', null, t('editToken.intro')),
      h(
        'dl',
        { class: 'props' },
        h('dt', null, t('editToken.comment')),
        h('dd', null, a.comment),
        ...(a.kind === 'security_key'
          ? [h('dt', null, t('securityKey.model')), h('dd', null, a.model ?? '—')]
          : [h('dt', null, t('editToken.serial')), h('dd', null, a.serial ?? t('editToken.noSerial'))]),
        h('dt', null, t('editToken.status')),
        h('dd', null, a.tested && a.last_tested ? t('editToken.tested', { when: when(a.last_tested) }) : t('editToken.untested')),
      ),
      actions(
        deleteButton,
        button(t('editToken.test'), { kind: 'primary', name: 'test_authenticator', onClick: () => void ctx.send({ action: 'test_authenticator' }) }),
        button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
      ),
      confirmBox,
    );
  },
});
