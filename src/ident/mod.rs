//! Identification: parsing the dates, numbers, courts, chambers and seats that records and
//! sources write, and deciding whether a record's identification field says the same as the
//! reference decision (SPEC §2.2). The integrity rules (INT005, INT006) and the freshness rules
//! (FRE001–FRE003) call this module.
//!
//! The comparisons lean towards [`Comparison::Unknown`] when vigie cannot read a value (a code
//! it has no table for, a spelling it cannot parse): the caller raises no finding then. A real
//! contradiction (another chamber, another day, other digits, another city) is
//! [`Comparison::Different`].

mod chambers;
mod courts;
mod dates;
mod fold;
mod numbers;
mod stray;
pub mod tables;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::{IdField, ReferenceDecision};

pub use chambers::{CcChamber, CcFormation, CcParsed, ChamberDesc, describe, parse_cc};
pub use courts::{Court, CourtKind, SeatValue, city_key, parse_court, parse_seat, same_city};
pub use dates::{
    DayParts, DayReading, MONTHS_FR, Moment, Written, dates_only_the_decision, find_moment_in,
    find_written_moment_in, french_date, has_date_like, offset_text, paris, paris_day,
    paris_instant, parse_date, parse_moment, parse_written_moment, read_day,
};
pub(crate) use fold::memoized;
pub use fold::{digit_value, field_text, fold, plain, words};
pub use stray::stray_words;
use stray::stray_words_in;

/// How a record's identification field compares with the reference decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Comparison {
    /// The record says the same as the reference.
    Equal,
    /// The record contradicts the reference; `expected` is the reference's value, for messages.
    Different { expected: String },
    /// vigie cannot tell (a value it cannot read, or nothing in the reference to compare with).
    Unknown,
}

/// Compares the record's value of `field` with the reference (SPEC §2.2).
pub fn compare(field: IdField, record_value: &str, reference: &ReferenceDecision) -> Comparison {
    compare_in(field, record_value, reference, &|| None)
}

/// The reference's text, for what only its text gives (the numbers it joins, its arrêt
/// number): the decision's own when it holds it, else `text`'s (the audit keeps reference texts
/// in a store), fetched once, and only when a record's number does not match at once.
struct RefText<'a> {
    reference: &'a ReferenceDecision,
    fetch: &'a dyn Fn() -> Option<String>,
    cell: std::cell::OnceCell<Option<String>>,
}

impl<'a> RefText<'a> {
    fn new(reference: &'a ReferenceDecision, fetch: &'a dyn Fn() -> Option<String>) -> Self {
        RefText {
            reference,
            fetch,
            cell: std::cell::OnceCell::new(),
        }
    }

    fn get(&self) -> &str {
        if !self.reference.text.is_empty() {
            return &self.reference.text;
        }
        self.cell
            .get_or_init(|| (self.fetch)())
            .as_deref()
            .unwrap_or("")
    }
}

/// As [`compare`], `text` giving the reference's text when the reference holds none: called
/// at most once, and only when a record's number does not match the reference's at once.
pub fn compare_in(
    field: IdField,
    record_value: &str,
    reference: &ReferenceDecision,
    text: &dyn Fn() -> Option<String>,
) -> Comparison {
    let text = RefText::new(reference, text);
    // Invisible characters are nothing, digits of any script their values, markup and
    // entities the text they show (see [`field_text`]).
    let record_value = field_text(record_value);
    let value = record_value.trim();
    if value.is_empty() {
        return Comparison::Unknown;
    }
    let different = || Comparison::Different {
        expected: reference_display(field, reference).unwrap_or_default(),
    };
    let verdict = match field {
        IdField::DecisionDate => compare_date(value, reference),
        IdField::Number => match compare_number(value, reference, &text) {
            // A wrong arrêt number: the message says which the reference gives.
            Some(numbers::Verdict::Different { arret: true }) => {
                let shown = reference_display(field, reference).unwrap_or_default();
                let own = reference_arret(reference, &text).unwrap_or_default();
                return Comparison::Different {
                    expected: format!("{shown}, arrêt n° {own}"),
                };
            }
            // A date beside the number that is not the decision's: the message gives both.
            Some(numbers::Verdict::Different { arret: false })
                if numbers_dated_otherwise(value, reference) =>
            {
                let shown = reference_display(field, reference).unwrap_or_default();
                let day = reference.decision_date.map(dates::french_date);
                return Comparison::Different {
                    expected: match day {
                        Some(day) => format!("{shown} du {day}"),
                        None => shown,
                    },
                };
            }
            Some(numbers::Verdict::Different { arret: false }) => Some(false),
            Some(numbers::Verdict::Equal) => Some(true),
            Some(numbers::Verdict::Unverified) | None => None,
        },
        IdField::Jurisdiction => compare_jurisdiction(value, reference),
        IdField::Seat => compare_seat(value, reference),
        IdField::Formation => compare_formation(value, reference),
    };
    match verdict {
        Some(false) => different(),
        // What vigie read is the reference's, but a word that is part of no identification
        // alters it (`Chambre sociale xxxxx`, `Paris xxxx`, `2023-10-04 xxxx`).
        Some(true) if !stray_words_in(value, reference).is_empty() => different(),
        Some(true) => Comparison::Equal,
        // A value vigie cannot read, that holds a word that is part of no identification
        // (`Chambre xxxxx`, `18-NOV-20 xxxx`, `Cour de cass. xxxx`), is not the
        // reference's identification, whatever it may name besides: one made of the words of
        // identifications alone (`1re chambre`) may be right, and raises nothing; one that
        // identifies nothing (`hier`, `XYZ`) is INT005 ([`unreadable`]), and so is a number
        // without a digit other than 0 (`the first one`), which shows none.
        None if reference_has(field, reference)
            && (field != IdField::Number || value.bytes().any(|b| matches!(b, b'1'..=b'9')))
            && unreadable_text(field, value, reference).is_none()
            && !stray_words_in(value, reference).is_empty() =>
        {
            different()
        }
        None => Comparison::Unknown,
    }
}

