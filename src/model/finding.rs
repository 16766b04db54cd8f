//! A finding: one breach of one rule by one record (or by the corpus as a whole).

use super::bound;
use crate::ident::Moment;
use crate::model::Producer;
use crate::rules::{Penalty, Rule, Severity};
use crate::text::identifiers::IdentifierKind;
use std::borrow::Cow;
use std::sync::Arc;

/// The record a finding is about, as shown in reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordRef {
    /// The reuser's id; `None` for an unreadable line with no readable id.
    pub id: Option<String>,
    /// [`crate::model::Record::id_as_written`]: `id` is written with its lone surrogate
    /// escapes as text (`rec-\ud800`); the fingerprint marks it. In the padding after
    /// `producer`: no larger.
    pub id_as_written: bool,
    /// [`crate::model::Record::source_id_as_written`]: `source_id` is written with its lone
    /// surrogate escapes as text, and designates no reference decision. In the padding too.
    pub source_id_as_written: bool,
    pub source_id: Option<String>,
    pub url: Option<String>,
    /// Index of the corpus file in the audit's file list (ordering key).
    pub file_index: u32,
    pub line: u64,
    /// Column (in characters) where the record starts on its line: 1 but for the elements of
    /// a JSON array written on one line, which it tells apart when they have no id.
    pub column: u64,
    /// Byte offset of the record's start in its file, to read it again (the UI's detail view).
    pub offset: u64,
    /// For a record without an id (an unreadable line or file): a digest of its file's name,
    /// which with the line identifies it in the fingerprint when its content cannot
    /// ([`file_key`], [`RecordRef::content_keyed`]); 0 otherwise.
    pub file_key: u64,
    /// The producer of the reference decision the record matched, which decides the conditions
    /// of reuse that apply to it (SPEC §1.1): or, for a decision a DILA suppression list
    /// withdrew and the reference does not hold, the list's producer. `None` otherwise (INT007,
    /// an unreadable record). Not part of the fingerprint.
    pub producer: Option<Producer>,
    /// The reference decision the record was compared with, so that a finding says against
    /// which copy (a `source_id` that is an ECLI may designate the Judilibre copy and the
    /// Légifrance one); `None` when it matched none. Not part of the fingerprint.
    pub compared_with: Option<Arc<ComparedWith>>,
    /// [`crate::model::Record::digest`] of the record as the audit read it, kept for records
    /// with findings: the detail view reads the record again from its file, and shows it only
    /// if it is still the one audited. For a line that could not be read as a record and
    /// gives no id, the digest of its bytes ([`content_digest`]), which with its file's key
    /// identifies it in the fingerprint wherever it stands in its file
    /// ([`RecordRef::content_keyed`]); the detail view then
    /// takes a record read there since for another. 0 when not kept (a record without
    /// findings, an unreadable item with no bytes of its own, a report read back). Not part of
    /// a record's fingerprint.
    pub digest: u64,
}

/// A reference decision as a finding names it: its id at the source and where vigie read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComparedWith {
    /// The decision's id at the source (`JURITEXT000048176061`, a Judilibre id).
    pub id: String,
    /// Where it was read: the file, with the line for a file of several decisions
    /// (`reference/juri.jsonl:12`), or `archive.tar.gz!entry.xml`.
    pub origin: String,
}

impl RecordRef {
    /// Whether the record is identified by what it holds ([`content_digest`]) rather than by
    /// an id or a place: a line without an id that could not be read as a record.
    pub fn content_keyed(&self) -> bool {
        self.id.is_none() && self.digest != 0
    }

    /// The record as its findings show it: an `id`, a `source_id` or a `url` of more than
    /// [`bound::MAX_CHARS`] chars (no real one is) by its two ends ([`bound::ends`]), so that
    /// each of the record's findings is written in a few kilobytes in every report. The
    /// fingerprint then takes the id so shown.
    pub fn bounded(mut self) -> RecordRef {
        for s in [&mut self.id, &mut self.source_id, &mut self.url]
            .into_iter()
            .flatten()
        {
            bound::shorten(s, bound::MAX_CHARS);
        }
        self
    }

    /// Whether `id`, a record's id as read, is the id this shows ([`RecordRef::bounded`]).
    pub fn shows_id(&self, id: &str) -> bool {
        self.id
            .as_deref()
            .is_some_and(|shown| shown == bound::ends(id, bound::MAX_CHARS))
    }

