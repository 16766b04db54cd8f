//! A fast path for [`super::parse_json`]: a small strict JSON parser into [`serde_json::Value`]
//! that is cheaper than serde_json on records made mostly of one long string (a decision's
//! `text`, ~15 KB with a `\n` escape every few hundred bytes).
//!
//! serde_json scans a string eight bytes at a time, copies it unescaped into a scratch buffer
//! that grows by doubling for every new deserializer, then copies it again into the `String`.
//! Here one pass over a string, thirty-two bytes at a time, finds the bytes that end its runs
//! of plain bytes (a quote, a backslash, a control character); a string without escapes is
//! copied once, and one with escapes has its runs copied once into a `String` allocated at its
//! final size (its raw length, its closing quote found with `memchr`).
//!
//! The parser only ever says "this is the value" or "not sure": it gives up (`None`) on anything
//! invalid or unusual (bad escapes, lone surrogates, control characters, deep nesting, number
//! forms it does not parse itself, trailing content...), and the caller then parses the bytes
//! again with serde_json, whose result and error messages are therefore unchanged. When it
//! does give a value, that value is the one serde_json gives for the same text.

use serde_json::{Map, Value};

/// Nesting deeper than this is left to serde_json (whose own limit is 128).
const MAX_DEPTH: usize = 100;

/// Parses a whole JSON text, as `serde_json::from_str::<Value>` would, or `None` when not sure.
pub(crate) fn parse_value(s: &str) -> Option<Value> {
    let mut p = Parser {
        s,
        b: s.as_bytes(),
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.b.len()).then_some(v)
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    /// Position of the next byte to read.
    i: usize,
}

