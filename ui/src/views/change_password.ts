import { passwordChecklist } from '../checklist';
import { h } from '../dom';
import { t } from '../messages';
import { actions, button, form, heading, passwordField, valueOf } from '../widgets';
import { view } from './view';

// Student guide step 8 (and section 2a step 4): the requirements, ticked live as the person
// types — the core judges every rule (`password_rules`), this view only shows the ticks.
export default view<'change_password'>({
  chrome: 'sspr',
  render(s, ctx) {
    const checklist = passwordChecklist(s.rules, s.strength);
    const { notes, list, summary, strength } = checklist;

    const newPassword = passwordField({ name: 'new_password', label: t('changePassword.new'), autocomplete: 'new-password', required: true });
    const confirm = passwordField({ name: 'confirm_password', label: t('changePassword.confirm'), autocomplete: 'new-password', required: true });
    // A signed-in person's own change: the password they have first (change_my_password).
    const current = s.current_password_required
      ? passwordField({ name: 'current_password', label: t('changePassword.current'), autocomplete: 'current-password', required: true })
      : null;
    checklist.follow(newPassword.input, async (typed) => {
      const r = await ctx.passwordRules(typed);
      return r.screen === 'change_password' ? r : null;
    });

    return h(
      'section',
      { class: 'card' },
      heading(t('changePassword.heading')),
      h('p', null, t('changePassword.intro')),
      notes,
      list,
      summary,
      form(
        (f) =>
          void ctx.send({
            action: 'change_password',
            new_password: valueOf(f, 'new_password'),
            confirm_password: valueOf(f, 'confirm_password'),
            ...(current ? { current_password: valueOf(f, 'current_password') } : {}),
          }),
        current?.wrapper ?? null,
        h('fieldset', null, h('legend', null, t('changePassword.legend')), newPassword.wrapper, strength, confirm.wrapper),
        actions(
          button(t('changePassword.submit'), { submit: true, name: 'change_password' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});

