//! The app state Tauri manages: one wizard session — over this machine's engine, or as a thin
//! client of the school's server (`[server] url`) —, the console's session, and the kiosk
//! settings.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use gatehouse_client::break_glass::{self, BreakGlass};
use gatehouse_client::{device, RemoteConsole, RemoteSession, SessionKind};
use gatehouse_core::blocking::AsyncSession;
use gatehouse_core::branding::Branding;
use gatehouse_core::clock::{Clock, SystemClock, Timestamp, Zone};
use gatehouse_core::config::{BrandingConfig, Config, CONFIG_FILE_NAME};
use gatehouse_core::console::{AdminIdentity, ConsoleSession, FirstAdministrator, KeySignIn};
use gatehouse_core::slowdown::Slowdown;
use gatehouse_core::text::Language;
use gatehouse_core::wizard::{staff_help, Help};
use gatehouse_core::{data_dir, demo, Engine, Error};
use serde::Serialize;

use crate::args::Args;
use crate::error::CommandError;

pub struct AppState {
    /// When `run` began (the start-up time is logged from here).
    pub started: Instant,
    pub data_dir: PathBuf,
    /// Where the wizard runs.
    pub(crate) wizard: Wizard,
    /// The administrators' console session (its own window).
    pub console: ConsoleState,
    pub info: AppInfo,
    /// What printed slips carry (the configuration's `[branding]`).
    pub(crate) slip_branding: BrandingConfig,
    /// The school's time zone the slips print times in (`[locale] timezone`).
    pub(crate) slip_zone: Zone,
    /// The language of the slips printed here (`[locale] default_language`).
    pub(crate) slip_language: Language,
    /// A kiosk's administrator exit slows down after wrong tries (DESIGN §6); on a thin kiosk
    /// the server keeps it.
    pub(crate) kiosk_slowdown: Mutex<Slowdown>,
}

/// What the front-end needs to know about this window (`app_info`).
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub kiosk: Option<KioskSettings>,
    pub branding: Branding,
    pub demo: bool,
    /// No administrator exists yet: the window offers to create the first one.
    pub first_run: bool,
    /// A thin client: the school's server this window is a client of (`[server] url`).
    pub server: Option<String>,
    /// What the console's Help button shows: the service desk of `[help]` and the staff topics
    /// (the wizard window asks its session instead, `show_help`).
    pub help: Help,
    /// The language the window starts in and a kiosk returns to for the next person
    /// (`[locale] default_language`: `en`, `zh-Hans`, `ms` or `ta`).
    pub language: Language,
}

/// Where the wizard runs.
pub(crate) enum Wizard {
    /// This machine's own engine (the embedded file, or a database it may open).
    Local { engine: Arc<Engine>, session: AsyncSession },
    /// The school's server: no engine, no database and no data key on this machine.
    Server(Arc<ServerWizard>),
}

/// A thin client's wizard: the session on the server, the administrators' console there, and
/// for a kiosk its break-glass check.
pub(crate) struct ServerWizard {
    pub(crate) session: Mutex<RemoteSession>,
    pub(crate) console: Arc<Mutex<RemoteConsole>>,
    pub(crate) break_glass: Option<Mutex<BreakGlass>>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct KioskSettings {
    pub idle_seconds: u32,
    pub countdown_seconds: u32,
}

impl AppState {
    /// Opens the data directory (and seeds the demo school with `--demo`). Fast: no hashing
    /// except the demo's first seeding.
    pub fn open(args: &Args, started: Instant) -> Result<Self, Error> {
        let dir = data_dir(args.data_dir.as_deref(), args.demo)?;
        if !args.demo {
            let config = Config::load(&dir.join(CONFIG_FILE_NAME))?;
            if !config.server.url.is_empty() {
                return Self::open_thin(args, started, dir);
            }
        }
        if args.demo {
            demo::write_config(&dir)?;
        }
        let engine = Engine::open(&dir)?;
        if args.demo {
            demo::seed(&engine)?;
            tracing::info!(dir = %dir.display(), "demo school ready");
        }
        let config = engine.config();
        let kiosk = kiosk_settings(args, config);
        let info = AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            // Never at a kiosk: a pupil there would make themselves the school's administrator.
            first_run: kiosk.is_none() && gatehouse_core::console::needs_first_administrator(&engine)?,
            kiosk,
            branding: Branding::load(&config.branding, &dir)?,
            demo: args.demo,
            server: None,
            help: staff_help(config),
            language: config.locale.language(),
        };
        let slip_branding = config.branding.clone();
        let slip_zone = engine.zone().clone();
        let slip_language = info.language;
        let session = AsyncSession::new(Arc::clone(&engine));
        Ok(Self {
            started,
            wizard: Wizard::Local { engine, session },
            data_dir: dir,
            console: ConsoleState::new(info.kiosk),
            info,
            slip_branding,
            slip_zone,
            slip_language,
            kiosk_slowdown: Mutex::default(),
        })
    }

