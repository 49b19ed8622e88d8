//! The output option every `admin` command shares.

use clap::Args;

#[derive(Args)]
pub struct Common {
    /// Print one JSON object on stdout instead of text
    #[arg(long)]
    pub json: bool,
}
