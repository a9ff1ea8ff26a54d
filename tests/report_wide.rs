//! A research report with a table too wide for a sheet (tests/sites/survey-wide: 16
//! zorgkantoren and the Totaal, 17 columns of figures): on screen the table scrolls in its own
//! box, on paper it is split by columns with the row labels repeated, and `folio pdf
//! --report` prints it with every figure in the PDF.

mod common;

use common::*;

const MISSING: &str = "the report's PDF test needs Chromium and poppler-utils: install them with \
`apt install chromium poppler-utils` (or run `bash tests/run`)";

const ZORGKANTOREN: [&str; 16] = [
    "Amsterdam",
    "Apeldoorn, Zutphen e.o.",
    "Arnhem",
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Groningen",
    "Haaglanden",
    "Kennemerland",
    "Midden-Brabant",
    "Midden-Holland",
    "Noord-Holland Noord",
    "Noord- en Midden-Limburg",
    "Rotterdam",
    "Twente",
    "Zuid-Limburg",
];

/// The text of every `<th scope="col">` in `html`, marks of small groups left off.
fn heads(html: &str) -> Vec<String> {
    html.split("<th scope=\"col\">").skip(1).map(|h| decode(&h[..h.find("</th>").unwrap()]).trim_end_matches('*').to_string()).collect()
}

/// The `<table>`s inside the element that starts with `start`.
fn tables_in<'a>(figure: &'a str, start: &str) -> Vec<&'a str> {
    let at = figure.find(start).unwrap_or_else(|| panic!("no {start:?} in {figure}"));
    let inside = &figure[at..at + figure[at..].find("</div>").unwrap()];
    inside.match_indices("<table>").map(|(i, _)| &inside[i..i + inside[i..].find("</table>").unwrap()]).collect()
}

#[test]
fn a_wide_table_scrolls_on_screen_and_prints_in_parts_with_the_row_labels_repeated() {
    let site = fixture("survey-wide");
    let (ok, stderr) = folio(site.path(), &["data"]);
    assert!(ok, "{stderr}");
    let report = read(&build(site.path()).join("onderzoeksrapport/index.html"));
    let caption = "Bent u tevreden over de contractering door het zorgkantoor? (n=120)";
    let at = report.find(&format!("<strong>Tabel B3 – {caption}")).unwrap();
    let figure = &report[report[..at].rfind("<figure").unwrap()..at];

    // On screen: one table of all 17 columns, in a box that scrolls by itself.
    let screen = tables_in(figure, "<div class=\"table-scroll screen-only\" role=\"region\" tabindex=\"0\"");
    assert_eq!(screen.len(), 1);
    let mut all = vec!["Antwoord".to_string()];
    all.extend(ZORGKANTOREN.map(String::from));
    all.push("Totaal".into());
    assert_eq!(heads(screen[0]), all);

    // In print: three parts of 6, 6 and 5 columns, each starting with the row labels.
    let parts = tables_in(figure, "<div class=\"print-parts\" aria-hidden=\"true\">");
    assert_eq!(parts.iter().map(|p| heads(p).len() - 1).collect::<Vec<_>>(), [6, 6, 5]);
    let mut printed = vec!["Antwoord".to_string()];
    for part in &parts {
        assert_eq!(heads(part)[0], "Antwoord");
        printed.extend(heads(part).into_iter().skip(1));
        for label in ["Ja", "Ten dele", "Nee", "n"] {
            assert_eq!(row_cells(part, label).len(), heads(part).len() - 1, "{label} in {part}");
        }
    }
    assert_eq!(printed, all, "the parts hold every column once, in order");
    for label in ["Ja", "Ten dele", "Nee", "n"] {
        let joined: Vec<String> = parts.iter().flat_map(|p| row_cells(p, label)).collect();
        assert_eq!(joined, row_cells(screen[0], label), "{label}: the same figures as on screen");
    }
    // The screen CSS lets the box scroll; print shows the parts instead of the wide table.
    let css = read(&site.path().join("public/static/report.css"));
    assert!(css.contains(".report-document .table-scroll { overflow-x: auto; }"), "{css}");
    assert!(css.contains(".report-document .screen-only { display: none; }"), "{css}");

    // `folio pdf --report` prints it, and checks every word of the report is in the PDF.
    tool("chromium", MISSING);
    let (ok, stderr) = folio(site.path(), &["pdf", "--report", "--no-build"]);
    assert!(ok, "folio pdf --report failed on the wide table:\n{stderr}");
    let text = run(tool("pdftotext", MISSING).args(["-enc", "UTF-8"]).arg(site.path().join("onderzoeksrapport.pdf")).arg("-"));
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in ZORGKANTOREN {
        // A long name may wrap in its head: compare without the line breaks.
        assert!(flat.contains(name) || flat.replace("- ", "-").contains(name), "{name} is not in the PDF:\n{text}");
    }
    assert!(text.matches("Ten dele").count() >= 3, "the row labels repeat in every part:\n{text}");
}
