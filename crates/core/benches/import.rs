//! `admin import` throughput (issue target: 10,000 rows on 2 cores at 130 or more accounts per
//! second, hashing on all cores, one transaction per batch).
//!
//! `cargo bench -p gatehouse-core --bench import`
//! `GATEHOUSE_BENCH_IMPORT_ROWS=1000 cargo bench -p gatehouse-core --bench import` (short, for CI)
//!
//! One run of 10,000 rows takes over a minute, so this is a plain program rather than criterion:
//! it measures the single-core Argon2id rate in the same process (`GATEHOUSE_BENCH_HASHES`
//! hashes, default 50), generates a CSV of valid students, imports it with
//! [`Admin::import_csv`] into a fresh temporary data directory in `GATEHOUSE_BENCH_IMPORT_CHUNKS`
//! imports (default 5: of 2,000 rows each), and prints the rate against the target and against
//! what the cores could do at best (cores × single-core hash rate). The all-core hash rate is
//! measured before the first import and after each one: an import is judged against the mean
//! of the two around it, and the verdict is the median of those ratios, which a slow or fast
//! spell of the machine in one phase does not move (one all-core figure measured once, before
//! a minute-long import, read 0.81 and 1.09 on two days).
//! With `GATEHOUSE_BENCH_STRICT=1` it exits with status 1 when the rate misses the target.
//! The rates and ratios also go to `target/bench-results/import.json` (see `summary`).

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Cursor;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use gatehouse_core::admin::Admin;
use gatehouse_core::hashing;
use gatehouse_core::Engine;

mod cputime;
mod place;
mod summary;

const TARGET_PER_SECOND: f64 = 130.0;
/// The import against all cores hashing at once with the same backend (issue 19).
const IMPORT_OVER_ALL_CORE_TARGET: f64 = 0.95;
const LEVELS: [&str; 4] = ["p1_3", "p4_6", "secondary", "jc_mi"];

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v.trim().parse().unwrap_or_else(|_| panic!("{name} must be a whole number, not {v:?}")),
        Err(_) => default,
    }
}

fn csv_of(rows: std::ops::RangeInclusive<usize>) -> String {
    let mut s = String::with_capacity(rows.size_hint().0 * 80 + 40);
    s.push_str("login,name,kind,level,location\n");
    for n in rows {
        writeln!(
            s,
            "Import_{n:06}@students.edu.sg,Import Student {n:06},student,{},S{:04}",
            LEVELS[n % LEVELS.len()],
            1000 + n % 40
        )
        .unwrap();
    }
    s
}

/// Busy CPU time of the whole machine, all cores (Linux `/proc/stat`, USER_HZ = 100).
fn machine_busy() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<u64> = stat.lines().next()?.split_whitespace().skip(1).filter_map(|f| f.parse().ok()).collect();
    // user nice system idle iowait irq softirq steal: everything but idle and iowait.
    let busy: u64 = fields.iter().take(8).enumerate().filter(|(i, _)| *i != 3 && *i != 4).map(|(_, v)| v).sum();
    Some(busy as f64 / 100.0)
}

/// Single-core Argon2id rate with fresh salts (what an import worker does per account), warm;
/// and the process CPU time of one hash (on its hashing thread).
fn single_core_hash_rate(hashes: usize) -> (f64, Option<Duration>) {
    for _ in 0..3 {
        black_box(hashing::hash(b"Maple-Otter-Cloud-47").expect("hash"));
    }
    let (t, c) = (Instant::now(), cputime::process());
    for i in 0..hashes {
        black_box(hashing::hash(format!("Maple-Otter-Cloud-{:02}", i % 100).as_bytes()).expect("hash"));
    }
    let cpu = c.zip(cputime::process()).map(|(a, b)| b.saturating_sub(a) / hashes as u32);
    (hashes as f64 / t.elapsed().as_secs_f64(), cpu)
}

