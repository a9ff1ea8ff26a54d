//! `site.toml`: the monitor's settings. Strict: an unknown key is an error, so a typo
//! never goes unnoticed.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::text::line_column;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    /// Shorter title for the footer and browser tabs; defaults to `title`.
    #[serde(default)]
    pub short_title: Option<String>,
    #[serde(default)]
    pub edition: Option<u16>,
    /// The publication date, shown on the cover in the site's language: `date = 2026-03-12`.
    #[serde(default)]
    pub date: Option<toml::value::Date>,
    #[serde(default = "default_language")]
    pub language: String,
    /// Absolute address where the monitor will be published; enables `sitemap.xml`.
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    #[serde(default)]
    pub footer: FooterConfig,
    #[serde(default)]
    pub words: Words,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub data: DataConfig,
    #[serde(default)]
    pub pdf: PdfConfig,
    #[serde(default)]
    pub survey: SurveyConfig,
    #[serde(default)]
    pub numbering: NumberingConfig,
    /// How pages are laid out: as sheets (a monitor) or as a flowing article (a report).
    #[serde(default)]
    pub mode: LayoutMode,
}

/// `mode`: a monitor shows each page as one sheet that fits the screen and prints one page
/// per A4-landscape sheet; a report is a flowing article with a contents sidebar on screen
/// and runs on from sheet to sheet in print, a new sheet per chapter.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LayoutMode {
    #[default]
    Monitor,
    Report,
}

impl LayoutMode {
    pub fn name(self) -> &'static str {
        match self {
            LayoutMode::Monitor => "monitor",
            LayoutMode::Report => "report",
        }
    }
}

/// `[numbering]`: numbers before chapters (1, 2, …) and sections (1.1 for a page in a
/// chapter, 1.1.1 for a `##` heading on it), in tabs, headings, contents and bookmarks.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct NumberingConfig {
    pub chapters: bool,
    pub sections: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FooterConfig {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub link_text: Option<String>,
    #[serde(default)]
    pub link_url: Option<String>,
    /// A link to the research report in the footer of every page, when the monitor has one
    /// (a survey codebook).
    #[serde(default = "default_true")]
    pub report_link: bool,
}

impl Default for FooterConfig {
    fn default() -> Self {
        FooterConfig { text: None, link_text: None, link_url: None, report_link: true }
    }
}

fn default_true() -> bool {
    true
}

/// The words of the interface, in the monitor's language: Dutch by default, English for
/// `language = "en"`; `[words]` in site.toml changes any of them.
#[derive(Debug, Clone, Deserialize, PartialEq, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Words {
    pub back: String,
    pub next: String,
    pub page: String,
    pub source: String,
    pub chapters: String,
    pub skip_to_content: String,
    pub data_table: String,
    pub draft: String,
    pub not_found: String,
    pub not_found_text: String,
    pub to_start: String,
    pub navigation: String,
    pub footnotes: String,
    /// After a page's title on the sheets it continues on in print.
    pub continued: String,
    /// Before the number of a numbered table ("Tabel 1"); its slug starts the table's id.
    pub table: String,
    /// Before the number of a numbered figure ("Figuur 2"); its slug starts the figure's id.
    pub figure: String,
    /// The footer's link to the research report.
    pub report: String,
    /// The research report's link back to the monitor.
    pub to_monitor: String,
    /// The header's link to the monitor's contents page.
    pub contents: String,
    /// Between a page's number and the number of pages, for screen readers ("4 van 23").
    pub of: String,
    /// The footer's link to the published PDF (`[pdf] publish`).
    pub download_pdf: String,
    /// Every word of the research report: `[words.research_report]`.
    pub research_report: crate::survey::report_words::ReportWords,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            back: "Terug".into(),
            next: "Volgende".into(),
            page: "Pagina".into(),
            source: "Bron".into(),
            chapters: "Hoofdstukken".into(),
            skip_to_content: "Naar de inhoud".into(),
            data_table: "Tabel bij de grafiek".into(),
            draft: "CONCEPT".into(),
            not_found: "Pagina niet gevonden".into(),
            not_found_text: "Deze pagina bestaat niet (meer).".into(),
            to_start: "Naar het begin".into(),
            navigation: "Bladeren".into(),
            footnotes: "Voetnoten".into(),
            continued: "(vervolg)".into(),
            table: "Tabel".into(),
            figure: "Figuur".into(),
            report: "Onderzoeksrapport".into(),
            to_monitor: "Naar de monitor".into(),
            contents: "Inhoud".into(),
            of: "van".into(),
            download_pdf: "Download de PDF".into(),
            research_report: crate::survey::report_words::ReportWords::dutch(),
        }
    }
}

impl Words {
    pub fn for_language(language: &str) -> Words {
        if crate::locale::is_english(language) {
            Words::english()
        } else {
            Words::default()
        }
    }