impl Parser<'_> {
    /// Skips JSON white space (space, tab, line feed, carriage return).
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    /// Reads one value, white space before it included.
    fn value(&mut self, depth: usize) -> Option<Value> {
        self.ws();
        match *self.b.get(self.i)? {
            b'"' => {
                self.i += 1;
                self.string().map(Value::String)
            }
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &str, v: Value) -> Option<Value> {
        if self.b[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Some(v)
        } else {
            None
        }
    }

    /// A number: small non-negative integers are read here, every other form by serde_json
    /// from the token alone (the longest run of number characters), which gives the same
    /// `Number` as in context; a token serde_json refuses means giving up.
    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.b.get(self.i) {
            self.i += 1;
        }
        let tok = &self.s[start..self.i];
        let digits = tok.bytes().all(|c| c.is_ascii_digit());
        // At most 19 digits always fit a u64; a leading zero is invalid JSON (serde_json says).
        if digits && tok.len() <= 19 && (tok.len() == 1 || !tok.starts_with('0')) {
            return tok.parse::<u64>().ok().map(Value::from);
        }
        match serde_json::from_str::<Value>(tok) {
            Ok(v @ Value::Number(_)) => Some(v),
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.i += 1; // `[`
        let mut items = Vec::new();
        self.ws();
        if self.b.get(self.i) == Some(&b']') {
            self.i += 1;
            return Some(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.ws();
            match *self.b.get(self.i)? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(Value::Array(items));
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.i += 1; // `{`
        let mut map = Map::new();
        self.ws();
        if self.b.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Some(Value::Object(map));
        }
        loop {
            self.ws();
            if self.b.get(self.i) != Some(&b'"') {
                return None;
            }
            self.i += 1;
            let key = self.string()?;
            // serde_json reads an object whose key is one of its private tokens
            // (`$serde_json::private::RawValue`, `…::Number`) as something else: its call.
            if key.starts_with("$serde_json::private::") {
                return None;
            }
            self.ws();
            if self.b.get(self.i) != Some(&b':') {
                return None;
            }
            self.i += 1;
            let v = self.value(depth)?;
            // As serde_json's own visitor does: a repeated key keeps its last value.
            map.insert(key, v);
            self.ws();
            match *self.b.get(self.i)? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(Value::Object(map));
                }
                _ => return None,
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        let b = self.b;
        let start = self.i;
        // Nothing is copied before the first backslash: most strings have none.
        let k = start + next_special(&b[start..])?;
        match b[k] {
            b'"' => {
                self.i = k + 1;
                Some(self.s[start..k].to_owned())
            }
            b'\\' => {
                let (out, end) = unescape(b, start, k)?;
                self.i = end;
                // SAFETY: `unescape` gives back `b[start..k]`, then, one after another, the
                // chars of escapes (each whole, from `char::encode_utf8` or as the one ASCII
                // byte it stands for) and runs of plain bytes of `b` that start just after an
                // escape and end just before a quote or backslash. `b` is the bytes of a `str`,
                // valid UTF-8, and its quotes and backslashes are ASCII: every such run starts
                // and ends on a char boundary, so it is valid UTF-8 on its own, and so is
                // their concatenation. (The bytes copied past a run's end are cut off before
                // anything follows them.)
                debug_assert!(std::str::from_utf8(&out).is_ok());
                Some(unsafe { String::from_utf8_unchecked(out) })
            }
            // A control character.
            _ => None,
        }
    }
}

/// The string that starts at `b[start]` unescaped, its first backslash at `b[k]`, and the
/// position just after its closing quote; `None` on a control character or an escape left to
/// serde_json. Its bytes are UTF-8 (see the caller). Short runs of plain bytes are copied
/// thirty-two bytes at a time whatever comes after them, then the copy is cut back to the first
/// quote, backslash or control character among them: no call to `memcpy` for the short runs
/// between the escapes of a text written with `\u00e9` for `é`, as Python's `json.dumps` does
/// by default.
fn unescape(b: &[u8], start: usize, k: usize) -> Option<(Vec<u8>, usize)> {
    // The unescaped string is never longer than its raw form: room for that, and for the
    // thirty-two bytes a copy may write past its end.
    let mut out = Vec::with_capacity(raw_len(b, start, k)? + 32);
    out.extend_from_slice(&b[start..k]);
    let mut r = k;
    loop {
        match b[r] {
            b'"' => return Some((out, r + 1)),
            b'\\' => r += push_escape(b, r, &mut out)?,
            _ => return None,
        }
        // The plain bytes after the escape, up to the next quote, backslash or control char.
        // A short run (under 32 bytes) is copied by copying 32 bytes, then cutting the copy
        // back; a longer one is found first, then copied whole.
        let Some(chunk) = b.get(r..r + 32) else {
            let t = r + next_special(&b[r..])?;
            out.extend_from_slice(&b[r..t]);
            r = t;
            continue;
        };
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        // SAFETY: as in `next_special`: SSE2 is enabled for the whole program.
        let m = unsafe { specials_sse2(&chunk[..16]) | specials_sse2(&chunk[16..]) << 16 };
        #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
        let m = chunk.iter().enumerate().fold(0u32, |m, (i, &c)| {
            m | u32::from(c == b'"' || c == b'\\' || c < 0x20) << i
        });
        if m != 0 {
            let t = m.trailing_zeros() as usize;
            out.extend_from_slice(chunk);
            out.truncate(out.len() - 32 + t);
            r += t;
        } else {
            let t = r + 32 + next_special(&b[r + 32..])?;
            out.extend_from_slice(&b[r..t]);
            r = t;
        }
    }
}

/// Appends the char of the escape at `b[k]` (a backslash) to `out`: the escape's length in
/// bytes, or `None` when it is invalid or a surrogate (left to serde_json).
#[inline]
fn push_escape(b: &[u8], k: usize, out: &mut Vec<u8>) -> Option<usize> {
    let simple = match *b.get(k + 1)? {
        b'"' => b'"',
        b'\\' => b'\\',
        b'/' => b'/',
        b'b' => 0x08,
        b'f' => 0x0c,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'u' => {
            let n = hex4(b, k + 2)?;
            // UTF-8 by hand, as `char::encode_utf8` does, for the one, two or three bytes of a
            // char of the Basic Multilingual Plane; a surrogate's escape is read by `escape`.
            match n {
                0..0x80 => out.push(n as u8),
                0x80..0x800 => {
                    out.extend_from_slice(&[0xc0 | (n >> 6) as u8, 0x80 | (n & 0x3f) as u8])
                }
                0xD800..=0xDFFF => {
                    let (c, len) = escape(b, k)?;
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    return Some(len);
                }
                _ => out.extend_from_slice(&[
                    0xe0 | (n >> 12) as u8,
                    0x80 | ((n >> 6) & 0x3f) as u8,
                    0x80 | (n & 0x3f) as u8,
                ]),
            }
            return Some(6);
        }
        _ => return None,
    };
    out.push(simple);
    Some(2)
}

/// The length of the raw string starting at `b[start]`, from its first backslash at `b[k]`: up
/// to its closing quote, the first `"` after an even run of backslashes (a pass of `memchr`,
/// far quicker than copying the string).
fn raw_len(b: &[u8], start: usize, k: usize) -> Option<usize> {
    let mut from = k;
    loop {
        let q = from + memchr::memchr(b'"', &b[from..])?;
        let backslashes = b[k..q].iter().rev().take_while(|&&c| c == b'\\').count();
        if backslashes % 2 == 0 {
            return Some(q - start);
        }
        from = q + 1;
    }
}

/// The escape at `b[k]` (a backslash): the char it stands for and its length in bytes.
fn escape(b: &[u8], k: usize) -> Option<(char, usize)> {
    Some(match *b.get(k + 1)? {
        b'"' => ('"', 2),
        b'\\' => ('\\', 2),
        b'/' => ('/', 2),
        b'b' => ('\u{8}', 2),
        b'f' => ('\u{c}', 2),
        b'n' => ('\n', 2),
        b'r' => ('\r', 2),
        b't' => ('\t', 2),
        b'u' => {
            let hi = hex4(b, k + 2)?;
            match hi {
                0xD800..=0xDBFF => {
                    if b.get(k + 6..k + 8) != Some(b"\\u") {
                        return None;
                    }
                    let lo = hex4(b, k + 8)?;
                    if !(0xDC00..=0xDFFF).contains(&lo) {
                        return None;
                    }
                    (
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?,
                        12,
                    )
                }
                0xDC00..=0xDFFF => return None,
                _ => (char::from_u32(hi)?, 6),
            }
        }
        _ => return None,
    })
}

/// The position of the first byte of `b` that ends a run of a string's plain bytes: a quote, a
/// backslash or a control character (U+0000 to U+001F, invalid in a JSON string). Thirty-two
/// bytes at a time with SSE2 (part of every x86-64 processor), then byte by byte.
#[inline]
fn next_special(b: &[u8]) -> Option<usize> {
    let special = |c: u8| c == b'"' || c == b'\\' || c < 0x20;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    // SAFETY: `specials_sse2` needs only SSE2, which this build enables for the whole program
    // (the cfg above), as every x86-64 target does: the processor running it has SSE2. The
    // function reads nothing but its slice argument.
    let i = match crate::text::simd::first_flagged(b, |c| unsafe { specials_sse2(c) }) {
        Ok(k) => return Some(k),
        Err(i) => i,
    };
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    let i = 0;
    b[i..].iter().position(|&c| special(c)).map(|p| i + p)
}

/// For the first sixteen bytes of `b`, one bit a byte: the quotes, backslashes and control
/// characters. The intrinsics take no pointer: within this function, which enables SSE2, they
/// are safe to call.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn specials_sse2(b: &[u8]) -> u32 {
    use std::arch::x86_64::*;
    let v = crate::text::simd::load16(b);
    let splat = |x: u8| _mm_set1_epi8(x as i8);
    let quote = _mm_cmpeq_epi8(v, splat(b'"'));
    let backslash = _mm_cmpeq_epi8(v, splat(b'\\'));
    // Unsigned `v <= 0x1F`: the larger of the two is 0x1F.
    let control = _mm_cmpeq_epi8(_mm_max_epu8(v, splat(0x1f)), splat(0x1f));
    _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)) as u32
}

