//! Dates and moments as records and sources write them (SPEC §1.2).

use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use regex::{Captures, Regex};

use super::fold::fold;

/// A date or an instant: what an `updated_at` value says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A calendar day without a time.
    Date(Date),
    /// A point in time (naive date-times are taken as French local time, Europe/Paris).
    Instant(Timestamp),
}

impl Moment {
    /// The calendar day of the moment (in Europe/Paris for an instant).
    pub fn date(&self) -> Date {
        match *self {
            Moment::Date(d) => d,
            Moment::Instant(t) => paris_day(t),
        }
    }

    /// The instant the moment starts: midnight in Europe/Paris for a date. A date at the edge
    /// of the calendar (`9999-12-31`, which databases write for "never"), whose midnight in
    /// France falls beyond the last instant there is, starts at that last instant (the first,
    /// for the earliest dates): it stays a date still to come, or long past.
    pub fn start(&self) -> Timestamp {
        match *self {
            Moment::Date(d) => paris()
                .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
                .unwrap_or(if d.year() > 0 {
                    Timestamp::MAX
                } else {
                    Timestamp::MIN
                }),
            Moment::Instant(t) => t,
        }
    }

    /// The instant the moment ends: midnight after the day in Europe/Paris for a date (the
    /// latest the reuser may have loaded the decision that day), the instant itself otherwise.
    pub fn end(&self) -> Timestamp {
        match *self {
            Moment::Date(d) => d
                .tomorrow()
                .map(|next| Moment::Date(next).start())
                .unwrap_or(Timestamp::MAX),
            Moment::Instant(t) => t,
        }
    }
}

/// A moment as a text writes it: the moment, and for an instant the offset the text gives
/// (`Z` or `UTC` is [`Offset::UTC`], `-05:00` is five hours behind), or `None` for a French
/// local time without one (taken in Europe/Paris) and for a date alone. The messages quote an
/// instant in the offset it was written in, so that the reuser finds it in the corpus.
pub type Written = (Moment, Option<Offset>);

/// An offset as an ISO 8601 instant writes it, sign, hours and minutes: `-05:00`, `+05:30`.
pub fn offset_text(o: Offset) -> String {
    let secs = o.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", secs / 3600, secs / 60 % 60)
}

static PARIS: LazyLock<TimeZone> =
    LazyLock::new(|| TimeZone::get("Europe/Paris").unwrap_or(TimeZone::UTC));

/// The time zone of naive French date-times.
pub fn paris() -> TimeZone {
    PARIS.clone()
}

/// The calendar day of an instant in France, where the courts and the sources date things
/// (`2026-11-20T23:30:00Z` is the 21st).
pub fn paris_day(t: Timestamp) -> Date {
    t.to_zoned(paris()).date()
}

/// The instant of a date and time in France (DILA's archive names date them so).
pub fn paris_instant(t: DateTime) -> Option<Timestamp> {
    t.to_zoned(paris()).ok().map(|z| z.timestamp())
}

/// One regex for every accepted spelling, run on [`fold`]ed text (lower case, no accents).
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?:
            (?P<iy>\d{4})[-/](?P<im>\d{1,2})[-/](?P<id>\d{1,2})
            (?:
                [t\x20](?P<ih>\d{1,2}):(?P<imi>\d{2})(?::(?P<is>\d{2})(?:[.,]\d{1,9})?)?
                \x20?(?P<tz>z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?
            )?
          | (?P<nd>\d{1,2})\x20?[/.-]\x20?(?P<nm>\d{1,2})\x20?[/.-]\x20?(?P<ny>\d{4})
          | (?P<sd>\d{1,2})/(?P<sm>\d{1,2})/(?P<sy>\d{2})
          | (?P<td>\d{1,2})(?:er|°)?\s+
            (?P<tm>janvier|janv|jan|fevrier|fevr|fev|mars|mar|avril|avr|mai|juin|juillet|juil|
                   aout|septembre|sept|sep|octobre|oct|novembre|nov|decembre|dec)\.?
            \s+(?P<ty>\d{4})
        )
        (?:\b|$)
        (?:
            \s*,?\s*(?:a\s+)?(?P<h>\d{1,2})\s*(?:h|:)\s*(?P<mi>\d{2})?(?:\s*[:m]\s*(?P<s>\d{2}))?\b
        )?",
    )
    .expect("date regex")
});

fn month_number(m: &str) -> i8 {
    match m {
        "janvier" | "janv" | "jan" => 1,
        "fevrier" | "fevr" | "fev" => 2,
        "mars" | "mar" => 3,
        "avril" | "avr" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" | "juil" => 7,
        "aout" => 8,
        "septembre" | "sept" | "sep" => 9,
        "octobre" | "oct" => 10,
        "novembre" | "nov" => 11,
        _ => 12,
    }
}

fn num<T: std::str::FromStr>(caps: &Captures<'_>, name: &str) -> Option<T> {
    caps.name(name).and_then(|m| m.as_str().parse().ok())
}

