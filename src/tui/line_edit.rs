//! The text of a prompt (search, waiver note, export path) and its cursor.
//!
//! The editing is `tui-input`'s (its core `Input` only: vigie maps its own keys, from the
//! keymap's `[prompt]` section): it moves and deletes by grapheme and by word, and keeps the
//! cursor in the text. One edit is vigie's own: `delete_word_back` (`ctrl-w`) deletes back to
//! the previous whitespace, as readline's `unix-word-rubout` does, where `tui-input` stops at
//! punctuation (a path typed in the export prompt goes whole, not one folder name at a time).

use super::keymap::Action;
use tui_input::{Input, InputRequest};

/// A line of text with a cursor, in characters (Unicode scalar values) from its start.
#[derive(Debug, Clone, Default)]
pub struct LineInput(Input);

impl PartialEq for LineInput {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value() && self.cursor() == other.cursor()
    }
}

impl Eq for LineInput {}

impl From<&str> for LineInput {
    fn from(s: &str) -> Self {
        LineInput::new(s.to_string())
    }
}

impl LineInput {
    /// `text`, the cursor at its end.
    pub fn new(text: String) -> LineInput {
        LineInput(Input::new(text))
    }

    pub fn value(&self) -> &str {
        self.0.value()
    }

    /// The cursor, in characters before it.
    pub fn cursor(&self) -> usize {
        self.0.cursor()
    }

    /// The text before the cursor and the text after it.
    pub fn split(&self) -> (&str, &str) {
        let s = self.value();
        let byte = s
            .char_indices()
            .nth(self.cursor())
            .map_or(s.len(), |(i, _)| i);
        s.split_at(byte)
    }

    /// Types `c` at the cursor.
    pub fn insert(&mut self, c: char) {
        self.0.handle(InputRequest::InsertChar(c));
    }

    /// Does an editing action of the `[prompt]` section; `false` for any other action.
    pub fn edit(&mut self, action: Action) -> bool {
        let request = match action {
            Action::CursorLeft => InputRequest::GoToPrevChar,
            Action::CursorRight => InputRequest::GoToNextChar,
            Action::WordLeft => InputRequest::GoToPrevWord,
            Action::WordRight => InputRequest::GoToNextWord,
            Action::LineStart => InputRequest::GoToStart,
            Action::LineEnd => InputRequest::GoToEnd,
            Action::DeleteBack => InputRequest::DeletePrevChar,
            Action::DeleteForward => InputRequest::DeleteNextChar,
            Action::DeleteToStart => InputRequest::DeleteFromStart,
            Action::DeleteToEnd => InputRequest::DeleteTillEnd,
            Action::DeleteWordBack => {
                self.delete_word_back();
                return true;
            }
            _ => return false,
        };
        self.0.handle(request);
        true
    }

    /// Deletes the whitespace before the cursor, then the non-whitespace before that.
    fn delete_word_back(&mut self) {
        let (before, after) = self.split();
        let kept = before.trim_end();
        let kept = kept.trim_end_matches(|c: char| !c.is_whitespace());
        let cursor = kept.chars().count();
        let text = format!("{kept}{after}");
        self.0 = Input::new(text).with_cursor(cursor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, cursor: usize) -> LineInput {
        LineInput(Input::new(text.to_string()).with_cursor(cursor))
    }

    #[test]
    fn moves_and_types_at_the_cursor() {
        let mut l = LineInput::from("abc");
        assert_eq!(l.cursor(), 3);
        l.edit(Action::CursorLeft);
        l.insert('X');
        assert_eq!((l.value(), l.cursor()), ("abXc", 3));
        l.edit(Action::LineStart);
        l.insert('>');
        assert_eq!(l.split(), (">", "abXc"));
        l.edit(Action::LineEnd);
        assert_eq!(l.cursor(), 5);
        l.edit(Action::CursorRight);
        assert_eq!(l.cursor(), 5, "the cursor stays in the text");
    }

    #[test]
    fn deletes_before_and_under_the_cursor() {
        let mut l = at("abcd", 2);
        l.edit(Action::DeleteBack);
        assert_eq!((l.value(), l.cursor()), ("acd", 1));
        l.edit(Action::DeleteForward);
        assert_eq!((l.value(), l.cursor()), ("ad", 1));
        let mut l = at("abcd", 0);
        l.edit(Action::DeleteBack);
        assert_eq!((l.value(), l.cursor()), ("abcd", 0));
    }

    #[test]
    fn kills_as_readline_does() {
        // ctrl-u: from the start to the cursor; ctrl-k: from the cursor to the end.
        let mut l = at("hello world", 6);
        l.edit(Action::DeleteToStart);
        assert_eq!((l.value(), l.cursor()), ("world", 0));
        let mut l = at("hello world", 5);
        l.edit(Action::DeleteToEnd);
        assert_eq!((l.value(), l.cursor()), ("hello", 5));
        // ctrl-w: back to the previous whitespace, spaces before the cursor first.
        let mut l = at("see ~/reports/x.json  tail", 22);
        l.edit(Action::DeleteWordBack);
        assert_eq!((l.value(), l.cursor()), ("see tail", 4));
        l.edit(Action::DeleteWordBack);
        assert_eq!((l.value(), l.cursor()), ("tail", 0));
        l.edit(Action::DeleteWordBack);
        assert_eq!((l.value(), l.cursor()), ("tail", 0));
    }

    #[test]
    fn moves_by_word() {
        let mut l = at("rule MSK001 on r-17", 19);
        l.edit(Action::WordLeft);
        assert_eq!(l.cursor(), 17);
        l.edit(Action::WordLeft);
        l.edit(Action::WordLeft);
        assert_eq!(l.split(), ("rule MSK001 ", "on r-17"));
        l.edit(Action::WordRight);
        assert_eq!(l.split(), ("rule MSK001 on ", "r-17"));
    }

    #[test]
    fn counts_characters_not_bytes() {
        let mut l = LineInput::from("née");
        l.edit(Action::CursorLeft);
        l.edit(Action::CursorLeft);
        assert_eq!(l.split(), ("n", "ée"));
        l.edit(Action::DeleteForward);
        assert_eq!((l.value(), l.cursor()), ("ne", 1));
    }

    #[test]
    fn other_actions_are_not_edits() {
        let mut l = LineInput::from("x");
        assert!(!l.edit(Action::Confirm));
        assert_eq!(l, LineInput::from("x"));
    }
}
