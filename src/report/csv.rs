//! CSV: one finding per row. Cells that a spreadsheet would take for a formula are neutralised.

use super::{Report, WriteOptions};
use std::borrow::Cow;
use std::io::{self, Write};

const HEADER: [&str; 15] = [
    "fingerprint",
    "rule",
    "name",
    "family",
    "severity",
    "penalty",
    "repeated",
    "record_id",
    "source_id",
    "file",
    "line",
    "message",
    "basis",
    "excerpt",
    "waiver",
];

/// The columns that identify a record: `record_id`, `source_id`, `file`.
const IDENTIFYING: [usize; 3] = [7, 8, 9];

/// Whether a cell would be taken for a formula: it starts with a tab or a carriage return, or
/// its first character after any leading white space is `=`, `+`, `-` or `@`. White space is
/// Unicode's (spaces, tabs, line feeds, no-break and other typographic spaces): spreadsheets
/// trim it on import (Google Sheets always, LibreOffice Calc with "Trim spaces"), and
/// `  =HYPERLINK(…)` or a no-break space before `@…` would then start a formula.
fn starts_formula(cell: &str) -> bool {
    matches!(cell.as_bytes().first(), Some(b'\t' | b'\r'))
        || matches!(
            cell.trim_start().chars().next(),
            Some('=' | '+' | '-' | '@')
        )
}

/// Prefixes with `'` a cell that would start a formula ([`starts_formula`]: `=`, `+`, `-`, `@`,
/// after leading white space or not, a tab or a carriage return), so that no spreadsheet
/// evaluates corpus text as a formula (CSV injection).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if starts_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell `read` as written, `shown` as the cell shows it: prefixed with `'` when it starts a
/// formula as read or as shown (a leading tab shown as a space is prefixed all the same, as
/// SPEC 4 asks).
fn prefixed(read: &str, shown: Cow<'_, str>) -> String {
    if starts_formula(read) {
        format!("'{shown}")
    } else {
        neutralise(&shown).into_owned()
    }
}

/// A cell as written: no control character raw (line feeds aside, which the CSV writer
/// quotes), and no formula ([`prefixed`]).
fn cell(c: &str) -> String {
    prefixed(c, crate::text::sanitize::for_terminal(c, true))
}

/// A cell that identifies a record (`record_id`, `source_id`, `file`): as read, tabs, carriage
/// returns and line feeds included, which the CSV writer quotes, so that the id can be looked
/// up in the corpus (`\tTAB4` is not ` TAB4`); prefixed when it starts a formula, as every
/// cell. The other control and invisible characters are still shown as visible stand-ins
/// ([`for_terminal`](crate::text::sanitize::for_terminal)): an escape sequence, a C1 control or
/// a bidirectional override would act on a terminal the file is printed on, and no id needs
/// them; the JSON report keeps such an id exactly, escaped.
fn id_cell(c: &str) -> String {
    use crate::text::sanitize::for_terminal;
    let mut shown = String::with_capacity(c.len() + 1);
    let mut from = 0;
    for (i, ch) in c.char_indices() {
        if matches!(ch, '\t' | '\r' | '\n') {
            shown.push_str(&for_terminal(&c[from..i], true));
            shown.push(ch);
            from = i + ch.len_utf8();
        }
    }
    shown.push_str(&for_terminal(&c[from..], true));
    prefixed(c, Cow::Owned(shown))
}

pub(crate) fn write(report: &Report, opts: &WriteOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for f in &report.findings {
        let info = f.rule.info();
        let fingerprint = f.fingerprint();
        let r = f.record.as_ref();
        let file = r
            .and_then(|r| report.files.get(r.file_index as usize))
            .map(String::as_str)
            .unwrap_or("");
        let line = r.map(|r| r.line.to_string()).unwrap_or_default();
        let excerpt = f
            .evidence
            .as_ref()
            .and_then(|e| super::exported_excerpts(e, opts.reveal_personal_data).0)
            .unwrap_or_default();
        let waiver = report
            .waivers
            .get(&fingerprint)
            .map(|w| {
                let status = match w.status {
                    super::WaiverStatus::Reviewed => "reviewed",
                    super::WaiverStatus::Accepted => "accepted",
                };
                if w.note.is_empty() {
                    status.to_string()
                } else {
                    format!("{status}: {}", w.note)
                }
            })
            .unwrap_or_default();
        let basis = report.basis(f).join("; ");
        let message = super::exported_message(f, opts.reveal_personal_data);
        let cells: [&str; 15] = [
            &fingerprint,
            info.code,
            info.name,
            info.family.as_str(),
            f.severity.as_str(),
            f.penalty.as_str(),
            if f.repeated { "true" } else { "false" },
            r.and_then(|r| r.id.as_deref()).unwrap_or(""),
            r.and_then(|r| r.source_id.as_deref()).unwrap_or(""),
            file,
            &line,
            &message,
            &basis,
            &excerpt,
            &waiver,
        ];
        // Corpus text is untrusted: a CSV printed to a terminal must not run its escape
        // sequences, and no cell may start a formula. The cells that identify the record keep
        // its white space as read (`id_cell`).
        w.write_record(cells.iter().enumerate().map(|(i, c)| {
            if IDENTIFYING.contains(&i) {
                id_cell(c)
            } else {
                cell(c)
            }
        }))?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{HEADER, IDENTIFYING, cell, id_cell, neutralise};

    #[test]
    fn identifying_cells_keep_their_white_space() {
        assert_eq!(HEADER[IDENTIFYING[0]], "record_id");
        assert_eq!(HEADER[IDENTIFYING[1]], "source_id");
        assert_eq!(HEADER[IDENTIFYING[2]], "file");
        // Prefixed as a formula start, but the tab, carriage return or line feed as read.
        assert_eq!(id_cell("\tTAB4"), "'\tTAB4");
        assert_eq!(id_cell("\rCR5"), "'\rCR5");
        assert_eq!(id_cell("a\tb\r\nc"), "a\tb\r\nc");
        assert_eq!(id_cell("=1+10"), "'=1+10");
        assert_eq!(id_cell("jp-00000012"), "jp-00000012");
        // What would act on a terminal is still shown, not written.
        assert_eq!(id_cell("\tx\u{1b}[31m\u{202e}y"), "'\tx␛[31m�y");
        assert_eq!(id_cell("\u{9b}2J"), "�2J");
    }

    #[test]
    fn formula_starts_are_prefixed() {
        for s in ["=1+1", "+33", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        // After white space that a spreadsheet trims on import: spaces, a no-break space, an
        // ideographic space, a line feed, a tab after spaces.
        for s in [
            " =x",
            "  =HYPERLINK(\"http://x\")",
            "\u{a0}@SUM(1+1)",
            "\u{202f}+33",
            "\u{3000}-2",
            "\n=x",
            "  \t=x",
        ] {
            assert_eq!(neutralise(s), format!("'{s}"), "{s:?}");
        }
        for s in [
            "",
            "   ",
            "M. K",
            "'=x",
            " 'x",
            "20-23.523",
            " a=b",
            "\u{a0}x-1",
        ] {
            assert_eq!(neutralise(s), s, "{s:?}");
        }
        // Prefixed as read, whatever its control characters become.
        for (s, want) in [
            ("\tx", "' x"),
            ("\rx", "'⏎x"),
            ("=1+1", "'=1+1"),
            ("x\ty", "x y"),
            ("\u{a0}@x", "'\u{a0}@x"),
            ("  \t=x", "'   =x"),
        ] {
            assert_eq!(cell(s), want, "{s:?}");
        }
    }
}
