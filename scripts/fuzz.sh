#!/usr/bin/env bash
# Fuzzes the parsers of gatehouse-core with cargo-fuzz (libFuzzer): wizard requests, account
# import CSV, token seed files, gatehouse.toml and otpauth URIs / secrets / codes (fuzz/).
#
#   scripts/fuzz.sh [seconds-per-target]     (default 60, or $FUZZ_SECONDS)
#
# Each target first replays its saved crashes (fuzz/regressions/<target>/), then runs for the given
# time from its committed seed corpus (fuzz/corpus/<target>/). New inputs go to a temporary
# directory, so a normal run leaves the committed corpus as it is; to grow it on purpose, run
# `cargo fuzz run <target>` in fuzz/ and then `cargo fuzz cmin <target>` (keep it under ~2 MB).
# Exits non-zero if any target crashes, panics, times out (10 s per input) or exceeds 2 GiB,
# naming the input libFuzzer saved under fuzz/artifacts/<target>/.
#
# Toolchain: cargo-fuzz passes nightly-only flags (-Zsanitizer=address, -Cpasses=sancov-module).
# RUSTC_BOOTSTRAP=1 makes the stable compiler accept them, and stable ships the AddressSanitizer
# runtime (librustc-stable_rt.asan.a), so the default address sanitizer works on stable; that is
# the compiler's bootstrap escape hatch, fine for a test build and never used for a shipped one.
# FUZZ_SANITIZER=none runs without AddressSanitizer (faster; for a platform without the runtime).
# The build uses fuzz/target (not the workspace's target/).
set -euo pipefail

seconds="${1:-${FUZZ_SECONDS:-60}}"
case "$seconds" in
  '' | *[!0-9]*) echo "usage: $0 [seconds-per-target]" >&2; exit 2 ;;
esac
sanitizer="${FUZZ_SANITIZER:-address}"

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"

command -v cargo >/dev/null 2>&1 || { echo "cargo not found: install Rust with rustup (https://rustup.rs)" >&2; exit 1; }

# libfuzzer-sys compiles libFuzzer (C++) with the system's C++ compiler.
if ! command -v c++ >/dev/null 2>&1 && ! command -v g++ >/dev/null 2>&1 && ! command -v clang++ >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -o DPkg::Lock::Timeout=600 -y --no-install-recommends g++
fi
cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked

export RUSTC_BOOTSTRAP=1

echo "== building the fuzz targets (sanitizer: $sanitizer)"
cargo fuzz build --sanitizer "$sanitizer"

work="$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# libFuzzer's coverage (edges, features) on its INITED or DONE line of log $2.
cov() { grep -E "^#[0-9]+[[:space:]]+$1 " "$2" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/\1 (ft \2)/p' || true; }

failed=()
summary=()
for target in $(cargo fuzz list); do
  corpus="corpus/$target"
  mkdir -p "$work/$target"
  log="$work/$target.log"

  regressions=()
  if [ -d "regressions/$target" ]; then
    while IFS= read -r -d '' f; do regressions+=("$f"); done < <(find "regressions/$target" -type f -print0 | sort -z)
  fi
  if ((${#regressions[@]})); then
    echo "== $target: replaying ${#regressions[@]} saved crash input(s)"
    if ! cargo fuzz run --sanitizer "$sanitizer" "$target" "${regressions[@]}" -- \
      -rss_limit_mb=2048 -timeout=10 >"$log" 2>&1; then
      tail -n 40 "$log" >&2
      echo "!! $target: a saved crash input in fuzz/regressions/$target/ still fails" >&2
      failed+=("$target (regressions)")
      continue
    fi
  fi

  echo "== $target: ${seconds}s from $corpus"
  # The first directory is the one libFuzzer writes new inputs to; the committed one is read only.
  if cargo fuzz run --sanitizer "$sanitizer" "$target" "$work/$target" "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
    added="$(find "$work/$target" -type f | wc -l)"
    summary+=("$target: ${runs:-?} runs, ${rate:-?} exec/s, coverage $(cov INITED "$log") -> $(cov DONE "$log"), $added new or reduced inputs (not kept)")
  else
    # The panic or sanitizer report, not the whole log (kept beside the input, in artifacts/).
    mkdir -p "artifacts/$target" && cp "$log" "artifacts/$target/fuzz.log"
    grep -E -A6 'panicked at|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)' "$log" | head -n 40 >&2 \
      || tail -n 40 "$log" >&2
    artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)"
    echo "!! $target failed; input saved as ${artifact:-fuzz/artifacts/$target/}, log as fuzz/artifacts/$target/fuzz.log" >&2
    echo "   replay: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run $target ${artifact:-artifacts/$target/<file>})" >&2
    failed+=("$target")
  fi
done

echo "== summary"
for line in "${summary[@]}"; do echo "  $line"; done
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
