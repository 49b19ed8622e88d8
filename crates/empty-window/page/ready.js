// Two painted frames, then `ready`: the moment Gatehouse's first screen reports (ui/src/main.ts).
requestAnimationFrame(() => requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke('ready')));
