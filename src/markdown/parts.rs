//! The parts of a block's body: a card per `###` heading, a note per list item, the
//! table or picture of a numbered block and its notes.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::{to_html, Lead, Part};

/// Cards: each heading starts a part; the heading's content is the part's title.
pub(super) fn split_at_headings(events: &[Event<'static>]) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let mut body_start: Option<usize> = None;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) if depth == 0 && *level >= HeadingLevel::H2 => {
                if let (Some(start), Some(last)) = (body_start, parts.last_mut()) {
                    last.html = to_html(&events[start..i]);
                }
                let end = events[i..].iter().position(|e| matches!(e, Event::End(TagEnd::Heading(_)))).map_or(events.len(), |p| i + p);
                let title: String = to_html(&events[i + 1..end]);
                parts.push(Part { title_html: title, html: String::new() });
                body_start = Some(end + 1);
                i = end + 1;
                continue;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    if let (Some(start), Some(last)) = (body_start, parts.last_mut()) {
        last.html = to_html(&events[start.min(events.len())..]);
    }
    parts
}

/// Footnotes: each item of the top-level list is one part.
pub(super) fn split_list_items(events: &[Event<'static>]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut item_start = None;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Item) if depth == 1 => item_start = Some(i + 1),
            Event::End(TagEnd::Item) if depth == 2 => {
                if let Some(start) = item_start.take() {
                    parts.push(Part { title_html: String::new(), html: to_html(&events[start..i]) });
                }
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    parts
}

/// A numbered table or figure: the body's first element (a table, a picture, a block such
/// as a chart) is one part, what follows it (notes) the other.
pub(super) fn split_lead(events: &[Event<'static>]) -> (Lead, Vec<Part>) {
    let Some(first) = events.first() else { return (Lead::Nothing, Vec::new()) };
    let lead = match (first, events.get(1), events.get(2)) {
        (Event::Start(Tag::Table(_)), ..) => Lead::Table,
        (Event::Html(_), ..) => Lead::Block,
        // A paragraph that holds one picture and nothing else.
        (Event::Start(Tag::Paragraph), Some(Event::Start(Tag::Image { .. })), _) => {
            let closes = events.iter().position(|e| matches!(e, Event::End(TagEnd::Image))).map(|at| events.get(at + 1));
            if matches!(closes, Some(Some(Event::End(TagEnd::Paragraph)))) {
                Lead::Image
            } else {
                Lead::Other
            }
        }
        _ => Lead::Other,
    };
    // The end of the first element: where the depth of nesting returns to zero.
    let mut depth = 0usize;
    let mut end = events.len();
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            end = i + 1;
            break;
        }
    }
    let part = |range: &[Event<'static>]| Part { title_html: String::new(), html: to_html(range) };
    (lead, vec![part(&events[..end]), part(&events[end..])])
}
