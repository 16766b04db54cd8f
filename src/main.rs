//! vigie's entry point: parse the command line, pick the UI or a headless run, map errors to exit
//! statuses (0 compliant at --fail-on, 1 breaches, 2 bad usage or unusable input).

// The library's `eprintln!` and `eprint!`, which ignore a failure to write to standard error
// (std's panic), in place of std's in this file (`mod cli` prints nothing).
use vigie::{eprint, eprintln};

mod cli;

use clap::Parser;
use cli::{Cli, Command, FailOn, ReportFormat};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU8, Ordering};
use vigie::audit::{self, AuditEvent, AuditOptions};
use vigie::error::InputError;
use vigie::report::{self, Format, Report, WriteOptions};
use vigie::rules::{Penalty, Rule};
use vigie::text::sanitize::{Shown, for_terminal};

/// jemalloc rather than the system's allocator, where Cargo.toml asks for it (and says why).
#[cfg(all(
    any(target_os = "linux", target_os = "macos"),
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        // `--help` and `--version` (on stdout) quote nothing typed.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // A usage error quotes the argument as typed: a file name from a shell glob may hold
            // escape sequences, which must not reach the terminal raw (clap's colours go too).
            eprint!("{}", for_terminal(&e.render().to_string(), true));
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let _ = std::io::stdout().flush();
            // Messages may quote paths and values as typed: no control character reaches the
            // terminal raw.
            eprintln!("vigie: {}", for_terminal(&format!("{e:#}"), true));
            ExitCode::from(2)
        }
    }
}

/// Whether writing failed because the reader of the output went away (`vigie … | head`): the
/// report writers' errors may wrap the system's, in JSON's or CSV's.
fn broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(j) = err.downcast_ref::<serde_json::Error>()
            && j.io_error_kind() == Some(BrokenPipe)
        {
            return true;
        }
        if let Some(c) = err.downcast_ref::<csv::Error>()
            && matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe)
        {
            return true;
        }
        cur = match err.downcast_ref::<std::io::Error>() {
            Some(io) if io.kind() == BrokenPipe => return true,
            // What an `io::Error` wraps is not its `source()`.
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    false
}

