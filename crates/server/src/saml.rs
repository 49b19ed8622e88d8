//! Gatehouse as a SAML 2.0 identity provider (issue 18 §1), for the apps that speak SAML —
//! Google Workspace's third-party single sign-on above all (the staff guide's Section 3: the app
//! redirects, the person signs in at Gatehouse, and lands back in the app).
//!
//! - `GET /saml/metadata`: the provider's metadata (entity id, signing certificate, the
//!   single sign-on service), what an app is configured from.
//! - `GET /saml/sso` (HTTP-Redirect binding): an app's `AuthnRequest`, from a registered app
//!   (its `Issuer`), naming its registered assertion consumer service if any, at most fifteen
//!   minutes old and answered once. A browser not yet through iCON's door is sent to the sign-in
//!   page, which comes back here; one that is gets a signed `Response` posted to the app
//!   (HTTP-POST binding) with `InResponseTo`, the audience and recipient of the app, and
//!   `assertion_minutes` of validity.
//! - `GET /saml/start?app=ENTITY_ID`: the same without a request (IdP-initiated, from a
//!   dashboard's tile).
//! - `GET /saml/signed-out?app=ENTITY_ID`: where an app that cannot tell Gatehouse of its own
//!   sign-out sends the person after it (Google Workspace's "Sign-out page URL"): someone still
//!   signed in to Gatehouse in this browser is asked to sign out here too, by a form posted back
//!   from this page (`POST /saml/signed-out`, from Gatehouse's own origin only).
//!
//! Responses are built with samael's schema and signed by xmlsec1 (RSA-SHA256 over a SHA-256
//! digest, enveloped, the `Response` element); the NameID is the login ID, which is the person's
//! iCON address, and the `AuthnInstant` when they last proved who they are. An app that is not
//! `for` the person (a student at a staff app) is refused and audited. A request's `ForceAuthn`
//! has the person sign in afresh (`web::sign_in_afresh`), its `IsPassive` is answered
//! `NoPassive` where a page would be needed, and its `Subject`, if any, must be the person.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chrono::{Duration, Utc};
use gatehouse_core::audit::{Event, Outcome};
use gatehouse_core::config::{Audience, Config, SamlApp};
use gatehouse_core::store::{Account, SessionKind, TokenHash};
use gatehouse_core::text::{Language, Text};
use gatehouse_core::{Engine, Error};
use samael::crypto::{CertificateDer, Crypto, CryptoProvider};
use samael::idp::response_builder::build_response_template;
use samael::schema::{AuthnRequest, Status, StatusCode};
use samael::signature::DigestAlgorithm;
use samael::traits::ToXml;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::api::{blocking, ApiError, App};
use crate::pages::{self, escape};

/// How old an app's request may be when it is answered, either way (clocks differ a little):
/// long enough for a pupil's first sign-in — questions, a new password, the terms — between the
/// app's request and Gatehouse's answer. The request is no credential (each is answered once);
/// the assertion's own validity stays short (`assertion_minutes`).
const REQUEST_MAX_AGE_SECONDS: i64 = 900;

/// The provider, read and checked at start.
pub struct Saml {
    /// `[server] public_url`'s origin: the only one the signed-out page's form is taken from.
    origin: String,
    entity_id: String,
    sso_url: String,
    certificate: CertificateDer,
    /// The RSA private key, DER (PKCS#1), wiped when the server stops.
    key: Zeroizing<Vec<u8>>,
    assertion_seconds: i64,
    apps: Vec<SamlApp>,
    /// The school's look and default language, for its pages.
    look: pages::Look,
}

