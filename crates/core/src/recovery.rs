//! Recovery codes for staff (issue 17 §2): ten single-use codes that each stand in for the
//! second factor once — never for the password — so a teacher who lost their phone can still
//! open iCON, reset a forgotten password or sign in to the console.
//!
//! A code is 16 characters of Crockford's base32 (80 bits from the CSPRNG), shown grouped in
//! fours and numbered, once: when the 2FA set-up completes and when the person makes a new set.
//! Only a salted SHA-256 of each is stored (a random 128-bit salt per code: ASVS V2.6.2's
//! rule for look-up secrets under 112 bits); a used code keeps its row with the time it was
//! used, so "N left" and the audit log agree. A wrong code counts towards the lockout like a
//! wrong TOTP code; each use is audited and mailed; a new set cancels the old, and deleting a
//! person's authenticators cancels the set.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::audit::{Event, Outcome};
use crate::engine::Engine;
use crate::error::Error;
use crate::store::{Account, RecoveryCode};
use crate::text::Text;
use crate::twofactor;
use crate::types::AccountId;

/// Codes in a set.
pub const SET_SIZE: u32 = 10;

/// From this many codes left, the person is warned to make a new set.
pub const WARN_AT: usize = 3;

/// Crockford's base32: no I, L, O or U, so nothing reads as something else.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters in a code (5 bits each: 80 bits).
const CODE_CHARS: usize = 16;

/// A code as shown once: its number in the set and the code grouped for reading
/// (`K7QF-2M9X-HB4R-T6WD`). Wiped when dropped.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct ShownCode {
    pub number: u32,
    pub code: String,
}

impl std::fmt::Debug for ShownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShownCode").field("number", &self.number).finish_non_exhaustive()
    }
}

/// The result of a recovery code typed where a second factor is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redeemed {
    /// Accepted and used up: its number and how many of the set are left.
    Accepted { number: u32, left: usize },
    /// Not a code of the set that is left (counted towards the lockout).
    Wrong,
    /// Not checked: the account has had too many wrong codes, or this one locked it.
    Locked,
}

/// Reads a typed code: any case, with or without the dashes and spaces it is shown with, and
/// the letters Crockford's base32 reads as digits (O as 0, I and L as 1). `None` when it cannot
/// be a code (the wrong length or a character outside the alphabet).
pub fn normalise(typed: &str) -> Option<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(CODE_CHARS));
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\u{2010}'..='\u{2015}' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
            _ => return None,
        };
        out.push(c);
    }
    (out.len() == CODE_CHARS).then_some(out)
}

/// The stored form of a code: SHA-256 over a label, the salt and the normalised code.
fn digest(salt: &[u8], normalised: &str) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(b"gatehouse recovery code v1\0");
    h.update(salt);
    h.update(normalised.as_bytes());
    h.finalize().to_vec()
}

/// Shows a normalised code in groups of four.
fn grouped(normalised: &str) -> String {
    let mut out = String::with_capacity(CODE_CHARS + CODE_CHARS / 4);
    for (i, c) in normalised.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(c);
    }
    out
}

/// Makes a new set for the account (cancelling the old one), stores only the salted hashes,
/// audits it and tells the person by mail. Returns the codes to show, once.
pub fn issue(engine: &Engine, account: &Account, actor: &str) -> Result<Vec<ShownCode>, Error> {
    let now = engine.now();
    let mut shown = Vec::with_capacity(SET_SIZE as usize);
    let mut stored = Vec::with_capacity(SET_SIZE as usize);
    for number in 1..=SET_SIZE {
        let (code, salt) = engine.with_rng(|rng| {
            let code: Zeroizing<String> = (0..CODE_CHARS)
                .map(|_| char::from(ALPHABET[(rng.next_u32() % 32) as usize]))
                .collect::<String>()
                .into();
            let mut salt = vec![0u8; 16];
            rng.fill_bytes(&mut salt);
            (code, salt)
        });
        stored.push(RecoveryCode { number, hash: digest(&salt, &code), salt, created_at: now, used_at: None });
        shown.push(ShownCode { number, code: grouped(&code) });
    }
    let login = account.login.as_str();
    let had = left(engine, account.id)?;
    let detail = format!("{SET_SIZE} codes; {had} unused codes of the previous set cancelled");
    let rec = engine.record(actor, login, Event::RecoveryCodesIssued, Outcome::Ok, detail);
    engine.store().replace_recovery_codes(account.id, &stored, rec)?;
    twofactor::notify(engine, account, Text::new("recovery-codes-issued-notice").num("count", SET_SIZE));
    Ok(shown)
}

