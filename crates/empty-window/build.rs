//! The Tauri context from this crate's `tauri.conf.json`, and the one command's permission.

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["ready"]));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
