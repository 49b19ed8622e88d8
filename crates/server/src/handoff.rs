//! Handing a window's signed-in session to the browser (issue 18 §4): one Gatehouse sign-in for
//! the apps a person opens from the dashboard. The window (the desktop app as a thin client, or
//! a kiosk) asks for a one-time address for one of its dashboard's apps and opens it in the
//! browser — the machine's, or the kiosk's own app window —, which arrives signed in as the same
//! person and goes on to the app, where single sign-on needs no second sign-in.
//!
//! - `POST /v1/session/browser` `{"app": ID}`, with the window's bearer token (and device
//!   credential): `201 {"url": ".../web/v1/hand-off?code=…"}` when the session is on the
//!   workspace dashboard and `ID` is one of its apps; `404` otherwise (the window then opens the
//!   app's own address).
//! - `GET /web/v1/hand-off?code=…`: a page that names the person the window is signed in as
//!   ("Continue as …"), changing nothing: someone sent another person's address (a classmate's,
//!   to have their work land in the sender's account) sees whose it is and stops there.
//! - `POST /web/v1/hand-off` (that page's form, from Gatehouse's own origin only): spends the
//!   code (60 s, once, on any server process), opens the browser's session as a copy of the
//!   window's, sets its cookie and sends the browser on to the app's address the dashboard named
//!   (never one the request names). An unknown, spent or expired code goes to the sign-in page.
//!
//! The browser's session is tied to the window's (`sessions::Holder`): it lives only while that
//! one is signed in as the same person, so the window's sign-out, the kiosk's idle wipe and the
//! window's idle time on the server end it too; signing out in the browser ends the window's.
//! Which browser sessions a window handed is kept (`Sessions::hand_to_browser`), so that the
//! window's sign-out and the kiosk's idle wipe reach the apps signed in from them, as a sign-out
//! in the browser does (`App::window_signed_out`: back-channel logout).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Json};
use gatehouse_core::audit::{Event, Outcome};
use gatehouse_core::text::Text;
use serde::{Deserialize, Serialize};
use serde_json::json;
use zeroize::Zeroizing;

use crate::api::{blocking, token_hash, ApiError, App};
use crate::devices::caller;
use crate::once::Once;
use crate::sessions::{hash_of_text, hash_text};
use crate::web::{cookie_for, Web};

/// Hand-off codes: a minute, once.
const HAND_OFFS: Once = Once::new("gatehouse browser hand-off");
const HAND_OFF_SECONDS: i64 = 60;

