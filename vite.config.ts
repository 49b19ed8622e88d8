// The front-end lives in ui/ and builds into dist/ (tauri.conf.json `frontendDist`), which the
// release binary embeds. `vite build --mode browser` (make web) builds the browser's sign-in
// page into dist-web/ instead, which gatehouse-server serves ([server] web_root): the wizard's
// page only, with shell_browser.ts (the server over HTTPS) in place of shell.ts (Tauri).
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  const browser = mode === 'browser';
  return {
    root: 'ui',
    base: './',
    clearScreen: false,
    server: { port: 5173, strictPort: true },
    resolve: {
      alias: browser ? [{ find: /^\.\/shell$/, replacement: fileURLToPath(new URL('ui/src/shell_browser.ts', import.meta.url)) }] : [],
    },
    build: {
      outDir: browser ? '../dist-web' : '../dist',
      emptyOutDir: true,
      target: 'es2022',
      // No data: URLs or inline scripts: the content security policy allows neither.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      reportCompressedSize: true,
      // Two pages: the wizard window and the administrators' console window (the browser's: the
      // wizard's only).
      rollupOptions: { input: browser ? { main: 'ui/index.html' } : { main: 'ui/index.html', console: 'ui/console.html' } },
    },
  };
});
