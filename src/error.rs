//! Errors that stop vigie with exit status 2: bad usage or unusable input (SPEC §4, §7). Each
//! names the file, and the line and column where known.

use std::fmt;
use std::path::Path;

/// An unusable input file: a missing reference, a bad mapping, policy or keymap file…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    /// `(line, column, message)`; line 0 when the problem concerns the whole file.
    pub problems: Vec<(u64, u64, String)>,
}

impl InputError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        InputError {
            file: path.display().to_string(),
            problems: vec![(0, 0, message.into())],
        }
    }

    pub fn at(path: &Path, line: u64, column: u64, message: impl Into<String>) -> Self {
        InputError {
            file: path.display().to_string(),
            problems: vec![(line, column, message.into())],
        }
    }

    pub fn many(path: &Path, mut problems: Vec<(u64, u64, String)>) -> Self {
        problems.sort_by_key(|p| (p.0, p.1));
        InputError {
            file: path.display().to_string(),
            problems,
        }
    }

    pub fn io(path: &Path, e: std::io::Error) -> Self {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        InputError::new(path, what)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (line, col, msg)) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match (line, col) {
                (0, _) => write!(f, "{}: {}", self.file, msg)?,
                (l, 0) => write!(f, "{}:{}: {}", self.file, l, msg)?,
                (l, c) => write!(f, "{}:{}:{}: {}", self.file, l, c, msg)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}
