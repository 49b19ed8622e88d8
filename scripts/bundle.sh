#!/usr/bin/env bash
# Builds installer bundles with the Tauri CLI: `make bundle` (the .deb here; BUNDLES="deb appimage"
# or, on their own systems, "msi" / "dmg"). The CLI wants its config inside src-tauri/ with paths
# relative to it, while this repository keeps tauri.conf.json at the root (BUILD-NOTES): this
# writes src-tauri/tauri.conf.json (ignored by git) from the root file with the paths rewritten,
# then runs the CLI on it. The .deb also carries gatehouse-cli (/usr/bin/gatehouse-cli), which a
# school's machines need to register with the server and an operator to run the console's
# commands; the AppImage holds the app alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bundles="${BUNDLES:-deb}"
cargo build --release --locked -p gatehouse-cli

node - <<'JS'
const fs = require('node:fs');
const conf = JSON.parse(fs.readFileSync('tauri.conf.json', 'utf8'));
conf.build.frontendDist = `../${conf.build.frontendDist}`;
conf.bundle.icon = conf.bundle.icon.map((p) => `../${p}`);
conf.bundle.linux.deb.files = { '/usr/bin/gatehouse-cli': '../target/release/gatehouse-cli' };
fs.writeFileSync('src-tauri/tauri.conf.json', `${JSON.stringify(conf, null, 2)}\n`);
JS

args=()
for b in $bundles; do args+=(--bundles "$b"); done
TAURI_APP_PATH=src-tauri npx --no-install tauri build --ci "${args[@]}"
find target/release/bundle -maxdepth 2 -type f \( -name '*.deb' -o -name '*.AppImage' -o -name '*.msi' -o -name '*.dmg' \) -print
