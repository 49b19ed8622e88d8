//! Gatehouse as an OpenID Connect provider (issue 18 §2): the authorization code flow with PKCE
//! (S256, required of every app), ID tokens signed ES256 by the first of `[oidc] signing_keys`
//! and every key published at `/oidc/jwks`, and discovery at
//! `/.well-known/openid-configuration`. The issuer is `[server] public_url`.
//!
//! A person is vouched for once their browser session (the sign-in page's cookie, `web.rs`) has
//! gone all the way to the workspace dashboard — the password, the second factor for staff and
//! the terms, exactly as opening iCON asks. Until then `/oidc/authorize` sends the browser to
//! the sign-in page, which comes back once there. An app that is not for the person (a
//! student at a staff app) is refused `access_denied`, audited. `prompt=login`, or a sign-in
//! older than `max_age`, has the person sign in afresh (`web::sign_in_afresh`); `auth_time` is
//! when they last proved who they are.
//!
//! An app of another vendor (`first_party = false`) is only told who the person is once they
//! allow it (`consent.rs`): a page in their language names the app and what it will learn (their
//! name and login ID), with "Allow" and "Don't allow". The answer is a form posted back to this
//! origin with a one-time ticket bound to the browser's session and the person (no other page,
//! browser or person can answer it); it is audited, and an allowed app is not asked about again
//! until the person signs out of Gatehouse (`prompt=consent` asks again; `prompt=none` answers
//! `consent_required` instead of asking).
//!
//! A sign-out in the browser (the page's, or an app's through `/oidc/logout`) tells the other
//! apps that signed the person in from that browser session, server to server (`backchannel.rs`,
//! OpenID Connect Back-Channel Logout: the ID token's `sid` names the sign-in).
//!
//! Authorization codes are 256 random bits, good for one minute and once: each is kept as a
//! row of the session store under a hash of its own label (`once.rs`: no session token opens it
//! and it opens no session), its request sealed with the data key; redeeming deletes the row, and
//! only the request whose delete removed it gets tokens — on any server process of the school.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use gatehouse_core::audit::{Event, Outcome};
use gatehouse_core::config::{Audience, Config, OidcClient};
use gatehouse_core::store::{Account, CredentialStamp, TokenHash};
use gatehouse_core::types::AccountId;
use gatehouse_core::{Engine, Error};
use jsonwebtoken::jwk::{Jwk, JwkSet, PublicKeyUse, ThumbprintHash};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::api::{blocking, ApiError, App};
use crate::once::Once;
use crate::pages::{self, no_store};
use crate::token::SessionToken;

mod backchannel;
mod consent;
use consent::{Asking, Question};

/// How long an authorization code may wait for its app to redeem it.
const CODE_SECONDS: i64 = 60;

/// What the provider runs with, read and checked at start.
pub struct Oidc {
    issuer: String,
    /// The first signs; all are published.
    keys: Vec<SigningKey>,
    clients: Vec<Client>,
    token_seconds: i64,
    /// Tells apps of sign-outs (when one has a `backchannel_logout_uri`).
    http: Option<reqwest::Client>,
    /// The school's look and default language, for its pages.
    look: pages::Look,
}

struct SigningKey {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    jwk: Jwk,
}

struct Client {
    config: OidcClient,
    /// SHA-256 of a confidential app's secret (compared in constant time); `None`: public.
    secret_hash: Option<[u8; 32]>,
}

