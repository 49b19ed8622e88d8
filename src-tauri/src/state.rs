//! The app state Tauri manages: one wizard session over the engine, and the kiosk settings.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use gatehouse_core::blocking::AsyncSession;
use gatehouse_core::branding::Branding;
use gatehouse_core::{default_data_dir, demo, Engine, Error};
use serde::Serialize;

use crate::args::Args;
use crate::console::ConsoleState;

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
        let dir = data_dir(args)?;
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

fn data_dir(args: &Args) -> Result<PathBuf, Error> {
    match (&args.data_dir, args.demo) {
        (Some(d), _) => Ok(d.clone()),
        (None, false) => default_data_dir(),
        (None, true) => Ok(default_data_dir()?.join("demo")),
    }
}
