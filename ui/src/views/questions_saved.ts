import { t } from '../messages';
import { successCard } from '../widgets';
import { view } from './view';

// Student guide step 7: Success; Continue.
export default view<'questions_saved'>({
  chrome: 'sspr',
  render: (s, ctx) => successCard({ heading: t('questionsSaved.heading'), message: s.message, send: ctx.send }),
});
