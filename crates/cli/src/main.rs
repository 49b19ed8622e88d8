//! `gatehouse-cli`: the wizard as JSON lines on stdin/stdout (`session`) and the administrator
//! commands (`admin …`). A thin transport over `gatehouse-core`.

mod admin;
mod admin_devices;
mod device;
mod output;
mod remote;
mod session;
#[cfg(unix)]
mod signals;
mod words;

/// Elsewhere a signal ends the process as it always does.
#[cfg(not(unix))]
mod signals {
    use std::path::Path;
    use std::sync::atomic::AtomicBool;

    pub fn stop_gently() -> &'static AtomicBool {
        static NEVER: AtomicBool = AtomicBool::new(false);
        &NEVER
    }

    pub struct Removal;

    impl Removal {
        pub fn of(_: &Path) -> Option<Self> {
            None
        }

        pub fn armed(&self, _: bool) {}
    }
}

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use gatehouse_core::config::{Config, CONFIG_FILE_NAME, DEFAULT_CONFIG_TOML};
use gatehouse_core::text::{Language, Text};
use gatehouse_core::{data_dir, demo, files, Engine, Error};

use crate::words::{Table, Words};

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

    /// The language of what is printed for people (confirmations, tables, errors): en, zh-Hans,
    /// ms or ta (JSON output and the wizard's JSON lines stay language-free: message ids with
    /// arguments) [default: the configuration's [locale] default_language, else English]
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
    // Rust ignores SIGPIPE, so a print after the reader went away (`admin audit | head`) panicked
    // (or, in a CSV writer, was reported as the store failing). A command that prints and ends
    // now ends there, as Unix tools do; `session` sees the broken pipe itself and ends its
    // session first.
    #[cfg(unix)]
    if !matches!(cli.command, Some(Command::Session { .. })) {
        // SAFETY: restores the default action of one signal before any other thread exists.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    }
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        // Colour only on a terminal: a log piped to a file or a test reads as plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(tracing_subscriber::EnvFilter::try_new(&cli.log).unwrap_or_else(|_| "warn".into()))
        .init();
    let json = matches!(&cli.command, Some(Command::Admin(a)) if a.json());
    // Commands that open the school read its language with its configuration; the others (and a
    // failure before that) read the configuration only when they have something to say.
    let demo = cli.demo || matches!(cli.command, Some(Command::Demo { .. }));
    let (chosen, data) = (cli.language, cli.data_dir.clone());
    let language = || chosen.or_else(|| configured_language(data.as_deref(), demo)).unwrap_or_default();
    match run(cli, &language) {
        Ok(code) => code,
        Err(e) => {
            tracing::debug!(error = ?e, "command failed");
            if json {
                println!("{}", serde_json::json!({ "error": gatehouse_core::ErrorBody::from(&e) }));
            }
            // The sentence in the chosen language; an error without one (a system failure) as is.
            let words = Words(language());
            let message = e.text().map_or_else(|| e.to_string(), |text| words.engine(&text));
            eprintln!("{}", words.say(Text::new("cli-error").arg("message", message)));
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

/// The command's language: `--language`, else the school's (read on first use through `language`).
fn run(cli: Cli, language: &dyn Fn() -> Language) -> Result<ExitCode, Error> {
    let command = cli.command.unwrap_or(Command::Session { qr: None });
    // `demo` as a command is the demo too: its own folder, never the school's data directory.
    let demo = cli.demo || matches!(command, Command::Demo { .. });
    let dir = data_dir(cli.data_dir.as_deref(), demo)?;
    if let Command::Config(c) = &command {
        return config_command(c, &dir, language);
    }
    if let Command::Device(d) = &command {
        return device::run(d, &dir, cli.language);
    }
    if let Command::Migrate { from, to, force, json } = &command {
        return migrate(&dir, from, to, *force, (!*json).then(|| Words(language())));
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
    if demo {
        demo::write_config(&dir)?;
    }
    let engine = Engine::open(&dir)?;
    let words = Words(cli.language.unwrap_or_else(|| engine.config().locale.language()));
    if demo {
        print_demo(&engine, &dir, words)?;
    }
    match command {
        Command::Session { qr } => session::run(engine, qr.as_deref()).map(|_| ExitCode::SUCCESS),
        Command::Admin(a) => admin::run(engine, a, words),
        Command::Demo { .. } | Command::Config(_) | Command::Device(_) | Command::Migrate { .. } => {
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn config_command(
    c: &ConfigCommand,
    dir: &std::path::Path,
    language: &dyn Fn() -> Language,
) -> Result<ExitCode, Error> {
    let path = dir.join(CONFIG_FILE_NAME);
    let said = |id| Words(language()).say(Text::new(id).arg("file", path.display()));
    match c {
        ConfigCommand::Path => println!("{}", path.display()),
        ConfigCommand::Show => print!("{}", Config::load(&path)?.to_toml()),
        ConfigCommand::Init => {
            if path.exists() {
                eprintln!("{}", said("cli-config-exists"));
            } else {
                files::write_new(&path, DEFAULT_CONFIG_TOML.as_bytes())
                    .map_err(|e| Error::Config(format!("cannot write {}: {e}", path.display())))?;
                eprintln!("{}", said("cli-config-written"));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `migrate`: opens both ends (a URL with the data directory's configuration and key, a
/// directory with its own), copies, and prints the count-by-table comparison (in `words`; as
/// JSON without).
fn migrate(dir: &std::path::Path, from: &str, to: &str, force: bool, words: Option<Words>) -> Result<ExitCode, Error> {
    let is_url = |place: &str| place.starts_with("postgres://") || place.starts_with("postgresql://");
    let open = |place: &str| {
        if is_url(place) {
            Engine::open_on(dir, Some(place))
        } else {
            Engine::open(std::path::Path::new(place))
        }
    };
    // A mistyped source directory is refused, not created empty.
    let source_dir = std::path::Path::new(from);
    if !is_url(from)
        && ![gatehouse_core::store::DB_FILE_NAME, CONFIG_FILE_NAME].iter().any(|f| source_dir.join(f).is_file())
    {
        return Err(Error::Refused(Text::new("migrate-source-missing").arg("dir", source_dir.display())));
    }
    let (source, destination) = (open(from)?, open(to)?);
    let report = gatehouse_core::migrate::copy(&source, &destination, force)?;
    let Some(words) = words else {
        println!("{}", serde_json::to_string(&report).map_err(|e| Error::Internal(e.to_string()))?);
        return Ok(ExitCode::SUCCESS);
    };
    let mut table = Table::new(words, &["cli-column-table", "cli-column-source", "cli-column-destination"]);
    for t in &report.tables {
        table.row(vec![t.table.to_string(), t.source.to_string(), t.destination.to_string()]);
    }
    table.print();
    println!("{}", words.say(Text::new("cli-migrated").num("count", report.resealed)));
    for left in &report.left_behind {
        println!(
            "{}",
            words.say(Text::new("cli-migrate-left-behind").arg("table", left.table).num("count", left.rows))
        );
    }
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

/// The id of a demo account's description in `cli.ftl`: `cli-demo-ada_lim-state`.
pub(crate) fn demo_message(login: &str, part: &str) -> String {
    let name = login.split('@').next().unwrap_or(login).to_ascii_lowercase();
    format!("cli-demo-{name}-{part}")
}

fn print_demo(engine: &Arc<Engine>, dir: &std::path::Path, words: Words) -> Result<(), Error> {
    let accounts = demo::seed(engine)?;
    eprintln!("{}", words.say(Text::new("cli-demo-school").arg("location", demo::LOCATION).arg("dir", dir.display())));
    eprintln!(
        "{}",
        words.say(
            Text::new("cli-demo-passwords")
                .arg("temporary", format!("{:?}", demo::TEMPORARY_PASSWORD))
                .arg("password", format!("{:?}", demo::PASSWORD))
        )
    );
    let mut table = Table::new(words, &["cli-column-login", "cli-column-temporary-password", "cli-column-state"]);
    table.header_hidden();
    for a in &accounts {
        let state = words.say(Text::from_id(demo_message(a.login, "state")));
        let try_this = words.say(Text::from_id(demo_message(a.login, "try")));
        table.row(vec![a.login.to_owned(), a.password.to_owned(), state]);
        table.row(vec![String::new(), String::new(), words.say(Text::new("cli-demo-try").arg("what", try_this))]);
    }
    for line in table.lines() {
        eprintln!("  {line}");
    }
    eprintln!("{}", words.word("cli-demo-session"));
    eprintln!(
        r#"  {{"action":"sign_in","login":"Ada_Lim@students.edu.sg","password":"{}"}}"#,
        demo::TEMPORARY_PASSWORD
    );
    Ok(())
}
