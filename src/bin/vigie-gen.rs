//! `vigie-gen`: writes a seeded reference, reuser corpus, transactional history and the labels of
//! the breaches planted in it (see `vigie::gen`).

use clap::{Parser, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use vigie::r#gen::{Config, ReferenceFormat};

/// Generate a reference and a reuser corpus built from real decisions, with breaches of every
/// rule planted at a chosen rate and listed in labels.jsonl.
#[derive(Debug, Parser)]
#[command(name = "vigie-gen", version)]
struct Cli {
    /// Number of records (the most, with --size).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    records: u64,
    /// Stop once the corpus reaches this size (e.g. 100MB, 2GB, 500000).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    size: Option<u64>,
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Output folder: reference/, corpus.jsonl, history.json, labels.jsonl.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Share of records that carry a planted breach.
    #[arg(long, value_name = "RATE", default_value_t = 0.1)]
    breach_rate: f64,
    #[arg(long, value_enum, default_value = "judilibre")]
    reference_format: Format,
    /// The audit time the dates are consistent with.
    #[arg(long, value_name = "DATETIME", default_value = "2026-11-22T12:00:00Z")]
    as_of: String,
    /// Every updated_at older than 72 hours (plants FRE003).
    #[arg(long)]
    stale: bool,
    /// Folder of DILA CASS XML decisions to build from.
    #[arg(long, value_name = "DIR")]
    decisions: Option<PathBuf>,
    /// Folder holding the administrative decision.
    #[arg(long, value_name = "DIR")]
    admin: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Judilibre,
    Dila,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_uppercase();
    let (num, mult) = [
        ("GB", 1u64 << 30),
        ("G", 1 << 30),
        ("MB", 1 << 20),
        ("M", 1 << 20),
        ("KB", 1 << 10),
        ("K", 1 << 10),
    ]
    .iter()
    .find_map(|(suf, m)| t.strip_suffix(suf).map(|n| (n.trim().to_string(), *m)))
    .unwrap_or((t.clone(), 1));
    num.parse::<f64>()
        .ok()
        .filter(|x| *x > 0.0)
        .map(|x| (x * mult as f64) as u64)
        .ok_or_else(|| format!("`{s}` is not a size (e.g. 100MB, 2GB)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut cfg = Config::new(&cli.out);
    cfg.records = if cli.size.is_some() && cli.records == 1000 {
        u64::MAX
    } else {
        cli.records
    };
    cfg.size = cli.size;
    cfg.seed = cli.seed;
    cfg.breach_rate = cli.breach_rate;
    cfg.stale = cli.stale;
    cfg.reference_format = match cli.reference_format {
        Format::Judilibre => ReferenceFormat::Judilibre,
        Format::Dila => ReferenceFormat::Dila,
    };
    match cli.as_of.parse::<jiff::Timestamp>() {
        Ok(t) => cfg.as_of = t,
        Err(e) => {
            eprintln!("vigie-gen: --as-of `{}`: {e}", cli.as_of);
            return ExitCode::from(2);
        }
    }
    if let Some(d) = cli.decisions {
        cfg.decisions = d;
    }
    if let Some(d) = cli.admin {
        cfg.admin = d;
    }
    let started = std::time::Instant::now();
    match vigie::r#gen::generate(cfg) {
        Ok(s) => {
            let planted: u64 = s.labels.values().sum();
            eprintln!(
                "vigie-gen: {} records ({} bytes), {} reference decisions ({} bytes), {} breaches planted in {:.1} s",
                s.records,
                s.corpus_bytes,
                s.reference_decisions,
                s.reference_bytes,
                planted,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("vigie-gen: {e:#}");
            ExitCode::from(2)
        }
    }
}
