//! Share cards (issue 23 item 3): every page has a meta description, Open Graph and Twitter
//! tags and, with `base_url`, one canonical link and absolute addresses; without it the build
//! warns once. A favicon from the theme.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const BASE: &str = "https://example.org/monitor/";

fn sample_copy(base_url: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "data", "themes"] {
        copy_tree(&repo().join(part), &dir.path().join(part));
    }
    let mut settings = read(&repo().join("site.toml"));
    if base_url {
        settings = format!("base_url = \"{BASE}\"\n{settings}");
    }
    std::fs::write(dir.path().join("site.toml"), settings).unwrap();
    dir
}

fn pages(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok).filter(|e| e.file_name() == "index.html").map(|e| e.into_path()).collect()
}

/// The `content` of every `<meta>` whose `name` or `property` is `key`.
fn meta(html: &str, key: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .filter(|t| t.name == "meta" && (t.attr("name") == Some(key) || t.attr("property") == Some(key)))
        .filter_map(|t| t.attr("content").map(str::to_string))
        .collect()
}

fn links(html: &str, rel: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .filter(|t| t.name == "link" && t.attr("rel") == Some(rel))
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect()
}

#[test]
fn with_base_url_every_page_has_a_full_share_card_and_one_canonical_link() {
    let site = sample_copy(true);
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(ok, "{stderr}");
    assert!(!stderr.contains("base_url"), "no warning with base_url: {stderr}");
    let out = site.path().join("public");
    let pages = pages(&out);
    assert!(pages.len() >= 18);
    for file in &pages {
        let html = read(file);
        let shown = file.strip_prefix(&out).unwrap().display().to_string();
        let description = meta(&html, "description");
        assert_eq!(description.len(), 1, "{shown}");
        assert!(!description[0].is_empty() && description[0].chars().count() <= 160, "{shown}: {description:?}");
        assert_eq!(meta(&html, "og:description"), description, "{shown}");
        assert_eq!(meta(&html, "og:title").len(), 1, "{shown}");
        assert_eq!(meta(&html, "twitter:card"), ["summary_large_image"], "{shown}");
        let url_path = shown.trim_end_matches("index.html");
        let address = format!("{BASE}{url_path}");
        assert_eq!(links(&html, "canonical"), std::slice::from_ref(&address), "{shown}: exactly one canonical link");
        assert_eq!(meta(&html, "og:url"), [address], "{shown}");
        let image = meta(&html, "og:image");
        assert_eq!(image.len(), 1, "{shown}");
        let image_file = image[0].strip_prefix(BASE).unwrap_or_else(|| panic!("{shown}: og:image {} is not absolute", image[0]));
        assert!(out.join(image_file).is_file(), "{shown}: the share image {image_file} is not in the output");
        for icon in links(&html, "icon") {
            assert!(resolve(file, &icon).is_some_and(|(target, _)| target.is_file()), "{shown}: favicon {icon} missing");
        }
    }
    // The page's intro, not a block's label or a member's quote.
    let tarieven = read(&out.join("financiering/tarieven/index.html"));
    assert!(meta(&tarieven, "description")[0].starts_with("Een kwart koos het landelijke percentage"), "{tarieven}");
    let chapter = read(&out.join("financiering/index.html"));
    assert!(!meta(&chapter, "description")[0].starts_with("Schaf"), "a quote is not the intro");
    let print = read(&out.join("print.html"));
    assert_eq!(links(&print, "icon").len(), 2, "the print document has the favicon too");
    assert_eq!(png_size(&out.join("static/share.png")), (1200, 630));
}

#[test]
fn without_base_url_the_absolute_tags_are_left_out_with_one_warning() {
    let site = sample_copy(false);
    let (ok, stderr) = folio(site.path(), &["build"]);
    assert!(ok, "{stderr}");
    assert_eq!(stderr.matches("no `base_url`").count(), 1, "one warning for the build, not one per page:\n{stderr}");
    for file in pages(&site.path().join("public")) {
        let html = read(&file);
        assert_eq!(meta(&html, "description").len(), 1);
        assert_eq!(meta(&html, "og:title").len(), 1);
        assert!(links(&html, "canonical").is_empty() && meta(&html, "og:image").is_empty() && meta(&html, "og:url").is_empty());
        assert_eq!(links(&html, "icon").len(), 2);
    }
    // A preview or a check is not about publishing: no warning there.
    let (ok, stderr) = folio(site.path(), &["check", "--strict"]);
    assert!(ok && !stderr.contains("base_url"), "{stderr}");
}

#[test]
fn a_description_in_front_matter_wins_and_is_escaped() {
    let site = fixture("minimal");
    let page = site.path().join("content/01-pagina.md");
    let text = read(&page).replacen(
        "title: Een pagina\n",
        "title: Een \"pagina\" <b>\ndescription: 'Zorg & \"welzijn\" <script>alert(1)</script>'\n",
        1,
    );
    std::fs::write(&page, text).unwrap();
    let out = build(site.path());
    let html = read(&out.join("pagina/index.html"));
    assert_eq!(meta(&html, "description"), ["Zorg & \"welzijn\" <script>alert(1)</script>"]);
    assert_eq!(meta(&html, "og:title"), ["Een \"pagina\" <b>"]);
    assert!(!html.contains("<script>alert") && !html.contains("<b>\""), "everything escaped into attributes");
    // The cover's intro: without text of its own, the site's title.
    let cover = read(&out.join("index.html"));
    assert_eq!(meta(&cover, "og:type"), ["website"]);
    assert_eq!(meta(&html, "og:type"), ["article"]);
}

/// Width and height from a PNG's header chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && &bytes[12..16] == b"IHDR", "{} is not a PNG", path.display());
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}