/// The year a two-digit year means: 2000 to 2099. Only a date of last update is read so (in an
/// update notice, [`find_moment_in`]), and a reuser loaded its decisions from open-data sources
/// that are all of this century: `20/11/26` is 2026, never 1926.
fn short_year(yy: i16) -> i16 {
    2000 + yy
}

/// Turns one match of [`DATE_RE`] into a moment; `None` for an impossible date or time, and for
/// a date with a two-digit year unless `short_years` (SPEC §1.2 accepts none in a field).
fn moment_of(caps: &Captures<'_>, short_years: bool) -> Option<Moment> {
    written_moment_of(caps, short_years).map(|(m, _)| m)
}

/// [`moment_of`], with the offset the text wrote for an instant ([`Written`]).
fn written_moment_of(caps: &Captures<'_>, short_years: bool) -> Option<Written> {
    let (date, time, tz) = if caps.name("iy").is_some() {
        let date = Date::new(num(caps, "iy")?, num(caps, "im")?, num(caps, "id")?).ok()?;
        let time = match caps.name("ih") {
            Some(_) => Some((
                num::<i8>(caps, "ih")?,
                num::<i8>(caps, "imi")?,
                num::<i8>(caps, "is").unwrap_or(0),
            )),
            None => None,
        };
        (date, time, caps.name("tz").map(|m| m.as_str()))
    } else if caps.name("ny").is_some() {
        let date = Date::new(num(caps, "ny")?, num(caps, "nm")?, num(caps, "nd")?).ok()?;
        (date, None, None)
    } else if caps.name("sy").is_some() {
        if !short_years {
            return None;
        }
        let year = short_year(num(caps, "sy")?);
        let date = Date::new(year, num(caps, "sm")?, num(caps, "sd")?).ok()?;
        (date, None, None)
    } else {
        let month = month_number(caps.name("tm")?.as_str());
        let date = Date::new(num(caps, "ty")?, month, num(caps, "td")?).ok()?;
        (date, None, None)
    };
    let time = time.or_else(|| {
        caps.name("h")?;
        Some((
            num::<i8>(caps, "h")?,
            num::<i8>(caps, "mi").unwrap_or(0),
            num::<i8>(caps, "s").unwrap_or(0),
        ))
    });
    let Some((h, mi, s)) = time else {
        return Some((Moment::Date(date), None));
    };
    let dt = DateTime::new(date.year(), date.month(), date.day(), h, mi, s, 0).ok()?;
    let offset = match tz {
        Some("z" | "utc" | "gmt") => Some(Offset::UTC),
        Some(off) => {
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let digits: String = off.chars().filter(char::is_ascii_digit).collect();
            let hours: i32 = digits.get(..2)?.parse().ok()?;
            let minutes: i32 = digits
                .get(2..)
                .filter(|m| !m.is_empty())
                .map_or(Some(0), |m| m.parse().ok())?;
            Some(Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()?)
        }
        None => None,
    };
    let ts = match offset {
        Some(o) => o.to_timestamp(dt).ok()?,
        None => PARIS.to_timestamp(dt).ok()?,
    };
    Some((Moment::Instant(ts), offset))
}

/// Words that may precede a date written alone: `le 5 octobre 2023`, `jeudi 5 octobre 2023`.
fn only_lead_words(prefix: &str) -> bool {
    prefix
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w,
                "le" | "du"
                    | "lundi"
                    | "mardi"
                    | "mercredi"
                    | "jeudi"
                    | "vendredi"
                    | "samedi"
                    | "dimanche"
                    | "lun"
                    | "mar"
                    | "mer"
                    | "jeu"
                    | "ven"
                    | "sam"
                    | "dim"
            )
        })
}

/// Parses a value that is nothing but a date or a date-time.
fn parse_whole(s: &str) -> Option<Written> {
    let folded = fold(s);
    let caps = DATE_RE.captures(&folded)?;
    let whole = caps.get(0)?;
    if !only_lead_words(&folded[..whole.start()]) {
        return None;
    }
    let rest = folded[whole.end()..].trim_matches(|c: char| c.is_whitespace() || c == '.');
    if !rest.is_empty() {
        return None;
    }
    written_moment_of(&caps, false)
}

/// A date as a record or a source may write it: ISO 8601 (`2023-10-05`, `2023-10-05T14:03:00`,
/// with `Z` or an offset), `05/10/2023`, `5/10/2023`, `05-10-2023`, `05.10.2023`,
/// `5 octobre 2023`, `1er octobre 2023`, `5 oct. 2023`, `le 5 octobre 2023`,
/// `jeudi 5 octobre 2023`, with or without accents, any case. A naive date-time gives the day
/// as written; one with `Z` or an offset, the day it falls on in France.
pub fn parse_date(s: &str) -> Option<Date> {
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, Option<Date>>> =
            Default::default();
    }
    // A corpus repeats its decision dates: the regular expression's captures run once for each.
    super::fold::memoized(&MEMO, s, parse_date_uncached)
}

