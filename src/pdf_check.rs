//! `folio pdf` checks its own output before it puts the PDF in place: every word that the
//! print document shows must be in the PDF's text. The print document's own script
//! (print.js) reports, per monitor page, the text a reader sees (`innerText`, so what the
//! theme hides is left out) and how many sheets the page took; poppler's `pdftotext` gives
//! the PDF's text. A page whose words are missing fails the run, naming the page and the
//! first missing words; a page that continued on more sheets is a warning.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde::Deserialize;

use crate::browser;
use crate::diagnostic::Diagnostic;

const TIMEOUT: Duration = Duration::from_secs(120);

/// One monitor page as printed.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct PrintedPage {
    /// The sheet's id: `page-<key>`.
    pub id: String,
    pub title: String,
    /// Sheets the page took: 1, or more when it continued.
    pub sheets: usize,
    pub text: String,
}

/// What the comparison found.
#[derive(Debug, Default, PartialEq)]
pub struct Findings {
    /// Per page with missing text: the page and the first missing words, in reading order.
    pub missing: Vec<(PrintedPage, Vec<String>)>,
    /// Pages that continued on more sheets.
    pub continued: Vec<PrintedPage>,
}

/// The pages of the print document as its script laid them out, read with
/// `chromium --dump-dom <address of print.html>#folio-check`.
pub fn printed_pages(chromium: &Path, document: &crate::pdf::Document) -> Result<Vec<PrintedPage>, Diagnostic> {
    let print = document.file;
    let profile = browser::temporary_profile()?;
    let url = format!("{}#folio-check", document.url);
    let mut child = browser::headless(chromium, document.served, profile.path())
        .args(["--dump-dom", &url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|err| Diagnostic::error(print, format!("cannot start Chromium to read the print document back: {err}")))?;
    let mut dom = String::new();
    if let Some(mut out) = child.stdout.take() {
        use std::io::Read;
        let _ = out.read_to_string(&mut dom);
    }
    let _ = browser::wait_at_most(&mut child, TIMEOUT);
    parse_report(&dom).ok_or_else(|| {
        Diagnostic::error(print, "the print document did not report its pages (its script print.js did not run)")
            .help("if your theme has its own static/print.js, compare it with the built-in one; it must report `#folio-check`")
    })
}

/// The JSON that print.js leaves in `<script type="application/json" id="folio-check">`.
pub fn parse_report(dom: &str) -> Option<Vec<PrintedPage>> {
    let start = dom.find("id=\"folio-check\">")? + "id=\"folio-check\">".len();
    let end = start + dom[start..].find("</script>")?;
    serde_json::from_str(&dom[start..end]).ok()
}

/// The PDF's text by poppler's `pdftotext`; `None` when poppler is not installed.
pub fn pdf_text(pdf: &Path) -> Result<Option<String>, Diagnostic> {
    let output = match Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").stdin(Stdio::null()).output() {
        Ok(output) => output,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(Diagnostic::error(pdf, format!("cannot run pdftotext to check the PDF: {err}"))),
    };
    if !output.status.success() {
        return Err(Diagnostic::error(pdf, format!("pdftotext could not read the PDF ({})", output.status)));
    }
    Ok(Some(String::from_utf8_lossy(&output.stdout).into_owned()))
}

/// Words as the comparison sees them: runs of letters and digits, lower case, so that
/// line breaks, punctuation and typographic quotes do not matter.
pub fn words(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|(word, _)| word).collect()
}

/// Words, each with whether a hyphen follows it directly ("HLO-opslag", "plan- en"): where
/// a line ends at such a hyphen, `pdftotext` joins the two words into one.
fn tokens(text: &str) -> Vec<(String, bool)> {
    let text = text.replace('\u{FB01}', "fi").replace('\u{FB02}', "fl");
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
            continue;
        }
        if !current.is_empty() {
            out.push((std::mem::take(&mut current), c == '-' || c == '\u{2010}'));
        }
    }
    if !current.is_empty() {
        out.push((current, false));
    }
    out
}

/// Every word of every page must be in the PDF as often as the pages use it. Words are
/// taken from the PDF in page order, so a missing paragraph is charged to its own page.
pub fn compare(pages: &[PrintedPage], pdf_text: &str) -> Findings {
    let mut available: HashMap<String, usize> = HashMap::new();
    for word in words(pdf_text) {
        *available.entry(word).or_default() += 1;
    }
    let page_tokens: Vec<Vec<(String, bool)>> = pages.iter().map(|page| tokens(&page.text)).collect();
    let mut line_end_joins = line_end_joins(&page_tokens, &available);
    let mut take = |word: &str| match available.get_mut(word) {
        Some(count) if *count > 0 => {
            *count -= 1;
            true
        }
        _ => false,
    };
    let mut findings = Findings::default();
    for (page, tokens) in pages.iter().zip(&page_tokens) {
        let mut first_missing: Vec<String> = Vec::new();
        let mut run_open = true;
        let mut i = 0;
        while i < tokens.len() {
            let (word, before_hyphen) = &tokens[i];
            // A line that ended at the hyphen: the PDF's text has the two words as one. Where
            // the PDF holds such a join, it is taken first, so that the word before the hyphen
            // is not taken from another place that uses it ("chi-kwadraatverdeling" at a line
            // end, "chi-kwadraattoets" further on).
            let joined = tokens.get(i + 1).filter(|_| *before_hyphen).map(|(next, _)| format!("{word}{next}"));
            let line_end = joined.as_ref().and_then(|j| line_end_joins.get_mut(j)).filter(|left| **left > 0).map(|left| *left -= 1);
            let found = if line_end.is_some() && joined.as_deref().is_some_and(&mut take) {
                i += 1;
                true
            } else if take(word) {
                true
            } else if joined.as_deref().is_some_and(&mut take) {
                i += 1;
                true
            } else {
                false
            };
            if found && !first_missing.is_empty() {
                run_open = false;
            } else if !found && run_open && first_missing.len() < 12 {
                first_missing.push(word.clone());
            }
            i += 1;
        }
        if !first_missing.is_empty() {
            findings.missing.push((page.clone(), first_missing));
        }
        if page.sheets > 1 {
            findings.continued.push(page.clone());
        }
    }
    findings
}

