//! Drawing. Every view draws from `&App` and changes nothing (but the `Cell`s that record
//! what a frame showed, for paging).

mod detail;
mod help;
mod list;
mod overview;
mod prompts;

use super::app::{App, AuditState, Overlay, View};
use super::keymap::{Action, Section};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    app.screen_width.set(area.width);
    if area.width < 20 || area.height < 5 {
        // Too small for anything useful: say so, in as much as fits.
        frame.render_widget(Paragraph::new("vigie: enlarge the terminal"), area);
        return;
    }
    let [top, body, bottom] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ]));
    draw_title(frame, app, top);
    match app.view {
        View::Overview => overview::draw(frame, app, body),
        View::List => list::draw(frame, app, body),
        View::Detail => detail::draw(frame, app, body),
    }
    draw_status(frame, app, bottom);
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help::draw(frame, app, body, *scroll),
        Some(Overlay::Filter { row }) => prompts::filter(frame, app, body, *row),
        Some(Overlay::Search { input }) => prompts::search(frame, app, bottom, input),
        Some(Overlay::Waiver { input, status }) => {
            prompts::waiver(frame, app, body, input, *status)
        }
        Some(Overlay::Export(p)) => prompts::export(frame, app, body, p),
    }
}

fn draw_title(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let tab = |name: &'static str, on: bool| {
        if on {
            Span::styled(
                format!(" {name} "),
                Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            )
        } else {
            Span::raw(format!(" {name} "))
        }
    };
    let state = match &app.state {
        AuditState::Loading => {
            Span::styled("loading the reference…", Style::default().fg(Color::Yellow))
        }
        AuditState::Running => Span::styled(
            format!("auditing {}", percent(app)),
            Style::default().fg(Color::Yellow),
        ),
        AuditState::Finished => Span::styled("audit finished", Style::default().fg(Color::Green)),
        AuditState::Failed(_) => Span::styled("audit failed", Style::default().fg(Color::Red)),
    };
    let line = Line::from(vec![
        Span::styled("vigie ", Style::default().add_modifier(Modifier::BOLD)),
        tab("Overview", app.view == View::Overview),
        tab("Findings", app.view != View::Overview),
        Span::raw(if app.view == View::Detail {
            "› Detail  "
        } else {
            "  "
        }),
        state,
        Span::raw(format!(
            "  {} help",
            app.keymap.hint(Section::Global, Action::Help)
        )),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// `42%` of the corpus bytes read, or nothing before the first progress.
fn percent(app: &App) -> String {
    let p = &app.progress;
    if p.bytes_total == 0 {
        return String::new();
    }
    format!("{}%", p.bytes_done.saturating_mul(100) / p.bytes_total)
}

fn draw_status(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let text = if let Some(s) = &app.status {
        Line::from(Span::styled(
            crate::text::sanitize::for_terminal(s, false).into_owned(),
            Style::default().fg(Color::Cyan),
        ))
    } else if let AuditState::Failed(e) = &app.state {
        Line::from(Span::styled(
            crate::text::sanitize::for_terminal(e, false).into_owned(),
            Style::default().fg(Color::Red),
        ))
    } else {
        hints(app, usize::from(area.width))
    };
    frame.render_widget(Paragraph::new(text), area);
}

/// The main keys of the current view, from the active bindings, as many as fit in `width`
/// columns: a hint that does not fit is left out whole, never cut (the help, a key away, lists
/// them all).
fn hints(app: &App, width: usize) -> Line<'static> {
    use Action::*;
    let km = &app.keymap;
    // The hints in the order shown, and the order they are left out in, the least useful
    // first; `quit` goes last, and last of all.
    let (section, shown, leave_out): (Section, &[Action], &[Action]) = match app.view {
        View::Overview => (Section::Overview, &[Open, Export], &[Export, Open]),
        View::List => (
            Section::List,
            &[Open, Search, Filter, Sort, Group, Waiver, Export, Reveal],
            &[Group, Reveal, Export, Sort, Waiver, Filter, Search, Open],
        ),
        View::Detail => (
            Section::Detail,
            &[
                Back,
                Next,
                Previous,
                NextInRecord,
                ToggleDiff,
                ToggleArticles,
                Waiver,
                Reveal,
            ],
            &[
                NextInRecord,
                Reveal,
                ToggleArticles,
                Previous,
                ToggleDiff,
                Waiver,
                Next,
                Back,
            ],
        ),
    };
    let mut hints: Vec<(Option<Action>, String, String)> = shown
        .iter()
        .map(|a| (Some(*a), km.hint(section, *a), a.name().replace('_', " ")))
        .collect();
    hints.push((None, km.hint(Section::Global, Quit), "quit".into()));
    // `key name`, two spaces apart.
    let columns = |hints: &[(Option<Action>, String, String)]| -> usize {
        hints
            .iter()
            .map(|(_, k, n)| Span::raw(k.as_str()).width() + 1 + Span::raw(n.as_str()).width())
            .sum::<usize>()
            + 2 * hints.len().saturating_sub(1)
    };
    let mut order = leave_out.iter().map(|a| Some(*a)).chain([None]);
    while columns(&hints) > width {
        let Some(out) = order.next() else { break };
        hints.retain(|(a, ..)| *a != out);
    }
    let mut spans = Vec::new();
    for (i, (_, key, name)) in hints.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(
            key,
            Style::default().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::raw(format!(" {name}")));
    }
    Line::from(spans)
}

/// A box of `w`×`h` centred in `area`, cleared, clamped to it.
fn popup(frame: &mut Frame<'_>, area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, r);
    r
}

/// Cuts `s` to `w` columns (counting chars), with `…` when cut.
fn fit(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(w - 1).collect();
    out.push('…');
    out
}

fn severity_style(s: crate::rules::Severity) -> Style {
    use crate::rules::Severity::*;
    match s {
        Critical => Style::default()
            .fg(Color::Magenta)
            .add_modifier(Modifier::BOLD),
        High => Style::default().fg(Color::Red),
        Medium => Style::default().fg(Color::Yellow),
        Low => Style::default().fg(Color::Blue),
        Info => Style::default().fg(Color::DarkGray),
    }
}

fn penalty_style(p: crate::rules::Penalty) -> Style {
    use crate::rules::Penalty::*;
    match p {
        Permanent => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        Temporary => Style::default().fg(Color::Yellow),
        None => Style::default().fg(Color::DarkGray),
    }
}
