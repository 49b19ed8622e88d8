//! `gatehouse-cli admin …`: the administrator commands. Every command takes `--json` and then
//! prints exactly one JSON object on stdout (lists as `{"accounts": […]}`, a generated password
//! under `temporary_password`).

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Subcommand, ValueEnum};
use gatehouse_core::admin::{
    rows_granting_roles, AccountEdit, AccountView, Admin, CreateRequest, ImportReport, IssuedPassword, MailView,
    PromoteRequest, PromotionReport,
};
use gatehouse_core::audit::{self, AuditQuery};
use gatehouse_core::store::AccountFilter;
use gatehouse_core::text::Text;
use gatehouse_core::tokens::PskcKey;
use gatehouse_core::types::{AccountKind, ClassLabel, Level, Location};
use gatehouse_core::{csv_cell, files};
use gatehouse_core::{Engine, Error};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;
use zeroize::Zeroizing;

use crate::output::{Common, Out};
use crate::words::{Table, Words};

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
        /// With --class: the school or division code (needed when that class is at more than one)
        #[arg(long, requires = "class")]
        location: Option<String>,
        /// With --class: that class at every location holding one
        #[arg(long, requires = "class", conflicts_with = "location")]
        all_locations: bool,
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
        /// Students of this school or division code (needed when they are at more than one)
        #[arg(long)]
        location: Option<String>,
        /// Students of every location (instead of --location)
        #[arg(long, conflicts_with = "location")]
        all_locations: bool,
        /// Their new level (one class at a time: needs --class)
        #[arg(long)]
        to_level: Option<String>,
        /// Their new class ("" removes it)
        #[arg(long, conflicts_with = "next_class")]
        to_class: Option<String>,
        /// Each to their next class: the first number one up (3A becomes 4A); never past the
        /// level's last year (6A of p4_6 is shown as leaving), nor again within 180 days
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
    /// Add hardware tokens from a seed file: CSV (serial,secret[,digits,period]) or PSKC (RFC 6030),
    /// its secrets plain or encrypted with a pre-shared key or a passphrase
    ImportTokens {
        file: PathBuf,
        /// An encrypted PSKC file's pre-shared key: a file holding it in hexadecimal (or its raw
        /// 16, 24 or 32 bytes)
        #[arg(long, value_name = "FILE", conflicts_with = "passphrase_file")]
        key_file: Option<PathBuf>,
        /// An encrypted PSKC file's passphrase: a file whose first line is it, or `-` to read it
        /// from stdin (never on the command line, where other users see it)
        #[arg(long, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
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
        /// From this time (RFC 3339), or from the start of this day in the school's time zone
        /// (YYYY-MM-DD)
        #[arg(long)]
        since: Option<String>,
        /// Before this time (RFC 3339), or up to the end of this day in the school's time zone
        /// (YYYY-MM-DD)
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
        /// Accept rows that give administrator roles (the `roles` column); without it such a
        /// file is refused before any account is made
        #[arg(long)]
        allow_roles: bool,
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

/// Runs `cmd`; what it prints for people is in `words`.
pub fn run(engine: Arc<Engine>, cmd: AdminCommand, words: Words) -> Result<ExitCode, Error> {
    let json = cmd.json();
    let out = Out { words, json };
    let admin = Admin::new(engine, actor());
    match cmd {
        AdminCommand::Create { login, name, kind, level, location, work_email, generic, roles, class, .. } => {
            let req = CreateRequest { login, name, kind, level, location, work_email, generic, roles, class };
            let issued = admin.create(&req)?;
            out.issued(&admin, &issued, "cli-created")?;
        }
        AdminCommand::ResetPassword { login: Some(login), .. } => {
            let issued = admin.reset_password(&login)?;
            out.issued(&admin, &issued, "cli-password-reset")?;
        }
        AdminCommand::ResetPassword { login: None, class, location, all_locations, .. } => {
            let class = class.as_deref().unwrap_or_default();
            let issued = admin.reset_class_in(class, location.as_deref(), all_locations)?;
            out.class_reset(&issued);
        }
        AdminCommand::Edit { who, name, level, location, class, .. } => {
            let changes = AccountEdit { name, level, location, class };
            out.account(&admin.edit(&who.login, &changes)?, Some("cli-updated"))
        }
        AdminCommand::Disable { who, .. } => out.account(&admin.disable(&who.login)?, Some("cli-disabled")),
        AdminCommand::Enable { who, .. } => out.account(&admin.enable(&who.login)?, Some("cli-enabled")),
        AdminCommand::Delete { who, .. } => {
            let gone = admin.delete(&who.login)?;
            if json {
                println!("{}", json!({ "deleted": true, "account": gone }));
            } else {
                println!(
                    "{}",
                    words.say(Text::new("cli-deleted").arg("login", &gone.login).arg("account", summary(words, &gone)))
                );
            }
        }
        AdminCommand::Promote {
            level,
            class,
            location,
            all_locations,
            to_level,
            to_class,
            next_class,
            yes,
            expect,
            ..
        } => {
            let req = PromoteRequest { level, class, location, to_level, to_class, next_class, expect, all_locations };
            out.promotion(&admin.promote(&req, yes)?);
        }
        AdminCommand::Unlock { who, .. } => out.account(&admin.unlock(&who.login)?, Some("cli-unlocked")),
        AdminCommand::ClearQuestions { who, .. } => {
            out.account(&admin.clear_questions(&who.login)?, Some("cli-questions-cleared"))
        }
        AdminCommand::SetWorkEmail { who, email, clear, .. } => {
            let email = if clear { None } else { email.as_deref() };
            out.account(&admin.set_work_email(&who.login, email)?, Some("cli-updated"))
        }
        AdminCommand::Show { who, .. } => {
            let view = admin.show(&who.login)?;
            let tokens = admin.authenticators(&who.login)?;
            let left = admin.recovery_codes_left(&who.login)?;
            if json {
                println!("{}", json!({ "account": view, "authenticators": tokens, "recovery_codes_left": left }));
            } else {
                let mut fields = out.fields(&view);
                for t in &tokens {
                    let tested = t.last_tested.as_deref().map_or_else(|| "none".to_owned(), |d| words.time(d));
                    let about = Text::new("cli-authenticator")
                        .arg("name", t.name)
                        .arg("comment", &t.comment)
                        .arg("serial", t.serial.as_deref().unwrap_or("none"))
                        .arg("tested", tested);
                    fields.push((words.say(Text::new("cli-field-authenticator").num("id", t.id.0)), words.say(about)));
                }
                let left = Text::new("cli-recovery-codes-left").num("count", left);
                fields.push((words.say(Text::new("cli-field-recovery-codes")), words.say(left)));
                words.fields(&fields);
            }
        }
        AdminCommand::Mails { who, .. } => out.mails(&admin.undelivered_mails(&who.login)?, &who.login),
        AdminCommand::ImportTokens { file, key_file, passphrase_file, .. } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Error::Io(format!("cannot read {}: {e}", file.display())))?;
            let key = pskc_key(key_file.as_deref(), passphrase_file.as_deref())?;
            let n = admin.import_tokens_with(&text, &key)?;
            if json {
                println!("{}", json!({ "imported": n }));
            } else {
                println!("{}", words.say(Text::new("cli-tokens-imported").num("count", n).arg("file", file.display())));
            }
        }
        AdminCommand::Device { cmd } => crate::admin_devices::run(&admin, cmd, out)?,
        AdminCommand::Tokens { .. } => {
            let tokens = admin.tokens()?;
            if json {
                println!("{}", json!({ "tokens": tokens }));
            } else {
                let columns = ["cli-column-serial", "cli-column-type", "cli-column-digits", "cli-column-enrolled-to"];
                let mut table = Table::new(words, &columns);
                for t in &tokens {
                    let free = || words.word(if t.locked { "cli-token-free-locked" } else { "cli-token-free" });
                    let to = t.bound_to.clone().unwrap_or_else(free);
                    table.row(vec![t.serial.clone(), t.kind.to_string(), t.digits.to_string(), to]);
                }
                table.print();
            }
        }
        AdminCommand::DeleteAuthenticators { who, .. } => {
            let n = admin.delete_authenticators(&who.login)?;
            if json {
                println!("{}", json!({ "deleted": n, "account": admin.show(&who.login)? }));
            } else {
                println!(
                    "{}",
                    words.say(Text::new("cli-authenticators-deleted").num("count", n).arg("login", &who.login))
                );
            }
        }
        AdminCommand::UnbindToken { serial, .. } => {
            admin.unbind_token(&serial)?;
            if json {
                println!("{}", json!({ "unbound": serial }));
            } else {
                println!("{}", words.say(Text::new("cli-token-unbound").arg("serial", &serial)));
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
                let columns = [
                    "cli-column-login",
                    "cli-column-kind",
                    "cli-column-level",
                    "cli-column-location",
                    "cli-column-class",
                    "cli-column-state",
                ];
                let mut table = Table::new(words, &columns);
                for a in &accounts {
                    table.row(vec![
                        a.login.clone(),
                        a.kind.as_str().to_owned(),
                        a.level.map_or("-", |l| l.as_str()).to_owned(),
                        a.location.clone(),
                        a.class.clone().unwrap_or_else(|| "-".into()),
                        a.state.to_string(),
                    ]);
                }
                table.print();
                println!("{}", words.say(Text::new("cli-account-count").num("count", accounts.len())));
            }
        }
        AdminCommand::Audit { since, until, actor, subject, event, outcome, limit, format, output, .. } => {
            let query = AuditQuery {
                since: audit::parse_since(since.as_deref().unwrap_or_default(), admin.engine().zone())?,
                until: audit::parse_until(until.as_deref().unwrap_or_default(), admin.engine().zone())?,
                actor,
                subject,
                event,
                outcome,
                limit,
                offset: 0,
            };
            let entries = admin.audit(&query)?;
            admin.record_audit_read(&query, true, entries.len())?;
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
                            words.time(&e.at),
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
                eprintln!(
                    "{}",
                    words.say(Text::new("cli-audit-written").num("count", entries.len()).arg("file", p.display()))
                );
            }
        }
        AdminCommand::Import { file, passwords_out, allow_roles, .. } => {
            return out.import(&admin, &file, passwords_out, allow_roles)
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The key or passphrase of an encrypted PSKC file, read from its file (`-`: stdin) and wiped
/// after use.
fn pskc_key(key_file: Option<&Path>, passphrase_file: Option<&Path>) -> Result<PskcKey, Error> {
    let read = |path: &Path| -> Result<Zeroizing<Vec<u8>>, Error> {
        let mut bytes = Zeroizing::new(Vec::new());
        let done = if path == Path::new("-") {
            std::io::stdin().lock().read_to_end(&mut bytes)
        } else {
            File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
        };
        done.map_err(|e| Error::Io(format!("cannot read {}: {e}", path.display())))?;
        Ok(bytes)
    };
    match (key_file, passphrase_file) {
        (Some(path), _) => PskcKey::from_key_file(&read(path)?).map_err(|t| Error::invalid("key_file", t)),
        (None, Some(path)) => {
            PskcKey::from_passphrase_file(&read(path)?).map_err(|t| Error::invalid("passphrase_file", t))
        }
        (None, None) => Ok(PskcKey::none()),
    }
}

/// `student at 0701, p4_6, class 4A`.
fn summary(words: Words, v: &AccountView) -> String {
    words.say(
        Text::new("cli-account-summary")
            .arg("kind", v.kind.as_str())
            .arg("location", &v.location)
            .arg("level", v.level.map_or("none", |l| l.as_str()))
            .arg("class", v.class.as_deref().unwrap_or("none")),
    )
}

impl Out {
    fn issued(self, admin: &Admin, issued: &IssuedPassword, said: &'static str) -> Result<(), Error> {
        let view = admin.show(&issued.login)?;
        if self.json {
            println!(
                "{}",
                json!({ "account": view, "temporary_password": issued.temporary_password.expose(), "expires": issued.expires })
            );
            return Ok(());
        }
        let words = self.words;
        println!("{}", words.say(Text::new(said).arg("login", &issued.login).arg("account", summary(words, &view))));
        words.print_secret(Text::new("cli-temporary-password"), "password", issued.temporary_password.expose());
        println!("{}", words.say(Text::new("cli-temporary-password-expires").arg("when", words.time(&issued.expires))));
        Ok(())
    }

    /// A class's new temporary passwords: `{"accounts": [{login, name, temporary_password, expires}]}`.
    fn class_reset(self, issued: &[IssuedPassword]) {
        if self.json {
            let accounts: Vec<_> = issued
                .iter()
                .map(|i| json!({ "login": i.login, "name": i.name, "temporary_password": i.temporary_password.expose(), "expires": i.expires }))
                .collect();
            println!("{}", json!({ "accounts": accounts }));
            return;
        }
        let words = self.words;
        let mut table = Table::new(words, &["cli-column-login", "cli-column-name", "cli-column-temporary-password"]);
        for i in issued {
            table.row(vec![i.login.clone(), i.name.clone(), i.temporary_password.expose().to_owned()]);
        }
        table.print();
        let when = issued.first().map_or_else(|| "-".into(), |i| words.time(&i.expires));
        println!("{}", words.say(Text::new("cli-class-reset").num("count", issued.len()).arg("when", when)));
    }

    fn promotion(self, report: &PromotionReport) {
        if self.json {
            println!("{}", json!(report));
            return;
        }
        let words = self.words;
        let or_none = |s: Option<&str>| s.unwrap_or("-").to_owned();
        let mut table =
            Table::new(words, &["cli-column-login", "cli-column-level", "cli-column-class", "cli-column-apps"]);
        for p in &report.accounts {
            let level =
                format!("{} -> {}", or_none(p.level.map(|l| l.as_str())), or_none(p.to_level.map(|l| l.as_str())));
            let class = format!("{} -> {}", or_none(p.class.as_deref()), or_none(p.to_class.as_deref()));
            let gained = p.apps_gained.iter().map(|a| format!("+{a}"));
            let apps: Vec<String> = gained.chain(p.apps_lost.iter().map(|a| format!("-{a}"))).collect();
            table.row(vec![p.login.clone(), level, class, apps.join(" ")]);
        }
        table.print();
        let who = |each: Vec<(&str, Option<&str>)>| -> String {
            let each = each.into_iter().map(|(login, class)| format!("{login} ({})", or_none(class)));
            each.collect::<Vec<_>>().join(", ")
        };
        let leaving: Vec<_> = report.leaving.iter().map(|u| (u.login.as_str(), u.class.as_deref())).collect();
        if !leaving.is_empty() {
            println!("{}", words.say(Text::new("cli-promotion-leaving").arg("who", who(leaving))));
        }
        let again: Vec<_> = report.already_promoted.iter().map(|u| (u.login.as_str(), u.class.as_deref())).collect();
        if !again.is_empty() {
            let text = Text::new("cli-promotion-already").num("days", PromotionReport::PROMOTED_WITHIN_DAYS);
            println!("{}", words.say(text.arg("who", who(again))));
        }
        let said = if report.applied { "cli-promoted" } else { "cli-promotion-preview" };
        println!("{}", words.say(Text::new(said).num("count", report.count)));
    }

    /// `{"mails": [{sent, subject, body, email_otp, expires, expired}]}`, or each mail under a
    /// header line (an expired email OTP says so).
    fn mails(self, mails: &[MailView], login: &str) {
        if self.json {
            println!("{}", json!({ "mails": mails }));
            return;
        }
        let words = self.words;
        if mails.is_empty() {
            println!("{}", words.say(Text::new("cli-no-mails").arg("login", login)));
        }
        for m in mails {
            let expired = if m.expired { format!("  {}", words.word("cli-mail-expired")) } else { String::new() };
            println!("=== {}  {}{expired}", words.time(&m.sent), m.subject);
            println!("{}", m.body.trim_end());
            println!();
        }
    }

    /// The account as JSON, or `said` (`Updated <login>.`) and its fields.
    fn account(self, v: &AccountView, said: Option<&'static str>) {
        if self.json {
            println!("{}", json!({ "account": v }));
            return;
        }
        if let Some(said) = said {
            println!("{}", self.words.say(Text::new(said).arg("login", &v.login)));
        }
        self.words.fields(&self.fields(v));
    }

    /// The account's fields, labelled in the run's language.
    fn fields(self, v: &AccountView) -> Vec<(String, String)> {
        let words = self.words;
        let dash = || "-".to_owned();
        let time = |o: &Option<String>| o.as_deref().map_or_else(dash, |t| words.time(t));
        let kind = if v.generic {
            words.say(Text::new("cli-generic").arg("kind", v.kind.as_str()))
        } else {
            v.kind.as_str().to_owned()
        };
        let roles = v.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ");
        let temporary = if v.has_temporary_password {
            words.say(Text::new("cli-temporary-password-until").arg("when", time(&v.temporary_password_expires)))
        } else {
            words.yes_no(false)
        };
        let self_service =
            if v.self_service_blocked { "cli-self-service-blocked" } else { "cli-self-service-available" };
        [
            ("cli-field-login", v.login.clone()),
            ("cli-field-name", v.name.clone()),
            ("cli-field-kind", kind),
            ("cli-field-level", v.level.map_or_else(dash, |l| l.as_str().to_owned())),
            ("cli-field-location", v.location.clone()),
            ("cli-field-class", v.class.clone().unwrap_or_else(dash)),
            ("cli-field-roles", if roles.is_empty() { dash() } else { roles }),
            ("cli-field-work-email", v.work_email.clone().unwrap_or_else(dash)),
            ("cli-field-state", v.state.to_string()),
            ("cli-field-locked-since", time(&v.locked_at)),
            ("cli-field-failed-passwords", v.failed_passwords.to_string()),
            ("cli-field-temporary-password", temporary),
            ("cli-field-questions-set", words.yes_no(v.questions_set)),
            ("cli-field-self-service", words.word(self_service)),
            ("cli-field-terms", words.yes_no(v.terms_accepted)),
            ("cli-field-last-sign-in", time(&v.last_sign_in)),
            ("cli-field-password-changed", words.time(&v.password_changed)),
            ("cli-field-created", words.time(&v.created)),
        ]
        .into_iter()
        .map(|(label, value)| (words.word(label), value))
        .collect()
    }
}

fn default_passwords_path(file: &Path) -> PathBuf {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("import");
    file.with_file_name(format!("{stem}-passwords.csv"))
}

impl Out {
    /// Exit codes: 0 every row imported, 2 some rows rejected (the good ones were imported).
    fn import(
        self,
        admin: &Admin,
        file: &Path,
        passwords_out: Option<PathBuf>,
        allow_roles: bool,
    ) -> Result<ExitCode, Error> {
        let (words, json) = (self.words, self.json);
        let started = std::time::Instant::now();
        let input = File::open(file).map_err(|e| Error::Io(format!("cannot read {}: {e}", file.display())))?;
        let parsed = admin.parse_import(BufReader::new(input))?;
        // A row that makes an administrator is easy to miss among 2,000: said by line, and only
        // with --allow-roles.
        let granting = rows_granting_roles(&parsed);
        if !granting.is_empty() && !allow_roles {
            let lines: Vec<String> = granting.iter().map(|g| g.line.to_string()).collect();
            return Err(Error::Refused(
                Text::new("import-roles-refused").num("count", granting.len()).arg("lines", lines.join(", ")),
            ));
        }
        let out_path = passwords_out.unwrap_or_else(|| default_passwords_path(file));
        files::refuse_existing(&out_path, "passwords_out", "--passwords-out")?;
        // Made before any account is: the temporary passwords are their only copy, and a file
        // that cannot be written (a read-only folder, a name taken meanwhile) must stop the
        // import rather than lose them.
        let out_file = files::create_new(&out_path)
            .map_err(|e| Error::Storage(format!("cannot write {}: {e}", out_path.display())))?;
        let bar = ProgressBar::new(0);
        if json {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        bar.set_style(
            ProgressStyle::with_template(&progress_template(words))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        // Each batch's passwords are in the file, on disk, before the batch is written: a
        // process stopped at any moment (a signal stops it between batches) keeps every one.
        let fail = |e: &dyn std::fmt::Display| Error::Storage(format!("cannot write {}: {e}", out_path.display()));
        let mut kept = csv::Writer::from_writer(out_file);
        csv_cell::write_record(&mut kept, PASSWORDS_HEADER).map_err(|e| fail(&e))?;
        let report = admin.import_parsed_keeping(
            parsed,
            started,
            &mut |p| {
                bar.set_length(p.total as u64);
                bar.set_position(p.done as u64);
            },
            crate::signals::stop_gently(),
            &mut |batch| {
                for c in batch {
                    write_password(&mut kept, c).map_err(|e| fail(&e))?;
                }
                kept.flush().map_err(|e| fail(&e))?;
                kept.get_ref().sync_data().map_err(|e| fail(&e))
            },
        );
        bar.finish_and_clear();
        drop(kept);
        let report = match report {
            Ok(report) if !report.created.is_empty() => {
                // Now exactly the accounts made (not a batch the store refused, nor a login
                // taken meanwhile), replacing the kept file in one step.
                rewrite_passwords(&out_path, &report).map_err(|e| {
                    Error::Storage(format!(
                        "{e}; {} still holds the temporary password of every account made, and perhaps rows of accounts not made",
                        out_path.display()
                    ))
                })?;
                report
            }
            // Nothing made, so nothing to keep: no file left behind.
            other => {
                let _ = std::fs::remove_file(&out_path);
                other?
            }
        };
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
                    "roles_granted": granting.iter().map(|g| json!({"line": g.line, "login": g.login, "roles": g.roles})).collect::<Vec<_>>(),
                    "seconds": report.seconds,
                    "accounts_per_second": rate,
                    "cancelled": report.cancelled,
                })
            );
        } else {
            let done = Text::new("cli-import-done")
                .num("created", report.created.len())
                .num("rows", report.rows)
                .arg("seconds", format!("{:.1}", report.seconds))
                .arg("rate", format!("{rate:.0}"));
            println!("{}", words.say(done));
            for e in &report.errors {
                let row = match &e.login {
                    Some(login) => Text::new("cli-import-row-login").arg("login", login),
                    None => Text::new("cli-import-row"),
                };
                println!("{}", words.say(row.num("line", e.line).arg("reason", words.engine(&e.text))));
            }
            let left = report.rows.saturating_sub(report.created.len() + report.errors.len());
            if report.cancelled && left > 0 {
                println!("{}", words.say(Text::new("cli-import-cancelled").num("left", left)));
            }
            if !report.created.is_empty() {
                println!("{}", words.say(Text::new("cli-import-passwords").arg("file", out_path.display())));
            }
            for g in &granting {
                let said =
                    Text::new("cli-import-roles").num("line", g.line).arg("login", &g.login).arg("roles", &g.roles);
                println!("{}", words.say(said));
            }
        }
        Ok(if report.errors.is_empty() && !report.cancelled { ExitCode::SUCCESS } else { ExitCode::from(2) })
    }
}

