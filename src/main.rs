//! The `folio` command. A thin layer: parse the arguments, run a pipeline stage, print
//! what happened.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use folio::build::{self, BuildOptions};
use folio::diagnostic::{Diagnostic, Diagnostics};

#[derive(Parser)]
#[command(name = "folio", version, about = "Builds a paginated survey monitor from Markdown and YAML data")]
struct Cli {
    /// The monitor's folder (the one holding site.toml).
    #[arg(long, short = 'C', global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the monitor into its output folder (public/ by default).
    Build {
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// Show how long each stage, page and template took.
        #[arg(long)]
        timings: bool,
    },
    /// Check content and data without writing anything.
    Check {
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also open every page in headless Chromium on a laptop screen (1280×720) and a phone
        /// (390×844) and report what does not fit or is too small to read.
        #[arg(long)]
        layout: bool,
    },
    /// Serve the monitor on a local address and rebuild on every saved change.
    Serve {
        /// The port to use (the next free one when it is taken).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; use 0.0.0.0 to let other machines in, on purpose.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Leave out pages marked `draft: true` (they are shown by default while serving).
        #[arg(long)]
        no_drafts: bool,
    },
    /// Build the monitor and print it to a PDF with headless Chromium.
    Pdf {
        /// Where to write the PDF (default: `[pdf] output` in site.toml, else the title as file name).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Print the output folder as it is, without building first.
        #[arg(long)]
        no_build: bool,
        /// Fail on warnings too: pages that continue on more sheets.
        #[arg(long)]
        strict: bool,
        /// Print the research report instead, to onderzoeksrapport.pdf (or --output).
        #[arg(long)]
        report: bool,
        /// Also put the PDF into the output folder and link it from every page (as `[pdf] publish = true`).
        #[arg(long)]
        publish: bool,
    },
    /// Compute the survey's figures from its export into data/ (see docs/survey.md).
    Data {
        /// The survey year; by default the newest survey/export-<year>.csv.
        #[arg(long)]
        year: Option<u16>,
        /// The survey export (CSV); by default survey/export-<year>.csv.
        #[arg(long)]
        export: Option<PathBuf>,
        /// The codebook (YAML); by default survey/codebook.yaml.
        #[arg(long)]
        codebook: Option<PathBuf>,
    },
    /// Start a new monitor in a folder (or a text report, with `--template report`).
    Init {
        /// The folder to create.
        dir: PathBuf,
        /// What to start from: `monitor` (the default) or `report` (contents page,
        /// numbered chapters, boxes, a numbered table and figure).
        #[arg(long, value_enum, default_value = "monitor")]
        template: folio::init::Template,
    },
    /// The built-in theme.
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
}

