//! `gatehouse-server` under load over HTTPS (issue 14, "Benchmarks"), every ratio from one run:
//!
//! `cargo bench -p gatehouse-server --bench server`
//!
//! Set-up: a real PostgreSQL (`gatehouse-testpg`), a school (`tests/server/support.rs`, as the
//! server's tests use it) seeded with students and with staff members who have a tested soft
//! token (see `seed` for how the seeding stays fast), and a real `gatehouse-server` process: the
//! release-optimised binary cargo builds for this benchmark, its rustls certificate made for the
//! run. The load generator is this process: a tokio runtime on one thread driving reqwest over
//! rustls (ring), one connection per client in flight, every answer checked (`load`).
//!
//! Measured, in this order:
//! 1. **one Argon2id hash** (`hashing::hash_with_salt`, m=19456 KiB, t=2, p=1): the median of
//!    samples taken before and after the throughput phase, with the server idle; the hash-bound
//!    ceiling is cores ÷ that time (cores = `available_parallelism`);
//! 2. **sign-in throughput**: 64 clients, each looping a new session and a sign-in with the right
//!    password that must reach `applications`; sign-ins completed per second after a warm-up,
//!    against the ceiling (target ≥ 0.85), with the CPU the server, PostgreSQL and this process
//!    used against the machine's, so a run that other work disturbed says so;
//! 3. **sign-in latency at half that load**: an open loop (arrivals at a fixed rate of half the
//!    throughput the 64 clients reached, whether or not earlier sign-ins have finished, so
//!    queueing is not hidden the way a closed loop of fewer clients hides it), each arrival a
//!    person pressing "Sign in" on a session opened beforehand; latency from the scheduled
//!    arrival to the `applications` screen; p99 against one hash (target ≤ 4). Half the measured
//!    throughput rather than half the ceiling: on cores that do not reach the ceiling together
//!    (or that other work shares) half the ceiling is more than half of what the server can do;
//!    `GATEHOUSE_BENCH_LATENCY_RATE` sets another rate;
//! 4. **TOTP verification throughput**: staff members signed in and on the `totp_prompt` screen
//!    (two sessions each), 64 clients submitting each one's current code (computed with totp-rs
//!    from the enrolled seed) and expecting the dashboard: verifications per second. The same
//!    step of one token is accepted once, so each staff member serves two codes (this step and
//!    the next) and the count of staff members follows from `GATEHOUSE_BENCH_TOTP`;
//! 5. **idle sessions**: on a fresh server process (no full-cost hash has run in it, so Argon2's
//!    19 MiB blocks do not move its memory), after a warm-up, N sessions opened and signed
//!    in; `VmRSS` growth per session (target ≤ 2 KiB) and the database's growth of the sessions
//!    table per session.
//!
//! Why a `[[bench]]` and not a separate binary: cargo builds the server with the same optimised
//! profile and hands this program its path (`CARGO_BIN_EXE_gatehouse-server`), the school comes
//! from the server tests' own support module, and `cargo bench` is how every other benchmark of
//! the workspace runs and writes its summary (`target/bench-results/server.json`, read by
//! `scripts/bench-table.py`).
//!
//! Environment (defaults in brackets; `make bench-quick` sets a short form):
//! `GATEHOUSE_BENCH_ACCOUNTS` students [10000], `GATEHOUSE_BENCH_CLIENTS` [64],
//! `GATEHOUSE_BENCH_WARM_SECONDS` [3], `GATEHOUSE_BENCH_SECONDS` measured seconds of the
//! throughput phase [20], `GATEHOUSE_BENCH_LATENCY_SECONDS` of the open loop [30],
//! `GATEHOUSE_BENCH_TOTP` verifications [6000], `GATEHOUSE_BENCH_SESSIONS` idle sessions
//! [10000], `GATEHOUSE_BENCH_HASHES` raw hash samples on each side of the throughput phase [11],
//! `GATEHOUSE_BENCH_LATENCY_RATE` the open loop's sign-ins per second [half the throughput];
//! `GATEHOUSE_BENCH_STRICT=1` exits with status 1 when a target is missed. Run without `--bench`
//! (`cargo test -p gatehouse-server --benches`) it is a smoke test with small counts.
//!
//! The server logs at `warn` (the tests' setting), not the `info` of one line per request that a
//! school's server writes; and the test PostgreSQL runs without fsync (gatehouse-testpg), so a
//! commit costs less here than on a durable server.

