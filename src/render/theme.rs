//! The theme: Tera templates, static assets and chart colours. The default theme is
//! compiled into the binary, so folio works on a bare folder; a site overrides any file by
//! putting one with the same name in `themes/<name>/`.

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::diagnostic::Diagnostic;

mod settings;

pub use settings::{Boxes, ChartColours, SheetGeometry, ThemeSettings};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/", $name)) as &[u8])),*]
    };
}

/// Every file of the default theme, by its path inside the theme folder.
pub const DEFAULT_THEME: &[(&str, &[u8])] = embedded![
    "theme.toml",
    "templates/base.html",
    "templates/print.html",
    "templates/404.html",
    "templates/cover.html",
    "templates/foreword.html",
    "templates/chapter.html",
    "templates/results.html",
    "templates/closing.html",
    "templates/contents.html",
    "templates/report.html",
    "templates/partials/sheet.html",
    "templates/partials/tabs.html",
    "templates/partials/nav.html",
    "templates/partials/footer.html",
    "templates/partials/grid.html",
    "templates/partials/sidebar.html",
    "templates/directives/quote.html",
    "templates/directives/result.html",
    "templates/directives/columns.html",
    "templates/directives/stack.html",
    "templates/directives/box.html",
    "templates/directives/table.html",
    "templates/directives/figure.html",
    "templates/directives/cards.html",
    "templates/directives/footnotes.html",
    "templates/directives/chart.html",
    "static/style.css",
    "static/site.css",
    "static/folio.js",
    "static/print.js",
    "static/report.css",
    "static/report.js",
    "static/favicon.svg",
    "static/favicon.png",
    "static/share.png",
    "static/fonts/source-sans-3-latin-400-normal.woff2",
    "static/fonts/source-sans-3-latin-600-normal.woff2",
    "static/fonts/source-sans-3-latin-400-italic.woff2",
    "static/fonts/source-sans-3-latin-ext-400-normal.woff2",
    "static/fonts/source-sans-3-latin-ext-600-normal.woff2",
    "static/fonts/OFL.txt",
];

pub struct Theme {
    pub tera: Tera,
    /// Files copied to `static/` in the output, by their path below `static/`.
    pub assets: Vec<(String, Vec<u8>)>,
    pub settings: ThemeSettings,
}

/// One theme file and where it came from, for error messages.
struct ThemeFile {
    /// Path inside the theme folder, with forward slashes.
    name: String,
    bytes: Vec<u8>,
    /// The site's own file, or None for the built-in one.
    origin: Option<PathBuf>,
}

impl ThemeFile {
    fn shown_path(&self) -> PathBuf {
        self.origin.clone().unwrap_or_else(|| PathBuf::from(format!("(built-in theme)/{}", self.name)))
    }
}

/// Loads the theme called `name`: the built-in files, overridden by the site's own.
pub fn load(site_root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    let mut files: Vec<ThemeFile> =
        DEFAULT_THEME.iter().map(|(name, bytes)| ThemeFile { name: name.to_string(), bytes: bytes.to_vec(), origin: None }).collect();
    let theme_dir = site_root.join("themes").join(name);
    // A theme folder that is a link to elsewhere would publish what is there and read all
    // of it (a link to /usr: all of /usr).
    if let Err(outside) = crate::paths::resolve(&theme_dir, site_root) {
        return Err(Diagnostic::error(
            Path::new("themes").join(name),
            format!("the theme folder leads outside the monitor folder (through a symbolic link, to {})", outside.real.display()),
        )
        .help("copy the theme into the monitor's themes/ folder instead of linking to it"));
    }
    if theme_dir.is_dir() {
        for file in site_files(site_root, &theme_dir)? {
            match files.iter_mut().find(|f| f.name == file.name) {
                Some(existing) => *existing = file,
                None => files.push(file),
            }
        }
    } else if name != "default" {
        return Err(Diagnostic::error("site.toml", format!("the theme `{name}` does not exist: there is no folder themes/{name}/"))
            .help("create the folder, or set `theme = \"default\"` to use the built-in theme"));
    }

    let mut tera = Tera::default();
    let mut assets = Vec::new();
    let mut templates = Vec::new();
    for file in &files {
        if let Some(template) = file.name.strip_prefix("templates/") {
            let text = crate::text::decode_utf8(file.bytes.clone(), &file.shown_path())?;
            templates.push((template.to_string(), text, file.shown_path()));
        } else if let Some(asset) = file.name.strip_prefix("static/") {
            assets.push((asset.to_string(), file.bytes.clone()));
        }
    }
    // All at once, so templates may extend each other in any order; a parse error names
    // its template, which we map back to the file.
    tera.add_raw_templates(templates.iter().map(|(name, text, _)| (name.as_str(), text.as_str()))).map_err(|err| {
        let message = error_chain(&err);
        let shown = templates
            .iter()
            .find(|(name, _, _)| message.contains(&format!("'{name}'")) || message.contains(&format!("\"{name}\"")))
            .map(|(_, _, shown)| shown.clone())
            .unwrap_or_else(|| PathBuf::from(format!("themes/{name}/templates")));
        parse_error(&shown, &err)
    })?;
    check_includes(&tera, &templates)?;
    check_grid_written(&files)?;
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("css_string", super::css::css_string_filter);
    // Read on its own: a site's theme.toml changes the built-in settings, setting by setting.
    let settings = settings::load(files.iter().find(|f| f.name == "theme.toml" && f.origin.is_some()).map(|f| (f.shown_path(), &f.bytes)))?;
    check_colours(&settings, &files)?;
    Ok(Theme { tera, assets, settings })
}