impl Oidc {
    /// The provider of `config` (`None` when no app is registered); `base` is the
    /// configuration file's directory.
    pub fn load(config: &Config, base: &Path) -> Result<Option<Self>, Error> {
        let oidc = &config.oidc;
        if oidc.clients.is_empty() {
            return Ok(None);
        }
        let issuer = crate::web::sign_in_origin(config, "oidc")?;
        let keys = oidc
            .signing_keys
            .iter()
            .filter(|k| !k.trim().is_empty())
            .map(|file| signing_key(&base.join(file.trim())))
            .collect::<Result<Vec<_>, _>>()?;
        let clients = oidc
            .clients
            .iter()
            .map(|c| {
                let secret_hash = match c.secret_file.trim() {
                    "" => None,
                    file => Some(secret_hash(&base.join(file), &c.id)?),
                };
                Ok(Client { config: c.clone(), secret_hash })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let told = clients.iter().any(|c| !c.config.backchannel_logout_uri.is_empty());
        let http = if told { Some(backchannel::http_client()?) } else { None };
        Ok(Some(Self {
            issuer,
            keys,
            clients,
            http,
            token_seconds: i64::from(oidc.token_minutes) * 60,
            look: pages::Look::of(config),
        }))
    }

    fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.config.id == id)
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.issuer)
    }

    /// The name of the app an `/oidc/authorize?…` query comes from, when it is registered and
    /// names its registered return address (what the sign-in page says the person is signing
    /// in to); `None` otherwise.
    pub fn app_waiting(&self, query: &str) -> Option<String> {
        let pairs: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let client = self.client(pairs.get("client_id")?)?;
        client.config.redirect_uris.contains(pairs.get("redirect_uri")?).then(|| client.config.name.clone())
    }

    /// A refusal shown in the browser, not sent to an app that may not be the one asked for (an
    /// unknown app or an unregistered address: RFC 6749 §4.1.2.1); in the browser's language.
    fn refused(&self, headers: &HeaderMap, reason: &'static str) -> Response {
        self.look.refused(self.look.language_for(headers, None), reason)
    }
}

/// A signing key from a PEM file (PKCS#8 ECDSA P-256); its id is its JWK thumbprint (RFC 7638).
fn signing_key(file: &Path) -> Result<SigningKey, Error> {
    let bad = |why: String| Error::Config(format!("oidc.signing_keys {}: {why}", file.display()));
    let pem = Zeroizing::new(std::fs::read(file).map_err(|e| bad(format!("cannot be read: {e}")))?);
    let encoding = EncodingKey::from_ec_pem(&pem)
        .map_err(|e| bad(format!("not an ECDSA P-256 private key in PKCS#8 PEM: {e}")))?;
    let mut jwk =
        Jwk::from_encoding_key(&encoding, Algorithm::ES256).map_err(|e| bad(format!("not a P-256 key: {e}")))?;
    let kid = jwk.thumbprint(ThumbprintHash::SHA256);
    jwk.common.key_id = Some(kid.clone());
    jwk.common.public_key_use = Some(PublicKeyUse::Signature);
    let decoding = DecodingKey::from_jwk(&jwk).map_err(|e| bad(e.to_string()))?;
    Ok(SigningKey { kid, encoding, decoding, jwk })
}

/// SHA-256 of the secret in `file` (surrounding white space is not part of it).
fn secret_hash(file: &Path, client: &str) -> Result<[u8; 32], Error> {
    let bad = |why: String| Error::Config(format!("oidc.clients {client:?} secret_file {}: {why}", file.display()));
    let text = Zeroizing::new(std::fs::read_to_string(file).map_err(|e| bad(format!("cannot be read: {e}")))?);
    let secret = text.trim();
    if secret.len() < 16 {
        return Err(bad("must hold a secret of 16 or more characters".into()));
    }
    Ok(Sha256::digest(secret.as_bytes()).into())
}

pub fn routes(oidc: Arc<Oidc>) -> Router<Arc<App>> {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/oidc/jwks", get(jwks))
        .route("/oidc/authorize", get(authorize))
        .route("/oidc/consent", post(consent::answered))
        .route("/oidc/token", post(token))
        .route("/oidc/userinfo", get(userinfo))
        .route("/oidc/logout", get(logout))
        .layer(axum::Extension(oidc))
}

type Provider = axum::Extension<Arc<Oidc>>;

async fn discovery(axum::Extension(oidc): Provider) -> Json<Value> {
    Json(json!({
        "issuer": oidc.issuer,
        "authorization_endpoint": oidc.endpoint("/oidc/authorize"),
        "token_endpoint": oidc.endpoint("/oidc/token"),
        "userinfo_endpoint": oidc.endpoint("/oidc/userinfo"),
        "jwks_uri": oidc.endpoint("/oidc/jwks"),
        "end_session_endpoint": oidc.endpoint("/oidc/logout"),
        "backchannel_logout_supported": true,
        "backchannel_logout_session_supported": true,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "scopes_supported": ["openid", "profile", "email"],
        "claims_supported": ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "sid", "name", "email", "preferred_username"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": true,
    }))
}

