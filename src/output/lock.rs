//! One build at a time per output folder. Two builds writing the same staging folder at
//! once would leave a mix of both sites; the second one fails with a clear message instead.
//! The lock is an advisory file lock (`flock`) on a file beside the output folder, released by the
//! system when the build ends, however it ends (no stale lock after a crash).

use std::fs::{File, OpenOptions};
use std::path::Path;

use crate::diagnostic::Diagnostic;

/// The lock file, in the output folder's parent.
pub const LOCK_FILE: &str = ".folio-build.lock";

/// Holds the lock while alive.
pub struct BuildLock {
    _file: File,
}

/// Takes the lock for the outputs in `parent`, or says that another build holds it.
pub fn take(parent: &Path, shown: &Path) -> Result<BuildLock, Diagnostic> {
    let path = parent.join(LOCK_FILE);
    let file = open(&path).map_err(|err| {
        Diagnostic::error(shown, format!("cannot open the lock file {}: {err}", path.display()))
            .help("check that the folder may be written; a symbolic link in the lock file's place is not followed")
    })?;
    if try_lock(&file) {
        Ok(BuildLock { _file: file })
    } else {
        Err(Diagnostic::error(shown, "another folio build is writing this output folder right now")
            .help("wait for it to finish and build again (a build that ended, even by a crash, holds no lock); nothing was written"))
    }
}

/// Opens (creating) the lock file without following a symbolic link planted there.
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// An exclusive lock without waiting (`flock` on Unix, `LockFileEx` on Windows).
fn try_lock(file: &File) -> bool {
    file.try_lock().is_ok()
}
