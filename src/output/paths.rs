//! The one rule for where folio may write: an output path is a plain relative path that
//! stays below the output folder. Every file of a build passes `check` before anything is
//! written, so a name that slipped past the earlier stages (a media file called
//! `..\..\x`, a slug that came out empty) can never touch a file outside the output.

/// Why `path` (forward slashes, relative to the output folder) may not be written, if so.
pub fn check(path: &str) -> Result<(), &'static str> {
    if path.is_empty() {
        return Err("the path is empty");
    }
    if path.chars().any(char::is_control) {
        return Err("the path holds a control character (such as NUL)");
    }
    if path.contains('\\') {
        // A folder separator on Windows, and `..\..` would climb out there.
        return Err("the path holds a backslash (`\\`)");
    }
    if path.starts_with('/') {
        return Err("the path is absolute");
    }
    if is_drive(path) {
        return Err("the path starts with a drive letter");
    }
    for part in path.split('/') {
        match part {
            "" => return Err("the path holds an empty folder name (`//`, or a trailing `/`)"),
            "." | ".." => return Err("the path holds `.` or `..`"),
            _ => {}
        }
    }
    Ok(())
}

/// `C:` and the like at the start: absolute on Windows even without a slash after it.
fn is_drive(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn plain_relative_paths_pass() {
        for path in ["index.html", "financiering/tarieven/index.html", "media/02-x/mijn foto.jpg", "static/app.css", "2026/x:y.txt"] {
            assert_eq!(check(path), Ok(()), "{path}");
        }
    }

    #[test]
    fn every_way_out_is_refused() {
        for path in [
            "",
            "media/../../../victim/important.txt",
            "media/..\\..\\..\\victim\\important.txt",
            "..",
            "./index.html",
            "/index.html",
            "/etc/passwd",
            "C:/Windows/x",
            "c:x",
            "media/a\0b",
            "media/a\nb",
            "a//b",
            "a/",
        ] {
            assert!(check(path).is_err(), "{path:?} must be refused");
        }
    }
}
