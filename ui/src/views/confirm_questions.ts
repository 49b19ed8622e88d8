import { h } from '../dom';
import { t } from '../messages';
import { actions, button, heading } from '../widgets';
import { view } from './view';

// Student guide step 6: check the questions and answers; Go Back or Confirm Security Answers.
export default view<'confirm_questions'>({
  chrome: 'sspr',
  render(s, ctx) {
    return h(
      'section',
      { class: 'card' },
      heading(t('confirmQuestions.heading')),
      h('p', null, t('confirmQuestions.intro')),
      h('dl', { class: 'qa-list' }, s.questions.map((q) => [h('dt', null, q.question), h('dd', null, q.answer)])),
      h('p', { class: 'hint' }, t('confirmQuestions.editHint')),
      actions(
        button(t('confirmQuestions.submit'), { kind: 'primary', name: 'confirm_questions', onClick: () => void ctx.send({ action: 'confirm_questions' }) }),
        button(t('confirmQuestions.back'), { name: 'go_back', onClick: () => void ctx.send({ action: 'go_back' }) }),
      ),
    );
  },
});