    fn english() -> Words {
        Words {
            back: "Back".into(),
            next: "Next".into(),
            page: "Page".into(),
            source: "Source".into(),
            chapters: "Chapters".into(),
            skip_to_content: "Skip to content".into(),
            data_table: "Table of the chart".into(),
            draft: "DRAFT".into(),
            not_found: "Page not found".into(),
            not_found_text: "This page does not exist (any more).".into(),
            to_start: "To the start".into(),
            navigation: "Browse".into(),
            footnotes: "Footnotes".into(),
            continued: "(continued)".into(),
            table: "Table".into(),
            figure: "Figure".into(),
            report: "Research report".into(),
            to_monitor: "To the monitor".into(),
            contents: "Contents".into(),
            of: "of".into(),
            download_pdf: "Download the PDF".into(),
            research_report: crate::survey::report_words::ReportWords::english(),
        }
    }

    /// The language's words with the ones `[words]` in `text` (a valid site.toml) sets.
    fn for_site(language: &str, text: &str) -> Words {
        let own = toml::from_str::<toml::Table>(text).ok().and_then(|mut table| table.remove("words"));
        let (Some(toml::Value::Table(own)), Ok(toml::Value::Table(mut words))) =
            (own, toml::Value::try_from(Words::for_language(language)))
        else {
            return Words::for_language(language);
        };
        // A table of words (`[words.research_report]`) changes only the words it names.
        for (key, value) in own {
            match (words.get_mut(&key), value) {
                (Some(toml::Value::Table(language)), toml::Value::Table(set)) => language.extend(set),
                (_, value) => {
                    words.insert(key, value);
                }
            }
        }
        toml::Value::Table(words).try_into().unwrap_or_else(|_| Words::for_language(language))
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Let raw HTML in Markdown through. Off by default: it is shown as text.
    #[serde(default)]
    pub raw_html: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct DataConfig {
    /// How far single-answer percentages may stray from 100 (rounding).
    pub sum_tolerance: f64,
    /// The source printed under every chart whose question and data file name none.
    pub source: Option<String>,
}

impl Default for DataConfig {
    fn default() -> Self {
        DataConfig { sum_tolerance: 1.5, source: None }
    }
}

/// `[survey]`: how the research report publishes survey results.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SurveyConfig {
    /// The fewest respondents a published group may have: a smaller group would show its
    /// members' own answers, so it is folded into "Overig".
    pub min_group: u32,
}

impl Default for SurveyConfig {
    fn default() -> Self {
        SurveyConfig { min_group: 5 }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct PdfConfig {
    /// Path of the PDF to write, relative to the site folder.
    #[serde(default)]
    pub output: Option<String>,
    /// The Chromium program; found on PATH when not set.
    #[serde(default)]
    pub chromium: Option<String>,
    /// The sheets of the print document and the PDF.
    #[serde(default)]
    pub format: PaperFormat,
    /// Path of the research report's PDF (`folio pdf --report`), relative to the site folder.
    #[serde(default)]
    pub report_output: Option<String>,
    /// Put the PDF into the output folder and link it from every page's footer.
    #[serde(default)]
    pub publish: bool,
}

/// `[pdf] format`: A4 landscape, one monitor page per sheet (the default), or A4 portrait
/// for text-heavy reports.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaperFormat {
    #[default]
    A4Landscape,
    A4Portrait,
}

impl PaperFormat {
    pub fn name(self) -> &'static str {
        match self {
            PaperFormat::A4Landscape => "a4-landscape",
            PaperFormat::A4Portrait => "a4-portrait",
        }
    }
}

fn default_language() -> String {
    "nl".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_output_dir() -> String {
    "public".into()
}

impl SiteConfig {
    pub fn load(path: &Path) -> Result<SiteConfig, Diagnostic> {
        let bytes = std::fs::read(path).map_err(|err| {
            Diagnostic::error(path, format!("cannot read the settings file: {err}"))
                .help("run folio in the monitor's folder (the one with site.toml), or create one with `folio init`")
        })?;
        let text = crate::text::decode_utf8(bytes, path)?;
        let config = SiteConfig::parse(&text, path)?;
        // A file where the output folder (or a folder above it) should go blocks every build.
        let site_root = path.parent().unwrap_or(Path::new("."));
        let mut blocked = site_root.to_path_buf();
        for part in Path::new(&config.output_dir).components() {
            blocked.push(part);
            if let Some(kind) = blocked.symlink_metadata().ok().filter(|meta| !meta.is_dir()).map(|meta| {
                if meta.is_symlink() {
                    "a symbolic link"
                } else {
                    "a file"
                }
            }) {
                let shown = blocked.strip_prefix(site_root).unwrap_or(&blocked).display().to_string();
                let line = text.lines().position(|l| l.trim_start().starts_with("output_dir")).map_or(1, |index| index + 1);
                return Err(Diagnostic::error(
                    path,
                    format!("`output_dir = \"{}\"` cannot be made: `{shown}` is {kind}, not a folder", config.output_dir),
                )
                .at_line(line)
                .help(format!("move or rename the file `{shown}`, or choose another `output_dir`")));
            }
        }
        Ok(config)
    }

    pub fn parse(text: &str, path: &Path) -> Result<SiteConfig, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: SiteConfig = toml::from_str(text).map_err(|err| {
            let place = err.span().map(|span| line_column(text, span.start));
            let message = err.message().trim().replace('\n', " ");
            let mut diagnostic = if let Some((plain, help)) = crate::diagnostic::plain_type_error(&message) {
                // Name the setting: the text before `=` on the line of the value.
                let key = place
                    .and_then(|(line, _)| text.lines().nth(line - 1))
                    .and_then(|line| line.split_once('='))
                    .map(|(key, _)| format!("`{}`: ", key.trim()))
                    .unwrap_or_default();
                Diagnostic::error(path, format!("{key}{plain}")).help(help)
            } else if ["unknown field", "missing field", "duplicate key", "unknown variant", "invalid "]
                .iter()
                .any(|m| message.starts_with(m))
                && !message.starts_with("invalid string")
                && !message.starts_with("invalid basic string")
            {
                Diagnostic::error(path, message).help("see docs/configuration.md for every setting of site.toml")
            } else {
                Diagnostic::error(path, format!("this line is not valid TOML: {message}"))
                    .help("write each setting as `name = value`, with text between double quotes, e.g. `language = \"nl\"`")
            };
            if let Some((line, column)) = place {
                diagnostic = diagnostic.at(line, column);
            }
            diagnostic
        })?;
        // Addresses go into every page's links: one that would run code is refused.
        let addresses = [("link_url", &config.footer.link_url), ("base_url", &config.base_url)];
        for (key, value) in addresses {
            let Some(value) = value else { continue };
            let runs_code = crate::address::code_scheme(value).is_some();
            if runs_code || (key == "base_url" && !crate::address::is_web(value)) {
                let line = text.lines().position(|l| l.trim_start().starts_with(key)).map_or(1, |index| index + 1);
                let problem = if runs_code {
                    "is an address that would run code or embed data, which folio does not allow"
                } else {
                    "is not a web address"
                };
                return Err(Diagnostic::error(path, format!("`{key} = {value:?}` {problem}"))
                    .at_line(line)
                    .help(format!("write a web address, e.g. `{key} = \"https://example.org/…\"`")));
            }
        }
        // serde filled in the Dutch defaults; the words follow the language set above.
        config.words = Words::for_site(&config.language, text);
        if config.title.trim().is_empty() {
            return Err(Diagnostic::error(path, "the `title` is empty").help("give the monitor a title, e.g. title = \"Monitor 2026\""));
        }
        if config.numbering.sections && !config.numbering.chapters {
            return Err(Diagnostic::error(
                path,
                "`sections = true` under `[numbering]` needs `chapters = true`: a section's number starts with its chapter's",
            )
            .at_line(line_of(text, "sections"))
            .help("add `chapters = true` under `[numbering]`, or remove `sections = true`"));
        }
        for (key, word) in [("table", &config.words.table), ("figure", &config.words.figure)] {
            if crate::slug::slugify(word).is_empty() {
                return Err(Diagnostic::error(
                    path,
                    format!("the word `{key} = {word:?}` has no letters or digits, which the ids of numbered blocks start with"),
                )
                .at_line(line_of(text, key))
                .help(format!("write a word such as `{key} = \"{}\"`", if key == "table" { "Tabel" } else { "Figuur" })));
            }
        }
        check_theme_name(&config.theme).map_err(|d| Diagnostic { path: path.to_path_buf(), ..d.at_line(line_of(text, "theme")) })?;
        if let Some(base_url) = &config.base_url {
            check_address_characters("base_url", base_url)
                .map_err(|d| Diagnostic { path: path.to_path_buf(), ..d.at_line(line_of(text, "base_url")) })?;
        }
        Ok(config)
    }

    pub fn short_title(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }
}

/// The 1-based line of the top-level setting `key` in site.toml.
fn line_of(text: &str, key: &str) -> usize {
    let is_key = |line: &str| line.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='));
    text.lines().position(is_key).map_or(1, |index| index + 1)
}

/// A theme is the name of a folder in themes/, never a path: `../../../usr` would make
/// folio read a whole system folder.
fn check_theme_name(name: &str) -> Result<(), Diagnostic> {
    let plain =
        !name.is_empty() && !name.starts_with('.') && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if plain {
        return Ok(());
    }
    Err(Diagnostic::error("site.toml", format!("`theme = {name:?}` is not a theme name: a theme is the name of a folder in themes/"))
        .help("write the folder's name only, e.g. `theme = \"huisstijl\"` for themes/huisstijl/, or `theme = \"default\"`"))
}

/// An address lands in attributes of the pages as written (404.html, sitemap.xml): a
/// quote, `<` or a space would end the attribute and let the rest become markup.
fn check_address_characters(key: &str, address: &str) -> Result<(), Diagnostic> {
    let Some(bad) = address.chars().find(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\'))
    else {
        return Ok(());
    };
    Err(Diagnostic::error("site.toml", format!("`{key} = {address:?}` holds {bad:?}, which cannot stand in a web address"))
        .help("write the address as the browser shows it, with spaces and quotes encoded (%20, %22)"))
}