impl Saml {
    /// The provider of `config` (`None` when no app is registered).
    pub fn load(config: &Config, base: &Path) -> Result<Option<Self>, Error> {
        let saml = &config.saml;
        if saml.apps.is_empty() {
            return Ok(None);
        }
        let origin = crate::web::sign_in_origin(config, "saml")?;
        let bad =
            |what: &str, file: &Path, why: String| Error::Config(format!("saml.{what} {}: {why}", file.display()));
        let cert_file = base.join(saml.signing_certificate.trim());
        let cert_pem = std::fs::read(&cert_file)
            .map_err(|e| bad("signing_certificate", &cert_file, format!("cannot be read: {e}")))?;
        let cert = openssl::x509::X509::from_pem(&cert_pem)
            .and_then(|c| c.to_der())
            .map_err(|e| bad("signing_certificate", &cert_file, format!("not a PEM certificate: {e}")))?;
        let key_file = base.join(saml.signing_key.trim());
        let key_pem = Zeroizing::new(
            std::fs::read(&key_file).map_err(|e| bad("signing_key", &key_file, format!("cannot be read: {e}")))?,
        );
        let key = openssl::pkey::PKey::private_key_from_pem(&key_pem)
            .and_then(|k| k.rsa())
            .and_then(|rsa| rsa.private_key_to_der())
            .map_err(|e| bad("signing_key", &key_file, format!("not an RSA private key in PEM: {e}")))?;
        Ok(Some(Self {
            origin: origin.clone(),
            entity_id: format!("{origin}/saml/metadata"),
            sso_url: format!("{origin}/saml/sso"),
            certificate: CertificateDer::from(cert),
            key: Zeroizing::new(key),
            assertion_seconds: i64::from(saml.assertion_minutes) * 60,
            apps: saml.apps.clone(),
            look: pages::Look::of(config),
        }))
    }

    fn app(&self, entity_id: &str) -> Option<&SamlApp> {
        self.apps.iter().find(|a| a.entity_id == entity_id)
    }

    /// The name of the app a `/saml/sso?…` or `/saml/start?…` request comes from or goes to,
    /// when it is registered (what the sign-in page says the person is signing in to).
    pub fn app_waiting(&self, path: &str, query: &str) -> Option<String> {
        let pairs: std::collections::HashMap<String, String> =
            url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let entity_id = match path {
            "/saml/sso" => decode_request(pairs.get("SAMLRequest")?)?.issuer?.value?,
            "/saml/start" => pairs.get("app")?.clone(),
            _ => return None,
        };
        self.app(&entity_id).map(|a| a.name.clone())
    }

    /// The page that says nobody is signed in to Gatehouse in this browser (any more).
    fn signed_out_page(&self, headers: &HeaderMap, chosen: Option<Language>) -> Response {
        let language = self.look.language_for(headers, chosen);
        let title = pages::word(language, "sso-signed-out-title");
        let body = format!("<h1>{title}</h1><p id=\"signed-out\">{}</p>", pages::word(language, "sso-signed-out-done"));
        self.look.page(language, &title, &body)
    }

    /// A refusal page in the browser's language (or the school's).
    fn refused(&self, headers: &HeaderMap, reason: &'static str) -> Response {
        self.look.refused(self.look.language_for(headers, None), reason)
    }
}

pub fn routes(saml: Arc<Saml>) -> Router<Arc<App>> {
    Router::new()
        .route("/saml/metadata", get(metadata))
        .route("/saml/sso", get(sso))
        .route("/saml/start", get(start))
        .route("/saml/post.js", get(post_script))
        .route("/saml/signed-out", get(signed_out).post(sign_out_too))
        .layer(axum::Extension(saml))
}

type Provider = axum::Extension<Arc<Saml>>;

async fn metadata(axum::Extension(saml): Provider) -> Response {
    let cert = STANDARD.encode(saml.certificate.der_data());
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{id}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{sso}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
"#,
        id = escape(&saml.entity_id),
        sso = escape(&saml.sso_url),
    );
    ([(header::CONTENT_TYPE, "application/samlmetadata+xml")], xml).into_response()
}

#[derive(Deserialize)]
struct SsoQuery {
    #[serde(rename = "SAMLRequest")]
    request: Option<String>,
    #[serde(rename = "RelayState")]
    relay_state: Option<String>,
}

/// The `AuthnRequest` of an HTTP-Redirect binding: base64 of raw DEFLATE.
fn decode_request(encoded: &str) -> Option<AuthnRequest> {
    use std::io::Read;
    let deflated = STANDARD.decode(encoded.trim()).ok()?;
    let mut xml = String::new();
    flate2::read::DeflateDecoder::new(deflated.as_slice()).take(64 * 1024).read_to_string(&mut xml).ok()?;
    AuthnRequest::from_str(&xml).ok()
}

/// The sign-in page, which comes back to `uri` once the person is through iCON's door.
fn to_sign_in(uri: &axum::http::Uri) -> Response {
    let back = uri.path_and_query().map_or("/saml/sso", |pq| pq.as_str());
    let query = url::form_urlencoded::Serializer::new(String::new()).append_pair("continue", back).finish();
    Redirect::to(&format!("/?{query}")).into_response()
}