/// `b` with each lone UTF-16 surrogate escape (`\ud800` not followed by a low surrogate's
/// escape, or a `\udc00` without a high one before it) replaced by `\ufffd`, U+FFFD, the
/// replacement character; `None` when there is none.
///
/// JSON allows such escapes, and JavaScript's `JSON.stringify` and Python's `json.dumps` write
/// them for a string that split a character, but no Rust string can hold one, so serde_json
/// refuses the whole value. Browsers and jq read them as U+FFFD: so does vigie, rather than lose
/// the record. A text that differs from its reference there shows it as a substitution. The
/// replacement has the escape's length (six bytes), so the line and column of anything else
/// wrong stay right. Only escapes are touched: `\\ud800` (an escaped backslash, then `ud800`)
/// is not one.
pub fn mend_lone_surrogates(b: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\\', &b[i.min(b.len())..]) {
        let k = i + k;
        if b.get(k + 1) != Some(&b'u') {
            i = k + 2;
            continue;
        }
        let pair = |at: usize| -> bool {
            b.get(at..at + 2) == Some(b"\\u")
                && hex4(b, at + 2).is_some_and(|lo| (0xDC00..=0xDFFF).contains(&lo))
        };
        match hex4(b, k + 2) {
            Some(0xD800..=0xDBFF) if pair(k + 6) => i = k + 12,
            Some(0xD800..=0xDFFF) => {
                out.get_or_insert_with(|| b.to_vec())[k + 2..k + 6].copy_from_slice(b"fffd");
                i = k + 6;
            }
            _ => i = k + 2,
        }
    }
    out
}

