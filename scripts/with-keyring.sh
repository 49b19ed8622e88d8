#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring (the real Secret
# Service), storing keyrings in a throw-away folder, so tests use the OS keyring for real without
# touching the user's own. Usage: scripts/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail
if [ "${GATEHOUSE_TEST_KEYRING:-}" = "1" ]; then exec "$@"; fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run" GATEHOUSE_TEST_KEYRING=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- bash -c '
  printf "%s" "gatehouse-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' bash "$@"
