//! The findings table: only the visible rows are built.

use super::{fit, penalty_style, severity_style};
use crate::report::{WaiverStatus, exported_message};
use crate::text::sanitize::for_terminal;
use crate::tui::app::{App, AuditState, SortColumn};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::{
    Block, Cell, Paragraph, Row, Scrollbar, ScrollbarOrientation, ScrollbarState, Table,
};

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
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
    let block = Block::bordered().title(title);
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
    // Narrow screens drop the family (the rule's code tells it) and then the place in the file
    // (the detail shows it) before the message gets too short to read.
    let table_w = inner.width.saturating_sub(1);
    let record_w: u16 = if table_w >= 96 { 18 } else { 14 };
    let base = 2 + 9 + 9 + 6 + record_w + 5;
    let show_place = table_w >= base + 19 + 24;
    let show_family = show_place && table_w >= base + 19 + 12 + 30;
    let mut header = vec![
        Cell::from(" W"),
        sorted(SortColumn::Severity, "severity"),
        sorted(SortColumn::Penalty, "penalty"),
        sorted(SortColumn::Rule, "rule"),
    ];
    let mut widths = vec![
        Constraint::Length(2),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(6),
    ];
    if show_family {
        header.push(sorted(SortColumn::Family, "family"));
        widths.push(Constraint::Length(11));
    }
    header.push(sorted(SortColumn::Record, "record"));
    widths.push(Constraint::Length(record_w));
    if show_place {
        header.push(sorted(SortColumn::Position, "file:line"));
        widths.push(Constraint::Length(18));
    }
    header.push(sorted(SortColumn::Message, "message"));
    widths.push(Constraint::Min(10));
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
        let (record, place) = match &f.record {
            Some(r) => {
                let id = r.id.as_deref().unwrap_or("(no id)");
                // File names are known when the audit finishes; until then, the line.
                let file = app
                    .report
                    .files
                    .get(r.file_index as usize)
                    .map_or("line ", |s| s.rsplit('/').next().unwrap_or(s));
                let rec = if app.group && !app.starts_group(pos) {
                    "  ┆".to_string()
                } else {
                    for_terminal(id, false).into_owned()
                };
                let sep = if file.ends_with(' ') { "" } else { ":" };
                (rec, format!("{}{sep}{}", for_terminal(file, false), r.line))
            }
            None => ("(corpus)".to_string(), String::new()),
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
        let mut cells = vec![
            Cell::from(waiver),
            Cell::from(Span::styled(
                f.severity.as_str(),
                severity_style(f.severity),
            )),
            Cell::from(Span::styled(f.penalty.as_str(), penalty_style(f.penalty))),
            Cell::from(f.rule.code()),
        ];
        if show_family {
            cells.push(Cell::from(f.rule.info().family.as_str()));
        }
        cells.push(Cell::from(fit(&record, record_w as usize)));
        if show_place {
            cells.push(Cell::from(fit(&place, 18)));
        }
        cells.push(Cell::from(message));
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
