//! Reference texts kept on disk, not in memory: a national reference is tens of gigabytes of
//! text, and an audit needs a reference text only for the records whose digests differ from it.
//! A decision read from a file is found again in that file: the index keeps where its JSON
//! record lies, or which XML file holds it, and the record or file is read and parsed again on
//! demand. Other texts (archives, pipes, documents of several decisions) are appended to an
//! anonymous temporary file as they are read. Either way the index keeps an
//! offset, a length and the digest, and the bytes are read back with positioned reads, from any
//! thread.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::Mutex;

/// Where a text lies, and the digest of the text as read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stored {
    pub offset: u64,
    pub len: u64,
    pub place: Place,
    /// Digest ([`crate::text::normalize::digest`]) of the text as read, not normalised; `None`
    /// when the source gives no text (search results).
    pub digest: Option<u64>,
}

impl Stored {
    /// Digest of the normalised text ([`crate::text::normalize::digest_of`]), when it was
    /// worked out as the text was read: a record whose text differs byte for byte but not once
    /// normalised is then told so without reading the text back.
    pub fn normalized(&self) -> Option<u64> {
        match self.place {
            Place::File { normalized, .. } if self.digest.is_some() => Some(normalized),
            _ => None,
        }
    }
}

/// What `offset` and `len` of a [`Stored`] designate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Place {
    /// The text, in the temporary file.
    #[default]
    Store,
    /// The JSON record holding the decision, and no other, in reference file `file` (see
    /// [`TextStore::add_file`]).
    Record { file: u32 },
    /// Reference file `file`, whole: an XML file of one decision, and the digest of its text
    /// normalised ([`Stored::normalized`]).
    File { file: u32, normalized: u64 },
}

/// An append-only store of texts in an anonymous temporary file (deleted by the system when
/// vigie exits, however it exits).
#[derive(Debug)]
pub struct TextStore {
    reader: File,
    writer: Mutex<(BufWriter<File>, u64)>,
    /// Reference files whose records are read again: paths, so that a reference of thousands
    /// of files does not hold thousands of descriptors (only the one in `last`).
    files: Mutex<Vec<std::sync::Arc<std::path::Path>>>,
    /// The reference file read last, kept open: a reference is most often one large file, and
    /// opening it again for each record read back costs two system calls and a path lookup. A
    /// file replaced or rewritten since it was indexed is caught by the digest of the text read
    /// back ([`super::ReferenceSet::text`]), whichever version of it is read.
    last: Mutex<Option<(u32, std::sync::Arc<File>)>>,
}

impl TextStore {
    pub fn new() -> io::Result<TextStore> {
        let file = tempfile::tempfile()?;
        let reader = file.try_clone()?;
        Ok(TextStore {
            reader,
            writer: Mutex::new((BufWriter::with_capacity(1 << 20, file), 0)),
            files: Mutex::new(Vec::new()),
            last: Mutex::new(None),
        })
    }

    /// Remembers a reference file, to read its records again; returns its number.
    pub fn add_file(&self, path: &std::path::Path) -> u32 {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.push(std::sync::Arc::from(path));
        (files.len() - 1) as u32
    }

    /// The bytes a [`Stored`] designates: a text in the store, or a record in a reference file.
    pub fn bytes(&self, s: &Stored) -> io::Result<Vec<u8>> {
        let mut buf = vec![0u8; s.len as usize];
        self.read_into(s, &mut buf)?;
        Ok(buf)
    }

