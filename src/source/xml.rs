//! Readers of the official XML formats: DILA `TEXTE_JURI_JUDI` (bases CASS, INCA, CAPP),
//! DILA `TEXTE_JURI_ADMIN` (JADE) and the administrative courts' open-data `Document`.
//!
//! The format is recognised from the root element, never from the file name. The input is
//! untrusted: a corrupt, truncated or unexpected file gives an [`XmlError`] with the line and
//! column where reading stopped, never a panic.
//!
//! What the readers keep (SPEC §1.1):
//! - DILA: `META_COMMUN/ID` is the id; `ECLI` and a non-empty `ANCIEN_ID` go to `other_ids`;
//!   `META_JURI/{DATE_DEC, JURIDICTION, NUMERO}`; `NUMEROS_AFFAIRES/NUMERO_AFFAIRE` (spelled as
//!   the source writes them, `23-80251`) are the numbers, or `META_JURI/NUMERO` where there are none; `FORMATION` is the
//!   chamber for judicial decisions (`CHAMBRE_CIVILE_2`) and the formation for JADE (`2ème - 7ème
//!   chambres réunies`); a Cour de cassation decision's formation (`f`, `fs`…), for which DILA has
//!   no field, is read from the code its header writes after the number (`N° E 23-80.251 F-B`);
//!   the seat is `SIEGE_APPEL`, else derived from the jurisdiction (the Cour
//!   de cassation and the Conseil d'État sit in Paris); `PRESIDENT`, `AVOCAT_GL`, `AVOCATS`,
//!   `RAPPORTEUR` and `COMMISSAIRE_GVT` are the professionals. DILA files carry no update date of
//!   the decision (`DATE_DEC_ATT` is the date of the decision under appeal), so `update_date` stays
//!   empty: versions of one decision are told apart by the date DILA's archive names give their
//!   publication ([`super::published_in`]).
//! - Administrative: `Donnees_Techniques/Identification` is the id (as written, with `.xml`; the
//!   id without `.xml` goes to `other_ids`), `Date_Mise_Jour` the update date (midnight, Paris
//!   time), `Dossier/{Nom_Juridiction, Numero_Dossier, Date_Lecture}`, `Audience/Formation_Jugement`.
//!
//! The text (`TEXTE/BLOC_TEXTUEL/CONTENU`, `Decision/Texte_Integral`) becomes plain text: `<br/>`
//! is a line break (the source's own line break written right after a `<br/>` is dropped, as it
//! only repeats it), block elements (`<p>`, `<div>`…) start a new line, other inner tags are
//! removed, entities decoded, CDATA kept as text, and markup that arrives escaped
//! (`&lt;br/&gt;`) or inside CDATA is treated the same way. The ends are trimmed.

#[doc(hidden)]
pub use super::xml_events::fast_events_agree_with_quick_xml;
use super::xml_events::{FastEvents, quick_xml_reader};
use crate::model::{Origin, Producer, ReferenceDecision};
use jiff::civil::Date;
use quick_xml::events::{BytesRef, Event};
use std::fmt;

/// Why an XML file could not be read as a decision, and where (1-based line and column, the column
/// counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for XmlError {}

impl XmlError {
    /// An error at byte `pos` of the file `bytes`, told by line and column.
    fn at(bytes: &[u8], pos: usize, message: String) -> Self {
        let (line, column) = line_column(bytes, pos);
        XmlError {
            line,
            column,
            message,
        }
    }

    /// The fast reader of events gave up: never shown, the file is read again by quick-xml.
    fn gave_up() -> Self {
        XmlError {
            line: 0,
            column: 0,
            message: String::new(),
        }
    }
}

/// Which official format a file is in, from its root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// `TEXTE_JURI_JUDI`: DILA CASS, INCA, CAPP.
    DilaJudi,
    /// `TEXTE_JURI_ADMIN`: DILA JADE.
    DilaAdmin,
    /// `Document`: the administrative courts' open data.
    Admin,
}

/// The elements the readers look at; everything else is `Other` and only walked through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Other,
    // DILA
    MetaCommun,
    Id,
    AncienId,
    MetaJuri,
    MetaJuriJudi,
    MetaJuriAdmin,
    DateDec,
    Juridiction,
    Numero,
    NumerosAffaires,
    NumeroAffaire,
    Formation,
    SiegeAppel,
    President,
    AvocatGl,
    Avocats,
    Rapporteur,
    CommissaireGvt,
    Ecli,
    BlocTextuel,
    Contenu,
    // Administrative open data
    DonneesTechniques,
    Identification,
    DateMiseJour,
    Dossier,
    CodeJuridiction,
    NomJuridiction,
    NumeroDossier,
    DateLecture,
    Audience,
    FormationJugement,
    Decision,
    TexteIntegral,
}

impl Tag {
    fn of(name: &str, format: Format) -> Tag {
        if format == Format::Admin {
            return match name {
                "Donnees_Techniques" => Tag::DonneesTechniques,
                "Identification" => Tag::Identification,
                "Date_Mise_Jour" => Tag::DateMiseJour,
                "Dossier" => Tag::Dossier,
                "Code_Juridiction" => Tag::CodeJuridiction,
                "Nom_Juridiction" => Tag::NomJuridiction,
                "Numero_Dossier" => Tag::NumeroDossier,
                "Date_Lecture" => Tag::DateLecture,
                "Audience" => Tag::Audience,
                "Formation_Jugement" => Tag::FormationJugement,
                "Decision" => Tag::Decision,
                "Texte_Integral" => Tag::TexteIntegral,
                _ => Tag::Other,
            };
        }
        match name {
            "META_COMMUN" => Tag::MetaCommun,
            "ID" => Tag::Id,
            "ANCIEN_ID" => Tag::AncienId,
            "META_JURI" => Tag::MetaJuri,
            "META_JURI_JUDI" => Tag::MetaJuriJudi,
            "META_JURI_ADMIN" => Tag::MetaJuriAdmin,
            "DATE_DEC" => Tag::DateDec,
            "JURIDICTION" => Tag::Juridiction,
            "NUMERO" => Tag::Numero,
            "NUMEROS_AFFAIRES" => Tag::NumerosAffaires,
            "NUMERO_AFFAIRE" => Tag::NumeroAffaire,
            "FORMATION" => Tag::Formation,
            "SIEGE_APPEL" => Tag::SiegeAppel,
            "PRESIDENT" => Tag::President,
            "AVOCAT_GL" => Tag::AvocatGl,
            "AVOCATS" => Tag::Avocats,
            "RAPPORTEUR" => Tag::Rapporteur,
            "COMMISSAIRE_GVT" => Tag::CommissaireGvt,
            "ECLI" => Tag::Ecli,
            "BLOC_TEXTUEL" => Tag::BlocTextuel,
            "CONTENU" => Tag::Contenu,
            _ => Tag::Other,
        }
    }
}

