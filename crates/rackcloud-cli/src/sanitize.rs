//! Text from the server (names, fault messages) made harmless for a terminal.
//!
//! A load balancer's name or a fault message may carry escape sequences that recolour, retitle
//! or rewrite the user's terminal, and bidirectional overrides that reorder what is shown. In
//! text output every control character (C0 but the line break, DEL, C1) and every bidirectional
//! control is shown as a visible escape, `\x1b` or `\u{202e}`, instead. JSON output needs no
//! such care: serde_json escapes the C0 characters, and a JSON reader is no terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character but `\n` shown as an escape.
pub(crate) fn lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// `text` with every control character, `\n` included, shown as an escape: for a value that
/// must stay on its line (a table cell, a name).
pub(crate) fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !unsafe_char(c) {
            out.push(c);
        } else if u32::from(c) < 0x80 {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        } else {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
    Cow::Owned(out)
}

/// Control characters (tab included: it would break the columns) and the bidirectional
/// embeddings, overrides, isolates and marks.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_not_obeyed() {
        assert_eq!(line("web"), "web");
        assert_eq!(line("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(line("a\nb\tc\rd\u{7f}"), "a\\x0ab\\x09c\\x0dd\\x7f");
        assert_eq!(line("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(line("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(lines("one\ntwo\u{7}\n"), "one\ntwo\\x07\n");
        assert_eq!(line("naïve ünïcode ✓"), "naïve ünïcode ✓");
    }
}
