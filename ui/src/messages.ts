// Every text the window shows, in the person's language (issue 16), from the Fluent catalogues
// in `locales/<language>/`: `window.ftl` holds the window's own titles, labels, buttons and the
// guides' paragraphs; `engine.ftl` the engine's sentences, which arrive on the wire as a message
// id with arguments (`{"id": "…", "args": {…}}`) beside their English and are shown here in the
// chosen language (`say`, `localise`). A test in `crates/core/tests/catalogues.rs` keeps every
// key used here present in all four languages with the same arguments.

import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

/** The languages, in the selector's order: BCP 47 tags, each a folder of `locales/`. */
export const LANGUAGES = ['en', 'zh-Hans', 'ms', 'ta'] as const;
export type Language = (typeof LANGUAGES)[number];

// English is in the first script (every other language falls back to it); the others are
// fetched when chosen, so a window in English parses no other catalogue.
// (`cli.ftl` and `sso.ftl` belong to the command line and the server's own pages.)
const english = import.meta.glob('../../locales/en/{engine,window}.ftl', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
const others = import.meta.glob(['../../locales/*/{engine,window}.ftl', '!../../locales/en/*.ftl'], { query: '?raw', import: 'default' }) as Record<
  string,
  () => Promise<string>
>;
const sources: Record<string, string> = { ...english };

const bundles = new Map<Language, FluentBundle>();

/** Fetches `code`'s catalogues (once); `setLanguage(code)` may follow. */
export async function loadLanguage(code: Language): Promise<void> {
  await Promise.all(
    ['engine', 'window'].map(async (file) => {
      const key = `../../locales/${code}/${file}.ftl`;
      if (!(key in sources) && key in others) sources[key] = await others[key]();
    }),
  );
}

function bundle(language: Language): FluentBundle {
  let b = bundles.get(language);
  if (!b) {
    // Names keep their own direction and script: placeables are isolated (FSI … PDI).
    b = new FluentBundle(language, { useIsolating: true });
    for (const file of ['engine', 'window']) {
      const source = sources[`../../locales/${language}/${file}.ftl`];
      if (source === undefined) {
        console.error(`locales/${language}/${file}.ftl is not loaded`);
        continue;
      }
      const errors = b.addResource(new FluentResource(source));
      for (const e of errors) console.error(`locales/${language}/${file}.ftl:`, e);
    }
    bundles.set(language, b);
  }
  return b;
}

let current: Language = 'en';

/** Whether `code` is one of the four languages. */
export function isLanguage(code: string | null | undefined): code is Language {
  return (LANGUAGES as readonly string[]).includes(code ?? '');
}

export function language(): Language {
  return current;
}

/** Shows the window in `code` from now on (its catalogues loaded first, `loadLanguage`): the
 * texts, and the page's `lang` (WebKitGTK draws Chinese with Japanese glyph shapes without
 * `lang="zh-Hans"`). */
/** Something of the page built in the window's language and kept, such as a dialog: `get()`
 * builds it on first use, and again — the old one taken off the page — when the language has
 * changed since (a kiosk's next person, a person who chose another language). */
export function inLanguage<T extends { element: HTMLElement }>(build: () => T): { get: () => T; peek: () => T | null } {
  let built: { value: T; language: string } | null = null;
  return {
    get() {
      if (built && built.language !== current) {
        built.value.element.remove();
        built = null;
      }
      built ??= { value: build(), language: current };
      return built.value;
    },
    peek: () => built?.value ?? null,
  };
}

export function setLanguage(code: string): void {
  current = isLanguage(code) ? code : 'en';
  document.documentElement.lang = current;
}

type Args = Record<string, string | number | Sentence | null | undefined>;

/** A message of the engine's catalogue with its arguments, as the wire carries it. */
export interface Sentence {
  id: string;
  args?: Args;
}

function isSentence(v: unknown): v is Sentence {
  return typeof v === 'object' && v !== null && typeof (v as Sentence).id === 'string';
}

/** Formats message `id` in `language`, falling back to English when a translation lacks it (a
 * test keeps them complete) and to the id itself when even English does. An argument that is a
 * message is formatted first, in the same language. */
function format(id: string, args: Args | undefined, lang: Language = current): string {
  for (const l of lang === 'en' ? ['en' as const] : [lang, 'en' as const]) {
    const b = bundle(l);
    const message = b.getMessage(id);
    if (!message?.value) continue;
    const values: Record<string, FluentVariable> = {};
    for (const [name, value] of Object.entries(args ?? {})) {
      if (value === null || value === undefined) continue;
      values[name] = isSentence(value) ? format(value.id, value.args, l) : value;
    }
    const errors: Error[] = [];
    const text = b.formatPattern(message.value, values, errors);
    for (const e of errors) console.error(`${id} (${l}):`, e);
    return text;
  }
  console.error(`no message ${id}`);
  return id;
}

/** The window's own text for `key` (`signIn.heading`: message `signIn-heading` of window.ftl). */
export function t(key: string, params: Record<string, string | number> = {}): string {
  return format(key.replaceAll('.', '-'), params);
}

/** An engine sentence (`{id, args}`) in the current language. */
export function say(text: Sentence): string {
  return format(text.id, text.args);
}

/** A language's own name, in its own script (the selector's options; every catalogue names
 * each language alike, so English's, always loaded, serves). */
export function languageName(code: Language): string {
  return format(`language-${code}`, undefined, 'en');
}

/** `value` with every engine sentence put into the current language, in place of its English:
 * a field `x` beside `x_text` (`message`/`message_text`, `notice`/`notice_text`, …), help's
 * `text` beside `text_id`, an error's `message` beside its `id`, and what the school wrote in
 * several languages beside `…_by_language`. Run again after the
 * language changes: the ids stay, so it is idempotent. */
export function localise<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) localise(item);
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(o)) {
    const base = key.slice(0, -5);
    if (key.endsWith('_text') && isSentence(v) && base in o) o[base] = say(v);
    // A list of sentences beside the list of their English (`questions` / `questions_text`).
    else if (key.endsWith('_text') && Array.isArray(v) && v.every(isSentence) && Array.isArray(o[base])) o[base] = v.map(say);
    else if (key === 'text_id' && isSentence(v)) o.text = say(v);
    // What the school wrote in several languages (`notes` / `notes_by_language`, `restriction` /
    // `restriction_by_language`): the person's, else English, else as the base field has it.
    else if (key.endsWith('_by_language') && key.slice(0, -12) in o) {
      const field = key.slice(0, -12);
      const pick = (m: unknown, fallback: unknown) =>
        typeof m === 'object' && m !== null ? ((m as Record<string, string>)[current] ?? (m as Record<string, string>).en ?? fallback) : fallback;
      const base = o[field];
      o[field] = Array.isArray(v) && Array.isArray(base) ? base.map((b, i) => pick(v[i], b)) : pick(v, base);
    }
    else if (typeof v === 'object') localise(v);
  }
  // An error (`{code, message, id, args}`): its sentence, when the core named one.
  if (typeof o.code === 'string' && typeof o.message === 'string' && typeof o.id === 'string') {
    o.message = format(o.id, o.args as Args | undefined);
  }
  return value;
}