/// The JSON string `raw` (with its quotes, as the record writes it) as vigie tells ids apart,
/// when it holds a lone surrogate escape (`"rec-\ud800"`), which [`mend_lone_surrogates`] reads
/// as U+FFFD: the string decoded, but each lone surrogate kept as its escape, in lower case
/// (`\ud800`), and each backslash doubled, so that two strings differ here exactly when they
/// differ as written (`"rec-\ud800"` and `"rec-\udbff"`, both `rec-\u{FFFD}` once read). `None`
/// for a string without one (the common case: its text as read tells it apart), and for
/// anything that is no string.
pub fn written_string(raw: &[u8]) -> Option<String> {
    let inner = raw.trim_ascii().strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    let mut out = String::with_capacity(inner.len());
    let mut lone = false;
    let mut i = 0;
    while i < inner.len() {
        if inner[i] != b'\\' {
            let end = memchr::memchr(b'\\', &inner[i..]).map_or(inner.len(), |k| i + k);
            out.push_str(std::str::from_utf8(&inner[i..end]).ok()?);
            i = end;
            continue;
        }
        match *inner.get(i + 1)? {
            b'u' => {
                let n = hex4(inner, i + 2)?;
                let low = |at: usize| {
                    (inner.get(at..at + 2) == Some(b"\\u"))
                        .then(|| hex4(inner, at + 2))
                        .flatten()
                        .filter(|lo| (0xDC00..=0xDFFF).contains(lo))
                };
                let pair = (0xD800..=0xDBFF).contains(&n).then(|| low(i + 6)).flatten();
                if let Some(lo) = pair {
                    let c = 0x10000 + ((n - 0xD800) << 10) + (lo - 0xDC00);
                    out.push(char::from_u32(c)?);
                    i += 12;
                    continue;
                }
                match n {
                    0xD800..=0xDFFF => {
                        lone = true;
                        out.push_str(&format!("\\u{n:04x}"));
                    }
                    n => out.push(char::from_u32(n)?),
                }
                i += 6;
            }
            e => {
                out.push_str(match e {
                    b'"' => "\"",
                    b'\\' => "\\\\",
                    b'/' => "/",
                    b'b' => "\u{8}",
                    b'f' => "\u{c}",
                    b'n' => "\n",
                    b'r' => "\r",
                    b't' => "\t",
                    _ => return None,
                });
                i += 2;
            }
        }
    }
    lone.then_some(out)
}

/// Where something lies in bytes: its start and end.
pub type Span = (usize, usize);