async fn jwks(axum::Extension(oidc): Provider) -> Json<JwkSet> {
    Json(JwkSet { keys: oidc.keys.iter().map(|k| k.jwk.clone()).collect() })
}

/// What an app asks `/oidc/authorize` for.
#[derive(Debug, Deserialize)]
struct AuthorizeRequest {
    client_id: Option<String>,
    redirect_uri: Option<String>,
    response_type: Option<String>,
    /// `none`: answer `login_required` (or `consent_required`) rather than show a page;
    /// `consent`: ask another vendor's app's consent again; `login`: sign in afresh.
    prompt: Option<String>,
    /// Seconds: a sign-in proved longer ago than this is not relied on (the person signs in
    /// afresh).
    max_age: Option<String>,
    /// An ID token of ours naming whom the app expects: anyone else signed in in this browser
    /// is answered `login_required`.
    id_token_hint: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

/// What a code stands for, sealed in the store until redeemed.
#[derive(Clone, Serialize, Deserialize)]
struct Grant {
    client_id: String,
    redirect_uri: String,
    account: i64,
    nonce: Option<String>,
    code_challenge: String,
    auth_time: i64,
    /// With which password the person proved who they are: a password set since (even within
    /// `auth_time`'s second) refuses the code.
    #[serde(default)]
    stamp: Option<CredentialStamp>,
    scope: String,
    /// The browser session's `sid` (back-channel logout).
    #[serde(default)]
    sid: Option<String>,
}

/// `redirect_uri?code=…` or `?error=…`, with `&state=…&iss=…`: what the app hears. The address
/// is a registered one, checked to be a URL at start.
fn to_app(oidc: &Oidc, redirect_uri: &str, state: Option<&str>, answer: &[(&str, &str)]) -> Response {
    let Ok(mut url) = url::Url::parse(redirect_uri) else {
        return oidc.look.refused(oidc.look.language, "sso-refused-return-address");
    };
    {
        let mut query = url.query_pairs_mut();
        for (k, v) in answer {
            query.append_pair(k, v);
        }
        if let Some(state) = state {
            query.append_pair("state", state);
        }
        query.append_pair("iss", &oidc.issuer);
    }
    Redirect::to(url.as_str()).into_response()
}

/// `GET /oidc/authorize`: checks the app and its request; sends a browser that is not signed in
/// to the sign-in page (which comes back here), and one that is back to the app with a code.
async fn authorize(
    State(app): State<Arc<App>>,
    axum::Extension(oidc): Provider,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Query(req): Query<AuthorizeRequest>,
) -> Result<Response, ApiError> {
    let Some(client) = req.client_id.as_deref().and_then(|id| oidc.client(id)) else {
        return Ok(oidc.refused(&headers, "sso-refused-unregistered"));
    };
    let Some(redirect_uri) = req.redirect_uri.clone().filter(|u| client.config.redirect_uris.contains(u)) else {
        return Ok(oidc.refused(&headers, "sso-refused-return-address"));
    };
    let state = req.state.as_deref();
    let error = |code: &str, description: &str| {
        to_app(&oidc, &redirect_uri, state, &[("error", code), ("error_description", description)])
    };
    let prompts = |p: &str| req.prompt.as_deref().is_some_and(|all| all.split(' ').any(|one| one == p));
    if req.response_type.as_deref() != Some("code") {
        return Ok(error("unsupported_response_type", "only the authorization code flow (response_type=code)"));
    }
    if !req.scope.as_deref().unwrap_or("").split(' ').any(|s| s == "openid") {
        return Ok(error("invalid_scope", "the scope must include openid"));
    }
    let challenge = match (req.code_challenge.as_deref(), req.code_challenge_method.as_deref()) {
        (Some(c), Some("S256")) if (43..=128).contains(&c.len()) => c.to_owned(),
        _ => return Ok(error("invalid_request", "PKCE with code_challenge_method=S256 is required")),
    };
    if prompts("none") && req.prompt.as_deref().is_some_and(|all| all.split(' ').any(|one| one != "none")) {
        return Ok(error("invalid_request", "prompt=none goes with no other prompt"));
    }
    let max_age = match req.max_age.as_deref().map(str::parse::<u32>) {
        None => None,
        Some(Ok(seconds)) => Some(i64::from(seconds)),
        Some(Err(_)) => return Ok(error("invalid_request", "max_age must be a whole number of seconds")),
    };
    let back = uri.path_and_query().map_or("/oidc/authorize", |pq| pq.as_str());
    let Some(person) = crate::web::signed_in(&app, &headers).await? else {
        if prompts("none") {
            return Ok(error("login_required", "nobody is signed in to Gatehouse in this browser"));
        }
        // Not (yet) through iCON's door in this browser: the sign-in page, then back here.
        let query = url::form_urlencoded::Serializer::new(String::new()).append_pair("continue", back).finish();
        return Ok(Redirect::to(&format!("/?{query}")).into_response());
    };
    // OpenID Connect Core §3.1.2.1: the person the app names by an ID token of ours is the one
    // answered for, or nobody (a shared computer, a silent check after the next person came).
    if let Some(hint) = req.id_token_hint.as_deref() {
        let Some(claims) = verify_own(&oidc, hint, false) else {
            return Ok(error("invalid_request", "id_token_hint is not an ID token of this provider"));
        };
        if claims.get("sub").and_then(Value::as_str) != Some(person.account.0.to_string().as_str()) {
            return Ok(error("login_required", "someone else is signed in to Gatehouse in this browser"));
        }
    }
    // OpenID Connect Core §3.1.2.1: `prompt=login` and a sign-in older than `max_age` are not
    // relied on — the person signs in again (or, asked for no page, the app hears so).
    let too_old = max_age.is_some_and(|seconds| app.sessions.engine().now() - person.proved_at > seconds);
    if prompts("login") || too_old {
        if prompts("none") {
            return Ok(error("login_required", "the sign-in in this browser is older than max_age"));
        }
        let look = &oidc.look;
        if let Some(sign_in) =
            crate::web::sign_in_afresh(&app, &headers, look, &client.config.name, back, person).await?
        {
            return Ok(sign_in);
        }
    }
    let account_id = person.account;
    // Signed in, so the cookie names the session.
    let (session, _) = crate::web::cookie_session(&headers)?;
    let engine = Arc::clone(app.sessions.engine());
    let oidc2 = Arc::clone(&oidc);
    let client_id = client.config.id.clone();
    let asking = Asking { session, again: prompts("consent"), not_now: prompts("none") };
    let grant = Grant {
        client_id: client_id.clone(),
        redirect_uri: redirect_uri.clone(),
        account: account_id.0,
        nonce: req.nonce.clone(),
        code_challenge: challenge,
        auth_time: person.proved_at,
        stamp: person.stamp,
        scope: req.scope.clone().unwrap_or_default(),
        sid: Some(backchannel::sid_of(&session, account_id)),
    };
    let state2 = req.state.clone();
    let decided = blocking(move || decide(&engine, &oidc2, grant, state2, &asking)).await?;
    let outcome = match &decided {
        Decision::Code(_) => "code",
        Decision::Denied => "access_denied",
        Decision::Ask(_) => "consent_asked",
        Decision::ConsentRequired => "consent_required",
    };
    app.metrics.single_sign_on(&client_id, outcome);
    Ok(match decided {
        Decision::Code(code) => to_app(&oidc, &redirect_uri, state, &[("code", code.reveal())]),
        Decision::Denied => error("access_denied", "this app is not for this account"),
        Decision::ConsentRequired => error("consent_required", "the person has not allowed this app yet"),
        Decision::Ask(question) => question.page(&headers, &oidc.look),
    })
}

/// What `/oidc/authorize` answers a signed-in person's request with.
enum Decision {
    Code(SessionToken),
    /// The app is not for this account (audited).
    Denied,
    /// An app of another vendor the person has not allowed yet: the question.
    Ask(Question),
    /// The same, with `prompt=none`.
    ConsentRequired,
}

/// Authorization codes: 60 s, once, on any server.
const CODES: Once = Once::new("gatehouse oidc code");
/// A code redeemed, kept under the code for as long as its tokens live: which access token it
/// gave (its `jti`) and to whom, so that the code brought again revokes it (RFC 6749 §4.1.2:
/// someone else holds the code, and perhaps the tokens).
const REDEEMED: Once = Once::new("gatehouse oidc code redeemed");
/// Access tokens revoked (by their `jti`) until they would have expired.
const REVOKED: Once = Once::new("gatehouse oidc access token revoked");

/// What [`REDEEMED`] keeps.
#[derive(Serialize, Deserialize)]
struct Redeemed {
    jti: String,
    account: i64,
    client_id: String,
}

/// A code brought again after it was redeemed: the access token it gave is revoked (audited
/// under its person).
fn revoke_replayed(engine: &Engine, oidc: &Oidc, code: &str) -> Result<(), Error> {
    let Some(redeemed) = REDEEMED.peek::<Redeemed>(engine, code)? else { return Ok(()) };
    REVOKED.keep(engine, &redeemed.jti, &true, oidc.token_seconds)?;
    let login = engine.store().account(AccountId(redeemed.account))?.map(|a| a.login.to_string()).unwrap_or_default();
    let detail = format!("{}: a code brought again; the access token it gave is revoked", redeemed.client_id);
    engine.store().append_audit(&engine.record(&login, &login, Event::SingleSignOn, Outcome::Refused, detail))?;
    tracing::warn!(client = redeemed.client_id, "an authorization code was brought again: its access token is revoked");
    Ok(())
}

/// The account of `grant` when it may use the app (audited when not): not disabled, not
/// locked, and of a kind and level the app is `for`.
fn admitted(engine: &Engine, client: &Client, account: AccountId) -> Result<Option<Account>, Error> {
    let Some(account) = engine.store().account(account)?.filter(|a| !a.disabled && !a.is_locked()) else {
        return Ok(None);
    };
    let audience = Audience::of(account.kind, account.level);
    if !client.config.audiences.iter().any(|a| a == audience.as_str()) {
        let login = account.login.as_str();
        let detail = format!("{} ({}): not for {}", client.config.name, client.config.id, audience.as_str());
        engine.store().append_audit(&engine.record(login, login, Event::SingleSignOn, Outcome::Refused, detail))?;
        return Ok(None);
    }
    Ok(Some(account))
}

/// The answer to a signed-in person's request: a code when the app is for them and, for an app
/// of another vendor, they allowed it in this browser session; else the question, or a refusal.
fn decide(
    engine: &Engine,
    oidc: &Oidc,
    grant: Grant,
    state: Option<String>,
    asking: &Asking,
) -> Result<Decision, Error> {
    let client = oidc.client(&grant.client_id).ok_or_else(|| Error::Internal("the app went away".into()))?;
    let Some(account) = admitted(engine, client, AccountId(grant.account))? else { return Ok(Decision::Denied) };
    if !client.config.first_party && !consent::given(engine, asking, client, &account)? {
        if asking.not_now {
            return Ok(Decision::ConsentRequired);
        }
        return consent::ask(engine, asking, client, &account, grant, state).map(Decision::Ask);
    }
    issue_code(engine, client, &account, grant).map(Decision::Code)
}

/// A code for `grant`, audited.
fn issue_code(engine: &Engine, client: &Client, account: &Account, grant: Grant) -> Result<SessionToken, Error> {
    let code = CODES.issue(engine, &grant, CODE_SECONDS)?;
    if let Some(sid) = &grant.sid {
        backchannel::remember(engine, client, sid, &account.id.0.to_string())?;
    }
    let login = account.login.as_str();
    let detail = format!("{} ({})", client.config.name, client.config.id);
    engine.store().append_audit(&engine.record(login, login, Event::SingleSignOn, Outcome::Ok, detail))?;
    Ok(code)
}

/// The token endpoint's form (RFC 6749 §4.1.3, RFC 7636 §4.5).
#[derive(Deserialize)]
struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    code_verifier: Option<String>,
}

