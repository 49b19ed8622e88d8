//! One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) on top of `totp-rs`, with the checks a
//! careful verifier adds — one step of drift either side (RFC 6238 §5.2), a time step used once
//! per authenticator (replay), and a diagnosis when a code matches a far-away step (the device's
//! clock is wrong). Also the Key URI Format (`otpauth://`), base32 secrets and QR codes.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Builder, Secret, Totp};
use zeroize::Zeroizing;

use crate::error::Error;
use crate::text::{escaped, Text};

/// RFC 4226 recommends at least 128 bits; 160 is what authenticator apps expect.
pub const SECRET_BYTES: usize = 20;
/// Steps either side accepted as network/clock drift (RFC 6238 §5.2 recommends one).
pub const ACCEPTED_DRIFT_STEPS: i64 = 1;
/// How far (in seconds) a matching code is still recognised as "right code, wrong clock".
pub const CLOCK_DIAGNOSIS_SECONDS: i64 = 5 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum OtpAlgorithm {
    Sha1,
    Sha256,
    Sha512,
}

impl OtpAlgorithm {
    fn lib(self) -> Algorithm {
        match self {
            Self::Sha1 => Algorithm::SHA1,
            Self::Sha256 => Algorithm::SHA256,
            Self::Sha512 => Algorithm::SHA512,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
            Self::Sha512 => "SHA512",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_uppercase().replace('-', "").as_str() {
            "SHA1" | "HMACSHA1" => Ok(Self::Sha1),
            "SHA256" | "HMACSHA256" => Ok(Self::Sha256),
            "SHA512" | "HMACSHA512" => Ok(Self::Sha512),
            other => Err(Error::invalid(
                "algorithm",
                Text::new("otp-algorithm-unsupported").arg("algorithm", escaped(other)),
            )),
        }
    }
}

/// How codes are made. The default, SHA-1 / 6 digits / 30 s, is what every authenticator app
/// supports; some silently ignore other algorithms (DESIGN §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OtpParams {
    pub algorithm: OtpAlgorithm,
    pub digits: u8,
    /// Seconds per step (TOTP only).
    pub period: u64,
}

impl Default for OtpParams {
    fn default() -> Self {
        Self { algorithm: OtpAlgorithm::Sha1, digits: 6, period: 30 }
    }
}

impl OtpParams {
    pub fn validate(&self) -> Result<(), Error> {
        if !(6..=8).contains(&self.digits) {
            return Err(Error::invalid("digits", Text::new("otp-digits-range").num("min", 6).num("max", 8)));
        }
        if !(10..=300).contains(&self.period) {
            return Err(Error::invalid("period", Text::new("otp-period-range").num("min", 10).num("max", 300)));
        }
        Ok(())
    }
}

fn engine(secret: &[u8], algorithm: OtpAlgorithm, digits: u8, step: u64) -> Totp {
    Builder::new()
        .with_algorithm(algorithm.lib())
        .with_digits(digits)
        .with_step_duration(step)
        .with_skew(0)
        .with_secret(Secret::from(secret))
        .build_noncompliant()
}

/// HOTP value for `counter` (RFC 4226 §5.3): TOTP with a one-second step at time = counter.
pub fn hotp(secret: &[u8], algorithm: OtpAlgorithm, digits: u8, counter: u64) -> String {
    engine(secret, algorithm, digits, 1).generate(counter).to_string()
}

/// TOTP value at `unix_time` (RFC 6238 §4).
pub fn totp(secret: &[u8], params: &OtpParams, unix_time: u64) -> String {
    engine(secret, params.algorithm, params.digits, params.period).generate(unix_time).to_string()
}

/// A code as typed: digits only (spaces ignored), of the expected length.
pub fn normalise_code(code: &str, digits: u8) -> Option<String> {
    let c: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    (c.len() == usize::from(digits) && c.bytes().all(|b| b.is_ascii_digit())).then_some(c)
}

fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// The result of checking a TOTP code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotpCheck {
    /// Right code for time step `step`; record it so it cannot be used again.
    Accepted {
        step: u64,
    },
    /// Right code, but its time step was already used by this authenticator.
    Replayed,
    /// The code is right for a time `offset_seconds` away: the device's clock is wrong.
    ClockSkew {
        offset_seconds: i64,
    },
    Wrong,
    /// Not checked: the account has had as many consecutive wrong codes as the lockout allows
    /// (`twofactor::verify` only; an administrator or the unlock time lifts it).
    Refused,
}

