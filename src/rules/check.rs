//! Runs every record-level rule on one record, with the precedence rules of SPEC §2: FRE004
//! instead of INT007 for a decision withdrawn at source, and FRE002 instead of INT001–INT003 and
//! INT006 when the source corrected the decision after the reuser's last load, unless the
//! decision was withdrawn at source since: its FRE004 asks for it to be taken down, not corrected.

use super::{Rule, attribution, freshness, identification, integrity, kept, masking, profiling};
use crate::corpus::Mapping;
use crate::corpus::mapping::FieldName;
use crate::model::{Evidence, Fact, Finding, Producer, Record, RecordRef, TextFormat};
use crate::source::history::{Action, History};
use crate::source::{ReferenceSet, TextDigests};
use crate::text::normalize;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// What checking one record gives the engine.
#[derive(Debug, Default)]
pub struct Checked {
    pub findings: Vec<Finding>,
    /// The date of last update the record shows (FRE003, the age chart).
    pub loaded: Option<freshness::Loaded>,
    /// The record as its findings show it, with the producer of the reference decision matched,
    /// if one is: whose conditions apply (SPEC §1.1).
    pub record: Arc<RecordRef>,
    /// Whether a reference decision matched the record (its producer may also be that of a
    /// withdrawal the reference holds no decision for).
    pub matched: bool,
    /// Why the record's text was not compared with that of the reference decision it matched,
    /// if it was not.
    pub not_compared: Option<NotCompared>,
}

/// Why a matched record's text was not compared with its reference decision's (the report
/// counts each, `audit.texts_not_compared`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCompared {
    /// The record has no `text` (none of its text was checked).
    RecordWithoutText,
    /// The reference decision has no text (a search result, a list of decisions without their
    /// texts): there is nothing to compare with.
    ReferenceWithoutText,
    /// The reference text could not be read again (its file changed or went away since it was
    /// indexed), or is too long to compare: why. Nor could the masking rules tell what the
    /// source itself shows in clear.
    ReferenceUnread(String),
}

impl NotCompared {
    pub fn why(&self) -> NotComparedWhy {
        match self {
            NotCompared::RecordWithoutText => NotComparedWhy::RecordWithoutText,
            NotCompared::ReferenceWithoutText => NotComparedWhy::ReferenceWithoutText,
            NotCompared::ReferenceUnread(_) => NotComparedWhy::ReferenceUnreadable,
        }
    }
}

/// The reasons of [`NotCompared`], without the detail: the one list every output counts and
/// words them from (`crate::report::TextsNotCompared`), in the order they are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotComparedWhy {
    RecordWithoutText,
    ReferenceWithoutText,
    ReferenceUnreadable,
}

impl NotComparedWhy {
    pub const ALL: [NotComparedWhy; 3] = [
        NotComparedWhy::RecordWithoutText,
        NotComparedWhy::ReferenceWithoutText,
        NotComparedWhy::ReferenceUnreadable,
    ];

    /// Its key in the JSON report's `audit.texts_not_compared_why`.
    pub fn key(self) -> &'static str {
        match self {
            NotComparedWhy::RecordWithoutText => "record_without_text",
            NotComparedWhy::ReferenceWithoutText => "reference_without_text",
            NotComparedWhy::ReferenceUnreadable => "reference_unreadable",
        }
    }

    /// In words, after a number of records: `2 whose reference decision has no text`.
    pub fn english(self) -> &'static str {
        match self {
            NotComparedWhy::RecordWithoutText => "without a text",
            NotComparedWhy::ReferenceWithoutText => "whose reference decision has no text",
            NotComparedWhy::ReferenceUnreadable => {
                "whose reference text could not be read again: changed or removed during the \
                 audit"
            }
        }
    }

    /// In French, for the formal notice: `la décision de la source est diffusée sans son texte`.
    pub fn french(self) -> &'static str {
        match self {
            NotComparedWhy::RecordWithoutText => "l'enregistrement ne reproduit aucun texte",
            NotComparedWhy::ReferenceWithoutText => {
                "la décision de la source est diffusée sans son texte"
            }
            NotComparedWhy::ReferenceUnreadable => "la source a été modifiée pendant l'audit",
        }
    }
}

