//! The browser sign-in page (issue 18 §3): the same front-end as the desktop window, built for
//! the browser (`make web`), served from `[server] web_root`, with the wizard behind a cookie
//! instead of a bearer token.
//!
//! - The session token lives in a `__Host-` cookie (`Secure`, `HttpOnly`, `SameSite=Lax`,
//!   `Path=/`): the page's script never reads it, no other site or subdomain can set it.
//! - Every request that acts (`POST`) must come from the page itself: its `Origin` is
//!   `[server] public_url`'s, `Sec-Fetch-Site` (when the browser sends it) says `same-origin`,
//!   and it carries the session's CSRF token (a hash of the session token under its own label,
//!   handed to the page with each screen) in the `X-Gatehouse-CSRF` header. Anything else is
//!   refused 403 `csrf_refused` before the session is read. (A request with no session cookie
//!   acts on nothing: it is answered `401 session_ended`.)
//! - Every answer carries a strict content security policy (scripts, styles and requests from
//!   this origin only; no frames, no inline script) and `no-store` for the wizard's answers.
//! - The same engine, lockout, replay checks and audit as every other client: a browser's
//!   session is a person's session of [`crate::sessions::Sessions`], opened by no registered
//!   machine: its audit records, and what the engine limits per machine (self-service reset's
//!   searches an hour), name the browser's address instead ([`crate::devices::peer_machine`]).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use gatehouse_core::branding::Branding;
use gatehouse_core::config::Config;
use gatehouse_core::error::transport;
use gatehouse_core::store::{CredentialStamp, TokenHash};
use gatehouse_core::types::AccountId;
use gatehouse_core::wizard::staff_help;
use gatehouse_core::{Error, ErrorBody};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tower_http::services::{ServeDir, ServeFile};
use zeroize::Zeroizing;

use crate::api::{blocking, ApiError, App};
use crate::devices::as_browser;
use crate::once::Once;
use crate::sessions::{Holder, Renew};

/// The session cookie's name: `__Host-` makes browsers refuse it unless it is `Secure`, has
/// `Path=/` and no `Domain` (so no sibling host can plant one).
pub const COOKIE: &str = "__Host-gatehouse";

/// The header that carries the session's CSRF token.
pub const CSRF_HEADER: &str = "x-gatehouse-csrf";

/// The content security policy of every answer: nothing from elsewhere, no inline script or
/// style, no frames (of this page, or in it). `img-src data:` is the school's logo.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// What the page is served with, read and checked at start.
pub struct Web {
    /// `[server] public_url`'s origin, the only one whose requests act.
    origin: String,
    /// `index.html`, read at start (a missing build stops the server with the fix).
    index: Bytes,
    root: PathBuf,
    /// What the page's `app_info` answers: version, branding, help and language.
    info: Value,
}

/// The origin of the sign-in page on which the apps of `[section]` sign people in (the OpenID
/// Connect issuer, the SAML entity's addresses): an error naming what to set when the server
/// serves no page.
pub fn sign_in_origin(config: &Config, section: &str) -> Result<String, Error> {
    let server = &config.server;
    server.public_origin().filter(|_| !server.web_root.trim().is_empty()).ok_or_else(|| {
        Error::Config(format!("{section}: apps sign in on the sign-in page: set server.web_root and public_url"))
    })
}

impl Web {
    /// The page of `config` (`None` when `[server] web_root` is empty); `base` is the
    /// configuration file's directory, which relative paths start from.
    pub fn load(config: &Config, base: &Path, data_dir: &Path) -> Result<Option<Self>, Error> {
        let server = &config.server;
        let root = match server.web_root.trim() {
            "" => return Ok(None),
            root => base.join(root),
        };
        let origin = server.public_origin().ok_or_else(|| Error::Config("server.public_url".into()))?;
        let rp_id = config.two_factor.security_key_rp_id.trim();
        if server.security_key_page_origin(rp_id).is_none() {
            tracing::warn!(
                public_url = %server.public_url,
                security_key_rp_id = rp_id,
                "security keys cannot be used on the browser's page: public_url does not lie within two_factor.security_key_rp_id"
            );
        }
        let index = std::fs::read(root.join("index.html")).map_err(|e| {
            Error::Config(format!(
                "server.web_root {}: no index.html ({e}); build the browser page with `make web`",
                root.display()
            ))
        })?;
        let info = json!({
            "version": env!("CARGO_PKG_VERSION"),
            "kiosk": null,
            "branding": Branding::load(&config.branding, data_dir)?,
            "demo": false,
            "first_run": false,
            "server": null,
            "help": staff_help(config),
            "language": config.locale.language(),
            "browser": true,
        });
        Ok(Some(Self { origin, index: Bytes::from(index), root, info }))
    }

