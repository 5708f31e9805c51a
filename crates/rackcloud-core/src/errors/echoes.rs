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
pub(crate) fn redact(text: &str, echoes: &[&str]) -> String {
    let mut values: Vec<&str> = echoes.iter().copied().filter(|v| !v.is_empty()).collect();
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    values
        .into_iter()
        .fold(text.to_owned(), |text, value| text.replace(value, REDACTED))
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
}