    /// Where the record is: its file, line and byte offset. It tells records apart where the
    /// line alone does not (several records of a JSON array written on one line).
    pub fn place(&self) -> (u32, u64, u64) {
        (self.file_index, self.line, self.offset)
    }
}

/// The digest of a corpus file's name that the fingerprint of a finding without a record id
/// takes ([`RecordRef::file_key`]): not the file's place in the audit's list, which changes
/// with the other files given, nor its name as shown, which changes with the spelling of the
/// argument (`./corpus`, an absolute path), but its key ([`crate::corpus::Expanded::keys`]).
pub fn file_key(name: &str) -> u64 {
    twox_hash::XxHash3_64::oneshot(name.as_bytes())
}

/// The digest of the bytes of an item that could not be read as a record and gives no id
/// ([`RecordRef::digest`]): blanks around it left out, so that a line's end (LF or CRLF) or its
/// indentation does not change it; never 0, which means none.
pub fn content_digest(bytes: &[u8]) -> u64 {
    twox_hash::XxHash3_64::oneshot(bytes.trim_ascii()).max(1)
}

/// What precisely is wrong, where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The record field concerned (`text`, `decision_date`, `attribution`, `president`…):
    /// most often a name known in advance, kept without an allocation.
    pub field: Cow<'static, str>,
    /// `[start, end)` in Unicode scalar values of the record's field as read.
    pub span: Option<(usize, usize)>,
    /// `[start, end)` in Unicode scalar values of the reference text.
    pub reference_span: Option<(usize, usize)>,
    /// Text around the span in the record.
    pub excerpt: Option<String>,
    /// Text around the span in the reference.
    pub reference_excerpt: Option<String>,
    /// The pieces of personal data `excerpt` shows, redacted on export unless revealed.
    pub personal: Vec<Personal>,
    /// The pieces of personal data `reference_excerpt` shows (the source's own defects).
    pub reference_personal: Vec<Personal>,
    /// The pieces of personal data the finding's message quotes (MSK002 quotes the text the
    /// record masks, which may be a date of birth the reference shows in clear). They belong to
    /// that message alone: evidence given to another finding leaves them behind.
    pub message_personal: Vec<Personal>,
}

thread_local! {
    /// The field-only evidences this thread has made, by field: a handful.
    static FIELD_ONLY: std::cell::RefCell<Vec<Arc<Evidence>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

impl Evidence {
    /// Whether it names a field and nothing more.
    fn field_only(&self) -> bool {
        let Evidence {
            field: _,
            span,
            reference_span,
            excerpt,
            reference_excerpt,
            personal,
            reference_personal,
            message_personal,
        } = self;
        span.is_none()
            && reference_span.is_none()
            && excerpt.is_none()
            && reference_excerpt.is_none()
            && personal.is_empty()
            && reference_personal.is_empty()
            && message_personal.is_empty()
    }

    /// `evidence` behind an [`Arc`]: for a field-only one of a field name known in advance,
    /// the one this thread made before for that field (a change through [`Arc::make_mut`]
    /// copies it first).
    pub fn shared(evidence: Evidence) -> Arc<Evidence> {
        if !(matches!(evidence.field, Cow::Borrowed(_)) && evidence.field_only()) {
            return Arc::new(evidence);
        }
        FIELD_ONLY.with_borrow_mut(|made| {
            if let Some(e) = made.iter().find(|e| e.field == evidence.field) {
                return e.clone();
            }
            let e = Arc::new(evidence);
            // Bounded, whatever the fields: a field named at run time is never `Borrowed`.
            if made.len() < 64 {
                made.push(e.clone());
            }
            e
        })
    }
}

/// A piece of personal data shown in a text (an excerpt, a message): its chars
/// `[start, end)`, redacted on export unless revealed (SPEC §4: first letter kept, the rest
/// `•`). A text may show only part of a piece, its window or an omission cutting it: then the
/// piece's first letter may not be there to keep (`ont`, the end of `Dupont`, is `•••`, not
/// `o••`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Personal {
    pub start: usize,
    pub end: usize,
    /// The text shows the piece's first char (`start` is it).
    pub first: bool,
    /// The text shows the piece's last char (`end` is after it).
    pub last: bool,
}