/// Whether the reference gives a value for `field`, i.e. whether the record must show it
/// (INT005). The seat counts when the reference states it or when it follows from the court
/// (the Cour de cassation and the Conseil d'État sit in Paris; a court of appeal's seat follows
/// from its `location`; a tribunal's from its name or code).
pub fn reference_has(field: IdField, reference: &ReferenceDecision) -> bool {
    match field {
        IdField::Jurisdiction => non_empty(&reference.jurisdiction).is_some(),
        IdField::Formation => {
            non_empty(&reference.chamber).is_some() || non_empty(&reference.formation).is_some()
        }
        IdField::Seat => !reference_seats(reference).is_empty(),
        IdField::DecisionDate => reference.decision_date.is_some(),
        IdField::Number => reference
            .numbers
            .iter()
            .any(|n| n.chars().any(|c| c.is_ascii_digit())),
    }
}

/// The reference's value of `field`, for messages (`Chambre civile 1`, `2023-10-05`, `Paris`…).
pub fn reference_display(field: IdField, reference: &ReferenceDecision) -> Option<String> {
    match field {
        IdField::DecisionDate => reference.decision_date.map(|d| d.to_string()),
        IdField::Number => {
            let numbers: Vec<&str> = reference
                .numbers
                .iter()
                .map(|n| n.trim())
                .filter(|n| !n.is_empty())
                .collect();
            (!numbers.is_empty()).then(|| numbers.join(", "))
        }
        IdField::Seat => {
            let seats: Vec<String> = reference_seats(reference)
                .iter()
                .filter_map(|seat| match seat {
                    SeatValue::City(city) => Some(pretty_city(city)),
                    SeatValue::UnknownCode | SeatValue::Unreadable => {
                        non_empty(&reference.seat).map(str::to_owned)
                    }
                })
                .collect();
            (!seats.is_empty()).then(|| seats.join(" or "))
        }
        IdField::Jurisdiction => jurisdiction_display(reference),
        IdField::Formation => formation_display(reference),
    }
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The reference's court, its seat taken from the `seat` field when given (a court of appeal's
/// `location`, a tribunal's code), else from the jurisdiction's name or code; and the other
/// seat the source gives, when it gives two.
///
/// Judilibre's `jurisdiction` is the kind of court (`tj`) and its `location` the court itself
/// (`tj33063`, `ca_chambery`). A tribunal whose jurisdiction is its own code (`tj33063`, the
/// tribunal judiciaire of Bordeaux) beside a court of appeal's slug (`ca_chambery`) has two
/// seats in its source: a record naming either contradicts nothing.
fn reference_court(reference: &ReferenceDecision) -> Option<(Court, Option<SeatValue>)> {
    let mut court = parse_court(non_empty(&reference.jurisdiction)?)?;
    let mut other = None;
    if let Some(raw) = non_empty(&reference.seat) {
        let is_ca_slug = raw.to_ascii_lowercase().starts_with("ca_");
        let own = is_ca_slug
            && court.kind != CourtKind::CourAppel
            && matches!(court.seat, Some(SeatValue::City(_)));
        if let Some(seat) = parse_seat(raw, Some(court.kind)) {
            if own {
                let same = match (&seat, &court.seat) {
                    (SeatValue::City(a), Some(SeatValue::City(b))) => same_city(a, b),
                    _ => false,
                };
                other = (!same).then_some(seat);
            } else {
                court.seat = Some(seat);
                if court.kind == CourtKind::TribunalCommerce && court.label.is_none() {
                    court.label = tables::tcom_label(raw);
                }
            }
        }
    }
    Some((court, other))
}

/// The seats the reference gives: its court's, then the other one, if any; or the `seat`
/// field's alone, when its court cannot be read.
fn reference_seats(reference: &ReferenceDecision) -> Vec<SeatValue> {
    match reference_court(reference) {
        Some((court, other)) => court.seat.into_iter().chain(other).collect(),
        None => non_empty(&reference.seat)
            .and_then(|raw| parse_seat(raw, None))
            .into_iter()
            .collect(),
    }
}

/// Every city of the tables by its comparison key, for display.
static CITY_NAMES: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut names = HashMap::new();
    for table in [
        tables::CA_LOCATIONS,
        tables::TJ_INSEE,
        tables::TA_CODES,
        tables::CAA_CODES,
        tables::CPH_CODES,
    ] {
        for &(_, name) in table {
            names.entry(city_key(name)).or_insert(name);
        }
    }
    names
});