    /// `[server] public_url`'s origin (`https://host[:port]`).
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// The page's routes: the page and its files, and the wizard under `/web/v1/`. `wizard` is
/// what the server's own limits wrap (the in-flight limit): the routes that reach the engine.
pub fn routes(web: Arc<Web>) -> (Router<Arc<App>>, Router<Arc<App>>) {
    let wizard = Router::new()
        .route("/web/v1/session", get(current_screen))
        .route("/web/v1/actions", post(apply_action))
        .route("/web/v1/sign-out", post(sign_out))
        .route_layer(middleware::from_fn_with_state(Arc::clone(&web), same_origin_only))
        .layer(middleware::map_response(|mut response: Response| async move {
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }))
        .layer(axum::Extension(Arc::clone(&web)));
    let files = Router::new()
        .route("/", get(index))
        .route("/web/v1/info", get(info))
        // A form's POST (no script, so no CSRF header): checked by the handler itself.
        .route("/web/v1/sign-in-again", post(sign_in_again))
        .route_service("/gatehouse.svg", ServeFile::new(web.root.join("gatehouse.svg")))
        .nest_service("/assets", ServeDir::new(web.root.join("assets")))
        .layer(axum::Extension(web));
    (wizard, files)
}

/// Adds the page's security headers to every answer of the server (the API's JSON included:
/// a browser shown one directly must not run or frame anything either).
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ] {
        // A page with a policy of its own (SAML's POST binding: a form to the app) keeps it.
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

async fn index(axum::Extension(web): axum::Extension<Arc<Web>>) -> Response {
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
    ];
    (headers, web.index.clone()).into_response()
}

async fn info(axum::Extension(web): axum::Extension<Arc<Web>>) -> Json<Value> {
    Json(web.info.clone())
}

/// Refuses a `POST` that did not come from the page itself (see the module's documentation);
/// `GET`s pass (they only read, or open a session on the sign-in screen).
async fn same_origin_only(State(web): State<Arc<Web>>, request: Request, next: Next) -> Result<Response, ApiError> {
    if request.method() != axum::http::Method::GET {
        let headers = request.headers();
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        // Without a session cookie there is no session to act on: the handler answers
        // `session_ended`, which is the truth the page should show (its cookie expired or was
        // cleared), rather than "out of date".
        let csrf_ok = session_token(headers).is_none_or(|token| {
            let sent = headers.get(CSRF_HEADER).map(HeaderValue::as_bytes).unwrap_or_default();
            bool::from(csrf_of(&token).as_bytes().ct_eq(sent))
        });
        if !(from_own_page(headers, &web.origin) && csrf_ok) {
            tracing::warn!(
                origin = origin.unwrap_or("none"),
                fetch_site = site.unwrap_or("none"),
                csrf_token_matches = csrf_ok,
                path = request.uri().path(),
                "a browser request from outside the sign-in page was refused"
            );
            return Err(ApiError::Said(
                StatusCode::FORBIDDEN,
                ErrorBody::of("csrf_refused", transport::csrf_refused()),
            ));
        }
    }
    Ok(next.run(request).await)
}

/// Whether a request comes from a page of `origin` itself: its `Origin` is that origin, and
/// `Sec-Fetch-Site` (when the browser sends it) says `same-origin`.
pub(crate) fn from_own_page(headers: &HeaderMap, origin: &str) -> bool {
    let sent = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    sent.is_some_and(|o| o.eq_ignore_ascii_case(origin)) && site.is_none_or(|s| s == "same-origin")
}

