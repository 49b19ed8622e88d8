//! The HTTP surface: routes, the limits in front of them, the wizard's handlers, and
//! `json_errors`, which gives what the limit layers answer the same JSON error body.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use gatehouse_core::config::ServerConfig;
use gatehouse_core::error::Error;
use gatehouse_core::store::{SessionKind, TokenHash};
use gatehouse_core::types::SecretString;
use governor::middleware::NoOpMiddleware;
use http_body_util::BodyExt;
use serde::Deserialize;
use serde_json::json;
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::GovernorLayer;
use tower_http::limit::RequestBodyLimitLayer;

use crate::api::{blocking, token_hash, ApiError, App};
use crate::console;
use crate::devices::{self, as_caller, caller, DeviceKeyExtractor, NetworkKeyExtractor};
use crate::handoff;
use crate::oidc::{self, Oidc};
use crate::pages;
use crate::saml::{self, Saml};
use crate::sessions::{Holder, Renew, Sessions, Shown};
use crate::web::{self, Web};

type Shared = State<Arc<App>>;

/// Forgets the rate limiters' addresses and devices not seen for a while (called every minute).
pub type Limiter = Arc<dyn Fn() + Send + Sync>;

/// A rate limit of `n` requests a minute per key, in bursts of up to `n`.
fn per_minute<K: KeyExtractor>(key: K, n: u32) -> GovernorConfig<K, NoOpMiddleware> {
    let n = n.max(1);
    GovernorConfigBuilder::default()
        .key_extractor(key)
        .period(Duration::from_secs(60) / n)
        .burst_size(n)
        .finish()
        .expect("a non-zero period and burst")
}

/// The providers of single sign-on, when configured, and their pages' stylesheet.
pub struct SingleSignOn {
    pub oidc: Option<Arc<Oidc>>,
    pub saml: Option<Arc<Saml>>,
    pub stylesheet: String,
}

/// The router with the limits in front of it.
pub fn router(app: Arc<App>, server: &ServerConfig, web: Option<Arc<Web>>, sso: SingleSignOn) -> (Router, Limiter) {
    let governor = per_minute(NetworkKeyExtractor, server.requests_per_minute_per_address);
    let device_governor = per_minute(DeviceKeyExtractor, server.requests_per_minute_per_device);
    let (by_address, by_device) = (Arc::clone(governor.limiter()), Arc::clone(device_governor.limiter()));
    let forget: Limiter = Arc::new(move || {
        by_address.retain_recent();
        by_device.retain_recent();
    });
    let timeout = Duration::from_secs(u64::from(server.request_timeout_seconds));
    // A window's session handed to the browser needs the browser's page.
    let hand_off = web.as_ref().map(|web| {
        Router::new()
            .route("/v1/session/browser", post(handoff::issue))
            .route("/web/v1/hand-off", get(handoff::ask).post(handoff::redeem))
            .layer(axum::Extension(Arc::clone(web)))
    });
    // The sign-in page names the app a single sign-on request is waiting with.
    let waiting = web.as_ref().map(|_| {
        let sso = (sso.oidc.clone(), sso.saml.clone());
        Router::new().route("/web/v1/waiting", get(move |q| waiting_app(sso, q)))
    });
    let page = web.map_or_else(|| (Router::new(), Router::new()), web::routes);
    // The single sign-on providers' own pages (consent, refusals) share one stylesheet.
    let sso_pages = (sso.oidc.is_some() || sso.saml.is_some()).then(|| {
        let css = sso.stylesheet.clone();
        Router::new().route(pages::STYLESHEET_PATH, get(move || pages::serve_stylesheet(css)))
    });
    let routes = Router::new()
        .route("/v1/devices", post(devices::register))
        .route("/v1/console/sessions", post(console::open))
        .route("/v1/console/session", delete(console::close))
        .route("/v1/console/requests", post(console::request))
        .route("/v1/console/kiosk-exit", post(console::kiosk_exit))
        .route("/v1/console/key-sign-in", post(console::key_start))
        .route("/v1/console/key-sign-in/finish", post(console::key_finish))
        .route("/v1/sessions", post(create_session))
        .route("/v1/session/actions", post(apply_action))
        .route("/v1/session", get(current_screen).delete(end_session))
        .merge(hand_off.unwrap_or_default())
        .merge(page.0)
        .merge(sso.oidc.map(oidc::routes).unwrap_or_default())
        .merge(sso.saml.map(saml::routes).unwrap_or_default())
        // Only the routes above: the people who run the server still see it when it is busy.
        .route_layer(middleware::from_fn_with_state(
            Arc::new(Semaphore::new(server.max_requests_in_flight as usize)),
            admit,
        ))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .merge(page.1)
        .merge(sso_pages.unwrap_or_default())
        .merge(waiting.unwrap_or_default())
        .fallback(|| async { ApiError::NotFound })
        .with_state(Arc::clone(&app));
    // Innermost first: the body limit (413; a body declared too large is read and dropped
    // first, so the client reads the answer), the request timeout (408; see `time_limit.rs`), the per-device rate
    // limit (429) keyed on machines found registered (`verify_device_key`), the per-address
    // rate limit (429), the metrics and the log line, the JSON error bodies, and
    // outermost the browser's security headers on every answer.
    let router = routes
        .layer(RequestBodyLimitLayer::new(server.max_request_bytes as usize))
        .layer(middleware::from_fn_with_state(server.max_request_bytes, refuse_declared_too_large))
        .layer(middleware::from_fn_with_state(timeout, crate::time_limit::time_limit))
        .layer(GovernorLayer::new(device_governor))
        .layer(middleware::from_fn_with_state(
            crate::devices::DeviceKeys::new(Arc::clone(&app)),
            crate::devices::verify_device_key,
        ))
        .layer(GovernorLayer::new(governor))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), observe))
        .layer(middleware::map_response_with_state(app, json_errors))
        .layer(middleware::from_fn(web::security_headers));
    (router, forget)
}

