//! Who an administrator is and what they may touch (DESIGN §1): the signed-in administrator and
//! the scope rules that hold them to their roles and location. [`crate::console`] signs
//! administrators in and [`crate::admin`] applies these rules to every operation; both depend on
//! this module and neither on the other.

use crate::audit::Event;
use crate::store::{Account, Transfer};
use crate::text::Text;
use crate::types::{AccountKind, AuthenticatorId, Location, Role};

/// A signed-in administrator: their login ID, roles and location.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AdminIdentity {
    pub login: String,
    pub roles: Vec<Role>,
    /// The administrator's own location: the only one they act in (DESIGN §1).
    pub location: Location,
    /// When they signed in (Unix seconds): a password set on the account after it ends the
    /// console's session ([`crate::console::still_administrator`]).
    #[serde(default)]
    pub signed_in_at: crate::clock::Timestamp,
    /// Which password they signed in with: a password set on the account since — even within
    /// the same second — ends the console's session too. Kept where the session is kept (the
    /// app's memory, the server's sealed sessions), never sent to a window or a client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<crate::store::CredentialStamp>,
    /// The authenticator whose code or touch signed them in: the console holds only while that
    /// one is still enrolled and tested — deleting just the lost phone ends a console its finder
    /// signed in to, whatever other authenticator stays or is set up since. `None` for a
    /// recovery code, and in a session saved before it was kept: then any tested authenticator
    /// enrolled by [`AdminIdentity::factor_at`]. Kept like the stamp, never shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_by: Option<AuthenticatorId>,
    /// When that second factor was given (Unix seconds; [`AdminIdentity::signed_in_at`] in a
    /// session saved before it was kept): an authenticator enrolled after it never holds the
    /// console (SQLite may give a deleted authenticator's id to the next one enrolled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_at: Option<crate::clock::Timestamp>,
}

impl AdminIdentity {
    /// The identity as a window or a thin client is told it: without the stamp, nor which
    /// authenticator signed in.
    pub fn shown(&self) -> Self {
        Self { stamp: None, factor_by: None, factor_at: None, ..self.clone() }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// True when `login` is this administrator's own login ID (in any letter case).
    pub fn is(&self, login: &str) -> bool {
        self.login.trim().eq_ignore_ascii_case(login.trim())
    }
}

/// An operation, for the scope rules and the audit record of a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Read,
    Create,
    ResetPassword,
    Unlock,
    ClearQuestions,
    SetWorkEmail,
    DeleteAuthenticators,
    ImportTokens,
    FreeToken,
    RequestTransfer,
    DecideTransfer,
    Edit,
    Disable,
    Enable,
    Delete,
    Promote,
    /// Reading a person's undelivered mails (live email OTPs among them).
    ReadMails,
}

impl Op {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Read => "show",
            Self::Create => "create",
            Self::ResetPassword => "reset_password",
            Self::Unlock => "unlock",
            Self::ClearQuestions => "clear_questions",
            Self::SetWorkEmail => "set_work_email",
            Self::DeleteAuthenticators => "delete_authenticators",
            Self::ImportTokens => "import_tokens",
            Self::FreeToken => "free_token",
            Self::RequestTransfer => "request_transfer",
            Self::DecideTransfer => "decide_transfer",
            Self::Edit => "edit",
            Self::Disable => "disable",
            Self::Enable => "enable",
            Self::Delete => "delete",
            Self::Promote => "promote",
            Self::ReadMails => "mails",
        }
    }

    pub(crate) fn event(self) -> Event {
        match self {
            Self::Read => Event::AccountViewed,
            Self::Create => Event::AccountCreated,
            Self::ResetPassword => Event::PasswordReset,
            Self::Unlock => Event::Unlock,
            Self::ClearQuestions => Event::QuestionsCleared,
            Self::SetWorkEmail => Event::AccountUpdated,
            Self::DeleteAuthenticators => Event::TokenDeleted,
            Self::ImportTokens => Event::TokensImported,
            Self::FreeToken => Event::TokenFreed,
            Self::RequestTransfer => Event::TransferRequested,
            Self::DecideTransfer => Event::TransferDecided,
            Self::Edit => Event::AccountUpdated,
            Self::Disable => Event::AccountDisabled,
            Self::Enable => Event::AccountEnabled,
            Self::Delete => Event::AccountDeleted,
            Self::Promote => Event::AccountPromoted,
            Self::ReadMails => Event::MailsViewed,
        }
    }
}

