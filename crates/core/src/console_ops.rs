//! The console's operations as data (issue 14 §1): one request type, tagged by `op`, and one
//! function that runs it as a signed-in administrator — so the console is the same whether its
//! window talks to the engine on this machine or to the school's `gatehouse-server` over HTTPS.
//! Scope, audit and refusals are the core's `Admin`'s; this module only names the operations.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::admin::{AccountEdit, AccountView, Admin, CreateRequest, IssuedPassword, PromoteRequest};
use crate::audit::{self, AuditEntry, AuditQuery};
use crate::clock::Zone;
use crate::error::Error;
use crate::slips;
use crate::store::{AccountFilter, TransferDecision};
use crate::text::Text;
use crate::tokens::PskcKey;
use crate::twofactor::AuthenticatorView;
use crate::types::{AccountKind, ClassLabel, Level, Location, SecretString, TransferId};

/// Audit rows per page at most.
pub const MAX_PAGE: usize = 500;
/// Accounts one search answers at most.
const MAX_SEARCH: usize = 500;
/// Good rows one `import` request may hold: at one Argon2id hash per row on a server's cores it
/// finishes well within a request's time limit, so the temporary passwords always reach the
/// administrator. The console sends a larger file in parts.
pub const MAX_IMPORT_ROWS: usize = 500;

/// An account search (empty fields: any).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Search {
    pub text: String,
    pub kind: String,
    pub level: String,
    pub location: String,
    /// A class, e.g. `4A` (any letter case).
    pub class: String,
    pub locked: bool,
}

impl Search {
    pub fn filter(&self) -> Result<AccountFilter, Error> {
        Ok(AccountFilter {
            text: non_empty(&self.text).map(str::to_owned),
            kind: non_empty(&self.kind).map(AccountKind::parse).transpose()?,
            level: non_empty(&self.level).map(Level::parse).transpose()?,
            location: non_empty(&self.location).map(Location::parse).transpose()?,
            locked: self.locked.then_some(true),
            class: non_empty(&self.class).map(ClassLabel::parse).transpose()?,
            limit: MAX_SEARCH,
        })
    }
}

/// A new account as the console's form sends it (empty fields: none).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    pub login: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub work_email: String,
    #[serde(default)]
    pub class: String,
    /// Staff only: a shared (generic) account.
    #[serde(default)]
    pub generic: bool,
    /// Staff only: roles to grant (`sa`, `la`, `ao`); only roles the administrator holds.
    #[serde(default)]
    pub roles: Vec<String>,
}

impl NewAccount {
    pub fn request(self) -> CreateRequest {
        CreateRequest {
            login: self.login,
            name: self.name,
            kind: self.kind,
            level: non_empty(&self.level).map(str::to_owned),
            location: non_empty(&self.location).map(str::to_owned),
            work_email: non_empty(&self.work_email).map(str::to_owned),
            class: non_empty(&self.class).map(str::to_owned),
            generic: self.generic,
            roles: self.roles,
        }
    }
}

/// An audit log filter and page (empty fields: any).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditFilter {
    pub since: String,
    pub until: String,
    pub actor: String,
    pub subject: String,
    pub event: String,
    pub outcome: String,
    pub limit: usize,
    pub offset: usize,
}

impl AuditFilter {
    /// The query for one page: one row more than the page, to tell whether there is a next. A
    /// date is a day of the school's `zone`.
    pub fn query(&self, zone: &Zone) -> Result<AuditQuery, Error> {
        let text = |s: &str| non_empty(s).map(str::to_owned);
        Ok(AuditQuery {
            since: audit::parse_since(&self.since, zone)?,
            until: audit::parse_until(&self.until, zone)?,
            actor: text(&self.actor),
            subject: text(&self.subject),
            event: text(&self.event),
            outcome: text(&self.outcome),
            limit: self.limit.clamp(1, MAX_PAGE) + 1,
            offset: self.offset,
        })
    }
}

/// One account's page: its state and its authenticators (never a secret).
#[derive(Debug, Serialize)]
pub struct AccountPage {
    pub account: AccountView,
    pub authenticators: Vec<AuthenticatorView>,
    /// How many recovery codes the person has left (never the codes).
    pub recovery_codes_left: usize,
}

impl AccountPage {
    pub fn of(admin: &Admin, login: &str) -> Result<Self, Error> {
        Ok(Self {
            account: admin.show(login)?,
            authenticators: admin.authenticators(login)?,
            recovery_codes_left: admin.recovery_codes_left(login)?,
        })
    }
}