/// A value the readers keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    AncienId,
    DateDec,
    Juridiction,
    Numero,
    NumeroAffaire,
    Formation,
    SiegeAppel,
    President,
    AvocatGl,
    Avocats,
    Rapporteur,
    CommissaireGvt,
    Ecli,
    Text,
    Identification,
    DateMiseJour,
    CodeJuridiction,
    NomJuridiction,
    NumeroDossier,
    DateLecture,
    FormationJugement,
}

/// The field an element holds, from its parent: the same name elsewhere (`CONTENU` of a
/// `CITATION_JP`, `NUMERO` outside `META_JURI`) is not that field.
fn field_of(parent: Tag, tag: Tag) -> Option<Field> {
    use Tag::*;
    let meta = matches!(parent, MetaJuri | MetaJuriJudi | MetaJuriAdmin);
    Some(match (parent, tag) {
        (MetaCommun, Id) => Field::Id,
        (MetaCommun, AncienId) => Field::AncienId,
        (MetaJuri, DateDec) => Field::DateDec,
        (MetaJuri, Juridiction) => Field::Juridiction,
        (MetaJuri, Numero) => Field::Numero,
        (NumerosAffaires, NumeroAffaire) => Field::NumeroAffaire,
        (_, Formation) if meta => Field::Formation,
        (_, SiegeAppel) if meta => Field::SiegeAppel,
        (_, President) if meta => Field::President,
        (_, AvocatGl) if meta => Field::AvocatGl,
        (_, Avocats) if meta => Field::Avocats,
        (_, Rapporteur) if meta => Field::Rapporteur,
        (_, CommissaireGvt) if meta => Field::CommissaireGvt,
        (_, Ecli) if meta => Field::Ecli,
        (BlocTextuel, Contenu) => Field::Text,
        (DonneesTechniques, Identification) => Field::Identification,
        (DonneesTechniques, DateMiseJour) => Field::DateMiseJour,
        (Dossier, CodeJuridiction) => Field::CodeJuridiction,
        (Dossier, NomJuridiction) => Field::NomJuridiction,
        (Dossier, NumeroDossier) => Field::NumeroDossier,
        (Dossier, DateLecture) => Field::DateLecture,
        (Audience, FormationJugement) => Field::FormationJugement,
        (Decision, TexteIntegral) => Field::Text,
        _ => return None,
    })
}

/// The raw values read from a file, before they become a [`ReferenceDecision`].
#[derive(Debug, Default)]
struct Fields {
    id: Option<String>,
    ancien_id: Option<String>,
    date_dec: Option<(String, usize)>,
    juridiction: Option<String>,
    numero: Option<String>,
    numeros_affaires: Vec<String>,
    formation: Option<String>,
    siege_appel: Option<String>,
    president: Option<String>,
    avocat_gl: Option<String>,
    avocats: Option<String>,
    rapporteur: Option<String>,
    commissaire_gvt: Option<String>,
    ecli: Option<String>,
    identification: Option<String>,
    date_mise_jour: Option<(String, usize)>,
    code_juridiction: Option<String>,
    nom_juridiction: Option<String>,
    numero_dossier: Option<String>,
    date_lecture: Option<(String, usize)>,
    formation_jugement: Option<String>,
    /// How many text elements were read (a second one is joined with a line break).
    texts: usize,
}

impl Fields {
    /// Keeps a non-empty simple value; the first occurrence wins, except for the repeated
    /// `NUMERO_AFFAIRE`.
    fn set(&mut self, field: Field, value: &str, pos: usize) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let slot = match field {
            Field::Id => &mut self.id,
            Field::AncienId => &mut self.ancien_id,
            Field::Juridiction => &mut self.juridiction,
            Field::Numero => &mut self.numero,
            Field::Formation => &mut self.formation,
            Field::SiegeAppel => &mut self.siege_appel,
            Field::President => &mut self.president,
            Field::AvocatGl => &mut self.avocat_gl,
            Field::Avocats => &mut self.avocats,
            Field::Rapporteur => &mut self.rapporteur,
            Field::CommissaireGvt => &mut self.commissaire_gvt,
            Field::Ecli => &mut self.ecli,
            Field::Identification => &mut self.identification,
            Field::CodeJuridiction => &mut self.code_juridiction,
            Field::NomJuridiction => &mut self.nom_juridiction,
            Field::NumeroDossier => &mut self.numero_dossier,
            Field::FormationJugement => &mut self.formation_jugement,
            Field::NumeroAffaire => {
                self.numeros_affaires.push(value.to_string());
                return;
            }
            Field::DateDec | Field::DateMiseJour | Field::DateLecture => {
                let slot = match field {
                    Field::DateDec => &mut self.date_dec,
                    Field::DateMiseJour => &mut self.date_mise_jour,
                    _ => &mut self.date_lecture,
                };
                if slot.is_none() {
                    *slot = Some((value.to_string(), pos));
                }
                return;
            }
            Field::Text => return,
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
    }
}

/// Builds the plain text of a decision from the events inside its text element.
#[derive(Debug, Default)]
struct TextBuilder {
    text: String,
    /// The last thing written was a `<br/>` or the end of a block: one line break of the source
    /// right after it only repeats it.
    after_break: bool,
}

impl TextBuilder {
    fn push_str(&mut self, s: &str) {
        let s = if self.after_break {
            s.strip_prefix('\n').unwrap_or(s)
        } else {
            s
        };
        if !s.is_empty() {
            self.after_break = false;
        }
        self.text.push_str(s);
    }

    fn push_entity(&mut self, s: &str) {
        self.after_break = false;
        self.text.push_str(s);
    }

    fn line_break(&mut self) {
        self.text.push('\n');
        self.after_break = true;
    }

    /// A block element starts or ends: make sure the text is on a new line.
    fn block_boundary(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.after_break = true;
    }

