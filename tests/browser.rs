//! What a reader does, in a real browser: the sample monitor opened from disk and from a web
//! server under a sub-path, read with Volgende and Terug, the arrow keys and the Tab key, on
//! a desktop and on a phone, and checked with axe-core for WCAG 2.1 A and AA.
//!
//! Needs Debian's `chromium` and `chromium-driver`, and axe-core from npm; `tests/run`
//! installs them (see tests/browser_support/mod.rs).

mod browser_support;
mod common;

use browser_support::{artifacts, axe_source, browser, site, Browser, Page};
use fantoccini::key::Key;
use serde_json::{json, Value};

/// `…/voorwoord/index.html` and `…/voorwoord/` are the same page.
fn same_page(url: &str, expected: &str) -> bool {
    let strip = |u: &str| u.split('#').next().unwrap_or("").trim_end_matches("index.html").to_string();
    strip(url) == strip(expected)
}

fn assert_on(browser: &Browser, page: &Page, expected_url: &str, how: &str) {
    let url = browser.url();
    assert!(same_page(&url, expected_url), "{how}: expected {expected_url}, got {url}");
    assert_eq!(browser.h1_id(), format!("{}--title", page.key), "{how}: wrong page at {url}");
    // The stylesheet and the script came along (relative links under any folder).
    let styled = browser.js_string("return getComputedStyle(document.querySelector('.pager a') || document.body).borderTopStyle;");
    assert!(styled == "solid" || browser.find_all(".pager a").is_empty(), "{how}: the stylesheet did not load at {url}");
}

/// Follows Volgende from the cover to the last page, then Terug back to the cover.
fn read_through(browser: &Browser, url_of: impl Fn(&Page) -> String) {
    let pages = &site().pages;
    browser.goto(&url_of(&pages[0]));
    assert_on(browser, &pages[0], &url_of(&pages[0]), "the cover");
    assert!(browser.find_all(".pager a[rel=prev]").is_empty(), "the cover has no Terug");
    for (i, page) in pages.iter().enumerate().skip(1) {
        browser.click_and_wait(".pager a[rel=next]");
        assert_on(browser, page, &url_of(page), &format!("Volgende from page {i}"));
    }
    assert!(browser.find_all(".pager a[rel=next]").is_empty(), "the last page has no Volgende");
    for (i, page) in pages.iter().enumerate().rev().skip(1) {
        browser.click_and_wait(".pager a[rel=prev]");
        assert_on(browser, page, &url_of(page), &format!("Terug from page {}", i + 2));
    }
}

#[test]
fn volgende_and_terug_read_the_monitor_in_order_from_disk() {
    let site = site();
    let browser = browser();
    read_through(&browser, |page| site.file_url(page));
}

#[test]
fn volgende_and_terug_read_the_monitor_in_order_under_a_sub_path_of_a_web_server() {
    let site = site();
    let browser = browser();
    read_through(&browser, |page| site.http_url(page));
}

#[test]
fn the_arrow_keys_follow_volgende_and_terug() {
    let site = site();
    let pages = &site.pages;
    let browser = browser();
    let ways: [fn(&Page) -> String; 2] = [|p| browser_support::site().http_url(p), |p| browser_support::site().file_url(p)];
    for url_of in ways {
        browser.goto(&url_of(&pages[0]));
        // The cover has no Terug: ArrowLeft does nothing.
        browser.press(Key::Left);
        std::thread::sleep(std::time::Duration::from_millis(150));
        assert_on(&browser, &pages[0], &url_of(&pages[0]), "ArrowLeft on the cover");
        for (i, page) in pages.iter().enumerate().take(4).skip(1) {
            let old = browser.url();
            browser.press(Key::Right);
            browser.wait_for_navigation_from(&old);
            assert_on(&browser, page, &url_of(page), &format!("ArrowRight from page {i}"));
        }
        for (i, page) in pages.iter().enumerate().take(3).rev() {
            let old = browser.url();
            browser.press(Key::Left);
            browser.wait_for_navigation_from(&old);
            assert_on(&browser, page, &url_of(page), &format!("ArrowLeft from page {}", i + 2));
        }
    }
    // The last page has no Volgende: ArrowRight does nothing.
    let last = pages.last().unwrap();
    browser.goto(&site.http_url(last));
    browser.press(Key::Right);
    std::thread::sleep(std::time::Duration::from_millis(150));
    assert_on(&browser, last, &site.http_url(last), "ArrowRight on the last page");
}

