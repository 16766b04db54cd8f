//! The basis a finding cites: of its rule's basis in the registry, the entries that apply to the
//! decision the finding is about. The conditions of reuse depend on who produced the decision
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

/// The entries of a rule's basis that a finding cites, in the registry's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    entries: &'static [&'static str],
    /// Bit `i` set: `entries[i]` is cited.
    cited: u8,
    /// Whether the entries cited are those that apply to a known producer; `false` when the
    /// whole basis is cited because none of it applies, or because the producer is not known.
    applies: bool,
}

impl Basis {
    /// The rule's whole basis, as the registry lists it.
    pub fn whole(rule: Rule) -> Basis {
        let entries = rule.info().basis;
        debug_assert!(entries.len() <= 8);
        Basis {
            entries,
            cited: (((1u16 << entries.len()) - 1) & 0xff) as u8,
            applies: false,
        }
    }

    /// The entries of the rule's basis that apply to the decisions of any of `producers`: for
    /// a record, the producer of its reference decision; for the corpus as a whole, every
    /// producer of the corpus. The whole basis when no producer is known, or when nothing of it
    /// applies to them (a rule never cites an empty basis when it has one).
    pub fn of<I>(rule: Rule, producers: I) -> Basis
    where
        I: IntoIterator<Item = Producer>,
        I::IntoIter: Clone,
    {
        let whole = Basis::whole(rule);
        let producers = producers.into_iter();
        let mut cited = 0u8;
        for (i, entry) in whole.entries.iter().enumerate() {
            let source = Source::of(entry);
            if producers.clone().any(|p| source.applies_to(p)) {
                cited |= 1 << i;
            }
        }
        if cited == 0 {
            return whole;
        }
        Basis {
            cited,
            applies: true,
            ..whole
        }
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

    pub fn len(self) -> usize {
        self.cited.count_ones() as usize
    }

    pub fn contains(self, entry: &str) -> bool {
        self.iter().any(|e| e == entry)
    }

    /// Whether the entries cited are those that apply to the decision's producer (or the
    /// corpus's), rather than the whole basis for want of any that does.
    pub fn applies(self) -> bool {
        self.applies
    }

    /// The entries either cites, of two bases of the same rule: what a group of findings cites.
    pub fn union(self, other: Basis) -> Basis {
        debug_assert_eq!(self.entries, other.entries);
        Basis {
            cited: self.cited | other.cited,
            applies: self.applies && other.applies,
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
        assert!(b.applies());
        // Several producers (the corpus): what applies to any of them.
        assert_eq!(
            cited(Rule::MSK002, &[Legifrance, ConseilEtat]),
            ["CE X", "COJ R.111-13", "CJA R.741-15"]
        );
    }

    #[test]
    fn the_whole_basis_when_nothing_applies_or_nobody_is_known() {
        // INT004 (CE V) on a Légifrance decision: none of it applies.
        let b = Basis::of(Rule::INT004, Some(Legifrance));
        assert_eq!(b.iter().collect::<Vec<_>>(), ["CE V"]);
        assert!(!b.applies());
        // FRE002 (CC V, CC XII, CE V, CE XII) likewise.
        assert_eq!(
            cited(Rule::FRE002, &[Legifrance]),
            ["CC V", "CC XII", "CE V", "CE XII"]
        );
        // No producer known: the whole basis.
        let b = Basis::of(Rule::MSK001, None);
        assert_eq!(b, Basis::whole(Rule::MSK001));
        assert!(!b.applies());
        assert_eq!(b.len(), 5);
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
