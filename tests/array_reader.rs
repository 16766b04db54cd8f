//! The streaming JSON array reader against the splitter vigie used when it read arrays whole
//! (kept here as the oracle), on random valid arrays larger than the 64 KiB head so that blocks
//! really are cut: same items (line, column, offset, bytes or reason), every byte counted once.
#![allow(dead_code)]
mod support;

use support::corpus_file::for_each_block;
use vigie::corpus::{Item, ItemKind, Limits};

mod old {
    use super::*;
    fn bom_len(data: &[u8]) -> usize {
        if data.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        }
    }
    fn skip_ws(data: &[u8], from: usize) -> (usize, u64, u64) {
        let mut i = from.max(bom_len(data));
        let mut line = 1u64;
        let mut line_start = 0usize;
        line += memchr::memchr_iter(b'\n', &data[..i]).count() as u64;
        if let Some(p) = memchr::memrchr(b'\n', &data[..i]) {
            line_start = p + 1;
        }
        while i < data.len() && data[i].is_ascii_whitespace() {
            if data[i] == b'\n' {
                line += 1;
                line_start = i + 1;
            }
            i += 1;
        }
        let column = String::from_utf8_lossy(&data[line_start..i])
            .chars()
            .count() as u64
            + 1;
        (i, line, column)
    }
    fn too_large(limits: &Limits) -> String {
        format!(
            "record is larger than the limit of {} bytes",
            limits.max_record_bytes
        )
    }
    pub fn split_array(data: &[u8], limits: &Limits) -> Vec<Item> {
        let mut items = Vec::new();
        let (start, _, _) = skip_ws(data, 0);
        let mut i = start + 1; // after '['
        let mut line = 1 + memchr::memchr_iter(b'\n', &data[..i]).count() as u64;
        let mut line_start = memchr::memrchr(b'\n', &data[..i])
            .map(|p| p + 1)
            .unwrap_or(0);
        let col_of = |data: &[u8], ls: usize, at: usize| {
            String::from_utf8_lossy(&data[ls..at]).chars().count() as u64 + 1
        };
        let mut elem_start: Option<(usize, u64, u64)> = None;
        let mut depth = 0usize;
        let mut in_str = false;
        let mut esc = false;
        let mut closed = false;
        while i < data.len() {
            let c = data[i];
            if in_str {
                if esc {
                    esc = false;
                } else if c == b'\\' {
                    esc = true;
                } else if c == b'"' {
                    in_str = false;
                } else if c == b'\n' {
                    line += 1;
                    line_start = i + 1;
                }
                i += 1;
                continue;
            }
            match c {
                b'\n' => {
                    line += 1;
                    line_start = i + 1;
                }
                b' ' | b'\t' | b'\r' => {}
                b'"' => {
                    in_str = true;
                    if elem_start.is_none() {
                        elem_start = Some((i, line, col_of(data, line_start, i)));
                    }
                }
                b'[' | b'{' => {
                    if elem_start.is_none() {
                        elem_start = Some((i, line, col_of(data, line_start, i)));
                    }
                    depth += 1;
                }
                b']' | b'}' if depth > 0 => depth -= 1,
                b',' | b']' if depth == 0 => {
                    if let Some((s, l, col)) = elem_start.take() {
                        items.push(array_item(data, s, i, l, col, limits));
                    } else if c == b',' {
                        items.push(Item {
                            line,
                            column: col_of(data, line_start, i),
                            offset: i as u64,
                            kind: ItemKind::Unreadable("empty array element".into()),
                        });
                    }
                    if c == b']' {
                        closed = true;
                        i += 1;
                        break;
                    }
                }
                _ => {
                    if elem_start.is_none() {
                        elem_start = Some((i, line, col_of(data, line_start, i)));
                    }
                }
            }
            i += 1;
        }
        if let Some((s, l, col)) = elem_start.take() {
            items.push(Item {
                line: l,
                column: col,
                offset: s as u64,
                kind: ItemKind::Unreadable(
                    "the JSON array ends before this element is complete".into(),
                ),
            });
        } else if !closed {
            items.push(Item {
                line,
                column: col_of(data, line_start, data.len().min(i)),
                offset: i as u64,
                kind: ItemKind::Unreadable("the JSON array is not closed".into()),
            });
        }
        let (after, l, col) = skip_ws(data, i.min(data.len()));
        if closed && after < data.len() {
            items.push(Item {
                line: l,
                column: col,
                offset: after as u64,
                kind: ItemKind::Unreadable("unexpected content after the JSON array".into()),
            });
        }
        items
    }
    fn array_item(
        data: &[u8],
        s: usize,
        e: usize,
        line: u64,
        column: u64,
        limits: &Limits,
    ) -> Item {
        let mut end = e;
        while end > s && data[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let kind = if end - s > limits.max_record_bytes {
            ItemKind::Unreadable(too_large(limits))
        } else {
            ItemKind::Bytes(s, end)
        };
        Item {
            line,
            column,
            offset: s as u64,
            kind,
        }
    }
}

