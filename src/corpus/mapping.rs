//! `--mapping FILE.toml`: maps another schema onto vigie's canonical record fields.
//!
//! ```toml
//! [fields]
//! text = "content.body"          # canonical field = dotted JSON path
//! source_id = "meta.judilibre_id"
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

/// A parsed mapping: for each canonical field, the path to read it from and a default.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// `(canonical field, path segments)`.
    pub fields: Vec<(&'static str, Vec<String>)>,
    /// `(canonical field, constant value)`.
    pub defaults: Vec<(&'static str, serde_json::Value)>,
    /// The mapping file, as given: warnings and the report name it.
    pub file: String,
    /// For each entry of `fields`, in the same order: the path as the file writes it
    /// (`meta.numeros[0]`), which the reports show, and the line of its entry.
    pub written: Vec<(String, u64)>,
    /// For each entry of `defaults`, in the same order: the line of its entry.
    pub default_lines: Vec<u64>,
    /// What is legitimate but worth a word, to say once the mapping is loaded (a field both
    /// mapped and given a default).
    pub warnings: Vec<String>,
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
                        let Some(canon) = CANONICAL_FIELDS.iter().find(|f| **f == key.as_str())
                        else {
                            let (l, c) = locate(section, Some(key));
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
                                        m.fields.push((canon, segments));
                                        let (l, _) = locate(section, Some(key));
                                        m.written.push((p.trim().to_string(), l));
                                    }
                                    Err(why) => {
                                        let (l, c) = locate(section, Some(key));
                                        errors.push((l, c, format!("`{key}`: {why}")));
                                    }
                                },
                                _ => {
                                    let (l, c) = locate(section, Some(key));
                                    errors.push((
                                        l,
                                        c,
                                        format!(
                                            "`{key}` must be a dotted JSON path such as \"content.body\""
                                        ),
                                    ));
                                }
                            }
                        } else {
                            match default_value(canon, v) {
                                Ok(json) => {
                                    m.defaults.push((canon, json));
                                    m.default_lines.push(locate(section, Some(key)).0);
                                }
                                Err(why) => {
                                    let (l, c) = locate(section, Some(key));
                                    errors.push((l, c, why));
                                }
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
        if errors.is_empty() {
            m.file = path.shown().to_string();
            // A default beside a path is a fallback for the records where the path gives
            // nothing: legitimate, but it hides those records' lack of the field, which
            // deserves a word.
            for (i, (field, _)) in m.fields.iter().enumerate() {
                if let Some(j) = m.defaults.iter().position(|(f, _)| f == field) {
                    m.warnings.push(format!(
                        "{}: `{field}` is both mapped (line {}, `{}`) and given a default (line \
                         {}): the default is used for every record where `{}` is missing or \
                         null, and such a record gets no finding for lacking `{field}`",
                        m.file, m.written[i].1, m.written[i].0, m.default_lines[j], m.written[i].0
                    ));
                }
            }
            Ok(m)
        } else {
            Err(InputError::many(path, errors))
        }
    }

    /// The path a canonical field is read from as the mapping file writes it, and the line of
    /// its entry, if mapped.
    pub fn written_path(&self, field: &str) -> Option<(&str, u64)> {
        let i = self.fields.iter().position(|(f, _)| *f == field)?;
        self.written.get(i).map(|(p, l)| (p.as_str(), *l))
    }

    /// The canonical fields mapped to another path than their own name: a top-level key of a
    /// record named like one of them is none of the canonical field, but one of the reuser's
    /// other fields.
    pub fn displaced(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields
            .iter()
            .filter(|(f, p)| !(p.len() == 1 && p[0] == *f))
            .map(|(f, _)| *f)
    }

    /// The path a canonical field is read from, if mapped.
    pub fn path_of(&self, field: &str) -> Option<&[String]> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| p.as_slice())
    }
}

/// The segments of a `[fields]` path: keys joined by dots, an array's element given as a
/// segment (`meta.numeros.0`) or in brackets, as vigie's reports write it (`meta.numeros[0]`,
/// `parties[0].nom`). Refused: an empty segment (`content..body`, `.content`, `content.`), a
/// JSONPath `$`, a bracket not closed or not holding an index. The keys are trimmed.
fn parse_path(written: &str) -> Result<Vec<String>, String> {
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
    let mut cur = String::new();
    // Whether the segment before was an index in brackets (`a[0].b`: the dot after `]` ends
    // no key).
    let mut after_index = false;
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if cur.trim().is_empty() && !after_index {
                    return Err(empty());
                }
                if !after_index {
                    segments.push(cur.trim().to_string());
                }
                cur.clear();
                after_index = false;
            }
            '[' => {
                if !after_index {
                    if cur.trim().is_empty() {
                        return Err(format!(
                            "`{p}`: a `[` must follow a key (`meta.numeros[0]`)"
                        ));
                    }
                    segments.push(cur.trim().to_string());
                    cur.clear();
                }
                let mut index = String::new();
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == ']' {
                        closed = true;
                        break;
                    }
                    index.push(c);
                }
                if !closed {
                    return Err(format!("`{p}` has a `[` that is not closed by `]`"));
                }
                let index = index.trim();
                if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!(
                        "`{p}`: brackets hold an array's index, such as `[0]`, not `[{index}]`"
                    ));
                }
                segments.push(index.to_string());
                after_index = true;
            }
            ']' => return Err(format!("`{p}` has a `]` with no `[` before it")),
            c if after_index => {
                return Err(format!(
                    "`{p}`: `{c}` after `]`: a `.` or a `[` comes after an index"
                ));
            }
            c => cur.push(c),
        }
    }
    if !after_index {
        if cur.trim().is_empty() {
            return Err(empty());
        }
        segments.push(cur.trim().to_string());
    }
    Ok(segments)
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

    #[test]
    fn parses_fields_and_defaults() {
        let m = Mapping::parse(
            "[fields]\ntext = \"content.body\"\nid = \"ref\"\n[defaults]\nattribution = \"Source : Légifrance\"\n",
            Path::new("m.toml"),
        )
        .unwrap();
        assert_eq!(
            m.path_of("text").unwrap(),
            &["content".to_string(), "body".to_string()]
        );
        assert_eq!(m.defaults.len(), 1);
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
        let d = |f: &str| m.defaults.iter().find(|(k, _)| *k == f).unwrap().1.clone();
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
        assert_eq!(segs("number"), ["meta", "numeros", "0"]);
        assert_eq!(segs("seat"), ["parties", "0", "nom"]);
        assert_eq!(segs("formation"), ["a", "1", "2"]);
        assert_eq!(segs("text"), ["content", "body"]);
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
        assert!(errors("[0].a").contains("a `[` must follow a key"));
        assert!(errors("a[0]b").contains("`b` after `]`"));
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
            .defaults
            .iter()
            .zip(&m.default_lines)
            .map(|((f, _), l)| (*f, *l))
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
