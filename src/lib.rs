//! vigie audits a reuser's corpus of French court decisions against the conditions under which
//! the courts publish those decisions in open data.

/// `eprintln!` and `eprint!` that ignore a failure to write: std's panic when standard error
/// cannot be written (`2>/dev/full`, a log pipe whose reader went away), and a diagnostic that
/// cannot be shown must not cost the report or change the exit status. Defined before the
/// modules, so that it stands for std's in all of them (none prints today: kept so that one
/// that does cannot panic); exported for the binary, which imports them in place of std's.
#[allow(unused_macros)]
#[macro_export]
macro_rules! eprintln {
    () => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock());
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// See `eprintln!`.
#[allow(unused_macros)]
#[macro_export]
macro_rules! eprint {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr().lock(), $($arg)*);
    }};
}

pub mod audit;
pub mod corpus;
pub mod error;
pub mod r#gen;
pub mod ident;
pub mod model;
pub mod penalty;
pub mod report;
pub mod rules;
pub mod source;
pub mod text;
pub mod tui;
