// The desktop shell's two doors for api.ts: a command of `src-tauri/src/commands.rs`, and an
// event it emits. `make web` builds the page with shell_browser.ts in this file's place (the
// browser's page on gatehouse-server: vite.config.ts).

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

/** Runs the shell's `command`; a refusal rejects with its `{code, message, …}`. */
export function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  return invoke<T>(command, args);
}

/** Calls `handler` with each `event` the shell emits; resolves to the function that stops it. */
export function subscribe<T>(event: string, handler: (payload: T) => void): Promise<() => void> {
  return listen<T>(event, (e) => handler(e.payload));
}
