//! The wizard's state as data: one variant per flow, each flow holding the person once and the
//! screen it is on; the step an action produces; and the serde forms of what a state holds
//! (secrets and question references), so a whole session serialises and is restored identical.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::catalogue::{codes, texts};
use super::entry::{AccountLocked, Entry, SignIn, SignedOut};
use super::password::PasswordFlow;
use super::portal::PortalFlow;
use super::questions::QuestionsFlow;
use super::sspr::SsprFlow;
use super::two_factor::TwoFactorFlow;
use super::wire::{Action, Screen};
use crate::engine::{Engine, PasswordCheck};
use crate::error::{Error, ErrorBody};
use crate::policy::{PolicySubject, RuleResult, Strength};
use crate::store::{Account, CredentialStamp};
use crate::text::Text;
use crate::types::{AccountId, AccountKind, AuthenticatorId, FullName, Level, LoginId, SecretString};

/// The pattern of the listed actions, whatever their fields: `actions! { Cancel, OpenApp }` is
/// `Action::Cancel { .. } | Action::OpenApp { .. }`. Each screen's `handle` names the actions it
/// refuses with it instead of a wildcard, so a new action does not compile until every screen
/// has decided what to do with it. (`SignOut` and `ShowHelp` never reach a screen: the session
/// takes them first.)
macro_rules! actions {
    ($($variant:ident),+ $(,)?) => {
        $($crate::wizard::Action::$variant { .. })|+
            };
}
pub(super) use actions;

/// Where a session is: which flow, and in it which screen.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "flow", rename_all = "snake_case")]
pub(super) enum State {
    /// Sign-in, the locked notice, signed out.
    Entry(Entry),
    /// Choosing and confirming the challenge questions at first sign-in.
    Questions(QuestionsFlow),
    /// A new password (first sign-in or self-service reset).
    Password(PasswordFlow),
    /// Applications, the terms, the dashboard and the code that opens iCON.
    Portal(PortalFlow),
    /// Self-service password reset.
    Sspr(SsprFlow),
    /// Setting up two-factor authentication and managing authenticators.
    TwoFactor(TwoFactorFlow),
    /// An error page; Continue returns to `resume` (or to sign-in).
    Error(ErrorPage),
}

impl State {
    pub(super) fn sign_in(notice: Option<Text>) -> Self {
        State::Entry(Entry::SignIn(SignIn { notice }))
    }

    pub(super) fn signed_out() -> Self {
        State::Entry(Entry::SignedOut(SignedOut))
    }

    pub(super) fn error(code: &str, text: Text, resume: State) -> Self {
        State::Error(ErrorPage { code: code.to_owned(), text, resume: Box::new(resume) })
    }

