//! The official XML readers and the archive reader, on the real decisions of `tests/data/`.
//!
//! Expected values were read by hand in the XML files (metadata) and, for text lengths, counted
//! independently (CONTENU with `<br/>` + following newline → one line break, entities decoded,
//! ends trimmed, length in Unicode scalar values).

use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use vigie::model::{Origin, Producer, ReferenceDecision};
use vigie::source::archive::{ArchiveEntry, ArchiveLimits, for_each_entry};
use vigie::source::xml::parse_xml;

mod support;
use support::data::{data, dila_files};
use support::wait::{HANG, mkfifo};

fn parse(rel: &str) -> ReferenceDecision {
    let bytes = std::fs::read(data(rel)).unwrap();
    parse_xml(
        &bytes,
        Origin {
            file: rel.to_string(),
            line: 0,
        },
    )
    .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn all_92_dila_decisions_parse() {
    let files = dila_files();
    assert_eq!(files.len(), 92);
    let mut formations = std::collections::BTreeMap::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let d = parse_xml(&bytes, Origin::default()).unwrap_or_else(|e| panic!("{f:?}: {e}"));
        let stem = f.file_stem().unwrap().to_str().unwrap();
        assert_eq!(d.id, stem, "the id is the file's JURITEXT");
        assert_eq!(d.producer, Producer::Legifrance);
        assert_eq!(d.jurisdiction.as_deref(), Some("Cour de cassation"));
        assert_eq!(d.seat.as_deref(), Some("Paris"));
        assert!(d.decision_date.is_some(), "{stem}");
        assert!(
            d.ecli
                .as_deref()
                .unwrap()
                .starts_with("ECLI:FR:CCASS:2023:")
        );
        assert!(d.chamber.is_some());
        assert!(d.text.starts_with("LA COUR DE CASSATION"), "{stem}");
        assert!(!d.text.contains('<') && !d.text.contains("&amp;"), "{stem}");
        assert!(d.text.len() > 1000, "{stem}");
        // The summary (SOMMAIRE) and citations are not part of the decision text.
        assert!(!d.text.contains("A rapprocher :"), "{stem}");
        *formations.entry(d.formation.clone()).or_insert(0) += 1;
    }
    // Header codes counted with grep: 55 `F-B`, 1 `F+B`, 30 `FS-B`, 4 `FS-D`; the plenary
    // assembly (`B+R`) and the opinion (`P+B`) have none.
    assert_eq!(
        formations.into_iter().collect::<Vec<_>>(),
        vec![
            (None, 2),
            (Some("f".to_string()), 56),
            (Some("fs".to_string()), 34)
        ]
    );
}

#[test]
fn criminal_chamber_decision_hand_checked() {
    let d = parse("dila-cass/JURITEXT000048176061.xml");
    assert_eq!(d.id, "JURITEXT000048176061");
    assert_eq!(d.other_ids, vec!["ECLI:FR:CCASS:2023:CR01078"]);
    assert_eq!(d.ecli.as_deref(), Some("ECLI:FR:CCASS:2023:CR01078"));
    assert_eq!(d.decision_date, Some(jiff::civil::date(2023, 10, 3)));
    assert_eq!(d.chamber.as_deref(), Some("CHAMBRE_CRIMINELLE"));
    // `META_JURI/NUMERO` (C2301078) is the internal arrêt number, not the case number.
    assert_eq!(d.numbers, vec!["23-80251"]);
    assert_eq!(d.formation.as_deref(), Some("f"), "N° E 23-80.251 F-B");
    assert_eq!(d.update_date, None);
    assert_eq!(
        d.professionals,
        vec!["M. Bonnal", "SARL Boré, Salve de Bruneton et Mégret"]
    );
    assert!(d.text.starts_with(
        "LA COUR DE CASSATION, CHAMBRE CRIMINELLE, a rendu l'arrêt suivant : \n\nN° E 23-80.251 F-B\n\n N° 01078\n"
    ));
    assert!(
        d.text
            .ends_with("en son audience publique du trois octobre deux mille vingt-trois.")
    );
    assert_eq!(d.text.chars().count(), 16013);
}

