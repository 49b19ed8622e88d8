//! Argon2id hashing of passwords and normalised challenge answers (DESIGN §3: m=19456 KiB, t=2,
//! p=1, PHC strings). A process runs at most one hash per core at once, in the order they were
//! asked for, each with one of at most that many 19 MiB memory blocks handed from one hash to
//! the next, so a sign-in pays for the hash and not for page faults ([`Gate`]). Every call
//! blocks for about 14 ms (longer while other hashes wait their turn): call it from a blocking
//! thread (see [`crate::blocking`]), never on an async executor.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};
use std::thread::Thread;

use argon2::{Algorithm, Argon2, Block, Params, PasswordHash, Version};
use password_hash::{Output, SaltString};
use rand::rngs::OsRng;
use rand::RngCore;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::error::Error;

/// Memory cost in KiB (OWASP's Argon2id minimum).
pub const M_COST: u32 = 19_456;
pub const T_COST: u32 = 2;
pub const P_COST: u32 = 1;
const OUTPUT_LEN: usize = 32;
const SALT_LEN: usize = 16;

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). Not secret by itself, but never
/// printed: a hash in a log is an offline guessing target.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHashString(String);

impl PasswordHashString {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn from_stored(s: String) -> Self {
        Self(s)
    }

    /// A PHC string read from outside the account store (a thin kiosk's break-glass file):
    /// refused unless it is an Argon2id hash with a salt and an output.
    pub fn parse(s: &str) -> Result<Self, Error> {
        let bad = |m: String| Error::Config(format!("not an Argon2id PHC string: {m}"));
        let parsed = PasswordHash::new(s.trim()).map_err(|e| bad(e.to_string()))?;
        if parsed.algorithm != argon2::ARGON2ID_IDENT || parsed.salt.is_none() || parsed.hash.is_none() {
            return Err(bad(format!("algorithm {}", parsed.algorithm)));
        }
        Ok(Self(s.trim().to_owned()))
    }
}

impl std::fmt::Debug for PasswordHashString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHashString(***)")
    }
}

/// A hash of a random secret nobody knows, with the standard parameters: unknown login IDs are
/// verified against it so they cost exactly one hash, like a real account (DESIGN §3).
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$3j7hhoGhtiBHh/CtWgvhTA$s9e+nqmyXJtgEXpEhuwaBDwwUTYzfDe/vfn7X5mBH9I";

fn params() -> Params {
    Params::new(M_COST, T_COST, P_COST, Some(OUTPUT_LEN)).expect("static Argon2 parameters are valid")
}

/// Admits Argon2id computations one per core at most, first come first served, and lends each
/// a memory block. Without it a server with 64 sign-ins under way time-sliced 64 hashes on 2
/// cores (every one finishing about 32 hashes later) with 64 blocks resident, and a load it
/// could not keep up with piled up hundreds of each (9.8 GiB in the server benchmark); with it a
/// hash waits for its turn at no cost, the earliest finish first, and the blocks stay as many as
/// the cores.
struct Gate {
    permits: usize,
    queue: Mutex<Queue>,
}

struct Queue {
    /// The ticket the next caller takes, and the one admitted next.
    next_ticket: u64,
    serving: u64,
    running: usize,
    /// Callers waiting, in ticket order (the front holds ticket `serving`).
    waiting: VecDeque<Thread>,
    /// Memory blocks not in use.
    blocks: Vec<Vec<Block>>,
}

/// One admitted computation: its memory block, given back (and the next caller woken) on drop,
/// also when the hash fails or panics.
struct Turn<'a> {
    gate: &'a Gate,
    block: Vec<Block>,
}

static GATE: LazyLock<Gate> = LazyLock::new(|| Gate::new(std::thread::available_parallelism().map_or(1, |n| n.get())));

impl Gate {
    fn new(permits: usize) -> Self {
        let queue = Queue { next_ticket: 0, serving: 0, running: 0, waiting: VecDeque::new(), blocks: Vec::new() };
        Self { permits: permits.max(1), queue: Mutex::new(queue) }
    }

