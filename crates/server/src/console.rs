//! The administrators' console over HTTPS (issue 14 §1): the same sign-in as the app's console
//! (password and a tested authenticator's code or a security key's touch, counted and audited
//! alike), then the console's operations (`gatehouse_core::console_ops`) as that administrator,
//! held to the same scope; and a thin kiosk's exit, by code or by touch.
//!
//! A console session lives in the `sessions` table like a wizard's, of kind `console`: the
//! administrator's identity sealed with the data key and bound to the token's hash, bound to
//! the machine that signed in, ending after 15 idle minutes. Each request re-reads the account:
//! an administrator locked, deleted or given other roles since signing in is signed out. A
//! sign-in with a security key waits between its two halves as such a session too, holding the
//! ceremony's state instead of an identity, for two minutes and one answer.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gatehouse_core::admin::Admin;
use gatehouse_core::console::{self, AdminIdentity, KeySignIn, Refusal, SignInOutcome, IDLE_LIMIT_SECONDS};
use gatehouse_core::console_ops::{self, ConsoleRequest};
use gatehouse_core::store::{DeviceId, SessionKind, StoredSession, TokenHash};
use gatehouse_core::types::SecretString;
use gatehouse_core::{Engine, Error, ErrorBody};
use serde::{Deserialize, Serialize};
use serde_json::json;
use zeroize::Zeroizing;

use crate::api::{blocking, token_hash, ApiError, App};
use crate::devices::{as_caller, caller, Caller};
use crate::time_limit::MustFinish;
use crate::token::SessionToken;

fn seal_context(hash: &TokenHash) -> Vec<u8> {
    let mut context = b"gatehouse console session; ".to_vec();
    context.extend_from_slice(&hash.0);
    context
}

/// What a console session holds: the signed-in administrator (sealed as the identity alone, as
/// before security keys), or an administrator's sign-in with a security key waiting for the
/// key's answer — which opens nothing until that answer is checked.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Held {
    KeyPending { key_sign_in: KeySignIn },
    SignedIn(AdminIdentity),
}

/// Stores `held` in a new console session bound to `device`, ending after `idle` seconds; its token.
fn create_held(engine: &Engine, held: &Held, device: Option<DeviceId>, idle: i64) -> Result<SessionToken, Error> {
    let token = SessionToken::generate();
    let hash = token.hash();
    let plain = Zeroizing::new(
        serde_json::to_vec(held).map_err(|e| Error::Internal(format!("serialising a console session: {e}")))?,
    );
    let sealed = engine.vault()?.seal(&plain, &seal_context(&hash));
    let now = engine.now();
    engine.store().create_session(&hash, SessionKind::Console, device, &sealed, now, now + idle)?;
    Ok(token)
}

/// Opens a console session for `identity`; its token.
fn create(engine: &Engine, identity: AdminIdentity, device: Option<DeviceId>) -> Result<SessionToken, Error> {
    create_held(engine, &Held::SignedIn(identity), device, IDLE_LIMIT_SECONDS)
}

/// The live console session of `hash` opened on `device`, unsealed; `None` when there is none
/// (or it is a wizard's, or another machine's).
fn held(engine: &Engine, hash: &TokenHash, device: Option<DeviceId>) -> Result<Option<(StoredSession, Held)>, Error> {
    let Some(stored) = engine.store().session(hash, engine.now())? else { return Ok(None) };
    if stored.kind != SessionKind::Console || stored.device != device {
        return Ok(None);
    }
    let plain = engine.vault()?.open(&stored.sealed, &seal_context(hash))?;
    let held = serde_json::from_slice(&plain).map_err(|e| Error::Storage(format!("a sealed console session: {e}")))?;
    Ok(Some((stored, held)))
}