/// How many of the account's recovery codes are left (0 without a set).
pub fn left(engine: &Engine, account: AccountId) -> Result<usize, Error> {
    Ok(engine.store().recovery_codes(account)?.iter().filter(|c| c.used_at.is_none()).count())
}

/// Checks a typed recovery code against the account's unused codes (each one, in constant
/// time) and uses up the one it is. A wrong code is audited and counts towards the lockout.
pub fn redeem(engine: &Engine, account: &Account, typed: &str) -> Result<Redeemed, Error> {
    let login = account.login.as_str();
    let Some(taken) = twofactor::take_code_try(engine, account)? else {
        let rec =
            engine.record(login, login, Event::RecoveryCodeUsed, Outcome::Refused, "not checked: too many wrong codes");
        engine.store().append_audit(&rec)?;
        return Ok(Redeemed::Locked);
    };
    let codes = engine.store().recovery_codes(account.id)?;
    let typed = normalise(typed);
    let mut found = None;
    for c in codes.iter().filter(|c| c.used_at.is_none()) {
        let candidate = digest(&c.salt, typed.as_deref().map_or("", String::as_str));
        if bool::from(candidate.ct_eq(&c.hash)) && typed.is_some() {
            found = Some((c.number, &c.hash));
        }
    }
    let unused = codes.iter().filter(|c| c.used_at.is_none()).count();
    if let Some((number, hash)) = found {
        let left = unused - 1;
        let detail = format!("recovery code #{number}; {left} left");
        let rec = engine.record(login, login, Event::RecoveryCodeUsed, Outcome::Ok, detail);
        if engine.store().use_recovery_code(account.id, number, hash, engine.now(), rec)? {
            taken.give_back();
            let notice = Text::new("recovery-code-used-notice").num("number", number).num("left", left);
            twofactor::notify(engine, account, notice);
            return Ok(Redeemed::Accepted { number, left });
        }
    }
    let detail = match (found, &typed) {
        (Some((number, _)), _) => format!("recovery code #{number} used by another sign-in a moment ago"),
        (None, Some(_)) => "wrong recovery code".to_owned(),
        (None, None) => "not a recovery code (wrong length or characters)".to_owned(),
    };
    if taken.wrong(account, Event::RecoveryCodeUsed, detail)? {
        Ok(Redeemed::Locked)
    } else {
        Ok(Redeemed::Wrong)
    }
}

/// What the person is told after a code was accepted: which one, and how many are left (with
/// the advice to make a new set from [`WARN_AT`] left).
pub fn accepted_notice(number: u32, left: usize) -> Text {
    let id = if left <= WARN_AT { "recovery-code-accepted-low" } else { "recovery-code-accepted" };
    Text::new(id).num("number", number).num("left", left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_in_any_case_with_or_without_its_dashes() {
        let n = normalise("k7qf-2m9x hb4r-t6wd").unwrap();
        assert_eq!(n.as_str(), "K7QF2M9XHB4RT6WD");
        assert_eq!(grouped(&n), "K7QF-2M9X-HB4R-T6WD");
    }

    #[test]
    fn letters_that_read_as_digits_are_taken_as_those_digits() {
        assert_eq!(normalise("O0IL-1111-2222-3333").unwrap().as_str(), "0011111122223333");
    }

    #[test]
    fn text_that_cannot_be_a_code_is_no_code() {
        for bad in
            ["", "123456", "K7QF-2M9X-HB4R-T6W", "K7QF-2M9X-HB4R-T6WDX", "K7QF-2M9X-HB4R-T6WU", "K7QF-2M9X-HB4R-T6W€"]
        {
            assert!(normalise(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn the_digest_depends_on_the_salt_and_the_code() {
        let a = digest(b"salt-1", "K7QF2M9XHB4RT6WD");
        assert_eq!(a.len(), 32);
        assert_ne!(a, digest(b"salt-2", "K7QF2M9XHB4RT6WD"));
        assert_ne!(a, digest(b"salt-1", "K7QF2M9XHB4RT6WE"));
    }
}
