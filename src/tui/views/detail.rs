//! One finding: the rule and its articles, the record's identification beside the reference's,
//! and the diff of the texts scrolled to the offending span.

use super::{more_line, penalty_style, position, severity_style, titled, wrapped};
use crate::model::Personal;
use crate::report::exported_message;
use crate::report::redact::redact;
use crate::rules::article_text;
use crate::text::sanitize::for_terminal;
use crate::tui::app::App;
use crate::tui::diff::{WrapKey, wrap, wrap_diff};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(d) = &app.detail else {
        if let Some(o) = &app.opening {
            draw_opening(frame, app, o.finding, area);
        } else {
            frame.render_widget(Paragraph::new("no finding selected"), area);
        }
        return;
    };
    let f = &app.report.findings[d.finding as usize];

    // The finding.
    let info = f.rule.info();
    let mut l1 = vec![
        Span::styled(info.code, Style::default().add_modifier(Modifier::BOLD)),
        Span::raw(format!(" {}  ", info.name)),
        Span::styled(f.severity.as_str(), severity_style(f.severity)),
        Span::raw("  penalty "),
        Span::styled(f.penalty.as_str(), penalty_style(f.penalty)),
        Span::raw(format!("  {}", info.family.as_str())),
    ];
    if f.repeated {
        l1.push(Span::styled("  repeated", Style::default().fg(Color::Red)));
    }
    if f.source_defect {
        l1.push(Span::styled(
            "  source defect (report it to the court)",
            Style::default().fg(Color::Cyan),
        ));
    }
    let mut record_line = match &f.record {
        Some(r) => format!(
            "record {}  source {}  {}:{}",
            for_terminal(r.id.as_deref().unwrap_or("(no id)"), false),
            for_terminal(r.source_id.as_deref().unwrap_or("—"), false),
            for_terminal(app.file_name(r.file_index).unwrap_or("?"), false),
            r.line
        ),
        None => "the corpus as a whole".into(),
    };
    // With a mapping, the field as the reuser's schema names it (`meta.juridiction.chambre
    // (formation)`): the identification table below names vigie's fields.
    if let Some(e) = f.evidence.as_ref().filter(|e| !e.field.is_empty())
        && app.report.audit.mapping.is_some()
    {
        record_line.push_str(&format!(
            "  field {}",
            for_terminal(&app.report.field_label(&e.field), false)
        ));
    }
    let waiver = match app.waiver_of(f) {
        Some(w) => format!(
            "waiver: {} {} {}",
            match w.status {
                crate::report::WaiverStatus::Reviewed => "reviewed",
                crate::report::WaiverStatus::Accepted => "accepted",
            },
            for_terminal(&w.at, false),
            for_terminal(&w.note, false)
        ),
        None => "no waiver".into(),
    };
    let pos = app
        .order
        .iter()
        .position(|&i| i == d.finding)
        .map_or_else(|| "—".into(), |p| (p + 1).to_string());
    let head_lines = vec![
        Line::from(l1),
        Line::raw(for_terminal(&exported_message(f, app.reveal), false).into_owned()),
        Line::raw(record_line),
        Line::from(Span::styled(waiver, Style::default().fg(Color::Cyan))),
    ];
    if area.height < MIN_HEIGHT {
        super::too_small(frame, area, "the finding", MIN_HEIGHT);
        return;
    }
    // The lines wrapped, so that a long message (FRE003's) is read whole: as many rows as they
    // take, up to eight, the rest for the identification and the diff.
    let rows = Paragraph::new(head_lines.clone())
        .wrap(Wrap { trim: false })
        .line_count(area.width.saturating_sub(2));
    // On a short screen, the panel the finding is about keeps its rows: the text's diff (eight
    // rows at least) for a finding on a text, the identification (eleven) otherwise; the other
    // gets what is left, four rows at least.
    let head_h = rows.min(8) as u16 + 2;
    let on_text = f
        .evidence
        .as_ref()
        .is_some_and(|e| matches!(&*e.field, "text" | "commentary"));
    let left = area.height.saturating_sub(head_h);
    // Under 100 columns the identification takes the whole width, or the values it compares
    // would be cut; the articles are a key away (the articles view).
    let articles_share = if area.width < 100 { 0 } else { 45 };
    let split = Layout::horizontal([
        Constraint::Percentage(100 - articles_share),
        Constraint::Percentage(articles_share),
    ]);
    let ident_rows = ident_rows(app, d);
    // Eleven rows (a line to each value), or more when values wrap, as the screen allows.
    let [ident_w, _] = Rect::new(0, 0, area.width, 1).layout(&split);
    let ident_h = if f.rule == crate::rules::Rule::IN001 {
        11
    } else {
        ident_height(&ident_rows, ident_w.width).max(11)
    };
    let mid_h = if on_text {
        left.saturating_sub(8).clamp(4, ident_h)
    } else {
        ident_h.min(left.saturating_sub(4)).max(4)
    };
    let [head, mid, diff] = area.layout(&Layout::vertical([
        Constraint::Length(head_h),
        Constraint::Length(mid_h),
        Constraint::Min(3),
    ]));
    // On a short screen the head's last row says how many more it has.
    let block = titled(
        &format!(" Finding {pos}/{} · {} ", app.order.len(), f.fingerprint()),
        head.width,
    );
    let inner = block.inner(head);
    frame.render_widget(block, head);
    wrapped(frame, head_lines, inner, false);

    let [ident, articles] = mid.layout(&split);
    draw_identification(frame, app, d, ident_rows, ident);
    if articles.width > 0 {
        draw_articles_panel(frame, app, f, articles);
    }
    draw_diff(frame, app, d, diff);
}

