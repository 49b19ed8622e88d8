//! Administrator sign-in (DESIGN §5): the password and a code from a tested authenticator, for an
//! account that holds an administrator role. It opens the console and lets an administrator close
//! a lab kiosk. Failures count towards the same lockout as the wizard's sign-in; every attempt is
//! audited with its detail while the person is told only what is safe.

use std::sync::Arc;

use serde::Serialize;

use crate::admin::Admin;
use crate::audit::{Event, Outcome};
use crate::engine::{Engine, PasswordCheck};
use crate::error::Error;
use crate::otp::TotpCheck;
use crate::twofactor;
use crate::types::{Location, Role, SecretString};

/// Why an administrator sign-in was refused: a stable `code` and a message safe to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub code: &'static str,
    pub message: &'static str,
}

pub mod codes {
    pub const SIGN_IN_FAILED: &str = "admin_sign_in_failed";
    pub const ACCOUNT_LOCKED: &str = "account_locked";
    pub const NOT_ADMINISTRATOR: &str = "not_administrator";
    pub const NO_AUTHENTICATOR: &str = "no_authenticator";
    pub const TEMPORARY_PASSWORD: &str = "temporary_password";
}

const SIGN_IN_FAILED: Refusal =
    Refusal { code: codes::SIGN_IN_FAILED, message: "The login ID, password or authenticator code is not correct." };
const ACCOUNT_LOCKED: Refusal =
    Refusal { code: codes::ACCOUNT_LOCKED, message: "This account is locked. Another administrator can unlock it." };
const NOT_ADMINISTRATOR: Refusal =
    Refusal { code: codes::NOT_ADMINISTRATOR, message: "This account is not an administrator's (SA, LA or AO)." };
const NO_AUTHENTICATOR: Refusal = Refusal {
    code: codes::NO_AUTHENTICATOR,
    message: "Administrators sign in with an authenticator: set one up and test it in the portal first.",
};
const TEMPORARY_PASSWORD: Refusal = Refusal {
    code: codes::TEMPORARY_PASSWORD,
    message: "Finish your first sign-in in the portal (your password is still temporary).",
};

/// A signed-in administrator: their login ID, roles and location, and the operations as them.
#[derive(Debug, Clone)]
pub struct AdminIdentity {
    pub login: String,
    pub roles: Vec<Role>,
    /// The administrator's own location: the only one they act in (DESIGN §1).
    pub location: Location,
}

impl AdminIdentity {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// True when `login` is this administrator's own login ID (in any letter case).
    pub fn is(&self, login: &str) -> bool {
        self.login.trim().eq_ignore_ascii_case(login.trim())
    }

    /// The operations as this administrator, held to their roles and location
    /// ([`Admin::scoped`]).
    pub fn admin(&self, engine: Arc<Engine>) -> Admin {
        Admin::scoped(engine, self.clone())
    }
}

/// Signs an administrator in with `password` and a current `code` of a tested authenticator,
/// for `purpose` (written to the audit log, e.g. "console" or "kiosk exit").
pub fn sign_in(
    engine: &Engine,
    login: &str,
    password: &SecretString,
    code: &str,
    purpose: &str,
) -> Result<Result<AdminIdentity, Refusal>, Error> {
    let account = match engine.check_password(login, password)? {
        PasswordCheck::Right(account) => *account,
        PasswordCheck::Wrong => return Ok(Err(SIGN_IN_FAILED)),
        PasswordCheck::Locked => return Ok(Err(ACCOUNT_LOCKED)),
    };
    let login = account.login.to_string();
    let refuse = |refusal: Refusal, detail: &str| -> Result<Result<AdminIdentity, Refusal>, Error> {
        engine.store().append_audit(&engine.record(
            &login,
            &login,
            Event::SignInFailed,
            Outcome::Refused,
            format!("administrator sign-in ({purpose}): {detail}"),
        ))?;
        Ok(Err(refusal))
    };
    if account.roles.is_empty() {
        return refuse(NOT_ADMINISTRATOR, "no administrator role");
    }
    if account.temporary_until.is_some() {
        return refuse(TEMPORARY_PASSWORD, "temporary password");
    }
    if !twofactor::has_tested(engine, &account)? {
        return refuse(NO_AUTHENTICATOR, "no tested authenticator");
    }
    match twofactor::verify(engine, &account, code.trim(), None, false)? {
        TotpCheck::Accepted { .. } => {}
        // `verify` has counted and audited the wrong code (and locked after too many).
        _ => {
            let locked = engine.store().account_by_login(&account.login)?.is_some_and(|a| a.is_locked());
            return Ok(Err(if locked { ACCOUNT_LOCKED } else { SIGN_IN_FAILED }));
        }
    }
    let roles: Vec<&str> = account.roles.iter().map(|r| r.as_str()).collect();
    engine.store().append_audit(&engine.record(
        &login,
        &login,
        Event::SignIn,
        Outcome::Ok,
        format!("administrator sign-in ({purpose}) as {}", roles.join("+")),
    ))?;
    Ok(Ok(AdminIdentity { login, roles: account.roles, location: account.location }))
}
