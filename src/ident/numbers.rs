//! Case numbers: the same digits in the same order (SPEC §2.2).
//!
//! `20-23.523`, `20-23523`, `n° H 20-23.523` are one number; `20/00804` and `2000804` too.
//! Pourvoi letters (`Y 19-19.463`) and the formation and publication code that follows a
//! pourvoi number (`F-B`, `FS-P+B`) carry no digits and are ignored.

use std::sync::LazyLock;

use regex::Regex;

/// The digits of each number-like chunk of `s`, in order. Chunks are separated by white space,
/// `,`, `;`, `&` and the words `et`/`and`; a chunk counts when it has at least two digits, or
/// is made of digits only (so a Portalis code `DBVY-V-B7E-GMKW` is not taken for a number).
pub fn digit_chunks(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&' | '\u{a0}' | '\u{202f}'))
        .filter_map(|chunk| {
            let digits: String = chunk.chars().filter(char::is_ascii_digit).collect();
            let all_digits = !chunk.is_empty() && chunk.chars().all(|c| c.is_ascii_digit());
            (digits.len() >= 2 || (all_digits && !digits.is_empty())).then_some(digits)
        })
        .collect()
}

/// The digits of a reference number (`19-19.463` → `1919463`).
pub fn digits_of(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The reference's numbers (digits alone), to look a group of a record's chunks up in: a scan
/// of the one or two most decisions have, a hash set of the many a few have. `longest` bounds
/// the groups worth looking up: chunks hold a digit at least, so a group of them grows with
/// each chunk, and one longer than every number matches none. A record's number field of
/// thousands of chunks is thus read in time linear in its length, not in its square.
struct Expected<'a> {
    few: &'a [String],
    many: Option<std::collections::HashSet<&'a str>>,
    longest: usize,
}

impl<'a> Expected<'a> {
    /// Above this many numbers, a hash set.
    const FEW: usize = 8;

    fn new(reference: &'a [String]) -> Self {
        Expected {
            few: reference,
            many: (reference.len() > Self::FEW)
                .then(|| reference.iter().map(String::as_str).collect()),
            longest: reference.iter().map(String::len).max().unwrap_or(0),
        }
    }

    fn contains(&self, digits: &str) -> bool {
        match &self.many {
            Some(set) => set.contains(digits),
            None => self.few.iter().any(|r| r == digits),
        }
    }
}

/// Whether `chunks` can be cut into consecutive groups, each of which spells the digits of one
/// of `reference` (so `20 00804` still matches `20/00804`).
pub fn all_match(chunks: &[String], reference: &[String]) -> bool {
    partition(chunks, reference).0
}

/// [`all_match`], and how many groups of chunks it looked up.
fn partition(chunks: &[String], reference: &[String]) -> (bool, usize) {
    let reference = Expected::new(reference);
    let mut groups = 0;
    // can[i]: chunks[i..] can be partitioned.
    let n = chunks.len();
    let mut can = vec![false; n + 1];
    can[n] = true;
    for i in (0..n).rev() {
        let mut joined = String::new();
        for j in i..n {
            joined.push_str(&chunks[j]);
            if joined.len() > reference.longest {
                break;
            }
            groups += 1;
            if can[j + 1] && reference.contains(&joined) {
                can[i] = true;
                break;
            }
        }
    }
    (can[0], groups)
}

/// One piece of a record's number field, read by [`read`] when its digits alone do not match
/// the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A number-like chunk, as [`digit_chunks`] gives it. `arret_shaped` when it is written with
    /// digits alone, at most five once its leading zeros are dropped (`01078`, `n°740`): the shape
    /// of the Cour de cassation's arrêt numbers; `labelled` when the record calls it the arrêt
    /// number besides (`arrêt n° 01078`, `Arr. n° 740`).
    Chunk {
        digits: String,
        arret_shaped: bool,
        labelled: bool,
    },
    /// `et 3 autres`: that many more numbers than those the record writes.
    Others(usize),
    /// An ECLI (`ECLI:FR:CCASS:2023:CR01078`), as written.
    Ecli(String),
}

/// The label of an arrêt number, folded and trimmed (`Arrêt`, `ARRÊT`, `arr.`).
fn arret_label(word: &str) -> bool {
    matches!(word, "arret" | "arr")
}

