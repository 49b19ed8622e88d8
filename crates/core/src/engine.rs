//! The engine: the store, the configuration, the clock and the random source that every session
//! and administrator operation share.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rand::rngs::OsRng;
use rand::RngCore;

use crate::audit::{machine_name, AuditRecord, Event, Outcome};
use crate::clock::{Clock, SecureRng, SystemClock, Timestamp, Zone};
use crate::config::{Config, CONFIG_FILE_NAME};
use crate::error::Error;
use crate::hashing;
use crate::mail::Mailer;
use crate::store::{Account, FailureKind, QuestionCensus, Store};
use crate::types::{LoginId, SecretString};
use crate::vault::{KeySource, Vault};

/// The result of checking a password at sign-in (wizard or administrator console).
#[derive(Debug)]
pub enum PasswordCheck {
    /// The right password for an open account (a lock that had expired is lifted).
    Right(Box<Account>),
    /// A wrong password, or an unknown login ID (the same work and the same answer); counted.
    Wrong,
    /// The account (or the unknown ID) is locked, whatever the password.
    Locked,
    /// The right password for an account an administrator disabled (the guides' "inactive
    /// account"). Only the right password learns this, so the answer reveals nothing to a guesser.
    Disabled,
}

/// Where the engine finds its data key.
pub enum KeyStore {
    /// No sealed secrets can be used (engines for tests that never touch tokens).
    None,
    /// A key given directly (tests).
    Fixed(Vault),
    /// The OS keyring, under an entry named after this install.
    Keyring,
    /// A key file readable only by its owner.
    File(PathBuf),
}

const KEY_ID: &str = "data_key_id";
const KEY_CHECK: &str = "data_key_check";

pub struct Engine {
    store: Arc<dyn Store>,
    config: Arc<Config>,
    clock: Arc<dyn Clock>,
    rng: Mutex<Box<dyn SecureRng>>,
    machine: String,
    mailer: Mailer,
    key_store: KeyStore,
    vault: Mutex<Option<Arc<Vault>>>,
    /// `[locale] timezone`, looked up once.
    zone: Zone,
    /// The last question census and when it was taken (see [`Engine::question_census`]).
    census: Mutex<Option<(Timestamp, QuestionCensus)>>,
}

/// How long a question census is used before it is taken again.
const CENSUS_SECONDS: Timestamp = 60;

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").field("machine", &self.machine).finish_non_exhaustive()
    }
}

/// The OS data directory for Gatehouse (`~/.local/share/gatehouse` on Linux,
/// `%APPDATA%\Gatehouse\data` on Windows, `~/Library/Application Support/sg.Gatehouse` on macOS).
pub fn default_data_dir() -> Result<PathBuf, Error> {
    directories::ProjectDirs::from("sg", "", "Gatehouse")
        .map(|d| d.data_dir().to_owned())
        .ok_or_else(|| Error::Config("no home directory: pass --data-dir".into()))
}

/// The data directory the command line or the window opens: `given` (`--data-dir`,
/// `GATEHOUSE_DATA_DIR`) when there is one; otherwise the OS data directory
/// ([`default_data_dir`]), or with `demo` its `demo/` subfolder, so the demonstration school
/// never shares a database with a real one.
pub fn data_dir(given: Option<&Path>, demo: bool) -> Result<PathBuf, Error> {
    match (given, demo) {
        (Some(dir), _) => Ok(dir.to_owned()),
        (None, false) => default_data_dir(),
        (None, true) => Ok(default_data_dir()?.join("demo")),
    }
}

impl Engine {
    /// An engine that sends no mail and holds no data key (enough for every student flow).
    pub fn new(store: Arc<dyn Store>, config: Config, clock: Arc<dyn Clock>, rng: Box<dyn SecureRng>) -> Arc<Self> {
        Self::with_services(store, config, clock, rng, Mailer::none(), KeyStore::None)
    }

