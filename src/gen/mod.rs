//! `vigie-gen`: a seeded generator of a reference and a reuser corpus of any size, built from the
//! real DILA decisions, with breaches of every rule planted at a chosen rate and labelled, so that
//! a perfect auditor reports exactly the labels.
//!
//! Every record is a pure function of the seed and its index (its own [`Rng`] stream): records
//! are generated in parallel, in chunks, and written in order, so the same seed gives the same
//! bytes. Only the choice of which records carry which breach is sequential (it keeps every rule
//! represented and the rate exact), and it is cheap.
//!
//! Output, under the chosen folder: `reference/` (Judilibre JSON Lines `reference.jsonl`, or the
//! DILA tree `JURI/TEXT/…/JURITEXT….xml`; plus `admin/` with the administrative decision),
//! `corpus.jsonl`, `history.json` (a `/transactionalhistory` page) and `labels.jsonl` (one line
//! per planted breach: `record_id`, `rule`, `line`, `detail`).
//!
//! How each rule is planted, on a record otherwise clean:
//!
//! | rule | plant |
//! |---|---|
//! | INT001 | a legal word swapped for another, or an article number changed |
//! | INT002 | an editorial note inserted as a paragraph |
//! | INT003 | the last 20–50 % of the lines cut, not marked `excerpt` |
//! | INT004 | `excerpt: true`, text cut, no `full_text_url` |
//! | INT005 | a required field dropped (formation, seat, date or jurisdiction; date or jurisdiction for DILA) |
//! | INT006 | another date, number (not one of the decision's) or chamber |
//! | INT007 | a `source_id` matching nothing |
//! | ATT001 / ATT002 | no or a vague attribution / the Conseil d'État credited |
//! | FRE001 | neither `updated_at` nor `update_notice` |
//! | FRE002 | a text before a correction the reference (`update_date`) or the history (`updated`) dates after the load |
//! | FRE003 | `stale`: every load more than 72 hours before the audit time (corpus level) |
//! | FRE004 | the history deletes the decision and the reference no longer holds it |
//! | FRE005 | an administrative record whose notice says « Mis à jour le … » |
//! | MSK001 | a person marker (`M. [Z] [R]`) replaced by a name in the record |
//! | MSK002 | a magistrate's name (`M. [B] président`) or a company's masked in the record |
//! | MSK003 | the reference shows a party's name where the record keeps the marker |
//! | MSK004 | reference and record both show a party's name |
//! | MSK005 | reference and record both show a date of birth or a phone number, the name masked |
//! | PRF001 / PRF002 | a `president` field / a `judge_stats` field with figures |
//! | IN001 / IN002 | a garbage line / the id of an earlier clean record |
//!
//! Planted names never share a part with a name the decision already holds (a magistrate may
//! bear it), so that each plant has one reading.

pub mod base;
mod json;
pub mod rng;
pub mod vocab;

use crate::text::sanitize::Shown;
use anyhow::{Context, Result, bail};
use base::{AdminBase, Base};
use json::Obj;
use rayon::prelude::*;
use regex::Regex;
use rng::{Rng, mix};
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Rules a single record can be made to break (FRE003 is corpus-level, planted by `stale`).
pub const RECORD_RULES: [&str; 22] = [
    "INT001", "INT002", "INT003", "INT004", "INT005", "INT006", "INT007", "ATT001", "ATT002",
    "FRE001", "FRE002", "FRE004", "FRE005", "MSK001", "MSK002", "MSK003", "MSK004", "MSK005",
    "PRF001", "PRF002", "IN001", "IN002",
];

/// The shape of the generated reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceFormat {
    /// `reference/reference.jsonl`: Judilibre decision objects, one per line.
    Judilibre,
    /// `reference/JURI/TEXT/…/JURITEXT….xml`: DILA CASS files as DILA lays them out.
    Dila,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    /// Number of records (an upper bound when `size` is given).
    pub records: u64,
    /// Stop once the corpus holds at least this many bytes.
    pub size: Option<u64>,
    pub seed: u64,
    pub out: PathBuf,
    /// Share of records that carry a breach.
    pub breach_rate: f64,
    pub reference_format: ReferenceFormat,
    /// The audit time the dates are consistent with.
    pub as_of: jiff::Timestamp,
    /// Every `updated_at` older than 72 hours (FRE003).
    pub stale: bool,
    /// Folder of DILA CASS XML decisions.
    pub decisions: PathBuf,
    /// Folder holding the administrative decision.
    pub admin: PathBuf,
}

