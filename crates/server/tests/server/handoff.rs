//! A window's signed-in session handed to the browser (issue 18 §4): the window (the app as a
//! thin client, here on the school's lab kiosk) asks for a one-time address for one of its
//! dashboard's apps; the browser that opens it arrives signed in, once, and goes on to the app.
//! The browser's session ends with the window's — its sign-out, the kiosk's idle wipe — and
//! signing out in the browser ends the window's; a cookie tied to another session opens nothing.

use gatehouse_core::audit::AuditQuery;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::support::*;
use crate::web::{serve_page, Browser, ORIGIN};

const ADA: &str = "Ada_Lim@students.edu.sg";

/// A school serving the browser's page, with Ada's first sign-in done at a window: the server,
/// the window's token, and the first app of her dashboard (its id and address).
fn ada_at_the_window() -> (School, Server, String, (String, String)) {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let server = serve_page(&school, "handoff", "");
    let (token, _) = server.new_session(None);
    let mut dashboard = Value::Null;
    for (action, screen) in first_sign_in_steps(ADA, &temporary) {
        dashboard = server.expect(&token, action, screen);
    }
    let app = &dashboard["apps"][0];
    let app = (app["id"].as_str().unwrap().to_owned(), app["url"].as_str().unwrap().to_owned());
    (school, server, token, app)
}

/// `POST /v1/session/browser` for `app` as the window: the status and the answer.
fn ask(server: &Server, token: Option<&str>, app: &str) -> (u16, Value) {
    server.call(reqwest::Method::POST, "/v1/session/browser", token, Some(&json!({ "app": app })))
}

/// The hand-off address's path on the server (the answer names `[server] public_url`'s).
pub(crate) fn hand_off_path(server: &Server, token: &str, app: &str) -> String {
    let (status, answer) = ask(server, Some(token), app);
    assert_eq!(status, 201, "{answer}");
    let url = answer["url"].as_str().unwrap();
    url.strip_prefix(ORIGIN).unwrap_or_else(|| panic!("{url} is not on the public address")).to_owned()
}

/// The browser opens the hand-off address: the status, where it is sent, and the cookie set.
/// A page that names whom the address signs in shows first ("Continue as …", changing nothing);
/// its form is posted as the page posts it.
pub(crate) fn follow(browser: &mut Browser, path: &str) -> (u16, String, Option<String>) {
    let page = browser.request(reqwest::Method::GET, path).send().unwrap();
    let kept =
        |r: &reqwest::blocking::Response, name: &str| r.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
    // It carries a one-time code, and then sets a session cookie: no cache may keep either.
    let no_store = (Some("no-store".into()), Some("no-cache".into()));
    assert_eq!((kept(&page, "cache-control"), kept(&page, "pragma")), no_store, "{path}");
    assert_eq!(kept(&page, "set-cookie"), None, "the page sets nothing");
    if page.status().as_u16() != 200 {
        return (page.status().as_u16(), kept(&page, "location").unwrap_or_default(), None);
    }
    let html = page.text().unwrap();
    assert!(html.contains("Continue as "), "{html}");
    let at = html.find(r#"name="code" value=""#).unwrap_or_else(|| panic!("no code in {html}")) + 19;
    let code = html[at..].split('"').next().unwrap().to_owned();
    let r = browser
        .request(reqwest::Method::POST, "/web/v1/hand-off")
        .header("origin", ORIGIN)
        .form(&[("code", code.as_str())])
        .send()
        .unwrap();
    let kept = |name: &str| r.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!((kept("cache-control"), kept("pragma")), no_store, "{path}");
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let cookie = r.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_owned());
    if let Some(value) = cookie.as_deref().and_then(|c| c.strip_prefix("__Host-gatehouse=")) {
        browser.cookie = value.split(';').next().map(str::to_owned);
    }
    (r.status().as_u16(), location, cookie)
}

/// Whom the browser's session has signed in: its screen, or `sign_in` for a new session.
fn browser_screen(browser: &mut Browser) -> String {
    let (status, response, _) = browser.open();
    assert_eq!(status, 200, "{response}");
    response["screen"].as_str().unwrap().to_owned()
}

