import { t } from '../messages';
import { useKeyButton } from '../security_key';
import { totpCard } from '../widgets';
import { view } from './view';

// Staff guide section 2 steps 3–4: the code from the authenticator app to open iCON (with the
// core's notice when the code shown now was used a moment ago, e.g. by the test) — or, for
// someone who already has an authenticator, to open the identity portal where they are managed,
// or to change their own password or challenge questions.
function intro(opens: 'icon' | 'identity_portal' | 'change_password' | 'change_questions'): string {
  switch (opens) {
    case 'identity_portal':
      return t('totp.portalIntro');
    case 'change_password':
    case 'change_questions':
      return t('totp.changeIntro');
    case 'icon':
      return t('totp.obtain');
  }
}

export default view<'totp_prompt'>({
  chrome: 'twofa',
  render: (s, ctx) =>
    totpCard({
      intro: intro(s.opens),
      login: s.login,
      digits: s.digits,
      notice: s.notice,
      recoveryLeft: s.recovery_codes_left,
      recoveryOpen: ctx.error?.field === 'recovery_code',
      key: s.security_keys ? useKeyButton(ctx, s.security_key) : null,
      send: ctx.send,
    }),
});
