//! No build ever touches a file outside its output folder: not through a file name that
//! climbs out (`..\..\victim`), nor through a symbolic link planted in the output folder,
//! the previous output, or on the way to them; and no file site.toml or the theme folder
//! names is read or written through a link that leads out of the monitor (the PDFs, the
//! theme folder, a theme's site.css or template).

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

/// `[pdf] output` and `report_output` below a folder that is a link to elsewhere: refused
/// before anything is built, and the PDF already there stays as it was.
#[cfg(unix)]
#[test]
fn a_pdf_target_below_a_linked_folder_is_refused() {
    let (top, site) = nested_site();
    let elsewhere = top.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("m.pdf"), "%PDF-1.7 someone else's PDF").unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join("pdf")).unwrap();
    let toml = read(&site.join("site.toml"));
    for (key, args) in [("output", &["pdf"][..]), ("report_output", &["pdf", "--report"][..])] {
        std::fs::write(site.join("site.toml"), format!("{toml}\n[pdf]\n{key} = \"pdf/m.pdf\"\n")).unwrap();
        let (ok, stderr) = folio(&site, args);
        assert!(!ok, "{stderr}");
        let expected =
            format!("error: site.toml: `[pdf] {key} = \"pdf/m.pdf\"` leads outside the monitor's folder, through a symbolic link, to ");
        assert!(stderr.contains(&expected) && stderr.contains("elsewhere/m.pdf"), "{stderr}");
        assert_eq!(read(&elsewhere.join("m.pdf")), "%PDF-1.7 someone else's PDF");
        assert!(!site.join("public").exists(), "nothing is built");
    }
}

/// A theme folder that is a link to a folder outside (here one with a secret, in the
/// report a link to /usr) is refused, and nothing of it published.
#[cfg(unix)]
#[test]
fn a_theme_folder_linked_to_elsewhere_is_refused() {
    let (top, site) = nested_site();
    let elsewhere = top.path().join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("static")).unwrap();
    std::fs::write(elsewhere.join("static/secret.txt"), "geheim").unwrap();
    std::fs::create_dir_all(site.join("themes")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join("themes/default")).unwrap();
    let (ok, stderr) = folio(&site, &["build"]);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("error: themes/default: the theme folder leads outside the monitor folder (through a symbolic link, to "),
        "{stderr}"
    );
    assert!(!site.join("public/static/secret.txt").exists());
}

/// A theme's site.css or template that is a link out is refused, naming the file; one
/// linked to a file inside the monitor is used.
#[cfg(unix)]
#[test]
fn a_theme_file_linked_to_elsewhere_is_refused_and_one_inside_is_used() {
    for (name, body) in [("static/site.css", ".geheim { color: red; }"), ("templates/partials/footer.html", "<p>geheim sjabloon</p>")] {
        let (top, site) = nested_site();
        let outside = top.path().join("elsewhere.txt");
        std::fs::write(&outside, body).unwrap();
        let file = site.join("themes/default").join(name);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&outside, &file).unwrap();
        let (ok, stderr) = folio(&site, &["build"]);
        assert!(!ok, "{name}: {stderr}");
        let expected =
            format!("error: themes/default/{name}: this theme file leads outside the monitor folder (through a symbolic link, to ");
        assert!(stderr.contains(&expected), "{stderr}");
        assert!(!stderr.contains("geheim"), "{stderr}");

        std::fs::remove_file(&file).unwrap();
        std::fs::write(site.join("mijn-stijl.css"), ".eigen-stijl { color: #00567a; }").unwrap();
        std::os::unix::fs::symlink(site.join("mijn-stijl.css"), site.join("themes/default/static/site.css")).unwrap_or(());
        let out = build(&site);
        if name == "static/site.css" {
            assert!(read(&out.join("static/site.css")).contains(".eigen-stijl"));
        }
    }
}
