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

/// A parsed mapping: for each canonical field, the path to read it from and a default.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// `(canonical field, path segments)`.
    pub fields: Vec<(&'static str, Vec<String>)>,
    /// `(canonical field, constant value)`.
    pub defaults: Vec<(&'static str, serde_json::Value)>,
}

impl Mapping {
    /// Reads and checks a mapping file. Every problem is reported, each with its line and column.
    pub fn load(path: &Path) -> Result<Mapping, InputError> {
        let text = std::fs::read_to_string(path).map_err(|e| InputError::io(path, e))?;
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
        let locate = |section: &str, key: Option<&str>| locate_key(text, section, key);
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
                                Some(p) if !p.trim().is_empty() => m.fields.push((
                                    canon,
                                    p.split('.').map(|s| s.trim().to_string()).collect(),
                                )),
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
                                Ok(json) => m.defaults.push((canon, json)),
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
            Ok(m)
        } else {
            Err(InputError::many(path, errors))
        }
    }

    /// The path a canonical field is read from, if mapped.
    pub fn path_of(&self, field: &str) -> Option<&[String]> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| p.as_slice())
    }
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

/// Line and column of `[section]`, or of `key` inside it, in a TOML text (0, 0 when not found).
pub fn locate_key(text: &str, section: &str, key: Option<&str>) -> (u64, u64) {
    let mut in_section = false;
    let mut offset = 0usize;
    let mut header = None;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if t.starts_with('[') {
            let name = t
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            let name = name.trim_matches('"');
            in_section = name == section;
            if in_section && header.is_none() {
                header = Some(offset + indent + 1);
            }
        } else if in_section && let Some(k) = key {
            let bare = t.strip_prefix('"').unwrap_or(t);
            if let Some(rest) = bare.strip_prefix(k) {
                let rest = rest.trim_start_matches('"').trim_start();
                if rest.starts_with('=') {
                    return line_col(text, offset + indent);
                }
            }
        }
        offset += line.len();
    }
    header.map(|h| line_col(text, h)).unwrap_or((0, 0))
}

/// 1-based line and column (in chars) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() as u64 + 1;
    let line_start = memchr::memrchr(b'\n', before).map(|i| i + 1).unwrap_or(0);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count() as u64
        + 1;
    (line, col)
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

    #[test]
    fn syntax_errors_have_a_place() {
        let e = Mapping::parse("[fields\ntext=1", Path::new("m.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.toml:1:"), "{e}");
    }
}
