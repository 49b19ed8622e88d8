//! A machine that slows down after wrong tries, where locking an account would be worse: a
//! kiosk's administrator exit (DESIGN §6), which every pupil at the kiosk can reach. The first
//! [`FREE_TRIES`] wrong tries cost nothing; from then on each further try waits
//! [`FIRST_WAIT`], doubling with every wrong one up to [`LONGEST_WAIT`]. A right try starts over.
//! With a password and a current authenticator code both needed, that leaves a guesser a few
//! dozen tries a day per kiosk, and the administrator their account.

use std::time::{Duration, Instant};

/// Wrong tries before the first wait.
pub const FREE_TRIES: u32 = 3;
/// The wait after the first wrong try past [`FREE_TRIES`].
pub const FIRST_WAIT: Duration = Duration::from_secs(30);
/// The longest wait.
pub const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Default, Clone)]
pub struct Slowdown {
    wrong: u32,
    until: Option<Instant>,
}

impl Slowdown {
    /// `Err(seconds)` while a try must still wait; `Ok` when one may be made now.
    pub fn check(&self, now: Instant) -> Result<(), u64> {
        match self.until {
            Some(until) if until > now => Err((until - now).as_secs().max(1)),
            _ => Ok(()),
        }
    }

    /// A wrong try: counted, and past the free ones the next try waits longer.
    pub fn wrong(&mut self, now: Instant) {
        self.wrong = self.wrong.saturating_add(1);
        if self.wrong > FREE_TRIES {
            let doublings = (self.wrong - FREE_TRIES - 1).min(16);
            let wait = FIRST_WAIT.saturating_mul(1 << doublings).min(LONGEST_WAIT);
            self.until = Some(now + wait);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_wrong_tries_are_free_then_each_waits_twice_as_long_up_to_fifteen_minutes() {
        let t0 = Instant::now();
        let mut s = Slowdown::default();
        for _ in 0..FREE_TRIES {
            assert_eq!(s.check(t0), Ok(()));
            s.wrong(t0);
        }
        assert_eq!(s.check(t0), Ok(()), "the third wrong try still lets the next one through");
        s.wrong(t0);
        assert_eq!(s.check(t0), Err(30));
        assert_eq!(s.check(t0 + Duration::from_secs(29)), Err(1));
        assert_eq!(s.check(t0 + Duration::from_secs(30)), Ok(()));
        let t1 = t0 + Duration::from_secs(30);
        s.wrong(t1);
        assert_eq!(s.check(t1), Err(60));
        let mut t = t1;
        for _ in 0..20 {
            t += LONGEST_WAIT;
            s.wrong(t);
        }
        assert_eq!(s.check(t), Err(LONGEST_WAIT.as_secs()), "never more than the longest wait");
    }

    #[test]
    fn a_wrong_taken_back_within_the_free_tries_lifts_the_wait_and_beyond_them_keeps_it() {
        let t0 = Instant::now();
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
        let t0 = Instant::now();
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
