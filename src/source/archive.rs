//! Reading untrusted archives as streams: DILA's `.tar.gz` (tar inside gzip) and the
//! administrative courts' monthly `.zip`, recognised from their magic bytes, never the extension.
//! A plain gzip that holds no tar (`decision.xml.gz`) is read as one entry.
//!
//! Entries are decompressed on one thread, in archive order, and handed to the caller's function
//! on the rayon pool as decompression goes on; a bounded channel keeps at most two entries per
//! worker waiting, so memory stays bounded by a few times [`ArchiveLimits::max_entry_bytes`]
//! whatever the archive's size. Nothing is ever written to disk, so entry names (`../../etc`,
//! absolute paths) are only names.
//!
//! Limits, and what breaking them does:
//! - an entry larger than `max_entry_bytes` (declared, or found while reading it through a
//!   `take(limit + 1)`, so a bomb is never inflated past the limit) is an *unreadable entry*:
//!   counted with its name and reason in [`ArchiveStats::unreadable`], and reading goes on with
//!   the next entry — one oversized decision must not hide the others. A zip entry that fails to
//!   decompress (bad CRC, unsupported method, encrypted) is unreadable the same way;
//! - more than `max_entries` entries, or more than `max_total_bytes` decompressed in all, aborts
//!   with an [`ArchiveError`]: the archive is not a plausible reference;
//! - a corrupt or truncated gzip or tar stream aborts with an [`ArchiveError`] naming the archive
//!   and the last entry reached (nothing after that point can be trusted in a stream), and where
//!   it stopped ([`Stopped`]: inside which entry, after how many, at which byte of the file or
//!   of its content); so does a tar whose content ends after an entry without the zero blocks
//!   that end every tar archive (cut, then compressed). Entries handed to the caller before the
//!   error stay handed; the error carries the counts so far.

use crate::error::human_bytes as human;
use std::cell::Cell;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Size limits for reading an untrusted archive.
#[derive(Debug, Clone)]
pub struct ArchiveLimits {
    /// Largest entry read, in bytes once decompressed (default 64 MiB; a decision is rarely over
    /// 1 MiB).
    pub max_entry_bytes: u64,
    /// Most bytes decompressed from one archive in all (default 64 GiB).
    pub max_total_bytes: u64,
    /// Most entries (files, directories, links) in one archive (default 10 million).
    pub max_entries: u64,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            max_entry_bytes: 64 << 20,
            max_total_bytes: 64 << 30,
            max_entries: 10_000_000,
        }
    }
}

/// One regular file of an archive, decompressed.
#[derive(Debug, Clone)]
pub struct ArchiveEntry {
    /// The entry's path inside the archive, as written there; bytes that are not UTF-8 shown
    /// as vigie shows them in a path (`\xE9`: [`crate::text::sanitize::display_path`]).
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An entry that was not handed to the caller, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableEntry {
    pub name: String,
    pub reason: String,
}

/// At most this many unreadable entries are listed; the others are only counted.
pub const MAX_LISTED_UNREADABLE: usize = 10_000;

/// What reading an archive found.
#[derive(Debug, Clone, Default)]
pub struct ArchiveStats {
    /// Regular files handed to the caller.
    pub entries: u64,
    /// Their decompressed bytes.
    pub bytes: u64,
    /// Directories, links, devices and other non-regular entries, skipped.
    pub skipped: u64,
    /// Entries that could not be read (over the size limit, failed to decompress); the archive's
    /// other entries were read.
    pub unreadable: Vec<UnreadableEntry>,
    /// Unreadable entries beyond the first [`MAX_LISTED_UNREADABLE`], counted only.
    pub unreadable_unlisted: u64,
    /// Where reading stopped, when it stopped on an error ([`ArchiveError`]): what it tells of
    /// the point past which the archive is lost.
    pub stopped: Stopped,
}

/// Where the reading of an archive stopped on an error: the entry it was reading, if it
/// stopped inside one, and how far into the archive's bytes it had come.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stopped {
    /// The entry whose data was being read: the error cut it. `None` when reading stopped
    /// between entries (at a header), after [`ArchiveError::entry`].
    pub inside: Option<String>,
    /// The entries met before that point (files handed, unreadable or skipped, and
    /// directories).
    pub entries_before: u64,
    /// Whether the archive was read as a stream (gzip), from its start: the counts below are
    /// then where it stopped (a zip is read from its index, at its end).
    pub streamed: bool,
    /// The archive's bytes read (compressed, as in the file), and whether its end was reached:
    /// a stream that ends there, incomplete, was cut short.
    pub file_bytes: u64,
    pub file_ended: bool,
    /// The bytes of its content (decompressed) read: where in the content it stopped.
    pub content_bytes: u64,
}

