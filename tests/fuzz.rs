//! A small mutation fuzzer that runs on stable Rust (cargo-fuzz needs a nightly toolchain;
//! see docs/fuzzing.md). Three targets, each calling the real library functions:
//!
//! - `markdown`: the directive parser and the Markdown stage (`markdown::blocks::find`,
//!   `markdown::render` with test hooks and with the real page hooks of the sample monitor,
//!   `data::check::check_narrative`);
//! - `data`: the data loader (`data::load::parse_file`, `data::check::check_questions`,
//!   `Results::cite`) and every chart kind on every question that loads;
//! - `front-matter`: the front-matter splitter (`content::front_matter::split`).
//!
//! A panic is a bug (an `Err(Diagnostic)` is the right answer to bad input), and so is an
//! input that takes more than 2 s. The fuzz loops are ignored tests, run by `.ci/fuzz`:
//!
//! ```sh
//! FOLIO_FUZZ_SECONDS=600 cargo test --release --test fuzz -- --ignored --test-threads=1 --nocapture
//! ```
//!
//! A crashing or slow input is shrunk a little and saved under
//! `tests/fuzz-regressions/<target>/<hash>.txt`; `replay_regressions` (not ignored) runs every
//! saved input again in the default `cargo test`, so a fixed crash stays fixed.

// The crash guard writes the running input from a signal handler: raw system calls only.
#![allow(unsafe_code)]

use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Once, OnceLock};
use std::time::{Duration, Instant};

use folio::charts::{self, ChartSpec};
use folio::diagnostic::Diagnostic;
use folio::markdown::{self, Context, DirectiveCall, Hooks};

/// An input slower than this is a bug.
const SLOW: Duration = Duration::from_secs(2);
/// An input still running after this is a hang: it is saved and the process stops.
const HANG: Duration = Duration::from_secs(20);
/// Inputs grow no larger than this (long runs and splices would otherwise slow the loop).
const MAX_LEN: usize = 64 * 1024;
/// The stack of folio's worker threads (rayon's and std's default): deep recursion must
/// fail with a message, not overflow this.
const STACK: usize = 2 * 1024 * 1024;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------
// Targets

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Markdown,
    Data,
    FrontMatter,
    Export,
}

const TARGETS: [Target; 4] = [Target::Markdown, Target::Data, Target::FrontMatter, Target::Export];

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Markdown => "markdown",
            Target::Data => "data",
            Target::FrontMatter => "front-matter",
            Target::Export => "export",
        }
    }

    fn from_name(name: &str) -> Option<Target> {
        TARGETS.into_iter().find(|t| t.name() == name)
    }

    /// Runs the target on one input. Returns a short "outcome" (the kind of error, or what
    /// was found) that the loop uses as a cheap stand-in for coverage: an input with an
    /// outcome not seen before joins the corpus. Panics are the bugs we look for.
    fn run(self, bytes: &[u8]) -> String {
        let text = String::from_utf8_lossy(bytes);
        match self {
            Target::Markdown => run_markdown(&text),
            Target::Data => run_data(&text),
            Target::FrontMatter => run_front_matter(&text),
            // The export reader decodes bytes itself (UTF-8, Windows-1252, UTF-16 refused).
            Target::Export => run_export(bytes),
        }
    }
}

/// An error message with the parts that vary (names, numbers) taken out.
fn shape(message: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push(c);
            }
            Some(_) => {}
            None if matches!(c, '`' | '"' | '\'') => {
                quote = Some(c);
                out.push(c);
            }
            None if !c.is_ascii_digit() => out.push(c),
            None => {}
        }
    }
    out.chars().take(60).collect()
}

fn outcome<T>(result: &Result<T, Diagnostic>) -> String {
    match result {
        Ok(_) => "ok".to_string(),
        Err(err) => shape(&err.message),
    }
}

/// The outcome of a page render, by its first problem in line order.
fn page_outcome(result: &Result<String, folio::diagnostic::Diagnostics>) -> String {
    outcome(&result.as_ref().map_err(|found| found.0[0].clone()))
}

/// Test hooks: blocks become `<name attrs>body</name>`, citations come from the sample
/// monitor's data when they exist, links are passed on.
struct EchoHooks;

