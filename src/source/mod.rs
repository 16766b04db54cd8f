//! The official reference: every `--reference` path (a file, a folder read recursively, or an
//! archive) becomes canonical reference decisions, whatever its format, recognised from content:
//! Judilibre JSON, DILA XML, administrative open-data XML, `.tar.gz` and `.zip` archives.

pub mod archive;
pub mod history;
pub mod judilibre;
pub mod store;
pub mod xml;
mod xml_events;

use crate::error::InputError;
use crate::model::{Origin, Producer, ReferenceDecision};
use crate::text::sanitize::Shown;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::Ordering;
pub use store::{Place, Stored, TextStore};

/// A reference decision that could not be read, counted in the report: or a part of the
/// reference whose decisions cannot be counted ([`Lost`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub origin: Origin,
    pub reason: String,
    /// How much of the reference it stands for.
    pub lost: Lost,
}

impl Unreadable {
    /// One decision that could not be read: a file, a line or an archive's entry.
    pub fn one(origin: Origin, reason: impl Into<String>) -> Self {
        Unreadable {
            origin,
            reason: reason.into(),
            lost: Lost::Decisions(1),
        }
    }
}

/// How much of the reference an [`Unreadable`] stands for: decisions known one by one, or a part
/// of the reference whose decisions cannot be counted, since it could not be read at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// Decisions counted: a file, a line or an archive's entry that could not be read (one), or
    /// the entries of an archive that could not be read beyond those named (how many).
    Decisions(u64),
    /// A folder that could not be listed: the decisions under it are unknown.
    Folder,
    /// What follows a point in a file cut short or damaged (a `.tar.gz` or `.zip` archive, a
    /// gzip-compressed JSON file), the point its reason names: how many decisions were there
    /// cannot be known.
    Rest,
}

impl Default for Lost {
    fn default() -> Self {
        Lost::Decisions(1)
    }
}

impl Lost {
    /// The name the JSON report gives it (`audit.unreadable_reference[].lost`).
    pub fn as_str(self) -> &'static str {
        match self {
            Lost::Decisions(_) => "decisions",
            Lost::Folder => "folder",
            Lost::Rest => "rest_of_file",
        }
    }

    /// How many decisions it stands for, when that can be known.
    pub fn decisions(self) -> Option<u64> {
        match self {
            Lost::Decisions(n) => Some(n),
            Lost::Folder | Lost::Rest => None,
        }
    }
}

/// What of the reference could not be read, counted ([`ReferenceSet::incomplete`]): decisions
/// known one by one, folders that could not be listed, and files cut short or damaged whose
/// rest is lost. A record whose `source_id` matches no decision may cite one of those.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Incomplete {
    pub decisions: u64,
    pub folders: u64,
    pub rests: u64,
}

impl Incomplete {
    pub fn of(unreadable: &[Unreadable]) -> Self {
        let mut out = Incomplete::default();
        for u in unreadable {
            match u.lost {
                Lost::Decisions(n) => out.decisions += n,
                Lost::Folder => out.folders += 1,
                Lost::Rest => out.rests += 1,
            }
        }
        out
    }

    /// Whether nothing of the reference was lost.
    pub fn is_empty(&self) -> bool {
        *self == Incomplete::default()
    }

    /// Whether the count of decisions lost is exact: no folder nor file cut short, whose
    /// decisions cannot be counted, is among them.
    pub fn exact(&self) -> bool {
        self.folders == 0 && self.rests == 0
    }

    /// What was lost, in words: `2 decisions could not be read, 1 folder could not be listed
    /// and 1 file was cut short or damaged, the rest of it lost`.
    pub fn describe(&self) -> String {
        let s = |n: u64| if n == 1 { "" } else { "s" };
        let mut parts = Vec::new();
        if self.decisions > 0 {
            parts.push(format!(
                "{} decision{} could not be read",
                self.decisions,
                s(self.decisions)
            ));
        }
        if self.folders > 0 {
            parts.push(format!(
                "{} folder{} could not be listed",
                self.folders,
                s(self.folders)
            ));
        }
        if self.rests > 0 {
            parts.push(if self.rests == 1 {
                "1 file was cut short or damaged, the rest of it lost".to_string()
            } else {
                format!(
                    "{} files were cut short or damaged, the rest of each lost",
                    self.rests
                )
            });
        }
        match parts.len() {
            0 => String::new(),
            1 => parts.pop().unwrap_or_default(),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{} and {last}", parts.join(", "))
            }
        }
    }
}

/// The loaded reference, indexed for matching (SPEC §1.3). The decisions' metadata is in memory;
/// their texts are in a [`TextStore`] on disk (`decisions[i].text` is empty), read back with
/// [`ReferenceSet::text`] only when an audit needs one.
#[derive(Debug)]
pub struct ReferenceSet {
    pub decisions: Vec<ReferenceDecision>,
    texts: Vec<Stored>,
    store: TextStore,
    /// The decision each id designates: of decisions sharing an id, the latest [`Version`].
    by_id: HashMap<String, u32>,
    /// The ids that decisions of several producers share (an ECLI: the Judilibre copy and the
    /// Légifrance copy of one decision), with the decision each producer gives for it: the one
    /// of `by_id` first, then the others in order.
    copies: HashMap<String, Box<[u32]>>,
    by_number: HashMap<String, Vec<u32>>,
    /// Decisions no id designates any more: each replaced, for every id it bears, by another
    /// decision of its producer of a later [`Version`] (or by the first, on a tie). A reference
    /// made of a full export and its later increments holds such older versions. With the
    /// decision that replaced it (its producer's for its first id).
    superseded: Vec<(u32, u32)>,
    pub unreadable: Vec<Unreadable>,
    /// [`ReferenceSet::incomplete`], worked out once.
    incomplete: std::sync::OnceLock<Incomplete>,
    /// The decisions DILA withdrew after every version of them the reference holds (or of which
    /// it holds none), as the suppression lists of its increments name them
    /// ([`Withdrawal`]): withdrawn at source, as a deletion in `--history` tells.
    pub withdrawn: Vec<Withdrawal>,
    /// Reference paths and files reached more than once (`--reference ref --reference
    /// ref/day`, a folder given twice, a link to a file read already), read once: how each
    /// was reached again, and how it was read.
    pub repeated: Vec<crate::corpus::Repeated>,
    /// See [`ReferenceSet::generation`].
    generation: u64,
}

/// The generation of the next reference set built.
static NEXT_GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// One decision read, its text moved to the store; or why it could not be read.
type Spilled = Result<(ReferenceDecision, Stored), Unreadable>;

/// A decision that could not be read, as the parsers tell it: where and why.
fn one_unreadable((origin, reason): (Origin, String)) -> Unreadable {
    Unreadable::one(origin, reason)
}

/// Moves a decision's text to the store, with the digest of the text as read. Normalising it
/// is left to the records whose own text differs from it byte for byte: most copies are exact.
fn spill(store: &TextStore, item: Result<ReferenceDecision, (Origin, String)>) -> Spilled {
    let mut d = item.map_err(one_unreadable)?;
    let text = std::mem::take(&mut d.text);
    let digest = (!text.is_empty()).then(|| crate::text::normalize::digest(&text));
    match store.put(&text, digest) {
        Ok(s) => Ok((d, s)),
        Err(e) => Err(Unreadable::one(
            d.origin.clone(),
            format!("cannot keep the decision's text: {e}"),
        )),
    }
}

/// Indexes a decision whose text stays in its reference file, read and parsed again when
/// needed: the JSON record that holds it and no other (`Place::Record`), or the XML file of that
/// one decision (`Place::File`). `(offset, len)` is where the record or file lies.
fn keep_in_file(
    item: Result<ReferenceDecision, (Origin, String)>,
    (offset, len): (u64, u64),
    place: Place,
) -> Spilled {
    let mut d = item.map_err(one_unreadable)?;
    let text = std::mem::take(&mut d.text);
    let digest = (!text.is_empty()).then(|| crate::text::normalize::digest(&text));
    Ok((
        d,
        Stored {
            offset,
            len,
            place,
            digest,
        },
    ))
}

/// What tells at once which of several copies of a decision a record's text reproduces: the
/// digest of the text as read (`None` for HTML, which no reference text is), and of the text
/// normalised ([`crate::text::normalize::digest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextDigests {
    pub raw: Option<u64>,
    pub normalized: u64,
}

/// How recent a version of a reference decision is, to tell which of a producer's versions of
/// one decision is used: its update date first, then, between versions updated at the same time
/// or given none (DILA's XML carries none), the date of the publication it came in, which DILA
/// puts in its names ([`published_in`]). An undated value comes before any date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub update_date: Option<jiff::Timestamp>,
    pub published: Option<jiff::civil::DateTime>,
}

impl Version {
    pub fn of(d: &ReferenceDecision) -> Self {
        Version {
            // A day alone from its start, as a version dated that day.
            update_date: d.update_date.map(|m| m.start()),
            published: published_in(&d.origin.file),
        }
    }
}

/// The date and time of the DILA publication a file comes from, as DILA names its archives and
/// the folders they unpack into: the last `YYYYMMDD-HHMMSS` of the path that is a valid date and
/// time, between characters other than digits (`CASS_20231127-204209.tar.gz`,
/// `Freemium_cass_global_20250713-140000.tar.gz`, `20231127-204209/juri/…`). Its daily and weekly
/// increments (`CASS_…`) sort by name before its full exports (`Freemium_…`), but their dates
/// order them all.
pub fn published_in(file: &str) -> Option<jiff::civil::DateTime> {
    let b = file.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let apart = |k: usize| b.get(k).is_none_or(|c| !c.is_ascii_digit());
    memchr::memrchr_iter(b'-', b).find_map(|k| {
        let (s, e) = (k.checked_sub(8)?, k + 7);
        if e > b.len() || !digits(s..k) || !digits(k + 1..e) || !apart(e) {
            return None;
        }
        if s > 0 && !apart(s - 1) {
            return None;
        }
        jiff::civil::DateTime::strptime("%Y%m%d-%H%M%S", &file[s..e]).ok()
    })
}

/// A document DILA withdrew, as its increments tell: each holds, beside the documents added or
/// changed, a list of those it withdraws (`liste_suppression_cass.dat`), one path a line, without
/// extension (`juri/judi/global/JURI/TEXT/00/00/48/17/60/JURITEXT000048176061`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    /// The id: the last part of the path.
    pub id: String,
    /// The date of the increment, from its name ([`published_in`]), in French time.
    pub published: Option<jiff::civil::DateTime>,
    /// The list and its line.
    pub origin: Origin,
}

impl Withdrawal {
    /// Whose decision it is, by its id (`JURITEXT…`: Légifrance's CASS, INCA or CAPP;
    /// `CETATEXT…`: JADE), else by the list's name (`liste_suppression_jade.dat`).
    pub fn producer(&self) -> Option<Producer> {
        let prefix = |p: &str| {
            self.id
                .get(..p.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(p))
        };
        let list = base_name(&self.origin.file);
        if prefix("JURITEXT") {
            Some(Producer::Legifrance)
        } else if prefix("CETATEXT") {
            Some(Producer::Jade)
        } else if ["_cass", "_inca", "_capp"].iter().any(|f| list.contains(f)) {
            Some(Producer::Legifrance)
        } else if list.contains("_jade") {
            Some(Producer::Jade)
        } else {
            None
        }
    }
}