pub(crate) fn role_name(role: Role) -> &'static str {
    match role {
        Role::Sa => "SA",
        Role::La => "LA",
        Role::Ao => "AO",
    }
}

/// The administrator's roles as the messages show them, `SA+LA`; `none` (which the messages
/// translate) for none.
pub(crate) fn roles_of(id: &AdminIdentity) -> String {
    if id.roles.is_empty() {
        return "none".into();
    }
    id.roles.iter().map(|r| role_name(*r)).collect::<Vec<_>>().join("+")
}

/// The role that administers accounts of `kind` (the messages name the accounts by it).
pub(crate) fn role_for(kind: AccountKind) -> Role {
    if kind.is_staff() {
        Role::La
    } else {
        Role::Sa
    }
}

/// The kinds of account a scoped administrator reads and acts on: students for an SA, staff for
/// an LA, both for someone who is both.
pub(crate) fn kinds_of(id: &AdminIdentity) -> Vec<AccountKind> {
    let mut kinds = Vec::new();
    if id.has(Role::Sa) {
        kinds.push(AccountKind::Student);
    }
    if id.has(Role::La) {
        kinds.extend([AccountKind::SchoolStaff, AccountKind::HqStaff]);
    }
    kinds
}

/// DESIGN §1: an SA acts on students of their own location, an LA on staff (school and HQ) of
/// their own location; several roles give the union.
pub(crate) fn account_rule(id: &AdminIdentity, a: &Account) -> Result<(), Text> {
    let role = role_name(role_for(a.kind));
    if !id.has(role_for(a.kind)) {
        return Err(Text::new("scope-role-acts-on").arg("role", role).arg("roles", roles_of(id)));
    }
    if a.location != id.location {
        return Err(Text::new("scope-location-acts-on").arg("role", role).arg("location", id.location.as_str()));
    }
    Ok(())
}

/// The console reads an administrator's account but never changes it: whoever could reset the
/// password, the work email or the authenticators of an account with a role could sign in as it
/// and hold that role, and a peer could act under another administrator's name. Administrator
/// accounts are looked after by the machine's operator (`gatehouse-cli admin …`) and by their
/// holders' own self-service (the tiered model of directory services: a delegated administrator
/// never resets a privileged account). Another administrator's undelivered mails are theirs
/// too: an email OTP in them would let a peer enrol an authenticator on that account.
pub(crate) fn administrator_rule(op: Op, a: &Account) -> Result<(), Text> {
    if op == Op::Read || a.roles.is_empty() {
        return Ok(());
    }
    let roles = a.roles.iter().map(|r| role_name(*r)).collect::<Vec<_>>().join("+");
    Err(Text::new("scope-administrator-account")
        .arg("op", op.name())
        .arg("login", a.login.as_str())
        .arg("roles", roles))
}

/// An SA creates students, an LA staff, in their own location, granting only roles they hold:
/// the rule for an account of `kind` at `location` holding `roles`.
pub(crate) fn create_rule(
    id: &AdminIdentity,
    kind: AccountKind,
    location: &Location,
    roles: &[Role],
) -> Result<(), Text> {
    let role = role_name(role_for(kind));
    if !id.has(role_for(kind)) {
        return Err(Text::new("scope-role-creates").arg("role", role).arg("roles", roles_of(id)));
    }
    if *location != id.location {
        return Err(Text::new("scope-location-creates").arg("role", role).arg("location", id.location.as_str()));
    }
    if let Some(r) = roles.iter().find(|r| !id.has(**r)) {
        return Err(Text::new("scope-grants-held-roles").arg("roles", roles_of(id)).arg("role", role_name(*r)));
    }
    Ok(())
}

/// An LA requests the transfer of a staff member or a student of their own location.
pub(crate) fn transfer_request_rule(id: &AdminIdentity, a: &Account) -> Result<(), Text> {
    if !id.has(Role::La) {
        return Err(Text::new("scope-la-requests-transfers").arg("roles", roles_of(id)));
    }
    if a.location != id.location {
        return Err(Text::new("scope-la-transfers-location").arg("location", id.location.as_str()));
    }
    Ok(())
}

/// An AO decides the requests whose target is their own location.
pub(crate) fn transfer_decision_rule(id: &AdminIdentity, t: &Transfer) -> Result<(), Text> {
    if !id.has(Role::Ao) {
        return Err(Text::new("scope-ao-decides-transfers").arg("roles", roles_of(id)));
    }
    if t.to_location != id.location {
        return Err(Text::new("scope-ao-transfers-location").arg("location", id.location.as_str()));
    }
    Ok(())
}
