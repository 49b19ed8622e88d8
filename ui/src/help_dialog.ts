// The Help dialog behind the header's Help button, on every screen (issue 15): the service desk,
// the person's school administrators (only once they are signed in — the core decides), and the
// guides' answers chosen for who is asking. A modal `<dialog>` over the page, which is not
// re-rendered, so nothing typed is lost: the rest of the window is inert while it is open (focus
// stays inside), Escape or Close closes it and focus returns to the Help button.

import { h } from './dom';
import { t } from './messages';
import type { Help } from './types';
import { button } from './widgets';

export interface HelpDialog {
  show: (help: Help) => void;
  close: () => void;
  readonly isOpen: boolean;
  readonly element: HTMLElement;
}

export function helpDialog(): HelpDialog {
  const body = h('div', { class: 'help-body' });
  const close = button(t('help.close'), { kind: 'primary', name: 'help_close' });
  const dialog = h(
    'dialog',
    { class: 'kiosk-dialog admin-dialog help-dialog', 'aria-labelledby': 'help-title', 'aria-describedby': 'help-intro' },
    h('h2', { id: 'help-title', tabindex: '-1' }, t('help.title')),
    h('p', { id: 'help-intro' }, t('help.intro')),
    body,
    h('div', { class: 'actions' }, close),
  ) as HTMLDialogElement;
  document.body.appendChild(dialog);
  let opener: HTMLElement | null = null;
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    // Names and addresses of administrators do not stay in the page (a kiosk's next person).
    body.replaceChildren();
    opener?.focus();
    opener = null;
  });
  return {
    show(help) {
      body.replaceChildren(...helpContent(help));
      if (!dialog.open) {
        opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        dialog.showModal();
      }
      dialog.querySelector<HTMLElement>('#help-title')?.focus();
    },
    close: () => {
      if (dialog.open) dialog.close();
    },
    get isOpen() {
      return dialog.open;
    },
    element: dialog,
  };
}

/** The help as sections: contacts first (what a person stuck needs most), then the answers,
 * each a disclosure so the list stays short. */
export function helpContent(help: Help): HTMLElement[] {
  const desk = h(
    'section',
    { class: 'help-desk', 'aria-labelledby': 'help-desk-title' },
    h('h4', { id: 'help-desk-title' }, `${t('help.desk')}: ${help.desk.name}`),
    help.desk_lines.map((line) => h('p', null, line.text)),
  );
  const admins = help.administrators_intro
    ? h(
        'section',
        { class: 'help-admins', 'aria-labelledby': 'help-admins-title' },
        h('h4', { id: 'help-admins-title' }, t('help.administrators')),
        h('p', null, help.administrators_intro.text),
        help.administrators.length
          ? h(
              'ul',
              { class: 'help-admin-list' },
              help.administrators.map((a) =>
                h('li', { 'data-role': a.role }, h('span', { class: 'help-admin-name' }, `${a.name} (${a.role.toUpperCase()})`), a.email ? [' — ', a.email] : null),
              ),
            )
          : null,
      )
    : null;
  return [
    h('section', { class: 'help-contacts', 'data-audience': help.audience }, h('h3', null, t('help.contacts')), admins, desk),
    h(
      'section',
      { class: 'help-topics' },
      h('h3', null, t('help.topics')),
      help.topics.map((topic) =>
        h('details', { class: 'help-topic', 'data-topic': topic.id }, h('summary', null, topic.title.text), topic.paragraphs.map((p) => h('p', null, p.text))),
      ),
    ),
  ];
}
