//! The inline parts of a page body: citations, link destinations, references to numbered
//! tables and figures, and heading attributes.

use pulldown_cmark::{CowStr, Event, TagEnd};
use std::ops::Range;

use super::{Context, Hooks, PageState};
use crate::diagnostic::Diagnostic;

/// The text a link to a numbered table or figure gets when it was written without any
/// (`[](#tabel-x)` → "Tabel 3"); `after` holds the events after the link's start.
pub(super) fn reference_text(
    after: &[(Event, Range<usize>)],
    destination: &str,
    ctx: &Context,
    hooks: &dyn Hooks,
    line: usize,
) -> Result<Option<String>, Diagnostic> {
    let Some(label) = hooks.reference_label(destination) else { return Ok(None) };
    let end = after.iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Link))).unwrap_or(after.len());
    let written: String = after[..end]
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if written.trim().is_empty() {
        return Ok(Some(label));
    }
    check_reference_text(&written, &label, destination, ctx, line)?;
    Ok(None)
}

/// A link to a numbered table or figure that names one (`[Tabel 3](#tabel-x)`) must name
/// the right one: numbers shift when a table is added above it.
fn check_reference_text(written: &str, label: &str, destination: &str, ctx: &Context, line: usize) -> Result<(), Diagnostic> {
    let Some((word, number)) = label.rsplit_once(' ') else { return Ok(()) };
    let mut words = written.split_whitespace();
    let names = |w: Option<&str>| w.is_some_and(|w| w.to_lowercase() == word.to_lowercase());
    let said = match (words.next(), words.next()) {
        (first, Some(second)) if names(first) => second.trim_end_matches(|c: char| !c.is_alphanumeric()),
        _ => return Ok(()),
    };
    if said == number {
        return Ok(());
    }
    Err(Diagnostic::error(ctx.source, format!("the link says `{word} {said}`, but `{destination}` is {label}"))
        .at_line(line)
        .help(format!("leave the link's text empty, as in `[]({destination})`, and folio writes the number itself")))
}

/// The `key=value` attributes of a heading (`## Kop {#id .class key=value}`) as an id and
/// classes. Any other attribute is refused by name: `onclick=…` would run script even with
/// `raw_html = false`.
pub(super) fn heading_attributes(attrs: &[(CowStr, Option<CowStr>)]) -> Result<(Option<String>, Vec<String>), String> {
    let mut id = None;
    let mut classes = Vec::new();
    for (name, value) in attrs {
        let value = value.as_deref().unwrap_or("");
        match name.as_ref() {
            "id" => id = Some(value.to_string()),
            "class" => classes.extend(value.split_whitespace().map(String::from)),
            other => return Err(other.to_string()),
        }
    }
    Ok((id, classes))
}

/// Replaces every `{{reference}}` in `text` by the cited value.
pub(super) fn cite_all(text: &str, ctx: &Context, hooks: &dyn Hooks, line: usize) -> Result<String, Diagnostic> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else {
            return Err(unclosed_citation(&rest[open..], ctx, line));
        };
        out.push_str(&rest[..open]);
        let reference = rest[open + 2..open + close].trim();
        out.push_str(&hooks.cite(reference, ctx.source, line)?);
        rest = &rest[open + close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `{{` without its `}}` would be published as written, braces and all.
fn unclosed_citation(from: &str, ctx: &Context, line: usize) -> Diagnostic {
    let shown: String = from.chars().take(40).take_while(|c| *c != '\n').collect();
    Diagnostic::error(ctx.source, format!("the citation `{shown}` has no closing `}}}}`"))
        .at_line(line)
        .help("close it, as in {{question.option.year}}; to show the braces themselves, put them in code: `{{`")
}

/// Refuses links that would run code, and lets the caller resolve the rest.
pub(super) fn safe_destination(dest: &str, is_image: bool, ctx: &Context, hooks: &dyn Hooks, line: usize) -> Result<String, Diagnostic> {
    if crate::address::code_scheme(dest).is_some() {
        return Err(Diagnostic::error(ctx.source, format!("the link `{dest}` would run code or embed data, which folio does not allow"))
            .at_line(line)
            .help("link to a web address (https://…) or to another page or file of the monitor"));
    }
    hooks.link(dest, is_image, ctx.source, line)
}

/// `wanted`, or `wanted-2`, `wanted-3` when the page already has that id.
pub(super) fn unique_id(state: &mut PageState, wanted: &str) -> String {
    let count = state.used_ids.entry(wanted.to_string()).or_insert(0);
    *count += 1;
    if *count == 1 {
        wanted.to_string()
    } else {
        format!("{wanted}-{count}")
    }
}

/// A footnote reference that pulldown-cmark left as text because nothing defines it:
/// `[^label]` would otherwise be published as written.
pub(super) fn undefined_footnote(text: &str) -> Option<&str> {
    let start = text.find("[^")? + 2;
    let end = start + text[start..].find(']')?;
    let label = &text[start..end];
    (!label.is_empty() && !label.contains(char::is_whitespace)).then_some(label)
}
