#!/usr/bin/env python3
"""One table of every benchmark figure, printed at the end of `make bench` and `make bench-quick`.

Reads the JSON summaries that the benchmarks write to <target dir>/bench-results/ (the target
directory is CARGO_TARGET_DIR when set, relative to the repository root, else target/):
sign_in.json, import.json, totp.json and sspr.json from `cargo bench -p gatehouse-core --bench <name>`,
startup.json from scripts/bench-startup.py, and server.json from
`cargo bench -p gatehouse-server --bench server`. A benchmark without its file shows "not run".
The table is Markdown, so it can be pasted into an issue as it is.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_dir():
    # An absolute CARGO_TARGET_DIR replaces ROOT; an empty one counts as unset, as for cargo.
    return ROOT / (os.environ.get("CARGO_TARGET_DIR") or "target") / "bench-results"


def num(value, digits):
    return "n/a" if value is None else f"{value:,.{digits}f}"


def met(value, target, at_most):
    if value is None:
        return "n/a"
    return "met" if (value <= target if at_most else value >= target) else "MISSED"


def per_hash(ratio):
    """A cost as a fraction of one Argon2id hash: '1/4,900 of a hash'."""
    return "n/a" if not ratio else f"1/{1 / ratio:,.0f} of a hash"


def busy(share, projected):
    """A note when other processes held a noticeable part of the cores during the run."""
    if not share or share < 0.1:
        return ""
    return f"; other processes used {share:.0%} of the cores (projected on idle cores: {num(projected, 0)}/s)"


def others(share):
    """A note when other processes held a noticeable part of the cores during a phase."""
    return "" if not share or share < 0.1 else f"; other processes used {share:.0%} of the cores"


def on(r, label):
    """The figure's name, marked with the store when it is not the embedded file."""
    return f"[PostgreSQL] {label}" if r.get("store") == "postgres" else label


def pct(us, ms):
    """`us` microseconds as a percentage of `ms` milliseconds, or None when either is missing."""
    return None if us is None or not ms else us / (ms * 10)


def sign_in_rows(r):
    n = r["accounts"]
    sizes, sizes_target = r.get("accounts_over_10_accounts"), r.get("accounts_over_10_accounts_target")
    ratio, target = r.get("sign_in_over_hash"), r.get("sign_in_over_hash_target", 1.15)
    # Thread CPU time does not grow while other processes hold the core: the figure to trust
    # when the wall-clock one is disturbed by a busy machine.
    cpu = r.get("sign_in_over_hash_cpu")
    cpu_note = "" if cpu is None else f"; by process CPU {num(cpu, 3)}: {met(cpu, target, True)}"
    sizes_cpu = r.get("accounts_over_10_accounts_cpu")
    return [
        (on(r, "raw Argon2id hash (m=19456 KiB, t=2, p=1)"), f"{num(r.get('raw_hash_ms'), 2)} ms",
         f"backend {r.get('backend', '?')}"),
        (
            on(r, "raw hash: RustCrypto's argon2 / libsodium's crypto_pwhash"),
            f"{num(r.get('rustcrypto_hash_ms'), 2)} / {num(r.get('libsodium_hash_ms'), 2)} ms",
            f"backend / fastest: {num(r.get('backend_over_fastest'), 3)} (target <= "
            f"{r.get('backend_over_fastest_target', 1.05):.2f}: "
            f"{met(r.get('backend_over_fastest'), r.get('backend_over_fastest_target', 1.05), True)})",
        ),
        (
            on(r, "sign-in / RustCrypto's raw hash"),
            f"{num(r.get('sign_in_over_rustcrypto'), 3)} x",
            f"target <= {r.get('sign_in_over_rustcrypto_target', 0.75):.2f}: "
            f"{met(r.get('sign_in_over_rustcrypto'), r.get('sign_in_over_rustcrypto_target', 0.75), True)}",
        ),
        (
            on(r, f"sign-in / raw hash ({n:,} accounts)"),
            f"{num(r.get('sign_in_ms'), 2)} ms",
            f"{num(ratio, 3)} x hash (target <= {target:.2f}: {met(ratio, target, True)}{cpu_note})",
        ),
        (
            on(r, "sign-in of another student each round / raw hash"),
            f"{num(r.get('morning_sign_in_ms'), 2)} ms",
            f"{num(r.get('morning_sign_in_over_hash'), 3)} x hash (each their first sign-in; no target of its own)",
        ),
        (
            on(r, "a sign-in's steps besides the hash, each right after one"),
            f"{num(r.get('non_hash_steps_after_a_hash_us'), 0)} us",
            f"{num(pct(r.get('non_hash_steps_after_a_hash_us'), r.get('raw_hash_ms')), 1)} % of the hash; "
            f"for comparison store.meta {num(r.get('smallest_query_after_a_hash_us'), 0)} us",
        ),
        (
            on(r, f"sign-in latency, 10 vs {n:,} accounts"),
            f"{num(r.get('sign_in_10_accounts_ms'), 2)} vs {num(r.get('sign_in_ms'), 2)} ms",
            f"{n:,} / 10 accounts: {num(sizes, 3)}"
            + ("" if sizes_target is None else f" (target <= {sizes_target:.2f}: {met(sizes, sizes_target, True)})")
            + ("" if sizes_cpu is None else f" (by process CPU {num(sizes_cpu, 3)})"),
        ),
    ]


