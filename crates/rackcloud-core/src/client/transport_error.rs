//! Transport failures as [`Error`]s: what ureq and rustls report, mapped to kinds, with the
//! cause kept in `source()` and no secret in the message.

use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::resolver::LookupFailed;

pub(crate) fn invalid_header(e: ureq::http::Error) -> Error {
    // The http crate's message names no header value, so no token can leak through it.
    Error::new(
        ErrorKind::Configuration,
        "the request could not be built (an invalid URL, or a token that is not a valid header value)",
    )
    .with_source(e)
}

pub(crate) fn from_ureq(e: ureq::Error) -> Error {
    use std::io::ErrorKind as Io;
    use ureq::Timeout;
    // rustls reports a refused certificate as an I/O error of kind `InvalidData` around its own.
    let e = match e {
        ureq::Error::Io(io) if is_rustls(&io) => {
            return match io
                .into_inner()
                .map(|inner| inner.downcast::<rustls::Error>())
            {
                Some(Ok(tls)) => tls_failure(*tls),
                _ => Error::new(ErrorKind::Transport, "TLS handshake failed"),
            };
        }
        ureq::Error::Rustls(tls) => return tls_failure(tls),
        other => other,
    };
    let (kind, message, not_sent) = match &e {
        ureq::Error::Timeout(which @ (Timeout::Resolve | Timeout::Connect)) => (
            ErrorKind::Timeout,
            format!("could not connect in time ({which})"),
            true,
        ),
        ureq::Error::Timeout(which) => (
            ErrorKind::Timeout,
            format!("no complete answer in time ({which})"),
            false,
        ),
        ureq::Error::BodyExceedsLimit(limit) => (
            ErrorKind::BodyTooLarge,
            format!("the response body is larger than the {limit}-byte limit"),
            false,
        ),
        // A failed lookup is not repeated (nothing marks it not-sent): the system resolver has
        // already tried its servers, and a name that does not exist will not exist a second
        // later. The resolver's own words are kept, in the message and as the source.
        ureq::Error::HostNotFound => (
            ErrorKind::Transport,
            "host name lookup failed: no address found".to_owned(),
            false,
        ),
        ureq::Error::Io(io) if LookupFailed::inside(io).is_some() => (
            ErrorKind::Transport,
            format!("host name lookup failed: {io}"),
            false,
        ),
        ureq::Error::ConnectionFailed => {
            (ErrorKind::Transport, "could not connect".to_owned(), true)
        }
        ureq::Error::Io(io) if io.kind() == Io::TimedOut => (
            ErrorKind::Timeout,
            "the connection timed out".to_owned(),
            false,
        ),
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                Io::ConnectionRefused
                    | Io::HostUnreachable
                    | Io::NetworkUnreachable
                    | Io::AddrNotAvailable
            ) =>
        {
            (
                ErrorKind::Transport,
                format!("could not connect ({})", io.kind()),
                true,
            )
        }
        ureq::Error::Io(io) => (
            ErrorKind::Transport,
            format!("i/o failure ({})", io.kind()),
            false,
        ),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => (
            ErrorKind::Configuration,
            "invalid request URL".to_owned(),
            true,
        ),
        ureq::Error::Tls(why) => (ErrorKind::Transport, format!("TLS failure: {why}"), false),
        ureq::Error::ConnectProxyFailed(_) => (
            ErrorKind::Transport,
            "the proxy refused the connection (CONNECT failed)".to_owned(),
            true,
        ),
        ureq::Error::BodyStalled => (
            ErrorKind::Timeout,
            "the response body stalled".to_owned(),
            false,
        ),
        _ => (
            ErrorKind::Transport,
            "the exchange failed".to_owned(),
            false,
        ),
    };
    let error = match e {
        // The I/O error itself is the cause (the resolver's, for a failed lookup), so that the
        // chain of `source()` ends in the system's own words.
        ureq::Error::Io(io) => match LookupFailed::inside(&io) {
            Some(lookup) => {
                let resolver = std::io::Error::new(lookup.kind(), lookup.to_string());
                Error::new(kind, message).with_source(resolver)
            }
            None => Error::new(kind, message).with_source(io),
        },
        other => Error::new(kind, message).with_source(other),
    };
    if not_sent {
        error.with_not_sent()
    } else {
        error
    }
}

fn is_rustls(io: &std::io::Error) -> bool {
    io.get_ref()
        .is_some_and(|inner| inner.is::<rustls::Error>())
}

/// A TLS failure with the rustls error as its source, so that callers can inspect it; a
/// refused certificate says so ("invalid peer certificate: UnknownIssuer", "certificate not
/// valid for name …"). Not repeated: trying again meets the same certificate.
fn tls_failure(tls: rustls::Error) -> Error {
    let hint = if matches!(tls, rustls::Error::InvalidCertificate(_)) {
        " (the server's certificate is not trusted: see TrustedRoots)"
    } else {
        ""
    };
    Error::new(
        ErrorKind::Transport,
        format!("TLS handshake failed: {tls}{hint}"),
    )
    .with_source(tls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_lookup_keeps_the_resolvers_words_and_is_not_repeated() {
        let words = "failed to lookup address information: Name or service not known";
        let e = from_ureq(LookupFailed::mark(ureq::Error::Io(std::io::Error::other(
            words,
        ))));
        assert_eq!(e.kind(), ErrorKind::Transport);
        assert!(
            e.to_string()
                .contains(&format!("host name lookup failed: {words}")),
            "{e}"
        );
        let source = std::error::Error::source(&e).expect("a source");
        assert_eq!(source.to_string(), words);
        assert!(!e.is_transient());
        // Other I/O failures keep the I/O error itself as their source.
        let e = from_ureq(ureq::Error::Io(std::io::Error::other("reset")));
        assert_eq!(
            std::error::Error::source(&e).expect("a source").to_string(),
            "reset"
        );
    }
}