/// One page of the audit log, newest first.
#[derive(Debug, Serialize)]
pub struct AuditPage {
    pub events: Vec<AuditEntry>,
    pub offset: usize,
    pub more: bool,
}

impl AuditPage {
    pub fn of(admin: &Admin, filter: &AuditFilter) -> Result<Self, Error> {
        let query = filter.query(admin.engine().zone())?;
        let mut events = admin.audit(&query)?;
        let more = events.len() == query.limit;
        events.truncate(query.limit - 1);
        // Every page, not only the first: a client chooses its offset, and a script that starts
        // at 1 would otherwise read a person's whole history unrecorded.
        admin.record_audit_read(&query, false, events.len())?;
        Ok(Self { events, offset: filter.offset, more })
    }
}

/// `unlock`, `clear_questions` or `delete_authenticators` on one account.
pub fn account_action(admin: &Admin, login: &str, action: &str) -> Result<AccountPage, Error> {
    match action {
        "unlock" => drop(admin.unlock(login)?),
        "clear_questions" => drop(admin.clear_questions(login)?),
        "delete_authenticators" => drop(admin.delete_authenticators(login)?),
        other => return Err(Error::invalid("action", Text::new("unknown-action").arg("name", other))),
    }
    AccountPage::of(admin, login)
}

/// A console operation, as `{"op": "…", …its fields}`.
#[derive(Debug, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum ConsoleRequest {
    /// Accounts matching a search (at most 500).
    Search { search: Search },
    /// One account's page.
    Account { login: String },
    /// `unlock`, `clear_questions` or `delete_authenticators`; the account's new page.
    Action { login: String, action: String },
    /// The work email that receives email OTPs (empty: none).
    SetWorkEmail { login: String, email: String },
    /// LA: asks to move an account of their location (its AO decides).
    RequestTransfer { login: String, to_location: String },
    /// The pending transfer requests this administrator may decide.
    Transfers,
    /// AO: approves (the account moves) or rejects a pending transfer.
    DecideTransfer { id: TransferId, approve: bool },
    /// Creates an account; its temporary password and a printable slip.
    Create { account: NewAccount },
    /// Resets the passwords of `logins`; their temporary passwords and slips.
    Reset { logins: Vec<String> },
    /// Resets the passwords of every student of a class (at `location`: the operator's
    /// choice; a console administrator's own); their temporary passwords and slips.
    ResetClass {
        class: String,
        #[serde(default)]
        location: String,
    },
    /// Changes an account's name, level, location and/or class (absent: unchanged; an empty
    /// class removes it); the account's new page.
    Edit { login: String, changes: AccountEdit },
    /// Disables an account (refused at sign-in with `account_disabled`); its new page.
    Disable { login: String },
    /// Enables a disabled account; its new page.
    Enable { login: String },
    /// Deletes an account (the audit log keeps its history); the account as it was.
    Delete { login: String },
    /// The account's undelivered mails in the outbox (no SMTP configured), newest first, as
    /// `{"mails": […]}`; each read audited.
    Mails { login: String },
    /// A year-end promotion of a level or class: with `preview` what would change, without it
    /// applied (each account audited); `promote.expect` guards against changes in between.
    Promote { promote: PromoteRequest, preview: bool },
    /// The hardware token stock.
    Tokens,
    /// Imports hardware tokens (the vendor's CSV or PSKC); how many. An encrypted PSKC file comes
    /// with its key file's bytes (base64) and/or its passphrase; the file says which it needs.
    ImportTokens {
        /// The seed file: the tokens' secrets (in clear in a CSV), wiped after use and never
        /// printed by `Debug`.
        text: SecretString,
        #[serde(default)]
        key_file: Option<SecretString>,
        #[serde(default)]
        passphrase: Option<SecretString>,
    },
    /// Frees a bound hardware token; the stock after.
    UnbindToken { serial: String },
    /// One page of the audit log.
    Audit { filter: AuditFilter },
    /// Every event the filter matches, as CSV.
    AuditCsv { filter: AuditFilter },
    /// Reads an import file without writing anything, not even an audit record: its rows, the
    /// good ones, the bad ones. A login taken outside the administrator's scope reads as free.
    ImportCheck { csv: String },
    /// Creates the good rows of an import file (at most [`MAX_IMPORT_ROWS`]); their temporary
    /// passwords and slips, and the bad rows by line.
    Import { csv: String },
}