/// `GET /saml/sso`: an app's request (SP-initiated sign-in).
async fn sso(
    State(app): State<Arc<App>>,
    axum::Extension(saml): Provider,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Query(q): Query<SsoQuery>,
) -> Result<Response, ApiError> {
    let Some(request) = q.request.as_deref().and_then(decode_request) else {
        return Ok(saml.refused(&headers, "sso-refused-saml-request"));
    };
    let issuer = request.issuer.as_ref().and_then(|i| i.value.clone()).unwrap_or_default();
    let Some(sp) = saml.app(&issuer) else {
        return Ok(saml.refused(&headers, "sso-refused-unregistered"));
    };
    if request.assertion_consumer_service_url.as_ref().is_some_and(|u| *u != sp.acs_url) {
        return Ok(saml.refused(&headers, "sso-refused-saml-acs"));
    }
    let age = Utc::now().signed_duration_since(request.issue_instant).num_milliseconds();
    if !(-REQUEST_MAX_AGE_SECONDS * 1000..=REQUEST_MAX_AGE_SECONDS * 1000).contains(&age) {
        return Ok(saml.refused(&headers, "sso-refused-saml-age"));
    }
    if request.id.is_empty() || request.id.len() > 256 {
        return Ok(saml.refused(&headers, "sso-refused-saml-id"));
    }
    let asked = Asked {
        sp: sp.clone(),
        in_response_to: Some(request.id.clone()),
        relay_state: q.relay_state,
        force: request.force_authn == Some(true),
        passive: request.is_passive == Some(true),
        subject: request.subject.and_then(|s| s.name_id).map(|n| n.value),
    };
    answer(&app, &saml, &headers, &uri, asked).await
}

/// What an app asked for (or, IdP-initiated, what is sent to it unasked).
struct Asked {
    sp: SamlApp,
    in_response_to: Option<String>,
    relay_state: Option<String>,
    /// `ForceAuthn`: a sign-in before the request is not relied on (Core §3.4.1).
    force: bool,
    /// `IsPassive`: no page of Gatehouse's may be shown; what needs one is answered `NoPassive`.
    passive: bool,
    /// The person the app asks about (`<Subject><NameID>`): anyone else is refused.
    subject: Option<String>,
}

impl Asked {
    /// Whom an app's request may be answered for, and the answer's details.
    fn unasked(sp: SamlApp) -> Self {
        Self { sp, in_response_to: None, relay_state: None, force: false, passive: false, subject: None }
    }
}

/// The sign-in page for a browser not yet through iCON's door; else the signed response posted
/// to the app, or the refusal.
async fn answer(
    app: &Arc<App>,
    saml: &Arc<Saml>,
    headers: &HeaderMap,
    uri: &axum::http::Uri,
    asked: Asked,
) -> Result<Response, ApiError> {
    let person = match crate::web::signed_in(app, headers).await? {
        None if asked.passive => None,
        None => return Ok(to_sign_in(uri)),
        Some(person) if asked.force => {
            let request = uri.path_and_query().map_or("/saml/sso", |pq| pq.as_str());
            if asked.passive {
                // Signing in afresh needs the page.
                None
            } else if let Some(sign_in) =
                crate::web::sign_in_afresh(app, headers, &saml.look, &asked.sp.name, request, person).await?
            {
                return Ok(sign_in);
            } else {
                Some(person)
            }
        }
        Some(person) => Some(person),
    };
    let (engine, saml2) = (Arc::clone(app.sessions.engine()), Arc::clone(saml));
    let Asked { sp, in_response_to, relay_state, subject, .. } = asked;
    let made = blocking(move || match person {
        Some(person) => respond(&engine, &saml2, &sp, person, in_response_to, subject.as_deref()),
        None => respond_no_passive(&engine, &saml2, &sp, in_response_to),
    })
    .await?;
    Ok(match made {
        Made::Posted { response, acs, chosen } => {
            post_page(saml.look.language_for(headers, chosen), &acs, &response, relay_state.as_deref())
        }
        Made::Refused(reason, chosen) => saml.look.refused(saml.look.language_for(headers, chosen), reason),
    })
}

#[derive(Deserialize)]
struct StartQuery {
    app: Option<String>,
}

/// `GET /saml/start?app=ENTITY_ID`: IdP-initiated sign-in to a registered app.
async fn start(
    State(app): State<Arc<App>>,
    axum::Extension(saml): Provider,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Query(q): Query<StartQuery>,
) -> Result<Response, ApiError> {
    let Some(sp) = q.app.as_deref().and_then(|id| saml.app(id)).cloned() else {
        return Ok(saml.refused(&headers, "sso-refused-unregistered"));
    };
    answer(&app, &saml, &headers, &uri, Asked::unasked(sp)).await
}

