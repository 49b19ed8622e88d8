//! The desktop app's console as a thin client (`gatehouse_client::RemoteConsole`) against the
//! real server: it signs in, acts, imports a file in parts with the file's own line numbers,
//! closes a kiosk, and says clearly when it is refused or the server is gone.

use std::sync::atomic::AtomicBool;

use gatehouse_client::{Error, PartLimits, RemoteConsole};
use gatehouse_core::config::Config;
use gatehouse_core::demo;
use gatehouse_core::otp::{self, OtpParams};
use gatehouse_core::types::SecretString;
use serde_json::json;

use crate::support::*;

/// The demo administrator's code `steps` periods from now (each sign-in needs a later step).
fn code(steps: i64) -> String {
    let secret = otp::parse_base32(demo::ADMIN_TOTP_SECRET).unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    otp::totp(&secret, &OtpParams::default(), (now + steps * 30) as u64)
}

/// A console of `server` as the machine holding `device`, trusting the school's certificate.
fn console(school: &School, server: &Server, device: Option<&str>) -> RemoteConsole {
    let config = Config::from_toml(&format!("[server]\nurl = {:?}\nca_file = \"server.crt\"\n", server.url)).unwrap();
    RemoteConsole::new(&config.server, school.dir.path(), device.map(|d| d.to_owned().into())).unwrap()
}

fn demo_school() -> (School, Server) {
    let school = School::new();
    demo::seed(&school.engine()).unwrap();
    let server = school.server("a", "");
    (school, server)
}

fn password() -> SecretString {
    SecretString::from(demo::PASSWORD)
}

#[test]
fn the_apps_console_signs_in_on_the_server_acts_there_and_signs_out() {
    let (school, server) = demo_school();
    let mut c = console(&school, &server, Some(&school.kiosk));
    let refused = c.request(&json!({"op": "transfers"})).unwrap_err();
    assert_eq!(refused.code(), "session_ended", "nobody signed in yet");

    let wrong = c.sign_in(demo::ADMIN_LOGIN, &password(), "000000").unwrap_err();
    assert_eq!(wrong.code(), "admin_sign_in_failed", "{wrong}");
    assert!(!c.signed_in());
    let admin = c.sign_in(demo::ADMIN_LOGIN, &password(), &code(0)).unwrap();
    assert_eq!(admin.login, demo::ADMIN_LOGIN);

    let found = c.request(&json!({"op": "search", "search": {"text": "Chloe"}})).unwrap();
    assert_eq!(found[0]["login"], "Chloe_Ng@students.edu.sg", "{found}");
    let reset = c.request(&json!({"op": "reset", "logins": ["Chloe_Ng@students.edu.sg"]})).unwrap();
    assert!(reset["slips_pdf"].as_str().is_some_and(|s| !s.is_empty()), "the slips come from the server");
    let out_of_scope = c.request(&json!({"op": "account", "login": "Ghost@students.edu.sg"})).unwrap_err();
    assert_eq!(out_of_scope.code(), "not_found");
    assert!(c.signed_in(), "a refusal keeps the administrator signed in");

    c.sign_out();
    assert!(!c.signed_in());
    assert_eq!(c.request(&json!({"op": "transfers"})).unwrap_err().code(), "session_ended");
}

#[test]
fn an_import_larger_than_one_request_goes_in_parts_and_its_errors_name_the_files_lines() {
    let (school, server) = demo_school();
    let mut c = console(&school, &server, Some(&school.kiosk));
    c.parts = PartLimits { rows: 2, bytes: 1 << 20 };
    c.sign_in(demo::ADMIN_LOGIN, &password(), &code(0)).unwrap();
    let row = |i: usize| format!("Part_{i}@students.edu.sg,Part {i},student,p4_6,{}\n", demo::LOCATION);
    // Row 3 holds a quoted line break (lines 4 and 5 of the file; a name cannot hold one), and
    // line 6 names a level that does not exist: both in the second part.
    let csv = format!(
        "login,name,kind,level,location\n{}{}{}Bad_Row@students.edu.sg,Bad Row,student,p9_9,{}\n{}",
        row(1),
        row(2),
        row(3).replace("Part 3", "\"Part\n3\""),
        demo::LOCATION,
        row(4)
    );
    let checked = c.import_check(&csv).unwrap();
    assert_eq!((checked["rows"].as_u64(), checked["good"].as_u64()), (Some(5), Some(3)), "{checked}");
    let lines =
        |v: &serde_json::Value| v["errors"].as_array().unwrap().iter().map(|e| e["line"].clone()).collect::<Vec<_>>();
    assert_eq!(lines(&checked), [4, 6], "{checked}");

    let mut seen = Vec::new();
    let done = c.import(&csv, |done, total| seen.push((done, total)), &AtomicBool::new(false)).unwrap();
    assert_eq!(seen, [(2, 5), (4, 5), (5, 5)], "progress after each part");
    assert_eq!((done["rows"].as_u64(), done["created"].as_u64()), (Some(5), Some(3)), "{done}");
    assert_eq!(lines(&done), [4, 6], "{done}");
    assert_eq!(done["errors"][1]["login"], "Bad_Row@students.edu.sg", "{done}");
    assert_eq!(done["issued"].as_array().unwrap().len(), 3);
    assert!(done["slips_pdf"].is_null(), "three parts' slips are the caller's to put together");
    let found = c.request(&json!({"op": "search", "search": {"text": "Part_"}})).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 3, "{found}");

    // Cancelled before it starts: nothing is sent.
    let again = c.import(&csv.replace("Part_", "Late_"), |_, _| {}, &AtomicBool::new(true)).unwrap();
    assert_eq!((again["created"].as_u64(), again["cancelled"].as_bool()), (Some(0), Some(true)));
}

