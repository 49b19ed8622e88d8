//! The wizard window, and what kiosk mode changes about it (DESIGN §6).

use tauri::{
    AppHandle, Emitter, Manager, Runtime, WebviewUrl, WebviewWindow, WebviewWindowBuilder, Window, WindowEvent,
};

use crate::state::AppState;

pub const MAIN: &str = "main";

/// Creates the one window. In kiosk mode it covers the screen, has no frame, stays on top and
/// cannot be closed; devtools exist only in debug builds and never in a kiosk.
pub fn create_main<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<WebviewWindow<R>> {
    let state = app.state::<AppState>();
    let kiosk = state.is_kiosk();
    let title = format!("{} — Gatehouse", state.info.branding.portal_name);
    let builder = WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App("index.html".into()))
        .title(title)
        .inner_size(1100.0, 820.0)
        .min_inner_size(400.0, 480.0)
        .zoom_hotkeys_enabled(false)
        .devtools(cfg!(debug_assertions) && !kiosk);
    let builder = if kiosk {
        // Full screen needs a window manager to honour it; cover the monitor explicitly too, so
        // a bare X server (a kiosk session without a desktop) gets the same window.
        let builder = match app.primary_monitor() {
            Ok(Some(m)) => {
                let size = m.size().to_logical::<f64>(m.scale_factor());
                let at = m.position().to_logical::<f64>(m.scale_factor());
                builder.inner_size(size.width, size.height).position(at.x, at.y)
            }
            _ => builder,
        };
        builder
            .fullscreen(true)
            .decorations(false)
            .always_on_top(true)
            .resizable(false)
            .closable(false)
            .minimizable(false)
            .skip_taskbar(true)
    } else {
        builder.center()
    };
    builder.build()
}

/// The event the window hears when a kiosk refuses to close: it offers the administrator sign-in.
pub const CLOSE_REFUSED: &str = "kiosk-close-refused";

/// Kiosk: refuse to close (Alt+F4, the window manager) and ask the window to offer the
/// administrator sign-in, whose success (`kiosk_exit`) ends the app.
pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if window.label() == crate::console::WINDOW {
        // Closing the console signs the administrator out.
        if let WindowEvent::Destroyed = event {
            window.state::<AppState>().console.end();
        }
        return;
    }
    if let WindowEvent::CloseRequested { api, .. } = event {
        if window.state::<AppState>().is_kiosk() {
            tracing::info!("kiosk: close refused");
            api.prevent_close();
            let _ = window.emit_to(window.label(), CLOSE_REFUSED, ());
        }
    }
}

/// A second start (single instance) brings the existing window forward instead.
pub fn focus_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window(MAIN) {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}
