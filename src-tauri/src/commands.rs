//! The commands the wizard window may call (granted in `capabilities/main.json`). Each is a few
//! lines: take the state, call the core, return its JSON — the same JSON as `gatehouse-cli session`.

use gatehouse_core::blocking::run_blocking;
use gatehouse_core::console;
use gatehouse_core::types::SecretString;
use gatehouse_core::wizard::{parse_request, Action, Response, Screen};
use tauri::State;
use tauri_plugin_opener::OpenerExt;
use zeroize::Zeroizing;

use crate::error::CommandError;
use crate::state::{AppInfo, AppState};

/// One wizard step: `{"action": …, …fields}` in, the next screen out. A malformed request is
/// answered on the current screen with a `bad_request` (or `unknown_action`) error.
#[tauri::command]
pub async fn wizard(state: State<'_, AppState>, request: serde_json::Value) -> Result<Response, CommandError> {
    // The request may hold a password: keep the text form only as long as parsing needs it.
    let text = Zeroizing::new(request.to_string());
    drop(request);
    let parsed = parse_request(&text);
    drop(text);
    Ok(match parsed {
        Ok(action) => state.session.apply(action).await,
        Err(error) => {
            let mut response = current(&state).await?;
            response.error = Some(error);
            response
        }
    })
}

/// The screen the session is on (the window shows it at start and after a reload).
#[tauri::command]
pub async fn current_screen(state: State<'_, AppState>) -> Result<Response, CommandError> {
    current(&state).await
}

/// The password checklist for what has been typed so far, judged by the core's policy against
/// the signed-in person (`check_password`); nothing changes. Only `rules` and `strength` matter.
#[tauri::command]
pub async fn password_rules(state: State<'_, AppState>, password: String) -> Result<Response, CommandError> {
    let action = Action::CheckPassword { new_password: SecretString::new(password) };
    Ok(state.session.apply(action).await)
}

/// Discards the person's session (kiosk idle reset): nothing of it survives; sign-in shows.
#[tauri::command]
pub async fn reset_session(state: State<'_, AppState>) -> Result<Response, CommandError> {
    let session = state.session.clone();
    run_blocking(move || {
        session.reset();
        session.current()
    })
    .await
    .map_err(|e| CommandError::new("internal", e.to_string()))
}

/// Kiosk: an administrator's password and a code from their tested authenticator close the app
/// (DESIGN §6). Refusals are `{code: <refusal code>, message}` with a message safe to show; the
/// attempt counts towards the administrator's lockout and is audited.
#[tauri::command]
pub async fn kiosk_exit<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    login: String,
    password: SecretString,
    code: String,
) -> Result<(), CommandError> {
    if !state.is_kiosk() {
        return Err(CommandError::new("not_kiosk", "This window is not a kiosk."));
    }
    let engine = state.engine.clone();
    let outcome = run_blocking(move || console::sign_in(&engine, &login, &password, &code, "kiosk exit"))
        .await
        .and_then(|r| r)
        .map_err(|e| {
            tracing::error!(error = %e, "kiosk exit: sign-in failed");
            CommandError::new("internal", "The sign-in could not be checked. Please try again.")
        })?;
    match outcome {
        console::SignInOutcome::SignedIn(admin) => {
            tracing::info!(admin = %admin.login, "kiosk closed by an administrator");
            app.exit(0);
            Ok(())
        }
        console::SignInOutcome::Refused(refusal) => Err(refusal.into()),
    }
}

/// The window calls this once its first screen is interactive. It logs the start-up time, and
/// with `GATEHOUSE_REPORT_READY=1` prints `gatehouse-ready <unix ns>` on stdout for the start-up
/// benchmark (`make bench-app`).
#[tauri::command]
pub fn ready(state: State<'_, AppState>) {
    tracing::info!(ms = state.started.elapsed().as_millis() as u64, "first screen interactive");
    if std::env::var_os("GATEHOUSE_REPORT_READY").is_some() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        println!("gatehouse-ready {}", now.as_nanos());
    }
}

/// Version, kiosk settings and branding for the window.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    state.info.clone()
}

/// Opens a dashboard app in the system browser. Only the apps the current dashboard lists can be
/// opened: the window never hands the shell a URL.
#[tauri::command]
pub async fn open_dashboard_app<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<(), CommandError> {
    let Screen::Dashboard { apps, .. } = current(&state).await?.screen else {
        return Err(CommandError::new("not_on_dashboard", "Apps open from the dashboard only."));
    };
    let tile = apps.into_iter().find(|a| a.id == id).ok_or_else(|| CommandError::new("unknown_app", "No such app."))?;
    app.opener().open_url(tile.url, None::<&str>).map_err(|e| CommandError::new("open_failed", e.to_string()))
}

async fn current(state: &AppState) -> Result<Response, CommandError> {
    let session = state.session.clone();
    run_blocking(move || session.current()).await.map_err(|e| CommandError::new("internal", e.to_string()))
}