/// The person signed in to Gatehouse in the request's browser, whatever their screen.
async fn browser_person(app: &Arc<App>, headers: &HeaderMap) -> Result<Option<Account>, ApiError> {
    let Ok((hash, holder)) = crate::web::cookie_session(headers) else { return Ok(None) };
    let app = Arc::clone(app);
    blocking(move || {
        let Some(id) = app.sessions.signed_in_account(&hash, holder)? else { return Ok(None) };
        app.sessions.engine().store().account(id)
    })
    .await
}

/// `GET /saml/signed-out?app=ENTITY_ID`: after the app's own sign-out. Someone still signed in
/// here is asked to sign out of Gatehouse too (on a computer others use, the next person would
/// otherwise be signed in to every app as them); otherwise the page says they have signed out.
async fn signed_out(
    State(app): State<Arc<App>>,
    axum::Extension(saml): Provider,
    headers: HeaderMap,
    Query(q): Query<StartQuery>,
) -> Result<Response, ApiError> {
    let Some(person) = browser_person(&app, &headers).await? else {
        return Ok(saml.signed_out_page(&headers, None));
    };
    let language = saml.look.language_for(&headers, person.language);
    let say = |text: Text| pages::say(language, text);
    let title = match q.app.as_deref().and_then(|id| saml.app(id)) {
        Some(sp) => say(Text::new("sso-signed-out-of").arg("app", &sp.name)),
        None => pages::word(language, "sso-signed-out-of-the-app"),
    };
    let body = format!(
        "<h1>{title}</h1><p>{still}</p><form method=\"post\" action=\"/saml/signed-out\">\
         <div class=\"actions\"><button class=\"allow\" type=\"submit\">{button}</button>\
         <a class=\"deny\" href=\"/\">{stay}</a></div></form>",
        still = say(Text::new("sso-signed-out-still").arg("name", person.name.as_str())),
        button = pages::word(language, "sso-signed-out-button"),
        stay = pages::word(language, "sso-signed-out-stay"),
    );
    Ok(saml.look.form_page(language, &title, &body))
}

/// `POST /saml/signed-out`: the signed-out page's form — from Gatehouse's own origin only, so no
/// other site signs people out — signs the browser's person out of Gatehouse (audited, the apps
/// signed in from this browser told by back-channel logout, a window it was handed from ended).
async fn sign_out_too(
    State(app): State<Arc<App>>,
    axum::Extension(saml): Provider,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !crate::web::from_own_page(&headers, &saml.origin) {
        return Ok(saml.refused(&headers, "sso-refused-sign-out-elsewhere"));
    }
    let mut chosen = None;
    if let Ok((hash, holder)) = crate::web::cookie_session(&headers) {
        // One load of the session: whom it ends for, and the language they chose for the page.
        let shared = Arc::clone(&app);
        let ended = blocking(move || {
            let Some((_, Some(account))) = shared.sessions.end(&hash, holder)? else { return Ok(None) };
            let language = shared.sessions.engine().store().account(account)?.and_then(|person| person.language);
            Ok(Some((account, language)))
        })
        .await?;
        if let Some((account, language)) = ended {
            chosen = language;
            app.browser_signed_out((hash, holder), account, None).await;
        }
    }
    let mut page = saml.signed_out_page(&headers, chosen);
    page.headers_mut().insert(header::SET_COOKIE, crate::web::removed_cookie());
    Ok(page)
}

