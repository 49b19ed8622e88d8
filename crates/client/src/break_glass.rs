//! A thin kiosk's break-glass code (issue 14 §3). On a kiosk that is a client of the server,
//! closing the window would need an administrator's sign-in on the server's console; when that
//! is not at hand, the administrator types this kiosk's own code instead. It is made at
//! registration (`gatehouse-cli device register --kiosk`), shown once, and only its Argon2id
//! hash is kept, in `<data dir>/break-glass.phc` (owner-only). Five wrong codes close the door
//! for five minutes.

use std::path::Path;
use std::time::{Duration, Instant};

use gatehouse_core::hashing::{self, PasswordHashString};
use rand::Rng;
use zeroize::Zeroizing;

use crate::device::{refuse_shared, write_private};
use crate::error::Error;

/// The hash's file in the data directory.
pub const FILE_NAME: &str = "break-glass.phc";
/// Wrong codes accepted before the kiosk stops checking for [`LOCKOUT`].
pub const MAX_WRONG: u32 = 5;
pub const LOCKOUT: Duration = Duration::from_secs(5 * 60);

/// Characters that cannot be mistaken for one another when written down and typed again (no
/// 0/O, 1/I/L, U/V, 5/S or 2/Z pairs).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRTWXY346789";
const LENGTH: usize = 12;

/// A new code: 12 characters (about 56 bits) in groups of four, such as `HK7R-WQ3M-9TXA`.
pub fn generate() -> Zeroizing<String> {
    let mut rng = rand::rngs::OsRng;
    let mut code = Zeroizing::new(String::with_capacity(LENGTH + LENGTH / 4));
    for i in 0..LENGTH {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(ALPHABET[rng.gen_range(0..ALPHABET.len())] as char);
    }
    code
}

/// The code as it is hashed: upper case, without the spaces and dashes people type between groups.
fn normalise(code: &str) -> Zeroizing<String> {
    Zeroizing::new(code.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect())
}

/// Hashes `code` and keeps the hash in `data_dir` (replacing an earlier one).
pub fn store(data_dir: &Path, code: &str) -> Result<(), Error> {
    let hash = hashing::hash(normalise(code).as_bytes())?;
    write_private(&data_dir.join(FILE_NAME), format!("{}\n", hash.as_str()).as_bytes())
}

/// The kiosk's break-glass check, if `data_dir` has a code; it counts wrong codes.
pub fn load(data_dir: &Path) -> Result<Option<BreakGlass>, Error> {
    let path = data_dir.join(FILE_NAME);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(gatehouse_core::Error::Config(format!("cannot read {}: {e}", path.display())).into()),
    };
    refuse_shared(&path)?;
    let hash = PasswordHashString::parse(&text)
        .map_err(|e| gatehouse_core::Error::Config(format!("{}: {e}", path.display())))?;
    Ok(Some(BreakGlass { hash, wrong: 0, locked_until: None }))
}

/// Why a code did not close the kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not the code; `left` more wrong codes before the lockout.
    Wrong { left: u32 },
    /// Too many wrong codes: nothing is checked until `seconds` have passed.
    Locked { seconds: u64 },
}

/// The stored hash and the count of wrong codes (in memory: restarting the kiosk app needs the
/// OS, which is as good as the code).
pub struct BreakGlass {
    hash: PasswordHashString,
    wrong: u32,
    locked_until: Option<Instant>,
}

impl BreakGlass {
    /// Checks `code` at `now` (Argon2id, compared in constant time). During a lockout no code is
    /// checked, the right one included.
    pub fn check(&mut self, code: &str, now: Instant) -> Result<Result<(), Refusal>, Error> {
        if let Some(until) = self.locked_until {
            if now < until {
                return Ok(Err(Refusal::Locked { seconds: (until - now).as_secs().max(1) }));
            }
            self.locked_until = None;
            self.wrong = 0;
        }
        if hashing::verify(normalise(code).as_bytes(), &self.hash)? {
            self.wrong = 0;
            return Ok(Ok(()));
        }
        self.wrong += 1;
        if self.wrong >= MAX_WRONG {
            self.locked_until = Some(now + LOCKOUT);
            return Ok(Err(Refusal::Locked { seconds: LOCKOUT.as_secs() }));
        }
        Ok(Err(Refusal::Wrong { left: MAX_WRONG - self.wrong }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_twelve_unambiguous_characters_in_three_groups() {
        let a = generate();
        assert_eq!(a.len(), 14, "{}", a.as_str());
        let groups: Vec<&str> = a.split('-').collect();
        assert_eq!(groups.iter().map(|g| g.len()).collect::<Vec<_>>(), [4, 4, 4]);
        assert!(a.bytes().all(|b| b == b'-' || ALPHABET.contains(&b)));
        assert_ne!(generate(), a, "random");
    }

    #[test]
    fn only_the_hash_is_stored_owner_only_and_the_code_is_accepted_as_people_type_it() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).unwrap().is_none());
        store(dir.path(), "HK7R-WQ3M-9TXA").unwrap();
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(text.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{text}");
        assert!(!text.contains("HK7R") && !text.contains("WQ3M"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(FILE_NAME)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let mut glass = load(dir.path()).unwrap().unwrap();
        assert_eq!(glass.check("hk7r wq3m 9txa", Instant::now()).unwrap(), Ok(()));
        assert_eq!(glass.check("HK7RWQ3M9TXA", Instant::now()).unwrap(), Ok(()));
    }

    #[test]
    fn five_wrong_codes_lock_the_kiosk_for_five_minutes_even_for_the_right_code() {
        let dir = tempfile::tempdir().unwrap();
        store(dir.path(), "HK7R-WQ3M-9TXA").unwrap();
        let mut glass = load(dir.path()).unwrap().unwrap();
        let t0 = Instant::now();
        for left in (1..MAX_WRONG).rev() {
            assert_eq!(glass.check("HK7R-WQ3M-9TXB", t0).unwrap(), Err(Refusal::Wrong { left }));
        }
        assert_eq!(glass.check("HK7R-WQ3M-9TXB", t0).unwrap(), Err(Refusal::Locked { seconds: 300 }));
        let later = t0 + Duration::from_secs(299);
        assert_eq!(glass.check("HK7R-WQ3M-9TXA", later).unwrap(), Err(Refusal::Locked { seconds: 1 }));
        assert_eq!(glass.check("HK7R-WQ3M-9TXA", t0 + LOCKOUT).unwrap(), Ok(()), "open again after five minutes");
    }

    #[test]
    fn a_right_code_clears_the_count_of_wrong_ones() {
        let dir = tempfile::tempdir().unwrap();
        store(dir.path(), "HK7R-WQ3M-9TXA").unwrap();
        let mut glass = load(dir.path()).unwrap().unwrap();
        let now = Instant::now();
        for _ in 0..MAX_WRONG - 1 {
            assert!(glass.check("nope", now).unwrap().is_err());
        }
        assert_eq!(glass.check("HK7R-WQ3M-9TXA", now).unwrap(), Ok(()));
        assert_eq!(glass.check("nope", now).unwrap(), Err(Refusal::Wrong { left: MAX_WRONG - 1 }));
    }

    #[test]
    fn a_damaged_or_shared_break_glass_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "plain text\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let e = load(dir.path()).err().unwrap();
        assert!(e.to_string().contains(FILE_NAME), "{e}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(load(dir.path()).err().unwrap().to_string().contains("chmod 600"));
        }
    }
}
