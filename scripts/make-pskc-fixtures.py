#!/usr/bin/env python3
"""Writes the encrypted PSKC files crates/core/tests/core/pskc.rs reads, with python-pskc
(an implementation independent of Gatehouse's): `pip install python-pskc`, then run it from the
repository root. The keys, passphrase and secrets are the tests' own (test-only values)."""
from pathlib import Path

import pskc

OUT = Path("crates/core/tests/pskc")


def token(container, serial, secret, *, totp, digits, period=None, counter=None):
    key = container.add_key(serial=serial, secret=secret, manufacturer="Test Vendor")
    key.algorithm = "urn:ietf:params:xml:ns:keyprov:pskc:" + ("totp" if totp else "hotp")
    key.response_length = digits
    key.response_encoding = "DECIMAL"
    if period is not None:
        key.time_interval = period
    if counter is not None:
        key.counter = counter


# A pre-shared AES-256 key, HMAC-SHA256 MACs: two TOTP tokens.
container = pskc.PSKC()
token(container, "PSK-0001", b"12345678901234567890123456789012", totp=True, digits=6, period=30)
token(container, "PSK-0002", b"\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff\x01\x02\x03\x04", totp=True, digits=8, period=60)
container.encryption.setup_preshared_key(
    key=bytes.fromhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"),
    algorithm="aes256-cbc",
    key_name="School test key",
)
container.mac.setup(algorithm="hmac-sha256")
container.write(str(OUT / "python-pskc-aes256.pskcxml"))

# A passphrase (PBKDF2, HMAC-SHA1 PRF), AES-128: an HOTP token at counter 5.
container = pskc.PSKC()
token(container, "PBK-0001", b"12345678901234567890", totp=False, digits=6, counter=5)
container.encryption.setup_pbkdf2(
    "correct horse battery staple", algorithm="aes128-cbc", key_name="School passphrase", iterations=2000
)
container.write(str(OUT / "python-pskc-pbkdf2.pskcxml"))