    /// [`TextStore::bytes`] lent to `f` from a buffer kept per thread, rather than in a new
    /// one: a buffer the system hands out must be zeroed first, which cost about as much as
    /// reading the record into it. The buffer only grows, so it is zeroed once per size reached.
    pub fn with_bytes<R>(&self, s: &Stored, f: impl FnOnce(&[u8]) -> R) -> io::Result<R> {
        thread_local! {
            static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        SCRATCH.with(|b| {
            // Taken out while in use: `f` may read another record (it does not today).
            let mut buf = std::mem::take(&mut *b.borrow_mut());
            let n = s.len as usize;
            if buf.len() < n {
                buf.resize(n, 0);
            }
            let r = self.read_into(s, &mut buf[..n]).map(|()| f(&buf[..n]));
            // A very large record's buffer is not kept for the rest of the audit.
            if buf.len() <= 64 << 20 {
                *b.borrow_mut() = buf;
            }
            r
        })
    }

    fn read_into(&self, s: &Stored, buf: &mut [u8]) -> io::Result<()> {
        match s.place {
            Place::Store => read_exact_at(&self.reader, buf, s.offset),
            Place::Record { file } | Place::File { file, .. } => {
                read_exact_at(&*self.open(file)?, buf, s.offset)
            }
        }
    }

    /// Reference file `file`, open: the one read last, or opened now in its place.
    fn open(&self, file: u32) -> io::Result<std::sync::Arc<File>> {
        if let Some((n, f)) = &*self.last.lock().unwrap_or_else(|e| e.into_inner())
            && *n == file
        {
            return Ok(f.clone());
        }
        let path = self
            .files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(file as usize)
            .cloned()
            .ok_or_else(|| io::Error::other("no such reference file"))?;
        let f = std::sync::Arc::new(File::open(&path)?);
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some((file, f.clone()));
        Ok(f)
    }

    /// Appends a text; its digest is computed by the caller.
    pub fn put(&self, text: &str, digest: Option<u64>) -> io::Result<Stored> {
        let mut w = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let offset = w.1;
        w.0.write_all(text.as_bytes())?;
        w.1 += text.len() as u64;
        Ok(Stored {
            offset,
            len: text.len() as u64,
            place: Place::Store,
            digest,
        })
    }

    /// Makes every text written so far readable.
    pub fn flush(&self) -> io::Result<()> {
        self.writer
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .0
            .flush()
    }

    /// Reads a text of the store back (see [`TextStore::bytes`] for a record).
    pub fn get(&self, s: &Stored) -> io::Result<String> {
        let buf = self.bytes(s)?;
        // The store holds what `put` wrote from a `&str`; the check guards against a file
        // changed under vigie. simdutf8 checks several times faster than `String::from_utf8`.
        if let Err(e) = simdutf8::compat::from_utf8(&buf) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, e));
        }
        // SAFETY: `buf` was checked to be valid UTF-8 just above and is not changed since.
        Ok(unsafe { String::from_utf8_unchecked(buf) })
    }
}

#[cfg(unix)]
fn read_exact_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(f: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match f.seek_read(buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index keeps one per reference decision: millions in a national reference.
    #[test]
    fn a_stored_place_is_small() {
        assert_eq!(std::mem::size_of::<Stored>(), 48);
    }

    #[test]
    fn texts_come_back_from_any_thread() {
        let store = TextStore::new().unwrap();
        let a = store.put("Attendu que la Cour", Some(1)).unwrap();
        let b = store.put("", None).unwrap();
        let c = store.put("été « déjà »", Some(3)).unwrap();
        store.flush().unwrap();
        std::thread::scope(|s| {
            s.spawn(|| assert_eq!(store.get(&c).unwrap(), "été « déjà »"));
            s.spawn(|| assert_eq!(store.get(&a).unwrap(), "Attendu que la Cour"));
        });
        assert_eq!(store.get(&b).unwrap(), "");
        assert_eq!(c.offset, 19);
    }

    #[test]
    fn records_of_several_files_come_back_whichever_was_read_last() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
        std::fs::write(&a, "0123456789").unwrap();
        std::fs::write(&b, "abcdefghij").unwrap();
        let store = TextStore::new().unwrap();
        let fa = store.add_file(&a);
        let fb = store.add_file(&b);
        let at = |file, offset, len| Stored {
            offset,
            len,
            place: Place::Record { file },
            digest: None,
        };
        // Alternating files, so that the file kept open changes at every read, from two threads.
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    for k in 0..50u64 {
                        let o = k % 8;
                        assert_eq!(
                            store.bytes(&at(fa, o, 2)).unwrap(),
                            &"0123456789".as_bytes()[o as usize..o as usize + 2]
                        );
                        assert_eq!(
                            store.bytes(&at(fb, o, 3)).unwrap(),
                            &"abcdefghij".as_bytes()[o as usize..o as usize + 3]
                        );
                    }
                });
            }
        });
        assert!(store.bytes(&at(7, 0, 1)).is_err(), "no such file");
        assert!(store.bytes(&at(fa, 9, 2)).is_err(), "past the end");
    }
}
