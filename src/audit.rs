//! The parallel audit engine: stream the corpus, match each record to its reference, run the
//! rules, classify, and order the findings deterministically. The headless run and the terminal
//! UI share it; the UI only subscribes to its events.

use crate::corpus::{self, Block, Item, ItemKind, Limits, Mapping};
use crate::model::{Evidence, Finding, Producer, Record, RecordRef, ReferenceDecision, bound};
use crate::penalty::{Policy, Previous};
use crate::report::{AgeHistogram, AuditInfo, Report, Summary, TextsNotCompared};
use crate::rules::check::{Checker, NotCompared};
use crate::rules::{Family, Rule, freshness};
use crate::source::archive::ArchiveLimits;
use crate::source::history::History;
use crate::source::{ReferenceSet, id_key};
use crate::text::sanitize::Shown;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Live progress of a running audit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub records: u64,
    pub unreadable: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub findings: u64,
    /// Findings so far by family, in the order of [`Family::ALL`].
    pub by_family: [u64; 6],
    pub elapsed: Duration,
    /// The part of `elapsed` since the reference was loaded, when the corpus began to be read:
    /// what the records per second and the time left are worked out from.
    pub reading: Duration,
}

impl Progress {
    pub fn family_count(&self, family: Family) -> u64 {
        self.by_family[family_index(family)]
    }
}

/// The time an audit has left, from the rate of its last few seconds. A record that matches its
/// reference costs a digest and one that differs an alignment, so the rate of the whole audit so
/// far misleads where the two kinds come in runs (a file of faithful records, then one of edited
/// ones: « 0 s left » for most of the audit). The terminal UI and the headless progress bar both
/// estimate with it.
#[derive(Debug, Clone, Default)]
pub struct Eta {
    /// `(time, bytes done)` samples, oldest first, reaching just past [`Eta::WINDOW`] back.
    samples: std::collections::VecDeque<(Duration, u64)>,
}

impl Eta {
    /// How far back the rate is measured.
    pub const WINDOW: Duration = Duration::from_secs(3);

    /// Notes that `done` of `total` bytes are checked at `at` (from the corpus's first byte, when
    /// none was done), and gives the time left at the rate of the last [`Eta::WINDOW`] (of the
    /// audit so far when shorter); `None` until there is a rate to go by (half a second, some
    /// bytes). A time earlier than the last noted starts a new estimate (a bar reset).
    pub fn update(&mut self, at: Duration, done: u64, total: u64) -> Option<Duration> {
        if self
            .samples
            .back()
            .is_some_and(|&(t, d)| at < t || done < d)
        {
            self.samples.clear();
        }
        // The audit (or the bar) started with nothing done.
        if self.samples.is_empty() {
            self.samples.push_back((Duration::ZERO, 0));
        }
        if self.samples.back().is_none_or(|&(t, _)| at > t) {
            self.samples.push_back((at, done));
        }
        // Keep one sample at or before the window's start, so the rate spans the whole window.
        while self.samples.len() > 2 && self.samples[1].0 + Self::WINDOW <= at {
            self.samples.pop_front();
        }
        let &(t0, d0) = self.samples.front()?;
        let span = at.checked_sub(t0)?.as_secs_f64();
        if span < 0.5 || done <= d0 || total <= done {
            return (total > 0 && done >= total).then_some(Duration::ZERO);
        }
        let rate = (done - d0) as f64 / span;
        Some(Duration::from_secs_f64((total - done) as f64 / rate))
    }
}

/// What a running audit tells its subscriber.
#[derive(Debug, Clone)]
pub enum AuditEvent {
    /// So many bytes of the reference files read, of so many.
    ReferenceProgress {
        bytes_done: u64,
        bytes_total: u64,
    },
    /// The reference is loaded; the corpus is being read.
    ReferenceLoaded {
        decisions: u64,
    },
    Progress(Progress),
    /// Findings of a chunk of records, as they come (before the final ordering and penalties).
    Findings(Vec<Finding>),
}

/// Everything an audit needs, resolved from the command line.
#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    pub corpus: Vec<PathBuf>,
    pub reference: Vec<PathBuf>,
    pub history: Vec<PathBuf>,
    pub mapping: Option<Mapping>,
    /// `--as-of`; now when not given.
    pub as_of: Option<jiff::Timestamp>,
    /// `--jobs`; all cores when not given.
    pub jobs: Option<usize>,
    pub limits: Limits,
    pub archive_limits: ArchiveLimits,
    /// `--policy`: severity and penalty overrides.
    pub policy: Option<Policy>,
    /// `--previous`: an earlier report, for repeated breaches.
    pub previous: Option<Previous>,
    /// Send each finding to the subscriber as it is found (the terminal UI shows them live).
    /// Off, they are only counted: a headless run then holds one copy of them, not two.
    pub live_findings: bool,
    /// The files the run writes or reads for itself (`--output`, `--previous`, `--waivers`):
    /// never read as records when a corpus folder holds them.
    pub own_files: Vec<PathBuf>,
}

/// What the terminal UI needs to show a finding in context: the record as read and the
/// reference decision it was compared with.
pub trait AuditContext: Send + Sync {
    /// Reads the record a finding is about again from its corpus file.
    fn record(&self, r: &RecordRef) -> Option<Record>;
    /// The reference decision a `source_id` matches, with its text; and why the text is
    /// missing when it could not be read again (its file changed since the audit).
    fn reference_for(&self, source_id: &str) -> Option<(ReferenceDecision, Option<String>)>;
    /// [`AuditContext::reference_for`] for `record`: of copies of one decision from several
    /// producers, the one the audit checked the record against (the one its attribution
    /// credits, see [`crate::source::ReferenceSet::choose`]).
    fn reference_credited(
        &self,
        source_id: &str,
        record: Option<&Record>,
    ) -> Option<(ReferenceDecision, Option<String>)> {
        let _ = record;
        self.reference_for(source_id)
    }
    /// The reference decisions that could not be read (the report counts them): for each
    /// `--reference` path in the order given, in order of origin.
    fn unreadable_reference(&self) -> &[crate::source::Unreadable] {
        &[]
    }
    /// The `--reference` paths and files reached more than once, read once: how each was
    /// reached again, and how it was read.
    fn repeated_reference(&self) -> &[crate::corpus::Repeated] {
        &[]
    }
}