#[test]
fn a_thin_kiosk_is_closed_through_the_server_and_a_laptop_cannot_ask() {
    let (school, server) = demo_school();
    let kiosk = console(&school, &server, Some(&school.kiosk));
    let wrong = kiosk.kiosk_exit(demo::ADMIN_LOGIN, &password(), "000000").unwrap_err();
    assert_eq!(wrong.code(), "admin_sign_in_failed", "{wrong}");
    assert_eq!(kiosk.kiosk_exit(demo::ADMIN_LOGIN, &password(), &code(0)).unwrap(), demo::ADMIN_LOGIN);
    let laptop = school.register("staff-laptop-9", false);
    let refused = console(&school, &server, Some(&laptop)).kiosk_exit(demo::ADMIN_LOGIN, &password(), &code(1));
    assert_eq!(refused.unwrap_err().code(), "device_not_kiosk");
}

#[test]
fn the_apps_console_and_a_thin_kiosk_take_an_administrators_security_key_through_the_server() {
    let (school, server) = demo_school();
    let mut key = crate::console::enrol_key(&school);
    let mut c = console(&school, &server, Some(&school.kiosk));
    let wrong = c.start_key_sign_in(demo::ADMIN_LOGIN, &SecretString::from("Wrong-Password-9"), false).unwrap_err();
    assert_eq!(wrong.code(), "admin_sign_in_failed", "{wrong}");
    let ceremony = c.start_key_sign_in(demo::ADMIN_LOGIN, &password(), false).unwrap();
    let admin = c.finish_key_sign_in(&key.sign(&ceremony)).unwrap();
    assert_eq!(admin.login, demo::ADMIN_LOGIN);
    assert!(c.request(&json!({"op": "transfers"})).is_ok());
    // A second answer without a new ceremony: nothing to answer.
    assert_eq!(c.finish_key_sign_in(&key.sign(&ceremony)).unwrap_err().code(), "session_ended");

    // At the kiosk's exit a wrong password is asked for the same touch, and refused after it
    // as a forged answer after the right one is.
    let after_wrong = c.start_key_sign_in(demo::ADMIN_LOGIN, &SecretString::from("Wrong-Password-9"), true).unwrap();
    let wrong = c.finish_key_kiosk_exit(&key.sign(&after_wrong)).unwrap_err();
    assert_eq!(wrong.code(), "admin_sign_in_failed", "{wrong}");
    c.start_key_sign_in(demo::ADMIN_LOGIN, &password(), true).unwrap();
    let refused = c.finish_key_kiosk_exit(&serde_json::json!({"id": "forged"})).unwrap_err();
    assert_eq!((refused.code(), refused.to_string()), (wrong.code(), wrong.to_string()));
    let ceremony = c.start_key_sign_in(demo::ADMIN_LOGIN, &password(), true).unwrap();
    assert_eq!(c.finish_key_kiosk_exit(&key.sign(&ceremony)).unwrap(), demo::ADMIN_LOGIN);
}

#[test]
fn a_console_whose_server_is_gone_says_it_cannot_be_reached() {
    let (school, mut server) = demo_school();
    let mut c = console(&school, &server, Some(&school.kiosk));
    c.sign_in(demo::ADMIN_LOGIN, &password(), &code(0)).unwrap();
    server.kill();
    let e = c.request(&json!({"op": "transfers"})).unwrap_err();
    assert!(matches!(e, Error::Unreachable(_)), "{e:?}");
    assert_eq!(e.code(), "server_unreachable");
    assert!(c.signed_in(), "the session may still be there when the server is back");
    let e = c.kiosk_exit(demo::ADMIN_LOGIN, &password(), &code(1)).unwrap_err();
    assert_eq!(e.code(), "server_unreachable");
}

