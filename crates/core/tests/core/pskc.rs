//! Encrypted PSKC seed files (issue 17 §3, RFC 6030 §6.1 and §6.2): the RFC's own figures 6
//! (pre-shared AES key) and 7 (PBKDF2 passphrase), and files written by python-pskc, an
//! independent implementation (`scripts/make-pskc-fixtures.py`). A wrong key, a failed MAC or an
//! unsupported algorithm refuses the whole file, naming the element; nothing is half-imported.

use gatehouse_core::otp::{self, OtpAlgorithm};
use gatehouse_core::tokens::{self, PskcKey, TokenSeed};

use crate::common::Env;

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pskc").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn key(hex: &str) -> PskcKey {
    PskcKey::from_key_file(hex.as_bytes()).unwrap()
}

fn passphrase(p: &str) -> PskcKey {
    PskcKey::none().with_passphrase(p).unwrap()
}

/// The refusal's English, which names the element at fault and the fault.
fn refusal(text: &str, key: &PskcKey) -> String {
    let e = tokens::parse_with(text, key).expect_err("the file is refused");
    e.text().map(|t| t.english()).unwrap_or_else(|| e.to_string())
}

fn seeds(text: &str, key: &PskcKey) -> Vec<TokenSeed> {
    tokens::parse_with(text, key).unwrap_or_else(|e| panic!("{:?}", e.text().map(|t| t.english())))
}

#[test]
fn rfc_6030_figure_6_opens_with_its_pre_shared_key_and_gives_the_rfc_4226_codes() {
    let t = seeds(&fixture("rfc6030-figure6.pskcxml"), &key("12345678901234567890123456789012"));
    assert_eq!((t.len(), t[0].serial.as_str(), t[0].hotp, t[0].params.digits), (1, "987654321", true, 8));
    assert_eq!(t[0].secret.as_slice(), b"12345678901234567890");
    // RFC 4226 Appendix D, 8 digits: counter 0 gives 84755224.
    assert_eq!(otp::hotp(&t[0].secret, OtpAlgorithm::Sha1, 8, 0), "84755224");
}

#[test]
fn rfc_6030_figure_7_opens_with_its_passphrase() {
    let t = seeds(&fixture("rfc6030-figure7.pskcxml"), &passphrase("qwerty"));
    assert_eq!(t[0].secret.as_slice(), &otp::parse_hex("3132333435363738393031323334353637383930").unwrap()[..]);
    assert_eq!(t[0].serial, "987654321");
}

#[test]
fn files_written_by_python_pskc_open_with_its_key_and_its_passphrase() {
    let aes256 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    let t = seeds(&fixture("python-pskc-aes256.pskcxml"), &key(aes256));
    let read: Vec<(&str, bool, u8, u64)> =
        t.iter().map(|s| (s.serial.as_str(), s.hotp, s.params.digits, s.params.period)).collect();
    assert_eq!(read, [("PSK-0001", false, 6, 30), ("PSK-0002", false, 8, 60)]);
    assert_eq!(t[0].secret.as_slice(), b"12345678901234567890123456789012");
    assert_eq!(t[1].secret.as_slice(), &otp::parse_hex("00112233445566778899aabbccddeeff01020304").unwrap()[..]);

    let t = seeds(&fixture("python-pskc-pbkdf2.pskcxml"), &passphrase("correct horse battery staple"));
    assert_eq!((t[0].serial.as_str(), t[0].hotp, t[0].counter), ("PBK-0001", true, 5));
    assert_eq!(t[0].secret.as_slice(), b"12345678901234567890");
}

#[test]
fn an_encrypted_file_without_its_key_or_with_the_wrong_one_is_refused_naming_the_element() {
    let figure6 = fixture("rfc6030-figure6.pskcxml");
    let said = refusal(&figure6, &PskcKey::none());
    assert!(said.contains("<EncryptionKey>") && said.contains("encrypted with a key (\"Pre-shared-key\")"), "{said}");
    let said = refusal(&figure6, &passphrase("qwerty"));
    assert!(said.contains("give its key file"), "a passphrase does not stand for a key: {said}");
    let said = refusal(&figure6, &key("00000000000000000000000000000000"));
    assert!(said.contains("does not open this file") || said.contains("the MAC does not match"), "a wrong key: {said}");
    let figure7 = fixture("rfc6030-figure7.pskcxml");
    assert!(refusal(&figure7, &PskcKey::none()).contains("encrypted with a passphrase (\"My Password 1\")"));
    let said = refusal(&figure7, &passphrase("QWERTY"));
    assert!(said.contains("does not open this file") || said.contains("the MAC does not match"), "{said}");
    // A key of another length than the algorithm's.
    let said = refusal(&figure6, &key("000102030405060708090a0b0c0d0e0f1011121314151617"));
    assert!(said.contains("24 bytes long; this algorithm needs 16"), "{said}");
}