/// The exit status of `vigie rules` or `vigie explain` once written: 0, also when the reader
/// went away (`vigie rules | head` had what it wanted, and no verdict is at stake).
fn listed(written: std::io::Result<()>) -> anyhow::Result<u8> {
    match written {
        Err(e) if !broken_pipe(&e) => Err(e.into()),
        _ => Ok(0),
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match &cli.command {
        // `vigie rules | head`: the reader had what it wanted, and no verdict is at stake
        // (a report cut short is another matter: see `headless`).
        Some(Command::Rules) => {
            let mut out = std::io::stdout().lock();
            return listed(vigie::rules::rules_table(&mut out));
        }
        Some(Command::Explain { code }) => {
            let Some(rule) = Rule::from_code(code) else {
                anyhow::bail!("no rule has the code `{code}`; `vigie rules` lists them");
            };
            let mut out = std::io::stdout().lock();
            return listed(vigie::rules::explain(rule, &mut out));
        }
        None => {}
    }
    if cli.corpus.is_empty() {
        anyhow::bail!("no corpus given: vigie CORPUS... --reference PATH (see vigie --help)");
    }
    // Where the report goes and in which format, told before the audit runs.
    let target = report_target(&cli)?;
    // The report replaces its output: never one of the audit's inputs (`--previous` aside, which
    // is read first, so that a nightly job may write its report over the last one).
    if let Some(out) = &target.output
        && let Ok(out_real) = std::fs::canonicalize(out)
    {
        let inputs = cli
            .corpus
            .iter()
            .chain(&cli.reference)
            .chain(&cli.history)
            .chain(&cli.mapping)
            .chain(&cli.policy)
            .chain(&cli.waivers);
        for input in inputs {
            if std::fs::canonicalize(input).is_ok_and(|p| p == out_real) {
                anyhow::bail!(
                    "{}: the output is also an input of the audit; the report would replace it",
                    out.shown()
                );
            }
        }
        // Inside a corpus folder, the output is left unread (a nightly job's report of the
        // night before), unless it is no report of vigie's: a file of records that the report
        // would replace.
        for folder in &cli.corpus {
            let Ok(folder_real) = std::fs::canonicalize(folder) else {
                continue;
            };
            if folder_real.is_dir()
                && vigie::corpus::walk_reads(&folder_real, &out_real)
                && !holds_no_records(&out_real)
            {
                anyhow::bail!(
                    "{}: the output is a file of the corpus folder {}, whose records the audit \
                     reads, and not a report of vigie's; the report would replace it (write it \
                     elsewhere, or under another name)",
                    out.shown(),
                    folder.shown()
                );
            }
        }
    }
    if let Some(out) = &target.output {
        refuse_output_in_sources(out, &cli)?;
    }
    let opts = options(&cli)?;
    // A blank `--reuser` (an empty form field or shell variable) names nobody: the notice keeps
    // its placeholder for the addressee, which the clerk completes as the sender and the
    // signature, rather than an empty line that might go out unnoticed; said on stderr.
    let reuser = vigie::report::reuser_name(cli.reuser.as_deref());
    // Warnings on the options, said now; the terminal UI shows them too.
    let mut warned: Vec<String> = opts
        .mapping
        .iter()
        .flat_map(|m| {
            m.warnings
                .iter()
                .map(|w| for_terminal(w, false).into_owned())
        })
        .collect();
    let interactive = target.format.is_none()
        && std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal();
    // The options of the notice, in a run that writes another report: not used, and said so
    // (as an --output named for another format is), rather than taken without a word. The
    // terminal UI uses them when it exports a notice.
    if let Some(w) = notice_options_unused(&cli, target.format, interactive) {
        warned.push(w);
    } else if cli.reuser.is_some() && reuser.is_none() {
        warned.push(
            "--reuser is blank: the notice leaves the addressee as a placeholder to complete"
                .to_string(),
        );
    }
    let write_opts = WriteOptions {
        reveal_personal_data: cli.reveal_personal_data,
        reuser: reuser.map(str::to_string),
        notice_days: Some(cli.notice_days.unwrap_or(report::DEFAULT_NOTICE_DAYS)),
        waivers: cli.waivers.clone(),
    };
    warned.extend(previous_after_as_of(&opts));
    for w in &warned {
        eprintln!("vigie: warning: {w}");
    }
    // A headless run only reads the waivers file, before the audit: a missing or bad one is
    // told at once, not after hours of audit (the terminal UI reads it too, and creates it
    // with its first waiver).
    let waivers = match &cli.waivers {
        Some(path) if !interactive => read_waivers(path)?,
        _ => Default::default(),
    };
    // A bad keymap is unusable input whatever the mode (SPEC 5): every error, then exit 2. The
    // file is the one the look-up order finds (--keymap, $VIGIE_KEYMAP, then
    // $XDG_CONFIG_HOME/vigie/keymap.toml), in a headless run as in the terminal UI: the same
    // file is not bad in one and taken in the other.
    let keymap = vigie::tui::keymap::Keymap::load(cli.keymap.as_deref())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if interactive {
        vigie::tui::run(
            opts,
            keymap,
            vigie::tui::UiOptions {
                waivers: cli.waivers.clone(),
                write: write_opts,
                fail_on: threshold(cli.fail_on),
                warnings: warned,
            },
        )
    } else {
        headless(&cli, &target, opts, write_opts, waivers)
    }
}

/// The warning to give when `--reuser` or `--notice-days`, which only the formal notice uses,
/// are given to a run that writes no notice: a headless run of another format (`--report json`,
/// the text summary). Not in the terminal UI, which exports a notice with them.
fn notice_options_unused(
    cli: &Cli,
    format: Option<ReportFormat>,
    interactive: bool,
) -> Option<String> {
    if interactive || format == Some(ReportFormat::Notice) {
        return None;
    }
    let given: Vec<&str> = [
        ("--reuser", cli.reuser.is_some()),
        ("--notice-days", cli.notice_days.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, given)| given.then_some(name))
    .collect();
    if given.is_empty() {
        return None;
    }
    let written = match format {
        Some(f) => format!("writes the {} report", format_name(f)),
        None => "prints the text summary".to_string(),
    };
    Some(format!(
        "{} {} used only by the formal notice (--report notice, or --output NAME.md), which \
         this run does not write (it {written}): {} not used",
        given.join(" and "),
        if given.len() == 1 { "is" } else { "are" },
        if given.len() == 1 {
            "it is"
        } else {
            "they are"
        },
    ))
}

/// The warning to give when `--previous` was made after this audit's time (`--as-of`, else
/// now): an earlier report it is not, and the breaches it holds would be taken as found before.
/// Most likely the files of two nights were swapped, or `--as-of` is wrong.
fn previous_after_as_of(opts: &AuditOptions) -> Option<String> {
    let prev = opts.previous.as_ref()?;
    let prev_as_of = prev
        .as_of
        .as_deref()
        .and_then(|s| s.parse::<jiff::Timestamp>().ok())?;
    let as_of = opts.as_of.unwrap_or_else(jiff::Timestamp::now);
    (prev_as_of > as_of).then(|| {
        format!(
            "the previous report {} is of an audit made at {}, after this \
             audit's time ({}): it is no earlier report, yet the breaches it holds found again \
             are repeated, hence permanent. Are --previous and --as-of the intended ones?",
            for_terminal(prev.path.as_deref().unwrap_or("(given)"), false),
            prev_as_of.strftime("%Y-%m-%dT%H:%M:%SZ"),
            as_of.strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
    })
}

/// `--waivers` in a headless run: read once, before the audit, and required to exist (a
/// missing file is most likely a wrong path, which would drop every waiver from the exports
/// without a word); what a hand edit got wrong is said on stderr.
fn read_waivers(
    path: &std::path::Path,
) -> anyhow::Result<std::collections::BTreeMap<String, vigie::report::Waiver>> {
    let loaded = vigie::tui::waivers::read(path)?;
    if !loaded.found {
        return Err(InputError::new(
            path,
            "no such file: the waivers file (--waivers) is only read in a headless run, and the \
             exports would show no waiver; give the path of the file the terminal UI saves, or \
             leave --waivers out (an empty file holds no waiver)",
        )
        .into());
    }
    for w in &loaded.warnings {
        eprintln!("vigie: warning: {}", for_terminal(w, false));
    }
    Ok(loaded.waivers)
}

/// Refuses an `--output` inside a `--reference` or `--history` folder, whether the file is there
/// already (an official decision, a page of the history) or not (the next night's reading would
/// take the report for one): every file of those folders is read.
fn refuse_output_in_sources(out: &std::path::Path, cli: &Cli) -> anyhow::Result<()> {
    // Where the output is, followed through links (a link to no file is written through, its
    // target created: `report::output_target`); a file still to be written, by its folder.
    let target = report::output_target(out).unwrap_or_else(|_| out.to_path_buf());
    let out_real = std::fs::canonicalize(&target).ok().or_else(|| {
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty());
        let folder = std::fs::canonicalize(parent.unwrap_or(std::path::Path::new("."))).ok()?;
        Some(folder.join(target.file_name()?))
    });
    let Some(out_real) = out_real else {
        return Ok(());
    };
    let folders = [("--reference", &cli.reference), ("--history", &cli.history)];
    for (option, paths) in folders {
        for folder in paths.iter() {
            let Ok(folder_real) = std::fs::canonicalize(folder) else {
                continue;
            };
            if folder_real.is_dir() && out_real.starts_with(&folder_real) {
                anyhow::bail!(
                    "{}: the output is inside the {option} folder {}, every file of which the \
                     audit reads; the report would replace or join its files (write it \
                     elsewhere)",
                    out.shown(),
                    folder.shown()
                );
            }
        }
    }
    Ok(())
}

/// Whether an output file inside a corpus folder may be replaced: empty, or one of vigie's own
/// files (a report written the night before), which hold no records.
fn holds_no_records(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    match std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head)) {
        Ok(_) => head.iter().all(u8::is_ascii_whitespace) || vigie::corpus::is_vigie_file(&head),
        // Not readable: the audit will say so; nothing to lose by writing over it.
        Err(_) => true,
    }
}

