//! What the blocks, citations and links of one page become: the render stage's answers to
//! the Markdown stage's `Hooks`.

use std::cell::{Cell, RefCell};
use std::path::Path;

use tera::Context;

use crate::blocks::{Rules, Slot};
use crate::charts;
use crate::charts::Frame;
use crate::content::Page;
use crate::data::Cited;
use crate::diagnostic::Diagnostic;
use crate::markdown::{DirectiveCall, Hooks, OuterBlock};

use super::links::{self, Media};
use super::{theme::error_chain, SiteParts};

/// The hooks for one page. Used on one thread at a time, hence `Cell`s.
pub struct PageHooks<'a> {
    pub site: &'a SiteParts<'a>,
    pub page: &'a Page,
    pub media: RefCell<Vec<Media>>,
    /// Places on pages that this page links to, checked once every page is rendered.
    pub anchors: RefCell<Vec<links::WantedAnchor>>,
    /// Time spent drawing charts, for `--timings`.
    pub chart_time: Cell<std::time::Duration>,
    /// Numbers blocks that need an id (results, charts) in page order.
    counter: Cell<usize>,
}

/// The services a block's `render` uses (src/blocks/).
impl<'a> PageHooks<'a> {
    pub fn new(site: &'a SiteParts<'a>, page: &'a Page) -> Self {
        PageHooks {
            site,
            page,
            media: RefCell::new(Vec::new()),
            anchors: RefCell::new(Vec::new()),
            chart_time: Cell::new(std::time::Duration::ZERO),
            counter: Cell::new(0),
        }
    }

    /// A new id on the page for a block that needs one ("<page>--chart-3").
    pub fn next_id(&self, what: &str) -> String {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        format!("{}--{what}-{n}", self.page.key)
    }

    /// The block's template with `context`, the site's words and the block's body.
    pub fn render_template(&self, template: &str, mut context: Context, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        context.insert("words", &self.site.config.words);
        context.insert("body", &call.body_html);
        self.site.theme.tera.render(template, &context).map_err(|err| {
            Diagnostic::error(
                source,
                format!("the template `{template}` failed for this `{}` block: {}", call.kind.name, error_chain(&err)),
            )
            .at_line(call.line)
            .help("check the template in your theme folder, or delete it to use the built-in one")
        })
    }

    /// The slot a chart is drawn for: the full width of the sheet's content, narrowed by
    /// the blocks around the chart (a result's span, a share of `columns`).
    pub fn chart_frame(&self, outer: &[OuterBlock]) -> Frame {
        let sheet = &self.site.theme.settings.sheet;
        // A report is one column: every chart takes the article's width.
        if self.site.config.mode == crate::config::LayoutMode::Report {
            return Frame::new(sheet.article, sheet.phone);
        }
        let mut width = sheet.content;
        for block in outer {
            match block.block.slot() {
                Slot::Span(span) => width = width.min(sheet.span_width(span)),
                Slot::Share(count) => width = sheet.share(width, count),
                Slot::Same => {}
            }
        }
        Frame::new(width, sheet.phone)
    }
}

impl Hooks for PageHooks<'_> {
    fn block_rules(&self) -> Rules<'_> {
        let settings = &self.site.theme.settings;
        Rules { columns: settings.sheet.columns, variants: &settings.boxes.variants }
    }

    fn directive(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic> {
        call.block.render(self, call, source)
    }

    fn cite(&self, reference: &str, source: &Path, line: usize) -> Result<String, Diagnostic> {
        let format = &self.site.chart_style.format;
        match self.site.results.cite(reference) {
            Ok(Cited::Value { value, unit }) => Ok(charts::value_text(value, &unit, format)),
            Ok(Cited::Respondents(n)) => Ok(format.format(f64::from(n), 0)),
            Err(message) => {
                Err(Diagnostic::error(source, message).at_line(line).help("a citation reads {{question.option.year}}, with ids from data/"))
            }
        }
    }

    fn reference_label(&self, destination: &str) -> Option<String> {
        // `#tabel-x`, or `pagina.md#tabel-x`: the block is found by its id alone.
        let numbered = self.site.numbers.by_anchor(destination.rsplit_once('#')?.1)?;
        Some(numbered.label.clone())
    }

    fn section_number(&self) -> Option<String> {
        self.site.outline.section_of(self.page)
    }

    fn link(&self, destination: &str, is_image: bool, source: &Path, line: usize) -> Result<String, Diagnostic> {
        let (mut media, mut anchors) = (self.media.borrow_mut(), Vec::new());
        let address = links::rewrite(
            destination,
            is_image,
            self.site.root,
            source,
            &self.page.key,
            &self.site.link_targets,
            links::Found { media: &mut media, anchors: &mut anchors },
        )
        .map_err(|message| links::link_error(source, line, message))?;
        self.anchors.borrow_mut().extend(anchors.into_iter().map(|(page_key, id)| links::WantedAnchor {
            page_key,
            id,
            written: destination.to_string(),
            source: source.to_path_buf(),
            line,
        }));
        Ok(address)
    }
}
