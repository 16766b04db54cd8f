//! Integrity of the text (INT001–INT004) and the masking differences found by the same alignment
//! (MSK001–MSK003). A record's normalised text is compared with its reference's only when their
//! digests differ; the differences are then classified from a real token diff:
//! - a reference marker replaced by clear text: MSK001 (occultation lifted);
//! - clear reference text replaced by a marker: MSK003 when it is a person's name (provisional
//!   occultation), MSK002 otherwise (occultation added);
//! - a marker replaced by another marker: no finding (the same occultation, another spelling);
//! - otherwise words inserted (INT002), cut (INT003, unless the record is an excerpt) or
//!   substituted (INT001).

use super::Rule;
use crate::model::{Evidence, Finding, RecordRef};
use crate::text::align::{self, Alignment, Change};
use crate::text::markers::{self, MarkerKind};
use crate::text::names;
use crate::text::normalize::Normalized;
use std::sync::Arc;

/// Characters of context around a span in evidence excerpts.
const CONTEXT: usize = 40;

/// What comparing a record's text with its reference found.
#[derive(Debug, Default)]
pub struct TextComparison {
    /// INT001–INT003 (replaced by FRE002 when the record is outdated).
    pub integrity: Vec<Finding>,
    /// MSK001–MSK003.
    pub masking: Vec<Finding>,
    /// Spans (chars of the record text as read) reported as MSK001: not reported again as
    /// MSK004 or MSK005.
    pub lifted: Vec<(usize, usize)>,
    /// The first textual difference, for FRE002.
    pub first_difference: Option<Evidence>,
}

/// Chars of a long span shown at each of its ends in an excerpt; the middle is left out.
const SPAN_ENDS: usize = 80;

/// What stands for the middle of a long span left out of an excerpt: the omission sign of
/// French quotations, in parentheses (`[…]` is a masking marker).
const OMITTED: &str = " (…) ";

/// Builds an excerpt of `text` around chars `[start, end)`: the excerpt and the span's place in
/// it (in chars). A span of more than `2 × SPAN_ENDS` chars and the omission sign shows its two
/// ends around [`OMITTED`]: a passage cut from a decision may be most of it, and every finding
/// keeps its excerpts. A span of personal data is shown whole (see [`personal_excerpt`]).
pub fn excerpt(text: &str, start: usize, end: usize) -> (String, (usize, usize)) {
    excerpt_of(text, start, end, true)
}

/// [`excerpt`] of a span that holds personal data, never shortened: what an excerpt marks as
/// personal is looked for in the record's other excerpts to be redacted there too
/// ([`crate::rules::masking::share_personal`]), so all of it must be there.
pub fn personal_excerpt(text: &str, start: usize, end: usize) -> (String, (usize, usize)) {
    excerpt_of(text, start, end, false)
}

fn excerpt_of(text: &str, start: usize, end: usize, elide: bool) -> (String, (usize, usize)) {
    let omitted_chars = OMITTED.chars().count();
    // Where the span starts and ends, within the text.
    let (from, c_from) = byte_of_char(text, 0, 0, start.saturating_sub(CONTEXT));
    let (start, c_start) = byte_of_char(text, from, c_from, start);
    let (end, c_end) = byte_of_char(text, start, c_start, end.max(c_start));
    let elided = elide && c_end - c_start > 2 * SPAN_ENDS + omitted_chars;
    let (cut_from, cut_to) = if elided {
        let (cut_from, c) = byte_of_char(text, start, c_start, c_start + SPAN_ENDS);
        (
            cut_from,
            byte_of_char(text, cut_from, c, c_end - SPAN_ENDS).0,
        )
    } else {
        (end, end)
    };
    let (to, _) = byte_of_char(text, end, c_end, c_end + CONTEXT);
    let omitted = if elided { OMITTED } else { "" };
    let mut out = String::with_capacity(to - from + omitted.len());
    out.push_str(&text[from..cut_from]);
    out.push_str(omitted);
    out.push_str(&text[cut_to..to]);
    let lead = c_start - c_from;
    let span = if elided {
        2 * SPAN_ENDS + omitted_chars
    } else {
        c_end - c_start
    };
    (out, (lead, lead + span))
}

/// The byte offset of char `k` of `text` (its length when `k` is past the end), counting on
/// from byte `b`, a char boundary, which is char `c` (at most `k`); and the char index reached.
/// Chars are counted a stretch at a time with the standard library's fast count, each stretch as
/// many bytes as chars are left to go (a char is at least one byte, so it cannot overshoot):
/// far quicker than decoding every char, on texts that are mostly ASCII.
fn byte_of_char(text: &str, mut b: usize, mut c: usize, k: usize) -> (usize, usize) {
    while c < k && b < text.len() {
        let mut e = (b + (k - c)).min(text.len());
        while !text.is_char_boundary(e) {
            e += 1;
        }
        c += text[b..e].chars().count();
        b = e;
    }
    (b, c)
}