/// A city for display: the tables' spelling when the city is in one (`Aix-en-Provence`), else
/// the value with capitals.
fn pretty_city(city: &str) -> String {
    if let Some(name) = CITY_NAMES.get(&city_key(city)) {
        return (*name).to_owned();
    }
    if city.chars().any(|c| c.is_uppercase()) {
        city.to_owned()
    } else {
        courts::title_case(city)
    }
}

fn jurisdiction_display(reference: &ReferenceDecision) -> Option<String> {
    let raw = non_empty(&reference.jurisdiction)?;
    let Some((court, _)) = reference_court(reference) else {
        return Some(raw.to_owned());
    };
    if let Some(label) = court.label {
        return Some(label.to_owned());
    }
    // A full name with its seat, as the source writes it (`Tribunal Administratif de
    // Cergy-Pontoise`), is kept; codes and bare kinds (`tj33063`, `ca`) are spelt out.
    let own_seat = parse_court(raw).is_some_and(|c| matches!(c.seat, Some(SeatValue::City(_))));
    if own_seat
        && court.kind.fixed_seat().is_none()
        && words(raw).starts_with(&words(court.kind.label()))
    {
        return Some(raw.to_owned());
    }
    let mut out = court.kind.label().to_owned();
    if court.kind.fixed_seat().is_none()
        && let Some(SeatValue::City(city)) = &court.seat
    {
        out.push(' ');
        out.push_str(&courts::with_preposition(&pretty_city(city)));
    }
    Some(out)
}

/// Whether the reference is a decision of the Cour de cassation, whose chambers and formations
/// go through the alias table.
fn cc_reference(reference: &ReferenceDecision) -> Option<CcParsed> {
    let kind = non_empty(&reference.jurisdiction)
        .and_then(parse_court)
        .map(|c| c.kind);
    let mut parsed = CcParsed::default();
    for raw in [
        non_empty(&reference.chamber),
        non_empty(&reference.formation),
    ]
    .into_iter()
    .flatten()
    {
        let p = parse_cc(raw);
        parsed.chamber = parsed.chamber.or(p.chamber);
        parsed.formation = parsed.formation.or(p.formation);
        parsed.leftover |= p.leftover;
    }
    let looks_cc = parsed.chamber.is_some() && !parsed.leftover;
    match kind {
        Some(CourtKind::CourDeCassation) => Some(parsed),
        None if looks_cc => Some(parsed),
        _ => None,
    }
}

