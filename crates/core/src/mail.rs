//! Mail delivery for email OTPs and change notices: SMTP with `lettre` (STARTTLS, implicit TLS,
//! or plain for a loopback test server), or, with no SMTP host configured, one `.eml` file per
//! message in `outbox/` in the data directory, readable by its owner only. Sending blocks
//! (network): call it off the UI thread, like hashing.
//!
//! Every message carries the login ID of the account it is about (`X-Gatehouse-Login`), when it
//! was written and, for an email OTP, when its code expires: so the console can show a person's
//! undelivered mails ([`Mailer::undelivered`]) without matching addresses, which change and may
//! be shared.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use crate::clock::Timestamp;
use crate::config::SmtpConfig;
use crate::error::Error;
use crate::text::Text;
use crate::types::{EmailAddress, LoginId};

/// The account a message is about.
const LOGIN_HEADER: HeaderName = HeaderName::new_from_ascii_str("X-Gatehouse-Login");
/// When the message was written (Unix seconds, the engine's clock).
const SENT_HEADER: HeaderName = HeaderName::new_from_ascii_str("X-Gatehouse-Sent");
/// When the code an email OTP carries expires (Unix seconds).
const EXPIRES_HEADER: HeaderName = HeaderName::new_from_ascii_str("X-Gatehouse-Expires");
/// A file in the outbox larger than this is not a message Gatehouse wrote.
const MAX_MAIL_BYTES: u64 = 256 * 1024;

/// One message to send: to whom, about which account, and when.
#[derive(Debug)]
pub struct Mail<'a> {
    pub to: &'a EmailAddress,
    /// The account the message is about (recorded with it, for the console's outbox view).
    pub login: &'a LoginId,
    pub subject: &'a str,
    pub body: String,
    /// The engine's time of sending.
    pub sent: Timestamp,
    /// For an email OTP: when its code expires.
    pub expires: Option<Timestamp>,
}

/// A message in the outbox, as an administrator of its account reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undelivered {
    pub sent: Timestamp,
    pub subject: String,
    pub body: String,
    /// For an email OTP: when its code expires.
    pub expires: Option<Timestamp>,
}

enum Delivery {
    Smtp(Box<SmtpTransport>),
    Outbox(PathBuf),
    /// No delivery at all (engines built for tests that never send mail).
    None,
}

pub struct Mailer {
    delivery: Delivery,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = match &self.delivery {
            Delivery::Smtp(_) => "smtp".to_owned(),
            Delivery::Outbox(p) => format!("outbox {}", p.display()),
            Delivery::None => "none".to_owned(),
        };
        f.debug_struct("Mailer").field("delivery", &how).finish()
    }
}

impl Mailer {
    /// SMTP when a host is configured, otherwise the outbox folder inside `data_dir`.
    pub fn from_config(cfg: &SmtpConfig, data_dir: &Path) -> Result<Self, Error> {
        let from: Mailbox = cfg.from.parse().map_err(|e| Error::Config(format!("smtp.from: {e}")))?;
        if cfg.host.trim().is_empty() {
            return Ok(Self { delivery: Delivery::Outbox(data_dir.join("outbox")), from });
        }
        let bad = |e: lettre::transport::smtp::Error| Error::Config(format!("smtp: {e}"));
        let mut builder = match cfg.security.as_str() {
            "tls" => SmtpTransport::relay(&cfg.host).map_err(bad)?,
            "starttls" => SmtpTransport::starttls_relay(&cfg.host).map_err(bad)?,
            _ => SmtpTransport::builder_dangerous(&cfg.host),
        };
        builder = builder.port(cfg.port).timeout(Some(Duration::from_secs(cfg.timeout_seconds.max(1))));
        if !cfg.username.is_empty() {
            builder = builder.credentials(Credentials::new(cfg.username.clone(), cfg.password.clone()));
        }
        Ok(Self { delivery: Delivery::Smtp(Box::new(builder.build())), from })
    }

