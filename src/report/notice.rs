//! A draft formal notice in French (Markdown) that a court can send to the reuser: the
//! breaches grouped by penalty category then by the articles they breach among the conditions
//! that apply to their decisions, with counts and examples, the deadline and the consequences.
//!
//! The conditions, and the remedies, are those of the producer of each decision: the
//! interruption of the provision of data (temporary or permanent) is the Cour de cassation's
//! (its CGU XII), named only for its decisions; the Conseil d'État's CGU XII and the DILA notice
//! are quoted for theirs. Bases are cited in words (« CGU de la Cour de cassation, art. VII »),
//! and the letter follows French typography (narrow no-break spaces), the text it quotes from
//! the corpus excepted.
//!
//! Findings an auditor marked `accepted` (waivers) are left out of the notice; those marked
//! `reviewed`, and the penalties `--policy` changed, are said in notes for the signatory.

use super::{AuditInfo, Report, WaiverStatus, WriteOptions};
use crate::corpus::mapping::FieldName;
use crate::model::{Fact, Finding, Producer};
use crate::rules::{Basis, Penalty, Rule};
use crate::text::identifiers::IdentifierKind;
use crate::text::sanitize::for_terminal;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Examples given per rule.
const EXAMPLES: usize = 5;

/// The object of a letter on an audit that found no breach, but data the source itself left in
/// clear and the corpus reproduces.
const OBJECT_SOURCE_DEFECTS: &str = "Audit de conformité aux conditions générales de \
réutilisation des décisions de justice diffusées en open data — défauts d'occultation de la source \
à occulter à titre provisoire et à signaler";

const OBJECT_COMPLIANT: &str = "Audit de conformité aux conditions générales de réutilisation \
des décisions de justice diffusées en open data — absence de manquement";

/// The object of a letter on an audit that could read no record of the corpus: it found no
/// breach, but examined nothing either.
const OBJECT_NOTHING_READ: &str = "Audit de conformité aux conditions générales de réutilisation \
des décisions de justice diffusées en open data — audit impossible, aucun enregistrement lisible";

/// The object of a letter on an audit whose mapping's `source_id` matched no record: nothing
/// was checked against the source.
const OBJECT_NOTHING_MATCHED: &str = "Audit de conformité aux conditions générales de \
réutilisation des décisions de justice diffusées en open data — audit impossible, aucun \
enregistrement rapproché de sa décision";

/// The consequences the Cour de cassation's CGU provide (article XII, seed 000), quoted.
const CC_XII: &str = "« outre \
les sanctions prévues à l'article L. 326-1 du CRPA, tout manquement du réutilisateur aux présentes \
conditions générales d'utilisation pourra conduire la Cour de cassation à :\n\n\
- Interrompre temporairement la mise à disposition des données jusqu'à la résolution du manquement,\n\
- Interrompre définitivement la mise à disposition des données si le manquement est grave ou réitéré \
et notamment s'il concerne un manquement à la protection des données personnelles, après mise en \
demeure restée infructueuse. »\n\n\
La Cour de cassation se réserve en outre le droit d'engager toute action en réparation du préjudice \
subi.\n\n";

/// What the Conseil d'État's CGU provide (article XII, seed 001), word for word.
const CE_XII: &str = "« Le Conseil d’Etat se réserve le droit de vérifier ou de faire vérifier que les \
dispositions des présentes conditions générales d’utilisation et de la licence ouverte de réutilisation \
d’informations publiques version 2.0 sont respectées et, à défaut, d’engager toute action répressive \
et/ou toute action en réparation du préjudice subi. »";

/// The conditions of reuse a letter invokes: the Cour de cassation's CGU, the Conseil d'État's,
/// the DILA notice. Those of the producers whose decisions the records matched
/// ([`Conditions`]), and those the bases of the findings cited rely on ([`Texts`]), so that no
/// breach is founded on a text the opening does not name (a decision withdrawn at source, which
/// no record matches any more, cites the Cour de cassation's CGU). When no record matched, both
/// CGU, as the letter cannot tell which apply, and the DILA notice if a basis cites it.
type Invoked = Texts;

impl Invoked {
    fn new(c: Conditions, t: Texts) -> Invoked {
        if c.known() {
            Texts::matched(c).union(t)
        } else {
            Invoked {
                cc: true,
                ce: true,
                ..t
            }
        }
    }

    fn cgu(self) -> bool {
        self.cc || self.ce
    }

    /// `CGU de la Cour de cassation, article V`, for the CGU invoked; `None` when none is.
    fn cgu_ref(self, articles: &str) -> Option<String> {
        self.cgu()
            .then(|| format!("CGU{}, {articles}", owner(self.cc, self.ce)))
    }
}

/// The opening of a notice: the conditions invoked ([`Invoked`]), each for the decisions it
/// covers (with the records matched under it, when some are), then the obligations they
/// impose, each cited from the conditions that state it.
fn opening(c: Conditions, inv: Invoked) -> String {
    let records = |n: u64| {
        if n == 0 {
            String::new()
        } else {
            format!(
                " ({})",
                plural(n as usize, "enregistrement", "enregistrements")
            )
        }
    };
    let mut m = String::new();
    if c.known() {
        let mut items = Vec::new();
        if inv.cc {
            items.push(format!(
                "décisions diffusées par la Cour de cassation dans son open data (Judilibre){} : la \
licence ouverte de réutilisation d'informations publiques version 2.0 et les conditions générales \
d'utilisation (CGU) de la Cour de cassation (version du 6 janvier 2022), que vous avez acceptées sans \
réserve",
                records(c.cc)
            ));
        }
        if inv.ce {
            let whence = match (c.ce > c.jade, c.jade > 0) {
                _ if c.ce == 0 => "",
                (true, false) => " dans l'open data des juridictions administratives",
                (false, _) => " sur Légifrance (base JADE)",
                (true, true) => {
                    " dans l'open data des juridictions administratives et sur Légifrance (base JADE)"
                }
            };
            items.push(format!(
                "décisions des juridictions administratives diffusées{whence}{} : la licence ouverte \
de réutilisation d'informations publiques version 2.0 et les conditions générales d'utilisation (CGU) \
du Conseil d'État (version du 18 janvier 2022), que vous avez acceptées sans réserve",
                if c.ce == 0 {
                    " en open data".to_string()
                } else {
                    records(c.ce)
                }
            ));
        }
        if inv.dila {
            items.push(format!(
                "décisions de l'ordre judiciaire diffusées sur Légifrance (bases CASS, INCA et CAPP){} : \
la licence de réutilisation et les engagements que rappelle la notice explicative de la Direction de \
l'information légale et administrative (DILA) relative à la réutilisation des données disponibles sur \
Légifrance",
                records(c.dila)
            ));
        }
        // Every text invoked covers records that matched it, or only some: a breach on a
        // record the source no longer holds may rely on another.
        let matched = Texts::matched(c);
        let all_matched = inv.union(matched) == matched;
        m.push_str(if all_matched {
            "En votre qualité de réutilisateur des décisions de justice diffusées en open data, vous \
êtes tenu, pour les décisions de votre base rapprochées de la source officielle, au respect des \
conditions suivantes :\n\n"
        } else {
            "En votre qualité de réutilisateur des décisions de justice diffusées en open data, vous \
êtes tenu, selon la provenance des décisions de votre base, au respect des conditions suivantes :\n\n"
        });
        list(&mut m, &items);
    } else {
        // No record matched: which conditions apply is not known, both CGU are named.
        m.push_str(
            "En votre qualité de réutilisateur des décisions de justice diffusées en open data, vous \
avez accepté sans réserve la licence ouverte de réutilisation d'informations publiques version 2.0 et \
les conditions générales d'utilisation (CGU) de la Cour de cassation (version du 6 janvier 2022) et, \
pour les décisions des juridictions administratives, du Conseil d'État (version du 18 janvier 2022).",
        );
        if inv.dila {
            m.push_str(
                " Pour les décisions de l'ordre judiciaire diffusées sur Légifrance (bases CASS, INCA \
et CAPP), vous êtes tenu au respect de la licence de réutilisation et des engagements que rappelle la \
notice explicative de la Direction de l'information légale et administrative (DILA) relative à la \
réutilisation des données disponibles sur Légifrance.",
            );
        }
        m.push_str("\n\n");
    }
    m.push_str("Ces conditions vous imposent notamment :\n\n");

    let cites = |parts: Vec<Option<String>>| -> String {
        parts.into_iter().flatten().collect::<Vec<_>>().join(" ; ")
    };
    let judicial = inv.cc || inv.dila;
    let administrative = inv.ce;
    let law = |on: bool, id: &str| on.then(|| statute(id));
    // The statutes that protect the identity of magistrates and court staff, for the kinds of
    // decision audited.
    let identity_statutes = || {
        [
            law(judicial, "COJ L.111-13"),
            law(administrative, "CJA L.10"),
        ]
    };
    let dila_notice = inv.dila.then(|| "notice de la DILA".to_string());
    // Said of the decisions of one kind when the letter covers others too.
    let of_administrative = if judicial {
        "pour les décisions des juridictions administratives, "
    } else {
        ""
    };
    let of_judicial = if administrative {
        "pour les décisions de l'ordre judiciaire, "
    } else {
        ""
    };
    let mut duties = Vec::new();
    // The identification that may not be detached from a decision: CC V, « le nom de la
    // juridiction et la formation qui l'a rendue, son siège et la date de son prononcé »; CE V,
    // « la mention de son numéro, le nom de la juridiction et la formation qui l'a rendue, son
    // siège et la date de son prononcé ».
    let crpa = law(true, "CRPA L.322-1");
    match (inv.cc, inv.ce) {
        (true, false) => duties.push(format!(
            "de ne pas altérer les données ni en dénaturer le sens, et de mentionner pour chaque \
décision le nom de la juridiction et la formation qui l'a rendue, son siège et la date de son \
prononcé ({})",
            cites(vec![inv.cgu_ref("article V"), crpa])
        )),
        (false, true) => duties.push(format!(
            "de ne pas altérer les données ni en dénaturer le sens, et de mentionner pour chaque \
décision son numéro, le nom de la juridiction et la formation qui l'a rendue, son siège et la date de \
son prononcé ({})",
            cites(vec![inv.cgu_ref("article V"), crpa])
        )),
        (true, true) => duties.push(format!(
            "de ne pas altérer les données ni en dénaturer le sens, et de mentionner pour chaque \
décision le nom de la juridiction et la formation qui l'a rendue, son siège et la date de son \
prononcé ({}), ainsi que, pour les décisions des juridictions administratives, son numéro (CGU du \
Conseil d'État, article V)",
            cites(vec![inv.cgu_ref("article V"), crpa])
        )),
        (false, false) => {}
    }
    if inv.ce {
        // CE V: « à la condition que le caractère partiel de cette reproduction soit clairement
        // indiqué et que l'usager conserve la faculté de se reporter à la version intégrale de la
        // décision. Si le commentaire qui en est donné est entièrement libre, il doit être
        // nettement distingué de ce document ».
        duties.push(format!(
            "{of_administrative}de n'en reproduire un extrait qu'en indiquant clairement le \
caractère partiel de la reproduction et en conservant au lecteur la faculté de se reporter à la \
version intégrale de la décision, et de distinguer nettement de la décision le commentaire que vous en \
donnez (CGU du Conseil d'État, article V)"
        ));
    }
    if inv.dila {
        duties.push(format!(
            "{}de respecter l'intégrité des données, sans retraitement (modification des textes, \
insertion de commentaires sans que ceux-ci puissent être clairement distingués du texte authentique, \
coupes altérant le sens de l'acte) de nature à induire le lecteur en erreur, et d'assortir chaque \
décision des indications utiles pour apprécier la nature et l'origine de l'acte (date, intitulé, \
auteur…) ({})",
            if inv.cgu() {
                "pour les décisions diffusées sur Légifrance, "
            } else {
                ""
            },
            cites(vec![dila_notice.clone(), law(true, "CRPA L.322-1")])
        ));
    }
    // The source and the date of last update: both CGU (article V) and the DILA notice; keeping
    // the data up to date: the CGU only.
    duties.push(format!(
        "de mentionner la source des données et la date de leur dernière mise à jour ({}){}",
        cites(vec![inv.cgu_ref("article V"), dila_notice]),
        inv.cgu_ref("article V")
            .map(|r| format!(", et de tenir vos données à jour ({r})"))
            .unwrap_or_default()
    ));
    if inv.ce {
        // CE V: « La mention adoptée devra mettre clairement en évidence que la date de mise à
        // jour figurant sur le produit issu de la réutilisation est uniquement celle à laquelle
        // le réutilisateur aura chargé la décision ».
        duties.push(format!(
            "{of_administrative}de faire clairement apparaître, dans la mention de la date de mise \
à jour, qu'elle est uniquement celle à laquelle vous avez chargé la décision (CGU du Conseil d'État, \
article V)"
        ));
    }
    duties.push(format!(
        "de ne pas réutiliser les données d'identité des magistrats et des membres du greffe pour \
évaluer, analyser, comparer ou prédire leurs pratiques professionnelles réelles ou supposées ({})",
        cites(
            std::iter::once(inv.cgu_ref("article VI"))
                .chain(identity_statutes())
                .collect()
        )
    ));
    duties.push(format!(
        "de respecter la réglementation applicable à la protection des données à caractère \
personnel, et notamment l'occultation des nom et prénoms des personnes physiques parties ou tiers ({})",
        cites(
            std::iter::once(inv.cgu_ref("articles VII et IX"))
                .chain(identity_statutes())
                .collect()
        )
    ));
    // The pseudonymisation: CC X, « Le réutilisateur ne peut modifier la pseudonymisation d'une
    // décision de justice de sa propre initiative, que ce soit pour lever des occultations ou en
    // ajouter, sauf à contrevenir à l'article R. 111-13 du code de l'organisation judiciaire »;
    // CE X has no such sentence, but gives the Conseil d'État « une compétence exclusive pour
    // traiter les demandes tendant à modifier la décision relative aux occultations
    // complémentaires … qu'il s'agisse d'une demande tendant à occulter d'autres éléments
    // complémentaires ou à lever l'occultation de certains éléments », and has the reuser
    // « informer le demandeur que sa demande relève de la seule compétence du membre du Conseil
    // d'Etat désigné par son vice-président ».
    if judicial {
        duties.push(format!(
            "{of_judicial}de ne pas modifier de votre propre initiative la pseudonymisation des \
décisions, que ce soit pour lever des occultations ou en ajouter ({})",
            cites(vec![
                inv.cc
                    .then(|| "CGU de la Cour de cassation, article X".to_string()),
                law(true, "COJ R.111-13"),
            ])
        ));
    }
    if administrative {
        duties.push(format!(
            "{of_administrative}de respecter la compétence exclusive du Conseil d'État pour traiter \
les demandes tendant à modifier la décision relative aux occultations, qu'il s'agisse d'occulter \
d'autres éléments ou de lever l'occultation de certains éléments, et d'informer le demandeur qui vous \
saisirait d'une telle demande qu'elle relève de la seule compétence du membre du Conseil d'État \
désigné par son vice-président ({})",
            cites(vec![
                Some("CGU du Conseil d'État, article X".to_string()),
                law(true, "CJA R.741-15"),
            ])
        ));
    }
    list(&mut m, &duties);
    m
}

/// A list of clauses, `;` between them and `.` after the last, then a blank line.
fn list(m: &mut String, items: &[String]) {
    for (i, item) in items.iter().enumerate() {
        let end = if i + 1 == items.len() { "." } else { " ;" };
        let _ = writeln!(m, "- {item}{end}");
    }
    m.push('\n');
}

/// The sanctions of the CRPA, which `statute` makes apply to the reuse of the decisions.
/// `several`: whether the letter finds more than one breach.
fn crpa_sanctions(statute: &str, several: bool) -> String {
    format!(
        "{} en outre vous exposer aux sanctions prévues à l'article \
L. 326-1 du code des relations entre le public et l'administration, applicable à la réutilisation de \
ces décisions en vertu de {statute}.\n\n",
        if several {
            "Les manquements constatés peuvent"
        } else {
            "Le manquement constaté peut"
        }
    )
}

