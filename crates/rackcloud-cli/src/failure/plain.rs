//! A decoder's names for Rust types, said in words in the messages the tool prints.

/// `expected u16` (a decoder's name for a Rust type) as `expected a whole number from 0 to
/// 65535`, and likewise for the other number types.
pub(super) fn plain_types(text: &str) -> String {
    const TYPES: [(&str, &str); 10] = [
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65535"),
        ("u32", "a whole number from 0 to 4294967295"),
        ("u64", "a whole number from 0 to 18446744073709551615"),
        ("usize", "a whole number from 0"),
        ("i8", "a whole number"),
        ("i16", "a whole number"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("f64", "a number"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("expected ") {
        let (before, after) = rest.split_at(at + "expected ".len());
        out.push_str(before);
        rest = after;
        let word_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if let Some((_, words)) = TYPES.iter().find(|(name, _)| *name == &rest[..word_end]) {
            out.push_str(words);
            rest = &rest[word_end..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoder_s_type_names_are_said_in_words() {
        assert_eq!(
            plain_types("at `loadBalancer.port`: invalid type: string, expected u16 (line 1)"),
            "at `loadBalancer.port`: invalid type: string, expected a whole number from 0 to 65535 (line 1)"
        );
        assert_eq!(
            plain_types("expected u32"),
            "expected a whole number from 0 to 4294967295"
        );
        assert_eq!(
            plain_types("expected u16x, expected a string"),
            "expected u16x, expected a string"
        );
    }
}
