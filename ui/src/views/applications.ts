import { h, icon, ICONS } from '../dom';
import { t } from '../messages';
import { accountActions, heading } from '../widgets';
import { view } from './view';

// Student guide step 10 and staff guide step 2: the MIMS Portal Applications page.
export default view<'applications'>({
  chrome: 'portal',
  signedIn: true,
  render(s, ctx) {
    return h(
      'section',
      { class: 'card' },
      heading(t('applications.heading')),
      h('p', null, t('applications.intro')),
      h(
        'ul',
        { class: 'tiles', role: 'list' },
        s.apps.map((app) =>
          h(
            'li',
            null,
            h(
              'button',
              { type: 'button', class: 'tile', 'data-app': app.id, onclick: () => void ctx.send({ action: 'open_app', app: app.id }) },
              icon(app.id === 'icon' ? ICONS.app : ICONS.key, 'icon tile-icon'),
              h('span', { class: 'tile-name' }, app.name),
            ),
          ),
        ),
      ),
      accountActions(ctx.send),
    );
  },
});