/// Where a headless run writes its report, and in which format.
struct Target {
    /// `--report`, or what the name of `--output` tells; `None` for the text summary (and the
    /// terminal UI, on a terminal).
    format: Option<ReportFormat>,
    /// `--output`; `None` for standard output (`-o -` included).
    output: Option<std::path::PathBuf>,
}

/// `--report` and `--output`: `-o -` is standard output, as `-` is standard input for the
/// corpus; a file's name tells the format when `--report` does not (`report.json`), and one that
/// does not tell it (`report.out`) is an error rather than the text summary under that name; a
/// folder is no file to write.
fn report_target(cli: &Cli) -> anyhow::Result<Target> {
    let output = cli
        .output
        .clone()
        .filter(|p| p.as_os_str() != vigie::corpus::STDIN);
    let Some(path) = output else {
        return Ok(Target {
            format: cli.report,
            output: None,
        });
    };
    report::check_output_path(&path)?;
    report::check_not_read_only(&path)?;
    report::check_output_folder(&path)?;
    let told = Format::told_by(&path).map(|f| match f {
        Format::Json => ReportFormat::Json,
        Format::Jsonl => ReportFormat::Jsonl,
        Format::Csv => ReportFormat::Csv,
        Format::Notice => ReportFormat::Notice,
        Format::Text => ReportFormat::Text,
    });
    let format = match cli.report {
        Some(f) => {
            // `--report` wins, but a name that tells another format is most likely a slip
            // (a nightly job's output renamed, not its options): said before the audit runs.
            if let Some(named) = told.filter(|&t| t != f) {
                eprintln!(
                    "vigie: warning: --output {} gets the report --report {} asks for, though \
                     its name tells {}",
                    for_terminal(&path.shown(), false),
                    format_name(f),
                    format_name(named)
                );
            }
            f
        }
        None => match told {
            Some(f) => f,
            None => anyhow::bail!(
                "--output {}: its name does not tell the report's format; give --report \
                     json, jsonl, csv, notice or text (or name the file .json, .jsonl, .ndjson, \
                     .csv, .md for the notice, or .txt for the text summary)",
                path.shown()
            ),
        },
    };
    Ok(Target {
        format: Some(format),
        output: Some(path),
    })
}