// The summary's `json!` has more keys than the macro's default recursion allows.
#![recursion_limit = "256"]

#[path = "../../../core/benches/cputime/mod.rs"]
mod cputime;
mod load;
mod procfs;
mod seed;
#[path = "../../../core/benches/summary/mod.rs"]
mod summary;
// The server tests' school; the benchmark uses part of it.
#[allow(dead_code)]
#[path = "../../tests/server/support.rs"]
mod support;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gatehouse_core::hashing;
use serde_json::json;

use load::{Http, Percentiles};
use procfs::{CpuMeter, CpuUse, Ours};
use seed::{current_step, student_login, Staff, PASSWORD};

const THROUGHPUT_TARGET: f64 = 0.85;
const P99_OVER_HASH_TARGET: f64 = 4.0;
const KIB_PER_SESSION_TARGET: f64 = 2.0;
/// The benchmark's `[server]` lines: every client comes from 127.0.0.1, so the per-address limit
/// is set to its maximum, and sessions outlive the run.
const SERVER: &str =
    "requests_per_minute_per_address = 1000000\nrequests_per_minute_per_device = 1000000\nsession_idle_seconds = 3600\n";
/// The raw hash's salt (as the core's `sign_in` benchmark).
const SALT: [u8; 16] = *b"gatehouse-bench!";
/// TOTP codes each staff member serves: the current step and the next (RFC 6238 §5.2 window).
const CODES_PER_STAFF: usize = 2;

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| panic!("{name} must be a whole number, not {v:?}")),
        Err(_) => default,
    }
}

/// The run's sizes and times.
struct Plan {
    students: usize,
    clients: usize,
    warm: Duration,
    seconds: Duration,
    latency_seconds: Duration,
    totp: usize,
    sessions: usize,
    hashes: usize,
}

impl Plan {
    fn from_env(bench_mode: bool) -> Self {
        let pick = |name: &str, full: usize, smoke: usize| env_usize(name, if bench_mode { full } else { smoke });
        let secs = |name: &str, f: usize, s: usize| Duration::from_secs(pick(name, f, s).max(1) as u64);
        Self {
            students: pick("GATEHOUSE_BENCH_ACCOUNTS", 10_000, 200).max(1),
            clients: pick("GATEHOUSE_BENCH_CLIENTS", 64, 16).max(1),
            warm: secs("GATEHOUSE_BENCH_WARM_SECONDS", 3, 1),
            seconds: secs("GATEHOUSE_BENCH_SECONDS", 20, 2),
            latency_seconds: secs("GATEHOUSE_BENCH_LATENCY_SECONDS", 30, 2),
            totp: pick("GATEHOUSE_BENCH_TOTP", 6_000, 64).max(CODES_PER_STAFF),
            sessions: pick("GATEHOUSE_BENCH_SESSIONS", 10_000, 200).max(1),
            hashes: pick("GATEHOUSE_BENCH_HASHES", 11, 3).max(1),
        }
    }

    /// Staff members needed for the TOTP phase.
    fn staff(&self) -> usize {
        self.totp.div_ceil(CODES_PER_STAFF)
    }
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_unstable_by(f64::total_cmp);
    match s.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

/// Wall and process-CPU milliseconds of raw Argon2id hashes, and all-core hash rates.
#[derive(Default)]
struct Hashes {
    wall_ms: Vec<f64>,
    cpu_ms: Vec<f64>,
    all_core_per_second: Vec<f64>,
}

impl Hashes {
    /// `count` more hashes, one by one, on this thread (a memory block warm first).
    fn sample(&mut self, count: usize) {
        black_box(hashing::hash_with_salt(PASSWORD.as_bytes(), &SALT).expect("hash"));
        for _ in 0..count {
            let (t, c) = (Instant::now(), cputime::process());
            black_box(hashing::hash_with_salt(black_box(PASSWORD.as_bytes()), black_box(&SALT)).expect("hash"));
            self.wall_ms.push(t.elapsed().as_secs_f64() * 1e3);
            if let Some(cpu) = c.zip(cputime::process()).map(|(a, b)| b.saturating_sub(a)) {
                self.cpu_ms.push(cpu.as_secs_f64() * 1e3);
            }
        }
    }

