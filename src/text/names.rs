//! The detector of natural persons' names in clear (MSK004): parties and third parties, told
//! apart from magistrates, clerks, lawyers and other professionals acting as such.
//!
//! How it works, in one pass over the text driven by an Aho-Corasick automaton:
//! - candidates are the names after a civility (`M.`, `Mme`, `Monsieur`, `MM.`…) and the names in
//!   a party position without civility (`les époux X`, `épouse X`, `veuve X`, `la succession de
//!   X`, `X, demeurant`, `X, domicilié`, `X, né le`); after a word of the operative part or of
//!   the narrative that a party follows (`Condamne`, `Déboute`, `entre`, `a épousé`), only a
//!   common first name and a surname (`Condamne Karim Haddad`), since bodies, lawyers and
//!   pronouns follow those words too;
//! - a candidate is a professional when a role follows it, directly or at the end of an
//!   enumeration (`M. Bonnal, président, Mme Labrousse, conseiller`, `MM. Pons, Choquet,
//!   conseillers référendaires`), when a role or a phrase that introduces the court precedes it
//!   (`Sur le rapport de`, `où étaient présents`, `Greffier :`), when the source's metadata names
//!   them, or when the same surname was a professional elsewhere in the decision;
//! - markers (`[K]`, `O...`, `C... A...`) are never names.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// How a name was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameContext {
    /// After a civility (`M.`, `Mme`, `Monsieur`…).
    Civility,
    /// In a party position without civility (`X, demeurant…`, `les époux X`, `épouse X`…).
    PartyPosition,
}

/// One name in clear; `start..end` are byte offsets of the name itself (civility excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    pub start: usize,
    pub end: usize,
    pub context: NameContext,
}

/// What a trigger of the automaton announces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Trigger {
    /// A civility; `plural` for `MM.`, `Mmes`, `Messieurs`, `Mesdames`.
    Civility { plural: bool },
    /// A party position whose name follows: `époux`, `épouse`, `veuve`, `succession de`.
    Before,
    /// A person's part in the case, whose name follows, after a comma or not: `la victime, Léa
    /// Martin,`, `le témoin Paul Girard`.
    PartInCase,
    /// A party position whose name precedes: `demeurant`, `domicilié`, `né`.
    After,
    /// `né le`, `née à`…: the name precedes.
    Born,
    /// A word of the operative part or of the narrative that a party follows without civility
    /// (`Condamne`, `débouté`, `entre`, `a épousé`): a name follows only when it opens with a
    /// common first name ([`FIRST_NAMES`]) and has a surname after it (`Condamne Karim Haddad
    /// aux dépens`), never a body, a lawyer or a pronoun (`Condamne la société Axa`, `Déboute
    /// Me Dupont`, `entre les parties`).
    Lead,
}

const PATTERNS: &[(&str, Trigger)] = &[
    ("Mmes", Trigger::Civility { plural: true }),
    ("Mme.", Trigger::Civility { plural: false }),
    ("Mme", Trigger::Civility { plural: false }),
    ("MME", Trigger::Civility { plural: false }),
    ("Mlles", Trigger::Civility { plural: true }),
    ("Mlle", Trigger::Civility { plural: false }),
    ("Melle", Trigger::Civility { plural: false }),
    ("MM.", Trigger::Civility { plural: true }),
    ("M.", Trigger::Civility { plural: false }),
    ("Mr.", Trigger::Civility { plural: false }),
    ("Mr", Trigger::Civility { plural: false }),
    ("Monsieur", Trigger::Civility { plural: false }),
    ("MONSIEUR", Trigger::Civility { plural: false }),
    ("Madame", Trigger::Civility { plural: false }),
    ("MADAME", Trigger::Civility { plural: false }),
    ("Mademoiselle", Trigger::Civility { plural: false }),
    ("MADEMOISELLE", Trigger::Civility { plural: false }),
    ("Messieurs", Trigger::Civility { plural: true }),
    ("Mesdames", Trigger::Civility { plural: true }),
    ("époux", Trigger::Before),
    ("épouse", Trigger::Before),
    ("veuve", Trigger::Before),
    ("succession de", Trigger::Before),
    ("consorts", Trigger::Before),
    ("victime", Trigger::PartInCase),
    ("témoin", Trigger::PartInCase),
    ("plaignante", Trigger::PartInCase),
    ("plaignant", Trigger::PartInCase),
    // The middles of `prévenu(e)`, `salarié(e)`, `locataire`, `défunt(e)` and `partie civile`,
    // whose first bytes open common words (`prévu`, `salaire`, `[Localité 1]`, `défaut`,
    // `partie`) that the search would stop at in vain; a feminine `e` is read after them (see
    // [`part_word`]), so that each is one pattern: every pattern more makes the search stop
    // more often.
    ("évenu", Trigger::PartInCase),
    ("alarié", Trigger::PartInCase),
    ("cataire", Trigger::PartInCase),
    ("éfunt", Trigger::PartInCase),
    ("ie civile", Trigger::PartInCase),
    ("demeurant", Trigger::After),
    ("domicilié", Trigger::After),
    ("né le ", Trigger::Born),
    ("née le ", Trigger::Born),
    ("né à ", Trigger::Born),
    ("née à ", Trigger::Born),
    ("né(e) le ", Trigger::Born),
    ("né(e) à ", Trigger::Born),
    ("nés le ", Trigger::Born),
    ("nées le ", Trigger::Born),
    // The middles of `Condamne`, `condamné(e)(s)`, `Déboute`, `débouté(e)(s)` (see
    // [`lead_word`]).
    ("ndamn", Trigger::Lead),
    ("ébout", Trigger::Lead),
    ("entre ", Trigger::Lead),
    ("épousé ", Trigger::Lead),
    // The middles of the parties' roles in a lawsuit or a contract: `demandeur`, `défendeur`,
    // `vendeur` (`ndeur`), their feminines (`demanderesse`: `eresse`), `acquéreur(se)`,
    // `requérant(e)`, `dénommé(e)`; found by their middles for the same reason as above, and
    // read as parts in the case only after a determiner (`le demandeur, Jean-Pierre Lemaire,`,
    // `l'acquéreur Paul Girard`), never in `demandeur au pourvoi`. Which middles, and where in
    // this list, was measured: Teddy shares its buckets among the patterns, and `appelant` or
    // `intimé` (`pelant`, `ntimé`), or `deresse` for the feminines, made the whole search stop
    // in vain far more often (the name detector a fifth slower, against about an eighth). With
    // these 33 patterns [`PARTY_AC`]'s Teddy has 16 buckets; keeping to 32 (one middle `quér`
    // for `acquéreur` and `requérant`) keeps its 8 buckets, which then stop in vain so often
    // that the detector was slower still.
    ("ndeur", Trigger::PartInCase),
    ("eresse", Trigger::PartInCase),
    ("cquéreu", Trigger::PartInCase),
    ("equérant", Trigger::PartInCase),
    ("énommé", Trigger::PartInCase),
];

/// The civilities come first in [`PATTERNS`] and all start with `M`; no other trigger does.
const CIVILITIES: usize = 19;

/// The party-position triggers (`PATTERNS[CIVILITIES..]`), searched apart from the civilities:
/// they are all at least 5 bytes long, so Teddy fingerprints their first 4 bytes and seldom
/// stops in vain, where one automaton holding `M.` too could only use 2 bytes (`de`, `co`, `né`
/// stop it everywhere in French). Pattern `i` of this automaton is `PATTERNS[CIVILITIES + i]`.
static PARTY_AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(PATTERNS[CIVILITIES..].iter().map(|p| p.0))
        .expect("name triggers compile")
});

/// For each byte, the civilities of [`PATTERNS`] whose second byte it is, one bit each (bit `i`
/// for `PATTERNS[i]`): most `M`s open other words, which their second byte tells at once.
const CIVILITY_BY_SECOND: [u32; 256] = {
    assert!(CIVILITIES <= 32);
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < CIVILITIES {
        table[PATTERNS[i].0.as_bytes()[1] as usize] |= 1 << i;
        i += 1;
    }
    table
};

/// The first eight bytes of each civility of [`PATTERNS`], little-endian, and the mask of
/// those it has: a civility of eight bytes or fewer is at the start of a text whose first
/// eight bytes `w` hold when `w & mask == head`.
const CIVILITY_HEADS: [(u64, u64); CIVILITIES] = {
    let mut heads = [(0u64, 0u64); CIVILITIES];
    let mut i = 0;
    while i < CIVILITIES {
        let p = PATTERNS[i].0.as_bytes();
        let mut k = 0;
        while k < p.len() && k < 8 {
            heads[i].0 |= (p[k] as u64) << (8 * k);
            heads[i].1 |= 0xff << (8 * k);
            k += 1;
        }
        i += 1;
    }
    heads
};

/// The civility of [`PATTERNS`] that `s` starts with: the first in the list's order, as a
/// leftmost-first search would choose it (`Mmes` before `Mme`). Returns its index and length.
fn civility_prefix(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'M') || b.len() < 2 {
        return None;
    }
    // Every civility has at least 2 bytes: those whose second byte is `s`'s, in the list's
    // order (lowest bit first), each compared on `s`'s first eight bytes at once.
    let mut set = CIVILITY_BY_SECOND[usize::from(b[1])];
    if set == 0 {
        return None;
    }
    let mut head = [0u8; 8];
    let n = b.len().min(8);
    head[..n].copy_from_slice(&b[..n]);
    let w = u64::from_le_bytes(head);
    while set != 0 {
        let i = set.trailing_zeros() as usize;
        let p = PATTERNS[i].0.as_bytes();
        let (h, mask) = CIVILITY_HEADS[i];
        if w & mask == h && b.len() >= p.len() && (p.len() <= 8 || has_prefix(b, p)) {
            return Some((i, p.len()));
        }
        set &= set - 1;
    }
    None
}

/// Whether `b` starts with `p`, a short pattern: a byte loop, inlined, where `starts_with`
/// calls `memcmp`.
#[inline]
fn has_prefix(b: &[u8], p: &[u8]) -> bool {
    b.len() >= p.len() && b.iter().zip(p).all(|(x, y)| x == y)
}

/// A trigger found in the text: `start..end` and its index in [`PATTERNS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct TriggerMatch {
    start: usize,
    end: usize,
    pattern: usize,
}

/// The triggers of a text, each the leftmost-first match of [`PATTERNS`] from a given
/// position, exactly as one Aho-Corasick automaton of all of them would find it. The
/// civilities are found by a `memchr` for `M` and a check; the party positions by
/// [`PARTY_AC`]. Since no party trigger starts with `M`, the two never start at the same
/// place, and the leftmost of the two is the answer. Each kind's next match is kept while the
/// positions asked for do not pass it, so that the text is scanned once per kind, however the
/// two kinds interleave.
struct Triggers<'a> {
    text: &'a str,
    civility: Slot,
    party: Slot,
}

/// The next match of one kind found from `from`; valid for any later position up to its start.
#[derive(Clone, Copy)]
struct Slot {
    from: usize,
    found: Option<TriggerMatch>,
}

impl Slot {
    const EMPTY: Slot = Slot {
        from: usize::MAX,
        found: None,
    };

    fn valid_at(&self, pos: usize) -> bool {
        pos >= self.from && self.found.is_none_or(|m| m.start >= pos)
    }
}

impl<'a> Triggers<'a> {
    fn new(text: &'a str) -> Self {
        Triggers {
            text,
            civility: Slot::EMPTY,
            party: Slot::EMPTY,
        }
    }

    /// The leftmost-first trigger starting at or after `pos` (and ending by the end of text).
    fn find(&mut self, pos: usize) -> Option<TriggerMatch> {
        if !self.civility.valid_at(pos) {
            self.civility = Slot {
                from: pos,
                found: self.next_civility(pos),
            };
        }
        if !self.party.valid_at(pos) {
            self.party = Slot {
                from: pos,
                found: self.next_party(pos),
            };
        }
        match (self.civility.found, self.party.found) {
            (Some(c), Some(p)) => Some(if c.start < p.start { c } else { p }),
            (c, p) => c.or(p),
        }
    }

    fn next_civility(&self, pos: usize) -> Option<TriggerMatch> {
        let bytes = self.text.as_bytes();
        memchr::memchr_iter(b'M', &bytes[pos..]).find_map(|i| {
            let start = pos + i;
            // `M` is ASCII: `start` is a char boundary.
            civility_prefix(&self.text[start..]).map(|(pattern, len)| TriggerMatch {
                start,
                end: start + len,
                pattern,
            })
        })
    }

    fn next_party(&self, pos: usize) -> Option<TriggerMatch> {
        let input = aho_corasick::Input::new(self.text).span(pos..self.text.len());
        PARTY_AC.find(input).map(|m| TriggerMatch {
            start: m.start(),
            end: m.end(),
            pattern: CIVILITIES + m.pattern().as_usize(),
        })
    }
}

/// Words that, after a name, say the person acts as a professional (folded: lower case, no
/// accents). Some need a check of what follows: see [`role_at`].
const ROLES: &[&str] = &[
    "president-rapporteur",
    "presidente-rapporteure",
    "maitre",
    "president",
    "presidente",
    "presidents",
    "vice-president",
    "vice-presidente",
    "premier",
    "premiere",
    "conseiller",
    "conseillere",
    "conseillers",
    "conseilleres",
    "doyen",
    "doyenne",
    "doyens",
    "avocat",
    "avocate",
    "avocats",
    "avocates",
    "greffier",
    "greffiere",
    "greffiers",
    "greffieres",
    "rapporteur",
    "rapporteure",
    "procureur",
    "procureure",
    "substitut",
    "magistrat",
    "magistrate",
    "magistrats",
    "juge",
    "juges",
    "assesseur",
    "assesseure",
    "assesseurs",
    "assesseures",
    // The compounds of administrative courts' compositions (`présidente-assesseure`,
    // `conseiller-rapporteur`); others of the same make are read by [`compound_role`].
    "president-assesseur",
    "presidente-assesseure",
    "presidente-assesseur",
    "conseiller-rapporteur",
    "conseillere-rapporteure",
    "conseillere-rapporteur",
    "auditeur",
    "auditrice",
    "expert",
    "experte",
    "experts",
    "expert-comptable",
    "huissier",
    "huissiere",
    "commissaire",
    "commissaire-priseur",
    "batonnier",
    "mediateur",
    "mediatrice",
    "delegue",
    "deleguee",
    "secretaire",
    "directeur",
    "directrice",
    "defenseur",
    "professeur",
    "professeure",
    "professeurs",
    "juriste",
    "attache",
    "attachee",
    "cadre",
    "adjoint",
    "adjointe",
    "conciliateur",
    "conciliatrice",
    // Offices named after the person (`Mme X, Défenseure des droits`, `Mme X, garde des
    // Sceaux`): see [`role_at`]. Not the court-appointed agents (`liquidateur`), whom the
    // Cour de cassation pseudonymises like parties.
    "defenseure",
    "garde",
];

/// Words that, after a civility, make a title rather than a name (`Monsieur le Président`,
/// `Mme LA PROCUREURE GENERALE`, `Mme l'Agent judiciaire`), folded.
const TITLES: &[&str] = &[
    "president",
    "presidente",
    "procureur",
    "procureure",
    "premier",
    "premiere",
    "conseiller",
    "conseillere",
    "batonnier",
    "ministre",
    "prefet",
    "prefete",
    "maire",
    "juge",
    "directeur",
    "directrice",
    "greffier",
    "greffiere",
    "avocat",
    "avocate",
    "rapporteur",
    "rapporteure",
    "agent",
    "garde",
    "defenseur",
    "commissaire",
    "substitut",
    "doyen",
    "secretaire",
    "tresorier",
    "recteur",
    "general",
    "generale",
];

/// Phrases that, just before a civility, introduce a member of the court or a lawyer (folded).
const PRO_BEFORE: &[&str] = &[
    "rapporteur",
    "rapporteure",
    "rapporteur public",
    "rapporteure publique",
    "assesseur",
    "assesseure",
    // Case notes and citations: `rapp. Mme X`, `(concl. M. Y)`, `av. gén. M. Z`.
    "rapp.",
    "concl.",
    "av. gen.",
    "commissaire du gouvernement",
    "conclusions de",
    "rapport de",
    "avis de",
    "presidence de",
    "presidee par",
    "preside par",
    "assiste de",
    "assistee de",
    "assistes de",
    "assistees de",
    "composee de",
    "compose de",
    "presents",
    "presentes",
    "presents :",
    "signe par",
    "signee par",
    "et par",
    "greffier",
    "greffiere",
    "greffier de chambre",
    "greffiere de chambre",
    "greffier en chef",
    "greffiere en chef",
    "referendaire",
    "avocat general",
    "avocate generale",
    "signe",
    "president",
    "presidente",
    "conseiller",
    "conseillere",
    "conseillers",
    "magistrat",
    "avocat",
    "expert",
    "juge",
    "debats",
    // Court-of-appeal and labour-court compositions: `Greffier, lors du prononcé : Mme X`,
    // `Greffière lors de la mise à disposition : Mme X`, `Juge départiteur : M. X`,
    // `Magistrat rédacteur : M. X`, `Jugement rédigé par M. X`.
    "prononce",
    "mise a disposition",
    "departiteur",
    "magistrat redacteur",
    "magistrate redactrice",
    "conseiller redacteur",
    "conseillere redactrice",
    "juge redacteur",
    "arret redige par",
    "jugement redige par",
    "decision redigee par",
    "ordonnance redigee par",
];

/// Words that make a name a company's or another body's, not a person's (folded): the forms
/// of companies and firms, and bodies public and private (`la SCI Les Tilleuls`, `Société
/// Générale`, `la Caisse primaire`, `Le Crédit Lyonnais`, `L'Institut Pasteur`). One list for the party names found here ([`ORGS`], with
/// [`PARTY_BODIES`]) and for the names the profiling rules find in a magistrate's field (with
/// their own).
pub(crate) const BODIES: &[&str] = &[
    "societe",
    "sci",
    "sarl",
    "sas",
    "sasu",
    "sa",
    "eurl",
    "snc",
    "scp",
    "selarl",
    "selas",
    "aarpi",
    "association",
    "syndicat",
    "commune",
    "ville",
    "banque",
    "caisse",
    "mutuelle",
    "compagnie",
    "groupe",
    "etablissement",
    "office",
    "fondation",
    "entreprise",
    "departement",
    "region",
    "clinique",
    "hopital",
    "prefecture",
    "credit",
    "assurance",
    "assurances",
    "agence",
    "institut",
    "ministere",
    "universite",
];

/// Beside [`BODIES`], words that, before a name in a party position or opening it, make it a
/// company's, an institution's or a place's (`L'Urssaf Rhône-Alpes, domiciliée`, `la SELAFA
/// MJA`, `demeurant résidence Les Tilleuls`): the places of an address and bodies party to a
/// case. Not in the profiling rules' list, nor theirs in this one: adding either to the other
/// would change which names the masking rules report or which fields the profiling rules flag.
const PARTY_BODIES: &[&str] = &[
    "selafa",
    "cabinet",
    "residence",
    "rue",
    "avenue",
    "boulevard",
    "centre",
    "urssaf",
    "cpam",
];

/// Capitalised, words of the name of an institution or another body that no party's surname is
/// (`Le Fonds de garantie`, `Le Conseil départemental du Rhône`, `L'Union départementale des
/// associations familiales`): both [`BODY_HEADS`] and [`BODY_MARKS`].
const BODY_WORDS: &[&str] = &[
    "federation",
    "confederation",
    "fonds",
    "comite",
    "laboratoire",
    "laboratoires",
    "conseil",
    "direction",
    "pole",
    "union",
    "autorite",
    "tresor",
    "regie",
    "metropole",
    "communaute",
    "administration",
    "service",
    "services",
    "hospices",
    "hopitaux",
    "club",
    "groupement",
    "mutualite",
    "cooperative",
    "institution",
    "academie",
    "associations",
];

/// Capitalised, words that open the name of an institution or another body (`Le Fonds de
/// garantie`, `L'Ordre des avocats au barreau de Lyon`, `Le Conseil départemental du Rhône`,
/// `L'Union départementale des associations familiales`), asked only of the words of a name in
/// a party position and of the capitalised words that run into it. Not in [`ORGS`], whose
/// words are asked in lower case before a name too: `son fils issu d'une première union, Karim
/// Lacroix, né le` names Karim Lacroix. [`BODY_WORDS`], and words that open a body's name but
/// may end a person's (`Barreau`).
const BODY_HEADS: &[&str] =
    &super::concat_words::<{ BODY_WORDS.len() + HEAD_WORDS.len() }>(BODY_WORDS, HEAD_WORDS);

/// Beside [`BODY_WORDS`], the words of [`BODY_HEADS`].
const HEAD_WORDS: &[&str] = &["chambre", "ordre", "barreau", "assistance"];

/// Capitalised, words that make a name in a party position a body's wherever they stand in it
/// (`Lyon Métropole Habitat`, `Sorbonne Université`, `Action Logement Services`, `MAIRIE DE
/// LYON`, `France Travail`): none is a surname that a party may bear. Asked only of the names
/// found before `demeurant`, `domicilié` or `né le`, in any case. [`BODY_WORDS`], and these.
const BODY_MARKS: &[&str] = &super::concat_words::<{ BODY_WORDS.len() + BODY_MARK_WORDS.len() }>(
    BODY_WORDS,
    BODY_MARK_WORDS,
);

/// Beside [`BODY_WORDS`], the words of [`BODY_MARKS`].
const BODY_MARK_WORDS: &[&str] = &[
    "transports",
    "societe",
    "association",
    "syndicat",
    "banque",
    "caisse",
    "mutuelle",
    "compagnie",
    "etablissement",
    "etablissements",
    "fondation",
    "entreprise",
    "entreprises",
    "clinique",
    "hopital",
    "prefecture",
    "assurance",
    "assurances",
    "agence",
    "institut",
    "ministere",
    "universite",
    "mairie",
    "parti",
    "ligue",
    "musee",
    "hotel",
    "eglise",
    "collectivite",
    "port",
    "reseau",
    "electricite",
    "habitat",
    "logement",
    "aeroport",
    "aeroports",
    "voies",
    "television",
    "televisions",
    "radio",
    "travail",
    "opera",
    "theatre",
    "financement",
    "immobilier",
    "immobiliere",
];

/// Acronyms of bodies, written in capitals, that make a name in a party position a body's
/// wherever they stand in it (`AGS CGEA DE LYON`, `Paris Habitat OPH`, `AXA FRANCE IARD`),
/// folded. None that a surname in capitals may be (`CHU`).
const BODY_ACRONYMS: &[&str] = &[
    "ags", "cgea", "unedic", "carsat", "caf", "msa", "oniam", "ehpad", "gaec", "earl", "scea",
    "sncf", "edf", "gdf", "ratp", "oph", "opac", "sip", "sie", "dgfip", "drfip", "ddfip", "ccas",
    "chru", "iard", "fgti", "fgao", "cnav", "ogec", "hlm", "sos", "sdc", "aful", "bnp", "hsbc",
    "maaf", "macif", "maif", "matmut", "gmf", "axa", "scop", "enedis", "grdf", "vie", "sci",
    "sarl", "sas", "sasu", "eurl", "snc", "scp", "selarl", "selas", "selafa", "urssaf", "cpam",
];

/// Words that, before a name in a party position or opening it, make it a company's or an
/// institution's (`la SCI Les Tilleuls, domiciliée`, `L'Urssaf Rhône-Alpes, domiciliée`).
const ORGS: &[&str] =
    &super::concat_words::<{ BODIES.len() + PARTY_BODIES.len() }>(BODIES, PARTY_BODIES);

/// Words that, just before a capitalised word in a party position, make it a place's, a
/// school's or a nationality's, not a name (`de l'immeuble Le Grand Pavois, domicilié`, `élève
/// au lycée Jean Moulin, né le`, `de nationalité Algérienne, né le`). Unlike [`ORGS`], they
/// may be surnames (`Jean Place`), so only the word before the name is asked.
const PLACES_BEFORE: &[&str] = &[
    "immeuble",
    "lycee",
    "college",
    "ecole",
    "universite",
    "place",
    "quartier",
    "nationalite",
    "origine",
    "ressortissant",
    "ressortissante",
    "navire",
];

/// Whether `w` is a word of [`PLACES_BEFORE`], an elided article aside, in any case and with
/// or without its accents; but not `placé`, which folded is `place` too (`a placé Karim
/// Bertin, demeurant`).
fn place_word_before(w: &str) -> bool {
    let w = without_elision(w);
    is_folded_in(w, PLACES_BEFORE) && !w.to_lowercase().starts_with("placé")
}

/// Capitalised words that open a sentence or a ruling, never a name: a backward walk from
/// `, demeurant` stops on them (`Condamne Jean Durand, demeurant…`).
const SENTENCE_WORDS: &[&str] = &[
    // Headings of the decisions, which normalisation joins to the line before.
    "enonce",
    "reponse",
    "examen",
    "motifs",
    "motif",
    "faits",
    "procedure",
    "moyen",
    "moyens",
    "dispositif",
    "arret",
    "republique",
    "article",
    "audience",
    "composition",
    "debats",
    "decision",
    "premier",
    "deuxieme",
    "troisieme",
    "quatrieme",
    "cinquieme",
    "sixieme",
    "septieme",
    "huitieme",
    "expose",
    "recevabilite",
    "intimes",
    "appelants",
    "demandeurs",
    "defendeurs",
    "prononce",
    "signe",
    "greffier",
    "president",
    "condamne",
    "rejette",
    "casse",
    "annule",
    "declare",
    "dit",
    "ordonne",
    "renvoie",
    "donne",
    "met",
    "laisse",
    "constate",
    "infirme",
    "confirme",
    "deboute",
    "attendu",
    "vu",
    "par",
    "pour",
    "selon",
    "entre",
    "contre",
    "et",
    "mais",
    "sur",
    "dans",
    "en",
    "au",
    "aux",
    "un",
    "une",
    "ce",
    "cette",
    "il",
    "elle",
    "ils",
    "elles",
    "si",
    "que",
    "qui",
    "alors",
    "ainsi",
    "enfin",
    "or",
    "donc",
    "car",
    "a",
    "demandeur",
    "demanderesse",
    "defendeur",
    "defenderesse",
    "appelant",
    "appelante",
    "intime",
    "intimee",
    "requerant",
    "requerante",
    "entre",
    "avec",
    "chez",
];

/// Lower-case particles inside names.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "le", "la", "van", "von", "der", "den", "di", "da", "del", "della", "ben",
    "bin", "el", "al", "ter", "ten", "y", "dos", "das",
];

/// Capitalised words that are not a name by themselves.
const NOT_NAMES: &[&str] = &[
    "le",
    "la",
    "les",
    "de",
    "du",
    "des",
    "et",
    "ou",
    "l",
    "d",
    "me",
    "maitre",
    "mme",
    "m",
    // Adjectives of bodies' names, which end them (`Le Comité Social et Économique`).
    "economique",
    "economiques",
    "social",
    "sociale",
    "sociaux",
    "public",
    "publique",
    "publiques",
    "national",
    "nationale",
    "nationaux",
    "departemental",
    "departementale",
    "regional",
    "regionale",
    "municipal",
    "municipale",
    "territorial",
    "territoriale",
    "financier",
    "financiere",
    "financieres",
    "immobilier",
    "immobiliere",
    "agricole",
    "europeen",
    "europeenne",
    "international",
    "internationale",
    "judiciaire",
    "judiciaires",
    // Nationalities, capitalised in apposition to a party (`M. [K], Algérien, né le`, `son
    // épouse Marocaine`); not those that are also common surnames (`Allemand`, `Normand`).
    "francais",
    "francaise",
    "marocain",
    "marocaine",
    "algerien",
    "algerienne",
    "tunisien",
    "tunisienne",
    "senegalais",
    "senegalaise",
    "malien",
    "malienne",
    "ivoirien",
    "ivoirienne",
    "camerounais",
    "camerounaise",
    "congolais",
    "congolaise",
    "comorien",
    "comorienne",
    "guineen",
    "guineenne",
    "mauritanien",
    "mauritanienne",
    "egyptien",
    "egyptienne",
    "libanais",
    "libanaise",
    "syrien",
    "syrienne",
    "afghan",
    "afghane",
    "albanais",
    "albanaise",
    "kosovar",
    "georgien",
    "georgienne",
    "armenien",
    "armenienne",
    "ukrainien",
    "ukrainienne",
    "bresilien",
    "bresilienne",
    "americain",
    "americaine",
    "britannique",
    "vietnamien",
    "vietnamienne",
    "cambodgien",
    "cambodgienne",
    "pakistanais",
    "pakistanaise",
    "chinois",
    "chinoise",
    "portugais",
    "portugaise",
    "espagnol",
    "espagnole",
    "italien",
    "italienne",
    "polonais",
    "polonaise",
    "roumain",
    "roumaine",
    "soudanais",
    "soudanaise",
    "erythreen",
    "erythreenne",
    "haitien",
    "haitienne",
    "irakien",
    "irakienne",
    "iranien",
    "iranienne",
    "tchetchene",
    "bangladais",
    "bangladaise",
    "nigerian",
    "nigeriane",
    "turque",
];

