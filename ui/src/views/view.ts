// What a view is: a function from one screen of the wire contract to DOM, plus which page
// chrome (the guide's product header) it sits in. Views hold no rules: they show what the core
// sent and send what the person did.

import type { AppInfo, ErrorBody, Request, Response, ScreenName, ScreenOf } from '../types';

/** The product header a screen sits under in the guides. */
export type Chrome = 'portal' | 'sspr' | 'twofa' | 'workspace';

export interface Ctx {
  info: AppInfo;
  /** The core's error for this response (also shown by the app beside the field it names). */
  error: ErrorBody | null;
  /** A notice from the window itself (e.g. after a kiosk idle reset). */
  notice: string | null;
  /**
   * Sends one wizard request and shows the screen that comes back (unless `render: false`);
   * resolves to that response, or null when the shell failed (the app has said so).
   */
  send(request: Request, opts?: { minDurationMs?: number; render?: boolean }): Promise<Response | null>;
  /** Shows a response received with `render: false`. */
  render(response: Response): void;
  /** The core's live password checklist for `password` (nothing changes). */
  passwordRules(password: string): Promise<Response>;
  openDashboardApp(id: string): Promise<void>;
  /** Says `text` to screen readers (polite). */
  announce(text: string): void;
  /** Opens the administrator sign-in, whose success opens the console window. */
  adminSignIn(): void;
  /** First run only: creates the first administrator (then the console opens). */
  firstRun(): void;
}

export interface View<N extends ScreenName> {
  chrome: Chrome;
  render(screen: ScreenOf<N>, ctx: Ctx): HTMLElement;
}

export function view<N extends ScreenName>(v: View<N>): View<N> {
  return v;
}
