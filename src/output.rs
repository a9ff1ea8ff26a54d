//! The write stage. The site is written into a fresh folder next to the output folder and
//! swapped in only when complete, so a failed build leaves the previous site as it was.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::{FileContents, OutputFile};

/// Marks a folder as folio's output, so folio never replaces a folder it did not write.
pub const MARKER: &str = ".folio-output";

/// Writes `files` as the new content of `output_dir`. `shown` is the folder's name for
/// messages (relative to the site).
pub fn write_site(output_dir: &Path, shown: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let parent = output_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = output_dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    let fail = |what: &str, path: &Path, err: std::io::Error| {
        Diagnostic::error(shown, format!("{what} {}: {err}", path.display()))
            .help("check that the folder may be written and the disk is not full; the previous output is unchanged")
    };
    fs::create_dir_all(parent).map_err(|err| fail("cannot create the folder", parent, err))?;
    recover_interrupted_swap(output_dir, parent, &name);
    refuse_foreign_folder(output_dir, shown)?;

    let staging = parent.join(format!(".folio-tmp-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let written = write_all(&staging, files);
    if let Err((path, err)) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(fail("cannot write", &path, err));
    }
    swap_in(&staging, output_dir, parent, &name).map_err(|err| {
        let _ = fs::remove_dir_all(&staging);
        fail("cannot move the new site into", output_dir, err)
    })
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<(), (PathBuf, std::io::Error)> {
    fs::create_dir_all(staging).map_err(|err| (staging.to_path_buf(), err))?;
    let mut folders: Vec<PathBuf> = files.iter().filter_map(|f| Path::new(&f.path).parent().map(Path::to_path_buf)).collect();
    folders.sort();
    folders.dedup();
    for folder in folders {
        let path = staging.join(folder);
        fs::create_dir_all(&path).map_err(|err| (path, err))?;
    }
    files.par_iter().try_for_each(|file| {
        let path = staging.join(&file.path);
        let result = match &file.contents {
            FileContents::Bytes(bytes) => fs::File::create(&path).and_then(|mut f| f.write_all(bytes)),
            FileContents::CopyOf(from) => fs::copy(from, &path).map(|_| ()),
        };
        result.map_err(|err| (path, err))
    })?;
    let marker = staging.join(MARKER);
    fs::write(&marker, "This folder is written by folio and replaced on every build.\n").map_err(|err| (marker, err))
}

/// Moves the finished folder into place: old output aside, new one in, old one removed.
fn swap_in(staging: &Path, output_dir: &Path, parent: &Path, name: &str) -> std::io::Result<()> {
    if output_dir.exists() {
        let old = parent.join(format!(".folio-old-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&old);
        fs::rename(output_dir, &old)?;
        if let Err(err) = fs::rename(staging, output_dir) {
            let _ = fs::rename(&old, output_dir);
            return Err(err);
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(staging, output_dir)?;
    }
    Ok(())
}

/// A build killed between the two renames of `swap_in` leaves the old site aside and no
/// output folder: put it back. Leftover staging folders of dead builds are removed.
fn recover_interrupted_swap(output_dir: &Path, parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    let old_prefix = format!(".folio-old-{name}-");
    let tmp_prefix = format!(".folio-tmp-{name}-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        if file_name.starts_with(&old_prefix) {
            if output_dir.exists() {
                let _ = fs::remove_dir_all(entry.path());
            } else {
                let _ = fs::rename(entry.path(), output_dir);
            }
        } else if file_name.starts_with(&tmp_prefix) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn refuse_foreign_folder(output_dir: &Path, shown: &Path) -> Result<(), Diagnostic> {
    if !output_dir.exists() {
        return Ok(());
    }
    if !output_dir.is_dir() {
        return Err(Diagnostic::error(shown, "the output folder is a file")
            .help("remove the file, or set another `output_dir` in site.toml"));
    }
    let is_empty = fs::read_dir(output_dir).map(|mut entries| entries.next().is_none()).unwrap_or(false);
    if is_empty || output_dir.join(MARKER).is_file() {
        return Ok(());
    }
    Err(Diagnostic::error(shown, "the output folder holds files that folio did not write, and a build replaces the whole folder")
        .help("move those files elsewhere (or empty the folder), or set another `output_dir` in site.toml"))
}