/// What may stand between a label and its number (`n°`, `no`, `numéro`), folded and trimmed.
fn number_sign(word: &str) -> bool {
    matches!(word, "" | "n" | "no" | "nº" | "num" | "numero")
}

/// `s` without its leading zeros (`01078` → `1078`).
fn significant(s: &str) -> &str {
    s.trim_start_matches('0')
}

/// Whether `digits` can be an arrêt number: 1 to 5 digits once the leading zeros are dropped.
pub fn arret_shaped(digits: &str) -> bool {
    let s = significant(digits);
    (1..=5).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Reads a record's number field into [`Piece`]s: the chunks of [`digit_chunks`], in order,
/// with what their words say of them. Only called when the digits alone do not match, so it
/// may fold each word.
pub fn read(s: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut label = false;
    for token in
        s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&' | '\u{a0}' | '\u{202f}'))
    {
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        if core.len() > 5 && core.is_char_boundary(5) && core[..5].eq_ignore_ascii_case("ecli:") {
            pieces.push(Piece::Ecli(core.to_owned()));
            label = false;
            continue;
        }
        if !core.bytes().any(|b| b.is_ascii_digit()) {
            let word = super::fold(core);
            if arret_label(&word) {
                label = true;
            } else if matches!(word.as_str(), "autre" | "autres")
                && let Some(Piece::Chunk {
                    digits,
                    arret_shaped: true,
                    labelled: false,
                }) = pieces.last()
                && digits.len() <= 4
                && let Ok(k) = significant(digits).parse::<usize>()
                && k > 0
            {
                pieces.pop();
                pieces.push(Piece::Others(k));
                label = false;
            } else if !(label && number_sign(&word)) {
                label = false;
            }
            continue;
        }
        let digits: String = token.chars().filter(char::is_ascii_digit).collect();
        let all_digits = token.chars().all(|c| c.is_ascii_digit());
        if digits.len() < 2 && !all_digits {
            label = false;
            continue;
        }
        // `n°1078`, `no1078`: the sign written against the number.
        let folded = super::fold(core);
        let bare = ["n°", "nº", "no", "n"]
            .iter()
            .find_map(|sign| folded.strip_prefix(sign))
            .unwrap_or(&folded);
        let arret_shaped = bare.bytes().all(|b| b.is_ascii_digit()) && arret_shaped(bare);
        pieces.push(Piece::Chunk {
            digits,
            arret_shaped,
            labelled: label && arret_shaped,
        });
        label = false;
    }
    pieces
}

/// How a record's number field compares with the reference's numbers, once its digits alone
/// did not match them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The record shows the reference's numbers and, beside them, the decision's own arrêt
    /// number or how many more numbers the decision has.
    Equal,
    /// Nothing contradicts the reference, but the record labels an arrêt number the reference
    /// does not give.
    Unverified,
    /// The record contradicts the reference; `arret` when it labels an arrêt number the
    /// reference gives another of.
    Different { arret: bool },
}

/// Compares the `pieces` of a record's number field with the reference's numbers (`expected`,
/// digits alone) and, called only when needed, its own arrêt number (`arret`, leading zeros
/// dropped). As [`all_match`], with three more kinds of piece taken alone:
/// - the decision's own ECLI (`own_ecli` tells), which identifies it as well as its number;
/// - an arrêt number the record labels so, or writes bare and equal to the reference's own
///   (`Pourvoi n° 23-80.251 - Arrêt n° 01078`); one labelled when the reference gives none
///   is [`Verdict::Unverified`];
/// - `et k autres` when the reference has at least k + 1 numbers (the one shown must be one).
///
/// There must be a chunk or an ECLI: `et 3 autres` alone identifies nothing (`None`).
pub fn compare_pieces(
    pieces: &[Piece],
    expected: &[String],
    arret: impl FnOnce() -> Option<String>,
    own_ecli: impl Fn(&str) -> bool,
) -> Option<Verdict> {
    compare_counted(pieces, expected, arret, own_ecli, &mut 0)
}

