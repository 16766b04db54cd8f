//! The UI's state and its update functions. Nothing here touches a terminal: keys, mouse
//! scrolls and audit events come in as values, and the views draw from `&App`.
//!
//! The findings stay in one `Vec<Finding>` (the report's); the list view works on a vector of
//! `u32` indices into it (filtered, then sorted), and on a 4-byte summary of each finding
//! ([`Meta`]) so that filtering and sorting a million findings touch 4 MB, not the findings.

use super::keymap::{Action, Key, Keymap, Section};
use super::line_edit::LineInput;
use crate::audit::{AuditContext, AuditEvent, AuditOutcome, Progress};
use crate::model::{Finding, Record, ReferenceDecision};
use crate::report::{Format, Report, Summary, Verdict, Waiver, WaiverStatus, WriteOptions};
use crate::rules::{Family, Penalty, Rule, Severity};
use crate::text::sanitize::Shown;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Lists at least this long announce a first-time index before building it.
const SLOW_FROM: usize = 200_000;

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
    Search { input: LineInput },
    Waiver(WaiverPrompt),
    Export(ExportPrompt),
}

/// The waiver prompt of one finding. It is bound to that finding from the moment it opens, by
/// its fingerprint (the key of the waivers file): the note is saved under it whatever the list
/// shows meanwhile (a live audit ends, the list is sorted again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaiverPrompt {
    pub input: LineInput,
    pub status: WaiverStatus,
    /// The fingerprint of the finding the waiver is for.
    pub fingerprint: String,
    /// The finding's rule, and its record as the prompt names it (corpus text: sanitise it to
    /// show it).
    pub rule: Rule,
    pub about: String,
}

/// The export prompt: a format, a path, and whether overwriting was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub format: usize,
    pub path: LineInput,
    /// The path exists: the next `confirm` overwrites it.
    pub confirm_overwrite: bool,
    /// Why the last `confirm` wrote nothing (a folder, a failed write): the prompt stays open,
    /// with what was typed and chosen, until the path or the format changes.
    pub error: Option<String>,
}

impl ExportPrompt {
    /// The format the typed name tells by its extension, when it is not the one chosen
    /// (`report.csv` with json chosen): most likely a slip, as for `--output`.
    pub fn other_format_named(&self) -> Option<Format> {
        Format::told_by(std::path::Path::new(self.path.value().trim()))
            .filter(|&f| f != FORMATS[self.format])
    }
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
    pub waiver: Option<WaiverPick>,
}

/// Which findings the waiver filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiverPick {
    /// Not reviewed yet.
    Unwaived,
    Reviewed,
    Accepted,
}

impl WaiverPick {
    const ALL: [WaiverPick; 3] = [
        WaiverPick::Unwaived,
        WaiverPick::Reviewed,
        WaiverPick::Accepted,
    ];
    fn name(self) -> &'static str {
        match self {
            WaiverPick::Unwaived => "none",
            WaiverPick::Reviewed => "reviewed",
            WaiverPick::Accepted => "accepted",
        }
    }
    fn keeps(self, w: Option<WaiverStatus>) -> bool {
        matches!(
            (self, w),
            (WaiverPick::Unwaived, None)
                | (WaiverPick::Reviewed, Some(WaiverStatus::Reviewed))
                | (WaiverPick::Accepted, Some(WaiverStatus::Accepted))
        )
    }
}

pub const FILTER_ROWS: [&str; 7] = [
    "family",
    "rule",
    "severity",
    "penalty",
    "repeated",
    "source defect",
    "waiver",
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
            5 => opt(self.source_defect.map(yes_no)),
            _ => opt(self.waiver.map(WaiverPick::name)),
        }
    }

    /// Moves a row's value forward or back through `any` and every value.
    pub fn cycle(&mut self, row: usize, forward: bool) {
        match row {
            0 => self.family = step(self.family, &Family::ALL, forward),
            1 => self.rule = step(self.rule, Rule::ALL, forward),
            2 => self.severity = step(self.severity, &Severity::ALL, forward),
            3 => self.penalty = step(self.penalty, &Penalty::ALL, forward),
            4 => self.repeated = step(self.repeated, &[true, false], forward),
            5 => self.source_defect = step(self.source_defect, &[true, false], forward),
            _ => self.waiver = step(self.waiver, &WaiverPick::ALL, forward),
        }
    }

    /// Moves the rule forward or back through `any` and the rules of `rules` (those present in
    /// the findings, within the family filtered on: [`App`] knows which).
    pub fn cycle_rule(&mut self, rules: &[Rule], forward: bool) {
        self.rule = step(self.rule, rules, forward);
    }

    pub fn clear_row(&mut self, row: usize) {
        match row {
            0 => self.family = None,
            1 => self.rule = None,
            2 => self.severity = None,
            3 => self.penalty = None,
            4 => self.repeated = None,
            5 => self.source_defect = None,
            _ => self.waiver = None,
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

/// The value after (or before) `cur` among `any` (`None`) and `all`; a value not in `all` counts
/// as `any`.
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
    /// The record was read again, but it is no longer the one audited (the corpus file changed
    /// since the audit): `record` is `None`, and the detail says why ([`RECORD_CHANGED`]).
    pub record_changed: bool,
    pub reference: Option<ReferenceDecision>,
    /// The diff of the record's text against the reference, built once.
    pub diff: super::diff::TextDiff,
    pub side_by_side: bool,
    /// Show the full text of the articles instead of the evidence.
    pub articles: bool,
    /// Follow the evidence: the next frame scrolls to the offending span.
    pub follow: bool,
    /// The first row shown. A `Cell`: drawing the diff wrapped to a new width moves it to the
    /// row that holds the same text.
    pub scroll: Cell<usize>,
    /// The diff as last wrapped for the screen (drawing takes `&App`).
    pub wrapped: std::cell::RefCell<Option<super::diff::WrappedDiff>>,
    /// How many times the diff was wrapped since the finding was opened.
    pub wraps: Cell<u32>,
}

/// A finding being opened on another thread.
pub struct Opening {
    /// Index into the findings.
    pub finding: u32,
    /// Show the articles rather than the evidence once opened.
    articles: bool,
    rx: crossbeam_channel::Receiver<Opened>,
}

/// What opening a finding reads and builds: its record, its reference and their diff, and
/// the diff wrapped for the screen when its width was known.
pub struct Opened {
    record: Option<Record>,
    reference: Option<ReferenceDecision>,
    diff: super::diff::TextDiff,
    wrapped: Option<super::diff::WrappedDiff>,
    /// The record read again is not the one audited ([`RECORD_CHANGED`]).
    changed: bool,
}

/// What opening a finding needs, taken out of the app so that it can run on another thread.
struct OpenJob {
    context: Option<Arc<dyn AuditContext>>,
    record: Option<Arc<crate::model::RecordRef>>,
    input: super::diff::DiffInput,
    /// Wrap the diff too, for this screen.
    wrap: Option<super::diff::WrapKey>,
}

impl OpenJob {
    fn new(app: &App, i: u32) -> OpenJob {
        OpenJob {
            context: app.context.clone(),
            record: app.report.findings[i as usize].record.clone(),
            input: super::diff::DiffInput::of(app, i),
            wrap: None,
        }
    }

    /// Reads the record and its reference again, and diffs their texts.
    fn run(self) -> Opened {
        let read = match (&self.context, &self.record) {
            (Some(c), Some(r)) => c.record(r),
            _ => None,
        };
        // The record read again must be the one audited: a file rewritten since (a nightly
        // sync) may hold another record on that line, or this one changed, on which the
        // finding's spans would mask the wrong characters.
        let (record, changed) = match (read, &self.record) {
            (Some(rec), Some(r)) if !still_audited(&rec, r) => (None, true),
            (read, _) => (read, false),
        };
        let source_id = record
            .as_ref()
            .and_then(|r| r.source_id.clone())
            .or_else(|| self.record.as_ref().and_then(|r| r.source_id.clone()));
        let (reference, unreadable) = match (&self.context, source_id) {
            (Some(c), Some(s)) => c.reference_credited(&s, record.as_ref()).unzip(),
            _ => (None, None),
        };
        // A reference text that cannot be read again is not diffed as if it were empty: the
        // evidence's excerpts are shown, and why.
        let unreadable = unreadable.flatten();
        let mut diff = super::diff::TextDiff::build_from(
            &self.input,
            record.as_ref(),
            reference.as_ref().filter(|_| unreadable.is_none()),
        );
        if let Some(why) = unreadable {
            diff.source = format!(
                "{}; the reference text cannot be read: {}",
                diff.source,
                crate::text::sanitize::for_terminal(&why, false)
            );
        }
        let wrapped = self.wrap.map(|key| super::diff::wrap_diff(&diff, key));
        Opened {
            record,
            reference,
            diff,
            wrapped,
            changed,
        }
    }
}

/// Said in the detail of a finding whose record changed in its file since the audit.
pub const RECORD_CHANGED: &str =
    "the corpus file changed since the audit: this record cannot be shown";

/// Whether `rec`, read again from the corpus, is still the record the audit read as `r`: the
/// same id, and the same digest where the audit kept one.
fn still_audited(rec: &Record, r: &crate::model::RecordRef) -> bool {
    (r.id.is_none() || r.shows_id(&rec.id)) && (r.digest == 0 || r.digest == rec.digest())
}

/// What identifies a finding from the live list to the final report, where its index changes:
/// its place and rule, and its fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    place: (u32, u64, Rule),
    fingerprint: u64,
}

