//! Every sentence a person reads, as a stable id with named arguments ([`Text`]), and its words
//! in each of the four languages from the engine's catalogues `locales/<language>/engine.ftl`
//! (Project Fluent). The wire carries the id and the arguments beside the English, so a
//! front-end shows the person's language; mails and slips are formatted here in the person's or
//! the school's language; the logs use English. The audit log holds neither: it stays
//! language-free.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

/// The English catalogue, compiled in.
pub const ENGLISH_FTL: &str = include_str!("../../../locales/en/engine.ftl");

/// The languages Gatehouse speaks (issue 16): Singapore's four official languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "zh-Hans")]
    Chinese,
    #[serde(rename = "ms")]
    Malay,
    #[serde(rename = "ta")]
    Tamil,
}

impl Language {
    pub const ALL: [Language; 4] = [Self::English, Self::Chinese, Self::Malay, Self::Tamil];

    /// The BCP 47 tag: `en`, `zh-Hans`, `ms`, `ta` (the catalogue's folder and the page's `lang`).
    pub const fn code(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Chinese => "zh-Hans",
            Self::Malay => "ms",
            Self::Tamil => "ta",
        }
    }

    /// A tag as people and configuration files write it (`zh-hans`, `zh`, `zh-SG`, `ms-SG`, …).
    pub fn parse(tag: &str) -> Option<Self> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        let primary = lower.split('-').next().unwrap_or("");
        match primary {
            "en" => Some(Self::English),
            // Traditional Chinese is not offered: a `zh-Hant` tag is not taken for Simplified.
            "zh" if !lower.contains("hant") && !lower.ends_with("-tw") && !lower.ends_with("-hk") => {
                Some(Self::Chinese)
            }
            "ms" => Some(Self::Malay),
            "ta" => Some(Self::Tamil),
            _ => None,
        }
    }
}

/// One catalogue in each of the four languages: the engine's (`locales/<language>/engine.ftl`,
/// [`ENGINE`]) or a program's own, such as the command line's `cli.ftl`. Each language's bundle
/// is parsed once, on first use.
pub struct Catalogue {
    /// The file name in each `locales/<language>/` folder (for messages about it).
    file: &'static str,
    /// The sources in the order of [`Language::ALL`].
    sources: [&'static str; 4],
    bundles: [OnceLock<FluentBundle<FluentResource>>; 4],
}

/// The engine's sentences, compiled in.
pub static ENGINE: Catalogue = Catalogue::new(
    "engine.ftl",
    [
        ENGLISH_FTL,
        include_str!("../../../locales/zh-Hans/engine.ftl"),
        include_str!("../../../locales/ms/engine.ftl"),
        include_str!("../../../locales/ta/engine.ftl"),
    ],
);

impl Catalogue {
    /// `sources` in the order of [`Language::ALL`]: English, Chinese, Malay, Tamil.
    pub const fn new(file: &'static str, sources: [&'static str; 4]) -> Self {
        Self { file, sources, bundles: [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()] }
    }

    fn bundle(&self, language: Language) -> &FluentBundle<FluentResource> {
        let i = Language::ALL.iter().position(|l| *l == language).unwrap_or(0);
        self.bundles[i].get_or_init(|| {
            let (code, file) = (language.code(), self.file);
            let resource = FluentResource::try_new(self.sources[i].to_owned())
                .unwrap_or_else(|(_, errors)| panic!("locales/{code}/{file} is not valid Fluent: {errors:?}"));
            let tag: unic_langid::LanguageIdentifier = code.parse().expect("a valid language tag");
            let mut bundle = FluentBundle::new_concurrent(vec![tag]);
            // Plain text for mails, slips, the CLI and logs; a front-end isolates names itself.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .unwrap_or_else(|e| panic!("a message id appears twice in locales/{code}/{file}: {e:?}"));
            bundle
        })
    }