/// A token endpoint refusal in RFC 6749 §5.2's shape.
fn token_error(status: StatusCode, error: &str, description: &str) -> Response {
    let mut response = (status, Json(json!({ "error": error, "error_description": description }))).into_response();
    no_store(&mut response);
    response
}

/// `401 invalid_client`, with the challenge of the scheme apps authenticate with (RFC 6749
/// §5.2: an app that sent `Authorization: Basic` must get `WWW-Authenticate: Basic`).
fn client_refused(description: &str) -> Response {
    let mut response = token_error(StatusCode::UNAUTHORIZED, "invalid_client", description);
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Basic realm=\"gatehouse\""));
    response
}

/// The app's id and secret from `Authorization: Basic` (RFC 6749 §2.3.1), if sent.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, Zeroizing<String>)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = Zeroizing::new(String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?);
    let (id, secret) = decoded.split_once(':')?;
    let unescape =
        |s: &str| url::form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned());
    Some((unescape(id)?, Zeroizing::new(unescape(secret)?)))
}

/// The claims of an ID token (OpenID Connect Core §2) and of its access token.
#[derive(Serialize, Deserialize)]
struct Claims {
    iss: String,
    sub: String,
    aud: String,
    exp: i64,
    iat: i64,
    auth_time: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    nonce: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sid: Option<String>,
    /// The access token's own id (what a code brought again revokes).
    #[serde(skip_serializing_if = "Option::is_none")]
    jti: Option<String>,
    name: String,
    email: String,
    preferred_username: String,
}

