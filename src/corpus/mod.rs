//! The reuser's corpus: files or folders of JSON Lines, JSON arrays or single JSON objects
//! (SPEC §1.2), plain or gzip-compressed. Files are read in large blocks split at record boundaries, so that records can be
//! parsed and checked in parallel while the next block is read; nothing needs the whole corpus in
//! memory. Every line or JSON value is accounted for: a record, or an unreadable item (IN001)
//! with its file, line, column and reason.

mod json;
pub mod mapping;

use crate::error::InputError;
use crate::model::{Record, TextFormat};
use crate::text::sanitize::Shown;
pub use mapping::Mapping;
use mapping::Segment;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How many buffers of blocks done with may wait to go back to a reader (see [`Spares`]):
/// enough for the blocks that may be in flight at once, so that none is freed only for the
/// reader to take fresh pages for a later block, which the kernel zeroes and faults in. With room
/// for 2, 51 of the 130 blocks (of 8 MiB then) of the benchmark's 500 MB audit took fresh pages
/// (a few percent of its time); with 8, the 22 of the start of each file and of the first,
/// shorter blocks. Waiting buffers hold at most this many blocks: 16 MiB, within the cache.
pub const SPARE_BUFFERS: usize = 8;

/// Buffers of blocks done with, for the readers to fill again ([`read_file_recycling`]). One
/// pool serves an audit's reference readers and then its corpus reader, which so starts with
/// buffers whose pages are already there: at 100 MB, faulting in fresh pages took the corpus
/// reader half of its time while the workers waited for its first blocks.
#[derive(Debug, Clone)]
pub struct Spares {
    tx: crossbeam_channel::Sender<Vec<u8>>,
    rx: crossbeam_channel::Receiver<Vec<u8>>,
    /// The size of a block. Buffers smaller than this (those of the first, shorter blocks of a
    /// file) are not kept: growing one to a block costs as much as a new one. Nor are those
    /// more than twice as large (a file read whole, a buffer grown for an over-long line): kept,
    /// they would hold their memory to the end of the audit, to be filled a block at a time.
    block_bytes: usize,
}

impl Spares {
    /// A pool of [`SPARE_BUFFERS`] buffers of one block, `block_bytes`, or a little more.
    pub fn new(block_bytes: usize) -> Spares {
        let (tx, rx) = crossbeam_channel::bounded(SPARE_BUFFERS);
        Spares {
            tx,
            rx,
            block_bytes,
        }
    }

    /// Hands a buffer back, if it is about a block (from one to two) and the pool is not full.
    pub fn give(&self, buffer: Vec<u8>) {
        if (self.block_bytes..=2 * self.block_bytes).contains(&buffer.capacity()) {
            let _ = self.tx.try_send(buffer);
        }
    }

    /// Where a reader takes them from.
    pub fn receiver(&self) -> &crossbeam_channel::Receiver<Vec<u8>> {
        &self.rx
    }
}

/// The default [`Limits::max_document_bytes`]: a Judilibre page of 1,000 decisions is some
/// 50 MB.
pub const DOCUMENT_BYTES: u64 = 256 << 20;

/// Limits that keep hostile corpora from exhausting memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest record (a JSON Lines line or an array element), in bytes.
    pub max_record_bytes: usize,
    /// Largest single-object file, read whole: one record, one decision, or a page of results
    /// whose `results` the head does not show. Its bytes are counted as read, inflated when the
    /// file is compressed (a 2 MB gzip file may hold a 2 GiB object).
    pub max_document_bytes: u64,
    /// Size of the blocks JSON Lines files are read in.
    pub block_bytes: usize,
    /// A file that is one JSON object holding a `results` array (a Judilibre `/export` or
    /// `/search` page) is read as that array, its decisions one item each, block by block,
    /// rather than whole: for the reference. A corpus record is never such a page.
    pub pages: bool,
    /// A gzip-compressed file may expand to at most this many times the compressed bytes read
    /// so far, once past `gzip_floor_bytes`: DEFLATE reaches a thousand to one on repeated
    /// bytes, JSON decisions four to ten. A decompression bomb is stopped rather than read for
    /// hours.
    pub gzip_ratio: u64,
    /// Decompressed bytes under which no ratio is too high: records repeated from one line to
    /// the next compress hundreds of times too, and a bomb costs time, not memory (records and
    /// documents are held to their own limits).
    pub gzip_floor_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_record_bytes: 64 << 20,
            max_document_bytes: DOCUMENT_BYTES,
            // 2 MiB rather than 8: the buffers the readers fill again then stay in the
            // processor's caches (8 spare buffers of 2 MiB fit a 32 MiB L3), so both the copy
            // from the page cache and the parse that follows read warm memory. At 500 MB, an
            // audit took 1.08 s rather than 1.12 (`--jobs 2`, median of 5), and 80 MB at its
            // peak rather than 129; at 100 MB, 0.23 s rather than 0.25 and 45 MB rather than 94.
            block_bytes: 2 << 20,
            pages: false,
            gzip_ratio: 100,
            gzip_floor_bytes: 16 << 30,
        }
    }
}

impl Limits {
    /// Files under this size are read whole, where they are wanted, rather than streamed block
    /// by block through a reader thread: in a folder of one record (or one decision) per file,
    /// a thread and a hand-over for each file would cost more than reading it.
    pub fn small_file_bytes(&self) -> usize {
        self.block_bytes / 2
    }

    /// The size of the `nth` block of a file (from 0): 1 MiB, then twice as large each time up
    /// to [`Limits::block_bytes`]. No worker has anything to do until the first block of the
    /// run is read: the sooner it comes, the sooner every core is at work.
    pub fn ramped_block_bytes(&self, nth: u32) -> usize {
        self.block_bytes
            .min((1usize << 20).saturating_mul(1 << nth.min(30)))
    }
}

/// One corpus file to read.
#[derive(Debug, Clone, Default)]
pub struct CorpusFile {
    pub path: PathBuf,
    /// The name shown in reports.
    pub name: String,
    pub len: u64,
    /// Found in a corpus folder, not named on the command line: one of vigie's own reports
    /// there is left unread ([`is_vigie_file`]), not read as records.
    pub in_folder: bool,
}

/// A file or folder entry that could not be read at all.
#[derive(Debug, Clone)]
pub struct UnreadableFile {
    pub name: String,
    pub reason: String,
    /// What identifies it whatever the spelling of the argument that reached it
    /// ([`Expanded::keys`]).
    pub key: String,
}

/// The file extensions read inside folders (a file named explicitly is always read).
const CORPUS_EXTENSIONS: &[&str] = &["jsonl", "json", "ndjson", "jsonlines"];

/// Whether a file is named as gzip-compressed (`.gz`). What is read as compressed is told by the
/// content; the name only tells a small file, whose content may be large, ahead of reading it.
pub fn is_gzip_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Whether a file inside a folder is read: a JSON extension, gzip-compressed or not
/// (`records.jsonl`, `records.jsonl.gz`).
pub fn is_corpus_name(path: &Path) -> bool {
    let ext = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| CORPUS_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
    };
    if is_gzip_name(path) {
        ext(Path::new(path.file_stem().unwrap_or_default()))
    } else {
        ext(path)
    }
}

/// Whether a folder walk from `folder` would list `file` to be read (both canonical paths): it
/// lies under it, behind no hidden name, and is named as a corpus file ([`is_corpus_name`]).
pub fn walk_reads(folder: &Path, file: &Path) -> bool {
    file.strip_prefix(folder).is_ok_and(|rel| {
        !rel.as_os_str().is_empty()
            && rel
                .components()
                .all(|c| !c.as_os_str().as_encoded_bytes().starts_with(b"."))
    }) && is_corpus_name(file)
}

/// The corpus argument that stands for standard input.
pub const STDIN: &str = "-";
/// Its name in reports and messages (`-` would become `'-` in CSV, as any cell starting with
/// `-`).
pub const STDIN_NAME: &str = "(standard input)";

/// The file standard input is read from (elsewhere than on Unix, a file named `-`).
fn stdin_path() -> PathBuf {
    PathBuf::from(if cfg!(unix) { "/dev/stdin" } else { STDIN })
}

/// The corpus files an audit reads, from its arguments.
#[derive(Debug, Default)]
pub struct Expanded {
    pub files: Vec<CorpusFile>,
    /// For each of `files`, what identifies it whatever the spelling of the argument that
    /// reached it (`corpus/c.jsonl`, `./corpus/c.jsonl`, `/srv/corpus/c.jsonl`, or its folder):
    /// its canonical path, which the fingerprint of a finding without a record id takes.
    pub keys: Vec<String>,
    /// Entries of folders that could not be read (each an IN001).
    pub unreadable: Vec<UnreadableFile>,
    /// Entries of folders skipped, hidden or for their extension, to be told: not silently left
    /// out.
    pub skipped: Vec<String>,
    /// Corpus files and folders given more than once (`a.jsonl ./a.jsonl`, or a folder and a
    /// file inside it), read once: how each was reached again, and how it was read.
    pub repeated: Vec<Repeated>,
    /// Files of corpus folders that this run reads or writes for itself (`--output`,
    /// `--previous`, `--waivers`: [`expand`]'s `own`), left unread.
    pub own_files: Vec<String>,
}

/// How an input (a corpus or reference file or folder) was reached: given by name on the
/// command line, or through a folder given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached {
    /// The name it was listed under (the argument, or the folder's path joined with its own).
    pub name: String,
    /// The folder argument it was listed through, as given; `None` when given by name.
    pub through: Option<String>,
}

impl Reached {
    /// Given by name on the command line.
    pub fn given(name: impl Into<String>) -> Reached {
        Reached {
            name: name.into(),
            through: None,
        }
    }

    /// Listed through the folder argument `folder`.
    pub fn through(name: impl Into<String>, folder: impl Into<String>) -> Reached {
        Reached {
            name: name.into(),
            through: Some(folder.into()),
        }
    }
}

/// An input reached a second time and read once: how it was reached again, and how it was
/// reached when read. The warning names both ways, so that the command line can be put right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    pub again: Reached,
    pub first: Reached,
}

impl Repeated {
    pub fn new(again: Reached, first: Reached) -> Repeated {
        Repeated { again, first }
    }

    /// The warning's line, each name through `show` (made safe for a terminal):
    /// `corpus/c.jsonl, given by name: already read through the folder corpus`;
    /// `./c.jsonl, given by name: already read as c.jsonl, given by name`; `c.jsonl: given
    /// twice by the same name`.
    pub fn describe(&self, show: impl Fn(&str) -> String) -> String {
        let (again, first) = (&self.again, &self.first);
        if again == first {
            return format!(
                "{}: given more than once by the same name",
                show(&again.name)
            );
        }
        let how_again = match &again.through {
            None => format!("{}, given by name", show(&again.name)),
            Some(f) => format!("{}, in the folder {}", show(&again.name), show(f)),
        };
        let how_first = match &first.through {
            None => format!("already read as {}, given by name", show(&first.name)),
            Some(f) if first.name == again.name => {
                format!("already read through the folder {}", show(f))
            }
            Some(f) => format!(
                "already read through the folder {}, as {}",
                show(f),
                show(&first.name)
            ),
        };
        format!("{how_again}: {how_first}")
    }
}

/// What identifies a file whatever the name it is reached by (`a.jsonl`, `./a.jsonl`, a link):
/// its device and inode on Unix, its canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileId {
    Inode(u64, u64),
    Path(PathBuf),
}

impl FileId {
    /// The identity of the file at `path`, whose metadata (links followed) is `meta`.
    pub fn of(path: &Path, meta: &std::fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            Some(FileId::Inode(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            std::fs::canonicalize(path).ok().map(FileId::Path)
        }
    }

    /// The identity of the file at `path`, if it exists.
    pub fn of_path(path: &Path) -> Option<FileId> {
        FileId::of(path, &std::fs::metadata(path).ok()?)
    }
}

/// The state of one expansion of the corpus arguments.
struct Walk<'a> {
    out: &'a mut Expanded,
    /// Folders read (canonical paths), with how they were reached: a symbolic link loop, or a
    /// folder given again, is read once.
    visited: std::collections::HashMap<PathBuf, Reached>,
    /// Files listed so far, with how each was reached.
    seen: std::collections::HashMap<FileId, Reached>,
    /// Files of this run's own (`--output`…), left unread when a folder holds them.
    own: std::collections::HashSet<FileId>,
    /// Folders met again inside a folder (a link to a folder read already).
    revisits: usize,
    /// The folder argument being read, as given.
    root: Option<PathBuf>,
}

impl Walk<'_> {
    /// The key of `path` ([`Expanded::keys`]): its canonical path (absolute, links and `..`
    /// resolved), the same however the argument that reached it was spelt, and told apart from
    /// a file of the same name in another folder; the name given when there is none (standard
    /// input, a path that cannot be resolved).
    fn key(&self, path: &Path, name: &str) -> String {
        match std::fs::canonicalize(path) {
            // Shown as vigie shows any path: two names not in UTF-8 stay two keys.
            Ok(real) if name != STDIN_NAME => real.shown().into_owned(),
            _ => name.to_string(),
        }
    }

    /// An entry of a folder that cannot be read.
    fn unreadable(&mut self, path: &Path, reason: String) {
        let name = path.shown().to_string();
        let key = self.key(path, &name);
        self.out
            .unreadable
            .push(UnreadableFile { name, reason, key });
    }

    /// Lists the file at `path` (named `name`, given by name or listed through the folder
    /// argument `through`) to be read, unless it was listed already (then noted in `repeated`)
    /// or is one of this run's own files met in a folder.
    fn add(
        &mut self,
        path: PathBuf,
        name: String,
        meta: &std::fs::Metadata,
        through: Option<&str>,
    ) {
        let in_folder = through.is_some();
        if let Some(id) = FileId::of(&path, meta) {
            if in_folder && self.own.contains(&id) {
                self.out.own_files.push(name);
                return;
            }
            let reached = Reached {
                name: name.clone(),
                through: through.map(str::to_string),
            };
            match self.seen.entry(id) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    self.out
                        .repeated
                        .push(Repeated::new(reached, first.get().clone()));
                    return;
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(reached);
                }
            }
        }
        let key = self.key(&path, &name);
        self.out.keys.push(key);
        self.out.files.push(CorpusFile {
            path,
            name,
            len: meta.len(),
            in_folder,
        });
    }
}

/// Expands the corpus arguments into files. The arguments are taken in the order of their
/// canonical paths (standard input last), whatever the order they were given in, so that the
/// report, which record of an id is its first (IN002) and the fingerprints do not depend on how
/// a command line lists them. Folders are read recursively, in name order, hidden entries and
/// files of other extensions skipped (and listed), symbolic link loops broken. A file or folder
/// reached twice (given by two names, or also through a folder given) is read once, and noted.
/// The files `own` names (the run's `--output`, `--previous`, `--waivers`) are left unread when
/// a folder holds them. A missing argument is an error, and so are folders that hold no corpus
/// file at all; an unreadable entry inside a folder is reported, not fatal.
pub fn expand(paths: &[PathBuf], own: &[PathBuf]) -> Result<Expanded, InputError> {
    if paths.is_empty() {
        return Err(InputError::new(
            Path::new("(corpus)"),
            "no corpus file or folder given",
        ));
    }
    let mut out = Expanded::default();
    let mut walk = Walk {
        out: &mut out,
        visited: Default::default(),
        seen: Default::default(),
        own: own.iter().filter_map(|p| FileId::of_path(p)).collect(),
        revisits: 0,
        root: None,
    };
    let mut sorted: Vec<(bool, PathBuf, &PathBuf)> = paths
        .iter()
        .map(|p| {
            let stdin = p.as_os_str() == STDIN;
            let key = if stdin {
                PathBuf::new()
            } else {
                std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())
            };
            (stdin, key, p)
        })
        .collect();
    // Stable: two names of one path keep their order, the first given being the one read.
    sorted.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    for (_, canonical, p) in sorted {
        // `-` is standard input, named so in the report.
        if p.as_os_str() == STDIN {
            let path = stdin_path();
            let meta = std::fs::metadata(&path).map_err(|e| InputError::io(p, e))?;
            walk.add(path, STDIN_NAME.to_string(), &meta, None);
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| InputError::io(p, e))?;
        if meta.is_dir() {
            if let Some(first) = walk.visited.get(&canonical) {
                let first = first.clone();
                let again = Reached::given(p.shown());
                walk.out.repeated.push(Repeated::new(again, first));
                continue;
            }
            let reached = |w: &Walk| {
                w.out.files.len() + w.out.unreadable.len() + w.out.repeated.len() + w.revisits
            };
            let (before, skipped_before) = (reached(&walk), walk.out.skipped.len());
            let (files_before, own_before) = (walk.out.files.len(), walk.out.own_files.len());
            walk.root = Some(p.clone());
            walk.walk(p, &p.shown());
            walk.root = None;
            // A folder named that yields no corpus file is an error, beside other paths as
            // alone: a sync that left it empty would have its records' breaches read as settled.
            // So is one whose files are all vigie's own (this run's `--output`, or the report
            // an earlier run left there), which reading would leave unread: found here, by
            // their start, rather than once the audit has run on the other paths.
            let new_files = &walk.out.files[files_before..];
            let only_vigie = reached(&walk) == before + new_files.len()
                && new_files.iter().all(|f| is_vigie_file_at(&f.path));
            if only_vigie {
                let vigie: Vec<String> = walk.out.own_files[own_before..]
                    .iter()
                    .cloned()
                    .chain(new_files.iter().map(|f| f.name.clone()))
                    .collect();
                return Err(no_corpus_file(
                    p,
                    &walk.out.skipped[skipped_before..],
                    &vigie,
                ));
            }
        } else {
            walk.add(p.clone(), p.shown().to_string(), &meta, None);
        }
    }
    if out.files.is_empty() && out.unreadable.is_empty() {
        return Err(no_corpus_file(&paths[0], &out.skipped, &out.own_files));
    }
    Ok(out)
}

/// The error for the corpus folder `path`, which yields no corpus file, `skipped` being the
/// entries of it left out for their names, and `vigie` its files that vigie wrote (reports and
/// waivers files), left unread: the message says which, so that the folder can be put right.
fn no_corpus_file(path: &Path, skipped: &[String], vigie: &[String]) -> InputError {
    let own = |n: usize| {
        if n == 1 {
            "a report or waivers file written by vigie, not records"
        } else {
            "reports or waivers files written by vigie, not records"
        }
    };
    let shown = match (skipped.len(), vigie.len()) {
        (0, 0) => "it holds no file".to_string(),
        (1, 0) => format!("its one file, {}, is not one", skipped[0]),
        (n, 0) => format!("none of its {n} files is (the first: {})", skipped[0]),
        (0, 1) => format!("its one file, {}, is {}", vigie[0], own(1)),
        (0, n) => format!("its {n} files are {} (the first: {})", own(n), vigie[0]),
        (k, n) => format!(
            "none of its {} files is: {n} {} {} (the first: {}), and {k} {} not named so (the \
             first: {})",
            k + n,
            if n == 1 { "is" } else { "are" },
            own(n),
            vigie[0],
            if k == 1 { "is" } else { "are" },
            skipped[0]
        ),
    };
    InputError::new(
        path,
        format!(
            "no corpus file found: vigie reads JSON files named .json, .jsonl, .ndjson or \
             .jsonlines (or those .gz) inside folders, but not hidden ones (a name starting \
             with a dot) nor the reports and waivers files it writes, and {shown}; give a file \
             by its name to read it whatever its name"
        ),
    )
}

/// Whether the file at `path` is one of vigie's own ([`is_vigie_file`]), told by its start as
/// reading it would tell it (the content of a gzip-compressed file); false when it cannot be
/// read, which reading it then says.
fn is_vigie_file_at(path: &Path) -> bool {
    const HEAD: u64 = 4096;
    let Ok(fh) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::new();
    let mut fh = std::io::BufReader::new(fh);
    if fh.by_ref().take(HEAD).read_to_end(&mut head).is_err() {
        return false;
    }
    if crate::source::archive::sniff(&head) == Some(crate::source::archive::ArchiveKind::Gzip) {
        let Ok(fh) = std::fs::File::open(path) else {
            return false;
        };
        let mut content = Vec::new();
        // What could be inflated: a stream cut short still shows its start.
        let _ = flate2::read::MultiGzDecoder::new(fh)
            .take(HEAD)
            .read_to_end(&mut content);
        return is_vigie_file(&content);
    }
    is_vigie_file(&head)
}

impl Walk<'_> {
    /// Lists the files of the folder `dir`, read through the argument `through`.
    fn walk(&mut self, dir: &Path, through: &str) {
        let canon = match std::fs::canonicalize(dir) {
            Ok(c) => c,
            Err(e) => {
                self.unreadable(dir, e.to_string());
                return;
            }
        };
        if self.visited.contains_key(&canon) {
            // A symbolic link loop: the folder was already read.
            self.revisits += 1;
            return;
        }
        // The folder argument itself is given by name; a folder inside it, reached through it.
        let name = dir.shown().to_string();
        let reached = if name == through {
            Reached::given(name)
        } else {
            Reached::through(name, through)
        };
        self.visited.insert(canon, reached);
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.unreadable(dir, format!("cannot list the folder: {e}"));
                return;
            }
        };
        // In name order: the names of one folder compare as the paths do, and faster.
        let mut names: Vec<(std::ffi::OsString, PathBuf)> = entries
            .filter_map(|e| e.ok().map(|e| (e.file_name(), e.path())))
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, path) in names {
            if name.as_encoded_bytes().starts_with(b".") {
                // Hidden: not read (a `.git` folder, an editor's backup), but told.
                self.out.skipped.push(path.shown().to_string());
                continue;
            }
            let is_json = is_corpus_name(&path);
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.walk(&path, through),
                // A named pipe would block the audit until someone wrote to it, and a device may
                // never end (`/dev/zero`): inside a folder, only regular files are read.
                Ok(m) if !m.is_file() => {
                    if is_json {
                        self.unreadable(
                            &path,
                            "not a regular file (a named pipe, a socket or a device): give it \
                             by its name to read it"
                                .to_string(),
                        );
                    } else {
                        self.out.skipped.push(path.shown().to_string());
                    }
                }
                Ok(m) => {
                    if is_json {
                        let name = path.shown().to_string();
                        self.add(path, name, &m, Some(through));
                    } else {
                        self.out.skipped.push(path.shown().to_string());
                    }
                }
                Err(e) => {
                    // A dangling link or an entry we may not read.
                    if is_json {
                        self.unreadable(&path, e.to_string());
                    }
                }
            }
        }
    }
}

/// Whether the start of a file (`head`, a few hundred bytes are enough) is one of vigie's own
/// files, as vigie writes them: a JSON report (an object whose first key is `vigie_report`, the
/// schema version), a JSON Lines report (a first line that is a finding,
/// `{"fingerprint":"<16 hex digits>","rule":"…`, or, when nothing was found, the summary,
/// `{"summary":{"verdict":"…`), or a waivers file (an object whose first key is a fingerprint,
/// whose value starts with `"status"`). None of them holds records: the lines of a report have
/// no `id`, and would each be an IN001. The CSV report, the notice and the text summary are
/// named `.csv`, `.md` and `.txt`, which folders are not read for.
pub fn is_vigie_file(head: &[u8]) -> bool {
    let b = &head[bom_len(head)..];
    let hex16 =
        |s: &[u8]| s.len() == 16 && s.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'));
    // The JSON Lines report, compact.
    if b.starts_with(b"{\"summary\":{\"verdict\":\"") {
        return true;
    }
    if let Some(rest) = b.strip_prefix(b"{\"fingerprint\":\"")
        && rest.len() > 16
        && hex16(&rest[..16])
        && rest[16..].starts_with(b"\",\"rule\":\"")
    {
        return true;
    }
    // An object's first key, and what follows its colon, whatever the white space.
    let ws = |from: usize| {
        from + b[from.min(b.len())..]
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
            .count()
    };
    let mut i = ws(0);
    if b.get(i) != Some(&b'{') {
        return false;
    }
    i = ws(i + 1);
    if b.get(i) != Some(&b'"') {
        return false;
    }
    let Some(len) = b[i + 1..].iter().take(32).position(|&c| c == b'"') else {
        return false;
    };
    let key = &b[i + 1..i + 1 + len];
    i = ws(i + len + 2);
    if b.get(i) != Some(&b':') {
        return false;
    }
    i = ws(i + 1);
    if key == b"vigie_report" {
        return b.get(i).is_some_and(u8::is_ascii_digit);
    }
    if hex16(key) && b.get(i) == Some(&b'{') {
        return b[ws(i + 1)..].starts_with(b"\"status\"");
    }
    false
}

/// The error of a file of a corpus folder that is one of vigie's own ([`is_vigie_file`]): it is
/// left unread, and told, rather than read as records that would each be an IN001.
#[derive(Debug)]
pub struct VigieFile;

impl std::fmt::Display for VigieFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a report or waivers file written by vigie, not records")
    }
}

impl std::error::Error for VigieFile {}

/// Whether reading a corpus file stopped because it is one of vigie's own ([`VigieFile`]).
pub fn is_vigie_file_error(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<VigieFile>())
}

/// One item of a block: the bytes of one record, or why it could not even be delimited.
#[derive(Debug, Clone)]
pub struct Item {
    pub line: u64,
    /// 1-based column where the item starts on its line.
    pub column: u64,
    /// Byte offset of the item in its file.
    pub offset: u64,
    pub kind: ItemKind,
}

impl Item {
    /// The line and column in the file of `(line, column)`, a place in the item's bytes (from
    /// 1, as [`RecordError`] and [`JsonError::place`] give them): on the item's first line,
    /// counted on from the item's column; on a later line, as it is.
    pub fn place_of(&self, (line, column): (u64, u64)) -> (u64, u64) {
        if line <= 1 {
            (self.line, self.column + column.saturating_sub(1))
        } else {
            (self.line + line - 1, column)
        }
    }
}

#[derive(Debug, Clone)]
pub enum ItemKind {
    /// Byte range of the item in the block's data.
    Bytes(usize, usize),
    /// The item cannot be read: the reason.
    Unreadable(String),
}

/// A block of a corpus file: data and the items in it.
#[derive(Debug, Default)]
pub struct Block {
    pub file: u32,
    /// Byte offset in the file of `data[0]`.
    pub start: u64,
    pub data: Vec<u8>,
    pub items: Vec<Item>,
    /// Bytes of the file this block accounts for (progress).
    pub bytes: u64,
}

impl Block {
    /// Where an item's bytes lie in the file: offset and length.
    pub fn item_place(&self, item: &Item) -> Option<(u64, u64)> {
        match item.kind {
            ItemKind::Bytes(a, b) => Some((self.start + a as u64, (b - a) as u64)),
            ItemKind::Unreadable(_) => None,
        }
    }

    pub fn item_bytes(&self, item: &Item) -> Option<&[u8]> {
        match item.kind {
            ItemKind::Bytes(a, b) => Some(&self.data[a..b]),
            ItemKind::Unreadable(_) => None,
        }
    }
}

/// How a corpus file is laid out, recognised from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Lines,
    /// JSON Lines whose lines end with a carriage return alone (as old Mac OS wrote them), or
    /// some of them: split at CR, LF and CRLF alike.
    CrLines,
    Array,
    Single,
    Empty,
    /// A page of results (`{"total": 2, "results": [...]}`), whose `results` array opens at this
    /// byte of the head.
    Page(usize),
}

/// Reads a corpus file block by block, calling `f` with each block in order.
pub fn read_file(
    file: &CorpusFile,
    index: u32,
    limits: &Limits,
    f: &mut dyn FnMut(Block) -> bool,
) -> std::io::Result<()> {
    read_file_recycling(file, index, limits, None, f)
}

/// [`read_file`], filling buffers handed back through `spare` (the `data` of blocks done with)
/// rather than new ones: a block is megabytes, and a new buffer costs fresh zeroed pages.
pub fn read_file_recycling(
    file: &CorpusFile,
    index: u32,
    limits: &Limits,
    spare: Option<&crossbeam_channel::Receiver<Vec<u8>>>,
    f: &mut dyn FnMut(Block) -> bool,
) -> std::io::Result<()> {
    let mut fh = std::fs::File::open(&file.path)?;
    let mut magic = [0u8; 4];
    let n = read_full(&mut fh, &mut magic)?;
    let magic = &magic[..n];
    use crate::source::archive::{self, ArchiveKind};
    match archive::sniff(magic) {
        Some(ArchiveKind::Gzip) => return read_gzip(fh, magic, file, index, limits, spare, f),
        Some(ArchiveKind::Zip) => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "a zip archive: vigie reads a corpus from JSON files, plain or \
                 gzip-compressed; unzip it and give the folder",
            ));
        }
        None => {}
    }
    if let Some(why) = wide_encoding(magic, false, "FILE.jsonl") {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, why));
    }
    // The other compressors a reuser's export may come in, by their magic bytes.
    let other = match magic {
        [0xFD, b'7', b'z', b'X', ..] => Some("xz"),
        [0x28, 0xB5, 0x2F, 0xFD, ..] => Some("zstd"),
        [b'B', b'Z', b'h', b'1'..=b'9', ..] => Some("bzip2"),
        _ => None,
    };
    if let Some(name) = other {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "compressed with {name}: vigie reads a corpus from JSON files, plain or \
                 gzip-compressed; decompress it, or give it through a pipe \
                 (`vigie <({name} -dc FILE)`)"
            ),
        ));
    }
    read_opened(fh, magic, file, index, limits, spare, f)
}

