//! Registered machines (issue 14 §2): every kiosk and laptop that talks to a school's server is
//! registered. The server's operator issues a one-time **enrolment code** (or one good for N
//! machines, for a scripted roll-out); a machine exchanges it for a **credential** of its own,
//! which it keeps in its OS keyring and sends with every request. The audit log names the device
//! as the machine; a revoked device is refused at its next request.
//!
//! Both secrets are long and random (80 and 256 bits), so the store keeps SHA-256 of each, not a
//! slow hash: the server finds a device in one indexed lookup per request, and a copy of the
//! database opens nothing.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::Rng;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::admin::Admin;
use crate::audit::{Event, Outcome};
use crate::clock::{rfc3339, Timestamp};
use crate::engine::Engine;
use crate::error::Error;
use crate::store::{Device, NewDevice, NewEnrolmentCode, SecretHash};
use crate::text::Text;
use crate::types::SecretString;

/// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in an enrolment code (16 × 5 = 80 random bits), shown in groups of four.
const CODE_LENGTH: usize = 16;
/// Most machines one code may register, and its longest life.
pub const MAX_CODE_USES: u32 = 10_000;
pub const MAX_CODE_HOURS: u32 = 24 * 30;
/// Longest device name (it becomes the audit log's machine).
const MAX_NAME: usize = 64;

/// A newly issued enrolment code: shown once to the operator, stored only hashed.
#[derive(Debug)]
pub struct IssuedCode {
    /// `XXXX-XXXX-XXXX-XXXX`.
    pub code: SecretString,
    pub uses: u32,
    pub expires_at: Timestamp,
    pub kiosk: bool,
}

/// A device's credential: 256 random bits, base64url. Wiped from memory when dropped.
pub struct DeviceCredential(Zeroizing<String>);

impl std::fmt::Debug for DeviceCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceCredential(…)")
    }
}

impl DeviceCredential {
    fn generate(engine: &Engine) -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        engine.with_rng(|rng| rng.fill_bytes(bytes.as_mut()));
        Self(Zeroizing::new(URL_SAFE_NO_PAD.encode(bytes.as_ref())))
    }

    /// The credential, to hand to the machine once.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

/// What the store keys a device by: SHA-256 of its credential, in a domain of its own.
pub fn credential_hash(credential: &str) -> SecretHash {
    let mut h = Sha256::new();
    h.update(b"gatehouse device credential\0");
    h.update(credential.as_bytes());
    h.finalize().into()
}

/// An enrolment code as typed, in its canonical form: dashes and spaces dropped, upper case, the
/// letters people confuse with digits read as those digits. `None`: not a code's shape.
fn canonical_code(typed: &str) -> Option<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(CODE_LENGTH));
    for c in typed.chars().filter(|c| *c != '-' && !c.is_whitespace()) {
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) || out.len() == CODE_LENGTH {
            return None;
        }
        out.push(c);
    }
    (out.len() == CODE_LENGTH).then_some(out)
}

fn code_hash(canonical: &str) -> SecretHash {
    let mut h = Sha256::new();
    h.update(b"gatehouse enrolment code\0");
    h.update(canonical.as_bytes());
    h.finalize().into()
}

/// A device name: 1–64 letters, digits, `.`, `-` and `_`, starting with a letter or digit
/// (`lab1-kiosk07`). It is the audit log's machine, so nothing else is allowed in it.
pub fn validate_name(name: &str) -> Result<&str, Error> {
    let name = name.trim();
    let fits = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    let starts_well = name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if name.len() > MAX_NAME || !starts_well || !name.chars().all(fits) {
        return Err(Error::invalid("name", Text::new("device-name-invalid").num("max", MAX_NAME)));
    }
    Ok(name)
}

/// What a request's device credential turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceCheck {
    Registered(Device),
    /// It was registered, and its registration was withdrawn.
    Revoked(Device),
    /// No device holds it (never issued, forged, or from another school's server).
    Unknown,
}

/// Looks up the device that holds `credential` (one indexed read).
pub fn check(engine: &Engine, credential: &str) -> Result<DeviceCheck, Error> {
    Ok(match engine.store().device_by_credential(&credential_hash(credential))? {
        None => DeviceCheck::Unknown,
        Some(d) if d.revoked_at.is_some() => DeviceCheck::Revoked(d),
        Some(d) => DeviceCheck::Registered(d),
    })
}

/// Registers the machine `name` with an enrolment code: spends one use and returns the new
/// device and its credential. A code that is wrong, used up or expired is refused
/// (`enrolment-code-invalid`, audited; the caller cannot tell which, nor can a guesser); a name
/// taken is refused (`device-name-taken`) without spending the code.
pub fn enrol(engine: &Engine, code: &str, name: &str, kiosk: bool) -> Result<(Device, DeviceCredential), Error> {
    let name = validate_name(name)?;
    let refuse = |detail: &str| -> Error {
        let rec = engine.record("device", name, Event::DeviceRegistered, Outcome::Refused, detail);
        match engine.store().append_audit(&rec) {
            Ok(()) => Error::Refused(Text::new("enrolment-code-invalid")),
            Err(e) => e,
        }
    };
    let Some(canonical) = canonical_code(code) else {
        return Err(refuse("not an enrolment code"));
    };
    let credential = DeviceCredential::generate(engine);
    let new = NewDevice {
        code_hash: &code_hash(&canonical),
        name,
        kiosk,
        credential_hash: &credential_hash(credential.reveal()),
    };
    let what = if kiosk { "kiosk" } else { "machine" };
    let rec = engine.record("device", name, Event::DeviceRegistered, Outcome::Ok, format!("registered as a {what}"));
    match engine.store().enrol_device(&new, engine.now(), &rec) {
        Ok(Some(device)) => Ok((device, credential)),
        Ok(None) => Err(refuse(if kiosk {
            "unknown, used up or expired enrolment code, or one not for kiosks"
        } else {
            "unknown, used up or expired enrolment code, or one for kiosks"
        })),
        Err(Error::Conflict(_)) => Err(Error::Refused(Text::new("device-name-taken").arg("name", name))),
        Err(e) => Err(e),
    }
}

