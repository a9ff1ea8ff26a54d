//! The repository's own sample monitor: it builds, passes `folio check --strict`, every
//! internal link resolves, and Volgende reaches every page from the cover.

mod common;

use common::*;

fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "data", "themes"] {
        copy_tree(&repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
    dir
}

#[test]
fn the_sample_monitor_builds_without_broken_links() {
    let site = sample_copy();
    let out = build(site.path());
    assert_eq!(broken_links(&out), Vec::<String>::new());

    // Volgende from the cover reaches every page file, each once.
    let pages: Vec<_> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| e.into_path())
        .collect();
    let mut file = out.join("index.html");
    let mut seen = vec![file.clone()];
    while let Some(href) = pager_link(&read(&file), "next") {
        file = resolve(&file, &href).unwrap().0;
        assert!(!seen.contains(&file), "Volgende loops back to {}", file.display());
        seen.push(file.clone());
    }
    assert_eq!(seen.len(), pages.len(), "Volgende must reach every page");
    assert!(pages.len() >= 18, "the reference monitor has about 20 pages, found {}", pages.len());
    assert_eq!(read(&out.join("print.html")).matches("class=\"sheet ").count(), pages.len());
}

#[test]
fn the_sample_monitor_passes_check_strict() {
    let site = sample_copy();
    let (ok, stderr) = folio(site.path(), &["check", "--strict"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("check passed (0 errors, 0 warnings)"), "{stderr}");
}
