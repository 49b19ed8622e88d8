//! An empty Tauri window, the yardstick of the app's start-up benchmark (`make bench`): the same
//! Tauri and WebKitGTK, the same release profile and embedded page, a window of the same size,
//! and nothing but a heading and one line of text (as Tauri's own template shows; WebKit loads
//! its fonts only for text). Its page calls `ready` after two painted frames, as Gatehouse's
//! first screen does; with `GATEHOUSE_REPORT_READY=1` that prints `gatehouse-ready <unix ns>`,
//! which `scripts/bench-startup.py` reads from both programs alike.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::io::Write;

#[tauri::command]
fn ready() {
    if std::env::var_os("GATEHOUSE_REPORT_READY").is_some() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "gatehouse-ready {}", now.as_nanos());
        let _ = out.flush();
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .setup(|app| {
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App("index.html".into()))
                .title("Empty window")
                .inner_size(1100.0, 820.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the empty window failed to start");
}
