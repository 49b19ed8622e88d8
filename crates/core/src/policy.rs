//! Password policy: the checklist shown on `change_password` and checked again on submission.
//!
//! The rules and their wording come from the student/staff guides' "Change Password" screen; DESIGN §3
//! adds the hardening beyond the guides (at most 128 characters and never truncated, any printable
//! Unicode, a bundled list of common passwords, the previous password, a strength meter).
//!
//! [`evaluate`] returns every rule with its `ok` flag (never just the first failure) so the UI can tick
//! the checklist live while the person types; the same function is the authority on the Rust side.
//! The "not your previous password" rule needs the stored Argon2id hash, which is far too slow for a
//! live checklist, so the caller checks it itself and appends [`not_previous_rule`].

use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

use crate::text::{Arg, Text};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Rule ids in the order [`evaluate`] returns them. Stable: the UI and tests key on them.
pub const RULE_IDS: [&str; 8] = [
    "case_sensitive",
    "min_length",
    "first_not_symbol",
    "no_name_parts",
    "three_classes",
    "max_length",
    "printable",
    "not_common",
];

/// Id of the rule the caller appends after checking the stored hash (see [`not_previous_rule`]).
pub const NOT_PREVIOUS_ID: &str = "not_previous";

/// Tunables, embedded in the product's TOML config under `[password_policy]`.
/// Defaults are the guide's numbers (12 characters, three classes) and DESIGN §3's maximum (128).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyConfig {
    /// Minimum length in characters (Unicode scalar values, never bytes).
    pub min_length: usize,
    /// Maximum length in characters; longer passwords are refused, never truncated (DESIGN §3).
    pub max_length: usize,
    /// How many of the four classes (upper, lower, digit, symbol) are required.
    pub min_classes: usize,
    /// Name and login tokens shorter than this are ignored (Active Directory uses 3).
    pub name_token_min: usize,
}

impl Default for PolicyConfig {
    fn default() -> Self {
        Self { min_length: 12, max_length: 128, min_classes: 3, name_token_min: 3 }
    }
}

/// The shortest minimum length a configuration may set (NIST SP 800-63B 5.1.1.2: at least 8
/// characters for a memorised secret a person chooses).
pub const MIN_LENGTH_FLOOR: usize = 8;

/// The largest maximum length a configuration may set (long enough for any passphrase, short
/// enough that hashing and checking a hostile input stays cheap).
pub const MAX_LENGTH_CEILING: usize = 1024;

impl PolicyConfig {
    /// Refuses settings that would make the policy impossible, meaningless or weaker than the
    /// floor; [`crate::config::Config`] calls it when the configuration is loaded.
    ///
    /// # Errors
    /// A message naming the offending `password_policy` setting and its bounds.
    pub fn validate(&self) -> Result<(), String> {
        if self.min_length < MIN_LENGTH_FLOOR {
            return Err(format!(
                "password_policy.min_length must be at least {MIN_LENGTH_FLOOR}, not {}",
                self.min_length
            ));
        }
        if self.min_length > self.max_length || self.max_length > MAX_LENGTH_CEILING {
            return Err(format!(
                "password_policy: need min_length <= max_length <= {MAX_LENGTH_CEILING} (got {} and {})",
                self.min_length, self.max_length
            ));
        }
        if !(1..=4).contains(&self.min_classes) {
            return Err(format!("password_policy.min_classes must be between 1 and 4, not {}", self.min_classes));
        }
        if self.name_token_min == 0 {
            return Err("password_policy.name_token_min must be at least 1".into());
        }
        Ok(())
    }
}

/// One line of the checklist: a stable id, the text shown to the person (English), the
/// arguments of its message `rule-<id>` (e.g. `{"count": 12}`, left out when there are none) so
/// a front-end can say it in another language, and whether it is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleResult {
    pub id: &'static str,
    pub text: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
    pub ok: bool,
}

/// Who the password is for: the login ID (e.g. `John_Tan@students.edu.sg`) and the full name
/// ("John Tan Wei Ming").
#[derive(Debug, Clone, Copy)]
pub struct PolicySubject<'a> {
    pub login: &'a str,
    pub full_name: &'a str,
}

/// Evaluates every rule, in [`RULE_IDS`] order.
///
/// Cost is bounded for hostile input: the length is counted only up to `max_length + 1` characters,
/// and the two costly content checks (name parts, common list) run only when the length is within
/// `max_length`; otherwise they report `ok = false` (not verified — the password is refused anyway).
#[must_use]
pub fn evaluate(cfg: &PolicyConfig, password: &str, subject: &PolicySubject) -> Vec<RuleResult> {
    checklist(cfg, password, subject).into_iter().map(|(rule, _)| rule).collect()
}

/// [`evaluate`], each line with its sentence by id (for an error that names the rule missed).
pub(crate) fn checklist(cfg: &PolicyConfig, password: &str, subject: &PolicySubject) -> Vec<(RuleResult, Text)> {
    let empty = password.is_empty();
    // Counting stops one past the larger bound: enough to decide both length rules.
    let limit = cfg.max_length.max(cfg.min_length).saturating_add(1);
    let len = password.chars().take(limit).count();
    let long_enough = !empty && len >= cfg.min_length;
    // An empty field is not "too long": only a length past the bound fails this one.
    let short_enough = len <= cfg.max_length;

    // Guide: "The first character can not be a symbol (non letter or number)".
    let first_ok = password.chars().next().is_some_and(char::is_alphanumeric);
    let classes_ok = !empty && class_count(password) >= cfg.min_classes;
    let printable_ok = !empty && password.chars().all(is_printable);

    let (names_ok, common_ok) = if short_enough && !empty {
        let folded = fold(password);
        (!contains_name_part(&folded, subject, cfg.name_token_min), !is_common_folded(&folded))
    } else {
        (false, false)
    };

    vec![
        // Guide's first line is information, not a requirement: always ticked.
        rule(RULE_IDS[0], Text::new("rule-case_sensitive"), true),
        rule(RULE_IDS[1], Text::new("rule-min_length").num("count", cfg.min_length), long_enough),
        rule(RULE_IDS[2], Text::new("rule-first_not_symbol"), first_ok),
        rule(RULE_IDS[3], Text::new("rule-no_name_parts"), names_ok),
        rule(RULE_IDS[4], Text::new("rule-three_classes").num("count", cfg.min_classes), classes_ok),
        rule(RULE_IDS[5], Text::new("rule-max_length").num("count", cfg.max_length), short_enough),
        rule(RULE_IDS[6], Text::new("rule-printable"), printable_ok),
        rule(RULE_IDS[7], Text::new("rule-not_common"), common_ok),
    ]
}

