//! `use_security_key` on the screens that ask for a second factor (`totp_prompt`, `sspr_totp`)
//! and on a security key's test: without an answer, a ceremony for the person's keys, kept on the
//! screen; with one, its check, after which the ceremony is gone (an answer is checked once).

use serde::{Deserialize, Serialize};

use super::catalogue::codes;
use super::state::{Cx, Person, State, Step};
use crate::error::{Error, ErrorBody};
use crate::security_keys::{self, Ceremony, KeyCheck, SignInCeremony};
use crate::store::Account;
use crate::text::Text;
use crate::twofactor::CodeFor;
use crate::types::AuthenticatorId;

/// A sign-in ceremony under way: what the window runs with the key, and the verifier's state.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct KeyAsked {
    pub(super) ceremony: Ceremony,
    state: SignInCeremony,
}

impl Cx {
    /// Whether the person has a tested security key (a touch is offered). Best effort: a
    /// failure to read is logged.
    pub(super) fn has_security_key(&self, person: &Person) -> bool {
        security_keys::has_tested_key(&self.engine, person.id)
            .inspect_err(|e| tracing::error!(error = %e, "reading the security keys"))
            .unwrap_or(false)
    }

    /// `use_security_key`: without `answer`, a new ceremony for the screen to show; with it, the
    /// check of the ceremony `asked` (which the screen then drops: an answer is checked once).
    pub(super) fn security_key(
        &self,
        person: &Person,
        purpose: CodeFor,
        asked: Option<&KeyAsked>,
        answer: Option<serde_json::Value>,
    ) -> Result<KeyStep, Error> {
        let account = self.account(person)?;
        let Some(answer) = answer else {
            let only = match purpose {
                CodeFor::Test(id) => Some(id),
                CodeFor::SignIn | CodeFor::KioskExit => None,
            };
            return match security_keys::start_sign_in(&self.engine, &account, only)? {
                Some((ceremony, state)) => Ok(KeyStep::Ask(KeyAsked { ceremony, state })),
                None => Err(Error::invalid("credential", Text::new("no-security-key"))),
            };
        };
        let Some(asked) = asked else {
            return Err(Error::invalid("credential", Text::new("security-key-not-asked")));
        };
        Ok(match security_keys::finish_sign_in_by(&self.engine, &account, &asked.state, &answer, purpose)? {
            (KeyCheck::Accepted, Some(by)) => KeyStep::Accepted(Box::new(account), by),
            (KeyCheck::Accepted, None) => {
                return Err(Error::Internal("a security key accepted without naming which".into()));
            }
            (KeyCheck::Refused, _) => KeyStep::Refused(
                ErrorBody::of(codes::SECURITY_KEY_REFUSED, Text::new("security-key-refused")).with_field("credential"),
            ),
            (KeyCheck::Locked, _) => {
                KeyStep::Done(Box::new(self.code_failed(person, crate::otp::TotpCheck::Refused, "credential")?))
            }
        })
    }
}

/// What `use_security_key` came to.
pub(super) enum KeyStep {
    /// A ceremony to show on the same screen.
    Ask(KeyAsked),
    /// The key `AuthenticatorId` answered rightly.
    Accepted(Box<Account>, AuthenticatorId),
    /// Refused: the same screen without a ceremony, and this error.
    Refused(ErrorBody),
    /// The locked page (or another end) as it is.
    Done(Box<Step>),
}

impl KeyStep {
    /// The step of a screen that asks for a second factor: `on_screen` with the ceremony (or
    /// without, after a refusal), `accepted` once a key (named) answered rightly.
    pub(super) fn step(
        self,
        on_screen: impl FnOnce(Option<KeyAsked>) -> State,
        accepted: impl FnOnce(&Account, AuthenticatorId) -> State,
    ) -> Step {
        match self {
            KeyStep::Ask(key) => Step::go(on_screen(Some(key))),
            KeyStep::Accepted(account, by) => Step::go(accepted(&account, by)),
            KeyStep::Refused(error) => Step { next: Some(on_screen(None)), error: Some(error), rules: None },
            KeyStep::Done(step) => *step,
        }
    }
}
