//! The overview: verdict, counts by family × severity and by penalty, top rules, what was
//! checked, live progress, and how old the corpus's `updated_at` are.

use super::{penalty_style, severity_style};
use crate::report::Verdict;
use crate::rules::{Family, Penalty, Severity};
use crate::tui::app::{App, AuditState};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Cell, Gauge, Paragraph, Row, Table};

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let [top, middle, bottom] = area.layout(&Layout::vertical([
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Min(0),
    ]));
    let [verdict, audit] = top.layout(&Layout::horizontal([
        Constraint::Percentage(45),
        Constraint::Percentage(55),
    ]));
    let [matrix, rules] = middle.layout(&Layout::horizontal([
        Constraint::Percentage(55),
        Constraint::Percentage(45),
    ]));
    draw_verdict(frame, app, verdict);
    draw_audit(frame, app, audit);
    draw_matrix(frame, app, matrix);
    draw_top_rules(frame, app, rules);
    draw_ages(frame, app, bottom);
}

fn draw_verdict(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let v = app.counts.verdict();
    let (label, style, what) = match v {
        Verdict::Permanent => (
            "PERMANENT interruption",
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            "serious or repeated breach (CC CGU XII)",
        ),
        Verdict::Temporary => (
            "TEMPORARY interruption",
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            "until the breaches are resolved (CC CGU XII)",
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
    let mut lines = vec![
        Line::from(vec![Span::styled(label, style), Span::raw(provisional)]),
        Line::from(Span::styled(what, Style::default().fg(Color::DarkGray))),
        Line::raw(""),
    ];
    let total: u64 = app.counts.by_penalty.iter().sum();
    lines.push(Line::raw(format!("{total} findings")));
    for (i, p) in Penalty::ALL.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<10}", p.as_str()), penalty_style(*p)),
            Span::raw(format!("{:>10}", app.counts.by_penalty[i])),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Verdict ")),
        area,
    );
}

fn draw_audit(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let block = Block::bordered().title(" Audit ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let a = &app.report.audit;
    let p = &app.progress;
    let mut lines = Vec::new();
    if app.state == AuditState::Finished {
        lines.push(Line::raw(format!(
            "records checked {:>10}   matched {:>10}",
            a.records, a.matched_records
        )));
        lines.push(Line::raw(format!(
            "unreadable      {:>10}   with findings {:>4}",
            a.unreadable_records, app.report.summary.records_with_findings
        )));
        lines.push(Line::raw(format!(
            "reference decisions {:>6}   unreadable {:>7}",
            a.reference_decisions, a.unreadable_reference_decisions
        )));
        lines.push(Line::raw(format!(
            "as of {}   in {:.1} s",
            crate::text::sanitize::for_terminal(&a.as_of, false),
            a.elapsed_ms as f64 / 1000.0
        )));
        if a.texts_not_compared > 0 {
            lines.push(Line::raw(format!(
                "{} text(s) not compared: reference changed during the audit",
                a.texts_not_compared
            )));
        }
        if !a.policy_overrides.is_empty() {
            lines.push(Line::raw(format!(
                "{} policy override(s)",
                a.policy_overrides.len()
            )));
        }
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    // Live.
    let secs = p.elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        p.records as f64 / secs
    } else {
        0.0
    };
    let eta = if p.bytes_done > 0 && p.bytes_total > p.bytes_done && secs > 0.0 {
        let left = secs * (p.bytes_total - p.bytes_done) as f64 / p.bytes_done as f64;
        format!("ETA {}", human_secs(left))
    } else {
        "ETA —".into()
    };
    let refs = app
        .reference_decisions
        .map_or_else(|| "loading…".to_string(), |n| n.to_string());
    lines.push(Line::raw(format!("reference decisions {refs}")));
    lines.push(Line::raw(format!(
        "records {:>10}   {:>8.0}/s   unreadable {}",
        p.records, rate, p.unreadable
    )));
    lines.push(Line::raw(format!("findings {:>9}   {eta}", p.findings)));
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
    frame.render_widget(Paragraph::new(lines), text);
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

fn draw_matrix(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let header = Row::new(
        std::iter::once(Cell::from("family"))
            .chain(
                Severity::ALL
                    .iter()
                    .map(|s| Cell::from(Span::styled(s.as_str(), severity_style(*s)))),
            )
            .chain(std::iter::once(Cell::from("total"))),
    )
    .style(Style::default().add_modifier(Modifier::BOLD));
    let rows = Family::ALL.iter().enumerate().map(|(fi, f)| {
        let counts = app.counts.by_family_severity[fi];
        let total: u64 = counts.iter().sum();
        Row::new(
            std::iter::once(Cell::from(f.as_str()))
                .chain(counts.iter().map(|c| {
                    Cell::from(if *c == 0 {
                        "·".to_string()
                    } else {
                        c.to_string()
                    })
                }))
                .chain(std::iter::once(Cell::from(total.to_string()))),
        )
    });
    let widths = [
        Constraint::Length(12),
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(7),
    ];
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::bordered().title(" Findings by family × severity ")),
        area,
    );
}

fn draw_top_rules(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let rows = app
        .counts
        .top_rules(area.height.saturating_sub(2) as usize)
        .into_iter()
        .map(|(r, n)| {
            let info = r.info();
            Row::new(vec![
                Cell::from(Span::styled(info.code, severity_style(info.severity))),
                Cell::from(info.name),
                Cell::from(n.to_string()),
            ])
        });
    frame.render_widget(
        Table::new(
            rows,
            [
                Constraint::Length(7),
                Constraint::Min(10),
                Constraint::Length(9),
            ],
        )
        .block(Block::bordered().title(" Top rules ")),
        area,
    );
}

fn draw_ages(frame: &mut Frame<'_>, app: &App, area: Rect) {
    if area.height < 3 {
        return;
    }
    let block = Block::bordered().title(" Age of the records' updated_at (at the audit time) ");
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
                _ => Style::default().fg(Color::Yellow),
            };
            Bar::with_label(*label, *n).style(style)
        })
        .collect();
    let width = (area.width.saturating_sub(2) / buckets.len().max(1) as u16)
        .saturating_sub(2)
        .clamp(1, 12);
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(width)
            .bar_gap(2)
            .block(block),
        area,
    );
}
