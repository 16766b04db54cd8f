//! The real decisions the generator is built from: the DILA CASS XML files (`tests/data/dila-cass`
//! by default) and the administrative sample (`tests/data/ce`).
//!
//! The decisions are read with vigie's own XML reader; the raw bytes are kept, to be copied (or
//! rewritten by string replacement inside the decision text) into a DILA reference tree.

use crate::text::sanitize::Shown;
use anyhow::{Context, Result, bail};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// One real Cour de cassation decision.
#[derive(Debug, Clone)]
pub struct Base {
    /// `JURITEXT…`
    pub id: String,
    /// The file as DILA distributes it.
    pub raw: String,
    /// Non-empty lines of the decision text, trimmed.
    pub paragraphs: Vec<String>,
    pub date: jiff::civil::Date,
    /// Judilibre chamber code (`civ1`, `comm`, `cr`…).
    pub chamber: &'static str,
    /// Judilibre formation code parsed from the header (`f`, `fs`…).
    pub formation: Option<&'static str>,
    /// Case numbers in the Judilibre spelling (`23-80.251`).
    pub numbers: Vec<String>,
    /// The letter the text puts before the number (`n° E 23-80.251`).
    pub number_letter: Option<char>,
    pub ecli: Option<String>,
    /// `PRESIDENT` without its parenthesis (`M. Bonnal`).
    pub president: Option<String>,
    pub title: String,
}

/// The administrative decision (open-data XML `Document`).
#[derive(Debug, Clone)]
pub struct AdminBase {
    /// `Identification` (`ORTA_2520143_20251205.xml`).
    pub id: String,
    pub file_name: String,
    pub raw: String,
    pub paragraphs: Vec<String>,
    pub date: jiff::civil::Date,
    pub number: String,
    /// `Nom_Juridiction`, e.g. `Tribunal Administratif de Cergy-Pontoise`.
    pub jurisdiction: String,
    /// The city of the court.
    pub seat: String,
}

/// The text between `<tag>` and `</tag>` (first occurrence at or after `from`), and where it
/// starts.
pub fn element<'a>(raw: &'a str, tag: &str, from: usize) -> Option<(usize, &'a str)> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let s = raw[from..].find(&open)? + from + open.len();
    let e = raw[s..].find(&close)? + s;
    Some((s, &raw[s..e]))
}

/// The byte range of the decision text inside the raw DILA XML (`TEXTE/BLOC_TEXTUEL/CONTENU`).
pub fn dila_text_range(raw: &str) -> Option<(usize, usize)> {
    let bloc = raw.find("<BLOC_TEXTUEL>")?;
    let (s, body) = element(raw, "CONTENU", bloc)?;
    Some((s, s + body.len()))
}

fn chamber_code(formation: &str) -> &'static str {
    match formation.trim() {
        "CHAMBRE_CIVILE_1" => "civ1",
        "CHAMBRE_CIVILE_2" => "civ2",
        "CHAMBRE_CIVILE_3" => "civ3",
        "CHAMBRE_COMMERCIALE" => "comm",
        "CHAMBRE_SOCIALE" => "soc",
        "CHAMBRE_CRIMINELLE" => "cr",
        "ASSEMBLEE_PLENIERE" => "pl",
        "CHAMBRE_MIXTE" => "mi",
        _ => "ordo",
    }
}

/// `23-80251` → `23-80.251`.
pub fn judilibre_number(n: &str) -> String {
    static NUM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{2})-(\d{2})(\d{3})$").unwrap());
    match NUM.captures(n.trim()) {
        Some(c) => format!("{}-{}.{}", &c[1], &c[2], &c[3]),
        None => n.trim().to_string(),
    }
}

fn header_formation(paragraphs: &[String]) -> Option<&'static str> {
    static F: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:\d{2}-\d{2}\.\d{3}|[Aa]rrêt n° ?\d+)\s+(FRH|FRR|FS|FP|FM|F)[-+ ]").unwrap()
    });
    paragraphs.iter().take(30).find_map(|p| {
        let p = format!("{p} ");
        F.captures(&p).map(|c| match &c[1] {
            "FRH" => "frh",
            "FRR" => "frr",
            "FS" => "fs",
            "FP" => "fp",
            "FM" => "fm",
            _ => "f",
        })
    })
}

fn number_letter(paragraphs: &[String], number: &str) -> Option<char> {
    let re = Regex::new(&format!(r"[Nn]° ([A-Z]) {}", regex::escape(number))).ok()?;
    paragraphs
        .iter()
        .take(40)
        .find_map(|p| re.captures(p).and_then(|c| c[1].chars().next()))
}

fn non_empty(s: Option<(usize, &str)>) -> Option<String> {
    s.map(|(_, v)| html_escape::decode_html_entities(v.trim()).into_owned())
        .filter(|v| !v.is_empty())
}