impl Identity {
    fn of(f: &Finding) -> Identity {
        Identity {
            place: f.sort_key(),
            fingerprint: f.fingerprint_u64(),
        }
    }
}

/// Everything the UI knows.
pub struct App {
    pub keymap: Keymap,
    pub view: View,
    pub overlay: Option<Overlay>,
    pub state: AuditState,
    pub progress: Progress,
    /// The time the audit has left, from the last seconds' rate ([`crate::audit::Eta`]).
    pub time_left: Option<std::time::Duration>,
    eta: crate::audit::Eta,
    /// Bytes of the reference read, and in all, while it loads.
    pub reference_progress: (u64, u64),
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
    /// The auditor moved the selection: it follows its finding when the final report arrives.
    /// Until then it stays on the first row.
    selection_moved: bool,
    pub offset: usize,
    pub sort: SortColumn,
    pub descending: bool,
    pub filter: Filter,
    pub search: String,
    pub group: bool,
    dirty: bool,
    /// Lazily computed ranks of each finding for the string columns.
    rank_record: Option<StrOrder>,
    rank_message: Option<StrOrder>,
    rank_position: Option<Vec<u32>>,
    /// The searchable text of every finding, built on the first search.
    search_index: Option<SearchIndex>,
    /// The last query and its matches, to narrow the next one.
    last_search: Option<(String, Vec<u32>)>,
    /// Each finding's fingerprint as a number, for the waiver filter.
    fingerprints: Option<Vec<u64>>,

    pub detail: Option<Detail>,
    /// A finding being opened off the UI thread (reading its record and reference again and
    /// diffing texts of megabytes takes a moment); the detail view says so meanwhile.
    pub opening: Option<Opening>,
    /// Open findings off the UI thread (the terminal UI sets it; tests open them at once).
    pub open_in_background: bool,
    /// The mode of the detail being opened: that of the one it replaces.
    side_by_side: bool,
    pub reveal: bool,
    pub waivers_path: Option<PathBuf>,
    /// The waivers as the file held them: as read at start, then as last saved. What differs
    /// from them in `report.waivers` is this session's own changes, the only ones a save writes.
    saved_waivers: BTreeMap<String, Waiver>,
    /// How many waivers differ from what the file holds: set, changed or removed, and not
    /// saved (all of them without a `--waivers` file).
    pub unsaved_waivers: usize,
    /// Why they are not saved: the last save's error.
    pub waivers_error: Option<String>,
    pub write_options: WriteOptions,
    /// A message for the status line (what was saved, an error…).
    pub status: Option<String>,
    /// The warnings a headless run prints on standard error (before the audit, on the waivers
    /// file, and once it ends: [`super::warnings`]), each without `vigie: warning: `: the
    /// overview counts them and the help shows them whole.
    pub warnings: Vec<String>,
    pub should_quit: bool,
    /// `quit` was pressed with waivers not saved: pressed again, at the next key, it quits.
    quit_asked: bool,
    /// The key being handled comes right after such a `quit`.
    quit_armed: bool,
    /// Announce slow first-time indexing with a frame before doing it (the terminal UI sets it;
    /// tests recompute at once).
    pub defer_slow: bool,
    slow_pending: bool,
    last_recompute: std::time::Instant,
    /// The time stamp of a new waiver (replaced in tests).
    pub now: fn() -> String,

    /// Set by the views when drawing (drawing takes `&self`): rows the list shows, lines the
    /// detail shows, and the scroll the detail used.
    pub list_height: Cell<usize>,
    pub detail_height: Cell<usize>,
    pub detail_scroll_drawn: Cell<usize>,
    pub detail_lines: Cell<usize>,
    pub help_lines: Cell<usize>,
    pub help_height: Cell<usize>,
    /// The width of the last frame.
    pub screen_width: Cell<u16>,
    /// `$HOME`, for a `~` that starts an export path (replaced in tests).
    pub home: Option<PathBuf>,
    /// The corpus files as the UI names them: the shortest end of each path that no other
    /// file's path ends with, indexed as `report.files`.
    file_names: Vec<String>,
}