#[test]
fn civil_decision_with_four_numbers_hand_checked() {
    let d = parse("dila-cass/JURITEXT000048242191.xml");
    assert_eq!(d.decision_date, Some(jiff::civil::date(2023, 10, 19)));
    assert_eq!(d.chamber.as_deref(), Some("CHAMBRE_CIVILE_2"));
    assert_eq!(
        d.numbers,
        vec!["21-25274", "21-25275", "21-25276", "21-25277"]
    );
    assert_eq!(d.ecli.as_deref(), Some("ECLI:FR:CCASS:2023:C201046"));
    // "SCP Gatineau,  Fattaccini et Rebeyrol, SARL Thouvenin, Coudray et Grévy": two firms.
    assert_eq!(
        d.professionals,
        vec![
            "Mme Martinel",
            "SCP Gatineau, Fattaccini et Rebeyrol",
            "SARL Thouvenin, Coudray et Grévy"
        ]
    );
    assert!(
        d.text.starts_with(
            "LA COUR DE CASSATION, DEUXIÈME CHAMBRE CIVILE, a rendu l'arrêt suivant :"
        )
    );
    assert_eq!(d.text.chars().count(), 8134);
}

#[test]
fn plenary_assembly_with_blank_president_hand_checked() {
    let d = parse("dila-cass/JURITEXT000048430356.xml");
    assert_eq!(d.chamber.as_deref(), Some("ASSEMBLEE_PLENIERE"));
    assert_eq!(d.decision_date, Some(jiff::civil::date(2023, 11, 17)));
    assert_eq!(d.numbers[0], "21-20723");
    assert_eq!(d.ecli.as_deref(), Some("ECLI:FR:CCASS:2023:AP00672"));
    // `<PRESIDENT> </PRESIDENT>` is no name.
    assert_eq!(
        d.professionals,
        vec!["SCP Le Griel", "SCP Thouin-Palat et Boucard"]
    );
    assert!(d.text.starts_with(
        "LA COUR DE CASSATION, siégeant en ASSEMBLÉE PLÉNIÈRE, a rendu l'arrêt suivant :"
    ));
    assert_eq!(d.text.chars().count(), 20634);
}

#[test]
fn entities_in_the_text_are_decoded() {
    let d = parse("dila-cass/JURITEXT000048430229.xml");
    assert!(
        d.text
            .contains("la société Michel Vaux & associés audit et conseil"),
        "&amp; decoded"
    );
}

#[test]
fn administrative_decision_hand_checked() {
    let d = parse("ce/ORTA_2520143_20251205.xml");
    assert_eq!(d.id, "ORTA_2520143_20251205.xml");
    assert_eq!(d.other_ids, vec!["ORTA_2520143_20251205"]);
    assert_eq!(d.producer, Producer::ConseilEtat);
    assert_eq!(
        d.jurisdiction.as_deref(),
        Some("Tribunal Administratif de Cergy-Pontoise")
    );
    assert_eq!(d.seat.as_deref(), Some("Cergy-Pontoise"));
    assert_eq!(d.numbers, vec!["2520143"]);
    assert_eq!(d.decision_date, Some(jiff::civil::date(2025, 12, 5)));
    // A day alone: 2026-01-27 in France, from midnight in Paris (UTC+1 in winter).
    let day = d.update_date.unwrap();
    assert_eq!(
        day,
        vigie::ident::Moment::Date(jiff::civil::date(2026, 1, 27))
    );
    assert_eq!(
        day.start(),
        "2026-01-26T23:00:00Z".parse::<jiff::Timestamp>().unwrap()
    );
    // `<Audience>` is empty in this file.
    assert_eq!(d.formation, None);
    assert_eq!(d.chamber, None);
    assert!(d.professionals.is_empty());
    assert!(d.text.starts_with(
        "Vu la procédure suivante :\n\nPar une requête et mémoires, enregistrés le 24 octobre 2025"
    ));
    assert!(d.text.contains("Mme C... A... B... demande au tribunal"));
    assert!(
        d.text
            .ends_with("de pourvoir à l'exécution de la présente décision.")
    );
    assert_eq!(d.text.chars().count(), 1833);
}

