//! The UI's state and its update functions. Nothing here touches a terminal: keys, mouse
//! scrolls and audit events come in as values, and the views draw from `&App`.
//!
//! The findings stay in one `Vec<Finding>` (the report's); the list view works on a vector of
//! `u32` indices into it (filtered, then sorted), and on a 4-byte summary of each finding
//! ([`Meta`]) so that filtering and sorting a million findings touch 4 MB, not the findings.

use super::keymap::{Action, Key, Keymap, Section};
use crate::audit::{AuditContext, AuditEvent, AuditOutcome, Progress};
use crate::model::{Finding, Record, ReferenceDecision};
use crate::report::{Format, Report, Summary, Verdict, Waiver, WaiverStatus, WriteOptions};
use crate::rules::{Family, Penalty, Rule, Severity};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The main views; `tab` switches Overview and List, `enter` opens Detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    List,
    Detail,
}

/// A modal box over the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Filter { row: usize },
    Search { input: String },
    Waiver { input: String, status: WaiverStatus },
    Export(ExportPrompt),
}

/// The export prompt: a format, a path, and whether overwriting was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub format: usize,
    pub path: String,
    /// The path exists: the next `confirm` overwrites it.
    pub confirm_overwrite: bool,
}

/// The formats the export prompt offers, in order.
pub const FORMATS: [Format; 5] = Format::ALL;

/// Columns the list sorts by (`s` cycles them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    /// The report's order: file, line, rule (arrival order while the audit runs).
    Position,
    Severity,
    Penalty,
    Rule,
    Family,
    Record,
    Message,
}

impl SortColumn {
    pub const ALL: [SortColumn; 7] = [
        SortColumn::Position,
        SortColumn::Severity,
        SortColumn::Penalty,
        SortColumn::Rule,
        SortColumn::Family,
        SortColumn::Record,
        SortColumn::Message,
    ];
    pub fn name(self) -> &'static str {
        match self {
            SortColumn::Position => "position",
            SortColumn::Severity => "severity",
            SortColumn::Penalty => "penalty",
            SortColumn::Rule => "rule",
            SortColumn::Family => "family",
            SortColumn::Record => "record",
            SortColumn::Message => "message",
        }
    }
}

/// What the list shows; `None` lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub family: Option<Family>,
    pub rule: Option<Rule>,
    pub severity: Option<Severity>,
    pub penalty: Option<Penalty>,
    pub repeated: Option<bool>,
    pub source_defect: Option<bool>,
}

pub const FILTER_ROWS: [&str; 6] = [
    "family",
    "rule",
    "severity",
    "penalty",
    "repeated",
    "source defect",
];

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// The value of a row as text.
    pub fn value(&self, row: usize) -> String {
        let opt = |o: Option<&str>| o.unwrap_or("any").to_string();
        match row {
            0 => opt(self.family.map(Family::as_str)),
            1 => opt(self.rule.map(Rule::code)),
            2 => opt(self.severity.map(Severity::as_str)),
            3 => opt(self.penalty.map(Penalty::as_str)),
            4 => opt(self.repeated.map(yes_no)),
            _ => opt(self.source_defect.map(yes_no)),
        }
    }

    /// Moves a row's value forward or back through `any` and every value.
    pub fn cycle(&mut self, row: usize, forward: bool) {
        fn step<T: Copy + PartialEq>(cur: Option<T>, all: &[T], forward: bool) -> Option<T> {
            // Positions: 0 = any, 1.. = values.
            let n = all.len() + 1;
            let pos = cur.map_or(0, |c| all.iter().position(|v| *v == c).map_or(0, |i| i + 1));
            let next = if forward {
                (pos + 1) % n
            } else {
                (pos + n - 1) % n
            };
            if next == 0 { None } else { Some(all[next - 1]) }
        }
        match row {
            0 => self.family = step(self.family, &Family::ALL, forward),
            1 => self.rule = step(self.rule, Rule::ALL, forward),
            2 => self.severity = step(self.severity, &Severity::ALL, forward),
            3 => self.penalty = step(self.penalty, &Penalty::ALL, forward),
            4 => self.repeated = step(self.repeated, &[true, false], forward),
            _ => self.source_defect = step(self.source_defect, &[true, false], forward),
        }
    }

    pub fn clear_row(&mut self, row: usize) {
        match row {
            0 => self.family = None,
            1 => self.rule = None,
            2 => self.severity = None,
            3 => self.penalty = None,
            4 => self.repeated = None,
            _ => self.source_defect = None,
        }
    }

    fn matches(&self, m: Meta) -> bool {
        self.rule.is_none_or(|r| m.rule() == r)
            && self.family.is_none_or(|f| m.rule().info().family == f)
            && self.severity.is_none_or(|s| m.severity() == s)
            && self.penalty.is_none_or(|p| m.penalty() == p)
            && self.repeated.is_none_or(|r| m.repeated() == r)
            && self.source_defect.is_none_or(|d| m.source_defect() == d)
    }

    /// A short description for the list's title (`family=masking severity=high`).
    pub fn describe(&self) -> String {
        (0..FILTER_ROWS.len())
            .filter(|r| self.value(*r) != "any")
            .map(|r| format!("{}={}", FILTER_ROWS[r].replace(' ', "_"), self.value(r)))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Four bytes per finding: what filtering and sorting by enum columns read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    rule: u8,
    severity: u8,
    penalty: u8,
    flags: u8,
}

