//! Whether the time of a self-service reset search tells a real login ID from an unknown one
//! (SECURITY.md, "Self-service reset and account discovery").
//!
//! `cargo bench -p gatehouse-core --bench sspr`
//!
//! Setup builds a data directory of `GATEHOUSE_BENCH_ACCOUNTS` students (default 20,000), four in
//! five of whom have set their challenge questions, and opens two engines on it: one with
//! `[lockout] sspr_search_pace_ms = 0` (each search answers as soon as it is done) and one with
//! the default pace. Each round then searches, on each engine and through a fresh session: a
//! student with questions, a student without (`SSPR 5006`), an unknown ID never searched before
//! (its first search draws and stores decoy questions, or answers `SSPR 5006` for its share) and
//! an unknown ID searched before (its questions are read back). The kinds are interleaved, each
//! round starting one later.
//!
//! Printed: each kind's median time on each engine, and for each engine the slowest kind's median
//! over the fastest's — without the pace the first search of an unknown ID stands out; with it,
//! every kind answers at the pace, and the ratio is about 1. The slowest search without the pace
//! is printed beside the pace: the pace only hides what fits within it.
//!
//! Environment: `GATEHOUSE_BENCH_ACCOUNTS`, `GATEHOUSE_BENCH_ROUNDS` (default 101; each round of
//! the paced engine takes four paces), `GATEHOUSE_BENCH_STORE=postgres`. The figures also go to
//! `target/bench-results/sspr.json`. Run without `--bench` it is a smoke test: 500 accounts, 3
//! rounds.

use std::sync::Arc;
use std::time::{Duration, Instant};

use gatehouse_core::audit::{Event, Outcome};
use gatehouse_core::config::Config;
use gatehouse_core::hashing;
use gatehouse_core::store::{NewAccount, StoredAnswer};
use gatehouse_core::{Engine, Session};

mod place;
mod students;
mod summary;

use students::{env_usize, login_of};

const SEED_BATCH: usize = 5_000;
/// The paced engine's slowest kind over its fastest, at most (the sleep's own jitter is alike for
/// every kind; what is left would be the search's time showing through).
const PACED_TARGET: f64 = 1.02;

/// Every fifth student has not set questions yet.
fn has_questions(n: usize) -> bool {
    !matches!(n % 5, 0) // (not `is_multiple_of`: the workspace supports Rust 1.80)
}

/// Questions a pupil of every level may choose (the default lists share these).
const CHOICES: [[&str; 3]; 3] = [
    ["favourite_colour", "favourite_animal", "favourite_book"],
    ["favourite_food", "favourite_colour", "favourite_animal"],
    ["favourite_book", "favourite_food", "favourite_colour"],
];

fn seed(dir: &std::path::Path, accounts: usize) {
    let engine = Engine::open(dir).expect("open data dir");
    let store = engine.store();
    let hash = hashing::hash(b"Blue-Otter-Lantern-7").expect("hash");
    for first in (1..=accounts).step_by(SEED_BATCH) {
        let batch: Vec<NewAccount> = (first..(first + SEED_BATCH).min(accounts + 1))
            .map(|n| students::student(n, &hash, None, Some(0)))
            .collect();
        let audit: Vec<_> = batch
            .iter()
            .map(|a| engine.record("bench", a.login.as_str(), Event::AccountCreated, Outcome::Ok, "benchmark seed"))
            .collect();
        let ids = store.create_accounts(&batch, &audit).expect("seed accounts");
        for (n, id) in (first..).zip(ids) {
            if !has_questions(n) {
                continue;
            }
            let answers: Vec<StoredAnswer> = CHOICES[n % CHOICES.len()]
                .iter()
                .map(|q| StoredAnswer { question_id: (*q).into(), hash: hash.clone() })
                .collect();
            let rec = engine.record("bench", &login_of(n), Event::QuestionsSet, Outcome::Ok, "benchmark seed");
            store.set_answers(id, &answers, rec).expect("set answers");
        }
    }
}

/// An engine on `dir` with the school's configuration and this `[lockout]`.
fn engine_with(dir: &std::path::Path, pace_ms: Option<u32>) -> Arc<Engine> {
    let base = std::fs::read_to_string(dir.join("gatehouse.toml")).unwrap_or_default();
    let mut toml = format!("{base}\n[lockout]\nsspr_searches_per_hour = 100000\n");
    if let Some(ms) = pace_ms {
        toml += &format!("sspr_search_pace_ms = {ms}\n");
    }
    let config = Config::from_toml(&toml).expect("bench configuration");
    std::fs::write(dir.join("gatehouse.toml"), &toml).expect("write gatehouse.toml");
    let engine = Engine::open(dir).expect("open data dir");
    std::fs::write(dir.join("gatehouse.toml"), base).expect("restore gatehouse.toml");
    assert_eq!(engine.config().lockout.sspr_search_pace_ms, config.lockout.sspr_search_pace_ms);
    engine
}

const KINDS: [&str; 4] = [
    "real ID with questions",
    "real ID without questions (SSPR 5006)",
    "unknown ID, first search",
    "unknown ID, searched before",
];

