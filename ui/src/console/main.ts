// The administrators' console window: who is signed in, its sections (accounts, import, tokens,
// transfers, year end, audit), sign-out. Every rule and every scope check is in Rust; this renders and asks.

import '../styles.css';

import { appInfo, consoleApi } from '../api';
import { h } from '../dom';
import { helpDialog } from '../help_dialog';
import { isLanguage, language, languageName, LANGUAGES, loadLanguage, localise, setLanguage, t } from '../messages';
import { button } from '../widgets';
import { accountsSection } from './accounts';
import { auditSection } from './audit';
import { setAtKiosk } from './common';
import { importSection } from './importer';
import { tokensSection } from './tokens';
import { transfersSection } from './transfers';
import { yearSection } from './year';

type Section = 'accounts' | 'import' | 'tokens' | 'transfers' | 'year' | 'audit';

/** The language this console window was switched to (kept across the reload that redraws it). */
const CHOSEN = 'gatehouse.console.language';

async function main(): Promise<void> {
  const main = document.getElementById('main')!;
  const [info, me] = await Promise.all([appInfo(), consoleApi.whoami()]);
  const chosen = sessionStorage.getItem(CHOSEN);
  const code = isLanguage(chosen) ? chosen : info.language;
  if (isLanguage(code)) await loadLanguage(code);
  setLanguage(code);
  localise(info);
  setAtKiosk(info.kiosk !== null);
  // The language selector: the console redraws itself in the new language (a reload; the
  // console's session is the shell's, so the administrator stays signed in).
  const chooser = h(
    'select',
    { id: 'language', class: 'language', 'aria-label': t('lang.label') },
    LANGUAGES.map((code) => h('option', { value: code, lang: code, selected: code === language() }, languageName(code))),
  );
  chooser.addEventListener('change', () => {
    sessionStorage.setItem(CHOSEN, chooser.value);
    window.location.reload();
  });
  document.documentElement.style.setProperty('--blue', info.branding.primary_colour);
  document.documentElement.style.setProperty('--gold', info.branding.accent_colour);
  document.title = `${t('console.title')} — ${info.branding.portal_name}`;
  document.querySelector('.skip-link')!.textContent = t('app.skip');
  const signOut = button(t('app.signOut'), { kind: 'secondary', name: 'console_sign_out', onClick: () => void consoleApi.signOut() });
  signOut.classList.add('btn-on-dark');
  // The service desk and the staff guide's answers (from the configuration and the core's texts).
  let help: ReturnType<typeof helpDialog> | null = null;
  const helpButton = button(t('help.open'), { kind: 'secondary', name: 'help_open', onClick: () => (help ??= helpDialog()).show(info.help) });
  helpButton.classList.add('btn-on-dark');
  helpButton.setAttribute('aria-haspopup', 'dialog');
  document.getElementById('topbar')!.replaceChildren(
    h('div', { class: 'brand' },
      h('img', { src: info.branding.logo ?? './gatehouse.svg', alt: '', width: 40, height: 40, class: 'logo' }),
      h('div', null, h('p', { class: 'product' }, t('console.title')), h('p', { class: 'org' }, info.branding.organisation))),
    h('div', { class: 'tools' }, h('span', { class: 'who' }, t('console.signedInAs', { login: me.login, roles: me.roles.join(', ').toUpperCase() })), h('div', { class: 'lang' }, chooser), helpButton, signOut),
  );
  // Approving Officers see the transfer requests and School Administrators (who act on
  // students) the year end; everyone sees the rest (scope is Rust's).
  const sections: Record<Section, () => HTMLElement> = {
    accounts: () => accountsSection(me.roles),
    import: importSection,
    tokens: tokensSection,
    transfers: transfersSection,
    year: yearSection,
    audit: auditSection,
  };
  const offered: Partial<Record<Section, string>> = { transfers: 'ao', year: 'sa' };
  const names = (Object.keys(sections) as Section[]).filter((n) => !offered[n] || me.roles.includes(offered[n]));
  const tabs = names.map((name) =>
    h('button', { type: 'button', class: 'console-tab', 'data-section': name, 'aria-current': 'false', onclick: () => show(name) }, t(`console.tab.${name}`)),
  );
  document.getElementById('tabs')!.replaceChildren(...tabs);
  const show = (name: Section) => {
    tabs.forEach((b) => b.setAttribute('aria-current', String(b.dataset.section === name)));
    main.replaceChildren(sections[name]());
    main.dataset.section = name;
    main.querySelector('h1')?.focus();
  };
  show('accounts');
  main.setAttribute('aria-busy', 'false');
  reportInput();
}

/** How often, at most, the console tells the shell that the administrator is using it. */
const REPORT_MS = 2000;

/** Tells the shell of the administrator's input (reading a list, scrolling, typing is use): at
 * once, then at most every `REPORT_MS`, the last input of a burst always reported. Without it the
 * shell ends the console as idle (at a kiosk after the kiosk's idle time, elsewhere 15 minutes). */
function reportInput(): void {
  let sent = 0;
  let pending: number | null = null;
  const send = () => {
    pending = null;
    sent = Date.now();
    void consoleApi.activity().catch(() => {});
  };
  const input = () => {
    if (pending !== null) return;
    const wait = sent + REPORT_MS - Date.now();
    if (wait <= 0) send();
    else pending = window.setTimeout(send, wait);
  };
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'input', 'scroll']) {
    document.addEventListener(type, input, { capture: true, passive: true });
  }
}

void main();