#[test]
fn a_window_on_its_dashboard_hands_the_browser_a_signed_in_session_once_and_it_goes_on_to_the_app() {
    let (school, server, token, (app, url)) = ada_at_the_window();
    let path = hand_off_path(&server, &token, &app);
    assert!(path.starts_with("/web/v1/hand-off?code="), "{path}");

    let mut browser = Browser::new(&server);
    let (status, location, cookie) = follow(&mut browser, &path);
    assert_eq!((status, location.as_str()), (303, url.as_str()), "on to the app the dashboard named");
    let cookie = cookie.expect("a session cookie");
    for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Lax"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} in {cookie}");
    }
    let (_, response, _) = browser.open();
    assert_eq!((response["screen"].as_str(), response["signed_in"].as_bool()), (Some("dashboard"), Some(true)));

    // Once: the same address again signs nobody in and goes to the sign-in page.
    let mut other = Browser::new(&server);
    let (status, location, cookie) = follow(&mut other, &path);
    assert_eq!((status, location.as_str(), cookie), (303, "/", None));
    assert_eq!(browser_screen(&mut other), "sign_in");
    // Audited once, for the address spent, with the app it went on to.
    let query = AuditQuery { event: Some("session_handed_off".into()), ..Default::default() };
    let handed = school.engine().store().audit(&query).unwrap();
    assert_eq!(handed.len(), 1, "{handed:?}");
    assert_eq!((handed[0].actor.as_str(), handed[0].subject.as_str()), (ADA, ADA));
    assert_eq!(handed[0].detail, format!("to the browser, on to {url}"));
    // The browser's own session is a copy: acting there leaves the window where it was.
    browser.expect(json!({"action": "cancel"}), "applications");
    assert_eq!(server.current(&token).1["screen"], "dashboard");
}

#[test]
fn only_a_window_on_its_dashboard_gets_an_address_and_only_for_an_app_of_its_dashboard() {
    let (school, server, token, (app, _)) = ada_at_the_window();
    assert_eq!(ask(&server, Some(&token), "no-such-app").0, 404);
    assert_eq!(ask(&server, None, &app).0, 401);
    let laptop = school.register("laptop-b", false);
    let (status, answer) = server.as_device(Some(&laptop)).call(
        reqwest::Method::POST,
        "/v1/session/browser",
        Some(&token),
        Some(&json!({"app": app})),
    );
    assert_eq!(status, 404, "another machine than the window's: {answer}");
    let (status, _) = server.call(
        reqwest::Method::POST,
        "/v1/session/browser",
        Some(&token),
        Some(&json!({"app": app, "url": "https://evil.example/"})),
    );
    assert_eq!(status, 400, "the address is the dashboard's, never the request's");
    let (fresh, _) = server.new_session(None);
    assert_eq!(ask(&server, Some(&fresh), &app).0, 404, "a session on the sign-in screen");
    server.expect(&token, act("cancel"), "applications");
    assert_eq!(ask(&server, Some(&token), &app).0, 404, "a session off the dashboard");
}

#[test]
fn the_windows_sign_out_and_the_kiosks_idle_wipe_end_the_browser_session_handed_from_it() {
    let (_school, server, token, (app, _)) = ada_at_the_window();
    let mut browser = Browser::new(&server);
    follow(&mut browser, &hand_off_path(&server, &token, &app));
    assert_eq!(browser_screen(&mut browser), "dashboard");
    server.expect(&token, act("sign_out"), "signed_out");
    assert_eq!(browser_screen(&mut browser), "sign_in", "signed out at the window, signed out here");

    // Back at the window, the browser handed again; the kiosk's idle wipe ends the window's
    // session on the server, and the browser's with it.
    let mut again = Browser::new(&server);
    server.expect(&token, json!({"action": "sign_in", "login": ADA, "password": NEW_PASSWORD}), "applications");
    server.expect(&token, json!({"action": "open_app", "app": "icon"}), "dashboard");
    follow(&mut again, &hand_off_path(&server, &token, &app));
    assert_eq!(browser_screen(&mut again), "dashboard");
    assert_eq!(server.end(&token).0, 200);
    assert_eq!(browser_screen(&mut again), "sign_in");
}

#[test]
fn signing_out_in_the_browser_ends_the_window_session_it_was_handed_from() {
    let (_school, server, token, (app, _)) = ada_at_the_window();
    let mut browser = Browser::new(&server);
    follow(&mut browser, &hand_off_path(&server, &token, &app));
    browser.open();
    let (status, answer) = browser.post("/web/v1/sign-out", &json!({}));
    assert_eq!((status, answer["response"]["screen"].as_str()), (200, Some("signed_out")), "{answer}");
    let (status, answer) = server.current(&token);
    assert_eq!((status, answer["error"]["code"].as_str()), (401, Some("session_ended")), "{answer}");

    // The page's Sign out button (the wizard's action) likewise, and the page goes on from its
    // signed-out screen.
    let (_school, server, token, (app, _)) = ada_at_the_window();
    let mut browser = Browser::new(&server);
    follow(&mut browser, &hand_off_path(&server, &token, &app));
    browser.open();
    browser.expect(act("sign_out"), "signed_out");
    let (status, answer) = server.current(&token);
    assert_eq!((status, answer["error"]["code"].as_str()), (401, Some("session_ended")), "{answer}");
}