/// The fewest rows the detail's three panels are drawn in: a line inside each.
const MIN_HEIGHT: u16 = 9;

/// A finding being opened: what it is, and that its texts are being read and compared.
fn draw_opening(frame: &mut Frame<'_>, app: &App, i: u32, area: Rect) {
    let f = &app.report.findings[i as usize];
    let key = |a| app.keymap.hint(crate::tui::keymap::Section::Detail, a);
    let lines = vec![
        Line::from(vec![
            Span::styled(f.rule.code(), Style::default().add_modifier(Modifier::BOLD)),
            Span::raw(format!(" {}", f.rule.info().name)),
        ]),
        Line::raw(for_terminal(&exported_message(f, app.reveal), false).into_owned()),
        Line::raw(""),
        Line::from(Span::styled(
            "loading… reading the record and the reference again, comparing their texts",
            Style::default().fg(Color::Yellow),
        )),
        Line::raw(format!(
            "{} back to the list  {} next  {} previous",
            key(crate::tui::keymap::Action::Back),
            key(crate::tui::keymap::Action::Next),
            key(crate::tui::keymap::Action::Previous)
        )),
    ];
    let block = titled(" Opening the finding ", area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    wrapped(frame, lines, inner, false);
}

/// The articles that apply to the finding's decision (its producer's conditions), beside the
/// identification.
fn draw_articles_panel(frame: &mut Frame<'_>, app: &App, f: &crate::model::Finding, area: Rect) {
    let basis = app.report.basis(f);
    let mut art = Vec::new();
    if basis.is_empty() {
        art.push(Line::raw("no article: an input or verification notice"));
    }
    for b in basis.iter() {
        art.push(Line::from(Span::styled(
            b,
            Style::default().add_modifier(Modifier::BOLD),
        )));
        let text = article_text(b).unwrap_or("(article text not available)");
        art.extend(text.lines().map(Line::raw));
    }
    art.push(Line::from(Span::styled(
        f.rule.info().fires_when,
        Style::default().fg(Color::DarkGray),
    )));
    let block = titled(" Articles enforced ", area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    wrapped(frame, art, inner, true);
}

/// One row of the identification table: how the values compare, the field, the record's value
/// and the reference's (raw: sanitised when drawn).
struct IdentRow {
    mark: Span<'static>,
    name: &'static str,
    record: String,
    reference: String,
    /// For the row of the reference copy the record was compared with: its id at the source
    /// and where vigie read it, drawn in the reference's column (the record's is blank).
    copy: Option<(String, String)>,
}

/// The name of the row that says which reference copy the record was compared with.
const COPY_ROW: &str = "compared with";

/// The rows of the identification table of the finding `d` shows.
fn ident_rows(app: &App, d: &crate::tui::app::Detail) -> Vec<IdentRow> {
    let f = &app.report.findings[d.finding as usize];
    // The fields the engine found at fault for this record.
    let faulty: Vec<String> = app
        .same_record(d.finding)
        .filter_map(|g| g.evidence.as_ref().map(|e| e.field.to_string()))
        .collect();
    let rec = d.record.as_ref();
    let refd = d.reference.as_ref();
    let s = |o: Option<&String>| o.map_or(String::new(), |v| v.to_string());
    let rows_data: Vec<(&str, String, String)> = vec![
        (
            "source_id",
            rec.map_or_else(
                || s(f.record.as_ref().and_then(|r| r.source_id.as_ref())),
                |r| s(r.source_id.as_ref()),
            ),
            refd.map_or(String::new(), |r| r.id.clone()),
        ),
        (
            "jurisdiction",
            s(rec.and_then(|r| r.jurisdiction.as_ref())),
            s(refd.and_then(|r| r.jurisdiction.as_ref())),
        ),
        (
            "formation",
            s(rec.and_then(|r| r.formation.as_ref())),
            refd.map_or(String::new(), |r| {
                [r.chamber.as_deref(), r.formation.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" / ")
            }),
        ),
        (
            "seat",
            s(rec.and_then(|r| r.seat.as_ref())),
            s(refd.and_then(|r| r.seat.as_ref())),
        ),
        (
            "decision_date",
            s(rec.and_then(|r| r.decision_date.as_ref())),
            refd.and_then(|r| r.decision_date)
                .map_or(String::new(), |d| d.to_string()),
        ),
        (
            "number",
            s(rec.and_then(|r| r.number.as_ref())),
            refd.map_or(String::new(), |r| r.numbers.join(", ")),
        ),
        (
            "attribution",
            s(rec.and_then(|r| r.attribution.as_ref())),
            refd.map_or(String::new(), |r| r.producer.label().to_string()),
        ),
        (
            "updated_at",
            rec.and_then(|r| r.updated_at.as_deref())
                .map_or(String::new(), written_update),
            // A day alone as the source gives it, not as the instant it starts at; without one
            // in the reference, the update the history dates, which FRE002 rests on.
            refd.and_then(|r| r.update_date)
                .map(moment)
                .or_else(|| history_update(app, d.finding))
                .unwrap_or_default(),
        ),
    ];
    let copy = f
        .record
        .as_ref()
        .and_then(|r| r.compared_with.as_deref())
        .map(|c| IdentRow {
            mark: Span::raw(" "),
            name: COPY_ROW,
            record: String::new(),
            reference: String::new(),
            copy: Some((c.id.clone(), c.origin.clone())),
        });
    let mut rows: Vec<IdentRow> = rows_data
        .into_iter()
        .map(|(name, a, b)| {
            let mark = if faulty.iter().any(|x| x == name) && a.trim().is_empty() {
                // At fault for being missing: nothing differs, the record has no value.
                Span::styled(
                    MISSING,
                    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                )
            } else if faulty.iter().any(|x| x == name) {
                Span::styled(
                    "≠",
                    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                )
            } else if let (Some(field), Some(reference), false, false) = (
                id_field(name),
                refd,
                a.trim().is_empty(),
                b.trim().is_empty(),
            ) {
                // Compared as the engine compares them (SPEC 2.2).
                match crate::ident::compare(field, &a, reference) {
                    crate::ident::Comparison::Equal if a.trim().eq_ignore_ascii_case(b.trim()) => {
                        Span::raw(" ")
                    }
                    // Spelled differently; the engine finds them equivalent.
                    crate::ident::Comparison::Equal => {
                        Span::styled("~", Style::default().fg(Color::DarkGray))
                    }
                    // A value vigie cannot read (`10/31/2023`): neither equal nor at fault.
                    crate::ident::Comparison::Unknown => {
                        Span::styled("?", Style::default().fg(Color::Yellow))
                    }
                    crate::ident::Comparison::Different { .. } => Span::styled(
                        "≠",
                        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                    ),
                }
            } else {
                Span::raw(" ")
            };
            IdentRow {
                mark,
                name,
                record: a,
                reference: b,
                copy: None,
            }
        })
        .collect();
    // After the source_id, which it answers: the copy that id led to.
    if let Some(copy) = copy {
        rows.insert(1, copy);
    }
    rows
}

/// A moment as the source gives it: a day alone, or an instant in UTC and in Paris time, as
/// the reports quote it (`2026-10-19 05:00 UTC, 07:00 in Paris`).
fn moment(m: crate::ident::Moment) -> String {
    match m {
        crate::ident::Moment::Date(d) => d.to_string(),
        crate::ident::Moment::Instant(t) => {
            crate::rules::freshness::as_written(t, Some(jiff::tz::Offset::UTC), true)
        }
    }
}

/// A record's date of last update: an instant as the reports quote it, as the corpus wrote it,
/// then in UTC and in Paris time (`2026-11-18 08:00 -05:00, 13:00 UTC, 14:00 in Paris`); a day
/// alone, or what vigie cannot read as a date, as it is.
fn written_update(v: &str) -> String {
    match crate::ident::parse_written_moment(v) {
        Some((crate::ident::Moment::Instant(t), offset)) => {
            crate::rules::freshness::as_written(t, offset, true)
        }
        _ => v.to_string(),
    }
}

/// When the source updated the decision of finding `i`'s record, as its FRE002 says (from the
/// history), marked as the history's.
fn history_update(app: &App, i: u32) -> Option<String> {
    use crate::model::Fact;
    app.same_record(i)
        .filter(|g| g.rule == crate::rules::Rule::FRE002)
        .find_map(|g| match &g.fact {
            Fact::UpdatedAfterLoad(a) => Some(moment(a.source)),
            Fact::SameDayAsLoad(d) | Fact::SourceDay(Some(d)) => Some(d.to_string()),
            _ => None,
        })
        .map(|m| format!("{m} (history)"))
}

/// The mark of a field at fault for being missing from the record (ATT001, INT007's
/// `source_id`): nothing to say it differs from.
const MISSING: &str = "∅";

/// The widths of the identification table's columns in `width` columns (its borders
/// included): the mark, the field, the record's value, the reference's.
fn ident_widths(width: u16) -> [u16; 4] {
    let inner = Rect::new(0, 0, width.saturating_sub(2), 1);
    let cols = Layout::horizontal(IDENT_COLUMNS)
        .flex(ratatui::layout::Flex::Start)
        .spacing(1)
        .split(inner);
    [cols[0].width, cols[1].width, cols[2].width, cols[3].width]
}

const IDENT_COLUMNS: [Constraint; 4] = [
    Constraint::Length(1),
    Constraint::Length(13),
    Constraint::Percentage(50),
    Constraint::Percentage(50),
];

/// The lines of each row's values in the columns `widths` gives, each value on `cap` lines at
/// most, its end replaced by `…` when it takes more.
fn ident_lines(rows: &[IdentRow], widths: [u16; 4], cap: usize) -> Vec<[Vec<String>; 2]> {
    let lines = |v: &str, w: u16| -> Vec<String> {
        if v.is_empty() {
            return vec![String::new()];
        }
        super::wrap_lines(&for_terminal(v, false), usize::from(w).max(1), cap)
    };
    rows.iter()
        .map(|r| match &r.copy {
            // Two lines at most: the text's diff below is worth more rows than the copy's path.
            Some((id, origin)) => [Vec::new(), copy_lines(id, origin, widths[3], cap.min(2))],
            None => [lines(&r.record, widths[2]), lines(&r.reference, widths[3])],
        })
        .collect()
}

/// The lines of the reference copy's id and origin in `width` columns, on `cap` lines at most
/// (sanitised): on one line when they fit, else the id on a line of its own and the origin
/// on the others. What is too long loses its start, marked `…`
/// (`…/dila-cass/JURITEXT000048176061.xml`): the end of an id or an origin (the file and
/// the line) is what tells copies apart.
fn copy_lines(id: &str, origin: &str, width: u16, cap: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let w = usize::from(width).max(1);
    let id = for_terminal(id, false);
    let origin = for_terminal(origin, false);
    let one_line = format!("{id} {origin}");
    if one_line.width() <= w {
        return vec![one_line];
    }
    if cap >= 2 {
        let mut out = tail_lines(&id, w, 1);
        out.extend(tail_lines(&origin, w, cap - 1));
        return out;
    }
    // One line: the id, and the origin's end if a few characters of it fit, else `…` for it.
    if id.width() + 1 + 8 <= w {
        let rest = w - id.width() - 1;
        return vec![format!("{id} {}", tail_lines(&origin, rest, 1).concat())];
    }
    if id.width() + 2 <= w {
        return vec![format!("{id} …")];
    }
    super::wrap_lines(&one_line, w, 1)
}

/// `s` in lines of `w` columns, `n` lines at most: wrapped when it fits, else its end on `n`
/// full lines, the first starting with `…`.
fn tail_lines(s: &str, w: usize, n: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let n = n.max(1);
    let wrapped = super::wrap_lines(s, w, n + 1);
    if wrapped.len() <= n {
        return wrapped;
    }
    // The last `w * n - 1` columns, after an ellipsis, cut every `w` columns.
    let room = (w * n).saturating_sub(1);
    let mut kept = Vec::new();
    let mut cols = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if cols + cw > room {
            break;
        }
        cols += cw;
        kept.push(c);
    }
    let mut out = Vec::new();
    let mut line = String::from('…');
    let mut line_cols = 1;
    for c in kept.into_iter().rev() {
        let cw = c.width().unwrap_or(0);
        if line_cols + cw > w {
            out.push(std::mem::take(&mut line));
            line_cols = 0;
        }
        line.push(c);
        line_cols += cw;
    }
    out.push(line);
    out
}

/// The most lines a value of the identification table takes.
const IDENT_VALUE_LINES: usize = 6;

/// The rows the identification table takes (its borders and header included) with every
/// value whole, or on [`IDENT_VALUE_LINES`] lines.
fn ident_height(rows: &[IdentRow], width: u16) -> u16 {
    let lines = ident_lines(rows, ident_widths(width), IDENT_VALUE_LINES);
    let rows: usize = lines.iter().map(|[a, b]| a.len().max(b.len())).sum();
    u16::try_from(rows + 3).unwrap_or(u16::MAX)
}

fn draw_identification(
    frame: &mut Frame<'_>,
    app: &App,
    d: &crate::tui::app::Detail,
    rows: Vec<IdentRow>,
    area: Rect,
) {
    let f = &app.report.findings[d.finding as usize];
    let rec = d.record.as_ref();
    let refd = d.reference.as_ref();
    if f.rule == crate::rules::Rule::IN001 {
        draw_unreadable_line(frame, app, f, area);
        return;
    }
    let missing = rows.iter().any(|r| r.mark.content == MISSING);
    let title = match (rec.is_some(), refd.is_some()) {
        (true, true) if missing => " Identification: ≠ differs ~ spelling ? unreadable ∅ missing ",
        (true, true) => " Identification: ≠ differs ~ spelling ? unreadable ",
        (true, false) if missing => " Identification: record | (no reference) · ∅ missing ",
        (true, false) => " Identification: record | (no reference) ",
        _ if f.record.is_none() => " Identification: none, a finding on the corpus as a whole ",
        _ if d.record_changed => " Identification: the record changed since the audit ",
        _ if app.state != crate::tui::app::AuditState::Finished => {
            " Identification (record not read yet: the audit is running) "
        }
        _ => " Identification: the record could not be read again ",
    };
    let block = titled(title, area.width);
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if d.record_changed && inner.height > 0 {
        // Said first, whole: the record's column is empty for that reason.
        let notice = Paragraph::new(Line::from(Span::styled(
            format!(
                "{}; the finding's evidence is the audit's",
                crate::tui::app::RECORD_CHANGED
            ),
            Style::default().fg(Color::Yellow),
        )))
        .wrap(Wrap { trim: false });
        let h = (notice.line_count(inner.width) as u16).min(inner.height);
        let [top, rest] = inner.layout(&Layout::vertical([
            Constraint::Length(h),
            Constraint::Min(0),
        ]));
        frame.render_widget(notice, top);
        inner = rest;
    }
    if inner.height == 0 {
        return;
    }
    // A value wider than its column wraps, on as many lines as the panel leaves (six at
    // most): one that is still too long ends in `…`, never cut without a mark.
    let widths = ident_widths(area.width);
    let room = usize::from(inner.height.saturating_sub(1));
    let mut cap = IDENT_VALUE_LINES;
    let mut lines = ident_lines(&rows, widths, cap);
    let height = |lines: &[[Vec<String>; 2]]| -> usize {
        lines.iter().map(|[a, b]| a.len().max(b.len())).sum()
    };
    while cap > 1 && height(&lines) > room {
        cap -= 1;
        lines = ident_lines(&rows, widths, cap);
    }
    // Still too many rows for the panel: the fields that differ are kept first, then those
    // vigie cannot read, those spelled otherwise, the others last, and the last row names
    // the fields left out. The header goes before a field does, when the panel is that short.
    let header = height(&lines) <= room || inner.height >= 3;
    let slots = if height(&lines) <= room {
        rows.len()
    } else {
        usize::from(inner.height) - usize::from(header) - 1
    };
    let rank = |r: &IdentRow| match r.mark.content.as_ref() {
        "≠" | MISSING => 0,
        "?" => 1,
        "~" => 2,
        _ => 3,
    };
    let mut keep: Vec<usize> = (0..rows.len()).collect();
    keep.sort_by_key(|&i| rank(&rows[i]));
    keep.truncate(slots);
    keep.sort_unstable();
    let left_out: Vec<&str> = (0..rows.len())
        .filter(|i| !keep.contains(i))
        .map(|i| rows[i].name)
        .collect();
    let show = |v: Vec<String>| -> Text<'static> {
        if v.is_empty() {
            // The record's side of the reference copy's row: nothing to compare.
            Text::default()
        } else if v.len() == 1 && v[0].is_empty() {
            Text::from(Span::styled("—", Style::default().fg(Color::DarkGray)))
        } else {
            Text::from(v.into_iter().map(Line::raw).collect::<Vec<_>>())
        }
    };
    let table_rows: Vec<Row<'static>> = rows
        .into_iter()
        .zip(lines)
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, (r, [a, b]))| {
            let height = a.len().max(b.len()) as u16;
            Row::new(vec![
                Cell::from(r.mark),
                Cell::from(r.name),
                Cell::from(show(a)),
                Cell::from(show(b)),
            ])
            .height(height)
        })
        .collect();
    let mut table = Table::new(table_rows, widths.map(Constraint::Length));
    if header {
        table = table.header(
            Row::new(vec!["", "field", "record", "reference"])
                .style(Style::default().add_modifier(Modifier::BOLD)),
        );
    }
    if left_out.is_empty() {
        frame.render_widget(table, inner);
        return;
    }
    let more = more_line(
        left_out.len(),
        &format!(
            "field{}: {}",
            if left_out.len() == 1 { "" } else { "s" },
            left_out.join(", ")
        ),
    );
    super::above_last_row(frame, table, inner, more);
}