impl Meta {
    fn of(f: &Finding) -> Meta {
        Meta {
            rule: Rule::ALL.iter().position(|r| *r == f.rule).unwrap_or(0) as u8,
            severity: Severity::ALL
                .iter()
                .position(|s| *s == f.severity)
                .unwrap_or(0) as u8,
            penalty: Penalty::ALL
                .iter()
                .position(|p| *p == f.penalty)
                .unwrap_or(0) as u8,
            flags: u8::from(f.repeated) | (u8::from(f.source_defect) << 1),
        }
    }
    pub fn rule(self) -> Rule {
        Rule::ALL[self.rule as usize]
    }
    pub fn severity(self) -> Severity {
        Severity::ALL[self.severity as usize]
    }
    pub fn penalty(self) -> Penalty {
        Penalty::ALL[self.penalty as usize]
    }
    pub fn repeated(self) -> bool {
        self.flags & 1 != 0
    }
    pub fn source_defect(self) -> bool {
        self.flags & 2 != 0
    }
    fn family_index(self) -> usize {
        let fam = self.rule().info().family;
        Family::ALL.iter().position(|f| *f == fam).unwrap_or(0)
    }
}

/// Counts the overview shows, kept up to date as findings arrive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// `[family][severity]`, in the order of `Family::ALL` and `Severity::ALL`.
    pub by_family_severity: [[u64; 5]; 6],
    pub by_penalty: [u64; 3],
    pub by_rule: Vec<u64>,
}

impl Counts {
    fn add(&mut self, m: Meta) {
        if self.by_rule.len() != Rule::ALL.len() {
            self.by_rule = vec![0; Rule::ALL.len()];
        }
        self.by_family_severity[m.family_index()][m.severity as usize] += 1;
        self.by_penalty[m.penalty as usize] += 1;
        self.by_rule[m.rule as usize] += 1;
    }

    pub fn verdict(&self) -> Verdict {
        if self.by_penalty[0] > 0 {
            Verdict::Permanent
        } else if self.by_penalty[1] > 0 {
            Verdict::Temporary
        } else {
            Verdict::Compliant
        }
    }

    /// Rules by decreasing count (ties in registry order), only those that fired.
    pub fn top_rules(&self, n: usize) -> Vec<(Rule, u64)> {
        let mut v: Vec<(Rule, u64)> = self
            .by_rule
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, c)| (Rule::ALL[i], *c))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }
}

/// Where the audit stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditState {
    /// Reading the reference.
    Loading,
    Running,
    Finished,
    Failed(String),
}

/// The finding shown in the detail view, with its context read once on opening.
pub struct Detail {
    /// Index into the findings.
    pub finding: u32,
    pub record: Option<Record>,
    pub reference: Option<ReferenceDecision>,
    /// The diff of the record's text against the reference, built once.
    pub diff: super::diff::TextDiff,
    pub side_by_side: bool,
    /// Follow the evidence: the next frame scrolls to the offending span.
    pub follow: bool,
    pub scroll: usize,
}

/// Everything the UI knows.
pub struct App {
    pub keymap: Keymap,
    pub view: View,
    pub overlay: Option<Overlay>,
    pub state: AuditState,
    pub progress: Progress,
    pub reference_decisions: Option<u64>,
    /// The findings, live then final; `report.waivers` holds the waivers.
    pub report: Report,
    pub context: Option<Arc<dyn AuditContext>>,
    pub meta: Vec<Meta>,
    pub counts: Counts,

    // The list.
    /// Indices of the findings shown, in display order.
    pub order: Vec<u32>,
    pub selected: usize,
    pub offset: usize,
    pub sort: SortColumn,
    pub descending: bool,
    pub filter: Filter,
    pub search: String,
    pub group: bool,
    dirty: bool,
    /// Lazily computed ranks of each finding for the string columns.
    rank_record: Option<Vec<u32>>,
    rank_message: Option<Vec<u32>>,
    rank_position: Option<Vec<u32>>,
    /// The searchable text of every finding, built on the first search.
    search_index: Option<SearchIndex>,

    pub detail: Option<Detail>,
    pub reveal: bool,
    pub waivers_path: Option<PathBuf>,
    pub write_options: WriteOptions,
    /// A message for the status line (what was saved, an error…).
    pub status: Option<String>,
    pub should_quit: bool,
    /// The time stamp of a new waiver (replaced in tests).
    pub now: fn() -> String,

    /// Set by the views when drawing (drawing takes `&self`): rows the list shows, lines the
    /// detail shows, and the scroll the detail used.
    pub list_height: Cell<usize>,
    pub detail_height: Cell<usize>,
    pub detail_scroll_drawn: Cell<usize>,
    pub detail_lines: Cell<usize>,
    pub help_lines: Cell<usize>,
}