/// The import's progress line in `words`: indicatif's placeholders as the message's arguments.
fn progress_template(words: Words) -> String {
    let line = Text::new("cli-import-progress")
        .arg("bar", "[{bar:40}]")
        .arg("done", "{pos}")
        .arg("total", "{len}")
        .arg("rate", "{per_sec}")
        .arg("eta", "{eta}");
    format!("{{spinner}} {}", words.say(line))
}

/// The passwords file's columns.
const PASSWORDS_HEADER: [&str; 6] = ["login", "name", "location", "level", "temporary_password", "expires"];

fn write_password(w: &mut csv::Writer<File>, c: &IssuedPassword) -> csv::Result<()> {
    csv_cell::write_record(
        w,
        [
            c.login.as_str(),
            c.name.as_str(),
            c.location.as_str(),
            c.level.map(|l| l.as_str()).unwrap_or(""),
            c.temporary_password.expose(),
            c.expires.as_str(),
        ],
    )
}

/// Writes the report's passwords to `path` through a file beside it, renamed over it once on
/// disk: `path` holds the kept rows or these, never half of either.
fn rewrite_passwords(path: &Path, report: &ImportReport) -> Result<(), Error> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let fail = |e: &dyn std::fmt::Display| Error::Storage(format!("cannot write {}: {e}", partial.display()));
    let mut w = csv::Writer::from_writer(files::create(&partial).map_err(|e| fail(&e))?);
    csv_cell::write_record(&mut w, PASSWORDS_HEADER).map_err(|e| fail(&e))?;
    for c in &report.created {
        write_password(&mut w, c).map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))?;
    w.get_ref().sync_all().map_err(|e| fail(&e))?;
    std::fs::rename(&partial, path).map_err(|e| fail(&e))
}
