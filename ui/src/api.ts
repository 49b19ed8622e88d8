// The only module that calls the shell: one function per command of
// `src-tauri/src/commands.rs` (in the browser's page, of shell_browser.ts). Everything else in
// the UI goes through these.

import { call, subscribe } from './shell';

import { localise } from './messages';

import type {
  AccountEdit,
  AccountPage,
  AccountSearch,
  AccountView,
  AppInfo,
  AuditFilter,
  AuditPage,
  Ceremony,
  CommandError,
  Enrolment,
  FirstAdminDetails,
  ImportCheck,
  ImportDone,
  ImportProgress,
  KeyAnswer,
  Issued,
  MailView,
  NewAccount,
  PromoteRequest,
  PromotionReport,
  Request,
  Response,
  Rule,
  Strength,
  TokenView,
  TransferView,
  Whoami,
} from './types';

/** A command of the shell, with every engine sentence of its answer — or of its refusal — in
 * the window's language (`localise`). */
async function invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return localise(await call<T>(command, args));
  } catch (e) {
    throw localise(e);
  }
}

/** One wizard step: the request in, the next screen out (the `gatehouse-cli session` JSON). */
export function wizard(request: Request): Promise<Response> {
  return invoke<Response>('wizard', { request });
}

/** Runs a security key ceremony (`{origin, options}` of a screen) with the key plugged in:
 * `register` to enrol it, `sign` to use it. Fails with `security_key_none`, `_timeout`,
 * `_unsupported` or `_failed`. */
export function securityKey(kind: 'register' | 'sign', ceremony: Ceremony): Promise<KeyAnswer> {
  return invoke<KeyAnswer>('security_key', { kind, ceremony });
}

/** The screen the session is on now. */
export function currentScreen(): Promise<Response> {
  return invoke<Response>('current_screen');
}

/** Asks for the screen the session is on before the window knows its language (the window's
 * first page asks while it starts, in parallel with `appInfo`); the returned function gives the
 * answer localised once the language is loaded. */
export function askCurrentScreen(): () => Promise<Response> {
  const asked = call<Response>('current_screen');
  // Not unhandled while nobody waits for it yet: the refusal reaches whoever takes the answer.
  asked.catch(() => undefined);
  return () =>
    asked.then(localise, (e: unknown) => {
      throw localise(e);
    });
}

/** The live password checklist: the core judges `password` against its policy for the person. */
export function passwordRules(password: string): Promise<Response> {
  return invoke<Response>('password_rules', { password });
}

/** Discards the session (kiosk idle reset); answers with the sign-in screen. */
export function resetSession(): Promise<Response> {
  return invoke<Response>('reset_session');
}

export function appInfo(): Promise<AppInfo> {
  return invoke<AppInfo>('app_info');
}

/** Opens one of the current dashboard's apps in the system browser. */
/** Kiosk: the idle countdown shows (`asking`), or the person is back; an app's window steps aside meanwhile. */
export function kioskAttention(asking: boolean): Promise<void> {
  return invoke<void>('kiosk_attention', { asking });
}

export function openDashboardApp(id: string): Promise<void> {
  return invoke<void>('open_dashboard_app', { id });
}

/** Command failures arrive as `{code, message, field?}`; anything else (a string) becomes `internal`. */
export function asCommandError(e: unknown): CommandError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) return e as CommandError;
  return { code: 'internal', message: String(e) };
}

/** Marks the input named `field` (or `prefix` + `field`) inside `root` as the one at fault and
 * moves the focus to it; returns whether one was found. */
export function pointAtField(root: ParentNode, err: CommandError, prefix = ''): boolean {
  if (!err.field) return false;
  const input = root.querySelector<HTMLInputElement>(`[name="${prefix}${err.field}"]`) ?? root.querySelector<HTMLInputElement>(`[name="${err.field}"]`);
  if (!input) return false;
  input.setAttribute('aria-invalid', 'true');
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'), { once: true });
  input.focus();
  return true;
}

/** Kiosk: an administrator's sign-in closes the app; a refusal rejects with `{code, message}`. */
export function kioskExit(login: string, password: string, code: string): Promise<void> {
  return invoke<void>('kiosk_exit', { login, password, code });
}

/** Kiosk: the first half of closing it with an administrator's security key: the ceremony. */
export function kioskExitKeyStart(login: string, password: string): Promise<Ceremony> {
  return invoke<Ceremony>('kiosk_exit_key_start', { login, password });
}

/** Kiosk: the key's answer closes the app; a refusal rejects with `{code, message}`. */
export function kioskExitKeyFinish(credential: unknown): Promise<void> {
  return invoke<void>('kiosk_exit_key_finish', { credential });
}

/** A thin kiosk: its break-glass code closes the app; a refusal rejects with `{code, message}`. */
export function kioskBreakGlass(code: string): Promise<void> {
  return invoke<void>('kiosk_break_glass', { code });
}

/** A thin client's failure that says the school's server did not answer (the window retries). */
export function isUnreachable(err: CommandError): boolean {
  return err.code === 'server_unreachable';
}

/** The server refused this computer itself (`device_unknown`, `device_revoked`): no retry helps. */
export function isDeviceRefusal(err: CommandError): boolean {
  return err.code.startsWith('device_');
}

/** Kiosk: `handler` runs when the window manager's close request was refused. */
export function onKioskCloseRefused(handler: () => void): Promise<() => void> {
  return subscribe('kiosk-close-refused', handler);
}