/// Common first names, folded, of people born in France over the last ninety years and of the
/// origins most frequent among the parties of French courts: a capitalised word among them,
/// then a surname, after a word of [`Trigger::Lead`], is a party's name (`Condamne Karim Haddad
/// aux dépens`). Sorted, for [`is_first_name`]. Compound first names are their parts
/// (`Jean-Pierre`, `Marie-Claude`). Left out, the first names that are also words a ruling
/// capitalises (`France`, `Victoire`, `Clémence`, `Constance`, `Marine`, `Rose`, `Aurore`,
/// `Grâce`, `Espérance`) or places.
const FIRST_NAMES: &[&str] = &[
    "adam",
    "adel",
    "adrien",
    "agathe",
    "agnes",
    "ahmed",
    "aicha",
    "alain",
    "alban",
    "albert",
    "alexandra",
    "alexandre",
    "alexis",
    "alfred",
    "ali",
    "alice",
    "aline",
    "amadou",
    "amandine",
    "amelie",
    "amina",
    "aminata",
    "amine",
    "anais",
    "andre",
    "andree",
    "andrei",
    "angelique",
    "angelo",
    "anis",
    "anne",
    "annick",
    "annie",
    "antoine",
    "antonio",
    "armand",
    "arnaud",
    "arthur",
    "audrey",
    "aurelie",
    "aurelien",
    "awa",
    "axel",
    "ayoub",
    "aziz",
    "baptiste",
    "basile",
    "beatrice",
    "benjamin",
    "benoit",
    "berengere",
    "bernadette",
    "bernard",
    "bertrand",
    "bilal",
    "boubacar",
    "brahim",
    "brigitte",
    "bruno",
    "camille",
    "carlos",
    "carole",
    "caroline",
    "catherine",
    "cecile",
    "cedric",
    "celine",
    "chantal",
    "charles",
    "charlotte",
    "chloe",
    "christelle",
    "christian",
    "christiane",
    "christine",
    "christophe",
    "claire",
    "clara",
    "claude",
    "claudine",
    "clement",
    "colette",
    "coralie",
    "corentin",
    "corinne",
    "cyril",
    "cyrille",
    "damien",
    "daniel",
    "danielle",
    "david",
    "delphine",
    "denis",
    "denise",
    "didier",
    "djamel",
    "djamila",
    "dominique",
    "driss",
    "dylan",
    "edith",
    "edouard",
    "eliane",
    "elisabeth",
    "elise",
    "elodie",
    "emile",
    "emilie",
    "emma",
    "emmanuel",
    "emmanuelle",
    "enzo",
    "eric",
    "estelle",
    "etienne",
    "eva",
    "evelyne",
    "fabien",
    "fabienne",
    "fabrice",
    "fanny",
    "farid",
    "farida",
    "fatiha",
    "fatima",
    "fatoumata",
    "fernand",
    "fernando",
    "florence",
    "florent",
    "florian",
    "fouad",
    "francis",
    "francisco",
    "franck",
    "francois",
    "francoise",
    "frederic",
    "frederique",
    "gabriel",
    "gael",
    "gaelle",
    "gaetan",
    "gaston",
    "genevieve",
    "georges",
    "geraldine",
    "gerard",
    "ghislaine",
    "gilbert",
    "gilles",
    "ginette",
    "gisele",
    "giuseppe",
    "gregory",
    "guillaume",
    "guy",
    "hakim",
    "hamid",
    "hamza",
    "hassan",
    "helene",
    "henri",
    "herve",
    "hocine",
    "hubert",
    "hugo",
    "ibrahim",
    "ines",
    "ingrid",
    "irene",
    "isabelle",
    "ismail",
    "ivan",
    "jacky",
    "jacqueline",
    "jacques",
    "jamal",
    "jean",
    "jeanne",
    "jeannine",
    "jeremie",
    "jeremy",
    "jerome",
    "jessica",
    "joao",
    "jocelyne",
    "joel",
    "johan",
    "johann",
    "jonathan",
    "jordan",
    "jose",
    "joseph",
    "josette",
    "josiane",
    "judith",
    "jules",
    "julia",
    "julie",
    "julien",
    "juliette",
    "justine",
    "kamel",
    "karim",
    "karima",
    "karine",
    "kevin",
    "khadija",
    "khalid",
    "killian",
    "kylian",
    "laetitia",
    "laura",
    "laure",
    "laurence",
    "laurent",
    "lea",
    "leila",
    "leo",
    "leon",
    "liliane",
    "lina",
    "lionel",
    "lisa",
    "loic",
    "louis",
    "louise",
    "luc",
    "luca",
    "lucas",
    "lucie",
    "lucien",
    "ludovic",
    "luis",
    "lydie",
    "madeleine",
    "magali",
    "malika",
    "mamadou",
    "manon",
    "manuel",
    "marc",
    "marcel",
    "margaux",
    "maria",
    "marianne",
    "marie",
    "mario",
    "marion",
    "marius",
    "martine",
    "maryse",
    "mathieu",
    "mathilde",
    "mathis",
    "matteo",
    "matthieu",
    "maud",
    "maurice",
    "maxime",
    "mehdi",
    "melanie",
    "michael",
    "michel",
    "michele",
    "micheline",
    "mickael",
    "miguel",
    "mireille",
    "mohamed",
    "mohammed",
    "monique",
    "morgane",
    "mounir",
    "mourad",
    "moussa",
    "muriel",
    "mustapha",
    "myriam",
    "nabil",
    "nadia",
    "nadine",
    "naima",
    "nathalie",
    "nathan",
    "nicolas",
    "nicole",
    "noah",
    "noemie",
    "norbert",
    "oceane",
    "odette",
    "odile",
    "olivier",
    "omar",
    "ousmane",
    "pascal",
    "pascale",
    "patrice",
    "patricia",
    "patrick",
    "paul",
    "paulette",
    "pauline",
    "pedro",
    "philippe",
    "pierre",
    "quentin",
    "rachid",
    "rachida",
    "raphael",
    "raymond",
    "regine",
    "regis",
    "remi",
    "remy",
    "rene",
    "renee",
    "richard",
    "robert",
    "rodolphe",
    "roger",
    "romain",
    "romuald",
    "sabine",
    "sabrina",
    "said",
    "salah",
    "samia",
    "samir",
    "samira",
    "samuel",
    "sandra",
    "sandrine",
    "sarah",
    "sebastien",
    "serge",
    "severine",
    "simon",
    "simone",
    "sofiane",
    "solange",
    "sonia",
    "sophie",
    "stephane",
    "stephanie",
    "steve",
    "steven",
    "suzanne",
    "sylvain",
    "sylvie",
    "tarek",
    "theo",
    "therese",
    "thibault",
    "thibaut",
    "thierry",
    "thomas",
    "timothee",
    "tony",
    "tristan",
    "valentin",
    "valerie",
    "vanessa",
    "veronique",
    "victor",
    "vincent",
    "virginie",
    "walid",
    "william",
    "xavier",
    "yacine",
    "yamina",
    "yanis",
    "yann",
    "yannick",
    "yasmina",
    "yasmine",
    "yassine",
    "yoann",
    "youssef",
    "yves",
    "yvette",
    "yvonne",
    "zohra",
];

/// Names of natural persons who are parties or third parties, shown in clear in `text`.
/// `professionals` are names the source's metadata gives for the president, lawyers and others,
/// which are never parties.
pub fn find_person_names(text: &str, professionals: &[String]) -> Vec<NameHit> {
    let cands = candidates(text);
    // Only the candidates that are not professionals by their context can be hits: without
    // any, there is no need for the professionals' surnames (the common case in pseudonymised
    // decisions, whose parties are markers).
    if cands.iter().all(|c| c.professional) {
        return Vec::new();
    }
    // Surnames known to be professionals: the metadata's, and those of this decision's
    // candidates classified as professionals by their context.
    // Folded, sorted and deduplicated, with the parts of hyphenated names (`Bacache-Gibeili`
    // makes `bacache` too): a binary search per candidate, whatever the number of names.
    // One string holds every folded word; `pro_words` are their ranges in it.
    let mut arena = String::new();
    let mut pro_words: Vec<(usize, usize)> = Vec::new();
    let mut add = |w: &str| {
        if w.chars().count() >= 2
            && w.chars().next().is_some_and(char::is_uppercase)
            && lists_of(w) & (IN_NOT_NAMES | IN_PARTICLES) == 0
            && !is_civility_word(w)
        {
            let mut push = |w: &str| {
                let s = arena.len();
                arena.extend(w.chars().map(fold_char));
                pro_words.push((s, arena.len()));
            };
            push(w);
            if w.contains('-') {
                for part in w.split('-').filter(|p| p.chars().count() >= 3) {
                    push(part);
                }
            }
        }
    };
    for p in professionals {
        for (s, e) in words(p) {
            add(&p[s..e]);
        }
    }
    for c in cands.iter().filter(|c| c.professional) {
        for (s, e) in words(&text[c.start..c.end]) {
            add(&text[c.start + s..c.start + e]);
        }
    }
    let word = |&(s, e): &(usize, usize)| &arena[s..e];
    pro_words.sort_unstable_by(|a, b| word(a).cmp(word(b)));
    pro_words.dedup_by(|a, b| word(a) == word(b));
    let is_pro_word = |w: &str| {
        let mut buf = [0u8; 64];
        fold_into(w, &mut buf)
            .is_some_and(|f| pro_words.binary_search_by(|p| word(p).cmp(f)).is_ok())
    };
    let mut hits: Vec<NameHit> = Vec::new();
    for c in &cands {
        if c.professional {
            continue;
        }
        // The surname (last word) decides: `Mme Thomas Kaminski` is not `Mme Thomas,
        // conseiller`.
        let name = &text[c.start..c.end];
        let known_pro = !pro_words.is_empty()
            && words(name).last().is_some_and(|(s, e)| {
                let w = &name[s..e];
                is_pro_word(w)
                    || w.split('-')
                        .any(|part| part.chars().count() >= 3 && is_pro_word(part))
            });
        // A party may share a magistrate's surname: one whose address or birth follows is a
        // party whatever the bench (`M. Martin, président` … `Mme Martin, née le 3 mars 1975`).
        if known_pro && !party_follows(text, c.end) || c.brand(text) {
            continue;
        }
        hits.push(NameHit {
            start: c.start,
            end: c.end,
            context: c.context,
        });
    }
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out: Vec<NameHit> = Vec::with_capacity(hits.len());
    for h in hits {
        match out.last_mut() {
            Some(last) if h.start < last.end => {
                if h.end > last.end {
                    last.end = h.end;
                }
            }
            _ => out.push(h),
        }
    }
    out
}

/// The people `text` names after a civility (`Mme Mouillard`, `MM. Pons, Choquet`): the byte
/// range of each name, and whether its context makes it a professional's (`Mme Mouillard,
/// présidente`; `le rapport de M. X`).
pub fn civility_names(text: &str) -> Vec<(usize, usize, bool)> {
    candidates(text)
        .into_iter()
        .filter(|c| c.context == NameContext::Civility && !c.brand(text))
        .map(|c| (c.start, c.end, c.professional))
        .collect()
}

/// The names `text` gives a professional role (`M. Maziau, conseiller rapporteur`, `Greffier :
/// Mme Dupont`, `Sur le rapport de M. X`): the professionals of a decision, for the reuser's
/// own fields (a commentary, a title), which name them without their role. Each comes with
/// whether the role is a member's of the court, a magistrate's or a clerk's (`président`,
/// `avocat général`, `greffier`), rather than a lawyer's, an expert's or another
/// professional's acting as such (`M. Dupont, avocat`, `M. X, expert`): the profiling rules
/// look for the former in the reuser's fields.
pub fn professional_roles(text: &str) -> Vec<(String, bool)> {
    candidates(text)
        .into_iter()
        .filter(|c| c.professional)
        .map(|c| {
            let name = text[c.start..c.end].to_string();
            // The role after the name, or at the end of its enumeration (`MM. Pons, Choquet,
            // conseillers`); else the label before it (`Greffier : Mme X`), which a role found
            // past a line break, the next line's label (`Avocat : M. X` / `Greffier : Mme Y`),
            // does not override. Without either, the phrase that made the name a
            // professional's introduced the court (`Sur le rapport de Mme X`).
            let role = role_after(text, c.end, false).or_else(|| role_after(text, c.end, true));
            let same_line = role.is_some_and(|r| !text[c.end..r].contains('\n'));
            let court = match (role, court_label_before(text, c.civility)) {
                (Some(r), _) if same_line => court_role_at(text, r),
                (_, Some(label)) => label,
                (Some(r), None) => court_role_at(text, r),
                (None, None) => true,
            };
            // A public official acting in office (`Le préfet du Rhône, M. X, a déféré`) is no
            // member of the court.
            // Nor is the author of a note or a work the text cites (`note M. Mekki`).
            (
                name,
                court
                    && !public_official(text, c.civility, c.end)
                    && !cited_author(text, c.civility, c.end),
            )
        })
        .collect()
}

/// Whether the role at `p`, one [`role_at`] accepts, is a member's of the court: a
/// magistrate's (`président`, `conseiller`, `avocat général`, `commissaire du gouvernement`,
/// `maître des requêtes`) or a clerk's (`greffier`, `directeur de greffe`, `adjoint
/// administratif faisant fonction de greffier`). Not a lawyer's, an expert's, a bailiff's, a
/// mediator's, an academic's or a court-appointed agent's (`ès qualités de liquidateur`).
fn court_role_at(text: &str, p: usize) -> bool {
    let Some((_, we)) = word_at(text, p) else {
        return false;
    };
    let Some(role) = fold_key(&text[p..we]) else {
        return false;
    };
    let rest = text[we..].trim_start();
    match role.as_str() {
        "avocat" | "avocate" | "avocats" | "avocates" => {
            folded_starts_with(rest, "general") || folded_starts_with(rest, "generaux")
        }
        "commissaire" => folded_starts_with(rest, "du gouvernement"),
        r => is_court_role(r) || compound_role(r) || abbreviated_role(text, p, we).is_some(),
    }
}

/// Roles of [`ROLES`] that are not the court's whatever follows them (an `avocat général` and
/// a `commissaire du gouvernement` are: [`court_role_at`] reads what follows), folded: the
/// other roles are the court's ([`role_at`] has checked what must: `directeur de greffe`,
/// `maître des requêtes`, `cadre greffier`).
const OTHER_ROLES: &[&str] = &[
    "avocat",
    "avocate",
    "avocats",
    "avocates",
    "expert",
    "experte",
    "experts",
    "expert-comptable",
    "huissier",
    "huissiere",
    "commissaire",
    "commissaire-priseur",
    "batonnier",
    "mediateur",
    "mediatrice",
    "delegue",
    "deleguee",
    "defenseur",
    "professeur",
    "professeure",
    "professeurs",
    "juriste",
    "attache",
    "attachee",
    "conciliateur",
    "conciliatrice",
];

/// Whether `role`, folded, is a role of [`ROLES`] that is the court's whatever follows it.
fn is_court_role(role: &str) -> bool {
    ROLES.contains(&role) && !OTHER_ROLES.contains(&role)
}

/// Whether the label before the civility at `s` is the court's (`Greffier : Mme X`, `Avocat
/// général : M. X`) or another profession's (`Avocat : M. X`, `l'expert M. X`): the last word
/// of a profession in the line before decides; `None` without one.
fn court_label_before(text: &str, s: usize) -> Option<bool> {
    let lo = floor_boundary(text, s.saturating_sub(100));
    let before = &text[lo..s];
    let line = before
        .rfind(['\n', ';'])
        .map_or(before, |i| &before[i + 1..]);
    const OTHERS: &[&str] = &[
        "avocat",
        "avocate",
        "avocats",
        "avocates",
        "expert",
        "experte",
        "experts",
        "huissier",
        "huissiere",
        "notaire",
        "mandataire",
        "liquidateur",
        "liquidatrice",
        "mediateur",
        "mediatrice",
        "conciliateur",
        "conciliatrice",
        "defenseur",
        "batonnier",
        "professeur",
        "professeure",
    ];
    let mut court = None;
    let mut p = 0;
    while let Some((a, b)) = first_word(&line[p..]) {
        let w = &line[p + a..p + b];
        if fold_key(w).is_some_and(|f| is_court_role(f.as_str()))
            || is_folded_in(w, &["general", "generale", "generaux"])
        {
            court = Some(true);
        } else if is_folded_in(w, OTHERS) {
            court = Some(false);
        }
        p += b;
    }
    court
}

/// Whether `w`, one word of a text, may be a person's first name or surname: it opens with a
/// capital, holds two letters or more and nothing but letters, hyphens and apostrophes, and is
/// no word of the lists (roles, titles, organisations, sentence words, particles, words that are
/// not names) nor a civility. `Wattelet`, `Hervé`; not `Attendu`, `Société`, `Président`.
pub fn may_be_name_word(w: &str) -> bool {
    const LISTED: u8 =
        IN_ROLES | IN_TITLES | IN_ORGS | IN_SENTENCE_WORDS | IN_PARTICLES | IN_NOT_NAMES;
    w.chars().filter(|&c| is_alphabetic(c)).count() >= 2
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| is_alphabetic(c) || c == '-' || c == '\'' || c == '’')
        && lists_of(w) & LISTED == 0
        && !is_civility_word(w)
}

/// A value that is a natural person's name alone, without a civility: a common first name and
/// a surname (`Chantal Abadie`), the whole value but what closes it (`, `, `;`, `(`). Asked of
/// a field named for the parties, whose values are the parties' names (`"requerant":
/// "Chantal Abadie"`), not of prose.
pub fn bare_person_name(value: &str) -> Option<(usize, usize)> {
    let p = value.len() - value.trim_start().len();
    let (ns, ne) = first_name_and_surname(value, p)?;
    let rest = value[ne..].trim();
    (rest.is_empty() || rest.starts_with([',', ';', '(']))
        .then_some((ns, ne))
        .filter(|&(ns, ne)| !body_name(&value[ns..ne]))
}

