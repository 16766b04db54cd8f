//! Freshness (FRE001–FRE005): the date of the last update must be shown, unambiguously for the
//! Conseil d'État, and the data kept up to date.

use super::Rule;
use crate::ident::{self, Moment};
use crate::model::{AfterAudit, Evidence, Fact, Finding, Newest, RecordRef, bound};
use jiff::{SignedDuration, Timestamp};
use std::sync::Arc;

/// How far after the audit time a date of last update may be and still count, as fresh: clocks
/// drift, and a date without a time or a zone may be a day ahead of France's. Further ahead, the
/// date cannot be true (FRE001).
pub const AFTER_AUDIT_LEEWAY: SignedDuration = SignedDuration::from_hours(24);

/// The date of last update a record shows, as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    /// A day or an instant, as the record gives it.
    pub shown: Moment,
    /// The offset the record writes the instant in ([`ident::Written`]): messages quote it so.
    pub offset: Option<jiff::tz::Offset>,
    /// More than [`AFTER_AUDIT_LEEWAY`] after the audit time: reported as FRE001, and no proof
    /// that the corpus was fresh (FRE003 sets it aside).
    pub after_audit: bool,
}

impl Loaded {
    /// The latest instant the date may mean: for a date alone, the end of that day in France
    /// (the benefit of the doubt).
    pub fn at(&self) -> Timestamp {
        self.shown.end()
    }
}

/// When the reuser last loaded the record, as shown: `updated_at`, else the date inside
/// `update_notice`.
pub fn record_moment(updated_at: Option<&str>, notice: Option<&str>) -> Option<Moment> {
    updated_at
        .and_then(ident::parse_moment)
        .or_else(|| notice.and_then(ident::find_moment_in))
}

/// When the reuser last loaded the record, as an instant; a date alone counts as its end, in
/// French local time (the benefit of the doubt).
pub fn record_loaded_at(updated_at: Option<&str>, notice: Option<&str>) -> Option<Timestamp> {
    record_moment(updated_at, notice).map(|m| m.end())
}

/// When the source's last update of a decision came, against the reuser's last load of it
/// (FRE002), each a day alone or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateToLoad {
    /// After the load, whatever the times of their days: a load on 20 November cannot have
    /// seen an update of 21 November.
    After,
    /// The same day in France, one of the two without a time: the update may have come before
    /// the load or after it.
    SameDay,
    /// Before the load (or at the very instant).
    NotAfter,
}

/// How the source's update `updated` stands to the reuser's load `loaded`. A day alone runs
/// from midnight to midnight in France, its end excluded: an update certainly came after a
/// load when it starts no earlier than the load's day ends (later than the load's instant);
/// it may have when it ends after the load's day starts.
///
/// (Taking a load's day at its end and an update's day at its start, as instants, put a load
/// on the 20th and an update on the 21st both at midnight between them, and the update was
/// not after the load: FRE002 was missed.)
pub fn update_to_load(updated: Moment, loaded: Moment) -> UpdateToLoad {
    // Two days, told without their instants (the common case, and the same answer).
    if let (Moment::Date(u), Moment::Date(l)) = (updated, loaded) {
        return match u.cmp(&l) {
            std::cmp::Ordering::Greater => UpdateToLoad::After,
            std::cmp::Ordering::Equal => UpdateToLoad::SameDay,
            std::cmp::Ordering::Less => UpdateToLoad::NotAfter,
        };
    }
    let after = match loaded {
        Moment::Date(_) => updated.start() >= loaded.end(),
        Moment::Instant(l) => updated.start() > l,
    };
    if after {
        UpdateToLoad::After
    } else if updated.end() > loaded.start() {
        UpdateToLoad::SameDay
    } else {
        UpdateToLoad::NotAfter
    }
}

/// Whether a date of last update is more than [`AFTER_AUDIT_LEEWAY`] after the audit time. A
/// date alone is taken at its start in France, the earliest it may mean: `2026-11-23` is not
/// after an audit at noon on the 22nd by more than a day.
pub fn is_after_audit(shown: Moment, as_of: Timestamp) -> bool {
    as_of
        .checked_add(AFTER_AUDIT_LEEWAY)
        .is_ok_and(|limit| shown.start() > limit)
}

/// How far a date shown is after the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// Whole calendar days, for a date alone (from the audit's day in France), or for an instant
    /// three days or more ahead.
    Days(i64),
    /// Seconds, for an instant less than three days ahead.
    Seconds(i64),
}

impl Lead {
    pub fn of(shown: Moment, as_of: Timestamp) -> Lead {
        match shown {
            Moment::Date(d) => Lead::Days(
                ident::paris_day(as_of)
                    .until(d)
                    .map_or(0, |s| i64::from(s.get_days())),
            ),
            Moment::Instant(t) => {
                let secs = t.duration_since(as_of).as_secs();
                if secs >= 72 * 3600 {
                    Lead::Days(secs / 86_400)
                } else {
                    Lead::Seconds(secs)
                }
            }
        }
    }
}

