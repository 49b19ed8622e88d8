//! `gatehouse-cli admin device …`: the machines registered with the school's server (issue 14
//! §2), run by the server's operator on the server's configuration.

use clap::Subcommand;
use gatehouse_core::admin::Admin;
use gatehouse_core::clock::Zone;
use gatehouse_core::store::Device;
use gatehouse_core::text::Text;
use gatehouse_core::Error;
use serde_json::json;

use crate::output::{Common, Out};
use crate::words::Table;

#[derive(Subcommand)]
pub enum DeviceCommand {
    /// Issue an enrolment code; each machine exchanges it for a credential of its own with
    /// `gatehouse-cli device register --code CODE --name NAME [--kiosk]`. Shown once.
    Code {
        /// How many machines may register with it (e.g. 30 for a lab's kiosks)
        #[arg(long, default_value_t = 1)]
        uses: u32,
        /// Hours it stays valid
        #[arg(long, default_value_t = 24)]
        hours: u32,
        /// For kiosks (registered with `device register --kiosk`); without it, for other
        /// machines. A machine registers only as what its code is for.
        #[arg(long)]
        kiosk: bool,
        #[command(flatten)]
        common: Common,
    },
    /// List the registered machines
    List {
        #[command(flatten)]
        common: Common,
    },
    /// Withdraw a machine's registration: its next request is refused
    Revoke {
        /// The machine's name
        name: String,
        #[command(flatten)]
        common: Common,
    },
}

impl DeviceCommand {
    pub fn common(&self) -> &Common {
        match self {
            Self::Code { common, .. } | Self::List { common } | Self::Revoke { common, .. } => common,
        }
    }
}

fn device_json(d: &Device, zone: &Zone) -> serde_json::Value {
    let iso = |t| zone.iso(t);
    json!({
        "id": d.id,
        "name": d.name,
        "kiosk": d.kiosk,
        "registered_at": iso(d.created_at),
        "enrolled_by": d.enrolled_by,
        "revoked_at": d.revoked_at.map(iso),
    })
}

pub fn run(admin: &Admin, cmd: DeviceCommand, out: Out) -> Result<(), Error> {
    let (words, json) = (out.words, out.json);
    let zone = admin.engine().zone();
    let text = |t| words.at(zone, t);
    match cmd {
        DeviceCommand::Code { uses, hours, kiosk, .. } => {
            let issued = admin.issue_enrolment_code(uses, hours, kiosk)?;
            let until = text(issued.expires_at);
            if json {
                let until = zone.iso(issued.expires_at);
                let code = issued.code.expose();
                println!(
                    "{}",
                    json!({ "code": code, "uses": issued.uses, "expires_at": until, "kiosk": issued.kiosk })
                );
            } else {
                words.print_secret(Text::new("cli-enrolment-code"), "code", issued.code.expose());
                println!("{}", words.say(Text::new("cli-enrolment-uses").num("uses", issued.uses).arg("until", until)));
                println!("{}", words.word(if issued.kiosk { "cli-enrolment-how-kiosk" } else { "cli-enrolment-how" }));
            }
        }
        DeviceCommand::List { .. } => {
            let devices = admin.devices()?;
            if json {
                println!("{}", json!({ "devices": devices.iter().map(|d| device_json(d, zone)).collect::<Vec<_>>() }));
            } else {
                let columns = ["cli-column-name", "cli-column-kiosk", "cli-column-registered", "cli-column-state"];
                let mut table = Table::new(words, &columns);
                for d in &devices {
                    let state = d.revoked_at.map_or_else(
                        || words.word("cli-device-registered"),
                        |at| words.say(Text::new("cli-device-revoked-at").arg("when", text(at))),
                    );
                    table.row(vec![d.name.clone(), words.yes_no(d.kiosk), text(d.created_at), state]);
                }
                table.print();
            }
        }
        DeviceCommand::Revoke { name, .. } => {
            let device = admin.revoke_device(&name)?;
            if json {
                println!("{}", json!({ "revoked": device_json(&device, zone) }));
            } else {
                println!("{}", words.say(Text::new("cli-device-revoked").arg("name", &device.name)));
            }
        }
    }
    Ok(())
}
