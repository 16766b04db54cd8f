//! The command line (SPEC §4, §5).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Audit a reuser's corpus of French court decisions against the conditions under which the
/// courts publish them in open data (Cour de cassation, Conseil d'État, Légifrance).
///
/// Without --report, vigie opens its terminal UI when stdin and stdout are terminals, and
/// otherwise prints a short summary. Exit status: 0 no finding with a penalty at or above
/// --fail-on; 1 such findings; 2 bad usage or unusable input; 128 + N when signal N stopped it
/// (130 for SIGINT), with no report written.
#[derive(Debug, Parser)]
#[command(name = "vigie", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Corpus files or folders: JSON Lines, JSON arrays or single JSON objects, plain or
    /// gzip-compressed (.gz); `-` reads standard input.
    #[arg(value_name = "CORPUS")]
    pub corpus: Vec<PathBuf>,

    /// The official reference: a file, a folder or an archive (Judilibre JSON, DILA XML,
    /// administrative XML, .tar.gz, .zip). Repeatable.
    #[arg(long, value_name = "PATH")]
    pub reference: Vec<PathBuf>,

    /// Judilibre /transactionalhistory pages (file, folder or JSON Lines). Repeatable.
    #[arg(long, value_name = "PATH")]
    pub history: Vec<PathBuf>,

    /// Maps another record schema onto vigie's fields ([fields] and [defaults]).
    #[arg(long, value_name = "FILE.toml")]
    pub mapping: Option<PathBuf>,

    /// Overrides rules' severity or penalty ([rules.MSK002] penalty = "permanent").
    #[arg(long, value_name = "FILE.toml")]
    pub policy: Option<PathBuf>,

    /// An earlier vigie JSON report: breaches found again are repeated, hence permanent. An
    /// inconclusive one (no record read) is refused.
    #[arg(long, value_name = "REPORT.json")]
    pub previous: Option<PathBuf>,

    /// Run headless and write a report in this format.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub report: Option<ReportFormat>,

    /// Where to write the report (atomically); standard output when absent or `-`. Without
    /// --report, the file's name tells the format: .json, .jsonl or .ndjson, .csv, .md (the
    /// notice), .txt (the text summary); another name is an error.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// The audit time, RFC 3339, a date and time in France or a date (midnight in France),
    /// from 0001-01-01 to 9999-12-30T22:00:00Z (default: now).
    #[arg(long, value_name = "DATETIME")]
    pub as_of: Option<String>,

    /// Number of threads (default: all cores).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,

    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,

    /// The penalty from which findings make vigie exit 1.
    #[arg(long, value_enum, default_value = "temporary", value_name = "PENALTY")]
    pub fail_on: FailOn,

    /// Do not redact personal data found in clear in the outputs.
    #[arg(long)]
    pub reveal_personal_data: bool,

    /// The reuser named in the formal notice (trimmed; a blank one, or none, leaves the
    /// addressee as a placeholder to complete). Used by the notice alone (--report notice, or
    /// an export from the terminal UI): another report is written with a warning that it is
    /// not used.
    #[arg(long, value_name = "NAME")]
    pub reuser: Option<String>,

    /// The deadline, in days, given in the formal notice (1 to 365; default 15). Used by the
    /// notice alone, as --reuser is.
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=365))]
    pub notice_days: Option<u32>,

    /// Key bindings for the terminal UI (default: $VIGIE_KEYMAP,
    /// $XDG_CONFIG_HOME/vigie/keymap.toml, built-in). The file found is checked in every run,
    /// headless too: a bad one is exit 2.
    #[arg(long, value_name = "PATH")]
    pub keymap: Option<PathBuf>,

    /// The auditor's waivers (JSON keyed by fingerprint), read and written by the UI (which
    /// creates the file) and shown in every export; a headless run requires the file.
    #[arg(long, value_name = "PATH")]
    pub waivers: Option<PathBuf>,

    /// Largest corpus record, in MiB (at most 4095: offsets within a record are 32-bit).
    #[arg(long, value_name = "MIB", default_value_t = 64,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=4095))]
    pub max_record_mib: usize,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the rules.
    Rules,
    /// Print a rule with the text of the article it enforces.
    Explain {
        /// A rule code, e.g. MSK001.
        code: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    Jsonl,
    Csv,
    Notice,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Temporary,
    Permanent,
    Never,
}
