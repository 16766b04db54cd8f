//! Keymap files: every error reported together, each with its line and column.

use std::io::Write;
use vigie::tui::keymap::{Action, Key, Keymap, KeymapError, Section};

mod support;
use support::binary::vigie_on;
use support::data::cc_detail;

fn errors(text: &str) -> KeymapError {
    Keymap::from_user_str(text, Some(std::path::Path::new("my-keys.toml"))).unwrap_err()
}

/// Each error of `e`: its line, column and message.
fn placed(e: &KeymapError) -> Vec<(usize, usize, &str)> {
    e.issues
        .iter()
        .map(|i| (i.line, i.column, i.message.as_str()))
        .collect()
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
    let got = placed(&e);
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
                 filter, search, waiver, export, prompt, help)"
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

/// `quit = []` would leave no way out of the UI (in raw mode `ctrl-c` is a key like any other),
/// and a prompt without `cancel` none out of it but acting: errors, placed at the entry, and
/// reported with the others.
#[test]
fn an_action_without_which_the_ui_cannot_be_left_must_keep_a_key() {
    let e =
        errors("[global]\nquit = []\n\n[list]\ndown = [\"hyper-x\"]\n\n[export]\ncancel = []\n");
    let got = placed(&e);
    assert_eq!(
        got,
        vec![
            (
                2,
                1,
                "`quit` in [global] has no key: vigie could not be left (in the UI, ctrl-c is a \
                 key like any other); bind at least one"
            ),
            (5, 9, "unknown key `hyper-x`"),
            (
                8,
                1,
                "`cancel` in [export] has no key: the export prompt could not be left without \
                 writing a report; bind at least one"
            ),
        ]
    );
    // The waiver prompt too; the search prompt is left by `confirm` as well as by `cancel`.
    let e = errors("[waiver]\ncancel = []\n");
    assert_eq!((e.issues[0].line, e.issues[0].column), (2, 1));
    assert!(
        e.issues[0]
            .message
            .starts_with("`cancel` in [waiver] has no key")
    );
    assert!(Keymap::from_user_str("[search]\ncancel = []\n", None).is_ok());
    let e = errors("[search]\ncancel = []\nconfirm = []\n");
    assert_eq!(e.issues.len(), 1);
    assert_eq!(
        e.issues[0].message,
        "`confirm` and `cancel` in [search] have no key: the search prompt could not be left; \
         bind a key to one of them"
    );
    assert_eq!((e.issues[0].line, e.issues[0].column), (2, 1));
    // Keys that could not be read are reported as such, not again as no key.
    let e = errors("[global]\nquit = [\"nope\"]\n");
    assert_eq!(e.issues.len(), 1);
    assert_eq!(e.issues[0].message, "unknown key `nope`");
    // Another key is enough, `q` alone included.
    assert!(Keymap::from_user_str("[global]\nquit = [\"q\"]\n", None).is_ok());
    assert!(Keymap::from_user_str("[global]\nquit = \"f10\"\n", None).is_ok());
}

/// vigie does not start with such a keymap: exit 2, the file, line and column named.
#[test]
fn a_keymap_without_quit_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noquit.toml");
    std::fs::write(&path, "[global]\nquit = []\n").unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    std::fs::write(&corpus, "").unwrap();
    let out = assert_cmd::Command::cargo_bin("vigie")
        .unwrap()
        .arg(&corpus)
        .arg("--reference")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/judilibre/cc_detail.json"
        ))
        .arg("--keymap")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}:2:1: `quit` in [global] has no key",
            path.display()
        )),
        "{err}"
    );
}

/// The line editing keys of `[prompt]` act in every text prompt: a prompt may not bind them
/// again (that would silently take one of them away), and they show in the help.
#[test]
fn prompt_editing_keys_clash_with_a_prompts_own() {
    let e = Keymap::from_user_str("[export]\nnext_format = [\"right\"]\n", None).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("key `right` is bound to both `prompt.cursor_right`"),
        "{text}"
    );
    assert!(text.contains("`export.next_format`"), "{text}");
    // Rebinding the editing key frees it.
    let km = Keymap::from_user_str(
        "[export]\nnext_format = [\"right\"]\n[prompt]\ncursor_right = [\"ctrl-f\"]\n",
        None,
    )
    .unwrap();
    let k = |s: &str| vigie::tui::keymap::Key::parse(s).unwrap();
    assert_eq!(
        km.action(Section::Export, k("right")),
        Some(Action::NextFormat)
    );
    assert_eq!(
        km.action(Section::Prompt, k("ctrl-f")),
        Some(Action::CursorRight)
    );
    // The defaults bind every editing action.
    let km = Keymap::default();
    for a in vigie::tui::keymap::section_actions(Section::Prompt) {
        assert!(!km.keys(Section::Prompt, *a).is_empty(), "{a:?}");
    }
}
