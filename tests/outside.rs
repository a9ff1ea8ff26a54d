//! No build ever touches a file outside its output folder: not through a file name that
//! climbs out (`..\..\victim`), nor through a symbolic link planted in the output folder,
//! the previous output, or on the way to them.

mod common;

use std::path::Path;

use common::*;

/// A site three folders deep in a temporary folder, so a path that climbs out lands in
/// `victim/` beside it, where the test can look.
fn nested_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let top = tempfile::tempdir().unwrap();
    let site = top.path().join("a/b/site");
    std::fs::create_dir_all(&site).unwrap();
    copy_tree(&repo().join("tests/sites/minimal"), &site);
    (top, site)
}

/// Every file under `top` outside `site`, with its contents.
fn outside_files(top: &Path, site: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(top).into_iter().filter(|(path, _)| !top.join(path).starts_with(site)).collect()
}

#[test]
fn a_linked_file_named_with_backslashes_is_refused_and_nothing_is_written_outside() {
    let (top, site) = nested_site();
    std::fs::create_dir_all(top.path().join("victim")).unwrap();
    std::fs::write(top.path().join("victim/important.txt"), "werk van de auteur").unwrap();
    let before = outside_files(top.path(), &site);
    std::fs::write(site.join("content/..\\..\\..\\victim\\important.txt"), "overschreven").unwrap();
    std::fs::write(
        site.join("content/01-pagina.md"),
        "---\ntitle: Een pagina\n---\n\n[bijlage](..\\\\..\\\\..\\\\victim\\\\important.txt)\n",
    )
    .unwrap();
    let (ok, stderr) = folio(&site, &["build"]);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("error: content/01-pagina.md:5: `..\\..\\..\\victim\\important.txt` holds a backslash"), "{stderr}");
    assert_eq!(outside_files(top.path(), &site), before);
    assert!(!site.join("public").exists());
}

#[cfg(unix)]
#[test]
fn symbolic_links_planted_in_the_output_or_the_previous_output_are_not_written_through() {
    let (top, site) = nested_site();
    build(&site);
    build(&site); // now both public/ and the previous output .folio-prev-public/ exist
    std::fs::write(top.path().join("victim.txt"), "werk van de auteur").unwrap();
    for folder in ["public", ".folio-prev-public"] {
        for name in ["index.html", "static", ".folio-output"] {
            let planted = site.join(folder).join(name);
            let _ = std::fs::remove_file(&planted);
            let _ = std::fs::remove_dir_all(&planted);
            std::os::unix::fs::symlink(top.path().join("victim.txt"), &planted).unwrap();
        }
    }
    let before = outside_files(top.path(), &site);
    build(&site);
    build(&site);
    assert_eq!(outside_files(top.path(), &site), before);
    assert!(read(&site.join("public/index.html")).contains("<html"));
}

#[cfg(unix)]
#[test]
fn a_linked_previous_output_or_output_folder_is_not_written_through() {
    let (top, site) = nested_site();
    let elsewhere = top.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join(".folio-output"), "lokaas").unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join(".folio-prev-public")).unwrap();
    build(&site);
    build(&site);
    assert_eq!(snapshot(&elsewhere), [(".folio-output".to_string(), b"lokaas".to_vec())]);

    std::fs::remove_dir_all(site.join("public")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join("public")).unwrap();
    let (ok, stderr) = folio(&site, &["build"]);
    assert!(!ok);
    assert!(stderr.contains("`public` is a symbolic link, not a folder"), "{stderr}");
    assert_eq!(snapshot(&elsewhere), [(".folio-output".to_string(), b"lokaas".to_vec())]);
}

/// folio's scratch folders beside the output are cleared or deleted by a build; folders of
/// those names that lack folio's marker may be an author's, and are never touched.
#[test]
fn scratch_folders_without_folios_marker_are_never_deleted() {
    for scratch in [".folio-prev-public", ".folio-swap-public"] {
        let site = fixture("minimal");
        // Twice: the second build leaves the previous output as `.folio-prev-public`.
        build(site.path());
        build(site.path());
        let folder = site.path().join(scratch);
        if folder.exists() {
            std::fs::remove_dir_all(&folder).unwrap();
        }
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("werk.txt"), "van de auteur").unwrap();
        let (ok, stderr) = folio(site.path(), &["build"]);
        assert!(!ok, "{scratch}: {stderr}");
        assert!(
            stderr.contains(&format!("error: public: `{scratch}` beside the output folder is named like folio's scratch folder but lacks folio's marker file `.folio-output`, so folio does not clear it")),
            "{stderr}"
        );
        assert_eq!(read(&folder.join("werk.txt")), "van de auteur");
    }
}

/// Two builds at once would write one staging folder together: the second fails clearly.
#[test]
fn a_second_build_while_one_writes_fails_clearly() {
    let site = fixture("minimal");
    let out = build(site.path());
    let before = snapshot(&out);
    let lock = std::fs::File::create(site.path().join(".folio-build.lock")).unwrap();
    lock.lock().unwrap();
    std::fs::write(site.path().join("content/01-pagina.md"), "---\ntitle: Anders\n---\n\nAnders.\n").unwrap();
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(!ok, "{stderr}");
    assert!(stderr.contains("error: public: another folio build is writing this output folder right now"), "{stderr}");
    assert_eq!(snapshot(&out), before);
    lock.unlock().unwrap();
    assert!(folio(site.path(), &["build"]).0, "the lock is released with its holder");
}
