//! Argon2id hashing of passwords and normalised challenge answers (DESIGN §3: m=19456 KiB, t=2,
//! p=1, PHC strings). libsodium computes the hashes ([`Backend::Libsodium`]: its SSSE3, AVX2 or
//! AVX-512 code, chosen at run time), RustCrypto's `argon2` whatever libsodium cannot (see
//! [`Backend`]); either verifies what the other wrote. A process runs at most one hash per core
//! at once, in the order they were asked for ([`Gate`]), and the 19 MiB memory block of a hash
//! is reused by the next one instead of being faulted in again: the gate lends RustCrypto's, and
//! libsodium's comes back from the malloc arena of one of as many hashing threads ([`Hasher`],
//! see .cargo/config.toml). Every call blocks for about 15 ms (longer while other hashes wait
//! their turn): call it from a blocking thread (see [`crate::blocking`]), never on an async
//! executor.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, LazyLock, Mutex, MutexGuard, PoisonError};
use std::thread::Thread;

use argon2::{Algorithm, Argon2, Block, Params, PasswordHash, Version};
use libsodium_sys as sodium;
use password_hash::{Output, SaltString};
use rand::rngs::OsRng;
use rand::RngCore;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use crate::error::Error;

/// Memory cost in KiB (OWASP's Argon2id minimum).
pub const M_COST: u32 = 19_456;
pub const T_COST: u32 = 2;
pub const P_COST: u32 = 1;
pub const OUTPUT_LEN: usize = 32;
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
/// a [`Slot`]: a memory block and a hashing thread. Without it a server with 64 sign-ins under
/// way time-sliced 64 hashes on 2 cores (every one finishing about 32 hashes later) with 64
/// blocks resident, and a load it could not keep up with piled up hundreds of each (9.8 GiB in
/// the server benchmark); with it a hash waits for its turn at no cost, the earliest finish
/// first, and the threads and their memory blocks stay as many as the cores.
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
    /// Slots not in use.
    slots: Vec<Slot>,
}

/// What one admitted computation borrows: RustCrypto's memory block, and the thread libsodium
/// runs on (`None`: not started yet, or stopped).
#[derive(Default)]
struct Slot {
    block: Vec<Block>,
    hasher: Option<Hasher>,
}

/// One admitted computation: its slot, given back (and the next caller woken) on drop, also when
/// the hash fails or panics.
struct Turn<'a> {
    gate: &'a Gate,
    slot: Slot,
}

/// A thread that runs libsodium's Argon2id, one hash at a time and nothing else, so that the
/// 19 MiB block libsodium mallocs and frees in every hash comes back from the thread's arena
/// each time, with nothing else allocated there to take its place. Hashing on whichever thread
/// asked had every thread's arena keep a block of its own (1.5 GiB after 64 threads had each
/// hashed).
struct Hasher(mpsc::Sender<Job>);

/// How long a hashing thread waits for its next hash before it wipes the block of the last one.
const NEXT_HASH_WAIT: std::time::Duration = std::time::Duration::from_millis(2);

/// One hash for a [`Hasher`], its inputs copied (and wiped when the job is dropped).
struct Job {
    params: Params,
    secret: Zeroizing<Vec<u8>>,
    salt: Vec<u8>,
    out_len: usize,
    reply: mpsc::SyncSender<Result<Zeroizing<Vec<u8>>, Error>>,
}

