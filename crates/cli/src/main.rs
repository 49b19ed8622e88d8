//! `gatehouse-cli`: the wizard as JSON lines on stdin/stdout (`session`) and the administrator
//! commands (`admin …`). A thin transport over `gatehouse-core`.

mod admin;
mod admin_devices;
mod device;
mod output;
mod remote;
mod session;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use gatehouse_core::config::{Config, CONFIG_FILE_NAME, DEFAULT_CONFIG_TOML};
use gatehouse_core::text::Language;
use gatehouse_core::{data_dir, demo, files, Engine, Error};

#[derive(Parser)]
#[command(
    name = "gatehouse-cli",
    version,
    about = "Gatehouse identity portal: wizard session and administrator commands"
)]
struct Cli {
    /// Data directory holding gatehouse.db and gatehouse.toml [default: the OS data directory;
    /// with --demo, its demo/ subfolder]
    #[arg(long, global = true, env = "GATEHOUSE_DATA_DIR")]
    data_dir: Option<PathBuf>,

    /// Use the demonstration school: seed it if needed and print how to sign in
    #[arg(long, global = true)]
    demo: bool,

    /// The language of error messages on stderr: en, zh-Hans, ms or ta (JSON output and the
    /// wizard's JSON lines stay language-free: message ids with arguments) [default: the
    /// configuration's [locale] default_language, else English]
    #[arg(long, global = true, env = "GATEHOUSE_LANGUAGE", value_parser = parse_language)]
    language: Option<Language>,

    /// Log filter for stderr (error, warn, info, debug)
    #[arg(long, global = true, env = "GATEHOUSE_LOG", default_value = "warn")]
    log: String,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Drive the wizard: one JSON request per line on stdin, one JSON response per line on stdout
    Session {
        /// Whenever the screen is add_soft_token, also write its QR code as a PNG to this file
        #[arg(long)]
        qr: Option<PathBuf>,
    },
    /// Administrator commands (add --json for one JSON object on stdout)
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// Seed the demonstration school and print its accounts
    Demo {
        /// Start the demo school afresh (only in a data directory that holds nothing but the demo)
        #[arg(long)]
        reset: bool,
    },
    /// Configuration file commands
    #[command(subcommand)]
    Config(ConfigCommand),
    /// This machine as a registered device of the school's server (`[server] url`)
    #[command(subcommand)]
    Device(DeviceCommand),
    /// Copy a whole school (accounts, hashes, answers, authenticators, tokens, transfers, audit)
    /// into another store, typically a laptop's data directory into the school's PostgreSQL
    Migrate {
        /// Where the school is now: a data directory, or a postgres:// URL (read with the data
        /// directory's configuration and data key)
        #[arg(long, value_name = "DIR_OR_URL")]
        from: String,
        /// Where it goes: a postgres:// URL (or a data directory), opened with the data
        /// directory's configuration; its 2FA secrets are sealed with that configuration's key
        #[arg(long, value_name = "DIR_OR_URL")]
        to: String,
        /// Copy into a destination that already holds accounts or audit records (a row present
        /// in both stops the copy with nothing written)
        #[arg(long)]
        force: bool,
        /// Print the count-by-table comparison as one JSON object
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum DeviceCommand {
    /// Exchange a one-time enrolment code from the console for this machine's own credential,
    /// kept in the OS keyring (or, with `[secrets] key_store = "file"`, in device.credential)
    Register {
        /// The enrolment code an administrator issued
        #[arg(long, env = "GATEHOUSE_ENROLMENT_CODE")]
        code: String,
        /// The machine's name as the audit log and the console show it, e.g. lab2-kiosk07 (letters,
        /// digits, dots, dashes and underscores)
        #[arg(long)]
        name: String,
        /// A lab kiosk: also make its break-glass code, printed once (only its hash is kept)
        #[arg(long)]
        kiosk: bool,
    },
    /// Remove this machine's device credential (the server keeps the device until it is revoked)
    Forget,
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Write the documented default gatehouse.toml into the data directory (if absent)
    Init,
    /// Print the effective configuration (defaults merged with gatehouse.toml)
    Show,
    /// Print the configuration file's path
    Path,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_new(&cli.log).unwrap_or_else(|_| "warn".into()))
        .init();
    let json = matches!(&cli.command, Some(Command::Admin(a)) if a.json());
    // Only a failure reads the configuration for its language: a success costs no extra read.
    let (chosen, data, demo) = (cli.language, cli.data_dir.clone(), cli.demo);
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            tracing::debug!(error = ?e, "command failed");
            if json {
                println!("{}", serde_json::json!({ "error": gatehouse_core::ErrorBody::from(&e) }));
            }
            // The sentence in the chosen language; an error without one (a system failure) as is.
            match e.text() {
                Some(text) => {
                    let language = chosen.or_else(|| configured_language(data.as_deref(), demo));
                    eprintln!("error: {}", text.format(language.unwrap_or_default()));
                }
                None => eprintln!("error: {e}"),
            }
            ExitCode::FAILURE
        }
    }
}

fn parse_language(tag: &str) -> Result<Language, String> {
    Language::parse(tag).ok_or_else(|| format!("{tag:?} is not one of en, zh-Hans, ms, ta"))
}