/// The parties' names on either side of `c/` in a case's title (`Abadie c/ Préfet des
/// Hauts-de-Seine`, `CE, 3 mai 2023, Durand c/ Martin`): the capitalised words next to it that
/// make a person's name, not a body's (`Société Alpha`, `Commune de Lyon`, an acronym such as
/// `SNCF`), an office's (`Préfet des Hauts-de-Seine`, `Ministre de l'intérieur`) nor markers
/// (`X… c/ Y…`, `[K] c/`). Asked of the reuser's own fields, not of a decision's text.
pub fn names_around_versus(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let person = |(ns, ne): (usize, usize)| {
        let span = &text[ns..ne];
        let mut ws = span.split(' ').filter(|w| !w.is_empty());
        let first = ws.next().unwrap_or_default();
        let one_word = !span.contains(' ');
        may_be_name_word(first)
            && span
                .split(' ')
                .all(|w| w.is_empty() || may_be_name_word(w) || in_list(w, IN_PARTICLES))
            && !(one_word && first.chars().all(|c| !c.is_lowercase()))
            && !body_name(span)
    };
    for (i, _) in text.match_indices("c/") {
        let mut before = None;
        let before_ok = i == 0 || text[..i].ends_with(' ');
        if !before_ok || !text[i + 2..].starts_with(' ') {
            continue;
        }
        // The name before: back over the spaces, not after initials (`X... c/`).
        let q = text[..i].trim_end_matches(' ').len();
        if q > 0
            && !text[..q].ends_with('.')
            && !text[..q].ends_with('…')
            && let Some((ns, ne)) = parse_name_backwards(text, q)
            && ne == q
        {
            // The words before it that are no name's (`Affaire Abadie`) are left out, unless
            // they make it a body's or an office's (`Société Alpha`, `la commune de Lyon`).
            let body_before = |ns: usize| {
                body_name(&text[ns..q])
                    || last_word(&text[..ns]).is_some_and(|(a, b)| {
                        let w = without_elision(&text[a..b]);
                        in_list(w, IN_ORGS | IN_BODY_HEADS | IN_TITLES)
                            || is_folded_in(w, BODY_MARKS)
                    })
            };
            let mut ns = ns;
            while !body_before(ns)
                && !text[ns..q]
                    .split(' ')
                    .all(|w| may_be_name_word(w) || in_list(w, IN_PARTICLES))
            {
                match text[ns..q].find(' ') {
                    Some(j) => ns = skip_spaces(text, ns + j),
                    None => break,
                }
            }
            if person((ns, q)) && !body_before(ns) {
                before = Some((ns, q));
            }
        }
        // The name after.
        let r = skip_spaces(text, i + 2);
        let mut after = None;
        if let Some((ns, ne)) = parse_name(text, r)
            && ns == r
            && person((ns, ne))
        {
            after = Some((ns, ne));
        }
        // A single word is a surname or a brand (`Dupont c/ Axa`): taken for a person's only
        // when the other side is not one too, an institution or an office (`Abadie c/ Préfet
        // des Hauts-de-Seine`) or a person's full name. Two single words are left alone: a
        // company named after nobody would otherwise be a party's name in clear.
        let one_word =
            |s: Option<(usize, usize)>| s.is_some_and(|(a, b)| !text[a..b].contains(' '));
        let other_text = |s: Option<(usize, usize)>, side_before: bool| {
            s.is_some()
                || if side_before {
                    text[..i].trim_end().chars().any(char::is_alphabetic)
                } else {
                    text[i + 2..].trim_start().chars().any(char::is_alphabetic)
                }
        };
        for (side, other, side_before) in [(before, after, true), (after, before, false)] {
            let Some(span) = side else { continue };
            if !one_word(side) || (other_text(other, !side_before) && !one_word(other)) {
                out.push(span);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether `w` is a particle of a name (`de`, `du`, `van`, `d'`…), which a name may hold in
/// lower case (`de Villepin`).
pub fn is_name_particle(w: &str) -> bool {
    in_list(w, IN_PARTICLES)
}

/// Whether the clear span `start..end` (byte offsets) of a reference text is the name, or part
/// of the name, of a natural person who is a party or a third party. A leading civility in the
/// span is allowed (`M. Durand`).
pub fn person_name_at(text: &str, start: usize, end: usize, professionals: &[String]) -> bool {
    person_name_among(text, start, end, &find_person_names(text, professionals))
}

/// [`person_name_at`] with the names of `text` found already (`hits`, what
/// [`find_person_names`] gives for it): a text asked about many spans is searched once.
pub fn person_name_among(text: &str, start: usize, end: usize, hits: &[NameHit]) -> bool {
    let (Some(span), true) = (text.get(start..end), start <= end) else {
        return false;
    };
    // Trim white space and punctuation, and a leading civility.
    let lead = span.len() - span.trim_start().len();
    let mut s = start + lead;
    let e = start
        + span
            .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
            .len();
    if s >= e {
        return false;
    }
    if let Some((_, len)) = civility_prefix(&text[s..e]) {
        s += len;
        s += text[s..e].len() - text[s..e].trim_start().len();
        if s >= e {
            return false;
        }
    }
    if hits.iter().any(|h| h.start <= s && e <= h.end) {
        return true;
    }
    // A bare mention of a party named elsewhere in the decision (`Durand a soutenu que`).
    let mut any = false;
    for (ws, we) in words(&text[s..e]) {
        let w = &text[s + ws..s + we];
        if in_list(w, IN_PARTICLES) {
            continue;
        }
        let found = hits.iter().any(|h| {
            words(&text[h.start..h.end]).any(|(a, b)| fold_eq(&text[h.start + a..h.start + b], w))
        });
        if !found {
            return false;
        }
        any = true;
    }
    any
}

/// A name candidate.
struct Candidate {
    start: usize,
    end: usize,
    context: NameContext,
    professional: bool,
    /// Where the civility before the name starts, for a name after one.
    civility: usize,
}

impl Candidate {
    /// Whether the name after a civility is a brand's or a work's (`la société Monsieur
    /// Bricolage`, `le film « Monsieur Klein »`, `M. Bricolage, société anonyme`): nobody's.
    /// Asked last, of the names that would be parties' only.
    fn brand(&self, text: &str) -> bool {
        self.context == NameContext::Civility
            && (brand_before(text, self.civility)
                || text[self.end..]
                    .strip_prefix(", société ")
                    .is_some_and(|r| r.starts_with(char::is_lowercase)))
    }
}

fn candidates(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut triggers = Triggers::new(text);
    let mut pos = 0;
    // The end of the last names a label or an office before them made professionals
    // (`Conseillers : Madame Lise MARTY`): the next members of its enumeration are too.
    let mut label_end = None;
    while pos < text.len() {
        let Some(m) = triggers.find(pos) else {
            break;
        };
        let (s, e) = (m.start, m.end);
        pos = e;
        let trigger = PATTERNS[m.pattern].1;
        // A lead found by its middle (`ndamn` of `Condamne`): the whole word.
        let (s, e) = match trigger {
            Trigger::Lead => match lead_word(text, s, e) {
                Some(word) => word,
                None => continue,
            },
            Trigger::PartInCase => match part_word(text, s, e) {
                Some(word) => word,
                None => continue,
            },
            _ => (s, e),
        };
        // Word boundary on the left: no letter, digit, `.` or `-` just before (`J.-M.`); an
        // apostrophe only before a civility (`l'épouse Durand` is a party position).
        if let Some(c) = char_before(text, s)
            && (c.is_alphanumeric()
                || c == '.'
                || c == '-'
                || (matches!(trigger, Trigger::Civility { .. }) && (c == '\'' || c == '’')))
        {
            continue;
        }
        match trigger {
            Trigger::Civility { plural } => {
                // A civility is followed by a space (`Mme Dupont`, `M. Dupont`).
                let next = text[e..].chars().next();
                if !next.is_some_and(char::is_whitespace) {
                    continue;
                }
                pos = civility_group(text, s, e, plural, &mut out, &mut label_end);
            }
            Trigger::Before | Trigger::PartInCase => {
                let part_in_case = trigger == Trigger::PartInCase;
                // `Claire Martin épouse Lambert`, `Sophie Durand, veuve [K]`: the woman's own
                // name before her married name.
                if matches!(PATTERNS[m.pattern].0, "épouse" | "veuve")
                    && text[e..].starts_with(' ')
                    && let Some((ns, ne)) = name_before_spouse(text, s, &out)
                {
                    out.push(Candidate {
                        start: ns,
                        end: ne,
                        context: NameContext::PartyPosition,
                        professional: pro_before(text, ns),
                        civility: s,
                    });
                }
                // `Kevin Dubreuil, le prévenu,`: the name before its part, in apposition.
                if part_in_case && let Some((ns, ne)) = name_before_part(text, s, &out) {
                    out.push(Candidate {
                        start: ns,
                        end: ne,
                        context: NameContext::PartyPosition,
                        professional: false,
                        civility: s,
                    });
                }
                // `la victime, Léa Martin,`: a comma after a person's part in the case.
                let e = if part_in_case && text[e..].starts_with(", ") {
                    e + 1
                } else {
                    e
                };
                if !text[e..].starts_with(' ') {
                    continue;
                }
                let mut p = skip_spaces(text, e);
                // `son épouse née Durand`: the maiden name; `la succession de feu Jean Durand`;
                // `les consorts [K] et Durand`: the clear name after the markers.
                if let Some(lead) = ["née ", "feu "]
                    .into_iter()
                    .find(|l| p > e && text[p..].starts_with(l))
                {
                    p = skip_spaces(text, p + lead.len());
                } else if !part_in_case {
                    let markers_end = skip_bracket_markers(text, p);
                    if markers_end > p {
                        let q = skip_spaces(text, markers_end);
                        if !text[q..].starts_with("et ") {
                            continue;
                        }
                        p = skip_spaces(text, q + "et".len());
                    }
                }
                // `épouse Mme X` is the civility's business.
                if civility_prefix(&text[p..]).is_some() {
                    continue;
                }
                // `une succession de CDD` is a series; `la marque veuve Clicquot` a brand.
                if !part_in_case && {
                    let before = text[..s].trim_end_matches(' ');
                    if PATTERNS[m.pattern].0 == "succession de" {
                        last_word(before).is_some_and(|(a, b)| {
                            b == before.len() && matches!(without_elision(&before[a..b]), "une")
                        })
                    } else {
                        brand_before(text, s)
                    }
                } {
                    continue;
                }
                if let Some(c) = text[p..].chars().next()
                    && !c.is_uppercase()
                {
                    continue;
                }
                let Some((ns, ne)) = parse_name(text, p) else {
                    continue;
                };
                // A victim, a witness, a complainant: a party by that part in the case, whatever
                // their job. Their name is two words or more, the first not a listed word (`la
                // victime Axa`, `la victime, Partie civile,`, `la victime, La Poste,`), and after
                // a comma it is an apposition, closed by another comma (not `selon la victime,
                // Lyon était…`).
                if part_in_case {
                    let mut parts = text[ns..ne].split(' ');
                    let first_ok = parts.next().is_some_and(may_be_name_word);
                    let after_comma = text[m.end..].starts_with(',');
                    if !first_ok
                        || parts.next().is_none()
                        || after_comma && !text[ne..].starts_with(',')
                        || body_name(&text[ns..ne])
                    {
                        continue;
                    }
                }
                p = ne;
                let professional =
                    !part_in_case && (role_follows(text, p, false) || pro_before(text, s));

                out.push(Candidate {
                    start: ns,
                    end: ne,
                    context: NameContext::PartyPosition,
                    professional,
                    civility: s,
                });
                pos = ne;
            }
            Trigger::Lead => {
                // `Condamne in solidum Karim Haddad et Jean Durand aux dépens`: the names of an
                // enumeration, each a first name and a surname.
                let mut p = e;
                if text[p..].starts_with("in solidum ") {
                    p = skip_spaces(text, p + "in solidum ".len());
                }
                for _ in 0..4 {
                    let Some((ns, ne)) = first_name_and_surname(text, p) else {
                        break;
                    };
                    if !body_name(&text[ns..ne]) {
                        out.push(Candidate {
                            start: ns,
                            end: ne,
                            context: NameContext::PartyPosition,
                            professional: role_follows(text, ne, false) || pro_before(text, ns),
                            civility: s,
                        });
                    }
                    pos = ne;
                    let rest = &text[ne..];
                    p = if rest.starts_with(" et ") {
                        skip_spaces(text, ne + " et ".len())
                    } else if rest.starts_with(", ") {
                        skip_spaces(text, ne + ", ".len())
                    } else {
                        break;
                    };
                }
            }
            Trigger::After | Trigger::Born => {
                // Right boundary: `né` must be a word, followed by ` le` or ` à`
                // (`né le 3 mars`, `né à Lyon`); `demeurant`, `domicilié(e)(s)`.
                let after = &text[e..];
                if trigger == Trigger::Born {
                    // The pattern holds ` le ` or ` à `.
                } else if after.chars().next().is_some_and(char::is_alphanumeric)
                    && !after.starts_with('e')
                    && !after.starts_with('s')
                {
                    continue;
                }
                // Back over `, ` to the name.
                let mut q = s;
                while q > 0 && bytes[q - 1] == b' ' {
                    q -= 1;
                }
                if q > 0 && bytes[q - 1] == b',' {
                    q -= 1;
                }
                while q > 0 && bytes[q - 1] == b' ' {
                    q -= 1;
                }
                let Some((ns, ne)) = parse_name_backwards(text, q) else {
                    continue;
                };
                if out.iter().any(|c| c.start <= ns && ns < c.end) {
                    continue;
                }
                if !person_in_party_position(text, ns, ne, &out) {
                    continue;
                }
                out.push(Candidate {
                    start: ns,
                    end: ne,
                    context: NameContext::PartyPosition,
                    professional: pro_before(text, ns),
                    civility: s,
                });
            }
        }
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

/// The name just before `épouse` or `veuve` at `s`, a space or a comma apart (`Claire Martin
/// épouse Lambert`, `Sophie Durand, veuve [K]`), when it is a person's as a name before
/// `demeurant` is (see [`person_in_party_position`]) and no candidate of `found` holds it
/// already (`Mme Claire Martin épouse Lambert`).
fn name_before_spouse(text: &str, s: usize, found: &[Candidate]) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut q = s;
    while q > 0 && b[q - 1] == b' ' {
        q -= 1;
    }
    if q > 0 && b[q - 1] == b',' {
        q -= 1;
        while q > 0 && b[q - 1] == b' ' {
            q -= 1;
        }
    }
    if q == s {
        return None;
    }
    let (ns, ne) = parse_name_backwards(text, q)?;
    (!found.iter().any(|c| c.start < ne && ns < c.end)
        && person_in_party_position(text, ns, ne, found))
    .then_some((ns, ne))
}

/// The name just before `, le` or `, la` and a person's part in the case at `s` (`Kevin
/// Dubreuil, le prévenu,`, `DUBREUIL Kevin, la victime`): a common first name ([`FIRST_NAMES`])
/// and a surname, or a surname in capitals and a first name, that no candidate of `found` holds
/// already (`M. Kevin Dubreuil, le prévenu`) and that is a person's as a name before `demeurant`
/// is ([`person_in_party_position`]). A place or a heading before the comma (`À Lyon, le
/// prévenu`, `Par ces motifs, le prévenu`) opens with no first name.
fn name_before_part(text: &str, s: usize, found: &[Candidate]) -> Option<(usize, usize)> {
    let before = &text[..s];
    let before = ["le ", "la "]
        .iter()
        .find_map(|d| before.strip_suffix(d))?
        .trim_end_matches(' ')
        .strip_suffix(',')?
        .trim_end_matches(' ');
    let (ns, ne) = parse_name_backwards(text, before.len())?;
    let span = &text[ns..ne];
    let first_name =
        |w: &str| is_first_name(w) || w.contains('-') && w.split('-').all(is_first_name);
    let mut words = span.split(' ');
    let (first, last) = (words.next()?, words.next_back()?);
    let person = first_name(first) && first.starts_with(char::is_uppercase)
        || first_name(last)
            && first.chars().any(char::is_uppercase)
            && !first.chars().any(char::is_lowercase);
    (person
        && ne == before.len()
        && !body_name(span)
        && !found.iter().any(|c| c.start < ne && ns < c.end)
        && person_in_party_position(text, ns, ne, found))
    .then_some((ns, ne))
}

/// The word of a [`Trigger::Lead`] found at `s..e`, and its end, a space included. `ndamn` and
/// `ébout` are found in the middle of `Condamne`, `condamné(e)(s)`, `Déboute` and
/// `débouté(e)(s)`: their first bytes (`con`, `déb`) open countless French words, and would
/// make the automaton's prefilter stop everywhere. `None` when the word is another
/// (`condamnation`).
fn lead_word(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let before = &text[..s];
    let head = |heads: [&str; 2]| {
        heads
            .iter()
            .find_map(|h| before.strip_suffix(h))
            .map(str::len)
    };
    let ending = || {
        ["e ", "é ", "ée ", "és ", "ées "]
            .iter()
            .find(|end| text[e..].starts_with(*end))
            .map(|end| e + end.len())
    };
    match &text[s..e] {
        "ndamn" => Some((head(["Co", "co"])?, ending()?)),
        "ébout" => Some((head(["D", "d"])?, ending()?)),
        _ => Some((s, e)),
    }
}

/// The whole word of a [`Trigger::PartInCase`] found by its middle (`évenu` of `prévenu`), or
/// `None` when the middle is another word's (`revenu`, `avocataire`) or the word no noun (`il a
/// été prévenu`: a determiner comes before the part).
fn part_word(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let head = |heads: &[&str]| {
        let start = heads.iter().find_map(|h| text[..s].strip_suffix(h))?.len();
        // `l'acquéreur`, `l’acquéreuse`: an elided article, a word of its own.
        if let Some(elided) = ["l'", "l’", "L'", "L’"]
            .iter()
            .find_map(|l| text[..start].strip_suffix(l))
        {
            return (!elided.ends_with(|c: char| c.is_alphanumeric())).then_some((start, e));
        }
        let before = text[..start].strip_suffix(' ')?;
        let (a, b) = last_word(before)?;
        let det = before[a..b].to_lowercase();
        (b == before.len()
            && matches!(
                det.as_str(),
                "le" | "la"
                    | "les"
                    | "du"
                    | "au"
                    | "aux"
                    | "un"
                    | "une"
                    | "des"
                    | "ce"
                    | "cette"
                    | "son"
                    | "sa"
                    | "ses"
                    | "leur"
                    | "leurs"
            ))
        .then_some((start, e))
    };
    // The feminine of `prévenu`, `salarié`, `défunt`.
    let feminine =
        |(start, e): (usize, usize)| (start, if text[e..].starts_with('e') { e + 1 } else { e });
    match &text[s..e] {
        "évenu" => head(&["pr", "Pr"]).map(feminine),
        "alarié" => head(&["s", "S"]).map(feminine),
        // `colocataire`, `sous-locataire`: tenants too.
        "cataire" => head(&["colo", "Colo", "sous-lo", "Sous-lo", "lo", "Lo"]),
        "éfunt" => head(&["d", "D"]).map(feminine),
        "ie civile" => head(&["part", "Part"]),
        "ndeur" => head(&["dema", "Dema", "défe", "Défe", "ve", "Ve"]),
        "eresse" => head(&["demand", "Demand", "défend", "Défend", "vend", "Vend"]),
        // `acquéreur`, `acquéreuse`.
        "cquéreu" => {
            let end = match text.as_bytes().get(e) {
                Some(b'r') => e + 1,
                Some(b's') if text[e..].starts_with("se") => e + 2,
                _ => return None,
            };
            head(&["a", "A"]).map(|(start, _)| (start, end))
        }
        "equérant" => head(&["r", "R"]).map(feminine),
        "énommé" => head(&["d", "D"]).map(feminine),
        _ => Some((s, e)),
    }
}

/// Whether `w` is a word of [`FIRST_NAMES`], in any case, with or without its accents: a
/// binary search, apart from the word table that every word of a name is looked up in, which
/// they would make larger for nothing (they are asked only after a word of [`Trigger::Lead`]).
fn is_first_name(w: &str) -> bool {
    let mut buf = [0u8; 32];
    fold_into(w, &mut buf).is_some_and(|f| FIRST_NAMES.binary_search(&f).is_ok())
}

/// A name at `p` that opens with a common first name ([`FIRST_NAMES`], or a compound of them:
/// `Jean-Pierre`) and goes on with a surname (`Karim Haddad`, `Jean DURAND`, `Marie de La
/// Tour`): a person's, where a party may stand without civility. Not a first name alone (`entre
/// Pierre et Paul`).
fn first_name_and_surname(text: &str, p: usize) -> Option<(usize, usize)> {
    let (ws, we) = word_at(text, p)?;
    let w = &text[ws..we];
    if !w.starts_with(char::is_uppercase)
        || !(is_first_name(w) || w.contains('-') && w.split('-').all(is_first_name))
    {
        return None;
    }
    let (ns, ne) = parse_name(text, p)?;
    (ns == ws && ne > we + 1).then_some((ns, ne))
}

/// Whether the capitalised words (and lower-case particles) that run into `ns`, a word apart
/// each, hold a body's word: `Direction` in `La Direction Générale des Finances Publiques`,
/// where the name found before `domiciliée` is `des Finances Publiques`. A comma, another
/// lower-case word (`la société Alpha et Jean Durand`) or a line break ends the run.
#[inline(never)]
fn body_runs_into(text: &str, ns: usize) -> bool {
    let mut p = ns;
    for _ in 0..4 {
        let before = &text[..p];
        let t = before.trim_end_matches(' ');
        if t.len() == before.len() {
            return false;
        }
        let Some((ws, we)) = last_word(t) else {
            return false;
        };
        if we != t.len() {
            return false;
        }
        let w = without_elision(&t[ws..we]);
        if w.starts_with(char::is_uppercase) {
            if in_list(w, IN_ORGS | IN_BODY_HEADS) {
                return true;
            }
        } else if !in_list(w, IN_PARTICLES) {
            return false;
        }
        p = ws;
    }
    false
}

/// Whether the name `ns..ne`, found before `demeurant`, `domicilié` or `né le`, is a person's,
/// not a body's, a title's or an apposition's; `found` are the candidates found before it.
#[inline(never)]
fn person_in_party_position(text: &str, ns: usize, ne: usize, found: &[Candidate]) -> bool {
    let span = &text[ns..ne];
    let before = text[..ns].trim_end();
    // What precedes the name: a civility (already a candidate), a company word, a place's word
    // (`de l'immeuble Le Grand Pavois`, `de nationalité Algérienne`, `d'origine Marocaine`).
    // (Not past a comma: `le directeur de la société, Jean Durand, domicilié`.)
    if let Some((ws, we)) = last_word(before)
        && (!before.ends_with(',') && in_list(without_elision(&before[ws..we]), IN_ORGS)
            || place_word_before(&before[ws..we])
            || is_civility_word(&before[ws..we]))
    {
        return false;
    }
    // The word right before, a space apart: a determiner, which no person's name takes
    // (`son Représentant Légal domicilié`, `contre la Macif, domiciliée`, `de l'Olympique
    // Lyonnais`); a capitalised title whose tail the name is (`M. LE DIRECTEUR REGIONAL DES
    // FINANCES PUBLIQUES`, `Le Préfet de la Région Auvergne-Rhône-Alpes`); a company's form in
    // dotted capitals (`S.A.R.L. BATI PLUS`).
    if before.len() < ns {
        let token = before
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        if matches!(
            token,
            "son" | "sa" | "ses" | "leur" | "leurs" | "le" | "la" | "les" | "l'" | "l’"
        ) || (token.starts_with("l'") || token.starts_with("l’"))
            && without_elision(token).starts_with(char::is_uppercase)
        {
            return false;
        }
        let w = without_elision(token);
        if w.starts_with(char::is_uppercase)
            && in_list(w, IN_TITLES)
            && span.split(' ').next().is_some_and(|f| {
                f.starts_with(char::is_lowercase)
                    || in_list(f, IN_NOT_NAMES) && !in_list(f, IN_PARTICLES)
            })
        {
            return false;
        }
        if token.contains('.') {
            let mut buf = [0u8; 16];
            let mut n = 0;
            for b in token.bytes().filter(|&b| b != b'.') {
                if n == buf.len() {
                    break;
                }
                buf[n] = b;
                n += 1;
            }
            if std::str::from_utf8(&buf[..n]).is_ok_and(|w| n < buf.len() && in_list(w, IN_ORGS)) {
                return false;
            }
        }
    }
    // The end of a body's longer name, whose start the name stopped short of (`La Direction
    // Générale des Finances Publiques, domiciliée`).
    if body_runs_into(text, ns) {
        return false;
    }
    let mut words = span.split(' ');
    let first = words.next().unwrap_or_default();
    // Opened by an article (`La Macif`, `Le Parti Socialiste`, `L'EARL Les Vergers`, `LA
    // POSTE`), a name is a body's: a surname that takes one takes a first name before it too
    // (`Jean Le Gall`). Opened by a lower-case word (`de la Transition Écologique`, after
    // `Ministre`) or an adjective (`Régional`, `Départemental`), it is the tail of a longer one.
    if matches!(first, "La" | "Le" | "Les" | "LA" | "LE" | "LES")
        || first.starts_with("L'")
        || first.starts_with("L’")
        || first.starts_with(char::is_lowercase)
        || in_list(first, IN_NOT_NAMES) && !in_list(first, IN_PARTICLES)
    {
        return false;
    }
    // A body's name; or a lawyer or a liquidator acting as such (`Me Jean Dupont, domicilié
    // en cette qualité`).
    if body_name(span) || is_master_at(text, ns) {
        return false;
    }
    // An apposition to a party just named, by a marker or after a civility: a trade, a status
    // or a nationality (`Monsieur [K] [P], Ingénieur, demeurant`, `M. [K], Retraité, demeurant`,
    // `M. Jean Durand, Artisan Plombier, demeurant`), whose first words the name may have
    // stopped short of (`M. [K], Directeur Commercial, demeurant`).
    let mut head = before;
    for _ in 0..3 {
        match head.rsplit_once(' ') {
            Some((h, w)) if w.starts_with(char::is_uppercase) && !w.ends_with(',') => {
                head = h.trim_end_matches(' ');
            }
            _ => break,
        }
    }
    if let Some(apposed) = head.strip_suffix(',').map(str::trim_end) {
        let marker = apposed.ends_with("...")
            || apposed.ends_with('…')
            || apposed.strip_suffix(']').is_some_and(|a| {
                a.rsplit_once('[').is_some_and(|(_, inner)| {
                    (1..=4).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_uppercase())
                })
            });
        if marker || found.iter().rev().take(4).any(|c| c.end == apposed.len()) {
            return false;
        }
    }
    !(before.ends_with(']') || before.ends_with("...") || before.ends_with('…'))
}

/// Whether `span`, a name found in a party position, is a body's by its words: a company
/// word opening it (`Banque Populaire Auvergne`), a body's word anywhere in it (`Lyon
/// Métropole Habitat`, `Sorbonne Université`), a body's acronym in capitals (`AXA FRANCE
/// IARD`, `UNEDIC DELEGATION AGS CGEA DE LYON`, `SNCF Voyageurs`), `France` at its end
/// (`Radio France`, `Électricité de France`, `Météo-France`), or an adjective (`Hermès
/// International`).
fn body_name(span: &str) -> bool {
    let first = span.split(' ').next().unwrap_or_default();
    let several = span.contains(' ');
    in_list(without_elision(first), IN_ORGS | IN_BODY_HEADS)
        || span.split(' ').any(|w| {
            let w = without_elision(w);
            w.starts_with(char::is_uppercase) && is_folded_in(w, BODY_MARKS)
                || w.len() >= 2
                    && w.bytes().all(|b| b.is_ascii_uppercase())
                    && is_folded_in(w, BODY_ACRONYMS)
        })
        || several && span.ends_with(" France")
        || span.split(' ').next_back().is_some_and(|w| {
            w.strip_suffix("-France")
                .is_some_and(|h| !h.is_empty() && !h.ends_with("Marie"))
        })
        || several
            && span
                .rsplit(' ')
                .next()
                .is_some_and(|w| in_list(w, IN_NOT_NAMES) && !in_list(w, IN_PARTICLES))
}

/// Nouns that name a brand, a company, a work or a shop by the words that follow them, a
/// civility or a party word among them (`la société Monsieur Bricolage`, `le roman Madame
/// Bovary`, `la marque veuve Clicquot`, `le film « Monsieur Klein »`), folded.
const BRAND_NOUNS: &[&str] = &[
    "societe",
    "marque",
    "marques",
    "enseigne",
    "magazine",
    "journal",
    "revue",
    "roman",
    "livre",
    "ouvrage",
    "film",
    "serie",
    "emission",
    "restaurant",
    "magasin",
    "magasins",
    "boutique",
    "champagne",
    "maison",
    "cuvee",
    "franchise",
    "label",
    "denomination",
    "titre",
    "chanson",
    "album",
    "spectacle",
    "piece",
    "personnage",
    "oeuvre",
    "logiciel",
    "application",
    "produit",
    "produits",
    "gamme",
    "slogan",
    "sigle",
];

/// Words between a noun of [`BRAND_NOUNS`] and the brand (`la marque verbale « MONSIEUR
/// BRICOLAGE »`, `le roman intitulé Madame Bovary`), folded.
const BRAND_QUALIFIERS: &[&str] = &[
    "verbale",
    "figurative",
    "semi-figurative",
    "complexe",
    "deposee",
    "intitule",
    "intitulee",
    "denommee",
    "denomme",
];

/// Whether the word at `s` is set in a brand's or a work's name by the words just before it,
/// a space or an opening quote apart: a noun of [`BRAND_NOUNS`], or one and a word of
/// [`BRAND_QUALIFIERS`] (`la société Monsieur Store`, `la marque verbale « MONSIEUR
/// BRICOLAGE »`). Not past a comma or another word (`la société, M. Durand`, `la société de
/// M. Durand`).
fn brand_before(text: &str, s: usize) -> bool {
    let lo = floor_boundary(text, s.saturating_sub(48));
    let mut before = text[lo..s]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '«' | '"' | '“' | '‘'));
    for i in 0..2 {
        let Some((a, b)) = last_word(before) else {
            return false;
        };
        if b != before.len() {
            return false;
        }
        let w = without_elision(&before[a..b]);
        if is_folded_in(w, BRAND_NOUNS) {
            return true;
        }
        if i == 1 || !is_folded_in(w, BRAND_QUALIFIERS) {
            return false;
        }
        before = before[..a].trim_end();
    }
    false
}

/// A civility at `s..e` and the names that follow it: `M. Jean Dupont`, `MM. Pons, Choquet`,
/// `Mmes Djikpa et Brun`. Pushes the candidates and returns where the scan resumes.
///
/// `label_end` is where the last names a label before them made professionals end: when only
/// a comma or `et` lies between them and this civility, its names are the label's too
/// (`Conseillers : Madame Lise MARTY, Monsieur Marc DURIEUX`). Updated for the next group.
fn civility_group(
    text: &str,
    s: usize,
    e: usize,
    plural: bool,
    out: &mut Vec<Candidate>,
    label_end: &mut Option<usize>,
) -> usize {
    let carried = label_end
        .take()
        .is_some_and(|le| le <= s && matches!(text[le..s].trim_matches(' '), "," | "et" | ", et"));
    let first = out.len();
    let mut p = skip_spaces(text, e);
    let push = |out: &mut Vec<Candidate>, (ns, ne): (usize, usize)| {
        out.push(Candidate {
            start: ns,
            end: ne,
            context: NameContext::Civility,
            professional: false,
            civility: s,
        });
    };
    // Markers stand for names; one may mask a first name only, the surname in clear after it
    // (`M. [H] Durand`), or one member of a plural civility (`MM. [R] et Bernard`).
    let markers_end = skip_bracket_markers(text, p);
    if markers_end > p {
        p = markers_end;
        let r = skip_spaces(text, p);
        if r > p
            && text[r..].starts_with(char::is_uppercase)
            && let Some((ns, ne)) = parse_name(text, r)
            && word_at(text, ns).is_some_and(|(a, b)| may_be_name_word(&text[a..b]))
        {
            push(out, (ns, ne));
            p = ne;
        }
    } else if let Some(name) = parse_name(text, p) {
        push(out, name);
        p = name.1;
    } else {
        // Initials stand for the name (`Mme C... A... B..., née Chantal Abadie`): a maiden name
        // in clear may follow them.
        let initials_end = skip_dotted_markers(text, p);
        if initials_end == p {
            return e;
        }
        p = initials_end;
    }
    // A maiden or married name after the first (`Mme [K], née Durand`, `Mme [K] (née Durand)`,
    // `Mme [K] ép. Durand`, `Mme [K] EPOUSE DURAND`).
    if maiden_may_follow(text.as_bytes(), p)
        && let Some(name) = maiden_name_after(text, p)
    {
        push(out, name);
        p = name.1;
    } else if out.len() == first && !plural {
        return e;
    }
    if plural {
        // `MM. Pons, Choquet, conseillers`, `Mmes Djikpa et Brun`, `Mmes [W] [A] et Sophie
        // Bernard`.
        // Whether the last member was a name in clear, not markers.
        let mut after_name = out.len() > first;
        loop {
            let q = skip_separator(text, p);
            if q == p {
                break;
            }
            let markers_end = skip_bracket_markers(text, q);
            if markers_end > q {
                p = markers_end;
                after_name = false;
                continue;
            }
            let Some(c) = text[q..].chars().next() else {
                break;
            };
            // A name may open with a particle in lower case (`Mmes Le Bras, de Cabarrus,
            // Lion`): [`parse_name`] takes it only before a capitalised word. Within a list of
            // names in clear, the court's; not after markers, where `du Syndicat national`
            // goes on with the parties (`de MM. [G] [F], [P] [I], du Syndicat…`), nor a body.
            let particle = c.is_lowercase()
                && after_name
                && word_at(text, q).is_some_and(|(a, b)| {
                    in_list(&text[a..b], IN_PARTICLES) || text[a..b].starts_with("d'")
                })
                && parse_name(text, q).is_some_and(|(ns, ne)| !body_name(&text[ns..ne]));
            if !(c.is_uppercase() || particle)
                || civility_at(text, q).is_some()
                || is_master_at(text, q)
            {
                break;
            }
            let Some((ns, ne)) = parse_name(text, q) else {
                break;
            };
            push(out, (ns, ne));
            p = ne;
            after_name = true;
        }
        if out.len() == first {
            return e;
        }
    }
    let professional = role_follows(text, p, plural)
        || {
            let labelled = carried
                || pro_before(text, s)
                || cited_author(text, s, p)
                || office_before(text, s, p)
                || report_follows(text, p);
            if labelled {
                *label_end = Some(p);
            }
            labelled
        }
        || public_official(text, s, p);
    for c in &mut out[first..] {
        c.professional = professional;
    }
    p
}

/// Whether the name ending at `p` is the reporting judge's, as court-of-appeal decisions
/// write it: `Entendu Mme Claire Petit en son rapport`, `…, conseillère, en son rapport`.
#[inline(never)]
fn report_follows(text: &str, p: usize) -> bool {
    const REPORT: &str = "en son rapport";
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied();
    // ` en son rapport` right after the name.
    if at(p) == Some(b' ') && text[p + 1..].starts_with(REPORT) {
        return true;
    }
    // `, conseillère, en son rapport`: a role between two commas.
    if at(p) != Some(b',') {
        return false;
    }
    let r = skip_spaces(text, p + 1);
    let Some((_, we)) = word_at(text, r) else {
        return false;
    };
    text[we..].starts_with(", ")
        && text[we + 2..].starts_with(REPORT)
        && in_list(&text[r..we], IN_ROLES)
}

/// A cheap test before [`maiden_name_after`], inlined where it is asked at every civility:
/// after a comma or a space, the first byte of one of its words, an opening parenthesis or
/// more space.
#[inline]
fn maiden_may_follow(b: &[u8], p: usize) -> bool {
    let mut r = p;
    if b.get(r) == Some(&b',') {
        r += 1;
    }
    if b.get(r) == Some(&b' ') {
        r += 1;
    }
    r > p
        && matches!(
            b.get(r),
            Some(b'n' | b'V' | b'E' | 0xc3 | 0xc2 | 0xe2 | b'(' | b' ' | b'\t')
        )
}

/// The maiden or married name that follows a woman's name or marker ending at `p`, after a
/// comma, a space or an opening parenthesis: `, née Durand`, ` (née Durand)`, ` ép. Durand`,
/// ` Vve Durand`, ` Épouse Durand`, ` EPOUSE DURAND` (the lower-case `épouse` and `veuve` are
/// triggers of their own). A surname, not a listed word (`née Française`).
#[inline(never)]
fn maiden_name_after(text: &str, p: usize) -> Option<(usize, usize)> {
    const WORDS: &[&str] = &[
        "née ", "ép. ", "Vve ", "Épouse ", "ÉPOUSE ", "EPOUSE ", "VEUVE ",
    ];
    let b = text.as_bytes();
    let mut r = p;
    if b.get(r) == Some(&b',') {
        r += 1;
    }
    r = skip_spaces(text, r);
    if b.get(r) == Some(&b'(') && r > p {
        r += 1;
    }
    if r == p || !matches!(b.get(r), Some(b'n' | b'V' | b'E' | 0xc3)) {
        return None;
    }
    let word = WORDS.iter().find(|w| has_prefix(&b[r..], w.as_bytes()))?;
    let q = skip_spaces(text, r + word.len());
    let (ns, ne) = parse_name(text, q)?;
    word_at(text, ns)
        .is_some_and(|(a, b)| may_be_name_word(&text[a..b]))
        .then_some((ns, ne))
}

/// The end of the initials that stand for a name at `p` (`C...`, `C... A... B...`, `X…`,
/// `AB-C...`), spaces between, on the same line; `p` when there is none.
fn skip_dotted_markers(text: &str, p: usize) -> usize {
    let b = text.as_bytes();
    let mut end = p;
    let mut r = p;
    loop {
        let mut i = r;
        while i < b.len() && i - r < 6 && (b[i].is_ascii_uppercase() || b[i] == b'-') {
            i += 1;
        }
        if i == r {
            break;
        }
        let dots = if b[i..].starts_with(b"...") {
            3
        } else if text[i..].starts_with('…') {
            '…'.len_utf8()
        } else {
            break;
        };
        end = i + dots;
        r = skip_spaces(text, end);
    }
    end
}

/// The end of the bracketed markers at `p` (`[K]`, `[K] [C]`), spaces between, on the same
/// line; `p` when there is none.
fn skip_bracket_markers(text: &str, p: usize) -> usize {
    let b = text.as_bytes();
    let mut end = p;
    let mut r = p;
    while b.get(r) == Some(&b'[') {
        // Markers are short (`[K]`, `[Adresse 1]`): a byte loop beats a search's set-up, and
        // most are one or two letters.
        let close = if b.get(r + 2) == Some(&b']') && b[r + 1].is_ascii_uppercase() {
            Some(1)
        } else {
            b[r + 1..b.len().min(r + 40)]
                .iter()
                .position(|&c| c == b']' || c == b'\n' || c == b'[')
        };
        match close {
            Some(i) if b[r + 1 + i] == b']' => {
                end = r + i + 2;
                r = skip_spaces(text, end);
            }
            _ => break,
        }
    }
    end
}

/// After a name ending at `p`: is there a role, directly or at the end of an enumeration of
/// names (`M. X, Mme Y, conseillers`)?
fn role_follows(text: &str, p: usize, plural: bool) -> bool {
    role_after(text, p, plural).is_some()
}

/// [`role_follows`], and where the role starts (past `(`: `M. Bonnal (président)`).
fn role_after(text: &str, mut p: usize, mut plural: bool) -> Option<usize> {
    // A compound name broken after its hyphen (`Mme Renault- Malignac, conseiller doyen`): the
    // role follows its second half.
    if text[p..].starts_with('-') {
        let r = skip_spaces(text, p + 1);
        if r > p + 1
            && text[r..].starts_with(|c: char| c.is_uppercase())
            && let Some((_, we)) = word_at(text, r)
        {
            p = we;
        }
    }
    for _ in 0..40 {
        // The role in parentheses: `M. Bonnal (président)`.
        let r = skip_ws(text, p);
        if text[r..].starts_with('(') {
            let role = skip_ws(text, r + 1);
            if role_at(text, role) {
                return Some(role);
            }
        }
        let q = skip_separator(text, p);
        if role_at(text, q) {
            return Some(q);
        }
        if q == p {
            // Directly after the name, without comma: `M. BONNAL président`.
            return None;
        }
        p = q;
        // Another member of the enumeration: after a civility, or bare after a plural one
        // (`Mmes Schmitt, Aldigé, M. Baraké`).
        if let Some(ce) = civility_at(text, p) {
            plural = is_plural_civility(&text[p..ce]);
            p = skip_spaces(text, ce);
        } else if !plural || is_master_at(text, p) {
            return None;
        }
        let mut advanced = false;
        // Markers (`Mme [K] [C]`) stand for names in an enumeration too.
        loop {
            let r = skip_spaces(text, p);
            let hi = ceil_boundary(text, r + 60);
            match crate::text::markers::find_markers(&text[r..hi]).first() {
                Some(m) if m.start == 0 => {
                    p = r + m.end;
                    advanced = true;
                }
                _ => break,
            }
        }
        if !advanced {
            match parse_name(text, p) {
                Some((_, ne)) => p = ne,
                None => return None,
            }
        }
    }
    None
}

/// A word without the elided article or preposition it starts with: `l'association` →
/// `association`, `d’Entreprise` → `Entreprise`.
fn without_elision(w: &str) -> &str {
    for lead in ["l'", "d'", "l’", "d’", "L'", "D'", "L’", "D’"] {
        if let Some(rest) = w.strip_prefix(lead) {
            return rest;
        }
    }
    w
}

/// Skips `, `, ` et `, `, et ` and white space (line breaks included); returns `p` unchanged
/// when there is no separator.
fn skip_separator(text: &str, p: usize) -> usize {
    let mut q = p;
    let mut sep = false;
    loop {
        let r = skip_ws(text, q);
        if text[r..].starts_with(',') {
            q = r + 1;
            sep = true;
        } else if text[r..].starts_with("et ") {
            q = r + 3;
            sep = true;
        } else {
            if r > q {
                // White space alone separates `M. BONNAL président`.
                q = r;
                sep = true;
            }
            break;
        }
    }
    if sep { skip_ws(text, q) } else { p }
}

/// A professional role at `p`: `président`, `conseiller référendaire`, `avocat général`,
/// `greffier de chambre`, `ès qualités de liquidateur`…
fn role_at(text: &str, p: usize) -> bool {
    let mut p = p;
    // `ès qualités de liquidateur`, `en qualité de mandataire`, `pris en sa qualité d'expert`.
    for lead in [
        "ès qualités de ",
        "ès qualités d'",
        "es qualités de ",
        "en qualité de ",
        "en qualité d'",
        "en sa qualité de ",
        "en sa qualité d'",
        "pris en sa qualité de ",
        "prise en sa qualité de ",
        "pris en qualité de ",
        "prise en qualité de ",
    ] {
        if text[p..].starts_with(lead) {
            p += lead.len();
            break;
        }
    }
    // The word at `p` (none when `p` is not on a letter).
    let Some((_, we)) = word_at(text, p) else {
        return false;
    };
    let w = &text[p..we];
    // Folded once, for the lists and for the match below.
    let Some(role) = fold_key(w) else {
        return false;
    };
    if key_lists(&role) & IN_ROLES == 0 {
        // `présidente-assesseure`, `juge-rapporteur`, `secrétaire-greffière`; in citations,
        // `prés.`, `cons. rapp.`, `av. gén.`.
        return compound_role(role.as_str()) || abbreviated_role(text, p, we).is_some();
    }
    let rest = text[we..].trim_start();
    // The word right after the role, past white space (a line break of a wrapped text), a comma
    // (`présidente, de la société X`), an opening parenthesis or quote; none past other
    // punctuation, whose words are no longer the role's (`présidente : 35 % de chances de
    // succès`).
    let next = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '(' | '«' | '"' | '“')
    });
    let next = first_word(next)
        .filter(|&(a, _)| a == 0)
        .map(|(a, b)| &next[a..b])
        .unwrap_or("");
    let folded_is = |w: &str, list: &[&str]| is_folded_in(w, list);
    // `rest`, folded, starts with `prefix`.
    let rest_is = |prefix: &str| folded_starts_with(rest, prefix);
    match role.as_str() {
        // `président de la société X`, `président du conseil d'administration` are parties'
        // officers; `président de chambre`, `du tribunal` are the court.
        "president" | "presidente" | "presidents" | "vice-president" | "vice-presidente"
            if folded_is(next, &["de", "du", "d"]) || next.starts_with("d'") =>
        {
            court_noun_follows(rest) || rest_is("de la republique")
        }
        "conseiller" | "conseillere" | "conseillers" | "conseilleres" => !folded_is(
            next,
            &[
                "municipal",
                "municipale",
                "municipaux",
                "regional",
                "regionale",
                "departemental",
                "departementale",
                "financier",
                "financiere",
                "juridique",
                "en",
                "clientele",
                "commercial",
                "commerciale",
                "technique",
                "principal",
                "bancaire",
                "social",
                "sociale",
                "conjugal",
                "d'orientation",
                "patrimonial",
            ],
        ),
        // A company's directors are not the court's.
        "directeur" | "directrice" => {
            folded_is(next, &["de", "des"])
                && (rest_is("de greffe") || rest_is("des services de greffe"))
        }
        "delegue" | "deleguee" => !folded_is(next, &["syndical", "syndicale", "du", "de"]),
        // `secrétaire du contentieux` (Conseil d'État), `secrétaire greffier`.
        "secretaire" => {
            rest_is("de la juridiction")
                || rest_is("greffier")
                || rest_is("du conseil")
                || rest_is("du contentieux")
                || rest_is("de la section du contentieux")
        }
        "premier" | "premiere" => folded_is(
            next,
            &[
                "president",
                "presidente",
                "avocat",
                "vice-president",
                "vice-presidente",
                "conseiller",
                "conseillere",
                "substitut",
                "greffier",
            ],
        ),
        "doyen" | "doyenne" | "doyens" => true,
        // The court's staff: `juriste assistant`, `attachée de justice`, `cadre greffier`,
        // `adjoint administratif faisant fonction de greffier`; and `conciliateur de justice`.
        "juriste" => folded_is(next, &["assistant", "assistante"]),
        "attache" | "attachee" | "conciliateur" | "conciliatrice" => rest_is("de justice"),
        "cadre" => folded_is(next, &["greffier", "greffiere"]),
        "adjoint" | "adjointe" => {
            rest_is("administratif faisant fonction")
                || rest_is("administrative faisant fonction")
                || rest_is("faisant fonction de greffier")
        }
        // `maître des requêtes` (Conseil d'État); not `maître d'œuvre`.
        "maitre" => rest_is("des requetes"),
        // `commissaire de justice`, `du gouvernement`; a `commissaire à l'exécution du plan`
        // is a court-appointed agent the Cour de cassation pseudonymises like a party.
        "commissaire" => rest_is("de justice") || rest_is("du gouvernement"),
        "defenseur" | "defenseure" => folded_is(next, &["des", "syndical", "syndicale"]),
        "garde" => rest_is("des sceaux"),
        // An academic who writes a note on the decision (`M. Jean Dupont, professeur à
        // l'université Paris II`); not a party's trade (`professeur des écoles`).
        "professeur" | "professeure" | "professeurs" => [
            "a l'universite",
            "des universites",
            "de droit",
            "agrege",
            "emerite",
            "a la faculte",
            "honoraire",
        ]
        .iter()
        .any(|p| rest_is(p)),
        _ => true,
    }
}

