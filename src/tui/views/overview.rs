//! The overview: verdict, counts by family × severity and by penalty, top rules, what was
//! checked, live progress, and how old the corpus's `updated_at` are.

use super::{clip, fit, more_line, penalty_style, severity_style, titled, wrapped};
use crate::report::Verdict;
use crate::rules::{Family, Penalty, Severity};
use crate::tui::app::{App, AuditState};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Cell, Gauge, Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr;

/// The fewest rows the overview is drawn in: a line inside the two top panels, and the note
/// on what is not shown.
const MIN_HEIGHT: u16 = 7;

/// The rows the top rules need below the matrix: the two rows of panels, three for the top
/// rules, one for the note on the ages not shown.
const ROWS_BELOW: u16 = 9 + 9 + 3 + 1;

/// The top rules panel is left out when narrower: a code, a count and a few letters of a name.
const RULES_MIN_WIDTH: u16 = 20;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    if area.height < MIN_HEIGHT {
        super::too_small(frame, area, "the overview", MIN_HEIGHT);
        return;
    }
    // The audit's warnings, counted on the first row: the help shows them whole.
    let area = match warnings_line(app) {
        Some(line) if area.height > MIN_HEIGHT => {
            let [top, rest] = area.layout(&Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(0),
            ]));
            frame.render_widget(
                Paragraph::new(super::fit_line(line, usize::from(top.width))),
                top,
            );
            rest
        }
        _ => area,
    };
    // A panel with no room is left out, and the last row says which: nothing goes unsaid.
    // The top rules keep 30 columns: a code, a count and most of a name.
    let matrix_table = matrix(app, area.width.saturating_sub(30));
    let matrix_fits = matrix_table.width + 2 <= area.width;
    let rules_beside = area.width
        - if matrix_fits {
            matrix_table.width + 2
        } else {
            0
        }
        >= RULES_MIN_WIDTH;
    let ages_fit = area.height >= 18 + 3 && ages_fit(app, area.width);
    // Too narrow beside the matrix, the top rules go below it if the ages do not.
    let rules_below =
        !rules_beside && !ages_fit && area.height >= ROWS_BELOW && area.width >= RULES_MIN_WIDTH;
    let rules_fit = rules_beside || rules_below;
    let mut hidden = Vec::new();
    if !matrix_fits {
        hidden.push("findings by family × severity");
    }
    if !rules_fit {
        hidden.push("top rules");
    }
    if !ages_fit {
        hidden.push("age of the updated_at");
    }
    let main = if hidden.is_empty() {
        area
    } else {
        let [main, note] = area.layout(&Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(1),
        ]));
        let text = format!("… not shown: {} (enlarge the terminal)", hidden.join(", "));
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(&text, usize::from(note.width)),
                Style::default().fg(Color::DarkGray),
            )),
            note,
        );
        main
    };
    // Short of rows, the two rows of panels share them, the top one first.
    let top_h = 9.min(main.height - main.height / 2);
    let middle_h = 9.min(main.height - top_h);
    let [top, middle, bottom] = main.layout(&Layout::vertical([
        Constraint::Length(top_h),
        Constraint::Length(middle_h),
        Constraint::Min(0),
    ]));
    // Each panel of a row gets the width its content needs, the right-hand one the rest: at 80
    // columns, fixed shares would cut values off (the audit's counts, the matrix's headers).
    // The verdict takes 45% of the width, less if the audit's counts need it, but never less
    // than its lines need once the reason has a line of its own.
    let verdict_lines = verdict_lines(app);
    let items = audit_items(app);
    let audit_w = pairs(&items, usize::MAX)
        .iter()
        .map(Line::width)
        .max()
        .unwrap_or(0) as u16
        + 2;
    let verdict_least = verdict_lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 2;
    let verdict_w = (top.width * 45 / 100)
        .min(top.width.saturating_sub(audit_w))
        .max(verdict_least)
        .min(top.width / 2);
    let [verdict, audit] = top.layout(&Layout::horizontal([
        Constraint::Length(verdict_w),
        Constraint::Min(0),
    ]));
    let matrix_w = match (matrix_fits, rules_beside) {
        (false, _) => 0,
        (true, true) => matrix_table.width + 2,
        (true, false) => middle.width,
    };
    let [matrix, rules] = middle.layout(&Layout::horizontal([
        Constraint::Length(matrix_w),
        Constraint::Min(0),
    ]));
    draw_verdict(frame, app, verdict_lines, verdict);
    draw_audit(frame, app, &items, audit);
    if matrix_fits {
        draw_matrix(frame, matrix_table, matrix);
    }
    if rules_beside {
        draw_top_rules(frame, app, rules);
    } else if rules_below {
        draw_top_rules(frame, app, bottom);
    }
    if ages_fit {
        draw_ages(frame, app, bottom);
    }
}