fn parse_date_uncached(s: &str) -> Option<Date> {
    let folded = fold(s);
    let caps = DATE_RE.captures(&folded)?;
    let whole = caps.get(0)?;
    if !only_lead_words(&folded[..whole.start()]) {
        return None;
    }
    let rest = folded[whole.end()..].trim_matches(|c: char| c.is_whitespace() || c == '.');
    if !rest.is_empty() {
        return None;
    }
    if caps.name("iy").is_some() && caps.name("tz").is_none() {
        Date::new(num(&caps, "iy")?, num(&caps, "im")?, num(&caps, "id")?).ok()
    } else {
        // An instant with its offset is the day it falls on in France (`2023-10-04T22:00:00Z`,
        // midnight in Paris as a program exports it, is the 5th).
        // The time, if any, must still be valid for the value to be a date.
        moment_of(&caps, false).map(|m| m.date())
    }
}

/// Whether `s` is written in an accepted spelling of a date (SPEC §1.2) that no calendar has,
/// read day first or month first (`31/02/2023`, `2023-13-45`, `30 février 2023`): no date, so
/// not the reference's. A date that reads month first (`11/18/2020`) is not one of them: it may
/// be the right day, written the American way.
pub fn impossible_date(s: &str) -> bool {
    let folded = fold(s);
    let Some(caps) = DATE_RE.captures(&folded) else {
        return false;
    };
    let Some(whole) = caps.get(0) else {
        return false;
    };
    let rest = folded[whole.end()..].trim_matches(|c: char| c.is_whitespace() || c == '.');
    if !only_lead_words(&folded[..whole.start()]) || !rest.is_empty() {
        return false;
    }
    let valid = |y: Option<i16>, m: Option<i8>, d: Option<i8>| match (y, m, d) {
        (Some(y), Some(m), Some(d)) => Date::new(y, m, d).is_ok() || Date::new(y, d, m).is_ok(),
        _ => true,
    };
    if caps.name("iy").is_some() {
        !valid(num(&caps, "iy"), num(&caps, "im"), num(&caps, "id"))
    } else if caps.name("ny").is_some() {
        !valid(num(&caps, "ny"), num(&caps, "nm"), num(&caps, "nd"))
    } else if caps.name("sy").is_some() {
        // A two-digit year is no accepted spelling: not a date at all, possible or not.
        false
    } else {
        let month = caps.name("tm").map(|m| month_number(m.as_str()));
        let (y, d) = (num::<i16>(&caps, "ty"), num::<i8>(&caps, "td"));
        matches!((y, month, d), (Some(y), Some(m), Some(d)) if Date::new(y, m, d).is_err())
    }
}

/// What a decision date, as a record shows it, tells of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayReading {
    /// A whole day.
    Day(Date),
    /// A date no calendar has (`31/02/2023`, `2024-13-05`).
    Impossible,
    /// Part of a day: a year alone (`2022`), a month and a year (`septembre 2023`, `2023-10`),
    /// a day and a month (`6 octobre`); or a whole day with a year of two digits (`06/10/23`),
    /// whose century the reader supplies.
    Parts(DayParts),
    /// No date at all (`hier`).
    Nothing,
}

/// The parts of a day a value gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DayParts {
    pub year: Option<i16>,
    /// Whether `year` is written with two digits (`23` for 2023).
    pub short_year: bool,
    pub month: Option<i8>,
    pub day: Option<i8>,
    /// Whether these parts are the whole value (`octobre 2023`), not what vigie read of a
    /// longer one (`le cinq octobre 2023`).
    pub whole_value: bool,
}

impl DayParts {
    /// Whether a part the value gives is not `d`'s.
    pub fn contradicts(&self, d: Date) -> bool {
        let year = self.year.is_some_and(|y| {
            if self.short_year {
                y != d.year().rem_euclid(100)
            } else {
                y != d.year()
            }
        });
        year || self.month.is_some_and(|m| m != d.month()) || self.day.is_some_and(|x| x != d.day())
    }

    /// Whether the value gives the day, the month and the year.
    pub fn whole(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// What the value leaves out, for messages.
    pub fn missing(&self) -> &'static str {
        match (
            self.year.is_some(),
            self.month.is_some(),
            self.day.is_some(),
        ) {
            (true, true, false) => "it gives no day",
            (true, false, _) => "it gives only a year",
            (false, _, _) => "it gives no year",
            (true, true, true) => "",
        }
    }
}

