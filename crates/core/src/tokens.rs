//! Hardware token seed files: CSV (`serial,secret[,digits,period]`, secrets in base32 or hex) and
//! PSKC (RFC 6030 XML; HOTP and TOTP keys; the serial from `DeviceInfo/SerialNo`), its values
//! plain or encrypted with a pre-shared key or a passphrase ([`crate::pskc_crypto`]). A file is
//! read whole first: any fault refuses it with the line or element at fault, so nothing is ever
//! half-imported.

use base64::Engine as _;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::otp::{self, OtpAlgorithm, OtpParams};
use crate::pskc_crypto::Keys;
pub use crate::pskc_crypto::PskcKey;
use crate::text::{escaped, Text};

/// One token read from a seed file.
#[derive(Clone)]
pub struct TokenSeed {
    pub serial: String,
    pub secret: Zeroizing<Vec<u8>>,
    pub hotp: bool,
    pub params: OtpParams,
    pub counter: u64,
}

impl std::fmt::Debug for TokenSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSeed")
            .field("serial", &self.serial)
            .field("hotp", &self.hotp)
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

/// Where a fault is: a line of a CSV file, or an element (and its line) of a PSKC file.
#[derive(Debug, Clone)]
enum At {
    Line(u64),
    Element { line: u32, name: String },
}

/// The file is refused for `fault` at `at`: the message names the place by its arguments
/// (`line`, `element`) and holds the fault as a message of its own (`fault`).
fn bad(at: &At, fault: Text) -> Error {
    let located = match at {
        At::Line(line) => Text::new("token-file-line").num("line", *line),
        At::Element { line, name } => Text::new("token-file-element").num("line", *line).arg("element", name),
    };
    Error::invalid("file", located.message("fault", fault))
}

/// A check of the core (a secret, the OTP parameters) failed at `at`.
fn bad_because(at: &At, e: Error) -> Error {
    match e.text() {
        Some(fault) => bad(at, fault),
        None => e,
    }
}

fn check_serial(serial: &str, at: &At) -> Result<String, Error> {
    let s = serial.trim();
    if s.is_empty() || s.len() > 64 || !s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err(bad(at, Text::new("token-serial-invalid").arg("serial", escaped(s)).num("max", 64)));
    }
    Ok(s.to_owned())
}

/// Parses a seed file of plain values, choosing CSV or PSKC by its content.
pub fn parse(text: &str) -> Result<Vec<TokenSeed>, Error> {
    parse_with(text, &PskcKey::none())
}

/// Parses a seed file, choosing CSV or PSKC by its content; `key` opens an encrypted PSKC file.
pub fn parse_with(text: &str, key: &PskcKey) -> Result<Vec<TokenSeed>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let seeds = if text.trim_start().starts_with('<') {
        parse_pskc(text, key)?
    } else if key.is_given() {
        // A key was given for a file that has nothing to open: not the file the vendor meant.
        return Err(Error::invalid("file", Text::new("token-file-not-encrypted")));
    } else {
        parse_csv(text)?
    };
    if seeds.is_empty() {
        return Err(Error::invalid("file", Text::new("token-file-empty")));
    }
    let mut serials = std::collections::HashSet::new();
    for s in &seeds {
        if !serials.insert(s.serial.as_str()) {
            return Err(Error::invalid("file", Text::new("token-serial-twice").arg("serial", &s.serial)));
        }
    }
    Ok(seeds)
}

/// `serial,secret[,digits,period]` per line (`;` between them in a spreadsheet's file too); an
/// optional header row starting with `serial`.
pub fn parse_csv(text: &str) -> Result<Vec<TokenSeed>, Error> {
    // The separator of the first line that is not a comment: `;` from a spreadsheet in some locales.
    let first = text.lines().find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(crate::csv_cell::delimiter(first.as_bytes()))
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let at = At::Line(e.position().map(|p| p.line()).unwrap_or(0));
            bad(&at, Text::new("token-csv-unreadable").arg("detail", e))
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let at = At::Line(line);
        if record.iter().all(str::is_empty) || record.get(0).is_some_and(|f| f.starts_with('#')) {
            continue;
        }
        if line == 1 && record.get(0).is_some_and(|f| f.eq_ignore_ascii_case("serial")) {
            continue;
        }
        if !(2..=4).contains(&record.len()) {
            return Err(bad(&at, Text::new("token-csv-fields").num("count", record.len())));
        }
        let serial = check_serial(&record[0], &at)?;
        // Base32 first; a secret of hexadecimal digits only is read as hex (with its own length
        // limits) when it is not base32.
        let text = &record[1];
        let hex_only = text.chars().filter(|c| !c.is_whitespace()).all(|c| c.is_ascii_hexdigit());
        let secret = otp::parse_base32(text)
            .or_else(|e| if hex_only { otp::parse_hex(text) } else { Err(e) })
            .map_err(|e| bad_because(&at, e))?;
        let num = |i: usize, default: u64, what: &str| -> Result<u64, Error> {
            match record.get(i).filter(|f| !f.is_empty()) {
                None => Ok(default),
                Some(f) => f.parse().map_err(|_| {
                    bad(&at, Text::new("token-csv-not-a-number").arg("column", what).arg("value", escaped(f)))
                }),
            }
        };
        let params = OtpParams {
            algorithm: OtpAlgorithm::Sha1,
            digits: u8::try_from(num(2, 6, "digits")?).map_err(|_| bad(&at, Text::new("token-csv-digits")))?,
            period: num(3, 30, "period")?,
        };
        params.validate().map_err(|e| bad_because(&at, e))?;
        out.push(TokenSeed { serial, secret, hotp: false, params, counter: 0 });
    }
    Ok(out)
}