impl Hooks for EchoHooks {
    fn block_rules(&self) -> folio::blocks::Rules<'_> {
        folio::blocks::Rules { columns: 3, variants: &[] }
    }
    fn directive(&self, call: &DirectiveCall, _: &Path) -> Result<String, Diagnostic> {
        // Like the real templates: cards and footnotes show their parts, the others the body
        // (both would double the output at each level of nesting).
        let inner = if call.parts.is_empty() {
            call.body_html.clone()
        } else {
            call.parts.iter().map(|p| format!("[{}|{}]", p.title_html, p.html)).collect()
        };
        Ok(format!("<{} {:?}>{inner}</{}>", call.kind.name, call.block, call.kind.name))
    }
    fn cite(&self, reference: &str, source: &Path, line: usize) -> Result<String, Diagnostic> {
        match sample().results.cite(reference) {
            Ok(cited) => Ok(format!("{cited:?}")),
            Err(message) => Err(Diagnostic::error(source, message).at_line(line)),
        }
    }
    fn link(&self, destination: &str, _: bool, _: &Path, _: usize) -> Result<String, Diagnostic> {
        Ok(destination.to_string())
    }
}

/// The sample monitor in the repository, loaded once, for the real page hooks.
struct Sample {
    config: folio::config::SiteConfig,
    content: folio::content::Content,
    results: folio::data::Results,
    theme: folio::render::theme::Theme,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let root = root();
        let config = folio::build::load_config(root).expect("the sample site.toml loads");
        let content = folio::content::load(root, false).expect("the sample content loads");
        let questions = folio::data::load::load_dir(root).expect("the sample data loads");
        let theme = folio::render::theme::load(root, &config.theme).expect("the sample theme loads");
        Sample { config, content, results: folio::data::Results::new(questions), theme }
    })
}

thread_local! {
    static SITE: &'static folio::render::SiteParts<'static> = {
        let sample = sample();
        Box::leak(Box::new(folio::render::SiteParts::new(root(), &sample.config, &sample.content, &sample.results, &sample.theme)))
    };
}

fn run_markdown(text: &str) -> String {
    let path = Path::new("content/fuzz.md");
    let found = markdown::blocks::find(text, path, 1);
    let mut out = match found.problems.first() {
        None => format!("blocks {}", found.blocks.len().min(3)),
        Some(err) => shape(&err.message),
    };
    // Odd and even inputs take turns at the raw-HTML policy.
    let raw_html = text.len() % 2 == 1;
    let ctx = Context { source: path, key: "fuzz", first_line: 4, raw_html };
    out.push('|');
    out.push_str(&page_outcome(&markdown::render(text, &ctx, &EchoHooks)));
    // The real hooks of the sample monitor: quotes, results, charts, citations and links
    // as a build renders them, pretending the text is the body of one of its pages.
    SITE.with(|site| {
        let pages = &site.content.pages;
        let page = &pages[text.len() % pages.len()];
        let hooks = folio::render::directives::PageHooks::new(site, page);
        let ctx = Context { source: &page.source, key: &page.key, first_line: page.body_line, raw_html };
        out.push('|');
        out.push_str(&page_outcome(&markdown::render(text, &ctx, &hooks)));
    });
    let warnings = folio::data::check::check_narrative(text, path, 1);
    out.push_str(&format!("|{}", warnings.len().min(2)));
    out
}

fn run_data(text: &str) -> String {
    let path = Path::new("data/fuzz.yaml");
    let questions = match folio::data::load::parse_file(text, path) {
        Ok(questions) => questions,
        Err(err) => return shape(&err.message),
    };
    let mut out = String::from("ok");
    let problems = folio::data::check::check_questions(&questions, 1.5);
    for problem in problems.iter().take(2) {
        out.push('|');
        out.push_str(&shape(&problem.message));
    }
    let results = folio::data::Results::new(questions);
    // Citations: the ones the data offers, and a few that are wrong in different ways.
    let mut references = vec!["".to_string(), "a.b".into(), "x.y.z".into(), "..".into(), "a.b.c.d.e".into()];
    for question in results.questions.iter().take(8) {
        let id = &question.id;
        references.push(format!("{id}.n.2025"));
        references.push(format!("{id}..2025"));
        references.push(format!("{id}.x.99999"));
        for year in question.n.keys().take(2) {
            references.push(format!("{id}.n.{year}"));
        }
        for item in question.items.iter().take(3) {
            for option in item.options.iter().take(3) {
                for year in option.values.keys().take(2) {
                    references.push(format!("{id}.{}.{year}", option.id));
                    references.push(format!("{id}.{}.{}.{year}", item.id, option.id));
                }
            }
        }
    }
    for reference in &references {
        if let Ok(folio::data::Cited::Value { value, unit }) = results.cite(reference) {
            charts::value_text(value, &unit, &folio::locale::NumberFormat::default());
        }
    }
    // Every chart kind on every question: charts must not panic on any data that loads.
    let style = charts::Style::default();
    let frame = folio::render::theme::ThemeSettings::built_in().sheet.slot(1);
    let mut chart_errors = 0;
    for question in results.questions.iter().take(16) {
        let years = question.years();
        for kind in folio::charts::KINDS {
            let mut specs = vec![ChartSpec::new(kind)];
            if let Some(&year) = years.last() {
                let mut spec = ChartSpec::new(kind);
                spec.years = Some(vec![year]);
                spec.options = question.items.first().and_then(|item| item.options.first()).map(|o| vec![o.id.clone()]);
                spec.title = Some("<script>alert(1)</script>".into());
                specs.push(spec);
            }
            for spec in specs {
                if charts::render(&spec, question, &style, "fuzz--chart-1", frame).is_err() {
                    chart_errors += 1;
                }
            }
        }
    }
    out.push_str(&format!("|charts failed: {}", chart_errors.min(4)));
    out
}