/// How far past the limit a body declared too large may go and still be read (and dropped)
/// before the 413. Past it, the answer comes at once and the client may see only a reset
/// connection.
const DRAIN_PAST_LIMIT: u64 = 1 << 20;

/// Answers 413 to a request whose `Content-Length` is over `limit` — after reading its body to
/// the end and dropping it, frame by frame, when it is at most [`DRAIN_PAST_LIMIT`] over. A server that
/// answers and closes while the client is still sending makes the client's system reset the
/// connection, and the answer is lost with it: the client would say the server is unreachable
/// instead of that the file is too large. Bodies without a length stay with
/// `RequestBodyLimitLayer` inside this one. The request timeout around it bounds a slow sender.
async fn refuse_declared_too_large(State(limit): State<u32>, request: Request, next: Next) -> Response {
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let Some(length) = declared.filter(|&n| n > u64::from(limit)) else {
        return next.run(request).await;
    };
    if length <= u64::from(limit) + DRAIN_PAST_LIMIT {
        let mut body = request.into_body();
        while let Some(Ok(_)) = body.frame().await {}
    }
    ApiError::TooLarge(limit as usize).into_response()
}

#[derive(Deserialize)]
struct Waiting {
    #[serde(rename = "continue")]
    to: Option<String>,
}

/// `GET /web/v1/waiting?continue=PATH`: the registered app the sign-in page's `continue` (an
/// `/oidc/authorize` or `/saml/…` request) comes from, `{"app": NAME}`; `{"app": null}` for
/// anything else. Names only apps of this school's registrations, as registered.
async fn waiting_app(
    (oidc, saml): (Option<Arc<Oidc>>, Option<Arc<Saml>>),
    axum::extract::Query(q): axum::extract::Query<Waiting>,
) -> Json<serde_json::Value> {
    let to = q.to.unwrap_or_default();
    let (path, query) = to.split_once('?').unwrap_or((to.as_str(), ""));
    let app = match path {
        "/oidc/authorize" => oidc.and_then(|o| o.app_waiting(query)),
        "/saml/sso" | "/saml/start" => saml.and_then(|s| s.app_waiting(path, query)),
        _ => None,
    };
    Json(json!({ "app": app }))
}