/// Shared, read-only state for checking records in parallel.
pub struct Checker<'a> {
    pub reference: &'a ReferenceSet,
    pub history: &'a History,
    /// The audit time, against which a date of last update is checked (FRE001): `None` checks
    /// none.
    pub as_of: Option<jiff::Timestamp>,
    /// The `--mapping` the records were read through: messages name a mapped field by the
    /// reuser's path ([`FieldName`]).
    pub mapping: Option<&'a Mapping>,
}

thread_local! {
    static NORM: RefCell<String> = const { RefCell::new(String::new()) };
    static REFERENCE_NORM: RefCell<String> = const { RefCell::new(String::new()) };
}

pub use normalize::digest;

/// The most bytes of reference texts compared more than once that the workers keep together
/// ([`kept::Kept`]), shared out among them: at 2 workers, each keeps a few hundred decisions of
/// common length, with their tokens.
const KEPT_BYTES: usize = 128 << 20;

thread_local! {
    /// The reference texts this worker keeps between records, each with its decision (its
    /// reference set's generation and its index): records citing one decision are compared with
    /// its text without reading, normalising and tokenising it again.
    static KEPT: RefCell<kept::Kept<integrity::ComparedReference>> =
        RefCell::new(kept::Kept::new(KEPT_BYTES / rayon::current_num_threads().max(1)));
}

/// Whether the reference text `reference`, normalised (in a buffer kept per thread), is `norm`.
fn same_normalized(reference: &str, norm: &str) -> bool {
    REFERENCE_NORM.with(|b| {
        let mut b = b.borrow_mut();
        normalize::normalize_into(reference, false, &mut b);
        *b == norm
    })
}

impl<'a> Checker<'a> {
    pub fn new(reference: &'a ReferenceSet, history: &'a History) -> Self {
        Checker {
            reference,
            history,
            as_of: None,
            mapping: None,
        }
    }

    /// The same, for records read through `mapping`.
    pub fn with_mapping(self, mapping: Option<&'a Mapping>) -> Self {
        Checker { mapping, ..self }
    }

    /// The same, checking the dates of last update against the audit time.
    pub fn with_as_of(self, as_of: jiff::Timestamp) -> Self {
        Checker {
            as_of: Some(as_of),
            ..self
        }
    }

