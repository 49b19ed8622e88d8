import { h } from '../dom';
import { t } from '../messages';
import { actions, button, heading, uid } from '../widgets';
import { view } from './view';

// Student guide section 2a steps 6–7: Unlock Password (keep it) or Change Password; Cancel.
export default view<'sspr_locked_choice'>({
  chrome: 'sspr',
  render(s, ctx) {
    const unlockHelp = uid('unlock-help');
    const changeHelp = uid('change-help');
    return h(
      'section',
      { class: 'card' },
      heading(t('ssprLocked.heading')),
      h('p', { class: 'message' }, s.message),
      h('h2', { class: 'sr-only' }, t('ssprLocked.choices')),
      h(
        'div',
        { class: 'choices' },
        h(
          'div',
          { class: 'choice' },
          button(t('ssprLocked.unlock'), { kind: 'primary', name: 'unlock_account', describedBy: unlockHelp, onClick: () => void ctx.send({ action: 'unlock_account' }) }),
          h('p', { id: unlockHelp }, t('ssprLocked.unlockHelp')),
        ),
        h(
          'div',
          { class: 'choice' },
          button(t('ssprLocked.change'), { kind: 'primary', name: 'choose_change_password', describedBy: changeHelp, onClick: () => void ctx.send({ action: 'choose_change_password' }) }),
          h('p', { id: changeHelp }, t('ssprLocked.changeHelp')),
        ),
      ),
      actions(button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) })),
    );
  },
});