/// What a code stands for: the window's session (its token hash) and the app's address.
#[derive(Serialize, Deserialize)]
struct HandOff {
    window: String,
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ask {
    app: String,
}

/// `POST /v1/session/browser`: a one-time address that opens `app` in the browser, signed in.
pub async fn issue(
    State(app): State<Arc<App>>,
    Extension(web): Extension<Arc<Web>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let hash = token_hash(&headers)?;
    let device = caller(&app, &headers).await?.map(|d| d.id);
    let ask: Ask = serde_json::from_slice(&body).map_err(|_| ApiError::BadRequest)?;
    let app2 = Arc::clone(&app);
    let code = blocking(move || {
        let Some(url) = app2.sessions.dashboard_app(&hash, device, &ask.app)? else { return Ok(None) };
        let hand_off = HandOff { window: hash_text(&hash), url };
        HAND_OFFS.issue(app2.sessions.engine(), &hand_off, HAND_OFF_SECONDS).map(Some)
    })
    .await?
    .ok_or(ApiError::NotFound)?;
    let url = format!("{}/web/v1/hand-off?code={}", web.origin(), code.reveal());
    Ok((StatusCode::CREATED, Json(json!({ "url": url }))).into_response())
}

/// Whom a hand-off code would sign in, and the app it goes on to (the code is not spent).
fn handed_person(
    app: &App,
    code: &str,
) -> Result<Option<(gatehouse_core::store::Account, String)>, gatehouse_core::Error> {
    if code.is_empty() || code.len() > 128 {
        return Ok(None);
    }
    let Some(hand_off) = HAND_OFFS.peek::<HandOff>(app.sessions.engine(), code)? else { return Ok(None) };
    let Some(window) = hash_of_text(&hand_off.window) else { return Ok(None) };
    let Some(account) = app.sessions.window_account(&window)? else { return Ok(None) };
    Ok(app.sessions.engine().store().account(account)?.map(|a| (a, hand_off.url)))
}

/// `GET /web/v1/hand-off?code=…`: "Continue as …", naming whom the window is signed in as and
/// the app; its form posts the code back (see [`redeem`]). Nothing is spent or set here.
pub async fn ask(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let code = Zeroizing::new(query.get("code").cloned().unwrap_or_default());
    let shared = Arc::clone(&app);
    let looked = Zeroizing::new(code.to_string());
    let Some((person, url)) = blocking(move || handed_person(&shared, &looked)).await? else {
        tracing::warn!("a browser hand-off address that opens nothing; the browser goes to the sign-in page");
        let mut answer = Redirect::to("/").into_response();
        crate::pages::no_store(&mut answer);
        return Ok(answer);
    };
    let look = crate::pages::Look::of(app.sessions.engine().config());
    let language = look.language_for(&headers, person.language);
    let name = person.name.as_str();
    let to = url::Url::parse(&url).ok().and_then(|u| u.host_str().map(str::to_owned)).unwrap_or_default();
    let say = |id: &'static str| crate::pages::say(language, Text::new(id).arg("name", name).arg("app", to.as_str()));
    let title = say("sso-handoff-title");
    let body = format!(
        "<h1>{title}</h1><p>{ask}</p><form method=\"post\" action=\"/web/v1/hand-off\">\
         <input type=\"hidden\" name=\"code\" value=\"{code}\">\
         <div class=\"actions\"><button class=\"allow\" type=\"submit\">{button}</button>\
         <a class=\"deny\" href=\"/\">{not_me}</a></div></form>",
        ask = say("sso-handoff-ask"),
        code = crate::pages::escape(&code),
        button = say("sso-handoff-button"),
        not_me = say("sso-handoff-not-me"),
    );
    Ok(look.form_page(language, &title, &body))
}

#[derive(Deserialize)]
pub struct Continue {
    code: Option<String>,
}

/// `POST /web/v1/hand-off`: the "Continue as …" page's form — from Gatehouse's own origin
/// only, so no other site can sign a browser in as someone — spends the code: the browser's
/// session, signed in, and on to the app.
pub async fn redeem(
    State(app): State<Arc<App>>,
    Extension(web): Extension<Arc<Web>>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<Continue>,
) -> Result<Response, ApiError> {
    if !crate::web::from_own_page(&headers, web.origin()) {
        tracing::warn!("a browser hand-off was posted from outside its page: refused");
        return Ok((StatusCode::FORBIDDEN, "This address must be opened from Gatehouse's own page.").into_response());
    }
    let code = Zeroizing::new(form.code.unwrap_or_default());
    let handed = blocking(move || {
        if code.is_empty() || code.len() > 128 {
            return Ok(Err("no code"));
        }
        let hand_off: HandOff = match HAND_OFFS.take(app.sessions.engine(), &code)? {
            Ok(hand_off) => hand_off,
            Err(why) => return Ok(Err(why)),
        };
        let Some(window) = hash_of_text(&hand_off.window) else { return Ok(Err("a malformed hand-off")) };
        Ok(match app.sessions.hand_to_browser(&window)? {
            Some((cookie, account)) => {
                let engine = app.sessions.engine();
                if let Some(account) = engine.store().account(account)? {
                    let login = account.login.as_str();
                    let detail = format!("to the browser, on to {}", hand_off.url);
                    let record = engine.record(login, login, Event::SessionHandedOff, Outcome::Ok, detail);
                    engine.store().append_audit(&record)?;
                }
                Ok((cookie, hand_off.url))
            }
            None => Err("the window's session ended or left the dashboard"),
        })
    })
    .await?;
    let mut answer = match handed {
        Ok((cookie, url)) => {
            tracing::info!("a window's session was handed to the browser");
            let mut answer = Redirect::to(&url).into_response();
            answer.headers_mut().insert(header::SET_COOKIE, cookie_for(&cookie));
            answer
        }
        Err(why) => {
            tracing::warn!(why, "a browser hand-off was refused; the browser goes to the sign-in page");
            Redirect::to("/").into_response()
        }
    };
    crate::pages::no_store(&mut answer);
    Ok(answer)
}