    pub(super) fn name(&self) -> &'static str {
        match self {
            State::Entry(s) => s.name(),
            State::Questions(f) => f.name(),
            State::Password(f) => f.name(),
            State::Portal(f) => f.name(),
            State::Sspr(f) => f.name(),
            State::TwoFactor(f) => f.name(),
            State::Error(_) => ErrorPage::NAME,
        }
    }

    /// The person signed in (or half signed in), if any.
    pub(super) fn person(&self) -> Option<&Person> {
        match self {
            State::Entry(_) => None,
            State::Questions(f) => Some(&f.person),
            State::Password(f) => Some(&f.person),
            State::Portal(f) => Some(&f.person),
            State::Sspr(f) => f.person(),
            State::TwoFactor(f) => Some(&f.staff.person),
            State::Error(page) => page.resume.person(),
        }
    }

    /// Whether someone is signed in (with their password, a temporary one included): not before
    /// signing in, not in self-service reset (finding the account and answering its questions is
    /// not signing in), and on an error page as on the page it returns to.
    /// The account signed in all the way to the workspace dashboard, if any.
    pub(super) fn workspace_account(&self) -> Option<AccountId> {
        self.workspace_person().map(|p| p.id)
    }

    /// The person on the workspace dashboard, if any.
    pub(super) fn workspace_person(&self) -> Option<&Person> {
        match self {
            State::Portal(f) => f.in_workspace(),
            _ => None,
        }
    }

    /// Where this state lies behind a door that asks a second factor of someone who has a tested
    /// authenticator: the identity portal (every screen of the 2FA flow), iCON (its terms and
    /// the dashboard), or one's own change of password or of questions (every screen of it, the
    /// questions an administrator cleared included: a form opened with a factor since lost must
    /// not commit). `None` elsewhere.
    pub(super) fn behind_the_second_factor(&self) -> Option<super::portal::Door> {
        match self {
            State::TwoFactor(_) => Some(super::portal::Door::IdentityPortal),
            State::Portal(f) if f.past_icons_door() => Some(super::portal::Door::Icon),
            State::Password(f) => f.behind_own_door(),
            State::Questions(f) => f.behind_own_door(),
            _ => None,
        }
    }

    pub(super) fn signed_in(&self) -> bool {
        match self {
            State::Entry(_) | State::Sspr(_) => false,
            State::Questions(_) | State::Portal(_) | State::TwoFactor(_) => true,
            State::Password(f) => f.signed_in(),
            State::Error(page) => page.resume.signed_in(),
        }
    }

    /// Applies `action`. A refused action (an error, or a step without `next`) leaves the state
    /// as it was: handlers borrow it and move data out only into the state they return.
    pub(super) fn handle(&mut self, action: Action, cx: &Cx) -> Result<Step, Error> {
        match self {
            State::Entry(e) => e.handle(action, cx),
            State::Questions(f) => f.handle(action, cx),
            State::Password(f) => f.handle(action, cx),
            State::Portal(f) => f.handle(action, cx),
            State::Sspr(f) => f.handle(action, cx),
            State::TwoFactor(f) => f.handle(action, cx),
            State::Error(page) => page.handle(action),
        }
    }

    pub(super) fn render(&self, cx: &Cx, rules: Option<Rules>) -> Screen {
        match self {
            State::Entry(s) => s.render(cx),
            State::Questions(f) => f.render(cx),
            State::Password(f) => f.render(cx, rules),
            State::Portal(f) => f.render(cx),
            State::Sspr(f) => f.render(cx),
            State::TwoFactor(f) => f.render(cx),
            State::Error(page) => {
                Screen::Error { code: page.code.clone(), message: page.text.english(), message_text: page.text.clone() }
            }
        }
    }

    /// The error a state shows by itself (the error page's).
    pub(super) fn error_body(&self) -> Option<ErrorBody> {
        match self {
            State::Error(page) => Some(ErrorBody::of(page.code.clone(), page.text.clone())),
            _ => None,
        }
    }
}

/// The error page: the guides' numbered errors and the ones that end a path.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ErrorPage {
    code: String,
    text: Text,
    resume: Box<State>,
}

impl ErrorPage {
    const NAME: &'static str = "error";

    fn handle(&mut self, action: Action) -> Result<Step, Error> {
        on_continue(action, Self::NAME, || {
            // A system failure resumes where the person was, so retrying works; errors inside
            // the portal return to the applications page; the rest to sign-in.
            let resume = std::mem::replace(&mut *self.resume, State::sign_in(None));
            Ok(Step::go(match resume {
                resume if self.code == codes::SSPR_5019 => resume,
                State::Portal(f) => State::Portal(f.back_to_applications()),
                _ => State::sign_in(None),
            }))
        })
    }
}

/// The handler of a screen that waits only for Continue: `next` then, a refusal otherwise.
pub(super) fn on_continue(
    action: Action,
    screen: &str,
    next: impl FnOnce() -> Result<Step, Error>,
) -> Result<Step, Error> {
    match action {
        Action::Continue => next(),
        actions! {
        SignIn, SetQuestions, ConfirmQuestions, GoBack, AcceptTerms, Cancel, SignOut, ForgotPassword,
        ChangePassword, CheckPassword, OpenApp, SsprSearch, SsprAnswer, ChooseChangePassword, UnlockAccount,
        AddSoftToken, SubmitTotp, Setup2fa, ChooseMethod, SubmitEmailOtp, SaveSoftToken, SelectAuthenticator,
        DeleteAuthenticator, TestAuthenticator, ResendEmailOtp, ChangeMyPassword, ChangeMyQuestions, ShowHelp,
                SetLanguage, SubmitRecoveryCode, NewRecoveryCodes, AddSecurityKey, UseSecurityKey
        } => Ok(Step::refuse(&action, screen)),
    }
}

