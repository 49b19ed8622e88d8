//! Gatehouse as an OpenID Connect provider (issue 18 §2) over HTTPS, with the browser's sign-in
//! page as a browser drives it: discovery and the published keys, the code flow with PKCE to an
//! ID token that verifies against them, and every refusal — an unknown app, an unregistered
//! return address, no PKCE, a student at a staff app, a wrong verifier, a replayed code, a
//! wrong secret — and the consent an app of another vendor must be given, in the person's
//! language. (`make e2e-browser` walks it in Chromium with a Python relying party.)

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use gatehouse_core::demo;
use gatehouse_core::otp::{self, OtpParams};

use crate::handoff::{follow, hand_off_path};
use crate::support::*;
use crate::web::{serve_page, Browser, ORIGIN};

const ADA: &str = "Ada_Lim@students.edu.sg";
const HOMEWORK: &str = "https://homework.school.example/callback";
const HOMEWORK_HOME: &str = "https://homework.school.example/";
const STAFFROOM: &str = "https://staffroom.school.example/oidc";
const SECRET: &str = "staffroom-secret-0123456789";
const QUEST: &str = "https://quest.vendor.example/signed-in";
const VERIFIER: &str = "a-pkce-verifier-of-forty-three-characters-or-more-0123";

/// A school with three apps: Homework Hub (public, PKCE only, for P4–6 and staff), the
/// Staffroom (confidential, staff only) and Maths Quest (another vendor's, for P4–6, asked
/// consent for); two signing keys, the first signing.
fn school_with_apps() -> (School, Server) {
    let school = School::new();
    let server = serve_apps(&school, "oidc");
    (school, server)
}

/// A server of `school` serving the page and the apps (its keys made on the first call).
fn serve_apps(school: &School, name: &str) -> Server {
    serve_apps_with(school, name, "")
}

/// The same, with `homework` (lines) added to Homework Hub's registration.
fn serve_apps_with(school: &School, name: &str, homework: &str) -> Server {
    for key in ["key-new.pem", "key-old.pem"].map(|k| school.dir.path().join(k)) {
        if !key.exists() {
            std::fs::write(key, rcgen::KeyPair::generate().unwrap().serialize_pem()).unwrap();
        }
    }
    std::fs::write(school.dir.path().join("staffroom.secret"), format!("{SECRET}\n")).unwrap();
    // After the [server] lines: a table of its own.
    let oidc = format!(
        "[oidc]\nsigning_keys = [\"key-new.pem\", \"key-old.pem\"]\n\
         [[oidc.clients]]\nid = \"homework\"\nname = \"Homework Hub\"\nredirect_uris = [{HOMEWORK:?}]\npost_logout_redirect_uris = [{HOMEWORK_HOME:?}]\nfor = [\"p4_6\", \"staff\"]\nfirst_party = true\n{homework}\
         [[oidc.clients]]\nid = \"staffroom\"\nname = \"Staffroom\"\nredirect_uris = [{STAFFROOM:?}]\nfor = [\"staff\"]\nsecret_file = \"staffroom.secret\"\nfirst_party = true\n\
         [[oidc.clients]]\nid = \"quest\"\nname = \"Maths Quest <Pro>\"\nredirect_uris = [{QUEST:?}]\nfor = [\"p4_6\"]\nfirst_party = false\n"
    );
    serve_page(school, name, &oidc)
}

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn authorize_path(client: &str, redirect: &str, extra: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", client)
        .append_pair("redirect_uri", redirect)
        .append_pair("scope", "openid profile email")
        .append_pair("state", "st-42")
        .append_pair("nonce", "n-0S6_WzA2Mj")
        .finish();
    format!("/oidc/authorize?{query}{extra}")
}

fn with_pkce(client: &str, redirect: &str) -> String {
    authorize_path(client, redirect, &format!("&code_challenge={}&code_challenge_method=S256", challenge(VERIFIER)))
}