impl ArchiveStats {
    fn unreadable(&mut self, name: String, reason: String) {
        if self.unreadable.len() < MAX_LISTED_UNREADABLE {
            self.unreadable.push(UnreadableEntry { name, reason });
        } else {
            self.unreadable_unlisted += 1;
        }
    }

    /// All unreadable entries, listed or not.
    pub fn unreadable_count(&self) -> u64 {
        self.unreadable.len() as u64 + self.unreadable_unlisted
    }
}

/// Why an archive could not be read (to the end).
#[derive(Debug)]
pub enum ArchiveErrorKind {
    /// The file could not be opened or read.
    Io(io::Error),
    /// Neither gzip nor zip magic bytes.
    NotAnArchive,
    /// The compressed stream or the archive structure is damaged or cut short.
    Corrupt(String),
    /// A tar archive whose content ends after an entry, without the zero blocks that end every
    /// tar archive: cut there, what followed lost.
    Unended,
    /// More entries than [`ArchiveLimits::max_entries`].
    TooManyEntries(u64),
    /// More decompressed bytes than [`ArchiveLimits::max_total_bytes`].
    TotalTooLarge(u64),
}

/// An archive that could not be read to the end.
#[derive(Debug)]
pub struct ArchiveError {
    pub archive: PathBuf,
    /// The entry being read, or the last one read, when known.
    pub entry: Option<String>,
    pub kind: ArchiveErrorKind,
    /// What was read before the error (those entries were handed to the caller).
    pub stats: Box<ArchiveStats>,
}

impl ArchiveError {
    /// What went wrong, without the archive's name (for a message that names it already): what
    /// the error is, the point where reading stopped (inside an entry, or after one, and at
    /// which byte), and that the rest of the archive is lost, how many decisions it held
    /// unknown.
    pub fn reason(&self) -> String {
        let st = &self.stats.stopped;
        let what = match &self.kind {
            // A stream whose file ended while more was due: cut short (a download or a copy
            // stopped), the likeliest; else damaged where it stopped.
            ArchiveErrorKind::Corrupt(_) if !st.streamed => self.kind.to_string(),
            ArchiveErrorKind::Corrupt(m) if st.file_ended => format!(
                "cut short: the file ends after {} bytes, before the archive's end ({m})",
                st.file_bytes
            ),
            ArchiveErrorKind::Corrupt(m) => {
                format!("damaged at byte {} of its content ({m})", st.content_bytes)
            }
            ArchiveErrorKind::Unended => format!(
                "cut short: its content ends after {} bytes, without the zero blocks that end \
                 a tar archive",
                st.content_bytes
            ),
            kind => kind.to_string(),
        };
        let n = st.entries_before;
        let (entries, were) = match n {
            1 => ("1 entry".to_string(), "was"),
            n => (format!("{n} entries"), "were"),
        };
        let place = match (&st.inside, &self.entry) {
            (Some(inside), _) => format!(
                "inside its entry {inside} (the {entries} before it {were} read): that entry and \
                 the rest of the archive are lost, and how many decisions they held cannot be \
                 known"
            ),
            (None, Some(last)) => format!(
                "after its entry {last} ({entries} read, that one included): the rest of the \
                 archive is lost, and how many decisions it held cannot be known"
            ),
            (None, None) => "at its start: the whole archive is lost, and how many decisions it \
                             held cannot be known"
                .to_string(),
        };
        format!("{what}; reading stopped {place}")
    }
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::text::sanitize::display_path(&self.archive),
            self.reason()
        )
    }
}

impl fmt::Display for ArchiveErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArchiveErrorKind::Io(e) => write!(f, "cannot read the archive: {e}"),
            ArchiveErrorKind::NotAnArchive => {
                f.write_str("not a gzip, tar.gz or zip archive (unknown magic bytes)")
            }
            ArchiveErrorKind::Corrupt(m) => write!(f, "corrupt or truncated archive: {m}"),
            ArchiveErrorKind::Unended => f.write_str(
                "cut short: its content ends without the zero blocks that end a tar archive",
            ),
            ArchiveErrorKind::TooManyEntries(n) => {
                write!(f, "more than {n} entries: over the limit, reading stopped")
            }
            ArchiveErrorKind::TotalTooLarge(n) => write!(
                f,
                "more than {n} bytes decompressed in total: over the limit, reading stopped"
            ),
        }
    }
}