    /// A thin client of `[server] url` (issue 14 §3): opens no database and no data key;
    /// reads this machine's device credential and, on a kiosk, its break-glass hash. The data
    /// directory is made owner-only first and the configuration read again from it: what says
    /// which server to trust is read only once no one else may change it. Nothing is sent
    /// before the window asks for its first screen.
    fn open_thin(args: &Args, started: Instant, dir: PathBuf) -> Result<Self, Error> {
        let config = gatehouse_client::data_dir::open(&dir)?;
        let url = config.server.url.clone();
        let local = |e: gatehouse_client::Error| match e {
            gatehouse_client::Error::Local(e) => e,
            other => Error::Config(other.to_string()),
        };
        let credential = device::load(&url, &dir, &config.secrets).map_err(local)?;
        let kiosk = kiosk_settings(args, &config);
        if credential.is_none() {
            tracing::warn!(server = %url, "this machine is not a registered device (gatehouse-cli device register); the server may refuse it");
        }
        let break_glass = match kiosk {
            Some(_) => {
                let loaded = break_glass::load(&dir).map_err(local)?;
                if loaded.is_none() {
                    tracing::warn!(
                        file = %dir.join(break_glass::FILE_NAME).display(),
                        "thin kiosk without a break-glass code: this window can only be closed by the operating system \
                         (register it with gatehouse-cli device register --kiosk)"
                    );
                }
                loaded.map(Mutex::new)
            }
            None => None,
        };
        let kind = if kiosk.is_some() { SessionKind::Kiosk } else { SessionKind::Person };
        let console = RemoteConsole::new(&config.server, &dir, credential.clone()).map_err(local)?;
        let session = RemoteSession::new(&config.server, &dir, credential, kind).map_err(local)?;
        tracing::info!(server = %url, kiosk = kiosk.is_some(), "thin client: the wizard runs on the server");
        let info = AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            kiosk,
            branding: Branding::load(&config.branding, &dir)?,
            demo: false,
            // The first administrator is made on the server.
            first_run: false,
            server: Some(url),
            help: staff_help(&config),
            language: config.locale.language(),
        };
        let console = Arc::new(Mutex::new(console));
        let wizard = Wizard::Server(Arc::new(ServerWizard { session: Mutex::new(session), console, break_glass }));
        let slip_zone =
            Zone::parse(&config.locale.timezone).map_err(|e| Error::Config(format!("locale.timezone: {e}")))?;
        let slip_branding = config.branding;
        let slip_language = info.language;
        Ok(Self {
            started,
            wizard,
            data_dir: dir,
            console: ConsoleState::new(info.kiosk),
            info,
            slip_branding,
            slip_zone,
            slip_language,
            kiosk_slowdown: Mutex::default(),
        })
    }

    /// This machine's engine, for the administrators' console; a thin client has none: its
    /// console is the server's ([`AppState::remote_console`]), and the first administrator is
    /// made there.
    pub(crate) fn engine(&self) -> Result<&Arc<Engine>, CommandError> {
        match &self.wizard {
            Wizard::Local { engine, .. } => Ok(engine),
            Wizard::Server(_) => Err(CommandError::new(
                "console_on_server",
                "This app is a client of the school's Gatehouse server: its first administrator is made on the server.",
            )),
        }
    }

    /// A thin client's console on the school's server; `None` when the engine is this machine's.
    pub(crate) fn remote_console(&self) -> Option<Arc<Mutex<RemoteConsole>>> {
        match &self.wizard {
            Wizard::Server(server) => Some(Arc::clone(&server.console)),
            Wizard::Local { .. } => None,
        }
    }

    /// Now, by the engine's clock (the tests' clock when they set one), or the system's on a
    /// thin client.
    pub(crate) fn now(&self) -> Timestamp {
        match &self.wizard {
            Wizard::Local { engine, .. } => engine.now(),
            Wizard::Server(_) => SystemClock.now(),
        }
    }

    pub fn is_kiosk(&self) -> bool {
        self.info.kiosk.is_some()
    }
}