    /// An inner element of the text (`<br/>`, `<p>`, `<em>`…) opens, closes, or is empty.
    fn markup(&mut self, name: &str) {
        match classify_markup(name) {
            Markup::Break => self.line_break(),
            Markup::Block => self.block_boundary(),
            Markup::Inline => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markup {
    Break,
    Block,
    Inline,
}

fn classify_markup(name: &str) -> Markup {
    let is = |tags: &[&str]| tags.iter().any(|t| name.eq_ignore_ascii_case(t));
    if is(BREAK_TAGS) {
        Markup::Break
    } else if is(BLOCK_TAGS) {
        Markup::Block
    } else {
        Markup::Inline
    }
}

/// HTML elements that break a line.
const BREAK_TAGS: &[&str] = &["br", "hr"];

/// HTML block elements: the text goes on a new line before and after them.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "table",
    "tr",
    "pre",
    "center",
    "section",
    "article",
];

/// The other HTML tag names that escaped markup inside a text may use, beside [`BREAK_TAGS`]
/// and [`BLOCK_TAGS`]: the cells of a table and inline elements. Anything else after a `<` is
/// text.
const OTHER_TAGS: &[&str] = &[
    "td", "th", "tbody", "thead", "span", "em", "strong", "b", "i", "u", "s", "sup", "sub", "a",
    "font", "small", "big", "strike",
];

/// Turns HTML markup that arrived as text (escaped, or inside CDATA) into line breaks like real
/// elements. Only known HTML tag names count, so `a < b` or `N 2 > 1re` stay as they are.
fn strip_literal_markup(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = TextBuilder {
        text: String::with_capacity(text.len()),
        after_break: false,
    };
    let mut changed = false;
    let mut last = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        i = lt + 1;
        let Some(name) = literal_tag_at(&text[lt..]) else {
            continue;
        };
        let Some(gt) = memchr::memchr(b'>', &bytes[lt..]).map(|g| lt + g) else {
            break;
        };
        if gt - lt > 512 || memchr::memchr(b'<', &bytes[lt + 1..gt]).is_some() {
            continue;
        }
        out.push_str(&text[last..lt]);
        out.markup(name);
        changed = true;
        last = gt + 1;
        i = gt + 1;
    }
    if !changed {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out.text)
}

/// If `s` starts with `<name`, `</name` or `<name/` for a known HTML tag, that name.
fn literal_tag_at(s: &str) -> Option<&'static str> {
    let rest = s.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let tags = BREAK_TAGS.iter().chain(BLOCK_TAGS).chain(OTHER_TAGS);
    tags.copied().find(|tag| {
        rest.len() >= tag.len()
            && rest.as_bytes()[..tag.len()].eq_ignore_ascii_case(tag.as_bytes())
            && matches!(
                rest.as_bytes().get(tag.len()),
                Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
            )
    })
}

/// 1-based line and column (in characters) of a byte position.
fn line_column(bytes: &[u8], pos: usize) -> (u64, u64) {
    let pos = pos.min(bytes.len());
    let before = &bytes[..pos];
    let line = 1 + memchr::memchr_iter(b'\n', before).count() as u64;
    let mut line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    if line_start == 0 && before.starts_with(BOM) {
        line_start = BOM.len();
    }
    let line_start = line_start.min(pos);
    let column = 1 + bytes[line_start..pos]
        .iter()
        .filter(|b| (**b & 0xC0) != 0x80)
        .count() as u64;
    (line, column)
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads one decision from an XML file of one of the official formats (see the module docs).
///
/// Files must be UTF-8, except that a file declaring ISO-8859-1 (Latin-1, ISO-8859-15) or
/// windows-1252 in its XML declaration is transcoded first; error positions stay right, as lines
/// and columns are counted in characters.
pub fn parse_xml(bytes: &[u8], origin: Origin) -> Result<ReferenceDecision, XmlError> {
    if let Some(table) = declared_single_byte_encoding(bytes)
        && simdutf8::basic::from_utf8(bytes).is_err()
    {
        let text: String = bytes.iter().map(|&b| table(b)).collect();
        return parse_utf8(text.as_bytes(), origin);
    }
    parse_utf8(bytes, origin)
}

/// The decoding of a single-byte encoding named in the XML declaration, if any.
fn declared_single_byte_encoding(bytes: &[u8]) -> Option<fn(u8) -> char> {
    let head = bytes.get(..bytes.len().min(200))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    let decl = String::from_utf8_lossy(&head[..end]).to_ascii_lowercase();
    let at = decl.find("encoding")?;
    let value: String = decl[at + "encoding".len()..]
        .trim_start_matches([' ', '=', '"', '\''])
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'' | ' '))
        .collect();
    match value.as_str() {
        "iso-8859-1" | "latin1" | "latin-1" | "iso_8859-1" | "iso-8859-15" | "l1" => {
            Some(|b| b as char)
        }
        "windows-1252" | "cp1252" => Some(windows_1252),
        _ => None,
    }
}

/// windows-1252: Latin-1 but for the 0x80–0x9F block.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}

fn parse_utf8(bytes: &[u8], origin: Origin) -> Result<ReferenceDecision, XmlError> {
    let err = |pos: usize, message: String| XmlError::at(bytes, pos, message);

    let skip = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    if bytes.starts_with(b"\xFE\xFF") || bytes.starts_with(b"\xFF\xFE") {
        return Err(err(
            0,
            "UTF-16 XML is not supported (expected UTF-8)".into(),
        ));
    }
    let body = &bytes[skip..];
    // A file checked as UTF-8 at once (simdutf8) is read by the fast reader of events, which
    // checks nothing again. Where the event loop fails (the fast reader gave up, or the events
    // make no decision file), quick-xml reads the file again: the same events, and its errors say
    // what is wrong and where.
    let parsed = match simdutf8::basic::from_utf8(body) {
        Ok(s) => {
            let mut fast = FastEvents::new(s);
            read_events(bytes, || {
                fast.next_event()
                    .map(|(at, e)| (skip + at, e))
                    .ok_or_else(XmlError::gave_up)
            })
            .ok()
        }
        Err(_) => None,
    };
    let (format, fields, text, root_pos) = match parsed {
        Some(p) => p,
        None => {
            // quick-xml checks UTF-8 event by event; the exact place of a bad byte is looked up
            // only when it reports one.
            let mut reader = quick_xml_reader(body);
            read_events(bytes, || {
                let event_pos = skip + reader.buffer_position() as usize;
                match reader.read_event() {
                    Ok(e) => Ok((event_pos, e)),
                    Err(e) => {
                        if let quick_xml::Error::Encoding(_) = e
                            && let Err(bad) = std::str::from_utf8(body)
                        {
                            return Err(err(
                                skip + bad.valid_up_to(),
                                "invalid UTF-8 (DILA and administrative XML are UTF-8)".into(),
                            ));
                        }
                        Err(err(skip + reader.error_position() as usize, e.to_string()))
                    }
                }
            })?
        }
    };

    match format {
        Format::DilaJudi | Format::DilaAdmin => {
            build_dila(format, fields, text, origin).map_err(|m| err(root_pos, m))
        }
        Format::Admin => build_admin(fields, text, origin).map_err(|m| err(root_pos, m)),
    }
    .and_then(|(decision, bad_date)| match bad_date {
        Some((name, v, pos)) => Err(err(pos, format!("{name}: `{v}` is not a date"))),
        None => Ok(decision),
    })
}