impl Hasher {
    fn start() -> Result<Self, Error> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("argon2id".into())
            .spawn(move || {
                // glibc gives a thread its malloc arena at its first allocation: take one now,
                // while it can still be a fresh one (see `start`).
                std::hint::black_box(Box::new(0u64));
                let mut watch = FaultWatch::default();
                let mut held: Option<HeldBlock> = None;
                let mut queued: Option<Job> = None;
                loop {
                    let Some(job) = queued.take().or_else(|| inbox.recv().ok()) else { return };
                    let before = thread_page_faults();
                    let mut out = Zeroizing::new(vec![0u8; job.out_len]);
                    // libsodium's two small allocations (its output, 32 bytes, and a descriptor,
                    // 16) come from this thread's cache, not from the start of the memory given
                    // back just below, where they would leave the block a few bytes short.
                    drop(std::hint::black_box(Box::new([0u8; 32])));
                    drop(std::hint::black_box(Box::new([0u8; 16])));
                    // Given back the moment before libsodium asks for exactly this again.
                    drop(held.take());
                    let hashed = libsodium_argon2id(&job.params, &job.secret, &job.salt, &mut out).map(|()| out);
                    held = HeldBlock::take(&job.params);
                    let mut reused = false;
                    if let (Some(before), Some(after)) = (before, thread_page_faults()) {
                        let pages = u64::from(job.params.m_cost()) / 4;
                        reused = after.saturating_sub(before) < pages / 2;
                        if watch.after_hash(after.saturating_sub(before), pages)
                            && !REFAULTING.swap(true, Ordering::Relaxed)
                        {
                            tracing::warn!(
                                faults = after - before,
                                "libsodium's memory block is faulted in again at every hash on this machine; \
                                 hashing with RustCrypto's reused block from now on"
                            );
                        }
                    }
                    // The caller waits for the answer; if it is gone, so is the answer.
                    let _ = job.reply.send(hashed);
                    // Then the block is wiped (see `HeldBlock::wipe`), while the caller goes on —
                    // unless the next hash comes at once for a block of the same size, which it
                    // overwrites whole in its first pass (this hash's came back to it: `reused`):
                    // a busy server or an import spends no core on wiping.
                    queued = inbox.recv_timeout(NEXT_HASH_WAIT).ok();
                    let overwritten =
                        reused && queued.as_ref().is_some_and(|q| q.params.m_cost() == job.params.m_cost());
                    if let (false, Some(held)) = (overwritten, &mut held) {
                        held.wipe();
                    }
                }
            })
            .map_err(|e| Error::Hashing(format!("cannot start a hashing thread: {e}")))?;
        Ok(Self(jobs))
    }
}

/// What libsodium's Argon2id allocates from the heap, allocated again the same way right after it
/// freed it (not touched, so nothing is faulted in) and held by its hashing thread until the next
/// hash. Freed, that memory was taken bit by bit by other allocations in the thread's arena (the
/// thread's own, or those of threads sharing the arena: see [`start`]), and the next block went
/// elsewhere — another 19 MiB for each hashing thread. Held, nothing else can take it; given
/// back, it is exactly what libsodium asks for next. The server's peak memory under 64 clients
/// (its bench, two runs each): 100 and 113 MiB without this, 65 and 71 MiB with it (64 MiB with
/// RustCrypto's hash).
#[cfg(unix)]
struct HeldBlock {
    block: std::ptr::NonNull<libc::c_void>,
    block_len: usize,
    table: std::ptr::NonNull<libc::c_void>,
}

/// Elsewhere (Windows' heap has no per-thread arenas to share) nothing is held.
#[cfg(not(unix))]
struct HeldBlock;

#[cfg(not(unix))]
impl HeldBlock {
    fn take(_params: &Params) -> Option<Self> {
        None
    }

    fn wipe(&mut self) {}
}

#[cfg(unix)]
impl HeldBlock {
    /// libsodium's two large heap allocations for these parameters, in its order: the table of 8
    /// bytes per block of a segment (38 KiB here), then the blocks and 63 bytes to align them
    /// (when it is built to malloc them: see `.cargo/config.toml`). Nothing is left over to be
    /// taken meanwhile: freed, the two are one hole of exactly their size, and what libsodium
    /// asks for next fills it.
    fn take(params: &Params) -> Option<Self> {
        let blocks = (params.m_cost() - params.m_cost() % 4) as usize;
        // SAFETY: malloc may be called with any size; the pointers are only ever given to free.
        let table = std::ptr::NonNull::new(unsafe { libc::malloc(8 * (blocks / 4)) })?;
        match std::ptr::NonNull::new(unsafe { libc::malloc(blocks * 1024 + 63) }) {
            Some(block) => Some(Self { block, table, block_len: blocks * 1024 + 63 }),
            None => {
                // SAFETY: from malloc just above, freed once.
                unsafe { libc::free(table.as_ptr()) };
                None
            }
        }
    }

    /// Overwrites the block with zeros: libsodium frees its blocks without wiping them (its
    /// `ARGON2_FLAG_CLEAR_MEMORY` is not among the flags `crypto_pwhash` sets), and what a hash
    /// leaves there lets anyone who reads this process's memory test guesses at the password more
    /// cheaply than against its stored hash. The table holds only the data-independent addresses: no secret.
    fn wipe(&mut self) {
        // SAFETY: `block_len` bytes were allocated at `block` in `take`.
        let block = unsafe { std::slice::from_raw_parts_mut(self.block.as_ptr().cast::<u8>(), self.block_len) };
        wipe(block);
    }
}