#[test]
fn a_phone_never_scrolls_sideways() {
    let site = site();
    let browser = browser();
    browser.phone();
    let shots = artifacts("browser");
    let mut problems = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        browser.goto(&site.http_url(page));
        let measured = browser.js(
            "var w = window.innerWidth, d = document.documentElement;
             var wide = [];
             document.querySelectorAll('body *').forEach(function (e) {
               var r = e.getBoundingClientRect();
               if (r.width > 0 && r.right > w + 1 && wide.length < 5) wide.push(e.tagName.toLowerCase() + '.' + e.className + ' (' + Math.round(r.right) + 'px)');
             });
             return { inner: w, scroll: d.scrollWidth, wide: wide };",
        );
        let (inner, scroll) = (measured["inner"].as_f64().unwrap(), measured["scroll"].as_f64().unwrap());
        assert_eq!(inner, 375.0, "the phone viewport is 375 px wide");
        if scroll > inner {
            problems.push(format!(
                "page {} ({}): {scroll} px wide in a {inner} px window; too wide: {}",
                i + 1,
                page.path,
                measured["wide"]
            ));
        }
        if i < 5 {
            browser.screenshot(&shots.join(format!("phone-{:02}-{}.png", i + 1, page.key)));
        }
    }
    browser.desktop();
    assert!(problems.is_empty(), "horizontal scrolling on a phone:\n{}", problems.join("\n"));
}

/// Where keyboard focus goes, Tab after Tab, from the top of a page.
fn tab_order(browser: &Browser) -> Vec<Value> {
    browser.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    let mut order = Vec::new();
    for _ in 0..60 {
        browser.press(Key::Tab);
        let focused = browser.js(
            "var e = document.activeElement;
             if (!e || e === document.body) return null;
             var s = getComputedStyle(e);
             var area = e.closest('.tabs, .contents-link') ? 2 : e.closest('.sheet-main') ? 3 : e.closest('.pager') ? 4 : e.closest('.sheet-footer') ? 5 : e.closest('.sheet-header') ? 1 : 0;
             return { tag: e.tagName.toLowerCase(), cls: e.className, rel: e.getAttribute('rel'), area: area,
                      at: Array.prototype.indexOf.call(document.querySelectorAll('*'), e),
                      text: e.textContent.trim().replace(/\\s+/g, ' '),
                      outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 };",
        );
        if focused.is_null() || order.contains(&focused) {
            break;
        }
        order.push(focused);
    }
    order
}