enum Made {
    /// The signed response (base64), where it goes, and the language the person chose.
    Posted { response: String, acs: String, chosen: Option<Language> },
    /// Why not (an id of `sso.ftl`), and the language the person chose.
    Refused(&'static str, Option<Language>),
}

/// The label under which an answered request's ID is kept: no session token hashes to it.
fn answered_hash(app: &str, request_id: &str) -> TokenHash {
    let mut hasher = Sha256::new();
    hasher.update(b"gatehouse saml request\0");
    hasher.update(app.as_bytes());
    hasher.update(b"\0");
    hasher.update(request_id.as_bytes());
    TokenHash(hasher.finalize().into())
}

/// Marks the request `in_response_to` of `sp` answered (`false`: it was already).
fn answer_once(engine: &Engine, sp: &SamlApp, in_response_to: Option<&str>) -> Result<bool, Error> {
    let Some(id) = in_response_to else { return Ok(true) };
    let hash = answered_hash(&sp.entity_id, id);
    let now = engine.now();
    if engine.store().session(&hash, now)?.is_some() {
        return Ok(false);
    }
    // Kept past the last moment the request is accepted at all: its `IssueInstant` may lie
    // `REQUEST_MAX_AGE_SECONDS` ahead of this server's clock and is accepted until as long
    // after it (and a second more, for rounding).
    engine.store().create_session(&hash, SessionKind::Person, None, b"answered", now, now + ANSWERED_SECONDS)?;
    Ok(true)
}

/// How long an answered request's ID is kept (see [`answer_once`]).
const ANSWERED_SECONDS: i64 = 2 * REQUEST_MAX_AGE_SECONDS + 60;

/// The signed `Response` that says no person is vouched for: an app asked Gatehouse to show
/// no page (`IsPassive`) where one was needed — the status `Responder`/`NoPassive` (Core
/// §3.2.2.2), posted to the app like any answer.
fn respond_no_passive(
    engine: &Engine,
    saml: &Saml,
    sp: &SamlApp,
    in_response_to: Option<String>,
) -> Result<Made, Error> {
    if !answer_once(engine, sp, in_response_to.as_deref())? {
        return Ok(Made::Refused("sso-refused-saml-replayed", None));
    }
    let mut response = build_response_template(
        &saml.certificate,
        "",
        &sp.entity_id,
        &saml.entity_id,
        &sp.acs_url,
        in_response_to.as_deref().unwrap_or(""),
        &[],
    );
    response.in_response_to = in_response_to;
    response.assertion = None;
    response.status = Some(Status {
        status_code: StatusCode { value: Some(RESPONDER.into()) },
        status_message: None,
        status_detail: None,
    });
    // samael's StatusCode holds no second-level code: nested here, in its own output.
    let top = format!(r#"<saml2p:StatusCode Value="{RESPONDER}"/>"#);
    let nested = format!(
        r#"<saml2p:StatusCode Value="{RESPONDER}"><saml2p:StatusCode Value="{NO_PASSIVE}"/></saml2p:StatusCode>"#
    );
    let unsigned = to_xml(&mut response)?;
    if unsigned.matches(&top).count() != 1 {
        return Err(Error::Internal("a SAML NoPassive response: its status code was not written as expected".into()));
    }
    let signed = sign(saml, &unsigned.replacen(&top, &nested, 1))?;
    tracing::info!(app = sp.entity_id, "SAML: a passive request answered NoPassive");
    Ok(Made::Posted { response: STANDARD.encode(signed.as_bytes()), acs: sp.acs_url.clone(), chosen: None })
}

const RESPONDER: &str = "urn:oasis:names:tc:SAML:2.0:status:Responder";
const NO_PASSIVE: &str = "urn:oasis:names:tc:SAML:2.0:status:NoPassive";

/// `response` as XML, its signature's digest SHA-256 (samael's template names SHA-1, which
/// XML Signature 1.1 discourages and NIST SP 800-131A disallows for signing).
fn to_xml(response: &mut samael::schema::Response) -> Result<String, Error> {
    for signature in response.signature.iter_mut() {
        for reference in &mut signature.signed_info.reference {
            reference.digest_method.algorithm = DigestAlgorithm::Sha256;
        }
    }
    response.to_string().map_err(|e| Error::Internal(format!("a SAML response: {e}")))
}

/// The enveloped signature of the `Response` element, by xmlsec1.
fn sign(saml: &Saml, unsigned: &str) -> Result<String, Error> {
    Crypto::sign_xml(unsigned, &saml.key).map_err(|e| Error::Internal(format!("signing a SAML response: {e}")))
}

/// The signed response for `person` at `sp` (answering `in_response_to` once), audited; or
/// why not: among others, a request about someone else (`subject`).
fn respond(
    engine: &Engine,
    saml: &Saml,
    sp: &SamlApp,
    person: crate::web::SignedIn,
    in_response_to: Option<String>,
    subject: Option<&str>,
) -> Result<Made, Error> {
    let Some(account) = engine.store().account(person.account)?.filter(|a| !a.disabled && !a.is_locked()) else {
        return Ok(Made::Refused("sso-refused-signed-out", None));
    };
    let login = account.login.as_str().to_owned();
    if subject.is_some_and(|asked| !asked.trim().eq_ignore_ascii_case(&login)) {
        let detail = format!("{} ({}): the app asked about another person", sp.name, sp.entity_id);
        engine.store().append_audit(&engine.record(&login, &login, Event::SingleSignOn, Outcome::Refused, detail))?;
        return Ok(Made::Refused("sso-refused-saml-subject", account.language));
    }
    let audience = Audience::of(account.kind, account.level);
    if !sp.audiences.iter().any(|a| a == audience.as_str()) {
        let detail = format!("{} ({}): not for {}", sp.name, sp.entity_id, audience.as_str());
        engine.store().append_audit(&engine.record(&login, &login, Event::SingleSignOn, Outcome::Refused, detail))?;
        return Ok(Made::Refused("sso-refused-not-for-you", account.language));
    }
    // Answered once: a replayed request (its ID already answered) gets nothing.
    if !answer_once(engine, sp, in_response_to.as_deref())? {
        return Ok(Made::Refused("sso-refused-saml-replayed", account.language));
    }
    let mut response = build_response_template(
        &saml.certificate,
        &login,
        &sp.entity_id,
        &saml.entity_id,
        &sp.acs_url,
        in_response_to.as_deref().unwrap_or(""),
        &[],
    );
    let now = Utc::now();
    let until = now + Duration::seconds(saml.assertion_seconds);
    response.in_response_to = in_response_to.clone();
    if let Some(assertion) = response.assertion.as_mut() {
        if let Some(conditions) = assertion.conditions.as_mut() {
            conditions.not_before = Some(now - Duration::seconds(30));
            conditions.not_on_or_after = Some(until);
        }
        if let Some(subject) = assertion.subject.as_mut() {
            if let Some(name_id) = subject.name_id.as_mut() {
                name_id.format = Some("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress".into());
            }
            for confirmation in subject.subject_confirmations.iter_mut().flatten() {
                if let Some(data) = confirmation.subject_confirmation_data.as_mut() {
                    data.not_on_or_after = Some(until);
                    data.in_response_to = in_response_to.clone();
                }
            }
        }
        for statement in assertion.authn_statements.iter_mut().flatten() {
            // When the person proved who they are (Core §2.7.2), not when this answer was made.
            statement.authn_instant = chrono::DateTime::from_timestamp(person.proved_at, 0);
            statement.session_index = Some(assertion.id.clone());
            if let Some(class) = statement.authn_context.as_mut().and_then(|c| c.value.as_mut()) {
                class.value = Some("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport".into());
            }
        }
        assertion.attribute_statements = None;
    }
    let signed = sign(saml, &to_xml(&mut response)?)?;
    let detail = format!("{} ({})", sp.name, sp.entity_id);
    engine.store().append_audit(&engine.record(&login, &login, Event::SingleSignOn, Outcome::Ok, detail))?;
    Ok(Made::Posted { response: STANDARD.encode(signed.as_bytes()), acs: sp.acs_url.clone(), chosen: account.language })
}

/// The HTTP-POST binding: a form to the app's assertion consumer service, sent by a script of
/// ours (or by the button without script). Its content security policy lets the form go to
/// that service's origin only.
fn post_page(language: Language, acs: &str, response: &str, relay_state: Option<&str>) -> Response {
    let relay = relay_state
        .map_or(String::new(), |r| format!(r#"<input type="hidden" name="RelayState" value="{}">"#, escape(r)));
    let body = format!(
        r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<script src="/saml/post.js" defer></script></head><body>
<form id="saml" method="post" action="{acs}"><input type="hidden" name="SAMLResponse" value="{response}">{relay}
<noscript><p>{press}</p></noscript><button type="submit">{button}</button></form>
</body></html>"#,
        lang = language.code(),
        title = pages::word(language, "sso-saml-title"),
        press = pages::word(language, "sso-saml-continue"),
        button = pages::word(language, "sso-saml-button"),
        acs = escape(acs),
    );
    let origin = url::Url::parse(acs).map(|u| u.origin().ascii_serialization()).unwrap_or_default();
    let csp =
        format!("default-src 'none'; script-src 'self'; form-action {origin}; base-uri 'none'; frame-ancestors 'none'");
    let mut answer = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    if let Ok(value) = HeaderValue::from_str(&csp) {
        answer.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    }
    pages::no_store(&mut answer);
    answer
}

/// The script that sends the POST binding's form (inline script is not allowed).
async fn post_script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], "document.getElementById('saml').submit();\n")
        .into_response()
}