/// The query of a redirect to `base`, as pairs.
fn query_of(location: &str, base: &str) -> Vec<(String, String)> {
    let rest = location.strip_prefix(base).unwrap_or_else(|| panic!("{location} does not go to {base}"));
    url::form_urlencoded::parse(rest.trim_start_matches('?').as_bytes()).into_owned().collect()
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Ada's first sign-in in the browser, all the way to the dashboard.
fn ada_through_to_the_dashboard(browser: &mut Browser, temporary: &str) {
    browser.open();
    for (action, screen) in first_sign_in_steps(ADA, temporary) {
        browser.expect(action, screen);
    }
}

/// Homework Hub's token request for `code` (a public app: its id in the form).
fn homework_form(code: &str) -> [(&'static str, &str); 5] {
    [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", HOMEWORK),
        ("client_id", "homework"),
        ("code_verifier", VERIFIER),
    ]
}

/// The token request's form for `code` (the app's id goes in `Authorization: Basic`).
fn code_form<'a>(code: &'a str, redirect: &'a str) -> [(&'static str, &'a str); 4] {
    [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("code_verifier", VERIFIER)]
}

/// `POST /oidc/token`: the status and the JSON answer.
fn redeem(browser: &Browser, form: &[(&str, &str)], basic: Option<(&str, &str)>) -> (u16, Value) {
    let mut request = browser.request(reqwest::Method::POST, "/oidc/token").form(form);
    if let Some((id, secret)) = basic {
        request = request.basic_auth(id, Some(secret));
    }
    let r = request.send().unwrap();
    assert_eq!(r.headers().get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"));
    (r.status().as_u16(), r.json().unwrap())
}

#[test]
fn discovery_names_the_endpoints_and_the_keys_are_published_for_rotation() {
    let (_school, server) = school_with_apps();
    let browser = Browser::new(&server);
    let get = |path: &str| -> Value { browser.request(reqwest::Method::GET, path).send().unwrap().json().unwrap() };
    let d = get("/.well-known/openid-configuration");
    assert_eq!(d["issuer"], ORIGIN);
    assert_eq!(d["authorization_endpoint"], format!("{ORIGIN}/oidc/authorize"));
    assert_eq!(d["jwks_uri"], format!("{ORIGIN}/oidc/jwks"));
    assert_eq!(d["code_challenge_methods_supported"], json!(["S256"]));
    assert_eq!(d["id_token_signing_alg_values_supported"], json!(["ES256"]));
    let jwks: JwkSet = serde_json::from_value(get("/oidc/jwks")).unwrap();
    assert_eq!(jwks.keys.len(), 2, "the new key and the old one");
    for key in &jwks.keys {
        assert!(key.common.key_id.as_ref().is_some_and(|k| k.len() == 43), "a thumbprint kid");
        let text = serde_json::to_string(key).unwrap();
        assert!(!text.contains("\"d\""), "no private part: {text}");
    }
}

#[test]
fn a_student_signs_in_to_an_app_with_pkce_and_its_id_token_verifies_against_the_published_keys() {
    let (school, server) = school_with_apps();
    let temporary = school.student(ADA, "Ada Lim");
    let mut browser = Browser::new(&server);
    browser.open();
    // Not signed in: to the sign-in page, which will continue with the same request.
    let path = with_pkce("homework", HOMEWORK);
    let to_page = browser.redirected(&path);
    assert!(to_page.starts_with("/?continue="), "{to_page}");
    let page = query_of(&to_page, "/");
    assert_eq!(param(&page, "continue"), Some(path.as_str()));
    // The page names the app waiting, as the school registered it; not an address nobody did.
    assert_eq!(browser.waiting(&path)["app"], "Homework Hub");
    assert!(browser.waiting(&with_pkce("homework", "https://evil.example/callback"))["app"].is_null());
    assert!(browser.waiting(&with_pkce("nobody", HOMEWORK))["app"].is_null());
    ada_through_to_the_dashboard(&mut browser, &temporary);
    // Signed in: back to the app with a code, its state and the issuer.
    let back = query_of(&browser.redirected(&path), HOMEWORK);
    assert_eq!((param(&back, "state"), param(&back, "iss")), (Some("st-42"), Some(ORIGIN)));
    let code = param(&back, "code").unwrap().to_owned();
    assert_eq!(code.len(), 43);
    let form = homework_form(&code);
    let (status, tokens) = redeem(&browser, &form, None);
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    // The ID token verifies against the published key its header names.
    let id_token = tokens["id_token"].as_str().unwrap();
    let header = jsonwebtoken::decode_header(id_token).unwrap();
    assert_eq!(header.alg, Algorithm::ES256);
    let jwks: JwkSet = browser.request(reqwest::Method::GET, "/oidc/jwks").send().unwrap().json().unwrap();
    let jwk = jwks.find(header.kid.as_deref().unwrap()).expect("the key is published");
    assert_eq!(jwk.common.key_id, jwks.keys[0].common.key_id, "the first key signs");
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_issuer(&[ORIGIN]);
    validation.set_audience(&["homework"]);
    let claims =
        jsonwebtoken::decode::<Value>(id_token, &DecodingKey::from_jwk(jwk).unwrap(), &validation).unwrap().claims;
    assert_eq!((claims["email"].as_str(), claims["nonce"].as_str()), (Some(ADA), Some("n-0S6_WzA2Mj")), "{claims}");
    assert_eq!(claims["name"], "Ada Lim");
    assert!(claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap() == 300, "{claims}");
    // Tampered, it no longer verifies.
    let mut parts: Vec<String> = id_token.split('.').map(str::to_owned).collect();
    parts[1] = URL_SAFE_NO_PAD.encode(claims.to_string().replace(ADA, "Bob_Tan@schools.gov.sg"));
    let tampered = parts.join(".");
    assert!(jsonwebtoken::decode::<Value>(&tampered, &DecodingKey::from_jwk(jwk).unwrap(), &validation).is_err());
    // The access token opens the user info.
    let info = browser
        .request(reqwest::Method::GET, "/oidc/userinfo")
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .unwrap();
    assert_eq!(info.status().as_u16(), 200, "{:?}", info.text());
    let info: Value = info.json().unwrap();
    assert_eq!(info["email"], ADA);
    let refused = browser.request(reqwest::Method::GET, "/oidc/userinfo").bearer_auth(id_token).send().unwrap();
    assert_eq!(refused.status().as_u16(), 401, "an ID token is no access token");
    // Once an administrator resets the password (the account believed taken), its access token
    // opens nothing.
    let userinfo = || {
        let r = browser
            .request(reqwest::Method::GET, "/oidc/userinfo")
            .bearer_auth(tokens["access_token"].as_str().unwrap())
            .send()
            .unwrap();
        r.status().as_u16()
    };
    let engine = school.engine();
    let ada = engine.store().account_by_login(&gatehouse_core::types::LoginId::parse(ADA).unwrap()).unwrap().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    use gatehouse_core::audit::{Event, Outcome};
    let rec = engine.record("admin:test", ADA, Event::PasswordReset, Outcome::Ok, "believed taken");
    let change = gatehouse_core::store::PasswordChange {
        hash: ada.password_hash.clone(),
        temporary_until: None,
        at: rec.at,
        was_at: None,
    };
    engine.store().set_password(ada.id, &change, rec).unwrap();
    assert_eq!(userinfo(), 401, "a password set after the sign-in ends what its tokens open");
    // The code works once.
    let (status, again) = redeem(&browser, &form, None);
    assert_eq!((status, again["error"].as_str()), (400, Some("invalid_grant")), "{again}");
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    assert!(
        audit.iter().any(|e| e.event == "single_sign_on" && e.outcome == "ok" && e.detail.contains("homework")),
        "{audit:?}"
    );
    // The people who run it see the steps by app and outcome.
    let metrics = server.as_device(None).get("/metrics").1;
    for line in [
        r#"gatehouse_single_sign_ons_total{app="homework",outcome="code"} 1"#,
        r#"gatehouse_single_sign_ons_total{app="homework",outcome="tokens"} 1"#,
        r#"gatehouse_single_sign_ons_total{app="homework",outcome="invalid_grant"} 1"#,
    ] {
        assert!(metrics.lines().any(|l| l == line), "{line} in\n{metrics}");
    }
}

#[test]
fn unknown_apps_addresses_and_requests_without_pkce_are_refused_and_a_student_cannot_open_a_staff_app() {
    let (school, server) = school_with_apps();
    let temporary = school.student(ADA, "Ada Lim");
    let mut browser = Browser::new(&server);
    ada_through_to_the_dashboard(&mut browser, &temporary);
    // Shown in the browser, never sent to an address nobody registered.
    for path in [with_pkce("nobody", HOMEWORK), with_pkce("homework", "https://evil.example/callback")] {
        let r = browser.request(reqwest::Method::GET, &path).send().unwrap();
        assert_eq!(r.status().as_u16(), 400, "{path}");
        assert!(r.headers().get("location").is_none());
        assert!(r.text().unwrap().contains("cannot sign you in with Gatehouse"));
    }
    // Said to the app.
    for (path, error) in [
        (authorize_path("homework", HOMEWORK, ""), "invalid_request"),
        (authorize_path("homework", HOMEWORK, "&code_challenge=abc&code_challenge_method=plain"), "invalid_request"),
        (
            with_pkce("homework", HOMEWORK).replace("response_type=code", "response_type=token"),
            "unsupported_response_type",
        ),
        (with_pkce("homework", HOMEWORK).replace("openid+", ""), "invalid_scope"),
        (with_pkce("staffroom", STAFFROOM), "access_denied"),
    ] {
        let back = query_of(&browser.redirected(&path), if path.contains("staffroom") { STAFFROOM } else { HOMEWORK });
        assert_eq!(param(&back, "error"), Some(error), "{path}");
        assert_eq!(param(&back, "state"), Some("st-42"));
        assert_eq!(param(&back, "code"), None);
    }
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    assert!(
        audit.iter().any(|e| e.event == "single_sign_on" && e.outcome == "refused" && e.detail.contains("staffroom")),
        "{audit:?}"
    );
    // A code with the wrong verifier is refused, and spent.
    let path = with_pkce("homework", HOMEWORK);
    let code = param(&query_of(&browser.redirected(&path), HOMEWORK), "code").unwrap().to_owned();
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", HOMEWORK),
        ("client_id", "homework"),
        ("code_verifier", "another-verifier-of-forty-three-characters-0000000"),
    ];
    assert_eq!(redeem(&browser, &form, None).1["error"], "invalid_grant");
    form[4].1 = VERIFIER;
    assert_eq!(redeem(&browser, &form, None).1["error"], "invalid_grant", "a code is tried once");
}

#[test]
fn a_confidential_app_must_send_its_secret_and_another_apps_code_is_refused() {
    let (school, server) = school_with_apps();
    // The demo school's administrator, a staff member with a tested authenticator, through
    // iCON's door with a current code.
    demo::seed(&school.engine()).unwrap();
    let mut browser = Browser::new(&server);
    browser.open();
    let teacher = demo::ADMIN_LOGIN;
    browser.expect(json!({"action": "sign_in", "login": teacher, "password": demo::PASSWORD}), "applications");
    browser.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let secret = otp::parse_base32(demo::ADMIN_TOTP_SECRET).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    browser
        .expect(json!({"action": "submit_totp", "code": otp::totp(&secret, &OtpParams::default(), now)}), "dashboard");
    let path = with_pkce("staffroom", STAFFROOM);
    let code = param(&query_of(&browser.redirected(&path), STAFFROOM), "code").unwrap().to_owned();
    let form = code_form(&code, STAFFROOM);
    for basic in [None, Some(("staffroom", "wrong-secret-0123456789")), Some(("homework", SECRET))] {
        let (status, body) = redeem(&browser, &form, basic);
        assert_eq!((status, body["error"].as_str()), (401, Some("invalid_client")), "{basic:?}: {body}");
    }
    // RFC 6749 §5.2: the refusal of an app that sent Basic credentials names the scheme.
    let mut wrong = browser.request(reqwest::Method::POST, "/oidc/token").form(&form);
    wrong = wrong.basic_auth("staffroom", Some("wrong-secret-0123456789"));
    let refused = wrong.send().unwrap();
    assert_eq!(refused.status().as_u16(), 401);
    assert!(refused.headers()["www-authenticate"].to_str().unwrap().starts_with("Basic "));
    // Homework Hub (a public app, rightly without a secret) with the Staffroom's code.
    let as_homework = [form.as_slice(), &[("client_id", "homework")]].concat();
    let (status, body) = redeem(&browser, &as_homework, None);
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "{body}");
    // Refused as another app's, the code was spent: even the right secret gets nothing now.
    let (status, body) = redeem(&browser, &form, Some(("staffroom", SECRET)));
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "{body}");
    // A fresh code with the right secret: the teacher's ID token.
    let code = param(&query_of(&browser.redirected(&path), STAFFROOM), "code").unwrap().to_owned();
    let form = code_form(&code, STAFFROOM);
    let (status, tokens) = redeem(&browser, &form, Some(("staffroom", SECRET)));
    assert_eq!(status, 200, "{tokens}");
    let payload = tokens["id_token"].as_str().unwrap().split('.').nth(1).unwrap().to_owned();
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    assert_eq!((claims["email"].as_str(), claims["aud"].as_str()), (Some(teacher), Some("staffroom")));
}