const PSKC_NS: &str = "urn:ietf:params:xml:ns:keyprov:pskc";

/// The highest HOTP counter a seed file may give (2^40: a code a second for 34,000 years).
const MAX_COUNTER: u64 = 1 << 40;

/// The first child element named `name`.
fn child<'a, 'input>(n: roxmltree::Node<'a, 'input>, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
    n.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// RFC 6030 key container, its values plain or encrypted (opened with `key`).
pub fn parse_pskc(text: &str, key: &PskcKey) -> Result<Vec<TokenSeed>, Error> {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(text, opts)
        .map_err(|e| Error::invalid("file", Text::new("token-xml-malformed").arg("detail", e)))?;
    let at = |n: roxmltree::Node| At::Element {
        line: doc.text_pos_at(n.range().start).row,
        name: n.tag_name().name().to_owned(),
    };
    let root = doc.root_element();
    if root.tag_name().name() != "KeyContainer" || root.tag_name().namespace() != Some(PSKC_NS) {
        return Err(bad(&at(root), Text::new("token-pskc-not-a-container").arg("namespace", PSKC_NS)));
    }
    let placed = |(node, fault): (roxmltree::Node, Text)| bad(&at(node), fault);
    let keys = Keys::of(root, key).map_err(placed)?;
    if keys.is_none() && key.is_given() {
        return Err(bad(&at(root), Text::new("token-file-not-encrypted")));
    }
    // A value's bytes: plain, or encrypted (its MAC checked first).
    let value = |holder: roxmltree::Node| -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
        let Some(encrypted) = child(holder, "EncryptedValue") else { return Ok(None) };
        let Some(keys) = &keys else {
            return Err(bad(&at(encrypted), Text::new("token-pskc-no-element").arg("name", "EncryptionKey")));
        };
        keys.open(encrypted, child(holder, "ValueMAC")).map(Some).map_err(placed)
    };
    let mut out = Vec::new();
    for package in root.children().filter(|c| c.is_element() && c.tag_name().name() == "KeyPackage") {
        let serial_node = child(package, "DeviceInfo").and_then(|d| child(d, "SerialNo"));
        let Some(serial_node) = serial_node else { return Err(bad(&at(package), Text::new("token-pskc-no-serial"))) };
        let serial = check_serial(serial_node.text().unwrap_or(""), &at(serial_node))?;
        let Some(key) = child(package, "Key") else {
            return Err(bad(&at(package), Text::new("token-pskc-no-element").arg("name", "Key")));
        };
        let algorithm = key.attribute("Algorithm").unwrap_or("");
        let hotp = if algorithm.ends_with(":hotp") || algorithm.ends_with("#hotp") {
            true
        } else if algorithm.ends_with(":totp") || algorithm.ends_with("#totp") {
            false
        } else {
            let fault = Text::new("token-pskc-algorithm").arg("algorithm", escaped(algorithm));
            return Err(bad(&at(key), fault));
        };
        let params_node = child(key, "AlgorithmParameters");
        let digits = match params_node.and_then(|p| child(p, "ResponseFormat")) {
            Some(rf) => {
                if rf.attribute("Encoding").is_some_and(|e| !e.eq_ignore_ascii_case("DECIMAL")) {
                    return Err(bad(&at(rf), Text::new("token-pskc-not-decimal")));
                }
                rf.attribute("Length")
                    .unwrap_or("6")
                    .parse::<u8>()
                    .map_err(|_| bad(&at(rf), Text::new("token-pskc-not-a-number").arg("name", "Length")))?
            }
            None => 6,
        };
        let hash = params_node.and_then(|p| child(p, "Suite")).and_then(|s| s.text()).unwrap_or("HMAC-SHA1");
        let alg = OtpAlgorithm::parse(hash).map_err(|e| bad_because(&at(key), e))?;
        let no = |name: &str| Text::new("token-pskc-no-element").arg("name", name);
        let Some(data) = child(key, "Data") else { return Err(bad(&at(key), no("Data"))) };
        let Some(secret_node) = child(data, "Secret") else { return Err(bad(&at(data), no("Secret"))) };
        let secret = match value(secret_node)? {
            Some(secret) => secret,
            // In a file whose secrets are encrypted, a plain one has no MAC to show that the
            // vendor wrote it: someone may have put a seed of their own in its place.
            None if keys.is_some() => {
                return Err(bad(&at(secret_node), Text::new("token-pskc-plain-in-encrypted")));
            }
            None => {
                let Some(plain) = child(secret_node, "PlainValue") else {
                    return Err(bad(&at(secret_node), no("PlainValue")));
                };
                let b64: Zeroizing<String> =
                    Zeroizing::new(plain.text().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect());
                Zeroizing::new(
                    base64::engine::general_purpose::STANDARD
                        .decode(b64.as_bytes())
                        .map_err(|_| bad(&at(plain), Text::new("token-pskc-not-base64")))?,
                )
            }
        };
        if secret.len() < 10 {
            return Err(bad(&at(secret_node), Text::new("token-pskc-secret-short").num("bits", 80)));
        }
        if secret.len() > 128 {
            return Err(bad(&at(secret_node), Text::new("secret-too-long").num("bytes", 128)));
        }
        // A counter or time interval: decimal text, or encrypted as a big-endian integer.
        let number = |name: &str, default: u64| -> Result<u64, Error> {
            let Some(holder) = child(data, name) else { return Ok(default) };
            let fault = || Text::new("token-pskc-not-a-number").arg("name", name);
            if let Some(bytes) = value(holder)? {
                if bytes.len() > 8 {
                    return Err(bad(&at(holder), fault()));
                }
                return Ok(bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b)));
            }
            match child(holder, "PlainValue") {
                Some(v) => v.text().unwrap_or("").trim().parse().map_err(|_| bad(&at(v), fault())),
                None => Ok(default),
            }
        };
        let counter = number("Counter", 0)?;
        // Far beyond any token's life, and kept clear of the top so that the look-ahead and the
        // resynchronisation window never run past what the store holds.
        if counter > MAX_COUNTER {
            let holder = child(data, "Counter").unwrap_or(data);
            return Err(bad(&at(holder), Text::new("token-pskc-counter-large").num("max", MAX_COUNTER)));
        }
        let period = number("TimeInterval", 30)?;
        let params = OtpParams { algorithm: alg, digits, period };
        params.validate().map_err(|e| bad_because(&at(key), e))?;
        out.push(TokenSeed { serial, secret, hotp, params, counter });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6030 Figure 2 (plain-value HOTP key), the secret being "12345678901234567890".
    const RFC_6030_FIGURE_2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<KeyContainer Version="1.0" Id="exampleID1" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
  <KeyPackage>
    <DeviceInfo>
      <Manufacturer>Manufacturer</Manufacturer>
      <SerialNo>987654321</SerialNo>
    </DeviceInfo>
    <CryptoModuleInfo><Id>CM_ID_001</Id></CryptoModuleInfo>
    <Key Id="12345678" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
      <Issuer>Issuer</Issuer>
      <AlgorithmParameters><ResponseFormat Length="8" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data>
        <Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>
        <Counter><PlainValue>0</PlainValue></Counter>
      </Data>
    </Key>
  </KeyPackage>