/// A finished audit, with what the UI needs to show each finding's context.
#[derive(Clone)]
pub struct AuditOutcome {
    pub report: Report,
    pub context: Arc<dyn AuditContext>,
    /// Files of corpus folders left out, hidden or for their extension (told on stderr).
    pub skipped_files: Vec<String>,
    /// Corpus files and folders given more than once, read once: how each was reached again,
    /// and how it was read (told on stderr).
    pub repeated_inputs: Vec<crate::corpus::Repeated>,
    /// Transactions of `--history` that could not be read.
    pub history_unreadable: Vec<crate::source::Unreadable>,
    /// Transactions of `--history` dated after the audit time, set aside (told on stderr).
    pub history_after_as_of: u64,
    /// Withdrawals of DILA's suppression lists dated after the audit time, set aside (told on
    /// stderr).
    pub withdrawals_after_as_of: u64,
    /// The first record of `report.audit.texts_not_compared_why.reference_unreadable`,
    /// `file:line: why` (told on stderr).
    pub first_not_compared: Option<String>,
}

struct Context {
    reference: Arc<ReferenceSet>,
    files: Vec<PathBuf>,
    mapping: Option<Mapping>,
    limits: Limits,
}

impl AuditContext for Context {
    fn record(&self, r: &RecordRef) -> Option<Record> {
        let path = self.files.get(r.file_index as usize)?;
        // A pipe's records are gone once read (and opening a named pipe would wait for a writer).
        if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let mut rec = corpus::read_record_at(path, r.offset, self.mapping.as_ref(), &self.limits)?;
        rec.file = r.file_index;
        rec.line = r.line;
        Some(rec)
    }

    fn reference_for(&self, source_id: &str) -> Option<(ReferenceDecision, Option<String>)> {
        self.reference
            .find_index(source_id)
            .map(|i| self.reference.with_text(i))
    }

    fn reference_credited(
        &self,
        source_id: &str,
        record: Option<&Record>,
    ) -> Option<(ReferenceDecision, Option<String>)> {
        let text = record.and_then(|r| {
            let t = r.text.as_deref()?;
            let html = r.text_format == crate::model::TextFormat::Html;
            Some(crate::source::TextDigests {
                raw: (!html).then(|| crate::text::normalize::digest(t)),
                normalized: crate::text::normalize::digest_of(t, html),
            })
        });
        self.reference
            .find_index_for(
                source_id,
                record.and_then(|r| r.attribution.as_deref()),
                text,
            )
            .map(|i| self.reference.with_text(i))
    }

    fn unreadable_reference(&self) -> &[crate::source::Unreadable] {
        &self.reference.unreadable
    }

    fn repeated_reference(&self) -> &[crate::corpus::Repeated] {
        &self.reference.repeated
    }
}

/// The outcome of one corpus item, before the sequential pass that finds duplicates.
struct ItemOutcome {
    findings: Vec<Finding>,
    /// `(digest of the id, id)` of a readable record.
    id: Option<(u128, String)>,
    /// The record, with the producer of the reference decision it matched, if one is.
    rref: Option<Arc<RecordRef>>,
    /// Whether a reference decision matched it.
    matched: bool,
    loaded: Option<crate::rules::freshness::Loaded>,
    has_text: bool,
    /// [`crate::model::Record::mapped`].
    mapped: u32,
    /// [`crate::rules::check::Checked::not_compared`].
    not_compared: Option<NotCompared>,
}

impl ItemOutcome {
    /// An item that is no record: its IN001 alone.
    fn unreadable(f: Finding) -> ItemOutcome {
        ItemOutcome {
            findings: vec![f],
            id: None,
            rref: None,
            matched: false,
            loaded: None,
            has_text: false,
            mapped: 0,
            not_compared: None,
        }
    }
}

fn unreadable(file: u32, at: (u64, u64, u64), id: Option<String>, msg: String) -> Finding {
    let (line, column, offset) = at;
    Finding::new(
        Rule::IN001,
        Some(Arc::new(
            RecordRef {
                id,
                id_as_written: false,
                source_id_as_written: false,
                source_id: None,
                url: None,
                file_index: file,
                line,
                column,
                offset,
                file_key: 0,
                producer: None,
                compared_with: None,
                digest: 0,
            }
            .bounded(),
        )),
        msg,
    )
}

/// Gives a finding about a record without an id its file's key, for its fingerprint: `key`,
/// what identifies the file whatever the spelling of its argument ([`corpus::Expanded::keys`]).
fn set_file_key(f: &mut Finding, key: &str) {
    if let Some(r) = f.record.as_mut().filter(|r| r.id.is_none()) {
        Arc::make_mut(r).file_key = crate::model::file_key(key);
    }
}

/// Gives the record of `checked` and its findings the record's digest ([`RecordRef::digest`]).
fn keep_digest(checked: &mut crate::rules::check::Checked, digest: u64) {
    let old = checked.record.clone();
    let mut with = (*old).clone();
    with.digest = digest;
    let with = Arc::new(with);
    for f in &mut checked.findings {
        match &mut f.record {
            Some(r) if Arc::ptr_eq(r, &old) => *r = with.clone(),
            // A finding that holds a copy of its own (made before the producer was known).
            Some(r) if r.file_index == old.file_index && r.offset == old.offset => {
                Arc::make_mut(r).digest = digest
            }
            _ => {}
        }
    }
    checked.record = with;
}

