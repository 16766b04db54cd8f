//! Modal prompts: filter, search, waiver, export.

use super::{clip, fit, popup, tail, titled};
use crate::report::WaiverStatus;
use crate::text::sanitize::Shown;
use crate::text::sanitize::for_terminal;
use crate::tui::app::{App, ExportPrompt, FILTER_ROWS, FORMATS, WaiverPrompt};
use crate::tui::keymap::{Action, Section};
use crate::tui::line_edit::LineInput;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

fn key(app: &App, s: Section, a: Action) -> Span<'static> {
    Span::styled(
        app.keymap.hint(s, a),
        Style::default().add_modifier(Modifier::BOLD),
    )
}

pub fn filter(frame: &mut Frame<'_>, app: &App, area: Rect, row: usize) {
    let mut lines: Vec<Line<'static>> = FILTER_ROWS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let style = if i == row {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Line::from(Span::styled(
                format!(" {name:<14} {:<12}", app.filter.value(i)),
                style,
            ))
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        key(app, Section::Filter, Action::NextValue),
        Span::raw("/"),
        key(app, Section::Filter, Action::PreviousValue),
        Span::raw(" change  "),
        key(app, Section::Filter, Action::Clear),
        Span::raw(" any  "),
        key(app, Section::Filter, Action::Close),
        Span::raw(" close"),
    ]));
    let shown = app.order.len();
    lines.push(Line::raw(format!(
        " {shown} {} shown",
        if shown == 1 { "finding" } else { "findings" }
    )));
    let r = popup(frame, area, 34, lines.len() as u16 + 2);
    boxed(frame, " Filter ", lines, r);
}

pub fn search(frame: &mut Frame<'_>, app: &App, area: Rect, input: &LineInput) {
    let (before, after) = sanitised(input);
    let n = app.order.len();
    let noun = if n == 1 { "match" } else { "matches" };
    let mut matches =
        format!("  {n} {noun} (rule, record id, source id, url, reference id, message)");
    let width = usize::from(area.width);
    let typed = before.width() + after.width();
    // A long query keeps the cursor in view: the count gives way first.
    if 2 + typed + matches.width() > width {
        matches = format!("  {n} {noun}");
        if 2 + 10 + matches.width() > width {
            matches.clear();
        }
    }
    let room = width.saturating_sub(2 + matches.width());
    let (before, after) = around_cursor(&before, &after, room);
    let line = Line::from(vec![
        Span::styled("/", Style::default().add_modifier(Modifier::BOLD)),
        Span::raw(before),
        Span::styled("▏", Style::default().fg(Color::Cyan)),
        Span::raw(after),
        Span::styled(matches, Style::default().fg(Color::DarkGray)),
    ]);
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(line), area);
}

/// The text before the cursor and after it, each sanitised (one character at a time, so the
/// cursor stays between the same characters).
fn sanitised(input: &LineInput) -> (String, String) {
    let (before, after) = input.split();
    (
        for_terminal(before, false).into_owned(),
        for_terminal(after, false).into_owned(),
    )
}

/// What of the text around the cursor fits `room` columns besides the cursor's: all of it when
/// it fits; else the start of the text after the cursor keeps up to a third of the room (all
/// that is left of it, near its end), and the text before the cursor the rest: whole while it
/// fits, then its end. What is cut is marked `…`. The view so moves by one column when the
/// cursor moves by one, never jumping: the cursor walks to its column, then the text scrolls
/// under it.
fn around_cursor(before: &str, after: &str, room: usize) -> (String, String) {
    if before.width() + after.width() <= room {
        return (before.to_string(), after.to_string());
    }
    let after_room = if after.is_empty() || room < 2 {
        0
    } else {
        (room / 3).clamp(1, after.width())
    };
    let before_room = room - after_room;
    if before.width() <= before_room {
        return (before.to_string(), head(after, room - before.width()));
    }
    (tail(before, before_room), head(after, after_room))
}