/// Spellings of a decision date that [`parse_date`] does not take as a whole value, run on
/// [`fold`]ed text: a date inside words (`arrêt du 6 octobre 2023`, `2023-10-06xyz`), compact
/// (`20231006`), dotted the ISO way (`2023.10.06`), in English (`6 October 2023`,
/// `October 6, 2023`), with a year of two digits (`06/10/23`); then parts of one.
static DAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    const MONTH_EN: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    const MONTH_FR: &str = "janvier|janv|fevrier|fevr|fev|mars|avril|avr|mai|juin|juillet|juil|aout|septembre|sept|octobre|oct|novembre|nov|decembre|dec";
    Regex::new(&format!(
        r"(?x)
          (?:^|[^0-9])(?P<cy>(?:1[89]|20)\d{{2}})(?P<cm>[01]\d)(?P<cd>[0-3]\d)(?:$|[^0-9])
        | (?:^|[^0-9])(?P<iy>\d{{4}})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?:$|[^0-9])
        | \b(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<em>{MONTH_EN})\.?,?\s+(?P<ey>\d{{4}})\b
        | \b(?P<em2>{MONTH_EN})\.?\s+(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<ey2>\d{{4}})\b
        | (?:^|[^0-9])(?P<sd>\d{{1,2}})\x20?[/.-]\x20?(?P<sm>\d{{1,2}})\x20?[/.-]\x20?(?P<sy>\d{{2}})(?:$|[^0-9])
        | \b(?P<pm>{MONTH_FR}|{MONTH_EN})\.?\s+(?P<py>\d{{4}})\b
        | (?:^|[^0-9])(?P<qy>\d{{4}})[-/](?P<qm>\d{{1,2}})(?:$|[^0-9./-])
        | (?:^|[^0-9./-])(?P<qm2>\d{{1,2}})[-/](?P<qy2>\d{{4}})(?:$|[^0-9])
        | \b(?P<td>\d{{1,2}})(?:er)?\s+(?P<tm>{MONTH_FR}|{MONTH_EN})\b
        | (?:^|[^0-9])(?P<y>(?:1[89]|20)\d{{2}})(?:$|[^0-9])
        "
    ))
    .expect("day regex")
});

fn month_en(m: &str) -> Option<i8> {
    Some(match m {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    })
}

/// A month's number from its French or English name, abridged or not.
fn any_month(m: &str) -> i8 {
    month_en(m).unwrap_or_else(|| month_number(m))
}

/// Reads a decision date as a record shows it (SPEC §2.2: the same calendar day, whatever the
/// accepted format): a whole value [`parse_date`] reads (an instant written with `Z` or an
/// offset is the day it falls on in France, where decisions are dated); else the first date
/// found inside it, in the spellings of [`DAY_RE`]; else the parts of a day it gives.
pub fn read_day(s: &str) -> DayReading {
    if let Some(d) = parse_date(s) {
        return DayReading::Day(d);
    }
    if impossible_date(s) {
        return DayReading::Impossible;
    }
    // An instant as e-mail and JavaScript's `toUTCString` write it (`Wed, 04 Oct 2023
    // 22:00:00 GMT`): the day it falls on in France.
    if let Ok(z) = jiff::fmt::rfc2822::parse(s.trim()) {
        return DayReading::Day(paris_day(z.timestamp()));
    }
    let folded = fold(s);
    if let Some(d) = days_of(&folded).next() {
        return DayReading::Day(d);
    }
    // A date written in words (`le dix-huit novembre deux mille vingt`), read as its digits.
    if let Some(digits) = numbers_in_words(&folded) {
        match read_day(&digits) {
            DayReading::Nothing => {}
            reading => return reading,
        }
    }
    // Month first, the American way, where it cannot be read day first (`11/18/2020`).
    if let Some(c) = DATE_RE.captures(&folded)
        && let (Some(y), Some(m), Some(d)) = (num(&c, "ny"), num(&c, "nd"), num::<i8>(&c, "nm"))
        && d > 12
        && let Ok(date) = Date::new(y, m, d)
    {
        return DayReading::Day(date);
    }
    let Some(c) = DAY_RE.captures(&folded) else {
        return DayReading::Nothing;
    };
    let whole_value = c.get(0).is_some_and(|m| {
        let rest = folded[m.end()..].trim_matches(|c: char| !c.is_alphanumeric());
        only_lead_words(&folded[..m.start()]) && rest.is_empty()
    });
    let n = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
    let whole = |y: Option<i16>, m: Option<i16>, d: Option<i16>| {
        let (y, m, d) = (y?, m?, d?);
        Some(
            match Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?) {
                Ok(d) => DayReading::Day(d),
                Err(_) => DayReading::Impossible,
            },
        )
    };
    let month = |name: &str| c.name(name).map(|m| i16::from(any_month(m.as_str())));
    let reading = if c.name("cy").is_some() {
        whole(n("cy"), n("cm"), n("cd"))
    } else if c.name("iy").is_some() {
        whole(n("iy"), n("im"), n("id"))
    } else if c.name("ey").is_some() {
        whole(n("ey"), month("em"), n("ed"))
    } else if c.name("ey2").is_some() {
        whole(n("ey2"), month("em2"), n("ed2"))
    } else if c.name("sy").is_some() {
        let (d, m, y) = (n("sd"), n("sm"), n("sy"));
        // Valid in a leap year, so that `29/02/24` is read.
        match (d, m, y) {
            (Some(d), Some(m), Some(y)) if Date::new(2000, m as i8, d as i8).is_ok() => {
                Some(DayReading::Parts(DayParts {
                    year: Some(y),
                    short_year: true,
                    month: Some(m as i8),
                    day: Some(d as i8),
                    whole_value,
                }))
            }
            _ => Some(DayReading::Impossible),
        }
    } else {
        let (y, m, d) = if c.name("py").is_some() {
            (n("py"), month("pm"), None)
        } else if c.name("qy").is_some() {
            (n("qy"), n("qm"), None)
        } else if c.name("qy2").is_some() {
            (n("qy2"), n("qm2"), None)
        } else if c.name("tm").is_some() {
            (None, month("tm"), n("td"))
        } else {
            (n("y"), None, None)
        };
        let valid =
            m.is_none_or(|m| (1..=12).contains(&m)) && d.is_none_or(|d| (1..=31).contains(&d));
        Some(if valid {
            DayReading::Parts(DayParts {
                year: y,
                short_year: false,
                month: m.map(|m| m as i8),
                day: d.map(|d| d as i8),
                whole_value,
            })
        } else {
            DayReading::Impossible
        })
    };
    reading.unwrap_or(DayReading::Nothing)
}