#[derive(Subcommand)]
enum ThemeAction {
    /// Write the built-in theme (templates, static files, theme.toml) into a folder, to copy
    /// the files you want to change from; existing files are never replaced.
    Export {
        /// The folder to write into (created when missing).
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    // Past a file-size limit (`ulimit -f`) the kernel kills the process with SIGXFSZ;
    // ignored, the write fails with EFBIG instead and folio reports it like a full disk.
    #[cfg(unix)]
    #[allow(unsafe_code)]
    // SAFETY: called before any other thread exists; SIG_IGN needs no handler code.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    let cli = Cli::parse();
    match cli.command {
        Command::Build { drafts, strict, timings } => {
            let started = Instant::now();
            match build::build(&cli.root, BuildOptions::checking(drafts, strict)) {
                Ok(report) => {
                    print_all(&report.warnings);
                    if timings {
                        eprint!("{}", report.timings.report());
                    }
                    eprintln!(
                        "built {} pages ({} files) into {} in {} ms",
                        report.pages,
                        report.files,
                        report.output_dir.display(),
                        started.elapsed().as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(problems) => fail_strict(&problems, "the build failed; the previous output is unchanged", strict),
            }
        }
        Command::Check { strict, drafts, layout: true } => check_layout(&cli.root, BuildOptions::checking(drafts, strict)),
        Command::Check { strict, drafts, layout: false } => match build::check(&cli.root, BuildOptions::checking(drafts, strict)) {
            Ok(warnings) => {
                print_all(&warnings);
                eprintln!("check passed ({})", counted(0, warnings.len()));
                ExitCode::SUCCESS
            }
            Err(problems) => fail_strict(&problems, "the check found problems", strict),
        },
        Command::Serve { port, bind, no_drafts } => {
            match folio::serve::run(&cli.root, &folio::serve::ServeOptions { bind, port, drafts: !no_drafts }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(problem) => fail(&Diagnostics::from(problem), "the server stopped"),
            }
        }
        Command::Pdf { output, no_build, strict, report, publish } => {
            let started = Instant::now();
            let progress = Some((|stage| eprintln!("{stage}…")) as fn(&str));
            let options = folio::pdf::PdfOptions { output, build: !no_build, strict, progress, report, publish };
            match folio::pdf::run(&cli.root, &options) {
                Ok(report) => {
                    print_all(&report.warnings);
                    eprintln!("{}", report.summary(started.elapsed()));
                    ExitCode::SUCCESS
                }
                Err(problems) => fail(&problems, "no PDF was written"),
            }
        }
        Command::Data { year, export, codebook } => {
            match folio::survey::run(&cli.root, &folio::survey::DataOptions { year, export, codebook }) {
                Ok(report) => {
                    print_all(&report.warnings);
                    let files: Vec<String> = report.written.iter().map(|p| p.display().to_string()).collect();
                    eprintln!(
                        "{} respondents in {} ({}, `{}`): {} questions for {} written to {}",
                        report.respondents,
                        report.year,
                        report.encoding,
                        report.delimiter,
                        report.questions,
                        report.year,
                        files.join(", ")
                    );
                    if let Some(open) = &report.open_answers {
                        eprintln!("open answers, for authors only (never publish them): {}", open.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(problems) => fail(&problems, "nothing was written to data/"),
            }
        }
        Command::Init { dir, template } => match folio::init::init_from(&dir, template) {
            Ok(files) => {
                eprintln!("created a new {} in {} ({} files)", template.noun(), dir.display(), files.len());
                if !files.iter().any(|name| name == folio::init::GITIGNORE) {
                    eprintln!(
                        "kept the .gitignore that was there; to keep folio's output out of git, add: {}",
                        folio::init::gitignore_patterns().join(" ")
                    );
                }
                eprintln!("build it with: folio --root {} build", dir.display());
                ExitCode::SUCCESS
            }
            Err(problem) => fail(&Diagnostics::from(problem), "nothing was written"),
        },
        Command::Theme { action: ThemeAction::Export { dir } } => match folio::theme_export::export(&dir) {
            Ok(files) => {
                eprintln!("wrote the built-in theme into {} ({} files)", dir.display(), files.len());
                eprintln!("copy the files you change into your monitor's themes/default/ (same place inside); leave the rest out");
                ExitCode::SUCCESS
            }
            Err(problem) => fail(&Diagnostics::from(problem), "nothing was written"),
        },
    }
}

/// `folio check --layout`: the findings, then the numbers behind them; `--strict` fails on
/// any finding, as it fails on any other warning.
fn check_layout(root: &std::path::Path, options: BuildOptions) -> ExitCode {
    let started = Instant::now();
    match folio::layout::check(root, options) {
        Ok(report) => {
            print_all(&report.warnings);
            for line in &report.summary {
                eprintln!("{line}");
            }
            let counts = counted(0, report.warnings.len());
            if options.strict && !report.warnings.is_empty() {
                eprintln!("the check found problems ({counts}); --strict fails on warnings");
                return ExitCode::FAILURE;
            }
            eprintln!("check passed ({counts}) in {} ms with {}", started.elapsed().as_millis(), report.chromium.display());
            ExitCode::SUCCESS
        }
        Err(problems) => fail(&problems, "the check found problems"),
    }
}

fn counted(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

fn print_all(diagnostics: &[Diagnostic]) {
    for line in folio::diagnostic::shown(diagnostics) {
        eprintln!("{line}");
    }
}

fn fail(problems: &Diagnostics, summary: &str) -> ExitCode {
    fail_strict(problems, summary, false)
}

/// Prints the problems, errors first, and counts both; under `--strict` the warnings are
/// said to fail the run too.
fn fail_strict(problems: &Diagnostics, summary: &str, strict: bool) -> ExitCode {
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = problems.0.iter().cloned().partition(Diagnostic::is_error);
    print_all(&errors);
    print_all(&warnings);
    let counts = counted(errors.len(), warnings.len());
    if strict && !warnings.is_empty() {
        eprintln!("{summary} ({counts}; --strict fails on warnings)");
    } else {
        eprintln!("{summary} ({counts})");
    }
    ExitCode::FAILURE
}