/// `POST /oidc/token`: a code, its PKCE verifier and (for a confidential app) its secret → an
/// ID token and an access token.
async fn token(
    State(app): State<Arc<App>>,
    axum::Extension(oidc): Provider,
    headers: HeaderMap,
    Form(req): Form<TokenRequest>,
) -> Response {
    if req.grant_type.as_deref() != Some("authorization_code") {
        return token_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", "only authorization_code");
    }
    let basic = basic_credentials(&headers);
    let client_id = basic.as_ref().map(|(id, _)| id.clone()).or(req.client_id.clone()).unwrap_or_default();
    let secret = basic.map(|(_, s)| s).or(req.client_secret.clone().map(Zeroizing::new));
    let Some(client) = oidc.client(&client_id) else {
        return client_refused("unknown client");
    };
    let authenticated = match (&client.secret_hash, &secret) {
        (None, None) => true,
        (Some(expected), Some(sent)) => bool::from(Sha256::digest(sent.as_bytes()).as_slice().ct_eq(expected)),
        _ => false,
    };
    if !authenticated {
        app.metrics.single_sign_on(&client_id, "invalid_client");
        tracing::warn!(client = client_id, "an app's token request had a wrong or missing secret");
        return client_refused("client authentication failed");
    }
    let (Some(code), Some(verifier)) = (req.code.clone(), req.code_verifier.clone()) else {
        return token_error(StatusCode::BAD_REQUEST, "invalid_request", "code and code_verifier are required");
    };
    let engine = Arc::clone(app.sessions.engine());
    let oidc2 = Arc::clone(&oidc);
    let redirect_uri = req.redirect_uri.clone().unwrap_or_default();
    let app_id = client_id.clone();
    let redeemed = blocking(move || redeem(&engine, &oidc2, &app_id, &code, &redirect_uri, &verifier)).await;
    let outcome = match &redeemed {
        Ok(Ok(_)) => "tokens",
        Ok(Err(_)) => "invalid_grant",
        Err(_) => "failed",
    };
    app.metrics.single_sign_on(&client_id, outcome);
    match redeemed {
        Ok(Ok(tokens)) => {
            let mut response = Json(tokens).into_response();
            no_store(&mut response);
            response
        }
        Ok(Err(why)) => {
            tracing::warn!(why, "an authorization code was refused");
            token_error(StatusCode::BAD_REQUEST, "invalid_grant", "the code is not valid")
        }
        Err(e) => e.into_response(),
    }
}

