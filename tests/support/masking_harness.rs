//! Shared by `tests/masking_eval.rs` and `examples/masking_eval.rs`: loads the real decisions,
//! plants labelled party names and identifiers into them, and scores the detectors.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use vigie::text::identifiers::{IdentifierKind, find_identifiers};
use vigie::text::markers::{MarkerKind, find_markers};
use vigie::text::names::find_person_names;

/// One real decision: its file, its text (line breaks kept) and the professionals its metadata
/// names (PRESIDENT, AVOCAT_GL, AVOCATS, RAPPORTEUR).
pub struct Decision {
    pub file: String,
    pub text: String,
    pub professionals: Vec<String>,
}

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Text of the first `<tag>…</tag>` of `xml`, `<br/>` made line breaks, other tags dropped,
/// entities decoded.
pub fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let s = xml.find(&open)? + open.len();
    let e = s + xml[s..].find(&close)?;
    let raw = &xml[s..e];
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let j = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tagtxt = &rest[i..j];
        if tagtxt.starts_with("<br") {
            out.push('\n');
        }
        rest = &rest[j..];
    }
    out.push_str(rest);
    Some(html_escape::decode_html_entities(&out).into_owned())
}

pub fn load_dila() -> Vec<Decision> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir().join("dila-cass"))
        .expect("tests/data/dila-cass")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let xml = std::fs::read_to_string(&p).unwrap();
            let text = xml_text(&xml, "CONTENU").expect("CONTENU");
            let professionals = ["PRESIDENT", "AVOCAT_GL", "AVOCATS", "RAPPORTEUR"]
                .iter()
                .filter_map(|t| xml_text(&xml, t))
                .filter(|s| !s.trim().is_empty())
                .collect();
            Decision {
                file: p.file_name().unwrap().to_string_lossy().into_owned(),
                text,
                professionals,
            }
        })
        .collect()
}

pub fn load_ce() -> String {
    let xml = std::fs::read_to_string(data_dir().join("ce/ORTA_2520143_20251205.xml")).unwrap();
    xml_text(&xml, "Texte_Integral").unwrap()
}
