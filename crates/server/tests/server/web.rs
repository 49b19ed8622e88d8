//! The browser sign-in page (issue 18 §3) over HTTPS as a browser sees it: the page and its
//! files under a strict content security policy, the session in a `__Host-` cookie, every
//! acting request checked for its origin and CSRF token, sign-out that ends the session, and the
//! account lockout as everywhere else. (`make e2e-browser` walks the real page in Chromium.)

use gatehouse_core::types::LoginId;
use reqwest::blocking::{RequestBuilder, Response};
use serde_json::{json, Value};

use crate::support::*;

const ADA: &str = "Ada_Lim@students.edu.sg";
pub const ORIGIN: &str = "https://gatehouse.school.example";
const INDEX: &str = "<!doctype html><title>Gatehouse</title><script type=\"module\" src=\"./assets/main.js\"></script>";

/// A school whose server serves a (tiny) built page from `web/`.
fn school_with_page() -> (School, Server) {
    let school = School::new();
    let server = serve_page(&school, "page", "");
    (school, server)
}

/// A server of `school` that serves a (tiny) built page from `web/`, with `server` lines added.
pub fn serve_page(school: &School, name: &str, server: &str) -> Server {
    school.server(name, &page_lines(school, server))
}

/// The `[server]` lines of a page at `ORIGIN`, with `server`'s after them; writes the page's
/// files.
fn page_lines(school: &School, server: &str) -> String {
    let web = school.dir.path().join("web");
    std::fs::create_dir_all(web.join("assets")).unwrap();
    std::fs::write(web.join("index.html"), INDEX).unwrap();
    std::fs::write(web.join("assets/main.js"), "console.log('gatehouse');\n").unwrap();
    std::fs::write(web.join("gatehouse.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    format!("web_root = \"web\"\npublic_url = \"{ORIGIN}/\"\n{server}")
}

#[test]
fn a_page_outside_the_security_keys_relying_party_is_named_in_a_warning_at_start() {
    let school = School::new();
    let config = school.dir.path().join("keys.toml");
    let warning = "security keys cannot be used on the browser's page";
    for (rp_id, warned) in [("mims.moe.gov.sg", true), ("school.example", false), ("gatehouse.school.example", false)] {
        let two_factor = format!("[two_factor]\nsecurity_key_rp_id = \"{rp_id}\"\n");
        std::fs::write(&config, school.config_text(&page_lines(&school, &two_factor))).unwrap();
        let said = start_warnings(&config);
        assert_eq!(said.contains(warning), warned, "{rp_id}: {said}");
        if warned {
            assert!(said.contains("public_url") && said.contains(rp_id), "{said}");
        }
    }
}

/// A browser: no device credential, a cookie once the server sets one, the page's CSRF token
/// once it has read a screen, and redirects seen rather than followed.
pub struct Browser<'a> {
    server: &'a Server,
    client: reqwest::blocking::Client,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
}

impl<'a> Browser<'a> {
    pub fn new(server: &'a Server) -> Self {
        Self::at(server, None)
    }

    /// A browser whose requests leave from `address` (one of this machine's, e.g. `127.0.0.2`:
    /// all of 127/8 is loopback), or as the system chooses.
    pub fn at(server: &'a Server, address: Option<std::net::IpAddr>) -> Self {
        let client = reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(server.tls.clone().expect("a server of a school"))
            .redirect(reqwest::redirect::Policy::none())
            .local_address(address)
            .build()
            .unwrap();
        Self { server, client, cookie: None, csrf: None }
    }

    pub fn request(&self, method: reqwest::Method, path: &str) -> RequestBuilder {
        let request = self.client.request(method, format!("{}{path}", self.server.url));
        match &self.cookie {
            Some(cookie) => request.header("cookie", format!("__Host-gatehouse={cookie}")),
            None => request,
        }
    }

    /// Remembers a cookie the answer sets (or removes).
    fn keep_cookie(&mut self, r: &Response) -> Option<String> {
        let set = r.headers().get("set-cookie")?.to_str().unwrap().to_owned();
        let value = set.strip_prefix("__Host-gatehouse=").unwrap().split(';').next().unwrap();
        self.cookie = (!value.is_empty()).then(|| value.to_owned());
        Some(set)
    }