fn formation_display(reference: &ReferenceDecision) -> Option<String> {
    let raws: Vec<&str> = [
        non_empty(&reference.chamber),
        non_empty(&reference.formation),
    ]
    .into_iter()
    .flatten()
    .collect();
    if raws.is_empty() {
        return None;
    }
    if let Some(cc) = cc_reference(reference) {
        let labels: Vec<&str> = [
            cc.chamber.map(CcChamber::label),
            cc.formation.map(CcFormation::label),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !labels.is_empty() && !cc.leftover {
            return Some(labels.join(" - "));
        }
    }
    Some(raws.join(" - "))
}

fn compare_date(value: &str, reference: &ReferenceDecision) -> Option<bool> {
    let expected = reference.decision_date?;
    match read_day(value) {
        // A value may give several days, the decision's among them (`Audience du 7 septembre
        // 2023, arrêt du 5 octobre 2023`).
        DayReading::Day(date) => {
            Some(date == expected || dates::days_in(value).contains(&expected))
        }
        // A date no calendar has, read either way (`31/02/2023`): not the reference's.
        DayReading::Impossible => Some(false),
        // Part of another day (`septembre 2023`, `2022`), or the whole of it with a year of two
        // digits (`05/10/23`).
        DayReading::Parts(p) if p.contradicts(expected) => Some(false),
        DayReading::Parts(p) if p.whole() => Some(true),
        // Part of the right day: too little to identify the decision ([`unreadable`]).
        DayReading::Parts(_) | DayReading::Nothing => None,
    }
}

/// Why the record's value of a required field, shown but not read, identifies nothing: a date
/// with no day, or none at all (`hier`); a court, chamber or formation vigie reads as none it
/// knows, where the reference's is one it knows. `None` when the value is read (equal or not
/// to the reference's) or when vigie cannot tell. A value that shows nothing at all (`-`,
/// `N/A`) is absent, not unreadable.
pub fn unreadable(field: IdField, value: &str, reference: &ReferenceDecision) -> Option<String> {
    unreadable_text(field, &field_text(value), reference)
}

/// [`unreadable`] of a value already read as [`field_text`] reads it (once: its text is not
/// decoded again).
fn unreadable_text(field: IdField, value: &str, reference: &ReferenceDecision) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || placeholder(value) {
        return None;
    }
    match field {
        IdField::DecisionDate => {
            let expected = reference.decision_date?;
            match read_day(value) {
                // A month's name, with or without digits, is a date vigie cannot read
                // (`05-OCT-23`), not none.
                DayReading::Nothing if !dates::mentions_a_month(value) => {
                    Some("no date can be read in it".to_owned())
                }
                DayReading::Parts(p) if p.whole_value && !p.whole() && !p.contradicts(expected) => {
                    Some(p.missing().to_owned())
                }
                _ => None,
            }
        }
        IdField::Jurisdiction => {
            reference_court(reference)?;
            (!courts::names_a_court(value) && !court_like(value))
                .then(|| "it names no court".to_owned())
        }
        IdField::Formation => {
            if cc_reference(reference).is_some() {
                let p = parse_cc(value);
                let none = p.chamber.is_none() && p.formation.is_none() && !p.conflicting;
                return (none && !bench_like(value)).then(|| {
                    "it names no chamber or formation of the Cour de cassation".to_owned()
                });
            }
            let raw = formation_raw(reference)?;
            let d = describe(&raw);
            let known = !d.is_empty()
                || administrative(reference)
                    .is_some_and(|council| chambers::admin_formation(&raw, &d, council).is_some());
            (!bench_like(value) && known).then(|| "it names no chamber or formation".to_owned())
        }
        IdField::Seat | IdField::Number => None,
    }
}

/// Whether `value` names a month in French, in full or abridged as dates write them (`oct.`).
pub fn names_a_month(value: &str) -> bool {
    words(value).split(' ').any(|w| {
        matches!(
            w,
            "janvier"
                | "janv"
                | "fevrier"
                | "fevr"
                | "fev"
                | "mars"
                | "avril"
                | "avr"
                | "mai"
                | "juin"
                | "juillet"
                | "juil"
                | "aout"
                | "septembre"
                | "sept"
                | "octobre"
                | "oct"
                | "novembre"
                | "nov"
                | "decembre"
                | "dec"
        )
    })
}

/// Whether an identification value stands for none: empty, without a letter or a digit (`-`,
/// `?`, `…`), or a word that says so (`N/A`, `NC`, `null`, `inconnu`, `non renseigné`…).
pub fn placeholder(value: &str) -> bool {
    // Most values are told at a glance, without folding: the words below hold no digit and
    // at most 14 letters, and folding keeps an ASCII letter or digit as one.
    let ascii_alnum = value.bytes().filter(u8::is_ascii_alphanumeric).count();
    if ascii_alnum > 14 || value.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // Letters or digits of another script are a value, which may be unreadable but is there.
    let key: String = fold(value)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    matches!(
        key.as_str(),
        "" | "na"
            | "nc"
            | "nd"
            | "nr"
            | "so"
            | "null"
            | "none"
            | "nil"
            | "nan"
            | "undefined"
            | "unknown"
            | "inconnu"
            | "inconnue"
            | "neant"
            | "aucun"
            | "aucune"
            | "sansobjet"
            | "nonrenseigne"
            | "nonrenseignee"
            | "noncommunique"
            | "noncommuniquee"
            | "nondisponible"
            | "nonprecise"
            | "nonprecisee"
    )
}