/// The value of a French number word, `0` for the words that multiply (`cent`, `mille`).
fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "un" | "une" | "premier" | "1er" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "six" => 6,
        "sept" => 7,
        "huit" => 8,
        "neuf" => 9,
        "dix" => 10,
        "onze" => 11,
        "douze" => 12,
        "treize" => 13,
        "quatorze" => 14,
        "quinze" => 15,
        "seize" => 16,
        "vingt" | "vingts" => 20,
        "trente" => 30,
        "quarante" => 40,
        "cinquante" => 50,
        "soixante" => 60,
        "cent" | "cents" | "mille" | "mil" => 0,
        _ => return None,
    })
}

/// The number a run of French number words writes (`dix huit` 18, `deux mille vingt trois`
/// 2023, `mil neuf cent quatre vingt dix neuf` 1999, `vingt et un` 21).
fn words_value(run: &[&str]) -> u32 {
    let (mut total, mut current) = (0u32, 0u32);
    for &w in run {
        match w {
            "mille" | "mil" => {
                total += current.max(1) * 1000;
                current = 0;
            }
            "cent" | "cents" => current = current.max(1) * 100,
            // `quatre-vingt(s)`: four twenties.
            "vingt" | "vingts" if current % 100 == 4 => current += 76,
            "et" => {}
            _ => current += number_word(w).unwrap_or(0),
        }
    }
    total + current
}

/// `folded` ([`fold`]ed text) with its numbers written in words as digits (`le dix-huit
/// novembre deux mille vingt` is `le 18 novembre 2020`), if it writes any; `et` joins the
/// words of one number (`vingt et un`). Digits and words are not mixed in one number. `None`
/// when no number is written in words, so that [`read_day`] reads the digits once.
fn numbers_in_words(folded: &str) -> Option<String> {
    let tokens: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    if !tokens.iter().any(|t| number_word(t).is_some()) {
        return None;
    }
    let mut converted = false;
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for (i, &t) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).copied();
        let joins = t == "et" && !run.is_empty() && next.is_some_and(|n| number_word(n).is_some());
        // `sept` before a year is September abridged (`sept 2023`), not seven.
        let month = t == "sept"
            && run.is_empty()
            && next.is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
        if (number_word(t).is_some() && !month) || joins {
            run.push(t);
            continue;
        }
        if !run.is_empty() {
            out.push(words_value(&run).to_string());
            run.clear();
            converted = true;
        }
        out.push(t.to_owned());
    }
    if !run.is_empty() {
        out.push(words_value(&run).to_string());
        converted = true;
    }
    converted.then(|| out.join(" "))
}

/// Every whole day written in `s` (`Audience du 7 septembre 2023, arrêt du 5 octobre 2023`).
pub fn days_in(s: &str) -> Vec<Date> {
    days_of(&fold(s)).collect()
}

/// The whole days written in `folded` ([`fold`]ed text), in order.
fn days_of(folded: &str) -> impl Iterator<Item = Date> + '_ {
    DATE_RE
        .captures_iter(folded)
        .filter_map(|c| moment_of(&c, false))
        .map(|m| m.date())
}

