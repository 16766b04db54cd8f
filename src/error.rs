//! Errors that stop vigie with exit status 2: bad usage or unusable input (SPEC §4, §7). Each
//! names the file, and the line and column where known.

use crate::text::sanitize::Shown;
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
            file: path.shown().to_string(),
            problems: vec![(0, 0, message.into())],
        }
    }

    pub fn at(path: &Path, line: u64, column: u64, message: impl Into<String>) -> Self {
        InputError {
            file: path.shown().to_string(),
            problems: vec![(line, column, message.into())],
        }
    }

    pub fn many(path: &Path, mut problems: Vec<(u64, u64, String)>) -> Self {
        problems.sort_by_key(|p| (p.0, p.1));
        InputError {
            file: path.shown().to_string(),
            problems,
        }
    }

    pub fn io(path: &Path, e: std::io::Error) -> Self {
        if let Some(at) = InvalidUtf8::of(&e) {
            return at.in_file(path, "invalid UTF-8");
        }
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        InputError::new(path, what)
    }
}

/// The most bytes of a settings file vigie reads (`--mapping`, `--policy`, a keymap): far
/// more than any holds.
pub const MAX_SETTINGS_BYTES: u64 = 16 << 20;

/// The most bytes of a waivers file (a few hundred bytes a waiver: about a million waivers).
pub const MAX_WAIVERS_BYTES: u64 = 256 << 20;

/// The most bytes of one history file (a folder may hold many, as the pages of Judilibre's
/// transaction history).
pub const MAX_HISTORY_FILE_BYTES: u64 = 1 << 30;

/// Reads a whole file of at most `limit` bytes: a larger one, or one that never ends
/// (`/dev/zero`), is an error of kind `FileTooLarge` once `limit` bytes are read, not a
/// run that takes the machine's memory.
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("larger than {}", human_bytes(limit)),
        )
    };
    let file = std::fs::File::open(path)?;
    // A regular file says its size: told at once. A pipe or a device is read up to the limit.
    let meta = file.metadata()?;
    if meta.is_file() && meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        0
    });
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A size in the largest binary unit that divides it (`64 MiB`, `4 GiB`, `100 bytes`).
pub fn human_bytes(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GiB", bytes >> 30)
    } else if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// A file that is not UTF-8: the line and column of its first bad byte, as an editor shows
/// the place (1-based; columns count chars).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidUtf8 {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for InvalidUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid UTF-8 at line {}, column {} (its first bad byte)",
            self.line, self.column
        )
    }
}

impl std::error::Error for InvalidUtf8 {}

impl InvalidUtf8 {
    /// The place of the first bad byte of `bytes`, which `e` (of their reading as UTF-8) tells:
    /// every file vigie reads as text places it so.
    pub fn at(bytes: &[u8], e: std::str::Utf8Error) -> InvalidUtf8 {
        let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let (line, column) = line_col(good, good.len());
        InvalidUtf8 { line, column }
    }

    /// The place an I/O error of [`read_bounded_string`] tells, if it is one of invalid UTF-8.
    pub fn of(e: &std::io::Error) -> Option<InvalidUtf8> {
        e.get_ref()?.downcast_ref::<InvalidUtf8>().copied()
    }

    /// The error of the file `path` that holds it, as every settings file's is told:
    /// `FILE:LINE:COLUMN: message`.
    pub fn in_file(self, path: &Path, message: impl Into<String>) -> InputError {
        InputError::at(path, self.line as u64, self.column as u64, message)
    }
}

/// [`read_bounded`], as text (UTF-8). A file that is not is an error of kind `InvalidData`
/// wrapping an [`InvalidUtf8`], which places its first bad byte.
pub fn read_bounded_string(path: &Path, limit: u64) -> std::io::Result<String> {
    String::from_utf8(read_bounded(path, limit)?).map_err(|e| {
        let at = InvalidUtf8::at(e.as_bytes(), e.utf8_error());
        std::io::Error::new(std::io::ErrorKind::InvalidData, at)
    })
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

/// 1-based line and column of byte `offset` in `text` (a TOML file's), as an editor shows them:
/// lines end at LF, columns count chars, and a byte order mark at the start of the text is not
/// one. An offset inside a char is taken at its start.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    let start = if line_start == 0 {
        before.strip_prefix('\u{feff}').unwrap_or(before)
    } else {
        &before[line_start..]
    };
    (line, start.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_as_an_editor_shows_them() {
        let t = "a\nbé c\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 2), (2, 1));
        // After `bé` (é is two bytes), and inside the é.
        assert_eq!(line_col(t, 5), (2, 3));
        assert_eq!(line_col(t, 4), (2, 2));
        assert_eq!(line_col(t, 99), (3, 1));
        // A byte order mark is not a column.
        assert_eq!(line_col("\u{feff}fields = 3", 3), (1, 1));
        // Elsewhere it is a char (a zero-width no-break space).
        assert_eq!(line_col("\u{feff}a\n\u{feff}b", 9), (2, 3));
    }
}