#[test]
fn an_import_that_fails_after_its_first_part_keeps_the_passwords_already_issued() {
    let (school, server) = demo_school();
    let mut c = console(&school, &server, Some(&school.kiosk));
    c.parts = PartLimits { rows: 1, bytes: 1 << 20 };
    c.sign_in(demo::ADMIN_LOGIN, &password(), &code(0)).unwrap();
    // The second part is larger than the server takes in one request (64 KiB): 413.
    let huge = "x".repeat(70 * 1024);
    let csv = format!(
        "login,name,kind,level,location\nFirst_Part@students.edu.sg,First Part,student,p4_6,{loc}\n\
         Too_Big@students.edu.sg,{huge},student,p4_6,{loc}\nNever_Sent@students.edu.sg,Never Sent,student,p4_6,{loc}\n",
        loc = demo::LOCATION
    );
    let done = c.import(&csv, |_, _| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(done["created"], 1, "{done}");
    assert_eq!(done["issued"][0]["login"], "First_Part@students.edu.sg");
    assert!(done["issued"][0]["temporary_password"].as_str().is_some_and(|p| !p.is_empty()));
    assert_eq!(done["cancelled"], true);
    let stopped = &done["errors"][0];
    assert_eq!((stopped["line"].as_u64(), stopped["id"].as_str()), (Some(3), Some("import-stopped")), "{done}");
    assert!(stopped["reason"].as_str().unwrap().starts_with("This row and those after it were not imported"), "{done}");
    let found = c.request(&json!({"op": "search", "search": {"text": "Never_Sent"}})).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 0, "nothing after the failed part was sent");

    // A first part that fails is the import's own error: nothing was made.
    let e = c.import(
        &csv.replace("First_Part@students.edu.sg,First Part", &format!("Other@students.edu.sg,{huge}")),
        |_, _| {},
        &AtomicBool::new(false),
    );
    assert_eq!(e.unwrap_err().code(), "request_too_large");
}

/// What `count` says once it has stopped changing for two seconds (work a server still does
/// after it answered has then finished).
fn once_settled(count: impl Fn() -> usize) -> usize {
    let mut last = count();
    let mut same_since = std::time::Instant::now();
    let waiting = std::time::Instant::now();
    while same_since.elapsed() < std::time::Duration::from_secs(2) && waiting.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(250));
        let now = count();
        if now != last {
            (last, same_since) = (now, std::time::Instant::now());
        }
    }
    last
}

#[test]
fn an_import_or_class_reset_slower_than_the_request_timeout_hands_back_every_password_or_makes_nothing() {
    // Each account costs a hash of its temporary password (and a slip): hundreds take seconds.
    // Enough hashing to outlast a second on any machine: 150 passwords for each core (300 here).
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2);
    let rows = 150 * cores;
    let school = School::new();
    demo::seed(&school.engine()).unwrap();
    let server = school.server("a", "request_timeout_seconds = 1");
    let mut c = console(&school, &server, Some(&school.kiosk));
    c.sign_in(demo::ADMIN_LOGIN, &password(), &code(0)).unwrap();
    let admin = gatehouse_core::admin::Admin::new(school.engine(), "admin:test");
    let in_class = || {
        let filter = gatehouse_core::console_ops::Search { class: "9Z".into(), ..Default::default() };
        admin.list(&filter.filter().unwrap()).unwrap().len()
    };
    let resets = || {
        let query = gatehouse_core::audit::AuditQuery { event: Some("password_reset".into()), ..Default::default() };
        admin.audit(&query).unwrap().len()
    };
    let every_password_back = |done: &serde_json::Value, took: std::time::Duration| {
        let issued = done["issued"].as_array().unwrap();
        assert_eq!(issued.len(), rows);
        assert!(issued.iter().all(|i| i["temporary_password"].as_str().is_some_and(|p| !p.is_empty())));
        assert!(
            took > std::time::Duration::from_secs(1),
            "{took:?}: not slower than the timeout, so this tests nothing"
        );
    };

    let mut csv = String::from("login,name,kind,level,location,class\n");
    for i in 0..rows {
        csv.push_str(&format!("Slow_{i}@students.edu.sg,Slow Pupil,student,p4_6,{},9Z\n", demo::LOCATION));
    }
    let started = std::time::Instant::now();
    match c.import(&csv, |_, _| {}, &AtomicBool::new(false)) {
        Ok(done) => every_password_back(&done, started.elapsed()),
        Err(e) => assert_eq!(once_settled(in_class), 0, "{e}: accounts made whose passwords nobody saw"),
    }

    let before = resets();
    let started = std::time::Instant::now();
    match c.request(&json!({"op": "reset_class", "class": "9Z"})) {
        Ok(done) => every_password_back(&done, started.elapsed()),
        Err(e) => assert_eq!(once_settled(resets), before, "{e}: passwords reset that nobody saw"),
    }
}
