//! Owner-only files (issue 11, item 4). The data directory holds every password and answer hash
//! and, in `outbox/`, live email OTPs: on a shared laptop or a kiosk no other local account may
//! read it. Folders Gatehouse makes are 0700 and files 0600 from the moment they exist (created
//! with that mode, never loosened and then fixed); a data directory left readable by an earlier
//! version is tightened when it is opened, with a warning naming each path.
//!
//! Unix only: on Windows the data directory lies under the user's profile, private to them by
//! the ACL it inherits, and these functions only create and write.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::text::Text;

/// Creates `dir` and any missing parent owner-only (0700). An existing folder is left as it is:
/// [`tighten_tree`] deals with those when a data directory is opened.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn owner_only() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Creates a new file, owner-only (0600); an existing file is an error (nothing is replaced).
pub fn create_new(path: &Path) -> io::Result<File> {
    owner_only().create_new(true).open(path)
}

/// Creates or empties a file for writing, owner-only. A file that already existed with looser
/// permissions (a path chosen on the command line) is made owner-only before anything is written.
///
/// A link at the path is not followed, and a file there that another user owns is left alone
/// (both refused): someone who may write to the folder (a shared export folder, `/tmp`) could
/// otherwise have the operator's export overwrite a file of the operator's, or land in a file
/// of their own they can read.
pub fn create(path: &Path) -> io::Result<File> {
    let mut options = owner_only();
    options.create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = file.metadata()?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if meta.uid() != unsafe { libc::geteuid() } {
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, "the file there belongs to another user"));
        }
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    file.set_len(0)?;
    Ok(file)
}

/// Refuses an output file that exists (it may hold passwords not yet handed out): the `field`
/// is at fault, and the message tells the operator to move the file away or to name another
/// with `option`.
pub fn refuse_existing(path: &Path, field: &'static str, option: &str) -> Result<(), Error> {
    if path.exists() {
        return Err(Error::invalid(
            field,
            Text::new("output-file-exists").arg("path", path.display()).arg("option", option),
        ));
    }
    Ok(())
}

/// Writes `bytes` to a new owner-only file (flushed to disk), creating its folder owner-only.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_dir(dir)?;
    }
    let mut file = create_new(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates an empty owner-only file at `path` unless one exists. For the database: SQLite gives
/// its `-wal`, `-shm` and `-journal` files the database file's mode, so the file must be 0600
/// before SQLite first opens it.
pub fn create_empty(path: &Path) -> io::Result<()> {
    match create_new(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes `path` owner-only if group or others may read, write or enter it: the answer is
/// whether it had to be tightened. A missing path is fine; a path owned by another user, or
/// whose mode cannot be changed, is refused with an error naming it and the fix. Symbolic links
/// are not followed.
pub fn tighten(path: &Path) -> Result<bool, Error> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Ok(false),
        Ok(meta) => tighten_with(path, &meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::Storage(format!("cannot read the permissions of {}: {e}", path.display()))),
    }
}

/// [`tighten`] for `dir` (followed if it is a link) and everything in it, at any depth: the
/// paths that had to be tightened.
pub fn tighten_tree(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let meta = std::fs::metadata(dir)
        .map_err(|e| Error::Storage(format!("cannot read the permissions of {}: {e}", dir.display())))?;
    let mut tightened = Vec::new();
    if tighten_with(dir, &meta)? {
        tightened.push(dir.to_owned());
    }
    if meta.is_dir() {
        tighten_entries(dir, &mut tightened)?;
    }
    Ok(tightened)
}

fn tighten_entries(dir: &Path, tightened: &mut Vec<PathBuf>) -> Result<(), Error> {
    let unreadable = |e: io::Error| Error::Storage(format!("cannot list {}: {e}", dir.display()));
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        if tighten(&path)? {
            tightened.push(path.clone());
        }
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            tighten_entries(&path, tightened)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn tighten_with(path: &Path, meta: &std::fs::Metadata) -> Result<bool, Error> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // SAFETY: geteuid has no preconditions and cannot fail (POSIX).
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        return Err(Error::Storage(format!(
            "{} belongs to another user (uid {}, not {me}), who can read it; run Gatehouse as that user or give \
             the data directory to this one (chown -R)",
            path.display(),
            meta.uid()
        )));
    }
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o077 == 0 {
        return Ok(false);
    }
    let private = mode & 0o700;
    let refused = |why: String| {
        Error::Storage(format!("{} can be read by other users and cannot be made private: {why}", path.display()))
    };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(private)).map_err(|e| refused(e.to_string()))?;
    // A file system without Unix permissions (FAT, some network shares) accepts chmod and
    // ignores it.
    let now = std::fs::symlink_metadata(path).map_err(|e| refused(e.to_string()))?.permissions().mode() & 0o7777;
    if now & 0o077 != 0 {
        return Err(refused(format!(
            "its file system keeps the mode {now:o}; keep the data directory on a local disk"
        )));
    }
    tracing::warn!(
        path = %path.display(),
        was = format!("{mode:o}"),
        now = format!("{private:o}"),
        "other users could read this; made it private to its owner"
    );
    Ok(true)
}

