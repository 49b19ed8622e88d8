// The wire contract (DESIGN §4, README "The wire contract"): the JSON the core's wizard answers
// with, exactly as `gatehouse-cli session` prints it.

export interface ErrorBody {
  code: string;
  message: string;
  /** The request field at fault, when there is one (`new_password`, `code`, `login`, …). */
  field?: string;
}

export interface AppTile {
  id: string;
  name: string;
}

export interface DashboardApp extends AppTile {
  url: string;
  restriction?: string;
  /** A bundled icon's name (`classroom`, `gmail`, …, `app`), drawn by the window. */
  icon: string;
  /** The school's own icon as a `data:` URL, shown instead of `icon`. */
  icon_image?: string;
}

export interface Question {
  id: string;
  text: string;
}

export interface ChosenQuestion {
  id: string;
  question: string;
  answer: string;
}

export interface Rule {
  id: string;
  text: string;
  /** The arguments of the rule's message `rule-<id>` (e.g. `count`), absent when it has none. */
  args?: Record<string, string | number>;
  ok: boolean;
}

export interface Strength {
  score: number;
  label: string;
  guesses_log10?: number;
  warning?: string | null;
  suggestions?: string[];
}

export interface EnrolledItem {
  id: number | null;
  name: string;
  comment: string;
  status: string;
}

/** A security key ceremony for the shell to run: the origin and the WebAuthn options. */
export interface Ceremony {
  origin: string;
  options: unknown;
}

/** The key's answer (its WebAuthn JSON) and the model the machine read off it. */
export interface KeyAnswer {
  credential: unknown;
  model: string | null;
}

/** A recovery code as shown once: its number and the code grouped in fours. */
export interface RecoveryCode {
  number: number;
  code: string;
}

export interface AuthenticatorView {
  id: number;
  kind: string;
  name: string;
  comment: string;
  serial: string | null;
  /** A security key's model, as the enrolling machine named it. */
  model: string | null;
  tested: boolean;
  last_tested: string | null;
  enrolled: string;
  enrolled_by: string;
}

export type Screen =
  | { screen: 'sign_in'; portal_name: string; hint: string; hint_short: string; notice: string | null }
  | { screen: 'account_locked'; message: string }
  | {
      screen: 'set_questions';
      available_questions: Question[];
      selected: ChosenQuestion[];
      count: number;
      min_answer_length: number;
      current_password_required: boolean;
    }
  | { screen: 'confirm_questions'; questions: ChosenQuestion[] }
  | { screen: 'questions_saved'; message: string }
  | {
      screen: 'change_password';
      login: string;
      rules: Rule[];
      strength: Strength | null;
      current_password_required: boolean;
    }
  | { screen: 'password_changing'; message: string }
  | { screen: 'password_changed'; message: string }
  | { screen: 'terms'; title: string; login: string; domain: string }
  | { screen: 'applications'; apps: AppTile[] }
  | { screen: 'dashboard'; apps: DashboardApp[]; notes: string[]; reminder: string | null }
  | { screen: 'sspr_search' }
  | { screen: 'sspr_questions'; login: string; questions: string[]; questions_text: { id: string }[] }
  | { screen: 'sspr_locked_choice'; message: string }
  | {
      screen: 'totp_prompt';
      login: string;
      digits: number;
      notice: string | null;
      recovery_codes_left: number;
      security_keys: boolean;
      security_key: Ceremony | null;
      opens: 'icon' | 'identity_portal' | 'change_password' | 'change_questions';
    }
  | {
      screen: 'sspr_totp';
      login: string;
      digits: number;
      recovery_codes_left: number;
      security_keys: boolean;
      security_key: Ceremony | null;
    }
  | { screen: 'identity_portal'; apps: AppTile[]; message: string }
  | { screen: 'setup_2fa_username' }
  | { screen: 'choose_method'; chains: AppTile[]; methods: AppTile[] }
  | { screen: 'email_otp'; sequence: number; masked_address: string }
  | {
      screen: 'self_service';
      enrolled: EnrolledItem[];
      available: AppTile[];
      notice: string | null;
      /** Recovery codes left; null before an authenticator passed its test. */
      recovery_codes_left: number | null;
      recovery_codes_low: boolean;
    }
  | {
      screen: 'add_soft_token';
      otpauth_uri: string;
      secret: string;
      qr_svg: string;
      period: number;
      digits: number;
      generic_note: string | null;
    }
  | {
      screen: 'edit_authenticator';
      authenticator: AuthenticatorView;
      banner: string | null;
      completion: string | null;
      /** With the completion: the recovery codes made now, shown this once. */
      recovery_codes: RecoveryCode[];
    }
  | { screen: 'recovery_codes'; codes: RecoveryCode[] }
  | { screen: 'test_authenticator'; authenticator: AuthenticatorView; security_key: Ceremony | null }
  | { screen: 'add_security_key'; security_key: Ceremony }
  | { screen: 'error'; code: string; message: string }
  | { screen: 'signed_out'; message: string };

