//! Masking in clear (MSK004, MSK005): names of natural persons who are parties or third parties,
//! and their direct identifiers, shown in clear in the record. MSK001–MSK003 come from the
//! alignment with the reference (see `integrity.rs`).

use super::Rule;
use crate::model::{Evidence, Fact, Finding, Personal, RecordRef};
use crate::text::identifiers;
use crate::text::names;
use crate::text::normalize::{self, Normalized};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// The personal data a normalised text shows in clear: the names of natural persons who are
/// parties or third parties, and direct identifiers. Found once for a record's text: its own
/// findings (MSK004, MSK005) come from it, and every excerpt of the text redacts it.
#[derive(Debug, Default)]
pub struct InClear {
    names: Vec<names::NameHit>,
    ids: Vec<identifiers::IdentifierHit>,
    /// The chars of each hit: the names', then the identifiers'.
    chars: Vec<(usize, usize)>,
    /// The same, sorted by start.
    pub pieces: Vec<(usize, usize)>,
}

impl InClear {
    /// Runs the detectors over `norm`, a normalised text.
    pub fn find(norm: &str, professionals: &Professionals<'_>) -> InClear {
        let mut names = names::find_person_names(norm, professionals.metadata);
        if !names.is_empty() && professionals.has_texts() {
            names = names::find_person_names(norm, professionals.all());
        }
        let ids = identifiers::find_identifiers(norm);
        InClear::of_hits(norm, names, ids)
    }

