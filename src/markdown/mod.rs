//! The Markdown stage: a page body (Markdown with `:::` blocks and `{{…}}` citations)
//! becomes HTML. What a block looks like, what a citation says and where a link points
//! are decided by the caller through `Hooks`; this module only knows the syntax.

pub mod blocks;
mod footnotes;
mod inline;
mod parts;

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::rc::Rc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::blocks::{Block, Body, Kind, Reader, Rules};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::slug::slugify;

use footnotes::footnote_number;
use inline::{cite_all, heading_attributes, safe_destination, undefined_footnote, unique_id};

/// Stands in for a rendered block while the surrounding Markdown is parsed. A private-use
/// character never appears in real text (it is removed from the input first).
const SENTINEL: char = '\u{E000}';

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Where a body comes from and how to treat it.
pub struct Context<'a> {
    pub source: &'a Path,
    /// Prefix for every id on the page, so ids stay unique in the print document.
    pub key: &'a str,
    /// File line on which the body starts.
    pub first_line: usize,
    pub raw_html: bool,
}

/// A block as written by the author, its settings read, with its body already rendered.
#[derive(Debug, Clone)]
pub struct DirectiveCall {
    pub kind: &'static Kind,
    /// The block with its typed settings; it renders itself.
    pub block: Rc<dyn Block>,
    pub body_html: String,
    /// The body split into parts: one per `###` heading for `cards`, one per list item
    /// for `footnotes`, empty for other blocks.
    pub parts: Vec<Part>,
    /// File line of the opening `:::`.
    pub line: usize,
    /// The blocks this one stands in, outermost first (a chart inside a result block
    /// is drawn for the result's width).
    pub outer: Vec<OuterBlock>,
    /// For `table` and `figure`: what the body starts with. Its HTML is the first part,
    /// the rest of the body (the notes) the second.
    pub lead: Option<Lead>,
}

/// What a numbered block's body starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    Table,
    Image,
    /// Another block, such as a chart.
    Block,
    /// Anything else: a paragraph of text, a list.
    Other,
    Nothing,
}

/// A block around another block: its kind and typed settings.
#[derive(Debug, Clone)]
pub struct OuterBlock {
    pub kind: &'static Kind,
    pub block: Rc<dyn Block>,
}

/// Stands in for a block whose settings are wrong while its body is read for more
/// problems; it is never rendered.
#[derive(Debug)]
struct Unread;