    /// `GET /web/v1/session`: the status, the screen, and the `Set-Cookie` it sent if any.
    pub fn open(&mut self) -> (u16, Value, Option<String>) {
        let r = self.request(reqwest::Method::GET, "/web/v1/session").send().unwrap();
        assert_eq!(r.headers()["cache-control"], "no-store");
        let set = self.keep_cookie(&r);
        let status = r.status().as_u16();
        let body: Value = r.json().unwrap();
        self.csrf = body["csrf"].as_str().map(str::to_owned);
        (status, body["response"].clone(), set)
    }

    /// A POST as the page sends it: its origin, `same-origin`, the CSRF token.
    pub fn post(&mut self, path: &str, body: &Value) -> (u16, Value) {
        let request = self
            .request(reqwest::Method::POST, path)
            .header("origin", ORIGIN)
            .header("sec-fetch-site", "same-origin")
            .header("x-gatehouse-csrf", self.csrf.clone().unwrap_or_default());
        self.send(request.json(body))
    }

    pub fn send(&mut self, request: RequestBuilder) -> (u16, Value) {
        let r = request.send().unwrap();
        self.keep_cookie(&r);
        if let Some(csrf) = r.headers().get("x-gatehouse-csrf") {
            self.csrf = Some(csrf.to_str().unwrap().to_owned());
        }
        (r.status().as_u16(), r.json().unwrap())
    }

    pub fn act(&mut self, action: &Value) -> (u16, Value) {
        self.post("/web/v1/actions", action)
    }

    /// An action that must answer 200 with `screen`.
    pub fn expect(&mut self, action: Value, screen: &str) {
        let (status, v) = self.act(&action);
        assert_eq!((status, v["screen"].as_str()), (200, Some(screen)), "{action} -> {v}");
    }

    /// `GET /web/v1/waiting`: what the sign-in page learns of the app `to` (its `continue`)
    /// waits with.
    pub fn waiting(&self, to: &str) -> Value {
        let query = url::form_urlencoded::Serializer::new(String::new()).append_pair("continue", to).finish();
        self.request(reqwest::Method::GET, &format!("/web/v1/waiting?{query}")).send().unwrap().json().unwrap()
    }

