//! The commands the wizard window may call (granted in `capabilities/main.json`). Each is a few
//! lines: take the state, call the core (or, on a thin client, the school's server), return its
//! JSON — the same JSON as `gatehouse-cli session`.

use std::sync::Arc;
use std::time::Instant;

use gatehouse_client::break_glass::Refusal as GlassRefusal;
use gatehouse_client::RemoteSession;
use gatehouse_core::blocking::{run_blocking, AsyncSession};
use gatehouse_core::console;
use gatehouse_core::types::SecretString;
use gatehouse_core::wizard::{parse_request, Action, Response, Screen};
use serde::Serialize;
use tauri::{Manager, State};
use tauri_plugin_opener::OpenerExt;
use zeroize::Zeroizing;

use crate::error::CommandError;
use crate::state::{AppInfo, AppState, ServerWizard, Wizard};

/// A screen of the wire contract: the engine's, or the server's JSON as it came.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Answer {
    Local(Box<Response>),
    Server(serde_json::Value),
}

impl Answer {
    fn is_dashboard(&self) -> bool {
        match self {
            Self::Local(response) => matches!(response.screen, Screen::Dashboard { .. }),
            Self::Server(screen) => screen["screen"] == "dashboard",
        }
    }
}

/// One wizard step: `{"action": …, …fields}` in, the next screen out. A malformed request is
/// answered on the current screen with a `bad_request` (or `unknown_action`) error. On a thin
/// client an unreachable server is the error `server_unreachable` and the window keeps what was
/// typed. On a kiosk, leaving the dashboard (signing out) closes the app opened from it.
#[tauri::command]
pub async fn wizard<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    request: serde_json::Value,
) -> Result<Answer, CommandError> {
    let answer = step(&state, request).await?;
    if state.is_kiosk() && !answer.is_dashboard() {
        crate::window::close_kiosk_app(&app);
    }
    Ok(answer)
}

async fn step(state: &AppState, request: serde_json::Value) -> Result<Answer, CommandError> {
    // The request may hold a password: keep the text form only as long as parsing needs it.
    let text = Zeroizing::new(request.to_string());
    drop(request);
    let session = match &state.wizard {
        Wizard::Local { session, .. } => session,
        Wizard::Server(server) => return on_server(server, move |s| s.screen(Some(&text))).await,
    };
    let parsed = parse_request(&text);
    drop(text);
    Ok(Answer::Local(Box::new(match parsed {
        Ok(action) => session.apply(action).await,
        Err(error) => {
            let mut response = local_current(session).await?;
            response.error = Some(error);
            response
        }
    })))
}

/// The screen the session is on (the window shows it at start, after a reload, and while it
/// waits for an unreachable server to answer again).
#[tauri::command]
pub async fn current_screen(state: State<'_, AppState>) -> Result<Answer, CommandError> {
    current(&state).await
}

/// The password checklist for what has been typed so far, judged by the core's policy against
/// the signed-in person (`check_password`); nothing changes. Only `rules` and `strength` matter.
#[tauri::command]
pub async fn password_rules(state: State<'_, AppState>, password: String) -> Result<Answer, CommandError> {
    match &state.wizard {
        Wizard::Local { session, .. } => {
            let action = Action::CheckPassword { new_password: SecretString::new(password) };
            Ok(Answer::Local(Box::new(session.apply(action).await)))
        }
        Wizard::Server(server) => {
            let request = Zeroizing::new(
                serde_json::json!({ "action": "check_password", "new_password": Zeroizing::new(password).as_str() })
                    .to_string(),
            );
            on_server(server, move |s| s.screen(Some(&request))).await
        }
    }
}