#[test]
fn a_code_issued_by_one_server_is_redeemed_once_on_another_and_never_again_on_either() {
    let (school, a) = school_with_apps();
    let b = serve_apps(&school, "oidc-b");
    let temporary = school.student(ADA, "Ada Lim");
    let mut on_a = Browser::new(&a);
    ada_through_to_the_dashboard(&mut on_a, &temporary);
    let code =
        param(&query_of(&on_a.redirected(&with_pkce("homework", HOMEWORK)), HOMEWORK), "code").unwrap().to_owned();
    let form = [code_form(&code, HOMEWORK).as_slice(), &[("client_id", "homework")]].concat();
    let on_b = Browser::new(&b);
    let (status, tokens) = redeem(&on_b, &form, None);
    assert_eq!(status, 200, "{tokens}");
    let userinfo = |browser: &Browser| {
        let access = tokens["access_token"].as_str().unwrap();
        browser.request(reqwest::Method::GET, "/oidc/userinfo").bearer_auth(access).send().unwrap().status().as_u16()
    };
    assert_eq!(userinfo(&on_a), 200);
    for server in [&on_b, &on_a] {
        let (status, again) = redeem(server, &form, None);
        assert_eq!((status, again["error"].as_str()), (400, Some("invalid_grant")), "{again}");
    }
    // Someone else held the code, and perhaps its tokens: the access token it gave is revoked,
    // on every server (RFC 6749 §4.1.2), and the person's history says so.
    assert_eq!((userinfo(&on_a), userinfo(&on_b)), (401, 401));
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    let revoked = audit.iter().filter(|e| e.event == "single_sign_on" && e.detail.contains("revoked"));
    assert!(revoked.clone().all(|e| e.subject == ADA && e.outcome == "refused"));
    assert_eq!(revoked.count(), 2, "once per code brought again");
}