fn kiosk_settings(args: &Args, config: &Config) -> Option<KioskSettings> {
    (args.kiosk || config.kiosk.enabled).then(|| {
        let idle_seconds = args.idle_seconds.unwrap_or(config.kiosk.idle_seconds);
        KioskSettings { idle_seconds, countdown_seconds: config.kiosk.countdown_seconds.min(idle_seconds) }
    })
}

/// The signed-in administrator and what the console has made during the session.
#[derive(Default)]
pub struct ConsoleState {
    pub(crate) session: Mutex<Option<ConsoleSession>>,
    /// At a kiosk, the kiosk's idle time (`[kiosk] idle_seconds`): the console's session ends
    /// after that long without a command or the administrator's input in its window (DESIGN §6),
    /// not after the console's own 15 minutes — whatever the kiosk's window does meanwhile.
    kiosk_idle_seconds: Option<i64>,
    pub(crate) import_cancel: Arc<AtomicBool>,
    /// First run: the first administrator's details, waiting for their authenticator's code.
    pub(crate) first: Mutex<Option<Arc<FirstAdministrator>>>,
    /// An administrator's sign-in with a security key, waiting for the key's answer.
    pub(crate) key_sign_in: Mutex<Option<KeySignIn>>,
}

impl ConsoleState {
    /// A console with no session yet; at a kiosk (`kiosk`), its session lasts the kiosk's idle time.
    pub(crate) fn new(kiosk: Option<KioskSettings>) -> Self {
        Self { kiosk_idle_seconds: kiosk.map(|k| i64::from(k.idle_seconds)), ..Self::default() }
    }

    /// Opens the console's session for `identity` (signed in now).
    pub(crate) fn start(&self, identity: AdminIdentity, now: Timestamp) {
        let session = match self.kiosk_idle_seconds {
            Some(limit) => ConsoleSession::with_idle_limit(identity, now, limit),
            None => ConsoleSession::new(identity, now),
        };
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = Some(session);
    }

    /// The signed-in administrator (the session counts as used now), or why there is none.
    ///
    /// An idle session is refused but left for the console's idle check (`close_when_idle`) to
    /// end within a few seconds: ended here, that check would find no session and leave the
    /// window (and the temporary passwords it shows) open, and a kiosk's files would never be
    /// deleted.
    pub(crate) fn identity(&self, now: Timestamp) -> Result<AdminIdentity, CommandError> {
        let mut guard = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let Some(session) = guard.as_mut() else {
            return Err(CommandError::new("not_signed_in", "Please sign in as an administrator."));
        };
        if let Some(identity) = session.touch(now) {
            return Ok(identity.clone());
        }
        let message = match self.kiosk_idle_seconds {
            Some(_) => "The console was left idle at this kiosk. Please sign in again.",
            None => "The console was idle for 15 minutes. Please sign in again.",
        };
        Err(CommandError::new("session_expired", message))
    }

    pub(crate) fn remember(&self, path: &Path) {
        if let Some(s) = self.session.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            s.remember(path);
        }
    }

    pub(crate) fn made(&self, path: &Path) -> bool {
        self.session.lock().unwrap_or_else(|p| p.into_inner()).as_ref().is_some_and(|s| s.wrote(path))
    }

    /// `None` without a session; else whether it has been idle too long (not counted as a use):
    /// 15 minutes, or at a kiosk the kiosk's idle time.
    pub(crate) fn idle(&self, now: Timestamp) -> Option<bool> {
        self.session.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|s| s.is_idle(now))
    }

    /// How often an open console should look whether it is idle (`fallback` unless the kiosk's
    /// idle time is short enough that a few seconds matter).
    pub(crate) fn idle_check(&self, fallback: std::time::Duration) -> std::time::Duration {
        match self.kiosk_idle_seconds {
            Some(_) => fallback.min(std::time::Duration::from_secs(1)),
            None => fallback,
        }
    }

    /// Ends the session and gives the files it wrote (slips, audit exports).
    pub(crate) fn end_taking_files(&self) -> Vec<PathBuf> {
        let ended = self.session.lock().unwrap_or_else(|p| p.into_inner()).take();
        ended.map(|s| s.files().map(Path::to_owned).collect()).unwrap_or_default()
    }

    /// Ends the session (sign-out, or the console window closed).
    pub fn end(&self) {
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}
