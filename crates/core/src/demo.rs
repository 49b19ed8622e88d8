//! A demonstration school (`--demo`): accounts in every state the guides describe, with
//! documented demo-only passwords, so a newcomer can walk every flow by typing JSON lines.
//! Seeding is idempotent: accounts that exist are left as they are.

use std::path::Path;

use serde::Serialize;

use crate::config::CONFIG_FILE_NAME;

use crate::audit::{Event, Outcome};
use crate::engine::Engine;
use crate::error::Error;
use crate::hashing;
use crate::otp::{self, OtpParams};
use crate::questions;
use crate::store::{AccountFilter, NewAccount, StoredAnswer};
use crate::text::Text;
use crate::twofactor;
use crate::types::{AccountKind, ClassLabel, EmailAddress, FullName, Level, Location, LoginId, Role};

/// The demo school's location code.
pub const LOCATION: &str = "DEMO01";
/// Temporary password of the demo accounts that start on the first-sign-in path.
pub const TEMPORARY_PASSWORD: &str = "Sunrise-Harbor-42";
/// Password of the demo accounts that are already set up.
pub const PASSWORD: &str = "Blue-Otter-Lantern-7";
/// Challenge answers of the set-up demo accounts, in the student guide's example.
pub const ANSWERS: [(&str, &str); 3] =
    [("favourite_colour", "yellow"), ("favourite_animal", "hamster"), ("favourite_book", "The Good Earth")];

/// The demo administrator, and the authenticator secret (base32) of their tested soft token:
/// codes for the console and the kiosk exit come from `oathtool --totp -b <secret>`.
pub const ADMIN_LOGIN: &str = "Irene_Tan@schools.gov.sg";
pub const ADMIN_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// A demo account and its password. What state it is in and what to try with it are said by
/// `gatehouse-cli --demo` in its catalogue (`cli-demo-<login>-state`, `-try`).
#[derive(Debug, Clone, Serialize)]
pub struct DemoAccount {
    pub login: &'static str,
    pub password: &'static str,
}

struct Spec {
    login: &'static str,
    name: &'static str,
    kind: AccountKind,
    level: Option<Level>,
    roles: &'static [Role],
    work_email: Option<&'static str>,
    temporary: Option<i64>,
    answers: bool,
    terms: bool,
    locked: bool,
    /// A tested soft token with `ADMIN_TOTP_SECRET`.
    authenticator: bool,
    /// A student's class.
    class: Option<&'static str>,
    /// Disabled by an administrator (an "inactive account").
    disabled: bool,
}

const DAY: i64 = 86_400;

fn specs() -> Vec<Spec> {
    use AccountKind::*;
    let student = |login, name, level, class| Spec {
        login,
        name,
        kind: Student,
        level: Some(level),
        roles: &[],
        work_email: None,
        temporary: None,
        answers: true,
        terms: true,
        locked: false,
        authenticator: false,
        class,
        disabled: false,
    };
    vec![
        Spec {
            temporary: Some(7 * DAY),
            answers: false,
            terms: false,
            ..student("Ada_Lim@students.edu.sg", "Ada Lim", Level::P4_6, Some("4A"))
        },
        Spec {
            temporary: Some(7 * DAY),
            terms: false,
            ..student("Ben_Tan@students.edu.sg", "Ben Tan", Level::Secondary, Some("Sec 3 Integrity"))
        },
        student("Chloe_Ng@students.edu.sg", "Chloe Ng", Level::P1_3, Some("2B")),
        Spec { locked: true, ..student("Dev_Kumar@students.edu.sg", "Dev Kumar", Level::JcMi, Some("JC1 A")) },
        Spec {
            temporary: Some(-DAY),
            answers: false,
            terms: false,
            ..student("Eve_Goh@students.edu.sg", "Eve Goh", Level::Secondary, Some("Sec 3 Integrity"))
        },
        Spec {
            answers: false,
            ..student("Faris_Ali@students.edu.sg", "Faris Ali", Level::Secondary, Some("Sec 1 Courage"))
        },
        Spec {
            kind: SchoolStaff,
            level: None,
            roles: &[Role::Sa, Role::La],
            work_email: Some("grace.lee@ces.gov.sg"),
            ..student("Grace_Lee@schools.gov.sg", "Grace Lee", Level::P1_3, None)
        },
        Spec {
            kind: SchoolStaff,
            level: None,
            roles: &[Role::Sa, Role::La],
            work_email: Some("irene.tan@ces.gov.sg"),
            authenticator: true,
            ..student(ADMIN_LOGIN, "Irene Tan", Level::P1_3, None)
        },
        Spec {
            kind: HqStaff,
            level: None,
            work_email: Some("henry_wong@moe.edu.sg"),
            temporary: Some(7 * DAY),
            answers: false,
            terms: false,
            ..student("Henry_Wong@hq.moe.gov.sg", "Henry Wong", Level::P1_3, None)
        },
        Spec { disabled: true, ..student("Gus_Tay@students.edu.sg", "Gus Tay", Level::P4_6, Some("4A")) },
    ]
}

