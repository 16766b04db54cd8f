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
        if r.next() % 50 == 0 {
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
