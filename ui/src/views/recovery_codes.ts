import { t } from '../messages';
import { actions, button, heading, recoveryCodes } from '../widgets';
import { h } from '../dom';
import { view } from './view';

// A new set of recovery codes (issue 17 §2), shown this once: print them or write them down.
export default view<'recovery_codes'>({
  chrome: 'twofa',
  render: (s, ctx) =>
    h(
      'section',
      { class: 'card' },
      heading(t('recovery.heading')),
      recoveryCodes(s.codes),
      actions(button(t('recovery.continue'), { kind: 'primary', name: 'continue', onClick: () => void ctx.send({ action: 'continue' }) })),
    ),
});