/// Whole seconds, rounded up: an age over 72 hours by half a second is shown over 72 hours.
pub fn whole_seconds_up(d: SignedDuration) -> u64 {
    let secs = d.as_secs().max(0) as u64;
    secs + u64::from(d.as_secs() >= 0 && d.subsec_nanos() > 0)
}

/// `(hours, minutes, seconds)` of a number of seconds.
pub fn hms(secs: u64) -> (u64, u64, u64) {
    (secs / 3600, secs % 3600 / 60, secs % 60)
}

fn plural_en(n: u64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// A duration in hours, minutes and seconds, in English, the parts that are zero left out (but
/// the hours): `72 hours and 1 minute`, `85 hours`, `1 hour, 2 minutes and 3 seconds`.
pub fn english_duration(secs: u64) -> String {
    let (h, m, s) = hms(secs);
    let mut parts = vec![plural_en(h, "hour")];
    if m > 0 {
        parts.push(plural_en(m, "minute"));
    }
    if s > 0 {
        parts.push(plural_en(s, "second"));
    }
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    }
}

/// Two moments (a source's update and a record's load, written in `offset`) as a message gives
/// them: their days in France (`2026-11-21`), or, when both are instants on one day, each to
/// the minute, the source's in UTC (`2026-11-21 10:00 UTC`) and the record's as it writes it,
/// then in UTC ([`as_written`]), since only the times then tell which came first.
pub fn days_or_times(a: Moment, b: Moment, offset: Option<jiff::tz::Offset>) -> (String, String) {
    match (a, b) {
        (Moment::Instant(x), Moment::Instant(y)) if a.date() == b.date() => {
            (utc(x), as_written(y, offset, false))
        }
        _ => (a.date().to_string(), b.date().to_string()),
    }
}

/// An instant the corpus wrote, as it wrote it, then as read in UTC and, with `paris`, in Paris
/// time (each reading that differs from those before, its day given when it is another):
/// `2026-11-20 08:00 -05:00, 13:00 UTC, 14:00 in Paris`; `2026-11-19 11:59 UTC, 12:59 in
/// Paris` for one written in UTC; `2026-11-19 12:59 in Paris, 11:59 UTC` for a French local
/// time written without an offset, which is read in Paris time. The reuser finds the value in
/// the corpus; the court reads it in its own time.
pub fn as_written(t: Timestamp, offset: Option<jiff::tz::Offset>, paris: bool) -> String {
    use jiff::tz::{Offset, TimeZone};
    let in_zone = |tz: TimeZone| t.to_zoned(tz);
    let first = in_zone(match offset {
        Some(o) => TimeZone::fixed(o),
        None => crate::ident::paris(),
    });
    let zone = match offset {
        None => "in Paris".to_string(),
        Some(Offset::UTC) => "UTC".to_string(),
        Some(o) => crate::ident::offset_text(o),
    };
    let mut out = format!("{} {} {zone}", first.date(), clock(&first));
    let mut readings = Vec::new();
    if offset != Some(Offset::UTC) {
        readings.push((in_zone(TimeZone::UTC), "UTC"));
    }
    if paris && offset.is_some() {
        readings.push((in_zone(crate::ident::paris()), "in Paris"));
    }
    let mut last = first.clone();
    for (z, name) in readings {
        if z.offset() == first.offset() {
            // The reading written (an offset that is Paris's, or UTC's): said once.
            continue;
        }
        let day = if z.date() == last.date() {
            String::new()
        } else {
            format!("{} ", z.date())
        };
        out.push_str(&format!(", {day}{} {name}", clock(&z)));
        last = z;
    }
    out
}

/// An instant in UTC, to the minute, or to the second when it has seconds.
fn utc(t: Timestamp) -> String {
    let z = t.to_zoned(jiff::tz::TimeZone::UTC);
    format!("{} {} UTC", z.date(), clock(&z))
}

/// The time of day of `z`, to the minute, or to the second when it has seconds.
fn clock(z: &jiff::Zoned) -> String {
    if z.second() != 0 {
        z.strftime("%H:%M:%S").to_string()
    } else {
        z.strftime("%H:%M").to_string()
    }
}