/// The session token of the request's cookie, if it carries one of a plausible length.
fn session_token(headers: &HeaderMap) -> Option<Zeroizing<String>> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty() && value.len() <= 128)
        .map(|value| Zeroizing::new(value.to_owned()))
}

/// The CSRF token of a session: SHA-256 of the session token under its own label, so it
/// reveals nothing of the token and nothing else (the stored hash included) equals it.
fn csrf_of(token: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"gatehouse browser csrf\0");
    hasher.update(token.as_bytes());
    URL_SAFE_NO_PAD.encode(hasher.finalize())
}

pub(crate) fn cookie_for(token: &str) -> HeaderValue {
    let value = Zeroizing::new(format!("{COOKIE}={token}; Path=/; Secure; HttpOnly; SameSite=Lax"));
    HeaderValue::from_str(&value).expect("a base64url token is a valid header value")
}

pub(crate) fn removed_cookie() -> HeaderValue {
    HeaderValue::from_static("__Host-gatehouse=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// `GET /web/v1/session`: the current screen and the CSRF token of the cookie's session; when
/// there is none (first visit, expired, signed out), a new one on the sign-in screen and its
/// cookie.
async fn current_screen(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let peer = peer.ip();
    if let Some(token) = session_token(&headers) {
        let (hash, holder) = crate::sessions::of_browser_cookie(&token);
        let app2 = Arc::clone(&app);
        let looked = blocking(move || as_browser(peer, || app2.sessions.current(&hash, holder))).await?;
        if let Some((response, signed_out)) = looked {
            // Ended by looking (a password reset or a disabled account elsewhere): the apps it
            // signed in to are told, as after the page's Sign out.
            if let Some(account) = signed_out {
                app.browser_signed_out((hash, holder), account, None).await;
            }
            return Ok(Json(json!({ "response": response, "csrf": csrf_of(&token) })).into_response());
        }
    }
    let (token, response) = blocking(move || as_browser(peer, || app.sessions.create_for_browser())).await?;
    tracing::info!(kind = "browser", session = ?crate::token::browser_hash_of(token.reveal()), "session created");
    let mut answer = Json(json!({ "response": response, "csrf": csrf_of(token.reveal()) })).into_response();
    answer.headers_mut().insert(header::SET_COOKIE, cookie_for(token.reveal()));
    Ok(answer)
}

/// The store's key of the cookie's session and who holds it (a browser; one whose session was
/// handed from a window names the window's), or `session_ended`.
pub(crate) fn cookie_session(headers: &HeaderMap) -> Result<(TokenHash, Holder), ApiError> {
    session_token(headers).map(|t| crate::sessions::of_browser_cookie(&t)).ok_or(ApiError::SessionEnded)
}

/// Whom a browser's session vouches for: the account it has brought to the workspace dashboard,
/// and when its person last proved who they are (Unix seconds: the password at sign-in, then
/// the second factor at iCON's door).
#[derive(Clone, Copy)]
pub(crate) struct SignedIn {
    pub account: AccountId,
    pub proved_at: i64,
    /// With which password (`Account::vouches_for_proof`).
    pub stamp: Option<CredentialStamp>,
}

/// The person this browser's session has brought to the workspace dashboard, if any: whom
/// single sign-on may vouch for.
pub(crate) async fn signed_in(app: &Arc<App>, headers: &HeaderMap) -> Result<Option<SignedIn>, ApiError> {
    let Ok((hash, holder)) = cookie_session(headers) else { return Ok(None) };
    let app = Arc::clone(app);
    let proof = blocking(move || app.sessions.workspace_proof(&hash, holder)).await?;
    Ok(proof.map(|p| SignedIn { account: p.account, proved_at: p.at, stamp: p.stamp }))
}

/// An app's demands for a fresh sign-in (SAML `ForceAuthn`, OpenID Connect `prompt=login` or
/// an exceeded `max_age`), kept under the request the browser came with once the person chose
/// to sign in again: when they did.
const FRESH: Once = Once::new("gatehouse fresh sign-in demanded");
/// How long a demand waits for the sign-in (an app's request is not answered later than this).
const FRESH_SECONDS: i64 = 15 * 60;

/// The app requests a fresh sign-in may come back to (what the sign-in page follows too).
fn demands_fresh_sign_in(request: &str) -> bool {
    ["/oidc/authorize?", "/saml/sso?"].iter().any(|p| request.starts_with(p))
}

/// For an app (`app_name`) that demands a fresh sign-in with `request` (its path and query,
/// the same when the browser comes back): `None` once `person` has proved who they are since
/// they chose to sign in again for this request (the demand is then spent). Otherwise a page
/// in `look` that asks them to: its form, taken from this origin and this session only, ends
/// the session as a sign-out does and goes to the sign-in page ([`sign_in_again`]). The page
/// itself changes nothing, so a link from another site signs nobody out.
pub(crate) async fn sign_in_afresh(
    app: &Arc<App>,
    headers: &HeaderMap,
    look: &crate::pages::Look,
    app_name: &str,
    request: &str,
    person: SignedIn,
) -> Result<Option<Response>, ApiError> {
    let engine = Arc::clone(app.sessions.engine());
    let key = request.to_owned();
    let shared = Arc::clone(app);
    let (proved, chosen) = blocking(move || {
        let demanded = FRESH.peek::<i64>(&engine, &key)?;
        if demanded.is_some_and(|at| person.proved_at >= at) {
            FRESH.forget(&engine, &key)?;
            return Ok((true, None));
        }
        Ok((false, shared.sessions.engine().store().account(person.account)?.and_then(|a| a.language)))
    })
    .await?;
    if proved {
        return Ok(None);
    }
    let token = session_token(headers).ok_or(ApiError::SessionEnded)?;
    let language = look.language_for(headers, chosen);
    let title = crate::pages::word(language, "sso-again-title");
    let ask = crate::pages::say(language, gatehouse_core::text::Text::new("sso-again-ask").arg("app", app_name));
    let body = format!(
        "<h1>{title}</h1><p>{ask}</p><form method=\"post\" action=\"/web/v1/sign-in-again\">\
         <input type=\"hidden\" name=\"continue\" value=\"{request}\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
         <div class=\"actions\"><button class=\"allow\" type=\"submit\">{button}</button>\
         <a class=\"deny\" href=\"/\">{stay}</a></div></form>",
        request = crate::pages::escape(request),
        csrf = csrf_of(&token),
        button = crate::pages::word(language, "sso-again-button"),
        stay = crate::pages::word(language, "sso-again-stay"),
    );
    Ok(Some(look.form_page(language, &title, &body)))
}

#[derive(serde::Deserialize)]
struct AgainForm {
    #[serde(rename = "continue")]
    request: Option<String>,
    csrf: Option<String>,
}

/// `POST /web/v1/sign-in-again`: the form of [`sign_in_afresh`]'s page — from this origin,
/// with the session's CSRF token — keeps the demand, ends the browser's session as a sign-out
/// does (audited, its apps told) and sends the browser to the sign-in page, which comes back
/// to the app's request.
async fn sign_in_again(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    axum::Extension(web): axum::Extension<Arc<Web>>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<AgainForm>,
) -> Result<Response, ApiError> {
    let token = session_token(&headers);
    let csrf_ok = token
        .as_ref()
        .is_some_and(|t| bool::from(csrf_of(t).as_bytes().ct_eq(form.csrf.as_deref().unwrap_or_default().as_bytes())));
    if !(from_own_page(&headers, &web.origin) && csrf_ok) {
        tracing::warn!("a fresh sign-in was asked for from outside its page: refused");
        return Err(ApiError::Said(StatusCode::FORBIDDEN, ErrorBody::of("csrf_refused", transport::csrf_refused())));
    }
    let request = form.request.filter(|r| demands_fresh_sign_in(r)).ok_or(ApiError::BadRequest)?;
    let (hash, holder) = cookie_session(&headers)?;
    let (shared, key) = (Arc::clone(&app), request.clone());
    let ended = blocking(move || {
        let engine = shared.sessions.engine();
        FRESH.keep(engine, &key, &engine.now(), FRESH_SECONDS)?;
        as_browser(peer.ip(), || shared.sessions.end(&hash, holder))
    })
    .await?;
    if let Some((_, Some(account))) = ended {
        tracing::info!(account = account.0, "signing in afresh for an app: the browser's session ended");
        app.browser_signed_out((hash, holder), account, None).await;
    }
    let query = url::form_urlencoded::Serializer::new(String::new()).append_pair("continue", &request).finish();
    let mut answer = axum::response::Redirect::to(&format!("/?{query}")).into_response();
    answer.headers_mut().insert(header::SET_COOKIE, removed_cookie());
    Ok(answer)
}

/// `POST /web/v1/actions`: one wizard action (the wire contract's JSON); the next screen. It is
/// audited, and limited per machine, as the browser's address ([`as_browser`]).
async fn apply_action(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (hash, holder) = cookie_session(&headers)?;
    let request = Zeroizing::new(String::from_utf8(body.to_vec()).map_err(|_| ApiError::BadRequest)?);
    let app2 = Arc::clone(&app);
    let applied =
        blocking(move || as_browser(peer.ip(), || app2.sessions.apply(&hash, holder, &request, Renew::OnSignIn)))
            .await?
            .ok_or(ApiError::SessionEnded)?;
    if let Some(outcome) = &applied.sign_in {
        app.metrics.sign_in(outcome);
    }
    if let Some(account) = applied.signed_out {
        app.browser_signed_out((hash, holder), account, None).await;
    }
    let mut answer = Json(applied.response).into_response();
    if let Some(token) = &applied.renewed {
        // A sign-in or sign-out moved the session to a new cookie; the page takes the new
        // CSRF token from this header.
        answer.headers_mut().insert(header::SET_COOKIE, cookie_for(token.reveal()));
        let csrf = HeaderValue::from_str(&csrf_of(token.reveal())).expect("base64url is a valid header value");
        answer.headers_mut().insert(CSRF_HEADER, csrf);
    }
    Ok(answer)
}

/// `POST /web/v1/sign-out`: signs the person out (audited), forgets the session and the
/// cookie; the `signed_out` screen.
async fn sign_out(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (hash, holder) = cookie_session(&headers)?;
    let app2 = Arc::clone(&app);
    let (response, account) = blocking(move || as_browser(peer.ip(), || app2.sessions.end(&hash, holder)))
        .await?
        .ok_or(ApiError::SessionEnded)?;
    if let Some(account) = account {
        app.browser_signed_out((hash, holder), account, None).await;
    }
    let mut answer = Json(json!({ "response": response })).into_response();
    answer.headers_mut().insert(header::SET_COOKIE, removed_cookie());
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::SessionToken;

    fn new_token() -> SessionToken {
        SessionToken::generate()
    }

    fn with_cookie(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn the_session_cookie_is_found_among_others_and_nothing_else_passes_for_it() {
        let token = new_token();
        let headers = with_cookie(&format!("theme=dark; {COOKIE}={}; other=1", token.reveal()));
        assert_eq!(session_token(&headers).as_deref().map(String::as_str), Some(token.reveal()));
        for other in ["gatehouse=abc", "__Host-gatehouse=", "__host-gatehouse=abc", ""] {
            assert!(session_token(&with_cookie(other)).is_none(), "{other}");
        }
        assert!(session_token(&with_cookie(&format!("{COOKIE}={}", "x".repeat(200)))).is_none());
    }

    #[test]
    fn a_csrf_token_is_fixed_per_session_and_differs_from_the_token_and_its_stored_hash() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(csrf_of(a.reveal()), csrf_of(a.reveal()));
        assert_ne!(csrf_of(a.reveal()), csrf_of(b.reveal()));
        assert_ne!(csrf_of(a.reveal()), a.reveal());
        assert_ne!(csrf_of(a.reveal()), URL_SAFE_NO_PAD.encode(a.hash().0));
    }

    #[test]
    fn the_cookie_is_host_only_secure_http_only_and_lax() {
        let cookie = cookie_for("abc");
        let text = cookie.to_str().unwrap();
        assert!(text.starts_with("__Host-gatehouse=abc;"));
        for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Lax"] {
            assert!(text.split("; ").any(|a| a == attribute), "{attribute} in {text}");
        }
        assert!(!text.contains("Domain"));
        assert!(removed_cookie().to_str().unwrap().contains("Max-Age=0"));
    }
}