/// Per word joined at a hyphen ("chi" + "kwadraatverdeling"), how often the PDF holds it
/// beyond the pages' own use of that word: those are lines that ended at the hyphen. "wet- en"
/// is not a line end when the PDF's one "weten" is the word a page uses elsewhere.
fn line_end_joins(pages: &[Vec<(String, bool)>], available: &HashMap<String, usize>) -> HashMap<String, usize> {
    let mut used: HashMap<&str, usize> = HashMap::new();
    for (word, _) in pages.iter().flatten() {
        *used.entry(word.as_str()).or_default() += 1;
    }
    let mut joins = HashMap::new();
    for tokens in pages {
        for pair in tokens.windows(2).filter(|pair| pair[0].1) {
            let joined = format!("{}{}", pair[0].0, pair[1].0);
            let surplus = available.get(&joined).copied().unwrap_or(0).saturating_sub(used.get(joined.as_str()).copied().unwrap_or(0));
            if surplus > 0 {
                joins.insert(joined, surplus);
            }
        }
    }
    joins
}

/// The findings as diagnostics: missing text is an error, a continued page a warning.
pub fn diagnostics(findings: &Findings, print_shown: &Path) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let errors = findings
        .missing
        .iter()
        .map(|(page, words)| {
            Diagnostic::error(
                print_shown,
                format!("text of the page “{}” ({}) is missing from the PDF, starting with: {}", page.title, page.id, words.join(" ")),
            )
            .help("the page holds something the printer cut off or hid; shorten the page, or report it if it fits on screen")
        })
        .collect();
    let warnings = findings
        .continued
        .iter()
        .map(|page| {
            Diagnostic::warning(
                print_shown,
                format!("the page “{}” ({}) did not fit one sheet and continues on {} sheets", page.title, page.id, page.sheets),
            )
            .help("nothing is lost; shorten the page or split it to keep one page per sheet")
        })
        .collect();
    (errors, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(id: &str, text: &str, sheets: usize) -> PrintedPage {
        PrintedPage { id: id.into(), title: id.into(), sheets, text: text.into() }
    }

    #[test]
    fn words_ignore_case_punctuation_and_line_breaks() {
        assert_eq!(words("“Een ruime\nmeerderheid (61%)”, ﬁjn."), ["een", "ruime", "meerderheid", "61", "fijn"]);
    }

    #[test]
    fn a_missing_paragraph_is_charged_to_its_page_with_its_first_words() {
        let pages = [page("page-a", "Eerste alinea hier. Tweede alinea daar.", 1), page("page-b", "Derde stuk tekst.", 2)];
        let findings = compare(&pages, "Eerste alinea hier.\n\u{c}Derde stuk tekst. 3 / 4");
        assert_eq!(findings.missing.len(), 1);
        assert_eq!(findings.missing[0].0.id, "page-a");
        assert_eq!(findings.missing[0].1, ["tweede", "alinea", "daar"]);
        assert_eq!(findings.continued.len(), 1);
        assert_eq!(findings.continued[0].id, "page-b");
    }

    #[test]
    fn a_line_ending_at_a_hyphen_may_join_two_words_in_the_pdf() {
        let findings = compare(
            &[page("page-a", "veel plan- en verantwoordingswerk, de HLO-opslag", 1)],
            "veel planen\nverantwoordingswerk, de HLOopslag",
        );
        assert!(findings.missing.is_empty(), "{:?}", findings.missing);
    }

    #[test]
    fn a_word_joined_at_a_line_end_does_not_take_the_same_word_from_elsewhere() {
        let findings = compare(
            &[page("page-a", "de chi-kwadraatverdeling en de chi-kwadraattoets", 1)],
            "de chikwadraatverdeling en de chi-kwadraattoets",
        );
        assert!(findings.missing.is_empty(), "{:?}", findings.missing);
    }

    #[test]
    fn a_joined_word_that_a_page_uses_itself_is_not_a_line_end() {
        // "wet- en" broke at the space; the PDF's "weten" is the page's own word further on.
        let findings = compare(&[page("page-a", "wet- en regelgeving. Weten wat nodig is", 1)], "wet- en regelgeving. Weten wat nodig is");
        assert!(findings.missing.is_empty(), "{:?}", findings.missing);
    }

    #[test]
    fn a_word_used_twice_must_be_printed_twice() {
        let findings = compare(&[page("page-a", "ja ja", 1)], "ja");
        assert_eq!(findings.missing[0].1, ["ja"]);
    }

    #[test]
    fn the_report_is_read_from_the_dumped_document() {
        let dom =
            r#"<body><script type="application/json" id="folio-check">[{"id":"page-a","title":"A","sheets":1,"text":"x"}]</script></body>"#;
        assert_eq!(
            parse_report(dom),
            Some(vec![page("page-a", "x", 1)]).map(|mut v| {
                v[0].title = "A".into();
                v
            })
        );
        assert_eq!(parse_report("<body></body>"), None);
    }
}