#[test]
fn a_bad_signing_key_a_short_secret_or_apps_without_the_page_stop_the_server_at_start() {
    let school = School::new();
    let dir = school.dir.path();
    std::fs::write(dir.join("rsa.pem"), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n").unwrap();
    std::fs::write(dir.join("ec.pem"), rcgen::KeyPair::generate().unwrap().serialize_pem()).unwrap();
    std::fs::write(dir.join("short.secret"), "q7-short\n").unwrap();
    std::fs::create_dir_all(dir.join("web")).unwrap();
    std::fs::write(dir.join("web/index.html"), "<!doctype html>").unwrap();
    let app = |key: &str, secret: &str| {
        format!(
            "[oidc]\nsigning_keys = [{key:?}]\n[[oidc.clients]]\nid = \"homework\"\nname = \"Homework\"\n\
             redirect_uris = [{HOMEWORK:?}]\nfor = [\"staff\"]\nsecret_file = {secret:?}\n"
        )
    };
    let page = format!("web_root = \"web\"\npublic_url = \"{ORIGIN}\"\n");
    for (name, server, says) in [
        ("bad-key", format!("{page}{}", app("rsa.pem", "")), "oidc.signing_keys"),
        ("missing-key", format!("{page}{}", app("none.pem", "")), "cannot be read"),
        ("short-secret", format!("{page}{}", app("ec.pem", "short.secret")), "16 or more characters"),
        ("no-page", app("ec.pem", ""), "server.web_root and public_url"),
    ] {
        let config = dir.join(format!("{name}.toml"));
        std::fs::write(&config, school.config_text(&server)).unwrap();
        let stderr = refused_start(&config);
        assert!(stderr.contains(says), "{name}: {stderr}");
        assert!(!stderr.contains("q7-short"), "a secret is never shown: {stderr}");
    }
}

/// Homework Hub's tokens for whoever this browser has signed in (a code, redeemed at once).
fn homework_tokens(browser: &Browser) -> Value {
    let code =
        param(&query_of(&browser.redirected(&with_pkce("homework", HOMEWORK)), HOMEWORK), "code").unwrap().to_owned();
    let form = [code_form(&code, HOMEWORK).as_slice(), &[("client_id", "homework")]].concat();
    let (status, tokens) = redeem(browser, &form, None);
    assert_eq!(status, 200, "{tokens}");
    tokens
}

#[test]
fn an_apps_sign_out_ends_the_gatehouse_session_only_with_its_id_token_for_whoever_is_signed_in_there() {
    let (school, server) = school_with_apps();
    let temporary = school.student(ADA, "Ada Lim");
    let mut ada = Browser::new(&server);
    ada_through_to_the_dashboard(&mut ada, &temporary);
    let id_token = homework_tokens(&ada)["id_token"].as_str().unwrap().to_owned();
    // prompt=none: a code when she is signed in, login_required in a browser where nobody is.
    let silent = format!("{}&prompt=none", with_pkce("homework", HOMEWORK));
    assert!(param(&query_of(&ada.redirected(&silent), HOMEWORK), "code").is_some());
    let mut other = Browser::new(&server);
    other.open();
    assert_eq!(param(&query_of(&other.redirected(&silent), HOMEWORK), "error"), Some("login_required"));
    let logout = |hint: Option<&str>, back: &str| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(hint) = hint {
            query.append_pair("id_token_hint", hint);
        }
        format!(
            "/oidc/logout?{}",
            query.append_pair("post_logout_redirect_uri", back).append_pair("state", "bye").finish()
        )
    };
    let still_in = |browser: &mut Browser| browser.open().1["screen"] == "dashboard";
    // Refused, and she stays signed in: no ID token (any site could link here), a forged one,
    // an address nobody registered.
    let forged = format!("{}.{}.AAAA", id_token.split('.').next().unwrap(), id_token.split('.').nth(1).unwrap());
    for path in [
        logout(None, HOMEWORK_HOME),
        logout(Some(&forged), HOMEWORK_HOME),
        logout(Some(&id_token), "https://evil.example/"),
    ] {
        let r = ada.request(reqwest::Method::GET, &path).send().unwrap();
        assert_eq!(r.status().as_u16(), 400, "{path}");
        assert!(r.headers().get("location").is_none(), "{path}");
        assert!(still_in(&mut ada), "{path}");
    }
    // Her token in another browser signs nobody out there, and not her here.
    let back = other.redirected(&logout(Some(&id_token), HOMEWORK_HOME));
    assert_eq!(back, format!("{HOMEWORK_HOME}?state=bye"));
    assert!(still_in(&mut ada));
    // From her browser: signed out of Gatehouse (audited), cookie removed, back at the app.
    let r = ada.request(reqwest::Method::GET, &logout(Some(&id_token), HOMEWORK_HOME)).send().unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(r.headers()["location"], format!("{HOMEWORK_HOME}?state=bye").as_str());
    assert!(r.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    assert!(!still_in(&mut ada), "her old session is gone");
    assert_eq!(param(&query_of(&ada.redirected(&silent), HOMEWORK), "error"), Some("login_required"));
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    assert!(audit.iter().any(|e| e.event == "sign_out" && e.subject.eq_ignore_ascii_case(ADA)), "{audit:?}");
}

#[test]
fn a_session_ended_by_a_password_reset_elsewhere_tells_the_apps_it_signed_in_to_when_next_looked_at() {
    let (url, told) = logout_receiver();
    let school = School::new();
    let server = serve_apps_with(&school, "backchannel", &format!("backchannel_logout_uri = {url:?}\n"));
    let temporary = school.student(ADA, "Ada Lim");
    let mut ada = Browser::new(&server);
    ada_through_to_the_dashboard(&mut ada, &temporary);
    let tokens = homework_tokens(&ada);
    let sid = verified(&ada, tokens["id_token"].as_str().unwrap()).1["sid"].as_str().unwrap().to_owned();
    // The operator resets the password of an account believed taken; the browser that had it
    // next shows its page (a reload, not an action): its session ends, and the app hears of it.
    gatehouse_core::admin::Admin::new(school.engine(), "admin:test").reset_password(ADA).unwrap();
    let (_, shown, _) = ada.open();
    assert_eq!(
        (shown["code"].as_str(), shown["signed_in"].as_bool()),
        (Some("password_changed_elsewhere"), Some(false)),
        "{shown}"
    );
    let (_, body) = told.recv_timeout(std::time::Duration::from_secs(10)).expect("the app is told");
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    assert_eq!(verified(&ada, param(&form, "logout_token").unwrap()).1["sid"], sid.as_str());
}

#[test]
fn an_apps_sign_out_ends_the_gatehouse_session_whatever_screen_the_person_is_on() {
    let (school, server) = school_with_apps();
    let temporary = school.student(ADA, "Ada Lim");
    let mut ada = Browser::new(&server);
    ada_through_to_the_dashboard(&mut ada, &temporary);
    let id_token = homework_tokens(&ada)["id_token"].as_str().unwrap().to_owned();
    // Back to the applications in the Gatehouse tab, then the app's Sign out: signed out all
    // the same — else the next pupil at this browser would open any app as her.
    ada.expect(json!({"action": "cancel"}), "applications");
    let logout = format!(
        "/oidc/logout?{}",
        url::form_urlencoded::Serializer::new(String::new()).append_pair("id_token_hint", &id_token).finish()
    );
    assert_eq!(ada.redirected(&logout), "/");
    assert_eq!(ada.open().1["screen"], "sign_in", "her session is gone");
    let silent = format!("{}&prompt=none", with_pkce("homework", HOMEWORK));
    assert_eq!(param(&query_of(&ada.redirected(&silent), HOMEWORK), "error"), Some("login_required"));
}

/// `GET` of `path`: the status, the content type and the page.
fn page(browser: &Browser, path: &str) -> (u16, String, String) {
    let r = browser.request(reqwest::Method::GET, path).send().unwrap();
    let kind = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (r.status().as_u16(), kind, r.text().unwrap())
}

/// The consent question's ticket on a consent page.
fn ticket_of(page: &str) -> String {
    let at = page.find(r#"name="ticket" value=""#).unwrap_or_else(|| panic!("no ticket in {page}")) + 21;
    page[at..at + page[at..].find('"').unwrap()].to_owned()
}

/// The answer to a consent question as the page posts it (`origin`: the page's own, or another).
fn answer(browser: &Browser, ticket: &str, decision: &str, origin: &str) -> reqwest::blocking::Response {
    browser
        .request(reqwest::Method::POST, "/oidc/consent")
        .header("origin", origin)
        .header("sec-fetch-site", if origin == ORIGIN { "same-origin" } else { "cross-site" })
        .form(&[("ticket", ticket), ("decision", decision)])
        .send()
        .unwrap()
}

#[test]
fn another_vendors_app_learns_who_the_pupil_is_only_once_she_allows_it_on_a_page_in_her_language() {
    let (school, server) = school_with_apps();
    let temporary = school.student(ADA, "Ada Lim");
    let mut ada = Browser::new(&server);
    ada_through_to_the_dashboard(&mut ada, &temporary);
    ada.expect(json!({"action": "set_language", "language": "ms"}), "dashboard");
    let quest = with_pkce("quest", QUEST);
    // Asked, in Malay, with the app and what it will learn, escaped; no code yet.
    let r = ada.request(reqwest::Method::GET, &quest).send().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers().get("location").is_none());
    assert_eq!(r.headers()["cache-control"], "no-store");
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("form-action 'self' https://quest.vendor.example;"), "the answer goes on to the app: {csp}");
    assert!(!csp.contains("script-src") && csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(r.headers()["referrer-policy"], "same-origin", "the form's Origin is sent, to this origin only");
    let asked = r.text().unwrap();
    for says in [
        "<html lang=\"ms\">",
        "Benarkan Maths Quest &lt;Pro&gt; menggunakan Gatehouse",
        "Ada Lim",
        ADA,
        "Jangan benarkan",
    ] {
        assert!(asked.contains(says), "{says} in {asked}");
    }
    assert!(!asked.contains("<Pro>"), "the app's name is escaped");
    // prompt=none does not ask: the app hears consent_required.
    let silent = format!("{quest}&prompt=none");
    assert_eq!(param(&query_of(&ada.redirected(&silent), QUEST), "error"), Some("consent_required"));
    // An answer from another site counts for nothing, and leaves the question open.
    let ticket = ticket_of(&asked);
    let r = answer(&ada, &ticket, "allow", "https://evil.example");
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.text().unwrap().contains("sso-consent-expired"));
    let r = ada.request(reqwest::Method::POST, "/oidc/consent").form(&[("ticket", ticket.as_str())]).send().unwrap();
    assert_eq!(r.status().as_u16(), 400, "an answer that is neither");
    // She does not allow it: the app hears access_denied, and the answer is spent.
    let back = query_of(&answer_redirect(&ada, &ticket, "deny"), QUEST);
    assert_eq!((param(&back, "error"), param(&back, "state")), (Some("access_denied"), Some("st-42")));
    assert_eq!(param(&back, "code"), None);
    assert_eq!(answer(&ada, &ticket, "allow", ORIGIN).status().as_u16(), 400, "answered once");
    // Asked again; she allows it: a code that the app redeems for her ID token.
    let code = param(&query_of(&answer_redirect(&ada, &ticket_of(&page(&ada, &quest).2), "allow"), QUEST), "code")
        .expect("a code")
        .to_owned();
    let form = [code_form(&code, QUEST).as_slice(), &[("client_id", "quest")]].concat();
    let (status, tokens) = redeem(&ada, &form, None);
    assert_eq!(status, 200, "{tokens}");
    // Not asked again in this sign-in (prompt=none included) unless the app asks for it.
    assert!(param(&query_of(&ada.redirected(&quest), QUEST), "code").is_some());
    assert!(param(&query_of(&ada.redirected(&silent), QUEST), "code").is_some());
    let (status, _, again) = page(&ada, &format!("{quest}&prompt=consent"));
    assert!(status == 200 && again.contains("name=\"ticket\""), "prompt=consent asks again");
    // Her other browser is another sign-in: asked there; and a question asked in one browser
    // is not answered from the other.
    let mut laptop = Browser::new(&server);
    laptop.open();
    laptop.expect(json!({"action": "sign_in", "login": ADA, "password": NEW_PASSWORD}), "applications");
    laptop.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    assert_eq!(param(&query_of(&laptop.redirected(&silent), QUEST), "error"), Some("consent_required"));
    let (_, kind, there) = page(&laptop, &quest);
    assert!(kind.starts_with("text/html") && there.contains("lang=\"ms\""), "her language, remembered: {there}");
    let r = answer(&laptop, &ticket_of(&again), "allow", ORIGIN);
    assert_eq!(r.status().as_u16(), 400, "asked in the other browser");
    // Signing out of Gatehouse forgets the consent: her next sign-in in this browser asks again.
    ada.expect(json!({"action": "sign_out"}), "signed_out");
    ada.expect(json!({"action": "continue"}), "sign_in");
    ada.expect(json!({"action": "sign_in", "login": ADA, "password": NEW_PASSWORD}), "applications");
    ada.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    let (status, _, asked_again) = page(&ada, &quest);
    assert!(status == 200 && asked_again.contains("name=\"ticket\""), "asked again after signing out");
    // The school's own app asks nothing.
    assert!(param(&query_of(&ada.redirected(&with_pkce("homework", HOMEWORK)), HOMEWORK), "code").is_some());
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    let quest_records: Vec<(&str, &str)> = audit
        .iter()
        .filter(|e| e.event == "single_sign_on" && e.detail.contains("(quest)"))
        .map(|e| (e.outcome.as_str(), e.detail.as_str()))
        .collect();
    assert!(quest_records.iter().any(|(o, d)| *o == "refused" && d.contains("did not allow")), "{quest_records:?}");
    assert!(quest_records.iter().any(|(o, d)| *o == "ok" && d.contains("allowed it")), "{quest_records:?}");
    let metrics = server.as_device(None).get("/metrics").1;
    assert!(metrics.contains(r#"gatehouse_single_sign_ons_total{app="quest",outcome="consent_asked"}"#), "{metrics}");
}

/// The consent page's answer from the page itself: where the browser is sent.
fn answer_redirect(browser: &Browser, ticket: &str, decision: &str) -> String {
    let r = answer(browser, ticket, decision, ORIGIN);
    assert_eq!(r.status().as_u16(), 303, "{:?}", r.text());
    r.headers()["location"].to_str().unwrap().to_owned()
}

#[test]
fn a_refusal_in_the_browser_is_in_the_browsers_language_when_nobody_is_signed_in_and_in_the_schools_colours() {
    let (_school, server) = school_with_apps();
    let browser = Browser::new(&server);
    let r = browser
        .request(reqwest::Method::GET, &with_pkce("nobody", HOMEWORK))
        .header("accept-language", "fr-FR, ta;q=0.9, en;q=0.8")
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let text = r.text().unwrap();
    assert!(text.contains("<html lang=\"ta\">") && text.contains("பதிவுசெய்யப்படவில்லை"), "{text}");
    assert!(text.contains("href=\"/gatehouse-pages.css\""));
    // In the school's clothes: its portal's name and organisation, its colour.
    assert!(text.contains("<header><strong>MIMS Portal</strong><span>Ministry of Education, Singapore</span></header>"));
    let css = browser.request(reqwest::Method::GET, "/gatehouse-pages.css").send().unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    let css = css.text().unwrap();
    assert!(css.contains("header{background:#0b4a82;") && !css.contains("COLOUR"), "{css}");
}

/// An app's back-channel logout endpoint on the loopback: each request's path and body, as they
/// arrive, answered 200.
fn logout_receiver() -> (String, std::sync::mpsc::Receiver<(String, String)>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/backchannel", listener.local_addr().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut first, mut length) = (String::new(), 0usize);
            reader.read_line(&mut first).unwrap();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        length = value.trim().parse().unwrap();
                    }
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").unwrap();
            let path = first.split(' ').nth(1).unwrap_or_default().to_owned();
            if tx.send((path, String::from_utf8(body).unwrap())).is_err() {
                return;
            }
        }
    });
    (url, rx)
}