/// Spends the code (once, on any server) and signs the tokens; `Err(why)` for the log.
fn redeem(
    engine: &Engine,
    oidc: &Oidc,
    client_id: &str,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> Result<Result<Value, &'static str>, Error> {
    let grant: Grant = match CODES.take(engine, code)? {
        Ok(grant) => grant,
        Err(why) => {
            revoke_replayed(engine, oidc, code)?;
            return Ok(Err(why));
        }
    };
    if grant.client_id != client_id {
        return Ok(Err("issued to another app"));
    }
    if grant.redirect_uri != redirect_uri {
        return Ok(Err("redirect_uri differs from the authorization request's"));
    }
    let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    if !bool::from(computed.as_bytes().ct_eq(grant.code_challenge.as_bytes())) {
        return Ok(Err("the PKCE verifier does not match the challenge"));
    }
    let account = engine.store().account(AccountId(grant.account))?;
    let Some(account) = account.filter(|a| a.vouches_for_proof(grant.auth_time, grant.stamp.as_ref())) else {
        return Ok(Err("the account is gone, disabled or locked, or has a new password since the sign-in"));
    };
    let now = engine.now();
    let claims = Claims {
        iss: oidc.issuer.clone(),
        sub: account.id.0.to_string(),
        aud: client_id.to_owned(),
        exp: now + oidc.token_seconds,
        iat: now,
        auth_time: grant.auth_time,
        nonce: grant.nonce,
        sid: grant.sid,
        jti: None,
        name: account.name.as_str().to_owned(),
        email: account.login.as_str().to_owned(),
        preferred_username: account.login.as_str().to_owned(),
    };
    let key = &oidc.keys[0];
    let sign = |typ: &str, claims: &Claims| {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(key.kid.clone());
        header.typ = Some(typ.to_owned());
        jsonwebtoken::encode(&header, claims, &key.encoding)
            .map_err(|e| Error::Internal(format!("signing a token: {e}")))
    };
    let id_token = sign("JWT", &claims)?;
    let jti = crate::token::SessionToken::generate().reveal().to_owned();
    let redeemed = Redeemed { jti: jti.clone(), account: account.id.0, client_id: client_id.to_owned() };
    REDEEMED.keep(engine, code, &redeemed, oidc.token_seconds)?;
    let access_token = sign("at+jwt", &Claims { nonce: None, jti: Some(jti), ..claims })?;
    Ok(Ok(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": oidc.token_seconds,
        "id_token": id_token,
        "scope": grant.scope,
    })))
}

