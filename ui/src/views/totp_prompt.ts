import { t } from '../messages';
import { totpCard } from '../widgets';
import { view } from './view';

// Staff guide section 2 steps 3–4: the code from the authenticator app to open iCON.
export default view<'totp_prompt'>({
  chrome: 'twofa',
  signedIn: true,
  render: (s, ctx) => totpCard({ intro: t('totp.obtain'), login: s.login, digits: s.digits, send: ctx.send }),
});
