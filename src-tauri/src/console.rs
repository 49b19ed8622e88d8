//! The administrators' console (DESIGN §5): its own window, `console`, whose capability
//! (`capabilities/console.json`) grants the commands below; the wizard window can only ask for the
//! sign-in (`admin_sign_in`). Every command checks the signed-in administrator (password + a
//! tested authenticator's code, 15 minutes without use ends it) and acts as that person, so the
//! audit log names them: through the core's `Admin` on this machine, or — on a thin client — as
//! the same operations on the school's server (`/v1/console/*`), which checks them again. Files
//! the console writes (slips, audit exports) go to `exports/` in the data directory, readable by
//! the owner only.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use gatehouse_client::RemoteConsole;
use gatehouse_core::admin::{Admin, ImportProgress, IssuedPassword};
use gatehouse_core::blocking::run_blocking;
use gatehouse_core::console::{
    self, AdminIdentity, Enrolment, FirstAdministrator, FirstAdministratorRequest, PasswordChecklist, SignInOutcome,
};
use gatehouse_core::console_ops::{self, non_empty, ConsoleRequest};
use gatehouse_core::types::SecretString;
use gatehouse_core::{slips, Error};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
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
    let identity = state.console.identity(state.now())?;
    let engine = Arc::clone(state.engine()?);
    let checked = identity.clone();
    let still = run_blocking(move || console::still_administrator(&engine, &checked)).await??;
    if !still {
        // Locked, disabled or given other roles since signing in: as the server does.
        tracing::warn!(admin = identity.login, "a console session ended: the administrator's account changed");
        // At a kiosk the files it wrote go too, as at any other end of the session.
        end_here(state);
        return Err(CommandError::new(
            "session_expired",
            "Your administrator account has changed (locked, disabled or other roles). Please sign in again.",
        ));
    }
    let admin = identity.admin(Arc::clone(state.engine()?));
    run_blocking(move || f(&admin)).await.map_err(CommandError::from).and_then(|r| r.map_err(CommandError::from))
}

// ---- Sign-in (from the wizard window) -------------------------------------------------------

/// An administrator's password and authenticator code open the console window (on a thin
/// client, checked by the server, which keeps the console's session).
#[tauri::command]
pub async fn admin_sign_in<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    login: String,
    password: SecretString,
    code: String,
) -> Result<(), CommandError> {
    if let Some(remote) = state.remote_console() {
        let identity = on_server(remote, move |c| c.sign_in(&login, &password, &code)).await?;
        return start_session(&app, &state, identity);
    }
    let engine = Arc::clone(state.engine()?);
    let outcome = run_blocking(move || console::sign_in(&engine, &login, &password, &code, "console"))
        .await
        .map_err(CommandError::from)?
        .map_err(CommandError::from)?;
    start_session(&app, &state, signed_in(outcome)?)
}

/// The first half of an administrator's sign-in with a security key: the password and the same
/// checks as with a code, then the ceremony the window runs with the key (`{"origin",
/// "options"}`). On this machine the sign-in waits here for the second half; on a thin client,
/// on the school's server.
#[tauri::command]
pub async fn admin_key_sign_in_start(
    state: State<'_, AppState>,
    login: String,
    password: SecretString,
) -> Result<Value, CommandError> {
    if let Some(remote) = state.remote_console() {
        return on_server(remote, move |c| c.start_key_sign_in(&login, &password, false)).await;
    }
    let engine = Arc::clone(state.engine()?);
    let started = run_blocking(move || console::start_key_sign_in(&engine, &login, &password, "console")).await;
    keep_key_sign_in(&state, started??)
}

/// Keeps a sign-in with a key for its second half; the ceremony for the window.
pub(crate) fn keep_key_sign_in(
    state: &AppState,
    started: Result<console::KeySignIn, console::Refusal>,
) -> Result<Value, CommandError> {
    let pending = started.map_err(CommandError::from)?;
    let ceremony =
        serde_json::to_value(&pending.ceremony).map_err(|e| CommandError::from(Error::Internal(e.to_string())))?;
    *state.console.key_sign_in.lock().unwrap_or_else(|p| p.into_inner()) = Some(pending);
    Ok(ceremony)
}