/// Checks `code` at `now` against a TOTP secret. `last_step` is the last time step this
/// authenticator accepted (a step at or before it is a replay).
pub fn verify_totp(secret: &[u8], params: &OtpParams, code: &str, now: u64, last_step: Option<u64>) -> TotpCheck {
    let Some(code) = normalise_code(code, params.digits) else { return TotpCheck::Wrong };
    let t = engine(secret, params.algorithm, params.digits, params.period);
    let current = (now / params.period) as i64;
    let far = CLOCK_DIAGNOSIS_SECONDS / params.period as i64;
    // Nearest steps first, so the diagnosis names the smallest offset. Every candidate in the
    // accepted window is computed (no early exit) to keep timing independent of which matched.
    let mut accepted = None;
    for d in -ACCEPTED_DRIFT_STEPS..=ACCEPTED_DRIFT_STEPS {
        let step = current + d;
        if step >= 0 && same(&t.generate(step as u64 * params.period).to_string(), &code) && accepted.is_none() {
            accepted = Some(step as u64);
        }
    }
    if let Some(step) = accepted {
        return if last_step.is_some_and(|last| step <= last) {
            TotpCheck::Replayed
        } else {
            TotpCheck::Accepted { step }
        };
    }
    for distance in (ACCEPTED_DRIFT_STEPS + 1)..=far {
        for d in [-distance, distance] {
            let step = current + d;
            if step >= 0 && same(&t.generate(step as u64 * params.period).to_string(), &code) {
                return TotpCheck::ClockSkew { offset_seconds: d * params.period as i64 };
            }
        }
    }
    TotpCheck::Wrong
}

/// Checks an HOTP code against counters `counter ..= counter + look_ahead`; returns the counter
/// to store next (one past the match).
pub fn verify_hotp(
    secret: &[u8],
    algorithm: OtpAlgorithm,
    digits: u8,
    code: &str,
    counter: u64,
    look_ahead: u64,
) -> Option<u64> {
    let code = normalise_code(code, digits)?;
    let t = engine(secret, algorithm, digits, 1);
    (counter..=counter.saturating_add(look_ahead))
        .find(|c| same(&t.generate(*c).to_string(), &code))
        .and_then(|c| c.checked_add(1))
}

/// Resynchronises an HOTP token that drifted beyond the look-ahead window (RFC 4226 §7.4): two
/// consecutive codes must match consecutive counters within `window`.
pub fn resync_hotp(
    secret: &[u8],
    algorithm: OtpAlgorithm,
    digits: u8,
    first: &str,
    second: &str,
    counter: u64,
    window: u64,
) -> Option<u64> {
    let (first, second) = (normalise_code(first, digits)?, normalise_code(second, digits)?);
    let t = engine(secret, algorithm, digits, 1);
    (counter..=counter.saturating_add(window))
        .find(|&c| {
            same(&t.generate(c).to_string(), &first)
                && c.checked_add(1).is_some_and(|next| same(&t.generate(next).to_string(), &second))
        })
        .and_then(|c| c.checked_add(2))
}

/// A fresh 160-bit secret from the given CSPRNG.
pub fn generate_secret(rng: &mut (impl rand::RngCore + rand::CryptoRng + ?Sized)) -> Zeroizing<Vec<u8>> {
    let mut s = Zeroizing::new(vec![0u8; SECRET_BYTES]);
    rng.fill_bytes(&mut s);
    s
}

/// Base32 (RFC 4648, no padding) as authenticator apps expect.
pub fn to_base32(secret: &[u8]) -> Zeroizing<String> {
    Zeroizing::new(Secret::from(secret).to_base32())
}

/// The secret in groups of four for reading and typing: `JBSW Y3DP EHPK 3PXP`.
pub fn grouped_base32(secret: &[u8]) -> Zeroizing<String> {
    let b = to_base32(secret);
    let mut out = Zeroizing::new(String::with_capacity(b.len() + b.len() / 4));
    for (i, c) in b.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Parses a base32 secret typed by a person (spaces, dashes and case ignored; padding optional).
/// At least 80 bits (RFC 4226 §4 requires 128 for new secrets, but hardware tokens of 80 exist).
pub fn parse_base32(text: &str) -> Result<Zeroizing<Vec<u8>>, Error> {
    let cleaned: Zeroizing<String> = Zeroizing::new(
        text.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect(),
    );
    let trimmed = cleaned.trim_end_matches('=');
    let secret =
        Secret::try_from_base32(trimmed).map_err(|_| Error::invalid("secret", Text::new("secret-not-base32")))?;
    let bytes = Zeroizing::new(secret.as_ref().to_vec());
    if bytes.len() < 10 {
        return Err(Error::invalid("secret", Text::new("secret-base32-too-short").num("count", 16).num("bits", 80)));
    }
    if bytes.len() > 128 {
        return Err(Error::invalid("secret", Text::new("secret-too-long").num("bytes", 128)));
    }
    Ok(bytes)
}

/// Parses a hexadecimal secret (token files).
pub fn parse_hex(text: &str) -> Result<Zeroizing<Vec<u8>>, Error> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !t.len().is_multiple_of(2) || t.is_empty() || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::invalid("secret", Text::new("secret-not-hex")));
    }
    if !(20..=256).contains(&t.len()) {
        return Err(Error::invalid("secret", Text::new("secret-hex-length").num("min", 20).num("max", 256)));
    }
    let bytes = (0..t.len()).step_by(2).map(|i| u8::from_str_radix(&t[i..i + 2], 16).expect("checked hex")).collect();
    Ok(Zeroizing::new(bytes))
}