    /// The "Sign in again" page an app's demand for a fresh sign-in shows (`page`), answered as
    /// its form posts it: the session ends, its cookie goes, and the answer sends the browser
    /// to the sign-in page with the app's request (`continue`), which it returns.
    pub fn sign_in_again(&mut self, page: &str) -> String {
        let field = |name: &str| {
            let at = page.find(&format!(r#"name="{name}" value=""#)).unwrap_or_else(|| panic!("no {name} in {page}"));
            page[at + name.len() + 15..].split('"').next().unwrap().replace("&amp;", "&")
        };
        let (request, csrf) = (field("continue"), field("csrf"));
        let form = [("continue", request.as_str()), ("csrf", csrf.as_str())];
        let post = |origin: &str, form: &[(&str, &str)]| {
            self.request(reqwest::Method::POST, "/web/v1/sign-in-again")
                .header("origin", origin)
                .form(form)
                .send()
                .unwrap()
        };
        // From another site, or without the session's token, it signs nobody out.
        assert_eq!(post("https://evil.example", &form).status().as_u16(), 403);
        assert_eq!(post(ORIGIN, &form[..1]).status().as_u16(), 403);
        let r = post(ORIGIN, &form);
        assert_eq!(r.status().as_u16(), 303, "{:?}", r.text());
        assert!(r.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
        self.cookie = None;
        let location = r.headers()["location"].to_str().unwrap().to_owned();
        let sent = url::form_urlencoded::byte_serialize(request.as_bytes()).collect::<String>();
        assert_eq!(location, format!("/?continue={sent}"));
        request
    }

    /// A GET that is answered with a redirect: where to.
    pub fn redirected(&self, path: &str) -> String {
        let r = self.request(reqwest::Method::GET, path).send().unwrap();
        assert_eq!(r.status().as_u16(), 303, "{path}: {:?}", r.text());
        r.headers()["location"].to_str().unwrap().to_owned()
    }
}

fn sign_in(password: &str) -> Value {
    json!({"action": "sign_in", "login": ADA, "password": password})
}

#[test]
fn the_page_and_its_files_are_served_under_a_strict_content_security_policy() {
    let (_school, server) = school_with_page();
    let get = |path: &str| server.client.get(format!("{}{path}", server.url)).send().unwrap();
    let page = get("/");
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    for directive in ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"] {
        assert!(csp.split("; ").any(|d| d == directive), "{directive} in {csp}");
    }
    assert!(!csp.contains("unsafe"), "{csp}");
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
        ("strict-transport-security", "max-age=31536000"),
    ] {
        assert_eq!(page.headers()[name], value, "{name}");
    }
    assert_eq!(page.text().unwrap(), INDEX);
    let script = get("/assets/main.js");
    assert_eq!(script.status(), 200);
    assert!(script.headers()["content-type"].to_str().unwrap().contains("javascript"));
    assert!(script.headers().contains_key("content-security-policy"));
    assert_eq!(get("/gatehouse.svg").status(), 200);
    // Nothing outside the page's directory: not the configuration beside it, not by ../.
    for outside in ["/assets/../../web.toml", "/assets/%2e%2e/%2e%2e/web.toml", "/web.toml", "/index.html.bak"] {
        let r = get(outside);
        assert_eq!(r.status(), 404, "{outside}");
        assert!(!r.text().unwrap().contains("[storage]"), "{outside}");
    }
    // The window's settings: the school's branding and help, the language, and that it is a
    // browser's page (no administrator sign-in, no kiosk).
    let info: Value = get("/web/v1/info").json().unwrap();
    assert_eq!((info["browser"].as_bool(), info["kiosk"].is_null()), (Some(true), true), "{info}");
    assert_eq!(info["language"], "en");
    assert!(info["branding"]["portal_name"].as_str().is_some_and(|n| !n.is_empty()), "{info}");
}

#[test]
fn a_browser_keeps_its_session_in_a_host_only_secure_cookie_and_signs_in_with_it() {
    let (school, server) = school_with_page();
    let temporary = school.student(ADA, "Ada Lim");
    let mut browser = Browser::new(&server);
    let (status, first, set) = browser.open();
    assert_eq!((status, first["screen"].as_str()), (200, Some("sign_in")), "{first}");
    let set = set.expect("a new session sets its cookie");
    for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Lax"] {
        assert!(set.split("; ").any(|a| a == attribute), "{attribute} in {set}");
    }
    assert_eq!(browser.cookie.as_ref().map(String::len), Some(43), "256 bits in base64url: {set}");
    assert!(browser.csrf.as_ref().is_some_and(|c| c.len() == 43 && Some(c) != browser.cookie.as_ref()));
    let (status, next) = browser.act(&sign_in(&temporary));
    assert_eq!((status, next["screen"].as_str()), (200, Some("set_questions")), "{next}");
    // Reloading the page continues the session: same screen, no new cookie.
    let (_, again, set) = browser.open();
    assert_eq!((again["screen"].as_str(), set), (Some("set_questions"), None), "{again}");
    // The cookie is no way into the machines' API: a browser is no registered machine.
    let (status, same) = server.as_device(None).current(browser.cookie.as_ref().unwrap());
    assert_eq!((status, same["error"]["code"].as_str()), (401, Some("device_unknown")), "{same}");
}