/// The conditions whose article XII sets the penalties: the CGU of the court whose decisions the
/// records matched, when only one court's are; both CGU share the article's number.
fn penalty_basis(app: &App) -> &'static str {
    use crate::model::Producer;
    let p = &app.report.audit.producers;
    let only = |f: fn(Producer) -> bool| !p.is_empty() && p.iter().all(|&(x, _)| f(x));
    if only(|x| x == Producer::CourDeCassation) {
        "CC CGU XII"
    } else if only(|x| matches!(x, Producer::ConseilEtat | Producer::Jade)) {
        "CE CGU XII"
    } else {
        "CGU XII"
    }
}

/// The verdict panel's lines: the verdict and why, then the findings by penalty. The reason
/// comes on a line of its own when the panel is narrow.
fn verdict_lines(app: &App) -> Vec<Line<'static>> {
    let v = app.counts.verdict();
    let (label, style, what) = match v {
        // Nothing to judge: the verdict would read compliant.
        _ if app.state == AuditState::Finished && app.report.read_no_record() => (
            "NO VERDICT",
            Style::default()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD),
            "no record of the corpus could be read",
        ),
        _ if app.state == AuditState::Finished && app.report.source_id_unmatched() => (
            "NO VERDICT",
            Style::default()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD),
            "the mapping's source_id matched no record: nothing checked against the source",
        ),
        Verdict::Permanent => (
            "PERMANENT interruption",
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            "serious or repeated breach",
        ),
        Verdict::Temporary => (
            "TEMPORARY interruption",
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            "until the breaches are resolved",
        ),
        Verdict::Compliant => (
            "COMPLIANT",
            Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD),
            "no breach carries a penalty",
        ),
    };
    let provisional = if app.state == AuditState::Finished {
        ""
    } else {
        " (so far)"
    };
    let grey = Style::default().fg(Color::DarkGray);
    let mut lines = vec![
        Line::from(vec![Span::styled(label, style), Span::raw(provisional)]),
        Line::from(Span::styled(what, grey)),
    ];
    if v != Verdict::Compliant {
        lines.push(Line::from(Span::styled(
            format!("({})", penalty_basis(app)),
            grey,
        )));
    }
    let total: u64 = app.counts.by_penalty.iter().sum();
    lines.push(Line::raw(format!(
        "{total} {}",
        if total == 1 { "finding" } else { "findings" }
    )));
    let w = digits(app.counts.by_penalty.iter().copied().max().unwrap_or(0)).max(3);
    for (i, p) in Penalty::ALL.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<10}", p.as_str()), penalty_style(*p)),
            Span::raw(format!("{:>w$}", app.counts.by_penalty[i])),
        ]));
    }
    lines
}

/// How many characters `n` takes.
fn digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

fn draw_verdict(frame: &mut Frame<'_>, app: &App, mut lines: Vec<Line<'static>>, area: Rect) {
    // With room to spare, the reason joins the verdict's second line and a blank line sets the
    // counts apart.
    let inner_w = area.width.saturating_sub(2) as usize;
    if app.counts.verdict() != Verdict::Compliant
        && lines[1].width() + 1 + lines[2].width() <= inner_w
    {
        let basis = lines.remove(2);
        lines[1].spans.push(Span::raw(" "));
        lines[1].spans.extend(basis.spans);
        lines.insert(2, Line::raw(""));
    } else if app.counts.verdict() == Verdict::Compliant {
        lines.insert(2, Line::raw(""));
    }
    let block = titled(" Verdict ", area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(clip(
            lines,
            usize::from(inner.width),
            usize::from(inner.height),
        )),
        inner,
    );
}