/// What the event loop reads of a file: its format, its fields, its text (made plain) and the
/// offset of its root element.
type Read = (Format, Fields, String, usize);

/// Reads a decision file's events, from `next` (each with the offset in `bytes` where it
/// starts), into its fields and text.
fn read_events<'a>(
    bytes: &[u8],
    mut next: impl FnMut() -> Result<(usize, Event<'a>), XmlError>,
) -> Result<Read, XmlError> {
    let err = |pos: usize, message: String| XmlError::at(bytes, pos, message);
    let mut format: Option<Format> = None;
    let mut root_done = false;
    // Open elements: their tag and the byte offset of their `<` (for error messages).
    let mut stack: Vec<(Tag, usize)> = Vec::with_capacity(16);
    // The field being read and the depth of its element.
    let mut capture: Option<(Field, usize, usize)> = None;
    let mut value = String::new();
    let mut text = TextBuilder::default();
    let mut fields = Fields::default();
    let mut root_pos = 0usize;

    loop {
        let (event_pos, event) = next()?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().into_inner();
                let fmt = match format {
                    Some(f) => f,
                    None => {
                        if root_done {
                            return Err(err(event_pos, "a second root element".into()));
                        }
                        let f = match name {
                            "TEXTE_JURI_JUDI" => Format::DilaJudi,
                            "TEXTE_JURI_ADMIN" => Format::DilaAdmin,
                            "Document" => Format::Admin,
                            other => {
                                return Err(err(
                                    event_pos,
                                    format!(
                                        "unexpected root element <{other}>: not a DILA \
                                         (TEXTE_JURI_JUDI, TEXTE_JURI_ADMIN) nor an \
                                         administrative open-data (Document) decision"
                                    ),
                                ));
                            }
                        };
                        format = Some(f);
                        root_pos = event_pos;
                        if empty {
                            root_done = true;
                            continue;
                        }
                        stack.push((Tag::Other, event_pos));
                        continue;
                    }
                };
                if stack.is_empty() {
                    return Err(err(event_pos, "a second root element".into()));
                }
                let tag = Tag::of(name, fmt);
                match capture {
                    Some((Field::Text, _, _)) => text.markup(name),
                    Some(_) => {}
                    None => {
                        let parent = stack.last().map_or(Tag::Other, |t| t.0);
                        if let Some(field) = field_of(parent, tag)
                            && !empty
                        {
                            capture = Some((field, stack.len() + 1, event_pos));
                            if field == Field::Text {
                                if fields.texts > 0 {
                                    text.block_boundary();
                                }
                                fields.texts += 1;
                            } else {
                                value.clear();
                            }
                        }
                    }
                }
                if !empty {
                    stack.push((tag, event_pos));
                }
            }
            Event::End(ref e) => {
                let depth = stack.len();
                if let Some((field, d, pos)) = capture {
                    if d == depth {
                        if field != Field::Text {
                            fields.set(field, &value, pos);
                        }
                        capture = None;
                    } else if field == Field::Text {
                        text.markup(e.local_name().into_inner());
                    }
                }
                stack.pop();
                if stack.is_empty() {
                    root_done = true;
                }
            }
            Event::Text(ref t) => {
                if let Some((field, _, _)) = capture {
                    let content = t.xml10_content();
                    if field == Field::Text {
                        text.push_str(&content);
                    } else {
                        value.push_str(&content);
                    }
                } else if stack.is_empty() && !t.as_ref().bytes().all(|b| b.is_ascii_whitespace()) {
                    return Err(err(event_pos, "text outside the root element".into()));
                }
            }
            Event::CData(ref c) => {
                if let Some((field, _, _)) = capture {
                    let content = c.xml10_content();
                    if field == Field::Text {
                        text.push_str(&content);
                    } else {
                        value.push_str(&content);
                    }
                } else if stack.is_empty() {
                    return Err(err(event_pos, "CDATA outside the root element".into()));
                }
            }
            Event::GeneralRef(ref r) => {
                if stack.is_empty() {
                    return Err(err(event_pos, "entity outside the root element".into()));
                }
                if let Some((field, _, _)) = capture {
                    let mut buf = [0u8; 4];
                    let resolved = resolve_entity(r, &mut buf)
                        .map_err(|m| err(event_pos, m))?
                        .unwrap_or_default();
                    if field == Field::Text {
                        if resolved.is_empty() {
                            text.push_entity(&format!("&{};", r.as_ref() as &str));
                        } else {
                            text.push_entity(resolved);
                        }
                    } else if resolved.is_empty() {
                        value.push('&');
                        value.push_str(r);
                        value.push(';');
                    } else {
                        value.push_str(resolved);
                    }
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }

    if let Some(&(_, open)) = stack.last() {
        let name: String = String::from_utf8_lossy(&bytes[open + 1..(open + 65).min(bytes.len())])
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .take(64)
            .collect();
        return Err(err(
            bytes.len(),
            format!("unexpected end of file: <{name}> is not closed (truncated file?)"),
        ));
    }
    let Some(format) = format else {
        return Err(err(bytes.len(), "no root element: empty or not XML".into()));
    };

    let mut text = text.text;
    if text.contains('<')
        && let Some(stripped) = strip_literal_markup(&text)
    {
        text = stripped;
    }
    Ok((format, fields, trim_text(text), root_pos))
}

/// Resolves an entity or character reference into `buf` or a static string. `Ok(None)` for an
/// unknown named entity (kept as written by the caller).
fn resolve_entity<'b>(r: &BytesRef<'_>, buf: &'b mut [u8; 4]) -> Result<Option<&'b str>, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => return Ok(Some(c.encode_utf8(buf))),
        Ok(None) => {}
        Err(e) => return Err(format!("bad character reference &{};: {e}", &**r)),
    }
    if let Some(s) = quick_xml::escape::resolve_xml_entity(r) {
        return Ok(Some(s));
    }
    // HTML entities (`&eacute;`, `&nbsp;`) are not XML without a DTD, but hand-made files use
    // them; decode the ones HTML knows.
    let written = format!("&{};", &**r);
    let decoded = html_escape::decode_html_entities(&written);
    if decoded != written {
        let mut chars = decoded.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Ok(Some(c.encode_utf8(buf)));
        }
    }
    Ok(None)
}

