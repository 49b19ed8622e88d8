#!/usr/bin/env python3
"""An app that signs people in with Gatehouse over OpenID Connect: the bundled example relying
party of `make run-server` (README, "Signing people into apps"), and the independent one of the
browser walks (`make e2e-browser`). It is written as a school's web developer would write one,
with well-kept Python libraries and none of Gatehouse's code: Authlib's OAuth 2.0 client for the
authorization code flow with PKCE, and joserfc for the ID token's signature (against the keys
Gatehouse publishes), issuer, audience, expiry and nonce. It also takes Gatehouse's word that a
person signed out (OpenID Connect Back-Channel Logout at /backchannel-logout: a logout token
checked with joserfc the same way) and ends its own sessions of that Gatehouse session; /me says
whether this browser is still signed in to the app.

    python3 examples/oidc-app/app.py --issuer https://localhost:8443 --ca server.crt \
        --client-id example-app --port 8765

Then open http://127.0.0.1:8765/ and choose "Sign in with Gatehouse".
"""

import argparse
import html
import http.server
import json
import secrets
import sys
import time
import urllib.parse

import requests
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet


def page(title, body):
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body><main><h1>{html.escape(title)}</h1>{body}</main></body></html>""".encode()


class App:
    def __init__(self, issuer, ca, client_id, client_secret, base):
        # Passed with every request: a session's own `verify` loses to REQUESTS_CA_BUNDLE.
        self.verify = ca or True
        self.session = requests.Session()
        self.discovery = self.session.get(f"{issuer}/.well-known/openid-configuration", timeout=10, verify=self.verify).json()
        if self.discovery["issuer"] != issuer:
            raise SystemExit(f"the issuer says it is {self.discovery['issuer']}, not {issuer}")
        self.issuer = issuer
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = f"{base}/callback"
        # Sign-ins under way, by their state: the PKCE verifier and the nonce.
        self.pending = {}
        # The app's own sessions, by their cookie: the ID token's claims and the token itself
        # (its "Sign out" names the person to Gatehouse with it).
        self.sessions = {}

    def oauth(self):
        client = OAuth2Session(
            self.client_id,
            self.client_secret,
            scope="openid profile email",
            redirect_uri=self.redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic" if self.client_secret else "none",
        )
        return client

    def login(self):
        verifier = secrets.token_urlsafe(48)
        nonce = secrets.token_urlsafe(16)
        url, state = self.oauth().create_authorization_url(
            self.discovery["authorization_endpoint"], code_verifier=verifier, nonce=nonce
        )
        self.pending[state] = (verifier, nonce)
        return url

    def callback(self, query):
        params = urllib.parse.parse_qs(query)
        one = lambda name: (params.get(name) or [None])[0]
        if one("iss") not in (None, self.issuer):
            return "refused", "the answer names another issuer"
        if one("error"):
            return "refused", one("error")
        pending = self.pending.pop(one("state") or "", None)
        if pending is None:
            return "refused", "unknown state"
        verifier, nonce = pending
        token = self.oauth().fetch_token(
            self.discovery["token_endpoint"], code=one("code"), code_verifier=verifier, verify=self.verify, timeout=10
        )
        keys = KeySet.import_key_set(self.session.get(self.discovery["jwks_uri"], timeout=10, verify=self.verify).json())
        try:
            decoded = jwt.decode(token["id_token"], keys, algorithms=["ES256"])
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": self.issuer},
                aud={"essential": True, "value": self.client_id},
                nonce={"essential": True, "value": nonce},
                exp={"essential": True},
                sub={"essential": True},
            ).validate(decoded.claims)
        except JoseError as e:
            return "refused", f"the ID token did not verify: {e}"
        return "ok", (decoded.claims, token["id_token"])

    def backchannel_logout(self, body):
        """Gatehouse says a session signed out: the logout token's signature, issuer, audience,
        age, event and sid are checked (Back-Channel Logout 1.0 §2.6); the app's sessions of that
        sid end. The HTTP status to answer."""
        token = (urllib.parse.parse_qs(body).get("logout_token") or [None])[0]
        if not token:
            return 400
        keys = KeySet.import_key_set(self.session.get(self.discovery["jwks_uri"], timeout=10, verify=self.verify).json())
        try:
            decoded = jwt.decode(token, keys, algorithms=["ES256"])
            if decoded.header.get("typ") != "logout+jwt":
                raise ValueError("not a logout token")
            jwt.JWTClaimsRegistry(
                iss={"essential": True, "value": self.issuer},
                aud={"essential": True, "value": self.client_id},
                iat={"essential": True},
                exp={"essential": True},
                jti={"essential": True},
                sid={"essential": True},
            ).validate(decoded.claims)
            if "http://schemas.openid.net/event/backchannel-logout" not in decoded.claims.get("events", {}):
                raise ValueError("no back-channel logout event")
            if "nonce" in decoded.claims:
                raise ValueError("a logout token has no nonce")
        except (JoseError, ValueError) as e:
            sys.stderr.write(f"example app: a logout token was refused: {e}\n")
            return 400
        ended = [k for k, (claims, _) in self.sessions.items() if claims.get("sid") == decoded.claims["sid"]]
        for k in ended:
            del self.sessions[k]
        sys.stderr.write(f"example app: Gatehouse signed out {len(ended)} session(s)\n")
        return 200

    def logout(self, sid):
        """The app's "Sign out": its own session ends, and Gatehouse's with it (RP-Initiated
        Logout), back to the app's home page."""
        _, id_token = self.sessions.pop(sid, (None, None))
        end = self.discovery.get("end_session_endpoint")
        if not id_token or not end:
            return "/"
        query = urllib.parse.urlencode(
            {"id_token_hint": id_token, "post_logout_redirect_uri": self.redirect_uri.rsplit("/", 1)[0] + "/"}
        )
        return f"{end}?{query}"


