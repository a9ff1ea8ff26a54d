//! A table too wide for a printed sheet: on screen it scrolls sideways in its own box, on
//! paper it is split by columns into parts that each repeat the row labels, so that no
//! figure is cut off and none is shrunk (the appendix by zorgkantoor has 17 columns).

use serde::Serialize;

use super::report::{RowView, TableView};

/// The most columns of figures printed side by side on an A4 portrait sheet: with the row
/// labels, seven columns of a percentage and its interval ("100%", "82–100%") fill the
/// sheet's 178 mm at the report's print size; the heads of group names wrap onto two lines.
pub(super) const PRINT_COLUMNS: usize = 7;

/// One printed part of a wide table: the row labels and some of its columns.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub(super) struct TablePart {
    pub(super) head: Vec<String>,
    pub(super) rows: Vec<RowView>,
}

/// The parts a table prints as, of at most [`PRINT_COLUMNS`] columns of figures each and as
/// even as can be; none when it fits a sheet whole.
pub(super) fn print_parts(table: &TableView) -> Vec<TablePart> {
    let figures = table.head.len().saturating_sub(1);
    if figures <= PRINT_COLUMNS {
        return Vec::new();
    }
    let per_part = figures.div_ceil(figures.div_ceil(PRINT_COLUMNS));
    (0..figures)
        .step_by(per_part)
        .map(|start| {
            let columns = start..(start + per_part).min(figures);
            let mut head = vec![table.head[0].clone()];
            head.extend(table.head[1 + columns.start..1 + columns.end].iter().cloned());
            TablePart { head, rows: table.rows.iter().map(|row| row.columns(columns.clone())).collect() }
        })
        .collect()
}
