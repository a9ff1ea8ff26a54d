//! The render stage: pages (Markdown → HTML, blocks, charts) poured into the theme's
//! templates. Produces the list of output files; writing them is the next stage's job.

mod collide;
pub mod css;
pub mod directives;
pub mod links;
pub mod marks;
pub mod nav;
pub mod numbers;
pub mod outline;
pub mod report;
pub mod share;
pub mod theme;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::charts;
use crate::config::SiteConfig;
use crate::content::{Content, Page, Signature};
use crate::data::Results;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::locale::NumberFormat;
use crate::markdown;
use crate::markdown::Hooks;
use crate::timings::PageTiming;

use directives::PageHooks;
use links::{LinkTargets, Media};
use marks::Marks;
use nav::Mode;
use theme::{error_chain, Theme};

/// Everything a page needs to render, shared by all pages (read-only).
pub struct SiteParts<'a> {
    pub root: &'a Path,
    pub config: &'a SiteConfig,
    pub content: &'a Content,
    pub results: &'a Results,
    pub theme: &'a Theme,
    pub chart_style: charts::Style,
    pub link_targets: LinkTargets,
    /// This build's stand-ins for pieces filled in after rendering.
    pub marks: Marks,
    /// The numbers of the publication's tables and figures.
    pub numbers: numbers::Numbers,
    /// The numbers of chapters and sections (`[numbering]`).
    pub outline: outline::Outline,
    site_view: SiteView,
}

/// One file of the finished site.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFile {
    /// Path below the output folder, forward slashes: "financiering/tarieven/index.html".
    pub path: String,
    pub contents: FileContents,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FileContents {
    Bytes(Vec<u8>),
    /// A file copied as it is (images and other media).
    CopyOf(PathBuf),
    /// A file written from pieces in order (the print document, whose sheets would
    /// otherwise be copied into one large string).
    Parts(Vec<String>),
}

/// The site settings as templates see them.
#[derive(Serialize)]
struct SiteView {
    title: String,
    short_title: String,
    edition: Option<u16>,
    /// The publication date in words, in the site's language.
    date: Option<String>,
    language: String,
    /// `monitor` or `report`: the body's class, which the stylesheet lays out by.
    mode: &'static str,
    footer_text: String,
    footer_link_text: Option<String>,
    footer_link_url: Option<String>,
    /// The research report's address from the site's root, when the footer links to it.
    report_href: Option<String>,
    /// The published PDF's address from the site's root, when the footer links to it.
    pdf_href: Option<String>,
}

/// A page as templates see it.
#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    subtitle: Option<&'a str>,
    layout: &'a str,
    key: &'a str,
    url_path: &'a str,
    draft: bool,
    signature: Option<&'a Signature>,
    chapter_title: Option<&'a str>,
    /// "Hoofdstuk 2"-style numbering is left to the theme; this is the chapter's position.
    chapter_number: Option<usize>,
    /// With `[numbering]`: the page's number ("2" on a chapter cover, "2.1" on a page in it).
    number: Option<&'a str>,
    /// With `[numbering] chapters = true`: the number of the page's chapter, for its kicker.
    chapter_numbered: Option<&'a str>,
    /// A cover's publisher and logo (the logo's address still holds the root stand-in that
    /// `links::resolve` fills in per place).
    publisher: Option<&'a str>,
    #[serde(skip)]
    logo: Option<String>,
}

/// A chapter as the print document's running header sees it.
#[derive(Serialize)]
struct ChapterView<'a> {
    number: usize,
    title: &'a str,
}

/// A page rendered for both places it appears.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    pub html: String,
    pub print_sheet: String,
    pub media: Vec<Media>,
    /// Places on pages this page links to.
    pub anchors: Vec<links::WantedAnchor>,
    pub timing: PageTiming,
}

