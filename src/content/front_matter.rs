//! Splitting a page into its front matter (YAML between `---` lines) and its Markdown body.

use std::path::Path;

use serde::Deserialize;

use crate::data::yaml;
use crate::diagnostic::Diagnostic;

/// The kinds of monitor page, each with its own template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    Cover,
    Foreword,
    Chapter,
    Results,
    Closing,
    /// A generated table of contents: every chapter and page with a link.
    Contents,
}

impl Layout {
    pub fn template_name(self) -> &'static str {
        match self {
            Layout::Cover => "cover.html",
            Layout::Foreword => "foreword.html",
            Layout::Chapter => "chapter.html",
            Layout::Results => "results.html",
            Layout::Closing => "closing.html",
            Layout::Contents => "contents.html",
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    pub name: String,
    #[serde(default)]
    pub function: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub layout: Option<Layout>,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub tab: Option<String>,
    #[serde(default)]
    pub signature: Option<Signature>,
    /// The publisher's logo on a cover: an image path relative to the Markdown file.
    #[serde(default)]
    pub logo: Option<String>,
    /// Who publishes the monitor, printed on a cover beside the logo and date.
    #[serde(default)]
    pub publisher: Option<String>,
    /// The page's summary for search results and share cards; its intro when not set.
    #[serde(default)]
    pub description: Option<String>,
}

/// A page split into parsed front matter and the Markdown after it.
#[derive(Debug)]
pub struct SplitPage<'a> {
    pub front: FrontMatter,
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

const EXAMPLE: &str = "start the file with\n        ---\n        title: Titel van de pagina\n        ---";

pub fn split<'a>(text: &'a str, path: &Path) -> Result<SplitPage<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, "the file is empty").help(format!("write the page, or delete the file; {EXAMPLE}")));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(path, "the page has no front matter").at_line(1).help(EXAMPLE));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_number = 1;
    for line in lines {
        line_number += 1;
        if line.trim_end() == "---" {
            let yaml_text = &text[yaml_start..offset];
            if yaml_text.trim().is_empty() {
                return Err(Diagnostic::error(path, "the front matter is empty")
                    .at_line(1)
                    .help("give the page at least a title: `title: Titel van de pagina`"));
            }
            let front: FrontMatter = yaml::parse(yaml_text, path, 2)?;
            if front.title.trim().is_empty() {
                return Err(Diagnostic::error(path, "the page title is empty").at_line(2).help("write a title after `title:`"));
            }
            if let Some(slug) = front.slug.as_deref() {
                if !crate::slug::is_slug(slug) {
                    let line = yaml_text.lines().position(|l| l.starts_with("slug:")).map_or(2, |index| index + 2);
                    let example = crate::slug::slugify(slug);
                    let example = if example.is_empty() { "mijn-pagina".to_string() } else { example };
                    return Err(Diagnostic::error(path, format!("the slug `{slug}` may only hold lowercase letters, digits and hyphens"))
                        .at_line(line)
                        .help(format!("for example `slug: {example}`")));
                }
            }
            return Ok(SplitPage { front, body: &text[offset + line.len()..], body_line: line_number + 1 });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, "the front matter is not closed")
        .at_line(1)
        .help("end the settings block with a line that holds only `---`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let page = split("---\ntitle: Voorwoord\nlayout: foreword\n---\n\nTekst\n", Path::new("a.md")).unwrap();
        assert_eq!(page.front.title, "Voorwoord");
        assert_eq!(page.front.layout, Some(Layout::Foreword));
        assert_eq!(page.body, "\nTekst\n");
        assert_eq!(page.body_line, 5);
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let page = split("\u{feff}---\r\ntitle: A\r\n---\r\nTekst\r\n", Path::new("a.md")).unwrap();
        assert_eq!(page.front.title, "A");
        assert_eq!(page.body, "Tekst\r\n");
    }

    #[test]
    fn unknown_layout_names_the_line() {
        let err = split("---\ntitle: A\nlayout: resutls\n---\n", Path::new("a.md")).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("unknown variant `resutls`"), "{}", err.message);
    }

    #[test]
    fn unclosed_front_matter() {
        let err = split("---\ntitle: A\n", Path::new("a.md")).unwrap_err();
        assert!(err.message.contains("not closed"));
    }
}