/// True when every rule is met. An empty list is never "all ok": no rules means nothing was checked.
#[must_use]
pub fn all_ok(rules: &[RuleResult]) -> bool {
    !rules.is_empty() && rules.iter().all(|r| r.ok)
}

/// Rule text for the check the caller performs itself against the stored hash (too slow for a live
/// checklist). DESIGN §3: "reject the previous password".
#[must_use]
pub fn not_previous_rule(ok: bool) -> RuleResult {
    rule(NOT_PREVIOUS_ID, Text::new("rule-not_previous"), ok).0
}

/// A checklist line: the rule's id, its sentence (message `rule-<id>` of `locales/en/engine.ftl`) in
/// English, and whether it is met.
fn rule(id: &'static str, text: Text, ok: bool) -> (RuleResult, Text) {
    debug_assert_eq!(text.id().strip_prefix("rule-"), Some(id));
    (RuleResult { id, text: text.english(), args: text.args(), ok }, text)
}

// ---------------------------------------------------------------------------------------------
// Character classes and printability
// ---------------------------------------------------------------------------------------------

/// Counts the guide's four classes. Symbol is anything not a letter or digit (space included);
/// letters without case (CJK, Arabic, Hebrew...) are neither upper nor lower case.
fn class_count(password: &str) -> usize {
    let (mut upper, mut lower, mut digit, mut symbol) = (false, false, false, false);
    for c in password.chars() {
        if c.is_uppercase() {
            upper = true;
        } else if c.is_lowercase() {
            lower = true;
        } else if c.is_numeric() {
            digit = true;
        } else if !c.is_alphanumeric() {
            symbol = true;
        }
        if upper && lower && digit && symbol {
            break; // all four found: no need to read the rest of a long input
        }
    }
    [upper, lower, digit, symbol].iter().filter(|&&b| b).count()
}

/// DESIGN §3 accepts "any printable Unicode". Refused, each for a concrete reason:
/// - control characters (Cc: tab, NUL, CR/LF, DEL, C1): invisible in a masked field, cannot be typed
///   the same way on every device, and break forms, logs and CSV exports;
/// - U+2028/U+2029 line and paragraph separators: line breaks in all but name;
/// - U+FFFD: the mark of a lossy decoding upstream, so the password received is not the one typed;
/// - noncharacters (U+FDD0..U+FDEF, U+xxFFFE/U+xxFFFF): reserved by Unicode for internal use, never
///   produced by a keyboard.
///
/// Format characters such as ZWJ/ZWNJ stay allowed: emoji sequences and Persian or Indic text need them.
fn is_printable(c: char) -> bool {
    let cp = u32::from(c);
    !(c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FFFD}')
        || (0xFDD0..=0xFDEF).contains(&cp)
        || (cp & 0xFFFE) == 0xFFFE)
}

// ---------------------------------------------------------------------------------------------
// Name parts (the Active Directory rule)
// ---------------------------------------------------------------------------------------------

/// Normal form used for every comparison (never for the stored password): NFKC so that full-width or
/// decomposed forms match their plain spelling, then lower case. Final sigma is folded to σ so Greek
/// names compare like case folding would.
fn fold(s: &str) -> String {
    s.nfkc().flat_map(char::to_lowercase).map(|c| if c == 'ς' { 'σ' } else { c }).collect()
}

/// The separators Active Directory splits display and account names on ("Passwords must not contain
/// the user's account name or parts of the user's full name").
fn is_name_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | ',' | '-' | '_' | '#' | '\t')
}

/// The part of the login before its last '@' (the whole login when there is none).
fn login_local_part(login: &str) -> &str {
    login.rsplit_once('@').map_or(login, |(local, _)| local)
}

/// Folded parts a password must not contain: the whole login local part, and every token of the full
/// name and of the local part. Parts shorter than `min` characters are ignored, as AD does ("Li", "Ng").
fn name_parts(subject: &PolicySubject, min: usize) -> Vec<String> {
    let min = min.max(1); // an empty part would be "contained" in every password
    let local = fold(login_local_part(subject.login));
    let name = fold(subject.full_name);
    let mut parts: Vec<String> = std::iter::once(local.as_str())
        .chain(name.split(is_name_separator))
        .chain(local.split(is_name_separator))
        .filter(|t| t.chars().count() >= min)
        .map(str::to_owned)
        .collect();
    parts.sort_unstable();
    parts.dedup();
    parts
}

fn contains_name_part(folded_password: &str, subject: &PolicySubject, min: usize) -> bool {
    name_parts(subject, min).iter().any(|part| folded_password.contains(part.as_str()))
}

// ---------------------------------------------------------------------------------------------
// Common passwords (DESIGN §3: "a bundled list of common passwords")
// ---------------------------------------------------------------------------------------------

/// The 30,000 most common passwords of the zxcvbn 3.1.1 crate (MIT; see the file's header). zxcvbn keeps
/// its list private, and its match sequence only explains the cheapest decomposition of the first 100
/// characters, so the policy carries its own copy and matching rules.
static COMMON: LazyLock<CommonList> =
    LazyLock::new(|| CommonList::new(include_str!("../data/common-passwords.txt"), &CONTEXT_WORDS));

/// Context-specific words (NIST SP 800-63B §5.1.1.2: "the name of the service"): the product, the
/// portals the guides name, and the obvious school words, which the generic list lacks.
const CONTEXT_WORDS: [&str; 7] = ["gatehouse", "icon", "mims", "singapore", "school", "student", "classroom"];

struct CommonList {
    words: HashSet<&'static str>,
    max_len: usize,
}