/// Why a file that starts with `head` cannot be read, if it is JSON in UTF-16 or UTF-32 (as some
/// Windows tools export it), told by its byte order mark or by the zero bytes beside its first
/// `{` or `[`: every line would otherwise be "invalid UTF-8", without saying why. The advice
/// names the exact encoding (`UTF-16LE`) where no byte order mark tells it: without one, `iconv`
/// takes `UTF-16` or `UTF-32` for big-endian (or the machine's order), which garbles the other.
/// UTF-32 is told first: its little-endian mark, `FF FE 00 00`, starts with UTF-16's.
/// `converted` names the file to convert it to, in the advice; with `gzip`, the file's content
/// is what is so encoded.
pub(crate) fn wide_encoding(head: &[u8], gzip: bool, converted: &str) -> Option<String> {
    let (name, order, iconv) = match head {
        [0xFF, 0xFE, 0, 0, ..] => ("UTF-32", "little-endian", "UTF-32"),
        [0, 0, 0xFE, 0xFF, ..] => ("UTF-32", "big-endian", "UTF-32"),
        [b'{' | b'[', 0, 0, 0, ..] => ("UTF-32", "little-endian", "UTF-32LE"),
        [0, 0, 0, b'{' | b'[', ..] => ("UTF-32", "big-endian", "UTF-32BE"),
        [0xFF, 0xFE, ..] => ("UTF-16", "little-endian", "UTF-16"),
        [0xFE, 0xFF, ..] => ("UTF-16", "big-endian", "UTF-16"),
        [b'{' | b'[', 0, ..] => ("UTF-16", "little-endian", "UTF-16LE"),
        [0, b'{' | b'[', ..] => ("UTF-16", "big-endian", "UTF-16BE"),
        _ => return None,
    };
    let convert = if gzip {
        format!("gunzip -c FILE | iconv -f {iconv} -t UTF-8 > {converted}")
    } else {
        format!("iconv -f {iconv} -t UTF-8 FILE > {converted}")
    };
    Some(format!(
        "encoded in {name} ({order}): vigie reads JSON in UTF-8; convert it (`{convert}`)"
    ))
}

/// Why an empty corpus file is an IN001.
const EMPTY_FILE: &str = "empty file: no record";
const EMPTY_ARRAY: &str = "empty JSON array: no record";
/// What the end of a file leaves unfinished in an array.
const ARRAY_NOT_CLOSED: &str = "the JSON array is not closed";
const ELEMENT_NOT_COMPLETE: &str = "the JSON array ends before this element is complete";

/// Decompressed data, with the line it has reached, held to [`Limits::gzip_ratio`]. A damaged
/// stream, or one that expands too much, ends there as if it were the end of the content, so
/// that the records before are read; why it ended is kept in `stopped`, to be told after them,
/// with whether it ended inside the content (damage, a bomb), which may cut the last record
/// short, or at the end of a part whose checksum does not match.
struct Inflating<R> {
    inner: R,
    /// Compressed bytes read from the file so far.
    compressed: std::rc::Rc<std::cell::Cell<u64>>,
    out: u64,
    lines: u64,
    /// [`Limits::gzip_ratio`] and [`Limits::gzip_floor_bytes`].
    ratio: u64,
    floor: u64,
    stopped: std::rc::Rc<std::cell::RefCell<Option<(String, bool)>>>,
}

impl<R: Read> Read for Inflating<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.stopped.borrow().is_some() {
            return Ok(0);
        }
        let n = match self.inner.read(buf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => return Err(e),
            Err(e) => {
                // A damaged member is mostly found only at its end, by its checksum: its
                // content, read already, may hold damaged text.
                *self.stopped.borrow_mut() = Some(if e.to_string().contains("checksum") {
                    (
                        format!(
                            "the gzip stream is damaged: the checksum of its part that ends at \
                             line {} of its content does not match; records were read from that \
                             part, but their text may be corrupt",
                            self.lines + 1
                        ),
                        false,
                    )
                } else {
                    (
                        format!(
                            "the gzip stream is damaged or cut short at line {} of its content \
                             ({e}); the records before it were read",
                            self.lines + 1
                        ),
                        true,
                    )
                });
                return Ok(0);
            }
        };
        self.out += n as u64;
        self.lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
        if self.out > self.floor && self.out > self.ratio.saturating_mul(self.compressed.get()) {
            *self.stopped.borrow_mut() = Some((
                format!(
                    "the gzip stream expands over {} times its size (at line {} of its \
                     content): not read further, as a decompression bomb; the records before \
                     were read",
                    self.ratio,
                    self.lines + 1
                ),
                true,
            ));
        }
        Ok(n)
    }
}

/// The members of a gzip file one after another, as `cat a.gz b.gz` makes them. Zero bytes
/// after a member (padding that some tools write) are skipped, as gzip itself does.
struct Members<R: std::io::BufRead> {
    member: Option<flate2::bufread::GzDecoder<R>>,
}

impl<R: std::io::BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let Some(member) = self.member.as_mut() else {
                return Ok(0);
            };
            let n = member.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // The end of a member: another one, padding, or the end of the file.
            let Some(member) = self.member.take() else {
                return Ok(0);
            };
            let mut rest = member.into_inner();
            loop {
                let b = rest.fill_buf()?;
                if b.is_empty() {
                    return Ok(0);
                }
                match b.iter().position(|&x| x != 0) {
                    None => {
                        let len = b.len();
                        rest.consume(len);
                    }
                    Some(i) => {
                        rest.consume(i);
                        self.member = Some(flate2::bufread::GzDecoder::new(rest));
                        break;
                    }
                }
            }
        }
    }
}

/// Reads a gzip-compressed corpus file (`corpus.jsonl.gz`), whose first bytes `magic` were read
/// already: its content is read as a corpus file is, lines and columns counted in the content
/// and offsets too; the blocks' progress is counted in compressed bytes, as the file's size is.
/// A tar or zip inside is an error: the records of an archive of files are not streamed.
pub(crate) fn read_gzip(
    fh: std::fs::File,
    magic: &[u8],
    file: &CorpusFile,
    index: u32,
    limits: &Limits,
    spare: Option<&crossbeam_channel::Receiver<Vec<u8>>>,
    f: &mut dyn FnMut(Block) -> bool,
) -> std::io::Result<()> {
    // The magic bytes count as read.
    let compressed = std::rc::Rc::new(std::cell::Cell::new(magic.len() as u64));
    let raw = std::io::Cursor::new(magic.to_vec()).chain(crate::source::archive::Counting {
        inner: fh,
        count: compressed.clone(),
        limit: u64::MAX,
    });
    let mut content = Inflating {
        inner: Members {
            member: Some(flate2::bufread::GzDecoder::new(
                std::io::BufReader::with_capacity(256 << 10, raw),
            )),
        },
        compressed: compressed.clone(),
        out: 0,
        lines: 0,
        ratio: limits.gzip_ratio,
        floor: limits.gzip_floor_bytes,
        stopped: Default::default(),
    };
    let stopped = content.stopped.clone();
    let mut head = vec![0u8; 512];
    let n = read_full(&mut content, &mut head)?;
    head.truncate(n);
    if let Some(why) = wide_encoding(&head, true, "FILE.jsonl") {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, why));
    }
    if n == 512 && crate::source::archive::is_tar_header(&head) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "a tar archive (.tar.gz): vigie reads a corpus from JSON files, plain or \
             gzip-compressed; unpack it and give the folder",
        ));
    }
    // Its content's size is not known: read as a pipe is.
    let inner = CorpusFile {
        len: 0,
        ..file.clone()
    };
    let mut counted = 0u64;
    // Each block is handed on when the next one comes, so that the last one can be told from
    // the others: the record a break cuts short is in it.
    let mut held: Option<Block> = None;
    let mut go_on = true;
    let res = read_opened(
        content,
        &head,
        &inner,
        index,
        limits,
        spare,
        &mut |mut block| {
            let now = compressed.get();
            block.bytes = now - counted;
            counted = now;
            if block.start == 0 && stopped.borrow().is_some() {
                // Content that is empty because the stream broke before any: the break is
                // the one thing to report, not an empty file as well.
                block
                    .items
                    .retain(|it| !matches!(&it.kind, ItemKind::Unreadable(m) if m == EMPTY_FILE));
            }
            if let Some(before) = held.replace(block) {
                go_on = f(before);
            }
            go_on
        },
    );
    let stop = stopped.take();
    if let Some(mut last) = held.take()
        && go_on
    {
        // A break inside the content that cut the last record short is told once, at that
        // record's place, rather than twice (the file's error, and the record's bad JSON).
        if let Some((why, true)) = &stop
            && mark_cut_short(&mut last, why)
        {
            f(last);
            return res;
        }
        f(last);
    }
    res?;
    match stop {
        Some((why, _)) => Err(std::io::Error::new(std::io::ErrorKind::InvalidData, why)),
        None => Ok(()),
    }
}

/// Makes the last item of `block`, the last block of a gzip stream that broke inside its
/// content, say `why` the stream broke, if that item is the record the break cut short: its
/// bytes run to the end of the content and are no JSON value, or it tells what the end of the
/// content left unfinished in an array. Whether it did.
fn mark_cut_short(block: &mut Block, why: &str) -> bool {
    let end = trim_end(&block.data, 0, block.data.len());
    let Some(item) = block.items.last_mut() else {
        return false;
    };
    let cut = match &item.kind {
        ItemKind::Bytes(a, b) => *b >= end && parse_json(&block.data[*a..*b]).is_err(),
        ItemKind::Unreadable(m) => m == ARRAY_NOT_CLOSED || m == ELEMENT_NOT_COMPLETE,
    };
    if cut {
        item.kind = ItemKind::Unreadable(why.to_string());
    }
    cut
}

/// [`read_file_recycling`] on `file` already open as `fh`, whose first bytes, `read`, were
/// taken from it already: a format sniffed on a pipe, which cannot be read again.
pub(crate) fn read_opened<R: Read>(
    mut fh: R,
    read: &[u8],
    file: &CorpusFile,
    index: u32,
    limits: &Limits,
    spare: Option<&crossbeam_channel::Receiver<Vec<u8>>>,
    f: &mut dyn FnMut(Block) -> bool,
) -> std::io::Result<()> {
    // The head is the whole of a file under a block (one byte more, to see its end): its block
    // then holds no more than the file. Of a larger file, or one of unknown size, 64 kB to tell
    // its layout.
    let head_len = match file.len as usize {
        n if 0 < n && n < limits.block_bytes => n + 1,
        _ => HEAD_BYTES,
    }
    .max(read.len());
    let mut head = vec![0u8; head_len];
    head[..read.len()].copy_from_slice(read);
    let n = read.len() + read_full(&mut fh, &mut head[read.len()..])?;
    // A short read is the end of the file: a small file is read whole, and its block holds no
    // more than it needs.
    let mut eof = n < head.len();
    head.truncate(n);
    // A report of an earlier run written inside a corpus folder holds no record: each of its
    // lines would be an IN001, more of them every night.
    if file.in_folder && is_vigie_file(&head) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            VigieFile,
        ));
    }
    // A file of known size may be read again from its start (a pipe cannot: see
    // `first_line_in_file`, which checks, only when it has to).
    let again = (file.len > 0).then_some(file.path.as_path());
    let layout = detect_layout(&mut head, &mut fh, &mut eof, file.len, limits, again)?;
    match layout {
        Layout::Empty => {
            f(Block {
                file: index,
                start: 0,
                data: Vec::new(),
                items: vec![Item {
                    line: 1,
                    column: 1,
                    offset: 0,
                    kind: ItemKind::Unreadable(EMPTY_FILE.into()),
                }],
                bytes: file.len,
            });
            Ok(())
        }
        Layout::Lines => read_lines(fh, head, eof, false, index, limits, spare, f),
        Layout::CrLines => read_lines(fh, head, eof, true, index, limits, spare, f),
        Layout::Array => read_array(fh, head, eof, None, index, limits, spare, f),
        Layout::Page(at) => read_array(fh, head, eof, Some(at), index, limits, spare, f),
        Layout::Single => {
            let mut data = head;
            if file.len > limits.max_document_bytes {
                f(Block {
                    file: index,
                    start: 0,
                    data: Vec::new(),
                    items: vec![Item {
                        line: 1,
                        column: 1,
                        offset: 0,
                        kind: ItemKind::Unreadable(format!(
                            "JSON document of {} bytes is over the limit of {} bytes",
                            file.len, limits.max_document_bytes
                        )),
                    }],
                    bytes: file.len,
                });
                return Ok(());
            }
            fh.read_to_end(&mut data)?;
            let bytes = data.len() as u64;
            let mut block = Block {
                file: index,
                start: 0,
                data,
                items: Vec::new(),
                bytes,
            };
            let (start, line, column) = skip_ws(&block.data, 0);
            let end = block.data.len();
            block.items.push(Item {
                line,
                column,
                offset: start as u64,
                kind: ItemKind::Bytes(start, end),
            });
            f(block);
            Ok(())
        }
    }
}

/// Reads into `buf` until it is full or the end is reached: how many bytes were read.
pub(crate) fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn bom_len(data: &[u8]) -> usize {
    if data.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    }
}

/// Skips a BOM and white space from `from`: the position reached, its line and column as an
/// editor shows them ([`editor_place`]; the BOM is no char of the first line).
fn skip_ws(data: &[u8], from: usize) -> (usize, u64, u64) {
    let bom = bom_len(data);
    let mut i = from.max(bom);
    while i < data.len() && data[i].is_ascii_whitespace() {
        i += 1;
    }
    let (line, column) = editor_place(&data[bom..], i - bom);
    (i, line, column)
}

/// The bytes of a file read to tell its layout, at least (a smaller file is read whole).
const HEAD_BYTES: usize = 64 * 1024;

/// The longest first line, opening with `[`, that is read to tell JSON Lines from an array
/// ([`detect_layout`]): a line of JSON Lines that long is rare, an array on one line is not.
const FIRST_LINE_BYTES: usize = 4 << 20;

/// The longest first line that a regular file is read again for, a chunk at a time, past
/// [`FIRST_LINE_BYTES`] (or the record limit, if larger): an array on one line costs that much
/// more reading, and no memory.
const FIRST_LINE_SCAN_BYTES: usize = 64 << 20;

/// Whether `head` starts with one complete JSON object spread over more than one line, and
/// another object spread over lines follows it on a later line: records pretty-printed one
/// after the other. (A first record spread over lines before compact ones is left to be read as
/// JSON Lines, which loses none of the others.)
fn followed_by_another_object(head: &[u8]) -> bool {
    let b = &head[bom_len(head)..];
    let mut values = serde_json::Deserializer::from_slice(b).into_iter::<serde::de::IgnoredAny>();
    if !matches!(values.next(), Some(Ok(_))) {
        return false;
    }
    let end = values.byte_offset();
    let (next, _, _) = skip_ws(b, end);
    if !(b[..end].contains(&b'\n') && b.get(next) == Some(&b'{') && b[end..next].contains(&b'\n')) {
        return false;
    }
    // The second spread over lines too, as far as the head shows it.
    match values.next() {
        Some(Ok(_)) => b[next..values.byte_offset()].contains(&b'\n'),
        Some(Err(e)) if e.is_eof() => b[next..].contains(&b'\n'),
        _ => false,
    }
}

/// The last line end of `b`, a buffer that more bytes follow: its last LF, or with `cr` (a file
/// whose lines may end with CR alone) its last CR or LF, but not a CR in its last byte, which
/// may be the first half of a CRLF.
fn last_line_end(b: &[u8], cr: bool) -> Option<usize> {
    if !cr {
        return memchr::memrchr(b'\n', b);
    }
    let p = memchr::memrchr2(b'\r', b'\n', b)?;
    if b[p] == b'\r' && p + 1 == b.len() {
        memchr::memrchr2(b'\r', b'\n', &b[..p])
    } else {
        Some(p)
    }
}

/// Whether the JSON value at `h[i]` is a whole line ended by a carriage return alone, with
/// something after it: records one per line in a file whose lines end with CR (old Mac OS). Such
/// a file is split at CR, LF and CRLF alike, as files joined from others may mix them. The
/// value must hold no line end of either kind: records spread over lines (pretty-printed) are not
/// lines. A first record longer than the head is told when the file is read on to see whether it
/// is one document ([`detect_layout`]); past `max_document_bytes` it is not (its line is then
/// one unreadable item, whose error says that it holds carriage returns).
fn ends_with_bare_cr(h: &[u8], i: usize) -> bool {
    let mut values =
        serde_json::Deserializer::from_slice(&h[i..]).into_iter::<serde::de::IgnoredAny>();
    if !matches!(values.next(), Some(Ok(_))) {
        return false;
    }
    let end = i + values.byte_offset();
    // Spaces or tabs may end the line, as they may end a line of JSON Lines.
    let cr_at = end
        + h[end..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
    !h[i..end].iter().any(|&b| b == b'\n' || b == b'\r')
        && h.get(cr_at) == Some(&b'\r')
        && h.get(cr_at + 1).is_some_and(|&b| b != b'\n')
        && h[cr_at..].iter().any(|b| !b.is_ascii_whitespace())
}

/// Tells the layout of a file from its `head`, the bytes read so far (the whole file when `eof`).
/// A file opening with `{` whose first line is not a whole JSON value is read on, from `fh`, in
/// chunks that double, until its bytes are one value spread over several lines (a document) or
/// cannot be: what is read joins `head`, since a pipe cannot be read again. A broken first
/// line of JSON Lines fails within the first chunk or two, so this holds no more than a
/// document, which is held whole anyway; each chunk parses the bytes again, so a document is
/// parsed at most twice over.
///
/// A file opening with `[` is a JSON array, unless its first line is a whole JSON value by its
/// brackets and more follows it: JSON Lines whose first line is an array (read as its elements,
/// see [`push_line`]), then lines each a record or an item of its own. The brackets
/// tell it, not a parse: a first line nested deeper than any parser goes, or not valid JSON, is
/// one unreadable line of JSON Lines all the same. A first line longer than the head is read on
/// for (what is read joins `head`), up to [`FIRST_LINE_BYTES`], so that a compact array on one
/// line is not held whole to be told; past that, a regular file is read again for its first
/// line, a chunk at a time, up to [`FIRST_LINE_SCAN_BYTES`] ([`first_line_in_file`]). A pipe's
/// first line longer than [`FIRST_LINE_BYTES`], or any longer than that scan, makes an array,
/// whose reader reads the lines after it as JSON Lines all the same ([`read_array`]).
fn detect_layout<R: Read>(
    head: &mut Vec<u8>,
    fh: &mut R,
    eof: &mut bool,
    len: u64,
    limits: &Limits,
    again: Option<&Path>,
) -> std::io::Result<Layout> {
    let (i, _, _) = skip_ws(head, 0);
    match head.get(i) {
        None => Ok(Layout::Empty),
        Some(b'[') => {
            // At most a first line of FIRST_LINE_BYTES, and a head's worth after it. (A line
            // longer than a record is one all the same: an unreadable one, the lines after it
            // read.)
            let cap = i + FIRST_LINE_BYTES + HEAD_BYTES;
            loop {
                if let Some(k) = memchr::memchr(b'\n', &head[i..]).map(|k| i + k)
                    && head[k..].iter().any(|b| !b.is_ascii_whitespace())
                {
                    let lines = one_value_line(&head[i..k]);
                    return Ok(if lines { Layout::Lines } else { Layout::Array });
                }
                // The line's end, or what follows it, is still to come.
                if *eof {
                    return Ok(Layout::Array);
                }
                if head.len() >= cap {
                    // Longer still: a regular file is read again for it, a chunk at a time.
                    let longest = limits.max_record_bytes.max(FIRST_LINE_SCAN_BYTES);
                    let lines = again
                        .is_some_and(|p| first_line_in_file(p, i as u64, longest) == Some(true));
                    return Ok(if lines { Layout::Lines } else { Layout::Array });
                }
                let want = head.len().max(HEAD_BYTES).min(cap - head.len()) as u64;
                let got = (&mut *fh).take(want).read_to_end(head)?;
                *eof = (got as u64) < want;
            }
        }
        Some(b'{') => {
            // JSON Lines when the first line is a complete JSON value; otherwise a single
            // object spread over several lines, if the whole file is one.
            let end = memchr::memchr(b'\n', &head[i..])
                .map(|k| i + k)
                .unwrap_or(head.len());
            // A page of results on one line followed by others is JSON Lines too: pages one per
            // line, each read whole (they are seldom long).
            let whole_line = serde_json::from_slice::<serde::de::IgnoredAny>(&head[i..end]).is_ok();
            if !whole_line && ends_with_bare_cr(&head[..head.len().min(HEAD_BYTES)], i) {
                return Ok(Layout::CrLines);
            }
            if whole_line && (!limits.pages || head[end..].iter().any(|b| !b.is_ascii_whitespace()))
            {
                return Ok(Layout::Lines);
            }
            if limits.pages
                && let Some(at) = results_array_at(&head[..head.len().min(HEAD_BYTES)], i)
            {
                return Ok(Layout::Page(at));
            }
            if whole_line || len > limits.max_document_bytes {
                return Ok(Layout::Lines);
            }
            loop {
                let mut de = serde_json::Deserializer::from_slice(&head[bom_len(head)..]);
                let res = <serde::de::IgnoredAny as serde::Deserialize>::deserialize(&mut de)
                    .and_then(|_| de.end());
                match res {
                    // One value, and nothing after it but white space: to the end of the file.
                    Ok(()) if *eof => return Ok(Layout::Single),
                    // One value cut short by the end of the file (a pretty-printed record
                    // truncated): one item, whose error says where it stops, rather than one per
                    // line that each say "trailing characters".
                    Err(e) if *eof && e.is_eof() => return Ok(Layout::Single),
                    // One value spread over lines, then another: pretty-printed records one
                    // after the other, as `jq .` writes them. Read line by line, each of their
                    // lines would be an IN001 that does not say why: one error that does.
                    // (Only where the first value ended and something else follows: a value
                    // still being read is not parsed a second time.)
                    Err(e) if !e.is_eof() && followed_by_another_object(head) => {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            "pretty-printed JSON records one after another (as `jq .` writes \
                             them): vigie reads one record per line (`jq -c .`), a JSON array \
                             (`jq -s .`) or a single object",
                        ));
                    }
                    // The first value, longer than the head, was a line ended by CR alone.
                    Err(e) if !e.is_eof() && ends_with_bare_cr(head, i) => {
                        return Ok(Layout::CrLines);
                    }
                    // The bytes so far are not one value, and more bytes cannot make them one.
                    Err(e) if *eof || !e.is_eof() => return Ok(Layout::Lines),
                    _ => {}
                }
                if head.len() as u64 >= limits.max_document_bytes {
                    return Ok(Layout::Lines);
                }
                let want = (head.len() as u64).min(limits.max_document_bytes - head.len() as u64);
                let got = (&mut *fh).take(want).read_to_end(head)?;
                *eof = (got as u64) < want;
            }
        }
        Some(_) => Ok(Layout::Lines),
    }
}

/// Whether `line` (no line end in it), from its first byte, a `[` or `{`, is one JSON value by
/// its brackets, with only white space after it: strings are skipped (escapes included), and
/// nothing else is checked, so that depth costs nothing and a bad line is still a line.
fn one_value_line(line: &[u8]) -> bool {
    let mut b = Brackets::default();
    b.take(line);
    b.whole()
}

/// [`one_value_line`] over a line given in pieces.
#[derive(Default)]
struct Brackets {
    depth: usize,
    string: InString,
    /// The value opened has closed.
    closed: bool,
    /// Something other than white space before the value or after it, or a bracket too many.
    bad: bool,
}

impl Brackets {
    fn take(&mut self, bytes: &[u8]) {
        for &c in bytes {
            if self.bad {
                return;
            }
            if self.closed {
                self.bad = !c.is_ascii_whitespace();
            } else if !self.string.step(c) {
                match c {
                    b'[' | b'{' => self.depth += 1,
                    b']' | b'}' if self.depth == 0 => self.bad = true,
                    b']' | b'}' => {
                        self.depth -= 1;
                        self.closed = self.depth == 0;
                    }
                    _ if self.depth == 0 => self.bad = true,
                    _ => {}
                }
            }
        }
    }

    fn whole(&self) -> bool {
        self.closed && !self.bad
    }
}

/// Where a byte stands in JSON's strings, followed byte by byte (escapes included).
#[derive(Default)]
struct InString {
    open: bool,
    esc: bool,
}

impl InString {
    /// Takes byte `c`: whether it belongs to a string, its quotes included.
    fn step(&mut self, c: u8) -> bool {
        if self.open {
            if self.esc {
                self.esc = false;
            } else if c == b'\\' {
                self.esc = true;
            } else if c == b'"' {
                self.open = false;
            }
            true
        } else {
            self.open = c == b'"';
            self.open
        }
    }
}

/// Whether the first line of the file at `path`, from byte `from` (its `[`), is one JSON value
/// by its brackets ([`one_value_line`]) with more than white space after it: read again from
/// the file, a chunk at a time, so that a long first line is never held. First its end is
/// looked for, then its brackets are read (a second pass over it: an array on one line, the
/// common case, has no end before the end of the file, and costs only the first). `None` when
/// the line is longer than `max` bytes, or the file is no regular file or cannot be read.
fn first_line_in_file(path: &Path, from: u64, max: usize) -> Option<bool> {
    use std::io::{Seek, SeekFrom};
    const CHUNK: usize = 1 << 20;
    let mut f = std::fs::File::open(path).ok()?;
    if !f.metadata().ok()?.is_file() {
        return None;
    }
    let mut buf = vec![0u8; CHUNK];
    let read_chunk = |f: &mut std::fs::File, at: u64, buf: &mut [u8]| -> Option<usize> {
        f.seek(SeekFrom::Start(at)).ok()?;
        read_full(f, buf).ok()
    };
    // The line's end, and whether something follows it.
    let (mut at, mut end) = (from, None);
    loop {
        let n = read_chunk(&mut f, at, &mut buf)?;
        let chunk = &buf[..n];
        match end {
            None => {
                if let Some(k) = memchr::memchr(b'\n', chunk) {
                    end = Some(at + k as u64);
                    if chunk[k..].iter().any(|b| !b.is_ascii_whitespace()) {
                        break;
                    }
                } else if at + n as u64 - from > max as u64 {
                    return None;
                }
            }
            Some(_) if chunk.iter().any(|b| !b.is_ascii_whitespace()) => break,
            Some(_) => {}
        }
        if n < CHUNK {
            // The end of the file: no line end, or nothing after it.
            return Some(false);
        }
        at += n as u64;
    }
    let end = end?;
    if end - from > max as u64 {
        return None;
    }
    let mut brackets = Brackets::default();
    let mut at = from;
    while at < end && !brackets.bad {
        let n = read_chunk(&mut f, at, &mut buf)?;
        let upto = (n as u64).min(end - at) as usize;
        brackets.take(&buf[..upto]);
        if n == 0 {
            return None;
        }
        at += upto as u64;
    }
    Some(brackets.whole())
}

/// Where the `results` array of a page of results opens, if `head` from `i` (a `{`) shows one:
/// the object's members before it are read (each must end within the head), and the first whose
/// key is `results` and whose value is an array gives the position of its `[`. Anything else (a
/// member cut by the end of the head, bad JSON, no such member) gives nothing, and the file is
/// read as it was before pages were known.
fn results_array_at(head: &[u8], i: usize) -> Option<usize> {
    let ws = |mut k: usize| {
        while head.get(k).is_some_and(|b| b.is_ascii_whitespace()) {
            k += 1;
        }
        k
    };
    let mut k = ws(i + 1);
    loop {
        // A key: a JSON string, told by serde_json (escapes included).
        let mut keys = serde_json::Deserializer::from_slice(head.get(k..)?).into_iter::<String>();
        let key = keys.next()?.ok()?;
        k = ws(k + keys.byte_offset());
        if head.get(k) != Some(&b':') {
            return None;
        }
        k = ws(k + 1);
        if key == "results" && head.get(k) == Some(&b'[') {
            return Some(k);
        }
        let mut values = serde_json::Deserializer::from_slice(head.get(k..)?)
            .into_iter::<serde::de::IgnoredAny>();
        values.next()?.ok()?;
        k = ws(k + values.byte_offset());
        match head.get(k) {
            Some(b',') => k = ws(k + 1),
            _ => return None,
        }
    }
}

/// Why a record over `--max-record-mib` is unreadable.
fn too_large(limits: &Limits) -> String {
    format!(
        "record is larger than the limit of {} bytes",
        limits.max_record_bytes
    )
}

/// Splits the read buffer at `at`: returns its head, for a block, and leaves in `carry` its
/// tail, copied into a spare buffer if one was handed back (else a new one). At the end of the
/// file (`eof`) with no tail, the whole buffer is the block and no other is taken.
fn split_carry(
    carry: &mut Vec<u8>,
    at: usize,
    eof: bool,
    spare: Option<&crossbeam_channel::Receiver<Vec<u8>>>,
) -> Vec<u8> {
    if eof && at == carry.len() {
        return std::mem::take(carry);
    }
    let mut rest = spare.and_then(|s| s.try_recv().ok()).unwrap_or_default();
    rest.clear();
    rest.extend_from_slice(&carry[at..]);
    carry.truncate(at);
    std::mem::replace(carry, rest)
}

/// Whether `data` holds a carriage return that is not the first half of a CRLF (one at its very
/// end included).
fn has_lone_cr(data: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', data).any(|k| data.get(k + 1) != Some(&b'\n'))
}

/// How many lines a carriage return alone ends in `line` (a line of JSON Lines, its LF and the CR
/// of a CRLF before it left out: [`before_crlf`]).
fn lone_crs(line: &[u8]) -> u64 {
    memchr::memchr_iter(b'\r', line).count() as u64
}

/// The end of the line `data[pos..end]` (ended by an LF at `end`, or by the end of the data)
/// without the CR of a CRLF.
fn before_crlf(data: &[u8], pos: usize, end: usize) -> usize {
    end - usize::from(end < data.len() && end > pos && data[end - 1] == b'\r')
}