#[test]
fn corrupt_xml_is_an_error_with_a_position() {
    let bytes = std::fs::read(data("dila-cass/JURITEXT000048176061.xml")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    // Line 15 is `<JURIDICTION>Cour de cassation</JURIDICTION>`; break its end tag.
    assert_eq!(
        text.lines().nth(14),
        Some("<JURIDICTION>Cour de cassation</JURIDICTION>")
    );
    let broken = text.replacen("</JURIDICTION>", "</JURIDICTON>", 1);
    let e = parse_xml(broken.as_bytes(), Origin::default()).unwrap_err();
    assert_eq!(e.line, 15, "{e}");
    assert!(e.to_string().starts_with("line 15, column "), "{e}");

    // Truncated in the middle of the text.
    let cut = &text.as_bytes()[..text.len() / 2];
    let e = parse_xml(cut, Origin::default()).unwrap_err();
    assert!(e.message.contains("not closed"), "{e}");

    // An XML file of another kind names its root.
    let e = parse_xml(b"<?xml version=\"1.0\"?>\n<rss/>", Origin::default()).unwrap_err();
    assert_eq!((e.line, e.column), (2, 1));
    assert!(e.message.contains("<rss>"), "{e}");

    // Binary garbage never panics.
    for seed in 0..200u32 {
        let mut junk = text.as_bytes()[..600].to_vec();
        let at = (seed as usize * 7919) % junk.len();
        junk[at] = (seed % 256) as u8;
        junk.truncate(300 + (seed as usize * 31) % 300);
        let _ = parse_xml(&junk, Origin::default());
    }
}

// ---------------------------------------------------------------------------------------------
// Archives

fn collect(
    path: &Path,
    limits: &ArchiveLimits,
) -> (Vec<ArchiveEntry>, vigie::source::archive::ArchiveStats) {
    let out = Mutex::new(Vec::new());
    let stats = for_each_entry(path, limits, &|e| out.lock().unwrap().push(e))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut entries = out.into_inner().unwrap();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    (entries, stats)
}

/// The DILA layout: `juri/.../JURI/TEXT/00/00/48/17/60/JURITEXT000048176061.xml`.
fn dila_path(id: &str) -> String {
    let digits = &id[8..]; // 000048176061
    format!(
        "juri/judi/global/JURI/TEXT/{}/{}/{}/{}/{}/{id}.xml",
        &digits[0..2],
        &digits[2..4],
        &digits[4..6],
        &digits[6..8],
        &digits[8..10]
    )
}

fn build_tar_gz(path: &Path) -> u64 {
    let file = std::fs::File::create(path).unwrap();
    let gz = GzEncoder::new(file, Compression::default());
    let mut tar = tar::Builder::new(gz);
    let mut total = 0;
    for f in dila_files() {
        let id = f.file_stem().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&f).unwrap();
        total += bytes.len() as u64;
        let mut h = tar::Header::new_gnu();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut h, dila_path(&id), bytes.as_slice())
            .unwrap();
    }
    // A directory and a symlink, which are skipped.
    let mut d = tar::Header::new_gnu();
    d.set_entry_type(tar::EntryType::Directory);
    d.set_size(0);
    d.set_mode(0o755);
    tar.append_data(&mut d, "juri/judi/", std::io::empty())
        .unwrap();
    let mut l = tar::Header::new_gnu();
    l.set_entry_type(tar::EntryType::Symlink);
    l.set_size(0);
    l.set_mode(0o777);
    tar.append_link(&mut l, "juri/evil", "/etc/passwd").unwrap();
    tar.into_inner().unwrap().finish().unwrap();
    total
}

#[test]
fn tar_gz_of_the_real_decisions_is_read_in_full() {
    let dir = tempfile::tempdir().unwrap();
    // No `.tar.gz` extension: the format is recognised from magic bytes.
    let path = dir.path().join("CASS_20231120.bin");
    let total = build_tar_gz(&path);
    let (entries, stats) = collect(&path, &ArchiveLimits::default());
    assert_eq!(entries.len(), 92);
    assert_eq!(stats.entries, 92);
    assert_eq!(stats.bytes, total);
    assert_eq!(stats.skipped, 2, "directory and symlink");
    assert!(stats.unreadable.is_empty());
    assert_eq!(
        entries[0].name,
        "juri/judi/global/JURI/TEXT/00/00/48/17/60/JURITEXT000048176061.xml"
    );
    for e in &entries {
        let d = parse_xml(&e.bytes, Origin::default()).unwrap();
        assert!(e.name.ends_with(&format!("{}.xml", d.id)));
    }
}

#[test]
fn zip_of_the_administrative_decision_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("monthly.zip");
    let sample = std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap();
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.add_directory("TA95/", opts).unwrap();
        zip.start_file("TA95/ORTA_2520143_20251205.xml", opts)
            .unwrap();
        zip.write_all(&sample).unwrap();
        for f in dila_files().iter().take(3) {
            zip.start_file(
                format!("other/{}", f.file_name().unwrap().to_str().unwrap()),
                opts,
            )
            .unwrap();
            zip.write_all(&std::fs::read(f).unwrap()).unwrap();
        }
        zip.finish().unwrap();
    }
    let (entries, stats) = collect(&path, &ArchiveLimits::default());
    assert_eq!(entries.len(), 4);
    assert_eq!(stats.skipped, 1);
    let admin = entries
        .iter()
        .find(|e| e.name == "TA95/ORTA_2520143_20251205.xml")
        .unwrap();
    assert_eq!(admin.bytes, sample);
    let d = parse_xml(&admin.bytes, Origin::default()).unwrap();
    assert_eq!(d.id, "ORTA_2520143_20251205.xml");
}