/// Lets a request in while fewer than `[server] max_requests_in_flight` are under way, and
/// answers the others 503 at once: queued instead, behind hashes a few milliseconds each, they
/// would wait past the request timeout and still be worked on after their client had given up.
/// The body is read first (within the request timeout and the body limit), so that clients
/// holding their bodies back take no slot from the others.
async fn admit(State(in_flight): State<Arc<Semaphore>>, request: Request, next: Next) -> Result<Response, Response> {
    let (parts, body) = request.into_parts();
    let body = <Bytes as axum::extract::FromRequest<()>>::from_request(Request::new(body), &())
        .await
        .map_err(IntoResponse::into_response)?;
    let Ok(_slot) = in_flight.try_acquire() else {
        return Err(ApiError::Busy.into_response());
    };
    Ok(next.run(Request::from_parts(parts, axum::body::Body::from(body))).await)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewSession {
    #[serde(default)]
    kind: Option<String>,
}

/// `POST /v1/sessions` (body empty or `{"kind": "person" | "kiosk"}`): 201 with the token and
/// the sign-in screen.
async fn create_session(State(app): Shared, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let kind = if body.iter().all(u8::is_ascii_whitespace) {
        SessionKind::Person
    } else {
        let request: NewSession = serde_json::from_slice(&body).map_err(|_| ApiError::BadRequest)?;
        match request.kind.as_deref() {
            None => SessionKind::Person,
            Some(k) => SessionKind::parse(k).filter(|k| *k != SessionKind::Console).ok_or(ApiError::BadRequest)?,
        }
    };
    let caller = caller(&app, &headers).await?;
    // Kiosk mode requires a machine registered as a kiosk, whatever `require_device` says.
    if kind == SessionKind::Kiosk && !caller.as_ref().is_some_and(|d| d.kiosk) {
        return Err(if caller.is_none() { ApiError::DeviceUnknown } else { ApiError::NotKiosk });
    }
    let app2 = Arc::clone(&app);
    let device = caller.as_ref().map(|d| d.id);
    let (token, response) = blocking(move || app2.sessions.create(kind, device)).await?;
    tracing::info!(kind = kind.as_str(), session = ?token.hash(), "session created");
    Ok((StatusCode::CREATED, Json(json!({ "token": token.reveal(), "response": response }))).into_response())
}

/// `POST /v1/session/actions`: one wizard action; the response of the wire contract.
async fn apply_action(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let hash = token_hash(&headers)?;
    let caller = caller(&app, &headers).await?;
    // A sign-in's password is in it: wiped when dropped, as the browser page's is.
    let request = zeroize::Zeroizing::new(String::from_utf8(body.to_vec()).map_err(|_| ApiError::BadRequest)?);
    let app2 = Arc::clone(&app);
    let device = caller.as_ref().map(|d| d.id);
    let applied = blocking(move || {
        as_caller(&caller, peer.ip(), || app2.sessions.apply(&hash, Holder::Machine(device), &request, Renew::Never))
    })
    .await?
    .ok_or(ApiError::SessionEnded)?;
    if let Some(outcome) = &applied.sign_in {
        app.metrics.sign_in(outcome);
    }
    if let Some(account) = applied.signed_out {
        app.window_signed_out(hash, account, None).await;
    }
    Ok(Json(applied.response).into_response())
}

/// `GET /v1/session`: the current screen.
async fn current_screen(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    on_session(app, peer, &headers, Sessions::current).await
}

/// `DELETE /v1/session`: signs out and forgets the session; the `signed_out` screen.
async fn end_session(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    on_session(app, peer, &headers, Sessions::end).await
}

/// The screen `look` answers for the caller's session (run as the caller's machine, off the async
/// threads), after telling the apps of a sign-out it made — reading the screen can end a session
/// too (a password reset elsewhere).
async fn on_session(
    app: Arc<App>,
    peer: SocketAddr,
    headers: &HeaderMap,
    look: fn(&Sessions, &TokenHash, Holder) -> Result<Option<Shown>, Error>,
) -> Result<Response, ApiError> {
    let hash = token_hash(headers)?;
    let caller = caller(&app, headers).await?;
    let device = caller.as_ref().map(|d| d.id);
    let app2 = Arc::clone(&app);
    let (response, signed_out) =
        blocking(move || as_caller(&caller, peer.ip(), || look(&app2.sessions, &hash, Holder::Machine(device))))
            .await?
            .ok_or(ApiError::SessionEnded)?;
    if let Some(account) = signed_out {
        app.window_signed_out(hash, account, None).await;
    }
    Ok(Json(response).into_response())
}

/// The process is alive.
async fn healthz() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// The store answers a trivial query within a few seconds.
async fn readyz(State(app): Shared) -> Response {
    let check = blocking(move || app.sessions.ready());
    match tokio::time::timeout(Duration::from_secs(5), check).await {
        Ok(Ok(())) => Json(json!({ "status": "ready" })).into_response(),
        _ => (StatusCode::SERVICE_UNAVAILABLE, Json(json!({ "status": "unavailable" }))).into_response(),
    }
}

/// `GET /metrics`: Prometheus text, to whom [`metrics_allowed`] lets read it; anyone else gets
/// the answer of an unknown route, and the log says why.
async fn metrics(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !metrics_allowed(app.metrics_token.as_ref(), peer.ip(), &headers) {
        let why = if app.metrics_token.is_some() {
            "no bearer token, or not the one in server.metrics_token_file"
        } else {
            "not from this machine, and no server.metrics_token_file is set"
        };
        tracing::warn!(%peer, "/metrics refused: {why}");
        return Err(ApiError::NotFound);
    }
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], app.metrics.render()).into_response())
}