/// The consequences section (numbered `n`): those the conditions of the decisions in breach
/// provide (`regimes`, [`Regimes::resolved`]), quoted word for word, each attributed to the
/// decisions it covers. Only the Cour de cassation's CGU provide the interruption of the
/// provision of data; the Conseil d'État's CGU and the DILA notice are quoted for theirs.
/// `several`: whether the letter finds more than one breach.
fn consequences(regimes: Regimes, n: usize, several: bool) -> String {
    let mut parts: Vec<(&str, &str, String)> = Vec::new();
    if regimes.cc {
        parts.push((
            "Décisions issues de l'open data de la Cour de cassation (Judilibre).",
            "CGU de la Cour de cassation, art. XII",
            format!(
                "conformément à l'article XII des conditions générales d'utilisation de la Cour de \
cassation, {CC_XII}"
            ),
        ));
    }
    if regimes.ce {
        parts.push((
            "Décisions des juridictions administratives.",
            "CGU du Conseil d'État, art. XII",
            format!(
                "conformément à l'article XII des conditions générales d'utilisation du Conseil \
d'État : {CE_XII}\n\n{}",
                crpa_sanctions(
                    "l'article L. 10 du code de justice administrative (CGU du Conseil d'État, \
article V)",
                    several
                )
            ),
        ));
    }
    if regimes.dila {
        parts.push((
            "Décisions de l'ordre judiciaire diffusées sur Légifrance (bases CASS, INCA et CAPP).",
            "notice de la DILA ; article L. 326-1 du CRPA",
            format!(
                "la notice explicative de la DILA relative à la réutilisation des données \
disponibles sur Légifrance rappelle que « la licence ne peut être accordée que si le candidat \
s'engage » à respecter l'intégrité des données et à indiquer leur source et la date de leur dernière \
mise à jour. {}",
                crpa_sanctions(
                    "l'article L. 111-13 du code de l'organisation judiciaire",
                    several
                )
            ),
        ));
    }
    if regimes.unknown {
        // Some records matched a decision, these did not: their producer is not known.
        parts.push((
            "Enregistrements non rapprochés d'une décision de la source officielle.",
            "",
            "les conséquences de ces manquements sont celles que prévoient les conditions de \
réutilisation du producteur de la décision reproduite.\n\n"
                .to_string(),
        ));
    }
    let mut m = String::new();
    if let [(_, cited, text)] = parts.as_slice() {
        if cited.is_empty() {
            let _ = writeln!(m, "## {n}. Conséquences\n");
        } else {
            let _ = writeln!(m, "## {n}. Conséquences ({cited})\n");
        }
        m.push_str("À défaut, ");
        m.push_str(text);
    } else {
        let _ = writeln!(m, "## {n}. Conséquences\n");
        m.push_str("À défaut, selon la provenance des décisions en cause :\n\n");
        for (lead, _, text) in parts {
            let mut chars = text.chars();
            let first = chars.next().map(|c| c.to_uppercase().to_string());
            let _ = write!(
                m,
                "**{lead}** {}{}",
                first.unwrap_or_default(),
                chars.as_str()
            );
        }
    }
    m
}

const OBJECT: &str = "Mise en demeure — manquements aux conditions générales de réutilisation \
des décisions de justice diffusées en open data";