/// One search through a fresh session on the reset page; its wall time.
fn search(engine: &Arc<Engine>, login: &str) -> Duration {
    let mut session = Session::new(Arc::clone(engine));
    session.apply_json(r#"{"action":"forgot_password"}"#);
    let request = serde_json::json!({ "action": "sspr_search", "login": login }).to_string();
    let started = Instant::now();
    let response = session.apply_json(&request);
    let took = started.elapsed();
    let wire = serde_json::to_value(&response).expect("response JSON");
    let screen = wire["screen"].as_str().unwrap_or_default();
    let code = wire["error"]["code"].as_str().unwrap_or_default();
    assert!(screen == "sspr_questions" || code == "SSPR 5006", "{login}: {wire}");
    took
}

fn median(v: &mut [Duration]) -> f64 {
    v.sort_unstable();
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2].as_secs_f64()
    } else {
        (v[n / 2 - 1] + v[n / 2]).as_secs_f64() / 2.0
    }
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let accounts = env_usize("GATEHOUSE_BENCH_ACCOUNTS", if bench_mode { 20_000 } else { 500 });
    let rounds = env_usize("GATEHOUSE_BENCH_ROUNDS", if bench_mode { 101 } else { 3 }).max(1);
    assert!(accounts >= 10, "GATEHOUSE_BENCH_ACCOUNTS must be at least 10");
    let place = place::Place::new("gatehouse-bench-sspr-");
    let started = Instant::now();
    seed(place.dir.path(), accounts);
    eprintln!("seeded {accounts} accounts in {:.1} s ({})", started.elapsed().as_secs_f64(), place.describe());
    let pace_ms = Config::default().lockout.sspr_search_pace_ms;
    let engines = [engine_with(place.dir.path(), Some(0)), engine_with(place.dir.path(), None)];

    let with = login_of(accounts / 2 + 1 + usize::from(!has_questions(accounts / 2 + 1)));
    let without = login_of(accounts / 2 / 5 * 5 + 5);
    let again = "Ghost_again@students.edu.sg";
    let mut times: [[Vec<Duration>; 4]; 2] = Default::default();
    for (e, engine) in engines.iter().enumerate() {
        // Warm: the statements, the census, the decoy of the ID searched again.
        for login in [&with, &without, again] {
            search(engine, login);
        }
        for round in 0..rounds {
            for k in 0..KINDS.len() {
                let kind = (round + k) % KINDS.len();
                let login = match kind {
                    0 => with.clone(),
                    1 => without.clone(),
                    2 => format!("Ghost_{e}_{round:05}@students.edu.sg"),
                    _ => again.to_owned(),
                };
                times[e][kind].push(search(engine, &login));
            }
        }
    }
    let slowest_unpaced = times[0].iter().flatten().max().copied().unwrap_or_default();
    let medians: Vec<Vec<f64>> = times.iter_mut().map(|kinds| kinds.iter_mut().map(|t| median(t)).collect()).collect();
    let spread = |m: &[f64]| {
        let (lo, hi) = m.iter().fold((f64::MAX, 0.0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        hi / lo
    };
    let (unpaced_spread, paced_spread) = (spread(&medians[0]), spread(&medians[1]));
    let ms = |s: f64| s * 1e3;

    println!();
    println!("== self-service reset search timing ({accounts} accounts, {rounds} rounds, {}) ==", place.describe());
    println!("{:<40} {:>14} {:>18}", "median per kind of login ID", "no pace", format!("pace {pace_ms} ms"));
    for (k, label) in KINDS.iter().enumerate() {
        println!("{label:<40} {:>11.3} ms {:>15.3} ms", ms(medians[0][k]), ms(medians[1][k]));
    }
    println!(
        "slowest kind / fastest kind: {unpaced_spread:.3} without the pace, {paced_spread:.3} with it (target <= \
         {PACED_TARGET:.2}) {}",
        if paced_spread <= PACED_TARGET { "PASS" } else { "FAIL" }
    );
    println!(
        "slowest single search without the pace: {:.3} ms (the pace is {pace_ms} ms)",
        ms(slowest_unpaced.as_secs_f64())
    );
    summary::write(
        "sspr",
        bench_mode,
        &["GATEHOUSE_BENCH_ACCOUNTS", "GATEHOUSE_BENCH_ROUNDS"],
        serde_json::json!({
            "store": if place::on_postgres() { "postgres" } else { "sqlite" },
            "accounts": accounts,
            "rounds": rounds,
            "pace_ms": pace_ms,
            "kinds": KINDS,
            "unpaced_ms": medians[0].iter().map(|&s| ms(s)).collect::<Vec<_>>(),
            "paced_ms": medians[1].iter().map(|&s| ms(s)).collect::<Vec<_>>(),
            "unpaced_spread": unpaced_spread,
            "paced_spread": paced_spread,
            "paced_spread_target": PACED_TARGET,
            "slowest_unpaced_ms": ms(slowest_unpaced.as_secs_f64()),
        }),
    );
    if !bench_mode {
        println!("(smoke run: not `cargo bench`; figures are indicative only)");
    }
}
