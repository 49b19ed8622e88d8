//! `gatehouse-cli device …`: this machine as a registered device of the school's server
//! (issue 14 §2). `register` exchanges an administrator's one-time enrolment code for the
//! machine's own credential and keeps it (OS keyring, or `device.credential` with
//! `[secrets] key_store = "file"`); with `--kiosk` it also makes the kiosk's break-glass code,
//! printed once, of which only the Argon2id hash is kept. The credential is never printed.

use std::path::Path;
use std::process::ExitCode;

use gatehouse_client::{break_glass, device, Error as ClientError};
use gatehouse_core::config::{Config, CONFIG_FILE_NAME};
use gatehouse_core::text::{Language, Text};
use gatehouse_core::Error;

use crate::remote::local;
use crate::words::Words;
use crate::DeviceCommand;

/// What it prints is in `chosen`, else in the configuration's `[locale] default_language`.
pub fn run(command: &DeviceCommand, dir: &Path, chosen: Option<Language>) -> Result<ExitCode, Error> {
    let config = Config::load(&dir.join(CONFIG_FILE_NAME))?;
    let words = Words(chosen.unwrap_or_else(|| config.locale.language()));
    let url = &config.server.url;
    if url.is_empty() {
        return Err(Error::Config(format!(
            "devices belong to a server: set [server] url (and ca_file) in {} first",
            dir.join(CONFIG_FILE_NAME).display()
        )));
    }
    let place = match config.secrets.key_store.as_str() {
        "file" => words.say(Text::new("cli-device-kept-in-file").arg("file", dir.join(device::FILE_NAME).display())),
        _ => words.word("cli-device-kept-in-keyring"),
    };
    match command {
        DeviceCommand::Register { code, name, kiosk } => {
            let registered = match device::register(&config.server, dir, code, name, *kiosk) {
                Ok(registered) => registered,
                Err(ClientError::Local(e)) => return Err(e),
                Err(e) => {
                    eprintln!("{}", words.say(Text::new("cli-nothing-registered").arg("message", said(&e, words))));
                    return Ok(ExitCode::FAILURE);
                }
            };
            device::store(url, dir, &config.secrets, &registered.credential).map_err(local)?;
            let done = Text::new("cli-device-register-done")
                .arg("url", url)
                .arg("name", &registered.device.name)
                .arg("id", registered.device.id)
                .arg("place", &place);
            println!("{}", words.say(done));
            if *kiosk {
                let code = break_glass::generate();
                break_glass::store(dir, &code).map_err(local)?;
                println!();
                println!("{}", words.word("cli-break-glass-code"));
                println!();
                println!("    {}", code.as_str());
                println!();
                let how = Text::new("cli-break-glass-how").arg("file", dir.join(break_glass::FILE_NAME).display());
                println!("{}", words.say(how));
            }
        }
        DeviceCommand::Forget => {
            if device::forget(url, dir, &config.secrets).map_err(local)? {
                println!("{}", words.say(Text::new("cli-device-forgotten").arg("url", url).arg("place", &place)));
            } else {
                println!("{}", words.say(Text::new("cli-device-none").arg("url", url)));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The server's refusal (a wrong enrolment code, a name taken) in its own words and code; an
/// unreachable server with the reason.
fn said(e: &ClientError, words: Words) -> String {
    match e {
        ClientError::Refused(reply) => {
            words.say(Text::new("cli-server-refused").arg("message", reply.message()).arg("code", reply.code()))
        }
        other => other.to_string(),
    }
}