impl std::error::Error for ArchiveError {}

/// The kind of archive, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Gzip,
    Zip,
}

/// Recognises an archive from its first bytes (gzip `1f 8b`, zip `PK\3\4` or the empty zip
/// `PK\5\6`).
pub fn sniff(head: &[u8]) -> Option<ArchiveKind> {
    if head.starts_with(&[0x1f, 0x8b]) {
        Some(ArchiveKind::Gzip)
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Some(ArchiveKind::Zip)
    } else {
        None
    }
}

/// An error inside the reader thread: the entry reached and the kind.
type Failure = (Option<String>, ArchiveErrorKind);

/// Calls `f` on every regular file of the archive at `path`, in parallel on the rayon pool while
/// decompression streams on (see the module docs for limits and errors). Returns when every
/// entry has been handed and every call of `f` has returned.
pub fn for_each_entry(
    path: &Path,
    limits: &ArchiveLimits,
    f: &(dyn Fn(ArchiveEntry) + Sync),
) -> Result<ArchiveStats, ArchiveError> {
    match File::open(path) {
        Ok(file) => for_each_entry_in(path, file, &[], limits, f),
        Err(e) => Err(ArchiveError {
            archive: path.to_path_buf(),
            entry: None,
            kind: ArchiveErrorKind::Io(e),
            stats: Box::default(),
        }),
    }
}

/// [`for_each_entry`] on the archive at `path` already open as `file`, whose first bytes,
/// `read`, were taken from it already: a gzip stream may come from a pipe, which cannot be read
/// again. A zip archive, read from its end, must be a file.
pub fn for_each_entry_in(
    path: &Path,
    mut file: File,
    read: &[u8],
    limits: &ArchiveLimits,
    f: &(dyn Fn(ArchiveEntry) + Sync),
) -> Result<ArchiveStats, ArchiveError> {
    let fail = |entry, kind, stats| ArchiveError {
        archive: path.to_path_buf(),
        entry,
        kind,
        stats: Box::new(stats),
    };
    let mut head = read.to_vec();
    if head.len() < 4 {
        let have = head.len();
        head.resize(4, 0);
        let n = read_full(&mut file, &mut head[have..])
            .map_err(|e| fail(None, ArchiveErrorKind::Io(e), ArchiveStats::default()))?;
        head.truncate(have + n);
    }
    let Some(kind) = sniff(&head) else {
        return Err(fail(
            None,
            ArchiveErrorKind::NotAnArchive,
            ArchiveStats::default(),
        ));
    };
    if kind == ArchiveKind::Zip {
        file.rewind().map_err(|e| {
            let e = io::Error::new(
                e.kind(),
                format!("a zip archive is read from its end, so it must be a file: {e}"),
            );
            fail(None, ArchiveErrorKind::Io(e), ArchiveStats::default())
        })?;
    }

    let workers = rayon::current_num_threads().max(1);
    let (tx, rx) = crossbeam_channel::bounded::<ArchiveEntry>(workers * 2);
    let single_name = single_entry_name(path);

    let (stats, failure) = std::thread::scope(|ts| {
        // Decompression runs on its own thread, outside the rayon pool, so that the workers
        // blocked on the channel can never starve it, even when the caller is itself a rayon
        // task.
        let reader = ts.spawn(move || {
            let mut stats = ArchiveStats::default();
            let res = match kind {
                ArchiveKind::Gzip => {
                    // A gzip stream goes on from the bytes already read; the file's bytes are
                    // counted, and its end noted, to tell where a stream cut short ends.
                    let (read, ended) = (Rc::new(Cell::new(head.len() as u64)), Rc::default());
                    let file = Tail {
                        inner: file,
                        read: read.clone(),
                        ended: Rc::clone(&ended),
                    };
                    let res = read_gzip(
                        io::Cursor::new(head).chain(file),
                        &single_name,
                        limits,
                        &tx,
                        &mut stats,
                    );
                    stats.stopped.streamed = true;
                    stats.stopped.file_bytes = read.get();
                    stats.stopped.file_ended = ended.get();
                    res
                }
                ArchiveKind::Zip => read_zip(file, limits, &tx, &mut stats),
            };
            if res.is_err() {
                stats.stopped.entries_before =
                    stats.entries + stats.skipped + stats.unreadable_count();
            }
            (stats, res.err())
        });
        rayon::scope(move |s| {
            for _ in 0..workers {
                let rx = rx.clone();
                s.spawn(move |_| {
                    for entry in rx {
                        f(entry);
                    }
                });
            }
            // Only the workers hold receivers now: should they all die, the reader's sends fail
            // and it stops instead of blocking.
            drop(rx);
        });
        match reader.join() {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    match failure {
        None => Ok(stats),
        Some((entry, kind)) => Err(fail(entry, kind, stats)),
    }
}

/// The name of the only entry of a plain gzip: the file name without `.gz`.
fn single_entry_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| crate::text::sanitize::display_bytes(n.as_encoded_bytes()).into_owned())
        .unwrap_or_default();
    for ext in [".gz", ".gzip", ".GZ"] {
        if let Some(stem) = name.strip_suffix(ext)
            && !stem.is_empty()
        {
            return stem.to_string();
        }
    }
    name
}

fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The archive's file as a gzip stream reads it: the bytes read so far, and whether its end was
/// reached, in cells the reading thread looks at once reading stopped.
struct Tail<R> {
    inner: R,
    read: Rc<Cell<u64>>,
    ended: Rc<Cell<bool>>,
}

impl<R: Read> Read for Tail<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        if n == 0 && !buf.is_empty() {
            self.ended.set(true);
        }
        Ok(n)
    }
}