impl Personal {
    /// A piece shown whole.
    pub fn whole(start: usize, end: usize) -> Personal {
        Personal {
            start,
            end,
            first: true,
            last: true,
        }
    }

    /// Whether the text shows all of the piece.
    pub fn is_whole(&self) -> bool {
        self.first && self.last
    }
}

/// What a finding's message tells in English words, kept as data for the exports that must
/// say it in another language: the formal notice is in French and takes the kind of an exposed
/// identifier and the dates of the freshness findings from here, not from the message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Fact {
    #[default]
    None,
    /// MSK005: the kind of direct identifier shown in clear.
    Identifier(IdentifierKind),
    /// FRE002: the day, in France, the source updated the decision; FRE004: the day it deleted
    /// it. `None` when the history gives no date.
    SourceDay(Option<jiff::civil::Date>),
    /// FRE002: when the source updated the decision and, before it, the record was last loaded
    /// (boxed: a few findings have it).
    UpdatedAfterLoad(Box<AfterLoad>),
    /// FRE002 for an update on the day, in France, the record was last loaded, one of the two
    /// dates without a time: the day, and the update may have come before the load.
    SameDayAsLoad(jiff::civil::Date),
    /// FRE003: the corpus's newest update (boxed: one finding a corpus has it).
    Newest(Box<Newest>),
    /// FRE001: a date of last update more than a day after the audit time (boxed: rare).
    AfterAudit(Box<AfterAudit>),
}

/// The facts of FRE003.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Newest {
    /// The newest date of last update of the corpus (the records dated more than a day after
    /// the audit time aside), as an instant: the end of the day in France for a date alone.
    pub at: jiff::Timestamp,
    /// That date as the corpus gives it: a day, or an instant.
    pub shown: Moment,
    /// The offset the corpus writes that instant in ([`crate::ident::Written`]).
    pub offset: Option<jiff::tz::Offset>,
    /// Its age at the audit time, in seconds (rounded up, so that it is more than 72 hours
    /// whenever the age is).
    pub age_secs: u64,
    /// Records dated more than a day after the audit time, set aside.
    pub set_aside: u64,
}

/// The facts of an FRE002 for an update at source after the record's last load, each a day
/// alone or an instant as given: the exports give the days, in France, and the times too when
/// both fall on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterLoad {
    pub source: Moment,
    pub loaded: Moment,
}

/// The facts of an FRE001 for a date of last update after the audit time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfterAudit {
    /// The date shown, as the record gives it: a day, or an instant.
    pub shown: Moment,
    /// The offset the record writes that instant in ([`crate::ident::Written`]).
    pub offset: Option<jiff::tz::Offset>,
    /// The audit time.
    pub as_of: jiff::Timestamp,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    /// Severity after policy overrides.
    pub severity: Severity,
    /// Penalty after policy overrides and repetition.
    pub penalty: Penalty,
    pub repeated: bool,
    pub source_defect: bool,
    /// How many findings of the same record came before this one with the same fingerprint
    /// otherwise (the same rule, field and excerpts: one boilerplate sentence altered twice),
    /// so that every finding of a record has its own fingerprint. Set once the findings are
    /// sorted ([`number_occurrences`]). For IN002, which duplicate of its id the record is
    /// (0 for the second record of the id, 1 for the third…), set as the records are read:
    /// the same numbers whatever the order of the files.
    pub occurrence: u16,
    /// `None` for a corpus-level finding (FRE003). Shared by the findings of one record.
    pub record: Option<Arc<RecordRef>>,
    /// Most messages are fixed texts, kept without an allocation.
    pub message: Cow<'static, str>,
    /// Behind a pointer: a finding without evidence does not carry its room. Shared: the
    /// evidence that names a field and nothing more (`attribution` of every ATT001) is one
    /// allocation for all the findings a thread makes with it, as findings may be millions.
    pub evidence: Option<Arc<Evidence>>,
    /// The message's facts as data, for the French notice.
    pub fact: Fact,
}

impl Finding {
    /// A finding with the rule's default severity and penalty.
    pub fn new(
        rule: Rule,
        record: Option<Arc<RecordRef>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        let info = rule.info();
        Finding {
            rule,
            severity: info.severity,
            penalty: info.penalty,
            repeated: false,
            source_defect: false,
            occurrence: 0,
            record,
            message: message.into(),
            evidence: None,
            fact: Fact::None,
        }
    }