/// The authenticated (or half-authenticated, with a temporary password) person.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Person {
    pub(super) id: AccountId,
    pub(super) login: LoginId,
    pub(super) name: FullName,
    pub(super) kind: AccountKind,
    pub(super) level: Option<Level>,
    pub(super) generic: bool,
    /// When this person last proved who they are on this session (Unix seconds): the password
    /// at sign-in, then a second factor at iCON's door. What single sign-on tells apps as the
    /// authentication's time, and judges a demand for a fresh sign-in by. 0 — long ago — for a
    /// person found but not signed in (a self-service reset), and in a state sealed before it
    /// was kept.
    #[serde(default)]
    pub(super) proved_at: i64,
    /// True once this person gave a second factor on this session: a code (or a recovery code,
    /// or a key's touch) at a door that asks for it, or an authenticator's passed test. A
    /// session that reached the dashboard or the identity portal without one (none was needed
    /// then) is asked for it once the account has a tested authenticator (`Session::step`).
    #[serde(default)]
    pub(super) factor: bool,
    /// When that second factor was given (`None` in a state sealed before it was kept: then
    /// when the person last proved who they are): without [`Person::factor_by`], it holds while
    /// the account still has a tested authenticator enrolled by then — deleting them all (a lost
    /// phone reported to an administrator) ends it, and a new one set up since does not bring it
    /// back.
    #[serde(default)]
    pub(super) factor_at: Option<i64>,
    /// The authenticator that gave that second factor (its code, its touch, its passed test):
    /// the factor holds only while that one is still enrolled and tested — deleting or unbinding
    /// just the lost one ends it. `None` for a recovery code, and in a state sealed before it was
    /// kept: then [`Person::factor_at`]'s rule.
    #[serde(default)]
    pub(super) factor_by: Option<AuthenticatorId>,
    /// Which password the person proved who they are with here — or, found by a self-service
    /// reset, the password the account had then (`None` otherwise, and in a state sealed before
    /// it was kept): a password set on the account since — by an administrator's reset, or by
    /// its owner elsewhere — ends the session, even within the same second.
    #[serde(default)]
    pub(super) stamp: Option<CredentialStamp>,
}

impl Person {
    /// The person of account `a`, not (yet) proved on this session.
    pub(super) fn of(a: &Account) -> Self {
        Self {
            id: a.id,
            login: a.login.clone(),
            name: a.name.clone(),
            kind: a.kind,
            level: a.level,
            generic: a.generic,
            proved_at: 0,
            factor: false,
            factor_at: None,
            factor_by: None,
            stamp: None,
        }
    }

    /// The person of account `a` found by a self-service reset: not proved, but holding to the
    /// password the account has now — a password set elsewhere meanwhile (an administrator's
    /// reset of an account believed taken) ends the reset too.
    pub(super) fn found(a: &Account) -> Self {
        Self { stamp: Some(a.credential_stamp()), ..Self::of(a) }
    }

    /// The same person, having just proved who they are (at `now`) with the password `stamp`
    /// names.
    pub(super) fn proved(&self, now: i64, stamp: CredentialStamp) -> Self {
        Self { proved_at: now, stamp: Some(stamp), ..self.clone() }
    }

    /// The same person, having just given a second factor (at `now`, with authenticator `by`;
    /// `None` for a recovery code).
    pub(super) fn proved_with_factor(&self, now: i64, by: Option<AuthenticatorId>) -> Self {
        Self { proved_at: now, factor: true, factor_at: Some(now), factor_by: by, ..self.clone() }
    }

