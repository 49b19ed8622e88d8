//! Secrets at rest (DESIGN §3): token secrets are sealed with XChaCha20-Poly1305 under a 256-bit
//! data key that never touches the database. The key lives in the OS keyring (Secret Service,
//! Keychain, Credential Manager) or, for a headless kiosk that opts in, in a key file readable
//! only by its owner. A database copied without the key reveals no secret; a key that does not
//! belong to the database is detected by a check value instead of producing garbage.

use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::Error;

/// Keyring service name under which data keys are stored.
pub const KEYRING_SERVICE: &str = "gatehouse";
const VERSION: u8 = 1;
const NONCE_LEN: usize = 24;

/// Where the data key is kept (`[secrets] key_store` in the configuration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// The OS keyring, under service `gatehouse` and this entry name (one per install).
    Keyring { entry: String },
    /// A file readable only by its owner (headless kiosks without a keyring).
    File(PathBuf),
}

/// The data key, loaded once per process.
pub struct Vault {
    key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault(***)")
    }
}

const NO_KEYRING_FIX: &str = "Start the desktop session's keyring (GNOME Keyring, KWallet, macOS Keychain, \
     Windows Credential Manager) and unlock it, or on a headless kiosk set `key_store = \"file\"` under \
     [secrets] in gatehouse.toml to keep the key in a file readable only by this user.";

impl Vault {
    /// A vault with a given key (tests).
    pub fn from_key(key: [u8; 32]) -> Self {
        Self { key: Zeroizing::new(key) }
    }

    /// A second handle on the same key.
    pub fn from_key_of(other: &Vault) -> Self {
        Self { key: other.key.clone() }
    }

    /// Loads the data key from `source`, creating it on first use when `create` is true.
    pub fn load(source: &KeySource, create: bool) -> Result<Self, Error> {
        match source {
            KeySource::Keyring { entry } => Self::from_keyring(entry, create),
            KeySource::File(path) => Self::from_file(path, create),
        }
    }

    fn from_keyring(entry_name: &str, create: bool) -> Result<Self, Error> {
        let unreachable =
            |e: keyring::Error| Error::Config(format!("the OS keyring is not reachable ({e}). {NO_KEYRING_FIX}"));
        let entry = keyring::Entry::new(KEYRING_SERVICE, entry_name).map_err(unreachable)?;
        match entry.get_secret() {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                let key: [u8; 32] = bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| Error::Config(format!("the keyring entry {KEYRING_SERVICE}/{entry_name} is not a Gatehouse data key")))?;
                Ok(Self::from_key(key))
            }
            Err(keyring::Error::NoEntry) if create => {
                let mut key = Zeroizing::new([0u8; 32]);
                OsRng.fill_bytes(key.as_mut());
                entry.set_secret(key.as_ref()).map_err(unreachable)?;
                // Read it back: some stores "succeed" without storing (a locked or mock store).
                let again = Zeroizing::new(entry.get_secret().map_err(unreachable)?);
                if again.as_slice() != key.as_ref() {
                    return Err(Error::Config(format!("the OS keyring did not keep the data key. {NO_KEYRING_FIX}")));
                }
                tracing::info!(entry = entry_name, "created the data key in the OS keyring");
                Ok(Self { key })
            }
            Err(keyring::Error::NoEntry) => Err(Error::Config(format!(
                "the data key {KEYRING_SERVICE}/{entry_name} is missing from the OS keyring: token secrets cannot be read \
                 on this machine or by this user. Restore the keyring, or have an administrator delete the authenticators \
                 so people can enrol again."
            ))),
            Err(e) => Err(unreachable(e)),
        }
    }

    /// Deletes a keyring entry this process made and no database uses (failures are logged).
    pub fn delete_keyring_entry(entry_name: &str) {
        let deleted = keyring::Entry::new(KEYRING_SERVICE, entry_name).and_then(|e| e.delete_credential());
        if let Err(e) = deleted {
            tracing::warn!(entry = entry_name, error = %e, "could not delete an unused data key from the OS keyring");
        }
    }

    fn from_file(path: &Path, create: bool) -> Result<Self, Error> {
        tracing::warn!(path = %path.display(), "the data key is kept in a key file, not the OS keyring ([secrets] key_store = \"file\")");
        match std::fs::read(path) {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                check_private(path)?;
                let key: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
                    Error::Config(format!("{} is not a Gatehouse key file (expected 32 bytes)", path.display()))
                })?;
                Ok(Self::from_key(key))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && create => {
                let mut key = Zeroizing::new([0u8; 32]);
                OsRng.fill_bytes(key.as_mut());
                write_private(path, key.as_ref())?;
                Ok(Self { key })
            }
            Err(e) => Err(Error::Config(format!("cannot read the key file {}: {e}", path.display()))),
        }
    }

    /// Seals `plaintext`, bound to `context` (e.g. the row it belongs to) so a sealed value cannot
    /// be moved to another row. Layout: version byte, 24-byte random nonce, ciphertext + tag.
    pub fn seal(&self, plaintext: &[u8], context: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new(self.key.as_ref().into());
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let ct = cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad: context })
            .expect("XChaCha20-Poly1305 encryption does not fail for in-memory input");
        let mut out = Vec::with_capacity(1 + NONCE_LEN + ct.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        out
    }

    /// Opens a sealed value. A wrong key, a wrong context or a tampered value is an error.
    pub fn open(&self, sealed: &[u8], context: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
        if sealed.len() < 1 + NONCE_LEN + 16 || sealed[0] != VERSION {
            return Err(Error::Storage("a sealed secret is malformed".into()));
        }
        let cipher = XChaCha20Poly1305::new(self.key.as_ref().into());
        cipher
            .decrypt(
                XNonce::from_slice(&sealed[1..1 + NONCE_LEN]),
                Payload { msg: &sealed[1 + NONCE_LEN..], aad: context },
            )
            .map(Zeroizing::new)
            .map_err(|_| {
                Error::Storage(
                    "a sealed secret cannot be opened with this data key (wrong key or tampered data)".into(),
                )
            })
    }

    /// A value that identifies the key without revealing it, stored beside the data so that a
    /// different key is recognised at once.
    pub fn check_value(&self) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.key.as_ref()).expect("any key length");
        mac.update(b"gatehouse data key check v1");
        mac.finalize().into_bytes().into()
    }

    /// A keyed MAC of `data` for `purpose` (email OTP codes are stored only as this: a copied
    /// database without the key cannot be used to recover them).
    pub fn mac(&self, purpose: &[u8], data: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.key.as_ref()).expect("any key length");
        mac.update(b"gatehouse mac v1\0");
        mac.update(&(purpose.len() as u64).to_be_bytes());
        mac.update(purpose);
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    pub fn matches(&self, check: &[u8]) -> bool {
        self.check_value().ct_eq(check).into()
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    crate::files::write_new(path, bytes)
        .map_err(|e| Error::Config(format!("cannot create the key file {}: {e}", path.display())))
}