    /// A mailer that refuses to send (for engines that never need mail).
    pub fn none() -> Self {
        Self {
            delivery: Delivery::None,
            from: "Gatehouse <no-reply@localhost.invalid>".parse().expect("valid mailbox"),
        }
    }

    /// True when no delivery is configured at all.
    pub fn is_none(&self) -> bool {
        matches!(self.delivery, Delivery::None)
    }

    /// The outbox folder when messages are written there.
    pub fn outbox(&self) -> Option<&Path> {
        match &self.delivery {
            Delivery::Outbox(p) => Some(p),
            _ => None,
        }
    }

    /// Sends one plain-text message. Failures are logged in full and returned as an internal
    /// error (the person sees a safe message).
    pub fn send(&self, mail: Mail<'_>) -> Result<(), Error> {
        let to = mail.to;
        let to_box: Mailbox = to
            .as_str()
            .parse()
            .map_err(|e| Error::invalid("work_email", Text::new("cannot-mail").arg("address", to).arg("detail", e)))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to_box)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .raw_header(HeaderValue::new(LOGIN_HEADER, mail.login.to_string()))
            .raw_header(HeaderValue::new(SENT_HEADER, mail.sent.to_string()));
        if let Some(expires) = mail.expires {
            builder = builder.raw_header(HeaderValue::new(EXPIRES_HEADER, expires.to_string()));
        }
        let message = builder.body(mail.body).map_err(|e| Error::Mail(format!("building the message: {e}")))?;
        match &self.delivery {
            Delivery::Smtp(t) => t.send(&message).map(|_| ()).map_err(|e| {
                tracing::error!(error = %e, "SMTP delivery failed");
                Error::Mail(e.to_string())
            }),
            Delivery::Outbox(dir) => {
                // Written here rather than by lettre's FileTransport, which leaves the file (a
                // live OTP) readable by every local account.
                let path = dir.join(format!("{:032x}.eml", rand::random::<u128>()));
                crate::files::write_new(&path, &message.formatted()).map_err(|e| {
                    tracing::error!(error = %e, path = %path.display(), "writing to the outbox failed");
                    Error::Io(format!("writing to the outbox {} failed: {e}", dir.display()))
                })
            }
            Delivery::None => Err(Error::Config("no mail delivery is configured".into())),
        }
    }

    /// The messages about `login` waiting in the outbox, newest first; `None` when mail goes
    /// out by SMTP (or not at all), so there is no outbox. A file that cannot be read or is not
    /// a message Gatehouse wrote is skipped with a warning naming the file, never its contents.
    pub fn undelivered(&self, login: &LoginId) -> Result<Option<Vec<Undelivered>>, Error> {
        let Delivery::Outbox(dir) = &self.delivery else { return Ok(None) };
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            // Nothing was ever written: an empty outbox.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Some(Vec::new())),
            Err(e) => return Err(Error::Io(format!("reading the outbox {} failed: {e}", dir.display()))),
        };
        let key = login.key();
        let mut mails = Vec::new();
        for entry in entries {
            let path = match entry {
                Ok(entry) => entry.path(),
                Err(e) => {
                    tracing::warn!(error = %e, "an outbox entry could not be read; skipped");
                    continue;
                }
            };
            if path.extension().and_then(|x| x.to_str()) != Some("eml") {
                continue;
            }
            match read_mail(&path) {
                Ok(Some((owner, mail))) if owner == key => mails.push(mail),
                Ok(_) => {}
                Err(why) => tracing::warn!(file = %path.display(), why, "an outbox file was skipped"),
            }
        }
        mails.sort_by(|a, b| b.sent.cmp(&a.sent).then_with(|| b.subject.cmp(&a.subject)));
        Ok(Some(mails))
    }
}