def import_rows(r):
    rate, target = r.get("accounts_per_second"), r.get("accounts_per_second_target", 130)
    share, share_target = r.get("import_over_all_core_rate"), r.get("import_over_all_core_rate_target")
    return [
        (
            on(r, f"import rate ({r['rows']:,} rows)"),
            f"{num(rate, 1)} accounts/s",
            f"target >= {target:.0f}: {met(rate, target, False)}"
            + ("" if r["rows"] >= 10_000 else " (stated for 10,000 rows)")
            + busy(r.get("other_processes_cpu_share"), r.get("projected_idle_accounts_per_second")),
        ),
        (
            on(r, f"import / all-core raw hash rate ({r.get('hash_threads')} cores)"),
            f"{num(r.get('all_core_hashes_per_second'), 1)} hashes/s",
            f"import / all-core: {num(share, 3)}"
            + (f", median of {r['imports']} imports' ratios" if r.get("imports", 1) > 1 else "")
            + ("" if share_target is None else f" (target >= {share_target:.2f}: {met(share, share_target, False)})"),
        ),
    ]


def totp_rows(r):
    kind = f"{r.get('algorithm', 'SHA1')}, {r.get('digits', 6)} digits, {r.get('period_s', 30)} s"
    return [
        (
            f"TOTP verify, right code ({kind})",
            f"{num(r.get('verify_right_us'), 2)} us",
            per_hash(r.get("verify_right_over_hash")),
        ),
        (
            "TOTP verify, wrong code (window + skew diagnosis)",
            f"{num(r.get('verify_wrong_us'), 2)} us",
            per_hash(r.get("verify_wrong_over_hash")),
        ),
        (
            "2FA verify incl. vault + DB write, right code",
            f"{num(r.get('twofactor_right_us'), 1)} us",
            per_hash(r.get("twofactor_right_over_hash")),
        ),
        (
            "2FA verify incl. vault + DB write, wrong code",
            f"{num(r.get('twofactor_wrong_us'), 1)} us",
            per_hash(r.get("twofactor_wrong_over_hash")),
        ),
    ]


def sspr_rows(r):
    unpaced, paced = r.get("unpaced_ms") or [], r.get("paced_ms") or []
    first = 2  # "unknown ID, first search" in the benchmark's kinds
    return [
        (
            on(r, f"reset search, real vs unknown ID, no pace ({num(r.get('accounts'), 0)} accounts)"),
            f"{num(unpaced[0] if unpaced else None, 3)} / {num(unpaced[first] if unpaced else None, 3)} ms",
            f"slowest / fastest kind {num(r.get('unpaced_spread'), 3)}; slowest search "
            f"{num(r.get('slowest_unpaced_ms'), 1)} ms",
        ),
        (
            on(r, f"reset search, real vs unknown ID, pace {r.get('pace_ms')} ms"),
            f"{num(paced[0] if paced else None, 3)} / {num(paced[first] if paced else None, 3)} ms",
            f"slowest / fastest kind {num(r.get('paced_spread'), 3)} (target <= "
            f"{num(r.get('paced_spread_target'), 2)}) {met(r.get('paced_spread'), r.get('paced_spread_target') or 0, True)}",
        ),
    ]


