//! `gatehouse-cli admin …`: the administrator commands. Every command takes `--json` and then
//! prints exactly one JSON object on stdout (lists as `{"accounts": […]}`, a generated password
//! under `temporary_password`).

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use clap::{Args, Subcommand, ValueEnum};
use gatehouse_core::admin::{AccountView, Admin, CreateRequest, ImportReport, IssuedPassword};
use gatehouse_core::audit::{self, AuditQuery};
use gatehouse_core::store::AccountFilter;
use gatehouse_core::types::{AccountKind, Level, Location};
use gatehouse_core::{csv_cell, files};
use gatehouse_core::{Engine, Error};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

use crate::output::Common;

#[derive(Args)]
pub struct LoginArg {
    /// The account's login ID
    #[arg(long)]
    login: String,
}

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Create an account; its temporary password is printed once
    Create {
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["student", "school_staff", "hq_staff"])]
        kind: String,
        /// Students only: p1_3, p4_6, secondary, jc_mi
        #[arg(long)]
        level: Option<String>,
        /// School or division code
        #[arg(long)]
        location: Option<String>,
        /// Staff only: the address that receives email OTPs
        #[arg(long)]
        work_email: Option<String>,
        /// A shared (generic) staff account
        #[arg(long)]
        generic: bool,
        /// Administrator role (repeatable): sa, la, ao
        #[arg(long = "role")]
        roles: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Issue a new temporary password (printed once); the person goes through first sign-in again
    ResetPassword {
        #[command(flatten)]
        who: LoginArg,
        #[command(flatten)]
        common: Common,
    },
    /// Unlock an account locked by wrong passwords
    Unlock {
        #[command(flatten)]
        who: LoginArg,
        #[command(flatten)]
        common: Common,
    },
    /// Remove an account's challenge questions (they set new ones at their next first sign-in)
    ClearQuestions {
        #[command(flatten)]
        who: LoginArg,
        #[command(flatten)]
        common: Common,
    },
    /// Set (or with --clear remove) a staff account's work email
    SetWorkEmail {
        #[command(flatten)]
        who: LoginArg,
        #[arg(long, required_unless_present = "clear")]
        email: Option<String>,
        #[arg(long)]
        clear: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Add hardware tokens from a seed file: CSV (serial,secret[,digits,period]) or PSKC (RFC 6030)
    ImportTokens {
        file: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Free a hardware token: from the account it is bound to (lost or returned), or from the
    /// lock after too many wrong codes typed while enrolling it
    UnbindToken {
        #[arg(long)]
        serial: String,
        #[command(flatten)]
        common: Common,
    },
    /// List the hardware token stock: serials, free (or locked) or enrolled to whom
    Tokens {
        #[command(flatten)]
        common: Common,
    },
    /// Delete all of an account's authenticators (lost phone, shared account changing hands)
    DeleteAuthenticators {
        #[command(flatten)]
        who: LoginArg,
        #[command(flatten)]
        common: Common,
    },
    /// Show one account's state and authenticators (never a secret)
    Show {
        #[command(flatten)]
        who: LoginArg,
        #[command(flatten)]
        common: Common,
    },
    /// List accounts
    List {
        /// Part of the login ID or name
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        level: Option<String>,
        #[arg(long)]
        location: Option<String>,
        /// Only locked accounts
        #[arg(long)]
        locked: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Read or export the audit log (newest first)
    Audit {
        /// From this time (RFC 3339 or YYYY-MM-DD)
        #[arg(long)]
        since: Option<String>,
        /// Before this time (RFC 3339), or up to the end of this day (YYYY-MM-DD)
        #[arg(long)]
        until: Option<String>,
        #[arg(long)]
        actor: Option<String>,
        /// The login ID concerned
        #[arg(long)]
        subject: Option<String>,
        /// e.g. sign_in_failed, lockout, password_reset
        #[arg(long)]
        event: Option<String>,
        /// ok, failed or refused
        #[arg(long)]
        outcome: Option<String>,
        /// At most this many events (0 = all)
        #[arg(long, default_value_t = 100)]
        limit: usize,
        /// Output format (--json is the same as --format json)
        #[arg(long, value_enum, default_value_t = AuditFormat::Table)]
        format: AuditFormat,
        /// Write to this file instead of stdout
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// The machines registered with the school's server (enrolment codes, list, revoke)
    Device {
        #[command(subcommand)]
        cmd: crate::admin_devices::DeviceCommand,
    },
    /// Import accounts from a CSV file (header: login,name,kind,level,location[,work_email,generic,roles])
    Import {
        file: PathBuf,
        /// Where to write the temporary passwords for printing [default: FILE-passwords.csv]
        #[arg(long)]
        passwords_out: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum AuditFormat {
    Table,
    Csv,
    Json,
}

impl AdminCommand {
    pub fn json(&self) -> bool {
        match self {
            Self::Create { common, .. }
            | Self::ResetPassword { common, .. }
            | Self::Unlock { common, .. }
            | Self::ClearQuestions { common, .. }
            | Self::SetWorkEmail { common, .. }
            | Self::Show { common, .. }
            | Self::DeleteAuthenticators { common, .. }
            | Self::ImportTokens { common, .. }
            | Self::UnbindToken { common, .. }
            | Self::Tokens { common, .. }
            | Self::List { common, .. }
            | Self::Audit { common, .. }
            | Self::Import { common, .. } => common.json,
            Self::Device { cmd } => cmd.common().json,
        }
    }
}

/// The actor written to the audit log for command-line administration.
fn actor() -> String {
    let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into());
    format!("cli:{user}")
}

pub fn run(engine: Arc<Engine>, cmd: AdminCommand) -> Result<ExitCode, Error> {
    let json = cmd.json();
    let admin = Admin::new(engine, actor());
    match cmd {
        AdminCommand::Create { login, name, kind, level, location, work_email, generic, roles, .. } => {
            let req = CreateRequest { login, name, kind, level, location, work_email, generic, roles };
            let issued = admin.create(&req)?;
            print_issued(&admin, &issued, json, "Created")?;
        }
        AdminCommand::ResetPassword { who, .. } => {
            let issued = admin.reset_password(&who.login)?;
            print_issued(&admin, &issued, json, "Reset the password of")?;
        }
        AdminCommand::Unlock { who, .. } => print_account(&admin.unlock(&who.login)?, json, Some("Unlocked")),
        AdminCommand::ClearQuestions { who, .. } => {
            print_account(&admin.clear_questions(&who.login)?, json, Some("Cleared the challenge questions of"))
        }
        AdminCommand::SetWorkEmail { who, email, clear, .. } => {
            let email = if clear { None } else { email.as_deref() };
            print_account(&admin.set_work_email(&who.login, email)?, json, Some("Updated"))
        }
        AdminCommand::Show { who, .. } => {
            let view = admin.show(&who.login)?;
            let tokens = admin.authenticators(&who.login)?;
            if json {
                println!("{}", json!({ "account": view, "authenticators": tokens }));
            } else {
                print_account(&view, false, None);
                for t in &tokens {
                    println!(
                        "authenticator {}:    {} {:?}{}, {}",
                        t.id,
                        t.name,
                        t.comment,
                        t.serial.as_deref().map(|s| format!(" serial {s}")).unwrap_or_default(),
                        t.last_tested.as_deref().map(|d| format!("tested {d}")).unwrap_or_else(|| "not tested".into())
                    );
                }
            }
        }
        AdminCommand::ImportTokens { file, .. } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Error::Io(format!("cannot read {}: {e}", file.display())))?;
            let n = admin.import_tokens(&text)?;
            if json {
                println!("{}", json!({ "imported": n }));
            } else {
                println!("Imported {n} hardware token(s) from {}.", file.display());
            }
        }
        AdminCommand::Device { cmd } => crate::admin_devices::run(&admin, cmd, json)?,
        AdminCommand::Tokens { .. } => {
            let tokens = admin.tokens()?;
            if json {
                println!("{}", json!({ "tokens": tokens }));
            } else {
                println!("{:<20} {:<5} {:<7} ENROLLED TO", "SERIAL", "TYPE", "DIGITS");
                for t in &tokens {
                    println!(
                        "{:<20} {:<5} {:<7} {}",
                        t.serial,
                        t.kind,
                        t.digits,
                        t.bound_to.as_deref().unwrap_or(if t.locked {
                            "(free, locked: too many wrong codes)"
                        } else {
                            "(free)"
                        })
                    );
                }
            }
        }
        AdminCommand::DeleteAuthenticators { who, .. } => {
            let n = admin.delete_authenticators(&who.login)?;
            if json {
                println!("{}", json!({ "deleted": n, "account": admin.show(&who.login)? }));
            } else {
                println!("Deleted {n} authenticator(s) of {}.", who.login);
            }
        }
        AdminCommand::UnbindToken { serial, .. } => {
            admin.unbind_token(&serial)?;
            if json {
                println!("{}", json!({ "unbound": serial }));
            } else {
                println!("The hardware token {serial} is free again.");
            }
        }
        AdminCommand::List { search, kind, level, location, locked, .. } => {
            let filter = AccountFilter {
                text: search,
                kind: kind.as_deref().map(AccountKind::parse).transpose()?,
                level: level.as_deref().map(Level::parse).transpose()?,
                location: location.as_deref().map(Location::parse).transpose()?,
                locked: locked.then_some(true),
                limit: 0,
            };
            let accounts = admin.list(&filter)?;
            if json {
                println!("{}", json!({ "accounts": accounts }));
            } else {
                println!("{:<36} {:<12} {:<10} {:<10} STATE", "LOGIN", "KIND", "LEVEL", "LOCATION");
                for a in &accounts {
                    println!(
                        "{:<36} {:<12} {:<10} {:<10} {}",
                        a.login,
                        a.kind.as_str(),
                        a.level.map(|l| l.as_str()).unwrap_or("-"),
                        a.location,
                        a.state
                    );
                }
                println!("{} account(s)", accounts.len());
            }
        }
        AdminCommand::Audit { since, until, actor, subject, event, outcome, limit, format, output, .. } => {
            let query = AuditQuery {
                since: audit::parse_since(since.as_deref().unwrap_or_default())?,
                until: audit::parse_until(until.as_deref().unwrap_or_default())?,
                actor,
                subject,
                event,
                outcome,
                limit,
                offset: 0,
            };
            let entries = admin.audit(&query)?;
            let format = if json { AuditFormat::Json } else { format };
            let mut sink: Box<dyn Write> = match &output {
                Some(p) => Box::new(
                    files::create(p).map_err(|e| Error::Storage(format!("cannot write {}: {e}", p.display())))?,
                ),
                None => Box::new(std::io::stdout().lock()),
            };
            match format {
                AuditFormat::Json => audit::write_json(&entries, &mut sink)?,
                AuditFormat::Csv => audit::write_csv(&entries, &mut sink)?,
                AuditFormat::Table => {
                    for e in &entries {
                        writeln!(
                            sink,
                            "{}  {:<16} {:<8} {:<30} {:<24} {}",
                            e.at, e.event, e.outcome, e.subject, e.actor, e.detail
                        )
                        .map_err(|e| Error::Storage(e.to_string()))?;
                    }
                }
            }
            if let Some(p) = output {
                eprintln!("wrote {} event(s) to {}", entries.len(), p.display());
            }
        }
        AdminCommand::Import { file, passwords_out, .. } => return import(&admin, &file, passwords_out, json),
    }
    Ok(ExitCode::SUCCESS)
}

fn print_issued(admin: &Admin, issued: &IssuedPassword, json: bool, verb: &str) -> Result<(), Error> {
    let view = admin.show(&issued.login)?;
    if json {
        println!(
            "{}",
            json!({ "account": view, "temporary_password": issued.temporary_password.expose(), "expires": issued.expires })
        );
    } else {
        println!("{verb} {} ({}).", issued.login, describe(&view));
        println!("Temporary password (shown once): {}", issued.temporary_password.expose());
        println!("It expires {}; at first sign-in they set challenge questions and a new password.", issued.expires);
    }
    Ok(())
}

fn describe(v: &AccountView) -> String {
    let mut s = format!("{} at {}", v.kind.as_str(), v.location);
    if let Some(l) = v.level {
        s += &format!(", {}", l.as_str());
    }
    s
}

fn print_account(v: &AccountView, json: bool, verb: Option<&str>) {
    if json {
        println!("{}", json!({ "account": v }));
        return;
    }
    if let Some(verb) = verb {
        println!("{verb} {}.", v.login);
    }
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    println!("login:              {}", v.login);
    println!("name:               {}", v.name);
    println!("kind:               {}{}", v.kind.as_str(), if v.generic { " (generic)" } else { "" });
    println!("level:              {}", v.level.map(|l| l.as_str()).unwrap_or("-"));
    println!("location:           {}", v.location);
    println!(
        "roles:              {}",
        if v.roles.is_empty() { "-".into() } else { v.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ") }
    );
    println!("work email:         {}", opt(&v.work_email));
    println!("state:              {}", v.state);
    println!("locked since:       {}", opt(&v.locked_at));
    println!("failed passwords:   {}", v.failed_passwords);
    println!(
        "temporary password: {}",
        if v.has_temporary_password {
            format!("yes, expires {}", opt(&v.temporary_password_expires))
        } else {
            "no".into()
        }
    );
    println!("questions set:      {}", if v.questions_set { "yes" } else { "no" });
    println!(
        "self-service reset: {}",
        if v.self_service_blocked { "blocked (too many wrong answers)" } else { "available" }
    );
    println!("terms accepted:     {}", if v.terms_accepted { "yes" } else { "no" });
    println!("last sign-in:       {}", opt(&v.last_sign_in));
    println!("password changed:   {}", v.password_changed);
    println!("created:            {}", v.created);
}

fn default_passwords_path(file: &Path) -> PathBuf {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("import");
    file.with_file_name(format!("{stem}-passwords.csv"))
}

/// Exit codes: 0 every row imported, 2 some rows rejected (the good ones were imported).
fn import(admin: &Admin, file: &Path, passwords_out: Option<PathBuf>, json: bool) -> Result<ExitCode, Error> {
    let input = File::open(file).map_err(|e| Error::Io(format!("cannot read {}: {e}", file.display())))?;
    let out_path = passwords_out.unwrap_or_else(|| default_passwords_path(file));
    files::refuse_existing(&out_path, "passwords_out", "--passwords-out")?;
    let bar = ProgressBar::new(0);
    if json {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{spinner} importing [{bar:40}] {pos}/{len} accounts, {per_sec}, {eta} left")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let cancel = AtomicBool::new(false);
    let report = admin.import_csv(
        BufReader::new(input),
        &mut |p| {
            bar.set_length(p.total as u64);
            bar.set_position(p.done as u64);
        },
        &cancel,
    )?;
    bar.finish_and_clear();
    if !report.created.is_empty() {
        write_passwords(&out_path, &report)?;
    }
    let rate = report.created.len() as f64 / report.seconds.max(1e-9);
    if json {
        println!(
            "{}",
            json!({
                "rows": report.rows,
                "created": report.created.iter().map(|c| json!({"login": c.login, "expires": c.expires})).collect::<Vec<_>>(),
                "created_count": report.created.len(),
                "errors": report.errors,
                "passwords_file": (!report.created.is_empty()).then(|| out_path.display().to_string()),
                "seconds": report.seconds,
                "accounts_per_second": rate,
            })
        );
    } else {
        println!(
            "Imported {} of {} row(s) in {:.1} s ({:.0} accounts/s).",
            report.created.len(),
            report.rows,
            report.seconds,
            rate
        );
        for e in &report.errors {
            println!(
                "line {}: {}{}",
                e.line,
                e.login.as_deref().map(|l| format!("{l}: ")).unwrap_or_default(),
                e.reason
            );
        }
        if !report.created.is_empty() {
            println!(
                "Temporary passwords for printing: {} (readable only by you; delete it once handed out)",
                out_path.display()
            );
        }
    }
    Ok(if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

fn write_passwords(path: &Path, report: &ImportReport) -> Result<(), Error> {
    let fail = |e: &dyn std::fmt::Display| Error::Storage(format!("cannot write {}: {e}", path.display()));
    let file = files::create_new(path).map_err(|e| fail(&e))?;
    let mut w = csv::Writer::from_writer(file);
    csv_cell::write_record(&mut w, ["login", "name", "location", "level", "temporary_password", "expires"])
        .map_err(|e| fail(&e))?;
    for c in &report.created {
        csv_cell::write_record(
            &mut w,
            [
                c.login.as_str(),
                c.name.as_str(),
                c.location.as_str(),
                c.level.map(|l| l.as_str()).unwrap_or(""),
                c.temporary_password.expose(),
                c.expires.as_str(),
            ],
        )
        .map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))
}
