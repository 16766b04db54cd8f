//! The findings table: only the visible rows are built.

use super::{fit, penalty_style, severity_style, titled};
use crate::report::{WaiverStatus, exported_message};
use crate::rules::{Penalty, Severity};
use crate::text::sanitize::for_terminal;
use crate::tui::app::{App, AuditState, SortColumn};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{
    Cell, Paragraph, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Table,
};
use unicode_width::UnicodeWidthStr;

/// The fewest rows the list is drawn in: its borders, its header and a finding.
const MIN_HEIGHT: u16 = 4;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    if area.height < MIN_HEIGHT {
        super::too_small(frame, area, "the findings", MIN_HEIGHT);
        return;
    }
    let mut title = format!(
        " Findings {}/{} ",
        app.order.len(),
        app.report.findings.len()
    );
    if app.state != AuditState::Finished {
        title.push_str("(live) ");
    }
    let arrow = if app.descending { "↓" } else { "↑" };
    title.push_str(&format!("· sort {} {arrow} ", app.sort.name()));
    if !app.filter.is_empty() {
        title.push_str(&format!("· {} ", app.filter.describe()));
    }
    if !app.search.is_empty() {
        title.push_str(&format!("· /{} ", for_terminal(&app.search, false)));
    }
    if app.group {
        title.push_str("· by record ");
    }
    if app.reveal {
        title.push_str("· PERSONAL DATA SHOWN ");
    }
    let block = titled(&title, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    let rows_h = inner.height as usize - 1; // header
    app.list_height.set(rows_h.max(1));
    if app.order.is_empty() {
        let msg = if app.report.findings.is_empty() {
            if app.state == AuditState::Finished {
                "no findings"
            } else {
                "no findings yet"
            }
        } else {
            "no finding matches the filter or search"
        };
        frame.render_widget(Paragraph::new(msg), inner);
        return;
    }
    // The offset the update computed, made safe for this frame's height.
    let mut offset = app.offset.min(app.order.len().saturating_sub(1));
    if app.selected >= offset + rows_h {
        offset = app.selected + 1 - rows_h;
    }
    if app.selected < offset {
        offset = app.selected;
    }
    let end = (offset + rows_h).min(app.order.len());

    let sorted = |c: SortColumn, name: &'static str| {
        if app.sort == c {
            Cell::from(Span::styled(
                format!("{name}{}", if app.descending { "↓" } else { "↑" }),
                Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            ))
        } else {
            Cell::from(name)
        }
    };
    let table_w = inner.width.saturating_sub(1);
    // The record cells of the rows shown, for the width of the record column.
    let record_cell = |pos: usize| -> String {
        let f = &app.report.findings[app.order[pos] as usize];
        match &f.record {
            Some(_) if app.group && !app.starts_group(pos) => "  ┆".to_string(),
            Some(r) => for_terminal(r.id.as_deref().unwrap_or("(no id)"), false).into_owned(),
            None => "(corpus)".to_string(),
        }
    };
    let widest_record = (offset..end)
        .map(|pos| record_cell(pos).width())
        .max()
        .unwrap_or(0);
    // The place column: the usual 18, wider (up to 30) for file names that need more to be
    // told apart (`2024/corpus.jsonl:12`).
    let widest_place = (offset..end)
        .filter_map(|pos| {
            let r = app.report.findings[app.order[pos] as usize]
                .record
                .as_ref()?;
            let file = app.file_name(r.file_index)?;
            Some(for_terminal(file, false).width() + 1 + r.line.to_string().len())
        })
        .max()
        .unwrap_or(0);
    let place_width = u16::try_from(widest_place)
        .unwrap_or(u16::MAX)
        .clamp(18, 30);
    let cols = Columns::for_width_and_place(table_w, widest_record, place_width);

    let mut header = vec![Cell::from(" W")];
    let mut widths = vec![Constraint::Length(2)];
    match cols.words {
        Words::Full => {
            header.push(sorted(SortColumn::Severity, "severity"));
            header.push(sorted(SortColumn::Penalty, "penalty"));
            widths.extend([Constraint::Length(9), Constraint::Length(9)]);
        }
        Words::Short => {
            header.push(sorted(SortColumn::Severity, "sev"));
            header.push(sorted(SortColumn::Penalty, "pen"));
            widths.extend([Constraint::Length(4), Constraint::Length(4)]);
        }
        Words::PenaltyOnly => {
            header.push(sorted(SortColumn::Penalty, "pen"));
            widths.push(Constraint::Length(4));
        }
        Words::None => {}
    }
    header.push(sorted(SortColumn::Rule, "rule"));
    widths.push(Constraint::Length(6));
    if cols.family {
        header.push(sorted(SortColumn::Family, "family"));
        widths.push(Constraint::Length(11));
    }
    header.push(sorted(SortColumn::Record, "record"));
    widths.push(Constraint::Length(cols.record));
    if cols.place {
        header.push(sorted(SortColumn::Position, "file:line"));
        widths.push(Constraint::Length(cols.place_width));
    }
    if cols.message > 0 {
        header.push(sorted(SortColumn::Message, "message"));
        widths.push(Constraint::Length(cols.message));
    }
    let header = Row::new(header).style(Style::default().add_modifier(Modifier::BOLD));

    let rows = (offset..end).map(|pos| {
        let i = app.order[pos] as usize;
        let f = &app.report.findings[i];
        // The selection shows as `›` as well as in reverse video (readable without colours).
        let cursor = if pos == app.selected { "›" } else { " " };
        let waiver = match app.waiver_of(f).map(|w| w.status) {
            Some(WaiverStatus::Accepted) => {
                Span::styled(format!("{cursor}✓"), Style::default().fg(Color::Green))
            }
            Some(WaiverStatus::Reviewed) => {
                Span::styled(format!("{cursor}•"), Style::default().fg(Color::Cyan))
            }
            None => Span::raw(format!("{cursor} ")),
        };
        let record = record_cell(pos);
        let place = match &f.record {
            Some(r) => {
                // File names are known when the audit finishes; until then, the line.
                let file = app.file_name(r.file_index).unwrap_or("line ");
                let sep = if file.ends_with(' ') { "" } else { ":" };
                format!("{}{sep}{}", for_terminal(file, false), r.line)
            }
            None => String::new(),
        };
        let mut flags = String::new();
        if f.repeated {
            flags.push_str("[repeated] ");
        }
        if f.source_defect {
            flags.push_str("[source defect] ");
        }
        let message = format!(
            "{flags}{}",
            for_terminal(&exported_message(f, app.reveal), false)
        );
        let mut cells = vec![Cell::from(waiver)];
        let severity = Span::styled(f.severity.as_str(), severity_style(f.severity));
        let penalty = Span::styled(f.penalty.as_str(), penalty_style(f.penalty));
        let short_severity = Span::styled(short_severity(f.severity), severity_style(f.severity));
        let short_penalty = Span::styled(short_penalty(f.penalty), penalty_style(f.penalty));
        match cols.words {
            Words::Full => cells.extend([Cell::from(severity), Cell::from(penalty)]),
            Words::Short => cells.extend([Cell::from(short_severity), Cell::from(short_penalty)]),
            Words::PenaltyOnly => cells.push(Cell::from(short_penalty)),
            Words::None => {}
        }
        cells.push(Cell::from(f.rule.code()));
        if cols.family {
            cells.push(Cell::from(f.rule.info().family.as_str()));
        }
        cells.push(Cell::from(fit(&record, usize::from(cols.record))));
        if cols.place {
            // A long name gives way at its start: the line stays.
            cells.push(Cell::from(super::tail(
                &place,
                usize::from(cols.place_width),
            )));
        }
        if cols.message > 0 {
            cells.push(Cell::from(fit(&message, usize::from(cols.message))));
        }
        Row::new(cells).style(if pos == app.selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        })
    });
    let table_area = Rect {
        width: table_w,
        ..inner
    };
    frame.render_widget(Table::new(rows, widths).header(header), table_area);
    if app.order.len() <= rows_h {
        return;
    }
    let mut sb = ScrollbarState::new(app.order.len())
        .position(app.selected)
        .viewport_content_length(rows_h);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight),
        Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        },
        &mut sb,
    );
}