/// Compares a record's number field with the reference's numbers: the same digits in the same
/// order; failing that, the pourvoi numbers beside the decision's own arrêt number
/// (`Pourvoi n° 23-80.251 - Arrêt n° 01078`), its own ECLI, or how many more there are
/// (`21-25.274 et 3 autres`), which [`numbers::compare_pieces`] reads. The common case, a number as the
/// source writes it, never reaches the second reading.
fn compare_number(
    value: &str,
    reference: &ReferenceDecision,
    text: &RefText,
) -> Option<numbers::Verdict> {
    let expected: Vec<String> = reference
        .numbers
        .iter()
        .map(|n| numbers::digits_of(n))
        .filter(|d| !d.is_empty())
        .collect();
    if expected.is_empty() {
        return None;
    }
    let chunks = numbers::digit_chunks(value);
    if chunks.is_empty() {
        return None;
    }
    if numbers::all_match(&chunks, &expected) {
        return Some(numbers::Verdict::Equal);
    }
    // The numbers the text of an administrative decision joins with its own (`1° Sous le n°
    // 462782 … 2° Sous le n° 462783`), which its source does not list.
    let mut expected = expected;
    if administrative(reference).is_some() {
        let joined = numbers::joined_numbers(text.get(), &expected);
        if !joined.is_empty() {
            expected.extend(joined);
            if numbers::all_match(&chunks, &expected) {
                return Some(numbers::Verdict::Equal);
            }
        }
    }
    // An ECLI is read whole, before any date (an administrative one ends with the day): it
    // must be the decision's own, and the rest of the value is read without it.
    let (rest, eclis) = numbers::take_eclis(value);
    if !eclis.is_empty() {
        if !eclis.iter().all(|e| own_ecli(e, &expected, reference)) {
            return Some(numbers::Verdict::Different { arret: false });
        }
        let rest_chunks = numbers::digit_chunks(&rest);
        if rest_chunks.is_empty() || numbers::all_match(&rest_chunks, &expected) {
            return Some(numbers::Verdict::Equal);
        }
        return compare_dated(&rest, &expected, reference, text);
    }
    compare_dated(value, &expected, reference, text)
}

/// [`compare_number`] once the digits alone did not match and the ECLIs are read: the number
/// read apart from the days the value gives, then as [`read_numbers`] reads it.
fn compare_dated(
    value: &str,
    expected: &[String],
    reference: &ReferenceDecision,
    text: &RefText,
) -> Option<numbers::Verdict> {
    // A citation gives the number with the decision's date, and perhaps its court and chamber
    // (`n° 21-23.139 du 25 octobre 2023`, `Cass. 1re civ., 8 nov. 2023, n° 21-22.655`): the
    // number is read without the date, and the date must be the decision's.
    let (undated, days) = dates::take_days(value);
    // A date alone is no number: its digits are read as one, and contradict the reference.
    let undated_chunks = if days.is_empty() {
        Vec::new()
    } else {
        numbers::digit_chunks(&undated)
    };
    if !undated_chunks.is_empty() {
        let verdict = if numbers::all_match(&undated_chunks, expected) {
            numbers::Verdict::Equal
        } else {
            read_numbers(&undated, expected, reference, text)?
        };
        return Some(match (verdict, reference.decision_date) {
            (numbers::Verdict::Different { arret }, _) => numbers::Verdict::Different { arret },
            (_, Some(day)) if days.iter().any(|d| *d != day) => {
                numbers::Verdict::Different { arret: false }
            }
            // The decision's date is unknown: the number may be right, the date is unchecked.
            (numbers::Verdict::Equal, None) => numbers::Verdict::Unverified,
            (verdict, _) => verdict,
        });
    }
    read_numbers(value, expected, reference, text)
}

/// Whether the record's number field dates the decision on a day other than the reference's.
fn numbers_dated_otherwise(value: &str, reference: &ReferenceDecision) -> bool {
    reference
        .decision_date
        .is_some_and(|day| dates::take_days(value).1.iter().any(|d| *d != day))
}

/// [`compare_number`] once the digits alone did not match: the numbers of `value` as
/// [`numbers::read`] reads them, against the reference's (`expected`, digits alone).
fn read_numbers(
    value: &str,
    expected: &[String],
    reference: &ReferenceDecision,
    text: &RefText,
) -> Option<numbers::Verdict> {
    numbers::compare_pieces(
        &numbers::read(value),
        expected,
        || reference_arret(reference, text),
        |ecli| own_ecli(ecli, expected, reference),
    )
}

