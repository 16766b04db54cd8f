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
/// element, must not crash. It holds no record, which is reported as one unreadable item, as an
/// empty file is: an export that wrote nothing must not pass for a compliant corpus.
#[test]
fn an_empty_json_array_holds_no_record() {
    assert_eq!(items_of(b"[]"), 1);
    assert_eq!(items_of(b" [ \n ] \n"), 1);
    assert_eq!(items_of(b""), 1, "an empty file is reported");
    assert_eq!(items_of(b"[{\"id\": \"a\"}]"), 1);
    assert_eq!(items_of(b"[{\"id\": \"a\"}, {\"id\": \"b\"}]"), 2);
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

/// `xml` crash-4e6eb71208feac075cb53436a60f34a6c3511fa7: an element of no name (`<>`), then an
/// end tag of white space alone (`</` and a line break, `>`). quick-xml does not take the one to
/// close the other; the fast reader of events did, and so read a file quick-xml rejects. It now
/// gives up there, and the file is rejected where quick-xml says.
#[test]
fn an_end_tag_of_white_space_closes_no_element_of_no_name() {
    let data = "<?xml version=\"1.0\"?>\n<TEXTE_JURI_JUDI>\n<AVOCATS>MF<>rr\nb/b</\n></AVOCATS>\n</TEXTE_JURI_JUDI>\n";
    assert_eq!(
        vigie::source::xml::fast_events_agree_with_quick_xml(data),
        Ok(false)
    );
    let origin = vigie::model::Origin {
        file: "crash.xml".into(),
        line: 0,
    };
    let e = vigie::source::xml::parse_xml(data.as_bytes(), origin).unwrap_err();
    // The `<` of `</` on line 4, after `b/b`.
    assert_eq!((e.line, e.column), (4, 4), "{e}");
    assert!(e.message.contains("expected `</>`"), "{e}");
}
