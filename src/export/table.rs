//! What the hours exports (planned and `--actual`) print alike: CSV text,
//! a text table of fixed-width columns, and minutes as hours.
//!
//! CSV quoting is the `csv` crate's (a comma or a quote in a name is
//! quoted). A text field that a spreadsheet would run as a formula (one
//! starting with `=`, `+`, `-` or `@`) gets a leading apostrophe, as OWASP
//! advises against CSV injection: names come from records anyone with
//! commit access can write.

/// A text field a spreadsheet will not run as a formula.
pub fn spreadsheet_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// `header` and `rows` as CSV.
pub fn csv_text(rows: Vec<Vec<String>>, header: &[&str]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `3.08` hours of 185 minutes.
pub fn hours(minutes: u64) -> String {
    format!("{:.2}", minutes as f64 / 60.0)
}

/// `3:05` of 185 minutes.
pub fn h_mm(minutes: u64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// A column of a [`TextTable`]: its width, and whether it is aligned right.
#[derive(Debug, Clone, Copy)]
pub enum Col {
    /// Aligned left, padded to this many characters.
    Left(usize),
    /// Aligned right, padded to this many characters.
    Right(usize),
}

/// A table for people: a title, a header line and rows, each cell padded
/// to its column's width and cells parted by one space.
#[derive(Debug)]
pub struct TextTable {
    cols: Vec<Col>,
    text: String,
}

impl TextTable {
    /// A table under `title` of `cols`, each a name (the header) and a
    /// [`Col`].
    pub fn new(title: &str, cols: &[(&str, Col)]) -> TextTable {
        let mut t = TextTable {
            cols: cols.iter().map(|c| c.1).collect(),
            text: format!("{title}\n\n"),
        };
        let header: Vec<&str> = cols.iter().map(|c| c.0).collect();
        t.row(&header);
        t
    }

    /// Adds a line of `cells`, one a column (a shorter line leaves the last
    /// columns out).
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        let line: Vec<String> = self
            .cols
            .iter()
            .zip(cells)
            .map(|(col, cell)| match *col {
                Col::Left(w) => format!("{:<w$}", cell.as_ref()),
                Col::Right(w) => format!("{:>w$}", cell.as_ref()),
            })
            .collect();
        self.text.push_str(&line.join(" "));
        self.text.push('\n');
    }

    /// Adds text as it is (a group's heading, say).
    pub fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// The table's text.
    pub fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_quoting_is_csv() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("Ellis, \"Peggy\""), "Ellis, \"Peggy\"");
        let text = csv_text(
            vec![vec!["Ellis, \"Peggy\"".to_owned(), "1".to_owned()]],
            &["name", "n"],
        )
        .expect("csv");
        assert_eq!(text, "name,n\n\"Ellis, \"\"Peggy\"\"\",1\n");
        assert_eq!(h_mm(185), "3:05");
        assert_eq!(hours(185), "3.08");
    }

    #[test]
    fn cells_are_padded_to_their_column() {
        let mut t = TextTable::new("T", &[("a", Col::Left(4)), ("b", Col::Right(3))]);
        t.row(&["xy", "1"]);
        t.row(&["only"]);
        assert_eq!(t.finish(), "T\n\na      b\nxy     1\nonly\n");
    }
}