/// Whether `ecli` is the decision's own: the source's; or, when the source gives none (the
/// administrative open data), an ECLI of the administrative courts that embeds one of the
/// decision's numbers (`expected`, digits alone) and its day, under a code of its court: `CE…`
/// for the Conseil d'État (`CECHR`, `CESEC`, `CEASS`, `CEORD`…, the formation's where
/// [`ce_code_fits`] knows it), `CAA` and the letters of its numbers for a cour administrative
/// d'appel (`CAALY` for `21LY01234`), `TA…` for a tribunal administratif (whose city codes vigie
/// has no table for).
fn own_ecli(ecli: &str, expected: &[String], reference: &ReferenceDecision) -> bool {
    if reference
        .ecli
        .iter()
        .chain(&reference.other_ids)
        .any(|id| id.trim().eq_ignore_ascii_case(ecli))
    {
        return true;
    }
    if reference.ecli.is_some() {
        return false;
    }
    let (Some(kind), Some(e)) = (admin_kind(reference), numbers::admin_ecli(ecli)) else {
        return false;
    };
    let court = e.court.to_ascii_uppercase();
    let court_ok = match kind {
        CourtKind::ConseilEtat => court.starts_with("CE") && ce_code_fits(&court, reference),
        CourtKind::TribunalAdministratif => court.starts_with("TA"),
        _ => {
            // The letters of the numbers (`LY` in `21LY01234`) are the court's.
            let letters: Vec<String> = reference
                .numbers
                .iter()
                .map(|n| {
                    n.chars()
                        .filter(char::is_ascii_alphabetic)
                        .collect::<String>()
                })
                .filter(|l| !l.is_empty())
                .collect();
            court.strip_prefix("CAA").is_some_and(|own| {
                letters.is_empty() || letters.iter().any(|l| l.eq_ignore_ascii_case(own))
            })
        }
    };
    let day_ok = reference.decision_date.is_none_or(|d| {
        e.year == format!("{:04}", d.year())
            && e.day == format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
    });
    court_ok && day_ok && expected.contains(&numbers::digits_of(e.number))
}

/// Whether the formation code of a Conseil d'État ECLI (`CECHR` in
/// `ECLI:FR:CECHR:2024:490536.20240321`, upper case) may be the reference's formation's. vigie
/// checks the codes whose formation it has seen in real decisions: `CECHR`, chambres réunies
/// (JADE's `2ème - 7ème chambres réunies`, `ECLI:FR:CECHR:2024:490536.20240321`), and `CEASS`,
/// the Assemblée du contentieux (`CE, Ass., 12 avril 2013, n° 342409`,
/// `ECLI:FR:CEASS:2013:342409.20130412`). A decision of chambres réunies (not the former
/// sous-sections réunies, whose code is another) or of the Assemblée has that code; a decision
/// of another formation vigie reads has neither. Any other code (`CESEC`, `CECHS`, `CEORD`…),
/// or a formation vigie cannot read, is left unchecked.
fn ce_code_fits(code: &str, reference: &ReferenceDecision) -> bool {
    use chambers::AdminFormation::{Assemblee, Reunies};
    let Some(raw) = formation_raw(reference) else {
        return true;
    };
    let Some(formation) = chambers::admin_formation(&raw, &describe(&raw), true) else {
        return true;
    };
    let former = words(&raw).split(' ').any(|w| matches!(w, "sous" | "ssr"));
    let own = match formation {
        Reunies if !former => Some("CECHR"),
        Assemblee => Some("CEASS"),
        _ => None,
    };
    let named = match code {
        "CECHR" => Some(Reunies),
        "CEASS" => Some(Assemblee),
        _ => None,
    };
    own.is_none_or(|own| own == code) && named.is_none_or(|named| named == formation)
}