impl Config {
    pub fn new(out: impl Into<PathBuf>) -> Self {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        Config {
            records: 1000,
            size: None,
            seed: 1,
            out: out.into(),
            breach_rate: 0.1,
            reference_format: ReferenceFormat::Judilibre,
            as_of: "2026-11-22T12:00:00Z".parse().expect("a valid instant"),
            stale: false,
            decisions: data.join("dila-cass"),
            admin: data.join("ce"),
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub records: u64,
    pub corpus_bytes: u64,
    pub reference_decisions: u64,
    pub reference_bytes: u64,
    /// Planted breaches by rule.
    pub labels: BTreeMap<String, u64>,
}

/// One planted breach.
#[derive(Debug, Clone)]
struct Label {
    record_id: Option<String>,
    rule: &'static str,
    line: Option<u64>,
    detail: String,
}

impl Label {
    fn line(&self) -> Vec<u8> {
        let mut o = Obj::new(128);
        match &self.record_id {
            Some(id) => o.str("record_id", id),
            None => o.raw("record_id", "null"),
        };
        o.str("rule", self.rule);
        if let Some(l) = self.line {
            o.raw("line", &l.to_string());
        }
        o.str("detail", &self.detail);
        o.line()
    }
}

/// A `/transactionalhistory` transaction.
#[derive(Debug, Clone)]
struct Transaction {
    id: String,
    action: &'static str,
    date: jiff::Timestamp,
}

/// What the planner decided for one record.
#[derive(Debug, Clone)]
struct Plan {
    index: u64,
    rule: Option<&'static str>,
    /// The record cites the administrative decision.
    admin: bool,
    /// IN002: the earlier (clean) record whose id this one reuses.
    dup_of: Option<u64>,
}

/// The reference side of a record's slot.
enum RefOut {
    None,
    Line(Vec<u8>),
    File { path: String, bytes: Vec<u8> },
}

/// Everything one record slot gives.
struct Generated {
    corpus: Vec<u8>,
    reference: RefOut,
    labels: Vec<Label>,
    history: Vec<Transaction>,
}

/// What the plants need to know of a base decision, found once.
#[derive(Debug, Clone, Default)]
struct BaseInfo {
    /// First `M. [Z] [R]`-like span: (text, female, number of markers).
    person: Option<(String, bool, usize)>,
    /// First `[Adresse N]`.
    address: Option<String>,
    /// First professional's name with its function: (span, masked span).
    professional: Option<(String, String)>,
    /// First company name: (span, masked span).
    company: Option<(String, String)>,
}

static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(M\.|Mme|Mlle) (\[[A-Z]{1,2}\])( \[[A-Z]{1,2}\])?").expect("valid regex")
});
static ADDRESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[Adresse \d+\]").expect("valid regex"));
static PROFESSIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(M\.|Mme) ([A-ZÀ-Ý][A-Za-zÀ-ÿ-]+)(,? (?:président|présidente|conseiller|conseillère|avocat général|avocate générale|greffier|greffière)\b)",
    )
    .expect("valid regex")
});
static COMPANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(la société) ([A-Z][A-Za-zÀ-ÿ'’&. -]{2,40}?),").expect("valid regex")
});
static SWAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b({})\b", vocab::SWAP_WORDS.join("|"))).expect("valid regex")
});
static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\barticle (\d{2,4})\b").expect("valid regex"));

impl BaseInfo {
    fn of(text: &str) -> Self {
        let person = PERSON.captures(text).map(|c| {
            let markers = 1 + usize::from(c.get(3).is_some());
            (c[0].to_string(), &c[1] != "M.", markers)
        });
        let address = ADDRESS.find(text).map(|m| m.as_str().to_string());
        let professional = PROFESSIONAL.captures(text).map(|c| {
            let initial = c[2].chars().next().unwrap_or('X');
            (
                c[0].to_string(),
                format!("{} [{}]{}", &c[1], initial, &c[3]),
            )
        });
        let company = COMPANY
            .captures(text)
            .map(|c| (c[0].to_string(), format!("{} [X],", &c[1])));
        BaseInfo {
            person,
            address,
            professional,
            company,
        }
    }
}

/// Which records break which rule: sequential, cheap, and every rule in turn.
struct Planner {
    seed: u64,
    rate: f64,
    acc: f64,
    pending: Vec<&'static str>,
    round: u64,
    last_clean: Option<u64>,
    infos: Vec<BaseInfo>,
}

impl Planner {
    fn applicable(&self, rule: &str, index: u64) -> bool {
        let info = &self.infos[(index % self.infos.len() as u64) as usize];
        match rule {
            "MSK001" | "MSK003" | "MSK004" => info.person.is_some(),
            "MSK005" => info.person.is_some() || info.address.is_some(),
            "MSK002" => info.professional.is_some() || info.company.is_some(),
            "IN002" => self.last_clean.is_some(),
            _ => true,
        }
    }

    fn next(&mut self, index: u64) -> Plan {
        let mut rng = Rng::for_record(self.seed, index, 1);
        // Error diffusion with a random threshold: random positions, exact long-run rate.
        self.acc += self.rate;
        let breached = self.acc >= 1.0 || rng.f64() < self.acc;
        let mut plan = Plan {
            index,
            rule: None,
            admin: false,
            dup_of: None,
        };
        if breached {
            self.acc -= 1.0;
            if self.pending.is_empty() {
                let mut round = RECORD_RULES.to_vec();
                Rng::for_record(self.seed, self.round, 7).shuffle(&mut round);
                self.round += 1;
                // Last to first: `pop` takes them in the shuffled order.
                round.reverse();
                self.pending = round;
            }
            if let Some(pos) = (0..self.pending.len())
                .rev()
                .find(|&p| self.applicable(self.pending[p], index))
            {
                let rule = self.pending.remove(pos);
                plan.rule = Some(rule);
                plan.admin = rule == "FRE005";
                if rule == "IN002" {
                    plan.dup_of = self.last_clean;
                }
            }
        }
        if plan.rule.is_none() {
            plan.admin = rng.chance(1.0 / 150.0);
            if !plan.admin {
                self.last_clean = Some(index);
            }
        }
        plan
    }
}

/// The generator, with its inputs loaded.
pub struct Generator {
    cfg: Config,
    bases: Vec<Base>,
    infos: Vec<BaseInfo>,
    admin: AdminBase,
    /// Per-seed prefix of the Judilibre ids.
    id_prefix: u32,
}

fn ts(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn paris_date(t: jiff::Timestamp) -> jiff::civil::Date {
    t.to_zoned(jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC))
        .date()
}

fn hours(h: u64) -> jiff::SignedDuration {
    jiff::SignedDuration::from_secs(h as i64 * 3600)
}

/// `JURITEXT000048176061` → `JURI/TEXT/00/00/48/17/60/JURITEXT000048176061.xml`.
pub fn dila_path(id: &str) -> String {
    let digits = id.trim_start_matches("JURITEXT");
    let mut p = String::from("JURI/TEXT");
    for i in (0..10.min(digits.len())).step_by(2) {
        p.push('/');
        p.push_str(&digits[i..(i + 2).min(digits.len())]);
    }
    format!("{p}/{id}.xml")
}