    /// Whether the English catalogue has the message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle(Language::English).has_message(id)
    }

    /// `text` in `language`. A message missing from a translation falls back to English (a test
    /// keeps the catalogues complete); one missing from English, or a missing argument, is a
    /// bug: it is logged and the id (or the placeable's name) is shown rather than nothing. A
    /// message argument ([`Text::message`]) is one of the engine's, formatted first.
    pub fn format(&self, text: &Text, language: Language) -> String {
        let id = text.id.as_ref();
        let (bundle, pattern) = match self.bundle(language).get_message(id).and_then(|m| m.value()) {
            Some(pattern) => (self.bundle(language), pattern),
            None => match self.bundle(Language::English).get_message(id).and_then(|m| m.value()) {
                Some(pattern) => {
                    tracing::error!(id, %language, file = self.file, "a message missing from a translation");
                    (self.bundle(Language::English), pattern)
                }
                None => {
                    tracing::error!(id, file = self.file, "a message missing from the English catalogue");
                    return id.to_owned();
                }
            },
        };
        let mut args = FluentArgs::new();
        for (name, value) in &text.args {
            match value {
                Arg::Number(n) => args.set(name.as_ref(), FluentValue::from(*n)),
                Arg::Text(t) => args.set(name.as_ref(), FluentValue::from(t.as_str())),
                Arg::Message(m) => args.set(name.as_ref(), FluentValue::from(m.format(language))),
            }
        }
        let mut errors = Vec::new();
        let out = bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
        if !errors.is_empty() {
            tracing::error!(id, %language, file = self.file, ?errors, "a message formatted with errors");
            debug_assert!(errors.is_empty(), "{id} ({language}, {}): {errors:?}", self.file);
        }
        out
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A value for a placeable: text, a number (which plural and number selectors choose on), or a
/// whole message of the catalogue (a fault inside a located one: "line 3: <the fault>"), which a
/// front-end formats first, in the same language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Number(i64),
    Text(String),
    Message(Box<Text>),
}

/// A message of the catalogue and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    id: Cow<'static, str>,
    args: Vec<(Cow<'static, str>, Arg)>,
}

impl Text {
    /// The message `id` of the catalogue that formats it: `locales/en/engine.ftl` for the
    /// engine's (a test reads every call of this), a program's own for its sentences.
    pub const fn new(id: &'static str) -> Self {
        Self { id: Cow::Borrowed(id), args: Vec::new() }
    }

    /// A message whose id is made at run time: one of a family of messages (`cli-demo-<login>-try`).
    pub fn from_id(id: String) -> Self {
        Self { id: Cow::Owned(id), args: Vec::new() }
    }

    /// Adds a text argument.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Self {
        self.args.push((Cow::Borrowed(name), Arg::Text(value.to_string())));
        self
    }

    /// Adds a number argument (plurals and number words choose on it).
    #[must_use]
    pub fn num(mut self, name: &'static str, value: impl TryInto<i64>) -> Self {
        self.args.push((Cow::Borrowed(name), Arg::Number(value.try_into().unwrap_or(i64::MAX))));
        self
    }

    /// Adds a message of the catalogue as an argument (formatted before this one).
    #[must_use]
    pub fn message(mut self, name: &'static str, value: Text) -> Self {
        self.args.push((Cow::Borrowed(name), Arg::Message(Box::new(value))));
        self
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The arguments by name, as the wire carries them (`{"count": 12}`).
    pub fn args(&self) -> std::collections::BTreeMap<String, Arg> {
        self.args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    /// The sentence in English (the logs, and the wire's English beside the id).
    pub fn english(&self) -> String {
        self.format(Language::English)
    }

    /// The sentence in `language`, from the engine's catalogue ([`Catalogue::format`]).
    pub fn format(&self, language: Language) -> String {
        ENGINE.format(self, language)
    }
}

impl Serialize for Text {
    /// `{"id": "…", "args": {"name": value}}`, `args` left out when there are none.
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let mut map = ser.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        if !self.args.is_empty() {
            let args: std::collections::BTreeMap<&str, &Arg> = self.args.iter().map(|(k, v)| (k.as_ref(), v)).collect();
            map.serialize_entry("args", &args)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            id: String,
            #[serde(default)]
            args: std::collections::BTreeMap<String, Arg>,
        }
        let wire = Wire::deserialize(d)?;
        if !ENGINE.has(&wire.id) {
            return Err(serde::de::Error::custom(format!("no message {:?} in the catalogue", wire.id)));
        }
        let args = wire.args.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect();
        Ok(Self { id: Cow::Owned(wire.id), args })
    }
}

