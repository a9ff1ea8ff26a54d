//! Reading the survey export: a CSV file with a header row, one row per responding
//! organisation and one column per question. Two variants occur in practice and both are
//! read without settings: UTF-8 with commas (survey tools), and Windows-1252 with
//! semicolons (a spreadsheet program saving "CSV" in the Netherlands).

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The export as text cells, with the line each row starts on (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub encoding: &'static str,
    pub delimiter: char,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line in the file where the row starts.
    pub line: usize,
    /// The cells one after another, and where each ends: two allocations a row rather than
    /// one per cell, so that an export of a million rows fits in memory.
    text: Box<str>,
    ends: Box<[u32]>,
}

impl Export {
    /// The position of a column, by its name in the header (case and spaces ignored).
    pub fn column(&self, name: &str) -> Option<usize> {
        let wanted = name.trim().to_lowercase();
        self.header.iter().position(|h| h.trim().to_lowercase() == wanted)
    }
}

impl Row {
    fn new(line: usize, cells: &csv::StringRecord) -> Row {
        let mut text = String::with_capacity(cells.as_slice().len());
        let mut ends = Vec::with_capacity(cells.len());
        for cell in cells {
            text.push_str(cell);
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        Row { line, text: text.into_boxed_str(), ends: ends.into_boxed_slice() }
    }

    pub fn cell(&self, column: usize) -> &str {
        let Some(&end) = self.ends.get(column) else { return "" };
        let start = column.checked_sub(1).map_or(0, |previous| self.ends[previous]);
        self.text.get(start as usize..end as usize).map_or("", str::trim)
    }
}

pub fn read(path: &Path, shown: &Path) -> Result<Export, Diagnostics> {
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::error(shown, format!("cannot read the survey export: {err}"))
            .help("save the export as survey/export-<year>.csv in the monitor's folder, or pass its place with `--export`")
    })?;
    parse(&bytes, shown)
}

/// Decodes and splits the export. Every malformed row is reported, with its line.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Export, Diagnostics> {
    let (text, encoding) = super::encoding::decode(bytes, path)?;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = detect_delimiter(first_line);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter as u8).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(|h| h.trim().to_string()).collect(),
        Some(Err(err)) => return Err(csv_problem(&err, &text, path).into()),
        None => {
            return Err(Diagnostic::error(path, "the survey export is empty")
                .help("export the survey answers with a header row naming the columns")
                .into())
        }
    };
    if header.iter().all(String::is_empty) {
        return Err(Diagnostic::error(path, "the first line of the export holds no column names")
            .at_line(1)
            .help("the first line must name the columns (the question ids of the codebook)")
            .into());
    }
    refuse_twin_columns(&header, path)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut lines = LineCounter::new(&text);
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                problems.push(csv_problem(&err, &text, path));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_at(p.byte() as usize));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue; // spreadsheet programs leave empty lines at the end
        }
        if record.len() != header.len() {
            problems.push(
                Diagnostic::error(path, format!("this row has {} cells, but the header names {} columns", record.len(), header.len()))
                    .at_line(line)
                    .help(format!("check the row for a missing or extra `{delimiter}`, or a quote that is not closed")),
            );
            continue;
        }
        rows.push(Row::new(line, &record));
    }
    if problems.is_empty() {
        Ok(Export { header, rows, encoding, delimiter })
    } else {
        Err(Diagnostics(problems))
    }
}

/// Two columns with one name (or names that differ only in case): the codebook finds a
/// column by its name, and would silently take the first.
fn refuse_twin_columns(header: &[String], path: &Path) -> Result<(), Diagnostic> {
    for (index, name) in header.iter().enumerate().filter(|(_, name)| !name.is_empty()) {
        if let Some(first) = header[..index].iter().position(|earlier| earlier.eq_ignore_ascii_case(name)) {
            return Err(Diagnostic::error(
                path,
                format!("the header names the column `{name}` twice (columns {} and {}, case does not count)", first + 1, index + 1),
            )
            .at_line(1)
            .help("rename or remove one of the two columns in the export"));
        }
    }
    Ok(())
}

