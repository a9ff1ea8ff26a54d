//! The write stage. The new site is written into a staging folder next to the output folder
//! and swapped in only when complete, so a failed or killed build leaves the previous site
//! as it was.
//!
//! The staging folder is the output before last (`.folio-prev-<name>`), kept from the
//! previous build: only files that changed are written into it and files that are gone are
//! removed. Creating and deleting thousands of files is what makes big builds slow on most
//! disks; rewriting only what changed keeps a rebuild close to the cost of rendering.

mod lock;
mod paths;

use std::collections::HashSet;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::{FileContents, OutputFile};

/// Marks a folder as folio's output, so folio never replaces a folder it did not write.
pub const MARKER: &str = ".folio-output";
const MARKER_TEXT: &str = "This folder is written by folio and replaced on every build.\n";

/// Writes `files` as the new content of `output_dir`. `shown` is the folder's name for
/// messages (relative to the site).
pub fn write_site(output_dir: &Path, shown: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let parent = output_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = output_dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    let fail = |what: &str, path: &Path, err: std::io::Error| {
        Diagnostic::error(shown, format!("{what} {}: {err}", path.display()))
            .help("check that the folder may be written and the disk is not full; the previous output is unchanged")
    };
    // Every name is checked before the first byte is written: a bad one fails the build whole.
    refuse_paths_outside(shown, files)?;
    refuse_linked_output_folder(output_dir, shown)?;
    fs::create_dir_all(parent).map_err(|err| fail("cannot create the folder", parent, err))?;
    // Held until this function returns: a second build waits for nothing and fails clearly.
    let _lock = lock::take(parent, shown)?;
    let staging = parent.join(format!(".folio-prev-{name}"));
    recover_interrupted_swap(output_dir, &staging, shown)?;
    refuse_foreign_folder(output_dir, shown)?;
    if is_symlink(&staging) {
        // Writing into it would write wherever it points: drop the link, never its target.
        fs::remove_file(&staging).map_err(|err| fail("cannot remove the symbolic link", &staging, err))?;
    }
    refuse_unmarked_scratch(&staging, shown)?;

    sync_folder(&staging, files).map_err(|(path, err)| {
        // Name the file as the author knows it: its place in the output folder.
        let shown_file = path.strip_prefix(&staging).map(|inside| shown.join(inside)).unwrap_or(path);
        fail("cannot write the new site's", &shown_file, err)
    })?;
    swap(&staging, output_dir).map_err(|err| fail("cannot move the new site into", output_dir, err))
}

/// The one check of every output path (see `paths`): nothing lands outside the output folder.
fn refuse_paths_outside(shown: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    for file in files {
        if let Err(why) = paths::check(&file.path) {
            return Err(Diagnostic::error(shown, format!("folio refused to write `{}`: {why}, so it could land outside the output folder", file.path.escape_debug()))
                .help("rename the file this output comes from (a linked file or a page) to a plain name of letters, digits, `-` and `_`; nothing was written"));
        }
    }
    Ok(())
}