fn process(
    block: &Block,
    item: &Item,
    checker: &Checker<'_>,
    mapping: Option<&Mapping>,
) -> ItemOutcome {
    let bytes = match &item.kind {
        ItemKind::Unreadable(msg) => {
            return ItemOutcome::unreadable(unreadable(
                block.file,
                (item.line, item.column, item.offset),
                None,
                format!("line {}, column {}: {msg}", item.line, item.column),
            ));
        }
        ItemKind::Bytes(..) => block.item_bytes(item).unwrap_or_default(),
    };
    match corpus::parse_record(bytes, mapping) {
        Err(e) => {
            let (line, col) = item.place_of((e.line, e.column));
            let mut f = unreadable(
                block.file,
                (item.line, item.column, item.offset),
                e.id,
                format!("line {line}, column {col}: {}", e.message),
            );
            if let Some(r) = f.record.as_mut().and_then(Arc::get_mut) {
                // An id written with its lone surrogate escapes as text, marked as a record's
                // is.
                r.id_as_written = e.id_as_written;
                // Without an id, the line is known by what it holds (its fingerprint).
                if r.id.is_none() {
                    r.digest = crate::model::content_digest(bytes);
                }
            }
            ItemOutcome::unreadable(f)
        }
        Ok(mut rec) => {
            rec.file = block.file;
            rec.line = item.line;
            let rref = RecordRef {
                id: Some(rec.id.clone()),
                id_as_written: rec.id_as_written,
                source_id_as_written: rec.source_id_as_written,
                source_id: rec.source_id.clone(),
                url: rec.url.clone(),
                file_index: block.file,
                line: item.line,
                column: item.column,
                offset: item.offset,
                file_key: 0,
                producer: None,
                compared_with: None,
                digest: 0,
            }
            .bounded();
            let mut checked = checker.check(&rec, rref);
            if !checked.findings.is_empty() {
                // Kept for the detail view, which reads the record again (off the hot path: a
                // record with findings only).
                keep_digest(&mut checked, rec.digest());
            }
            // An empty text is a text, compared (nothing of the decision: INT003).
            let has_text = rec.text.is_some();
            let mapped = rec.mapped;
            // An id written with its lone surrogate escapes as text (`rec-\ud800`, which would
            // read as `rec-\u{FFFD}` as `rec-\udbff` does) is marked by a byte no UTF-8 text
            // holds: it is not the id read with that text (`"rec-\\ud800"`).
            let h = if rec.id_as_written {
                let mut h = twox_hash::XxHash3_128::new();
                h.write(&[0xff]);
                h.write(rec.id.trim().as_bytes());
                h.finish_128()
            } else {
                twox_hash::XxHash3_128::oneshot(rec.id.trim().as_bytes())
            };
            ItemOutcome {
                findings: checked.findings,
                id: Some((h, rec.id)),
                rref: Some(checked.record),
                matched: checked.matched,
                loaded: checked.loaded,
                has_text,
                mapped,
                not_compared: checked.not_compared,
            }
        }
    }
}

/// Runs an audit, telling `sink` of its progress; `cancel` stops it early (Ctrl-C, quitting the
/// UI), in which case an error is returned.
pub fn run(
    opts: &AuditOptions,
    sink: &(dyn Fn(AuditEvent) + Sync),
    cancel: &AtomicBool,
) -> anyhow::Result<AuditOutcome> {
    let started = Instant::now();
    let as_of = opts.as_of.unwrap_or_else(jiff::Timestamp::now);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .thread_name(|i| format!("vigie-{i}"))
        .build()?;
    run_on(&pool, opts, as_of, started, sink, cancel)
}

/// Batches of records (a block, or short blocks and small files, half a block or more) being
/// checked at once. Two are enough for the workers that finish their share of a batch early to go
/// on to the next one while the last records of the batch are checked, and while the batch before
/// is merged. Twice as many may wait to be merged (a batch finished before the one read before
/// it), which bounds the memory batches hold.
const BLOCKS_IN_FLIGHT: usize = 2;

/// A piece of the corpus for the pool, in reading order.
enum Job {
    /// A block the reader read.
    Block(Block),
    /// A small file, for a worker to read whole: its index.
    File(u32),
    /// A file the reader could not read (to the end).
    Failed(u32, std::io::Error),
}

/// Checks the records of a block, on the pool: the outcome of each item.
fn check_block(
    block: &Block,
    checker: &Checker<'_>,
    mapping: Option<&Mapping>,
) -> Vec<ItemOutcome> {
    block
        .items
        .par_iter()
        .map(|it| process(block, it, checker, mapping))
        .collect()
}

impl Job {
    /// Reads what is still to be read and checks every record: the parts, in reading order.
    fn run(
        self,
        files: &[corpus::CorpusFile],
        limits: &Limits,
        checker: &Checker<'_>,
        mapping: Option<&Mapping>,
        cancel: &AtomicBool,
    ) -> Vec<Part> {
        match self {
            Job::Block(block) => {
                let outcomes = check_block(&block, checker, mapping);
                vec![Part::Block(block, outcomes)]
            }
            Job::File(i) => {
                // A file listed as small that reads larger (it grew, or was replaced, after the
                // listing) goes back to the merging thread, which reads it block by block:
                // held whole here, it could be of any size.
                let most = 2 * limits.small_file_bytes();
                let mut bytes = 0;
                let mut grown = false;
                let mut parts = Vec::new();
                let res = corpus::read_file(&files[i as usize], i, limits, &mut |block| {
                    bytes += block.data.len();
                    grown = bytes > most;
                    if grown || cancel.load(Ordering::Relaxed) {
                        return false;
                    }
                    let outcomes = check_block(&block, checker, mapping);
                    parts.push(Part::Block(block, outcomes));
                    true
                });
                if grown {
                    return vec![Part::Grown(i)];
                }
                if let Err(e) = res {
                    parts.push(Part::Failed(i, e));
                }
                parts
            }
            Job::Failed(i, e) => vec![Part::Failed(i, e)],
        }
    }
}

/// What the pool gives back of a [`Job`].
enum Part {
    /// A block, with the outcome of each of its items.
    Block(Block, Vec<ItemOutcome>),
    Failed(u32, std::io::Error),
    /// A small file that turned out larger, to be read again block by block.
    Grown(u32),
}