/// The sign-in with a key waiting for its second half, taken (it is used once); for closing a
/// kiosk (`kiosk_exit`) or opening the console, not the other.
pub(crate) fn take_key_sign_in(state: &AppState, kiosk_exit: bool) -> Result<console::KeySignIn, CommandError> {
    let pending = state.console.key_sign_in.lock().unwrap_or_else(|p| p.into_inner()).take();
    pending
        .filter(|p| p.is_kiosk_exit() == kiosk_exit)
        .ok_or_else(|| CommandError::new("not_signed_in", "Please sign in as an administrator."))
}

/// The server's answer to a key's answer given too late (its token lasts two minutes).
pub(crate) fn key_answer_late(e: CommandError) -> CommandError {
    if matches!(e.code(), "session_ended" | "session_expired") {
        return CommandError::new("security_key_timeout", "The security key was not used in time. Please try again.");
    }
    e
}

/// The second half: the key's answer (used once) opens the console, or is refused.
#[tauri::command]
pub async fn admin_key_sign_in_finish<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    credential: Value,
) -> Result<(), CommandError> {
    if let Some(remote) = state.remote_console() {
        let identity = on_server(remote, move |c| c.finish_key_sign_in(&credential)).await.map_err(key_answer_late)?;
        return start_session(&app, &state, identity);
    }
    let pending = take_key_sign_in(&state, false)?;
    let engine = Arc::clone(state.engine()?);
    let outcome = run_blocking(move || console::finish_key_sign_in(&engine, pending, &credential))
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
    state.console.start(identity, state.now());
    open_window(app).map_err(|e| {
        tracing::error!(error = %e, "cannot open the console window");
        CommandError::new("internal", "The console window could not be opened.")
    })?;
    tell_main_window(app, true);
    close_when_idle(app.clone(), state.console.idle_check(IDLE_CHECK));
    Ok(())
}

/// How often an open console looks whether it has been idle too long.
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// The event the wizard window hears while a console session is open (`true`: opened, or the
/// administrator is using it) and when it ends (`false`). A kiosk's window is not left alone
/// while the console is open, and its idle countdown follows the administrator's use.
pub const CONSOLE_EVENT: &str = "console-session";

/// Tells the windows (the wizard window is the one that listens) whether a console is open.
/// Sent to all rather than to `window::MAIN`, which would make this module and `window` import
/// each other; the flag is no secret, and a kiosk's app window has no way to listen.
pub(crate) fn tell_main_window<R: Runtime>(app: &AppHandle<R>, open: bool) {
    if let Err(e) = app.emit(CONSOLE_EVENT, open) {
        tracing::warn!(error = %e, "the wizard window could not be told about the console");
    }
}

/// Ends the console and closes its window once it has been idle for 15 minutes — at a kiosk,
/// for the kiosk's idle time — (looked at every `every`): the temporary passwords or mails it
/// shows do not stay on a screen left alone until someone touches it, whatever the kiosk's own
/// window does. Stops when the session ends otherwise.
fn close_when_idle<R: Runtime>(app: AppHandle<R>, every: Duration) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(every).await;
            let state = app.state::<AppState>();
            match state.console.idle(state.now()) {
                Some(false) => continue,
                None => return,
                Some(true) => {
                    tracing::info!(kiosk = state.is_kiosk(), "the console was left idle: its window closes");
                    if let Err(e) = end_console(&app, &state).await {
                        tracing::warn!(error = ?e, "an idle console's session could not be ended on the server");
                    }
                    return;
                }
            }
        }
    });
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

/// A kiosk never offers the first run (DESIGN §5: the install's operator sets a kiosk up).
fn not_at_a_kiosk(state: &AppState) -> Result<(), CommandError> {
    if state.is_kiosk() {
        tracing::warn!("the first administrator was asked for at a kiosk: refused");
        return Err(CommandError::from(Error::Refused(gatehouse_core::text::Text::new("first-run-done"))));
    }
    Ok(())
}

