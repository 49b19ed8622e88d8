//! The desktop's side of a FIDO2 ceremony (issue 17 §1). WebKitGTK has no WebAuthn, so the shell
//! talks to the key itself: CTAP2 over USB HID (`/dev/hidraw*`) with passkey-client's
//! `LinuxClient`, which offers the ceremony to every key plugged in and takes the first touched.
//! The options and the answer are the WebAuthn JSON the engine (or the school's server) makes
//! and checks; this side holds no secret and decides nothing. Other systems say plainly that
//! they cannot reach a key yet (Windows needs `webauthn.dll`, macOS its own HID access).

use serde::Serialize;

use crate::error::CommandError;

/// The key's answer for the wizard: its WebAuthn JSON, and the model the machine read off the
/// key (its HID name, when exactly one key is plugged in).
#[derive(Debug, Serialize)]
pub struct KeyAnswer {
    credential: serde_json::Value,
    model: Option<String>,
}

/// Which ceremony: `register` (enrol a key) or `sign` (use one).
#[derive(Debug, Clone, Copy, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Register,
    Sign,
}

/// Runs the screen's ceremony (`{"origin", "options"}`) with the security key plugged in.
#[tauri::command]
pub async fn security_key(kind: Kind, ceremony: serde_json::Value) -> Result<KeyAnswer, CommandError> {
    run(kind, ceremony).await
}

#[cfg(target_os = "linux")]
async fn run(kind: Kind, ceremony: serde_json::Value) -> Result<KeyAnswer, CommandError> {
    use passkey_authenticator::linux::LinuxAuthenticator;
    use passkey_client::linux::LinuxClient;
    use passkey_client::DefaultClientData;
    use passkey_crypto::rust_crypto::RustCryptoBackend;
    use passkey_types::webauthn::{CredentialCreationOptions, CredentialRequestOptions};

    let bad = |what: &str| CommandError::new("bad_request", format!("the security key ceremony has no valid {what}"));
    let origin = ceremony["origin"].as_str().and_then(|o| url::Url::parse(o).ok()).ok_or_else(|| bad("origin"))?;
    let devices = LinuxAuthenticator::list_devices().map_err(|e| failed(&e))?;
    let model = match devices.as_slice() {
        [one] => one.id_info.name.clone(),
        _ => None,
    };
    let mut client = LinuxClient::<RustCryptoBackend, _, _>::open_all().await.map_err(|e| failed(&e))?;
    if client.device_count() == 0 {
        return Err(CommandError::new("security_key_none", "no security key is plugged in"));
    }
    // A key waits for its touch: the ceremony's own timeout bounds it (at most two minutes).
    let wait = std::time::Duration::from_secs(120);
    let credential = match kind {
        Kind::Register => {
            let options: CredentialCreationOptions =
                serde_json::from_value(ceremony["options"].clone()).map_err(|_| bad("options"))?;
            let made = tokio::time::timeout(wait, client.register(&origin, options, DefaultClientData)).await;
            serde_json::to_value(made.map_err(|_| timed_out())?.map_err(|e| failed(&e))?)
        }
        Kind::Sign => {
            let options: CredentialRequestOptions =
                serde_json::from_value(ceremony["options"].clone()).map_err(|_| bad("options"))?;
            let signed = tokio::time::timeout(wait, client.authenticate(&origin, options, DefaultClientData)).await;
            serde_json::to_value(signed.map_err(|_| timed_out())?.map_err(|e| failed(&e))?)
        }
    }
    .map_err(|e| failed(&e))?;
    Ok(KeyAnswer { credential, model })
}

#[cfg(not(target_os = "linux"))]
async fn run(_kind: Kind, _ceremony: serde_json::Value) -> Result<KeyAnswer, CommandError> {
    Err(CommandError::new("security_key_unsupported", "security keys cannot be reached on this system yet"))
}

#[cfg(target_os = "linux")]
fn timed_out() -> CommandError {
    CommandError::new("security_key_timeout", "the security key was not touched in time")
}

/// A key or its channel failed: the detail goes to the log, the window says it safely.
#[cfg(target_os = "linux")]
fn failed(e: &dyn std::fmt::Debug) -> CommandError {
    tracing::warn!(error = ?e, "the security key ceremony failed");
    CommandError::new("security_key_failed", "the security key could not be used")
}
