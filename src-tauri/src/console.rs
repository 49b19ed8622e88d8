//! The administrators' console (DESIGN §5): its own window, `console`, whose capability
//! (`capabilities/console.json`) grants the commands below; the wizard window can only ask for the
//! sign-in (`admin_sign_in`). Every command checks the signed-in administrator (password + a
//! tested authenticator's code, 15 minutes without use ends it) and acts through the core's
//! `Admin` as that person, so the audit log names them. Files the console writes (slips, audit
//! exports) go to `exports/` in the data directory, readable by the owner only.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gatehouse_core::admin::{AccountView, Admin, ImportProgress, IssuedPassword, RowError, TokenView, TransferView};
use gatehouse_core::audit::{self, AuditQuery};
use gatehouse_core::blocking::run_blocking;
use gatehouse_core::console::{
    self, AdminIdentity, ConsoleSession, Enrolment, FirstAdministrator, FirstAdministratorRequest, SignInOutcome,
};
use gatehouse_core::console_ops::{self, non_empty, AccountPage, AuditFilter, AuditPage, NewAccount, Search};
use gatehouse_core::store::TransferDecision;
use gatehouse_core::types::{SecretString, TransferId};
use gatehouse_core::{slips, Error};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_opener::OpenerExt;

use crate::error::CommandError;
use crate::state::AppState;

pub const WINDOW: &str = "console";

/// Runs `f` with an `Admin` acting as the signed-in administrator, off the window's thread.
async fn with_admin<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Admin) -> Result<T, Error> + Send + 'static,
) -> Result<T, CommandError> {
    let identity = state.console.identity(state.engine()?.now())?;
    let admin = identity.admin(Arc::clone(state.engine()?));
    run_blocking(move || f(&admin)).await.map_err(CommandError::from).and_then(|r| r.map_err(CommandError::from))
}

// ---- Sign-in (from the wizard window) -------------------------------------------------------

/// An administrator's password and authenticator code open the console window.
#[tauri::command]
pub async fn admin_sign_in<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    login: String,
    password: SecretString,
    code: String,
) -> Result<(), CommandError> {
    let engine = Arc::clone(state.engine()?);
    let outcome = run_blocking(move || console::sign_in(&engine, &login, &password, &code, "console"))
        .await
        .map_err(CommandError::from)?
        .map_err(CommandError::from)?;
    start_session(&app, &state, signed_in(outcome)?)
}

/// The administrator, or the refusal as the core's error object (`{code: <refusal code>, message, id}`).
fn signed_in(outcome: SignInOutcome) -> Result<AdminIdentity, CommandError> {
    match outcome {
        SignInOutcome::SignedIn(identity) => Ok(identity),
        SignInOutcome::Refused(refusal) => Err(refusal.into()),
    }
}

fn start_session<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    identity: AdminIdentity,
) -> Result<(), CommandError> {
    *state.console.session.lock().unwrap_or_else(|p| p.into_inner()) =
        Some(ConsoleSession::new(identity, state.engine()?.now()));
    open_window(app).map_err(|e| {
        tracing::error!(error = %e, "cannot open the console window");
        CommandError::new("internal", "The console window could not be opened.")
    })
}

#[derive(Debug, Deserialize)]
pub struct FirstAdminDetails {
    login: String,
    name: String,
    kind: String,
    location: String,
    #[serde(default)]
    work_email: String,
    password: SecretString,
    confirm_password: SecretString,
}

/// First run (no administrator yet): checks the first administrator's details and answers the
/// authenticator to enrol (QR code and secret). Nothing is stored yet.
#[tauri::command]
pub async fn first_admin_prepare(
    state: State<'_, AppState>,
    details: FirstAdminDetails,
) -> Result<Enrolment, CommandError> {
    let engine = Arc::clone(state.engine()?);
    let request = FirstAdministratorRequest {
        login: details.login,
        name: details.name,
        kind: details.kind,
        location: details.location,
        work_email: non_empty(&details.work_email).map(str::to_owned),
        password: details.password,
        confirm_password: details.confirm_password,
    };
    let (pending, enrolment) =
        run_blocking(move || FirstAdministrator::prepare(&engine, request)).await.map_err(CommandError::from)??;
    *state.console.first.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(pending));
    Ok(enrolment)
}

