#!/usr/bin/env python3
"""An app that signs people in with Gatehouse over SAML 2.0, as Google Workspace does: the
bundled example service provider of `make run-server` (README, "Signing people into apps"), and
the independent one of the browser walks (`make e2e-browser`). It uses pysaml2 (the SAML library
of the Python world, which verifies signatures with xmlsec1) and none of Gatehouse's code: it
reads Gatehouse's metadata, sends an AuthnRequest by the HTTP-Redirect binding, and accepts only
a signed Response that answers it (or, with --allow-unsolicited, an IdP-initiated one), for its
own audience and address, within its validity.

    python3 examples/saml-app/app.py --idp https://localhost:8443 --ca server.crt \
        --entity-id http://127.0.0.1:8767/metadata --port 8767

Then open http://127.0.0.1:8767/ and choose "Sign in with Gatehouse".
"""

import argparse
import html
import http.server
import sys
import tempfile
import time
import urllib.parse

import requests
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig


def page(title, body):
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body><main><h1>{html.escape(title)}</h1>{body}</main></body></html>""".encode()


def client_for(idp, ca, entity_id, base, unsolicited):
    metadata = None
    for _ in range(50):
        try:
            # Passed with the request: a session's own `verify` loses to REQUESTS_CA_BUNDLE.
            metadata = requests.get(f"{idp}/saml/metadata", timeout=10, verify=ca or True).text
            break
        except requests.RequestException as e:
            failure = e
            time.sleep(0.2)
    if metadata is None:
        raise SystemExit(f"Gatehouse at {idp} did not answer: {failure}")
    file = tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False)
    file.write(metadata)
    file.close()
    config = SPConfig()
    config.load(
        {
            "entityid": entity_id,
            "metadata": {"local": [file.name]},
            "service": {
                "sp": {
                    "endpoints": {"assertion_consumer_service": [(f"{base}/acs", BINDING_HTTP_POST)]},
                    "allow_unsolicited": unsolicited,
                    "authn_requests_signed": False,
                    "want_response_signed": True,
                    "want_assertions_signed": False,
                    "name_id_format": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
                }
            },
            "accepted_time_diff": 60,
        }
    )
    return Saml2Client(config=config)


def handler_for(client):
    # Requests sent and not yet answered (InResponseTo is checked against these).
    outstanding = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def send(self, status, body, location=None):
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/":
                self.send(200, page("Staff Portal", '<p><a id="sign-in" href="/login">Sign in with Gatehouse</a></p>'))
            elif self.path == "/login":
                request_id, info = client.prepare_for_authenticate(binding=BINDING_HTTP_REDIRECT, relay_state="/")
                outstanding[request_id] = "/"
                self.send(303, b"", location=dict(info["headers"])["Location"])
            else:
                self.send(404, page("Not found", ""))

        def do_POST(self):
            if self.path != "/acs":
                return self.send(404, page("Not found", ""))
            length = int(self.headers.get("Content-Length") or 0)
            form = urllib.parse.parse_qs(self.rfile.read(length).decode())
            try:
                answer = client.parse_authn_request_response(
                    form["SAMLResponse"][0], BINDING_HTTP_POST, outstanding=outstanding
                )
                if answer is None:
                    raise ValueError("no response")
                outstanding.pop(answer.in_response_to, None)
                who = answer.get_subject().text
            except Exception as e:  # pysaml2 raises many kinds; each is a refusal here
                reason = f"{type(e).__name__}: {e}"
                sys.stderr.write(f"example SAML app: refused a response: {reason}\n")
                body = f'<p id="refused" data-error="{html.escape(type(e).__name__)}">Sign-in refused: {html.escape(reason)}</p>'
                return self.send(403, page("Staff Portal", body))
            body = f'<p id="signed-in" data-email="{html.escape(who)}">Signed in as {html.escape(who)}.</p>'
            self.send(200, page("Staff Portal", body))

        def log_message(self, fmt, *args):
            sys.stderr.write("example SAML app: " + fmt % args + "\n")

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idp", required=True, help="Gatehouse's public_url")
    parser.add_argument("--ca", help="the PEM Gatehouse's certificate is trusted by (default: the system's)")
    parser.add_argument("--entity-id", required=True, help="this app's entity id, as registered in [[saml.apps]]")
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--allow-unsolicited", action="store_true", help="accept IdP-initiated sign-ins")
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    client = client_for(args.idp, args.ca, args.entity_id, base, args.allow_unsolicited)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler_for(client))
    print(f"example SAML app on {base}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
