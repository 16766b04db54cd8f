//! Keymap files: every error reported together, each with its line and column.

use std::io::Write;
use vigie::tui::keymap::{Action, Key, Keymap, KeymapError, Section};

mod support;
use support::binary::vigie_on;
use support::data::cc_detail;

fn errors(text: &str) -> KeymapError {
    Keymap::from_user_str(text, Some(std::path::Path::new("my-keys.toml"))).unwrap_err()
}

#[test]
fn several_errors_at_once_with_line_and_column() {
    let text = r#"[global]
quit = ["q"]

[list]
down = ["j", "hyper-x"]
frobnicate = ["z"]
first = ["j"]

[detial]
x = ["a"]

[detail]
back = ["q"]
"#;
    let e = errors(text);
    let got: Vec<(usize, usize, &str)> = e
        .issues
        .iter()
        .map(|i| (i.line, i.column, i.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (5, 14, "unknown key `hyper-x`"),
            (
                6,
                1,
                "unknown action `frobnicate` in [list] (expected one of: up, down, page_up, \
                 page_down, first, last, open, search, filter, sort, reverse_sort, group, waiver, \
                 export, reveal, clear)"
            ),
            (
                7,
                10,
                "key `j` is bound to both `list.down` and `list.first`"
            ),
            (
                9,
                2,
                "unknown section `[detial]` (expected one of: global, overview, list, detail, \
                 filter, search, waiver, export, help)"
            ),
            (
                13,
                9,
                "key `q` is bound to both `global.quit` and `detail.back`"
            ),
        ]
    );
    let shown = e.to_string();
    assert!(
        shown.starts_with("my-keys.toml: 5 errors in the key bindings\n"),
        "{shown}"
    );
    assert!(shown.contains("\nmy-keys.toml:7:10: key `j`"), "{shown}");
}

#[test]
fn a_clash_with_a_default_binding_says_so() {
    // `k` is `up` by default in [list]; binding it to `last` without freeing it is an error.
    let e = errors("[list]\nlast = [\"k\"]\n");
    assert_eq!(e.issues.len(), 1);
    assert_eq!((e.issues[0].line, e.issues[0].column), (2, 9));
    assert_eq!(
        e.issues[0].message,
        "key `k` is bound to both `list.up` (a default binding: rebind that action to free the \
         key) and `list.last`"
    );
    // Rebinding `up` as well frees it.
    let km = Keymap::from_user_str("[list]\nlast = [\"k\"]\nup = [\"up\"]\n", None).unwrap();
    assert_eq!(
        km.action(Section::List, Key::parse("k").unwrap()),
        Some(Action::Last)
    );
    assert_eq!(km.action(Section::List, Key::parse("G").unwrap()), None);
    // Other actions keep their defaults.
    assert_eq!(
        km.action(Section::List, Key::parse("j").unwrap()),
        Some(Action::Down)
    );
}

#[test]
fn syntax_errors_and_wrong_types_are_located() {
    let e = errors("[list]\ndown = [j]\nup = 3\n");
    assert!(e.issues.len() >= 2, "{e}");
    assert_eq!(e.issues[0].line, 2);
    assert!(e.issues[0].message.starts_with("invalid TOML"), "{e}");
    assert!(
        e.issues.iter().any(|i| i.line == 3
            && i.column == 6
            && i.message == "expected a list of keys, not integer"),
        "{e}"
    );
}

/// An unclosed header is a syntax error, reported alone: the bindings under it are not also
/// taken for sections of their own.
#[test]
fn a_broken_header_is_reported_once() {
    let e = errors("[list\ndown = [\"j\"]\n");
    assert_eq!(e.issues.len(), 1, "{e}");
    assert_eq!((e.issues[0].line, e.issues[0].column), (1, 6), "{e}");
    assert!(e.issues[0].message.starts_with("invalid TOML"), "{e}");
    // Errors after it are still reported with it.
    let e = errors("[list\ndown = [\"j\"]\n[detail]\nfoo = [\"x\"]\n");
    assert_eq!(e.issues.len(), 2, "{e}");
    assert!(
        e.issues[1].message.starts_with("unknown action `foo`"),
        "{e}"
    );
}

#[test]
fn the_repository_keymap_is_the_built_in_one() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/keymap.toml")).unwrap();
    assert_eq!(text, vigie::tui::keymap::DEFAULT_KEYMAP);
    // Loaded as a user file, it changes nothing and raises no error.
    let km = Keymap::from_user_str(&text, None).unwrap();
    let k = |s| Key::parse(s).unwrap();
    for (section, key, action) in [
        (Section::Global, "q", Action::Quit),
        (Section::Global, "ctrl-c", Action::Quit),
        (Section::Global, "?", Action::Help),
        (Section::Global, "tab", Action::SwitchView),
        (Section::List, "enter", Action::Open),
        (Section::List, "j", Action::Down),
        (Section::List, "down", Action::Down),
        (Section::List, "k", Action::Up),
        (Section::List, "g", Action::First),
        (Section::List, "G", Action::Last),
        (Section::List, "/", Action::Search),
        (Section::List, "f", Action::Filter),
        (Section::List, "s", Action::Sort),
        (Section::List, "w", Action::Waiver),
        (Section::List, "e", Action::Export),
        (Section::List, "r", Action::Reveal),
        (Section::List, "pagedown", Action::PageDown),
        (Section::Detail, "esc", Action::Back),
        (Section::Detail, "n", Action::Next),
        (Section::Detail, "p", Action::Previous),
        (Section::Detail, "r", Action::Reveal),
    ] {
        assert_eq!(
            km.action(section, k(key)),
            Some(action),
            "{key} in {section:?}"
        );
    }
}

#[test]
fn load_reads_an_explicit_file_and_fails_on_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(f, "[global]\nquit = [\"alt-x\"]").unwrap();
    let km = Keymap::load(Some(&path)).unwrap();
    assert_eq!(
        km.action(Section::Global, Key::parse("alt-x").unwrap()),
        Some(Action::Quit)
    );
    assert_eq!(km.action(Section::Global, Key::parse("q").unwrap()), None);
    let e = Keymap::load(Some(&dir.path().join("missing.toml"))).unwrap_err();
    assert!(e.to_string().contains("cannot read the keymap"), "{e}");
}

#[test]
fn a_bad_keymap_exits_2_naming_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    std::fs::write(&path, "[list]\ndown = [\"nope\"]\n").unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, "").unwrap();
    let out = vigie_on(&corpus, cc_detail())
        .arg("--keymap")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("keys.toml:2:9: unknown key `nope`"), "{err}");
}
