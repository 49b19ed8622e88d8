//! Session tokens: 256 random bits, base64url, handed to the client once. The store keeps
//! SHA-256 of the token only, so a copy of the database opens no session.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use gatehouse_core::store::TokenHash;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

/// The longest `Authorization` value worth hashing; a real token is 43 characters.
const MAX_TOKEN_LEN: usize = 128;

/// A new session's token, as the client will present it.
pub struct SessionToken(Zeroizing<String>);

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

impl SessionToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token = Self(Zeroizing::new(URL_SAFE_NO_PAD.encode(bytes)));
        bytes.zeroize();
        token
    }

    pub fn hash(&self) -> TokenHash {
        hash_of(&self.0)
    }

    /// The token itself, for the one response that hands it out.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

/// SHA-256 of a token as presented: a forged token hashes to a row that does not exist.
pub fn hash_of(token: &str) -> TokenHash {
    TokenHash(Sha256::digest(token.as_bytes()).into())
}

/// The key of a browser's session cookie: SHA-256 under a label of its own, so that a cookie's
/// value sent as a machine's bearer token (or a machine's token set as a cookie) names no
/// session — a browser's session is used only by a browser, under its CSRF checks and the tie
/// to the window it was handed from, even where machines need not be registered.
pub fn browser_hash_of(cookie: &str) -> TokenHash {
    TokenHash(
        Sha256::new().chain_update(b"gatehouse browser session\0").chain_update(cookie.as_bytes()).finalize().into(),
    )
}

/// The token of an `Authorization: Bearer TOKEN` header value (RFC 6750 §2.1), if it has one.
pub fn bearer(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && token.len() <= MAX_TOKEN_LEN).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_has_256_random_bits_in_base64url_and_its_hash_is_sha256() {
        let (a, b) = (SessionToken::generate(), SessionToken::generate());
        assert_eq!(a.reveal().len(), 43);
        assert!(a.reveal().bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_ne!(a.reveal(), b.reveal());
        assert_eq!(a.hash(), hash_of(a.reveal()));
        assert!(!format!("{a:?}").contains(a.reveal()));
    }

    #[test]
    fn only_a_bearer_header_carries_a_token() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bearer  abc "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer(&format!("Bearer {}", "x".repeat(200))), None);
    }
}