/// The suppression lists read, and the withdrawals they tell, gathered from the readers.
#[derive(Default)]
struct Withdrawals {
    lists: std::sync::atomic::AtomicU64,
    all: Mutex<Vec<Withdrawal>>,
}

/// Whether `name` (a file's, or an archive entry's) is a DILA suppression list
/// (`liste_suppression_cass.dat`, `20231127-204209/liste_suppression_jade.dat`).
pub fn is_suppression_list(name: &str) -> bool {
    let base = base_name(name);
    base.starts_with("liste_suppression") && base.ends_with(".dat")
}

/// The last part of a path, as an archive's entry or a suppression list writes it (`/` or `\\`).
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The documents the suppression list `bytes`, read from `file`, withdraws.
pub fn read_suppressions(bytes: &[u8], file: &str) -> Vec<Withdrawal> {
    let published = published_in(file);
    String::from_utf8_lossy(bytes)
        .split('\n')
        .enumerate()
        .filter_map(|(i, line)| {
            let last = base_name(line.trim()).trim();
            let id = match last.len().checked_sub(4) {
                Some(k) if last.is_char_boundary(k) && last[k..].eq_ignore_ascii_case(".xml") => {
                    &last[..k]
                }
                _ => last,
            };
            (!id.is_empty()).then(|| Withdrawal {
                id: id.to_string(),
                published,
                origin: Origin {
                    file: file.to_string(),
                    line: i as u64 + 1,
                },
            })
        })
        .collect()
}

/// The key ids are matched on: case-insensitive, surrounding spaces ignored.
pub fn id_key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The keys of the ids a decision bears: its own, its other ids, its ECLI.
fn id_keys(d: &ReferenceDecision) -> impl Iterator<Item = String> + '_ {
    std::iter::once(&d.id)
        .chain(&d.other_ids)
        .chain(&d.ecli)
        .map(|s| id_key(s))
        .filter(|k| !k.is_empty())
}

impl ReferenceSet {
    /// Builds a set from decisions held in memory (their texts go to the store).
    pub fn new(decisions: Vec<ReferenceDecision>, unreadable: Vec<Unreadable>) -> Self {
        let store = TextStore::new().expect("a temporary file for the reference texts");
        let pairs: Vec<(ReferenceDecision, Stored)> = decisions
            .into_iter()
            .filter_map(|d| spill(&store, Ok(d)).ok())
            .collect();
        ReferenceSet::from_parts(vec![pairs], unreadable, store)
    }