#[test]
fn a_browsers_sign_out_stands_when_the_window_it_was_handed_from_cannot_be_ended_just_now() {
    for by_the_pages_button in [false, true] {
        let (school, server, token, (app, _)) = ada_at_the_window();
        let mut browser = Browser::new(&server);
        follow(&mut browser, &hand_off_path(&server, &token, &app));
        browser.open();
        // The window's row cannot be deleted just now (a failing disk, a lock held too long).
        let window: String = Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        school
            .database()
            .connect()
            .batch_execute(&format!(
                "CREATE FUNCTION keep_window() RETURNS trigger AS $$ BEGIN \
                   IF OLD.token_hash = '\\x{window}'::bytea THEN RAISE EXCEPTION 'cannot write'; END IF; \
                   RETURN OLD; END $$ LANGUAGE plpgsql; \
                 CREATE TRIGGER keep_window BEFORE DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION keep_window();"
            ))
            .unwrap();
        // The browser's sign-out is answered as one all the same (the failure is the log's).
        if by_the_pages_button {
            browser.expect(act("sign_out"), "signed_out");
        } else {
            let (status, answer) = browser.post("/web/v1/sign-out", &json!({}));
            assert_eq!((status, answer["response"]["screen"].as_str()), (200, Some("signed_out")), "{answer}");
        }
        let screen = browser_screen(&mut browser);
        assert!(matches!(screen.as_str(), "sign_in" | "signed_out"), "the browser is signed out: {screen}");
        // Only the window's own session goes on, until its own sign-out or idle time.
        assert_eq!(server.current(&token).1["screen"], "dashboard");
    }
}

#[test]
fn a_handed_cookie_cut_from_its_window_or_tied_to_another_opens_nothing() {
    let (_school, server, token, (app, _)) = ada_at_the_window();
    let mut browser = Browser::new(&server);
    follow(&mut browser, &hand_off_path(&server, &token, &app));
    let cookie = browser.cookie.clone().unwrap();
    let (own, window) = cookie.split_once('.').expect("a handed cookie names its window");
    let other_window = "A".repeat(window.len());
    for forged in [own.to_owned(), format!("{own}.{other_window}"), format!("{own}.")] {
        let mut forger = Browser::new(&server);
        forger.cookie = Some(forged.clone());
        assert_eq!(browser_screen(&mut forger), "sign_in", "{forged}");
    }
    assert_eq!(browser_screen(&mut browser), "dashboard", "the real one still opens");
}

#[test]
fn an_address_whose_window_signed_out_before_the_browser_opened_it_signs_nobody_in() {
    let (_school, server, token, (app, _)) = ada_at_the_window();
    let path = hand_off_path(&server, &token, &app);
    server.expect(&token, act("sign_out"), "signed_out");
    let mut browser = Browser::new(&server);
    let (status, location, cookie) = follow(&mut browser, &path);
    assert_eq!((status, location.as_str(), cookie), (303, "/", None));
    assert_eq!(browser_screen(&mut browser), "sign_in");
}