/// Jobs handed to the pool together.
#[derive(Default)]
struct Batch {
    jobs: Vec<Job>,
    /// Their bytes, counting at least a page for a job, so that a batch of empty files or
    /// errors stays short too.
    bytes: usize,
}

impl Batch {
    fn push(&mut self, job: Job, bytes: usize) {
        self.bytes += bytes.max(4096);
        self.jobs.push(job);
    }

    fn take(&mut self) -> Vec<Job> {
        self.bytes = 0;
        std::mem::take(&mut self.jobs)
    }
}

/// The parts of a batch of jobs, or the panic that stopped their checking.
type Checked = (u64, std::thread::Result<Vec<Part>>);

fn run_on(
    pool: &rayon::ThreadPool,
    opts: &AuditOptions,
    as_of: jiff::Timestamp,
    started: Instant,
    sink: &(dyn Fn(AuditEvent) + Sync),
    cancel: &AtomicBool,
) -> anyhow::Result<AuditOutcome> {
    // Buffers of blocks done with, for the reference readers and then the corpus reader.
    let spares = corpus::Spares::new(opts.limits.block_bytes);
    let reference = Arc::new(pool.install(|| {
        ReferenceSet::load_recycling(
            &opts.reference,
            &opts.archive_limits,
            &spares,
            &|bytes_done, bytes_total| {
                sink(AuditEvent::ReferenceProgress {
                    bytes_done,
                    bytes_total,
                })
            },
        )
    })?);
    sink(AuditEvent::ReferenceLoaded {
        decisions: reference.distinct() as u64,
    });
    let mut history = if opts.history.is_empty() {
        History::default()
    } else {
        History::load(&opts.history, Some(as_of))?
    };
    let history_unreadable = std::mem::take(&mut history.unreadable);
    let history_after_as_of = history.after_as_of;
    // The decisions DILA's increments withdraw are withdrawn at source, as a deletion in the
    // history is, on the day of their increment (French time): as of the audit time, a later
    // increment has not withdrawn them yet.
    let mut withdrawals_after_as_of = 0;
    let mut withdrawn_reference: Vec<crate::report::WithdrawnInput> = Vec::new();
    for w in &reference.withdrawn {
        let date = w.published.and_then(crate::ident::paris_instant);
        if date.is_none_or(|d| d <= as_of) {
            if history.withdraw(&w.id, date, w.producer()) {
                // Each decision once, by the withdrawal that stands: they come in order of id
                // and date.
                let listed = crate::report::WithdrawnInput {
                    id: w.id.clone(),
                    file: w.origin.file.clone(),
                    line: w.origin.line,
                    published: w.published,
                };
                match withdrawn_reference.last_mut() {
                    Some(last) if id_key(&last.id) == id_key(&w.id) => *last = listed,
                    _ => withdrawn_reference.push(listed),
                }
            }
        } else {
            withdrawals_after_as_of += 1;
        }
    }
    let corpus::Expanded {
        files,
        unreadable: bad_files,
        skipped,
        repeated: repeated_inputs,
        own_files,
        keys: file_keys,
    } = corpus::expand(&opts.corpus, &opts.own_files)?;
    let bytes_total: u64 = files.iter().map(|f| f.len).sum();
    let checker = Checker::new(&reference, &history)
        .with_as_of(as_of)
        .with_mapping(opts.mapping.as_ref());

    let mut file_names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    let mut tally = Tally {
        file_keys,
        findings: Vec::new(),
        progress: Progress {
            bytes_total,
            ..Progress::default()
        },
        seen_ids: HashMap::new(),
        duplicates: HashMap::new(),
        unreadable_twins: HashMap::new(),
        vigie_files: own_files,
        newest: None,
        future_loads: 0,
        ages: [0; AGE_BUCKETS.len() + 2],
        matched: 0,
        producers: [0; PRODUCERS.len()],
        without_text: 0,
        mapped: [0; corpus::mapping::CANONICAL_FIELDS.len()],
        not_compared: TextsNotCompared::default(),
        first_not_compared: None,
        as_of,
        started,
        reading_since: Instant::now(),
        sink,
        live: opts.live_findings,
    };

    // Unreadable entries of corpus folders.
    for b in &bad_files {
        let idx = file_names.len() as u32;
        file_names.push(b.name.clone());
        tally.file_keys.push(b.key.clone());
        tally.unreadable_file(idx, &b.reason);
    }

    let limits = opts.limits;
    let (tx, rx) = crossbeam_channel::bounded::<Vec<Job>>(2);
    // With more than one worker, files under this size are read by the workers, whole, rather
    // than by the reader thread (which reads the rest block by block): in a folder of one record
    // per file, opening and reading files one after the other would take about as long as
    // checking them on every core. With one worker, the reader thread reads them alongside it.
    let small_file = if pool.current_num_threads() > 1 {
        limits.small_file_bytes() as u64
    } else {
        0
    };
    // Jobs go to the engine in batches of half a block or more, so that small files and short
    // blocks do not cost a thread wake-up each; a block of a large file (cut at its last line
    // end, so a little under a block) goes alone, and no more blocks are held than before.
    let batch_bytes = limits.block_bytes / 2;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        // Owned here, so that a panic below drops it and the reader, blocked on a full channel,
        // ends instead of keeping the scope waiting.
        let rx = rx;
        let files_ref = &files;
        let spares = &spares;
        scope.spawn(move || {
            let mut batch = Batch::default();
            // Bytes handed to the engine so far. The first batches are sent as soon as they
            // hold as much as all the batches before them (1 MiB at least): no worker has work
            // until the first comes, and the first blocks of a file are short
            // ([`corpus::Limits::ramped_block_bytes`]).
            let mut sent = 0usize;
            // Sends the batch if it is full enough; `false` when the engine is gone.
            let mut send = |batch: &mut Batch| {
                if batch.bytes < batch_bytes.min(sent.max(1 << 20)) {
                    return true;
                }
                sent += batch.bytes;
                tx.send(batch.take()).is_ok()
            };
            for (i, f) in files_ref.iter().enumerate() {
                if cancel.load(Ordering::Relaxed) {
                    return;
                }
                let i = i as u32;
                // Only a file whose size is known: a pipe or a device (size 0) may be endless,
                // and is read block by block here; so is a compressed file, whose content may
                // be many times its size.
                if 0 < f.len && f.len < small_file && !corpus::is_gzip_name(&f.path) {
                    batch.push(Job::File(i), f.len as usize);
                    if !send(&mut batch) {
                        return;
                    }
                    continue;
                }
                let mut gone = false;
                let res =
                    corpus::read_file_recycling(f, i, &limits, Some(spares.receiver()), &mut |b| {
                        if cancel.load(Ordering::Relaxed) {
                            return false;
                        }
                        let len = b.data.len();
                        batch.push(Job::Block(b), len);
                        gone = !send(&mut batch);
                        !gone
                    });
                // The engine stopped (a panic being raised): no more reading.
                if gone {
                    return;
                }
                if let Err(e) = res {
                    batch.push(Job::Failed(i, e), 0);
                }
            }
            if !batch.jobs.is_empty() {
                let _ = tx.send(batch.take());
            }
        });
        // Batches are checked on the pool, two at a time, and merged here in the order they were
        // read (the first record of an id is the one that is not a duplicate), so that the
        // workers never wait for the merge nor for the last records of a batch.
        let (done_tx, done_rx) = crossbeam_channel::unbounded::<Checked>();
        let checker = &checker;
        pool.in_place_scope(|scope| -> anyhow::Result<()> {
            let mut read = 0u64; // batches read and handed to the pool
            let mut finished = 0u64; // batches whose records are checked
            let mut merged = 0u64; // batches merged, in order
            let mut done: std::collections::BTreeMap<u64, Vec<Part>> = Default::default();
            let mut reading = true;
            while reading || merged < read {
                if cancel.load(Ordering::Relaxed) {
                    break;
                }
                let can_spawn = reading
                    && read - finished < BLOCKS_IN_FLIGHT as u64
                    && read - merged < 2 * BLOCKS_IN_FLIGHT as u64;
                let mut take = |checked: Checked| match checked.1 {
                    Ok(b) => {
                        finished += 1;
                        done.insert(checked.0, b);
                    }
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                if can_spawn {
                    crossbeam_channel::select! {
                        recv(rx) -> msg => match msg {
                            Ok(jobs) => {
                                let seq = read;
                                read += 1;
                                let done_tx = done_tx.clone();
                                let mapping = opts.mapping.as_ref();
                                scope.spawn(move |_| {
                                    let res = std::panic::catch_unwind(
                                        std::panic::AssertUnwindSafe(|| {
                                            let parts: Vec<Vec<Part>> = jobs
                                                .into_par_iter()
                                                .map(|job| {
                                                    job.run(
                                                        files_ref, &limits, checker, mapping,
                                                        cancel,
                                                    )
                                                })
                                                .collect();
                                            parts.into_iter().flatten().collect()
                                        }),
                                    );
                                    let _ = done_tx.send((seq, res));
                                });
                            }
                            Err(_) => reading = false,
                        },
                        recv(done_rx) -> checked => {
                            if let Ok(checked) = checked {
                                take(checked);
                            }
                        }
                    }
                } else if let Ok(checked) = done_rx.recv() {
                    take(checked);
                }
                while let Some(parts) = done.remove(&merged) {
                    merged += 1;
                    for part in parts {
                        match part {
                            Part::Block(block, outcomes) => {
                                spares.give(tally.merge(block, outcomes, &file_names));
                            }
                            Part::Failed(i, e) => tally.failed(i, &file_names[i as usize], &e),
                            Part::Grown(i) => {
                                let mapping = opts.mapping.as_ref();
                                let res = corpus::read_file(
                                    &files_ref[i as usize],
                                    i,
                                    &limits,
                                    &mut |block| {
                                        if cancel.load(Ordering::Relaxed) {
                                            return false;
                                        }
                                        let outcomes =
                                            pool.install(|| check_block(&block, checker, mapping));
                                        tally.merge(block, outcomes, &file_names);
                                        true
                                    },
                                );
                                if let Err(e) = res {
                                    tally.failed(i, &file_names[i as usize], &e);
                                }
                            }
                        }
                    }
                }
            }
            Ok(())
        })?;
        Ok(())
    })?;
    if cancel.load(Ordering::Relaxed) {
        anyhow::bail!("the audit was interrupted");
    }

    if let Some(f) = freshness::check_sync(tally.newest, tally.future_loads, as_of) {
        tally.add(f);
    }
    // Every byte is now read or given up on (a file that failed half-way, an over-long line).
    tally.progress.bytes_done = bytes_total;
    tally.progress.elapsed = started.elapsed();
    tally.progress.reading = tally.reading_since.elapsed();
    sink(AuditEvent::Progress(tally.progress.clone()));
    let Tally {
        findings,
        progress,
        ages,
        matched,
        producers,
        without_text,
        mapped,
        not_compared,
        first_not_compared,
        mut vigie_files,
        ..
    } = tally;
    vigie_files.sort();
    // Findings are ordered by file, line, then rule; ties by fingerprint, so that the order never
    // depends on scheduling. The fingerprint is worked out only for ties, once each: a run of
    // findings of one record and rule (thousands, in a text full of exposed numbers) is sorted
    // by its fingerprints, kept aside for that run alone, where comparing by fingerprint
    // digested both findings' excerpts at every comparison.
    let mut findings = findings;
    findings.sort_by_key(Finding::sort_key);
    for run in findings.chunk_by_mut(|a, b| a.sort_key() == b.sort_key()) {
        // A finding alone at its place and rule has no twin to be numbered apart from.
        if run.len() > 1 {
            // By place in the file first: the elements of an array on one line, each its own
            // item, in the order of their columns (a fingerprint would order them by the file's
            // name); then by fingerprint.
            run.sort_by_cached_key(|f| (f.record.as_ref().map(|r| r.place()), f.fingerprint_u64()));
            crate::model::number_occurrences(run);
            // The differences of a text in the order the text has them, as their messages
            // count them (`2 of 3`).
            if matches!(run[0].rule, Rule::INT001 | Rule::INT002 | Rule::INT003) {
                run.sort_by_key(|f| {
                    (
                        f.record.as_ref().map(|r| r.place()),
                        f.evidence.as_ref().and_then(|e| e.span),
                    )
                });
            }
        }
    }
    // Penalties (SPEC 3): policy overrides first, then repetition, which escalates a breach found
    // again to permanent interruption unless it carries no penalty.
    let policy_overrides = match &opts.policy {
        Some(p) => p.apply(&mut findings),
        None => Vec::new(),
    };
    let previous = opts.previous.as_ref().map(|prev| {
        let repeated = prev.mark(&mut findings);
        let settled = prev.settled(&findings);
        crate::report::PreviousAudit {
            path: prev.path.clone(),
            as_of: prev.as_of.clone(),
            repeated,
            breaches: settled.breaches,
            breaches_no_longer_found: settled.no_longer_found,
        }
    });

    let unreadable_records = findings.iter().filter(|f| f.rule == Rule::IN001).count() as u64;
    let summary = Summary::of(&findings);
    let mut age_buckets: Vec<(&'static str, u64)> = AGE_BUCKETS
        .iter()
        .zip(ages.iter())
        .map(|(b, n)| (b.0, *n))
        .collect();
    age_buckets.push((NONE_LABEL, ages[NONE_BUCKET]));
    age_buckets.push((FUTURE_LABEL, ages[FUTURE_BUCKET]));
    let first_not_compared = first_not_compared
        .map(|(file, line, why)| format!("{}:{line}: {why}", file_names[file as usize]));
    let report = Report {
        audit: AuditInfo {
            as_of: as_of.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            corpus: opts
                .corpus
                .iter()
                .map(|p| {
                    if p.as_os_str() == corpus::STDIN {
                        corpus::STDIN_NAME.to_string()
                    } else {
                        p.shown().to_string()
                    }
                })
                .collect(),
            reference: opts
                .reference
                .iter()
                .map(|p| p.shown().to_string())
                .collect(),
            history: opts.history.iter().map(|p| p.shown().to_string()).collect(),
            records: progress.records,
            unreadable_records,
            reference_decisions: reference.distinct() as u64,
            unreadable_reference_decisions: {
                let lost = reference.incomplete();
                lost.decisions + lost.folders + lost.rests
            },
            unreadable_reference_uncounted: {
                let lost = reference.incomplete();
                lost.folders + lost.rests
            },
            unreadable_reference: reference
                .unreadable
                .iter()
                .map(|u| crate::report::UnreadableInput {
                    file: u.origin.file.clone(),
                    line: u.origin.line,
                    reason: u.reason.clone(),
                    lost: u.lost,
                })
                .collect(),
            superseded_reference: reference
                .superseded()
                .iter()
                .map(|&(i, by)| {
                    let (old, by) = (
                        &reference.decisions[i as usize],
                        &reference.decisions[by as usize],
                    );
                    crate::report::SupersededInput {
                        file: old.origin.file.clone(),
                        line: old.origin.line,
                        id: old.id.clone(),
                        update_date: old.update_date.map(|m| m.start()),
                        published: crate::source::published_in(&old.origin.file),
                        used_file: by.origin.file.clone(),
                        used_line: by.origin.line,
                        used_update_date: by.update_date.map(|m| m.start()),
                        used_published: crate::source::published_in(&by.origin.file),
                    }
                })
                .collect(),
            withdrawn_reference,
            skipped_files: skipped.clone(),
            vigie_files,
            matched_records: matched,
            producers: PRODUCERS
                .iter()
                .zip(producers)
                .filter(|(_, n)| *n > 0)
                .map(|(p, n)| (*p, n))
                .collect(),
            texts_not_compared_why: not_compared,
            records_without_text: without_text,
            mapping: opts
                .mapping
                .as_ref()
                .map(|m| crate::report::MappingInfo::of(m, &mapped, progress.records)),
            policy_overrides,
            previous,
            elapsed_ms: started.elapsed().as_millis() as u64,
            updated_at_ages: AgeHistogram {
                buckets: age_buckets,
            },
        },
        summary,
        findings,
        files: file_names,
        waivers: Default::default(),
    };
    let context = Arc::new(Context {
        reference: reference.clone(),
        files: files.iter().map(|f| f.path.clone()).collect(),
        mapping: opts.mapping.clone(),
        limits: opts.limits,
    });
    Ok(AuditOutcome {
        report,
        context,
        skipped_files: skipped,
        repeated_inputs,
        history_unreadable,
        history_after_as_of,
        withdrawals_after_as_of,
        first_not_compared,
    })
}

