//! Ctrl-C, a closed terminal (`SIGHUP`) and `kill` (`SIGTERM`) while a command holds something
//! that must not be lost or left behind: an import stops between two batches, so that every
//! account it made has its temporary password in the passwords file; a session removes the QR
//! code that holds an authenticator's secret before it ends. A second such signal ends the
//! process as usual.

use std::ffi::CString;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

/// Set by the first signal once [`stop_gently`] was called.
static STOP: AtomicBool = AtomicBool::new(false);
/// Whether the first signal only sets [`STOP`] (an import) rather than ending the process.
static GENTLE: AtomicBool = AtomicBool::new(false);
/// The file to remove before the process ends by a signal (a leaked C string), or null.
static REMOVE: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());

/// From now on the first `SIGINT`, `SIGTERM` or `SIGHUP` sets the returned flag instead of
/// ending the process (the import stops at its next batch and keeps what it made).
pub fn stop_gently() -> &'static AtomicBool {
    GENTLE.store(true, Ordering::SeqCst);
    install();
    &STOP
}

/// A file that holds a secret: while it is [`Removal::armed`], a signal that ends the process
/// removes it first.
pub struct Removal(*mut libc::c_char);

impl Removal {
    /// Handles the signals for `path` (nothing is removed until [`Removal::armed`]).
    pub fn of(path: &Path) -> Option<Self> {
        let text = CString::new(path.as_os_str().as_encoded_bytes()).ok()?;
        install();
        Some(Self(text.into_raw()))
    }

    /// Whether a signal removes the file now: while it exists, and only then (a file of the
    /// same name that the session did not write is never removed).
    pub fn armed(&self, armed: bool) {
        REMOVE.store(if armed { self.0 } else { std::ptr::null_mut() }, Ordering::SeqCst);
    }
}

impl Drop for Removal {
    fn drop(&mut self) {
        self.armed(false);
        // SAFETY: made by `CString::into_raw` in `of`, and no longer reachable from the handler.
        drop(unsafe { CString::from_raw(self.0) });
    }
}

extern "C" fn on_signal(signal: libc::c_int) {
    if GENTLE.load(Ordering::SeqCst) {
        STOP.store(true, Ordering::SeqCst);
        return;
    }
    let path = REMOVE.load(Ordering::SeqCst);
    // SAFETY: `unlink` and `raise` are async-signal-safe; `path` is a live C string while set.
    // The handler was reset to the default action on entry, so the raised signal ends the
    // process once this handler returns.
    unsafe {
        if !path.is_null() {
            libc::unlink(path);
        }
        libc::raise(signal);
    }
}

fn install() {
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: a zeroed `sigaction` is valid; the handler only touches atomics and calls
        // async-signal-safe functions.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            action.sa_flags = libc::SA_RESETHAND;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}
