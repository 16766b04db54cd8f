//! Regressions found in review of the work on speed (SPEC §6): array elements at the record
//! limit followed by white space, reference folders of more files than a process may hold open,
//! and the normaliser's hot path against its careful path on every Unicode char of the BMP.

mod support;

use support::corpus_file::for_each_block;
use vigie::corpus::{ItemKind, Limits};
use vigie::text::normalize::{normalize, normalize_careful, normalize_mapped};

fn items(content: &[u8], limits: Limits) -> Vec<(u64, u64, u64, Result<String, String>)> {
    let mut out = Vec::new();
    for_each_block(content, &limits, |b| {
        for it in &b.items {
            let v = match &it.kind {
                ItemKind::Bytes(..) => {
                    Ok(String::from_utf8_lossy(b.item_bytes(it).unwrap()).into_owned())
                }
                ItemKind::Unreadable(m) => Err(m.clone()),
            };
            out.push((it.line, it.column, it.offset, v));
        }
    });
    out
}

/// An element of exactly `max_record_bytes` bytes followed by white space before its `,` or
/// `]` (the last element of any pretty-printed array) is a record: the limit is on the
/// element, not on the white space after it.
#[test]
fn array_element_at_the_limit_followed_by_white_space() {
    let elem = r#"{"id":"a","text":"xxxxxx"}"#;
    let limits = Limits {
        max_record_bytes: elem.len(),
        ..Limits::default()
    };
    let content = format!("[\n  {elem}\n]\n");
    let got = items(content.as_bytes(), limits);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].3.as_deref(), Ok(elem), "{got:?}");
}

/// Same, in the middle of an array: `elem ,`.
#[test]
fn array_element_at_the_limit_followed_by_a_space_and_a_comma() {
    let elem = r#"{"id":"a"}"#;
    let limits = Limits {
        max_record_bytes: elem.len(),
        ..Limits::default()
    };
    let content = format!("[{elem} , {elem}]");
    let got = items(content.as_bytes(), limits);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|g| g.3.as_deref() == Ok(elem)), "{got:?}");
}

/// Hot path against careful path on every char, in a few contexts: inside a run, before a
/// combining mark, between spaces, across the sixteen-byte block, as an HTML entity.
#[test]
fn fast_and_careful_agree_on_every_char_of_the_bmp() {
    let mut bad = Vec::new();
    // Every char of the Basic Multilingual Plane (where every char the normaliser treats
    // specially lies) and one in 61 of the others.
    for cp in (0u32..=0xFFFF).chain((0x10000u32..=0x10FFFF).step_by(61)) {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        for html in [false, true] {
            for s in [
                format!("ab{c}cd"),
                format!("é{c}\u{301}é"),
                format!(" {c} x"),
                format!("aaaaaaaaaaaaaaa{c}bbbbbbbbbbbbbbbbb"),
                format!("x&#{cp};y"),
            ] {
                let careful = normalize_careful(&s, html);
                if normalize(&s, html) != careful.text || normalize_mapped(&s, html) != careful {
                    bad.push((cp, html, s.clone()));
                }
            }
        }
        if bad.len() > 20 {
            break;
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
}

/// A reference folder of many JSON files, whose texts stay in them: no file is held open
/// between readings (run with `ulimit -n 256` to check: a descriptor held per file would fail
/// here, the usual default soft limit being 1024).
#[test]
fn a_reference_folder_of_many_json_files() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..400 {
        std::fs::write(
            dir.path().join(format!("d{i:04}.json")),
            format!("{{\"id\":\"id{i}\",\"text\":\"Texte {i}\"}}"),
        )
        .unwrap();
    }
    let set = vigie::source::ReferenceSet::load(
        &[dir.path().to_path_buf()],
        &vigie::source::archive::ArchiveLimits::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let i = set.find_index("id399").unwrap();
    assert_eq!(set.text(i).unwrap(), "Texte 399");
}
