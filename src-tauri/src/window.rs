//! The wizard window, and what kiosk mode changes about it (DESIGN §6).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

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
    let window = builder.build()?;
    crate::drawing::software_rendering(&window);
    if kiosk {
        contain_kiosk_page(&window);
    }
    Ok(window)
}

/// A kiosk's dashboard app: its own window.
pub const KIOSK_APP: &str = "kiosk-app";

/// Kiosk: opens `url` (a dashboard app) in a window of Gatehouse's own above the kiosk's, with
/// ephemeral web data (incognito: its cookies and sign-ins live only as long as the window), and
/// no access to the app's commands (no capability names this window). Another app replaces the
/// one open. The person closes it to go back to the dashboard; sign-out and the idle reset close
/// it ([`close_kiosk_app`]).
///
/// The window runs as the kiosk's own OS account, which owns the data directory: nothing in it
/// may reach a file. Downloads are refused, new windows open in this one, it never goes to a
/// `file:` address, and — on Linux — WebKitGTK's file chooser (an upload field) and
/// print dialog (whose "Print to File" has one) are refused ([`contain_kiosk_page`]).
pub fn open_kiosk_app<R: Runtime>(app: &AppHandle<R>, name: &str, url: &str) -> tauri::Result<()> {
    close_kiosk_app(app);
    let url = url.parse().map_err(tauri::Error::InvalidUrl)?;
    let opener = app.clone();
    let mut builder = WebviewWindowBuilder::new(app, KIOSK_APP, WebviewUrl::External(url))
        .title(name)
        .incognito(true)
        .always_on_top(true)
        .skip_taskbar(true)
        .minimizable(false)
        .devtools(false)
        .on_navigation(|url| url.scheme() != "file")
        .on_download(|_, event| {
            if matches!(event, tauri::webview::DownloadEvent::Requested { .. }) {
                tracing::warn!("kiosk: a dashboard app's download refused");
            }
            false
        })
        .on_new_window(move |url, _| {
            // `target=_blank` and `window.open`: the same window goes there instead.
            if let Some(window) = opener.get_webview_window(KIOSK_APP).filter(|_| is_web_address(&url)) {
                if let Err(e) = window.navigate(url) {
                    tracing::warn!(error = %e, "kiosk: a dashboard app's new window could not be followed");
                }
            }
            tauri::webview::NewWindowResponse::Deny
        });
    if let Ok(Some(m)) = app.primary_monitor() {
        let size = m.size().to_logical::<f64>(m.scale_factor());
        let at = m.position().to_logical::<f64>(m.scale_factor());
        builder = builder.inner_size(size.width, size.height).position(at.x, at.y);
    }
    let window = builder.maximized(true).build()?;
    contain_kiosk_page(&window);
    tracing::info!("kiosk: a dashboard app opened in its own window");
    ask_later(app);
    Ok(())
}

/// True for the addresses a new window of a kiosk's app may take the app's window to: the web's
/// (`https:`, `http:`). (Navigation in the window itself is refused only to `file:`, as its
/// frames load `about:`, `blob:` and `data:` addresses of their own.)
fn is_web_address(url: &tauri::Url) -> bool {
    matches!(url.scheme(), "https" | "http")
}

/// A kiosk's page (a dashboard app's, or the kiosk's own window) shows no file chooser and no
/// print dialog: each is a way to browse, read or write the kiosk account's files (the data
/// directory among them). Where the web view has no such hook (WebView2, WKWebView), the
/// kiosk's OS account must be kept from the data directory instead (README, "Kiosk mode").
pub fn contain_kiosk_page<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let done = window.with_webview(|webview| {
            use webkit2gtk::{FileChooserRequestExt, WebViewExt};
            let view = webview.inner();
            view.connect_run_file_chooser(|_, request| {
                tracing::warn!("kiosk: a page's file chooser refused");
                request.cancel();
                true
            });
            view.connect_print(|_, _| {
                tracing::warn!("kiosk: a page's print dialog refused");
                true
            });
        });
        if let Err(e) = done {
            tracing::error!(error = %e, "kiosk: the page's file chooser and print dialog could not be refused");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// Which showing of the app's window a pending [`ask_later`] belongs to: closing the window or
/// moving it aside makes that one stale.
static SHOWING: AtomicU64 = AtomicU64::new(0);

/// The kiosk's own window, under the app's, cannot see the person's input there and its timers
/// may be held while it is covered: when its idle countdown is due (idle time less the
/// countdown after the app came up), the app steps aside so that the countdown shows and runs.
fn ask_later<R: Runtime>(app: &AppHandle<R>) {
    let showing = SHOWING.fetch_add(1, Ordering::SeqCst) + 1;
    let Some(kiosk) = app.state::<AppState>().info.kiosk else { return };
    let wait = Duration::from_secs(u64::from(kiosk.idle_seconds.saturating_sub(kiosk.countdown_seconds).max(1)));
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(wait);
        if SHOWING.load(Ordering::SeqCst) == showing {
            kiosk_app_aside(&app, true);
        }
    });
}

/// Closes a kiosk's dashboard app window, if one is open (its ephemeral web data goes with it).
pub fn close_kiosk_app<R: Runtime>(app: &AppHandle<R>) {
    SHOWING.fetch_add(1, Ordering::SeqCst);
    if let Some(w) = app.get_webview_window(KIOSK_APP) {
        if let Err(e) = w.destroy() {
            tracing::warn!(error = %e, "kiosk: the app window could not be closed");
        }
    }
}

/// Kiosk: the idle countdown needs the person's eyes, so an open app's window steps aside
/// (hidden, its page kept) while it shows and comes back when they are still there.
pub fn kiosk_app_aside<R: Runtime>(app: &AppHandle<R>, aside: bool) {
    let Some(w) = app.get_webview_window(KIOSK_APP) else { return };
    let done = if aside {
        SHOWING.fetch_add(1, Ordering::SeqCst);
        w.hide()
    } else if w.is_visible().unwrap_or(true) {
        return;
    } else {
        let shown = w.show().and_then(|()| w.set_focus());
        ask_later(app);
        shown
    };
    if let Err(e) = done {
        tracing::warn!(error = %e, "kiosk: the app window could not be moved aside or back");
    }
}

/// The event the window hears when a kiosk refuses to close: it offers the administrator sign-in.
pub const CLOSE_REFUSED: &str = "kiosk-close-refused";

/// Kiosk: refuse to close (Alt+F4, the window manager) and ask the window to offer the
/// administrator sign-in, whose success (`kiosk_exit`) ends the app.
pub fn on_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if window.label() == crate::console::WINDOW {
        // Closing the console signs the administrator out.
        if let WindowEvent::Destroyed = event {
            crate::console::end_here(&window.state::<AppState>());
            crate::console::tell_main_window(window.app_handle(), false);
        }
        return;
    }
    if window.label() == KIOSK_APP {
        // The person closes an app's window to go back to the dashboard.
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