/** Kiosk: `handler` hears whether an administrator's console is open (`true` also each time the
 * administrator uses it) or has ended (`false`). */
export function onConsoleSession(handler: (open: boolean) => void): Promise<() => void> {
  return subscribe<boolean>('console-session', handler);
}

/** Tells the shell the first screen is interactive (start-up time). */
export function ready(): Promise<void> {
  return invoke<void>('ready');
}

// ---- Administrators -------------------------------------------------------------------------

/** Wizard window: an administrator's password and authenticator code open the console window. */
export function adminSignIn(login: string, password: string, code: string): Promise<void> {
  return invoke<void>('admin_sign_in', { login, password, code });
}

/** An administrator's sign-in with a security key: the password checked, the key's ceremony out. */
export function adminKeySignInStart(login: string, password: string): Promise<Ceremony> {
  return invoke<Ceremony>('admin_key_sign_in_start', { login, password });
}

/** The key's answer to that ceremony: the console opens, or the refusal comes back. */
export function adminKeySignInFinish(credential: unknown): Promise<void> {
  return invoke<void>('admin_key_sign_in_finish', { credential });
}

/** One console operation (`gatehouse_core::console_ops`), run by the shell here or on the
 * school's server for a thin client: `{op: …, …its fields}` in, its answer out. */
function op<T>(request: { op: string } & Record<string, unknown>): Promise<T> {
  return invoke<T>('console_request', { request });
}

/** Console window only (its capability grants these; the wizard window's does not). */
export const consoleApi = {
  whoami: () => invoke<Whoami>('console_whoami'),
  signOut: () => invoke<void>('console_sign_out'),
  /** The administrator's input in the console window: the session is in use (at a kiosk it
   * ends after the kiosk's idle time without). */
  activity: () => invoke<void>('console_activity'),
  search: (search: AccountSearch) => op<AccountView[]>({ op: 'search', search }),
  account: (login: string) => op<AccountPage>({ op: 'account', login }),
  action: (login: string, action: 'unlock' | 'clear_questions' | 'delete_authenticators') =>
    op<AccountPage>({ op: 'action', login, action }),
  setWorkEmail: (login: string, email: string) => op<AccountView>({ op: 'set_work_email', login, email }),
  requestTransfer: (login: string, toLocation: string) => op<TransferView>({ op: 'request_transfer', login, to_location: toLocation }),
  transfers: () => op<TransferView[]>({ op: 'transfers' }),
  decideTransfer: (id: number, approve: boolean) => op<TransferView>({ op: 'decide_transfer', id, approve }),
  create: (account: NewAccount) => op<Issued>({ op: 'create', account }),
  reset: (logins: string[]) => op<Issued>({ op: 'reset', logins }),
  /** Every student of `class` at the administrator's own location. */
  resetClass: (cls: string) => op<Issued>({ op: 'reset_class', class: cls }),
  edit: (login: string, changes: AccountEdit) => op<AccountPage>({ op: 'edit', login, changes }),
  disable: (login: string) => op<AccountPage>({ op: 'disable', login }),
  enable: (login: string) => op<AccountPage>({ op: 'enable', login }),
  /** The account as it was (the audit log keeps its history). */
  delete: (login: string) => op<{ deleted: AccountView }>({ op: 'delete', login }).then((r) => r.deleted),
  /** The account's undelivered mails in the outbox (no SMTP configured), newest first; each read audited. */
  mails: (login: string) => op<{ mails: MailView[] }>({ op: 'mails', login }).then((r) => r.mails),
  promote: (promote: PromoteRequest, preview: boolean) => op<PromotionReport>({ op: 'promote', promote, preview }),
  openFile: (path: string) => invoke<void>('console_open_file', { path }),
  importCheck: (csv: string) => invoke<ImportCheck>('console_import_check', { csv }),
  importRun: (csv: string) => invoke<ImportDone>('console_import', { csv }),
  importCancel: () => invoke<void>('console_import_cancel'),
  onImportProgress: (handler: (p: ImportProgress) => void) => subscribe<ImportProgress>('import-progress', handler),
  tokens: () => op<TokenView[]>({ op: 'tokens' }),
  /** A seed file; an encrypted PSKC one with its key file (base64 of its bytes) and/or passphrase. */
  importTokens: (text: string, key: { key_file?: string; passphrase?: string } = {}) =>
    op<{ imported: number }>({ op: 'import_tokens', text, ...key }).then((r) => r.imported),
  unbindToken: (serial: string) => op<TokenView[]>({ op: 'unbind_token', serial }),
  audit: (filter: AuditFilter) => op<AuditPage>({ op: 'audit', filter }),
  auditExport: (filter: AuditFilter) => invoke<string>('console_audit_export', { filter }),
};

/** First run: checks the first administrator's details; answers the authenticator to enrol. */
export function firstAdminPrepare(details: FirstAdminDetails): Promise<Enrolment> {
  return invoke<Enrolment>('first_admin_prepare', { details });
}

/** First run: the live checklist of the first administrator's password, judged by the core
 * against the login ID and name typed beside it (the rules `change_password` shows). */
export function firstAdminPasswordRules(login: string, name: string, password: string): Promise<{ rules: Rule[]; strength: Strength | null }> {
  return invoke<{ rules: Rule[]; strength: Strength | null }>('first_admin_password_rules', { login, name, password });
}

/** First run: a code from the new authenticator creates the administrator; the console opens. */
export function firstAdminFinish(code: string): Promise<void> {
  return invoke<void>('first_admin_finish', { code });
}