#[cfg(unix)]
impl Drop for HeldBlock {
    fn drop(&mut self) {
        // SAFETY: both came from malloc in `take` and are freed once, here, in libsodium's order.
        unsafe {
            libc::free(self.block.as_ptr());
            libc::free(self.table.as_ptr());
        }
    }
}

/// Set when libsodium's block turned out to be faulted in again at every hash (the allocator did
/// not hand it back): [`backend`] is RustCrypto's from then on, whose block the gate keeps.
static REFAULTING: AtomicBool = AtomicBool::new(false);

/// Counts a hashing thread's hashes that faulted in most of their block, after its first two
/// (the first maps a fresh block, the second takes one from the thread's arena).
#[derive(Default)]
struct FaultWatch {
    hashes: u32,
    faulting_in_a_row: u32,
}

impl FaultWatch {
    /// Whether the hash just done makes three in a row that faulted in over half their block.
    fn after_hash(&mut self, faults: u64, block_pages: u64) -> bool {
        self.hashes += 1;
        if self.hashes <= 2 || faults < block_pages / 2 {
            self.faulting_in_a_row = 0;
            return false;
        }
        self.faulting_in_a_row += 1;
        self.faulting_in_a_row >= 3
    }
}

/// The calling thread's minor page faults so far, where the platform tells.
fn thread_page_faults() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: getrusage fills the struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        (unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) } == 0).then_some(usage.ru_minflt as u64)
    }
    #[cfg(not(target_os = "linux"))]
    None
}

/// Starts the hashing threads now, before the process has threads that come and go: a thread
/// started later may be handed the malloc arena of one that ended, with that thread's memory
/// still in it and no room for the block to come back to. [`crate::Engine`] calls it.
///
/// With glibc it also lifts the limit of 8 malloc arenas per core, so that threads beyond it (a
/// server's request threads) are not given a hashing thread's arena: one sharing it can take a
/// few bytes of its block in the microseconds between one hash and the next (see [`HeldBlock`]),
/// and each time that happens the thread's next block is another 19 MiB. An operator's own
/// `glibc.malloc.arena_max` in `GLIBC_TUNABLES` is left as it is.
pub fn start() {
    if backend() != Backend::Libsodium {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if !std::env::var("GLIBC_TUNABLES").is_ok_and(|t| t.contains("glibc.malloc.arena_max")) {
        // SAFETY: mallopt only sets a tunable; glibc reads it when it next makes an arena.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1024);
        }
    }
    let mut q = GATE.lock();
    while q.slots.len() + q.running < GATE.permits {
        q.slots.push(Slot::default());
    }
    for slot in q.slots.iter_mut().filter(|slot| slot.hasher.is_none()) {
        // On failure a hash starts the thread when it needs one (and says why it cannot).
        slot.hasher = Hasher::start().ok();
    }
}

static GATE: LazyLock<Gate> = LazyLock::new(|| Gate::new(std::thread::available_parallelism().map_or(1, |n| n.get())));

impl Gate {
    fn new(permits: usize) -> Self {
        let queue = Queue { next_ticket: 0, serving: 0, running: 0, waiting: VecDeque::new(), slots: Vec::new() };
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
        let slot = q.slots.pop().unwrap_or_default();
        if q.running < self.permits {
            if let Some(next) = q.waiting.front() {
                next.unpark();
            }
        }
        Turn { gate: self, slot }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut q = self.gate.lock();
        q.running -= 1;
        q.slots.push(std::mem::take(&mut self.slot));
        if let Some(next) = q.waiting.front() {
            next.unpark();
        }
    }
}

/// The implementation that computes an Argon2id hash. Both write the same bytes for the same
/// input (the tests cross-check them, and both against Debian's `argon2` tool).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// libsodium's `crypto_pwhash_argon2id`: about 1.4 × RustCrypto's speed with AVX-512, its
    /// reference code on a CPU without SSSE3.
    Libsodium,
    /// RustCrypto's `argon2` in a memory block the [`Gate`] lends: the portable fallback, used
    /// when libsodium fails to initialise, when `GATEHOUSE_ARGON2=rustcrypto` asks for it, and for
    /// stored hashes with parameters libsodium does not take (p > 1, a salt other than 16 bytes,
    /// an output under 16 bytes, version 0x10).
    RustCrypto,
}

