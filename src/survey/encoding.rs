//! Which encoding a survey export is in. Spreadsheet programs write UTF-8 or, in Dutch
//! versions, Windows-1252 (é is the one byte 0xE9). A file is taken as Windows-1252 only
//! when nothing in it is UTF-8 beyond plain ASCII: a UTF-8 file with one stray
//! Windows-1252 byte would otherwise be read wholly as Windows-1252, every é in it turned
//! into "Ã©", and the errors would blame lines that are right.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::text::line_of_byte;

/// The text and the name of its encoding, or why the file cannot be read as one.
pub fn decode(bytes: &[u8], path: &Path) -> Result<(String, &'static str), Diagnostic> {
    refuse_utf16(bytes, path)?;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // The byte order mark says UTF-8: every byte must be.
        return match invalid_byte(rest) {
            None => Ok((String::from_utf8_lossy(rest).into_owned(), "UTF-8")),
            Some(at) => Err(not_utf8(path, rest, at, None)),
        };
    }
    let Some(bad) = invalid_byte(bytes) else {
        return Ok((String::from_utf8_lossy(bytes).into_owned(), "UTF-8"));
    };
    match first_utf8_beyond_ascii(bytes) {
        Some(utf8) => Err(not_utf8(path, bytes, bad, Some(utf8))),
        None => Ok((encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(), "Windows-1252")),
    }
}

/// UTF-16 (a byte order mark, or the NUL bytes of its ASCII letters) is not CSV that
/// folio reads; without this check it would be read as Windows-1252 full of NULs.
fn refuse_utf16(bytes: &[u8], path: &Path) -> Result<(), Diagnostic> {
    let marked = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let nuls = bytes.iter().take(4096).filter(|&&b| b == 0).count();
    if marked || nuls * 4 > bytes.len().min(4096) {
        return Err(Diagnostic::error(path, "the export is UTF-16 text (\"Unicode text\"), which folio does not read")
            .at_line(1)
            .help("export it again as CSV in UTF-8 (in Excel: Save As → \"CSV UTF-8 (comma delimited)\")"));
    }
    Ok(())
}

/// Offset of the first byte that is not part of valid UTF-8.
fn invalid_byte(bytes: &[u8]) -> Option<usize> {
    std::str::from_utf8(bytes).err().map(|err| err.valid_up_to())
}

/// Offset of the first character beyond ASCII written in valid UTF-8.
fn first_utf8_beyond_ascii(bytes: &[u8]) -> Option<usize> {
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        if let Some(at) = chunk.valid().find(|c: char| !c.is_ascii()) {
            return Some(offset + at);
        }
        offset += chunk.valid().len() + chunk.invalid().len();
    }
    None
}

/// The line with the first byte that is not UTF-8, and (for a mixed file) a line that is.
fn not_utf8(path: &Path, bytes: &[u8], bad: usize, utf8: Option<usize>) -> Diagnostic {
    let line = line_of_byte(bytes, bad);
    let byte = bytes[bad];
    let latin = encoding_rs::WINDOWS_1252.decode(&[byte]).0.into_owned();
    let message = match utf8 {
        Some(at) => format!(
            "the export mixes encodings: line {line} has the byte 0x{byte:02X} (`{latin}` in Windows-1252), which is not UTF-8, while line {} is UTF-8",
            line_of_byte(bytes, at)
        ),
        None => format!("the export starts with a UTF-8 mark, but line {line} has the byte 0x{byte:02X} (`{latin}` in Windows-1252), which is not UTF-8"),
    };
    Diagnostic::error(path, message)
        .at_line(line)
        .help("export the file again in one encoding (UTF-8 is best), or retype that line's special characters in an editor set to UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_encoding_per_file() {
        let path = Path::new("survey/export-2026.csv");
        assert_eq!(decode(b"id;naam\n1;caf\xC3\xA9\n", path).unwrap(), ("id;naam\n1;café\n".to_string(), "UTF-8"));
        assert_eq!(decode(b"id;naam\n1;caf\xE9\n", path).unwrap().1, "Windows-1252");
        let mixed = decode(b"id;naam\n1;caf\xC3\xA9\n2;ok\n3;caf\xE9\n", path).unwrap_err();
        assert_eq!(mixed.line, Some(4));
        assert_eq!(
            mixed.message,
            "the export mixes encodings: line 4 has the byte 0xE9 (`é` in Windows-1252), which is not UTF-8, while line 2 is UTF-8"
        );
        let utf16 = decode(b"\xFF\xFEi\0d\0", path).unwrap_err();
        assert!(utf16.message.contains("UTF-16"), "{}", utf16.message);
        assert!(decode(b"i\0d\0;\0n\0", path).unwrap_err().message.contains("UTF-16"));
        assert_eq!(decode(b"\xEF\xBB\xBFid\n\xE9\n", path).unwrap_err().line, Some(2));
    }
}