/// The documents that load style.css must give it the sheet's grid (theme.toml `[sheet]`):
/// a theme's own base.html from before the grid was written there would lay every results
/// page out on no grid at all.
fn check_grid_written(files: &[ThemeFile]) -> Result<(), Diagnostic> {
    const DOCUMENTS: [&str; 3] = ["templates/base.html", "templates/print.html", "templates/404.html"];
    for file in files.iter().filter(|file| file.origin.is_some() && DOCUMENTS.contains(&file.name.as_str())) {
        let text = String::from_utf8_lossy(&file.bytes);
        if text.contains("style.css") && !text.contains("partials/grid.html") && !text.contains("--grid-columns") {
            return Err(Diagnostic::error(file.shown_path(), "this template loads style.css but does not write the sheet's grid").help(
                "add the line `{% include \"partials/grid.html\" %}` right after the link to style.css: it gives style.css the grid of theme.toml [sheet]",
            ));
        }
    }
    Ok(())
}

/// Chart colours go into SVG attributes and must stay readable: `#rrggbb` only, at least
/// 3:1 against the white page (WCAG 1.4.11, graphics), except the light tones whose values
/// are printed in the text colour (which must then read at 4.5:1 on them), and neighbouring
/// palette colours apart in lightness (see src/charts/colors.rs for the rules).
fn check_colours(settings: &ThemeSettings, files: &[ThemeFile]) -> Result<(), Diagnostic> {
    let shown = files.iter().find(|f| f.name == "theme.toml").map(ThemeFile::shown_path).unwrap_or_default();
    let charts = &settings.charts;
    let tones = charts.tones.named();
    let light_allowed = |colour: &str| tones.iter().any(|(name, tone)| matches!(*name, "neutral" | "none") && *tone == colour);
    let colours = std::iter::once(charts.accent.as_str())
        .chain(charts.palette.iter().map(String::as_str))
        .chain(tones.iter().map(|(_, colour)| *colour));
    for colour in colours.chain(std::iter::once(charts.text_color.as_str())) {
        let valid = colour.len() == 7 && colour.starts_with('#') && colour[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !valid {
            return Err(Diagnostic::error(&shown, format!("`{colour}` is not a colour folio can use"))
                .help("write colours as `#rrggbb`, e.g. \"#00567a\""));
        }
        let ratio = crate::charts::contrast_ratio(colour, "#ffffff");
        let on_it = crate::charts::contrast_ratio(colour, &charts.text_color);
        if light_allowed(colour) && ratio < crate::charts::MIN_ON_WHITE && on_it < crate::charts::MIN_TEXT_ON_COLOUR {
            return Err(Diagnostic::error(
                &shown,
                format!("the light tone colour {colour} carries its values in the text colour at {on_it:.1}:1; they need 4.5:1"),
            )
            .help("make the tone lighter (or at least 3:1 against white)"));
        }
        if !light_allowed(colour) && ratio < crate::charts::MIN_ON_WHITE {
            return Err(Diagnostic::error(
                &shown,
                format!("the colour {colour} has a contrast of {ratio:.1}:1 against the white page; charts need at least 3:1"),
            )
            .help("choose a darker colour"));
        }
    }
    if charts.palette.is_empty() {
        return Err(
            Diagnostic::error(&shown, "the chart palette is empty").help("list at least one colour, e.g. `palette = [\"#00567a\"]`")
        );
    }
    if let Some(problem) = crate::charts::neighbour_problem(&charts.palette) {
        return Err(Diagnostic::error(&shown, problem)
            .help("reorder the palette so dark and lighter colours alternate, or make one of the two darker"));
    }
    Ok(())
}

/// The largest file folio reads from a theme folder (the built-in font is 0.1 MB).
pub const MAX_THEME_FILE_BYTES: u64 = 20 * 1024 * 1024;

fn site_files(site_root: &Path, theme_dir: &Path) -> Result<Vec<ThemeFile>, Diagnostic> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(theme_dir).sort_by_file_name() {
        let entry = entry.map_err(|err| {
            Diagnostic::error(theme_dir.strip_prefix(site_root).unwrap_or(theme_dir), format!("cannot read the theme folder: {err}"))
        })?;
        let path = entry.path();
        let relative = path.strip_prefix(theme_dir).unwrap_or(path);
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let shown = path.strip_prefix(site_root).unwrap_or(path).to_path_buf();
        // A linked file (a site.css, a template) is used when it is inside the monitor,
        // and refused, by name, when it leads out; a linked folder is not followed.
        if entry.path_is_symlink() {
            if let Err(outside) = crate::paths::resolve(path, site_root) {
                return Err(Diagnostic::error(
                    &shown,
                    format!("this theme file leads outside the monitor folder (through a symbolic link, to {})", outside.real.display()),
                )
                .help("copy the file into the theme folder instead of linking to it"));
            }
        }
        if !path.is_file() {
            continue;
        }
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.len() > MAX_THEME_FILE_BYTES {
                return Err(Diagnostic::error(
                    &shown,
                    format!("this theme file is {} MB; folio reads theme files up to {} MB", meta.len() >> 20, MAX_THEME_FILE_BYTES >> 20),
                )
                .help("a template, stylesheet, script or font is far smaller: remove the file from the theme folder, or make it smaller"));
            }
        }
        let bytes = std::fs::read(path).map_err(|err| Diagnostic::error(&shown, format!("cannot read the file: {err}")))?;
        files.push(ThemeFile { name, bytes, origin: Some(shown) });
    }
    Ok(files)
}