export type ScreenName = Screen['screen'];
export type ScreenOf<N extends ScreenName> = Extract<Screen, { screen: N }>;

/** A response: the screen's fields plus `error`, whether someone is signed in on the session
 * (so whether "Sign out" is offered), and `help` in the answer to `show_help`. */
export type Response = Screen & { error: ErrorBody | null; signed_in: boolean; help?: Help };

/** One sentence of the help: English (`text`) and its message id with arguments. */
export interface Said {
  text: string;
}

/** The answer's `help` object (`show_help`, valid on every screen). */
export interface Help {
  audience: 'student' | 'staff' | 'unknown';
  desk: { name: string; phone: string | null; email: string | null; url: string | null };
  desk_lines: Said[];
  administrators_intro: Said | null;
  administrators: { name: string; email: string | null; role: string }[];
  topics: { id: string; title: Said; paragraphs: Said[] }[];
}

/** A request: `{"action": "<name>", …fields}`. */
export type Request = { action: string } & Record<string, unknown>;

export interface Branding {
  organisation: string;
  portal_name: string;
  sspr_title: string;
  workspace_name: string;
  /** `#rrggbb`, checked by the core for 4.5:1 against white. */
  primary_colour: string;
  accent_colour: string;
  /** A `data:` URL of the school's logo, or null for the Gatehouse mark. */
  logo: string | null;
}

export interface AppInfo {
  version: string;
  kiosk: { idle_seconds: number; countdown_seconds: number } | null;
  branding: Branding;
  demo: boolean;
  /** No administrator exists yet: offer to create the first one. */
  first_run: boolean;
  /** A thin client: the school's server this window is a client of (`[server] url`). */
  server: string | null;
  /** The console's help: the service desk and the staff topics. */
  help: Help;
  /** The language a window starts in, and a kiosk returns to (`[locale] default_language`). */
  language: string;
  /** The browser's sign-in page on gatehouse-server (no administrator sign-in there). */
  browser?: boolean;
  /** In the browser: the registered app a single sign-on request waits with, by its name. */
  waiting_app?: string | null;
}

/** A failure of the desktop shell itself (not a wizard refusal, which is a screen with `error`). */
/** A failed command: the core's error object (`code` to branch on, the English `message`, its
 * message `id`/`args`, and the `field` at fault). */
export interface CommandError {
  code: string;
  message: string;
  id?: string;
  args?: Record<string, string | number>;
  field?: string;
}

// ---- The administrators' console (src-tauri/src/console.rs) ----------------------------------

export interface Whoami {
  login: string;
  roles: string[];
  organisation: string;
  portal_name: string;
}

export interface AccountSearch {
  text: string;
  kind: string;
  level: string;
  location: string;
  /** A class, e.g. `4A` (any letter case). */
  class: string;
  locked: boolean;
}

export interface AccountView {
  login: string;
  name: string;
  kind: string;
  level: string | null;
  location: string;
  class: string | null;
  work_email: string | null;
  generic: boolean;
  roles: string[];
  state: string;
  disabled: boolean;
  locked: boolean;
  locked_at: string | null;
  failed_passwords: number;
  has_temporary_password: boolean;
  temporary_password_expires: string | null;
  questions_set: boolean;
  self_service_blocked: boolean;
  terms_accepted: boolean;
  last_sign_in: string | null;
  password_changed: string;
  created: string;
}

