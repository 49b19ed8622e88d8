//! The TOML configuration. Defaults live in one place, `default-config.toml` (compiled in and
//! written out by `gatehouse-cli config init`); a user file is merged onto them key by key.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::Error;
use crate::policy::PolicyConfig;
use crate::types::{AccountKind, Level, LoginId, SecretString};

/// The documented default configuration file.
pub const DEFAULT_CONFIG_TOML: &str = include_str!("default-config.toml");

/// Name of the configuration file inside the data directory.
pub const CONFIG_FILE_NAME: &str = "gatehouse.toml";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub branding: BrandingConfig,
    pub domains: DomainsConfig,
    pub password_policy: PolicyConfig,
    pub lockout: LockoutConfig,
    pub temporary_password: TemporaryPasswordConfig,
    pub questions: QuestionsConfig,
    pub help: HelpConfig,
    pub storage: StorageConfig,
    pub two_factor: TwoFactorConfig,
    pub secrets: SecretsConfig,
    pub smtp: SmtpConfig,
    pub kiosk: KioskConfig,
    pub dashboard: DashboardConfig,
    pub server: ServerConfig,
    pub locale: LocaleConfig,
    pub oidc: OidcConfig,
    pub saml: SamlConfig,
}

/// Gatehouse as a SAML 2.0 identity provider (issue 18 §1) on `gatehouse-server`, for the apps
/// that speak SAML — Google Workspace's third-party single sign-on above all.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamlConfig {
    /// PEM files of the signing certificate and its RSA private key, relative to the
    /// configuration's directory (the certificate is what an app is given, or reads from the
    /// metadata).
    pub signing_certificate: String,
    pub signing_key: String,
    /// Minutes an assertion may be presented to its app.
    pub assertion_minutes: u32,
    pub apps: Vec<SamlApp>,
}

/// One app (service provider) that trusts the school's Gatehouse over SAML.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamlApp {
    /// Its entity id (the `Issuer` of its requests, the `Audience` of its assertions).
    pub entity_id: String,
    pub name: String,
    /// Its assertion consumer service URL: the only address an assertion is posted to.
    pub acs_url: String,
    /// What the assertion's NameID is: `login` (the login ID, which is the iCON address).
    #[serde(default = "login")]
    pub name_id: String,
    /// Who may use it, as the dashboard's apps say it.
    #[serde(rename = "for")]
    pub audiences: Vec<String>,
}

fn login() -> String {
    "login".into()
}

impl SamlConfig {
    fn validate(&self) -> Result<(), Error> {
        let bad = |m: String| Err(Error::Config(format!("saml.{m}")));
        if !(1..=60).contains(&self.assertion_minutes) {
            return bad("assertion_minutes must be 1 to 60".into());
        }
        if !self.apps.is_empty() && (self.signing_certificate.trim().is_empty() || self.signing_key.trim().is_empty()) {
            return bad("signing_certificate and signing_key must name PEM files when apps are registered".into());
        }
        let mut ids = std::collections::BTreeSet::new();
        for a in &self.apps {
            if a.entity_id.trim().is_empty() || !ids.insert(&a.entity_id) {
                return bad(format!("apps: {:?} must be an entity id, once", a.entity_id));
            }
            if !redirect_uri_ok(&a.acs_url) {
                return bad(format!(
                    "apps {:?}: acs_url must be an https:// address (or http:// on the loopback)",
                    a.entity_id
                ));
            }
            if a.name_id != "login" {
                return bad(format!("apps {:?}: name_id must be \"login\"", a.entity_id));
            }
            if a.audiences.is_empty() || a.audiences.iter().any(|x| !AUDIENCES.contains(&x.as_str())) {
                return bad(format!("apps {:?}: for must list some of {}", a.entity_id, AUDIENCES.join(", ")));
            }
        }
        Ok(())
    }
}

/// Gatehouse as an OpenID Connect provider (issue 18 §2) on `gatehouse-server`: the keys that
/// sign ID tokens and the apps (relying parties) that trust them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcConfig {
    /// PEM files of ECDSA P-256 private keys (PKCS#8), relative to the configuration's
    /// directory: the first signs, every one is published (rotation: add the new key second,
    /// move it first once apps have fetched it, remove the old one after the longest token).
    pub signing_keys: Vec<String>,
    /// Minutes an ID token (and its access token) is valid.
    pub token_minutes: u32,
    pub clients: Vec<OidcClient>,
}

/// One app registered with the school's Gatehouse.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcClient {
    /// The `client_id` the app sends.
    pub id: String,
    /// Its name, for the audit log and the people who run it.
    pub name: String,
    /// The only addresses a sign-in returns to, compared exactly: `https://`, or `http://` on
    /// this machine's loopback (RFC 8252 §7.3).
    pub redirect_uris: Vec<String>,
    /// Where the app's "Sign out" may send the browser once Gatehouse has signed the person out
    /// (`post_logout_redirect_uri`, OpenID Connect RP-Initiated Logout), compared exactly.
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// Where Gatehouse tells the app, server to server, that a person signed out (OpenID Connect
    /// Back-Channel Logout: a signed logout token naming the session, `sid`); empty: not told.
    #[serde(default)]
    pub backchannel_logout_uri: String,
    /// Who may use it, as the dashboard's apps say it: `p1_3`, `p4_6`, `secondary`, `jc_mi`,
    /// `staff`.
    #[serde(rename = "for")]
    pub audiences: Vec<String>,
    /// A file holding the client's secret (a confidential app, `client_secret_basic` or
    /// `_post`); empty for a public app, which proves itself by PKCE alone.
    #[serde(default)]
    pub secret_file: String,
    /// `true`: the school's own app, no consent screen. `false`, the default (another vendor's
    /// app, or one nobody said is the school's): the person is asked, once per Gatehouse
    /// sign-in, whether it may know who they are.
    #[serde(default)]
    pub first_party: bool,
}

impl OidcConfig {
    fn validate(&self) -> Result<(), Error> {
        let bad = |m: String| Err(Error::Config(format!("oidc.{m}")));
        if !(1..=60).contains(&self.token_minutes) {
            return bad("token_minutes must be 1 to 60".into());
        }
        if !self.clients.is_empty() && self.signing_keys.iter().all(|k| k.trim().is_empty()) {
            return bad("signing_keys must name a key file when apps are registered".into());
        }
        let mut ids = std::collections::BTreeSet::new();
        for c in &self.clients {
            if c.id.trim().is_empty()
                || c.id.chars().any(|ch| ch.is_whitespace() || ch.is_control())
                || !ids.insert(&c.id)
            {
                return bad(format!("clients: {:?} must be a client id without spaces, once", c.id));
            }
            if c.redirect_uris.is_empty()
                || c.redirect_uris.iter().chain(&c.post_logout_redirect_uris).any(|u| !redirect_uri_ok(u))
                || !(c.backchannel_logout_uri.is_empty() || redirect_uri_ok(&c.backchannel_logout_uri))
            {
                return bad(format!(
                    "clients {:?}: redirect_uris (and the other addresses) must be https:// addresses (or http:// on 127.0.0.1, [::1] or localhost) without a fragment",
                    c.id
                ));
            }
            if c.audiences.is_empty() || c.audiences.iter().any(|a| !AUDIENCES.contains(&a.as_str())) {
                return bad(format!("clients {:?}: for must list some of {}", c.id, AUDIENCES.join(", ")));
            }
        }
        Ok(())
    }
}

/// A redirect URI an app may register: `https://host…`, or `http://` on the loopback for an
/// app on the person's own machine; never with a fragment (RFC 6749 §3.1.2).
fn redirect_uri_ok(uri: &str) -> bool {
    let (loopback_only, rest) = match (uri.strip_prefix("https://"), uri.strip_prefix("http://")) {
        (Some(rest), _) => (false, rest),
        (None, Some(rest)) => (true, rest),
        _ => return false,
    };
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().map(|h| format!("[{h}]")).unwrap_or_default(),
        None => authority.split(':').next().unwrap_or("").to_owned(),
    };
    let fine = !host.is_empty() && !authority.contains('@') && !uri.contains('#');
    fine && !uri.chars().any(|c| c.is_whitespace() || c.is_control())
        && (!loopback_only || matches!(host.as_str(), "127.0.0.1" | "[::1]" | "localhost"))
}