    fn lock(&self) -> MutexGuard<'_, Queue> {
        // The queue stays consistent whatever a panicking holder did: every change is one step.
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until every earlier caller has been admitted and a core is free.
    fn enter(&self) -> Turn<'_> {
        let mut q = self.lock();
        let ticket = q.next_ticket;
        q.next_ticket += 1;
        if q.serving != ticket || q.running >= self.permits {
            q.waiting.push_back(std::thread::current());
            while q.serving != ticket || q.running >= self.permits {
                drop(q);
                // Woken by the caller ahead or by a finished hash; a spurious wake just looks again.
                std::thread::park();
                q = self.lock();
            }
            q.waiting.pop_front();
        }
        q.serving += 1;
        q.running += 1;
        let block = q.blocks.pop().unwrap_or_default();
        if q.running < self.permits {
            if let Some(next) = q.waiting.front() {
                next.unpark();
            }
        }
        Turn { gate: self, block }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut q = self.gate.lock();
        q.running -= 1;
        q.blocks.push(std::mem::take(&mut self.block));
        if let Some(next) = q.waiting.front() {
            next.unpark();
        }
    }
}

/// Runs Argon2id when the [`Gate`] admits it, with the memory block it lends.
fn argon2_raw(params: Params, secret: &[u8], salt: &[u8], out: &mut [u8]) -> Result<(), Error> {
    let blocks = params.block_count();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut turn = GATE.enter();
    let m = &mut turn.block;
    if m.len() != blocks {
        m.clear();
        m.resize(blocks, Block::default());
    }
    argon.hash_password_into_with_memory(secret, salt, out, &mut m[..]).map_err(|e| Error::Hashing(e.to_string()))
}

/// Hashes `secret` with a fresh salt from the OS CSPRNG.
pub fn hash(secret: &[u8]) -> Result<PasswordHashString, Error> {
    let mut salt = [0u8; SALT_LEN];
    OsRng.fill_bytes(&mut salt);
    hash_with_salt(secret, &salt)
}

/// Hashes with a given salt (tests and benchmarks use fixed salts to be repeatable).
pub fn hash_with_salt(secret: &[u8], salt: &[u8]) -> Result<PasswordHashString, Error> {
    let mut out = [0u8; OUTPUT_LEN];
    argon2_raw(params(), secret, salt, &mut out)?;
    let salt = SaltString::encode_b64(salt).map_err(|e| Error::Hashing(e.to_string()))?;
    let output = Output::new(&out).map_err(|e| Error::Hashing(e.to_string()))?;
    out.zeroize();
    Ok(PasswordHashString(format!("$argon2id$v=19$m={M_COST},t={T_COST},p={P_COST}${}${output}", salt.as_str())))
}

static VERIFICATIONS: AtomicU64 = AtomicU64::new(0);

/// How many Argon2id verifications this process has run, real and dummy alike (the brute-force
/// proof counts them to show that a locked account or an unknown ID costs the same work as an
/// open account).
pub fn verifications() -> u64 {
    VERIFICATIONS.load(Ordering::Relaxed)
}

/// Checks `secret` against a stored PHC string in constant time. A malformed stored hash is a
/// storage error (the account cannot be used until an administrator resets it), not a mismatch.
pub fn verify(secret: &[u8], stored: &PasswordHashString) -> Result<bool, Error> {
    VERIFICATIONS.fetch_add(1, Ordering::Relaxed);
    let parsed = PasswordHash::new(stored.as_str())
        .map_err(|e| Error::Storage(format!("stored password hash is malformed: {e}")))?;
    if parsed.algorithm != argon2::ARGON2ID_IDENT {
        return Err(Error::Storage(format!("stored hash uses {}, expected argon2id", parsed.algorithm)));
    }
    let p = Params::try_from(&parsed).map_err(|e| Error::Storage(format!("stored hash parameters: {e}")))?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err(Error::Storage("stored hash has no salt or output".into()));
    };
    let mut salt_buf = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_buf).map_err(|e| Error::Storage(format!("stored hash salt: {e}")))?;
    let mut out = vec![0u8; expected.len()];
    argon2_raw(p, secret, salt, &mut out)?;
    let ok = out.ct_eq(expected.as_bytes()).into();
    out.zeroize();
    Ok(ok)
}

