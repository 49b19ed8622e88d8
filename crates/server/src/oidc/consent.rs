//! The consent an app of another vendor (`first_party = false`) must be given before it learns
//! who the person is: the question (a page in the person's language naming the app and what it
//! will be told), its answer posted back with a one-time ticket bound to the browser session and
//! the person, and the consent remembered for that browser session only.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
use axum::Form;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use gatehouse_core::audit::{Event, Outcome};
use gatehouse_core::store::{Account, TokenHash};
use gatehouse_core::text::{Language, Text};
use gatehouse_core::types::AccountId;
use gatehouse_core::{Engine, Error};
use serde::{Deserialize, Serialize};

use super::{admitted, issue_code, to_app, Client, Grant, Oidc, Provider};
use crate::api::{blocking, ApiError, App};
use crate::once::Once;
use crate::pages;
use crate::token::SessionToken;

/// How long a consent question may wait for its answer.
const QUESTION_SECONDS: i64 = 600;

/// How long a consent given is remembered at most (the browser session ends sooner, as a rule:
/// the consent is asked again at each Gatehouse sign-in).
const CONSENT_SECONDS: i64 = 12 * 3600;

/// How a third-party app's request meets the person's consent: the browser session it is
/// asked in, whether to ask again (`prompt=consent`) or not at all (`prompt=none`).
pub(super) struct Asking {
    pub session: TokenHash,
    pub again: bool,
    pub not_now: bool,
}

/// A consent question, and what the page shows with it.
pub(super) struct Question {
    ticket: SessionToken,
    app: String,
    name: String,
    login: String,
    chosen: Option<Language>,
    /// The origin of the app's registered return address, where the answer's redirect goes.
    app_origin: String,
}

impl Question {
    /// The consent page, in the person's language (else the browser's, else the school's).
    pub fn page(&self, headers: &HeaderMap, look: &pages::Look) -> Response {
        let language = look.language_for(headers, self.chosen);
        let say = |text: Text| pages::say(language, text);
        let word = |id: &'static str| pages::word(language, id);
        let title = say(Text::new("sso-consent-title").arg("app", &self.app));
        let body = format!(
            "<h1>{title}</h1><p>{intro}</p><ul><li>{name}</li><li>{login}</li></ul><p>{never}</p>\
             <form method=\"post\" action=\"/oidc/consent\"><input type=\"hidden\" name=\"ticket\" value=\"{ticket}\">\
             <div class=\"actions\"><button class=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">{allow}</button>\
             <button class=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">{deny}</button></div></form>\
             <p class=\"note\">{again}</p>",
            intro = say(Text::new("sso-consent-intro").arg("app", &self.app)),
            name = say(Text::new("sso-consent-name").arg("name", &self.name)),
            login = say(Text::new("sso-consent-login").arg("login", &self.login)),
            never = word("sso-consent-never"),
            ticket = self.ticket.reveal(),
            allow = word("sso-consent-allow"),
            deny = word("sso-consent-deny"),
            again = word("sso-consent-again"),
        );
        // The form's answer is redirected on to the app: browsers hold that redirect to the
        // page's `form-action` too.
        let csp = format!(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' {}; base-uri 'none'; \
             frame-ancestors 'none'",
            self.app_origin
        );
        let mut answer = look.form_page(language, &title, &body);
        if let Ok(value) = HeaderValue::from_str(&csp) {
            answer.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        }
        answer
    }
}

/// Consent questions waiting for their answer: 10 minutes, answered once.
const QUESTIONS: Once = Once::new("gatehouse oidc consent question");

/// Consents given, by browser session and app ([`consent_key`]): the account that gave it.
const CONSENTS: Once = Once::new("gatehouse oidc consent");

/// The key a consent is kept under: the browser session's hash and the app's id.
fn consent_key(session: &TokenHash, client_id: &str) -> String {
    format!("{}\0{client_id}", URL_SAFE_NO_PAD.encode(session.0))
}

/// Forgets the consents given in the browser session `session` (its person signed out).
pub(super) fn forget(engine: &Engine, oidc: &Oidc, session: &TokenHash) -> Result<(), Error> {
    for client in oidc.clients.iter().filter(|c| !c.config.first_party) {
        CONSENTS.forget(engine, &consent_key(session, &client.config.id))?;
    }
    Ok(())
}

/// Whether `account` allowed `client` in the browser session it asks from (never when the app
/// asks to ask again).
pub(super) fn given(engine: &Engine, asking: &Asking, client: &Client, account: &Account) -> Result<bool, Error> {
    let key = consent_key(&asking.session, &client.config.id);
    Ok(!asking.again && CONSENTS.peek::<i64>(engine, &key)? == Some(account.id.0))
}