fn run_export(bytes: &[u8]) -> String {
    match folio::survey::export::parse(bytes, Path::new("survey/export-2026.csv")) {
        Ok(export) => format!("ok {} {} {}", export.encoding, export.header.len().min(4), export.rows.len().min(4)),
        Err(problems) => problems.0.first().map_or_else(String::new, |d| shape(&d.message)),
    }
}

fn run_front_matter(text: &str) -> String {
    match folio::content::front_matter::split(text, Path::new("content/fuzz.md")) {
        Ok(page) => format!("ok {:?} {}", page.front.layout, page.body.is_empty()),
        Err(err) => shape(&err.message),
    }
}

// ---------------------------------------------------------------------------------------
// Running one input, catching panics

thread_local! {
    /// Set while a target runs on this thread: its panics are caught and recorded quietly.
    static IN_TARGET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The place and message of the last panic of a target on this thread.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_TARGET.with(|t| t.get()) {
                return default(info);
            }
            let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
            let message = if let Some(s) = info.payload().downcast_ref::<&str>() {
                s.to_string()
            } else if let Some(s) = info.payload().downcast_ref::<String>() {
                s.clone()
            } else {
                String::new()
            };
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(format!("{place}: {message}")));
        }));
    });
}

enum Verdict {
    Fine(String),
    /// The panic's place and message.
    Panic(String),
    Slow(Duration),
}

impl Verdict {
    /// What must stay the same while an input is shrunk.
    fn bug(&self) -> Option<String> {
        match self {
            Verdict::Fine(_) => None,
            // Same place; the message may name parts of the input that shrink away.
            Verdict::Panic(what) => Some(what.split(": ").next().unwrap_or(what).to_string()),
            Verdict::Slow(_) => Some("slow".into()),
        }
    }
}

fn execute(target: Target, bytes: &[u8]) -> Verdict {
    set_current(bytes);
    IN_TARGET.with(|t| t.set(true));
    let start = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| target.run(bytes)));
    let took = start.elapsed();
    IN_TARGET.with(|t| t.set(false));
    set_current(&[]);
    match result {
        Err(_) => Verdict::Panic(LAST_PANIC.with(|last| last.borrow_mut().take()).unwrap_or_default()),
        Ok(_) if took > SLOW => Verdict::Slow(took),
        Ok(outcome) => Verdict::Fine(outcome),
    }
}

/// Runs `f` on a thread with folio's worker stack size.
fn on_worker<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(f)
        .expect("spawn the fuzz thread")
        .join()
        .unwrap_or_else(|e| panic::resume_unwind(e))
}

// ---------------------------------------------------------------------------------------
// Process deaths (stack overflow, abort) and hangs: keep the input that caused them.

static CURRENT_PTR: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static CURRENT_LEN: AtomicUsize = AtomicUsize::new(0);
static CRASH_PATH: OnceLock<std::ffi::CString> = OnceLock::new();

fn set_current(bytes: &[u8]) {
    CURRENT_LEN.store(0, Ordering::SeqCst);
    let ptr = if bytes.is_empty() { std::ptr::null_mut() } else { bytes.as_ptr() as *mut u8 };
    CURRENT_PTR.store(ptr, Ordering::SeqCst);
    CURRENT_LEN.store(bytes.len(), Ordering::SeqCst);
}

/// Writes the running input to CRASH_PATH with async-signal-safe calls only.
fn dump_current() {
    let (Some(path), ptr, len) = (CRASH_PATH.get(), CURRENT_PTR.load(Ordering::SeqCst), CURRENT_LEN.load(Ordering::SeqCst)) else { return };
    if ptr.is_null() {
        return;
    }
    unsafe {
        let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC, 0o644);
        if fd >= 0 {
            let mut written = 0;
            while written < len {
                let n = libc::write(fd, ptr.add(written) as *const libc::c_void, len - written);
                if n <= 0 {
                    break;
                }
                written += n as usize;
            }
            libc::close(fd);
        }
        let note = b"\nfuzz: the process is dying; the input that was running is saved in tests/fuzz-regressions/<target>/died.txt\n";
        libc::write(2, note.as_ptr() as *const libc::c_void, note.len());
    }
}

