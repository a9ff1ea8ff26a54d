//! Bad input: each folder under `tests/sites/bad/` is laid over the good site
//! `tests/sites/minimal/`; the build must fail with exactly the message in its
//! `expected.txt`, exit non-zero, and leave the previous output untouched.
//! Run with `FOLIO_BLESS=1` to write the current messages as the expected ones.
//! A `%5C` in a fixture's file name stands for a backslash, which not every system allows
//! in a name: the case `media-name-backslash` needs a file called `..\..\..\victim\…`.
//! A file `name.symlink` stands for a symbolic link `name` to the path it holds (`/usr`), for
//! the cases of links that lead out of the monitor.

mod common;

use std::path::Path;

use common::*;

fn overlay(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let relative = entry.path().strip_prefix(from).unwrap();
        if entry.file_type().is_file() && relative != Path::new("expected.txt") {
            let target = to.join(relative.to_string_lossy().replace("%5C", "\\"));
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            // `name.symlink` holding a path stands for a symbolic link `name` to that path.
            #[cfg(unix)]
            if let Some(link) = target.to_str().and_then(|t| t.strip_suffix(".symlink")) {
                let _ = std::fs::remove_file(link);
                std::os::unix::fs::symlink(std::fs::read_to_string(entry.path()).unwrap().trim(), link).unwrap();
                continue;
            }
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Lays every case of `tests/sites/<folder>` over the minimal site, runs folio with
/// `args`, and compares the message with the case's `expected.txt`.
fn run_cases(folder: &str, args: &[&str]) {
    let bad_root = repo().join("tests/sites").join(folder);
    let mut cases: Vec<_> = std::fs::read_dir(&bad_root).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 10);
    let bless = std::env::var_os("FOLIO_BLESS").is_some();
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let site = fixture("minimal");
        let out = build(site.path());
        let before = snapshot(&out);
        overlay(&case, site.path());
        let (ok, stderr) = folio(site.path(), args);
        let stderr = stderr.replace(&site.path().display().to_string(), "<site>");
        assert!(!ok, "{name}: folio {args:?} should fail");
        assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{name}: {stderr}");
        assert_eq!(snapshot(&out), before, "{name}: the previous output must stay as it was");
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &stderr).unwrap();
        } else {
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected != stderr {
                failures.push(format!("--- {name}\nexpected:\n{expected}\ngot:\n{stderr}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_input_gets_its_own_clear_message_and_the_old_site_stays() {
    run_cases("bad", &["build"]);
}

/// Data checks: some are warnings, which `--strict` turns into failures.
#[test]
fn every_data_check_names_file_line_and_fix() {
    run_cases("bad-data", &["check", "--strict"]);
}

#[test]
fn a_missing_site_toml_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, stderr) = folio(dir.path(), &["build"]);
    assert!(!ok);
    assert!(stderr.contains("error: site.toml: there is no site.toml in"), "{stderr}");
    assert!(stderr.contains("folio init"), "{stderr}");
}

#[test]
fn a_folder_folio_did_not_write_is_never_replaced() {
    let site = fixture("minimal");
    std::fs::create_dir_all(site.path().join("public")).unwrap();
    std::fs::write(site.path().join("public/eigen-bestand.txt"), "van mij").unwrap();
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(!ok);
    assert!(stderr.contains("holds files that folio did not write"), "{stderr}");
    assert_eq!(read(&site.path().join("public/eigen-bestand.txt")), "van mij");
}

#[test]
fn check_reports_without_writing_and_strict_fails_on_warnings() {
    let site = fixture("minimal");
    std::fs::write(
        site.path().join("content/01-pagina.md"),
        "---\ntitle: Een pagina\n---\n\nDe score steeg met ....% ten opzichte van 2024.\n",
    )
    .unwrap();
    let (ok, stderr) = folio(site.path(), &["check"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("warning: content/01-pagina.md:5: the text holds the placeholder `....%`"), "{stderr}");
    assert!(!site.path().join("public").exists(), "check writes nothing");
    let (ok, stderr) = folio(site.path(), &["check", "--strict"]);
    assert!(!ok, "{stderr}");
    assert!(stderr.ends_with("the check found problems (0 errors, 1 warning; --strict fails on warnings)\n"), "{stderr}");
}

/// A monitor with wrong block settings in two files and a warning: every error of both
/// files in one run, errors first, then the warning; `--strict` hides none of them and
/// counts both (it once said "0 errors, 25 warnings" while 24 errors existed).
#[test]
fn every_error_of_every_file_comes_first_with_and_without_strict() {
    let site = fixture("minimal");
    overlay(&repo().join("tests/sites/bad/every-setting-of-two-files"), site.path());
    let errors = [
        "error: content/01-pagina.md:10: `question:` in a `result` block is called `text:` now",
        "error: content/01-pagina.md:11: `span: 4` is not a width on this sheet",
        "error: content/01-pagina.md:15: unknown chart kind `taart`",
        "error: content/01-pagina.md:16: `twintig` is not a year",
        "error: content/01-pagina.md:21: unknown setting `nmae` for a `quote` block",
        "error: content/02-tweede.md:8: the theme has no box variant `advies`",
        "error: content/02-tweede.md:9: unknown setting `kleur` for a `box` block",
        "error: content/02-tweede.md:15: `question:` in a `result` block is called `text:` now",
        "error: content/02-tweede.md:18: there is no question `vraaag` in data/",
    ];
    let warning = "warning: content/01-pagina.md:6: the text holds the placeholder `....%`";
    for (args, summary) in [
        (&["check"][..], "the check found problems (9 errors, 1 warning)"),
        (&["check", "--strict"][..], "the check found problems (9 errors, 1 warning; --strict fails on warnings)"),
        (&["build"][..], "the build failed; the previous output is unchanged (9 errors, 1 warning)"),
        (
            &["build", "--strict"][..],
            "the build failed; the previous output is unchanged (9 errors, 1 warning; --strict fails on warnings)",
        ),
    ] {
        let (ok, stderr) = folio(site.path(), args);
        assert!(!ok, "{args:?}: {stderr}");
        let lines: Vec<&str> = stderr.lines().filter(|line| !line.starts_with("  help:")).collect();
        assert_eq!(lines.len(), errors.len() + 2, "{args:?}: {stderr}");
        for (line, error) in lines.iter().zip(errors) {
            assert!(line.starts_with(error), "{args:?}: `{line}` should start with `{error}`\n{stderr}");
        }
        assert_eq!(lines[errors.len()], warning, "{args:?}: the warning comes after the errors\n{stderr}");
        assert_eq!(lines[errors.len() + 1], summary, "{args:?}");
    }
    // The help of an unknown setting lists the block's settings, from the registry.
    let (_, stderr) = folio(site.path(), &["check"]);
    assert!(stderr.contains("unknown setting `kleur` for a `box` block\n  help: use one of: title, variant, span\n"), "{stderr}");
}