impl<'a> SiteParts<'a> {
    pub fn new(root: &'a Path, config: &'a SiteConfig, content: &'a Content, results: &'a Results, theme: &'a Theme) -> Self {
        let marks = Marks::new(config, content);
        let numbers = numbers::Numbers::count(content, &config.words);
        SiteParts {
            root,
            config,
            content,
            results,
            theme,
            chart_style: charts::Style {
                accent: theme.settings.charts.accent.clone(),
                current_year: config.edition,
                label_colors: Default::default(),
                palette: theme.settings.charts.palette.clone(),
                tones: theme.settings.charts.tones.clone(),
                text_color: theme.settings.charts.text_color.clone(),
                format: NumberFormat::for_language(&config.language),
                words: charts::ChartWords::for_language(&config.language),
            }
            .with_labels(&results.questions),
            link_targets: LinkTargets::new(content, &marks, config.markdown.raw_html, &numbers, &config.words),
            marks,
            numbers,
            outline: outline::Outline::new(content, config.numbering),
            site_view: SiteView {
                title: config.title.clone(),
                short_title: config.short_title().to_string(),
                edition: config.edition,
                date: config.date.map(|d| crate::locale::long_date(d.year, d.month, d.day, &config.language)),
                language: config.language.clone(),
                mode: config.mode.name(),
                footer_text: config.footer.text.clone().unwrap_or_else(|| config.title.clone()),
                footer_link_text: config.footer.link_text.clone().or_else(|| config.footer.link_url.clone()),
                footer_link_url: config.footer.link_url.clone(),
                report_href: None,
                pdf_href: None,
            },
        }
    }

    /// The site of a monitor that publishes its research report: the footer of every page
    /// links to it, unless `[footer] report_link = false`.
    pub fn with_report(mut self) -> Self {
        if self.config.footer.report_link {
            self.site_view.report_href = Some(report::HREF.to_string());
        }
        self
    }

    /// The site of a monitor that publishes its PDF (see `publish`): every page's footer links it.
    pub fn with_pdf(mut self, name: String) -> Self {
        self.site_view.pdf_href = Some(name);
        self
    }
}

/// Renders every page, print.html, 404.html, the theme's assets and (with `base_url`)
/// sitemap.xml. All errors of all pages are reported together.
pub fn render_site(
    root: &Path,
    config: &SiteConfig,
    content: &Content,
    results: &Results,
    theme: &Theme,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let site = SiteParts::new(root, config, content, results, theme);
    let all: Vec<usize> = (0..content.pages.len()).collect();
    let pages = render_pages(&site, &all)?;
    assemble(&site, pages)
}

/// Renders the pages with the given indices, in parallel.
pub fn render_pages(site: &SiteParts, indices: &[usize]) -> Result<Vec<RenderedPage>, Diagnostics> {
    let rendered: Vec<Result<RenderedPage, Diagnostics>> = indices.par_iter().map(|&index| render_page(site, index)).collect();
    let mut pages = Vec::with_capacity(rendered.len());
    let mut errors = Vec::new();
    for result in rendered {
        match result {
            Ok(page) => pages.push(page),
            Err(found) => errors.extend(found.0),
        }
    }
    if errors.is_empty() {
        Ok(pages)
    } else {
        Err(Diagnostics(errors))
    }
}

