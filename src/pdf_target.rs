//! Where `folio pdf` may write its PDF. The PDF replaces only an earlier PDF, never a folder,
//! a FIFO, a device or any other file; `[pdf] output` in site.toml stays inside the monitor's
//! folder (a shared site.toml must not write elsewhere), by its name and through links
//! (see `paths`); `--output` is the user's own choice on the command line and may point
//! anywhere.

use std::io::Read;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::paths;

/// `[pdf] output` (or `report_output`, named by `key`) as written in site.toml: a path inside
/// the monitor's folder `root`, by its name and where it really leads.
pub fn check_setting(root: &Path, key: &str, output: &str) -> Result<(), Diagnostic> {
    check_name(key, output)?;
    if let Err(outside) = paths::resolve(&root.join(output), root) {
        return Err(Diagnostic::error("site.toml", format!(
            "`[pdf] {key} = \"{output}\"` leads outside the monitor's folder, through a symbolic link, to {}",
            outside.real.display()
        ))
        .help("a folder on the way to the PDF is a link to elsewhere; give a path to a plain folder inside the monitor, or use `folio pdf --output …` for another place"));
    }
    Ok(())
}

/// The setting's name alone: no `..` above the folder, no absolute path, no backslash.
fn check_name(key: &str, output: &str) -> Result<(), Diagnostic> {
    if paths::climbs_out(Path::new(output)) || output.contains('\\') {
        return Err(Diagnostic::error("site.toml", format!("`[pdf] {key} = \"{output}\"` points outside the monitor's folder")).help(
            "give a path inside the monitor's folder, e.g. `output = \"pdf/monitor.pdf\"`, or use `folio pdf --output …` for another place",
        ));
    }
    Ok(())
}

/// What is at `target` now may be replaced: nothing, or an earlier PDF.
pub fn check_existing(target: &Path) -> Result<(), Diagnostic> {
    let Ok(metadata) = std::fs::symlink_metadata(target) else { return Ok(()) };
    let kind = metadata.file_type();
    let what = if kind.is_dir() {
        Some("a folder")
    } else if kind.is_symlink() {
        Some("a symbolic link")
    } else if !kind.is_file() {
        Some("not a regular file (a FIFO, socket or device)")
    } else {
        None
    };
    if let Some(what) = what {
        return Err(Diagnostic::error(target, format!("the PDF cannot be written here: this is {what}"))
            .help("choose a file name for the PDF with --output or `[pdf] output` in site.toml"));
    }
    let mut head = [0u8; 5];
    let is_pdf = std::fs::File::open(target).and_then(|mut file| file.read_exact(&mut head)).is_ok() && &head == b"%PDF-";
    if !is_pdf {
        return Err(Diagnostic::error(target, "this file exists and is not a PDF; folio pdf does not replace it")
            .help("choose another name with --output or `[pdf] output`, or move the file away first"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_setting_stays_inside_the_monitor() {
        let root = tempfile::tempdir().unwrap();
        assert!(check_setting(root.path(), "output", "pdf/monitor.pdf").is_ok());
        for outside in ["../monitor.pdf", "/tmp/monitor.pdf", "pdf/../../x.pdf", "pdf\\..\\..\\x.pdf"] {
            let error = check_setting(root.path(), "report_output", outside).unwrap_err();
            assert!(
                error.message.contains(&format!("`[pdf] report_output = \"{outside}\"` points outside the monitor's folder")),
                "{outside}: {error}"
            );
        }
    }

    #[test]
    #[cfg(unix)]
    fn a_linked_folder_on_the_way_is_seen() {
        let top = tempfile::tempdir().unwrap();
        let root = top.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(top.path().join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(top.path().join("elsewhere"), root.join("pdf")).unwrap();
        let error = check_setting(&root, "output", "pdf/m.pdf").unwrap_err();
        assert!(
            error.message.contains("`[pdf] output = \"pdf/m.pdf\"` leads outside the monitor's folder, through a symbolic link"),
            "{error}"
        );
        assert!(error.message.contains("elsewhere"), "{error}");
    }

    #[test]
    fn only_nothing_or_an_earlier_pdf_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_existing(&dir.path().join("new.pdf")).is_ok());
        std::fs::write(dir.path().join("old.pdf"), b"%PDF-1.7 ...").unwrap();
        assert!(check_existing(&dir.path().join("old.pdf")).is_ok());
        std::fs::write(dir.path().join("notes.txt"), b"mijn aantekeningen").unwrap();
        assert!(check_existing(&dir.path().join("notes.txt")).unwrap_err().message.contains("not a PDF"));
        assert!(check_existing(dir.path()).unwrap_err().message.contains("a folder"));
        #[cfg(unix)]
        {
            let fifo = dir.path().join("fifo.pdf");
            assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
            assert!(check_existing(&fifo).unwrap_err().message.contains("not a regular file"));
            std::os::unix::fs::symlink(dir.path().join("old.pdf"), dir.path().join("link.pdf")).unwrap();
            assert!(check_existing(&dir.path().join("link.pdf")).unwrap_err().message.contains("symbolic link"));
        }
    }
}