/// A report format as `--report` names it.
fn format_name(f: ReportFormat) -> String {
    use clap::ValueEnum;
    f.to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// The most threads `--jobs` starts: each costs a stack, and past the cores they only wait.
const MAX_JOBS: usize = 1024;

fn options(cli: &Cli) -> anyhow::Result<AuditOptions> {
    let mapping = match &cli.mapping {
        Some(p) => {
            // Its warnings are said with the other warnings on the options (see `warned`).
            Some(vigie::corpus::Mapping::load(p)?)
        }
        None => None,
    };
    let as_of = match &cli.as_of {
        None => None,
        Some(s) => Some(parse_as_of(s).map_err(|e| match e {
            AsOfError::NotADate => anyhow::anyhow!(
                "--as-of `{s}` is not a date or date-time (e.g. 2026-11-22 or 2026-11-22T12:00:00Z)"
            ),
            AsOfError::OutOfRange => anyhow::anyhow!(
                "--as-of `{s}` is outside the range of audit times vigie can date: from \
                 {AS_OF_FIRST} (midnight in France) to {AS_OF_LAST}, the last instant its date \
                 library represents (a date alone: up to 9999-12-30)"
            ),
        })?),
    };
    match cli.jobs {
        Some(0) => anyhow::bail!("--jobs must be at least 1"),
        Some(n) if n > MAX_JOBS => anyhow::bail!(
            "--jobs {n} is more threads than vigie starts (at most {MAX_JOBS}; this machine has {} \
             cores, and the audit gains nothing from more threads than cores)",
            std::thread::available_parallelism().map_or(1, |n| n.get())
        ),
        _ => {}
    }
    // `-` is standard input, as for most tools that read files; it can be read once.
    if cli.corpus.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        anyhow::bail!("`-` (standard input) is given more than once: it can be read only once");
    }
    // `-` stays `-`: the corpus reader opens standard input for it, and the report names it
    // `(standard input)`.
    let corpus = cli.corpus.clone();
    let is_stdin = |p: &&std::path::PathBuf| p.as_os_str() == vigie::corpus::STDIN;
    for p in cli
        .reference
        .iter()
        .chain(&cli.history)
        .chain(corpus.iter().filter(|p| !is_stdin(p)))
    {
        if !p.exists() {
            return Err(InputError::new(p, "no such file or folder").into());
        }
    }
    Ok(AuditOptions {
        corpus,
        reference: cli.reference.clone(),
        history: cli.history.clone(),
        mapping,
        as_of,
        jobs: cli.jobs,
        limits: vigie::corpus::Limits {
            max_record_bytes: cli.max_record_mib.max(1) << 20,
            // A single-object file is one record: as large as a record may be.
            max_document_bytes: vigie::corpus::DOCUMENT_BYTES
                .max((cli.max_record_mib.max(1) as u64) << 20),
            ..Default::default()
        },
        archive_limits: Default::default(),
        policy: match &cli.policy {
            Some(p) => Some(vigie::penalty::Policy::load(p)?),
            None => None,
        },
        previous: match &cli.previous {
            Some(p) => Some(vigie::penalty::Previous::load(p)?),
            None => None,
        },
        // The terminal UI turns it on for itself.
        live_findings: false,
        own_files: cli
            .output
            .iter()
            .filter(|p| p.as_os_str() != vigie::corpus::STDIN)
            .chain(&cli.previous)
            .chain(&cli.waivers)
            .cloned()
            .collect(),
    })
}