/// `b` with each number beyond the range of a 64-bit float (`1e400`, an integer of 310 digits)
/// made a string of itself as written (`"1e400"`), and where each of those numbers lies in `b`
/// (start and end); `None` when there is none.
///
/// JSON sets no bound on numbers, and Python, JavaScript and jq read such a number (as infinity,
/// or exactly), but serde_json, which reads every number as a 64-bit integer or float, refuses
/// the whole value ("number out of range"): a record would be lost for a number in a field that
/// no rule reads. Kept as written, as an id beyond 64 bits is, it loses nothing: no float could
/// hold it. Only numbers are touched (not the digits of a string), and only those JSON's grammar
/// allows: anything else is left for serde_json to tell.
pub fn quote_big_numbers(b: &[u8]) -> Option<(Vec<u8>, Vec<Span>)> {
    let mut spans = Vec::new();
    let (mut in_str, mut esc) = (false, false);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if esc {
                esc = false;
            } else if c == b'\\' {
                esc = true;
            } else if c == b'"' {
                in_str = false;
            }
        } else if c == b'"' {
            in_str = true;
        } else if c == b'-' || c.is_ascii_digit() {
            let start = i;
            while b
                .get(i)
                .is_some_and(|&c| matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            {
                i += 1;
            }
            let token = &b[start..i];
            let infinite = std::str::from_utf8(token)
                .ok()
                .and_then(|t| t.parse::<f64>().ok())
                .is_some_and(f64::is_infinite);
            if infinite && is_json_number(token) {
                spans.push((start, i));
            }
            continue;
        }
        i += 1;
    }
    if spans.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() + 2 * spans.len());
    let mut from = 0;
    for &(start, end) in &spans {
        out.extend_from_slice(&b[from..start]);
        out.push(b'"');
        out.extend_from_slice(&b[start..end]);
        out.push(b'"');
        from = end;
    }
    out.extend_from_slice(&b[from..]);
    Some((out, spans))
}

/// The offset in the bytes given to [`quote_big_numbers`] of byte `at` of what it made of them,
/// whose numbers made strings lie at `spans` (in the bytes given): each quote it added moves
/// what follows by one byte. A quote itself is placed at its number's start or end.
pub fn offset_before_quoting(spans: &[Span], at: usize) -> usize {
    let mut added = 0;
    for &(start, end) in spans {
        // The opening quote is at `start + added`, the closing one at `end + added + 1`.
        if at < start + added {
            break;
        }
        if at <= end + added + 1 {
            return (at - added).saturating_sub(1).clamp(start, end);
        }
        added += 2;
    }
    at - added
}

/// Whether `t` is a number as JSON's grammar writes one: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, then
/// optionally `[eE][+-]?[0-9]+`.
fn is_json_number(t: &[u8]) -> bool {
    let digits = |t: &[u8], i: &mut usize| {
        let from = *i;
        while t.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    let mut i = usize::from(t.first() == Some(&b'-'));
    match t.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(t, &mut i);
        }
        _ => return false,
    }
    if t.get(i) == Some(&b'.') {
        i += 1;
        if !digits(t, &mut i) {
            return false;
        }
    }
    if matches!(t.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(t.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(t, &mut i) {
            return false;
        }
    }
    i == t.len()
}