#[test]
fn a_request_from_another_site_or_without_the_pages_csrf_token_is_refused_and_counts_nothing() {
    let (school, server) = school_with_page();
    school.student(ADA, "Ada Lim");
    let mut victim = Browser::new(&server);
    victim.open();
    let mut attacker = Browser::new(&server);
    attacker.open();
    let wrong = sign_in("Wrong-Guess-2026");
    let url = format!("{}/web/v1/actions", server.url);
    let cookie = format!("__Host-gatehouse={}", victim.cookie.clone().unwrap());
    let forged = |origin: Option<&str>, site: Option<&str>, csrf: Option<&str>| {
        let mut request = server.client.post(&url).header("cookie", &cookie).json(&wrong);
        for (name, value) in [("origin", origin), ("sec-fetch-site", site), ("x-gatehouse-csrf", csrf)] {
            if let Some(value) = value {
                request = request.header(name, value);
            }
        }
        request
    };
    let token = victim.csrf.clone().unwrap();
    let others = attacker.csrf.clone().unwrap();
    for (why, request) in [
        ("no origin", forged(None, Some("same-origin"), Some(&token))),
        ("another site's origin", forged(Some("https://evil.example"), Some("same-origin"), Some(&token))),
        ("a cross-site fetch", forged(Some(ORIGIN), Some("cross-site"), Some(&token))),
        ("no CSRF token", forged(Some(ORIGIN), Some("same-origin"), None)),
        ("another session's CSRF token", forged(Some(ORIGIN), Some("same-origin"), Some(&others))),
        ("a CSRF token with its last letter changed", {
            let mut near = token.clone();
            let last = if near.pop() == Some('A') { 'B' } else { 'A' };
            near.push(last);
            forged(Some(ORIGIN), Some("same-origin"), Some(&near))
        }),
    ] {
        let (status, body) = victim.send(request);
        assert_eq!((status, body["error"]["code"].as_str()), (403, Some("csrf_refused")), "{why}: {body}");
        assert_eq!(body["error"]["id"], "csrf-refused", "{why}: {body}");
    }
    // Without any cookie there is nothing to act on: the session has ended, wherever it came from.
    let bare = server.client.post(&url).header("origin", ORIGIN).json(&wrong);
    let (status, body) = victim.send(bare);
    assert_eq!((status, body["error"]["code"].as_str()), (401, Some("session_ended")), "{body}");
    // None of them reached the engine: no wrong password was counted.
    let ada = school.engine().store().account_by_login(&LoginId::parse(ADA).unwrap()).unwrap().unwrap();
    assert_eq!(ada.failed_passwords, 0);
    // The page's own request is heard (a browser that sends no Sec-Fetch-Site too).
    let request = victim
        .request(reqwest::Method::POST, "/web/v1/actions")
        .header("origin", ORIGIN)
        .header("x-gatehouse-csrf", &token)
        .json(&wrong);
    let (status, body) = victim.send(request);
    assert_eq!((status, body["error"]["code"].as_str()), (200, Some("login_failed")), "{body}");
}

#[test]
fn wrong_passwords_from_a_browser_lock_the_account_as_anywhere_else() {
    let (school, server) = school_with_page();
    school.student(ADA, "Ada Lim");
    let threshold = school.engine().config().lockout.password_threshold;
    let mut browser = Browser::new(&server);
    browser.open();
    let mut last = Value::Null;
    for _ in 0..threshold {
        last = browser.act(&sign_in("Wrong-Guess-2026")).1;
    }
    assert_eq!(last["screen"], "account_locked", "{last}");
    let ada = school.engine().store().account_by_login(&LoginId::parse(ADA).unwrap()).unwrap().unwrap();
    assert!(ada.is_locked());
    assert_eq!(ada.failed_passwords, threshold);
}

#[test]
fn one_browser_using_up_its_password_reset_searches_leaves_other_addresses_theirs() {
    // A script that searches until the hourly limit refuses it must not make "Forgot password"
    // answer `sspr_busy` for every other browser of the school.
    let school = School::new();
    gatehouse_core::demo::seed(&school.engine()).unwrap();
    let chloe = "Chloe_Ng@students.edu.sg"; // has her questions
    let server = serve_page(&school, "page", "\n[lockout]\nsspr_searches_per_hour = 2\n");
    let search = |browser: &mut Browser, login: &str| {
        browser.expect(act("forgot_password"), "sspr_search");
        let (status, answer) = browser.act(&json!({"action": "sspr_search", "login": login}));
        assert_eq!(status, 200, "{answer}");
        let back = if answer["screen"] == "sspr_questions" { "cancel" } else { "continue" };
        browser.expect(act(back), "sign_in");
        answer
    };
    let (a, b) = ([127, 0, 0, 1].into(), [127, 0, 0, 2].into());
    let mut script = Browser::at(&server, Some(a));
    script.open();
    for _ in 0..2 {
        let answer = search(&mut script, chloe);
        assert_eq!(answer["screen"], "sspr_questions", "{answer}");
    }
    let refused = search(&mut script, chloe);
    assert_eq!(refused["error"]["code"], "sspr_busy", "{refused}");

    let mut pupil = Browser::at(&server, Some(b));
    pupil.open();
    let answer = search(&mut pupil, chloe);
    assert_eq!(answer["screen"], "sspr_questions", "another address still gets its questions: {answer}");

    // The audit log says where each search came from.
    let query = gatehouse_core::audit::AuditQuery { event: Some("sspr_search".into()), ..Default::default() };
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&query).unwrap();
    let from = |machine: &str| audit.iter().filter(|e| e.machine == machine).map(|e| e.outcome.as_str()).collect();
    let (mut from_a, from_b): (Vec<&str>, Vec<&str>) = (from("browser 127.0.0.1"), from("browser 127.0.0.2"));
    from_a.sort_unstable();
    assert_eq!((from_a, from_b), (vec!["ok", "ok", "refused"], vec!["ok"]), "{audit:?}");
}

