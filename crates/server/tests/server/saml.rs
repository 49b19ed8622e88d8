//! Gatehouse as a SAML 2.0 identity provider (issue 18 §1) over HTTPS: the metadata, a signed
//! response that xmlsec1 (the command-line tool, an oracle independent of the server's
//! signing) verifies against the published certificate and that answers the request for its
//! app's audience and address with a short validity; and every refusal — an unknown app, an
//! unregistered address, an old, malformed or replayed request, a pupil at a staff app.
//! (`make e2e-browser` walks it in Chromium with a pysaml2 service provider.)

use std::io::Write;
use std::process::Command;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use gatehouse_core::demo;
use gatehouse_core::otp::{self, OtpParams};
use serde_json::json;

use crate::support::*;
use crate::web::{serve_page, Browser, ORIGIN};

const SP: &str = "https://staff.school.example/saml/metadata";
const ACS: &str = "https://staff.school.example/saml/acs";

/// A school whose server signs for one staff-only SAML app, with a certificate made by openssl.
fn school_with_saml_app() -> (School, Server) {
    let school = School::new();
    let dir = school.dir.path();
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=gatehouse test"])
        .arg("-keyout")
        .arg(dir.join("saml.key"))
        .arg("-out")
        .arg(dir.join("saml.crt"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let saml = format!(
        "[saml]\nsigning_certificate = \"saml.crt\"\nsigning_key = \"saml.key\"\n\
         [[saml.apps]]\nentity_id = {SP:?}\nname = \"Staff Portal\"\nacs_url = {ACS:?}\nfor = [\"staff\"]\n"
    );
    let server = serve_page(&school, "saml", &saml);
    demo::seed(&school.engine()).unwrap();
    (school, server)
}

/// An AuthnRequest of `issuer` for `acs`, issued `age` seconds ago, in the HTTP-Redirect
/// binding's encoding (raw DEFLATE, base64, URL-encoded).
fn request(id: &str, issuer: &str, acs: &str, age: i64) -> String {
    request_asking(id, issuer, acs, age, "", "")
}

/// [`request`] with more `attributes` (`ForceAuthn="true"`, …) and a `subject` element.
fn request_asking(id: &str, issuer: &str, acs: &str, age: i64, attributes: &str, subject: &str) -> String {
    let instant = (chrono::Utc::now() - chrono::Duration::seconds(age)).format("%Y-%m-%dT%H:%M:%SZ");
    let xml = format!(
        r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{id}" Version="2.0" IssueInstant="{instant}" AssertionConsumerServiceURL="{acs}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" {attributes}><saml:Issuer>{issuer}</saml:Issuer>{subject}</samlp:AuthnRequest>"#
    );
    let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    deflate.write_all(xml.as_bytes()).unwrap();
    let encoded = STANDARD.encode(deflate.finish().unwrap());
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("SAMLRequest", &encoded)
        .append_pair("RelayState", "/inbox")
        .finish();
    format!("/saml/sso?{query}")
}

/// The demo administrator (staff, a tested authenticator) through iCON's door in `browser`.
fn teacher_signed_in(browser: &mut Browser) {
    browser.open();
    browser
        .expect(json!({"action": "sign_in", "login": demo::ADMIN_LOGIN, "password": demo::PASSWORD}), "applications");
    browser.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    let secret = otp::parse_base32(demo::ADMIN_TOTP_SECRET).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let code = otp::totp(&secret, &OtpParams::default(), now);
    browser.expect(json!({"action": "submit_totp", "code": code}), "dashboard");
}

/// A GET's status, content security policy and body.
fn get(browser: &Browser, path: &str) -> (u16, String, String) {
    let r = browser.request(reqwest::Method::GET, path).send().unwrap();
    let csp = r.headers().get("content-security-policy").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (r.status().as_u16(), csp, r.text().unwrap())
}

/// The value of the hidden input `name` in a POST binding page.
fn hidden(page: &str, name: &str) -> Option<String> {
    let start = page.find(&format!(r#"name="{name}" value=""#))? + name.len() + 15;
    Some(page[start..].split('"').next()?.replace("&quot;", "\"").replace("&amp;", "&"))
}

/// Whether xmlsec1 verifies the Response's signature with the certificate alone.
fn xmlsec1_verifies(school: &School, xml: &str) -> bool {
    let file = school.dir.path().join("response.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmlsec1")
        .args(["--verify", "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response", "--pubkey-cert-pem"])
        .arg(school.dir.path().join("saml.crt"))
        .arg(&file)
        .output()
        .unwrap();
    out.status.success()
}

#[test]
fn the_metadata_names_the_entity_its_certificate_and_where_to_send_people() {
    let (school, server) = school_with_saml_app();
    let browser = Browser::new(&server);
    let (status, _, xml) = get(&browser, "/saml/metadata");
    assert_eq!(status, 200);
    assert!(xml.contains(&format!(r#"entityID="{ORIGIN}/saml/metadata""#)), "{xml}");
    assert!(xml.contains(&format!(r#"Location="{ORIGIN}/saml/sso""#)), "{xml}");
    let pem = std::fs::read_to_string(school.dir.path().join("saml.crt")).unwrap();
    let cert: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(xml.contains(&cert), "the signing certificate is published");
    assert!(!xml.contains("PRIVATE"), "{xml}");
}

#[test]
fn a_teacher_gets_a_signed_response_for_the_apps_request_that_xmlsec1_verifies_and_only_once() {
    let (school, server) = school_with_saml_app();
    let mut browser = Browser::new(&server);
    // Not signed in: to the sign-in page, which will continue with the same request.
    browser.open();
    let path = request("_req-one", SP, ACS, 0);
    let to_page = browser.redirected(&path);
    assert!(to_page.starts_with("/?continue=%2Fsaml%2Fsso%3F"), "{to_page}");
    teacher_signed_in(&mut browser);
    let answer = browser.request(reqwest::Method::GET, &path).send().unwrap();
    let header = |name: &str| answer.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    // The page carries an assertion that signs its bearer in: no cache may keep it.
    assert_eq!((header("cache-control"), header("pragma")), ("no-store".to_owned(), "no-cache".to_owned()));
    let csp = header("content-security-policy");
    let (status, page) = (answer.status().as_u16(), answer.text().unwrap());
    assert_eq!(status, 200, "{page}");
    assert!(csp.split("; ").any(|d| d == "form-action https://staff.school.example"), "{csp}");
    assert!(page.contains(&format!(r#"action="{ACS}""#)), "{page}");
    assert_eq!(hidden(&page, "RelayState").as_deref(), Some("/inbox"));
    let xml = String::from_utf8(STANDARD.decode(hidden(&page, "SAMLResponse").unwrap()).unwrap()).unwrap();
    assert!(xmlsec1_verifies(&school, &xml), "xmlsec1 verifies the signature:\n{xml}");
    // Signed RSA-SHA256 over a SHA-256 digest: no SHA-1 anywhere.
    assert!(xml.contains(r#"DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256""#), "{xml}");
    assert!(!xml.to_ascii_lowercase().contains("sha1"), "{xml}");
    for expected in [
        r#"InResponseTo="_req-one""#.to_owned(),
        format!(r#"Destination="{ACS}""#),
        format!("<saml2:Audience>{SP}</saml2:Audience>"),
        format!(r#"Recipient="{ACS}""#),
        format!(">{}</saml2:NameID>", demo::ADMIN_LOGIN),
        "NotOnOrAfter=".to_owned(),
    ] {
        let found = xml.contains(&expected) || xml.contains(&expected.replace("saml2:", "saml:"));
        assert!(found, "{expected} in\n{xml}");
    }
    // The validity is short: five minutes.
    let until = xml.split("NotOnOrAfter=\"").nth(1).unwrap().split('"').next().unwrap();
    let until = chrono::DateTime::parse_from_rfc3339(until).unwrap();
    let left = until.signed_duration_since(chrono::Utc::now()).num_seconds();
    assert!((240..=301).contains(&left), "{left} s");
    // Another person's name put in: the signature no longer holds.
    let forged = xml.replace(demo::ADMIN_LOGIN, "Henry_Wong@hq.moe.gov.sg");
    assert!(!xmlsec1_verifies(&school, &forged));
    // The same request again gets nothing.
    let (status, _, again) = get(&browser, &path);
    assert_eq!(status, 400);
    assert!(again.contains("already answered") && !again.contains("SAMLResponse"), "{again}");
    // IdP-initiated: a response answering no request.
    let (status, _, started) = get(
        &browser,
        &format!("/saml/start?app={}", url::form_urlencoded::byte_serialize(SP.as_bytes()).collect::<String>()),
    );
    assert_eq!(status, 200, "{started}");
    let xml = String::from_utf8(STANDARD.decode(hidden(&started, "SAMLResponse").unwrap()).unwrap()).unwrap();
    assert!(xmlsec1_verifies(&school, &xml) && !xml.contains("InResponseTo"), "{xml}");
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    let sso =
        audit.iter().filter(|e| e.event == "single_sign_on" && e.outcome == "ok" && e.detail.contains("Staff Portal"));
    assert_eq!(sso.count(), 2, "{audit:?}");
}

#[test]
fn unknown_apps_other_addresses_old_malformed_requests_and_a_pupil_are_refused() {
    let (school, server) = school_with_saml_app();
    let mut browser = Browser::new(&server);
    teacher_signed_in(&mut browser);
    let garbage = "/saml/sso?SAMLRequest=bm90IGRlZmxhdGVk";
    for (path, says) in [
        (request("_a", "https://evil.example/metadata", ACS, 0), "not registered"),
        (request("_b", SP, "https://evil.example/acs", 0), "not the one registered"),
        (request("_c", SP, ACS, 1200), "too old"),
        (request("_d", SP, ACS, -1200), "too old"),
        (garbage.to_owned(), "not a SAML sign-in request"),
        ("/saml/sso".to_owned(), "not a SAML sign-in request"),
        ("/saml/start?app=https%3A%2F%2Fevil.example%2F".to_owned(), "not registered"),
    ] {
        let (status, _, page) = get(&browser, &path);
        assert_eq!(status, 400, "{path}: {page}");
        assert!(page.contains(says) && !page.contains("SAMLResponse"), "{path}: {page}");
    }
    // A pupil through iCON's door: this staff app is not for her.
    let mut pupil = Browser::new(&server);
    pupil.open();
    pupil.expect(
        json!({"action": "sign_in", "login": "Chloe_Ng@students.edu.sg", "password": demo::PASSWORD}),
        "applications",
    );
    let (_, opened) = pupil.act(&json!({"action": "open_app", "app": "icon"}));
    if opened["screen"] == "terms" {
        pupil.expect(json!({"action": "accept_terms"}), "dashboard");
    }
    let (status, _, page) = get(&pupil, &request("_e", SP, ACS, 0));
    assert_eq!(status, 400);
    assert!(page.contains("not for your account") && !page.contains("SAMLResponse"), "{page}");
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    assert!(
        audit.iter().any(|e| e.event == "single_sign_on" && e.outcome == "refused" && e.subject.starts_with("Chloe")),
        "{audit:?}"
    );
}

#[test]
fn a_missing_certificate_a_key_that_is_not_rsa_or_apps_without_the_page_stop_the_server_at_start() {
    let school = School::new();
    let dir = school.dir.path();
    std::fs::write(dir.join("ec.key"), rcgen::KeyPair::generate().unwrap().serialize_pem()).unwrap();
    let cert = rcgen::generate_simple_self_signed(vec!["gatehouse".into()]).unwrap();
    std::fs::write(dir.join("ec.crt"), cert.cert.pem()).unwrap();
    std::fs::create_dir_all(dir.join("web")).unwrap();
    std::fs::write(dir.join("web/index.html"), "<!doctype html>").unwrap();
    let app = |cert: &str, key: &str| {
        format!(
            "[saml]\nsigning_certificate = {cert:?}\nsigning_key = {key:?}\n[[saml.apps]]\nentity_id = {SP:?}\n\
             name = \"Staff Portal\"\nacs_url = {ACS:?}\nfor = [\"staff\"]\n"
        )
    };
    let page = format!("web_root = \"web\"\npublic_url = \"{ORIGIN}\"\n");
    for (name, server, says) in [
        ("no-cert", format!("{page}{}", app("none.crt", "ec.key")), "saml.signing_certificate"),
        ("not-rsa", format!("{page}{}", app("ec.crt", "ec.key")), "not an RSA private key"),
        ("no-page", app("ec.crt", "ec.key"), "server.web_root and public_url"),
    ] {
        let config = dir.join(format!("{name}.toml"));
        std::fs::write(&config, school.config_text(&server)).unwrap();
        let stderr = refused_start(&config);
        assert!(stderr.contains(says), "{name}: {stderr}");
        assert!(!stderr.contains("BEGIN PRIVATE KEY"), "a key is never shown: {stderr}");
    }
}

#[test]
fn the_sign_in_page_learns_the_name_of_the_registered_app_a_request_waits_with_and_of_no_other() {
    let (_school, server) = school_with_saml_app();
    let browser = Browser::new(&server);
    let waiting = |to: &str| browser.waiting(to);
    assert_eq!(waiting(&request("_w", SP, ACS, 0))["app"], "Staff Portal");
    let start = format!("/saml/start?app={}", url::form_urlencoded::byte_serialize(SP.as_bytes()).collect::<String>());
    assert_eq!(waiting(&start)["app"], "Staff Portal");
    for other in [
        request("_x", "https://evil.example/metadata", ACS, 0),
        "/saml/sso?SAMLRequest=bm90".into(),
        "/elsewhere?app=x".into(),
        String::new(),
    ] {
        assert!(waiting(&other)["app"].is_null(), "{other}");
    }
}

/// A POST of the signed-out page's form from `origin`: its status and page.
fn post_signed_out(browser: &Browser, origin: &str) -> (u16, String, Option<String>) {
    let r = browser
        .request(reqwest::Method::POST, "/saml/signed-out")
        .header("origin", origin)
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .unwrap();
    let cookie = r.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_owned());
    (r.status().as_u16(), r.text().unwrap(), cookie)
}

#[test]
fn after_the_apps_own_sign_out_its_page_signs_the_person_out_of_gatehouse_too_from_its_own_form_only() {
    let (school, server) = school_with_saml_app();
    let mut browser = Browser::new(&server);
    teacher_signed_in(&mut browser);
    let path =
        format!("/saml/signed-out?app={}", url::form_urlencoded::byte_serialize(SP.as_bytes()).collect::<String>());
    let (status, _, page) = get(&browser, &path);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("You have signed out of Staff Portal"), "{page}");
    assert!(page.contains("still signed in to Gatehouse in this browser as Irene Tan"), "{page}");
    assert!(page.contains(r#"<form method="post" action="/saml/signed-out">"#), "{page}");
    // The form's `Origin` reaches the server (it is `null` under `no-referrer`); nothing is cached.
    let answer = browser.request(reqwest::Method::GET, &path).send().unwrap();
    let header = |name: &str| answer.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert_eq!(header("referrer-policy").as_deref(), Some("same-origin"));
    assert_eq!(header("cache-control").as_deref(), Some("no-store"));
    let (_, _, unnamed) = get(&browser, "/saml/signed-out?app=https://unknown.example/");
    assert!(unnamed.contains("You have signed out of the app"), "{unnamed}");

    // Another site's form signs nobody out.
    let (status, page, cookie) = post_signed_out(&browser, "https://evil.example");
    assert_eq!((status, cookie), (400, None));
    assert!(page.contains(r#"data-reason="sso-refused-sign-out-elsewhere""#), "{page}");
    assert_eq!(browser.open().1["screen"], "dashboard");

    // The page's own form: signed out (audited), the cookie removed, the session gone.
    let (status, page, cookie) = post_signed_out(&browser, ORIGIN);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(r#"id="signed-out""#), "{page}");
    assert!(cookie.is_some_and(|c| c.starts_with("__Host-gatehouse=;")), "the cookie is removed");
    let query = gatehouse_core::audit::AuditQuery { event: Some("sign_out".into()), ..Default::default() };
    let records = school.engine().store().audit(&query).unwrap();
    assert_eq!(records.iter().filter(|r| r.actor == demo::ADMIN_LOGIN).count(), 1, "{records:?}");
    assert_eq!(browser.open().1["screen"], "sign_in");
    // The form again, with nobody signed in (a second press, an old tab): it only says so.
    let (status, page, _) = post_signed_out(&browser, ORIGIN);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(r#"id="signed-out""#), "{page}");
    assert_eq!(school.engine().store().audit(&query).unwrap().len(), records.len(), "no second sign-out");
    // Nobody signed in any more: the page only says so.
    let (status, _, page) = get(&browser, &path);
    assert_eq!(status, 200);
    assert!(page.contains(r#"id="signed-out""#) && !page.contains("<form"), "{page}");
}

/// The SAMLResponse a POST binding page carries, as XML.
fn response_xml(page: &str) -> String {
    let encoded = hidden(page, "SAMLResponse").unwrap_or_else(|| panic!("no SAMLResponse in {page}"));
    String::from_utf8(STANDARD.decode(encoded).unwrap()).unwrap()
}

/// The assertion's `AuthnInstant`, in Unix seconds.
fn authn_instant(xml: &str) -> i64 {
    let at = xml.split("AuthnInstant=\"").nth(1).unwrap_or_else(|| panic!("no AuthnInstant in {xml}"));
    chrono::DateTime::parse_from_rfc3339(at.split('"').next().unwrap()).unwrap().timestamp()
}

#[test]
fn force_authn_signs_the_teacher_in_afresh_and_authn_instant_says_when_she_proved_who_she_is() {
    let (school, server) = school_with_saml_app();
    let mut browser = Browser::new(&server);
    let first = chrono::Utc::now().timestamp();
    teacher_signed_in(&mut browser);
    std::thread::sleep(std::time::Duration::from_secs(2));
    // AuthnInstant is when she gave her code at iCON's door, not when the answer was made.
    let (status, _, page) = get(&browser, &request("_req-plain", SP, ACS, 0));
    assert_eq!(status, 200, "{page}");
    let instant = authn_instant(&response_xml(&page));
    assert!((first..=chrono::Utc::now().timestamp() - 2).contains(&instant), "{instant}");

    // ForceAuthn: the earlier sign-in is not relied on. A page asks her to sign in again
    // (changing nothing by itself); her choice ends the session (audited), the cookie goes,
    // and the sign-in page comes back with the same request.
    let path = request_asking("_req-force", SP, ACS, 0, r#"ForceAuthn="true""#, "");
    let (status, _, asked) = get(&browser, &path);
    assert_eq!(status, 200, "{asked}");
    assert!(asked.contains("Staff Portal asks you to sign in again") && !asked.contains("SAMLResponse"), "{asked}");
    assert_eq!(browser.open().1["screen"], "dashboard", "still signed in");
    assert_eq!(browser.sign_in_again(&asked), path);
    assert_eq!(browser.open().1["screen"], "sign_in", "the old session ended");
    // Her authenticator's next code (the one she used is spent), then the same request.
    let secret = otp::parse_base32(demo::ADMIN_TOTP_SECRET).unwrap();
    let step = |t: u64| otp::totp(&secret, &OtpParams::default(), t);
    let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let next_step = (now() / 30 + 1) * 30;
    std::thread::sleep(std::time::Duration::from_secs(next_step.saturating_sub(now())));
    let again = chrono::Utc::now().timestamp();
    browser
        .expect(json!({"action": "sign_in", "login": demo::ADMIN_LOGIN, "password": demo::PASSWORD}), "applications");
    browser.expect(json!({"action": "open_app", "app": "icon"}), "totp_prompt");
    browser.expect(json!({"action": "submit_totp", "code": step(now())}), "dashboard");
    let (status, _, page) = get(&browser, &path);
    assert_eq!(status, 200, "{page}");
    let xml = response_xml(&page);
    assert!(xmlsec1_verifies(&school, &xml) && xml.contains(r#"InResponseTo="_req-force""#), "{xml}");
    assert!(authn_instant(&xml) >= again, "{xml}");
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    assert_eq!(audit.iter().filter(|e| e.subject == demo::ADMIN_LOGIN && e.event == "sign_out").count(), 1);
}

#[test]
fn a_passive_request_is_answered_no_passive_and_a_request_about_someone_else_is_refused() {
    let (school, server) = school_with_saml_app();
    let mut browser = Browser::new(&server);
    browser.open();
    // IsPassive, nobody signed in: no sign-in page, but a signed Responder/NoPassive answer.
    let passive = request_asking("_req-passive", SP, ACS, 0, r#"IsPassive="true""#, "");
    let (status, _, page) = get(&browser, &passive);
    assert_eq!(status, 200, "{page}");
    let xml = response_xml(&page);
    assert!(xmlsec1_verifies(&school, &xml), "{xml}");
    let nested = r#"<saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:NoPassive"/></saml2p:StatusCode>"#;
    assert!(xml.contains(nested) && xml.contains(r#"InResponseTo="_req-passive""#), "{xml}");
    assert!(!xml.contains("Assertion"), "no one is vouched for: {xml}");
    assert_eq!(get(&browser, &passive).0, 400, "answered once");
    // ForceAuthn and IsPassive together: signing in afresh would need the page.
    teacher_signed_in(&mut browser);
    let both = request_asking("_req-both", SP, ACS, 0, r#"ForceAuthn="true" IsPassive="true""#, "");
    assert!(response_xml(&get(&browser, &both).2).contains("NoPassive"));
    // IsPassive with the teacher signed in: her assertion, no page in between.
    let (_, _, page) = get(&browser, &request_asking("_req-p2", SP, ACS, 0, r#"IsPassive="true""#, ""));
    assert!(response_xml(&page).contains(demo::ADMIN_LOGIN));

    // The app asks about someone else (a shared computer): refused, audited; about her, answered.
    let subject = |login: &str| format!("<saml:Subject><saml:NameID>{login}</saml:NameID></saml:Subject>");
    let (status, _, refused) =
        get(&browser, &request_asking("_req-other", SP, ACS, 0, "", &subject("Henry_Wong@hq.moe.gov.sg")));
    assert_eq!(status, 400);
    assert!(refused.contains("someone other than") && !refused.contains("SAMLResponse"), "{refused}");
    let audit = gatehouse_core::admin::Admin::new(school.engine(), "admin:test").audit(&Default::default()).unwrap();
    assert!(audit.iter().any(|e| e.outcome == "refused" && e.detail.contains("another person")), "{audit:?}");
    let (status, _, page) =
        get(&browser, &request_asking("_req-her", SP, ACS, 0, "", &subject(&demo::ADMIN_LOGIN.to_ascii_lowercase())));
    assert_eq!(status, 200, "{page}");
    assert!(response_xml(&page).contains(demo::ADMIN_LOGIN));
}
