//! The administrators' console over HTTPS (issue 14 §1): the same sign-in as the app's console
//! (password and a tested authenticator's code, counted and audited alike), then the console's
//! operations (`gatehouse_core::console_ops`) as that administrator, held to the same scope.
//!
//! A console session lives in the `sessions` table like a wizard's, of kind `console`: the
//! administrator's identity sealed with the data key and bound to the token's hash, bound to
//! the machine that signed in, ending after 15 idle minutes. Each request re-reads the account:
//! an administrator locked, deleted or given other roles since signing in is signed out.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gatehouse_core::admin::Admin;
use gatehouse_core::console::{self, AdminIdentity, SignInOutcome, IDLE_LIMIT_SECONDS};
use gatehouse_core::console_ops::{self, ConsoleRequest};
use gatehouse_core::store::{DeviceId, SessionKind, TokenHash};
use gatehouse_core::types::SecretString;
use gatehouse_core::{Engine, Error, ErrorBody};
use serde::Deserialize;
use serde_json::json;
use zeroize::Zeroizing;

use crate::api::{blocking, token_hash, ApiError, App};
use crate::devices::{as_caller, caller};
use crate::token::SessionToken;

fn seal_context(hash: &TokenHash) -> Vec<u8> {
    let mut context = b"gatehouse console session; ".to_vec();
    context.extend_from_slice(&hash.0);
    context
}

/// Opens a console session for `identity`; its token.
fn create(engine: &Engine, identity: &AdminIdentity, device: Option<DeviceId>) -> Result<SessionToken, Error> {
    let token = SessionToken::generate();
    let hash = token.hash();
    let plain = Zeroizing::new(
        serde_json::to_vec(identity).map_err(|e| Error::Internal(format!("serialising an identity: {e}")))?,
    );
    let sealed = engine.vault()?.seal(&plain, &seal_context(&hash));
    let now = engine.now();
    engine.store().create_session(&hash, SessionKind::Console, device, &sealed, now, now + IDLE_LIMIT_SECONDS)?;
    Ok(token)
}