    /// Builds the index over decisions, given in chunks (a later duplicate id replaces an
    /// earlier one only when it is a later [`Version`]; decisions of different producers that
    /// share an id are all kept, as copies of one decision).
    ///
    /// The decisions are moved once, and the index is built alongside: a national reference
    /// holds hundreds of thousands of decisions, and until the set is built, the corpus waits.
    fn from_parts(
        chunks: Vec<Vec<(ReferenceDecision, Stored)>>,
        unreadable: Vec<Unreadable>,
        store: TextStore,
    ) -> Self {
        // Texts must be readable from now on; a failure shows as texts that cannot be read.
        let _ = store.flush();
        // Deterministic order whatever the reading order: by origin, then id. The decisions of a
        // file come in order and files in name order, so that most often they are in order
        // already; otherwise the order is found on indices, not by moving decisions about.
        let all: Vec<&(ReferenceDecision, Stored)> = chunks.iter().flatten().collect();
        let before = |a: &(ReferenceDecision, Stored), b: &(ReferenceDecision, Stored)| {
            a.0.origin.cmp(&b.0.origin).then(a.0.id.cmp(&b.0.id))
        };
        let order: Option<Vec<u32>> = (!all.is_sorted_by(|a, b| before(a, b).is_le())).then(|| {
            let mut order: Vec<u32> = (0..all.len() as u32).collect();
            order.par_sort_by(|&i, &j| before(all[i as usize], all[j as usize]));
            order
        });
        // The keys of each decision, in the final order, worked out on every core.
        let keyed = |(d, _): &(ReferenceDecision, Stored)| {
            let ids: Vec<String> = id_keys(d).collect();
            let numbers: Vec<String> = d
                .numbers
                .iter()
                .map(|n| n.chars().filter(|c| c.is_ascii_digit()).collect::<String>())
                .filter(|digits| digits.len() >= 5)
                .collect();
            (ids, numbers, Version::of(d), d.producer)
        };
        let keys: Vec<_> = match &order {
            Some(order) => order.par_iter().map(|&i| keyed(all[i as usize])).collect(),
            None => all.par_iter().map(|&p| keyed(p)).collect(),
        };
        drop(all);
        let n = keys.len();
        // The maps are filled in order while the decisions are moved.
        let ((by_id, copies, mut by_number, designated), (decisions, texts)) = rayon::join(
            || {
                let mut by_id: HashMap<String, u32> = HashMap::with_capacity(n * 2);
                let mut by_number: HashMap<String, Vec<u32>> = HashMap::new();
                // Every decision of a shared id, in order, from its first decision of another
                // producer on: the decisions before it are of one producer, and the one
                // `by_id` then holds is the best of them.
                let mut shared: HashMap<String, Vec<u32>> = HashMap::new();
                let updated: Vec<_> = keys.iter().map(|k| k.2).collect();
                let producer: Vec<Producer> = keys.iter().map(|k| k.3).collect();
                for (i, (ids, numbers, _, _)) in keys.into_iter().enumerate() {
                    let i = i as u32;
                    for k in ids {
                        match by_id.get(&k) {
                            None => {
                                by_id.insert(k, i);
                            }
                            Some(&j) => {
                                if let Some(all) = shared.get_mut(&k) {
                                    all.push(i);
                                } else if producer[j as usize] != producer[i as usize] {
                                    shared.insert(k.clone(), vec![j, i]);
                                }
                                if updated[j as usize] < updated[i as usize] {
                                    by_id.insert(k, i);
                                }
                            }
                        }
                    }
                    for digits in numbers {
                        by_number.entry(digits).or_default().push(i);
                    }
                }
                // Of each producer's decisions for a shared id, the latest version (the first
                // of them on a tie), as `by_id` keeps them.
                let copies = shared
                    .into_iter()
                    .map(|(k, all)| {
                        let mut best: Vec<u32> = Vec::new();
                        for i in all {
                            match best
                                .iter_mut()
                                .find(|b| producer[**b as usize] == producer[i as usize])
                            {
                                Some(b) if updated[*b as usize] < updated[i as usize] => *b = i,
                                Some(_) => {}
                                None => best.push(i),
                            }
                        }
                        let first = by_id[&k];
                        best.sort_by_key(|&i| (i != first, i));
                        (k, best.into_boxed_slice())
                    })
                    .collect::<HashMap<_, _>>();
                let mut designated = vec![false; n];
                for &i in by_id.values().chain(copies.values().flatten()) {
                    designated[i as usize] = true;
                }
                (by_id, copies, by_number, designated)
            },
            || {
                let mut decisions = Vec::with_capacity(n);
                let mut texts = Vec::with_capacity(n);
                let mut put = |(d, s): (ReferenceDecision, Stored)| {
                    decisions.push(d);
                    texts.push(s);
                };
                match order {
                    None => chunks.into_iter().flatten().for_each(put),
                    Some(order) => {
                        let mut slots: Vec<Option<_>> =
                            chunks.into_iter().flatten().map(Some).collect();
                        for i in order {
                            if let Some(p) = slots[i as usize].take() {
                                put(p);
                            }
                        }
                    }
                }
                (decisions, texts)
            },
        );
        // A decision that no id designates was replaced, under its first id, by its producer's
        // decision for that id (one with no id at all is designated by nothing, and replaced by
        // nothing).
        let superseded = (0..n)
            .filter(|&i| !designated[i])
            .filter_map(|i| {
                let first = id_keys(&decisions[i]).next()?;
                let producer = decisions[i].producer;
                let by = copies
                    .get(&first)
                    .and_then(|all| {
                        all.iter()
                            .find(|&&j| decisions[j as usize].producer == producer)
                    })
                    .map_or(by_id[&first], |&j| j);
                Some((i as u32, by))
            })
            .collect::<Vec<_>>();
        // A case number borne only by versions set aside stands for the versions that replaced
        // them (which the record's identification is then compared with); one that a current
        // decision bears too stands for the current ones alone. A version set aside is never
        // checked against.
        if !superseded.is_empty() {
            let mut replaced_by: Vec<Option<u32>> = vec![None; n];
            for &(i, by) in &superseded {
                replaced_by[i as usize] = Some(by);
            }
            for v in by_number.values_mut() {
                if v.iter().all(|&i| replaced_by[i as usize].is_some()) {
                    for i in v.iter_mut() {
                        *i = replaced_by[*i as usize].unwrap_or(*i);
                    }
                    v.sort_unstable();
                    v.dedup();
                } else {
                    v.retain(|&i| replaced_by[i as usize].is_none());
                }
            }
        }
        ReferenceSet {
            decisions,
            texts,
            store,
            by_id,
            copies,
            by_number,
            superseded,
            unreadable,
            incomplete: std::sync::OnceLock::new(),
            withdrawn: Vec::new(),
            repeated: Vec::new(),
            generation: NEXT_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// A number no other reference set of this process has: what tells a decision of this set
    /// from the decision at the same index in another, in what is kept between records.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Where decision `i`'s text is stored, with its digest.
    pub fn stored(&self, i: usize) -> &Stored {
        &self.texts[i]
    }

    /// Decision `i`'s text, read back from the store or its file. An error names where the
    /// decision was read from and why its text cannot be read again.
    pub fn text(&self, i: usize) -> std::io::Result<String> {
        self.read_text(i).map_err(|e| {
            let why = match e.kind() {
                std::io::ErrorKind::UnexpectedEof => {
                    "the file is shorter than when it was read".to_string()
                }
                _ => e.to_string(),
            };
            std::io::Error::new(
                e.kind(),
                format!(
                    "{}: the decision's text cannot be read again: {why}",
                    self.decisions[i].origin
                ),
            )
        })
    }

    fn read_text(&self, i: usize) -> std::io::Result<String> {
        let s = &self.texts[i];
        if s.place == Place::Store {
            return self.store.get(s);
        }
        // The decision's record or file, read and parsed again. The file may have changed since
        // it was indexed (replaced, rewritten in place): the text must still have the digest it
        // had.
        let bad = |why: String| std::io::Error::new(std::io::ErrorKind::InvalidData, why);
        let text = self.store.with_bytes(s, |bytes| {
            if let Place::File { .. } = s.place {
                // The file's only decision.
                match parse_bytes(bytes, "").pop() {
                    Some(Ok(d)) => Ok(Some(d.text)),
                    Some(Err((_, why))) => Err(bad(why)),
                    None => Ok(None),
                }
            } else {
                let v = crate::corpus::parse_json(bytes).map_err(|e| bad(e.to_string()))?;
                // The record's only decision.
                Ok(judilibre::text_of(v, 0))
            }
        })??;
        text.filter(|t| match s.digest {
            Some(d) => crate::text::normalize::digest(t) == d,
            None => t.is_empty(),
        })
        .ok_or_else(|| bad("the decision changed since it was read".into()))
    }

    /// Decision `i` with its text; its text empty, and why, when it cannot be read again.
    pub fn with_text(&self, i: usize) -> (ReferenceDecision, Option<String>) {
        let mut d = self.decisions[i].clone();
        match self.text(i) {
            Ok(t) => {
                d.text = t;
                (d, None)
            }
            Err(e) => (d, Some(e.to_string())),
        }
    }

    /// The decision a record's `source_id` designates: by id, DILA id, ECLI or administrative
    /// identification; failing that, by case number when exactly one decision bears it. Of
    /// copies of the decision from several producers, the one updated last.
    pub fn find(&self, source_id: &str) -> Option<&ReferenceDecision> {
        self.find_index(source_id).map(|i| &self.decisions[i])
    }

    /// The index in `decisions` of the decision a `source_id` designates.
    pub fn find_index(&self, source_id: &str) -> Option<usize> {
        self.matching(source_id).first().map(|&i| i as usize)
    }

    /// The index of the decision a record designates by its `source_id`: of copies of the
    /// decision from several producers, the one [`ReferenceSet::choose`] picks.
    pub fn find_index_for(
        &self,
        source_id: &str,
        attribution: Option<&str>,
        text: Option<TextDigests>,
    ) -> Option<usize> {
        let m = self.matching(source_id);
        self.choose(&m, attribution, text).map(|k| m[k] as usize)
    }

    /// Of the decisions `matching` gives for a record (copies of one decision from several
    /// producers), the position of the one its checks take as the reference: of the copies its
    /// `attribution` fits best (the copy of the producer it names as the diffuser: Légifrance,
    /// the DILA copy; Judilibre or the Cour de cassation, the Judilibre copy; failing that, a
    /// copy it may credit; failing that, any), the first whose text the record's reproduces, as
    /// the digests tell at once, else the first. The choice depends on the reference and the
    /// record alone, not on the order the reference was read in.
    pub fn choose(
        &self,
        matching: &[u32],
        attribution: Option<&str>,
        text: Option<TextDigests>,
    ) -> Option<usize> {
        if matching.len() < 2 {
            return (!matching.is_empty()).then_some(0);
        }
        let fit: Vec<u8> = matching
            .iter()
            .map(|&i| {
                crate::rules::attribution::fit(attribution, self.decisions[i as usize].producer)
            })
            .collect();
        let best = fit.iter().min().copied()?;
        let fitting = (0..matching.len()).filter(|&k| fit[k] == best);
        let reproduced = |k: &usize| {
            let s = self.stored(matching[*k] as usize);
            text.is_some_and(|t| {
                s.digest.is_some()
                    && (t.raw.is_some() && s.digest == t.raw
                        || s.normalized() == Some(t.normalized))
            })
        };
        fitting
            .clone()
            .find(reproduced)
            .or_else(|| fitting.clone().next())
    }

    /// The decisions a `source_id` designates (SPEC §1.3): none; one; or copies of one
    /// decision from different producers, which share the id matched on (an ECLI), or the case
    /// number with the date and the ECLI. The decision [`ReferenceSet::find_index`] gives comes
    /// first; the order is that of the decisions, whatever the order they were read in.
    pub fn matching(&self, source_id: &str) -> Cow<'_, [u32]> {
        let k = id_key(source_id);
        if k.is_empty() {
            return Cow::Borrowed(&[]);
        }
        if let Some(all) = self.copies.get(&k) {
            return Cow::Borrowed(all);
        }
        if let Some(i) = self.by_id.get(&k) {
            return Cow::Borrowed(std::slice::from_ref(i));
        }
        let digits: String = k.chars().filter(|c| c.is_ascii_digit()).collect();
        // Only a string that is a case number (digits and separators) matches by number.
        let looks_like_number = k
            .chars()
            .all(|c| c.is_ascii_digit() || "-./ n°".contains(c) || c.is_ascii_alphabetic())
            && digits.len() >= 5
            && !k.starts_with("juritext")
            && !k.starts_with("ecli");
        if !looks_like_number {
            return Cow::Borrowed(&[]);
        }
        match self.by_number.get(&digits) {
            Some(v) if v.len() == 1 => Cow::Borrowed(v.as_slice()),
            Some(v) => self
                .copies_by_number(v)
                .map_or(Cow::Borrowed(&[]), Cow::Owned),
            None => Cow::Borrowed(&[]),
        }
    }

    /// The decisions bearing one case number, when they are copies of one decision from
    /// different producers (a decision read twice counts once, as its id gives it): of one day
    /// and one court, without two ECLIs that differ. The one updated last comes first.
    fn copies_by_number(&self, bearing: &[u32]) -> Option<Vec<u32>> {
        use crate::ident::{Comparison, compare, reference_display};
        use crate::model::IdField;
        let mut current: Vec<u32> = bearing
            .iter()
            .copied()
            .filter(|&i| {
                let k = id_key(&self.decisions[i as usize].id);
                k.is_empty() || self.by_id.get(&k) == Some(&i)
            })
            .collect();
        let same = |a: &ReferenceDecision, b: &ReferenceDecision| {
            let court = reference_display(IdField::Jurisdiction, a).is_none_or(|name| {
                !matches!(
                    compare(IdField::Jurisdiction, &name, b),
                    Comparison::Different { .. }
                )
            });
            a.producer != b.producer
                && a.decision_date.is_some()
                && a.decision_date == b.decision_date
                && match (&a.ecli, &b.ecli) {
                    (Some(x), Some(y)) => id_key(x) == id_key(y),
                    _ => true,
                }
                && court
        };
        let copies = current.iter().enumerate().all(|(n, &i)| {
            current[..n]
                .iter()
                .all(|&j| same(&self.decisions[j as usize], &self.decisions[i as usize]))
        });
        if current.is_empty() || !copies {
            return None;
        }
        // The latest version first (the first of them on a tie), then in order, as by id.
        let mut latest = current[0];
        for &i in &current[1..] {
            if Version::of(&self.decisions[latest as usize])
                < Version::of(&self.decisions[i as usize])
            {
                latest = i;
            }
        }
        current.sort_by_key(|&i| (i != latest, i));
        Some(current)
    }

    /// The decisions read, older versions of a decision included (see
    /// [`ReferenceSet::superseded`]): the bound of their indices.
    pub fn len(&self) -> usize {
        self.decisions.len()
    }

    /// The distinct decisions of the reference: those read, but for the older versions of one
    /// decision that a later one replaces. What the report counts.
    pub fn distinct(&self) -> usize {
        self.decisions.len() - self.superseded.len()
    }

    /// The decisions that no id designates any more, in order, each with the decision of its
    /// producer that replaced it, a later [`Version`] (or read first, on a tie): the same
    /// decision read twice, as when the reference is a full export with its later increments.
    pub fn superseded(&self) -> &[(u32, u32)] {
        &self.superseded
    }

    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    /// What of the reference could not be read ([`ReferenceSet::unreadable`]), counted: a
    /// record whose `source_id` matches no decision may cite one of those.
    pub fn incomplete(&self) -> Incomplete {
        *self
            .incomplete
            .get_or_init(|| Incomplete::of(&self.unreadable))
    }

    /// Reads every reference path. A missing path, or one from which no decision at all can be
    /// read, is an error naming it; decisions that cannot be read are counted.
    pub fn load(paths: &[PathBuf], limits: &archive::ArchiveLimits) -> Result<Self, InputError> {
        let spares = crate::corpus::Spares::new(crate::corpus::Limits::default().block_bytes);
        Self::load_recycling(paths, limits, &spares, &|_, _| {})
    }

    /// [`ReferenceSet::load`], its readers filling buffers from `spares` and handing them back
    /// there (for the corpus reader to use next). `progress` is told, now and then, how many
    /// bytes of the reference files have been read, and how many there are.
    pub fn load_recycling(
        paths: &[PathBuf],
        limits: &archive::ArchiveLimits,
        spares: &crate::corpus::Spares,
        progress: &(dyn Fn(u64, u64) + Sync),
    ) -> Result<Self, InputError> {
        let store = TextStore::new().map_err(|e| {
            InputError::new(
                Path::new("(temporary file)"),
                format!("cannot keep the reference texts: {e}"),
            )
        })?;
        // A folder given again, or inside a folder given, is read once, through the first
        // such folder given (its ancestor first); each file once, through its first name.
        let canonical: Vec<Option<PathBuf>> = paths
            .iter()
            .map(|p| std::fs::canonicalize(p).ok())
            .collect();
        let through = |k: usize| -> Option<usize> {
            let c = canonical[k].as_ref().filter(|c| c.is_dir())?;
            (0..paths.len()).find(|&j| {
                j != k
                    && canonical[j]
                        .as_ref()
                        .is_some_and(|cj| c.starts_with(cj) && (cj != c || j < k))
                    && paths[j].is_dir()
            })
        };
        use crate::corpus::{Reached, Repeated};
        let mut repeated = Vec::new();
        let mut listed = Vec::new();
        for (k, p) in paths.iter().enumerate() {
            match through(k) {
                // The same folder by another name, or a folder inside the one read.
                Some(j) => {
                    let again = Reached::given(p.shown());
                    let first = if canonical[j] == canonical[k] {
                        Reached::given(paths[j].shown())
                    } else {
                        Reached::through(p.shown(), paths[j].shown())
                    };
                    repeated.push(Repeated::new(again, first));
                }
                None => listed.push((p, list_files(p)?)),
            }
        }
        // Each file's size, and what identifies it whatever its name.
        let metas: Vec<Vec<(u64, Option<crate::corpus::FileId>)>> = listed
            .iter()
            .map(|(_, files)| {
                files
                    .par_iter()
                    .map(|f| match f {
                        Ok(f) => std::fs::metadata(f)
                            .map_or((0, None), |m| (m.len(), crate::corpus::FileId::of(f, &m))),
                        Err(_) => (0, None),
                    })
                    .collect()
            })
            .collect();
        let mut first_name: HashMap<crate::corpus::FileId, Reached> = HashMap::new();
        let mut sizes: Vec<Vec<u64>> = Vec::with_capacity(listed.len());
        let mut repeats: Vec<usize> = Vec::with_capacity(listed.len());
        for ((p, files), metas) in listed.iter_mut().zip(metas) {
            let mut kept = Vec::with_capacity(files.len());
            let mut sized = Vec::with_capacity(files.len());
            let before = repeated.len();
            // The files of a folder given are reached through it.
            let folder = p.is_dir().then(|| p.shown().to_string());
            for (f, (len, id)) in std::mem::take(files).into_iter().zip(metas) {
                if let (Ok(path), Some(id)) = (&f, id) {
                    let name = Reached {
                        name: path.shown().to_string(),
                        through: folder.clone(),
                    };
                    match first_name.entry(id) {
                        std::collections::hash_map::Entry::Occupied(first) => {
                            repeated.push(Repeated::new(name, first.get().clone()));
                            continue;
                        }
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(name);
                        }
                    }
                }
                kept.push(f);
                sized.push(len);
            }
            *files = kept;
            sizes.push(sized);
            repeats.push(repeated.len() - before);
        }
        let meter = Meter::new(sizes.iter().flatten().sum(), progress);
        // The decisions of each file, in reading order: they are moved once more, into the
        // set, when it is built.
        let mut chunks = Vec::new();
        let mut unreadable = Vec::new();
        // The suppression lists of DILA's increments, read where they lie.
        let withdrawals = Withdrawals::default();
        for (((p, files), sizes), repeats) in listed.into_iter().zip(sizes).zip(repeats) {
            let lists_before = withdrawals.lists.load(Ordering::Relaxed);
            let read: Vec<Result<Vec<Spilled>, (InputError, Lost)>> = files
                .par_iter()
                .zip(&sizes)
                .map(|(f, &size)| {
                    // A folder inside that cannot be listed: counted and named as a file that
                    // cannot be read is, as a part of the reference whose decisions are unknown.
                    let f = f.as_ref().map_err(|e| (e.clone(), Lost::Folder))?;
                    // A JSON file tells of its blocks as they are parsed; the rest of the
                    // file (all of any other) counts once it is read.
                    let told = std::sync::atomic::AtomicU64::new(0);
                    let read = |n: u64| {
                        told.fetch_add(n, Ordering::Relaxed);
                        meter.add(n);
                    };
                    let items = read_path(
                        f,
                        &f.shown(),
                        limits,
                        Reading {
                            store: &store,
                            spares,
                            read: &read,
                        },
                        &withdrawals,
                    );
                    meter.add(size.saturating_sub(told.load(Ordering::Relaxed)));
                    items.map_err(|e| (e, Lost::Decisions(1)))
                })
                .collect();
            let mut found = 0;
            let mut bad = Vec::new();
            let folder = p.is_dir();
            for items in read {
                let items = match items {
                    Ok(items) => items,
                    // A file of a folder that cannot be read at all (permission denied, an I/O
                    // error) is counted and named, as its malformed files are; the folder is
                    // unusable only when no decision of it can be read.
                    Err((e, lost)) if folder => {
                        bad.extend(e.problems.into_iter().map(|(line, _, reason)| Unreadable {
                            origin: Origin {
                                file: e.file.clone(),
                                line,
                            },
                            reason,
                            lost,
                        }));
                        continue;
                    }
                    // The path is itself the file.
                    Err((e, _)) => return Err(e),
                };
                let items: Vec<(ReferenceDecision, Stored)> = items
                    .into_iter()
                    .filter_map(|item| item.map_err(|u| bad.push(u)).ok())
                    .collect();
                found += items.len();
                chunks.push(items);
            }
            bad.sort_by(|a, b| a.origin.cmp(&b.origin));
            // An increment may withdraw decisions and add none; files all read already
            // through another path are no error.
            if found == 0
                && withdrawals.lists.load(Ordering::Relaxed) == lists_before
                && (repeats == 0 || !bad.is_empty())
            {
                let why = match bad.first() {
                    // The path is itself the file: the error names it already.
                    Some(u) if u.origin.line == 0 && u.origin.file == p.shown() => {
                        format!("no decision could be read: {}", u.reason)
                    }
                    Some(u) => format!("no decision could be read: {}: {}", u.origin, u.reason),
                    None => "no reference decision found there".to_string(),
                };
                return Err(InputError::new(p, why));
            }
            unreadable.extend(bad);
        }
        let mut set = ReferenceSet::from_parts(chunks, unreadable, store);
        set.repeated = repeated;
        set.withdrawn = set.withdrawals_after_versions(
            withdrawals
                .all
                .into_inner()
                .unwrap_or_else(|e| e.into_inner()),
        );
        Ok(set)
    }