/// The claims of a token this provider signed, checked against its published keys as an app
/// would: ES256, the issuer, Homework Hub as the audience.
fn verified(browser: &Browser, token: &str) -> (jsonwebtoken::Header, Value) {
    let header = jsonwebtoken::decode_header(token).unwrap();
    let jwks: JwkSet = browser.request(reqwest::Method::GET, "/oidc/jwks").send().unwrap().json().unwrap();
    let key = DecodingKey::from_jwk(jwks.find(header.kid.as_deref().unwrap()).unwrap()).unwrap();
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_issuer(&[ORIGIN]);
    validation.set_audience(&["homework"]);
    (header, jsonwebtoken::decode::<Value>(token, &key, &validation).unwrap().claims)
}

#[test]
fn signing_out_of_gatehouse_tells_each_app_signed_in_from_that_browser_once_with_a_signed_logout_token() {
    let (url, told) = logout_receiver();
    let school = School::new();
    let server = serve_apps_with(&school, "backchannel", &format!("backchannel_logout_uri = {url:?}\n"));
    let temporary = school.student(ADA, "Ada Lim");
    let discovery: Value = Browser::new(&server)
        .request(reqwest::Method::GET, "/.well-known/openid-configuration")
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(discovery["backchannel_logout_session_supported"], true);
    // Ada at home and on a laptop: two sessions, two sids.
    let mut home = Browser::new(&server);
    ada_through_to_the_dashboard(&mut home, &temporary);
    let mut laptop = Browser::new(&server);
    laptop.open();
    laptop.expect(json!({"action": "sign_in", "login": ADA, "password": NEW_PASSWORD}), "applications");
    laptop.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    let sid = |browser: &Browser| {
        let tokens = homework_tokens(browser);
        verified(browser, tokens["id_token"].as_str().unwrap()).1["sid"].as_str().unwrap().to_owned()
    };
    let (home_sid, laptop_sid) = (sid(&home), sid(&laptop));
    assert_ne!(home_sid, laptop_sid);
    assert_eq!(sid(&home), home_sid, "one sid per session");
    let wait = || told.recv_timeout(std::time::Duration::from_secs(10)).expect("the app is told");
    let quiet = || told.recv_timeout(std::time::Duration::from_millis(1500)).is_err();
    // Signed out with the page's Sign out (the wizard's action): the app hears of that session.
    home.expect(json!({"action": "sign_out"}), "signed_out");
    let (path, body) = wait();
    assert_eq!(path, "/backchannel");
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let token = param(&form, "logout_token").expect("a logout_token");
    let (header, claims) = verified(&home, token);
    assert_eq!(header.typ.as_deref(), Some("logout+jwt"));
    assert_eq!(claims["sid"], home_sid.as_str());
    assert!(claims["events"]["http://schemas.openid.net/event/backchannel-logout"].is_object(), "{claims}");
    assert!(claims["sub"].is_string() && claims["jti"].is_string() && claims.get("nonce").is_none(), "{claims}");
    assert_eq!(claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(), 120);
    assert!(quiet(), "told once, and nothing of the laptop's session");
    assert_eq!(laptop.open().1["screen"], "dashboard", "the laptop stays signed in");
    // A logout token is no ID token (Back-Channel Logout 1.0 §2.4): brought to the sign-out as
    // one (it names Ada and the app), it signs nobody out.
    let hinted = format!(
        "/oidc/logout?{}",
        url::form_urlencoded::Serializer::new(String::new()).append_pair("id_token_hint", token).finish()
    );
    assert_eq!(laptop.request(reqwest::Method::GET, &hinted).send().unwrap().status().as_u16(), 400);
    assert_eq!(laptop.open().1["screen"], "dashboard", "the logout token ended nothing");
    // The laptop signs out (the page's session ends): its sid.
    let (status, _) = laptop.post("/web/v1/sign-out", &json!({}));
    assert_eq!(status, 200);
    let (_, body) = wait();
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    assert_eq!(verified(&laptop, param(&form, "logout_token").unwrap()).1["sid"], laptop_sid.as_str());
    // A session the app never signed in from, and the app's own sign-out, tell it nothing.
    let mut third = Browser::new(&server);
    third.open();
    third.expect(json!({"action": "sign_in", "login": ADA, "password": NEW_PASSWORD}), "applications");
    third.expect(json!({"action": "sign_out"}), "signed_out");
    third.open();
    third.expect(json!({"action": "sign_in", "login": ADA, "password": NEW_PASSWORD}), "applications");
    third.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
    let id_token = homework_tokens(&third)["id_token"].as_str().unwrap().to_owned();
    let logout = format!(
        "/oidc/logout?{}",
        url::form_urlencoded::Serializer::new(String::new()).append_pair("id_token_hint", &id_token).finish()
    );
    assert_eq!(third.redirected(&logout), "/");
    assert!(quiet(), "the app that asked is not told again");
    let metrics = server.as_device(None).get("/metrics").1;
    let line = r#"gatehouse_single_sign_ons_total{app="homework",outcome="logout_ok"} 2"#;
    assert!(metrics.lines().any(|l| l == line), "{line} in\n{metrics}");
}

