//! The four languages' catalogues (issue 16): `locales/<language>/engine.ftl` (the engine's
//! sentences, also read by the window), `locales/<language>/window.ftl` (the window's own) and
//! `locales/<language>/cli.ftl` (the command line's) and `locales/<language>/sso.ftl` (the
//! server's own single sign-on pages in the browser).
//! Every id the engine or the window uses is in all four with the same arguments, no catalogue
//! has an id nobody uses, and every message of every language formats without an error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;

const LANGUAGES: [&str; 4] = ["en", "zh-Hans", "ms", "ta"];
const FILES: [&str; 4] = ["engine.ftl", "window.ftl", "cli.ftl", "sso.ftl"];

/// Keys the window builds from data (`t(\`console.kind.${kind}\`)`): every message under them
/// counts as used.
const WINDOW_FAMILIES: [&str; 5] = ["console-kind-", "console-state-", "console-role-", "console-step", "console-tab-"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(language: &str, file: &str) -> String {
    let path = root().join("locales").join(language).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each message's id and the variables it uses (`$name`), in file order.
fn messages(language: &str, file: &str) -> BTreeMap<String, BTreeSet<String>> {
    let source = read(language, file);
    let resource = parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| {
        panic!("locales/{language}/{file} does not parse: {errors:?}");
    });
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            assert!(m.attributes.is_empty(), "{language}/{file}: {} has attributes, which nothing reads", m.id.name);
            assert!(out.insert(m.id.name.to_owned(), vars).is_none(), "{language}/{file}: {} twice", m.id.name);
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_vars(i, vars),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

#[test]
fn every_language_has_every_message_with_the_same_arguments_and_nothing_else() {
    for file in FILES {
        let english = messages("en", file);
        for language in &LANGUAGES[1..] {
            let theirs = messages(language, file);
            let missing: Vec<&String> = english.keys().filter(|k| !theirs.contains_key(*k)).collect();
            let extra: Vec<&String> = theirs.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{language}/{file} lacks {missing:?}");
            assert!(extra.is_empty(), "{language}/{file} has ids English does not: {extra:?}");
            for (id, vars) in &english {
                assert_eq!(&theirs[id], vars, "{language}/{file}: {id} must use the arguments English uses");
            }
        }
    }
}

#[test]
fn no_two_catalogues_use_the_same_id() {
    // The window puts the engine's and its own in one bundle; the command line's start `cli-`.
    let engine: BTreeSet<String> = messages("en", "engine.ftl").into_keys().collect();
    let both: Vec<String> = messages("en", "window.ftl").into_keys().filter(|k| engine.contains(k)).collect();
    assert!(both.is_empty(), "ids in both engine.ftl and window.ftl: {both:?}");
    let cli = messages("en", "cli.ftl");
    assert!(cli.keys().all(|id| id.starts_with("cli-")), "every id of cli.ftl starts with cli-");
    assert!(engine.iter().all(|id| !id.starts_with("cli-")), "no id of engine.ftl starts with cli-");
    let sso = messages("en", "sso.ftl");
    assert!(sso.keys().all(|id| id.starts_with("sso-")), "every id of sso.ftl starts with sso-");
    let window = messages("en", "window.ftl");
    assert!(engine.iter().chain(window.keys()).all(|id| !id.starts_with("sso-")), "no other id starts with sso-");
}

#[test]
fn every_message_of_every_language_formats_without_an_error() {
    for language in LANGUAGES {
        let tag: unic_langid::LanguageIdentifier = language.parse().unwrap();
        for file in FILES {
            let mut bundle = FluentBundle::new(vec![tag.clone()]);
            bundle.add_resource(FluentResource::try_new(read(language, file)).unwrap()).unwrap();
            for (id, vars) in messages("en", file) {
                // Each plural category the language has: 1 and 5 cover `one` and `other`.
                for n in [1, 5] {
                    let mut args = FluentArgs::new();
                    for v in &vars {
                        args.set(v.clone(), FluentValue::from(n));
                    }
                    let message = bundle.get_message(&id).unwrap();
                    let mut errors = Vec::new();
                    let text = bundle.format_pattern(message.value().unwrap(), Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{language}/{file}: {id}: {errors:?}");
                    assert!(!text.trim().is_empty(), "{language}/{file}: {id} is empty");
                }
            }
        }
    }
}

/// Every file under `dir` whose name ends with one of `extensions`.
fn sources(dir: &Path, extensions: &[&str]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if extensions.iter().any(|e| path.to_string_lossy().ends_with(e)) {
                out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out
}

/// The ids of `catalogue` that `code` holds as a quoted literal (`"slip-tag"` in Rust,
/// `'language-ta'` in TypeScript, after `rename`).
fn literals_in(
    code: &str,
    quote: char,
    catalogue: &BTreeMap<String, BTreeSet<String>>,
    rename: impl Fn(&str) -> String,
) -> BTreeSet<String> {
    catalogue.keys().filter(|id| code.contains(&format!("{quote}{}{quote}", rename(id)))).cloned().collect()
}

#[test]
fn every_id_the_window_names_exists_and_every_window_message_is_used() {
    let window = messages("en", "window.ftl");
    let mut used = BTreeSet::new();
    for (path, code) in sources(&root().join("ui/src"), &[".ts"]) {
        // `t('signIn.heading')`: the window's keys, "." written "-" in the catalogue.
        for (at, _) in code.match_indices("t('") {
            let before = code[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let rest = &code[at + 3..];
            let key = &rest[..rest.find('\'').unwrap()];
            let id = key.replace('.', "-");
            assert!(window.contains_key(&id), "{}: t('{key}') is not in locales/en/window.ftl", path.display());
            used.insert(id);
        }
        // Keys chosen by a condition (`t(device ? 'device.heading' : 'error.heading')`).
        used.extend(literals_in(&code, '\'', &window, |id| id.replace('-', ".")));
    }
    let unused: Vec<&String> =
        window.keys().filter(|id| !used.contains(*id) && !WINDOW_FAMILIES.iter().any(|f| id.starts_with(f))).collect();
    assert!(unused.is_empty(), "window messages nothing uses: {unused:?}");
}

#[test]
fn every_engine_message_is_used_by_the_engine_or_the_window() {
    let engine = messages("en", "engine.ftl");
    let mut used = BTreeSet::new();
    for (_, code) in sources(&root().join("crates"), &[".rs"]) {
        used.extend(literals_in(&code, '"', &engine, str::to_owned));
    }
    for (_, code) in sources(&root().join("ui/src"), &[".ts"]) {
        used.extend(literals_in(&code, '\'', &engine, str::to_owned));
    }
    // The selector names each language in its own words: `language-${code}`.
    used.extend(["en", "zh-Hans", "ms", "ta"].map(|l| format!("language-{l}")));
    let unused: Vec<&String> = engine.keys().filter(|id| !used.contains(*id)).collect();
    assert!(unused.is_empty(), "engine messages nothing names: {unused:?}");
}

#[test]
fn every_id_the_command_line_names_exists_and_every_one_of_its_messages_is_used() {
    let cli = messages("en", "cli.ftl");
    let mut used = BTreeSet::new();
    for (path, code) in sources(&root().join("crates/cli/src"), &[".rs"]) {
        for (at, _) in code.match_indices("\"cli-") {
            let rest = &code[at + 1..];
            let id = &rest[..rest.find('"').unwrap()];
            // `cli-demo-{name}-{part}`: the family of the demo accounts' descriptions.
            if id.ends_with('-') || id.contains('{') {
                continue;
            }
            assert!(cli.contains_key(id), "{}: {id:?} is not in locales/en/cli.ftl", path.display());
            used.insert(id.to_owned());
        }
    }
    // One description and one suggestion per demo account (a test of the command line checks
    // each account has both).
    let unused: Vec<&String> = cli
        .keys()
        .filter(|id| {
            !used.contains(*id) && !(id.starts_with("cli-demo-") && (id.ends_with("-state") || id.ends_with("-try")))
        })
        .collect();
    assert!(unused.is_empty(), "command-line messages nothing uses: {unused:?}");
}

#[test]
fn every_id_the_single_sign_on_pages_name_exists_and_every_one_of_their_messages_is_used() {
    let sso = messages("en", "sso.ftl");
    let mut used = BTreeSet::new();
    for (path, code) in sources(&root().join("crates/server/src"), &[".rs"]) {
        for (at, _) in code.match_indices("\"sso-") {
            let rest = &code[at + 1..];
            let id = &rest[..rest.find('"').unwrap()];
            assert!(sso.contains_key(id), "{}: {id:?} is not in locales/en/sso.ftl", path.display());
            used.insert(id.to_owned());
        }
    }
    let unused: Vec<&String> = sso.keys().filter(|id| !used.contains(*id)).collect();
    assert!(unused.is_empty(), "single sign-on page messages nothing uses: {unused:?}");
}

#[test]
fn the_glossary_of_each_translation_is_kept_beside_it() {
    for language in &LANGUAGES[1..] {
        let glossary = read(language, "GLOSSARY.md");
        assert!(glossary.contains("MIMS"), "{language}/GLOSSARY.md names the terms that stay as they are");
    }
}
