//! Measuring built pages in headless Chromium at an exact viewport.
//!
//! A headless window cannot be made narrower than about 500 px, so a page is not opened
//! in the window itself: a small harness page holds one `<iframe>` of exactly the
//! viewport's size, loads the pages into it one after another, runs the probe
//! (`src/layout_probe.js`) in each, and writes the results into its own DOM, which
//! Chromium prints with `--dump-dom`. The iframe is the page's viewport: media queries and
//! `vw`/`vh` follow its size, as they follow a phone's screen.
//!
//! The harness and the pages come from folio's own loopback server (see
//! `browser::LocalSite`), one origin, so the harness may read the iframe's document without
//! any of Chromium's protections switched off, and a page's scripts reach nothing else.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use serde::Deserialize;

use crate::browser::{self, LocalSite};

/// The measuring script, shared with the browser tests.
pub const PROBE: &str = include_str!("../layout_probe.js");

/// Pages measured by one Chromium run: small enough that a page that hangs costs little,
/// large enough that starting Chromium does not dominate.
const BATCH: usize = 10;
/// Chromium processes at a time: each takes a core and a few hundred MB.
const PARALLEL: usize = 2;

/// What the probe reports about one page (see `src/layout_probe.js`).
#[derive(Debug, Clone, Deserialize)]
pub struct Probe {
    pub width: f64,
    pub height: f64,
    #[serde(rename = "scrollHeight")]
    pub scroll_height: f64,
    pub tall: Excess,
    pub wide: Excess,
    pub charts: Charts,
    pub body: Body,
}

