//! The DILA and administrative XML reader on arbitrary bytes: a decision or an error, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigie::model::Origin;

fuzz_target!(|data: &[u8]| {
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
