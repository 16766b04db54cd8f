//! Modal prompts: filter, search, waiver, export.

use super::popup;
use crate::report::WaiverStatus;
use crate::text::sanitize::for_terminal;
use crate::tui::app::{App, ExportPrompt, FILTER_ROWS, FORMATS, WaiverPrompt};
use crate::tui::keymap::{Action, Section};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

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
    lines.push(Line::raw(format!(" {} findings shown", app.order.len())));
    let r = popup(frame, area, 34, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Filter ")),
        r,
    );
}

pub fn search(frame: &mut Frame<'_>, app: &App, area: Rect, input: &str) {
    let line = Line::from(vec![
        Span::styled("/", Style::default().add_modifier(Modifier::BOLD)),
        Span::raw(for_terminal(input, false).into_owned()),
        Span::styled("▏", Style::default().fg(Color::Cyan)),
        Span::styled(
            format!("  {} matches (rule, record id, message)", app.order.len()),
            Style::default().fg(Color::DarkGray),
        ),
    ]);
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(Paragraph::new(line), area);
}

pub fn waiver(frame: &mut Frame<'_>, app: &App, area: Rect, p: &WaiverPrompt) {
    let (input, status) = (p.input.as_str(), p.status);
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
    let lines = vec![
        Line::raw(format!(
            "{} on {}",
            p.rule.code(),
            for_terminal(&p.about, false)
        )),
        Line::from(vec![
            Span::raw("status: "),
            choice(WaiverStatus::Reviewed, "reviewed"),
            choice(WaiverStatus::Accepted, "accepted"),
            Span::raw("  ("),
            key(app, Section::Waiver, Action::ToggleStatus),
            Span::raw(")"),
        ]),
        Line::from(vec![
            Span::raw("note: "),
            Span::raw(for_terminal(input, false).into_owned()),
            Span::styled("▏", Style::default().fg(Color::Cyan)),
        ]),
        Line::raw(""),
        Line::from(vec![
            key(app, Section::Waiver, Action::Confirm),
            Span::raw(" save  "),
            key(app, Section::Waiver, Action::Remove),
            Span::raw(" remove  "),
            key(app, Section::Waiver, Action::Cancel),
            Span::raw(" cancel"),
        ]),
    ];
    let r = popup(frame, area, 64, 7);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" Waiver ")),
        r,
    );
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
    let mut lines = vec![
        Line::from(
            std::iter::once(Span::raw("format: "))
                .chain(formats)
                .collect::<Vec<_>>(),
        ),
        Line::from(vec![
            Span::raw("path:   "),
            Span::raw(for_terminal(&p.path, false).into_owned()),
            Span::styled("▏", Style::default().fg(Color::Cyan)),
        ]),
        Line::raw(""),
    ];
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
    let r = popup(frame, area, 64, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Export the report ")),
        r,
    );
}