/// The first and the last audit times `--as-of` takes: from the first day of year 1 (a year 0
/// is a typing error) to the end of what jiff represents, 9999-12-30T22:00:00Z (a date alone,
/// midnight in France, up to 9999-12-30).
const AS_OF_FIRST: &str = "0001-01-01";
const AS_OF_LAST: &str = "9999-12-30T22:00:00Z";

/// Why `--as-of` is no audit time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AsOfError {
    NotADate,
    /// A date, but outside [`AS_OF_FIRST`] and [`AS_OF_LAST`].
    OutOfRange,
}

/// `--as-of`: an RFC 3339 time (`2026-11-22T12:00:00Z`, `…+01:00`), a date and time in France,
/// or a date (midnight in France), from [`AS_OF_FIRST`] to [`AS_OF_LAST`]. An offset of 24
/// hours or more (which jiff reads) is a typing error, not an audit time.
fn parse_as_of(s: &str) -> Result<jiff::Timestamp, AsOfError> {
    let s = s.trim();
    // The offset that ends it, if any: `+HH:MM`, `-HHMM`, `+HH:MM:SS`.
    let offset_ok = {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r.clone())
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .map(|d| d.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0')))
        };
        let signed = |k: usize| b.len() > k && matches!(b[b.len() - 1 - k], b'+' | b'-');
        // `±HH:MM` or `±HHMM` at the end (a date `2026-11-22` ends with no such form).
        let (hours, minutes) = if signed(5) && b[b.len() - 3] == b':' {
            (
                digits(b.len() - 5..b.len() - 3),
                digits(b.len() - 2..b.len()),
            )
        } else if signed(4) && s.contains(['T', 't', ' ']) {
            (
                digits(b.len() - 4..b.len() - 2),
                digits(b.len() - 2..b.len()),
            )
        } else {
            (None, None)
        };
        match (hours, minutes) {
            (Some(h), Some(m)) => h <= 23 && m <= 59,
            _ => true,
        }
    };
    if !offset_ok {
        return Err(AsOfError::NotADate);
    }
    let first = jiff::civil::date(1, 1, 1)
        .to_zoned(vigie::ident::paris())
        .map_err(|_| AsOfError::OutOfRange)?
        .timestamp();
    match parse_as_of_any(s) {
        Some(t) if t >= first => Ok(t),
        Some(_) => Err(AsOfError::OutOfRange),
        // A date the calendar has, whose only fault is its year: beyond jiff's last instant
        // (`9999-12-31`, midnight in France being after 9999-12-30T22:00Z), or before its first.
        None if with_year_2000(s).is_some_and(|t| parse_as_of_any(&t).is_some()) => {
            Err(AsOfError::OutOfRange)
        }
        None => Err(AsOfError::NotADate),
    }
}