extern "C" fn on_abort(signal: libc::c_int) {
    dump_current();
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

fn guard_process(target: Target) {
    let dir = regressions_dir().join(target.name());
    std::fs::create_dir_all(&dir).expect("create the regressions folder");
    let path = dir.join("died.txt");
    let _ = CRASH_PATH.set(std::ffi::CString::new(path.to_string_lossy().as_bytes()).expect("a path without NUL"));
    unsafe {
        // Rust reports a stack overflow and then aborts: SIGABRT is where we can still act.
        libc::signal(libc::SIGABRT, on_abort as *const () as libc::sighandler_t);
    }
}

// ---------------------------------------------------------------------------------------
// Inputs: seeds, mutations, a random number generator

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

const TOKENS: &[&str] = &[
    ":::",
    "::: quote\n",
    "::: result\n",
    "::: chart\n",
    "::: cards\n",
    "::: footnotes\n",
    "::: columns\n",
    "::::",
    ":::\n",
    "\n:::\n",
    "::: qoute\n",
    "::: chart\nquestion: tariefpercentage\nkind: bars\n",
    "kind: donut\n",
    "kind: table\n",
    "years: 2025, 2024\n",
    "years: 0, 65535, 99999\n",
    "options: ja, nee\n",
    "items: a\n",
    "title: \"<b>x</b>\"\n",
    "question: \n",
    "count: 0\n",
    "count: 99999999999999999999\n",
    "label: \n",
    "name: \"\n",
    "portrait: ../x.png\n",
    "---",
    "---\n",
    "\n---\n",
    "---\r\n",
    "{{",
    "}}",
    "{{ }}",
    "{{tariefpercentage.landelijk.2025}}",
    "{{a.n.2025}}",
    "{{x.y.z.w.v}}",
    "{{{{",
    "}}}}",
    "\t",
    "\r\n",
    "\r",
    "\u{feff}",
    "\u{E000}",
    "\u{E000}0\u{E000}",
    "\u{E000}99\u{E000}",
    "@@folio-",
    "@@folio-page@@",
    "[^x]",
    "[^x]: noot\n",
    "[^]",
    "[^x]:",
    "<script>alert(1)</script>",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "```\n",
    "~~~\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "# ",
    "### ",
    "## Kop {#id}\n",
    "{#",
    "| a | b |\n|---|---|\n",
    "[a](javascript:x)",
    "[a](../../etc/passwd)",
    "![a](x.png)",
    "![",
    "](",
    "<",
    ">",
    "&",
    "\"",
    "'",
    "\\",
    "\0",
    "é",
    "€",
    "𝔘",
    "\u{200b}",
    "\u{2028}",
    "…%",
    "....%",
    "N%",
    "XX",
    "TODO",
    "\n\n",
    " ",
    ":",
    ": ",
    "- id: x\n",
    "questions:\n",
    "questions: []\n",
    "id: ",
    "label: x\n",
    "text: x\n",
    "unit: percentage\n",
    "unit: score\n",
    "unit: nps\n",
    "unit: count\n",
    "scale: [1, 5]\n",
    "scale: [5, 1]\n",
    "scale: [.nan, .inf]\n",
    "multiple: true\n",
    "n:\n",
    "  2025: 10\n",
    "options:\n",
    "items:\n",
    "values:\n",
    "  - label: Ja\n",
    "    values: {2025: 56}\n",
    "values: {2025: .nan}\n",
    "values: {2025: .inf}\n",
    "values: {2025: -.inf}\n",
    "values: {2025: -0}\n",
    "values: {2025: 1e308}\n",
    "values: {0: 1}\n",
    "values: {65535: 1}\n",
    "{",
    "}",
    "[",
    "]",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "? ",
    "%YAML 1.2\n",
    "...\n",
    "~",
    "null",
    "title: ",
    "layout: results\n",
    "layout: x\n",
    "order: -1\n",
    "order: 9223372036854775808\n",
    "draft: true\n",
    "slug: ../x\n",
    "slug: \"\"\n",
    "signature:\n  name: x\n",
    "tab: x\n",
];

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1e308",
    "-1e308",
    "1e-320",
    ".nan",
    ".NaN",
    ".inf",
    "-.inf",
    "+.inf",
    "99999999999999999999",
    "18446744073709551616",
    "65535",
    "65536",
    "4294967295",
    "4294967296",
    "-2147483649",
    "0x7f",
    "0o17",
    "1_000",
    "1.5",
    "100.0000001",
    "-100",
    "101",
    "2.5e2",
    "",
    "x",
    "~",
];

/// Text files under `dir` whose names end in one of `extensions`.
fn files_under(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.to_str().is_some_and(|s| extensions.iter().any(|ext| s.ends_with(ext))))
        .collect();
    files.sort();
    files
}

