import { t } from '../messages';
import { useKeyButton } from '../security_key';
import { totpCard } from '../widgets';
import { view } from './view';

// A reset of an account with 2FA also asks for a code, so a reset cannot bypass 2FA (DESIGN §3).
export default view<'sspr_totp'>({
  chrome: 'sspr',
  render: (s, ctx) =>
    totpCard({
      intro: t('totp.ssprIntro'),
      login: s.login,
      digits: s.digits,
      recoveryLeft: s.recovery_codes_left,
      recoveryOpen: ctx.error?.field === 'recovery_code',
      key: s.security_keys ? useKeyButton(ctx, s.security_key) : null,
      send: ctx.send,
    }),
});
