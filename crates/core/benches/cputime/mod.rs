//! CPU time of the whole process (`clock_gettime`), where the platform tells: unlike wall time
//! it does not grow while other processes hold the core, so it stays meaningful on a busy
//! machine. Shared by the benchmarks (the server's includes it by path).

use std::time::Duration;

/// This process's CPU time, all threads (`CLOCK_PROCESS_CPUTIME_ID`): a hash runs on one of
/// `hashing`'s threads, not on the thread that asked for it.
pub fn process() -> Option<Duration> {
    clock(2)
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn clock(id: i32) -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec (64-bit Linux layout); the C library is linked.
    let rc = unsafe { clock_gettime(id, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn clock(_id: i32) -> Option<Duration> {
    None
}
