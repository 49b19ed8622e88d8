import { h } from '../dom';
import { t } from '../messages';
import { actions, button, form, heading, passwordField } from '../widgets';
import { view } from './view';

// Student guide section 2a step 3 (two of three questions; staff all three): Check Answers.
export default view<'sspr_questions'>({
  chrome: 'sspr',
  render(s, ctx) {
    const fields = s.questions.map((q) => passwordField({ name: 'answers', answer: true, label: q, required: true }));
    // Which question each answer is for, by its stable id (the label is in the person's language).
    fields.forEach((f, i) => (f.input.dataset.question = s.questions_text[i]?.id.replace(/^question-/, '') ?? ''));
    return h(
      'section',
      { class: 'card' },
      heading(t('ssprQuestions.heading')),
      h('p', null, t('ssprQuestions.intro')),
      h('p', { class: 'hint' }, t('ssprQuestions.for', { login: s.login })),
      form(
        () => void ctx.send({ action: 'sspr_answer', answers: fields.map((f) => f.input.value) }),
        fields.map((f) => f.wrapper),
        actions(
          button(t('ssprQuestions.submit'), { submit: true, name: 'sspr_answer' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});
