//! The output option every `admin` command shares, and what a command prints with it.

use clap::Args;

use crate::words::Words;

#[derive(Args)]
pub struct Common {
    /// Print one JSON object on stdout instead of text
    #[arg(long)]
    pub json: bool,
}

/// What a command prints: one JSON object with `--json`, else sentences and tables in `words`.
#[derive(Clone, Copy)]
pub(crate) struct Out {
    pub(crate) words: Words,
    pub(crate) json: bool,
}
