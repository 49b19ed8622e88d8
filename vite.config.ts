// The front-end lives in ui/ and builds into dist/ (tauri.conf.json `frontendDist`), which the
// release binary embeds.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'ui',
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // No data: URLs or inline scripts: the content security policy allows neither.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    // Two pages: the wizard window and the administrators' console window.
    rollupOptions: { input: { main: 'ui/index.html', console: 'ui/console.html' } },
  },
});