    /// Checks one record; `rec` is what its findings show of it, which the check completes with
    /// the producer of the reference decision matched ([`Checked::record`]).
    pub fn check(&self, r: &Record, rec: RecordRef) -> Checked {
        let mut out = Vec::new();
        let source_id = r
            .source_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let html = r.text_format == TextFormat::Html;
        let norm = NORM.with(|b| {
            let mut b = b.borrow_mut();
            if let Some(t) = r.text.as_deref() {
                normalize::normalize_into(t, html, &mut b);
            } else {
                b.clear();
            }
            std::mem::take(&mut *b)
        });
        // The decisions the record's `source_id` designates: one, or copies of one decision
        // from several producers (the Judilibre and Légifrance copies of an ECLI), of which the
        // record is checked against the one its attribution and its text tell it was taken
        // from (`ReferenceSet::choose`).
        // A `source_id` with a lone surrogate (kept as written, `JURITEXT\ud800`) designates
        // nothing: no id of the reference or of the history holds one.
        let designating = source_id.filter(|_| !r.source_id_as_written);
        let matching = designating
            .map(|s| self.reference.matching(s))
            .unwrap_or_default();
        let text_digests = (matching.len() > 1).then(|| TextDigests {
            raw: r.text.as_deref().filter(|_| !html).map(digest),
            normalized: digest(&norm),
        });
        let chosen = self
            .reference
            .choose(&matching, r.attribution.as_deref(), text_digests);
        let ref_index = chosen.map(|k| matching[k] as usize);
        let reference = ref_index.map(|i| &self.reference.decisions[i]);
        // Its producer is credited first, then those of the other copies, any of which the
        // record may credit.
        let mut producers: Vec<Producer> = matching
            .iter()
            .map(|&i| self.reference.decisions[i as usize].producer)
            .collect();
        if let Some(k) = chosen {
            producers[..=k].rotate_right(1);
        }
        let hist = designating
            .and_then(|s| self.history.get(s))
            .or_else(|| reference.and_then(|d| self.history.get(&d.id)));
        let withdrawn = hist.is_some_and(|h| h.last_action == Action::Deleted);
        // Every finding of the record carries the producer whose conditions apply to it: of a
        // decision the reference no longer holds, the producer that withdrew it, when known.
        let rec = &Arc::new(RecordRef {
            producer: reference
                .map(|d| d.producer)
                .or_else(|| hist.filter(|_| withdrawn).and_then(|h| h.withdrawn_by)),
            compared_with: reference.map(|d| {
                // Shown within the bound of a finding's texts, as the record's own id.
                use crate::model::bound::{MAX_CHARS, shorten};
                let (mut id, mut origin) = (d.id.clone(), d.origin.to_string());
                shorten(&mut id, MAX_CHARS);
                shorten(&mut origin, MAX_CHARS);
                Arc::new(crate::model::ComparedWith { id, origin })
            }),
            ..rec
        });

        if withdrawn {
            // The day in France, as for FRE002.
            let day = hist.and_then(|h| h.date).map(crate::ident::paris_day);
            out.push(
                Finding::new(
                    Rule::FRE004,
                    Some(rec.clone()),
                    match day {
                        Some(day) => format!(
                            "the decision was deleted at source on {day}, but the record still publishes it"
                        ),
                        None => "the decision was deleted at source but the record still publishes it"
                            .to_string(),
                    },
                )
                .with_evidence(Evidence {
                    field: "source_id".into(),
                    excerpt: source_id.map(str::to_string),
                    ..Default::default()
                })
                .with_fact(Fact::SourceDay(day)),
            );
        } else if reference.is_none() {
            let named = FieldName::of(self.mapping, "source_id").quoted();
            let msg = match source_id {
                None => format!(
                    "the record gives no {named}: it cannot be checked against the reference"
                ),
                Some(id) if r.source_id_as_written => format!(
                    "the record's {named} ({}, as written) holds a lone surrogate escape, half \
                     of a UTF-16 pair without the other, which is no character: no reference \
                     decision's id holds one, so it matches none",
                    crate::model::bound::ends(id, crate::model::bound::QUOTE)
                ),
                Some(id) => unmatched_message(id, &named, self.reference),
            };
            out.push(
                Finding::new(Rule::INT007, Some(rec.clone()), msg).with_evidence(Evidence {
                    field: "source_id".into(),
                    excerpt: source_id.map(str::to_string),
                    ..Default::default()
                }),
            );
        }

        // Freshness.
        let loaded = freshness::check_update_date(
            r.updated_at.as_deref(),
            r.update_notice.as_deref(),
            self.as_of,
            rec,
            &mut out,
        );
        // A date still to come tells nothing of when the record was loaded.
        let loaded_shown = loaded.filter(|l| !l.after_audit).map(|l| l.shown);
        // The producer whose conditions apply: the matched decision's, or the withdrawal's.
        if rec.producer.is_some_and(|p| p.is_administrative()) {
            freshness::check_notice(r.update_notice.as_deref(), rec, &mut out);
        }

        // Text.
        let mut mapped = None;
        let mut text_cmp = None;
        let mut text_differs = false;
        // Whether the record's text is the same as the reference's once normalised (then known
        // without reading the reference's, or by reading it).
        let mut same_text = false;
        let mut reference_unread = None;
        let mut not_compared = None;
        // The personal data the record's text shows in clear: its own findings (MSK004, MSK005)
        // and every excerpt of it hide it.
        let metadata = reference.map(|d| d.professionals.as_slice()).unwrap_or(&[]);
        let in_clear =
            masking::InClear::find(&norm, &masking::Professionals::of_metadata(metadata));
        // The reference text is read again only when the texts differ byte for byte (the
        // digests of the texts as read) and, when it is known, the digest of its normalised form
        // differs too; and compared only when their normalised forms differ.
        let mut compared = None;
        let ref_digest = ref_index.and_then(|i| self.reference.stored(i).digest);
        if reference.is_some() && r.text.is_none() {
            not_compared = Some(NotCompared::RecordWithoutText);
        } else if reference.is_some() && ref_digest.is_none() {
            not_compared = Some(NotCompared::ReferenceWithoutText);
        }
        if let (Some(i), Some(d), Some(t)) = (ref_index, reference, r.text.as_deref())
            && let Some(ref_digest) = ref_digest
        {
            let stored = self.reference.stored(i);
            let last = (self.reference.generation(), i);
            if (!html && ref_digest == digest(t)) || stored.normalized() == Some(digest(&norm)) {
                same_text = true;
            } else if let Some(c) = KEPT.with(|k| k.borrow_mut().get(last)) {
                // A text this worker compared before, normalised.
                if c.text.text == norm {
                    same_text = true;
                } else {
                    compared = Some(c);
                }
            } else {
                // Normalised once, with its map, which the comparison needs when the normalised
                // texts differ: the map costs less than normalising again (measured).
                match self.reference.text(i) {
                    Err(e) => reference_unread = Some(e.to_string()),
                    // Not even normalised with a map, whose offsets are 32-bit.
                    Ok(ref_text) if !normalize::mappable(&ref_text) => {
                        reference_unread = Some(format!(
                            "{}: the reference text is 4 GiB or more: it is not compared",
                            d.origin
                        ));
                    }
                    // Most texts that differ as read are the same once normalised (line
                    // ends, apostrophes, HTML): told without building a map.
                    Ok(ref_text) if same_normalized(&ref_text, &norm) => same_text = true,
                    Ok(ref_text) => {
                        let refm = normalize::normalize_mapped(&ref_text, false);
                        if refm.text == norm {
                            same_text = true;
                        } else {
                            let c = Rc::new(integrity::ComparedReference::new(
                                refm,
                                &ref_text,
                                &d.professionals,
                            ));
                            KEPT.with(|k| k.borrow_mut().insert(last, c.clone()));
                            compared = Some(c);
                        }
                    }
                }
            }
            if let Some(c) = &compared {
                if ![t, &norm, &c.text.text]
                    .into_iter()
                    .all(normalize::mappable)
                {
                    reference_unread = Some(format!(
                        "{}: the texts are 4 GiB or more (as read or normalised): they are not compared",
                        d.origin
                    ));
                    compared = None;
                } else {
                    let m = normalize::normalize_mapped(t, html);
                    let cmp = integrity::compare(&m, c, r.excerpt, &in_clear.pieces, rec);
                    // Its tokens or personal data may have been found.
                    KEPT.with(|k| k.borrow_mut().reweigh(last));
                    // Texts that differ only by what is no change (letter-spacing) are the
                    // same: no correction missed (FRE002).
                    text_differs = cmp.differs;
                    mapped = Some(m);
                    text_cmp = Some(cmp);
                }
            }
        }
        let reference_norm = compared.as_ref().map(|c| c.text.text.as_str());

        // Identification.
        integrity::check_excerpt(r.excerpt, r.full_text_url.as_deref(), rec, &mut out);
        let stored_text = || ref_index.and_then(|i| self.reference.text(i).ok());
        let mismatches =
            identification::check(r, reference, &stored_text, self.mapping, rec, &mut out);

        // FRE002 takes the place of the differences when the source corrected the decision after
        // the reuser's last load (the reference's update date, or the history's last update).
        // On the day of the load, one of the two dates without a time, the update may have come
        // before the load or after it: the benefit of the doubt goes to the reuser, whose
        // differing copy is then taken for a correction missed (FRE002, medium) rather than for
        // an alteration of the decision (INT001–INT006, high), which nothing would prove; the
        // message says it is a doubt.
        // Worked out only for a record that differs: most do not.
        let differs = text_differs || !mismatches.is_empty();
        let correction = loaded_shown.filter(|_| differs).and_then(|l| {
            [
                reference.and_then(|d| d.update_date),
                hist.and_then(|h| h.last_update),
            ]
            .into_iter()
            .flatten()
            .map(|u| (freshness::update_to_load(u, l), u))
            .filter(|&(r, _)| r != freshness::UpdateToLoad::NotAfter)
            // The surest, then the latest.
            .max_by_key(|&(r, u)| (r == freshness::UpdateToLoad::After, u.start()))
            .map(|(r, u)| (r, u, l))
        });
        let (integrity_findings, masking_findings, lifted, first_difference) = match text_cmp {
            Some(c) => (c.integrity, c.masking, c.lifted, c.first_difference),
            None => (Vec::new(), Vec::new(), Vec::new(), None),
        };
        match correction {
            // A decision withdrawn at source is to be taken down (FRE004), not corrected: the
            // correction missed would ask the reuser for what it must no longer publish, and
            // the differences it stands for are no alteration to report either.
            Some(_) if withdrawn => {}
            Some((relation, u, l)) => {
                let ev = first_difference
                    .or_else(|| {
                        mismatches
                            .first()
                            .and_then(|f| f.evidence.as_deref().cloned())
                    })
                    .or_else(|| {
                        masking_findings.first().and_then(|f| {
                            f.evidence.as_deref().cloned().map(|mut e| {
                                // The masking finding itself shows the exposed text; here only where.
                                e.excerpt = None;
                                e.personal.clear();
                                e.reference_excerpt = None;
                                e.reference_personal.clear();
                                e
                            })
                        })
                    });
                // What another finding's message quotes is not this one's.
                let ev = ev.map(|mut e| {
                    e.message_personal.clear();
                    e
                });
                let mut what = Vec::new();
                if text_differs {
                    what.push("text");
                }
                if !mismatches.is_empty() {
                    what.push("identification");
                }
                let differ = if what.len() > 1 { "differ" } else { "differs" };
                let what = what.join(" and ");
                // The day in France, where the source dates it (`2026-11-10T23:30:00Z` is the 11th
                // in Paris).
                let (message, fact) = match relation {
                    freshness::UpdateToLoad::After => {
                        // On one day, only the times tell why the update came after.
                        let offset = loaded.and_then(|l| l.offset);
                        let (source, loaded) = freshness::days_or_times(u, l, offset);
                        (
                            format!(
                                "the source updated the decision on {source}, after the record was last loaded on {loaded}, and the record's {what} {differ}: a correction was missed"
                            ),
                            Fact::UpdatedAfterLoad(Box::new(crate::model::AfterLoad {
                                source: u,
                                loaded: l,
                            })),
                        )
                    }
                    _ => {
                        use crate::ident::Moment::Date;
                        let no_time = match (l, u) {
                            (Date(_), Date(_)) => "neither date gives a time",
                            (Date(_), _) => "the record's date of last update gives no time",
                            _ => "the source gives no time",
                        };
                        (
                            format!(
                                "the source updated the decision on {}, the day the record was last loaded, and the record's {what} {differ}: {no_time} to tell which came first, so this is taken for a correction missed rather than for an alteration",
                                u.date()
                            ),
                            Fact::SameDayAsLoad(u.date()),
                        )
                    }
                };
                let mut f = Finding::new(Rule::FRE002, Some(rec.clone()), message);
                f.evidence = ev.map(crate::model::Evidence::shared);
                f.fact = fact;
                out.push(f);
            }
            None => {
                out.extend(integrity_findings);
                out.extend(mismatches);
            }
        }
        out.extend(masking_findings);

        // Attribution.
        // A decision withdrawn and no longer held is credited to the producer that withdrew it.
        if producers.is_empty()
            && let Some(p) = rec.producer
        {
            producers.push(p);
        }
        attribution::check(
            r.attribution.as_deref(),
            r.source_link.as_deref(),
            &producers,
            rec,
            &mut out,
        );

        // Names and identifiers in clear, told apart from the source's own defects by the
        // reference's normalised text.
        let reference_as_normalised = if same_text {
            Some(norm.as_str())
        } else {
            reference_norm
        };
        if let Some(t) = r.text.as_deref() {
            masking::check_in_clear(
                "text".into(),
                &norm,
                &in_clear,
                t,
                html,
                &mut mapped,
                reference_as_normalised,
                &lifted,
                rec,
                &mut out,
            );
        }
        // The reuser's commentary, kept apart from the decision, names nobody in clear either;
        // the professionals the decision names (the record's text or the reference's) it may.
        let record_text = r.text.is_some().then_some(norm.as_str());
        let reference_text = reference_as_normalised.filter(|_| !same_text);
        let professionals =
            masking::Professionals::with_texts(metadata, [record_text, reference_text])
                .with_court(reference.map_or(&[][..], |d| d.magistrates()));
        let professionals = &professionals;
        if let Some(c) = r.commentary.as_deref().filter(|c| !c.trim().is_empty()) {
            masking::check_field_in_clear(
                "commentary".into(),
                c,
                reference_as_normalised,
                professionals,
                rec,
                &mut out,
            );
        }
        // And its other fields: a title or a list of parties names nobody in clear.
        masking::check_extra_in_clear(
            &r.extra,
            reference_as_normalised,
            professionals,
            rec,
            &mut out,
        );

        // Profiling: in the fields built for it, then in the reuser's own words.
        let court = profiling::Court::new(professionals);
        profiling::check(&r.extra, rec, &mut out);
        profiling::check_texts(
            r.commentary.as_deref(),
            self.mapping,
            &r.extra,
            &court,
            rec,
            &mut out,
        );
        // And in any field that names a member of the court, whatever the field's name.
        profiling::check_court_members(&r.extra, &court, rec, &mut out);
        NORM.with(|b| *b.borrow_mut() = norm);

        // What one finding shows as personal data is redacted in the others' excerpts too.
        masking::share_personal(&mut out);

        Checked {
            matched: reference.is_some(),
            findings: out,
            loaded,
            record: rec.clone(),
            not_compared: reference_unread
                .map(NotCompared::ReferenceUnread)
                .or(not_compared),
        }
    }
}