/// One outbox file: the key of the login ID it is about and the message; `None` for a message
/// that names no account (written before messages carried one). The error says why the file is
/// not a readable message, never what it holds.
fn read_mail(path: &Path) -> Result<Option<(String, Undelivered)>, &'static str> {
    let size = std::fs::metadata(path).map_err(|_| "unreadable")?.len();
    if size > MAX_MAIL_BYTES {
        return Err("too large");
    }
    let bytes = std::fs::read(path).map_err(|_| "unreadable")?;
    let text = std::str::from_utf8(&bytes).map_err(|_| "not text")?;
    let (head, body) = text.split_once("\r\n\r\n").or_else(|| text.split_once("\n\n")).ok_or("no body")?;
    let headers = unfold(head);
    let field = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let Some(owner) = field(LOGIN_HEADER.as_ref()) else { return Ok(None) };
    let owner = LoginId::parse(owner).map_err(|_| "a bad login header")?.key();
    let time = |name: &str| field(name).map(|v| v.parse::<Timestamp>().map_err(|_| "a bad time header")).transpose();
    let sent = time(SENT_HEADER.as_ref())?.ok_or("no time header")?;
    let expires = time(EXPIRES_HEADER.as_ref())?;
    let subject = decode_words(field("Subject").unwrap_or_default())?;
    let body = match field("Content-Transfer-Encoding").map(str::to_ascii_lowercase).as_deref() {
        None | Some("7bit" | "8bit" | "binary") => body.to_owned(),
        Some("quoted-printable") => quoted_printable(body)?,
        Some("base64") => {
            let clean: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            String::from_utf8(STANDARD.decode(clean).map_err(|_| "bad base64")?).map_err(|_| "not text")?
        }
        Some(_) => return Err("an unknown transfer encoding"),
    };
    let body = body.replace("\r\n", "\n");
    Ok(Some((owner, Undelivered { sent, subject, body, expires })))
}

/// Header lines joined with their continuation lines (RFC 5322 §2.2.3), as (name, value).
fn unfold(head: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = out.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            out.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    out
}

/// A header value with RFC 2047 encoded words (`=?utf-8?b?…?=`, as lettre writes a subject
/// that is not plain ASCII) decoded.
fn decode_words(value: &str) -> Result<String, &'static str> {
    let mut out = String::new();
    let mut last_was_word = false;
    for (i, part) in value.split(' ').enumerate() {
        let lower = part.to_ascii_lowercase();
        let word = lower.starts_with("=?utf-8?b?") && lower.ends_with("?=") && part.len() >= 12;
        // Encoded words next to each other join without the space between them.
        if i > 0 && !(word && last_was_word) {
            out.push(' ');
        }
        if word {
            let bytes = STANDARD.decode(&part[10..part.len() - 2]).map_err(|_| "a bad subject")?;
            out.push_str(&String::from_utf8(bytes).map_err(|_| "a bad subject")?);
        } else {
            out.push_str(part);
        }
        last_was_word = word;
    }
    Ok(out)
}

