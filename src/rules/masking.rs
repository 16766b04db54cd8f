//! Masking in clear (MSK004, MSK005): names of natural persons who are parties or third parties,
//! and their direct identifiers, shown in clear in the record. MSK001–MSK003 come from the
//! alignment with the reference (see `integrity.rs`).

use super::Rule;
use crate::model::{Evidence, Finding, RecordRef};
use crate::rules::integrity::excerpt;
use crate::text::identifiers;
use crate::text::names;
use crate::text::normalize::{self, Normalized};

/// Runs the detectors over a record's normalised text. `mapped` is computed (once) only when a
/// detector finds something, to report spans of the text as read; so is the reference's
/// normalised text, to tell whether the source shows the same thing in clear (`source_defect`).
#[allow(clippy::too_many_arguments)]
pub fn check_in_clear(
    norm: &str,
    original: &str,
    html: bool,
    mapped: &mut Option<Normalized>,
    reference_text: &dyn Fn() -> Option<String>,
    professionals: &[String],
    lifted: &[(usize, usize)],
    rec: &RecordRef,
    out: &mut Vec<Finding>,
) {
    let names = names::find_person_names(norm, professionals);
    let ids = identifiers::find_identifiers(norm);
    if names.is_empty() && ids.is_empty() {
        return;
    }
    let m = mapped.get_or_insert_with(|| normalize::normalize_mapped(original, html));
    let reference_norm = reference_text().map(|t| normalize::normalize(&t, false));
    debug_assert_eq!(m.text, norm);
    // Byte offsets of the normalised text to char offsets.
    let to_char = |b: usize| norm[..b.min(norm.len())].chars().count();
    let overlaps_lifted =
        |span: (usize, usize)| lifted.iter().any(|&(a, b)| span.0 < b && a < span.1);
    let mut emit = |rule: Rule, start: usize, end: usize, msg: String| {
        let (cs, ce) = (to_char(start), to_char(end));
        let span = m.original_span(cs, ce);
        if overlaps_lifted(span) {
            return;
        }
        let found = &norm[start..end];
        let source_defect = reference_norm
            .as_deref()
            .is_some_and(|r| contains_word(r, found));
        let (ex, within) = excerpt(&m.text, cs, ce);
        out.push(
            Finding::new(rule, Some(rec.clone()), msg)
                .with_source_defect(source_defect)
                .with_evidence(Evidence {
                    field: "text".into(),
                    span: Some(span),
                    excerpt: Some(ex),
                    personal: vec![within],
                    ..Default::default()
                }),
        );
    };
    for h in &names {
        emit(
            Rule::MSK004,
            h.start,
            h.end,
            "the name of a natural person who is a party or a third party is shown in clear"
                .to_string(),
        );
    }
    for h in &ids {
        emit(
            Rule::MSK005,
            h.start,
            h.end,
            format!("a {} is shown in clear", h.kind.label()),
        );
    }
}

/// Whether `hay` holds `needle` as a whole word (not inside a longer word).
fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let before = hay[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = s + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(contains_word("M. Durand, demeurant", "Durand"));
        assert!(!contains_word("M. Durandal", "Durand"));
        assert!(contains_word("x Durandal Durand", "Durand"));
        assert!(!contains_word("abc", ""));
    }
}