#[test]
fn signing_out_ends_the_browser_session_and_removes_its_cookie() {
    let (school, server) = school_with_page();
    let temporary = school.student(ADA, "Ada Lim");
    let mut browser = Browser::new(&server);
    browser.open();
    browser.act(&sign_in(&temporary));
    let old = browser.cookie.clone().unwrap();
    let (status, out) = browser.post("/web/v1/sign-out", &json!({}));
    assert_eq!((status, out["response"]["screen"].as_str()), (200, Some("signed_out")), "{out}");
    assert_eq!(browser.cookie, None, "the cookie is removed");
    // The old cookie opens nothing: an action hears session_ended, a reload starts afresh.
    browser.cookie = Some(old.clone());
    let (status, ended) = browser.act(&json!({"action": "continue"}));
    assert_eq!((status, ended["error"]["code"].as_str()), (401, Some("session_ended")), "{ended}");
    let (_, fresh, set) = browser.open();
    assert_eq!(fresh["screen"], "sign_in", "{fresh}");
    assert!(set.is_some() && browser.cookie.as_ref() != Some(&old), "a new session, a new cookie");
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    assert!(audit.iter().any(|e| e.event == "sign_out" && e.subject.eq_ignore_ascii_case(ADA)), "{audit:?}");
}

#[test]
fn a_token_taken_before_someone_signs_in_opens_nothing_after_their_sign_in() {
    // A pupil at a lab computer reads the page's cookie (the browser's own tools show it) and
    // leaves; a teacher signs in at that computer within the idle time.
    let (school, server) = school_with_page();
    let temporary = school.student(ADA, "Ada Lim");
    let mut lab = Browser::new(&server);
    lab.open();
    let (taken, taken_csrf) = (lab.cookie.clone().unwrap(), lab.csrf.clone().unwrap());
    let (status, next) = lab.act(&sign_in(&temporary));
    assert_eq!((status, next["screen"].as_str()), (200, Some("set_questions")), "{next}");
    let (now, csrf) = (lab.cookie.clone().unwrap(), lab.csrf.clone().unwrap());
    assert!(now != taken && csrf != taken_csrf, "the sign-in moved the session to a new cookie and CSRF token");
    // The teacher goes on with the new cookie; the taken one opens nothing, elsewhere.
    let (_, same, set) = lab.open();
    assert_eq!((same["screen"].as_str(), set), (Some("set_questions"), None), "{same}");
    let mut elsewhere = Browser::new(&server);
    elsewhere.cookie = Some(taken);
    elsewhere.csrf = Some(taken_csrf);
    let (status, ended) = elsewhere.act(&json!({"action": "show_help"}));
    assert_eq!((status, ended["error"]["code"].as_str()), (401, Some("session_ended")), "{ended}");
    let (_, fresh, set) = elsewhere.open();
    assert!(fresh["screen"] == "sign_in" && set.is_some(), "a new session of its own: {fresh}");
}

#[test]
fn a_token_taken_before_a_self_service_reset_opens_nothing_once_the_answers_are_right() {
    // Ada has set her questions; a pupil at the lab computer reads the cookie and leaves, and
    // Ada, having forgotten her password, resets it there.
    let (school, server) = school_with_page();
    let temporary = school.student(ADA, "Ada Lim");
    let mut lab = Browser::new(&server);
    lab.open();
    for (action, screen) in first_sign_in_steps(ADA, &temporary).into_iter().take(7) {
        lab.expect(action, screen);
    }
    lab.expect(act("sign_out"), "signed_out");
    lab.expect(act("continue"), "sign_in");
    let (taken, taken_csrf) = (lab.cookie.clone().unwrap(), lab.csrf.clone().unwrap());
    lab.expect(act("forgot_password"), "sspr_search");
    let (_, asked) = lab.act(&json!({"action": "sspr_search", "login": ADA}));
    let answers: Vec<&str> = asked["questions"]
        .as_array()
        .unwrap_or_else(|| panic!("{asked}"))
        .iter()
        .map(|q| {
            let q = q.as_str().unwrap().to_lowercase();
            ["colour", "animal", "book"]
                .into_iter()
                .zip(["yellow", "hamster", "The Good Earth"])
                .find(|(topic, _)| q.contains(topic))
                .unwrap_or_else(|| panic!("{q}"))
                .1
        })
        .collect();
    lab.expect(json!({"action": "sspr_answer", "answers": answers}), "change_password");
    assert!(lab.cookie.as_deref() != Some(taken.as_str()), "the right answers moved the session to a new cookie");
    // The taken cookie cannot choose Ada's new password.
    let mut elsewhere = Browser::new(&server);
    elsewhere.cookie = Some(taken);
    elsewhere.csrf = Some(taken_csrf);
    let chosen = json!({"action": "change_password", "new_password": "Attacker#Chosen-2026", "confirm_password": "Attacker#Chosen-2026"});
    let (status, ended) = elsewhere.act(&chosen);
    assert_eq!((status, ended["error"]["code"].as_str()), (401, Some("session_ended")), "{ended}");
    // Ada goes on with hers.
    let mine = json!({"action": "change_password", "new_password": "Brave-Heron-River-42", "confirm_password": "Brave-Heron-River-42"});
    lab.expect(mine, "password_changing");
}