/// Discards the person's session (kiosk idle reset): nothing of it survives — an app opened from
/// the dashboard closes with its web data, and at a kiosk an administrator's console ends with
/// its window (and any temporary passwords it shows) —; sign-in shows. On a thin client the
/// server's session is ended and a new one started.
#[tauri::command]
pub async fn reset_session<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Answer, CommandError> {
    crate::window::close_kiosk_app(&app);
    if state.is_kiosk() {
        if let Err(e) = crate::console::end_console(&app, &state).await {
            tracing::warn!(error = ?e, "kiosk idle reset: the console's session could not be ended on the server");
        }
    }
    match &state.wizard {
        Wizard::Local { session, .. } => {
            let session = session.clone();
            run_blocking(move || {
                session.reset();
                session.current()
            })
            .await
            .map(|r| Answer::Local(Box::new(r)))
            .map_err(|e| CommandError::new("internal", e.to_string()))
        }
        Wizard::Server(server) => {
            on_server(server, |s| {
                s.end();
                s.screen(None)
            })
            .await
        }
    }
}

/// `not_kiosk` unless this window is a kiosk.
fn kiosk_only(state: &AppState) -> Result<(), CommandError> {
    if state.is_kiosk() {
        Ok(())
    } else {
        Err(CommandError::new("not_kiosk", "This window is not a kiosk."))
    }
}

/// Kiosk: an administrator's password and a code from their tested authenticator close the app
/// (DESIGN §6). Refusals are `{code: <refusal code>, message}` with a message safe to show; each
/// attempt is audited but not counted towards the administrator's lockout (anyone at the kiosk
/// can try): after a few wrong tries the kiosk waits longer before each next one
/// (`kiosk_exit_wait`). A thin kiosk asks the
/// school's server (which checks that this machine is registered as a kiosk); when the server
/// cannot be reached, its break-glass code closes it instead ([`kiosk_break_glass`]).
#[tauri::command]
pub async fn kiosk_exit<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    login: String,
    password: SecretString,
    code: String,
) -> Result<(), CommandError> {
    kiosk_only(&state)?;
    let admin = match &state.wizard {
        Wizard::Local { engine, .. } => {
            let engine = Arc::clone(engine);
            let app2 = app.clone();
            let outcome = run_blocking(move || {
                let slowdown = &app2.state::<AppState>().kiosk_slowdown;
                console::kiosk_exit_slowed(&engine, slowdown, &login, &password, &code)
            })
            .await
            .and_then(|r| r)
            .map_err(|e| {
                tracing::error!(error = %e, "kiosk exit: sign-in failed");
                CommandError::new("internal", "The sign-in could not be checked. Please try again.")
            })?;
            match outcome {
                console::SignInOutcome::SignedIn(admin) => admin.login,
                console::SignInOutcome::Refused(refusal) => return Err(refusal.into()),
            }
        }
        Wizard::Server(server) => {
            let console = Arc::clone(&server.console);
            let asked: Result<String, gatehouse_client::Error> = run_blocking(move || {
                let console = console.lock().unwrap_or_else(|p| p.into_inner());
                console.kiosk_exit(&login, &password, &code)
            })
            .await
            .map_err(CommandError::from)?;
            asked?
        }
    };
    tracing::info!(%admin, "kiosk closed by an administrator");
    app.exit(0);
    Ok(())
}

/// Kiosk: the first half of closing it with an administrator's security key — their password
/// (audited, not counted, behind the kiosk's slowdown as with a code), then the ceremony the
/// window runs with the key. A thin kiosk asks the school's server.
#[tauri::command]
pub async fn kiosk_exit_key_start<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    login: String,
    password: SecretString,
) -> Result<serde_json::Value, CommandError> {
    kiosk_only(&state)?;
    match &state.wizard {
        Wizard::Local { engine, .. } => {
            let engine = Arc::clone(engine);
            let started = run_blocking(move || {
                let slowdown = &app.state::<AppState>().kiosk_slowdown;
                let start = || console::start_key_kiosk_exit(&engine, &login, &password);
                console::slowed(slowdown, start, console::judge_key_start)
            })
            .await??;
            crate::console::keep_key_sign_in(&state, started.and_then(|started| started))
        }
        Wizard::Server(server) => {
            let remote = Arc::clone(&server.console);
            crate::console::on_server(remote, move |c| c.start_key_sign_in(&login, &password, true)).await
        }
    }
}