/// First run: the live checklist of the first administrator's password as typed (the rules
/// `change_password` shows, judged by the core against the login ID and name typed so far);
/// refused once an administrator exists, like the rest of the first run.
#[tauri::command]
pub async fn first_admin_password_rules(
    state: State<'_, AppState>,
    login: String,
    name: String,
    password: SecretString,
) -> Result<PasswordChecklist, CommandError> {
    not_at_a_kiosk(&state)?;
    let engine = Arc::clone(state.engine()?);
    let checklist = run_blocking(move || {
        if !console::needs_first_administrator(&engine)? {
            return Err(Error::Refused(gatehouse_core::text::Text::new("first-run-done")));
        }
        Ok(console::first_administrator_rules(&engine, &login, &name, password.expose()))
    })
    .await
    .map_err(CommandError::from)??;
    Ok(checklist)
}

/// First run (no administrator yet): checks the first administrator's details and answers the
/// authenticator to enrol (QR code and secret). Nothing is stored yet.
#[tauri::command]
pub async fn first_admin_prepare(
    state: State<'_, AppState>,
    details: FirstAdminDetails,
) -> Result<Enrolment, CommandError> {
    not_at_a_kiosk(&state)?;
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
    not_at_a_kiosk(&state)?;
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
    let window = WebviewWindowBuilder::new(app, WINDOW, WebviewUrl::App("console.html".into()))
        .title(format!("Administration — {}", state.info.branding.portal_name))
        .inner_size(1200.0, 840.0)
        .min_inner_size(640.0, 480.0)
        .zoom_hotkeys_enabled(false)
        .devtools(cfg!(debug_assertions))
        .build()?;
    crate::drawing::software_rendering(&window);
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
    let identity = state.console.identity(state.now())?;
    let b = &state.info.branding;
    Ok(Whoami {
        login: identity.login,
        roles: identity.roles.iter().map(|r| r.as_str()).collect(),
        organisation: b.organisation.clone(),
        portal_name: b.portal_name.clone(),
    })
}

/// The console window reports the administrator's input (at most every few seconds): reading a
/// list or typing a form is use, as a command is. Refused once the session has ended.
#[tauri::command]
pub fn console_activity<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<(), CommandError> {
    state.console.identity(state.now())?;
    if state.is_kiosk() {
        tell_main_window(&app, true);
    }
    Ok(())
}

#[tauri::command]
pub async fn console_sign_out<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<(), CommandError> {
    end_console(&app, &state).await
}

/// Ends the console's session, here and on the school's server, and closes its window (and the
/// temporary passwords or mails it shows). At a kiosk the files it wrote — slips with temporary
/// passwords, audit exports — are deleted too: the next person at the kiosk must find none.
pub(crate) async fn end_console<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> Result<(), CommandError> {
    end_here(state);
    tell_main_window(app, false);
    if let Some(remote) = state.remote_console() {
        on_server(remote, |c| {
            c.sign_out();
            Ok(())
        })
        .await?;
    }
    if let Some(w) = app.get_webview_window(WINDOW) {
        // Destroyed rather than asked to close: nothing may keep it open once its session ended.
        if let Err(e) = w.destroy() {
            tracing::warn!(error = %e, "the console window could not be closed");
        }
    }
    Ok(())
}

/// Ends the console's session on this machine (its window closed, or [`end_console`]); at a
/// kiosk, deletes the files it wrote.
pub(crate) fn end_here(state: &AppState) {
    let files = state.console.end_taking_files();
    if !state.is_kiosk() {
        return;
    }
    for file in files {
        match std::fs::remove_file(&file) {
            Ok(()) => tracing::info!(file = %file.display(), "kiosk: a file the console wrote was deleted"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::error!(file = %file.display(), error = %e, "kiosk: a file the console wrote is still there")
            }
        }
    }
}

/// One console operation (`{"op": …, …its fields}`, `gatehouse_core::console_ops`): run here
/// as the signed-in administrator, or on the school's server for a thin client. Temporary
/// passwords come back in `issued`, and their slips as a file in `exports/` (`slips`).
#[tauri::command]
pub async fn console_request(state: State<'_, AppState>, request: Value) -> Result<Value, CommandError> {
    let answer = run(&state, request).await?;
    slips_of(&state, answer)
}