/// The fenced code blocks of the docs whose info string is one of `languages`.
fn doc_examples(languages: &[&str]) -> Vec<Vec<u8>> {
    let mut examples = Vec::new();
    for path in files_under(&root().join("docs"), &[".md"]).into_iter().chain([root().join("README.md")]) {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let mut current: Option<(String, String)> = None; // (fence, body)
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            match &mut current {
                None => {
                    if let Some(info) = trimmed.strip_prefix("```") {
                        if languages.contains(&info.trim()) {
                            current = Some(("```".into(), String::new()));
                        }
                    }
                }
                Some((fence, body)) => {
                    if trimmed == fence {
                        examples.push(std::mem::take(body).into_bytes());
                        current = None;
                    } else {
                        body.push_str(line);
                    }
                }
            }
        }
    }
    examples
}

fn seeds(target: Target) -> Vec<Vec<u8>> {
    let root = root();
    let mut seeds: Vec<Vec<u8>> = Vec::new();
    let read = |paths: Vec<PathBuf>, seeds: &mut Vec<Vec<u8>>| {
        for path in paths {
            if let Ok(bytes) = std::fs::read(&path) {
                if bytes.len() <= MAX_LEN {
                    seeds.push(bytes);
                }
            }
        }
    };
    let sites = root.join("tests/sites");
    let bad_sites: Vec<PathBuf> = std::fs::read_dir(&sites)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("bad")))
                .collect()
        })
        .unwrap_or_default();
    match target {
        Target::Markdown | Target::FrontMatter => {
            read(files_under(&root.join("content"), &[".md"]), &mut seeds);
            read(files_under(&root.join("src/init/skeleton"), &[".md"]), &mut seeds);
            read(files_under(&root.join("src/init/report"), &[".md"]), &mut seeds);
            for dir in &bad_sites {
                read(files_under(dir, &[".md"]), &mut seeds);
            }
            seeds.extend(doc_examples(&["markdown", "md", "text", ""]));
            if target == Target::Markdown {
                // Bodies without their front matter, as the Markdown stage sees them.
                let bodies: Vec<Vec<u8>> = seeds
                    .iter()
                    .filter_map(|s| {
                        let text = String::from_utf8_lossy(s);
                        folio::content::front_matter::split(&text, Path::new("x.md")).ok().map(|p| p.body.as_bytes().to_vec())
                    })
                    .collect();
                seeds.extend(bodies);
            }
        }
        Target::Data => {
            read(files_under(&root.join("data"), &[".yaml", ".yml"]), &mut seeds);
            read(files_under(&root.join("src/init/skeleton"), &[".yaml"]), &mut seeds);
            read(files_under(&root.join("src/init/report"), &[".yaml"]), &mut seeds);
            for dir in &bad_sites {
                read(files_under(dir, &[".yaml", ".yml"]), &mut seeds);
            }
            seeds.extend(doc_examples(&["yaml", "yml"]));
        }
        Target::Export => {
            read(files_under(&root.join("survey"), &[".csv"]), &mut seeds);
            read(files_under(&sites, &[".csv"]), &mut seeds);
            // The repository holds no export (the survey tests write theirs): the shapes
            // spreadsheet programs write, by hand.
            for seed in [
                &b"respondent;segment;tevreden;toelichting\r\n1;2;4;\"Goed, vooral \"\"snel\"\"\"\r\n2;1;3;\r\n"[..],
                b"respondent,segment,tevreden\n1,2,4\n2,1,\n",
                b"\xEF\xBB\xBFrespondent\tsegment\n1\t2\n",
                b"respondent;naam\r\n1;Co\xF6peratie caf\xE9\r\n",
                b"respondent;naam\n1;Co\xC3\xB6peratie\n2;\n",
            ] {
                seeds.push(seed.to_vec());
            }
        }
    }
    seeds.retain(|s| !s.is_empty());
    seeds.sort();
    seeds.dedup();
    assert!(!seeds.is_empty(), "no seeds for the {} target", target.name());
    seeds
}

/// Offsets just after a newline (and 0), where a token or a line fits best.
fn line_start(rng: &mut Rng, input: &[u8]) -> usize {
    let at = rng.below(input.len() + 1);
    match input[..at].iter().rposition(|&b| b == b'\n') {
        Some(nl) => nl + 1,
        None => 0,
    }
}

