//! The plain-text table of list commands: a header row, then one row per item, columns aligned
//! and two spaces apart.

use std::io::{self, Write};

/// Which side of its column a cell keeps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    /// Text: padded on the right (except in the last column, so lines have no trailing blanks).
    Left,
    /// Numbers: padded on the left.
    Right,
}

/// A column: its header and its alignment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    header: &'static str,
    align: Align,
}

impl Column {
    /// A column of text.
    pub(crate) const fn left(header: &'static str) -> Column {
        Column {
            header,
            align: Align::Left,
        }
    }

    /// A column of numbers.
    pub(crate) const fn right(header: &'static str) -> Column {
        Column {
            header,
            align: Align::Right,
        }
    }
}

/// A table of `N` columns; every row has exactly `N` cells.
#[derive(Debug)]
pub(crate) struct Table<const N: usize> {
    columns: [Column; N],
    rows: Vec<[String; N]>,
}

impl<const N: usize> Table<N> {
    /// An empty table with these columns.
    pub(crate) fn new(columns: [Column; N]) -> Table<N> {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row. Each cell stays on its line: control characters (a line break, an escape
    /// sequence in a name) are shown as escapes.
    pub(crate) fn row(&mut self, cells: [String; N]) {
        self.rows
            .push(cells.map(|cell| crate::sanitize::line(&cell).into_owned()));
    }

    /// Writes the header and the rows, or only the line `empty` when there are no rows.
    pub(crate) fn write(&self, out: &mut dyn Write, empty: &str) -> io::Result<()> {
        if self.rows.is_empty() {
            return writeln!(out, "{empty}");
        }
        let header = self.columns.map(|c| c.header.to_owned());
        let mut widths = [0; N];
        for row in std::iter::once(&header).chain(&self.rows) {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        for row in std::iter::once(&header).chain(&self.rows) {
            writeln!(out, "{}", self.line(row, &widths))?;
        }
        Ok(())
    }

    fn line(&self, row: &[String; N], widths: &[usize; N]) -> String {
        let last = N.saturating_sub(1);
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .zip(&self.columns)
            .enumerate()
            .map(|(i, ((cell, &width), column))| match column.align {
                Align::Right => format!("{cell:>width$}"),
                Align::Left if i == last => cell.clone(),
                Align::Left => format!("{cell:<width$}"),
            })
            .collect();
        cells.join("  ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed<const N: usize>(table: &Table<N>) -> String {
        let mut out = Vec::new();
        table.write(&mut out, "nothing").expect("in memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn columns_are_aligned_under_their_headers() {
        let mut table = Table::new([
            Column::right("ID"),
            Column::left("NAME"),
            Column::right("PORT"),
            Column::left("STATUS"),
        ]);
        table.row(["7".into(), "web".into(), "80".into(), "ACTIVE".into()]);
        table.row(["12".into(), "é-long".into(), "8080".into(), "BUILD".into()]);
        assert_eq!(
            printed(&table),
            "ID  NAME    PORT  STATUS\n 7  web       80  ACTIVE\n12  é-long  8080  BUILD\n"
        );
    }

    #[test]
    fn no_rows_print_the_empty_line_only() {
        let table = Table::new([Column::left("NAME")]);
        assert_eq!(printed(&table), "nothing\n");
    }
}