/// The length of the ordinal that `t` starts with (see [`is_ordinal`]), followed by a space.
fn ordinal_len(t: &str) -> Option<usize> {
    let end = t.find(' ')?;
    is_ordinal(&t[..end]).then_some(end)
}

/// Whether `w` is an ordinal, in figures or in words (`4ème`, `1re`, `2e`, `10ème`,
/// `première`, `quatrième`, `seconde`): the number of a chamber or a section.
fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let Some(key) = fold_key(&w[digits..]) else {
        return false;
    };
    let k = key.as_str();
    if digits > 0 {
        matches!(k, "e" | "eme" | "er" | "ere" | "re" | "de" | "nd" | "nde")
    } else {
        k.ends_with("ieme") || matches!(k, "premier" | "premiere" | "second" | "seconde")
    }
}

/// Whether `role`, a folded word with a hyphen, joins a member of the court to what they do
/// on the bench, as administrative courts' compositions write it (`présidente-assesseure`,
/// `président-rapporteur`, `conseillère-rapporteure`, `juge-rapporteur`, `secrétaire-greffière`):
/// a member of the court whatever the genders and in any order of the usual pairs.
fn compound_role(role: &str) -> bool {
    const HEADS: &[&str] = &[
        "president",
        "presidente",
        "vice-president",
        "vice-presidente",
        "conseiller",
        "conseillere",
        "juge",
        "magistrat",
        "magistrate",
        "secretaire",
    ];
    const TAILS: &[&str] = &[
        "assesseur",
        "assesseure",
        "rapporteur",
        "rapporteure",
        "referendaire",
        "suppleant",
        "suppleante",
        "greffier",
        "greffiere",
        "doyen",
        "doyenne",
    ];
    role.rsplit_once('-')
        .is_some_and(|(head, tail)| HEADS.contains(&head) && TAILS.contains(&tail))
}

/// A role abbreviated as case notes and citations write it after a name (`(Mme Martinel,
/// prés.)`, `M. X, cons. rapp.`, `Mme Y, av. gén.`, `M. Z, proc. gén.`, `subst.`), the word
/// `p..we` ending at its full stop: where the role ends. `av.` and `proc.` need what follows
/// (`av. gén.`, not `av. Foch`).
fn abbreviated_role(text: &str, p: usize, we: usize) -> Option<usize> {
    if !text[we..].starts_with('.') {
        return None;
    }
    let w = fold_key(&text[p..we])?;
    let end = we + 1;
    match w.as_str() {
        // Of a court when it says of which body (`prés. de la 2e chambre`), not another's:
        // `prés. de l'association requérante`, `rapp. de la commission de surendettement`.
        "pres" | "rapp" | "cons" | "subst" => abbreviation_of_a_court(&text[end..]).then_some(end),
        "av" | "proc" | "prem" => {
            let q = skip_spaces(text, end);
            let (_, ne) = word_at(text, q)?;
            let next = fold_key(&text[q..ne])?;
            let ok = match w.as_str() {
                "av" => next.as_str().starts_with("gen"),
                "proc" => next.as_str().starts_with("gen") || next.as_str().starts_with("rep"),
                _ => next.as_str() == "pres",
            };
            ok.then_some(ne + usize::from(text[ne..].starts_with('.')))
        }
        _ => None,
    }
}

/// After an abbreviated role (`prés.`, `rapp.`): nothing of a body, or a court's (`de la 2e
/// chambre`, `du tribunal`): no `de`/`du`/`des`/`d'` that names another body.
fn abbreviation_of_a_court(rest: &str) -> bool {
    let t = rest.trim_start();
    let Some((0, b)) = first_word(t) else {
        return true;
    };
    let w = &t[..b];
    let of = is_folded_in(w, &["de", "du", "des"]) || w.starts_with("d'") || w.starts_with("d’");
    !of || noun_after_of(rest).is_some_and(|(w, _)| is_folded_in(w, COURT_BODIES))
}

/// The bodies of a court that `président de …` and an abbreviated role (`prés. de …`) may name.
const COURT_BODIES: &[&str] = &[
    "chambre",
    "section",
    "sous-section",
    "formation",
    "tribunal",
    "cour",
    "juridiction",
];

/// The noun that `de`/`du`/`de la`/`de l'`/`d'` introduce at the start of `rest`, past an
/// ordinal (`de la 4ème chambre`, `de la première section`), elision marks taken off, and what
/// follows it; `None` when no word comes within the first four.
fn noun_after_of(rest: &str) -> Option<(&str, &str)> {
    let mut r = rest;
    for _ in 0..4 {
        let t = r.trim_start();
        if let Some(end) = ordinal_len(t) {
            r = &t[end..];
            continue;
        }
        let (a, b) = first_word(t)?;
        if a != 0 {
            return None;
        }
        let w = &t[..b];
        if is_folded_in(w, &["de", "du", "la", "des"]) {
            r = &t[b..];
            continue;
        }
        let w = w
            .strip_prefix("l'")
            .or_else(|| w.strip_prefix("d'"))
            .or_else(|| w.strip_prefix("l’"))
            .unwrap_or(w);
        return Some((w, &t[b..]));
    }
    None
}

/// After `président`: does `de`/`du`/`de la`/`de l'` introduce a court body (`président de
/// chambre`, `du tribunal`, `de la formation`), not a company's (`de la société`, `du conseil
/// d'administration`)?
fn court_noun_follows(rest: &str) -> bool {
    let Some((w, after)) = noun_after_of(rest) else {
        return false;
    };
    if is_folded_in(w, &["conseil"]) {
        let f = fold(&after[..ceil_boundary(after, 16)]);
        return f.starts_with(" de prud") || f.starts_with(" d'etat");
    }
    is_folded_in(w, COURT_BODIES)
        || is_folded_in(
            w,
            &[
                "audience",
                "bureau",
                "college",
                "pole",
                "ordre",
                "jury",
                "commission",
            ],
        )
}