/// Runs `request` where the console runs: here through the core's `Admin` (the request is
/// checked as the server checks it), or on the server.
async fn run(state: &AppState, request: Value) -> Result<Value, CommandError> {
    if let Some(remote) = state.remote_console() {
        state.console.identity(state.now())?;
        return on_server(remote, move |c| c.request(&request)).await;
    }
    let request: ConsoleRequest = serde_json::from_value(request).map_err(|e| {
        tracing::warn!(error = %e, "a malformed console request");
        CommandError::new("bad_request", "The console sent a request this version does not know.")
    })?;
    with_admin(state, move |admin| console_ops::run(admin, request)).await
}

/// Runs `f` with the server's console off the window's thread; an ended session (idle on the
/// server, the account changed) signs this window's console out too.
pub(crate) async fn on_server<T: Send + 'static>(
    remote: Arc<Mutex<RemoteConsole>>,
    f: impl FnOnce(&mut RemoteConsole) -> Result<T, gatehouse_client::Error> + Send + 'static,
) -> Result<T, CommandError> {
    let result: Result<T, gatehouse_client::Error> = run_blocking(move || {
        let mut console = remote.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut console)
    })
    .await
    .map_err(CommandError::from)?;
    result.map_err(|e| {
        if e.code() == "session_ended" {
            return CommandError::new("session_expired", "The console was idle for 15 minutes. Please sign in again.");
        }
        e.into()
    })
}

/// An answer with slips (`slips_pdf`, base64) gets them written to `exports/` instead (`slips`:
/// the file's path); temporary passwords issued without slips (a thin client's import sent in
/// parts) get them rendered here, with this machine's branding.
fn slips_of(state: &AppState, mut answer: Value) -> Result<Value, CommandError> {
    let Some(object) = answer.as_object_mut() else { return Ok(answer) };
    // The passwords were set before the slips are made: whatever befalls the slips, the answer
    // still carries them (their only copy), to print from the window.
    match slips_file(state, object) {
        Ok(path) => {
            object.insert("slips".into(), path.map_or(Value::Null, |p| json!(p.display().to_string())));
        }
        Err(e) => {
            let said = serde_json::to_value(&e).map(|body| body["message"].clone()).unwrap_or(Value::Null);
            tracing::error!(error = ?e, "passwords issued, but their slips could not be written");
            object.insert("slips".into(), Value::Null);
            object.insert("slips_error".into(), said);
        }
    }
    Ok(answer)
}

/// The slips of `object`'s answer written to `exports/` (`None` when it issued no password).
fn slips_file(state: &AppState, object: &mut serde_json::Map<String, Value>) -> Result<Option<PathBuf>, CommandError> {
    let pdf = match object.remove("slips_pdf") {
        Some(Value::String(b64)) => STANDARD.decode(b64).map_err(|e| {
            tracing::error!(error = %e, "slips that are not base64");
            CommandError::new("internal", "The slips could not be read.")
        })?,
        None if !object.contains_key("issued") => return Ok(None),
        _ => {
            let issued: Vec<IssuedPassword> = match object.get("issued") {
                Some(v) => serde_json::from_value(v.clone()).map_err(|e| {
                    tracing::error!(error = %e, "issued passwords that cannot be read");
                    CommandError::new("internal", "The slips could not be made.")
                })?,
                None => Vec::new(),
            };
            if issued.is_empty() {
                return Ok(None);
            }
            slips::render_pdf(
                &state.slip_branding,
                &issued,
                state.now(),
                &state.slip_zone,
                slips::language_for(&issued, state.slip_language),
            )
            .map_err(CommandError::from)?
        }
    };
    let path = write_export(&state.data_dir, &format!("slips-{}.pdf", stamp(state.now())), &pdf)?;
    state.console.remember(&path);
    Ok(Some(path))
}

/// Opens a file this console session wrote (slips, an export) in the system's viewer.
#[tauri::command]
pub fn console_open_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), CommandError> {
    state.console.identity(state.now())?;
    // At a kiosk, a viewer started here would be no window of the kiosk's: not contained, not
    // closed with the console, showing the slips to the next pupil — and its file dialogs the
    // kiosk's files.
    if state.is_kiosk() {
        tracing::warn!("a console at a kiosk was asked to open a file in another program: refused");
        return Err(CommandError::new("refused", "At a kiosk the console opens no other program."));
    }
    let path = PathBuf::from(path);
    if !state.console.made(&path) {
        return Err(CommandError::new("refused", "The console opens only the files it wrote in this session."));
    }
    app.opener().open_path(path.display().to_string(), None::<&str>).map_err(|e| {
        tracing::warn!(error = %e, "cannot open a console file");
        CommandError::new("open_failed", "No program to open this file was found.")
    })
}