    /// Notes a second factor given at `now` by authenticator `by` (its passed test) without a
    /// new proof.
    pub(super) fn gave_factor(&mut self, now: i64, by: AuthenticatorId) {
        self.factor = true;
        self.factor_at = Some(now);
        self.factor_by = Some(by);
    }

    /// True when the second factor given on this session still holds among the account's
    /// `authenticators` ([`twofactor::factor_still_given`]).
    ///
    /// [`twofactor::factor_still_given`]: crate::twofactor::factor_still_given
    pub(super) fn factor_still_given(&self, authenticators: &[crate::store::Authenticator]) -> bool {
        let at = self.factor_at.unwrap_or(self.proved_at);
        self.factor && crate::twofactor::factor_still_given(authenticators, self.factor_by, at)
    }

    pub(super) fn policy_subject(&self) -> PolicySubject<'_> {
        PolicySubject { login: self.login.as_str(), full_name: self.name.as_str() }
    }
}

/// Why a new password is being set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Purpose {
    /// After signing in with a temporary password.
    FirstSignIn,
    /// Self-service password reset.
    Sspr,
    /// A signed-in person changing the password they know (`change_my_password`).
    OwnChoice,
}

/// The password checklist to show on `change_password` instead of the empty-input one.
pub(super) type Rules = (Vec<RuleResult>, Option<Strength>);

/// What one action did: the next state (`None` = stay) and an error to show with it.
pub(super) struct Step {
    pub(super) next: Option<State>,
    pub(super) error: Option<ErrorBody>,
    pub(super) rules: Option<Rules>,
}

impl Step {
    pub(super) fn go(next: State) -> Self {
        Self { next: Some(next), error: None, rules: None }
    }

    pub(super) fn stay(error: ErrorBody) -> Self {
        Self { next: None, error: Some(error), rules: None }
    }

    /// The answer to an action the current screen does not take: nothing changes.
    pub(super) fn refuse(action: &Action, screen: &str) -> Self {
        let text = Text::new("invalid-action").arg("action", action.name()).arg("screen", screen);
        Self::stay(ErrorBody::of(codes::INVALID_ACTION, text))
    }
}

/// What a handler works with: the engine, and the helpers every flow uses.
pub(super) struct Cx {
    pub(super) engine: Arc<Engine>,
}

impl Cx {
    /// The person's account as stored now.
    pub(super) fn account(&self, person: &Person) -> Result<Account, Error> {
        self.engine
            .store()
            .account(person.id)?
            .ok_or_else(|| Error::Internal("the account vanished during a step".into()))
    }

    /// The error page for `code`, which returns to sign-in.
    pub(super) fn to_sign_in(code: &str, text: Text) -> Step {
        Step::go(State::error(code, text, State::sign_in(None)))
    }

    /// A signed-in person's password, asked again before they change their password or their
    /// questions (so nobody at a kiosk left signed in can): `None` when it is right; else the
    /// step that refuses (a wrong one counts towards the lockout like a sign-in's).
    pub(super) fn confirm_password(
        &self,
        person: &Person,
        given: Option<&SecretString>,
    ) -> Result<Option<Step>, Error> {
        let Some(given) = given.filter(|g| !g.expose().is_empty()) else {
            let text = Text::new("current-password-needed");
            return Ok(Some(Step::stay(
                ErrorBody::of(codes::CURRENT_PASSWORD_WRONG, text).with_field("current_password"),
            )));
        };
        Ok(match self.engine.check_password(person.login.as_str(), given)? {
            PasswordCheck::Right(_) => None,
            PasswordCheck::Locked => Some(locked()),
            // Disabled while signed in: the session ends with the reason.
            PasswordCheck::Disabled => Some(Self::to_sign_in(codes::ACCOUNT_DISABLED, texts::ACCOUNT_DISABLED)),
            PasswordCheck::Wrong => {
                let text = Text::new("current-password-wrong");
                Some(Step::stay(ErrorBody::of(codes::CURRENT_PASSWORD_WRONG, text).with_field("current_password")))
            }
        })
    }

