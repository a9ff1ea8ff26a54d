//! `folio theme export DIR`: the built-in theme as files; a monitor keeps only the ones it
//! changes, and the build uses them.

mod common;

use std::path::Path;

use common::*;

fn theme_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(dir)
}

#[test]
fn the_export_is_the_built_in_theme_file_for_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("thema");
    let (ok, stderr) = folio(dir.path(), &["theme", "export", target.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let exported = theme_files(&target);
    assert_eq!(exported, theme_files(&repo().join("themes/default")), "every file of themes/default, unchanged");
    assert!(stderr.contains(&format!("wrote the built-in theme into {} ({} files)", target.display(), exported.len())), "{stderr}");

    // A site that carries the whole export builds exactly as one without a theme folder.
    let site = fixture("minimal");
    let plain = snapshot(&build(site.path()));
    copy_tree(&target, &site.path().join("themes/default"));
    assert_eq!(snapshot(&build(site.path())), plain);
}

#[test]
fn a_second_export_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("thema");
    assert!(folio(dir.path(), &["theme", "export", target.to_str().unwrap()]).0);
    std::fs::write(target.join("static/style.css"), "/* mijn versie */").unwrap();
    std::fs::remove_file(target.join("templates/base.html")).unwrap();
    let (ok, stderr) = folio(dir.path(), &["theme", "export", target.to_str().unwrap()]);
    assert!(!ok);
    // All of the theme's files but base.html are there: five are named, the rest counted.
    let more = theme_files(&repo().join("themes/default")).len() - 1 - 5;
    let expected = format!(
        "error: {}: this folder already holds theme.toml, templates/print.html, templates/404.html, templates/cover.html, \
         templates/foreword.html and {more} more; `folio theme export` never replaces a file\n  \
         help: export into a new or empty folder, e.g. `folio theme export ingebouwd-thema`, and copy from there the files you want to change\n\
         nothing was written (1 error, 0 warnings)\n",
        target.display(),
    );
    assert_eq!(stderr, expected);
    assert_eq!(read(&target.join("static/style.css")), "/* mijn versie */");
    assert!(!target.join("templates/base.html").exists(), "not even a missing file is written");
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elders");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let target = dir.path().join("thema");
    std::fs::create_dir_all(&target).unwrap();
    std::os::unix::fs::symlink(&elsewhere, target.join("templates")).unwrap();
    let (ok, stderr) = folio(dir.path(), &["theme", "export", target.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("templates is a symbolic link; the theme's files would not land inside"), "{stderr}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(!target.join("theme.toml").exists());
}

/// The way docs/configuration.md tells it: export, change one file, keep only that one.
#[test]
fn a_site_keeps_only_the_files_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("ingebouwd-thema");
    assert!(folio(dir.path(), &["theme", "export", export.to_str().unwrap()]).0);
    let site = fixture("minimal");
    let footer = read(&export.join("templates/partials/footer.html"));
    assert!(footer.contains("</footer>"), "{footer}");
    let changed = footer.replacen("</footer>", "<p class=\"eigen-regel\">Een uitgave van de vereniging</p></footer>", 1);
    let own = site.path().join("themes/default/templates/partials/footer.html");
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(&own, changed).unwrap();
    std::fs::create_dir_all(site.path().join("themes/default/static")).unwrap();
    std::fs::write(site.path().join("themes/default/static/site.css"), ":root { --accent: #7a0056; }\n").unwrap();

    let out = build(site.path());
    let page = read(&out.join("index.html"));
    assert!(page.contains("<p class=\"eigen-regel\">Een uitgave van de vereniging</p></footer>"), "{page}");
    // Every other file still comes from the built-in theme, and the site's CSS loads after it.
    assert_eq!(read(&out.join("static/style.css")), read(&repo().join("themes/default/static/style.css")));
    assert_eq!(read(&out.join("static/site.css")), ":root { --accent: #7a0056; }\n");
    let style = page.find("static/style.css\">").unwrap();
    let site_css = page.find("static/site.css\">").expect("pages link site.css");
    assert!(style < site_css, "site.css must come after style.css");
    assert!(read(&out.join("print.html")).contains("<link rel=\"stylesheet\" href=\"static/site.css\">"));
}

/// theme.toml too holds only what a site changes: a box variant of its own, without the
/// palette, tones and grid, which stay the built-in ones.
#[test]
fn a_sites_theme_toml_holds_only_the_settings_it_changes() {
    let site = fixture("minimal");
    let theme = site.path().join("themes/default");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::write(theme.join("theme.toml"), "[boxes]\nvariants = [\"aanbeveling\", \"waarschuwing\"]\n").unwrap();
    std::fs::write(theme.join("static/site.css"), ".box-waarschuwing { --box-colour: #a4262c; }\n").unwrap();
    std::fs::write(
        site.path().join("content/02-waarschuwing.md"),
        "---\ntitle: Let op\n---\n\n::: box\ntitle: Let op\nvariant: waarschuwing\n\nDe cijfers van 2024 zijn voorlopig.\n:::\n\n\
         ::: chart\nquestion: vraag\nkind: bars\n:::\n",
    )
    .unwrap();
    let out = build(site.path());
    let page = read(&out.join("waarschuwing/index.html"));
    assert!(page.contains("<aside class=\"box box-waarschuwing\""), "{page}");
    // The built-in palette still colours the chart: its one year in the palette's first colour.
    let chart = &page[page.find("<svg").expect("the chart is drawn")..];
    assert!(chart.contains("fill=\"#1f4e79\""), "{chart}");
}
