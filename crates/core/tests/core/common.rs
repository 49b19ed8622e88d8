//! Fixtures shared by every suite: a temporary data directory, an engine with a manual clock and a
//! seeded random source, accounts made through `admin::Admin`, and a session driven by JSON lines
//! exactly as `gatehouse-cli session` and the desktop shell drive it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use gatehouse_core::admin::{Admin, CreateRequest, IssuedPassword};
use gatehouse_core::audit::{AuditEntry, AuditQuery, Event, Outcome};
use gatehouse_core::clock::{ManualClock, Timestamp};
use gatehouse_core::config::Config;
use gatehouse_core::engine::KeyStore;
use gatehouse_core::hashing;
use gatehouse_core::mail::Mailer;
use gatehouse_core::questions;
use gatehouse_core::store::{PasswordChange, SqliteStore, Store, StoredAnswer, DB_FILE_NAME};
use gatehouse_core::types::LoginId;
use gatehouse_core::vault::Vault;
use gatehouse_core::{Engine, Session};
use rand::SeedableRng;
use serde_json::{json, Value};

pub use crate::support::Place;

/// 2026-01-05T09:00:00Z: a Monday of term, well after the staff 2FA cut-over (2023-09-27).
pub const T0: Timestamp = 1_767_603_600;
pub const MINUTE: i64 = 60;
pub const DAY: i64 = 86_400;

/// Passwords people choose in these tests (each meets the default policy for the names used).
pub const NEW_PASSWORD: &str = "Quartz-Violin-Meadow-93";
pub const OTHER_PASSWORD: &str = "Pelican-Harbour-Sky-2048";
pub const WRONG_PASSWORD: &str = "Not-The-Right-One-000";

/// The student guide's example answers (p.6), by question id.
pub const ANSWERS: [(&str, &str); 3] =
    [("favourite_colour", "yellow"), ("favourite_animal", "hamster"), ("favourite_book", "The Good Earth")];

/// A data directory, an engine on it and the clock it reads.
pub struct Env {
    /// The data directory and, with `GATEHOUSE_TEST_STORE=postgres`, the test's own database.
    pub place: Place,
    pub clock: Arc<ManualClock>,
    pub engine: Arc<Engine>,
    pub config: Config,
}

/// An account a test made, with the secrets it knows.
#[derive(Debug, Clone)]
pub struct Person {
    pub login: String,
    pub password: String,
}

impl Env {
    pub fn new() -> Self {
        Self::with_config(Config::default())
    }

    /// A configuration file's text merged onto the defaults, as `gatehouse.toml` is.
    pub fn with_toml(toml: &str) -> Self {
        Self::with_config(Config::from_toml(toml).expect("test configuration is valid"))
    }

    pub fn with_config(config: Config) -> Self {
        let place = Place::new();
        let clock = Arc::new(ManualClock::new(T0));
        let engine = engine_with(place.open(Duration::from_secs(5)), config.clone(), Arc::clone(&clock));
        Self { place, clock, engine, config }
    }

    /// As [`Env::new`], with a fixed data key (hardware tokens, authenticators) and mail to the
    /// directory's outbox.
    pub fn with_data_key() -> Self {
        Self::with_data_key_and(Config::default())
    }

    /// As [`Env::with_data_key`], with `config`.
    pub fn with_data_key_and(config: Config) -> Self {
        Self::with_key_and([7; 32], config)
    }

    /// As [`Env::with_data_key_and`], with the data key `key`.
    pub fn with_key_and(key: [u8; 32], config: Config) -> Self {
        Self::with_key_at(Place::new(), key, config)
    }

    /// As [`Env::with_key_and`], on `place`.
    pub fn with_key_at(place: Place, key: [u8; 32], config: Config) -> Self {
        let clock = Arc::new(ManualClock::new(T0));
        let engine = Engine::with_services(
            place.open(Duration::from_secs(5)),
            config.clone(),
            Arc::clone(&clock) as Arc<dyn gatehouse_core::clock::Clock>,
            Box::new(rand_chacha::ChaCha20Rng::seed_from_u64(1)),
            Mailer::from_config(&config.smtp, place.dir.path()).expect("outbox"),
            KeyStore::Fixed(Vault::from_key(key)),
        );
        Self { place, clock, engine, config }
    }