/// Counts the bytes read through it, in a cell the reading thread looks at, and fails once past
/// `limit`: the bytes coming out of an archive's decompressor, held to the total limit; or those
/// a compressed corpus file gives its decompressor (no limit), its reading progress.
pub(crate) struct Counting<R> {
    pub(crate) inner: R,
    pub(crate) count: Rc<Cell<u64>>,
    pub(crate) limit: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.count.get() > self.limit {
            return Err(io::Error::other("total decompressed size over the limit"));
        }
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        if self.count.get() > self.limit {
            return Err(io::Error::other("total decompressed size over the limit"));
        }
        Ok(n)
    }
}

/// Whether a 512-byte block is a tar header: the `ustar` magic, or (old v7 archives) a valid
/// header checksum.
pub(crate) fn is_tar_header(block: &[u8]) -> bool {
    if block.len() < 512 {
        return false;
    }
    if &block[257..262] == b"ustar" {
        return true;
    }
    if block.iter().all(|b| *b == 0) {
        return false;
    }
    let field = &block[148..156];
    let digits: String = field
        .iter()
        .take_while(|b| **b != 0 && **b != b' ')
        .map(|b| *b as char)
        .skip_while(|c| *c == ' ')
        .collect();
    let Ok(stored) = u32::from_str_radix(digits.trim(), 8) else {
        return false;
    };
    let sum: u32 = block[..148]
        .iter()
        .chain(&block[156..512])
        .map(|b| *b as u32)
        .sum::<u32>()
        + 8 * 32;
    sum == stored
}

fn read_gzip(
    file: impl Read,
    single_name: &str,
    limits: &ArchiveLimits,
    tx: &crossbeam_channel::Sender<ArchiveEntry>,
    stats: &mut ArchiveStats,
) -> Result<(), Failure> {
    let count = Rc::new(Cell::new(0u64));
    let res = read_gzip_counted(file, single_name, limits, tx, stats, &count);
    if res.is_err() {
        stats.stopped.content_bytes = count.get();
    }
    res
}