/// `s` with the year written first (`9999-12-31…`, `-0001-01-01`) or last (`31/12/9999`,
/// `31 décembre 9999`) as 2000, if it has one there.
fn with_year_2000(s: &str) -> Option<String> {
    let lead = s.strip_prefix(['-', '+']).unwrap_or(s);
    let sign = s.len() - lead.len();
    let n = lead.bytes().take_while(u8::is_ascii_digit).count();
    if n >= 4 && lead.as_bytes().get(n) == Some(&b'-') {
        return Some(format!("2000{}", &s[sign + n..]));
    }
    let n = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    let before = s.len() - n;
    if n >= 4 && before > 0 && !s[..before].ends_with([':', '+', '-']) {
        return Some(format!("{}2000", &s[..before]));
    }
    None
}

fn parse_as_of_any(s: &str) -> Option<jiff::Timestamp> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return dt.in_tz("Europe/Paris").ok().map(|z| z.timestamp());
    }
    // A time that is not a time (`T25:00`) is an error, not the date before it.
    let has_time = s.contains(':')
        || s.as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && w[1].eq_ignore_ascii_case(&b't'));
    if has_time {
        return None;
    }
    let d = vigie::ident::parse_date(s)?;
    d.in_tz("Europe/Paris").ok().map(|z| z.timestamp())
}

/// The progress bar's style: a spinner and the message while there is nothing to measure
/// (`total` 0: the reference's size not yet known, or an empty input), then the bar, its
/// percentage and the time left.
fn progress_style(total: u64) -> indicatif::ProgressStyle {
    let template = if total == 0 {
        "{spinner} {msg}"
    } else {
        "{spinner} {msg} [{wide_bar}] {percent:>3}% · ETA {eta}"
    };
    // The time left from the last seconds' rate (`vigie::audit::Eta`), not indicatif's estimate
    // over the whole run: records that match their reference cost far less than those that
    // differ, and a corpus may hold runs of either.
    let eta = Arc::new(std::sync::Mutex::new(vigie::audit::Eta::default()));
    indicatif::ProgressStyle::with_template(template)
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner())
        .with_key(
            "eta",
            move |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let left = eta.lock().ok().and_then(|mut e| {
                    e.update(state.elapsed(), state.pos(), state.len().unwrap_or(0))
                });
                let _ = match left {
                    Some(left) => write!(w, "{:#}", indicatif::HumanDuration(left)),
                    None => write!(w, "…"),
                };
            },
        )
        .progress_chars("=> ")
}

/// How long a headless run, asked to stop by a signal, is given to stop by itself (the corpus
/// is read in blocks, each checked in a moment) before it is ended where it stands: loading a
/// large reference does not look at the request. Nothing is then left behind: the reference's
/// temporary file has no name, and the report is not being written.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// What a headless run is doing, for the signal watcher: whether ending the process at once
/// would leave a half-written report behind.
const AUDITING: u8 = 0;
const WRITING: u8 = 1;

/// The signal that asked a headless run to stop, if one did (0: none), and the run's phase.
struct Stop {
    signal: Arc<AtomicI32>,
    phase: Arc<AtomicU8>,
}

