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
    // The rules run the detectors on the normalised text, where lines are joined.
    for d in h::normalised(&decisions) {
        let hits = find_person_names(&d.text, &[]);
        let shown: Vec<&str> = hits.iter().map(|x| &d.text[x.start..x.end]).collect();
        assert!(shown.is_empty(), "{} (normalised): {shown:?}", d.file);
        assert!(find_identifiers(&d.text).is_empty(), "{}", d.file);
    }
}

#[test]
fn administrative_initials_are_markers_and_the_signatory_a_magistrate() {
    let text = h::load_ce();
    assert!(find_person_names(&text, &[]).is_empty());
    let norm = vigie::text::normalize::normalize(&text, false);
    assert!(find_person_names(&norm, &[]).is_empty());
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
    let raw = h::load_dila();
    let normalised = h::normalised(&raw);
    for (form, decisions, use_metadata) in [
        ("raw", &raw, false),
        ("raw", &raw, true),
        ("normalised", &normalised, false),
    ] {
        let (mut found, mut expected) = (0, 0);
        for (cat, s) in h::evaluate_names(decisions, use_metadata) {
            found += s.found;
            expected += s.expected;
            println!(
                "{cat:?} ({form}, metadata {use_metadata}): recall {:.4} ({}/{}), precision {:.4} ({}/{}), exact {}",
                s.recall(),
                s.found,
                s.expected,
                s.precision(),
                s.true_hits,
                s.hits,
                s.exact
            );
            assert!(s.expected > 300, "{cat:?}: {} planted", s.expected);
            // The target is 0.98. Every category measured at least 0.9959 (722 of 725) on
            // 25 November 2026, so a floor of 0.995 catches names newly missed, which the
            // target alone let pass.
            assert!(s.recall() >= 0.995, "{cat:?}: recall {}", s.recall());
            assert!(
                s.precision() >= 0.995,
                "{cat:?}: precision {}",
                s.precision()
            );
        }
        // 22 of the 8,700 planted names were missed on 25 November 2026, the same 22 in each
        // form (listed by `cargo run --release --example masking_eval -- --misses`), and none
        // of the 725 of the parties' roles added on 26 November: a few more is a regression,
        // even spread over the categories.
        println!("all ({form}, metadata {use_metadata}): {found}/{expected}");
        assert!(expected - found <= 25, "{} names missed", expected - found);
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
    let raw = h::load_dila();
    for decisions in [h::normalised(&raw), raw] {
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
}

#[test]
fn judilibre_samples_show_no_party_name() {
    for f in ["cc_detail", "ca_detail", "tj_detail", "tcom_detail"] {
        let raw =
            std::fs::read_to_string(h::data_dir().join(format!("judilibre/{f}.json"))).unwrap();
        let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
        let t = v["text"].as_str().unwrap();
        let hits = find_person_names(t, &[]);
        let shown: Vec<&str> = hits.iter().map(|x| &t[x.start..x.end]).collect();
        assert!(shown.is_empty(), "{f}: {shown:?}");
    }
}

mod no_panic {
    use proptest::prelude::*;
    use vigie::text::identifiers::find_identifiers;
    use vigie::text::markers::{find_markers, is_marker};
    use vigie::text::names::{find_person_names, person_name_at};

    /// Pieces that drive the detectors into their corners, glued at random.
    const PIECES: &[&str] = &[
        "M. ",
        "Mme ",
        "MM. ",
        "Monsieur ",
        "épouse ",
        "les époux ",
        "la succession de ",
        ", demeurant ",
        ", né le ",
        "née à ",
        "Durand",
        "DURAND",
        "Jean-Pierre",
        "de la ",
        "d'",
        "[K]",
        "[Adresse 1]",
        "[",
        "]",
        "...",
        "…",
        "X...",
        "XXX",
        "***",
        "█",
        "é",
        "É",
        "ß",
        "\u{a0}",
        "\n",
        ", ",
        " et ",
        "président",
        "conseiller",
        "avocat général",
        "0",
        "06 ",
        "12",
        "+33 ",
        "FR76 ",
        "AB-",
        "123",
        "-CD",
        "2A",
        "@",
        "a.b",
        ".fr",
        "3 mars 1975",
        "03/03/",
        "date de naissance : ",
        "😀",
        "\u{202f}",
        "'",
        "’",
        "-",
        "(e)",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat()),
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn detectors_never_panic_and_spans_are_sound(t in text(), a in 0usize..300, b in 0usize..300) {
            for m in find_markers(&t) {
                prop_assert!(m.start < m.end && t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
                let _ = is_marker(&t[m.start..m.end]);
            }
            for h in find_person_names(&t, &["M. Durand".to_string()]) {
                prop_assert!(h.start < h.end && t.is_char_boundary(h.start) && t.is_char_boundary(h.end));
            }
            for h in find_identifiers(&t) {
                prop_assert!(h.start < h.end && t.is_char_boundary(h.start) && t.is_char_boundary(h.end));
            }
            let _ = person_name_at(&t, a, b, &[]);
            let _ = is_marker(&t);
        }
    }
}