impl App {
    pub fn new(keymap: Keymap) -> App {
        App {
            keymap,
            view: View::Overview,
            overlay: None,
            state: AuditState::Loading,
            progress: Progress::default(),
            reference_decisions: None,
            report: empty_report(),
            context: None,
            meta: Vec::new(),
            counts: Counts::default(),
            order: Vec::new(),
            selected: 0,
            offset: 0,
            sort: SortColumn::Position,
            descending: false,
            filter: Filter::default(),
            search: String::new(),
            group: false,
            dirty: false,
            rank_record: None,
            rank_message: None,
            rank_position: None,
            search_index: None,
            detail: None,
            reveal: false,
            waivers_path: None,
            write_options: WriteOptions::default(),
            status: None,
            should_quit: false,
            now: || {
                jiff::Timestamp::now()
                    .strftime("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
            },
            list_height: Cell::new(20),
            detail_height: Cell::new(20),
            detail_scroll_drawn: Cell::new(0),
            detail_lines: Cell::new(0),
            help_lines: Cell::new(0),
        }
    }

    /// An app showing a finished report (tests, and the end of a live audit).
    pub fn with_report(
        keymap: Keymap,
        report: Report,
        context: Option<Arc<dyn AuditContext>>,
    ) -> App {
        let mut app = App::new(keymap);
        app.finish(AuditOutcome {
            report,
            context: context.unwrap_or_else(|| Arc::new(NoContext)),
        });
        app
    }

    // ---------------------------------------------------------------- audit events

    pub fn on_audit(&mut self, ev: AuditEvent) {
        match ev {
            AuditEvent::ReferenceLoaded { decisions } => {
                self.reference_decisions = Some(decisions);
                if self.state == AuditState::Loading {
                    self.state = AuditState::Running;
                }
            }
            AuditEvent::Progress(p) => {
                self.progress = p;
                if self.state == AuditState::Loading {
                    self.state = AuditState::Running;
                }
            }
            AuditEvent::Findings(batch) => {
                if matches!(self.state, AuditState::Finished) {
                    return;
                }
                let start = self.report.findings.len() as u32;
                for f in &batch {
                    let m = Meta::of(f);
                    self.counts.add(m);
                    self.meta.push(m);
                }
                self.report.findings.extend(batch);
                self.invalidate_ranks();
                if self.sort == SortColumn::Position && !self.descending && !self.group {
                    // Arrival order: append what passes the filter, nothing to re-sort.
                    let end = self.report.findings.len() as u32;
                    let query = self.query();
                    for i in start..end {
                        if self.passes(i, query.as_deref()) {
                            self.order.push(i);
                        }
                    }
                } else {
                    self.dirty = true;
                }
            }
        }
    }

    /// The final, ordered report replaces the live list; the selection follows its finding.
    pub fn finish(&mut self, outcome: AuditOutcome) {
        let selected_fp = self.selected_finding().map(Finding::fingerprint);
        let mut report = outcome.report;
        // Waivers set during the audit, or loaded from the file, win over none.
        let waivers = std::mem::take(&mut self.report.waivers);
        for (k, v) in waivers {
            report.waivers.insert(k, v);
        }
        self.report = report;
        self.context = Some(outcome.context);
        self.meta = self.report.findings.iter().map(Meta::of).collect();
        self.counts = Counts::default();
        self.counts.by_rule = vec![0; Rule::ALL.len()];
        for m in &self.meta {
            self.counts.add(*m);
        }
        self.state = AuditState::Finished;
        self.invalidate_ranks();
        self.detail = None;
        if self.view == View::Detail {
            self.view = View::List;
        }
        self.recompute();
        self.selected = 0;
        if let Some(fp) = selected_fp
            && let Some(pos) = self
                .order
                .iter()
                .position(|&i| self.report.findings[i as usize].fingerprint() == fp)
        {
            self.selected = pos;
        }
    }

    pub fn fail(&mut self, message: String) {
        self.state = AuditState::Failed(message);
    }

    // ---------------------------------------------------------------- the list's index

    fn invalidate_ranks(&mut self) {
        self.rank_record = None;
        self.rank_message = None;
        self.rank_position = None;
        self.search_index = None;
    }

    /// The search query as matched: lower-cased (the search ignores case).
    fn query(&self) -> Option<String> {
        (!self.search.is_empty()).then(|| self.search.to_lowercase())
    }

    /// Whether finding `i` passes the filter and the search (`query` lower-cased). Used for
    /// the few findings of a live batch; a whole recompute scans the [`SearchIndex`] instead.
    fn passes(&self, i: u32, query: Option<&str>) -> bool {
        if !self.filter.matches(self.meta[i as usize]) {
            return false;
        }
        let Some(q) = query else { return true };
        let f = &self.report.findings[i as usize];
        SearchIndex::haystack(f).contains(q)
    }

    /// Rebuilds the shown indices from the filter, search, sort and grouping, keeping the
    /// selected finding selected when it is still shown.
    pub fn recompute(&mut self) {
        let keep = self.order.get(self.selected).copied();
        let n = self.report.findings.len() as u32;
        let query = self.query();
        let matched = query.as_deref().map(|q| {
            self.search_index
                .get_or_insert_with(|| SearchIndex::build(&self.report.findings))
                .matches(q)
        });
        let mut order: Vec<u32> = match (&matched, self.filter.is_empty()) {
            (None, true) => (0..n).collect(),
            (None, false) => {
                let meta = &self.meta;
                (0..n)
                    .filter(|&i| self.filter.matches(meta[i as usize]))
                    .collect()
            }
            (Some(m), _) => m
                .iter()
                .copied()
                .filter(|&i| self.filter.matches(self.meta[i as usize]))
                .collect(),
        };
        let descending = self.descending;
        match self.sort {
            SortColumn::Position => {
                if descending {
                    order.reverse();
                }
            }
            SortColumn::Severity => {
                let meta = &self.meta;
                order = counting_sort(&order, 5, descending, |i| meta[i as usize].severity as u32);
            }
            SortColumn::Penalty => {
                let meta = &self.meta;
                order = counting_sort(&order, 3, descending, |i| meta[i as usize].penalty as u32);
            }
            SortColumn::Rule => {
                let meta = &self.meta;
                order = counting_sort(&order, Rule::ALL.len() as u32, descending, |i| {
                    meta[i as usize].rule as u32
                });
            }
            SortColumn::Family => {
                let meta = &self.meta;
                order = counting_sort(&order, 6, descending, |i| {
                    meta[i as usize].family_index() as u32
                });
            }
            SortColumn::Record => {
                let rank = self
                    .rank_record
                    .get_or_insert_with(|| rank_by_str(&self.report.findings, record_id));
                order = counting_sort(&order, n, descending, |i| rank[i as usize]);
            }
            SortColumn::Message => {
                let rank = self
                    .rank_message
                    .get_or_insert_with(|| rank_by_str(&self.report.findings, |f| &f.message));
                order = counting_sort(&order, n, descending, |i| rank[i as usize]);
            }
        }
        if self.group {
            // A stable sort by the record's place keeps the chosen order inside each record.
            let rank = self
                .rank_position
                .get_or_insert_with(|| rank_by_place(&self.report.findings));
            order = counting_sort(&order, n, false, |i| rank[i as usize]);
        }
        self.order = order;
        self.dirty = false;
        self.selected = keep
            .and_then(|k| self.order.iter().position(|&i| i == k))
            .unwrap_or(0);
        self.clamp_selection();
    }

    /// Recomputes the list if findings arrived under a sort (called before drawing).
    pub fn refresh(&mut self) {
        if self.dirty {
            self.recompute();
        }
    }

    pub fn selected_index(&self) -> Option<u32> {
        self.order.get(self.selected).copied()
    }

    pub fn selected_finding(&self) -> Option<&Finding> {
        self.selected_index()
            .map(|i| &self.report.findings[i as usize])
    }

    fn clamp_selection(&mut self) {
        if self.order.is_empty() {
            self.selected = 0;
            self.offset = 0;
            return;
        }
        self.selected = self.selected.min(self.order.len() - 1);
        let h = self.list_height.get().max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        self.offset = self.offset.min(self.order.len().saturating_sub(1));
    }

    fn move_selection(&mut self, delta: isize) {
        if self.order.is_empty() {
            return;
        }
        let last = self.order.len() as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, last) as usize;
        self.clamp_selection();
    }

