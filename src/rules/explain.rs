//! `vigie rules` and `vigie explain CODE`: the registry printed for people.

use super::{Rule, article_text, article_title};
use std::io::{self, Write};

/// Writes the aligned table of every rule: code, name, family, severity, penalty, basis.
pub fn rules_table(out: &mut dyn Write) -> io::Result<()> {
    let header = ["CODE", "NAME", "FAMILY", "SEVERITY", "PENALTY", "BASIS"];
    let rows: Vec<[String; 6]> = Rule::ALL
        .iter()
        .map(|r| {
            let i = r.info();
            [
                i.code.to_string(),
                i.name.to_string(),
                i.family.as_str().to_string(),
                i.severity.as_str().to_string(),
                i.penalty.as_str().to_string(),
                if i.basis.is_empty() {
                    "—".to_string()
                } else {
                    i.basis.join(", ")
                },
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let mut s = String::new();
        for (k, cell) in cells.iter().enumerate() {
            if k + 1 == cells.len() {
                s.push_str(cell);
            } else {
                s.push_str(cell);
                let pad = widths[k] - cell.chars().count() + 2;
                s.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, &header)?;
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        line(out, &cells)?;
    }
    Ok(())
}

/// An example of what makes the rule fire (reference → record), where one helps.
fn example(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::INT001 => "reference « rejette le pourvoi » → record « casse et annule »",
        Rule::INT002 => {
            "the record's text holds « Note de la rédaction : … » or an advertisement absent from the reference"
        }
        Rule::INT003 => {
            "the record stops before the « PAR CES MOTIFS » of the reference, without `excerpt: true`"
        }
        Rule::INT004 => "`\"excerpt\": true` and no `full_text_url`",
        Rule::INT005 => {
            "a Cour de cassation decision shown without its chamber (`formation`) nor its date"
        }
        Rule::INT006 => {
            "reference decided on 2023-10-05 → record shows `decision_date: \"05/11/2023\"`"
        }
        Rule::INT007 => "`source_id` is absent or matches no reference decision",
        Rule::ATT001 => "no `attribution`, or « Source : nos services »",
        Rule::ATT002 => "a Conseil d'État decision with « Source : Cour de cassation »",
        Rule::FRE001 => "neither `updated_at` nor a date in `update_notice`",
        Rule::FRE002 => {
            "reference updated on 2026-03-01 with a corrected text; record loaded on 2026-01-10 still shows the old text"
        }
        Rule::FRE003 => {
            "audit on 2026-11-22 while the newest `updated_at` of the corpus is 2026-11-15"
        }
        Rule::FRE004 => {
            "the history lists the decision as `deleted`, the record is still published"
        }
        Rule::FRE005 => {
            "`update_notice: \"Mis à jour le 20/11/2026\"` instead of « Document chargé sur le site source le 20/11/2026 »"
        }
        Rule::MSK001 => {
            "reference « M. [K] a formé le pourvoi » → record « M. Kaminski a formé le pourvoi »"
        }
        Rule::MSK002 => "reference « la société Dilo Guyane » → record « la société [X] »",
        Rule::MSK003 => {
            "reference « M. Durand, demeurant [Adresse 1] » → record « M. [D], demeurant [Adresse 1] »"
        }
        Rule::MSK004 => {
            "« Mme Sophie Lambert » in clear in the record (source_defect when the reference shows it too)"
        }
        Rule::MSK005 => {
            "« née le 3 mars 1975 », a valid NIR or IBAN, a phone number or an e-mail in the record"
        }
        Rule::PRF001 => {
            "a field `\"president\": \"Mme Martinel\"` indexed with the record, or a field of any \
             name naming her (`\"persons\": [\"Mme Martinel\"]`) when the decision's composition \
             names her « Mme Martinel, président »"
        }
        Rule::PRF002 => {
            "a field `\"judge_stats\": {\"name\": \"Mme Martinel\", \"cassation_rate\": 0.42}`, or a \
             commentary « Mme Martinel, présidente, rejette 82 % des pourvois »"
        }
        Rule::IN001 => "line 17 of the corpus is `{\"id\": \"r-17\", \"text\": ` (truncated JSON)",
        Rule::IN002 => "two records with `\"id\": \"r-17\"`",
    })
}

/// The producers to whose decisions none of the rule's basis applies, each described, with the
/// articles of their own conditions that findings on their decisions cite instead.
fn instead(rule: Rule) -> Vec<(&'static str, &'static [&'static str])> {
    use crate::model::Producer;
    // The Conseil d'État's open data and JADE come under the same conditions.
    [
        (
            Producer::CourDeCassation,
            "on Cour de cassation (Judilibre) decisions",
        ),
        (
            Producer::Legifrance,
            "on Légifrance decisions (CASS, INCA, CAPP)",
        ),
        (
            Producer::ConseilEtat,
            "on administrative decisions (Conseil d'État open data, JADE)",
        ),
    ]
    .into_iter()
    .filter_map(|(p, label)| super::basis::own_articles(rule, p).map(|own| (label, own)))
    .collect()
}

/// How the formal notice (`--report notice`) presents a rule's findings where that differs from
/// its penalty, which every other export keeps.
fn notice_note(rule: Rule) -> Option<&'static str> {
    match rule {
        // Only CE V rules on excerpts; CC V and the DILA notice forbid altering the data or
        // distorting their sense, which a clearly marked excerpt does not do in itself.
        Rule::INT004 => Some(
            "an observation, not a breach, on Cour de cassation and Légifrance decisions: only \
             CE V rules on excerpts; CC V and the DILA notice (cited instead) forbid altering \
             the decision or distorting its sense, which the letter reminds",
        ),
        // CC VII comes first in the basis, but CC X and CE X are the clause on point.
        Rule::MSK001 => Some(
            "filed under article X of the CGU (CC X, CE X), whose clause forbids the reuser to \
             modify the pseudonymisation « pour lever des occultations », for every producer; \
             the basis cited is unchanged",
        ),
        _ => None,
    }
}

/// When a rule fires, as a sentence: `Fires when …`, or for a rule of the corpus as a whole (its
/// condition written `corpus level: …`), `Fires on the corpus as a whole when …`.
pub fn fires_when_sentence(fires_when: &str) -> String {
    let condition = fires_when.trim().trim_end_matches('.');
    match condition.strip_prefix("corpus level:") {
        Some(rest) => format!("Fires on the corpus as a whole when {}.", rest.trim_start()),
        None => format!("Fires when {condition}."),
    }
}

/// Writes everything vigie knows of a rule, with the full French text of each article it enforces.
pub fn explain(rule: Rule, out: &mut dyn Write) -> io::Result<()> {
    let i = rule.info();
    writeln!(out, "{} {}", i.code, i.name)?;
    writeln!(out)?;
    writeln!(out, "  family:           {}", i.family.as_str())?;
    writeln!(out, "  severity:         {}", i.severity.as_str())?;
    writeln!(out, "  default penalty:  {}", i.penalty.as_str())?;
    writeln!(
        out,
        "  basis:            {}",
        if i.basis.is_empty() {
            "— (an audit rule; no CGU article)".to_string()
        } else {
            i.basis.join(", ")
        }
    )?;
    // Where none of the basis applies to a producer's decisions, the articles of its own
    // conditions that findings cite instead (`crate::rules::basis::own_articles`); beside the
    // basis when it is cited whoever the producer (FRE003's CC V, `always_cited`).
    let instead = instead(rule);
    let besides = i.basis.iter().any(|e| super::basis::always_cited(rule, e));
    for (k, (producers, own)) in instead.iter().enumerate() {
        writeln!(
            out,
            "  {}{producers}: {}",
            match (k, besides) {
                (0, false) => "cited instead:    ",
                (0, true) => "also cited:       ",
                _ => "                  ",
            },
            own.join(", ")
        )?;
    }
    if let Some(note) = notice_note(rule) {
        writeln!(out, "  in the notice:    {note}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", fires_when_sentence(i.fires_when))?;
    if let Some(ex) = example(rule) {
        writeln!(out)?;
        writeln!(out, "Example: {ex}")?;
    }
    // The texts of the basis, then of the articles cited instead that it does not hold.
    let mut ids: Vec<&str> = i.basis.to_vec();
    for (_, own) in &instead {
        for id in own.iter() {
            if !ids.contains(id) {
                ids.push(id);
            }
        }
    }
    for id in ids {
        writeln!(out)?;
        let title = article_title(id).unwrap_or(id);
        writeln!(out, "── {id} — {title}")?;
        writeln!(out)?;
        match article_text(id) {
            Some(text) => {
                for l in text.trim_end().lines() {
                    if l.is_empty() {
                        writeln!(out)?;
                    } else {
                        writeln!(out, "    {l}")?;
                    }
                }
            }
            None => writeln!(out, "    (text unavailable)")?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_string(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
        let mut v = Vec::new();
        f(&mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn table_lists_every_rule_aligned() {
        let s = to_string(rules_table);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), Rule::ALL.len() + 1);
        assert!(lines[0].starts_with("CODE    NAME"));
        let col = lines[0].find("FAMILY").unwrap();
        let msk = lines.iter().find(|l| l.starts_with("MSK001")).unwrap();
        // Columns line up: the family starts under its header (all ASCII before it).
        assert_eq!(&msk[col..col + 7], "masking");
        assert!(msk.contains("critical") && msk.contains("permanent"));
        assert!(msk.ends_with("COJ L.111-13, CJA L.10, CC VII, CC X, CE X"));
        let in1 = lines.iter().find(|l| l.starts_with("IN001")).unwrap();
        assert!(in1.ends_with('—'));
    }

    #[test]
    fn explain_quotes_the_article() {
        let s = to_string(|o| explain(Rule::PRF002, o));
        assert!(s.starts_with("PRF002 magistrate-analytics\n"));
        assert!(s.contains("default penalty:  permanent"));
        assert!(s.contains("── CC VI — CGU Cour de cassation, art. VI"));
        assert!(s.contains(
            "d'évaluer, d'analyser, de comparer ou de prédire leurs pratiques professionnelles"
        ));
        assert!(s.contains("── code pénal 226-18"));
        assert!(s.contains("Example:"));
        assert!(!s.contains("cited instead"));
        let s = to_string(|o| explain(Rule::IN002, o));
        assert!(s.contains("no CGU article") && !s.contains("──"));
    }

    // SPEC's basis stays what `explain` and `rules` show; where none of it applies to a
    // producer, explain says what is cited instead, and quotes it.
    #[test]
    fn explain_says_what_is_cited_instead() {
        let s = to_string(|o| explain(Rule::FRE004, o));
        assert!(s.contains(
            "  basis:            CC IV, CC V\n\
             \x20 cited instead:    on Légifrance decisions (CASS, INCA, CAPP): DILA\n\
             \x20                   on administrative decisions (Conseil d'État open data, JADE): CE IV, CE V\n\n"
        ), "{s}");
        assert!(s.contains("── CE IV — CGU Conseil d'État, art. IV — Mise à jour des données"));
        assert!(
            s.contains("toute donnée contenue dans la base Décisions de la justice administrative")
        );
        assert!(s.contains("── DILA — "));
        let s = to_string(|o| explain(Rule::INT002, o));
        assert!(s.contains(
            "  basis:            CE V, DILA\n  cited instead:    on Cour de cassation (Judilibre) decisions: CC V\n"
        ), "{s}");
        assert!(s.contains("── CC V — "));
        let s = to_string(rules_table);
        assert!(
            s.lines()
                .any(|l| l.starts_with("FRE004") && l.ends_with("CC IV, CC V"))
        );
    }

    // INT004: only CE V rules on excerpts; the notice says so of the others' decisions, which it
    // lists as observations.
    #[test]
    fn explain_int004_says_how_the_notice_presents_it() {
        let s = to_string(|o| explain(Rule::INT004, o));
        assert!(
            s.contains(
                "  basis:            CE V\n\
                 \x20 cited instead:    on Cour de cassation (Judilibre) decisions: CC V\n\
                 \x20                   on Légifrance decisions (CASS, INCA, CAPP): DILA, CRPA L.322-1\n\
                 \x20 in the notice:    an observation, not a breach, on Cour de cassation and \
                 Légifrance decisions: only CE V rules on excerpts; CC V and the DILA notice (cited \
                 instead) forbid altering the decision or distorting its sense, which the letter \
                 reminds\n\n"
            ),
            "{s}"
        );
        assert!(!to_string(|o| explain(Rule::INT003, o)).contains("in the notice"));
    }

    // MSK001: the basis SPEC gives (CC VII before CC X), and the article X the notice files it
    // under for every producer, said.
    #[test]
    fn explain_msk001_says_the_notice_files_it_under_article_x() {
        let s = to_string(|o| explain(Rule::MSK001, o));
        assert!(
            s.contains(
                "  basis:            COJ L.111-13, CJA L.10, CC VII, CC X, CE X
\
                 \x20 in the notice:    filed under article X of the CGU (CC X, CE X), whose \
                 clause forbids the reuser to modify the pseudonymisation « pour lever des \
                 occultations », for every producer; the basis cited is unchanged\n\n"
            ),
            "{s}"
        );
    }

    // FRE003's CC V, whose 72 hours it applies, is cited whoever the producers; their own
    // obligations to keep the data up to date beside it, not instead of it.
    #[test]
    fn explain_fre003_cites_cc_v_and_the_others_beside_it() {
        let s = to_string(|o| explain(Rule::FRE003, o));
        assert!(
            s.contains(
                "  basis:            CC V\n\
                 \x20 also cited:       on Légifrance decisions (CASS, INCA, CAPP): DILA\n\
                 \x20                   on administrative decisions (Conseil d'État open data, JADE): CE V\n\n"
            ),
            "{s}"
        );
        assert!(!s.contains("cited instead"), "{s}");
        assert!(s.contains("72 (soixante-douze) heures"), "{s}");
    }

    /// A corpus-level rule reads as a sentence, not "Fires when corpus level: …".
    #[test]
    fn a_corpus_level_rule_fires_on_the_corpus_as_a_whole() {
        let s = to_string(|o| explain(Rule::FRE003, o));
        assert!(
            s.contains(
                "\nFires on the corpus as a whole when the newest `updated_at` in the corpus is \
                 more than 72 hours before the audit time (`--as-of`).\n"
            ),
            "{s}"
        );
        assert!(!s.contains("when corpus level"), "{s}");
        // Every other rule: "Fires when …", its condition's own full stop not doubled.
        for rule in Rule::ALL {
            let s = to_string(|o| explain(*rule, o));
            let line = s.lines().find(|l| l.starts_with("Fires ")).unwrap();
            assert!(
                !line.contains("corpus level") && !line.ends_with(".."),
                "{line}"
            );
            if *rule != Rule::FRE003 {
                assert!(line.starts_with("Fires when "), "{line}");
            }
        }
        assert_eq!(
            fires_when_sentence("corpus level: x."),
            "Fires on the corpus as a whole when x."
        );
        assert_eq!(fires_when_sentence("x"), "Fires when x.");
    }
}