    /// The hits found in `norm`, with the chars of each.
    fn of_hits(
        norm: &str,
        names: Vec<names::NameHit>,
        ids: Vec<identifiers::IdentifierHit>,
    ) -> InClear {
        let bytes: Vec<(usize, usize)> = names
            .iter()
            .map(|h| (h.start, h.end))
            .chain(ids.iter().map(|h| (h.start, h.end)))
            .collect();
        let chars = chars_of(norm, &bytes);
        let mut pieces = chars.clone();
        pieces.sort_unstable();
        InClear {
            names,
            ids,
            chars,
            pieces,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.ids.is_empty()
    }

    /// The chars of every hit, sorted by start ([`InClear::pieces`]), and the names found.
    pub fn into_pieces_and_names(self) -> (Vec<(usize, usize)>, Vec<names::NameHit>) {
        (self.pieces, self.names)
    }
}

/// Byte ranges of `text` as char ranges, counting once over the text (the ranges in any order).
fn chars_of(text: &str, ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut offsets: Vec<usize> = ranges.iter().flat_map(|&(a, b)| [a, b]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut at = Vec::with_capacity(offsets.len());
    let (mut b, mut c) = (0, 0);
    for &o in &offsets {
        let o = o.min(text.len());
        c += text[b..o].chars().count();
        b = o;
        at.push(c);
    }
    let char_at = |o: usize| at[offsets.partition_point(|&x| x < o)];
    ranges
        .iter()
        .map(|&(a, e)| (char_at(a), char_at(e)))
        .collect()
}

/// Reports what `found` (the detectors run over a record's normalised text `norm`) shows in
/// clear. `mapped` is computed (once) only when a detector found something, to report spans of
/// the text as read. `reference_norm`, the reference's normalised text when it is known, tells
/// whether the source shows the same thing in clear (`source_defect`).
#[allow(clippy::too_many_arguments)]
pub fn check_in_clear(
    field: Cow<'static, str>,
    norm: &str,
    found: &InClear,
    original: &str,
    html: bool,
    mapped: &mut Option<Normalized>,
    reference_norm: Option<&str>,
    lifted: &[(usize, usize)],
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    if found.is_empty() {
        return;
    }
    // A text too long to map (4 GiB or more) still has its findings, without their place in
    // the text as read.
    let m = (normalize::mappable(original) && normalize::mappable(norm))
        .then(|| &*mapped.get_or_insert_with(|| normalize::normalize_mapped(original, html)));
    debug_assert!(m.is_none_or(|m| m.text == norm));
    // Whether a span overlaps a lifted one: a look-up, not a walk through every lifted span
    // for every hit.
    let mut by_start = lifted.to_vec();
    by_start.sort_unstable();
    let lifted_reach = crate::rules::integrity::Reach::new(&by_start);
    let overlaps_lifted = |span: (usize, usize)| lifted_reach.overlaps(span);
    let excerpter = crate::rules::integrity::Excerpter::new(norm, &found.pieces);
    // What the source shows in clear too (`source_defect`): the hits' texts found as words in
    // the reference's, in one pass over it.
    let hits = found
        .names
        .iter()
        .map(|h| (h.start, h.end))
        .chain(found.ids.iter().map(|h| (h.start, h.end)));
    let shown_by_source = reference_norm
        .map(|r| words_in(r, hits.map(|(a, b)| &norm[a..b])))
        .unwrap_or_default();
    // The span of each hit in the text as read, in the order of `found.chars`.
    let spans = m.map(|m| {
        let mut spans: Vec<(usize, usize)> = found
            .chars
            .iter()
            .map(|&(cs, ce)| m.original_span(cs, ce))
            .collect();
        if html {
            normalize::widen_to_entities(original, &mut spans);
        }
        spans
    });
    let mut emit = |rule: Rule, (start, end): (usize, usize), i: usize, msg: String, fact| {
        let span = spans.as_ref().map(|s| s[i]);
        let (cs, ce) = found.chars[i];
        if span.is_some_and(overlaps_lifted) {
            return;
        }
        let source_defect = shown_by_source.contains(&norm[start..end]);
        // The excerpt hides the neighbours of the hit too: another name, a date of birth.
        let (ex, _, personal) = excerpter.marked_personal(cs, ce);
        out.push(
            Finding::new(rule, Some(rec.clone()), msg)
                .with_source_defect(source_defect)
                .with_fact(fact)
                .with_evidence(Evidence {
                    field: field.clone(),
                    span,
                    excerpt: Some(ex),
                    personal,
                    ..Default::default()
                }),
        );
    };
    for (i, h) in found.names.iter().enumerate() {
        emit(
            Rule::MSK004,
            (h.start, h.end),
            i,
            "the name of a natural person who is a party or a third party is shown in clear"
                .to_string(),
            Fact::None,
        );
    }
    for (i, h) in found.ids.iter().enumerate() {
        emit(
            Rule::MSK005,
            (h.start, h.end),
            found.names.len() + i,
            format!("{} is shown in clear", h.kind.with_article()),
            Fact::Identifier(h.kind),
        );
    }
}

/// The professionals (magistrates, clerks, lawyers, experts) a record names in clear as such,
/// who are not parties: those the source's metadata gives, and, for the reuser's own fields (a
/// commentary, a title, which name them without their role: `le rapport de M. Maziau`), those
/// the decision's texts give a role. These are worked out only when such a field names someone.
pub struct Professionals<'a> {
    metadata: &'a [String],
    /// Those of the metadata who are members of the court (magistrates), not lawyers.
    court_metadata: &'a [String],
    /// The record's text and the reference's (normalised), whose named roles count.
    texts: [Option<&'a str>; 2],
    all: std::cell::OnceCell<Named>,
}

/// The professionals of a decision, and those of them who are members of the court.
struct Named {
    all: Vec<String>,
    court: Vec<String>,
}

impl<'a> Professionals<'a> {
    /// The source's metadata alone: for a decision's text, whose roles the detector reads
    /// itself.
    pub fn of_metadata(metadata: &'a [String]) -> Self {
        Professionals {
            metadata,
            court_metadata: &[],
            texts: [None, None],
            all: std::cell::OnceCell::new(),
        }
    }

    /// The metadata, and the names `texts` give a role.
    pub fn with_texts(metadata: &'a [String], texts: [Option<&'a str>; 2]) -> Self {
        Professionals {
            texts,
            ..Self::of_metadata(metadata)
        }
    }

    /// With `court`, those of the metadata who are members of the court (the reference's
    /// [`magistrates`](crate::model::ReferenceDecision::magistrates)).
    pub fn with_court(self, court: &'a [String]) -> Self {
        Professionals {
            court_metadata: court,
            ..self
        }
    }

    /// Whether the decision names someone of surname `surname` (folded comparison) as a
    /// professional.
    pub fn names_surname(&self, surname: &str) -> bool {
        let key = crate::rules::attribution::fold(surname);
        self.all().iter().any(|n| {
            n.split_whitespace()
                .next_back()
                .is_some_and(|last| crate::rules::attribution::fold(last) == key)
        })
    }

    /// The decision's texts whose named roles count (the record's and the reference's).
    pub fn texts(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.texts.iter().flatten().copied()
    }

    fn has_texts(&self) -> bool {
        self.texts.iter().any(Option::is_some)
    }

    fn all(&self) -> &[String] {
        &self.named().all
    }

    /// The members of the court (magistrates and clerks) the decision names: the metadata's,
    /// and those the texts give a role in the court (`M. Bonnal, président`, `Greffier : Mme
    /// X`), not a lawyer's or an expert's.
    pub fn court(&self) -> &[String] {
        &self.named().court
    }

    fn named(&self) -> &Named {
        self.all.get_or_init(|| {
            let mut all = self.metadata.to_vec();
            let mut court = self.court_metadata.to_vec();
            for t in self.texts.iter().flatten() {
                for (name, in_court) in names::professional_roles(t) {
                    if in_court && !court.contains(&name) {
                        court.push(name.clone());
                    }
                    all.push(name);
                }
            }
            Named { all, court }
        })
    }
}

/// [`check_in_clear`] on a field of the record other than its text (its `commentary`, its other
/// fields): the reuser's own words name nobody in clear either.
pub fn check_field_in_clear(
    field: Cow<'static, str>,
    value: &str,
    reference_norm: Option<&str>,
    professionals: &Professionals<'_>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    check_value_in_clear(
        field,
        value,
        Whole::Text,
        reference_norm,
        professionals,
        rec,
        out,
    );
}