impl Admin {
    /// Devices are the server's business: the operator (the command line on the server) manages
    /// them, not a console administrator scoped to a location.
    fn operator_only(&self, event: Event, what: &str) -> Result<(), Error> {
        if self.identity().is_none() {
            return Ok(());
        }
        let rule = Text::new("devices-operator-only");
        let rec =
            self.engine().record(self.actor(), what, event, Outcome::Refused, format!("refused: {}", rule.english()));
        self.engine().store().append_audit(&rec)?;
        Err(Error::Refused(rule))
    }

    /// A new enrolment code good for `uses` machines within `valid_hours` (audited; the code is
    /// shown only here).
    /// An enrolment code for `uses` machines over `valid_hours`: kiosks (`kiosk`), or other
    /// machines — the code decides what registers with it, not the machine.
    pub fn issue_enrolment_code(&self, uses: u32, valid_hours: u32, kiosk: bool) -> Result<IssuedCode, Error> {
        self.operator_only(Event::DeviceCodeIssued, "enrolment code")?;
        if !(1..=MAX_CODE_USES).contains(&uses) {
            return Err(Error::invalid("uses", Text::new("enrolment-uses-invalid").num("max", MAX_CODE_USES)));
        }
        if !(1..=MAX_CODE_HOURS).contains(&valid_hours) {
            return Err(Error::invalid("hours", Text::new("enrolment-hours-invalid").num("max", MAX_CODE_HOURS)));
        }
        let e = self.engine();
        let canonical: Zeroizing<String> = Zeroizing::new(e.with_rng(|rng| {
            (0..CODE_LENGTH).map(|_| CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())] as char).collect()
        }));
        let now = e.now();
        let expires_at = now + i64::from(valid_hours) * 3600;
        let code = NewEnrolmentCode {
            code_hash: code_hash(&canonical),
            uses,
            expires_at,
            created_by: self.actor().to_owned(),
            kiosk,
        };
        let what = if kiosk { "kiosk(s)" } else { "machine(s) other than kiosks" };
        let detail = format!("for {uses} {what}, valid until {}", rfc3339(expires_at));
        let rec = e.record(self.actor(), "enrolment code", Event::DeviceCodeIssued, Outcome::Ok, detail);
        e.store().add_enrolment_code(&code, now, &rec)?;
        let grouped: Vec<&str> = (0..CODE_LENGTH).step_by(4).map(|i| &canonical[i..i + 4]).collect();
        Ok(IssuedCode { code: SecretString::new(grouped.join("-")), uses, expires_at, kiosk })
    }

    /// Every registered device, by name.
    pub fn devices(&self) -> Result<Vec<Device>, Error> {
        self.operator_only(Event::DeviceRegistered, "devices")?;
        self.engine().store().list_devices()
    }

    /// Withdraws a device's registration: its next request is refused (audited).
    pub fn revoke_device(&self, name: &str) -> Result<Device, Error> {
        self.operator_only(Event::DeviceRevoked, name.trim())?;
        let e = self.engine();
        let rec = e.record(self.actor(), name.trim(), Event::DeviceRevoked, Outcome::Ok, "");
        e.store()
            .revoke_device(name.trim(), e.now(), &rec)?
            .ok_or_else(|| Error::Refused(Text::new("device-not-found").arg("name", name.trim())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_back_whatever_the_case_dashes_and_confusable_letters() {
        let canonical = canonical_code("abcd-efgh-jkmn-p0i1").unwrap();
        assert_eq!(canonical.as_str(), "ABCDEFGHJKMNP011");
        assert_eq!(canonical_code("ABCD EFGH JKMN PO1L").unwrap().as_str(), "ABCDEFGHJKMNP011");
    }

    #[test]
    fn a_code_of_the_wrong_length_or_with_other_letters_is_not_a_code() {
        for bad in ["", "ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN-P011-2", "ABCD-EFGH-JKMN-PU11", "ÀBCD-EFGH-JKMN-P011"] {
            assert!(canonical_code(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn device_names_are_short_plain_words_that_fit_an_audit_line() {
        assert_eq!(validate_name(" lab1-kiosk07 ").unwrap(), "lab1-kiosk07");
        assert!(validate_name("staff.pc_3").is_ok());
        for bad in ["", "-lab", "lab 1", "lab\n1", "läb", &"x".repeat(65)] {
            assert!(validate_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_credential_and_the_code_hash_in_domains_of_their_own() {
        assert_ne!(credential_hash("ABCDEFGHJKMNP011"), code_hash("ABCDEFGHJKMNP011"));
    }
}