#[test]
fn truncated_tar_gz_is_an_error_naming_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full.tar.gz");
    build_tar_gz(&full);
    let bytes = std::fs::read(&full).unwrap();
    for keep in [bytes.len() / 2, bytes.len() - 5, 40] {
        let cut = dir.path().join(format!("cut{keep}.tar.gz"));
        std::fs::write(&cut, &bytes[..keep]).unwrap();
        let seen = Mutex::new(0u32);
        let e = for_each_entry(&cut, &ArchiveLimits::default(), &|_| {
            *seen.lock().unwrap() += 1
        })
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains(&format!("cut{keep}.tar.gz")), "{msg}");
        assert!(
            *seen.lock().unwrap() < 92 || keep == bytes.len() - 5,
            "{msg}"
        );
    }
}

/// A tar cut at an entry's end, then compressed whole (the gzip stream is sound): the entries
/// end without the zero blocks that close every tar archive, so it was cut there, and reading
/// says so after the entries before the cut are read, rather than taking it for the whole.
/// A stream damaged in the middle says at which byte of its content, and which entry was read
/// last. A sound archive is no error.
#[test]
fn a_tar_cut_at_an_entry_boundary_or_damaged_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let files = dila_files();
    let mut tar = tar::Builder::new(Vec::new());
    // Where each entry's header starts in the tar.
    let mut starts = Vec::new();
    for f in &files[..6] {
        starts.push(tar.get_ref().len());
        let bytes = std::fs::read(f).unwrap();
        let mut h = tar::Header::new_gnu();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        let name = f.file_name().unwrap().to_str().unwrap();
        tar.append_data(&mut h, name, bytes.as_slice()).unwrap();
    }
    let whole = tar.into_inner().unwrap();
    let gz = |bytes: &[u8]| {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    };
    let read = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let seen = Mutex::new(0u64);
        let res = for_each_entry(&path, &ArchiveLimits::default(), &|_| {
            *seen.lock().unwrap() += 1
        });
        (res, seen.into_inner().unwrap())
    };
    let (res, seen) = read("whole.tar.gz", &gz(&whole));
    assert_eq!(res.unwrap().entries, 6);
    assert_eq!(seen, 6);
    // Cut where the fifth entry's header starts: four read, then the cut is told.
    let (res, seen) = read("cut.tar.gz", &gz(&whole[..starts[4]]));
    assert_eq!(seen, 4);
    let e = res.unwrap_err();
    let fourth = files[3].file_name().unwrap().to_str().unwrap();
    assert_eq!(
        e.reason(),
        format!(
            "cut short: its content ends after {} bytes, without the zero blocks that end a tar \
             archive; reading stopped after its entry {fourth} (4 entries read, that one \
             included): the rest of the archive is lost, and how many decisions it held cannot \
             be known",
            starts[4]
        )
    );
    assert!(e.to_string().starts_with(&format!(
        "{}: cut short",
        dir.path().join("cut.tar.gz").display()
    )));
    // Damaged: bytes of the compressed stream changed past its start.
    let mut damaged = gz(&whole);
    let at = damaged.len() * 2 / 3;
    for b in &mut damaged[at..at + 64] {
        *b ^= 0x5A;
    }
    let (res, _) = read("damaged.tar.gz", &damaged);
    let why = res.unwrap_err().reason();
    assert!(why.starts_with("damaged at byte "), "{why}");
    assert!(
        why.contains("; reading stopped ") && why.contains("how many decisions"),
        "{why}"
    );
}

