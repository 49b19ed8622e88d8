#!/usr/bin/env bash
# Installs what the build and tests need on a fresh Debian 12 machine; skips what is present.
# The Rust toolchain itself (cargo, rustc) must already be installed (rustup).
set -euo pipefail

need_apt=()
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
# libsodium (the Argon2id backend) is built from its bundled source by ./configure and make.
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
# The real Secret Service for the keyring tests, in a private D-Bus session.
command -v dbus-run-session >/dev/null 2>&1 || need_apt+=(dbus)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need_apt+=(gnome-keyring)
command -v secret-tool >/dev/null 2>&1 || need_apt+=(libsecret-tools)
# Independent checks of the two-factor code: a TOTP implementation and a QR code reader.
command -v oathtool >/dev/null 2>&1 || need_apt+=(oathtool)
command -v zbarimg >/dev/null 2>&1 || need_apt+=(zbar-tools)
# The reference Argon2 implementation's command-line tool: the hashes' independent oracle.
command -v argon2 >/dev/null 2>&1 || need_apt+=(argon2)
# The printed password slips are rendered and read back (pdftoppm, pdftotext).
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3 python3-pip)
# The fonts the slips embed for Tamil and Chinese names (and Noto Sans for Latin), and real
# HarfBuzz (hb-view) as the independent rendering the slips' Tamil is compared with.
[ -f /usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf ] || need_apt+=(fonts-noto-core)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need_apt+=(fonts-noto-cjk)
command -v hb-view >/dev/null 2>&1 || need_apt+=(libharfbuzz-bin)
# PostgreSQL's server programs (off PATH, in /usr/lib/postgresql/<version>/bin): the storage tests
# start a server of their own with them (crates/testpg).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_apt+=(postgresql)
# A throw-away certificate authority for the tests of TLS to PostgreSQL.
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
# SAML (issue 18 §1): the server signs responses with libxmlsec1 through samael, whose bindings
# are generated at build time (libclang) against libxml2 and OpenSSL; xmlsec1, the command-line
# tool, is the tests' independent check of those signatures (and the example app's verifier).
pkg-config --exists xmlsec1-openssl 2>/dev/null || need_apt+=(libxmlsec1-dev libxml2-dev)
pkg-config --exists openssl 2>/dev/null || need_apt+=(libssl-dev)
compgen -G '/usr/lib/llvm-*/lib/libclang.so*' >/dev/null || need_apt+=(libclang-dev)
command -v xmlsec1 >/dev/null 2>&1 || need_apt+=(xmlsec1)
if ((${#need_apt[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -o DPkg::Lock::Timeout=600 -y --no-install-recommends "${need_apt[@]}"
fi

# A real SMTP server for the email OTP tests.
python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet aiosmtpd 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages aiosmtpd

command -v cargo >/dev/null 2>&1 || { echo "cargo not found: install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
# Crates are fetched once from crates.io and pinned by Cargo.lock.
cargo fetch --locked >/dev/null
