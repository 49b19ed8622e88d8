#!/usr/bin/env python3
"""Start-up benchmark of the desktop app (issue 4 §6), run by `make bench-app` under Xvfb.

For each round it starts target/release/gatehouse on a demo data directory that was seeded once
beforehand (seeding hashes passwords; a normal start must not), and measures:
  * start-up: from just before the process is spawned to the moment the window reports its
    first screen interactive (the front-end calls the `ready` command after two painted frames;
    with GATEHOUSE_REPORT_READY=1 the shell prints `gatehouse-ready <unix ns>`);
  * memory: the proportional set size (PSS, so shared libraries are not counted twice) summed
    over the app and every process it started (the WebKit web and network processes), read from
    /proc/<pid>/smaps_rollup two seconds after ready; RSS is printed beside it.
Each round also starts the empty window of crates/empty-window (the same Tauri, release profile
and embedded page, a window of the same size, nothing else; `make empty-window`), measured the same
way right after Gatehouse, and the two are printed as ratios Gatehouse / empty window (issue 15's
goal: at most 1.2 × both). Gatehouse draws its own windows without WebKit's accelerated
compositing (src-tauri/src/window.rs), so each round also starts the empty window that way
(WEBKIT_DISABLE_COMPOSITING_MODE=1) and prints that like-for-like ratio beside it. Prints each round, then the medians and the spread. Environment:
GATEHOUSE_BENCH_ROUNDS (7), GATEHOUSE_APP and GATEHOUSE_EMPTY_WINDOW (the binaries). The figures also go to a JSON summary for scripts/bench-table.py:
`--json PATH`, by default <target dir>/bench-results/startup.json (the target directory is
CARGO_TARGET_DIR when set, relative to the repository root, else target/).
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = Path(os.environ.get("GATEHOUSE_APP", ROOT / "target/release/gatehouse"))
EMPTY = Path(os.environ.get("GATEHOUSE_EMPTY_WINDOW", ROOT / "target/release/empty-window"))
ROUNDS = int(os.environ.get("GATEHOUSE_BENCH_ROUNDS", "7"))
READY_TIMEOUT = 60.0


def default_json_path():
    # An absolute CARGO_TARGET_DIR replaces ROOT; an empty one counts as unset, as for cargo.
    return ROOT / (os.environ.get("CARGO_TARGET_DIR") or "target") / "bench-results" / "startup.json"


def write_summary(path, figures):
    """The figures with how they were made, as the criterion benches write theirs."""
    keys = ("GATEHOUSE_BENCH_ROUNDS", "GATEHOUSE_APP", "GATEHOUSE_EMPTY_WINDOW")
    command = [f"{k}={os.environ[k]}" for k in keys if k in os.environ]
    command.append("python3 scripts/bench-startup.py")
    doc = {"bench": "startup", "mode": "bench", "command": " ".join(command), "unix_time": int(time.time()),
           "cores": os.cpu_count(), **figures}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n")
    print(f"summary written to {path}", file=sys.stderr)


def descendants(pid):
    """pid and every process below it (by walking /proc's parent links)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def memory_kib(pids):
    """(PSS, RSS) in KiB summed over pids, and PSS per process name."""
    pss = rss = 0
    per = {}
    for p in pids:
        try:
            name = Path(f"/proc/{p}/comm").read_text().strip()
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    kib = int(line.split()[1])
                    pss += kib
                    per[name] = per.get(name, 0) + kib
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1])
        except OSError:
            pass
    return pss, rss, per


