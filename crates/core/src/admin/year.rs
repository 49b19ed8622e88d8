//! The school year (issue 15): an administrator edits who a person is (name, level, location,
//! class), disables and enables an account (the guides' "inactive account"), deletes one (its
//! history stays in the audit log), resets a whole class, and promotes a whole level or class
//! at year end — previewed first, then applied in one transaction.
//!
//! A promotion is made safe to run at year end without knowing its order: a new level applies
//! to a class at a time (a level holds every year of its band, P1–P3 alike); the next class is
//! never invented past a level's last year (6A of P4–P6 is shown as leaving, not made "7A"); a
//! student already moved to another class by a promotion in the last [`PromotionReport::PROMOTED_WITHIN_DAYS`]
//! days is not moved by the next class again; and the operator names a location or
//! `--all-locations` when the students selected are at more than one.
//!
//! Scope is [`Admin`]'s: a console administrator edits, disables, enables, deletes and promotes
//! only accounts they act on (SA: students, LA: staff, of their own location; never their own
//! account nor an administrator's). Moving an account to another location is the operator's
//! (the command line): in the console a location changes through a transfer request that the
//! target location's AO approves, so nobody pushes a person into a school they do not
//! administer.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{parse_class, AccountView, Admin, IssuedPassword};
use crate::audit::{AuditQuery, Event, Outcome};
use crate::config::Audience;
use crate::error::Error;
use crate::scope::{role_for, role_name, roles_of, Op};
use crate::store::{Account, AccountFilter, ProfileChange};
use crate::text::Text;
use crate::types::{AccountKind, ClassLabel, FullName, Level, Location, Role};

/// Changes to one account: `None` leaves a field as it is; an empty class removes the class.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AccountEdit {
    pub name: Option<String>,
    pub level: Option<String>,
    pub location: Option<String>,
    pub class: Option<String>,
}

/// Whom a year-end promotion moves and where to: students of `level` and/or `class` (at
/// `location`; a console administrator's own), to `to_level` and/or `to_class` — or each to
/// their next class (`next_class`: 3A becomes 4A).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PromoteRequest {
    pub level: Option<String>,
    pub class: Option<String>,
    pub location: Option<String>,
    pub to_level: Option<String>,
    /// The new class; empty removes it.
    pub to_class: Option<String>,
    pub next_class: bool,
    /// How many accounts the preview showed: applying refuses when it is no longer so.
    pub expect: Option<usize>,
    /// The operator's: every location's students, when no `location` is named and the selection
    /// holds students of more than one (without it, that is refused).
    pub all_locations: bool,
}

/// One student's promotion, as previewed or applied.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Promotion {
    pub login: String,
    pub name: String,
    pub location: String,
    pub level: Option<Level>,
    pub to_level: Option<Level>,
    pub class: Option<String>,
    pub to_class: Option<String>,
    /// The dashboard apps the new level adds and takes away (P3 → P4 adds Gmail).
    pub apps_gained: Vec<String>,
    pub apps_lost: Vec<String>,
}

/// A selected student a promotion leaves as they are, and shows why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Unmoved {
    pub login: String,
    pub name: String,
    pub location: String,
    pub level: Option<Level>,
    pub class: Option<String>,
}

/// A promotion's preview (`applied: false`) or its result.
#[derive(Debug, Clone, Serialize)]
pub struct PromotionReport {
    pub applied: bool,
    pub count: usize,
    pub accounts: Vec<Promotion>,
    /// In the last year of their level (6A of p4_6, Sec 5, JC2): the next class would pass its
    /// end, so they stay as they are (they leave, or move on by class with a new level).
    pub leaving: Vec<Unmoved>,
    /// Moved to another class by a promotion in the last [`PromotionReport::PROMOTED_WITHIN_DAYS`] days: the next
    /// class would move them twice.
    pub already_promoted: Vec<Unmoved>,
}

impl PromotionReport {
    /// A student's class moved by a promotion this many days ago is not moved by `next_class`
    /// again (a second run, or a level run after its classes were promoted one by one).
    pub const PROMOTED_WITHIN_DAYS: i64 = 180;
}

