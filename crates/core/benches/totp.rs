//! Cost of verifying a TOTP code (SHA-1, 6 digits, 30 s: the parameters every authenticator app
//! supports), against one Argon2id password hash.
//!
//! `cargo bench -p gatehouse-core --bench totp`
//!
//! Criterion measures group `totp_verify`:
//! - `verify_totp_right_code`: [`otp::verify_totp`] with the current step's code (the ±1 window
//!   of RFC 6238 §5.2 is computed in full, no early exit, then the code is accepted);
//! - `verify_totp_wrong_code`: a code of no nearby step: the window, then every step within
//!   `CLOCK_DIAGNOSIS_SECONDS` either side for the clock-skew diagnosis (21 HMACs at 30 s);
//! - `twofactor_verify_right_code` / `twofactor_verify_wrong_code`: the complete
//!   [`twofactor::verify`] of a sign-in: the account's authenticators read from SQLite (a file in a
//!   temporary directory), the secret opened from the [`Vault`] (XChaCha20-Poly1305), the check,
//!   and the write in one transaction (the step marked used, or the failure counted; an audit row
//!   either way). Time is a [`ManualClock`] moved on one step before each right code, so each code
//!   is fresh; before each wrong code the failure counter is cleared (untimed), so no lockout.
//!
//! Afterwards an interleaved loop of its own gives the medians per verification, the cost of
//! opening the sealed secret alone, and the ratio to one raw Argon2id hash
//! ([`hashing::hash_with_salt`], as in `sign_in`); they also go to
//! `target/bench-results/totp.json` (see `summary`).
//!
//! Environment: `GATEHOUSE_BENCH_ROUNDS` (default 31). Run without `--bench` (e.g.
//! `cargo test --benches`) it is a smoke test of 3 rounds.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion};
use gatehouse_core::admin::{Admin, CreateRequest};
use gatehouse_core::clock::ManualClock;
use gatehouse_core::config::Config;
use gatehouse_core::engine::KeyStore;
use gatehouse_core::hashing;
use gatehouse_core::mail::Mailer;
use gatehouse_core::otp::{self, OtpParams, TotpCheck};
use gatehouse_core::store::{Account, SqliteStore, DB_FILE_NAME};
use gatehouse_core::twofactor;
use gatehouse_core::types::LoginId;
use gatehouse_core::vault::Vault;
use gatehouse_core::Engine;
use rand::SeedableRng;
use zeroize::Zeroizing;

mod summary;

const T0: u64 = 1_767_603_600; // 2026-01-05T09:00:00Z
const LOGIN: &str = "Bench_Staff@schools.gov.sg";
/// The same password and salt as `sign_in`'s raw hash group.
const PASSWORD: &str = "Blue-Otter-Lantern-7";
const SALT: [u8; 16] = *b"gatehouse-bench!";
/// Calls per timed batch of the microsecond operations (one `Instant` pair per batch).
const BATCH: u32 = 200;
/// Calls of the complete path per round (each timed alone: it commits a transaction).
const FULL_PER_ROUND: usize = 10;
const SEAL_CONTEXT: &[u8] = b"gatehouse bench secret";

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| panic!("{name} must be a whole number, not {v:?}")),
        Err(_) => default,
    }
}

/// A six-digit code that matches no step within the skew diagnosis of `now`.
fn wrong_code(secret: &[u8], params: &OtpParams, now: u64) -> String {
    (0..1_000_000u32)
        .map(|n| format!("{n:06}"))
        .find(|c| otp::verify_totp(secret, params, c, now, None) == TotpCheck::Wrong)
        .expect("a wrong code exists")
}

/// An account with one tested soft token, on a database file, with a clock that moves on demand.
struct TwoFactor {
    clock: Arc<ManualClock>,
    engine: Arc<Engine>,
    account: Account,
    secret: Zeroizing<Vec<u8>>,
    _dir: tempfile::TempDir,
}