#[test]
fn a_changed_ciphertext_fails_its_mac_before_anything_is_decrypted() {
    let figure6 = fixture("rfc6030-figure6.pskcxml");
    // One base64 character of the secret's ciphertext changed (the IV and MAC key untouched).
    let changed = figure6.replace(
        "AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGv",
        "AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGw",
    );
    assert_ne!(changed, figure6);
    let said = refusal(&changed, &key("12345678901234567890123456789012"));
    assert!(said.contains("<ValueMAC>") && said.contains("the MAC does not match"), "{said}");
    // No MAC at all: refused rather than decrypted unchecked.
    let start = figure6.find("<ValueMAC>").unwrap();
    let end = figure6.find("</ValueMAC>").unwrap() + "</ValueMAC>".len();
    let unmacked = format!("{}{}", &figure6[..start], &figure6[end..]);
    let said = refusal(&unmacked, &key("12345678901234567890123456789012"));
    assert!(said.contains("no <ValueMAC>"), "{said}");
}

#[test]
fn an_unsupported_algorithm_is_named() {
    let figure6 = fixture("rfc6030-figure6.pskcxml");
    let key_wrap = figure6.replacen("xmlenc#aes128-cbc", "xmlenc#kw-aes128", 2);
    let said = refusal(&key_wrap, &key("12345678901234567890123456789012"));
    assert!(said.contains("unsupported algorithm \"http://www.w3.org/2001/04/xmlenc#kw-aes128\""), "{said}");
    let md5 = figure6.replace("xmldsig#hmac-sha1", "xmldsig-more#hmac-md5");
    assert!(refusal(&md5, &key("12345678901234567890123456789012")).contains("hmac-md5"));
}

#[test]
fn key_and_passphrase_files_are_read_as_written_and_refused_when_they_hold_neither() {
    let from_hex = PskcKey::from_key_file(b"1234 5678 9012 3456 7890 1234 5678 9012\n").unwrap();
    let raw = PskcKey::from_key_file(&otp::parse_hex("12345678901234567890123456789012").unwrap()).unwrap();
    let figure6 = fixture("rfc6030-figure6.pskcxml");
    for k in [from_hex, raw] {
        assert_eq!(seeds(&figure6, &k)[0].serial, "987654321");
    }
    assert!(PskcKey::from_key_file(b"not a key").is_err());
    assert!(PskcKey::from_key_file(b"123456").is_err());
    let figure7 = fixture("rfc6030-figure7.pskcxml");
    assert_eq!(seeds(&figure7, &PskcKey::from_passphrase_file(b"qwerty\r\nnext line").unwrap())[0].serial, "987654321");
    assert!(PskcKey::from_passphrase_file(b"\nqwerty").is_err(), "an empty first line");
    assert!(PskcKey::from_passphrase_file(&[0xff, 0xfe]).is_err(), "not text");
}

#[test]
fn a_file_with_one_bad_token_imports_none_of_them() {
    let env = Env::with_data_key();
    let aes256 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    let file = fixture("python-pskc-aes256.pskcxml");
    // The second token's ciphertext changed: its MAC fails; the first must not be imported.
    let second = file.rfind("<xenc:CipherValue>").unwrap() + "<xenc:CipherValue>".len();
    let mut changed = file.clone();
    let flipped = if &file[second..=second] == "A" { "B" } else { "A" };
    changed.replace_range(second..=second, flipped);
    let admin = env.admin();
    assert!(admin.import_tokens_with(&changed, &key(aes256)).is_err());
    assert!(admin.tokens().unwrap().is_empty(), "nothing half-imported");
    assert_eq!(admin.import_tokens_with(&file, &key(aes256)).unwrap(), 2);
    let serials: Vec<String> = admin.tokens().unwrap().into_iter().map(|t| t.serial).collect();
    assert_eq!(serials, ["PSK-0001", "PSK-0002"]);
}