    /// Hashes per second with one thread per core hashing `count` each at once: what this
    /// machine's cores reach together (shared caches and memory bandwidth included), below the
    /// ceiling of cores ÷ one hash when they do not scale.
    fn sample_all_cores(&mut self, cores: usize, count: usize) {
        let start = std::sync::Barrier::new(cores + 1);
        let elapsed = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..cores)
                .map(|_| {
                    let start = &start;
                    scope.spawn(move || {
                        start.wait();
                        let t = Instant::now();
                        for _ in 0..count {
                            black_box(hashing::hash_with_salt(black_box(PASSWORD.as_bytes()), &SALT).expect("hash"));
                        }
                        t.elapsed()
                    })
                })
                .collect();
            start.wait();
            threads.into_iter().map(|t| t.join().expect("a hashing thread")).max().unwrap_or_default()
        });
        self.all_core_per_second.push((cores * count) as f64 / elapsed.as_secs_f64());
    }
}

/// The CPU use of the window `[warm, warm + measure]` from now.
async fn cpu_of_window(ours: Ours, warm: Duration, measure: Duration) -> CpuUse {
    tokio::time::sleep(warm).await;
    let meter = CpuMeter::start(&ours);
    tokio::time::sleep(measure).await;
    meter.stop()
}

/// A new session signed in as `login` (the password is right): its token.
async fn signed_in(http: &Http, login: &str) -> String {
    let token = http.new_session().await;
    http.sign_in(&token, login).await;
    token
}

struct Throughput {
    per_second: f64,
    pair: Percentiles,
    cpu: CpuUse,
}

/// Phase 2: `clients` clients, each looping a new session and a sign-in.
fn throughput(rt: &tokio::runtime::Runtime, plan: &Plan, http: &Http, ours: &Ours) -> Throughput {
    let (clients, students) = (plan.clients, plan.students);
    let h = http.clone();
    let op = move |client: usize, i: usize| {
        let h = h.clone();
        async move {
            signed_in(&h, &student_login((client + i * clients) % students + 1)).await;
        }
    };
    let (latencies, cpu) = rt.block_on(async {
        let cpu = tokio::spawn(cpu_of_window(ours.clone(), plan.warm, plan.seconds));
        let latencies = load::closed_loop(clients, plan.warm, plan.seconds, op).await;
        (latencies, cpu.await.expect("the CPU meter"))
    });
    Throughput {
        per_second: latencies.len() as f64 / plan.seconds.as_secs_f64(),
        pair: Percentiles::of(&latencies),
        cpu,
    }
}

/// Sign-ins of the open loop: their latencies, and those refused with the first refusal.
struct Latency {
    all: Percentiles,
    refused: usize,
    first_refusal: Option<String>,
    cpu: CpuUse,
}

/// Phase 3: sign-ins arriving at `rate` per second on sessions opened beforehand.
fn latency(rt: &tokio::runtime::Runtime, plan: &Plan, http: &Http, ours: &Ours, rate: f64) -> Latency {
    let count = load::arrivals(rate, plan.warm + plan.latency_seconds);
    let h = http.clone();
    let tokens = Arc::new(rt.block_on(load::batch(plan.clients, count, move |_| {
        let h = h.clone();
        async move { h.new_session().await }
    })));
    let students = plan.students;
    let (answers, cpu) = rt.block_on(async {
        let cpu = tokio::spawn(cpu_of_window(ours.clone(), plan.warm, plan.latency_seconds));
        let answers = load::open_loop(rate, plan.warm, plan.latency_seconds, |k| {
            let (h, tokens) = (http.clone(), Arc::clone(&tokens));
            async move { h.try_sign_in(&tokens[k], &student_login(k % students + 1)).await }
        })
        .await;
        (answers, cpu.await.expect("the CPU meter"))
    });
    // A refused sign-in counts with the time its refusal took: the person waited that long.
    let latencies: Vec<Duration> = answers.iter().map(|(d, _)| *d).collect();
    let refusals: Vec<&String> = answers.iter().filter_map(|(_, v)| v.as_ref().err()).collect();
    Latency {
        all: Percentiles::of(&latencies),
        refused: refusals.len(),
        first_refusal: refusals.first().map(|r| (*r).clone()),
        cpu,
    }
}