/// The administrator of a live console session opened on `device`, its idle time restarted;
/// `None` when there is none (or it is a wizard's, or another machine's, or a sign-in with a key
/// not yet finished, or the account no longer is what it was at sign-in: then the session ends).
fn identity(engine: &Engine, hash: &TokenHash, device: Option<DeviceId>) -> Result<Option<AdminIdentity>, Error> {
    let store = engine.store();
    let Some((stored, Held::SignedIn(identity))) = held(engine, hash, device)? else { return Ok(None) };
    if !console::still_administrator(engine, &identity)? {
        tracing::warn!(admin = identity.login, "a console session ended: the administrator's account changed");
        store.delete_session(hash)?;
        return Ok(None);
    }
    let now = engine.now();
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
async fn sign_in(app: &Arc<App>, peer: IpAddr, headers: &HeaderMap, body: &Bytes, purpose: Purpose) -> SignedIn {
    let caller = caller(app, headers).await?;
    let kiosk = kiosk_of(&caller, purpose)?;
    let request: Credentials = serde_json::from_slice(body).map_err(|_| ApiError::BadRequest)?;
    let app2 = Arc::clone(app);
    let who = caller.clone();
    let outcome = blocking(move || {
        as_caller(&who, peer, || {
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
        SignInOutcome::Refused(refusal) => Err(refused(refusal)),
    }
}

type SignedIn = Result<(AdminIdentity, Option<DeviceId>), ApiError>;

/// The kiosk asking, for a kiosk's exit (`403 device_not_kiosk` from any other machine).
fn kiosk_of(caller: &Caller, purpose: Purpose) -> Result<Option<DeviceId>, ApiError> {
    match purpose {
        Purpose::Console => Ok(None),
        Purpose::KioskExit => Ok(Some(caller.as_ref().filter(|d| d.kiosk).ok_or(ApiError::NotKiosk)?.id)),
    }
}

fn refused(refusal: Refusal) -> ApiError {
    ApiError::Said(StatusCode::FORBIDDEN, ErrorBody::of(refusal.code, refusal.text))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyStart {
    login: String,
    password: SecretString,
    /// True to close this kiosk rather than open the console.
    #[serde(default)]
    kiosk_exit: bool,
}

/// `POST /v1/console/key-sign-in` `{"login", "password", "kiosk_exit"?}`: the first half of an
/// administrator's sign-in with a security key — the same checks as with a code up to the
/// code (for a kiosk's exit: from a kiosk, not counted, behind its slowdown) — then 201
/// `{"token", "ceremony"}`: the ceremony the machine runs with the key, and a token (valid two
/// minutes, once) for the second half. 403 with the refusal otherwise.
pub async fn key_start(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let caller = caller(&app, &headers).await?;
    let request: KeyStart = serde_json::from_slice(&body).map_err(|_| ApiError::BadRequest)?;
    let kiosk = kiosk_of(&caller, if request.kiosk_exit { Purpose::KioskExit } else { Purpose::Console })?;
    let device = caller.as_ref().map(|d| d.id);
    let app2 = Arc::clone(&app);
    let started = blocking(move || {
        as_caller(&caller, peer.ip(), || {
            let engine = app2.sessions.engine();
            let (login, password) = (&request.login, &request.password);
            let started = match kiosk {
                Some(kiosk) => console::slowed(
                    &app2.kiosk_slowdown(kiosk),
                    || console::start_key_kiosk_exit(engine, login, password),
                    console::judge_key_start,
                )?
                .and_then(|started| started),
                None => console::start_key_sign_in(engine, login, password, "console")?,
            };
            let pending = match started {
                Ok(pending) => pending,
                Err(refusal) => return Ok(Err(refusal)),
            };
            let ceremony = pending.ceremony.clone();
            let token =
                create_held(engine, &Held::KeyPending { key_sign_in: pending }, device, console::KEY_WAIT_SECONDS)?;
            Ok(Ok((token, ceremony)))
        })
    })
    .await?;
    let (token, ceremony) = started.map_err(refused)?;
    Ok((StatusCode::CREATED, Json(json!({ "token": token.reveal(), "ceremony": ceremony }))).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyAnswer {
    credential: serde_json::Value,
}

/// `POST /v1/console/key-sign-in/finish` with the first half's token and `{"credential"}`, the
/// key's answer: checked once (the token ends whatever the answer). For the console, 201
/// `{"token", "administrator"}` as `POST /v1/console/sessions`; for a kiosk's exit, 200
/// `{"administrator"}`. 403 with the refusal; 401 `session_ended` for a token used, expired or
/// another machine's.
pub async fn key_finish(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let hash = token_hash(&headers)?;
    let caller = caller(&app, &headers).await?;
    let answer: KeyAnswer = serde_json::from_slice(&body).map_err(|_| ApiError::BadRequest)?;
    let device = caller.as_ref().map(|d| d.id);
    let app2 = Arc::clone(&app);
    let finished = blocking(move || {
        as_caller(&caller, peer.ip(), || {
            let engine = app2.sessions.engine();
            let Some((_, Held::KeyPending { key_sign_in: pending })) = held(engine, &hash, device)? else {
                return Ok(None);
            };
            // Used once: of two requests with one token, only the one that removes it goes on.
            if !engine.store().delete_session(&hash)? {
                return Ok(None);
            }
            let kiosk_exit = pending.is_kiosk_exit();
            let finish = || console::finish_key_sign_in(engine, pending, &answer.credential);
            let outcome = match device.filter(|_| kiosk_exit) {
                Some(kiosk) => console::slowed_finish(&app2.kiosk_slowdown(kiosk), finish)?,
                None => finish()?,
            };
            let answer = match outcome {
                SignInOutcome::SignedIn(identity) if kiosk_exit => Ok((None, identity)),
                SignInOutcome::SignedIn(identity) => Ok((Some(create(engine, identity.clone(), device)?), identity)),
                SignInOutcome::Refused(refusal) => Err(refusal),
            };
            Ok(Some(answer))
        })
    })
    .await?
    .ok_or(ApiError::SessionEnded)?;
    match finished.map_err(refused)? {
        (Some(token), identity) => {
            let body = json!({ "token": token.reveal(), "administrator": identity.shown() });
            Ok((StatusCode::CREATED, Json(body)).into_response())
        }
        (None, identity) => Ok(Json(json!({ "administrator": identity.login })).into_response()),
    }
}

/// `POST /v1/console/sessions` `{"login", "password", "code"}`: 201 `{"token", "administrator":
/// {"login", "roles", "location"}}`, or 403 with the sign-in's refusal.
pub async fn open(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (identity, device) = sign_in(&app, peer.ip(), &headers, &body, Purpose::Console).await?;
    let app2 = Arc::clone(&app);
    let who = identity.clone();
    let token = blocking(move || create(app2.sessions.engine(), who, device)).await?;
    let body = json!({ "token": token.reveal(), "administrator": identity.shown() });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `POST /v1/console/kiosk-exit` `{"login", "password", "code"}` from a machine registered as a
/// kiosk: 200 when an administrator may close it (audited as "kiosk exit"), else 403. Failures
/// do not count towards the administrator's lockout; that kiosk waits longer after each one past
/// the first few (`403 kiosk_exit_wait`).
pub async fn kiosk_exit(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (identity, _) = sign_in(&app, peer.ip(), &headers, &body, Purpose::KioskExit).await?;
    Ok(Json(json!({ "administrator": identity.login })).into_response())
}

/// `POST /v1/console/requests` with the console's bearer token and one operation.
/// Those that issue temporary passwords (`ConsoleRequest::must_finish`: an import, a class's
/// reset) are answered however long they take once begun, past `request_timeout_seconds`.
pub async fn request(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    axum::Extension(must_finish): axum::Extension<MustFinish>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let hash = token_hash(&headers)?;
    let caller = caller(&app, &headers).await?;
    let request: ConsoleRequest = serde_json::from_slice(&body).map_err(|_| ApiError::BadRequest)?;
    let device = caller.as_ref().map(|d| d.id);
    let app2 = Arc::clone(&app);
    if request.must_finish() {
        must_finish.begin();
    }
    let answer = blocking(move || {
        let engine = app2.sessions.engine();
        let Some(identity) = identity(engine, &hash, device)? else { return Ok(None) };
        let admin = Admin::scoped(Arc::clone(engine), identity);
        as_caller(&caller, peer.ip(), || match console_ops::run(&admin, request) {
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