#[test]
fn corrupt_zip_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.zip");
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend(std::iter::repeat_n(0xAB, 4000));
    std::fs::write(&path, &bytes).unwrap();
    let e = for_each_entry(&path, &ArchiveLimits::default(), &|_| {}).unwrap_err();
    assert!(e.to_string().contains("bad.zip"), "{e}");

    // A zip whose entry data is damaged: the entry is unreadable, the others are read.
    let path = dir.path().join("damaged.zip");
    let sample = std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap();
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("a.xml", opts).unwrap();
        zip.write_all(&sample).unwrap();
        zip.start_file("b.xml", opts).unwrap();
        zip.write_all(&sample).unwrap();
        zip.finish().unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    // Flip bytes inside the first entry's compressed data (after its 30-byte header and name).
    for b in &mut bytes[60..120] {
        *b ^= 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let (entries, stats) = collect(&path, &ArchiveLimits::default());
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].name, "b.xml");
    assert_eq!(stats.unreadable.len(), 1);
    assert_eq!(stats.unreadable[0].name, "a.xml");
}

/// A zip bomb of overlapping entries: `n` entries of the central directory all point at one
/// local header, whose deflate stream holds `size` zeros. Each would be inflated again, the
/// whole staying within every size limit (a 1 MB file for gigabytes).
fn overlapping_zip(path: &Path, n: u32, size: u32) {
    let data = vec![0u8; size as usize];
    let mut deflated = flate2::write::DeflateEncoder::new(Vec::new(), Compression::best());
    deflated.write_all(&data).unwrap();
    let deflated = deflated.finish().unwrap();
    let mut crc = flate2::Crc::new();
    crc.update(&data);
    let crc = crc.sum();
    let name = b"e.xml";
    let mut out = Vec::new();
    // Local file header: signature, version, flags, method 8, time, date, crc, sizes, name.
    out.extend(0x0403_4b50u32.to_le_bytes());
    out.extend([20u16, 0, 8, 0, 0].iter().flat_map(|x| x.to_le_bytes()));
    out.extend(crc.to_le_bytes());
    out.extend((deflated.len() as u32).to_le_bytes());
    out.extend(size.to_le_bytes());
    out.extend((name.len() as u16).to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(name);
    out.extend(&deflated);
    let cd_start = out.len() as u32;
    for i in 0..n {
        let m = format!("e{i:05}.xml");
        out.extend(0x0201_4b50u32.to_le_bytes());
        out.extend([20u16, 20, 0, 8, 0, 0].iter().flat_map(|x| x.to_le_bytes()));
        out.extend(crc.to_le_bytes());
        out.extend((deflated.len() as u32).to_le_bytes());
        out.extend(size.to_le_bytes());
        out.extend((m.len() as u16).to_le_bytes());
        // Extra and comment lengths, disk, internal and external attributes, header offset 0.
        out.extend([0u16, 0, 0, 0].iter().flat_map(|x| x.to_le_bytes()));
        out.extend([0u32, 0].iter().flat_map(|x| x.to_le_bytes()));
        out.extend(m.as_bytes());
    }
    let cd_len = out.len() as u32 - cd_start;
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(
        [0u16, 0, n as u16, n as u16]
            .iter()
            .flat_map(|x| x.to_le_bytes()),
    );
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    std::fs::write(path, out).unwrap();
}

/// Entries that share their bytes are a zip bomb, whatever their sizes: the archive is refused
/// at the second, not inflated once per entry.
#[test]
fn zip_entries_sharing_their_bytes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("overlap.zip");
    overlapping_zip(&path, 2000, 4 << 20);
    assert!(std::fs::metadata(&path).unwrap().len() < 200 << 10);
    let seen = Mutex::new(0u32);
    let e = for_each_entry(&path, &ArchiveLimits::default(), &|_| {
        *seen.lock().unwrap() += 1
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("overlap.zip"), "{e}");
    assert!(
        e.contains("e00001.xml") && e.contains("overlaps that of the entry e00000.xml"),
        "{e}"
    );
    assert!(*seen.lock().unwrap() <= 1);
    // One such entry alone is a sound archive.
    overlapping_zip(&path, 1, 4 << 20);
    let (entries, stats) = collect(&path, &ArchiveLimits::default());
    assert_eq!(entries.len(), 1, "{:?}", stats.unreadable);
    assert_eq!(entries[0].bytes.len(), 4 << 20);
}

/// Writes `n` zeros into `w` without holding them in memory.
fn write_zeros(w: &mut impl Write, mut n: u64) {
    let block = vec![0u8; 1 << 20];
    while n > 0 {
        let k = n.min(block.len() as u64) as usize;
        w.write_all(&block[..k]).unwrap();
        n -= k as u64;
    }
}

#[test]
fn gzip_bomb_is_never_inflated_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap();
    let limits = ArchiveLimits {
        max_entry_bytes: 1 << 20,
        ..ArchiveLimits::default()
    };

    // A plain gzip of 1 GiB of zeros (1 MiB compressed): one entry over the per-entry limit.
    let bomb = dir.path().join("bomb.xml.gz");
    {
        let mut gz = GzEncoder::new(std::fs::File::create(&bomb).unwrap(), Compression::best());
        write_zeros(&mut gz, 1 << 30);
        gz.finish().unwrap();
    }
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2 << 20);
    let (entries, stats) = collect(&bomb, &limits);
    assert!(entries.is_empty());
    assert_eq!(stats.unreadable.len(), 1);
    assert!(
        stats.unreadable[0].reason.contains("limit"),
        "{:?}",
        stats.unreadable
    );

    // Inflating stops at the limit: a gzip stream of zeros that never ends, through a named
    // pipe (as from `<(curl …)`), is read up to the limit and left there; read past it, it
    // would be read for ever (no clock is needed to tell, which a loaded machine would fool).
    let endless = dir.path().join("endless.xml.gz");
    if mkfifo(&endless) {
        let writer = {
            let endless = endless.clone();
            std::thread::spawn(move || {
                // Opened once the reader opens the pipe; written until the reader closes it.
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(endless)
                    .unwrap();
                let mut gz = GzEncoder::new(f, Compression::fast());
                let block = vec![0u8; 1 << 20];
                while gz.write_all(&block).is_ok() {}
            })
        };
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let (endless, limits) = (endless.clone(), limits.clone());
            std::thread::spawn(move || {
                let _ = tx.send(collect(&endless, &limits));
            });
        }
        let (entries, stats) = rx
            .recv_timeout(HANG)
            .expect("an endless gzip stream is read up to the limit only");
        assert!(entries.is_empty());
        assert_eq!(stats.unreadable.len(), 1);
        assert!(
            stats.unreadable[0].reason.contains("limit"),
            "{:?}",
            stats.unreadable
        );
        writer.join().unwrap();
    } else {
        eprintln!("skipped the endless stream: no `mkfifo`");
    }

    // A tar.gz whose first entry declares 1 GiB of zeros, then a real decision: the bomb is an
    // unreadable entry and the next entry is still read.
    let tar_bomb = dir.path().join("bomb.tar.gz");
    {
        let gz = GzEncoder::new(
            std::fs::File::create(&tar_bomb).unwrap(),
            Compression::fast(),
        );
        let mut tar = tar::Builder::new(gz);
        let mut h = tar::Header::new_gnu();
        h.set_size(1 << 30);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        h.set_path("zeros.xml").unwrap();
        h.set_cksum();
        let gz = tar.get_mut();
        gz.write_all(h.as_bytes()).unwrap();
        write_zeros(gz, 1 << 30);
        let mut ok = tar::Header::new_gnu();
        ok.set_size(sample.len() as u64);
        ok.set_mode(0o644);
        tar.append_data(&mut ok, "ok.xml", sample.as_slice())
            .unwrap();
        tar.into_inner().unwrap().finish().unwrap();
    }
    let (entries, stats) = collect(&tar_bomb, &limits);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].name, "ok.xml");
    assert_eq!(stats.unreadable.len(), 1);
    assert_eq!(stats.unreadable[0].name, "zeros.xml");

    // With a total limit below the bomb, reading stops with an error.
    let small_total = ArchiveLimits {
        max_entry_bytes: 1 << 20,
        max_total_bytes: 8 << 20,
        max_entries: 10,
    };
    let e = for_each_entry(&tar_bomb, &small_total, &|_| {}).unwrap_err();
    assert!(e.to_string().contains("total"), "{e}");
}