def handler_for(app):
    class Handler(http.server.BaseHTTPRequestHandler):
        def send(self, status, body, location=None, cookie=None):
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            if cookie is not None:
                self.send_header("Set-Cookie", f"example-app={cookie}; Path=/; HttpOnly; SameSite=Lax")
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            if self.path != "/backchannel-logout":
                return self.send(404, page("Not found", ""))
            length = int(self.headers.get("Content-Length") or 0)
            status = app.backchannel_logout(self.rfile.read(min(length, 64 * 1024)).decode())
            self.send(status, b"")

        def do_GET(self):
            path, _, query = self.path.partition("?")
            sid = (self.headers.get("Cookie") or "").partition("example-app=")[2].split(";")[0]
            if path == "/":
                self.send(200, page("Homework Hub", '<p><a id="sign-in" href="/login">Sign in with Gatehouse</a></p>'))
            elif path == "/me":
                claims, _ = app.sessions.get(sid, (None, None))
                if claims:
                    body = f'<p id="signed-in" data-email="{html.escape(claims.get("email", ""))}">Signed in.</p>'
                else:
                    body = '<p id="signed-out">Not signed in.</p>'
                self.send(200, page("Homework Hub", body))
            elif path == "/logout":
                self.send(303, b"", location=app.logout(sid), cookie="")
            elif path == "/login":
                self.send(303, b"", location=app.login())
            elif path == "/callback":
                outcome, detail = app.callback(query)
                if outcome == "ok":
                    claims, id_token = detail
                    sid = secrets.token_urlsafe(24)
                    app.sessions[sid] = (claims, id_token)
                    who = html.escape(f"{claims.get('name')} ({claims.get('email')})")
                    body = f'<p id="signed-in" data-email="{html.escape(claims.get("email", ""))}">Signed in as {who}.</p>'
                    body += '<p><a id="sign-out" href="/logout">Sign out</a></p>'
                    body += f"<pre id=\"claims\">{html.escape(json.dumps(claims, indent=2))}</pre>"
                    self.send(200, page("Homework Hub", body), cookie=sid)
                else:
                    self.send(403, page("Homework Hub", f'<p id="refused" data-error="{html.escape(detail)}">Sign-in refused: {html.escape(detail)}</p>'))
            else:
                self.send(404, page("Not found", ""))

        def log_message(self, fmt, *args):
            sys.stderr.write("example app: " + fmt % args + "\n")

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issuer", required=True, help="Gatehouse's public_url")
    parser.add_argument("--ca", help="the PEM Gatehouse's certificate is trusted by (default: the system's)")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret-file", help="for a confidential app")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    secret = open(args.client_secret_file).read().strip() if args.client_secret_file else None
    base = f"http://127.0.0.1:{args.port}"
    for attempt in range(50):
        try:
            app = App(args.issuer, args.ca, args.client_id, secret, base)
            break
        except requests.RequestException as e:
            failure = e
            time.sleep(0.2)
    else:
        raise SystemExit(f"Gatehouse at {args.issuer} did not answer: {failure}")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(app))
    print(f"example app on {base}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