/// Compares the normalised (and mapped) record and reference texts.
pub fn compare(
    record: &Normalized,
    reference: &Normalized,
    is_excerpt: bool,
    professionals: &[String],
    rec: &Arc<RecordRef>,
) -> TextComparison {
    let al = align::align(&reference.text, &record.text);
    let mut out = TextComparison::default();
    let mut subs: Vec<&Change> = Vec::new();
    let mut ins: Vec<&Change> = Vec::new();
    let mut cuts: Vec<&Change> = Vec::new();
    for ch in &al.changes {
        let ref_markers = al.reference[ch.reference.clone()]
            .iter()
            .filter(|t| t.marker)
            .count();
        let rec_markers = al.record[ch.record.clone()]
            .iter()
            .filter(|t| t.marker)
            .count();
        let rec_words = ch.record.len() - rec_markers;
        let ref_words = ch.reference.len() - ref_markers;
        // A marker shown in clear is replaced by a few words (a name, an address); a marker
        // added replaces a few words. A change that also holds a long passage is a cut or an
        // insertion that happens to cross a marker.
        if ref_markers > 0
            && rec_markers == 0
            && ref_words <= 2
            && al.record[ch.record.clone()]
                .iter()
                .all(|t| initial_or_mark(&record.text[t.range()]))
        {
            // Initials respelt (`C... A... B...` as `C. A. B.`): the same occultation, no name
            // shown.
        } else if ref_markers > 0
            && rec_markers == 0
            && rec_words > 0
            && ref_words <= 2
            && rec_words <= 8 * ref_markers
        {
            lifted(&al, ch, record, reference, rec, &mut out);
        } else if rec_markers > 0
            && ref_markers == 0
            && ref_words > 0
            && rec_words <= 2
            && ref_words <= 10 * rec_markers
        {
            added(&al, ch, record, reference, professionals, rec, &mut out);
        } else if ref_markers > 0 && rec_markers > 0 {
            // The same occultation, spelt otherwise, or markers moved: nothing the reuser exposed
            // or added.
        } else if ch.reference.is_empty() {
            ins.push(ch);
        } else if ch.record.is_empty() {
            cuts.push(ch);
        } else {
            let (r, c) = (ch.reference.len(), ch.record.len());
            if c > 3 * r && c - r >= 8 {
                ins.push(ch);
            } else if r > 3 * c && r - c >= 8 {
                cuts.push(ch);
            } else {
                subs.push(ch);
            }
        }
    }
    if let Some(first) = al.changes.iter().find(|ch| {
        // Masking differences aside, the first real difference.
        let rm = al.reference[ch.reference.clone()].iter().any(|t| t.marker);
        let cm = al.record[ch.record.clone()].iter().any(|t| t.marker);
        !rm && !cm
    }) {
        out.first_difference = Some(change_evidence(&al, first, record, reference));
    }
    let mut push = |rule: Rule, list: &[&Change], what: &str| {
        let Some(first) = list.first() else { return };
        let ev = change_evidence(&al, first, record, reference);
        let n = list.len();
        let msg = format!(
            "the decision text differs from the reference: {n} {what}{}",
            if n > 1 {
                " (the first one is shown)"
            } else {
                ""
            }
        );
        out.integrity
            .push(Finding::new(rule, Some(rec.clone()), msg).with_evidence(ev));
    };
    push(Rule::INT001, &subs, "passage(s) substituted");
    push(Rule::INT002, &ins, "passage(s) inserted");
    if !is_excerpt {
        push(Rule::INT003, &cuts, "passage(s) of the reference missing");
    }
    out
}

/// Evidence of a change: spans in both texts as read, excerpts from the normalised texts.
fn change_evidence(
    al: &Alignment,
    ch: &Change,
    record: &Normalized,
    reference: &Normalized,
) -> Evidence {
    let (rs, re) = al.record_chars(&ch.record);
    let (fs, fe) = al.reference_chars(&ch.reference);
    let (ex, _) = excerpt(&record.text, rs, re);
    let (rex, _) = excerpt(&reference.text, fs, fe);
    Evidence {
        field: "text".into(),
        span: Some(record.original_span(rs, re)),
        reference_span: Some(reference.original_span(fs, fe)),
        excerpt: Some(ex),
        reference_excerpt: Some(rex),
        ..Default::default()
    }
}