/// The whole days written in `s` ([`fold`]ed), with `s` folded and each of them blanked out:
/// what a number field holds besides its number (`n° 21-23.139 du 25 octobre 2023`, `Cass. 1re
/// civ., 8 nov. 2023, n° 21-22.655`). Only dates with a four-digit year count, so that no case
/// number is taken for one (`20/00804`, `21-23.139` never match).
pub fn take_days(s: &str) -> (String, Vec<Date>) {
    let mut folded = fold(s);
    let mut days = Vec::new();
    let mut spans = Vec::new();
    for c in DATE_RE.captures_iter(&folded) {
        if let (Some(m), Some(moment)) = (c.get(0), moment_of(&c, false)) {
            days.push(moment.date());
            spans.push(m.range());
        }
    }
    for r in spans.into_iter().rev() {
        folded.replace_range(r.clone(), &" ".repeat(r.len()));
    }
    (folded, days)
}

/// Whether `s` names a month, in French or in English, in full or abridged.
pub fn mentions_a_month(s: &str) -> bool {
    super::names_a_month(s) || super::words(s).split(' ').any(|w| month_en(w).is_some())
}

/// An `updated_at` value: a date, or a date-time (naive ones are French local time).
pub fn parse_moment(s: &str) -> Option<Moment> {
    parse_written_moment(s).map(|(m, _)| m)
}

/// [`parse_moment`], with the offset the value writes ([`Written`]).
pub fn parse_written_moment(s: &str) -> Option<Written> {
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, Option<Written>>> =
            Default::default();
    }
    // Most records of a corpus were loaded on a few days: one parse each.
    super::fold::memoized(&MEMO, s, parse_whole)
}

/// The first date (with its time, if one follows) found inside a sentence such as
/// `Document chargé sur le site source le 20/11/2026` or `Mis à jour le 3 novembre 2026 à 14h05`.
/// A sentence written for readers may give the year in two digits, as French often does
/// (`le 20/11/26`): it is read in this century ([`short_year`]).
///
/// Of several dates, the first after a word of loading (`Décision du 05/12/25 chargée le
/// 21/11/26` is the 21st; `chargé le 01/12/2025, page consultée le 21/11/2026` the 1st), else
/// the first that does not date the decision itself (`Arrêt du 03/10/2023` gives no date of
/// update; see [`dates_only_the_decision`]).
pub fn find_moment_in(text: &str) -> Option<Moment> {
    find_written_moment_in(text).map(|(m, _)| m)
}

/// [`find_moment_in`], with the offset the sentence writes ([`Written`]).
pub fn find_written_moment_in(text: &str) -> Option<Written> {
    let folded = fold(text);
    let dates: Vec<(usize, Written)> = DATE_RE
        .captures_iter(&folded)
        .filter_map(|caps| Some((caps.get(0)?.start(), written_moment_of(&caps, true)?)))
        .collect();
    let load = LOAD_RE.find(&folded).map(|m| m.start());
    load.and_then(|l| dates.iter().find(|(at, _)| *at > l))
        .or_else(|| {
            dates
                .iter()
                .find(|(at, _)| !DECISION_DATE_RE.is_match(&folded[..*at]))
        })
        .map(|&(_, m)| m)
}

/// Whether every date of a sentence, and there is one, is introduced as the decision's own
/// (`Arrêt du 03/10/2023`, `décision rendue le 3 octobre 2023`) and none follows a word of
/// loading: such a notice shows no date of last update, however many dates it holds.
pub fn dates_only_the_decision(text: &str) -> bool {
    let folded = fold(text);
    let mut dates = DATE_RE.find_iter(&folded).map(|m| m.start()).peekable();
    dates.peek().is_some()
        && !LOAD_RE.is_match(&folded)
        && dates.all(|at| DECISION_DATE_RE.is_match(&folded[..at]))
}

/// What introduces a date as the decision's, on [`fold`]ed text ending where the date starts:
/// the act (`arrêt`, `jugement`, `ordonnance`, `décision`, `avis`), its hearing or its delivery
/// (`audience`, `séance`, `rendu`, `prononcé`, `délibéré`), then `du`, `le`, `en date du`.
static DECISION_DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:arrets?|decisions?|jugements?|ordonnances?|avis|audiences?|seances?|rendue?s?|prononcee?s?|delibere)\s+(?:(?:en\s+date\s+)?du|le|des)\s*$",
    )
    .expect("decision date regex")
});

/// Words that say a document was loaded, on [`fold`]ed text (`chargé`, `téléchargé`,
/// `récupéré`, `importé`, `extrait le`, `collecté`…, `loaded`, `downloaded`).
static LOAD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:re-?)?(?:charg|telecharg|recuper|import|extrai|collect|moissonn|synchronis|integr|load|download|retriev|fetch)\w*",
    )
    .expect("load regex")
});

/// Whether a sentence holds something written as a date, readable or not (`le 31/11/2026`, a day
/// November does not have; `le 20/11/2026 à 25h00`): with [`find_moment_in`], tells a notice
/// whose date cannot be read from one that shows none.
pub fn has_date_like(text: &str) -> bool {
    DATE_RE.is_match(&fold(text))
}