/// Escapes corpus text for Markdown: one line, control characters made visible, every character
/// that could open markup (headings, emphasis, links, images, HTML, entities, tables, code)
/// backslashed. The text is always written after other text on its line, so line-start markers
/// (`-`, `+`, `1.`, `=`) cannot act; link and image syntax cannot without `[`.
pub fn escape_markdown(s: &str) -> String {
    let s = for_terminal(s, false);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Marks the start and the end of text the letter quotes from its inputs (the corpus, file
/// names, the reuser's name), which French typography must leave as it is: private-use
/// characters, replaced in the quoted text itself and removed from the letter by [`typography`].
const VERBATIM: char = '\u{e000}';
const VERBATIM_END: char = '\u{e001}';

/// How the letter opens on an audit that could not be carried out (its verdict says nothing of
/// the corpus), before it says why: the French of [`crate::report::NOT_CARRIED_OUT`].
fn not_carried_out(date: &str) -> String {
    format!("Un audit de votre base, arrêté au {date}, n'a pu être mené à bien :")
}

/// Corpus text for the letter: escaped for Markdown ([`escape_markdown`]) and marked as quoted,
/// so that [`typography`] does not touch it.
fn verbatim(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if c == VERBATIM || c == VERBATIM_END {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    format!("{VERBATIM}{}{VERBATIM_END}", escape_markdown(&s))
}

/// Notes for the signatory, in brackets, to remove before sending, as the letter's other
/// placeholders: the penalties `--policy` changed for rules whose findings the letter lists,
/// which then rest on the auditor's choice rather than on the rule (CC XII reserves the
/// definitive interruption for a breach « grave ou réitéré »; SPEC §3 has the report record
/// every override); and the findings marked `reviewed` at review, which are kept (the
/// `accepted` ones are left out and said so). Empty when there is neither.
fn notes_for_the_signatory(
    report: &Report,
    findings: &[&Finding],
    at_source: &[&Finding],
) -> String {
    let listed = |rule: Rule| findings.iter().chain(at_source).any(|f| f.rule == rule);
    let mut m = String::new();
    let changed: Vec<String> = report
        .audit
        .policy_overrides
        .iter()
        .filter(|o| o.field == "penalty" && o.from != o.to && listed(o.rule))
        .filter_map(|o| {
            let (from, to) = (Penalty::parse(&o.from)?, Penalty::parse(&o.to)?);
            // Told by the penalty, not by a category: a letter that holds one category
            // heads it « Manquements constatés », whatever the penalty.
            let to = match to {
                Penalty::Permanent => "en pénalité définitive",
                Penalty::Temporary => "en pénalité temporaire",
                Penalty::None => "sans pénalité",
            };
            let from = match from {
                Penalty::Permanent => "de la pénalité définitive",
                Penalty::Temporary => "de la pénalité temporaire",
                Penalty::None => "d'aucune pénalité",
            };
            Some(format!(
                "ceux de la règle {} ({}) {to} au lieu {from}",
                o.rule,
                french_label(o.rule),
            ))
        })
        .collect();
    if !changed.is_empty() {
        let _ = writeln!(
            m,
            "[Note pour le signataire, à retirer avant l'envoi : la politique d'audit appliquée \
(`--policy`) classe {} ; {}.]\n",
            changed
                .join(", et ")
                .replacen("ceux de la règle", "les constats de la règle", 1),
            if changed.len() > 1 {
                "ces classements, qui ne sont pas ceux des règles, sont à justifier"
            } else {
                "ce classement, qui n'est pas celui de la règle, est à justifier"
            }
        );
    }
    let reviewed = findings
        .iter()
        .chain(at_source)
        .filter(|f| {
            report
                .waivers
                .get(&f.fingerprint())
                .is_some_and(|w| w.status == WaiverStatus::Reviewed)
        })
        .count();
    if reviewed > 0 {
        let _ = writeln!(
            m,
            "[Note pour le signataire, à retirer avant l'envoi : {} lors de la revue de l'audit \
{} dans la présente.]\n",
            if reviewed > 1 {
                format!(
                    "les {} constats marqués comme examinés (« reviewed »)",
                    number(reviewed as u64)
                )
            } else {
                "le constat marqué comme examiné (« reviewed »)".to_string()
            },
            if reviewed > 1 {
                "sont maintenus"
            } else {
                "est maintenu"
            }
        );
    }
    m
}

/// A record's url for the letter. An `http` or `https` one as a Markdown autolink
/// (`<https://…>`), inside which no Markdown is read (backslash escapes included), so that every
/// renderer, those that also link bare URLs (GFM, markdown-it's linkify) among them, links to
/// the address itself, not to one with the backslashes of [`escape_markdown`] in it; what an
/// autolink cannot hold (`<`, `>`, spaces, control characters), and every other character
/// outside printable ASCII, percent-encoded as UTF-8, which names the same address. Any other
/// url (no scheme, another one) is quoted as text ([`verbatim`]): `<…>` without a scheme would
/// be read as HTML, and a link to `javascript:` is no address to send a reuser to.
fn link(url: &str) -> String {
    let url = url.trim();
    let web = ["http://", "https://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    });
    if !web {
        return verbatim(url);
    }
    let mut out = String::with_capacity(url.len() + 2);
    out.push(VERBATIM);
    out.push('<');
    for c in url.chars() {
        if c.is_ascii_graphic() && c != '<' && c != '>' {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out.push('>');
    out.push(VERBATIM_END);
    out
}

/// French typography for the letter's own words: a narrow no-break space (U+202F) before
/// « : ; ! ? » and inside « guillemets », in place of the ordinary space, so that no line
/// breaks between a word and its punctuation. The text quoted from the inputs ([`verbatim`]) is
/// left untouched (URLs, excerpts of the corpus); the markers are removed. Markdown syntax has
/// no space before those signs and is left as it is.
fn typography(m: &str) -> String {
    const NNBSP: char = '\u{202f}';
    let mut out = String::with_capacity(m.len() + m.len() / 32);
    let mut quoted = false;
    let mut chars = m.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            VERBATIM => quoted = true,
            VERBATIM_END => quoted = false,
            _ if quoted => out.push(c),
            ' ' | '\u{a0}' if matches!(chars.peek(), Some(':' | ';' | '!' | '?' | '»')) => {
                out.push(NNBSP)
            }
            '«' => {
                out.push('«');
                if matches!(chars.peek(), Some(' ' | '\u{a0}')) {
                    chars.next();
                    out.push(NNBSP);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// `2026-11-22T12:00:00Z` → `22 novembre 2026`: the calendar day in Paris, where the letter is
/// sent from (`--as-of 2026-11-22` is midnight in Paris, `2026-11-21T23:00:00Z`).
fn french_date(as_of: &str) -> String {
    match as_of.parse::<jiff::Timestamp>() {
        Ok(ts) => crate::ident::french_date(crate::ident::paris_day(ts)),
        Err(_) => verbatim(as_of),
    }
}

/// A count as French typography writes it: thousands grouped by a narrow no-break space
/// (`2 959`, `1 234 567`), which never breaks the number across lines.
fn number(n: impl Into<u64>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// With `--previous`, what of the earlier audit's breaches this one no longer finds (corrected
/// since, or gone with their records), as a sentence that starts with a space; empty when it
/// held none, or when every one of them is found again (the repeated breaches are said apart).
/// A court writing after a formal notice states what was put right as well as what was not.
fn settled_since(previous: Option<&super::PreviousAudit>, day: Option<&str>) -> String {
    let Some(p) = previous.filter(|p| p.breaches > 0 && p.breaches_no_longer_found > 0) else {
        return String::new();
    };
    let when = match day {
        Some(day) => format!("lors de l'audit arrêté au {day}"),
        None => "lors d'un audit précédent".to_string(),
    };
    let gone = p.breaches_no_longer_found;
    match (p.breaches, gone == p.breaches) {
        (1, _) => format!(" Le manquement relevé {when} n'est plus constaté."),
        (n, true) => format!(
            " Les {} manquements relevés {when} ne sont plus constatés.",
            number(n)
        ),
        (n, false) if gone == 1 => format!(
            " Sur les {} manquements relevés {when}, un n'est plus constaté.",
            number(n)
        ),
        (n, false) => format!(
            " Sur les {} manquements relevés {when}, {} ne sont plus constatés.",
            number(n),
            number(gone)
        ),
    }
}

/// A number in French words, as a sentence opens with it (`Deux`, `Vingt et un`,
/// `Quatre-vingts`), capitalised, traditional spelling; `None` above [`IN_WORDS`], where the
/// sentence is turned so as not to open with a figure ([`opening_count`]).
fn in_words(n: u64) -> Option<String> {
    const UNITS: [&str; 17] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize",
    ];
    const TENS: [&str; 6] = ["", "dix", "vingt", "trente", "quarante", "cinquante"];
    fn below_100(n: u64) -> String {
        match n {
            0..=16 => UNITS[n as usize].to_string(),
            17..=19 => format!("dix-{}", UNITS[n as usize - 10]),
            20..=59 => {
                let (t, u) = (TENS[(n / 10) as usize], n % 10);
                match u {
                    0 => t.to_string(),
                    1 => format!("{t} et un"),
                    _ => format!("{t}-{}", UNITS[u as usize]),
                }
            }
            60..=79 => match n - 60 {
                0 => "soixante".to_string(),
                1 => "soixante et un".to_string(),
                11 => "soixante et onze".to_string(),
                r => format!("soixante-{}", below_100(r)),
            },
            80 => "quatre-vingts".to_string(),
            _ => format!("quatre-vingt-{}", below_100(n - 80)),
        }
    }
    if n == 0 || n > IN_WORDS {
        return None;
    }
    let w = if n == 100 {
        "cent".to_string()
    } else {
        below_100(n)
    };
    let mut chars = w.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// The largest count a sentence opens with in words ([`in_words`]).
const IN_WORDS: u64 = 100;

/// A count of `n` (more than one) opening a sentence, followed by `rest`: in words up to
/// [`IN_WORDS`] (`Deux constats acceptés`), French typography writing no figure at the start of
/// a sentence; above, turned so that a figure does not open it (`Au total, 150 constats
/// acceptés`).
fn opening_count(n: u64, rest: &str) -> String {
    match in_words(n) {
        Some(w) => format!("{w} {rest}"),
        None => format!("Au total, {} {rest}", number(n)),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    let shown = number(n as u64);
    if n <= 1 {
        format!("{shown} {one}")
    } else {
        format!("{shown} {many}")
    }
}

/// A set of the texts of conditions of reuse: the Cour de cassation's CGU (`cc`), the Conseil
/// d'État's (`ce`), the DILA notice (`dila`). Those a finding's basis relies on ([`Texts::of`]),
/// those the records matched under ([`Texts::matched`]), those a letter invokes ([`Invoked`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Texts {
    cc: bool,
    ce: bool,
    dila: bool,
}

impl Texts {
    /// The conditions of reuse a finding's basis relies on, as binding the reuser: the Cour de
    /// cassation's CGU (`CC …`), the Conseil d'État's (`CE …`), the DILA notice. FRE003's CC V
    /// on a corpus none of whose decisions comes under the Cour de cassation's CGU is cited for
    /// the figure it recommends for its decisions (`basis::always_cited`), not as a condition of
    /// the corpus's decisions: it does not count (the opening says whose figure it is).
    fn of(f: &Finding, basis: Basis, c: Conditions) -> Texts {
        use crate::rules::basis::{Source, always_cited};
        let mut t = Texts::default();
        for id in basis.iter() {
            if always_cited(f.rule, id) && c.known() && c.cc == 0 {
                continue;
            }
            match Source::of(id) {
                Source::CcCgu => t.cc = true,
                Source::CeCgu => t.ce = true,
                Source::Dila => t.dila = true,
                _ => {}
            }
        }
        t
    }

    /// The conditions of the producers whose decisions some record matched.
    fn matched(c: Conditions) -> Texts {
        Texts {
            cc: c.cc > 0,
            ce: c.ce > 0,
            dila: c.dila > 0,
        }
    }

    fn union(self, o: Texts) -> Texts {
        Texts {
            cc: self.cc || o.cc,
            ce: self.ce || o.ce,
            dila: self.dila || o.dila,
        }
    }

    fn count(self) -> usize {
        usize::from(self.cc) + usize::from(self.ce) + usize::from(self.dila)
    }
}

/// Whose remedies answer a breach: those of the conditions of the producer of its decision
/// (CGU XII of the Cour de cassation, XII of the Conseil d'État, the DILA notice). Only the
/// Cour de cassation's CGU provide the interruption of the provision of data, temporary or
/// permanent, on which vigie's penalty categories are modelled (SPEC §3); the Conseil d'État's
/// provide verification and « action répressive et/ou … réparation », the DILA notice nothing
/// of its own. A set: a corpus-level finding is about the decisions of every producer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Regimes {
    cc: bool,
    ce: bool,
    dila: bool,
    /// A record matched no reference decision: its producer is not known.
    unknown: bool,
}

impl Regimes {
    fn of_producer(p: Option<Producer>) -> Regimes {
        let mut r = Regimes::default();
        match p {
            Some(Producer::CourDeCassation) => r.cc = true,
            Some(Producer::ConseilEtat | Producer::Jade) => r.ce = true,
            Some(Producer::Legifrance) => r.dila = true,
            None => r.unknown = true,
        }
        r
    }

    /// The remedies of the conditions `t`, whose producers are known.
    fn of_texts(t: Texts) -> Regimes {
        Regimes {
            cc: t.cc,
            ce: t.ce,
            dila: t.dila,
            unknown: false,
        }
    }

    /// Of a finding: its record's producer, or every producer of the corpus for a corpus-level
    /// finding; and the conditions its basis relies on ([`Texts::of`]), whose remedies answer
    /// it too. A record that matched no decision is of a producer not known, unless its basis
    /// relies on the conditions of one producer only (a decision withdrawn at source, FRE004:
    /// the Cour de cassation's CGU, art. IV and V).
    fn of(f: &Finding, basis: Basis, c: Conditions) -> Regimes {
        let t = Texts::of(f, basis, c);
        let r = match &f.record {
            Some(r) => Regimes::of_producer(r.producer),
            None if c.known() => Regimes::of_texts(Texts::matched(c)),
            None => Regimes::of_producer(None),
        };
        Regimes {
            unknown: r.unknown && t.count() != 1,
            ..r.union(Regimes::of_texts(t))
        }
    }

    fn of_all<'a>(
        report: &Report,
        findings: impl IntoIterator<Item = &'a &'a Finding>,
        c: Conditions,
    ) -> Regimes {
        findings.into_iter().fold(Regimes::default(), |r, f| {
            r.union(Regimes::of(f, report.basis(f), c))
        })
    }

    fn union(self, o: Regimes) -> Regimes {
        Regimes {
            cc: self.cc || o.cc,
            ce: self.ce || o.ce,
            dila: self.dila || o.dila,
            unknown: self.unknown || o.unknown,
        }
    }

    /// With what the letter knows of the corpus: when no record matched a reference decision,
    /// it names both CGU, and a breach may come under either.
    fn resolved(self, c: Conditions) -> Regimes {
        if self.unknown && !c.known() {
            Regimes {
                cc: true,
                ce: true,
                unknown: false,
                ..self
            }
        } else {
            self
        }
    }

    /// Whether the Cour de cassation's interruption may answer some of the breaches.
    fn interruption(self) -> bool {
        self.cc
    }

    /// Whether it answers all of them.
    fn interruption_only(self) -> bool {
        self.cc && !self.ce && !self.dila && !self.unknown
    }
}

/// The heading of a penalty category, for breaches under `regimes` ([`Regimes::resolved`]): what
/// the section holds. The Cour de cassation's interruption (its CGU XII), the remedy vigie's
/// categories are modelled on, names the category only when it answers every breach in it;
/// otherwise the category is named by what its breaches are (graves or repeated, or the others,
/// « autres » only after the graves), and [`remedy_note`] says whose remedy is which.
/// `after_graver`: a section of graver breaches comes before.
fn penalty_heading(p: Penalty, regimes: Regimes, after_graver: bool) -> &'static str {
    match p {
        Penalty::Permanent if regimes.interruption_only() => {
            "Manquements susceptibles de justifier une interruption définitive de la mise à \
             disposition des données"
        }
        Penalty::Permanent => "Manquements graves ou réitérés",
        Penalty::Temporary if regimes.interruption_only() => {
            "Manquements justifiant une interruption temporaire de la mise à disposition des \
             données"
        }
        Penalty::Temporary if after_graver => "Autres manquements",
        Penalty::Temporary => "Manquements constatés",
        Penalty::None => "Observations sans sanction",
    }
}

/// Under the heading of a penalty category whose breaches concern the decisions of the Cour de
/// cassation and of other producers (or of producers not known): the interruption its CGU XII
/// provide for its decisions, and for the others, the consequences their own conditions provide
/// (the Conseil d'État's CGU and the DILA notice provide no interruption), which section
/// `consequences` quotes. `None` when the heading says it all.
fn remedy_note(
    p: Penalty,
    regimes: Regimes,
    consequences: usize,
    concerned: Concerned,
) -> Option<String> {
    if !regimes.interruption() || regimes.interruption_only() {
        return None;
    }
    let see = format!("(voir la section {consequences}, « Conséquences »)");
    let (many, one) = match p {
        Penalty::Permanent => (
            "sont susceptibles de justifier une interruption définitive de la mise à disposition \
             des données",
            "est susceptible de justifier une interruption définitive de la mise à disposition \
             des données",
        ),
        Penalty::Temporary => (
            "peuvent justifier une interruption temporaire de la mise à disposition des données \
             jusqu'à leur résolution",
            "peut justifier une interruption temporaire de la mise à disposition des données \
             jusqu'à sa résolution",
        ),
        Penalty::None => return None,
    };
    Some(match concerned {
        Concerned::Several => format!(
            "Ceux de ces manquements qui concernent des décisions issues de l'open data de la Cour \
             de cassation {many} (CGU de la Cour de cassation, art. XII) ; les conséquences des \
             autres sont celles que prévoient les conditions de réutilisation applicables à leurs \
             décisions {see}.\n\n"
        ),
        // A record that matched no decision: whose it is, the letter cannot tell.
        Concerned::OneRecord => format!(
            "Si ce manquement concerne une décision issue de l'open data de la Cour de cassation, \
             il {one} (CGU de la Cour de cassation, art. XII) ; sinon, ses conséquences sont \
             celles que prévoient les conditions de réutilisation applicables à la décision en \
             cause {see}.\n\n"
        ),
        // The corpus as a whole, whose decisions come from several producers.
        Concerned::WholeBase => format!(
            "En tant qu'il concerne des décisions issues de l'open data de la Cour de cassation, ce \
             manquement {one} (CGU de la Cour de cassation, art. XII) ; en tant qu'il concerne \
             d'autres décisions, ses conséquences sont celles que prévoient les conditions de \
             réutilisation applicables à celles-ci {see}.\n\n"
        ),
    })
}

/// What the breaches of a penalty category are, for [`remedy_note`]'s agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Concerned {
    /// Several breaches.
    Several,
    /// One breach, of a record (one whose producer is not known: it matched no decision).
    OneRecord,
    /// One breach of the corpus as a whole, whose decisions come from several producers.
    WholeBase,
}

impl Concerned {
    fn of(in_p: &[&Finding]) -> Concerned {
        match in_p {
            [f] if f.record.is_some() => Concerned::OneRecord,
            [_] => Concerned::WholeBase,
            _ => Concerned::Several,
        }
    }
}

/// What a group of findings of `rule` citing `basis` finds, in French: [`french_label`]; for
/// INT004 on decisions whose conditions do not rule on excerpts, what the observation reminds; and
/// for FRE003 whose 72 hours they are: the Cour de cassation's recommendation (CC V, which
/// FRE003 always cites, `basis::always_cited`), which the letter does not present as binding
/// where its CGU do not apply. `cc_decisions`: whether the Cour de cassation's CGU apply to
/// decisions of the corpus (or which apply is not known).
fn label(rule: Rule, basis: Basis, cc_decisions: bool) -> String {
    if rule == Rule::INT004 && !basis.contains("CE V") {
        // Reported as an observation (`write`): the conditions of these decisions do not rule
        // on excerpts, only on the integrity and the sense of the data.
        return format!(
            "{} ; les conditions applicables à ces décisions ne régissent pas la reproduction \
             d'extraits, mais il vous appartient de veiller à ce que l'extrait n'altère pas la \
             décision ni n'en dénature le sens",
            french_label(rule)
        );
    }
    if rule != Rule::FRE003 {
        return french_label(rule).to_string();
    }
    let other = basis.iter().any(|id| id != "CC V");
    let whose = match (other, cc_decisions) {
        (false, _) => "que recommandent les CGU de la Cour de cassation (art. V)",
        (true, true) => {
            "que les CGU de la Cour de cassation (art. V) recommandent pour ses décisions ; les \
             autres conditions applicables ne fixent pas de délai"
        }
        (true, false) => {
            "que les CGU de la Cour de cassation (art. V) recommandent pour ses décisions ; les \
             conditions applicables à vos décisions ne fixent pas de délai"
        }
    };
    format!(
        "{}, délai maximal entre deux mises à jour {whose}",
        french_label(rule)
    )
}

/// What a field of the record schema (SPEC §1.2) holds, in French, beside its name in the
/// letter: the reuser knows its fields by their names, the reader of the letter by what they
/// hold. `None` for a field whose name says it in French already, and for the reuser's others.
fn french_field(name: &str) -> Option<&'static str> {
    Some(match name {
        "id" => "identifiant de l'enregistrement",
        "source_id" => "identifiant de la décision à la source",
        "url" => "adresse de la page",
        "text" => "texte de la décision",
        "text_format" => "format du texte",
        "jurisdiction" => "juridiction",
        "seat" => "siège",
        "decision_date" => "date de la décision",
        "number" => "numéro",
        "attribution" => "mention de la source",
        "source_link" => "lien vers la source",
        "updated_at" => "date de la dernière mise à jour",
        "update_notice" => "mention de la mise à jour",
        "excerpt" => "extrait",
        "full_text_url" => "lien vers le texte intégral",
        "commentary" => "commentaire",
        _ => return None,
    })
}

/// What each rule finds, in French, for the letter.
fn french_label(rule: Rule) -> &'static str {
    match rule {
        Rule::INT001 => "texte de la décision altéré (mots, nombres ou ponctuation substitués)",
        Rule::INT002 => {
            "éléments étrangers insérés dans le texte de la décision sans en être distingués"
        }
        Rule::INT003 => "texte de la décision coupé sans que le caractère partiel soit indiqué",
        Rule::INT004 => "extrait sans accès à la version intégrale de la décision",
        Rule::INT005 => "mentions d'identification de la décision absentes ou inexploitables",
        Rule::INT006 => "mentions d'identification contraires à la décision diffusée",
        Rule::INT007 => "enregistrement sans décision correspondante dans la source officielle",
        Rule::ATT001 => "source des données non mentionnée",
        Rule::ATT002 => {
            "source des données attribuée à un autre producteur que celui qui les diffuse"
        }
        Rule::FRE001 => {
            "date de la dernière mise à jour non mentionnée, illisible ou postérieure à l'audit"
        }
        Rule::FRE002 => "version de la décision non mise à jour après sa correction à la source",
        Rule::FRE003 => "base non mise à jour depuis plus de 72 heures",
        Rule::FRE004 => "décision retirée à la source et toujours diffusée",
        Rule::FRE005 => {
            "mention de mise à jour ambiguë (la date de chargement n'est pas explicite)"
        }
        Rule::MSK001 => "occultation levée : élément pseudonymisé à la source diffusé en clair",
        Rule::MSK002 => "occultation ajoutée de sa propre initiative",
        Rule::MSK003 => {
            "occultation provisoire d'un nom ou d'un identifiant direct laissé en clair à la source (défaut à signaler)"
        }
        Rule::MSK004 => "nom d'une personne physique, partie ou tiers, diffusé en clair",
        Rule::MSK005 => "identifiant direct d'une personne physique diffusé en clair",
        Rule::PRF001 => "identité des magistrats ou des membres du greffe indexée",
        Rule::PRF002 => {
            "analyse des pratiques professionnelles de magistrats ou de membres du greffe"
        }
        Rule::IN001 => "enregistrement illisible",
        Rule::IN002 => "identifiant d'enregistrement en double",
    }
}

/// What a group of findings primarily breaches, from the basis they cite: the first article of
/// the Cour de cassation or Conseil d'État CGU in it (both CGU number their articles alike),
/// else the DILA notice, else the first statute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Article {
    Cgu(u8),
    Dila,
    /// An index in [`STATUTES`].
    Statute(u8),
    None,
}

/// The statutes a basis cites (all but the CGU and the DILA notice), in the order the notice
/// files them, with what follows « article » when it names them.
const STATUTES: [(&str, &str); 6] = [
    (
        "COJ L.111-13",
        "L. 111-13 du code de l'organisation judiciaire",
    ),
    (
        "COJ R.111-13",
        "R. 111-13 du code de l'organisation judiciaire",
    ),
    ("CJA L.10", "L. 10 du code de justice administrative"),
    (
        "CJA R.741-15",
        "R. 741-15 du code de justice administrative",
    ),
    (
        "CRPA L.322-1",
        "L. 322-1 du code des relations entre le public et l'administration",
    ),
    ("code pénal 226-18", "226-18 du code pénal"),
];

/// `article L. 111-13 du code de l'organisation judiciaire` for `COJ L.111-13`, an entry of
/// [`STATUTES`].
fn statute(id: &str) -> String {
    let (_, name) = STATUTES
        .iter()
        .find(|(s, _)| *s == id)
        .expect("a statute of STATUTES");
    format!("article {name}")
}

/// A basis as the letter cites it, in words a French lawyer reads without a key: `CGU de la
/// Cour de cassation, art. VII et X ; art. L. 111-13 du code de l'organisation judiciaire`
/// rather than `CC VII, CC X, COJ L.111-13` (« CC » reads as the code civil). The articles of
/// one text are cited together, where its first comes in the basis.
fn french_basis(basis: Basis) -> String {
    // (whose, articles): `CC`, `CE`, `DILA` or a statute's id.
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for id in basis.iter() {
        let (whose, article) = match id.split_once(' ') {
            Some((w @ ("CC" | "CE"), n)) => (w, Some(n)),
            _ => (id, None),
        };
        match groups.iter_mut().find(|(w, _)| *w == whose) {
            Some((_, articles)) => articles.extend(article),
            None => groups.push((whose, article.into_iter().collect())),
        }
    }
    groups
        .into_iter()
        .map(|(whose, articles)| {
            let articles = french_list(&articles);
            match whose {
                "CC" => format!("CGU de la Cour de cassation, art. {articles}"),
                "CE" => format!("CGU du Conseil d'État, art. {articles}"),
                "DILA" => "notice de la DILA".to_string(),
                id => match STATUTES.iter().find(|(s, _)| *s == id) {
                    Some((_, name)) => format!("art. {name}"),
                    None => id.to_string(),
                },
            }
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// `a`, `a et b`, `a, b et c`.
fn french_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

const ROMAN: [&str; 14] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
];

const CGU_TITLES: [&str; 14] = [
    "Définitions",
    "Objet et champ d'application",
    "Mentions légales",
    "Mise à jour des données",
    "Étendue du droit à réutilisation et conditions d'exercice",
    "Interdiction du profilage",
    "Protection des données à caractère personnel",
    "Exercice des droits d'accès et de rectification",
    "Correction du défaut d'occultation des nom et prénoms des personnes physiques",
    "Traitement des demandes d'occultation ou de levée d'occultation",
    "Clauses particulières relatives à l'API",
    "Responsabilité",
    "Propriété intellectuelle",
    "Litige / droit applicable",
];

/// The conditions of reuse that apply to the decisions audited, from the producers of the
/// reference decisions the records matched (SPEC §1.1): records matched under each. They frame
/// the letter (the opening, the consequences, where defects are reported); each finding is
/// filed under the conditions of its own decision ([`Heading`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Conditions {
    /// The Cour de cassation's CGU: Judilibre.
    cc: u64,
    /// The Conseil d'État's CGU: administrative open data, and JADE.
    ce: u64,
    /// Of `ce`, decisions from Légifrance's JADE base.
    jade: u64,
    /// The DILA notice: Légifrance's CASS, INCA and CAPP bases.
    dila: u64,
}

impl Conditions {
    fn of(a: &AuditInfo) -> Conditions {
        let mut c = Conditions::default();
        for &(p, n) in &a.producers {
            match p {
                Producer::CourDeCassation => c.cc += n,
                Producer::ConseilEtat => c.ce += n,
                Producer::Jade => {
                    c.ce += n;
                    c.jade += n;
                }
                Producer::Legifrance => c.dila += n,
            }
        }
        c
    }

    /// Whether any record matched a reference decision: if none did, the letter cannot tell
    /// which conditions apply and names both CGU, as it always did.
    fn known(self) -> bool {
        self.cc + self.ce + self.dila > 0
    }
}

/// ` de la Cour de cassation`, ` du Conseil d'État`, both, or nothing.
fn owner(cc: bool, ce: bool) -> &'static str {
    match (cc, ce) {
        (true, true) => " de la Cour de cassation et du Conseil d'État",
        (true, false) => " de la Cour de cassation",
        (false, true) => " du Conseil d'État",
        (false, false) => "",
    }
}

/// Under which heading the notice files a finding that cites `basis`: the article it primarily
/// breaches and whose texts (CGU, DILA notice) the heading names. Findings on decisions of
/// different producers fall under different headings: each is cited against the conditions that
/// apply to its own decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Heading {
    article: Article,
    whose: Whose,
    /// For a CGU article: the DILA notice is cited too (a corpus-level finding on a corpus
    /// holding Légifrance decisions).
    dila: bool,
}

/// Whose CGU a heading names, in the order the notice lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Whose {
    Cc,
    Ce,
    Both,
    /// For headings that are not CGU articles.
    Any,
}

impl Heading {
    fn of(rule: Rule, basis: Basis) -> Heading {
        let mut h = Heading {
            article: Article::None,
            whose: Whose::Any,
            dila: false,
        };
        // The article the rule is filed under when cited (MSK001: X), else the first cited.
        let cgu_article = |id: &'static str| {
            let n = id.strip_prefix("CC ").or_else(|| id.strip_prefix("CE "))?;
            ROMAN.iter().position(|r| *r == n).map(|k| (k, n))
        };
        let preferred = crate::rules::basis::filed_under(rule);
        let cgu = basis
            .iter()
            .filter_map(cgu_article)
            .find(|(_, n)| Some(*n) == preferred)
            .or_else(|| basis.iter().find_map(cgu_article));
        if let Some((k, roman)) = cgu {
            h.article = Article::Cgu(k as u8 + 1);
            // Whose article it is, from the basis cited: also when it is the whole basis, for
            // want of a known producer (a decision withdrawn at source cites the Cour de
            // cassation's article IV), so that no heading leaves the reader to guess whose CGU.
            let cites = |prefix| {
                basis
                    .iter()
                    .any(|id| id.strip_prefix(prefix) == Some(roman))
            };
            let (cc, ce) = (cites("CC "), cites("CE "));
            h.whose = match (cc, ce) {
                (true, false) => Whose::Cc,
                (false, true) => Whose::Ce,
                _ => Whose::Both,
            };
            h.dila = basis.contains("DILA");
        } else if basis.contains("DILA") {
            h.article = Article::Dila;
        } else if let Some(k) = basis
            .iter()
            .find_map(|id| STATUTES.iter().position(|(s, _)| *s == id))
        {
            h.article = Article::Statute(k as u8);
        }
        h
    }

    fn text(self) -> String {
        match self.article {
            Article::Cgu(n) => {
                let roman = ROMAN[n as usize - 1];
                let title = CGU_TITLES[n as usize - 1];
                let whose = match self.whose {
                    Whose::Cc => owner(true, false),
                    Whose::Ce => owner(false, true),
                    Whose::Both => owner(true, true),
                    Whose::Any => "",
                };
                format!(
                    "Article {roman} des CGU{whose} — {title}{}",
                    if self.dila {
                        " ; notice de la DILA"
                    } else {
                        ""
                    }
                )
            }
            Article::Dila => {
                "Notice de la DILA relative à la réutilisation des données de Légifrance".into()
            }
            Article::Statute(k) => format!("Article {}", STATUTES[k as usize].1),
            Article::None => "Contrôles de l'audit, sans article des CGU".into(),
        }
    }
}