/// The items of the line `data[pos..end]` of JSON Lines (ended by an LF at `end`, or by the end
/// of the data) when it holds a carriage return alone (the CR of a CRLF before the LF is not
/// one), starting on line `line`: how many lines those CRs end in it, as an editor counts them.
///
/// Files joined from others mix line ends: a CR alone outside a string ends a line there as an
/// LF does, where the record before it is one JSON value by its brackets ([`Brackets`], strings
/// skipped): `{"id":"b"}\r{"id":"c"}` is two records, each at its line. A CR in a string is part
/// of it (damage that the record's parse tells). One between the tokens of a record that goes
/// on (white space to JSON) leaves the rest of the line, to the LF, that one record, spread
/// over lines as a pretty-printed record is, which JSON Lines does not cut either (see
/// `ends_with_bare_cr`).
fn push_line_with_lone_cr(
    data: &[u8],
    pos: usize,
    end: usize,
    line: u64,
    file_offset: u64,
    limits: &Limits,
    items: &mut Vec<Item>,
) -> u64 {
    let stop = before_crlf(data, pos, end);
    // The start of the record being read (the start of its line), and its line.
    let (mut rec, mut rec_line) = (pos, line);
    let mut extra = 0;
    // A line longer than a record is one item, as any other line that long (and as it is when
    // read a block at a time: see `read_lines`).
    let mut cutting = end - pos <= limits.max_record_bytes;
    let mut push = |rec: usize, rec_line: u64, to: usize| {
        let slice = &data[rec..to];
        let lead = slice.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if lead < slice.len() {
            let place = (rec_line, lead as u64 + 1, file_offset + rec as u64);
            if to - rec > limits.max_record_bytes {
                items.push(Item {
                    line: place.0,
                    column: place.1,
                    offset: place.2,
                    kind: ItemKind::Unreadable(too_large(limits)),
                });
            } else {
                push_line(data, file_offset, rec + lead, to, place, limits, items);
            }
        }
    };
    // The brackets of the record since its first byte other than white space, and the bytes
    // they have taken.
    let mut brackets: Option<(Brackets, usize)> = None;
    for k in memchr::memchr_iter(b'\r', &data[pos..stop]).map(|k| pos + k) {
        extra += 1;
        if !cutting {
            continue;
        }
        let (b, fed) = match &mut brackets {
            Some(b) => b,
            None => {
                let lead = data[rec..k].iter().take_while(|b| b.is_ascii_whitespace());
                let first = rec + lead.count();
                if first == k {
                    // A blank line.
                    rec = k + 1;
                    rec_line = line + extra;
                    continue;
                }
                brackets.insert((Brackets::default(), first))
            }
        };
        b.take(&data[*fed..k]);
        *fed = k;
        if b.whole() {
            push(rec, rec_line, k);
            rec = k + 1;
            rec_line = line + extra;
            brackets = None;
        } else if b.bad || !b.string.open {
            cutting = false;
        }
    }
    push(rec, rec_line, end);
    extra
}

/// Pushes the items of one line of JSON Lines, `data[from..to]` (its white space before it left
/// out, its LF too), whose first byte `data[0]` is at file offset `start`, and which starts at
/// `(line, column, offset)`: the line's bytes, one record; or, for a line that holds a JSON
/// array, the array's elements, each an item at its own column, as in a JSON array file (and
/// empty, one item that says so). An array on a line is a batch of records, as exports and
/// API clients write them (`[{...}, {...}]`, one page a line): read as one record, it was one
/// IN001, "not an object", and its records were lost; a file of one array on one line is read
/// the same way whether a stray line follows it or not. What is not a record in the array (a
/// number, a bad element) is an item of its own, as in an array file.
fn push_line(
    data: &[u8],
    start: u64,
    from: usize,
    to: usize,
    (line, column, offset): (u64, u64, u64),
    limits: &Limits,
    items: &mut Vec<Item>,
) {
    if data[from] != b'[' {
        items.push(Item {
            line,
            column,
            offset,
            kind: ItemKind::Bytes(from, to),
        });
        return;
    }
    // Without the white space that ends the line (the CR of a CRLF).
    let data = &data[..trim_end(data, from, to)];
    let before = items.len();
    let mut st = ArrayScan {
        line,
        col: column - 1,
        one_line: true,
        ..ArrayScan::default()
    };
    let mut pos = from;
    scan_array(data, start, &mut pos, &mut st, limits, items);
    finish_array(&st, data, start, limits, items);
    if items.len() == before {
        items.push(Item {
            line,
            column,
            offset: start + from as u64,
            kind: ItemKind::Unreadable(EMPTY_ARRAY.into()),
        });
    }
}

/// Reads JSON Lines in blocks split at line boundaries.
#[allow(clippy::too_many_arguments)]
fn read_lines<R: Read>(
    mut fh: R,
    head: Vec<u8>,
    mut eof: bool,
    cr: bool,
    index: u32,
    limits: &Limits,
    spare: Option<&crossbeam_channel::Receiver<Vec<u8>>>,
    f: &mut dyn FnMut(Block) -> bool,
) -> std::io::Result<()> {
    let mut carry = head;
    let mut file_offset = 0u64; // offset of carry[0] in the file
    let mut line = 1u64; // line number of carry[0]
    let mut skipping_long: Option<(u64, u64)> = None; // (line, offset) of an over-long line
    let mut first = true;
    let mut blocks = 0;
    loop {
        // Fill the buffer up to the block size.
        let block_bytes = limits.ramped_block_bytes(blocks);
        if !eof && carry.len() < block_bytes {
            // Read into spare capacity, which is not zeroed first.
            let want = block_bytes.max(carry.len() + 64 * 1024) - carry.len();
            carry.reserve_exact(want);
            let n = (&mut fh).take(want as u64).read_to_end(&mut carry)?;
            if n == 0 {
                eof = true;
            }
        }
        let bom = if first { bom_len(&carry) } else { 0 };
        first = false;
        // The block ends after the last line end (or at EOF).
        let cut = if eof {
            carry.len()
        } else {
            match last_line_end(&carry, cr) {
                Some(p) => p + 1,
                None => {
                    // No line end in a full buffer: the line is longer than a block.
                    if carry.len() >= limits.max_record_bytes {
                        if skipping_long.is_none() {
                            skipping_long = Some((line, file_offset));
                        }
                        // Dropped, but for a CR at its end, which the next byte tells to be half
                        // of a CRLF or not; the CRs alone in it still end lines, as an editor
                        // counts them (none with `cr`, or it would have been cut there).
                        let drop = carry.len() - usize::from(carry.last() == Some(&b'\r'));
                        if !cr {
                            line += lone_crs(&carry[..drop]);
                        }
                        file_offset += drop as u64;
                        carry.drain(..drop);
                        continue;
                    }
                    // Grow the buffer to read the rest of the line.
                    let start = carry.len();
                    carry.resize(start * 2, 0);
                    let n = read_full(&mut fh, &mut carry[start..])?;
                    carry.truncate(start + n);
                    if n == 0 {
                        eof = true;
                    }
                    continue;
                }
            }
        };
        // The partial line after the cut starts the next buffer.
        let data = split_carry(&mut carry, cut, eof, spare);
        let mut block = Block {
            file: index,
            start: file_offset,
            items: Vec::new(),
            bytes: data.len() as u64,
            data,
        };
        let mut pos = bom;
        let mut first_line = true;
        // A CR alone in a file whose lines end with LF or CRLF: rare, looked for once in the
        // block (one pass of memchr), and its lines then read one by one for it; the others are
        // cut at LF alone, as fast as ever.
        let lone_cr = !cr && has_lone_cr(&block.data[pos..]);
        while pos < block.data.len() {
            let rest = &block.data[pos..];
            let end = if cr {
                memchr::memchr2(b'\r', b'\n', rest)
            } else {
                memchr::memchr(b'\n', rest)
            }
            .map(|k| pos + k)
            .unwrap_or(block.data.len());
            if first_line && let Some((l, off)) = skipping_long.take() {
                // The tail of an over-long line.
                block.items.push(Item {
                    line: l,
                    column: 1,
                    offset: off,
                    kind: ItemKind::Unreadable(too_large(limits)),
                });
                if lone_cr {
                    line += lone_crs(&block.data[pos..before_crlf(&block.data, pos, end)]);
                }
            } else if lone_cr {
                line += push_line_with_lone_cr(
                    &block.data,
                    pos,
                    end,
                    line,
                    file_offset,
                    limits,
                    &mut block.items,
                );
            } else {
                let slice = &block.data[pos..end];
                let lead = slice.iter().take_while(|b| b.is_ascii_whitespace()).count();
                if lead < slice.len() {
                    let place = (line, lead as u64 + 1, file_offset + pos as u64);
                    if end - pos > limits.max_record_bytes {
                        block.items.push(Item {
                            line,
                            column: place.1,
                            offset: place.2,
                            kind: ItemKind::Unreadable(too_large(limits)),
                        });
                    } else {
                        let (data, items) = (&block.data, &mut block.items);
                        push_line(data, file_offset, pos + lead, end, place, limits, items);
                    }
                }
            }
            first_line = false;
            line += 1;
            // CRLF is one line end.
            let crlf = cr && block.data.get(end..end + 2) == Some(b"\r\n");
            pos = end + 1 + crlf as usize;
        }
        file_offset += block.bytes;
        blocks += 1;
        let go_on = f(block);
        if !go_on || (eof && carry.is_empty()) {
            if let Some((l, off)) = skipping_long.take() {
                f(Block {
                    file: index,
                    start: 0,
                    data: Vec::new(),
                    items: vec![Item {
                        line: l,
                        column: 1,
                        offset: off,
                        kind: ItemKind::Unreadable(too_large(limits)),
                    }],
                    bytes: 0,
                });
            }
            return Ok(());
        }
    }
}

/// What may come next inside an array element, as far as the scanner follows JSON's grammar:
/// enough to tell, at no cost to valid input, the first byte that valid JSON cannot hold where
/// it is (see [`scan_array`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// A value: at the start of an element, after `[` or `:`.
    #[default]
    Value,
    /// A value, after a `,` in an array: where, in a bad element, the next element may start.
    Item,
    /// An object's key, or its end: after `{` or a `,` in an object.
    Key,
    /// More of a number or a literal (`true`, `null`), or what may follow a value.
    Literal,
    /// What may follow a value (a `,`, a `:` or a closing bracket), after a string.
    AfterString,
    /// What may follow a value, after a closing bracket.
    AfterClose,
}

impl Next {
    fn is_value(self) -> bool {
        matches!(self, Next::Value | Next::Item)
    }
}

/// Levels of nesting whose kind (object or array) the array scanner keeps, as the bits of a
/// `u128`: as many as serde_json's recursion limit, past which an element is unreadable anyway.
const KNOWN_LEVELS: usize = 128;

/// Where the array scanner is, carried from one block to the next.
#[derive(Default)]
struct ArrayScan {
    /// The `[` was seen.
    opened: bool,
    /// The closing `]` was seen.
    closed: bool,
    /// Depth of nesting in the element being read: 0 at the level of the array's elements.
    depth: usize,
    /// Bit `n` is set when the container at depth `n` (from 1, under [`KNOWN_LEVELS`]) is an
    /// array, clear when it is an object.
    kinds: u128,
    next: Next,
    in_str: bool,
    esc: bool,
    /// The string being read is an object's key.
    key: bool,
    /// `depth` and `kinds` inside the element's last string that ended (at its quote, or at a
    /// line end), if it is not a key and no value has started since, to go back into it when
    /// what follows shows that it did not end there.
    string: Option<(usize, u128)>,
    /// The element being read holds a byte that valid JSON cannot hold where it is, or starts
    /// where one was.
    bad: bool,
    /// In a bad element, the last `{` after a `,` in an array (file offset, line, column): the
    /// next element, if its first key is the first element's.
    maybe_next: Option<(u64, u64, u64)>,
    /// The first key of the array's first element, quotes included (empty if it has none).
    first_key: Option<Vec<u8>>,
    /// Line and column (in chars, 0-based) of the scan position, lines counted as an editor
    /// counts them (LF, CRLF and CR alone each end one).
    line: u64,
    col: u64,
    /// The byte before the scan position is a CR: an LF there is the second half of a CRLF.
    cr: bool,
    /// The column (1-based) of the array's first element: in an array laid out over lines, where
    /// every element starts, or further left.
    elem_col: u64,
    /// The element being read: its start (file offset), line and column.
    elem: Option<(u64, u64, u64)>,
    /// Just after the closing bracket that last brought the scan back to the level of the
    /// elements (file offset, line, column): where a `,` left out after an element belongs.
    elem_end: (u64, u64, u64),
    /// The element being read is over the record limit: its bytes are dropped.
    skipping: bool,
    /// Where the closing `]` is.
    closed_at: (u64, u64, u64),
    /// Where content after the closing `]` was first seen.
    trailing: Option<(u64, u64, u64)>,
    /// Reading the `results` array of a page: what follows it, the rest of the page.
    page: Option<PageTail>,
    /// The array is one line of JSON Lines ([`push_line`]): whatever follows its `]` on the
    /// line is content after it.
    one_line: bool,
    /// Where a `{` or `[` starts a line after the array's `]` (file offset, line, column): the
    /// scan stops there, for the reader to tell whether that line is JSON Lines or content
    /// after the array ([`read_array`]).
    line_after: Option<(u64, u64, u64)>,
    /// What follows the array from this place is read as JSON Lines (file offset, line,
    /// column).
    lines_from: Option<(u64, u64, u64)>,
}

/// How much of a page of results, out of its `results` array, is kept to be checked as JSON:
/// its other members (a count, a query, links to the next page) take a few hundred bytes.
const PAGE_REST_BYTES: usize = 1 << 20;

/// The rest of a page of results around its `results` array: what opens the page before the
/// array, and what follows the array to the `}` that closes the page. A byte after that one
/// (other than white space) starts more content: the next pages, one per line, as JSON Lines.
#[derive(Default)]
struct PageTail {
    /// The page before its array, and after it (up to [`PAGE_REST_BYTES`] in all).
    before: Vec<u8>,
    after: Vec<u8>,
    /// More of the page after the array than was kept: it is not checked.
    long: bool,
    /// Nesting and strings after the array, until the page closes.
    depth: u32,
    string: InString,
    /// The page's closing `}` was seen.
    closed: bool,
    /// Bytes other than white space seen after the array (up to 255), and whether the first
    /// was a `,`: until a key, the array may go on (a `]` left over by damage).
    tokens: u8,
    comma_first: bool,
    /// Where content after the page starts (file offset, line, column).
    more: Option<(u64, u64, u64)>,
}

impl PageTail {
    /// Takes byte `c` after the array: whether it starts more content after the page.
    fn step(&mut self, c: u8) -> bool {
        if self.closed {
            return !c.is_ascii_whitespace();
        }
        if !c.is_ascii_whitespace() {
            if self.tokens == 0 {
                self.comma_first = c == b',';
            }
            self.tokens = self.tokens.saturating_add(1);
        }
        if self.before.len() + self.after.len() < PAGE_REST_BYTES {
            self.after.push(c);
        } else {
            self.long = true;
        }
        if !self.string.step(c) {
            match c {
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' if self.depth == 0 => self.closed = true,
                b'}' | b']' => self.depth -= 1,
                _ => {}
            }
        }
        false
    }

    /// Why the page, its array put aside, is not one JSON object, if it is not (its array was
    /// read and closed, and so was the page).
    fn fault(&self) -> Option<String> {
        if self.long {
            return None;
        }
        let mut page = self.before.clone();
        page.extend_from_slice(b"[]");
        page.extend_from_slice(&self.after);
        let mut de = serde_json::Deserializer::from_slice(&page);
        match <ResultsCount as serde::Deserialize>::deserialize(&mut de).and_then(|n| {
            de.end()?;
            Ok(n)
        }) {
            Err(e) => Some(format!(
                "the page around its results is not a JSON object: {}",
                strip_position(&e.to_string())
            )),
            Ok(ResultsCount(n)) if n > 1 => Some(format!(
                "the page holds `results` {n} times: only the decisions of the first are read"
            )),
            Ok(_) => None,
        }
    }
}

/// How many members of a JSON object are named `results`.
struct ResultsCount(usize);

impl<'de> serde::Deserialize<'de> for ResultsCount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = ResultsCount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<ResultsCount, A::Error> {
                let mut n = 0;
                while let Some(key) = m.next_key::<String>()? {
                    n += usize::from(key == "results");
                    m.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(ResultsCount(n))
            }
        }
        d.deserialize_map(Members)
    }
}

/// How many chars `bytes` hold: the bytes that do not continue a UTF-8 sequence.
fn chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64
}

impl ArrayScan {
    /// Moves the scan position over `bytes` (no LF in them), CRs alone included.
    fn count_crs(&mut self, bytes: &[u8]) {
        let after = match memchr::memrchr(b'\r', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\r', bytes).count() as u64;
                self.col = 0;
                &bytes[last + 1..]
            }
            None => bytes,
        };
        self.col += chars(after);
        self.cr = bytes.last().map_or(self.cr, |&b| b == b'\r');
    }

    /// Whether the innermost container is an object, as far as its kind is known.
    fn in_object(&self) -> bool {
        self.depth > 0 && self.depth < KNOWN_LEVELS && self.kinds >> self.depth & 1 == 0
    }

    /// What follows a `,` inside an element (or a container that a bad element left open).
    fn after_comma(&self) -> Next {
        if self.in_object() {
            Next::Key
        } else {
            Next::Item
        }
    }

    /// The deepest level under the current one whose container a closing bracket `c` closes,
    /// if its kind is known: the containers above it were left open.
    fn opened_by(&self, c: u8) -> Option<usize> {
        let below = ((1u128 << self.depth.min(KNOWN_LEVELS - 1)) - 1) & !1;
        let kinds = if c == b']' { self.kinds } else { !self.kinds } & below;
        (kinds != 0).then(|| (u128::BITS - 1 - kinds.leading_zeros()) as usize)
    }

    /// Takes back the `]` that seemed to end the array: it was left over by damage to the
    /// element before it, or is a stray bracket, and is one unreadable item; what follows is
    /// more of the array. In a page, what was taken for the rest of the page goes with it.
    fn reopen(&mut self, items: &mut Vec<Item>) {
        let (offset, line, column) = self.closed_at;
        items.push(Item {
            line,
            column,
            offset,
            kind: ItemKind::Unreadable("a `]` that does not end the JSON array".into()),
        });
        self.closed = false;
        if let Some(page) = &mut self.page {
            *page = PageTail {
                before: std::mem::take(&mut page.before),
                ..PageTail::default()
            };
        }
    }

    /// Ends the string being read.
    fn end_string(&mut self) {
        self.in_str = false;
        self.esc = false;
        self.next = Next::AfterString;
        if !self.key {
            self.string = Some((self.depth, self.kinds));
        }
    }

    /// Goes back into the element's last string that ended, as if its closing quote (or line
    /// end) were part of it, when `c` cannot follow where it is in valid JSON: a quote not
    /// escaped in a text (`"a stray " quote"`; `"a "}"`, whose `}` then seemed to end the
    /// element), a line break in a string. With `fresh`, only right after that string. A
    /// string at the level of the elements (outside any object or array, both where the scanner
    /// is and where it would go back to) only right after it, and not for a `}`: the element as
    /// it is ends at the next `,`, whereas there a wrong guess, each `}` after it another way
    /// back, would run the element on to the end of the file.
    fn back_into_string(&mut self, fresh: bool, c: u8) -> bool {
        let Some((depth, kinds)) = self.string else {
            return false;
        };
        let just_after = self.next == Next::AfterString;
        let back = if fresh {
            just_after
        } else {
            self.depth > 0 || depth > 0 || (just_after && c != b'}')
        };
        if !back {
            return false;
        }
        self.string = None;
        self.depth = depth;
        self.kinds = kinds;
        self.in_str = true;
        self.esc = false;
        true
    }

    /// Ends the element being read (if not dropped as over the record limit) before `i`, where
    /// a new one starts, and without the `,` that separates them: a bad element that left an
    /// object or array open. The new one is taken for bad too until it ends: it may be a part
    /// of the bad one.
    fn cut_before(
        &mut self,
        data: &[u8],
        start: u64,
        i: usize,
        limits: &Limits,
        items: &mut Vec<Item>,
    ) {
        if let Some((s, l, col)) = self.elem.take() {
            let b = (s - start) as usize;
            let mut end = trim_end(data, b, i);
            if end > b + 1 && data[end - 1] == b',' {
                end = trim_end(data, b, end - 1);
            }
            items.push(element_item(b, end, (s, l, col), limits));
        }
        self.skipping = false;
        self.depth = 0;
        self.next = Next::Value;
        self.string = None;
        self.maybe_next = None;
        self.bad = true;
    }

    /// Ends the element being read, complete by its brackets, before `i`, where another starts
    /// with no `,` between them (`{...}\n{...}`): both are items, and so is the `,` left out,
    /// at the place where it belongs (just after the element), so that it is told and fixed.
    fn missing_comma(
        &mut self,
        data: &[u8],
        start: u64,
        i: usize,
        limits: &Limits,
        items: &mut Vec<Item>,
    ) {
        if let Some((s, l, col)) = self.elem.take() {
            let b = (s - start) as usize;
            let end = trim_end(data, b, i);
            if self.first_key.is_none() {
                self.first_key = Some(first_key(&data[b..end]));
            }
            items.push(element_item(b, end, (s, l, col), limits));
        }
        let (offset, line, column) = self.elem_end;
        items.push(Item {
            line,
            column,
            offset,
            kind: ItemKind::Unreadable(format!(
                "a `,` is missing between two elements of the JSON array (the next one starts \
                 at line {}, column {})",
                self.line,
                self.col + 1
            )),
        });
        self.skipping = false;
        self.next = Next::Value;
        self.string = None;
        self.maybe_next = None;
        self.bad = false;
    }

    /// At the end (`data[i]`) of a key, in the first element or a bad one. The first key of the
    /// first element is kept. In a bad element, if the key is the first of the object that
    /// starts at [`ArrayScan::maybe_next`], and the first element's first key too, that object
    /// is the next element (an array on one line has no other mark of where elements start):
    /// the bad element ends before it, and the scanner is then inside it, after its key.
    fn at_key(
        &mut self,
        data: &[u8],
        start: u64,
        i: usize,
        limits: &Limits,
        items: &mut Vec<Item>,
    ) {
        let Some((e, _, _)) = self.elem else {
            return;
        };
        if self.first_key.is_none() && self.depth == 1 {
            self.first_key = Some(first_key(&data[(e - start) as usize..=i]));
        }
        let Some((s, l, col)) = self.maybe_next.take() else {
            return;
        };
        let Some(first) = &self.first_key else {
            return;
        };
        if s < e {
            return;
        }
        let p = (s - start) as usize;
        if first.is_empty() || data[p + 1..=i].trim_ascii_start() != first.as_slice() {
            return;
        }
        self.cut_before(data, start, p, limits, items);
        self.elem = Some((s, l, col));
        self.depth = 1;
        self.kinds &= !2;
        self.next = Next::AfterString;
        self.bad = false;
    }
}

/// The first key of `element`, quotes included, if it is an object that has one (with no
/// escape in it); else nothing.
fn first_key(element: &[u8]) -> Vec<u8> {
    let Some(rest) = element.strip_prefix(b"{") else {
        return Vec::new();
    };
    let rest = rest.trim_ascii_start();
    match rest.get(1..).and_then(|r| memchr::memchr2(b'"', b'\\', r)) {
        Some(k) if rest[0] == b'"' && rest[1 + k] == b'"' => rest[..k + 2].to_vec(),
        _ => Vec::new(),
    }
}