/// The backend this process hashes with: libsodium, unless it failed to initialise, the
/// environment variable `GATEHOUSE_ARGON2` says `rustcrypto` (read once; logged on first use), or
/// libsodium's memory block turned out to be faulted in again at every hash. The variable's case
/// does not matter; any other value is named in a warning and libsodium is used.
pub fn backend() -> Backend {
    if REFAULTING.load(Ordering::Relaxed) {
        return Backend::RustCrypto;
    }
    static CHOSEN: LazyLock<Backend> = LazyLock::new(|| {
        let forced = std::env::var("GATEHOUSE_ARGON2").ok().map(|v| v.trim().to_ascii_lowercase());
        let chosen = match forced.as_deref() {
            Some("rustcrypto") => Backend::RustCrypto,
            Some(other) if !other.is_empty() && other != "libsodium" => {
                tracing::warn!(value = other, "GATEHOUSE_ARGON2 is neither libsodium nor rustcrypto; using libsodium");
                libsodium_or_fallback()
            }
            _ => libsodium_or_fallback(),
        };
        tracing::info!(backend = ?chosen, "Argon2id backend");
        chosen
    });
    *CHOSEN
}

fn libsodium_or_fallback() -> Backend {
    // SAFETY: sodium_init takes no arguments, may be called from any thread and more than once.
    if unsafe { sodium::sodium_init() } >= 0 {
        Backend::Libsodium
    } else {
        tracing::error!("libsodium failed to initialise; Argon2id falls back to RustCrypto's implementation");
        Backend::RustCrypto
    }
}

/// Whether libsodium's `crypto_pwhash_argon2id` computes exactly this hash: it always runs one
/// lane of version 0x13 and takes 16-byte salts only.
fn libsodium_takes(version: Version, params: &Params, salt: &[u8], out: &[u8]) -> bool {
    version == Version::V0x13
        && params.p_cost() == 1
        && salt.len() == sodium::crypto_pwhash_argon2id_SALTBYTES as usize
        && out.len() >= sodium::crypto_pwhash_argon2id_BYTES_MIN as usize
        && params.m_cost() >= 8
}

/// Runs Argon2id by `backend` (RustCrypto's when libsodium cannot compute it) when the [`Gate`]
/// admits it: libsodium's on the slot's [`Hasher`], RustCrypto's here in the slot's block.
fn argon2_raw(
    backend: Backend,
    version: Version,
    params: Params,
    secret: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), Error> {
    let mut turn = GATE.enter();
    if backend == Backend::Libsodium && libsodium_takes(version, &params, salt, out) {
        return on_hasher(&mut turn.slot.hasher, params, secret, salt, out);
    }
    let blocks = params.block_count();
    let argon = Argon2::new(Algorithm::Argon2id, version, params);
    let m = &mut turn.slot.block;
    if m.len() != blocks {
        m.clear();
        m.resize(blocks, Block::default());
    }
    let hashed = argon.hash_password_into_with_memory(secret, salt, out, &mut m[..]);
    // RustCrypto leaves its blocks as the hash left them (see `HeldBlock::wipe`).
    // SAFETY: a `Block` is 1024 bytes (`Block::SIZE`) of plain integers, any bytes valid.
    wipe(unsafe { std::slice::from_raw_parts_mut(m.as_mut_ptr().cast::<u8>(), m.len() * Block::SIZE) });
    hashed.map_err(|e| Error::Hashing(e.to_string()))
}

/// Zeros `memory` with libsodium's `sodium_memzero`: a `memset` the compiler cannot leave out
/// (glibc's `explicit_bzero`), 19 MiB in about half a millisecond on this machine.
fn wipe(memory: &mut [u8]) {
    // SAFETY: writes exactly `memory.len()` bytes at its start.
    unsafe { sodium::sodium_memzero(memory.as_mut_ptr().cast(), memory.len()) }
}

/// Hands libsodium's hash to `hasher` (started first if it is not running) and waits for it.
fn on_hasher(
    hasher: &mut Option<Hasher>,
    params: Params,
    secret: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), Error> {
    let stopped = || Error::Hashing("the hashing thread stopped".into());
    let (reply, answer) = mpsc::sync_channel(1);
    let job = Job { params, secret: Zeroizing::new(secret.to_vec()), salt: salt.to_vec(), out_len: out.len(), reply };
    let unsent = match hasher.as_ref() {
        Some(running) => running.0.send(job).err().map(|e| e.0),
        None => Some(job),
    };
    if let Some(job) = unsent {
        // The first hash in this slot, or its thread stopped: a new one.
        *hasher = None;
        let started = Hasher::start()?;
        started.0.send(job).map_err(|_| stopped())?;
        *hasher = Some(started);
    }
    let hashed = answer.recv().map_err(|_| {
        *hasher = None;
        stopped()
    })??;
    out.copy_from_slice(&hashed);
    Ok(())
}

