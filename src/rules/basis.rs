//! The basis a finding cites: of its rule's basis in the registry, the entries that apply to the
//! decision the finding is about, or, when none does, the articles of that decision's own
//! conditions that carry the same obligation ([`own_articles`]); FRE003 always cites CC V, whose
//! 72 hours it applies, beside them ([`always_cited`]). The conditions of reuse depend on who produced the decision
//! (SPEC §1.1): the Cour de cassation's CGU and the code of judicial organisation for Judilibre,
//! the Conseil d'État's CGU and the code of administrative justice for the administrative open
//! data and JADE, the DILA notice and the code of judicial organisation for Légifrance's judicial
//! bases; general law (CRPA, code pénal) for all. Every export (JSON, JSON Lines, CSV, the
//! terminal UI, the formal notice) cites a finding's basis through [`Basis`], via
//! [`crate::report::Report::basis`].

use super::Rule;
use crate::model::Producer;
use serde::Serialize;

/// Whose text a basis entry is, told by its prefix (`CC V`, `CE X`, `DILA`, `COJ L.111-13`,
/// `CJA L.10`, `CRPA L.322-1`, `code pénal 226-18`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The Cour de cassation's CGU.
    CcCgu,
    /// The Conseil d'État's CGU.
    CeCgu,
    /// The DILA notice on the reuse of Légifrance's data.
    Dila,
    /// The code of judicial organisation.
    Coj,
    /// The code of administrative justice.
    Cja,
    /// General law, which applies to every decision (CRPA, code pénal).
    General,
}

impl Source {
    pub fn of(entry: &str) -> Source {
        match entry.split_once(' ').map_or(entry, |(prefix, _)| prefix) {
            "CC" => Source::CcCgu,
            "CE" => Source::CeCgu,
            "DILA" => Source::Dila,
            "COJ" => Source::Coj,
            "CJA" => Source::Cja,
            _ => Source::General,
        }
    }

    /// Whether the text applies to the decisions `p` produces.
    pub fn applies_to(self, p: Producer) -> bool {
        match self {
            Source::CcCgu => p == Producer::CourDeCassation,
            Source::CeCgu | Source::Cja => p.is_administrative(),
            Source::Dila => p == Producer::Legifrance,
            Source::Coj => matches!(p, Producer::CourDeCassation | Producer::Legifrance),
            Source::General => true,
        }
    }
}

