#!/usr/bin/env bash
# Builds the debug binaries and examples of the workspace's packages (gatehouse-server,
# gatehouse-cli, dev-certificate, postgres, …) exactly as `make test-fast` builds them — the
# Makefile's PACKAGES as one set, with their tests' features (--examples), so that after the
# tests this is a no-op instead of a second build of the tree with other features — and prints
# the directory they are in. Used by `make run-server`, the thin client's e2e test and the
# thin-client tests of the CLI and the app (gatehouse_testpg::server::debug_bins).
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO=${CARGO:-cargo}
PACKAGES=$(sed -n 's/^PACKAGES := //p' Makefile)
# Run from a test, the test's own Cargo variables (CARGO_PKG_NAME, CARGO_MANIFEST_DIR, …) must
# not reach the build: build scripts that watch them (ring's) would run again, and everything
# above them would be rebuilt — here, and once more at the next cargo outside.
while read -r variable; do
  unset "$variable"
done < <(compgen -e | grep -E '^(CARGO_(PKG|MANIFEST|BIN|CRATE)_|(CARGO_PRIMARY_PACKAGE|CARGO_TARGET_TMPDIR|CARGO_RUSTC_CURRENT_DIR|OUT_DIR)$)' || true)
# shellcheck disable=SC2086 # the package arguments are words
$CARGO build --locked --quiet $PACKAGES --bins --examples >&2
TARGET=$($CARGO metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
echo "$TARGET/debug"
