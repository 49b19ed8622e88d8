#!/usr/bin/env bash
# make run-server: a throw-away PostgreSQL (gatehouse-testpg's), a self-signed certificate, the
# demo school seeded into it, gatehouse-server on https://localhost:8443 (GATEHOUSE_LISTEN
# changes it) serving the browser's sign-in page (dist-web/, `make web`), and two thin-client
# data directories registered with it (laptop-a, laptop-b). Everything lives in one temporary
# directory; Ctrl-C stops the server and the database, and the database's files go with it.
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO=${CARGO:-cargo}
LISTEN=${GATEHOUSE_LISTEN:-127.0.0.1:8443}
# The example apps that sign in through Gatehouse (examples/oidc-app): one for everyone, one for
# staff only, and one registered as another vendor's (the person is asked to allow it).
APP_URL=${GATEHOUSE_EXAMPLE_APP:-http://127.0.0.1:8765}
STAFF_APP_URL=${GATEHOUSE_EXAMPLE_STAFF_APP:-http://127.0.0.1:8766}
VENDOR_APP_URL=${GATEHOUSE_EXAMPLE_VENDOR_APP:-http://127.0.0.1:8768}
# The example SAML app (examples/saml-app), for staff only, as a school's staff portal would be.
SAML_APP_URL=${GATEHOUSE_EXAMPLE_SAML_APP:-http://127.0.0.1:8767}
DIR=$(mktemp -d /tmp/gatehouse-server.XXXXXX)
chmod 700 "$DIR"

DEBUG=$(CARGO="$CARGO" ./scripts/debug-bins.sh)

"$DEBUG/examples/postgres" "$DIR/db-password" > "$DIR/postgres.url" &
PG=$!
trap 'kill $PG 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do
  [ -s "$DIR/postgres.url" ] && break
  kill -0 $PG 2>/dev/null || { echo "PostgreSQL did not start" >&2; exit 1; }
  sleep 0.2
done
URL=$(head -n1 "$DIR/postgres.url")
"$DEBUG/examples/dev-certificate" "$DIR"

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
# The browser's sign-in page, and the address browsers open (the origin its requests must have).
web_root = "$PWD/dist-web"
public_url = "https://localhost:${LISTEN##*:}"

# Security keys registered to this machine's name, so that the browser's page
# (https://localhost:PORT) lies within their relying party and may use them too.
[two_factor]
security_key_rp_id = "localhost"

# OpenID Connect: a signing key made for this run, and the example apps.
[oidc]
signing_keys = ["oidc.pem"]

[[oidc.clients]]
id = "example-app"
name = "Example app (examples/oidc-app)"
redirect_uris = ["$APP_URL/callback"]
post_logout_redirect_uris = ["$APP_URL/"]
backchannel_logout_uri = "$APP_URL/backchannel-logout"
for = ["p1_3", "p4_6", "secondary", "jc_mi", "staff"]
first_party = true

[[oidc.clients]]
id = "example-staff-app"
name = "Example staff app (examples/oidc-app)"
redirect_uris = ["$STAFF_APP_URL/callback"]
post_logout_redirect_uris = ["$STAFF_APP_URL/"]
for = ["staff"]
first_party = true

[[oidc.clients]]
id = "example-vendor-app"
name = "Maths Quest (examples/oidc-app)"
redirect_uris = ["$VENDOR_APP_URL/callback"]
post_logout_redirect_uris = ["$VENDOR_APP_URL/"]
backchannel_logout_uri = "$VENDOR_APP_URL/backchannel-logout"
for = ["p1_3", "p4_6", "secondary", "jc_mi", "staff"]
first_party = false

# SAML 2.0: a signing certificate made for this run, and the example SAML app.
[saml]
signing_certificate = "saml.crt"
signing_key = "saml.key"

[[saml.apps]]
entity_id = "$SAML_APP_URL/metadata"
name = "Example SAML app (examples/saml-app)"
acs_url = "$SAML_APP_URL/acs"
for = ["staff"]
TOML
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$DIR/oidc.pem" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Gatehouse demo SAML" \
  -keyout "$DIR/saml.key" -out "$DIR/saml.crt" 2>/dev/null

"$DEBUG/gatehouse-cli" --data-dir "$DIR" demo
"$DEBUG/gatehouse-server" --config "$DIR/gatehouse.toml" &
SERVER=$!
trap 'kill $SERVER $PG 2>/dev/null || true; rm -rf "$DIR"' EXIT
PORT=${LISTEN##*:}
for _ in $(seq 1 100); do
  python3 - "$DIR/server.crt" "$PORT" <<'PY' && break
import ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[1])
urllib.request.urlopen(f"https://localhost:{sys.argv[2]}/healthz", context=ctx, timeout=1)
PY
  kill -0 $SERVER 2>/dev/null || { echo "gatehouse-server did not start" >&2; exit 1; }
  sleep 0.2
done

# Two machines registered as a school's IT team would: an enrolment code issued on the server,
# exchanged on each machine for its own credential (kept in a file here: no keyring needed).
for machine in laptop-a laptop-b; do
  mkdir -p "$DIR/$machine"
  cp "$DIR/server.crt" "$DIR/$machine/server.pem"
  printf '[server]\nurl = "https://localhost:%s"\nca_file = "server.pem"\n\n[secrets]\nkey_store = "file"\n' "$PORT" \
    > "$DIR/$machine/gatehouse.toml"
  CODE=$("$DEBUG/gatehouse-cli" --data-dir "$DIR" admin device code --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
  "$DEBUG/gatehouse-cli" --data-dir "$DIR/$machine" device register --code "$CODE" --name "$machine" > /dev/null
done

echo
echo "Gatehouse server on https://localhost:$PORT (certificate: $DIR/server.crt; Ctrl-C stops it)"
echo "The browser's sign-in page: https://localhost:$PORT/ (the demo school's people, README)"
echo "An app that signs in through it (OpenID Connect; then open $APP_URL/):"
echo "  python3 examples/oidc-app/app.py --issuer https://localhost:$PORT --ca $DIR/server.crt --client-id example-app --port ${APP_URL##*:}"
echo "  (staff only: --client-id example-staff-app --port ${STAFF_APP_URL##*:}; another vendor's, asked consent for:"
echo "   --client-id example-vendor-app --port ${VENDOR_APP_URL##*:})"
echo "An app that signs staff in through it over SAML 2.0 (then open $SAML_APP_URL/):"
echo "  python3 examples/saml-app/app.py --idp https://localhost:$PORT --ca $DIR/server.crt --entity-id $SAML_APP_URL/metadata --port ${SAML_APP_URL##*:}"
echo "Two registered machines are ready; open a window on each (two terminals):"
echo "  make run-thin DATA=$DIR/laptop-a"
echo "  make run-thin DATA=$DIR/laptop-b"
echo "or the wizard as JSON lines: $DEBUG/gatehouse-cli --data-dir $DIR/laptop-a session"
echo "Register another machine: gatehouse-cli --data-dir $DIR admin device code [--kiosk], then on it"
echo "  gatehouse-cli device register --code CODE --name NAME [--kiosk, for a kiosk's code]"
wait $SERVER