impl TwoFactor {
    fn new() -> Self {
        let dir = tempfile::Builder::new().prefix("gatehouse-bench-totp-").tempdir().expect("temp dir");
        let clock = Arc::new(ManualClock::new(T0 as i64));
        let store = SqliteStore::open(&dir.path().join(DB_FILE_NAME)).expect("open database");
        let engine = Engine::with_services(
            Arc::new(store),
            Config::default(),
            clock.clone(),
            Box::new(rand_chacha::ChaCha20Rng::seed_from_u64(7)),
            Mailer::none(),
            KeyStore::Fixed(Vault::from_key([7; 32])),
        );
        Admin::new(engine.clone(), "bench")
            .create(&CreateRequest {
                login: LOGIN.into(),
                name: "Bench Staff".into(),
                kind: "school_staff".into(),
                location: Some("5521".into()),
                ..Default::default()
            })
            .expect("create account");
        let account =
            engine.store().account_by_login(&LoginId::parse(LOGIN).unwrap()).expect("lookup").expect("account");
        let secret = otp::generate_secret(&mut rand_chacha::ChaCha20Rng::seed_from_u64(8));
        let id = twofactor::enrol_soft_token(&engine, &account, &secret, OtpParams::default(), "bench phone")
            .expect("enrol");
        let two = Self { clock, engine, account, secret, _dir: dir };
        // A passed test makes the token count for sign-in (`verify` with `only = None`).
        let code = two.next_right_code();
        let check = twofactor::verify(&two.engine, &two.account, &code, twofactor::CodeFor::Test(id)).expect("test");
        assert!(matches!(check, TotpCheck::Accepted { .. }), "token test: {check:?}");
        two
    }

    fn now(&self) -> u64 {
        self.engine.now() as u64
    }

    /// Moves time on one step and returns that step's code (a step is usable once).
    fn next_right_code(&self) -> String {
        self.clock.advance(OtpParams::default().period as i64);
        otp::totp(&self.secret, &OtpParams::default(), self.now())
    }

    /// A wrong code at the current time, with the failure counter cleared so no lockout builds up.
    fn prepare_wrong_code(&self) -> String {
        self.engine.store().clear_totp_failures(self.account.id).expect("clear failures");
        wrong_code(&self.secret, &OtpParams::default(), self.now())
    }

    fn verify(&self, code: &str, expect_accepted: bool) {
        let check = twofactor::verify(&self.engine, &self.account, code, twofactor::CodeFor::SignIn).expect("verify");
        assert_eq!(matches!(check, TotpCheck::Accepted { .. }), expect_accepted, "twofactor::verify: {check:?}");
        black_box(check);
    }
}

