import { h } from '../dom';
import { t } from '../messages';
import { withKey } from '../security_key';
import { actions, button, field, heading, valueOf } from '../widgets';
import { view } from './view';

// The guide's "Hard Token/FIDO 2.0" (issue 17 §1): plug the key in, click, touch it; the engine
// checks the key's registration and lists the key with its comment and model.
export default view<'add_security_key'>({
  chrome: 'twofa',
  render(s, ctx) {
    const comment = field({ name: 'comment', label: t('securityKey.comment'), hint: t('securityKey.commentHint'), keep: true });
    const status = h('p', { class: 'key-status', role: 'status', 'aria-live': 'polite' });
    const enrol = async () => {
      const answer = await withKey('register', s.security_key, status);
      if (!answer) return;
      await ctx.send({ action: 'add_security_key', credential: answer.credential, comment: valueOf(comment.wrapper, 'comment'), model: answer.model });
    };
    return h(
      'section',
      { class: 'card card-narrow' },
      heading(t('securityKey.heading')),
      h('p', null, t('securityKey.intro')),
      comment.wrapper,
      actions(
        button(t('securityKey.use'), { kind: 'primary', name: 'add_security_key', onClick: () => void enrol() }),
        button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
      ),
      status,
    );
  },
});