/// `s` with control characters, quotes and backslashes escaped as Rust's `{:?}` does (without
/// the quotes, which the message holds): for typed or read values a sentence quotes, so a
/// terminal shows them as typed and never runs an escape sequence from them.
pub(crate) fn escaped(s: &str) -> String {
    let quoted = format!("{s:?}");
    quoted[1..quoted.len() - 1].to_owned()
}

/// The ids of every message in the English catalogue.
pub fn catalogue_ids() -> Vec<String> {
    let resource = FluentResource::try_new(ENGLISH_FTL.to_owned()).expect("locales/en/engine.ftl is valid Fluent");
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_formatted_with_its_arguments_and_plurals() {
        assert_eq!(Text::new("answer-all-questions").num("count", 2).english(), "Answer all 2 questions.");
        assert_eq!(
            Text::new("email-otp-incorrect").num("tries", 1).english(),
            "The one-time password is not correct. 1 try left."
        );
        assert_eq!(
            Text::new("email-otp-incorrect").num("tries", 4).english(),
            "The one-time password is not correct. 4 tries left."
        );
        assert_eq!(
            Text::new("rule-three_classes").num("count", 3).english(),
            "Must have at least three types of the following characters: Uppercase (A-Z), Lowercase (a-z), \
             Number (0-9), Symbol (!, #, $, etc.)"
        );
    }

    #[test]
    fn a_text_serialises_as_its_id_and_arguments_and_back() {
        let t = Text::new("soft-token-saved").num("id", 7);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"{"id":"soft-token-saved","args":{"id":7}}"#);
        assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), t);
        assert_eq!(serde_json::to_string(&Text::new("signed-out")).unwrap(), r#"{"id":"signed-out"}"#);
        assert!(serde_json::from_str::<Text>(r#"{"id":"no-such-message"}"#).is_err());
    }

    #[test]
    fn a_message_holds_another_as_an_argument_formatted_first() {
        let t =
            Text::new("token-file-line").num("line", 3).message("fault", Text::new("token-csv-fields").num("count", 5));
        assert_eq!(t.english(), "line 3: expected serial,secret[,digits,period], found 5 fields");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"id":"token-file-line","args":{"fault":{"id":"token-csv-fields","args":{"count":5}},"line":3}}"#
        );
        let back = serde_json::from_str::<Text>(&json).unwrap();
        assert_eq!((back.english(), serde_json::to_string(&back).unwrap()), (t.english(), json));
    }

    #[test]
    fn every_message_id_the_engine_names_is_in_the_catalogue() {
        let ids = catalogue_ids();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let code = std::fs::read_to_string(&path).unwrap();
                    for (at, _) in code.match_indices("Text::new(\"") {
                        let rest = &code[at + "Text::new(\"".len()..];
                        let id = &rest[..rest.find('"').unwrap()];
                        if id != "no-such-message" {
                            assert!(
                                ids.iter().any(|i| i == id),
                                "{}: {id:?} is not in locales/en/engine.ftl",
                                path.display()
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn each_language_formats_with_its_own_words_and_plural_rules() {
        let t = Text::new("email-otp-incorrect").num("tries", 1);
        let words: Vec<String> = Language::ALL.iter().map(|l| t.format(*l)).collect();
        assert_eq!(words[0], "The one-time password is not correct. 1 try left.");
        for (language, text) in Language::ALL.iter().zip(&words).skip(1) {
            assert!(text.contains('1') && *text != words[0], "{language}: {text}");
        }
        assert_eq!(Text::new("language-ta").format(Language::English), "தமிழ்");
    }

    #[test]
    fn a_language_tag_is_read_as_people_write_it() {
        for (tag, language) in [
            ("en", Language::English),
            ("en-SG", Language::English),
            ("zh-Hans", Language::Chinese),
            ("zh_hans_SG", Language::Chinese),
            ("zh-SG", Language::Chinese),
            ("ms", Language::Malay),
            ("ms-SG", Language::Malay),
            (" TA ", Language::Tamil),
        ] {
            assert_eq!(Language::parse(tag), Some(language), "{tag}");
        }
        for tag in ["", "fr", "zh-Hant", "zh-TW", "english"] {
            assert_eq!(Language::parse(tag), None, "{tag}");
        }
        for language in Language::ALL {
            assert_eq!(Language::parse(language.code()), Some(language));
            let json = serde_json::to_string(&language).unwrap();
            assert_eq!(json, format!("\"{}\"", language.code()));
        }
    }
}
