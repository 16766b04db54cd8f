//! Inputs the fuzz targets found, kept as plain tests so that `cargo test` guards them.

mod support;

use support::corpus_file::for_each_block;
use vigie::corpus::Limits;

fn items_of(data: &[u8]) -> usize {
    let mut n = 0;
    for_each_block(data, &Limits::default(), |b| n += b.items.len());
    n
}

/// `corpus_read_file` crash-97d170e1550eee4afc0af065b78cda302a97674c: `[]`, a JSON array of no
/// element, yields no item. It is a valid corpus file that holds no record (not an unreadable
/// one, unlike an empty file).
#[test]
fn an_empty_json_array_holds_no_record() {
    assert_eq!(items_of(b"[]"), 0);
    assert_eq!(items_of(b" [ \n ] \n"), 0);
    assert_eq!(items_of(b""), 1, "an empty file is reported");
    assert_eq!(items_of(b"[{\"id\": \"a\"}]"), 1);
}

/// `json` crash-3b9e90480bed867b4728ce9f5bbbedced8a7370b: serde_json (with its `raw_value`
/// feature) reads an object whose first key is its private raw-value token as a raw value, and
/// refuses this one; the fast parser had read it as an object. It now leaves such keys to
/// serde_json, so both say the same.
#[test]
fn serde_json_private_tokens_are_left_to_serde_json() {
    for data in [
        &br#"{"$serde_json::private::RawValue":"INT005","line":6,"detail":"jurisdiction dropped"}"#
            [..],
        br#"{"a":{"$serde_json::private::RawValue":"1"}}"#,
        br#"{"a":1,"$serde_json::private::Number":"2"}"#,
    ] {
        if let Err(e) = vigie::corpus::parse_json_agrees_with_serde_json(data) {
            panic!("{e}");
        }
    }
}