/// Validates a CSV file's rows without importing anything: `{rows, good, errors}`.
#[tauri::command]
pub async fn console_import_check(state: State<'_, AppState>, csv: String) -> Result<Value, CommandError> {
    if let Some(remote) = state.remote_console() {
        state.console.identity(state.now())?;
        return on_server(remote, move |c| c.import_check(&csv)).await;
    }
    run(&state, json!({ "op": "import_check", "csv": csv })).await
}

#[derive(Debug, Clone, Serialize)]
struct Progress {
    done: usize,
    total: usize,
    per_second: f64,
    seconds_left: Option<f64>,
}

impl Progress {
    fn of(done: usize, total: usize, elapsed: Duration) -> Self {
        let secs = elapsed.as_secs_f64();
        let per_second = if secs > 0.0 { done as f64 / secs } else { 0.0 };
        let seconds_left = (per_second > 0.0).then(|| (total - done) as f64 / per_second);
        Self { done, total, per_second, seconds_left }
    }
}

/// Imports the good rows of a CSV file: `{rows, created, errors, cancelled, seconds, issued,
/// slips}`. Here on all cores, `import-progress` events telling the console window rows done,
/// rate and time left; on a thin client in parts the server takes one request at a time, an
/// event after each. `console_import_cancel` stops between batches (parts).
#[tauri::command]
pub async fn console_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    csv: String,
) -> Result<Value, CommandError> {
    let cancel = Arc::clone(&state.console.import_cancel);
    cancel.store(false, Ordering::SeqCst);
    let started = Instant::now();
    let mut last = started - Duration::from_secs(1);
    let mut progress = move |done: usize, total: usize| {
        // At most ten events a second, and always the last one.
        if done == total || last.elapsed() >= Duration::from_millis(100) {
            last = Instant::now();
            let _ = app.emit_to(WINDOW, "import-progress", Progress::of(done, total, started.elapsed()));
        }
    };
    let answer = match state.remote_console() {
        Some(remote) => {
            state.console.identity(state.now())?;
            on_server(remote, move |c| c.import(&csv, progress, &cancel)).await?
        }
        None => {
            let report = with_admin(&state, move |admin| {
                admin.import_csv(csv.as_bytes(), &mut |p: ImportProgress| progress(p.done, p.total), &cancel)
            })
            .await?;
            json!({
                "rows": report.rows, "created": report.created.len(), "errors": report.errors,
                "cancelled": report.cancelled, "seconds": report.seconds, "issued": report.created,
            })
        }
    };
    slips_of(&state, answer)
}

#[tauri::command]
pub fn console_import_cancel(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.console.identity(state.now())?;
    state.console.import_cancel.store(true, Ordering::SeqCst);
    Ok(())
}

/// Every event matching the filter, as CSV in `exports/`; answers the file's path.
#[tauri::command]
pub async fn console_audit_export(state: State<'_, AppState>, filter: Value) -> Result<String, CommandError> {
    let answer = run(&state, json!({ "op": "audit_csv", "filter": filter })).await?;
    let csv = answer["csv"].as_str().unwrap_or_default();
    let path = write_export(&state.data_dir, &format!("audit-{}.csv", stamp(state.now())), csv.as_bytes())?;
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
    // Named to the second: two exports in one second (two resets clicked quickly) get `-2`, `-3`…
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut path = data_dir.join("exports").join(name);
    for n in 2..=100 {
        match gatehouse_core::files::write_new(&path, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                path = data_dir.join("exports").join(format!("{stem}-{n}.{extension}"));
            }
            Err(e) => {
                tracing::error!(error = %e, path = %path.display(), "cannot write a console export");
                return Err(CommandError::new("write_failed", format!("Could not write {}.", path.display())));
            }
            Ok(()) => return Ok(path),
        }
    }
    Err(CommandError::new("write_failed", format!("Could not write {}: too many of that name.", path.display())))
}

#[cfg(test)]
mod tests {
    use gatehouse_core::console::ConsoleSession;