/// INT007's message for a `source_id` (`named`, as the reuser names it) that matches nothing.
/// When parts of the reference could not be read (decisions, folders that could not be listed,
/// the rest of an archive cut short), the record's decision may be among them: the message says
/// the reference was incomplete and what it lacked, and that the record was not checked, so that
/// the INT007 (which carries no penalty) is not taken for a record checked and found to cite
/// nothing; it names the file when its name holds the id (`JURITEXT000047291153.xml`,
/// `5fca277de35a255d41ca73ab.json`), so that a defect of the reference is not taken for the
/// reuser's.
fn unmatched_message(id: &str, named: &str, reference: &crate::source::ReferenceSet) -> String {
    let plain = format!("no reference decision matches the record's {named}");
    let unreadable = &reference.unreadable;
    if unreadable.is_empty() {
        return plain;
    }
    let key = crate::source::id_key(id);
    let holding = (key.chars().count() >= 6)
        .then(|| {
            unreadable.iter().find(|u| {
                // The last part of the path (or of the archive entry's path).
                let name = u.origin.file.rsplit(['/', '\\', '!']).next().unwrap_or("");
                name.to_lowercase().contains(&key)
            })
        })
        .flatten();
    match holding {
        Some(u) => format!(
            "no reference decision could be read for the record's {named}: {} seems to hold \
             it but could not be read ({}); the record was not checked against it",
            u.origin.file, u.reason
        ),
        None => format!(
            "{plain}, but the reference is incomplete ({}): the record may cite a decision \
             among those, and was not checked against it",
            reference.incomplete().describe()
        ),
    }
}