/// Aggregate Argon2id rate with one thread per core hashing at once (no database, no channel):
/// the best an import can do on this machine, memory bandwidth and shared caches included.
fn parallel_hash_rate(threads: usize, hashes_each: usize) -> f64 {
    let start = std::sync::Barrier::new(threads + 1);
    let elapsed = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let start = &start;
                scope.spawn(move || {
                    black_box(hashing::hash(b"Maple-Otter-Cloud-47").expect("hash")); // a memory block in the pool
                    start.wait();
                    let t = Instant::now();
                    for i in 0..hashes_each {
                        black_box(hashing::hash(format!("Maple-Otter-Cloud-{:02}", i % 100).as_bytes()).expect("hash"));
                    }
                    t.elapsed()
                })
            })
            .collect();
        start.wait();
        handles.into_iter().map(|h| h.join().expect("hash thread")).max().unwrap_or_default()
    });
    (threads * hashes_each) as f64 / elapsed.as_secs_f64()
}

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let rows = env_usize("GATEHOUSE_BENCH_IMPORT_ROWS", if bench_mode { 10_000 } else { 200 }).max(1);
    let chunks = env_usize("GATEHOUSE_BENCH_IMPORT_CHUNKS", if bench_mode { 5 } else { 2 }).clamp(1, rows);
    let hashes = env_usize("GATEHOUSE_BENCH_HASHES", if bench_mode { 50 } else { 10 }).max(1);
    let strict = std::env::var("GATEHOUSE_BENCH_STRICT").is_ok_and(|v| v == "1");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);

    let (single, hash_cpu) = single_core_hash_rate(hashes);
    eprintln!("single-core Argon2id: {single:.1} hashes/s over {hashes} hashes");
    let mut all_core = vec![parallel_hash_rate(cores, hashes)];
    eprintln!("all-core Argon2id: {:.1} hashes/s ({cores} threads x {hashes} hashes)", all_core[0]);

    let csv = csv_of(1..=rows);
    let place = place::Place::new("gatehouse-bench-import-");
    let engine = Engine::open(place.dir.path()).expect("open data dir");
    let admin = Admin::new(engine.clone(), "bench");
    // The validation pass alone (the import repeats it before hashing starts).
    let parse = Instant::now();
    let (good, bad, _) = admin.parse_import(Cursor::new(csv.as_bytes())).expect("parse");
    let parse = parse.elapsed().as_secs_f64();
    assert_eq!((good.len(), bad.len()), (rows, 0), "generated rows must all be valid");
    let cancel = AtomicBool::new(false);
    let mut last_print = Instant::now();
    let mut progress = |p: gatehouse_core::admin::ImportProgress| {
        if last_print.elapsed().as_secs() >= 10 {
            last_print = Instant::now();
            let secs = p.elapsed.as_secs_f64();
            eprintln!("  {}/{} accounts after {secs:.0} s ({:.1}/s so far)", p.done, p.total, p.done as f64 / secs);
        }
    };
    eprintln!(
        "importing {rows} rows in {chunks} imports on {cores} cores into {} in {} ...",
        place.describe(),
        place.dir.path().display()
    );
    let (mut wall, mut reported, mut process_cpu, mut others) = (0.0, 0.0, Some(0.0), Some(0.0));
    let mut ratios = Vec::with_capacity(chunks);
    for k in 0..chunks {
        let part = rows * k / chunks + 1..=rows * (k + 1) / chunks;
        let n = part.size_hint().0;
        let csv = csv_of(part);
        let (busy0, cpu0, t) = (machine_busy(), cputime::process(), Instant::now());
        let report = admin.import_csv(Cursor::new(csv.as_bytes()), &mut progress, &cancel).expect("import");
        let secs = t.elapsed().as_secs_f64();
        let own = cpu0.zip(cputime::process()).map(|(a, b)| b.saturating_sub(a).as_secs_f64());
        let other = busy0.zip(machine_busy()).zip(own).map(|((a, b), own)| (b - a - own).max(0.0));
        assert!(report.errors.is_empty(), "rows rejected: {:?}", &report.errors[..report.errors.len().min(5)]);
        assert!(!report.cancelled);
        assert_eq!(report.created.len(), n, "accounts created");
        (wall, reported) = (wall + secs, reported + report.seconds);
        process_cpu = process_cpu.zip(own).map(|(a, b)| a + b);
        others = others.zip(other).map(|(a, b)| a + b);
        all_core.push(parallel_hash_rate(cores, hashes));
        let around = (all_core[k] + all_core[k + 1]) / 2.0;
        ratios.push(n as f64 / secs / around);
        eprintln!(
            "  import {}: {n} rows at {:.1}/s, all-core {around:.1}/s around it: {:.3}",
            k + 1,
            n as f64 / secs,
            ratios[k]
        );
    }
    assert_eq!(engine.store().count_accounts().expect("count"), rows as u64);

    let rate = rows as f64 / wall;
    let parallel = all_core.iter().sum::<f64>() / all_core.len() as f64;
    ratios.sort_by(f64::total_cmp);
    let paired = ratios[ratios.len() / 2];
    let ceiling = cores as f64 * single;
    let pass = rate >= TARGET_PER_SECOND;
    println!();
    println!("== gatehouse admin import benchmark ==");
    println!("rows:                        {rows}");
    println!("seconds:                     {wall:.2} in {chunks} imports (import reports: {reported:.2})");
    println!("accounts/second:             {rate:.1}");
    println!("single-core hash rate:       {single:.1} hashes/s ({:.2} ms/hash, {hashes} hashes)", 1e3 / single);
    println!("cores (available_parallelism): {cores}");
    println!("ceiling (cores x hash rate): {ceiling:.1} accounts/s");
    println!("import rate / ceiling:       {:.3}", rate / ceiling);
    let (slowest, fastest) = all_core.iter().fold((f64::MAX, 0.0f64), |(lo, hi), r| (lo.min(*r), hi.max(*r)));
    println!(
        "all-core hash rate measured: {parallel:.1} hashes/s, mean of {} ({slowest:.1}-{fastest:.1}; {:.3} of the ceiling)",
        all_core.len(),
        parallel / ceiling
    );
    println!(
        "import rate / all-core rate: {paired:.3}, median of the {chunks} imports' ratios to the all-core rate \
         around each (target >= {IMPORT_OVER_ALL_CORE_TARGET:.2}) {}; ratio of the totals {:.3}",
        if paired >= IMPORT_OVER_ALL_CORE_TARGET { "PASS" } else { "FAIL" },
        rate / parallel
    );
    if let (Some(own), Some(hash)) = (process_cpu, hash_cpu) {
        let per_account = own / rows as f64;
        let hash = hash.as_secs_f64();
        println!(
            "process CPU:                 {own:.1} s = {:.2} ms per account (one hash alone: {:.2} ms; x{:.3})",
            per_account * 1e3,
            hash * 1e3,
            per_account / hash
        );
        println!(
            "CPU use during the import:   {:.0}% of {cores} cores by the import{}",
            100.0 * own / (wall * cores as f64),
            others
                .map(|o| format!(", {:.0}% by other processes", 100.0 * o / (wall * cores as f64)))
                .unwrap_or_default()
        );
        println!(
            "projected on {cores} idle cores:   {:.1} accounts/s (cores / CPU per account)",
            cores as f64 / per_account
        );
    }
    println!("validation pass (parse_import alone): {parse:.2} s ({:.1}% of the import)", 100.0 * parse / wall);
    println!(
        "target >= {TARGET_PER_SECOND:.0} accounts/s: {} ({rate:.1}){}",
        if pass { "PASS" } else { "FAIL" },
        if cores == 2 {
            String::new()
        } else {
            format!(" (note: the target assumes 2 cores; this machine has {cores})")
        }
    );
    let cpu_per_account_ms = process_cpu.map(|own| own / rows as f64 * 1e3);
    summary::write(
        "import",
        bench_mode,
        &["GATEHOUSE_BENCH_IMPORT_ROWS", "GATEHOUSE_BENCH_IMPORT_CHUNKS", "GATEHOUSE_BENCH_HASHES"],
        serde_json::json!({
            "store": if place::on_postgres() { "postgres" } else { "sqlite" },
            "rows": rows,
            "imports": chunks,
            "seconds": wall,
            "accounts_per_second": rate,
            "accounts_per_second_target": TARGET_PER_SECOND,
            "single_core_hashes_per_second": single,
            "all_core_hashes_per_second": parallel,
            "hash_threads": cores,
            "import_over_all_core_rate": paired,
            "import_over_all_core_rate_of_totals": rate / parallel,
            // Issue 13: on PostgreSQL the import keeps at least 0.9 x the all-core hash rate.
            "import_over_all_core_rate_target": IMPORT_OVER_ALL_CORE_TARGET,
            "import_over_ceiling": rate / ceiling,
            "cpu_per_account_ms": cpu_per_account_ms,
            "cpu_per_account_over_hash": cpu_per_account_ms.zip(hash_cpu).map(|(a, h)| a / (h.as_secs_f64() * 1e3)),
            "projected_idle_accounts_per_second": cpu_per_account_ms.map(|a| cores as f64 / (a / 1e3)),
            "other_processes_cpu_share": others.map(|o| o / (wall * cores as f64)),
        }),
    );
    if rows < 10_000 {
        println!("(short run of {rows} rows; the target is stated for 10,000)");
    }
    if !pass && strict {
        std::process::exit(1);
    }
}
