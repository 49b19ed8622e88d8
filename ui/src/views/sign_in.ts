import { h } from '../dom';
import { language, t } from '../messages';
import { actions, banner, button, field, form, heading, passwordField, valueOf } from '../widgets';
import { view } from './view';

// Student guide p.15 and staff guide p.7: the MIMS Portal sign-in with the login-ID hints (a
// short line first, the guide's paragraph behind "More help": issue 15).
export default view<'sign_in'>({
  chrome: 'portal',
  render(s, ctx) {
    const login = field({ name: 'login', label: t('signIn.username'), autocomplete: 'username', keep: true, required: true });
    const password = passwordField({ name: 'password', label: t('signIn.password'), autocomplete: 'current-password', required: true });
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(s.portal_name),
      h('p', { class: 'lead' }, t('signIn.heading')),
      // Sent here by an app (single sign-on in the browser): which one, as the school registered it.
      ctx.info.waiting_app
        ? h('p', { class: 'banner banner-info', id: 'waiting-app', role: 'status' }, t('signIn.waitingApp', { app: ctx.info.waiting_app }))
        : null,
      ctx.notice ? banner(ctx.notice) : null,
      s.notice ? banner(s.notice, 'success') : null,
      ctx.info.first_run
        ? h('div', { class: 'banner banner-info first-run-banner', role: 'status' },
            h('p', null, t('firstRun.banner')),
            button(t('firstRun.start'), { kind: 'primary', name: 'first_run_open', onClick: () => ctx.firstRun() }))
        : null,
      // A short line a child can read; the guide's whole paragraph behind "More help".
      h('p', { class: 'hint-block', id: 'login-hint' }, s.hint_short),
      h('details', { class: 'more-help' }, h('summary', { 'data-name': 'more_help' }, t('signIn.moreHelp')), h('p', { class: 'hint-block', id: 'login-hint-full' }, s.hint)),
      form(
        (f) => void ctx.send({ action: 'sign_in', login: valueOf(f, 'login'), password: valueOf(f, 'password'), language: language() }),
        login.wrapper,
        password.wrapper,
        actions(button(t('signIn.submit'), { submit: true, name: 'sign_in' })),
      ),
      h('p', { class: 'secondary-link' },
        button(t('signIn.forgot'), { kind: 'link', name: 'forgot_password', onClick: () => void ctx.send({ action: 'forgot_password' }) })),
      // Administrators sign in to the console in the desktop app, never in a browser.
      ctx.info.browser
        ? null
        : h('p', { class: 'secondary-link admin-link' },
            button(t('signIn.admin'), { kind: 'link', name: 'admin_sign_in_open', onClick: () => ctx.adminSignIn() })),
    );
  },
});