/// First run: a code from the new authenticator creates the administrator and opens the console.
#[tauri::command]
pub async fn first_admin_finish<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    code: String,
) -> Result<(), CommandError> {
    let pending = state
        .console
        .first
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .ok_or_else(|| CommandError::new("not_prepared", "Enter the first administrator's details first."))?;
    let engine = Arc::clone(state.engine()?);
    let outcome = run_blocking(move || pending.finish(&engine, &code)).await.map_err(CommandError::from)??;
    let identity = signed_in(outcome)?;
    *state.console.first.lock().unwrap_or_else(|p| p.into_inner()) = None;
    start_session(&app, &state, identity)
}

fn open_window<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    if let Some(w) = app.get_webview_window(WINDOW) {
        w.set_focus()?;
        return Ok(());
    }
    let state = app.state::<AppState>();
    WebviewWindowBuilder::new(app, WINDOW, WebviewUrl::App("console.html".into()))
        .title(format!("Administration — {}", state.info.branding.portal_name))
        .inner_size(1200.0, 840.0)
        .min_inner_size(640.0, 480.0)
        .zoom_hotkeys_enabled(false)
        .devtools(cfg!(debug_assertions))
        .build()?;
    Ok(())
}

// ---- The console window's commands ------------------------------------------------------------

#[derive(Debug, Serialize)]
pub struct Whoami {
    login: String,
    roles: Vec<&'static str>,
    organisation: String,
    portal_name: String,
}

#[tauri::command]
pub fn console_whoami(state: State<'_, AppState>) -> Result<Whoami, CommandError> {
    let identity = state.console.identity(state.engine()?.now())?;
    let b = &state.info.branding;
    Ok(Whoami {
        login: identity.login,
        roles: identity.roles.iter().map(|r| r.as_str()).collect(),
        organisation: b.organisation.clone(),
        portal_name: b.portal_name.clone(),
    })
}

#[tauri::command]
pub fn console_sign_out<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) {
    state.console.end();
    if let Some(w) = app.get_webview_window(WINDOW) {
        let _ = w.close();
    }
}

#[tauri::command]
pub async fn console_search(state: State<'_, AppState>, search: Search) -> Result<Vec<AccountView>, CommandError> {
    with_admin(&state, move |admin| admin.list(&search.filter()?)).await
}

#[tauri::command]
pub async fn console_account(state: State<'_, AppState>, login: String) -> Result<AccountPage, CommandError> {
    with_admin(&state, move |admin| AccountPage::of(admin, &login)).await
}

/// `unlock`, `clear_questions` or `delete_authenticators` on one account; answers its new page.
#[tauri::command]
pub async fn console_action(
    state: State<'_, AppState>,
    login: String,
    action: String,
) -> Result<AccountPage, CommandError> {
    with_admin(&state, move |admin| console_ops::account_action(admin, &login, &action)).await
}

#[tauri::command]
pub async fn console_set_work_email(
    state: State<'_, AppState>,
    login: String,
    email: String,
) -> Result<AccountView, CommandError> {
    with_admin(&state, move |admin| admin.set_work_email(&login, non_empty(&email))).await
}

/// LA: asks to move an account of their location to `to_location` (its AO decides).
#[tauri::command]
pub async fn console_request_transfer(
    state: State<'_, AppState>,
    login: String,
    to_location: String,
) -> Result<TransferView, CommandError> {
    with_admin(&state, move |admin| admin.request_transfer(&login, &to_location)).await
}

/// The transfer requests this administrator may see: pending ones to their location (AO).
#[tauri::command]
pub async fn console_transfers(state: State<'_, AppState>) -> Result<Vec<TransferView>, CommandError> {
    with_admin(&state, |admin| admin.pending_transfers()).await
}