/// Catches SIGINT, SIGTERM, SIGHUP and SIGQUIT for a headless run, as the terminal UI does: the
/// audit is cancelled, no report is written, and vigie exits with 128 + the signal's number, as
/// a shell reports a process a signal ended (130 for SIGINT). Should the audit not stop within
/// [`STOP_GRACE`] (or a second signal come), the process ends there, with the same status; a
/// signal that comes while the report is written lets it be finished (it is atomic).
fn watch_signals(cancel: &Arc<AtomicBool>) -> Stop {
    let stop = Stop {
        signal: Arc::new(AtomicI32::new(0)),
        phase: Arc::new(AtomicU8::new(AUDITING)),
    };
    let (signal, phase, cancel) = (stop.signal.clone(), stop.phase.clone(), cancel.clone());
    let end_now = move |sig: i32, phase: &AtomicU8| {
        if phase.load(Ordering::SeqCst) == AUDITING {
            eprintln!(
                "\nvigie: interrupted by {}: the audit did not complete and no report was written",
                vigie::tui::signals::name(sig)
            );
            std::process::exit(i32::from(vigie::tui::signals::exit_status(sig)));
        }
    };
    let asked = move |sig: i32| {
        if signal
            .compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            // A second signal: no more waiting.
            end_now(signal.load(Ordering::SeqCst), &phase);
            return;
        }
        cancel.store(true, Ordering::SeqCst);
        let phase = phase.clone();
        let _ = std::thread::Builder::new()
            .name("vigie-stop".into())
            .spawn(move || {
                std::thread::sleep(STOP_GRACE);
                end_now(sig, &phase);
            });
    };
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        // Should catching fail (it should not), the signals keep their default actions.
        if let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])
        {
            let _ = std::thread::Builder::new()
                .name("vigie-signals".into())
                .spawn(move || {
                    for sig in signals.forever() {
                        asked(sig);
                    }
                });
        }
    }
    #[cfg(not(unix))]
    {
        // Ctrl-C, as SIGINT.
        let _ = ctrlc::set_handler(move || asked(2));
    }
    stop
}