    pub fn dir(&self) -> &std::path::Path {
        self.place.dir.path()
    }

    /// The SQLite file (tests of the file itself; see [`skip_on_postgres`]).
    pub fn db_path(&self) -> PathBuf {
        self.dir().join(DB_FILE_NAME)
    }

    /// A second engine on the same store (a restart, or a second kiosk).
    pub fn reopen(&self) -> Arc<Engine> {
        engine_with(self.place.open(Duration::from_secs(5)), self.config.clone(), Arc::clone(&self.clock))
    }

    pub fn advance(&self, seconds: i64) {
        self.clock.advance(seconds);
    }

    pub fn admin(&self) -> Admin {
        Admin::new(Arc::clone(&self.engine), "admin:test")
    }

    pub fn session(&self) -> Driver {
        Driver::new(Arc::clone(&self.engine))
    }

    pub fn store(&self) -> &dyn Store {
        self.engine.store()
    }

    /// A new student with a temporary password, as an SA creates one.
    pub fn new_student(&self, login: &str, name: &str, level: &str) -> Person {
        let issued = self.admin().create(&student_request(login, name, level)).expect("create student");
        person(&issued)
    }

    /// A new school staff account with a temporary password.
    pub fn new_staff(&self, login: &str, name: &str) -> Person {
        let issued = self.admin().create(&staff_request(login, name)).expect("create staff");
        person(&issued)
    }

    /// A student who has finished onboarding: own password, the guide's three answers, terms
    /// accepted.
    pub fn active_student(&self, login: &str, name: &str, level: &str) -> Person {
        let p = self.new_student(login, name, level);
        self.finish_onboarding(p)
    }

    pub fn active_staff(&self, login: &str, name: &str) -> Person {
        let p = self.new_staff(login, name);
        self.finish_onboarding(p)
    }

    /// Sets what the first sign-in would set, directly in the store (fewer hashes than walking it).
    pub fn finish_onboarding(&self, p: Person) -> Person {
        let e = &self.engine;
        let id = self.account_id(&p.login);
        let change = PasswordChange {
            hash: hashing::hash(NEW_PASSWORD.as_bytes()).unwrap(),
            temporary_until: None,
            at: e.now(),
            was_at: None,
        };
        e.store()
            .set_password(id, &change, e.record(&p.login, &p.login, Event::PasswordChanged, Outcome::Ok, "fixture"))
            .unwrap();
        self.set_answers(&p.login);
        e.store()
            .accept_terms(id, e.now(), e.record(&p.login, &p.login, Event::TermsAccepted, Outcome::Ok, "fixture"))
            .unwrap();
        Person { password: NEW_PASSWORD.into(), ..p }
    }

    /// Stores the guide's three answers for `login`.
    pub fn set_answers(&self, login: &str) {
        let e = &self.engine;
        let answers: Vec<StoredAnswer> = ANSWERS
            .iter()
            .map(|(q, a)| StoredAnswer {
                question_id: (*q).into(),
                hash: hashing::hash(questions::normalise(a).as_bytes()).unwrap(),
            })
            .collect();
        e.store()
            .set_answers(
                self.account_id(login),
                &answers,
                e.record(login, login, Event::QuestionsSet, Outcome::Ok, "fixture"),
            )
            .unwrap();
    }

    pub fn account(&self, login: &str) -> gatehouse_core::store::Account {
        self.store().account_by_login(&LoginId::parse(login).unwrap()).unwrap().expect("account exists")
    }

    pub fn account_id(&self, login: &str) -> gatehouse_core::types::AccountId {
        self.account(login).id
    }

    /// Events about `subject`, oldest first.
    pub fn events(&self, subject: &str) -> Vec<AuditEntry> {
        let mut v = self.store().audit(&AuditQuery { subject: Some(subject.into()), ..Default::default() }).unwrap();
        v.reverse();
        v
    }

