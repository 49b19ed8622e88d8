//! Generates the Tauri context from the root `tauri.conf.json` and a permission per command
//! (`allow-wizard`, …), which `capabilities/` grants per window.

/// Every command the front-end may call; keep in step with `generate_handler!` in `lib.rs`.
const COMMANDS: &[&str] = &[
    // The wizard window (capabilities/main.json).
    "wizard",
    "current_screen",
    "password_rules",
    "reset_session",
    "app_info",
    "open_dashboard_app",
    "kiosk_exit",
    "kiosk_exit_key_start",
    "kiosk_exit_key_finish",
    "kiosk_break_glass",
    "kiosk_attention",
    "ready",
    "security_key",
    "admin_sign_in",
    "admin_key_sign_in_start",
    "admin_key_sign_in_finish",
    "first_admin_prepare",
    "first_admin_password_rules",
    "first_admin_finish",
    // The console window (capabilities/console.json).
    "console_whoami",
    "console_sign_out",
    "console_activity",
    "console_request",
    "console_open_file",
    "console_import_check",
    "console_import",
    "console_import_cancel",
    "console_audit_export",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
