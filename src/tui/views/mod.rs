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
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    app.screen_width.set(area.width);
    if area.width < 20 || area.height < 5 {
        // Too small for anything useful: say so, in as much as fits.
        frame.render_widget(
            Paragraph::new("vigie: enlarge the terminal").wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    // A message takes the lines it needs, up to three: an error names a file, a line and a
    // column, all of which the auditor must be able to read.
    let message = status_message(app).map(|(m, color)| {
        let m = crate::text::sanitize::for_terminal(m, false);
        (status_lines(&m, usize::from(area.width)), color)
    });
    let status_height = message.as_ref().map_or(1, |(lines, _)| lines.len().max(1));
    let [top, body, bottom] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(status_height as u16),
    ]));
    draw_title(frame, app, top);
    match app.view {
        View::Overview => overview::draw(frame, app, body),
        View::List => list::draw(frame, app, body),
        View::Detail => detail::draw(frame, app, body),
    }
    draw_status(frame, app, bottom, message);
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help::draw(frame, app, body, *scroll),
        Some(Overlay::Filter { row }) => prompts::filter(frame, app, body, *row),
        Some(Overlay::Search { input }) => prompts::search(frame, app, bottom, input),
        Some(Overlay::Waiver(p)) => prompts::waiver(frame, app, body, p),
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
        AuditState::Loading => Span::styled(
            match app.reference_progress {
                (done, total) if total > 0 => {
                    format!(
                        "loading the reference {}%",
                        done.saturating_mul(100) / total
                    )
                }
                _ => "loading the reference…".to_string(),
            },
            Style::default().fg(Color::Yellow),
        ),
        AuditState::Running => Span::styled(
            format!("auditing {}", percent(app)),
            Style::default().fg(Color::Yellow),
        ),
        AuditState::Finished => Span::styled("audit finished", Style::default().fg(Color::Green)),
        AuditState::Failed(_) => Span::styled("audit failed", Style::default().fg(Color::Red)),
    };
    let mut spans: Vec<Span<'static>> = vec![
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
    ];
    // Waivers not saved are said for as long as they are not (the message of the failed save
    // goes at the next key): before the help's hint; on a narrower screen in its place, then
    // before the audit's state, then right after the name.
    if app.unsaved_waivers > 0 {
        let n = app.unsaved_waivers;
        let warning = Span::styled(
            format!(" {n} waiver{} NOT SAVED ", if n == 1 { "" } else { "s" }),
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        );
        let [name, overview, findings, detail, state, help] =
            <[Span<'static>; 6]>::try_from(spans).expect("six spans");
        let gap = || Span::raw("  ");
        // The name and the views' tabs, then `tail`.
        let tabs = [name.clone(), overview, findings, detail];
        let with = |tail: &[Span<'static>]| -> Vec<Span<'static>> {
            tabs.iter().chain(tail).cloned().collect()
        };
        let candidates = [
            with(&[state.clone(), gap(), warning.clone(), help]),
            with(&[state.clone(), gap(), warning.clone()]),
            with(&[warning.clone(), gap(), state.clone()]),
        ];
        let fits = |spans: &[Span<'_>]| {
            spans.iter().map(Span::width).sum::<usize>() <= usize::from(area.width)
        };
        spans = candidates.into_iter().find(|c| fits(c)).unwrap_or_else(|| {
            let [_, overview, findings, detail] = tabs;
            vec![name, warning, gap(), overview, findings, detail, state]
        });
    }
    // Narrower still, the title's end gives way, marked as cut.
    let line = fit_line(Line::from(spans), usize::from(area.width));
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

/// The message the status line shows instead of the hints, and its colour: the last one
/// given, or else why the audit failed.
fn status_message(app: &App) -> Option<(&str, Color)> {
    match (&app.status, &app.state) {
        (Some(s), _) => Some((s, Color::Cyan)),
        (None, AuditState::Failed(e)) => Some((e, Color::Red)),
        _ => None,
    }
}

/// At most this many lines for a status message.
const STATUS_LINES: usize = 3;

/// `msg` cut into lines of at most `width` columns, at the last space of a line (a word longer
/// than a line, a path, is cut where the line ends), and into [`STATUS_LINES`] lines at most,
/// the last one ending in `…` when the message is longer still.
fn status_lines(msg: &str, width: usize) -> Vec<String> {
    wrap_lines(msg, width, STATUS_LINES)
}

/// `msg` cut into lines of at most `width` columns, at the last space of a line (a word longer
/// than a line is cut where the line ends), and into `max_lines` lines at most (one at
/// least), the last one ending in `…` when the text is longer still.
fn wrap_lines(msg: &str, width: usize, max_lines: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let max_lines = max_lines.max(1);
    let width = width.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut cols = 0;
    // The byte and column at which `line`'s last space starts.
    let mut space: Option<(usize, usize)> = None;
    for c in msg.chars() {
        let w = c.width().unwrap_or(0);
        if cols + w > width {
            if lines.len() + 1 == max_lines {
                // The last line: cut it to leave room for the ellipsis.
                while cols + 1 > width {
                    let last = line.pop().expect("a line over the width is not empty");
                    cols -= last.width().unwrap_or(0);
                }
                line.push('…');
                lines.push(line);
                return lines;
            }
            match space {
                Some((at, col)) if col > 0 => {
                    let rest = line.split_off(at + 1);
                    line.pop(); // the space
                    lines.push(std::mem::replace(&mut line, rest));
                    cols -= col + 1;
                }
                _ => {
                    lines.push(std::mem::take(&mut line));
                    cols = 0;
                }
            }
            space = None;
            if c == ' ' && line.is_empty() {
                continue;
            }
        }
        if c == ' ' {
            space = Some((line.len(), cols));
        }
        line.push(c);
        cols += w;
    }
    lines.push(line);
    lines
}

fn draw_status(
    frame: &mut Frame<'_>,
    app: &App,
    area: Rect,
    message: Option<(Vec<String>, Color)>,
) {
    let text = match message {
        Some((lines, color)) => Text::from(
            lines
                .into_iter()
                .map(|l| Line::from(Span::styled(l, Style::default().fg(color))))
                .collect::<Vec<_>>(),
        ),
        None => Text::from(hints(app, usize::from(area.width))),
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

/// Cuts `s` to `w` columns of the terminal (a wide character takes two), marking the cut with
/// `…`: what is shown cut never passes for the whole.
fn fit(s: &str, w: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut cols = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if cols + cw > w - 1 {
            break;
        }
        out.push(c);
        cols += cw;
    }
    out.push('…');
    out
}

/// `line` cut to `w` columns, the cut marked with `…` as [`fit`] marks it (in the span the
/// cut falls in, which keeps its style): a line that fits is returned whole.
fn fit_line(line: Line<'static>, w: usize) -> Line<'static> {
    if line.width() <= w {
        return line;
    }
    let Line {
        spans,
        style,
        alignment,
    } = line;
    let mut room = w;
    let mut kept = Vec::new();
    for span in spans {
        let sw = span.width();
        if sw < room {
            room -= sw;
            kept.push(span);
            continue;
        }
        // The line goes on past this span: the mark goes here, in the last column.
        let content = fit(&format!("{}…", span.content), room);
        kept.push(Span::styled(content, span.style));
        break;
    }
    Line {
        spans: kept,
        style,
        alignment,
    }
}

/// A line that says `n` more of `what` are not shown, for the last row of a panel.
fn more_line(n: usize, what: &str) -> Line<'static> {
    Line::from(Span::styled(
        format!("… {n} more {what}"),
        Style::default().fg(Color::DarkGray),
    ))
}

/// Lines for a panel of `w`×`h` that does not wrap them: each cut to the width with `…`, and
/// when there are more than `h`, the last row says how many more there are: nothing is cut or
/// left out without a mark.
fn clip(lines: Vec<Line<'static>>, w: usize, h: usize) -> Vec<Line<'static>> {
    let total = lines.len();
    let shown = if total > h {
        h.saturating_sub(1)
    } else {
        total
    };
    let mut out: Vec<Line<'static>> = lines
        .into_iter()
        .take(shown)
        .map(|l| fit_line(l, w))
        .collect();
    if total > h && h > 0 {
        out.push(fit_line(more_line(total - shown, "lines"), w));
    }
    out
}

/// Draws `lines` wrapped in `area` (their leading spaces trimmed with `trim`); when they take more rows than it has, the last row says
/// how many more there are.
fn wrapped(frame: &mut Frame<'_>, lines: Vec<Line<'static>>, area: Rect, trim: bool) {
    let p = Paragraph::new(lines).wrap(Wrap { trim });
    let rows = p.line_count(area.width);
    let h = usize::from(area.height);
    if rows <= h || h == 0 {
        frame.render_widget(p, area);
        return;
    }
    let more = rows - (h - 1);
    above_last_row(frame, p, area, more_line(more, "lines"));
}

/// Draws `widget` in `area` but its last row, and `last` (a [`more_line`]) on that row, cut to
/// the width with `…`.
fn above_last_row(frame: &mut Frame<'_>, widget: impl Widget, area: Rect, last: Line<'static>) {
    let [body, row] = area.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    frame.render_widget(widget, body);
    frame.render_widget(Paragraph::new(fit_line(last, usize::from(area.width))), row);
}

/// In place of a view with too few rows to be drawn (`rows` for the view itself): what is not
/// shown, and how many rows the terminal needs for it, its tab bar and key hints included.
fn too_small(frame: &mut Frame<'_>, area: Rect, what: &str, rows: u16) {
    let chrome = frame.area().height.saturating_sub(area.height);
    let text = format!(
        "enlarge the terminal to {} rows for {what}",
        rows.saturating_add(chrome)
    );
    wrapped(
        frame,
        vec![Line::from(Span::styled(
            text,
            Style::default().fg(Color::Yellow),
        ))],
        area,
        false,
    );
}

/// Where the rows shown are in a text of `total` rows, for the bottom border of its panel
/// (`12–20 of 143`, or `12 of 143` for a single row), when it does not show them all: more is a scroll away.
fn position(scroll: usize, h: usize, total: usize) -> Line<'static> {
    if total <= h && scroll == 0 {
        return Line::default();
    }
    let last = (scroll + h).min(total);
    let rows = if last > scroll + 1 {
        format!("{}–{last}", scroll + 1)
    } else {
        (scroll + 1).to_string()
    };
    Line::from(Span::styled(
        format!(" {rows} of {total} "),
        Style::default().fg(Color::DarkGray),
    ))
    .right_aligned()
}

/// A bordered block titled `title`, cut to the block's `width` with `…`: ratatui would cut it
/// at the border without a mark.
fn titled(title: &str, width: u16) -> Block<'static> {
    Block::bordered().title(fit(title, usize::from(width.saturating_sub(2))))
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

/// The end of `s` in `w` columns, `…` first when it is cut there.
pub(crate) fn tail(s: &str, w: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut cols = 0;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if cols + cw > w - 1 {
            break;
        }
        kept.push(c);
        cols += cw;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn fit_marks_the_cut() {
        assert_eq!(fit("jp-00000045", 11), "jp-00000045");
        assert_eq!(fit("jp-00000045", 10), "jp-000000…");
        assert_eq!(fit("jp-00000045", 1), "…");
        assert_eq!(fit("jp-00000045", 0), "");
        // Wide characters count two columns.
        assert_eq!(fit("判決判決", 8), "判決判決");
        assert_eq!(fit("判決判決", 6), "判決…");
        assert_eq!(fit("判決判決", 5), "判決…");
        assert!(fit("判決判決", 4).width() <= 4);
    }

    #[test]
    fn status_messages_wrap_at_spaces_within_three_lines() {
        assert_eq!(status_lines("export: written", 40), ["export: written"]);
        assert_eq!(status_lines("", 40), [""]);
        // At spaces, the spaces dropped; a space that overflows keeps its place between the
        // words carried over.
        assert_eq!(status_lines("abc defgh ij", 8), ["abc", "defgh ij"]);
        assert_eq!(status_lines("abcdefgh ij", 8), ["abcdefgh", "ij"]);
        let msg = "cannot read the reference: /data/judilibre/export/page-00017.json: line 3, column 18: expected value";
        let lines = status_lines(msg, 40);
        assert_eq!(
            lines,
            [
                "cannot read the reference:",
                "/data/judilibre/export/page-00017.json:",
                "line 3, column 18: expected value",
            ]
        );
        // No space to break at: cut at the width.
        let path = "/".repeat(10) + &"a".repeat(50);
        assert_eq!(
            status_lines(&path, 25),
            [&path[..25], &path[25..50], &path[50..]]
        );
        // Longer than three lines: the third ends in an ellipsis; wide chars count two columns.
        for (msg, width) in [
            ("word ".repeat(40), 30),
            ("判決".repeat(40), 21),
            ("x".repeat(500), 20),
        ] {
            let lines = status_lines(&msg, width);
            assert_eq!(lines.len(), 3, "{msg}");
            assert!(lines[2].ends_with('…'), "{lines:?}");
            assert!(lines.iter().all(|l| l.width() <= width), "{lines:?}");
            assert!(lines[2].width() >= width - 2, "{lines:?}");
        }
    }
}
