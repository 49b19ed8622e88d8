//! Newtypes for the identity domain, so a login ID, an email and a display name cannot be swapped
//! by accident, and secrets that zeroize on drop and never print in clear.

use std::fmt;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::Error;
use crate::text::Text;

/// Database row id of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(pub i64);

/// Number of a location transfer request (shown as `#12`; a plain number on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TransferId(pub i64);

impl fmt::Display for TransferId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Row id of an authenticator (a soft or hard token; a plain number on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AuthenticatorId(pub i64);

impl fmt::Display for AuthenticatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A login ID as typed, e.g. `John_Tan@students.edu.sg`. Comparison is case-insensitive:
/// [`LoginId::key`] is the lower-cased form the store indexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LoginId(String);

impl LoginId {
    /// Accepts anything shaped like `local@domain` (trimmed). Kind-specific rules are in
    /// [`AccountKind::check_login`].
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Error::invalid("login", Text::new("login-empty")));
        }
        if s.chars().count() > 254 {
            return Err(Error::invalid("login", Text::new("login-too-long").num("count", 254)));
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err(Error::invalid("login", Text::new("login-shape")));
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '\''))
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        let domain_ok = is_domain(domain);
        if !local_ok || !domain_ok {
            return Err(Error::invalid("login", Text::new("login-characters")));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive key the store looks accounts up by.
    pub fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }

    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map(|(l, _)| l).unwrap_or(&self.0)
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or("")
    }

    /// Rebuilds from a value the store wrote, which was validated on the way in.
    pub(crate) fn from_trusted(s: String) -> Self {
        Self(s)
    }
}

impl fmt::Display for LoginId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

/// An email address (work email for OTPs and notifications).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let s = raw.trim();
        let valid = s.len() <= 254
            && s.rsplit_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && local.len() <= 64
                    && local.chars().all(|c| c.is_ascii_graphic() && c != '@' && c != '"')
                    && is_domain(domain)
            });
        if !valid {
            return Err(Error::invalid("work_email", Text::new("email-invalid")));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn from_trusted(s: String) -> Self {
        Self(s)
    }

    /// `j•••@ces.gov.sg`: enough for the owner to recognise, not enough to harvest.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let first: String = local.chars().take(1).collect();
        format!("{first}•••@{domain}")
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's full name as the school records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FullName(String);

impl FullName {
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Error::invalid("name", Text::new("name-empty")));
        }
        if s.chars().count() > 200 || s.chars().any(char::is_control) {
            return Err(Error::invalid("name", Text::new("name-too-long").num("count", 200)));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn from_trusted(s: String) -> Self {
        Self(s)
    }
}

/// School or division code, e.g. `5521` or `ICON`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Location(String);

impl Location {
    pub fn parse(raw: &str) -> Result<Self, Error> {
        let s = raw.trim();
        if s.is_empty() || s.len() > 32 || !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')) {
            return Err(Error::invalid("location", Text::new("location-invalid").num("max", 32)));
        }
        Ok(Self(s.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn from_trusted(s: String) -> Self {
        Self(s)
    }
}

/// A student's class within their school, e.g. `4A` or `Sec 3 Integrity`: up to 24 characters,
/// letters, digits, spaces, `-`, `_` and `.`, starting with a letter or digit. Kept as typed
/// (inner spaces collapsed); two labels that differ only in ASCII case are the same class.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClassLabel(String);

impl ClassLabel {
    pub const MAX: usize = 24;

    pub fn parse(raw: &str) -> Result<Self, Error> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let ok = s.len() <= Self::MAX
            && s.starts_with(|c: char| c.is_ascii_alphanumeric())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'));
        if !ok {
            return Err(Error::invalid("class", Text::new("class-invalid").num("max", Self::MAX)));
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The next year's class: its first number one up (`3A` → `4A`, `Sec 3 Integrity` →
    /// `Sec 4 Integrity`); `None` for a label without a number.
    pub fn advanced(&self) -> Option<Self> {
        let s = self.0.as_str();
        let prefix = s.find(|c: char| c.is_ascii_digit())?;
        let digits = s[prefix..].find(|c: char| !c.is_ascii_digit()).map_or(s.len(), |n| prefix + n);
        let next = s[prefix..digits].parse::<u32>().ok()?.checked_add(1)?;
        Self::parse(&format!("{}{next}{}", &s[..prefix], &s[digits..])).ok()
    }

    pub(crate) fn from_trusted(s: String) -> Self {
        Self(s)
    }
}

impl PartialEq for ClassLabel {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for ClassLabel {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Student,
    SchoolStaff,
    HqStaff,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Student => "student",
            Self::SchoolStaff => "school_staff",
            Self::HqStaff => "hq_staff",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Error> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "student" => Ok(Self::Student),
            "school_staff" => Ok(Self::SchoolStaff),
            "hq_staff" => Ok(Self::HqStaff),
            _ => Err(Error::invalid("kind", Text::new("kind-invalid"))),
        }
    }

    pub fn is_staff(self) -> bool {
        !matches!(self, Self::Student)
    }

    /// Checks that `login` ends with `@expected`, the domain configured for this kind (the
    /// guides': students `@students.edu.sg`, school staff `@schools.gov.sg`, HQ staff
    /// `@hq.moe.gov.sg`; see [`crate::config::DomainsConfig::domain_for`]).
    pub fn check_login(self, login: &LoginId, expected: &str) -> Result<(), Error> {
        if login.domain().eq_ignore_ascii_case(expected) {
            Ok(())
        } else {
            Err(Error::invalid(
                "login",
                Text::new("login-wrong-domain").arg("kind", self.as_str()).arg("domain", expected),
            ))
        }
    }
}

/// School level of a student (student guide p.12–14 decides the apps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    P1_3,
    P4_6,
    Secondary,
    JcMi,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::P1_3 => "p1_3",
            Self::P4_6 => "p4_6",
            Self::Secondary => "secondary",
            Self::JcMi => "jc_mi",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Error> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "p1_3" => Ok(Self::P1_3),
            "p4_6" => Ok(Self::P4_6),
            "secondary" => Ok(Self::Secondary),
            "jc_mi" => Ok(Self::JcMi),
            _ => Err(Error::invalid("level", Text::new("level-invalid"))),
        }
    }
}

