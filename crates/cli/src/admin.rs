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
use gatehouse_core::admin::{
    AccountEdit, AccountView, Admin, CreateRequest, ImportReport, IssuedPassword, MailView, PromoteRequest,
    PromotionReport,
};
use gatehouse_core::audit::{self, AuditQuery};
use gatehouse_core::clock::{iso_text, DEFAULT_LANGUAGE};
use gatehouse_core::store::AccountFilter;
use gatehouse_core::types::{AccountKind, ClassLabel, Level, Location};
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
        /// Students only: the class, e.g. 4A
        #[arg(long)]
        class: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Issue a new temporary password (printed once); the person goes through first sign-in
    /// again. With --class instead of --login: every student of that class
    ResetPassword {
        /// The account's login ID
        #[arg(long, required_unless_present = "class", conflicts_with = "class")]
        login: Option<String>,
        /// Every student of this class (e.g. 4A), at --location if given
        #[arg(long)]
        class: Option<String>,
        /// With --class: the school or division code
        #[arg(long, requires = "class")]
        location: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Change an account's name, level, location and/or class (--class "" removes the class)
    Edit {
        #[command(flatten)]
        who: LoginArg,
        #[arg(long)]
        name: Option<String>,
        /// Students only: p1_3, p4_6, secondary, jc_mi
        #[arg(long)]
        level: Option<String>,
        /// School or division code
        #[arg(long)]
        location: Option<String>,
        /// Students only: the class, e.g. 4A
        #[arg(long)]
        class: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Disable an account (an "inactive account": refused at sign-in and self-service reset)
    Disable {
        #[command(flatten)]
        who: LoginArg,
        #[command(flatten)]
        common: Common,
    },
    /// Enable a disabled account again
    Enable {
        #[command(flatten)]
        who: LoginArg,
        #[command(flatten)]
        common: Common,
    },
    /// Delete an account with its answers and authenticators (its audit history stays)
    Delete {
        #[command(flatten)]
        who: LoginArg,
        #[command(flatten)]
        common: Common,
    },
    /// Year-end promotion of a level or class: shows what would change; --yes applies it
    Promote {
        /// Students of this level (p1_3, p4_6, secondary, jc_mi)
        #[arg(long, required_unless_present = "class")]
        level: Option<String>,
        /// Students of this class (e.g. 3A)
        #[arg(long)]
        class: Option<String>,
        /// Students of this school or division code (default: every location)
        #[arg(long)]
        location: Option<String>,
        /// Their new level
        #[arg(long)]
        to_level: Option<String>,
        /// Their new class ("" removes it)
        #[arg(long, conflicts_with = "next_class")]
        to_class: Option<String>,
        /// Each to their next class: the first number one up (3A becomes 4A)
        #[arg(long)]
        next_class: bool,
        /// Apply the promotion (without it, only the preview is shown)
        #[arg(long)]
        yes: bool,
        /// Only show what would change (the default without --yes)
        #[arg(long, conflicts_with = "yes")]
        dry_run: bool,
        /// With --yes: refuse unless exactly this many students would change (the preview's count)
        #[arg(long, requires = "yes")]
        expect: Option<usize>,
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
    /// Show an account's undelivered mails in the outbox (no SMTP configured), newest first:
    /// email OTPs with their code, change notices (each read is audited)
    Mails {
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
        /// Only this class (any letter case)
        #[arg(long)]
        class: Option<String>,
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
    /// Import accounts from a CSV file (header: login,name,kind,level,location[,work_email,generic,roles,class])
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
            | Self::Edit { common, .. }
            | Self::Disable { common, .. }
            | Self::Enable { common, .. }
            | Self::Delete { common, .. }
            | Self::Promote { common, .. }
            | Self::Unlock { common, .. }
            | Self::ClearQuestions { common, .. }
            | Self::SetWorkEmail { common, .. }
            | Self::Show { common, .. }
            | Self::Mails { common, .. }
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
        AdminCommand::Create { login, name, kind, level, location, work_email, generic, roles, class, .. } => {
            let req = CreateRequest { login, name, kind, level, location, work_email, generic, roles, class };
            let issued = admin.create(&req)?;
            print_issued(&admin, &issued, json, "Created")?;
        }
        AdminCommand::ResetPassword { login: Some(login), .. } => {
            let issued = admin.reset_password(&login)?;
            print_issued(&admin, &issued, json, "Reset the password of")?;
        }
        AdminCommand::ResetPassword { login: None, class, location, .. } => {
            let issued = admin.reset_class(class.as_deref().unwrap_or_default(), location.as_deref())?;
            print_class_reset(&issued, json);
        }
        AdminCommand::Edit { who, name, level, location, class, .. } => {
            let changes = AccountEdit { name, level, location, class };
            print_account(&admin.edit(&who.login, &changes)?, json, Some("Updated"))
        }
        AdminCommand::Disable { who, .. } => print_account(&admin.disable(&who.login)?, json, Some("Disabled")),
        AdminCommand::Enable { who, .. } => print_account(&admin.enable(&who.login)?, json, Some("Enabled")),
        AdminCommand::Delete { who, .. } => {
            let gone = admin.delete(&who.login)?;
            if json {
                println!("{}", json!({ "deleted": true, "account": gone }));
            } else {
                println!("Deleted {} ({}); its audit history stays.", gone.login, describe(&gone));
            }
        }
        AdminCommand::Promote { level, class, location, to_level, to_class, next_class, yes, expect, .. } => {
            let req = PromoteRequest { level, class, location, to_level, to_class, next_class, expect };
            print_promotion(&admin.promote(&req, yes)?, json);
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
                        t.last_tested
                            .as_deref()
                            .map(|d| format!("tested {}", local(d)))
                            .unwrap_or_else(|| "not tested".into())
                    );
                }
            }
        }
        AdminCommand::Mails { who, .. } => print_mails(&admin.undelivered_mails(&who.login)?, &who.login, json),
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
        AdminCommand::List { search, kind, level, location, locked, class, .. } => {
            let filter = AccountFilter {
                text: search,
                kind: kind.as_deref().map(AccountKind::parse).transpose()?,
                level: level.as_deref().map(Level::parse).transpose()?,
                location: location.as_deref().map(Location::parse).transpose()?,
                locked: locked.then_some(true),
                class: class.as_deref().map(ClassLabel::parse).transpose()?,
                limit: 0,
            };
            let accounts = admin.list(&filter)?;
            if json {
                println!("{}", json!({ "accounts": accounts }));
            } else {
                println!("{:<36} {:<12} {:<10} {:<10} {:<8} STATE", "LOGIN", "KIND", "LEVEL", "LOCATION", "CLASS");
                for a in &accounts {
                    println!(
                        "{:<36} {:<12} {:<10} {:<10} {:<8} {}",
                        a.login,
                        a.kind.as_str(),
                        a.level.map(|l| l.as_str()).unwrap_or("-"),
                        a.location,
                        a.class.as_deref().unwrap_or("-"),
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
                            "{:<21} {:<16} {:<8} {:<30} {:<24} {}",
                            local(&e.at),
                            e.event,
                            e.outcome,
                            e.subject,
                            e.actor,
                            e.detail
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
        println!(
            "It expires {}; at first sign-in they set challenge questions and a new password.",
            local(&issued.expires)
        );
    }
    Ok(())
}

fn describe(v: &AccountView) -> String {
    let mut s = format!("{} at {}", v.kind.as_str(), v.location);
    if let Some(l) = v.level {
        s += &format!(", {}", l.as_str());
    }
    if let Some(c) = &v.class {
        s += &format!(", class {c}");
    }
    s
}

/// A class's new temporary passwords: `{"accounts": [{login, name, temporary_password, expires}]}`.
fn print_class_reset(issued: &[IssuedPassword], json: bool) {
    if json {
        let accounts: Vec<_> = issued
            .iter()
            .map(|i| json!({ "login": i.login, "name": i.name, "temporary_password": i.temporary_password.expose(), "expires": i.expires }))
            .collect();
        println!("{}", json!({ "accounts": accounts }));
        return;
    }
    println!("{:<36} {:<28} TEMPORARY PASSWORD (shown once)", "LOGIN", "NAME");
    for i in issued {
        println!("{:<36} {:<28} {}", i.login, i.name, i.temporary_password.expose());
    }
    println!(
        "Reset {} password(s); they expire {}.",
        issued.len(),
        issued.first().map(|i| local(&i.expires)).unwrap_or_else(|| "-".into())
    );
}

fn print_promotion(report: &PromotionReport, json: bool) {
    if json {
        println!("{}", json!(report));
        return;
    }
    let or_none = |s: Option<&str>| s.unwrap_or("-").to_owned();
    println!("{:<36} {:<22} {:<28} APPS", "LOGIN", "LEVEL", "CLASS");
    for p in &report.accounts {
        let level = format!("{} -> {}", or_none(p.level.map(|l| l.as_str())), or_none(p.to_level.map(|l| l.as_str())));
        let class = format!("{} -> {}", or_none(p.class.as_deref()), or_none(p.to_class.as_deref()));
        let gained = p.apps_gained.iter().map(|a| format!("+{a}"));
        let apps: Vec<String> = gained.chain(p.apps_lost.iter().map(|a| format!("-{a}"))).collect();
        println!("{:<36} {:<22} {:<28} {}", p.login, level, class, apps.join(" "));
    }
    if report.applied {
        println!("Promoted {} student(s).", report.count);
    } else {
        println!(
            "Preview only: {} student(s) would change. Run again with --yes (and --expect {}) to apply.",
            report.count, report.count
        );
    }
}

/// `{"mails": [{sent, subject, body, email_otp, expires, expired}]}`, or each mail under a
/// header line (an expired email OTP says so).
fn print_mails(mails: &[MailView], login: &str, json: bool) {
    if json {
        println!("{}", json!({ "mails": mails }));
        return;
    }
    if mails.is_empty() {
        println!("No undelivered mails for {login}.");
    }
    for m in mails {
        let expired = if m.expired { "  [expired: the code no longer works]" } else { "" };
        println!("=== {}  {}{expired}", local(&m.sent), m.subject);
        println!("{}", m.body.trim_end());
        println!();
    }
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
    let time = |o: &Option<String>| o.as_deref().map(local).unwrap_or_else(|| "-".into());
    println!("login:              {}", v.login);
    println!("name:               {}", v.name);
    println!("kind:               {}{}", v.kind.as_str(), if v.generic { " (generic)" } else { "" });
    println!("level:              {}", v.level.map(|l| l.as_str()).unwrap_or("-"));
    println!("location:           {}", v.location);
    println!("class:              {}", v.class.as_deref().unwrap_or("-"));
    println!(
        "roles:              {}",
        if v.roles.is_empty() { "-".into() } else { v.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ") }
    );
    println!("work email:         {}", opt(&v.work_email));
    println!("state:              {}", v.state);
    println!("locked since:       {}", time(&v.locked_at));
    println!("failed passwords:   {}", v.failed_passwords);
    println!(
        "temporary password: {}",
        if v.has_temporary_password {
            format!("yes, expires {}", time(&v.temporary_password_expires))
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
    println!("last sign-in:       {}", time(&v.last_sign_in));
    println!("password changed:   {}", local(&v.password_changed));
    println!("created:            {}", local(&v.created));
}

/// A time of the JSON output (ISO 8601 with the school's offset) as a person reads it.
fn local(iso: &str) -> String {
    iso_text(iso, DEFAULT_LANGUAGE)
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