/// [`check_field_in_clear`] on one string of the record's other fields: there, besides the
/// names the detector finds in any text, the names on either side of `c/` are parties'
/// (`"title": "Abadie c/ Préfet des Hauts-de-Seine"`), and so is a field's whole value that is
/// a first name and a surname when the field is named for the parties (`party`: `"requerant":
/// "Chantal Abadie"`).
fn check_value_in_clear(
    field: Cow<'static, str>,
    value: &str,
    whole: Whole,
    reference_norm: Option<&str>,
    professionals: &Professionals<'_>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    // Publishers keep editorial content as HTML (`<p>M.&nbsp;Dupont</p>`): such a value is
    // read as the text of its HTML, mapped back to the value as written.
    let html = looks_like_html(value);
    let norm = normalize::normalize(value, html);
    let mut found = InClear::find(&norm, professionals);
    let mut more: Vec<(usize, usize)> = Vec::new();
    if norm.contains("c/") {
        more = names::names_around_versus(&norm);
    }
    if whole == Whole::PartyText
        && let Some(span) = names::bare_person_name(&norm)
    {
        more.push(span);
    }
    // A structured field whose key says what the value is: a party's name in parts
    // (`parties[0].nom`, `.prenom`), a date of birth (`date_naissance`).
    let t = norm.trim();
    let (ts, te) = (norm.len() - norm.trim_start().len(), norm.trim_end().len());
    let mut birth_date = false;
    match whole {
        Whole::Text | Whole::PartyText => {}
        Whole::NamePart => {
            let words: Vec<&str> = t.split_whitespace().collect();
            if (1..=4).contains(&words.len())
                && words.iter().any(|w| names::may_be_name_word(w))
                && words
                    .iter()
                    .all(|w| names::may_be_name_word(w) || names::is_name_particle(w))
            {
                more.push((ts, te));
            }
        }
        Whole::BirthDate => {
            if crate::ident::parse_date(t).is_some()
                && !found.ids.iter().any(|h| h.start < te && ts < h.end)
            {
                found.ids.push(identifiers::IdentifierHit {
                    start: ts,
                    end: te,
                    kind: identifiers::IdentifierKind::BirthDate,
                });
                birth_date = true;
            }
        }
    }
    // Not a name found already, nor a professional's (`Martinel c/ …` where the decision's
    // president is Mme Martinel would be odd, but is hers).
    more.retain(|&(a, b)| {
        !found.names.iter().any(|h| h.start < b && a < h.end)
            && norm[a..b]
                .split_whitespace()
                .next_back()
                .is_none_or(|last| !professionals.names_surname(last))
    });
    // What was added beside the detectors' hits, put together once.
    if !more.is_empty() || birth_date {
        let mut hits = std::mem::take(&mut found.names);
        hits.extend(more.into_iter().map(|(start, end)| names::NameHit {
            start,
            end,
            context: names::NameContext::PartyPosition,
        }));
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits.dedup_by(|later, kept| later.start < kept.end);
        found = InClear::of_hits(&norm, hits, std::mem::take(&mut found.ids));
    }
    check_in_clear(
        field,
        &norm,
        &found,
        value,
        html,
        &mut None,
        reference_norm,
        &[],
        rec,
        out,
    );
}

/// Whether a string of the reuser's fields holds HTML markup or entities: a `<` followed by a
/// letter, `/` or `!` (a tag, an end tag, a comment), or a `&` followed by a letter or `#` (an
/// entity). A lone `<` or `&` in prose (`3 < 4`, `Dupont & Fils`) is not. Only the bytes after
/// a `<` or `&` are looked at, found with `memchr`: a plain string costs one scan.
fn looks_like_html(value: &str) -> bool {
    let b = value.as_bytes();
    memchr::memchr2_iter(b'<', b'&', b).any(|i| match (b[i], b.get(i + 1)) {
        (b'<', Some(&n)) => n.is_ascii_alphabetic() || n == b'/' || n == b'!',
        (b'&', Some(&n)) => n.is_ascii_alphabetic() || n == b'#',
        _ => false,
    })
}

/// What a string of the reuser's other fields is, by its key: text to search, one part of a
/// party's name (`nom`, `prenom` in a field named for the parties), or a date of birth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Whole {
    Text,
    /// Text of a field named for the parties, whose whole value may be a name.
    PartyText,
    NamePart,
    BirthDate,
}

/// The folded words of a field's name, split at what is no letter and at a change of case
/// (`date_naissance`, `dateOfBirth`, `Prénom`).
fn key_words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in key.chars() {
        if (!c.is_alphabetic() || c.is_uppercase() && prev_lower) && !word.is_empty() {
            words.push(crate::rules::attribution::fold(&word).trim().to_string());
            word.clear();
        }
        if c.is_alphabetic() {
            word.push(c);
        }
        prev_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        words.push(crate::rules::attribution::fold(&word).trim().to_string());
    }
    words
}

/// Whether a field's name is that of a part of a person's name: `Some(true)` for a first name
/// (`prenom`, `first_name`, `givenName`), `Some(false)` for a surname (`nom`, `nom_usage`,
/// `last_name`, `surname`).
fn name_part_key(key: &str) -> Option<bool> {
    name_part(&key_words(key))
}

/// [`name_part_key`] of a key's words.
fn name_part(words: &[String]) -> Option<bool> {
    match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["prenom" | "prenoms" | "firstname" | "forename"] => Some(true),
        ["first" | "given", "name"] => Some(true),
        ["nom" | "surname" | "lastname"] => Some(false),
        ["last" | "family", "name"] | ["nom", "usage" | "famille" | "naissance"] => Some(false),
        _ => None,
    }
}

/// What a field's name says its value is ([`Whole`]): a date of birth anywhere
/// (`date_naissance`, `date_de_naissance`, `birth_date`, `dateOfBirth`, `dob`); a part of a
/// name (`nom`, `prenom`) in an object that has both, within a field named for the parties
/// (`person`): a company has no first name.
fn whole_of(words: &[String], person: bool) -> Whole {
    let has = |w: &str| words.iter().any(|x| x == w);
    let name_part = name_part(words);
    if name_part.is_none()
        && (has("naissance")
            || has("dob")
            || has("birthdate")
            || (has("birth") && (has("date") || has("of"))))
    {
        return Whole::BirthDate;
    }
    if person && name_part.is_some() {
        Whole::NamePart
    } else {
        Whole::Text
    }
}