/// `end`, moved back over white space, not before `from`.
fn trim_end(data: &[u8], from: usize, mut end: usize) -> usize {
    while end > from && data[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

/// The item of an array element that lies at `b..end` of the block's data and starts at
/// `(offset, line, column)`.
fn element_item(b: usize, end: usize, (s, l, col): (u64, u64, u64), limits: &Limits) -> Item {
    let kind = if end - b > limits.max_record_bytes {
        ItemKind::Unreadable(too_large(limits))
    } else {
        ItemKind::Bytes(b, end)
    };
    Item {
        line: l,
        column: col,
        offset: s,
        kind,
    }
}

/// Reads a JSON array of records block by block: each block holds whole elements, cut where
/// the top-level `,` and `]` are, with line, column and file offset of each, without parsing
/// them, so that a bad element is one unreadable item and not the loss of the whole file; an
/// element longer than the record limit is reported and skipped, never held. Strings and nesting
/// are followed byte by byte, so a `,` or `]` inside a string or an object does not cut; where
/// a bad element would lead them astray, the scanner finds its way back to the elements after
/// it ([`scan_array`]).
///
/// With `page`, the file is a page of results whose `results` array opens at that byte: the
/// array is read so, the rest of the page is checked to be a JSON object, and what follows the
/// page, if anything, is read as JSON Lines (more pages, one per line). After a plain array, a
/// line that opens with `{` or `[` (on a later line than the `]`) and is one JSON value starts
/// JSON Lines too: records appended to an export, or arrays of them one a line, each read at
/// its place. Anything else after the `]` is one item, "unexpected content after the JSON
/// array", where it starts.
#[allow(clippy::too_many_arguments)]
fn read_array<R: Read>(
    mut fh: R,
    head: Vec<u8>,
    mut eof: bool,
    page: Option<usize>,
    index: u32,
    limits: &Limits,
    spare: Option<&crossbeam_channel::Receiver<Vec<u8>>>,
    f: &mut dyn FnMut(Block) -> bool,
) -> std::io::Result<()> {
    let mut carry = head;
    let mut start = 0u64; // file offset of carry[0]
    let mut pos = 0usize; // scan position in carry
    let mut st = ArrayScan {
        line: 1,
        ..ArrayScan::default()
    };
    // The BOM is not a char of the first line.
    pos += bom_len(&carry);
    if let Some(at) = page {
        // The scan starts at the array, on its line and column.
        let before = &carry[pos..at];
        let (line, column) = editor_place(before, before.len());
        (st.line, st.col) = (line, column - 1);
        st.page = Some(PageTail {
            before: before.trim_ascii().to_vec(),
            ..PageTail::default()
        });
        pos = at;
    }
    // Where the array opens, for an array of nothing: an export that wrote `[]` holds no record,
    // and must not pass for a compliant corpus (an empty file does not either).
    let open = pos + carry[pos..].iter().position(|&b| b == b'[').unwrap_or(0);
    let bom = bom_len(&carry);
    let (open_line, open_col) = editor_place(&carry[bom..], open - bom);
    let mut found = 0usize;
    let mut blocks = 0;
    loop {
        let block_bytes = limits.ramped_block_bytes(blocks);
        blocks += 1;
        if !eof && carry.len() - pos < block_bytes {
            let want = block_bytes.max(64 * 1024);
            carry.reserve_exact(want);
            if (&mut fh).take(want as u64).read_to_end(&mut carry)? == 0 {
                eof = true;
            }
        }
        let mut items = Vec::new();
        scan_array(&carry, start, &mut pos, &mut st, limits, &mut items);
        if let Some(place) = st.line_after.take() {
            // A line after the array's `]` opens with `{` or `[`: JSON Lines from there if it
            // is one JSON value, as a file's first line tells JSON Lines (records appended to
            // an export, arrays of records one per line), each line then a record or an item
            // of its own; else content after the array (a second array spread over lines).
            let end = loop {
                if let Some(k) = memchr::memchr(b'\n', &carry[pos..]) {
                    break pos + k;
                }
                if eof || carry.len() - pos > limits.max_record_bytes {
                    break carry.len();
                }
                let want = (carry.len() - pos).max(HEAD_BYTES) as u64;
                if (&mut fh).take(want).read_to_end(&mut carry)? == 0 {
                    eof = true;
                }
            };
            if one_value_line(&carry[pos..end]) || end - pos > limits.max_record_bytes {
                st.lines_from = Some(place);
            } else {
                st.trailing = Some(place);
                scan_array(&carry, start, &mut pos, &mut st, limits, &mut items);
            }
        }
        let more = st.page.as_ref().and_then(|p| p.more).or(st.lines_from);
        if eof || more.is_some() {
            finish_array(&st, &carry, start, limits, &mut items);
        }
        found += items.len();
        if (eof || more.is_some()) && found == 0 && page.is_none() {
            items.push(Item {
                line: open_line,
                column: open_col,
                offset: open as u64,
                kind: ItemKind::Unreadable(EMPTY_ARRAY.into()),
            });
        }
        // Keep the open element (or nothing) for the next block; at the end, nothing; after a
        // page, what follows it.
        let keep = match st.elem {
            _ if more.is_some() => pos,
            _ if eof => carry.len(),
            Some((s, _, _)) => (s - start) as usize,
            None => pos,
        };
        let data = split_carry(&mut carry, keep, eof, spare);
        let block = Block {
            file: index,
            start,
            bytes: data.len() as u64,
            data,
            items,
        };
        start += keep as u64;
        pos -= keep;
        if !f(block) {
            return Ok(());
        }
        if let Some((offset, line, column)) = more {
            // More pages after this one, one per line, or lines after an array: JSON Lines
            // from here, at their place in the file.
            return read_lines(
                fh,
                carry,
                eof,
                false,
                index,
                limits,
                spare,
                &mut |mut b: Block| {
                    b.start += offset;
                    for item in &mut b.items {
                        if item.line == 1 {
                            item.column += column - 1;
                        }
                        item.line += line - 1;
                        item.offset += offset;
                    }
                    f(b)
                },
            );
        }
        if eof {
            return Ok(());
        }
    }
}

/// Scans `data` (whose first byte is at file offset `start`) from `*pos` to its end, pushing
/// the elements completed on the way.
///
/// In valid JSON, following strings and nesting tells exactly where each element ends. In a bad
/// element it may not: one quote not escaped in a text (`"a stray " quote"`) turns every string
/// after it inside out, and the `,` between the next elements then seem to be in strings, so
/// that every element after the bad one would be read as part of it. So the scanner also follows
/// what may come next ([`Next`]) and the kind of each container, and so finds the first byte
/// that valid JSON cannot hold where it is. Valid input never has one, and is cut as it always
/// was; following it costs a comparison or two on the bytes outside strings and a copy of the
/// nesting at each string's end, nothing on the bytes of strings, nearly all of a corpus.
///
/// At such a byte the element is bad, and the scanner takes what most likely went wrong to be:
/// - a string that did not end where it seemed to, at a quote or a line end (which no JSON
///   string holds): a value right after a value, a key that is not a string, a wrong closing
///   bracket just after a string. The scanner goes back into that string
///   ([`ArrayScan::back_into_string`]), which so takes in the stray quote, and goes on;
/// - a container left open: a closing bracket of another kind closes the containers above its
///   own, and an opening bracket where an object's key should be closes that object (and
///   starts the next element, if that object is the element).
///
/// As these guesses can be wrong, a bad element also ends where the next element shows itself:
/// in an array laid out over lines, at a `{` or `[` that starts a line at or left of where the
/// first element starts (as every element does, deeper values being indented further); on one
/// line, at an object after a `,` whose first key is the first element's first key. A `]` at
/// the level of the elements is taken, in a bad element, for one of its own brackets; and one
/// followed by `,`, `{`, `}` or `]`, for one that does not end the array (an item of its own).
///
/// An element complete by its brackets, then another with no `,` between them, is a `,` left
/// out: both elements are read, and the `,` is an item of its own, at the place where it belongs.
///
/// So a damaged element is one item as a rule (whose parse says what is wrong, and where); one
/// byte of damage loses none of the other elements of an array laid out over lines, and at most
/// the next one on one line (a string left open there runs into it). Each byte is looked at a
/// bounded number of times (a container is closed once), so a file of one huge line stays linear.
fn scan_array(
    data: &[u8],
    start: u64,
    pos: &mut usize,
    st: &mut ArrayScan,
    limits: &Limits,
    items: &mut Vec<Item>,
) {
    let mut i = *pos;
    let at = |i: usize| start + i as u64;
    // A CR alone ahead, rare but for files of CR lines: looked for at once (one memchr pass),
    // so that the bytes of strings, nearly all, are looked at for it only then.
    let lone_cr = has_lone_cr(&data[i..]);
    while i < data.len() {
        // An element over the record limit is reported as soon as it is, and its bytes
        // dropped: when a byte of its own (not white space after it, not the `,` or `]` that
        // ends it) lies past the limit, or when white space runs on far past it.
        if let Some((s, l, col)) = st.elem
            && let len = (at(i) - s) as usize
            && len >= limits.max_record_bytes
            && (len > limits.max_record_bytes + TRAILING_SPACE
                || st.in_str
                || !(data[i].is_ascii_whitespace()
                    || (st.depth == 0 && matches!(data[i], b',' | b']'))))
        {
            items.push(Item {
                line: l,
                column: col,
                offset: s,
                kind: ItemKind::Unreadable(too_large(limits)),
            });
            st.elem = None;
            st.skipping = true;
        }
        let c = data[i];
        if !st.opened {
            st.opened = c == b'[';
        } else if st.closed
            && let Some(page) = &mut st.page
        {
            // Right after the array's `]`, a `{`, `[` or `]` (or a `,` then one of these) is
            // more of the array: that `]` was left over by damage, as in a plain array.
            if matches!(c, b'{' | b'[' | b']')
                && (page.tokens == 0 || (page.tokens == 1 && page.comma_first))
            {
                st.reopen(items);
                continue;
            }
            if page.step(c) {
                page.more = Some((at(i), st.line, st.col + 1));
                *pos = i;
                return;
            }
        } else if st.closed {
            if !c.is_ascii_whitespace() && st.trailing.is_none() {
                // A `{` or `[` that starts a later line than the `]`'s: the `]` ended the
                // array (a stray one would have been seen on its line), and more follows.
                let new_line = st.line > st.closed_at.1 && matches!(c, b'{' | b'[');
                if matches!(c, b',' | b'{' | b'}' | b']') && !new_line {
                    // The `]` did not end the array: it was left over by damage to the element
                    // before it (a `}` too many), or is a stray bracket. What follows is more
                    // of the array (a `}`, more of that damage), not content after it.
                    st.reopen(items);
                    st.bad = c == b'}';
                    if c != b',' {
                        continue;
                    }
                } else if new_line && !st.one_line {
                    // JSON Lines after the array, if that line is a JSON value: the reader
                    // looks at the whole line.
                    st.line_after = Some((at(i), st.line, st.col + 1));
                    *pos = i;
                    return;
                } else {
                    st.trailing = Some((at(i), st.line, st.col + 1));
                }
            }
        } else if st.in_str {
            if c == b'"' && !st.esc {
                st.end_string();
                if st.key && (st.bad || st.first_key.is_none()) {
                    st.at_key(data, start, i, limits, items);
                }
            } else if c == b'\n' {
                // No JSON string holds a line end (even escaped): a string left open ends
                // before it, at its line (what follows tells if it did not).
                st.end_string();
                st.bad = true;
            } else if st.esc {
                st.esc = false;
            } else if c == b'\\' {
                st.esc = true;
            } else {
                // Most bytes are inside strings: on to the next quote, backslash or line end.
                let run = memchr::memchr3(b'"', b'\\', b'\n', &data[i..]).unwrap_or(data.len() - i);
                let bytes = &data[i..i + run];
                if lone_cr && memchr::memchr(b'\r', bytes).is_some() {
                    // A CR alone in a string (no JSON string holds one): it ends a line all
                    // the same.
                    st.count_crs(bytes);
                } else {
                    // Any CR here is the first half of a CRLF, which its LF ends.
                    st.col += chars(bytes);
                    st.cr = false;
                }
                i += run;
                continue;
            }
        } else {
            let open = |st: &mut ArrayScan| {
                if st.elem.is_none() && !st.skipping {
                    st.elem = Some((at(i), st.line, st.col + 1));
                    if st.elem_col == 0 {
                        st.elem_col = st.col + 1;
                    }
                }
            };
            // Bytes that valid JSON cannot hold where they are: see above for what is made of
            // them. After a recovery, the byte is looked at again (`continue`).
            match c {
                b' ' | b'\t' | b'\r' | b'\n' => {}
                b'"' => {
                    if !(st.next.is_value() || st.next == Next::Key) {
                        st.bad = true;
                        if st.back_into_string(false, c) {
                            continue;
                        }
                    }
                    st.in_str = true;
                    st.key = st.next == Next::Key;
                    st.string = None;
                    open(st);
                }
                // An element complete by its brackets, then another one with no `,` between
                // them: a `,` left out. Not after a bad element (its brackets may be wrong)
                // unless the new one starts its line at or left of the first element, as in an
                // array laid out one element a line.
                b'[' | b'{'
                    if st.depth == 0
                        && st.next == Next::AfterClose
                        && (st.elem.is_some() || st.skipping)
                        && (!st.bad || st.col < st.elem_col) =>
                {
                    st.missing_comma(data, start, i, limits, items);
                    continue;
                }
                b'[' | b'{' => {
                    if st.bad || !st.next.is_value() {
                        st.bad = true;
                        // At the start of a line at or left of the first element: the next
                        // element. Where a key should be: the object was left open, and the
                        // element itself if it is the one.
                        if (st.depth > 0 && st.col < st.elem_col)
                            || (st.next == Next::Key && st.depth <= 1)
                        {
                            st.cut_before(data, start, i, limits, items);
                            continue;
                        }
                        if st.next == Next::Key {
                            st.depth -= 1;
                            st.next = st.after_comma();
                            continue;
                        }
                        if st.next == Next::Item && c == b'{' && st.elem.is_some() {
                            st.maybe_next = Some((at(i), st.line, st.col + 1));
                        } else if !st.next.is_value() && st.back_into_string(false, c) {
                            continue;
                        }
                    }
                    open(st);
                    st.depth += 1;
                    if st.depth < KNOWN_LEVELS {
                        let bit = 1u128 << st.depth;
                        st.kinds = if c == b'[' {
                            st.kinds | bit
                        } else {
                            st.kinds & !bit
                        };
                    }
                    st.next = if c == b'{' { Next::Key } else { Next::Value };
                    st.string = None;
                }
                b']' | b'}' if st.depth > 0 => {
                    if st.depth >= KNOWN_LEVELS || (c == b']') == (st.kinds >> st.depth & 1 == 1) {
                        st.depth -= 1;
                        st.next = Next::AfterClose;
                    } else {
                        st.bad = true;
                        if let Some(level) = st.opened_by(c) {
                            // The wrong kind: it closes its own container, and those above it
                            // that were left open.
                            st.depth = level - 1;
                            st.next = Next::AfterClose;
                        } else if st.back_into_string(true, c) {
                            continue;
                        }
                        // Else a stray bracket, left as it is.
                    }
                    if st.depth == 0 {
                        st.elem_end = (at(i) + 1, st.line, st.col + 2);
                    }
                }
                // In a bad element, a `]` that seems to end the array is as likely a bracket
                // the damage left over (`{"a": [1]}]}`, a `}` too many): taken for one, it is
                // part of the element, which ends at the next `,` (or the file's end).
                // Not in a page, where the page's other members follow the array: there the
                // `]` ends the array, and if it was the damage's, the bytes after it say so.
                b']' if st.depth == 0 && st.bad && st.page.is_none() => {
                    st.next = Next::AfterClose;
                    st.elem_end = (at(i) + 1, st.line, st.col + 2);
                }
                b',' | b']' if st.depth == 0 => {
                    if let Some((s, l, col)) = st.elem.take() {
                        let b = (s - start) as usize;
                        let end = trim_end(data, b, i);
                        if st.first_key.is_none() {
                            st.first_key = Some(first_key(&data[b..end]));
                        }
                        items.push(element_item(b, end, (s, l, col), limits));
                    } else if st.skipping {
                        st.skipping = false;
                    } else if c == b',' {
                        items.push(Item {
                            line: st.line,
                            column: st.col + 1,
                            offset: at(i),
                            kind: ItemKind::Unreadable("empty array element".into()),
                        });
                    }
                    st.next = Next::Value;
                    st.string = None;
                    st.bad = false;
                    st.maybe_next = None;
                    if c == b']' {
                        st.closed = true;
                        st.closed_at = (at(i), st.line, st.col + 1);
                    }
                }
                b',' => st.next = st.after_comma(),
                b':' => st.next = Next::Value,
                _ => {
                    if !(st.next.is_value() || st.next == Next::Literal) {
                        st.bad = true;
                        if st.back_into_string(false, c) {
                            continue;
                        }
                    }
                    open(st);
                    st.next = Next::Literal;
                }
            }
        }
        // LF, CRLF and CR alone each end a line, as an editor counts them.
        match c {
            b'\n' => {
                st.line += u64::from(!st.cr);
                st.col = 0;
            }
            b'\r' => {
                st.line += 1;
                st.col = 0;
            }
            _ => st.col += u64::from(c & 0xC0 != 0x80),
        }
        st.cr = c == b'\r';
        i += 1;
    }
    *pos = i;
}

/// How much white space may follow an array element at the record limit before the element
/// counts as over it (it would be held in memory meanwhile).
const TRAILING_SPACE: usize = 64 * 1024;

/// What the end of the file leaves unfinished in an array, whose last bytes are `data` (from
/// file offset `start`, scanned to their end).
fn finish_array(st: &ArrayScan, data: &[u8], start: u64, limits: &Limits, items: &mut Vec<Item>) {
    let end = start + data.len() as u64;
    if let Some((s, l, col)) = st.elem
        && st.bad
    {
        // A bad element runs on to the end, its `]` taken for a stray bracket: it ends before
        // the `]` that ends the file, if one does, which closes the array; its parse says
        // what is wrong and where.
        let b = (s - start) as usize;
        let mut e = trim_end(data, b, data.len());
        if e > b + 1 && data[e - 1] == b']' {
            e = trim_end(data, b, e - 1);
        }
        items.push(element_item(b, e, (s, l, col), limits));
    } else if let Some((s, l, col)) = st.elem
        && st.depth == 0
        && !st.in_str
        && matches!(
            st.next,
            Next::Literal | Next::AfterString | Next::AfterClose
        )
    {
        // A whole value, then the end of the file: the element is complete, the array is not.
        // Its `]` is missing just after the element (not at the end of the file, past the line
        // ends after it).
        let b = (s - start) as usize;
        let e = trim_end(data, b, data.len());
        let elem = element_item(b, e, (s, l, col), limits);
        let (line, column) = elem.place_of(editor_place(&data[b..e], e - b));
        items.push(elem);
        items.push(Item {
            line,
            column,
            offset: s + (e - b) as u64,
            kind: ItemKind::Unreadable(ARRAY_NOT_CLOSED.into()),
        });
    } else if let Some((s, l, col)) = st.elem {
        items.push(Item {
            line: l,
            column: col,
            offset: s,
            kind: ItemKind::Unreadable(ELEMENT_NOT_COMPLETE.into()),
        });
    } else if !st.closed {
        items.push(Item {
            line: st.line,
            column: st.col + 1,
            offset: end,
            kind: ItemKind::Unreadable(ARRAY_NOT_CLOSED.into()),
        });
    }
    if let Some((offset, line, column)) = st.trailing {
        items.push(Item {
            line,
            column,
            offset,
            kind: ItemKind::Unreadable("unexpected content after the JSON array".into()),
        });
    }
    // A page of results whose array was read: the rest of it must close it as a JSON object.
    if st.closed
        && let Some(page) = &st.page
    {
        let why = match page.closed {
            false => Some("the page of results is not closed: its last `}` is missing".into()),
            true => page.fault(),
        };
        if let Some(why) = why {
            let (offset, line, column) = st.closed_at;
            items.push(Item {
                line,
                column,
                offset,
                kind: ItemKind::Unreadable(why),
            });
        }
    }
}

/// Why a record could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// The record's id when it could be read.
    pub id: Option<String>,
    /// [`Record::id_as_written`] of that id.
    pub id_as_written: bool,
    /// Line and column relative to the item (1-based), as an editor shows them (LF, CRLF and CR
    /// alone end lines; columns count chars): on the item's first line, from its first byte.
    pub line: u64,
    pub column: u64,
    pub message: String,
}

/// Why JSON bytes could not be parsed: serde_json's error, and the byte of the bytes parsed that
/// it points at (see [`error_offset`]), which [`JsonError::place`] turns into a line and column.
#[derive(Debug)]
pub struct JsonError {
    pub error: serde_json::Error,
    pub offset: usize,
}

impl JsonError {
    /// What is wrong, without serde_json's place (vigie gives its own).
    pub fn reason(&self) -> String {
        strip_position(&self.error.to_string())
    }

    /// The line and column (1-based) of the error in `bytes`, the bytes parsed, as an editor
    /// shows them ([`editor_place`]).
    pub fn place(&self, bytes: &[u8]) -> (u64, u64) {
        editor_place(bytes, self.offset)
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

/// Parses JSON bytes. One fast UTF-8 check of the whole (simdutf8) spares serde_json checking
/// every string; invalid UTF-8 is left to serde_json, which says where. Valid UTF-8 goes first
/// through a faster parser of ours ([`json::parse_value`]), which gives serde_json's value or
/// gives up: then serde_json parses it, and says what is wrong and where.
///
/// What serde_json refuses of valid JSON is read rather than losing the value: lone UTF-16
/// surrogate escapes as U+FFFD ([`json::mend_lone_surrogates`]), and numbers beyond the range
/// of a 64-bit float as strings of their digits as written ([`json::quote_big_numbers`]). An
/// error is placed in `bytes` as given.
pub fn parse_json(bytes: &[u8]) -> Result<Value, JsonError> {
    let e = match parse_json_strict(bytes) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    // The mended escapes have the length of the lone ones: places are unchanged.
    let mended = json::mend_lone_surrogates(bytes);
    let (b, e) = match &mended {
        Some(m) => match parse_json_strict(m) {
            Ok(v) => return Ok(v),
            Err(e) => (m.as_slice(), e),
        },
        None => (bytes, e),
    };
    if out_of_range(&e)
        && let Some((quoted, spans)) = json::quote_big_numbers(b)
    {
        return parse_json_strict(&quoted).map_err(|e| JsonError {
            offset: json::offset_before_quoting(&spans, error_offset(&quoted, &e)),
            error: e,
        });
    }
    Err(JsonError {
        offset: error_offset(b, &e),
        error: e,
    })
}

/// serde_json's error on a number beyond the range of a 64-bit float.
fn out_of_range(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("number out of range")
}

fn parse_json_strict(bytes: &[u8]) -> serde_json::Result<Value> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => match json::parse_value(s) {
            Some(v) => Ok(v),
            None => serde_json::from_str(s),
        },
        Err(_) => serde_json::from_slice(bytes),
    }
}

/// Whether [`parse_json`] says of `bytes` what serde_json alone says (once lone surrogate
/// escapes are mended, and numbers beyond a float's range quoted, where serde_json refuses
/// those): the same value, or the same error at the same place. What the fast parser must keep
/// to (for the tests and the fuzz target).
#[doc(hidden)]
pub fn parse_json_agrees_with_serde_json(bytes: &[u8]) -> Result<(), String> {
    let mended = json::mend_lone_surrogates(bytes);
    let b = mended.as_deref().unwrap_or(bytes);
    let serde = match serde_json::from_slice::<Value>(b) {
        Err(e) if out_of_range(&e) => match json::quote_big_numbers(b) {
            Some((quoted, spans)) => serde_json::from_slice::<Value>(&quoted).map_err(|e| {
                let at = json::offset_before_quoting(&spans, error_offset(&quoted, &e));
                (e.to_string(), at)
            }),
            None => Err((e.to_string(), error_offset(b, &e))),
        },
        r => r.map_err(|e| (e.to_string(), error_offset(b, &e))),
    };
    match (parse_json(bytes), serde) {
        (Ok(a), Ok(b)) if a == b => Ok(()),
        (Err(a), Err(b)) if (a.error.to_string(), a.offset) == b => Ok(()),
        (a, b) => Err(format!("parse_json gave {a:?}, serde_json {b:?}")),
    }
}

/// Whether `bytes` (one line of JSON Lines) hold a carriage return followed by something other
/// than a line feed: the end of a line (CRLF) is not one.
fn bare_carriage_return(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'\r', bytes).any(|k| k + 1 < bytes.len() && bytes[k + 1] != b'\n')
}

/// The offset in `bytes` of the byte that serde_json's error `e` on them points at. Invalid
/// UTF-8 in a string is told by serde_json at the string's end, and placed from there only
/// roughly (escapes in the string move it): its first invalid byte is found again, exactly (no
/// other error comes before it, or serde_json would have told that one). Any other error is
/// at the line and column serde_json gives, which count LF alone and bytes: the byte there. A
/// column 0 is the start of a line: an error at the line feed before it, or the end of the
/// bytes after a line feed (a record cut short), which is the start of the line.
fn error_offset(bytes: &[u8], e: &serde_json::Error) -> usize {
    if e.to_string().starts_with("invalid unicode code point")
        && let Err(bad) = simdutf8::compat::from_utf8(bytes)
    {
        return bad.valid_up_to();
    }
    let line_start = match e.line() {
        0 | 1 => 0,
        l => memchr::memchr_iter(b'\n', bytes)
            .nth(l - 2)
            .map_or(bytes.len(), |k| k + 1),
    };
    match e.column() {
        0 if e.is_eof() => line_start,
        c => (line_start + c).saturating_sub(1),
    }
}

/// The line and column of byte `at` of `bytes` (1-based) as a text editor shows them, which
/// IN001 gives: LF, CRLF and CR alone each end a line, and columns count chars (each byte that
/// does not continue a UTF-8 sequence: an invalid byte is one), as the readers of arrays and of
/// lines count them. The LF of a CRLF belongs to the line that its CR ends.
fn editor_place(bytes: &[u8], at: usize) -> (u64, u64) {
    let mut at = at.min(bytes.len());
    if at > 0 && bytes.get(at) == Some(&b'\n') && bytes[at - 1] == b'\r' {
        at -= 1;
    }
    let before = &bytes[..at];
    let (mut line, mut start) = (1u64, 0);
    for k in memchr::memchr2_iter(b'\r', b'\n', before) {
        if !(before[k] == b'\n' && k > 0 && before[k - 1] == b'\r') {
            line += 1;
        }
        start = k + 1;
    }
    let column = 1 + before[start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count() as u64;
    (line, column)
}

/// Parses one record from its JSON bytes, applying the mapping.
pub fn parse_record(bytes: &[u8], mapping: Option<&Mapping>) -> Result<Record, RecordError> {
    // A byte order mark before a record: files that each began with one, joined with `cat`.
    let whole = bytes;
    let bom = bom_len(bytes);
    let bytes = &bytes[bom..];
    let value: Value = parse_json(bytes).map_err(|je| {
        let e = &je.error;
        let message = match e.classify() {
            serde_json::error::Category::Syntax
                if e.to_string().contains("invalid unicode")
                    || std::str::from_utf8(bytes).is_err() =>
            {
                format!("invalid UTF-8 or JSON: {}", strip_position(&e.to_string()))
            }
            serde_json::error::Category::Eof => {
                format!("truncated JSON: {}", strip_position(&e.to_string()))
            }
            _ => format!("bad JSON: {}", strip_position(&e.to_string())),
        };
        // Records one after another on a "line" with carriage returns between them: a file
        // whose lines end with CR alone (as old Mac OS wrote them), not told as such from its
        // first line (see `ends_with_bare_cr`).
        let message = if message.ends_with("trailing characters") && bare_carriage_return(bytes) {
            format!(
                "{message} (the line holds carriage returns with no line feed after them: if \
                 the file's lines end with CR alone, end them with LF or CRLF)"
            )
        } else {
            message
        };
        // Where the error is, as an editor shows it (see `editor_place`), counted from the
        // item's start, the mark included.
        let (line, column) = editor_place(whole, bom + je.offset);
        RecordError {
            id: None,
            id_as_written: false,
            line,
            column,
            message,
        }
    })?;
    let Value::Object(mut obj) = value else {
        return Err(RecordError {
            id: None,
            id_as_written: false,
            line: 1,
            column: 1,
            message: format!("a record must be a JSON object, not {}", kind_of(&value)),
        });
    };
    let mut rec = Record::default();
    // Take each canonical field, through the mapping when it maps it.
    // A mapped value is taken out of the record, so that the other fields are what is left,
    // which the profiling and masking rules inspect (a mapped `content.body` is not searched
    // again as a field of `content`). A path two fields read (`id` and `source_id` both `ref`)
    // is copied, and removed once every field has read it.
    // Which mapped fields the record's own value gave (not a default): a path that gives
    // nothing in any record is a mapping's error, said after the audit.
    let mut mapped = 0u32;
    let mut take =
        |field: &'static str, obj: &mut serde_json::Map<String, Value>| -> Option<Value> {
            let v = match mapping.map(|m| (m, m.path_of(field))) {
                Some((m, Some(path))) => {
                    let v = if m.paths().filter(|(_, p)| *p == path).nth(1).is_some() {
                        read_path(obj, path)
                    } else {
                        remove_path(obj, path)
                    };
                    if v.as_ref().is_some_and(|v| !v.is_null()) {
                        mapped |= mapping::field_bit(field);
                    }
                    v
                }
                _ => obj.remove(field),
            };
            match v {
                Some(Value::Null) | None => mapping.and_then(|m| m.default_of(field)).cloned(),
                v => v,
            }
        };
    let id = take("id", &mut obj);
    let id_str = exact_number(bytes, mapping, "id", id.as_ref())
        .or_else(|| id.as_ref().and_then(scalar_string));
    // An id read with U+FFFD may hold a lone surrogate escape, which that char stands for: then
    // it is taken as written (`rec-\ud800`, not `rec-\u{FFFD}`), to tell it from the ids that
    // read alike (off the common path: only such an id is looked at again).
    let (id_str, id_as_written) = match id_str {
        Some(s) if s.contains('\u{FFFD}') => {
            match written_with_lone_surrogates(bytes, mapping, "id") {
                Some(w) => (Some(w), true),
                None => (Some(s), false),
            }
        }
        other => (other, false),
    };
    // An error about a field is placed at its value (an editor then shows it), when the record
    // has the field there (not when a mapping's default gives it).
    let err = |field: &str, id: &Option<String>, msg: String| {
        let (line, column) =
            value_offset(bytes, mapping, field).map_or((1, 1), |at| editor_place(whole, bom + at));
        RecordError {
            id: id.clone(),
            id_as_written: id.is_some() && id_as_written,
            line,
            column,
            message: msg,
        }
    };
    // A field in a message: a mapped one by its path in the reuser's schema, vigie's name
    // beside it (`meta.juridiction` (jurisdiction)), that the officer finds it in their data.
    let named = |field: &str| mapping::FieldName::of(mapping, field).quoted();
    match id_str {
        Some(s) if !s.trim().is_empty() => {
            rec.id = s;
            rec.id_as_written = id_as_written;
        }
        _ => {
            return Err(err(
                "id",
                &None,
                match id {
                    None | Some(Value::Null) => match wrapped_records(&obj) {
                        Some((key, n)) => format!(
                            "record has no {}; it holds an array `{key}` of {n} objects, which \
                             may be the records: give them as an array (`jq '.{key}'`) or as \
                             JSON Lines (`jq -c '.{key}[]'`)",
                            named("id")
                        ),
                        None => format!("record has no {}", named("id")),
                    },
                    Some(Value::String(_)) => format!("record has an empty {}", named("id")),
                    Some(v) => format!("{} must be a string, not {}", named("id"), kind_of(&v)),
                },
            ));
        }
    }
    let id = Some(rec.id.clone());
    macro_rules! string_field {
        ($name:literal, $slot:expr) => {
            match take($name, &mut obj) {
                None | Some(Value::Null) => {}
                Some(v) => match into_scalar_string(v) {
                    Ok(s) => $slot = Some(s),
                    Err(v) => match &v {
                        Value::Array(a) if a.iter().all(|x| scalar_string(x).is_some()) => {
                            $slot = Some(
                                a.iter()
                                    .filter_map(scalar_string)
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            )
                        }
                        _ => {
                            return Err(err(
                                $name,
                                &id,
                                format!(
                                    "field {} must be a string, not {}",
                                    named($name),
                                    kind_of(&v)
                                ),
                            ))
                        }
                    },
                },
            }
        };
    }
    let source_number = match mapping.and_then(|m| m.path_of("source_id")) {
        Some(path) => path_value(&obj, path),
        None => obj.get("source_id"),
    };
    match exact_number(bytes, mapping, "source_id", source_number) {
        Some(exact) => {
            take("source_id", &mut obj);
            rec.source_id = Some(exact);
        }
        None => string_field!("source_id", rec.source_id),
    }
    // A `source_id` read with U+FFFD may hold a lone surrogate escape: then it is taken as
    // written, as `id` is, and designates no decision (off the common path, as for `id`).
    if let Some(s) = &rec.source_id
        && s.contains('\u{FFFD}')
        && let Some(w) = written_with_lone_surrogates(bytes, mapping, "source_id")
    {
        rec.source_id = Some(w);
        rec.source_id_as_written = true;
    }
    string_field!("url", rec.url);
    string_field!("text", rec.text);
    string_field!("jurisdiction", rec.jurisdiction);
    string_field!("formation", rec.formation);
    string_field!("seat", rec.seat);
    string_field!("decision_date", rec.decision_date);
    string_field!("number", rec.number);
    string_field!("attribution", rec.attribution);
    string_field!("source_link", rec.source_link);
    string_field!("updated_at", rec.updated_at);
    string_field!("update_notice", rec.update_notice);
    string_field!("full_text_url", rec.full_text_url);
    string_field!("commentary", rec.commentary);
    let mut fmt = None;
    string_field!("text_format", fmt);
    rec.text_format = match fmt.as_deref().map(|s| s.trim().to_ascii_lowercase()) {
        None => TextFormat::Plain,
        Some(s) if s == "plain" || s == "text" || s.is_empty() => TextFormat::Plain,
        Some(s) if s == "html" => TextFormat::Html,
        Some(_) => {
            // Quoted as written (case and all), at most 40 chars as other quoted values.
            let written = crate::model::bound::ends(fmt.as_deref().unwrap_or_default(), 40);
            return Err(err(
                "text_format",
                &id,
                format!(
                    "{} must be `plain` or `html`, not `{written}`",
                    named("text_format")
                ),
            ));
        }
    };
    rec.excerpt = match take("excerpt", &mut obj) {
        None | Some(Value::Null) => false,
        Some(v) => match excerpt_flag(&v) {
            Some(b) => b,
            None => {
                let shown = match &v {
                    Value::String(s) => format!("«{}»", crate::model::bound::ends(s, 40)),
                    Value::Number(n) => n.to_string(),
                    v => kind_of(v).to_string(),
                };
                return Err(err(
                    "excerpt",
                    &id,
                    format!(
                        "{} must be a boolean (true or false; also read: \"true\" or \
                         \"false\", \"oui\" or \"non\", \"yes\" or \"no\", \"vrai\" or \"faux\", 1 or \
                         0), not {shown}",
                        named("excerpt")
                    ),
                ));
            }
        },
    };
    rec.mapped = mapped;
    // The paths several fields read, copied above.
    if let Some(m) = mapping {
        for (_, path) in m.paths() {
            remove_path(&mut obj, path);
        }
        // A key named like a canonical field that the mapping reads elsewhere is one of the
        // reuser's other fields, not that field: it is named `$.text`, so that no report takes
        // it for the canonical one (the decision's text).
        for field in m.displaced() {
            if let Some(v) = obj.remove(field) {
                obj.insert(format!("{}{field}", mapping::OWN_KEY_PREFIX), v);
            }
        }
    }
    rec.extra = obj.into_iter().collect();
    rec.extra.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(rec)
}

/// The field of an object without `id` that holds an array of objects, and their number: an
/// export that wraps its records (`{"count": 2, "data": [...]}`), as APIs answer. Only a key
/// made of ASCII letters, digits and `_`, not starting with a digit, which a jq filter can name
/// as is.
fn wrapped_records(obj: &serde_json::Map<String, Value>) -> Option<(&str, usize)> {
    obj.iter().find_map(|(k, v)| match v {
        Value::Array(a)
            if !a.is_empty()
                && a.iter().all(Value::is_object)
                && k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            Some((k.as_str(), a.len()))
        }
        _ => None,
    })
}