struct Totp {
    verifications: usize,
    per_second: f64,
    latency: Percentiles,
    cpu: CpuUse,
}

/// Phase 4: every staff member's sessions on `totp_prompt`, then their codes submitted.
fn totp(rt: &tokio::runtime::Runtime, plan: &Plan, http: &Http, ours: &Ours, staff: &Arc<Vec<Staff>>) -> Totp {
    let sessions = staff.len() * CODES_PER_STAFF;
    let (h, s) = (http.clone(), Arc::clone(staff));
    let tokens = Arc::new(rt.block_on(load::batch(plan.clients, sessions, move |i| {
        let (h, s) = (h.clone(), Arc::clone(&s));
        async move {
            let token = signed_in(&h, &s[i / CODES_PER_STAFF].login).await;
            h.expect(&token, &json!({ "action": "open_app", "app": "icon" }), "totp_prompt").await;
            token
        }
    })));
    let clients = plan.clients;
    let (h, s) = (http.clone(), Arc::clone(staff));
    let meter = CpuMeter::start(ours);
    let started = Instant::now();
    let latencies: Vec<Duration> = rt
        .block_on(load::batch(clients, clients, move |client| {
            let (h, s, tokens) = (h.clone(), Arc::clone(&s), Arc::clone(&tokens));
            async move {
                let mut latencies = Vec::new();
                for member in (client..s.len()).step_by(clients) {
                    // Each code a step after the last one used; at most the next step (the
                    // window), else wait for the clock.
                    let mut last = 0;
                    for token in &tokens[member * CODES_PER_STAFF..(member + 1) * CODES_PER_STAFF] {
                        let step = loop {
                            let now = current_step();
                            if last < now + 1 {
                                break (last + 1).max(now);
                            }
                            tokio::time::sleep(Duration::from_millis(200)).await;
                        };
                        let submit = json!({ "action": "submit_totp", "code": s[member].code(step) });
                        let t = Instant::now();
                        h.expect(token, &submit, "dashboard").await;
                        latencies.push(t.elapsed());
                        last = step;
                    }
                }
                latencies
            }
        }))
        .into_iter()
        .flatten()
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    Totp {
        verifications: latencies.len(),
        per_second: latencies.len() as f64 / seconds,
        latency: Percentiles::of(&latencies),
        cpu: meter.stop(),
    }
}

struct Idle {
    sessions: usize,
    rss_before_kib: u64,
    rss_after_kib: u64,
    kib_per_session: f64,
    db_bytes_per_session: f64,
    sealed_bytes: f64,
}

/// The size of the sessions table with its index and TOAST, the sessions in it, and the mean
/// length of their sealed state.
fn sessions_table(school: &support::School) -> (i64, i64, f64) {
    let row = school
        .database()
        .connect()
        .query_one(
            "SELECT pg_total_relation_size('sessions'), count(*), coalesce(avg(length(sealed)), 0)::float8 FROM sessions",
            &[],
        )
        .expect("the sessions table's size");
    (row.get(0), row.get(1), row.get(2))
}