/** A mail waiting in the outbox (no SMTP configured). */
export interface MailView {
  /** ISO 8601 with the school's offset. */
  sent: string;
  subject: string;
  body: string;
  email_otp: boolean;
  expires: string | null;
  /** An email OTP whose code no longer works. */
  expired: boolean;
}

export interface AccountPage {
  account: AccountView;
  authenticators: AuthenticatorView[];
  /** How many recovery codes the person has left (never the codes). */
  recovery_codes_left: number;
}

export interface NewAccount {
  login: string;
  name: string;
  kind: string;
  level: string;
  location: string;
  work_email: string;
  class: string;
  /** Staff only: a shared (generic) account. */
  generic: boolean;
  /** Staff only: `sa`, `la`, `ao` (only roles the administrator holds). */
  roles: string[];
}

/** Changes to one account (`gatehouse_core::admin::AccountEdit`): absent fields stay as they
 * are; an empty class removes it. */
export interface AccountEdit {
  name?: string;
  level?: string;
  location?: string;
  class?: string;
}

/** Whom a year-end promotion moves and where to (`gatehouse_core::admin::PromoteRequest`). */
export interface PromoteRequest {
  level?: string;
  class?: string;
  to_level?: string;
  /** The new class; empty removes it. */
  to_class?: string;
  /** Each student to their next class (3A becomes 4A). */
  next_class: boolean;
  /** How many accounts the preview showed: applying refuses when it is no longer so. */
  expect?: number;
}

/** One student's promotion, as previewed or applied. */
export interface Promotion {
  login: string;
  name: string;
  location: string;
  level: string | null;
  to_level: string | null;
  class: string | null;
  to_class: string | null;
  apps_gained: string[];
  apps_lost: string[];
}

/** A promotion's preview (`applied: false`) or its result. */
export interface PromotionReport {
  applied: boolean;
  count: number;
  accounts: Promotion[];
  /** In the last year of their level: the next class would pass its end, so they stay. */
  leaving: Unmoved[];
  /** Moved to another class by a promotion in the last 180 days: not moved twice. */
  already_promoted: Unmoved[];
}

/** A student a promotion leaves as they are. */
export interface Unmoved {
  login: string;
  name: string;
  location: string;
  level: string | null;
  class: string | null;
}

export interface IssuedPassword {
  login: string;
  name: string;
  location: string;
  level: string | null;
  temporary_password: string;
  expires: string;
}

export interface Issued {
  issued: IssuedPassword[];
  slips: string | null;
  /** Why the slips could not be written (the passwords above are still shown, to print). */
  slips_error?: string;
}

export interface RowError {
  line: number;
  login: string | null;
  reason: string;
  /** The message's id (`import-stopped`: where an import sent to the server in parts stopped). */
  id?: string;
}

export interface ImportCheck {
  rows: number;
  good: number;
  errors: RowError[];
}

export interface ImportProgress {
  done: number;
  total: number;
  per_second: number;
  seconds_left: number | null;
}

export interface ImportDone {
  rows: number;
  created: number;
  errors: RowError[];
  cancelled: boolean;
  seconds: number;
  issued: IssuedPassword[];
  slips: string | null;
}

export interface TokenView {
  serial: string;
  kind: string;
  digits: number;
  period: number | null;
  bound_to: string | null;
  imported: string;
  /** Free, but locked after too many wrong enrolment codes until an administrator frees it. */
  locked: boolean;
}

export interface AuditFilter {
  since: string;
  until: string;
  actor: string;
  subject: string;
  event: string;
  outcome: string;
  limit: number;
  offset: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  subject: string;
  event: string;
  outcome: string;
  machine: string;
  detail: string;
}

export interface AuditPage {
  events: AuditEntry[];
  offset: number;
  more: boolean;
}

export interface FirstAdminDetails {
  login: string;
  name: string;
  kind: string;
  location: string;
  work_email: string;
  password: string;
  confirm_password: string;
}

export interface Enrolment {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

export interface TransferView {
  id: number;
  login: string;
  from_location: string;
  to_location: string;
  requested_by: string;
  requested_at: string;
  state: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: string | null;
}
