//! The help every screen offers (`show_help`, issue 15): the service desk of `[help]`, the
//! person's school administrators, and the guides' advice chosen for who is asking — the
//! student guide's troubleshooting (Section 3, A–F), the staff guide's 2FA pages (p.3, p.6) and
//! its FAQ (1, 4, 9–15).
//!
//! Administrators are listed only for a person who has proved who they are (a password, or
//! answers on the way to a new one): the state's `person`. A login ID typed on `sign_in` or
//! `sspr_search` is never looked up here, so help cannot be used to list accounts.

use serde::Serialize;

use super::state::{Cx, Person};
use crate::config::{Config, HelpConfig};
use crate::error::Error;
use crate::store::AccountFilter;
use crate::text::Text;
use crate::types::{AccountKind, Role};

/// The answer's `help` object.
#[derive(Debug, Clone, Serialize)]
pub struct Help {
    /// Whom the topics were chosen for: `student`, `staff`, or `unknown` (nobody signed in).
    pub audience: &'static str,
    pub desk: Desk,
    /// How to reach the desk, one sentence per way (phone, email, web page).
    pub desk_lines: Vec<Said>,
    /// What the administrators below can do for the person (`None` when nobody is signed in).
    pub administrators_intro: Option<Said>,
    /// The SA (for a student) or LA (for staff) accounts of the person's location.
    pub administrators: Vec<AdministratorContact>,
    pub topics: Vec<HelpTopic>,
}

/// The service desk of `[help]`; an empty value is `null`.
#[derive(Debug, Clone, Serialize)]
pub struct Desk {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AdministratorContact {
    pub name: String,
    /// Their work email, when one is on record.
    pub email: Option<String>,
    /// `sa` or `la`.
    pub role: &'static str,
}

/// One sentence: its English and its message id with arguments.
#[derive(Debug, Clone, Serialize)]
pub struct Said {
    pub text: String,
    pub text_id: Text,
}

impl From<Text> for Said {
    fn from(t: Text) -> Self {
        Self { text: t.english(), text_id: t }
    }
}

/// A question people ask, with the guide's answer.
#[derive(Debug, Clone, Serialize)]
pub struct HelpTopic {
    pub id: &'static str,
    pub title: Said,
    pub paragraphs: Vec<Said>,
}

fn topic(id: &'static str, title: Text, paragraphs: Vec<Text>) -> HelpTopic {
    HelpTopic { id, title: title.into(), paragraphs: paragraphs.into_iter().map(Said::from).collect() }
}

/// Who is asking, as far as the session knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Audience {
    Student,
    Staff,
    Unknown,
}

impl Audience {
    fn as_str(self) -> &'static str {
        match self {
            Audience::Student => "student",
            Audience::Staff => "staff",
            Audience::Unknown => "unknown",
        }
    }
}

/// The help for whoever is on this session now (`person` is `None` before a sign-in).
pub(super) fn help(cx: &Cx, person: Option<&Person>) -> Result<Help, Error> {
    let cfg = cx.engine.config();
    let audience = match person.map(|p| p.kind) {
        Some(AccountKind::Student) => Audience::Student,
        Some(AccountKind::SchoolStaff | AccountKind::HqStaff) => Audience::Staff,
        None => Audience::Unknown,
    };
    let administrators = match person {
        Some(p) => administrators(cx, p)?,
        None => (None, Vec::new()),
    };
    Ok(build(cfg, audience, administrators))
}

/// The help for staff with nobody's administrators: what the administrators' console shows
/// (its people are staff; their own SA/LA are themselves or their colleagues).
pub fn staff_help(cfg: &Config) -> Help {
    build(cfg, Audience::Staff, (None, Vec::new()))
}