/// One item: line, column, offset, and its bytes or why it is unreadable.
type Item1 = (u64, u64, u64, Result<Vec<u8>, String>);
type Out = Vec<Item1>;

fn new_items(content: &[u8], limits: Limits) -> Out {
    let mut out = Vec::new();
    let mut total = 0u64;
    for_each_block(content, &limits, |b| {
        total += b.bytes;
        for it in &b.items {
            let v = match &it.kind {
                ItemKind::Bytes(..) => {
                    let (off, len) = b.item_place(it).unwrap();
                    assert_eq!(
                        &content[off as usize..(off + len) as usize],
                        b.item_bytes(it).unwrap()
                    );
                    Ok(b.item_bytes(it).unwrap().to_vec())
                }
                ItemKind::Unreadable(m) => Err(m.clone()),
            };
            out.push((it.line, it.column, it.offset, v));
        }
    });
    assert_eq!(total, content.len() as u64, "progress bytes");
    out
}

fn old_items(content: &[u8], limits: Limits) -> Out {
    old::split_array(content, &limits)
        .into_iter()
        .map(|it| {
            let v = match &it.kind {
                ItemKind::Bytes(a, b) => Ok(content[*a..*b].to_vec()),
                ItemKind::Unreadable(m) => Err(m.clone()),
            };
            (it.line, it.column, it.offset, v)
        })
        .collect()
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

fn gen_value(r: &mut Rng, depth: u32, out: &mut String) {
    let pieces = [
        "\"", "\\\"", "\\\\", "é", "€", "𝄞", ",", "]", "}", "[", "{", " ", "\n", "\r\n", "a",
        "xyz", "1",
    ];
    match r.next() % 6 {
        0 | 1 => {
            out.push('"');
            for _ in 0..(r.next() % 40) {
                let p = r.pick(&pieces);
                if p == "\"" {
                    continue;
                }
                if p == "\n" || p == "\r\n" {
                    out.push_str("\\n");
                    continue;
                }
                out.push_str(p);
            }
            out.push('"');
        }
        2 if depth < 3 => {
            out.push('{');
            for k in 0..(r.next() % 4) {
                if k > 0 {
                    out.push_str(r.pick(&[",", ", ", ",\n  "]));
                }
                out.push_str("\"k\":");
                gen_value(r, depth + 1, out);
            }
            out.push('}');
        }
        3 if depth < 3 => {
            out.push('[');
            for k in 0..(r.next() % 4) {
                if k > 0 {
                    out.push(',');
                }
                gen_value(r, depth + 1, out);
            }
            out.push(']');
        }
        _ => out.push_str(r.pick(&["1", "true", "null", "-2.5e3", "bare"])),
    }
}

fn gen_file(seed: u64) -> (String, usize) {
    let mut r = Rng(seed * 2654435761 + 1);
    let mut s = String::new();
    s.push_str(r.pick(&["", " ", "\n\n", "\t\r\n "]));
    s.push('[');
    let target = 70_000 + (r.next() % 120_000) as usize;
    let mut first = true;
    while s.len() < target {
        if !first {
            s.push_str(r.pick(&[",", ", ", ",\n", " ,\r\n  ", ",,", ", ,"]));
        }
        first = false;
        s.push_str(r.pick(&["", " ", "\n  ", "\r\n\t"]));
        if r.next().is_multiple_of(50) {
            // a big element
            s.push_str("{\"text\":\"");
            for _ in 0..(r.next() % 30_000) {
                s.push_str(r.pick(&["é", "a", "\\\"", "\\n", " "]));
            }
            s.push_str("\"}");
        } else {
            gen_value(&mut r, 0, &mut s);
        }
        s.push_str(r.pick(&["", "", " ", "\n", " \n "]));
    }
    match r.next() % 5 {
        0 => {}
        1 => s.push_str("]\n"),
        2 => s.push_str("] trailing\n"),
        _ => s.push(']'),
    }
    let max = [1usize << 20, 20_000, 5_000][(r.next() % 3) as usize];
    (s, max)
}

#[test]
fn streaming_reader_matches_the_old_splitter() {
    let mut fails = Vec::new();
    for seed in 0..300u64 {
        let (s, max) = gen_file(seed);
        for block in [1usize << 20, 1, 4096, 65_536] {
            let limits = Limits {
                max_record_bytes: max,
                block_bytes: block,
                ..Limits::default()
            };
            let o = old_items(s.as_bytes(), limits);
            let n = new_items(s.as_bytes(), limits);
            let ends = |x: &Out| {
                x.iter().any(|t| {
                    t.3.as_ref()
                        .err()
                        .is_some_and(|m| m.contains("ends before"))
                })
            };
            if o != n && ends(&o) && !ends(&n) {
                continue;
            }
            if o != n {
                let k = o
                    .iter()
                    .zip(&n)
                    .position(|(a, b)| a != b)
                    .unwrap_or(o.len().min(n.len()));
                let short = |x: Option<&Item1>| {
                    x.map(|(l, c, off, v)| {
                        format!(
                            "{l}:{c}@{off} {:?}",
                            v.as_ref().map(
                                |b| String::from_utf8_lossy(&b[..b.len().min(40)]).into_owned()
                            )
                        )
                    })
                };
                fails.push(format!(
                    "seed {seed} block {block} max {max}: #{k} old {:?} new {:?} (lens {} {})",
                    short(o.get(k)),
                    short(n.get(k)),
                    o.len(),
                    n.len()
                ));
                break;
            }
        }
    }
    assert!(
        fails.is_empty(),
        "{}\n{}",
        fails.len(),
        fails
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The elements of an export of `records`, as written on one line (`line`), one element a line
/// (`lines`) or indented as `json.dump(indent=2)` writes them (`indented`).
fn laid_out(records: &[serde_json::Value], layout: &str) -> Vec<String> {
    records
        .iter()
        .map(|v| match layout {
            "indented" => format!(
                "  {}",
                serde_json::to_string_pretty(v)
                    .unwrap()
                    .replace('\n', "\n  ")
            ),
            _ => v.to_string(),
        })
        .collect()
}

/// A record as a reuser's export holds it: an id, prose (accents, digits, punctuation, but no
/// quote, backslash or bracket) and nested values.
fn gen_record(r: &mut Rng, n: usize) -> serde_json::Value {
    let words = [
        "Attendu", "que", "la", "cour", "d'appel", "a", "rejeté", "(article", "1240)", "du",
        "code", "civil;", "M.", "X...", "Mme", "n°", "2020,", "à", "été", "selon", "l'arrêt",
        "attaqué", ":", "-", "«", "»", "12", "€", "œuvre.",
    ];
    let text: Vec<&str> = (0..1 + r.next() % 40).map(|_| r.pick(&words)).collect();
    let zones: Vec<serde_json::Value> = (0..1 + r.next() % 3)
        .map(|z| serde_json::json!({"start": z * 100, "end": z * 100 + 40}))
        .collect();
    serde_json::json!({
        "id": format!("r{n}"),
        "jurisdiction": "cc",
        "text": text.join(" "),
        "zones": zones,
    })
}

/// Ways an element goes bad.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Damage {
    /// A quote not escaped, anywhere in the text.
    StrayQuote,
    /// The text's closing quote left out.
    OpenString,
    /// The element's closing `}` left out.
    OpenObject,
    /// The `]` of its zones left out.
    OpenArray,
    /// A line break in the text.
    LineBreak,
    /// A `}` too many after the element.
    ExtraBrace,
    /// The `,` after the id left out.
    NoComma,
}

/// `e`, an element as written, with `damage` done to it.
fn damage(e: &str, d: Damage, r: &mut Rng) -> String {
    // The text's content: prose, so up to the next quote.
    let key = e.find("\"text\":").unwrap();
    let open = key + e[key + 7..].find('"').unwrap() + 8;
    let close = open + e[open..].find('"').unwrap();
    match d {
        Damage::StrayQuote => {
            let bounds: Vec<usize> = (open..=close).filter(|&i| e.is_char_boundary(i)).collect();
            let at = bounds[(r.next() % bounds.len() as u64) as usize];
            format!("{}\"{}", &e[..at], &e[at..])
        }
        Damage::OpenString => format!("{}{}", &e[..close], &e[close + 1..]),
        Damage::OpenObject => e[..e.rfind('}').unwrap()].to_string(),
        Damage::OpenArray => {
            let at = e.rfind(']').unwrap();
            format!("{}{}", &e[..at], &e[at + 1..])
        }
        Damage::LineBreak => match e[open..close].find(' ') {
            Some(k) => format!("{}\n{}", &e[..open + k], &e[open + k + 1..]),
            None => format!("{}\n{}", &e[..close], &e[close..]),
        },
        Damage::ExtraBrace => format!("{e}}}"),
        Damage::NoComma => {
            let id = e.find("\"r").unwrap();
            let comma = id + 1 + e[id + 1..].find('"').unwrap() + 1;
            assert_eq!(&e[comma..=comma], ",");
            format!("{}{}", &e[..comma], &e[comma + 1..])
        }
    }
}

// One bad element among good ones, in arrays laid out as exports have them (on one line, one
// element a line, or indented as `json.dump(indent=2)` writes them), is one item with its own
// bytes, and every other element is read as it is, at its line, column and offset, whatever
// the block size. The one exception: a string left open in an array of one line runs on into
// the next element (nothing tells where it should have ended).
#[test]
fn one_bad_element_is_one_item_and_the_others_are_read() {
    let damages = [
        Damage::StrayQuote,
        Damage::OpenString,
        Damage::OpenObject,
        Damage::OpenArray,
        Damage::LineBreak,
        Damage::ExtraBrace,
        Damage::NoComma,
    ];
    let mut fails = Vec::new();
    for seed in 0..40u64 {
        let mut r = Rng(seed * 7919 + 3);
        let n = 2 + (r.next() % 30) as usize;
        let records: Vec<serde_json::Value> = (0..n).map(|i| gen_record(&mut r, i)).collect();
        for layout in ["line", "lines", "indented"] {
            let elements = laid_out(&records, layout);
            for d in damages {
                if d == Damage::OpenString && layout == "line" {
                    continue;
                }
                // Not the last element: an object left open there runs to the end of the file.
                let k = (r.next() % (n as u64 - 1)) as usize;
                let bad = damage(&elements[k], d, &mut r);
                let (head, sep, tail) = match layout {
                    "line" => ("[", ",", "]"),
                    "lines" => ("[", ",\n", "]\n"),
                    _ => ("[\n", ",\n", "\n]\n"),
                };
                let mut content = head.to_string();
                let mut want = Vec::new();
                for (j, e) in elements.iter().enumerate() {
                    if j > 0 {
                        content.push_str(sep);
                    }
                    let e = if j == k { &bad } else { e };
                    // Its indentation, then the element, which starts there.
                    let body = e.trim_start();
                    content.push_str(&e[..e.len() - body.len()]);
                    let off = content.len();
                    let line = 1 + content.matches('\n').count() as u64;
                    let col = 1 + content[content.rfind('\n').map_or(0, |p| p + 1)..]
                        .chars()
                        .count() as u64;
                    content.push_str(body);
                    want.push((
                        line,
                        col,
                        off as u64,
                        Ok(body.trim_end().as_bytes().to_vec()),
                    ));
                }
                content.push_str(tail);
                for block in [1usize, 4096, 1 << 20] {
                    let limits = Limits {
                        block_bytes: block,
                        ..Limits::default()
                    };
                    let got = new_items(content.as_bytes(), limits);
                    if got != want {
                        fails.push(format!(
                            "seed {seed} {layout} {d:?} element {k} block {block}"
                        ));
                        break;
                    }
                    let bad = got[k].3.as_ref().unwrap();
                    assert!(vigie::corpus::parse_record(bad, None).is_err(), "{d:?}");
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}\n{}", fails.len(), fails.join("\n"));
}

// Whatever the damage (bytes of JSON's syntax or line ends put in or taken out anywhere, several
// times), an array is cut the same way in blocks of every size, with a small record limit too:
// the scanner's way back from a bad element depends on nothing but the bytes before it. Every
// byte is counted once, and every item's bytes are where its block says (checked by
// `new_items`).
#[test]
fn a_damaged_array_is_cut_the_same_way_whatever_the_blocks() {
    let pieces: [&[u8]; 14] = [
        b"\"",
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b":",
        b"\n",
        b"\r",
        b"\r\n",
        b"\\",
        b" ",
        b"x",
        b"\xc3\xa9",
    ];
    let mut fails = Vec::new();
    for seed in 0..120u64 {
        let (s, max) = gen_file(seed);
        let mut r = Rng(seed * 104_729 + 7);
        let mut bytes = s.into_bytes();
        for _ in 0..1 + r.next() % 6 {
            let at = 1 + (r.next() % (bytes.len() as u64 - 1)) as usize;
            if r.next().is_multiple_of(3) {
                bytes.remove(at);
            } else {
                let p = pieces[(r.next() % pieces.len() as u64) as usize];
                bytes.splice(at..at, p.iter().copied());
            }
        }
        for max in [max, 64] {
            let limits = |block_bytes| Limits {
                max_record_bytes: max,
                block_bytes,
                ..Limits::default()
            };
            let whole = new_items(&bytes, limits(1 << 20));
            for block in [1usize, 7, 4096] {
                if new_items(&bytes, limits(block)) != whole {
                    fails.push(format!("seed {seed} max {max} block {block}"));
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}\n{}", fails.len(), fails.join("\n"));
}

// Any one damage to one element (a byte of JSON's syntax put in or taken out anywhere in it)
// loses none of the other elements of an array laid out over lines (one element a line, or
// indented), and at most one on one line: the one after it, when the damage leaves a string
// open, as nothing on one line tells where that string should have ended. (Damage to the first
// key of the first element of an array on one line is left out: that key is how the next
// element is told there.)
#[test]
fn one_damaged_element_loses_at_most_the_next_one() {
    let pieces: [&str; 10] = ["\"", "{", "}", "[", "]", ",", ":", "\n", "\\", "x"];
    let mut fails = Vec::new();
    for seed in 0..1500u64 {
        let mut r = Rng(seed * 6007 + 11);
        let n = 2 + (r.next() % 8) as usize;
        let records: Vec<serde_json::Value> = (0..n).map(|i| gen_record(&mut r, i)).collect();
        let layout = ["line", "lines", "indented"][(r.next() % 3) as usize];
        let elements = laid_out(&records, layout);
        let k = (r.next() % n as u64) as usize;
        let mut bad = elements[k].clone().into_bytes();
        // Anywhere after the element's `{`; on one line, after the first element's first key.
        let from = match (layout, k) {
            ("line", 0) => bad.iter().position(|&b| b == b':').unwrap() + 1,
            _ => bad.iter().position(|&b| b == b'{').unwrap() + 1,
        };
        let at = from + (r.next() % (bad.len() - from) as u64) as usize;
        if r.next().is_multiple_of(3) {
            bad.remove(at);
        } else {
            let p = pieces[(r.next() % pieces.len() as u64) as usize];
            bad.splice(at..at, p.bytes());
        }
        let mut all = elements.clone();
        all[k] = String::from_utf8_lossy(&bad).into_owned();
        let content = match layout {
            "line" => format!("[{}]", all.join(",")),
            "lines" => format!("[{}]\n", all.join(",\n")),
            _ => format!("[\n{}\n]\n", all.join(",\n")),
        };
        let got = new_items(content.as_bytes(), Limits::default());
        let read = |e: &str| {
            got.iter()
                .any(|g| g.3.as_deref() == Ok(e.trim().as_bytes()))
        };
        let lost = (0..n).filter(|&j| j != k && !read(&elements[j])).count();
        if lost > usize::from(layout == "line") {
            fails.push(format!("{layout}: lost {lost} with {:?}", all[k]));
        }
    }
    assert!(fails.is_empty(), "{}\n{}", fails.len(), fails.join("\n"));
}

// A `,` left out after any element, in arrays laid out as exports have them, loses no element:
// every element is read as it is, at its line, column and offset, whatever the block size, and
// the `,` left out is one more item, just after the element that it should follow (columns
// count chars, the text's accents included).
#[test]
fn a_comma_left_out_loses_no_element() {
    let mut fails = Vec::new();
    for seed in 0..40u64 {
        let mut r = Rng(seed * 7907 + 5);
        let n = 2 + (r.next() % 30) as usize;
        let records: Vec<serde_json::Value> = (0..n).map(|i| gen_record(&mut r, i)).collect();
        for layout in ["line", "lines", "indented"] {
            let elements = laid_out(&records, layout);
            // The `,` after element `k` left out.
            let k = (r.next() % (n as u64 - 1)) as usize;
            let (head, sep, tail) = match layout {
                "line" => ("[", ",", "]"),
                "lines" => ("[", ",\n", "]\n"),
                _ => ("[\n", ",\n", "\n]\n"),
            };
            let place = |content: &str| {
                let line = 1 + content.matches('\n').count() as u64;
                let col = 1 + content[content.rfind('\n').map_or(0, |p| p + 1)..]
                    .chars()
                    .count() as u64;
                (line, col, content.len() as u64)
            };
            let mut content = head.to_string();
            let mut want = Vec::new();
            let mut gap = None;
            for (j, e) in elements.iter().enumerate() {
                if j > 0 {
                    content.push_str(if j == k + 1 { &sep[1..] } else { sep });
                }
                let body = e.trim_start();
                content.push_str(&e[..e.len() - body.len()]);
                let (line, col, off) = place(&content);
                if let Some((l, c, o)) = gap.take() {
                    want.push((
                        l,
                        c,
                        o,
                        Err(format!(
                            "a `,` is missing between two elements of the JSON array (the next \
                             one starts at line {line}, column {col})"
                        )),
                    ));
                }
                content.push_str(body);
                want.push((line, col, off, Ok(body.as_bytes().to_vec())));
                if j == k {
                    gap = Some(place(&content));
                }
            }
            content.push_str(tail);
            for block in [1usize, 4096, 1 << 20] {
                let limits = Limits {
                    block_bytes: block,
                    ..Limits::default()
                };
                if new_items(content.as_bytes(), limits) != want {
                    fails.push(format!("seed {seed} {layout} element {k} block {block}"));
                    break;
                }
            }
        }
    }
    assert!(fails.is_empty(), "{}\n{}", fails.len(), fails.join("\n"));
}

// An array laid out over lines ended by LF, CRLF or CR alone, mixed at random: every element is
// at the line an editor shows it on (each of the three ending one line), at its column and
// offset, whatever the block size.
#[test]
fn lines_ended_by_cr_alone_count_in_an_array() {
    for seed in 0..6u64 {
        let mut r = Rng(seed * 4241 + 9);
        let records: Vec<serde_json::Value> = (0..1000).map(|i| gen_record(&mut r, i)).collect();
        let layout = ["lines", "indented"][(seed % 2) as usize];
        let elements = laid_out(&records, layout);
        let mut ends = |text: &str| -> String {
            text.split('\n')
                .collect::<Vec<_>>()
                .join(r.pick(&["\n", "\r\n", "\r"]))
        };
        let mut content = ends("[\n");
        // Each element's offset and bytes.
        let mut starts = Vec::new();
        for (j, e) in elements.iter().enumerate() {
            if j > 0 {
                content.push_str(&ends(",\n"));
            }
            let e = ends(e);
            let body = e.trim_start();
            content.push_str(&e[..e.len() - body.len()]);
            starts.push((content.len(), body.to_string()));
            content.push_str(body);
        }
        content.push_str(&ends("\n]\n"));
        assert!(content.len() > 70_000, "{}", content.len());
        // Where an editor puts each element: its line and column.
        let b = content.as_bytes();
        let (mut line, mut start, mut k) = (1u64, 0, 0);
        let mut want = Vec::new();
        for (off, body) in &starts {
            while k < *off {
                if b[k] == b'\r' || (b[k] == b'\n' && (k == 0 || b[k - 1] != b'\r')) {
                    line += 1;
                }
                if b[k] == b'\r' || b[k] == b'\n' {
                    start = k + 1;
                }
                k += 1;
            }
            let col = 1 + content[start..*off].chars().count() as u64;
            want.push((line, col, *off as u64, Ok(body.as_bytes().to_vec())));
        }
        for block in [1usize, 4096, 1 << 20] {
            let limits = Limits {
                block_bytes: block,
                ..Limits::default()
            };
            let got = new_items(content.as_bytes(), limits);
            assert_eq!(got, want, "seed {seed} {layout} block {block}");
        }
    }
}