impl CommonList {
    /// One entry per line; lines starting with "# " are the file's header.
    fn new(text: &'static str, extra: &[&'static str]) -> Self {
        let words: HashSet<&'static str> =
            text.lines().filter(|l| !l.is_empty() && !l.starts_with("# ")).chain(extra.iter().copied()).collect();
        let max_len = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Self { words, max_len }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

/// The list's shortest entries have 4 characters.
const MIN_CORE: usize = 4;
/// Longest core considered: room for a list word repeated ("passwordpassword").
const MAX_CORE: usize = 40;
/// Longest decoration considered on either side; anything longer is not "trivial".
const MAX_DECORATION: usize = 32;

/// True when the password is a common one, case-insensitively: either a list entry as a whole, or
/// a list entry (possibly l33t-spelled, reversed or repeated) with only trivial decoration before or
/// after it — the policy-compliant guesses attackers try first ("Password1234!", "Qwertyuiop123",
/// "P@ssw0rd2024!"). Genuine passphrases ("Tulip-Harbor-4827") do not match: every letter of the
/// password must belong to the list word.
#[must_use]
pub fn is_common_password(password: &str) -> bool {
    is_common_folded(&fold(password))
}

fn is_common_folded(folded: &str) -> bool {
    let list = &*COMMON;
    let chars: Vec<char> = folded.chars().collect();
    let n = chars.len();
    let first_letter = chars.iter().position(|c| c.is_alphabetic());
    let last_letter = chars.iter().rposition(|c| c.is_alphabetic());

    // The core is chars[i..j]; the prefix chars[..i] and suffix chars[j..] hold no letters.
    // Both ranges are capped, so the work is bounded whatever the input length.
    let max_i = first_letter.unwrap_or(n).min(MAX_DECORATION);
    let min_j = last_letter.map_or(0, |l| l + 1).max(n.saturating_sub(MAX_DECORATION));
    let prefix_ok: Vec<bool> = (0..=max_i).map(|i| is_trivial_decoration(&chars[..i])).collect();
    let suffix_ok: Vec<bool> = (min_j..=n).map(|j| is_trivial_decoration(&chars[j..])).collect();

    for (i, _) in prefix_ok.iter().enumerate().filter(|(_, ok)| **ok) {
        for j in min_j.max(i + MIN_CORE)..=n {
            if j - i > MAX_CORE {
                break;
            }
            if suffix_ok[j - min_j] && core_is_common(&chars[i..j], list) {
                return true;
            }
        }
    }
    false
}

/// Is this core a list word as typed, reversed, repeated, or with l33t substitutions undone?
fn core_is_common(core: &[char], list: &CommonList) -> bool {
    if core.len() <= list.max_len {
        let word: String = core.iter().collect();
        if list.contains(&word) {
            return true;
        }
        let reversed: String = core.iter().rev().collect();
        if list.contains(&reversed) {
            return true;
        }
        if unleet_variants(core).iter().any(|w| list.contains(w)) {
            return true;
        }
    }
    // "monkeymonkey": a list word repeated.
    (MIN_CORE..=core.len() / 2).any(|w| {
        core.len().is_multiple_of(w)
            && core.chunks(w).all(|c| c == &core[..w])
            && list.contains(&core[..w].iter().collect::<String>())
    })
}

/// Letters a l33t character may stand for (the inverse of zxcvbn's l33t table).
fn unleet(c: char) -> &'static [char] {
    match c {
        '4' | '@' => &['a'],
        '8' => &['b'],
        '(' | '{' | '[' | '<' => &['c'],
        '3' => &['e'],
        '6' | '9' => &['g'],
        '1' | '|' => &['i', 'l'],
        '!' => &['i'],
        '0' => &['o'],
        '$' | '5' => &['s'],
        '+' => &['t'],
        '7' => &['t', 'l'],
        '%' => &['x'],
        '2' => &['z'],
        _ => &[],
    }
}

/// The core with every l33t character replaced; ambiguous ones ('1', '|', '7') are tried both ways,
/// capped at 2^6 spellings so a hostile core cannot blow up.
fn unleet_variants(core: &[char]) -> Vec<String> {
    const MAX_AMBIGUOUS: usize = 6;
    if !core.iter().any(|&c| !unleet(c).is_empty()) {
        return Vec::new();
    }
    let ambiguous: Vec<usize> = (0..core.len()).filter(|&k| unleet(core[k]).len() > 1).take(MAX_AMBIGUOUS).collect();
    (0u32..1 << ambiguous.len())
        .map(|mask| {
            core.iter()
                .enumerate()
                .map(|(k, &c)| match unleet(c) {
                    [] => c,
                    options => {
                        let bit = ambiguous.iter().position(|&a| a == k);
                        let pick = bit.map_or(0, |b| ((mask >> b) & 1) as usize);
                        options[pick.min(options.len() - 1)]
                    }
                })
                .collect()
        })
        .collect()
}

/// Decoration an attacker's rules add to a word anyway: a few symbols (or a shifted digit row
/// "!@#$"), and digits that are short, repeated, sequential, a date, or a repeated block of those.
fn is_trivial_decoration(s: &[char]) -> bool {
    if s.is_empty() {
        return true;
    }
    if s.len() > MAX_DECORATION {
        return false;
    }
    let digits: Vec<u32> = s.iter().filter_map(|c| c.to_digit(10)).collect();
    let others: String = s.iter().filter(|c| !c.is_ascii_digit()).collect();
    trivial_symbols(&others) && trivial_digits(&digits)
}

fn trivial_symbols(s: &str) -> bool {
    const SHIFTED_ROW: &str = "!@#$%^&*()";
    const SHIFTED_ROW_REV: &str = ")(*&^%$#@!";
    let mut chars = s.chars();
    let first = chars.next();
    s.chars().count() <= 3 || chars.all(|c| Some(c) == first) || SHIFTED_ROW.contains(s) || SHIFTED_ROW_REV.contains(s)
}

fn trivial_digits(d: &[u32]) -> bool {
    let n = d.len();
    if n <= 4 {
        return true; // covers years ("2024") and PINs
    }
    let ascending = d.windows(2).all(|w| (w[0] + 1) % 10 == w[1]);
    let descending = d.windows(2).all(|w| (w[1] + 1) % 10 == w[0]);
    if ascending || descending || is_date(d) {
        return true;
    }
    // A repeated block of trivial digits: "123123", "20242024", "121212".
    (1..=n / 2).any(|b| n.is_multiple_of(b) && d.chunks(b).all(|c| c == &d[..b]) && trivial_digits(&d[..b]))
}