impl ConsoleRequest {
    /// Whether the operation, once begun, must run to its end with its answer delivered: it
    /// issues temporary passwords as it goes (an import commits its rows in batches), so an
    /// answer cut off by a timeout would leave accounts whose passwords nobody saw. A server
    /// serves these without its request timeout once their body is read, and a client waits.
    pub fn must_finish(&self) -> bool {
        match self {
            Self::Create { .. } | Self::Reset { .. } | Self::ResetClass { .. } | Self::Import { .. } => true,
            Self::Search { .. }
            | Self::Account { .. }
            | Self::Action { .. }
            | Self::SetWorkEmail { .. }
            | Self::RequestTransfer { .. }
            | Self::Transfers
            | Self::DecideTransfer { .. }
            | Self::Edit { .. }
            | Self::Disable { .. }
            | Self::Enable { .. }
            | Self::Delete { .. }
            | Self::Mails { .. }
            | Self::Promote { .. }
            | Self::Tokens
            | Self::ImportTokens { .. }
            | Self::UnbindToken { .. }
            | Self::Audit { .. }
            | Self::AuditCsv { .. }
            | Self::ImportCheck { .. } => false,
        }
    }
}

/// [`ConsoleRequest::must_finish`] of a request as a client sends it (`{"op": …}`); false for
/// one that is no request (the server refuses it at once).
pub fn must_finish(request: &Value) -> bool {
    ConsoleRequest::deserialize(request).is_ok_and(|r| r.must_finish())
}

/// Runs `request` as `admin`; the answer as JSON. Temporary passwords come back in `issued` and
/// the slips as a PDF in base64 (`slips_pdf`): both only to the administrator who asked.
pub fn run(admin: &Admin, request: ConsoleRequest) -> Result<Value, Error> {
    Ok(match request {
        ConsoleRequest::Search { search } => to_json(&admin.list(&search.filter()?)?)?,
        ConsoleRequest::Account { login } => to_json(&AccountPage::of(admin, &login)?)?,
        ConsoleRequest::Action { login, action } => to_json(&account_action(admin, &login, &action)?)?,
        ConsoleRequest::SetWorkEmail { login, email } => to_json(&admin.set_work_email(&login, non_empty(&email))?)?,
        ConsoleRequest::RequestTransfer { login, to_location } => {
            to_json(&admin.request_transfer(&login, &to_location)?)?
        }
        ConsoleRequest::Transfers => to_json(&admin.pending_transfers()?)?,
        ConsoleRequest::DecideTransfer { id, approve } => {
            let decision = if approve { TransferDecision::Approved } else { TransferDecision::Rejected };
            to_json(&admin.decide_transfer(id, decision)?)?
        }
        ConsoleRequest::Create { account } => issued(admin, vec![admin.create(&account.request())?])?,
        ConsoleRequest::Reset { logins } => {
            if logins.is_empty() {
                return Err(Error::invalid("logins", Text::new("console-select-accounts")));
            }
            issued(admin, admin.reset_passwords(&logins)?)?
        }
        ConsoleRequest::ResetClass { class, location } => {
            issued(admin, admin.reset_class(&class, non_empty(&location))?)?
        }
        ConsoleRequest::Edit { login, changes } => {
            admin.edit(&login, &changes)?;
            to_json(&AccountPage::of(admin, &login)?)?
        }
        ConsoleRequest::Disable { login } => {
            admin.disable(&login)?;
            to_json(&AccountPage::of(admin, &login)?)?
        }
        ConsoleRequest::Enable { login } => {
            admin.enable(&login)?;
            to_json(&AccountPage::of(admin, &login)?)?
        }
        ConsoleRequest::Delete { login } => json!({ "deleted": admin.delete(&login)? }),
        ConsoleRequest::Mails { login } => json!({ "mails": admin.undelivered_mails(&login)? }),
        ConsoleRequest::Promote { promote, preview } => to_json(&admin.promote(&promote, !preview)?)?,
        ConsoleRequest::Tokens => to_json(&admin.tokens()?)?,
        ConsoleRequest::ImportTokens { text, key_file, passphrase } => {
            let key = pskc_key(key_file.as_ref(), passphrase.as_ref())?;
            json!({ "imported": admin.import_tokens_with(text.expose(), &key)? })
        }
        ConsoleRequest::UnbindToken { serial } => {
            admin.unbind_token(&serial)?;
            to_json(&admin.tokens()?)?
        }
        ConsoleRequest::Audit { filter } => to_json(&AuditPage::of(admin, &filter)?)?,
        ConsoleRequest::AuditCsv { filter } => {
            let query = AuditQuery { limit: 0, offset: 0, ..filter.query(admin.engine().zone())? };
            let mut out = Vec::new();
            let events = admin.audit(&query)?;
            audit::write_csv(&events, &mut out)?;
            admin.record_audit_read(&query, true, events.len())?;
            json!({ "csv": String::from_utf8_lossy(&out) })
        }
        ConsoleRequest::ImportCheck { csv } => {
            let (good, errors, rows) = admin.parse_import(csv.as_bytes())?;
            json!({ "rows": rows, "good": good.len(), "errors": errors })
        }
        ConsoleRequest::Import { csv } => import(admin, &csv)?,
    })
}