/// Whether a token of the record shows nothing of a name: one capital letter (an initial), or
/// no letter or digit at all (the dots or the ellipsis after one).
fn initial_or_mark(token: &str) -> bool {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_uppercase() => true,
        _ => !token.chars().any(char::is_alphanumeric),
    }
}

fn marker_label(kind: MarkerKind) -> &'static str {
    match kind {
        MarkerKind::Letter | MarkerKind::Initials => "pseudonymised name",
        MarkerKind::Labelled => "pseudonymised element",
        _ => "occultation",
    }
}

fn lifted(
    al: &Alignment,
    ch: &Change,
    record: &Normalized,
    reference: &Normalized,
    rec: &Arc<RecordRef>,
    out: &mut TextComparison,
) {
    let (rs, re) = al.record_chars(&ch.record);
    let (fs, fe) = al.reference_chars(&ch.reference);
    let toks = &al.reference[ch.reference.clone()];
    let shown: Vec<&str> = toks
        .iter()
        .filter(|t| t.marker)
        .map(|t| &reference.text[t.range()])
        .collect();
    let kind = toks
        .iter()
        .find(|t| t.marker)
        .and_then(|t| {
            markers::find_markers(&reference.text[t.range()])
                .first()
                .map(|m| m.kind)
        })
        .unwrap_or(MarkerKind::Letter);
    let (ex, span_in) = personal_excerpt(&record.text, rs, re);
    let (rex, _) = excerpt(&reference.text, fs, fe);
    let span = record.original_span(rs, re);
    out.lifted.push(span);
    out.masking.push(
        Finding::new(
            Rule::MSK001,
            Some(rec.clone()),
            format!(
                "{} {} of the reference is shown in clear",
                marker_label(kind),
                shown.join(" ")
            ),
        )
        .with_evidence(Evidence {
            field: "text".into(),
            span: Some(span),
            reference_span: Some(reference.original_span(fs, fe)),
            excerpt: Some(ex),
            reference_excerpt: Some(rex),
            personal: vec![span_in],
            reference_personal: Vec::new(),
        }),
    );
}

fn added(
    al: &Alignment,
    ch: &Change,
    record: &Normalized,
    reference: &Normalized,
    professionals: &[String],
    rec: &Arc<RecordRef>,
    out: &mut TextComparison,
) {
    let (rs, re) = al.record_chars(&ch.record);
    let (fs, fe) = al.reference_chars(&ch.reference);
    let toks = &al.reference[ch.reference.clone()];
    let (bs, be) = (toks[0].start as usize, toks[toks.len() - 1].end as usize);
    let person = names::person_name_at(&reference.text, bs, be, professionals);
    let (ex, _) = excerpt(&record.text, rs, re);
    let (rex, ref_span_in) = if person {
        personal_excerpt(&reference.text, fs, fe)
    } else {
        excerpt(&reference.text, fs, fe)
    };
    let masked = &reference.text[bs..be];
    let (rule, msg, reference_personal) = if person {
        (
            Rule::MSK003,
            "the record masks a person's name that the source left in clear: allowed as a provisional occultation, but the defect must be reported to the court".to_string(),
            vec![ref_span_in],
        )
    } else {
        (
            Rule::MSK002,
            format!(
                "the record masks «{}», which the reference shows in clear",
                masked.chars().take(80).collect::<String>()
            ),
            Vec::new(),
        )
    };
    out.masking.push(
        Finding::new(rule, Some(rec.clone()), msg).with_evidence(Evidence {
            field: "text".into(),
            span: Some(record.original_span(rs, re)),
            reference_span: Some(reference.original_span(fs, fe)),
            excerpt: Some(ex),
            reference_excerpt: Some(rex),
            personal: Vec::new(),
            reference_personal,
        }),
    );
}