/// FRE001: no update date, neither in `updated_at` nor in `update_notice`; or one more than a
/// day after the audit time (`as_of`, when known), which cannot be true: a displayed date of
/// last update that is false misleads as much as a missing one (CRPA L.322-1).
pub fn check_update_date(
    updated_at: Option<&str>,
    notice: Option<&str>,
    as_of: Option<Timestamp>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) -> Option<Loaded> {
    let from_updated_at = updated_at.and_then(ident::parse_written_moment);
    let written = from_updated_at.or_else(|| notice.and_then(ident::find_written_moment_in));
    let offset = written.and_then(|(_, o)| o);
    let shown = written.map(|(m, _)| m);
    let given = updated_at.map(str::trim).filter(|s| !s.is_empty());
    let Some(shown) = shown else {
        // What is shown, if anything, and cannot be read: `updated_at`, else a notice written
        // with a date (`le 31/11/2026`, a day November does not have).
        let notice_date = notice
            .map(str::trim)
            .filter(|n| !n.is_empty() && ident::has_date_like(n));
        let (msg, field, excerpt) = match (given, notice_date) {
            (Some(u), _) => (
                "the update date shown cannot be read as a date",
                "updated_at",
                Some(bound::ends(u, bound::QUOTE).into_owned()),
            ),
            (None, Some(n)) if ident::dates_only_the_decision(n) => (
                "the update notice dates only the decision, not its last update",
                "update_notice",
                Some(bound::ends(n, bound::VALUE).into_owned()),
            ),
            (None, Some(n)) => (
                "the date in the update notice cannot be read as a date",
                "update_notice",
                Some(bound::ends(n, bound::VALUE).into_owned()),
            ),
            (None, None) => (
                "no date of last update is shown with the decision",
                "updated_at",
                None,
            ),
        };
        out.push(
            Finding::new(Rule::FRE001, Some(rec.clone()), msg.to_string()).with_evidence(
                Evidence {
                    field: field.into(),
                    excerpt,
                    ..Default::default()
                },
            ),
        );
        return None;
    };
    let after_audit = as_of.is_some_and(|as_of| is_after_audit(shown, as_of));
    if let (true, Some(as_of)) = (after_audit, as_of) {
        let (field, excerpt, place) = if from_updated_at.is_some() {
            ("updated_at", given, "")
        } else {
            let n = notice.map(str::trim).filter(|s| !s.is_empty());
            ("update_notice", n, " in the update notice")
        };
        let lead = match Lead::of(shown, as_of) {
            Lead::Days(n) => plural_en(n.max(0) as u64, "day"),
            Lead::Seconds(s) => english_duration(s.max(0) as u64),
        };
        let msg = match shown {
            Moment::Date(d) => format!(
                "the date of last update shown{place} ({d}) is {lead} after the day of the audit \
                 ({}, in France): a date still to come cannot be that of the last update (if the \
                 audit is back-dated, --as-of may be wrong)",
                ident::paris_day(as_of)
            ),
            Moment::Instant(t) => format!(
                "the date of last update shown{place} ({}) is {lead} after the audit time ({}): a \
                 date still to come cannot be that of the last update (if the audit is \
                 back-dated, --as-of may be wrong)",
                as_written(t, offset, false),
                utc(as_of)
            ),
        };
        out.push(
            Finding::new(Rule::FRE001, Some(rec.clone()), msg)
                .with_evidence(Evidence {
                    field: field.into(),
                    excerpt: excerpt.map(|s| bound::ends(s, bound::QUOTE).into_owned()),
                    ..Default::default()
                })
                .with_fact(Fact::AfterAudit(Box::new(AfterAudit {
                    shown,
                    offset,
                    as_of,
                }))),
        );
    }
    Some(Loaded {
        shown,
        offset,
        after_audit,
    })
}

/// Folded words that make clear the date is when the reuser loaded the document (SPEC: "chargé",
/// "téléchargé", "récupéré", "importé" or equivalent). The equivalents each name the reuser's
/// taking of the document from the source: collecting it ("collecté", "date de collecte"),
/// harvesting it ("moissonné", the open-data word for an automated collection), extracting it
/// ("extrait le …", "extraite", "extraction": next to the date of a notice, "extrait" is the
/// participle or a data extract, not the excerpt of a decision, which would say "extrait de la
/// décision" and no date of loading), synchronising the reuser's copy with the source (which is
/// loading it again), integrating it into the reuser's base. "Mis à jour", "actualisé", "publié" or "mis en ligne" are not among
/// them: they may as well date the decision's last state, the ambiguity CE V wants removed.
const LOADING_WORDS: &[&str] = &[
    "charge",
    "chargee",
    "telecharge",
    "telechargee",
    "recupere",
    "recuperee",
    "importe",
    "importee",
    "collecte",
    "collectee",
    "moissonne",
    "moissonnee",
    "extrait",
    "extraite",
    "synchronise",
    "synchronisee",
    "integre",
    "integree",
    "chargement",
    "telechargement",
    "recuperation",
    "import",
    "importation",
    "moissonnage",
    "extraction",
    "synchronisation",
    "loaded",
    "downloaded",
    "retrieved",
    "imported",
    "fetched",
    "harvested",
    "collected",
    "extracted",
    "synchronized",
    "synchronised",
];

/// Whether a folded notice says that its date is when the reuser loaded the document: it holds
/// one of [`LOADING_WORDS`], in the plural too ("données chargées", "documents récupérés"), or
/// one of them with the prefix `re`: a reload is a load ("rechargé", "réimporté",
/// "resynchronisé", "reloaded"; "re-téléchargé" folds into `re` and a loading word).
fn says_loaded(folded: &str) -> bool {
    let loading = |w: &str| {
        LOADING_WORDS.contains(&w)
            || w.strip_suffix('s')
                .is_some_and(|one| LOADING_WORDS.contains(&one))
    };
    folded
        .split(' ')
        .any(|w| loading(w) || w.strip_prefix("re").is_some_and(loading))
}

