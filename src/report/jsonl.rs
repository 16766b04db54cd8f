//! JSON Lines: one finding per line (the finding object of the JSON report), then a last line
//! `{"summary": …, "audit": …}`.

use super::json::{AuditView, FindingView, SummaryView};
use super::{Report, WriteOptions};
use crate::text::sanitize::{JsonFormatter, write_json};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct LastLine<'a> {
    summary: SummaryView,
    audit: AuditView<'a>,
}

pub(crate) fn write(report: &Report, opts: &WriteOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for f in &report.findings {
        let view = FindingView::new(report, f, opts.reveal_personal_data);
        write_json(&mut out, JsonFormatter::compact(), &view)?;
        out.write_all(b"\n")?;
    }
    let last = LastLine {
        summary: SummaryView::new(report),
        audit: AuditView::new(&report.audit, opts),
    };
    write_json(&mut out, JsonFormatter::compact(), &last)?;
    out.write_all(b"\n")?;
    out.flush()
}
