//! Mail delivery for email OTPs and change notices: SMTP with `lettre` (STARTTLS, implicit TLS,
//! or plain for a loopback test server), or, with no SMTP host configured, one `.eml` file per
//! message in `outbox/` in the data directory, readable by its owner only. Sending blocks
//! (network): call it off the UI thread, like hashing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use crate::config::SmtpConfig;
use crate::error::Error;
use crate::text::Text;
use crate::types::EmailAddress;

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
    pub fn send(&self, to: &EmailAddress, subject: &str, body: String) -> Result<(), Error> {
        let to_box: Mailbox = to
            .as_str()
            .parse()
            .map_err(|e| Error::invalid("work_email", Text::new("cannot-mail").arg("address", to).arg("detail", e)))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to_box)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| Error::Mail(format!("building the message: {e}")))?;
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
        let e = mailer.send(&to, "subject", "body".into()).unwrap_err();
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
        assert_eq!(mailer.send(&to, "subject", "body".into()).unwrap_err().code(), "io");
    }
}