    /// The withdrawals DILA's suppression lists tell that come after every version the reference
    /// holds of their document (by the dates of the archives: a document withdrawn and added
    /// again in one increment stays), or of which it holds none, in order of id and date. A
    /// version no name dates is withdrawn by any list. All are kept, not only the latest of a
    /// document: the audit time may set the later ones aside.
    fn withdrawals_after_versions(&self, mut all: Vec<Withdrawal>) -> Vec<Withdrawal> {
        all.sort_by(|a, b| {
            id_key(&a.id)
                .cmp(&id_key(&b.id))
                .then(a.published.cmp(&b.published))
                .then(a.origin.cmp(&b.origin))
        });
        all.retain(|w| {
            // The version an id designates is its latest, and DILA's versions are dated by their
            // archives alone.
            let held = self
                .by_id
                .get(&id_key(&w.id))
                .and_then(|&i| published_in(&self.decisions[i as usize].origin.file));
            // No version held, or none dated: withdrawn.
            match held {
                None => true,
                Some(version) => w.published.is_some_and(|w| w > version),
            }
        });
        all
    }
}

/// Counts the bytes of the reference read, telling `progress` of each further 1/200th of them
/// (and of the last byte): a reference of a million small files is not a million calls.
struct Meter<'a> {
    total: u64,
    done: std::sync::atomic::AtomicU64,
    /// The `done` last told: read without the lock to skip most calls, written under it.
    told: std::sync::atomic::AtomicU64,
    /// Held while telling, so that what is told only grows whatever the threads' order.
    telling: Mutex<()>,
    progress: &'a (dyn Fn(u64, u64) + Sync),
}

impl<'a> Meter<'a> {
    fn new(total: u64, progress: &'a (dyn Fn(u64, u64) + Sync)) -> Self {
        progress(0, total);
        Meter {
            total,
            done: 0.into(),
            told: 0.into(),
            telling: Mutex::new(()),
            progress,
        }
    }

    fn add(&self, n: u64) {
        if n == 0 {
            return;
        }
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        let step = (self.total / 200).max(1);
        if done < self.told.load(Ordering::Relaxed) + step && done < self.total {
            return;
        }
        let _telling = self.telling.lock().unwrap_or_else(|e| e.into_inner());
        // The latest count, told only if it is more than the last told.
        let done = self.done.load(Ordering::Relaxed);
        if done > self.told.load(Ordering::Relaxed) {
            self.told.store(done, Ordering::Relaxed);
            // A file that grew since it was listed reads past the total.
            (self.progress)(done.min(self.total), self.total.max(done));
        }
    }
}

/// The files under a path, in name order (a file is itself). A missing path is an error, and so
/// is a folder that cannot be listed; a folder inside it that cannot be listed (permission
/// denied) is an `Err` in its place, naming it, for the reader to count and name as it does a
/// file that cannot be read: nothing under it is lost without a word.
pub fn list_files(p: &Path) -> Result<Vec<Result<PathBuf, InputError>>, InputError> {
    let meta = std::fs::metadata(p).map_err(|e| InputError::io(p, e))?;
    if !meta.is_dir() {
        return Ok(vec![Ok(p.to_path_buf())]);
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    walk(p, &mut out, &mut seen);
    // The folder given is itself unreadable: there is nothing else to say.
    if let [Err(e)] = out.as_slice()
        && e.file == p.shown()
    {
        return Err(e.clone());
    }
    Ok(out)
}

/// Why the folder `dir` cannot be listed, as an error naming it.
fn unlistable(dir: &Path, e: std::io::Error) -> InputError {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    InputError::new(dir, format!("cannot list the folder: {why}"))
}

fn walk(
    dir: &Path,
    out: &mut Vec<Result<PathBuf, InputError>>,
    seen: &mut std::collections::HashSet<PathBuf>,
) {
    let canon = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => return out.push(Err(unlistable(dir, e))),
    };
    if !seen.insert(canon) {
        return;
    }
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => return out.push(Err(unlistable(dir, e))),
    };
    // In name order: the names of one folder compare as the paths do, and faster.
    let mut entries: Vec<(std::ffi::OsString, PathBuf, Option<std::fs::FileType>)> = rd
        .filter_map(|e| {
            e.ok()
                .map(|e| (e.file_name(), e.path(), e.file_type().ok()))
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, e, kind) in entries {
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        // The listing gives the kind of most entries; a link is followed.
        let (dir, file) = match kind {
            Some(k) if k.is_dir() || k.is_file() => (k.is_dir(), k.is_file()),
            _ => std::fs::metadata(&e).map_or((false, false), |m| (m.is_dir(), m.is_file())),
        };
        if dir {
            walk(&e, out, seen);
        } else if file {
            out.push(Ok(e));
        }
    }
}

/// What a file holds, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Json,
    Xml,
    Gzip,
    Zip,
    Unknown,
}

pub fn sniff(head: &[u8]) -> Kind {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Kind::Gzip;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    let b = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        &head[3..]
    } else {
        head
    };
    match b.iter().find(|c| !c.is_ascii_whitespace()) {
        Some(b'<') => Kind::Xml,
        Some(b'{') | Some(b'[') => Kind::Json,
        _ => Kind::Unknown,
    }
}

type Items = Vec<Result<ReferenceDecision, (Origin, String)>>;