/// Who may read `/metrics` (requests by route, sign-ins by outcome: how a school's sign-ins go,
/// not for everyone who can reach the server): with a token configured, whoever sends it as
/// `Authorization: Bearer` (compared in constant time), from anywhere; without one, this machine.
fn metrics_allowed(token: Option<&SecretString>, peer: IpAddr, headers: &HeaderMap) -> bool {
    let Some(token) = token else {
        return peer.to_canonical().is_loopback();
    };
    let sent = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.split_once(' '));
    sent.is_some_and(|(scheme, sent)| {
        scheme.eq_ignore_ascii_case("bearer") && bool::from(sent.trim().as_bytes().ct_eq(token.expose().as_bytes()))
    })
}

/// Counts and times every request, and logs one line for it: method, route, status, time;
/// never a header or a body (tokens, passwords and codes travel there).
async fn observe(State(app): Shared, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", |m| m.as_str()).to_owned();
    let method = request.method().clone();
    let peer = request.extensions().get::<axum::extract::ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let started = Instant::now();
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    app.metrics.request(&route, status, seconds);
    tracing::info!(%method, route, status, ms = (seconds * 1000.0).round() as u64, peer = ?peer, "request");
    response
}

/// Gives the answers of the limit layers (plain text from tower-http and tower_governor) and of
/// axum's own refusals the same JSON error body as every other refusal; their headers stay.
async fn json_errors(State(app): Shared, mut response: Response) -> Response {
    // A body refused for its size was not read to its end, so the connection cannot carry the
    // next request: the client is told to open a new one. (Without this, a client's pool could
    // send its next request on a connection the server is closing: "connection closed before
    // message completed".)
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    // JSON, or a page said to a browser (an app's refused sign-in request), stays as it is.
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json") || v.as_bytes().starts_with(b"text/html"));
    let status = response.status();
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge(app.max_request_bytes),
        StatusCode::TOO_MANY_REQUESTS => ApiError::TooMany,
        StatusCode::REQUEST_TIMEOUT => ApiError::TimedOut,
        StatusCode::NOT_FOUND => ApiError::NotFound,
        s if s.is_client_error() => ApiError::BadRequest,
        _ => ApiError::Internal,
    };
    // The status stays (a 405 stays a 405); the body says it in the contract's shape.
    let (mut parts, _) = response.into_parts();
    let fresh = error.into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let (_, body) = fresh.into_parts();
    Response::from_parts(parts, Body::new(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bearer(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn without_a_token_metrics_answer_this_machine_only() {
        let none = HeaderMap::new();
        for here in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] {
            assert!(metrics_allowed(None, here.parse().unwrap(), &none), "{here}");
        }
        for elsewhere in ["10.0.0.5", "192.168.1.20", "0.0.0.0", "2001:db8::1", "::ffff:10.0.0.5"] {
            assert!(!metrics_allowed(None, elsewhere.parse().unwrap(), &none), "{elsewhere}");
            assert!(!metrics_allowed(None, elsewhere.parse().unwrap(), &bearer("Bearer anything-at-all-here")));
        }
    }

    #[test]
    fn with_a_token_metrics_answer_whoever_sends_it_and_nobody_else_not_even_this_machine() {
        let token = SecretString::from("s3cret-metrics-token-42");
        let (here, elsewhere): (IpAddr, IpAddr) = ("127.0.0.1".parse().unwrap(), "10.0.0.5".parse().unwrap());
        for peer in [here, elsewhere] {
            assert!(metrics_allowed(Some(&token), peer, &bearer("Bearer s3cret-metrics-token-42")));
            assert!(metrics_allowed(Some(&token), peer, &bearer("bearer s3cret-metrics-token-42")));
            assert!(!metrics_allowed(Some(&token), peer, &HeaderMap::new()));
            for wrong in [
                "Bearer s3cret-metrics-token-43",
                "Bearer s3cret-metrics-token-4",
                "Bearer s3cret-metrics-token-422",
                "Basic s3cret-metrics-token-42",
                "Bearer",
                "s3cret-metrics-token-42",
            ] {
                assert!(!metrics_allowed(Some(&token), peer, &bearer(wrong)), "{wrong}");
            }
        }
    }
}