/// Kiosk: the second half — the key's answer (used once) closes the app, or is refused (audited,
/// not counted, the kiosk slowed down).
#[tauri::command]
pub async fn kiosk_exit_key_finish<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    credential: serde_json::Value,
) -> Result<(), CommandError> {
    kiosk_only(&state)?;
    let admin = match &state.wizard {
        Wizard::Local { engine, .. } => {
            let pending = crate::console::take_key_sign_in(&state, true)?;
            let engine = Arc::clone(engine);
            let app2 = app.clone();
            let outcome = run_blocking(move || {
                let slowdown = &app2.state::<AppState>().kiosk_slowdown;
                let finish = || console::finish_key_sign_in(&engine, pending, &credential);
                console::slowed_finish(slowdown, finish)
            })
            .await??;
            match outcome {
                console::SignInOutcome::SignedIn(admin) => admin.login,
                console::SignInOutcome::Refused(refusal) => return Err(refusal.into()),
            }
        }
        Wizard::Server(server) => {
            let remote = Arc::clone(&server.console);
            crate::console::on_server(remote, move |c| c.finish_key_kiosk_exit(&credential))
                .await
                .map_err(crate::console::key_answer_late)?
        }
    };
    tracing::info!(%admin, "kiosk closed by an administrator with a security key");
    app.exit(0);
    Ok(())
}

/// Kiosk: the idle countdown shows (`asking`) or the person is back: an app opened from the
/// dashboard steps aside for the countdown and comes back after it.
#[tauri::command]
pub fn kiosk_attention<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    asking: bool,
) -> Result<(), CommandError> {
    kiosk_only(&state)?;
    crate::window::kiosk_app_aside(&app, asking);
    Ok(())
}

/// A thin kiosk: the break-glass code made at its registration closes the app (checked against
/// the Argon2id hash in `break-glass.phc`; five wrong codes refuse every code for five minutes).
/// Each attempt is logged, never the code.
#[tauri::command]
pub async fn kiosk_break_glass<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    code: SecretString,
) -> Result<(), CommandError> {
    check_break_glass(&state, code).await?;
    tracing::warn!("kiosk closed with its break-glass code");
    app.exit(0);
    Ok(())
}

/// [`kiosk_break_glass`]'s check: `Ok` when `code` is this thin kiosk's break-glass code.
pub(crate) async fn check_break_glass(state: &AppState, code: SecretString) -> Result<(), CommandError> {
    let none = || CommandError::new("no_break_glass", "This kiosk has no break-glass code.");
    let server = match &state.wizard {
        Wizard::Server(server) if state.is_kiosk() && server.break_glass.is_some() => Arc::clone(server),
        _ => return Err(none()),
    };
    let checked = run_blocking(move || {
        let glass = server.break_glass.as_ref().map(|m| m.lock().unwrap_or_else(|p| p.into_inner()));
        glass.map(|mut g| g.check(code.expose(), Instant::now()))
    })
    .await
    .map_err(CommandError::from)?
    .ok_or_else(none)?;
    match checked? {
        Ok(()) => Ok(()),
        Err(GlassRefusal::Wrong { left }) => {
            tracing::warn!(left, "kiosk exit: a wrong break-glass code");
            Err(CommandError::new("break_glass_wrong", "That is not this kiosk's break-glass code."))
        }
        Err(GlassRefusal::Locked { seconds }) => {
            tracing::warn!(seconds, "kiosk exit: break-glass refused, too many wrong codes");
            let minutes = seconds.div_ceil(60);
            let plural = if minutes == 1 { "" } else { "s" };
            Err(CommandError::new(
                "break_glass_locked",
                format!("Too many wrong codes. Try again in {minutes} minute{plural}."),
            ))
        }
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
    let not_on_dashboard = || CommandError::new("not_on_dashboard", "Apps open from the dashboard only.");
    let unknown = || CommandError::new("unknown_app", "No such app.");
    let (name, url) = match current(&state).await? {
        Answer::Local(response) => {
            let Screen::Dashboard { apps, .. } = response.screen else { return Err(not_on_dashboard()) };
            let tile = apps.into_iter().find(|a| a.id == id).ok_or_else(unknown)?;
            (tile.name, tile.url)
        }
        Answer::Server(screen) => {
            if screen["screen"] != "dashboard" {
                return Err(not_on_dashboard());
            }
            let apps = screen["apps"].as_array().cloned().unwrap_or_default();
            let tile = apps.into_iter().find(|a| a["id"] == id.as_str()).ok_or_else(unknown)?;
            let text = |key: &str| tile[key].as_str().unwrap_or_default().to_owned();
            (text("name"), text("url"))
        }
    };
    // A thin client's browser arrives signed in (issue 18 §4), in a session that ends with this
    // window's; a server that hands none leaves the app's own address.
    let url = match &state.wizard {
        Wizard::Server(server) => browser_address(server, &id).await.unwrap_or(url),
        Wizard::Local { .. } => url,
    };
    // Only web addresses are opened, whatever the answer (or the hand-off) held.
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(unknown());
    }
    let failed = |e: String| {
        tracing::warn!(error = %e, app = %id, "cannot open a dashboard app");
        CommandError::new("open_failed", "The app could not be opened.")
    };
    if state.is_kiosk() {
        // Above the kiosk's window, in a window of the app's own whose web data is ephemeral:
        // closed, and so wiped, at sign-out and when the kiosk's session is discarded.
        return crate::window::open_kiosk_app(&app, &name, &url).map_err(|e| failed(e.to_string()));
    }
    app.opener().open_url(url, None::<&str>).map_err(|e| failed(e.to_string()))
}

