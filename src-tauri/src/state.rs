//! The app state Tauri manages: one wizard session over the engine, the console's session, and
//! the kiosk settings.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use gatehouse_core::blocking::AsyncSession;
use gatehouse_core::branding::Branding;
use gatehouse_core::clock::Timestamp;
use gatehouse_core::console::{AdminIdentity, ConsoleSession, FirstAdministrator};
use gatehouse_core::{data_dir, demo, Engine, Error};
use serde::Serialize;

use crate::args::Args;
use crate::error::CommandError;

pub struct AppState {
    /// When `run` began (the start-up time is logged from here).
    pub started: Instant,
    pub engine: Arc<Engine>,
    pub data_dir: PathBuf,
    pub session: AsyncSession,
    /// The administrators' console session (its own window).
    pub console: ConsoleState,
    pub info: AppInfo,
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
        if args.demo {
            demo::write_config(&dir)?;
        }
        let engine = Engine::open(&dir)?;
        if args.demo {
            demo::seed(&engine)?;
            tracing::info!(dir = %dir.display(), "demo school ready");
        }
        let config = engine.config();
        let kiosk = (args.kiosk || config.kiosk.enabled).then(|| {
            let idle_seconds = args.idle_seconds.unwrap_or(config.kiosk.idle_seconds);
            KioskSettings { idle_seconds, countdown_seconds: config.kiosk.countdown_seconds.min(idle_seconds) }
        });
        let info = AppInfo {
            version: env!("CARGO_PKG_VERSION"),
            kiosk,
            branding: Branding::load(&config.branding, &dir)?,
            demo: args.demo,
            first_run: gatehouse_core::console::needs_first_administrator(&engine)?,
        };
        Ok(Self {
            started,
            session: AsyncSession::new(Arc::clone(&engine)),
            engine,
            data_dir: dir,
            console: ConsoleState::default(),
            info,
        })
    }

    pub fn is_kiosk(&self) -> bool {
        self.info.kiosk.is_some()
    }
}

/// The signed-in administrator and what the console has made during the session.
#[derive(Default)]
pub struct ConsoleState {
    pub(crate) session: Mutex<Option<ConsoleSession>>,
    pub(crate) import_cancel: Arc<AtomicBool>,
    /// First run: the first administrator's details, waiting for their authenticator's code.
    pub(crate) first: Mutex<Option<Arc<FirstAdministrator>>>,
}

impl ConsoleState {
    /// The signed-in administrator (the session counts as used now), or why there is none.
    pub(crate) fn identity(&self, now: Timestamp) -> Result<AdminIdentity, CommandError> {
        let mut guard = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let Some(session) = guard.as_mut() else {
            return Err(CommandError::new("not_signed_in", "Please sign in as an administrator."));
        };
        if let Some(identity) = session.touch(now) {
            return Ok(identity.clone());
        }
        *guard = None;
        Err(CommandError::new("session_expired", "The console was idle for 15 minutes. Please sign in again."))
    }

    pub(crate) fn remember(&self, path: &Path) {
        if let Some(s) = self.session.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            s.remember(path);
        }
    }

    pub(crate) fn made(&self, path: &Path) -> bool {
        self.session.lock().unwrap_or_else(|p| p.into_inner()).as_ref().is_some_and(|s| s.wrote(path))
    }

    /// Ends the session (sign-out, or the console window closed).
    pub fn end(&self) {
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}