#[test]
fn the_tab_key_reaches_terug_then_volgende_with_visible_focus() {
    let site = site();
    let browser = browser();
    // The cover, a results page and the last page.
    let pages = &site.pages;
    for page in [&pages[0], &pages[3], pages.last().unwrap()] {
        browser.goto(&site.http_url(page));
        let order = tab_order(&browser);
        let position = |rel: &str| order.iter().position(|f| f["rel"] == json!(rel));
        let classes: Vec<String> =
            order.iter().map(|f| format!("{} {}", f["cls"].as_str().unwrap_or(""), f["text"].as_str().unwrap_or(""))).collect();
        assert_eq!(
            order.first().map(|f| f["cls"].clone()),
            Some(json!("skip-link")),
            "{}: the skip link comes first: {classes:#?}",
            page.key
        );
        let (back, next) = (position("prev"), position("next"));
        assert_eq!(back.is_some(), page.key != pages[0].key, "{}: Terug reached by Tab: {classes:#?}", page.key);
        assert_eq!(next.is_some(), page.key != pages.last().unwrap().key, "{}: Volgende reached by Tab: {classes:#?}", page.key);
        if let (Some(back), Some(next)) = (back, next) {
            assert_eq!(back + 1, next, "{}: Terug comes right before Volgende: {classes:#?}", page.key);
        }
        // Skip link, header, chapter tabs, the page's content, Terug/Volgende, footer: in
        // the order a sighted reader sees them.
        let areas: Vec<u64> = order.iter().map(|f| f["area"].as_u64().unwrap_or(0)).collect();
        assert!(areas.windows(2).all(|w| w[0] <= w[1]), "{}: focus jumps back and forth: {areas:?} {classes:#?}", page.key);
        let invisible: Vec<_> = order.iter().filter(|f| f["outline"] != json!(true)).collect();
        assert!(invisible.is_empty(), "{}: focus is not visible on {invisible:#?}", page.key);
    }
    // Enter on the focused Volgende goes to the next page.
    browser.goto(&site.http_url(&pages[1]));
    let order = tab_order(&browser);
    let next = order.iter().position(|f| f["rel"] == json!("next")).unwrap();
    browser.js("document.activeElement.blur();");
    for _ in 0..=next {
        browser.press(Key::Tab);
    }
    assert_eq!(browser.js_string("return document.activeElement.getAttribute('rel');"), "next");
    let old = browser.url();
    browser.press(Key::Enter);
    browser.wait_for_navigation_from(&old);
    assert_eq!(browser.h1_id(), format!("{}--title", pages[2].key), "Enter on Volgende");
}

#[test]
fn screenshots_of_a_few_pages_are_kept() {
    let site = site();
    let browser = browser();
    let shots = artifacts("browser");
    let pages = &site.pages;
    let chapter = pages.iter().position(|p| p.path.matches('/').count() == 1 && p.path != "voorwoord/").unwrap_or(2);
    for (i, page) in
        [(0, &pages[0]), (chapter, &pages[chapter]), (chapter + 1, &pages[chapter + 1]), (pages.len() - 1, pages.last().unwrap())]
    {
        browser.goto(&site.http_url(page));
        let path = shots.join(format!("desktop-{:02}-{}.png", i + 1, page.key));
        browser.screenshot(&path);
        assert!(std::fs::metadata(&path).unwrap().len() > 10_000, "{} looks empty", path.display());
    }
    eprintln!("screenshots in {}", shots.display());
}

/// axe-core run in the page, limited to WCAG 2.0 and 2.1, levels A and AA.
fn axe(browser: &Browser) -> Vec<String> {
    let loaded = browser.js_with(
        "if (!window.axe) { var s = document.createElement('script'); s.textContent = arguments[0]; document.head.appendChild(s); }
         return typeof window.axe;",
        vec![json!(axe_source())],
    );
    assert_eq!(loaded, json!("object"), "axe-core did not load");
    let result = browser.js_async(
        "var done = arguments[arguments.length - 1];
         axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
           .then(function (r) { done({ ok: true, violations: r.violations.map(function (v) {
               return v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 4).map(function (n) {
                 return n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : '');
               }).join('; ') + (v.nodes.length > 4 ? ' (and ' + (v.nodes.length - 4) + ' more)' : '');
             }) }); })
           .catch(function (e) { done({ ok: false, error: String(e) }); });",
        vec![],
    );
    assert_eq!(result["ok"], json!(true), "axe-core failed: {result}");
    result["violations"].as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn axe_core_finds_no_wcag_2_1_a_or_aa_violation_on_any_page() {
    let site = site();
    let browser = browser();
    let mut urls: Vec<String> = site.pages.iter().map(|p| site.http_url(p)).collect();
    urls.push(format!("{}print.html", site.server));
    urls.push(format!("{}no/such/page/", site.server));
    let mut report = Vec::new();
    let mut checked = 0;
    for url in &urls {
        browser.goto(url);
        checked += 1;
        for violation in axe(&browser) {
            report.push(format!("{url}\n    {violation}"));
        }
    }
    // The same on a phone, where the layout differs.
    browser.phone();
    for page in site.pages.iter().take(5) {
        let url = site.http_url(page);
        browser.goto(&url);
        for violation in axe(&browser) {
            report.push(format!("{url} (phone)\n    {violation}"));
        }
    }
    // axe-core is live: a picture without a text alternative does not get through.
    browser.js("var i = document.createElement('img'); i.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; document.querySelector('main, .sheet-main').appendChild(i);");
    let planted = axe(&browser);
    assert!(planted.iter().any(|v| v.starts_with("image-alt")), "axe-core should catch an image without alt: {planted:?}");
    browser.desktop();
    assert!(checked >= 20);
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations:\n{}", report.join("\n"));
}