/// AO: approves (the account moves) or rejects a pending transfer to their location.
#[tauri::command]
pub async fn console_decide_transfer(
    state: State<'_, AppState>,
    id: TransferId,
    approve: bool,
) -> Result<TransferView, CommandError> {
    // The window sends `approve` as a boolean (api.ts); the core takes the decision by name.
    let decision = if approve { TransferDecision::Approved } else { TransferDecision::Rejected };
    with_admin(&state, move |admin| admin.decide_transfer(id, decision)).await
}

/// The temporary passwords just issued (shown once, in the print view) and their PDF slips.
#[derive(Debug, Serialize)]
pub struct Issued {
    issued: Vec<IssuedPassword>,
    slips: Option<String>,
}

#[tauri::command]
pub async fn console_create(state: State<'_, AppState>, account: NewAccount) -> Result<Issued, CommandError> {
    let dir = state.data_dir.clone();
    let branding = state.engine()?.config().branding.clone();
    let issued = with_admin(&state, move |admin| admin.create(&account.request())).await?;
    slips_for(&state, &dir, &branding, vec![issued]).await
}

/// Resets the passwords of `logins` (one student, or a whole class) and writes their slips.
/// Accounts outside the administrator's scope stop the whole request before anything changes.
#[tauri::command]
pub async fn console_reset(state: State<'_, AppState>, logins: Vec<String>) -> Result<Issued, CommandError> {
    if logins.is_empty() {
        return Err(CommandError::new("invalid_input", "Select at least one account."));
    }
    let dir = state.data_dir.clone();
    let branding = state.engine()?.config().branding.clone();
    let issued = with_admin(&state, move |admin| admin.reset_passwords(&logins)).await?;
    slips_for(&state, &dir, &branding, issued).await
}

async fn slips_for(
    state: &AppState,
    dir: &Path,
    branding: &gatehouse_core::config::BrandingConfig,
    issued: Vec<IssuedPassword>,
) -> Result<Issued, CommandError> {
    if issued.is_empty() {
        return Ok(Issued { issued, slips: None });
    }
    let now = state.engine()?.now();
    let pdf = slips::render_pdf(branding, &issued, now).map_err(CommandError::from)?;
    let path = write_export(dir, &format!("slips-{}.pdf", stamp(now)), &pdf)?;
    state.console.remember(&path);
    Ok(Issued { issued, slips: Some(path.display().to_string()) })
}

/// Opens a file this console session wrote (slips, an export) in the system's viewer.
#[tauri::command]
pub fn console_open_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), CommandError> {
    state.console.identity(state.engine()?.now())?;
    let path = PathBuf::from(path);
    if !state.console.made(&path) {
        return Err(CommandError::new("refused", "The console opens only the files it wrote in this session."));
    }
    app.opener().open_path(path.display().to_string(), None::<&str>).map_err(|e| {
        tracing::warn!(error = %e, "cannot open a console file");
        CommandError::new("open_failed", "No program to open this file was found.")
    })
}

#[derive(Debug, Serialize)]
pub struct ImportCheck {
    rows: usize,
    good: usize,
    errors: Vec<RowError>,
}

/// Validates a CSV file's rows without importing anything.
#[tauri::command]
pub async fn console_import_check(state: State<'_, AppState>, csv: String) -> Result<ImportCheck, CommandError> {
    with_admin(&state, move |admin| {
        let (good, errors, rows) = admin.parse_import(csv.as_bytes())?;
        Ok(ImportCheck { rows, good: good.len(), errors })
    })
    .await
}

#[derive(Debug, Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
    per_second: f64,
    seconds_left: Option<f64>,
}

impl Progress {
    fn of(p: ImportProgress) -> Self {
        let secs = p.elapsed.as_secs_f64();
        let per_second = if secs > 0.0 { p.done as f64 / secs } else { 0.0 };
        let seconds_left = (per_second > 0.0).then(|| (p.total - p.done) as f64 / per_second);
        Self { done: p.done, total: p.total, per_second, seconds_left }
    }
}