def startup_rows(r):
    by_process = r.get("pss_by_process_mib") or {}
    # Issue 15: at most 1.2 x an empty Tauri window built the same way, for both.
    startup_ratio, pss_ratio = r.get("startup_ratio_to_empty_window"), r.get("pss_ratio_to_empty_window")
    return [
        (
            "start-up to interactive sign-in (Xvfb)",
            f"{num(r.get('startup_median_ms'), 0)} ms",
            f"min {num(r.get('startup_min_ms'), 0)}, max {num(r.get('startup_max_ms'), 0)}, "
            f"{r.get('rounds')} starts; the empty window {num(r.get('empty_window_startup_median_ms'), 0)} ms",
        ),
        (
            "start-up / empty Tauri window",
            num(startup_ratio, 2),
            f"target at most 1.2: {met(startup_ratio, 1.2, True)}; "
            f"{num(r.get('startup_ratio_to_software_empty_window'), 2)} to it without compositing",
        ),
        (
            "memory of the app's processes",
            f"{num(r.get('pss_mib'), 1)} MiB PSS",
            f"{num(r.get('rss_mib'), 1)} MiB RSS; "
            + ", ".join(f"{k} {v:.0f}" for k, v in sorted(by_process.items(), key=lambda kv: -kv[1]))
            + f"; the empty window {num(r.get('empty_window_pss_mib'), 1)} MiB PSS",
        ),
        (
            "memory / empty Tauri window",
            num(pss_ratio, 2),
            f"target at most 1.2: {met(pss_ratio, 1.2, True)}; "
            f"{num(r.get('pss_ratio_to_software_empty_window'), 2)} to it without compositing",
        ),
    ]


def server_rows(r):
    """gatehouse-server over HTTPS on PostgreSQL (crates/server/benches/server)."""
    ratio, target = r.get("throughput_over_ceiling"), r.get("throughput_over_ceiling_target", 0.85)
    p99, p99_target = r.get("p99_over_hash"), r.get("p99_over_hash_target", 4.0)
    kib, kib_target = r.get("server_kib_per_session"), r.get("server_kib_per_session_target", 2.0)
    projected = r.get("projected_idle_sign_ins_per_second")
    ceiling = r.get("ceiling_per_second")
    # By CPU time (the hash's share of a sign-in's CPU): not inflated by other processes.
    cpu = r.get("throughput_over_ceiling_cpu")
    cpu_note = "" if cpu is None else f"; by CPU time {num(cpu, 3)}: {met(cpu, target, False)}"
    # A refused sign-in misses the target whatever the percentiles say.
    refused = r.get("latency_refused", 0)
    p99_verdict = "MISSED" if refused else met(p99, p99_target, True)
    # The server, PostgreSQL and the load generator share the cores with whatever else runs.
    disturbed = busy(r.get("other_processes_cpu_share"), projected)
    if disturbed and projected and ceiling:
        disturbed += f" = {projected / ceiling:.3f} x ceiling"
    return [
        (
            "[server] hash-bound ceiling (cores / one Argon2id hash)",
            f"{num(ceiling, 1)} sign-ins/s",
            f"{r.get('cores')} cores / {num(r.get('raw_hash_ms'), 2)} ms (median of {r.get('raw_hash_samples')}); "
            f"all cores hashing at once reached {num(r.get('all_core_hashes_per_second'), 1)}/s",
        ),
        (
            f"[server] sign-in throughput, {r.get('clients')} HTTPS clients",
            f"{num(r.get('sign_ins_per_second'), 1)} sign-ins/s",
            f"{num(ratio, 3)} x ceiling (target >= {target:.2f}: {met(ratio, target, False)}{cpu_note}); "
            f"{num(r.get('throughput_over_all_core_rate'), 3)} x the all-core hash rate" + disturbed,
        ),
        (
            f"[server] sign-in p99, open loop at {num(r.get('latency_rate_per_second'), 1)}/s (half the throughput)",
            f"{num(r.get('sign_in_p99_ms'), 1)} ms",
            f"{num(p99, 2)} x hash (target <= {p99_target:.0f}: {p99_verdict}); "
            f"p50 {num(r.get('sign_in_p50_ms'), 1)} ms, {r.get('latency_sign_ins')} sign-ins, {refused} refused"
            + others(r.get("latency_other_processes_cpu_share")),
        ),
        (
            "[server] TOTP verification through the wizard",
            f"{num(r.get('totp_per_second'), 0)} verifications/s",
            f"{r.get('totp_verifications')} codes; p50 {num(r.get('totp_p50_ms'), 2)} ms, "
            f"p99 {num(r.get('totp_p99_ms'), 2)} ms; no target set",
        ),
        (
            f"[server] memory per idle session ({r.get('idle_sessions'):,}, signed in)",
            f"{num(kib, 3)} KiB",
            f"server VmRSS growth (target <= {kib_target:.0f}: {met(kib, kib_target, True)}); "
            f"database {num(r.get('database_bytes_per_session'), 0)} bytes each",
        ),
        (
            f"[server] peak memory (VmHWM) under {r.get('clients')} clients",
            f"{num(r.get('server_peak_rss_mib'), 0)} MiB",
            "mostly one 19 MiB Argon2id block per core; no target set",
        ),
    ]


