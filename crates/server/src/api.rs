//! What the server's handlers share: the application state, the one place where a failure
//! becomes what a client sees (`ApiError`), the blocking pool, and the bearer token's hash.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gatehouse_core::error::transport;
use gatehouse_core::slowdown::Slowdown;
use gatehouse_core::store::{DeviceId, TokenHash};
use gatehouse_core::types::{AccountId, SecretString};
use gatehouse_core::wizard::{codes, texts};
use gatehouse_core::{Error, ErrorBody};
use serde_json::json;

use crate::metrics::Metrics;
use crate::sessions::{Holder, Sessions};
use crate::token;

/// What every handler shares.
pub struct App {
    pub sessions: Sessions,
    pub metrics: Metrics,
    /// `[server] metrics_token_file`'s token: `/metrics` asks for it (none: loopback only).
    pub metrics_token: Option<SecretString>,
    pub max_request_bytes: usize,
    /// `[server] require_device`: unregistered machines are refused.
    pub require_device: bool,
    /// What a browser session's sign-out sets off beyond Gatehouse (the consents given in it
    /// forgotten, the apps signed in from it told: OpenID Connect); `None` when no app is
    /// registered.
    pub signed_out: Option<SignedOut>,
}

/// Called in the runtime with the app, the browser session and the account signed out of it, and
/// the app that asked for the sign-out (which needs no telling), if any.
pub type SignedOut = Arc<
    dyn Fn(Arc<App>, TokenHash, AccountId, Option<String>) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync,
>;

impl App {
    /// Does what `account`'s sign-out of the browser session `session` sets off (see
    /// [`App::signed_out`]; `except` the app that asked for it, if any) before the sign-out is
    /// answered; what goes to other servers goes on in the background. A browser that a window
    /// handed its session to has ended the window's too: see [`App::window_signed_out`].
    pub async fn browser_signed_out(
        self: &Arc<Self>,
        (session, holder): (TokenHash, Holder),
        account: AccountId,
        except: Option<String>,
    ) {
        self.tell_signed_out(session, account, except).await;
        if let Holder::Browser { parent: Some(window) } = holder {
            self.window_signed_out(window, account, Some(session)).await;
        }
    }

    /// Runs [`App::signed_out`] for one browser session, if there is anything to run.
    async fn tell_signed_out(self: &Arc<Self>, session: TokenHash, account: AccountId, except: Option<String>) {
        if let Some(hook) = &self.signed_out {
            hook(Arc::clone(self), session, account, except).await;
        }
    }

    /// After the window's session `window` signed `account` out (its Sign out, the kiosk's idle
    /// wipe, or a sign-out in `signing_out`, one of the browsers it handed its session to): the
    /// other browser sessions it handed end, and what their sign-out sets off is done. A failure
    /// is logged: the sign-out has happened and stands.
    pub async fn window_signed_out(
        self: &Arc<Self>,
        window: TokenHash,
        account: AccountId,
        signing_out: Option<TokenHash>,
    ) {
        let app = Arc::clone(self);
        match blocking(move || app.sessions.end_handed(&window, signing_out)).await {
            Ok(browsers) => {
                for browser in browsers {
                    self.tell_signed_out(browser, account, None).await;
                }
            }
            Err(e) => {
                tracing::warn!(error = ?e, "the browser sessions a window handed could not be ended at its sign-out")
            }
        }
    }
}

impl App {
    /// The slowdown of the kiosk `device`'s administrator exit (instead of locking the
    /// administrator out after wrong tries): kept in the store, so that every server process
    /// counts the kiosk's tries together.
    pub fn kiosk_slowdown(&self, device: DeviceId) -> KioskSlowdown<'_> {
        KioskSlowdown { engine: self.sessions.engine(), device }
    }
}

/// A kiosk's [`Slowdown`], in a row of the session store under its own label and the device's
/// id, changed by compare-and-swap; it lapses a day after its last change.
pub struct KioskSlowdown<'a> {
    engine: &'a gatehouse_core::Engine,
    device: DeviceId,
}

const KIOSK_SLOWDOWNS: crate::once::Once = crate::once::Once::new("gatehouse kiosk slowdown");
const KIOSK_SLOWDOWN_KEPT: i64 = 24 * 3600;

impl KioskSlowdown<'_> {
    /// Changes the kept slowdown with `change` (at the store's clock, in milliseconds), writing
    /// it only when it changed; what `change` answers for the value it changed last.
    fn change<T: Default>(&self, mut change: impl FnMut(&mut Slowdown, i64) -> T) -> Result<T, Error> {
        let now = self.engine.now().saturating_mul(1000);
        let mut answer = T::default();
        KIOSK_SLOWDOWNS.replace(
            self.engine,
            &self.device.0.to_string(),
            KIOSK_SLOWDOWN_KEPT,
            |kept: Option<&Slowdown>| {
                let mut s = kept.cloned().unwrap_or_default();
                answer = change(&mut s, now);
                // Unchanged (a try refused while the kiosk waits): nothing is written.
                (kept != Some(&s)).then_some(s)
            },
        )?;
        Ok(answer)
    }
}