/// How far something reaches past the viewport, and where (`page`, or the element that
/// clips or scrolls its own content).
#[derive(Debug, Clone, Deserialize)]
pub struct Excess {
    pub by: f64,
    #[serde(rename = "where")]
    pub place: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Charts {
    pub texts: usize,
    pub small: usize,
    pub smallest: Option<f64>,
    pub examples: Vec<SmallText>,
    pub overlaps: Vec<Overlap>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Body {
    pub count: usize,
    pub smallest: Option<f64>,
    pub examples: Vec<SmallText>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SmallText {
    pub text: String,
    pub size: f64,
    #[serde(default)]
    pub min: Option<f64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Overlap {
    pub chart: String,
    pub a: String,
    pub b: String,
}

/// One page to measure at one size.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    pub page: usize,
    pub file: &'a Path,
    pub width: u32,
    pub height: u32,
}

/// Measures every job (its file inside `site`, the folder served to Chromium), at most
/// [`PARALLEL`] Chromium processes at a time. Each result is the probe's report or why the
/// page could not be measured, in the order of `jobs`.
pub fn measure(chromium: &Path, work: &Path, site: &Path, jobs: &[Job]) -> Vec<Result<Probe, String>> {
    // Batches hold pages of one size only: one harness, one iframe size.
    let mut batches: Vec<Vec<usize>> = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        match batches.last_mut() {
            Some(batch) if batch.len() < BATCH && same_size(&jobs[batch[0]], job) => batch.push(i),
            _ => batches.push(vec![i]),
        }
    }
    // The harness pages first: the server holds them from its start. Pages are addressed
    // by path, on the harness's own origin.
    let paths: Vec<String> = jobs.iter().map(|job| LocalSite::path_of(site, job.file).unwrap_or_default()).collect();
    let pages: HashMap<String, String> = batches
        .iter()
        .enumerate()
        .map(|(n, batch)| {
            let first = jobs[batch[0]];
            let addresses: Vec<String> = batch.iter().map(|&i| paths[i].clone()).collect();
            (harness_path(n), harness_html(&addresses, first.width, first.height))
        })
        .collect();
    let served = match LocalSite::start(site, pages) {
        Ok(served) => served,
        Err(err) => return jobs.iter().map(|_| Err(err.message.clone())).collect(),
    };
    let served = &served;
    let results: Mutex<Vec<Option<Result<Probe, String>>>> = Mutex::new(vec![None; jobs.len()]);
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL.min(batches.len()) {
            scope.spawn(|| loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let Some(batch) = batches.get(n) else { break };
                let first = jobs[batch[0]];
                let harness = served.url(&harness_path(n));
                let measured =
                    run_batch(chromium, served, &work.join(format!("batch-{n}")), &harness, batch.len(), first.width, first.height);
                let mut results = results.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                for (slot, result) in batch.iter().zip(measured) {
                    results[*slot] = Some(result);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    results.into_iter().map(|r| r.unwrap_or_else(|| Err("not measured".into()))).collect()
}

fn same_size(a: &Job, b: &Job) -> bool {
    a.width == b.width && a.height == b.height
}

/// Where the harness of batch `n` is served.
fn harness_path(n: usize) -> String {
    format!("__folio/harness-{n}.html")
}

/// One Chromium run of the harness at `harness` (an address), which measures `pages` pages
/// in an iframe of `width`×`height` CSS px.
fn run_batch(
    chromium: &Path,
    served: &LocalSite,
    folder: &Path,
    harness: &str,
    pages: usize,
    width: u32,
    height: u32,
) -> Vec<Result<Probe, String>> {
    let failed = |why: String| (0..pages).map(|_| Err(why.clone())).collect();
    if let Err(err) = std::fs::create_dir_all(folder) {
        return failed(format!("cannot create {}: {err}", folder.display()));
    }
    match run_chromium(chromium, served, folder, harness, width, height, pages) {
        Ok(dom) => parse_results(&dom, pages),
        Err(why) => failed(why),
    }
}

/// Runs Chromium on the harness and returns the DOM it printed.
fn run_chromium(
    chromium: &Path,
    served: &LocalSite,
    folder: &Path,
    harness: &str,
    width: u32,
    height: u32,
    pages: usize,
) -> Result<String, String> {
    let dom_path = folder.join("dom.html");
    let log_path = folder.join("chromium.log");
    let open = |path: &PathBuf| std::fs::File::create(path).map_err(|err| format!("cannot write {}: {err}", path.display()));
    let (dom, log) = (open(&dom_path)?, open(&log_path)?);
    // Virtual time runs fast while nothing happens, so a generous budget costs nothing; it
    // only bounds a page whose scripts never go quiet.
    let budget = 5000 + 2000 * pages;
    let mut command = browser::headless(chromium, served, &folder.join("profile"));
    command
        .args(["--hide-scrollbars", "--dump-dom"])
        .arg(format!("--window-size={},{}", width.max(800) + 40, height + 200))
        .arg(format!("--virtual-time-budget={budget}"))
        .arg(harness)
        .stdout(dom)
        .stderr(log);
    let mut child = command.spawn().map_err(|err| format!("cannot start Chromium ({}): {err}", chromium.display()))?;
    let timeout = Duration::from_secs(60 + 10 * pages as u64);
    let status = browser::wait_at_most(&mut child, timeout).map_err(|err| format!("lost track of Chromium: {err}"))?;
    let log_text = browser::chromium_log(&std::fs::read_to_string(&log_path).unwrap_or_default());
    match status {
        None => Err(format!("Chromium did not finish within {} s and was stopped", timeout.as_secs())),
        Some(status) if !status.success() => Err(format!("Chromium failed ({status}): {log_text}")),
        Some(_) => std::fs::read_to_string(&dom_path).map_err(|err| format!("cannot read Chromium's output: {err}")),
    }
}

/// The harness page: loads each address in turn into the iframe, waits for its fonts,
/// measures, and appends `<pre class="folio-probe" data-page="i">{json}</pre>`.
fn harness_html(urls: &[String], width: u32, height: u32) -> String {
    let urls = serde_json::to_string(urls).unwrap_or_else(|_| "[]".into());
    format!(
        r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>folio layout check</title></head>
<body style="margin:0"><iframe id="frame" style="border:0;display:block;width:{width}px;height:{height}px"></iframe>
<script>{PROBE}</script>
<script>
var pages = {urls}, frame = document.getElementById('frame'), current = -1;
function report(index, value) {{
  var pre = document.createElement('pre');
  pre.className = 'folio-probe';
  pre.setAttribute('data-page', index);
  pre.textContent = JSON.stringify(value);
  document.body.appendChild(pre);
}}
function next() {{
  current++;
  if (current < pages.length) frame.src = pages[current];
}}
frame.addEventListener('load', function () {{
  if (current < 0 || !frame.getAttribute('src')) return;
  var index = current, win = frame.contentWindow, doc = frame.contentDocument;
  if (!doc) {{ report(index, {{ error: 'the page could not be opened' }}); next(); return; }}
  // Measure once the page's fonts are in and a frame has been laid out.
  (doc.fonts ? doc.fonts.ready : Promise.resolve()).then(function () {{
    setTimeout(function () {{
      try {{ report(index, folioLayoutProbe(win, doc)); }} catch (e) {{ report(index, {{ error: String(e) }}); }}
      next();
    }}, 200);
  }});
}});
next();
</script></body></html>"#
    )
}

/// The probe reports in Chromium's dump, by page; a page without one did not finish.
fn parse_results(dom: &str, pages: usize) -> Vec<Result<Probe, String>> {
    let mut results: Vec<Result<Probe, String>> = (0..pages).map(|_| Err("the page did not finish loading in time".into())).collect();
    for piece in dom.split("<pre class=\"folio-probe\" data-page=\"").skip(1) {
        let Some((index, rest)) = piece.split_once("\">") else { continue };
        let Some((json, _)) = rest.split_once("</pre>") else { continue };
        let Some(slot) = index.parse::<usize>().ok().and_then(|i| results.get_mut(i)) else { continue };
        let json = unescape_text(json);
        *slot = match serde_json::from_str::<serde_json::Value>(&json) {
            Ok(value) if value.get("error").is_some() => Err(format!("the measurement failed: {}", value["error"])),
            Ok(value) => serde_json::from_value(value).map_err(|err| format!("unexpected measurement ({err})")),
            Err(err) => Err(format!("unreadable measurement ({err})")),
        };
    }
    results
}

/// Text content as HTML serialisation escapes it: `&`, `<`, `>` and no-break spaces.
fn unescape_text(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u{a0}").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_read_back_from_the_dump_by_page() {
        let probe = r#"{"width":390,"height":844,"scrollHeight":900,"tall":{"by":56,"where":"page"},"wide":{"by":0,"where":"page"},
            "charts":{"texts":2,"small":1,"smallest":9.5,"examples":[{"text":"Ja &amp; nee","size":9.5}],"overlaps":[]},
            "body":{"count":0,"smallest":null,"examples":[]},"limits":{}}"#;
        let dom = format!("<body><iframe></iframe><pre class=\"folio-probe\" data-page=\"1\">{probe}</pre></body>");
        let results = parse_results(&dom, 2);
        assert!(results[0].is_err(), "page 0 never reported");
        let page = results[1].as_ref().unwrap();
        assert_eq!(page.tall.by, 56.0);
        assert_eq!(page.charts.examples[0].text, "Ja & nee");
    }

    #[test]
    fn a_failed_measurement_says_why() {
        let dom = "<pre class=\"folio-probe\" data-page=\"0\">{\"error\":\"TypeError: x\"}</pre>";
        let results = parse_results(dom, 1);
        assert!(results[0].as_ref().unwrap_err().contains("TypeError"), "{results:?}");
    }
}