#[test]
fn too_many_entries_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.tar.gz");
    build_tar_gz(&path);
    let limits = ArchiveLimits {
        max_entries: 10,
        ..ArchiveLimits::default()
    };
    let e = for_each_entry(&path, &limits, &|_| {}).unwrap_err();
    assert!(e.to_string().contains("entries"), "{e}");
}

#[test]
fn long_names_gnu_and_pax_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.tar.gz");
    let sample = std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap();
    let long_gnu = format!("{}/ORTA_2520143_20251205.xml", "d".repeat(150));
    let long_pax = format!("{}/DTA_1.xml", "p".repeat(200));
    {
        let gz = GzEncoder::new(std::fs::File::create(&path).unwrap(), Compression::fast());
        let mut tar = tar::Builder::new(gz);
        // A GNU header with a path over 100 bytes: the builder writes a GNU long-name entry.
        let mut h = tar::Header::new_gnu();
        h.set_size(sample.len() as u64);
        h.set_mode(0o644);
        tar.append_data(&mut h, &long_gnu, sample.as_slice())
            .unwrap();
        // A pax `path` record before a ustar header with a short placeholder name.
        tar.append_pax_extensions([("path", long_pax.as_bytes())])
            .unwrap();
        let mut u = tar::Header::new_ustar();
        u.set_size(sample.len() as u64);
        u.set_mode(0o644);
        u.set_path("placeholder.xml").unwrap();
        u.set_cksum();
        tar.append(&u, sample.as_slice()).unwrap();
        tar.into_inner().unwrap().finish().unwrap();
    }
    let (entries, stats) = collect(&path, &ArchiveLimits::default());
    assert_eq!(stats.entries, 2);
    let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&long_gnu.as_str()), "{names:?}");
    assert!(names.contains(&long_pax.as_str()), "{names:?}");
    assert!(entries.iter().all(|e| e.bytes == sample));
}

