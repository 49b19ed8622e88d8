//! Command-line flags of the desktop app (the same names as `gatehouse-cli` where they overlap).

use std::path::PathBuf;

use clap::Parser;

#[derive(Debug, Parser)]
#[command(name = "gatehouse", version, about = "Gatehouse identity portal (desktop window)")]
pub struct Args {
    /// Data directory holding gatehouse.db and gatehouse.toml [default: the OS data directory;
    /// with --demo, its demo/ subfolder]
    #[arg(long, env = "GATEHOUSE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Use the demonstration school: seed it on first use (demo passwords in the README)
    #[arg(long)]
    pub demo: bool,

    /// Lab kiosk (DESIGN §6): full screen, undecorated, always on top, close refused, idle reset
    /// [default: `[kiosk] enabled` of gatehouse.toml]
    #[arg(long, env = "GATEHOUSE_KIOSK")]
    pub kiosk: bool,

    /// Kiosk: seconds without input before the session is discarded and sign-in shows again
    /// [default: `[kiosk] idle_seconds` of gatehouse.toml, 90]
    #[arg(long, value_parser = clap::value_parser!(u32).range(5..=3600))]
    pub idle_seconds: Option<u32>,

    /// Log filter for stderr (error, warn, info, debug)
    #[arg(long, env = "GATEHOUSE_LOG", default_value = "warn")]
    pub log: String,
}