/// Every producer, in the order the report counts them.
const PRODUCERS: [Producer; 4] = [
    Producer::CourDeCassation,
    Producer::Legifrance,
    Producer::ConseilEtat,
    Producer::Jade,
];

/// The place of a family in [`Progress::by_family`].
fn family_index(family: Family) -> usize {
    Family::ALL.iter().position(|x| *x == family).unwrap_or(0)
}

/// What the merge keeps of the blocks checked so far, taken in reading order.
struct Tally<'a> {
    /// For each corpus file, what identifies it whatever the spelling of its argument
    /// ([`corpus::Expanded::keys`]): the fingerprint of a finding without a record id takes it.
    file_keys: Vec<String>,
    findings: Vec<Finding>,
    progress: Progress,
    /// The digest of every id read, and the file and line of its first record.
    seen_ids: HashMap<u128, (u32, u64)>,
    /// For an id read more than once, how many duplicates of it so far (IN002's occurrence).
    duplicates: HashMap<u128, u16>,
    /// For each file and content of the unreadable lines without an id so far, how many were
    /// read ([`Finding::numbered_as_read`]).
    unreadable_twins: HashMap<(u32, u64), u16>,
    /// Files of the corpus folders that vigie wrote, left unread ([`corpus::VigieFile`]).
    vigie_files: Vec<String>,
    /// The latest date of last update of the corpus, as shown, but those more than a day after
    /// the audit time (FRE003).
    newest: Option<crate::ident::Written>,
    /// Records whose date of last update is more than a day after the audit time (FRE001).
    future_loads: u64,
    ages: [u64; AGE_BUCKETS.len() + 2],
    matched: u64,
    /// Matched records by the producer of their reference decision, in [`PRODUCERS`] order.
    producers: [u64; PRODUCERS.len()],
    /// Records read without a text.
    without_text: u64,
    /// With a mapping, the records read whose mapped path gave a value, by canonical field
    /// (in [`corpus::mapping::CANONICAL_FIELDS`] order).
    mapped: [u64; corpus::mapping::CANONICAL_FIELDS.len()],
    /// Matched records whose text was not compared with the reference's, by reason; and the
    /// first of them whose reference text could not be read again (its file and line) with
    /// the reason.
    not_compared: TextsNotCompared,
    first_not_compared: Option<(u32, u64, String)>,
    as_of: jiff::Timestamp,
    started: Instant,
    /// When the corpus began to be read.
    reading_since: Instant,
    sink: &'a (dyn Fn(AuditEvent) + Sync),
    /// [`AuditOptions::live_findings`].
    live: bool,
}