#[test]
fn callers_on_a_one_thread_pool_do_not_deadlock() {
    // The caller may itself run on rayon (reading several archives at once): even with one
    // worker thread, the reader must finish.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.tar.gz");
    build_tar_gz(&path);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let n = pool.install(|| {
        let count = std::sync::atomic::AtomicU64::new(0);
        for_each_entry(&path, &ArchiveLimits::default(), &|_| {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        })
        .unwrap();
        count.into_inner()
    });
    assert_eq!(n, 92);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Vec<u8> {
        std::fs::read(data("dila-cass/JURITEXT000048176061.xml")).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Any mutation or cut of a real decision gives a decision or an error, never a panic,
        /// and an error's position lies inside the input.
        #[test]
        fn mutated_xml(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8),
                       cut in any::<usize>()) {
            let mut bytes = sample();
            for (at, b) in edits {
                let i = at % bytes.len();
                bytes[i] = b;
            }
            bytes.truncate(cut % (bytes.len() + 1));
            if let Err(e) = parse_xml(&bytes, Origin::default()) {
                let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64 + 1;
                prop_assert!(e.line >= 1 && e.line <= lines, "{e}");
                prop_assert!(e.column >= 1);
            }
        }

        /// Damaged archives give entries, unreadable entries or an error, never a panic.
        #[test]
        fn mutated_archive(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6),
                           zip in any::<bool>()) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("a");
            let xml = sample();
            if zip {
                let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
                let opts = zip::write::SimpleFileOptions::default();
                w.start_file("a.xml", opts).unwrap();
                w.write_all(&xml).unwrap();
                w.finish().unwrap();
            } else {
                let gz = GzEncoder::new(std::fs::File::create(&path).unwrap(), Compression::fast());
                let mut tar = tar::Builder::new(gz);
                let mut h = tar::Header::new_gnu();
                h.set_size(xml.len() as u64);
                h.set_mode(0o644);
                tar.append_data(&mut h, "a.xml", xml.as_slice()).unwrap();
                tar.into_inner().unwrap().finish().unwrap();
            }
            let mut bytes = std::fs::read(&path).unwrap();
            for (at, b) in edits {
                // Keep the magic bytes so that the archive readers, not the sniffing, are tested.
                let i = 4 + at % (bytes.len() - 4);
                bytes[i] = b;
            }
            std::fs::write(&path, &bytes).unwrap();
            let _ = for_each_entry(&path, &ArchiveLimits::default(), &|e| {
                let _ = parse_xml(&e.bytes, Origin::default());
            });
        }
    }
}

#[test]
fn zip_bomb_entry_is_counted_unreadable_and_the_rest_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.zip");
    let sample = std::fs::read(data("ce/ORTA_2520143_20251205.xml")).unwrap();
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("zeros.xml", opts).unwrap();
        write_zeros(&mut zip, 256 << 20);
        zip.start_file("ORTA_2520143_20251205.xml", opts).unwrap();
        zip.write_all(&sample).unwrap();
        zip.finish().unwrap();
    }
    assert!(std::fs::metadata(&path).unwrap().len() < 2 << 20);
    let limits = ArchiveLimits {
        max_entry_bytes: 1 << 20,
        ..ArchiveLimits::default()
    };
    let (entries, stats) = collect(&path, &limits);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].bytes, sample);
    assert_eq!(stats.unreadable.len(), 1);
    assert_eq!(stats.unreadable[0].name, "zeros.xml");
    assert!(
        stats.unreadable[0].reason.contains("1 MiB"),
        "{:?}",
        stats.unreadable
    );
}