    pub fn with_fact(mut self, fact: Fact) -> Self {
        self.fact = fact;
        self
    }

    pub fn with_evidence(mut self, evidence: Evidence) -> Self {
        self.evidence = Some(Evidence::shared(evidence));
        self
    }

    pub fn with_source_defect(mut self, source_defect: bool) -> Self {
        self.source_defect = source_defect;
        self
    }

    /// Keeps what the finding holds of a text within [`bound::MAX_CHARS`] chars: its message,
    /// its evidence's field name and excerpts, each longer one shown by its two ends
    /// ([`bound::bound`]), with the pieces of personal data it marks in them made what is left
    /// of them. Applied once the record's rules are done with its findings (the pieces of
    /// personal data one excerpt shows are looked for whole in the others,
    /// [`crate::rules::masking::share_personal`]), before any is written or fingerprinted.
    /// Nothing is copied for a finding within the bound, as every finding of a record of common
    /// size is.
    pub fn bound(&mut self) {
        const MAX: usize = bound::MAX_CHARS;
        let long = |s: &str| s.len() > MAX;
        if long(&self.message) {
            let mut m = std::mem::take(&mut self.message).into_owned();
            match self.evidence.as_mut() {
                Some(e) if !e.message_personal.is_empty() => {
                    bound::bound(&mut m, MAX, &mut Arc::make_mut(e).message_personal);
                }
                _ => {
                    bound::shorten(&mut m, MAX);
                }
            }
            self.message = m.into();
        }
        let Some(shared) = self.evidence.as_mut().filter(|e| {
            long(&e.field)
                || e.excerpt.as_deref().is_some_and(long)
                || e.reference_excerpt.as_deref().is_some_and(long)
        }) else {
            return;
        };
        let e = Arc::make_mut(shared);
        if long(&e.field) {
            let mut field = e.field.to_string();
            bound::shorten(&mut field, MAX);
            e.field = field.into();
        }
        if let Some(x) = e.excerpt.as_mut() {
            bound::bound(x, MAX, &mut e.personal);
        }
        if let Some(x) = e.reference_excerpt.as_mut() {
            bound::bound(x, MAX, &mut e.reference_personal);
        }
    }

    /// The stable fingerprint: it depends on the rule, the record id and the evidence, not on
    /// file order, thread scheduling or redaction (SPEC §4). The evidence counts by what it
    /// shows, its excerpts, rather than by its spans: an auditor's waiver then outlives an
    /// edit elsewhere in the text and a change of line ends (`\r\n` shifts every span, and
    /// excerpts are taken from the normalised text). Spans count only for evidence without
    /// excerpts.
    pub fn fingerprint(&self) -> String {
        format!("{:016x}", self.fingerprint_u64())
    }

    /// [`Finding::fingerprint`] as a number, to compare without allocating.
    pub fn fingerprint_u64(&self) -> u64 {
        use std::hash::Hasher;
        let mut h = twox_hash::XxHash3_64::new();
        h.write(self.rule.code().as_bytes());
        h.write_u8(0);
        match &self.record {
            Some(r) => {
                // An id written with its lone surrogates as text is marked by a byte no UTF-8
                // text holds: no id read with that text hashes alike.
                if r.id_as_written {
                    h.write_u8(0xff);
                }
                h.write(r.id.as_deref().unwrap_or("").as_bytes());
                h.write_u8(0);
                if r.content_keyed() {
                    // An unreadable line without an id is what it holds in its file, wherever
                    // it stands there: records inserted above it leave its fingerprint as it
                    // was. A marker byte sets it apart from the keys by place below.
                    h.write_u8(0xfe);
                    h.write_u64(r.file_key);
                    h.write_u64(r.digest);
                } else if r.id.is_none() {
                    // An unreadable file, or an item with no bytes of its own (a record over
                    // the size limit, an empty array): its place (file and line) is all that
                    // identifies it.
                    h.write_u64(r.file_key);
                    h.write_u64(r.line);
                    // Only past the first column, so that a line's fingerprint stays what it
                    // was before columns counted (the waivers and `--previous` reports keep).
                    if r.column > 1 {
                        h.write_u64(r.column);
                    }
                }
            }
            None => h.write_u8(1),
        }
        if let Some(e) = &self.evidence {
            h.write(e.field.as_bytes());
            h.write_u8(0);
            if e.excerpt.is_some() || e.reference_excerpt.is_some() {
                for x in [&e.excerpt, &e.reference_excerpt] {
                    match x {
                        Some(x) => {
                            h.write_u8(1);
                            h.write(x.as_bytes());
                            h.write_u8(0);
                        }
                        None => h.write_u8(2),
                    }
                }
            } else {
                if let Some((a, b)) = e.span {
                    h.write_u64(a as u64);
                    h.write_u64(b as u64);
                }
                if let Some((a, b)) = e.reference_span {
                    h.write_u64(a as u64);
                    h.write_u64(b as u64);
                }
            }
        }
        if self.occurrence > 0 {
            h.write_u16(self.occurrence);
        }
        h.finish()
    }

