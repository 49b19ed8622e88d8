//! Hardware token seed files (`tokens::parse`, CSV and PSKC): any text must be read whole or
//! refused with the place at fault, never panic. What is accepted has valid OTP parameters and
//! a secret of 80 bits to 128 bytes.
#![no_main]

use gatehouse_core::tokens::{parse, parse_csv, parse_pskc, PskcKey};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(seeds) = parse(text) {
        assert!(!seeds.is_empty(), "parse accepted a file without tokens");
        for s in &seeds {
            assert!(s.params.validate().is_ok(), "accepted invalid parameters {:?}", s.params);
            // 80 bits to 128 bytes, whatever the encoding (a regression: 8-bit hex secrets).
            assert!((10..=128).contains(&s.secret.len()), "accepted a {}-byte secret", s.secret.len());
        }
    }
    // Both readers directly too: `parse` only tries PSKC on text that starts with '<'.
    let _ = parse_csv(text);
    let _ = parse_pskc(text, &PskcKey::none());
    // An encrypted container opened with a key (a passphrase's PBKDF2 would spend the time
    // budget on iterations, not on parsing).
    let key = PskcKey::from_key_file(b"12345678901234567890123456789012").expect("a hex key");
    let _ = parse_pskc(text, &key);
});
