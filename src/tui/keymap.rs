//! Key bindings: `keymap.toml` (built in, overridable), parsed with precise errors.
//!
//! Look-up order: `--keymap PATH`, `$VIGIE_KEYMAP`, `$XDG_CONFIG_HOME/vigie/keymap.toml`, then the
//! built-in defaults (the `keymap.toml` at the repository root, embedded). A user file replaces the
//! keys of the actions it names; the others keep their defaults. Every error of a file (syntax,
//! unknown section, action or key, a key bound twice in one view) is collected and reported
//! together, each with its line and column.

use crate::text::sanitize::Shown;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The built-in bindings, documented in the repository's `keymap.toml`.
pub const DEFAULT_KEYMAP: &str = include_str!("../../keymap.toml");

/// A group of bindings active together. `Global` bindings act in every view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Global,
    Overview,
    List,
    Detail,
    Filter,
    Search,
    Waiver,
    Export,
    /// The line editing of every text prompt (search, waiver, export).
    Prompt,
    Help,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::Global,
        Section::Overview,
        Section::List,
        Section::Detail,
        Section::Filter,
        Section::Search,
        Section::Waiver,
        Section::Export,
        Section::Prompt,
        Section::Help,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::Overview => "overview",
            Section::List => "list",
            Section::Detail => "detail",
            Section::Filter => "filter",
            Section::Search => "search",
            Section::Waiver => "waiver",
            Section::Export => "export",
            Section::Prompt => "prompt",
            Section::Help => "help",
        }
    }

    /// A prompt where keys type text, edited with the `[prompt]` keys.
    pub fn is_text_prompt(self) -> bool {
        matches!(self, Section::Search | Section::Waiver | Section::Export)
    }

    fn parse(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|v| v.name() == s)
    }
}

macro_rules! actions {
    ($($variant:ident, $name:literal, $what:literal;)*) => {
        /// Something a key can do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Action { $($variant),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),* }
            }
            pub fn describe(self) -> &'static str {
                match self { $(Action::$variant => $what),* }
            }
        }
    };
}

actions! {
    Quit, "quit", "quit (stops a running audit)";
    Help, "help", "show or hide this help";
    SwitchView, "switch_view", "switch between overview and findings";
    Open, "open", "open the selection";
    Up, "up", "move up";
    Down, "down", "move down";
    PageUp, "page_up", "page up";
    PageDown, "page_down", "page down";
    First, "first", "go to the first line";
    Last, "last", "go to the last line";
    Search, "search", "search rule, ids, url and message";
    Filter, "filter", "filter by family, rule, severity, penalty…";
    Sort, "sort", "sort by the next column";
    ReverseSort, "reverse_sort", "reverse the sort order";
    Group, "group", "group findings by record";
    Waiver, "waiver", "mark reviewed or accepted, with a note";
    Export, "export", "export the report";
    Reveal, "reveal", "reveal or mask personal data";
    Clear, "clear", "clear search and filters";
    Back, "back", "back to the list";
    ScrollUp, "scroll_up", "scroll up";
    ScrollDown, "scroll_down", "scroll down";
    ToEvidence, "to_evidence", "scroll to the offending span";
    Next, "next", "next finding of the list";
    Previous, "previous", "previous finding of the list";
    NextInRecord, "next_in_record", "next finding of the same record";
    PreviousInRecord, "previous_in_record", "previous finding of the same record";
    ToggleDiff, "toggle_diff", "side-by-side or unified diff";
    ToggleArticles, "toggle_articles", "the articles' full text, or the evidence";
    NextValue, "next_value", "next value of the filter";
    PreviousValue, "previous_value", "previous value of the filter";
    Close, "close", "close";
    Confirm, "confirm", "confirm";
    Cancel, "cancel", "cancel";
    ToggleStatus, "toggle_status", "reviewed or accepted";
    Remove, "remove", "remove the waiver";
    NextFormat, "next_format", "next format";
    PreviousFormat, "previous_format", "previous format";
    CursorLeft, "cursor_left", "move the cursor left";
    CursorRight, "cursor_right", "move the cursor right";
    WordLeft, "word_left", "move to the previous word";
    WordRight, "word_right", "move to the next word";
    LineStart, "line_start", "move to the start of the text";
    LineEnd, "line_end", "move to the end of the text";
    DeleteBack, "delete_back", "delete the character before the cursor";
    DeleteForward, "delete_forward", "delete the character under the cursor";
    DeleteWordBack, "delete_word_back", "delete back to the previous space";
    DeleteToStart, "delete_to_start", "delete from the start to the cursor";
    DeleteToEnd, "delete_to_end", "delete from the cursor to the end";
}

