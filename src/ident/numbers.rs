//! Case numbers: the same digits in the same order (SPEC §2.2).
//!
//! `20-23.523`, `20-23523`, `n° H 20-23.523` are one number; `20/00804` and `2000804` too.
//! Pourvoi letters (`Y 19-19.463`) and the formation and publication code that follows a
//! pourvoi number (`F-B`, `FS-P+B`) carry no digits and are ignored.

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

/// Whether `chunks` can be cut into consecutive groups, each of which spells the digits of one
/// of `reference` (so `20 00804` still matches `20/00804`).
pub fn all_match(chunks: &[String], reference: &[String]) -> bool {
    // can[i]: chunks[i..] can be partitioned.
    let n = chunks.len();
    let mut can = vec![false; n + 1];
    can[n] = true;
    for i in (0..n).rev() {
        let mut joined = String::new();
        for j in i..n {
            joined.push_str(&chunks[j]);
            if can[j + 1] && reference.contains(&joined) {
                can[i] = true;
                break;
            }
        }
    }
    can[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(record: &str, reference: &[&str]) -> bool {
        let reference: Vec<String> = reference.iter().map(|r| digits_of(r)).collect();
        all_match(&digit_chunks(record), &reference)
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