/// INT004: an excerpt must let the reader reach the whole decision.
pub fn check_excerpt(
    is_excerpt: bool,
    full_text_url: Option<&str>,
    rec: &Arc<RecordRef>,
    out: &mut Vec<Finding>,
) {
    if is_excerpt && full_text_url.is_none_or(|u| u.trim().is_empty()) {
        out.push(
            Finding::new(
                Rule::INT004,
                Some(rec.clone()),
                "the record reproduces only part of the decision but gives no link to the full text",
            )
            .with_evidence(Evidence {
                field: "full_text_url".into(),
                ..Default::default()
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize_mapped;

    fn cmp(reference: &str, record: &str, excerpt: bool) -> TextComparison {
        compare(
            &normalize_mapped(record, false),
            &normalize_mapped(reference, false),
            excerpt,
            &[],
            &Arc::default(),
        )
    }

    #[test]
    fn substitution_is_int001_with_spans_of_the_original() {
        let c = cmp(
            "Par ces motifs, la Cour REJETTE le pourvoi.",
            "Par ces  motifs, la Cour CASSE le pourvoi.",
            false,
        );
        assert_eq!(c.integrity.len(), 1);
        let f = &c.integrity[0];
        assert_eq!(f.rule, Rule::INT001);
        let ev = f.evidence.as_ref().unwrap();
        // "CASSE" starts at char 25 of the record as read (two spaces after "ces").
        assert_eq!(ev.span, Some((25, 30)));
        assert_eq!(ev.reference_span, Some((24, 31)));
    }

    #[test]
    fn insertion_and_cut() {
        let r = "Attendu que la cour d'appel a retenu que le bail était résilié ; que le moyen n'est pas fondé.";
        let c = cmp(
            r,
            &format!("{r} Note de la rédaction : voir notre dossier sur les baux commerciaux."),
            false,
        );
        assert_eq!(
            c.integrity.iter().map(|f| f.rule).collect::<Vec<_>>(),
            vec![Rule::INT002]
        );
        let c = cmp(
            r,
            "Attendu que la cour d'appel a retenu que le bail était résilié.",
            false,
        );
        assert_eq!(
            c.integrity.iter().map(|f| f.rule).collect::<Vec<_>>(),
            vec![Rule::INT003]
        );
        let c = cmp(
            r,
            "Attendu que la cour d'appel a retenu que le bail était résilié.",
            true,
        );
        assert!(c.integrity.is_empty(), "an excerpt may cut");
    }

    fn masking(reference: &str, record: &str) -> Vec<(Rule, Option<(usize, usize)>)> {
        let c = cmp(reference, record, false);
        assert!(c.integrity.is_empty(), "{:?}", c.integrity);
        c.masking
            .iter()
            .map(|f| (f.rule, f.evidence.as_ref().unwrap().span))
            .collect()
    }

    #[test]
    fn the_masking_examples_of_the_spec() {
        assert_eq!(
            masking(
                "M. [K] a formé le pourvoi",
                "M. Kaminski a formé le pourvoi"
            ),
            vec![(Rule::MSK001, Some((3, 11)))]
        );
        assert_eq!(
            masking("la société Dilo Guyane", "la société [X]"),
            vec![(Rule::MSK002, Some((11, 14)))]
        );
        assert_eq!(
            masking(
                "M. Durand, demeurant [Adresse 1]",
                "M. [D], demeurant [Adresse 1]"
            ),
            vec![(Rule::MSK003, Some((3, 6)))]
        );
        // A marker respelt is the same occultation.
        assert!(masking("M. [K] a formé", "M. [...] a formé").is_empty());
        // So are initials respelt, with dots, an ellipsis or nothing after them; a name that
        // follows an initial is shown, though.
        for record in [
            "Mme C. A. B. demande",
            "Mme C.A.B. demande",
            "Mme C A B demande",
        ] {
            assert!(
                masking("Mme C... A... B... demande", record).is_empty(),
                "{record}"
            );
        }
        assert!(masking("M. [K] a formé", "M. K. a formé").is_empty());
        assert_eq!(
            masking("Mme C... demande", "Mme C. Martin demande")
                .iter()
                .map(|f| f.0)
                .collect::<Vec<_>>(),
            [Rule::MSK001]
        );
    }

    #[test]
    fn a_lifted_marker_is_redacted_in_the_excerpt() {
        let c = cmp(
            "M. [K] a formé le pourvoi",
            "M. Kaminski a formé le pourvoi",
            false,
        );
        let ev = c.masking[0].evidence.as_ref().unwrap();
        assert_eq!(ev.personal, vec![(3, 11)]);
        assert_eq!(c.lifted, vec![(3, 11)]);
        assert!(c.masking[0].message.contains("[K]"));
        assert!(!c.masking[0].message.contains("Kaminski"));
    }

    #[test]
    fn excerpt_marks_the_span() {
        let (e, s) = excerpt("abcdef", 2, 4);
        assert_eq!((e.as_str(), s), ("abcdef", (2, 4)));
        let long = "x".repeat(100);
        let (e, s) = excerpt(&long, 50, 52);
        assert_eq!(e.chars().count(), 82);
        assert_eq!(s, (40, 42));
        // Past the end of the text, and an empty span.
        assert_eq!(excerpt("abc", 1, 9), ("abc".to_string(), (1, 3)));
        assert_eq!(excerpt("abc", 3, 3), ("abc".to_string(), (3, 3)));
        assert_eq!(excerpt("", 0, 0), (String::new(), (0, 0)));
    }

    #[test]
    fn byte_of_char_counts_chars_not_bytes() {
        let text = "aé€😀b";
        for k in 0..=7 {
            let want = text.char_indices().nth(k).map_or(text.len(), |(b, _)| b);
            assert_eq!(byte_of_char(text, 0, 0, k).0, want, "{k}");
            // On from another char.
            if k >= 2 {
                assert_eq!(byte_of_char(text, 1, 1, k).0, want, "{k}");
            }
        }
        assert_eq!(byte_of_char(text, 0, 0, 9), (text.len(), 5));
    }

    /// A long span (a passage cut, most of the decision) shows its two ends, not all of it:
    /// findings keep their excerpts, and a report listing thousands of cut decisions must not
    /// copy them whole.
    #[test]
    fn excerpt_of_a_long_span_shows_its_two_ends() {
        // 50 chars before, a span of 1,000 chars (digits of its position, « é » multi-byte),
        // 50 after.
        let span: String = (0..1000)
            .map(|i| {
                if i % 7 == 0 {
                    'é'
                } else {
                    char::from(b'0' + (i % 10) as u8)
                }
            })
            .collect();
        let text = format!("{}{span}{}", "a".repeat(50), "z".repeat(50));
        let (e, (s, t)) = excerpt(&text, 50, 1050);
        let want = format!(
            "{}{}{OMITTED}{}{}",
            "a".repeat(40),
            span.chars().take(80).collect::<String>(),
            span.chars().skip(920).collect::<String>(),
            "z".repeat(40)
        );
        assert_eq!(e, want);
        assert_eq!((s, t), (40, 40 + 80 + 5 + 80));
        let marked: String = e.chars().skip(s).take(t - s).collect();
        assert!(marked.starts_with(&span.chars().take(80).collect::<String>()));
        assert!(marked.ends_with(&span.chars().skip(920).collect::<String>()));
        // A span just short of the limit is shown whole.
        let (e, (s, t)) = excerpt(&text, 50, 50 + 165);
        assert_eq!((s, t), (40, 205));
        assert_eq!(e.chars().count(), 40 + 165 + 40);
        // A span of personal data is never shortened.
        let (e, (s, t)) = personal_excerpt(&text, 50, 1050);
        assert_eq!(e.chars().skip(s).take(t - s).collect::<String>(), span);
        // A span past the text's end is the part within it, shortened only if that is long.
        let x = "x".repeat(100);
        assert_eq!(excerpt(&x, 0, 1000), (x.clone(), (0, 100)));
        let (e, (s, t)) = excerpt(&text, 50, 5000);
        assert_eq!((s, t), (40, 205));
        let last: String = text.chars().skip(text.chars().count() - 80).collect();
        assert!(e.ends_with(&format!("{OMITTED}{last}")));
    }

    /// Every span of a text with multi-byte chars is marked exactly: its chars, or its two ends
    /// around the omission sign; in or past the text.
    #[test]
    fn excerpt_marks_every_span_exactly() {
        let text: String = (0..400)
            .map(|i| {
                if i % 3 == 0 {
                    'é'
                } else {
                    char::from(b'a' + (i % 26) as u8)
                }
            })
            .collect();
        let chars: Vec<char> = text.chars().collect();
        for start in (0..=430).step_by(7) {
            for end in start..=430 {
                let (e, (s, t)) = excerpt(&text, start, end);
                let shown: Vec<char> = e.chars().collect();
                let (a, b) = (start.min(400), end.min(400));
                let lead = a - start.saturating_sub(CONTEXT).min(400);
                assert_eq!(s, lead, "{start} {end}");
                let marked: String = shown[s..t].iter().collect();
                let span: String = chars[a..b].iter().collect();
                if b - a > 2 * SPAN_ENDS + 5 {
                    let ends: String = chars[a..a + SPAN_ENDS]
                        .iter()
                        .chain(OMITTED.chars().collect::<Vec<_>>().iter())
                        .chain(&chars[b - SPAN_ENDS..b])
                        .collect();
                    assert_eq!(marked, ends, "{start} {end}");
                } else {
                    assert_eq!(marked, span, "{start} {end}");
                }
                assert_eq!(shown.len() - t, (b + CONTEXT).min(400) - b, "{start} {end}");
            }
        }
    }
}