/// Six- or eight-digit dates in the usual orders (birthdays are the classic suffix).
fn is_date(d: &[u32]) -> bool {
    let num = |s: &[u32]| s.iter().fold(0, |acc, &x| acc * 10 + x);
    let dm = |day: u32, month: u32| (1..=31).contains(&day) && (1..=12).contains(&month);
    let year = |y: u32| (1900..=2099).contains(&y);
    match d.len() {
        8 => {
            (year(num(&d[..4])) && dm(num(&d[6..]), num(&d[4..6]))) // YYYYMMDD
                || (year(num(&d[4..])) && dm(num(&d[..2]), num(&d[2..4]))) // DDMMYYYY
                || (year(num(&d[4..])) && dm(num(&d[2..4]), num(&d[..2]))) // MMDDYYYY
        }
        6 => {
            dm(num(&d[..2]), num(&d[2..4])) // DDMMYY
                || dm(num(&d[2..4]), num(&d[..2])) // MMDDYY
                || dm(num(&d[4..]), num(&d[2..4])) // YYMMDD
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Strength meter (DESIGN §3: "show a strength meter")
// ---------------------------------------------------------------------------------------------

/// zxcvbn's estimate, for the meter only (it never decides the policy).
#[derive(Debug, Clone, Serialize)]
pub struct Strength {
    /// 0..=4, zxcvbn's score.
    pub score: u8,
    /// "Very weak", "Weak", "Fair", "Strong" or "Very strong".
    pub label: &'static str,
    /// log10 of the estimated guesses (0 for an empty password).
    pub guesses_log10: f64,
    pub warning: Option<String>,
    pub suggestions: Vec<String>,
    /// The same three as messages (`strength-<score>`, `strength-warning-…`, `strength-tip-…`),
    /// for the person's language.
    pub label_text: Text,
    pub warning_text: Option<Text>,
    pub suggestions_text: Vec<Text>,
}

/// Labels for zxcvbn scores 0..=4.
pub const STRENGTH_LABELS: [&str; 5] = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];
/// Their messages.
const STRENGTH_MESSAGES: [&str; 5] = ["strength-0", "strength-1", "strength-2", "strength-3", "strength-4"];

/// The message of one of zxcvbn's warnings (each variant named: a new one in a later zxcvbn
/// is a compile error here, not an untranslated sentence).
fn warning_message(w: zxcvbn::feedback::Warning) -> &'static str {
    use zxcvbn::feedback::Warning;
    match w {
        Warning::StraightRowsOfKeysAreEasyToGuess => "strength-warning-straight-rows",
        Warning::ShortKeyboardPatternsAreEasyToGuess => "strength-warning-short-keyboard-patterns",
        Warning::RepeatsLikeAaaAreEasyToGuess => "strength-warning-repeats",
        Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => "strength-warning-repeated-words",
        Warning::ThisIsATop10Password => "strength-warning-top-10",
        Warning::ThisIsATop100Password => "strength-warning-top-100",
        Warning::ThisIsACommonPassword => "strength-warning-common",
        Warning::ThisIsSimilarToACommonlyUsedPassword => "strength-warning-similar-to-common",
        Warning::SequencesLikeAbcAreEasyToGuess => "strength-warning-sequences",
        Warning::RecentYearsAreEasyToGuess => "strength-warning-recent-years",
        Warning::AWordByItselfIsEasyToGuess => "strength-warning-one-word",
        Warning::DatesAreOftenEasyToGuess => "strength-warning-dates",
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess => "strength-warning-names",
        Warning::CommonNamesAndSurnamesAreEasyToGuess => "strength-warning-common-names",
    }
}

/// The message of one of zxcvbn's suggestions.
fn suggestion_message(s: zxcvbn::feedback::Suggestion) -> &'static str {
    use zxcvbn::feedback::Suggestion;
    match s {
        Suggestion::UseAFewWordsAvoidCommonPhrases => "strength-tip-few-words",
        Suggestion::NoNeedForSymbolsDigitsOrUppercaseLetters => "strength-tip-no-need-for-symbols",
        Suggestion::AddAnotherWordOrTwo => "strength-tip-another-word",
        Suggestion::CapitalizationDoesntHelpVeryMuch => "strength-tip-capitals",
        Suggestion::AllUppercaseIsAlmostAsEasyToGuessAsAllLowercase => "strength-tip-all-uppercase",
        Suggestion::ReversedWordsArentMuchHarderToGuess => "strength-tip-reversed",
        Suggestion::PredictableSubstitutionsDontHelpVeryMuch => "strength-tip-substitutions",
        Suggestion::UseALongerKeyboardPatternWithMoreTurns => "strength-tip-longer-keyboard-pattern",
        Suggestion::AvoidRepeatedWordsAndCharacters => "strength-tip-avoid-repeats",
        Suggestion::AvoidSequences => "strength-tip-avoid-sequences",
        Suggestion::AvoidRecentYears => "strength-tip-avoid-recent-years",
        Suggestion::AvoidYearsThatAreAssociatedWithYou => "strength-tip-avoid-your-years",
        Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou => "strength-tip-avoid-your-dates",
    }
}

/// zxcvbn is super-linear in the length; the estimate only reads this many characters. The policy
/// itself always sees the whole password (DESIGN §3: never truncated).
pub const STRENGTH_MAX_CHARS: usize = 100;

/// Estimates strength with zxcvbn, telling it the person's login and name so that a password built
/// from them scores low.
#[must_use]
pub fn strength(password: &str, subject: &PolicySubject) -> Strength {
    let head = match password.char_indices().nth(STRENGTH_MAX_CHARS) {
        Some((at, _)) => &password[..at],
        None => password,
    };
    let inputs = strength_user_inputs(subject);
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let entropy = zxcvbn::zxcvbn(head, &inputs);
    let score = u8::from(entropy.score()).min(4);
    let feedback = entropy.feedback();
    Strength {
        score,
        label: STRENGTH_LABELS[usize::from(score)],
        // zxcvbn gives -inf for an empty password; JSON has no infinity.
        guesses_log10: if entropy.guesses_log10().is_finite() { entropy.guesses_log10() } else { 0.0 },
        warning: feedback.and_then(zxcvbn::feedback::Feedback::warning).map(|w| w.to_string()),
        suggestions: feedback.map(|f| f.suggestions().iter().map(ToString::to_string).collect()).unwrap_or_default(),
        label_text: Text::new(STRENGTH_MESSAGES[usize::from(score)]),
        warning_text: feedback.and_then(zxcvbn::feedback::Feedback::warning).map(|w| Text::new(warning_message(w))),
        suggestions_text: feedback
            .map(|f| f.suggestions().iter().map(|s| Text::new(suggestion_message(*s))).collect())
            .unwrap_or_default(),
    }
}