/// How the severity and penalty are written in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Words {
    /// `critical`, `permanent`.
    Full,
    /// `crit`, `perm`.
    Short,
    /// The penalty alone, short.
    PenaltyOnly,
    None,
}

impl Words {
    /// The columns they take, with the space after each.
    fn width(self) -> u16 {
        match self {
            Words::Full => 2 * (9 + 1),
            Words::Short => 2 * (4 + 1),
            Words::PenaltyOnly => 4 + 1,
            Words::None => 0,
        }
    }
}

/// How the list's columns share its width. What tells findings apart, the rule's code and the
/// record's id, is kept whole as long as possible: on a narrow screen the family and the place
/// in the file go first (the detail shows them), then the record column shrinks to the widest
/// id shown, the severity and penalty are shortened then left out, and the message gets what
/// is left; only then is the record's id cut (with `…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Columns {
    words: Words,
    family: bool,
    place: bool,
    place_width: u16,
    record: u16,
    /// 0: no message column.
    message: u16,
}

/// The message keeps at least this many columns before the severity and penalty give way.
const MESSAGE_MIN: u16 = 10;

impl Columns {
    /// For a table `width` columns wide whose widest record cell shown is `widest_record`.
    #[cfg(test)]
    fn for_width(width: u16, widest_record: usize) -> Columns {
        Columns::for_width_and_place(width, widest_record, 18)
    }

