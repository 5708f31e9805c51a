//! The credentials and tokens the tool holds, kept out of everything it prints.
//!
//! The SDK never puts a secret in an error, but the server's words are the server's: an
//! identity service that echoes the request body in its 401 message would make the tool print
//! the API key. Every secret the tool reads or receives (the API key, the password, the token)
//! is remembered here, and every line and document is passed through [`text`] before it is
//! printed, with each secret (as it is, and as JSON would escape it) replaced by `[redacted]`.
//!
//! The list is process-wide (the tool is one command per process); secrets shorter than
//! [`SHORTEST`] characters are not looked for, since they would match ordinary words.

use std::borrow::Cow;
use std::sync::{Mutex, PoisonError};

/// What a secret is replaced by.
pub(crate) const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are not redacted.
pub(crate) const SHORTEST: usize = 4;

static SECRETS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Remembers a secret, so that it is never printed from now on.
pub(crate) fn remember(secret: &str) {
    if secret.chars().count() < SHORTEST {
        return;
    }
    let mut secrets = SECRETS.lock().unwrap_or_else(PoisonError::into_inner);
    let escaped = serde_json::to_string(secret)
        .map(|quoted| quoted[1..quoted.len() - 1].to_owned())
        .unwrap_or_default();
    for form in [secret.to_owned(), escaped] {
        if !form.is_empty() && !secrets.contains(&form) {
            secrets.push(form);
        }
    }
    // The longest first, so that a secret containing another is replaced whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
}

/// `text` with every remembered secret replaced by [`REDACTED`].
pub(crate) fn text(text: &str) -> Cow<'_, str> {
    let secrets = SECRETS.lock().unwrap_or_else(PoisonError::into_inner);
    let mut out = Cow::Borrowed(text);
    for secret in secrets.iter() {
        if out.contains(secret.as_str()) {
            out = Cow::Owned(out.replace(secret.as_str(), REDACTED));
        }
    }
    out
}

/// What the terminal gets: secrets redacted, then control characters shown as escapes (every
/// one but the line break).
pub(crate) fn for_terminal(text: &str) -> String {
    crate::sanitize::lines(&self::text(text)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_secrets_are_replaced_in_every_form() {
        remember("KEY-unit-test-31d4");
        remember("pw\"with\\quotes-unit-test");
        remember("abc");
        assert_eq!(
            text("bad key KEY-unit-test-31d4 for abc"),
            "bad key [redacted] for abc"
        );
        assert_eq!(
            text(r#"{"password":"pw\"with\\quotes-unit-test"}"#),
            r#"{"password":"[redacted]"}"#
        );
        assert_eq!(
            for_terminal("KEY-unit-test-31d4\u{1b}[0m\n"),
            "[redacted]\\x1b[0m\n"
        );
    }
}