fn trim_text(text: String) -> String {
    let trimmed = text.trim();
    if trimmed.len() == text.len() {
        text
    } else {
        trimmed.to_string()
    }
}

/// A date value that did not parse: field name, value, byte position.
type BadDate = Option<(&'static str, String, usize)>;

fn parse_date(
    value: &Option<(String, usize)>,
    name: &'static str,
    bad: &mut BadDate,
) -> Option<Date> {
    let (v, pos) = value.as_ref()?;
    // `2023-10-03`, possibly with a time or zone after it.
    let head = v.get(..10).unwrap_or(v);
    match head.parse::<Date>() {
        Ok(d) => Some(d),
        Err(_) => {
            if bad.is_none() {
                *bad = Some((name, v.clone(), *pos));
            }
            None
        }
    }
}

fn push_unique(list: &mut Vec<String>, value: &str, except: &str) {
    if !value.is_empty() && value != except && !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

fn build_dila(
    format: Format,
    f: Fields,
    text: String,
    origin: Origin,
) -> Result<(ReferenceDecision, BadDate), String> {
    let jade = format == Format::DilaAdmin;
    let Some(id) = f.id.clone() else {
        return Err("no META_COMMUN/ID: not a DILA decision".into());
    };
    let mut bad = None;
    let decision_date = parse_date(&f.date_dec, "DATE_DEC", &mut bad);

    let mut other_ids = Vec::new();
    if let Some(ecli) = &f.ecli {
        push_unique(&mut other_ids, ecli, &id);
    }
    if let Some(old) = &f.ancien_id {
        push_unique(&mut other_ids, old, &id);
    }

    // Deduplicated through a set: a decision may list thousands of joined appeals (or a
    // hostile file millions), which comparing each with those kept made quadratic.
    let mut numbers: Vec<String> = Vec::new();
    {
        let mut seen = std::collections::HashSet::new();
        for n in &f.numeros_affaires {
            if !n.is_empty() && seen.insert(n.as_str()) {
                numbers.push(n.clone());
            }
        }
    }
    // `META_JURI/NUMERO` is the case number only where no `NUMERO_AFFAIRE` is given (JADE); in
    // the judicial bases it is the court's internal arrêt number (`C2301078`), which a reader
    // never sees as the decision's number.
    if numbers.is_empty()
        && let Some(n) = &f.numero
    {
        push_unique(&mut numbers, n, "");
    }

    let seat = match &f.juridiction {
        Some(j) if sits_in_paris(j) => Some("Paris".to_string()),
        _ => f
            .siege_appel
            .clone()
            .or_else(|| f.juridiction.as_deref().and_then(seat_of)),
    };

    let mut professionals = Vec::new();
    for p in [
        &f.president,
        &f.avocat_gl,
        &f.rapporteur,
        &f.commissaire_gvt,
    ]
    .into_iter()
    .flatten()
    {
        add_person(&mut professionals, p);
    }
    let magistrates = professionals.len();
    if let Some(lawyers) = &f.avocats {
        for l in split_lawyers(lawyers) {
            add_person(&mut professionals, &l);
        }
    }

    let (chamber, formation) = if jade {
        (None, f.formation.clone())
    } else {
        (f.formation.clone(), formation_from_header(&text))
    };

    let decision = ReferenceDecision {
        id,
        other_ids,
        producer: if jade {
            Producer::Jade
        } else {
            Producer::Legifrance
        },
        jurisdiction: f.juridiction,
        chamber,
        formation,
        seat,
        decision_date,
        numbers,
        ecli: f.ecli,
        update_date: None,
        text,
        zones: Vec::new(),
        professionals,
        magistrates,
        origin,
    };
    Ok((decision, bad))
}

fn build_admin(
    f: Fields,
    text: String,
    origin: Origin,
) -> Result<(ReferenceDecision, BadDate), String> {
    let Some(id) = f.identification.clone() else {
        return Err(
            "no Donnees_Techniques/Identification: not an administrative open-data decision".into(),
        );
    };
    let mut bad = None;
    let decision_date = parse_date(&f.date_lecture, "Date_Lecture", &mut bad);
    let update_date = match &f.date_mise_jour {
        // A date (a day in France) or a full timestamp, as Judilibre's.
        Some((v, pos)) => match super::judilibre::parse_iso_update(v) {
            Some(t) => Some(t),
            None => {
                bad.get_or_insert(("Date_Mise_Jour", v.clone(), *pos));
                None
            }
        },
        None => None,
    };

    let mut other_ids = Vec::new();
    let bare = id
        .len()
        .checked_sub(4)
        .filter(|&cut| id.is_char_boundary(cut) && id[cut..].eq_ignore_ascii_case(".xml"))
        .map(|cut| &id[..cut]);
    if let Some(bare) = bare {
        push_unique(&mut other_ids, bare, &id);
    }

    let jurisdiction = f.nom_juridiction.clone();
    let seat = jurisdiction.as_deref().and_then(seat_of);
    let numbers = f.numero_dossier.iter().cloned().collect();

    let decision = ReferenceDecision {
        id,
        other_ids,
        producer: Producer::ConseilEtat,
        jurisdiction,
        chamber: None,
        formation: f.formation_jugement,
        seat,
        decision_date,
        numbers,
        ecli: None,
        update_date,
        text,
        zones: Vec::new(),
        professionals: Vec::new(),
        magistrates: 0,
        origin,
    };
    Ok((decision, bad))
}

/// The formation of a Cour de cassation decision, which DILA gives no field for, from the code
/// its header writes after the number: `N° E 23-80.251 F-B` → `f`, `FS-D` → `fs`, `F+B` → `f`.
/// Only a code on a line that carries a number (`n°`) in the first lines counts; a publication
/// code alone (`n° 15015 P+B`, `Arrêt n° 672 B+R`) gives none.
pub fn formation_from_header(text: &str) -> Option<String> {
    let mut end = text.len().min(1500);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for line in text[..end].lines() {
        if !line.contains("n°") && !line.contains("N°") {
            continue;
        }
        for token in line.split_whitespace() {
            let Some(cut) = token.find(['-', '+']) else {
                continue;
            };
            let (code, publication) = (&token[..cut], &token[cut + 1..]);
            if matches!(code, "F" | "FS" | "FP" | "FRH" | "FRR")
                && !publication.is_empty()
                && publication
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'+' || b == b'-')
            {
                return Some(code.to_ascii_lowercase());
            }
        }
    }
    None
}

/// The Cour de cassation, the Conseil d'État and the Tribunal des conflits sit in Paris.
fn sits_in_paris(jurisdiction: &str) -> bool {
    let j = jurisdiction.to_lowercase();
    j.contains("cour de cassation")
        || j.starts_with("conseil d'état")
        || j.starts_with("conseil d'etat")
        || j.starts_with("conseil d’état")
        || j.starts_with("conseil d’etat")
        || j.starts_with("tribunal des conflits")
}

/// Overseas courts are named after a territory, not their city.
const TERRITORY_SEATS: &[(&str, &str)] = &[
    ("martinique", "Fort-de-France"),
    ("guadeloupe", "Basse-Terre"),
    ("guyane", "Cayenne"),
    ("la réunion", "Saint-Denis"),
    ("mayotte", "Mamoudzou"),
    ("nouvelle-calédonie", "Nouméa"),
    ("polynésie française", "Papeete"),
    ("saint-pierre-et-miquelon", "Saint-Pierre"),
    ("saint-barthélemy", "Basse-Terre"),
    ("saint-martin", "Basse-Terre"),
    ("wallis-et-futuna", "Mata-Utu"),
];

/// The city a court sits in, from its name: `Tribunal Administratif de Cergy-Pontoise` →
/// `Cergy-Pontoise`, `Cour administrative d'appel de Lyon` → `Lyon`, `CAA de PARIS` → `Paris`,
/// `Cour d'appel d'Aix-en-Provence` → `Aix-en-Provence`, `Conseil d'État` → `Paris`.
pub fn seat_of(jurisdiction: &str) -> Option<String> {
    let j = jurisdiction.trim();
    if sits_in_paris(j) {
        return Some("Paris".to_string());
    }
    let lower = j.to_lowercase();
    for (territory, city) in TERRITORY_SEATS {
        if lower.contains(territory) {
            return Some((*city).to_string());
        }
    }
    const COURTS: &[&str] = &[
        "tribunal administratif",
        "cour administrative d'appel",
        "cour administrative d’appel",
        "cour d'appel",
        "cour d’appel",
        "tribunal judiciaire",
        "tribunal de grande instance",
        "tribunal d'instance",
        "tribunal de commerce",
        "conseil de prud'hommes",
        "caa",
        "ta",
        "ca",
        "tj",
    ];
    let court = COURTS.iter().find(|c| {
        lower.starts_with(*c)
            && lower[c.len()..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace)
    })?;
    let rest = j.get(court.len()..)?.trim_start();
    let city = ["de la ", "de l'", "de l’", "du ", "des ", "de ", "d'", "d’"]
        .iter()
        .find_map(|p| {
            rest.get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .map(|_| &rest[p.len()..])
        })
        .unwrap_or(rest)
        .trim();
    if city.is_empty() {
        return None;
    }
    Some(if city.chars().any(char::is_lowercase) {
        city.to_string()
    } else {
        title_case(city)
    })
}

/// `CERGY-PONTOISE` → `Cergy-Pontoise`, `AIX-EN-PROVENCE` → `Aix-en-Provence`.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split_inclusive([' ', '-', '\'', '’']).enumerate() {
        let bare = word.trim_end_matches([' ', '-', '\'', '’']);
        let small = i > 0
            && matches!(
                bare.to_lowercase().as_str(),
                "en" | "sur" | "de" | "la" | "le" | "les" | "du" | "des" | "et" | "d" | "l" | "aux"
            );
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            if small {
                out.extend(first.to_lowercase());
            } else {
                out.extend(first.to_uppercase());
            }
            out.extend(chars.flat_map(char::to_lowercase));
        }
    }
    out
}