#[test]
fn given_a_key_and_a_passphrase_the_file_says_which_it_needs() {
    let both = || key("12345678901234567890123456789012").with_passphrase("qwerty").unwrap();
    assert_eq!(seeds(&fixture("rfc6030-figure6.pskcxml"), &both())[0].serial, "987654321");
    assert_eq!(seeds(&fixture("rfc6030-figure7.pskcxml"), &both())[0].serial, "987654321");
    assert!(PskcKey::none().with_passphrase("").is_err(), "an empty passphrase is none");
}

#[test]
fn the_consoles_import_sends_the_key_file_in_base64_or_the_passphrase_and_refuses_a_bad_key_file() {
    use base64::Engine as _;
    let env = Env::with_data_key();
    let admin = env.admin();
    let run =
        |request: serde_json::Value| gatehouse_core::console_ops::run(&admin, serde_json::from_value(request).unwrap());
    let figure7 = fixture("rfc6030-figure7.pskcxml");
    let e = run(serde_json::json!({"op": "import_tokens", "text": figure7})).unwrap_err();
    assert!(e.text().unwrap().english().contains("encrypted with a passphrase"), "{:?}", e.text());
    let imported =
        run(serde_json::json!({"op": "import_tokens", "text": figure7, "passphrase": "qwerty", "key_file": ""}))
            .unwrap();
    assert_eq!(imported["imported"], 1);

    let figure6 = fixture("rfc6030-figure6.pskcxml").replace("987654321", "987654322");
    let not_a_key = base64::engine::general_purpose::STANDARD.encode(b"hello");
    let e = run(serde_json::json!({"op": "import_tokens", "text": figure6, "key_file": not_a_key})).unwrap_err();
    assert_eq!(e.field(), Some("key_file"), "the key file field is at fault");
    let raw = otp::parse_hex("12345678901234567890123456789012").unwrap();
    let key_file = base64::engine::general_purpose::STANDARD.encode(&raw[..]);
    let imported = run(serde_json::json!({"op": "import_tokens", "text": figure6, "key_file": key_file})).unwrap();
    assert_eq!(imported["imported"], 1);
    assert_eq!(admin.tokens().unwrap().len(), 2);
}

#[test]
fn a_plain_secret_put_into_an_encrypted_file_is_refused() {
    let figure6 = fixture("rfc6030-figure6.pskcxml");
    // The vendor's encrypted secret and its MAC swapped for a seed someone chose.
    let start = figure6.find("<Secret>").unwrap();
    let end = figure6.find("</Secret>").unwrap();
    let changed = format!(
        "{}<Secret><PlainValue>QUFBQUFBQUFBQUFBQUFBQUFBQUE=</PlainValue>{}",
        &figure6[..start],
        &figure6[end..]
    );
    let said = refusal(&changed, &key("12345678901234567890123456789012"));
    assert!(said.contains("<Secret>") && said.contains("plain text"), "{said}");
}

#[test]
fn a_key_given_for_a_file_that_encrypts_nothing_is_refused() {
    let plain = fixture("rfc6030-figure6.pskcxml");
    let start = plain.find("<EncryptionKey>").unwrap();
    let end = plain.find("</EncryptionKey>").unwrap() + "</EncryptionKey>".len();
    let secret_start = plain.find("<Secret>").unwrap();
    let secret_end = plain.find("</Secret>").unwrap() + "</Secret>".len();
    let mac_start = plain.find("<MACMethod").unwrap();
    let mac_end = plain.find("</MACMethod>").unwrap() + "</MACMethod>".len();
    assert!(start < mac_start && mac_end < secret_start, "the figure's order");
    let plain = format!(
        "{}{}{}<Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>{}",
        &plain[..start],
        &plain[end..mac_start],
        &plain[mac_end..secret_start],
        &plain[secret_end..]
    );
    assert_eq!(seeds(&plain, &PskcKey::none()).len(), 1, "read as a plain file without a key");
    let said = refusal(&plain, &key("12345678901234567890123456789012"));
    assert!(said.contains("not encrypted"), "{said}");
    let said = refusal("serial,secret\nT-1,JBSWY3DPEHPK3PXP\n", &key("12345678901234567890123456789012"));
    assert!(said.contains("not encrypted"), "{said}");
}
