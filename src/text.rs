//! Text as authors' files hold it: the one UTF-8 decoding with the place of the first bad
//! byte, and the one way of counting lines and columns (`\n`, `\r\n` and a lone `\r` each
//! end a line, so files saved with old Mac line endings get the right line numbers).

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// `bytes` as text with `\n` line endings, or an error at the line and column of the first
/// byte that is not UTF-8. `shown` names the file in the message. Every later stage
/// (front matter, YAML, TOML, Markdown) counts lines by `\n` only, so a file saved with
/// old Mac endings (`\r` alone) would otherwise be one long line.
pub fn decode_utf8(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        // Everything before the bad byte is valid UTF-8.
        let before = std::str::from_utf8(&err.as_bytes()[..offset]).unwrap_or_default();
        let (line, column) = line_column(before, offset);
        Diagnostic::error(shown, "the file is not valid UTF-8 text")
            .at(line, column)
            .help("save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)")
    })?;
    Ok(match unix_lines(&text) {
        std::borrow::Cow::Owned(unix) => unix,
        std::borrow::Cow::Borrowed(_) => text,
    })
}

/// 1-based line and column (in characters) of the byte `offset` of `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = line_count(before);
    let start = before.rfind(['\n', '\r']).map_or(0, |at| at + 1);
    (line, before[start..].chars().count() + 1)
}

/// The 1-based number of the line `text` ends on.
fn line_count(text: &str) -> usize {
    line_of_byte(text.as_bytes(), text.len())
}

/// The 1-based line of the byte `offset` of `bytes`, which need not be valid text.
pub fn line_of_byte(bytes: &[u8], offset: usize) -> usize {
    let before = &bytes[..offset.min(bytes.len())];
    let breaks = before.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n'))).count();
    breaks + 1
}

/// `text` with `\r\n` and lone `\r` line endings made `\n`; borrowed when it has no `\r`.
pub fn unix_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_every_kind_of_break() {
        assert_eq!(line_column("a\nb\r\nc\rd", 7), (4, 1));
        assert_eq!(line_column("ab", 1), (1, 2));
        assert_eq!(line_column("é", 1), (1, 1));
        assert_eq!(unix_lines("a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn a_bad_byte_is_placed() {
        let err = decode_utf8(b"goed\rook goed\n\xe9 fout".to_vec(), Path::new("x.md")).unwrap_err();
        assert_eq!((err.line, err.column), (Some(3), Some(1)));
        assert_eq!(decode_utf8(b"goed".to_vec(), Path::new("x.md")).unwrap(), "goed");
    }
}