/// Homework Hub told of sign-outs at `url`, and Ada at a lab kiosk's window through her first
/// sign-in to the dashboard: the school, the server, the window's token and its first app.
fn ada_at_a_window_with_homework(name: &str, url: &str) -> (School, Server, String, String) {
    let school = School::new();
    let server = serve_apps_with(&school, name, &format!("backchannel_logout_uri = {url:?}\n"));
    let temporary = school.student(ADA, "Ada Lim");
    let (window, _) = server.new_session(None);
    let mut dashboard = Value::Null;
    for (action, screen) in first_sign_in_steps(ADA, &temporary) {
        dashboard = server.expect(&window, action, screen);
    }
    let tile = dashboard["apps"][0]["id"].as_str().unwrap().to_owned();
    (school, server, window, tile)
}

/// The `sid` of the logout token in a back-channel logout's body.
fn told_sid(browser: &Browser, body: &str) -> String {
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    verified(browser, param(&form, "logout_token").expect("a logout_token")).1["sid"].as_str().unwrap().to_owned()
}

/// The `sid` of Homework Hub's ID token for a sign-in from `browser`.
fn homework_sid(browser: &Browser) -> String {
    let tokens = homework_tokens(browser);
    verified(browser, tokens["id_token"].as_str().unwrap()).1["sid"].as_str().unwrap().to_owned()
}

