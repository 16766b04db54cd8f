//! The files of `tests/data/` (shared by the tests that read the real decisions there).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The path of `rel`, a file or folder of `tests/data/`.
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

/// The Judilibre sample decision 19-19.463 (Cour de cassation, chambre commerciale, 18 November
/// 2020), the reference of most end-to-end tests.
pub fn cc_detail() -> PathBuf {
    data("judilibre/cc_detail.json")
}

/// The real DILA decisions' XML files (`tests/data/dila-cass`), in name order.
pub fn dila_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data("dila-cass"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

/// The decision text of [`cc_detail`].
pub fn cc_text() -> String {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(cc_detail()).unwrap()).unwrap();
    v["text"].as_str().unwrap().to_string()
}

/// The demo corpus's records (`assets/demo/corpus.jsonl`) by id: the lines that read as JSON
/// and give an id (its unreadable line left out).
pub fn demo_records() -> std::collections::BTreeMap<String, serde_json::Value> {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/corpus.jsonl"))
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|r| r["id"].is_string())
        .map(|r| (r["id"].as_str().unwrap().to_string(), r))
        .collect()
}