    /// Event names about `subject`, oldest first.
    pub fn event_names(&self, subject: &str) -> Vec<String> {
        self.events(subject).into_iter().map(|e| e.event).collect()
    }

    pub fn all_events(&self) -> Vec<AuditEntry> {
        let mut v = self.store().audit(&AuditQuery::default()).unwrap();
        v.reverse();
        v
    }

    /// No audit entry holds any of `secrets` (compared case-insensitively, also normalised).
    pub fn assert_audit_free_of(&self, secrets: &[&str]) {
        let entries = self.all_events();
        assert!(!entries.is_empty());
        for e in &entries {
            let text = format!("{}\n{}\n{}\n{}", e.actor, e.subject, e.detail, e.machine).to_lowercase();
            for s in secrets {
                let needle = s.to_lowercase();
                assert!(!text.contains(&needle), "audit entry {e:?} contains the secret {s:?}");
                let norm = questions::normalise(s).to_string();
                assert!(!text.contains(&norm), "audit entry {e:?} contains the secret {s:?} (normalised)");
            }
            assert!(!text.contains("$argon2"), "audit entry {e:?} contains a hash");
        }
    }
}

/// An engine on the SQLite file at `path` (tests of the file itself).
pub fn engine_on(path: &std::path::Path, config: Config, clock: Arc<ManualClock>, timeout: Duration) -> Arc<Engine> {
    let store = SqliteStore::open_with_timeout(path, timeout).expect("open store");
    engine_with(Arc::new(store), config, clock)
}

pub fn engine_with(store: Arc<dyn Store>, config: Config, clock: Arc<ManualClock>) -> Arc<Engine> {
    Engine::new(store, config, clock, Box::new(rand_chacha::ChaCha20Rng::seed_from_u64(1)))
}

/// True (with a note) when the suite runs on PostgreSQL and the calling test is about the
/// SQLite file itself: it returns early there.
pub fn skip_on_postgres(what: &str) -> bool {
    let skip = crate::support::on_postgres();
    if skip {
        eprintln!("SQLite only, skipped on PostgreSQL: {what}");
    }
    skip
}

pub fn student_request(login: &str, name: &str, level: &str) -> CreateRequest {
    CreateRequest {
        login: login.into(),
        name: name.into(),
        kind: "student".into(),
        level: Some(level.into()),
        location: Some("S5521".into()),
        ..Default::default()
    }
}

pub fn staff_request(login: &str, name: &str) -> CreateRequest {
    CreateRequest {
        login: login.into(),
        name: name.into(),
        kind: "school_staff".into(),
        location: Some("S5521".into()),
        work_email: Some("someone@ces.gov.sg".into()),
        ..Default::default()
    }
}

pub fn person(issued: &IssuedPassword) -> Person {
    Person { login: issued.login.clone(), password: issued.temporary_password.expose().to_owned() }
}

/// The screen name of a response.
pub fn screen(v: &Value) -> &str {
    v["screen"].as_str().unwrap_or_else(|| panic!("response without a screen: {v}"))
}

/// The error code of a response, if any.
pub fn code(v: &Value) -> Option<&str> {
    v["error"]["code"].as_str()
}

/// The response without its error, to compare what the screen shows.
pub fn without_error(v: &Value) -> Value {
    let mut v = v.clone();
    v.as_object_mut().expect("a response is an object").remove("error");
    v
}

/// The sorted key set of a JSON object.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

/// Rule `id` of a `change_password` response.
pub fn rule<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no rule {id} in {v}"))
}

/// A wizard session driven by JSON request lines.
pub struct Driver {
    pub session: Session,
}

impl Driver {
    pub fn new(engine: Arc<Engine>) -> Self {
        Self { session: Session::new(engine) }
    }

    /// Sends one raw request line; returns the response as JSON.
    pub fn raw(&mut self, line: &str) -> Value {
        serde_json::to_value(self.session.apply_json(line)).expect("responses serialise")
    }

    pub fn send(&mut self, request: Value) -> Value {
        self.raw(&request.to_string())
    }

    /// The current screen as JSON.
    pub fn current(&self) -> Value {
        serde_json::to_value(self.session.current()).unwrap()
    }

