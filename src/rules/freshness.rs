//! Freshness (FRE001–FRE005): the date of the last update must be shown, unambiguously for the
//! Conseil d'État, and the data kept up to date.

use super::Rule;
use crate::ident;
use crate::model::{Evidence, Fact, Finding, Newest, RecordRef};
use std::sync::Arc;

/// When the reuser last loaded the record, as an instant; a date alone counts as its end, in
/// French local time (the benefit of the doubt).
pub fn record_loaded_at(updated_at: Option<&str>, notice: Option<&str>) -> Option<jiff::Timestamp> {
    let m = updated_at
        .and_then(ident::parse_moment)
        .or_else(|| notice.and_then(ident::find_moment_in))?;
    Some(m.end())
}

/// FRE001: no update date, neither in `updated_at` nor in `update_notice`.
pub fn check_update_date(
    updated_at: Option<&str>,
    notice: Option<&str>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) -> Option<jiff::Timestamp> {
    let loaded = record_loaded_at(updated_at, notice);
    if loaded.is_none() {
        let given = updated_at.map(str::trim).filter(|s| !s.is_empty());
        let msg = match given {
            Some(_) => "the update date shown cannot be read as a date".to_string(),
            None => "no date of last update is shown with the decision".to_string(),
        };
        out.push(
            Finding::new(Rule::FRE001, Some(rec.clone()), msg).with_evidence(Evidence {
                field: "updated_at".into(),
                excerpt: given.map(|s| s.chars().take(80).collect()),
                ..Default::default()
            }),
        );
    }
    loaded
}

/// Folded stems of the words that make clear the date is when the reuser loaded the document.
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
    "collecte",
    "moissonnage",
    "extraction",
    "synchronisation",
    "loaded",
    "downloaded",
    "retrieved",
    "imported",
    "fetched",
    "harvested",
];

/// FRE005: for Conseil d'État decisions, the notice must say the date is the loading date.
pub fn check_notice(notice: Option<&str>, rec: &Arc<RecordRef>, out: &mut Vec<Finding>) {
    let text = notice.map(str::trim).unwrap_or("");
    let folded = super::attribution::fold(text);
    let clear = folded.split(' ').any(|w| LOADING_WORDS.contains(&w));
    if !clear {
        let msg = if text.is_empty() {
            "no update notice says that the date shown is when the document was loaded from the source"
        } else {
            "the update notice does not make clear that the date is when the document was loaded from the source (e.g. « Document chargé sur le site source le … »)"
        };
        out.push(
            Finding::new(Rule::FRE005, Some(rec.clone()), msg).with_evidence(Evidence {
                field: "update_notice".into(),
                excerpt: (!text.is_empty()).then(|| text.chars().take(200).collect()),
                ..Default::default()
            }),
        );
    }
}

/// FRE003: the newest `updated_at` of the corpus is more than 72 hours before the audit time.
/// `newest` leaves out the `future` records, loaded (they say) after the audit time: the
/// message counts them.
pub fn check_sync(
    newest: Option<jiff::Timestamp>,
    future: u64,
    as_of: jiff::Timestamp,
) -> Option<Finding> {
    let newest = newest?;
    let limit = jiff::SignedDuration::from_hours(72);
    let age = as_of.duration_since(newest);
    if age > limit {
        let hours = age.as_secs() / 3600;
        let shown = newest
            .to_zoned(jiff::tz::TimeZone::UTC)
            .strftime("%Y-%m-%d %H:%M UTC")
            .to_string();
        let set_aside = match future {
            0 => String::new(),
            1 => " (1 record dated after the audit time is not counted)".to_string(),
            n => format!(" ({n} records dated after the audit time are not counted)"),
        };
        Some(
            Finding::new(
                Rule::FRE003,
                None,
                format!(
                    "the newest update in the corpus ({shown}) is {hours} hours before the audit time: more than 72 hours, the longest interval between two updates that the Cour de cassation recommends for its decisions (CC V; the other producers set no figure){set_aside}"
                ),
            )
            .with_fact(Fact::Newest(Box::new(Newest {
                at: newest,
                hours: hours.max(0) as u64,
                set_aside: future,
            }))),
        )
    } else {
        None
    }
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

    #[test]
    fn fre003_after_72_hours() {
        let as_of: jiff::Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
        let fresh: jiff::Timestamp = "2026-11-20T12:00:00Z".parse().unwrap();
        let stale: jiff::Timestamp = "2026-11-19T11:59:00Z".parse().unwrap();
        assert!(check_sync(Some(fresh), 0, as_of).is_none());
        let f = check_sync(Some(stale), 0, as_of).unwrap();
        assert_eq!(f.rule, Rule::FRE003);
        assert!(f.record.is_none());
        assert!(f.message.contains("72 hours"));
        assert!(!f.message.contains("not counted"));
        assert!(check_sync(None, 0, as_of).is_none());
        let f = check_sync(Some(stale), 2, as_of).unwrap();
        assert!(
            f.message
                .ends_with(" (2 records dated after the audit time are not counted)"),
            "{}",
            f.message
        );
    }

    #[test]
    fn a_date_alone_counts_as_its_end() {
        let t = record_loaded_at(Some("2026-11-19"), None).unwrap();
        // Midnight after 2026-11-19 in Paris (UTC+1) is 23:00 UTC.
        assert_eq!(t.to_string(), "2026-11-19T23:00:00Z");
    }
}
