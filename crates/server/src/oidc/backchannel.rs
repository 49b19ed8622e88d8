//! OpenID Connect Back-Channel Logout 1.0: when a person signs out of Gatehouse in a browser,
//! every app that signed them in from that browser session and registered a
//! `backchannel_logout_uri` is told so, server to server, with a logout token — a JWT signed like
//! the ID tokens (`typ` `logout+jwt`) naming the person (`sub`) and the session (`sid`, also in
//! the ID token) — so the app ends its own session too, even if the person never goes back to it.
//!
//! Which apps to tell is kept in the session store (a row per sign-in — browser session and
//! person — and app under a hash of its own label, written when the app's code is issued, taken
//! at sign-out: on any server process, each app is told once). Delivery is best effort and off the request's path:
//! a POST of `logout_token` with a five-second limit, no redirect followed, the outcome logged
//! and counted (`gatehouse_single_sign_ons_total`, outcome `logout_ok`, `logout_refused` or
//! `logout_unreachable`).

use std::sync::Arc;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use gatehouse_core::store::TokenHash;
use gatehouse_core::types::AccountId;
use gatehouse_core::{Engine, Error};
use jsonwebtoken::{Algorithm, Header};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::{Client, Oidc};
use crate::once::Once;

/// The apps signed in from a session: a row per session and app.
const SIGNED_IN: Once = Once::new("gatehouse oidc back-channel");

/// How long an app's row waits for the session's sign-out at most (a session idles out sooner).
const REMEMBERED_SECONDS: i64 = 12 * 3600;

/// How long a logout token is good for.
const TOKEN_SECONDS: i64 = 120;

/// What an app is told about the person it signed in.
#[derive(Serialize, Deserialize)]
struct SignedIn {
    sub: String,
}

/// A logout token on its way to an app.
pub struct Notice {
    pub app: String,
    uri: String,
    token: String,
}

/// The `sid` of a person's sign-in on a browser session: a hash of the session's store key and
/// the account under its own label (it opens nothing and tells nothing of the session token;
/// the next pupil signing in on a shared browser's session has another).
pub fn sid_of(session: &TokenHash, account: AccountId) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"gatehouse oidc sid\0");
    hasher.update(session.0);
    hasher.update(account.0.to_be_bytes());
    URL_SAFE_NO_PAD.encode(hasher.finalize())
}

fn key(sid: &str, client_id: &str) -> String {
    format!("{sid}\0{client_id}")
}

/// Remembers that `client` signed in `sub` from the session `sid`, when it is to be told of the
/// sign-out.
pub(super) fn remember(engine: &Engine, client: &Client, sid: &str, sub: &str) -> Result<(), Error> {
    if client.config.backchannel_logout_uri.is_empty() {
        return Ok(());
    }
    SIGNED_IN.keep(engine, &key(sid, &client.config.id), &SignedIn { sub: sub.to_owned() }, REMEMBERED_SECONDS)
}

impl Oidc {
    /// The logout tokens for the apps signed in with the sign-in `sid`, which has just signed out
    /// (but `except`, the app that asked for the sign-out); each app's row is taken, so it is
    /// told once.
    pub fn signed_out(&self, engine: &Engine, sid: &str, except: Option<&str>) -> Result<Vec<Notice>, Error> {
        let mut notices = Vec::new();
        for client in &self.clients {
            let (id, uri) = (&client.config.id, &client.config.backchannel_logout_uri);
            if uri.is_empty() {
                continue;
            }
            let Ok(signed_in) = SIGNED_IN.take::<SignedIn>(engine, &key(sid, id))? else { continue };
            if Some(id.as_str()) == except {
                continue;
            }
            notices.push(Notice {
                app: id.clone(),
                uri: uri.clone(),
                token: self.logout_token(id, &signed_in.sub, sid, engine.now())?,
            });
        }
        Ok(notices)
    }

    fn logout_token(&self, client_id: &str, sub: &str, sid: &str, now: i64) -> Result<String, Error> {
        let mut jti = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut jti);
        let claims = json!({
            "iss": self.issuer,
            "aud": client_id,
            "iat": now,
            "exp": now + TOKEN_SECONDS,
            "jti": URL_SAFE_NO_PAD.encode(jti),
            "sub": sub,
            "sid": sid,
            "events": { "http://schemas.openid.net/event/backchannel-logout": {} },
        });
        let key = &self.keys[0];
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(key.kid.clone());
        header.typ = Some("logout+jwt".to_owned());
        jsonwebtoken::encode(&header, &claims, &key.encoding)
            .map_err(|e| Error::Internal(format!("signing a logout token: {e}")))
    }
}

/// The HTTP client that tells apps (rustls with ring, the system's roots; `http://` only on the
/// loopback, as the configuration allows).
pub fn http_client() -> Result<reqwest::Client, Error> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Internal(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .map_err(|e| Error::Internal(format!("the back-channel logout client: {e}")))
}

/// Delivers `notice`; its outcome for the metrics.
pub async fn deliver(client: &reqwest::Client, notice: Notice) -> &'static str {
    let sent = client.post(&notice.uri).form(&[("logout_token", notice.token.as_str())]).send().await;
    match sent {
        Ok(r) if r.status().is_success() => {
            tracing::info!(app = notice.app, "an app was told of a sign-out (back-channel logout)");
            "logout_ok"
        }
        Ok(r) => {
            tracing::warn!(app = notice.app, status = r.status().as_u16(), "an app refused a back-channel logout");
            "logout_refused"
        }
        Err(e) => {
            tracing::warn!(app = notice.app, error = %e, "an app could not be told of a sign-out (back-channel logout)");
            "logout_unreachable"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sid_is_fixed_per_sign_in_and_differs_for_the_next_person_on_the_same_browser_session() {
        let (session, other) = (TokenHash([7; 32]), TokenHash([8; 32]));
        assert_eq!(sid_of(&session, AccountId(1)), sid_of(&session, AccountId(1)));
        assert_ne!(sid_of(&session, AccountId(1)), sid_of(&session, AccountId(2)));
        assert_ne!(sid_of(&session, AccountId(1)), sid_of(&other, AccountId(1)));
        assert_ne!(sid_of(&session, AccountId(1)), URL_SAFE_NO_PAD.encode(session.0), "it tells nothing of the key");
    }
}