fn headless(
    cli: &Cli,
    target: &Target,
    opts: AuditOptions,
    write_opts: WriteOptions,
    waivers: std::collections::BTreeMap<String, vigie::report::Waiver>,
) -> anyhow::Result<u8> {
    let cancel = Arc::new(AtomicBool::new(false));
    let stop = watch_signals(&cancel);
    let bar = (!cli.quiet && std::io::stderr().is_terminal()).then(|| {
        // No bar until there is a total to measure against: indicatif draws a bar of length 0
        // as full, 100% before anything is read.
        let pb = indicatif::ProgressBar::new(0);
        pb.set_style(progress_style(0));
        pb.set_message("loading the reference");
        pb
    });
    // The bar's length, and so its style, set only when it changes.
    let set_length = |pb: &indicatif::ProgressBar, total: u64| {
        if pb.length() != Some(total) {
            if (pb.length().unwrap_or(0) == 0) != (total == 0) {
                pb.set_style(progress_style(total));
            }
            pb.set_length(total);
        }
    };
    let sink = |e: AuditEvent| {
        if let Some(pb) = &bar {
            match e {
                AuditEvent::ReferenceProgress {
                    bytes_done,
                    bytes_total,
                } => {
                    set_length(pb, bytes_total);
                    pb.set_position(bytes_done);
                    pb.set_message(format!(
                        "loading the reference, {} of {}",
                        indicatif::HumanBytes(bytes_done),
                        indicatif::HumanBytes(bytes_total)
                    ));
                }
                AuditEvent::ReferenceLoaded { decisions } => {
                    // The corpus's bytes from here: a new rate and a new estimate.
                    pb.reset();
                    pb.set_message(format!("{decisions} reference decisions; auditing"))
                }
                AuditEvent::Progress(p) => {
                    set_length(pb, p.bytes_total);
                    pb.set_position(p.bytes_done);
                    let rate = p.records as f64 / p.reading.as_secs_f64().max(0.001);
                    pb.set_message(format!(
                        "{} records · {:.0}/s · {} findings",
                        p.records, rate, p.findings
                    ));
                }
                AuditEvent::Findings(_) => {}
            }
        }
    };
    let warnings_inputs = vigie::report::warnings::Inputs::of(&opts);
    let outcome = audit::run(&opts, &sink, &cancel);
    if let Some(pb) = &bar {
        pb.finish_and_clear();
    }
    // Stopped by a signal, complete or not: no report.
    let stopped_by = |stop: &Stop| {
        stop.phase.store(WRITING, Ordering::SeqCst);
        match stop.signal.load(Ordering::SeqCst) {
            0 => None,
            sig => Some(sig),
        }
    };
    if let Some(sig) = stopped_by(&stop) {
        eprintln!(
            "vigie: interrupted by {}: the audit did not complete and no report was written",
            vigie::tui::signals::name(sig)
        );
        return Ok(vigie::tui::signals::exit_status(sig));
    }
    let outcome = outcome?;
    for w in vigie::report::warnings::after_audit(&outcome, &warnings_inputs) {
        eprintln!("vigie: warning: {w}");
    }
    let mut report = outcome.report;
    report.waivers = waivers;
    // A corpus of which no record could be read gives no verdict: exit 2, as unusable input.
    // Its report goes to standard output, but does not replace an --output file, as no other
    // run that exits 2 does: a nightly job's report of the night before stays, and so the next
    // night's --previous is still the last conclusive report, whose breaches found again are
    // repeated (an inconclusive one, which holds none, would lose their escalation).
    let inconclusive = report.inconclusive();
    let format = match target.format {
        Some(ReportFormat::Json) => Format::Json,
        Some(ReportFormat::Jsonl) => Format::Jsonl,
        Some(ReportFormat::Csv) => Format::Csv,
        Some(ReportFormat::Notice) => Format::Notice,
        Some(ReportFormat::Text) | None => Format::Text,
    };
    match &target.output {
        Some(_) if inconclusive => {}
        Some(path) => {
            report::write_atomically(path, |out| report::write(&report, format, &write_opts, out))?
        }
        None => {
            // An output that cannot be written is exit 2 (README): a report cut short, by a
            // reader that closed the pipe (`| head`) or a full disk, is no report, and a script
            // must not take its status for the audit's.
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            if let Err(e) =
                report::write(&report, format, &write_opts, &mut out).and_then(|_| out.flush())
            {
                if broken_pipe(&e) {
                    anyhow::bail!(
                        "cannot write the report to standard output: its reader closed the pipe \
                         before the end (broken pipe), so the report is incomplete"
                    );
                }
                return Err(anyhow::Error::new(e).context(
                    "cannot write the report to standard output; the report is incomplete",
                ));
            }
        }
    }
    if let Some(sig) = stopped_by(&stop) {
        eprintln!(
            "vigie: {} came as the report was being written: it was finished first",
            vigie::tui::signals::name(sig)
        );
    }
    if inconclusive {
        // The report is written to standard output, with every IN001 (an --output file is
        // left as it was); but a verdict on no record at all says nothing of the publication,
        // and a scheduled job must not take it for a pass.
        let first = report
            .findings
            .iter()
            .find(|f| f.rule == Rule::IN001)
            .map(|f| {
                // The message names the line and column.
                let place = f
                    .record
                    .as_ref()
                    .and_then(|r| report.files.get(r.file_index as usize))
                    .map_or(String::new(), |s| format!("{s}: "));
                for_terminal(&format!("{place}{}", f.message), false).into_owned()
            })
            .unwrap_or_default();
        let n = report.audit.unreadable_records;
        let kept = target.output.as_ref().map_or(String::new(), |p| {
            format!(
                " No report was written: {} is left as it was (the report of such a run goes \
                 only to standard output, without --output or with -o -).",
                for_terminal(&p.shown(), false)
            )
        });
        if report.read_no_record() {
            eprintln!(
                "vigie: no record of the corpus could be read: {} unreadable, reported as IN001 \
                 (the first: {first}). The verdict of such an audit says nothing of the \
                 corpus.{kept}",
                if n == 1 {
                    "its only line or file is".to_string()
                } else {
                    format!("all {n} of its lines or files are")
                }
            );
        } else {
            eprintln!(
                "vigie: {}. The verdict of such an audit says nothing of the corpus: correct the \
                 path in the mapping.{kept}",
                for_terminal(&report.not_carried_out(), false)
            );
        }
        return Ok(2);
    }
    Ok(exit_status(&report, cli.fail_on))
}

fn exit_status(report: &Report, fail_on: FailOn) -> u8 {
    u8::from(report.breaches(threshold(fail_on)))
}

/// The penalty from which findings fail the run (`--fail-on`), if any.
fn threshold(fail_on: FailOn) -> Option<Penalty> {
    match fail_on {
        FailOn::Never => None,
        FailOn::Temporary => Some(Penalty::Temporary),
        FailOn::Permanent => Some(Penalty::Permanent),
    }
}