#[cfg(not(unix))]
fn tighten_with(_path: &Path, _meta: &std::fs::Metadata) -> Result<bool, Error> {
    Ok(false)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn chmod(p: &Path, mode: u32) {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    /// A file as an earlier version left it: readable by everyone.
    fn readable_file(path: &Path, text: &[u8]) -> PathBuf {
        std::fs::write(path, text).unwrap();
        chmod(path, 0o644);
        path.to_owned()
    }

    #[test]
    fn created_folders_and_files_are_owner_only_from_the_start() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        create_dir(&dir).unwrap();
        assert_eq!((mode(&tmp.path().join("a")), mode(&dir)), (0o700, 0o700));
        write_new(&dir.join("new/x.eml"), b"hello").unwrap();
        assert_eq!((mode(&dir.join("new")), mode(&dir.join("new/x.eml"))), (0o700, 0o600));
        assert_eq!(write_new(&dir.join("new/x.eml"), b"again").unwrap_err().kind(), io::ErrorKind::AlreadyExists);
        create_empty(&dir.join("db")).unwrap();
        assert_eq!(mode(&dir.join("db")), 0o600);
    }

    #[test]
    fn an_existing_file_chosen_for_output_is_made_owner_only_before_it_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let path = readable_file(&tmp.path().join("out.csv"), b"old");
        let mut f = create(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
        f.write_all(b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn an_output_path_that_is_a_link_is_refused_and_what_it_points_to_is_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let target = readable_file(&tmp.path().join("gatehouse.db"), b"the operator's database");
        let link = tmp.path().join("audit.csv");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let refused = create(&link).unwrap_err();
        assert_eq!(refused.raw_os_error(), Some(libc::ELOOP), "{refused}");
        assert_eq!(std::fs::read(&target).unwrap(), b"the operator's database");
        assert_eq!(mode(&target), 0o644, "not even its mode changed");
    }

    #[test]
    fn an_output_file_another_user_owns_is_refused_and_left_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let planted = tmp.path().join("audit.csv");
        std::fs::write(&planted, b"theirs").unwrap();
        // Only root may give a file away: elsewhere there is nothing to try.
        if std::os::unix::fs::chown(&planted, Some(65534), Some(65534)).is_err() {
            return;
        }
        let refused = create(&planted).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::PermissionDenied, "{refused}");
        assert_eq!(std::fs::read(&planted).unwrap(), b"theirs");
    }

    #[test]
    fn a_tree_left_readable_is_tightened_and_links_are_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = readable_file(&tmp.path().join("outside.txt"), b"not ours to change");
        let dir = tmp.path().join("data");
        std::fs::create_dir_all(dir.join("outbox")).unwrap();
        std::fs::write(dir.join("gatehouse.db"), b"").unwrap();
        std::fs::write(dir.join("outbox/m.eml"), b"").unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("logo.png")).unwrap();
        for (p, m) in [("", 0o755), ("outbox", 0o775), ("gatehouse.db", 0o644), ("outbox/m.eml", 0o666)] {
            chmod(&dir.join(p), m);
        }
        let mut tightened = tighten_tree(&dir).unwrap();
        tightened.sort();
        let expected = [dir.clone(), dir.join("gatehouse.db"), dir.join("outbox"), dir.join("outbox/m.eml")];
        assert_eq!(tightened, expected);
        for (p, m) in [("", 0o700), ("outbox", 0o700), ("gatehouse.db", 0o600), ("outbox/m.eml", 0o600)] {
            assert_eq!(mode(&dir.join(p)), m, "{p}");
        }
        assert_eq!(mode(&outside), 0o644, "the link's target is not the data directory's");
        assert!(tighten_tree(&dir).unwrap().is_empty(), "a second pass has nothing to do");
    }
}