/// The administrator of a live console session opened on `device`, its idle time restarted;
/// `None` when there is none (or it is a wizard's, or another machine's, or the account no
/// longer is what it was at sign-in: then the session ends).
fn identity(engine: &Engine, hash: &TokenHash, device: Option<DeviceId>) -> Result<Option<AdminIdentity>, Error> {
    let store = engine.store();
    let now = engine.now();
    let Some(stored) = store.session(hash, now)? else { return Ok(None) };
    if stored.kind != SessionKind::Console || stored.device != device {
        return Ok(None);
    }
    let plain = engine.vault()?.open(&stored.sealed, &seal_context(hash))?;
    let identity: AdminIdentity =
        serde_json::from_slice(&plain).map_err(|e| Error::Storage(format!("a sealed console session: {e}")))?;
    if !console::still_administrator(engine, &identity)? {
        tracing::warn!(admin = identity.login, "a console session ended: the administrator's account changed");
        store.delete_session(hash)?;
        return Ok(None);
    }
    match store.save_session(hash, stored.version, &stored.sealed, now, now + IDLE_LIMIT_SECONDS) {
        // Two requests at once both act; only one moves the idle time on.
        Ok(_) | Err(Error::SessionChanged) => Ok(Some(identity)),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Credentials {
    login: String,
    password: SecretString,
    code: String,
}

/// What an administrator's password and code are checked for.
#[derive(Clone, Copy)]
enum Purpose {
    /// The console: failures count towards the administrator's lockout.
    Console,
    /// Closing a kiosk: failures are not counted; the kiosk (this device) slows down instead.
    KioskExit,
}

/// Checks an administrator's password and code for `purpose`; the refusal as a 403 body. A
/// kiosk exit is asked by a machine registered as a kiosk only (`403 device_not_kiosk`).
async fn sign_in(app: &Arc<App>, headers: &HeaderMap, body: &Bytes, purpose: Purpose) -> SignedIn {
    let caller = caller(app, headers).await?;
    let kiosk = match purpose {
        Purpose::Console => None,
        Purpose::KioskExit => Some(caller.as_ref().filter(|d| d.kiosk).ok_or(ApiError::NotKiosk)?.id),
    };
    let request: Credentials = serde_json::from_slice(body).map_err(|_| ApiError::BadRequest)?;
    let app2 = Arc::clone(app);
    let who = caller.clone();
    let outcome = blocking(move || {
        as_caller(&who, || {
            let engine = app2.sessions.engine();
            let (login, password, code) = (&request.login, &request.password, &request.code);
            match kiosk {
                Some(device) => console::kiosk_exit_slowed(engine, &app2.kiosk_slowdown(device), login, password, code),
                None => console::sign_in(engine, login, password, code, "console"),
            }
        })
    })
    .await?;
    match outcome {
        SignInOutcome::SignedIn(identity) => Ok((identity, caller.map(|d| d.id))),
        SignInOutcome::Refused(refusal) => {
            Err(ApiError::Said(StatusCode::FORBIDDEN, ErrorBody::of(refusal.code, refusal.text)))
        }
    }
}

type SignedIn = Result<(AdminIdentity, Option<DeviceId>), ApiError>;

/// `POST /v1/console/sessions` `{"login", "password", "code"}`: 201 `{"token", "administrator":
/// {"login", "roles", "location"}}`, or 403 with the sign-in's refusal.
pub async fn open(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let (identity, device) = sign_in(&app, &headers, &body, Purpose::Console).await?;
    let app2 = Arc::clone(&app);
    let who = identity.clone();
    let token = blocking(move || create(app2.sessions.engine(), &who, device)).await?;
    let body = json!({ "token": token.reveal(), "administrator": identity });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `POST /v1/console/kiosk-exit` `{"login", "password", "code"}` from a machine registered as a
/// kiosk: 200 when an administrator may close it (audited as "kiosk exit"), else 403. Failures
/// do not count towards the administrator's lockout; that kiosk waits longer after each one past
/// the first few (`403 kiosk_exit_wait`).
pub async fn kiosk_exit(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let (identity, _) = sign_in(&app, &headers, &body, Purpose::KioskExit).await?;
    Ok(Json(json!({ "administrator": identity.login })).into_response())
}

/// `POST /v1/console/requests` with the console's bearer token and one operation.
pub async fn request(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let hash = token_hash(&headers)?;
    let caller = caller(&app, &headers).await?;
    let request: ConsoleRequest = serde_json::from_slice(&body).map_err(|_| ApiError::BadRequest)?;
    let device = caller.as_ref().map(|d| d.id);
    let app2 = Arc::clone(&app);
    let answer = blocking(move || {
        let engine = app2.sessions.engine();
        let Some(identity) = identity(engine, &hash, device)? else { return Ok(None) };
        let admin = Admin::scoped(Arc::clone(engine), identity);
        as_caller(&caller, || match console_ops::run(&admin, request) {
            Ok(answer) => Ok(Some(Ok(answer))),
            Err(e) if !e.is_internal() => Ok(Some(Err(e))),
            Err(e) => Err(e),
        })
    })
    .await?
    .ok_or(ApiError::SessionEnded)?;
    match answer {
        Ok(answer) => Ok(Json(answer).into_response()),
        Err(refusal) => Err(ApiError::Refused(refusal)),
    }
}

/// `DELETE /v1/console/session`: signs the administrator out of the console.
pub async fn close(State(app): State<Arc<App>>, headers: HeaderMap) -> Result<Response, ApiError> {
    let hash = token_hash(&headers)?;
    let device = caller(&app, &headers).await?.map(|d| d.id);
    let ended = blocking(move || {
        let engine = app.sessions.engine();
        match identity(engine, &hash, device)? {
            Some(_) => engine.store().delete_session(&hash),
            None => Ok(false),
        }
    })
    .await?;
    if !ended {
        return Err(ApiError::SessionEnded);
    }
    Ok(Json(json!({ "signed_out": true })).into_response())
}