/// libsodium's `crypto_pwhash_argon2id`, on the calling thread (a [`Hasher`]).
fn libsodium_argon2id(params: &Params, secret: &[u8], salt: &[u8], out: &mut [u8]) -> Result<(), Error> {
    // SAFETY: every pointer comes with its slice's length; libsodium reads `secret` and the
    // 16-byte `salt` (`libsodium_takes`) and writes exactly `out.len()` bytes, and keeps none.
    let failed = unsafe {
        sodium::crypto_pwhash_argon2id(
            out.as_mut_ptr(),
            out.len() as u64,
            secret.as_ptr().cast(),
            secret.len() as u64,
            salt.as_ptr(),
            u64::from(params.t_cost()),
            params.m_cost() as usize * 1024,
            sodium::crypto_pwhash_argon2id_ALG_ARGON2ID13 as std::ffi::c_int,
        )
    } != 0;
    if failed {
        return Err(Error::Hashing("libsodium's Argon2id failed (out of memory?)".into()));
    }
    Ok(())
}

/// One Argon2id hash with the standard parameters by the given backend, through the [`Gate`]
/// (the benchmark compares the backends with it).
pub fn raw_hash(backend: Backend, secret: &[u8], salt: &[u8], out: &mut [u8; OUTPUT_LEN]) -> Result<(), Error> {
    argon2_raw(backend, Version::V0x13, params(), secret, salt, out)
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
    raw_hash(backend(), secret, salt, &mut out)?;
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
    let version = parsed.version.map_or(Ok(Version::V0x13), Version::try_from);
    let version = version.map_err(|e| Error::Storage(format!("stored hash version: {e}")))?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err(Error::Storage("stored hash has no salt or output".into()));
    };
    let mut salt_buf = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_buf).map_err(|e| Error::Storage(format!("stored hash salt: {e}")))?;
    let mut out = vec![0u8; expected.len()];
    argon2_raw(backend(), version, p, secret, salt, &mut out)?;
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
    fn the_gate_admits_one_computation_per_permit_and_lends_no_more_slots_than_permits() {
        use std::sync::atomic::AtomicUsize;
        let gate = Gate::new(2);
        let (inside, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|s| {
            for _ in 0..12 {
                s.spawn(|| {
                    for _ in 0..20 {
                        let mut turn = gate.enter();
                        turn.slot.block.resize(4, Block::default());
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
        assert!(q.slots.len() <= 2, "{} slots", q.slots.len());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn hashes_asked_for_by_many_threads_run_on_no_more_hashing_threads_than_cores() {
        std::thread::scope(|s| {
            for n in 0..24 {
                s.spawn(move || hash(format!("Correct-Horse-{n}").as_bytes()).unwrap());
            }
        });
        // A thread of another test may end between the listing and the read of its name.
        let hashers = std::fs::read_dir("/proc/self/task")
            .unwrap()
            .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
            .filter(|name| name.trim() == "argon2id")
            .count();
        assert!(hashers >= 1 && hashers <= GATE.permits, "{hashers} hashing threads for {} cores", GATE.permits);
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

    /// Hashes written by Debian's `argon2` tool (the reference implementation, an independent
    /// build): password, salt, the tool's PHC string.
    const KNOWN_ANSWERS: [(&str, &str, &str); 5] = [
        (
            "Correct-Horse-42",
            "saltsaltsaltsalt",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aifHGjvGl8j8lZgtmsBOM0o8nAQ4aHm1yHPaRX1roY8",
        ),
        (
            "Tâm Lý 林 கலை",
            "Gatehouse-Salt!!",
            "$argon2id$v=19$m=19456,t=2,p=1$R2F0ZWhvdXNlLVNhbHQhIQ$J2eBdxV/DQFefc3LW1Z5Py2ayfXGmj/eVP6YavVTxnc",
        ),
        // Parameters libsodium does not take: an 8-byte salt, two lanes, version 0x10.
        (
            "Correct-Horse-42",
            "shortsal",
            "$argon2id$v=19$m=19456,t=2,p=1$c2hvcnRzYWw$h4ZDMiLSQTYi+JcMhXvWiXxhzvC0oqBjApnKC6q40aw",
        ),
        (
            "Correct-Horse-42",
            "saltsaltsaltsalt",
            "$argon2id$v=19$m=19456,t=2,p=2$c2FsdHNhbHRzYWx0c2FsdA$0K9fYzeMOsCLxs8/nibpom1V52k0GQHBCJuxzEYQiec",
        ),
        (
            "Correct-Horse-42",
            "saltsaltsaltsalt",
            "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$yMN2DJZNE1PlPO1PFV1A7CG2WqNTM20/QsnPYs15ayQ",
        ),
    ];

    fn with(backend: Backend, secret: &[u8], salt: &[u8]) -> [u8; OUTPUT_LEN] {
        let mut out = [0u8; OUTPUT_LEN];
        raw_hash(backend, secret, salt, &mut out).unwrap();
        out
    }

    #[test]
    fn this_machine_hashes_with_libsodium() {
        assert_eq!(backend(), Backend::Libsodium, "libsodium failed to initialise");
    }

    #[test]
    fn both_backends_reproduce_the_reference_tools_known_answers() {
        for (password, salt, expected) in KNOWN_ANSWERS {
            assert!(verify(password.as_bytes(), &PasswordHashString(expected.into())).unwrap(), "{expected}");
            assert!(!verify(b"Correct-Horse-43", &PasswordHashString(expected.into())).unwrap(), "{expected}");
            if expected.starts_with("$argon2id$v=19$m=19456,t=2,p=1$") {
                let written = hash_with_salt(password.as_bytes(), salt.as_bytes()).unwrap();
                assert_eq!(written.as_str(), expected);
                let by_fallback = with(Backend::RustCrypto, password.as_bytes(), salt.as_bytes());
                assert_eq!(by_fallback, with(Backend::Libsodium, password.as_bytes(), salt.as_bytes()));
            }
        }
    }

    #[test]
    fn the_fallback_alone_verifies_every_known_answer() {
        for (password, _, expected) in KNOWN_ANSWERS {
            let parsed = PasswordHash::new(expected).unwrap();
            let version = Version::try_from(parsed.version.unwrap()).unwrap();
            let p = Params::try_from(&parsed).unwrap();
            let mut salt = [0u8; 64];
            let salt = parsed.salt.unwrap().decode_b64(&mut salt).unwrap();
            let mut out = [0u8; OUTPUT_LEN];
            argon2_raw(Backend::RustCrypto, version, p, password.as_bytes(), salt, &mut out).unwrap();
            assert_eq!(&out[..], parsed.hash.unwrap().as_bytes(), "{expected}");
        }
    }

    #[test]
    fn hashes_of_random_passwords_match_debians_argon2_tool() {
        use rand::distributions::{Alphanumeric, DistString};
        use std::io::Write;
        use std::process::{Command, Stdio};
        for _ in 0..4 {
            let len = 1 + (OsRng.next_u32() % 100) as usize;
            let password = Alphanumeric.sample_string(&mut OsRng, len);
            let salt = Alphanumeric.sample_string(&mut OsRng, SALT_LEN);
            let mut tool = Command::new("argon2")
                .args([&salt, "-id", "-t", "2", "-k", "19456", "-p", "1", "-l", "32", "-e"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("Debian's argon2 tool (scripts/setup.sh installs it)");
            tool.stdin.take().unwrap().write_all(password.as_bytes()).unwrap();
            let output = tool.wait_with_output().unwrap();
            assert!(output.status.success());
            let expected = String::from_utf8(output.stdout).unwrap();
            let ours = hash_with_salt(password.as_bytes(), salt.as_bytes()).unwrap();
            assert_eq!(ours.as_str(), expected.trim(), "{password:?} {salt:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
        #[test]
        fn a_hash_by_either_backend_verifies_with_the_other(
            secret in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80),
            salt in proptest::prelude::any::<[u8; SALT_LEN]>(),
        ) {
            let by_libsodium = with(Backend::Libsodium, &secret, &salt);
            let by_rustcrypto = with(Backend::RustCrypto, &secret, &salt);
            proptest::prop_assert_eq!(by_libsodium, by_rustcrypto);
            let stored = hash_with_salt(&secret, &salt).unwrap();
            let written = PasswordHash::new(stored.as_str()).unwrap().hash.unwrap();
            proptest::prop_assert_eq!(written.as_bytes(), &by_rustcrypto[..]);
        }
    }

    /// Minor page faults so far of the hashing threads, or of the calling thread.
    #[cfg(target_os = "linux")]
    fn page_faults(of_hashers: bool) -> u64 {
        let me = std::fs::read_link("/proc/thread-self").unwrap(); // "<pid>/task/<tid>"
        let mut faults = 0;
        for task in std::fs::read_dir("/proc/self/task").unwrap() {
            let task = task.unwrap().path();
            let Ok(stat) = std::fs::read_to_string(task.join("stat")) else { continue };
            // pid (comm) state ppid … minflt is the 10th field, the 8th after the command.
            let (head, rest) = stat.rsplit_once(')').unwrap();
            let counted = if of_hashers { head.ends_with("(argon2id") } else { me.file_name() == task.file_name() };
            if counted {
                faults += rest.split_whitespace().nth(7).unwrap().parse::<u64>().unwrap();
            }
        }
        faults
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_hash_reuses_the_memory_of_the_last_one_instead_of_faulting_in_19_mib() {
        // A fresh 19 MiB block is 4,864 pages; the first hashes in a slot fault them in. The two
        // backends take turns, as the benchmark comparing them does.
        let pages = u64::from(M_COST) / 4;
        let mut faults = [Vec::new(), Vec::new()];
        for _ in 0..8 {
            for (n, backend) in [Backend::Libsodium, Backend::RustCrypto].into_iter().enumerate() {
                let on_hashers = backend == Backend::Libsodium;
                let before = page_faults(on_hashers);
                with(backend, b"Correct-Horse-42", b"saltsaltsaltsalt");
                faults[n].push(page_faults(on_hashers) - before);
            }
        }
        for (backend, faults) in ["libsodium", "RustCrypto"].iter().zip(faults) {
            let fewest = faults[3..].iter().min().unwrap();
            assert!(*fewest < pages / 10, "{backend}: {faults:?} page faults per hash (block: {pages} pages)");
        }
    }

    /// How many of `needles` (the first 64 bytes of memory blocks, each byte XORed with 0xA5 so
    /// that the needles themselves never match) are found at a 64-byte boundary anywhere in this
    /// process's writable memory.
    #[cfg(target_os = "linux")]
    fn blocks_found_in_memory(needles: &[[u8; 64]]) -> usize {
        use std::os::unix::fs::FileExt;
        let mem = std::fs::File::open("/proc/self/mem").unwrap();
        let mut found = vec![false; needles.len()];
        let mut chunk = vec![0u8; 1 << 20];
        for line in std::fs::read_to_string("/proc/self/maps").unwrap().lines() {
            let mut fields = line.split_whitespace();
            let (Some(range), Some(perms)) = (fields.next(), fields.next()) else { continue };
            if !perms.starts_with("rw") || line.ends_with("[vvar]") || line.ends_with("[vsyscall]") {
                continue;
            }
            let (start, end) = range.split_once('-').unwrap();
            let (start, end) = (u64::from_str_radix(start, 16).unwrap(), u64::from_str_radix(end, 16).unwrap());
            let mut at = start;
            while at < end {
                let len = chunk.len().min((end - at) as usize);
                // A region unmapped meanwhile by another thread is skipped.
                if let Ok(read) = mem.read_at(&mut chunk[..len], at) {
                    for block in chunk[..read - read % 64].chunks_exact(64) {
                        for (needle, found) in needles.iter().zip(found.iter_mut()) {
                            *found |= block.iter().zip(needle).all(|(b, n)| b ^ 0xA5 == *n);
                        }
                    }
                }
                at += len as u64;
            }
        }
        found.iter().filter(|f| **f).count()
    }

    /// A random secret and salt, the output of their hash and the needles of four of the blocks
    /// it leaves (for [`blocks_found_in_memory`]), from RustCrypto's code run here in memory of
    /// this test's own, wiped before returning (not the last block, which may linger in a stack
    /// frame of the compression).
    #[cfg(target_os = "linux")]
    fn hash_and_its_blocks() -> ([u8; 20], [u8; SALT_LEN], [u8; OUTPUT_LEN], Vec<[u8; 64]>) {
        let mut secret = [0u8; 20];
        let mut salt = [0u8; SALT_LEN];
        OsRng.fill_bytes(&mut secret);
        OsRng.fill_bytes(&mut salt);
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        let mut memory = vec![Block::default(); params().block_count()];
        let mut out = [0u8; OUTPUT_LEN];
        argon.hash_password_into_with_memory(&secret, &salt, &mut out, &mut memory).unwrap();
        let n = memory.len();
        let needles: Vec<[u8; 64]> = [0, n / 4, n / 2, 3 * n / 4]
            .iter()
            .map(|&i| std::array::from_fn(|b| (memory[i].as_ref()[b / 8] >> (8 * (b % 8))) as u8 ^ 0xA5))
            .collect();
        assert_eq!(blocks_found_in_memory(&needles), needles.len(), "the search finds blocks");
        memory.zeroize();
        assert_eq!(blocks_found_in_memory(&needles), 0, "before the hash");
        (secret, salt, out, needles)
    }

    /// How many of `needles` are still found once a hashing thread has had 5 s to wipe.
    #[cfg(target_os = "linux")]
    fn blocks_left_after_a_while(needles: &[[u8; 64]]) -> usize {
        let answered = std::time::Instant::now();
        let mut found = blocks_found_in_memory(needles);
        while found > 0 && answered.elapsed() < std::time::Duration::from_secs(5) {
            std::thread::sleep(std::time::Duration::from_millis(20));
            found = blocks_found_in_memory(needles);
        }
        found
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn no_memory_block_of_a_hash_is_left_in_memory_after_it_by_either_backend() {
        for backend in [Backend::Libsodium, Backend::RustCrypto] {
            // A hashing thread's first block is a mapping of its own, gone when freed; from the
            // second on, blocks come from (and go back to) its malloc arena.
            for _ in 0..2 {
                with(backend, b"Correct-Horse-42", b"saltsaltsaltsalt");
            }
            // One hash, then nothing: libsodium's thread wipes its block once it has answered.
            let (secret, salt, out, needles) = hash_and_its_blocks();
            assert_eq!(with(backend, &secret, &salt), out);
            assert_eq!(blocks_left_after_a_while(&needles), 0, "{backend:?} left its blocks in memory");
            // Two hashes at once: the second overwrites the first's block, then it is wiped.
            let (first, first_salt, first_out, first_needles) = hash_and_its_blocks();
            let (second, second_salt, second_out, second_needles) = hash_and_its_blocks();
            assert_eq!(with(backend, &first, &first_salt), first_out);
            assert_eq!(with(backend, &second, &second_salt), second_out);
            assert_eq!(blocks_left_after_a_while(&first_needles), 0, "{backend:?}: the first hash's blocks");
            assert_eq!(blocks_left_after_a_while(&second_needles), 0, "{backend:?}: the second hash's blocks");
        }
    }

    #[test]
    fn a_hashing_thread_that_stopped_is_replaced_and_the_hash_still_comes_back_right() {
        let (jobs, inbox) = mpsc::channel::<Job>();
        drop(inbox); // the thread that read them is gone
        let mut hasher = Some(Hasher(jobs));
        let mut out = [0u8; OUTPUT_LEN];
        on_hasher(&mut hasher, params(), b"Correct-Horse-42", b"saltsaltsaltsalt", &mut out).unwrap();
        assert_eq!(out, with(Backend::RustCrypto, b"Correct-Horse-42", b"saltsaltsaltsalt"));
        let replaced = hasher.expect("a new hashing thread");
        let (reply, answer) = mpsc::sync_channel(1);
        let job =
            Job { params: params(), secret: Zeroizing::new(b"x".to_vec()), salt: vec![7; 16], out_len: 32, reply };
        replaced.0.send(job).expect("the new thread takes jobs");
        assert!(answer.recv().unwrap().is_ok());
    }

    #[test]
    fn a_hashing_thread_gives_libsodium_up_after_three_hashes_in_a_row_that_faulted_in_their_block() {
        let mut watch = FaultWatch::default();
        // The first two fault in by design; then one faulting hash, one that reused its block.
        for faults in [4864, 4864, 4864, 0, 4864, 4864] {
            assert!(!watch.after_hash(faults, 4864));
        }
        assert!(watch.after_hash(4870, 4864), "the third in a row");
        let mut warm = FaultWatch::default();
        assert!((0..50).all(|n| !warm.after_hash(if n < 2 { 4864 } else { 3 }, 4864)));
    }

    #[test]
    fn debug_output_never_shows_the_hash() {
        let h = hash(b"x").unwrap();
        assert!(!format!("{h:?}").contains("argon2"));
    }
}