fn read_path(
    f: &Path,
    name: &str,
    limits: &archive::ArchiveLimits,
    reading: Reading<'_>,
    withdrawals: &Withdrawals,
) -> Result<Vec<Spilled>, InputError> {
    use std::io::Read;
    let Reading { store, .. } = reading;
    let withdraw = |list: Vec<Withdrawal>| {
        withdrawals.lists.fetch_add(1, Ordering::Relaxed);
        withdrawals
            .all
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(list)
    };
    if is_suppression_list(name) {
        // Held whole, as an archive's entry is, within the same bound.
        let bytes =
            crate::error::read_bounded(f, limits.max_entry_bytes).map_err(|e| match e.kind() {
                std::io::ErrorKind::FileTooLarge => InputError::new(
                    f,
                    format!(
                        "a suppression list over {} bytes: not read",
                        limits.max_entry_bytes
                    ),
                ),
                _ => InputError::io(f, e),
            })?;
        withdraw(read_suppressions(&bytes, name));
        (reading.read)(bytes.len() as u64);
        return Ok(Vec::new());
    }
    let mut head = [0u8; 512];
    let mut fh = std::fs::File::open(f).map_err(|e| InputError::io(f, e))?;
    let n = crate::corpus::read_full(&mut fh, &mut head).map_err(|e| InputError::io(f, e))?;
    match sniff(&head[..n]) {
        Kind::Gzip if gzip_of_json(f, &fh) => read_json(f, fh, &head[..n], true, name, reading),
        Kind::Gzip | Kind::Zip => {
            let out = Mutex::new(Vec::new());
            let res = archive::for_each_entry_in(f, fh, &head[..n], limits, &|entry| {
                let origin_name = format!("{name}!{}", entry.name);
                if is_suppression_list(&entry.name) {
                    withdraw(read_suppressions(&entry.bytes, &origin_name));
                    return;
                }
                let items: Vec<Spilled> = parse_bytes(&entry.bytes, &origin_name)
                    .into_iter()
                    .map(|i| spill(store, i))
                    .collect();
                out.lock().unwrap_or_else(|e| e.into_inner()).extend(items);
            });
            let mut items = out.into_inner().unwrap_or_else(|e| e.into_inner());
            // Entries that could not be read (over the size limit, failing to decompress) are
            // counted, each named; on an error, what was read before it stays.
            let stats = match &res {
                Ok(stats) => stats,
                Err(e) => &*e.stats,
            };
            for u in &stats.unreadable {
                items.push(Err(Unreadable::one(
                    Origin {
                        file: format!("{name}!{}", u.name),
                        line: 0,
                    },
                    u.reason.clone(),
                )));
            }
            let whole = Origin {
                file: name.to_string(),
                line: 0,
            };
            if stats.unreadable_unlisted > 0 {
                // Counted, not named: each is one decision.
                items.push(Err(Unreadable {
                    origin: whole.clone(),
                    reason: format!("and {} more unreadable entries", stats.unreadable_unlisted),
                    lost: Lost::Decisions(stats.unreadable_unlisted),
                }));
            }
            // Reading stopped there (a stream cut short or damaged, a limit): the rest of the
            // archive is lost, and how many decisions it held cannot be known. Placed at the
            // entry it stopped inside, if any: a record citing that decision is told so.
            if let Err(e) = res {
                let origin = match &e.stats.stopped.inside {
                    Some(entry) => Origin {
                        file: format!("{name}!{entry}"),
                        line: 0,
                    },
                    None => whole,
                };
                items.push(Err(Unreadable {
                    origin,
                    reason: e.reason(),
                    lost: Lost::Rest,
                }));
            }
            Ok(items)
        }
        Kind::Json => read_json(f, fh, &head[..n], false, name, reading),
        // No format vigie reads, as its first bytes tell (`/dev/zero`, a binary file): not read
        // further. First bytes all blank say nothing yet: the rest tells.
        Kind::Unknown if !head[..n].iter().all(u8::is_ascii_whitespace) => {
            Ok(parse_bytes(&head[..n], name)
                .into_iter()
                .map(|i| spill(store, i))
                .collect())
        }
        _ => {
            // The rest of the file, from where the sniffing stopped: an XML file is held whole,
            // as an archive's entry is, within the same bound (a device that never ends, a
            // file that is no decision, would take the machine's memory).
            let limit = limits.max_entry_bytes;
            let too_large = || {
                InputError::new(
                    f,
                    format!(
                        "larger than {}, the most a reference file that is not JSON may hold \
                         (one decision's XML): not read",
                        crate::error::human_bytes(limit)
                    ),
                )
            };
            let len = fh.metadata().map_or(0, |m| m.len());
            if fh.metadata().is_ok_and(|m| m.is_file()) && len > limit {
                return Err(too_large());
            }
            let mut bytes = Vec::new();
            bytes
                .try_reserve_exact(len.min(limit).max(n as u64) as usize + 1)
                .map_err(|e| InputError::new(f, format!("cannot hold the file in memory: {e}")))?;
            bytes.extend_from_slice(&head[..n]);
            (&mut fh)
                .take((limit + 1).saturating_sub(n as u64))
                .read_to_end(&mut bytes)
                .map_err(|e| InputError::io(f, e))?;
            if bytes.len() as u64 > limit {
                return Err(too_large());
            }
            let regular = fh.metadata().is_ok_and(|m| m.is_file());
            drop(fh);
            let mut items = parse_bytes(&bytes, name);
            // The decision of an XML file is read from it again when needed, as a JSON record
            // is: a national reference of XML files is not copied to the temporary store. A pipe
            // or a device cannot be read again.
            if regular && let [Ok(d)] = items.as_slice() {
                // Reading an XML file back means parsing it whole, for most records of a corpus
                // built from it (their texts seldom match the XML's byte for byte): its
                // normalised digest is worked out once, now. A JSON record is read back for
                // less; measured, working out every JSON text's normalised digest up front
                // costs what it saves.
                let place = Place::File {
                    file: store.add_file(f),
                    normalized: crate::text::normalize::digest_of(&d.text, false),
                };
                let item = items.pop().expect("one item");
                return Ok(vec![keep_in_file(item, (0, bytes.len() as u64), place)]);
            }
            Ok(items.into_iter().map(|i| spill(store, i)).collect())
        }
    }
}

/// Whether `fh`, a gzip file, holds JSON (`export.jsonl.gz`), to be streamed as a JSON file is,
/// rather than held whole as an archive's entry is. Its start is inflated from a second opening,
/// so only a regular file is looked into: a pipe cannot be opened twice.
fn gzip_of_json(f: &Path, fh: &std::fs::File) -> bool {
    if !fh.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(again) = std::fs::File::open(f) else {
        return false;
    };
    let mut head = [0u8; 512];
    let mut content = flate2::read::GzDecoder::new(again);
    let n = crate::corpus::read_full(&mut content, &mut head).unwrap_or(0);
    sniff(&head[..n]) == Kind::Json
}

/// What a JSON reference file's reader works with: the store for the texts it cannot leave in
/// the file, the buffers to read into, and the count of bytes read, for the progress.
#[derive(Clone, Copy)]
struct Reading<'a> {
    store: &'a TextStore,
    spares: &'a crate::corpus::Spares,
    read: &'a (dyn Fn(u64) + Sync),
}

