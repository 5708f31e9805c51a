//! Names as a plan shows them: every character that could hide or reorder text on a terminal
//! written as an escape, as the change lines' quoted names are.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with control, zero-width and bidirectional characters as `\u{…}` escapes (`\n` as
/// `\n`, and so on), other characters as they are.
pub(crate) fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "{}", c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Control characters; zero-width spaces, joiners and the byte-order mark; the bidirectional
/// marks, embeddings, overrides and isolates.
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{061c}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn hidden_characters_are_escaped_and_others_kept() {
        assert_eq!(shown("shop"), "shop");
        assert_eq!(shown("naïve ✓ \"q\""), "naïve ✓ \"q\"");
        assert_eq!(shown("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(
            shown("a\u{200b}b\u{2066}c\u{feff}"),
            "a\\u{200b}b\\u{2066}c\\u{feff}"
        );
        assert_eq!(shown("a\u{1b}[2J\nb"), "a\\u{1b}[2J\\nb");
    }
}
