//! A machine that slows down after wrong tries, where locking an account would be worse: a
//! kiosk's administrator exit (DESIGN §6), which every pupil at the kiosk can reach. The first
//! [`FREE_TRIES`] wrong tries cost nothing; from then on each further try waits
//! [`FIRST_WAIT`], doubling with every wrong one up to [`LONGEST_WAIT`]. A right try starts over.
//! With a password and a current authenticator code both needed, that leaves a guesser a few
//! dozen tries a day per kiosk, and the administrator their account.

use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Wrong tries before the first wait.
pub const FREE_TRIES: u32 = 3;
/// The wait after the first wrong try past [`FREE_TRIES`].
pub const FIRST_WAIT: Duration = Duration::from_secs(30);
/// The longest wait.
pub const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);

/// The count of wrong tries and the time (milliseconds on its keeper's clock) until which the
/// next must wait. Plain data, so that a server can keep one in its store for every process.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slowdown {
    wrong: u32,
    until: Option<i64>,
}

impl Slowdown {
    /// `Err(seconds)` while a try must still wait at `now` (ms); `Ok` when one may be made now.
    pub fn check(&self, now: i64) -> Result<(), u64> {
        match self.until {
            Some(until) if until > now => Err(((until - now) as u64).div_ceil(1000).max(1)),
            _ => Ok(()),
        }
    }

    /// A wrong try at `now` (ms): counted, and past the free ones the next try waits longer.
    pub fn wrong(&mut self, now: i64) {
        self.wrong = self.wrong.saturating_add(1);
        if self.wrong > FREE_TRIES {
            let doublings = (self.wrong - FREE_TRIES - 1).min(16);
            let wait = FIRST_WAIT.saturating_mul(1 << doublings).min(LONGEST_WAIT);
            self.until = Some(now.saturating_add(wait.as_millis() as i64));
        }
    }

    /// Takes back one [`Slowdown::wrong`] made before a try was judged (see
    /// [`crate::console::slowed`]) when it turned out not to be wrong: the count goes down; the
    /// wait set by it, if any, stays unless the count is back within the free tries.
    pub fn undo_wrong(&mut self) {
        self.wrong = self.wrong.saturating_sub(1);
        if self.wrong <= FREE_TRIES {
            self.until = None;
        }
    }

    /// A right try: the count starts over.
    pub fn right(&mut self) {
        *self = Self::default();
    }
}

/// Where a kiosk's slowdown is kept: in the kiosk's own process (a `Mutex<Slowdown>`), or for a
/// thin kiosk by the server, in the store that every server process shares. Each call is one
/// atomic change of it.
pub trait Keeper {
    /// Lets one try through, counted as wrong until it is judged; or `Err(seconds)` while the
    /// kiosk waits (nothing changes).
    fn let_through(&self) -> Result<Result<(), u64>, Error>;
    /// The try let through was not wrong after all.
    fn take_back(&self) -> Result<(), Error>;
    /// The try let through was right: the count starts over.
    fn right(&self) -> Result<(), Error>;
}

/// Milliseconds on this process's monotonic clock (the in-process keeper's: a wall clock set
/// back must not lift a wait).
fn process_millis() -> i64 {
    static START: LazyLock<Instant> = LazyLock::new(Instant::now);
    START.elapsed().as_millis() as i64
}

impl Keeper for Mutex<Slowdown> {
    fn let_through(&self) -> Result<Result<(), u64>, Error> {
        let mut s = self.lock().unwrap_or_else(|p| p.into_inner());
        let now = process_millis();
        Ok(s.check(now).map(|()| s.wrong(now)))
    }

    fn take_back(&self) -> Result<(), Error> {
        self.lock().unwrap_or_else(|p| p.into_inner()).undo_wrong();
        Ok(())
    }

    fn right(&self) -> Result<(), Error> {
        self.lock().unwrap_or_else(|p| p.into_inner()).right();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_wrong_tries_are_free_then_each_waits_twice_as_long_up_to_fifteen_minutes() {
        let t0: i64 = 1_000_000;
        let mut s = Slowdown::default();
        for _ in 0..FREE_TRIES {
            assert_eq!(s.check(t0), Ok(()));
            s.wrong(t0);
        }
        assert_eq!(s.check(t0), Ok(()), "the third wrong try still lets the next one through");
        s.wrong(t0);
        assert_eq!(s.check(t0), Err(30));
        assert_eq!(s.check(t0 + 29_000), Err(1));
        assert_eq!(s.check(t0 + 30_000), Ok(()));
        let t1 = t0 + 30_000;
        s.wrong(t1);
        assert_eq!(s.check(t1), Err(60));
        let mut t = t1;
        for _ in 0..20 {
            t += LONGEST_WAIT.as_millis() as i64;
            s.wrong(t);
        }
        assert_eq!(s.check(t), Err(LONGEST_WAIT.as_secs()), "never more than the longest wait");
        assert_eq!(s.check(t + 1), Err(LONGEST_WAIT.as_secs()), "a part of a second left is a second");
    }

    #[test]
    fn a_wrong_taken_back_within_the_free_tries_lifts_the_wait_and_beyond_them_keeps_it() {
        let t0: i64 = 1_000_000;
        let mut s = Slowdown::default();
        for _ in 0..=FREE_TRIES {
            s.wrong(t0);
        }
        assert!(s.check(t0).is_err());
        s.undo_wrong();
        assert_eq!(s.check(t0), Ok(()), "back to three wrong tries: no wait");
        s.wrong(t0);
        s.wrong(t0);
        s.undo_wrong();
        assert!(s.check(t0).is_err(), "still past the free tries");
    }

    #[test]
    fn a_right_try_starts_the_count_over() {
        let t0: i64 = 1_000_000;
        let mut s = Slowdown::default();
        for _ in 0..5 {
            s.wrong(t0);
        }
        assert!(s.check(t0).is_err());
        s.right();
        assert_eq!(s.check(t0), Ok(()));
        for _ in 0..FREE_TRIES {
            s.wrong(t0);
        }
        assert_eq!(s.check(t0), Ok(()));
    }
}