/// Refuses a key file that others can read.
fn check_private(path: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta =
            std::fs::metadata(path).map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(Error::Config(format!(
                "the key file {} is readable by other users; run `chmod 600 {}`",
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

    #[test]
    fn sealed_secrets_open_with_the_same_key_and_context_only() {
        let v = Vault::from_key([7; 32]);
        let sealed = v.seal(b"JBSWY3DPEHPK3PXP", b"authenticator:1");
        assert!(!sealed.windows(16).any(|w| w == b"JBSWY3DPEHPK3PXP"), "not in clear");
        assert_eq!(v.open(&sealed, b"authenticator:1").unwrap().as_slice(), b"JBSWY3DPEHPK3PXP");
        assert!(v.open(&sealed, b"authenticator:2").is_err(), "bound to its row");
        assert!(Vault::from_key([8; 32]).open(&sealed, b"authenticator:1").is_err(), "another key");
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(v.open(&tampered, b"authenticator:1").is_err());
        assert!(v.open(&[], b"").is_err());
    }

    #[test]
    fn two_seals_of_one_secret_differ() {
        let v = Vault::from_key([1; 32]);
        assert_ne!(v.seal(b"x", b""), v.seal(b"x", b""));
    }

    #[test]
    fn the_check_value_recognises_its_key() {
        let v = Vault::from_key([3; 32]);
        assert!(v.matches(&v.check_value()));
        assert!(!Vault::from_key([4; 32]).matches(&v.check_value()));
    }

    #[test]
    fn a_key_file_is_created_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gatehouse.key");
        let a = Vault::load(&KeySource::File(path.clone()), true).unwrap();
        let b = Vault::load(&KeySource::File(path.clone()), false).unwrap();
        assert_eq!(a.check_value(), b.check_value());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let e = Vault::load(&KeySource::File(path.clone()), false).unwrap_err();
            assert!(e.to_string().contains("chmod 600"), "{e}");
        }
    }

    #[test]
    fn a_missing_or_wrong_sized_key_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.key");
        assert!(Vault::load(&KeySource::File(path.clone()), false).unwrap_err().to_string().contains("none.key"));
        std::fs::write(&path, b"short").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert!(Vault::load(&KeySource::File(path), false).unwrap_err().to_string().contains("32 bytes"));
    }
}
