//! The examples in docs/ are real: every Markdown example becomes a page, every YAML
//! example a data file and the site.toml example the settings of one site, which must build.

mod common;

use common::*;

/// The code blocks of a Markdown file with the given info string (those that name their
/// file, as in ```` ```markdown file=content/03-tarieven.md ````, are left to `named_examples`).
fn examples(doc: &str, language: &str) -> Vec<String> {
    examples_with_files(doc, language).into_iter().filter(|(file, _)| file.is_none()).map(|(_, text)| text).collect()
}

/// The code blocks that name the file they are, as (file, text).
fn named_examples(doc: &str, language: &str) -> Vec<(String, String)> {
    examples_with_files(doc, language).into_iter().filter_map(|(file, text)| Some((file?, text))).collect()
}

fn examples_with_files(doc: &str, language: &str) -> Vec<(Option<String>, String)> {
    let text = read(&repo().join("docs").join(doc));
    let mut found = Vec::new();
    let mut current: Option<(Option<String>, String)> = None;
    for line in text.lines() {
        match &mut current {
            None => {
                let Some(info) = line.trim().strip_prefix("```") else { continue };
                let mut words = info.split_whitespace();
                if words.next() == Some(language) {
                    let file = words.find_map(|word| word.strip_prefix("file=")).map(str::to_string);
                    current = Some((file, String::new()));
                }
            }
            Some((file, block)) if line.trim() == "```" => {
                found.push((file.take(), std::mem::take(block)));
                current = None;
            }
            Some((_, block)) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    found
}

#[test]
fn the_documented_examples_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    let configs = examples("configuration.md", "toml");
    assert_eq!(configs.len(), 1);
    std::fs::write(site.join("site.toml"), &configs[0]).unwrap();

    std::fs::create_dir_all(site.join("data")).unwrap();
    let data = examples("data.md", "yaml");
    assert!(data.len() >= 3);
    for (i, yaml) in data.iter().enumerate() {
        let yaml = if yaml.starts_with("questions:") { yaml.clone() } else { format!("questions:\n{yaml}") };
        std::fs::write(site.join(format!("data/voorbeeld-{i}.yaml")), yaml).unwrap();
    }

    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::write(site.join("content/portret.jpg"), b"not really a jpeg").unwrap();
    std::fs::write(site.join("content/omslag.jpg"), b"not really a jpeg either").unwrap();
    std::fs::write(site.join("content/logo.png"), b"not really a png").unwrap();
    let mut pages = examples("authoring.md", "markdown");
    pages.extend(examples("data.md", "markdown"));
    pages.extend(examples("tables-and-figures.md", "markdown"));
    assert!(pages.len() >= 9);
    for (i, page) in pages.iter().enumerate() {
        let page = if page.starts_with("---") { page.clone() } else { format!("---\ntitle: Voorbeeld {i}\n---\n\n{page}") };
        std::fs::write(site.join(format!("content/{i:02}-voorbeeld-{i}.md")), page).unwrap();
    }
    // Examples that name their file (pages that link to each other) go where they say.
    let named = named_examples("authoring.md", "markdown");
    assert!(named.len() >= 2);
    for (file, page) in &named {
        std::fs::write(site.join(file), page).unwrap();
    }
    let (ok, stderr) = folio(site, &["build"]);
    assert!(ok, "{stderr}");
    assert_eq!(broken_links(&site.join("public")), Vec::<String>::new());
    // The links of docs/authoring.md lead to the page and the heading they name.
    let linking = read(&site.join("public/maatwerk/index.html"));
    for (href, id) in [
        ("../tarieven/index.html", None),
        ("../tarieven/index.html#tarieven--opslag-voor-loonkosten", Some("tarieven--opslag-voor-loonkosten")),
        ("../tarieven/index.html#tarieven--per-jaar", Some("tarieven--per-jaar")),
        ("#maatwerk--aanvragen", Some("maatwerk--aanvragen")),
    ] {
        assert!(linking.contains(&format!("href=\"{href}\"")), "no link to {href}");
        if let Some(id) = id {
            let target = if href.starts_with('#') { &linking } else { &read(&site.join("public/tarieven/index.html")) };
            assert!(target.contains(&format!("id=\"{id}\"")), "no heading {id}");
        }
    }
    // The citation example in docs/data.md prints as documented.
    let cited = read(&repo().join("docs/data.md"));
    assert!(cited.contains("`{{tariefpercentage.landelijk.2025}}` becomes `35%`"));
    // The `tone:` example is coloured by its tones: two greens for the two positives.
    let pages: String = walkdir::WalkDir::new(site.join("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "html") && !entry.path().ends_with("print.html"))
        // The bodies: the head repeats a page's intro in its description.
        .map(|entry| read(entry.path()).split_once("<body").map(|(_, body)| body.to_string()).unwrap_or_default())
        .collect();
    // The reference example of docs/tables-and-figures.md reads as documented.
    let documented = read(&repo().join("docs/tables-and-figures.md"));
    assert!(documented.contains("\"De looptijd staat in Tabel 1; het oordeel van de leden\nin Figuur 2\""));
    let reference = pages.split("De looptijd staat in ").nth(1).expect("the reference example is built");
    let said: String = reference[..reference.find("</p>").unwrap()]
        .split('<')
        .map(|piece| piece.split_once('>').map_or(piece, |(_, text)| text))
        .collect();
    assert_eq!(said, "Tabel 1; het oordeel van de leden in Figuur 2.");
    let chart = pages.split("chart-stacked").nth(1).expect("the stacked example is drawn");
    for colour in ["#1a6034", "#bcbcbc", "#e0607a", "#e0e0e0"] {
        assert!(chart.contains(&format!("fill=\"{colour}\"")), "tone colour {colour} missing");
    }
}

/// The lints are part of CI, declared in the manifest, and unused dependencies are gone.
#[test]
fn ci_runs_clippy_with_the_manifests_lints() {
    let ci = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    assert!(ci.contains("cargo clippy --all-targets -- -D warnings"), "{ci}");
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("[lints.rust]") && manifest.contains("[lints.clippy]"), "{manifest}");
    assert!(!manifest.contains("anyhow"), "anyhow is not used");
}
