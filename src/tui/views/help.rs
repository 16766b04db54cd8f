//! The help overlay, built from the active key bindings.

use super::{fit_line, popup, titled};
use crate::tui::app::App;
use crate::tui::keymap::Section;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect, scroll: usize) {
    let r = popup(frame, area, 72, area.height.saturating_sub(2).max(3));
    let title = if app.warnings.is_empty() {
        format!(" Keys ({}) ", app.keymap.source)
    } else {
        format!(" Warnings and keys ({}) ", app.keymap.source)
    };
    let block = titled(&title, r.width);
    let inner = block.inner(r);
    // Narrow, the descriptions go under their keys rather than be cut.
    let widest = Section::ALL
        .iter()
        .flat_map(|s| {
            app.keymap
                .section(*s)
                .into_iter()
                .map(|(a, _)| a.describe_in(*s))
        })
        .map(|d| Span::raw(d).width())
        .max()
        .unwrap_or(0);
    let narrow = usize::from(inner.width) < 2 + 26 + widest;
    let mut lines: Vec<Line<'static>> = warning_lines(app, usize::from(inner.width));
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
            let bold = Style::default().add_modifier(Modifier::BOLD);
            let what = action.describe_in(section);
            if narrow {
                lines.push(Line::from(Span::styled(format!("  {keys}"), bold)));
                lines.push(Line::raw(format!("      {what}")));
            } else {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<26}"), bold),
                    Span::raw(what),
                ]));
            }
        }
    }
    app.help_lines.set(lines.len());
    let total = lines.len();
    let h = usize::from(inner.height);
    app.help_height.set(h);
    let scroll = scroll.min(crate::tui::app::max_scroll(total, h));
    // What is cut ends in `…`; the bottom border tells which lines are shown when not all.
    let lines: Vec<Line<'static>> = lines
        .into_iter()
        .skip(scroll)
        .take(h)
        .map(|l| fit_line(l, usize::from(inner.width)))
        .collect();
    frame.render_widget(block.title_bottom(super::position(scroll, h, total)), r);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The audit's warnings, whole, wrapped to `width`: what a headless run says on standard error.
fn warning_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let n = app.warnings.len();
    if n == 0 {
        return Vec::new();
    }
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::from(Span::styled(
        format!("[{n} warning{}]", if n == 1 { "" } else { "s" }),
        bold.fg(Color::Yellow),
    ))];
    for w in &app.warnings {
        for (k, line) in w.lines().enumerate() {
            let line = crate::text::sanitize::for_terminal(line, false);
            // The first line after a bullet, the others (inputs named, continued lines) under it.
            let lead = if k == 0 { "• " } else { "  " };
            for (j, part) in super::wrap_lines(&line, width.saturating_sub(2), usize::MAX)
                .into_iter()
                .enumerate()
            {
                lines.push(Line::raw(format!(
                    "{}{part}",
                    if j == 0 { lead } else { "  " }
                )));
            }
        }
    }
    lines.push(Line::raw(""));
    lines
}