fn chunk(rng: &mut Rng, input: &[u8]) -> std::ops::Range<usize> {
    if input.is_empty() {
        return 0..0;
    }
    let start = rng.below(input.len());
    let max = (input.len() - start).min(if rng.chance(4) { 4096 } else { 64 });
    start..start + 1 + rng.below(max)
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    let most = if rng.chance(3) { 8 } else { 3 };
    let rounds = 1 + rng.below(most);
    for _ in 0..rounds {
        let at = rng.below(input.len() + 1);
        match rng.below(16) {
            0 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] ^= 1 << rng.below(8);
            }
            1 if !input.is_empty() => {
                let i = rng.below(input.len());
                input[i] = *rng.pick(&[
                    0u8, 0xff, 0x80, 0xc3, 0xe2, 0xf0, b'\n', b'\r', b'\t', b' ', b':', b'-', b'{', b'}', b'[', b'"', b'#', b'>', b'|',
                    b'`',
                ]);
            }
            2 | 3 => {
                let range = chunk(rng, input);
                input.drain(range);
            }
            4 => {
                // Duplicate a chunk, sometimes many times over.
                let range = chunk(rng, input);
                let piece = input[range.clone()].to_vec();
                let times = if rng.chance(8) { 1 + rng.below(200) } else { 1 };
                let mut insert = Vec::with_capacity(piece.len() * times);
                for _ in 0..times {
                    insert.extend_from_slice(&piece);
                }
                input.splice(range.end..range.end, insert);
            }
            5..=7 => {
                let token = rng.pick(TOKENS).as_bytes();
                let at = if rng.chance(2) { line_start(rng, input) } else { at };
                input.splice(at..at, token.iter().copied());
            }
            8 => {
                // Splice: a prefix of this input and a suffix of another one.
                let other = rng.pick(corpus);
                let cut = rng.below(other.len() + 1);
                input.truncate(at);
                input.extend_from_slice(&other[cut..]);
            }
            9 => {
                // A chunk of another input, inserted at a line start.
                let other = rng.pick(corpus);
                let range = chunk(rng, other);
                let at = line_start(rng, input);
                input.splice(at..at, other[range].iter().copied());
            }
            10 => {
                // A long run of one byte or token.
                let token: Vec<u8> =
                    if rng.chance(2) { vec![*rng.pick(b"a :-{}[]>#*_`\n\t\\|&<!.0")] } else { rng.pick(TOKENS).as_bytes().to_vec() };
                let most = if rng.chance(4) { 50_000 } else { 1000 };
                let times = 1 + rng.below(most);
                let times = times.min(MAX_LEN / token.len().max(1));
                let run: Vec<u8> = token.iter().copied().cycle().take(token.len() * times).collect();
                input.splice(at..at, run);
            }
            11 => {
                // Deep nesting of blocks, quotes, lists or YAML.
                let most = if rng.chance(4) { 5000 } else { 200 };
                let depth = 1 + rng.below(most);
                let (open, close): (&str, &str) = *rng.pick(&[
                    ("::: quote\n", ":::\n"),
                    ("::: result\n\n", ":::\n"),
                    ("::: cards\n### a\n", ":::\n"),
                    (":::: columns\n", "::::\n"),
                    ("> ", ""),
                    ("- ", ""),
                    ("[", "]"),
                    ("{", "}"),
                    ("- [", "]"),
                    ("*", "*"),
                    ("<div>", "</div>"),
                ]);
                let mut nested = Vec::new();
                for _ in 0..depth {
                    nested.extend_from_slice(open.as_bytes());
                }
                nested.extend_from_slice(b"x\n");
                for _ in 0..depth {
                    nested.extend_from_slice(close.as_bytes());
                }
                let at = line_start(rng, input);
                input.splice(at..at, nested);
            }
            12 => {
                // Replace a number by an odd one.
                let digits: Vec<usize> = input.iter().enumerate().filter(|(_, b)| b.is_ascii_digit()).map(|(i, _)| i).collect();
                if !digits.is_empty() {
                    let start = *rng.pick(&digits);
                    let end = input[start..].iter().position(|b| !(b.is_ascii_digit() || *b == b'.')).map_or(input.len(), |p| start + p);
                    input.splice(start..end, rng.pick(NUMBERS).bytes());
                }
            }
            13 => {
                // Swap two lines, or drop one.
                let lines: Vec<&[u8]> = input.split_inclusive(|&b| b == b'\n').collect();
                if lines.len() > 1 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    let mut lines: Vec<Vec<u8>> = lines.into_iter().map(<[u8]>::to_vec).collect();
                    if rng.chance(2) {
                        lines.swap(a, b);
                    } else {
                        lines.remove(a);
                    }
                    *input = lines.concat();
                }
            }
            14 => {
                // Line endings, indentation and byte order mark.
                match rng.below(4) {
                    0 => *input = String::from_utf8_lossy(input).replace('\n', "\r\n").into_bytes(),
                    1 => *input = String::from_utf8_lossy(input).replace("  ", "\t").into_bytes(),
                    2 => {
                        input.splice(0..0, "\u{feff}".bytes());
                    }
                    _ => {
                        let at = line_start(rng, input);
                        let indent: &[u8] = rng.pick::<&[u8]>(&[&b"  "[..], &b"    "[..], &b"\t"[..], &b" "[..]]);
                        input.splice(at..at, indent.iter().copied());
                    }
                }
            }
            _ => {
                if !input.is_empty() {
                    input.truncate(rng.below(input.len()));
                }
            }
        }
        if input.len() > MAX_LEN {
            input.truncate(MAX_LEN);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Shrinking and saving

fn regressions_dir() -> PathBuf {
    root().join("tests/fuzz-regressions")
}

/// Removes chunks while the input still shows the same bug, within a budget.
fn shrink(target: Target, input: &[u8], bug: &str) -> Vec<u8> {
    let mut best = input.to_vec();
    let started = Instant::now();
    let budget = if bug == "slow" { Duration::from_secs(60) } else { Duration::from_secs(20) };
    let mut size = (best.len() / 2).max(1);
    while size >= 1 && started.elapsed() < budget {
        let mut at = 0;
        let mut shrunk = false;
        while at < best.len() && started.elapsed() < budget {
            let end = (at + size).min(best.len());
            let mut candidate = best[..at].to_vec();
            candidate.extend_from_slice(&best[end..]);
            if execute(target, &candidate).bug().as_deref() == Some(bug) {
                best = candidate;
                shrunk = true;
            } else {
                at += size;
            }
        }
        if !shrunk {
            if size == 1 {
                break;
            }
            size /= 2;
        }
    }
    best
}

fn save(target: Target, input: &[u8]) -> PathBuf {
    let dir = regressions_dir().join(target.name());
    std::fs::create_dir_all(&dir).expect("create the regressions folder");
    let path = dir.join(format!("{:016x}.txt", fnv(input)));
    std::fs::write(&path, input).expect("save the input");
    path
}

// ---------------------------------------------------------------------------------------
// The loop

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value.trim().parse().unwrap_or_else(|_| panic!("{name}={value:?} is not a whole number")),
        Err(_) => default,
    }
}

