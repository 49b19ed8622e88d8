//! This machine's device credential (issue 14 §2): every client machine is registered with the
//! server and sends its own revocable credential in the `Gatehouse-Device` header. It is kept in
//! the OS keyring (service `gatehouse`, entry `device <server base URL>`), or — with
//! `[secrets] key_store = "file"`, for headless kiosks — in `<data dir>/device.credential`,
//! owner-only (0600) and replaced atomically. It is never printed or logged.

use std::io::Write;
use std::path::Path;

use gatehouse_core::config::{SecretsConfig, ServerConfig};
use gatehouse_core::vault::KEYRING_SERVICE;
use rand::Rng;
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::error::{Error, Reply};
use crate::https::{base_url, https_client};

/// The credential's file with `key_store = "file"`.
pub const FILE_NAME: &str = "device.credential";

const NO_KEYRING_FIX: &str = "Start the desktop session's keyring (GNOME Keyring, KWallet, macOS Keychain, \
     Windows Credential Manager) and unlock it, or on a headless kiosk set `key_store = \"file\"` under \
     [secrets] in gatehouse.toml to keep the device credential in a file readable only by this user.";

/// Where the credential for `url` is kept on this machine.
enum Place {
    Keyring(keyring::Entry),
    File(std::path::PathBuf),
}

fn place(url: &str, data_dir: &Path, secrets: &SecretsConfig) -> Result<Place, gatehouse_core::Error> {
    if secrets.key_store == "file" {
        return Ok(Place::File(data_dir.join(FILE_NAME)));
    }
    let entry = keyring::Entry::new(KEYRING_SERVICE, &entry_name(url)).map_err(keyring_error)?;
    Ok(Place::Keyring(entry))
}

/// The keyring entry's name: one credential per server.
pub fn entry_name(url: &str) -> String {
    format!("device {}", base_url(url))
}

fn keyring_error(e: keyring::Error) -> gatehouse_core::Error {
    gatehouse_core::Error::Config(format!("the OS keyring is not reachable ({e}). {NO_KEYRING_FIX}"))
}

/// This machine's credential for the server at `url`, if it has been registered.
pub fn load(url: &str, data_dir: &Path, secrets: &SecretsConfig) -> Result<Option<Zeroizing<String>>, Error> {
    let credential = match place(url, data_dir, secrets)? {
        Place::Keyring(entry) => match entry.get_password() {
            Ok(c) => Zeroizing::new(c),
            Err(keyring::Error::NoEntry) => return Ok(None),
            Err(e) => return Err(keyring_error(e).into()),
        },
        Place::File(path) => match std::fs::read_to_string(&path) {
            Ok(c) => {
                let c = Zeroizing::new(c);
                refuse_shared(&path)?;
                Zeroizing::new(c.trim().to_owned())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(config(format!("cannot read {}: {e}", path.display()))),
        },
    };
    if !is_credential(&credential) {
        return Err(config(format!(
            "the stored device credential for {} is damaged; run `gatehouse-cli device forget` and register again",
            base_url(url)
        )));
    }
    Ok(Some(credential))
}

/// Keeps `credential` for the server at `url`, replacing any earlier one.
pub fn store(url: &str, data_dir: &Path, secrets: &SecretsConfig, credential: &str) -> Result<(), Error> {
    if !is_credential(credential) {
        return Err(config("the device credential is not base64url text".into()));
    }
    match place(url, data_dir, secrets)? {
        Place::Keyring(entry) => {
            entry.set_password(credential).map_err(keyring_error)?;
            // Read it back: some stores "succeed" without storing (a locked or mock store).
            let again = Zeroizing::new(entry.get_password().map_err(keyring_error)?);
            if again.as_str() != credential {
                return Err(config(format!("the OS keyring did not keep the device credential. {NO_KEYRING_FIX}")));
            }
        }
        Place::File(path) => write_private(&path, credential.as_bytes())?,
    }
    Ok(())
}

/// Removes this machine's credential for `url`; the answer is whether there was one.
pub fn forget(url: &str, data_dir: &Path, secrets: &SecretsConfig) -> Result<bool, Error> {
    match place(url, data_dir, secrets)? {
        Place::Keyring(entry) => match entry.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(keyring_error(e).into()),
        },
        Place::File(path) => match std::fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(config(format!("cannot remove {}: {e}", path.display()))),
        },
    }
}

/// A device as the server registered it.
#[derive(Debug, Clone)]
pub struct Device {
    pub id: String,
    pub name: String,
}

impl Device {
    /// From the answer's `{"id", "name"}`; an id may be a string or a number.
    fn from_json(v: &serde_json::Value) -> Option<Self> {
        let id = match &v["id"] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return None,
        };
        Some(Self { id, name: v["name"].as_str()?.to_owned() })
    }
}

/// What registering this machine answered: the device, and its credential (to be stored, never
/// shown).
pub struct Registered {
    pub device: Device,
    pub credential: Zeroizing<String>,
}