/// An unreadable line (IN001) has no identification: where it is, that nothing can be
/// compared, and the line as the evidence gives it, if it does.
fn draw_unreadable_line(frame: &mut Frame<'_>, app: &App, f: &crate::model::Finding, area: Rect) {
    let mut lines = Vec::new();
    if let Some(r) = &f.record {
        let file = app.file_name(r.file_index).unwrap_or("the corpus");
        lines.push(Line::raw(format!(
            "{}, line {}{}: not a record vigie could read, so there is nothing to compare",
            for_terminal(file, false),
            r.line,
            if r.column > 1 {
                format!(", column {}", r.column)
            } else {
                String::new()
            }
        )));
        if let Some(id) = &r.id {
            lines.push(Line::raw(format!(
                "its id, as read: {}",
                for_terminal(id, false)
            )));
        }
    }
    if let Some(x) = f.evidence.as_ref().and_then(|e| e.excerpt.as_deref()) {
        lines.push(Line::from(vec![
            Span::styled("the line: ", Style::default().fg(Color::DarkGray)),
            Span::raw(for_terminal(x, false).into_owned()),
        ]));
    }
    let block = titled(
        " Identification: an unreadable line, no record ",
        area.width,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    wrapped(frame, lines, inner, false);
}

/// The identification field a row of the table shows, when the engine compares it.
fn id_field(name: &str) -> Option<crate::model::IdField> {
    use crate::model::IdField;
    [
        IdField::Jurisdiction,
        IdField::Formation,
        IdField::Seat,
        IdField::DecisionDate,
        IdField::Number,
    ]
    .into_iter()
    .find(|f| f.name() == name)
}

fn draw_diff(frame: &mut Frame<'_>, app: &App, d: &crate::tui::app::Detail, area: Rect) {
    let f = &app.report.findings[d.finding as usize];
    if d.articles {
        draw_articles(frame, app, d, area);
        return;
    }
    let mode = if d.side_by_side {
        "side by side"
    } else {
        "unified"
    };
    let counts = if d.diff.plain {
        String::new()
    } else {
        format!(" · -{} +{} tokens", d.diff.removed, d.diff.added)
    };
    let block = titled(
        &format!(
            " Evidence: {} · {mode}{counts}{} ",
            d.diff.source,
            if app.reveal {
                " · PERSONAL DATA SHOWN"
            } else {
                ""
            }
        ),
        area.width,
    );
    let inner = block.inner(area);
    if inner.height == 0 || inner.width < 4 {
        frame.render_widget(block, area);
        return;
    }
    let h = inner.height as usize;

    // The excerpts the engine gave, above the diff (masked like the rest).
    let mut pre: Vec<Line<'static>> = Vec::new();
    if let Some(e) = &f.evidence {
        let masked = |s: &str, r: &[Personal], whole: bool| {
            let s = for_terminal(s, false);
            if app.reveal {
                s.into_owned()
            } else if whole && r.is_empty() {
                // A personal-data rule without precise ranges: the whole excerpt.
                let n = s.chars().count();
                redact(&s, &[Personal::whole(0, n)])
            } else {
                redact(&s, r)
            }
        };
        let personal = f.rule.exposes_personal_data();
        if let Some(x) = &e.excerpt {
            pre.push(Line::from(vec![
                Span::styled("record:    ", Style::default().fg(Color::Green)),
                Span::raw(masked(x, &e.personal, personal)),
            ]));
        }
        if let Some(x) = &e.reference_excerpt {
            pre.push(Line::from(vec![
                Span::styled("reference: ", Style::default().fg(Color::Red)),
                Span::raw(masked(
                    x,
                    &e.reference_personal,
                    personal && f.source_defect,
                )),
            ]));
        }
    }
    // Wrapped, on half the rows at most (two of three), the last saying how many more there
    // are.
    let pre_h = Paragraph::new(pre.clone())
        .wrap(Wrap { trim: false })
        .line_count(inner.width)
        .min((h / 2).max(h.saturating_sub(1).min(2)));
    let [pre_area, body] = inner.layout(&Layout::vertical([
        Constraint::Length(pre_h as u16),
        Constraint::Min(0),
    ]));
    wrapped(frame, pre, pre_area, false);
    // The diff's own rows, below the excerpts: what a page is, and what `last` shows the end
    // in.
    let h = body.height as usize;
    app.detail_height.set(h);
    if h == 0 {
        frame.render_widget(block, area);
        return;
    }

    // Wrapped once per width, masking and mode: a key press only scrolls.
    let key = WrapKey {
        width: body.width,
        reveal: app.reveal,
        side_by_side: d.side_by_side,
    };
    let mut cache = d.wrapped.borrow_mut();
    let wrapped = match cache.take() {
        Some(w) if w.key == key => w,
        old => {
            d.wraps.set(d.wraps.get() + 1);
            let mut new = wrap_diff(&d.diff, key);
            // Wrapped again to a new width (or masking), the text flows otherwise: the row
            // that held the top of the screen is not the same one any more, but the place in
            // the text is kept.
            if let Some(old) = old
                && !d.follow
                && old.key.side_by_side == key.side_by_side
            {
                let row = d.scroll.get().min(old.rows().saturating_sub(1));
                d.scroll.set(new.scroll_to(old.place_shown(row)));
            }
            new
        }
    };
    let wrapped = cache.insert(wrapped);
    let columns = &wrapped.columns;
    let total = columns.iter().map(Vec::len).max().unwrap_or(0);
    let hl = wrapped.first_hl;
    app.detail_lines.set(total);
    let scroll = if d.follow {
        hl.map_or(0, |l| l.saturating_sub(h / 3))
    } else {
        d.scroll.get()
    }
    .min(crate::tui::app::max_scroll(total, h));
    app.detail_scroll_drawn.set(scroll);
    frame.render_widget(block.title_bottom(position(scroll, h, total)), area);

    let visible = |lines: &[Line<'static>]| -> Vec<Line<'static>> {
        lines.iter().skip(scroll).take(h).cloned().collect()
    };
    if columns.len() == 2 {
        let [l, sep, r] = body.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        frame.render_widget(Paragraph::new(visible(&columns[0])), l);
        frame.render_widget(
            Paragraph::new(vec![Line::raw("│"); h]).style(Style::default().fg(Color::DarkGray)),
            sep,
        );
        frame.render_widget(Paragraph::new(visible(&columns[1])), r);
    } else {
        frame.render_widget(Paragraph::new(visible(&columns[0])), body);
    }
}

/// The full text of the articles the rule enforces on the finding's decision, scrollable, in
/// place of the evidence.
fn draw_articles(frame: &mut Frame<'_>, app: &App, d: &crate::tui::app::Detail, area: Rect) {
    let f = &app.report.findings[d.finding as usize];
    let block = titled(
        &format!(
            " Articles enforced by {} ({} to go back to the evidence) ",
            f.rule.code(),
            app.keymap.hint(
                crate::tui::keymap::Section::Detail,
                crate::tui::keymap::Action::ToggleArticles
            )
        ),
        area.width,
    );
    let inner = block.inner(area);
    if inner.height == 0 || inner.width < 4 {
        frame.render_widget(block, area);
        return;
    }
    let mut segs = Vec::new();
    for b in app.report.basis(f).iter() {
        let text = article_text(b).unwrap_or("(article text not available)");
        segs.push(crate::tui::diff::Seg {
            kind: crate::tui::diff::SegKind::Same,
            text: format!("{b}\n{text}\n\n"),
            highlight: false,
            personal: false,
            lead: false,
        });
    }
    let (lines, _) = wrap(&segs, inner.width as usize, true);
    let h = inner.height as usize;
    app.detail_height.set(h);
    app.detail_lines.set(lines.len());
    let scroll = d
        .scroll
        .get()
        .min(crate::tui::app::max_scroll(lines.len(), h));
    app.detail_scroll_drawn.set(scroll);
    frame.render_widget(block.title_bottom(position(scroll, h, lines.len())), area);
    let visible: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