/// Administrator flags on staff accounts (DESIGN §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Student Administrator: students of their location.
    Sa,
    /// Local Administrator: staff of their location.
    La,
    /// Approving Officer: approves location transfers.
    Ao,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sa => "sa",
            Self::La => "la",
            Self::Ao => "ao",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Error> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "sa" => Ok(Self::Sa),
            "la" => Ok(Self::La),
            "ao" => Ok(Self::Ao),
            _ => Err(Error::invalid("roles", Text::new("role-invalid"))),
        }
    }

    /// Parses a list such as `sa;la` or `sa la` (CSV cells) into a sorted, de-duplicated set.
    pub fn parse_list(raw: &str) -> Result<Vec<Role>, Error> {
        let mut roles = raw
            .split(|c: char| c == ';' || c == ',' || c == '|' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(Role::parse)
            .collect::<Result<Vec<_>, _>>()?;
        roles.sort();
        roles.dedup();
        Ok(roles)
    }
}

/// A password or answer typed by a person. Zeroized on drop, never printed.
#[derive(Clone, Zeroize, ZeroizeOnDrop, Deserialize, Default)]
#[serde(transparent)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(s: String) -> Self {
        Self(s)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SecretString {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_ids_compare_case_insensitively_through_their_key() {
        let a = LoginId::parse(" John_Tan@Students.edu.sg ").unwrap();
        assert_eq!(a.key(), "john_tan@students.edu.sg");
        assert_eq!(a.local_part(), "John_Tan");
    }

    #[test]
    fn a_login_without_at_sign_or_with_odd_characters_is_refused() {
        for bad in ["", "john", "john@", "@students.edu.sg", "jo hn@students.edu.sg", "a@b", "x;drop@a.b", "a..b@c.de"]
        {
            assert!(LoginId::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn a_login_must_fit_its_kind() {
        let (d_student, d_staff, d_hq) = ("students.edu.sg", "schools.gov.sg", "hq.moe.gov.sg");
        let student = LoginId::parse("Ada_Lim@students.edu.sg").unwrap();
        let staff = LoginId::parse("grace_lee@schools.gov.sg").unwrap();
        let hq = LoginId::parse("henry@hq.moe.gov.sg").unwrap();
        assert!(AccountKind::Student.check_login(&student, d_student).is_ok());
        assert!(AccountKind::Student.check_login(&staff, d_student).is_err());
        assert!(AccountKind::SchoolStaff.check_login(&staff, d_staff).is_ok());
        assert!(AccountKind::HqStaff.check_login(&hq, d_hq).is_ok());
        let err = AccountKind::HqStaff.check_login(&staff, d_hq).unwrap_err();
        assert!(err.to_string().contains("@hq.moe.gov.sg"));
    }

    #[test]
    fn a_transfer_id_is_a_plain_number_on_the_wire_and_in_messages() {
        assert_eq!(serde_json::to_string(&TransferId(12)).unwrap(), "12");
        assert_eq!(serde_json::from_str::<TransferId>("12").unwrap(), TransferId(12));
        assert!(serde_json::from_str::<TransferId>("\"12\"").is_err());
        assert_eq!(format!("#{}", TransferId(12)), "#12");
    }

    #[test]
    fn an_authenticator_id_is_a_plain_number_on_the_wire() {
        assert_eq!(serde_json::to_string(&AuthenticatorId(7)).unwrap(), "7");
        assert_eq!(serde_json::from_str::<AuthenticatorId>("7").unwrap(), AuthenticatorId(7));
        assert!(serde_json::from_str::<AuthenticatorId>("\"7\"").is_err());
        assert_eq!(AuthenticatorId(7).to_string(), "7");
    }

    #[test]
    fn email_addresses_are_masked_to_the_first_letter() {
        let e = EmailAddress::parse("jane.doe@ces.gov.sg").unwrap();
        assert_eq!(e.masked(), "j•••@ces.gov.sg");
    }

    #[test]
    fn secret_strings_never_print_their_content() {
        let s = SecretString::from("Hunter2-Secret");
        assert!(!format!("{s:?}").contains("Hunter2"));
    }

    #[test]
    fn roles_parse_from_a_list_sorted_and_deduplicated() {
        assert_eq!(Role::parse_list("la; sa,la").unwrap(), vec![Role::Sa, Role::La]);
        assert!(Role::parse_list("boss").is_err());
    }
}