    /// An engine with mail delivery and a data key store (two-factor authentication).
    pub fn with_services(
        store: Arc<dyn Store>,
        config: Config,
        clock: Arc<dyn Clock>,
        rng: Box<dyn SecureRng>,
        mailer: Mailer,
        key_store: KeyStore,
    ) -> Arc<Self> {
        crate::hashing::start();
        let vault = match key_store {
            KeyStore::Fixed(ref v) => Some(Arc::new(Vault::from_key_of(v))),
            _ => None,
        };
        // A configuration read from a file was checked already (`Config::validate`); one built
        // in code with a bad name falls back to UTC rather than failing later.
        let zone = Zone::parse(&config.locale.timezone).unwrap_or_else(|e| {
            tracing::error!(error = %e, "locale.timezone: showing times in UTC");
            Zone::utc()
        });
        Arc::new(Self {
            zone,
            store,
            config: Arc::new(config),
            clock,
            rng: Mutex::new(rng),
            machine: machine_name(),
            mailer,
            key_store,
            vault: Mutex::new(vault),
            census: Mutex::new(None),
        })
    }

    /// Opens the data directory as a running app does: `gatehouse.toml` (defaults if absent),
    /// `gatehouse.db` (created and migrated), the wall clock and the OS CSPRNG. No hashing or
    /// other slow work happens here (start-up stays fast).
    pub fn open(data_dir: &Path) -> Result<Arc<Self>, Error> {
        Self::open_on(data_dir, None)
    }

    /// As [`Engine::open`], with the accounts in the database at `storage_url` instead of the
    /// one `[storage] url` names (`gatehouse-cli migrate --to URL`).
    pub fn open_on(data_dir: &Path, storage_url: Option<&str>) -> Result<Arc<Self>, Error> {
        let mut config = Config::load(&data_dir.join(CONFIG_FILE_NAME))?;
        if let Some(url) = storage_url {
            config.storage.url = url.to_owned();
            config.validate()?;
        }
        Self::open_with(config, data_dir)
    }

    /// As [`Engine::open`], with a configuration read elsewhere (`gatehouse-server --config
    /// FILE`): `data_dir` holds the SQLite file when `[storage]` names none, the outbox, and the
    /// key file unless `[secrets] key_file` names one.
    pub fn open_with(mut config: Config, data_dir: &Path) -> Result<Arc<Self>, Error> {
        config.dashboard.load_icons(data_dir)?;
        let store = crate::store::open(&config.storage, data_dir)?;
        let mailer = Mailer::from_config(&config.smtp, data_dir)?;
        let key_store = match config.secrets.key_store.as_str() {
            "file" if config.secrets.key_file.trim().is_empty() => KeyStore::File(data_dir.join("gatehouse.key")),
            "file" => KeyStore::File(PathBuf::from(&config.secrets.key_file)),
            _ => KeyStore::Keyring,
        };
        let engine = Self::with_services(store, config, Arc::new(SystemClock), Box::new(OsRng), mailer, key_store);
        // Once secrets are sealed, the key must be reachable at start: stop with the fix now
        // rather than fail in the middle of someone's sign-in.
        if engine.store.meta(KEY_CHECK)?.is_some() {
            engine.vault()?;
        }
        Ok(engine)
    }

    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    /// The data key, loaded (or created, on first use) from the configured key store and checked
    /// against the value recorded in the database.
    pub fn vault(&self) -> Result<Arc<Vault>, Error> {
        let mut slot = self.vault.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(v) = slot.as_ref() {
            return Ok(Arc::clone(v));
        }
        let first_use = self.store.meta(KEY_CHECK)?.is_none();
        let vault = match &self.key_store {
            KeyStore::None | KeyStore::Fixed(_) => {
                return Err(Error::Config("no data key store is configured for token secrets".into()))
            }
            // Made with O_EXCL: of two processes making it at once, one fails and none replaces it.
            KeyStore::File(path) => Vault::load(&KeySource::File(path.clone()), first_use)?,
            KeyStore::Keyring => self.keyring_vault(first_use)?,
        };
        let check = self.store.meta_init(KEY_CHECK, &vault.check_value())?;
        if !vault.matches(&check) {
            return Err(Error::Config(
                "the data key found does not belong to this database (another install's keyring entry or key file); \
                 token secrets cannot be opened"
                    .into(),
            ));
        }
        let vault = Arc::new(vault);
        *slot = Some(Arc::clone(&vault));
        Ok(vault)
    }

