//! Accuracy of the masking detectors on the real decisions of `tests/data`, with the targets
//! asserted. The same figures, with throughput, are printed by
//! `cargo run --release --example masking_eval`.

mod support;

use support::masking_harness as h;
use vigie::text::identifiers::find_identifiers;
use vigie::text::markers::{MarkerKind, find_markers, is_marker};
use vigie::text::names::{find_person_names, person_name_at};

#[test]
fn real_decisions_professionals_are_never_flagged() {
    let decisions = h::load_dila();
    assert_eq!(decisions.len(), 92);
    let (mut clear, mut masked) = (0, 0);
    for d in &decisions {
        // Count the civilities followed by a clear name and by a marker, as a check that the
        // data holds what the test is about.
        for civ in ["M. ", "Mme ", "MM. ", "Mmes ", "Monsieur ", "Madame "] {
            for (i, _) in d.text.match_indices(civ) {
                if i > 0 && d.text[..i].chars().next_back().unwrap().is_alphanumeric() {
                    continue;
                }
                let rest = &d.text[i + civ.len()..];
                if rest.starts_with('[') || rest.split(' ').next().unwrap().contains("...") {
                    masked += 1;
                } else if rest.chars().next().is_some_and(char::is_uppercase) {
                    clear += 1;
                }
            }
        }
        for pros in [&[][..], &d.professionals[..]] {
            let hits = find_person_names(&d.text, pros);
            let shown: Vec<&str> = hits.iter().map(|x| &d.text[x.start..x.end]).collect();
            assert!(shown.is_empty(), "{}: {shown:?}", d.file);
        }
    }
    assert!(clear > 700, "{clear} civilities followed by a clear name");
    assert!(masked > 700, "{masked} civilities followed by a marker");
}

#[test]
fn administrative_initials_are_markers_and_the_signatory_a_magistrate() {
    let text = h::load_ce();
    assert!(find_person_names(&text, &[]).is_empty());
    let initials: Vec<&str> = find_markers(&text)
        .iter()
        .filter(|m| m.kind == MarkerKind::Initials)
        .map(|m| &text[m.start..m.end])
        .collect();
    // Mme C... A... B... (twice), Mme A... B... (twice), Mme B...
    assert_eq!(initials.len(), 11, "{initials:?}");
    let s = text.find("S. Edert").unwrap();
    assert!(!person_name_at(&text, s, s + "S. Edert".len(), &[]));
}

#[test]
fn real_markers_are_recognised_and_editorial_brackets_are_not() {
    let mut brackets = 0;
    for d in h::load_dila() {
        let markers = find_markers(&d.text);
        for w in markers.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for m in &markers {
            assert!(is_marker(&d.text[m.start..m.end]));
        }
        // Every bracket of the decisions is a Judilibre marker except a few editorial ones,
        // listed here after reading them.
        let editorial = [
            "[ait]",
            "[était]",
            "[étaient]",
            "[lire d'intéressement]",
            "[au motif]",
            "[7 novembre]",
            "[avaie]",
            "[a]",
            "[du code civil]",
            "[la cour d'appel]",
            "[it]",
            "[l'employeur]",
            "[elle]",
        ];
        let mut i = 0;
        while let Some(o) = d.text[i..].find('[') {
            let s = i + o;
            let Some(c) = d.text[s..].find(']') else {
                break;
            };
            let e = s + c + 1;
            let b = &d.text[s..e];
            let is_m = markers.iter().any(|m| m.start == s && m.end == e);
            if editorial.contains(&b) {
                assert!(!is_m, "{}: {b} is editorial", d.file);
            } else if b.len() < 30 && !b.contains('\n') {
                assert!(is_m, "{}: {b} is a marker", d.file);
                brackets += 1;
            }
            i = s + 1;
        }
    }
    assert!(brackets > 1500, "{brackets}");
}

#[test]
fn no_identifier_in_the_pseudonymised_decisions() {
    let mut texts: Vec<String> = h::load_dila().into_iter().map(|d| d.text).collect();
    texts.push(h::load_ce());
    for f in ["cc_detail", "ca_detail", "tj_detail", "tcom_detail"] {
        let raw =
            std::fs::read_to_string(h::data_dir().join(format!("judilibre/{f}.json"))).unwrap();
        let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
        texts.push(v["text"].as_str().unwrap().to_string());
    }
    for t in &texts {
        let hits = find_identifiers(t);
        let shown: Vec<&str> = hits.iter().map(|x| &t[x.start..x.end]).collect();
        assert!(shown.is_empty(), "{shown:?}");
    }
}

#[test]
fn planted_party_names_recall_and_precision() {
    let decisions = h::load_dila();
    for use_metadata in [false, true] {
        for (cat, s) in h::evaluate_names(&decisions, use_metadata) {
            println!(
                "{cat:?} (metadata {use_metadata}): recall {:.4} ({}/{}), precision {:.4} ({}/{}), exact {}",
                s.recall(),
                s.found,
                s.expected,
                s.precision(),
                s.true_hits,
                s.hits,
                s.exact
            );
            assert!(s.expected > 300, "{cat:?}: {} planted", s.expected);
            assert!(s.recall() >= 0.98, "{cat:?}: recall {}", s.recall());
            assert!(
                s.precision() >= 0.98,
                "{cat:?}: precision {}",
                s.precision()
            );
        }
    }
}

#[test]
fn planted_names_are_persons_for_the_msk003_test() {
    // Every planted name, as a span of the reference, is a party's name (MSK003, not MSK002).
    let decisions = h::load_dila();
    let mut rng = h::Lcg::new(7);
    let (mut n, mut ok) = (0, 0);
    for d in decisions.iter().take(30) {
        let p = h::plant_names(d, h::Category::CivilityFirstName, &mut rng);
        for &(s, e) in &p.spans {
            n += 1;
            ok += usize::from(person_name_at(&p.text, s, e, &p.professionals));
        }
        // The president named by the metadata is not.
        for pro in &d.professionals {
            let name = pro.trim_start_matches("M. ").trim_start_matches("Mme ");
            if let Some(s) = p.text.find(name) {
                assert!(
                    !person_name_at(&p.text, s, s + name.len(), &p.professionals),
                    "{name}"
                );
            }
        }
    }
    assert!(ok as f64 >= 0.98 * n as f64, "{ok}/{n}");
}

#[test]
fn planted_identifiers_recall() {
    let decisions = h::load_dila();
    for (kind, s) in h::evaluate_identifiers(&decisions) {
        println!(
            "{kind:?}: recall {:.4} ({}/{}), exact {}, precision {:.4} ({}/{})",
            s.recall(),
            s.found,
            s.expected,
            s.exact,
            s.precision(),
            s.true_hits,
            s.hits
        );
        assert!(s.expected > 50, "{kind:?}");
        assert_eq!(
            s.exact, s.expected,
            "{kind:?}: every planted identifier, exactly"
        );
        assert!(s.precision() >= 0.98, "{kind:?}");
    }
}