/// Phase 5: idle signed-in sessions on a fresh server process.
fn idle(rt: &tokio::runtime::Runtime, plan: &Plan, school: &support::School, staff: &Arc<Vec<Staff>>) -> Idle {
    let server = school.server("idle", SERVER);
    let http = Http::new(school.tls(), &server.url, &school.kiosk);
    let open = |count: usize| {
        let (h, s) = (http.clone(), Arc::clone(staff));
        rt.block_on(load::batch(plan.clients, count, move |i| {
            let (h, s) = (h.clone(), Arc::clone(&s));
            async move { signed_in(&h, &s[i % s.len()].login).await }
        }))
    };
    // The warm-up gives the process its connections, its blocking threads and their buffers.
    open(plan.clients * 4);
    std::thread::sleep(Duration::from_secs(1));
    let (rss_before_kib, (db_before, count_before, _)) =
        (procfs::status_kib(server.pid(), "VmRSS"), sessions_table(school));
    let tokens = open(plan.sessions);
    std::thread::sleep(Duration::from_secs(2));
    let (rss_after_kib, (db_after, count_after, sealed_bytes)) =
        (procfs::status_kib(server.pid(), "VmRSS"), sessions_table(school));
    assert_eq!(count_after - count_before, tokens.len() as i64, "every idle session is in the database");
    let n = tokens.len() as f64;
    Idle {
        sessions: tokens.len(),
        rss_before_kib,
        rss_after_kib,
        kib_per_session: (rss_after_kib as f64 - rss_before_kib as f64) / n,
        db_bytes_per_session: (db_after - db_before) as f64 / n,
        sealed_bytes,
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "PASS"
    } else {
        "FAIL"
    }
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let plan = Plan::from_env(bench_mode);
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");

    let school = support::School::new();
    let staff = Arc::new(seed::seed(&school, plan.students, plan.staff()));
    let server = school.server("bench", SERVER);
    let http = Http::new(school.tls(), &server.url, &school.kiosk);
    let ours =
        Ours { servers: vec![server.pid()], postmaster: gatehouse_testpg::TestPostgres::shared().postmaster_pid() };
    eprintln!("gatehouse-server (pid {}) on {}; {cores} cores", server.pid(), server.url);

    // Warm the server: every client's connection, the blocking threads and their Argon2 blocks.
    let h = http.clone();
    let students = plan.students;
    rt.block_on(load::batch(plan.clients, plan.clients * 2, move |i| {
        let h = h.clone();
        async move { signed_in(&h, &student_login(i % students + 1)).await }
    }));

    let mut hashes = Hashes::default();
    hashes.sample(plan.hashes);
    hashes.sample_all_cores(cores, plan.hashes);
    eprintln!("throughput: {} clients for {:?} after {:?} ...", plan.clients, plan.seconds, plan.warm);
    let through = throughput(&rt, &plan, &http, &ours);
    hashes.sample(plan.hashes);
    hashes.sample_all_cores(cores, plan.hashes);
    let all_core = median(&hashes.all_core_per_second);
    let hash_ms = &hashes.wall_ms;
    let hash = median(hash_ms);
    let ceiling = cores as f64 / (hash / 1e3);
    let rate = std::env::var("GATEHOUSE_BENCH_LATENCY_RATE")
        .ok()
        .map(|v| {
            v.trim()
                .parse::<f64>()
                .unwrap_or_else(|_| panic!("GATEHOUSE_BENCH_LATENCY_RATE must be a number, not {v:?}"))
        })
        .unwrap_or(through.per_second / 2.0);
    eprintln!("latency: an open loop of {rate:.1} sign-ins/s for {:?} after {:?} ...", plan.latency_seconds, plan.warm);
    let lat = latency(&rt, &plan, &http, &ours, rate);
    eprintln!("TOTP: {} staff members, {} verifications ...", staff.len(), staff.len() * CODES_PER_STAFF);
    let totp = totp(&rt, &plan, &http, &ours, &staff);
    // The server's peak memory: mostly Argon2's 19 MiB block per thread hashing at once.
    let peak_kib = procfs::status_kib(server.pid(), "VmHWM");
    drop(server);
    eprintln!("idle sessions: {} on a fresh server process ...", plan.sessions);
    let idle = idle(&rt, &plan, &school, &staff);

    let ratio = through.per_second / ceiling;
    let p99_over_hash = lat.all.p99_ms / hash;
    let latency_met = p99_over_hash <= P99_OVER_HASH_TARGET && lat.refused == 0;
    // What the sign-ins would reach on cores nobody else used: cores ÷ CPU per sign-in of the
    // server, PostgreSQL and the load generator together.
    let cpu_per_sign_in_ms = 1e3 * through.cpu.ours / (through.per_second * through.cpu.wall);
    let projected = cores as f64 / (cpu_per_sign_in_ms / 1e3);
    let busy = through.cpu.others_share(cores);
    // The same ratio by CPU time, which other processes on the cores do not inflate: the hash's
    // share of all the CPU a sign-in costs (what the throughput ratio is on cores of our own).
    let hash_cpu = (!hashes.cpu_ms.is_empty()).then(|| median(&hashes.cpu_ms));
    let ratio_cpu = hash_cpu.map(|h| h / cpu_per_sign_in_ms);

    println!();
    println!(
        "== gatehouse-server benchmark ({cores} cores, {} students, {} clients, HTTPS) ==",
        plan.students, plan.clients
    );
    println!(
        "raw Argon2id hash (m=19456 KiB, t=2, p=1):     median {hash:.2} ms of {} (min {:.2}, max {:.2})",
        hash_ms.len(),
        hash_ms.iter().copied().fold(f64::INFINITY, f64::min),
        hash_ms.iter().copied().fold(0.0, f64::max)
    );
    println!("hash-bound ceiling (cores / hash):             {ceiling:.1} sign-ins/s");
    println!(
        "all-core raw hash rate measured:               {all_core:.1} hashes/s = {:.3} x ceiling ({cores} threads at once)",
        all_core / ceiling
    );
    println!(
        "sign-in throughput ({} clients):               {:.1} sign-ins/s = {ratio:.3} x ceiling (target >= {THROUGHPUT_TARGET}) {}",
        plan.clients,
        through.per_second,
        verdict(ratio >= THROUGHPUT_TARGET)
    );
    println!("  against the all-core hash rate measured:     {:.3}", through.per_second / all_core);
    println!(
        "  session + sign-in under that load:           p50 {:.1} ms, p99 {:.1} ms ({} in {:?})",
        through.pair.p50_ms, through.pair.p99_ms, through.pair.count, plan.seconds
    );
    let [generator_ms, server_ms, postgres_ms] =
        through.cpu.parts.map(|p| 1e3 * p / (through.per_second * through.cpu.wall));
    println!(
        "  CPU: ours {:.1} ms per sign-in ({:.2} x hash: server {server_ms:.1}, PostgreSQL {postgres_ms:.1}, \
         load generator {generator_ms:.1}); other processes {:.0}% of the cores; \
         projected on idle cores {projected:.1}/s = {:.3} x ceiling",
        cpu_per_sign_in_ms,
        cpu_per_sign_in_ms / hash,
        100.0 * busy,
        projected / ceiling
    );
    if let (Some(h), Some(r)) = (hash_cpu, ratio_cpu) {
        println!(
            "  by CPU time: one hash {h:.2} ms of CPU; hash / CPU per sign-in {r:.3} (target >= {THROUGHPUT_TARGET}) {}",
            verdict(r >= THROUGHPUT_TARGET)
        );
    }
    println!(
        "sign-in latency, open loop at {rate:.1}/s:         p50 {:.1} ms, p99 {:.1} ms = {p99_over_hash:.2} x hash \
         (target <= {P99_OVER_HASH_TARGET}) {} ({} sign-ins, {} refused, max {:.1} ms; other processes {:.0}%)",
        lat.all.p50_ms,
        lat.all.p99_ms,
        verdict(latency_met),
        lat.all.count,
        lat.refused,
        lat.all.max_ms,
        100.0 * lat.cpu.others_share(cores)
    );
    if let Some(refusal) = &lat.first_refusal {
        println!("  the first refusal: {refusal}");
    }
    println!(
        "TOTP verification through the server:         {:.0} verifications/s ({} in {:.1} s; p50 {:.2} ms, p99 {:.2} ms; \
         other processes {:.0}%)",
        totp.per_second,
        totp.verifications,
        totp.verifications as f64 / totp.per_second,
        totp.latency.p50_ms,
        totp.latency.p99_ms,
        100.0 * totp.cpu.others_share(cores)
    );
    println!(
        "idle sessions ({}, signed in):              server {:+.3} KiB each (VmRSS {} -> {} KiB; target <= {KIB_PER_SESSION_TARGET}) {}; \
         database {:.0} bytes each (sealed state {:.0} bytes)",
        idle.sessions,
        idle.kib_per_session,
        idle.rss_before_kib,
        idle.rss_after_kib,
        verdict(idle.kib_per_session <= KIB_PER_SESSION_TARGET),
        idle.db_bytes_per_session,
        idle.sealed_bytes
    );
    println!(
        "server peak memory (VmHWM) under {} clients:    {:.0} MiB (one 19 MiB Argon2id block per core)",
        plan.clients,
        peak_kib as f64 / 1024.0
    );
    if !bench_mode {
        println!("(smoke run: not `cargo bench`; figures are indicative only)");
    }

    summary::write(
        "server",
        bench_mode,
        &[
            "GATEHOUSE_BENCH_ACCOUNTS",
            "GATEHOUSE_BENCH_CLIENTS",
            "GATEHOUSE_BENCH_WARM_SECONDS",
            "GATEHOUSE_BENCH_SECONDS",
            "GATEHOUSE_BENCH_LATENCY_SECONDS",
            "GATEHOUSE_BENCH_TOTP",
            "GATEHOUSE_BENCH_SESSIONS",
            "GATEHOUSE_BENCH_HASHES",
            "GATEHOUSE_BENCH_LATENCY_RATE",
        ],
        json!({
            "store": "postgres",
            "accounts": plan.students,
            "clients": plan.clients,
            "raw_hash_ms": hash,
            "raw_hash_samples": hash_ms.len(),
            "ceiling_per_second": ceiling,
            "sign_ins_per_second": through.per_second,
            "throughput_over_ceiling": ratio,
            "throughput_over_ceiling_target": THROUGHPUT_TARGET,
            "raw_hash_cpu_ms": hash_cpu,
            "all_core_hashes_per_second": all_core,
            "throughput_over_all_core_rate": through.per_second / all_core,
            "throughput_over_ceiling_cpu": ratio_cpu,
            "measured_seconds": plan.seconds.as_secs_f64(),
            "sign_in_pair_p50_ms": through.pair.p50_ms,
            "sign_in_pair_p99_ms": through.pair.p99_ms,
            "cpu_per_sign_in_ms": cpu_per_sign_in_ms,
            "cpu_per_sign_in_server_ms": server_ms,
            "cpu_per_sign_in_postgres_ms": postgres_ms,
            "cpu_per_sign_in_generator_ms": generator_ms,
            "projected_idle_sign_ins_per_second": projected,
            "other_processes_cpu_share": busy,
            "latency_rate_per_second": rate,
            "latency_sign_ins": lat.all.count,
            "latency_refused": lat.refused,
            "latency_other_processes_cpu_share": lat.cpu.others_share(cores),
            "sign_in_p50_ms": lat.all.p50_ms,
            "sign_in_p99_ms": lat.all.p99_ms,
            "sign_in_max_ms": lat.all.max_ms,
            "p99_over_hash": p99_over_hash,
            "p99_over_hash_target": P99_OVER_HASH_TARGET,
            "totp_verifications": totp.verifications,
            "totp_per_second": totp.per_second,
            "totp_p50_ms": totp.latency.p50_ms,
            "totp_p99_ms": totp.latency.p99_ms,
            "totp_other_processes_cpu_share": totp.cpu.others_share(cores),
            "idle_sessions": idle.sessions,
            "rss_before_kib": idle.rss_before_kib,
            "rss_after_kib": idle.rss_after_kib,
            "server_kib_per_session": idle.kib_per_session,
            "server_kib_per_session_target": KIB_PER_SESSION_TARGET,
            "database_bytes_per_session": idle.db_bytes_per_session,
            "sealed_state_bytes": idle.sealed_bytes,
            "server_peak_rss_mib": peak_kib as f64 / 1024.0,
        }),
    );
    let missed = ratio < THROUGHPUT_TARGET || !latency_met || idle.kib_per_session > KIB_PER_SESSION_TARGET;
    if missed && std::env::var("GATEHOUSE_BENCH_STRICT").is_ok_and(|v| v == "1") {
        std::process::exit(1);
    }
}
