//! What a person types or scans when enrolling an authenticator: `otpauth://` URIs, base32 and
//! hex secrets, and codes. The first byte is the code length for `normalise_code` (6 and 8 are
//! the real ones; any value must be safe); the rest is the text.
#![no_main]

use gatehouse_core::otp::{normalise_code, otpauth_uri, parse_base32, parse_hex, parse_otpauth_uri};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&digits, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };

    if let Ok(uri) = parse_otpauth_uri(text) {
        // What was read back must be writable again (the enrolment screen shows it).
        if uri.params.validate().is_ok() {
            let issuer = uri.issuer.as_deref().unwrap_or("");
            let _ = otpauth_uri(issuer, &uri.account, &uri.secret, &uri.params);
        }
    }
    if let Ok(secret) = parse_base32(text) {
        assert!((10..=128).contains(&secret.len()), "base32 secret of {} bytes accepted", secret.len());
    }
    if let Ok(secret) = parse_hex(text) {
        assert!(!secret.is_empty(), "empty hex secret accepted");
    }
    if let Some(code) = normalise_code(text, digits) {
        assert_eq!(code.len(), usize::from(digits));
        assert!(code.bytes().all(|b| b.is_ascii_digit()), "non-digit code {code:?} accepted");
    }
});
