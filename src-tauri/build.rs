//! Generates the Tauri context from the root `tauri.conf.json` and a permission per command
//! (`allow-wizard`, …), which `capabilities/` grants per window.

/// Every command the front-end may call; keep in step with `generate_handler!` in `lib.rs`.
const COMMANDS: &[&str] =
    &["wizard", "current_screen", "password_rules", "reset_session", "app_info", "open_dashboard_app", "kiosk_exit", "ready"];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
