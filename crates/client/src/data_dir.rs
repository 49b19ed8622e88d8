//! A thin client's data directory holds what decides which server this machine trusts
//! (`gatehouse.toml`: `[server] url` and `ca_file`), its device credential (`key_store =
//! "file"`) and a kiosk's break-glass hash. Another local account that could change them could
//! point the machine at a server of their own, with a certificate of their own, and be sent the
//! passwords typed at it and its device credential. So, as an embedded install does with its
//! database (`gatehouse_core::store::sqlite`'s `open_in`), the directory is made owner-only
//! before anything in it is read: one that another user owns is refused.

use std::path::Path;

use gatehouse_core::config::{Config, CONFIG_FILE_NAME};
use gatehouse_core::{files, Error};

/// Creates `dir` owner-only if missing and tightens it and everything in it (a path another
/// user owns is refused, naming it and the fix); then reads its `gatehouse.toml`.
pub fn open(dir: &Path) -> Result<Config, Error> {
    files::create_dir(dir)
        .map_err(|e| Error::Storage(format!("cannot create data directory {}: {e}", dir.display())))?;
    files::tighten_tree(dir)?;
    Config::load(&dir.join(CONFIG_FILE_NAME))
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_thin_clients_data_directory_is_made_owner_only_before_its_configuration_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let toml = dir.path().join(CONFIG_FILE_NAME);
        std::fs::write(&toml, "[server]\nurl = \"https://gatehouse.school.example/\"\nca_file = \"ca.pem\"\n").unwrap();
        std::fs::write(dir.path().join("ca.pem"), "not read here").unwrap();
        for (path, mode) in [(dir.path().to_owned(), 0o777), (toml.clone(), 0o666), (dir.path().join("ca.pem"), 0o664)]
        {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        let config = open(dir.path()).expect("the directory opens");
        assert_eq!(config.server.url, "https://gatehouse.school.example/");
        assert_eq!(mode(dir.path()), 0o700);
        assert_eq!(mode(&toml), 0o600);
        assert_eq!(mode(&dir.path().join("ca.pem")), 0o600);
        // A missing directory is made owner-only.
        let new = dir.path().join("new");
        open(&new).expect("a new directory opens");
        assert_eq!(mode(&new), 0o700);
    }
}