#[test]
fn a_windows_sign_out_and_the_kiosks_idle_wipe_tell_the_apps_signed_in_from_the_browser_it_handed_to() {
    let (url, told) = logout_receiver();
    let (_school, server, window, tile) = ada_at_a_window_with_homework("handed", &url);
    let wait = || told.recv_timeout(std::time::Duration::from_secs(10)).expect("the app is told");
    for (round, how) in ["the window's Sign out", "the kiosk's idle wipe"].into_iter().enumerate() {
        if round > 0 {
            server.expect(
                &window,
                json!({"action": "sign_in", "login": ADA, "password": NEW_PASSWORD}),
                "applications",
            );
            server.expect(&window, json!({"action": "open_app", "app": "icon"}), "dashboard");
        }
        // The window hands her session to the browser, which signs in to Homework Hub with it.
        let mut browser = Browser::new(&server);
        follow(&mut browser, &hand_off_path(&server, &window, &tile));
        let sid = homework_sid(&browser);
        if round == 0 {
            server.expect(&window, act("sign_out"), "signed_out");
        } else {
            assert_eq!(server.end(&window).0, 200);
        }
        assert_eq!(told_sid(&browser, &wait().1), sid, "{how}: the app hears of the browser's session");
        assert_eq!(browser.open().1["screen"], "sign_in", "{how}: the browser's session has ended");
    }
    assert!(told.recv_timeout(std::time::Duration::from_millis(1500)).is_err(), "each told once");
}

#[test]
fn signing_out_in_one_browser_a_window_handed_to_tells_the_apps_of_the_other() {
    let (url, told) = logout_receiver();
    let (_school, server, window, tile) = ada_at_a_window_with_homework("siblings", &url);
    // Two apps opened from the window, each in a browser of its own (the kiosk's app window, the
    // machine's browser); each signs in to Homework Hub.
    let mut first = Browser::new(&server);
    follow(&mut first, &hand_off_path(&server, &window, &tile));
    let mut second = Browser::new(&server);
    follow(&mut second, &hand_off_path(&server, &window, &tile));
    let (first_sid, second_sid) = (homework_sid(&first), homework_sid(&second));
    // Sign out in the first: the window's session ends, and so does the second browser's; the
    // app hears of both.
    first.open();
    first.expect(act("sign_out"), "signed_out");
    let mut heard = Vec::new();
    for _ in 0..2 {
        let (_, body) = told.recv_timeout(std::time::Duration::from_secs(10)).expect("the app is told");
        heard.push(told_sid(&first, &body));
    }
    heard.sort();
    let mut expected = vec![first_sid, second_sid];
    expected.sort();
    assert_eq!(heard, expected);
    assert_eq!(server.current(&window).0, 401, "the window's session has ended");
    assert_eq!(second.open().1["screen"], "sign_in", "so has the other browser's");
    assert!(told.recv_timeout(std::time::Duration::from_millis(1500)).is_err(), "each told once");
}