/// Quoted-printable (RFC 2045 §6.7) decoded.
fn quoted_printable(body: &str) -> Result<String, &'static str> {
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'=' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let rest = &body[i + 1..];
        if let Some(after) = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')) {
            // A soft line break.
            i = body.len() - after.len();
        } else {
            let hex = rest.get(..2).ok_or("bad quoted-printable")?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| "bad quoted-printable")?);
            i += 3;
        }
    }
    String::from_utf8(out).map_err(|_| "not text")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn a_delivery_the_smtp_server_never_takes_is_a_mail_error_not_a_storage_one() {
        // A loopback port nobody listens on: the connection is refused at once.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut cfg = Config::default().smtp;
        cfg.host = "127.0.0.1".into();
        cfg.port = port;
        cfg.security = "none".into();
        let mailer = Mailer::from_config(&cfg, Path::new("/nonexistent")).unwrap();
        let to = crate::types::EmailAddress::parse("someone@ces.gov.sg").unwrap();
        let e = mailer.send(mail(&to, "subject", 0)).unwrap_err();
        assert_eq!(e.code(), "mail", "{e}");
        assert!(e.is_internal());
    }

    #[test]
    fn an_outbox_that_cannot_be_written_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("outbox");
        std::fs::write(&blocker, b"a file where the outbox folder should be").unwrap();
        let mailer = Mailer::from_config(&Config::default().smtp, dir.path()).unwrap();
        let to = crate::types::EmailAddress::parse("someone@ces.gov.sg").unwrap();
        assert_eq!(mailer.send(mail(&to, "subject", 0)).unwrap_err().code(), "io");
    }

    fn login() -> &'static LoginId {
        static LOGIN: std::sync::OnceLock<LoginId> = std::sync::OnceLock::new();
        LOGIN.get_or_init(|| LoginId::parse("Siti_Rahman@schools.gov.sg").unwrap())
    }

    fn mail<'a>(to: &'a EmailAddress, subject: &'a str, sent: Timestamp) -> Mail<'a> {
        Mail { to, login: login(), subject, body: format!("Dear Siti,\n\n{subject}\n"), sent, expires: None }
    }

    #[test]
    fn the_outbox_gives_back_each_mail_of_its_account_newest_first_with_subject_and_body() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::from_config(&Config::default().smtp, dir.path()).unwrap();
        assert_eq!(mailer.undelivered(login()).unwrap(), Some(vec![]), "no outbox folder yet: no mails");
        let to = EmailAddress::parse("siti@ces.gov.sg").unwrap();
        mailer.send(Mail { expires: Some(400), ..mail(&to, "MIMS OTP #1", 100) }).unwrap();
        // A long line and a subject beyond ASCII take lettre's encodings; both come back as written.
        let long = format!("{} é\n", "word ".repeat(40));
        mailer.send(Mail { body: long.clone(), ..mail(&to, "Changement — MIMS", 300) }).unwrap();
        let other = LoginId::parse("Ben_Ong@schools.gov.sg").unwrap();
        mailer.send(Mail { login: &other, ..mail(&to, "not Siti's", 200) }).unwrap();
        let mails = mailer.undelivered(&LoginId::parse("SITI_RAHMAN@schools.gov.sg").unwrap()).unwrap().unwrap();
        let subjects: Vec<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
        assert_eq!(subjects, ["Changement — MIMS", "MIMS OTP #1"]);
        assert_eq!(mails[0].body, long);
        assert_eq!((mails[1].sent, mails[1].expires), (100, Some(400)));
        assert_eq!(mails[1].body, "Dear Siti,\n\nMIMS OTP #1\n");
    }

    #[test]
    fn a_corrupt_or_foreign_outbox_file_is_skipped_and_the_rest_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::from_config(&Config::default().smtp, dir.path()).unwrap();
        let to = EmailAddress::parse("siti@ces.gov.sg").unwrap();
        mailer.send(mail(&to, "MIMS account change", 100)).unwrap();
        let outbox = dir.path().join("outbox");
        std::fs::write(outbox.join("a.eml"), [0xff, 0xfe, 0x00]).unwrap();
        std::fs::write(outbox.join("b.eml"), "X-Gatehouse-Login: Siti_Rahman@schools.gov.sg\r\nno body").unwrap();
        std::fs::write(
            outbox.join("c.eml"),
            "X-Gatehouse-Login: Siti_Rahman@schools.gov.sg\r\nX-Gatehouse-Sent: soon\r\n\r\nx",
        )
        .unwrap();
        std::fs::write(outbox.join("d.eml"), "Subject: an older mail\r\n\r\nwith no account").unwrap();
        std::fs::create_dir(outbox.join("e.eml")).unwrap();
        let mails = mailer.undelivered(login()).unwrap().unwrap();
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].subject, "MIMS account change");
    }

    #[test]
    fn with_smtp_or_no_delivery_there_is_no_outbox_to_read() {
        let mut cfg = Config::default().smtp;
        cfg.host = "smtp.example.org".into();
        let mailer = Mailer::from_config(&cfg, Path::new("/nonexistent")).unwrap();
        assert_eq!(mailer.undelivered(login()).unwrap(), None);
        assert_eq!(Mailer::none().undelivered(login()).unwrap(), None);
    }
}