/// [`read_gzip`], the bytes of content read counted in `count`.
fn read_gzip_counted(
    file: impl Read,
    single_name: &str,
    limits: &ArchiveLimits,
    tx: &crossbeam_channel::Sender<ArchiveEntry>,
    stats: &mut ArchiveStats,
    count: &Rc<Cell<u64>>,
) -> Result<(), Failure> {
    let mut stream = Counting {
        inner: flate2::read::MultiGzDecoder::new(BufReader::with_capacity(256 << 10, file)),
        count: count.clone(),
        limit: limits.max_total_bytes,
    };
    let io_failure = |entry: Option<String>, e: io::Error| -> Failure {
        if count.get() > limits.max_total_bytes {
            (
                entry,
                ArchiveErrorKind::TotalTooLarge(limits.max_total_bytes),
            )
        } else {
            (entry, ArchiveErrorKind::Corrupt(e.to_string()))
        }
    };

    // Peek at the first block to tell a tar from a plain gzipped file.
    let mut head = vec![0u8; 512];
    let n = read_full(&mut stream, &mut head).map_err(|e| io_failure(None, e))?;
    head.truncate(n);
    if n == 512 && is_tar_header(&head) {
        return read_tar(
            io::Cursor::new(head).chain(stream),
            limits,
            tx,
            stats,
            &io_failure,
        );
    }
    if n == 512 && head.iter().all(|b| *b == 0) {
        // An empty tar is only zero blocks (GNU tar pads to 10 KiB); anything longer is read
        // as a plain file, which the caller will find unreadable.
        let mut more = vec![0u8; 20 << 10];
        let m = read_full(&mut stream, &mut more).map_err(|e| io_failure(None, e))?;
        more.truncate(m);
        if m < 20 << 10 && more.iter().all(|b| *b == 0) {
            return Ok(());
        }
        head.extend_from_slice(&more);
    }

    // A plain gzipped file: one entry.
    stats_entries_check(1, limits)?;
    let mut bytes = head;
    let limit = limits.max_entry_bytes;
    let already = bytes.len() as u64;
    if already <= limit {
        stats.stopped.inside = Some(single_name.to_string());
        (&mut stream)
            .take(limit + 1 - already)
            .read_to_end(&mut bytes)
            .map_err(|e| io_failure(Some(single_name.to_string()), e))?;
        stats.stopped.inside = None;
    }
    if bytes.len() as u64 > limit {
        stats.unreadable(
            single_name.to_string(),
            format!("larger than the {} limit per entry", human(limit)),
        );
        return Ok(());
    }
    stats.entries += 1;
    stats.bytes += bytes.len() as u64;
    let _ = tx.send(ArchiveEntry {
        name: single_name.to_string(),
        bytes,
    });
    Ok(())
}

/// Why an entry whose header declares `size` bytes is not read, when that is over the limit
/// per entry (of a tar or a zip archive).
fn declared_too_large(size: u64, limits: &ArchiveLimits) -> Option<String> {
    (size > limits.max_entry_bytes).then(|| {
        format!(
            "{size} bytes, larger than the {} limit per entry",
            human(limits.max_entry_bytes)
        )
    })
}

fn stats_entries_check(seen: u64, limits: &ArchiveLimits) -> Result<(), Failure> {
    if seen > limits.max_entries {
        Err((None, ArchiveErrorKind::TooManyEntries(limits.max_entries)))
    } else {
        Ok(())
    }
}

/// Most bytes reserved ahead for an entry from its declared size (a zip may lie about it); the
/// buffer grows past that as the data really comes.
const PREALLOC: u64 = 4 << 20;

/// Longest GNU long name or pax header read (they are held in memory).
const MAX_META_ENTRY: u64 = 1 << 20;

