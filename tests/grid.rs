//! The sheet's grid lives once, in theme.toml `[sheet]`: a theme with `columns = 4` (the
//! fixture tests/sites/four-columns) gets a four-column results grid in the browser, charts
//! drawn for a quarter of the content width, and spans checked against four columns.
//!
//! Needs Debian's `chromium` and `chromium-driver` (see tests/browser_support/mod.rs).

mod browser_support;
mod common;

use browser_support::{browser, fixture_site};
use common::*;

/// The widths of the SVG charts' viewBoxes in `html`, in order.
fn viewbox_widths(html: &str) -> Vec<f64> {
    html.split("<svg ").skip(1).filter_map(|svg| svg.split("viewBox=\"0 0 ").nth(1)?.split(' ').next()?.parse().ok()).collect()
}

#[test]
fn a_theme_with_four_columns_gets_a_four_column_grid_and_charts_drawn_for_it() {
    let site = fixture_site("four-columns");
    let page = site.pages.iter().find(|page| page.path == "resultaten/").expect("the results page");
    let html = read(&site.out.join("resultaten/index.html"));
    // Content 920 with three gaps of 24: four columns of 212 units. The wide block's chart
    // has a narrow twin for phones, drawn for the phone's column.
    let phone = folio::render::theme::ThemeSettings::built_in().sheet.phone;
    assert_eq!(viewbox_widths(&html), [212.0, 920.0, phone], "{html}");
    // The print document gets the same grid.
    assert!(read(&site.out.join("print.html")).contains("--grid-columns: 4;"));

    let browser = browser();
    browser.exact_viewport(1280, 720, false);
    browser.goto(&site.file_url(page));
    let measured = browser.js("const grid = document.querySelector('.results-body');\n\
         const unit = parseFloat(getComputedStyle(document.querySelector('.sheet')).width) / 1000;\n\
         const [narrow, wide] = [...grid.querySelectorAll(':scope > .result')].map(b => b.getBoundingClientRect().width / unit);\n\
         return { columns: getComputedStyle(grid).gridTemplateColumns.split(' ').map(w => parseFloat(w) / unit),\n\
                  grid: grid.getBoundingClientRect().width / unit, narrow, wide };");
    let units = |key: &str| -> Vec<f64> { measured[key].as_array().unwrap().iter().map(|w| w.as_f64().unwrap()).collect() };
    let columns = units("columns");
    assert_eq!(columns.len(), 4, "four grid columns: {measured}");
    for width in &columns {
        assert!((width - 212.0).abs() < 1.0, "each column is 212 sheet units wide, as the charts are drawn: {measured}");
    }
    let number = |key: &str| measured[key].as_f64().unwrap();
    assert!((number("grid") - 920.0).abs() < 1.0, "{measured}");
    assert!((number("narrow") - 212.0).abs() < 1.0, "a result block without span takes one of four columns: {measured}");
    assert!((number("wide") - 920.0).abs() < 1.0, "`span: 4` takes the whole row: {measured}");
}

#[test]
fn spans_are_checked_against_the_themes_columns() {
    let site = fixture("four-columns");
    let page = site.path().join("content/01-resultaten.md");
    let text = read(&page);
    assert!(text.contains("span: 4"));
    let (ok, stderr) = folio(site.path(), &["check"]);
    assert!(ok, "`span: 4` is a width on a sheet of four columns: {stderr}");
    std::fs::write(&page, text.replace("span: 4", "span: 5")).unwrap();
    let (ok, stderr) = folio(site.path(), &["check"]);
    assert!(!ok);
    assert!(
        stderr.contains(
            "error: content/01-resultaten.md:18: `span: 5` is not a width on this sheet\n  help: write how many of the sheet's 4 columns the block takes: a whole number from 1 to 4\n"
        ),
        "{stderr}"
    );
}