/// Adds a professional's name, without a trailing role in parentheses (`M. Bonnal (président)`)
/// and with runs of white space made one space.
fn add_person(list: &mut Vec<String>, raw: &str) {
    let mut s = raw.trim();
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
    {
        s = s[..open].trim_end();
    }
    let clean: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if !clean.is_empty() && !list.contains(&clean) {
        list.push(clean);
    }
}

/// Words that start a new lawyer or firm in a list (`SCP A, B et C, SARL D, Me E`).
const LAWYER_STARTS: &[&str] = &[
    "SCP",
    "SARL",
    "SAS",
    "SASU",
    "SELARL",
    "SELAS",
    "SELAFA",
    "SELCA",
    "SELEURL",
    "SELASU",
    "AARPI",
    "ASSOCIATION",
    "CABINET",
    "SOCIÉTÉ",
    "SOCIETE",
    "ME",
    "MES",
    "MAÎTRE",
    "MAITRE",
    "M.",
    "MME",
    "MLLE",
    "MM.",
];

/// Splits the `AVOCATS` list into lawyers and firms. JADE separates them with `;`; the judicial
/// bases with commas, which also separate the partners of one firm: a comma starts a new entry
/// only before a firm form or a title (`SCP`, `SARL`, `Me`…), so `SCP Célice, Texidor, Périer` is
/// one firm and `SCP Piwnica et Molinié, Me Haas` two.
pub fn split_lawyers(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    for group in list.split(';') {
        let mut current = String::new();
        for part in group.split(',') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let first = part.split_whitespace().next().unwrap_or("").to_uppercase();
            let starts = LAWYER_STARTS.contains(&first.as_str());
            if starts && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push_str(", ");
            }
            current.push_str(part);
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out.into_iter()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin {
            file: "t.xml".into(),
            line: 1,
        }
    }

    const MINI: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<TEXTE_JURI_JUDI><META><META_COMMUN><ID>JURITEXT000000000001</ID><ANCIEN_ID/></META_COMMUN>