pub fn waiver(frame: &mut Frame<'_>, app: &App, area: Rect, p: &WaiverPrompt) {
    let status = p.status;
    let choice = |s: WaiverStatus, name: &'static str| {
        if s == status {
            Span::styled(
                format!("[{name}]"),
                Style::default().add_modifier(Modifier::BOLD),
            )
        } else {
            Span::raw(format!(" {name} "))
        }
    };
    let w = 64.min(area.width);
    let inner = usize::from(w.saturating_sub(2)).max(1);
    // The note takes the lines it needs, up to six and what the screen leaves; a longer one
    // shows its end, where the cursor is: the key hints stay in view below it.
    let note_rows = usize::from(area.height.saturating_sub(6)).clamp(1, 6);
    let mut lines = vec![
        Line::raw(fit(
            &format!("{} on {}", p.rule.code(), for_terminal(&p.about, false)),
            inner,
        )),
        Line::from(vec![
            Span::raw("status: "),
            choice(WaiverStatus::Reviewed, "reviewed"),
            choice(WaiverStatus::Accepted, "accepted"),
            Span::raw("  ("),
            key(app, Section::Waiver, Action::ToggleStatus),
            Span::raw(")"),
        ]),
    ];
    lines.extend(input_lines("note: ", &p.input, inner, note_rows));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        key(app, Section::Waiver, Action::Confirm),
        Span::raw(" save  "),
        key(app, Section::Waiver, Action::Remove),
        Span::raw(" remove  "),
        key(app, Section::Waiver, Action::Cancel),
        Span::raw(" cancel"),
    ]));
    let r = popup(frame, area, w, lines.len() as u16 + 2);
    boxed(frame, " Waiver ", lines, r);
}

/// `label`, then the text (sanitised) with its cursor, in lines of `width` columns, the text's
/// lines under its first (cut anywhere). When that takes more than `rows` lines, those around
/// the cursor: the first shown starts with `…` when text goes on before it, the last ends with
/// `…` when text goes on after it.
fn input_lines(label: &str, input: &LineInput, width: usize, rows: usize) -> Vec<Line<'static>> {
    let (before, after) = sanitised(input);
    let indent = label.width();
    let room = width.saturating_sub(indent).max(2);
    // `None` is the cursor, one column wide.
    let cells = before
        .chars()
        .map(Some)
        .chain(std::iter::once(None))
        .chain(after.chars().map(Some));
    let cell_width = |c: Option<char>| c.map_or(1, |c| c.width().unwrap_or(0));
    let mut chunks: Vec<Vec<Option<char>>> = vec![Vec::new()];
    let mut cols = 0;
    let mut cursor_row = 0;
    for c in cells {
        let cw = cell_width(c);
        if cols + cw > room {
            chunks.push(Vec::new());
            cols = 0;
        }
        if c.is_none() {
            cursor_row = chunks.len() - 1;
        }
        chunks.last_mut().expect("one chunk at least").push(c);
        cols += cw;
    }
    let rows = rows.max(1);
    let end = (cursor_row + 1).max(rows).min(chunks.len());
    let start = end.saturating_sub(rows);
    let more_after = end < chunks.len();
    let shown = &mut chunks[start..end];
    // The marks replace a character, never the cursor.
    if start > 0
        && let Some(first) = shown[0].first_mut()
        && let Some(c) = *first
    {
        *first = Some('…');
        if cell_width(Some(c)) > 1 {
            shown[0].insert(1, Some(' '));
        }
    }
    let last_row = shown.len() - 1;
    if more_after && let Some(last) = shown[last_row].last_mut().filter(|c| c.is_some()) {
        let gone = cell_width(*last);
        *last = Some('…');
        if gone > 1 {
            shown[last_row].push(Some(' '));
        }
    }
    shown
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let head = if i == 0 {
                label.to_string()
            } else {
                " ".repeat(indent)
            };
            let mut spans = vec![Span::raw(head)];
            let mut text = String::new();
            for c in chunk {
                match c {
                    Some(c) => text.push(*c),
                    None => {
                        spans.push(Span::raw(std::mem::take(&mut text)));
                        spans.push(Span::styled("▏", Style::default().fg(Color::Cyan)));
                    }
                }
            }
            spans.push(Span::raw(text));
            Line::from(spans)
        })
        .collect()
}

