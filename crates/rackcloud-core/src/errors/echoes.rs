//! Secrets a server echoes back: a hostile or broken service may repeat the API key, password,
//! token, passcode or multi-factor session id it was sent in an error body or a header. Every
//! text of an [`Error`] made from such an answer, and every header value logged, has them
//! replaced by `[redacted]` (docs/authentication.md).

use crate::error::Error;
use crate::fault::Fault;

/// What replaces an echoed secret.
pub(crate) const REDACTED: &str = "[redacted]";

/// `text` with every occurrence of every non-empty value in `echoes` replaced by
/// `[redacted]`, longest value first so that one secret inside another goes whole.
///
/// A value is also found as the body excerpt shows it (JSON-escaped, whitespace runs collapsed
/// to one space), and an excerpt cut (`…`) in the middle of a value loses the value's start too.
pub(crate) fn redact(text: &str, echoes: &[&str]) -> String {
    let mut values: Vec<String> = echoes
        .iter()
        .filter(|v| !v.is_empty())
        .flat_map(|v| shown_forms(v))
        .collect();
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    values.dedup();
    let whole = values.iter().fold(text.to_owned(), |text, value| {
        text.replace(value.as_str(), REDACTED)
    });
    match whole.strip_suffix('…') {
        Some(kept) => format!("{}…", without_cut_start(kept, &values)),
        None => whole,
    }
}

/// A value as it is sent, as JSON writes it, and either with its whitespace runs collapsed.
fn shown_forms(value: &str) -> Vec<String> {
    let escaped = serde_json::to_string(value).unwrap_or_default();
    let escaped = escaped.trim_matches('"').to_owned();
    let collapse = |v: &str| v.split_whitespace().collect::<Vec<_>>().join(" ");
    vec![
        value.to_owned(),
        collapse(value),
        collapse(&escaped),
        escaped,
    ]
    .into_iter()
    .filter(|v| !v.is_empty())
    .collect()
}

/// `text` (an excerpt cut just after it) without the start of a value it ends with: at least
/// two characters of it, so that a cut secret shows none of itself.
fn without_cut_start(text: &str, values: &[String]) -> String {
    for value in values {
        let starts: Vec<usize> = value.char_indices().map(|(i, _)| i).skip(2).collect();
        for &end in starts.iter().rev() {
            if let Some(kept) = text.strip_suffix(&value[..end]) {
                return format!("{kept}{REDACTED}");
            }
        }
    }
    text.to_owned()
}

impl Error {
    /// The same error with `echoes` (the secrets of the request) taken out of every text the
    /// server put in it: the fault's messages, details and validation messages, the body
    /// excerpt, the load balancer status, and the SDK's own message and note.
    pub(crate) fn without_echoes(self, echoes: &[&str]) -> Error {
        if echoes.iter().all(|v| v.is_empty()) {
            return self;
        }
        self.map_texts(|text| redact(text, echoes))
    }
}

impl Fault {
    /// The fault with `f` applied to every text it holds.
    pub(crate) fn map_texts(self, f: &impl Fn(&str) -> String) -> Fault {
        let all = |v: Vec<String>| v.iter().map(|s| f(s)).collect();
        Fault {
            wrapper: self.wrapper.as_deref().map(f),
            messages: all(self.messages),
            code: self.code,
            details: self.details.as_deref().map(f),
            validation_messages: all(self.validation_messages),
            retry_after: self.retry_after.as_deref().map(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_echo_goes_longest_first() {
        assert_eq!(
            redact("key k-1 in k-12, key k-1", &["k-1", "k-12", ""]),
            "key [redacted] in [redacted], key [redacted]"
        );
        let e = Error::from_status(
            "POST",
            "http://h/v2.0/tokens",
            401,
            None,
            br#"{"unauthorized":{"code":401,"message":"bad passcode 246810","details":"session S-1"}}"#,
        )
        .without_echoes(&["246810", "S-1"]);
        let text = format!("{e} {e:?}");
        assert!(!text.contains("246810") && !text.contains("S-1"), "{text}");
        assert!(text.contains("bad passcode [redacted]"), "{text}");
    }

    #[test]
    fn an_excerpt_cut_inside_a_secret_shows_none_of_it() {
        let secret = "TOKEN-a1b2c3d4e5f6";
        // The excerpt's cut fell after `TOKEN-a1b2`.
        assert_eq!(
            redact("<p>your token TOKEN-a1b2…", &[secret]),
            "<p>your token [redacted]…"
        );
        // Whitespace collapsed, and JSON escapes, as the excerpt shows a body.
        assert_eq!(redact("pw two words", &["two   words"]), "pw [redacted]");
        assert_eq!(
            redact(r#"{"pw":"a\"b"}"#, &["a\"b"]),
            r#"{"pw":"[redacted]"}"#
        );
        // Text that ends like no secret keeps its end.
        assert_eq!(redact("nothing secret…", &[secret]), "nothing secret…");
    }
}