/// The output folder, or a folder on the way to it inside the site, may not be a symbolic
/// link: the build replaces the folder, and would write wherever the link points.
fn refuse_linked_output_folder(output_dir: &Path, shown: &Path) -> Result<(), Diagnostic> {
    let levels = shown.components().count();
    match output_dir.ancestors().take(levels).find(|dir| is_symlink(dir)) {
        Some(link) => {
            Err(Diagnostic::error(shown, format!("{} is a symbolic link, and folio does not write through links", link.display()))
                .help("remove the link and let folio create a plain folder, then copy or serve that folder where you need it"))
        }
        None => Ok(()),
    }
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// Makes `folder` hold exactly `files` (plus the marker), touching only what differs.
fn sync_folder(folder: &Path, files: &[OutputFile]) -> Result<(), (PathBuf, std::io::Error)> {
    fs::create_dir_all(folder).map_err(|err| (folder.to_path_buf(), err))?;
    // The marker goes first and stays: a half-synced folder is still recognisably ours.
    let marker = folder.join(MARKER);
    if is_symlink(&marker) {
        fs::remove_file(&marker).map_err(|err| (marker.clone(), err))?;
    }
    write_if_changed(&marker, MARKER_TEXT.as_bytes())?;

    let wanted: HashSet<PathBuf> = files.iter().map(|f| PathBuf::from(&f.path)).collect();
    let mut folders: HashSet<PathBuf> = HashSet::new();
    for path in &wanted {
        let mut parent = path.parent();
        while let Some(dir) = parent.filter(|p| !p.as_os_str().is_empty()) {
            if !folders.insert(dir.to_path_buf()) {
                break;
            }
            parent = dir.parent();
        }
    }
    remove_unwanted(folder, &wanted, &folders)?;
    let mut ordered: Vec<&PathBuf> = folders.iter().collect();
    ordered.sort_by_key(|p| p.components().count());
    for dir in ordered {
        let path = folder.join(dir);
        if !path.is_dir() {
            fs::create_dir(&path).map_err(|err| (path, err))?;
        }
    }
    files.par_iter().try_for_each(|file| {
        let path = folder.join(&file.path);
        match &file.contents {
            FileContents::Bytes(bytes) => write_if_changed(&path, bytes),
            FileContents::CopyOf(from) => {
                let bytes = fs::read(from).map_err(|err| (from.clone(), err))?;
                write_if_changed(&path, &bytes)
            }
            FileContents::Parts(parts) => write_parts_if_changed(&path, parts),
        }
    })
}

/// Deletes files and folders under `folder` that the new site does not have.
fn remove_unwanted(folder: &Path, wanted: &HashSet<PathBuf>, folders: &HashSet<PathBuf>) -> Result<(), (PathBuf, std::io::Error)> {
    let mut stale = Vec::new();
    let mut walker = walkdir::WalkDir::new(folder).min_depth(1).into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|err| (folder.to_path_buf(), std::io::Error::other(err.to_string())))?;
        let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path()).to_path_buf();
        if relative == Path::new(MARKER) {
            continue;
        }
        let is_dir = entry.file_type().is_dir();
        // A symbolic link is never kept, whatever its name: writing to it would write
        // through it (removing it removes the link, not what it points to).
        let keep = if entry.file_type().is_symlink() {
            false
        } else if is_dir {
            folders.contains(&relative)
        } else {
            wanted.contains(&relative)
        };
        if !keep {
            if is_dir {
                walker.skip_current_dir();
            }
            stale.push((entry.into_path(), is_dir));
        }
    }
    for (path, is_dir) in stale {
        let removed = if is_dir { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        removed.map_err(|err| (path, err))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` unless the file already holds exactly them.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), (PathBuf, std::io::Error)> {
    if let Ok(mut existing) = fs::File::open(path) {
        let same_length = existing.metadata().map(|m| m.len() == bytes.len() as u64).unwrap_or(false);
        if same_length {
            let mut current = Vec::with_capacity(bytes.len());
            if existing.read_to_end(&mut current).is_ok() && current == bytes {
                return Ok(());
            }
        }
    }
    create(path).and_then(|mut file| file.write_all(bytes)).map_err(|err| (path.to_path_buf(), err))
}

/// Creates or truncates `path`, refusing to follow a symbolic link planted there since
/// `remove_unwanted` ran.
fn create(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// `write_if_changed` for a file made of pieces, without joining them in memory.
fn write_parts_if_changed(path: &Path, parts: &[String]) -> Result<(), (PathBuf, std::io::Error)> {
    let length: usize = parts.iter().map(String::len).sum();
    if let Ok(existing) = fs::File::open(path) {
        if existing.metadata().map(|m| m.len() == length as u64).unwrap_or(false) && same_as_parts(existing, parts) {
            return Ok(());
        }
    }
    let write = || -> std::io::Result<()> {
        let mut file = std::io::BufWriter::with_capacity(1 << 20, create(path)?);
        for part in parts {
            file.write_all(part.as_bytes())?;
        }
        file.flush()
    };
    write().map_err(|err| (path.to_path_buf(), err))
}

fn same_as_parts(file: fs::File, parts: &[String]) -> bool {
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut buffer = Vec::new();
    for part in parts {
        buffer.resize(part.len(), 0);
        if reader.read_exact(&mut buffer).is_err() || buffer != part.as_bytes() {
            return false;
        }
    }
    true
}

/// Puts `staging` in place of `output_dir`; the old output becomes the staging folder of
/// the next build. On Linux one atomic exchange; elsewhere two renames.
fn swap(staging: &Path, output_dir: &Path) -> std::io::Result<()> {
    if !output_dir.exists() {
        return fs::rename(staging, output_dir);
    }
    #[cfg(target_os = "linux")]
    {
        if exchange(staging, output_dir).is_ok() {
            return Ok(());
        }
    }
    let aside = swap_aside(output_dir);
    fs::rename(output_dir, &aside)?;
    if let Err(err) = fs::rename(staging, output_dir) {
        let _ = fs::rename(&aside, output_dir);
        return Err(err);
    }
    fs::rename(&aside, staging)
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    // SAFETY: both are valid NUL-terminated paths; renameat2 only reads them.
    let result = unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

fn swap_aside(output_dir: &Path) -> PathBuf {
    let name = output_dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    output_dir.with_file_name(format!(".folio-swap-{name}"))
}

/// A build killed between the renames of the fallback swap leaves the old site aside and
/// no output folder: put it back. Only a folder with folio's marker is ever deleted.
fn recover_interrupted_swap(output_dir: &Path, staging: &Path, shown: &Path) -> Result<(), Diagnostic> {
    let aside = swap_aside(output_dir);
    if !aside.exists() {
        return Ok(());
    }
    if !output_dir.exists() {
        let _ = fs::rename(&aside, output_dir);
    } else if !staging.exists() {
        let _ = fs::rename(&aside, staging);
    } else {
        refuse_unmarked_scratch(&aside, shown)?;
        let _ = fs::remove_dir_all(&aside);
    }
    Ok(())
}

/// folio's scratch folders (`.folio-prev-…`, `.folio-swap-…`) are cleared or deleted by a
/// build; a folder of that name without folio's marker may be an author's, so it is never
/// touched. An empty one holds nothing to lose.
fn refuse_unmarked_scratch(folder: &Path, shown: &Path) -> Result<(), Diagnostic> {
    let is_empty = fs::read_dir(folder).map(|mut entries| entries.next().is_none()).unwrap_or(true);
    if !folder.is_dir() || is_empty || folder.join(MARKER).is_file() {
        return Ok(());
    }
    let name = folder.file_name().unwrap_or_default().to_string_lossy();
    Err(Diagnostic::error(
        shown,
        format!("`{name}` beside the output folder is named like folio's scratch folder but lacks folio's marker file `{MARKER}`, so folio does not clear it"),
    )
    .help("move that folder elsewhere if it is yours (or delete it if it is not); nothing was written"))
}

fn refuse_foreign_folder(output_dir: &Path, shown: &Path) -> Result<(), Diagnostic> {
    if !output_dir.exists() {
        return Ok(());
    }
    if !output_dir.is_dir() {
        return Err(
            Diagnostic::error(shown, "the output folder is a file").help("remove the file, or set another `output_dir` in site.toml")
        );
    }
    let is_empty = fs::read_dir(output_dir).map(|mut entries| entries.next().is_none()).unwrap_or(false);
    if is_empty || output_dir.join(MARKER).is_file() {
        return Ok(());
    }
    Err(Diagnostic::error(shown, "the output folder holds files that folio did not write, and a build replaces the whole folder")
        .help("move those files elsewhere (or empty the folder), or set another `output_dir` in site.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), contents: FileContents::Bytes(text.as_bytes().to_vec()) }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn builds_swap_in_whole_and_the_staging_folder_is_reused() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        write_site(&out, Path::new("public"), &[file("index.html", "een"), file("a/index.html", "a"), file("b/c/index.html", "c")])
            .unwrap();
        assert_eq!(listing(&out), [".folio-output", "a", "a/index.html", "b", "b/c", "b/c/index.html", "index.html"]);
        write_site(&out, Path::new("public"), &[file("index.html", "twee"), file("a/index.html", "a")]).unwrap();
        assert_eq!(listing(&out), [".folio-output", "a", "a/index.html", "index.html"]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "twee");
        // The previous output is the next staging folder.
        let previous = site.path().join(".folio-prev-public");
        assert_eq!(fs::read_to_string(previous.join("index.html")).unwrap(), "een");
        write_site(&out, Path::new("public"), &[file("index.html", "drie"), file("d/index.html", "d")]).unwrap();
        assert_eq!(listing(&out), [".folio-output", "d", "d/index.html", "index.html"]);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "drie");
    }

    #[test]
    fn a_path_that_climbs_out_is_refused_before_anything_is_written() {
        let top = tempfile::tempdir().unwrap();
        let out = top.path().join("site/public");
        let files = [file("index.html", "een"), file("media/../../../victim.txt", "weg")];
        let error = write_site(&out, Path::new("public"), &files).unwrap_err();
        assert!(error.message.contains("folio refused to write `media/../../../victim.txt`"), "{error}");
        assert_eq!(listing(top.path()), Vec::<String>::new());
    }

    #[test]
    fn an_interrupted_fallback_swap_is_undone() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        write_site(&out, Path::new("public"), &[file("index.html", "oud")]).unwrap();
        fs::rename(&out, swap_aside(&out)).unwrap();
        write_site(&out, Path::new("public"), &[file("index.html", "nieuw")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "nieuw");
        assert!(!swap_aside(&out).exists());
    }
}
