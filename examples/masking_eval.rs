//! Accuracy and throughput of the masking detectors on the real decisions of `tests/data`:
//!
//! ```text
//! cargo run --release --example masking_eval            # figures
//! cargo run --release --example masking_eval -- --misses  # also every missed or false hit
//! ```
//!
//! Recall and precision per category of planted party names and per kind of planted
//! identifier (see `tests/support/masking_harness.rs`), then MB/s of each detector over the 92
//! decisions repeated to about 100 MB.

#[path = "../tests/support/masking_harness.rs"]
mod harness;

use std::time::Instant;

use harness as h;
use vigie::text::identifiers::find_identifiers;
use vigie::text::markers::find_markers;
use vigie::text::names::find_person_names;

fn main() {
    let misses = std::env::args().any(|a| a == "--misses");
    let decisions = h::load_dila();
    println!(
        "Party names planted in {} real decisions (metadata not used):",
        decisions.len()
    );
    println!(
        "{:<20} {:>8} {:>8} {:>10} {:>10}",
        "category", "planted", "exact", "recall", "precision"
    );
    let mut all = h::Score::default();
    for (k, (cat, s)) in h::evaluate_names(&decisions, false).into_iter().enumerate() {
        println!(
            "{:<20} {:>8} {:>8} {:>10.4} {:>10.4}",
            format!("{cat:?}"),
            s.expected,
            s.exact,
            s.recall(),
            s.precision()
        );
        all.add(s);
        if misses {
            let mut rng = h::Lcg::new(0x5EED_0000 + k as u64);
            for d in &decisions {
                let p = h::plant_names(d, cat, &mut rng);
                let hits = find_person_names(&p.text, &[]);
                let ctx = |s: usize, e: usize| {
                    let mut lo = s.saturating_sub(70);
                    while !p.text.is_char_boundary(lo) {
                        lo -= 1;
                    }
                    let mut hi = (e + 50).min(p.text.len());
                    while !p.text.is_char_boundary(hi) {
                        hi += 1;
                    }
                    p.text[lo..hi].replace('\n', "⏎")
                };
                for &(s, e) in &p.spans {
                    if let Some(x) = hits.iter().find(|x| x.start < e && s < x.end) {
                        if (x.start, x.end) != (s, e) {
                            let got = &p.text[x.start..x.end];
                            println!("  INEXACT {} [{}] found [{got}]", d.file, &p.text[s..e]);
                        }
                    } else {
                        println!("  MISS {} [{}] …{}…", d.file, &p.text[s..e], ctx(s, e));
                    }
                }
                for x in &hits {
                    if !p.spans.iter().any(|&(s, e)| x.start < e && s < x.end) {
                        println!(
                            "  FALSE {} [{}] …{}…",
                            d.file,
                            &p.text[x.start..x.end],
                            ctx(x.start, x.end)
                        );
                    }
                }
            }
        }
    }
    println!(
        "{:<20} {:>8} {:>8} {:>10.4} {:>10.4}",
        "all",
        all.expected,
        all.exact,
        all.recall(),
        all.precision()
    );

    println!("\nIdentifiers planted in the same decisions:");
    println!(
        "{:<20} {:>8} {:>8} {:>10} {:>10}",
        "kind", "planted", "exact", "recall", "precision"
    );
    for (kind, s) in h::evaluate_identifiers(&decisions) {
        println!(
            "{:<20} {:>8} {:>8} {:>10.4} {:>10.4}",
            kind.label(),
            s.expected,
            s.exact,
            s.recall(),
            s.precision()
        );
    }

    // Throughput: the decisions repeated to about 100 MB.
    let one: usize = decisions.iter().map(|d| d.text.len()).sum();
    let rounds = (100_000_000 / one).max(1);
    let bytes = (one * rounds) as f64 / 1e6;
    println!("\nThroughput over {bytes:.0} MB ({rounds} × the 92 decisions, one thread):");
    let mut sink = 0usize;
    let mut time = |name: &str, f: &dyn Fn(&str) -> usize| {
        let t = Instant::now();
        for _ in 0..rounds {
            for d in &decisions {
                sink += f(&d.text);
            }
        }
        let s = t.elapsed().as_secs_f64();
        println!("{name:<24} {:>8.1} MB/s", bytes / s);
    };
    time("markers", &|t| find_markers(t).len());
    time("person names", &|t| find_person_names(t, &[]).len());
    time("identifiers", &|t| find_identifiers(t).len());
    time("all three", &|t| {
        find_markers(t).len() + find_person_names(t, &[]).len() + find_identifiers(t).len()
    });
    println!("({sink} detections)");
}