fn median_secs(v: &mut [f64]) -> f64 {
    v.sort_unstable_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Seconds per call of `f`, timed over a batch of `BATCH` calls.
fn per_call(mut f: impl FnMut()) -> f64 {
    let t = Instant::now();
    for _ in 0..BATCH {
        f();
    }
    t.elapsed().as_secs_f64() / f64::from(BATCH)
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let rounds = env_usize("GATEHOUSE_BENCH_ROUNDS", if bench_mode { 31 } else { 3 }).max(1);
    let params = OtpParams::default();
    let secret = otp::generate_secret(&mut rand_chacha::ChaCha20Rng::seed_from_u64(1));
    let right = otp::totp(&secret, &params, T0);
    let wrong = wrong_code(&secret, &params, T0);
    let verify_right = || {
        let check = otp::verify_totp(black_box(&secret), &params, black_box(&right), black_box(T0), None);
        assert!(matches!(check, TotpCheck::Accepted { .. }));
        black_box(check);
    };
    let verify_wrong = || {
        let check = otp::verify_totp(black_box(&secret), &params, black_box(&wrong), black_box(T0), None);
        assert_eq!(check, TotpCheck::Wrong);
        black_box(check);
    };
    let two = TwoFactor::new();
    let vault = Vault::from_key([9; 32]);
    let sealed = vault.seal(&secret, SEAL_CONTEXT);
    let open = || {
        black_box(vault.open(black_box(&sealed), SEAL_CONTEXT).expect("open"));
    };

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    {
        let mut g = c.benchmark_group("totp_verify");
        g.bench_function("verify_totp_right_code", |b| b.iter(verify_right));
        g.bench_function("verify_totp_wrong_code", |b| b.iter(verify_wrong));
        g.bench_function("twofactor_verify_right_code", |b| {
            b.iter_batched(|| two.next_right_code(), |code| two.verify(&code, true), BatchSize::PerIteration)
        });
        g.bench_function("twofactor_verify_wrong_code", |b| {
            b.iter_batched(|| two.prepare_wrong_code(), |code| two.verify(&code, false), BatchSize::PerIteration)
        });
        g.finish();
    }
    c.final_summary();

    // Our own loop, interleaved so that drift in machine load hits every operation alike.
    let (mut hash, mut right_s, mut wrong_s, mut open_s, mut full_right, mut full_wrong) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    black_box(hashing::hash_with_salt(PASSWORD.as_bytes(), &SALT).expect("hash")); // a memory block in the pool
    for _ in 0..rounds {
        let t = Instant::now();
        black_box(hashing::hash_with_salt(black_box(PASSWORD.as_bytes()), black_box(&SALT)).expect("hash"));
        hash.push(t.elapsed().as_secs_f64());
        right_s.push(per_call(verify_right));
        wrong_s.push(per_call(verify_wrong));
        open_s.push(per_call(open));
        for _ in 0..FULL_PER_ROUND {
            let code = two.next_right_code();
            let t = Instant::now();
            two.verify(&code, true);
            full_right.push(t.elapsed().as_secs_f64());
            let code = two.prepare_wrong_code();
            let t = Instant::now();
            two.verify(&code, false);
            full_wrong.push(t.elapsed().as_secs_f64());
        }
    }
    let hash = median_secs(&mut hash);
    let right_s = median_secs(&mut right_s);
    let wrong_s = median_secs(&mut wrong_s);
    let open_s = median_secs(&mut open_s);
    let full_right = median_secs(&mut full_right);
    let full_wrong = median_secs(&mut full_wrong);
    let us = |s: f64| s * 1e6;

    println!();
    println!(
        "== gatehouse TOTP verification benchmark ({rounds} interleaved rounds; SHA-1, {} digits, {} s) ==",
        params.digits, params.period
    );
    let line = |label: &str, s: f64| {
        println!("{label:<64} median {:>9.2} us = {:.5} x one hash ({:.0} per hash)", us(s), s / hash, hash / s);
    };
    line("otp::verify_totp, right code (the ±1 window):", right_s);
    line("otp::verify_totp, wrong code (the window and the skew diagnosis):", wrong_s);
    line("Vault::open of the sealed 20-byte secret alone:", open_s);
    line("twofactor::verify, right code (read, open, check, step recorded):", full_right);
    line("twofactor::verify, wrong code (read, open, check, failure counted):", full_wrong);
    println!("{:<64} median {:>9.3} ms", "raw Argon2id hash (m=19456 KiB, t=2, p=1):", hash * 1e3);
    if !bench_mode {
        println!("(smoke run: not `cargo bench`; figures are indicative only)");
    }

    summary::write(
        "totp",
        bench_mode,
        &["GATEHOUSE_BENCH_ROUNDS"],
        serde_json::json!({
            "rounds": rounds,
            "algorithm": params.algorithm.as_str(),
            "digits": params.digits,
            "period_s": params.period,
            "verify_right_us": us(right_s),
            "verify_wrong_us": us(wrong_s),
            "vault_open_us": us(open_s),
            "twofactor_right_us": us(full_right),
            "twofactor_wrong_us": us(full_wrong),
            "raw_hash_ms": hash * 1e3,
            "verify_right_over_hash": right_s / hash,
            "verify_wrong_over_hash": wrong_s / hash,
            "twofactor_right_over_hash": full_right / hash,
            "twofactor_wrong_over_hash": full_wrong / hash,
        }),
    );
}