/// The non-empty lines of a decision text, each with its white space runs made one space.
pub fn lines_of(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

fn parse_with_vigie(raw: &str, name: &str) -> Result<crate::model::ReferenceDecision> {
    let origin = crate::model::Origin {
        file: name.to_string(),
        line: 0,
    };
    crate::source::xml::parse_xml(raw.as_bytes(), origin)
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))
}

/// Reads one DILA CASS file with vigie's own XML reader.
pub fn parse_dila(raw: String, name: &str) -> Result<Base> {
    static CASE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{2}-\d{2}\.?\d{3}$").unwrap());
    let d = parse_with_vigie(&raw, name)?;
    let date = d
        .decision_date
        .with_context(|| format!("{name}: no decision date"))?;
    let paragraphs = lines_of(&d.text);
    if paragraphs.len() < 8 {
        bail!("{name}: decision text too short");
    }
    let chamber = chamber_code(d.chamber.as_deref().unwrap_or_default());
    let numbers: Vec<String> = d
        .numbers
        .iter()
        .filter(|n| CASE.is_match(n.trim()))
        .map(|n| judilibre_number(n))
        .collect();
    if numbers.is_empty() {
        bail!("{name}: no case number");
    }
    // The reader gives the professionals together; the president is told apart here.
    let president = non_empty(element(&raw, "PRESIDENT", 0))
        .map(|p| p.split('(').next().unwrap_or("").trim().to_string())
        .filter(|p| !p.is_empty());
    Ok(Base {
        formation: header_formation(&paragraphs),
        number_letter: number_letter(&paragraphs, &numbers[0]),
        ecli: d.ecli.clone(),
        title: non_empty(element(&raw, "TITRE", 0)).unwrap_or_default(),
        id: d.id,
        date,
        chamber,
        numbers,
        president,
        paragraphs,
        raw,
    })
}

/// Reads every `*.xml` of a folder of DILA CASS files, in name order.
pub fn load_dila_dir(dir: &Path) -> Result<Vec<Base>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the decisions folder {}", dir.shown()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::read_to_string(&f).with_context(|| format!("{}", f.shown()))?;
        out.push(parse_dila(raw, &f.shown())?);
    }
    if out.is_empty() {
        bail!("no DILA XML decision in {}", dir.shown());
    }
    Ok(out)
}

/// Reads the first administrative `Document` of a folder.
pub fn load_admin_dir(dir: &Path) -> Result<AdminBase> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the administrative folder {}", dir.shown()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    let f = files
        .first()
        .with_context(|| format!("no administrative XML decision in {}", dir.shown()))?;
    let raw = std::fs::read_to_string(f).with_context(|| format!("{}", f.shown()))?;
    let name = f.shown().to_string();
    let d = parse_with_vigie(&raw, &name)?;
    let jurisdiction = d
        .jurisdiction
        .clone()
        .with_context(|| format!("{name}: no jurisdiction"))?;
    let seat = jurisdiction
        .rsplit_once(" de ")
        .map(|(_, c)| c.trim().to_string())
        .unwrap_or_else(|| jurisdiction.clone());
    Ok(AdminBase {
        file_name: f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        date: d
            .decision_date
            .with_context(|| format!("{name}: no decision date"))?,
        number: d
            .numbers
            .first()
            .cloned()
            .with_context(|| format!("{name}: no number"))?,
        paragraphs: lines_of(&d.text),
        id: d.id,
        jurisdiction,
        seat,
        raw,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(p: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(p)
    }

    #[test]
    fn reads_the_92_real_decisions() {
        let bases = load_dila_dir(&data("dila-cass")).unwrap();
        assert_eq!(bases.len(), 92);
        let b = bases
            .iter()
            .find(|b| b.id == "JURITEXT000048176061")
            .unwrap();
        assert_eq!(b.chamber, "cr");
        assert_eq!(b.formation, Some("f"));
        assert_eq!(b.numbers, vec!["23-80.251".to_string()]);
        assert_eq!(b.number_letter, Some('E'));
        assert_eq!(b.president.as_deref(), Some("M. Bonnal"));
        assert_eq!(b.date.to_string(), "2023-10-03");
        assert_eq!(b.ecli.as_deref(), Some("ECLI:FR:CCASS:2023:CR01078"));
        assert!(b.paragraphs[0].starts_with("LA COUR DE CASSATION, CHAMBRE CRIMINELLE"));
        assert!(bases.iter().all(|b| b.chamber != "ordo"));
    }

    #[test]
    fn reads_the_administrative_sample() {
        let a = load_admin_dir(&data("ce")).unwrap();
        assert_eq!(a.id, "ORTA_2520143_20251205.xml");
        assert_eq!(a.number, "2520143");
        assert_eq!(a.seat, "Cergy-Pontoise");
        assert_eq!(a.date.to_string(), "2025-12-05");
        assert!(
            a.paragraphs
                .iter()
                .any(|p| p.contains("Mme C... A... B..."))
        );
    }
}
