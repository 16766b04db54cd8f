//! Throughput of reading a DILA reference archive: the 92 real decisions of
//! `tests/data/dila-cass/` repeated into a `.tar.gz` of about 200 MB of XML, then streamed,
//! decompressed and parsed on every core.
//!
//! ```text
//! cargo run --release --example xml_throughput [MB of XML, default 200]
//! ```
//!
//! Prints three figures, in MB (10^6 bytes) of uncompressed XML per second: parsing alone
//! (in memory, all cores), reading the archive without parsing (decompression and untar), and
//! the whole path (archive → entries → `parse_xml`).

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use vigie::model::Origin;
use vigie::source::archive::{ArchiveLimits, for_each_entry};
use vigie::source::xml::parse_xml;

/// CPU seconds (user + system) this process has used so far, from `/proc/self/stat` (Linux;
/// 0 elsewhere). The machine may be shared: CPU time shows the cost independent of contention.
fn cpu_secs() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let after = stat.rsplit_once(')').map_or("", |p| p.1);
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of the file (utime, stime), counted after the command name.
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    ticks / 100.0
}

/// Prints one measurement: MB/s of wall time and MB per CPU second.
fn report(label: &str, bytes: u64, wall: f64, cpu: f64, extra: &str) {
    let mb = bytes as f64 / 1e6;
    println!(
        "{label:<28} {:7.1} MB/s wall ({wall:.2} s), {:7.1} MB per CPU-second ({cpu:.2} CPU-s){extra}",
        mb / wall,
        mb / cpu.max(0.01),
    );
}

fn main() {
    let target_mb: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/dila-cass");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("tests/data/dila-cass")
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    let per_round: u64 = files.iter().map(|f| f.1.len() as u64).sum();
    let rounds = (target_mb * 1_000_000).div_ceil(per_round);

    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("CASS_bench.tar.gz");
    let t = Instant::now();
    {
        let gz = GzEncoder::new(
            std::io::BufWriter::new(std::fs::File::create(&archive).unwrap()),
            Compression::default(),
        );
        let mut tar = tar::Builder::new(gz);
        for r in 0..rounds {
            for (name, bytes) in &files {
                let mut h = tar::Header::new_gnu();
                h.set_size(bytes.len() as u64);
                h.set_mode(0o644);
                let id = name.trim_end_matches(".xml");
                let path = format!(
                    "juri/judi/global/JURI/TEXT/{r:04}/{}/{}/{}.xml",
                    &id[8..12],
                    &id[12..16],
                    id
                );
                tar.append_data(&mut h, path, bytes.as_slice()).unwrap();
            }
        }
        tar.into_inner().unwrap().finish().unwrap();
    }
    let xml_bytes = per_round * rounds;
    let gz_bytes = std::fs::metadata(&archive).unwrap().len();
    eprintln!(
        "built {} entries, {:.1} MB of XML, {:.1} MB compressed, in {:.1} s",
        rounds * files.len() as u64,
        xml_bytes as f64 / 1e6,
        gz_bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let threads = rayon::current_num_threads();
    println!("threads: {threads}");

    // 1. Parsing alone, in memory.
    let t = Instant::now();
    let c = cpu_secs();
    let parsed = AtomicU64::new(0);
    (0..rounds).into_par_iter().for_each(|_| {
        for (name, bytes) in &files {
            let d = parse_xml(
                bytes,
                Origin {
                    file: name.clone(),
                    line: 0,
                },
            )
            .unwrap();
            std::hint::black_box(&d);
            parsed.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        }
    });
    report(
        "parse_xml alone:",
        parsed.load(Ordering::Relaxed),
        t.elapsed().as_secs_f64(),
        cpu_secs() - c,
        "",
    );

    // 2. The archive without parsing.
    let t = Instant::now();
    let c = cpu_secs();
    let stats = for_each_entry(&archive, &ArchiveLimits::default(), &|e| {
        std::hint::black_box(e.bytes.len());
    })
    .unwrap();
    assert_eq!(stats.bytes, xml_bytes);
    report(
        "tar.gz read, no parsing:",
        xml_bytes,
        t.elapsed().as_secs_f64(),
        cpu_secs() - c,
        "",
    );

    // 3. The whole path.
    let t = Instant::now();
    let c = cpu_secs();
    let ok = AtomicU64::new(0);
    let stats = for_each_entry(&archive, &ArchiveLimits::default(), &|e| {
        let origin = Origin {
            file: format!("CASS_bench.tar.gz!{}", e.name),
            line: 0,
        };
        if parse_xml(&e.bytes, origin).is_ok() {
            ok.fetch_add(1, Ordering::Relaxed);
        }
    })
    .unwrap();
    let s = t.elapsed().as_secs_f64();
    assert_eq!(ok.load(Ordering::Relaxed), stats.entries);
    report(
        "tar.gz read + parse_xml:",
        xml_bytes,
        s,
        cpu_secs() - c,
        &format!(", {:.0} decisions/s", stats.entries as f64 / s),
    );
}