/// A template that does not parse: the place and Tera's complaint, without its drawing.
fn parse_error(path: &Path, err: &tera::Error) -> Diagnostic {
    let chain = error_chain(err);
    // Tera (pest) writes " --> 4:1 | 4 | … | ^--- | = expected tag or some content".
    let place = chain.split_once("--> ").and_then(|(_, rest)| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    let what = chain.rsplit_once("= ").map(|(_, what)| what.trim().to_string());
    match (place, what) {
        (Some((line, column)), Some(what)) => Diagnostic::error(path, format!("the template does not parse: {what}"))
            .at(line, column)
            .help("check that every `{{` has its `}}`, every `{%` its `%}`, and every `{% if %}`, `{% for %}` and `{% block %}` its `{% end… %}`; or delete the file to use the built-in one"),
        _ => template_error(path, err),
    }
}

/// An `{% include %}` of a template that does not exist would fail on every page; say so
/// once, at the include.
fn check_includes(tera: &Tera, templates: &[(String, String, PathBuf)]) -> Result<(), Diagnostic> {
    fn includes(nodes: &[tera::ast::Node], found: &mut Vec<Vec<String>>) {
        use tera::ast::Node;
        for node in nodes {
            match node {
                Node::Include(_, names, false) => found.push(names.clone()),
                Node::MacroDefinition(_, definition, _) => includes(&definition.body, found),
                Node::FilterSection(_, section, _) => includes(&section.body, found),
                Node::Block(_, block, _) => includes(&block.body, found),
                Node::Forloop(_, forloop, _) => {
                    includes(&forloop.body, found);
                    includes(forloop.empty_body.as_deref().unwrap_or_default(), found);
                }
                Node::If(condition, _) => {
                    for (_, _, body) in &condition.conditions {
                        includes(body, found);
                    }
                    if let Some((_, body)) = &condition.otherwise {
                        includes(body, found);
                    }
                }
                _ => {}
            }
        }
    }
    let known: Vec<&str> = tera.get_template_names().collect();
    for (name, text, shown) in templates {
        let Ok(template) = tera.get_template(name) else { continue };
        let mut found = Vec::new();
        includes(&template.ast, &mut found);
        for names in found {
            if names.iter().any(|n| known.contains(&n.as_str())) {
                continue;
            }
            let missing = &names[0];
            let line = text
                .lines()
                .position(|l| l.contains(&format!("\"{missing}\"")) || l.contains(&format!("'{missing}'")))
                .map_or(1, |i| i + 1);
            return Err(Diagnostic::error(shown, format!("the template includes `{missing}`, which does not exist"))
                .at_line(line)
                .help(format!("check the name, create templates/{missing} in your theme folder, or remove the include")));
        }
    }
    Ok(())
}

/// Tera's errors nest their cause; an author needs all of it on one line.
pub fn template_error(path: &Path, err: &tera::Error) -> Diagnostic {
    Diagnostic::error(path, error_chain(err)).help("fix the template, or delete it to fall back to the built-in one")
}

pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message.replace('\n', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_loads_with_the_colours_of_the_default_chart_style() {
        let theme = load(Path::new("/nonexistent-site"), "default").expect("built-in theme");
        let style = crate::charts::Style::default();
        let charts = &theme.settings.charts;
        assert_eq!(charts.palette, style.palette, "theme.toml and Style::default() must agree");
        assert_eq!(charts.accent, style.accent);
        assert_eq!(charts.tones, style.tones);
        assert_eq!(charts.text_color, style.text_color);
        assert!(charts.palette.len() >= 8, "a seventh category must not reuse the first colour");
        assert!(theme.tera.get_template_names().any(|name| name == "partials/sheet.html"));
    }

    fn theme_with(charts: &str) -> Result<Theme, Diagnostic> {
        let site = std::env::temp_dir().join(format!("folio-theme-{}-{}", std::process::id(), charts.len()));
        std::fs::create_dir_all(site.join("themes/own")).unwrap();
        std::fs::write(site.join("themes/own/theme.toml"), format!("[charts]\ntext_color = \"#1a1a1a\"\n{charts}")).unwrap();
        let theme = load(&site, "own");
        std::fs::remove_dir_all(&site).unwrap();
        theme
    }

    #[test]
    fn neighbouring_palette_colours_must_differ_in_lightness() {
        // Dark blue and dark green touch in a stacked bar: 1.07:1 is refused, with the pair named.
        let err = theme_with("palette = [\"#1f4e79\", \"#1e5b2a\", \"#d9730d\"]").err().expect("too alike");
        assert!(err.message.contains("#1f4e79 and #1e5b2a differ by 1.07:1"), "{}", err.message);
        // The last and the first meet in a donut.
        let err = theme_with("palette = [\"#1f4e79\", \"#d9730d\", \"#1e5b2a\"]").err().expect("ring");
        assert!(err.message.contains("the last and the first palette colours #1e5b2a and #1f4e79"), "{}", err.message);
        assert!(theme_with("palette = [\"#1f4e79\", \"#d9730d\"]").is_ok());
    }

    #[test]
    fn tone_colours_are_checked_and_may_be_left_out() {
        let ok = theme_with("palette = [\"#1f4e79\"]\n[charts.tones]\npositive = \"#005a9e\"\n").expect("partial tones");
        assert_eq!(ok.settings.charts.tones.positive, "#005a9e");
        assert_eq!(ok.settings.charts.tones.negative, crate::charts::Tones::default().negative);
        // A light grey for non-answers carries its values in the text colour: allowed.
        assert!(theme_with("palette = [\"#1f4e79\"]\n[charts.tones]\nnone = \"#cccccc\"\n").is_ok());
        let err = theme_with("palette = [\"#1f4e79\"]\n[charts.tones]\npositive = \"#cccccc\"\n").err().expect("too light");
        assert!(err.message.contains("#cccccc has a contrast of 1.6:1"), "{}", err.message);
    }
}