fn read_tar<R: Read>(
    stream: R,
    limits: &ArchiveLimits,
    tx: &crossbeam_channel::Sender<ArchiveEntry>,
    stats: &mut ArchiveStats,
    io_failure: &dyn Fn(Option<String>, io::Error) -> Failure,
) -> Result<(), Failure> {
    // Whether the content ended while the tar reader asked for more: the entries then ended at
    // the end of the content rather than at the zero blocks that close a tar archive.
    let ended = Rc::new(Cell::new(false));
    let mut archive = tar::Archive::new(Tail {
        inner: stream,
        read: Rc::default(),
        ended: ended.clone(),
    });
    let mut seen = 0u64;
    let mut last: Option<String> = None;
    {
        // Raw iteration: GNU long names and pax paths are read here, with a size cap, rather
        // than by the tar crate, which would hold any size in memory.
        let entries = archive
            .entries()
            .map_err(|e| io_failure(None, e))?
            .raw(true);
        let mut long_name: Option<Vec<u8>> = None;
        let mut pax_path: Option<Vec<u8>> = None;
        let mut pax_size: Option<Option<u64>> = None;
        for entry in entries {
            let mut entry = entry.map_err(|e| io_failure(last.clone(), e))?;
            seen += 1;
            stats_entries_check(seen, limits).map_err(|(_, k)| (last.clone(), k))?;
            let entry_type = entry.header().entry_type();
            let size = entry.size();
            match entry_type {
                tar::EntryType::GNULongName | tar::EntryType::XHeader => {
                    if size > MAX_META_ENTRY {
                        return Err((
                            last,
                            ArchiveErrorKind::Corrupt(format!(
                                "a {size}-byte long-name or pax header"
                            )),
                        ));
                    }
                    let mut buf = Vec::with_capacity(size as usize);
                    entry
                        .read_to_end(&mut buf)
                        .map_err(|e| io_failure(last.clone(), e))?;
                    if entry_type == tar::EntryType::GNULongName {
                        while buf.last() == Some(&0) {
                            buf.pop();
                        }
                        long_name = Some(buf);
                    } else {
                        for ext in tar::PaxExtensions::new(&buf).flatten() {
                            match ext.key() {
                                Ok("path") => pax_path = Some(ext.value_bytes().to_vec()),
                                Ok("size") => {
                                    pax_size = Some(ext.value().ok().and_then(|v| v.parse().ok()))
                                }
                                _ => {}
                            }
                        }
                    }
                    continue;
                }
                tar::EntryType::XGlobalHeader | tar::EntryType::GNULongLink => continue,
                _ => {}
            }
            if let Some(declared) = pax_size.take()
                && declared != Some(size)
            {
                // The tar crate's raw mode reads the header's size; a different pax size (an
                // entry over 8 GiB, far over any entry limit) would misalign the stream.
                return Err((
                    last,
                    ArchiveErrorKind::Corrupt("pax size differs from the header's size".into()),
                ));
            }
            let raw_name = pax_path
                .take()
                .or(long_name.take())
                .unwrap_or_else(|| entry.path_bytes().into_owned());
            let name = crate::text::sanitize::display_bytes(&raw_name).into_owned();
            last = Some(name.clone());
            if !(entry_type.is_file() || entry_type.is_contiguous()) {
                stats.skipped += 1;
                continue;
            }
            if let Some(why) = declared_too_large(size, limits) {
                stats.unreadable(name, why);
                continue;
            }
            let mut bytes = Vec::with_capacity(size.min(PREALLOC) as usize);
            stats.stopped.inside = Some(name.clone());
            (&mut entry)
                .take(limits.max_entry_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| io_failure(last.clone(), e))?;
            if (bytes.len() as u64) < size {
                return Err((
                    last,
                    ArchiveErrorKind::Corrupt(format!(
                        "entry cut short ({} of {size} bytes)",
                        bytes.len()
                    )),
                ));
            }
            stats.stopped.inside = None;
            stats.entries += 1;
            stats.bytes += bytes.len() as u64;
            if tx.send(ArchiveEntry { name, bytes }).is_err() {
                return Ok(());
            }
        }
    }
    // A tar archive ends with zero blocks, which every writer puts there: one whose content
    // ends at an entry's end without them was cut there (a tar cut short, then compressed),
    // its further entries lost. The reader takes the end of the content for the end of the
    // archive: said here.
    if ended.get() && last.is_some() {
        return Err((last, ArchiveErrorKind::Unended));
    }
    // Read what follows the end-of-archive blocks so that the gzip trailer (CRC, length) is
    // checked: a stream cut in its padding is still reported.
    io::copy(&mut archive.into_inner(), &mut io::sink())
        .map_err(|e| io_failure(last.clone(), e))?;
    Ok(())
}

