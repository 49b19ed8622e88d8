//! A person's undelivered mails (issue 15): with no SMTP configured, email OTPs and change
//! notices wait in the outbox, and an administrator of that person reads them there — so a Local
//! Administrator can read an OTP to a teacher at a school without SMTP. Each read is audited
//! (`mails_viewed`, how many, never what); nothing of a mail goes to the log.

use serde::Serialize;

use super::Admin;
use crate::audit::{Event, Outcome};
use crate::clock::{Timestamp, Zone};
use crate::error::Error;
use crate::mail::Undelivered;
use crate::scope::Op;
use crate::text::Text;

/// One undelivered mail as the console shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MailView {
    /// When it was written (ISO 8601 with the school's offset).
    pub sent: String,
    pub subject: String,
    pub body: String,
    /// An email OTP: the code it carries has a short life.
    pub email_otp: bool,
    /// When an email OTP's code expires (ISO 8601 with the school's offset).
    pub expires: Option<String>,
    /// An email OTP whose code has expired (the person asks for a new one).
    pub expired: bool,
}

impl Admin {
    /// The undelivered mails about `login`, newest first — from the account's creation on, so a
    /// login ID made again after a deletion shows none of the deleted account's. Held to the
    /// scope of a read of the account, except that another administrator's mails are refused
    /// like a change (they may carry a live OTP). With SMTP configured there is no outbox:
    /// refused with that message.
    pub fn undelivered_mails(&self, login: &str) -> Result<Vec<MailView>, Error> {
        let a = self.find_for(Op::ReadMails, login)?;
        let mut mails =
            self.engine.mailer().undelivered(&a.login)?.ok_or(Error::Refused(Text::new("mails-no-outbox")))?;
        mails.retain(|m| m.sent >= a.created_at);
        let detail = format!("{} undelivered mail(s) shown", mails.len());
        let rec = self.engine.record(&self.actor, a.login.as_str(), Event::MailsViewed, Outcome::Ok, detail);
        self.engine.store().append_audit(&rec)?;
        let (now, zone) = (self.engine.now(), self.engine.zone());
        Ok(mails.into_iter().map(|m| MailView::of(m, now, zone)).collect())
    }
}

impl MailView {
    fn of(m: Undelivered, now: Timestamp, zone: &Zone) -> Self {
        Self {
            sent: zone.iso(m.sent),
            subject: m.subject,
            body: m.body,
            email_otp: m.expires.is_some(),
            expires: m.expires.map(|t| zone.iso(t)),
            expired: m.expires.is_some_and(|t| t <= now),
        }
    }
}