/// The articles a rule cites on the decisions of a producer to which none of its basis in the
/// registry (SPEC §2) applies: the producer's own articles carrying the same obligation. A
/// reuser of a Judilibre decision never accepted the Conseil d'État's CGU, nor a reuser of
/// Légifrance's data the Cour de cassation's: citing them would found the breach on a text
/// that does not bind the reuser. Each choice is justified from the seeds (000: Cour de
/// cassation CGU; 001: Conseil d'État CGU; the DILA notice) below. `None` when some of the
/// basis applies to `p`, or the rule has no basis.
pub fn own_articles(rule: Rule, p: Producer) -> Option<&'static [&'static str]> {
    use Producer::*;
    let admin = p.is_administrative();
    Some(match rule {
        // Commentary inserted, text cut, an excerpt without access to the whole decision (SPEC:
        // CE V, DILA; CE V for INT004). For a Judilibre decision, CC V: « L'interdiction
        // d'altérer les données : le réutilisateur s'engage à ne pas falsifier ni fausser les
        // données et plus généralement à préserver l'intégrité des données réutilisées », and
        // « la réutilisation ne doit pas induire en erreur des tiers quant au contenu de
        // l'information ».
        Rule::INT002 | Rule::INT003 | Rule::INT004 if p == CourDeCassation => &["CC V"],
        // An excerpt on Légifrance: the DILA notice asks « de respecter l'intégrité des données
        // … (… coupes altérant le sens de l'acte) de nature à induire le lecteur en erreur »;
        // and L. 322-1 of the CRPA, which applies to the reuse of judicial decisions through
        // L. 111-13 of the COJ (CC V), that their « sens ne soit pas dénaturé ».
        Rule::INT004 if p == Legifrance => &["DILA", "CRPA L.322-1"],
        // Another producer credited (SPEC: CC V, CE V). On Légifrance: the DILA notice, « indiquer
        // la source des données rediffusées », and L. 322-1 of the CRPA, « que leurs sources …
        // soient mentionnées ».
        Rule::ATT002 if p == Legifrance => &["DILA", "CRPA L.322-1"],
        // A correction missed (SPEC: CC V, CC XII, CE V, CE XII). On Légifrance: the DILA notice,
        // integrity and « la date de leur dernière mise à jour », and L. 322-1 of the CRPA, that
        // the data « ne soient pas altérées » and the date of their last update be mentioned.
        Rule::FRE002 if p == Legifrance => &["DILA", "CRPA L.322-1"],
        // The corpus not updated for a while (SPEC: CC V, whose 72 hours are the Cour de
        // cassation's recommendation only, and stay cited: see [`always_cited`]). Beside it,
        // for the Conseil d'État's decisions, CE V: « il a également l'obligation … de tenir à
        // jour ces données »; for Légifrance's, the DILA notice: « indiquer … la date de leur
        // dernière mise à jour ».
        Rule::FRE003 if admin => &["CE V"],
        Rule::FRE003 if p == Legifrance => &["DILA"],
        // A decision withdrawn at source still published (SPEC: CC IV, CC V). For the Conseil
        // d'État's decisions, CE IV (« Le Conseil d'Etat se réserve le droit de modifier, de
        // supprimer ou de corriger, à tout moment … toute donnée ») and CE V (the duty to keep
        // the data up to date); for Légifrance's, the DILA notice, which binds the licence to
        // the reliability of the data reused and to « la date de leur dernière mise à jour ».
        Rule::FRE004 if admin => &["CE IV", "CE V"],
        Rule::FRE004 if p == Legifrance => &["DILA"],
        // A provisional occultation, an identifier in clear (SPEC: CC IX, CE IX; CC VII, CC IX,
        // CE VII). On Légifrance's judicial decisions: L. 111-13 of the COJ, whose 2nd paragraph
        // has the names of parties and third parties occulted before publication and whose 1st
        // makes L. 321-1 to L. 326-1 of the CRPA apply to their reuse, L. 322-2 among them (reuse
        // of personal data subject to the loi du 6 janvier 1978, CC VII).
        Rule::MSK003 | Rule::MSK005 if p == Legifrance => &["COJ L.111-13"],
        _ => return None,
    })
}

/// Whether `entry` of `rule`'s registry basis is cited whoever the producer: FRE003's CC V.
/// FRE003 fires on a figure, the 72 hours between two updates that CC V recommends (« Il est
/// recommandé au réutilisateur de ne pas excéder un délai de 72 (soixante-douze) heures entre
/// deux mises à jour de sa base de données »), and its message says so; no other producer's
/// conditions set one (CE V and the DILA notice require the data to be kept up to date, and
/// dated, without a delay). A basis without CC V would found the figure on nothing. The
/// producers' own obligations ([`own_articles`]) are cited beside it, not instead of it.
pub fn always_cited(rule: Rule, entry: &str) -> bool {
    rule == Rule::FRE003 && entry == "CC V"
}

/// The article of the CGU (its number, `X`) under which the formal notice files a rule's
/// findings when their basis cites it, before the first the registry lists. MSK001, an
/// occultation lifted, cites CC VII (data protection in general) before CC X, but CC X and CE X
/// are the clause on point: « Le réutilisateur ne peut modifier la pseudonymisation d'une
/// décision de justice de sa propre initiative, que ce soit pour lever des occultations ou en
/// ajouter ». Filed under X for every producer, the finding reads the same whoever produced the
/// decision; the basis cited, in every export, is unchanged.
pub fn filed_under(rule: Rule) -> Option<&'static str> {
    match rule {
        Rule::MSK001 => Some("X"),
        _ => None,
    }
}

/// Every entry a rule may cite: its basis in the registry (SPEC §2), in that order, then the
/// producers' own articles ([`own_articles`]) not already in it. A [`Basis`] is a subset of it.
pub fn citable(rule: Rule) -> &'static [&'static str] {
    match rule {
        Rule::INT002 | Rule::INT003 => &["CE V", "DILA", "CC V"],
        Rule::INT004 => &["CE V", "CC V", "DILA", "CRPA L.322-1"],
        Rule::ATT002 => &["CC V", "CE V", "DILA", "CRPA L.322-1"],
        Rule::FRE002 => &["CC V", "CC XII", "CE V", "CE XII", "DILA", "CRPA L.322-1"],
        Rule::FRE003 => &["CC V", "CE V", "DILA"],
        Rule::FRE004 => &["CC IV", "CC V", "CE IV", "CE V", "DILA"],
        Rule::MSK003 => &["CC IX", "CE IX", "COJ L.111-13"],
        Rule::MSK005 => &["CC VII", "CC IX", "CE VII", "COJ L.111-13"],
        _ => rule.info().basis,
    }
}