fn fuzz(target: Target) {
    let seconds = env_number("FOLIO_FUZZ_SECONDS", 60);
    let seed = env_number("FOLIO_FUZZ_SEED", 0x5eed_f011_0000_0001) ^ fnv(target.name().as_bytes());
    quiet_panics();
    guard_process(target);
    // Load the sample monitor before the clock starts.
    sample();

    // The watchdog: an input still running after HANG is saved and the process stops.
    let running_since = Arc::new(AtomicU64::new(0)); // ms since `epoch`, 0 = idle
    let done = Arc::new(AtomicBool::new(false));
    let epoch = Instant::now();
    {
        let (running_since, done) = (running_since.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(200));
                let since = running_since.load(Ordering::SeqCst);
                if since != 0 && (epoch.elapsed().as_millis() as u64).saturating_sub(since) > HANG.as_millis() as u64 {
                    dump_current();
                    eprintln!(
                        "fuzz {}: an input ran for more than {} s; it is saved as died.txt (rename it to its hash)",
                        target.name(),
                        HANG.as_secs()
                    );
                    std::process::exit(101);
                }
            }
        });
    }

    let report = on_worker(move || {
        let mut rng = Rng(seed | 1);
        let mut corpus = seeds(target);
        let seed_count = corpus.len();
        let mut outcomes: HashSet<String> = HashSet::new();
        for input in &corpus.clone() {
            if let Verdict::Fine(outcome) = execute(target, input) {
                outcomes.insert(outcome);
            }
        }
        let mut found: Vec<(String, PathBuf)> = Vec::new();
        let mut seen_bugs: HashSet<String> = HashSet::new();
        let mut runs: u64 = 0;
        let started = Instant::now();
        let deadline = Duration::from_secs(seconds);
        let mut next_report = Duration::from_secs(30);
        while started.elapsed() < deadline {
            let mut input = rng.pick(&corpus).clone();
            mutate(&mut rng, &mut input, &corpus);
            running_since.store(epoch.elapsed().as_millis() as u64 + 1, Ordering::SeqCst);
            let verdict = execute(target, &input);
            running_since.store(0, Ordering::SeqCst);
            runs += 1;
            match verdict.bug() {
                None => {
                    if let Verdict::Fine(outcome) = verdict {
                        if outcomes.insert(outcome) {
                            if corpus.len() < 4000 {
                                corpus.push(input);
                            } else {
                                // Full: a new outcome takes the place of an older find.
                                let at = seed_count + rng.below(corpus.len() - seed_count);
                                corpus[at] = input;
                            }
                        }
                    }
                }
                Some(bug) => {
                    if seen_bugs.insert(bug.clone()) {
                        let what = match &verdict {
                            Verdict::Panic(what) => format!("panic at {what}"),
                            Verdict::Slow(took) => format!("slow: {:.1} s", took.as_secs_f64()),
                            Verdict::Fine(_) => unreachable!(),
                        };
                        let small = shrink(target, &input, &bug);
                        let path = save(target, &small);
                        eprintln!("fuzz {}: {what} ({} bytes, shrunk to {}): {}", target.name(), input.len(), small.len(), path.display());
                        found.push((what, path));
                    }
                }
            }
            if started.elapsed() >= next_report {
                eprintln!(
                    "fuzz {}: {runs} inputs in {:.0} s ({:.0}/s), corpus {}",
                    target.name(),
                    started.elapsed().as_secs_f64(),
                    runs as f64 / started.elapsed().as_secs_f64(),
                    corpus.len()
                );
                next_report += Duration::from_secs(30);
            }
        }
        let took = started.elapsed().as_secs_f64();
        format!(
            "fuzz {}: {runs} inputs in {took:.0} s = {:.0} executions/s; {seed_count} seeds, corpus {} ({} outcomes), seed {seed:#x}; {} bug(s){}",
            target.name(),
            runs as f64 / took,
            corpus.len(),
            outcomes.len(),
            found.len(),
            found.iter().map(|(what, path)| format!("\n  {what}\n    saved as {}", path.display())).collect::<String>()
        )
    });
    done.store(true, Ordering::SeqCst);
    println!("{report}");
    let _ = std::fs::remove_file(regressions_dir().join(target.name()).join("died.txt"));
    let _ = std::fs::remove_dir(regressions_dir().join(target.name()));
    assert!(!report.contains("saved as"), "the fuzzer found bugs; the inputs are saved:\n{report}");
}