/// The French names of the months, January first.
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A date as French writes it: `5 octobre 2023`, `1er octobre 2023`.
pub fn french_date(d: jiff::civil::Date) -> String {
    let day = if d.day() == 1 {
        "1er".to_string()
    } else {
        d.day().to_string()
    };
    format!("{day} {} {}", MONTHS_FR[d.month() as usize - 1], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_written_in_words() {
        for (v, d) in [
            ("le dix-huit novembre deux mille vingt", date(2020, 11, 18)),
            ("dix-huit novembre 2020", date(2020, 11, 18)),
            ("premier octobre deux mille vingt-trois", date(2023, 10, 1)),
            ("vingt et un mars deux mil vingt et un", date(2021, 3, 21)),
            (
                "trente et un décembre mil neuf cent quatre-vingt-dix-neuf",
                date(1999, 12, 31),
            ),
            ("sept octobre deux mille vingt-trois", date(2023, 10, 7)),
            // As the tribunal de commerce of La Roche-sur-Yon writes its judgment's date
            // (tests/data/judilibre/tcom_detail.json).
            (
                "mercredi vingt-trois novembre deux mille vingt deux",
                date(2022, 11, 23),
            ),
        ] {
            assert_eq!(read_day(v), DayReading::Day(d), "{v}");
        }
        assert_eq!(
            read_day("trente et un novembre deux mille vingt"),
            DayReading::Impossible
        );
        // `sept` before a year is September.
        assert!(matches!(
            read_day("sept 2023"),
            DayReading::Parts(DayParts {
                month: Some(9),
                year: Some(2023),
                day: None,
                ..
            })
        ));
        assert!(matches!(
            read_day("novembre deux mille vingt"),
            DayReading::Parts(DayParts {
                month: Some(11),
                year: Some(2020),
                day: None,
                ..
            })
        ));
        assert_eq!(read_day("hier"), DayReading::Nothing);
    }

    #[test]
    fn every_accepted_spelling() {
        let d = date(2023, 10, 5);
        for s in [
            "2023-10-05",
            "2023-10-05T14:03:00",
            "2023-10-05T14:03:00Z",
            "2023-10-05T14:03:00+02:00",
            "2023-10-05T14:03:00.123-05:00",
            "2023-10-05 14:03",
            "05/10/2023",
            "5/10/2023",
            "05-10-2023",
            "05.10.2023",
            "5 octobre 2023",
            "5 Octobre 2023",
            "5 OCTOBRE 2023",
            "5 oct. 2023",
            "5 oct 2023",
            "le 5 octobre 2023",
            "jeudi 5 octobre 2023",
            "Jeudi 5 octobre 2023.",
            "jeu. 5 oct. 2023",
            " 5 octobre 2023 ",
        ] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_date("1er octobre 2023"), Some(date(2023, 10, 1)));
        assert_eq!(parse_date("3 fevrier 2021"), Some(date(2021, 2, 3)));
        assert_eq!(parse_date("3 février 2021"), Some(date(2021, 2, 3)));
        assert_eq!(parse_date("15 aout 2022"), Some(date(2022, 8, 15)));
        assert_eq!(parse_date("15 août 2022"), Some(date(2022, 8, 15)));
        assert_eq!(parse_date("24 décembre 2020"), Some(date(2020, 12, 24)));
        assert_eq!(parse_date("24 DÉCEMBRE 2020"), Some(date(2020, 12, 24)));
        assert_eq!(parse_date("24 decembre 2020"), Some(date(2020, 12, 24)));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in [
            "",
            "octobre 2023",
            "31/02/2023",
            "2023-13-01",
            "32 octobre 2023",
            "5 brumaire 2023",
            "arrêt du 5 octobre 2023",
            "5 octobre 2023 puis 6 octobre 2023",
            "20-23.523",
            "123/10/2023",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn moments_with_and_without_time() {
        assert_eq!(
            parse_moment("2026-11-20"),
            Some(Moment::Date(date(2026, 11, 20)))
        );
        // 2026-11-20 is winter time in Paris: UTC+1.
        let paris_naive = parse_moment("2026-11-20T14:05:00").unwrap();
        assert_eq!(
            paris_naive,
            Moment::Instant("2026-11-20T13:05:00Z".parse().unwrap())
        );
        // Summer time: UTC+2.
        assert_eq!(
            parse_moment("2023-07-01 12:00").unwrap(),
            Moment::Instant("2023-07-01T10:00:00Z".parse().unwrap())
        );
        assert_eq!(
            parse_moment("2023-10-05T14:03:00Z").unwrap(),
            Moment::Instant("2023-10-05T14:03:00Z".parse().unwrap())
        );
        assert_eq!(
            parse_moment("2023-10-05T14:03:00+0530").unwrap(),
            Moment::Instant("2023-10-05T08:33:00Z".parse().unwrap())
        );
        assert_eq!(
            parse_moment("20/11/2026 à 14h05").unwrap(),
            Moment::Instant("2026-11-20T13:05:00Z".parse().unwrap())
        );
        assert_eq!(
            parse_moment("2026-11-21 06:00:00 UTC").unwrap(),
            Moment::Instant("2026-11-21T06:00:00Z".parse().unwrap())
        );
        assert_eq!(parse_moment("2023-10-05T25:00:00"), None);
        assert_eq!(parse_moment("hier"), None);
    }

    #[test]
    fn moments_inside_sentences() {
        assert_eq!(
            find_moment_in("Document chargé sur le site source le 20/11/2026"),
            Some(Moment::Date(date(2026, 11, 20)))
        );
        assert_eq!(
            find_moment_in("Mis à jour le 3 novembre 2026 à 14h05"),
            Some(Moment::Instant("2026-11-03T13:05:00Z".parse().unwrap()))
        );
        assert_eq!(
            find_moment_in("Récupéré le 1er décembre 2025 à 9 h 30 depuis Judilibre"),
            Some(Moment::Instant("2025-12-01T08:30:00Z".parse().unwrap()))
        );
        assert_eq!(
            find_moment_in("importé: 2026-11-21T06:00:00Z (sync)"),
            Some(Moment::Instant("2026-11-21T06:00:00Z".parse().unwrap()))
        );
        assert_eq!(find_moment_in("Document chargé sur le site source"), None);
        // Of several dates, the first after a word of loading.
        assert_eq!(
            find_moment_in("Décision du 05/12/25 chargée le 21/11/26"),
            Some(Moment::Date(date(2026, 11, 21)))
        );
        assert_eq!(
            find_moment_in("Décision du 5 décembre 2025, chargée le 21 novembre 2026"),
            Some(Moment::Date(date(2026, 11, 21)))
        );
        assert_eq!(
            find_moment_in(
                "Document chargé sur le site source le 01/12/2025, page consultée le 21/11/2026"
            ),
            Some(Moment::Date(date(2025, 12, 1)))
        );
        assert_eq!(
            find_moment_in("Mis à jour le 3 novembre 2026, version du 4 novembre 2026"),
            Some(Moment::Date(date(2026, 11, 3)))
        );
        assert_eq!(
            find_moment_in("le 31/02/2026, pardon le 28/02/2026"),
            Some(Moment::Date(date(2026, 2, 28)))
        );
    }

    /// A two-digit year is read in a sentence, in this century, and nowhere else: SPEC §1.2
    /// accepts none in a field.
    #[test]
    fn two_digit_years_in_sentences_only() {
        assert_eq!(
            find_moment_in("Document chargé le 20/11/26"),
            Some(Moment::Date(date(2026, 11, 20)))
        );
        assert_eq!(
            find_moment_in("Chargé le 1/2/00 à 9h30"),
            Some(Moment::Instant("2000-02-01T08:30:00Z".parse().unwrap()))
        );
        assert_eq!(
            find_moment_in("chargé le 05/03/99"),
            Some(Moment::Date(date(2099, 3, 5)))
        );
        // A four-digit year is read as such, not as its first two digits.
        assert_eq!(
            find_moment_in("chargé le 20/11/2026"),
            Some(Moment::Date(date(2026, 11, 20)))
        );
        assert_eq!(find_moment_in("chargé le 31/11/26"), None);
        // Three digits are no year; nor is a case number.
        assert_eq!(find_moment_in("chargé le 20/11/202"), None);
        assert_eq!(find_moment_in("pourvoi n° 20/00804"), None);
        for field in ["20/11/26", "le 20/11/26"] {
            assert_eq!(parse_moment(field), None, "{field}");
            assert_eq!(parse_date(field), None, "{field}");
            assert!(!impossible_date(field), "{field}");
        }
    }

    #[test]
    fn date_like_text_readable_or_not() {
        for s in [
            "chargé le 31/11/2026",
            "chargé le 31/11/26",
            "chargé le 30 février 2026",
            "chargé le 2026-13-01",
            "chargé le 20/11/2026",
        ] {
            assert!(has_date_like(s), "{s}");
        }
        for s in ["chargé sur le site source", "chargé en novembre 2026", ""] {
            assert!(!has_date_like(s), "{s}");
        }
    }

    #[test]
    fn moment_end() {
        let d = Moment::Date(date(2026, 11, 21));
        assert_eq!(d.end(), "2026-11-21T23:00:00Z".parse().unwrap());
        let i = Moment::Instant("2026-11-21T10:00:00Z".parse().unwrap());
        assert_eq!(i.end(), i.start());
    }

    #[test]
    fn moment_day_and_start() {
        let m = Moment::Instant("2026-11-20T23:30:00Z".parse().unwrap());
        assert_eq!(m.date(), date(2026, 11, 21));
        let d = Moment::Date(date(2026, 11, 21));
        assert_eq!(d.start(), "2026-11-20T23:00:00Z".parse().unwrap());
    }
}
