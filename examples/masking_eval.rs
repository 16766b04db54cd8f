//! Accuracy and throughput of the masking detectors on the real decisions of `tests/data`:
//!
//! ```text
//! cargo run --release --example masking_eval                      # all figures
//! cargo run --release --example masking_eval -- --misses          # also every miss / false hit
//! cargo run --release --example masking_eval -- --only names      # throughput of one detector
//! cargo run --release --example masking_eval -- --normalised      # on the normalised texts
//! ```
//!
//! Recall and precision per category of planted party names and per kind of planted
//! identifier (see `tests/support/masking_harness.rs`), then MB/s of each detector, on one
//! thread, over the 92 decisions repeated to about 100 MB.
//!
//! Measured on 22 November 2026 (shared 2-core machine, release): on 8,700 planted names in
//! 11 categories, recall 0.998 and precision 1.0 (the 15 misses are the surname Caron planted
//! into the one decision where a professional bears it: a party who shares a magistrate's or a
//! lawyer's surname in the same decision is taken for them); on 725 planted identifiers,
//! recall and precision 1.0, raw and normalised; no hit on the 92 real decisions (888
//! civilities before a professional's name, 758 before a marker); markers about 4,000 MB/s,
//! names about 500 MB/s, identifiers about 800 MB/s, the three together about 275 MB/s of CPU
//! time on one thread.
//!
//! After the rework of the detectors' searches (same detections), on the same machine, CPU
//! time from `schedstat`: markers about 6,000 MB/s, names about 2,300 MB/s, identifiers about
//! 2,100 MB/s, the three together about 730 MB/s (the detectors as they were: names 480,
//! identifiers 780, together 270).
//!
//! On 26 November 2026, with a twelfth category, parties named after their role in the lawsuit
//! or the contract (`le demandeur, Jean Durand,`, `l'acquéreur Paul Girard`; 725 names): recall
//! 1.0 for it, 0.998 in all (9,403 of 9,425), precision 1.0, still no hit on the real decisions;
//! names about an eighth slower in CPU time (1,080–1,160 MB/s against 1,240–1,340, the two
//! builds run in turn on a loaded machine).

#[path = "../tests/support/masking_harness.rs"]
mod harness;

use std::time::Instant;

use harness as h;
use vigie::text::identifiers::find_identifiers;
use vigie::text::markers::find_markers;
use vigie::text::names::find_person_names;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let misses = args.iter().any(|a| a == "--misses");
    let only = args
        .iter()
        .skip_while(|a| *a != "--only")
        .nth(1)
        .cloned()
        .unwrap_or_default();
    let mut decisions = h::load_dila();
    if args.iter().any(|a| a == "--normalised") {
        decisions = h::normalised(&decisions);
    }
    if only.is_empty() {
        accuracy(&decisions, misses);
    }
    throughput(&decisions, &only);
}

fn row(label: &str, s: &h::Score) {
    println!(
        "{label:<24} {:>8} {:>8} {:>10.4} {:>10.4}",
        s.expected,
        s.exact,
        s.recall(),
        s.precision()
    );
}

fn accuracy(decisions: &[h::Decision], misses: bool) {
    println!(
        "Party names planted in {} real decisions (metadata not used):",
        decisions.len()
    );
    println!(
        "{:<24} {:>8} {:>8} {:>10} {:>10}",
        "category", "planted", "exact", "recall", "precision"
    );
    let mut all = h::Score::default();
    for (k, (cat, s)) in h::evaluate_names(decisions, false).into_iter().enumerate() {
        row(&format!("{cat:?}"), &s);
        all.add(s);
        if misses {
            print_misses(decisions, k, cat);
        }
    }
    row("all", &all);

    println!("\nIdentifiers planted in the same decisions:");
    println!(
        "{:<24} {:>8} {:>8} {:>10} {:>10}",
        "kind", "planted", "exact", "recall", "precision"
    );
    for (kind, s) in h::evaluate_identifiers(decisions) {
        row(kind.label(), &s);
    }
}

fn print_misses(decisions: &[h::Decision], k: usize, cat: h::Category) {
    let mut rng = h::Lcg::new(0x5EED_0000 + k as u64);
    for d in decisions {
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
                let got = &p.text[x.start..x.end];
                println!("  FALSE {} [{got}] …{}…", d.file, ctx(x.start, x.end));
            }
        }
    }
}

/// MB/s of each detector, or of `only` (`markers`, `names`, `identifiers`).
fn throughput(decisions: &[h::Decision], only: &str) {
    let one: usize = decisions.iter().map(|d| d.text.len()).sum();
    let rounds = (100_000_000 / one).max(1);
    let mb = (one * rounds) as f64 / 1e6;
    println!("\nThroughput over {mb:.0} MB ({rounds} × the 92 decisions, one thread):");
    let mut sink = 0usize;
    let mut time = |name: &str, f: &dyn Fn(&str) -> usize| {
        if !only.is_empty() && only != name {
            return;
        }
        let (t, cpu) = (Instant::now(), cpu_seconds());
        for _ in 0..rounds {
            for d in decisions {
                sink += f(&d.text);
            }
        }
        let wall = t.elapsed().as_secs_f64();
        match (cpu, cpu_seconds()) {
            (Some(a), Some(b)) if b > a => println!(
                "{name:<24} {:>8.1} MB/s of wall time, {:>8.1} MB/s of CPU time",
                mb / wall,
                mb / (b - a)
            ),
            _ => println!("{name:<24} {:>8.1} MB/s", mb / wall),
        }
    };
    time("markers", &|t| find_markers(t).len());
    time("names", &|t| find_person_names(t, &[]).len());
    time("identifiers", &|t| find_identifiers(t).len());
    time("all", &|t| {
        find_markers(t).len() + find_person_names(t, &[]).len() + find_identifiers(t).len()
    });
    println!("({sink} detections)");
}

/// CPU time of this thread (Linux), so that a loaded machine does not skew the figures: in
/// nanoseconds from `schedstat` where the kernel has it (the detectors now take a few tens of
/// milliseconds over the 100 MB, a few clock ticks of `stat`), else in ticks from `stat`.
fn cpu_seconds() -> Option<f64> {
    if let Some(ns) = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split(' ').next()?.parse::<f64>().ok())
    {
        return Some(ns / 1e9);
    }
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    // Fields 14 and 15 of stat (utime, stime), counted from the state field (3).
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