/// The whole site from every page rendered (`pages` in reading order). Takes the pages,
/// so their HTML moves into the output without a copy.
pub fn assemble(site: &SiteParts, pages: Vec<RenderedPage>) -> Result<Vec<OutputFile>, Diagnostics> {
    let (config, content, theme) = (site.config, site.content, site.theme);
    let mut files = Vec::with_capacity(pages.len() + 8);
    // Every linked file once; two files that would land on one path are left for the check
    // below, which names both.
    let mut media: BTreeSet<(String, PathBuf)> = BTreeSet::new();
    let mut sheets = Vec::with_capacity(pages.len());
    refuse_missing_anchors(content, &pages)?;
    for (page, rendered) in content.pages.iter().zip(pages) {
        files.push(OutputFile { path: format!("{}index.html", page.url_path), contents: FileContents::Bytes(rendered.html.into_bytes()) });
        sheets.push(rendered.print_sheet);
        for item in rendered.media {
            media.insert((item.to, item.from));
        }
    }
    files.extend(media.into_iter().map(|(to, from)| OutputFile { path: to, contents: FileContents::CopyOf(from) }));

    // The sheets go into the print document's slot one after another, without passing
    // through the template engine: for a big monitor they are most of the output.
    let mut context = Context::new();
    context.insert("site", &site.site_view);
    context.insert("words", &config.words);
    context.insert("sheets", &[site.marks.slot()]);
    // The running header names each sheet's chapter (one named page per chapter).
    let chapters: Vec<ChapterView> =
        content.chapters.iter().enumerate().map(|(i, chapter)| ChapterView { number: i + 1, title: &chapter.title }).collect();
    context.insert("chapters", &chapters);
    context.insert("paper", config.pdf.format.name());
    context.insert("grid", &theme.settings.sheet);
    let frame = render_template(site, "print.html", &context)?;
    let (before, after) = site.marks.split(&frame);
    let mut parts = Vec::with_capacity(sheets.len() + 2);
    parts.push(before.to_string());
    parts.extend(sheets);
    parts.push(after.to_string());
    files.push(OutputFile { path: "print.html".into(), contents: FileContents::Parts(parts) });

    let mut context = Context::new();
    context.insert("site", &site.site_view);
    context.insert("words", &config.words);
    // A server shows 404.html at any depth; with a base address the links hold everywhere.
    let root_href = config.base_url.clone().unwrap_or_default();
    context.insert("root", &root_href);
    context.insert("start_href", &format!("{root_href}index.html"));
    context.insert("grid", &theme.settings.sheet);
    files.push(OutputFile {
        path: "404.html".into(),
        contents: FileContents::Bytes(render_template(site, "404.html", &context)?.into_bytes()),
    });

    for (name, bytes) in &theme.assets {
        files.push(OutputFile { path: format!("static/{name}"), contents: FileContents::Bytes(bytes.clone()) });
    }
    if let Some(base_url) = &config.base_url {
        files.push(OutputFile { path: "sitemap.xml".into(), contents: FileContents::Bytes(sitemap(base_url, content).into_bytes()) });
    }
    collide::refuse_same_paths(site, &files)?;
    Ok(files)
}

/// Every link to a place on a page must find that place (a heading, a block with an id).
fn refuse_missing_anchors(content: &Content, pages: &[RenderedPage]) -> Result<(), Diagnostics> {
    let ids: HashMap<&str, HashSet<&str>> =
        content.pages.iter().zip(pages).map(|(page, rendered)| (page.key.as_str(), ids_in(&rendered.html))).collect();
    let has_id = |key: &str, id: &str| ids.get(key).is_some_and(|ids| ids.contains(id));
    let missing = links::missing_anchors(pages.iter().flat_map(|page| page.anchors.iter()), has_id);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(missing))
    }
}

/// The values of every `id="…"` in a page's HTML.
fn ids_in(html: &str) -> HashSet<&str> {
    html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect()
}

fn render_template(site: &SiteParts, name: &str, context: &Context) -> Result<String, Diagnostic> {
    site.theme.tera.render(name, context).map_err(|err| {
        Diagnostic::error(format!("themes/{}/templates/{name}", site.config.theme), error_chain(&err))
            .help("fix the template in your theme folder, or delete it to use the built-in one")
    })
}

fn render_page(site: &SiteParts, index: usize) -> Result<RenderedPage, Diagnostics> {
    let started = Instant::now();
    let page = &site.content.pages[index];
    let hooks = PageHooks::new(site, page);
    let context =
        markdown::Context { source: &page.source, key: &page.key, first_line: page.body_line, raw_html: site.config.markdown.raw_html };
    let body = markdown::render(&page.body, &context, &hooks)?;
    let charts = hooks.chart_time.get();
    let mut timing =
        PageTiming { source: page.source.clone(), markdown: started.elapsed().saturating_sub(charts), charts, ..PageTiming::default() };
    let mut view = page_view(site, page);
    if let Some(logo) = page.front.logo.as_deref() {
        view.logo = Some(hooks.link(logo, true, &page.source, front_matter_line(site, page, "logo"))?);
    }

    let page_root = nav::root_prefix(&page.url_path);
    let sheet = render_sheet(site, page, index, &view, &body, &page_root, Mode::Page, &mut timing)?;
    let mut context = Context::new();
    context.insert("site", &site.site_view);
    context.insert("words", &site.config.words);
    context.insert("page", &view);
    context.insert("root", &page_root);
    context.insert("sheet", site.marks.slot());
    context.insert("grid", &site.theme.settings.sheet);
    context.insert("share", &share::view(site.config, page, &body));
    let html = site.marks.fill(render_page_template(site, page, "base.html", &context, &mut timing)?, &sheet);
    let print_sheet = render_sheet(site, page, index, &view, &body, "", Mode::Print, &mut timing)?;
    timing.total = started.elapsed();
    Ok(RenderedPage { html, print_sheet, media: hooks.media.into_inner(), anchors: hooks.anchors.into_inner(), timing })
}