/// Is the civility at `s` preceded by a role or a phrase that introduces the court
/// (`Sur le rapport de`, `où étaient présents`, `Greffier :`, `la présidente`)?
fn pro_before(text: &str, s: usize) -> bool {
    let lo = floor_boundary(text, s.saturating_sub(40));
    let before = text[lo..s].trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '-');
    // `Le rapporteur, M. X`, `L'avocat général, M. X`: a role after an article, then a comma.
    // (Not `M. X, conseiller, M. Y`, where the role is X's.)
    let (before, comma) = match before.strip_suffix(',') {
        Some(b) => (b.trim_end(), true),
        None => (before, false),
    };
    let mut buf = [0u8; 160];
    let Some(f) = fold_into(before, &mut buf) else {
        return false;
    };
    if comma
        && !f
            .rsplit(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(4)
            .any(|w| matches!(w, "le" | "la" | "l"))
    {
        return false;
    }
    let last = f.as_bytes().last();
    PRO_BEFORE.iter().any(|p| {
        // The last byte first: a cheap test that fails for most phrases.
        p.as_bytes().last() == last
            && f.ends_with(p)
            && f[..f.len() - p.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Words of a legal citation that, just before a civility, introduce the author of a note, a
/// comment or a study on a decision (`D. 2023, p. 1800, note M. Mekki`, `obs. de M.
/// Jourdain`, `chron. Mme X`, `in M. X, Mélanges…`), folded. Only words a citation uses so:
/// `la note de M. X`, `les observations de M. X` may be a party's.
const AUTHOR_BEFORE: &[&str] = &[
    "note",
    "obs.",
    "obs. de",
    "chron.",
    "chron. de",
    "comm.",
    "comm. de",
    "concl. de",
    "etude",
    "in",
];

/// Publishers and reviews a work's citation names after a comma (`M. Poumarède, Droit des
/// obligations, LGDJ, 2023`, `M. Mekki, La réforme…, RTD civ. 2016`), as written. `D.`
/// (Recueil Dalloz) only before a year.
const WORK_MARKS: &[&str] = &[
    "LGDJ",
    "L.G.D.J.",
    "Dalloz",
    "PUF",
    "P.U.F.",
    "Economica",
    "Defrénois",
    "LexisNexis",
    "Lextenso",
    "Litec",
    "Sirey",
    "Montchrestien",
    "Bruylant",
    "Cujas",
    "Francis Lefebvre",
    "Lamy",
    "Ellipses",
    "Gualino",
    "Dunod",
    "RTD",
    "JCP",
    "Gaz. Pal.",
    "Rev.",
    "RDC",
    "Dr. soc.",
    "éd.",
    "coll.",
    "th.",
    "Mél.",
    "Mélanges",
    "D.",
];

/// Whether the name after the civility at `s`, ending at `name_end`, is an author a citation
/// names: after a citation word ([`AUTHOR_BEFORE`]: `note M. Mekki`), before a reference back
/// to the work (`M. Mekki, art. préc.`, `op. cit.`, `préc.`), or before a capitalised title
/// and, after another comma, a publisher or review ([`WORK_MARKS`]: `M. Poumarède, Droit des
/// obligations, LGDJ, 2023`). The author of a note or a book is neither a party nor a third
/// party to the case.
fn cited_author(text: &str, s: usize, name_end: usize) -> bool {
    let lo = floor_boundary(text, s.saturating_sub(16));
    let before = text[lo..s].trim_end();
    let mut buf = [0u8; 64];
    if let Some(f) = fold_into(before, &mut buf)
        && AUTHOR_BEFORE.iter().any(|a| {
            f.ends_with(a)
                && f[..f.len() - a.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    {
        return true;
    }
    let Some(rest) = text[name_end..].strip_prefix(',') else {
        return false;
    };
    let rest = rest.trim_start_matches(' ');
    if [
        "art. préc",
        "art. prec",
        "op. cit",
        "préc.",
        "prec.",
        "loc. cit",
        "ibid",
    ]
    .iter()
    .any(|r| rest.starts_with(r))
    {
        return true;
    }
    // A title: a capitalised word that is no role (`, Directeur`), then, within the line and
    // the clause, `, ` and a publisher or review.
    if !rest.starts_with(char::is_uppercase) || role_at(text, text.len() - rest.len()) {
        return false;
    }
    let window = &rest[..ceil_boundary(rest, 160)];
    let window = &window[..window.find(['\n', ';']).unwrap_or(window.len())];
    window.match_indices(", ").any(|(i, _)| {
        let after = &window[i + 2..];
        WORK_MARKS.iter().any(|m| {
            after.strip_prefix(m).is_some_and(|r| {
                if *m == "D." {
                    r.strip_prefix(' ')
                        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                } else {
                    !r.starts_with(char::is_alphanumeric)
                }
            })
        })
    })
}

/// Whether what follows a name (`rest`) closes an apposition to it, rather than going on with
/// a list of parties. A list goes on with another name (a civility or a capital: `…, Mme X,
/// M. Y`), with `et` or `ou` before anything but a member of the court (`Mme X et le bâtonnier`, but not
/// `M. X, et son greffier, Mme Y`), with an article that opens no date (`, le bâtonnier`, but
/// not `, le 3 mai 2019,`), or with the name's own role or party word (`, conseillère
/// municipale et…`, `, veuve Y`, `, demeurant`). Anything else closes it: a verb (`, a
/// ordonné`, ` s'est déclaré`, `, considère que`), a phrase that says when or how (`, par
/// ordonnance`), or the end of the sentence.
fn closes_apposition(rest: &str) -> bool {
    let comma = rest.starts_with(',');
    let rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    let Some(c) = rest.chars().next() else {
        return true;
    };
    if c.is_uppercase() || civility_prefix(rest).is_some() || is_master_at(rest, 0) {
        return false;
    }
    if !c.is_alphabetic() {
        return true;
    }
    let mut words = rest
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|w| !w.is_empty());
    let word = words.next().unwrap_or_default();
    match word {
        "et" | "ou" => {
            // `et son greffier`, `et le greffier`: the court's members, one after the other.
            let next = words.next().unwrap_or_default();
            let next = if matches!(
                next,
                "son" | "sa" | "ses" | "le" | "la" | "les" | "l" | "leur"
            ) {
                words.next().unwrap_or_default()
            } else {
                next
            };
            is_folded_in(
                next,
                &[
                    "juge",
                    "greffier",
                    "greffiere",
                    "conseiller",
                    "conseillere",
                    "president",
                    "presidente",
                    "assesseur",
                    "rapporteur",
                    "rapporteure",
                    "procureur",
                    "substitut",
                    "magistrat",
                ],
            )
        }
        "le" | "la" | "les" | "l" if comma => rest[word.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit()),
        _ if comma => {
            !(in_list(word, IN_ROLES | IN_TITLES)
                || is_folded_in(word, OFFICES)
                || matches!(
                    word,
                    "veuve"
                        | "épouse"
                        | "époux"
                        | "demeurant"
                        | "domicilié"
                        | "domiciliée"
                        | "né"
                        | "née"
                ))
        }
        _ => true,
    }
}

/// Offices that, heading a phrase set before a name, make the person a professional acting as
/// such whatever the phrase goes on with (`Le juge d'instruction, M. X`, `L'expert judiciaire
/// M. X`, `Le commissaire aux comptes, M. X`), folded.
const OFFICES: &[&str] = &[
    "juge",
    "juges",
    "juge-commissaire",
    "magistrat",
    "magistrate",
    "procureur",
    "procureure",
    "substitut",
    "greffier",
    "greffiere",
    "rapporteur",
    "rapporteure",
    "assesseur",
    "avocat",
    "avocate",
    "expert",
    "experte",
    "expert-comptable",
    "commissaire",
    "commissaire-priseur",
    "mediateur",
    "mediatrice",
    "conciliateur",
    "conciliatrice",
    "notaire",
    "huissier",
    "huissiere",
    "mandataire",
    "liquidateur",
    "liquidatrice",
    "defenseur",
    "officier",
    "batonnier",
];

/// Offices that are a court's only within a court (`Le président du tribunal de commerce`,
/// `Le conseiller de la mise en état`, `Conseiller employeur :`), not a company's or an
/// association's (`Le président de l'association, M. X` is a third party): the phrase must say
/// which, by a word of [`COURT_QUALIFIERS`] after the office or of [`COURT_WORDS`] after it.
const COURT_OFFICES: &[&str] = &[
    "president",
    "presidente",
    "vice-president",
    "vice-presidente",
    "conseiller",
    "conseillere",
    "delegue",
    "deleguee",
    "administrateur",
    "administratrice",
];

/// Words after an office that make it a court's (`conseiller rapporteur`, `conseiller salarié`,
/// `administrateur judiciaire`).
const COURT_QUALIFIERS: &[&str] = &[
    "rapporteur",
    "rapporteure",
    "referendaire",
    "employeur",
    "salarie",
    "salariee",
    "judiciaire",
    "doyen",
];

/// Words of a phrase that make the office before them a court's (`président de chambre`,
/// `délégué du premier président`, `délégué du défenseur des droits`, `président du conseil de
/// prud'hommes`, `du bureau de jugement`). Not `conseil`, `bureau` or `section` alone, which
/// companies, associations and unions have too (`président du conseil d'administration`,
/// `délégué syndical de la section CGT`).
const COURT_WORDS: &[&str] = &[
    "tribunal",
    "cour",
    "chambre",
    "juridiction",
    "formation",
    "prud'hommes",
    "prudhommes",
    "etat",
    "mise",
    "jugement",
    "conciliation",
    "contentieux",
    "audience",
    "pole",
    "premier",
    "premiere",
    "procureur",
    "defenseur",
];

/// Words that may qualify an office right after it (`expert judiciaire`, `juge commissaire`,
/// `médiateur désigné`), or the place or body after it (`du tribunal judiciaire`, `de la
/// chambre sociale`, `de grande instance`).
const OFFICE_WORDS: &[&str] = &[
    "judiciaire",
    "judiciaires",
    "commissaire",
    "rapporteur",
    "rapporteure",
    "referendaire",
    "designe",
    "designee",
    "commis",
    "commise",
    "general",
    "generale",
    "delegue",
    "deleguee",
    "suppleant",
    "suppleante",
    "titulaire",
    "honoraire",
    "employeur",
    "salarie",
    "salariee",
    "unique",
    "doyen",
    "administratif",
    "administrative",
    "social",
    "sociale",
    "civile",
    "commerciale",
    "criminelle",
    "correctionnelle",
    "correctionnel",
    "penale",
    "economique",
    "financiere",
    "instance",
];

/// How far before a civility, in bytes, [`office_before`] looks for the phrase.
const OFFICE_WINDOW: usize = 120;

/// The most words the phrase of [`office_before`] splits into: it holds at most
/// `OFFICE_WINDOW` bytes and 3 more (the window starts on a char boundary), each word one byte
/// or more, and a space or an apostrophe between two.
const OFFICE_PARTS: usize = (OFFICE_WINDOW + 3).div_ceil(2);

/// Is the civility at `s` preceded by a phrase headed by an office (`Le juge d'instruction,
/// M. X`, `L'expert judiciaire M. X`, `Le président du tribunal de commerce, M. X`,
/// `Conseiller employeur : M. X`)? The phrase is an article, the office, a word or two that
/// qualify it, then groups that open with a preposition (`d'instruction`, `aux comptes`, `de
/// la mise en état`, `près la cour d'appel de Rouen`), and nothing else: not `Le juge a
/// condamné M. X`, nor `L'avocat de M. X`, whose name is the client's. A label ending in `:`
/// needs no article (`Conseiller employeur : M. X`); the phrase ends at the punctuation before
/// it. The names, which end at `name_end`, must close the apposition: a comma or nothing, then
/// a verb (`Le juge d'instruction, M. X, a ordonné`, `L'expert judiciaire M. X a déposé`), or
/// the end of the sentence. Not a list of the parties (`Le procureur général près la cour
/// d'appel de Rouen, Mme X et le bâtonnier ont formé des pourvois`) nor a party's own
/// apposition (`…, Mme X, veuve Y et le bâtonnier`). Asked only of names after a civility:
/// `demeurant`, `né le` or `épouse` around a name make it a party's.
fn office_before(text: &str, s: usize, name_end: usize) -> bool {
    let lo = floor_boundary(text, s.saturating_sub(OFFICE_WINDOW));
    let mut before = text[lo..s].trim_end();
    let label = before.ends_with(':');
    if !label && !closes_apposition(&text[name_end..]) {
        return false;
    }
    before = before.trim_end_matches([':', ',', ' ']);
    // `Président (conseiller salarié) :`: the office before the parentheses, which may say it
    // is a court's.
    let mut court_aside = false;
    if before.ends_with(')')
        && let Some(open) = before.rfind('(')
    {
        court_aside = before[open + 1..before.len() - 1]
            .split_whitespace()
            .any(|w| is_folded_in(w, COURT_QUALIFIERS) || is_folded_in(w, OFFICES));
        before = before[..open].trim_end();
    }
    // The phrase: from the last punctuation (a comma, a full stop, a parenthesis…), so that
    // `saisi par M. X`, after the comma of `Le juge de l'exécution, saisi par`, is not one.
    let mut pieces = before.rsplitn(2, |c: char| {
        matches!(
            c,
            ',' | ';' | '.' | ':' | '(' | ')' | '!' | '?' | '"' | '«' | '»'
        )
    });
    let last = pieces.next().unwrap_or_default();
    let phrase = match pieces.next() {
        Some(_) => last,
        // The window may start inside a word: from the next one.
        None if lo > 0 => last.split_once(' ').map_or("", |(_, rest)| rest),
        None => last,
    };
    // Words, an elided article or preposition apart (`l'`, `d'`): each as written, and folded,
    // on the stack.
    let mut parts = [("", FoldKey([0; KEY_LEN])); OFFICE_PARTS];
    let mut n = 0;
    for w in phrase.split_whitespace() {
        let (elided, rest) = match w.find(['\'', '’']) {
            Some(i) if i > 0 && i <= 2 && w[..i].chars().all(char::is_alphabetic) => {
                let q = i + w[i..].chars().next().map_or(1, char::len_utf8);
                (Some(&w[..i]), &w[q..])
            }
            _ => (None, w),
        };
        for part in elided
            .into_iter()
            .chain(Some(rest).filter(|r| !r.is_empty()))
        {
            let (Some(key), Some(slot)) = (fold_key(part), parts.get_mut(n)) else {
                // Too long for any list; or more parts than the window holds, which cannot be
                // (see `OFFICE_PARTS`).
                return false;
            };
            *slot = (part, key);
            n += 1;
        }
    }
    let words = &parts[..n];
    let is = |i: usize, list: &[&str]| {
        words
            .get(i)
            .is_some_and(|(_, k)| list.contains(&k.as_str()))
    };
    let article = |i: usize| is(i, &["le", "la", "l", "les", "son", "sa", "leur"]);
    (0..words.len()).any(|i| {
        // `Le juge…`, `Le premier président…`; or, in a label, `Conseiller employeur :`.
        let head = if article(i) {
            i + 1 + usize::from(is(i + 1, &["premier", "premiere"]))
        } else if label && words[i].0.starts_with(char::is_uppercase) {
            i
        } else {
            return false;
        };
        let court_office = is(head, COURT_OFFICES);
        if !(court_office || is(head, OFFICES)) {
            return false;
        }
        let mut court = !court_office || court_aside;
        // A word or two that qualify the office.
        let mut j = head + 1;
        while j < head + 3 && is(j, OFFICE_WORDS) {
            court |= is(j, COURT_QUALIFIERS);
            j += 1;
        }
        // Groups that open with a preposition (`à` as written: `a` is the verb).
        while j < words.len() {
            if is(j, &["et"]) {
                j += 1;
            }
            let preposition = words.get(j).is_some_and(|(w, k)| {
                *w == "à"
                    || *w == "À"
                    || ["de", "du", "des", "d", "aux", "au", "en", "pres", "sur"]
                        .contains(&k.as_str())
            });
            if !preposition {
                return false;
            }
            j += 1;
            if article(j) {
                j += 1;
            }
            // The number of a chamber or a section (`de la 4ème chambre`).
            if words.get(j).is_some_and(|(w, _)| is_ordinal(w)) {
                j += 1;
            }
            // The body or the place (`tribunal`, `Rouen`), then what qualifies it.
            if j >= words.len() {
                return false;
            }
            court |= is(j, COURT_WORDS);
            j += 1;
            // What qualifies it, or names it (`de la société [1]`, `de commerce de Paris`).
            while is(j, OFFICE_WORDS)
                || words
                    .get(j)
                    .is_some_and(|(w, _)| w.starts_with(|c: char| c == '[' || c.is_uppercase()))
            {
                j += 1;
            }
        }
        court
    })
}

/// Offices of a public authority whose holder, named beside them, acts in office: a mayor, a
/// prefect, a minister, a rector, whatever body or place follows (`le maire de Villeurbanne`,
/// `Le ministre de l'intérieur`, `Le préfet du Rhône`); folded.
const PUBLIC_OFFICES: &[&str] = &[
    "maire",
    "prefet",
    "prefete",
    "sous-prefet",
    "sous-prefete",
    "ministre",
    "recteur",
    "rectrice",
];

/// Offices that are a public authority's only when the phrase names a public body
/// ([`PUBLIC_BODIES`]): `Le directeur général de l'agence régionale de santé`, `le secrétaire
/// général de la préfecture`, `l'inspecteur du travail`; not a company's director.
const PUBLIC_AGENTS: &[&str] = &[
    "directeur",
    "directrice",
    "secretaire",
    "inspecteur",
    "inspectrice",
];

/// Words that make the body of a [`PUBLIC_AGENTS`] office a public one (folded).
const PUBLIC_BODIES: &[&str] = &[
    "prefecture",
    "sous-prefecture",
    "prefet",
    "ministere",
    "ministre",
    "hospitalier",
    "hospitaliere",
    "hopital",
    "chu",
    "ars",
    "sante",
    "travail",
    "finances",
    "academie",
    "academique",
    "rectorat",
    "territoires",
    "police",
    "gendarmerie",
    "douanes",
    "impots",
    "commune",
    "mairie",
    "metropole",
    "ofii",
    "ofpra",
    "etat",
    "education",
    "penitentiaire",
    "public",
    "publique",
    "publics",
    "publiques",
];

/// Words that cannot be part of the phrase that names an office and its body or place: verbs,
/// relatives and the prepositions of a sentence going on (`Le maire a écrit à M. X`, `le
/// préfet, saisi par M. X`), as written or folded.
const NOT_IN_OFFICE_PHRASE: &[&str] = &[
    "a", "ont", "avait", "avaient", "est", "sont", "etait", "etaient", "qui", "que", "dont", "par",
    "pour", "avec", "contre", "selon", "chez", "sans", "sur", "lors", "apres", "avant", "lorsque",
    "quand", "si", "ne", "n", "se", "s", "saisi", "saisie",
];

/// Acts of an authority, as a past participle after `a`/`ont` or in the present tense, that an
/// official named beside their office performs in office (`a refusé le permis`, `a déféré cet
/// arrêté`, `a pris la décision`, `conclut au rejet`); folded.
const OFFICIAL_ACTS: &[&str] = &[
    "refuse",
    "rejete",
    "rejette",
    "accorde",
    "delivre",
    "pris",
    "prend",
    "signe",
    "defere",
    "produit",
    "presente",
    "retire",
    "edicte",
    "prononce",
    "decide",
    "autorise",
    "ordonne",
    "saisi",
    "saisit",
    "oppose",
    "abroge",
    "delegue",
    "nomme",
    "inflige",
    "prescrit",
    "conclu",
    "conclut",
    "adresse",
    "notifie",
    "approuve",
    "arrete",
    "fixe",
    "enjoint",
    "suspendu",
    "suspend",
    "attribue",
    "forme",
    "interjete",
    "transmis",
    "transmet",
    "emis",
    "dresse",
    "constate",
    "sanctionne",
    "licencie",
    "prolonge",
    "renouvele",
    "designe",
    "mis",
    "demande",
    "defendu",
    "homologue",
    "agree",
    "valide",
    "classe",
    "ferme",
    "rendu",
    "rend",
];

/// The acts of an office after `a refusé de`, `a décidé de`, `a demandé de` (`a refusé de
/// délivrer le titre`, `a décidé de retirer l'autorisation`); folded. Any other infinitive
/// there is the person's own act (`a refusé de payer la pension alimentaire`).
const OFFICIAL_INFINITIVES: &[&str] = &[
    "delivrer",
    "accorder",
    "renouveler",
    "enregistrer",
    "autoriser",
    "agreer",
    "retirer",
    "abroger",
    "suspendre",
    "prolonger",
    "signer",
    "deferer",
    "saisir",
    "prononcer",
    "ordonner",
    "fermer",
    "dissoudre",
    "interdire",
    "instruire",
    "examiner",
    "reexaminer",
    "admettre",
    "regulariser",
    "transmettre",
    "notifier",
    "sanctionner",
    "licencier",
    "nommer",
    "titulariser",
    "reintegrer",
    "verser",
    "attribuer",
    "octroyer",
    "homologuer",
    "valider",
    "approuver",
    "edicter",
    "prendre",
    "faire",
    "donner",
    "statuer",
    "proceder",
    "engager",
    "mettre",
];

/// Whether an official act follows the name (or the office after it) ending at `p`: `, a
/// refusé`, `, a déféré`, ` conclut`, `, signataire de l'arrêté`, `, qui disposait d'une
/// délégation`. Not `a été condamné`, `est poursuivi`: an official is a party when the case is
/// about them.
fn official_act_follows(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    let mut r = p;
    if b.get(r) == Some(&b',') {
        r += 1;
    }
    let q = skip_spaces(text, r);
    if q == r {
        return false;
    }
    let word = |q: usize| word_at(text, q).and_then(|(a, e)| Some((fold_key(&text[a..e])?, e)));
    let Some((w, we)) = word(q) else {
        return false;
    };
    let after = |we: usize| -> Option<FoldKey> { word(skip_spaces(text, we)).map(|(k, _)| k) };
    match (&text[q..we], w.as_str()) {
        ("a" | "ont" | "avait" | "avaient", _) => {
            let Some((act, ae)) = word(skip_spaces(text, we)) else {
                return false;
            };
            if !OFFICIAL_ACTS.contains(&act.as_str()) {
                return false;
            }
            // `a refusé de payer la pension`, `a refusé de rembourser le prêt`: what is refused
            // is the official's own act, not one of the office, unless it is one (`a refusé de
            // délivrer le titre`).
            let official =
                |w: &str| fold_key(w).is_some_and(|k| OFFICIAL_INFINITIVES.contains(&k.as_str()));
            let Some((a, e)) = word_at(text, skip_spaces(text, ae)) else {
                return true;
            };
            let next = &text[a..e];
            if next == "de" {
                word_at(text, skip_spaces(text, e)).is_some_and(|(a, e)| official(&text[a..e]))
            } else if let Some(verb) = next.strip_prefix("d'").or_else(|| next.strip_prefix("d’"))
            {
                official(verb)
            } else {
                true
            }
        }
        (_, "qui") => after(we).is_some_and(|k| {
            matches!(
                k.as_str(),
                "disposait" | "beneficiait" | "dispose" | "beneficie"
            )
        }),
        (_, "signataire" | "disposait" | "beneficiait") => true,
        (_, k) => OFFICIAL_ACTS.contains(&k),
    }
}

/// Whether the words of `phrase` after an office may name its body or place (`de
/// Villeurbanne`, `général de l'agence régionale de santé`, `du travail`): none of
/// [`NOT_IN_OFFICE_PHRASE`], nor a digit; and, for an office of [`PUBLIC_AGENTS`], one of
/// [`PUBLIC_BODIES`].
fn public_body_phrase(phrase: &str, agent: bool) -> bool {
    let mut public = !agent;
    for w in phrase.split(|c: char| c.is_whitespace() || c == '\'' || c == '’') {
        if w.is_empty() {
            continue;
        }
        if w.contains(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let Some(k) = fold_key(w) else {
            return false;
        };
        if w != "à" && NOT_IN_OFFICE_PHRASE.contains(&k.as_str()) {
            return false;
        }
        public |= PUBLIC_BODIES.contains(&k.as_str());
    }
    public
}

/// The kind of public office `w` is: `Some(false)` for one of [`PUBLIC_OFFICES`],
/// `Some(true)` for one of [`PUBLIC_AGENTS`] (whose body must be a public one).
fn public_office(w: &str) -> Option<bool> {
    let k = fold_key(w)?;
    if PUBLIC_OFFICES.contains(&k.as_str()) {
        Some(false)
    } else {
        PUBLIC_AGENTS.contains(&k.as_str()).then_some(true)
    }
}

/// Whether the name after the civility at `s`, ending at `name_end`, is a public official's
/// acting in office, in an administrative decision's usual phrasing: the office, its body or
/// place, and the name in apposition before an act of the office (`le maire de Villeurbanne,
/// M. X, a refusé le permis`, `Le préfet du Rhône, M. X, a déféré cet arrêté`, `Le directeur
/// général de l'agence régionale de santé, M. X, a pris la décision`), or the name first (`M.
/// X, maire de Villeurbanne, a refusé`, `M. X, secrétaire général de la préfecture, signataire
/// de l'arrêté`). The official is then neither a party nor a third party: the authority is
/// (the commune, the State). An official the case is about is not acting in office (`Le maire
/// de la commune, M. X, a été condamné`, `…, est poursuivi`): no act of the office follows.
fn public_official(text: &str, s: usize, name_end: usize) -> bool {
    // The name first: `, maire de Villeurbanne, a refusé`.
    let b = text.as_bytes();
    if b.get(name_end) == Some(&b',') {
        let q = skip_spaces(text, name_end + 1);
        if let Some((a, we)) = word_at(text, q)
            && let Some(agent) = public_office(&text[a..we])
        {
            let hi = ceil_boundary(text, we + OFFICE_WINDOW);
            let rest = &text[we..hi];
            if let Some(i) = rest.find([',', '.', ';', ':', '(', '\n'])
                && rest[i..].starts_with(',')
                && public_body_phrase(&rest[..i], agent)
                && official_act_follows(text, we + i)
            {
                return true;
            }
        }
    }
    if !official_act_follows(text, name_end) {
        return false;
    }
    // The office first: `Le préfet du Rhône, M. X, a déféré`; the name in apposition, after a
    // comma.
    let lo = floor_boundary(text, s.saturating_sub(OFFICE_WINDOW));
    let Some(before) = text[lo..s].trim_end().strip_suffix(',') else {
        return false;
    };
    let phrase = match before.rfind([',', ';', '.', ':', '(', ')', '\n', '«', '»', '"']) {
        Some(i) => &before[i + 1..],
        None => before,
    };
    let mut words = phrase
        .split(' ')
        .scan(0, |off, w| {
            let start = *off;
            *off += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .peekable();
    while let Some((start, w)) = words.next() {
        // `le maire`, `l'inspecteur`: the office and where it ends in the phrase.
        let (article, office, end) = match w.find(['\'', '’']) {
            Some(i) => {
                let q = i + w[i..].chars().next().map_or(1, char::len_utf8);
                (&w[..i], &w[q..], start + w.len())
            }
            None => match words.peek() {
                Some(&(ns, nw)) => (w, nw, ns + nw.len()),
                None => break,
            },
        };
        if !is_folded_in(article, &["le", "la", "l"]) {
            continue;
        }
        let Some(agent) = public_office(office) else {
            continue;
        };
        return public_body_phrase(&phrase[end..], agent);
    }
    false
}

/// A civility starting exactly at `p`; returns the end of the civility.
fn civility_at(text: &str, p: usize) -> Option<usize> {
    let (_, len) = civility_prefix(&text[p..])?;
    text[p + len..]
        .chars()
        .next()
        .is_some_and(char::is_whitespace)
        .then_some(p + len)
}

fn is_plural_civility(c: &str) -> bool {
    matches!(c, "MM." | "Mmes" | "Mlles" | "Messieurs" | "Mesdames")
}

fn is_civility_word(w: &str) -> bool {
    matches!(
        w,
        "M" | "MM"
            | "Mme"
            | "Mmes"
            | "Mlle"
            | "Melle"
            | "Mr"
            | "Monsieur"
            | "Madame"
            | "Mademoiselle"
            | "MME"
    )
}

/// `Me X`, `Maître X`: a lawyer, notary or bailiff.
fn is_master_at(text: &str, p: usize) -> bool {
    let t = &text[p..];
    (t.starts_with("Me ") || t.starts_with("Maître ") || t.starts_with("MAÎTRE "))
        || t.starts_with("SCP ")
        || t.starts_with("SELARL ")
}

/// Parses a name starting at `p`: capitalised words, hyphenated and with particles
/// (`Jean-Pierre de La Fontaine`, `BOSSE-PLATIÈRE`, `N'Diaye`). `None` when there is none, when
/// it is a marker (`O...`, `XXX`) or a title (`le Président`, `le Liquidateur`).
fn parse_name(text: &str, p: usize) -> Option<(usize, usize)> {
    let mut pos = p;
    let mut start = None;
    let mut end = p;
    let mut substantive = false;
    let mut tokens = 0;
    // At most `NAME_TOKENS` words, initials and particles included, each of at most
    // `NAME_WORD_MAX` bytes: the scan of a civility's name stops there, so that a chain of
    // initials (`M. M. M. …`, where every `M.` is a civility that starts a scan) or a run of
    // hyphen-joined words costs each civility a bounded look, and no name grows with its input.
    while tokens < NAME_TOKENS
        && let Some((ws, we)) = word_at(text, pos)
    {
        if we - ws > NAME_WORD_MAX {
            break;
        }
        let w = &text[ws..we];
        let after = &text[we..];
        if after.starts_with("...") || after.starts_with('…') {
            // Initials: `O...`, `C... A...`.
            return None;
        }
        let first = w.chars().next()?;
        if start.is_none() {
            // A lower-case article right after the civility opens a title, whatever its noun
            // (`M. le Liquidateur`, `Mme la Défenseure des droits`, `Madame le Docteur`): a
            // name's own article is capitalised (`M. Le Gall`). `XXX`, `XXXX` mask a name.
            if matches!(w, "le" | "la" | "les") || w.len() >= 3 && w.bytes().all(|b| b == b'X') {
                return None;
            }
        }
        // Another civility ends the name, or is none (`Madame Monsieur, nous vous informons`).
        if first == 'M' && w.len() > 1 && is_civility_word(w)
            || matches!(first, 'V' | 'É' | 'E')
                && matches!(
                    w,
                    "Vve" | "Veuve" | "VEUVE" | "Épouse" | "ÉPOUSE" | "EPOUSE"
                )
        {
            break;
        }
        // The word lists that hold `w`, folded once.
        let lists = lists_of(w);
        let is_particle = !first.is_uppercase() && lists & IN_PARTICLES != 0
            || w.starts_with("d'") && w[2..].chars().next().is_some_and(char::is_uppercase);
        if first.is_uppercase() {
            if lists & IN_TITLES != 0 {
                // `Monsieur le Président`, `M. BONNAL président`.
                if start.is_none() || lists & IN_ROLES != 0 {
                    return if substantive {
                        Some((start?, end))
                    } else {
                        None
                    };
                }
                return None;
            }
            // `l'Agent judiciaire`
            if let Some(rest) = w.strip_prefix("l'").or_else(|| w.strip_prefix("L'"))
                && in_list(rest, IN_TITLES)
            {
                return None;
            }
            // A one-letter initial needs its dot and a name after it: `J. Dupont`.
            if w.chars().count() == 1 {
                if !after.starts_with(". ") {
                    break;
                }
                let nxt = skip_spaces(text, we + 1);
                if !text[nxt..].chars().next().is_some_and(char::is_uppercase) {
                    break;
                }
                start.get_or_insert(ws);
                end = we + 1;
                pos = nxt;
                tokens += 1;
                continue;
            }
            // In normalised text a name runs on into the next line: a heading or a sentence
            // word ends it (`M. Durand Enoncé du moyen`, `M. Durand Le pourvoi`).
            if start.is_some() && lists & (IN_SENTENCE_WORDS | IN_NOT_NAMES) != 0 {
                let nxt = skip_spaces(text, we);
                let name_follows = nxt > we
                    && word_at(text, nxt).is_some_and(|(a, b)| {
                        let n = &text[a..b];
                        n.chars().next().is_some_and(char::is_uppercase)
                            && !in_list(n, IN_SENTENCE_WORDS)
                    });
                if !(lists & IN_NOT_NAMES != 0 && name_follows) {
                    break;
                }
            }
            if lists & IN_NOT_NAMES == 0 {
                substantive = true;
            }
            start.get_or_insert(ws);
            end = we;
        } else if is_particle {
            if w.starts_with("d'") {
                substantive = true;
                start.get_or_insert(ws);
                end = we;
            } else {
                // A particle counts only when a capitalised word follows, possibly after
                // another particle: `de La Fontaine`, `de la Lance`.
                let nxt = skip_spaces(text, we);
                if nxt == we {
                    break;
                }
                let mut look = nxt;
                let mut ok = false;
                for _ in 0..3 {
                    let Some((ls, le)) = word_at(text, look) else {
                        break;
                    };
                    let lw = &text[ls..le];
                    if lw.chars().next().is_some_and(char::is_uppercase) {
                        ok = true;
                        break;
                    }
                    if !in_list(lw, IN_PARTICLES) {
                        break;
                    }
                    let n2 = skip_spaces(text, le);
                    if n2 == le {
                        break;
                    }
                    look = n2;
                }
                if !ok {
                    break;
                }
                start.get_or_insert(ws);
                pos = nxt;
                tokens += 1;
                continue;
            }
        } else {
            break;
        }
        tokens += 1;
        // Next token: separated by spaces on the same line.
        let nxt = skip_spaces(text, we);
        if nxt == we {
            break;
        }
        pos = nxt;
    }
    if substantive {
        Some((start?, end))
    } else {
        None
    }
}

/// The most words [`parse_name`] takes into a name (initials and particles included).
const NAME_TOKENS: usize = 7;

/// The longest word, in bytes, a name may hold: a compound of several first names or surnames
/// (`Marie-Hélène`, `Saint-Germain-des-Prés`) stays far below; a longer run of hyphen-joined
/// words is no name, and would make one as long as its input.
const NAME_WORD_MAX: usize = 64;

/// Parses a name that ends at `q` (exclusive), walking backwards over capitalised words and
/// particles on the same line.
fn parse_name_backwards(text: &str, q: usize) -> Option<(usize, usize)> {
    let mut start = q;
    let mut substantive = false;
    let mut capitalised = 0;
    let mut tokens = 0;
    let mut p = q;
    while let Some((ws, we)) = last_word(&text[..p]) {
        if we != p || we - ws > NAME_WORD_MAX {
            break;
        }
        let w = &text[ws..we];
        let first = w.chars().next()?;
        // `L'AGENT JUDICIAIRE`: the word's lists, its elided article aside.
        let lists = lists_of(without_elision(w));
        if first.is_uppercase() {
            if lists & (IN_TITLES | IN_SENTENCE_WORDS) != 0 || is_civility_word(w) {
                break;
            }
            if w.chars().count() >= 2 && lists & IN_NOT_NAMES == 0 {
                substantive = true;
            }
            capitalised += 1;
        } else if !(tokens > 0 && lists & IN_PARTICLES != 0 && particle_inside_name(text, ws)) {
            break;
        }
        start = ws;
        tokens += 1;
        if tokens >= 6 {
            break;
        }
        // Previous token: one or more spaces, same line.
        let mut r = ws;
        while r > 0 && matches!(text.as_bytes()[r - 1], b' ') {
            r -= 1;
        }
        if r == ws {
            break;
        }
        p = r;
    }
    if !substantive {
        return None;
    }
    // `la cour d'appel de Lyon, domicilié`, `au préfet des Bouches-du-Rhône, domicilié`, `le
    // préfet de la Gironde, domicilié`, `le maire de La Rochelle, domicilié`: one capitalised
    // word (an article aside) after a preposition, or after a preposition and an article, is a
    // place, not a person.
    let word_before = |at: usize| {
        let t = text[..at].trim_end_matches(' ');
        last_word(t)
            .filter(|&(_, we)| we == t.len())
            .map(|(ws, _)| (ws, fold_key(&text[ws..t.len()])))
    };
    let is_word =
        |k: &Option<FoldKey>, list: &[&str]| k.as_ref().is_some_and(|k| list.contains(&k.as_str()));
    const PREPOSITIONS: &[&str] = &[
        "de", "du", "des", "d'", "a", "au", "aux", "en", "sur", "les",
    ];
    let articles_in_span = text[start..q]
        .split(' ')
        .filter(|w| w.starts_with(char::is_uppercase) && is_folded_in(w, &["la", "le", "les"]))
        .count();
    if capitalised - articles_in_span == 1
        && let Some((ws, k)) = word_before(start)
        && (is_word(&k, PREPOSITIONS)
            || is_word(&k, &["la", "le", "l'"])
                && word_before(ws).is_some_and(|(_, k)| is_word(&k, PREPOSITIONS)))
    {
        return None;
    }
    if text[..start].ends_with("d'") || text[..start].ends_with("d’") {
        return None;
    }
    Some((start, q))
}

/// Whether the lower-case particle at `ws` sits inside a name: the first word before it that
/// is not a particle is capitalised (`Jean de la Fontaine`, not `avocat de Jean`).
fn particle_inside_name(text: &str, ws: usize) -> bool {
    let mut p = ws;
    for _ in 0..3 {
        let before = text[..p].trim_end_matches(' ');
        if before.len() == p {
            return false;
        }
        let Some((a, b)) = last_word(before) else {
            return false;
        };
        if b != before.len() {
            return false;
        }
        let w = &before[a..b];
        if w.chars().next().is_some_and(char::is_uppercase) {
            return !is_civility_word(w);
        }
        if !in_list(w, IN_PARTICLES) {
            return false;
        }
        p = a;
    }
    false
}

/// The word starting at `p` (letters, with inner `-` and apostrophes followed by a letter).
fn word_at(text: &str, p: usize) -> Option<(usize, usize)> {
    let rest = &text[p..];
    let b = rest.as_bytes();
    // The char at `i` of `rest` (a char boundary) and its length; ASCII without decoding.
    let char_at = |i: usize| -> Option<(char, usize)> {
        match b.get(i) {
            None => None,
            Some(&c) if c.is_ascii() => Some((char::from(c), 1)),
            Some(_) => rest[i..].chars().next().map(|c| (c, c.len_utf8())),
        }
    };
    let mut i = 0;
    let mut end = 0;
    while let Some((c, len)) = char_at(i) {
        if is_alphabetic(c) {
            end = i + len;
        } else if matches!(c, '-' | '\'' | '’')
            && end == i
            && end > 0
            && char_at(i + len).is_some_and(|(n, _)| is_alphabetic(n))
        {
            // A joiner inside the word.
        } else {
            break;
        }
        i += len;
    }
    (end > 0).then_some((p, p + end))
}

/// `c.is_alphabetic()`, without the Unicode table for ASCII and the letters of Latin-1
/// (U+00C0 to U+00FF but `×` and `÷`), which make nearly all the letters of French.
fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{c0}'..='\u{ff}' => c != '×' && c != '÷',
        _ => c.is_alphabetic(),
    }
}

/// The first word of `s` and its offsets.
fn first_word(s: &str) -> Option<(usize, usize)> {
    let st = s.find(|c: char| c.is_alphabetic())?;
    word_at(s, st)
}

/// The last word of `s` (ending at the end of `s` or before trailing non-letters).
fn last_word(s: &str) -> Option<(usize, usize)> {
    let mut end = None;
    let mut start = 0;
    for (i, c) in s.char_indices().rev() {
        let inner = matches!(c, '-' | '\'' | '’') && end.is_some_and(|e| e > i + c.len_utf8());
        if c.is_alphabetic() || (inner && end.is_some()) {
            end.get_or_insert(i + c.len_utf8());
            start = i;
        } else if end.is_some() {
            break;
        }
    }
    let e = end?;
    // Do not start on a joiner.
    while start < e && matches!(s[start..].chars().next(), Some('-' | '\'' | '’')) {
        start += s[start..].chars().next().map_or(1, char::len_utf8);
    }
    Some((start, e))
}

/// Iterates over the words of `s`.
fn words(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut p = 0;
    std::iter::from_fn(move || {
        let rest = &s[p..];
        let st = rest.find(|c: char| c.is_alphabetic())?;
        let (a, b) = word_at(s, p + st)?;
        p = b;
        Some((a, b))
    })
}

/// Whether what follows a name at `p` gives a party's address or birth: `, demeurant`,
/// `, domicilié(e)(s)`, `, né(e)(s) le` or `à` (any case; the comma is optional). A magistrate,
/// clerk or lawyer acting as such is never so described.
fn party_follows(text: &str, p: usize) -> bool {
    let mut q = skip_spaces(text, p);
    if text[q..].starts_with(',') {
        q = skip_spaces(text, q + 1);
    }
    let end = ceil_boundary(text, q + 16);
    let head: String = text[q..end].chars().map(fold_char).collect();
    let word_end = head
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(head.len());
    let (word, rest) = head.split_at(word_end);
    match word {
        "demeurant" => true,
        "domicilie" | "domiciliee" | "domicilies" | "domiciliees" => true,
        "ne" | "nee" | "nes" | "nees" => {
            rest.starts_with(" le ") || rest.starts_with(" a ") || rest.starts_with(" en ")
        }
        _ => false,
    }
}

/// Skips spaces, tabs and non-breaking spaces (U+00A0, U+202F) from `p`, on the bytes.
fn skip_spaces(text: &str, p: usize) -> usize {
    let b = text.as_bytes();
    let mut q = p;
    loop {
        match b.get(q..q + 1) {
            Some([b' ' | b'\t']) => q += 1,
            Some([0xc2]) if b.get(q + 1) == Some(&0xa0) => q += 2,
            Some([0xe2]) if b.get(q + 1..q + 3) == Some(&[0x80, 0xaf]) => q += 3,
            _ => return q,
        }
    }
}

fn skip_ws(text: &str, p: usize) -> usize {
    p + (text[p..].len() - text[p..].trim_start().len())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

pub(crate) fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Folds a char: lower case, French accents removed.
fn fold_char(c: char) -> char {
    match c {
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
        'î' | 'ï' | 'Î' | 'Ï' => 'i',
        'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
        'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        '’' => '\'',
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn fold_eq(a: &str, b: &str) -> bool {
    a.chars().map(fold_char).eq(b.chars().map(fold_char))
}

/// Whether `w`, folded, is one of `list` (whose entries are folded already). Folds into a
/// stack buffer once: no allocation. The word lists of this module are looked up with
/// [`lists_of`] instead, which folds once for all of them and hashes.
fn is_folded_in(w: &str, list: &[&str]) -> bool {
    let Some(key) = fold_key(w) else {
        // Longer than any word of any list.
        debug_assert!(list.iter().all(|l| l.len() < KEY_LEN));
        return false;
    };
    let folded = key.as_str();
    list.contains(&folded)
}

/// Room for a folded word in a [`FoldKey`]; the last byte holds the length.
const KEY_LEN: usize = 32;

/// A word folded (see [`fold_char`]) into a fixed buffer, zero-padded, its length in the last
/// byte: compared and hashed as a whole, without allocation.
#[derive(Clone, Copy, PartialEq, Eq)]
struct FoldKey([u8; KEY_LEN]);

impl FoldKey {
    fn as_str(&self) -> &str {
        let n = usize::from(self.0[KEY_LEN - 1]);
        // Only whole encoded chars are written.
        std::str::from_utf8(&self.0[..n]).unwrap_or("")
    }

    fn hash(&self) -> usize {
        let mut h = 0u64;
        for c in self.0.chunks_exact(8) {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            h = (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        (h >> 32) as usize
    }
}

/// `w` folded, or `None` when the folded form has `KEY_LEN` bytes or more (no word of any list
/// is that long).
fn fold_key(w: &str) -> Option<FoldKey> {
    let mut k = [0u8; KEY_LEN];
    let mut n = 0;
    let b = w.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii() {
            // `fold_char` of an ASCII char is its lower case.
            if n + 1 >= KEY_LEN {
                return None;
            }
            k[n] = c.to_ascii_lowercase();
            n += 1;
            i += 1;
        } else {
            let ch = w[i..].chars().next()?;
            // A typesetter's ligature is its letters (`grefﬁer` is `greffier`).
            let ligature = match ch {
                '\u{fb00}' => "ff",
                '\u{fb01}' => "fi",
                '\u{fb02}' => "fl",
                '\u{fb03}' => "ffi",
                '\u{fb04}' => "ffl",
                '\u{fb05}' | '\u{fb06}' => "st",
                _ => "",
            };
            if !ligature.is_empty() {
                if n + ligature.len() >= KEY_LEN {
                    return None;
                }
                k[n..n + ligature.len()].copy_from_slice(ligature.as_bytes());
                n += ligature.len();
                i += ch.len_utf8();
                continue;
            }
            let f = fold_char(ch);
            let len = f.len_utf8();
            if n + len >= KEY_LEN {
                return None;
            }
            f.encode_utf8(&mut k[n..n + len]);
            n += len;
            i += ch.len_utf8();
        }
    }
    k[KEY_LEN - 1] = n as u8;
    Some(FoldKey(k))
}

/// Whether a list of `bits` holds `w`, folded.
fn in_list(w: &str, bits: u8) -> bool {
    lists_of(w) & bits != 0
}

/// Bits of [`lists_of`]: which word lists hold a word.
const IN_ROLES: u8 = 1;
const IN_TITLES: u8 = 2;
const IN_ORGS: u8 = 4;
const IN_SENTENCE_WORDS: u8 = 8;
const IN_PARTICLES: u8 = 16;
const IN_NOT_NAMES: u8 = 32;
const IN_BODY_HEADS: u8 = 64;

/// Every word of the lists, with the bits of the lists that hold it, in an open-addressing
/// hash table (linear probing, a power of two at least four times the number of words).
struct WordTable {
    slots: Vec<Option<(FoldKey, u8)>>,
    mask: usize,
}

/// The word lists and their bits.
const LISTS: [(&[&str], u8); 7] = [
    (ROLES, IN_ROLES),
    (TITLES, IN_TITLES),
    (ORGS, IN_ORGS),
    (SENTENCE_WORDS, IN_SENTENCE_WORDS),
    (PARTICLES, IN_PARTICLES),
    (NOT_NAMES, IN_NOT_NAMES),
    (BODY_HEADS, IN_BODY_HEADS),
];

static WORD_TABLE: LazyLock<WordTable> = LazyLock::new(|| {
    let lists = LISTS;
    let total: usize = lists.iter().map(|(l, _)| l.len()).sum();
    let size = (total * 4).next_power_of_two();
    let mut table = WordTable {
        slots: vec![None; size],
        mask: size - 1,
    };
    for (list, bit) in lists {
        for w in list {
            let key = fold_key(w).expect("list words are short");
            let mut i = key.hash() & table.mask;
            loop {
                match &mut table.slots[i] {
                    Some((k, bits)) if *k == key => {
                        *bits |= bit;
                        break;
                    }
                    Some(_) => i = (i + 1) & table.mask,
                    slot @ None => {
                        *slot = Some((key, bit));
                        break;
                    }
                }
            }
        }
    }
    table
});

/// The word lists (`IN_*` bits) that hold `w` once folded: `lists_of(w) & IN_ROLES != 0` is
/// `is_folded_in(w, ROLES)`, for all the lists at the cost of one fold and one lookup.
fn lists_of(w: &str) -> u8 {
    fold_key(w).map_or(0, |key| key_lists(&key))
}

/// [`lists_of`] a word folded already.
fn key_lists(key: &FoldKey) -> u8 {
    let key = *key;
    let table = &*WORD_TABLE;
    let mut i = key.hash() & table.mask;
    loop {
        match &table.slots[i] {
            Some((k, bits)) if *k == key => return *bits,
            Some(_) => i = (i + 1) & table.mask,
            None => return 0,
        }
    }
}

fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Whether `fold(s).starts_with(prefix)`, folding only as much of `s` as needed.
fn folded_starts_with(s: &str, prefix: &str) -> bool {
    let p = prefix.as_bytes();
    let mut n = 0;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if n >= p.len() {
            return true;
        }
        let f = fold_char(c).encode_utf8(&mut buf).as_bytes();
        let k = f.len().min(p.len() - n);
        if f[..k] != p[n..n + k] {
            return false;
        }
        n += k;
    }
    n >= p.len()
}

/// Folds `s` into `buf` without allocating; `None` when it does not fit.
fn fold_into<'a>(s: &str, buf: &'a mut [u8]) -> Option<&'a str> {
    let mut n = 0;
    for c in s.chars() {
        let f = fold_char(c);
        let len = f.len_utf8();
        if n + len > buf.len() {
            return None;
        }
        f.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        find_person_names(text, &[])
            .into_iter()
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    /// Each text names nobody in clear.
    #[track_caller]
    fn no_names(texts: &[&str]) {
        for t in texts {
            assert_eq!(names(t), Vec::<&str>::new(), "{t}");
        }
    }

    /// Each text names exactly its one person in clear.
    #[track_caller]
    fn one_name_each(cases: &[(&str, &str)]) {
        for &(t, who) in cases {
            assert_eq!(names(t), vec![who], "{t}");
        }
    }

    #[test]
    fn parties_named_after_their_role_in_the_lawsuit_or_the_contract() {
        one_name_each(&[
            (
                "Le demandeur, Jean-Pierre Lemaire, soutient que le contrat est nul.",
                "Jean-Pierre Lemaire",
            ),
            (
                "la demanderesse, Sophie Lambert, fait valoir que",
                "Sophie Lambert",
            ),
            ("le défendeur Karim Haddad n'a pas comparu", "Karim Haddad"),
            (
                "La défenderesse, Chloé Dupont, conclut au rejet.",
                "Chloé Dupont",
            ),
            ("le vendeur Paul Girard a cédé le fonds", "Paul Girard"),
            (
                "Le prix dû par l'acquéreur, Léa Martin, a été payé.",
                "Léa Martin",
            ),
            ("l’acquéreuse Nadia Benali a payé le prix", "Nadia Benali"),
            (
                "La requérante, Julie Moreau, demande l'annulation de la décision.",
                "Julie Moreau",
            ),
            ("le requérant Kevin Dubreuil soutient", "Kevin Dubreuil"),
            ("le dénommé Paul Durand a été interpellé", "Paul Durand"),
            ("la dénommée Sophie Renard", "Sophie Renard"),
        ]);
        // Not names: the parties' roles as the decisions write them, bodies, a masked name, a
        // word that only ends like a role, a clause after a comma.
        no_names(&[
            "M. [X], domicilié [Adresse 1], demandeur au pourvoi principal, défendeur au pourvoi incident,",
            "La société Axa, défenderesse à la cassation,",
            "le demandeur au pourvoi, la société [1], soutient",
            "le vendeur, la SCI Les Pins, a livré le bien",
            "le vendeur, Mme [K], a livré le bien",
            "l'acquéreur, [Z] [U], a payé le prix",
            "le revendeur Paul Girard a cédé le fonds",
            "la grandeur Paul Girard",
            "selon le demandeur, Lyon était compétente",
            "l'acquéreur Axa a payé le prix",
            "la requérante, Partie civile, a été entendue",
            "Le demandeur Réponse de la Cour 4.",
        ]);
    }

    #[test]
    fn parties_after_a_civility() {
        assert_eq!(names("M. Kaminski a formé le pourvoi"), vec!["Kaminski"]);
        assert_eq!(
            names("Mme Sophie Lambert, née le 3 mars 1975, demeurant à Lyon"),
            vec!["Sophie Lambert"]
        );
        assert_eq!(
            names("contre M. Jean DURAND et Mme Anne-Marie Le Gall-Durand,"),
            vec!["Jean DURAND", "Anne-Marie Le Gall-Durand"]
        );
        assert_eq!(names("M. et Mme Dupont ont vendu"), vec!["Dupont"]);
        assert_eq!(
            names("Monsieur Jean de La Fontaine, demeurant"),
            vec!["Jean de La Fontaine"]
        );
        assert_eq!(
            names("MM. Durand et Petit ont assigné"),
            vec!["Durand", "Petit"]
        );
        assert_eq!(
            names("M. Durand, président de la société Alpha"),
            vec!["Durand"]
        );
    }

    /// A party without civility after a word of the operative part or of the narrative that a
    /// party follows: a first name and a surname, each name of an enumeration.
    #[test]
    fn parties_without_civility_after_an_operative_or_narrative_word() {
        for (t, who) in [
            ("Condamne Karim Haddad aux dépens.", vec!["Karim Haddad"]),
            ("Déboute Jean Durand de ses demandes.", vec!["Jean Durand"]),
            ("entre Jean Durand et la société [1]", vec!["Jean Durand"]),
            (
                "Mme [K] a épousé Jean Durand le 3 juin 2000.",
                vec!["Jean Durand"],
            ),
            (
                "Condamne in solidum Karim Haddad et Sophie Martin à payer",
                vec!["Karim Haddad", "Sophie Martin"],
            ),
            (
                "Condamne Jean-Pierre DURAND aux dépens.",
                vec!["Jean-Pierre DURAND"],
            ),
            (
                "Déboute Marie de La Tour de ses demandes.",
                vec!["Marie de La Tour"],
            ),
            (
                "la cour a condamné Jean Durand à payer",
                vec!["Jean Durand"],
            ),
            (
                "le tribunal a débouté Jean Durand de sa demande",
                vec!["Jean Durand"],
            ),
        ] {
            assert_eq!(names(t), who, "{t}");
        }
        no_names(&[
            "Condamne la société Axa aux dépens.",
            "Déboute Me Dupont de ses demandes.",
            "Déboute Me Jean Dupont de ses demandes.",
            "Condamne M. [K] aux dépens.",
            "Dit que Pôle emploi sera informé de la présente décision.",
            "Condamne l'État aux dépens.",
            "Condamne l'employeur aux dépens.",
            "Déboute les parties du surplus de leurs demandes.",
            "Condamne le Trésor public aux dépens.",
            "Ordonne à M. le procureur général de faire mentionner la décision.",
            "Condamne Axa France IARD aux dépens.",
            "Condamne Pierre et Paul aux dépens.",
            "Condamne Jean aux dépens.",
            "entre la société Total et la société Shell",
            "entre Saint Denis et Paris",
            "entre l'avenue Jean Jaurès et la rue Victor Hugo",
            "entre le lycée Marie Curie et la commune",
            "le centre Jean Moulin et l'hôpital Édouard Herriot",
            "la condamnation Jean Durand",
            "sous conditions Jean Durand",
            "entre Jean Dupont, président, et Claire Petit, greffière",
        ]);
        // A magistrate of the decision is none, wherever the operative part names them.
        let pros = ["Jean Durand".to_string()];
        let t = "Déboute Jean Durand de sa demande de récusation.";
        assert!(find_person_names(t, &pros).is_empty());
    }

    /// A woman's own name before her married name: `Claire Martin épouse Lambert`.
    #[test]
    fn the_name_before_epouse_or_veuve() {
        for (t, who) in [
            (
                "Claire Martin épouse Lambert, demeurant [Adresse 1], a formé le pourvoi.",
                vec!["Claire Martin", "Lambert"],
            ),
            (
                "Sophie Durand épouse [K] a formé le pourvoi.",
                vec!["Sophie Durand"],
            ),
            (
                "Sophie Durand, veuve [K], a formé le pourvoi.",
                vec!["Sophie Durand"],
            ),
            (
                "Mme Claire Martin épouse Lambert",
                vec!["Claire Martin", "Lambert"],
            ),
        ] {
            assert_eq!(names(t), who, "{t}");
        }
        no_names(&[
            "Mme [K] épouse [D] a formé le pourvoi.",
            "M. [K] et son épouse ont vendu l'immeuble.",
            "la marque veuve Clicquot et le champagne veuve Clicquot.",
            "Il épouse [D] en 2010.",
        ]);
    }

    /// Institutions whose name opens with a common noun, or whose start the name found before
    /// `domicilié` stops short of, are nobody's name; people beside such words still are.
    #[test]
    fn institutions_before_domicilie_are_nobody() {
        no_names(&[
            "Le Crédit Lyonnais, domicilié [Adresse 1], a formé un pourvoi.",
            "L'Institut Pasteur, domicilié [Adresse 1], a formé un pourvoi.",
            "la société Alpha et Crédit Agricole Immobilier, domiciliée [Adresse 2], ont formé",
            "La Fédération Française de Football, domiciliée [Adresse 3], est intervenue.",
            "Le Fonds de Garantie des Victimes, domicilié [Adresse 4], a formé un pourvoi.",
            "L'Ordre des Avocats au Barreau de Lyon, domicilié [Adresse 6], est intervenu.",
            "Le Comité Social et Économique, domicilié [Adresse 7], a formé un pourvoi.",
            "Le Laboratoire Servier, domicilié [Adresse 9], a formé un pourvoi.",
            "L'Université Lyon III, domiciliée [Adresse 10], a formé un pourvoi.",
            "Le Conseil Départemental du Rhône, domicilié [Adresse 11], a formé un pourvoi.",
            "La Direction Générale des Finances Publiques, domiciliée [Adresse 12], est intervenue.",
            "Pôle Emploi, domicilié [Adresse 13], a formé un pourvoi.",
            "Le Lycée Henri IV, domicilié [Adresse 14], a formé un pourvoi.",
            "L'Union Départementale des Associations Familiales, domiciliée [Adresse 15], est",
        ]);
        one_name_each(&[
            (
                "Jean Durand, domicilié [Adresse 16], a formé un pourvoi.",
                "Jean Durand",
            ),
            // A body's word in lower case before the comma is no body's name.
            (
                "et son fils issu d'une première union, Karim Lacroix, né le [Date naissance 1].",
                "Karim Lacroix",
            ),
            (
                "le conseil de prud'hommes a entendu Paul Renard, demeurant [Adresse 1].",
                "Paul Renard",
            ),
            // A surname after an article, with no body's word.
            (
                "Jean Le Gall, domicilié [Adresse 1], a formé",
                "Jean Le Gall",
            ),
            (
                "la société Alpha et Jean Durand, domiciliés [Adresse 2]",
                "Jean Durand",
            ),
        ]);
    }

    /// Bodies, places and lawyers before `domicilié` or `né le`: nobody's name; people still
    /// are.
    #[test]
    fn bodies_places_and_lawyers_before_a_party_word() {
        no_names(&[
            "La SCI Les Tilleuls, domiciliée en son siège",
            "contre la Banque Populaire Auvergne Rhône Alpes, domiciliée en son siège",
            "L'Urssaf Rhône-Alpes, domiciliée en son siège",
            "L'association Les Amis de Jean Moulin, domiciliée en son siège",
            "Le syndicat des copropriétaires de l'immeuble Le Grand Pavois, domicilié",
            "Le préfet de la Gironde, domicilié en cette qualité en ses bureaux",
            "La caisse primaire d'assurance maladie de la Haute-Garonne, domiciliée",
            "Le maire de La Rochelle, domicilié en cette qualité",
            "M. [K], originaire de la Martinique, né le [Date naissance 1]",
            "Me Jean Dupont, domicilié en cette qualité, agissant en qualité de liquidateur",
            "M. [K], de nationalité Algérienne, né le [Date naissance 1]",
            "M. [K], élève au lycée Jean Moulin, né le [Date naissance 1]",
            "M. [K], élève au lycee Jean Moulin, né le [Date naissance 1]",
            "M. [K], élève à l'ECOLE Jean Moulin, né le [Date naissance 1]",
        ]);
        assert_eq!(
            names("la succession de Jean de la Fontaine, demeurant"),
            vec!["Jean de la Fontaine"]
        );
        assert_eq!(
            names("1°/ Jean Durand, demeurant [Adresse 1],"),
            vec!["Jean Durand"]
        );
        // `placé` is not `place`.
        assert_eq!(
            names("la caisse a placé Karim Bertin, demeurant [Adresse 1], en invalidité"),
            vec!["Karim Bertin"]
        );
        // Surnames that are also place or school words.
        assert_eq!(
            names("1°/ Jean Place, demeurant [Adresse 1],"),
            vec!["Jean Place"]
        );
        assert_eq!(
            names("2°/ Paul Ville, demeurant [Adresse 2],"),
            vec!["Paul Ville"]
        );
        assert_eq!(
            names("1°/ Marie Ecole, née le 3 mars 1975"),
            vec!["Marie Ecole"]
        );
        assert_eq!(
            names("Condamne la société X et Paul Renard, demeurant à Lyon"),
            vec!["Paul Renard"]
        );
    }

    /// Bodies before `domicilié`, whatever their form: opened by an article, with a body's word
    /// or acronym anywhere, a company's form in dotted capitals, the tail of a title, a role
    /// after a determiner; and appositions to a party already named (a trade, a nationality).
    /// People in the same positions are still found.
    #[test]
    fn bodies_titles_and_appositions_before_a_party_word() {
        no_names(&[
            "L'AGS CGEA de Lyon, domiciliée [Adresse 1]",
            "INTIMÉE : UNEDIC DELEGATION AGS CGEA DE LYON, domiciliée [Adresse 1]",
            "INTIMÉ : L'AGENT JUDICIAIRE DE L'ETAT, domicilié [Adresse 1]",
            "INTIMÉ : M. LE DIRECTEUR REGIONAL DES FINANCES PUBLIQUES, domicilié [Adresse 1]",
            "Le Directeur Départemental des Finances Publiques du Rhône, domicilié [Adresse 1]",
            "Madame la Ministre de la Transition Écologique, domiciliée [Adresse 1]",
            "Le Préfet de la Région Auvergne-Rhône-Alpes, domicilié [Adresse 1]",
            "La CARSAT Rhône-Alpes, domiciliée [Adresse 1]",
            "La MSA Ardèche Drôme Loire, domiciliée [Adresse 1]",
            "La CAF de la Gironde, domiciliée [Adresse 1]",
            "L'ONIAM, domicilié [Adresse 1]",
            "INTIMÉE : EHPAD LES GLYCINES, domiciliée [Adresse 1]",
            "INTIMÉE : MAIRIE DE LYON, domiciliée [Adresse 1]",
            "INTIMÉE : LA POSTE, domiciliée [Adresse 1]",
            "INTIMÉE : ENEDIS, domiciliée [Adresse 1]",
            "INTIMÉE : AXA FRANCE IARD, domiciliée [Adresse 1]",
            "Allianz IARD, domiciliée [Adresse 1], défenderesse à la cassation.",
            "SNCF Voyageurs, domiciliée [Adresse 1], défenderesse à la cassation.",
            "Electricité de France, domiciliée [Adresse 1], défenderesse à la cassation.",
            "France Travail, domicilié [Adresse 2], défendeur à la cassation.",
            "Radio France, domiciliée [Adresse 1]",
            "Météo-France, domicilié [Adresse 1]",
            "Hermès International, domiciliée [Adresse 1], défenderesse à la cassation.",
            "La Macif, domiciliée [Adresse 2], défenderesse à la cassation.",
            "L'EARL Les Vergers du Moulin, domiciliée [Adresse 2], défenderesse à la cassation.",
            "Le GAEC Des Prés Verts, domicilié [Adresse 2], défendeur à la cassation.",
            "La SCEA Château Lafleur, domiciliée [Adresse 2], défenderesse à la cassation.",
            "S.A.R.L. BATI PLUS, domiciliée [Adresse 2], intimée.",
            "INTIMÉE : S.A.S. LE PETIT BISTROT, domiciliée [Adresse 1]",
            "Les Établissements Martin, domiciliés [Adresse 1], défendeurs.",
            "Le Parti Socialiste, domicilié [Adresse 1]",
            "Les Restaurants du Cœur, domiciliés [Adresse 1], défendeurs à la cassation.",
            "Lyon Métropole Habitat, domicilié [Adresse 1], défendeur à la cassation.",
            "Paris Habitat OPH, domicilié [Adresse 1], défendeur à la cassation.",
            "Sorbonne Université, domiciliée [Adresse 1], défenderesse à la cassation.",
            "Le navire Marion Dufresne, domicilié au port de Marseille",
            "SA BNP PARIBAS, prise en la personne de son Représentant Légal domicilié en cette \
             qualité audit siège",
            "SAS LIDL, prise en la personne de son Gérant domicilié en cette qualité audit siège",
            // Appositions to a party named by a marker or after a civility.
            "Monsieur [K] [P], Ingénieur, demeurant [Adresse 2]",
            "M. [K], ressortissant Algérien, né le [Date naissance 1]",
            "M. [K], Algérien, né le [Date naissance 1]",
            "Mme [K], d'origine Marocaine, née le [Date naissance 1]",
            "M. [K], Retraité, demeurant [Adresse 1]",
            "Mme [K], Sans Profession, demeurant [Adresse 1]",
            "Mme [K], Aide-Soignante, demeurant [Adresse 1]",
            "M. [K], Gérant de Société, demeurant [Adresse 1]",
            "M. [K], Artisan Plombier, demeurant [Adresse 1]",
            "M. [K], Expert-Comptable, demeurant [Adresse 1]",
            "M. [K], SDF, domicilié au CCAS de Lyon",
            "M. [K], Directeur Commercial, demeurant [Adresse 1]",
            "M. [K] [P], Agriculteur, GAEC du Moulin, demeurant [Adresse 1]",
            "Le mari a quitté le domicile conjugal et son épouse Marocaine l'a suivi.",
        ]);
        one_name_each(&[
            (
                "représentée par son père, Jean Durand, demeurant [Adresse 1]",
                "Jean Durand",
            ),
            ("INTIMÉ : Jean DURAND, domicilié [Adresse 1]", "Jean DURAND"),
            ("INTIMÉ : DURAND Jean, domicilié [Adresse 1]", "DURAND Jean"),
            (
                "M. [K] et Jean Durand, demeurant [Adresse 1]",
                "Jean Durand",
            ),
            (
                "le directeur de la société, Jean Durand, domicilié [Adresse 1]",
                "Jean Durand",
            ),
            (
                "la société Alpha et Jean Le Gall, domiciliés [Adresse 2]",
                "Jean Le Gall",
            ),
            ("1°/ Jean Barreau, demeurant [Adresse 1],", "Jean Barreau"),
            (
                "M. [K], demeurant [Adresse 1], Sophie Martin, demeurant [Adresse 2]",
                "Sophie Martin",
            ),
            (
                "Mme [K], veuve de Jean Durand, née le 3 mars 1950",
                "Jean Durand",
            ),
        ]);
    }

    /// A civility, then a lower-case article: a title, whatever its noun; another civility, or
    /// `XXX`: no name. A name after a civility with its own article, or an initial, still is.
    #[test]
    fn titles_after_a_civility_and_masked_names() {
        no_names(&[
            "Mme la Défenseure des droits a présenté des observations.",
            "Madame la Médiatrice de la consommation a rendu un avis défavorable.",
            "M. le Liquidateur a déclaré la créance.",
            "M. le Notaire a reçu l'acte.",
            "M. le Syndic a convoqué l'assemblée générale.",
            "Mme la Rectrice de l'académie de Lyon a prononcé la sanction.",
            "M. le Sous-Préfet de Bayonne a pris un arrêté.",
            "M. le Comptable Public du service des impôts des entreprises a fait délivrer",
            "M. le Receveur des Douanes de Roissy a émis un avis de mise en recouvrement.",
            "Mme la Mandataire Judiciaire a déclaré la créance.",
            "« Monsieur le Gérant, je vous informe de ma démission. »",
            "« Madame la DRH, je conteste mon licenciement. »",
            "« Madame la Responsable des Ressources Humaines, je conteste. »",
            "« Monsieur le Chef d'Agence, je vous informe de mon absence. »",
            "Madame le Docteur a établi un certificat.",
            "« Madame Monsieur, nous vous informons que votre contrat prend fin. »",
            "M. XXX a formé le pourvoi.",
            "Mme XXXX a formé le pourvoi.",
        ]);
        one_name_each(&[
            ("M. Le Gall a formé le pourvoi.", "Le Gall"),
            ("Mme de la Tour a formé le pourvoi.", "de la Tour"),
            ("M. Jean M. Durand a formé le pourvoi.", "Jean M. Durand"),
            (
                "« Madame Durand, je vous informe de ma démission. »",
                "Durand",
            ),
            ("M. Xavier Durand a formé le pourvoi.", "Xavier Durand"),
        ]);
    }

    /// Party words and civilities set in a series, a brand's or a work's name, or before a
    /// company: nobody's name. The same words before a person still name them.
    #[test]
    fn brands_works_and_series_are_nobody() {
        no_names(&[
            "La salariée a été engagée dans le cadre d'une succession de CDD entre 2012 et 2016.",
            "Le recours à une succession de Contrats à Durée Déterminée est prohibé.",
            "la victime Air France a été indemnisée par l'assureur.",
            "la société Veuve Clicquot Ponsardin et la marque veuve Clicquot.",
            "le champagne veuve Clicquot Ponsardin",
            "dans le litige l'opposant à la société Monsieur Bricolage, société anonyme,",
            "La société Madame Figaro, société par actions simplifiée, a formé le pourvoi.",
            "La société Mademoiselle Desserts a fermé l'usine.",
            "le roman Madame Bovary de Flaubert a été adapté.",
            "la marque « Monsieur Propre » appartient à la société Procter & Gamble.",
            "la société Monsieur Store a conclu un contrat de franchise.",
            "le magazine Madame Figaro a publié l'article litigieux.",
            "le film « Monsieur Klein » a été diffusé.",
            "l'émission « Monsieur Jardinier » a été diffusée.",
            "les magasins à l'enseigne « Monsieur Meuble »",
            "la série « Mademoiselle Julie » a été diffusée.",
            "la marque verbale « MONSIEUR BRICOLAGE » n° 1234567",
            "M. Bricolage, société anonyme, dont le siège est [Adresse 1], a formé le pourvoi.",
        ]);
        for (t, who) in [
            ("la succession de Paul Renard", "Paul Renard"),
            ("de la succession de Paul Renard", "Paul Renard"),
            ("la victime Léa Martin a été indemnisée", "Léa Martin"),
            ("la marque appartient à Mme [K] veuve Durand", "Durand"),
            ("la société, M. Durand et Mme Petit", "Durand"),
            ("le gérant de la société de M. Durand", "Durand"),
            ("le roman de M. Durand a été adapté", "Durand"),
            ("la société Alpha, représentée par M. Durand", "Durand"),
            (
                "« Monsieur Durand, je vous informe de ma démission. »",
                "Durand",
            ),
            ("M. Durand, société Alpha et société Beta", "Durand"),
        ] {
            let got = names(t);
            assert!(got.contains(&who), "{t}: {got:?}");
        }
    }

    /// A marker after a civility may mask part of the names only: the clear ones are found.
    #[test]
    fn clear_names_beside_markers_after_a_civility() {
        for (t, who) in [
            (
                "M. [H] Durand, domicilié [Adresse 1], a formé le pourvoi.",
                vec!["Durand"],
            ),
            ("MM. [R] et Bernard ont saisi le tribunal.", vec!["Bernard"]),
            ("Mmes [W] et Bernard ont relevé appel.", vec!["Bernard"]),
            (
                "Mmes [W] [A] et Sophie Bernard, propriétaires bailleresses,",
                vec!["Sophie Bernard"],
            ),
            (
                "MM. [R], Bernard et [S] ont saisi le tribunal.",
                vec!["Bernard"],
            ),
        ] {
            assert_eq!(names(t), who, "{t}");
        }
        no_names(&[
            "M. [K] [C] Le pourvoi est rejeté",
            "Mme [Z] [F] Réponse de la Cour",
            "M. [K] Attendu que",
            "MM. [R] et [S] ont saisi le tribunal.",
            "M. [K], Mme [L] et M. [M] ont formé le pourvoi.",
            "M. [K] [C], demeurant [Adresse 1]",
            "Mmes [W] et Bernard, conseillers référendaires,",
            "M. [K]\nDurand",
        ]);
    }

    /// Maiden names and the abbreviated or capitalised party words before a name.
    #[test]
    fn maiden_names_and_abbreviated_party_words() {
        for t in [
            "Mme [K], née Durand, a acquis l'immeuble.",
            "Mme [K] (née Durand) a acquis l'immeuble.",
            "M. [K] et son épouse née Durand ont acquis l'immeuble.",
            "Mme [K] née DURAND a acquis l'immeuble.",
            "Madame [K] ép. Durand a formé le pourvoi.",
            "Mme [K] Vve Durand a formé le pourvoi.",
            "Mme [K] Épouse Durand a formé le pourvoi.",
            "Mme [K] EPOUSE DURAND a formé le pourvoi.",
            "Mme [K] VEUVE DURAND a formé le pourvoi.",
        ] {
            let got = names(t);
            assert!(
                got.len() == 1 && got[0].eq_ignore_ascii_case("Durand"),
                "{t}: {got:?}"
            );
        }
        // A birth, not a maiden name; words that are not names.
        no_names(&[
            "Mme [K], née le 3 mars 1975 à Lyon",
            "Mme [K] (née le 3 mars 1975)",
            "Mme [K], née à Lyon le 3 mars 1975",
            "Mme [K], née [M], le 3 mars 1975",
            "Mme [K], née Française, a acquis",
            "Mme [K], née en 1975, a acquis",
            "Mme [K], née En 1975, a acquis",
            "l'année Durand",
            "une journée Portes Ouvertes",
        ]);
        // The name before `née le` is still found.
        assert_eq!(
            names("Sophie Lambert, née le 3 mars 1975"),
            vec!["Sophie Lambert"]
        );
        assert_eq!(
            names("Sophie Lambert (née le 3 mars 1975)"),
            Vec::<&str>::new()
        );
        assert_eq!(
            names("1°/ Sophie Lambert née à Lyon"),
            vec!["Sophie Lambert"]
        );
    }

    /// The civilities as careless texts write them.
    #[test]
    fn informal_civilities() {
        for t in [
            "Melle Dupont a été victime d'un accident.",
            "Mr Dupont a été victime d'un accident.",
            "Mr. Dupont a été victime d'un accident.",
            "Mme. Dupont a été victime d'un accident.",
        ] {
            assert_eq!(names(t), vec!["Dupont"], "{t}");
        }
        no_names(&[
            "Mr. [K] a été victime d'un accident.",
            "Melle [K] a été victime d'un accident.",
            "Mr Dupont, avocat général, a conclu.",
            "Mrs Dupont a signé",
            "le Mr.",
        ]);
    }

    #[test]
    fn parties_without_civility() {
        assert_eq!(names("les époux Martin ont vendu"), vec!["Martin"]);
        assert_eq!(names("Mme [K], épouse Lefebvre, a"), vec!["Lefebvre"]);
        assert_eq!(names("la succession de Paul Renard"), vec!["Paul Renard"]);
        assert_eq!(
            names("1°/ Jean Durand, demeurant [Adresse 1],"),
            vec!["Jean Durand"]
        );
        assert_eq!(
            names("Sophie Lambert, née le 3 mars 1975"),
            vec!["Sophie Lambert"]
        );
        assert_eq!(names("la veuve Duchemin"), vec!["Duchemin"]);
        assert_eq!(
            names("La victime, Léa Martin, âgée de 12 ans, a été entendue."),
            vec!["Léa Martin"]
        );
        assert_eq!(
            names("Le témoin Paul Girard a déclaré"),
            vec!["Paul Girard"]
        );
        // Their part in the case makes them parties, whatever their job.
        assert_eq!(
            names("La victime, Léa Martin, avocate, a porté plainte contre M. Martin."),
            vec!["Léa Martin", "Martin"]
        );
        // Not names: a company, a status, a heading, a lawyer, the next clause's subject.
        no_names(&[
            "la victime Axa a été indemnisée",
            "la victime, La Poste, a été indemnisée",
            "la victime, Partie civile, a été entendue",
            "le témoin, Pièce n° 3, a été produit",
            "selon la victime, Lyon était loin",
            "la victime, Me Dupont, a plaidé",
            "déposée par la victime Réponse de la Cour 6.",
        ]);
        assert_eq!(
            names("La plaignante, Nadia Benali, a déposé plainte"),
            vec!["Nadia Benali"]
        );
        // The usual parts of criminal, labour and lease cases, found by their middles.
        one_name_each(&[
            (
                "Le prévenu Kevin Dubreuil avait déjà été condamné.",
                "Kevin Dubreuil",
            ),
            ("la prévenue, Julie Moreau, a fait appel", "Julie Moreau"),
            (
                "Le salarié, Kevin Dubreuil, a retrouvé un emploi.",
                "Kevin Dubreuil",
            ),
            ("la salariée Julie Moreau a été licenciée", "Julie Moreau"),
            (
                "Le locataire, Nicolas Perrin, a quitté les lieux.",
                "Nicolas Perrin",
            ),
        ]);
        no_names(&[
            "le prévenu a été condamné, le salarié Protégé aussi",
            "le revenu Minimum, le salaire Net, un avocataire Jean Durand",
            "le locataire, la société Alpha, a quitté les lieux",
            "le salarié, Pôle Emploi, a été informé",
            "il a été prévenu Lundi Matin",
        ]);
        // A civil party, the deceased.
        one_name_each(&[
            (
                "la partie civile, Chloé Dupont, a sollicité des dommages-intérêts.",
                "Chloé Dupont",
            ),
            (
                "La défunte, Marie Dupont, avait rédigé un testament.",
                "Marie Dupont",
            ),
            ("le défunt Jean Durand avait deux enfants", "Jean Durand"),
            ("Paul Girard, la partie civile, a fait appel", "Paul Girard"),
        ]);
        no_names(&[
            "la partie civile, la société Alpha, a fait appel",
            "la constitution de partie civile Recevable en la forme",
            "la sortie civile Jean Durand",
            "la partie civile a fait appel, Jean Durand étant absent",
            "son défunt Mari avait vendu",
            "les droits défunts Transmis",
        ]);
        // A co-tenant or a subtenant is a tenant.
        one_name_each(&[
            ("la colocataire Marie Martin a donné congé", "Marie Martin"),
            (
                "Le sous-locataire, Paul Girard, a été expulsé.",
                "Paul Girard",
            ),
        ]);
        // The name before its part, in apposition: a common first name and a surname, either
        // way round when the surname is in capitals.
        one_name_each(&[
            (
                "Kevin Dubreuil, le prévenu, a interjeté appel.",
                "Kevin Dubreuil",
            ),
            (
                "Attendu que Julie Moreau, la salariée, a saisi le conseil",
                "Julie Moreau",
            ),
            ("DUBREUIL Kevin, le prévenu, conteste", "DUBREUIL Kevin"),
            (
                "Jean-Marc Leroy, la victime, a été entendu",
                "Jean-Marc Leroy",
            ),
            (
                "Nicolas Perrin, le locataire, a quitté les lieux",
                "Nicolas Perrin",
            ),
        ]);
        no_names(&[
            "Au Palais de Justice, le prévenu a comparu",
            "À Lyon, le prévenu a été interpellé",
            "Saint Martin, le prévenu était absent",
            "En Seine-Saint-Denis, la victime a été entendue",
            "Par ces motifs, le prévenu est relaxé",
            "Me Jean Dupont, le prévenu étant absent, a plaidé",
            "la société Pierre Dupont, le salarié étant absent",
            "Le 3 mars, la victime a porté plainte",
            "Martin, le prévenu, conteste",
            "Vu la Convention Européenne, le prévenu invoque",
        ]);
        // Found once, by its civility.
        assert_eq!(
            names("M. Kevin Dubreuil, le prévenu, conteste"),
            vec!["Kevin Dubreuil"]
        );
        // Markers, civilities, statuses and plurals: not names, or found as the civility's.
        assert_eq!(
            names("la victime, Mme [K], a été entendue"),
            Vec::<&str>::new()
        );
        assert_eq!(
            names("le témoin assisté, M. [K], a été entendu"),
            Vec::<&str>::new()
        );
        assert_eq!(
            names("la victime, âgée de 12 ans, a été entendue"),
            Vec::<&str>::new()
        );
        assert_eq!(
            names("les victimes, parties civiles, ont été entendues"),
            Vec::<&str>::new()
        );
        assert_eq!(
            names("la victime, Mme Léa Martin, a été entendue"),
            vec!["Léa Martin"]
        );
        assert_eq!(
            names("l'épouse Durand et l'époux Martin"),
            vec!["Durand", "Martin"]
        );
        // Beside markers, after `feu`.
        assert_eq!(names("les consorts [K] et Durand"), vec!["Durand"]);
        assert_eq!(names("les époux [K] [L] et Martin"), vec!["Martin"]);
        assert_eq!(
            names("la succession de feu Jean Durand"),
            vec!["Jean Durand"]
        );
        no_names(&[
            "les consorts [K] ont assigné",
            "les consorts [K] et [L] ont assigné",
            "les époux [K], Le pourvoi",
            "les consorts [K] et la société Alpha",
        ]);
    }

    /// A legal person's name before `, domiciliée`, with its article elided or not, is not a
    /// natural person's.
    #[test]
    fn organisations_before_a_domicile_are_not_persons() {
        no_names(&[
            "la société Transports Dubreuil, domiciliée 3 rue X",
            "l'association Les Amis de la Terre, domiciliée à Paris",
            "l’association Aides, domiciliée à Pantin",
            "l'Association Droit au logement, dont le siège est à Paris, domiciliée",
            "la commune de Saint-Denis, domiciliée en l'hôtel de ville",
            "d'une société Alpha Conseil, domiciliée à Lyon",
        ]);
        assert_eq!(
            names("l'associé Jean Durand, domicilié à Lyon"),
            vec!["Jean Durand"]
        );
    }

    #[test]
    fn the_names_a_text_gives_a_role_are_its_professionals() {
        let t = "Composition : Mme MOUILLARD, président, M. Ponsot, conseiller rapporteur. \
                 Sur le rapport de Mme Fornarelli. Voir la note de M. Jean Dupont, professeur à \
                 l'université Paris II. M. Paul Martin, professeur des écoles, demeurant à Lyon.";
        let names: Vec<String> = professional_roles(t).into_iter().map(|n| n.0).collect();
        assert_eq!(names, ["MOUILLARD", "Ponsot", "Fornarelli", "Jean Dupont"]);
        // A teacher is a party; an academic writing a note is not.
        let hits: Vec<&str> = find_person_names(t, &[])
            .iter()
            .map(|h| &t[h.start..h.end])
            .collect();
        assert_eq!(hits, ["Paul Martin"]);
    }

    /// The professionals a text names are told apart: the members of the court (magistrates,
    /// clerks) from the lawyers, experts and court-appointed agents acting as such.
    #[test]
    fn the_members_of_the_court_are_told_from_other_professionals() {
        let t = "Sur le rapport de Mme Thomas, conseiller, les observations de la SCP Rocheteau, \
                 avocat de M. [Z], et l'avis de M. Lemoine, avocat général, où étaient présents \
                 M. Bonnal, président, MM. Pons, Choquet, conseillers, et Mme Dang Van Sung, \
                 greffier de chambre. M. Petit, expert, a déposé son rapport. M. Durand, avocat \
                 au barreau de Rouen, a plaidé. M. Roux, ès qualités de liquidateur, a conclu.\n\
                 Avocat : M. Leblanc\nGreffier : Mme Leroy\n\
                 Commissaire du gouvernement : M. Blanc";
        let roles: Vec<(&str, bool)> = professional_roles(t)
            .iter()
            .map(|(n, court)| (&t[t.find(n.as_str()).unwrap()..][..n.len()], *court))
            .collect();
        assert_eq!(
            roles,
            [
                ("Thomas", true),
                ("Lemoine", true),
                ("Bonnal", true),
                ("Pons", true),
                ("Choquet", true),
                ("Dang Van Sung", true),
                ("Petit", false),
                ("Durand", false),
                // (A court-appointed agent is no professional here: a party's name to mask.)
                ("Leblanc", false),
                ("Leroy", true),
                ("Blanc", true),
            ]
        );
    }

    #[test]
    fn professionals_are_not_parties() {
        no_names(&[
            "Sur le rapport de Mme Thomas, conseiller, les observations",
            "où étaient présents M. Bonnal, président, Mme Labrousse, conseiller de la chambre,",
            "M. Lemoine, avocat général, après débats",
            "Mme Martinel, président",
            "M. BONNAL président,",
            "MM. Pons, Choquet, conseillers référendaires, Mme Wurtz, avocat général",
            "Mmes Djikpa et Brun, conseillers référendaires,",
            "M. Mollard, conseiller doyen, Mmes Graff-Daudret, Sabotier, conseillers",
            "la SARL Boré, Salve de Bruneton et Mégret, avocat de Mme [O] [C]",
            "Me Dupont, avocat",
            "Monsieur le Président, Mme LA PROCUREURE GENERALE PRES LA COUR",
            "Mme l'Agent judiciaire de l'Etat",
            "avec l'assistance de Mme Sylvie LAVAL, Greffier,",
            "- M. Michel FICAGNA, Président,",
            "Monsieur Bernard CHALAYER, Monsieur Stéphane GARNIER, Juges.",
            "La présidente, signé S. Edert.",
            "M. X..., domicilié [...], Mme C... A... B... demande",
            "M. [K] [C], demeurant [Adresse 1], les époux [P]",
            "la société Dilo Guyane, demeurant",
            "M. Durand, ès qualités d'expert judiciaire",
            // The role in parentheses, and a role whose next words are past a colon.
            "Décision rendue par M. Bonnal (président).",
            "MM. Pons (conseiller), Choquet",
            "Mme Martinel, présidente : 35 % de chances de succès",
            // As typeset: a ligature in the role, a compound broken after its hyphen.
            "Mme Catherine, grefﬁer de chambre,",
            "Mme Renault- Malignac, conseiller doyen, et Mme Catherine, greffier",
        ]);
        // A company's officers stay parties, in parentheses, past a comma, a line break of a
        // wrapped text, a tab, a parenthesis or a quote.
        for t in [
            "M. Durand (président de la société Alpha)",
            "M. Durand, président, de la société Alpha",
            "M. Durand, président\nde la société Alpha",
            "M. Durand, président\tde la société Alpha",
            "M. Durand, président (de la société Alpha)",
            "M. Durand, président « de la société Alpha »",
            "M. Durand, conseiller\nmunicipal",
        ] {
            assert_eq!(names(t), vec!["Durand"], "{t}");
        }
    }

    #[test]
    fn metadata_and_earlier_roles_make_professionals() {
        let pros = vec!["M. Bonnal".to_string()];
        assert!(find_person_names("la décision de M. Bonnal", &pros).is_empty());
        assert!(
            names("Mme Mallet-Bricout, avocat général, a conclu. L'avis de Mme Mallet-Bricout")
                .is_empty()
        );
        assert!(names("Mme Bacache-Gibeili, conseiller ; selon Mme Bacache").is_empty());
    }

    #[test]
    fn a_party_may_share_a_magistrates_surname() {
        let t = "M. Martin, président, Mme Durand, conseiller. Mme Lucie Martin, née le 3 mars \
                 1975, demeurant à Lyon, a formé un pourvoi contre M. Durand, domicilié à \
                 Paris. Sur le rapport de Mme Durand, conseiller, l'avis de M. Martin.";
        assert_eq!(names(t), ["Lucie Martin", "Durand"]);
        // Without an address or a birth, a shared surname stays the magistrate's.
        assert!(names("M. Martin, président. Selon M. Martin, le moyen manque en fait").is_empty());
        // From the metadata too; `né` must be a whole word before `le`, `à` or `en`.
        let pros = vec!["M. Bonnal".to_string()];
        assert!(!find_person_names("Mme Bonnal, demeurant à Lyon", &pros).is_empty());
        assert!(find_person_names("M. Bonnal, nement", &pros).is_empty());
        assert!(find_person_names("M. Bonnal, NÉ LE 3 mars 1975", &pros).len() == 1);
    }

    #[test]
    fn many_names_stay_linear() {
        // 20,000 professionals then 20,000 parties: a quadratic comparison would take minutes.
        let mut t = String::from("où étaient présents ");
        for i in 0..20_000 {
            t.push_str(&format!("M. Pro{}, conseiller, ", to_letters(i)));
        }
        for i in 0..20_000 {
            t.push_str(&format!("M. Party{} a vendu. ", to_letters(i)));
        }
        // The time this thread ran (Linux says it in /proc), not the time gone by, which a
        // loaded machine stretches; the latter where the former cannot be read. It takes half a
        // second in a debug build.
        let ran = || -> Option<u64> {
            std::fs::read_to_string("/proc/thread-self/schedstat")
                .ok()?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        };
        let (ran_before, started) = (ran(), std::time::Instant::now());
        assert_eq!(find_person_names(&t, &[]).len(), 20_000);
        let took = match (ran_before, ran()) {
            (Some(a), Some(b)) => std::time::Duration::from_nanos(b - a),
            _ => started.elapsed(),
        };
        assert!(took.as_secs() < 20, "{took:?}");
    }

    /// A chain of initials (`M. M. M. …`, each `M.` a civility that starts a name scan) is
    /// scanned a bounded number of words from each civility, not to the end of the chain: a
    /// name holds at most [`NAME_TOKENS`] words, initials included, so a surname after
    /// thousands of initials is reached from the last civilities only.
    #[test]
    fn a_chain_of_initials_bounds_each_name_scan() {
        // Within the bound, initials still open a name.
        assert_eq!(names("M. J. P. Dupont a vendu"), vec!["J. P. Dupont"]);
        assert_eq!(parse_name("A. B. C. D. E. F. Dupont", 0), Some((0, 24)));
        // Beyond it, the scan stops: seven initials are no name, whatever follows them.
        assert_eq!(parse_name("A. B. C. D. E. F. G. Dupont", 0), None);
        let chain = "M. ".repeat(20_000) + "Dupont a vendu";
        assert_eq!(parse_name(&chain, 3), None);
        // Only the civility six initials before the surname reaches it.
        assert_eq!(names(&chain), vec!["M. M. M. M. M. M. Dupont"]);
        let mixed = "M. ".to_string() + &"A. B. C. D. E. F. G. H. I. M. ".repeat(2_000) + "dupont";
        assert_eq!(names(&mixed), Vec::<&str>::new());
    }

    /// A word of a name is at most [`NAME_WORD_MAX`] bytes: a run of hyphen-joined words is no
    /// name, where it made one as long as its input.
    #[test]
    fn a_name_word_is_bounded() {
        assert_eq!(
            names("M. Jean-Pierre-Marie-Hélène Durand-Lefebvre a vendu"),
            vec!["Jean-Pierre-Marie-Hélène Durand-Lefebvre"]
        );
        let run = "M. ".to_string() + &"Jean-".repeat(50_000) + "Dupont a vendu";
        assert_eq!(parse_name(&run, 3), None);
        assert_eq!(names(&run), Vec::<&str>::new());
        let before = "Jean-".repeat(50_000) + "Dupont, demeurant à Lyon";
        assert_eq!(names(&before), Vec::<&str>::new());
    }

    fn to_letters(mut i: usize) -> String {
        let mut s = String::new();
        loop {
            s.push((b'a' + (i % 26) as u8) as char);
            i /= 26;
            if i == 0 {
                break s;
            }
        }
    }

    #[test]
    fn court_of_appeal_composition_and_signatures() {
        let t = "COMPOSITION DE LA COUR :\nMadame Marie DUPONT, Présidente de chambre\n\
                 Monsieur Paul MARTIN, Conseiller\nGREFFIER : Madame Julie PETIT\n\
                 DÉBATS : à l'audience publique du 12 mai 2022, devant Madame Claire ROUX, \
                 magistrat chargé du rapport\nPrésident : M. Paul Legrand\n\
                 Arrêt signé par Madame Marie DUPONT, Présidente et par Madame Julie PETIT, \
                 Greffière\nreprésenté par Me Jean Durand, avocat au barreau de Paris\n\
                 Monsieur Gérard TEILLET, Président, Monsieur Bernard CHALAYER, Juges.\n\
                 LE GREFFIER LE PRESIDENT\nMaître Alix PRINTEMS Monsieur Gérard TEILLET";
        assert_eq!(names(t), Vec::<&str>::new());
    }

    /// The clerks and judges of court-of-appeal and labour-court compositions, however the
    /// label is worded, and the later members of a label's enumeration.
    #[test]
    fn composition_labels_and_their_enumerations() {
        no_names(&[
            "GREFFIER : lors des débats et du prononcé : Mme Claire PETIT",
            "Greffier, lors des débats : Madame Claire PETIT, Greffier, lors du prononcé : \
             Madame Anne ROUX",
            "Greffier lors du prononcé : Mme Claire PETIT",
            "Greffière lors de la mise à disposition : Mme Claire PETIT",
            "Greffier, lors de la mise à disposition : Mme Claire Petit",
            "Juge départiteur : Monsieur Paul BERNARD",
            "Magistrat rédacteur : M. Paul Bernard",
            "Arrêt rédigé par M. Paul Bernard et signé par Mme Claire Petit, présidente.",
            "Juge départiteur : Monsieur Paul BERNARD. Conseillers : Madame Lise MARTY, \
             Monsieur Marc DURIEUX. Greffier : Madame Julie FAURE. [...] Jugement rédigé par \
             Monsieur Paul BERNARD.",
            "Conseillers : Madame Lise MARTY, Monsieur Marc DURIEUX et Mme Anne ROUX",
            "Mme Claire Petit, Directrice des services de greffe judiciaires, lors du prononcé.",
            "Entendu Mme Claire Petit, conseillère, en son rapport",
            "Entendu Mme Claire Petit en son rapport",
            "avec l'assistance de M. Paul Bernard, juriste assistant",
            "avec l'assistance de Mme Claire Petit, attachée de justice",
            "Mme Claire Petit, cadre greffier, lors des débats.",
            "M. Paul Bernard, adjoint administratif faisant fonction de greffier, lors du prononcé.",
            "M. Paul Bernard, conciliateur de justice, a constaté l'échec de la conciliation.",
        ]);
        for (t, who) in [
            (
                "Greffier : Mme Claire PETIT\nAPPELANT :\nM. Jean DURAND, demeurant à Lyon",
                vec!["Jean DURAND"],
            ),
            (
                "Greffier : Mme Claire PETIT. M. Jean DURAND a formé appel.",
                vec!["Jean DURAND"],
            ),
            (
                "la lettre rédigée par Mme Sophie Martin le 3 mars 2015",
                vec!["Sophie Martin"],
            ),
            (
                "la sanction prononcée contre M. Jean Durand",
                vec!["Jean Durand"],
            ),
            (
                "Entendu M. Jean Durand en ses explications",
                vec!["Jean Durand"],
            ),
            (
                "M. Jean Durand, cadre commercial, demeurant à Lyon",
                vec!["Jean Durand"],
            ),
            (
                "M. Jean Durand, adjoint au maire, a été entendu",
                vec!["Jean Durand"],
            ),
            (
                "M. Jean Durand, juriste d'entreprise, a été licencié",
                vec!["Jean Durand"],
            ),
        ] {
            assert_eq!(names(t), who, "{t}");
        }
    }

    #[test]
    fn parties_in_court_of_appeal_headings() {
        let t = "APPELANT :\nMonsieur Jean DUPONT, né le 12 mars 1970 à Lyon, demeurant 3 rue \
                 des Lilas\nINTIMÉE :\nMme Sophie Martin, gérante de la société Alpha, \
                 représentée par Me Paul Roux, avocat";
        assert_eq!(names(t), vec!["Jean DUPONT", "Sophie Martin"]);
    }

    #[test]
    fn word_lists_are_folded() {
        for list in [
            ROLES,
            TITLES,
            PRO_BEFORE,
            BODY_MARKS,
            BODY_ACRONYMS,
            ORGS,
            PARTICLES,
            NOT_NAMES,
            SENTENCE_WORDS,
        ] {
            for w in list {
                assert_eq!(&fold(w), w);
            }
        }
    }

    /// A role before the name, then a comma, as signatures and compositions write it: a
    /// professional, not a party.
    #[test]
    fn roles_before_a_name_and_a_comma() {
        let t = "M. Martin a formé le pourvoi. Mme Martinel, président. Le rapporteur, M. Dupont. \
                 Le greffier, Mme Tifratine. Le conseiller rapporteur, M. Petit. La greffière,\n\
                 Signé : Mme Leroy. Le greffier de chambre, M. Roux. L'avocat général, M. Lenoir";
        assert_eq!(names(t), vec!["Martin"]);
    }

    /// An office heading a phrase before the name: the court's members, experts and other
    /// professionals acting as such; but not a party the phrase only speaks of, nor someone
    /// presiding over a company or an association.
    #[test]
    fn offices_heading_a_phrase_before_a_name() {
        let professionals = [
            "COUR D'APPEL DE LYON Le juge-commissaire, M. Hugues Marin, a autorisé la cession.",
            "Le juge commissaire M. Hugues Marin a autorisé la cession.",
            "Le juge d'instruction, M. Hugues Marin, a ordonné une expertise.",
            "Le juge des enfants, Mme Hélène Marin, a ordonné une mesure d'assistance éducative.",
            "Le juge de la liberté et de la détention, Mme Hélène Marin, a statué.",
            "Le conseiller de la mise en état, M. Hugues Marin, a rejeté l'incident.",
            "Le président du tribunal de commerce, M. Hugues Marin, a rendu une ordonnance.",
            "Le président de la chambre sociale, M. Hugues Marin, a rendu une ordonnance.",
            "Le premier président de la cour d'appel de Rouen, M. Hugues Marin, a statué.",
            "L'expert judiciaire, M. Pierre Lefort, a déposé son rapport le 3 mai 2019.",
            "L'expert judiciaire M. Pierre Lefort a déposé son rapport.",
            "Le médiateur désigné, M. Pierre Lefort, a rendu compte.",
            "Le conciliateur de justice, M. Pierre Lefort, a constaté l'accord.",
            "Le délégué du défenseur des droits, M. Pierre Lefort, a présenté ses observations.",
            "Le commissaire aux comptes, M. Yves Roche, a certifié les comptes.",
            "Le commissaire aux comptes de la société [1], M. Yves Roche, a certifié les comptes.",
            "L'officier de police judiciaire, M. Yves Roche, a procédé à l'audition.",
            "Le juge-commissaire, M. Yves Roche, par ordonnance du 3 mai 2019, a autorisé la vente.",
            "Le juge d'instruction, M. Yves Roche, le 3 mai 2019, a ordonné une expertise.",
            "Le juge d'instruction, M. Yves Roche, s'est déclaré incompétent.",
            "Le juge d'instruction, M. Yves Roche, n'a pas statué.",
            "L'expert judiciaire, M. Yves Roche, considère que le bien est sain.",
            "Le juge de l'exécution, Mme Yvette Roche, rejette la demande.",
            "L'huissier de justice, M. Yves Roche, signifie l'acte.",
            "Le juge d'instruction M. Yves Roche et le greffier Mme Claire Dufour ont signé.",
            "Le procureur de la République près le tribunal judiciaire de Lyon, M. Yves Roche, a requis.",
            "Conseiller employeur : M. Marc Rey",
            "Conseiller salarié : Mme Lucie Gay",
            "Président (conseiller salarié) : M. Noël Brun",
            "Le président du conseil de prud'hommes, M. Noël Brun, a statué.",
            "Le président de la section du contentieux, M. Noël Brun, a statué.",
            "qu'il a retenu que « Le juge d'instruction, M. Hugues Marin, a ordonné »",
            "pour écarter l'irrégularité de ces fouilles, la cour d'appel relève que le juge \
             d'instruction de la juridiction du tribunal judiciaire de Lyon M. Hugues Marin a",
        ];
        no_names(&professionals);
        assert_eq!(
            names(
                "Le juge d'instruction, M. Yves Roche, et son greffier, Mme Claire Dufour, ont \
                 signé. Mme Martin a formé un pourvoi."
            ),
            vec!["Martin"]
        );
        assert_eq!(
            names(
                "Le procureur général près la cour d'appel de Rouen, Mme Jacquet, le bâtonnier \
                 et M. Dupuis ont formé des pourvois"
            ),
            vec!["Jacquet", "Dupuis"]
        );
        let parties = [
            (
                "Le procureur général près la cour d'appel de Rouen, Mme Jacquet et le bâtonnier \
                 de l'ordre des avocats ont formé des pourvois",
                "Jacquet",
            ),
            (
                "Le procureur général près la cour d'appel de Rouen, Mme Fatima Renard, \
                 conseillère municipale et le bâtonnier ont formé des pourvois",
                "Fatima Renard",
            ),
            (
                "Le procureur général près la cour d'appel de Rouen, Yasmine Chevallier, demeurant \
                 [Adresse 1] et le bâtonnier ont formé des pourvois",
                "Yasmine Chevallier",
            ),
            (
                "Le juge a condamné M. Hugues Marin à payer.",
                "Hugues Marin",
            ),
            ("L'avocat de M. Hugues Marin a plaidé.", "Hugues Marin"),
            (
                "Le liquidateur de M. Hugues Marin a été désigné.",
                "Hugues Marin",
            ),
            (
                "Le président de l'association, M. Hugues Marin, a signé.",
                "Hugues Marin",
            ),
            (
                "Le président de la société Alpha, M. Hugues Marin, a signé.",
                "Hugues Marin",
            ),
            (
                "Le gérant de la société [1], M. Hugues Marin, a signé.",
                "Hugues Marin",
            ),
            (
                "Le délégué du personnel, M. Hugues Marin, a témoigné.",
                "Hugues Marin",
            ),
            (
                "Le président du conseil d'administration de la société [1], M. Hugues Marin, a signé.",
                "Hugues Marin",
            ),
            (
                "Le président du conseil syndical, M. Hugues Marin, a signé.",
                "Hugues Marin",
            ),
            (
                "Le président du bureau de l'association, M. Hugues Marin, a signé.",
                "Hugues Marin",
            ),
            (
                "Le délégué syndical de la section CGT, M. Hugues Marin, a été licencié.",
                "Hugues Marin",
            ),
            (
                "Le conseiller financier, M. Hugues Marin, a témoigné.",
                "Hugues Marin",
            ),
            (
                "Le juge de l'exécution, saisi par M. Hugues Marin, a statué.",
                "Hugues Marin",
            ),
            (
                "Le juge des enfants de M. Hugues Marin a statué.",
                "Hugues Marin",
            ),
        ];
        for (t, name) in parties {
            assert_eq!(names(t), vec![name], "{t}");
        }
    }

    #[test]
    fn administrative_court_members() {
        let t = "- le rapport de M. Jean Dupont, maître des requêtes, - les conclusions de \
                 Mme Claire Legras, rapporteure publique ; Rapporteur public : M. Laurent Domingo \
                 ; Mme Anne Roux, premier conseiller ; M. Paul Petit, président-rapporteur";
        assert_eq!(names(t), Vec::<&str>::new());
        assert_eq!(names("M. Paul Petit, maître d'œuvre"), vec!["Paul Petit"]);
    }

    /// The text of the real order ORTA_2520143 (tribunal administratif de Cergy-Pontoise), as
    /// read from its XML: the line breaks of its `<br/>`.
    fn orta_text() -> String {
        let xml = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/ce/ORTA_2520143_20251205.xml"
        ))
        .unwrap();
        let start = xml.find("<Texte_Integral>").unwrap() + "<Texte_Integral>".len();
        let end = xml.find("</Texte_Integral>").unwrap();
        xml[start..end].replace("<br/>", "")
    }

    /// The real order with its signature replaced by `block`, as the judgments of a cour
    /// administrative d'appel or a tribunal administratif close.
    fn orta_with(block: &str) -> String {
        let t = orta_text();
        let sign = t.find("Fait à Cergy").unwrap();
        let end = t.find("La République mande").unwrap();
        format!("{}{block}\n\n{}", &t[..sign], &t[end..])
    }

    #[test]
    fn the_real_order_names_nobody() {
        assert_eq!(names(&orta_text()), Vec::<&str>::new());
    }

    /// The titles of administrative courts' compositions, hyphenated or not, in either gender,
    /// with the number of the chamber in figures or in words: the court's members.
    #[test]
    fn administrative_court_compositions() {
        let blocks = [
            "Délibéré après l'audience du 25 mai 2023, à laquelle siégeaient :\n\nM. Arbarétaz, \
             président de chambre,\n\nMme Evrard, présidente-assesseure,\n\nM. Gros, président \
             de la 4ème chambre,\n\nMme Burnichon, conseillère-rapporteure.",
            "M. Pourny, président-assesseur, Mme Caraës, première conseillère, M. Joos, premier \
             conseiller, Mme Djebiri, conseillère rapporteure, M. Lamy, conseiller-rapporteur.",
            "Mme Le Frapper, présidente assesseure, Mme Vinet, présidente-assesseur, M. Rivière, \
             président de la 1re chambre, Mme Cottier, présidente de la deuxième section, M. \
             Chabert, président de la 6e chambre, Mme Mauclair, présidente de la formation de \
             jugement.",
            "M. Vallecchia, rapporteur public. Mme Dumont, greffière. M. Girard, magistrat \
             désigné. Mme Fabre, secrétaire du contentieux. Mme Roux, juge-rapporteure. M. \
             Blanc, secrétaire-greffier.",
            "Le président de la 4ème chambre, M. Marc Gros, a statué. La présidente-assesseure, \
             Mme Anne Evrard. La magistrate désignée, Mme Anne Evrard, a rejeté la requête.",
        ];
        for block in blocks {
            assert_eq!(names(&orta_with(block)), Vec::<&str>::new(), "{block}");
        }
        // A company's president and director are not the court's.
        for (t, who) in [
            (
                "M. Marc Gros, président-directeur général de la société Alpha, a signé.",
                "Marc Gros",
            ),
            (
                "M. Marc Gros, président de la 4ème société du groupe, a signé.",
                "Marc Gros",
            ),
        ] {
            assert_eq!(names(&orta_with(t)), vec![who], "{t}");
        }
        // Each is a member of the court for the profiling rules.
        let t = "Mme Evrard, présidente-assesseure, M. Gros, président de la 4ème chambre, \
                 Mme Burnichon, conseillère-rapporteure, Mme Fabre, secrétaire du contentieux.";
        let roles = professional_roles(t);
        assert_eq!(roles.len(), 4, "{roles:?}");
        assert!(roles.iter().all(|(_, court)| *court), "{roles:?}");
    }

    /// A public official named beside their office and doing an act of it acts in office, in
    /// either order; not one the case is about, nor a company's director.
    #[test]
    fn public_officials_acting_in_office() {
        let in_office = [
            "1. Par un arrêté du 3 mars 2023, le maire de Villeurbanne, M. Cédric Van \
             Styvendael, a refusé le permis de construire sollicité par M. C... D....",
            "2. Le préfet du Rhône, M. Pascal Mailhos, a déféré cet arrêté.",
            "3. Le ministre de l'intérieur, M. Gérald Darmanin, a produit un mémoire en défense.",
            "4. Le directeur général de l'agence régionale de santé, M. Jean-Yves Grall, a pris \
             la décision.",
            "M. Cédric Van Styvendael, maire de Villeurbanne, a refusé le permis.",
            "La décision a été prise par M. Paul Morel, secrétaire général de la préfecture, \
             signataire de l'arrêté.",
            "M. Paul Morel, directeur du centre hospitalier, a prononcé le licenciement.",
            "L'inspectrice du travail, Mme Claire Morel, a autorisé le licenciement.",
            "M. Paul Morel, inspecteur du travail, a refusé l'autorisation.",
            "Le secrétaire général de la préfecture, M. Paul Morel, qui disposait d'une \
             délégation de signature, a signé l'arrêté.",
            "Le ministre de l'intérieur et des outre-mer, M. Paul Morel, conclut au rejet.",
            // An act of the office after `a refusé de`, `a décidé d'`.
            "Le préfet du Rhône, M. Pascal Mailhos, a refusé de délivrer le titre de séjour.",
            "Le préfet du Rhône, M. Pascal Mailhos, a refusé d'enregistrer la demande.",
        ];
        for t in in_office {
            assert_eq!(names(&orta_with(t)), Vec::<&str>::new(), "{t}");
        }
        let parties = [
            (
                "Le maire de la commune, M. Paul Morel, a été condamné.",
                "Paul Morel",
            ),
            (
                "M. Paul Morel, maire de la commune, est poursuivi.",
                "Paul Morel",
            ),
            (
                "Le maire a écrit à M. Paul Morel, qui a refusé.",
                "Paul Morel",
            ),
            (
                "Le directeur de la société Alpha, M. Paul Morel, a signé le contrat.",
                "Paul Morel",
            ),
            (
                "M. Paul Morel, directeur commercial, a refusé l'offre.",
                "Paul Morel",
            ),
            (
                "Le préfet, saisi par M. Paul Morel, a refusé.",
                "Paul Morel",
            ),
            // What is refused is the official's own act, not one of the office.
            (
                "Le maire de Rouen, M. Nicolas Mayer, a refusé de payer la pension alimentaire \
                 due à son épouse.",
                "Nicolas Mayer",
            ),
            (
                "Le ministre de l'intérieur, M. Gérald Moreau, a refusé de rembourser le prêt \
                 consenti par son frère.",
                "Gérald Moreau",
            ),
            (
                "Le maire de Rouen, M. Nicolas Mayer, a refusé d'honorer sa dette.",
                "Nicolas Mayer",
            ),
        ];
        for (t, who) in parties {
            assert_eq!(names(&orta_with(t)), vec![who], "{t}");
        }
        // An official is no member of the court.
        let roles = professional_roles("Le préfet du Rhône, M. Pascal Mailhos, a déféré l'arrêté.");
        assert_eq!(roles, vec![("Pascal Mailhos".to_string(), false)]);
    }

    /// The composition of the real Judilibre decision (tests/data/judilibre/cc_detail.json):
    /// a plural civility whose list goes on after a name that opens with a particle.
    #[test]
    fn a_plural_list_goes_on_after_a_particle() {
        let json = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/judilibre/cc_detail.json"
        ))
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let text = v["text"].as_str().unwrap();
        assert!(text.contains("Mmes Le Bras, de Cabarrus, Lion, Lefeuvre, Tostain, Bessaud"));
        let roles: Vec<String> = professional_roles(text).into_iter().map(|r| r.0).collect();
        for who in [
            "Le Bras",
            "de Cabarrus",
            "Lion",
            "Lefeuvre",
            "Tostain",
            "Bessaud",
            "Boutié",
        ] {
            assert!(roles.iter().any(|r| r == who), "{who}: {roles:?}");
        }
        assert_eq!(names(text), Vec::<&str>::new());
        no_names(&[
            "Mmes Le Bras, de Cabarrus, Lion, d'Arbois, Bessaud, conseillers référendaires",
            // After markers, a particle goes on with the parties: a body, nobody's name.
            "les pourvois de MM. [G] [F], [P] [I], du Syndicat national des pilotes de ligne [2]",
        ]);
    }

    /// Offices named beside the person, and the bâtonnier before: acting as such. The
    /// court-appointed agents (`ès qualités de liquidateur`) are not: the Cour de cassation
    /// pseudonymises them like parties (see the test above).
    #[test]
    fn offices_named_beside_the_person() {
        no_names(&[
            "Mme Claire Hédon, Défenseure des droits, a présenté des observations.",
            "Le bâtonnier de Paris, M. Pierre Hoffman, a assisté à la perquisition.",
            "Mme Rachida Dati, garde des Sceaux, avait présenté le projet de loi.",
            "M. Emmanuel Macron, président de la République, a promulgué la loi.",
        ]);
        one_name_each(&[
            (
                "M. Jean Martin, liquidateur judiciaire de la société, a assigné le dirigeant.",
                "Jean Martin",
            ),
            (
                "M. Paul Roche, commissaire à l'exécution du plan, a été désigné.",
                "Paul Roche",
            ),
            ("M. Paul Roche, garde du corps, a été blessé.", "Paul Roche"),
        ]);
    }

    /// Magistrates as case notes and citations name them, their role abbreviated.
    #[test]
    fn roles_abbreviated_in_citations() {
        no_names(&[
            "Dans le même sens : Cass. 2e civ., 5 oct. 2023, n° 21-20.000 (Mme Martinel, prés.).",
            "Cass. 2e civ., 5 oct. 2023, rapp. Mme Martinel.",
            "Cass. 2e civ., 5 oct. 2023 (concl. Mme Martinel).",
            "Cass. 2e civ., 5 oct. 2023 (Mme Martinel, av. gén.).",
            "Cass. crim., 3 mai 2023 (M. Bonnal, prés. ; Mme Labrousse, cons. rapp. ; M. Lagauche, \
             av. gén.).",
            "Cass. crim., 3 mai 2023 (M. Lagauche, proc. gén.) ; (Mme Roux, subst.)",
        ]);
        no_names(&["Cass. 2e civ., 5 oct. 2023 (Mme Martinel, prés. de la 2e chambre civile)."]);
        // `av.` alone is an avenue; an abbreviated role of another body than a court is no
        // magistrate's.
        one_name_each(&[
            ("Mme Claire Martinel, av. Foch à Paris", "Claire Martinel"),
            (
                "(M. Jean Martin, prés. de l'association requérante)",
                "Jean Martin",
            ),
            (
                "M. Jean Martin, rapp. de la commission de surendettement, a été entendu comme \
                 témoin.",
                "Jean Martin",
            ),
        ]);
        let roles = professional_roles("(Mme Martinel, prés.) ; (M. Lagauche, av. gén.)");
        assert_eq!(
            roles,
            vec![
                ("Martinel".to_string(), true),
                ("Lagauche".to_string(), true)
            ]
        );
    }

    /// Authors of doctrine as a publisher's bibliography cites them: the author of a note, a
    /// comment or a book is no party. A party named in the same words without a citation
    /// word, or beside a title that no publisher or review follows, still is.
    #[test]
    fn authors_of_doctrine_in_citations() {
        no_names(&[
            "D. 2023, p. 1800, note M. Mekki ; Gaz. Pal. 2023, n° 38, p. 12, obs. M. Mignot.",
            "D. 2024, p. 55, chron. M. Latina ; Dr. soc. 2023, p. 1020, note Mme Pécaut-Rivolier.",
            "V. not. les obs. de M. Jourdain sous l'arrêt (RTD civ. 2004, p. 108).",
            "JCP G 2023, 1200, comm. M. Dupont ; étude Mme Lambert, RDC 2022, p. 3.",
            "M. Poumarède, Droit des obligations, LGDJ, 2023, n° 120.",
            "Mme Fabre-Magnan, Droit des obligations, PUF, coll. Thémis, 2021.",
            "M. Jean Pradel, Droit pénal général, Cujas, 2019.",
            "M. Mekki, La réforme du droit des contrats, D. 2016, p. 494 ; M. Mekki, art. préc.",
            "obs. M. Mekki",
        ]);
        // An author cited once in a field is the same person further on.
        no_names(&["note M. Mekki. M. Mekki estime que la réforme n'a rien changé."]);
        // A party: no citation word, `la note de` (a party's memo), a title-like word that no
        // publisher follows, a publisher's name that is no citation's.
        one_name_each(&[
            (
                "La note de M. Dupont du 3 mai 2019 a été produite.",
                "Dupont",
            ),
            ("M. Dupont, Directeur commercial, a été licencié.", "Dupont"),
            (
                "M. Dupont, Responsable de la boutique, vendait des livres Dalloz.",
                "Dupont",
            ),
            ("Selon M. Dupont, l'employeur ne l'a pas payé.", "Dupont"),
        ]);
        // An author is no member of the court either.
        assert_eq!(
            professional_roles("D. 2023, p. 1800, note M. Mekki."),
            vec![("Mekki".to_string(), false)]
        );
    }

    /// A maiden name in clear after the initials that stand for a name.
    #[test]
    fn a_maiden_name_after_initials() {
        let t = orta_text().replace(
            "Mme C... A... B... demande",
            "Mme C... A... B..., née Chantal Abadie, demande",
        );
        assert!(t.contains("née Chantal Abadie"));
        assert_eq!(names(&t), vec!["Chantal Abadie"]);
        no_names(&[
            "Mme X..., née le 3 mars 1975",
            "Mme C... A..., née Y..., demande",
        ]);
    }

    #[test]
    fn bare_names_and_titles() {
        let at = |t: &str| bare_person_name(t).map(|(a, b)| t[a..b].to_string());
        assert_eq!(at("Chantal Abadie").as_deref(), Some("Chantal Abadie"));
        assert_eq!(
            at(" Chantal Abadie (requérante)").as_deref(),
            Some("Chantal Abadie")
        );
        for t in [
            "Préfet des Hauts-de-Seine",
            "Commune de Villeurbanne",
            "Abadie",
            "Chantal",
        ] {
            assert_eq!(at(t), None, "{t}");
        }
        let versus = |t: &str| -> Vec<String> {
            names_around_versus(t)
                .into_iter()
                .map(|(a, b)| t[a..b].to_string())
                .collect()
        };
        assert_eq!(
            versus("Abadie c/ Préfet des Hauts-de-Seine"),
            vec!["Abadie"]
        );
        assert_eq!(
            versus("CE, 3 mai 2023, Durand c/ Jean Martin"),
            vec!["Durand", "Jean Martin"]
        );
        assert_eq!(versus("Société Alpha c/ Jean Martin"), vec!["Jean Martin"]);
        // A company named after nobody: one word on each side may be a brand (`Axa`), and a
        // body's word makes the other side no person's.
        assert_eq!(
            versus("Sophie Lambert c/ Transports Girard"),
            vec!["Sophie Lambert"]
        );
        for t in [
            "Dupont c/ Axa",
            "Société Alpha c/ Commune de Lyon",
            "SNCF c/ URSSAF",
            "X... c/ Y...",
            "[K] c/ Préfet du Rhône",
            "Ministre de l'intérieur c/ Mme X...",
            "2 c/ 3",
        ] {
            assert_eq!(versus(t), Vec::<String>::new(), "{t}");
        }
    }

    #[test]
    fn hand_written_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Par acte du 12 mars 2015, M. Karim Benali a consenti à Mme Léa Martin un bail",
                &["Karim Benali", "Léa Martin"],
            ),
            (
                "Mme Martin, salariée de la société Alpha, a saisi la juridiction prud'homale",
                &["Martin"],
            ),
            ("les consorts Lemaire ont assigné", &["Lemaire"]),
            ("Attendu que M. Durand fait grief à l'arrêt", &["Durand"]),
            (
                "M. Durand, agissant en qualité de gérant de la SCI",
                &["Durand"],
            ),
            (
                "dans le litige opposant M. Pierre Martin à Mme Anne Petit, la cour",
                &["Pierre Martin", "Anne Petit"],
            ),
            (
                "ENTRE : Monsieur Jean-Marc DE LA TOUR, appelant",
                &["Jean-Marc DE LA TOUR"],
            ),
            (
                "Mme [K] [C] et M. Paul Durand, ses enfants",
                &["Paul Durand"],
            ),
            (
                "Madame Sophie Martin épouse Durand",
                &["Sophie Martin", "Durand"],
            ),
            ("au profit de Mlle Chloé Vidal, mineure", &["Chloé Vidal"]),
            ("M. Durand Le pourvoi est rejeté", &["Durand"]),
        ];
        for (t, want) in cases {
            assert_eq!(&names(t), want, "{t}");
        }
    }

    #[test]
    fn name_at_span() {
        let t = "M. Durand, demeurant [Adresse 1], contre la société Dilo Guyane ; \
                 Mme Martinel, président";
        let at = |w: &str| {
            let s = t.find(w).unwrap();
            person_name_at(t, s, s + w.len(), &[])
        };
        assert!(at("Durand"));
        assert!(at("M. Durand"));
        assert!(!at("Dilo Guyane"));
        assert!(!at("Martinel"));
        // A later bare mention of the party, in any case.
        let t = "M. Jean Durand, demeurant [Adresse 1]. Selon DURAND, la vente";
        let s = t.find("DURAND").unwrap();
        assert!(person_name_at(t, s, s + 6, &[]));
        let s = t.find("Selon").unwrap();
        assert!(!person_name_at(t, s, s + 5, &[]));
    }

    /// The list shared with the profiling rules is one of this module's, whole.
    #[test]
    fn the_shared_list_of_bodies_is_among_the_organisations() {
        assert_eq!(ORGS.len(), BODIES.len() + PARTY_BODIES.len());
        for w in BODIES.iter().chain(PARTY_BODIES) {
            assert!(ORGS.contains(w), "{w}");
            assert!(in_list(w, IN_ORGS), "{w}");
        }
    }

    /// The phrase before a civility, however many words its window holds (one letter each,
    /// or elided), fits in `OFFICE_PARTS` and is read to its end.
    #[test]
    fn the_densest_window_before_a_civility_is_read_whole() {
        let at = |t: &str| {
            let s = t.find("M. ").unwrap();
            (s, s + "M. Hugues Marin".len())
        };
        for filler in ["a ", "l'a ", "d\u{2019}a ", "à "] {
            let t = format!(
                "{}Le juge d'instruction, M. Hugues Marin, a ordonné une expertise.",
                filler.repeat(60)
            );
            let (s, e) = at(&t);
            assert!(office_before(&t, s, e), "{t}");
            // Nothing but one-letter words: no office.
            let t = format!("{}M. Hugues Marin, a ordonné.", filler.repeat(80));
            let (s, e) = at(&t);
            assert!(!office_before(&t, s, e), "{t}");
        }
    }
}

/// The trigger search of [`Triggers`] against the one it replaced: a single leftmost-first
/// Aho-Corasick automaton of all [`PATTERNS`].
#[cfg(test)]
mod trigger_search_tests {
    use super::*;
    use proptest::prelude::*;

    static REFERENCE: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(PATTERNS.iter().map(|p| p.0))
            .unwrap()
    });

    fn reference_find(text: &str, pos: usize) -> Option<TriggerMatch> {
        REFERENCE
            .find(aho_corasick::Input::new(text).span(pos..text.len()))
            .map(|m| TriggerMatch {
                start: m.start(),
                end: m.end(),
                pattern: m.pattern().as_usize(),
            })
    }

    /// The anchored civility checks: the old `AC.find(s)` matching at 0 with a civility.
    fn reference_civility(s: &str) -> Option<(usize, usize)> {
        let m = REFERENCE.find(s)?;
        (m.start() == 0 && matches!(PATTERNS[m.pattern().as_usize()].1, Trigger::Civility { .. }))
            .then(|| (m.pattern().as_usize(), m.end()))
    }

    fn next_boundary(text: &str, i: usize) -> usize {
        ceil_boundary(text, i)
    }

    /// Walks `text` as `candidates` does, from match end to match end, but also from just
    /// after each match's start and with the extra `jumps` (bytes) between queries, and
    /// compares every answer; then checks fresh searches and the anchored civility check at
    /// every `stride`-th char boundary. Returns the number of triggers met.
    fn check(text: &str, jumps: &[usize], stride: usize) -> usize {
        let mut triggers = Triggers::new(text);
        let mut pos = 0;
        let mut k = 0;
        let mut met = 0;
        while pos <= text.len() {
            let want = reference_find(text, pos);
            assert_eq!(triggers.find(pos), want, "at {pos} in {text:?}");
            let Some(m) = want else { break };
            met += 1;
            let jump = jumps.get(k % jumps.len().max(1)).copied().unwrap_or(0);
            k += 1;
            // Alternate the overlapping restart (start + 1) and the loop's (end), plus a jump.
            let next = if k % 2 == 0 { m.start + 1 } else { m.end };
            pos = next_boundary(text, next + jump);
            if pos >= text.len() {
                assert_eq!(triggers.find(text.len()), None);
                break;
            }
        }
        let mut i = 0;
        while i <= text.len() {
            assert_eq!(
                Triggers::new(text).find(i),
                reference_find(text, i),
                "at {i}"
            );
            assert_eq!(
                civility_prefix(&text[i..]),
                reference_civility(&text[i..]),
                "at {i}"
            );
            i = next_boundary(text, i + stride);
            if i == text.len() {
                break;
            }
        }
        met
    }

    #[test]
    fn patterns_split_as_the_search_assumes() {
        for (i, (p, t)) in PATTERNS.iter().enumerate() {
            let civility = matches!(t, Trigger::Civility { .. });
            assert_eq!(civility, i < CIVILITIES, "{p}");
            assert_eq!(p.starts_with('M'), civility, "{p}");
        }
    }

    #[test]
    fn same_triggers_on_the_real_decisions() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut files = Vec::new();
        for dir in ["dila-cass", "judilibre", "ce"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                files.push(e.unwrap().path());
            }
        }
        files.sort();
        let mut met = 0;
        for (n, f) in files.iter().enumerate() {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            let jumps = [0, 0, n % 7, 0, 3 * (n % 5), 0, 40];
            met += check(&text, &jumps, 13 + n % 11);
        }
        assert!(met > 5_000, "{met}");
    }

    /// Text made of pieces of the triggers, so that near misses and overlaps abound.
    fn trigger_soup() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => prop::sample::select(PATTERNS.iter().map(|p| p.0).collect::<Vec<_>>())
                .prop_map(str::to_string),
            3 => prop::sample::select(vec![
                "M", "MM", "Mm", "Ml", "Me", "Ma", "Mo", "MO", "MA", "MAD", ".", "e", "es", "s",
                "é", "né", "n", "(e)", "(", " ", "  ", "\n", "à", "le", "de", "do", "co", "su",
                "ve", "ép", "épou", "meurant", "micilié", "nsorts", "ccession", "uve", "x", "'",
                "-", "Durand", "\u{a0}", "É",
            ])
            .prop_map(str::to_string),
            1 => "[a-zA-Zé .()'-]{1,4}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn same_triggers_on_trigger_soup(
            text in trigger_soup(),
            jumps in prop::collection::vec(0usize..6, 1..5),
        ) {
            check(&text, &jumps, 1);
        }
    }
}