/// The decision's own arrêt number, leading zeros dropped (`1078`), when the reference gives
/// one: the end of a Cour de cassation ECLI (`ECLI:FR:CCASS:2023:CR01078`, the chamber's code
/// then the number; DILA's `NUMERO`, `C2301078`, ends with the same five digits), else a line
/// of the text's header that gives it (`Arrêt n° 740 FS-P+B`; on a decision of the Cour de
/// cassation, `N° 01078` alone, as criminal judgments write it). Judilibre's `number` and DILA's
/// `NUMERO_AFFAIRE` are the pourvoi numbers, never the arrêt number.
fn reference_arret(reference: &ReferenceDecision, text: &RefText) -> Option<String> {
    if let Some(ecli) = reference.ecli.as_deref() {
        let parts: Vec<&str> = ecli.trim().split(':').collect();
        if let [scheme, country, court, _year, ordinal] = parts[..]
            && scheme.eq_ignore_ascii_case("ecli")
            && country.eq_ignore_ascii_case("fr")
            && court.eq_ignore_ascii_case("ccass")
            && ordinal.len() == 7
            && ordinal.is_char_boundary(2)
            && numbers::arret_shaped(&ordinal[2..])
        {
            return Some(ordinal[2..].trim_start_matches('0').to_owned());
        }
    }
    let cc = cc_reference(reference).is_some();
    let full = text.get();
    let mut end = full.len().min(1500);
    while !full.is_char_boundary(end) {
        end -= 1;
    }
    full[..end].lines().find_map(|line| {
        let line = line.trim_start();
        // Most lines are told at a glance, without folding.
        if !matches!(line.bytes().next(), Some(b'A' | b'a' | b'N' | b'n')) {
            return None;
        }
        let w = words(line);
        let mut tokens = w.split(' ');
        let mut first = tokens.next()?;
        let labelled = first == "arret";
        if labelled {
            first = tokens.next()?;
        }
        if !(labelled || cc) || !matches!(first, "n" | "no" | "nº") {
            return None;
        }
        let number = tokens.next()?;
        // After the number, only the formation and publication code (`FS-P+B`).
        let code = tokens.all(|t| t.len() <= 3 && t.bytes().all(|b| b.is_ascii_lowercase()));
        (code && number.bytes().all(|b| b.is_ascii_digit()) && numbers::arret_shaped(number))
            .then(|| number.trim_start_matches('0').to_owned())
    })
}

/// Compares a record's seat with the seats of the reference: the same when it is one of them;
/// another when it is a city and they all are, other cities; `None` otherwise (a seat that
/// cannot be read, none given).
fn same_seat(record: &SeatValue, reference: &[SeatValue]) -> Option<bool> {
    let SeatValue::City(a) = record else {
        return None;
    };
    let mut verdict = Some(false);
    for seat in reference {
        match seat {
            SeatValue::City(b) if same_city(a, b) => return Some(true),
            SeatValue::City(_) => {}
            _ => verdict = None,
        }
    }
    verdict.filter(|_| !reference.is_empty())
}

fn compare_jurisdiction(value: &str, reference: &ReferenceDecision) -> Option<bool> {
    let (expected, _) = reference_court(reference)?;
    let Some(record) = parse_court(value) else {
        // A court vigie has no table for, but knows is another (`Conseil constitutionnel`).
        return courts::other_court(value).then_some(false);
    };
    if !record.same_kind_as(&expected) {
        return Some(false);
    }
    match &record.seat {
        // `Cour d'appel` without its seat names the same court as far as it goes.
        None => Some(true),
        Some(seat) => same_seat(seat, &reference_seats(reference)),
    }
}

fn compare_seat(value: &str, reference: &ReferenceDecision) -> Option<bool> {
    let kind = reference_court(reference).map(|(court, _)| court.kind);
    let expected = reference_seats(reference);
    if expected.is_empty() {
        return None;
    }
    same_seat(&parse_seat(value, kind)?, &expected)
}

fn compare_formation(value: &str, reference: &ReferenceDecision) -> Option<bool> {
    if let Some(expected) = cc_reference(reference) {
        let record = parse_cc(value);
        if record.conflicting {
            return None;
        }
        let mut agreed = false;
        if let (Some(a), Some(b)) = (record.chamber, expected.chamber) {
            if a != b {
                return Some(false);
            }
            agreed = true;
        }
        if let (Some(a), Some(b)) = (record.formation, expected.formation) {
            if !a.compatible(b) {
                return Some(false);
            }
            agreed = true;
        }
        let read = |c: &CcParsed| c.chamber.is_some() || c.formation.is_some();
        if !agreed && !read(&record) && read(&expected) {
            // No chamber or formation of the Cour de cassation, but another court's, or one
            // that no longer sits (`Pôle 4 - Chambre 9`, `Civ. 20`, `Juge des référés`,
            // `Chambre des requêtes`).
            return names_another_bench(value).then_some(false);
        }
        return (agreed && !record.leftover).then_some(true);
    }
    let raw = formation_raw(reference)?;
    if let Some(council) = administrative(reference) {
        return chambers::compare_admin(value, &raw, council);
    }
    chambers::compare_desc(&describe(value), &describe(&raw))
}

/// Whether the reference is a decision of an administrative court, whose formations
/// [`chambers::compare_admin`] compares: `Some(true)` for the Conseil d'État, `Some(false)` for
/// a cour administrative d'appel or a tribunal administratif.
fn administrative(reference: &ReferenceDecision) -> Option<bool> {
    admin_kind(reference).map(|kind| kind == CourtKind::ConseilEtat)
}