/// [`compare_pieces`], counting in `groups` the groups of chunks it looked up.
fn compare_counted(
    pieces: &[Piece],
    expected: &[String],
    arret: impl FnOnce() -> Option<String>,
    own_ecli: impl Fn(&str) -> bool,
    groups: &mut usize,
) -> Option<Verdict> {
    if !pieces
        .iter()
        .any(|p| matches!(p, Piece::Chunk { .. } | Piece::Ecli(_)))
    {
        return None;
    }
    let needs_arret = pieces.iter().any(|p| {
        matches!(
            p,
            Piece::Chunk {
                arret_shaped: true,
                ..
            }
        )
    });
    let arret = if needs_arret { arret() } else { None };
    let mut distinct: Vec<&str> = expected.iter().map(String::as_str).collect();
    distinct.sort_unstable();
    distinct.dedup();
    // Whether piece `i`, alone, is an arrêt number or a count: `Some(true)` when proved,
    // `Some(false)` when it cannot be checked, `None` when it is neither.
    let alone = |piece: &Piece| -> Option<bool> {
        match piece {
            Piece::Chunk {
                digits,
                arret_shaped: true,
                labelled,
            } => match &arret {
                Some(own) if significant(digits) == own.as_str() => Some(true),
                None if *labelled => Some(false),
                _ => None,
            },
            Piece::Chunk { .. } => None,
            Piece::Others(k) => (distinct.len() > *k).then_some(true),
            Piece::Ecli(ecli) => own_ecli(ecli).then_some(true),
        }
    };
    let expected = Expected::new(expected);
    // can[i]: pieces[i..] can be read; `Some(true)` when all of them are proved.
    let n = pieces.len();
    let mut can: Vec<Option<bool>> = vec![None; n + 1];
    can[n] = Some(true);
    for i in (0..n).rev() {
        let mut best = alone(&pieces[i]).and_then(|a| can[i + 1].map(|rest| a && rest));
        let mut joined = String::new();
        for j in i..n {
            let Piece::Chunk { digits, .. } = &pieces[j] else {
                break;
            };
            joined.push_str(digits);
            if joined.len() > expected.longest {
                break;
            }
            *groups += 1;
            if let Some(rest) = can[j + 1]
                && expected.contains(&joined)
            {
                best = Some(rest || best == Some(true));
                if rest {
                    break;
                }
            }
        }
        can[i] = best;
    }
    Some(match can[0] {
        Some(true) => Verdict::Equal,
        Some(false) => Verdict::Unverified,
        None => Verdict::Different {
            arret: arret.as_deref().is_some_and(|own| {
                pieces.iter().any(|p| {
                    matches!(p, Piece::Chunk { digits, labelled: true, .. }
                        if significant(digits) != own)
                })
            }),
        },
    })
}

/// Whether `s` may hold an ECLI: `ecli:` in any case.
fn mentions_ecli(s: &str) -> bool {
    s.as_bytes()
        .windows(5)
        .any(|w| w.eq_ignore_ascii_case(b"ecli:"))
}

/// The ECLIs written in `s` (`ECLI:FR:CECHR:2023:462782.20230503`, without the punctuation
/// around them), and `s` with each of them blanked out. ECLIs are read whole, before any date:
/// those of the administrative courts end with the day of the decision.
pub fn take_eclis(s: &str) -> (String, Vec<&str>) {
    if !mentions_ecli(s) {
        return (s.to_owned(), Vec::new());
    }
    let mut rest = s.to_owned();
    let mut eclis = Vec::new();
    for token in s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&')) {
        // The token's offset in `s`, which it is a slice of.
        let start = token.as_ptr() as usize - s.as_ptr() as usize;
        let core = token.trim_matches(|c: char| !c.is_alphanumeric());
        if core.len() > 5 && core.is_char_boundary(5) && core[..5].eq_ignore_ascii_case("ecli:") {
            eclis.push(core);
            rest.replace_range(start..start + token.len(), &" ".repeat(token.len()));
        }
    }
    (rest, eclis)
}

/// An ECLI of the administrative courts, read: `ECLI:FR:CECHR:2023:462782.20230503` is the
/// court's code (`CECHR`), the year, the case number (`462782`, `21LY01234`) and the day of the
/// decision (`20230503`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminEcli<'a> {
    pub court: &'a str,
    pub year: &'a str,
    pub number: &'a str,
    pub day: &'a str,
}

