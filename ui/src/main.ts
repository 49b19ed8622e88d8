// Entry point: read the window's settings from the shell, show the current screen, and in kiosk
// mode start the idle watch.

import './styles.css';

import * as api from './api';
import { App } from './app';
import { startKiosk } from './kiosk';
import { isLanguage, loadLanguage, localise, setLanguage } from './messages';

async function main(): Promise<void> {
  // Both at once: the first screen is drawn with the header in one go.
  const screen = api.askCurrentScreen();
  const info = await api.appInfo();
  if (isLanguage(info.language)) await loadLanguage(info.language);
  setLanguage(info.language);
  localise(info);
  const app = new App(info);
  if (info.kiosk) startKiosk(app, info.kiosk, info.server !== null);
  else {
    // The WebView's own menu offers Back and Reload; keep it only where text is edited.
    document.addEventListener('contextmenu', (e) => {
      const target = e.target as HTMLElement | null;
      if (!target?.closest('input, textarea')) e.preventDefault();
    });
  }
  // Dropping a file or link on the window must not navigate away from the wizard.
  for (const type of ['dragover', 'drop']) document.addEventListener(type, (e) => e.preventDefault());
  await app.start(screen);
  // Two frames: the first screen is painted and takes input.
  requestAnimationFrame(() => requestAnimationFrame(() => void api.ready()));
}

void main();