impl Admin {
    /// Changes the name, level, location and/or class of one account (a level changes the
    /// person's apps with it). Audited with what changed; nothing that differs, nothing written.
    pub fn edit(&self, login: &str, edit: &AccountEdit) -> Result<AccountView, Error> {
        if edit.name.is_none() && edit.level.is_none() && edit.location.is_none() && edit.class.is_none() {
            return Err(Error::invalid("changes", Text::new("edit-nothing")));
        }
        let a = self.find_for(Op::Edit, login)?;
        let name = edit.name.as_deref().map(FullName::parse).transpose()?.unwrap_or_else(|| a.name.clone());
        let level = match edit.level.as_deref() {
            Some(_) if a.kind.is_staff() => return Err(Error::invalid("level", Text::new("level-students-only"))),
            Some(raw) => Some(Level::parse(raw)?),
            None => a.level,
        };
        let class = match edit.class.as_deref() {
            Some(raw) => parse_class(Some(raw))?,
            None => a.class.clone(),
        };
        if a.kind.is_staff() && class.is_some() {
            return Err(Error::invalid("class", Text::new("class-students-only")));
        }
        let location = edit.location.as_deref().map(Location::parse).transpose()?.unwrap_or_else(|| a.location.clone());
        if let Some(id) = self.scope.as_ref().filter(|id| location != id.location) {
            let rule = Text::new("scope-location-moves").arg("location", id.location.as_str());
            return Err(self.refuse(Op::Edit, a.login.as_str(), rule));
        }
        let change = ProfileChange { id: a.id, name, level, location, class, was_at: a.location.clone() };
        let changed = differences(&a, &change);
        if !changed.is_empty() {
            let rec = self.engine.record(
                &self.actor,
                a.login.as_str(),
                Event::AccountUpdated,
                Outcome::Ok,
                changed.join(", "),
            );
            self.engine.store().update_profiles(&[change], &[rec])?;
        }
        self.show(login)
    }

    /// Disables an account: refused at sign-in (`account_disabled`) and in self-service reset
    /// until enabled. Disabling a disabled account changes nothing.
    pub fn disable(&self, login: &str) -> Result<AccountView, Error> {
        self.set_disabled(Op::Disable, login, true)
    }

    /// Enables a disabled account again (its password, questions and authenticators are as they
    /// were).
    pub fn enable(&self, login: &str) -> Result<AccountView, Error> {
        self.set_disabled(Op::Enable, login, false)
    }

    fn set_disabled(&self, op: Op, login: &str, disabled: bool) -> Result<AccountView, Error> {
        let a = self.find_for(op, login)?;
        if a.disabled != disabled {
            let rec = self.engine.record(&self.actor, a.login.as_str(), op.event(), Outcome::Ok, "by administrator");
            self.engine.store().set_disabled(a.id, disabled, rec)?;
        }
        self.show(login)
    }

    /// Deletes an account with its challenge answers and authenticators (a hardware token it held
    /// is free again); the audit log keeps its history. Returns the account as it was.
    pub fn delete(&self, login: &str) -> Result<AccountView, Error> {
        let a = self.find_for(Op::Delete, login)?;
        let view = AccountView::of(&a, &self.engine);
        let authenticators = self.engine.store().authenticators(a.id)?.len();
        let detail = format!(
            "{} at {}; {authenticators} authenticator(s) removed with it",
            a.kind.as_str(),
            a.location.as_str()
        );
        let rec = self.engine.record(&self.actor, a.login.as_str(), Event::AccountDeleted, Outcome::Ok, detail);
        self.engine.store().delete_account(a.id, rec)?;
        Ok(view)
    }

    /// New temporary passwords for every student of `class` (at `location`; a console
    /// administrator's own): the class's slips. The operator names a location when that class
    /// is found at more than one (see [`Admin::reset_class_in`]).
    pub fn reset_class(&self, class: &str, location: Option<&str>) -> Result<Vec<IssuedPassword>, Error> {
        self.reset_class_in(class, location, false)
    }

    /// [`Admin::reset_class`], where `all_locations` lets the operator reset that class at every
    /// location holding one.
    pub fn reset_class_in(
        &self,
        class: &str,
        location: Option<&str>,
        all_locations: bool,
    ) -> Result<Vec<IssuedPassword>, Error> {
        let class = ClassLabel::parse(class)?;
        let students = self.students(Op::ResetPassword, None, Some(class), location, all_locations)?;
        let logins: Vec<String> = students.iter().map(|a| a.login.to_string()).collect();
        self.reset_passwords(&logins)
    }

