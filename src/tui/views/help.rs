//! The help overlay, built from the active key bindings.

use super::popup;
use crate::tui::app::App;
use crate::tui::keymap::Section;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect, scroll: usize) {
    let mut lines: Vec<Line<'static>> = Vec::new();
    for section in Section::ALL {
        let bindings = app.keymap.section(section);
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::from(Span::styled(
            format!("[{}]", section.name()),
            Style::default().add_modifier(Modifier::BOLD),
        )));
        for (action, keys) in bindings {
            let keys = keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {keys:<26}"),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(action.describe_in(section)),
            ]));
        }
    }
    app.help_lines.set(lines.len());
    let r = popup(frame, area, 72, area.height.saturating_sub(2).max(3));
    let scroll = scroll.min(lines.len().saturating_sub(1));
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll.min(u16::MAX as usize) as u16, 0))
            .block(Block::bordered().title(format!(" Keys ({}) ", app.keymap.source))),
        r,
    );
}
