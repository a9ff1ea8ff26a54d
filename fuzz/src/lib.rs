//! What each AFL target does with one input. The same calls as the targets of
//! `tests/fuzz.rs`, so a crash found here replays there (`tests/fuzz-regressions/`).

use std::path::Path;
use std::sync::OnceLock;

use folio::charts::{self, ChartSpec};
use folio::markdown::{self, Context};

/// The sample monitor at the top of the repository: its pages give the real hooks.
struct Sample {
    config: folio::config::SiteConfig,
    content: folio::content::Content,
    results: folio::data::Results,
    theme: folio::render::theme::Theme,
}

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
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

fn site() -> &'static folio::render::SiteParts<'static> {
    static SITE: OnceLock<folio::render::SiteParts<'static>> = OnceLock::new();
    SITE.get_or_init(|| {
        let sample = sample();
        folio::render::SiteParts::new(root(), &sample.config, &sample.content, &sample.results, &sample.theme)
    })
}

/// Loads the sample before the fork server starts, so each run does not pay for it.
pub fn warm_up() {
    site();
}

/// Blocks, the Markdown stage with the sample's real page hooks (raw HTML off and on by
/// the input's length) and the narrative checks.
pub fn markdown(text: &str) {
    let path = Path::new("content/fuzz.md");
    let _ = markdown::blocks::find(text, path, 1);
    let site = site();
    let pages = &site.content.pages;
    let page = &pages[text.len() % pages.len()];
    let hooks = folio::render::directives::PageHooks::new(site, page);
    let ctx = Context { source: &page.source, key: &page.key, first_line: page.body_line, raw_html: text.len() % 2 == 1 };
    let _ = markdown::render(text, &ctx, &hooks);
    let _ = folio::data::check::check_narrative(text, path, 1);
}

/// The data loader, its checks, citations, and every chart kind on every question.
pub fn data(text: &str) {
    let Ok(questions) = folio::data::load::parse_file(text, Path::new("data/fuzz.yaml")) else { return };
    let _ = folio::data::check::check_questions(&questions, 1.5);
    let results = folio::data::Results::new(questions);
    let style = charts::Style::default();
    let frame = folio::render::theme::ThemeSettings::built_in().sheet.slot(1);
    for question in results.questions.iter().take(16) {
        for year in question.n.keys().take(2) {
            let _ = results.cite(&format!("{}.n.{year}", question.id));
        }
        for kind in folio::charts::KINDS {
            let _ = charts::render(&ChartSpec::new(kind), question, &style, "fuzz--chart-1", frame);
        }
    }
}

pub fn front_matter(text: &str) {
    let _ = folio::content::front_matter::split(text, Path::new("content/fuzz.md"));
}

/// The survey export reader: encoding, separator, rows.
pub fn export(bytes: &[u8]) {
    let _ = folio::survey::export::parse(bytes, Path::new("survey/export-2026.csv"));
}