/// The examples of a rule (`of_rule` in report order): distinct records first, in report order,
/// then other findings of the same records to make up [`EXAMPLES`]; returned in report order.
fn pick_examples<'a>(of_rule: &[&'a Finding]) -> Vec<&'a Finding> {
    let key = |f: &Finding| f.record.as_ref().map(|r| r.place());
    let mut chosen = vec![false; of_rule.len()];
    let mut keys = Vec::new();
    let mut n = 0;
    for (i, f) in of_rule.iter().enumerate() {
        if n == EXAMPLES {
            break;
        }
        let k = key(f);
        // A corpus-level finding (no record) is one of its own.
        if k.is_none() || !keys.contains(&k) {
            keys.push(k);
            chosen[i] = true;
            n += 1;
        }
    }
    for c in chosen.iter_mut() {
        if n == EXAMPLES {
            break;
        }
        if !*c {
            *c = true;
            n += 1;
        }
    }
    of_rule
        .iter()
        .zip(chosen)
        .filter(|(_, c)| *c)
        .map(|(f, _)| *f)
        .collect()
}

fn french_identifier(kind: IdentifierKind) -> &'static str {
    match kind {
        IdentifierKind::Nir => "numéro de sécurité sociale (NIR)",
        IdentifierKind::Iban => "IBAN",
        IdentifierKind::Phone => "numéro de téléphone",
        IdentifierKind::Email => "adresse électronique",
        IdentifierKind::BirthDate => "date de naissance",
        IdentifierKind::VehiclePlate => "numéro d'immatriculation d'un véhicule",
    }
}

/// The kind of identifier an MSK005 finding is about, in French.
fn identifier_of(f: &Finding) -> Option<&'static str> {
    match f.fact {
        Fact::Identifier(k) => Some(french_identifier(k)),
        _ => None,
    }
}

/// A date as given, in French: `le 18 novembre 2026` for a day alone, `le 19 novembre 2026 à
/// 12 h 59 (heure de Paris)` for an instant.
fn french_moment(m: crate::ident::Moment) -> String {
    match m {
        crate::ident::Moment::Date(d) => format!("le {}", crate::ident::french_date(d)),
        crate::ident::Moment::Instant(t) => {
            let paris = t.to_zoned(crate::ident::paris());
            format!(
                "le {} à {} (heure de Paris)",
                crate::ident::french_date(paris.date()),
                paris.strftime("%-H h %M")
            )
        }
    }
}

/// [`french_moment`] for a date the corpus wrote: an instant written with an offset other than
/// Paris's is also given as written (`le 20 novembre 2026 à 14 h 00 (heure de Paris ; 8 h 00
/// UTC-05:00 dans votre base)`), so that the reuser finds it in its base.
fn french_moment_written(m: crate::ident::Moment, offset: Option<jiff::tz::Offset>) -> String {
    let base = french_moment(m);
    let (crate::ident::Moment::Instant(t), Some(o)) = (m, offset) else {
        return base;
    };
    let written = t.to_zoned(jiff::tz::TimeZone::fixed(o));
    let paris = t.to_zoned(crate::ident::paris());
    if written.offset() == paris.offset() {
        return base;
    }
    let zone = if o == jiff::tz::Offset::UTC {
        "UTC".to_string()
    } else {
        format!("UTC{}", crate::ident::offset_text(o))
    };
    let day = if written.date() == paris.date() {
        String::new()
    } else {
        format!("le {} à ", crate::ident::french_date(written.date()))
    };
    let in_paris = base.strip_suffix(" (heure de Paris)").unwrap_or(&base);
    format!(
        "{in_paris} (heure de Paris ; {day}{} {zone} dans votre base)",
        written.strftime("%-H h %M")
    )
}

/// A duration in hours, minutes and seconds, in French, the parts that are zero left out (but
/// the hours): `72 heures et 1 minute`.
fn french_duration(secs: u64) -> String {
    let (h, m, s) = crate::rules::freshness::hms(secs);
    let mut parts = vec![plural(h as usize, "heure", "heures")];
    if m > 0 {
        parts.push(plural(m as usize, "minute", "minutes"));
    }
    if s > 0 {
        parts.push(plural(s as usize, "seconde", "secondes"));
    }
    match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} et {last}", rest.join(", ")),
        _ => parts.join(""),
    }
}

/// The dates of a freshness finding, in French, for its example line: the day the source
/// corrected the decision (FRE002) or deleted it (FRE004), the newest update of the corpus and
/// its age (FRE003), a date of last update after the audit (FRE001). The finding's facts give
/// them, not its English message.
fn freshness_dates(f: &Finding) -> Option<String> {
    match (&f.fact, f.rule) {
        (Fact::SourceDay(Some(day)), Rule::FRE002) => Some(format!(
            "décision mise à jour à la source le {}, après le dernier chargement de \
             l'enregistrement",
            crate::ident::french_date(*day)
        )),
        (Fact::UpdatedAfterLoad(after), Rule::FRE002) => {
            use crate::ident::Moment::Instant;
            // On one day, the times (in Paris) tell why the update came after the load.
            let (source, loaded) = match (after.source, after.loaded) {
                (s @ Instant(_), l @ Instant(_)) if s.date() == l.date() => {
                    (french_moment(s), french_moment(l))
                }
                (s, l) => (
                    format!("le {}", crate::ident::french_date(s.date())),
                    format!("le {}", crate::ident::french_date(l.date())),
                ),
            };
            Some(format!(
                "décision mise à jour à la source {source}, après le dernier chargement de \
                 l'enregistrement, {loaded}"
            ))
        }
        (Fact::SameDayAsLoad(day), Rule::FRE002) => Some(format!(
            "décision mise à jour à la source le {}, le jour même du dernier chargement de \
             l'enregistrement, sans heure qui dise lequel a précédé l'autre",
            crate::ident::french_date(*day)
        )),
        (Fact::SourceDay(Some(day)), Rule::FRE004) => Some(format!(
            "décision retirée à la source le {}",
            crate::ident::french_date(*day)
        )),
        (Fact::Newest(n), Rule::FRE003) => {
            // The date as the corpus gives it: a day alone as that day; an instant in Paris
            // time, as the rest of the letter.
            let mut s = format!(
                "dernière mise à jour de la base {}, {} avant la date de l'audit",
                french_moment_written(n.shown, n.offset),
                french_duration(n.age_secs)
            );
            if let crate::ident::Moment::Date(_) = n.shown {
                // A day alone is counted from its end, the benefit of the doubt.
                s.push_str(" (à compter de la fin de cette journée)");
            }
            if n.set_aside > 0 {
                let _ = write!(
                    s,
                    " ({} daté{} d'après la date de l'audit non pris en compte)",
                    plural(n.set_aside as usize, "enregistrement", "enregistrements"),
                    if n.set_aside > 1 { "s" } else { "" }
                );
            }
            Some(s)
        }
        (Fact::AfterAudit(a), Rule::FRE001) => {
            use crate::rules::freshness::Lead;
            let lead = match Lead::of(a.shown, a.as_of) {
                Lead::Days(n) => plural(n.max(0) as usize, "jour", "jours"),
                Lead::Seconds(secs) => french_duration(secs.max(0) as u64),
            };
            Some(format!(
                "date de dernière mise à jour affichée {}, postérieure de {lead} à la date de \
                 l'audit : une date à venir ne peut être celle de la dernière mise à jour",
                french_moment_written(a.shown, a.offset)
            ))
        }
        _ => None,
    }
}

/// What the official source gives for `field`, as the letter quotes it: a date of decision in
/// French (« 19 octobre 2023 »), as the letter writes every date, where the reference gives it
/// as an ISO date (`2023-10-19`, INT006 and FRE002 on `decision_date`); anything else as given,
/// quoted verbatim.
fn reference_value(field: &str, value: &str) -> String {
    if field == crate::model::producer::IdField::DecisionDate.name()
        && let Ok(day) = value.trim().parse::<jiff::civil::Date>()
    {
        return crate::ident::french_date(day);
    }
    verbatim(value)
}

/// A corpus file as a letter to the reuser names it: as given when relative
/// (`exports/corpus.jsonl`), by its base name when absolute (`/srv/audit/corpus.jsonl` →
/// `corpus.jsonl`): the auditor's own directories are no concern of the addressee's, and the
/// JSON report keeps the path as given.
fn file_for_letter(file: &str) -> std::borrow::Cow<'_, str> {
    let path = std::path::Path::new(file);
    if (path.has_root() || path.is_absolute())
        && let Some(name) = path.file_name()
    {
        return name.to_string_lossy();
    }
    std::borrow::Cow::Borrowed(file)
}

/// The line of an example; and whether it quotes personal data (redacted unless `reveal`).
/// `previous`: the day of the earlier audit (`--previous`), for a breach found again.
fn example_line(
    report: &Report,
    f: &Finding,
    reveal: bool,
    previous: Option<&str>,
) -> (String, bool) {
    let mut personal = false;
    let mut s = String::from("    - ");
    match &f.record {
        Some(r) => {
            match &r.id {
                Some(id) => {
                    let _ = write!(s, "enregistrement « {} »", verbatim(id));
                }
                None => s.push_str("enregistrement illisible"),
            }
            if let Some(url) = r.url.as_deref().filter(|u| !u.trim().is_empty()) {
                let _ = write!(s, " ({})", link(url));
            }
            let file = report
                .files
                .get(r.file_index as usize)
                .map(|f| verbatim(&file_for_letter(f)))
                .unwrap_or_default();
            let _ = write!(s, ", {file} ligne {}", r.line);
        }
        None => s.push_str("ensemble de la base"),
    }
    // The engine's messages are in English: the letter names the rule in French above and shows
    // here only the field and the excerpts, which speak for themselves.
    // INT005 lists the missing fields in one, comma-separated (`decision_date,jurisdiction`).
    if let Some(e) = &f.evidence
        && !e.field.is_empty()
    {
        let fields: Vec<String> = e
            .field
            .split(',')
            .map(str::trim)
            .map(|name| {
                // A field the mapping reads from the reuser's schema by the path there, vigie's
                // name beside it; the reuser's own fields (`$.text` among them) by their
                // paths, never glossed as a canonical field.
                let named = match &report.audit.mapping {
                    Some(m) => m.name(name),
                    None => FieldName::new(name, None),
                };
                let quoted = |n: &str| format!("« {} »", verbatim(n));
                match (named.path, french_field(name)) {
                    (Some(_), Some(gloss)) => {
                        named.written_with(quoted, |f| format!("{} : {gloss}", quoted(f)))
                    }
                    (None, Some(gloss)) => format!("{} ({gloss})", quoted(name)),
                    (_, None) => named.written_with(quoted, quoted),
                }
            })
            .collect();
        let _ = write!(
            s,
            " — {} {}",
            if fields.len() > 1 { "champs" } else { "champ" },
            fields.join(", ")
        );
    }
    if f.rule == Rule::MSK005
        && let Some(kind) = identifier_of(f)
    {
        let _ = write!(s, " — identifiant : {kind}");
    }
    if let Some(dates) = freshness_dates(f) {
        let _ = write!(s, " — {dates}");
    }
    // Data the source itself left in clear (MSK004, MSK005): the source's defect, listed apart
    // from the breaches, each example marked as such.
    let at_source = f.source_defect && f.penalty != Penalty::None;
    if at_source {
        s.push_str(" — défaut d'occultation de la source");
    }
    // A breach found again (SPEC §3), dated by the earlier audit: CC XII makes a repeated
    // breach one the permanent interruption may answer. An observation is no breach, nor a
    // defect of the source, which is only said to be found again.
    if f.repeated && at_source {
        match previous {
            Some(day) => {
                let _ = write!(s, " (déjà relevé lors de l'audit arrêté au {day})");
            }
            None => s.push_str(" (déjà relevé lors d'un audit précédent)"),
        }
    } else if f.repeated && f.penalty != Penalty::None {
        match previous {
            Some(day) => {
                let _ = write!(
                    s,
                    " (manquement réitéré : déjà relevé lors de l'audit arrêté au {day})"
                );
            }
            None => s.push_str(" (manquement réitéré : déjà relevé lors d'un audit précédent)"),
        }
    }
    if let Some(e) = &f.evidence {
        let (excerpt, reference) = super::exported_excerpts(e, reveal);
        if let Some(x) = excerpt.filter(|x| !x.is_empty()) {
            personal |= !e.personal.is_empty();
            let _ = write!(s, " — extrait : « {} »", verbatim(&x));
        }
        if let Some(x) = reference.filter(|x| !x.is_empty()) {
            personal |= !e.reference_personal.is_empty();
            let _ = write!(
                s,
                " — source officielle : « {} »",
                reference_value(&e.field, &x)
            );
        }
    }
    // The decision of the official source the record was compared with, by its id there: the
    // copy the finding rests on (an ECLI may designate the Judilibre and the Légifrance one).
    if let Some(c) = f.record.as_ref().and_then(|r| r.compared_with.as_deref()) {
        let _ = write!(s, " — décision de référence : {}", verbatim(&c.id));
    }
    (s, personal)
}

/// The findings of `findings` rule by rule, in the registry's order: the rule's code and French
/// label, the count, the basis they cite, and up to [`EXAMPLES`] examples. Returns whether an
/// example quotes personal data.
fn rules_list(
    m: &mut String,
    report: &Report,
    findings: &[&Finding],
    opts: &WriteOptions,
    previous_day: Option<&str>,
    cc_decisions: bool,
) -> bool {
    let mut personal = false;
    for &rule in Rule::ALL {
        let of_rule: Vec<&Finding> = findings
            .iter()
            .copied()
            .filter(|f| f.rule == rule)
            .collect();
        let Some(first) = of_rule.first() else {
            continue;
        };
        // The basis these findings cite: what of the rule's applies to their decisions.
        let basis = of_rule
            .iter()
            .fold(report.basis(first), |b, f| b.union(report.basis(f)));
        // The rule's code, for the report attached; its English name stays out of the
        // French letter.
        let _ = write!(
            m,
            "- **{}** — {} — {}",
            rule.code(),
            label(rule, basis, cc_decisions),
            plural(of_rule.len(), "constat", "constats")
        );
        if !basis.is_empty() {
            let _ = write!(m, " (fondement : {})", french_basis(basis));
        }
        m.push_str(" ; exemples :\n");
        for f in pick_examples(&of_rule) {
            let (line, quotes_personal) =
                example_line(report, f, opts.reveal_personal_data, previous_day);
            personal |= quotes_personal;
            m.push_str(&line);
            m.push('\n');
        }
        if of_rule.len() > EXAMPLES {
            let _ = writeln!(
                m,
                "    - … et {} ; la liste complète figure dans le rapport d'audit joint.",
                plural(of_rule.len() - EXAMPLES, "autre", "autres")
            );
        }
    }
    personal
}