/// The normalisation-neutral ways a reuser may carry the same text: plain lines, CRLF and blank
/// lines, typographic apostrophes, HTML paragraphs.
fn vary_text(rng: &mut Rng, text: &str) -> (String, bool) {
    match rng.below(20) {
        0..=11 => (text.to_string(), false),
        12..=13 => (text.replace('\n', "\r\n\r\n"), false),
        14..=16 => (text.replace('\'', "’"), false),
        _ => {
            let mut out = String::with_capacity(text.len() + text.len() / 8);
            for line in text.split('\n') {
                out.push_str("<p>");
                for c in line.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        _ => out.push(c),
                    }
                }
                out.push_str("</p>\n");
            }
            (out, true)
        }
    }
}

/// Swaps one word (or an article number) of the text for another: INT001, and the older version
/// of FRE002.
fn substitute(rng: &mut Rng, text: &str) -> Option<(String, String)> {
    if rng.chance(0.3) {
        let arts: Vec<_> = ARTICLE.captures_iter(text).take(100).collect();
        if !arts.is_empty() {
            let c = &arts[rng.below(arts.len() as u64) as usize];
            let m = c.get(1)?;
            let n: u64 = m.as_str().parse().ok()?;
            let new = (n + 1 + rng.below(8)).to_string();
            let out = format!("{}{}{}", &text[..m.start()], new, &text[m.end()..]);
            return Some((out, format!("article {} → article {new}", m.as_str())));
        }
    }
    let words: Vec<_> = SWAP.find_iter(text).take(300).collect();
    if words.is_empty() {
        return None;
    }
    let m = words[rng.below(words.len() as u64) as usize];
    let new = loop {
        let w = *rng.pick(vocab::SWAP_WORDS);
        if w != m.as_str() {
            break w;
        }
    };
    let out = format!("{}{}{}", &text[..m.start()], new, &text[m.end()..]);
    Some((out, format!("«{}» → «{new}»", m.as_str())))
}

/// The first `keep` lines of the text.
fn keep_lines(text: &str, keep: usize) -> String {
    text.split('\n').take(keep).collect::<Vec<_>>().join("\n")
}

impl Generator {
    pub fn new(cfg: Config) -> Result<Self> {
        if !(0.0..=1.0).contains(&cfg.breach_rate) {
            bail!("--breach-rate must be between 0 and 1");
        }
        let bases = base::load_dila_dir(&cfg.decisions)?;
        let admin = base::load_admin_dir(&cfg.admin)?;
        let infos = bases
            .iter()
            .map(|b| BaseInfo::of(&b.paragraphs.join("\n")))
            .collect();
        let id_prefix = (mix(cfg.seed ^ 0x1d) as u32 & 0x00ff_ffff) | 0x6500_0000;
        Ok(Generator {
            cfg,
            bases,
            infos,
            admin,
            id_prefix,
        })
    }

    fn record_id(&self, index: u64) -> String {
        format!("jp-{index:08}")
    }

    fn url(&self, id: &str) -> String {
        format!("https://www.exemple-juris.fr/decisions/{id}")
    }

    /// The reference decision id of slot `index`.
    fn decision_id(&self, index: u64) -> String {
        let nb = self.bases.len() as u64;
        match self.cfg.reference_format {
            ReferenceFormat::Judilibre => format!(
                "{:08x}{:016x}",
                self.id_prefix,
                mix(self.cfg.seed.wrapping_mul(0x9e37_79b9) ^ 0xabcd_ef01).wrapping_add(index)
            ),
            ReferenceFormat::Dila if index < nb => self.bases[index as usize].id.clone(),
            ReferenceFormat::Dila => format!("JURITEXT{:012}", 100_000_000_000u64 + index),
        }
    }

    /// An id that matches nothing in the reference (INT007).
    fn unknown_id(&self, index: u64) -> String {
        match self.cfg.reference_format {
            ReferenceFormat::Judilibre => format!(
                "{:08x}{:016x}",
                self.id_prefix ^ 0x0300_0000,
                mix(index ^ 0x77)
            ),
            ReferenceFormat::Dila => format!("JURITEXT{:012}", 49_900_000_000u64 + index),
        }
    }

    /// When the record was last loaded from the source, shown.
    fn loaded_at(&self, rng: &mut Rng) -> jiff::Timestamp {
        let back = if self.cfg.stale {
            hours(rng.range(5 * 24, 30 * 24))
        } else {
            hours(rng.range(1, 70))
        };
        let t = self.cfg.as_of - back;
        // Whole minutes.
        jiff::Timestamp::from_second(t.as_second() - t.as_second() % 60).unwrap_or(t)
    }

    /// `updated_at` and `update_notice` for a load at `t`.
    fn update_fields(
        &self,
        rng: &mut Rng,
        t: jiff::Timestamp,
        admin: bool,
    ) -> (Option<String>, Option<String>) {
        let d = paris_date(t);
        let notice_date = if rng.chance(0.5) {
            vocab::slash_date(d)
        } else {
            vocab::french_date(d)
        };
        let updated = match rng.below(10) {
            0..=4 => Some(ts(t)),
            5..=6 => Some(d.to_string()),
            7..=8 => Some(vocab::slash_date(d)),
            // Only the notice carries the date.
            _ if !admin => None,
            _ => Some(ts(t)),
        };
        let notice = if admin {
            Some(
                rng.pick(&[
                    "Document chargé sur le site source le",
                    "Décision téléchargée depuis opendata.justice-administrative.fr le",
                    "Importé depuis la base open data le",
                ])
                .to_string()
                    + " "
                    + &notice_date,
            )
        } else if updated.is_none() || rng.chance(0.3) {
            Some(format!(
                "Document chargé sur le site source le {notice_date}"
            ))
        } else {
            None
        };
        (updated, notice)
    }

