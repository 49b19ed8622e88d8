import { h, ICONS } from '../dom';
import { t } from '../messages';
import { accountActions, appTiles, heading } from '../widgets';
import { view } from './view';

// Student guide step 10 and staff guide step 2: the MIMS Portal Applications page.
export default view<'applications'>({
  chrome: 'portal',
  render(s, ctx) {
    return h(
      'section',
      { class: 'card' },
      heading(t('applications.heading')),
      h('p', null, t('applications.intro')),
      appTiles(s.apps, ctx.send, (id) => (id === 'icon' ? ICONS.app : ICONS.key)),
      accountActions(ctx.send),
    );
  },
});