/// Writes the demo school's configuration once: its data key lives in a key file beside the
/// database (demo data is disposable, and the demo then works the same with or without a desktop
/// keyring). Real installs keep the default, the OS keyring. An existing file is left as it is.
/// A directory that already holds an embedded store but no configuration is a real school's (the
/// demo writes its configuration first): refused, so that its data key never moves from the
/// keyring to a file and no demo account joins it.
pub fn write_config(dir: &Path) -> Result<(), Error> {
    let path = dir.join(CONFIG_FILE_NAME);
    if path.exists() {
        return Ok(());
    }
    if dir.join(crate::store::DB_FILE_NAME).exists() {
        return Err(Error::Refused(Text::new("demo-config-refused").arg("dir", dir.display())));
    }
    let text = "# Demo school only: see `gatehouse-cli config init` for every setting and its default.\n\
                [secrets]\n# The data key in gatehouse.key here, not the OS keyring (demo data is disposable).\n\
                key_store = \"file\"\n";
    crate::files::write_new(&path, text.as_bytes())
        .map_err(|e| Error::Config(format!("cannot write {}: {e}", path.display())))
}

/// Refuses to reset the store in `dir` unless every account in it belongs to the demo school:
/// a reset must never delete a real school's accounts.
pub fn check_resettable(engine: &Engine, dir: &Path) -> Result<(), Error> {
    match outside_the_demo(engine)? {
        Some(other) => {
            Err(Error::Refused(Text::new("demo-reset-refused").arg("dir", dir.display()).arg("login", other)))
        }
        None => Ok(()),
    }
}

/// The login of an account outside the demo school in the engine's store, if there is one.
fn outside_the_demo(engine: &Engine) -> Result<Option<String>, Error> {
    let all = engine.store().list_accounts(&AccountFilter::default())?;
    Ok(all.into_iter().find(|a| a.location.as_str() != LOCATION).map(|a| a.login.to_string()))
}

/// The demo school's login IDs, in the order [`seed`] describes them.
pub fn logins() -> Vec<&'static str> {
    specs().iter().map(|s| s.login).collect()
}

/// Creates the demo school's accounts that do not exist yet and describes all of them.
/// Refused (`demo-seed-refused`) in a store that holds any account outside the demo school: its
/// administrators' passwords and authenticator secret are published, so they must never reach
/// a real school.
pub fn seed(engine: &Engine) -> Result<Vec<DemoAccount>, Error> {
    if let Some(other) = outside_the_demo(engine)? {
        return Err(Error::Refused(Text::new("demo-seed-refused").arg("login", other)));
    }
    let store = engine.store();
    let now = engine.now();
    let actor = "demo";
    let mut out = Vec::new();
    for s in specs() {
        let login = LoginId::parse(s.login)?;
        let password = if s.temporary.is_some() { TEMPORARY_PASSWORD } else { PASSWORD };
        out.push(DemoAccount { login: s.login, password });
        if store.account_by_login(&login)?.is_some() {
            continue;
        }
        let new = NewAccount {
            login: login.clone(),
            name: FullName::parse(s.name)?,
            kind: s.kind,
            level: s.level,
            location: Location::parse(LOCATION)?,
            work_email: s.work_email.map(EmailAddress::parse).transpose()?,
            generic: false,
            roles: s.roles.to_vec(),
            password_hash: hashing::hash(password.as_bytes())?,
            temporary_until: s.temporary.map(|d| now + d),
            terms_accepted_at: s.terms.then_some(now),
            class: s.class.map(ClassLabel::parse).transpose()?,
        };
        let rec = engine.record(actor, s.login, Event::AccountCreated, Outcome::Ok, "demo school");
        let id = store.create_accounts(&[new], &[rec])?[0];
        if s.answers {
            let answers = ANSWERS
                .iter()
                .map(|(q, a)| {
                    Ok(StoredAnswer {
                        question_id: (*q).into(),
                        hash: hashing::hash(questions::normalise(a).as_bytes())?,
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            store.set_answers(
                id,
                &answers,
                engine.record(actor, s.login, Event::QuestionsSet, Outcome::Ok, "demo school"),
            )?;
        }
        if s.authenticator {
            let account = store.account_by_login(&login)?.ok_or_else(|| Error::NotFound(s.login.into()))?;
            let secret = otp::parse_base32(ADMIN_TOTP_SECRET)?;
            let token =
                twofactor::enrol_soft_token(engine, &account, &secret, OtpParams::default(), "Demo authenticator")?;
            // Step 0 marks it tested without using up any real time step.
            store.use_totp_step(
                token,
                0,
                now,
                true,
                engine.record(actor, s.login, Event::TokenTested, Outcome::Ok, "demo school"),
            )?;
        }
        if s.disabled {
            store.set_disabled(
                id,
                true,
                engine.record(actor, s.login, Event::AccountDisabled, Outcome::Ok, "demo school"),
            )?;
        }
        if s.locked {
            let threshold = engine.config().lockout.password_threshold;
            for _ in 0..threshold {
                store.record_password_failure(
                    id,
                    threshold,
                    now,
                    engine.record(actor, s.login, Event::SignInFailed, Outcome::Failed, "demo school: wrong password"),
                    engine.record("system", s.login, Event::Lockout, Outcome::Ok, "demo school"),
                )?;
            }
        }
    }
    Ok(out)
}