impl App {
    pub fn new(keymap: Keymap) -> App {
        App {
            keymap,
            view: View::Overview,
            overlay: None,
            state: AuditState::Loading,
            progress: Progress::default(),
            time_left: None,
            eta: crate::audit::Eta::default(),
            reference_progress: (0, 0),
            reference_decisions: None,
            report: empty_report(),
            context: None,
            meta: Vec::new(),
            counts: Counts::default(),
            order: Vec::new(),
            selected: 0,
            selection_moved: false,
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
            last_search: None,
            fingerprints: None,
            detail: None,
            opening: None,
            open_in_background: false,
            side_by_side: false,
            reveal: false,
            waivers_path: None,
            saved_waivers: BTreeMap::new(),
            unsaved_waivers: 0,
            waivers_error: None,
            write_options: WriteOptions::default(),
            status: None,
            warnings: Vec::new(),
            should_quit: false,
            quit_asked: false,
            quit_armed: false,
            defer_slow: false,
            slow_pending: false,
            last_recompute: std::time::Instant::now(),
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
            help_height: Cell::new(1),
            screen_width: Cell::new(80),
            home: std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(PathBuf::from),
            file_names: Vec::new(),
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
            skipped_files: Vec::new(),
            repeated_inputs: Vec::new(),
            history_unreadable: Vec::new(),
            history_after_as_of: 0,
            withdrawals_after_as_of: 0,
            first_not_compared: None,
        });
        app
    }

    // ---------------------------------------------------------------- audit events

    pub fn on_audit(&mut self, ev: AuditEvent) {
        match ev {
            AuditEvent::ReferenceProgress {
                bytes_done,
                bytes_total,
            } => self.reference_progress = (bytes_done, bytes_total),
            AuditEvent::ReferenceLoaded { decisions } => {
                self.reference_decisions = Some(decisions);
                if self.state == AuditState::Loading {
                    self.state = AuditState::Running;
                }
            }
            AuditEvent::Progress(p) => {
                self.time_left = self.eta.update(p.reading, p.bytes_done, p.bytes_total);
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
                // The orders are rebuilt on demand; the search index grows with the findings.
                let index = self.search_index.take();
                self.invalidate_ranks();
                if let Some(mut index) = index {
                    index.extend(&self.report.findings[start as usize..]);
                    self.search_index = Some(index);
                }
                if self.sort == SortColumn::Position
                    && !self.descending
                    && !self.group
                    && self.filter.waiver.is_none()
                {
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

    /// The final, ordered report replaces the live list. What the auditor is looking at keeps
    /// its finding, found again by identity (its index in the live list means nothing in the
    /// final report): a selection the auditor chose (moved, or opened) stays on its finding, at
    /// the same row of the screen; the detail stays open on its finding, read again with the
    /// final report's context. A selection never touched stays on the first row (the final
    /// order may put another finding first: the corpus-level ones, found last, sort first).
    pub fn finish(&mut self, outcome: AuditOutcome) {
        let selected = (self.selection_moved || self.selected > 0)
            .then(|| self.selected_finding().map(Identity::of))
            .flatten();
        let row_on_screen = self.selected.saturating_sub(self.offset);
        let shown = if self.view == View::Detail {
            match (&self.detail, &self.opening) {
                (_, Some(o)) => Some((o.finding, self.side_by_side, o.articles)),
                (Some(d), None) => Some((d.finding, d.side_by_side, d.articles)),
                (None, None) => None,
            }
            .map(|(i, side_by_side, articles)| {
                (
                    Identity::of(&self.report.findings[i as usize]),
                    side_by_side,
                    articles,
                )
            })
        } else {
            None
        };
        let mut report = outcome.report;
        // Waivers set during the audit, or loaded from the file, win over none.
        let waivers = std::mem::take(&mut self.report.waivers);
        for (k, v) in waivers {
            report.waivers.insert(k, v);
        }
        self.report = report;
        self.file_names = unique_suffixes(&self.report.files);
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
        self.opening = None;
        // The live indices mean nothing in the final report: nothing for `recompute` to keep.
        self.order.clear();
        self.recompute();
        self.selected = 0;
        self.offset = 0;
        if let Some(i) = selected.and_then(|id| self.find(id))
            && let Some(pos) = self.order.iter().position(|&o| o == i)
        {
            self.selected = pos;
            self.offset = pos.saturating_sub(row_on_screen);
        }
        self.clamp_selection();
        match shown {
            Some((id, side_by_side, articles)) => match self.find(id) {
                // Read again: while the audit ran, the record and its reference could not be.
                Some(i) => self.open_finding_as(i, side_by_side, articles),
                None => {
                    self.view = View::List;
                    self.status = Some("the finding shown is not in the final report".into());
                }
            },
            None if self.view == View::Detail => self.view = View::List,
            None => {}
        }
    }

    /// The index of the finding `id` identifies among the findings.
    fn find(&self, id: Identity) -> Option<u32> {
        // Comparing places first: only the findings of one record and rule are hashed.
        self.report
            .findings
            .iter()
            .position(|f| f.sort_key() == id.place && f.fingerprint_u64() == id.fingerprint)
            .map(|i| i as u32)
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
        self.last_search = None;
        self.fingerprints = None;
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
        self.last_recompute = std::time::Instant::now();
        let keep = self.order.get(self.selected).copied();
        let n = self.report.findings.len() as u32;
        let query = self.query();
        let matched = query.as_deref().map(|q| {
            let index = self
                .search_index
                .get_or_insert_with(|| SearchIndex::build(&self.report.findings));
            // Typing narrows: what matches `abc` is among what matched `ab`. Checking those one
            // by one beats a scan of the whole buffer only when they are few.
            let m = match self.last_search.take() {
                Some((prev, within))
                    if q.contains(prev.as_str()) && within.len() * 8 < self.meta.len() =>
                {
                    index.matches_within(q, &within)
                }
                _ => index.matches(q),
            };
            self.last_search = Some((q.to_string(), m.clone()));
            m
        });
        // The waiver filter compares fingerprints, hashed once per finding.
        let waived: Option<(WaiverPick, std::collections::HashMap<u64, WaiverStatus>)> =
            self.filter.waiver.map(|pick| {
                let by_fp = self
                    .report
                    .waivers
                    .iter()
                    .filter_map(|(k, w)| u64::from_str_radix(k, 16).ok().map(|k| (k, w.status)))
                    .collect();
                (pick, by_fp)
            });
        if waived.is_some() && self.fingerprints.is_none() {
            self.fingerprints = Some(
                self.report
                    .findings
                    .iter()
                    .map(|f| u64::from_str_radix(&f.fingerprint(), 16).unwrap_or(0))
                    .collect(),
            );
        }
        let fps = self.fingerprints.as_deref().unwrap_or(&[]);
        let shown = |i: u32| {
            self.filter.matches(self.meta[i as usize])
                && waived
                    .as_ref()
                    .is_none_or(|(pick, by_fp)| pick.keeps(by_fp.get(&fps[i as usize]).copied()))
        };
        let mut order: Vec<u32> = match (&matched, self.filter.is_empty()) {
            (None, true) => (0..n).collect(),
            (None, false) => (0..n).filter(|&i| shown(i)).collect(),
            (Some(m), _) => m.iter().copied().filter(|&i| shown(i)).collect(),
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
                let by = self
                    .rank_record
                    .get_or_insert_with(|| rank_by_str(&self.report.findings, record_id));
                order = by.sort(&order, n as usize, descending);
            }
            SortColumn::Message => {
                let by = self
                    .rank_message
                    .get_or_insert_with(|| rank_by_str(&self.report.findings, |f| &f.message));
                order = by.sort(&order, n as usize, descending);
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
        // While a large audit streams in, a re-sort at most every second is enough.
        if self.dirty
            && !self.slow_pending
            && self.state != AuditState::Finished
            && self.meta.len() >= SLOW_FROM
            && self.last_recompute.elapsed() < std::time::Duration::from_secs(1)
        {
            return;
        }
        if self.dirty {
            self.recompute();
            if self.slow_pending {
                self.slow_pending = false;
                self.status = None;
            }
        }
    }

    /// A first search or sort by a string column of a large list builds an index (a fraction
    /// of a second per million findings): what it is, when that is about to happen.
    fn slow_work(&self) -> Option<&'static str> {
        if self.meta.len() < SLOW_FROM {
            return None;
        }
        if !self.search.is_empty() && self.search_index.is_none() {
            return Some("indexing the findings for search");
        }
        match self.sort {
            SortColumn::Record if self.rank_record.is_none() => {
                Some("sorting the findings by record")
            }
            SortColumn::Message if self.rank_message.is_none() => {
                Some("sorting the findings by message")
            }
            _ => None,
        }
    }

    /// Recomputes the list now, or, when that needs a slow first-time index and the UI asked
    /// for it (`defer_slow`), after a frame that says what is being done.
    fn request_recompute(&mut self) {
        if self.defer_slow
            && let Some(what) = self.slow_work()
        {
            self.status = Some(format!("{what} ({} findings)…", self.meta.len()));
            self.slow_pending = true;
            self.dirty = true;
            return;
        }
        self.recompute();
    }

    /// Whether a slow recompute waits for the next frame to be drawn first.
    pub fn slow_pending(&self) -> bool {
        self.slow_pending && self.dirty
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
        self.selection_moved = true;
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
        self.quit_armed = std::mem::take(&mut self.quit_asked);
        let done = self.dispatch_key(key);
        self.quit_armed = false;
        done
    }

    fn dispatch_key(&mut self, key: Key) -> bool {
        match self.overlay.clone() {
            Some(Overlay::Search { input }) => self.key_search(key, input),
            Some(Overlay::Waiver(p)) => self.key_waiver(key, p),
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
                    let max = max_scroll(self.help_lines.get(), self.help_height.get());
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
                Some(a @ (Action::PageUp | Action::PageDown | Action::First | Action::Last)) => {
                    let max = max_scroll(self.help_lines.get(), self.help_height.get());
                    let page = self.help_height.get().saturating_sub(1).max(1);
                    let scroll = match a {
                        Action::PageUp => scroll.saturating_sub(page),
                        Action::PageDown => (scroll + page).min(max),
                        Action::First => 0,
                        _ => max,
                    };
                    self.overlay = Some(Overlay::Help { scroll });
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
                self.request_quit();
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

    /// In a text prompt, the `[prompt]` keys edit and printable keys type at the cursor; only
    /// `ctrl-`/`alt-` keys reach the global bindings (so `q` types a `q` and `ctrl-c` still
    /// quits).
    fn prompt_key(&mut self, key: Key, input: &mut LineInput) -> bool {
        if let Some(a) = self.keymap.action(Section::Prompt, key) {
            input.edit(a)
        } else if let Some(c) = key.typed_char() {
            input.insert(c);
            true
        } else {
            false
        }
    }

    fn key_search(&mut self, key: Key, mut input: LineInput) -> bool {
        match self.keymap.action(Section::Search, key) {
            Some(Action::Confirm) => {
                self.overlay = None;
                true
            }
            Some(Action::Cancel) => {
                self.overlay = None;
                self.search.clear();
                self.request_recompute();
                true
            }
            _ => {
                if self.prompt_key(key, &mut input) {
                    // Search as you type (moving the cursor searches nothing new).
                    let changed = input.value() != self.search;
                    if changed {
                        self.search = input.value().to_string();
                    }
                    self.overlay = Some(Overlay::Search { input });
                    if changed {
                        self.request_recompute();
                    }
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
            self.request_quit();
            return true;
        }
        false
    }

    fn key_waiver(&mut self, key: Key, mut p: WaiverPrompt) -> bool {
        match self.keymap.action(Section::Waiver, key) {
            Some(Action::Confirm) => {
                self.overlay = None;
                let waiver = Waiver {
                    status: p.status,
                    note: p.input.value().trim().to_string(),
                    at: (self.now)(),
                };
                self.set_waiver(&p.fingerprint, Some(waiver));
                true
            }
            Some(Action::Remove) => {
                self.overlay = None;
                if self.report.waivers.contains_key(&p.fingerprint) {
                    self.set_waiver(&p.fingerprint, None);
                } else {
                    // Nothing to remove: nothing is written, and the status says so.
                    self.status = Some("this finding has no waiver to remove".into());
                }
                true
            }
            Some(Action::Cancel) => {
                self.overlay = None;
                true
            }
            Some(Action::ToggleStatus) => {
                p.status = match p.status {
                    WaiverStatus::Reviewed => WaiverStatus::Accepted,
                    WaiverStatus::Accepted => WaiverStatus::Reviewed,
                };
                self.overlay = Some(Overlay::Waiver(p));
                true
            }
            _ => {
                if self.prompt_key(key, &mut p.input) {
                    self.overlay = Some(Overlay::Waiver(p));
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
                if let Some(stem) = p.path.value().strip_suffix(&suffix) {
                    p.path = LineInput::new(format!("{stem}.{}", FORMATS[p.format].extension()));
                }
                p.confirm_overwrite = false;
                p.error = None;
                self.overlay = Some(Overlay::Export(p));
                true
            }
            _ => {
                let mut path = p.path.clone();
                if self.prompt_key(key, &mut path) {
                    // What was asked or said of the path stands while it is the same.
                    if path.value() != p.path.value() {
                        p.confirm_overwrite = false;
                        p.error = None;
                    }
                    p.path = path;
                    self.overlay = Some(Overlay::Export(p));
                    true
                } else {
                    self.global_from_prompt(key)
                }
            }
        }
    }

    /// Writes the report where the prompt says. A path that is a folder, or one whose writing
    /// fails, keeps the prompt open, with the path and format as they were and the error in
    /// it; an existing file is overwritten only at a second `confirm`.
    fn confirm_export(&mut self, mut p: ExportPrompt) {
        p.error = None;
        if p.path.value().trim().is_empty() {
            p.error = Some("type the path of the file to write".into());
            self.overlay = Some(Overlay::Export(p));
            return;
        }
        let path = match self.export_target(&p) {
            Ok(path) => path,
            Err(e) => {
                p.confirm_overwrite = false;
                p.error = Some(e);
                self.overlay = Some(Overlay::Export(p));
                return;
            }
        };
        // A folder is no file to write, nor a read-only file to overwrite: said before anything
        // is asked.
        if let Err(e) = crate::report::check_output_path(&path)
            .and_then(|()| crate::report::check_not_read_only(&path))
        {
            p.confirm_overwrite = false;
            p.error = Some(format!("{e:#}"));
            self.overlay = Some(Overlay::Export(p));
            return;
        }
        if path.exists() && !p.confirm_overwrite {
            p.confirm_overwrite = true;
            self.overlay = Some(Overlay::Export(p));
            return;
        }
        let format = FORMATS[p.format];
        let result = crate::report::write_atomically(&path, |out| {
            crate::report::write(&self.report, format, &self.write_options, out)
        });
        match result {
            Ok(()) => {
                self.overlay = None;
                let shown = std::fs::canonicalize(&path).unwrap_or(path);
                self.status = Some(format!(
                    "exported {} findings as {} to {}",
                    self.report.findings.len(),
                    format.as_str(),
                    shown.shown()
                ));
            }
            Err(e) => {
                p.confirm_overwrite = false;
                p.error = Some(format!("export failed: {e:#}"));
                self.overlay = Some(Overlay::Export(p));
            }
        }
    }

    /// The file the export prompt writes: its path, a leading `~` or `~/` standing for
    /// `$HOME` (as a shell reads it; `~user` is not expanded).
    pub fn export_target(&self, p: &ExportPrompt) -> Result<PathBuf, String> {
        expand_home(p.path.value().trim(), self.home.as_deref())
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
            error: None,
        }));
    }

    fn open_waiver(&mut self) {
        let Some(f) = self.current_finding() else {
            return;
        };
        let (input, status) = match self.waiver_of(f) {
            Some(w) => (LineInput::new(w.note.clone()), w.status),
            None => (LineInput::default(), WaiverStatus::Reviewed),
        };
        let about = match &f.record {
            Some(r) => match &r.id {
                Some(id) => id.clone(),
                None => format!("line {} (no id)", r.line),
            },
            None => "the corpus".into(),
        };
        let prompt = WaiverPrompt {
            input,
            status,
            fingerprint: f.fingerprint(),
            rule: f.rule,
            about,
        };
        // A finding the auditor writes a waiver for is one they chose: the selection keeps it
        // when the audit ends.
        self.selection_moved = true;
        self.overlay = Some(Overlay::Waiver(prompt));
    }

    /// The finding the waiver and detail act on: the detail's, or the list's selection.
    pub fn current_finding(&self) -> Option<&Finding> {
        match (&self.detail, self.view) {
            (Some(d), View::Detail) => self.report.findings.get(d.finding as usize),
            _ => self.selected_finding(),
        }
    }

    /// Sets or removes the waiver of the finding of fingerprint `fingerprint` and saves the
    /// waivers file. A waiver that cannot be saved is kept: the title says waivers are not saved
    /// until a save succeeds, quitting asks first, and the waivers are printed on leaving.
    pub fn set_waiver(&mut self, fingerprint: &str, waiver: Option<Waiver>) {
        match waiver {
            Some(w) => {
                self.report.waivers.insert(fingerprint.to_string(), w);
            }
            None => {
                self.report.waivers.remove(fingerprint);
            }
        }
        self.status = Some(match (self.save_waivers(), &self.waivers_path) {
            (Ok(()), Some(path)) => format!("waivers saved to {}", path.shown()),
            (Ok(()), None) => {
                "no --waivers file: the waiver lasts this session (and its exports), and is \
                 printed when vigie ends"
                    .into()
            }
            (Err(e), _) => format!(
                "cannot save the waivers: {e}; they are kept for this session, and printed \
                 when vigie ends if still not saved"
            ),
        });
        if self.filter.waiver.is_some() {
            self.recompute();
        }
    }

    /// Reads the waivers file at `path` (a missing one is none: it is created on the first
    /// waiver); the waivers set in the UI are saved there. A file that cannot be written is said
    /// at once, and so is the first of what a hand edit got wrong (all of it is returned, for
    /// stderr).
    pub fn load_waivers(&mut self, path: PathBuf) -> anyhow::Result<Vec<String>> {
        let loaded = super::waivers::read(&path)?;
        self.report.waivers = loaded.waivers;
        self.saved_waivers = self.report.waivers.clone();
        if let Some(first) = loaded.warnings.first() {
            self.status = Some(format!("waivers file: {first}"));
        }
        if let Err(e) = super::waivers::check_writable(&path) {
            self.status = Some(format!("waivers set here cannot be saved: {e:#}"));
        }
        self.waivers_path = Some(path);
        Ok(loaded.warnings)
    }

    /// Writes the waivers to their file, if they differ from what it holds, and counts those
    /// that are not saved. `Ok` when nothing is left unsaved; without a file, `Ok` too (that
    /// is said when the waiver is set), though they are counted as not saved.
    pub fn save_waivers(&mut self) -> Result<(), String> {
        let differ = |a: &BTreeMap<String, Waiver>, b: &BTreeMap<String, Waiver>| {
            a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).count()
                + b.keys().filter(|k| !a.contains_key(*k)).count()
        };
        let n = differ(&self.report.waivers, &self.saved_waivers);
        let Some(path) = &self.waivers_path else {
            self.unsaved_waivers = n;
            return Ok(());
        };
        if n == 0 {
            self.unsaved_waivers = 0;
            self.waivers_error = None;
            return Ok(());
        }
        // Only this session's changes are saved, on top of what the file holds now: what
        // another session or a hand edit saved meanwhile is kept, and shown from now on.
        match super::waivers::save_changes(path, &self.saved_waivers, &self.report.waivers) {
            Ok(on_disk) => {
                self.report.waivers = on_disk.clone();
                self.saved_waivers = on_disk;
                self.unsaved_waivers = 0;
                self.waivers_error = None;
                Ok(())
            }
            Err(e) => {
                let e = format!("{e:#}");
                self.unsaved_waivers = n;
                self.waivers_error = Some(e.clone());
                Err(e)
            }
        }
    }

    /// `quit`: quits, unless waivers are not saved; then one more try at saving them, and if
    /// that fails too, the auditor is told and a second `quit` quits (the waivers are then
    /// printed as the file would hold them).
    fn request_quit(&mut self) {
        if self.unsaved_waivers == 0 || self.quit_armed {
            self.should_quit = true;
            return;
        }
        if self.waivers_path.is_some() && self.save_waivers().is_ok() {
            self.should_quit = true;
            return;
        }
        self.quit_asked = true;
        let n = self.unsaved_waivers;
        self.status = Some(format!(
            "{n} waiver change{} not saved: press {} again to quit all the same (they are then \
             printed as JSON), any other key to stay; {}",
            if n == 1 { " is" } else { "s are" },
            self.keymap.hint(Section::Global, Action::Quit),
            self.waivers_unsaved_why()
        ));
    }

    /// Why the waivers are not saved, in a few words.
    fn waivers_unsaved_why(&self) -> String {
        match (&self.waivers_path, &self.waivers_error) {
            (None, _) => "there is no --waivers file".into(),
            (Some(p), Some(e)) => {
                // The error names the file, as a rule.
                let shown = p.shown().to_string();
                if e.contains(&shown) {
                    format!("they could not be saved: {e}")
                } else {
                    format!("they could not be saved to {shown}: {e}")
                }
            }
            (Some(p), None) => format!("they were not written to {}", p.shown()),
        }
    }

    /// What to print when vigie ends with waivers not saved (after giving the terminal back):
    /// why, then every waiver as the waivers file would hold them, so that none is lost.
    pub fn unsaved_waivers_notice(&self) -> Option<String> {
        let n = self.unsaved_waivers;
        if n == 0 {
            return None;
        }
        let mut json = Vec::new();
        if let Err(e) = super::waivers::write(&mut json, &self.report.waivers) {
            json = format!("(they cannot be written out either: {e})\n").into_bytes();
        }
        let why = self.waivers_unsaved_why();
        Some(format!(
            "vigie: {n} waiver change{} not saved: {why}\n\
             vigie: the waivers, as the waivers file would hold them (save them to a file and \
             give it with --waivers):\n{}",
            if n == 1 { " was" } else { "s were" },
            String::from_utf8_lossy(&json)
        ))
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
            Action::NextValue | Action::PreviousValue if row == 1 => {
                // Only the rules that fired, of the family filtered on: not 23 rules, most of
                // which would show no finding.
                let family = self.filter.family;
                let present: Vec<Rule> = Rule::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, r)| {
                        self.counts.by_rule.get(*i).is_some_and(|&n| n > 0)
                            && family.is_none_or(|f| r.info().family == f)
                    })
                    .map(|(_, r)| *r)
                    .collect();
                self.filter.cycle_rule(&present, a == Action::NextValue);
                self.request_recompute();
            }
            Action::NextValue | Action::PreviousValue => {
                self.filter.cycle(row, a == Action::NextValue);
                self.request_recompute();
            }
            Action::Clear => {
                self.filter.clear_row(row);
                self.request_recompute();
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
                    input: LineInput::new(self.search.clone()),
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
                self.request_recompute();
            }
            (View::List, Action::ReverseSort) => {
                self.descending = !self.descending;
                self.request_recompute();
            }
            (View::List, Action::Group) => {
                self.group = !self.group;
                self.request_recompute();
            }
            (View::List, Action::Clear) => {
                if self.filter.is_empty() && self.search.is_empty() {
                    return false;
                }
                self.filter = Filter::default();
                self.search.clear();
                self.request_recompute();
            }
            (View::Detail, Action::Back) => {
                self.view = View::List;
                self.detail = None;
                // A finding still being opened is dropped.
                self.opening = None;
            }
            (View::Detail, a) => return self.detail_action(a),
            _ => return false,
        }
        true
    }

    fn detail_action(&mut self, a: Action) -> bool {
        let max = self.detail_max_scroll();
        let Some(d) = self.detail.as_mut() else {
            // Still opening: only the next or previous finding (opened instead).
            return match a {
                Action::Next | Action::Previous if self.opening.is_some() => {
                    self.step_finding(a == Action::Next);
                    true
                }
                _ => false,
            };
        };
        let page = self.detail_height.get().max(1);
        let cur = self.detail_scroll_drawn.get();
        match a {
            Action::ScrollUp
            | Action::ScrollDown
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => {
                d.follow = false;
                d.scroll.set(match a {
                    Action::ScrollUp => cur.saturating_sub(1),
                    Action::ScrollDown => (cur + 1).min(max),
                    Action::PageUp => cur.saturating_sub(page),
                    Action::PageDown => (cur + page).min(max),
                    Action::First => 0,
                    _ => max,
                });
            }
            Action::ToEvidence => d.follow = true,
            Action::ToggleDiff => {
                d.side_by_side = !d.side_by_side;
                d.articles = false;
            }
            Action::ToggleArticles => {
                d.articles = !d.articles;
                d.scroll.set(0);
                d.follow = !d.articles;
            }
            Action::Next | Action::Previous => self.step_finding(a == Action::Next),
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
                            self.selection_moved = true;
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

    /// Opens the next or previous finding of the list in the detail view. At either end of the
    /// list the finding shown stays as it is (its scroll too), and the status line says why.
    fn step_finding(&mut self, forward: bool) {
        if self.order.is_empty() {
            self.status = Some("no finding in the list (see the filter and the search)".into());
            return;
        }
        let shown = match (&self.detail, &self.opening) {
            (_, Some(o)) => Some(o.finding),
            (Some(d), None) => Some(d.finding),
            (None, None) => None,
        };
        let at_end = if forward {
            self.selected + 1 >= self.order.len()
        } else {
            self.selected == 0
        };
        if at_end && shown == self.selected_index() {
            self.status = Some(
                if forward {
                    "last finding of the list"
                } else {
                    "first finding of the list"
                }
                .into(),
            );
            return;
        }
        self.move_selection(if forward { 1 } else { -1 });
        self.open_detail();
    }

    /// Opens the selected finding in the detail view. A finding the auditor opens is one they
    /// chose: the selection keeps it when the audit ends.
    pub fn open_detail(&mut self) {
        if let Some(i) = self.selected_index() {
            self.selection_moved = true;
            self.open_finding(i);
        }
    }

    fn open_finding(&mut self, i: u32) {
        // The mode of the detail replaced (next, previous…), or of the one it was to be.
        let side_by_side = if self.opening.is_none() {
            self.detail.as_ref().is_some_and(|d| d.side_by_side)
        } else {
            self.side_by_side
        };
        self.open_finding_as(i, side_by_side, false);
    }

    /// Opens finding `i` in the detail view, side by side or not, on its articles or its
    /// evidence.
    fn open_finding_as(&mut self, i: u32, side_by_side: bool, articles: bool) {
        self.side_by_side = side_by_side;
        let mut job = OpenJob::new(self, i);
        self.view = View::Detail;
        if self.open_in_background {
            // The diff is wrapped there too, for the width the detail's evidence has on this
            // screen (the whole width, less the borders), so that the first frame of a text
            // of megabytes does not wrap it here.
            job.wrap = Some(super::diff::WrapKey {
                width: self.screen_width.get().saturating_sub(2),
                reveal: self.reveal,
                side_by_side: self.side_by_side,
            });
            let (tx, rx) = crossbeam_channel::bounded(1);
            let spawned = std::thread::Builder::new()
                .name("vigie-open".into())
                .spawn(move || {
                    // Nobody waits any more when the auditor left (or opened another).
                    let _ = tx.send(job.run());
                });
            if spawned.is_ok() {
                // The detail of the finding before, if any, gives way to the one coming.
                self.detail = None;
                self.opening = Some(Opening {
                    finding: i,
                    articles,
                    rx,
                });
                return;
            }
            // No thread to be had: open it here.
            self.show(i, OpenJob::new(self, i).run(), articles);
            return;
        }
        self.show(i, job.run(), articles);
    }

    /// Shows finding `i`, opened.
    fn show(&mut self, i: u32, opened: Opened, articles: bool) {
        self.opening = None;
        let wraps = u32::from(opened.wrapped.is_some());
        self.detail = Some(Detail {
            finding: i,
            record: opened.record,
            record_changed: opened.changed,
            reference: opened.reference,
            diff: opened.diff,
            side_by_side: self.side_by_side,
            articles,
            follow: !articles,
            scroll: Cell::new(0),
            wrapped: std::cell::RefCell::new(opened.wrapped),
            wraps: Cell::new(wraps),
        });
        // The view is the auditor's: the detail waits behind the overview if they went there.
    }

    /// The channel the finding being opened comes by, for the event loop to wait on.
    pub fn opening_channel(&self) -> Option<crossbeam_channel::Receiver<Opened>> {
        self.opening.as_ref().map(|o| o.rx.clone())
    }

    /// Shows the finding being opened if it is ready; returns whether something changed.
    pub fn poll_opening(&mut self) -> bool {
        let Some(o) = &self.opening else {
            return false;
        };
        match o.rx.try_recv() {
            Ok(opened) => {
                let (i, articles) = (o.finding, o.articles);
                self.show(i, opened, articles);
                true
            }
            Err(crossbeam_channel::TryRecvError::Empty) => false,
            Err(crossbeam_channel::TryRecvError::Disconnected) => {
                // The thread ended without a word (it panicked).
                self.opening = None;
                self.view = View::List;
                self.status = Some("the finding could not be opened".into());
                true
            }
        }
    }

    /// The name of corpus file `index`: its base name, or as much of its path as tells it
    /// from the other files (`a/corpus.jsonl` beside `b/corpus.jsonl`). `None` until the
    /// audit ends (the file names come with the final report).
    pub fn file_name(&self, index: u32) -> Option<&str> {
        self.file_names.get(index as usize).map(String::as_str)
    }

    /// The detail's last scroll: the one that shows its last line at the bottom of the pane.
    /// `last`, `scroll_down`, `page_down` and the wheel all stop there.
    pub fn detail_max_scroll(&self) -> usize {
        max_scroll(self.detail_lines.get(), self.detail_height.get())
    }

    /// Mouse wheel: `lines` down (negative: up) in whatever scrolls.
    pub fn on_scroll(&mut self, lines: isize) {
        match (&mut self.overlay, self.view) {
            (Some(Overlay::Help { scroll }), _) => {
                let max = max_scroll(self.help_lines.get(), self.help_height.get()) as isize;
                *scroll = (*scroll as isize + lines).clamp(0, max.max(0)) as usize;
            }
            (Some(_), _) => {}
            (None, View::List) => self.move_selection(lines),
            (None, View::Detail) => {
                let max = self.detail_max_scroll() as isize;
                if let Some(d) = self.detail.as_mut() {
                    d.follow = false;
                    d.scroll.set(
                        (self.detail_scroll_drawn.get() as isize + lines).clamp(0, max.max(0))
                            as usize,
                    );
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

/// The searchable text of all findings in one lower-cased buffer (rule code, record id,
/// `source_id`, url, the id of the reference decision it was compared with, and message of
/// each, separated by NUL), so that a search is one `memmem` pass over contiguous
/// memory instead of a million small strings scattered over the heap.
struct SearchIndex {
    text: Vec<u8>,
    /// `starts[i]`: where finding `i`'s text begins; one more entry for the end.
    starts: Vec<usize>,
}

impl SearchIndex {
    /// Appends the lower-cased searchable text of `f` to `out`.
    fn push_haystack(f: &Finding, out: &mut Vec<u8>) {
        let r = f.record.as_deref();
        let id = r.and_then(|r| r.id.as_deref()).unwrap_or("");
        let source_id = r.and_then(|r| r.source_id.as_deref()).unwrap_or("");
        let url = r.and_then(|r| r.url.as_deref()).unwrap_or("");
        let compared_with = r
            .and_then(|r| r.compared_with.as_deref())
            .map_or("", |c| c.id.as_str());
        let parts = [
            f.rule.code(),
            id,
            source_id,
            url,
            compared_with,
            &*f.message,
        ];
        for (k, part) in parts.into_iter().enumerate() {
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

    /// Adds findings appended to the list (a live audit).
    fn extend(&mut self, findings: &[Finding]) {
        self.starts.pop();
        for f in findings {
            self.starts.push(self.text.len());
            Self::push_haystack(f, &mut self.text);
            self.text.push(0);
        }
        self.starts.push(self.text.len());
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

    /// Those of `within` (ascending) whose text contains `query`.
    fn matches_within(&self, query: &str, within: &[u32]) -> Vec<u32> {
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        within
            .iter()
            .copied()
            .filter(|&i| {
                let (a, b) = (self.starts[i as usize], self.starts[i as usize + 1]);
                finder.find(&self.text[a..b]).is_some()
            })
            .collect()
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

/// For each path, its shortest end made of whole components (the base name, then the folder
/// above it too…) that no other path ends with; the whole path when there is none shorter.
/// Linear in the components: each length of end is counted once over all paths.
pub fn unique_suffixes(paths: &[String]) -> Vec<String> {
    // Where each component starts, from the last.
    let starts: Vec<Vec<usize>> = paths
        .iter()
        .map(|p| {
            std::iter::once(0)
                .chain(
                    p.char_indices()
                        .filter(|(_, c)| std::path::is_separator(*c))
                        .map(|(i, c)| i + c.len_utf8())
                        .filter(|&i| i < p.len()),
                )
                .collect::<Vec<usize>>()
        })
        .collect();
    // The end of `k + 1` components of path `i` (the whole path when it has fewer).
    let end = |i: usize, k: usize| -> &str {
        let s = &starts[i];
        let from = s.get(s.len().saturating_sub(k + 1)).copied().unwrap_or(0);
        &paths[i][from..]
    };
    let mut names: Vec<Option<String>> = vec![None; paths.len()];
    let depth = starts.iter().map(Vec::len).max().unwrap_or(0);
    for k in 0..depth {
        if names.iter().all(Option::is_some) {
            break;
        }
        let mut count: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for i in 0..paths.len() {
            *count.entry(end(i, k)).or_default() += 1;
        }
        for (i, name) in names.iter_mut().enumerate() {
            if name.is_none() && count[end(i, k)] == 1 {
                *name = Some(end(i, k).to_string());
            }
        }
    }
    names
        .into_iter()
        .zip(paths)
        .map(|(n, p)| n.unwrap_or_else(|| p.clone()))
        .collect()
}

/// The last first row of `total` rows shown `height` at a time: the one that shows the last
/// row at the bottom (0 when they all fit).
pub fn max_scroll(total: usize, height: usize) -> usize {
    total.saturating_sub(height.max(1))
}

/// `path` with a leading `~` (alone, or before a `/`) replaced by `home`.
pub fn expand_home(path: &str, home: Option<&std::path::Path>) -> Result<PathBuf, String> {
    let rest = match path.strip_prefix('~') {
        Some("") => "",
        Some(rest) if rest.starts_with('/') || rest.starts_with(std::path::MAIN_SEPARATOR) => {
            rest.trim_start_matches(['/', std::path::MAIN_SEPARATOR])
        }
        _ => return Ok(PathBuf::from(path)),
    };
    match home {
        Some(home) if rest.is_empty() => Ok(home.to_path_buf()),
        Some(home) => Ok(home.join(rest)),
        None => {
            Err("`~` stands for the home folder, but $HOME is not set: type the whole path".into())
        }
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

/// The findings in the order of `key`, equal keys sharing a rank. The sort
/// runs on (16-byte prefix, index) pairs in parallel, reading the strings only on equal
/// prefixes: a million scattered strings are mostly compared without being touched.
fn rank_by_str(findings: &[Finding], key: impl Fn(&Finding) -> &str) -> StrOrder {
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
    let mut rank = Vec::with_capacity(findings.len());
    let mut r = 0u32;
    for (k, p) in pairs.iter().enumerate() {
        if k > 0 && full(&pairs[k - 1], p).is_ne() {
            r = k as u32;
        }
        rank.push(r);
    }
    StrOrder {
        perm: pairs.into_iter().map(|p| p.1).collect(),
        rank,
    }
}

/// All findings in the order of a string column (ties by position), computed once: sorting
/// the shown findings by that column is then a pass over it, not a sort.
struct StrOrder {
    perm: Vec<u32>,
    /// `rank[k]`: the rank of `perm[k]`, equal keys sharing one (the run's first `k`).
    rank: Vec<u32>,
}

impl StrOrder {
    /// `items` (indices below `n`) in this order, or reversed with ties still by position.
    fn sort(&self, items: &[u32], n: usize, descending: bool) -> Vec<u32> {
        let all = items.len() == n;
        let mut member = Vec::new();
        if !all {
            member = vec![0u64; n.div_ceil(64)];
            for &i in items {
                member[i as usize / 64] |= 1 << (i % 64);
            }
        }
        let keep = |i: u32| all || member[i as usize / 64] & (1 << (i % 64)) != 0;
        let mut out = Vec::with_capacity(items.len());
        if !descending {
            out.extend(self.perm.iter().copied().filter(|&i| keep(i)));
            return out;
        }
        // Runs of equal keys from the last, each run kept in position order.
        let mut end = self.perm.len();
        while end > 0 {
            let start = self.rank[end - 1] as usize;
            out.extend(self.perm[start..end].iter().copied().filter(|&i| keep(i)));
            end = start;
        }
        out
    }
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
    fn reference_for(&self, _: &str) -> Option<(ReferenceDecision, Option<String>)> {
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
    fn string_order_sorts_subsets_both_ways_with_ties_by_position() {
        let findings: Vec<Finding> = ["b", "a", "b", "a", "c"]
            .iter()
            .enumerate()
            .map(|(line, id)| {
                Finding::new(
                    Rule::INT001,
                    Some(Arc::new(crate::model::RecordRef {
                        id: Some(id.to_string()),
                        id_as_written: false,
                        source_id_as_written: false,
                        source_id: None,
                        url: None,
                        file_index: 0,
                        line: line as u64,
                        column: 1,
                        offset: 0,
                        file_key: 0,
                        producer: None,
                        compared_with: None,
                        digest: 0,
                    })),
                    "m",
                )
            })
            .collect();
        let by = rank_by_str(&findings, record_id);
        assert_eq!(by.perm, vec![1, 3, 0, 2, 4]);
        assert_eq!(by.rank, vec![0, 0, 2, 2, 4]);
        let all = [0, 1, 2, 3, 4];
        assert_eq!(by.sort(&all, 5, false), vec![1, 3, 0, 2, 4]);
        assert_eq!(by.sort(&all, 5, true), vec![4, 0, 2, 1, 3]);
        assert_eq!(by.sort(&[0, 1, 4], 5, false), vec![1, 0, 4]);
        assert_eq!(by.sort(&[0, 1, 4], 5, true), vec![4, 0, 1]);
    }

    #[test]
    fn files_are_named_by_the_shortest_end_no_other_has() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            unique_suffixes(&v(&[
                "data/2024/a/corpus.jsonl",
                "data/2024/b/corpus.jsonl",
                "data/2024/b/extra.jsonl",
                "corpus.json"
            ])),
            v(&[
                "a/corpus.jsonl",
                "b/corpus.jsonl",
                "extra.jsonl",
                "corpus.json"
            ])
        );
        // A path that is the end of another is named whole; so is the other, one folder up.
        assert_eq!(
            unique_suffixes(&v(&["corpus.jsonl", "old/corpus.jsonl"])),
            v(&["corpus.jsonl", "old/corpus.jsonl"])
        );
        assert_eq!(
            unique_suffixes(&v(&["x/a/c.jsonl", "y/a/c.jsonl", "/abs/c.jsonl"])),
            v(&["x/a/c.jsonl", "y/a/c.jsonl", "abs/c.jsonl"])
        );
        // The same path twice (an archive's entry named twice) stays whole.
        assert_eq!(
            unique_suffixes(&v(&["a/c.jsonl", "a/c.jsonl"])),
            v(&["a/c.jsonl", "a/c.jsonl"])
        );
        assert!(unique_suffixes(&[]).is_empty());
    }

    #[test]
    fn only_a_leading_tilde_is_the_home_folder() {
        let home = std::path::Path::new("/home/auditor");
        let e = |p: &str| expand_home(p, Some(home)).unwrap();
        assert_eq!(e("~/reports/x.json"), home.join("reports/x.json"));
        assert_eq!(e("~"), home.to_path_buf());
        assert_eq!(e("~//x.json"), home.join("x.json"));
        assert_eq!(e("~user/x.json"), PathBuf::from("~user/x.json"));
        assert_eq!(e("reports/~/x.json"), PathBuf::from("reports/~/x.json"));
        assert_eq!(e("/tmp/x.json"), PathBuf::from("/tmp/x.json"));
        assert!(expand_home("~/x.json", None).unwrap_err().contains("$HOME"));
        assert_eq!(
            expand_home("x.json", None).unwrap(),
            PathBuf::from("x.json")
        );
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
