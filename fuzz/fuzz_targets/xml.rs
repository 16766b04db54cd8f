//! The DILA and administrative XML reader on arbitrary bytes: a decision or an error, never a
//! panic; and its fast reader of events, on any UTF-8, reads what quick-xml reads or gives up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigie::model::Origin;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data)
        && let Err(e) = vigie::source::xml::fast_events_agree_with_quick_xml(s)
    {
        panic!("{e}");
    }
    let origin = Origin {
        file: "fuzz.xml".into(),
        line: 0,
    };
    if let Ok(d) = vigie::source::xml::parse_xml(data, origin) {
        let n = d.text.chars().count();
        for z in &d.zones {
            assert!(z.start <= z.end && z.end <= n, "{z:?} outside {n} chars");
        }
    }
});
