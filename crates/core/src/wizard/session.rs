//! One person's pass through the wizard: applies actions to the state, renders the screen,
//! signs out and shows help from anywhere, ends the session of an account disabled meanwhile, turns a system failure into `SSPR 5019` with a way back, and seals
//! the whole state for storage.

use std::sync::Arc;

use zeroize::Zeroizing;

use super::catalogue::{codes, texts};
use super::portal::PortalFlow;
use super::request::parse_request;
use super::state::{Cx, State};
use super::wire::{Action, Response};
use crate::audit::{Event, Outcome};
use crate::engine::Engine;
use crate::error::{Error, ErrorBody};
use crate::text::Language;

/// One person's pass through the wizard.
pub struct Session {
    cx: Cx,
    state: State,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("screen", &self.screen_name()).finish()
    }
}

/// True unless a password was set on the account after `person` proved who they are on this
/// session, or — found by a self-service reset — after they were found (one found in a state
/// sealed before stamps were kept always holds).
fn still_proved(person: &super::state::Person, account: &crate::store::Account) -> bool {
    (person.proved_at == 0 && person.stamp.is_none()) || account.still_proved(person.proved_at, person.stamp.as_ref())
}

/// True when `person` may stay behind a door that asks a second factor: they gave one on this
/// session with an authenticator the account still has (the very one, when it is known), or
/// the account has no tested authenticator (then none is asked — unless the 2FA cut-over has
/// passed for staff, which [`two_factor_required`] tells).
pub(super) fn factor_holds(
    engine: &Engine,
    person: &super::state::Person,
    account: &crate::store::Account,
) -> Result<bool, Error> {
    let authenticators = engine.store().authenticators(account.id)?;
    let none_tested = !authenticators.iter().any(|a| a.tested_at.is_some());
    Ok(none_tested || person.factor_still_given(&authenticators))
}

/// True when `person`, staff without a tested authenticator, may no longer open iCON: the 2FA
/// cut-over has passed (student guide; `[two_factor] cutover_date`, in the school's zone).
fn two_factor_required(
    engine: &Engine,
    person: &super::state::Person,
    account: &crate::store::Account,
) -> Result<bool, Error> {
    Ok(person.kind.is_staff()
        && super::portal::past_the_cutover(engine)?
        && !crate::twofactor::has_tested(engine, account)?)
}

/// Whom a session on the workspace dashboard vouches for ([`Session::workspace_proof`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proof {
    pub account: crate::types::AccountId,
    /// When the person last proved who they are here (Unix seconds: the password at sign-in,
    /// then the second factor at iCON's door): an app's `auth_time`.
    pub at: i64,
    /// With which password (`None` in a state sealed before it was kept): a password set since
    /// ends what is vouched for (`Account::vouches_for_proof`).
    pub stamp: Option<crate::store::CredentialStamp>,
}

/// The AEAD context a sealed session state is bound to: it opens only as the same session.
fn seal_context(session_id: &[u8]) -> Vec<u8> {
    let mut context = b"gatehouse wizard session; ".to_vec();
    context.extend_from_slice(session_id);
    context
}

impl Session {
    pub fn new(engine: Arc<Engine>) -> Self {
        Self { cx: Cx { engine }, state: State::sign_in(None) }
    }

    /// Discards everything about the current person (kiosk idle reset) and shows sign-in.
    pub fn reset(&mut self) {
        self.state = State::sign_in(None);
    }