def one_round(argv, env):
    """Start argv, wait for its ready line, measure, stop it: (ms to ready, PSS, RSS, PSS by name)."""
    start = time.time_ns()
    proc = subprocess.Popen(
        argv,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        ready_ns = None
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("gatehouse-ready "):
                ready_ns = int(line.split()[1])
                break
        if ready_ns is None:
            raise SystemExit(f"{argv[0]} did not report ready (exit code {proc.poll()})")
        time.sleep(2.0)
        pids = descendants(proc.pid)
        pss, rss, per = memory_kib(pids)
        return (ready_ns - start) / 1e6, pss, rss, per
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def main():
    parser = argparse.ArgumentParser(description="Start-up time and memory of the desktop app.")
    parser.add_argument("--json", type=Path, default=default_json_path(), help="where to write the JSON summary")
    args = parser.parse_args()
    if not APP.exists():
        raise SystemExit(f"{APP} not found: run `make app` first")
    if not EMPTY.exists():
        raise SystemExit(f"{EMPTY} not found: run `make empty-window` first")
    tmp = Path(tempfile.mkdtemp(prefix="gatehouse-bench-startup-"))
    try:
        env = dict(os.environ, GATEHOUSE_REPORT_READY="1")
        for key in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
            env[key] = str(tmp / key.lower())
            os.makedirs(env[key], exist_ok=True)
        gatehouse = [str(APP), "--demo", "--data-dir", str(tmp / "data")]
        # Seed the demo school once (hashing); the measured starts then only open the database.
        seed_ms, *_ = one_round(gatehouse, env)
        print(f"first start (seeds the demo school, not counted): {seed_ms:.0f} ms")
        # The empty window's first start fills the same caches (fonts, WebKit's) for it.
        one_round([str(EMPTY)], env)
        software = dict(env, WEBKIT_DISABLE_COMPOSITING_MODE="1")
        times, psses, rsses, pers = [], [], [], []
        empty_times, empty_psses, soft_times, soft_psses = [], [], [], []
        for i in range(ROUNDS):
            ms, pss, rss, per = one_round(gatehouse, env)
            times.append(ms)
            psses.append(pss / 1024)
            rsses.append(rss / 1024)
            pers.append(per)
            print(f"round {i + 1}: interactive after {ms:.0f} ms; memory {pss / 1024:.1f} MiB PSS, {rss / 1024:.1f} MiB RSS; PSS by process: "
                  + ", ".join(f"{k} {v / 1024:.0f}" for k, v in sorted(per.items())))
            ms, pss, _, per = one_round([str(EMPTY)], env)
            empty_times.append(ms)
            empty_psses.append(pss / 1024)
            print(f"         the empty window: ready after {ms:.0f} ms; memory {pss / 1024:.1f} MiB PSS; by process: "
                  + ", ".join(f"{k} {v / 1024:.0f}" for k, v in sorted(per.items())))
            ms, pss, _, _ = one_round([str(EMPTY)], software)
            soft_times.append(ms)
            soft_psses.append(pss / 1024)
            print(f"         the empty window without compositing: ready after {ms:.0f} ms; memory {pss / 1024:.1f} MiB PSS")
        med = statistics.median
        print()
        print(f"start-up to interactive sign-in: median {med(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}) over {ROUNDS} rounds")
        print(f"memory of the app's processes:   median {med(psses):.1f} MiB PSS, {med(rsses):.1f} MiB RSS")
        print(f"seeding first start / normal start: {seed_ms / med(times):.2f}")
        print(f"the empty window:                 median {med(empty_times):.0f} ms, {med(empty_psses):.1f} MiB PSS")
        print(f"Gatehouse / empty window:         start-up {med(times) / med(empty_times):.2f}, "
              f"PSS {med(psses) / med(empty_psses):.2f} (goal: at most 1.2 each)")
        print(f"the same, both without compositing: start-up {med(times) / med(soft_times):.2f}, "
              f"PSS {med(psses) / med(soft_psses):.2f}")
        names = sorted({name for per in pers for name in per})
        write_summary(args.json, {
            "rounds": ROUNDS,
            "startup_median_ms": med(times),
            "startup_min_ms": min(times),
            "startup_max_ms": max(times),
            "pss_mib": med(psses),
            "rss_mib": med(rsses),
            "pss_by_process_mib": {n: med([per.get(n, 0) / 1024 for per in pers]) for n in names},
            "seed_first_start_ms": seed_ms,
            "empty_window_startup_median_ms": med(empty_times),
            "empty_window_pss_mib": med(empty_psses),
            "startup_ratio_to_empty_window": med(times) / med(empty_times),
            "pss_ratio_to_empty_window": med(psses) / med(empty_psses),
            "software_empty_window_startup_median_ms": med(soft_times),
            "software_empty_window_pss_mib": med(soft_psses),
            "startup_ratio_to_software_empty_window": med(times) / med(soft_times),
            "pss_ratio_to_software_empty_window": med(psses) / med(soft_psses),
        })
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
