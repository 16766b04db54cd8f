//! `parse_record` on arbitrary bytes, without a mapping and with one that maps nested paths,
//! array indices and defaults: it returns a record or an error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;
use vigie::corpus::{Mapping, parse_record};

fn mapping() -> &'static Mapping {
    static M: OnceLock<Mapping> = OnceLock::new();
    M.get_or_init(|| {
        Mapping::parse(
            "[fields]\nid = \"meta.ref\"\ntext = \"content.body\"\nsource_id = \"ids[0]\"\n\
             excerpt = \"flags.partial\"\n[defaults]\nattribution = \"Source : Légifrance\"\n\
             excerpt = true\ntext_format = \"html\"\nnumber = 17\n",
            Path::new("fuzz.toml"),
        )
        .expect("the fuzz mapping is valid")
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(rec) = parse_record(data, None) {
        assert!(!rec.id.trim().is_empty(), "a record always has an id");
    }
    if let Ok(rec) = parse_record(data, Some(mapping())) {
        assert!(!rec.id.trim().is_empty(), "a record always has an id");
    }
});