    /// A wrong, replayed or skewed code: say which (safely); a lockout ends the session.
    pub(super) fn code_failed(
        &self,
        person: &Person,
        check: crate::otp::TotpCheck,
        field: &str,
    ) -> Result<Step, Error> {
        let account = self.account(person)?;
        if account.is_locked() {
            return Ok(locked());
        }
        let (code, mut text) = crate::twofactor::explain(check);
        // A code used a moment ago (the test just passed, then the same code to open iCON):
        // say so plainly, with the wait for the next one.
        if check == crate::otp::TotpCheck::Replayed {
            if let Some((seconds, period)) = crate::twofactor::code_just_used(&self.engine, &account)? {
                text = crate::twofactor::next_code_text(seconds, period);
            }
        }
        Ok(Step::stay(ErrorBody::of(code, text).with_field(field)))
    }
}

impl Cx {
    /// How many recovery codes the person has left (0 when they cannot be read: logged).
    pub(super) fn recovery_codes_left(&self, person: &Person) -> usize {
        crate::recovery::left(&self.engine, person.id)
            .inspect_err(|e| tracing::error!(error = %e, "reading the recovery codes"))
            .unwrap_or(0)
    }

    /// `submit_recovery_code` where a second factor is asked: on a right code, the state
    /// `accepted` makes (given the account and the notice saying how many codes are left);
    /// a wrong one stays with a safe error; too many wrong codes lock as wrong TOTP codes do.
    pub(super) fn recovery_code(
        &self,
        person: &Person,
        code: &SecretString,
        accepted: impl FnOnce(&Account, Text) -> State,
    ) -> Result<Step, Error> {
        use crate::recovery::{self, Redeemed};
        let account = self.account(person)?;
        match recovery::redeem(&self.engine, &account, code.expose())? {
            Redeemed::Accepted { number, left } => {
                Ok(Step::go(accepted(&account, recovery::accepted_notice(number, left))))
            }
            Redeemed::Wrong => {
                let text = Text::new("recovery-code-wrong");
                Ok(Step::stay(ErrorBody::of(codes::RECOVERY_CODE_INCORRECT, text).with_field("recovery_code")))
            }
            Redeemed::Locked => self.code_failed(person, crate::otp::TotpCheck::Refused, "recovery_code"),
        }
    }
}

/// Serde for the secrets a state holds: written out only for [`super::Session::seal`], which
/// encrypts the result at once.
pub(super) mod secret {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::types::SecretString;

    pub fn serialize<S: Serializer>(s: &SecretString, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(s.expose())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SecretString, D::Error> {
        SecretString::deserialize(d)
    }
}

/// Serde for an optional secret of bytes (the soft token being enrolled), wiped on drop.
pub(super) mod secret_bytes {
    use serde::{Deserialize, Deserializer, Serializer};
    use zeroize::Zeroizing;

    pub fn serialize<S: Serializer>(s: &Option<Zeroizing<Vec<u8>>>, ser: S) -> Result<S::Ok, S::Error> {
        match s {
            Some(bytes) => ser.serialize_some(bytes.as_slice()),
            None => ser.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Zeroizing<Vec<u8>>>, D::Error> {
        Ok(Option::<Vec<u8>>::deserialize(d)?.map(Zeroizing::new))
    }
}

/// Serde for a question of the catalogue, by its stable id.
pub(super) mod question {
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    use crate::questions::{self, Question};

    pub fn serialize<S: Serializer>(q: &&'static Question, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(q.id)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static Question, D::Error> {
        let id = String::deserialize(d)?;
        questions::by_id(&id).ok_or_else(|| D::Error::custom(format!("unknown question id {id:?}")))
    }
}

/// The `account_locked` screen (a lockout ends whatever the person was doing).
pub(super) fn locked() -> Step {
    Step::go(State::Entry(Entry::AccountLocked(AccountLocked)))
}