/// A record's `excerpt`: a JSON boolean; or, as exports write booleans, the strings `true` and
/// `false`, `oui` and `non`, `yes` and `no`, `vrai` and `faux` (any case, spaces around), `1`
/// and `0` as numbers or strings; a blank string says nothing, as `null` does (false). Anything
/// else (`2`, `partial`, an array) is no answer: `None`, and the record an IN001, rather than a
/// guess either way, since whether the record is an excerpt decides INT003 and INT004.
pub fn excerpt_flag(v: &Value) -> Option<bool> {
    match v {
        Value::Null => Some(false),
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_f64() {
            Some(1.0) => Some(true),
            Some(0.0) => Some(false),
            _ => None,
        },
        Value::String(s) => match s.trim().to_lowercase().as_str() {
            "true" | "oui" | "yes" | "vrai" | "1" => Some(true),
            "false" | "non" | "no" | "faux" | "0" | "" => Some(false),
            _ => None,
        },
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// An identifier given as a number that is no 64-bit integer (`18446744073709551616`), as the
/// record writes it: serde_json reads such a number as a float, which rounds it, so that two
/// ids would be one (a false IN002) and the reports would show another. Taken again from the
/// record's JSON at the field's place (its mapped path, or its name). `None` for any other
/// value, and when the place is not found (a mapping's default).
fn exact_number(
    json: &[u8],
    mapping: Option<&Mapping>,
    field: &str,
    v: Option<&Value>,
) -> Option<String> {
    let Some(Value::Number(n)) = v else {
        return None;
    };
    if n.is_i64() || n.is_u64() {
        return None;
    }
    let raw = raw_value(json, mapping, field)?.get().trim();
    raw.starts_with(|c: char| c == '-' || c.is_ascii_digit())
        .then(|| raw.to_string())
}

/// `field`'s string in the record `json` as written, when it holds a lone surrogate escape
/// ([`json::written_string`]); `None` otherwise. The record is read again, its lone surrogates
/// mended as [`parse_json`] mends them (of the same length), to find where the value lies.
fn written_with_lone_surrogates(
    json: &[u8],
    mapping: Option<&Mapping>,
    field: &str,
) -> Option<String> {
    let mended = json::mend_lone_surrogates(json)?;
    let raw = raw_value(&mended, mapping, field)?.get();
    let start = (raw.as_ptr() as usize).checked_sub(mended.as_ptr() as usize)?;
    let written = json.get(start..start + raw.len())?;
    json::written_string(written)
}

/// The JSON text of `field`'s value in the record `json`, at its mapped path or under its name;
/// `None` when the record has no value there, or it cannot be read so (a record with a lone
/// surrogate escape, which [`parse_json`] mends but this reading does not).
fn raw_value<'a>(
    json: &'a [u8],
    mapping: Option<&Mapping>,
    field: &str,
) -> Option<&'a serde_json::value::RawValue> {
    use serde_json::value::RawValue;
    let named = [Segment::Key(field.to_string())];
    let path = mapping.and_then(|m| m.path_of(field)).unwrap_or(&named);
    let mut cur: &RawValue = serde_json::from_slice(json).ok()?;
    for seg in path {
        let text = cur.get();
        cur = match (text.trim_start().as_bytes().first()?, seg) {
            // The last of duplicate keys, as serde_json keeps it.
            (b'{', Segment::Key(k)) => {
                *serde_json::from_str::<std::collections::BTreeMap<String, &RawValue>>(text)
                    .ok()?
                    .get(k.as_str())?
            }
            (b'[', Segment::Index(i)) => {
                *serde_json::from_str::<Vec<&RawValue>>(text).ok()?.get(*i)?
            }
            _ => return None,
        };
    }
    Some(cur)
}

/// Where the value of `field` starts in the record `json` (a byte offset), if the record has one
/// ([`raw_value`]).
fn value_offset(json: &[u8], mapping: Option<&Mapping>, field: &str) -> Option<usize> {
    let raw = raw_value(json, mapping, field)?.get();
    // The value's text is a part of `json`: where it starts, from their addresses.
    let at = (raw.as_ptr() as usize).checked_sub(json.as_ptr() as usize)?;
    (at < json.len()).then_some(at)
}

fn read_path(obj: &serde_json::Map<String, Value>, path: &[Segment]) -> Option<Value> {
    path_value(obj, path).cloned()
}