#[derive(Debug, Serialize)]
pub struct ImportDone {
    rows: usize,
    created: usize,
    errors: Vec<RowError>,
    cancelled: bool,
    seconds: f64,
    issued: Vec<IssuedPassword>,
    slips: Option<String>,
}

/// Imports the good rows of a CSV file on all cores; `import-progress` events tell the console
/// window rows done, rate and time left; `console_import_cancel` stops between batches.
#[tauri::command]
pub async fn console_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    csv: String,
) -> Result<ImportDone, CommandError> {
    let cancel = Arc::clone(&state.console.import_cancel);
    cancel.store(false, Ordering::SeqCst);
    let dir = state.data_dir.clone();
    let branding = state.engine()?.config().branding.clone();
    let report = with_admin(&state, move |admin| {
        let mut last = Instant::now() - Duration::from_secs(1);
        let mut progress = |p: ImportProgress| {
            // At most ten events a second, and always the last one.
            if p.done == p.total || last.elapsed() >= Duration::from_millis(100) {
                last = Instant::now();
                let _ = app.emit_to(WINDOW, "import-progress", Progress::of(p));
            }
        };
        admin.import_csv(csv.as_bytes(), &mut progress, &cancel)
    })
    .await?;
    let issued = slips_for(&state, &dir, &branding, report.created).await?;
    Ok(ImportDone {
        rows: report.rows,
        created: issued.issued.len(),
        errors: report.errors,
        cancelled: report.cancelled,
        seconds: report.seconds,
        issued: issued.issued,
        slips: issued.slips,
    })
}

#[tauri::command]
pub fn console_import_cancel(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.console.identity(state.engine()?.now())?;
    state.console.import_cancel.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn console_tokens(state: State<'_, AppState>) -> Result<Vec<TokenView>, CommandError> {
    with_admin(&state, |admin| admin.tokens()).await
}

#[tauri::command]
pub async fn console_import_tokens(state: State<'_, AppState>, text: String) -> Result<usize, CommandError> {
    with_admin(&state, move |admin| admin.import_tokens(&text)).await
}

/// Frees a bound hardware token (its holder's authenticator for it is deleted).
#[tauri::command]
pub async fn console_unbind_token(state: State<'_, AppState>, serial: String) -> Result<Vec<TokenView>, CommandError> {
    with_admin(&state, move |admin| {
        admin.unbind_token(&serial)?;
        admin.tokens()
    })
    .await
}

/// One page of the audit log, newest first.
#[tauri::command]
pub async fn console_audit(state: State<'_, AppState>, filter: AuditFilter) -> Result<AuditPage, CommandError> {
    with_admin(&state, move |admin| AuditPage::of(admin, &filter)).await
}

/// Every event matching the filter, as CSV in `exports/`; answers the file's path.
#[tauri::command]
pub async fn console_audit_export(state: State<'_, AppState>, filter: AuditFilter) -> Result<String, CommandError> {
    let dir = state.data_dir.clone();
    let now = state.engine()?.now();
    let bytes = with_admin(&state, move |admin| {
        let query = AuditQuery { limit: 0, offset: 0, ..filter.query()? };
        let mut out = Vec::new();
        audit::write_csv(&admin.audit(&query)?, &mut out)?;
        Ok(out)
    })
    .await?;
    let path = write_export(&dir, &format!("audit-{}.csv", stamp(now)), &bytes)?;
    state.console.remember(&path);
    Ok(path.display().to_string())
}

// ---- Helpers ----------------------------------------------------------------------------------

fn stamp(t: i64) -> String {
    gatehouse_core::clock::rfc3339(t).replace([':', '-'], "").replace('T', "-").trim_end_matches('Z').to_owned()
}

/// Writes `bytes` to `exports/<name>` in the data directory (the folder 0700, the file 0600,
/// both from their creation).
fn write_export(data_dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, CommandError> {
    let path = data_dir.join("exports").join(name);
    gatehouse_core::files::write_new(&path, bytes).map_err(|e| {
        tracing::error!(error = %e, path = %path.display(), "cannot write a console export");
        CommandError::new("write_failed", format!("Could not write {}.", path.display()))
    })?;
    Ok(path)
}