/// The Key URI Format: `otpauth://totp/ISSUER:LOGIN?secret=…&issuer=…` (plus algorithm, digits and
/// period when they are not the defaults).
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8], params: &OtpParams) -> Result<Zeroizing<String>, Error> {
    let clean = |s: &str| s.replace(':', "");
    let t = Builder::new()
        .with_algorithm(params.algorithm.lib())
        .with_digits(params.digits)
        .with_step_duration(params.period)
        .with_secret(Secret::from(secret))
        .with_issuer(Some(clean(issuer)))
        .with_account_name(clean(account))
        .build_noncompliant();
    t.to_url()
        .map(Zeroizing::new)
        .map_err(|e| Error::invalid("otpauth", Text::new("otpauth-cannot-build").arg("detail", e)))
}

/// The fields of an `otpauth://totp/` URI, parsed back.
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedUri {
    pub issuer: Option<String>,
    pub account: String,
    pub secret: Zeroizing<Vec<u8>>,
    pub params: OtpParams,
}

/// Everything but the secret (`Zeroizing` would print its bytes).
impl std::fmt::Debug for ParsedUri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedUri")
            .field("issuer", &self.issuer)
            .field("account", &self.account)
            .field("secret", &"<secret>")
            .field("params", &self.params)
            .finish()
    }
}

pub fn parse_otpauth_uri(uri: &str) -> Result<ParsedUri, Error> {
    let t = Totp::from_url_unchecked(uri)
        .map_err(|e| Error::invalid("otpauth", Text::new("otpauth-invalid").arg("detail", e)))?;
    let algorithm = match t.algorithm() {
        Algorithm::SHA256 => OtpAlgorithm::Sha256,
        Algorithm::SHA512 => OtpAlgorithm::Sha512,
        _ => OtpAlgorithm::Sha1,
    };
    Ok(ParsedUri {
        issuer: t.issuer().map(str::to_owned),
        account: t.account_name().to_owned(),
        secret: Zeroizing::new(t.secret().as_ref().to_vec()),
        params: OtpParams { algorithm, digits: t.digits(), period: t.step() },
    })
}

/// Module size in pixels and quiet zone: a 160-bit secret's URI is a version 6–8 code (41–49
/// modules), so 8 px per module gives well over the 256 px an authenticator app needs.
const QR_MODULE_PX: u32 = 8;

fn qr(uri: &str) -> Result<QrCode, Error> {
    QrCode::with_error_correction_level(uri.as_bytes(), EcLevel::M)
        .map_err(|e| Error::invalid("otpauth", Text::new("qr-cannot-encode").arg("detail", e)))
}

/// The QR code as an SVG document (at least 256 px wide) for the UI.
pub fn qr_svg(uri: &str) -> Result<String, Error> {
    let code = qr(uri)?;
    Ok(code
        .render::<svg::Color>()
        .min_dimensions(256, 256)
        .module_dimensions(QR_MODULE_PX, QR_MODULE_PX)
        .quiet_zone(true)
        .build())
}