    /// Whether the audit numbers this finding as the records are read, in reading order,
    /// rather than among the findings of its record ([`number_occurrences`]): IN002, per id,
    /// and an unreadable line identified by its content, per file and content (two lines
    /// alike in one file are told apart by their order).
    pub fn numbered_as_read(&self) -> bool {
        self.rule == Rule::IN002
            || (self.rule == Rule::IN001 && self.record.as_ref().is_some_and(|r| r.content_keyed()))
    }

    /// Ordering key: file, line, then rule (SPEC §4); corpus-level findings come first.
    pub fn sort_key(&self) -> (u32, u64, Rule) {
        match &self.record {
            Some(r) => (r.file_index.saturating_add(1), r.line, self.rule),
            None => (0, 0, self.rule),
        }
    }
}

/// Numbers twins, the findings of one record and rule that would share a fingerprint
/// ([`Finding::occurrence`]): 0, 1, 2… in the order `findings` gives them, whatever lies
/// between them. The audit numbers them once every finding is sorted (sorting keeps the order
/// of equal ones, so each record's twins stay in the order its check gave them); a live audit
/// numbers each batch it shows the same way, so that a finding has its final fingerprint from
/// the start (a waiver set on a twin lands on it). IN002 and the unreadable lines identified by
/// their content are numbered by the audit as it reads them ([`Finding::numbered_as_read`]).
pub fn number_occurrences(findings: &mut [Finding]) {
    if findings.len() < 2 {
        return;
    }
    // Twins so far, by record place, rule and fingerprint.
    type Twin = ((u32, u64, u64), Rule, u64);
    let mut seen: std::collections::HashMap<Twin, u16> = std::collections::HashMap::new();
    for f in findings.iter_mut() {
        if f.numbered_as_read() {
            continue;
        }
        f.occurrence = 0;
        let key = (
            f.record.as_ref().map_or((0, 0, 0), |r| r.place()),
            f.rule,
            f.fingerprint_u64(),
        );
        let n = seen.entry(key).or_insert(0);
        f.occurrence = *n;
        *n = n.saturating_add(1);
    }
}

#[cfg(all(test, target_pointer_width = "64"))]
mod tests {
    use super::*;

    // A corpus of millions of records holds one per record with findings: the producer takes
    // the padding after the file index, not another word; the decision compared with is one
    // pointer, its id and file behind it; the digest of the record as read (one word) lets the
    // detail view tell a record changed since the audit.
    #[test]
    fn a_record_ref_keeps_its_size() {
        assert_eq!(std::mem::size_of::<RecordRef>(), 128);
        assert_eq!(std::mem::size_of::<Option<Producer>>(), 1);
    }