/// The entries a finding cites: of its rule's basis in the registry, those that apply to the
/// decision's producer, or the producer's own articles when none does ([`own_articles`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    /// [`citable`] of the rule.
    entries: &'static [&'static str],
    /// Bit `i` set: `entries[i]` is cited.
    cited: u8,
}

impl Basis {
    /// The rule's whole basis, as the registry lists it.
    pub fn whole(rule: Rule) -> Basis {
        let entries = citable(rule);
        let n = rule.info().basis.len();
        debug_assert!(entries.len() <= 8 && entries[..n] == *rule.info().basis);
        Basis {
            entries,
            cited: (((1u16 << n) - 1) & 0xff) as u8,
        }
    }

    /// What a finding on a decision of any of `producers` cites: for a record, the producer of
    /// its reference decision; for the corpus as a whole, every producer of the corpus. For
    /// each producer, the entries of the rule's basis that apply to it or, when none does, its
    /// own articles ([`own_articles`]); and the entries cited whoever the producer
    /// ([`always_cited`]). The whole basis when no producer is known.
    pub fn of<I>(rule: Rule, producers: I) -> Basis
    where
        I: IntoIterator<Item = Producer>,
    {
        let whole = Basis::whole(rule);
        let n = rule.info().basis.len();
        let mut cited = 0u8;
        let mut any = false;
        for p in producers {
            any = true;
            let mut of_p = 0u8;
            for (i, entry) in whole.entries[..n].iter().enumerate() {
                if Source::of(entry).applies_to(p) {
                    of_p |= 1 << i;
                }
            }
            if of_p == 0
                && let Some(own) = own_articles(rule, p)
            {
                for (i, entry) in whole.entries.iter().enumerate() {
                    if own.contains(entry) {
                        of_p |= 1 << i;
                    }
                }
            }
            cited |= of_p;
        }
        if !any {
            return whole;
        }
        // What the rule cites whatever the producer (FRE003's CC V), once.
        for (i, entry) in whole.entries[..n].iter().enumerate() {
            if always_cited(rule, entry) {
                cited |= 1 << i;
            }
        }
        Basis { cited, ..whole }
    }

    /// The entries cited, in the registry's order.
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        self.entries
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.cited & (1 << i) != 0)
            .map(|(_, e)| *e)
    }

    pub fn is_empty(self) -> bool {
        self.cited == 0
    }

    pub fn contains(self, entry: &str) -> bool {
        self.iter().any(|e| e == entry)
    }

    /// The entries either cites, of two bases of the same rule: what a group of findings cites.
    pub fn union(self, other: Basis) -> Basis {
        debug_assert_eq!(self.entries, other.entries);
        Basis {
            cited: self.cited | other.cited,
            ..self
        }
    }

    /// The entries joined by `sep`.
    pub fn join(self, sep: &str) -> String {
        self.iter().collect::<Vec<_>>().join(sep)
    }
}