impl Tally<'_> {
    /// Counts the findings from `from` on and sends them to the subscriber, each first kept
    /// within the bound of what a finding shows of a text ([`Finding::bound`]): every finding
    /// the audit reports passes here.
    fn tell(&mut self, from: usize) {
        for f in &mut self.findings[from..] {
            f.bound();
        }
        let new = &self.findings[from..];
        for f in new {
            self.progress.by_family[family_index(f.rule.info().family)] += 1;
        }
        self.progress.findings = self.findings.len() as u64;
        if self.live && !new.is_empty() {
            // Twins numbered as the final report will number them: a live finding's fingerprint
            // is its final one.
            let mut batch = new.to_vec();
            crate::model::number_occurrences(&mut batch);
            (self.sink)(AuditEvent::Findings(batch));
        }
    }

    fn add(&mut self, f: Finding) {
        self.findings.push(f);
        self.tell(self.findings.len() - 1);
    }

    /// A corpus file whose reading stopped on `e`: one of vigie's own files met in a folder,
    /// left unread and listed, or else a file that could not be read (to the end), an IN001.
    fn failed(&mut self, file: u32, name: &str, e: &std::io::Error) {
        if corpus::is_vigie_file_error(e) {
            self.vigie_files.push(name.to_string());
        } else {
            self.unreadable_file(file, e);
        }
    }

    /// A corpus file that could not be read (to the end): one IN001 for it.
    fn unreadable_file(&mut self, file: u32, e: &dyn std::fmt::Display) {
        self.progress.unreadable += 1;
        let mut f = unreadable(file, (0, 0, 0), None, format!("cannot read the file: {e}"));
        set_file_key(&mut f, &self.file_keys[file as usize]);
        self.add(f);
    }

    /// Merges a checked block: counts its records, finds the ids read before, tells the
    /// subscriber; gives the block's buffer back.
    fn merge(
        &mut self,
        block: Block,
        outcomes: Vec<ItemOutcome>,
        file_names: &[String],
    ) -> Vec<u8> {
        let from = self.findings.len();
        for mut o in outcomes {
            if o.id.is_none() {
                for f in &mut o.findings {
                    set_file_key(f, &self.file_keys[block.file as usize]);
                    // Lines alike in a file are numbered in reading order, as the duplicates
                    // of an id are: whatever the threads, the same numbers.
                    if f.numbered_as_read() {
                        let digest = f.record.as_ref().map_or(0, |r| r.digest);
                        f.occurrence =
                            next_occurrence(&mut self.unreadable_twins, (block.file, digest));
                    }
                }
            }
            match (&o.id, &o.rref) {
                (Some((h, id)), Some(rref)) => {
                    self.progress.records += 1;
                    // Whose conditions apply: a matched record's producer, or that of the
                    // suppression list that withdrew the decision the reference does not hold.
                    if let Some(p) = rref.producer {
                        if o.matched {
                            self.matched += 1;
                        }
                        if let Some(i) = PRODUCERS.iter().position(|x| *x == p) {
                            self.producers[i] += 1;
                        }
                    }
                    if !o.has_text {
                        self.without_text += 1;
                    }
                    let mut bits = o.mapped;
                    while bits != 0 {
                        self.mapped[bits.trailing_zeros() as usize] += 1;
                        bits &= bits - 1;
                    }
                    if let Some(not_compared) = o.not_compared.take() {
                        self.not_compared.add(not_compared.why());
                        if let NotCompared::ReferenceUnread(why) = not_compared {
                            self.first_not_compared.get_or_insert((
                                rref.file_index,
                                rref.line,
                                why,
                            ));
                        }
                    }
                    match self.seen_ids.get(h) {
                        Some(&first) => {
                            // The second record of an id is its duplicate 0, the third its
                            // duplicate 1…: whatever the order of the files, the same numbers.
                            let mut f = duplicate_id(id, rref, first, file_names);
                            f.occurrence = next_occurrence(&mut self.duplicates, *h);
                            o.findings.push(f);
                        }
                        None => {
                            self.seen_ids.insert(*h, (rref.file_index, rref.line));
                        }
                    }
                    match o.loaded {
                        // A load dated more than a day after the audit time did not happen by
                        // then: the date is false (FRE001), and cannot show the corpus was
                        // fresh at that time.
                        Some(l) if l.after_audit => self.future_loads += 1,
                        // The first of equal ones, in reading order.
                        Some(l) if self.newest.is_none_or(|(n, _)| l.at() > n.end()) => {
                            self.newest = Some((l.shown, l.offset))
                        }
                        _ => {}
                    }
                    self.ages[age_bucket(o.loaded, self.as_of)] += 1;
                }
                _ => self.progress.unreadable += 1,
            }
            self.findings.append(&mut o.findings);
        }
        self.progress.bytes_done += block.bytes;
        self.progress.elapsed = self.started.elapsed();
        self.progress.reading = self.reading_since.elapsed();
        self.tell(from);
        (self.sink)(AuditEvent::Progress(self.progress.clone()));
        block.data
    }
}