<META_SPEC><META_JURI><DATE_DEC>2023-10-03</DATE_DEC><JURIDICTION>Cour de cassation</JURIDICTION>
<NUMERO>C1</NUMERO></META_JURI><META_JURI_JUDI><NUMEROS_AFFAIRES><NUMERO_AFFAIRE>23-80251</NUMERO_AFFAIRE>
</NUMEROS_AFFAIRES><FORMATION>CHAMBRE_CIVILE_1</FORMATION><SIEGE_APPEL/>
<PRESIDENT>Mme Champalaune (président)</PRESIDENT>
<AVOCATS>SCP Célice, Texidor, Périer, SCP Piwnica et Molinié, Me Haas</AVOCATS>
<ECLI>ECLI:FR:CCASS:2023:C100001</ECLI></META_JURI_JUDI></META_SPEC></META>
<TEXTE><BLOC_TEXTUEL><CONTENU>A &amp; B<br/>
<br/>C <em>D</em><p>E</p><![CDATA[F <G>]]> &#233;&eacute;&zzz;</CONTENU></BLOC_TEXTUEL>
<CITATION_JP><CONTENU>not the text</CONTENU></CITATION_JP></TEXTE></TEXTE_JURI_JUDI>"#;

    #[test]
    fn reads_a_minimal_dila_decision() {
        let d = parse_xml(MINI.as_bytes(), origin()).unwrap();
        assert_eq!(d.id, "JURITEXT000000000001");
        assert_eq!(d.producer, Producer::Legifrance);
        assert_eq!(d.other_ids, vec!["ECLI:FR:CCASS:2023:C100001"]);
        assert_eq!(d.numbers, vec!["23-80251"]);
        assert_eq!(d.chamber.as_deref(), Some("CHAMBRE_CIVILE_1"));
        assert_eq!(d.seat.as_deref(), Some("Paris"));
        assert_eq!(d.decision_date, Some(jiff::civil::date(2023, 10, 3)));
        assert_eq!(
            d.professionals,
            vec![
                "Mme Champalaune",
                "SCP Célice, Texidor, Périer",
                "SCP Piwnica et Molinié",
                "Me Haas"
            ]
        );
        assert_eq!(d.text, "A & B\n\nC D\nE\nF <G> éé&zzz;");
        assert_eq!(d.formation, None);
    }

    #[test]
    fn formation_comes_from_the_header_code() {
        let f = formation_from_header;
        assert_eq!(
            f("a rendu l'arrêt suivant :\n\nN° E 23-80.251 F-B\n").as_deref(),
            Some("f")
        );
        assert_eq!(f("x\n N° R 23-81.135 F+B\n").as_deref(), Some("f"));
        assert_eq!(f("Pourvoi n° Z 21-25.274 FS-D\n").as_deref(), Some("fs"));
        assert_eq!(f("Arrêt n° 12 FRH-B\n").as_deref(), Some("frh"));
        assert_eq!(f("n° 15015 P+B\n"), None);
        assert_eq!(f("Arrêt n° 672 B+R\n"), None);
        assert_eq!(f("la société F-B a dit\n"), None, "no number on the line");
    }

    #[test]
    fn bom_is_accepted_and_positions_are_one_based() {
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(MINI.as_bytes());
        assert!(parse_xml(&bytes, origin()).is_ok());
        let mut bad = BOM.to_vec();
        bad.extend_from_slice(b"<nope/>");
        let e = parse_xml(&bad, origin()).unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("<nope>"), "{e}");
    }

    #[test]
    fn truncated_and_corrupt_files_give_positions() {
        let cut = &MINI[..MINI.find("<BLOC_TEXTUEL>").unwrap() + 20];
        let e = parse_xml(cut.as_bytes(), origin()).unwrap_err();
        assert!(e.message.contains("not closed"), "{e}");
        assert_eq!(e.line, cut.lines().count() as u64);

        let mismatched = MINI.replace("</DATE_DEC>", "</DATE>");
        let e = parse_xml(mismatched.as_bytes(), origin()).unwrap_err();
        assert_eq!(e.line, 3, "{e}");

        let e = parse_xml(b"", origin()).unwrap_err();
        assert!(e.message.contains("no root"), "{e}");
        let e = parse_xml(b"\xff\xfe<a/>", origin()).unwrap_err();
        assert!(e.message.contains("UTF-16"), "{e}");
        let e = parse_xml(b"<TEXTE_JURI_JUDI>\n  caf\xe9</TEXTE_JURI_JUDI>", origin()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 6), "{e}");
        let e = parse_xml(b"<TEXTE_JURI_JUDI/>", origin()).unwrap_err();
        assert!(e.message.contains("META_COMMUN/ID"), "{e}");
    }

    #[test]
    fn escaped_markup_becomes_line_breaks() {
        assert_eq!(
            strip_literal_markup("Vu.<br/><br/>Considérant <em>x</em>, a < b").as_deref(),
            Some("Vu.\n\nConsidérant x, a < b")
        );
        assert_eq!(strip_literal_markup("N 2 > 1re, a <b"), None);
    }

    #[test]
    fn lawyers_are_split_by_firm() {
        assert_eq!(
            split_lawyers(
                "SCP Gatineau,  Fattaccini et Rebeyrol, SARL Thouvenin, Coudray et Grévy"
            ),
            vec![
                "SCP Gatineau, Fattaccini et Rebeyrol",
                "SARL Thouvenin, Coudray et Grévy"
            ]
        );
        assert_eq!(
            split_lawyers(
                "SCP BAUER-VIOLAS - FESCHOTTE-DESBOIS - SEBAGH ; SCP MARLANGE, DE LA BURGADE ; SCP SPINOSI"
            ),
            vec![
                "SCP BAUER-VIOLAS - FESCHOTTE-DESBOIS - SEBAGH",
                "SCP MARLANGE, DE LA BURGADE",
                "SCP SPINOSI"
            ]
        );
    }

    #[test]
    fn seats_follow_court_names() {
        let s = |j| seat_of(j);
        assert_eq!(
            s("Tribunal Administratif de Cergy-Pontoise").as_deref(),
            Some("Cergy-Pontoise")
        );
        assert_eq!(
            s("Cour administrative d'appel de Lyon").as_deref(),
            Some("Lyon")
        );
        assert_eq!(s("CAA de PARIS").as_deref(), Some("Paris"));
        assert_eq!(s("CAA de VERSAILLES").as_deref(), Some("Versailles"));
        assert_eq!(s("Conseil d'État").as_deref(), Some("Paris"));
        assert_eq!(
            s("Cour d'appel d'Aix-en-Provence").as_deref(),
            Some("Aix-en-Provence")
        );
        assert_eq!(
            s("TRIBUNAL ADMINISTRATIF DE CHALONS-EN-CHAMPAGNE").as_deref(),
            Some("Chalons-en-Champagne")
        );
        assert_eq!(
            s("Tribunal administratif de la Martinique").as_deref(),
            Some("Fort-de-France")
        );
        assert_eq!(
            s("Tribunal administratif d'Amiens").as_deref(),
            Some("Amiens")
        );
        assert_eq!(s("Cour de cassation").as_deref(), Some("Paris"));
        assert_eq!(s("Autorité quelconque"), None);
    }

    #[test]
    fn jade_decision() {
        let xml = r#"<TEXTE_JURI_ADMIN><META><META_COMMUN><ID>CETATEXT000049314894</ID>
<ANCIEN_ID>JG_L_2024_03_000000490536</ANCIEN_ID></META_COMMUN><META_SPEC><META_JURI>
<DATE_DEC>2024-03-21</DATE_DEC><JURIDICTION>Conseil d'État</JURIDICTION><NUMERO>490536</NUMERO>
</META_JURI><META_JURI_ADMIN><FORMATION>2ème - 7ème chambres réunies</FORMATION>
<PRESIDENT/><AVOCATS>SCP SPINOSI ; SCP A, B</AVOCATS><RAPPORTEUR>M. Alexandre Trémolière</RAPPORTEUR>
<COMMISSAIRE_GVT>M. Clément Malverti</COMMISSAIRE_GVT><ECLI>ECLI:FR:CECHR:2024:490536.20240321</ECLI>
</META_JURI_ADMIN></META_SPEC></META><TEXTE><BLOC_TEXTUEL><CONTENU>
   Vu la procédure.<br/>Décide.</CONTENU></BLOC_TEXTUEL></TEXTE></TEXTE_JURI_ADMIN>"#;
        let d = parse_xml(xml.as_bytes(), origin()).unwrap();
        assert_eq!(d.producer, Producer::Jade);
        assert_eq!(d.id, "CETATEXT000049314894");
        assert_eq!(
            d.other_ids,
            vec![
                "ECLI:FR:CECHR:2024:490536.20240321",
                "JG_L_2024_03_000000490536"
            ]
        );
        assert_eq!(d.formation.as_deref(), Some("2ème - 7ème chambres réunies"));
        assert_eq!(d.chamber, None);
        assert_eq!(d.numbers, vec!["490536"]);
        assert_eq!(d.seat.as_deref(), Some("Paris"));
        assert_eq!(
            d.professionals,
            vec![
                "M. Alexandre Trémolière",
                "M. Clément Malverti",
                "SCP SPINOSI",
                "SCP A, B"
            ]
        );
        assert_eq!(d.text, "Vu la procédure.\nDécide.");
    }

    #[test]
    fn latin1_and_windows_1252_declarations_are_transcoded() {
        // MINI with every character as one Latin-1 byte (all of them are below U+0100).
        let latin1: Vec<u8> = MINI
            .replace("UTF-8", "ISO-8859-1")
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect();
        assert!(std::str::from_utf8(&latin1).is_err());
        let d = parse_xml(&latin1, origin()).unwrap();
        let utf8 = parse_xml(MINI.as_bytes(), origin()).unwrap();
        assert_eq!(d.professionals, utf8.professionals);
        assert_eq!(d.text, utf8.text);
        assert!(
            d.professionals
                .contains(&"SCP Célice, Texidor, Périer".to_string())
        );

        let cp = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<Document><Donnees_Techniques>\
<Identification>DTA_1.xml</Identification></Donnees_Techniques><Decision><Texte_Integral>l\x92arr\xeat \x96 fin\
</Texte_Integral></Decision></Document>";
        let d = parse_xml(cp, origin()).unwrap();
        assert_eq!(d.text, "l’arrêt – fin");

        // Undeclared: an error at the bad byte.
        let e = parse_xml(b"<Document>\n\xe9</Document>", origin()).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
    }

    #[test]
    fn administrative_formation_cdata_and_courts() {
        let xml = "<Document><Donnees_Techniques><Identification>DCA_23LY00001_20240105.xml</Identification>\
<Date_Mise_Jour>2024-01-10</Date_Mise_Jour></Donnees_Techniques><Dossier><Code_Juridiction>CAA69</Code_Juridiction>\
<Nom_Juridiction>Cour administrative d'appel de Lyon</Nom_Juridiction><Numero_Dossier>23LY00001</Numero_Dossier>\
<Date_Lecture>2024-01-05</Date_Lecture><Extra><Deep>x</Deep></Extra></Dossier><Audience><Formation_Jugement>3ème chambre</Formation_Jugement>\
</Audience><Decision><Texte_Integral><![CDATA[Vu la requête.<br/>Considérant.]]></Texte_Integral></Decision></Document>";
        let d = parse_xml(xml.as_bytes(), origin()).unwrap();
        assert_eq!(d.id, "DCA_23LY00001_20240105.xml");
        assert_eq!(d.other_ids, vec!["DCA_23LY00001_20240105"]);
        assert_eq!(d.seat.as_deref(), Some("Lyon"));
        assert_eq!(d.formation.as_deref(), Some("3ème chambre"));
        assert_eq!(d.numbers, vec!["23LY00001"]);
        assert_eq!(d.text, "Vu la requête.\nConsidérant.");
        let e = parse_xml(b"<Document><Dossier/></Document>", origin()).unwrap_err();
        assert!(e.message.contains("Identification"), "{e}");
    }

    /// `Date_Mise_Jour` is read as Judilibre's update dates are: a day in France for a date
    /// alone (starting at midnight in Paris), an instant for a date-time, and no date of the
    /// year 0 (which the report could not write in RFC 3339).
    #[test]
    fn an_update_date_is_read_in_paris_time_and_in_the_years_1_to_9999() {
        let xml = |date: &str| {
            format!(
                "<Document><Donnees_Techniques><Identification>DCA_1.xml</Identification>\
<Date_Mise_Jour>{date}</Date_Mise_Jour></Donnees_Techniques><Decision><Texte_Integral>x\
</Texte_Integral></Decision></Document>"
            )
        };
        let d = parse_xml(xml("2024-01-10").as_bytes(), origin()).unwrap();
        let day = d.update_date.unwrap();
        assert_eq!(
            day,
            crate::ident::Moment::Date(jiff::civil::date(2024, 1, 10))
        );
        assert_eq!(day.start().to_string(), "2024-01-09T23:00:00Z");
        let d = parse_xml(xml("2024-01-10T14:00:00").as_bytes(), origin()).unwrap();
        assert_eq!(
            d.update_date,
            Some(crate::ident::Moment::Instant(
                "2024-01-10T13:00:00Z".parse().unwrap()
            ))
        );
        for date in ["0000-01-01", "-000001-01-01T00:00:00Z"] {
            let e = parse_xml(xml(date).as_bytes(), origin()).unwrap_err();
            assert!(e.message.contains("Date_Mise_Jour"), "{date}: {e}");
        }
    }

    #[test]
    fn bad_date_is_an_error_at_its_place() {
        let xml = MINI.replace("2023-10-03", "2023-13-45");
        let e = parse_xml(xml.as_bytes(), origin()).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("DATE_DEC"), "{e}");
    }
}