/// The verdict's sentence on the defects of the source (`at_source`, listed in section
/// `section`), starting with a space; empty when there are none. `breaches`: whether the
/// letter also finds breaches, among which they are not counted.
fn source_defects_sentence(at_source: &[&Finding], breaches: bool, section: usize) -> String {
    let n = at_source.len();
    if n == 0 {
        return String::new();
    }
    let mut records: Vec<(u32, u64, u64)> = at_source
        .iter()
        .filter_map(|f| f.record.as_ref().map(|r| r.place()))
        .collect();
    records.sort_unstable();
    records.dedup();
    let what = if n > 1 {
        format!("{} défauts d'occultation de la source", number(n as u64))
    } else {
        "un défaut d'occultation de la source".to_string()
    };
    let (lead, tail) = match (breaches, n > 1) {
        (true, true) => (
            "en outre",
            "ils ne sont pas comptés parmi ces manquements, mais appellent",
        ),
        (true, false) => (
            "en outre",
            "il n'est pas compté parmi ces manquements, mais appelle",
        ),
        (false, true) => ("en revanche", "ils appellent"),
        (false, false) => ("en revanche", "il appelle"),
    };
    format!(
        " Il a relevé {lead} {what}, que votre base reproduit, concernant {} : {tail} une \
occultation provisoire et un signalement (section {section}).",
        plural(records.len(), "enregistrement", "enregistrements")
    )
}

/// What an audit that read records examined, for the letter: `Un audit de votre base, arrêté au
/// {date}, a porté sur N enregistrements (M rapprochés …; K illisibles; …).`
fn audit_scope(m: &mut String, a: &AuditInfo, date: &str) {
    let _ = write!(
        m,
        "Un audit de votre base, arrêté au {date}, a porté sur {} ({} rapproché{} d'une décision de la \
source officielle",
        plural(a.records as usize, "enregistrement", "enregistrements"),
        if a.matched_records == 0 {
            "aucun".to_string()
        } else {
            number(a.matched_records)
        },
        if a.matched_records > 1 { "s" } else { "" },
    );
    if a.unreadable_records > 0 {
        let _ = write!(
            m,
            " ; {} illisible{}",
            number(a.unreadable_records),
            if a.unreadable_records > 1 { "s" } else { "" }
        );
    }
    if a.texts_not_compared() > 0 {
        let n = a.texts_not_compared();
        // Why, in French: each reason that holds records, counted when there are several.
        let reasons: Vec<(u64, &str)> = a
            .texts_not_compared_why
            .by_reason()
            .filter(|(_, k)| *k > 0)
            .map(|(why, k)| (k, why.french()))
            .collect();
        let _ = write!(
            m,
            " ; {} dont le texte n'a pu être comparé à celui de la source",
            plural(n as usize, "enregistrement", "enregistrements"),
        );
        match reasons.as_slice() {
            [] => {}
            [(_, only)] => {
                let _ = write!(m, ", car {only}");
            }
            several => {
                let listed: Vec<String> = several
                    .iter()
                    .map(|(k, why)| format!("{} : {why}", number(*k)))
                    .collect();
                let _ = write!(m, " — {}", listed.join(" ; "));
            }
        }
    }
    m.push_str(").");
}

/// When the reference the audit relied on was incomplete (decisions that could not be read, a
/// folder that could not be listed, an archive cut short: `audit.unreadable_reference`), the
/// paragraph of the letter's scope that says so, after its verdict, and how many records
/// could not be checked against it (`unverified`: those whose `source_id` matched no decision
/// read, each an INT007, which carries no penalty), as the JSON report and the warnings say it:
/// a letter that said nothing would read as if every record had been checked. Empty when the
/// reference was read whole.
fn incomplete_reference(a: &AuditInfo, unverified: u64) -> String {
    let lost = a.reference_incomplete();
    if lost.is_empty() {
        return String::new();
    }
    let mut parts = Vec::new();
    for (n, one, many) in [
        (
            lost.decisions,
            "une décision n'a pu être lue",
            "décisions n'ont pu être lues",
        ),
        (
            lost.folders,
            "un dossier n'a pu être parcouru",
            "dossiers n'ont pu être parcourus",
        ),
        (
            lost.rests,
            "un fichier était tronqué ou endommagé, et sa suite n'a pu être lue",
            "fichiers étaient tronqués ou endommagés, et la suite de chacun n'a pu être lue",
        ),
    ] {
        match n {
            0 => {}
            1 => parts.push(one.to_string()),
            n => parts.push(format!("{} {many}", number(n))),
        }
    }
    let lost_words = match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} et {last}", rest.join(", ")),
        _ => parts.join(""),
    };
    let how_many = if lost.exact() {
        String::new()
    } else {
        // A folder, or the rest of a file, holds an unknown number of decisions.
        " : le nombre de décisions manquantes ne peut être connu".to_string()
    };
    let checked = match unverified {
        0 => " Cette lacune n'a privé de vérification aucun enregistrement : aucun identifiant de \
décision indiqué par votre base n'est resté sans correspondance."
            .to_string(),
        1 => " En conséquence, un enregistrement, dont l'identifiant ne correspond à aucune \
décision lue, n'a pu être vérifié au regard de la source : la décision qu'il reproduit peut \
figurer parmi celles qui n'ont pu être lues. Aucun manquement n'est retenu contre vous de ce chef."
            .to_string(),
        n => format!(
            " En conséquence, {} enregistrements, dont l'identifiant ne correspond à aucune \
décision lue, n'ont pu être vérifiés au regard de la source : les décisions qu'ils reproduisent \
peuvent figurer parmi celles qui n'ont pu être lues. Aucun manquement n'est retenu contre vous de \
ce chef.",
            number(n)
        ),
    };
    format!(
        "La source officielle consultée pour cet audit était toutefois incomplète \
({lost_words}{how_many}).{checked}\n\n"
    )
}