impl Action {
    /// What the action does in `section`, for the help: `clear` in the list clears the search
    /// and every filter, but in the filter panel only the filter of the selected row.
    pub fn describe_in(self, section: Section) -> &'static str {
        match (section, self) {
            (Section::Filter, Action::Clear) => "clear the selected filter",
            _ => self.describe(),
        }
    }
}

/// The actions a section accepts.
pub fn section_actions(section: Section) -> &'static [Action] {
    use Action::*;
    match section {
        Section::Global => &[Quit, Help, SwitchView],
        Section::Overview => &[Open, Export],
        Section::List => &[
            Up,
            Down,
            PageUp,
            PageDown,
            First,
            Last,
            Open,
            Search,
            Filter,
            Sort,
            ReverseSort,
            Group,
            Waiver,
            Export,
            Reveal,
            Clear,
        ],
        Section::Detail => &[
            Back,
            ScrollUp,
            ScrollDown,
            PageUp,
            PageDown,
            First,
            Last,
            ToEvidence,
            Next,
            Previous,
            NextInRecord,
            PreviousInRecord,
            ToggleDiff,
            ToggleArticles,
            Reveal,
            Waiver,
            Export,
        ],
        Section::Filter => &[Up, Down, NextValue, PreviousValue, Clear, Close],
        Section::Search => &[Confirm, Cancel],
        Section::Waiver => &[Confirm, Cancel, ToggleStatus, Remove],
        Section::Export => &[Confirm, Cancel, NextFormat, PreviousFormat],
        Section::Prompt => &[
            CursorLeft,
            CursorRight,
            WordLeft,
            WordRight,
            LineStart,
            LineEnd,
            DeleteBack,
            DeleteForward,
            DeleteWordBack,
            DeleteToStart,
            DeleteToEnd,
        ],
        Section::Help => &[Close, ScrollUp, ScrollDown, PageUp, PageDown, First, Last],
    }
}

/// The actions that must keep a key, each with those that can stand in for it, and why: without
/// them the UI could not be left (`ctrl-c` is a key like any other there, not a signal), nor a
/// text prompt, where printable keys type text, without acting. The help and the filter panel
/// are left by the global keys (`quit` among them).
const REQUIRED: &[(Section, &[Action], &str)] = &[
    (
        Section::Global,
        &[Action::Quit],
        "vigie could not be left (in the UI, ctrl-c is a key like any other)",
    ),
    (
        Section::Search,
        &[Action::Confirm, Action::Cancel],
        "the search prompt could not be left",
    ),
    (
        Section::Waiver,
        &[Action::Cancel],
        "the waiver prompt could not be left without saving or removing a waiver",
    ),
    (
        Section::Export,
        &[Action::Cancel],
        "the export prompt could not be left without writing a report",
    ),
];

/// A key with its modifiers, normalised so that a key event and a key name compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
    shift: bool,
}

/// `KeyCode` is not `Ord`; this is the subset vigie binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(Named),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Named {
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
}

const NAMES: &[(&str, Named)] = &[
    ("enter", Named::Enter),
    ("esc", Named::Esc),
    ("tab", Named::Tab),
    ("backspace", Named::Backspace),
    ("delete", Named::Delete),
    ("insert", Named::Insert),
    ("home", Named::Home),
    ("end", Named::End),
    ("up", Named::Up),
    ("down", Named::Down),
    ("left", Named::Left),
    ("right", Named::Right),
    ("pageup", Named::PageUp),
    ("pagedown", Named::PageDown),
];

