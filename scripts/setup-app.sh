#!/usr/bin/env bash
# Installs what the desktop app's build and its end-to-end tests need on Debian 12, skipping what
# is present: WebKitGTK and friends (build), Xvfb + D-Bus + WebKitWebDriver + ImageMagick (tests),
# tauri-driver (crates.io), and the front-end's npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$1"); }
for p in libwebkit2gtk-4.1-dev build-essential libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev \
         pkg-config xvfb xauth webkit2gtk-driver dbus dbus-x11 imagemagick; do
  pkg "$p"
done
if ((${#need_apt[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -o DPkg::Lock::Timeout=600 -y --no-install-recommends "${need_apt[@]}"
fi

command -v node >/dev/null 2>&1 || { echo "node not found: install Node.js 20.19 or newer" >&2; exit 1; }
command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# python-xlib: the kiosk test asks the window to close as a window manager would.
python3 -c 'import Xlib' 2>/dev/null || python3 -m pip install --quiet python-xlib 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages python-xlib
