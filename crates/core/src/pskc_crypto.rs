//! Encrypted PSKC (RFC 6030 §6.1 and §6.2): the secrets of a vendor's key container encrypted
//! with AES-CBC under a pre-shared key, or under a key derived from a passphrase with PBKDF2,
//! each value authenticated by an HMAC over its ciphertext (IV included). The MAC is checked,
//! in constant time, before anything is decrypted; every key and plain value is wiped after use.
//! RustCrypto's `aes`, `cbc`, `hmac`, `sha1`/`sha2` and `pbkdf2` do the cryptography.

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyIvInit};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use zeroize::Zeroizing;

use crate::text::{escaped, Text};

/// What opens an encrypted file (RFC 6030 §6): the pre-shared key (§6.1) and/or the passphrase a
/// key is derived from (§6.2) — the file says which it needs; nothing for plain values.
#[derive(Default)]
pub struct PskcKey {
    pre_shared: Option<Zeroizing<Vec<u8>>>,
    passphrase: Option<Zeroizing<String>>,
}

impl std::fmt::Debug for PskcKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PskcKey")
            .field("pre_shared", &self.pre_shared.as_ref().map(|_| ".."))
            .field("passphrase", &self.passphrase.as_ref().map(|_| ".."))
            .finish()
    }
}

impl PskcKey {
    /// A key file's content: the key in hexadecimal (32, 48 or 64 digits, spaces and a trailing
    /// newline allowed), or the raw 16, 24 or 32 bytes.
    pub fn from_key_file(bytes: &[u8]) -> Result<Self, Text> {
        // Byte by byte into wiped memory: a raw key is not valid UTF-8, and a lossy conversion
        // would leave a copy of it behind.
        let text: Zeroizing<Vec<u8>> =
            Zeroizing::new(bytes.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect());
        let key = if matches!(text.len(), 32 | 48 | 64) && text.iter().all(|b| b.is_ascii_hexdigit()) {
            let mut key = Zeroizing::new(vec![0u8; text.len() / 2]);
            for (i, pair) in text.chunks(2).enumerate() {
                let digits = std::str::from_utf8(pair).unwrap_or("00");
                key[i] = u8::from_str_radix(digits, 16).unwrap_or(0);
            }
            key
        } else if matches!(bytes.len(), 16 | 24 | 32) {
            Zeroizing::new(bytes.to_vec())
        } else {
            return Err(Text::new("token-pskc-key-file"));
        };
        Ok(Self { pre_shared: Some(key), passphrase: None })
    }

    /// A passphrase file's first line (its line end not part of it).
    pub fn from_passphrase_file(bytes: &[u8]) -> Result<Self, Text> {
        let text = std::str::from_utf8(bytes).map_err(|_| Text::new("token-pskc-passphrase-file"))?;
        Self::none().with_passphrase(text.lines().next().unwrap_or(""))
    }

    /// Nothing: a file of plain values.
    /// True when the person gave a key or a passphrase.
    pub fn is_given(&self) -> bool {
        self.pre_shared.is_some() || self.passphrase.is_some()
    }

    pub fn none() -> Self {
        Self::default()
    }

    /// This and a typed passphrase (refused when empty).
    pub fn with_passphrase(mut self, passphrase: &str) -> Result<Self, Text> {
        if passphrase.is_empty() {
            return Err(Text::new("token-pskc-passphrase-file"));
        }
        self.passphrase = Some(Zeroizing::new(passphrase.to_owned()));
        Ok(self)
    }
}

const XMLENC: &str = "http://www.w3.org/2001/04/xmlenc#";
const PBKDF2: &str = "http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2";

