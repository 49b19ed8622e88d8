//! The benchmark's school: students who sign in with the real password hash, and staff members
//! with a tested soft token whose sign-ins are only the way to the TOTP prompt.
//!
//! Hashing every seeded password would take minutes, so (as in the core's `sign_in` benchmark)
//! the password is hashed once and that PHC string is stored on every student; each sign-in
//! still runs a full Argon2id with the stored parameters. The staff accounts exist to reach the
//! `totp_prompt` screen and to hold idle sessions, thousands of times over: their stored hash is
//! replaced, in the database, by one of the same password with Argon2's smallest cost
//! (m=8 KiB, t=1), which `hashing::verify` honours as it honours any stored parameters, so
//! their sign-ins cost microseconds and the figures measured with them are not the hash's.

use std::sync::Arc;
use std::time::Instant;

use argon2::password_hash::{PasswordHasher, SaltString};
use gatehouse_core::audit::{Event, Outcome};
use gatehouse_core::hashing::{self, PasswordHashString};
use gatehouse_core::otp::{self, OtpParams};
use gatehouse_core::store::NewAccount;
use gatehouse_core::twofactor::{self, CodeFor};
use gatehouse_core::types::{AccountKind, FullName, Level, Location, LoginId};
use gatehouse_core::Engine;

use crate::support::School;

/// Every seeded account's password (students: one hash stored on all; staff: a cheap one).
pub const PASSWORD: &str = "Blue-Otter-Lantern-7";
/// Accounts per `create_accounts` transaction while seeding.
const SEED_BATCH: usize = 5_000;
/// Threads that enrol and test the staff's tokens (each step waits on the database).
const ENROL_THREADS: usize = 4;
const DAY: i64 = 86_400;
const LEVELS: [Level; 4] = [Level::P1_3, Level::P4_6, Level::Secondary, Level::JcMi];

pub fn student_login(n: usize) -> String {
    format!("Student_{n:06}@students.edu.sg")
}

fn staff_login(n: usize) -> String {
    format!("Staff_{n:05}@schools.gov.sg")
}

/// A staff member with a tested soft token: the login and the authenticator app's view of it.
pub struct Staff {
    pub login: String,
    pub totp: totp_rs::Totp,
}

impl Staff {
    /// The token's code for TOTP step `step` (RFC 6238: time = step × 30 s), computed by
    /// totp-rs from the seed, as an authenticator app computes it.
    pub fn code(&self, step: u64) -> String {
        self.totp.generate(step * OtpParams::default().period).to_string()
    }
}

/// The current TOTP step of this machine's clock (the server's clock too: same machine).
pub fn current_step() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock after 1970");
    now.as_secs() / OtpParams::default().period
}

fn account(
    login: String,
    name: String,
    kind: AccountKind,
    level: Option<Level>,
    hash: &PasswordHashString,
    now: i64,
) -> NewAccount {
    NewAccount {
        login: LoginId::parse(&login).expect("valid login"),
        name: FullName::parse(&name).expect("valid name"),
        kind,
        level,
        location: Location::parse(if kind == AccountKind::Student { "S1001" } else { "5521" }).expect("location"),
        work_email: None,
        generic: false,
        roles: Vec::new(),
        password_hash: hash.clone(),
        temporary_until: None,
        // Active accounts: terms accepted long ago, so a sign-in reaches `applications`.
        terms_accepted_at: Some(now - 30 * DAY),
        class: None,
    }
}

fn create(engine: &Engine, accounts: Vec<NewAccount>) {
    for batch in accounts.chunks(SEED_BATCH) {
        let audit: Vec<_> = batch
            .iter()
            .map(|a| engine.record("bench", a.login.as_str(), Event::AccountCreated, Outcome::Ok, "benchmark seed"))
            .collect();
        engine.store().create_accounts(batch, &audit).expect("seed accounts");
    }
}

/// A PHC string of [`PASSWORD`] at Argon2id's smallest cost (see the module's note).
fn cheap_hash() -> String {
    let params = argon2::Params::new(8, 1, 1, Some(32)).expect("minimal Argon2 parameters");
    let salt = SaltString::encode_b64(b"gatehouse-bench!").expect("salt");
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password(PASSWORD.as_bytes(), &salt)
        .expect("cheap hash")
        .to_string()
}

/// Seeds `students` students and `staff` staff members, each staff member with a soft token
/// enrolled and tested through the core (as the wizard's set-up does), tested with the previous
/// step's code so that the current and the next step are both still unused.
pub fn seed(school: &School, students: usize, staff: usize) -> Vec<Staff> {
    let started = Instant::now();
    let engine = school.engine();
    let hash = hashing::hash(PASSWORD.as_bytes()).expect("hash");
    let now = engine.now();
    create(
        &engine,
        (1..=students)
            .map(|n| {
                let level = Some(LEVELS[n % LEVELS.len()]);
                account(student_login(n), format!("Student {n:06}"), AccountKind::Student, level, &hash, now)
            })
            .collect(),
    );
    create(
        &engine,
        (1..=staff)
            .map(|n| account(staff_login(n), format!("Staff {n:05}"), AccountKind::SchoolStaff, None, &hash, now))
            .collect(),
    );
    let cheap = cheap_hash();
    let changed = school
        .database()
        .connect()
        .execute("UPDATE accounts SET password_hash = $1 WHERE kind = 'school_staff'", &[&cheap])
        .expect("give the staff accounts the cheap hash");
    assert_eq!(changed, staff as u64);
    // Everyone has set their challenge questions, like any active account (one without them is
    // asked to set them at sign-in). The answers are never checked here: any hash will do.
    let answered = school
        .database()
        .connect()
        .execute(
            "INSERT INTO answers (account_id, position, question_id, hash) \
             SELECT id, p - 1, (ARRAY['favourite_colour', 'favourite_animal', 'favourite_book'])[p], $1 \
             FROM accounts, generate_series(1, 3) AS p",
            &[&cheap],
        )
        .expect("give every account its challenge answers");
    assert_eq!(answered, 3 * (students + staff) as u64);
    let members: Vec<Staff> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..ENROL_THREADS)
            .map(|t| {
                let engine = Arc::clone(&engine);
                scope.spawn(move || {
                    (1..=staff)
                        .skip(t)
                        .step_by(ENROL_THREADS)
                        .map(|n| enrol(&engine, staff_login(n)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("enrol thread")).collect()
    });
    eprintln!(
        "seeded {students} students and {staff} staff members with tested tokens in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    members
}

fn enrol(engine: &Engine, login: String) -> Staff {
    let account = engine.store().account_by_login(&LoginId::parse(&login).unwrap()).expect("lookup").expect("account");
    let secret = otp::generate_secret(&mut rand::rngs::OsRng);
    let id =
        twofactor::enrol_soft_token(engine, &account, &secret, OtpParams::default(), "bench phone").expect("enrol");
    let totp = totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(OtpParams::default().period)
        .with_secret(secret.to_vec())
        .build()
        .expect("an RFC 6238 token");
    let staff = Staff { login, totp };
    loop {
        let step = current_step();
        let code = staff.code(step - 1);
        let check = twofactor::verify(engine, &account, &code, CodeFor::Test(id)).expect("test the token");
        if matches!(check, otp::TotpCheck::Accepted { .. }) {
            return staff;
        }
        // A step boundary passed between taking the step and checking its code: the code is
        // now two steps old. Try again in the new step; anything else is a real failure.
        assert!(current_step() != step, "token test of {}: {check:?}", staff.login);
    }
}
