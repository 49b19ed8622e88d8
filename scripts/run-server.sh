#!/usr/bin/env bash
# make run-server: a throw-away PostgreSQL (gatehouse-testpg's), a self-signed certificate, the
# demo school seeded into it, and gatehouse-server on https://localhost:8443 (GATEHOUSE_LISTEN
# changes it). Everything lives in one temporary directory; Ctrl-C stops the server and the
# database, and the database's files go with it.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO=${CARGO:-cargo}
LISTEN=${GATEHOUSE_LISTEN:-127.0.0.1:8443}
DIR=$(mktemp -d /tmp/gatehouse-server.XXXXXX)
chmod 700 "$DIR"

$CARGO build --locked -p gatehouse-server -p gatehouse-cli --bins
$CARGO build --locked -p gatehouse-server --example dev-certificate
$CARGO build --locked -p gatehouse-testpg --example postgres
TARGET=$($CARGO metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')

"$TARGET/debug/examples/postgres" "$DIR/db-password" > "$DIR/postgres.url" &
PG=$!
trap 'kill $PG 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do
  [ -s "$DIR/postgres.url" ] && break
  kill -0 $PG 2>/dev/null || { echo "PostgreSQL did not start" >&2; exit 1; }
  sleep 0.2
done
URL=$(head -n1 "$DIR/postgres.url")
"$TARGET/debug/examples/dev-certificate" "$DIR"

cat > "$DIR/gatehouse.toml" <<TOML
# make run-server: a demonstration only (throw-away database, self-signed certificate).
[storage]
url = "$URL"
password_file = "$DIR/db-password"

[secrets]
key_store = "file"
key_file = "$DIR/gatehouse.key"

[server]
listen = "$LISTEN"
certificate = "server.crt"
private_key = "server.key"
TOML

"$TARGET/debug/gatehouse-cli" --data-dir "$DIR" demo
echo
echo "Gatehouse server on https://localhost:${LISTEN##*:} (certificate: $DIR/server.crt; Ctrl-C stops it)"
echo "  curl --cacert $DIR/server.crt -X POST https://localhost:${LISTEN##*:}/v1/sessions"
echo "  curl --cacert $DIR/server.crt -H 'Authorization: Bearer TOKEN' \\"
echo "       -d '{\"action\":\"sign_in\",\"login\":\"Ada_Lim@students.edu.sg\",\"password\":\"…\"}' \\"
echo "       https://localhost:${LISTEN##*:}/v1/session/actions"
"$TARGET/debug/gatehouse-server" --config "$DIR/gatehouse.toml"
