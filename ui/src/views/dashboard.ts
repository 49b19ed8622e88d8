import { appIcon } from '../app_icons';
import { h } from '../dom';
import { t } from '../messages';
import { accountActions, actions, banner, button, heading } from '../widgets';
import { view } from './view';

// Student guide step 12 and p.12–14: the workspace dashboard with the apps for the person's
// level and the guide's notes. Apps open in the system browser.
export default view<'dashboard'>({
  chrome: 'workspace',
  render(s, ctx) {
    const workspace = ctx.info.branding.workspace_name;
    return h(
      'section',
      { class: 'card card-wide' },
      heading(t('dashboard.heading')),
      banner(t('dashboard.success', { workspace }), 'success'),
      s.reminder ? banner(s.reminder) : null,
      h('h2', null, t('dashboard.appsLabel')),
      h(
        'ul',
        { class: 'app-grid', role: 'list' },
        s.apps.map((app) => {
          const noteId = app.restriction ? `app-${app.id}-note` : undefined;
          return h(
            'li',
            { class: 'app' },
            h(
              'button',
              {
                type: 'button',
                class: 'tile',
                'data-app': app.id,
                'aria-describedby': noteId,
                onclick: () => void ctx.openDashboardApp(app.id),
              },
              // The icon carries the name for screen readers; the visible name is not read twice.
              appIcon(app, app.name),
              h('span', { class: 'tile-name', 'aria-hidden': 'true' }, app.name),
              h('span', { class: 'sr-only' }, ` (${t('dashboard.opens')})`),
            ),
            app.restriction ? h('p', { class: 'app-note', id: noteId }, app.restriction) : null,
          );
        }),
      ),
      s.notes.length
        ? [h('h2', null, t('dashboard.notesLabel')), h('ul', { class: 'notes' }, s.notes.map((n) => h('li', null, n)))]
        : null,
      actions(button(t('dashboard.back'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) })),
      accountActions(ctx.send),
    );
  },
});