/// Exchanges a one-time enrolment code for this machine's credential: `POST {url}/v1/devices`
/// with `{"code", "name", "kiosk"}`; the server answers `201 {"device": {"id", "name"},
/// "credential"}` or its error body (`403 enrolment_code_invalid`, `409 device_name_taken`,
/// `400 bad_request`), which comes back as [`Error::Refused`]. Nothing is stored here.
pub fn register(server: &ServerConfig, dir: &Path, code: &str, name: &str, kiosk: bool) -> Result<Registered, Error> {
    #[derive(Deserialize)]
    struct Answer {
        device: serde_json::Value,
        credential: String,
    }
    let client = https_client(server, dir)?;
    let body = Zeroizing::new(serde_json::json!({ "code": code, "name": name, "kiosk": kiosk }).to_string());
    let r = client
        .post(format!("{}/v1/devices", base_url(&server.url)))
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .send()?;
    let status = r.status().as_u16();
    // The body holds the credential: wiped when dropped, and never put into a Reply.
    let text = Zeroizing::new(r.text()?);
    if status == 201 {
        let unexpected =
            |m: String| Error::Unreachable(format!("POST /v1/devices answered 201 with an unexpected body: {m}"));
        let answer: Answer = serde_json::from_str(&text).map_err(|e| unexpected(e.to_string()))?;
        let credential = Zeroizing::new(answer.credential);
        if !is_credential(&credential) {
            return Err(unexpected("a credential that is not base64url".into()));
        }
        let device = Device::from_json(&answer.device).ok_or_else(|| unexpected("no device id and name".into()))?;
        return Ok(Registered { device, credential });
    }
    let reply = Reply { status, text: text.to_string() };
    if reply.code().is_empty() {
        return Err(Error::Unreachable(format!("POST /v1/devices answered {status} without an error body")));
    }
    Err(Error::Refused(reply))
}

/// base64url text of a sensible length (what the server issues).
fn is_credential(s: &str) -> bool {
    (16..=1024).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'=')
}

fn config(m: String) -> Error {
    Error::Local(gatehouse_core::Error::Config(m))
}

/// Writes `bytes` to `path` owner-only (0600), atomically: a new file beside it, flushed, then
/// renamed over the old one, so a crash leaves the old file or the new one, never half of one.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.{:016x}.tmp", rand::rngs::OsRng.gen::<u64>()));
    let fail = |e: std::io::Error| config(format!("cannot write {}: {e}", path.display()));
    let written = gatehouse_core::files::create_dir(dir)
        .and_then(|_| gatehouse_core::files::create_new(&temp))
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    // The rename itself reaches the disk with the folder.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Refuses a secret file that other users can read.
pub(crate) fn refuse_shared(path: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).map_err(|e| config(format!("cannot read {}: {e}", path.display())))?;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(config(format!(
                "{} is readable by other users; run `chmod 600 {}`",
                path.display(),
                path.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://gatehouse.school.example:8443/";
    const CREDENTIAL: &str = "dGhpcy1pcy1ub3QtYS1yZWFsLWNyZWRlbnRpYWw";

    fn secrets(key_store: &str) -> SecretsConfig {
        SecretsConfig { key_store: key_store.into(), key_file: String::new() }
    }

    #[test]
    fn a_credential_in_a_file_is_owner_only_replaced_whole_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let file = secrets("file");
        assert!(load(URL, dir.path(), &file).unwrap().is_none());
        store(URL, dir.path(), &file, CREDENTIAL).unwrap();
        assert_eq!(load(URL, dir.path(), &file).unwrap().unwrap().as_str(), CREDENTIAL);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = dir.path().join(FILE_NAME);
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        store(URL, dir.path(), &file, "c2Vjb25kLWNyZWRlbnRpYWwtdmFsdWU").unwrap();
        assert_eq!(load(URL, dir.path(), &file).unwrap().unwrap().as_str(), "c2Vjb25kLWNyZWRlbnRpYWwtdmFsdWU");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, [FILE_NAME], "no temporary file is left behind");
        assert!(forget(URL, dir.path(), &file).unwrap());
        assert!(!forget(URL, dir.path(), &file).unwrap());
        assert!(load(URL, dir.path(), &file).unwrap().is_none());
    }

    #[test]
    fn a_credential_file_others_can_read_or_a_damaged_one_is_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let file = secrets("file");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "not a credential!\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let e = load(URL, dir.path(), &file).unwrap_err();
            assert!(e.to_string().contains("chmod 600"), "{e}");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let e = load(URL, dir.path(), &file).unwrap_err();
        assert!(e.to_string().contains("device forget"), "{e}");
        assert!(!e.to_string().contains("not a credential"), "the stored text is not repeated: {e}");
        assert!(store(URL, dir.path(), &file, "has spaces in it and more").is_err());
    }

    #[test]
    fn a_device_id_may_be_a_string_or_a_number() {
        let d = Device::from_json(&serde_json::json!({"id": "dev_7", "name": "Lab 2 kiosk 07"})).unwrap();
        assert_eq!((d.id.as_str(), d.name.as_str()), ("dev_7", "Lab 2 kiosk 07"));
        assert_eq!(Device::from_json(&serde_json::json!({"id": 7, "name": "x"})).unwrap().id, "7");
        assert!(Device::from_json(&serde_json::json!({"name": "x"})).is_none());
    }

    #[test]
    fn the_keyring_entry_is_named_for_the_server_without_a_trailing_slash() {
        assert_eq!(entry_name(URL), "device https://gatehouse.school.example:8443");
    }

    /// The real Secret Service (run under `scripts/with-keyring.sh`; skipped without a session bus).
    #[test]
    fn a_credential_in_the_os_keyring_is_kept_per_server_and_forgotten() {
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
            eprintln!("skipped: no D-Bus session (run under scripts/with-keyring.sh)");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let keyring = secrets("keyring");
        let url = format!("https://keyring-test-{}.example:8443", std::process::id());
        let other = format!("{url}0");
        store(&url, dir.path(), &keyring, CREDENTIAL).unwrap();
        assert_eq!(load(&url, dir.path(), &keyring).unwrap().unwrap().as_str(), CREDENTIAL);
        assert!(load(&other, dir.path(), &keyring).unwrap().is_none(), "another server's entry");
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing written to the data directory");
        assert!(forget(&url, dir.path(), &keyring).unwrap());
        assert!(load(&url, dir.path(), &keyring).unwrap().is_none());
    }
}