/// The page's own template inside the sheet frame (tabs, navigation, footer).
#[allow(clippy::too_many_arguments)]
fn render_sheet(
    site: &SiteParts,
    page: &Page,
    index: usize,
    view: &PageView,
    body: &str,
    root: &str,
    mode: Mode,
    timing: &mut PageTiming,
) -> Result<String, Diagnostic> {
    let mut context = Context::new();
    context.insert("site", &site.site_view);
    context.insert("words", &site.config.words);
    context.insert("page", view);
    context.insert("root", root);
    context.insert("body", site.marks.slot());
    context.insert("mode", if mode == Mode::Print { "print" } else { "page" });
    match page.layout {
        crate::content::Layout::Contents => context.insert("contents", &nav::contents(site.content, &site.outline, index, mode)),
        crate::content::Layout::Chapter => context.insert("chapter_pages", &nav::chapter_pages(site.content, &site.outline, index, mode)),
        _ => {}
    }
    // A report's sidebar: the chapters (the tabs) with the pages of the current one.
    if site.config.mode == crate::config::LayoutMode::Report && mode == Mode::Page {
        context.insert("sidebar_pages", &nav::chapter_pages(site.content, &site.outline, index, mode));
    }
    if let Some(logo) = &view.logo {
        context.insert("logo", &links::resolve(logo, root, mode, &site.link_targets));
    }
    let content = render_page_template(site, page, page.layout.template_name(), &context, timing)?;
    let content = site.marks.fill(content, &links::resolve(body, root, mode, &site.link_targets));
    context.insert("content", site.marks.slot());
    context.insert("nav", &nav::for_page(site.content, &site.outline, index, mode));
    Ok(site.marks.fill(render_page_template(site, page, "partials/sheet.html", &context, timing)?, &content))
}

fn render_page_template(
    site: &SiteParts,
    page: &Page,
    template: &str,
    context: &Context,
    timing: &mut PageTiming,
) -> Result<String, Diagnostic> {
    let started = Instant::now();
    let html = site.theme.tera.render(template, context).map_err(|err| {
        Diagnostic::error(&page.source, format!("the template `{template}` failed for this page: {}", error_chain(&err)))
            .help("check the template in your theme folder, or delete it to use the built-in one")
    })?;
    timing.templates.push((template.to_string(), started.elapsed()));
    Ok(html)
}

fn page_view<'a>(site: &'a SiteParts, page: &'a Page) -> PageView<'a> {
    let chapter = page.chapter.map(|i| &site.content.chapters[i]);
    PageView {
        title: &page.front.title,
        subtitle: page.front.subtitle.as_deref(),
        layout: layout_name(page),
        key: &page.key,
        url_path: &page.url_path,
        draft: page.front.draft,
        signature: page.front.signature.as_ref(),
        chapter_title: chapter.map(|c| c.title.as_str()),
        chapter_number: page.chapter.map(|i| i + 1),
        number: site.outline.number_of(page),
        chapter_numbered: page.chapter.and_then(|i| site.outline.chapter(i)),
        publisher: page.front.publisher.as_deref(),
        logo: None,
    }
}

/// The line of `key:` in a page's front matter, for a message about its value (the parsed
/// front matter keeps no lines; only a cover's logo asks, once per build).
fn front_matter_line(site: &SiteParts, page: &Page, key: &str) -> usize {
    let text = std::fs::read_to_string(site.root.join(&page.source)).unwrap_or_default();
    let prefix = format!("{key}:");
    text.lines().take(page.body_line).position(|line| line.starts_with(&prefix)).map_or(1, |index| index + 1)
}

fn layout_name(page: &Page) -> &'static str {
    page.layout.template_name().trim_end_matches(".html")
}

fn sitemap(base_url: &str, content: &Content) -> String {
    let base = if base_url.ends_with('/') { base_url.to_string() } else { format!("{base_url}/") };
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for page in &content.pages {
        xml.push_str("  <url><loc>");
        xml.push_str(&xml_escape(&format!("{base}{}", page.url_path)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