    /// The current screen as a person's window asks for it (the session checked first).
    pub fn look(&mut self) -> Value {
        serde_json::to_value(self.session.look()).unwrap()
    }

    pub fn screen(&self) -> String {
        self.session.screen_name().to_owned()
    }

    /// Sends and asserts the next screen with no error.
    #[track_caller]
    pub fn expect(&mut self, request: Value, next: &str) -> Value {
        let r = self.send(request.clone());
        assert_eq!(screen(&r), next, "after {request}: {r}");
        assert!(r["error"].is_null(), "after {request}: unexpected error in {r}");
        r
    }

    /// Sends and asserts the screen and the error code.
    #[track_caller]
    pub fn expect_error(&mut self, request: Value, next: &str, error: &str) -> Value {
        let r = self.send(request.clone());
        assert_eq!(screen(&r), next, "after {request}: {r}");
        assert_eq!(code(&r), Some(error), "after {request}: {r}");
        r
    }

    /// Asserts that `line` is refused with `error` and that the screen is exactly as before.
    #[track_caller]
    pub fn refuses_line(&mut self, line: &str, error: &str) -> Value {
        let before = self.current();
        let name = self.screen();
        let r = self.raw(line);
        assert_eq!(code(&r), Some(error), "{line} on {name}: {r}");
        assert_eq!(self.screen(), name, "{line} moved the session off {name}");
        assert_eq!(without_error(&r), without_error(&before), "{line} changed what {name} shows");
        r
    }

    /// Asserts that an action that does not belong to the current screen is refused.
    #[track_caller]
    pub fn refuses(&mut self, request: Value) -> Value {
        self.refuses_line(&request.to_string(), "invalid_action")
    }

    /// Malformed JSON, a request without an action and an unknown action are all refused and the
    /// session goes on.
    #[track_caller]
    pub fn survives_garbage(&mut self) {
        self.refuses_line("{\"action\": \"sign_in\", ", "bad_request");
        self.refuses_line("not json at all", "bad_request");
        self.refuses_line("{\"login\": \"x\"}", "bad_request");
        self.refuses_line("{\"action\": \"sign_in\"}", "bad_request");
        self.refuses_line("{\"action\": \"fly_to_the_moon\"}", "unknown_action");
    }

    pub fn sign_in(&mut self, login: &str, password: &str) -> Value {
        self.send(json!({"action": "sign_in", "login": login, "password": password}))
    }

    /// The guide's three questions and answers, as `set_questions` takes them.
    pub fn guide_answers() -> Value {
        json!(ANSWERS.iter().map(|(q, a)| json!({"question": q, "answer": a})).collect::<Vec<_>>())
    }

    /// Walks set_questions → confirm_questions → questions_saved → change_password.
    #[track_caller]
    pub fn set_guide_questions(&mut self) {
        self.expect(json!({"action": "set_questions", "questions": Self::guide_answers()}), "confirm_questions");
        self.expect(json!({"action": "confirm_questions"}), "questions_saved");
        self.expect(json!({"action": "continue"}), "change_password");
    }

    /// Walks change_password → password_changing → password_changed.
    #[track_caller]
    pub fn change_password(&mut self, new: &str) {
        self.expect(
            json!({"action": "change_password", "new_password": new, "confirm_password": new}),
            "password_changing",
        );
        self.expect(json!({"action": "continue"}), "password_changed");
    }

    /// The answers to the questions shown on `sspr_questions`, from the guide's three.
    pub fn answers_for(shown: &Value) -> Vec<String> {
        shown["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .map(|q| {
                let q = questions::lookup(q.as_str().unwrap()).expect("a catalogue question");
                ANSWERS
                    .iter()
                    .find(|(id, _)| *id == q.id)
                    .map(|(_, a)| (*a).to_owned())
                    .expect("one of the guide's questions")
            })
            .collect()
    }
}

static UNIQUE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

/// `Base_N@domain`, different on every call, for tests that make many accounts.
pub fn unique_login(base: &str, domain: &str) -> String {
    let n = UNIQUE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{base}_{n}@{domain}")
}