/// How many findings of `key` were numbered before this one, in reading order (0 for the
/// first): the [`Finding::occurrence`] of the findings the audit numbers as it reads them.
fn next_occurrence<K: std::hash::Hash + Eq>(seen: &mut HashMap<K, u16>, key: K) -> u16 {
    let k = seen.entry(key).or_insert(0);
    let n = *k;
    *k = k.saturating_add(1);
    n
}

/// IN002: the record's id is the id of the record read first at `(file, line)`.
fn duplicate_id(
    id: &str,
    rref: &Arc<RecordRef>,
    (file, line): (u32, u64),
    file_names: &[String],
) -> Finding {
    Finding::new(
        Rule::IN002,
        Some(rref.clone()),
        format!(
            "id «{}» is also the id of the record at {}:{}",
            bound::ends(id, bound::QUOTE),
            file_names
                .get(file as usize)
                .map(String::as_str)
                .unwrap_or("?"),
            line
        ),
    )
    .with_evidence(Evidence {
        field: "id".into(),
        excerpt: Some(bound::ends(id, bound::VALUE).into_owned()),
        ..Default::default()
    })
}

/// Age buckets of the corpus's dates of last update at the audit time: label and upper bound
/// (inclusive) in hours. A date up to a day after the audit time counts as fresh (clocks drift);
/// further ahead, it is counted apart ([`FUTURE_BUCKET`]), and so are records without one
/// ([`NONE_BUCKET`]).
const AGE_BUCKETS: &[(&str, i64)] = &[
    ("≤72 h", 72),
    ("3–7 d", 24 * 7),
    ("1–4 wk", 24 * 30),
    ("1–6 mo", 24 * 183),
    (">6 mo", i64::MAX),
];