/// The start of `s` in `w` columns, `…` last when it is cut there.
fn head(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut kept = String::new();
    let mut cols = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if cols + cw > w - 1 {
            break;
        }
        kept.push(c);
        cols += cw;
    }
    kept.push('…');
    kept
}

pub fn export(frame: &mut Frame<'_>, app: &App, area: Rect, p: &ExportPrompt) {
    let formats: Vec<Span<'static>> = FORMATS
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let name = f.as_str();
            if i == p.format {
                Span::styled(
                    format!("[{name}]"),
                    Style::default().add_modifier(Modifier::BOLD),
                )
            } else {
                Span::raw(format!(" {name} "))
            }
        })
        .collect();
    let w = 64.min(area.width);
    let inner = usize::from(w.saturating_sub(2)).max(1);
    let mut lines = vec![Line::from(
        std::iter::once(Span::raw("format: "))
            .chain(formats)
            .collect::<Vec<_>>(),
    )];
    // A long path shows whole, on up to three lines, or its end.
    lines.extend(input_lines("path:   ", &p.path, inner, 3));
    let said = |lines: &mut Vec<Line<'static>>, text: &str, color: Color| {
        let text = for_terminal(text, false);
        for l in super::status_lines(&text, inner) {
            lines.push(Line::from(Span::styled(l, Style::default().fg(color))));
        }
    };
    // A path that does not say where it goes (`~/…`) is followed by the file it writes.
    if let Ok(target) = app.export_target(p)
        && target.as_os_str() != std::ffi::OsStr::new(p.path.value().trim())
    {
        said(
            &mut lines,
            &format!("writes {}", target.shown()),
            Color::DarkGray,
        );
    }
    lines.push(Line::raw(""));
    if let Some(e) = &p.error {
        said(&mut lines, e, Color::Red);
    }
    if let Some(named) = p.other_format_named() {
        said(
            &mut lines,
            &format!(
                "this file gets the {} report, though its name tells {} ({}/{} change the \
                 format)",
                FORMATS[p.format].as_str(),
                named.as_str(),
                app.keymap.hint(Section::Export, Action::NextFormat),
                app.keymap.hint(Section::Export, Action::PreviousFormat)
            ),
            Color::Yellow,
        );
    }
    if p.confirm_overwrite {
        lines.push(Line::from(vec![
            Span::styled(
                "this file exists: ",
                Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            ),
            key(app, Section::Export, Action::Confirm),
            Span::raw(" overwrite  "),
            key(app, Section::Export, Action::Cancel),
            Span::raw(" cancel"),
        ]));
    } else {
        lines.push(Line::from(vec![
            key(app, Section::Export, Action::NextFormat),
            Span::raw("/"),
            key(app, Section::Export, Action::PreviousFormat),
            Span::raw(" format  "),
            key(app, Section::Export, Action::Confirm),
            Span::raw(" write  "),
            key(app, Section::Export, Action::Cancel),
            Span::raw(" cancel"),
        ]));
    }
    let reveal = if app.write_options.reveal_personal_data {
        "personal data NOT redacted (--reveal-personal-data)"
    } else {
        "personal data redacted"
    };
    lines.push(Line::from(Span::styled(
        reveal,
        Style::default().fg(Color::DarkGray),
    )));
    // On a short screen the blank line goes, then the note on redaction: the keys stay.
    let blank = lines.iter().position(|l| l.width() == 0);
    if lines.len() + 2 > usize::from(area.height)
        && let Some(at) = blank
    {
        lines.remove(at);
    }
    if lines.len() + 2 > usize::from(area.height) {
        lines.pop();
    }
    let r = popup(frame, area, w, lines.len() as u16 + 2);
    boxed(frame, " Export the report ", lines, r);
}

/// Draws `lines` in the box `r` titled `title`: on a screen too small for them, each is cut
/// with `…` and the last row says how many more there are.
fn boxed(frame: &mut Frame<'_>, title: &str, lines: Vec<Line<'static>>, r: Rect) {
    let block = titled(title, r.width);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    frame.render_widget(
        Paragraph::new(clip(
            lines,
            usize::from(inner.width),
            usize::from(inner.height),
        )),
        inner,
    );
}