/// The reference's court, when it is an administrative one.
fn admin_kind(reference: &ReferenceDecision) -> Option<CourtKind> {
    let kind = non_empty(&reference.jurisdiction)
        .and_then(parse_court)?
        .kind;
    matches!(
        kind,
        CourtKind::ConseilEtat
            | CourtKind::CourAdministrativeAppel
            | CourtKind::TribunalAdministratif
    )
    .then_some(kind)
}

/// Whether `value`, which names no chamber or formation of the Cour de cassation, names
/// another court's (`Pôle 4 - Chambre 9`, `Juge des référés`, `Section du contentieux`,
/// `Chambre des requêtes`), rather than one of its own in words vigie cannot read (`1re
/// chambre`, `Chambre civile n° 2`, `Social`, `Second Civil Chamber`).
fn names_another_bench(value: &str) -> bool {
    let d = describe(value);
    d.pole.is_some()
        || d.section.is_some()
        || d.kinds.iter().any(|k| {
            !matches!(
                *k,
                "civile" | "commerciale" | "sociale" | "penale" | "mixte" | "pleniere"
            )
        })
        || words(value)
            .split(' ')
            .any(|w| matches!(w, "requetes" | "juge" | "tribunal"))
}

/// Whether `value` holds a digit or a word that benches are named with, in French or in
/// English: a chamber, formation or judge vigie may not read, but not nothing.
fn bench_like(value: &str) -> bool {
    value.bytes().any(|b| b.is_ascii_digit())
        || !describe(value).is_empty()
        || words(value).split(' ').any(|w| {
            matches!(
                w,
                "chambre"
                    | "chambres"
                    | "ch"
                    | "chr"
                    | "chbre"
                    | "formation"
                    | "section"
                    | "sect"
                    | "sous"
                    | "ssr"
                    | "assemblee"
                    | "ass"
                    | "pleniere"
                    | "plen"
                    | "mixte"
                    | "president"
                    | "presidente"
                    | "presidence"
                    | "premier"
                    | "premiere"
                    | "juge"
                    | "conseiller"
                    | "conseil"
                    | "bureau"
                    | "pole"
                    | "cour"
                    | "tribunal"
                    | "civ"
                    | "civil"
                    | "civile"
                    | "soc"
                    | "social"
                    | "sociale"
                    | "com"
                    | "commercial"
                    | "commerciale"
                    | "crim"
                    | "criminal"
                    | "criminelle"
                    | "chamber"
                    | "division"
                    | "panel"
                    | "plenary"
                    | "judge"
                    | "magistrat"
                    | "magistrate"
            )
        })
}

/// Whether `value` holds a word that courts are named with, in French or in English: a court
/// vigie may not read (`Cour de cass.`, `Court of Cassation`, `Paris, Cour d'appel`), but not
/// nothing (`XYZ`, `Haute juridiction`).
fn court_like(value: &str) -> bool {
    words(value).split(' ').any(|w| {
        matches!(
            w,
            "cour"
                | "court"
                | "tribunal"
                | "trib"
                | "conseil"
                | "council"
                | "cons"
                | "cass"
                | "cassation"
                | "ca"
                | "caa"
                | "ta"
                | "tj"
                | "tgi"
                | "ce"
                | "cc"
                | "cph"
                | "prud"
                | "prudhommes"
                | "state"
                | "etat"
                | "appel"
                | "appeal"
        )
    })
}

/// The reference's chamber and formation, as one value (`10ème - 9ème chambres réunies`).
fn formation_raw(reference: &ReferenceDecision) -> Option<Cow<'_, str>> {
    let mut raw: Cow<'_, str> = Cow::Borrowed(non_empty(&reference.chamber).unwrap_or(""));
    if let Some(f) = non_empty(&reference.formation) {
        raw = Cow::Owned(format!("{raw} {f}"));
    }
    (!raw.trim().is_empty()).then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::placeholder;

    #[test]
    fn placeholders_are_told_from_values() {
        for v in [
            "",
            "  ",
            "-",
            "…",
            "N/A",
            "n.c.",
            "NULL",
            "Inconnu",
            "Non renseigné",
            "NON-COMMUNIQUÉE",
            "non communiquée",
            "Sans objet",
        ] {
            assert!(placeholder(v), "{v:?}");
        }
        for v in [
            "Paris",
            "cr",
            "2023-10-03",
            "n° 23-80.251",
            "Chambre criminelle",
            "Cour de cassation",
            "NC 1",
            "non communiquée encore",
        ] {
            assert!(!placeholder(v), "{v:?}");
        }
    }
}
