import { t } from '../messages';
import { successCard } from '../widgets';
import { view } from './view';

// Student guide step 9: "You have successfully changed your password."; Continue.
export default view<'password_changed'>({
  chrome: 'sspr',
  render: (s, ctx) => successCard({ heading: t('passwordChanged.heading'), message: s.message, send: ctx.send }),
});