    /// The same, with a place column `place_width` wide when it is shown.
    fn for_width_and_place(width: u16, widest_record: usize, place_width: u16) -> Columns {
        let pw = place_width + 1;
        let nominal = if width >= 96 { 18 } else { 14 };
        // The cursor and waiver mark, the rule's code and the record, each with its space.
        let fixed = |words: Words, record: u16| 3 + words.width() + 7 + record + 1;
        let base = fixed(Words::Full, nominal);
        if width >= base + 30 {
            // Wide enough for every word: the place in the file, then the family, if the
            // message keeps its columns.
            let place = width >= base + pw + 24;
            let family = place && width >= base + pw + 12 + 30;
            return Columns {
                words: Words::Full,
                family,
                place,
                place_width,
                record: nominal,
                message: width - base - pw * u16::from(place) - 12 * u16::from(family),
            };
        }
        // The header's `record↑` at least; an id longer than the usual column is cut there.
        let record = u16::try_from(widest_record)
            .unwrap_or(u16::MAX)
            .clamp(7, nominal);
        for words in [Words::Full, Words::Short, Words::PenaltyOnly, Words::None] {
            let f = fixed(words, record);
            if width >= f + MESSAGE_MIN {
                return Columns {
                    words,
                    family: false,
                    place: false,
                    place_width,
                    record,
                    message: width - f,
                };
            }
        }
        // The message goes (a column of less than 3 shows nothing), then the record's id is
        // cut.
        let f = fixed(Words::None, record);
        let (record, message) = if width >= f + 3 {
            (record, width - f)
        } else {
            (
                record.min(width.saturating_sub(fixed(Words::None, 0)).max(1)),
                0,
            )
        };
        Columns {
            words: Words::None,
            family: false,
            place: false,
            place_width,
            record,
            message,
        }
    }
}

fn short_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "crit",
        Severity::High => "high",
        Severity::Medium => "med",
        Severity::Low => "low",
        Severity::Info => "info",
    }
}

fn short_penalty(p: Penalty) -> &'static str {
    match p {
        Penalty::Permanent => "perm",
        Penalty::Temporary => "temp",
        Penalty::None => "none",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_tables_keep_their_columns() {
        // 120, 100 and 80 columns of terminal: 117, 97 and 77 of table.
        let c = Columns::for_width(117, 3);
        assert_eq!(
            (c.words, c.family, c.place, c.record),
            (Words::Full, true, true, 18)
        );
        assert_eq!(c.message, 117 - 49 - 19 - 12);
        let c = Columns::for_width(97, 3);
        assert_eq!((c.family, c.place, c.message), (false, true, 97 - 49 - 19));
        let c = Columns::for_width(77, 3);
        assert_eq!((c.words, c.family, c.place), (Words::Full, false, false));
        assert_eq!((c.record, c.message), (14, 32));
    }

    #[test]
    fn narrow_tables_give_up_words_before_the_record() {
        // 50 and 40 columns of terminal, ids of 11 characters.
        let c = Columns::for_width(47, 11);
        assert_eq!((c.words, c.record, c.message), (Words::Short, 11, 15));
        let c = Columns::for_width(37, 11);
        assert_eq!((c.words, c.record, c.message), (Words::PenaltyOnly, 11, 10));
        let c = Columns::for_width(30, 11);
        assert_eq!((c.words, c.record, c.message), (Words::None, 11, 8));
        let c = Columns::for_width(25, 11);
        assert_eq!((c.record, c.message), (11, 3));
        // No room for a message: the record keeps its id.
        let c = Columns::for_width(22, 11);
        assert_eq!((c.record, c.message), (11, 0));
        // Then it is cut.
        let c = Columns::for_width(15, 11);
        assert_eq!((c.record, c.message), (4, 0));
        // Never wider than the table (past the cursor, rule and one record column).
        for w in 0..130 {
            for id in [0, 3, 7, 11, 30] {
                let c = Columns::for_width(w, id);
                let used = 3
                    + c.words.width()
                    + 7
                    + c.record
                    + 12 * u16::from(c.family)
                    + 19 * u16::from(c.place)
                    + if c.message > 0 { 1 + c.message } else { 0 };
                assert!(used <= w.max(11), "{w} {id}: {c:?}");
                assert!(c.record >= 1);
            }
        }
    }
}