impl gatehouse_core::slowdown::Keeper for KioskSlowdown<'_> {
    fn let_through(&self) -> Result<Result<(), u64>, Error> {
        let waiting = self.change(|s, now| match s.check(now) {
            Ok(()) => {
                s.wrong(now);
                None
            }
            Err(seconds) => Some(seconds),
        })?;
        Ok(waiting.map_or(Ok(()), Err))
    }

    fn take_back(&self) -> Result<(), Error> {
        self.change(|s, _| s.undo_wrong())
    }

    fn right(&self) -> Result<(), Error> {
        self.change(|s, _| s.right())
    }
}

/// Why a request is refused, said to the client as `{"error": ErrorBody}`.
#[derive(Debug)]
pub enum ApiError {
    /// No such session: unknown, forged, expired or signed out (one answer for all).
    SessionEnded,
    /// Another request saved the session first.
    Changed,
    TooLarge(usize),
    TooMany,
    /// `[server] max_requests_in_flight` requests are already under way.
    Busy,
    TimedOut,
    BadRequest,
    NotFound,
    /// No device credential, or one no registered machine holds.
    DeviceUnknown,
    /// The machine's registration was withdrawn.
    DeviceRevoked,
    /// A kiosk session asked for by a machine not registered as a kiosk.
    NotKiosk,
    /// A refusal the engine said in words (an enrolment code, a device name, a console
    /// operation out of scope).
    Refused(Error),
    /// A refusal said with its own status and code (the console sign-in's).
    Said(StatusCode, ErrorBody),
    /// A failure of the system: its detail goes to the log, the client sees SSPR 5019.
    Internal,
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::SessionChanged => Self::Changed,
            other => {
                tracing::error!(error = %other, code = other.code(), "request failed");
                Self::Internal
            }
        }
    }
}

impl ApiError {
    fn status_and_body(&self) -> (StatusCode, ErrorBody) {
        match self {
            Self::SessionEnded => {
                (StatusCode::UNAUTHORIZED, ErrorBody::of("session_ended", transport::session_ended()))
            }
            Self::Changed => (StatusCode::CONFLICT, ErrorBody::from(&Error::SessionChanged)),
            Self::TooLarge(limit) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorBody::of("request_too_large", transport::request_too_large(*limit)),
            ),
            Self::TooMany => {
                (StatusCode::TOO_MANY_REQUESTS, ErrorBody::of("too_many_requests", transport::too_many_requests()))
            }
            Self::Busy => (StatusCode::SERVICE_UNAVAILABLE, ErrorBody::of("server_busy", transport::server_busy())),
            Self::TimedOut => {
                (StatusCode::REQUEST_TIMEOUT, ErrorBody::of("request_timed_out", transport::request_timed_out()))
            }
            Self::BadRequest => (StatusCode::BAD_REQUEST, ErrorBody::of("bad_request", transport::bad_request())),
            Self::NotFound => (StatusCode::NOT_FOUND, ErrorBody::of("bad_request", transport::bad_request())),
            Self::DeviceUnknown => {
                (StatusCode::UNAUTHORIZED, ErrorBody::of("device_unknown", transport::device_unknown()))
            }
            Self::DeviceRevoked => {
                (StatusCode::UNAUTHORIZED, ErrorBody::of("device_revoked", transport::device_revoked()))
            }
            Self::NotKiosk => (StatusCode::FORBIDDEN, ErrorBody::of("device_not_kiosk", transport::device_not_kiosk())),
            Self::Refused(e) => {
                let text = e.text().unwrap_or_else(transport::bad_request);
                let (status, code) = match (text.id(), e) {
                    ("enrolment-code-invalid", _) => (StatusCode::FORBIDDEN, "enrolment_code_invalid"),
                    ("device-name-taken", _) => (StatusCode::CONFLICT, "device_name_taken"),
                    (_, Error::Refused(_)) => (StatusCode::FORBIDDEN, e.code()),
                    (_, Error::NotFound(_)) => (StatusCode::NOT_FOUND, e.code()),
                    (_, Error::Conflict(_) | Error::SessionChanged) => (StatusCode::CONFLICT, e.code()),
                    _ => (StatusCode::BAD_REQUEST, e.code()),
                };
                let mut body = ErrorBody::of(code, text);
                body.field = e.field().map(str::to_owned);
                (status, body)
            }
            Self::Said(status, body) => (*status, body.clone()),
            Self::Internal => (StatusCode::INTERNAL_SERVER_ERROR, ErrorBody::of(codes::SSPR_5019, texts::SSPR_5019)),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = self.status_and_body();
        let mut response = (status, Json(json!({ "error": body }))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if matches!(self, Self::Busy) {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// Runs `f` on the blocking pool (the engine and the database driver are synchronous).
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, Error> + Send + 'static) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result.map_err(ApiError::from),
        Err(e) => {
            tracing::error!(error = %e, "a request's blocking task panicked or was cancelled");
            Err(ApiError::Internal)
        }
    }
}

pub fn token_hash(headers: &HeaderMap) -> Result<TokenHash, ApiError> {
    let value = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or(ApiError::SessionEnded)?;
    token::bearer(value).map(token::hash_of).ok_or(ApiError::SessionEnded)
}