    /// Previews (`apply: false`) or applies a year-end promotion. Every account is checked
    /// against the scope first; applying writes every account's change in one transaction, each
    /// audited. Students whom it would not change are left out; those in their level's last year
    /// (`next_class`) and those already moved by a recent promotion are listed, not moved.
    pub fn promote(&self, req: &PromoteRequest, apply: bool) -> Result<PromotionReport, Error> {
        let level = req.level.as_deref().map(Level::parse).transpose()?;
        let class = parse_class(req.class.as_deref())?;
        if level.is_none() && class.is_none() {
            return Err(Error::invalid("level", Text::new("promote-select")));
        }
        let to_level = req.to_level.as_deref().map(Level::parse).transpose()?;
        let to_class = req.to_class.as_deref().map(|c| parse_class(Some(c))).transpose()?;
        if to_class.is_some() && req.next_class {
            return Err(Error::invalid("to_class", Text::new("promote-class-twice")));
        }
        if to_level.is_none() && to_class.is_none() && !req.next_class {
            return Err(Error::invalid("to_level", Text::new("promote-nothing")));
        }
        if to_level.is_some() && class.is_none() {
            // A level holds every year of its band: P1 and P2 would move to p4_6 with P3.
            return Err(Error::invalid("class", Text::new("promote-level-needs-class")));
        }
        let students = self.students(Op::Promote, level, class, req.location.as_deref(), req.all_locations)?;
        let (mut changes, mut promotions, mut details) = (Vec::new(), Vec::new(), Vec::new());
        let (mut leaving, mut already_promoted) = (Vec::new(), Vec::new());
        let promoted_lately = if req.next_class { self.recently_promoted()? } else { HashSet::new() };
        for a in students {
            let new_level = to_level.or(a.level);
            let new_class = match (&to_class, req.next_class) {
                (Some(c), _) => c.clone(),
                (None, true) => {
                    let next = a.class.as_ref().and_then(ClassLabel::advanced);
                    if next.is_some() && promoted_lately.contains(&a.login.as_str().to_ascii_lowercase()) {
                        already_promoted.push(unmoved(&a));
                        continue;
                    }
                    if next.as_ref().zip(new_level).is_some_and(|(c, l)| past_last_year(c, l)) {
                        leaving.push(unmoved(&a));
                        continue;
                    }
                    next.or_else(|| a.class.clone())
                }
                (None, false) => a.class.clone(),
            };
            let change = ProfileChange {
                id: a.id,
                name: a.name.clone(),
                level: new_level,
                location: a.location.clone(),
                class: new_class,
                was_at: a.location.clone(),
            };
            let changed = differences(&a, &change);
            if changed.is_empty() {
                continue;
            }
            promotions.push(self.promotion(&a, &change));
            details.push(format!("year-end promotion: {}", changed.join(", ")));
            changes.push(change);
        }
        if apply {
            if let Some(expected) = req.expect.filter(|n| *n != changes.len()) {
                let text = Text::new("promote-changed").num("expected", expected).num("found", changes.len());
                return Err(Error::invalid("expect", text));
            }
            let recs: Vec<_> = promotions
                .iter()
                .zip(details)
                .map(|(p, detail)| {
                    self.engine.record(&self.actor, &p.login, Event::AccountPromoted, Outcome::Ok, detail)
                })
                .collect();
            if !changes.is_empty() {
                self.engine.store().update_profiles(&changes, &recs)?;
            }
        }
        Ok(PromotionReport { applied: apply, count: promotions.len(), accounts: promotions, leaving, already_promoted })
    }

    /// The login IDs (lower case) a promotion in the last
    /// [`PromotionReport::PROMOTED_WITHIN_DAYS`] days moved to another class: one read of the
    /// log for the whole selection.
    fn recently_promoted(&self) -> Result<HashSet<String>, Error> {
        let query = AuditQuery {
            since: Some(self.engine.now() - PromotionReport::PROMOTED_WITHIN_DAYS * 86_400),
            event: Some(Event::AccountPromoted.as_str().to_owned()),
            outcome: Some(Outcome::Ok.as_str().to_owned()),
            ..AuditQuery::default()
        };
        let entries = self.engine.store().audit(&query)?;
        Ok(entries
            .into_iter()
            .filter(|e| e.detail.contains("class "))
            .map(|e| e.subject.to_ascii_lowercase())
            .collect())
    }

