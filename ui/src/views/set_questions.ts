import { h } from '../dom';
import { t } from '../messages';
import { actions, button, form, heading, paragraphs, passwordField, selectField, valueOf } from '../widgets';
import { view } from './view';

// Student guide steps 4–5: choose 3 questions and type short answers; Save Answers.
export default view<'set_questions'>({
  chrome: 'sspr',
  render(s, ctx) {
    const options = s.available_questions.map((q) => ({ value: q.id, label: q.text }));
    const rows = Array.from({ length: s.count }, (_, i) => {
      const n = i + 1;
      const chosen = s.selected[i];
      const question = selectField({
        name: 'questions',
        label: t('setQuestions.question', { n }),
        options,
        value: chosen?.id,
        placeholder: t('common.selectQuestion'),
        keep: true,
      });
      const answer = passwordField({
        name: 'answers',
        answer: true,
        label: t('setQuestions.answer', { n }),
        value: chosen?.answer,
        keep: true,
        required: true,
        hint: n === 1 ? t('setQuestions.answerHint', { min: s.min_answer_length }) : undefined,
      });
      return h('div', { class: 'question-row' }, question.wrapper, answer.wrapper);
    });
    // A signed-in person changing their questions types their password first.
    const current = s.current_password_required
      ? passwordField({ name: 'current_password', label: t('setQuestions.current'), hint: t('setQuestions.currentHint'), required: true })
      : null;
    return h(
      'section',
      { class: 'card' },
      heading(t('setQuestions.heading')),
      paragraphs(t('setQuestions.intro1'), t('setQuestions.intro2')),
      h('p', { class: 'note' }, t('setQuestions.note')),
      form(
        (f) => {
          const questions = [...f.querySelectorAll<HTMLSelectElement>('select[name="questions"]')];
          const answers = [...f.querySelectorAll<HTMLInputElement>('input[name="answers"]')];
          void ctx.send({
            action: 'set_questions',
            questions: questions.map((q, i) => ({ question: q.value, answer: answers[i]?.value ?? '' })),
            ...(current ? { current_password: valueOf(f, 'current_password') } : {}),
          });
        },
        current?.wrapper ?? null,
        h('fieldset', null, h('legend', null, t('setQuestions.legend')), rows),
        actions(
          button(t('setQuestions.submit'), { submit: true, name: 'set_questions' }),
          button(t('common.cancel'), { name: 'cancel', onClick: () => void ctx.send({ action: 'cancel' }) }),
        ),
      ),
    );
  },
});
