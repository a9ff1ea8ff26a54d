//! `folio init` writes a `.gitignore` that keeps everything folio writes while it works out
//! of git, checked with git itself on a monitor that was really built.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().expect("run git");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `folio init` with `args` into a new folder, built twice (the second build leaves the
/// output before last in `.folio-prev-public/`), then looked at by git: git must see exactly
/// the starter's files (from `src/init/<folder>`) and the `.gitignore`, nothing folio wrote.
fn git_sees_only_the_starter(args: &[&str], folder: &str) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("nieuw");
    let mut init = vec!["init"];
    init.extend_from_slice(args);
    init.push(site.to_str().unwrap());
    let (ok, stderr) = folio(dir.path(), &init);
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("kept the .gitignore"), "{stderr}");
    build(&site);
    build(&site);
    assert!(site.join(".folio-prev-public").is_dir());
    assert!(site.join(".folio-build.lock").is_file());

    git(&site, &["init", "-q"]);
    let mut seen: Vec<String> = git(&site, &["status", "--porcelain", "--untracked-files=all"])
        .lines()
        .map(|line| line.trim_start_matches("?? ").to_string())
        .collect();
    seen.sort();
    let starter = repo().join("src/init").join(folder);
    let mut expected: Vec<String> = walkdir::WalkDir::new(&starter)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.path().strip_prefix(&starter).unwrap().to_string_lossy().into_owned())
        .chain([".gitignore".to_string()])
        .collect();
    expected.sort();
    assert_eq!(seen, expected, "git should see exactly the files folio init wrote");

    // The PDF `folio pdf` writes by default, and the half-written one it may leave.
    let config = folio::config::SiteConfig::load(&site.join("site.toml")).unwrap();
    let pdf = folio::pdf::output_path(&site, &config, &folio::pdf::PdfOptions::default());
    let pdf_name = pdf.file_name().unwrap().to_string_lossy().into_owned();
    let partial = format!(".{pdf_name}.a1B2c3.partial");
    let ignored = git(&site, &["check-ignore", "--no-index", &pdf_name, &partial]);
    assert_eq!(ignored.lines().collect::<Vec<_>>(), [pdf_name.as_str(), partial.as_str()]);
    // The private open answers of `folio data` stay out too.
    let open_answers = folio::survey::open_answers_path(2026).to_string_lossy().into_owned();
    assert_eq!(git(&site, &["check-ignore", "--no-index", &open_answers]).trim(), open_answers);
    // …but not a PDF an author links to from a page.
    let linked = Command::new("git").arg("-C").arg(&site).args(["check-ignore", "-q", "content/bijlage.pdf"]).status().unwrap();
    assert_eq!(linked.code(), Some(1), "content/bijlage.pdf must not be ignored");
}

#[test]
fn git_sees_the_monitors_files_and_none_of_folios_output() {
    git_sees_only_the_starter(&[], "skeleton");
}

#[test]
fn git_sees_the_reports_files_and_none_of_folios_output() {
    git_sees_only_the_starter(&["--template", "report"], "report");
}

#[test]
fn a_gitignore_already_there_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("met-git");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join(".gitignore"), "mijn-regels/\n").unwrap();
    let (ok, stderr) = folio(dir.path(), &["init", site.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert_eq!(read(&site.join(".gitignore")), "mijn-regels/\n");
    assert!(
        stderr.contains(
            "kept the .gitignore that was there; to keep folio's output out of git, add: \
             /public/ /.folio-* /*.pdf /.*.pdf.*.partial /survey/open-answers-*.md"
        ),
        "{stderr}"
    );
    assert!(site.join("site.toml").is_file());
}