/// `[locale] default_language` of the data directory's configuration, when it can be read (a
/// failure to read it is the command's own error, reported in English).
fn configured_language(data: Option<&std::path::Path>, demo: bool) -> Option<Language> {
    let dir = data_dir(data, demo).ok()?;
    Config::load(&dir.join(CONFIG_FILE_NAME)).ok().map(|c| c.locale.language())
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let dir = data_dir(cli.data_dir.as_deref(), cli.demo)?;
    let command = cli.command.unwrap_or(Command::Session { qr: None });
    if let Command::Config(c) = &command {
        return config_command(c, &dir);
    }
    if let Command::Device(d) = &command {
        return device::run(d, &dir);
    }
    if let Command::Migrate { from, to, force, json } = &command {
        return migrate(&dir, from, to, *force, *json);
    }
    if let (Command::Session { qr }, false) = (&command, cli.demo) {
        // A thin client (`[server] url`): no database and no data key on this machine.
        let config = Config::load(&dir.join(CONFIG_FILE_NAME))?;
        if !config.server.url.is_empty() {
            if qr.is_some() {
                return Err(Error::Config("--qr is not available with [server] url".into()));
            }
            return remote::run(&config, &dir).map(|_| ExitCode::SUCCESS);
        }
    }
    if let Command::Demo { reset: true } = command {
        reset_demo(&dir)?;
    }
    let demo = cli.demo || matches!(command, Command::Demo { .. });
    if demo {
        demo::write_config(&dir)?;
    }
    let engine = Engine::open(&dir)?;
    if demo {
        print_demo(&engine, &dir)?;
    }
    match command {
        Command::Session { qr } => session::run(engine, qr.as_deref()).map(|_| ExitCode::SUCCESS),
        Command::Admin(a) => admin::run(engine, a),
        Command::Demo { .. } | Command::Config(_) | Command::Device(_) | Command::Migrate { .. } => {
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn config_command(c: &ConfigCommand, dir: &std::path::Path) -> Result<ExitCode, Error> {
    let path = dir.join(CONFIG_FILE_NAME);
    match c {
        ConfigCommand::Path => println!("{}", path.display()),
        ConfigCommand::Show => print!("{}", Config::load(&path)?.to_toml()),
        ConfigCommand::Init => {
            if path.exists() {
                eprintln!("{} exists; left as it is", path.display());
            } else {
                files::write_new(&path, DEFAULT_CONFIG_TOML.as_bytes())
                    .map_err(|e| Error::Config(format!("cannot write {}: {e}", path.display())))?;
                eprintln!("wrote {}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `migrate`: opens both ends (a URL with the data directory's configuration and key, a
/// directory with its own), copies, and prints the count-by-table comparison.
fn migrate(dir: &std::path::Path, from: &str, to: &str, force: bool, json: bool) -> Result<ExitCode, Error> {
    let open = |place: &str| {
        if place.starts_with("postgres://") || place.starts_with("postgresql://") {
            Engine::open_on(dir, Some(place))
        } else {
            Engine::open(std::path::Path::new(place))
        }
    };
    let (source, destination) = (open(from)?, open(to)?);
    let report = gatehouse_core::migrate::copy(&source, &destination, force)?;
    if json {
        println!("{}", serde_json::to_string(&report).map_err(|e| Error::Internal(e.to_string()))?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{:<16} {:>10} {:>12}", "table", "source", "destination");
    for t in &report.tables {
        println!("{:<16} {:>10} {:>12}", t.table, t.source, t.destination);
    }
    println!("Copied; every table matches. {} 2FA secret(s) sealed with the destination's key.", report.resealed);
    Ok(ExitCode::SUCCESS)
}

/// Deletes the demo database, but only when every account in it belongs to the demo school.
fn reset_demo(dir: &std::path::Path) -> Result<(), Error> {
    let db = dir.join(gatehouse_core::store::DB_FILE_NAME);
    if !db.exists() {
        return Ok(());
    }
    demo::check_resettable(&*Engine::open(dir)?, dir)?;
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| Error::Storage(format!("cannot remove {}: {e}", p.display())))?;
        }
    }
    Ok(())
}

fn print_demo(engine: &Arc<Engine>, dir: &std::path::Path) -> Result<(), Error> {
    let accounts = demo::seed(engine)?;
    eprintln!("Gatehouse demo school {} in {}", demo::LOCATION, dir.display());
    eprintln!(
        "Demo-only passwords: temporary {:?}, set up {:?}; answers yellow / hamster / The Good Earth.",
        demo::TEMPORARY_PASSWORD,
        demo::PASSWORD
    );
    for a in &accounts {
        eprintln!("  {:<28} {:<22} {}", a.login, a.password, a.state);
        eprintln!("  {:<28} try: {}", "", a.try_this);
    }
    eprintln!("Type one JSON request per line; the session starts on sign_in, e.g.");
    eprintln!(
        r#"  {{"action":"sign_in","login":"Ada_Lim@students.edu.sg","password":"{}"}}"#,
        demo::TEMPORARY_PASSWORD
    );
    Ok(())
}