    fn attribution(&self, rng: &mut Rng) -> &'static str {
        match self.cfg.reference_format {
            ReferenceFormat::Judilibre => rng.pick_str(vocab::JUDILIBRE_ATTRIBUTIONS),
            ReferenceFormat::Dila => rng.pick_str(vocab::DILA_ATTRIBUTIONS),
        }
    }

    fn source_link(&self, id: &str) -> String {
        match self.cfg.reference_format {
            ReferenceFormat::Judilibre => format!("https://www.courdecassation.fr/decision/{id}"),
            ReferenceFormat::Dila => format!("https://www.legifrance.gouv.fr/juri/id/{id}"),
        }
    }

    fn garbage(&self, rng: &mut Rng, index: u64) -> (Vec<u8>, String) {
        let id = self.record_id(index);
        match rng.below(4) {
            0 => (
                format!("{{\"id\": \"{id}\", \"text\": \"LA COUR DE CASSATION, a rendu l'arr\n")
                    .into_bytes(),
                "truncated JSON".into(),
            ),
            1 => (
                b"<html><body>503 Service Unavailable</body></html>\n".to_vec(),
                "not JSON".into(),
            ),
            2 => (
                b"{\"text\": \"Vu le pourvoi\", \"jurisdiction\": \"Cour de cassation\"}\n"
                    .to_vec(),
                "no id".into(),
            ),
            _ => {
                let mut v = format!("{{\"id\": \"{id}\", \"text\": \"Arr").into_bytes();
                v.extend_from_slice(&[0xff, 0xfe, 0xe9]);
                v.extend_from_slice(b"t\"}\n");
                (v, "invalid UTF-8".into())
            }
        }
    }

    /// Generates one record slot.
    fn build(&self, plan: &Plan) -> Generated {
        let i = plan.index;
        let mut rng = Rng::for_record(self.cfg.seed, i, 2);
        let line = Some(i + 1);
        let nb = self.bases.len() as u64;
        let base_ix = (i % nb) as usize;
        let b = &self.bases[base_ix];
        let info = &self.infos[base_ix];
        let cycle = i / nb;
        let decision_id = self.decision_id(i);
        let mut labels = Vec::new();
        let mut history = Vec::new();
        let label = |record_id: Option<String>, rule: &'static str, detail: String| Label {
            record_id,
            rule,
            line,
            detail,
        };

        // The reference decision of the slot.
        let mut ref_text = b.paragraphs.join("\n");
        if self.cfg.reference_format == ReferenceFormat::Judilibre && cycle > 0 && rng.chance(0.5) {
            let donor = &self.bases[((base_ix as u64 + 1 + rng.below(nb - 1)) % nb) as usize];
            let n = donor.paragraphs.len();
            let from = rng.range(n as u64 / 4, n as u64 / 2) as usize;
            let count = rng.range(5, 40) as usize;
            for p in donor.paragraphs.iter().skip(from).take(count) {
                ref_text.push('\n');
                ref_text.push_str(p);
            }
        }
        // Replacements planted in the reference (and, for some, in the record).
        let mut ref_edits: Vec<(String, String)> = Vec::new();
        let mut ref_update: Option<jiff::Timestamp> = None;
        let mut ref_written = true;

        let rule = plan.rule;
        let id = match plan.dup_of {
            Some(j) => self.record_id(j),
            None => self.record_id(i),
        };

        if rule == Some("IN001") {
            let (bytes, why) = self.garbage(&mut rng, i);
            labels.push(label(None, "IN001", why));
            return Generated {
                corpus: bytes,
                reference: self.reference_out(i, b, &ref_text, &ref_edits, None, cycle),
                labels,
                history,
            };
        }

        let mut loaded = self.loaded_at(&mut rng);
        let mut o = Obj::new(ref_text.len() + ref_text.len() / 16 + 1024);
        o.str("id", &id);

        if plan.admin {
            let a = &self.admin;
            o.str("source_id", &a.id).str("url", &self.url(&id));
            let juris = if rng.chance(0.5) {
                format!("Tribunal administratif de {}", a.seat)
            } else {
                format!("TA {}", a.seat)
            };
            o.str("jurisdiction", &juris)
                .str("seat", &a.seat)
                .str("decision_date", &vocab::any_date(&mut rng, a.date))
                .str(
                    "number",
                    &if rng.chance(0.5) {
                        a.number.clone()
                    } else {
                        format!("n° {}", a.number)
                    },
                );
            let (text, html) = vary_text(&mut rng, &a.paragraphs.join("\n"));
            if html {
                o.str("text_format", "html");
            }
            o.str("text", &text)
                .str("attribution", rng.pick_str(vocab::ADMIN_ATTRIBUTIONS));
            let (updated, mut notice) = self.update_fields(&mut rng, loaded, true);
            if rule == Some("FRE005") {
                let d = vocab::slash_date(paris_date(loaded));
                let w = *rng.pick(&[
                    "Mis à jour le",
                    "Dernière mise à jour :",
                    "Version du",
                    "Actualisé le",
                ]);
                notice = Some(format!("{w} {d}"));
                labels.push(label(
                    Some(id.clone()),
                    "FRE005",
                    format!("update notice «{w} {d}»"),
                ));
            }
            o.opt("updated_at", updated.as_deref())
                .opt("update_notice", notice.as_deref());
            return Generated {
                corpus: o.line(),
                reference: self.reference_out(i, b, &ref_text, &ref_edits, None, cycle),
                labels,
                history,
            };
        }

        // Identification as the reuser prints it.
        let mut source_id = decision_id.clone();
        let mut jurisdiction = Some(
            rng.pick(&["Cour de cassation", "Cour de cassation", "Cass.", "cc"])
                .to_string(),
        );
        let mut formation = Some(rng.pick(vocab::chamber_aliases(b.chamber)).to_string());
        let mut seat = Some("Paris".to_string());
        let mut decision_date = Some(vocab::any_date(&mut rng, b.date));
        let num = &b.numbers[0];
        let mut number = Some(match rng.below(3) {
            0 => num.clone(),
            1 => num.replace('.', ""),
            _ => match b.number_letter {
                Some(l) => format!("n° {l} {num}"),
                None => format!("n° {num}"),
            },
        });
        let mut attribution = Some(self.attribution(&mut rng).to_string());
        let mut extra: Vec<(&str, String)> = Vec::new();
        let mut excerpt = false;
        let mut full_text_url = None;
        let mut clear_updates = false;
        if rule.is_none() && plan.dup_of.is_none() {
            let first_cycle = cycle == 0 || self.cfg.reference_format == ReferenceFormat::Dila;
            if rng.chance(0.05) {
                source_id = source_id.to_uppercase();
            } else if first_cycle && b.ecli.is_some() && i < nb && rng.chance(0.1) {
                source_id = b.ecli.clone().unwrap_or_default();
            }
        }

        // The record's text, before the normalisation-neutral variations.
        let mut text = ref_text.clone();
        match rule {
            Some("INT001") => {
                if let Some((t, d)) = substitute(&mut rng, &text) {
                    text = t;
                    labels.push(label(Some(id.clone()), "INT001", d));
                }
            }
            Some("INT002") => {
                let lines: Vec<&str> = text.split('\n').collect();
                let n = lines.len();
                let at = rng.range(n as u64 / 4, (n as u64 * 9 / 10).max(1)) as usize;
                let note = *rng.pick(vocab::EDITORIAL_NOTES);
                let mut v = lines[..at].to_vec();
                v.push(note);
                v.extend_from_slice(&lines[at..]);
                text = v.join("\n");
                labels.push(label(
                    Some(id.clone()),
                    "INT002",
                    format!("note inserted after line {at}: «{note}»"),
                ));
            }
            Some("INT003") => {
                let n = text.split('\n').count();
                let cut = ((n as f64 * (0.2 + rng.f64() * 0.3)) as usize).max(2);
                text = keep_lines(&text, n - cut);
                labels.push(label(
                    Some(id.clone()),
                    "INT003",
                    format!("last {cut} of {n} lines cut"),
                ));
            }
            Some("INT004") => {
                let n = text.split('\n').count();
                let keep = (n as f64 * (0.3 + rng.f64() * 0.3)) as usize;
                text = keep_lines(&text, keep.max(3));
                excerpt = true;
                labels.push(label(
                    Some(id.clone()),
                    "INT004",
                    format!("excerpt of {} of {n} lines, no full_text_url", keep.max(3)),
                ));
            }
            Some("INT005") => {
                let field = match self.cfg.reference_format {
                    ReferenceFormat::Judilibre => {
                        *rng.pick(&["formation", "seat", "decision_date", "jurisdiction"])
                    }
                    ReferenceFormat::Dila => *rng.pick(&["decision_date", "jurisdiction"]),
                };
                match field {
                    "formation" => formation = None,
                    "seat" => seat = None,
                    "decision_date" => decision_date = None,
                    _ => jurisdiction = None,
                }
                labels.push(label(
                    Some(id.clone()),
                    "INT005",
                    format!("{field} dropped"),
                ));
            }
            Some("INT006") => {
                let d = match rng.below(3) {
                    0 => {
                        let other = b.date + jiff::Span::new().days(rng.range(1, 40) as i64);
                        decision_date = Some(vocab::any_date(&mut rng, other));
                        format!("decision_date {other} instead of {}", b.date)
                    }
                    1 => {
                        let digits: String = num.chars().filter(char::is_ascii_digit).collect();
                        let last: u64 = digits[digits.len() - 3..].parse().unwrap_or(0);
                        // Not one of the decision's other numbers (joined appeals).
                        let mut step = rng.range(1, 9);
                        let other = loop {
                            let o = format!("{}{:03}", &num[..num.len() - 3], (last + step) % 1000);
                            if !b.numbers.contains(&o) {
                                break o;
                            }
                            step += 1;
                        };
                        number = Some(other.clone());
                        format!("number {other} instead of {num}")
                    }
                    _ => {
                        let other = loop {
                            let c = *rng.pick(vocab::CHAMBERS);
                            if c != b.chamber {
                                break c;
                            }
                        };
                        let alias = rng.pick(vocab::chamber_aliases(other)).to_string();
                        formation = Some(alias.clone());
                        format!("formation «{alias}» instead of {}", b.chamber)
                    }
                };
                labels.push(label(Some(id.clone()), "INT006", d));
            }
            Some("INT007") => {
                source_id = self.unknown_id(i);
                labels.push(label(
                    Some(id.clone()),
                    "INT007",
                    format!("source_id {source_id} matches nothing"),
                ));
            }
            Some("ATT001") => {
                attribution = if rng.chance(0.5) {
                    None
                } else {
                    Some(rng.pick(vocab::VAGUE_ATTRIBUTIONS).to_string())
                };
                labels.push(label(
                    Some(id.clone()),
                    "ATT001",
                    match &attribution {
                        Some(a) => format!("attribution «{a}» names no producer"),
                        None => "no attribution".to_string(),
                    },
                ));
            }
            Some("ATT002") => {
                let a = rng.pick(vocab::WRONG_ATTRIBUTIONS).to_string();
                labels.push(label(
                    Some(id.clone()),
                    "ATT002",
                    format!("attribution «{a}»"),
                ));
                attribution = Some(a);
            }
            Some("FRE001") => {
                clear_updates = true;
                labels.push(label(
                    Some(id.clone()),
                    "FRE001",
                    "no updated_at nor update_notice".into(),
                ));
            }
            Some("FRE002") => {
                loaded = self.cfg.as_of - hours(rng.range(10 * 24, 40 * 24));
                let update = loaded + hours(rng.range(2 * 24, 9 * 24));
                let d = substitute(&mut rng, &text).map(|(t, d)| {
                    text = t;
                    d
                });
                let via_history =
                    self.cfg.reference_format == ReferenceFormat::Dila || rng.chance(0.5);
                if via_history {
                    history.push(Transaction {
                        id: decision_id.clone(),
                        action: "created",
                        date: self.created(b),
                    });
                    history.push(Transaction {
                        id: decision_id.clone(),
                        action: "updated",
                        date: update,
                    });
                } else {
                    ref_update = Some(update);
                }
                labels.push(label(
                    Some(id.clone()),
                    "FRE002",
                    format!(
                        "record holds the text before a correction ({}), source updated {} ({})",
                        d.unwrap_or_default(),
                        ts(update),
                        if via_history { "history" } else { "reference" }
                    ),
                ));
            }
            Some("FRE004") => {
                loaded = self.cfg.as_of - hours(rng.range(10 * 24, 30 * 24));
                history.push(Transaction {
                    id: decision_id.clone(),
                    action: "created",
                    date: self.created(b),
                });
                let deleted = loaded + hours(rng.range(2 * 24, 8 * 24));
                history.push(Transaction {
                    id: decision_id.clone(),
                    action: "deleted",
                    date: deleted,
                });
                ref_written = false;
                labels.push(label(
                    Some(id.clone()),
                    "FRE004",
                    format!("deleted at source on {}", ts(deleted)),
                ));
            }
            Some("MSK001") => {
                if let Some((span, female, markers)) = &info.person {
                    let civ = span.split(' ').next().unwrap_or("M.");
                    let name = vocab::person_name(&mut rng, *female, *markers, &text);
                    let clear = format!("{civ} {name}");
                    text = text.replacen(span.as_str(), &clear, 1);
                    labels.push(label(
                        Some(id.clone()),
                        "MSK001",
                        format!("«{span}» lifted to «{clear}»"),
                    ));
                }
            }
            Some("MSK002") => {
                let (span, masked) = info
                    .professional
                    .clone()
                    .or_else(|| info.company.clone())
                    .unwrap_or_default();
                text = text.replacen(span.as_str(), &masked, 1);
                labels.push(label(
                    Some(id.clone()),
                    "MSK002",
                    format!("«{span}» masked as «{masked}»"),
                ));
            }
            Some(r @ ("MSK003" | "MSK004")) => {
                if let Some((span, female, markers)) = &info.person {
                    let civ = span.split(' ').next().unwrap_or("M.");
                    let name = vocab::person_name(&mut rng, *female, *markers, &text);
                    let clear = format!("{civ} {name}");
                    ref_edits.push((span.clone(), clear.clone()));
                    if r == "MSK004" {
                        text = text.replacen(span.as_str(), &clear, 1);
                    }
                    labels.push(label(
                        Some(id.clone()),
                        r,
                        if r == "MSK003" {
                            format!("reference shows «{clear}», record keeps «{span}»")
                        } else {
                            format!("reference and record both show «{clear}» for «{span}»")
                        },
                    ));
                }
            }
            Some("MSK005") => {
                let (span, with) = match (&info.person, &info.address) {
                    (Some((span, female, _)), _) if rng.chance(0.6) || info.address.is_none() => {
                        let year = rng.range(1950, 2002) as i16;
                        let dob =
                            jiff::civil::date(year, rng.range(1, 12) as i8, rng.range(1, 28) as i8);
                        let born = if *female { "née le" } else { "né le" };
                        let d = if rng.chance(0.7) {
                            vocab::french_date(dob)
                        } else {
                            vocab::slash_date(dob)
                        };
                        (span.clone(), format!("{span}, {born} {d},"))
                    }
                    (_, Some(addr)) => (
                        addr.clone(),
                        format!("{addr}, tél. {},", vocab::phone(&mut rng)),
                    ),
                    _ => (String::new(), String::new()),
                };
                ref_edits.push((span.clone(), with.clone()));
                text = text.replacen(span.as_str(), &with, 1);
                labels.push(label(
                    Some(id.clone()),
                    "MSK005",
                    format!("reference and record both show «{with}»"),
                ));
            }
            Some("PRF001") => {
                let p = self.president(b);
                labels.push(label(
                    Some(id.clone()),
                    "PRF001",
                    format!("president «{p}»"),
                ));
                extra.push(("president", json_string(&p)));
            }
            Some("PRF002") => {
                let p = self.president(b);
                let rate = rng.range(5, 95) as f64 / 100.0;
                labels.push(label(
                    Some(id.clone()),
                    "PRF002",
                    format!("judge_stats of «{p}»"),
                ));
                extra.push((
                    "judge_stats",
                    format!(
                        "{{\"name\":{},\"reversal_rate\":{rate},\"decisions\":{}}}",
                        json_string(&p),
                        rng.range(40, 900)
                    ),
                ));
            }
            Some("IN002") => {
                labels.push(label(
                    Some(id.clone()),
                    "IN002",
                    format!("duplicates the id of line {}", plan.dup_of.unwrap_or(0) + 1),
                ));
            }
            _ => {}
        }

        // A few clean records are excerpts with a link to the whole decision.
        if rule.is_none() && rng.chance(0.04) {
            let n = text.split('\n').count();
            text = keep_lines(&text, (n * 2 / 3).max(3));
            excerpt = true;
            full_text_url = Some(self.source_link(&decision_id));
        }

        o.str("source_id", &source_id).str("url", &self.url(&id));
        if rng.chance(0.5) {
            o.str(
                "title",
                &format!(
                    "Cour de cassation, {}, {}, {}",
                    vocab::chamber_aliases(b.chamber)
                        [1.min(vocab::chamber_aliases(b.chamber).len() - 1)],
                    vocab::french_date(b.date),
                    num
                ),
            );
        }
        o.opt("jurisdiction", jurisdiction.as_deref())
            .opt("formation", formation.as_deref())
            .opt("seat", seat.as_deref())
            .opt("decision_date", decision_date.as_deref())
            .opt("number", number.as_deref());
        let (text, html) = vary_text(&mut rng, &text);
        if html {
            o.str("text_format", "html");
        }
        o.str("text", &text);
        if excerpt {
            o.raw("excerpt", "true");
            o.opt("full_text_url", full_text_url.as_deref());
        }
        o.opt("attribution", attribution.as_deref());
        if rng.chance(0.6) {
            o.str("source_link", &self.source_link(&decision_id));
        }
        if !clear_updates {
            let (updated, notice) = self.update_fields(&mut rng, loaded, false);
            o.opt("updated_at", updated.as_deref())
                .opt("update_notice", notice.as_deref());
        }
        if rule.is_none() && rng.chance(0.1) {
            o.str("commentary", rng.pick_str(vocab::COMMENTARIES));
        }
        for (k, v) in &extra {
            o.raw(k, v);
        }
        let reference = if ref_written {
            self.reference_out(i, b, &ref_text, &ref_edits, ref_update, cycle)
        } else {
            RefOut::None
        };
        Generated {
            corpus: o.line(),
            reference,
            labels,
            history,
        }
    }

    fn president(&self, b: &Base) -> String {
        b.president.clone().unwrap_or_else(|| "Mme Martinel".into())
    }

    /// When the source first published a decision: a few days after it was rendered.
    fn created(&self, b: &Base) -> jiff::Timestamp {
        (b.date + jiff::Span::new().days(9))
            .at(10, 30, 0, 0)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map(|z| z.timestamp())
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    }

    /// The reference decision of slot `i`, as a Judilibre line or a DILA file.
    fn reference_out(
        &self,
        i: u64,
        b: &Base,
        ref_text: &str,
        edits: &[(String, String)],
        update: Option<jiff::Timestamp>,
        cycle: u64,
    ) -> RefOut {
        let id = self.decision_id(i);
        match self.cfg.reference_format {
            ReferenceFormat::Judilibre => {
                let mut text = std::borrow::Cow::Borrowed(ref_text);
                for (old, new) in edits {
                    text = std::borrow::Cow::Owned(text.replacen(old.as_str(), new, 1));
                }
                let mut o = Obj::new(text.len() + text.len() / 16 + 512);
                o.str("id", &id)
                    .str("source", "jurinet")
                    .str("text", &text)
                    .str("jurisdiction", "cc")
                    .str("chamber", b.chamber)
                    .opt("formation", b.formation)
                    .str("number", &b.numbers[0])
                    .strs("numbers", &b.numbers);
                if cycle == 0 {
                    o.opt("ecli", b.ecli.as_deref());
                }
                o.str("decision_date", &b.date.to_string()).str(
                    "update_date",
                    &match update {
                        Some(u) => paris_date(u).to_string(),
                        None => (b.date + jiff::Span::new().days(12)).to_string(),
                    },
                );
                if let Some(u) = update {
                    o.str("update_datetime", &ts(u));
                }
                o.str("type", "arret");
                RefOut::Line(o.line())
            }
            ReferenceFormat::Dila => {
                let mut raw = b.raw.clone();
                if let Some((s, e)) = base::dila_text_range(&raw) {
                    let mut body = raw[s..e].to_string();
                    for (old, new) in edits {
                        body = body.replacen(old.as_str(), new, 1);
                    }
                    raw.replace_range(s..e, &body);
                }
                if id != b.id {
                    raw = raw
                        .replacen(&format!("<ID>{}</ID>", b.id), &format!("<ID>{id}</ID>"), 1)
                        .replacen(
                            &format!("{}.xml</URL>", b.id),
                            &format!("{id}.xml</URL>"),
                            1,
                        );
                    if let Some(e) = &b.ecli {
                        raw = raw.replacen(&format!("<ECLI>{e}</ECLI>"), "<ECLI/>", 1);
                    }
                }
                RefOut::File {
                    path: dila_path(&id),
                    bytes: raw.into_bytes(),
                }
            }
        }
    }

    /// Writes the reference, the corpus, the history and the labels under `cfg.out`.
    pub fn run(&self) -> Result<Summary> {
        let out = &self.cfg.out;
        let ref_dir = out.join("reference");
        std::fs::create_dir_all(&ref_dir)
            .with_context(|| format!("cannot create {}", ref_dir.shown()))?;
        let create = |p: &Path| -> Result<BufWriter<std::fs::File>> {
            Ok(BufWriter::with_capacity(
                1 << 20,
                std::fs::File::create(p).with_context(|| format!("cannot create {}", p.shown()))?,
            ))
        };
        let mut corpus = create(&out.join("corpus.jsonl"))?;
        let mut labels_w = create(&out.join("labels.jsonl"))?;
        let mut reference = match self.cfg.reference_format {
            ReferenceFormat::Judilibre => Some(create(&ref_dir.join("reference.jsonl"))?),
            ReferenceFormat::Dila => None,
        };
        let mut planner = Planner {
            seed: self.cfg.seed,
            rate: self.cfg.breach_rate,
            acc: 0.0,
            pending: Vec::new(),
            round: 0,
            last_clean: None,
            infos: self.infos.clone(),
        };
        let mut summary = Summary::default();
        let mut history: Vec<Transaction> = Vec::new();
        let mut written_dila = std::collections::HashSet::new();
        let mut deleted_dila = std::collections::HashSet::new();
        const CHUNK: u64 = 512;
        let mut next = 0u64;
        'chunks: while next < self.cfg.records {
            let end = (next + CHUNK).min(self.cfg.records);
            let plans: Vec<Plan> = (next..end).map(|i| planner.next(i)).collect();
            next = end;
            let generated: Vec<Generated> = plans.par_iter().map(|p| self.build(p)).collect();
            for (g, p) in generated.into_iter().zip(&plans) {
                corpus.write_all(&g.corpus)?;
                let slot_written = !matches!(g.reference, RefOut::None);
                summary.records += 1;
                summary.corpus_bytes += g.corpus.len() as u64;
                match g.reference {
                    RefOut::None => {
                        deleted_dila.insert(p.index);
                    }
                    RefOut::Line(l) => {
                        if let Some(w) = reference.as_mut() {
                            w.write_all(&l)?;
                        }
                        summary.reference_decisions += 1;
                        summary.reference_bytes += l.len() as u64;
                    }
                    RefOut::File { path, bytes } => {
                        write_file(&ref_dir.join(&path), &bytes)?;
                        written_dila.insert(p.index);
                        summary.reference_decisions += 1;
                        summary.reference_bytes += bytes.len() as u64;
                    }
                }
                for l in &g.labels {
                    labels_w.write_all(&l.line())?;
                    *summary.labels.entry(l.rule.to_string()).or_default() += 1;
                }
                // The history also lists the creation of some decisions, as the real one does
                // (and a page is never empty).
                if g.history.is_empty() && p.index % 50 == 0 && slot_written {
                    history.push(Transaction {
                        id: self.decision_id(p.index),
                        action: "created",
                        date: self
                            .created(&self.bases[(p.index % self.bases.len() as u64) as usize]),
                    });
                }
                history.extend(g.history);
                if self.cfg.size.is_some_and(|s| summary.corpus_bytes >= s) {
                    break 'chunks;
                }
            }
        }
        // A DILA reference holds every real decision, cited or not (but the deleted ones).
        if self.cfg.reference_format == ReferenceFormat::Dila {
            for (k, b) in self.bases.iter().enumerate() {
                let k = k as u64;
                if !written_dila.contains(&k) && !deleted_dila.contains(&k) {
                    write_file(&ref_dir.join(dila_path(&b.id)), b.raw.as_bytes())?;
                    summary.reference_decisions += 1;
                    summary.reference_bytes += b.raw.len() as u64;
                }
            }
        }
        // The administrative decision, as its producer distributes it.
        let admin_dir = ref_dir.join("admin");
        std::fs::create_dir_all(&admin_dir)?;
        write_file(
            &admin_dir.join(&self.admin.file_name),
            self.admin.raw.as_bytes(),
        )?;
        summary.reference_decisions += 1;
        summary.reference_bytes += self.admin.raw.len() as u64;

        if self.cfg.stale {
            let l = Label {
                record_id: None,
                rule: "FRE003",
                line: None,
                detail: "every updated_at is more than 72 hours before the audit time".into(),
            };
            labels_w.write_all(&l.line())?;
            *summary.labels.entry("FRE003".into()).or_default() += 1;
        }

        // The transactional history page.
        history.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        let mut h = Vec::with_capacity(history.len() * 96 + 64);
        h.extend_from_slice(b"{\"transactions\":[");
        for (k, t) in history.iter().enumerate() {
            if k > 0 {
                h.extend_from_slice(b",\n");
            } else {
                h.push(b'\n');
            }
            let mut o = Obj::new(96);
            o.str("id", &t.id)
                .str("action", t.action)
                .str("date", &ts(t.date));
            let mut l = o.line();
            l.pop();
            h.extend_from_slice(&l);
        }
        h.extend_from_slice(
            format!(
                "\n],\"total\":{},\"next_batch\":null,\"query\":{{\"date\":\"2023-10-01\"}}}}\n",
                history.len()
            )
            .as_bytes(),
        );
        write_file(&out.join("history.json"), &h)?;

        corpus.flush()?;
        labels_w.flush()?;
        if let Some(mut w) = reference {
            w.flush()?;
        }
        Ok(summary)
    }
}