/// The QR code as a greyscale PNG (at least 256 px wide) for printing or `--qr FILE.png`.
pub fn qr_png(uri: &str) -> Result<Vec<u8>, Error> {
    let code = qr(uri)?;
    let width = code.width() as u32;
    let quiet = 4;
    let scale = QR_MODULE_PX.max(256u32.div_ceil(width + 2 * quiet));
    let size = (width + 2 * quiet) * scale;
    let colors = code.to_colors();
    let mut pixels = vec![255u8; (size * size) as usize];
    for y in 0..size {
        for x in 0..size {
            let (mx, my) = ((x / scale) as i64 - quiet as i64, (y / scale) as i64 - quiet as i64);
            let inside = mx >= 0 && my >= 0 && (mx as u32) < width && (my as u32) < width;
            if inside && colors[(my as u32 * width + mx as u32) as usize] == qrcode::Color::Dark {
                pixels[(y * size + x) as usize] = 0;
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, size, size);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(|e| Error::Io(format!("PNG: {e}")))?;
        w.write_image_data(&pixels).map_err(|e| Error::Io(format!("PNG: {e}")))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 Appendix B: the seed is "12345678901234567890" repeated to the hash's length.
    const SEED20: &[u8] = b"12345678901234567890";
    const SEED32: &[u8] = b"12345678901234567890123456789012";
    const SEED64: &[u8] = b"1234567890123456789012345678901234567890123456789012345678901234";

    #[test]
    fn hotp_checks_at_the_top_of_the_counter_find_nothing_rather_than_overflow() {
        let secret = b"12345678901234567890";
        let code = hotp(secret, OtpAlgorithm::Sha1, 6, u64::MAX);
        assert_eq!(verify_hotp(secret, OtpAlgorithm::Sha1, 6, &code, u64::MAX - 5, 10), None);
        assert_eq!(resync_hotp(secret, OtpAlgorithm::Sha1, 6, &code, "000000", u64::MAX - 5, 10), None);
    }

    #[test]
    fn rfc_6238_appendix_b_vectors_pass_for_sha1_sha256_and_sha512() {
        let table: &[(u64, &str, &str, &str)] = &[
            (59, "94287082", "46119246", "90693936"),
            (1111111109, "07081804", "68084774", "25091201"),
            (1111111111, "14050471", "67062674", "99943326"),
            (1234567890, "89005924", "91819424", "93441116"),
            (2000000000, "69279037", "90698825", "38618901"),
            (20000000000, "65353130", "77737706", "47863826"),
        ];
        for (t, sha1, sha256, sha512) in table {
            for (seed, alg, want) in [
                (SEED20, OtpAlgorithm::Sha1, sha1),
                (SEED32, OtpAlgorithm::Sha256, sha256),
                (SEED64, OtpAlgorithm::Sha512, sha512),
            ] {
                let params = OtpParams { algorithm: alg, digits: 8, period: 30 };
                assert_eq!(&totp(seed, &params, *t), want, "{alg:?} at {t}");
                // And through the verifier, at exactly that time.
                assert_eq!(verify_totp(seed, &params, want, *t, None), TotpCheck::Accepted { step: t / 30 });
            }
        }
    }

    #[test]
    fn rfc_4226_appendix_d_vectors_pass() {
        let want = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
        for (counter, code) in want.iter().enumerate() {
            assert_eq!(hotp(SEED20, OtpAlgorithm::Sha1, 6, counter as u64), *code);
        }
        // The verifier finds counter 3 from counter 0 within the look-ahead and moves past it.
        assert_eq!(verify_hotp(SEED20, OtpAlgorithm::Sha1, 6, "969429", 0, 10), Some(4));
        assert_eq!(verify_hotp(SEED20, OtpAlgorithm::Sha1, 6, "969429", 4, 10), None, "a used counter is not reused");
        assert_eq!(verify_hotp(SEED20, OtpAlgorithm::Sha1, 6, "520489", 0, 5), None, "beyond the look-ahead");
        assert_eq!(resync_hotp(SEED20, OtpAlgorithm::Sha1, 6, "399871", "520489", 0, 100), Some(10));
        assert_eq!(resync_hotp(SEED20, OtpAlgorithm::Sha1, 6, "399871", "755224", 0, 100), None);
    }

    #[test]
    fn one_step_of_drift_either_side_is_accepted_and_two_are_refused() {
        let p = OtpParams::default();
        let now = 1_700_000_000;
        for d in [-30i64, 0, 30] {
            let code = totp(SEED20, &p, (now as i64 + d) as u64);
            assert!(matches!(verify_totp(SEED20, &p, &code, now, None), TotpCheck::Accepted { .. }), "drift {d}");
        }
        for d in [-60i64, 60] {
            let code = totp(SEED20, &p, (now as i64 + d) as u64);
            assert_eq!(verify_totp(SEED20, &p, &code, now, None), TotpCheck::ClockSkew { offset_seconds: d });
        }
    }

    #[test]
    fn a_code_from_five_minutes_away_is_diagnosed_as_a_clock_problem_and_further_is_just_wrong() {
        let p = OtpParams::default();
        let now = 1_700_000_000;
        let code = totp(SEED20, &p, now - 300);
        assert_eq!(verify_totp(SEED20, &p, &code, now, None), TotpCheck::ClockSkew { offset_seconds: -300 });
        let code = totp(SEED20, &p, now + 600);
        assert_eq!(verify_totp(SEED20, &p, &code, now, None), TotpCheck::Wrong);
    }

    #[test]
    fn a_time_step_is_usable_once() {
        let p = OtpParams::default();
        let now = 1_700_000_000;
        let code = totp(SEED20, &p, now);
        let TotpCheck::Accepted { step } = verify_totp(SEED20, &p, &code, now, None) else { panic!() };
        assert_eq!(verify_totp(SEED20, &p, &code, now, Some(step)), TotpCheck::Replayed);
        // The previous step's code, still in the window, is older than the used one: refused too.
        let older = totp(SEED20, &p, now - 30);
        assert_eq!(verify_totp(SEED20, &p, &older, now, Some(step)), TotpCheck::Replayed);
        let next = totp(SEED20, &p, now + 30);
        assert!(matches!(verify_totp(SEED20, &p, &next, now + 30, Some(step)), TotpCheck::Accepted { .. }));
    }

    #[test]
    fn malformed_codes_are_wrong_not_errors() {
        let p = OtpParams::default();
        for bad in ["", "12345", "1234567", "12a456", "１２３４５６", "123 45"] {
            assert_eq!(verify_totp(SEED20, &p, bad, 1_700_000_000, None), TotpCheck::Wrong, "{bad:?}");
        }
        assert_eq!(normalise_code(" 123 456 ", 6).as_deref(), Some("123456"));
    }

    #[test]
    fn otpauth_uris_round_trip_field_by_field() {
        let p = OtpParams::default();
        let uri = otpauth_uri("MIMS", "grace_lee@schools.gov.sg", SEED20, &p).unwrap();
        assert!(uri.starts_with("otpauth://totp/MIMS:grace_lee%40schools.gov.sg?secret="), "{}", uri.as_str());
        assert!(uri.contains("issuer=MIMS"));
        let back = parse_otpauth_uri(&uri).unwrap();
        assert_eq!(back.issuer.as_deref(), Some("MIMS"));
        assert_eq!(back.account, "grace_lee@schools.gov.sg");
        assert_eq!(back.secret.as_slice(), SEED20);
        assert_eq!(back.params, p);
        let p2 = OtpParams { algorithm: OtpAlgorithm::Sha256, digits: 8, period: 60 };
        let back = parse_otpauth_uri(&otpauth_uri("Gate house", "x@y.z", SEED32, &p2).unwrap()).unwrap();
        assert_eq!((back.params, back.issuer.as_deref()), (p2, Some("Gate house")));
    }

    #[test]
    fn a_parsed_uri_prints_everything_but_its_secret() {
        let back = parse_otpauth_uri(&otpauth_uri("MIMS", "x@y.z", SEED20, &OtpParams::default()).unwrap()).unwrap();
        let shown = format!("{back:?}");
        assert!(shown.contains("x@y.z") && shown.contains("<secret>"), "{shown}");
        // The bytes as `Vec<u8>`'s Debug would print them ("49, 50, 51, …").
        assert!(!shown.contains("49, 50, 51"), "{shown}");
    }

    #[test]
    fn base32_secrets_parse_with_spaces_dashes_and_lower_case_and_group_in_fours() {
        let grouped = grouped_base32(SEED20);
        assert_eq!(grouped.as_str(), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assert_eq!(parse_base32("gezd-gnbv gy3t qojq gezd gnbv gy3t qojq").unwrap().as_slice(), SEED20);
        assert!(parse_base32("not base32 at all!").is_err());
        assert!(parse_base32("GEZDGNBV").is_err(), "too short");
        assert_eq!(parse_hex("3132333435363738393031323334353637383930").unwrap().as_slice(), SEED20);
        assert!(parse_hex("31323").is_err());
    }

    #[test]
    fn generated_secrets_are_160_bits_and_differ() {
        let mut rng = rand::rngs::OsRng;
        let (a, b) = (generate_secret(&mut rng), generate_secret(&mut rng));
        assert_eq!(a.len(), 20);
        assert_ne!(a.as_slice(), b.as_slice());
    }

    #[test]
    fn qr_codes_are_at_least_256_pixels() {
        let uri = otpauth_uri("MIMS", "grace_lee@schools.gov.sg", SEED20, &OtpParams::default()).unwrap();
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.starts_with("<?xml") && svg.contains("<svg"));
        let png = qr_png(&uri).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let reader = decoder.read_info().unwrap();
        assert!(reader.info().width >= 256 && reader.info().height == reader.info().width);
    }
}