/// Whether a field's name says it holds the parties or one of them (`parties`, `requerant`,
/// `demandeurs`, `intimée`, `partie_civile`, `victimes`): one of its words ([`key_words`]).
fn parties_in(words: &[String]) -> bool {
    const PARTY_WORDS: &[&str] = &[
        "partie",
        "parties",
        "requerant",
        "requerante",
        "requerants",
        "requerantes",
        "demandeur",
        "demandeurs",
        "demanderesse",
        "demanderesses",
        "defendeur",
        "defendeurs",
        "defenderesse",
        "defenderesses",
        "appelant",
        "appelante",
        "appelants",
        "appelantes",
        "intime",
        "intimee",
        "intimes",
        "intimees",
        "prevenu",
        "prevenue",
        "prevenus",
        "prevenues",
        "victime",
        "victimes",
        "plaignant",
        "plaignante",
        "plaignants",
        "accuse",
        "accusee",
        "accuses",
        "party",
        "plaintiff",
        "plaintiffs",
        "defendant",
        "defendants",
        "appellant",
        "appellants",
        "respondent",
        "respondents",
        "applicant",
        "applicants",
    ];
    words.iter().any(|w| PARTY_WORDS.contains(&w.as_str()))
}

/// How deep [`check_extra_in_clear`] follows nested objects and arrays.
const EXTRA_DEPTH: usize = 32;

/// [`check_field_in_clear`] on every string of the record's other fields (a `title`, `parties`,
/// nested objects and arrays), each named by its path (`parties[0]`, `meta.title`): a party's
/// name or a date of birth shown beside the decision is shown as much as one in its text. Fields
/// named for magistrates, clerks, the bench or other professionals are left to the profiling
/// rules (their names are not to be masked), and links are not read.
pub fn check_extra_in_clear(
    extra: &[(String, serde_json::Value)],
    reference_norm: Option<&str>,
    professionals: &Professionals<'_>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    use serde_json::Value;
    fn visit(
        path: String,
        key: &str,
        v: &Value,
        depth: usize,
        party: bool,
        person: bool,
        check: &mut dyn FnMut(String, &str, Whole),
    ) {
        if depth > EXTRA_DEPTH || super::profiling::names_professionals(key) {
            return;
        }
        // A field named for the parties, and what it holds; the key's words once for both.
        let words = key_words(key);
        let party = party || parties_in(&words);
        match v {
            Value::String(s) => {
                let t = s.trim();
                let link = ["http://", "https://", "www."]
                    .iter()
                    .any(|p| t.starts_with(p))
                    && !t.contains(char::is_whitespace);
                if !link && t.chars().any(char::is_alphanumeric) {
                    let whole = match whole_of(&words, person) {
                        Whole::Text if party => Whole::PartyText,
                        w => w,
                    };
                    check(path, s, whole);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    visit(
                        format!("{path}[{i}]"),
                        key,
                        x,
                        depth + 1,
                        party,
                        false,
                        check,
                    );
                }
            }
            Value::Object(o) => {
                // A person of the parties: a first name and a surname among its keys.
                let parts: Vec<bool> = o.keys().filter_map(|k| name_part_key(k)).collect();
                let person = party && parts.contains(&true) && parts.contains(&false);
                for (k, x) in o {
                    visit(format!("{path}.{k}"), k, x, depth + 1, party, person, check);
                }
            }
            _ => {}
        }
    }
    let mut check = |path: String, value: &str, whole: Whole| {
        check_value_in_clear(
            path.into(),
            value,
            whole,
            reference_norm,
            professionals,
            rec,
            out,
        );
    };
    for (key, value) in extra {
        visit(key.clone(), key, value, 0, false, false, &mut check);
    }
}

/// The shortest piece of personal data looked for in a record's other excerpts, and the shortest
/// part of one cut by an excerpt's edge: shorter pieces say little and would mask common words.
const MIN_SHARED: usize = 3;