fn read_zip(
    file: File,
    limits: &ArchiveLimits,
    tx: &crossbeam_channel::Sender<ArchiveEntry>,
    stats: &mut ArchiveStats,
) -> Result<(), Failure> {
    let mut zip = zip::ZipArchive::new(BufReader::with_capacity(256 << 10, file))
        .map_err(|e| (None, ArchiveErrorKind::Corrupt(e.to_string())))?;
    let len = zip.len() as u64;
    stats_entries_check(len, limits)?;
    let mut total = 0u64;
    // The bytes each entry read so far takes in the file, from its local header to the end of
    // its data, by start: entries of a sound archive never share any (a crafted one makes
    // thousands of entries of one deflate stream, each inflated again, within the size limits).
    let mut spans: std::collections::BTreeMap<u64, (u64, String)> = Default::default();
    for i in 0..zip.len() {
        let index_name = zip
            .name_for_index(i)
            .and_then(|n| n.ok())
            .map(|n| n.into_owned())
            .unwrap_or_else(|| format!("#{i}"));
        let mut zf = match zip.by_index(i) {
            Ok(z) => z,
            Err(e) => {
                stats.unreadable(index_name, e.to_string());
                continue;
            }
        };
        let name = match zf.name() {
            Ok(n) => n.into_owned(),
            Err(_) => crate::text::sanitize::display_bytes(zf.name_raw()).into_owned(),
        };
        if zf.is_dir() || zf.is_symlink() || !zf.is_file() {
            stats.skipped += 1;
            continue;
        }
        let start = zf.header_start();
        let end = zf
            .data_start()
            .unwrap_or(start)
            .saturating_add(zf.compressed_size())
            .max(start + 1);
        let before = spans.range(..=start).next_back();
        let after = spans.range(start..).next();
        if let Some((_, (_, other))) = before
            .filter(|(_, (e, _))| *e > start)
            .or(after.filter(|(s, _)| **s < end))
        {
            return Err((
                Some(name),
                ArchiveErrorKind::Corrupt(format!(
                    "its data overlaps that of the entry {other}: entries of a zip archive \
                     never share bytes, those of a zip bomb do"
                )),
            ));
        }
        spans.insert(start, (end, name.clone()));
        let declared = zf.size();
        if let Some(why) = declared_too_large(declared, limits) {
            stats.unreadable(name, why);
            continue;
        }
        let mut bytes = Vec::with_capacity(declared.min(PREALLOC) as usize);
        let res = (&mut zf)
            .take(limits.max_entry_bytes + 1)
            .read_to_end(&mut bytes);
        total += bytes.len() as u64;
        if total > limits.max_total_bytes {
            return Err((
                Some(name),
                ArchiveErrorKind::TotalTooLarge(limits.max_total_bytes),
            ));
        }
        if let Err(e) = res {
            stats.unreadable(name, format!("cannot decompress: {e}"));
            continue;
        }
        if bytes.len() as u64 > limits.max_entry_bytes {
            stats.unreadable(
                name,
                format!(
                    "larger than the {} limit per entry (declared {declared} bytes)",
                    human(limits.max_entry_bytes)
                ),
            );
            continue;
        }
        stats.entries += 1;
        stats.bytes += bytes.len() as u64;
        if tx.send(ArchiveEntry { name, bytes }).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic_bytes() {
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Some(ArchiveKind::Gzip));
        assert_eq!(sniff(b"PK\x03\x04"), Some(ArchiveKind::Zip));
        assert_eq!(sniff(b"PK\x05\x06"), Some(ArchiveKind::Zip));
        assert_eq!(sniff(b"<?xm"), None);
    }

    #[test]
    fn tar_headers_are_recognised() {
        let mut h = tar::Header::new_old();
        h.set_path("a.xml").unwrap();
        h.set_size(3);
        h.set_cksum();
        assert!(is_tar_header(h.as_bytes()), "v7 header by checksum");
        let mut g = tar::Header::new_gnu();
        g.set_path("a.xml").unwrap();
        g.set_cksum();
        assert!(is_tar_header(g.as_bytes()));
        assert!(!is_tar_header(&[0u8; 512]));
        let mut xml = b"<?xml version=\"1.0\"?>".to_vec();
        xml.resize(512, b' ');
        assert!(!is_tar_header(&xml));
    }

    #[test]
    fn missing_or_unknown_files_are_errors() {
        let e = for_each_entry(
            Path::new("/nonexistent/x.tar.gz"),
            &ArchiveLimits::default(),
            &|_| {},
        )
        .unwrap_err();
        assert!(matches!(e.kind, ArchiveErrorKind::Io(_)));
        assert!(e.to_string().starts_with("/nonexistent/x.tar.gz: "), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.tar.gz");
        std::fs::write(&p, b"<xml/>").unwrap();
        let e = for_each_entry(&p, &ArchiveLimits::default(), &|_| {}).unwrap_err();
        assert!(matches!(e.kind, ArchiveErrorKind::NotAnArchive), "{e}");
    }

    #[test]
    fn single_gzip_entry_is_named_after_the_file() {
        assert_eq!(single_entry_name(Path::new("d/x.xml.gz")), "x.xml");
        assert_eq!(single_entry_name(Path::new("d/blob")), "blob");
    }
}
