//! `--mapping FILE.toml`: maps another schema onto vigie's canonical record fields.
//!
//! ```toml
//! [fields]
//! text = "content.body"          # canonical field = dotted JSON path
//! source_id = "meta.judilibre_id"
//! decision_date = 'meta["date.x"]'   # a key holding a dot, quoted in brackets
//! [defaults]
//! attribution = "Source : Cour de cassation"   # used when the record has no value
//! ```

use crate::error::InputError;
use crate::text::sanitize::Shown;
use std::collections::HashMap;
use std::path::Path;

/// The canonical fields a mapping may target.
pub const CANONICAL_FIELDS: &[&str] = &[
    "id",
    "source_id",
    "url",
    "text",
    "text_format",
    "jurisdiction",
    "formation",
    "seat",
    "decision_date",
    "number",
    "attribution",
    "source_link",
    "updated_at",
    "update_notice",
    "excerpt",
    "full_text_url",
    "commentary",
];

/// The bit of a canonical field in [`crate::model::Record::mapped`] (its place in
/// [`CANONICAL_FIELDS`]).
pub fn field_bit(field: &str) -> u32 {
    CANONICAL_FIELDS
        .iter()
        .position(|f| *f == field)
        .map_or(0, |i| 1 << i)
}

/// The prefix of a record's top-level key named like a canonical field that the mapping reads
/// from another path (`$.text` when `text` is mapped to `content.body`): one of the reuser's
/// other fields, named apart from the canonical one in every report.
pub const OWN_KEY_PREFIX: &str = "$.";

/// A step of a `[fields]` path, as jq tells them apart: an object's member, or an array's
/// element, never either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// `.key`, `["key"]`: the member of an object (`.1` and `["1"]` the member named `1`).
    Key(String),
    /// `[0]`: the element of an array.
    Index(usize),
}

/// Where a canonical field is read from: a `[fields]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    /// The steps from the record down to the value.
    pub segments: Vec<Segment>,
    /// The path as the file writes it (`meta.numeros[0]`), which the reports show.
    pub written: String,
    /// The line of its entry.
    pub line: u64,
}

/// The value a canonical field takes when the record gives none: a `[defaults]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDefault {
    pub value: serde_json::Value,
    /// The line of its entry.
    pub line: u64,
}

/// What the mapping says of one canonical field: the path it is read from, its default, or
/// both.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub field: &'static str,
    pub path: Option<FieldPath>,
    pub default: Option<FieldDefault>,
}

/// A parsed mapping: for each canonical field it names, the path to read it from and a default.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// One entry a canonical field the file names, in the order of their names.
    pub entries: Vec<Entry>,
    /// The mapping file, as given: warnings and the report name it.
    pub file: String,
    /// What is legitimate but worth a word, to say once the mapping is loaded (a field both
    /// mapped and given a default).
    pub warnings: Vec<String>,
}

/// A canonical field as vigie's outputs name it to a person: by the path the mapping reads it
/// from, in the reuser's schema, vigie's name beside it (`meta.juridiction.chambre
/// (formation)`), so that the officer finds it in their own data; by vigie's name when the
/// mapping does not map it. Every message and label that names a field goes through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldName<'a> {
    pub field: &'a str,
    /// The path as the mapping file writes it, if the field is mapped.
    pub path: Option<&'a str>,
}

impl<'a> FieldName<'a> {
    /// `field`, read from `path` when mapped. A path that is the field's own name (`url =
    /// "url"`) names it as well alone: `url (url)` would say it twice.
    pub fn new(field: &'a str, path: Option<&'a str>) -> FieldName<'a> {
        FieldName {
            field,
            path: path.filter(|p| *p != field),
        }
    }

    /// `field`, as `mapping` reads it (unmapped without a mapping).
    pub fn of(mapping: Option<&'a Mapping>, field: &'a str) -> FieldName<'a> {
        FieldName::new(
            field,
            mapping.and_then(|m| m.written_path(field)).map(|(p, _)| p),
        )
    }

    /// The name, each of its parts written by `name` (the path, or the field unmapped) and
    /// `canonical` (vigie's name beside a path): `path (field)`, or `field` alone.
    pub fn written_with(
        &self,
        name: impl Fn(&str) -> String,
        canonical: impl Fn(&str) -> String,
    ) -> String {
        match self.path {
            Some(path) => format!("{} ({})", name(path), canonical(self.field)),
            None => name(self.field),
        }
    }

    /// In a message that quotes names: ``​`meta.t` (text)``, ``​`text`​``.
    pub fn quoted(&self) -> String {
        self.written_with(|n| format!("`{n}`"), str::to_string)
    }
}

