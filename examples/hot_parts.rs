//! Throughput of the parts of the audit that run on every record's text, one core, in memory:
//! normalisation, the identifier and name detectors, and the digest.
//!
//! ```text
//! cargo run --release --example hot_parts -- CORPUS.jsonl
//! ```
//!
//! The texts are read from the JSON Lines corpus first (HTML texts as HTML); each part then runs
//! twice over all of them and prints MB (10^6 bytes of text) per second for each run.

use std::time::Instant;
use vigie::text::{identifiers, names, normalize};

/// Runs `f` over every text and prints its throughput; `f` returns a count that is printed too,
/// so that the work cannot be optimised away.
fn time<T>(label: &str, items: &[T], mb: f64, f: impl Fn(&T) -> usize) {
    let start = Instant::now();
    let count: usize = items.iter().map(&f).sum();
    let secs = start.elapsed().as_secs_f64();
    println!("{label:<12} {:8.0} MB/s   ({count})", mb / secs);
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: hot_parts CORPUS.jsonl");
        std::process::exit(2);
    };
    let data = std::fs::read_to_string(&path).expect("a readable UTF-8 corpus");
    let texts: Vec<(String, bool)> = data
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| {
            let text = v.get("text")?.as_str()?.to_string();
            let html = v.get("text_format").and_then(|t| t.as_str()) == Some("html");
            Some((text, html))
        })
        .collect();
    if texts.is_empty() {
        eprintln!("hot_parts: no record with a text in {path}");
        std::process::exit(2);
    }
    let bytes: usize = texts.iter().map(|t| t.0.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} texts, {mb:.1} MB, {} bytes on average",
        texts.len(),
        bytes / texts.len()
    );
    let norms: Vec<String> = texts
        .iter()
        .map(|(t, html)| normalize::normalize(t, *html))
        .collect();
    for _ in 0..2 {
        time("normalise", &texts, mb, |(t, html)| {
            normalize::normalize(t, *html).len()
        });
        time("identifiers", &norms, mb, |n| {
            identifiers::find_identifiers(n).len()
        });
        time("names", &norms, mb, |n| {
            names::find_person_names(n, &[]).len()
        });
        time("digest", &texts, mb, |(t, _)| {
            (normalize::digest(t) & 1) as usize
        });
    }
}