/// Reads a Judilibre JSON file block by block, as the corpus is read (JSON Lines split at line
/// boundaries; an array, or the `results` array of a page of results, split between elements;
/// any other object whole), parsing each block's values in parallel and moving their texts to
/// the store, so that a large reference never sits whole in memory.
///
/// `fh` is the file, open, and `head` its first bytes, already read from it to tell its format:
/// from a pipe, they cannot be read again. A `gzip` file is inflated as it is read, its texts go
/// to the store, and a damaged stream ends it with what was read before kept and the damage
/// counted as an unreadable decision.
fn read_json(
    f: &Path,
    fh: std::fs::File,
    head: &[u8],
    gzip: bool,
    name: &str,
    to: Reading<'_>,
) -> Result<Vec<Spilled>, InputError> {
    let Reading {
        store,
        spares,
        read,
    } = to;
    let meta = fh.metadata().map_err(|e| InputError::io(f, e))?;
    let file = crate::corpus::CorpusFile {
        path: f.to_path_buf(),
        name: name.to_string(),
        len: meta.len(),
        in_folder: false,
    };
    // A page of results is read as its array, a decision at a time, each kept where it lies.
    let limits = crate::corpus::Limits {
        pages: true,
        ..crate::corpus::Limits::default()
    };
    // Texts stay in a regular file, read again when needed; from anything else (a pipe, a
    // device), which cannot be read again, they go to the store.
    let file_no = (meta.is_file() && !gzip).then(|| store.add_file(f));
    let parse_block = |block: &crate::corpus::Block, out: &mut Vec<Spilled>| {
        let items: Vec<Vec<Spilled>> = block
            .items
            .par_iter()
            .map(|item| parse_item(block, item, name, file_no, store))
            .collect();
        out.extend(items.into_iter().flatten());
        read(block.bytes);
    };
    // A small file (a folder of one decision per file) is read here: a reader thread for each
    // would cost more than reading it.
    if meta.is_file() && meta.len() < limits.small_file_bytes() as u64 && !gzip {
        let mut out = Vec::new();
        return crate::corpus::read_opened(fh, head, &file, 0, &limits, None, &mut |block| {
            parse_block(&block, &mut out);
            true
        })
        .map(|()| out)
        .map_err(|e| InputError::io(f, e));
    }
    // A thread reads the next block while the pool parses this one.
    let (tx, rx) = crossbeam_channel::bounded::<crate::corpus::Block>(2);
    std::thread::scope(|scope| {
        // Owned here, so that a panic below drops it and the reader, blocked on a full channel,
        // ends instead of keeping the scope waiting.
        let rx = rx;
        let reader = scope.spawn(move || {
            let spare = Some(spares.receiver());
            let mut send = |b| tx.send(b).is_ok();
            if gzip {
                crate::corpus::read_gzip(fh, head, &file, 0, &limits, spare, &mut send)
            } else {
                crate::corpus::read_opened(fh, head, &file, 0, &limits, spare, &mut send)
            }
        });
        let mut out = Vec::new();
        for block in rx.iter() {
            parse_block(&block, &mut out);
            spares.give(block.data);
        }
        match reader.join() {
            Ok(Ok(())) => Ok(out),
            // What was read before the damage stays, as in an archive.
            Ok(Err(e)) if gzip => {
                let origin = Origin {
                    file: name.to_string(),
                    line: 0,
                };
                // The rest of the stream is lost, how many decisions it held unknown.
                out.push(Err(Unreadable {
                    origin,
                    reason: e.to_string(),
                    lost: Lost::Rest,
                }));
                Ok(out)
            }
            Ok(Err(e)) => Err(InputError::io(f, e)),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Parses one item of a JSON reference file into its decisions: one decision indexed where it
/// lies in file `file_no`; several, or any from no file to read again (a pipe), with their texts
/// moved to the store.
fn parse_item(
    block: &crate::corpus::Block,
    item: &crate::corpus::Item,
    name: &str,
    file_no: Option<u32>,
    store: &TextStore,
) -> Vec<Spilled> {
    let origin = Origin {
        file: name.to_string(),
        line: item.line,
    };
    let (Some(bytes), Some(place)) = (block.item_bytes(item), block.item_place(item)) else {
        let why = match &item.kind {
            crate::corpus::ItemKind::Unreadable(m) => m.clone(),
            crate::corpus::ItemKind::Bytes(..) => "unreadable".to_string(),
        };
        return vec![Err(Unreadable::one(
            origin,
            format!("column {}: {why}", item.column),
        ))];
    };
    match crate::corpus::parse_json(bytes) {
        Ok(v) => {
            let decisions = judilibre::from_document(v, name, item.line);
            // A record of one decision is read again for its text. A record of several (a page
            // of results, a whole export in one document) would be read and parsed whole for
            // each of their texts: theirs go to the store.
            let one = decisions.len() == 1;
            decisions
                .into_iter()
                .map(|d| match file_no {
                    Some(file) if one => keep_in_file(d, place, Place::Record { file }),
                    _ => spill(store, d),
                })
                .collect()
        }
        Err(e) => {
            // Placed in the file: an item may start anywhere on its line (what follows a page
            // of results on its last line, a line's leading white space).
            let (line, column) = item.place_of(e.place(bytes));
            vec![Err(Unreadable::one(
                Origin {
                    file: name.to_string(),
                    line,
                },
                format!("column {column}: bad JSON: {}", e.reason()),
            ))]
        }
    }
}

/// Parses one file's bytes, whatever its format.
pub fn parse_bytes(bytes: &[u8], name: &str) -> Items {
    let head = &bytes[..bytes.len().min(512)];
    match sniff(head) {
        Kind::Json => judilibre::parse(bytes, name),
        Kind::Xml => {
            let origin = Origin {
                file: name.to_string(),
                line: 0,
            };
            vec![xml::parse_xml(bytes, origin.clone()).map_err(|e| {
                (
                    Origin {
                        file: name.to_string(),
                        line: e.line,
                    },
                    e.to_string(),
                )
            })]
        }
        Kind::Gzip | Kind::Zip => vec![Err((
            Origin {
                file: name.to_string(),
                line: 0,
            },
            "an archive inside an archive is not read".into(),
        ))],
        Kind::Unknown => {
            if bytes.iter().all(|c| c.is_ascii_whitespace()) {
                vec![Err((
                    Origin {
                        file: name.to_string(),
                        line: 0,
                    },
                    "empty file".into(),
                ))]
            } else {
                vec![Err((
                    Origin {
                        file: name.to_string(),
                        line: 1,
                    },
                    "not a reference format vigie reads (Judilibre JSON, DILA XML, administrative XML, .tar.gz, .zip)".into(),
                ))]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // A suppression list names one document a line, by its path in DILA's base, without
    // extension; blank lines, CRLF and a stray `.xml` change nothing.
    #[test]
    fn suppression_lists_name_the_documents_withdrawn() {
        for (name, is) in [
            (
                "CASS_20231127-204209.tar.gz!20231127-204209/liste_suppression_cass.dat",
                true,
            ),
            ("dila/liste_suppression_jade.dat", true),
            ("liste_suppression.dat", true),
            ("dila\\liste_suppression_inca.dat", true),
            ("liste_suppression_cass.dat.bak", false),
            ("old_liste_suppression_cass.dat", false),
            ("JURITEXT000048176061.xml", false),
        ] {
            assert_eq!(is_suppression_list(name), is, "{name}");
        }
        let file = "CASS_20231127-204209.tar.gz!20231127-204209/liste_suppression_cass.dat";
        let got: Vec<(String, u64)> = read_suppressions(
            b"juri/judi/global/JURI/TEXT/00/00/48/17/60/JURITEXT000048176061\r\n\n  \n\
              juri/admin/global/CETATEXT000046783006.xml\nJURITEXT1\n",
            file,
        )
        .into_iter()
        .map(|w| {
            assert_eq!(w.published, published_in(file));
            assert_eq!(w.origin.file, file);
            (w.id, w.origin.line)
        })
        .collect();
        assert_eq!(
            got,
            [
                ("JURITEXT000048176061".to_string(), 1),
                ("CETATEXT000046783006".to_string(), 4),
                ("JURITEXT1".to_string(), 5),
            ]
        );
    }

    // A withdrawal is its producer's: by the id, else by the list's name.
    #[test]
    fn a_withdrawal_is_known_by_its_producer() {
        let w = |id: &str, file: &str| Withdrawal {
            id: id.into(),
            published: None,
            origin: Origin {
                file: file.into(),
                line: 1,
            },
        };
        for (id, file, want) in [
            (
                "JURITEXT000048176061",
                "x/liste_suppression_jade.dat",
                Some(Producer::Legifrance),
            ),
            (
                "juritext1",
                "liste_suppression.dat",
                Some(Producer::Legifrance),
            ),
            (
                "CETATEXT000046783006",
                "liste_suppression_cass.dat",
                Some(Producer::Jade),
            ),
            (
                "X1",
                "a.tar.gz!2023/liste_suppression_inca.dat",
                Some(Producer::Legifrance),
            ),
            (
                "X1",
                "liste_suppression_capp.dat",
                Some(Producer::Legifrance),
            ),
            ("X1", "liste_suppression_jade.dat", Some(Producer::Jade)),
            ("X1", "liste_suppression_cnil.dat", None),
            ("X1", "liste_suppression.dat", None),
        ] {
            assert_eq!(w(id, file).producer(), want, "{id} {file}");
        }
    }

    // The date of a DILA publication, from the names of its archives and of the folders they
    // unpack into; none from other names, nor from digits that are not a date and time.
    #[test]
    fn dila_names_date_their_publication() {
        let dated = |s: &str| Some(s.parse::<jiff::civil::DateTime>().unwrap());
        for (file, want) in [
            (
                "dila/CASS_20231127-204209.tar.gz!20231127-204209/juri/judi/JURITEXT1.xml",
                dated("2023-11-27T20:42:09"),
            ),
            (
                "Freemium_cass_global_20250713-140000.tar.gz!juri/judi/JURITEXT1.xml",
                dated("2025-07-13T14:00:00"),
            ),
            // Unpacked: the innermost date counts.
            (
                "CASS_20231125-130812/20231127-204209/JURITEXT1.xml",
                dated("2023-11-27T20:42:09"),
            ),
            // A later name that is no valid date is passed over.
            (
                "CASS_20231127-204209/x_20231399-000000.xml",
                dated("2023-11-27T20:42:09"),
            ),
            ("dila-cass/JURITEXT000048176061.xml", None),
            ("ce/ORTA_2520143_20251205.xml", None),
            ("CASS_20231327-204209.tar.gz", None),
            ("CASS_20231127-244209.tar.gz", None),
            // Digits on either side: a longer number.
            ("x120231127-204209.xml", None),
            ("20231127-2042091.xml", None),
            ("20231127-20420", None),
            ("", None),
        ] {
            assert_eq!(published_in(file), want, "{file}");
        }
    }

    // Folders are listed in name order, sub-folders and links followed, hidden entries and
    // dangling links left out, and a folder reached again through a link read once.
    #[cfg(unix)]
    #[test]
    fn reference_folders_are_listed_in_name_order_following_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ref");
        std::fs::create_dir_all(root.join("b-sub")).unwrap();
        for f in ["c.json", "a.xml", ".hidden.json", "b-sub/d.json"] {
            std::fs::write(root.join(f), "{}").unwrap();
        }
        let outside = dir.path().join("outside.xml");
        std::fs::write(&outside, "<x/>").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("e-link.xml")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("b-sub/loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone"), root.join("f-dangling.json")).unwrap();
        // Hidden, though not UTF-8.
        use std::os::unix::ffi::OsStrExt;
        std::fs::write(
            root.join(std::ffi::OsStr::from_bytes(b".\xffhidden.json")),
            "{}",
        )
        .unwrap();
        let names: Vec<String> = list_files(&root)
            .unwrap()
            .iter()
            .map(|p| {
                let p = p.as_ref().unwrap();
                p.strip_prefix(&root).unwrap().shown().to_string()
            })
            .collect();
        assert_eq!(names, ["a.xml", "b-sub/d.json", "c.json", "e-link.xml"]);
    }

    #[test]
    fn finds_by_id_ecli_and_unique_number() {
        let d = |id: &str, ecli: Option<&str>, n: &str| ReferenceDecision {
            id: id.into(),
            ecli: ecli.map(Into::into),
            numbers: vec![n.into()],
            ..Default::default()
        };
        let set = ReferenceSet::new(
            vec![
                d(
                    "5fca277de35a255d41ca73ab",
                    Some("ECLI:FR:CCASS:2020:CO00740"),
                    "19-19.463",
                ),
                d("JURITEXT000048176061", None, "23-80251"),
                d("x", None, "20/00804"),
                d("y", None, "20/00804"),
            ],
            vec![],
        );
        assert_eq!(
            set.find(" 5FCA277DE35A255D41CA73AB ").unwrap().id,
            "5fca277de35a255d41ca73ab"
        );
        assert_eq!(
            set.find("ecli:fr:ccass:2020:co00740").unwrap().id,
            "5fca277de35a255d41ca73ab"
        );
        assert_eq!(
            set.find("juritext000048176061").unwrap().id,
            "JURITEXT000048176061"
        );
        assert_eq!(set.find("23-80.251").unwrap().id, "JURITEXT000048176061");
        assert!(set.find("20/00804").is_none(), "ambiguous number");
        assert!(set.find("nothing").is_none());
        assert!(set.find("").is_none());
    }

    // The Judilibre and the Légifrance copies of one decision share its ECLI: both are kept
    // for it, one per producer (the one updated last of each), the one updated last first,
    // whatever the order they were read in. Each copy's own id designates it alone, and so
    // does the case number they share with their day.
    #[test]
    fn copies_of_one_decision_from_several_producers_are_all_matched() {
        let ecli = "ECLI:FR:CCASS:2023:CR01180";
        let d = |file: &str, id: &str, p: Producer, day: &str, updated: &str| ReferenceDecision {
            id: id.into(),
            ecli: Some(ecli.into()),
            producer: p,
            jurisdiction: Some("Cour de cassation".into()),
            numbers: vec!["22-84.021".into()],
            decision_date: Some(day.parse().unwrap()),
            update_date: Some(crate::ident::Moment::Instant(updated.parse().unwrap())),
            origin: Origin {
                file: file.into(),
                line: 1,
            },
            ..Default::default()
        };
        let jl = d(
            "b/jl.json",
            "652e5f1a8b2c3d4e5f6a7b8c",
            Producer::CourDeCassation,
            "2023-10-17",
            "2023-10-20T00:00:00Z",
        );
        let dila = d(
            "a/JURITEXT000048242129.xml",
            "JURITEXT000048242129",
            Producer::Legifrance,
            "2023-10-17",
            "2023-10-19T00:00:00Z",
        );
        // An older export of the Judilibre copy, read too.
        let old = ReferenceDecision {
            origin: Origin {
                file: "c/old.json".into(),
                line: 1,
            },
            update_date: Some(crate::ident::Moment::Instant(
                "2023-10-18T00:00:00Z".parse().unwrap(),
            )),
            ..jl.clone()
        };
        let ids = |set: &ReferenceSet, key: &str| -> Vec<String> {
            set.matching(key)
                .iter()
                .map(|&i| set.decisions[i as usize].origin.file.clone())
                .collect()
        };
        for order in [
            vec![jl.clone(), dila.clone(), old.clone()],
            vec![old.clone(), dila.clone(), jl.clone()],
            vec![dila.clone(), old.clone(), jl.clone()],
        ] {
            let set = ReferenceSet::new(order, vec![]);
            assert_eq!(ids(&set, ecli), ["b/jl.json", "a/JURITEXT000048242129.xml"]);
            assert_eq!(ids(&set, " ecli:fr:ccass:2023:cr01180 "), ids(&set, ecli));
            assert_eq!(set.find(ecli).unwrap().origin.file, "b/jl.json");
            assert_eq!(
                ids(&set, "JURITEXT000048242129"),
                ["a/JURITEXT000048242129.xml"]
            );
            assert_eq!(ids(&set, "652e5f1a8b2c3d4e5f6a7b8c"), ["b/jl.json"]);
            assert_eq!(
                ids(&set, "22-84.021"),
                ["b/jl.json", "a/JURITEXT000048242129.xml"]
            );
        }
        // Two decisions of one number on two days are two decisions: the number designates
        // neither. Nor do two of one producer.
        let other_day = ReferenceDecision {
            ecli: None,
            ..d(
                "a/x.xml",
                "JURITEXT1",
                Producer::Legifrance,
                "2023-10-18",
                "2023-10-19T00:00:00Z",
            )
        };
        let set = ReferenceSet::new(vec![jl.clone(), other_day], vec![]);
        assert!(set.matching("22-84.021").is_empty());
        let twin = ReferenceDecision {
            id: "652e5f1a8b2c3d4e5f6a7b8d".into(),
            ecli: None,
            ..jl.clone()
        };
        let set = ReferenceSet::new(vec![jl.clone(), twin], vec![]);
        assert!(set.matching("22-84.021").is_empty());
        // One decision read twice is one decision.
        let set = ReferenceSet::new(vec![jl.clone(), old], vec![]);
        assert_eq!(ids(&set, "22-84.021"), ["b/jl.json"]);
    }

    // Of the copies, a record is checked against the one its attribution credits; of copies it
    // fits as well (none credited), the one its text reproduces.
    #[test]
    fn the_copy_a_record_was_taken_from_is_chosen() {
        let ecli = "ECLI:FR:CCASS:2023:CR01180";
        let d = |id: &str, p: Producer, text: &str, updated: &str| ReferenceDecision {
            id: id.into(),
            ecli: Some(ecli.into()),
            producer: p,
            text: text.into(),
            update_date: Some(crate::ident::Moment::Instant(updated.parse().unwrap())),
            ..Default::default()
        };
        let set = ReferenceSet::new(
            vec![
                d(
                    "JURITEXT000048242129",
                    Producer::Legifrance,
                    "Texte de Légifrance",
                    "2023-10-21T00:00:00Z",
                ),
                d(
                    "652e5f1a8b2c3d4e5f6a7b8c",
                    Producer::CourDeCassation,
                    "Texte de Judilibre",
                    "2023-10-20T00:00:00Z",
                ),
            ],
            vec![],
        );
        let text = |t: &str| {
            Some(TextDigests {
                raw: Some(crate::text::normalize::digest(t)),
                normalized: crate::text::normalize::digest_of(t, false),
            })
        };
        let chosen = |attribution: Option<&str>, t: Option<TextDigests>| {
            set.decisions[set.find_index_for(ecli, attribution, t).unwrap()].producer
        };
        use Producer::*;
        // Updated last by default.
        assert_eq!(chosen(None, None), Legifrance);
        assert_eq!(chosen(Some("Notre rédaction"), None), Legifrance);
        assert_eq!(chosen(Some("Source : Légifrance"), None), Legifrance);
        assert_eq!(chosen(Some("Judilibre"), None), CourDeCassation);
        assert_eq!(chosen(Some("Cour de cassation"), None), CourDeCassation);
        // The copy of the producer credited, whichever text the record has: the Cour de
        // cassation diffuses the Judilibre copy (the Légifrance copy may be credited to it too,
        // as its author).
        assert_eq!(
            chosen(Some("Cour de cassation"), text("Texte de Légifrance")),
            CourDeCassation
        );
        assert_eq!(
            chosen(Some("Légifrance"), text("Texte de Judilibre")),
            Legifrance
        );
        // No copy credited: the copy the text reproduces.
        assert_eq!(chosen(None, text("Texte de Judilibre")), CourDeCassation);
        assert_eq!(
            chosen(Some("Conseil d'État"), text("Texte de Judilibre")),
            CourDeCassation
        );
        assert_eq!(chosen(None, text("Autre texte")), Legifrance);
    }

    // Decisions read out of order (archive entries, files read on several threads) are set in
    // order of origin, each with its own text; of two decisions with one id, the one updated
    // later is found, whatever the order they came in.
    #[test]
    fn decisions_read_out_of_order_are_indexed_in_order_with_their_texts() {
        let store = TextStore::new().unwrap();
        let d = |file: &str, line: u64, id: &str, updated: &str| {
            let text = format!("Texte de {file}:{line}");
            let d = ReferenceDecision {
                id: id.into(),
                numbers: vec![format!("2{line:04}")],
                update_date: Some(crate::ident::Moment::Instant(updated.parse().unwrap())),
                origin: Origin {
                    file: file.into(),
                    line,
                },
                ..Default::default()
            };
            let s = store.put(&text, Some(crate::text::normalize::digest(&text)));
            (d, s.unwrap())
        };
        let chunks = vec![
            vec![
                d("b.json", 2, "x", "2025-01-02T00:00:00Z"),
                d("b.json", 1, "y", "2025-01-01T00:00:00Z"),
            ],
            vec![d("a.json", 9, "x", "2025-01-01T00:00:00Z")],
            vec![d("a.json", 10, "z", "2025-01-01T00:00:00Z")],
        ];
        let set = ReferenceSet::from_parts(chunks, vec![], store);
        let seen: Vec<(String, u64, String)> = (0..set.len())
            .map(|i| {
                let d = &set.decisions[i];
                (d.origin.file.clone(), d.origin.line, set.text(i).unwrap())
            })
            .collect();
        assert_eq!(
            seen,
            [("a.json", 9), ("a.json", 10), ("b.json", 1), ("b.json", 2)].map(|(f, l)| (
                f.to_string(),
                l,
                format!("Texte de {f}:{l}")
            ))
        );
        // `x` at b.json:2 was updated later than at a.json:9, which comes first.
        assert_eq!(set.find("x").unwrap().origin.line, 2);
        assert_eq!(set.find("y").unwrap().origin.line, 1);
        assert_eq!(set.find("20010").unwrap().id, "z");
    }

    // A page of search results of one decision, as judilibre-search's samples give them (by
    // code and by label): its text is read again where it lies, as it was first read.
    #[test]
    fn the_text_of_a_search_result_given_twice_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("search.json");
        std::fs::write(
            &p,
            r#"{"unresolved":[{"id":"a","text":"Le texte."}],"resolved":[{"id":"a","text":"Le texte."}],"total":1}"#,
        )
        .unwrap();
        let set = ReferenceSet::load(&[p], &archive::ArchiveLimits::default()).unwrap();
        assert_eq!(set.len(), 1);
        assert_eq!(set.text(0).unwrap(), "Le texte.");
    }

    #[test]
    fn older_versions_of_a_decision_are_set_aside_and_counted_once() {
        let store = TextStore::new().unwrap();
        let d = |file: &str, id: &str, other: &[&str], producer: Producer, updated: &str| {
            let text = format!("Texte de {file} {id}");
            let d = ReferenceDecision {
                id: id.into(),
                other_ids: other.iter().map(|s| s.to_string()).collect(),
                producer,
                update_date: Some(crate::ident::Moment::Instant(updated.parse().unwrap())),
                origin: Origin {
                    file: file.into(),
                    line: 1,
                },
                ..Default::default()
            };
            let s = store.put(&text, Some(crate::text::normalize::digest(&text)));
            (d, s.unwrap())
        };
        let (cc, dila) = (Producer::CourDeCassation, Producer::Legifrance);
        let (jan1, jan2) = ("2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z");
        let numbered = |(mut d, s): (ReferenceDecision, Stored), number: &str| {
            d.numbers = vec![number.to_string()];
            (d, s)
        };
        let chunks = vec![vec![
            // `x`, read twice from the Cour de cassation, the second updated later; and its
            // Légifrance copy, another producer's, updated later still, which is kept beside
            // it: `a` is replaced by `b`, its producer's.
            // Their case numbers differ: the later version corrected it.
            numbered(d("a", "x", &[], cc, jan1), "12-34.567"),
            numbered(d("b", "x", &[], cc, jan2), "12-34.568"),
            d("c", "x", &[], dila, "2025-01-03T00:00:00Z"),
            // `y` updated later in `e`, but `d`'s copy alone bears `w`: it is still designated.
            d("d", "y", &["w"], cc, jan1),
            d("e", "y", &[], cc, jan2),
            // `z` twice, updated at the same time: the first by file name is used.
            d("f", "z", &[], cc, jan1),
            d("g", "z", &[], cc, jan1),
            // No id: found by nothing but its number, never replaced.
            d("h", "", &[], cc, jan1),
            d("i", "", &[], cc, jan1),
            // `p`'s older version bears a number that another case, `q`, bears too: the number
            // stands for `q` alone, not for `p`'s later version, which does not bear it.
            numbered(d("j", "p", &[], cc, jan1), "55-55.555"),
            numbered(d("k", "p", &[], cc, jan2), "66-66.666"),
            numbered(d("l", "q", &[], cc, jan1), "55-55.555"),
        ]];
        let set = ReferenceSet::from_parts(chunks, vec![], store);
        let file = |i: u32| set.decisions[i as usize].origin.file.as_str();
        let superseded: Vec<(&str, &str)> = set
            .superseded()
            .iter()
            .map(|&(i, by)| (file(i), file(by)))
            .collect();
        assert_eq!(superseded, [("a", "b"), ("g", "f"), ("j", "k")]);
        assert_eq!((set.len(), set.distinct()), (12, 9));
        // What is set aside is what no id finds.
        assert_eq!(set.find("x").unwrap().origin.file, "c");
        assert_eq!(set.find("w").unwrap().origin.file, "d");
        assert_eq!(set.find("y").unwrap().origin.file, "e");
        assert_eq!(set.find("z").unwrap().origin.file, "f");
        let copies: Vec<&str> = set.matching("x").iter().map(|&i| file(i)).collect();
        assert_eq!(copies, ["c", "b"]);
        // The older number stands for the version that replaced it; so does the newer.
        for number in ["12-34.567", "12-34.568"] {
            let found: Vec<&str> = set.matching(number).iter().map(|&i| file(i)).collect();
            assert_eq!(found, ["b"], "{number}");
        }
        let found: Vec<&str> = set.matching("55-55.555").iter().map(|&i| file(i)).collect();
        assert_eq!(found, ["l"]);
    }

    #[test]
    fn loading_a_missing_or_unreadable_reference_is_an_error() {
        let e = ReferenceSet::load(
            &[PathBuf::from("/nonexistent/ref")],
            &archive::ArchiveLimits::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("/nonexistent/ref"));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.json");
        std::fs::write(&p, "{ nope").unwrap();
        let e = ReferenceSet::load(&[p], &archive::ArchiveLimits::default()).unwrap_err();
        assert!(e.to_string().contains("bad.json"), "{e}");
        // A damaged archive is named once, given alone; given in a folder, the error names the
        // folder, then the archive in it.
        let gz = dir.path().join("ref.tar.gz");
        std::fs::write(&gz, b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage").unwrap();
        let e = ReferenceSet::load(
            std::slice::from_ref(&gz),
            &archive::ArchiveLimits::default(),
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e.matches("ref.tar.gz").count(), 1, "{e}");
        assert!(
            e.ends_with(
                "no decision could be read: damaged at byte 0 of its content (corrupt deflate \
                 stream); reading stopped at its start: the whole archive is lost, and how many \
                 decisions it held cannot be known"
            ),
            "{e}"
        );
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::rename(&gz, sub.join("ref.tar.gz")).unwrap();
        let e = ReferenceSet::load(&[sub], &archive::ArchiveLimits::default())
            .unwrap_err()
            .to_string();
        assert_eq!(e.matches("ref.tar.gz").count(), 1, "{e}");
        assert!(e.contains("sub: no decision could be read: "), "{e}");
    }

    #[test]
    fn texts_left_in_json_files_are_read_back_from_their_records() {
        let dir = tempfile::tempdir().unwrap();
        // A BOM, CRLF line ends, a blank line, escapes, and a results page of two decisions,
        // whose texts go to the store (the page would be parsed whole for each); a file given as
        // one array too.
        let lines = "\u{feff}{\"id\":\"a\",\"text\":\"Première\\nligne « é »\"}\r\n\r\n\
                     {\"results\":[{\"id\":\"b\",\"text\":\"B\\u00e9\"},{\"id\":\"c\",\"text\":\"C\"}]}\n\
                     {\"id\":\"d\",\"text\":\"\"}\n";
        std::fs::write(dir.path().join("ref.jsonl"), lines).unwrap();
        std::fs::write(
            dir.path().join("ref2.json"),
            "[\n  {\"id\": \"e\", \"text\": \"E\\t\\\"x\\\"\"},\n  {\"id\": \"f\", \"text\": \"F\"}\n]\n",
        )
        .unwrap();
        let set = ReferenceSet::load(
            &[dir.path().to_path_buf()],
            &archive::ArchiveLimits::default(),
        )
        .unwrap();
        for (id, text, in_file) in [
            ("a", "Première\nligne « é »", true),
            ("b", "Bé", false),
            ("c", "C", false),
            ("e", "E\t\"x\"", true),
            ("f", "F", true),
        ] {
            let i = set.find_index(id).unwrap();
            let place = set.stored(i).place;
            assert_eq!(matches!(place, Place::Record { .. }), in_file, "{id}");
            assert_eq!(set.text(i).unwrap(), text, "{id}");
            assert_eq!(
                set.stored(i).digest,
                Some(crate::text::normalize::digest(text)),
                "{id}"
            );
        }
        // No text: nothing to digest.
        assert_eq!(set.stored(set.find_index("d").unwrap()).digest, None);
    }

    /// The buffers of a large JSON Lines reference go back to the pool the corpus reader takes
    /// its buffers from: whole blocks' buffers only, no more than the pool holds, and the
    /// decisions are all there.
    #[test]
    fn a_reference_load_leaves_its_block_buffers_for_the_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ref.jsonl");
        // 3,000 decisions of about 10 kB: 30 MB, so blocks of 1 MiB, then of 2 MiB, many more than
        // the pool holds.
        let text = "Attendu que l'arrêt attaqué énonce que la cour d'appel a retenu. ".repeat(150);
        let mut lines = String::new();
        for i in 0..3000 {
            lines.push_str(&format!("{{\"id\":\"d{i}\",\"text\":\"{text}{i}\"}}\n"));
        }
        assert!(lines.len() > 25 << 20);
        std::fs::write(&p, &lines).unwrap();
        let block = crate::corpus::Limits::default().block_bytes;
        let spares = crate::corpus::Spares::new(block);
        let set = ReferenceSet::load_recycling(
            &[p],
            &archive::ArchiveLimits::default(),
            &spares,
            &|_, _| {},
        )
        .unwrap();
        assert_eq!(set.len(), 3000);
        assert_eq!(
            set.text(set.find_index("d2999").unwrap()).unwrap(),
            format!("{text}2999")
        );
        let kept: Vec<Vec<u8>> = spares.receiver().try_iter().collect();
        assert!(!kept.is_empty() && kept.len() <= crate::corpus::SPARE_BUFFERS);
        assert!(
            kept.iter()
                .all(|b| (block..=2 * block).contains(&b.capacity()))
        );
    }

    /// A page of results (`{"total": …, "results": [...]}`, as Judilibre's `/export` gives a
    /// batch), however large, is read as its array: block by block, each decision kept where it
    /// lies in the file rather than the whole page parsed and its texts copied to the store. Its
    /// buffers go back to the pool at the block size.
    #[test]
    fn a_page_of_results_is_streamed_and_its_decisions_kept_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("page.json");
        let text = "Attendu que l'arrêt attaqué énonce que la cour d'appel a retenu. ".repeat(150);
        let results: Vec<String> = (0..3000)
            .map(|i| format!("    {{\"id\": \"d{i}\", \"text\": \"{text}{i}\"}}"))
            .collect();
        let page = format!(
            "{{\n  \"batch\": 0,\n  \"query\": {{\"chamber\": [\"cr\"]}},\n  \"results\": [\n{}\n  ],\n  \"next_batch\": null\n}}\n",
            results.join(",\n")
        );
        let block = crate::corpus::Limits::default().block_bytes;
        assert!(page.len() > 3 * block);
        std::fs::write(&p, &page).unwrap();
        let spares = crate::corpus::Spares::new(block);
        let set = ReferenceSet::load_recycling(
            &[p],
            &archive::ArchiveLimits::default(),
            &spares,
            &|_, _| {},
        )
        .unwrap();
        assert_eq!(set.len(), 3000);
        assert!(set.unreadable.is_empty(), "{:?}", set.unreadable);
        for i in [0, 1234, 2999] {
            let k = set.find_index(&format!("d{i}")).unwrap();
            assert!(matches!(set.stored(k).place, Place::Record { .. }));
            assert_eq!(set.text(k).unwrap(), format!("{text}{i}"));
        }
        assert!(
            spares
                .receiver()
                .try_iter()
                .all(|b| b.capacity() <= 2 * block)
        );
    }

    // Content after a page of results or an array was placed from the start of that content,
    // not of its line: `trailing` after a page on one line was said to be at column 3 (its `a`,
    // where serde_json stops, is the 112th char of the line: `trailing` starts at 110), and
    // `   xyz` on line 3 at column 1. The decisions before it are read.
    #[test]
    fn content_after_a_reference_page_or_array_is_placed_on_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let id = "5fca277de35a255d41ca73ab";
        let page = dir.path().join("page.json");
        let line = format!(
            "{{\"total\":1,\"results\":[{{\"id\":\"{id}\",\"text\":\"Texte de la décision.\",\
             \"jurisdiction\":\"cc\"}}]}} trailing"
        );
        assert_eq!(line.chars().position(|c| c == 'g'), Some(116));
        std::fs::write(&page, format!("{line}\n")).unwrap();
        let array = dir.path().join("array.json");
        std::fs::write(
            &array,
            format!("[{{\"id\":\"{id}\",\"text\":\"Texte.\"}}] \n\n   xyz\n"),
        )
        .unwrap();
        // One line of JSON Lines, not where the line starts.
        let lines = dir.path().join("lines.jsonl");
        std::fs::write(
            &lines,
            format!("{{\"id\":\"{id}\",\"text\":\"T.\"}}\n  \t{{\"id\": é}}\n"),
        )
        .unwrap();
        for (p, want) in [
            (&page, (1, "column 112: bad JSON: expected ident")),
            (&array, (3, "column 4: bad JSON: expected value")),
            (&lines, (2, "column 11: bad JSON: expected value")),
        ] {
            let set =
                ReferenceSet::load(std::slice::from_ref(p), &archive::ArchiveLimits::default())
                    .unwrap();
            assert!(set.find(id).is_some(), "{p:?}");
            let got: Vec<(u64, &str)> = set
                .unreadable
                .iter()
                .map(|u| (u.origin.line, u.reason.as_str()))
                .collect();
            assert_eq!(got, [want], "{p:?}");
        }
    }

    #[test]
    fn a_reference_file_changed_after_loading_gives_no_text_rather_than_another() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ref.jsonl");
        let a = "{\"id\":\"a\",\"text\":\"Attendu que\"}\n";
        let b = "{\"id\":\"b\",\"text\":\"Par ces motifs\"}\n";
        std::fs::write(&p, format!("{a}{b}")).unwrap();
        let set = ReferenceSet::load(std::slice::from_ref(&p), &archive::ArchiveLimits::default())
            .unwrap();
        let (ia, ib) = (set.find_index("a").unwrap(), set.find_index("b").unwrap());
        assert_eq!(set.text(ia).unwrap(), "Attendu que");
        // Rewritten in place, same lengths, one word changed in b's text: the file vigie keeps
        // open now holds it.
        std::fs::write(&p, format!("{a}{}", b.replace("motifs", "moyens"))).unwrap();
        assert_eq!(set.text(ia).unwrap(), "Attendu que", "a is unchanged");
        let e = set.text(ib).unwrap_err();
        assert!(e.to_string().contains("changed since it was read"), "{e}");
        // Replaced by another file under the same name: whichever is read, never another text.
        let q = dir.path().join("new.jsonl");
        std::fs::write(&q, format!("{b}{a}")).unwrap();
        std::fs::rename(&q, &p).unwrap();
        for (i, text) in [(ia, "Attendu que"), (ib, "Par ces motifs")] {
            match set.text(i) {
                Ok(t) => assert_eq!(t, text),
                Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::InvalidData),
            }
        }
    }

    #[test]
    fn the_judilibre_samples_load_from_their_folder() {
        let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/judilibre"));
        let set = ReferenceSet::load(&[dir], &archive::ArchiveLimits::default()).unwrap();
        // cc, ca, tj, tcom details; the two list files are not Judilibre shapes.
        assert!(set.find("5fca277de35a255d41ca73ab").is_some());
        assert!(set.find("6777e9f21e60c54e02024fdd").is_some());
    }

    // A gzip-compressed JSON Lines reference (a whole export, `export.jsonl.gz`) is streamed as
    // the plain file is, not held whole as an archive's entry: here each decision is over the
    // entry limit, and the file too. Its texts go to the store. A stream cut short keeps the
    // decisions before the cut, and counts the cut as unreadable.
    #[test]
    fn a_gzip_json_lines_reference_is_streamed() {
        use std::io::Write;
        let data = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/judilibre"));
        let mut lines = Vec::new();
        let mut want = Vec::new();
        // Three decisions (the tj sample has the ca sample's id).
        for f in ["cc_detail.json", "ca_detail.json", "tcom_detail.json"] {
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(data.join(f)).unwrap()).unwrap();
            want.push((
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            ));
            lines.extend(serde_json::to_vec(&v).unwrap());
            lines.push(b'\n');
        }
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&lines).unwrap();
        let gz = e.finish().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("export.jsonl.gz");
        std::fs::write(&p, &gz).unwrap();
        let limits = archive::ArchiveLimits {
            max_entry_bytes: 1024,
            ..Default::default()
        };
        assert!(want.iter().all(|(_, t)| t.len() > 1024));
        let set = ReferenceSet::load(std::slice::from_ref(&p), &limits).unwrap();
        assert_eq!(set.len(), 3);
        assert!(set.unreadable.is_empty());
        for (line, (id, text)) in want.iter().enumerate() {
            let i = set.find_index(id).unwrap();
            assert_eq!(set.decisions[i].origin.line, line as u64 + 1);
            assert!(set.decisions[i].origin.file.ends_with("export.jsonl.gz"));
            assert_eq!(set.stored(i).place, Place::Store);
            assert_eq!(&set.text(i).unwrap(), text);
        }
        // Cut in the last decision.
        let cut = dir.path().join("cut.jsonl.gz");
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&lines).unwrap();
        let whole = e.finish().unwrap();
        // The last 100 compressed bytes hold the end of the last decision and the trailer.
        std::fs::write(&cut, &whole[..whole.len() - 100]).unwrap();
        let set = ReferenceSet::load(std::slice::from_ref(&cut), &limits).unwrap();
        assert_eq!(set.len(), 2);
        assert!(set.find(&want[2].0).is_none());
        let why: Vec<&str> = set.unreadable.iter().map(|u| u.reason.as_str()).collect();
        assert!(
            why.iter().any(|w| w.contains("cut short at line 3")),
            "{why:?}"
        );
    }
}