pub(crate) fn write(report: &Report, opts: &WriteOptions, out: &mut dyn Write) -> io::Result<()> {
    let conditions = Conditions::of(&report.audit);
    // FRE003's 72 hours are the Cour de cassation's recommendation for its decisions (CC V);
    // the conditions of the other producers fix no delay. On a corpus none of whose decisions
    // comes under its CGU, the letter reports the corpus's age as an observation, not as a
    // breach to remedy (the JSON report keeps the rule's penalty, SPEC §3).
    let cc_decisions = !conditions.known() || conditions.cc > 0;
    // INT004, an excerpt without access to the whole decision: only the Conseil d'État's CGU
    // (CE V) rule on excerpts. On the decisions of the Cour de cassation (CC V) or of Légifrance
    // (the DILA notice), whose conditions forbid altering the data or distorting their sense but
    // say nothing of excerpts, a clearly marked excerpt is not in itself a breach: the letter
    // reports it as an observation, which reminds the reuser that the excerpt must not alter
    // the sense of the decision (`label`). The JSON report keeps the rule's penalty.
    let observation = |f: &Finding| {
        f.penalty != Penalty::None
            && match f.rule {
                Rule::FRE003 => !cc_decisions,
                Rule::INT004 => !report.basis(f).contains("CE V"),
                _ => false,
            }
    };
    let observed: Vec<Finding> = report
        .findings
        .iter()
        .filter(|f| observation(f))
        .map(|f| {
            let mut f = f.clone();
            f.penalty = Penalty::None;
            f
        })
        .collect();
    let mut next_observed = observed.iter();
    let findings: Vec<&Finding> = report
        .findings
        .iter()
        .map(|f| {
            if observation(f) {
                next_observed
                    .next()
                    .expect("one observation per finding observed")
            } else {
                f
            }
        })
        .filter(|f| {
            report.waivers.is_empty()
                || report
                    .waivers
                    .get(&f.fingerprint())
                    .is_none_or(|w| w.status != WaiverStatus::Accepted)
        })
        .collect();
    let accepted = report.findings.len() - findings.len();
    // The court's own pseudonymisation failures, which the record copies faithfully (MSK004,
    // MSK005 with `source_defect`): CC IX has the reuser occult them provisionally, pending the
    // correction of the decision at source, and report them to the court (CE IX alike). They
    // are the source's defects, not the reuser's breaches: the letter lists them apart, as a
    // request to occult and report, and neither counts them among the breaches nor puts them
    // under a penalty heading. The JSON report keeps the rule's penalty (SPEC §2).
    // The mapping's `source_id` matched no record: nothing was checked against the source,
    // and the letter says the audit could not be carried out, listing nothing (what was found
    // without the source is no audit of the publication).
    let unmatched = report.source_id_unmatched() && !report.read_no_record();
    let findings: Vec<&Finding> = if unmatched { Vec::new() } else { findings };
    let (at_source, findings): (Vec<&Finding>, Vec<&Finding>) = findings
        .into_iter()
        .partition(|f| f.source_defect && f.penalty != Penalty::None);
    let count = |p: Penalty| findings.iter().filter(|f| f.penalty == p).count();
    let (permanent, temporary) = (count(Penalty::Permanent), count(Penalty::Temporary));
    // No record of the corpus could be read: the audit examined nothing, and the letter says so
    // rather than that it found no breach (nor, should a policy give IN001 a penalty, that the
    // unreadable lines are breaches of the conditions of reuse).
    let nothing_read = report.read_no_record();
    let breaches = if nothing_read || unmatched {
        0
    } else {
        permanent + temporary
    };
    let days = opts.notice_days.unwrap_or(super::DEFAULT_NOTICE_DAYS);
    let a = &report.audit;
    // The sections: those of the categories that hold findings, then the deadline and the
    // consequences when there are breaches (which a category's note may refer to), then the
    // defects of the source to occult and report, or where to report defects.
    let categories = Penalty::ALL
        .iter()
        .filter(|&&p| findings.iter().any(|f| f.penalty == p))
        .count();
    let consequences_section = categories + 2;
    let defects_section = categories + if breaches > 0 { 3 } else { 1 };
    // Whose remedies answer the breaches: those of the producers of their decisions, and of
    // the conditions their bases rely on.
    let in_breach: Vec<&Finding> = findings
        .iter()
        .copied()
        .filter(|f| f.penalty != Penalty::None)
        .collect();
    let regimes = Regimes::of_all(report, &in_breach, conditions).resolved(conditions);
    // The conditions the opening names: every text a breach or a defect of the source relies
    // on among them.
    let texts = in_breach
        .iter()
        .chain(&at_source)
        .fold(Texts::default(), |t, f| {
            t.union(Texts::of(f, report.basis(f), conditions))
        });
    let invoked = Invoked::new(conditions, texts);
    let date = french_date(&a.as_of);
    // The day of the earlier audit (`--previous`), when its report gives it.
    let previous_day = a
        .previous
        .as_ref()
        .and_then(|p| p.as_of.as_deref())
        .map(french_date);
    let reuser = super::reuser_name(opts.reuser.as_deref())
        .map(verbatim)
        .unwrap_or_else(|| "[Réutilisateur — nom et adresse à compléter]".to_string());

    let mut m = String::new();
    m.push_str(if breaches > 0 {
        "# Projet de mise en demeure\n\n"
    } else {
        "# Projet de lettre — audit de conformité aux conditions de réutilisation\n\n"
    });
    m.push_str(
        "**Expéditeur :** [Juridiction émettrice — nom, service et adresse à compléter]  \n",
    );
    let _ = writeln!(m, "**Destinataire :** {reuser}  ");
    let _ = writeln!(m, "**Date de l'audit :** {date}  ");
    if breaches > 0 {
        let _ = writeln!(m, "**Objet :** {OBJECT}\n");
    } else if nothing_read {
        let _ = writeln!(m, "**Objet :** {OBJECT_NOTHING_READ}\n");
    } else if unmatched {
        let _ = writeln!(m, "**Objet :** {OBJECT_NOTHING_MATCHED}\n");
    } else if !at_source.is_empty() {
        let _ = writeln!(m, "**Objet :** {OBJECT_SOURCE_DEFECTS}\n");
    } else {
        let _ = writeln!(m, "**Objet :** {OBJECT_COMPLIANT}\n");
    }
    m.push_str("Madame, Monsieur,\n\n");
    if breaches > 0 || !at_source.is_empty() {
        m.push_str(&opening(conditions, invoked));
    }
    if nothing_read {
        let n = a.unreadable_records;
        let _ = write!(
            m,
            "{} aucun de ses \
enregistrements n'a pu être lu ({} illisible{}, détaillé{} ci-après). Faute d'enregistrement \
examiné, cet audit ne permet de constater ni le respect ni la méconnaissance des conditions de \
réutilisation qui vous sont applicables.\n\n",
            not_carried_out(&date),
            if n > 1 {
                format!("{} lignes ou fichiers", number(n))
            } else {
                format!("{} ligne ou fichier", number(n))
            },
            if n > 1 { "s" } else { "" },
            if n > 1 { "s" } else { "" },
        );
    } else if unmatched {
        let (path, file) = a
            .mapping
            .as_ref()
            .map(|mp| {
                (
                    mp.path_of("source_id").unwrap_or_default().to_string(),
                    mp.file.clone(),
                )
            })
            .unwrap_or_default();
        let _ = write!(
            m,
            "{} le chemin de \
l'identifiant de la décision à la source (« {} », selon la correspondance des champs « {} ») {}. Aucun enregistrement n'a donc pu être rapproché de la \
décision qu'il reproduit, et rien n'a été vérifié au regard des décisions diffusées. Cet audit ne \
permet de constater ni le respect ni la méconnaissance des conditions de réutilisation qui vous \
sont applicables.\n\n",
            not_carried_out(&date),
            verbatim(&path),
            verbatim(&file),
            if a.records == 1 {
                "ne donne pas de valeur dans le seul enregistrement lu".to_string()
            } else {
                format!(
                    "ne donne de valeur dans aucun des {} enregistrements lus",
                    number(a.records)
                )
            },
        );
    } else {
        audit_scope(&mut m, a, &date);
    }

    // The records whose `source_id` matched no decision read (INT007): on an incomplete
    // reference, those could not be checked against it (counted as the warnings count them).
    let unverified = report
        .findings
        .iter()
        .filter(|f| {
            f.rule == Rule::INT007
                && f.record
                    .as_ref()
                    .is_some_and(|r| r.source_id.is_some() && !r.source_id_as_written)
        })
        .count() as u64;
    if nothing_read || unmatched {
        // Said above: nothing examined, nothing found.
    } else if breaches == 0 {
        // The interruption is the Cour de cassation's remedy: named only where its CGU apply.
        // The findings accepted at review are set aside in the verdict itself, which would
        // otherwise say the audit found nothing and then that it found them.
        let aside = match accepted {
            0 => String::new(),
            1 => ", en dehors d'un constat accepté lors de la revue de l'audit,".to_string(),
            n => format!(
                ", en dehors de {} constats acceptés lors de la revue de l'audit,",
                number(n as u64)
            ),
        };
        if !conditions.known() || conditions.cc > 0 {
            let _ = write!(
                m,
                " Il n'a relevé{aside} aucun manquement aux conditions générales d'utilisation \
susceptible de justifier une interruption de la mise à disposition des données.",
            );
        } else {
            let _ = write!(
                m,
                " Il n'a relevé{aside} aucun manquement aux conditions de réutilisation qui vous \
sont applicables.",
            );
        }
        m.push_str(&source_defects_sentence(&at_source, false, defects_section));
        m.push_str(&settled_since(a.previous.as_ref(), previous_day.as_deref()));
        m.push_str("\n\n");
        m.push_str(&incomplete_reference(a, unverified));
    } else {
        // Told by file and place: several records may share a line.
        let mut records: Vec<(u32, u64, u64)> = in_breach
            .iter()
            .filter_map(|f| f.record.as_ref().map(|r| r.place()))
            .collect();
        records.sort_unstable();
        records.dedup();
        let repeated = in_breach.iter().filter(|f| f.repeated).count();
        // Each category named once, and only when it holds a breach: not « 0 susceptible ».
        // The interruption is named only when the Cour de cassation's CGU answer every breach;
        // otherwise the categories are told by what they hold, and the headings and the
        // consequences say which remedy answers which decisions.
        let split = if regimes.interruption_only() {
            let definitive = "de justifier une interruption définitive";
            Some(match (permanent, temporary) {
                (_, 0) if breaches > 1 => format!("tous susceptibles {definitive}"),
                (_, 0) => format!("susceptible {definitive}"),
                (0, _) if breaches > 1 => "tous justifiant une interruption temporaire".to_string(),
                (0, _) => "justifiant une interruption temporaire".to_string(),
                _ => format!(
                    "{} susceptible{} {definitive}, {} justifiant une interruption temporaire",
                    number(permanent as u64),
                    if permanent > 1 { "s" } else { "" },
                    number(temporary as u64),
                ),
            })
        } else {
            match (permanent, temporary) {
                (0, _) => None,
                (_, 0) if breaches > 1 => Some("tous graves ou réitérés".to_string()),
                (_, 0) => Some("grave ou réitéré".to_string()),
                _ => Some(format!(
                    "{} grave{} ou réitéré{}, {} autre{}",
                    number(permanent as u64),
                    if permanent > 1 { "s" } else { "" },
                    if permanent > 1 { "s" } else { "" },
                    number(temporary as u64),
                    if temporary > 1 { "s" } else { "" },
                )),
            }
        };
        // What they concern: records, the whole base (FRE003), or both; not « 0 enregistrement ».
        let whole_base = in_breach.iter().any(|f| f.record.is_none());
        let concerning = match (records.len(), whole_base) {
            (0, _) => "l'ensemble de la base".to_string(),
            (n, false) => plural(n, "enregistrement", "enregistrements"),
            (n, true) => format!(
                "{} et l'ensemble de la base",
                plural(n, "enregistrement", "enregistrements")
            ),
        };
        let _ = write!(
            m,
            " Il a relevé {}{}, concernant {concerning}.",
            plural(breaches, "manquement", "manquements"),
            split.map(|s| format!(" ({s})")).unwrap_or_default(),
        );
        if repeated > 0 {
            // Found again since the earlier audit, dated when its report gives the date: CC XII
            // lets a breach repeated after a formal notice left unheeded justify the permanent
            // interruption; whether one was sent, the signatory says.
            let when = match &previous_day {
                Some(day) => format!("lors de l'audit arrêté au {day}"),
                None => "lors d'un audit précédent".to_string(),
            };
            let _ = write!(
                m,
                " {} {when} [préciser, le cas échéant, la date de la mise en demeure alors \
adressée].",
                if repeated > 1 {
                    opening_count(
                        repeated as u64,
                        "de ces manquements avaient déjà été relevés",
                    )
                } else if breaches > 1 {
                    "Un de ces manquements avait déjà été relevé".to_string()
                } else {
                    "Ce manquement avait déjà été relevé".to_string()
                }
            );
        }
        m.push_str(if breaches > 1 {
            " Ils sont détaillés ci-après."
        } else {
            " Il est détaillé ci-après."
        });
        m.push_str(&source_defects_sentence(&at_source, true, defects_section));
        m.push_str("\n\n");
        m.push_str(&incomplete_reference(a, unverified));
        let settled = settled_since(a.previous.as_ref(), previous_day.as_deref());
        if !settled.is_empty() {
            let _ = write!(m, "{}\n\n", settled.trim_start());
        }
    }

    // The sections, written apart: the letter says how personal data is shown only if an
    // example quotes some.
    let mut body = String::new();
    let mut personal = false;
    let mut section = 0;
    let mut after_graver = false;
    for p in Penalty::ALL {
        let in_p: Vec<&Finding> = findings
            .iter()
            .copied()
            .filter(|f| f.penalty == p)
            .collect();
        if in_p.is_empty() {
            continue;
        }
        section += 1;
        let regimes = Regimes::of_all(report, &in_p, conditions).resolved(conditions);
        let heading = if nothing_read {
            // Nothing was examined: what the letter lists is what could not be read.
            "Entrées illisibles de la base"
        } else {
            penalty_heading(p, regimes, after_graver)
        };
        after_graver |= p == Penalty::Permanent;
        let _ = writeln!(
            body,
            "## {section}. {heading} ({})\n",
            plural(in_p.len(), "constat", "constats")
        );
        if !nothing_read
            && let Some(note) = remedy_note(p, regimes, consequences_section, Concerned::of(&in_p))
        {
            body.push_str(&note);
        }
        // Groups of findings by the article they primarily breach among the conditions that
        // apply to their own decisions (those of the producer of each record's reference
        // decision), in article order; within a group, by rule.
        let mut groups: Vec<(Heading, Vec<&Finding>)> = Vec::new();
        for &f in &in_p {
            let heading = Heading::of(f.rule, report.basis(f));
            match groups.iter_mut().find(|(h, _)| *h == heading) {
                Some((_, of_heading)) => of_heading.push(f),
                None => groups.push((heading, vec![f])),
            }
        }
        groups.sort_by_key(|(h, _)| *h);
        for (heading, of_heading) in groups {
            let _ = writeln!(
                body,
                "### {} ({})\n",
                heading.text(),
                plural(of_heading.len(), "constat", "constats")
            );
            personal |= rules_list(
                &mut body,
                report,
                &of_heading,
                opts,
                previous_day.as_deref(),
                cc_decisions,
            );
            body.push('\n');
        }
    }
    // The defects of the source, listed in their own section after the breaches'.
    let mut defects_list = String::new();
    personal |= rules_list(
        &mut defects_list,
        report,
        &at_source,
        opts,
        previous_day.as_deref(),
        cc_decisions,
    );
    if personal {
        m.push_str(if opts.reveal_personal_data {
            "Les extraits cités reproduisent en clair les données à caractère personnel qu'ils \
contiennent, l'audit ayant été exporté sans masquage : la présente ne doit être communiquée qu'à son \
destinataire.\n\n"
        } else {
            "Dans les extraits cités, les données à caractère personnel sont masquées : seule leur \
première lettre est conservée, et aucun de leurs chiffres.\n\n"
        });
    }
    m.push_str(&body);
    // Said in the verdict when the audit found no other breach.
    if accepted > 0 && (breaches > 0 || nothing_read) {
        let _ = writeln!(
            m,
            "{} lors de la revue de l'audit {} pas repris dans la présente.\n",
            if accepted > 1 {
                opening_count(accepted as u64, "constats acceptés")
            } else {
                "Un constat accepté".to_string()
            },
            if accepted > 1 { "ne sont" } else { "n'est" }
        );
    }

    m.push_str(&notes_for_the_signatory(report, &findings, &at_source));

    let masking = findings.iter().any(|f| {
        matches!(
            f.rule,
            Rule::MSK001 | Rule::MSK003 | Rule::MSK004 | Rule::MSK005
        )
    });
    if breaches > 0 {
        let _ = writeln!(m, "## {}. Délai\n", section + 1);
        let _ = writeln!(
            m,
            "En conséquence, nous vous mettons en demeure de remédier {} dans un délai {} à \
compter de la réception de la présente, et de nous faire connaître dans ce même délai les mesures \
prises.\n",
            if breaches > 1 {
                "à l'ensemble de ces manquements"
            } else {
                "à ce manquement"
            },
            if days == 1 {
                "d'un jour".to_string()
            } else {
                format!("de {} jours", number(days as u64))
            }
        );
        m.push_str(&consequences(regimes, section + 2, breaches > 1));
        section += 2;
    }
    if !at_source.is_empty() {
        debug_assert_eq!(section + 1, defects_section);
        let _ = writeln!(
            m,
            "## {}. Défauts d'occultation de la source : occultation provisoire et signalement \
({})\n",
            section + 1,
            plural(at_source.len(), "constat", "constats")
        );
        m.push_str(
            "La source a elle-même laissé en clair, dans les décisions qu'elle diffuse, les données \
à caractère personnel relevées ci-après, et votre base les reproduit telles quelles. Ce défaut \
d'occultation est celui de la source : il n'est pas retenu contre vous comme un manquement. Ces \
données n'en demeurent pas moins exposées dans votre publication : nous vous demandons de les occulter \
sans délai, à titre provisoire, dans l'attente de la modification de la décision à la source et de la \
mise à jour de votre base, et de signaler ces défauts à l'adresse indiquée ci-après.\n\n",
        );
        m.push_str(&defects_list);
        m.push('\n');
    } else if masking || breaches > 0 {
        let _ = writeln!(
            m,
            "## {}. Signalement des défauts d'occultation\n",
            section + 1
        );
    }
    if !at_source.is_empty() || masking || breaches > 0 {
        m.push_str(
            "Tout défaut d'occultation des nom et prénoms d'une personne physique, partie ou tiers, \
que vous constatez ou dont vous êtes saisi doit être signalé sans délai, et l'occultation « socle » \
appliquée à titre provisoire :\n\n",
        );
        // The addresses for the decisions audited (all when not known), each with where it is
        // given: the Cour de cassation's CGU for Judilibre's decisions, the Conseil d'État's for
        // the administrative courts'. Légifrance's judicial decisions come under the code of
        // judicial organisation, not the Cour de cassation's CGU: the address is the same.
        let judicial = Producer::CourDeCassation.defect_contact();
        let mut lines = Vec::new();
        if !conditions.known() || conditions.cc > 0 {
            lines.push(format!(
                "décisions de l'ordre judiciaire (CGU de la Cour de cassation, art. IX) : {judicial}"
            ));
        } else if conditions.dila > 0 {
            lines.push(format!(
                "décisions de l'ordre judiciaire diffusées sur Légifrance (occultation prévue par \
l'art. L. 111-13 du code de l'organisation judiciaire) : auprès de la Cour de cassation, {judicial}"
            ));
        }
        if !conditions.known() || conditions.ce > 0 {
            lines.push(format!(
                "décisions de la juridiction administrative (CGU du Conseil d'État, art. IX) : {}",
                Producer::ConseilEtat.defect_contact()
            ));
        }
        list(&mut m, &lines);
    }
    if unmatched {
        m.push_str("Un nouvel audit sera conduit une fois cette correspondance corrigée.\n\n");
    }
    if nothing_read {
        m.push_str(
            "Un nouvel audit sera conduit sur une extraction lisible de votre base [préciser, le cas \
échéant, les modalités de sa transmission].\n\n",
        );
    }
    m.push_str(
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n\n\
[Lieu], le [date d'envoi]\n\n\
[Nom, qualité et signature de l'autorité signataire]\n",
    );
    out.write_all(typography(&m).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Newest;

    // A record's url: an autolink for http(s), with nothing a renderer would read inside it
    // and nothing it cannot hold; any other url quoted as escaped text (hand-written).
    #[test]
    fn urls_are_autolinks_that_inject_nothing() {
        let plain = |s: String| s.replace([VERBATIM, VERBATIM_END], "");
        assert_eq!(
            plain(link("https://www.exemple.fr/decisions/cass_2023_10")),
            "<https://www.exemple.fr/decisions/cass_2023_10>"
        );
        // `)`, `]`, `*`, `_`, a backtick, `<`, `>`, a space, a line feed, a tab, an accent.
        assert_eq!(
            plain(link(
                "HTTPS://x.fr/a)b](javascript:alert(1))*c*_d_`e`<img src=x>f g\nh\ti/é"
            )),
            "<HTTPS://x.fr/a)b](javascript:alert(1))*c*_d_`e`%3Cimg%20src=x%3Ef%20g%0Ah%09i/%C3%A9>"
        );
        // No scheme, or another: quoted as text, escaped.
        assert_eq!(plain(link("www.x.fr/a_b")), "www.x.fr/a\\_b");
        assert_eq!(
            plain(link("javascript:alert(1)<b>")),
            "javascript:alert(1)\\<b\\>"
        );
        // French typography leaves the url as it is.
        assert_eq!(
            typography(&format!("({})", link("https://x.fr/?q=a ;b"))),
            "(<https://x.fr/?q=a%20;b>)"
        );
    }

    // French numbers in words, traditional spelling (hand-written): a sentence opens with them
    // up to a hundred, and is turned above.
    #[test]
    fn a_sentence_opens_with_a_number_in_words() {
        let w = |n| in_words(n).unwrap();
        assert_eq!(w(1), "Un");
        assert_eq!(w(2), "Deux");
        assert_eq!(w(16), "Seize");
        assert_eq!(w(17), "Dix-sept");
        assert_eq!(w(21), "Vingt et un");
        assert_eq!(w(32), "Trente-deux");
        assert_eq!(w(60), "Soixante");
        assert_eq!(w(61), "Soixante et un");
        assert_eq!(w(70), "Soixante-dix");
        assert_eq!(w(71), "Soixante et onze");
        assert_eq!(w(77), "Soixante-dix-sept");
        assert_eq!(w(80), "Quatre-vingts");
        assert_eq!(w(81), "Quatre-vingt-un");
        assert_eq!(w(91), "Quatre-vingt-onze");
        assert_eq!(w(99), "Quatre-vingt-dix-neuf");
        assert_eq!(w(100), "Cent");
        assert_eq!(in_words(0), None);
        assert_eq!(in_words(101), None);
        assert_eq!(
            opening_count(3, "de ces manquements avaient déjà été relevés"),
            "Trois de ces manquements avaient déjà été relevés"
        );
        assert_eq!(
            opening_count(1500, "constats acceptés"),
            "Au total, 1\u{202f}500 constats acceptés"
        );
    }

    #[test]
    fn every_statute_a_basis_cites_has_a_heading() {
        use crate::rules::basis::Source;
        for &rule in Rule::ALL {
            for id in crate::rules::basis::citable(rule) {
                if matches!(Source::of(id), Source::Coj | Source::Cja | Source::General) {
                    assert!(STATUTES.iter().any(|(s, _)| s == id), "{id}");
                }
            }
        }
    }

    // Worked out from the registry's bases (SPEC §2): the article the rule is filed under when
    // cited (MSK001: X, the clause on lifting occultations, for every producer), else the first
    // CGU article cited, else the DILA notice, else the first statute; the CGU named are those
    // that apply.
    #[test]
    fn headings_name_the_conditions_of_the_findings_decisions() {
        use Producer::*;
        let h = |rule, producers: &[Producer]| {
            Heading::of(rule, Basis::of(rule, producers.iter().copied())).text()
        };
        assert_eq!(
            h(Rule::MSK001, &[CourDeCassation]),
            "Article X des CGU de la Cour de cassation — Traitement des demandes d'occultation ou de levée d'occultation"
        );
        assert_eq!(
            h(Rule::MSK001, &[Jade]),
            "Article X des CGU du Conseil d'État — Traitement des demandes d'occultation ou de levée d'occultation"
        );
        assert_eq!(
            h(Rule::MSK001, &[Legifrance]),
            "Article L. 111-13 du code de l'organisation judiciaire"
        );
        assert_eq!(
            h(Rule::ATT001, &[Legifrance]),
            "Notice de la DILA relative à la réutilisation des données de Légifrance"
        );
        assert_eq!(
            h(Rule::FRE001, &[Legifrance]),
            "Article L. 322-1 du code des relations entre le public et l'administration"
        );
        // No producer known: the whole basis, and the heading says whose article it cites
        // (MSK001: COJ L.111-13, CJA L.10, CC VII, CC X, CE X; FRE004: CC IV, CC V; ATT001: CC V,
        // CE V, DILA, CRPA L.322-1).
        assert_eq!(
            h(Rule::MSK001, &[]),
            "Article X des CGU de la Cour de cassation et du Conseil d'État — Traitement des \
             demandes d'occultation ou de levée d'occultation"
        );
        assert_eq!(
            h(Rule::FRE004, &[]),
            "Article IV des CGU de la Cour de cassation — Mise à jour des données"
        );
        assert_eq!(
            h(Rule::ATT001, &[]),
            "Article V des CGU de la Cour de cassation et du Conseil d'État — Étendue du droit \
             à réutilisation et conditions d'exercice ; notice de la DILA"
        );
        // No heading names a CGU article without saying whose.
        for &rule in Rule::ALL {
            for producers in [&[][..], &[CourDeCassation], &[Legifrance], &[Jade]] {
                let text = h(rule, producers);
                assert!(!text.contains("des CGU — "), "{rule} {producers:?}: {text}");
            }
        }
        // Nothing of the basis applies to the producer: its own articles (INT004: CE V; on a
        // Légifrance decision, the DILA notice; on a Judilibre decision, CC V; FRE004: CC IV,
        // CC V; on an administrative decision, CE IV and CE V).
        assert_eq!(
            h(Rule::INT004, &[Legifrance]),
            "Notice de la DILA relative à la réutilisation des données de Légifrance"
        );
        assert_eq!(
            h(Rule::INT004, &[CourDeCassation]),
            "Article V des CGU de la Cour de cassation — Étendue du droit à réutilisation et \
             conditions d'exercice"
        );
        assert_eq!(
            h(Rule::FRE004, &[ConseilEtat]),
            "Article IV des CGU du Conseil d'État — Mise à jour des données"
        );
        // Several producers (a corpus-level finding): the CGU and the notice of each.
        assert_eq!(
            h(Rule::INT001, &[CourDeCassation, Legifrance]),
            "Article V des CGU de la Cour de cassation — Étendue du droit à réutilisation et \
             conditions d'exercice ; notice de la DILA"
        );
        assert_eq!(
            h(Rule::ATT002, &[CourDeCassation, ConseilEtat]),
            "Article V des CGU de la Cour de cassation et du Conseil d'État — Étendue du droit \
             à réutilisation et conditions d'exercice"
        );
        assert_eq!(
            h(Rule::IN002, &[Legifrance]),
            "Contrôles de l'audit, sans article des CGU"
        );
        // Ordered by article, then the Cour de cassation's, the Conseil d'État's, both. INT004 on
        // an unmatched record cites its whole basis, CE V: filed with the Conseil d'État's.
        let mut order = [
            Heading::of(Rule::INT004, Basis::of(Rule::INT004, None)),
            Heading::of(Rule::ATT001, Basis::of(Rule::ATT001, None)),
            Heading::of(Rule::ATT001, Basis::of(Rule::ATT001, Some(Legifrance))),
            Heading::of(Rule::FRE005, Basis::of(Rule::FRE005, Some(ConseilEtat))),
            Heading::of(Rule::FRE001, Basis::of(Rule::FRE001, Some(Legifrance))),
            Heading::of(Rule::FRE001, Basis::of(Rule::FRE001, Some(CourDeCassation))),
        ];
        order.sort();
        assert_eq!(
            Heading::of(Rule::INT004, Basis::of(Rule::INT004, None)),
            Heading::of(Rule::FRE005, Basis::of(Rule::FRE005, Some(ConseilEtat)))
        );
        let texts: Vec<String> = order.iter().map(|h| h.text()).collect();
        assert_eq!(
            texts,
            [
                "Article V des CGU de la Cour de cassation — Étendue du droit à réutilisation et conditions d'exercice",
                "Article V des CGU du Conseil d'État — Étendue du droit à réutilisation et conditions d'exercice",
                "Article V des CGU du Conseil d'État — Étendue du droit à réutilisation et conditions d'exercice",
                "Article V des CGU de la Cour de cassation et du Conseil d'État — Étendue du droit à réutilisation et conditions d'exercice ; notice de la DILA",
                "Notice de la DILA relative à la réutilisation des données de Légifrance",
                "Article L. 322-1 du code des relations entre le public et l'administration",
            ]
        );
    }

    // « CC VII » reads as the code civil to a French lawyer: the letter names each text.
    #[test]
    fn bases_are_cited_in_french() {
        use Producer::*;
        let f =
            |rule, producers: &[Producer]| french_basis(Basis::of(rule, producers.iter().copied()));
        assert_eq!(
            f(Rule::MSK001, &[]),
            "art. L. 111-13 du code de l'organisation judiciaire ; art. L. 10 du code de justice \
             administrative ; CGU de la Cour de cassation, art. VII et X ; CGU du Conseil d'État, \
             art. X"
        );
        assert_eq!(
            f(Rule::FRE002, &[CourDeCassation]),
            "CGU de la Cour de cassation, art. V et XII"
        );
        assert_eq!(
            f(Rule::FRE004, &[ConseilEtat]),
            "CGU du Conseil d'État, art. IV et V"
        );
        assert_eq!(
            f(Rule::ATT001, &[Legifrance]),
            "notice de la DILA ; art. L. 322-1 du code des relations entre le public et \
             l'administration"
        );
        assert_eq!(
            f(Rule::PRF002, &[CourDeCassation]),
            "CGU de la Cour de cassation, art. VI ; art. L. 111-13 du code de l'organisation \
             judiciaire ; art. 226-18 du code pénal"
        );
        assert_eq!(french_list(&["VII", "IX", "X"]), "VII, IX et X");
        // No abbreviation of the registry reaches the letter.
        for &rule in Rule::ALL {
            for producers in [
                &[][..],
                &[CourDeCassation],
                &[Legifrance],
                &[ConseilEtat],
                &[CourDeCassation, Legifrance, Jade],
            ] {
                let s = f(rule, producers);
                for abbr in ["CC ", "CE ", "COJ", "CJA", "CRPA", "DILA,"] {
                    assert!(!s.contains(abbr), "{rule} {producers:?}: {s}");
                }
            }
        }
    }

    #[test]
    fn french_typography_spares_quoted_text() {
        let m = format!(
            "**Objet :** x ; « y » ! z ?\u{a0}: {} — fin : « {} »",
            verbatim("a : b ; « c » https://x.fr/?q=1"),
            verbatim("\u{e001} : ")
        );
        assert_eq!(
            typography(&m),
            "**Objet\u{202f}:** x\u{202f}; «\u{202f}y\u{202f}»\u{202f}! z\u{202f}?\u{202f}: \
             a : b ; « c » https://x.fr/?q=1 — fin\u{202f}: «\u{202f}\u{fffd} : \u{202f}»"
        );
        // The letter's own words: idempotent; thousands keep their own space.
        let own = "Objet : « x » ; y !";
        assert_eq!(typography(&typography(own)), typography(own));
        assert_eq!(typography(&number(2959u64)), "2\u{202f}959");
    }

    /// Whose conditions a citation of the letter names: `CGU de la Cour de cassation, article V`
    /// → [`CC V`], `CGU de la Cour de cassation et du Conseil d'État, articles VII et IX` → the
    /// four, `notice de la DILA` → [`DILA`]; statutes are left out (quoted only through the
    /// CGU).
    fn cited_articles(citation: &str) -> Vec<String> {
        let mut out = Vec::new();
        for part in citation.split(" ; ") {
            if part == "notice de la DILA" {
                out.push("DILA".to_string());
                continue;
            }
            let Some(rest) = part.strip_prefix("CGU ") else {
                continue;
            };
            let (whose, articles) = rest.split_once(", ").expect(part);
            let owners: &[&str] = match whose {
                "de la Cour de cassation" => &["CC"],
                "du Conseil d'État" => &["CE"],
                "de la Cour de cassation et du Conseil d'État" => &["CC", "CE"],
                _ => panic!("whose CGU: {part}"),
            };
            let articles = articles
                .strip_prefix("articles ")
                .or_else(|| articles.strip_prefix("article "))
                .expect(part);
            for o in owners {
                for a in articles.split(" et ").flat_map(|a| a.split(", ")) {
                    out.push(format!("{o} {a}"));
                }
            }
        }
        out
    }

    /// A list item of the opening cut into what it says and what it cites: `(text, citation)`
    /// for each parenthesis that cites (CGU, DILA notice, a statute), the text since the
    /// previous one.
    fn segments(item: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut from = 0;
        let mut at = 0;
        while let Some(k) = item[at..].find('(') {
            let open = at + k;
            let close = open + item[open..].find(')').expect(item);
            let inside = &item[open + 1..close];
            if inside.starts_with("CGU ")
                || inside.starts_with("notice de la DILA")
                || inside.starts_with("article ")
            {
                out.push((item[from..open].to_string(), inside.to_string()));
                from = close + 1;
            }
            at = close + 1;
        }
        out
    }

    // Item 2 of the review: every obligation the opening attributes to an article of a producer's
    // CGU (or to the DILA notice) is in that text, as `assets/articles` quotes it from the seeds
    // (`rules::articles` checks those quotes). Each phrase the letter uses is listed with what
    // each text says to found it; a phrase attributed to a text that does not say it (CE X for
    // « de votre propre initiative », CC V for « son numéro »), or a cited passage saying none
    // of the listed phrases, fails.
    #[test]
    fn the_opening_says_what_each_article_it_cites_says() {
        use crate::rules::article_text;
        // (the letter's phrase, [(whose text, what that text says)]); `'` for `’`.
        let claims: &[(&str, &[(&str, &str)])] = &[
            (
                "de ne pas altérer les données ni en dénaturer le sens",
                &[
                    (
                        "CC",
                        "ne soient pas altérées, que leur sens ne soit pas dénaturé",
                    ),
                    (
                        "CE",
                        "ne soient pas altérées, que leur sens ne soit pas dénaturé",
                    ),
                ],
            ),
            (
                "le nom de la juridiction et la formation qui l'a rendue, son siège et la date de \
                 son prononcé",
                &[
                    (
                        "CC",
                        "le nom de la juridiction et la formation qui l'a rendue, son siège et la \
                         date de son prononcé",
                    ),
                    (
                        "CE",
                        "le nom de la juridiction et la formation qui l'a rendue, son siège et la \
                         date de son prononcé",
                    ),
                ],
            ),
            ("son numéro", &[("CE", "la mention de son numéro")]),
            (
                "en indiquant clairement le caractère partiel de la reproduction et en conservant \
                 au lecteur la faculté de se reporter à la version intégrale de la décision",
                &[(
                    "CE",
                    "le caractère partiel de cette reproduction soit clairement indiqué et que \
                     l'usager conserve la faculté de se reporter à la version intégrale de la \
                     décision",
                )],
            ),
            (
                "de distinguer nettement de la décision le commentaire",
                &[("CE", "il doit être nettement distingué de ce document")],
            ),
            (
                "de respecter l'intégrité des données, sans retraitement (modification des textes, \
                 insertion de commentaires sans que ceux-ci puissent être clairement distingués du \
                 texte authentique, coupes altérant le sens de l'acte) de nature à induire le \
                 lecteur en erreur",
                &[(
                    "DILA",
                    "à respecter l'intégrité des données mises à sa disposition, en veillant à ce \
                     que la teneur et la portée des textes et décisions de justice ne soient pas \
                     altérées, notamment par des retraitements (modifications des textes, \
                     insertion de commentaires sans que ceux-ci puissent être clairement \
                     distingués du texte authentique, coupes altérant le sens de l'acte) de \
                     nature à induire le lecteur en erreur",
                )],
            ),
            (
                "des indications utiles pour apprécier la nature et l'origine de l'acte (date, \
                 intitulé, auteur…)",
                &[(
                    "DILA",
                    "les assortir des indications utiles pour apprécier la nature et l'origine de \
                     l'acte (date, intitulé, auteur…)",
                )],
            ),
            (
                "de mentionner la source des données et la date de leur dernière mise à jour",
                &[
                    (
                        "CC",
                        "que leurs sources et la date de leur dernière mise à jour soient mentionnées",
                    ),
                    (
                        "CE",
                        "que leurs sources et la date de leur dernière mise à jour soient mentionnées",
                    ),
                    (
                        "DILA",
                        "à indiquer la source des données rediffusées, la date de leur dernière mise à jour",
                    ),
                ],
            ),
            (
                "de tenir vos données à jour",
                &[
                    ("CC", "de tenir ses données à jour"),
                    ("CE", "de tenir à jour ces données"),
                ],
            ),
            (
                "qu'elle est uniquement celle à laquelle vous avez chargé la décision",
                &[(
                    "CE",
                    "est uniquement celle à laquelle le réutilisateur aura chargé la décision",
                )],
            ),
            (
                "pour évaluer, analyser, comparer ou prédire leurs pratiques professionnelles \
                 réelles ou supposées",
                &[
                    (
                        "CC",
                        "d'évaluer, d'analyser, de comparer ou de prédire leurs pratiques professionnelles réelles ou supposées",
                    ),
                    (
                        "CE",
                        "d'évaluer, d'analyser, de comparer ou de prédire leurs pratiques professionnelles réelles ou supposées",
                    ),
                ],
            ),
            (
                "de respecter la réglementation applicable à la protection des données à caractère \
                 personnel",
                &[
                    (
                        "CC",
                        "s'engage à respecter la réglementation applicable à la protection des données à caractère personnel",
                    ),
                    (
                        "CE",
                        "s'engage à respecter la règlementation applicable à la protection des données personnelles",
                    ),
                ],
            ),
            (
                "l'occultation des nom et prénoms des personnes physiques parties ou tiers",
                &[
                    (
                        "CC",
                        "les nom et prénoms des personnes physiques mentionnées dans la décision, lorsqu'elles sont parties ou tiers, sont occultés",
                    ),
                    (
                        "CE",
                        "les nom et prénoms des personnes physiques mentionnées dans la décision, lorsqu'elles sont parties ou tiers, sont occultés",
                    ),
                ],
            ),
            (
                "de ne pas modifier de votre propre initiative la pseudonymisation des décisions, \
                 que ce soit pour lever des occultations ou en ajouter",
                &[(
                    "CC",
                    "ne peut modifier la pseudonymisation d'une décision de justice de sa propre \
                     initiative, que ce soit pour lever des occultations ou en ajouter",
                )],
            ),
            (
                "de respecter la compétence exclusive du Conseil d'État pour traiter les demandes \
                 tendant à modifier la décision relative aux occultations, qu'il s'agisse \
                 d'occulter d'autres éléments ou de lever l'occultation de certains éléments",
                &[(
                    "CE",
                    "dispose d'une compétence exclusive pour traiter les demandes tendant à \
                     modifier la décision relative aux occultations complémentaires prise par le \
                     président de la formation de jugement, par le magistrat ayant rendu la \
                     décision ou par le président de la juridiction concernée qu'il s'agisse \
                     d'une demande tendant à occulter d'autres éléments complémentaires ou à \
                     lever l'occultation de certains éléments",
                )],
            ),
            (
                "d'informer le demandeur qui vous saisirait d'une telle demande qu'elle relève de \
                 la seule compétence du membre du Conseil d'État désigné par son vice-président",
                &[(
                    "CE",
                    "s'engage à informer le demandeur que sa demande relève de la seule \
                     compétence du membre du Conseil d'Etat désigné par son vice-président",
                )],
            ),
        ];
        let plain = |s: &str| s.replace('’', "'");
        let conditions = [
            Conditions::default(),
            Conditions {
                cc: 2,
                ..Conditions::default()
            },
            Conditions {
                ce: 2,
                jade: 1,
                ..Conditions::default()
            },
            Conditions {
                dila: 2,
                ..Conditions::default()
            },
            Conditions {
                cc: 1,
                ce: 1,
                jade: 0,
                dila: 1,
            },
        ];
        let mut checked = 0;
        for c in conditions {
            for bits in 0..8u8 {
                let t = Texts {
                    cc: bits & 1 != 0,
                    ce: bits & 2 != 0,
                    dila: bits & 4 != 0,
                };
                let inv = Invoked::new(c, t);
                let text = opening(c, inv);
                for item in text.lines().filter_map(|l| l.strip_prefix("- ")) {
                    // The list of conditions: no citation.
                    if item.starts_with("décisions ") {
                        continue;
                    }
                    let segs = segments(item);
                    assert!(!segs.is_empty(), "an obligation cites nothing: {item}");
                    for (said, citation) in segs {
                        let cited = cited_articles(&citation);
                        if cited.is_empty() {
                            // Statutes alone: the DILA-only letter's, quoted through no CGU.
                            continue;
                        }
                        let found: Vec<_> = claims
                            .iter()
                            .filter(|(phrase, _)| said.contains(phrase))
                            .collect();
                        assert!(
                            !found.is_empty(),
                            "no known phrase in « {said} » ({citation})"
                        );
                        for (phrase, says) in found {
                            let whose: Vec<&str> = {
                                let mut w: Vec<&str> =
                                    cited.iter().map(|a| a.split(' ').next().unwrap()).collect();
                                w.dedup();
                                w
                            };
                            for who in whose {
                                let Some((_, evidence)) = says.iter().find(|(w, _)| *w == who)
                                else {
                                    panic!(
                                        "« {phrase} » attributed to {who} ({citation}), which does \
                                         not say it"
                                    );
                                };
                                let ok = cited
                                    .iter()
                                    .filter(|a| a.split(' ').next() == Some(who))
                                    .any(|a| {
                                        plain(article_text(a).unwrap_or_else(|| panic!("{a}")))
                                            .contains(evidence)
                                    });
                                assert!(
                                    ok,
                                    "« {phrase} » cited from {citation}: no {who} article cited \
                                     says « {evidence} »"
                                );
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 100, "{checked}");
        // The two the review found: the Conseil d'État's V asks for the number, which the
        // Cour de cassation's does not; « propre initiative » is the Cour de cassation's X only.
        let ce_only = Conditions {
            ce: 1,
            ..Conditions::default()
        };
        let text = opening(ce_only, Invoked::new(ce_only, Texts::default()));
        assert!(text.contains("de mentionner pour chaque décision son numéro, le nom de la juridiction et la formation qui l'a rendue, son siège et la date de son prononcé (CGU du Conseil d'État, article V ;"), "{text}");
        assert!(!text.contains("propre initiative"), "{text}");
        assert!(!text.contains("Cour de cassation"), "{text}");
        assert!(!plain(article_text("CE X").unwrap()).contains("propre initiative"));
        assert!(!plain(article_text("CC V").unwrap()).contains("son numéro"));
        let cc_only = Conditions {
            cc: 1,
            ..Conditions::default()
        };
        let text = opening(cc_only, Invoked::new(cc_only, Texts::default()));
        assert!(!text.contains("numéro"), "{text}");
        assert!(!text.contains("Conseil d'État"), "{text}");
    }

    // The texts quoted as the consequences, word for word (the first letter of the Cour de
    // cassation's XII lowered, as it follows a comma).
    #[test]
    fn the_consequences_quote_the_articles() {
        use crate::rules::article_text;
        let inner = |q: &str| -> String {
            let start = q.find('«').unwrap() + '«'.len_utf8();
            let end = q.find('»').unwrap();
            q[start..end].trim().to_string()
        };
        let cc = inner(CC_XII);
        let cc_text = article_text("CC XII").unwrap();
        assert!(cc_text.contains(&format!("O{}", &cc[1..])), "{cc}");
        assert!(article_text("CE XII").unwrap().contains(&inner(CE_XII)));
        assert!(
            article_text("DILA")
                .unwrap()
                .contains("la licence ne peut être accordée que si le candidat s'engage")
        );
        let c = consequences(
            Regimes {
                cc: true,
                ce: true,
                dila: true,
                unknown: false,
            },
            5,
            true,
        );
        assert!(c.contains("l'article XII des conditions générales d'utilisation de la Cour de cassation, « outre"), "{c}");
        assert!(c.contains(CE_XII), "{c}");
    }

    // Only the Cour de cassation's CGU provide the interruption of the provision of data (CGU
    // XII; the Conseil d'État's XII reserves « toute action répressive et/ou toute action en
    // réparation », the DILA notice provides none of its own): a heading names it only when it
    // answers every breach under it, and otherwise says what the section holds; « autres »
    // only after the graver breaches.
    #[test]
    fn penalty_headings_name_the_interruption_for_the_cour_de_cassation_only() {
        let cc = Regimes {
            cc: true,
            ..Regimes::default()
        };
        let ce = Regimes {
            ce: true,
            ..Regimes::default()
        };
        let dila = Regimes {
            dila: true,
            ..Regimes::default()
        };
        for after_graver in [false, true] {
            assert_eq!(
                penalty_heading(Penalty::Permanent, cc, after_graver),
                "Manquements susceptibles de justifier une interruption définitive de la mise à \
                 disposition des données"
            );
            assert_eq!(
                penalty_heading(Penalty::Temporary, cc, after_graver),
                "Manquements justifiant une interruption temporaire de la mise à disposition des \
                 données"
            );
            assert_eq!(
                penalty_heading(Penalty::Permanent, ce, after_graver),
                "Manquements graves ou réitérés"
            );
            assert_eq!(
                penalty_heading(Penalty::Permanent, cc.union(ce), after_graver),
                "Manquements graves ou réitérés"
            );
            assert_eq!(
                penalty_heading(Penalty::None, cc, after_graver),
                "Observations sans sanction"
            );
        }
        for regimes in [dila.union(ce), cc.union(dila), cc.union(ce), ce] {
            assert_eq!(
                penalty_heading(Penalty::Temporary, regimes, false),
                "Manquements constatés"
            );
            assert_eq!(
                penalty_heading(Penalty::Temporary, regimes, true),
                "Autres manquements"
            );
        }
        // The interruption, for the Cour de cassation's decisions among others; the others'
        // consequences are those of their conditions, which section 5 quotes.
        assert_eq!(
            remedy_note(Penalty::Temporary, cc.union(ce), 5, Concerned::Several).as_deref(),
            Some(
                "Ceux de ces manquements qui concernent des décisions issues de l'open data de la \
                 Cour de cassation peuvent justifier une interruption temporaire de la mise à \
                 disposition des données jusqu'à leur résolution (CGU de la Cour de cassation, \
                 art. XII) ; les conséquences des autres sont celles que prévoient les conditions \
                 de réutilisation applicables à leurs décisions (voir la section 5, « \
                 Conséquences »).\n\n"
            )
        );
        let permanent =
            remedy_note(Penalty::Permanent, cc.union(dila), 4, Concerned::Several).unwrap();
        assert!(
            permanent.contains("Cour de cassation sont susceptibles de justifier une interruption définitive de la mise à disposition des données (CGU de la Cour de cassation, art. XII)"),
            "{permanent}"
        );
        assert!(permanent.contains("(voir la section 4, « Conséquences »)"));
        // One breach (a corpus-level one, about the decisions of both): in the singular.
        assert_eq!(
            remedy_note(Penalty::Temporary, cc.union(ce), 3, Concerned::WholeBase).as_deref(),
            Some(
                "En tant qu'il concerne des décisions issues de l'open data de la Cour de \
                 cassation, ce manquement peut justifier une interruption temporaire de la mise à \
                 disposition des données jusqu'à sa résolution (CGU de la Cour de cassation, art. \
                 XII) ; en tant qu'il concerne d'autres décisions, ses conséquences sont celles \
                 que prévoient les conditions de réutilisation applicables à celles-ci (voir la \
                 section 3, « Conséquences »).\n\n"
            )
        );
        assert!(
            remedy_note(Penalty::Permanent, cc.union(ce), 3, Concerned::WholeBase)
                .unwrap()
                .contains("ce manquement est susceptible de justifier une interruption définitive")
        );
        // One breach of a record that matched no decision: whose it is, not known.
        assert_eq!(
            remedy_note(Penalty::Permanent, cc.union(ce), 5, Concerned::OneRecord).as_deref(),
            Some(
                "Si ce manquement concerne une décision issue de l'open data de la Cour de \
                 cassation, il est susceptible de justifier une interruption définitive de la mise \
                 à disposition des données (CGU de la Cour de cassation, art. XII) ; sinon, ses \
                 conséquences sont celles que prévoient les conditions de réutilisation \
                 applicables à la décision en cause (voir la section 5, « Conséquences »).\n\n"
            )
        );
        // Where the heading says it all, or the interruption answers none of the breaches, or
        // the findings carry no penalty: no note.
        assert_eq!(
            remedy_note(Penalty::Temporary, cc, 5, Concerned::Several),
            None
        );
        assert_eq!(
            remedy_note(Penalty::Temporary, ce.union(dila), 5, Concerned::Several),
            None
        );
        assert_eq!(
            remedy_note(Penalty::None, cc.union(ce), 5, Concerned::Several),
            None
        );
        // Nothing matched: the letter names both CGU, and so both remedies.
        let unknown = Regimes::of_producer(None);
        assert_eq!(unknown.resolved(Conditions::default()), cc.union(ce));
        // Some records matched: the unmatched ones stay unknown.
        let known = Conditions {
            ce: 1,
            ..Conditions::default()
        };
        assert_eq!(unknown.resolved(known), unknown);
    }

    // FRE003's 72 hours are the Cour de cassation's recommendation (CC V) only.
    #[test]
    fn the_72_hours_are_the_cour_de_cassation_s() {
        use Producer::*;
        let l = |producers: &[Producer]| {
            label(
                Rule::FRE003,
                Basis::of(Rule::FRE003, producers.iter().copied()),
                producers.is_empty() || producers.contains(&CourDeCassation),
            )
        };
        assert!(
            l(&[CourDeCassation])
                .ends_with("que recommandent les CGU de la Cour de cassation (art. V)")
        );
        assert_eq!(l(&[]), l(&[CourDeCassation]));
        assert!(l(&[CourDeCassation, Jade]).contains("recommandent pour ses décisions ; les autres conditions applicables ne fixent pas de délai"));
        // No decision of the Cour de cassation: its 72 hours are cited as its recommendation,
        // the obligation is the corpus's own conditions'.
        for p in [ConseilEtat, Legifrance] {
            assert_eq!(
                l(&[p]),
                "base non mise à jour depuis plus de 72 heures, délai maximal entre deux mises à \
                 jour que les CGU de la Cour de cassation (art. V) recommandent pour ses \
                 décisions ; les conditions applicables à vos décisions ne fixent pas de délai"
            );
        }
        assert_eq!(
            label(Rule::INT001, Basis::whole(Rule::INT001), false),
            french_label(Rule::INT001)
        );
    }

    #[test]
    fn markdown_is_neutralised() {
        assert_eq!(
            escape_markdown("# [clic](http://x) <b>\n## h"),
            "\\# \\[clic\\](http://x) \\<b\\>⏎\\#\\# h"
        );
        assert_eq!(escape_markdown("a_b*c`d"), "a\\_b\\*c\\`d");
    }

    #[test]
    fn thousands_are_grouped_by_a_narrow_no_break_space() {
        assert_eq!(number(0u64), "0");
        assert_eq!(number(999u64), "999");
        assert_eq!(number(1000u64), "1\u{202f}000");
        assert_eq!(number(2959u64), "2\u{202f}959");
        assert_eq!(number(123_456u64), "123\u{202f}456");
        assert_eq!(number(1_234_567u64), "1\u{202f}234\u{202f}567");
        assert_eq!(plural(1, "jour", "jours"), "1 jour");
        assert_eq!(plural(12_000, "jour", "jours"), "12\u{202f}000 jours");
    }

    #[test]
    fn freshness_dates_in_paris_time() {
        // 23:30 UTC on 10 November is 00:30 on the 11th in Paris; one hour, one record.
        let newest = |set_aside| {
            let at = "2026-11-10T23:30:00Z".parse().unwrap();
            Finding::new(Rule::FRE003, None, "m").with_fact(Fact::Newest(Box::new(Newest {
                at,
                shown: crate::ident::Moment::Instant(at),
                offset: None,
                age_secs: 3600,
                set_aside,
            })))
        };
        assert_eq!(
            freshness_dates(&newest(1)).as_deref(),
            Some(
                "dernière mise à jour de la base le 11 novembre 2026 à 0 h 30 (heure de Paris), \
                 1 heure avant la date de l'audit (1 enregistrement daté d'après la date de \
                 l'audit non pris en compte)"
            )
        );
        assert!(
            freshness_dates(&newest(0))
                .unwrap()
                .ends_with("1 heure avant la date de l'audit")
        );
        assert!(
            freshness_dates(&newest(3)).unwrap().ends_with(
                "(3 enregistrements datés d'après la date de l'audit non pris en compte)"
            )
        );
        // The message is not read: a finding without facts gives no dates.
        let f = Finding::new(
            Rule::FRE003,
            None,
            "the newest update in the corpus (2026-11-10 23:30 UTC) is 1 hours before the audit time",
        );
        assert_eq!(freshness_dates(&f), None);
        // The engine's own: a day alone is quoted as that day, with no time it does not give
        // (not "le 19 novembre 2026 à 00 h 00", the end of the 18th in Paris), and counted from
        // its end; 72 hours and a minute are not "72 heures".
        let as_of = "2026-11-22T12:00:00Z".parse().unwrap();
        let f = crate::rules::freshness::check_sync(
            Some((
                crate::ident::Moment::Date(jiff::civil::date(2026, 11, 18)),
                None,
            )),
            0,
            as_of,
        )
        .unwrap();
        assert_eq!(
            freshness_dates(&f).as_deref(),
            Some(
                "dernière mise à jour de la base le 18 novembre 2026, 85 heures avant la date de \
                 l'audit (à compter de la fin de cette journée)"
            )
        );
        let f = crate::rules::freshness::check_sync(
            crate::ident::parse_written_moment("2026-11-19T11:59:00Z"),
            0,
            as_of,
        )
        .unwrap();
        assert_eq!(
            freshness_dates(&f).as_deref(),
            Some(
                "dernière mise à jour de la base le 19 novembre 2026 à 12 h 59 (heure de Paris ; \
                 11 h 59 UTC dans votre base), 72 heures et 1 minute avant la date de l'audit"
            )
        );
        // FRE001 for a date after the audit: how far, in days for a day alone, in hours and
        // minutes for an instant less than three days ahead.
        let after = |shown| {
            Finding::new(Rule::FRE001, None, "m").with_fact(Fact::AfterAudit(Box::new(
                crate::model::AfterAudit {
                    shown,
                    offset: None,
                    as_of,
                },
            )))
        };
        assert_eq!(
            freshness_dates(&after(crate::ident::Moment::Date(jiff::civil::date(
                2099, 1, 1
            ))))
            .as_deref(),
            Some(
                "date de dernière mise à jour affichée le 1er janvier 2099, postérieure de \
                 26\u{202f}338 jours à la date de l'audit : une date à venir ne peut être celle de \
                 la dernière mise à jour"
            )
        );
        assert_eq!(
            freshness_dates(&after(crate::ident::Moment::Instant(
                "2026-11-23T13:30:00Z".parse().unwrap()
            )))
            .as_deref(),
            Some(
                "date de dernière mise à jour affichée le 23 novembre 2026 à 14 h 30 (heure de \
                 Paris), postérieure de 25 heures et 30 minutes à la date de l'audit : une date à \
                 venir ne peut être celle de la dernière mise à jour"
            )
        );
        let day = |rule| {
            Finding::new(rule, None, "m")
                .with_fact(Fact::SourceDay(Some(jiff::civil::date(2026, 7, 1))))
        };
        assert_eq!(
            freshness_dates(&day(Rule::FRE002)).as_deref(),
            Some(
                "décision mise à jour à la source le 1er juillet 2026, après le dernier \
                 chargement de l'enregistrement"
            )
        );
        let same_day = Finding::new(Rule::FRE002, None, "m")
            .with_fact(Fact::SameDayAsLoad(jiff::civil::date(2026, 7, 1)));
        assert_eq!(
            freshness_dates(&same_day).as_deref(),
            Some(
                "décision mise à jour à la source le 1er juillet 2026, le jour même du dernier \
                 chargement de l'enregistrement, sans heure qui dise lequel a précédé l'autre"
            )
        );
        assert_eq!(
            freshness_dates(&day(Rule::FRE004)).as_deref(),
            Some("décision retirée à la source le 1er juillet 2026")
        );
        // A deletion the history does not date, and a rule without dates.
        let f = Finding::new(Rule::FRE004, None, "m").with_fact(Fact::SourceDay(None));
        assert_eq!(freshness_dates(&f), None);
        assert_eq!(freshness_dates(&day(Rule::FRE001)), None);
    }

    #[test]
    fn identifier_kinds_in_french() {
        let f =
            Finding::new(Rule::MSK005, None, "m").with_fact(Fact::Identifier(IdentifierKind::Nir));
        assert_eq!(identifier_of(&f), Some("numéro de sécurité sociale (NIR)"));
        let f = Finding::new(
            Rule::MSK005,
            None,
            "a social security number is shown in clear",
        );
        assert_eq!(identifier_of(&f), None);
    }

    // The reference's date of decision is quoted as the letter writes dates; other values of
    // the source, and a date the reference does not give as an ISO date, as given.
    #[test]
    fn the_source_s_date_of_decision_is_quoted_in_french() {
        let plain = |s: String| typography(&s);
        assert_eq!(
            plain(reference_value("decision_date", "2023-10-19")),
            "19 octobre 2023"
        );
        assert_eq!(
            plain(reference_value("decision_date", "2023-11-01")),
            "1er novembre 2023"
        );
        assert_eq!(plain(reference_value("number", "2023-10-19")), "2023-10-19");
        assert_eq!(
            plain(reference_value("seat", "Cergy-Pontoise")),
            "Cergy-Pontoise"
        );
        assert_eq!(
            plain(reference_value("decision_date", "le 19/10/2023")),
            "le 19/10/2023"
        );
        // In an example line, for INT006 and for FRE002, which carries INT006's evidence.
        let report = Report {
            audit: AuditInfo::default(),
            summary: crate::report::Summary::of(&[]),
            findings: Vec::new(),
            files: vec!["c.jsonl".into()],
            waivers: Default::default(),
        };
        let rec = std::sync::Arc::new(crate::model::RecordRef {
            id: Some("r1".into()),
            line: 3,
            ..Default::default()
        });
        for rule in [Rule::INT006, Rule::FRE002] {
            let f =
                Finding::new(rule, Some(rec.clone()), "m").with_evidence(crate::model::Evidence {
                    field: "decision_date".into(),
                    excerpt: Some("24 octobre 2023".into()),
                    reference_excerpt: Some("2023-10-19".into()),
                    ..Default::default()
                });
            let (line, _) = example_line(&report, &f, false, None);
            let line = typography(&line);
            assert!(
                line.ends_with(
                    "— champ «\u{202f}decision\\_date\u{202f}» (date de la décision) — \
                     extrait\u{202f}: «\u{202f}24 \
                     octobre 2023\u{202f}» — source officielle\u{202f}: «\u{202f}19 octobre \
                     2023\u{202f}»"
                ),
                "{line}"
            );
        }
    }

    #[test]
    fn dates_in_french() {
        assert_eq!(french_date("2026-11-22T12:00:00Z"), "22 novembre 2026");
        // The day in Paris: a date-only `--as-of 2026-11-22` is stored as midnight there, the
        // 21st at 23:00 in UTC (UTC+1 in winter).
        assert_eq!(french_date("2026-11-21T23:00:00Z"), "22 novembre 2026");
        // Late evening in UTC is already the next day in Paris: 23:30 UTC is 01:30 on
        // 2 August (UTC+2 in summer), and 22:30 UTC on 31 December is 23:30 the same day.
        assert_eq!(french_date("2026-08-01T23:30:00Z"), "2 août 2026");
        assert_eq!(french_date("2026-07-31T22:30:00Z"), "1er août 2026");
        assert_eq!(french_date("2026-12-31T22:30:00Z"), "31 décembre 2026");
        // Not a time: quoted as given, outside French typography.
        assert_eq!(typography(&french_date("garbage :")), "garbage :");
    }
}