/// The MAC algorithms of RFC 6030 §6.1.1 this reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MacAlgorithm {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl MacAlgorithm {
    pub(crate) fn parse(uri: &str) -> Option<Self> {
        match uri {
            "http://www.w3.org/2000/09/xmldsig#hmac-sha1" => Some(Self::Sha1),
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256" => Some(Self::Sha256),
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha384" => Some(Self::Sha384),
            "http://www.w3.org/2001/04/xmldsig-more#hmac-sha512" => Some(Self::Sha512),
            _ => None,
        }
    }

    /// Whether `mac` is the MAC of `data` under `key`, compared in constant time.
    fn verify(self, key: &[u8], data: &[u8], mac: &[u8]) -> bool {
        fn check<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8], mac: &[u8]) -> bool {
            let Ok(mut m) = <M as hmac::digest::KeyInit>::new_from_slice(key) else { return false };
            m.update(data);
            m.verify_slice(mac).is_ok()
        }
        match self {
            Self::Sha1 => check::<Hmac<sha1::Sha1>>(key, data, mac),
            Self::Sha256 => check::<Hmac<sha2::Sha256>>(key, data, mac),
            Self::Sha384 => check::<Hmac<sha2::Sha384>>(key, data, mac),
            Self::Sha512 => check::<Hmac<sha2::Sha512>>(key, data, mac),
        }
    }
}

/// The key length an `xenc:EncryptionMethod` algorithm needs, for the AES-CBC ones this reads.
fn aes_cbc_key_length(uri: &str) -> Option<usize> {
    match uri.strip_prefix(XMLENC)? {
        "aes128-cbc" => Some(16),
        "aes192-cbc" => Some(24),
        "aes256-cbc" => Some(32),
        _ => None,
    }
}

/// The fault of one encrypted value, for the caller to place at its element.
pub(crate) type Fault = Text;

fn unsupported(uri: &str) -> Fault {
    Text::new("token-pskc-unsupported").arg("algorithm", escaped(uri))
}

/// The base64 text of `node` (whitespace ignored).
fn base64_of(node: roxmltree::Node) -> Result<Zeroizing<Vec<u8>>, Fault> {
    let b64: Zeroizing<String> =
        Zeroizing::new(node.text().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect());
    base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .map(Zeroizing::new)
        .map_err(|_| Text::new("token-pskc-not-base64"))
}