/// Reads an ECLI of the administrative courts; `None` for any other (`ECLI:FR:CCASS:2023:CR01078`).
pub fn admin_ecli(ecli: &str) -> Option<AdminEcli<'_>> {
    let parts: Vec<&str> = ecli.trim().split(':').collect();
    let [scheme, country, court, year, ordinal] = parts[..] else {
        return None;
    };
    let (number, day) = ordinal.rsplit_once('.')?;
    let ok = scheme.eq_ignore_ascii_case("ecli")
        && country.eq_ignore_ascii_case("fr")
        && court.bytes().all(|b| b.is_ascii_alphanumeric())
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && day.len() == 8
        && day.bytes().all(|b| b.is_ascii_digit())
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_alphanumeric())
        && number.bytes().any(|b| b.is_ascii_digit());
    ok.then_some(AdminEcli {
        court,
        year,
        number,
        day,
    })
}

/// A case number of the administrative courts, after `n°`: `462782`, `2301234`, `21LY01234`.
const ADMIN_NUMBER: &str = r"\d{2}[a-z]{2}\d{5}|\d{4,8}";
/// The sign before it: `n°`, `n°s`, `nos`, `numéro`.
const ADMIN_SIGN: &str = r"(?:n\s*[°º]\s*s?|nos|num[ée]ros?)";

/// `n° 462782 et n° 462783`, `n°s 462782, 462783`: two numbers or more, listed.
static LISTED_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i){ADMIN_SIGN}\s*(?:{ADMIN_NUMBER})\b(?:\s*(?:,\s*et|,|et)\s*(?:{ADMIN_SIGN}\s*)?(?:{ADMIN_NUMBER})\b)+"
    );
    Regex::new(&pattern).expect("listed numbers regex")
});

/// `1° Sous le n° 462782, …`, `II. Sous le n° 2301235, …`: the heading of each case of a
/// decision that joins several, at the start of a line.
static HEADING_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(r"(?im)^[\s\dIVX°º.)\-–]*sous\s+le\s+{ADMIN_SIGN}\s*({ADMIN_NUMBER})\b");
    Regex::new(&pattern).expect("joined heading regex")
});

static NUMBER_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:{ADMIN_NUMBER})\b")).expect("number regex"));