/// Label and value pairs laid out in two aligned columns of pairs when they fit in `width`, with
/// the long labels or else the short ones; one pair per line otherwise. Items are
/// `(long label, short label, value)`, in reading order.
fn pairs(items: &[(&str, &str, String)], width: usize) -> Vec<Line<'static>> {
    let value_w = items
        .iter()
        .map(|(_, _, v)| v.chars().count())
        .max()
        .unwrap_or(0);
    let label_w = |col: usize, short: bool| {
        items
            .iter()
            .skip(col)
            .step_by(2)
            .map(|(l, s, _)| if short { s } else { l }.chars().count())
            .max()
            .unwrap_or(0)
    };
    for short in [false, true] {
        let (left, right) = (label_w(0, short), label_w(1, short));
        if left + 1 + value_w + 3 + right + 1 + value_w > width {
            continue;
        }
        let label = |(l, s, _): &(&str, &str, String)| if short { *s } else { *l }.to_string();
        return items
            .chunks(2)
            .map(|c| {
                let mut s = format!("{:<left$} {:>value_w$}", label(&c[0]), c[0].2);
                if let Some(second) = c.get(1) {
                    s.push_str(&format!(
                        "   {:<right$} {:>value_w$}",
                        label(second),
                        second.2
                    ));
                }
                Line::raw(s)
            })
            .collect();
    }
    // One pair a line, with the short labels if the long ones do not fit.
    let label_w = |short: bool| label_w(0, short).max(label_w(1, short));
    let short = label_w(false) + 1 + value_w > width;
    let w = label_w(short);
    items
        .iter()
        .map(|(l, s, v)| {
            let l = if short { s } else { l };
            Line::raw(format!("{l:<w$} {v:>value_w$}"))
        })
        .collect()
}

/// The audit panel's counts, as `(long label, short label, value)` for [`pairs`].
fn audit_items(app: &App) -> Vec<(&'static str, &'static str, String)> {
    let a = &app.report.audit;
    if app.state == AuditState::Finished {
        let mut items = vec![
            ("records checked", "records", a.records.to_string()),
            ("matched", "matched", a.matched_records.to_string()),
            ("unreadable", "unreadable", a.unreadable_records.to_string()),
            (
                "with findings",
                "with findings",
                app.report.summary.records_with_findings.to_string(),
            ),
            (
                "reference decisions",
                "references",
                a.reference_decisions.to_string(),
            ),
            (
                "unreadable",
                "refs unreadable",
                // A folder or the rest of a file cut short counts as one: not exact then.
                if a.unreadable_reference_uncounted > 0 {
                    format!("{} (inexact)", a.unreadable_reference_decisions)
                } else {
                    a.unreadable_reference_decisions.to_string()
                },
            ),
        ];
        // `--previous`: the findings found again (repeated, hence permanent) and, of the
        // earlier report's breaches, those no longer found (corrected since, or gone).
        if let Some(p) = &a.previous {
            items.push(("found again", "repeated", p.repeated.to_string()));
            items.push((
                "no longer found",
                "settled",
                format!("{} of {}", p.breaches_no_longer_found, p.breaches),
            ));
        }
        return items;
    }
    let p = &app.progress;
    // From the corpus's first byte: the reference's loading is neither records nor bytes of it.
    let secs = p.reading.as_secs_f64();
    let rate = if secs > 0.0 {
        p.records as f64 / secs
    } else {
        0.0
    };
    // From the rate of the last seconds, not of the whole audit: records that match their
    // reference cost far less than those that differ, and files may hold runs of either.
    let eta = match app.time_left {
        Some(left) if p.bytes_total > p.bytes_done => human_secs(left.as_secs_f64()),
        _ => "—".into(),
    };
    let refs = app
        .reference_decisions
        .map_or_else(|| "loading…".to_string(), |n| n.to_string());
    vec![
        ("records", "records", p.records.to_string()),
        ("per second", "per second", format!("{rate:.0}")),
        ("findings", "findings", p.findings.to_string()),
        ("unreadable", "unreadable", p.unreadable.to_string()),
        ("reference decisions", "references", refs),
        ("ETA", "ETA", eta),
    ]
}