fn json_string(s: &str) -> String {
    let mut v = Vec::with_capacity(s.len() + 2);
    json::push_str(&mut v, s);
    String::from_utf8(v).unwrap_or_default()
}

fn write_file(p: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(d) = p.parent() {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.shown()))?;
    }
    std::fs::write(p, bytes).with_context(|| format!("cannot write {}", p.shown()))
}

/// Generates a reference, a corpus, a history and the labels of the planted breaches.
pub fn generate(cfg: Config) -> Result<Summary> {
    Generator::new(cfg)?.run()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dila_paths_follow_the_id() {
        assert_eq!(
            dila_path("JURITEXT000048176061"),
            "JURI/TEXT/00/00/48/17/60/JURITEXT000048176061.xml"
        );
    }

    #[test]
    fn the_planner_keeps_the_rate_and_turns_through_every_rule() {
        let g = Generator::new(Config::new("/nonexistent")).unwrap();
        let mut p = Planner {
            seed: 3,
            rate: 0.25,
            acc: 0.0,
            pending: Vec::new(),
            round: 0,
            last_clean: None,
            infos: g.infos.clone(),
        };
        let plans: Vec<Plan> = (0..880).map(|i| p.next(i)).collect();
        let breached = plans.iter().filter(|p| p.rule.is_some()).count();
        assert!((200..=220).contains(&breached), "{breached}");
        for r in RECORD_RULES {
            assert!(plans.iter().any(|p| p.rule == Some(r)), "{r}");
        }
        assert!(plans.iter().all(|p| p.rule != Some("FRE005") || p.admin));
    }
}
