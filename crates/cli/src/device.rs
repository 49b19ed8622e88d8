//! `gatehouse-cli device …`: this machine as a registered device of the school's server
//! (issue 14 §2). `register` exchanges an administrator's one-time enrolment code for the
//! machine's own credential and keeps it (OS keyring, or `device.credential` with
//! `[secrets] key_store = "file"`); with `--kiosk` it also makes the kiosk's break-glass code,
//! printed once, of which only the Argon2id hash is kept. The credential is never printed.

use std::path::Path;
use std::process::ExitCode;

use gatehouse_client::{break_glass, device, Error as ClientError};
use gatehouse_core::config::{Config, CONFIG_FILE_NAME};
use gatehouse_core::Error;

use crate::remote::local;
use crate::DeviceCommand;

pub fn run(command: &DeviceCommand, dir: &Path) -> Result<ExitCode, Error> {
    let config = Config::load(&dir.join(CONFIG_FILE_NAME))?;
    let url = &config.server.url;
    if url.is_empty() {
        return Err(Error::Config(format!(
            "devices belong to a server: set [server] url (and ca_file) in {} first",
            dir.join(CONFIG_FILE_NAME).display()
        )));
    }
    let place = match config.secrets.key_store.as_str() {
        "file" => format!("in {}", dir.join(device::FILE_NAME).display()),
        _ => "in the OS keyring".to_owned(),
    };
    match command {
        DeviceCommand::Register { code, name, kiosk } => {
            let registered = match device::register(&config.server, dir, code, name, *kiosk) {
                Ok(registered) => registered,
                Err(ClientError::Local(e)) => return Err(e),
                Err(e) => {
                    eprintln!("error: {}; nothing was registered", said(&e));
                    return Ok(ExitCode::FAILURE);
                }
            };
            device::store(url, dir, &config.secrets, &registered.credential).map_err(local)?;
            println!(
                "Registered this machine with {url} as device {:?} (id {}); its credential is kept {place}.",
                registered.device.name, registered.device.id
            );
            if *kiosk {
                let code = break_glass::generate();
                break_glass::store(dir, &code).map_err(local)?;
                println!();
                println!("Break-glass code of this kiosk, shown only now — write it down and keep it with the administrators:");
                println!();
                println!("    {}", code.as_str());
                println!();
                println!(
                    "Typed into the kiosk's exit dialog it closes the kiosk window; five wrong codes lock the dialog for five \
                     minutes. Only its hash is kept, in {}. Register again to replace it.",
                    dir.join(break_glass::FILE_NAME).display()
                );
            }
        }
        DeviceCommand::Forget => {
            if device::forget(url, dir, &config.secrets).map_err(local)? {
                println!("Removed this machine's device credential for {url} ({place}). An administrator can revoke the device on the server.");
            } else {
                println!("This machine has no device credential for {url}.");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The server's refusal (a wrong enrolment code, a name taken) in its own words and code; an
/// unreachable server with the reason.
fn said(e: &ClientError) -> String {
    match e {
        ClientError::Refused(reply) => format!("the server refused: {} ({})", reply.message(), reply.code()),
        other => other.to_string(),
    }
}