fn draw_audit(frame: &mut Frame<'_>, app: &App, items: &[(&str, &str, String)], area: Rect) {
    let block = titled(" Audit ", area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let a = &app.report.audit;
    let p = &app.progress;
    let mut lines = pairs(items, inner.width as usize);
    if app.state == AuditState::Finished {
        lines.push(Line::raw(format!(
            "as of {}   in {:.1} s",
            crate::text::sanitize::for_terminal(&a.as_of, false),
            a.elapsed_ms as f64 / 1000.0
        )));
        if a.texts_not_compared() > 0 {
            lines.push(Line::raw(format!(
                "{} text(s) not compared: {}",
                a.texts_not_compared(),
                a.texts_not_compared_why.describe()
            )));
        }
        if a.unreadable_reference_uncounted > 0 {
            lines.push(Line::raw(format!(
                "reference incomplete: {} (listed in the json report)",
                a.reference_incomplete().describe()
            )));
        } else if a.unreadable_reference_decisions > 0 {
            lines.push(Line::raw(format!(
                "{} reference decision(s) not read (listed in the json report)",
                a.unreadable_reference_decisions
            )));
        }
        if !a.superseded_reference.is_empty() {
            lines.push(Line::raw(format!(
                "{} reference version(s) read more than once set aside (listed in the json report)",
                a.superseded_reference.len()
            )));
        }
        if !a.withdrawn_reference.is_empty() {
            lines.push(Line::raw(format!(
                "{} decision(s) withdrawn at source by DILA (listed in the json report)",
                a.withdrawn_reference.len()
            )));
        }
        if !a.skipped_files.is_empty() {
            lines.push(Line::raw(format!(
                "{} {} of the corpus folders not read: hidden or not a corpus extension",
                a.skipped_files.len(),
                if a.skipped_files.len() == 1 {
                    "entry"
                } else {
                    "entries"
                }
            )));
        }
        if !a.policy_overrides.is_empty() {
            lines.push(Line::raw(format!(
                "{} policy override(s)",
                a.policy_overrides.len()
            )));
        }
        wrapped(frame, lines, inner, false);
        return;
    }
    // Live.
    let fam: Vec<String> = Family::ALL
        .iter()
        .map(|f| format!("{} {}", &f.as_str()[..3], p.family_count(*f)))
        .collect();
    lines.push(Line::raw(fam.join("  ")));
    if let AuditState::Failed(e) = &app.state {
        lines.push(Line::from(Span::styled(
            crate::text::sanitize::for_terminal(e, false).into_owned(),
            Style::default().fg(Color::Red),
        )));
    }
    let [text, gauge] = inner.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    wrapped(frame, lines, text, false);
    let ratio = if p.bytes_total > 0 {
        (p.bytes_done as f64 / p.bytes_total as f64).clamp(0.0, 1.0)
    } else {
        0.0
    };
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .gauge_style(Style::default().fg(Color::Cyan)),
        gauge,
    );
}

fn human_secs(s: f64) -> String {
    let s = s.round() as u64;
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, (s % 3600) / 60)
    } else if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

/// The family × severity table's parts, and the width it takes.
struct Matrix {
    header: Row<'static>,
    rows: Vec<Row<'static>>,
    constraints: Vec<Constraint>,
    spacing: u16,
    width: u16,
}

