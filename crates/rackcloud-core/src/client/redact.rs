//! URLs as they may be shown: a token in a path (`…/tokens/{id}`, token validation) is masked
//! in log lines and error messages.

use std::borrow::Cow;

/// `url` with the segment after `/tokens/` replaced by `[redacted]`.
pub(crate) fn shown_url(url: &str) -> Cow<'_, str> {
    const MARK: &str = "/tokens/";
    let Some(at) = url.find(MARK) else {
        return Cow::Borrowed(url);
    };
    let start = at + MARK.len();
    let rest = &url[start..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if end == 0 {
        return Cow::Borrowed(url);
    }
    Cow::Owned(format!("{}[redacted]{}", &url[..start], &rest[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_segments_are_masked() {
        assert_eq!(shown_url("https://h/v2.0/tokens"), "https://h/v2.0/tokens");
        assert_eq!(
            shown_url("https://h/v2.0/tokens/abc123"),
            "https://h/v2.0/tokens/[redacted]"
        );
        assert_eq!(
            shown_url("https://h/v2.0/tokens/abc?belongsTo=1"),
            "https://h/v2.0/tokens/[redacted]?belongsTo=1"
        );
        assert_eq!(
            shown_url("https://h/v2.0/tokens/"),
            "https://h/v2.0/tokens/"
        );
    }
}