/// The word-level helpers made faster against their plain forms.
#[cfg(test)]
mod fast_helper_tests {
    use super::*;
    use proptest::prelude::*;

    /// `is_folded_in` as it was: fold into 48 bytes, compare with every word.
    fn plain_is_folded_in(w: &str, list: &[&str]) -> bool {
        let f = fold(w);
        f.len() <= 48 && list.contains(&f.as_str())
    }

    /// `word_at` as it was, over `char_indices`.
    fn plain_word_at(text: &str, p: usize) -> Option<(usize, usize)> {
        let mut it = text[p..].char_indices().peekable();
        let mut end = p;
        while let Some((i, c)) = it.next() {
            if c.is_alphabetic() {
                end = p + i + c.len_utf8();
            } else if matches!(c, '-' | '\'' | '’')
                && end == p + i
                && end > p
                && it.peek().is_some_and(|&(_, n)| n.is_alphabetic())
            {
                continue;
            } else {
                break;
            }
        }
        (end > p).then_some((p, end))
    }

    /// `skip_spaces` as it was, over `chars`.
    fn plain_skip_spaces(text: &str, p: usize) -> usize {
        let mut q = p;
        for c in text[p..].chars() {
            if c == ' ' || c == '\u{a0}' || c == '\t' || c == '\u{202f}' {
                q += c.len_utf8();
            } else {
                break;
            }
        }
        q
    }