/// The question whether `account` allows `client` to know who they are, for `grant`.
pub(super) fn ask(
    engine: &Engine,
    asking: &Asking,
    client: &Client,
    account: &Account,
    grant: Grant,
    state: Option<String>,
) -> Result<Question, Error> {
    let app_origin = url::Url::parse(&grant.redirect_uri).map(|u| u.origin().ascii_serialization()).unwrap_or_default();
    let pending = Pending { grant, state, session: asking.session.0 };
    Ok(Question {
        app_origin,
        ticket: QUESTIONS.issue(engine, &pending, QUESTION_SECONDS)?,
        app: client.config.name.clone(),
        name: account.name.as_str().to_owned(),
        login: account.login.as_str().to_owned(),
        chosen: account.language,
    })
}

/// A consent question's request, sealed until answered.
#[derive(Serialize, Deserialize)]
struct Pending {
    grant: Grant,
    state: Option<String>,
    /// The browser session it was asked in: only that one answers it.
    session: [u8; 32],
}

/// A question's request, and the code for the app (`None`: not allowed, or not for the
/// person any more).
type Answer = (Pending, Option<SessionToken>);

/// The consent page's form.
#[derive(Deserialize)]
pub(super) struct ConsentForm {
    ticket: Option<String>,
    decision: Option<String>,
}

/// `POST /oidc/consent`: the person's answer to a consent question, from the page itself
/// (`Origin` this server's, `Sec-Fetch-Site` same-origin when sent) in the browser session it
/// was asked in, by the person it was asked of. Allowed: remembered for the session, and the app
/// gets its code; not allowed: the app hears `access_denied`. Either is audited.
pub(super) async fn answered(
    State(app): State<Arc<App>>,
    axum::Extension(oidc): Provider,
    headers: HeaderMap,
    Form(form): Form<ConsentForm>,
) -> Result<Response, ApiError> {
    let expired = |why: &str| {
        tracing::warn!(why, "a consent answer was refused");
        oidc.refused(&headers, "sso-consent-expired")
    };
    if !crate::web::from_own_page(&headers, &oidc.issuer) {
        return Ok(expired("it did not come from the consent page"));
    }
    let allow = match form.decision.as_deref() {
        Some("allow") => true,
        Some("deny") => false,
        _ => return Err(ApiError::BadRequest),
    };
    let (Some(ticket), Ok((session, _)), Some(crate::web::SignedIn { account, .. })) =
        (form.ticket, crate::web::cookie_session(&headers), crate::web::signed_in(&app, &headers).await?)
    else {
        return Ok(expired("nobody is signed in in this browser"));
    };
    let (engine, oidc2) = (Arc::clone(app.sessions.engine()), Arc::clone(&oidc));
    let spent = blocking(move || spend(&engine, &oidc2, &ticket, allow, &session, account)).await?;
    let (pending, decision) = match spent {
        Ok(answered) => answered,
        Err(why) => return Ok(expired(why)),
    };
    app.metrics.single_sign_on(&pending.grant.client_id, if decision.is_some() { "code" } else { "access_denied" });
    let (redirect_uri, state) = (pending.grant.redirect_uri.as_str(), pending.state.as_deref());
    Ok(match decision {
        Some(code) => to_app(&oidc, redirect_uri, state, &[("code", code.reveal())]),
        None => to_app(
            &oidc,
            redirect_uri,
            state,
            &[("error", "access_denied"), ("error_description", "the person did not allow this app")],
        ),
    })
}

/// Spends the consent question `ticket` answered `allow` in the browser session `session` by
/// `account`: its request and the code (`None`: not allowed, or no longer for the account); or
/// why the answer counts for nothing (for the log).
fn spend(
    engine: &Engine,
    oidc: &Oidc,
    ticket: &str,
    allow: bool,
    session: &TokenHash,
    account: AccountId,
) -> Result<Result<Answer, &'static str>, Error> {
    let pending: Pending = match QUESTIONS.take(engine, ticket)? {
        Ok(pending) => pending,
        Err(why) => return Ok(Err(why)),
    };
    if pending.session != session.0 || pending.grant.account != account.0 {
        return Ok(Err("it was asked in another browser session or of another person"));
    }
    let client = oidc.client(&pending.grant.client_id).ok_or_else(|| Error::Internal("the app went away".into()))?;
    let Some(person) = admitted(engine, client, account)? else { return Ok(Ok((pending, None))) };
    let login = person.login.as_str();
    let app = format!("{} ({})", client.config.name, client.config.id);
    if !allow {
        let detail = format!("{app}: the person did not allow it");
        engine.store().append_audit(&engine.record(login, login, Event::SingleSignOn, Outcome::Refused, detail))?;
        return Ok(Ok((pending, None)));
    }
    CONSENTS.keep(engine, &consent_key(session, &client.config.id), &account.0, CONSENT_SECONDS)?;
    let detail = format!("{app}: the person allowed it to know their name and login ID");
    engine.store().append_audit(&engine.record(login, login, Event::SingleSignOn, Outcome::Ok, detail))?;
    let code = issue_code(engine, client, &person, pending.grant.clone())?;
    Ok(Ok((pending, Some(code))))
}
