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
//! - `GET /web/v1/hand-off?code=…`: spends the code (60 s, once, on any server process), opens
//!   the browser's session as a copy of the window's, sets its cookie and sends the browser on
//!   to the app's address the dashboard named (never one the request names). An unknown, spent
//!   or expired code goes to the sign-in page.
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

/// `GET /web/v1/hand-off?code=…`: the browser's session, signed in, and on to the app.
pub async fn redeem(
    State(app): State<Arc<App>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let code = Zeroizing::new(query.get("code").cloned().unwrap_or_default());
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