impl Key {
    /// Parses a key name (`q`, `G`, `ctrl-c`, `alt-x`, `shift-tab`, `pagedown`, `f1`, `/`).
    pub fn parse(s: &str) -> Option<Key> {
        let mut key = Key {
            code: KeyCodeOrd::Char(' '),
            ctrl: false,
            alt: false,
            shift: false,
        };
        let mut rest = s;
        loop {
            if rest.chars().count() <= 1 {
                break;
            }
            if let Some(r) = rest.strip_prefix("ctrl-") {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                key.alt = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                key.shift = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() && c != ' ' => KeyCodeOrd::Char(c),
            (None, _) => return None,
            _ if rest == "space" => KeyCodeOrd::Char(' '),
            _ if rest == "tab" && key.shift => {
                key.shift = false;
                KeyCodeOrd::Named(Named::BackTab)
            }
            _ => {
                if let Some(n) = rest.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return None;
                    }
                    KeyCodeOrd::F(n)
                } else {
                    KeyCodeOrd::Named(NAMES.iter().find(|(name, _)| *name == rest)?.1)
                }
            }
        };
        Some(key.normalised())
    }

    /// The key of a terminal key event, if vigie can bind it.
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Enter => KeyCodeOrd::Named(Named::Enter),
            KeyCode::Esc => KeyCodeOrd::Named(Named::Esc),
            KeyCode::Tab => KeyCodeOrd::Named(Named::Tab),
            KeyCode::BackTab => KeyCodeOrd::Named(Named::BackTab),
            KeyCode::Backspace => KeyCodeOrd::Named(Named::Backspace),
            KeyCode::Delete => KeyCodeOrd::Named(Named::Delete),
            KeyCode::Insert => KeyCodeOrd::Named(Named::Insert),
            KeyCode::Home => KeyCodeOrd::Named(Named::Home),
            KeyCode::End => KeyCodeOrd::Named(Named::End),
            KeyCode::Up => KeyCodeOrd::Named(Named::Up),
            KeyCode::Down => KeyCodeOrd::Named(Named::Down),
            KeyCode::Left => KeyCodeOrd::Named(Named::Left),
            KeyCode::Right => KeyCodeOrd::Named(Named::Right),
            KeyCode::PageUp => KeyCodeOrd::Named(Named::PageUp),
            KeyCode::PageDown => KeyCodeOrd::Named(Named::PageDown),
            _ => return None,
        };
        Some(
            Key {
                code,
                ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
                alt: ev.modifiers.contains(KeyModifiers::ALT),
                shift: ev.modifiers.contains(KeyModifiers::SHIFT),
            }
            .normalised(),
        )
    }

    /// A character key's case already says whether shift was held, and `BackTab` is shift-tab:
    /// drop the redundant flag so that `G` and `shift-g` are the same key.
    fn normalised(mut self) -> Key {
        match &mut self.code {
            KeyCodeOrd::Char(c) => {
                if self.shift && c.is_ascii_lowercase() {
                    *c = c.to_ascii_uppercase();
                }
                self.shift = false;
            }
            KeyCodeOrd::Named(Named::BackTab) => self.shift = false,
            _ => {}
        }
        self
    }

    /// The printable character this key types into a prompt, if any.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCodeOrd::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => f.write_str("space"),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "f{n}"),
            KeyCodeOrd::Named(Named::BackTab) => f.write_str("shift-tab"),
            KeyCodeOrd::Named(n) => {
                f.write_str(NAMES.iter().find(|(_, v)| *v == n).map_or("?", |(s, _)| s))
            }
        }
    }
}

/// One problem in a keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapIssue {
    /// 1-based; 0 for a problem of the whole file.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

/// Every problem of a keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    /// The file, or `None` for the built-in keymap.
    pub path: Option<PathBuf>,
    pub issues: Vec<KeymapIssue>,
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self
            .path
            .as_ref()
            .map_or_else(|| "built-in keymap".to_string(), |p| p.shown().to_string());
        // A problem of the whole file (it cannot be read) has no line or column.
        if let [i] = &self.issues[..]
            && i.line == 0
        {
            return write!(f, "{name}: {}", i.message);
        }
        let n = self.issues.len();
        write!(
            f,
            "{name}: {n} error{} in the key bindings",
            if n == 1 { "" } else { "s" }
        )?;
        for i in &self.issues {
            match (i.line, i.column) {
                (0, _) => write!(f, "\n{name}: {}", i.message)?,
                (l, 0) => write!(f, "\n{name}:{l}: {}", i.message)?,
                (l, c) => write!(f, "\n{name}:{l}:{c}: {}", i.message)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for KeymapError {}

/// The active key bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Section → action → keys, in the order written.
    bindings: BTreeMap<Section, BTreeMap<Action, Vec<Key>>>,
    /// Section → key → action, for look-up.
    lookup: BTreeMap<(Section, Key), Action>,
    /// Where the bindings came from, for the help screen.
    pub source: String,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::parse(DEFAULT_KEYMAP, None, None).expect("the built-in keymap is valid")
    }
}

