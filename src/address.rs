//! The one rule for addresses that would run code: every address folio writes into a page
//! (Markdown links and images, portraits, `link_url`, `base_url`) passes `code_scheme`.

/// Schemes a browser runs or turns into a document of the page's own origin.
const CODE_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// The scheme, when `address` would run code or embed data. Read as a browser reads it:
/// any case, with white space and control characters anywhere ignored (`java\tscript:`).
pub fn code_scheme(address: &str) -> Option<&'static str> {
    let plain = plain(address);
    CODE_SCHEMES.into_iter().find(|scheme| plain.starts_with(scheme))
}

/// Whether `address` names a file on the author's computer (`file:`): readers cannot open
/// it, and Chromium printing the PDF would read the file into the PDF.
pub fn is_local_file(address: &str) -> bool {
    plain(address).starts_with("file:")
}

/// Whether `address` is a web address (`http:` or `https:`), read as `code_scheme` reads it.
pub fn is_web(address: &str) -> bool {
    let plain = plain(address);
    plain.starts_with("https://") || plain.starts_with("http://")
}

/// The start of `address` in lower case, without white space or control characters:
/// enough to tell its scheme.
fn plain(address: &str) -> String {
    address.chars().filter(|c| !c.is_whitespace() && !c.is_control()).take(16).collect::<String>().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_schemes_are_found_however_written() {
        for address in ["javascript:alert(1)", " JaVaScRiPt:x", "java\tscript:x", "vbscript:x", "data:text/html,x", "\u{1}data:x"] {
            assert!(code_scheme(address).is_some(), "{address:?}");
        }
        for address in ["https://x.example", "mailto:a@b", "foto.jpg", "javascript.html", "data.csv"] {
            assert_eq!(code_scheme(address), None, "{address:?}");
        }
        assert!(is_web("HTTPS://x") && !is_web("ftp://x"));
        assert!(is_local_file("FILE:///etc/passwd") && is_local_file(" file:x") && !is_local_file("files/x.pdf"));
    }
}
