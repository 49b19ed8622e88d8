//! How Gatehouse's own windows are drawn.

use tauri::{Runtime, WebviewWindow};

/// Gatehouse's own pages (the wizard and the console: forms, no video, no animation) are drawn
/// without WebKitGTK's accelerated compositing: measured by `make bench`, compositing made the
/// wizard's first screen about 400 ms slower and its processes about 80 MiB larger under a
/// software renderer, and it is what fails first on a lab's old or odd graphics drivers (a blank
/// window). A kiosk's dashboard apps (Meet's video, Docs) keep WebKit's default.
pub fn software_rendering<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let done = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(e) = done {
            tracing::warn!(error = %e, "the window keeps WebKit's accelerated compositing");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
