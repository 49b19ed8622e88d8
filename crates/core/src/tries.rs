//! A try at a secret that counts towards a lock — a second factor's code, a set of answers to the
//! challenge questions — taken in the store *before* the check ([`AccountStore::take_try`]), so
//! that checks made at the same moment from many sessions are never more than the threshold
//! allows: the failures and the checks under way are counted together.
//!
//! [`AccountStore::take_try`]: crate::store::AccountStore::take_try

use crate::engine::Engine;
use crate::error::Error;
use crate::store::Tries;
use crate::types::AccountId;

/// A try taken and not yet accounted for. A wrong answer makes it a counted failure (the store's
/// `record_totp_failure` / `record_answer_failure`, then [`Try::counted`]); dropped otherwise —
/// a right answer (whose write cleared the failures), a refusal that is no guess, an error — it
/// is given back.
#[must_use = "a try is given back when dropped; a wrong answer must be counted"]
pub(crate) struct Try<'a> {
    engine: &'a Engine,
    account: AccountId,
    tries: Tries,
    held: bool,
}

impl<'a> Try<'a> {
    /// Takes one of `account`'s `tries`; `None` when the failures and the checks under way
    /// already make `threshold`.
    pub(crate) fn take(
        engine: &'a Engine,
        account: AccountId,
        tries: Tries,
        threshold: u32,
    ) -> Result<Option<Self>, Error> {
        let taken = engine.store().take_try(account, tries, threshold)?;
        // Built only when taken: a value built and dropped would give back a try never taken.
        Ok(taken.then(|| Self { engine, account, tries, held: true }))
    }

    pub(crate) fn engine(&self) -> &'a Engine {
        self.engine
    }

    /// The wrong answer's failure was recorded, which took this try along: nothing to give back.
    pub(crate) fn counted(mut self) {
        self.held = false;
    }

    /// The check is over without a wrong answer: the try is given back now.
    pub(crate) fn give_back(self) {}
}

impl Drop for Try<'_> {
    fn drop(&mut self) {
        if self.held {
            if let Err(e) = self.engine.store().give_back_try(self.account, self.tries) {
                tracing::error!(error = %e, tries = ?self.tries, "could not give back a try");
            }
        }
    }
}