proptest::proptest! {
    /// Court names from any input never panic the seat derivation.
    #[test]
    fn seat_of_any_name(name in "\\PC{0,40}", prefix in proptest::sample::select(vec![
        "Tribunal administratif de ", "TRİBUNAL ADMINISTRATIF DE ", "CAA de ", "Cour d’appel d’", "",
    ])) {
        let _ = vigie::source::xml::seat_of(&format!("{prefix}{name}"));
        let _ = vigie::source::xml::split_lawyers(&name);
        let _ = vigie::source::xml::formation_from_header(&name);
    }
}

/// A folder of XML decisions, the form of an unpacked DILA export, is not copied to the
/// temporary store: each decision's text stays in its file, read and parsed again when a record
/// needs it. A corpus seldom copies the XML's text byte for byte, so the digest of the
/// normalised text is worked out as the file is read: a faithful copy that differs byte for
/// byte is told faithful without reading the file again. A file changed since gives no text,
/// never another.
#[test]
fn xml_decisions_are_read_back_from_their_files() {
    use vigie::model::{Record, RecordRef};
    use vigie::rules::check::Checker;
    use vigie::source::history::History;
    use vigie::source::{Place, ReferenceSet};
    use vigie::text::normalize;

    let dir = tempfile::tempdir().unwrap();
    let refs = dir.path().join("ref");
    std::fs::create_dir(&refs).unwrap();
    let id = "JURITEXT000048176061";
    let file = refs.join(format!("{id}.xml"));
    std::fs::copy(data(&format!("dila-cass/{id}.xml")), &file).unwrap();
    std::fs::copy(
        data("ce/ORTA_2520143_20251205.xml"),
        refs.join("ORTA_2520143_20251205.xml"),
    )
    .unwrap();
    let set = ReferenceSet::load(std::slice::from_ref(&refs), &ArchiveLimits::default()).unwrap();
    assert_eq!(set.len(), 2);
    for (i, phrase) in [
        (set.find_index(id).unwrap(), "CHAMBRE CRIMINELLE, a rendu"),
        (
            set.find_index("2520143").unwrap(),
            "Vu la procédure suivante",
        ),
    ] {
        let stored = *set.stored(i);
        assert!(matches!(stored.place, Place::File { .. }), "{stored:?}");
        assert_eq!(stored.offset, 0);
        let text = set.text(i).unwrap();
        assert!(text.contains(phrase), "{phrase}");
        assert_eq!(stored.digest, Some(normalize::digest(&text)));
        assert_eq!(
            stored.normalized(),
            Some(normalize::digest_of(&text, false))
        );
    }

    // Records of the criminal chamber's decision: the text with doubled spaces and typographic
    // apostrophes (faithful, SPEC §1.4), and with two words changed.
    let i = set.find_index(id).unwrap();
    let text = set.text(i).unwrap();
    let faithful = text.replace(' ', "  ").replace('\'', "\u{2019}");
    assert_ne!(Some(normalize::digest(&faithful)), set.stored(i).digest);
    assert_eq!(
        set.stored(i).normalized(),
        Some(normalize::digest_of(&faithful, false))
    );
    let changed = text.replacen("a rendu", "a prononcé", 1);
    let history = History::default();
    let checker = Checker::new(&set, &history);
    let text_findings = |t: &str| -> Vec<String> {
        let r = Record {
            id: "r".into(),
            source_id: Some(id.into()),
            text: Some(t.into()),
            ..Default::default()
        };
        checker
            .check(&r, RecordRef::default())
            .findings
            .iter()
            .map(|f| f.rule.code().to_string())
            // The text rules; the record gives no identification (INT005).
            .filter(|c| ["INT001", "INT002", "INT003", "INT004"].contains(&c.as_str()))
            .collect()
    };
    assert_eq!(text_findings(&faithful), Vec::<String>::new());
    assert_eq!(text_findings(&changed), vec!["INT001".to_string()]);

    // Rewritten in place, same length, one word changed: no text rather than another.
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(xml.contains("a rendu"));
    std::fs::write(&file, xml.replacen("a rendu", "a RENDU", 1)).unwrap();
    let e = set.text(i).unwrap_err();
    assert!(e.to_string().contains("changed since it was read"), "{e}");
    // Removed (the descriptor kept open may still read the rewritten file): no text either.
    std::fs::remove_file(&file).unwrap();
    assert!(set.text(i).is_err());
}