fn build(
    cfg: &Config,
    audience: Audience,
    (administrators_intro, administrators): (Option<Said>, Vec<AdministratorContact>),
) -> Help {
    Help {
        audience: audience.as_str(),
        desk: desk(&cfg.help),
        desk_lines: desk_lines(&cfg.help),
        administrators_intro,
        administrators,
        topics: topics(cfg, audience),
    }
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn desk(h: &HelpConfig) -> Desk {
    Desk {
        name: h.desk_name.trim().to_owned(),
        phone: non_empty(&h.desk_phone),
        email: non_empty(&h.desk_email),
        url: non_empty(&h.desk_url),
    }
}

fn desk_lines(h: &HelpConfig) -> Vec<Said> {
    let d = desk(h);
    let mut lines = Vec::new();
    if let Some(phone) = &d.phone {
        lines.push(Text::new("help-desk-call").arg("desk", &d.name).arg("phone", phone).into());
    }
    if let Some(email) = &d.email {
        lines.push(Text::new("help-desk-email").arg("desk", &d.name).arg("email", email).into());
    }
    if let Some(url) = &d.url {
        lines.push(Text::new("help-desk-web").arg("desk", &d.name).arg("url", url).into());
    }
    lines
}

/// The administrators of the person's location who can help them: SAs for a student, LAs for
/// staff (student guide Section 2b and 3; staff guide FAQ 11 and 14). Disabled accounts are not
/// offered.
fn administrators(cx: &Cx, p: &Person) -> Result<(Option<Said>, Vec<AdministratorContact>), Error> {
    let store = cx.engine.store();
    let Some(me) = store.account(p.id)? else { return Ok((None, Vec::new())) };
    let (role, intro) = match p.kind {
        AccountKind::Student => (Role::Sa, Text::new("help-admins-students")),
        AccountKind::SchoolStaff | AccountKind::HqStaff => (Role::La, Text::new("help-admins-staff")),
    };
    let mut found = Vec::new();
    // Administrators are staff accounts; asking by kind keeps a school's pupils out of the query.
    for kind in [AccountKind::SchoolStaff, AccountKind::HqStaff] {
        let filter = AccountFilter { kind: Some(kind), location: Some(me.location.clone()), ..Default::default() };
        for a in store.list_accounts(&filter)? {
            if a.location == me.location && a.roles.contains(&role) && !a.disabled {
                found.push(AdministratorContact {
                    name: a.name.as_str().to_owned(),
                    email: a.work_email.as_ref().map(|e| e.as_str().to_owned()),
                    role: role.as_str(),
                });
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    let intro = if found.is_empty() { Text::new("help-admins-none") } else { intro };
    Ok((Some(intro.into()), found))
}

/// The guides' answers for `audience`; someone not signed in gets both guides' first answers.
fn topics(cfg: &Config, audience: Audience) -> Vec<HelpTopic> {
    let d = &cfg.domains;
    let desk = cfg.help.desk_name.trim();
    let student = audience != Audience::Staff;
    let staff = audience != Audience::Student;
    let mut sign_in = Vec::new();
    if student {
        sign_in.push(Text::new("help-sign-in-student").arg("student_domain", &d.student));
    }
    if staff {
        sign_in.push(
            Text::new("help-sign-in-staff")
                .arg("school_staff_domain", &d.school_staff)
                .arg("hq_staff_domain", &d.hq_staff),
        );
    }
    let mut password = vec![Text::new("help-password-body"), Text::new("help-password-forgot")];
    if student {
        password.push(Text::new("help-password-admin-student"));
    }
    if staff {
        password.push(Text::new("help-password-admin-staff"));
    }
    let mut out = vec![
        topic("sign_in", Text::new("help-sign-in-title"), sign_in),
        topic("password", Text::new("help-password-title"), password),
        topic("locked", Text::new("help-locked-title"), vec![Text::new("help-locked-body")]),
        topic("sspr_5006", Text::new("help-no-questions-title"), vec![Text::new("help-no-questions-body")]),
    ];
    if audience == Audience::Student {
        out.push(topic("app_error", Text::new("help-app-title"), vec![Text::new("help-app-body").arg("desk", desk)]));
    }
    let mut two_factor = vec![Text::new("help-two-factor-body")];
    if student {
        two_factor.push(Text::new("help-two-factor-students"));
    }
    out.push(topic("two_factor", Text::new("help-two-factor-title"), two_factor));
    if staff {
        out.push(topic(
            "authenticator_apps",
            Text::new("help-apps-title"),
            vec![Text::new("help-apps-body"), Text::new("help-apps-ios")],
        ));
        out.push(topic("no_phone", Text::new("help-no-phone-title"), vec![Text::new("help-no-phone-body")]));
        out.push(topic(
            "email_otp",
            Text::new("help-email-otp-title"),
            vec![
                Text::new("help-email-otp-body").arg("icon_domain", &d.icon_staff),
                Text::new("help-email-otp-desk").arg("desk", desk),
            ],
        ));
        out.push(topic("setup_error", Text::new("help-setup-error-title"), vec![Text::new("help-setup-error-body")]));
    }
    let mut other = Vec::new();
    if student {
        other.push(Text::new("help-other-student").arg("desk", desk));
    }
    if staff {
        other.push(Text::new("help-other-staff").arg("desk", desk));
    }
    out.push(topic("other", Text::new("help-other-title"), other));
    out
}
