// The browser's shell (issue 18 §3): the same page served by gatehouse-server (`make web`;
// vite.config.ts puts this file in shell.ts's place). The wizard runs on the server as it does
// for a thin client; the session's token lives in a cookie this script never sees, and every
// request that acts carries the session's CSRF token, which each screen read hands back (and an
// action that signs someone in or out, whose answer moves the session to a new cookie). Only
// what a person's sign-in page needs exists here: the administrators' console and the kiosk are
// the desktop app's.

import type { AppInfo, Ceremony, CommandError, KeyAnswer, Response } from './types';

const unreachable: CommandError = {
  code: 'server_unreachable',
  message: 'The Gatehouse server cannot be reached just now. Please try again in a moment.',
  id: 'server-unreachable',
};

/** Where single sign-on goes on once the person is through to the dashboard (the second factor
 * and the terms, as opening iCON asks): the app's `/oidc/authorize?…` or `/saml/…?…` request
 * with which the server sent the browser here (`/?continue=…`). Nothing else is followed. */
const continueTo = ((): string | null => {
  const target = new URLSearchParams(window.location.search).get('continue');
  const follows = ['/oidc/authorize?', '/saml/sso?', '/saml/start?'];
  return target && follows.some((p) => target.startsWith(p)) ? target : null;
})();

/** The session's CSRF token, from the last screen read. */
let csrf = '';
/** The last screen shown (the dashboard's apps open from it). */
let last: Response | null = null;

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', cache: 'no-store', redirect: 'error' };
  if (method === 'POST') {
    init.headers = { 'content-type': 'application/json', 'x-gatehouse-csrf': csrf };
    init.body = JSON.stringify(body ?? {});
  }
  let answer: globalThis.Response;
  try {
    answer = await fetch(path, init);
  } catch {
    throw unreachable;
  }
  // A sign-in or sign-out moves the session to a new cookie (set by this answer) and a new CSRF
  // token, which comes in this header.
  const renewed = answer.headers.get('x-gatehouse-csrf');
  if (answer.ok && renewed) csrf = renewed;
  const json = (await answer.json().catch(() => null)) as (T & { error?: CommandError }) | null;
  if (answer.ok && json) return json;
  throw json?.error ?? { code: 'internal', message: `HTTP ${answer.status}` };
}

function shown(response: Response): Response {
  last = response;
  return response;
}

/** The session's screen (a new session on the sign-in screen when the cookie opens none). */
async function screen(): Promise<Response> {
  const answer = await request<{ response: Response; csrf: string }>('GET', '/web/v1/session');
  csrf = answer.csrf;
  return onward(shown(answer.response));
}

/** With an app waiting (`continueTo`): past "signed out" to the sign-in, from the applications
 * straight to iCON's door, and from the dashboard back to the app. A refusal stops there, on
 * its screen. */
async function onward(response: Response): Promise<Response> {
  if (!continueTo || response.error) return response;
  if (response.screen === 'signed_out') return act({ action: 'continue' });
  if (response.screen === 'applications') return act({ action: 'open_app', app: 'icon' });
  if (response.screen === 'dashboard') window.location.assign(continueTo);
  return response;
}

/** One wizard request. When the session ended (idle, signed out in another tab) or the page's
 * token is stale, the new session's sign-in screen shows with that error. */
async function act(wizardRequest: unknown): Promise<Response> {
  try {
    return await onward(shown(await request<Response>('POST', '/web/v1/actions', wizardRequest)));
  } catch (e) {
    const error = e as CommandError;
    if (error.code !== 'session_ended' && error.code !== 'csrf_refused') throw e;
    return { ...(await screen()), error } as Response;
  }
}

/** The page's settings and, with an app waiting, its name as the school registered it (the
 * sign-in page says where the person is going). */
async function appInfo(): Promise<AppInfo> {
  const info = await request<AppInfo>('GET', '/web/v1/info');
  if (continueTo) {
    const query = new URLSearchParams({ continue: continueTo });
    const waiting = await request<{ app: string | null }>('GET', `/web/v1/waiting?${query}`).catch(() => ({ app: null }));
    info.waiting_app = waiting.app;
  }
  return info;
}

function openApp(id: string): void {
  const apps = last?.screen === 'dashboard' ? last.apps : [];
  const url = apps.find((a) => a.id === id)?.url ?? '';
  if (!/^https?:\/\//.test(url)) throw { code: 'unknown_app', message: 'No such app.' };
  window.open(url, '_blank', 'noopener,noreferrer');
}

/**
 * A security key's ceremony through the browser's own WebAuthn (the window's shell speaks CTAP2
 * itself; here the browser does, for this page): the engine's options read from their JSON, the
 * key's answer given back as JSON. The answer names this page's origin, which the server accepts
 * when the page lies within the keys' relying party (README, "Security keys").
 */
async function securityKey(kind: 'register' | 'sign', ceremony: Ceremony): Promise<KeyAnswer> {
  const failed = (code: string, message: string): CommandError => ({ code, message });
  if (!window.PublicKeyCredential?.parseCreationOptionsFromJSON || !navigator.credentials) {
    throw failed('security_key_unsupported', 'This browser cannot use security keys.');
  }
  const options = (ceremony.options as { publicKey: unknown }).publicKey;
  let credential: Credential | null;
  try {
    credential =
      kind === 'register'
        ? await navigator.credentials.create({
            publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options as PublicKeyCredentialCreationOptionsJSON),
          })
        : await navigator.credentials.get({
            publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options as PublicKeyCredentialRequestOptionsJSON),
          });
  } catch (e) {
    // A browser does not say which: no touch in time, the person cancelled, a key that is not
    // enrolled (NotAllowedError, alike on purpose), a key already enrolled, a page outside the
    // relying party. The window says the key could not be used and names the other ways.
    const name = e instanceof DOMException ? e.name : String(e);
    throw failed('security_key_failed', `The browser's security key ceremony failed: ${name}`);
  }
  if (!(credential instanceof PublicKeyCredential)) throw failed('security_key_failed', 'The browser gave no credential.');
  // The browser does not say which model the key is.
  return { credential: credential.toJSON(), model: null };
}

export async function call<T>(command: string, args: Record<string, unknown> = {}): Promise<T> {
  switch (command) {
    case 'wizard':
      return (await act(args.request)) as T;
    case 'current_screen':
      return (await screen()) as T;
    case 'password_rules':
      return (await act({ action: 'check_password', new_password: args.password })) as T;
    case 'reset_session':
      await request('POST', '/web/v1/sign-out').catch(() => undefined);
      return (await screen()) as T;
    case 'app_info':
      return (await appInfo()) as T;
    case 'open_dashboard_app':
      openApp(String(args.id));
      return undefined as T;
    case 'ready':
    case 'kiosk_attention':
      return undefined as T;
    case 'security_key':
      return (await securityKey(args.kind as 'register' | 'sign', args.ceremony as Ceremony)) as T;
    default:
      throw { code: 'unsupported', message: 'This is done in the Gatehouse app, not in a browser.' } satisfies CommandError;
  }
}

/** The browser's page hears no shell events. */
export function subscribe<T>(_event: string, _handler: (payload: T) => void): Promise<() => void> {
  return Promise.resolve(() => undefined);
}
