//! Gatehouse desktop shell: a thin Tauri v2 transport over `gatehouse-core` (DESIGN §7).
//! One window whose front-end (`ui/`) renders whatever screen the core's wizard says; every rule
//! and every secret stays on this side.

mod args;
mod commands;
mod console;
mod drawing;
mod error;
mod security_key;
mod state;
mod window;

use clap::Parser;
use tauri::Manager;

pub use args::Args;
pub use state::AppState;
/// The main window, as the app's setup opens it when the event loop starts.
pub use window::create_main;

/// Parses the flags, opens the data directory and runs the window until it closes.
pub fn run() {
    let started = std::time::Instant::now();
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_new(&args.log).unwrap_or_else(|_| "warn".into()))
        .init();
    let state = match AppState::open(&args, started) {
        Ok(state) => state,
        Err(e) => {
            eprintln!("gatehouse: {e}");
            std::process::exit(1);
        }
    };
    tracing::debug!(ms = started.elapsed().as_millis() as u64, "data directory open");
    if let Err(e) = run_app(tauri::Builder::default(), state) {
        eprintln!("gatehouse: {e}");
        std::process::exit(1);
    }
}

/// Runs the real app: one instance per user session, the configured window, the event loop.
pub fn run_app(builder: tauri::Builder<tauri::Wry>, state: AppState) -> tauri::Result<()> {
    // First, so a second start exits before doing anything else.
    let builder = builder.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| window::focus_main(app)));
    build_app(builder, state, tauri::generate_context!("../tauri.conf.json"))?.run(|_, _| {});
    Ok(())
}

/// Wires the plugins, the state, the commands and the window onto `builder`, for any runtime:
/// the real one in [`run_app`], Tauri's mock runtime in the tests.
pub fn build_app<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    state: AppState,
    context: tauri::Context<R>,
) -> tauri::Result<tauri::App<R>> {
    builder
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::wizard,
            commands::current_screen,
            commands::password_rules,
            commands::reset_session,
            commands::app_info,
            commands::open_dashboard_app,
            commands::kiosk_exit,
            commands::kiosk_exit_key_start,
            commands::kiosk_exit_key_finish,
            commands::kiosk_break_glass,
            commands::kiosk_attention,
            commands::ready,
            security_key::security_key,
            console::admin_sign_in,
            console::admin_key_sign_in_start,
            console::admin_key_sign_in_finish,
            console::first_admin_prepare,
            console::first_admin_password_rules,
            console::first_admin_finish,
            console::console_whoami,
            console::console_sign_out,
            console::console_activity,
            console::console_request,
            console::console_open_file,
            console::console_import_check,
            console::console_import,
            console::console_import_cancel,
            console::console_audit_export,
        ])
        .setup(|app| {
            window::create_main(app.handle())?;
            let started = app.state::<AppState>().started;
            tracing::debug!(ms = started.elapsed().as_millis() as u64, "window created");
            Ok(())
        })
        .on_window_event(window::on_event)
        .build(context)
}