/// How times reach people (issue 15): in the school's time zone, in the locale's format.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocaleConfig {
    /// An IANA time zone name (`Asia/Singapore`, `Europe/London`, `UTC`).
    pub timezone: String,
    /// The language a window starts in and the next person on a kiosk starts in, and that of
    /// mails and slips for a person who never chose one: `en`, `zh-Hans`, `ms` or `ta`.
    pub default_language: String,
}

impl LocaleConfig {
    /// `default_language`, checked at start (`validate`), so English only for a config built
    /// without validating.
    pub fn language(&self) -> crate::text::Language {
        crate::text::Language::parse(&self.default_language).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandingConfig {
    pub organisation: String,
    pub portal_name: String,
    pub sspr_title: String,
    pub workspace_name: String,
    /// `#rrggbb`, at least 4.5:1 against white (checked by `validate`).
    pub primary_colour: String,
    /// `#rrggbb`, decorative.
    pub accent_colour: String,
    /// A PNG or SVG file (relative to the data directory or absolute); empty for none.
    pub logo: String,
    /// Font files for the printed slips' regular and bold text, tried in order for each
    /// character (`path#N`: face N of a collection); empty for the built-in list.
    pub slip_fonts: Vec<String>,
    pub slip_bold_fonts: Vec<String>,
}

/// Lab kiosk mode (DESIGN §6).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KioskConfig {
    pub enabled: bool,
    pub idle_seconds: u32,
    pub countdown_seconds: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainsConfig {
    pub student: String,
    pub school_staff: String,
    pub hq_staff: String,
    pub icon_staff: String,
}

impl Default for DomainsConfig {
    fn default() -> Self {
        Config::default().domains
    }
}

impl DomainsConfig {
    /// The domain every login ID of `kind` ends with (`@students.edu.sg` for students).
    pub fn domain_for(&self, kind: AccountKind) -> &str {
        match kind {
            AccountKind::Student => &self.student,
            AccountKind::SchoolStaff => &self.school_staff,
            AccountKind::HqStaff => &self.hq_staff,
        }
    }

    /// The kind whose domain `login` ends with, if any (shapes the answers for unknown IDs).
    pub fn kind_of(&self, login: &LoginId) -> Option<AccountKind> {
        [AccountKind::Student, AccountKind::SchoolStaff, AccountKind::HqStaff]
            .into_iter()
            .find(|k| k.check_login(login, self.domain_for(*k)).is_ok())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockoutConfig {
    pub password_threshold: u32,
    pub answer_threshold: u32,
    pub auto_unlock_minutes: u32,
    /// Self-service reset searches one machine serves in any hour (discovery of accounts at
    /// scale; a lab of 40 each searching twice fits in the default).
    pub sspr_searches_per_hour: u32,
    /// Milliseconds after its start at which every self-service reset search answers, found or
    /// not (0 to 5000; 0 answers at once and lets the time tell real IDs from unknown ones).
    pub sspr_search_pace_ms: u32,
}

/// The most wrong passwords (or second-factor codes) an account may have checked in any hour
/// (NIST SP 800-63B 5.2.2); a lockout configuration that allows more is refused at start.
pub const MAX_FAILURES_PER_HOUR: u32 = 100;

impl LockoutConfig {
    /// The most wrong passwords that can reach a real check in any 60 minutes: the threshold
    /// once when locks last until lifted by someone, else once per lock period that can begin
    /// in the hour (a lock lifts `auto_unlock_minutes` after it was set, when the count restarts).
    pub fn failures_per_hour(&self) -> u32 {
        match self.auto_unlock_minutes {
            0 => self.password_threshold,
            m => self.password_threshold.saturating_mul(60 / m + 1),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemporaryPasswordConfig {
    pub validity_days: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionsConfig {
    pub min_answer_length: usize,
    pub sspr_student: usize,
    pub sspr_staff: usize,
    /// The question ids each audience may choose from (issue 15: no "mother's maiden name" for
    /// a seven-year-old).
    pub p1_3: Vec<String>,
    pub p4_6: Vec<String>,
    pub secondary: Vec<String>,
    pub jc_mi: Vec<String>,
    pub staff: Vec<String>,
}

impl QuestionsConfig {
    /// The question ids `audience` may choose from.
    pub fn for_audience(&self, audience: Audience) -> &[String] {
        match audience {
            Audience::Student(Level::P1_3) => &self.p1_3,
            Audience::Student(Level::P4_6) => &self.p4_6,
            Audience::Student(Level::Secondary) => &self.secondary,
            Audience::Student(Level::JcMi) => &self.jc_mi,
            Audience::Staff => &self.staff,
        }
    }

    fn validate(&self) -> Result<(), Error> {
        let lists = [
            ("p1_3", &self.p1_3),
            ("p4_6", &self.p4_6),
            ("secondary", &self.secondary),
            ("jc_mi", &self.jc_mi),
            ("staff", &self.staff),
        ];
        for (key, ids) in lists {
            if let Some(id) = ids.iter().find(|id| crate::questions::by_id(id).is_none()) {
                return Err(Error::Config(format!(
                    "questions.{key}: {id:?} is not a question id (the list is in the default configuration)"
                )));
            }
            if let Some((i, id)) = ids.iter().enumerate().find(|(i, id)| ids[..*i].contains(id)) {
                return Err(Error::Config(format!("questions.{key}: {id:?} is listed twice (at {})", i + 1)));
            }
            if ids.len() < crate::questions::QUESTIONS_PER_ACCOUNT {
                return Err(Error::Config(format!(
                    "questions.{key} must list at least {} questions (each person chooses {})",
                    crate::questions::QUESTIONS_PER_ACCOUNT,
                    crate::questions::QUESTIONS_PER_ACCOUNT
                )));
            }
        }
        Ok(())
    }
}

/// The service desk of the Help button (`[help]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpConfig {
    pub desk_name: String,
    pub desk_phone: String,
    pub desk_email: String,
    /// `https://…` or empty.
    pub desk_url: String,
}

impl HelpConfig {
    fn validate(&self) -> Result<(), Error> {
        let bad = |m: String| Err(Error::Config(format!("help.{m}")));
        let name = self.desk_name.trim();
        if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
            return bad("desk_name must be 1 to 80 characters on one line".into());
        }
        let phone = self.desk_phone.trim();
        if phone.chars().count() > 32
            || !phone.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'))
        {
            return bad(format!(
                "desk_phone {:?} may hold only digits, spaces and + - ( ) . (at most 32)",
                self.desk_phone
            ));
        }
        let email = self.desk_email.trim();
        if !email.is_empty() && crate::types::EmailAddress::parse(email).is_err() {
            return bad(format!("desk_email {:?} is not an email address", self.desk_email));
        }
        let url = self.desk_url.trim();
        let host = url.strip_prefix("https://").map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
        if !url.is_empty()
            && (host.is_none_or(|h| h.is_empty() || h.contains('@')) || url.chars().any(|c| c.is_control() || c == ' '))
        {
            return bad(format!("desk_url {:?} must be empty or an https:// address", self.desk_url));
        }
        if phone.is_empty() && email.is_empty() && url.is_empty() {
            return bad(
                "desk_phone, desk_email and desk_url cannot all be empty (people need a way to reach the desk)".into(),
            );
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageConfig {
    pub busy_timeout_ms: u64,
    /// Empty: the embedded SQLite file in the data directory. `postgres://USER@HOST:PORT/DB`
    /// (or `host=/run/postgresql` for a Unix socket): a school's PostgreSQL server.
    pub url: String,
    /// A file holding the database password (owner-only), or the name of an environment
    /// variable holding it; never the URL itself, which is logged and shown.
    pub password_file: String,
    pub password_env: String,
    /// Connections a process keeps open to PostgreSQL.
    pub pool_size: u32,
    /// How long connecting to, or one statement on, PostgreSQL may take before the person sees
    /// `SSPR 5019`.
    pub timeout_seconds: u64,
}

impl StorageConfig {
    /// True when accounts live in PostgreSQL rather than the embedded file.
    pub fn is_postgres(&self) -> bool {
        let url = self.url.trim();
        url.starts_with("postgres://") || url.starts_with("postgresql://")
    }

    /// The database password from `password_file` or `password_env`, if either is set.
    pub fn database_password(&self) -> Result<Option<SecretString>, Error> {
        if !self.password_file.trim().is_empty() {
            let path = std::path::Path::new(self.password_file.trim());
            let unreadable = |e: std::io::Error| {
                Error::Config(format!("storage.password_file {} cannot be read: {e}", path.display()))
            };
            let text = zeroize::Zeroizing::new(std::fs::read_to_string(path).map_err(unreadable)?);
            // Owner-only (or the server's group too, 0640); never every user of the machine.
            #[cfg(unix)]
            if std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(path).map_err(unreadable)?.permissions())
                & 0o007
                != 0
            {
                return Err(Error::Config(format!(
                    "storage.password_file {} can be read by every user of this machine; run `chmod 600 {}`",
                    path.display(),
                    path.display()
                )));
            }
            return Ok(Some(SecretString::from(text.trim_end_matches(['\r', '\n']))));
        }
        if !self.password_env.trim().is_empty() {
            let name = self.password_env.trim();
            let value = zeroize::Zeroizing::new(
                std::env::var(name)
                    .map_err(|_| Error::Config(format!("storage.password_env names {name}, which is not set")))?,
            );
            return Ok(Some(SecretString::from(value.as_str())));
        }
        Ok(None)
    }

    fn validate(&self) -> Result<(), Error> {
        let bad = |m: &str| Err(Error::Config(format!("storage.{m}")));
        if self.busy_timeout_ms > 600_000 {
            return bad("busy_timeout_ms must be at most 600000 (10 minutes)");
        }
        let url = self.url.trim();
        if !url.is_empty() && !self.is_postgres() {
            return bad("url must be empty (the embedded database) or start with postgres://");
        }
        if self.is_postgres() && url_has_password(url) {
            return bad("url must not hold a password: put it in storage.password_file or storage.password_env");
        }
        if !(1..=256).contains(&self.pool_size) {
            return bad("pool_size must be 1 to 256");
        }
        if !(1..=600).contains(&self.timeout_seconds) {
            return bad("timeout_seconds must be 1 to 600");
        }
        Ok(())
    }
}

/// A slip font entry: `path`, or `path#N` for face N of a collection.
pub fn font_source(entry: &str) -> (std::path::PathBuf, u32) {
    match entry.rsplit_once('#') {
        Some((path, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            (path.into(), n.parse().unwrap_or(0))
        }
        _ => (entry.into(), 0),
    }
}

/// `postgres://user:secret@host/…` or `…?password=…`: a password written into the URL.
fn url_has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let in_userinfo = authority.rsplit_once('@').is_some_and(|(userinfo, _)| userinfo.contains(':'));
    let query = rest.split_once('?').map_or("", |(_, q)| q);
    in_userinfo || query.split('&').any(|kv| kv.trim().to_ascii_lowercase().starts_with("password="))
}

/// `gatehouse-server` (DESIGN §7): where it listens, its certificate, session idle times and the
/// limits of a public endpoint. Paths are relative to the configuration file's directory.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// `ADDRESS:PORT` to listen on (port 0: any free port, printed at start).
    pub listen: String,
    /// The server's certificate chain and its private key, PEM files.
    pub certificate: String,
    pub private_key: String,
    /// Seconds without a request before a person's session ends, and a kiosk's.
    pub session_idle_seconds: u32,
    pub kiosk_idle_seconds: u32,
    /// The largest request body accepted.
    pub max_request_bytes: u32,
    /// How long one request may take, reading its body included.
    pub request_timeout_seconds: u32,
    /// Requests one network address may make in a minute (bursts up to as many).
    pub requests_per_minute_per_address: u32,
    /// Requests one registered device may make in a minute (bursts up to as many).
    pub requests_per_minute_per_device: u32,
    /// Requests under way at once on the wizard's and the console's routes; more are answered
    /// 503 `server_busy` at once instead of waiting in an unbounded queue for the hashing cores.
    pub max_requests_in_flight: u32,
    /// Refuse requests from machines that are not registered (`Gatehouse-Device`); kiosk
    /// sessions always need a device registered as a kiosk.
    pub require_device: bool,
    /// For a thin client (`gatehouse-cli session`): the school's server, `https://host:port`;
    /// empty to run the engine on this machine.
    pub url: String,
    /// The PEM file of the server's certificate or of its CA, for a thin client; empty for the
    /// system's trust roots.
    pub ca_file: String,
    /// A file holding the token Prometheus sends as `Authorization: Bearer` for `/metrics`, 16
    /// characters or more; empty: `/metrics` answers this machine only (a loopback address).
    pub metrics_token_file: String,
    /// The browser sign-in page (issue 18): the directory of the built browser front-end
    /// (`make web` writes `dist-web/`); empty: the server serves no page.
    pub web_root: String,
    /// The address people's browsers open, `https://host[:port]` (required with `web_root`):
    /// the page's requests must come from this origin (CSRF protection).
    pub public_url: String,
}

impl ServerConfig {
    fn validate(&self) -> Result<(), Error> {
        let bad = |m: String| Err(Error::Config(format!("server.{m}")));
        if self.listen.parse::<std::net::SocketAddr>().is_err() {
            return bad(format!("listen {:?} is not an address and port such as \"127.0.0.1:8443\"", self.listen));
        }
        if !(1..=86_400).contains(&self.session_idle_seconds) || !(1..=3600).contains(&self.kiosk_idle_seconds) {
            return bad("session_idle_seconds must be 1 to 86400 and kiosk_idle_seconds 1 to 3600".into());
        }
        if !(1024..=16 << 20).contains(&self.max_request_bytes) {
            return bad("max_request_bytes must be 1024 to 16777216".into());
        }
        if !(1..=600).contains(&self.request_timeout_seconds) {
            return bad("request_timeout_seconds must be 1 to 600".into());
        }
        if !(1..=1_000_000).contains(&self.requests_per_minute_per_address)
            || !(1..=1_000_000).contains(&self.requests_per_minute_per_device)
        {
            return bad("requests_per_minute_per_address and _per_device must be 1 to 1000000".into());
        }
        if !(1..=100_000).contains(&self.max_requests_in_flight) {
            return bad("max_requests_in_flight must be 1 to 100000".into());
        }
        if !self.web_root.trim().is_empty() && self.public_origin().is_none() {
            return bad(format!(
                "public_url {:?} must be the https:// address browsers open, such as \"https://gatehouse.school.example\" (no path), when web_root is set",
                self.public_url
            ));
        }
        if !self.url.is_empty() {
            let host = self.url.strip_prefix("https://").map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
            if host.is_none_or(|h| h.is_empty() || h.contains('@')) {
                return bad(format!(
                    "url {:?} must be an https:// address such as \"https://gatehouse.school.example:8443\" (http:// is refused)",
                    self.url
                ));
            }
        }
        Ok(())
    }

    /// `public_url` as the origin browsers send (`https://host[:port]`, lower case, no final
    /// slash); `None` unless it is an https:// address without user, path, query or fragment.
    pub fn public_origin(&self) -> Option<String> {
        let rest = self.public_url.trim().strip_prefix("https://")?;
        let host = rest.strip_suffix('/').unwrap_or(rest);
        let bad = |c: char| matches!(c, '/' | '?' | '#' | '@') || c.is_whitespace() || c.is_control();
        (!host.is_empty() && !host.contains(bad)).then(|| format!("https://{}", host.to_ascii_lowercase()))
    }

    /// The browser's sign-in page as an origin security keys may answer from: `public_url`'s,
    /// when its host is `rp_id` or a name under it (a browser refuses a key's ceremony for a
    /// relying party its page is not within, and so does the verifier). `None` otherwise.
    pub fn security_key_page_origin(&self, rp_id: &str) -> Option<url::Url> {
        let origin = url::Url::parse(&self.public_origin()?).ok()?;
        let host = origin.host_str()?;
        (host == rp_id || host.ends_with(&format!(".{rp_id}"))).then_some(origin)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorConfig {
    /// ISO date `YYYY-MM-DD`.
    pub cutover: String,
    pub issuer: String,
    pub email_otp_minutes: u32,
    pub email_otp_tries: u32,
    /// Email OTPs one account may be sent in any hour (the first and every "Send a new code").
    pub email_otp_sends_per_hour: u32,
    pub hotp_look_ahead: u64,
    pub hotp_resync_window: u64,
    /// FIDO2 security keys: the relying party id keys are registered to (the origin the app
    /// names is `https://` and it).
    pub security_key_rp_id: String,
}

impl TwoFactorConfig {
    /// The origin security keys are registered to, `https://` and the relying-party id — which
    /// must be a domain name (letters, digits, dots and dashes; at least one dot), or
    /// `localhost` (a browser's page on the machine itself, as `make run-server`'s).
    pub fn security_key_origin(&self) -> Result<url::Url, String> {
        let id = self.security_key_rp_id.trim();
        let domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
        if id.is_empty() || !(id.contains('.') || id == "localhost") || !id.chars().all(domain) {
            return Err("not a domain name".into());
        }
        let origin = url::Url::parse(&format!("https://{id}")).map_err(|e| e.to_string())?;
        if origin.host_str() != Some(id) {
            return Err("not a domain name".into());
        }
        Ok(origin)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretsConfig {
    pub key_store: String,
    pub key_file: String,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: String,
    pub username: String,
    pub password: String,
    pub from: String,
    pub timeout_seconds: u64,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &if self.password.is_empty() { "" } else { "***" })
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DashboardConfig {
    pub notes_all_students: Vec<Written>,
    pub notes_p1_3: Vec<Written>,
    pub notes_p4_6: Vec<Written>,
    pub notes_secondary: Vec<Written>,
    pub notes_jc_mi: Vec<Written>,
    pub notes_staff: Vec<Written>,
    pub apps: Vec<AppConfig>,
}

/// A text the school writes (a dashboard note, an app's restriction): one string, shown as it
/// is in every language, or a table of the languages it is written in (`{ en = "…", ms = "…",
/// zh-Hans = "…", ta = "…" }`, `en` required), each person reading theirs and English where
/// theirs is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Written {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

impl Written {
    /// The English (or the one string): what the wire's plain field carries.
    pub fn english(&self) -> &str {
        match self {
            Self::Plain(s) => s,
            Self::ByLanguage(m) => m.get("en").map_or("", String::as_str),
        }
    }

    /// Each language's words by its tag (`en`, `zh-Hans`, `ms`, `ta`); empty for one string.
    pub fn by_language(&self) -> BTreeMap<String, String> {
        match self {
            Self::Plain(_) => BTreeMap::new(),
            Self::ByLanguage(m) => m
                .iter()
                .filter_map(|(k, v)| crate::text::Language::parse(k).map(|l| (l.code().to_owned(), v.clone())))
                .collect(),
        }
    }

    fn validate(&self, key: &str) -> Result<(), Error> {
        if let Self::ByLanguage(m) = self {
            if let Some(bad) = m.keys().find(|k| crate::text::Language::parse(k).is_none()) {
                return Err(Error::Config(format!("{key}: {bad:?} is not one of en, zh-Hans, ms, ta")));
            }
            if !m.contains_key("en") {
                return Err(Error::Config(format!("{key}: a text written in several languages needs its en")));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppConfig {
    pub id: String,
    pub name: String,
    pub url: String,
    #[serde(rename = "for")]
    pub audiences: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub restrictions: BTreeMap<String, Written>,
    /// The tile's icon: a bundled icon's name ([`BUNDLED_APP_ICONS`]), or a PNG or SVG file
    /// (relative to the data directory or absolute, like `[branding] logo`); empty for the
    /// plain app icon.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub icon: String,
    /// The file `icon` names, read at start as a `data:` URL (never in the file itself).
    #[serde(skip)]
    pub icon_image: Option<String>,
}

/// The icons the window draws itself (original glyphs, one per default app, and `app`).
pub const BUNDLED_APP_ICONS: &[&str] = &[
    "app",
    "classroom",
    "drive",
    "docs",
    "sheets",
    "slides",
    "forms",
    "meet",
    "calendar",
    "gmail",
    "sites",
    "currents",
    "keep",
];

impl AppConfig {
    /// True when `icon` names a file rather than a bundled icon.
    pub fn icon_is_file(&self) -> bool {
        let lower = self.icon.trim().to_ascii_lowercase();
        lower.ends_with(".png") || lower.ends_with(".svg")
    }

    /// The bundled icon the tile shows (`app` for a file that is shown as an image instead).
    pub fn bundled_icon(&self) -> &str {
        match self.icon.trim() {
            "" => "app",
            _ if self.icon_is_file() => "app",
            name => name,
        }
    }
}

impl DashboardConfig {
    /// Reads every app icon that is a file (relative paths from `data_dir`), as the logo is.
    pub fn load_icons(&mut self, data_dir: &Path) -> Result<(), Error> {
        for app in &mut self.apps {
            if app.icon_is_file() {
                let key = format!("dashboard app {:?}: icon", app.id);
                app.icon_image = Some(crate::image::image_data_url(&data_dir.join(app.icon.trim()), &key)?);
            }
        }
        Ok(())
    }
}

/// A dashboard app's address: `https://`, or plain `http://` only to this machine's loopback (an
/// app a kiosk serves itself), where nothing crosses a network.
fn app_url_allowed(url: &str) -> bool {
    if url.starts_with("https://") {
        return true;
    }
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !h.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

/// Who a dashboard is for: a student's level, or staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Student(Level),
    Staff,
}

impl Audience {
    pub fn of(kind: AccountKind, level: Option<Level>) -> Self {
        match (kind, level) {
            (AccountKind::Student, Some(l)) => Self::Student(l),
            // A student without a level sees the most restricted set.
            (AccountKind::Student, None) => Self::Student(Level::P1_3),
            _ => Self::Staff,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Student(l) => l.as_str(),
            Self::Staff => "staff",
        }
    }
}

const AUDIENCES: [&str; 5] = ["p1_3", "p4_6", "secondary", "jc_mi", "staff"];

impl Default for Config {
    fn default() -> Self {
        toml::from_str(DEFAULT_CONFIG_TOML).expect("the bundled default configuration is valid")
    }
}

impl Config {
    /// Reads `gatehouse.toml` from `path` merged onto the defaults; a missing file means defaults.
    pub fn load(path: &Path) -> Result<Self, Error> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_toml(&text).map_err(|e| match e {
                Error::Config(msg) => Error::Config(format!("{}: {msg}", path.display())),
                other => other,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(Error::Config(format!("cannot read {}: {e}", path.display()))),
        }
    }

    /// Parses a (partial) configuration and merges it onto the defaults.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        let user: toml::Table = toml::from_str(text).map_err(|e| Error::Config(e.to_string()))?;
        let mut merged: toml::Table = toml::from_str(DEFAULT_CONFIG_TOML).expect("valid defaults");
        merge(&mut merged, user);
        let cfg: Config =
            toml::Value::Table(merged).try_into().map_err(|e: toml::de::Error| Error::Config(e.to_string()))?;
        cfg.validate()?;
        Ok(cfg)
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        let bad = |m: String| Err(Error::Config(m));
        self.password_policy.validate().map_err(Error::Config)?;
        let l = &self.lockout;
        if !(1..=MAX_FAILURES_PER_HOUR).contains(&l.password_threshold)
            || !(1..=MAX_FAILURES_PER_HOUR).contains(&l.answer_threshold)
        {
            return bad(format!("lockout thresholds must be 1 to {MAX_FAILURES_PER_HOUR}"));
        }
        let per_hour = l.failures_per_hour();
        if per_hour > MAX_FAILURES_PER_HOUR {
            return bad(format!(
                "lockout: password_threshold {} with auto_unlock_minutes {} lets {per_hour} wrong passwords (or codes) \
                 an hour be checked; at most {MAX_FAILURES_PER_HOUR} are allowed (NIST SP 800-63B 5.2.2): lower the \
                 threshold or unlock less often",
                l.password_threshold, l.auto_unlock_minutes
            ));
        }
        if !(1..=100_000).contains(&l.sspr_searches_per_hour) {
            return bad("lockout.sspr_searches_per_hour must be 1 to 100000".into());
        }
        if l.sspr_search_pace_ms > 5_000 {
            return bad("lockout.sspr_search_pace_ms must be 0 to 5000".into());
        }
        if self.temporary_password.validity_days == 0 {
            return bad("temporary_password.validity_days must be at least 1".into());
        }
        let q = &self.questions;
        if !(1..=3).contains(&q.sspr_student) || !(1..=3).contains(&q.sspr_staff) {
            return bad("questions.sspr_student and sspr_staff must be 1 to 3".into());
        }
        if q.min_answer_length == 0 || q.min_answer_length > 64 {
            return bad("questions.min_answer_length must be 1 to 64".into());
        }
        q.validate()?;
        self.help.validate()?;
        self.storage.validate()?;
        self.server.validate()?;
        self.oidc.validate()?;
        self.saml.validate()?;
        crate::clock::Zone::parse(&self.locale.timezone).map_err(|e| Error::Config(format!("locale.timezone: {e}")))?;
        if crate::text::Language::parse(&self.locale.default_language).is_none() {
            return bad(format!(
                "locale.default_language must be one of en, zh-Hans, ms, ta (not {:?})",
                self.locale.default_language
            ));
        }
        self.cutover_date()?;
        let t = &self.two_factor;
        if t.issuer.trim().is_empty() || t.issuer.contains(':') {
            return bad("two_factor.issuer must be non-empty and contain no ':'".into());
        }
        if !(1..=60).contains(&t.email_otp_minutes) || !(1..=20).contains(&t.email_otp_tries) {
            return bad("two_factor.email_otp_minutes must be 1 to 60 and email_otp_tries 1 to 20".into());
        }
        if !(1..=10_000).contains(&t.email_otp_sends_per_hour) {
            return bad("two_factor.email_otp_sends_per_hour must be 1 to 10000".into());
        }
        if t.security_key_origin().is_err() {
            return bad(format!(
                "two_factor.security_key_rp_id {:?} is not a domain name security keys can be registered to",
                t.security_key_rp_id
            ));
        }
        // Each wrong code at sign-in is checked against the look-ahead's codes: 50 of them and
        // the hundred checked wrong codes an hour allowed (MAX_FAILURES_PER_HOUR) give a guesser
        // at most a 0.5 % chance an hour at six digits. The resynchronisation window bounds the
        // work of one enrolment try.
        if !(1..=50).contains(&t.hotp_look_ahead) || !(t.hotp_look_ahead..=1000).contains(&t.hotp_resync_window) {
            return bad(
                "two_factor.hotp_look_ahead must be 1 to 50 and hotp_resync_window from it to 1000 (each wrong code \
                 is tried against every code in the window)"
                    .into(),
            );
        }
        if !matches!(self.secrets.key_store.as_str(), "keyring" | "file") {
            return bad(format!("secrets.key_store must be \"keyring\" or \"file\", not {:?}", self.secrets.key_store));
        }
        if !matches!(self.smtp.security.as_str(), "starttls" | "tls" | "none") {
            return bad(format!("smtp.security must be starttls, tls or none, not {:?}", self.smtp.security));
        }
        let m = &self.smtp;
        let credentials = !m.username.is_empty() || !m.password.is_empty();
        if m.security == "none" && credentials && !m.host.trim().is_empty() && !is_loopback(&m.host) {
            return bad(format!(
                "smtp: security = \"none\" would send the username and password to {:?} in clear; set security = \
                 \"starttls\" (usually port 587) or \"tls\" (usually port 465). Plain SMTP with credentials is \
                 allowed only to this machine (localhost, 127.0.0.1, ::1)",
                m.host
            ));
        }
        if self.smtp.from.parse::<lettre::message::Mailbox>().is_err() {
            return bad(format!(
                "smtp.from {:?} is not an address such as \"MIMS Portal <no-reply@example.org>\"",
                self.smtp.from
            ));
        }
        let b = &self.branding;
        for (key, value) in [("primary_colour", &b.primary_colour), ("accent_colour", &b.accent_colour)] {
            if crate::colour::parse_colour(value).is_none() {
                return bad(format!("branding.{key} {value:?} is not a colour written #rrggbb"));
            }
        }
        let ratio = crate::colour::contrast_with_white(&b.primary_colour).unwrap_or(0.0);
        if ratio < crate::colour::MIN_CONTRAST {
            return bad(format!(
                "branding.primary_colour {:?} has a contrast of {ratio:.2}:1 with white; WCAG 2.1 AA needs {}:1 \
                 (choose a darker colour)",
                b.primary_colour,
                crate::colour::MIN_CONTRAST
            ));
        }
        for (key, list) in [("slip_fonts", &b.slip_fonts), ("slip_bold_fonts", &b.slip_bold_fonts)] {
            for entry in list {
                let (path, _) = font_source(entry);
                if !path.is_absolute() || !path.is_file() {
                    return bad(format!(
                        "branding.{key}: {entry:?} is not an absolute path to a font file (.ttf, .otf, .ttc; \
                         `path#N` for face N of a collection)"
                    ));
                }
            }
        }
        let k = &self.kiosk;
        if !(5..=3600).contains(&k.idle_seconds) || k.countdown_seconds == 0 || k.countdown_seconds > k.idle_seconds {
            return bad(format!(
                "kiosk: need 5 <= idle_seconds <= 3600 and 1 <= countdown_seconds <= idle_seconds (got {} and {})",
                k.idle_seconds, k.countdown_seconds
            ));
        }
        let d = &self.dashboard;
        for (key, notes) in [
            ("notes_all_students", &d.notes_all_students),
            ("notes_p1_3", &d.notes_p1_3),
            ("notes_p4_6", &d.notes_p4_6),
            ("notes_secondary", &d.notes_secondary),
            ("notes_jc_mi", &d.notes_jc_mi),
            ("notes_staff", &d.notes_staff),
        ] {
            for note in notes {
                note.validate(&format!("dashboard.{key}"))?;
            }
        }
        for app in &self.dashboard.apps {
            for (audience, text) in &app.restrictions {
                text.validate(&format!("dashboard app {:?}: restrictions.{audience}", app.id))?;
            }
            if let Some(a) =
                app.audiences.iter().chain(app.restrictions.keys()).find(|a| !AUDIENCES.contains(&a.as_str()))
            {
                return bad(format!(
                    "dashboard app {:?}: unknown audience {a:?} (use {})",
                    app.id,
                    AUDIENCES.join(", ")
                ));
            }
            if !app.icon.trim().is_empty() && !app.icon_is_file() && !BUNDLED_APP_ICONS.contains(&app.icon.trim()) {
                return bad(format!(
                    "dashboard app {:?}: icon {:?} is neither a bundled icon ({}) nor a .png or .svg file",
                    app.id,
                    app.icon,
                    BUNDLED_APP_ICONS.join(", ")
                ));
            }
            if !app_url_allowed(&app.url) {
                return bad(format!(
                    "dashboard app {:?}: url must start with https:// (or http:// on this machine's loopback)",
                    app.id
                ));
            }
        }
        Ok(())
    }

    pub fn cutover_date(&self) -> Result<Date, Error> {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        Date::parse(&self.two_factor.cutover, &fmt).map_err(|_| {
            Error::Config(format!("two_factor.cutover {:?} is not a date YYYY-MM-DD", self.two_factor.cutover))
        })
    }

    /// The notes shown on the dashboard of `audience`.
    pub fn dashboard_notes(&self, audience: Audience) -> Vec<Written> {
        let d = &self.dashboard;
        let mut notes = match audience {
            Audience::Student(Level::P1_3) => d.notes_p1_3.clone(),
            Audience::Student(Level::P4_6) => d.notes_p4_6.clone(),
            Audience::Student(Level::Secondary) => d.notes_secondary.clone(),
            Audience::Student(Level::JcMi) => d.notes_jc_mi.clone(),
            Audience::Staff => d.notes_staff.clone(),
        };
        if matches!(audience, Audience::Student(_)) {
            notes.extend(d.notes_all_students.iter().cloned());
        }
        notes
    }

    /// The workspace apps `audience` may open, each with its restriction note if any.
    pub fn dashboard_apps(&self, audience: Audience) -> Vec<(&AppConfig, Option<&Written>)> {
        let a = audience.as_str();
        self.dashboard
            .apps
            .iter()
            .filter(|app| app.audiences.iter().any(|x| x == a))
            .map(|app| (app, app.restrictions.get(a)))
            .collect()
    }

    /// The effective configuration as TOML (for `gatehouse-cli config show`), with the SMTP
    /// password replaced by `***` so the output can be shared.
    pub fn to_toml(&self) -> String {
        let mut shown = self.clone();
        if !shown.smtp.password.is_empty() {
            shown.smtp.password = "***".into();
        }
        toml::to_string_pretty(&shown).expect("configuration serialises")
    }
}

/// True for a host name that stays on this machine: `localhost`, `127.0.0.0/8` or `::1`.
fn is_loopback(host: &str) -> bool {
    let host = host.trim().trim_end_matches('.');
    let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    host.eq_ignore_ascii_case("localhost") || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Deep-merges `over` into `base`: tables key by key, every other value (lists too) replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_hotp_look_ahead_or_resync_window_beyond_its_cap_is_refused() {
        for toml in [
            "[two_factor]\nhotp_look_ahead = 51\nhotp_resync_window = 100\n",
            "[two_factor]\nhotp_look_ahead = 10\nhotp_resync_window = 1001\n",
            "[two_factor]\nhotp_look_ahead = 10\nhotp_resync_window = 5\n",
        ] {
            let e = Config::from_toml(toml).unwrap_err().to_string();
            assert!(e.contains("hotp_look_ahead must be 1 to 50"), "{toml}: {e}");
        }
        assert!(Config::from_toml("[two_factor]\nhotp_look_ahead = 50\nhotp_resync_window = 1000\n").is_ok());
    }

    #[test]
    fn a_dashboard_app_is_https_or_plain_http_on_the_loopback_only() {
        for ok in ["https://mail.google.com/", "http://127.0.0.1:8080/", "http://localhost/class", "http://[::1]:9/"] {
            assert!(app_url_allowed(ok), "{ok}");
        }
        for bad in [
            "http://mail.google.com/",
            "http://127.0.0.1.evil.example/",
            "http://localhost@evil.example/",
            "ftp://x/",
            "javascript:alert(1)",
            "http://",
        ] {
            assert!(!app_url_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn the_bundled_defaults_reproduce_the_guides() {
        let c = Config::default();
        assert_eq!(c.domains.student, "students.edu.sg");
        assert_eq!(c.lockout.password_threshold, 5);
        assert_eq!(c.temporary_password.validity_days, 7);
        assert_eq!(c.password_policy.min_length, 12);
        assert_eq!(c.cutover_date().unwrap().to_string(), "2023-09-27");
        assert_eq!((c.questions.sspr_student, c.questions.sspr_staff), (2, 3));
        assert_eq!(c.locale.timezone, "Asia/Singapore");
    }

    #[test]
    fn a_time_zone_that_is_not_in_the_iana_database_is_refused_at_start_and_a_real_one_is_taken() {
        let err = Config::from_toml("[locale]\ntimezone = \"Asia/Singapour\"\n").unwrap_err().to_string();
        assert!(err.contains("locale.timezone") && err.contains("Asia/Singapour"), "{err}");
        let err = Config::from_toml("[locale]\ntimezone = \"\"\n").unwrap_err().to_string();
        assert!(err.contains("locale.timezone"), "{err}");
        let london = Config::from_toml("[locale]\ntimezone = \"Europe/London\"\n").unwrap();
        assert_eq!(london.locale.timezone, "Europe/London");
    }

    #[test]
    fn the_policy_defaults_in_rust_match_the_bundled_file() {
        let file = Config::default().password_policy;
        let rust = PolicyConfig::default();
        assert_eq!(
            (file.min_length, file.max_length, file.min_classes, file.name_token_min),
            (rust.min_length, rust.max_length, rust.min_classes, rust.name_token_min)
        );
    }

    #[test]
    fn the_default_storage_is_the_embedded_file() {
        let s = Config::default().storage;
        assert!(s.url.is_empty() && !s.is_postgres());
        assert!(s.database_password().unwrap().is_none());
    }

    #[test]
    fn a_postgres_url_with_a_password_in_it_is_refused_with_where_to_put_it() {
        for url in [
            "postgres://gatehouse:hunter2@db.school.example/gatehouse",
            "postgresql://db.school.example/gatehouse?sslmode=require&password=hunter2",
        ] {
            let err = Config::from_toml(&format!("[storage]\nurl = \"{url}\"")).unwrap_err().to_string();
            assert!(err.contains("password_file"), "{err}");
            assert!(!err.contains("hunter2"), "the refusal repeats the password: {err}");
        }
        let ok = Config::from_toml("[storage]\nurl = \"postgres://gatehouse@db.school.example:5432/gatehouse\"");
        assert!(ok.unwrap().storage.is_postgres());
    }

    #[test]
    fn a_storage_url_of_another_kind_is_refused() {
        let err = Config::from_toml("[storage]\nurl = \"mysql://db/gatehouse\"").unwrap_err().to_string();
        assert!(err.contains("storage.url"), "{err}");
    }

    #[test]
    fn the_database_password_comes_from_its_file_without_the_line_break_and_only_if_not_every_user_may_read_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("db-password");
        std::fs::write(&file, "s3cret-db\n").unwrap();
        let chmod = |mode| std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(mode)).unwrap();
        chmod(0o600);
        let mut s = Config::default().storage;
        s.password_file = file.display().to_string();
        assert_eq!(s.database_password().unwrap().unwrap().expose(), "s3cret-db");
        // The server's group may read it too (root:gatehouse 0640); every user may not.
        chmod(0o640);
        assert_eq!(s.database_password().unwrap().unwrap().expose(), "s3cret-db");
        for mode in [0o644, 0o604, 0o666] {
            chmod(mode);
            let err = s.database_password().unwrap_err().to_string();
            assert!(err.contains("every user of this machine") && err.contains("chmod 600"), "{mode:o}: {err}");
            assert!(!err.contains("s3cret-db"), "{err}");
        }
        s.password_file = dir.path().join("missing").display().to_string();
        assert!(s.database_password().unwrap_err().to_string().contains("storage.password_file"));
        s.password_file.clear();
        s.password_env = "GATEHOUSE_TEST_SURELY_UNSET_VARIABLE".into();
        assert!(s.database_password().unwrap_err().to_string().contains("not set"));
    }

    #[test]
    fn primary_one_to_three_has_no_gmail_and_primary_four_to_six_has_restricted_gmail() {
        let c = Config::default();
        let p13 = c.dashboard_apps(Audience::Student(Level::P1_3));
        assert!(p13.iter().all(|(a, _)| a.id != "gmail"));
        let p46 = c.dashboard_apps(Audience::Student(Level::P4_6));
        let gmail = p46.iter().find(|(a, _)| a.id == "gmail").expect("gmail for p4_6");
        assert!(gmail.1.unwrap().english().contains("@schools.gov.sg"));
        let sec = c.dashboard_apps(Audience::Student(Level::Secondary));
        assert!(sec.iter().any(|(a, r)| a.id == "gmail" && r.is_none()));
        assert!(c
            .dashboard_notes(Audience::Student(Level::Secondary))
            .iter()
            .any(|n| n.english().contains("Google Chat")));
        assert!(c.dashboard_notes(Audience::Student(Level::P1_3)).iter().any(|n| n.english().contains("Gmail")));
    }

    #[test]
    fn a_dashboard_note_is_one_string_or_written_in_several_languages_with_english() {
        let c = Config::default();
        // The default notes and Gmail's restriction come in all four languages.
        for note in c.dashboard_notes(Audience::Student(Level::P4_6)) {
            assert_eq!(
                note.by_language().keys().map(String::as_str).collect::<Vec<_>>(),
                ["en", "ms", "ta", "zh-Hans"]
            );
        }
        let c = Config::from_toml(
            "[dashboard]\nnotes_staff = [\"Plain for all\", { en = \"Hello\", ms = \"Helo\", zh_hans = \"你好\" }]\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let notes = c.dashboard_notes(Audience::Staff);
        assert_eq!((notes[0].english(), notes[0].by_language().len()), ("Plain for all", 0));
        let by = notes[1].by_language();
        assert_eq!((notes[1].english(), by["ms"].as_str(), by["zh-Hans"].as_str()), ("Hello", "Helo", "你好"));
        for (toml, expected) in [
            ("[dashboard]\nnotes_staff = [{ ms = \"Helo\" }]\n", "needs its en"),
            ("[dashboard]\nnotes_staff = [{ en = \"Hi\", fr = \"Salut\" }]\n", "\"fr\" is not one of"),
        ] {
            let err = Config::from_toml(toml).unwrap_err().to_string();
            assert!(err.contains("dashboard.notes_staff") && err.contains(expected), "{err}");
        }
    }

    #[test]
    fn each_kind_of_account_has_its_domain_and_a_login_id_tells_its_kind_by_domain() {
        let d = Config::default().domains;
        assert_eq!(d.domain_for(AccountKind::Student), "students.edu.sg");
        assert_eq!(d.domain_for(AccountKind::SchoolStaff), "schools.gov.sg");
        assert_eq!(d.domain_for(AccountKind::HqStaff), "hq.moe.gov.sg");
        let kind = |login: &str| d.kind_of(&LoginId::parse(login).unwrap());
        assert_eq!(kind("Ada_Lim@Students.edu.sg"), Some(AccountKind::Student));
        assert_eq!(kind("grace_lee@schools.gov.sg"), Some(AccountKind::SchoolStaff));
        assert_eq!(kind("henry@hq.moe.gov.sg"), Some(AccountKind::HqStaff));
        assert_eq!(kind("someone@example.org"), None);
        let e = AccountKind::HqStaff
            .check_login(&LoginId::parse("grace_lee@schools.gov.sg").unwrap(), d.domain_for(AccountKind::HqStaff))
            .unwrap_err();
        assert_eq!(e.field(), Some("login"));
    }

    #[test]
    fn a_partial_file_overrides_only_its_keys() {
        let c = Config::from_toml("[lockout]\npassword_threshold = 3\n").unwrap();
        assert_eq!(c.lockout.password_threshold, 3);
        assert_eq!(c.lockout.answer_threshold, 5);
        assert_eq!(c.domains.hq_staff, "hq.moe.gov.sg");
    }

    #[test]
    fn a_lockout_that_would_let_more_than_a_hundred_wrong_passwords_an_hour_be_checked_is_refused() {
        let lockout = |t: u32, m: u32| format!("[lockout]\npassword_threshold = {t}\nauto_unlock_minutes = {m}\n");
        // 5 wrong passwords, then locked for 3 minutes: 21 lock periods can begin in an hour.
        let e = Config::from_toml(&lockout(5, 3)).unwrap_err();
        assert!(e.to_string().contains("105 wrong passwords"), "{e}");
        assert!(e.to_string().contains("at most 100"), "{e}");
        assert_eq!(Config::from_toml(&lockout(5, 4)).unwrap().lockout.failures_per_hour(), 80);
        assert_eq!(Config::from_toml(&lockout(100, 0)).unwrap().lockout.failures_per_hour(), 100);
        assert!(Config::from_toml(&lockout(101, 0)).is_err());
        assert!(Config::from_toml(&lockout(50, 60)).is_ok());
        assert!(Config::from_toml(&lockout(51, 60)).is_err());
        assert_eq!(Config::default().lockout.failures_per_hour(), 5);
    }

    #[test]
    fn a_self_service_search_pace_beyond_five_seconds_is_refused_and_zero_is_allowed() {
        assert_eq!(Config::default().lockout.sspr_search_pace_ms, 40);
        let e = Config::from_toml("[lockout]\nsspr_search_pace_ms = 5001\n").unwrap_err();
        assert!(e.to_string().contains("sspr_search_pace_ms must be 0 to 5000"), "{e}");
        assert_eq!(Config::from_toml("[lockout]\nsspr_search_pace_ms = 0\n").unwrap().lockout.sspr_search_pace_ms, 0);
    }

    #[test]
    fn a_password_policy_in_the_file_that_its_own_validation_refuses_is_refused_at_load() {
        for (bad, named) in [
            ("min_length = 6", "min_length"),
            ("max_length = 2000", "max_length"),
            ("min_length = 20\nmax_length = 16", "max_length"),
            ("min_classes = 5", "min_classes"),
            ("name_token_min = 0", "name_token_min"),
        ] {
            let e = Config::from_toml(&format!("[password_policy]\n{bad}\n")).unwrap_err();
            assert_eq!(e.code(), "config", "{bad}");
            assert!(e.to_string().contains("password_policy") && e.to_string().contains(named), "{bad}: {e}");
        }
        let c = Config::from_toml("[password_policy]\nmin_length = 8\nmax_length = 1024\nmin_classes = 4\n").unwrap();
        assert_eq!((c.password_policy.min_length, c.password_policy.max_length), (8, 1024));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused_with_a_clear_message() {
        let e = Config::from_toml("[lockout]\npassword_treshold = 3\n").unwrap_err();
        assert!(e.to_string().contains("password_treshold"), "{e}");
        let e = Config::from_toml("[lockout]\npassword_threshold = 0\n").unwrap_err();
        assert!(e.to_string().contains("1 to 100"), "{e}");
        let e = Config::from_toml("[two_factor]\ncutover = \"27/09/2023\"\n").unwrap_err();
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
        let e = Config::from_toml("this is = = not toml").unwrap_err();
        assert_eq!(e.code(), "config");
        let e =
            Config::from_toml("[[dashboard.apps]]\nid='x'\nname='X'\nurl='https://x'\nfor=['teachers']\n").unwrap_err();
        assert!(e.to_string().contains("teachers"), "{e}");
    }

    #[test]
    fn slip_fonts_must_be_existing_files_named_by_absolute_paths_with_an_optional_face() {
        let dir = tempfile::tempdir().unwrap();
        let font = dir.path().join("font.ttc");
        std::fs::write(&font, b"not read at start").unwrap();
        let ok = format!("[branding]\nslip_fonts = ['{}', '{}#2']\n", font.display(), font.display());
        assert_eq!(Config::from_toml(&ok).unwrap().branding.slip_fonts.len(), 2);
        for bad in ["fonts/NotoSans.ttf", "/nonexistent/NotoSans.ttf"] {
            let e = Config::from_toml(&format!("[branding]\nslip_bold_fonts = ['{bad}']\n")).unwrap_err();
            assert!(e.to_string().contains("branding.slip_bold_fonts") && e.to_string().contains(bad), "{e}");
        }
        assert_eq!(font_source("/a/b.ttc#2"), (std::path::PathBuf::from("/a/b.ttc"), 2));
        assert_eq!(font_source("/a/#b.ttf"), (std::path::PathBuf::from("/a/#b.ttf"), 0));
    }

    #[test]
    fn a_missing_file_means_defaults_and_an_unreadable_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(&dir.path().join("none.toml")).unwrap();
        assert_eq!(c.lockout.password_threshold, 5);
        let e = Config::load(dir.path()).unwrap_err(); // a directory is not a file
        assert_eq!(e.code(), "config");
    }

    #[test]
    fn the_shown_configuration_never_holds_the_smtp_password() {
        let c = Config::from_toml("[smtp]\nhost = \"mail.example.org\"\npassword = \"s3cret-relay\"\n").unwrap();
        assert!(!c.to_toml().contains("s3cret-relay"));
        assert!(!format!("{:?}", c.smtp).contains("s3cret-relay"));
    }

    fn smtp(host: &str, security: &str, credentials: bool) -> Result<Config, Error> {
        let login = if credentials { "username = \"relay\"\npassword = \"s3cret-relay\"\n" } else { "" };
        Config::from_toml(&format!("[smtp]\nhost = \"{host}\"\nport = 25\nsecurity = \"{security}\"\n{login}"))
    }

    #[test]
    fn plain_smtp_with_credentials_to_another_machine_is_refused_naming_the_fix() {
        for host in ["mail.example.org", "10.0.0.25", "localhost.example.org", "::2"] {
            let e = smtp(host, "none", true).unwrap_err();
            assert_eq!(e.code(), "config");
            let msg = e.to_string();
            assert!(msg.contains("starttls") && msg.contains("tls") && msg.contains(host), "{msg}");
            assert!(!msg.contains("s3cret-relay"), "{msg}");
        }
        let only_user =
            Config::from_toml("[smtp]\nhost = \"mail.example.org\"\nsecurity = \"none\"\nusername = \"u\"\n");
        assert!(only_user.is_err());
    }

    #[test]
    fn plain_smtp_with_credentials_to_loopback_is_accepted() {
        for host in ["localhost", "LOCALHOST", "127.0.0.1", "127.3.2.1", "::1", "[::1]"] {
            assert!(smtp(host, "none", true).is_ok(), "{host}");
        }
    }

    #[test]
    fn plain_smtp_without_credentials_or_tls_with_them_is_accepted_for_any_host() {
        assert!(smtp("mail.example.org", "none", false).is_ok());
        assert!(smtp("mail.example.org", "starttls", true).is_ok());
        assert!(smtp("mail.example.org", "tls", true).is_ok());
    }

    #[test]
    fn the_effective_configuration_round_trips_through_toml() {
        let c = Config::default();
        let again = Config::from_toml(&c.to_toml()).unwrap();
        assert_eq!(again.dashboard.apps.len(), c.dashboard.apps.len());
    }

    #[test]
    fn the_server_section_has_its_defaults_and_refuses_what_cannot_work() {
        let s = Config::default().server;
        assert_eq!((s.listen.as_str(), s.session_idle_seconds, s.kiosk_idle_seconds), ("127.0.0.1:8443", 900, 90));
        assert_eq!(s.max_request_bytes, 64 * 1024);
        assert!(s.require_device, "a server refuses unregistered machines unless told otherwise");
        assert_eq!(s.metrics_token_file, "", "/metrics answers this machine only unless told otherwise");
        assert_eq!(s.max_requests_in_flight, 512);
        for bad in [
            "[server]\nlisten = \"localhost\"",
            "[server]\nsession_idle_seconds = 0",
            "[server]\nmax_request_bytes = 10",
            "[server]\nrequests_per_minute_per_address = 0",
            "[server]\nrequests_per_minute_per_device = 0",
            "[server]\nmax_requests_in_flight = 0",
        ] {
            let e = Config::from_toml(bad).unwrap_err();
            assert_eq!(e.code(), "config", "{bad}");
        }
        assert_eq!(Config::from_toml("[server]\nlisten = \"[::1]:0\"").unwrap().server.listen, "[::1]:0");
    }

    #[test]
    fn the_browser_page_needs_the_https_origin_browsers_open() {
        let s = Config::default().server;
        assert_eq!((s.web_root.as_str(), s.public_url.as_str()), ("", ""), "no page unless asked for");
        for bad in
            ["", "http://gatehouse.example", "https://", "https://host/sign-in", "https://u@host", "https://host?x"]
        {
            let e = Config::from_toml(&format!("[server]\nweb_root = \"dist-web\"\npublic_url = {bad:?}")).unwrap_err();
            assert_eq!(e.code(), "config", "{bad}");
            assert!(e.to_string().contains("public_url"), "{e}");
        }
        let c =
            Config::from_toml("[server]\nweb_root = \"dist-web\"\npublic_url = \"https://Gate.School.example:8443/\"")
                .unwrap();
        assert_eq!(c.server.public_origin().as_deref(), Some("https://gate.school.example:8443"));
    }

    #[test]
    fn the_browser_page_is_a_security_key_origin_only_within_the_relying_party() {
        let page = |url: &str, rp_id: &str| {
            let server = ServerConfig { public_url: url.into(), ..Config::default().server };
            server.security_key_page_origin(rp_id).map(|u| u.to_string())
        };
        let at = "mims.moe.gov.sg";
        assert_eq!(page("https://mims.moe.gov.sg", at).as_deref(), Some("https://mims.moe.gov.sg/"));
        assert_eq!(
            page("https://Login.MIMS.moe.gov.sg:8443/", at).as_deref(),
            Some("https://login.mims.moe.gov.sg:8443/")
        );
        assert_eq!(page("https://localhost:8443", "localhost").as_deref(), Some("https://localhost:8443/"));
        for outside in [
            "https://notmims.moe.gov.sg",
            "https://moe.gov.sg",
            "https://portal.school.example",
            "",
            "http://mims.moe.gov.sg",
        ] {
            assert_eq!(page(outside, at), None, "{outside}");
        }
        let two_factor = |id: &str| TwoFactorConfig { security_key_rp_id: id.into(), ..Config::default().two_factor };
        assert!(two_factor("localhost").security_key_origin().is_ok());
        for bad in ["intranet", "", "mims moe", "https://mims.moe.gov.sg"] {
            assert!(two_factor(bad).security_key_origin().is_err(), "{bad}");
        }
    }

    #[test]
    fn an_oidc_app_returns_only_to_https_or_the_loopback_and_is_for_someone() {
        let c = Config::default().oidc;
        assert_eq!((c.signing_keys.len(), c.token_minutes, c.clients.len()), (0, 5, 0));
        let app = |uri: &str, extra: &str| {
            format!("[oidc]\nsigning_keys = [\"k.pem\"]\n[[oidc.clients]]\nid = \"app\"\nname = \"App\"\nredirect_uris = [{uri:?}]\nfor = [\"staff\"]\n{extra}")
        };
        for good in ["https://app.example/cb", "http://127.0.0.1:8000/cb", "http://localhost/cb", "http://[::1]:9/cb"] {
            Config::from_toml(&app(good, "")).unwrap_or_else(|e| panic!("{good}: {e}"));
        }
        for bad in [
            "http://app.example/cb",
            "https://app.example/cb#x",
            "https://u@app.example/",
            "app.example",
            "http://127.0.0.1.evil.example/",
        ] {
            let e = Config::from_toml(&app(bad, "")).unwrap_err();
            assert!(e.to_string().contains("redirect_uris"), "{bad}: {e}");
        }
        let e =
            Config::from_toml(&app("https://app.example/cb", "").replace("for = [\"staff\"]", "for = []")).unwrap_err();
        assert!(e.to_string().contains("for must"), "{e}");
        let e =
            Config::from_toml(&app("https://app.example/cb", "backchannel_logout_uri = \"http://app.example/bc\"\n"))
                .unwrap_err();
        assert!(e.to_string().contains("redirect_uris (and the other addresses)"), "{e}");
        let third = Config::from_toml(&app("https://app.example/cb", "first_party = false\n")).unwrap();
        assert!(!third.oidc.clients[0].first_party, "an app of another vendor is asked consent for");
        let unsaid = Config::from_toml(&app("https://app.example/cb", "")).unwrap();
        assert!(!unsaid.oidc.clients[0].first_party, "an app nobody said is the school's own is asked consent for");
        let own = Config::from_toml(&app("https://app.example/cb", "first_party = true\n")).unwrap();
        assert!(own.oidc.clients[0].first_party);
        let e = Config::from_toml(&app("https://app.example/cb", "").replace("signing_keys = [\"k.pem\"]", ""))
            .unwrap_err();
        assert!(e.to_string().contains("signing_keys"), "{e}");
    }

    #[test]
    fn a_thin_clients_server_url_is_https_only() {
        let s = Config::default().server;
        assert_eq!((s.url.as_str(), s.ca_file.as_str()), ("", ""));
        for bad in ["http://localhost:8443", "localhost:8443", "https://", "https://user@host", "ftp://host"] {
            let e = Config::from_toml(&format!("[server]\nurl = {bad:?}")).unwrap_err();
            assert_eq!(e.code(), "config", "{bad}");
        }
        let c = Config::from_toml("[server]\nurl = \"https://localhost:8443\"\nca_file = \"ca.pem\"").unwrap();
        assert_eq!((c.server.url.as_str(), c.server.ca_file.as_str()), ("https://localhost:8443", "ca.pem"));
        assert_eq!(Config::from_toml(&c.to_toml()).unwrap().server.url, "https://localhost:8443");
    }
}