    /// The students of `level` and/or `class` at `location` (a console administrator's own),
    /// each checked for `op` (an administrator who is not an SA, or another location, is
    /// refused and audited before anything is read). The operator, naming no location, is
    /// refused when they are at more than one unless `all_locations`: on a server of many
    /// schools, "class 4A" is not one school's.
    fn students(
        &self,
        op: Op,
        level: Option<Level>,
        class: Option<ClassLabel>,
        location: Option<&str>,
        all_locations: bool,
    ) -> Result<Vec<Account>, Error> {
        let mut location = location.map(str::trim).filter(|l| !l.is_empty()).map(Location::parse).transpose()?;
        if let Some(id) = &self.scope {
            let role = role_name(role_for(AccountKind::Student));
            let rule = if !id.has(Role::Sa) {
                Some(Text::new("scope-role-acts-on").arg("role", role).arg("roles", roles_of(id)))
            } else if location.as_ref().is_some_and(|l| *l != id.location) {
                Some(Text::new("scope-location-acts-on").arg("role", role).arg("location", id.location.as_str()))
            } else {
                None
            };
            if let Some(rule) = rule {
                // No one account: the audit names the selection.
                let subject = match (&class, level) {
                    (Some(c), _) => format!("class {}", c.as_str()),
                    (None, Some(l)) => format!("level {}", l.as_str()),
                    (None, None) => String::new(),
                };
                return Err(self.refuse(op, &subject, rule));
            }
            location = Some(id.location.clone());
        }
        let filter =
            AccountFilter { kind: Some(AccountKind::Student), level, class, location, ..AccountFilter::default() };
        let unscoped = filter.location.is_none();
        let students = self.engine.store().list_accounts(&filter)?;
        if unscoped && !all_locations {
            let mut at: Vec<&str> = students.iter().map(|a| a.location.as_str()).collect();
            at.sort_unstable();
            at.dedup();
            if at.len() > 1 {
                let text = Text::new("students-location-needed").num("count", at.len()).arg("locations", at.join(", "));
                return Err(Error::invalid("location", text));
            }
        }
        for a in &students {
            self.check(op, a)?;
        }
        Ok(students)
    }

    fn promotion(&self, a: &Account, c: &ProfileChange) -> Promotion {
        let apps = |level: Option<Level>| -> Vec<String> {
            let cfg = self.engine.config();
            cfg.dashboard_apps(Audience::of(a.kind, level)).into_iter().map(|(app, _)| app.name.clone()).collect()
        };
        let (before, after) = (apps(a.level), apps(c.level));
        Promotion {
            login: a.login.to_string(),
            name: a.name.as_str().to_owned(),
            location: a.location.as_str().to_owned(),
            level: a.level,
            to_level: c.level,
            class: a.class.as_ref().map(|c| c.as_str().to_owned()),
            to_class: c.class.as_ref().map(|c| c.as_str().to_owned()),
            apps_gained: after.iter().filter(|x| !before.contains(x)).cloned().collect(),
            apps_lost: before.iter().filter(|x| !after.contains(x)).cloned().collect(),
        }
    }
}

fn unmoved(a: &Account) -> Unmoved {
    Unmoved {
        login: a.login.to_string(),
        name: a.name.as_str().to_owned(),
        location: a.location.as_str().to_owned(),
        level: a.level,
        class: a.class.as_ref().map(|c| c.as_str().to_owned()),
    }
}

/// Whether `class`'s year (its first number: 4 of `4A`, of `P4 Kindness`, of `Sec 4 Integrity`)
/// is past the last of `level`'s band: P3 for p1_3, P6 for p4_6, Sec 5 for secondary, and for
/// jc_mi JC2, or MI3 for a class whose label starts with `MI`.
fn past_last_year(class: &ClassLabel, level: Level) -> bool {
    let s = class.as_str();
    let Some(start) = s.find(|c: char| c.is_ascii_digit()) else { return false };
    let digits = s[start..].find(|c: char| !c.is_ascii_digit()).map_or(s.len(), |n| start + n);
    let Ok(year) = s[start..digits].parse::<u32>() else { return false };
    let last = match level {
        Level::P1_3 => 3,
        Level::P4_6 => 6,
        Level::Secondary => 5,
        Level::JcMi if s.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("MI")) => 3,
        Level::JcMi => 2,
    };
    year > last
}

/// What `c` changes of `a`, for the audit log (`level p1_3 → p4_6`, …); empty when nothing.
/// A name change is noted without the names (the log is read more widely than the account).
fn differences(a: &Account, c: &ProfileChange) -> Vec<String> {
    let mut out = Vec::new();
    if a.name != c.name {
        out.push("name changed".to_owned());
    }
    let level = |l: Option<Level>| l.map(Level::as_str).unwrap_or("none");
    if a.level != c.level {
        out.push(format!("level {} → {}", level(a.level), level(c.level)));
    }
    if a.location != c.location {
        out.push(format!("location {} → {}", a.location.as_str(), c.location.as_str()));
    }
    let class = |c: &Option<ClassLabel>| c.as_ref().map(|c| c.as_str().to_owned()).unwrap_or_else(|| "none".into());
    if class(&a.class) != class(&c.class) {
        out.push(format!("class {} → {}", class(&a.class), class(&c.class)));
    }
    out
}