    fn check_word(w: &str) {
        let bits = lists_of(w);
        for (list, bit) in LISTS {
            assert_eq!(bits & bit != 0, plain_is_folded_in(w, list), "{w:?}");
            assert_eq!(is_folded_in(w, list), plain_is_folded_in(w, list), "{w:?}");
        }
    }

    #[test]
    fn is_alphabetic_is_unicode_alphabetic() {
        for c in ('\0'..='\u{2ff}').chain(['’', 'œ', 'Œ', 'ẞ', '\u{10ffff}']) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn first_names_are_sorted_and_found_in_any_case() {
        assert!(FIRST_NAMES.windows(2).all(|w| w[0] < w[1]));
        for w in FIRST_NAMES {
            assert!(is_first_name(w), "{w}");
            assert!(is_first_name(&w.to_uppercase()), "{w}");
        }
        for w in ["Hélène", "CHLOÉ", "Jérôme", "Inès"] {
            assert!(is_first_name(w), "{w}");
        }
        for w in ["France", "Martin", "Société", "Durand"] {
            assert!(!is_first_name(w), "{w}");
        }
    }

    #[test]
    fn every_list_word_in_any_case() {
        for (list, _) in LISTS {
            for w in list {
                check_word(w);
                check_word(&w.to_uppercase());
                check_word(&format!("{w}s"));
                check_word(&w[..w.len() - 1]);
            }
        }
        check_word("Président");
        check_word("MAÎTRE");
        check_word("");
        check_word(&"a".repeat(31));
        check_word(&"é".repeat(16));
    }

    fn wordy() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            2 => prop::sample::select(
                LISTS.iter().flat_map(|(l, _)| l.iter().copied()).collect::<Vec<_>>()
            )
            .prop_map(str::to_string),
            2 => "[a-zA-ZéÉèÎîçÇœŒİẞ'’ .-]{1,6}",
            1 => prop::sample::select(vec![
                " ", "-", "'", "’", "\u{a0}", "\u{202f}", "\t", "\0", "1", "…", "\u{2000}"
            ])
                .prop_map(str::to_string),
        ];
        prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn same_as_the_plain_helpers(s in wordy(), prefix in wordy()) {
            check_word(&s);
            check_word(&s.to_uppercase());
            prop_assert_eq!(folded_starts_with(&s, &prefix), fold(&s).starts_with(&prefix));
            let f = fold(&s);
            for cut in 0..=f.len() {
                if f.is_char_boundary(cut) {
                    prop_assert!(folded_starts_with(&s, &f[..cut]));
                }
            }
            for (p, _) in s.char_indices() {
                prop_assert_eq!(word_at(&s, p), plain_word_at(&s, p));
                prop_assert_eq!(skip_spaces(&s, p), plain_skip_spaces(&s, p));
            }
            let mut buf = [0u8; 64];
            let want = fold(&s);
            prop_assert_eq!(fold_into(&s, &mut buf), (want.len() <= 64).then_some(want.as_str()));
        }
    }
}