/// Personal data is personal wherever it shows (SPEC §4). What one finding's evidence marks as
/// personal (a name, a date of birth, a phone number), in whatever field (the text, the
/// reuser's commentary), is marked in every other excerpt of the same record too: otherwise an
/// export that redacts each finding's own span would show it in clear in a neighbour's excerpt
/// (an inserted passage quoting the phone number, an MSK005 beside the name of an MSK004), or in
/// a message that quotes it (MSK002). Only a piece an excerpt shows whole is looked for. Each
/// capitalised word of a piece is looked for on its own, since the same person is named
/// otherwise elsewhere, and an excerpt that starts with the end of a piece or ends with its start
/// (its edge cut it) has that part marked. Matching ignores case.
pub fn share_personal(findings: &mut [Finding]) {
    let mut secrets: Vec<Vec<char>> = Vec::new();
    for f in findings.iter() {
        let Some(e) = f.evidence.as_ref() else {
            continue;
        };
        for (text, ranges) in [
            (e.excerpt.as_deref(), &e.personal),
            (e.reference_excerpt.as_deref(), &e.reference_personal),
            (Some(&*f.message), &e.message_personal),
        ] {
            let Some(text) = text.filter(|_| !ranges.is_empty()) else {
                continue;
            };
            let chars: Vec<char> = text.chars().collect();
            // Only a piece shown whole: a part of one (`ont`, the end of `Dupont`) would mask
            // other words.
            for p in ranges.iter().filter(|p| p.is_whole()) {
                let piece = &chars[p.start.min(chars.len())..p.end.min(chars.len())];
                secrets.push(fold(piece.iter().copied()));
                for word in piece.split(|c| !c.is_alphanumeric()) {
                    if word.len() < piece.len()
                        && word.first().is_some_and(|c| c.is_uppercase())
                        && word.iter().all(|c| c.is_alphabetic())
                    {
                        secrets.push(fold(word.iter().copied()));
                    }
                }
            }
        }
    }
    secrets.retain(|s| s.len() >= MIN_SHARED);
    if secrets.is_empty() {
        return;
    }
    secrets.sort_unstable();
    secrets.dedup();
    // One automaton for the record: a decision whose masking was lifted throughout has dozens
    // of names, each in dozens of excerpts.
    // A noncontiguous NFA: the quickest to build, and the excerpts it searches are short.
    let Ok(automaton) = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .build(secrets.iter().map(|s| s.iter().collect::<String>()))
    else {
        return;
    };
    let secrets = Secrets::new(secrets, automaton);
    for f in findings.iter_mut() {
        let Some(shared) = f.evidence.as_mut() else {
            continue;
        };
        // Evidence without excerpts may be shared by other findings (a field named alone):
        // copied only if the message quotes a secret.
        let mut quoted = shared.message_personal.clone();
        mark_words(&f.message, &mut quoted, &secrets);
        if shared.excerpt.is_none()
            && shared.reference_excerpt.is_none()
            && quoted == shared.message_personal
        {
            continue;
        }
        let e = std::sync::Arc::make_mut(shared);
        e.message_personal = quoted;
        mark_secrets(e.excerpt.as_deref(), &mut e.personal, &secrets);
        mark_secrets(
            e.reference_excerpt.as_deref(),
            &mut e.reference_personal,
            &secrets,
        );
    }
}

/// The personal pieces of a record, folded, and an automaton that finds them all at once.
struct Secrets {
    chars: Vec<Vec<char>>,
    automaton: aho_corasick::AhoCorasick,
    /// Every proper suffix of a secret of at least [`MIN_SHARED`] chars, by its digest: the
    /// secrets that end so. An excerpt cut inside a secret starts with such a suffix.
    suffixes: HashMap<u64, Vec<u32>>,
    /// Likewise every proper prefix: an excerpt cut inside a secret ends with one. With them
    /// an excerpt's edges are looked up, at most as many times as a secret has chars, where
    /// trying every secret made a record of thousands of exposed numbers cost the square of
    /// their count.
    prefixes: HashMap<u64, Vec<u32>>,
    /// The longest secret, in chars.
    longest: usize,
}

impl Secrets {
    fn new(chars: Vec<Vec<char>>, automaton: aho_corasick::AhoCorasick) -> Secrets {
        let mut suffixes: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut prefixes: HashMap<u64, Vec<u32>> = HashMap::new();
        let add = |map: &mut HashMap<u64, Vec<u32>>, digest: u64, i: u32| {
            let v = map.entry(digest).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        };
        for (i, s) in chars.iter().enumerate() {
            let m = s.len();
            // Each prefix's and each suffix's digest from the last one's: linear in the
            // secret's length, where digesting each part anew cost its square (a 40 KB name
            // took half a minute).
            let (prefix, suffix) = (prefix_digests(s), suffix_digests(s));
            for k in MIN_SHARED..m {
                add(&mut suffixes, suffix[k], i as u32);
                add(&mut prefixes, prefix[k], i as u32);
            }
        }
        let longest = chars.iter().map(Vec::len).max().unwrap_or(0);
        Secrets {
            chars,
            automaton,
            suffixes,
            prefixes,
            longest,
        }
    }
}

/// The base of [`Secrets`]' digests: a polynomial hash modulo 2⁶⁴ of the chars, `Σ cᵢ·Bⁿ⁻¹⁻ⁱ`,
/// which gives the digests of all the prefixes, and of all the suffixes, of a text in one pass
/// each. Look-ups check a match char by char: a collision costs a comparison, never a wrong
/// mark.
const DIGEST_BASE: u64 = 0x100_0000_01b3;

/// The digest of `part[..k]` for every `k` in `0..=part.len()`.
fn prefix_digests(part: &[char]) -> Vec<u64> {
    let mut out = Vec::with_capacity(part.len() + 1);
    let mut h = 0u64;
    out.push(h);
    for &c in part {
        h = h.wrapping_mul(DIGEST_BASE).wrapping_add(u64::from(c) + 1);
        out.push(h);
    }
    out
}

/// The digest of the last `k` chars of `part` (`part[len - k..]`) for every `k` in
/// `0..=part.len()`: the same digest as [`prefix_digests`] gives the same chars.
fn suffix_digests(part: &[char]) -> Vec<u64> {
    let mut out = Vec::with_capacity(part.len() + 1);
    let (mut h, mut power) = (0u64, 1u64);
    out.push(h);
    for &c in part.iter().rev() {
        h = h.wrapping_add((u64::from(c) + 1).wrapping_mul(power));
        power = power.wrapping_mul(DIGEST_BASE);
        out.push(h);
    }
    out
}