/// A JSON array of the entries cited.
impl Serialize for Basis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Producer::*;

    fn cited(rule: Rule, producers: &[Producer]) -> Vec<&'static str> {
        Basis::of(rule, producers.iter().copied()).iter().collect()
    }

    #[test]
    fn every_basis_fits_and_every_entry_is_placed() {
        for &rule in Rule::ALL {
            let basis = rule.info().basis;
            assert!(basis.len() <= 8, "{rule}");
            assert_eq!(Basis::whole(rule).iter().collect::<Vec<_>>(), basis);
        }
        assert_eq!(Source::of("CC XII"), Source::CcCgu);
        assert_eq!(Source::of("CE V"), Source::CeCgu);
        assert_eq!(Source::of("DILA"), Source::Dila);
        assert_eq!(Source::of("COJ R.111-13"), Source::Coj);
        assert_eq!(Source::of("CJA R.741-15"), Source::Cja);
        assert_eq!(Source::of("CRPA L.322-1"), Source::General);
        assert_eq!(Source::of("code pénal 226-18"), Source::General);
    }

    // Worked out from the registry's bases (SPEC §2) and SPEC §1.1.
    #[test]
    fn each_producer_gets_its_conditions_and_general_law() {
        // MSK001: COJ L.111-13, CJA L.10, CC VII, CC X, CE X.
        assert_eq!(
            cited(Rule::MSK001, &[CourDeCassation]),
            ["COJ L.111-13", "CC VII", "CC X"]
        );
        assert_eq!(cited(Rule::MSK001, &[ConseilEtat]), ["CJA L.10", "CE X"]);
        assert_eq!(cited(Rule::MSK001, &[Jade]), ["CJA L.10", "CE X"]);
        assert_eq!(cited(Rule::MSK001, &[Legifrance]), ["COJ L.111-13"]);
        // INT001: CC V, CE V, DILA, CRPA L.322-1.
        assert_eq!(cited(Rule::INT001, &[Legifrance]), ["DILA", "CRPA L.322-1"]);
        assert_eq!(
            cited(Rule::INT001, &[CourDeCassation]),
            ["CC V", "CRPA L.322-1"]
        );
        // PRF002: CC VI, CE VI, COJ L.111-13, code pénal 226-18.
        assert_eq!(
            cited(Rule::PRF002, &[ConseilEtat]),
            ["CE VI", "code pénal 226-18"]
        );
        // General law alone is enough to cite: INT006 (CC V, CE V, CRPA L.322-1) on Légifrance.
        let b = Basis::of(Rule::INT006, Some(Legifrance));
        assert_eq!(b.iter().collect::<Vec<_>>(), ["CRPA L.322-1"]);
        // Several producers (the corpus): what applies to any of them.
        assert_eq!(
            cited(Rule::MSK002, &[Legifrance, ConseilEtat]),
            ["CE X", "COJ R.111-13", "CJA R.741-15"]
        );
    }

    // Worked out by hand from the registry's bases (SPEC §2), SPEC §1.1 and `own_articles`.
    #[test]
    fn a_producer_none_of_whose_basis_applies_gets_its_own_articles() {
        // INT002, INT003 (CE V, DILA) and INT004 (CE V) on a Judilibre decision: CC V.
        for rule in [Rule::INT002, Rule::INT003, Rule::INT004] {
            let b = Basis::of(rule, Some(CourDeCassation));
            assert_eq!(b.iter().collect::<Vec<_>>(), ["CC V"], "{rule}");
        }
        // What applies is unchanged: INT002 on Légifrance and on the Conseil d'État's.
        assert_eq!(cited(Rule::INT002, &[Legifrance]), ["DILA"]);
        assert_eq!(cited(Rule::INT002, &[Jade]), ["CE V"]);
        // On Légifrance: the DILA notice and L. 322-1 of the CRPA.
        for rule in [Rule::INT004, Rule::ATT002, Rule::FRE002] {
            assert_eq!(
                cited(rule, &[Legifrance]),
                ["DILA", "CRPA L.322-1"],
                "{rule}"
            );
        }
        assert_eq!(cited(Rule::FRE004, &[Legifrance]), ["DILA"]);
        // FRE004 (CC IV, CC V) on an administrative decision: CE IV and CE V.
        assert_eq!(cited(Rule::FRE004, &[ConseilEtat]), ["CE IV", "CE V"]);
        assert_eq!(cited(Rule::FRE004, &[CourDeCassation]), ["CC IV", "CC V"]);
        // MSK003 (CC IX, CE IX) and MSK005 (CC VII, CC IX, CE VII) on Légifrance: the COJ.
        assert_eq!(cited(Rule::MSK003, &[Legifrance]), ["COJ L.111-13"]);
        assert_eq!(cited(Rule::MSK005, &[Legifrance]), ["COJ L.111-13"]);
        assert_eq!(cited(Rule::MSK005, &[ConseilEtat]), ["CE VII"]);
        // FRE003 (CC V), the corpus's: CC V, whose 72 hours the rule applies and its message
        // quotes, whoever the producers (SPEC §2), and beside it each other producer's own
        // obligation to keep its data up to date.
        assert_eq!(cited(Rule::FRE003, &[ConseilEtat]), ["CC V", "CE V"]);
        assert_eq!(cited(Rule::FRE003, &[Legifrance]), ["CC V", "DILA"]);
        assert_eq!(
            cited(Rule::FRE003, &[Legifrance, ConseilEtat]),
            ["CC V", "CE V", "DILA"]
        );
        assert_eq!(cited(Rule::FRE003, &[CourDeCassation]), ["CC V"]);
        assert_eq!(cited(Rule::FRE003, &[Jade]), ["CC V", "CE V"]);
        assert_eq!(
            cited(Rule::FRE003, &[CourDeCassation, Legifrance]),
            ["CC V", "DILA"]
        );
        assert_eq!(
            cited(Rule::FRE003, &[Legifrance, ConseilEtat, CourDeCassation]),
            ["CC V", "CE V", "DILA"]
        );
        // ATT002 on a corpus of Judilibre and Légifrance decisions.
        assert_eq!(
            cited(Rule::ATT002, &[CourDeCassation, Legifrance]),
            ["CC V", "DILA", "CRPA L.322-1"]
        );
    }

    #[test]
    fn every_producer_is_cited_only_what_binds_it_and_never_nothing() {
        for &rule in Rule::ALL {
            let spec = rule.info().basis;
            let citable = citable(rule);
            assert!(citable.len() <= 8, "{rule}");
            assert_eq!(&citable[..spec.len()], spec, "{rule}");
            for p in [CourDeCassation, Legifrance, ConseilEtat, Jade] {
                // FRE005 is the Conseil d'État's own obligation (CE V): it fires on nothing else.
                if rule == Rule::FRE005 && !p.is_administrative() {
                    continue;
                }
                let b = Basis::of(rule, Some(p));
                assert_eq!(b.is_empty(), spec.is_empty(), "{rule} {p:?}");
                for e in b.iter() {
                    assert!(
                        Source::of(e).applies_to(p) || always_cited(rule, e),
                        "{rule} {p:?} cites {e}"
                    );
                }
                // Own articles only where none of the registry's applies.
                let spec_applies = spec.iter().any(|e| Source::of(e).applies_to(p));
                assert_eq!(
                    own_articles(rule, p).is_some(),
                    !spec.is_empty() && !spec_applies,
                    "{rule} {p:?}"
                );
                // The own articles, and beside them what is cited whoever the producer.
                if let Some(own) = own_articles(rule, p) {
                    let want: Vec<&str> = citable
                        .iter()
                        .copied()
                        .filter(|e| own.contains(e) || always_cited(rule, e))
                        .collect();
                    assert_eq!(b.iter().collect::<Vec<_>>(), want, "{rule} {p:?}");
                }
            }
            // Every own article is citable and has a text.
            for p in [CourDeCassation, Legifrance, ConseilEtat, Jade] {
                for e in own_articles(rule, p).unwrap_or_default() {
                    assert!(citable.contains(e), "{rule}: {e}");
                    assert!(super::super::article_text(e).is_some(), "{e}");
                }
            }
        }
    }

    #[test]
    fn the_whole_basis_when_nobody_is_known() {
        let b = Basis::of(Rule::MSK001, None);
        assert_eq!(b, Basis::whole(Rule::MSK001));
        assert_eq!(b.iter().count(), 5);
        // FRE004 on an unmatched record: CC IV, CC V, not the own articles.
        assert_eq!(
            Basis::of(Rule::FRE004, None).iter().collect::<Vec<_>>(),
            ["CC IV", "CC V"]
        );
        // A rule without basis cites none, whoever the producer.
        assert!(Basis::of(Rule::INT007, Some(CourDeCassation)).is_empty());
        assert!(Basis::of(Rule::IN001, None).is_empty());
    }

    #[test]
    fn serialised_and_joined_in_the_registry_order() {
        let b = Basis::of(Rule::ATT001, Some(Legifrance));
        assert_eq!(
            serde_json::to_string(&b).unwrap(),
            r#"["DILA","CRPA L.322-1"]"#
        );
        assert_eq!(b.join("; "), "DILA; CRPA L.322-1");
        assert!(b.contains("DILA") && !b.contains("CC V"));
        assert_eq!(
            serde_json::to_string(&Basis::whole(Rule::IN002)).unwrap(),
            "[]"
        );
    }
}