/// The family × severity table, as wide as its columns need (with up to three spaces between
/// them) and no wider than `max_width` if it can help it: severities are abbreviated then, and
/// then families.
fn matrix(app: &App, max_width: u16) -> Matrix {
    let counts = &app.counts.by_family_severity;
    let totals: Vec<u64> = counts.iter().map(|c| c.iter().sum()).collect();
    let family_name = |f: Family, short: bool| {
        if short { short_family(f) } else { f.as_str() }
    };
    let family_w = |short: bool| {
        Family::ALL
            .iter()
            .map(|f| family_name(*f, short).len())
            .chain([6])
            .max()
            .unwrap_or(6)
    };
    let total_w = digits(totals.iter().copied().max().unwrap_or(0)).max(5);
    let layout = |short: bool| {
        let names: Vec<&'static str> = Severity::ALL
            .iter()
            .map(|s| {
                if short {
                    short_severity(*s)
                } else {
                    s.as_str()
                }
            })
            .collect();
        let widths: Vec<usize> = names
            .iter()
            .enumerate()
            .map(|(si, n)| {
                let most = counts.iter().map(|c| c[si]).max().unwrap_or(0);
                n.len().max(digits(most))
            })
            .collect();
        (names, widths)
    };
    let natural = |short_family: bool, widths: &[usize], spacing: usize| {
        (family_w(short_family)
            + widths.iter().sum::<usize>()
            + total_w
            + spacing * (widths.len() + 1)) as u16
    };
    let (names, short_family, widths, spacing) = [
        (false, false, 3),
        (false, false, 2),
        (false, false, 1),
        (true, false, 1),
        (true, true, 1),
    ]
    .into_iter()
    .map(|(short, short_family, spacing)| {
        let (n, w) = layout(short);
        (n, short_family, w, spacing)
    })
    .find(|(_, sf, w, sp)| natural(*sf, w, *sp) + 2 <= max_width)
    .unwrap_or_else(|| {
        let (n, w) = layout(true);
        (n, true, w, 1)
    });
    let width = natural(short_family, &widths, spacing);
    let family_w = family_w(short_family);
    let header = Row::new(
        std::iter::once(Cell::from("family"))
            .chain(Severity::ALL.iter().zip(&names).map(|(s, n)| {
                Cell::from(Line::from(Span::styled(*n, severity_style(*s))).right_aligned())
            }))
            .chain(std::iter::once(Cell::from(
                Line::from("total").right_aligned(),
            ))),
    )
    .style(Style::default().add_modifier(Modifier::BOLD));
    let rows: Vec<Row<'static>> = Family::ALL
        .iter()
        .enumerate()
        .map(|(fi, f)| {
            Row::new(
                std::iter::once(Cell::from(family_name(*f, short_family)))
                    .chain(counts[fi].iter().zip(&widths).map(|(c, w)| {
                        let v = if *c == 0 {
                            "·".to_string()
                        } else {
                            c.to_string()
                        };
                        Cell::from(Line::raw(format!("{v:>w$}")))
                    }))
                    .chain(std::iter::once(Cell::from(format!(
                        "{:>total_w$}",
                        totals[fi]
                    )))),
            )
        })
        .collect();
    let constraints: Vec<Constraint> = std::iter::once(family_w)
        .chain(widths.iter().copied())
        .chain([total_w])
        .map(|w| Constraint::Length(w as u16))
        .collect();
    Matrix {
        header,
        rows,
        constraints,
        spacing: spacing as u16,
        width,
    }
}

/// A family in six letters at most, for narrow screens.
fn short_family(f: Family) -> &'static str {
    match f {
        Family::Integrity => "integr",
        Family::Attribution => "attrib",
        Family::Freshness => "fresh",
        Family::Masking => "mask",
        Family::Profiling => "profil",
        Family::Input => "input",
    }
}

/// A severity in four letters at most, for narrow screens.
fn short_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "crit",
        Severity::Medium => "med",
        other => other.as_str(),
    }
}