/// `GET /oidc/userinfo` with the access token as a bearer token: the person's claims — while
/// the account may still be vouched for (`Account::vouches_for_proof` its `auth_time`); a
/// token of a session ended that way is refused as invalid.
async fn userinfo(State(app): State<Arc<App>>, axum::Extension(oidc): Provider, headers: HeaderMap) -> Response {
    let bearer = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| {
        let (scheme, token) = v.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty() && t.len() <= 4096)
    });
    let Some(token) = bearer else {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")]).into_response();
    };
    let invalid =
        || (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")]).into_response();
    let Some(c) = verify_own(&oidc, token, true) else {
        return invalid();
    };
    let (Some(id), Some(auth_time)) =
        (c.get("sub").and_then(Value::as_str).and_then(|s| s.parse().ok()), c.get("auth_time").and_then(Value::as_i64))
    else {
        return invalid();
    };
    let jti = c.get("jti").and_then(Value::as_str).map(str::to_owned);
    let engine = Arc::clone(app.sessions.engine());
    let found = blocking(move || {
        if let Some(jti) = jti {
            if REVOKED.peek::<bool>(&engine, &jti)?.is_some() {
                tracing::info!(account = id, "an access token revoked (its code was brought again)");
                return Ok(None);
            }
        }
        engine.store().account(AccountId(id))
    });
    match found.await {
        Ok(Some(account)) if account.vouches_for_proof(auth_time, None) => {}
        Ok(_) => {
            tracing::info!(
                account = id,
                "an access token of an account locked, disabled or given a new password since"
            );
            return invalid();
        }
        Err(e) => return e.into_response(),
    }
    let mut response = Json(json!({
        "sub": c["sub"], "name": c["name"], "email": c["email"], "preferred_username": c["preferred_username"],
    }))
    .into_response();
    no_store(&mut response);
    response
}

/// What an app's "Sign out" sends (OpenID Connect RP-Initiated Logout 1.0).
#[derive(Deserialize)]
struct LogoutRequest {
    id_token_hint: Option<String>,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
}