impl Keymap {
    /// Loads the keymap by the look-up order: `explicit`, `$VIGIE_KEYMAP`,
    /// `$XDG_CONFIG_HOME/vigie/keymap.toml`, built-in. A file named explicitly or by
    /// `$VIGIE_KEYMAP` must exist; the XDG file is used only when present.
    pub fn load(explicit: Option<&Path>) -> Result<Keymap, KeymapError> {
        let env = std::env::var_os("VIGIE_KEYMAP").filter(|v| !v.is_empty());
        let xdg = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|v| !v.is_empty())
            .map(|d| PathBuf::from(d).join("vigie").join("keymap.toml"))
            .filter(|p| p.is_file());
        let (path, named_by) = match (explicit, env) {
            (Some(p), _) => (Some(p.to_path_buf()), ""),
            (None, Some(e)) => (Some(PathBuf::from(e)), " (named by $VIGIE_KEYMAP)"),
            (None, None) => (xdg, " (found in $XDG_CONFIG_HOME)"),
        };
        match path {
            None => Ok(Keymap::default()),
            Some(path) => {
                let text =
                    crate::error::read_bounded_string(&path, crate::error::MAX_SETTINGS_BYTES)
                        .map_err(|e| {
                            let why = match e.kind() {
                                std::io::ErrorKind::NotFound => "no such file".to_string(),
                                std::io::ErrorKind::PermissionDenied => {
                                    "permission denied".to_string()
                                }
                                _ if path.is_dir() => "it is a folder".to_string(),
                                _ => e.to_string(),
                            };
                            KeymapError {
                                path: Some(path.clone()),
                                issues: vec![KeymapIssue {
                                    // The whole file: no line or column.
                                    line: 0,
                                    column: 0,
                                    message: format!("cannot read the keymap{named_by}: {why}"),
                                }],
                            }
                        })?;
                Keymap::from_user_str(&text, Some(&path))
            }
        }
    }

    /// The defaults overridden by the TOML text of a user keymap.
    pub fn from_user_str(text: &str, path: Option<&Path>) -> Result<Keymap, KeymapError> {
        let base = Keymap::default();
        Keymap::parse(text, Some(base), path)
    }

    fn parse(text: &str, base: Option<Keymap>, path: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut issues: Vec<(usize, String)> = Vec::new();
        let (doc, errors) = DeTable::parse_recoverable(text);
        let broken = !errors.is_empty();
        for e in errors {
            let at = e.span().map_or(0, |s| s.start);
            issues.push((at, format!("invalid TOML: {}", e.message().trim())));
        }
        let from_defaults = base.is_some();
        let mut bindings = base.map(|b| b.bindings).unwrap_or_default();
        // Where each (section, action) was written in this file, to place clash errors.
        let mut written: BTreeMap<(Section, Action), Vec<(Key, usize)>> = BTreeMap::new();
        // Where each entry starts, and whether all its keys were read.
        let mut entries: BTreeMap<(Section, Action), (usize, bool)> = BTreeMap::new();

        for (sec_name, sec_value) in doc.get_ref().iter() {
            // In a file with syntax errors, a "section" not written as a `[header]` is what the
            // parser made of the lines after a broken one (`[list` unclosed): that header is
            // reported, not a section named after the binding below it.
            let at = sec_name.span().start.min(text.len());
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if broken && !text[line_start..at].trim_end().ends_with('[') {
                continue;
            }
            let Some(section) = Section::parse(sec_name.get_ref()) else {
                issues.push((
                    sec_name.span().start,
                    format!(
                        "unknown section `[{}]` (expected one of: {})",
                        sec_name.get_ref(),
                        Section::ALL.map(|s| s.name()).join(", ")
                    ),
                ));
                continue;
            };
            let DeValue::Table(table) = sec_value.get_ref() else {
                issues.push((
                    sec_value.span().start,
                    format!("`{}` must be a table of bindings", section.name()),
                ));
                continue;
            };
            for (act_name, keys) in table.iter() {
                let allowed = section_actions(section);
                let Some(action) = allowed
                    .iter()
                    .copied()
                    .find(|a| a.name() == act_name.get_ref())
                else {
                    issues.push((
                        act_name.span().start,
                        format!(
                            "unknown action `{}` in [{}] (expected one of: {})",
                            act_name.get_ref(),
                            section.name(),
                            allowed
                                .iter()
                                .map(|a| a.name())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                    continue;
                };
                let before = issues.len();
                let list = key_list(keys, &mut issues);
                entries.insert(
                    (section, action),
                    (act_name.span().start, issues.len() == before),
                );
                written.insert((section, action), list);
            }
        }

        // Replace the keys of every action written in the file.
        for ((section, action), keys) in &written {
            bindings
                .entry(*section)
                .or_default()
                .insert(*action, keys.iter().map(|(k, _)| *k).collect());
        }

        // Ways out left without a key: an entry that emptied them (an entry whose keys could not
        // be read is told about those keys).
        for (section, any_of, why) in REQUIRED {
            let bound = any_of.iter().any(|a| {
                bindings
                    .get(section)
                    .and_then(|m| m.get(a))
                    .is_some_and(|k| !k.is_empty())
            });
            if bound {
                continue;
            }
            let written_at: Vec<(usize, bool)> = any_of
                .iter()
                .filter_map(|a| entries.get(&(*section, *a)).copied())
                .collect();
            if written_at.iter().any(|(_, read)| !read) {
                continue;
            }
            let names = any_of
                .iter()
                .map(|a| format!("`{}`", a.name()))
                .collect::<Vec<_>>()
                .join(" and ");
            issues.push((
                written_at.iter().map(|(at, _)| *at).min().unwrap_or(0),
                format!(
                    "{names} in [{}] {} no key: {why}; bind {}",
                    section.name(),
                    if any_of.len() == 1 { "has" } else { "have" },
                    if any_of.len() == 1 {
                        "at least one"
                    } else {
                        "a key to one of them"
                    }
                ),
            ));
        }

        // Clashes: one key, two actions in a view (a global key counts in every view).
        let mut lookup = BTreeMap::new();
        let position = |section: Section, action: Action, key: Key| {
            written
                .get(&(section, action))
                .and_then(|ks| ks.iter().find(|(k, _)| *k == key))
                .map(|(_, at)| *at)
        };
        let keys_of = |section: Section| -> Vec<(Action, Key)> {
            bindings
                .get(&section)
                .map(|m| {
                    m.iter()
                        .flat_map(|(a, ks)| ks.iter().map(move |k| (*a, *k)))
                        .collect()
                })
                .unwrap_or_default()
        };
        let global = keys_of(Section::Global);
        // The line editing keys act in every text prompt, beside the prompt's own.
        let editing = keys_of(Section::Prompt);
        for (section, actions) in &bindings {
            let mut seen: BTreeMap<Key, (Section, Action)> = BTreeMap::new();
            if *section != Section::Global {
                for (a, k) in &global {
                    seen.insert(*k, (Section::Global, *a));
                }
            }
            if section.is_text_prompt() {
                for (a, k) in &editing {
                    seen.insert(*k, (Section::Prompt, *a));
                }
            }
            for (action, keys) in actions {
                for key in keys {
                    if let Some((other_sec, other)) = seen.get(key).copied() {
                        if (other_sec, other) == (*section, *action) {
                            continue;
                        }
                        let here = position(*section, *action, *key);
                        let there = position(other_sec, other, *key);
                        let at = here.or(there).unwrap_or(0);
                        let (first, second) = match (here, there) {
                            (Some(_), None) | (None, None) => {
                                ((other_sec, other), (*section, *action))
                            }
                            (None, Some(_)) => ((*section, *action), (other_sec, other)),
                            (Some(h), Some(t)) if h >= t => {
                                ((other_sec, other), (*section, *action))
                            }
                            _ => ((*section, *action), (other_sec, other)),
                        };
                        let default_note = |s: Section, a: Action| {
                            if from_defaults && position(s, a, *key).is_none() {
                                " (a default binding: rebind that action to free the key)"
                            } else {
                                ""
                            }
                        };
                        issues.push((
                            at,
                            format!(
                                "key `{key}` is bound to both `{}.{}`{} and `{}.{}`",
                                first.0.name(),
                                first.1.name(),
                                default_note(first.0, first.1),
                                second.0.name(),
                                second.1.name(),
                            ),
                        ));
                        continue;
                    }
                    seen.insert(*key, (*section, *action));
                    lookup.insert((*section, *key), *action);
                }
            }
        }

        if !issues.is_empty() {
            issues.sort_by_key(|(at, _)| *at);
            issues.dedup();
            return Err(KeymapError {
                path: path.map(Path::to_path_buf),
                issues: issues
                    .into_iter()
                    .map(|(at, message)| {
                        let (line, column) = crate::error::line_col(text, at);
                        KeymapIssue {
                            line,
                            column,
                            message,
                        }
                    })
                    .collect(),
            });
        }
        Ok(Keymap {
            bindings,
            lookup,
            source: path.map_or_else(|| "built-in".into(), |p| p.shown().to_string()),
        })
    }

    /// The action `key` does in `section` (not looking at global bindings).
    pub fn action(&self, section: Section, key: Key) -> Option<Action> {
        self.lookup.get(&(section, key)).copied()
    }

    /// The keys of an action, for hints and help.
    pub fn keys(&self, section: Section, action: Action) -> &[Key] {
        self.bindings
            .get(&section)
            .and_then(|m| m.get(&action))
            .map_or(&[], Vec::as_slice)
    }

    /// The first key of an action as text, for hints (`?` when unbound).
    pub fn hint(&self, section: Section, action: Action) -> String {
        self.keys(section, action)
            .first()
            .map_or_else(|| "—".to_string(), ToString::to_string)
    }

    /// Every binding of a section, in the order of [`section_actions`].
    pub fn section(&self, section: Section) -> Vec<(Action, &[Key])> {
        section_actions(section)
            .iter()
            .map(|a| (*a, self.keys(section, *a)))
            .filter(|(_, k)| !k.is_empty())
            .collect()
    }
}

fn key_list(value: &Spanned<DeValue<'_>>, issues: &mut Vec<(usize, String)>) -> Vec<(Key, usize)> {
    let one = |v: &Spanned<DeValue<'_>>, issues: &mut Vec<(usize, String)>| match v.get_ref() {
        DeValue::String(s) => match Key::parse(s) {
            Some(k) => Some((k, v.span().start)),
            None => {
                issues.push((v.span().start, format!("unknown key `{s}`")));
                None
            }
        },
        other => {
            issues.push((
                v.span().start,
                format!("a key must be a string, not {}", other.type_str()),
            ));
            None
        }
    };
    match value.get_ref() {
        DeValue::Array(items) => items.iter().filter_map(|v| one(v, issues)).collect(),
        DeValue::String(_) => one(value, issues).into_iter().collect(),
        other => {
            issues.push((
                value.span().start,
                format!("expected a list of keys, not {}", other.type_str()),
            ));
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_round_trip() {
        for name in [
            "q",
            "G",
            "ctrl-c",
            "alt-x",
            "shift-tab",
            "enter",
            "esc",
            "space",
            "up",
            "pagedown",
            "f1",
            "/",
            "?",
            "]",
            "-",
        ] {
            let k = Key::parse(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(k.to_string(), name);
        }
        assert_eq!(Key::parse("shift-g"), Key::parse("G"));
        assert_eq!(Key::parse("f13"), None);
        assert_eq!(Key::parse("ctrl-"), None);
        assert_eq!(Key::parse("escape"), None);
        assert_eq!(Key::parse(""), None);
    }

    #[test]
    fn events_match_names() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("G"));
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("shift-tab"));
        let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(&ev), Key::parse("ctrl-c"));
    }

    #[test]
    fn defaults_parse_and_bind_the_documented_keys() {
        let km = Keymap::default();
        let k = |s: &str| Key::parse(s).unwrap();
        assert_eq!(km.action(Section::Global, k("q")), Some(Action::Quit));
        assert_eq!(km.action(Section::Global, k("ctrl-c")), Some(Action::Quit));
        assert_eq!(km.action(Section::List, k("G")), Some(Action::Last));
        assert_eq!(km.action(Section::List, k("/")), Some(Action::Search));
        assert_eq!(km.action(Section::Detail, k("n")), Some(Action::Next));
        assert_eq!(km.action(Section::List, k("q")), None);
    }
}