/// `meta.juridiction.chambre (formation)`, or `formation` unmapped.
impl std::fmt::Display for FieldName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.written_with(str::to_string, str::to_string))
    }
}

impl Mapping {
    /// Reads and checks a mapping file. Every problem is reported, each with its line and column.
    pub fn load(path: &Path) -> Result<Mapping, InputError> {
        let text = crate::error::read_bounded_string(path, crate::error::MAX_SETTINGS_BYTES)
            .map_err(|e| InputError::io(path, e))?;
        Mapping::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Mapping, InputError> {
        let doc: toml::Spanned<toml::Table> = match toml::from_str(text) {
            Ok(d) => d,
            Err(e) => {
                let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
                return Err(InputError::at(path, line, col, e.message().to_string()));
            }
        };
        let places = key_places(text);
        let locate = |section: &str, key: Option<&str>| {
            let key = (section.to_string(), key.map(str::to_string));
            places.get(&key).map_or((0, 0), |&at| line_col(text, at))
        };
        let mut errors = Vec::new();
        let mut m = Mapping::default();
        for (section, value) in doc.get_ref() {
            match section.as_str() {
                "fields" | "defaults" => {
                    let Some(table) = value.as_table() else {
                        let (l, c) = locate(section, None);
                        errors.push((l, c, format!("[{section}] must be a table")));
                        continue;
                    };
                    for (key, v) in table {
                        let (l, c) = locate(section, Some(key));
                        let Some(canon) = CANONICAL_FIELDS.iter().find(|f| **f == key.as_str())
                        else {
                            errors.push((
                                l,
                                c,
                                format!(
                                    "unknown field `{key}` in [{section}]; the fields are: {}",
                                    CANONICAL_FIELDS.join(", ")
                                ),
                            ));
                            continue;
                        };
                        if section == "fields" {
                            match v.as_str() {
                                Some(p) if !p.trim().is_empty() => match parse_path(p) {
                                    Ok(segments) => {
                                        m.entry_mut(canon).path = Some(FieldPath {
                                            segments,
                                            written: p.trim().to_string(),
                                            line: l,
                                        });
                                    }
                                    Err(why) => errors.push((l, c, format!("`{key}`: {why}"))),
                                },
                                _ => errors.push((
                                    l,
                                    c,
                                    format!(
                                        "`{key}` must be a dotted JSON path such as \"content.body\""
                                    ),
                                )),
                            }
                        } else {
                            match default_value(canon, v) {
                                Ok(value) => {
                                    m.entry_mut(canon).default =
                                        Some(FieldDefault { value, line: l });
                                }
                                Err(why) => errors.push((l, c, why)),
                            }
                        }
                    }
                }
                other => {
                    let (l, c) = locate(other, None);
                    errors.push((
                        l,
                        c,
                        format!("unknown table [{other}]; a mapping has [fields] and [defaults]"),
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(InputError::many(path, errors));
        }
        m.entries.sort_by_key(|e| e.field);
        m.file = path.shown().to_string();
        // A default beside a path is a fallback for the records where the path gives
        // nothing: legitimate, but it hides those records' lack of the field, which deserves
        // a word.
        for e in &m.entries {
            if let (Some(p), Some(d)) = (&e.path, &e.default) {
                m.warnings.push(format!(
                    "{}: `{}` is both mapped (line {}, `{}`) and given a default (line {}): the \
                     default is used for every record where `{}` is missing or null, and such a \
                     record gets no finding for lacking `{}`",
                    m.file, e.field, p.line, p.written, d.line, p.written, e.field
                ));
            }
        }
        Ok(m)
    }

    /// The entry of `field`, made if the file has not named it yet.
    fn entry_mut(&mut self, field: &'static str) -> &mut Entry {
        let i = match self.entries.iter().position(|e| e.field == field) {
            Some(i) => i,
            None => {
                self.entries.push(Entry {
                    field,
                    path: None,
                    default: None,
                });
                self.entries.len() - 1
            }
        };
        &mut self.entries[i]
    }

    /// What the mapping says of `field`, if it names it.
    pub fn entry(&self, field: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.field == field)
    }

    /// The path a canonical field is read from as the mapping file writes it, and the line of
    /// its entry, if mapped.
    pub fn written_path(&self, field: &str) -> Option<(&str, u64)> {
        let p = self.entry(field)?.path.as_ref()?;
        Some((p.written.as_str(), p.line))
    }

    /// The path a canonical field is read from, if mapped.
    pub fn path_of(&self, field: &str) -> Option<&[Segment]> {
        self.entry(field)?
            .path
            .as_ref()
            .map(|p| p.segments.as_slice())
    }

    /// The default of a canonical field, if it has one.
    pub fn default_of(&self, field: &str) -> Option<&serde_json::Value> {
        self.entry(field)?.default.as_ref().map(|d| &d.value)
    }

    /// Every path the mapping reads, with its field.
    pub fn paths(&self) -> impl Iterator<Item = (&'static str, &[Segment])> + '_ {
        self.entries
            .iter()
            .filter_map(|e| Some((e.field, e.path.as_ref()?.segments.as_slice())))
    }

    /// The canonical fields mapped to another path than their own name: a top-level key of a
    /// record named like one of them is none of the canonical field, but one of the reuser's
    /// other fields.
    pub fn displaced(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.paths()
            .filter(|(f, p)| !matches!(p, [Segment::Key(k)] if k == f))
            .map(|(f, _)| f)
    }

    /// A canonical field as the reuser names it ([`FieldName`]).
    pub fn name<'a>(&'a self, field: &'a str) -> FieldName<'a> {
        FieldName::of(Some(self), field)
    }
}

/// The segments of a `[fields]` path, read as jq reads one: keys joined by dots
/// (`content.body`; `.1` is the key `1`), an array's element by its index in brackets
/// (`meta.numeros[0]`, `parties[0].nom`, `a[1][2]`), a key in double quotes in brackets
/// (`meta["date.x"]`, `["meta.date"]`; `["1"]` is the key `1`), inside which `\"` is a quote
/// and `\\` a backslash. A bare key is trimmed, a quoted one taken as written. Refused: an
/// empty bare key (`content..body`, `.content`, `content.`), a JSONPath `$`, a bracket not
/// closed or holding neither an index nor a quoted key, a quote outside brackets or not
/// closed, another escape, an index first (a record is an object), anything but `.` or `[`
/// after a bracket.
fn parse_path(written: &str) -> Result<Vec<Segment>, String> {
    Ok(parse_steps(written)?.into_iter().map(|(s, _)| s).collect())
}

/// For a path with a number as a bare key (`meta.numeros.0`), which reads an object's member
/// named so and no array's element: a word to add where the path read nothing
/// (`` (`.0` names an object's member `0`; an array's element is `[0]`)``), since until
/// vigie told the two apart such a key read an array's element too.
pub fn dotted_index_hint(written: &str) -> Option<String> {
    parse_steps(written)
        .ok()?
        .into_iter()
        .find_map(|(s, bare)| match s {
            Segment::Key(k) if bare && k.bytes().all(|b| b.is_ascii_digit()) => Some(format!(
                " (`.{k}` names an object's member `{k}`; an array's element is `[{k}]`)"
            )),
            _ => None,
        })
}

/// [`parse_path`], each segment with whether it is a bare key.
fn parse_steps(written: &str) -> Result<Vec<(Segment, bool)>, String> {
    let p = written.trim();
    if p.starts_with('$') {
        return Err(format!(
            "`{p}` starts with `$`: write the dotted path without `$.` (`content.body`, not \
             `$.content.body`)"
        ));
    }
    let empty = || {
        format!(
            "`{p}` has an empty segment (two dots in a row, or a dot at an end): write a \
             dotted path such as \"content.body\""
        )
    };
    let mut segments = Vec::new();
    let mut chars = p.chars().peekable();
    loop {
        // A bare key, but first in a path that opens with a bracket.
        if !(segments.is_empty() && chars.peek() == Some(&'[')) {
            let mut key = String::new();
            while let Some(&c) = chars.peek() {
                match c {
                    '.' | '[' => break,
                    ']' => return Err(format!("`{p}` has a `]` with no `[` before it")),
                    '"' => {
                        return Err(format!(
                            "`{p}` has a `\"` outside brackets: a quoted key goes in brackets, \
                             as in `meta[\"date.x\"]`"
                        ));
                    }
                    c => key.push(c),
                }
                chars.next();
            }
            let key = key.trim();
            if key.is_empty() {
                return Err(empty());
            }
            segments.push((Segment::Key(key.to_string()), true));
        }
        // Brackets after the key, then a dot and the next key, or the end.
        loop {
            match chars.next() {
                None => return Ok(segments),
                Some('.') => break,
                Some('[') => {
                    let segment = bracket(p, &mut chars)?;
                    if segments.is_empty() && matches!(segment, Segment::Index(_)) {
                        return Err(format!(
                            "`{p}`: an index in brackets must follow a key \
                             (`meta.numeros[0]`): a record is an object"
                        ));
                    }
                    segments.push((segment, false));
                    match chars.peek() {
                        None | Some('.' | '[') => {}
                        Some(c) => {
                            return Err(format!(
                                "`{p}`: `{c}` after `]`: a `.` or a `[` comes after a bracket"
                            ));
                        }
                    }
                }
                // Only `.`, `[` or the end follow a key.
                Some(c) => {
                    return Err(format!(
                        "`{p}`: `{c}` after a key: a `.` or a `[` comes after a key"
                    ));
                }
            }
        }
    }
}

/// What a bracket of the path `p` holds, read from after its `[` to after its `]`: an index
/// (`[0]`), or a key in double quotes (`["date.x"]`, with `\"` and `\\`). White space around
/// either is left out.
fn bracket(
    p: &str,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
) -> Result<Segment, String> {
    let unclosed = || format!("`{p}` has a `[` that is not closed by `]`");
    while chars.next_if(|c| c.is_whitespace()).is_some() {}
    if chars.next_if_eq(&'"').is_some() {
        let mut key = String::new();
        loop {
            match chars.next() {
                None => {
                    return Err(format!(
                        "`{p}` has a `\"` that is not closed: a quoted key ends with `\"` \
                         (a quote inside it is written `\\\"`)"
                    ));
                }
                Some('"') => break,
                Some('\\') => match chars.next() {
                    Some(c @ ('"' | '\\')) => key.push(c),
                    other => {
                        let e = other.map_or(String::new(), String::from);
                        return Err(format!(
                            "`{p}`: `\\{e}` in a quoted key: the escapes are `\\\"` (a quote) \
                             and `\\\\` (a backslash)"
                        ));
                    }
                },
                Some(c) => key.push(c),
            }
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        return match chars.next() {
            Some(']') => Ok(Segment::Key(key)),
            None => Err(unclosed()),
            Some(c) => Err(format!(
                "`{p}`: `{c}` after the quoted key \"{key}\": a `]` closes the bracket"
            )),
        };
    }
    let mut index = String::new();
    loop {
        match chars.next() {
            None => return Err(unclosed()),
            Some(']') => break,
            Some(c) => index.push(c),
        }
    }
    let index = index.trim();
    if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{p}`: brackets hold an array's index, such as `[0]`, or a key in double quotes, \
             such as `[\"date.x\"]`, not `[{index}]`"
        ));
    }
    index
        .parse()
        .map(Segment::Index)
        .map_err(|_| format!("`{p}`: the index `[{index}]` is larger than any array"))
}

/// The JSON value a `[defaults]` entry gives its canonical field, or why it gives none: the
/// default is checked here, once, rather than guessed at on every record. `excerpt` takes a
/// TOML boolean (`"yes"` or `7` is no answer); `text_format` `"plain"` or `"html"`; the other
/// fields a string, a number or a TOML date (`updated_at = 2026-11-21`), written as a string;
/// `id` none, since every record would get the same one.
fn default_value(field: &str, v: &toml::Value) -> Result<serde_json::Value, String> {
    let kind = |v: &toml::Value| match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    };
    match (field, v) {
        ("id", _) => Err(
            "`id` cannot have a default: every record would get the same id (map it in [fields])"
                .to_string(),
        ),
        ("excerpt", toml::Value::Boolean(b)) => Ok(serde_json::Value::Bool(*b)),
        ("excerpt", other) => Err(format!(
            "`excerpt` in [defaults] must be a boolean, true or false (without quotes), not {} \
             ({other})",
            kind(other)
        )),
        ("text_format", toml::Value::String(s))
            if matches!(s.trim().to_ascii_lowercase().as_str(), "plain" | "html") =>
        {
            Ok(serde_json::Value::String(s.clone()))
        }
        ("text_format", other) => Err(format!(
            "`text_format` in [defaults] must be \"plain\" or \"html\", not {other}"
        )),
        (_, toml::Value::String(s)) => Ok(serde_json::Value::String(s.clone())),
        (_, toml::Value::Integer(i)) => Ok(serde_json::Value::from(*i)),
        (_, v @ (toml::Value::Float(_) | toml::Value::Datetime(_))) => {
            Ok(serde_json::Value::String(v.to_string()))
        }
        (_, other) => Err(format!(
            "`{field}` in [defaults] must be a string, not {} ({other})",
            kind(other)
        )),
    }
}

/// Where each table of a TOML text and each key inside it are first written (byte offsets), as
/// TOML's own parser places them: a `[section]` header, a dotted key (`fields.text = …`) or an
/// inline table, a key bare, quoted or escaped (`"te\u0078t"` is `text`).
fn key_places(text: &str) -> HashMap<(String, Option<String>), usize> {
    let mut places = HashMap::new();
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return places;
    };
    for (section, value) in doc.get_ref() {
        places.insert((section.get_ref().to_string(), None), section.span().start);
        if let toml::de::DeValue::Table(table) = value.get_ref() {
            for (key, _) in table {
                places.insert(
                    (
                        section.get_ref().to_string(),
                        Some(key.get_ref().to_string()),
                    ),
                    key.span().start,
                );
            }
        }
    }
    places
}

/// 1-based line and column of a byte offset ([`crate::error::line_col`]).
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let (line, column) = crate::error::line_col(text, offset);
    (line as u64, column as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Segment {
        Segment::Key(k.to_string())
    }

    #[test]
    fn parses_fields_and_defaults() {
        let m = Mapping::parse(
            "[fields]\ntext = \"content.body\"\nid = \"ref\"\n[defaults]\nattribution = \"Source : Légifrance\"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        assert_eq!(m.path_of("text").unwrap(), [key("content"), key("body")]);
        assert_eq!(m.path_of("id").unwrap(), [key("ref")]);
        assert_eq!(
            m.default_of("attribution"),
            Some(&serde_json::json!("Source : Légifrance"))
        );
        // One entry a field, in the order of their names.
        let fields: Vec<&str> = m.entries.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["attribution", "id", "text"]);
    }

    #[test]
    fn reports_every_error_with_its_place() {
        let e = Mapping::parse(
            "[fields]\ntexte = \"a\"\nid = 3\n[other]\nx = 1\n",
            Path::new("m.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("m.toml:2:1"), "{e}");
        assert!(e.contains("unknown field `texte`"), "{e}");
        assert!(e.contains("m.toml:3:1"), "{e}");
        assert!(e.contains("m.toml:4:2"), "{e}");
    }

    /// A default is checked once, for its field: `excerpt` a TOML boolean (`"yes"` or `7` was
    /// taken as true), `text_format` plain or html, the others a string, a number or a date;
    /// no default `id`. Each error has its line and column.
    #[test]
    fn defaults_are_checked_for_their_field() {
        let m = Mapping::parse(
            "[fields]\nid = \"ref\"\n[defaults]\nexcerpt = false\ntext_format = \"HTML\"\n\
             number = 12345\nupdated_at = 2026-11-21\nseat = \"Paris\"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        let d = |f: &str| m.default_of(f).unwrap().clone();
        assert_eq!(d("excerpt"), serde_json::json!(false));
        assert_eq!(d("text_format"), serde_json::json!("HTML"));
        assert_eq!(d("number"), serde_json::json!(12345));
        assert_eq!(d("updated_at"), serde_json::json!("2026-11-21"));
        assert_eq!(d("seat"), serde_json::json!("Paris"));
        let e = Mapping::parse(
            "[fields]\nid = \"ref\"\n[defaults]\nexcerpt = \"yes\"\n  excerpt2 = 1\n",
            Path::new("m.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains(
                "m.toml:4:1: `excerpt` in [defaults] must be a boolean, true or false (without \
                 quotes), not a string (\"yes\")"
            ),
            "{e}"
        );
        let e = Mapping::parse(
            "[defaults]\nseat = \"Paris\"\n   excerpt = 7\ntext_format = \"xml\"\nid = \"x\"\n\
             jurisdiction = [\"cc\"]\nformation = true\n",
            Path::new("m.toml"),
        )
        .unwrap_err();
        let lines: Vec<String> = e.to_string().lines().map(str::to_string).collect();
        assert_eq!(
            lines,
            [
                "m.toml:3:4: `excerpt` in [defaults] must be a boolean, true or false (without \
                 quotes), not an integer (7)",
                "m.toml:4:1: `text_format` in [defaults] must be \"plain\" or \"html\", not \"xml\"",
                "m.toml:5:1: `id` cannot have a default: every record would get the same id (map \
                 it in [fields])",
                "m.toml:6:1: `jurisdiction` in [defaults] must be a string, not an array ([\"cc\"])",
                "m.toml:7:1: `formation` in [defaults] must be a string, not a boolean (true)",
            ]
        );
    }

    /// A key is placed where it is written, however it is written: in an inline table, as a
    /// dotted key, quoted, or with escapes.
    #[test]
    fn keys_are_placed_however_they_are_written() {
        let errors = |text: &str| -> Vec<String> {
            Mapping::parse(text, Path::new("m.toml"))
                .unwrap_err()
                .to_string()
                .lines()
                .map(str::to_string)
                .collect()
        };
        let e = errors("fields = { \"texte\" = \"a\", id = 3 }\n");
        assert!(
            e[0].starts_with("m.toml:1:12: unknown field `texte`"),
            "{e:?}"
        );
        assert!(
            e[1].starts_with("m.toml:1:27: `id` must be a dotted JSON path"),
            "{e:?}"
        );
        let e = errors("defaults.excerpt = \"yes\"\ndefaults.\"text_format\" = \"xml\"\n");
        assert!(
            e[0].starts_with("m.toml:1:10: `excerpt` in [defaults]"),
            "{e:?}"
        );
        assert!(
            e[1].starts_with("m.toml:2:10: `text_format` in [defaults]"),
            "{e:?}"
        );
        let e = errors("[fields]\nid = \"ref\"\n  \"te\\u0078te\" = \"a\"\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with("m.toml:3:3: unknown field `texte`"),
            "{e:?}"
        );
        let e = errors("fields = 3\n");
        assert_eq!(e, ["m.toml:1:1: [fields] must be a table"]);
        // A byte order mark, which editors do not show, is not a column.
        let e = errors("\u{feff}fields = 3\n");
        assert_eq!(e, ["m.toml:1:1: [fields] must be a table"]);
    }

    /// Paths in the bracket form vigie's reports print are read as their dotted form; an
    /// empty segment, a JSONPath `$`, an unclosed or misplaced bracket are refused at load,
    /// each at its entry's place (a typo that would match no record, SPEC §7).
    #[test]
    fn paths_in_brackets_are_read_and_malformed_paths_refused() {
        let m = Mapping::parse(
            "[fields]\nid = \"ref\"\nnumber = \"meta.numeros[0]\"\nseat = \"parties[0].nom\"\n\
             formation = \"a[1][2]\"\ntext = \" content . body \"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        let segs = |f: &str| m.path_of(f).unwrap().to_vec();
        let i = Segment::Index;
        assert_eq!(segs("number"), [key("meta"), key("numeros"), i(0)]);
        assert_eq!(segs("seat"), [key("parties"), i(0), key("nom")]);
        assert_eq!(segs("formation"), [key("a"), i(1), i(2)]);
        assert_eq!(segs("text"), [key("content"), key("body")]);
        // As written, with the line of its entry.
        assert_eq!(m.written_path("number"), Some(("meta.numeros[0]", 3)));
        assert_eq!(m.file, "m.toml");
        assert!(m.warnings.is_empty());
        let errors = |path: &str| -> String {
            Mapping::parse(
                &format!("[fields]\nid = \"ref\"\n  text = \"{path}\"\n"),
                Path::new("m.toml"),
            )
            .unwrap_err()
            .to_string()
        };
        for bad in [
            "content..body",
            ".content.body",
            "content.",
            "a[0].",
            "a. .b",
        ] {
            let e = errors(bad);
            assert!(
                e.starts_with(&format!("m.toml:3:3: `text`: `{bad}` has an empty segment")),
                "{bad}: {e}"
            );
        }
        for bad in ["$.content.body", "$content", "$"] {
            let e = errors(bad);
            assert!(e.starts_with("m.toml:3:3: `text`: "), "{bad}: {e}");
            assert!(
                e.contains("write the dotted path without `$.`"),
                "{bad}: {e}"
            );
        }
        assert!(errors("meta.numeros[0").contains("has a `[` that is not closed by `]`"));
        assert!(errors("meta.numeros[x]").contains("brackets hold an array's index"));
        assert!(errors("meta.numeros[]").contains("brackets hold an array's index"));
        assert!(errors("meta]").contains("has a `]` with no `[` before it"));
        assert!(errors("[0].a").contains("an index in brackets must follow a key"));
        assert!(errors("a[0]b").contains("`b` after `]`"));
    }

    /// A key that holds a dot, a bracket or a quote is reached in the quoted form JSONPath and
    /// jq write (`meta["date.x"]`, `["meta.date"]`), `\"` and `\\` escaped inside; a quoted key
    /// is taken as written (spaces kept), the white space around it in its brackets left out.
    #[test]
    fn a_quoted_key_in_brackets_is_one_segment() {
        let m = Mapping::parse(
            r#"[fields]
id = 'ref'
decision_date = '["meta.date"]'
number = 'meta["numéro.x"][0]'
seat = 'a[ "b]\"c\\" ].d'
formation = '[" padded "]'
jurisdiction = '["1"].x'
url = 'm[""]'
"#,
            Path::new("m.toml"),
        )
        .unwrap();
        let segs = |f: &str| m.path_of(f).unwrap().to_vec();
        assert_eq!(segs("decision_date"), [key("meta.date")]);
        assert_eq!(
            segs("number"),
            [key("meta"), key("numéro.x"), Segment::Index(0)]
        );
        assert_eq!(segs("seat"), [key("a"), key("b]\"c\\"), key("d")]);
        assert_eq!(segs("formation"), [key(" padded ")]);
        assert_eq!(segs("jurisdiction"), [key("1"), key("x")]);
        assert_eq!(segs("url"), [key("m"), key("")]);
        // As written, for the reports.
        assert_eq!(
            m.written_path("decision_date"),
            Some((r#"["meta.date"]"#, 3))
        );
        // A field mapped to its own name, quoted, reads the top-level key of that name: that
        // key is not named apart, as `id`'s is.
        let m = Mapping::parse(
            "[fields]\ntext = '[\"text\"]'\nid = 'ref'\n",
            Path::new("m"),
        )
        .unwrap();
        assert_eq!(m.displaced().collect::<Vec<_>>(), ["id"]);
    }

    /// `[1]` is an array's element only, `.1` and `["1"]` an object's member named `1` only,
    /// as jq reads them.
    #[test]
    fn an_index_and_a_numeric_key_are_two_segments() {
        let m = Mapping::parse(
            "[fields]\nid = 'a[1]'\nnumber = 'a.1'\nseat = 'a[\"1\"]'\nurl = 'a[ 01 ]'\n",
            Path::new("m.toml"),
        )
        .unwrap();
        let segs = |f: &str| m.path_of(f).unwrap().to_vec();
        assert_eq!(segs("id"), [key("a"), Segment::Index(1)]);
        assert_eq!(segs("number"), [key("a"), key("1")]);
        assert_eq!(segs("seat"), [key("a"), key("1")]);
        assert_eq!(segs("url"), [key("a"), Segment::Index(1)]);
        // Where such a path read nothing, a word on the bare number, not on the others.
        assert_eq!(
            dotted_index_hint("a.1.b").as_deref(),
            Some(" (`.1` names an object's member `1`; an array's element is `[1]`)")
        );
        for other in ["a[1]", "a[\"1\"]", "a.b", "a.1x", "a[", "$.a.1"] {
            assert_eq!(dotted_index_hint(other), None, "{other}");
        }
    }

    /// A malformed quote is refused at load, at its entry's line and column, saying what is
    /// wrong: a quote not closed, an escape other than `\"` and `\\`, a quote outside
    /// brackets, something between the closing quote and `]`, a bracket not closed after the
    /// quoted key, an index past any array.
    #[test]
    fn malformed_quotes_are_refused_at_load() {
        let error = |path: &str| -> String {
            Mapping::parse(
                &format!("[fields]\nid = \"ref\"\n  text = '{path}'\n"),
                Path::new("m.toml"),
            )
            .unwrap_err()
            .to_string()
        };
        for (bad, said) in [
            (r#"meta["date"#, r#"has a `"` that is not closed"#),
            (r#"meta["da\"te]"#, r#"has a `"` that is not closed"#),
            (
                r#"meta["da\te"]"#,
                r#"`\t` in a quoted key: the escapes are `\"` (a quote) and `\\` (a backslash)"#,
            ),
            (r#"meta["date\"#, r#"`\` in a quoted key"#),
            (
                r#"meta."date""#,
                r#"has a `"` outside brackets: a quoted key goes in brackets"#,
            ),
            (r#""meta.date""#, r#"has a `"` outside brackets"#),
            (r#"me"ta"#, r#"has a `"` outside brackets"#),
            (
                r#"meta["date"x]"#,
                r#"`x` after the quoted key "date": a `]` closes the bracket"#,
            ),
            (r#"meta["date""#, "has a `[` that is not closed by `]`"),
            (r#"meta["a"]b"#, "`b` after `]`"),
            (
                r#"meta[date]"#,
                "brackets hold an array's index, such as `[0]`, or a key in double quotes",
            ),
            ("a[99999999999999999999999]", "is larger than any array"),
        ] {
            let e = error(bad);
            assert!(
                e.starts_with(&format!("m.toml:3:3: `text`: `{bad}`")),
                "{bad}: {e}"
            );
            assert!(e.contains(said), "{bad}: {e}");
            assert_eq!(e.lines().count(), 1, "{e}");
        }
    }

    /// A canonical field is named by the reuser's path when the mapping reads it from one,
    /// vigie's name beside it; by vigie's name otherwise, and without a mapping.
    #[test]
    fn a_field_is_named_as_the_reuser_names_it() {
        let m = Mapping::parse(
            "[fields]\nid = 'ref'\ncommentary = 'notes[0].body'\n",
            Path::new("m.toml"),
        )
        .unwrap();
        let c = m.name("commentary");
        assert_eq!(c.to_string(), "notes[0].body (commentary)");
        assert_eq!(c.quoted(), "`notes[0].body` (commentary)");
        assert_eq!(
            c.written_with(|n| format!("« {n} »"), |f| format!("« {f} » : x")),
            "« notes[0].body » (« commentary » : x)"
        );
        // A field read from its own name is named once.
        let m = Mapping::parse(
            "[fields]\nid = 'ref'\nformation = ' formation '\n",
            Path::new("m.toml"),
        )
        .unwrap();
        for (named, field) in [
            (m.name("formation"), "formation"),
            (m.name("seat"), "seat"),
            (FieldName::of(None, "formation"), "formation"),
        ] {
            assert_eq!(named.to_string(), field);
            assert_eq!(named.quoted(), format!("`{field}`"));
        }
    }

    /// A field both mapped and given a default is legitimate (the default is the fallback of
    /// the records where the path gives nothing), but said once at load, with both lines.
    #[test]
    fn a_field_mapped_and_given_a_default_is_warned_of() {
        let m = Mapping::parse(
            "[fields]\nid = \"ref\"\nattribution = \"credit\"\n[defaults]\nseat = \"Paris\"\n\
             attribution = \"Source : Légifrance\"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        assert_eq!(
            m.warnings,
            [
                "m.toml: `attribution` is both mapped (line 3, `credit`) and given a default (line \
              6): the default is used for every record where `credit` is missing or null, and \
              such a record gets no finding for lacking `attribution`"
            ]
        );
        // Each default with its own line (the table gives them in the order of their names).
        let lines: Vec<(&str, u64)> = m
            .entries
            .iter()
            .filter_map(|e| Some((e.field, e.default.as_ref()?.line)))
            .collect();
        assert_eq!(lines, [("attribution", 6), ("seat", 5)]);
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let e = Mapping::parse("[fields\ntext=1", Path::new("m.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.toml:1:"), "{e}");
    }
}