    pub fn screen_name(&self) -> &'static str {
        self.state.name()
    }

    /// Whether someone is signed in on this session (the wire's `signed_in`).
    pub fn signed_in(&self) -> bool {
        self.state.signed_in()
    }

    /// The account signed in on this session all the way to the workspace dashboard — through
    /// the second factor and the terms, as opening iCON asks — if any: whom single sign-on may
    /// vouch for.
    pub fn workspace_account(&self) -> Option<crate::types::AccountId> {
        self.state.workspace_account()
    }

    /// The account on the workspace dashboard, and when and with which password its person last
    /// proved who they are on this session — what single sign-on vouches for.
    ///
    /// `None` too once the session no longer holds: the account gone, disabled or locked, or its
    /// password changed since (a reset by an administrator, or elsewhere by its owner).
    pub fn workspace_proof(&self) -> Result<Option<Proof>, Error> {
        let Some(p) = self.state.workspace_person() else { return Ok(None) };
        let Some(a) = self.cx.engine.store().account(p.id)? else { return Ok(None) };
        let e = &self.cx.engine;
        let holds = a.vouches_for_proof(p.proved_at, p.stamp.as_ref())
            && factor_holds(e, p, &a)?
            && !two_factor_required(e, p, &a)?;
        Ok(holds.then_some(Proof { account: p.id, at: p.proved_at, stamp: p.stamp }))
    }

    /// The account signed in on this session, if any (not one a self-service reset is finding).
    pub fn signed_in_account(&self) -> Option<crate::types::AccountId> {
        self.state.person().filter(|_| self.state.signed_in()).map(|p| p.id)
    }

    /// The account whose person has proved who they are on this session — by signing in, or
    /// by a self-service reset's answers on the way to a new password — if any. A browser's
    /// session moves to a new token whenever this changes.
    pub fn proved_account(&self) -> Option<crate::types::AccountId> {
        self.state.person().map(|p| p.id)
    }

    /// The current screen, without acting and without checking the account (a session just
    /// made, or just reset). [`Session::look`] is what a person's window asks.
    pub fn current(&self) -> Response {
        self.respond(None, self.state.error_body())
    }

    /// The current screen, once the session has been checked as any action checks it
    /// ([`Session::still_holds`]): a session whose account was disabled, or whose password was
    /// set elsewhere since, shows the sign-in screen saying so rather than what it showed (the
    /// authenticators, the recovery codes left); one behind a door that now asks a second
    /// factor shows that door. Whether the state moved is [`Session::screen_name`]'s and
    /// [`Session::signed_in`]'s to tell.
    pub fn look(&mut self) -> Response {
        let stepped = match self.still_holds() {
            Ok(None) => return self.current(),
            Ok(Some(step)) => Ok(step),
            Err(e) => Err(e),
        };
        self.finish("look", stepped)
    }

    /// `show_help`, on any screen: the current screen as it is, with the help for whoever is on
    /// this session (the state is not touched, so nothing typed or chosen is lost).
    fn show_help(&self) -> Response {
        let mut response = self.current();
        match super::help::help(&self.cx, self.state.person()) {
            Ok(help) => response.help = Some(help),
            Err(e) => {
                tracing::error!(error = %e, "could not gather the help");
                response.error = Some(ErrorBody::of(codes::SSPR_5019, texts::SSPR_5019));
            }
        }
        response
    }

    /// `set_language`, on any screen: remembers the language for whoever is signed in (their
    /// mails and slips follow it), and answers with the screen as it is.
    fn set_language(&self, language: Language) -> Response {
        if let Some(p) = self.state.person() {
            if let Err(e) = self.cx.engine.store().set_language(p.id, language) {
                tracing::warn!(error = %e, "could not remember the language chosen");
            }
        }
        self.current()
    }

    /// The current state's screen with `error` (and the password checklist `rules`).
    fn respond(&self, rules: Option<super::state::Rules>, error: Option<ErrorBody>) -> Response {
        Response { screen: self.state.render(&self.cx, rules), error, signed_in: self.state.signed_in(), help: None }
    }

    /// Parses and applies one JSON request line.
    pub fn apply_json(&mut self, line: &str) -> Response {
        match parse_request(line) {
            Ok(action) => self.apply(action),
            Err(error) => self.respond(None, Some(error)),
        }
    }

    pub fn apply(&mut self, action: Action) -> Response {
        let name = action.name();
        let stepped = match action {
            // Help and the language leave the screen as it is — unless the session must end (or
            // go to a door) first, as any other action's would: then that happens instead.
            Action::ShowHelp | Action::SetLanguage { .. } => match self.still_holds() {
                Ok(None) => {
                    return match action {
                        Action::SetLanguage { language } => self.set_language(language),
                        _ => self.show_help(),
                    };
                }
                Ok(Some(step)) => Ok(step),
                Err(e) => Err(e),
            },
            action => self.step(action),
        };
        self.finish(name, stepped)
    }

    /// Moves to the state `stepped` names and answers with its screen; a system failure (logged)
    /// shows `SSPR 5019` with a way back.
    fn finish(&mut self, name: &'static str, stepped: Result<super::state::Step, Error>) -> Response {
        match stepped {
            Ok(step) => {
                if let Some(next) = step.next {
                    self.state = next;
                }
                let error = step.error.or_else(|| self.state.error_body());
                self.respond(step.rules, error)
            }
            Err(e) if e.is_internal() => {
                // Log the detail for the administrator; show the person only the guide's text.
                tracing::error!(action = name, error = %e, "internal failure in the wizard");
                let resume = std::mem::replace(&mut self.state, State::signed_out());
                self.state = State::error(codes::SSPR_5019, texts::SSPR_5019, resume);
                self.current()
            }
            Err(e) => self.respond(None, Some(ErrorBody::from(&e))),
        }
    }

    fn step(&mut self, action: Action) -> Result<super::state::Step, Error> {
        // Sign out is valid on every screen (DESIGN §2).
        if let Action::SignOut = action {
            if let Some(p) = self.state.person() {
                // Leaving must work even when the store cannot record it (a busy database must
                // not keep a kiosk signed in); the failure goes to the log.
                let e = &self.cx.engine;
                let rec = e.record(p.login.as_str(), p.login.as_str(), Event::SignOut, Outcome::Ok, "");
                if let Err(err) = e.store().append_audit(&rec) {
                    tracing::error!(error = %err, "could not audit a sign-out");
                }
            }
            return Ok(super::state::Step::go(State::signed_out()));
        }
        if let Some(step) = self.still_holds()? {
            return Ok(step);
        }
        self.state.handle(action, &self.cx)
    }

    /// `None` when the session may go on as it is; else where it goes instead of acting.
    fn still_holds(&self) -> Result<Option<super::state::Step>, Error> {
        // An account disabled or deleted by an administrator ends a session in progress (a
        // kiosk left signed in, a reset half done) at the person's next action; so does a new
        // password set since the person proved who they are here (an administrator's reset of
        // an account believed taken, or its owner's own change or reset elsewhere).
        if let Some(p) = self.state.person() {
            match self.cx.engine.store().account(p.id)? {
                Some(a) if !a.disabled && still_proved(p, &a) => {
                    // Reached without a second factor when none was needed, or with one the
                    // account no longer has; the account has a tested authenticator now (set up
                    // since, on another session): it is asked for before anything else here.
                    if let Some(door) = self.state.behind_the_second_factor() {
                        // A dashboard reached before the cut-over, by staff who have set up
                        // no authenticator since: the guide's "2FA required" from now on.
                        if door == super::portal::Door::Icon && two_factor_required(&self.cx.engine, p, &a)? {
                            return Ok(Some(super::portal::two_factor_required_page(&self.cx, p.clone())?));
                        }
                        if !factor_holds(&self.cx.engine, p, &a)? {
                            let login = p.login.as_str();
                            let detail = "the account has a tested authenticator now: its code is asked";
                            let rec = self.cx.engine.record(login, login, Event::AppOpened, Outcome::Refused, detail);
                            self.cx.engine.store().append_audit(&rec)?;
                            return Ok(Some(super::state::Step::go(PortalFlow::ask_second_factor(p.clone(), door))));
                        }
                    }
                }
                Some(a) if !a.disabled => {
                    let login = p.login.as_str();
                    let rec = self.cx.engine.record(
                        login,
                        login,
                        Event::SignOut,
                        Outcome::Ok,
                        "session ended: the password was changed elsewhere",
                    );
                    self.cx.engine.store().append_audit(&rec)?;
                    return Ok(Some(Cx::to_sign_in(
                        codes::PASSWORD_CHANGED_ELSEWHERE,
                        texts::PASSWORD_CHANGED_ELSEWHERE,
                    )));
                }
                _ => return Ok(Some(Cx::to_sign_in(codes::ACCOUNT_DISABLED, texts::ACCOUNT_DISABLED))),
            }
        }
        Ok(None)
    }

    /// The enrolment's QR code as PNG (for `--qr FILE.png` and printing), when on `add_soft_token`.
    pub fn qr_png(&self) -> Option<Vec<u8>> {
        match &self.state {
            State::TwoFactor(flow) => flow.qr_png(&self.cx),
            _ => None,
        }
    }

    /// The whole state, serialised and sealed with the data key, bound to `session_id`: what a
    /// server stores between requests. Secrets inside it (a new password being set, answers
    /// being chosen, a soft token's secret) are never written anywhere in clear.
    pub fn seal(&self, session_id: &[u8]) -> Result<Vec<u8>, Error> {
        let plain = Zeroizing::new(
            serde_json::to_vec(&self.state).map_err(|e| Error::Internal(format!("serialising a session: {e}")))?,
        );
        Ok(self.cx.engine.vault()?.seal(&plain, &seal_context(session_id)))
    }

    /// The session sealed by [`Session::seal`] under `session_id`, exactly as it was.
    pub fn unseal(engine: Arc<Engine>, session_id: &[u8], sealed: &[u8]) -> Result<Self, Error> {
        let plain = engine.vault()?.open(sealed, &seal_context(session_id))?;
        let state = serde_json::from_slice(&plain).map_err(|e| Error::Storage(format!("a sealed session: {e}")))?;
        Ok(Self { cx: Cx { engine }, state })
    }
}
