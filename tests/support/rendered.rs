//! A report rendered to text as the tests of wording read it (shared by the tests of the bases
//! and of the notice per producer).
#![allow(dead_code)]

use vigie::report::{self, Format, Report, WriteOptions};

/// `r` written in `format`, as [`words`] gives it.
pub fn render(r: &Report, format: Format) -> String {
    let mut out = Vec::new();
    report::write(r, format, &WriteOptions::default(), &mut out).unwrap();
    words(format, String::from_utf8(out).unwrap())
}

/// The notice with its narrow no-break spaces (French typography, U+202F before « : ; ! ? »,
/// inside « », between thousands) as plain spaces: what these tests check is the wording;
/// `notice_typography` checks the spaces on the letter as written.
pub fn words(format: Format, text: String) -> String {
    if format == Format::Notice {
        text.replace('\u{202f}', " ")
    } else {
        text
    }
}