impl Block for Unread {
    fn render(&self, _: &crate::render::directives::PageHooks, _: &DirectiveCall, _: &Path) -> Result<String, Diagnostic> {
        Ok(String::new())
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Part {
    pub title_html: String,
    pub html: String,
}

/// What the render stage decides for the Markdown stage.
pub trait Hooks {
    /// What the theme allows in block settings (spans, box variants).
    fn block_rules(&self) -> Rules<'_>;
    /// HTML for one block (`call.block.render(…)` with the render stage's services).
    fn directive(&self, call: &DirectiveCall, source: &Path) -> Result<String, Diagnostic>;
    /// Plain text for a citation such as `tariefpercentage.ja.2025`.
    fn cite(&self, reference: &str, source: &Path, line: usize) -> Result<String, Diagnostic>;
    /// The address a link or image should point to in the output.
    fn link(&self, destination: &str, is_image: bool, source: &Path, line: usize) -> Result<String, Diagnostic>;
    /// What a link to `destination` is called when it names a numbered table or figure
    /// ("Tabel 2"): the text of a link written without any, and the number its text must say.
    fn reference_label(&self, _destination: &str) -> Option<String> {
        None
    }
    /// The number before the page's `##` headings ("2.1" gives "2.1.1", "2.1.2"), when
    /// sections are numbered.
    fn section_number(&self) -> Option<String> {
        None
    }
}

/// Ids and footnote numbers shared by a page body and the blocks inside it.
#[derive(Default)]
struct PageState {
    used_ids: HashMap<String, usize>,
    footnotes: HashMap<String, usize>,
    /// Labels of the footnotes defined on the page, for the bodies of its blocks.
    defined_footnotes: Vec<String>,
    /// The blocks being rendered around the current position, outermost first.
    open_blocks: Vec<OuterBlock>,
    /// Problems found so far: a page reports all of them in one run, not only its first.
    errors: Vec<Diagnostic>,
    /// `##` headings numbered so far on the page.
    sections: usize,
}

impl PageState {
    /// The value, or a stand-in after noting the problem, so rendering goes on to find the next.
    fn keep<T: Default>(&mut self, result: Result<T, Diagnostic>) -> T {
        result.unwrap_or_else(|diagnostic| {
            self.errors.push(diagnostic);
            T::default()
        })
    }
}

/// The page's HTML, or every problem found in it, in line order.
pub fn render(text: &str, ctx: &Context, hooks: &dyn Hooks) -> Result<String, Diagnostics> {
    let mut state = PageState::default();
    if text.contains("[^") {
        (state.footnotes, state.defined_footnotes) = footnotes::scan(text);
    }
    let events = render_events(text, ctx, hooks, &mut state);
    let mut errors = std::mem::take(&mut state.errors);
    match events {
        Ok(events) if errors.is_empty() => Ok(to_html(&events)),
        Ok(_) => {
            errors.sort_by_key(|diagnostic| diagnostic.line);
            Err(Diagnostics(errors))
        }
        Err(structure) => {
            errors.push(structure);
            errors.sort_by_key(|diagnostic| diagnostic.line);
            Err(Diagnostics(errors))
        }
    }
}

fn to_html(events: &[Event<'static>]) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
    html
}

fn render_events(text: &str, ctx: &Context, hooks: &dyn Hooks, state: &mut PageState) -> Result<Vec<Event<'static>>, Diagnostic> {
    let cleaned;
    let text = if text.contains(SENTINEL) {
        cleaned = text.replace(SENTINEL, "");
        cleaned.as_str()
    } else {
        text
    };
    let found = blocks::find(text, ctx.source, ctx.first_line);
    // The page's own call reads every line, nested blocks' too; the calls for the bodies
    // of its blocks would report the same problems again.
    if state.open_blocks.is_empty() {
        state.errors.extend(found.problems);
    }
    let blocks = found.blocks;

    // Render the blocks first, then parse the text around them with one stand-in
    // paragraph per block, so page-level Markdown (footnotes, lists) stays whole.
    let mut rendered = Vec::with_capacity(blocks.len());
    let mut composed = String::with_capacity(text.len());
    let mut segments: Vec<(usize, usize)> = Vec::new(); // (composed start, original start)
    let mut copied_up_to = 0;
    // Quotes in a row on a page (nothing but white space between them) share one stand-in
    // and become one stack, as if written in a `::: stack` block, so a layout keeps them together
    // as a column beside a result block instead of spreading them over its grid.
    let mut stacked = Vec::new();
    let top_level = state.open_blocks.is_empty();
    for (index, block) in blocks.iter().enumerate() {
        let html = render_block(text, block, ctx, hooks, state);
        let html = state.keep(html);
        let is_quote = |block: &blocks::Block| block.kind.name == "quote";
        let follows_quote = index > 0 && is_quote(&blocks[index - 1]) && text[copied_up_to..block.range.start].trim().is_empty();
        if top_level && is_quote(block) && follows_quote {
            let last: &mut String = rendered.last_mut().expect("the quote before");
            last.push_str(&html);
            stacked.push(rendered.len() - 1);
            copied_up_to = block.range.end;
            continue;
        }
        rendered.push(html);
        segments.push((composed.len(), copied_up_to));
        composed.push_str(&text[copied_up_to..block.range.start]);
        // The stand-in keeps the block's indentation, so a block in a list item stays in it.
        composed.push_str(&format!("\n{}{SENTINEL}{}{SENTINEL}\n\n", " ".repeat(block.indent), rendered.len() - 1));
        copied_up_to = block.range.end;
    }
    for index in stacked {
        if !rendered[index].starts_with(QUOTE_STACK) {
            rendered[index] = format!("{QUOTE_STACK}{}</div>\n", rendered[index]);
        }
    }
    segments.push((composed.len(), copied_up_to));
    composed.push_str(&text[copied_up_to..]);
    // A block's body may refer to a footnote defined at the foot of the page.
    let stand_ins_from = composed.len();
    if !top_level && !state.defined_footnotes.is_empty() && text.contains("[^") {
        composed.push_str(&footnotes::stand_ins(&state.defined_footnotes));
    }

    // Line starts found once: counting the newlines before each text event again would
    // take quadratic time on a long page.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    let line_of = |composed_offset: usize| -> usize {
        let after = segments.partition_point(|(start, _)| *start <= composed_offset);
        let (segment_start, original_start) = if after == 0 { (0, 0) } else { segments[after - 1] };
        let original = (original_start + composed_offset - segment_start).min(text.len());
        ctx.first_line + newlines.partition_point(|&at| at < original)
    };
    transform(&composed, stand_ins_from, &rendered, ctx, hooks, state, &line_of)
}

const QUOTE_STACK: &str = "<div class=\"stack\">\n";

fn render_block(text: &str, block: &blocks::Block, ctx: &Context, hooks: &dyn Hooks, state: &mut PageState) -> Result<String, Diagnostic> {
    let body_ctx = Context { first_line: block.body_line, ..*ctx };
    let read = Reader::read(block.kind, &block.settings, &hooks.block_rules(), ctx.source, block.line);
    let typed: Option<Rc<dyn Block>> = match read {
        Ok(typed) => Some(Rc::from(typed)),
        Err(problems) => {
            state.errors.extend(problems);
            None
        }
    };
    let outer = state.open_blocks.clone();
    state.open_blocks.push(OuterBlock { kind: block.kind, block: typed.clone().unwrap_or_else(|| Rc::new(Unread)) });
    let events = render_events(&text[block.body.clone()], &body_ctx, hooks, state);
    state.open_blocks.pop();
    let events = state.keep(events);
    let Some(typed) = typed else { return Ok(String::new()) };
    let (parts, lead) = match block.kind.body {
        Body::Headings => (parts::split_at_headings(&events), None),
        Body::ListItems => (parts::split_list_items(&events), None),
        Body::Lead => {
            let (lead, parts) = parts::split_lead(&events);
            (parts, Some(lead))
        }
        Body::Whole => (Vec::new(), None),
    };
    let call = DirectiveCall { kind: block.kind, block: typed, body_html: to_html(&events), parts, line: block.line, outer, lead };
    hooks.directive(&call, ctx.source)
}

fn transform(
    composed: &str,
    stand_ins_from: usize,
    rendered: &[String],
    ctx: &Context,
    hooks: &dyn Hooks,
    state: &mut PageState,
    line_of: &dyn Fn(usize) -> usize,
) -> Result<Vec<Event<'static>>, Diagnostic> {
    let parsed: Vec<(Event, Range<usize>)> = Parser::new_ext(composed, options()).into_offset_iter().collect();
    let mut out: Vec<Event<'static>> = Vec::with_capacity(parsed.len());
    let mut in_code = false;
    let mut i = 0;
    while i < parsed.len() {
        let (event, range) = &parsed[i];
        match event {
            Event::Start(Tag::Paragraph) => {
                if let (Some((Event::Text(text), _)), Some((Event::End(TagEnd::Paragraph), _))) = (parsed.get(i + 1), parsed.get(i + 2)) {
                    if let Some(index) = sentinel_index(text) {
                        out.push(Event::Html(CowStr::from(rendered[index].clone())));
                        i += 3;
                        continue;
                    }
                }
                out.push(Event::Start(Tag::Paragraph));
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let attributes = heading_attributes(attrs).map_err(|name| {
                    Diagnostic::error(
                        ctx.source,
                        format!("the heading attribute `{name}` is not allowed; a heading takes only an id and classes"),
                    )
                    .at_line(line_of(range.start))
                    .help("write `{#id .class}` after the heading text, or remove the attribute; pages run no scripts of their own")
                });
                let (attr_id, attr_classes) = state.keep(attributes);
                let id = id.as_ref().map(|id| id.to_string()).or(attr_id);
                let end = parsed[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_)))).map_or(parsed.len(), |p| i + p);
                let wanted = match id {
                    Some(id) => id,
                    None => {
                        let text: String = parsed[i + 1..end]
                            .iter()
                            .filter_map(|(e, _)| match e {
                                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                                _ => None,
                            })
                            .collect();
                        slugify(&text)
                    }
                };
                let id = unique_id(state, &format!("{}--{}", ctx.key, if wanted.is_empty() { "kop" } else { &wanted }));
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.iter().map(|c| c.to_string()).chain(attr_classes).map(CowStr::from).collect(),
                    attrs: Vec::new(),
                }));
                // Sections are the page's own `##` headings, not those inside its blocks.
                if *level == HeadingLevel::H2 && state.open_blocks.is_empty() {
                    if let Some(prefix) = hooks.section_number() {
                        state.sections += 1;
                        out.push(Event::Html(CowStr::from(format!("<span class=\"section-number\">{prefix}.{}</span> ", state.sections))));
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                out.push(event.clone().into_static());
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                out.push(event.clone().into_static());
            }
            Event::Text(_) if !in_code => {
                // pulldown-cmark may cut one run of text in pieces; join them first.
                let mut joined = String::new();
                let start = range.start;
                while let Some((Event::Text(piece), _)) = parsed.get(i) {
                    joined.push_str(piece);
                    i += 1;
                }
                if let Some(label) = undefined_footnote(&joined) {
                    state.errors.push(
                        Diagnostic::error(ctx.source, format!("the footnote `[^{label}]` has no text"))
                            .at_line(line_of(start))
                            .help(format!("write the footnote's text on a line of its own: `[^{label}]: …`, or remove the reference")),
                    );
                }
                let cited = cite_all(&joined, ctx, hooks, line_of(start));
                out.push(Event::Text(CowStr::from(state.keep(cited))));
                continue;
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if ctx.raw_html {
                    out.push(event.clone().into_static());
                } else {
                    out.push(Event::Text(CowStr::from(html.to_string())));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = safe_destination(dest_url, false, ctx, hooks, line_of(range.start));
                let dest = state.keep(dest);
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest.into(),
                    title: title.to_string().into(),
                    id: id.to_string().into(),
                }));
                let label = inline::reference_text(&parsed[i + 1..], dest_url, ctx, hooks, line_of(range.start));
                if let Some(label) = state.keep(label) {
                    out.push(Event::Text(CowStr::from(label)));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = safe_destination(dest_url, true, ctx, hooks, line_of(range.start));
                let dest = state.keep(dest);
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: dest.into(),
                    title: title.to_string().into(),
                    id: id.to_string().into(),
                }));
            }
            Event::FootnoteReference(label) => {
                let number = footnote_number(state, label);
                let slug = slugify(label);
                out.push(Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#{key}--fn-{slug}\" id=\"{key}--fnref-{slug}\">{number}</a></sup>",
                    key = ctx.key
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(_)) if range.start >= stand_ins_from => {
                let end = parsed[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::FootnoteDefinition)));
                i = end.map_or(parsed.len(), |p| i + p + 1);
                continue;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let number = footnote_number(state, label);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"{}--fn-{}\"><span class=\"footnote-label\">{number}</span>",
                    ctx.key,
                    slugify(label)
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html(CowStr::from("</div>\n"))),
            other => out.push(other.clone().into_static()),
        }
        i += 1;
    }
    Ok(out)
}

fn sentinel_index(text: &str) -> Option<usize> {
    text.strip_prefix(SENTINEL)?.strip_suffix(SENTINEL)?.parse().ok()
}

#[cfg(test)]
mod tests;