#[test]
fn an_app_that_cannot_be_reached_does_not_hold_up_the_sign_out_and_is_counted() {
    // An address where nothing listens any more.
    let gone = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let school = School::new();
    let uri = format!("http://{gone}/backchannel");
    let server = serve_apps_with(&school, "unreachable", &format!("backchannel_logout_uri = {uri:?}\n"));
    let temporary = school.student(ADA, "Ada Lim");
    let mut ada = Browser::new(&server);
    ada_through_to_the_dashboard(&mut ada, &temporary);
    homework_tokens(&ada);
    ada.expect(json!({"action": "sign_out"}), "signed_out");
    assert_ne!(ada.open().1["screen"], "dashboard", "signed out all the same");
    let line = r#"gatehouse_single_sign_ons_total{app="homework",outcome="logout_unreachable"} 1"#;
    let counted = (0..100).any(|_| {
        let metrics = server.as_device(None).get("/metrics").1;
        metrics.lines().any(|l| l == line) || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            false
        }
    });
    assert!(counted, "{line} in\n{}", server.as_device(None).get("/metrics").1);
}

/// The ID token the code in `location` (a redirect to Homework Hub) redeems for.
fn homework_id_token(browser: &Browser, location: &str) -> String {
    let back = query_of(location, HOMEWORK);
    let code = param(&back, "code").unwrap_or_else(|| panic!("no code in {location}")).to_owned();
    let form = homework_form(&code);
    let (status, tokens) = redeem(browser, &form, None);
    assert_eq!(status, 200, "{tokens}");
    tokens["id_token"].as_str().unwrap().to_owned()
}

/// The claims of the ID token the code in `location` (a redirect to Homework Hub) redeems for.
fn id_token_claims(browser: &Browser, location: &str) -> Value {
    let token = homework_id_token(browser, location);
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[test]
fn an_id_token_hint_naming_someone_other_than_the_person_signed_in_is_answered_login_required() {
    let (school, server) = school_with_apps();
    let ada_temporary = school.student(ADA, "Ada Lim");
    let mut ada = Browser::new(&server);
    ada_through_to_the_dashboard(&mut ada, &ada_temporary);
    let hint = homework_id_token(&ada, &ada.redirected(&with_pkce("homework", HOMEWORK)));
    let hinted = format!("{}&prompt=none&id_token_hint={hint}", with_pkce("homework", HOMEWORK));
    // Ada's own browser: a silent check naming her gets a code.
    assert!(param(&query_of(&ada.redirected(&hinted), HOMEWORK), "code").is_some());
    // The next pupil on a shared computer: the app named Ada, so nobody is vouched for.
    const BEA: &str = "Bea_Tan@students.edu.sg";
    let bea_temporary = school.student(BEA, "Bea Tan");
    let mut bea = Browser::new(&server);
    bea.open();
    for (action, screen) in first_sign_in_steps(BEA, &bea_temporary) {
        bea.expect(action, screen);
    }
    let refused = query_of(&bea.redirected(&hinted), HOMEWORK);
    assert_eq!((param(&refused, "error"), param(&refused, "code")), (Some("login_required"), None));
    // A hint that is not an ID token of ours (a signature character changed): invalid_request.
    let at = hint.rfind('.').unwrap() + 5;
    let changed = if &hint[at..=at] == "A" { "B" } else { "A" };
    let forged =
        format!("{}&id_token_hint={}{changed}{}", with_pkce("homework", HOMEWORK), &hint[..at], &hint[at + 1..]);
    assert_eq!(param(&query_of(&ada.redirected(&forged), HOMEWORK), "error"), Some("invalid_request"));
}

fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[test]
fn prompt_login_and_an_exceeded_max_age_sign_the_pupil_in_afresh_and_auth_time_says_when_she_signed_in() {
    let (school, server) = school_with_apps();
    let temporary = school.student(ADA, "Ada Lim");
    let mut browser = Browser::new(&server);
    let first = unix_now();
    ada_through_to_the_dashboard(&mut browser, &temporary);
    std::thread::sleep(std::time::Duration::from_secs(2));
    // auth_time is when she signed in, not when the code was made.
    let claims = id_token_claims(&browser, &browser.redirected(&with_pkce("homework", HOMEWORK)));
    let auth_time = claims["auth_time"].as_i64().unwrap();
    assert!((first..=unix_now() - 2).contains(&auth_time), "{claims}");

    // Asked for no page, a sign-in older than max_age is answered login_required.
    let passive = format!("{}&max_age=1&prompt=none", with_pkce("homework", HOMEWORK));
    let refused = query_of(&browser.redirected(&passive), HOMEWORK);
    assert_eq!(param(&refused, "error"), Some("login_required"));
    let both = format!("{}&prompt=none%20login", with_pkce("homework", HOMEWORK));
    assert_eq!(param(&query_of(&browser.redirected(&both), HOMEWORK), "error"), Some("invalid_request"));
    let bad = format!("{}&max_age=soon", with_pkce("homework", HOMEWORK));
    assert_eq!(param(&query_of(&browser.redirected(&bad), HOMEWORK), "error"), Some("invalid_request"));

    for extra in ["&prompt=login", "&max_age=1"] {
        let path = format!("{}{extra}", with_pkce("homework", HOMEWORK));
        // The earlier sign-in is not relied on: a page asks her to sign in again. The page
        // itself changes nothing (any site could link here): she is still signed in.
        let (status, _, asked) = page(&browser, &path);
        assert_eq!(status, 200, "{extra}: {asked}");
        assert!(asked.contains("Homework Hub asks you to sign in again"), "{asked}");
        assert_eq!(browser.open().1["screen"], "dashboard", "{extra}");
        // Her choice: the session ends, and the sign-in page comes back to the same request.
        assert_eq!(browser.sign_in_again(&asked), path);
        let (_, screen, _) = browser.open();
        assert_eq!(screen["screen"], "sign_in", "{extra}: the old session ended");
        let again = unix_now();
        browser.expect(json!({"action": "sign_in", "login": ADA, "password": NEW_PASSWORD}), "applications");
        browser.expect(json!({"action": "open_app", "app": "icon"}), "dashboard");
        let claims = id_token_claims(&browser, &browser.redirected(&path));
        assert!(claims["auth_time"].as_i64().unwrap() >= again, "{extra}: {claims}");
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    let sign_outs = audit.iter().filter(|e| e.subject == ADA && e.event == "sign_out").count();
    assert_eq!(sign_outs, 2, "each fresh sign-in ended the one before, audited: {audit:?}");
}