/// The numbers an administrative decision's text gives as joined with its own (`own`, digits
/// alone): those of the headings of its cases (`1° Sous le n° 462782 … 2° Sous le n° 462783`)
/// when one of them is its own, and those listed with its own (`Les requêtes n° 462782 et n°
/// 462783 sont rejetées`). Digits alone, the decision's own left out. The administrative
/// sources give one number per decision; a citation of joined cases gives them all
/// (`CE, 3 mai 2023, n°s 462782, 462783`). Read only when a record's number did not match.
///
/// Each number taken is looked up in a set of those taken before: a decision joining thousands
/// of cases is read in time linear in them.
pub fn joined_numbers(text: &str, own: &[String]) -> Vec<String> {
    use std::collections::HashSet;
    let own: HashSet<&str> = own.iter().map(String::as_str).collect();
    let mut out: Vec<String> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut take = |numbers: Vec<String>| {
        if numbers.iter().any(|n| own.contains(n.as_str())) {
            for n in numbers {
                if !own.contains(n.as_str()) && !taken.contains(&n) {
                    taken.insert(n.clone());
                    out.push(n);
                }
            }
        }
    };
    let headings: Vec<String> = HEADING_RE
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| digits_of(m.as_str())))
        .collect();
    take(headings);
    for m in LISTED_RE.find_iter(text) {
        take(
            NUMBER_RE
                .find_iter(m.as_str())
                .map(|n| digits_of(n.as_str()))
                .collect(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(record: &str, reference: &[&str]) -> bool {
        let reference: Vec<String> = reference.iter().map(|r| digits_of(r)).collect();
        all_match(&digit_chunks(record), &reference)
    }

    /// A group of chunks longer than every reference number is never looked up: each chunk
    /// opens at most as many groups as the longest number has digits, so a number field of
    /// thousands of digit groups is read in linear time, where every chunk used to join all
    /// those after it.
    #[test]
    fn many_chunks_open_bounded_groups() {
        let reference = vec![digits_of("23-80.251")];
        let ones = digit_chunks(&"1 ".repeat(20_000));
        assert_eq!(ones.len(), 20_000);
        let (matched, groups) = partition(&ones, &reference);
        assert!(!matched);
        // 7 digits: at most 7 groups from each chunk.
        assert!(groups <= 7 * 20_000, "{groups}");
        let pieces = read(&"1 ".repeat(20_000));
        let mut groups = 0;
        let verdict = compare_counted(&pieces, &reference, || None, |_| false, &mut groups);
        assert_eq!(verdict, Some(Verdict::Different { arret: false }));
        assert!(groups <= 7 * 20_000, "{groups}");
        // Thousands of pourvoi numbers, the reference's (many, so looked up in a set) or not.
        let many: Vec<String> = (0..20_000)
            .map(|i| {
                format!(
                    "{:02}-{:02}.{:03}",
                    21 + i / 100_000,
                    (i / 1000) % 100,
                    i % 1000
                )
            })
            .collect();
        let record = many.join(", ");
        let expected: Vec<String> = many.iter().map(|n| digits_of(n)).collect();
        let (matched, groups) = partition(&digit_chunks(&record), &expected);
        assert!(matched);
        assert!(groups <= 2 * 20_000, "{groups}");
        assert!(!all_match(&digit_chunks(&record), &reference));
        assert!(all_match(
            &digit_chunks(&(record.clone() + ", 21-00.001")),
            &expected
        ));
        assert!(!all_match(
            &digit_chunks(&(record + ", 21-00.0011")),
            &expected
        ));
    }

    /// An order that joins thousands of cases, listed with its own number or headed one by one:
    /// each joined number once, in the text's order, its own left out. (Each number used to be
    /// looked for among those already taken, the square of their count.)
    #[test]
    fn thousands_of_joined_numbers_each_once_in_order() {
        let own = vec![digits_of("2520143")];
        let joined: Vec<String> = (0..50_000).map(|i| (2_600_000 + i).to_string()).collect();
        // Listed, twice over (a citation repeats them), with the decision's own among them.
        let listed = format!(
            "Les requêtes n° 2520143, {} sont rejetées. Voir aussi n°s 2520143, {}.",
            joined.join(", "),
            joined.join(", ")
        );
        assert_eq!(joined_numbers(&listed, &own), joined);
        // Headed one by one, the decision's own first.
        let mut headed = String::from("1° Sous le n° 2520143, M. A demande l'annulation.\n");
        for (i, n) in joined.iter().enumerate() {
            headed.push_str(&format!(
                "{}° Sous le n° {n}, M. A demande l'annulation.\n",
                i + 2
            ));
        }
        assert_eq!(joined_numbers(&headed, &own), joined);
        // Not the decision's: none is joined with it.
        assert!(joined_numbers(&headed, &[digits_of("2520144")]).is_empty());
    }

    #[test]
    fn same_digits_same_order() {
        assert!(matches("20-23.523", &["20-23.523"]));
        assert!(matches("20-23523", &["20-23.523"]));
        assert!(matches("n° H 20-23.523", &["20-23.523"]));
        assert!(matches("n°H20-23.523", &["20-23.523"]));
        assert!(matches("Y 19-19.463", &["19-19.463"]));
        assert!(matches("n° E 23-80.251 F-B", &["23-80251"]));
        assert!(matches("Pourvoi n° Y 19-19.463 FS-P+B", &["19-19.463"]));
        assert!(matches("20/00804", &["20/00804"]));
        assert!(matches("2000804", &["20/00804"]));
        assert!(matches("20 00804", &["20/00804"]));
        assert!(matches("RG n° 20/00804", &["20/00804"]));
        assert!(matches("2024G00010", &["2024G00010"]));
        assert!(!matches("20-23.532", &["20-23.523"]));
        assert!(!matches("20-23.5230", &["20-23.523"]));
        assert!(!matches("2520144", &["2520143"]));
    }

    #[test]
    fn several_numbers() {
        let reference = ["20-23.523", "20-23.524"];
        assert!(matches("20-23.523, 20-23.524", &reference));
        assert!(matches("20-23.523 et 20-23.524", &reference));
        assert!(matches("20-23.524", &reference));
        assert!(matches("F 20-23.523 ; H 20-23.524", &reference));
        assert!(!matches("20-23.523, 20-23.525", &reference));
        assert!(matches(
            "21-25.274 21-25.275 21-25.276 21-25.277",
            &["21-25274", "21-25275", "21-25276", "21-25277"]
        ));
    }

    fn chunk(digits: &str, arret_shaped: bool, labelled: bool) -> Piece {
        Piece::Chunk {
            digits: digits.into(),
            arret_shaped,
            labelled,
        }
    }

    #[test]
    fn pieces_say_which_number_is_the_arret_number_and_how_many_others() {
        assert_eq!(
            read("Pourvoi n° 23-80.251 - Arrêt n° 01078"),
            vec![chunk("2380251", false, false), chunk("01078", true, true)]
        );
        assert_eq!(
            read("pourvoi n° 23-80.251 (arrêt n°1078)"),
            vec![chunk("2380251", false, false), chunk("1078", true, true)]
        );
        assert_eq!(read("ARRÊT N° 740 FS-P+B"), vec![chunk("740", true, true)]);
        // The label reaches the next number only, and only a number of an arrêt number's shape.
        assert_eq!(
            read("Arrêt du 3 octobre 2023 n° 1078"),
            vec![
                chunk("3", true, false),
                chunk("2023", true, false),
                chunk("1078", true, false)
            ]
        );
        assert_eq!(
            read("arrêt n° 23-80.252"),
            vec![chunk("2380252", false, false)]
        );
        assert_eq!(read("arrêt n° 123456"), vec![chunk("123456", false, false)]);
        assert_eq!(
            read("21-25.274 et 3 autres"),
            vec![chunk("2125274", false, false), Piece::Others(3)]
        );
        assert_eq!(
            read("21-25.274 et 0 autres"),
            vec![chunk("2125274", false, false), chunk("0", false, false)]
        );
    }

    #[test]
    fn pieces_beside_the_numbers() {
        let expected = vec!["2380251".to_string()];
        let own = || Some("1078".to_string());
        let no_ecli = |_: &str| false;
        let verdict = |s: &str| compare_pieces(&read(s), &expected, own, no_ecli);
        assert_eq!(verdict("23-80.251 - Arrêt n° 01078"), Some(Verdict::Equal));
        assert_eq!(verdict("23-80.251 01078"), Some(Verdict::Equal));
        assert_eq!(
            verdict("23-80.251 - Arrêt n° 01077"),
            Some(Verdict::Different { arret: true })
        );
        assert_eq!(
            verdict("23-80.252 - Arrêt n° 01078"),
            Some(Verdict::Different { arret: false })
        );
        assert_eq!(
            compare_pieces(
                &read("23-80.251 - Arrêt n° 01077"),
                &expected,
                || None,
                no_ecli
            ),
            Some(Verdict::Unverified)
        );
        // The reference's arrêt number is looked for only when a piece may be one.
        let called = std::cell::Cell::new(false);
        let never = || {
            called.set(true);
            None
        };
        assert_eq!(
            compare_pieces(&read("23-80.252"), &expected, never, no_ecli),
            Some(Verdict::Different { arret: false })
        );
        assert!(!called.get());
        assert_eq!(
            compare_pieces(&read("et 3 autres"), &expected, own, no_ecli),
            None
        );
        // The decision's own ECLI identifies it; another does not.
        let own_ecli = |e: &str| e.eq_ignore_ascii_case("ECLI:FR:CCASS:2023:CR01078");
        let ecli = |s: &str| compare_pieces(&read(s), &expected, || None, own_ecli);
        assert_eq!(
            read("(ECLI:FR:CCASS:2023:CR01078)"),
            vec![Piece::Ecli("ECLI:FR:CCASS:2023:CR01078".into())]
        );
        assert_eq!(
            ecli("23-80.251 - ecli:fr:ccass:2023:cr01078"),
            Some(Verdict::Equal)
        );
        assert_eq!(ecli("ECLI:FR:CCASS:2023:CR01078"), Some(Verdict::Equal));
        assert_eq!(
            ecli("23-80.251 - ECLI:FR:CCASS:2023:CR01079"),
            Some(Verdict::Different { arret: false })
        );
        assert_eq!(
            ecli("23-80.252 - ECLI:FR:CCASS:2023:CR01078"),
            Some(Verdict::Different { arret: false })
        );
    }

    #[test]
    fn chunks_ignore_letters_and_codes() {
        assert_eq!(digit_chunks("n° E 23-80.251 F-B"), vec!["2380251"]);
        assert_eq!(
            digit_chunks("N° RG 20/00024 - N° Portalis DBVY-V-B7E-GMKW"),
            vec!["2000024"]
        );
        assert_eq!(digit_chunks("n° 7"), vec!["7"]);
        assert!(digit_chunks("n° F-B").is_empty());
    }
}