#[test]
fn a_browsers_cookie_opens_nothing_as_a_machines_token_nor_a_machines_token_as_a_cookie() {
    // Machines need not be registered here (`require_device = false`), so only the kind of
    // token tells a browser's session from a machine's.
    let (school, server) = school_with_page();
    let temporary = school.student(ADA, "Ada Lim");
    let mut browser = Browser::new(&server);
    browser.open();
    browser.expect(sign_in(&temporary), "set_questions");
    let cookie = browser.cookie.clone().unwrap();
    // Sent as a bearer token, without the page's CSRF checks: no session.
    let (status, refused) = server.current(&cookie);
    assert_eq!((status, refused["error"]["code"].as_str()), (401, Some("session_ended")), "{refused}");
    // A machine's session token set as the cookie: a new browser session of its own.
    let (token, _) = server.new_session(None);
    server.expect(&token, sign_in(&temporary), "set_questions");
    let mut carried = Browser::new(&server);
    carried.cookie = Some(token);
    let (_, fresh, set) = carried.open();
    assert!(fresh["screen"] == "sign_in" && set.is_some(), "not the machine's session: {fresh}");
}

#[test]
fn signing_out_with_the_pages_button_moves_the_next_person_to_a_new_token() {
    // The page's Sign out is the wizard's `sign_out` action: the session goes on to the
    // signed-out screen, under a new cookie, so a token read while the first person was signed
    // in opens nothing of the next person's sign-in.
    let (school, server) = school_with_page();
    let temporary = school.student(ADA, "Ada Lim");
    let mut lab = Browser::new(&server);
    lab.open();
    lab.act(&sign_in(&temporary));
    let (signed_in, signed_in_csrf) = (lab.cookie.clone().unwrap(), lab.csrf.clone().unwrap());
    let (status, out) = lab.act(&json!({"action": "sign_out"}));
    assert_eq!((status, out["screen"].as_str()), (200, Some("signed_out")), "{out}");
    assert!(lab.cookie.as_ref().is_some_and(|c| *c != signed_in), "a new cookie for the signed-out screen");
    let mut elsewhere = Browser::new(&server);
    elsewhere.cookie = Some(signed_in);
    elsewhere.csrf = Some(signed_in_csrf);
    let (status, ended) = elsewhere.act(&json!({"action": "continue"}));
    assert_eq!((status, ended["error"]["code"].as_str()), (401, Some("session_ended")), "{ended}");
    // At the computer, the next person signs in on the signed-out screen's session, as the page does.
    lab.expect(json!({"action": "continue"}), "sign_in");
}

#[test]
fn a_server_without_the_page_serves_none_and_one_whose_page_is_not_built_does_not_start() {
    let school = School::new();
    let server = school.server("plain", "");
    for path in ["/", "/web/v1/session", "/web/v1/info"] {
        assert_eq!(server.as_device(None).get(path).0, 404, "{path}");
    }
    let config = school.dir.path().join("unbuilt.toml");
    std::fs::write(&config, school.config_text(&format!("web_root = \"nowhere\"\npublic_url = \"{ORIGIN}\""))).unwrap();
    let stderr = refused_start(&config);
    assert!(stderr.contains("server.web_root") && stderr.contains("make web"), "{stderr}");
}