/// FRE005: for Conseil d'État decisions, the notice must say the date is the loading date.
pub fn check_notice(notice: Option<&str>, rec: &Arc<RecordRef>, out: &mut Vec<Finding>) {
    let text = notice.map(str::trim).unwrap_or("");
    let folded = super::attribution::fold(text);
    if !says_loaded(&folded) {
        let msg = if text.is_empty() {
            "no update notice says that the date shown is when the document was loaded from the source"
        } else {
            "the update notice does not make clear that the date is when the document was loaded from the source (e.g. « Document chargé sur le site source le … »)"
        };
        out.push(
            Finding::new(Rule::FRE005, Some(rec.clone()), msg).with_evidence(Evidence {
                field: "update_notice".into(),
                excerpt: (!text.is_empty()).then(|| bound::ends(text, bound::VALUE).into_owned()),
                ..Default::default()
            }),
        );
    }
}

/// FRE003: the newest date of last update of the corpus is more than 72 hours before the audit
/// time. `newest` leaves out the `future` records, dated more than a day after the audit time
/// (each an FRE001): the message counts them. The date is quoted as the corpus gives it (a day
/// alone as that day, whose end it is taken at), the age in hours, minutes and seconds, rounded
/// up to the second, so that it is never shown as 72 hours when it is more.
pub fn check_sync(
    newest: Option<ident::Written>,
    future: u64,
    as_of: Timestamp,
) -> Option<Finding> {
    let (shown, offset) = newest?;
    let at = shown.end();
    let age = as_of.duration_since(at);
    if age <= SignedDuration::from_hours(72) {
        return None;
    }
    let age_secs = whole_seconds_up(age);
    let dur = english_duration(age_secs);
    let set_aside = match future {
        0 => String::new(),
        1 => " (1 record dated more than a day after the audit time is not counted: see its \
              FRE001)"
            .to_string(),
        n => format!(
            " ({n} records dated more than a day after the audit time are not counted: see \
             their FRE001)"
        ),
    };
    let newest = match shown {
        Moment::Date(d) => {
            format!("{d}, a date without a time, taken at the end of that day in France")
        }
        // As the corpus wrote it, then in UTC and in Paris time, which the notice gives:
        // `2026-11-19 04:00 -05:00, 09:00 UTC, 10:00 in Paris`.
        Moment::Instant(t) => as_written(t, offset, true),
    };
    Some(
        Finding::new(
            Rule::FRE003,
            None,
            format!(
                "the newest update in the corpus ({newest}) is {dur} before the audit time: more \
                 than 72 hours, the longest interval between two updates that the Cour de \
                 cassation recommends for its decisions (CC V; the other producers set no \
                 figure){set_aside}"
            ),
        )
        .with_fact(Fact::Newest(Box::new(Newest {
            offset,
            at,
            shown,
            age_secs,
            set_aside: future,
        }))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fre005_wants_the_loading_wording() {
        let r = Arc::new(RecordRef::default());
        let mut out = Vec::new();
        check_notice(
            Some("Document chargé sur le site source le 20/11/2026"),
            &r,
            &mut out,
        );
        check_notice(Some("Décision récupérée le 3 nov. 2026"), &r, &mut out);
        check_notice(
            Some("Téléchargé depuis opendata le 2026-11-20"),
            &r,
            &mut out,
        );
        assert!(out.is_empty());
        check_notice(Some("Mis à jour le 20/11/2026"), &r, &mut out);
        check_notice(Some("Dernière mise à jour : 20/11/2026"), &r, &mut out);
        check_notice(None, &r, &mut out);
        assert_eq!(out.len(), 3);
        assert!(out.iter().all(|f| f.rule == Rule::FRE005));
    }

    /// A reload is a load; so are the other ways of taking the document from the source. What
    /// may date the decision's own last state is not.
    #[test]
    fn fre005_takes_a_reload_and_the_equivalents_of_a_load() {
        let fre005 = |notice: &str| {
            let mut out = Vec::new();
            check_notice(Some(notice), &Arc::new(RecordRef::default()), &mut out);
            !out.is_empty()
        };
        for clear in [
            "Rechargé le 20/11/2026",
            "Document rechargé depuis la source le 20/11/2026",
            "Décision réimportée le 20/11/2026",
            "Re-téléchargé le 20/11/2026",
            "Retéléchargé le 20/11/2026",
            "Document re-chargé le 20/11/2026",
            "Rechargement depuis Légifrance : 20/11/2026",
            "Resynchronisé avec la source le 20/11/2026",
            "Reloaded from the source on 2026-11-20",
            "Re-imported on 2026-11-20",
            "Collecté le 20/11/2026",
            "Date de collecte : 20/11/2026",
            "Moissonné depuis l'open data le 20/11/2026",
            "Décision moissonnée le 20/11/2026",
            "Synchronisé avec le site source le 20/11/2026",
            "Document extrait de la base Judilibre le 20/11/2026",
            "Extrait le 20/11/2026",
            "Extrait de Légifrance le 20/11/2026",
            "Décision extraite le 20/11/2026",
            "Date d'extraction : 20/11/2026",
            "Collected from the source on 2026-11-20",
            // In the plural, when the notice speaks of the data or the documents.
            "Données chargées le 21/11/2026",
            "Documents récupérés le 21/11/2026",
            "Données importées le 21/11/2026",
            "Données téléchargées le 21/11/2026",
            "Fichiers rechargés le 21/11/2026",
            "Décisions extraites le 21/11/2026",
        ] {
            assert!(!fre005(clear), "{clear}");
        }
        for ambiguous in [
            "Mis à jour le 20/11/2026",
            "Actualisé le 20/11/2026",
            "Mis en ligne le 20/11/2026",
            "Publié le 20/11/2026",
            "Données mises à jour le 20/11/2026",
            "Décisions publiées le 20/11/2026",
            // `re` alone, or before what is no loading word.
            "Re : 20/11/2026",
            "Revu le 20/11/2026",
            "Relu le 20/11/2026",
        ] {
            assert!(fre005(ambiguous), "{ambiguous}");
        }
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn fre003_after_72_hours() {
        let as_of = ts("2026-11-22T12:00:00Z");
        // Written in UTC (`Z`).
        let z = |m: Moment| Some((m, Some(jiff::tz::Offset::UTC)));
        let fresh = Moment::Instant(ts("2026-11-20T12:00:00Z"));
        let stale = Moment::Instant(ts("2026-11-19T11:59:00Z"));
        assert!(check_sync(z(fresh), 0, as_of).is_none());
        // Exactly 72 hours is not more than 72 hours.
        let limit = Moment::Instant(ts("2026-11-19T12:00:00Z"));
        assert!(check_sync(z(limit), 0, as_of).is_none());
        let f = check_sync(z(stale), 0, as_of).unwrap();
        assert_eq!(f.rule, Rule::FRE003);
        assert!(f.record.is_none());
        // 2026-11-19 11:59 to 2026-11-22 12:00 is 72 h 01 min: not "72 hours" (floored), which
        // the rule's "more than 72 hours" would contradict.
        assert_eq!(
            f.message,
            "the newest update in the corpus (2026-11-19 11:59 UTC, 12:59 in Paris) is 72 hours and 1 minute \
             before the audit time: more than 72 hours, the longest interval between two updates that the Cour de cassation recommends for its decisions (CC V; the other producers set no figure)"
        );
        let Fact::Newest(n) = &f.fact else {
            panic!("{:?}", f.fact)
        };
        assert_eq!(n.age_secs, 72 * 3600 + 60);
        assert_eq!(n.shown, stale);
        assert_eq!(n.at, ts("2026-11-19T11:59:00Z"));
        assert!(check_sync(None, 0, as_of).is_none());
        let f = check_sync(z(stale), 2, as_of).unwrap();
        assert!(
            f.message.ends_with(
                " (2 records dated more than a day after the audit time are not counted: see \
                 their FRE001)"
            ),
            "{}",
            f.message
        );
        // An instant whose day in Paris is the next one names that day too.
        let f = check_sync(z(Moment::Instant(ts("2026-11-18T23:30:00Z"))), 0, as_of).unwrap();
        assert!(
            f.message
                .starts_with("the newest update in the corpus (2026-11-18 23:30 UTC, 2026-11-19 00:30 in Paris) is 84 hours and 30 minutes"),
            "{}",
            f.message
        );
        // Half a second over 72 hours is shown over 72 hours, rounded up to the second.
        let f = check_sync(z(Moment::Instant(ts("2026-11-19T11:59:59.5Z"))), 1, as_of).unwrap();
        assert!(
            f.message.contains(
                "(2026-11-19 11:59:59 UTC, 12:59:59 in Paris) is 72 hours and 1 second before the audit time"
            ),
            "{}",
            f.message
        );
        assert!(f.message.ends_with(
            " (1 record dated more than a day after the audit time is not counted: see its FRE001)"
        ));
    }

    /// A date alone is quoted as the day the corpus gives, not as the instant it is taken at
    /// (the end of that day in France, 23:00 UTC in November).
    #[test]
    fn fre003_quotes_a_date_alone_as_a_day() {
        let as_of = ts("2026-11-22T12:00:00Z");
        let d = Moment::Date(jiff::civil::date(2026, 11, 18));
        let f = check_sync(Some((d, None)), 0, as_of).unwrap();
        // From 2026-11-18T23:00Z to 2026-11-22T12:00Z: 3 days 13 hours, 85 hours.
        assert_eq!(
            f.message,
            "the newest update in the corpus (2026-11-18, a date without a time, taken at the end \
             of that day in France) is 85 hours before the audit time: more than 72 hours, the \
             longest interval between two updates that the Cour de cassation recommends for its \
             decisions (CC V; the other producers set no figure)"
        );
        assert!(!f.message.contains("23:00"));
        let Fact::Newest(n) = &f.fact else {
            panic!("{:?}", f.fact)
        };
        assert_eq!((n.shown, n.age_secs), (d, 85 * 3600));
        // The 19th ends at 23:00 UTC: 61 hours before, fresh.
        let d = Moment::Date(jiff::civil::date(2026, 11, 19));
        assert!(check_sync(Some((d, None)), 0, as_of).is_none());
    }

    /// An instant written with an offset is quoted as written, then in UTC and in Paris time;
    /// one written without an offset, a French local time, in Paris time first, then in UTC.
    #[test]
    fn fre003_quotes_an_instant_as_the_corpus_wrote_it() {
        let as_of = ts("2026-11-22T12:00:00Z");
        let newest = |s: &str| {
            let f = check_sync(ident::parse_written_moment(s), 0, as_of).unwrap();
            let end = f.message.find(") is ").unwrap();
            f.message["the newest update in the corpus (".len()..end].to_string()
        };
        // 08:00 at UTC-5 is 13:00 UTC, 14:00 in Paris (UTC+1 in November).
        assert_eq!(
            newest("2026-11-18T08:00:00-05:00"),
            "2026-11-18 08:00 -05:00, 13:00 UTC, 14:00 in Paris"
        );
        // 22:30 at UTC-5 on the 18th is the 19th in UTC and in Paris: the day said once.
        assert_eq!(
            newest("2026-11-18T22:30:00-05:00"),
            "2026-11-18 22:30 -05:00, 2026-11-19 03:30 UTC, 04:30 in Paris"
        );
        // Paris's own offset: the Paris reading is the one written, said once.
        assert_eq!(
            newest("2026-11-18T14:00:00+01:00"),
            "2026-11-18 14:00 +01:00, 13:00 UTC"
        );
        assert_eq!(
            newest("2026-11-18T13:00:00Z"),
            "2026-11-18 13:00 UTC, 14:00 in Paris"
        );
        assert_eq!(
            newest("2026-11-18T14:00:00"),
            "2026-11-18 14:00 in Paris, 13:00 UTC"
        );
        assert_eq!(
            newest("2026-11-18T08:00:00+0530"),
            "2026-11-18 08:00 +05:30, 02:30 UTC, 03:30 in Paris"
        );
    }

    /// FRE002's two instants on one day: the source's in UTC, the record's as it wrote it, then
    /// in UTC; on two days, the days in France.
    #[test]
    fn fre002_quotes_the_record_s_instant_as_written() {
        let source = Moment::Instant(ts("2026-11-21T10:00:00Z"));
        let (loaded, offset) = ident::parse_written_moment("2026-11-21T04:00:00-05:00").unwrap();
        assert_eq!(
            days_or_times(source, loaded, offset),
            (
                "2026-11-21 10:00 UTC".to_string(),
                "2026-11-21 04:00 -05:00, 09:00 UTC".to_string()
            )
        );
        let (loaded, offset) = ident::parse_written_moment("2026-11-21T09:00:00Z").unwrap();
        assert_eq!(
            days_or_times(source, loaded, offset).1,
            "2026-11-21 09:00 UTC"
        );
        let (loaded, offset) = ident::parse_written_moment("2026-11-20").unwrap();
        assert_eq!(
            days_or_times(source, loaded, offset),
            ("2026-11-21".to_string(), "2026-11-20".to_string())
        );
    }

    #[test]
    fn durations_in_english() {
        assert_eq!(english_duration(0), "0 hours");
        assert_eq!(english_duration(3600), "1 hour");
        assert_eq!(english_duration(85 * 3600), "85 hours");
        assert_eq!(english_duration(72 * 3600 + 60), "72 hours and 1 minute");
        assert_eq!(
            english_duration(3600 + 120 + 3),
            "1 hour, 2 minutes and 3 seconds"
        );
        assert_eq!(english_duration(5), "0 hours and 5 seconds");
        assert_eq!(whole_seconds_up(SignedDuration::new(5, 1)), 6);
        assert_eq!(whole_seconds_up(SignedDuration::new(5, 0)), 5);
        assert_eq!(whole_seconds_up(SignedDuration::new(-5, 0)), 0);
    }

    fn check(updated_at: Option<&str>, notice: Option<&str>) -> (Option<Loaded>, Vec<Finding>) {
        let r = Arc::new(RecordRef::default());
        let mut out = Vec::new();
        let as_of = Some(ts("2026-11-22T12:00:00Z"));
        (
            check_update_date(updated_at, notice, as_of, &r, &mut out),
            out,
        )
    }

    /// A date of last update more than a day after the audit time cannot be true: FRE001, with
    /// how far ahead it is; within the day it is clock or time-zone slack, and fresh.
    #[test]
    fn fre001_for_a_date_after_the_audit() {
        // A day alone: 2099-01-01 is 26,338 days after 2026-11-22 (40 days to 2027-01-01, then
        // 72 years, 18 of them leap, 2028 to 2096: 72 × 365 + 18 = 26,298).
        let (l, out) = check(Some("2099-01-01"), None);
        let l = l.unwrap();
        assert!(l.after_audit);
        assert_eq!(out.len(), 1);
        let f = &out[0];
        assert_eq!(f.rule, Rule::FRE001);
        assert_eq!(
            f.message,
            "the date of last update shown (2099-01-01) is 26338 days after the day of the audit \
             (2026-11-22, in France): a date still to come cannot be that of the last update (if \
             the audit is back-dated, --as-of may be wrong)"
        );
        let e = f.evidence.as_deref().unwrap();
        assert_eq!(
            (&*e.field, e.excerpt.as_deref()),
            ("updated_at", Some("2099-01-01"))
        );
        assert!(matches!(&f.fact, Fact::AfterAudit(a) if a.shown == l.shown));

        // The last day of the calendar, which databases write for "never": its midnight in
        // France is past the last instant there is, and it is still a date to come (2,912,117
        // days: Python's `date(9999, 12, 31) - date(2026, 11, 22)`).
        for (updated_at, notice) in [
            (Some("9999-12-31"), None),
            (None, Some("Document chargé le 31/12/9999")),
        ] {
            let (l, out) = check(updated_at, notice);
            assert!(l.unwrap().after_audit, "{updated_at:?} {notice:?}");
            assert_eq!(out.len(), 1);
            assert_eq!(out[0].rule, Rule::FRE001);
            assert!(
                out[0]
                    .message
                    .contains("(9999-12-31) is 2912117 days after the day of the audit"),
                "{}",
                out[0].message
            );
        }

        // An instant 25 h 30 min ahead.
        let (l, out) = check(Some("2026-11-23T13:30:00Z"), None);
        assert!(l.unwrap().after_audit);
        assert_eq!(
            out[0].message,
            "the date of last update shown (2026-11-23 13:30 UTC) is 25 hours and 30 minutes \
             after the audit time (2026-11-22 12:00 UTC): a date still to come cannot be that of \
             the last update (if the audit is back-dated, --as-of may be wrong)"
        );
        // Within the day: slack, fresh, nothing to report.
        for within in ["2026-11-23T12:00:00Z", "2026-11-23T11:00:00Z", "2026-11-23"] {
            let (l, out) = check(Some(within), None);
            assert!(out.is_empty(), "{within}: {out:?}");
            assert!(!l.unwrap().after_audit, "{within}");
        }
        // The 24th starts at 2026-11-23T23:00Z, 35 hours after the audit: two days ahead.
        let (_, out) = check(Some("2026-11-24"), None);
        assert!(
            out[0]
                .message
                .contains("(2026-11-24) is 2 days after the day of the audit")
        );
        // From the update notice, when `updated_at` gives none.
        let (_, out) = check(
            None,
            Some("Document chargé sur le site source le 1er mars 2027"),
        );
        assert_eq!(out.len(), 1);
        assert!(
            out[0].message.starts_with(
                "the date of last update shown in the update notice (2027-03-01) is 99 days after"
            ),
            "{}",
            out[0].message
        );
        let e = out[0].evidence.as_deref().unwrap();
        assert_eq!(&*e.field, "update_notice");
        // Without an audit time, no date is after it.
        let r = Arc::new(RecordRef::default());
        let mut out = Vec::new();
        let l = check_update_date(Some("2099-01-01"), None, None, &r, &mut out);
        assert!(out.is_empty() && !l.unwrap().after_audit);
    }

    /// A notice's date with a two-digit year is read in this century; one no calendar has is
    /// said to be unreadable, not absent.
    #[test]
    fn fre001_tells_an_unreadable_notice_date_from_none() {
        let (l, out) = check(None, Some("Document chargé le 20/11/26"));
        assert!(out.is_empty(), "{out:?}");
        assert_eq!(
            l.unwrap().shown,
            Moment::Date(jiff::civil::date(2026, 11, 20))
        );
        for (notice, unreadable) in [
            ("Document chargé sur le site source le 31/11/2026", true),
            ("Document chargé le 31/11/26", true),
            ("Document chargé le 30 février 2026", true),
            ("Document chargé le 20/11/2026 à 25h00", true),
            ("Document chargé sur le site source", false),
            ("Document chargé en novembre", false),
        ] {
            let (l, out) = check(None, Some(notice));
            assert!(l.is_none(), "{notice}");
            assert_eq!(out.len(), 1, "{notice}");
            let e = out[0].evidence.as_deref().unwrap();
            if unreadable {
                assert_eq!(
                    out[0].message, "the date in the update notice cannot be read as a date",
                    "{notice}"
                );
                assert_eq!(
                    (&*e.field, e.excerpt.as_deref()),
                    ("update_notice", Some(notice))
                );
            } else {
                assert_eq!(
                    out[0].message, "no date of last update is shown with the decision",
                    "{notice}"
                );
                assert_eq!((&*e.field, e.excerpt.as_deref()), ("updated_at", None));
            }
        }
        // An unreadable `updated_at` is the one reported.
        let (_, out) = check(Some("hier"), Some("Document chargé le 31/11/2026"));
        assert_eq!(
            out[0].message,
            "the update date shown cannot be read as a date"
        );
        // A readable notice stands in for an unreadable `updated_at`.
        let (l, out) = check(Some("hier"), Some("Document chargé le 20/11/26"));
        assert!(out.is_empty());
        assert_eq!(
            l.unwrap().shown,
            Moment::Date(jiff::civil::date(2026, 11, 20))
        );
    }

    /// A notice whose only dates are the decision's shows no date of last update: FRE001, which
    /// says so, rather than the decision's day taken for the load (and FRE003 reckoning the
    /// corpus's age from it). A date after a word of loading, or one not introduced as the
    /// decision's, still counts.
    #[test]
    fn fre001_for_a_notice_that_dates_only_the_decision() {
        for notice in [
            "Arrêt du 03/10/2023",
            "Décision rendue le 3 octobre 2023",
            "Jugement en date du 03/10/2023, audience du 12/09/2023",
            "ARRÊT DU 3 OCTOBRE 2023",
        ] {
            let (l, out) = check(None, Some(notice));
            assert!(l.is_none(), "{notice}");
            assert_eq!(out.len(), 1, "{notice}");
            assert_eq!(
                out[0].message, "the update notice dates only the decision, not its last update",
                "{notice}"
            );
            let e = out[0].evidence.as_deref().unwrap();
            assert_eq!(
                (&*e.field, e.excerpt.as_deref()),
                ("update_notice", Some(notice))
            );
        }
        let day = |y, m, d| Some(Moment::Date(jiff::civil::date(y, m, d)));
        for (notice, shown) in [
            (
                "Arrêt du 03/10/2023, chargé le 20/11/2026",
                day(2026, 11, 20),
            ),
            (
                "Arrêt du 03/10/2023 ; mis à jour le 20/11/2026",
                day(2026, 11, 20),
            ),
            ("Mis à jour le 20/11/2026", day(2026, 11, 20)),
            ("Décision mise à jour le 20/11/2026", day(2026, 11, 20)),
        ] {
            let (l, out) = check(None, Some(notice));
            assert!(out.is_empty(), "{notice}: {out:?}");
            assert_eq!(l.map(|l| l.shown), shown, "{notice}");
        }
    }

    /// The source's update against the reuser's load, each a day in France or an instant
    /// (November: Paris is UTC+1, the 21st runs from 2026-11-20T23:00Z to 2026-11-21T23:00Z).
    #[test]
    fn an_update_against_a_load() {
        use UpdateToLoad::*;
        let day = |d: i8| Moment::Date(jiff::civil::date(2026, 11, d));
        let at = |s: &str| Moment::Instant(ts(s));
        for (updated, loaded, expected) in [
            // A load on the 20th cannot have seen an update of the 21st, nor of its first
            // instant.
            (day(21), day(20), After),
            (at("2026-11-20T23:00:00Z"), day(20), After),
            (day(21), at("2026-11-20T22:59:59Z"), After),
            // The same day, one of the two without a time: either may have come first.
            (day(21), day(21), SameDay),
            (at("2026-11-21T10:00:00Z"), day(21), SameDay),
            (at("2026-11-20T23:00:01Z"), day(21), SameDay),
            (day(21), at("2026-11-21T10:00:00Z"), SameDay),
            (day(21), at("2026-11-20T23:00:00Z"), SameDay),
            // Before the load's day, or the day after an update.
            (day(20), day(21), NotAfter),
            (at("2026-11-20T23:00:00Z"), day(21), NotAfter),
            (day(20), at("2026-11-20T23:00:00Z"), NotAfter),
            (day(21), at("2026-11-21T23:00:00Z"), NotAfter),
            // Both instants: their order.
            (
                at("2026-11-21T10:00:01Z"),
                at("2026-11-21T10:00:00Z"),
                After,
            ),
            (
                at("2026-11-21T10:00:00Z"),
                at("2026-11-21T10:00:00Z"),
                NotAfter,
            ),
            (
                at("2026-11-21T09:59:59Z"),
                at("2026-11-21T10:00:00Z"),
                NotAfter,
            ),
        ] {
            assert_eq!(
                update_to_load(updated, loaded),
                expected,
                "{updated:?} {loaded:?}"
            );
        }
    }

    #[test]
    fn a_date_alone_counts_as_its_end() {
        let t = record_loaded_at(Some("2026-11-19"), None).unwrap();
        // Midnight after 2026-11-19 in Paris (UTC+1) is 23:00 UTC.
        assert_eq!(t.to_string(), "2026-11-19T23:00:00Z");
    }
}
