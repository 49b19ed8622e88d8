#!/usr/bin/env bash
# Installs what the desktop app needs on Debian 12, skipping what is present. One argument says
# for what, and each level includes the one before:
#   build  WebKitGTK and friends, and the front-end's build tools (vite, typescript) from
#          package-lock.json — what `make app` needs;
#   run    the same, plus Xvfb when there is no display — what `make run` needs;
#   test   the same, plus Xvfb, D-Bus, WebKitWebDriver, ImageMagick, Chromium and chromedriver
#          (the browser's sign-in page), faketime (an app whose clock runs ahead), tauri-driver
#          (crates.io), python-xlib, Authlib and pysaml2 (the example apps that sign in through
#          Gatehouse) and the test packages (webdriverio, axe-core) — what the end-to-end
#          walks, the shell's tests and the benchmarks need.
# and one apart:
#   web    the front-end's build tools only, no system package — what `make web` (the
#          browser's sign-in page that gatehouse-server serves) needs.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"
case "$mode" in build | run | test | web) ;; *)
  echo "usage: $0 build|run|test|web" >&2
  exit 2
  ;;
esac

need_apt=()
pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$1"); }
if [ "$mode" != web ]; then
  for p in libwebkit2gtk-4.1-dev build-essential libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev pkg-config libudev-dev; do
    pkg "$p"
  done
fi
if [ "$mode" = run ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  pkg xvfb
  pkg xauth
fi
if [ "$mode" = test ]; then
  for p in xvfb xauth webkit2gtk-driver dbus dbus-x11 imagemagick chromium chromium-driver faketime; do pkg "$p"; done
fi
if ((${#need_apt[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -o DPkg::Lock::Timeout=600 -y --no-install-recommends "${need_apt[@]}"
fi

command -v node >/dev/null 2>&1 || { echo "node not found: install Node.js 20.19 or newer" >&2; exit 1; }
# npm: the build tools are ordinary dependencies, the test drivers devDependencies. A tree
# installed for building lacks webdriverio; a test set-up installs the whole lock file then.
stale() { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }
if [ "$mode" = test ]; then
  if stale || [ ! -d node_modules/webdriverio ]; then npm ci --no-audit --no-fund; fi
elif stale; then
  npm ci --omit=dev --no-audit --no-fund
fi
[ "$mode" = test ] || exit 0

command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked
# python-xlib: the kiosk test asks the window to close as a window manager would.
python3 -c 'import Xlib' 2>/dev/null || python3 -m pip install --quiet python-xlib 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages python-xlib
# The example apps that sign in through Gatehouse (e2e-browser's relying parties): Authlib for
# OpenID Connect, pysaml2 for SAML.
python3 -c 'import authlib, joserfc, requests' 2>/dev/null || python3 -m pip install --quiet -r examples/oidc-app/requirements.txt 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages -r examples/oidc-app/requirements.txt
python3 -c 'import saml2' 2>/dev/null || python3 -m pip install --quiet -r examples/saml-app/requirements.txt 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages -r examples/saml-app/requirements.txt