/// Spends the same work as [`verify`] on a real account and always fails.
pub fn verify_dummy(secret: &[u8]) -> Result<bool, Error> {
    verify(secret, &PasswordHashString(DUMMY_HASH.to_owned()))?;
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_own_secret_and_nothing_else() {
        let h = hash(b"Correct-Horse-42").unwrap();
        assert!(h.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify(b"Correct-Horse-42", &h).unwrap());
        assert!(!verify(b"correct-Horse-42", &h).unwrap());
        assert!(!verify(b"Correct-Horse-4", &h).unwrap());
    }

    #[test]
    fn a_phc_string_from_a_file_parses_only_when_it_is_argon2id() {
        let h = hash(b"ABCD-EFGH-JKMN").unwrap();
        let read = PasswordHashString::parse(&format!("{}\n", h.as_str())).unwrap();
        assert!(verify(b"ABCD-EFGH-JKMN", &read).unwrap());
        for bad in [
            "",
            "not a hash",
            "$argon2i$v=19$m=19456,t=2,p=1$3j7hhoGhtiBHh/CtWgvhTA$s9e+nqmyXJtgEXpEhuwaBDwwUTYzfDe/vfn7X5mBH9I",
        ] {
            assert_eq!(PasswordHashString::parse(bad).unwrap_err().code(), "config", "{bad:?}");
        }
    }

    #[test]
    fn two_hashes_of_one_secret_differ_by_salt() {
        assert_ne!(hash(b"same").unwrap(), hash(b"same").unwrap());
    }

    #[test]
    fn hashes_interoperate_with_the_reference_argon2_verifier() {
        use argon2::PasswordVerifier;
        let h = hash(b"interop check").unwrap();
        let parsed = PasswordHash::new(h.as_str()).unwrap();
        assert!(Argon2::default().verify_password(b"interop check", &parsed).is_ok());
    }

    #[test]
    fn the_dummy_hash_is_well_formed_and_never_matches() {
        assert!(!verify_dummy(b"anything").unwrap());
        assert!(!verify_dummy(b"").unwrap());
    }

    #[test]
    fn a_corrupt_stored_hash_is_a_storage_error_not_a_mismatch() {
        for bad in [
            "",
            "plaintext",
            "$argon2i$v=19$m=19456,t=2,p=1$3j7hhoGhtiBHh/CtWgvhTA$s9e+nqmyXJtgEXpEhuwaBDwwUTYzfDe/vfn7X5mBH9I",
        ] {
            let e = verify(b"x", &PasswordHashString(bad.into())).unwrap_err();
            assert_eq!(e.code(), "storage", "{bad}");
        }
    }

    #[test]
    fn the_gate_admits_one_computation_per_permit_and_lends_no_more_blocks_than_permits() {
        use std::sync::atomic::AtomicUsize;
        let gate = Gate::new(2);
        let (inside, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|s| {
            for _ in 0..12 {
                s.spawn(|| {
                    for _ in 0..20 {
                        let mut turn = gate.enter();
                        turn.block.resize(4, Block::default());
                        let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_micros(200));
                        inside.fetch_sub(1, Ordering::SeqCst);
                    }
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2, "two at once, never more");
        let q = gate.lock();
        assert_eq!((q.running, q.waiting.len(), q.serving), (0, 0, 240));
        assert!(q.blocks.len() <= 2, "{} blocks", q.blocks.len());
    }

    #[test]
    fn the_gate_admits_callers_in_the_order_they_came() {
        let gate = Gate::new(1);
        let order = Mutex::new(Vec::new());
        let first = gate.enter();
        std::thread::scope(|s| {
            for n in 0..6 {
                // Each caller queues before the next one starts.
                let (gate, order) = (&gate, &order);
                s.spawn(move || {
                    let _turn = gate.enter();
                    order.lock().unwrap().push(n);
                });
                while gate.lock().waiting.len() < n + 1 {
                    std::thread::yield_now();
                }
            }
            drop(first);
        });
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn debug_output_never_shows_the_hash() {
        let h = hash(b"x").unwrap();
        assert!(!format!("{h:?}").contains("argon2"));
    }
}