# (file, rows of a result, the figures' names and the command when the file is missing)
BENCHES = [
    ("sign_in", sign_in_rows, ["raw Argon2id hash", "raw hash: RustCrypto / libsodium", "sign-in / RustCrypto's raw hash",
                               "sign-in / raw hash", "sign-in latency, 10 vs 100,000 accounts"],
     "cargo bench -p gatehouse-core --bench sign_in"),
    ("import", import_rows, ["import rate", "import / all-core raw hash rate"],
     "cargo bench -p gatehouse-core --bench import"),
    ("sign_in-postgres", sign_in_rows,
     ["[PostgreSQL] raw Argon2id hash", "[PostgreSQL] sign-in / raw hash", "[PostgreSQL] sign-in latency, 10 vs 100,000"],
     "GATEHOUSE_BENCH_STORE=postgres cargo bench -p gatehouse-core --features postgres --bench sign_in"),
    ("import-postgres", import_rows, ["[PostgreSQL] import rate", "[PostgreSQL] import / all-core raw hash rate"],
     "GATEHOUSE_BENCH_STORE=postgres cargo bench -p gatehouse-core --features postgres --bench import"),
    ("totp", totp_rows, ["TOTP verification cost"], "cargo bench -p gatehouse-core --bench totp"),
    ("sspr", sspr_rows, ["reset search, real vs unknown ID"], "cargo bench -p gatehouse-core --bench sspr"),
    ("sspr-postgres", sspr_rows, ["[PostgreSQL] reset search, real vs unknown ID"],
     "GATEHOUSE_BENCH_STORE=postgres cargo bench -p gatehouse-core --features postgres --bench sspr"),
    ("startup", startup_rows,
     ["start-up time", "start-up / empty Tauri window", "memory of the app's processes", "memory / empty Tauri window"],
     "make bench-app"),
    ("server", server_rows,
     ["[server] hash-bound ceiling", "[server] sign-in throughput", "[server] sign-in p99 at half load",
      "[server] TOTP verification", "[server] memory per idle session", "[server] peak memory"],
     "cargo bench -p gatehouse-server --bench server"),
]


def main():
    parser = argparse.ArgumentParser(description="One table of the benchmark figures.")
    parser.add_argument("--dir", type=Path, default=default_dir(), help="the bench-results directory")
    args = parser.parse_args()

    rows, written = [], []
    for name, make_rows, missing, command in BENCHES:
        path = args.dir / f"{name}.json"
        try:
            result = json.loads(path.read_text())
        except FileNotFoundError:
            rows += [(figure, "not run", "", command if i == 0 else "") for i, figure in enumerate(missing)]
            continue
        except (OSError, ValueError) as e:
            rows.append((name, "unreadable", str(e), str(path)))
            continue
        command = result.get("command", "?")
        if result.get("mode") != "bench":
            command += f" ({result.get('mode')} run)"
        for i, (figure, value, target) in enumerate(make_rows(result)):
            rows.append((figure, value, target, command if i == 0 else ""))
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(result.get("unix_time", 0)))
        written.append(f"{name} {stamp}")

    header = ("figure", "value", "target / ratio", "command")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(4)]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

    print()
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    print()
    print(f"results from {args.dir}" + (f" ({'; '.join(written)})" if written else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