fn import(admin: &Admin, csv: &str) -> Result<Value, Error> {
    let started = std::time::Instant::now();
    // Read once: the import audits the rows the scope refuses as it begins (once each).
    let parsed = admin.parse_import(csv.as_bytes())?;
    let good = parsed.0.len();
    if good > MAX_IMPORT_ROWS {
        let text = Text::new("console-import-too-large").num("rows", good).num("max", MAX_IMPORT_ROWS);
        return Err(Error::invalid("csv", text));
    }
    let never = std::sync::atomic::AtomicBool::new(false);
    let report = admin.import_parsed(parsed, started, &mut |_| {}, &never)?;
    let created = report.created.len();
    let mut answer = issued(admin, report.created)?;
    answer["rows"] = json!(report.rows);
    answer["created"] = json!(created);
    answer["errors"] = to_json(&report.errors)?;
    answer["seconds"] = json!(report.seconds);
    Ok(answer)
}

/// Temporary passwords just issued and their slips, rendered here (the client prints them).
fn issued(admin: &Admin, issued: Vec<IssuedPassword>) -> Result<Value, Error> {
    if issued.is_empty() {
        return Ok(json!({ "issued": [], "slips_pdf": null }));
    }
    let engine = admin.engine();
    let pdf = slips::render_pdf(
        &engine.config().branding,
        &issued,
        engine.now(),
        engine.zone(),
        engine.config().locale.language(),
    )?;
    Ok(json!({ "issued": issued, "slips_pdf": STANDARD.encode(pdf) }))
}

pub fn non_empty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

fn to_json<T: Serialize>(value: &T) -> Result<Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::Internal(format!("serialising a console answer: {e}")))
}

/// The key and passphrase of an encrypted PSKC import as the console sends them: the key file's
/// bytes in base64, the passphrase as typed (an empty one is no passphrase).
fn pskc_key(key_file: Option<&SecretString>, passphrase: Option<&SecretString>) -> Result<PskcKey, Error> {
    let key = match key_file.map(SecretString::expose).filter(|k| !k.is_empty()) {
        Some(b64) => {
            let bytes = zeroize::Zeroizing::new(
                STANDARD
                    .decode(b64.as_bytes())
                    .map_err(|_| Error::invalid("key_file", Text::new("token-pskc-key-file")))?,
            );
            PskcKey::from_key_file(&bytes).map_err(|t| Error::invalid("key_file", t))?
        }
        None => PskcKey::none(),
    };
    match passphrase.map(SecretString::expose).filter(|p| !p.is_empty()) {
        Some(p) => key.with_passphrase(p).map_err(|t| Error::invalid("passphrase", t)),
        None => Ok(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_request_never_prints_the_seed_file_it_carries() {
        let request: ConsoleRequest = serde_json::from_value(json!({
            "op": "import_tokens",
            "text": "serial,secret\nT-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        }))
        .unwrap();
        let shown = format!("{request:?}");
        assert!(shown.contains("ImportTokens") && !shown.contains("GEZD"), "{shown}");
    }

    #[test]
    fn the_operations_that_issue_temporary_passwords_are_the_ones_that_must_finish() {
        for op in [
            json!({"op": "create", "account": {"login": "a@students.edu.sg", "name": "A", "kind": "student"}}),
            json!({"op": "reset", "logins": ["a@students.edu.sg"]}),
            json!({"op": "reset_class", "class": "4A"}),
            json!({"op": "import", "csv": "login\n"}),
        ] {
            assert!(must_finish(&op), "{op}");
        }
        for op in [
            json!({"op": "search", "search": {}}),
            json!({"op": "import_check", "csv": "login\n"}),
            json!({"op": "promote", "promote": {"level": "p4_6", "next_class": true}, "preview": false}),
        ] {
            assert!(ConsoleRequest::deserialize(&op).is_ok(), "{op}");
            assert!(!must_finish(&op), "{op}");
        }
        for not_a_request in [json!({"op": "import", "csv": "login\n", "unknown": 1}), json!({"op": "no_such_op"})] {
            assert!(!must_finish(&not_a_request), "{not_a_request}");
        }
    }
}