/// The value at `path`, in place: a key reads only an object's member, an index only an
/// array's element.
fn path_value<'a>(obj: &'a serde_json::Map<String, Value>, path: &[Segment]) -> Option<&'a Value> {
    let (Segment::Key(first), rest) = path.split_first()? else {
        return None;
    };
    let mut cur = obj.get(first.as_str())?;
    for seg in rest {
        cur = match (cur, seg) {
            (Value::Object(m), Segment::Key(k)) => m.get(k.as_str())?,
            (Value::Array(a), Segment::Index(i)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Takes the value at `path` out: from its object, or from its array leaving `null` in its place
/// (the other elements keep their place, which other paths may name).
fn remove_path(obj: &mut serde_json::Map<String, Value>, path: &[Segment]) -> Option<Value> {
    let (last, parents) = path.split_last()?;
    let Some((first, rest)) = parents.split_first() else {
        return match last {
            Segment::Key(k) => obj.remove(k.as_str()),
            Segment::Index(_) => None,
        };
    };
    let Segment::Key(first) = first else {
        return None;
    };
    let mut cur = obj.get_mut(first.as_str())?;
    for seg in rest {
        cur = match (cur, seg) {
            (Value::Object(m), Segment::Key(k)) => m.get_mut(k.as_str())?,
            (Value::Array(a), Segment::Index(i)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    match (cur, last) {
        (Value::Object(m), Segment::Key(k)) => m.remove(k.as_str()),
        (Value::Array(a), Segment::Index(i)) => a.get_mut(*i).map(std::mem::take),
        _ => None,
    }
}

/// [`scalar_string`] without copying a string.
fn into_scalar_string(v: Value) -> Result<String, Value> {
    match v {
        Value::String(s) => Ok(s),
        v => scalar_string(&v).ok_or(v),
    }
}

fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What a JSON value is, as messages name it (`a number`, `an array`, `null`…).
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json appends " at line L column C"; vigie reports the place itself.
fn strip_position(s: &str) -> String {
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// Reads the record that starts at `offset` in `path` again (the UI's detail view).
pub fn read_record_at(
    path: &Path,
    offset: u64,
    mapping: Option<&Mapping>,
    limits: &Limits,
) -> Option<Record> {
    use std::io::{BufRead, BufReader, Seek, SeekFrom};
    let mut fh = std::fs::File::open(path).ok()?;
    let mut magic = [0u8; 2];
    let n = read_full(&mut fh, &mut magic).ok()?;
    let gzip = crate::source::archive::sniff(&magic[..n])
        == Some(crate::source::archive::ArchiveKind::Gzip);
    fh.seek(SeekFrom::Start(if gzip { 0 } else { offset }))
        .ok()?;
    let mut r: Box<dyn BufRead> = if gzip {
        // The offset is in the content: decompressed again up to it.
        let mut content = flate2::bufread::MultiGzDecoder::new(BufReader::new(fh));
        std::io::copy(&mut (&mut content).take(offset), &mut std::io::sink()).ok()?;
        Box::new(BufReader::new(content))
    } else {
        Box::new(BufReader::new(fh))
    };
    let first = {
        let buf = r.fill_buf().ok()?;
        *buf.first()?
    };
    if first != b'{' {
        return None;
    }
    // Read one JSON value from here (a JSON Lines line or an array element), as raw bytes,
    // which may hold lone surrogate escapes that `parse_record` mends. Parsed from memory, not
    // from the reader (which serde_json reads a byte at a time: 80 ms for a record of 5 MB):
    // first up to the end of the line (a JSON Lines record ends there) or 64 KiB; while the
    // value goes on, as much again as was read, so that parsing it again stays linear.
    let mut r = r.take(limits.max_record_bytes as u64);
    let mut buf = Vec::new();
    let mut want = 1usize << 16;
    let mut first = true;
    loop {
        let mut more = true;
        while buf.len() < want {
            let n = (&mut r)
                .take((want - buf.len()) as u64)
                .read_until(b'\n', &mut buf)
                .ok()?;
            if n == 0 {
                more = false;
                break;
            }
            if first && buf.last() == Some(&b'\n') {
                break;
            }
        }
        first = false;
        let mut values =
            serde_json::Deserializer::from_slice(&buf).into_iter::<&serde_json::value::RawValue>();
        match values.next() {
            Some(Ok(v)) => return parse_record(v.get().as_bytes(), mapping).ok(),
            Some(Err(e)) if e.is_eof() && more => want = 2 * want.max(buf.len()),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_of_cr_ended_lines_is_not_cut_inside_a_crlf() {
        // LF only: the last LF.
        assert_eq!(last_line_end(b"a\nb\r\nc", false), Some(4));
        assert_eq!(last_line_end(b"a\rb\r", false), None);
        // CR, LF or CRLF: the last of them, but not a CR in the last byte, which an LF may
        // follow in the next read.
        assert_eq!(last_line_end(b"a\rb\rc", true), Some(3));
        assert_eq!(last_line_end(b"a\nb\r\n", true), Some(4));
        assert_eq!(last_line_end(b"a\nb\r", true), Some(1));
        assert_eq!(last_line_end(b"a\rb\r", true), Some(1));
        assert_eq!(last_line_end(b"ab\r", true), None);
        assert_eq!(last_line_end(b"ab", true), None);
    }

    // A JSON Lines file whose first line is broken is told from a document spread over lines by
    // reading on only until it fails, not the whole file; what was read is kept, and a document
    // is read whole.
    #[test]
    fn telling_the_layout_reads_no_further_than_it_must() {
        use std::io::Seek;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        let mut content = b"{\"id\": \"broken\", \"text\": \"no end\n".to_vec();
        while content.len() < 4 << 20 {
            content.extend_from_slice(b"{\"id\": \"r\", \"text\": \"Attendu que\"}\n");
        }
        std::fs::write(&p, &content).unwrap();
        let layout_of = |head_len: usize| {
            let mut fh = std::fs::File::open(&p).unwrap();
            let mut head = vec![0u8; head_len];
            let n = read_full(&mut fh, &mut head).unwrap();
            head.truncate(n);
            let mut eof = false;
            let len = content.len() as u64;
            let layout =
                detect_layout(&mut head, &mut fh, &mut eof, len, &Limits::default(), None).unwrap();
            let at = fh.stream_position().unwrap();
            (layout, head, at, eof)
        };
        let (layout, head, at, eof) = layout_of(64);
        assert!(matches!(layout, Layout::Lines));
        // No more than twice the head, and all of it kept.
        assert!(at <= 2 * 64, "{at}");
        assert_eq!(head, content[..at as usize]);
        assert!(!eof);
        // One object over several lines is a document, read to its end: here over 4,000 times
        // the head, in chunks that double.
        let mut doc = b"{\n  \"id\": \"a\",\n  \"text\": \"Attendu\",\n  \"zones\": [".to_vec();
        while doc.len() < 20_000 {
            doc.extend_from_slice(b"\n    {\"start\": 12, \"end\": 3400},");
        }
        doc.extend_from_slice(b"\n    {}\n  ]\n}\n");
        std::fs::write(&p, &doc).unwrap();
        let mut fh = std::fs::File::open(&p).unwrap();
        let mut head = doc[..5].to_vec();
        fh.seek(std::io::SeekFrom::Start(5)).unwrap();
        let mut eof = false;
        let layout = detect_layout(
            &mut head,
            &mut fh,
            &mut eof,
            doc.len() as u64,
            &Limits::default(),
            None,
        )
        .unwrap();
        assert!(matches!(layout, Layout::Single));
        assert_eq!(head, doc);
        assert!(eof);
    }

    fn items_of(content: &[u8], limits: Limits) -> Vec<(u64, u64, Result<String, String>)> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        std::fs::write(&p, content).unwrap();
        let file = CorpusFile {
            path: p.clone(),
            name: "c.jsonl".into(),
            len: content.len() as u64,
            ..Default::default()
        };
        let mut out = Vec::new();
        read_file(&file, 0, &limits, &mut |b: Block| {
            for it in &b.items {
                let v = match &it.kind {
                    ItemKind::Bytes(..) => {
                        Ok(String::from_utf8_lossy(b.item_bytes(it).unwrap()).into_owned())
                    }
                    ItemKind::Unreadable(m) => Err(m.clone()),
                };
                out.push((it.line, it.offset, v));
            }
            true
        })
        .unwrap();
        out
    }

    #[test]
    fn json_lines_with_bom_crlf_and_blank_lines() {
        let items = items_of(
            b"\xEF\xBB\xBF{\"id\":\"a\"}\r\n\r\n{\"id\":\"b\"}\n  \n{\"id\":\"c\"}",
            Limits::default(),
        );
        let lines: Vec<u64> = items.iter().map(|i| i.0).collect();
        assert_eq!(lines, vec![1, 3, 5]);
        // BOM (3) + `{"id":"a"}` (10) + two CRLF (4).
        assert_eq!(items[1].1, 17);
        assert!(items.iter().all(|i| i.2.is_ok()));
    }

    // A folder of one record per file holds many blocks at once: the block of a small file must
    // hold the file, not a buffer of a whole block (megabytes each, zeroed or not).
    #[test]
    fn the_block_of_a_small_file_holds_no_more_than_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let record = br#"{"id":"a","text":"Texte."}"#;
        // Over 64 kB too (the head read to tell the layout), still under a block.
        let long: Vec<u8> = (0..4000)
            .flat_map(|_| [&record[..], b"\n"].concat())
            .collect();
        assert!(long.len() > 64 * 1024);
        for (name, content) in [
            ("long.jsonl", long),
            (
                "lines.jsonl",
                [&record[..], b"\n", &record[..], b"\n"].concat(),
            ),
            (
                "array.json",
                [&b"["[..], &record[..], b",", &record[..], b"]"].concat(),
            ),
            ("single.json", record.to_vec()),
        ] {
            let p = dir.path().join(name);
            std::fs::write(&p, &content).unwrap();
            let file = CorpusFile {
                path: p,
                name: name.into(),
                len: content.len() as u64,
                ..Default::default()
            };
            let mut blocks = Vec::new();
            read_file(&file, 0, &Limits::default(), &mut |b: Block| {
                blocks.push(b);
                true
            })
            .unwrap();
            assert_eq!(blocks.len(), 1, "{name}");
            let b = &blocks[0];
            assert_eq!(b.data, content, "{name}");
            assert!(
                b.data.capacity() <= content.len() + 1,
                "{name}: {}",
                b.data.capacity()
            );
            let items = match name {
                "single.json" => 1,
                "long.jsonl" => 4000,
                _ => 2,
            };
            assert_eq!(b.items.len(), items, "{name}");
        }
    }

    // In a file of LF lines, a CR alone ends a line where a whole JSON value by its brackets
    // ends before it (a record, or an array, whose elements are items); in a
    // string, it is part of it; between the tokens of a record, it leaves the record one item to
    // its LF, spread over lines. Either way, it ends a line for the lines counted after it.
    #[test]
    fn a_cr_alone_ends_a_line_after_a_whole_value() {
        let content = "{\"id\":\"a\"}\n\
                       {\"id\":\"b\", \"t\": \"}\"}\r[1, {}]  \r\r  {\"id\":\"c\"}\n\
                       {\"id\":\"d\",\r\"n\":1}\r{\"id\":\"e\"}\n\
                       \"s\"\r{\"id\":\"f\"}\r\n\
                       {\"id\":\"g\", \"t\": \"x\ry\"}\r{\"id\":\"h\"}\n\
                       {\"id\":\"i\"}\r";
        let items = items_of(content.as_bytes(), Limits::default());
        let at = |s: &str| content.find(s).unwrap() as u64;
        assert_eq!(
            items,
            [
                (1, 0, Ok("{\"id\":\"a\"}".to_string())),
                (
                    2,
                    at("{\"id\":\"b\""),
                    Ok("{\"id\":\"b\", \"t\": \"}\"}".into())
                ),
                (3, at("[1") + 1, Ok("1".into())),
                (3, at("[1") + 4, Ok("{}".into())),
                (5, at("  {\"id\":\"c\""), Ok("{\"id\":\"c\"}".into())),
                (
                    6,
                    at("{\"id\":\"d\""),
                    Ok("{\"id\":\"d\",\r\"n\":1}\r{\"id\":\"e\"}".into())
                ),
                (9, at("\"s\""), Ok("\"s\"\r{\"id\":\"f\"}\r".into())),
                (
                    11,
                    at("{\"id\":\"g\""),
                    Ok("{\"id\":\"g\", \"t\": \"x\ry\"}".into())
                ),
                (13, at("{\"id\":\"h\""), Ok("{\"id\":\"h\"}".into())),
                (14, at("{\"id\":\"i\""), Ok("{\"id\":\"i\"}".into())),
            ]
        );
    }

    #[test]
    fn small_blocks_split_at_line_boundaries() {
        let mut content = Vec::new();
        for i in 0..500 {
            content.extend_from_slice(
                format!("{{\"id\":\"r{i}\",\"text\":\"{}\"}}\n", "x".repeat(i % 97)).as_bytes(),
            );
        }
        let limits = Limits {
            block_bytes: 1000,
            max_record_bytes: 4096,
            ..Limits::default()
        };
        let items = items_of(&content, limits);
        assert_eq!(items.len(), 500);
        for (i, it) in items.iter().enumerate() {
            assert_eq!(it.0, i as u64 + 1);
            let rec = parse_record(it.2.as_ref().unwrap().as_bytes(), None).unwrap();
            assert_eq!(rec.id, format!("r{i}"));
        }
    }

    #[test]
    fn recycled_buffers_give_the_same_blocks() {
        let mut content = Vec::new();
        for i in 0..300 {
            content.extend_from_slice(
                format!("{{\"id\":\"r{i}\",\"text\":\"{}\"}}\n", "é".repeat(i % 61)).as_bytes(),
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        std::fs::write(&p, &content).unwrap();
        let file = CorpusFile {
            path: p,
            name: "c.jsonl".into(),
            len: content.len() as u64,
            ..Default::default()
        };
        let limits = Limits {
            block_bytes: 700,
            max_record_bytes: 4096,
            ..Limits::default()
        };
        let read = |recycle: bool| {
            let (tx, rx) = crossbeam_channel::bounded::<Vec<u8>>(2);
            // Spare buffers start dirty: what they held must not show.
            tx.send(vec![b'#'; 5000]).unwrap();
            let mut out = Vec::new();
            read_file_recycling(
                &file,
                0,
                &limits,
                recycle.then_some(&rx),
                &mut |b: Block| {
                    for it in &b.items {
                        let place = b.item_place(it).unwrap();
                        out.push((it.line, place, b.item_bytes(it).unwrap().to_vec()));
                    }
                    let _ = tx.try_send(b.data);
                    true
                },
            )
            .unwrap();
            out
        };
        let plain = read(false);
        assert_eq!(plain.len(), 300);
        assert_eq!(read(true), plain);
        // Each item's place is where its bytes are in the file.
        for (_, (off, len), bytes) in &plain {
            assert_eq!(&content[*off as usize..(*off + *len) as usize], &bytes[..]);
        }
    }

    #[test]
    fn over_long_lines_are_unreadable_items() {
        let mut content = b"{\"id\":\"a\"}\n{\"id\":\"big\",\"text\":\"".to_vec();
        content.extend(std::iter::repeat_n(b'x', 10_000));
        content.extend_from_slice(b"\"}\n{\"id\":\"c\"}\n");
        let limits = Limits {
            block_bytes: 1024,
            max_record_bytes: 2048,
            ..Limits::default()
        };
        let items = items_of(&content, limits);
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(items[1].0, 2);
        assert!(
            items[1]
                .2
                .as_ref()
                .unwrap_err()
                .contains("larger than the limit")
        );
        assert_eq!(items[2].0, 3);
        assert!(items[2].2.is_ok());
    }

    #[test]
    fn arrays_are_split_into_elements() {
        let items = items_of(
            b"[\n {\"id\": \"a\", \"t\": \"x,]\\\"\"},\n {\"id\": \"b\"},\n 42\n]\n",
            Limits::default(),
        );
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].0, 2);
        assert_eq!(items[1].0, 3);
        assert_eq!(items[2].2.as_deref().unwrap(), "42");
        let items = items_of(b"[{\"id\":\"a\"}, {\"id\":", Limits::default());
        assert_eq!(items.len(), 2);
        assert!(items[1].2.is_err());
    }

    fn pages() -> Limits {
        Limits {
            pages: true,
            ..Limits::default()
        }
    }

    /// A page of results (`{"total": 2, "results": [...]}`) is read as its array where pages are
    /// known (the reference): one item per decision, at its line and offset; the page's other
    /// members, before and after the array, are no items. Elsewhere (the corpus), it is one
    /// record.
    #[test]
    fn a_page_of_results_is_read_as_its_array() {
        let page = "{\n  \"total\": 2,\n  \"query\": {\"q\": \"[x]\", \"results\": [1]},\n  \
                    \"results\": [\n    {\"id\": \"a\", \"text\": \"é ] }\"},\n    {\"id\": \"b\"}\n  ],\n  \
                    \"next_batch\": \"?batch=1&x={\\\"\"\n}\n";
        let items = items_of(page.as_bytes(), pages());
        let a = "{\"id\": \"a\", \"text\": \"é ] }\"}";
        let b = "{\"id\": \"b\"}";
        assert_eq!(
            items,
            vec![
                (5, page.find(a).unwrap() as u64, Ok(a.to_string())),
                (6, page.find(b).unwrap() as u64, Ok(b.to_string())),
            ]
        );
        let whole = items_of(page.as_bytes(), Limits::default());
        assert_eq!(whole, vec![(1, 0, Ok(page.to_string()))]);
        // One line, far longer than the head read to tell the layout.
        let texts: Vec<String> = (0..2000)
            .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"{}\"}}", "Attendu ".repeat(10)))
            .collect();
        let line = format!("{{\"total\":2000,\"results\":[{}]}}", texts.join(","));
        assert!(line.len() > 2 * HEAD_BYTES);
        let items = items_of(line.as_bytes(), pages());
        assert_eq!(items.len(), 2000);
        assert!(items.iter().zip(&texts).all(|(it, t)| {
            it.0 == 1 && it.2.as_deref() == Ok(t.as_str()) && line[it.1 as usize..].starts_with(t)
        }));
    }

    /// A page is cut the same whatever the size of the blocks, into the elements its array
    /// would give alone, each at its own line and offset in the page.
    #[test]
    fn a_page_is_cut_the_same_in_blocks_of_any_size() {
        let mut array = format!("[\r\n{}", elements_of_every_shape());
        array.push_str("  \"last\", ,\n  42\n]");
        let before = "{\"total\": 124, \"query\": {\"results\": [\"x\"]},\n \"results\": ";
        let page = format!("\u{feff}{before}{array},\n \"next\": \"}}]\\\"\"}}\n");
        assert!(page.len() > 2 * HEAD_BYTES, "{}", page.len());
        let read = |content: &str, block_bytes: usize| {
            let limits = Limits {
                block_bytes,
                pages: true,
                ..Limits::default()
            };
            items_of(content.as_bytes(), limits)
        };
        let alone = read(&array, 1 << 20);
        assert_eq!(alone.len(), 123);
        // In the page, an element lies one line further and its offset past the BOM and what
        // opens the page.
        let shift = (3 + before.len()) as u64;
        let moved: Vec<_> = alone
            .iter()
            .map(|(line, offset, v)| (line + 1, offset + shift, v.clone()))
            .collect();
        for block_bytes in [64, 100, 1000, 4096, 1 << 20] {
            assert_eq!(
                read(&page, block_bytes),
                moved,
                "blocks of {block_bytes} bytes"
            );
        }
    }

    /// Whether a page is read as its array is told from the first [`HEAD_BYTES`] alone, whatever
    /// the size of the file and of the blocks: the same file is read the same way.
    #[test]
    fn a_page_is_told_from_the_same_bytes_whatever_the_block_size() {
        let note = "x".repeat(HEAD_BYTES + 100);
        let results: Vec<String> = (0..100).map(|i| format!("{{\"id\": \"d{i}\"}}")).collect();
        let page = format!(
            "{{\"note\": \"{note}\",\n\"results\": [{}]}}\n",
            results.join(",\n")
        );
        for block_bytes in [64, 4096, 1 << 20] {
            let limits = Limits {
                block_bytes,
                pages: true,
                ..Limits::default()
            };
            let items = items_of(page.as_bytes(), limits);
            assert_eq!(items.len(), 1, "blocks of {block_bytes} bytes");
            assert!(items[0].2.as_deref() == Ok(page.as_str()));
        }
    }

    /// What is wrong around a page's array is one unreadable item, after its decisions, all
    /// read: a member after the array that is not JSON, a page not closed.
    #[test]
    fn a_damaged_page_keeps_its_decisions_and_says_what_is_wrong() {
        for (page, why) in [
            (
                "{\"results\": [\n{\"id\": \"a\"},\n{\"id\": \"b\"}\n], \"total\": 2,}\n",
                "the page around its results is not a JSON object: trailing comma",
            ),
            (
                "{\"results\": [\n{\"id\": \"a\"},\n{\"id\": \"b\"}\n], \"results\": [{\"id\": \"c\"}]}\n",
                "the page holds `results` 2 times: only the decisions of the first are read",
            ),
            (
                "{\"results\": [\n{\"id\": \"a\"},\n{\"id\": \"b\"}\n], \"total\": 2\n",
                "the page of results is not closed: its last `}` is missing",
            ),
            (
                "{\"results\": [\n{\"id\": \"a\"},\n{\"id\": \"b\"}\n",
                "the JSON array is not closed",
            ),
        ] {
            let items = items_of(page.as_bytes(), pages());
            assert_eq!(items.len(), 3, "{page}");
            assert_eq!(items[0].2.as_deref(), Ok("{\"id\": \"a\"}"), "{page}");
            assert_eq!(items[1].2.as_deref(), Ok("{\"id\": \"b\"}"), "{page}");
            assert_eq!(items[2].2, Err(why.to_string()), "{page}");
        }
    }

    /// Damage at the end of a page's array costs no decision: a bad last element ends at the
    /// array's `]`, whatever follows it; a `]` left over by damage after an element is one
    /// unreadable item, and the array goes on after it, as in a plain array.
    #[test]
    fn damage_at_the_end_of_a_page_loses_no_decision() {
        let bad = "{\"id\": \"b\", \"t\": \"x\" y\"}";
        let page = format!(
            "{{\"results\": [{{\"id\": \"a\"}}, {bad}], \"total\": 2, \"next\": null}}\n\
             {{\"results\": [{{\"id\": \"c\"}}]}}\n"
        );
        let items = items_of(page.as_bytes(), pages());
        let got: Vec<_> = items.iter().map(|i| i.2.clone()).collect();
        assert_eq!(
            got,
            vec![
                Ok("{\"id\": \"a\"}".to_string()),
                Ok(bad.to_string()),
                Ok("{\"results\": [{\"id\": \"c\"}]}".to_string()),
            ]
        );
        for page in [
            "{\"results\": [{\"id\": \"a\"}], {\"id\": \"b\"}], \"total\": 2}\n",
            "{\"results\": [\n  {\"id\": \"a\"}]\n  {\"id\": \"b\"}\n],\n\"total\": 2\n}\n",
        ] {
            let items = items_of(page.as_bytes(), pages());
            let got: Vec<_> = items.iter().map(|i| i.2.clone()).collect();
            assert_eq!(
                got,
                vec![
                    Ok("{\"id\": \"a\"}".to_string()),
                    Err("a `]` that does not end the JSON array".to_string()),
                    Ok("{\"id\": \"b\"}".to_string()),
                ],
                "{page}"
            );
        }
    }

    /// Pages one per line, the first longer than the head: the first is read as its array, the
    /// next ones as JSON Lines, each one item at its own line and offset.
    #[test]
    fn pages_one_per_line_after_a_long_first_page() {
        let texts: Vec<String> = (0..60_000)
            .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"Attendu que\"}}"))
            .collect();
        let first = format!("{{\"batch\":0,\"results\":[{}]}}", texts.join(","));
        // Longer than a block: the head read to tell the layout does not hold the first line.
        assert!(first.len() > Limits::default().block_bytes);
        let second = "{\"batch\":1,\"results\":[{\"id\":\"x\"}]}";
        let third = "{\"batch\":2,\"results\":[]}";
        let content = format!("{first}\n{second}\n\n{third}\n");
        let items = items_of(content.as_bytes(), pages());
        assert_eq!(items.len(), 60_002);
        assert_eq!(items[59_999].2.as_deref(), Ok(texts[59_999].as_str()));
        assert_eq!(
            items[60_000],
            (2, first.len() as u64 + 1, Ok(second.to_string()))
        );
        assert_eq!(
            items[60_001],
            (
                4,
                content.find(third).unwrap() as u64,
                Ok(third.to_string())
            )
        );
    }

    /// A page whose array cannot be found in the head read to tell the layout (`results` after
    /// a member too long for it, in a file larger than a block) or that is not an array is read
    /// whole, as any other object.
    #[test]
    fn a_page_whose_array_is_not_seen_first_is_read_whole() {
        let long = "x".repeat(Limits::default().block_bytes);
        for page in [
            format!("{{\n\"note\": \"{long}\",\n\"results\": [{{\"id\": \"a\"}}]\n}}\n"),
            "{\n\"results\": {\"id\": \"a\"}\n}\n".to_string(),
        ] {
            let items = items_of(page.as_bytes(), pages());
            assert_eq!(items.len(), 1);
            assert!(items[0].0 == 1 && items[0].1 == 0);
            assert!(items[0].2.as_deref() == Ok(page.as_str()));
        }
    }

    /// 120 array elements, each followed by `,` and CRLF, over two lines each: commas,
    /// brackets and escaped quotes in strings, accented text, nested values; element `i` has the
    /// id `r{i}`.
    fn elements_of_every_shape() -> String {
        let mut out = String::new();
        for i in 0..120 {
            let text = "é,]}\\\"[{".repeat(40 * (i % 13));
            out.push_str(&format!(
                "  {{\"id\": \"r{i}\",\r\n   \"text\": \"{text}\", \"n\": [1, {{\"a\": [2]}}]}},\r\n"
            ));
        }
        out
    }

    #[test]
    fn arrays_are_read_in_blocks_that_cut_between_elements() {
        // Elements of every shape, on one line and over several, with commas, brackets and
        // escaped quotes in strings, accented text, CRLF, a BOM, an over-long element, an empty
        // one and content after the array.
        let mut content = format!("\u{feff}[\r\n{}", elements_of_every_shape());
        content.push_str(&format!(
            "  {{\"id\": \"big\", \"text\": \"{}\"}},\n",
            "x".repeat(20_000)
        ));
        content.push_str("  \"last\", ,\n  42\n]\n trailing\n");
        let read = |block_bytes: usize| {
            let limits = Limits {
                block_bytes,
                max_record_bytes: 16 << 10,
                ..Limits::default()
            };
            items_of(content.as_bytes(), limits)
        };
        // Past the 64 KiB read first, so that small blocks really cut.
        assert!(content.len() > 4 * 64 * 1024, "{}", content.len());
        let whole = read(1 << 20);
        assert_eq!(whole.len(), 120 + 5);
        for small in [64, 100, 1000, 4096] {
            assert_eq!(read(small), whole, "blocks of {small} bytes");
        }
        // Each element is where its line, column and offset say.
        for (i, it) in whole.iter().take(120).enumerate() {
            assert_eq!(it.0, 2 + 2 * i as u64);
            let rec = parse_record(it.2.as_ref().unwrap().as_bytes(), None).unwrap();
            assert_eq!(rec.id, format!("r{i}"));
            assert!(content.as_bytes()[it.1 as usize..].starts_with(b"{\"id\""));
        }
        let tail: Vec<_> = whole[120..].iter().map(|t| t.2.clone()).collect();
        assert!(
            tail[0]
                .as_ref()
                .unwrap_err()
                .contains("larger than the limit"),
            "{tail:?}"
        );
        assert_eq!(tail[1].as_deref(), Ok("\"last\""));
        assert_eq!(tail[2].as_ref().unwrap_err(), "empty array element");
        assert_eq!(tail[3].as_deref(), Ok("42"));
        assert_eq!(
            tail[4].as_ref().unwrap_err(),
            "unexpected content after the JSON array"
        );
        assert_eq!(
            (whole[124].0, whole[124].1 as usize),
            (246, content.find("trailing").unwrap())
        );
    }

    /// Every item of `content` read as a corpus file: line, column, offset, and its bytes or why
    /// it is unreadable; the same with blocks of every size, which the file is cut in.
    fn cut(content: &str) -> Vec<(u64, u64, u64, Result<String, String>)> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        std::fs::write(&p, content).unwrap();
        let read = |block_bytes: usize| {
            let limits = Limits {
                block_bytes,
                ..Limits::default()
            };
            let (items, _, err) = read_items(&p, &limits);
            assert_eq!(err, None);
            items
                .into_iter()
                .map(|(l, c, o, v)| (l, c, o, v.map(|b| String::from_utf8(b).unwrap())))
                .collect::<Vec<_>>()
        };
        let whole = read(8 << 20);
        for small in [1, 7, 64] {
            assert_eq!(read(small), whole, "blocks of {small} bytes");
        }
        whole
    }

    /// The ids of the records read among `items`, and the items that are not records.
    #[allow(clippy::type_complexity)]
    fn records_and_rest(
        items: &[(u64, u64, u64, Result<String, String>)],
    ) -> (Vec<String>, Vec<(u64, u64, Result<String, String>)>) {
        let mut ids = Vec::new();
        let mut rest = Vec::new();
        for (l, c, _, v) in items {
            match v.as_deref().map(|b| parse_record(b.as_bytes(), None)) {
                Ok(Ok(r)) => ids.push(r.id),
                _ => rest.push((*l, *c, v.clone())),
            }
        }
        (ids, rest)
    }

    // The outside tester's case: a quote not escaped in one element's text turned every string
    // after it inside out, and the eight records after it were lost in one item, "the JSON
    // array ends before this element is complete". Now that element is one item, whose parse
    // says where the quote's damage shows, and every element after it is read; whether the
    // array is on one line, one element a line, or indented as `json.dump(indent=2)` writes it.
    #[test]
    fn an_element_with_a_stray_quote_is_one_item_and_the_next_ones_are_read() {
        // 22 bytes each, 23 for r10.
        let good = |n: usize| format!("{{\"id\":\"r{n}\",\"text\":\"t\"}}");
        let bad = r#"{"id": "oops", "text": "a stray " quote"}"#;
        let elements: Vec<String> = (1..=10)
            .map(|n| if n == 4 { bad.to_string() } else { good(n) })
            .collect();
        let want_ids: Vec<String> = [1, 2, 3, 5, 6, 7, 8, 9, 10]
            .iter()
            .map(|n| format!("r{n}"))
            .collect();
        // One line: `[`, then each element and its `,`: the fourth starts at column 2 + 3 × 23.
        let one_line = format!("[{}]\n", elements.join(","));
        let items = cut(&one_line);
        assert_eq!(items.len(), 10);
        let (ids, rest) = records_and_rest(&items);
        assert_eq!(ids, want_ids);
        assert_eq!(rest, [(1, 71, Ok(bad.to_string()))]);
        assert_eq!(items[3].2, 70);
        // `{"id": "oops", "text": "a stray "` is 33 chars: the ` quote` after the string is
        // what cannot be, at its 35th.
        let e = parse_record(bad.as_bytes(), None).unwrap_err();
        assert_eq!((e.line, e.column), (1, 35));
        assert_eq!(e.message, "bad JSON: expected `,` or `}`");

        // One element a line: the fourth on line 4, at column 1.
        let lines = format!("[{}]\n", elements.join(",\n"));
        let (ids, rest) = records_and_rest(&cut(&lines));
        assert_eq!(ids, want_ids);
        assert_eq!(rest, [(4, 1, Ok(bad.to_string()))]);

        // Indented: `[`, then 4 lines an element, each at column 3; the fourth from line 14.
        let indent = |e: &str| {
            let v: Value =
                serde_json::from_str(&e.replace("stray \" quote", "stray quote")).unwrap();
            let text = serde_json::to_string_pretty(&v)
                .unwrap()
                .replace('\n', "\n  ");
            format!("  {text}")
        };
        let pretty_bad = indent(bad).replace("stray quote", "stray \" quote");
        assert_eq!(
            pretty_bad,
            "  {\n    \"id\": \"oops\",\n    \"text\": \"a stray \" quote\"\n  }"
        );
        let indented: Vec<String> = (1..=10)
            .map(|n| {
                if n == 4 {
                    pretty_bad.clone()
                } else {
                    indent(&good(n))
                }
            })
            .collect();
        let pretty = format!("[\n{}\n]\n", indented.join(",\n"));
        let (ids, rest) = records_and_rest(&cut(&pretty));
        assert_eq!(ids, want_ids);
        assert_eq!(rest, [(14, 3, Ok(pretty_bad.trim_start().to_string()))]);
        // The damage shows on the element's third line: `    "text": "a stray "` is 22 chars.
        let e = parse_record(pretty_bad.trim_start().as_bytes(), None).unwrap_err();
        assert_eq!((e.line, e.column), (3, 24));
    }

    // In an array of 200 elements, the same quote lost one record: the next one, read as part of
    // the bad element. None is lost now.
    #[test]
    fn a_stray_quote_in_a_long_array_loses_no_other_record() {
        let elements: Vec<String> = (0..200)
            .map(|n| match n {
                117 => r#"{"id": "oops", "text": "a stray " quote"}"#.to_string(),
                _ => format!(
                    r#"{{"id": "r{n}", "text": "Attendu que, {n} fois, la cour [...] a dit."}}"#
                ),
            })
            .collect();
        for sep in [", ", ",\n  "] {
            let items = cut(&format!("[\n  {}\n]\n", elements.join(sep)));
            assert_eq!(items.len(), 200);
            let (ids, rest) = records_and_rest(&items);
            assert_eq!(ids.len(), 199);
            assert!(!ids.contains(&"r117".to_string()));
            assert_eq!(rest.len(), 1);
            assert_eq!(rest[0].2.as_deref(), Ok(elements[117].as_str()));
        }
    }

    // Other damage that leads the scanner astray, in one element between two good ones: the bad
    // element is one item, its bytes as they are, and the good ones are read, on one line or
    // one element a line.
    #[test]
    fn other_bad_elements_are_one_item_each() {
        let cases = [
            // Two quotes not escaped.
            r#"{"id": "b", "text": "il dit "non" et part"}"#,
            // A quote that follows the string it ends with a comma, or a closing bracket (the
            // element's own, then seeming to end it).
            r#"{"id": "b", "text": "oui ", dit-il"}"#,
            r#"{"id": "b", "text": "x "]", "n": 1}"#,
            r#"{"id": "b", "text": "x "}"}"#,
            // A backslash at the end of a text escapes its closing quote.
            r#"{"id": "b", "path": "C:\", "n": 1}"#,
            // A `,` left out between fields, or a `:`.
            r#"{"id": "b" "text": "x"}"#,
            r#"{"id": "b", "text" "x"}"#,
            // An object left open: the element's own, or one inside it.
            r#"{"id": "b", "text": "x""#,
            r#"{"id": "b", "zones": [{"start": 1, "end": 2}, {"start": 3], "n": 1}"#,
            // An array left open.
            r#"{"id": "b", "zones": [1, 2}"#,
            r#"{"id": "b", "zones": [{"start": 1}, "n": 1}"#,
            // A line end in a string.
            "{\"id\": \"b\", \"text\": \"ligne\nsuivante\"}",
        ];
        for bad in cases {
            for sep in [", ", ",\n"] {
                let content = format!(
                    "[{{\"id\": \"a\"}}{sep}{bad}{sep}{{\"id\": \"c\", \"zones\": [{{}}]}}]"
                );
                let (ids, rest) = records_and_rest(&cut(&content));
                assert_eq!(ids, ["a", "c"], "{bad:?} {sep:?}");
                let at = match sep {
                    ", " => (1, 15),
                    _ => (2, 1),
                };
                assert_eq!(rest, [(at.0, at.1, Ok(bad.to_string()))], "{bad:?} {sep:?}");
            }
        }
        // A string left open ends at its line: the next element, on the next line, is read.
        let content = "[\n  {\"id\": \"a\", \"text\": \"no end},\n  {\"id\": \"c\"}\n]\n";
        let (ids, rest) = records_and_rest(&cut(content));
        assert_eq!(ids, ["c"]);
        assert_eq!(
            rest,
            [(2, 3, Ok("{\"id\": \"a\", \"text\": \"no end}".into()))]
        );
        // Indented, an object left open ends where the next element starts its line.
        let content = "[\n  {\n    \"id\": \"a\",\n    \"zones\": [\n      {\"start\": 1,\n      \
                       {\"start\": 2}\n    ],\n    \"text\": \"x\",\n  {\n    \"id\": \"c\"\n  }\n]";
        let (ids, rest) = records_and_rest(&cut(content));
        assert_eq!(ids, ["c"]);
        let bad = &content[4..content.find(",\n  {\n    \"id\": \"c\"").unwrap()];
        assert!(bad.starts_with('{') && bad.ends_with("\"x\""), "{bad}");
        assert_eq!(rest, [(2, 3, Ok(bad.to_string()))]);
    }

    // A `]` that is not the array's end, left over by damage to the element before it or stray,
    // is an item of its own if it is not part of a bad element, and what follows it is read; an
    // array whose `]` is missing keeps its last element.
    #[test]
    fn a_misplaced_or_missing_closing_bracket_loses_no_element() {
        let stray = |col| {
            (
                1,
                col,
                Err("a `]` that does not end the JSON array".to_string()),
            )
        };
        // A `}` too many: the element seems to end before its own `]`, then taken for the
        // array's.
        let bad = r#"{"id": "a", "z": [{"s": 1}}]}"#;
        let (ids, rest) = records_and_rest(&cut(&format!("[{bad}, {{\"id\": \"c\"}}]")));
        assert_eq!(ids, ["c"]);
        assert_eq!(rest, [(1, 2, Ok(bad.to_string()))]);
        // A `]` after the first element (`{"id": "a"}` takes columns 2 to 12), then `,`, `{`
        // or `]`.
        for (content, want) in [
            (r#"[{"id": "a"}], {"id": "b"}]"#, vec!["a", "b"]),
            (r#"[{"id": "a"}]{"id": "b"}]"#, vec!["a", "b"]),
            (r#"[{"id": "a"}]]"#, vec!["a"]),
        ] {
            let (ids, rest) = records_and_rest(&cut(content));
            assert_eq!(ids, want, "{content}");
            assert_eq!(rest, [stray(13)], "{content}");
        }
        // No `]` at all: the last element is whole all the same, and the `]` is missing just
        // after it (`{"id": "b"}` takes columns 15 to 25), not on the line after the last.
        let (ids, rest) = records_and_rest(&cut("[{\"id\": \"a\"}, {\"id\": \"b\"}\n"));
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(rest, [(1, 26, Err("the JSON array is not closed".into()))]);
        let (ids, rest) = records_and_rest(&cut(
            "[\n  {\"id\": \"a\"},\n  {\n    \"id\": \"b\"\n  }\n\n",
        ));
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(rest, [(5, 4, Err("the JSON array is not closed".into()))]);
    }

    // The outside tester's case: an array laid out over lines, then one more record on the
    // line after its `]`. That `]` was taken for a stray one ("a `]` that does not end the JSON
    // array"), the record for a third element, and the array said not to be closed on line 6 of
    // a file of 5. A `]` followed by a `{` or `[` that starts a later line ends the array: what
    // follows is JSON Lines when its first line is one JSON value (records appended to an
    // export, each read), and otherwise content after the array, one item where it starts.
    #[test]
    fn what_follows_an_array_on_later_lines_is_read_as_lines_or_told() {
        let head = "[\n{\"id\":\"a\",\"text\":\"x\"},\n{\"id\":\"b\",\"text\":\"y\"}\n]\n";
        let after = |tail: &str| {
            let items = cut(&format!("{head}{tail}"));
            records_and_rest(&items)
        };
        let after_array = |line, col| {
            (
                line,
                col,
                Err("unexpected content after the JSON array".to_string()),
            )
        };
        // One record, then more: each read, at its line.
        let (ids, rest) = after("{\"id\":\"c\",\"text\":\"z\"}\n");
        assert_eq!(
            (ids, rest),
            (vec!["a".into(), "b".into(), "c".into()], vec![])
        );
        let items = cut(&format!(
            "{head}   {{\"id\":\"c\"}}\r\n\n[{{\"id\":\"d\"}}, 1]\nxyz"
        ));
        assert_eq!(
            items.iter().map(|i| (i.0, i.1)).collect::<Vec<_>>(),
            [(2, 1), (3, 1), (5, 4), (7, 2), (7, 14), (8, 1)]
        );
        let (ids, rest) = records_and_rest(&items);
        assert_eq!(ids, ["a", "b", "c", "d"]);
        // `{"id":"d"}` takes columns 2 to 11, then `, `: the `1` is at 14.
        assert_eq!(rest, [(7, 14, Ok("1".into())), (8, 1, Ok("xyz".into()))]);
        // Content that is not JSON Lines: one item where it starts.
        for (tail, at) in [
            ("xyz\n{\"id\":\"c\"}\n", (5, 1)),
            ("  [\n{\"id\":\"c\"}\n]\n", (5, 3)),
            ("{\"id\":\n\"c\"}\n", (5, 1)),
            ("\n\n 42\n", (7, 2)),
        ] {
            let (ids, rest) = after(tail);
            assert_eq!(ids, ["a", "b"], "{tail:?}");
            assert_eq!(rest, [after_array(at.0, at.1)], "{tail:?}");
        }
        // On the `]`'s own line, a `{` or `[` after it is more of the array, as before.
        let (ids, rest) = records_and_rest(&cut("[\n{\"id\":\"a\"}\n] {\"id\":\"b\"}]\n"));
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(
            rest,
            [(3, 1, Err("a `]` that does not end the JSON array".into()))]
        );
    }

    // A `,` left out between two elements lost them both (and every element up to the next
    // `,`), read as one bad item: each is read, and the `,` left out is an item of its own, at
    // the place where it belongs, just after the element before it; on one line, one element a
    // line or indented, in a page of results, after an element over the record limit, and
    // after a bad element when the next one starts its line.
    #[test]
    fn a_comma_left_out_between_elements_loses_no_element() {
        let missing = |line, col, next: (u64, u64)| {
            (
                line,
                col,
                Err(format!(
                    "a `,` is missing between two elements of the JSON array (the next one \
                     starts at line {}, column {})",
                    next.0, next.1
                )),
            )
        };
        // `{"id": "gN"}` takes 12 columns.
        let g = |n: u32| format!("{{\"id\": \"g{n}\"}}");
        // One element a line, the first three with no `,` after them but the third.
        let content = format!("[\n{}\n{}\n{},\n{}\n]\n", g(1), g(2), g(3), g(4));
        let items = cut(&content);
        let (ids, rest) = records_and_rest(&items);
        assert_eq!(ids, ["g1", "g2", "g3", "g4"]);
        assert_eq!(rest, [missing(2, 13, (3, 1)), missing(3, 13, (4, 1))]);
        // In the order of the file, at their offsets: the first `,` left out at byte 14.
        let places: Vec<_> = items.iter().map(|i| (i.0, i.1, i.2)).collect();
        assert_eq!(
            places,
            [
                (2, 1, 2),
                (2, 13, 14),
                (3, 1, 15),
                (3, 13, 27),
                (4, 1, 28),
                (5, 1, 42)
            ]
        );
        // On one line, with or without a space; and an array in place of an object.
        for (content, next) in [
            (format!("[{}{},{}]", g(1), g(2), g(3)), (1, 14)),
            (format!("[{} {},{}]", g(1), g(2), g(3)), (1, 15)),
        ] {
            let (ids, rest) = records_and_rest(&cut(&content));
            assert_eq!(ids, ["g1", "g2", "g3"], "{content}");
            assert_eq!(rest, [missing(1, 14, next)], "{content}");
        }
        let (ids, rest) = records_and_rest(&cut(&format!("[{} [1, 2]]", g(1))));
        assert_eq!(ids, ["g1"]);
        assert_eq!(
            rest,
            [missing(1, 14, (1, 15)), (1, 15, Ok("[1, 2]".to_string()))]
        );
        // Indented as `json.dump(indent=2)` writes it, with accents: columns count chars.
        let content = "[\n  {\n    \"id\": \"é1\"\n  }\n  {\n    \"id\": \"é2\"\n  }\n]";
        let (ids, rest) = records_and_rest(&cut(content));
        assert_eq!(ids, ["é1", "é2"]);
        assert_eq!(rest, [missing(4, 4, (5, 3))]);
        // After a bad element: when the next one starts its line, at the first one's column.
        let bad = r#"{"id": "bad", "x": [1, 2}"#;
        let content = format!("[\n{}\n{}\n{}\n]", g(1), bad, g(2));
        let (ids, rest) = records_and_rest(&cut(&content));
        assert_eq!(ids, ["g1", "g2"]);
        assert_eq!(
            rest,
            [
                missing(2, 13, (3, 1)),
                (3, 1, Ok(bad.to_string())),
                missing(3, 26, (4, 1))
            ]
        );
        // In a page of results.
        let page = format!("{{\"total\": 2, \"results\": [{}\n{}]}}\n", g(1), g(2));
        let items = items_of(page.as_bytes(), pages());
        assert_eq!(
            items,
            [
                (1, 25, Ok(g(1))),
                (1, 37, missing(1, 38, (2, 1)).2),
                (2, 38, Ok(g(2)))
            ]
        );
        // After an element over the record limit, dropped as it is read.
        let content = format!("[{{\"id\": \"{}\"}}\n{}]", "x".repeat(200), g(2));
        let limits = Limits {
            max_record_bytes: 100,
            ..Limits::default()
        };
        let got = items_of(content.as_bytes(), limits);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            got[0]
                .2
                .as_ref()
                .unwrap_err()
                .contains("larger than the limit")
        );
        assert_eq!(got[1].2, missing(1, 212, (2, 1)).2);
        assert_eq!(got[2].2.as_deref(), Ok(g(2).as_str()));
    }

    // An array's lines are counted as an editor counts them, as JSON Lines' are: LF, CRLF (cut
    // between its two bytes by the blocks) and CR alone each end one, a CR in a string too; so
    // every element, and the place of an error inside one, is on the line an editor shows.
    #[test]
    fn an_array_counts_lines_ended_by_cr_alone() {
        let content = "[\r  {\"id\": \"a\"},\r\n  {\"id\": \"b\",\r    \"t\": \"x\ry\"},\n  \
                       {\"id\": \"c\"}\r  {\"id\": \"d\"}\r]\r\n";
        let items = cut(content);
        let at = |s: &str| content.find(s).unwrap() as u64;
        let b = "{\"id\": \"b\",\r    \"t\": \"x\ry\"}";
        assert_eq!(
            items,
            [
                (
                    2,
                    3,
                    at("{\"id\": \"a\""),
                    Ok("{\"id\": \"a\"}".to_string())
                ),
                (3, 3, at(b), Ok(b.to_string())),
                (
                    6,
                    3,
                    at("{\"id\": \"c\""),
                    Ok("{\"id\": \"c\"}".to_string())
                ),
                (
                    6,
                    14,
                    at("{\"id\": \"c\"}") + 11,
                    Err(
                        "a `,` is missing between two elements of the JSON array (the next \
                         one starts at line 7, column 3)"
                            .to_string()
                    )
                ),
                (
                    7,
                    3,
                    at("{\"id\": \"d\""),
                    Ok("{\"id\": \"d\"}".to_string())
                ),
            ]
        );
        // The CR in b's text, at the end of the element's second line (`    "t": "x`), the
        // file's fourth.
        let e = parse_record(b.as_bytes(), None).unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{}", e.message);
        // An array of nothing after a byte order mark (no char) and a CRLF and a CR.
        let empty = cut("\u{feff}\r\n\r  [ ]");
        assert_eq!(empty, [(3, 3, 8, Err(EMPTY_ARRAY.to_string()))]);
    }

    // Telling damage costs no more than a look at each byte: an array of one long line whose
    // every element is bad, in every way above, is read in one pass (a scan that went back to
    // each bad element's start would take hours here).
    #[test]
    fn an_array_of_one_line_of_bad_elements_is_read_in_one_pass() {
        let bad = [
            r#"{"id": "b", "text": "a stray " quote, ], [ {"}"#,
            r#"{"id": "b", "zones": [{"a": [[[ 1}], "n": 1}"#,
            r#"{"id": "b", "y": {"z": {"a": 1, "#,
        ];
        let mut content = String::from("[");
        for n in 0..60_000 {
            content.push_str(bad[n % 3]);
            content.push(',');
        }
        content.push_str("{\"id\": \"last\"}]");
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        std::fs::write(&p, &content).unwrap();
        let (items, _, err) = read_items(&p, &Limits::default());
        assert_eq!(err, None);
        assert_eq!(items.len(), 60_001);
        let last = items.last().unwrap().3.as_ref().unwrap();
        assert_eq!(last, b"{\"id\": \"last\"}");
    }

    // JSON Lines whose first line starts with `[`: read as one array, `[1, 2]` then two records
    // gave no record, the two lines one item, "unexpected content after the JSON array". A first
    // line that is a whole JSON value with more after it is JSON Lines; an array over several
    // lines, or of one line and nothing after, is an array. A line of JSON Lines that holds an
    // array is read as the array's elements, each an item at its column: `[1, 2]` is two items
    // (neither a record), and an array of records on one line is those records.
    #[test]
    fn json_lines_whose_first_line_is_an_array_are_json_lines() {
        let items = cut("[1, 2]\n{\"id\": \"a\"}\n\n{\"id\": \"b\"}\n");
        let (ids, rest) = records_and_rest(&items);
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(rest, [(1, 2, Ok("1".into())), (1, 5, Ok("2".into()))]);
        assert_eq!(items.iter().map(|i| i.0).collect::<Vec<_>>(), [1, 1, 2, 4]);
        // A BOM, white space, and a broken line after: the array's element at its column (the
        // BOM is no char: ` [` puts the `{` at column 3, byte 5), the next line as JSON Lines
        // has it, from the line's start and up to its end.
        let items = cut("\u{feff} [{\"id\": \"a\"}] \r\n{\"id\": \r\n");
        assert_eq!(
            items,
            [
                (1, 3, 5, Ok("{\"id\": \"a\"}".into())),
                (2, 1, 20, Ok("{\"id\": \r".into()))
            ]
        );
        for array in [
            "[1, 2]\n",
            "[1, 2]\n \n\t\n",
            "[1,\n2]\n",
            "[\n  1,\n  2\n]",
            " [1, 2]",
        ] {
            let items = cut(array);
            let got: Vec<_> = items.iter().map(|i| i.3.clone()).collect();
            assert_eq!(got, [Ok("1".into()), Ok("2".into())], "{array:?}");
        }
        // What follows a first line that is not a whole value stays after the array.
        let items = cut("[1,\n2] [3]\n");
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[2].3,
            Err("unexpected content after the JSON array".into())
        );
        // A first line longer than the head read to tell the layout is read on for, whatever
        // the size of the blocks: the same lines. (It was held to be an array's: its `]` a
        // stray one, the lines after it the array's elements, and the array not closed.)
        let long = format!(
            "[{{\"id\": \"a\", \"text\": \"{}\"}}]",
            "x".repeat(HEAD_BYTES)
        );
        let items = cut(&format!("{long}\n{{\"id\": \"b\"}}\n"));
        let (ids, rest) = records_and_rest(&items);
        assert_eq!((ids, rest), (vec!["a".to_string(), "b".into()], vec![]));
        assert_eq!((items[0].0, items[0].1), (1, 2));
        // Alone, or with only white space after it, that line is an array on one line.
        let items = cut(&format!("{long}\n \n"));
        let (ids, rest) = records_and_rest(&items);
        assert_eq!((ids, rest), (vec!["a".to_string()], vec![]));
    }

    // The outside tester's case: an array of two records on one line, then a stray line, was
    // read as JSON Lines whose first line was one record, "not an object but an array": both
    // records were lost (and with no other record, the run was unusable input). The same array
    // laid out over lines kept them. Either way the records are read now, and the stray line
    // is one item at its place.
    #[test]
    fn an_array_on_one_line_then_a_stray_line_loses_no_record() {
        let a = r#"{"id":"a","text":"x"}"#;
        let b = r#"{"id":"b","text":"y"}"#;
        let items = cut(&format!("[{a},{b}]\nxyz\n"));
        let (ids, rest) = records_and_rest(&items);
        assert_eq!(ids, ["a", "b"]);
        // `a` takes columns 2 to 22, its `,` 23: `b` starts at 24.
        assert_eq!(
            items.iter().map(|i| (i.0, i.1)).collect::<Vec<_>>(),
            [(1, 2), (1, 24), (2, 1)]
        );
        assert_eq!(rest, [(2, 1, Ok("xyz".into()))]);
        let e = parse_record(b"xyz", None).unwrap_err();
        assert_eq!(e.message, "bad JSON: expected value");
        // Laid out over lines: the stray line is content after the array.
        let items = cut(&format!("[\n{a},\n{b}\n]\nxyz\n"));
        let (ids, rest) = records_and_rest(&items);
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(
            rest,
            [(5, 1, Err("unexpected content after the JSON array".into()))]
        );
    }

    // A line of JSON Lines that holds an array is read as its elements wherever it is: a batch
    // of records on one line is those records; what is not a record in it, and what follows its
    // `]` on the line, are items of their own at their columns; an empty array, one that says
    // so; one left open, its elements and one that says so where the `]` is missing.
    #[test]
    fn arrays_on_lines_of_json_lines_are_read_as_their_elements() {
        let content = "{\"id\":\"a\"}\n\
                       [{\"id\":\"b\"},{\"id\":\"c\"}]\r\n\
                       []\n  [{\"id\":\"d\"}, 7] x\n\
                       [{\"id\":\"e\"}\n\
                       [{\"id\":\"f\"}]\r[{\"id\":\"g\"}]\n";
        let items = cut(content);
        let (ids, rest) = records_and_rest(&items);
        assert_eq!(ids, ["a", "b", "c", "d", "e", "f", "g"]);
        let at = |s: &str| content.find(s).unwrap() as u64;
        assert_eq!(
            items.iter().map(|i| (i.0, i.1, i.2)).collect::<Vec<_>>(),
            [
                (1, 1, 0),
                (2, 2, at("{\"id\":\"b\"")),
                (2, 13, at("{\"id\":\"c\"")),
                (3, 1, at("[]")),
                (4, 4, at("{\"id\":\"d\"")),
                (4, 16, at("7")),
                (4, 19, at("x")),
                (5, 2, at("{\"id\":\"e\"")),
                (5, 12, at("{\"id\":\"e\"") + 10),
                // A CR alone after a whole array ends its line, as after a record.
                (6, 2, at("{\"id\":\"f\"")),
                (7, 2, at("{\"id\":\"g\"")),
            ]
        );
        assert_eq!(
            rest,
            [
                (3, 1, Err(EMPTY_ARRAY.into())),
                (4, 16, Ok("7".into())),
                (4, 19, Err("unexpected content after the JSON array".into())),
                (5, 12, Err("the JSON array is not closed".into())),
            ]
        );
    }

    // A first line of 200,000 brackets nested 100,000 deep, then three records: it is one
    // unreadable item and the records are read, whatever its depth and length. (Past 64 KiB it
    // was held to be an array's, and the records became one item whose error named line 3.)
    // So for a flat array of 80,000 bytes on the first line, whose 40,001 elements are items.
    #[test]
    fn a_deep_or_long_first_line_loses_no_record_after_it() {
        let records = "{\"id\": \"a\"}\n{\"id\": \"b\"}\n{\"id\": \"c\"}\n";
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let flat = format!("[{}1]", "1,".repeat(40_000));
        for (first, elements) in [(deep, 1), (flat, 40_001)] {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("c.jsonl");
            std::fs::write(&p, format!("{first}\n{records}")).unwrap();
            let (items, _, err) = read_items(&p, &Limits::default());
            assert_eq!(err, None);
            let lines: Vec<u64> = items.iter().map(|i| i.0).collect();
            assert_eq!(lines.len(), elements + 3);
            assert!(lines[..elements].iter().all(|&l| l == 1));
            assert_eq!(lines[elements..], [2, 3, 4]);
            // The deep line's one element: all but its outer brackets, from column 2.
            if elements == 1 {
                assert_eq!(items[0].1, 2);
                assert_eq!(
                    items[0].3.as_deref(),
                    Ok(&first.as_bytes()[1..first.len() - 1])
                );
            }
            for (item, id) in items[elements..].iter().zip(["a", "b", "c"]) {
                let want = format!("{{\"id\": \"{id}\"}}");
                assert_eq!(item.3.as_deref(), Ok(want.as_bytes()));
            }
        }
        // A first line longer than FIRST_LINE_BYTES: a regular file is read again for its end
        // (the line is not held), and it is JSON Lines as above; alone, an array on one line
        // (as `json.dump` writes one), its elements items of their own. From a pipe, which
        // cannot be read again, it is an array, and the lines after its `]` are JSON Lines
        // all the same: the same items.
        let element = format!("\"{}\"", "x".repeat(1000));
        let n = (FIRST_LINE_BYTES + HEAD_BYTES) / 1000 + 10;
        let huge = format!("[{}]", vec![element.as_str(); n].join(","));
        assert!(huge.len() > FIRST_LINE_BYTES + HEAD_BYTES);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        std::fs::write(&p, format!("{huge}\n{records}")).unwrap();
        let (items, _, _) = read_items(&p, &Limits::default());
        let lines: Vec<u64> = items.iter().map(|i| i.0).collect();
        assert_eq!(lines.len(), n + 3);
        assert_eq!(lines[n..], [2, 3, 4]);
        assert_eq!(items[0].3.as_deref(), Ok(element.as_bytes()));
        assert_eq!(items[n - 1].3.as_deref(), Ok(element.as_bytes()));
        let piped = format!("{huge}\n{records}");
        let mut from_pipe = Vec::new();
        let pipe = CorpusFile {
            path: p.clone(),
            name: "-".into(),
            len: 0,
            in_folder: false,
        };
        read_opened(
            piped.as_bytes(),
            b"",
            &pipe,
            0,
            &Limits::default(),
            None,
            &mut |b| {
                for it in &b.items {
                    let v = match &it.kind {
                        ItemKind::Bytes(..) => Ok(b.item_bytes(it).unwrap().to_vec()),
                        ItemKind::Unreadable(m) => Err(m.clone()),
                    };
                    from_pipe.push((it.line, it.column, it.offset, v));
                }
                true
            },
        )
        .unwrap();
        assert!(from_pipe == items, "the same items from a pipe");
        // Past the record limit, line 1 is one unreadable item, and the records still follow.
        let small = Limits {
            max_record_bytes: 1 << 20,
            ..Limits::default()
        };
        let (items, _, _) = read_items(&p, &small);
        let lines: Vec<u64> = items.iter().map(|i| i.0).collect();
        assert_eq!(lines, [1, 2, 3, 4]);
        assert!(items[0].3.is_err());
        assert_eq!(items[3].3.as_deref(), Ok(&b"{\"id\": \"c\"}"[..]));
        std::fs::write(&p, format!("{huge}\n")).unwrap();
        let (items, _, _) = read_items(&p, &Limits::default());
        assert_eq!(items.len(), n);
        assert_eq!(items[0].3.as_deref(), Ok(element.as_bytes()));
        assert_eq!(items[n - 1].3.as_deref(), Ok(element.as_bytes()));
        // The same file's bytes from a pipe: told to be an array.
        let mut layout_head = piped.as_bytes()[..HEAD_BYTES].to_vec();
        let mut rest = &piped.as_bytes()[HEAD_BYTES..];
        let mut eof = false;
        let layout = detect_layout(
            &mut layout_head,
            &mut rest,
            &mut eof,
            0,
            &Limits::default(),
            None,
        )
        .unwrap();
        assert!(matches!(layout, Layout::Array));
        // Read again, a file gives the same answer as one read whole would.
        assert_eq!(first_line_in_file(&p, 0, 64 << 20), Some(false));
        std::fs::write(&p, format!("{huge}\n{records}")).unwrap();
        assert_eq!(first_line_in_file(&p, 0, 64 << 20), Some(true));
        assert_eq!(first_line_in_file(&p, 0, 1 << 20), None);
        std::fs::write(&p, format!("{huge}]\n{records}")).unwrap();
        assert_eq!(first_line_in_file(&p, 0, 64 << 20), Some(false));
        // By its brackets alone: strings and escapes skipped, nothing after but white space.
        assert!(one_value_line(b"[1, \"]\\\"\", {\"a\": [2]}] \r"));
        assert!(one_value_line(b"[1, 2 3]"));
        assert!(!one_value_line(b"["));
        assert!(!one_value_line(b"[1,"));
        assert!(!one_value_line(b"[1]]"));
        assert!(!one_value_line(b"[1] [2]"));
        assert!(!one_value_line(b"[\"]"));
    }

    #[test]
    fn a_pretty_printed_object_is_one_record() {
        let items = items_of(
            b"{\n  \"id\": \"a\",\n  \"text\": \"t\"\n}\n",
            Limits::default(),
        );
        assert_eq!(items.len(), 1);
        assert_eq!(
            parse_record(items[0].2.as_ref().unwrap().as_bytes(), None)
                .unwrap()
                .id,
            "a"
        );
    }

    #[test]
    fn empty_file_is_accounted_for() {
        let items = items_of(b"", Limits::default());
        assert_eq!(items.len(), 1);
        assert!(items[0].2.is_err());
    }

    #[test]
    fn record_errors_say_why() {
        assert!(
            parse_record(b"{\"text\":\"x\"}", None)
                .unwrap_err()
                .message
                .contains("no `id`")
        );
        let e = parse_record(b"{\"id\":\"a\", \"text\": {}}", None).unwrap_err();
        assert_eq!(e.id.as_deref(), Some("a"));
        let e = parse_record(b"{\"id\":\"a\" \"x\"}", None).unwrap_err();
        assert_eq!((e.line, e.column), (1, 11));
        let e = parse_record(b"{\"id\":\"\xff\"}", None).unwrap_err();
        assert!(e.message.contains("UTF-8"), "{}", e.message);
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse_record(deep.as_bytes(), None).is_err());
    }

    // Files that each began with a byte order mark, joined with `cat`: a mark begins a line.
    #[test]
    fn a_byte_order_mark_before_a_record_is_skipped() {
        let r = parse_record(b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"x\"}", None).unwrap();
        assert_eq!(r.id, "a");
        // An error after it is placed on the line as it is, the mark included: one char.
        let e = parse_record(b"\xEF\xBB\xBF{\"id\":}", None).unwrap_err();
        let plain = parse_record(b"{\"id\":}", None).unwrap_err();
        assert_eq!((e.line, e.column), (1, plain.column + 1));
        assert_eq!(e.message, plain.message);
    }

    #[test]
    fn bad_records_keep_serde_json_errors_and_places() {
        // Records the fast parser gives up on: the error is serde_json's, at serde_json's place
        // as an editor shows it: the same in ASCII on one line; in chars after `é` (two bytes);
        // at the end of its line for a line feed in a string (serde_json: column 0 of the next).
        let cases: &[(&str, Option<(u64, u64)>)] = &[
            ("{\"id\":\"a\",\"text\":\"x\\q\"}", None),
            ("{\"id\":\"a\",\"text\":\"x\\u12\"}", None),
            ("{\"id\":\"a\",\"text\":\"line\nbreak\"}", Some((1, 23))),
            ("{\"id\":\"a\",\"text\":\"tab\there\"}", None),
            ("{\"id\":\"a\",\"text\":\"é\\", Some((1, 20))),
            ("{\"id\":\"a\",\"text\":\"open", None),
            ("{\"id\":\"a\",\"n\":01}", None),
            ("{\"id\":\"a\",}", None),
            ("{\"id\":\"a\"} {}", None),
            ("{\"id\" \"a\"}", None),
            ("[1, 2", None),
            ("tru", None),
            ("{\"id\":\"a\",\n\"n\":01}", None),
            // Cut short after a line feed: at the start of the line after it.
            ("{\"id\":\"a\",\n", Some((2, 1))),
        ];
        for &(json, place) in cases {
            let e = serde_json::from_str::<Value>(json).unwrap_err();
            let got = parse_record(json.as_bytes(), None).unwrap_err();
            let serde = (e.line() as u64, e.column() as u64);
            assert_eq!((got.line, got.column), place.unwrap_or(serde), "{json}");
            assert!(place != Some(serde), "{json}");
            assert!(
                got.message.ends_with(&strip_position(&e.to_string())),
                "{json}: {}",
                got.message
            );
        }
        // Lone surrogates, which serde_json refuses, are read as U+FFFD; the place of another
        // error after one is still serde_json's.
        let r = parse_record(b"{\"id\":\"a\",\n\"text\":\"x\\udc00y\\ud800\"}", None).unwrap();
        assert_eq!(r.text.as_deref(), Some("x\u{fffd}y\u{fffd}"));
        let mended = "{\"id\":\"a\",\"text\":\"x\\ufffd\\q\"}";
        let e = serde_json::from_str::<Value>(mended).unwrap_err();
        let got = parse_record(b"{\"id\":\"a\",\"text\":\"x\\ud800\\q\"}", None).unwrap_err();
        assert_eq!((got.line, got.column), (1, e.column() as u64));
        assert_eq!(got.message, "bad JSON: invalid escape");
    }

    // Invalid UTF-8 in a string was placed where serde_json tells it, roughly: at the string's
    // end, moved back by the length of what followed the bad byte once unescaped (one column off
    // after a `\n`, dozens after a long text with escapes). It is placed at its first invalid
    // byte, in chars (each accent one) as other places are, on its line however the record's
    // lines end.
    #[test]
    fn invalid_utf8_is_placed_at_its_first_bad_byte() {
        let cases: &[(&[u8], (u64, u64))] = &[
            // `{"id":"a","text":"ab` is 20 chars.
            (b"{\"id\":\"a\",\"text\":\"ab\xffcdefghij\\nxyz\"}", (1, 21)),
            (b"{\"id\":\"a\",\"text\":\"ab\xffcdefghij\"}", (1, 21)),
            // Escapes before it and after it, accents before it (`\u00e9` is 6 chars).
            (
                b"{\"id\":\"a\",\"text\":\"\\\"\xc3\xa9t\xc3\xa9\\u00e9 \xfe\\n\\t\\n\\\"x\"}",
                (1, 31),
            ),
            // A sequence cut short (`é` without its second byte), in a key.
            (b"{\"id\":\"a\",\"t\xc3\":1}", (1, 13)),
            // On the third line of a pretty-printed record, after CRLF, LF or CR alone.
            (
                b"{\r\n  \"id\": \"a\",\r\n  \"text\": \"\xc3\xa0 \x80\"\r\n}",
                (3, 14),
            ),
            (
                b"{\n  \"id\": \"a\",\n  \"text\": \"\xc3\xa0 \x80\"\n}",
                (3, 14),
            ),
            (
                b"{\r  \"id\": \"a\",\r  \"text\": \"\xc3\xa0 \x80\"\r}",
                (3, 14),
            ),
        ];
        for &(json, place) in cases {
            let e = parse_record(json, None).unwrap_err();
            assert_eq!(
                (e.line, e.column),
                place,
                "{}",
                String::from_utf8_lossy(json)
            );
            assert!(e.message.starts_with("invalid UTF-8"), "{}", e.message);
        }
        // A JSON error before the bad byte is told first, at its own place.
        let e = parse_record(b"{\"id\":\"a\",\"n\":x,\"t\":\"\xff\"}", None).unwrap_err();
        assert_eq!((e.line, e.column), (1, 15));
        assert!(e.message.ends_with("expected value"), "{}", e.message);
    }

    // Lines as an editor counts them: a CR alone ends a line, as LF and CRLF do (one line for a
    // CRLF, whichever of its bytes the error is at).
    #[test]
    fn record_errors_count_lines_as_an_editor_does() {
        for (json, place) in [
            ("{\"id\":\"a\",\r\"n\":01}", (2, 6)),
            ("{\"id\":\"a\",\r\n\"n\":01}", (2, 6)),
            ("{\"id\":\"a\",\r\r\n\r\"n\":01}", (4, 6)),
            ("{\"id\":\"a\"}\r{\"id\":\"b\"}", (2, 1)),
            // A line break in a string: at its CR, on the line that it ends.
            ("{\"id\":\"a\",\"t\":\"x\r\ny\"}", (1, 17)),
            ("{\"id\":\"a\",\"t\":\"x\ny\"}", (1, 17)),
        ] {
            let e = parse_record(json.as_bytes(), None).unwrap_err();
            assert_eq!((e.line, e.column), place, "{json:?}: {}", e.message);
        }
    }

    /// `excerpt`: booleans, and the strings and numbers exports write for them, are read; a
    /// value that says neither (`"partial"`, `2`, `[]`) makes the record an IN001 naming it,
    /// not a guess either way (`"false"` was read as false but `"no"`… as false too, and `2`
    /// as true).
    #[test]
    fn excerpt_is_read_by_one_documented_rule() {
        let flag = |v: &str| {
            parse_record(
                format!("{{\"id\": \"r\", \"excerpt\": {v}}}").as_bytes(),
                None,
            )
            .map(|r| r.excerpt)
            .map_err(|e| (e.id, e.message))
        };
        for yes in [
            "true",
            "\"true\"",
            "\" TRUE \"",
            "\"oui\"",
            "\"Oui\"",
            "\"yes\"",
            "\"vrai\"",
            "1",
            "1.0",
            "\"1\"",
        ] {
            assert_eq!(flag(yes), Ok(true), "{yes}");
        }
        for no in [
            "false",
            "\"false\"",
            "\"non\"",
            "\"NON\"",
            "\"no\"",
            "\"faux\"",
            "0",
            "\"0\"",
            "\"\"",
            "\"  \"",
            "null",
        ] {
            assert_eq!(flag(no), Ok(false), "{no}");
        }
        let why = |v: &str| {
            format!(
                "`excerpt` must be a boolean (true or false; also read: \"true\" or \"false\", \
                 \"oui\" or \"non\", \"yes\" or \"no\", \"vrai\" or \"faux\", 1 or 0), not {v}"
            )
        };
        for (bad, shown) in [
            ("\"partial\"", "«partial»"),
            ("\"y\"", "«y»"),
            ("2", "2"),
            ("-1", "-1"),
            ("0.5", "0.5"),
            ("[]", "an array"),
            ("{}", "an object"),
        ] {
            assert_eq!(flag(bad), Err((Some("r".to_string()), why(shown))), "{bad}");
        }
        // Absent: not an excerpt.
        assert!(!parse_record(b"{\"id\": \"r\"}", None).unwrap().excerpt);
    }

    #[test]
    fn mapping_reads_nested_paths_and_defaults() {
        let m = Mapping::parse(
            "[fields]\nid = \"ref\"\ntext = \"content.body\"\n[defaults]\nattribution = \"Légifrance\"\nexcerpt = true\n",
            Path::new("m.toml"),
        )
        .unwrap();
        let r = parse_record(
            br#"{"ref": 17, "content": {"body": "La Cour"}, "president": "M. X"}"#,
            Some(&m),
        )
        .unwrap();
        assert_eq!(r.id, "17");
        assert_eq!(r.text.as_deref(), Some("La Cour"));
        assert_eq!(r.attribution.as_deref(), Some("Légifrance"));
        assert!(r.excerpt);
        assert_eq!(r.extra.len(), 2);
    }

    /// An id given as a number beyond 64-bit integers is kept as written, not rounded as a
    /// float: two such ids stay two (no false IN002), and reports show the reuser's id.
    #[test]
    fn numeric_ids_are_kept_as_written() {
        let id = |json: &[u8], m: Option<&Mapping>| {
            let r = parse_record(json, m).unwrap();
            (r.id, r.source_id)
        };
        assert_eq!(
            id(
                br#"{"id": 18446744073709551616, "source_id": -123456789012345678901234}"#,
                None
            ),
            (
                "18446744073709551616".to_string(),
                Some("-123456789012345678901234".to_string())
            )
        );
        assert_eq!(
            id(br#"{"id": 18446744073709551617}"#, None).0,
            "18446744073709551617"
        );
        // Other numbers as before; the last of duplicate keys, as serde_json reads them.
        assert_eq!(id(br#"{"id": 1.5e3}"#, None).0, "1.5e3");
        assert_eq!(id(br#"{"id": 17}"#, None).0, "17");
        assert_eq!(
            id(br#"{"id": "a", "id": 98765432109876543210}"#, None).0,
            "98765432109876543210"
        );
        // At a mapped path, in an object or an array.
        let m = Mapping::parse(
            "[fields]\nid = \"meta.refs[1]\"\nsource_id = \"src\"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        assert_eq!(
            id(
                br#"{"meta": {"refs": [1, 36893488147419103232]}, "src": 99999999999999999999}"#,
                Some(&m)
            ),
            (
                "36893488147419103232".to_string(),
                Some("99999999999999999999".to_string())
            )
        );
    }

    // A number beyond the range of a 64-bit float is valid JSON (Python, JavaScript and jq
    // read it), but serde_json refused the whole record, "number out of range": `1e400` in a
    // field no rule reads lost the record and all its findings. Such a number is kept as
    // written, as a string, wherever it is; an id so written is that id.
    #[test]
    fn numbers_beyond_a_float_lose_no_record() {
        let rec = parse_record(
            br#"{"id": "r1", "score": 1e400, "n": [-2e308, {"x": 1E+999}], "small": 1e-400, "t": "\"1e400"}"#,
            None,
        )
        .unwrap();
        assert_eq!(rec.id, "r1");
        let extra = |k: &str| rec.extra.iter().find(|(n, _)| n == k).unwrap().1.clone();
        assert_eq!(extra("score"), Value::String("1e400".into()));
        assert_eq!(extra("n"), serde_json::json!(["-2e308", {"x": "1E+999"}]));
        // Below a float's least magnitude, a number is zero, as serde_json always read it.
        assert_eq!(extra("small"), serde_json::json!(0.0));
        // The digits of a string are not a number.
        assert_eq!(extra("t"), Value::String("\"1e400".into()));
        // An id: read as written (README), whatever its form.
        let big = format!("1{}", "0".repeat(400));
        for written in ["1e400", "-1E+400", "1.5e999", big.as_str()] {
            let json = format!(r#"{{"id": {written}, "text": "x"}}"#);
            assert_eq!(parse_record(json.as_bytes(), None).unwrap().id, written);
        }
        // Another error is told at its own place, as if the numbers were not quoted: `x` is
        // the 25th char of the first record, the 7th of the second's second line.
        for (json, place) in [
            (&br#"{"id":"a","n":1e400,"t":x}"#[..], (1, 25)),
            (b"{\"n\": 1e400, \"m\": -1e999,\n \"t\": x}", (2, 7)),
        ] {
            let e = parse_record(json, None).unwrap_err();
            assert_eq!((e.line, e.column), place, "{e:?}");
            assert_eq!(e.message, "bad JSON: expected value");
            assert_eq!(parse_json_agrees_with_serde_json(json), Ok(()));
        }
        // A number JSON's grammar does not allow is not made a string: serde_json tells it.
        let e = parse_record(br#"{"id": "a", "n": 01e400}"#, None).unwrap_err();
        assert!(e.message.starts_with("bad JSON"), "{e:?}");
    }

    // A field of the wrong type was reported at column 1 of the record, wherever the field
    // was: it is placed at its value, as an editor shows it (in chars, on its line), at its
    // mapped path too, and for the last of duplicate keys (the one read). A field a mapping's
    // default gives has no place in the record: column 1, as before.
    #[test]
    fn a_field_of_the_wrong_type_is_placed_at_its_value() {
        let m = Mapping::parse(
            "[fields]\nid = \"meta.ref\"\ntext = \"meta.t\"\n[defaults]\nurl = \"u\"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        for (json, mapping, want) in [
            (
                &br#"{"id":"a","text":"x","url":{"href":"x"}}"#[..],
                None,
                (1, 28, "field `url` must be a string, not an object"),
            ),
            (
                br#"{"id": [1], "text": "x"}"#,
                None,
                (1, 8, "`id` must be a string, not an array"),
            ),
            (
                r#"{"id":"é", "excerpt": "partial"}"#.as_bytes(),
                None,
                (1, 23, "`excerpt` must be a boolean"),
            ),
            (
                br#"{"id":"a","text_format":"md","text_format":"rtf"}"#,
                None,
                (1, 44, "`text_format` must be `plain` or `html`, not `rtf`"),
            ),
            // The value is quoted as written, not lower-cased.
            (
                br#"{"id":"a","text_format":" Markdown QQ=="}"#,
                None,
                (
                    1,
                    25,
                    "`text_format` must be `plain` or `html`, not ` Markdown QQ==`",
                ),
            ),
            (
                b"{\n  \"id\": \"a\",\n  \"commentary\": {\"x\": 1}\n}",
                None,
                (3, 17, "field `commentary` must be a string, not an object"),
            ),
            (
                br#"{"meta": {"ref": "a", "body": 5, "t": {"x": 1}}}"#,
                Some(&m),
                // A mapped field by its path in the reuser's schema, vigie's name beside it.
                (
                    1,
                    39,
                    "field `meta.t` (text) must be a string, not an object",
                ),
            ),
            // The BOM before a record is a char of its line, as for bad JSON.
            (
                b"\xEF\xBB\xBF{\"id\": \"\"}",
                None,
                (1, 9, "record has an empty `id`"),
            ),
            (br#"{"text": "x"}"#, None, (1, 1, "record has no `id`")),
        ] {
            let e = parse_record(json, mapping).unwrap_err();
            assert_eq!((e.line, e.column), (want.0, want.1), "{e:?}");
            assert!(e.message.starts_with(want.2), "{e:?}");
        }
    }

    /// An export that wraps its records in an object (`{"count": 2, "data": [...]}`, as APIs
    /// answer) is one record without `id`, which says where the records may be and how to give
    /// them; an array of anything else, or under a key jq cannot name as is, gets no such hint.
    #[test]
    fn an_export_that_wraps_its_records_says_where_they_are() {
        let e = parse_record(
            br#"{"count": 2, "data": [{"id": "a1", "text": "x"}, {"id": "a2", "text": "y"}]}"#,
            None,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "record has no `id`; it holds an array `data` of 2 objects, which may be the records: \
             give them as an array (`jq '.data'`) or as JSON Lines (`jq -c '.data[]'`)"
        );
        for json in [
            &br#"{"count": 2, "tags": ["a", "b"]}"#[..],
            br#"{"count": 2, "my-data": [{"id": "a1"}]}"#,
            br#"{"count": 0, "data": []}"#,
        ] {
            let e = parse_record(json, None).unwrap_err();
            assert_eq!(e.message, "record has no `id`", "{e:?}");
        }
    }

    /// A record tells which mapped paths gave it a value: not null, not a default; a field
    /// read by its own name (unmapped) is no mapped path.
    #[test]
    fn a_record_tells_which_mapped_paths_gave_a_value() {
        let m = Mapping::parse(
            "[fields]\nid = \"ref\"\nsource_id = \"ref\"\ntext = \"content.body\"\n\
             number = \"meta.numeros[0]\"\nattribution = \"credit\"\n\
             [defaults]\nattribution = \"Source : Légifrance\"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        let bits = |json: &str| -> Vec<&str> {
            let r = parse_record(json.as_bytes(), Some(&m)).unwrap();
            mapping::CANONICAL_FIELDS
                .iter()
                .filter(|f| r.mapped & mapping::field_bit(f) != 0)
                .copied()
                .collect()
        };
        assert_eq!(
            bits(
                r#"{"ref": "a", "content": {"body": "t"}, "meta": {"numeros": ["1"]}, "credit": "c", "url": "u"}"#
            ),
            ["id", "source_id", "text", "number", "attribution"]
        );
        // `credit` null, then missing: the default is used, and is no value of the path.
        let r = parse_record(br#"{"ref": "a", "credit": null, "content": {}}"#, Some(&m)).unwrap();
        assert_eq!(r.attribution.as_deref(), Some("Source : Légifrance"));
        assert_eq!(
            bits(r#"{"ref": "a", "credit": null, "content": {}}"#),
            ["id", "source_id"]
        );
        assert_eq!(
            bits(r#"{"ref": "a", "meta": {"numeros": []}}"#),
            ["id", "source_id"]
        );
        // Without a mapping, nothing is mapped.
        assert_eq!(parse_record(br#"{"id": "a"}"#, None).unwrap().mapped, 0);
    }

    /// A top-level key named like a canonical field the mapping reads elsewhere is one of the
    /// reuser's other fields, named `$.text` so that no report takes it for the decision's
    /// text; a canonical field mapped to its own name, or not mapped, keeps its name.
    #[test]
    fn a_key_named_like_a_field_mapped_elsewhere_is_named_apart() {
        let m = Mapping::parse(
            "[fields]\nid = \"ref\"\ntext = \"content.body\"\nurl = \"url\"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        let r = parse_record(
            br#"{"ref": "a", "content": {"body": "T"}, "text": "M. X, summary", "url": "u", "id": "other"}"#,
            Some(&m),
        )
        .unwrap();
        assert_eq!(r.text.as_deref(), Some("T"));
        assert_eq!(r.url.as_deref(), Some("u"));
        let keys: Vec<&str> = r.extra.iter().map(|(k, _)| k.as_str()).collect();
        // (`content`, emptied of its body, is left as it was.)
        assert_eq!(keys, ["$.id", "$.text", "content"]);
        assert_eq!(r.extra[1].1, serde_json::json!("M. X, summary"));
    }

    /// What the mapping reads is no longer among the other fields (which the masking and
    /// profiling rules search), wherever it sits; two fields may read one path.
    #[test]
    fn mapped_values_leave_the_other_fields() {
        let m = Mapping::parse(
            "[fields]\nid = \"ref\"\nsource_id = \"ref\"\ntext = \"content.body\"\n\
             number = \"numbers[0]\"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        let r = parse_record(
            br#"{"ref": "JURITEXT000048176094", "content": {"body": "M. Jean Dupont", "lang": "fr"}, "numbers": ["22-12.387", "22-12.388"], "title": "t"}"#,
            Some(&m),
        )
        .unwrap();
        assert_eq!(r.id, "JURITEXT000048176094");
        assert_eq!(r.source_id.as_deref(), Some("JURITEXT000048176094"));
        assert_eq!(r.text.as_deref(), Some("M. Jean Dupont"));
        assert_eq!(r.number.as_deref(), Some("22-12.387"));
        let extra: Vec<String> = r.extra.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            extra,
            [
                r#"content={"lang":"fr"}"#,
                r#"numbers=[null,"22-12.388"]"#,
                r#"title="t""#
            ]
        );
    }

    /// The demo corpus: 60 lines of records built from real decisions, line 46 broken.
    fn demo() -> Vec<u8> {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/corpus.jsonl"))
            .unwrap()
    }

    fn gzip(content: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(content).unwrap();
        e.finish().unwrap()
    }

    /// (line, column, offset, bytes or why unreadable) of every item, the progress bytes of the
    /// blocks in all, and the error that ended the reading, if any.
    type Read = (
        Vec<(u64, u64, u64, Result<Vec<u8>, String>)>,
        u64,
        Option<String>,
    );

    fn read_items(p: &Path, limits: &Limits) -> Read {
        let file = CorpusFile {
            path: p.to_path_buf(),
            name: p.shown().to_string(),
            len: std::fs::metadata(p).unwrap().len(),
            ..Default::default()
        };
        let mut items = Vec::new();
        let mut progress = 0;
        let res = read_file(&file, 0, limits, &mut |b: Block| {
            progress += b.bytes;
            for it in &b.items {
                let v = match &it.kind {
                    ItemKind::Bytes(..) => Ok(b.item_bytes(it).unwrap().to_vec()),
                    ItemKind::Unreadable(m) => Err(m.clone()),
                };
                items.push((it.line, it.column, it.offset, v));
            }
            true
        });
        (items, progress, res.err().map(|e| e.to_string()))
    }

    /// The pool keeps buffers of one block to two, up to [`SPARE_BUFFERS`], and gives them
    /// back as they were (their capacity, not their content, is what is kept).
    #[test]
    fn spares_keep_whole_blocks_buffers_up_to_their_number() {
        let spares = Spares::new(1000);
        spares.give(Vec::with_capacity(999));
        spares.give(Vec::with_capacity(2001));
        assert_eq!(spares.receiver().len(), 0);
        for _ in 0..SPARE_BUFFERS + 3 {
            spares.give(Vec::with_capacity(1000));
        }
        let kept: Vec<Vec<u8>> = spares.receiver().try_iter().collect();
        assert_eq!(kept.len(), SPARE_BUFFERS);
        assert!(kept.iter().all(|b| b.capacity() >= 1000));
        // A clone is the same pool: what one hands back, the other takes.
        let other = spares.clone();
        other.give(vec![7; 2000]);
        assert_eq!(spares.receiver().try_recv().unwrap().capacity(), 2000);
    }

    // The first blocks of a file are short, 1 MiB then twice as large each time up to the block
    // size, so that the workers start early; every line is read once, in order, whatever the
    // layout.
    #[test]
    fn the_first_blocks_of_a_file_are_short_and_grow() {
        let limits = Limits {
            block_bytes: 8 << 20,
            ..Limits::default()
        };
        assert_eq!(
            (0..6)
                .map(|n| limits.ramped_block_bytes(n) >> 20)
                .collect::<Vec<_>>(),
            [1, 2, 4, 8, 8, 8]
        );
        let small = Limits {
            block_bytes: 1000,
            ..Limits::default()
        };
        assert_eq!(small.ramped_block_bytes(0), 1000);
        // However far into a file, never a shift past the width of `usize` (to 0 on 32 bits).
        for n in [12, 31, 64, u32::MAX] {
            assert_eq!(limits.ramped_block_bytes(n), limits.block_bytes);
        }
        let dir = tempfile::tempdir().unwrap();
        // 24,000 records of 1 kB: 24 MB.
        let record = |i: usize| format!("{{\"id\":\"r{i}\",\"text\":\"{}\"}}", "x".repeat(990));
        let lines: Vec<String> = (0..24_000).map(record).collect();
        let array = format!("[{}]", lines.join(",\n"));
        for (name, content) in [("c.jsonl", lines.join("\n") + "\n"), ("c.json", array)] {
            let p = dir.path().join(name);
            std::fs::write(&p, &content).unwrap();
            let file = CorpusFile {
                path: p.clone(),
                name: name.into(),
                len: content.len() as u64,
                ..Default::default()
            };
            let mut sizes = Vec::new();
            let mut lines_seen = Vec::new();
            read_file(&file, 0, &limits, &mut |b| {
                sizes.push(b.data.len());
                lines_seen.extend(b.items.iter().map(|it| it.line));
                true
            })
            .unwrap();
            // Each block is about its size: it ends at the last line (or element) end before it
            // is full, and holds the tail of the one cut before it, and the first the 64 kB
            // read to tell the layout.
            for (k, mib) in [1, 2, 4, 8].into_iter().enumerate() {
                let around = (mib << 20) - 2048..(mib << 20) + (66 << 10);
                assert!(around.contains(&sizes[k]), "{name}: {sizes:?}");
            }
            assert_eq!(sizes.iter().sum::<usize>(), content.len(), "{name}");
            assert_eq!(lines_seen, (1..=24_000).collect::<Vec<u64>>(), "{name}");
        }
    }

    // A gzip-compressed file (of one gzip member or several, as `cat a.gz b.gz` makes) reads as
    // its content does: the same items at the same lines, columns and offsets; progress is
    // counted in the bytes of the file, compressed.
    #[test]
    fn a_gzip_compressed_file_reads_as_its_content() {
        let content = demo();
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("c.jsonl");
        std::fs::write(&plain, &content).unwrap();
        let cut = content.len() / 3;
        let one = gzip(&content);
        let mut two = gzip(&content[..cut]);
        two.extend(gzip(&content[cut..]));
        // Zero bytes after the last member, as some tools pad, end the stream.
        let mut padded = two.clone();
        padded.extend([0u8; 1024]);
        for block_bytes in [16 << 10, 8 << 20] {
            let limits = Limits {
                block_bytes,
                ..Limits::default()
            };
            let (want, progress, err) = read_items(&plain, &limits);
            assert_eq!(err, None);
            assert_eq!(progress, content.len() as u64);
            // 60 lines, one record each; line 46 is broken, but delimited all the same.
            assert_eq!(want.len(), 60);
            assert!(want.iter().all(|w| w.3.is_ok()));
            for gz in [&one, &two, &padded] {
                let p = dir.path().join("c.jsonl.gz");
                std::fs::write(&p, gz).unwrap();
                let (got, progress, err) = read_items(&p, &limits);
                assert_eq!(err, None);
                assert_eq!(progress, gz.len() as u64);
                assert!(got == want, "block of {block_bytes} bytes");
            }
        }
    }

    // A gzip stream cut short gives the records before the cut, and the record it cut as one
    // unreadable item, at that record's place, that says the stream broke there. (It was told
    // twice: as the record's bad JSON, and as an error of the file naming the same line.) A cut
    // that falls between two records cuts none: it is the file's error. In an array, the
    // element the cut leaves incomplete is the item that says so.
    #[test]
    fn a_damaged_gzip_file_gives_the_records_before_the_damage() {
        let content = demo();
        let gz = gzip(&content);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl.gz");
        std::fs::write(&p, &gz[..gz.len() / 2]).unwrap();
        let plain = dir.path().join("c.jsonl");
        std::fs::write(&plain, &content).unwrap();
        let limits = Limits {
            block_bytes: 16 << 10,
            ..Limits::default()
        };
        let (want, _, _) = read_items(&plain, &limits);
        let (got, _, err) = read_items(&p, &limits);
        assert_eq!(err, None);
        // Half the compressed bytes hold about half the lines.
        let n = got.len();
        assert!((20..40).contains(&n), "{n}");
        assert_eq!(got[..n - 1], want[..n - 1]);
        let (line, column, offset, why) = &got[n - 1];
        assert_eq!((*line, *column, *offset), (want[n - 1].0, 1, want[n - 1].2));
        let why = why.as_ref().unwrap_err();
        assert!(
            why.starts_with(&format!(
                "the gzip stream is damaged or cut short at line {line} of its content ("
            )),
            "{why}"
        );
        assert!(why.ends_with("); the records before it were read"), "{why}");

        // Two members, the second cut within its header: the content ends with a whole line.
        let first_lines: Vec<u8> = content
            .split_inclusive(|&b| b == b'\n')
            .take(5)
            .flatten()
            .copied()
            .collect();
        let two = [
            gzip(&first_lines),
            gzip(&content[first_lines.len()..])[..5].to_vec(),
        ]
        .concat();
        std::fs::write(&p, &two).unwrap();
        let (got, _, err) = read_items(&p, &limits);
        assert_eq!(got, want[..5]);
        let err = err.expect("the break is the file's error");
        assert!(err.contains("cut short at line 6 of its content"), "{err}");

        // An array, cut in an element: that element is the item, at its start.
        let lines: Vec<&[u8]> = content
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .collect();
        let array = [&b"[\n"[..], &lines.join(&b",\n"[..]), b"\n]\n"].concat();
        std::fs::write(&plain, &array).unwrap();
        let (want, _, _) = read_items(&plain, &limits);
        let gz = gzip(&array);
        std::fs::write(&p, &gz[..gz.len() / 2]).unwrap();
        let (got, _, err) = read_items(&p, &limits);
        assert_eq!(err, None);
        let n = got.len();
        assert_eq!(got[..n - 1], want[..n - 1]);
        assert_eq!(got[n - 1].0, want[n - 1].0);
        assert!(
            got[n - 1]
                .3
                .as_ref()
                .unwrap_err()
                .contains("cut short at line"),
            "{:?}",
            got[n - 1]
        );
    }

    // Pretty-printed records one after the other (`jq .`) are one error that says what to do,
    // not an IN001 for each of their lines.
    #[test]
    fn pretty_printed_records_one_after_another_are_one_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        std::fs::write(&p, "{\n  \"id\": \"a\"\n}\n{\n  \"id\": \"b\"\n}\n").unwrap();
        let (got, _, err) = read_items(&p, &Limits::default());
        assert!(got.is_empty(), "{got:?}");
        let err = err.unwrap();
        assert!(
            err.starts_with("pretty-printed JSON records one after another"),
            "{err}"
        );
        assert!(err.contains("`jq -c .`"), "{err}");
        // Compact records, one a line, are JSON Lines as ever; so is a file whose first record
        // alone is spread over lines: its lines are IN001s, and the others are read.
        std::fs::write(&p, "{\"id\": \"a\"}\n{\"id\": \"b\"}\n").unwrap();
        let (got, _, err) = read_items(&p, &Limits::default());
        assert!(err.is_none());
        assert_eq!(got.len(), 2);
        std::fs::write(
            &p,
            "{\n  \"id\": \"a\"\n}\n{\"id\": \"b\"}\n{\"id\": \"c\"}\n",
        )
        .unwrap();
        let (got, _, err) = read_items(&p, &Limits::default());
        assert!(err.is_none());
        assert_eq!(got.len(), 5);
        assert!(got[3].3.is_ok() && got[4].3.is_ok());
    }

    // A pretty-printed record cut short is one unreadable item, at the end where it stops.
    #[test]
    fn a_truncated_pretty_printed_record_is_one_item() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json");
        std::fs::write(
            &p,
            "{\n  \"id\": \"a\",\n  \"text\": \"x\",\n  \"tags\": [\n    \"b\"\n",
        )
        .unwrap();
        let (got, _, err) = read_items(&p, &Limits::default());
        assert!(err.is_none());
        assert_eq!(got.len(), 1, "{got:?}");
        let bytes = got[0].3.as_ref().unwrap();
        let e = parse_record(bytes, None).unwrap_err();
        assert!(
            e.message.starts_with("truncated JSON: EOF while parsing"),
            "{}",
            e.message
        );
        assert_eq!(e.line, 6);
    }

    // A UTF-16 or UTF-32 export is one error that names its encoding, with or without its byte
    // order mark, and says how to convert it: `iconv -f UTF-16` or `-f UTF-32` where a mark
    // tells the byte order, the order named where none does (`iconv` would take big-endian, or
    // the machine's order, and garble the other). UTF-32 was said to be UTF-16, and the
    // `iconv -f UTF-16` advised turned it into text with a NUL between characters. UTF-8 with a
    // mark is read.
    #[test]
    fn a_utf16_or_utf32_file_is_an_error_that_names_the_encoding() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        let line = "{\"id\":\"a\",\"text\":\"été\"}\n";
        let le16: Vec<u8> = line.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be16: Vec<u8> = line.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le32: Vec<u8> = line
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        let be32: Vec<u8> = line
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        let advice = |enc: &str, order: &str, iconv: &str| {
            format!(
                "encoded in {enc} ({order}): vigie reads JSON in UTF-8; convert it \
                 (`iconv -f {iconv} -t UTF-8 FILE > FILE.jsonl`)"
            )
        };
        for (content, want) in [
            (
                [&[0xFF, 0xFE][..], &le16].concat(),
                advice("UTF-16", "little-endian", "UTF-16"),
            ),
            (
                [&[0xFE, 0xFF][..], &be16].concat(),
                advice("UTF-16", "big-endian", "UTF-16"),
            ),
            (le16, advice("UTF-16", "little-endian", "UTF-16LE")),
            (be16, advice("UTF-16", "big-endian", "UTF-16BE")),
            (
                [&[0xFF, 0xFE, 0, 0][..], &le32].concat(),
                advice("UTF-32", "little-endian", "UTF-32"),
            ),
            (
                [&[0, 0, 0xFE, 0xFF][..], &be32].concat(),
                advice("UTF-32", "big-endian", "UTF-32"),
            ),
            (le32.clone(), advice("UTF-32", "little-endian", "UTF-32LE")),
            (be32, advice("UTF-32", "big-endian", "UTF-32BE")),
        ] {
            std::fs::write(&p, &content).unwrap();
            let (got, _, err) = read_items(&p, &Limits::default());
            assert!(got.is_empty());
            assert_eq!(err.as_deref(), Some(want.as_str()));
        }
        // Compressed, the content is told the same way, and the advice inflates it first.
        std::fs::write(&p, gzip(&le32)).unwrap();
        let (got, _, err) = read_items(&p, &Limits::default());
        assert!(got.is_empty());
        assert_eq!(
            err.as_deref(),
            Some(
                "encoded in UTF-32 (little-endian): vigie reads JSON in UTF-8; convert it \
                 (`gunzip -c FILE | iconv -f UTF-32LE -t UTF-8 > FILE.jsonl`)"
            )
        );
        std::fs::write(&p, [&b"\xEF\xBB\xBF"[..], line.as_bytes()].concat()).unwrap();
        let (got, _, err) = read_items(&p, &Limits::default());
        assert!(err.is_none());
        assert_eq!(got.len(), 1);
        assert!(got[0].3.is_ok());
    }

    // A gzip file cut within its header holds no content: one error, the break, and not an
    // empty file as well. An empty but whole stream is an empty file.
    #[test]
    fn a_gzip_file_cut_before_any_content_is_one_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl.gz");
        std::fs::write(&p, &gzip(b"")[..10]).unwrap();
        let (got, _, err) = read_items(&p, &Limits::default());
        assert!(got.is_empty(), "{got:?}");
        assert!(err.unwrap().contains("cut short at line 1"));
        std::fs::write(&p, gzip(b"")).unwrap();
        let (got, _, err) = read_items(&p, &Limits::default());
        assert!(err.is_none());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].3, Err(EMPTY_FILE.to_string()));
    }

    // A member whose checksum does not match is found at its end: its records were read, and
    // the error says their text may be corrupt.
    #[test]
    fn a_gzip_member_of_the_wrong_checksum_is_reported() {
        let content = demo();
        let mut gz = gzip(&content);
        // The CRC-32 of the content is the trailer's first four bytes.
        let crc = gz.len() - 8;
        gz[crc] ^= 0xFF;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl.gz");
        std::fs::write(&p, &gz).unwrap();
        let (got, _, err) = read_items(&p, &Limits::default());
        let err = err.expect("an error for the checksum");
        assert!(
            err.contains("checksum of its part that ends at line 61"),
            "{err}"
        );
        assert!(err.contains("may be corrupt"), "{err}");
        assert_eq!(got.len(), 60);
    }

    // Other compressors are told by their magic bytes, and said to be decompressed first; a
    // text that merely starts like one is read as lines.
    #[test]
    fn other_compressors_are_named() {
        let dir = tempfile::tempdir().unwrap();
        for (magic, name) in [
            (&b"\xFD7zXZ\x00\x00\x04"[..], Some("xz")),
            (&b"\x28\xB5\x2F\xFD\x00"[..], Some("zstd")),
            (&b"BZh91AY&SY"[..], Some("bzip2")),
            (&b"BZh, not a record\n"[..], None),
        ] {
            let p = dir.path().join("c.jsonl");
            std::fs::write(&p, magic).unwrap();
            let (got, _, err) = read_items(&p, &Limits::default());
            match name {
                Some(name) => {
                    let err = err.unwrap();
                    assert!(
                        err.starts_with(&format!("compressed with {name}:")),
                        "{err}"
                    );
                    assert!(got.is_empty());
                }
                None => assert_eq!((got.len(), err), (1, None)),
            }
        }
    }

    // A file that expands too much (here: a record, then megabytes of blank lines) is read until
    // it does, and no further.
    #[test]
    fn a_decompression_bomb_is_stopped() {
        let mut content = demo()[..100].to_vec();
        content.extend(std::iter::repeat_n(b'\n', 8 << 20));
        let gz = gzip(&content);
        assert!(gz.len() < (8 << 20) / 100, "{}", gz.len());
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl.gz");
        std::fs::write(&p, &gz).unwrap();
        let limits = Limits {
            block_bytes: 64 << 10,
            gzip_floor_bytes: 1 << 20,
            ..Limits::default()
        };
        let (got, _, err) = read_items(&p, &limits);
        let err = err.expect("stopped");
        assert!(err.contains("expands over 100 times"), "{err}");
        assert!(err.contains("decompression bomb"), "{err}");
        // The first line is the one item read; blank lines are no records.
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 1);
        // With the default limits, the same file is read to its end.
        let (got, _, err) = read_items(&p, &Limits::default());
        assert_eq!((got.len(), err), (1, None));
    }

    #[test]
    fn no_corpus_path_is_an_error_not_a_panic() {
        let e = expand(&[], &[]).expect_err("an error");
        assert!(e.to_string().contains("no corpus"), "{e}");
    }

    /// A single object is held whole only up to `max_document_bytes` of its bytes as
    /// inflated: a small gzip file holding a huge object (a bomb) is one record over the limit,
    /// not gigabytes in memory.
    #[test]
    fn a_compressed_single_object_is_held_to_the_document_limit() {
        let mut content = b"{\"id\": \"x\", \"text\": \"".to_vec();
        content.extend(std::iter::repeat_n(b'a', 4 << 20));
        content.extend_from_slice(b"\"}\n");
        let gz = gzip(&content);
        assert!(gz.len() < 64 << 10, "{}", gz.len());
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.json.gz");
        std::fs::write(&p, &gz).unwrap();
        let small = Limits {
            max_record_bytes: 512 << 10,
            max_document_bytes: 1 << 20,
            ..Limits::default()
        };
        let (got, _, err) = read_items(&p, &small);
        assert_eq!(err, None);
        let unreadable: Vec<&String> = got.iter().filter_map(|i| i.3.as_ref().err()).collect();
        assert!(!unreadable.is_empty(), "{got:?}");
        assert!(
            unreadable
                .iter()
                .all(|e| e.contains("larger than the limit")),
            "{unreadable:?}"
        );
        assert_eq!(got.len(), 1, "{got:?}");
        // Under limits that hold it, it is the one record it is.
        let (got, _, err) = read_items(&p, &Limits::default());
        assert_eq!(err, None);
        assert_eq!(got.len(), 1);
        let record = got[0].3.as_ref().unwrap();
        assert!(record.starts_with(b"{\"id\"") && record.len() > 4 << 20);
    }

    // A tar or a zip holds files, not records: each is an error that says what to do.
    #[test]
    fn archives_of_files_are_not_read_as_a_corpus() {
        use std::io::Write;
        let content = demo();
        let dir = tempfile::tempdir().unwrap();
        let mut tar = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(content.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        tar.append_data(&mut h, "corpus.jsonl", &content[..])
            .unwrap();
        let tgz = dir.path().join("c.tar.gz");
        std::fs::write(&tgz, gzip(&tar.into_inner().unwrap())).unwrap();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("corpus.jsonl", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&content).unwrap();
        let z = dir.path().join("c.zip");
        std::fs::write(&z, zip.finish().unwrap().into_inner()).unwrap();
        for (p, what) in [(tgz, "a tar archive"), (z, "a zip archive")] {
            let (got, _, err) = read_items(&p, &Limits::default());
            assert!(got.is_empty());
            let err = err.unwrap();
            assert!(err.starts_with(what), "{err}");
            assert!(err.contains("give the folder"), "{err}");
        }
    }

    // A record with a lone surrogate escape is read, and read again at its offset for the UI.
    #[test]
    fn a_record_with_a_lone_surrogate_is_read_and_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c.jsonl");
        let lines = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"caf\\ud800 \\ud83d\\ude00\"}\n";
        std::fs::write(&p, lines).unwrap();
        let (items, _, err) = read_items(&p, &Limits::default());
        assert!(err.is_none());
        assert_eq!(items.len(), 2);
        let (line, _, offset, bytes) = &items[1];
        assert_eq!(*line, 2);
        let r = parse_record(bytes.as_ref().unwrap(), None).unwrap();
        assert_eq!(r.text.as_deref(), Some("caf\u{fffd} 😀"));
        let again = read_record_at(&p, *offset, None, &Limits::default()).unwrap();
        assert_eq!(again.id, "b");
        assert_eq!(again.text, r.text);
    }

    // A record read again at its offset is parsed from memory, a line or a bound at a time: a
    // record longer than the first read, an element of an indented array over many lines, and
    // records ended by CR alone all read back whole.
    #[test]
    fn a_record_is_read_again_whatever_its_length_and_lines() {
        let dir = tempfile::tempdir().unwrap();
        let long = "é ".repeat(100_000);
        let indented = format!(
            "[\n  {{\n    \"id\": \"a\",\n{}    \"text\": \"{long}\"\n  }},\n  {{\n    \"id\": \"b\"\n  }}\n]\n",
            "    \"x\": 1,\n".repeat(5000)
        );
        let jsonl = format!("{{\"id\":\"a\",\"text\":\"{long}\"}}\r{{\"id\":\"b\"}}\r");
        for (name, content) in [("i.json", &indented), ("c.jsonl", &jsonl)] {
            let p = dir.path().join(name);
            std::fs::write(&p, content).unwrap();
            let first = content.find('{').unwrap() as u64;
            let a = read_record_at(&p, first, None, &Limits::default()).unwrap();
            assert_eq!(
                (a.id.as_str(), a.text.as_deref()),
                ("a", Some(long.as_str()))
            );
            let last = content.rfind('{').unwrap() as u64;
            let b = read_record_at(&p, last, None, &Limits::default()).unwrap();
            assert_eq!(b.id, "b");
            // Longer than a record may be, it is not read.
            let small = Limits {
                max_record_bytes: 100_000,
                ..Limits::default()
            };
            assert!(read_record_at(&p, first, None, &small).is_none());
        }
    }

    // The UI reads a record again at its offset: in a compressed file, an offset in the content.
    #[test]
    fn a_record_of_a_gzip_file_is_read_again_at_its_offset() {
        let content = demo();
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("c.jsonl");
        std::fs::write(&plain, &content).unwrap();
        let gz = dir.path().join("c.jsonl.gz");
        std::fs::write(&gz, gzip(&content)).unwrap();
        let (items, _, _) = read_items(&plain, &Limits::default());
        for (line, _, offset, _) in [&items[0], &items[2], &items[59]] {
            let want = read_record_at(&plain, *offset, None, &Limits::default()).unwrap();
            let got = read_record_at(&gz, *offset, None, &Limits::default()).unwrap();
            assert_eq!(got.id, want.id, "line {line}");
            assert_eq!(got.text, want.text, "line {line}");
            assert!(got.text.is_some_and(|t| t.len() > 100));
        }
    }

    // vigie's own files, as its writers write them, are told from records by their start; the
    // records and pages a corpus holds are not taken for them.
    /// The warning for an input reached twice names both ways it was reached: by name, or
    /// through which folder, and the name it was read under when it differs.
    #[test]
    fn an_input_reached_twice_is_told_by_both_ways() {
        let show = |s: &str| s.to_string();
        let cases = [
            (
                Repeated::new(
                    Reached::given("corpus/c.jsonl"),
                    Reached::through("corpus/c.jsonl", "corpus"),
                ),
                "corpus/c.jsonl, given by name: already read through the folder corpus",
            ),
            (
                Repeated::new(
                    Reached::given("c.jsonl"),
                    Reached::through("./c.jsonl", "."),
                ),
                "c.jsonl, given by name: already read through the folder ., as ./c.jsonl",
            ),
            (
                Repeated::new(Reached::given("./c.jsonl"), Reached::given("c.jsonl")),
                "./c.jsonl, given by name: already read as c.jsonl, given by name",
            ),
            (
                Repeated::new(
                    Reached::through("b/link.jsonl", "b"),
                    Reached::given("a/c.jsonl"),
                ),
                "b/link.jsonl, in the folder b: already read as a/c.jsonl, given by name",
            ),
            (
                Repeated::new(
                    Reached::through("b/link.jsonl", "b"),
                    Reached::through("a/c.jsonl", "a"),
                ),
                "b/link.jsonl, in the folder b: already read through the folder a, as a/c.jsonl",
            ),
            (
                Repeated::new(Reached::given("c.jsonl"), Reached::given("c.jsonl")),
                "c.jsonl: given more than once by the same name",
            ),
        ];
        for (r, told) in cases {
            assert_eq!(r.describe(show), told);
        }
    }

    #[test]
    fn vigie_files_are_told_by_their_start() {
        use crate::model::Finding;
        use crate::report::{Format, Report, Summary, WriteOptions};
        use crate::rules::Rule;
        let written = |findings: Vec<Finding>, format: Format| {
            let report = Report {
                audit: Default::default(),
                summary: Summary::of(&findings),
                findings,
                files: vec!["c.jsonl".into()],
                waivers: Default::default(),
            };
            let mut out = Vec::new();
            crate::report::write(&report, format, &WriteOptions::default(), &mut out).unwrap();
            out
        };
        let finding = || Finding::new(Rule::FRE003, None, "the corpus is old");
        for (findings, format) in [
            (vec![finding()], Format::Json),
            (vec![], Format::Json),
            (vec![finding()], Format::Jsonl),
            (vec![], Format::Jsonl),
        ] {
            let bytes = written(findings, format);
            assert!(is_vigie_file(&bytes), "{}", String::from_utf8_lossy(&bytes));
            // The start is enough, and a byte order mark changes nothing.
            assert!(is_vigie_file(&bytes[..64]));
            let mut bom = b"\xEF\xBB\xBF".to_vec();
            bom.extend_from_slice(&bytes);
            assert!(is_vigie_file(&bom));
        }
        let mut waivers = std::collections::BTreeMap::new();
        waivers.insert(
            "9f2c41d07a3b5e11".to_string(),
            crate::report::Waiver {
                status: crate::report::WaiverStatus::Reviewed,
                note: String::new(),
                at: String::new(),
            },
        );
        let mut bytes = Vec::new();
        crate::tui::waivers::write(&mut bytes, &waivers).unwrap();
        assert!(is_vigie_file(&bytes), "{}", String::from_utf8_lossy(&bytes));
        // Records, arrays and pages of them, and look-alikes, are not.
        for not in [
            &b"{\"id\":\"r1\",\"text\":\"x\"}\n"[..],
            b"[{\"id\":\"r1\"}]",
            b"{\"total\": 1, \"results\": [{\"id\": \"r1\"}]}",
            b"{\"vigie_report\": \"x\", \"id\": \"r1\"}",
            b"{\"fingerprint\":\"not-hex-at-all!!\",\"rule\":\"x\"}",
            b"{\"fingerprint\":\"9f2c41d07a3b5e11\",\"id\":\"r1\"}",
            b"{\"9f2c41d07a3b5e11\": {\"id\": \"r1\"}}",
            b"{\"summary\": \"a record about a summary\", \"id\": \"r1\"}",
            b"",
            b"{}",
        ] {
            assert!(!is_vigie_file(not), "{}", String::from_utf8_lossy(not));
        }
    }

    // A file reached twice (by two names, or also through a folder given) is listed once, and
    // noted; the arguments are taken in the order of their paths, however they are given; the
    // run's own files met in a folder are left out.
    #[test]
    fn corpus_arguments_are_listed_once_in_the_order_of_their_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).unwrap();
        for name in ["a.jsonl", "b.jsonl", "sub/c.jsonl", "sub/report.jsonl"] {
            std::fs::write(root.join(name), b"{\"id\":\"x\"}\n").unwrap();
        }
        let names = |e: &Expanded| -> Vec<String> {
            e.files
                .iter()
                .map(|f| {
                    f.path
                        .strip_prefix(root)
                        .unwrap_or(&f.path)
                        .shown()
                        .to_string()
                })
                .collect()
        };
        let a = root.join("a.jsonl");
        let b = root.join("b.jsonl");
        let sub = root.join("sub");
        let again = root.join("sub/../a.jsonl");
        let e = expand(&[b.clone(), sub.clone(), a.clone(), again.clone()], &[]).unwrap();
        assert_eq!(
            names(&e),
            ["a.jsonl", "b.jsonl", "sub/c.jsonl", "sub/report.jsonl"]
        );
        assert!(
            e.files
                .iter()
                .all(|f| f.in_folder == f.path.starts_with(&sub))
        );
        assert_eq!(
            e.repeated,
            [Repeated::new(
                Reached::given(again.shown()),
                Reached::given(a.shown())
            )]
        );
        // A folder and the files and folders in it.
        let e = expand(
            &[
                sub.join("c.jsonl"),
                root.to_path_buf(),
                sub.clone(),
                b.clone(),
            ],
            &[sub.join("report.jsonl")],
        )
        .unwrap();
        assert_eq!(names(&e), ["a.jsonl", "b.jsonl", "sub/c.jsonl"]);
        let shown = |p: &Path| p.shown().to_string();
        // Each named with how it was reached: by name, and through the folder `root`.
        assert_eq!(
            e.repeated,
            [
                Repeated::new(
                    Reached::given(shown(&b)),
                    Reached::through(shown(&root.join("b.jsonl")), shown(root))
                ),
                Repeated::new(
                    Reached::given(shown(&sub)),
                    Reached::through(shown(&root.join("sub")), shown(root))
                ),
                Repeated::new(
                    Reached::given(shown(&sub.join("c.jsonl"))),
                    Reached::through(shown(&root.join("sub").join("c.jsonl")), shown(root))
                ),
            ]
        );
        let show = |s: &str| s.to_string();
        assert_eq!(
            e.repeated[0].describe(show),
            format!(
                "{}, given by name: already read through the folder {}",
                shown(&b),
                shown(root)
            )
        );
        assert_eq!(e.own_files, [shown(&sub.join("report.jsonl"))]);
        // Given by name, the run's own file is read as asked (the command line refuses an
        // output that is an input).
        let e = expand(&[sub.join("report.jsonl")], &[sub.join("report.jsonl")]).unwrap();
        assert_eq!(names(&e), ["sub/report.jsonl"]);
    }

    #[test]
    fn a_folder_walk_reads_files_behind_no_hidden_name_and_of_a_corpus_name() {
        let f = Path::new("/c");
        assert!(walk_reads(f, Path::new("/c/a.jsonl")));
        assert!(walk_reads(f, Path::new("/c/x/a.json.gz")));
        assert!(!walk_reads(f, Path::new("/c/.x/a.jsonl")));
        assert!(!walk_reads(f, Path::new("/c/.a.jsonl")));
        assert!(!walk_reads(f, Path::new("/c/a.csv")));
        assert!(!walk_reads(f, Path::new("/d/a.jsonl")));
        assert!(!walk_reads(f, Path::new("/c")));
    }

    #[test]
    fn folders_list_json_files_plain_or_gzip_compressed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "a.jsonl.gz",
            "b.JSON.GZ",
            "c.ndjson",
            "d.txt.gz",
            "e.gz",
            "f.txt",
        ] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        let Expanded {
            files,
            unreadable: bad,
            ..
        } = expand(&[dir.path().to_path_buf()], &[]).unwrap();
        assert!(bad.is_empty());
        let names: Vec<String> = files
            .iter()
            .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.jsonl.gz", "b.JSON.GZ", "c.ndjson"]);
    }
}