    // Fingerprints are kept (waivers, `--previous`): they stay XXH3-64 over the same bytes as
    // the portable implementation computes it, whatever the processor.
    #[test]
    fn fingerprints_are_xxh3() {
        use std::hash::Hasher;
        let f = Finding::new(
            Rule::MSK004,
            Some(Arc::new(RecordRef {
                id: Some("jp-00000042".into()),
                ..Default::default()
            })),
            "m",
        )
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some((120, 131)),
            ..Default::default()
        });
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.write(b"MSK004");
        h.write_u8(0);
        h.write(b"jp-00000042");
        h.write_u8(0);
        h.write(b"text");
        h.write_u8(0);
        h.write_u64(120);
        h.write_u64(131);
        assert_eq!(f.fingerprint_u64(), h.finish());
        assert_eq!(
            file_key("corpus.jsonl"),
            xxhash_rust::xxh3::xxh3_64(b"corpus.jsonl")
        );
    }

    // A finding shown alike twice in one record (the same rule and excerpts) is numbered, so
    // that each has its own fingerprint; the first keeps the fingerprint it has alone, and
    // spans count only where there is no excerpt.
    #[test]
    fn findings_alike_in_one_record_are_numbered() {
        let rec = Arc::new(RecordRef {
            id: Some("r-1".into()),
            line: 3,
            ..Default::default()
        });
        let alike = |span: (usize, usize)| {
            Finding::new(Rule::INT001, Some(rec.clone()), "m").with_evidence(Evidence {
                field: "text".into(),
                span: Some(span),
                excerpt: Some("Fait à Lyon".into()),
                reference_excerpt: Some("Fait à Paris".into()),
                ..Default::default()
            })
        };
        let (a, b) = (alike((10, 14)), alike((900, 904)));
        assert_eq!(a.fingerprint_u64(), b.fingerprint_u64());
        let mut fs = vec![a.clone(), b, alike((2000, 2004))];
        let other = Finding::new(Rule::INT001, Some(rec.clone()), "m").with_evidence(Evidence {
            field: "text".into(),
            span: Some((5, 6)),
            ..Default::default()
        });
        fs.push(other.clone());
        fs.sort_by_key(|f| (f.sort_key(), f.fingerprint_u64()));
        number_occurrences(&mut fs);
        let mut prints: Vec<u64> = fs.iter().map(Finding::fingerprint_u64).collect();
        assert!(prints.contains(&a.fingerprint_u64()));
        assert!(prints.contains(&other.fingerprint_u64()));
        let occurrences: Vec<u16> = fs
            .iter()
            .filter(|f| f.evidence.as_ref().unwrap().excerpt.is_some())
            .map(|f| f.occurrence)
            .collect();
        assert_eq!(occurrences, [0, 1, 2]);
        prints.sort_unstable();
        prints.dedup();
        assert_eq!(prints.len(), 4);
        // Without excerpts, the span tells findings apart.
        let mut moved = other.clone();
        Arc::make_mut(moved.evidence.as_mut().unwrap()).span = Some((7, 8));
        assert_ne!(moved.fingerprint_u64(), other.fingerprint_u64());
    }

    /// Evidence that names a field known in advance and nothing more is made once for all the
    /// findings of a thread (an audit without attribution has an ATT001 a record); any other
    /// is a finding's own, and a change copies a shared one first.
    #[test]
    fn field_only_evidence_is_shared() {
        let with = |ev: Evidence| Finding::new(Rule::ATT001, None, "m").with_evidence(ev);
        let field = |name: &'static str| Evidence {
            field: name.into(),
            ..Default::default()
        };
        let (a, b) = (with(field("attribution")), with(field("attribution")));
        let ptr = |f: &Finding| f.evidence.clone().unwrap();
        assert!(Arc::ptr_eq(&ptr(&a), &ptr(&b)));
        assert!(!Arc::ptr_eq(&ptr(&a), &ptr(&with(field("updated_at")))));
        // A field named at run time, or evidence with more than a field, is not shared.
        let named = || {
            with(Evidence {
                field: "decision_date,jurisdiction".to_string().into(),
                ..Default::default()
            })
        };
        assert!(!Arc::ptr_eq(&ptr(&named()), &ptr(&named())));
        let spanned = || {
            with(Evidence {
                span: Some((0, 1)),
                ..field("attribution")
            })
        };
        assert!(!Arc::ptr_eq(&ptr(&spanned()), &ptr(&spanned())));
        // Shared or not, findings compare by what they hold.
        assert_eq!(named(), named());
        let mut changed = b.clone();
        Arc::make_mut(changed.evidence.as_mut().unwrap()).span = Some((1, 2));
        assert_eq!(a.evidence.as_ref().unwrap().span, None);
        assert_ne!(changed, a);
    }

    // Findings are many: the facts cost a few bytes each, not a box.
    #[test]
    fn a_finding_keeps_its_size() {
        assert_eq!(std::mem::size_of::<Fact>(), 16);
        assert_eq!(std::mem::size_of::<Finding>(), 64);
    }
}