#[test]
fn every_chart_exposes_its_text_alternative() {
    let site = site();
    let browser = browser();
    let mut charts = 0;
    let mut problems = Vec::new();
    for page in &site.pages {
        browser.goto(&site.http_url(page));
        for svg in browser.find_all("svg") {
            let hidden = browser.js_with(
                "var s = arguments[0]; return s.closest('[aria-hidden=true]') !== null || s.getClientRects().length === 0;",
                vec![serde_json::to_value(&svg).unwrap()],
            );
            if hidden == json!(true) {
                continue;
            }
            charts += 1;
            let (name, role) = browser.accessible_name_and_role(&svg);
            let title = browser.js_with(
                "var t = arguments[0].querySelector('title'); return t ? t.textContent.trim() : '';",
                vec![serde_json::to_value(&svg).unwrap()],
            );
            let title = title.as_str().unwrap_or_default();
            // Chromium calls the ARIA role img by its ARIA 1.3 synonym, image.
            if !matches!(role.as_str(), "img" | "image") || name.trim().is_empty() || title.is_empty() || !name.contains(title) {
                problems.push(format!("{}: svg with role {role:?}, name {name:?}, title {title:?}", page.path));
            }
        }
    }
    assert!(charts >= 20, "the sample monitor has charts on most pages; found {charts}");
    assert!(problems.is_empty(), "charts without a text alternative:\n{}", problems.join("\n"));
}

#[test]
fn the_research_report_has_no_wcag_2_1_a_or_aa_violation() {
    // The small-groups fixture with a short synthetic export: 30 organisations.
    let dir = common::fixture("small-groups");
    let mut csv = String::from("organisatie,omzet,zorgkantoor,tevreden,maatwerk,gehonoreerd,onderwerpen,tarief,lasten,nps,toelichting\n");
    for i in 0..30 {
        let maatwerk = 1 + i % 2;
        let (gehonoreerd, onderwerpen) = if maatwerk == 1 { ((1 + i % 3).to_string(), "1|2") } else { (String::new(), "") };
        csv.push_str(&format!(
            "Org {i},{},{},{},{maatwerk},{gehonoreerd},{onderwerpen},96,{},{},\n",
            1 + i % 4,
            1 + i % 3,
            1 + i % 3,
            1 + i % 5,
            i % 11
        ));
    }
    std::fs::write(dir.path().join("survey/export-2026.csv"), csv).unwrap();
    let (ok, stderr) = common::folio(dir.path(), &["data"]);
    assert!(ok, "{stderr}");
    let out = common::build(dir.path());
    let file = out.join("onderzoeksrapport/index.html");
    let tables = common::read(&file).matches("<table").count();
    assert!(tables >= 10, "{tables} tables");
    let url = browser_support::file_url(&file);
    let browser = browser();
    let mut report = Vec::new();
    for phone in [false, true] {
        if phone {
            browser.phone();
        }
        browser.goto(&url);
        assert_eq!(browser.js("return document.querySelectorAll('main table').length;"), json!(tables), "the report is shown");
        report.extend(axe(&browser).into_iter().map(|v| format!("{}{v}", if phone { "(phone) " } else { "" })));
    }
    browser.desktop();
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations in the report:\n{}", report.join("\n"));
}