    use super::*;

    #[test]
    fn two_exports_of_one_name_in_one_second_are_both_written() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_export(dir.path(), "slips-20261204-151500.pdf", b"first").unwrap();
        let second = write_export(dir.path(), "slips-20261204-151500.pdf", b"second").unwrap();
        assert_ne!(first, second);
        assert_eq!(second.file_name().unwrap(), "slips-20261204-151500-2.pdf");
        assert_eq!(std::fs::read(&first).unwrap(), b"first");
        assert_eq!(std::fs::read(&second).unwrap(), b"second");
    }

    #[test]
    fn a_kiosks_console_refused_as_idle_on_a_command_is_left_for_the_shell_to_end_with_its_files() {
        use clap::Parser;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().to_str().unwrap();
        let args =
            crate::Args::parse_from(["gatehouse", "--data-dir", data, "--demo", "--kiosk", "--idle-seconds", "5"]);
        let state = AppState::open(&args, Instant::now()).expect("the demo school opens");
        let engine = Arc::clone(state.engine().unwrap());
        let secret = gatehouse_core::otp::parse_base32(gatehouse_core::demo::ADMIN_TOTP_SECRET).unwrap();
        let code = gatehouse_core::otp::totp(&secret, &Default::default(), engine.now() as u64);
        let password = SecretString::from("Blue-Otter-Lantern-7");
        let outcome = console::sign_in(&engine, "Irene_Tan@schools.gov.sg", &password, &code, "console").unwrap();
        let now = state.now();
        state.console.start(signed_in(outcome).unwrap(), now);
        let slips = dir.path().join("exports/slips.pdf");
        state.console.remember(&slips);
        assert!(state.console.identity(now + 4).is_ok(), "used within the kiosk's idle time");
        // Her next input comes after the kiosk's idle time: refused, but the session is still
        // there for the idle check to end — its window closed and its slips deleted.
        assert_eq!(state.console.identity(now + 9).unwrap_err().code(), "session_expired");
        assert_eq!(state.console.idle(now + 9), Some(true));
        assert_eq!(state.console.end_taking_files(), vec![slips]);
    }

    #[test]
    fn a_console_left_alone_for_fifteen_minutes_ends_by_itself() {
        use clap::Parser;
        let dir = tempfile::tempdir().unwrap();
        let args = crate::Args::parse_from(["gatehouse", "--data-dir", dir.path().to_str().unwrap(), "--demo"]);
        let state = AppState::open(&args, Instant::now()).expect("the demo school opens");
        let app =
            crate::build_app(tauri::test::mock_builder(), state, tauri::test::mock_context(tauri::test::noop_assets()))
                .expect("the app builds");
        let handle = app.handle();
        let state = handle.state::<AppState>();
        let engine = Arc::clone(state.engine().unwrap());
        let secret = gatehouse_core::otp::parse_base32(gatehouse_core::demo::ADMIN_TOTP_SECRET).unwrap();
        let code = gatehouse_core::otp::totp(&secret, &Default::default(), engine.now() as u64);
        let password = SecretString::from("Blue-Otter-Lantern-7");
        let outcome = console::sign_in(&engine, "Irene_Tan@schools.gov.sg", &password, &code, "console").unwrap();
        let identity = signed_in(outcome).expect("the demo administrator signs in");
        let now = state.now();
        *state.console.session.lock().unwrap() = Some(ConsoleSession::new(identity.clone(), now));
        open_window(handle).unwrap();
        close_when_idle(handle.clone(), Duration::from_millis(20));
        // In use: it stays.
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(state.console.idle(now), Some(false));
        // Nobody has used it for 15 minutes: it ends, and its window closes, with nobody there.
        let idle_since = now - console::IDLE_LIMIT_SECONDS;
        *state.console.session.lock().unwrap() = Some(ConsoleSession::new(identity, idle_since));
        let started = Instant::now();
        while state.console.idle(now).is_some() && started.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(state.console.idle(now), None, "the idle session ended");
        let refused = state.console.identity(now).unwrap_err();
        assert_eq!(refused.code(), "not_signed_in");
        // (The window is destroyed through `end_console`, as at sign-out; the mock runtime does
        // not report a window's end back to the app, so that is not observable here.)
    }
}