/// The value of each hex digit, and 0xFF for every other byte.
const HEX: [u8; 256] = {
    let mut t = [0xff; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// The four hex digits at `b[at..at + 4]`.
#[inline]
fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let &[p, q, r, s] = b.get(at..at + 4)? else {
        return None;
    };
    let d = [
        HEX[p as usize],
        HEX[q as usize],
        HEX[r as usize],
        HEX[s as usize],
    ];
    if (d[0] | d[1] | d[2] | d[3]) & 0xf0 != 0 {
        return None;
    }
    Some(u32::from(d[0]) << 12 | u32::from(d[1]) << 8 | u32::from(d[2]) << 4 | u32::from(d[3]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fast path must give serde_json's value, or give up.
    fn same_as_serde(json: &str) -> bool {
        let serde = serde_json::from_str::<Value>(json).ok();
        match parse_value(json) {
            Some(v) => serde.as_ref() == Some(&v),
            None => true,
        }
    }

    /// Unescapes one JSON string literal through the fast path.
    fn fast_string(lit: &str) -> Option<String> {
        match parse_value(lit)? {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    #[test]
    fn strings_unescape_as_serde_json_does() {
        let cases = [
            r#""""#,
            r#""abc""#,
            r#""\n""#,
            r#""\"\\\/\b\f\n\r\t""#,
            r#""\\\\\\\\""#,
            r#""\\\"""#,
            r#""a\nb\nc""#,
            r#""\u0000\u001f\u0041\u00e9\u20AC\uFFFF""#,
            r#""\ud83d\ude00 \uD83D\uDE00""#,
            r#""x\ud800\udc00y""#,
            r#""\udbff\udfff""#,
            "\"Première ligne « é » 😀\\n\"",
            "\"été\\u00e9\\t€\"",
            r#""\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n""#,
        ];
        for lit in cases {
            let serde: String = serde_json::from_str(lit).unwrap();
            assert_eq!(fast_string(lit).as_deref(), Some(serde.as_str()), "{lit}");
        }
        // A long text with an escape every so often, as decisions are.
        let long = "La Cour, « vu l'article 700 » é\n".repeat(500);
        let lit = serde_json::to_string(&long).unwrap();
        assert_eq!(fast_string(&lit), Some(long));
    }

    #[test]
    fn runs_of_every_length_between_escapes_unescape_as_serde_json_does() {
        // Runs of plain bytes are copied 32 bytes at a time and cut back, or found then copied
        // whole: every run length around those 32 bytes, with multi-byte chars cut by the
        // copy, each escape form after it, and the string at the very end of the input (less
        // than 32 bytes left to copy) or inside an object (bytes to spare).
        let escapes = [
            r"\n",
            r"\u00e9",
            r"\u00E9",
            r"\u20ac",
            r"\u0041",
            r"\ud83d\ude00",
            r#"\""#,
            r"\\",
            r"\/",
        ];
        for len in 0..80 {
            let run: String = "abcé€😀xyz".chars().cycle().take(len).collect();
            for esc in escapes {
                let body = format!("{run}{esc}{run}{esc}{run}");
                for lit in [
                    format!("\"{body}\""),
                    format!("{{\"k\":\"{body}\",\"n\":1}}"),
                ] {
                    let serde: Value = serde_json::from_str(&lit).unwrap();
                    assert_eq!(parse_value(&lit), Some(serde), "{lit}");
                }
            }
        }
        // Invalid hex digits, a control char after an escape, a lone surrogate: left to
        // serde_json, whatever the run before them.
        for len in [0, 5, 31, 32, 33, 40] {
            let run = "x".repeat(len);
            for bad in [r"\u00g9", r"\u00", "\n\u{1}", r"\ud800x", r"\x"] {
                let lit = format!("\"é\\n{run}{bad}{run}\"");
                assert_eq!(parse_value(&lit), None, "{lit}");
            }
        }
    }

    /// A string with a lone surrogate escape is kept as written: its lone surrogates as their
    /// escapes in lower case, its backslashes doubled, the rest decoded; two strings that read
    /// alike as U+FFFD differ there, and one written `\\ud800` (a backslash) is another.
    #[test]
    fn strings_with_lone_surrogates_are_kept_as_written() {
        let w = |s: &str| written_string(s.as_bytes());
        assert_eq!(w(r#""rec-\ud800""#).as_deref(), Some(r"rec-\ud800"));
        assert_eq!(w(r#""rec-\uDBFF""#).as_deref(), Some(r"rec-\udbff"));
        assert_eq!(
            w(r#" "a\ud800\\b\u0041\n\ud83d\ude00\"" "#).as_deref(),
            Some("a\\ud800\\\\bA\n😀\"")
        );
        // A low surrogate first, a high one last, a high one before a high one.
        assert_eq!(w(r#""\udc00x\ud800""#).as_deref(), Some(r"\udc00x\ud800"));
        assert_eq!(w(r#""\ud800\ud800\udc00""#).as_deref(), Some("\\ud800𐀀"));
        // No lone surrogate: nothing to keep (the text read tells it apart); not a string.
        for none in [
            r#""rec-\ufffd""#,
            r#""rec-\\ud800""#,
            r#""\ud83d\ude00""#,
            "17",
            "\"x",
        ] {
            assert_eq!(w(none), None, "{none}");
        }
        assert_ne!(w(r#""rec-\ud800""#), w(r#""rec-\udbff""#));
    }

    #[test]
    fn lone_surrogates_are_mended_and_nothing_else() {
        let mend =
            |s: &str| mend_lone_surrogates(s.as_bytes()).map(|v| String::from_utf8(v).unwrap());
        // Lone high (at the end, before a non-escape, before another escape), lone low, and a
        // high before a high: each becomes U+FFFD's escape, of the same length.
        let cases = [
            (r#""x\ud800""#, r#""x\ufffd""#),
            (r#""\uD800 y""#, r#""\ufffd y""#),
            (r#""\ud800\n""#, r#""\ufffd\n""#),
            (r#""\udc00""#, r#""\ufffd""#),
            (r#""\ud800\ud83d\ude00""#, r#""\ufffd\ud83d\ude00""#),
            (
                r#"{"a":"\udfff","b":"\ud800\u0041"}"#,
                r#"{"a":"\ufffd","b":"\ufffd\u0041"}"#,
            ),
        ];
        for (raw, want) in cases {
            assert_eq!(mend(raw).as_deref(), Some(want), "{raw}");
            assert_eq!(mend(raw).unwrap().len(), raw.len());
            assert!(serde_json::from_str::<Value>(raw).is_err(), "{raw}");
            let v: Value = serde_json::from_str(want).unwrap();
            assert!(v.to_string().contains('\u{fffd}'), "{raw}");
        }
        // Pairs, other escapes, an escaped backslash before `ud800`, a backslash at the end.
        for raw in [
            r#""\ud83d\ude00 \uD83D\uDE00""#,
            r#""\n\t\u00e9\"""#,
            r#""\\ud800""#,
            r#""\\\\udc00 \\""#,
            "\\",
            "\\u",
            "\\ud8",
            "",
        ] {
            assert_eq!(mend(raw), None, "{raw}");
        }
    }

    #[test]
    fn doubtful_strings_are_left_to_serde_json() {
        let cases = [
            r#""\ud800""#,
            r#""\ud800x""#,
            r#""\ud800\u0041""#,
            r#""\udc00""#,
            r#""\ud800\n""#,
            r#""\u12""#,
            r#""\u12g4""#,
            r#""\x""#,
            r#""\"#,
            r#""abc"#,
            "\"a\u{1}b\"",
            "\"a\tb\"",
            "\"a\\\nb\"",
            "\"\\u00e9\u{1f}\"",
        ];
        for lit in cases {
            assert_eq!(fast_string(lit), None, "{lit:?}");
            assert!(same_as_serde(lit), "{lit:?}");
        }
    }

    #[test]
    fn values_are_serde_json_values() {
        let cases = [
            r#"{"id":"a","text":"x\ny","n":[1,-2,3.5,1e3,0,-0,18446744073709551615,18446744073709551616],"b":true,"c":false,"d":null,"o":{}, "e":[]}"#,
            " { \"a\" : [ 1 , { \"b\" : \"c\" } ] , \"a\" : 2 }\n\r\t ",
            r#"{"zones":{"motivations":[{"start":12,"end":3400}]},"numbers":["19-19.463"]}"#,
            r#"[0.1, 1E400, -1e-400, 123456789012345678901234567890, 00, 01, -, 1-, 1.e5]"#,
            r#"[1, 2,]"#,
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            r#"{a:1}"#,
            r#"{"a":1} x"#,
            r#"{"a":1}}"#,
            r#"[tru]"#,
            r#"[nul, false]"#,
            "\u{feff}{}",
            "",
            "  ",
            "42",
            "\"s\"",
        ];
        for json in cases {
            assert!(same_as_serde(json), "{json}");
        }
        // Most of them are taken by the fast path.
        assert!(parse_value(cases[0]).is_some());
        assert!(parse_value(cases[1]).is_some());
        assert!(parse_value(cases[2]).is_some());
        // Deep nesting is left to serde_json.
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(parse_value(&deep), None);
        let ok = format!("{}{}", "[".repeat(50), "]".repeat(50));
        assert!(parse_value(&ok).is_some() && same_as_serde(&ok));
    }

    // Numbers beyond a float's range are quoted as written, and nothing else is; each place in
    // what is quoted maps back to the same byte of the original.
    #[test]
    fn big_numbers_are_quoted_and_places_map_back() {
        let b = br#"[1e400, "2e400", 3, -4E+999, 1e-999, 01e400, 1.e400, {"k\"1e400": 5e500}]"#;
        let (quoted, spans) = quote_big_numbers(b).unwrap();
        assert_eq!(
            String::from_utf8(quoted.clone()).unwrap(),
            r#"["1e400", "2e400", 3, "-4E+999", 1e-999, 01e400, 1.e400, {"k\"1e400": "5e500"}]"#
        );
        assert_eq!(spans.len(), 3);
        for &(s, e) in &spans {
            assert!(matches!(&b[s..e], b"1e400" | b"-4E+999" | b"5e500"));
        }
        // Every byte of the original is found again from its place in what was quoted.
        let mut at = 0;
        for (k, &c) in b.iter().enumerate() {
            while quoted[at] != c {
                at += 1;
            }
            assert_eq!(offset_before_quoting(&spans, at), k, "byte {k}");
            at += 1;
        }
        assert_eq!(offset_before_quoting(&spans, quoted.len()), b.len());
        for none in [
            &br#"{"a": 1e308, "b": "1e400"}"#[..],
            b"",
            b"1e400"[..0].as_ref(),
        ] {
            assert_eq!(quote_big_numbers(none), None);
        }
        for (t, ok) in [
            ("0", true),
            ("-0.5e-3", true),
            ("12E+4", true),
            ("01", false),
            ("1.", false),
            (".5", false),
            ("1e", false),
            ("-", false),
            ("1-2", false),
            ("1e+-2", false),
        ] {
            assert_eq!(is_json_number(t.as_bytes()), ok, "{t}");
        }
    }

    /// The run scanner takes thirty-two bytes at a time: an escape, a closing quote or a control
    /// character is found at every offset within and across those blocks.
    #[test]
    fn specials_are_found_at_every_offset() {
        for at in 0..80 {
            let pad = "é".repeat(at / 2) + &"a".repeat(at % 2);
            for (lit, want) in [
                (format!("\"{pad}\\n{pad}\""), Some(format!("{pad}\n{pad}"))),
                (format!("\"{pad}\\\"x\""), Some(format!("{pad}\"x"))),
                (format!("\"{pad}\\u00e9\\\\\""), Some(format!("{pad}é\\"))),
                (format!("\"{pad}\""), Some(pad.clone())),
                (format!("\"{pad}\u{1f}\""), None),
                (format!("\"{pad}\\n{pad}\u{0}\""), None),
                (format!("\"{pad}"), None),
            ] {
                assert_eq!(fast_string(&lit), want, "{lit:?}");
                assert!(same_as_serde(&lit), "{lit:?}");
            }
        }
    }

    /// Characters that exercise every branch: ASCII, escapes, controls, multi-byte, astral.
    fn any_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => proptest::char::range('a', 'z'),
            2 => Just('"'),
            2 => Just('\\'),
            2 => Just('\n'),
            1 => proptest::char::range('\u{0}', '\u{1f}'),
            1 => Just('é'),
            1 => Just('€'),
            1 => Just('😀'),
            1 => proptest::char::any(),
        ]
    }

    /// How a char may be written in a JSON string literal.
    fn encode(c: char, form: u8, out: &mut String) {
        match (form % 3, c) {
            (0, _) => {
                let lit = serde_json::to_string(&c.to_string()).unwrap();
                out.push_str(&lit[1..lit.len() - 1]);
            }
            (1, _) => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            (_, '/') => out.push_str("\\/"),
            (_, c) if c < ' ' || c == '"' || c == '\\' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            (_, c) => out.push(c),
        }
    }

    proptest! {
        #[test]
        fn encoded_strings_come_back(chars in proptest::collection::vec((any_char(), 0u8..3), 0..64)) {
            let mut lit = String::from("\"");
            let mut want = String::new();
            for &(c, form) in &chars {
                encode(c, form, &mut lit);
                want.push(c);
            }
            lit.push('"');
            let serde: String = serde_json::from_str(&lit).unwrap();
            prop_assert_eq!(&serde, &want);
            prop_assert_eq!(fast_string(&lit), Some(want));
        }

        #[test]
        fn any_text_parses_as_serde_json_does(s in "[\"\\\\ux0-9a-fA-F{}\\[\\]:, \\n\\té€😀\u{1}-]{0,40}") {
            prop_assert!(same_as_serde(&s));
            let quoted = format!("\"{s}\"");
            prop_assert!(same_as_serde(&quoted));
            let keyed = format!("{{\"k\":\"{s}\",\"n\":1}}");
            prop_assert!(same_as_serde(&keyed));
        }
    }
}