#[test]
#[ignore = "fuzzing: run with .ci/fuzz (FOLIO_FUZZ_SECONDS, FOLIO_FUZZ_SEED)"]
fn fuzz_markdown() {
    fuzz(Target::Markdown);
}

#[test]
#[ignore = "fuzzing: run with .ci/fuzz (FOLIO_FUZZ_SECONDS, FOLIO_FUZZ_SEED)"]
fn fuzz_data() {
    fuzz(Target::Data);
}

#[test]
#[ignore = "fuzzing: run with .ci/fuzz (FOLIO_FUZZ_SECONDS, FOLIO_FUZZ_SEED)"]
fn fuzz_front_matter() {
    fuzz(Target::FrontMatter);
}

#[test]
#[ignore = "fuzzing: run with .ci/fuzz (FOLIO_FUZZ_SECONDS, FOLIO_FUZZ_SEED)"]
fn fuzz_export() {
    fuzz(Target::Export);
}

/// Every input the fuzzer once saved must now run without a panic, and in time.
#[test]
fn replay_regressions() {
    quiet_panics();
    let mut failures = Vec::new();
    let mut count = 0;
    let dir = regressions_dir();
    for path in files_under(&dir, &[".txt"]) {
        let relative = path.strip_prefix(&dir).unwrap_or(&path).to_path_buf();
        let target_name = relative.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
        let Some(target) = Target::from_name(&target_name) else {
            failures.push(format!("{}: the folder is not one of the targets (markdown, data, front-matter, export)", path.display()));
            continue;
        };
        let bytes = std::fs::read(&path).expect("read the saved input");
        count += 1;
        // The debug build is slower than the fuzzer's release build: allow it more time.
        let start = Instant::now();
        let verdict = on_worker(move || execute(target, &bytes));
        match verdict {
            Verdict::Panic(what) => failures.push(format!("{}: panics at {what}", path.display())),
            _ if start.elapsed() > SLOW * 5 => failures.push(format!("{}: takes {:.1} s", path.display(), start.elapsed().as_secs_f64())),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{count} saved fuzz inputs replayed, {} fail:\n{}", failures.len(), failures.join("\n"));
}

/// Runs one saved input: `FOLIO_FUZZ_FILE=tests/fuzz-regressions/data/….txt cargo test
/// --release --test fuzz -- --ignored fuzz_one --nocapture` (the target is the folder name,
/// or FOLIO_FUZZ_TARGET).
#[test]
#[ignore = "runs the input named by FOLIO_FUZZ_FILE"]
fn fuzz_one() {
    let Ok(file) = std::env::var("FOLIO_FUZZ_FILE") else { return };
    let path = PathBuf::from(file);
    let name = std::env::var("FOLIO_FUZZ_TARGET")
        .ok()
        .or_else(|| path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().to_string()))
        .unwrap_or_default();
    let target = Target::from_name(&name).unwrap_or_else(|| panic!("unknown target `{name}`: markdown, data, front-matter or export"));
    let bytes = std::fs::read(&path).expect("read the input");
    let start = Instant::now();
    let outcome = on_worker(move || target.run(&bytes));
    println!("{} on {}: {:.3} s, outcome {outcome}", target.name(), path.display(), start.elapsed().as_secs_f64());
}