</KeyContainer>"#;

    #[test]
    fn the_rfc_6030_example_reads_as_an_hotp_token_with_its_serial() {
        let t = parse(RFC_6030_FIGURE_2).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].serial, "987654321");
        assert!(t[0].hotp);
        assert_eq!(t[0].params.digits, 8);
        assert_eq!(t[0].secret.as_slice(), b"12345678901234567890");
        // RFC 4226 Appendix D, 8 digits: counter 0 gives 84755224.
        assert_eq!(otp::hotp(&t[0].secret, OtpAlgorithm::Sha1, 8, 0), "84755224");
    }

    #[test]
    fn a_pskc_secret_over_128_bytes_or_a_counter_near_the_top_is_refused() {
        let long = base64::engine::general_purpose::STANDARD.encode([7u8; 129]);
        let x = RFC_6030_FIGURE_2.replace("MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=", &long);
        assert!(parse(&x).unwrap_err().text().unwrap().english().contains("128 bytes"));
        let x =
            RFC_6030_FIGURE_2.replace("<PlainValue>0</PlainValue>", "<PlainValue>18446744073709551615</PlainValue>");
        assert!(parse(&x).unwrap_err().text().unwrap().english().contains("counter is larger"));
        let x = RFC_6030_FIGURE_2.replace("<PlainValue>0</PlainValue>", "<PlainValue>1099511627776</PlainValue>");
        assert_eq!(parse(&x).unwrap()[0].counter, 1 << 40, "the highest accepted");
    }

    #[test]
    fn a_totp_key_with_its_time_interval_and_suite_is_read() {
        let x = RFC_6030_FIGURE_2
            .replace("pskc:hotp", "pskc:totp")
            .replace("<ResponseFormat", "<Suite>HMAC-SHA256</Suite><ResponseFormat")
            .replace(
                "<Counter><PlainValue>0</PlainValue></Counter>",
                "<TimeInterval><PlainValue>60</PlainValue></TimeInterval>",
            );
        let t = parse(&x).unwrap();
        assert!(!t[0].hotp);
        assert_eq!(t[0].params, OtpParams { algorithm: OtpAlgorithm::Sha256, digits: 8, period: 60 });
    }

    #[test]
    fn broken_pskc_files_are_refused_with_the_element_at_fault() {
        let cases = [
            (RFC_6030_FIGURE_2.replace("</KeyContainer>", ""), "not well-formed"),
            (RFC_6030_FIGURE_2.replace("<SerialNo>987654321</SerialNo>", ""), "SerialNo"),
            (RFC_6030_FIGURE_2.replace("MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=", "!!!"), "line 13, <PlainValue>"),
            (RFC_6030_FIGURE_2.replace("pskc:hotp", "pskc:ocra"), "line 9, <Key>"),
            (
                RFC_6030_FIGURE_2.replace("<PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue>", "<EncryptedValue/>"),
                "<EncryptedValue>: no <EncryptionKey>",
            ),
            (RFC_6030_FIGURE_2.replace("urn:ietf:params:xml:ns:keyprov:pskc\"", "urn:example\""), "not a PSKC"),
            ("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>".to_owned(), "not well-formed"),
        ];
        for (text, want) in cases {
            let e = parse(&text).unwrap_err().to_string();
            assert!(e.contains(want), "{want:?} not in {e:?}");
        }
    }

    #[test]
    fn a_token_file_error_names_its_line_and_element_through_arguments() {
        let body = |text: &str| serde_json::to_value(crate::error::ErrorBody::from(&parse(text).unwrap_err())).unwrap();
        let csv = body("T-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\nT-2\n");
        assert_eq!(
            csv,
            serde_json::json!({
                "code": "invalid_input",
                "message": "line 2: expected serial,secret[,digits,period], found 1 fields",
                "id": "token-file-line",
                "args": {"line": 2, "fault": {"id": "token-csv-fields", "args": {"count": 1}}},
                "field": "file",
            })
        );
        // A fault the OTP rules find keeps its own message inside the located one.
        let csv = body("T-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,6,5\n");
        assert_eq!(csv["message"], "line 1: The period must be 10 to 300 seconds.");
        assert_eq!(csv["args"]["fault"]["id"], "otp-period-range");
        let pskc = body(&RFC_6030_FIGURE_2.replace("pskc:hotp", "pskc:ocra"));
        assert_eq!(pskc["id"], "token-file-element");
        assert_eq!(pskc["args"]["line"], 9);
        assert_eq!(pskc["args"]["element"], "Key");
        assert_eq!(pskc["args"]["fault"]["id"], "token-pskc-algorithm");
    }

    #[test]
    fn csv_files_take_base32_or_hex_secrets_and_optional_digits_and_period() {
        let t = parse("serial,secret,digits,period\nT-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\nT-2,3132333435363738393031323334353637383930,8,60\n").unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].secret.as_slice(), b"12345678901234567890");
        assert_eq!(t[1].secret.as_slice(), b"12345678901234567890");
        assert_eq!((t[1].params.digits, t[1].params.period), (8, 60));
    }

    #[test]
    fn broken_csv_files_are_refused_with_the_line_at_fault() {
        let cases = [
            ("T-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\nT-2\n", "line 2"),
            ("T-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\nT 2,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n", "line 2"),
            ("T-1,not a secret\n", "line 1"),
            ("T-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,nine\n", "digits"),
            ("T-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ,6,5\n", "period"),
            ("T-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\nT-1,GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n", "twice"),
            ("", "no tokens"),
            // Found by fuzzing: a hex secret of 8 bits, and digits that wrapped around a byte.
            ("T-5,00\n", "too short"),
            ("T-5,0123456789abcdef01\n", "too short"),
            ("T-6,JBSWY3DPEHPK3PXP,262,30\n", "digits"),
        ];
        for (text, want) in cases {
            let e = parse(text).unwrap_err().to_string();
            assert!(e.contains(want), "{want:?} not in {e:?}");
        }
    }
}
