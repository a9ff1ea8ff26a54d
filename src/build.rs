//! The whole pipeline, stage after stage: config → content & data → checks → render →
//! write. `check` runs every stage but the last.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::render::{self, OutputFile, SiteParts};
use crate::survey::{SourceCache, SurveySources};
use crate::timings::Timings;
use crate::{content, data, output};

#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Include pages with `draft: true`.
    pub drafts: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// `folio pdf --publish` prints the PDF into the output after this build: link it.
    pub publish_pdf: bool,
}

impl BuildOptions {
    /// A build or check of the site as it is (the PDF step sets `publish_pdf` itself).
    pub fn checking(drafts: bool, strict: bool) -> Self {
        BuildOptions { drafts, strict, publish_pdf: false }
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub output_dir: PathBuf,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

/// Builds the monitor in `site_root` into its output folder.
pub fn build(site_root: &Path, options: BuildOptions) -> Result<BuildReport, Diagnostics> {
    let mut prepared = prepare(site_root, options)?;
    refuse_warnings(options, &prepared.warnings)?;
    let shown = PathBuf::from(&prepared.config.output_dir);
    let written = prepared.timings.stage("write", || output::write_site(&prepared.output_dir, &shown, &prepared.files));
    written.map_err(|d| with_warnings(d, &prepared.warnings))?;
    let file_count = prepared.files.len();
    free_in_background(std::mem::take(&mut prepared.files));
    // About publishing, not content: said by the build only, so `check --strict` (and a
    // starter site that does not know its address yet) stays clean.
    if prepared.config.base_url.is_none() {
        prepared.warnings.push(render::share::missing_base_url());
    }
    Ok(BuildReport {
        pages: prepared.pages,
        files: file_count,
        output_dir: prepared.output_dir,
        warnings: prepared.warnings,
        timings: prepared.timings,
    })
}

/// Runs every check a build runs, without writing anything. Returns the warnings.
pub fn check(site_root: &Path, options: BuildOptions) -> Result<Vec<Diagnostic>, Diagnostics> {
    let prepared = prepare(site_root, options)?;
    refuse_warnings(options, &prepared.warnings)?;
    Ok(prepared.warnings)
}

/// With `--strict`, warnings fail the run. This is decided once everything has been checked
/// and rendered: a run that stopped at its first warning would hide the errors found later
/// (a wrong block setting, a missing question) and report "0 errors".
fn refuse_warnings(options: BuildOptions, warnings: &[Diagnostic]) -> Result<(), Diagnostics> {
    if options.strict && !warnings.is_empty() {
        return Err(Diagnostics(warnings.to_vec()));
    }
    Ok(())
}

/// The site rendered in memory.
pub struct Prepared {
    pub config: SiteConfig,
    pub output_dir: PathBuf,
    pub files: Vec<OutputFile>,
    pub pages: usize,
    /// Each page's output folder ("" for the start page, "financiering/tarieven/") and its
    /// Markdown file relative to the site folder, in reading order: what a finding about a
    /// rendered page is reported against.
    pub page_sources: Vec<(String, PathBuf)>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

/// Loads, checks and renders the site, keeping it in memory. Fails on errors only, with
/// every error found and then the warnings; `--strict` is the caller's to apply.
pub fn prepare(site_root: &Path, options: BuildOptions) -> Result<Prepared, Diagnostics> {
    prepare_with(site_root, options, &mut SourceCache::default())
}

/// [`prepare`], with the survey's sources taken from `cache` while they are unchanged
/// (`folio serve` keeps one cache for all its rebuilds).
pub fn prepare_with(site_root: &Path, options: BuildOptions, cache: &mut SourceCache) -> Result<Prepared, Diagnostics> {
    let mut loaded = load(site_root, options, cache)?;
    let mut timings = std::mem::take(&mut loaded.timings);
    // The report's tests run before the pages: a chart marks the changes they find significant.
    let tested = match &loaded.survey {
        Some(survey) => Some(
            timings
                .stage("survey tests", || {
                    crate::survey::report::tested(&survey.codebook, &loaded.results.questions, survey.responses.as_ref(), &loaded.config)
                })
                .map_err(|d| loaded.fail_with(d.into()))?,
        ),
        None => None,
    };
    if let (Some(survey), Some(tested)) = (&loaded.survey, &tested) {
        loaded.results.significant_changes = Some(tested.significant_changes(&survey.codebook));
    }
    let output_dir = output_folder(site_root, &loaded.config)?;
    let mut site = SiteParts::new(site_root, &loaded.config, &loaded.content, &loaded.results, &loaded.theme);
    if loaded.survey.is_some() {
        site = site.with_report();
    }
    let (pdf_link, earlier_pdf) = published_pdf(&loaded.config, &output_dir, options, &mut loaded.warnings);
    if let Some(name) = pdf_link {
        site = site.with_pdf(name);
    }
    let all: Vec<usize> = (0..loaded.content.pages.len()).collect();
    let mut pages = timings.stage("render pages (parallel)", || render::render_pages(&site, &all)).map_err(|d| loaded.fail_with(d))?;
    timings.pages = pages.iter_mut().map(|page| std::mem::take(&mut page.timing)).collect();
    let mut files = timings.stage("print, 404, assets", || render::assemble(&site, pages)).map_err(|d| loaded.fail_with(d))?;
    // The research report behind the monitor, when the site holds a survey codebook.
    if let (Some(survey), Some(tested)) = (&loaded.survey, tested) {
        let report = timings.stage("research report", || {
            let (questions, responses) = (&loaded.results.questions, survey.responses.as_ref());
            let earlier = &survey.earlier_respondents;
            let view = crate::survey::report::view(&survey.codebook, questions, responses, &loaded.config, tested, earlier)?;
            render::report::add_report(&site, &view, &mut files)
        });
        report.map_err(|d| loaded.fail_with(d.into()))?;
    }
    files.extend(earlier_pdf);
    let pages = loaded.content.pages.len();
    let page_sources = loaded.content.pages.iter().map(|page| (page.url_path.clone(), page.source.clone())).collect();
    let Loaded { config, warnings, content, results, .. } = loaded;
    free_in_background((content, results));
    Ok(Prepared { output_dir, files, pages, page_sources, warnings, config, timings })
}

/// The published PDF's name for the pages to link (see `publish`), and the earlier PDF to
/// carry into this output. Linked when the PDF is there, or when `folio pdf --publish` is
/// about to print it into the output after this build.
fn published_pdf(
    config: &SiteConfig,
    output_dir: &Path,
    options: BuildOptions,
    warnings: &mut Vec<Diagnostic>,
) -> (Option<String>, Option<OutputFile>) {
    if !crate::publish::publishes(config, options.publish_pdf) {
        return (None, None);
    }
    let name = crate::publish::pdf_name(config);
    let earlier = crate::publish::earlier_pdf(output_dir, &name);
    if earlier.is_none() && !options.publish_pdf {
        warnings.push(crate::publish::no_pdf_yet(&name));
        return (None, None);
    }
    (Some(name), earlier)
}

/// Freeing a big site's pages takes a noticeable moment; a helper thread does it, so the
/// command can finish (the operating system reclaims whatever is left at exit).
fn free_in_background<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Everything read from the site folder, checked, ready to render.
pub struct Loaded {
    pub config: SiteConfig,
    pub content: content::Content,
    pub results: data::Results,
    pub theme: render::theme::Theme,
    /// The survey's codebook and newest export, when the monitor has a codebook.
    pub survey: Option<Arc<SurveySources>>,
    pub warnings: Vec<Diagnostic>,
    pub options: BuildOptions,
    pub timings: Timings,
}

impl Loaded {
    /// `errors` plus the warnings found so far, errors first.
    pub fn fail_with(&self, errors: Diagnostics) -> Diagnostics {
        let mut all = errors.0;
        all.extend(self.warnings.iter().cloned());
        Diagnostics(all)
    }
}

/// Reads `site.toml`, `content/`, `data/`, the survey (from `cache` when unchanged) and the
/// theme, and runs the checks.
pub fn load(site_root: &Path, options: BuildOptions, cache: &mut SourceCache) -> Result<Loaded, Diagnostics> {
    let mut timings = Timings::default();
    let config = timings.stage("load config", || load_config(site_root))?;
    output_folder(site_root, &config)?;
    // Content, data and the survey do not depend on each other: load all, report all.
    let ((content, questions), survey) = timings.stage("read content, data and survey", || {
        rayon::join(
            || rayon::join(|| content::load(site_root, options.drafts), || data::load::load_dir(site_root)),
            || cache.load(site_root),
        )
    });
    let theme = timings.stage("load theme", || render::theme::load(site_root, &config.theme).map_err(Diagnostics::from));
    let mut problems: Vec<Diagnostic> = Vec::new();
    let content = content.map_err(|d| problems.extend(d.0)).ok();
    let questions = questions.map_err(|d| problems.extend(d.0)).ok();
    let theme = theme.map_err(|d| problems.extend(d.0)).ok();
    let survey = survey.map_err(|d| problems.extend(d.0)).ok();
    let (Some(content), Some(questions), Some(theme), Some(survey)) = (content, questions, theme, survey) else {
        return Err(Diagnostics(problems));
    };
    problems.extend(timings.stage("check data and text", || content_checks(&config, &content, &questions)));
    // Warnings go on to rendering, even with `--strict`: its errors must be reported too.
    if problems.iter().any(Diagnostic::is_error) {
        problems.sort_by_key(|d| std::cmp::Reverse(d.severity));
        return Err(Diagnostics(problems));
    }
    Ok(Loaded { config, content, results: data::Results::new(questions), theme, survey, warnings: problems, options, timings })
}

pub fn load_config(site_root: &Path) -> Result<SiteConfig, Diagnostics> {
    let config_path = site_root.join("site.toml");
    if !config_path.is_file() {
        return Err(Diagnostic::error("site.toml", format!("there is no site.toml in {}", site_root.display()))
            .help("run folio in the folder of a monitor, pass `--root <folder>`, or start one with `folio init <folder>`")
            .into());
    }
    SiteConfig::load(&config_path).map_err(|mut d| {
        d.path = PathBuf::from("site.toml");
        Diagnostics::from(d)
    })
}

/// The checks on data and narrative that need no rendering.
pub fn content_checks(config: &SiteConfig, content: &content::Content, questions: &[data::model::Question]) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let mut problems = data::check::check_questions(questions, config.data.sum_tolerance);
    let narrative: Vec<Vec<Diagnostic>> =
        content.pages.par_iter().map(|page| data::check::check_narrative(&page.body, &page.source, page.body_line)).collect();
    problems.extend(narrative.into_iter().flatten());
    problems
}

fn with_warnings(error: Diagnostic, warnings: &[Diagnostic]) -> Diagnostics {
    let mut all = vec![error];
    all.extend(warnings.iter().cloned());
    Diagnostics(all)
}

/// The line on which a top-level setting of site.toml is written, for messages about its value.
fn line_of_setting(path: &Path, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().position(|line| line.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='))).map(|i| i + 1)
}

/// The output folder must be a plain folder inside the site (by name and through links),
/// and not one of its sources.
fn output_folder(site_root: &Path, config: &SiteConfig) -> Result<PathBuf, Diagnostics> {
    let relative = Path::new(&config.output_dir);
    let plain = !config.output_dir.trim().is_empty() && relative.components().all(|c| matches!(c, Component::Normal(_)));
    let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    if !plain || ["content", "data", "themes", "survey", "site.toml", ".git", "src", "tests"].contains(&first.as_str()) {
        let mut diagnostic =
            Diagnostic::error("site.toml", format!("`output_dir = \"{}\"` cannot be used as the output folder", config.output_dir)).help(
                "name a folder inside the monitor that holds nothing else, e.g. `output_dir = \"public\"`; a build replaces it entirely",
            );
        if let Some(line) = line_of_setting(&site_root.join("site.toml"), "output_dir") {
            diagnostic = diagnostic.at_line(line);
        }
        return Err(diagnostic.into());
    }
    // By its name the folder is inside; a link on the way may still lead out.
    let output_dir = site_root.join(relative);
    if let Err(outside) = crate::paths::resolve(&output_dir, site_root) {
        return Err(Diagnostic::error(
            relative,
            format!("the output folder leads outside the monitor folder (through a symbolic link, to {})", outside.real.display()),
        )
        .help("remove the link; a build replaces the output folder, and writes only inside the monitor")
        .into());
    }
    Ok(output_dir)
}