    /// Whether the finding at display position `pos` starts a new record (grouped display).
    pub fn starts_group(&self, pos: usize) -> bool {
        if pos == 0 {
            return true;
        }
        let key = |p: usize| {
            self.order
                .get(p)
                .map(|&i| self.report.findings[i as usize].sort_key())
                .map(|(f, l, _)| (f, l))
        };
        key(pos) != key(pos - 1)
    }

    /// The waiver of a finding, if any.
    pub fn waiver_of(&self, f: &Finding) -> Option<&Waiver> {
        if self.report.waivers.is_empty() {
            return None;
        }
        self.report.waivers.get(&f.fingerprint())
    }

    // ---------------------------------------------------------------- keys

    /// Handles a key; returns whether it did something.
    pub fn on_key(&mut self, key: Key) -> bool {
        self.status = None;
        match self.overlay.clone() {
            Some(Overlay::Search { input }) => self.key_search(key, input),
            Some(Overlay::Waiver { input, status }) => self.key_waiver(key, input, status),
            Some(Overlay::Export(p)) => self.key_export(key, p),
            Some(Overlay::Filter { row }) => match self.keymap.action(Section::Filter, key) {
                Some(a) => self.filter_action(a, row),
                None => self.global(key),
            },
            Some(Overlay::Help { scroll }) => match self.keymap.action(Section::Help, key) {
                Some(Action::Close) => {
                    self.overlay = None;
                    true
                }
                Some(Action::ScrollDown) => {
                    let max = self.help_lines.get().saturating_sub(1);
                    self.overlay = Some(Overlay::Help {
                        scroll: (scroll + 1).min(max),
                    });
                    true
                }
                Some(Action::ScrollUp) => {
                    self.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_sub(1),
                    });
                    true
                }
                _ => self.global(key),
            },
            None => {
                let section = match self.view {
                    View::Overview => Section::Overview,
                    View::List => Section::List,
                    View::Detail => Section::Detail,
                };
                match self.keymap.action(section, key) {
                    Some(a) => self.view_action(a),
                    None => self.global(key),
                }
            }
        }
    }

    fn global(&mut self, key: Key) -> bool {
        match self.keymap.action(Section::Global, key) {
            Some(Action::Quit) => {
                self.should_quit = true;
                true
            }
            Some(Action::Help) => {
                self.overlay = match self.overlay {
                    Some(Overlay::Help { .. }) => None,
                    _ => Some(Overlay::Help { scroll: 0 }),
                };
                true
            }
            Some(Action::SwitchView) => {
                self.overlay = None;
                self.view = match self.view {
                    View::Overview => View::List,
                    View::List | View::Detail => View::Overview,
                };
                true
            }
            _ => false,
        }
    }

    /// In a text prompt, printable keys type; only `ctrl-`/`alt-` keys reach the global
    /// bindings (so `q` types a `q` and `ctrl-c` still quits).
    fn prompt_key(&mut self, key: Key, input: &mut String) -> bool {
        if let Some(c) = key.typed_char() {
            input.push(c);
            true
        } else if key.is_backspace() {
            input.pop();
            true
        } else {
            false
        }
    }

    fn key_search(&mut self, key: Key, mut input: String) -> bool {
        match self.keymap.action(Section::Search, key) {
            Some(Action::Confirm) => {
                self.overlay = None;
                true
            }
            Some(Action::Cancel) => {
                self.overlay = None;
                self.search.clear();
                self.recompute();
                true
            }
            _ => {
                if self.prompt_key(key, &mut input) {
                    // Search as you type.
                    self.search = input.clone();
                    self.overlay = Some(Overlay::Search { input });
                    self.recompute();
                    true
                } else {
                    self.global_from_prompt(key)
                }
            }
        }
    }

    fn global_from_prompt(&mut self, key: Key) -> bool {
        if key.typed_char().is_none()
            && self.keymap.action(Section::Global, key) == Some(Action::Quit)
        {
            self.should_quit = true;
            return true;
        }
        false
    }

    fn key_waiver(&mut self, key: Key, mut input: String, status: WaiverStatus) -> bool {
        match self.keymap.action(Section::Waiver, key) {
            Some(Action::Confirm) => {
                self.overlay = None;
                self.set_waiver(Some(Waiver {
                    status,
                    note: input.trim().to_string(),
                    at: (self.now)(),
                }));
                true
            }
            Some(Action::Remove) => {
                self.overlay = None;
                self.set_waiver(None);
                true
            }
            Some(Action::Cancel) => {
                self.overlay = None;
                true
            }
            Some(Action::ToggleStatus) => {
                let status = match status {
                    WaiverStatus::Reviewed => WaiverStatus::Accepted,
                    WaiverStatus::Accepted => WaiverStatus::Reviewed,
                };
                self.overlay = Some(Overlay::Waiver { input, status });
                true
            }
            _ => {
                if self.prompt_key(key, &mut input) {
                    self.overlay = Some(Overlay::Waiver { input, status });
                    true
                } else {
                    self.global_from_prompt(key)
                }
            }
        }
    }

    fn key_export(&mut self, key: Key, mut p: ExportPrompt) -> bool {
        match self.keymap.action(Section::Export, key) {
            Some(Action::Confirm) => {
                self.confirm_export(p);
                true
            }
            Some(Action::Cancel) => {
                self.overlay = None;
                true
            }
            Some(a @ (Action::NextFormat | Action::PreviousFormat)) => {
                let n = FORMATS.len();
                let old_ext = FORMATS[p.format].extension();
                p.format = if a == Action::NextFormat {
                    (p.format + 1) % n
                } else {
                    (p.format + n - 1) % n
                };
                // Follow the format with the extension, if the path still has the old one.
                let suffix = format!(".{old_ext}");
                if let Some(stem) = p.path.strip_suffix(&suffix) {
                    p.path = format!("{stem}.{}", FORMATS[p.format].extension());
                }
                p.confirm_overwrite = false;
                self.overlay = Some(Overlay::Export(p));
                true
            }
            _ => {
                let mut path = std::mem::take(&mut p.path);
                if self.prompt_key(key, &mut path) {
                    p.path = path;
                    p.confirm_overwrite = false;
                    self.overlay = Some(Overlay::Export(p));
                    true
                } else {
                    self.global_from_prompt(key)
                }
            }
        }
    }

    fn confirm_export(&mut self, mut p: ExportPrompt) {
        let path = PathBuf::from(p.path.trim());
        if p.path.trim().is_empty() {
            self.status = Some("export: type a path".into());
            self.overlay = Some(Overlay::Export(p));
            return;
        }
        if path.exists() && !p.confirm_overwrite {
            p.confirm_overwrite = true;
            self.overlay = Some(Overlay::Export(p));
            return;
        }
        self.overlay = None;
        let format = FORMATS[p.format];
        let result = crate::report::write_atomically(&path, |out| {
            crate::report::write(&self.report, format, &self.write_options, out)
        });
        self.status = Some(match result {
            Ok(()) => {
                let shown = std::fs::canonicalize(&path).unwrap_or(path);
                format!(
                    "exported {} findings as {} to {}",
                    self.report.findings.len(),
                    FORMATS[p.format].as_str(),
                    shown.display()
                )
            }
            Err(e) => format!("export failed: {e:#}"),
        });
    }

    fn open_export(&mut self) {
        if self.state != AuditState::Finished {
            self.status = Some("export: wait for the audit to finish".into());
            return;
        }
        self.overlay = Some(Overlay::Export(ExportPrompt {
            format: 0,
            path: "vigie-report.json".into(),
            confirm_overwrite: false,
        }));
    }

    fn open_waiver(&mut self) {
        let Some(f) = self.current_finding() else {
            return;
        };
        let (input, status) = match self.waiver_of(f) {
            Some(w) => (w.note.clone(), w.status),
            None => (String::new(), WaiverStatus::Reviewed),
        };
        self.overlay = Some(Overlay::Waiver { input, status });
    }

    /// The finding the waiver and detail act on: the detail's, or the list's selection.
    pub fn current_finding(&self) -> Option<&Finding> {
        match (&self.detail, self.view) {
            (Some(d), View::Detail) => self.report.findings.get(d.finding as usize),
            _ => self.selected_finding(),
        }
    }

    /// Sets or removes the waiver of the current finding and saves the waivers file.
    pub fn set_waiver(&mut self, waiver: Option<Waiver>) {
        let Some(fp) = self.current_finding().map(Finding::fingerprint) else {
            return;
        };
        match waiver {
            Some(w) => {
                self.report.waivers.insert(fp, w);
            }
            None => {
                self.report.waivers.remove(&fp);
            }
        }
        self.status = Some(match &self.waivers_path {
            Some(path) => match super::waivers::save(path, &self.report.waivers) {
                Ok(()) => format!("waivers saved to {}", path.display()),
                Err(e) => format!("cannot save the waivers: {e:#}"),
            },
            None => "no --waivers file: the waiver lasts this session (and its exports)".into(),
        });
    }

    fn filter_action(&mut self, a: Action, row: usize) -> bool {
        let rows = FILTER_ROWS.len();
        match a {
            Action::Up => {
                self.overlay = Some(Overlay::Filter {
                    row: (row + rows - 1) % rows,
                })
            }
            Action::Down => {
                self.overlay = Some(Overlay::Filter {
                    row: (row + 1) % rows,
                })
            }
            Action::NextValue | Action::PreviousValue => {
                self.filter.cycle(row, a == Action::NextValue);
                self.recompute();
            }
            Action::Clear => {
                self.filter.clear_row(row);
                self.recompute();
            }
            Action::Close => self.overlay = None,
            _ => return false,
        }
        true
    }

    fn view_action(&mut self, a: Action) -> bool {
        match (self.view, a) {
            (View::Overview, Action::Open) => self.view = View::List,
            (_, Action::Export) => self.open_export(),
            (_, Action::Waiver) => self.open_waiver(),
            (_, Action::Reveal) => {
                self.reveal = !self.reveal;
                self.status = Some(if self.reveal {
                    "personal data revealed".into()
                } else {
                    "personal data masked".into()
                });
            }
            (View::List, Action::Up) => self.move_selection(-1),
            (View::List, Action::Down) => self.move_selection(1),
            (View::List, Action::PageUp) => self.move_selection(-(self.list_height.get() as isize)),
            (View::List, Action::PageDown) => self.move_selection(self.list_height.get() as isize),
            (View::List, Action::First) => self.move_selection(isize::MIN / 2),
            (View::List, Action::Last) => self.move_selection(isize::MAX / 2),
            (View::List, Action::Open) => self.open_detail(),
            (View::List, Action::Search) => {
                self.overlay = Some(Overlay::Search {
                    input: self.search.clone(),
                })
            }
            (View::List, Action::Filter) => self.overlay = Some(Overlay::Filter { row: 0 }),
            (View::List, Action::Sort) => {
                let i = SortColumn::ALL
                    .iter()
                    .position(|c| *c == self.sort)
                    .unwrap_or(0);
                self.sort = SortColumn::ALL[(i + 1) % SortColumn::ALL.len()];
                self.descending = false;
                self.recompute();
            }
            (View::List, Action::ReverseSort) => {
                self.descending = !self.descending;
                self.recompute();
            }
            (View::List, Action::Group) => {
                self.group = !self.group;
                self.recompute();
            }
            (View::List, Action::Clear) => {
                if self.filter.is_empty() && self.search.is_empty() {
                    return false;
                }
                self.filter = Filter::default();
                self.search.clear();
                self.recompute();
            }
            (View::Detail, Action::Back) => {
                self.view = View::List;
                self.detail = None;
            }
            (View::Detail, a) => return self.detail_action(a),
            _ => return false,
        }
        true
    }

    fn detail_action(&mut self, a: Action) -> bool {
        let Some(d) = self.detail.as_mut() else {
            return false;
        };
        let page = self.detail_height.get().max(1);
        let cur = self.detail_scroll_drawn.get();
        let max = self.detail_lines.get().saturating_sub(1);
        match a {
            Action::ScrollUp
            | Action::ScrollDown
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => {
                d.follow = false;
                d.scroll = match a {
                    Action::ScrollUp => cur.saturating_sub(1),
                    Action::ScrollDown => (cur + 1).min(max),
                    Action::PageUp => cur.saturating_sub(page),
                    Action::PageDown => (cur + page).min(max),
                    Action::First => 0,
                    _ => max.saturating_sub(page.saturating_sub(1)),
                };
            }
            Action::ToEvidence => d.follow = true,
            Action::ToggleDiff => d.side_by_side = !d.side_by_side,
            Action::Next => {
                self.move_selection(1);
                self.open_detail();
            }
            Action::Previous => {
                self.move_selection(-1);
                self.open_detail();
            }
            Action::NextInRecord | Action::PreviousInRecord => {
                let forward = a == Action::NextInRecord;
                let cur = d.finding as usize;
                let key = record_key(&self.report.findings[cur]);
                if key.is_none() {
                    return false;
                }
                let found = if forward {
                    (cur + 1..self.report.findings.len())
                        .find(|&i| record_key(&self.report.findings[i]) == key)
                } else {
                    (0..cur)
                        .rev()
                        .find(|&i| record_key(&self.report.findings[i]) == key)
                };
                match found {
                    Some(i) => {
                        if let Some(pos) = self.order.iter().position(|&o| o as usize == i) {
                            self.selected = pos;
                            self.clamp_selection();
                        }
                        self.open_finding(i as u32);
                    }
                    None => {
                        self.status = Some(format!(
                            "no {} finding of this record",
                            if forward { "next" } else { "previous" }
                        ))
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// Opens the selected finding in the detail view.
    pub fn open_detail(&mut self) {
        if let Some(i) = self.selected_index() {
            self.open_finding(i);
        }
    }

    fn open_finding(&mut self, i: u32) {
        let f = &self.report.findings[i as usize];
        let record = match (&self.context, &f.record) {
            (Some(c), Some(r)) => c.record(r),
            _ => None,
        };
        let source_id = record
            .as_ref()
            .and_then(|r| r.source_id.clone())
            .or_else(|| f.record.as_ref().and_then(|r| r.source_id.clone()));
        let reference = match (&self.context, source_id) {
            (Some(c), Some(s)) => c.reference_for(&s),
            _ => None,
        };
        let diff = super::diff::TextDiff::build(self, i, record.as_ref(), reference.as_ref());
        let side_by_side = self.detail.as_ref().is_some_and(|d| d.side_by_side);
        self.detail = Some(Detail {
            finding: i,
            record,
            reference,
            diff,
            side_by_side,
            follow: true,
            scroll: 0,
        });
        self.view = View::Detail;
    }

    /// Mouse wheel: `lines` down (negative: up) in whatever scrolls.
    pub fn on_scroll(&mut self, lines: isize) {
        match (&mut self.overlay, self.view) {
            (Some(Overlay::Help { scroll }), _) => {
                let max = self.help_lines.get().saturating_sub(1) as isize;
                *scroll = (*scroll as isize + lines).clamp(0, max.max(0)) as usize;
            }
            (Some(_), _) => {}
            (None, View::List) => self.move_selection(lines),
            (None, View::Detail) => {
                if let Some(d) = self.detail.as_mut() {
                    let max = self.detail_lines.get().saturating_sub(1) as isize;
                    d.follow = false;
                    d.scroll = (self.detail_scroll_drawn.get() as isize + lines)
                        .clamp(0, max.max(0)) as usize;
                }
            }
            (None, View::Overview) => {}
        }
    }

    /// Findings of the same record as finding `i` (adjacent in the final report).
    pub fn same_record(&self, i: u32) -> impl Iterator<Item = &Finding> {
        let findings = &self.report.findings;
        let key = record_key(&findings[i as usize]);
        let i = i as usize;
        let mut lo = i;
        while lo > 0 && key.is_some() && record_key(&findings[lo - 1]) == key {
            lo -= 1;
        }
        let mut hi = i + 1;
        while hi < findings.len() && key.is_some() && record_key(&findings[hi]) == key {
            hi += 1;
        }
        findings[lo..hi].iter()
    }

    /// Summary counts: the final report's when finished, else the live ones.
    pub fn summary(&self) -> Option<&Summary> {
        (self.state == AuditState::Finished).then_some(&self.report.summary)
    }
}

/// The searchable text of all findings in one lower-cased buffer (rule code, record id and
/// message of each, separated by NUL), so that a search is one `memmem` pass over contiguous
/// memory instead of a million small strings scattered over the heap.
struct SearchIndex {
    text: Vec<u8>,
    /// `starts[i]`: where finding `i`'s text begins; one more entry for the end.
    starts: Vec<usize>,
}

impl SearchIndex {
    /// Appends the lower-cased searchable text of `f` to `out`.
    fn push_haystack(f: &Finding, out: &mut Vec<u8>) {
        let id = f
            .record
            .as_ref()
            .and_then(|r| r.id.as_deref())
            .unwrap_or("");
        for (k, part) in [f.rule.code(), id, f.message.as_str()]
            .into_iter()
            .enumerate()
        {
            if k > 0 {
                out.push(0);
            }
            if part.is_ascii() {
                out.extend(part.bytes().map(|b| b.to_ascii_lowercase()));
            } else {
                out.extend_from_slice(part.to_lowercase().as_bytes());
            }
        }
    }

    fn haystack(f: &Finding) -> String {
        let mut out = Vec::new();
        Self::push_haystack(f, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    fn build(findings: &[Finding]) -> SearchIndex {
        let mut text = Vec::with_capacity(findings.len() * 64);
        let mut starts = Vec::with_capacity(findings.len() + 1);
        for f in findings {
            starts.push(text.len());
            Self::push_haystack(f, &mut text);
            text.push(0);
        }
        starts.push(text.len());
        SearchIndex { text, starts }
    }

    /// Indices of the findings whose text contains `query` (lower-cased, no NUL), ascending.
    fn matches(&self, query: &str) -> Vec<u32> {
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let mut out = Vec::new();
        let mut pos = 0usize;
        let mut i = 0usize;
        while let Some(found) = finder.find(&self.text[pos..]) {
            let at = pos + found;
            // Positions only grow: walk to the finding holding `at`.
            while self.starts[i + 1] <= at {
                i += 1;
            }
            out.push(i as u32);
            // The next match must be in a later finding.
            pos = self.starts[i + 1];
            if pos >= self.text.len() {
                break;
            }
        }
        out
    }
}

fn record_key(f: &Finding) -> Option<(u32, u64)> {
    f.record.as_ref().map(|r| (r.file_index, r.line))
}

fn record_id(f: &Finding) -> &str {
    f.record
        .as_ref()
        .and_then(|r| r.id.as_deref())
        .unwrap_or("")
}

/// `rank[i]` = place of finding `i` in the order of `key`, equal keys sharing a rank. The sort
/// runs on (16-byte prefix, index) pairs in parallel, reading the strings only on equal
/// prefixes: a million scattered strings are mostly compared without being touched.
fn rank_by_str(findings: &[Finding], key: impl Fn(&Finding) -> &str) -> Vec<u32> {
    use rayon::slice::ParallelSliceMut;
    let prefix = |s: &str| {
        let mut b = [0u8; 16];
        let n = s.len().min(16);
        b[..n].copy_from_slice(&s.as_bytes()[..n]);
        u128::from_be_bytes(b)
    };
    // The keys copied into one arena: comparisons read contiguous memory, not the findings.
    let mut arena: Vec<u8> = Vec::with_capacity(findings.len() * 32);
    let mut offsets: Vec<usize> = Vec::with_capacity(findings.len() + 1);
    let mut pairs: Vec<(u128, u32)> = Vec::with_capacity(findings.len());
    for (i, f) in findings.iter().enumerate() {
        let k = key(f);
        offsets.push(arena.len());
        arena.extend_from_slice(k.as_bytes());
        pairs.push((prefix(k), i as u32));
    }
    offsets.push(arena.len());
    let bytes = |i: u32| &arena[offsets[i as usize]..offsets[i as usize + 1]];
    // Byte order of UTF-8 is the order of `str`.
    let full =
        |a: &(u128, u32), b: &(u128, u32)| a.0.cmp(&b.0).then_with(|| bytes(a.1).cmp(bytes(b.1)));
    pairs.par_sort_unstable_by(|a, b| full(a, b).then(a.1.cmp(&b.1)));
    let mut rank = vec![0u32; findings.len()];
    let mut r = 0u32;
    for (k, p) in pairs.iter().enumerate() {
        if k > 0 && full(&pairs[k - 1], p).is_ne() {
            r = k as u32;
        }
        rank[p.1 as usize] = r;
    }
    rank
}

/// The rank of each finding's record place (file, line); linear when the findings are in
/// report order, as a finished report's are.
fn rank_by_place(findings: &[Finding]) -> Vec<u32> {
    let place = |f: &Finding| {
        let (file, line, _) = f.sort_key();
        (file, line)
    };
    let sorted = findings.windows(2).all(|w| place(&w[0]) <= place(&w[1]));
    let mut idx: Vec<u32> = (0..findings.len() as u32).collect();
    if !sorted {
        idx.sort_by_key(|&i| place(&findings[i as usize]));
    }
    let mut rank = vec![0u32; findings.len()];
    let mut r = 0u32;
    for k in 0..idx.len() {
        let i = idx[k] as usize;
        if k > 0 && place(&findings[idx[k - 1] as usize]) != place(&findings[i]) {
            r = k as u32;
        }
        rank[i] = r;
    }
    rank
}

/// A stable counting sort of `items` by `key` in `0..k` (reversed keys when `descending`,
/// still stable): linear in `items.len() + k`.
fn counting_sort(items: &[u32], k: u32, descending: bool, key: impl Fn(u32) -> u32) -> Vec<u32> {
    let k = k.max(1) as usize;
    let kf = |i: u32| {
        let v = (key(i) as usize).min(k - 1);
        if descending { k - 1 - v } else { v }
    };
    let mut count = vec![0u32; k + 1];
    for &i in items {
        count[kf(i) + 1] += 1;
    }
    for j in 1..=k {
        count[j] += count[j - 1];
    }
    let mut out = vec![0u32; items.len()];
    for &i in items {
        let slot = &mut count[kf(i)];
        out[*slot as usize] = i;
        *slot += 1;
    }
    out
}

fn empty_report() -> Report {
    Report {
        audit: Default::default(),
        summary: Summary::of(&[]),
        findings: Vec::new(),
        files: Vec::new(),
        waivers: BTreeMap::new(),
    }
}

/// A context that knows nothing (a report without its corpus).
pub struct NoContext;

impl AuditContext for NoContext {
    fn record(&self, _: &crate::model::RecordRef) -> Option<Record> {
        None
    }
    fn reference_for(&self, _: &str) -> Option<ReferenceDecision> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_sort_is_stable_both_ways() {
        let items = [0, 1, 2, 3, 4, 5];
        let key = |i: u32| [2, 0, 2, 1, 0, 1][i as usize];
        assert_eq!(counting_sort(&items, 3, false, key), vec![1, 4, 3, 5, 0, 2]);
        assert_eq!(counting_sort(&items, 3, true, key), vec![0, 2, 3, 5, 1, 4]);
    }

    #[test]
    fn filter_cycles_through_any() {
        let mut f = Filter::default();
        f.cycle(3, true);
        assert_eq!(f.penalty, Some(Penalty::Permanent));
        f.cycle(3, false);
        assert_eq!(f.penalty, None);
        f.cycle(3, false);
        assert_eq!(f.penalty, Some(Penalty::None));
        assert_eq!(f.describe(), "penalty=none");
    }
}