/// The bucket of the records without a date of last update.
const NONE_BUCKET: usize = AGE_BUCKETS.len();
/// The bucket of the records dated more than a day after the audit time (FRE001), after
/// `none`: the report's list of buckets only grows.
const FUTURE_BUCKET: usize = AGE_BUCKETS.len() + 1;
/// Their labels.
const NONE_LABEL: &str = "none";
pub const FUTURE_LABEL: &str = "future";

fn age_bucket(loaded: Option<crate::rules::freshness::Loaded>, as_of: jiff::Timestamp) -> usize {
    let Some(l) = loaded else {
        return NONE_BUCKET;
    };
    if l.after_audit {
        return FUTURE_BUCKET;
    }
    // To the nanosecond: 72 hours and a minute is not within 72 hours.
    let age = as_of.duration_since(l.at());
    AGE_BUCKETS
        .iter()
        .position(|b| b.1 == i64::MAX || age <= jiff::SignedDuration::from_hours(b.1))
        .unwrap_or(AGE_BUCKETS.len() - 1)
}

#[cfg(test)]
mod tests {

    /// The time left follows the last seconds' rate: after a fast start, a slow part is seen
    /// within the window, where the whole audit's rate would still say « 0 s ».
    #[test]
    fn eta_follows_the_recent_rate() {
        let s = Duration::from_secs;
        let mut eta = Eta::default();
        assert_eq!(eta.update(s(0), 0, 1000), None);
        // 600 bytes in the first second: at that rate, 400 bytes take 0.67 s.
        assert_eq!(
            eta.update(s(1), 600, 1000),
            Some(Duration::from_secs_f64(400.0 / 600.0))
        );
        // Then 10 bytes a second.
        for k in 2..=5 {
            eta.update(s(k), 600 + 10 * (k - 1), 1000);
        }
        // Over the last 3 s (t = 2 to 5): 30 bytes, 10 a second; 360 left: 36 s.
        let left = eta.update(s(5), 640, 1000).unwrap();
        assert!((left.as_secs_f64() - 36.0).abs() < 1e-9, "{left:?}");
        // Done: nothing left; a reset (time going back) starts anew.
        assert_eq!(eta.update(s(6), 1000, 1000), Some(Duration::ZERO));
        assert_eq!(eta.update(s(0), 0, 500), None);
        assert_eq!(eta.update(Duration::from_millis(200), 100, 500), None);
    }
    use super::*;

    // A file the reader listed as small but that reads larger (it grew, or was replaced, after
    // the listing) is not held whole by a worker: it goes back to be read block by block.
    #[test]
    fn a_small_file_that_reads_larger_goes_back_to_be_streamed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let line = format!("{{\"id\":\"a\",\"text\":\"{}\"}}\n", "x".repeat(1000));
        std::fs::write(&path, line.repeat(40)).unwrap();
        // Files under 64 kB (half a block) are read by the workers.
        let limits = Limits {
            block_bytes: 128 * 1024,
            ..Default::default()
        };
        assert_eq!(limits.small_file_bytes(), 64 * 1024);
        let reference = ReferenceSet::new(Vec::new(), Vec::new());
        let history = History::default();
        let checker = Checker::new(&reference, &history);
        let cancel = AtomicBool::new(false);
        let listed = line.len() as u64 * 40;
        let run = || {
            let files = [corpus::CorpusFile {
                path: path.clone(),
                name: "c.jsonl".into(),
                len: listed,
                in_folder: false,
            }];
            Job::File(0).run(&files, &limits, &checker, None, &cancel)
        };
        // Read as listed: 40 records.
        let parts = run();
        let records: usize = parts
            .iter()
            .map(|p| match p {
                Part::Block(b, outcomes) => {
                    assert_eq!(b.items.len(), outcomes.len());
                    outcomes.len()
                }
                _ => panic!("only blocks"),
            })
            .sum();
        assert_eq!(records, 40);
        // Rewritten after the listing, it reads over twice the small-file size (128 kB here).
        std::fs::write(&path, line.repeat(200)).unwrap();
        assert!(matches!(run()[..], [Part::Grown(0)]));
    }
}
