//! `site.toml`: the monitor's settings. Strict: an unknown key is an error, so a typo
//! never goes unnoticed.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{line_column, Diagnostic};

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    /// Shorter title for the footer and browser tabs; defaults to `title`.
    #[serde(default)]
    pub short_title: Option<String>,
    #[serde(default)]
    pub edition: Option<u16>,
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
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct FooterConfig {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub link_text: Option<String>,
    #[serde(default)]
    pub link_url: Option<String>,
}

/// The words of the interface, in the monitor's language.
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
        }
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
}

impl Default for DataConfig {
    fn default() -> Self {
        DataConfig { sum_tolerance: 1.5 }
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
        let text = std::fs::read_to_string(path).map_err(|err| {
            Diagnostic::error(path, format!("cannot read the settings file: {err}"))
                .help("run folio in the monitor's folder (the one with site.toml), or create one with `folio init`")
        })?;
        SiteConfig::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<SiteConfig, Diagnostic> {
        let config: SiteConfig = toml::from_str(text).map_err(|err| {
            let mut diagnostic = Diagnostic::error(path, err.message().trim().to_string())
                .help("see docs/configuration.md for every setting of site.toml");
            if let Some(span) = err.span() {
                let (line, column) = line_column(text, span.start);
                diagnostic = diagnostic.at(line, column);
            }
            diagnostic
        })?;
        if config.title.trim().is_empty() {
            return Err(Diagnostic::error(path, "the `title` is empty").help("give the monitor a title, e.g. title = \"Monitor 2026\""));
        }
        Ok(config)
    }

    pub fn short_title(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }
}