#[test]
fn browsers_handed_from_one_window_at_the_same_moment_all_end_with_its_sign_out() {
    let (school, server, token, (app, _)) = ada_at_the_window();
    let paths: Vec<String> = (0..8).map(|_| hand_off_path(&server, &token, &app)).collect();
    // Eight browsers open their addresses at once: each adds itself to the window's list.
    let cookies: Vec<String> = std::thread::scope(|s| {
        let opened: Vec<_> = paths
            .iter()
            .map(|path| {
                s.spawn(|| {
                    let mut browser = Browser::new(&server);
                    assert_eq!(follow(&mut browser, path).0, 303);
                    browser.cookie.expect("a session cookie")
                })
            })
            .collect();
        opened.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let engine = school.engine();
    let (store, now) = (engine.store(), engine.now());
    let hash = browser_session_key;
    assert!(cookies.iter().all(|c| store.session(&hash(c), now).unwrap().is_some()));
    server.expect(&token, act("sign_out"), "signed_out");
    // Ended now, every one of them, not only at its next request.
    let left: Vec<&String> = cookies.iter().filter(|c| store.session(&hash(c), now).unwrap().is_some()).collect();
    assert!(left.is_empty(), "{} of 8 browser sessions outlived the window's sign-out", left.len());
}

#[test]
fn a_window_whose_list_of_handed_browsers_cannot_be_read_still_signs_out_and_its_browser_ends() {
    let (school, server, token, (app, _)) = ada_at_the_window();
    let mut browser = Browser::new(&server);
    follow(&mut browser, &hand_off_path(&server, &token, &app));
    let cookie = browser.cookie.clone().unwrap();
    // Every row of the sessions table but the window's and the browser's — the window's list of
    // the browsers it handed among them — no longer opens.
    let ours: Vec<Vec<u8>> = vec![Sha256::digest(token.as_bytes()).to_vec(), browser_session_key(&cookie).0.to_vec()];
    let spoiled = school
        .database()
        .connect()
        .execute("UPDATE sessions SET sealed = '\\x00'::bytea WHERE NOT (token_hash = ANY($1))", &[&ours])
        .unwrap();
    assert!(spoiled >= 1, "the list was there to spoil");
    // The sign-out stands (the failure is the log's), and the browser's session ends all the
    // same at its next request, its window's being gone.
    server.expect(&token, act("sign_out"), "signed_out");
    assert_eq!(server.current(&token).1["screen"], "signed_out");
    assert_eq!(browser_screen(&mut browser), "sign_in");
}

#[test]
fn revoking_the_machine_ends_its_window_and_the_browser_session_handed_from_it() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let server = serve_page(&school, "handoff-revoked", "");
    let laptop = school.register("staff-laptop-9", false);
    let window = server.as_device(Some(&laptop));
    let (token, _) = window.new_session(None);
    let mut dashboard = Value::Null;
    for (action, screen) in first_sign_in_steps(ADA, &temporary) {
        dashboard = window.expect(&token, action, screen);
    }
    let app = json!({ "app": dashboard["apps"][0]["id"] });
    let (status, answer) = window.call(reqwest::Method::POST, "/v1/session/browser", Some(&token), Some(&app));
    assert_eq!(status, 201, "{answer}");
    let path = answer["url"].as_str().unwrap().strip_prefix(ORIGIN).unwrap().to_owned();
    let mut browser = Browser::new(&server);
    follow(&mut browser, &path);
    assert_eq!(browser_screen(&mut browser), "dashboard");
    // The operator revokes the laptop: its window's session and the browser's end at once.
    gatehouse_core::admin::Admin::new(school.engine(), "cli:it").revoke_device("Staff-Laptop-9").unwrap();
    assert_eq!(browser_screen(&mut browser), "sign_in", "the browser handed from the laptop signs nobody in");
    let (status, _) = server.call(reqwest::Method::GET, "/v1/session", Some(&token), None);
    assert_eq!(status, 401, "the laptop's own session ended");
}

#[test]
fn a_hand_off_address_names_whom_it_signs_in_and_only_its_own_page_continues() {
    let (_school, server, token, (app, url)) = ada_at_the_window();
    let path = hand_off_path(&server, &token, &app);
    let mut browser = Browser::new(&server);
    // Opened (by her, or by a classmate she sent it to): whose it is, and nothing set or spent.
    let page = browser.request(reqwest::Method::GET, &path).send().unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.headers().get("set-cookie").is_none());
    let html = page.text().unwrap();
    assert!(html.contains("Continue as Ada Lim") && html.contains("I am not Ada Lim"), "{html}");
    assert_eq!(browser_screen(&mut browser), "sign_in", "the page signs nobody in");
    // Another site posting its form gets nothing.
    let at = html.find(r#"name="code" value=""#).unwrap() + 19;
    let code = html[at..].split('"').next().unwrap().to_owned();
    let forged = browser
        .request(reqwest::Method::POST, "/web/v1/hand-off")
        .header("origin", "https://evil.example")
        .form(&[("code", code.as_str())])
        .send()
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);
    assert!(forged.headers().get("set-cookie").is_none());
    // Her own "Continue": signed in, on to the app (the code was not spent by the above).
    let (status, location, cookie) = follow(&mut browser, &path);
    assert_eq!((status, location.as_str()), (303, url.as_str()));
    assert!(cookie.is_some());
    assert_eq!(browser_screen(&mut browser), "dashboard");
}