fn child<'a, 'input>(n: roxmltree::Node<'a, 'input>, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
    n.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// An element holding `xenc:EncryptionMethod` and `xenc:CipherData/xenc:CipherValue` (an
/// `EncryptedValue`, a `MACKey`): its algorithm's URI and the IV and ciphertext.
pub(crate) struct Sealed<'a, 'input> {
    pub(crate) method: roxmltree::Node<'a, 'input>,
    pub(crate) cipher_value: roxmltree::Node<'a, 'input>,
}

impl<'a, 'input> Sealed<'a, 'input> {
    /// The parts of `node`, or the name of the element it lacks.
    pub(crate) fn of(node: roxmltree::Node<'a, 'input>) -> Result<Self, (roxmltree::Node<'a, 'input>, Fault)> {
        let no = |name: &str| Text::new("token-pskc-no-element").arg("name", name);
        let method = child(node, "EncryptionMethod").ok_or_else(|| (node, no("EncryptionMethod")))?;
        let data = child(node, "CipherData").ok_or_else(|| (node, no("CipherData")))?;
        let cipher_value = child(data, "CipherValue").ok_or_else(|| (data, no("CipherValue")))?;
        Ok(Self { method, cipher_value })
    }

    /// IV and ciphertext, as the MAC covers them.
    pub(crate) fn bytes(&self) -> Result<Zeroizing<Vec<u8>>, (roxmltree::Node<'a, 'input>, Fault)> {
        base64_of(self.cipher_value).map_err(|f| (self.cipher_value, f))
    }

    /// The plain value under `key` (AES-CBC with PKCS#7 padding, the IV first).
    pub(crate) fn open(&self, key: &[u8]) -> Result<Zeroizing<Vec<u8>>, (roxmltree::Node<'a, 'input>, Fault)> {
        let uri = self.method.attribute("Algorithm").unwrap_or("");
        let Some(length) = aes_cbc_key_length(uri) else { return Err((self.method, unsupported(uri))) };
        if key.len() != length {
            let fault = Text::new("token-pskc-key-length").num("bytes", key.len()).num("needed", length);
            return Err((self.method, fault));
        }
        let bytes = self.bytes()?;
        if bytes.len() < 32 || bytes.len() % 16 != 0 {
            return Err((self.cipher_value, Text::new("token-pskc-ciphertext")));
        }
        let (iv, ciphertext) = bytes.split_at(16);
        let mut buffer = Zeroizing::new(ciphertext.to_vec());
        let plain_len = match length {
            16 => cbc::Decryptor::<aes::Aes128>::new_from_slices(key, iv)
                .ok()
                .and_then(|d| d.decrypt_padded_mut::<Pkcs7>(&mut buffer).ok().map(<[u8]>::len)),
            24 => cbc::Decryptor::<aes::Aes192>::new_from_slices(key, iv)
                .ok()
                .and_then(|d| d.decrypt_padded_mut::<Pkcs7>(&mut buffer).ok().map(<[u8]>::len)),
            _ => cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
                .ok()
                .and_then(|d| d.decrypt_padded_mut::<Pkcs7>(&mut buffer).ok().map(<[u8]>::len)),
        };
        // Bad padding under a MAC that matched: a wrong key for this value.
        let Some(plain_len) = plain_len else { return Err((self.cipher_value, Text::new("token-pskc-key-wrong"))) };
        buffer.truncate(plain_len);
        Ok(buffer)
    }
}

/// The container's keys: the one that decrypts values and the one their MACs are made with.
pub(crate) struct Keys {
    pub(crate) encryption: Zeroizing<Vec<u8>>,
    pub(crate) mac: Option<(MacAlgorithm, Zeroizing<Vec<u8>>)>,
}

impl Keys {
    /// Reads `EncryptionKey` and `MACMethod` of the container `root` with what the person gave.
    /// `Ok(None)` for a file without `EncryptionKey` (plain values).
    pub(crate) fn of<'a, 'input>(
        root: roxmltree::Node<'a, 'input>,
        given: &PskcKey,
    ) -> Result<Option<Self>, (roxmltree::Node<'a, 'input>, Fault)> {
        let Some(encryption_key) = child(root, "EncryptionKey") else { return Ok(None) };
        let name = encryption_key
            .descendants()
            .find(|n| n.is_element() && matches!(n.tag_name().name(), "KeyName" | "MasterKeyName"))
            .and_then(|n| n.text())
            .unwrap_or("")
            .trim()
            .to_owned();
        let encryption = match (child(encryption_key, "DerivedKey"), &given.pre_shared, &given.passphrase) {
            (Some(derived), _, Some(passphrase)) => derive(derived, passphrase)?,
            (Some(_), _, None) => {
                return Err((encryption_key, Text::new("token-pskc-passphrase-needed").arg("name", escaped(&name))));
            }
            (None, Some(key), _) => key.clone(),
            (None, None, _) => {
                return Err((encryption_key, Text::new("token-pskc-key-needed").arg("name", escaped(&name))));
            }
        };
        let mac = match child(root, "MACMethod") {
            None => None,
            Some(method) => {
                let uri = method.attribute("Algorithm").unwrap_or("");
                let algorithm = MacAlgorithm::parse(uri).ok_or_else(|| (method, unsupported(uri)))?;
                // Without a MACKey the encryption key makes the MACs (as python-pskc reads it).
                let key = match child(method, "MACKey") {
                    Some(mac_key) => {
                        let sealed = Sealed::of(mac_key)?;
                        sealed.open(&encryption).map_err(|(at, fault)| {
                            // A MAC key that does not decrypt: the key or passphrase is wrong.
                            if fault.id() == "token-pskc-key-wrong" {
                                (mac_key, fault)
                            } else {
                                (at, fault)
                            }
                        })?
                    }
                    None => encryption.clone(),
                };
                Some((algorithm, key))
            }
        };
        Ok(Some(Self { encryption, mac }))
    }

    /// The plain value of an `EncryptedValue` whose MAC is `value_mac` (the `ValueMAC` element):
    /// the MAC over IV and ciphertext is checked first; a file that encrypts without one is
    /// refused (nothing would tell a wrong key or a changed file from a right one).
    pub(crate) fn open<'a, 'input>(
        &self,
        encrypted: roxmltree::Node<'a, 'input>,
        value_mac: Option<roxmltree::Node<'a, 'input>>,
    ) -> Result<Zeroizing<Vec<u8>>, (roxmltree::Node<'a, 'input>, Fault)> {
        let sealed = Sealed::of(encrypted)?;
        let Some((algorithm, key)) = &self.mac else {
            return Err((encrypted, Text::new("token-pskc-no-element").arg("name", "MACMethod")));
        };
        let Some(value_mac) = value_mac else {
            return Err((encrypted, Text::new("token-pskc-no-element").arg("name", "ValueMAC")));
        };
        let mac = base64_of(value_mac).map_err(|f| (value_mac, f))?;
        if !algorithm.verify(key, &sealed.bytes()?, &mac) {
            return Err((value_mac, Text::new("token-pskc-mac-failed")));
        }
        sealed.open(&self.encryption)
    }
}

/// The key of `DerivedKey` (RFC 6030 §6.2, PKCS #5 PBKDF2) from `passphrase`.
fn derive<'a, 'input>(
    derived: roxmltree::Node<'a, 'input>,
    passphrase: &str,
) -> Result<Zeroizing<Vec<u8>>, (roxmltree::Node<'a, 'input>, Fault)> {
    let no = |at, name: &str| (at, Text::new("token-pskc-no-element").arg("name", name));
    let method = child(derived, "KeyDerivationMethod").ok_or_else(|| no(derived, "KeyDerivationMethod"))?;
    let uri = method.attribute("Algorithm").unwrap_or("");
    if uri != PBKDF2 {
        return Err((method, unsupported(uri)));
    }
    let params = child(method, "PBKDF2-params").ok_or_else(|| no(method, "PBKDF2-params"))?;
    let salt_node = child(params, "Salt").and_then(|s| child(s, "Specified")).ok_or_else(|| no(params, "Salt"))?;
    let salt = base64_of(salt_node).map_err(|f| (salt_node, f))?;
    let number = |name: &str| -> Result<usize, (roxmltree::Node<'a, 'input>, Fault)> {
        let node = child(params, name).ok_or_else(|| no(params, name))?;
        node.text()
            .unwrap_or("")
            .trim()
            .parse()
            .map_err(|_| (node, Text::new("token-pskc-not-a-number").arg("name", name)))
    };
    let (iterations, length) = (number("IterationCount")?, number("KeyLength")?);
    if !(1..=10_000_000).contains(&iterations) || !matches!(length, 16 | 24 | 32) {
        return Err((params, Text::new("token-pskc-pbkdf2-params").num("iterations", iterations).num("bytes", length)));
    }
    // PRF: HMAC-SHA1 unless named (the RFC's own example leaves it empty).
    let prf = child(params, "PRF").and_then(|p| p.attribute("Algorithm")).unwrap_or("");
    let mut key = Zeroizing::new(vec![0u8; length]);
    let rounds = u32::try_from(iterations).unwrap_or(u32::MAX);
    match prf {
        "" | "http://www.w3.org/2000/09/xmldsig#hmac-sha1" => {
            pbkdf2::pbkdf2_hmac::<sha1::Sha1>(passphrase.as_bytes(), &salt, rounds, &mut key);
        }
        "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256" => {
            pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), &salt, rounds, &mut key);
        }
        other => return Err((method, unsupported(other))),
    }
    Ok(key)
}