/// The separator used most in the header line, outside quotes: `;`, `,` or a tab.
fn detect_delimiter(first_line: &str) -> char {
    let mut counts = [(';', 0usize), (',', 0), ('\t', 0)];
    let mut quoted = false;
    for c in first_line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                entry.1 += 1;
            }
        }
    }
    // Ties (including a one-column file) go to the comma, the standard separator.
    counts.iter().copied().max_by_key(|(d, n)| (*n, *d == ',')).map_or(',', |(d, _)| d)
}

/// The 1-based line of a record starting at `byte`. The csv crate's own line count is off
/// by one after Windows line ends (it starts the next record at the `\n` of `\r\n`).
fn line_at(text: &str, byte: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = byte.min(bytes.len());
    while start < bytes.len() && (bytes[start] == b'\r' || bytes[start] == b'\n') {
        start += 1;
    }
    bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1
}

/// [`line_at`] for records in file order: counts only the line ends since the previous
/// record, so reading an export stays linear in its size (counting from the start for every
/// row took minutes for 100,000 rows).
struct LineCounter<'a> {
    text: &'a str,
    /// Where counting stopped, and the line ends before it.
    byte: usize,
    line_ends: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text, byte: 0, line_ends: 0 }
    }

    fn line_at(&mut self, byte: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut start = byte.min(bytes.len());
        while start < bytes.len() && (bytes[start] == b'\r' || bytes[start] == b'\n') {
            start += 1;
        }
        if start < self.byte {
            return line_at(self.text, byte);
        }
        self.line_ends += bytes[self.byte..start].iter().filter(|&&b| b == b'\n').count();
        self.byte = start;
        self.line_ends + 1
    }
}

fn csv_problem(err: &csv::Error, text: &str, path: &Path) -> Diagnostic {
    let diagnostic =
        Diagnostic::error(path, format!("the export cannot be read here: {err}")).help("check this row for a quote that is not closed");
    match err.position() {
        Some(position) => diagnostic.at_line(line_at(text, position.byte() as usize)),
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_separator_from_the_header() {
        assert_eq!(detect_delimiter("a;b;c"), ';');
        assert_eq!(detect_delimiter("a,b,c"), ',');
        assert_eq!(detect_delimiter("\"a;b\",c"), ',');
        assert_eq!(detect_delimiter("a"), ',');
        assert_eq!(detect_delimiter("a\tb"), '\t');
    }

    #[test]
    fn twin_columns_are_refused() {
        let err = parse(b"id;Leeftijd;leeftijd\n1;2;3\n", Path::new("x.csv")).unwrap_err();
        assert_eq!(err.0[0].message, "the header names the column `leeftijd` twice (columns 2 and 3, case does not count)");
    }

    #[test]
    fn lines_counted_forward_agree_with_lines_counted_from_the_start() {
        let text = "a,b\r\n1,2\r\n\r\n\"x\ny\",3\n4,5\n";
        let mut counter = LineCounter::new(text);
        for byte in [0, 5, 9, 11, 12, 20, 24] {
            assert_eq!(counter.line_at(byte), line_at(text, byte), "at byte {byte}");
        }
        let export = parse(text.as_bytes(), Path::new("x.csv")).unwrap();
        assert_eq!(export.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4, 6]);
    }

    #[test]
    fn windows_1252_is_decoded() {
        let bytes = b"id;vraag\r\n1;caf\xE9\r\n";
        let export = parse(bytes, Path::new("x.csv")).unwrap();
        assert_eq!(export.encoding, "Windows-1252");
        assert_eq!(export.rows[0].cell(1), "café");
        assert_eq!(export.rows[0].line, 2);
    }
}