    /// The data key in the OS keyring, under the entry the database names. On first use each
    /// process makes a key under an entry of its own and the first to record its entry wins;
    /// the others delete theirs and take the winner's — two processes starting at once (the app
    /// and the command line) never replace each other's key in the keyring.
    fn keyring_vault(&self, first_use: bool) -> Result<Vault, Error> {
        let entry = |id: &[u8]| KeySource::Keyring { entry: format!("data-key-{}", String::from_utf8_lossy(id)) };
        if !first_use {
            let Some(id) = self.store.meta(KEY_ID)? else {
                return Err(Error::Config("the database names no data key in the OS keyring".into()));
            };
            return Vault::load(&entry(&id), false);
        }
        let mut fresh = [0u8; 8];
        OsRng.fill_bytes(&mut fresh);
        let ours: String = fresh.iter().map(|b| format!("{b:02x}")).collect();
        let vault = Vault::load(&entry(ours.as_bytes()), true)?;
        let id = self.store.meta_init(KEY_ID, ours.as_bytes())?;
        if id == ours.as_bytes() {
            return Ok(vault);
        }
        Vault::delete_keyring_entry(&format!("data-key-{ours}"));
        // The winner made its key before recording it; an entry recorded by an earlier start
        // whose keyring failed before it made one is made now.
        Vault::load(&entry(&id), true)
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The school's time zone (`[locale] timezone`): every time a person reads, and the offset
    /// of the times exports carry.
    pub fn zone(&self) -> &Zone {
        &self.zone
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub fn machine(&self) -> &str {
        &self.machine
    }

    /// How many accounts have challenge questions, taken at most once a minute: counting them
    /// reads every answer row, so a self-service reset search does not count them each time
    /// (and every search asks, for a known login ID as for an unknown one, so a search that
    /// happens to count tells nothing about the ID typed).
    pub(crate) fn question_census(&self) -> Result<QuestionCensus, Error> {
        let now = self.now();
        let mut cached = self.census.lock().unwrap_or_else(|p| p.into_inner());
        match *cached {
            Some((at, census)) if (at..at + CENSUS_SECONDS).contains(&now) => Ok(census),
            _ => {
                let census = self.store.question_census()?;
                *cached = Some((now, census));
                Ok(census)
            }
        }
    }

    /// Runs `f` with the engine's random source.
    pub fn with_rng<T>(&self, f: impl FnOnce(&mut dyn SecureRng) -> T) -> T {
        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        f(rng.as_mut())
    }

    /// An audit record stamped with now and this machine (or the device a server acts for,
    /// [`crate::audit::on_machine`]).
    pub fn record(
        &self,
        actor: &str,
        subject: &str,
        event: Event,
        outcome: Outcome,
        detail: impl Into<String>,
    ) -> AuditRecord {
        AuditRecord {
            at: self.now(),
            actor: actor.to_owned(),
            subject: subject.to_owned(),
            event,
            outcome,
            machine: crate::audit::acting_for().unwrap_or_else(|| self.machine.clone()),
            detail: detail.into(),
        }
    }

    /// With automatic unlock, a lock set before this time has lifted (`Timestamp::MIN` without:
    /// locks last until lifted by someone). Used for login IDs that have no account.
    pub(crate) fn lock_window_start(&self) -> Timestamp {
        match self.config.lockout.auto_unlock_minutes {
            0 => Timestamp::MIN,
            m => self.now() - i64::from(m) * 60,
        }
    }

    /// True when an account's lock has lifted by itself (`lockout.auto_unlock_minutes`).
    pub(crate) fn lock_has_expired(&self, locked_at: Timestamp) -> bool {
        let m = self.config.lockout.auto_unlock_minutes;
        m > 0 && locked_at + i64::from(m) * 60 <= self.now()
    }

    /// Checks `password` for `raw_login` and counts a failure towards the lockout (DESIGN §2):
    /// an unknown ID costs one dummy hash and is counted under the ID as typed, so it cannot be
    /// told from a real account by its answer or its time.
    pub fn check_password(&self, raw_login: &str, password: &SecretString) -> Result<PasswordCheck, Error> {
        self.check_password_as(raw_login, password, None)
    }

    /// [`Engine::check_password`] for a path whose failures must not lock the account (a kiosk's
    /// administrator exit, which anyone at the kiosk can try: the kiosk slows down instead). A
    /// wrong password is audited with `why`, never counted; a locked account stays refused.
    pub fn check_password_uncounted(
        &self,
        raw_login: &str,
        password: &SecretString,
        why: &str,
    ) -> Result<PasswordCheck, Error> {
        self.check_password_as(raw_login, password, Some(why))
    }

    /// `uncounted`: `None` counts a failure towards the lockout, `Some(why)` only audits it.
    fn check_password_as(
        &self,
        raw_login: &str,
        password: &SecretString,
        uncounted: Option<&str>,
    ) -> Result<PasswordCheck, Error> {
        let threshold = self.config.lockout.password_threshold;
        let key = login_key(raw_login);
        let account = match LoginId::parse(raw_login) {
            Ok(login) => self.store.account_by_login(&login)?,
            Err(_) => None,
        };
        let Some(mut account) = account else {
            hashing::verify_dummy(password.expose().as_bytes())?;
            if let Some(why) = uncounted {
                let detail = format!("unknown login ID ({why})");
                self.store.append_audit(&self.record(&key, &key, Event::SignInFailed, Outcome::Failed, detail))?;
                return Ok(PasswordCheck::Wrong);
            }
            let n = self.store.record_unknown_failure(
                &key,
                FailureKind::Password,
                threshold,
                self.now(),
                self.lock_window_start(),
            )?;
            self.store.append_audit(&self.record(
                &key,
                &key,
                Event::SignInFailed,
                Outcome::Failed,
                "unknown login ID",
            ))?;
            return Ok(if n >= threshold { PasswordCheck::Locked } else { PasswordCheck::Wrong });
        };
        let login = account.login.to_string();
        if let Some(at) = account.locked_at {
            if self.lock_has_expired(at) {
                self.store
                    .unlock(account.id, self.record("system", &login, Event::Unlock, Outcome::Ok, "lock expired"))?;
                account.locked_at = None;
                account.failed_passwords = 0;
            }
        }
        let ok = hashing::verify(password.expose().as_bytes(), &account.password_hash)?;
        if account.is_locked() {
            let detail = if ok { "account locked" } else { "wrong password; account locked" };
            self.store.append_audit(&self.record(&login, &login, Event::SignInFailed, Outcome::Refused, detail))?;
            return Ok(PasswordCheck::Locked);
        }
        if !ok {
            if let Some(why) = uncounted {
                let detail = format!("wrong password ({why})");
                self.store.append_audit(&self.record(&login, &login, Event::SignInFailed, Outcome::Failed, detail))?;
                return Ok(PasswordCheck::Wrong);
            }
            let out = self.store.record_password_failure(
                account.id,
                threshold,
                self.now(),
                self.record(&login, &login, Event::SignInFailed, Outcome::Failed, "wrong password"),
                self.record(
                    "system",
                    &login,
                    Event::Lockout,
                    Outcome::Ok,
                    format!("{threshold} consecutive wrong passwords"),
                ),
            )?;
            return Ok(if out.locked { PasswordCheck::Locked } else { PasswordCheck::Wrong });
        }
        if account.disabled {
            self.store.append_audit(&self.record(
                &login,
                &login,
                Event::SignInFailed,
                Outcome::Refused,
                "account disabled",
            ))?;
            return Ok(PasswordCheck::Disabled);
        }
        Ok(PasswordCheck::Right(Box::new(account)))
    }
}

/// The failure counter and audit subject for a login ID as typed; control characters are
/// replaced so a hostile login cannot forge lines in an exported log.
pub(crate) fn login_key(raw_login: &str) -> String {
    raw_login
        .trim()
        .to_ascii_lowercase()
        .chars()
        .take(254)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_data_directory_wins_and_the_demo_otherwise_lives_in_its_own_subfolder() {
        let given = Path::new("/srv/gatehouse");
        assert_eq!(data_dir(Some(given), false).unwrap(), given);
        assert_eq!(data_dir(Some(given), true).unwrap(), given, "--demo with --data-dir uses that folder");
        // Without a home directory there is no OS data directory: both then fail alike.
        match default_data_dir() {
            Ok(os) => {
                assert_eq!(data_dir(None, false).unwrap(), os);
                assert_eq!(data_dir(None, true).unwrap(), os.join("demo"));
            }
            Err(e) => assert_eq!(data_dir(None, true).unwrap_err().code(), e.code()),
        }
    }
}