/// `chars` in lower case, one char for one (what matching "ignores case" means here).
fn fold(chars: impl IntoIterator<Item = char>) -> Vec<char> {
    chars
        .into_iter()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// `text` folded, and the char each byte of the folded text belongs to (its length at the end).
fn folded_with_chars(text: &str) -> (Vec<char>, String, Vec<usize>) {
    let t = fold(text.chars());
    let folded: String = t.iter().collect();
    let mut char_of = vec![t.len(); folded.len() + 1];
    for (i, (b, c)) in folded.char_indices().enumerate() {
        char_of[b..b + c.len_utf8()].fill(i);
    }
    (t, folded, char_of)
}

/// Adds to `ranges` the places of `text` (in chars) that hold one of the `secrets`.
fn mark_secrets(text: Option<&str>, ranges: &mut Vec<Personal>, secrets: &Secrets) {
    let Some(text) = text else { return };
    let (t, folded, char_of) = folded_with_chars(text);
    let n = t.len();
    let before = ranges.len();
    // Whole occurrences, overlapping ones included. Folding keeps one char for one, so the
    // automaton's byte offsets in the folded text give char offsets of the text as it is.
    for m in secrets.automaton.find_overlapping_iter(&folded) {
        ranges.push(Personal::whole(char_of[m.start()], char_of[m.end()]));
    }
    // Cut by the excerpt's start (it starts with the end of a piece) or by its end (it ends
    // with the start of one): the longest such part of any secret, of MIN_SHARED chars or
    // more, marks that edge; the shorter parts of other secrets lie within it, which redaction
    // merges. A part cut at its start shows not the piece's first letter, which redaction
    // would keep. Looked up by length, longest first, at most as many times as the longest
    // secret has chars, whatever the number of secrets (thousands of addresses of one domain
    // share their ends).
    let longest = n.min(secrets.longest.saturating_sub(1));
    let found = |map: &HashMap<u64, Vec<u32>>, digest: u64, fits: &dyn Fn(&[char]) -> bool| {
        map.get(&digest)
            .is_some_and(|ids| ids.iter().any(|&i| fits(&secrets.chars[i as usize])))
    };
    // The digests of the excerpt's first k chars and of its last k, for every k at once.
    let (head, tail) = if longest >= MIN_SHARED {
        (
            prefix_digests(&t[..longest]),
            suffix_digests(&t[n - longest..]),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    if let Some(k) = (MIN_SHARED..=longest).rev().find(|&k| {
        found(&secrets.suffixes, head[k], &|s: &[char]| {
            s.len() > k && s[s.len() - k..] == t[..k]
        })
    }) {
        ranges.push(Personal {
            start: 0,
            end: k,
            first: false,
            last: true,
        });
    }
    if let Some(k) = (MIN_SHARED..=longest).rev().find(|&k| {
        found(&secrets.prefixes, tail[k], &|s: &[char]| {
            s.len() > k && s[..k] == t[n - k..]
        })
    }) {
        ranges.push(Personal {
            start: n - k,
            end: n,
            first: true,
            last: false,
        });
    }
    if ranges.len() > before {
        ranges.sort_unstable_by_key(|p| (p.start, p.end, p.first, p.last));
        ranges.dedup();
    }
}

/// Adds to `ranges` the places of a finding's message (in chars) that hold one of the `secrets`
/// as whole words: a message is English words around what it quotes, which a secret found
/// inside a longer word would mask.
fn mark_words(message: &str, ranges: &mut Vec<Personal>, secrets: &Secrets) {
    let (t, folded, char_of) = folded_with_chars(message);
    let before = ranges.len();
    for m in secrets.automaton.find_overlapping_iter(&folded) {
        let (a, b) = (char_of[m.start()], char_of[m.end()]);
        let bounded = (a == 0 || !t[a - 1].is_alphanumeric())
            && t.get(b).is_none_or(|c| !c.is_alphanumeric());
        if bounded {
            ranges.push(Personal::whole(a, b));
        }
    }
    if ranges.len() > before {
        ranges.sort_unstable_by_key(|p| (p.start, p.end, p.first, p.last));
        ranges.dedup();
    }
}

/// Whether `hay` holds `needle` as a whole word (not inside a longer word).
/// Those of `needles` that `hay` holds as words (not inside a longer word): one pass over
/// `hay`, where looking for each needle in turn cost the reference's length for every hit.
fn words_in<'n>(
    hay: &str,
    needles: impl Iterator<Item = &'n str>,
) -> std::collections::HashSet<&'n str> {
    let mut needles: Vec<&str> = needles.filter(|n| !n.is_empty()).collect();
    needles.sort_unstable();
    needles.dedup();
    let mut shown = std::collections::HashSet::new();
    if needles.is_empty() {
        return shown;
    }
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .kind(automaton_kind(&needles))
        .build(&needles)
    else {
        // Too many to build an automaton (never seen): one needle at a time.
        return needles
            .into_iter()
            .filter(|n| contains_word(hay, n))
            .collect();
    };
    for m in ac.find_overlapping_iter(hay) {
        if is_word(hay, m.start(), m.end()) {
            shown.insert(needles[m.pattern().as_usize()]);
        }
    }
    shown
}

/// The automaton to search `needles` with: the crate's choice (a DFA for a few needles), but
/// past 4 KB of needles a contiguous NFA. A DFA's building costs about the square of the
/// needles' length: one 40 KB name (`Lambert-Lambert-…`) took 15 s to build for, where a
/// contiguous NFA is built in linear time and searched about as fast for one hay.
fn automaton_kind(needles: &[&str]) -> Option<aho_corasick::AhoCorasickKind> {
    (needles.iter().map(|n| n.len()).sum::<usize>() > 4096)
        .then_some(aho_corasick::AhoCorasickKind::ContiguousNFA)
}

/// Whether bytes `s..e` of `hay` are a word of it: no letter or digit just before or after.
fn is_word(hay: &str, s: usize, e: usize) -> bool {
    hay[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
        && hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        if is_word(hay, s, s + needle.len()) {
            return true;
        }
        from = s + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    // The digest of some chars is the same whether they are a text's start or its end: what
    // lets an excerpt's edges be looked up among the secrets' suffixes and prefixes.
    #[test]
    fn prefix_and_suffix_digests_agree() {
        let s: Vec<char> = "lambert-dupont é".chars().collect();
        let (prefix, suffix) = (prefix_digests(&s), suffix_digests(&s));
        assert_eq!((prefix.len(), suffix.len()), (s.len() + 1, s.len() + 1));
        for k in 0..=s.len() {
            assert_eq!(
                suffix[k],
                prefix_digests(&s[s.len() - k..])[k],
                "suffix {k}"
            );
            assert_eq!(prefix[k], suffix_digests(&s[..k])[k], "prefix {k}");
        }
        assert_ne!(prefix[3], suffix[3], "«lam» is not «t é»");
    }

    // One pass over the reference finds what looking for each hit in turn finds.
    #[test]
    fn words_in_agrees_with_contains_word() {
        let hay = "M. Dupont, né le 3 mars 1975, et Mme Dupontel ; 06 12 34 56 78. Dupont";
        let needles = [
            "Dupont",
            "Dupontel",
            "Dupon",
            "3 mars 1975",
            "06 12 34 56 78",
            "12 34",
            "Martin",
            "ont",
        ];
        let got = words_in(hay, needles.iter().copied());
        for n in needles {
            assert_eq!(got.contains(n), contains_word(hay, n), "{n}");
        }
        assert_eq!(got.len(), 5, "{got:?}");
        // Needles of tens of KB (a name chained 5,000 times in a field) are looked for with an
        // automaton built in linear time; they are words of a hay as short ones are.
        let long = vec!["Lambert"; 5000].join("-");
        let hay = format!("Mme {long}, demeurant à Paris, et Mme {long}ine");
        let longer = format!("{long}-Lambert");
        let got = words_in(
            &hay,
            [long.as_str(), longer.as_str(), "Paris", "Dupont"].into_iter(),
        );
        assert!(
            got.contains(long.as_str()) && got.contains("Paris"),
            "{}",
            got.len()
        );
        assert_eq!(got.len(), 2);
        // Built as a contiguous NFA (a DFA's building is quadratic in their length); a few
        // names of a decision, as the crate picks.
        use aho_corasick::AhoCorasickKind::ContiguousNFA;
        assert_eq!(automaton_kind(&[long.as_str()]), Some(ContiguousNFA));
        assert_eq!(automaton_kind(&["x"; 4097]), Some(ContiguousNFA));
        assert_eq!(automaton_kind(&["Dupont", "3 mars 1975", "Paris"]), None);
        assert_eq!(automaton_kind(&["x"; 4096]), None);
    }

    // Markup and entities make a field HTML; a lone `<` or `&` in prose does not.
    #[test]
    fn html_is_told_by_its_tags_and_entities() {
        for html in [
            "<p>M. Dupont</p>",
            "M.&nbsp;Dupont",
            "06&#160;12",
            "M<sup>me</sup> Lambert",
            "fin</p>",
            "texte<!-- note -->",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for plain in [
            "3 < 4",
            "Dupont & Fils",
            "a <= b",
            "x &",
            "x <",
            "",
            "M. Dupont",
            "«\u{a0}M. Dupont\u{a0}»",
        ] {
            assert!(!looks_like_html(plain), "{plain}");
        }
    }

    #[test]
    fn fields_named_for_the_parties() {
        for key in [
            "parties",
            "requerant",
            "requérante",
            "demandeurs",
            "intimée",
            "partie_civile",
            "nomRequerant",
            "victimes",
            "defendant",
        ] {
            assert!(parties_in(&key_words(key)), "{key}");
        }
        for key in [
            "title",
            "tags",
            "persons",
            "departies",
            "repartition",
            "commentary",
        ] {
            assert!(!parties_in(&key_words(key)), "{key}");
        }
    }

    #[test]
    fn whole_words_only() {
        assert!(contains_word("M. Durand, demeurant", "Durand"));
        assert!(!contains_word("M. Durandal", "Durand"));
        assert!(contains_word("x Durandal Durand", "Durand"));
        assert!(!contains_word("abc", ""));
    }

    fn text_finding(rule: Rule, excerpt: &str, personal: Vec<(usize, usize)>) -> Finding {
        Finding::new(rule, None, "m").with_evidence(Evidence {
            field: "text".into(),
            excerpt: Some(excerpt.into()),
            personal: whole(personal),
            ..Default::default()
        })
    }

    fn whole(ranges: Vec<(usize, usize)>) -> Vec<Personal> {
        ranges
            .into_iter()
            .map(|(a, b)| Personal::whole(a, b))
            .collect()
    }

    fn shown(f: &Finding) -> String {
        let e = f.evidence.as_ref().unwrap();
        crate::report::redact::redact(e.excerpt.as_deref().unwrap(), &e.personal)
    }

    #[test]
    fn personal_data_is_shared_between_the_excerpts_of_a_record() {
        let mut fs = vec![
            // MSK004: the name.
            text_finding(
                Rule::MSK004,
                "témoin : Mme Sophie Lambert, née le",
                vec![(13, 27)],
            ),
            // MSK005: the date, beside the name.
            text_finding(
                Rule::MSK005,
                "Mme Sophie Lambert, née le 3 mars 1975, joignable",
                vec![(27, 38)],
            ),
            // INT002: the passage, which names her otherwise, in capitals, cut by its edges.
            text_finding(
                Rule::INT002,
                "phie LAMBERT née le 3 mars 1975 ; Mme Lambert, tél. 06 12 34 56 78 ; Mme Lamb",
                vec![],
            ),
            // Another field: what it shows of her is hers too.
            Finding::new(Rule::PRF001, None, "m").with_evidence(Evidence {
                field: "president".into(),
                excerpt: Some("Sophie Lambert".into()),
                ..Default::default()
            }),
        ];
        share_personal(&mut fs);
        // Overlapping ranges are redacted as one: the first letter of the name is kept.
        assert_eq!(shown(&fs[0]), "témoin : Mme S•••••••••••••, née le");
        assert_eq!(
            shown(&fs[1]),
            "Mme S•••••••••••••, née le •••••••••••, joignable"
        );
        // The start `phie LAMBERT` (the end of `Sophie Lambert`, whose first letter is not
        // there to keep) and the end `Lamb` (the start of `Lambert`) too; the phone number was
        // never flagged, so it stays.
        assert_eq!(
            shown(&fs[2]),
            "•••••••••••• née le ••••••••••• ; Mme L••••••, tél. 06 12 34 56 78 ; Mme L•••"
        );
        assert_eq!(shown(&fs[3]), "S•••••••••••••");
    }

    /// The reuser's commentary names a person and gives her date of birth and phone number: each
    /// of its findings hides what the others found (the review's case).
    #[test]
    fn commentary_findings_share_their_personal_data() {
        let note = "Note : M. Henri Wagner, né le 12 avril 1980, joignable au 06 12 34 56 78.";
        let commentary = |rule, ranges: Vec<(usize, usize)>| {
            Finding::new(rule, None, "m").with_evidence(Evidence {
                field: "commentary".into(),
                excerpt: Some(note.into()),
                personal: whole(ranges),
                ..Default::default()
            })
        };
        let mut fs = vec![
            commentary(Rule::MSK004, vec![(10, 22)]),
            commentary(Rule::MSK005, vec![(30, 43)]),
            commentary(Rule::MSK005, vec![(58, 72)]),
            // The same name quoted in an insertion into the text.
            text_finding(Rule::INT002, "voir la note sur Henri Wagner", vec![]),
        ];
        share_personal(&mut fs);
        let all = "Note : M. H•••••••••••, né le •••••••••••••, joignable au ••••••••••••••.";
        for f in &fs[..3] {
            assert_eq!(shown(f), all);
        }
        assert_eq!(shown(&fs[3]), "voir la note sur H•••••••••••");
    }

    /// A message that quotes what another finding shows as personal hides it too, as whole
    /// words only: the English words around it stay.
    #[test]
    fn messages_hide_the_personal_data_of_the_record() {
        let mut fs = vec![
            text_finding(Rule::MSK004, "M. Hervé Wallon a formé", vec![(3, 15)]),
            text_finding(Rule::MSK002, "la société [X]", vec![]),
        ];
        fs[1].message =
            "the record masks «Wallon», which the reference shows in clear (Wallonia)".into();
        share_personal(&mut fs);
        let e = fs[1].evidence.as_ref().unwrap();
        assert_eq!(e.message_personal, vec![Personal::whole(18, 24)]);
        assert_eq!(
            crate::report::exported_message(&fs[1], false),
            "the record masks «W•••••», which the reference shows in clear (Wallonia)"
        );
        // A finding whose message quotes nothing keeps it as it is.
        assert!(fs[0].evidence.as_ref().unwrap().message_personal.is_empty());
    }

    /// A message quoting a secret marks the finding's own evidence, not the field-only
    /// evidence it shares with the record's other findings of that field.
    #[test]
    fn a_shared_evidence_is_copied_before_it_is_marked() {
        let field_only = |message: &str| {
            let mut f = Finding::new(Rule::PRF001, None, "m").with_evidence(Evidence {
                field: "president".into(),
                ..Default::default()
            });
            f.message = message.to_string().into();
            f
        };
        let mut fs = vec![
            text_finding(Rule::MSK004, "M. Hervé Wallon a formé", vec![(3, 15)]),
            field_only("the president is named Wallon"),
            field_only("the president is named"),
        ];
        let (a, b) = (
            fs[1].evidence.clone().unwrap(),
            fs[2].evidence.clone().unwrap(),
        );
        assert!(std::sync::Arc::ptr_eq(&a, &b));
        share_personal(&mut fs);
        let marked = fs[1].evidence.as_ref().unwrap();
        assert_eq!(marked.message_personal, vec![Personal::whole(23, 29)]);
        assert!(!std::sync::Arc::ptr_eq(marked, &a));
        // The other finding, and the evidence it shares, are as they were.
        assert!(std::sync::Arc::ptr_eq(fs[2].evidence.as_ref().unwrap(), &b));
        assert!(b.message_personal.is_empty());
    }

    #[test]
    fn nothing_personal_nothing_shared() {
        let mut fs = vec![
            text_finding(Rule::INT001, "la Cour de Paris", vec![]),
            // Too short a piece to look for elsewhere.
            text_finding(Rule::MSK004, "M. Li", vec![(3, 5)]),
        ];
        let before = fs.clone();
        share_personal(&mut fs);
        assert_eq!(fs, before);
    }
}
