//! The CSV export, read once: its header, its rows with their spreadsheet
//! row numbers, and typed getters for a row's cells through the mapping.

use super::{ImportError, MAX_CSV_BYTES, Mapping};
use crate::diag::nearest;
use crate::model::values::Time;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::HashMap;
use std::path::Path;

/// A CSV file with the columns the mapping names located.
#[derive(Debug)]
pub struct Table {
    records: Vec<csv::StringRecord>,
    /// carebook field → column index.
    columns: HashMap<String, usize>,
    mapping: Mapping,
}

impl Table {
    /// Reads the CSV at `path` and finds each column `mapping` names in
    /// its header.
    pub fn read(path: &Path, mapping: Mapping) -> Result<Table, ImportError> {
        let fail = |message: String, help: Option<String>| ImportError::Csv {
            path: path.to_path_buf(),
            message,
            help,
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        let bytes = crate::fsutil::read_bounded(dir, path, MAX_CSV_BYTES)
            .map_err(|e| fail(format!("cannot read it: {}", e.reason()), None))?;
        // A spreadsheet's byte-order mark is not part of the first header.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| fail(format!("cannot read its header: {e}"), None))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let mut columns = HashMap::new();
        for (field, header) in &mapping.columns {
            let Some(i) = headers.iter().position(|h| h == header.trim()) else {
                let help = match nearest(header, headers.iter().map(String::as_str)) {
                    Some(n) => format!("did you mean `{n}`? Correct `{field}:` in the mapping"),
                    None => format!("its columns are: {}", headers.join(", ")),
                };
                return Err(fail(
                    format!("no column `{header}` (mapped to `{field}`) in the header"),
                    Some(help),
                ));
            };
            columns.insert(field.clone(), i);
        }
        let mut records = Vec::new();
        for (i, r) in reader.records().enumerate() {
            let r = r.map_err(|e| {
                fail(
                    format!("row {}: {e}", i + 2),
                    Some("save the export again as CSV (UTF-8)".into()),
                )
            })?;
            records.push(r);
        }
        Ok(Table {
            records,
            columns,
            mapping,
        })
    }

    /// The mapping the table was read with.
    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// Every data row, in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records.iter().enumerate().map(|(i, record)| Row {
            number: i + 2,
            record,
            table: self,
        })
    }

    /// How many data rows.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// One data row.
#[derive(Debug, Clone, Copy)]
pub struct Row<'t> {
    /// Its row number as a spreadsheet shows it (the header is row 1).
    pub number: usize,
    record: &'t csv::StringRecord,
    table: &'t Table,
}

impl<'t> Row<'t> {
    /// The column header mapped to `field`, for messages.
    pub fn column(&self, field: &str) -> String {
        let header = self
            .table
            .mapping
            .columns
            .get(field)
            .map_or(field, String::as_str);
        format!("column `{header}`")
    }

    /// The cell of `field`, trimmed and translated through `values:`;
    /// `None` when the field is not mapped or the cell is empty.
    pub fn text(&self, field: &str) -> Option<&'t str> {
        let i = *self.table.columns.get(field)?;
        let cell = self.record.get(i)?.trim();
        if cell.is_empty() {
            return None;
        }
        Some(self.table.mapping.translate(field, cell))
    }

    /// The cell of `field` split on the list separator, each part trimmed
    /// and translated.
    pub fn list(&self, field: &str) -> Vec<&'t str> {
        let Some(i) = self.table.columns.get(field) else {
            return Vec::new();
        };
        let Some(cell) = self.record.get(*i) else {
            return Vec::new();
        };
        let sep = self.table.mapping.list_separator.as_str();
        cell.split(sep)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| self.table.mapping.translate(field, s))
            .collect()
    }

    /// The date in the cell of `field`, read with `date_format`.
    pub fn date(&self, field: &str) -> Result<Option<NaiveDate>, String> {
        let Some(cell) = self.text(field) else {
            return Ok(None);
        };
        let format = &self.table.mapping.date_format;
        NaiveDate::parse_from_str(cell, format)
            .or_else(|_| NaiveDateTime::parse_from_str(cell, format).map(|d| d.date()))
            .map(Some)
            .map_err(|_| {
                format!(
                    "`{cell}` in {} is not a date written as `{format}`",
                    self.column(field)
                )
            })
    }

    /// The time of day in the cell of `field`, read with `time_format`
    /// (a date and time keeps its time).
    pub fn time(&self, field: &str) -> Result<Option<Time>, String> {
        use chrono::Timelike;
        let Some(cell) = self.text(field) else {
            return Ok(None);
        };
        let format = &self.table.mapping.time_format;
        NaiveTime::parse_from_str(cell, format)
            .or_else(|_| NaiveDateTime::parse_from_str(cell, format).map(|d| d.time()))
            .ok()
            .and_then(|t| u16::try_from(t.hour() * 60 + t.minute()).ok())
            .map(|m| Some(Time(m)))
            .ok_or_else(|| {
                format!(
                    "`{cell}` in {} is not a time written as `{format}`",
                    self.column(field)
                )
            })
    }
}