/// `GET /oidc/logout`: an app's "Sign out" ends the person's Gatehouse session in this browser
/// too (audited like any sign-out), then returns to the app's registered address. Only with an
/// ID token of ours for the person signed in here: another site cannot sign anyone out, nor an
/// app someone else.
async fn logout(
    State(app): State<Arc<App>>,
    axum::Extension(oidc): Provider,
    headers: HeaderMap,
    Query(req): Query<LogoutRequest>,
) -> Result<Response, ApiError> {
    let hint = req.id_token_hint.as_deref().and_then(|token| verify_own(&oidc, token, false));
    let named = |c: &HashMap<String, Value>, k: &str| c.get(k).and_then(Value::as_str).map(str::to_owned);
    let Some((client_id, subject)) = hint.and_then(|c| Some((named(&c, "aud")?, named(&c, "sub")?))) else {
        return Ok(oidc.refused(&headers, "sso-refused-logout-unnamed"));
    };
    let back = match req.post_logout_redirect_uri {
        Some(uri) if oidc.client(&client_id).is_some_and(|c| c.config.post_logout_redirect_uris.contains(&uri)) => {
            Some(uri)
        }
        Some(_) => return Ok(oidc.refused(&headers, "sso-refused-logout-address")),
        None => None,
    };
    let mut answer = match &back {
        Some(uri) => {
            let mut url = url::Url::parse(uri).map_err(|_| ApiError::BadRequest)?;
            if let Some(state) = &req.state {
                url.query_pairs_mut().append_pair("state", state);
            }
            Redirect::to(url.as_str()).into_response()
        }
        None => Redirect::to("/").into_response(),
    };
    if let Ok((hash, holder)) = crate::web::cookie_session(&headers) {
        let app2 = Arc::clone(&app);
        let here = blocking(move || {
            // Whoever is signed in here, on whatever screen (the applications, a password change):
            // a sign-out that left them signed in would hand the next person at this browser
            // their apps.
            let signed_in = app2.sessions.signed_in_account(&hash, holder)?;
            if signed_in.map(|a| a.0.to_string()).as_deref() != Some(subject.as_str()) {
                return Ok(None);
            }
            app2.sessions.end(&hash, holder).map(|ended| ended.and(signed_in))
        })
        .await?;
        if let Some(account) = here {
            tracing::info!(client = client_id, "signed out at an app's request");
            app.browser_signed_out((hash, holder), account, Some(client_id)).await;
            answer.headers_mut().insert(header::SET_COOKIE, crate::web::removed_cookie());
        }
    }
    Ok(answer)
}

/// `account` signed out of the browser session `session`: the consents given in it are
/// forgotten (the next sign-in there asks again), and the apps that signed them in from it (but
/// `except`) are told, in the background (see `backchannel.rs`).
pub async fn signed_out(
    oidc: Arc<Oidc>,
    app: Arc<App>,
    (session, account): (TokenHash, AccountId),
    except: Option<String>,
) {
    let (engine, oidc2) = (Arc::clone(app.sessions.engine()), Arc::clone(&oidc));
    let notices = blocking(move || {
        consent::forget(&engine, &oidc2, &session)?;
        oidc2.signed_out(&engine, &backchannel::sid_of(&session, account), except.as_deref())
    })
    .await;
    let notices = match notices {
        Ok(notices) => notices,
        Err(e) => {
            tracing::warn!(error = ?e, "could not forget a sign-out's consents or find the apps to tell");
            return;
        }
    };
    let Some(http) = oidc.http.clone() else { return };
    tokio::spawn(async move {
        for notice in notices {
            let app_id = notice.app.clone();
            let outcome = backchannel::deliver(&http, notice).await;
            app.metrics.single_sign_on(&app_id, outcome);
        }
    });
}

/// The claims of an ID token (or, `access`, an access token) this provider signed with one of
/// its keys for one of its apps; an expired ID token still counts (a sign-out comes later). A
/// logout token (`logout+jwt`, sent to apps' back-channel) is neither (Back-Channel Logout
/// 1.0 §2.4: it must never be taken for an ID token).
fn verify_own(oidc: &Oidc, token: &str, access: bool) -> Option<HashMap<String, Value>> {
    let header = jsonwebtoken::decode_header(token).ok()?;
    let typ_fits = match header.typ.as_deref() {
        Some("at+jwt") => access,
        None | Some("JWT") => !access,
        Some(_) => false,
    };
    if !typ_fits {
        return None;
    }
    let key = oidc.keys.iter().find(|k| Some(&k.kid) == header.kid.as_ref())?;
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_issuer(&[&oidc.issuer]);
    validation.set_audience(&oidc.clients.iter().map(|c| c.config.id.as_str()).collect::<Vec<_>>());
    validation.validate_exp = access;
    if !access {
        validation.required_spec_claims.remove("exp");
    }
    let claims = jsonwebtoken::decode::<HashMap<String, Value>>(token, &key.decoding, &validation).ok()?.claims;
    (!claims.contains_key("events")).then_some(claims)
}