/// The server's one-time address that opens dashboard app `app` in the browser signed in, if it
/// gives one.
async fn browser_address(server: &Arc<ServerWizard>, app: &str) -> Option<String> {
    let (server, app) = (Arc::clone(server), app.to_owned());
    let asked = run_blocking(move || {
        server.session.lock().unwrap_or_else(|p| p.into_inner()).browser_address(&app).map_err(|e| e.to_string())
    })
    .await;
    asked.map_err(|e| e.to_string()).and_then(|answer| answer).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "the server could not hand the session to the browser");
        None
    })
}

async fn current(state: &AppState) -> Result<Answer, CommandError> {
    match &state.wizard {
        Wizard::Local { session, .. } => Ok(Answer::Local(Box::new(local_current(session).await?))),
        Wizard::Server(server) => on_server(server, |s| s.screen(None)).await,
    }
}

async fn local_current(session: &AsyncSession) -> Result<Response, CommandError> {
    let session = session.clone();
    run_blocking(move || session.look()).await.map_err(|e| CommandError::new("internal", e.to_string()))
}

/// Runs `f` on the thin client's session off the async threads (the HTTPS client blocks).
async fn on_server(
    server: &Arc<ServerWizard>,
    f: impl FnOnce(&mut RemoteSession) -> Result<serde_json::Value, gatehouse_client::Error> + Send + 'static,
) -> Result<Answer, CommandError> {
    let server = Arc::clone(server);
    let answered = run_blocking(move || f(&mut server.session.lock().unwrap_or_else(|p| p.into_inner())))
        .await
        .map_err(CommandError::from)?;
    Ok(Answer::Server(answered?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn a_thin_kiosk_accepts_its_break_glass_code_however_it_is_typed() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "[server]\nurl = \"https://localhost:9\"\nca_file = \"ca.pem\"\n[secrets]\nkey_store = \"file\"\n";
        std::fs::write(dir.path().join("gatehouse.toml"), toml).unwrap();
        let ca = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
        std::fs::write(dir.path().join("ca.pem"), ca.cert.pem()).unwrap();
        gatehouse_client::break_glass::store(dir.path(), "HK7R-WQ3M-9TXA").unwrap();
        let args = crate::Args::parse_from(["gatehouse", "--kiosk", "--data-dir", dir.path().to_str().unwrap()]);
        let state = AppState::open(&args, Instant::now()).unwrap();
        let check = |code: &str| {
            tauri::async_runtime::block_on(check_break_glass(&state, SecretString::new(code.into())))
                .map_err(|e| serde_json::to_value(e).unwrap()["code"].clone())
        };
        assert_eq!(check("HK7R-WQ3M-9TXB").unwrap_err(), "break_glass_wrong");
        assert!(check("hk7r wq3m 9txa").is_ok());
        assert!(check("HK7R-WQ3M-9TXA").is_ok());
    }
}