/// The login, its local part and the name tokens (two characters or more: a meter may be stricter
/// than the AD rule, and single letters would only add noise).
fn strength_user_inputs(subject: &PolicySubject) -> Vec<String> {
    let local = fold(login_local_part(subject.login));
    let name = fold(subject.full_name);
    let mut inputs: Vec<String> = [fold(subject.login), local.clone()]
        .into_iter()
        .chain(name.split(is_name_separator).map(str::to_owned))
        .chain(local.split(is_name_separator).map(str::to_owned))
        .filter(|t| t.chars().count() >= 2)
        .collect();
    inputs.sort_unstable();
    inputs.dedup();
    inputs
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::{Duration, Instant};

    const JOHN: PolicySubject<'static> =
        PolicySubject { login: "John_Tan@students.edu.sg", full_name: "John Tan Wei Ming" };
    const NOBODY: PolicySubject<'static> = PolicySubject { login: "", full_name: "" };

    fn check(password: &str, subject: &PolicySubject) -> Vec<RuleResult> {
        evaluate(&PolicyConfig::default(), password, subject)
    }

    fn ok(password: &str, id: &str) -> bool {
        ok_for(password, &JOHN, id)
    }

    fn ok_for(password: &str, subject: &PolicySubject, id: &str) -> bool {
        check(password, subject).into_iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no rule {id}")).ok
    }

    fn failing(password: &str, subject: &PolicySubject) -> Vec<&'static str> {
        check(password, subject).into_iter().filter(|r| !r.ok).map(|r| r.id).collect()
    }

    // --- shape of the checklist ---

    #[test]
    fn rules_come_in_the_guides_order_with_stable_ids() {
        let ids: Vec<&str> = check("Whatever", &JOHN).iter().map(|r| r.id).collect();
        assert_eq!(ids, RULE_IDS);
    }

    #[test]
    fn rule_texts_are_the_guides_words() {
        let texts: Vec<String> = check("x", &JOHN).into_iter().map(|r| r.text).collect();
        assert_eq!(
            texts,
            [
                "Password is case sensitive.",
                "Must be at least 12 characters long.",
                "The first character can not be a symbol (non letter or number).",
                "Must not include part of your name or user name.",
                "Must have at least three types of the following characters: Uppercase (A-Z), \
                 Lowercase (a-z), Number (0-9), Symbol (!, #, $, etc.)",
                "Must be at most 128 characters long.",
                "Must contain only printable characters.",
                "Must not be a commonly used password.",
            ]
        );
    }

    #[test]
    fn rule_texts_follow_the_configured_numbers() {
        let cfg = PolicyConfig { min_length: 14, max_length: 64, min_classes: 4, ..Default::default() };
        let rules = evaluate(&cfg, "x", &JOHN);
        assert_eq!(rules[1].text, "Must be at least 14 characters long.");
        assert!(rules[4].text.starts_with("Must have at least four types of"));
        assert_eq!(rules[5].text, "Must be at most 64 characters long.");
    }

    #[test]
    fn the_previous_password_rule_has_its_own_id_and_text() {
        assert_eq!(
            not_previous_rule(false),
            RuleResult {
                id: "not_previous",
                text: "Must not be your previous password.".into(),
                args: BTreeMap::new(),
                ok: false
            }
        );
        assert!(not_previous_rule(true).ok);
    }

    #[test]
    fn each_rule_carries_its_message_arguments_so_it_can_be_said_in_another_language() {
        let cfg = PolicyConfig { min_length: 14, ..Default::default() };
        for rule in evaluate(&cfg, "x", &JOHN) {
            // A front-end formats message `rule-<id>` with `args`: here the English catalogue.
            let wire = serde_json::json!({"id": format!("rule-{}", rule.id), "args": rule.args});
            assert_eq!(serde_json::from_value::<Text>(wire).unwrap().english(), rule.text);
        }
        let json = serde_json::to_string(&evaluate(&cfg, "x", &JOHN)[1]).unwrap();
        assert_eq!(
            json,
            r#"{"id":"min_length","text":"Must be at least 14 characters long.","args":{"count":14},"ok":false}"#
        );
    }

    #[test]
    fn rules_serialize_as_id_text_ok() {
        let json = serde_json::to_string(&not_previous_rule(true)).unwrap();
        assert_eq!(json, r#"{"id":"not_previous","text":"Must not be your previous password.","ok":true}"#);
    }

    // --- empty and good passwords, all_ok ---

    #[test]
    fn an_empty_password_ticks_only_the_note_and_is_not_too_long() {
        let rules = check("", &JOHN);
        for r in &rules {
            assert_eq!(r.ok, r.id == "case_sensitive" || r.id == "max_length", "{}", r.id);
        }
        assert!(!all_ok(&rules));
    }

    #[test]
    fn case_sensitivity_is_always_ticked() {
        for pw in ["", "a", "!!!", "Tulip-Harbor-4827"] {
            assert!(ok(pw, "case_sensitive"));
        }
    }

    #[test]
    fn a_good_password_passes_every_rule() {
        for pw in ["Tulip-Harbor-4827", "Correct Horse Battery Staple 9", "Xq7#mLp2$vR9", "9Lantern#Quay"] {
            let rules = check(pw, &JOHN);
            assert!(all_ok(&rules), "{pw}: {:?}", failing(pw, &JOHN));
        }
    }

    #[test]
    fn all_ok_needs_every_rule_met() {
        let mut rules = check("Tulip-Harbor-4827", &JOHN);
        assert!(all_ok(&rules));
        rules.push(not_previous_rule(false));
        assert!(!all_ok(&rules));
        rules.pop();
        rules.push(not_previous_rule(true));
        assert!(all_ok(&rules));
    }

    #[test]
    fn all_ok_of_no_rules_is_false() {
        assert!(!all_ok(&[]));
    }

    // --- min_length ---

    #[test]
    fn eleven_characters_is_too_short() {
        assert!(!ok("Abcdefgh12!", "min_length"));
    }

    #[test]
    fn exactly_twelve_characters_is_long_enough() {
        assert!(ok("Abcdefgh123!", "min_length"));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 11 two-byte characters are 22 bytes but still too short.
        assert!(!ok("Éééééééééé1", "min_length"));
        assert!(ok("Éééééééééé12", "min_length"));
        // Four-byte emoji count one each.
        assert!(!ok(&"😀".repeat(11), "min_length"));
        assert!(ok(&"😀".repeat(12), "min_length"));
        assert!(ok("日本語のパスワード123", "min_length"));
    }

    #[test]
    fn the_minimum_length_is_configurable() {
        let cfg = PolicyConfig { min_length: 16, ..Default::default() };
        let rules = evaluate(&cfg, "Tulip-Harbor-482", &JOHN);
        assert!(rules[1].ok);
        let rules = evaluate(&cfg, "Tulip-Harbor-48", &JOHN);
        assert!(!rules[1].ok);
    }

    // --- first_not_symbol ---

    #[test]
    fn a_symbol_first_is_refused() {
        assert!(!ok("!Abcdefgh1234", "first_not_symbol"));
        assert!(!ok("#Abcdefgh1234", "first_not_symbol"));
        assert!(!ok("_Abcdefgh1234", "first_not_symbol"));
    }

    #[test]
    fn a_space_first_is_refused() {
        assert!(!ok(" Abcdefgh1234", "first_not_symbol"));
    }

    #[test]
    fn a_digit_first_is_allowed() {
        assert!(ok("1Abcdefgh!xyz", "first_not_symbol"));
    }

    #[test]
    fn any_letter_first_is_allowed() {
        for pw in ["abcdefgh1234!", "Zebra", "Ñandú", "Жук", "日本", "שלום", "مرحبا"] {
            assert!(ok(pw, "first_not_symbol"), "{pw}");
        }
    }

    #[test]
    fn an_emoji_first_is_a_symbol() {
        assert!(!ok("😀Abcdefgh1234", "first_not_symbol"));
    }

    // --- no_name_parts ---

    #[test]
    fn a_full_name_token_is_refused_in_any_case() {
        for pw in ["Tulip-John-4827", "Tulip-TAN-4827", "Tulip-wEi-4827", "Tulip-Ming-4827"] {
            assert!(!ok(pw, "no_name_parts"), "{pw}");
        }
    }

    #[test]
    fn a_name_token_inside_a_longer_word_is_still_refused() {
        assert!(!ok("Sultana-Pear-4827", "no_name_parts")); // "tan" inside "sultana"
    }

    #[test]
    fn every_separator_splits_name_tokens() {
        for sep in [' ', '.', ',', '-', '_', '#', '\t'] {
            let name = format!("Alpha{sep}Bravo");
            let who = PolicySubject { login: "x@school.edu.sg", full_name: &name };
            assert!(!ok_for("Tulip-Alpha-4827", &who, "no_name_parts"), "{sep:?}");
            assert!(!ok_for("Tulip-Bravo-4827", &who, "no_name_parts"), "{sep:?}");
            assert!(ok_for("Tulip-Harbor-4827", &who, "no_name_parts"), "{sep:?}");
        }
    }

    #[test]
    fn login_tokens_are_split_on_the_same_separators() {
        for sep in [' ', '.', ',', '-', '_', '#', '\t'] {
            let login = format!("mei{sep}lingkoh@students.edu.sg");
            let who = PolicySubject { login: &login, full_name: "" };
            assert!(!ok_for("Tulip-Lingkoh-48", &who, "no_name_parts"), "{sep:?}");
            assert!(!ok_for("Tulip-Mei-4827", &who, "no_name_parts"), "{sep:?}");
        }
    }

    #[test]
    fn the_whole_login_local_part_is_refused() {
        // Its tokens "ab" and "cd" are too short to count, but the local part as a whole counts.
        let who = PolicySubject { login: "ab-cd@school.edu.sg", full_name: "" };
        assert!(!ok_for("Tulip-AB-CD-4827", &who, "no_name_parts"));
        assert!(ok_for("Tulip-Ab-Harbor-Cd-4827", &who, "no_name_parts"));
    }

    #[test]
    fn the_login_domain_is_not_a_name_part() {
        assert!(ok("Students-Harbor-4827", "no_name_parts"));
    }

    #[test]
    fn a_login_without_a_domain_is_used_whole() {
        let who = PolicySubject { login: "kohml", full_name: "" };
        assert!(!ok_for("Tulip-KOHML-4827", &who, "no_name_parts"));
    }

    #[test]
    fn two_character_tokens_are_ignored() {
        let who = PolicySubject { login: "li_ng@school.edu.sg", full_name: "Li Ng" };
        assert!(ok_for("Li-Ng-Harbor-4827", &who, "no_name_parts"));
    }

    #[test]
    fn three_character_tokens_count() {
        let who = PolicySubject { login: "x@school.edu.sg", full_name: "Li Tan" };
        assert!(!ok_for("Tulip-Tan-4827", &who, "no_name_parts"));
    }

    #[test]
    fn the_token_minimum_is_configurable() {
        let cfg = PolicyConfig { name_token_min: 2, ..Default::default() };
        let who = PolicySubject { login: "x@school.edu.sg", full_name: "Li Ng" };
        assert!(!evaluate(&cfg, "Tulip-Li-Harbor-48", &who)[3].ok);
    }

    #[test]
    fn accented_names_match_whatever_their_unicode_form() {
        let who = PolicySubject { login: "x@school.edu.sg", full_name: "Zoë Müller" };
        assert!(!ok_for("Tulip-MÜLLER-4827", &who, "no_name_parts"));
        assert!(!ok_for("Tulip-Mu\u{308}ller-4827", &who, "no_name_parts")); // decomposed ü
        assert!(!ok_for("Tulip-ＭＵＬＬＥＲ-ü", &PolicySubject { login: "muller", full_name: "" }, "no_name_parts"));
    }

    #[test]
    fn a_subject_without_name_or_login_refuses_nothing() {
        assert!(ok_for("Tulip-Harbor-4827", &NOBODY, "no_name_parts"));
    }

    // --- three_classes ---

    #[test]
    fn any_three_of_the_four_classes_are_enough() {
        for pw in [
            "Abcdefgh1234", // upper, lower, digit
            "Abcdefgh!@#$", // upper, lower, symbol
            "ABCDEFGH12#$", // upper, digit, symbol
            "abcdefgh12#$", // lower, digit, symbol
        ] {
            assert!(ok(pw, "three_classes"), "{pw}");
        }
    }

    #[test]
    fn all_four_classes_are_enough() {
        assert!(ok("Abcdefgh12#$", "three_classes"));
    }

    #[test]
    fn only_two_classes_are_refused() {
        for pw in [
            "ABCDEFghijkl", // upper, lower
            "ABCDEF123456", // upper, digit
            "ABCDEF!@#$%^", // upper, symbol
            "abcdef123456", // lower, digit
            "abcdef!@#$%^", // lower, symbol
            "123456!@#$%^", // digit, symbol
        ] {
            assert!(!ok(pw, "three_classes"), "{pw}");
        }
    }

    #[test]
    fn one_class_is_refused() {
        assert!(!ok("abcdefghijkl", "three_classes"));
    }

    #[test]
    fn a_space_counts_as_a_symbol() {
        assert!(ok("Abcdefgh ijk", "three_classes"));
    }

    #[test]
    fn letters_without_case_count_as_neither_upper_nor_lower() {
        assert!(!ok("日本語日本語日本語12!", "three_classes")); // digit, symbol only
        assert!(ok("日本語Abc12345", "three_classes")); // upper, lower, digit
    }

    #[test]
    fn non_ascii_upper_and_lower_case_letters_count() {
        assert!(ok("Éléphantçà12", "three_classes"));
    }

    #[test]
    fn the_class_count_is_configurable() {
        let cfg = PolicyConfig { min_classes: 4, ..Default::default() };
        assert!(!evaluate(&cfg, "Abcdefgh1234", &JOHN)[4].ok);
        assert!(evaluate(&cfg, "Abcdefgh123!", &JOHN)[4].ok);
    }

    // --- max_length ---

    #[test]
    fn exactly_128_characters_is_allowed() {
        let pw = format!("Tulip-Harbor-{}", "x".repeat(128 - 13));
        assert_eq!(pw.chars().count(), 128);
        assert!(all_ok(&check(&pw, &JOHN)), "{:?}", failing(&pw, &JOHN));
    }

    #[test]
    fn characters_129_are_refused_not_truncated() {
        let pw = format!("Tulip-Harbor-{}", "x".repeat(129 - 13));
        assert_eq!(pw.chars().count(), 129);
        let rules = check(&pw, &JOHN);
        assert!(!rules[5].ok);
        assert!(!all_ok(&rules));
    }

    #[test]
    fn the_maximum_counts_characters_not_bytes() {
        assert!(ok(&format!("A1{}", "é".repeat(126)), "max_length")); // 254 bytes, 128 chars
    }

    #[test]
    fn a_megabyte_password_is_refused_quickly() {
        let pw = format!("Aa1!{}", "é".repeat(512 * 1024));
        let start = Instant::now();
        let rules = check(&pw, &JOHN);
        let took = start.elapsed();
        assert!(took < Duration::from_millis(500), "took {took:?}");
        let by_id = |id: &str| rules.iter().find(|r| r.id == id).unwrap().ok;
        assert!(!by_id("max_length"));
        assert!(by_id("min_length"));
        assert!(by_id("first_not_symbol"));
        assert!(by_id("three_classes"));
        assert!(by_id("printable"));
        // Not verified for an input that is refused anyway: never a tick for an unchecked rule.
        assert!(!by_id("no_name_parts"));
        assert!(!by_id("not_common"));
        assert!(!all_ok(&rules));
    }

    #[test]
    fn a_megabyte_password_gets_a_quick_strength_estimate() {
        let pw = "Zq8#".repeat(256 * 1024);
        let start = Instant::now();
        let s = strength(&pw, &JOHN);
        assert!(start.elapsed() < Duration::from_secs(5));
        assert!(s.score <= 4);
    }

    // --- printable ---

    #[test]
    fn control_characters_are_refused() {
        for c in ['\t', '\0', '\n', '\r', '\u{7f}', '\u{85}', '\u{9b}', '\u{1b}'] {
            let pw = format!("Tulip{c}Harbor-4827");
            assert!(!ok(&pw, "printable"), "{c:?}");
        }
    }

    #[test]
    fn line_separators_replacement_and_noncharacters_are_refused() {
        for c in ['\u{2028}', '\u{2029}', '\u{FFFD}', '\u{FDD0}', '\u{FFFE}', '\u{FFFF}', '\u{10FFFF}'] {
            let pw = format!("Tulip{c}Harbor-4827");
            assert!(!ok(&pw, "printable"), "{c:?}");
        }
    }

    #[test]
    fn emoji_accents_cjk_and_right_to_left_letters_are_printable() {
        for pw in [
            "Tulip-Harbor-4827-😀",
            "Family👩‍👩‍👧 Harbor 9", // ZWJ sequence
            "Crème-Brûlée-Ñandú-4",
            "港口郁金香-Harbor-4827",
            "שלום-Harbor-4827",
            "مرحبا-Harbor-4827",
            "می‌خواهم-Harbor-4827", // Persian with ZWNJ
            "Tulip Harbor 4827",
        ] {
            assert!(ok(pw, "printable"), "{pw}");
            assert!(all_ok(&check(pw, &JOHN)), "{pw}: {:?}", failing(pw, &JOHN));
        }
    }

    // --- not_common ---

    #[test]
    fn the_bundled_list_is_loaded_whole() {
        assert_eq!(COMMON.words.len(), 30_000 + CONTEXT_WORDS.len());
        assert!(COMMON.words.iter().all(|w| w.chars().count() >= MIN_CORE && fold(w) == *w));
        assert!(COMMON.contains("password") && COMMON.contains("qwertyuiop") && COMMON.contains("pic's"));
    }

    #[test]
    fn common_passwords_that_meet_the_guides_rules_are_refused() {
        for pw in [
            "Password1234!",
            "Qwerty123456!",
            "Qwertyuiop123",
            "P@ssw0rd2024!",
            "Welcome2024!!",
            "Iloveyou1234",
            "Sunshine!2023",
            "1Football1234",
            "Passw0rd1234",
            "Dragon 123456789",
            "Monkey12345678!",
            "Letmein!@#$12",
            "Baseball01012010",
            "Superman123123",
            "Gatehouse2024!",
            "Singapore@2025",
        ] {
            // The guides' own rules are all met: only the common list catches these.
            assert_eq!(failing(pw, &JOHN), ["not_common"], "{pw}");
        }
    }

    #[test]
    fn common_words_are_matched_case_insensitively_and_as_a_whole() {
        for pw in ["PASSWORD", "password", "PaSsWoRd", "qwertyuiop", "1qaz2wsx", "ｐａｓｓｗｏｒｄ"] {
            assert!(is_common_password(pw), "{pw}");
        }
    }

    #[test]
    fn reversed_repeated_and_l33t_common_words_are_refused() {
        for pw in ["Drowssap1234!", "MonkeyMonkey12!", "P4$$w0rd2024", "5unsh1ne2024!", "Dr@g0n123456"] {
            assert!(!ok(pw, "not_common"), "{pw}");
        }
    }

    #[test]
    fn genuinely_good_passwords_are_not_common() {
        for pw in [
            "Tulip-Harbor-4827",
            "Correct Horse Battery Staple 9",
            "Xq7#mLp2$vR9",
            "Monkey8x3!q7Z#k9", // list word, but the rest is random and holds letters
            "Sunshine93718264", // a list word with random digits: left to the strength meter
            "Horse Lantern 47",
            "7Harbor-Tulip!",
        ] {
            assert!(ok(pw, "not_common"), "{pw}");
        }
    }

    #[test]
    fn trivial_decoration_is_short_sequential_repeated_or_a_date() {
        let digits = |s: &str| s.chars().filter_map(|c| c.to_digit(10)).collect::<Vec<u32>>();
        for d in ["", "1", "2024", "123456789", "0987654", "7777777", "123123", "20240131", "311299"] {
            assert!(trivial_digits(&digits(d)), "{d}");
        }
        for d in ["93718264", "583920", "12345679"] {
            assert!(!trivial_digits(&digits(d)), "{d}");
        }
        assert!(trivial_symbols("!!!!!!") && trivial_symbols("!@#$%") && trivial_symbols("#?!"));
        assert!(!trivial_symbols("#?!%"));
    }

    // --- strength ---

    #[test]
    fn the_strength_meters_words_are_messages_whose_english_is_zxcvbns() {
        let mut seen = (0, 0);
        for p in [
            "password",
            "qwertyuiop",
            "aaaaaaaa",
            "abcabcabc",
            "abcdef",
            "2019",
            "John",
            "Password1",
            "P@ssw0rd",
            "01/02/2003",
            "drowssap",
            "ASDFGHJK",
        ] {
            let s = strength(p, &NOBODY);
            assert_eq!(s.label_text.english(), s.label, "{p}");
            assert_eq!(s.warning_text.as_ref().map(Text::english), s.warning, "{p}");
            assert_eq!(s.suggestions_text.iter().map(Text::english).collect::<Vec<_>>(), s.suggestions, "{p}");
            seen.0 += usize::from(s.warning.is_some());
            seen.1 += s.suggestions.len();
        }
        assert!(seen.0 >= 5 && seen.1 >= 8, "the passwords above meet many of zxcvbn's sentences: {seen:?}");
    }

    #[test]
    fn a_long_random_password_is_stronger_than_a_common_one() {
        let weak = strength("Password1234", &NOBODY);
        let strong = strength("vT8#qL2!mZ7@rX4$", &NOBODY);
        assert!(strong.score > weak.score, "{weak:?} vs {strong:?}");
        assert!(strong.guesses_log10 > weak.guesses_log10);
        assert_eq!(strong.label, "Very strong");
        assert!(weak.score <= 1);
    }

    #[test]
    fn strength_labels_follow_the_score() {
        for pw in ["", "abc", "Password1234", "Tulip-Harbor-4827", "vT8#qL2!mZ7@rX4$"] {
            let s = strength(pw, &JOHN);
            assert_eq!(s.label, STRENGTH_LABELS[usize::from(s.score)]);
        }
    }

    #[test]
    fn an_empty_password_is_very_weak_with_a_finite_estimate() {
        let s = strength("", &JOHN);
        assert_eq!((s.score, s.label), (0, "Very weak"));
        assert_eq!(s.guesses_log10, 0.0);
        assert!(serde_json::to_string(&s).is_ok());
    }

    #[test]
    fn the_persons_own_name_weakens_the_estimate() {
        let pw = "JohnTanWeiMing";
        assert!(strength(pw, &JOHN).guesses_log10 < strength(pw, &NOBODY).guesses_log10);
    }

    #[test]
    fn a_weak_password_gets_feedback() {
        let s = strength("password", &NOBODY);
        assert!(s.warning.is_some() || !s.suggestions.is_empty());
    }

    // --- configuration ---

    #[test]
    fn defaults_are_the_guides_numbers() {
        let cfg = PolicyConfig::default();
        assert_eq!((cfg.min_length, cfg.max_length, cfg.min_classes, cfg.name_token_min), (12, 128, 3, 3));
        assert!(cfg.validate().is_ok());
    }

    #[test]
    fn a_partial_toml_section_keeps_the_other_defaults() {
        let cfg: PolicyConfig = toml::from_str("min_length = 14").unwrap();
        assert_eq!(cfg, PolicyConfig { min_length: 14, ..Default::default() });
    }

    #[test]
    fn an_unknown_setting_is_refused() {
        assert!(toml::from_str::<PolicyConfig>("min_lenght = 14").is_err());
    }

    #[test]
    fn impossible_settings_are_refused() {
        let bad = [
            PolicyConfig { min_length: 0, ..Default::default() },
            PolicyConfig { min_length: 20, max_length: 16, ..Default::default() },
            PolicyConfig { min_classes: 0, ..Default::default() },
            PolicyConfig { min_classes: 5, ..Default::default() },
            PolicyConfig { name_token_min: 0, ..Default::default() },
        ];
        for cfg in bad {
            assert!(cfg.validate().is_err(), "{cfg:?}");
        }
    }

    #[test]
    fn a_minimum_below_eight_or_a_maximum_above_1024_is_refused_and_the_bounds_themselves_are_accepted() {
        let with = |min_length, max_length| PolicyConfig { min_length, max_length, ..Default::default() };
        let e = with(7, 128).validate().unwrap_err();
        assert!(e.contains("password_policy.min_length") && e.contains("at least 8"), "{e}");
        let e = with(12, 1025).validate().unwrap_err();
        assert!(e.contains("max_length <= 1024") && e.contains("1025"), "{e}");
        assert!(with(8, 8).validate().is_ok());
        assert!(with(8, 1024).validate().is_ok());
    }

    // --- properties ---

    proptest! {
        #[test]
        fn evaluate_never_panics_and_always_returns_every_rule(pw in any::<String>(), name in any::<String>(), login in any::<String>()) {
            let who = PolicySubject { login: &login, full_name: &name };
            let rules = evaluate(&PolicyConfig::default(), &pw, &who);
            let ids: Vec<&str> = rules.iter().map(|r| r.id).collect();
            prop_assert_eq!(ids, RULE_IDS);
        }

        #[test]
        fn a_password_that_passes_is_long_enough_and_starts_with_a_letter_or_digit(
            pw in prop_oneof![any::<String>(), "[A-Za-z0-9!#$ é日😀-]{0,24}", "\\PC{8,20}"]
        ) {
            if all_ok(&evaluate(&PolicyConfig::default(), &pw, &JOHN)) {
                prop_assert!(pw.chars().count() >= 12);
                prop_assert!(pw.chars().next().is_some_and(char::is_alphanumeric));
                prop_assert!(pw.chars().count() <= 128);
                prop_assert!(pw.chars().all(|c| !c.is_control()));
            }
        }

        #[test]
        fn strength_never_panics(pw in "\\PC{0,40}") {
            let s = strength(&pw, &JOHN);
            prop_assert!(s.score <= 4 && s.guesses_log10.is_finite());
        }
    }
}