fn draw_matrix(frame: &mut Frame<'_>, m: Matrix, area: Rect) {
    let block = titled(" Findings by family × severity ", area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Matrix {
        header,
        mut rows,
        constraints,
        spacing,
        ..
    } = m;
    let h = usize::from(inner.height);
    if rows.len() < h {
        frame.render_widget(
            Table::new(rows, constraints)
                .header(header)
                .column_spacing(spacing),
            inner,
        );
        return;
    }
    if h == 0 {
        return;
    }
    // Short of rows, the last says how many families more there are, and families give way
    // before the header does: a row of counts without its columns' names cannot be read. On
    // one row, only what is left out is said.
    let with_header = h >= 2;
    let slots = h - usize::from(with_header) - 1;
    let more = rows.len() - slots;
    rows.truncate(slots);
    let mut table = Table::new(rows, constraints).column_spacing(spacing);
    if with_header {
        table = table.header(header);
    }
    let last = if slots == 0 {
        Line::from(Span::styled(
            format!("… {more} families not shown"),
            Style::default().fg(Color::DarkGray),
        ))
    } else {
        more_line(more, "families")
    };
    super::above_last_row(frame, table, inner, last);
}

fn draw_top_rules(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let block = titled(" Top rules ", area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = usize::from(inner.height);
    if h == 0 {
        return;
    }
    // As many as fit; the last row says how many rules more have findings.
    let mut top = app.counts.top_rules(usize::MAX);
    let more = if top.len() > h {
        top.len() - (h - 1)
    } else {
        0
    };
    top.truncate(top.len() - more);
    let count_w = top.iter().map(|(_, n)| digits(*n)).max().unwrap_or(1);
    // The count before the name, which is what gives way, marked, when the panel is narrow.
    let name_w = usize::from(inner.width).saturating_sub(6 + 2 + count_w + 2);
    let rows = top.into_iter().map(|(r, n)| {
        let info = r.info();
        Row::new(vec![
            Cell::from(Span::styled(info.code, severity_style(info.severity))),
            Cell::from(format!("{n:>count_w$}")),
            Cell::from(fit(info.name, name_w)),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(6),
            Constraint::Length(count_w as u16),
            Constraint::Min(0),
        ],
    )
    .column_spacing(2);
    if more == 0 {
        frame.render_widget(table, inner);
        return;
    }
    super::above_last_row(frame, table, inner, more_line(more, "rules"));
}

/// The bars' width in a panel `width` columns wide with `n` bars.
fn bar_width(width: u16, n: usize) -> u16 {
    (width.saturating_sub(2) / n.max(1) as u16)
        .saturating_sub(2)
        .clamp(1, 12)
}

/// Whether the ages' panel has the columns for every bar's label whole (the chart cuts them
/// without a mark).
fn ages_fit(app: &App, width: u16) -> bool {
    let buckets = &app.report.audit.updated_at_ages.buckets;
    if buckets.is_empty() {
        return true;
    }
    let widest = buckets.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    usize::from(bar_width(width, buckets.len())) >= widest
}

fn draw_ages(frame: &mut Frame<'_>, app: &App, area: Rect) {
    if area.height < 3 {
        return;
    }
    let block = titled(
        " Age of the records' updated_at (at the audit time) ",
        area.width,
    );
    let buckets = &app.report.audit.updated_at_ages.buckets;
    if buckets.is_empty() {
        let msg = if app.state == AuditState::Finished {
            "no dates"
        } else {
            "known when the audit finishes"
        };
        frame.render_widget(Paragraph::new(msg).block(block), area);
        return;
    }
    let bars: Vec<Bar<'_>> = buckets
        .iter()
        .map(|(label, n)| {
            let style = match *label {
                "≤72 h" => Style::default().fg(Color::Green),
                "none" => Style::default().fg(Color::DarkGray),
                // Dates that cannot be true (FRE001).
                "future" => Style::default().fg(Color::Red),
                _ => Style::default().fg(Color::Yellow),
            };
            Bar::with_label(*label, *n).style(style)
        })
        .collect();
    let width = bar_width(area.width, buckets.len());
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(width)
            .bar_gap(2)
            .block(block),
        area,
    );
}

/// `⚠ 2 warnings (? shows them): the first…`, when the audit gave any.
fn warnings_line(app: &App) -> Option<Line<'static>> {
    let first = app.warnings.first()?;
    let n = app.warnings.len();
    let first = crate::text::sanitize::for_terminal(first.lines().next().unwrap_or(""), false);
    Some(Line::from(vec![
        Span::styled(
            format!(
                "⚠ {n} warning{} ({} shows {}): ",
                if n == 1 { "" } else { "s" },
                app.keymap.hint(
                    crate::tui::keymap::Section::Global,
                    crate::tui::keymap::Action::Help
                ),
                if n == 1 { "it" } else { "them" }
            ),
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        ),
        Span::styled(first.into_owned(), Style::default().fg(Color::Yellow)),
    ]))
}
