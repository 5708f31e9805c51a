//! Transport failures as [`Error`]s: what ureq and rustls report, mapped to kinds and told in
//! the user's words, naming the peer that failed (the service or the proxy), with the cause
//! kept in `source()` and no secret in the message.
//!
//! Whether a failure is worth repeating is decided here too, from what it says of the request:
//! not sent at all ([`Error::with_not_sent`]), or lost after it was sent
//! ([`Error::with_connection_lost`]); see `retries/retry_reason.rs`.

use std::io::ErrorKind as Io;

use ureq::Timeout;

use crate::client::connect_deadline::CONNECT_TIMED_OUT;
use crate::client::tls_failure::tls_failure;
use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::resolver::LookupFailed;

/// Where an exchange went: the service's `host:port`, and the proxy's when one carried it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Peer {
    pub(crate) target: String,
    pub(crate) proxy: Option<String>,
}

impl Peer {
    /// What the client connects to: the proxy when there is one.
    fn connected(&self) -> String {
        match &self.proxy {
            Some(proxy) => format!("the proxy {proxy}"),
            None => self.target.clone(),
        }
    }

    /// Whether the connection goes to this machine (a local emulator, a local proxy).
    fn is_local(&self) -> bool {
        let address = self.proxy.as_deref().unwrap_or(&self.target);
        let host = match address.rsplit_once(':') {
            Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
            _ => address,
        };
        crate::resolver::is_loopback(host)
    }
}

pub(crate) fn invalid_header(e: ureq::http::Error) -> Error {
    // The http crate's message names no header value, so no token can leak through it.
    Error::new(
        ErrorKind::Configuration,
        "the request could not be built (an invalid URL, or a token that is not a valid header value)",
    )
    .with_source(e)
}

/// What a failure says of the request, which decides whether it is repeated: perhaps sent (not
/// repeated), not sent (repeated), not sent but bound to fail again (not repeated), or sent with
/// its answer cut off (repeated only for idempotent methods).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repeat {
    Never,
    NotSent,
    NotSentForGood,
    Lost,
}

pub(crate) fn from_ureq(e: ureq::Error, peer: &Peer) -> Error {
    // rustls reports a refused certificate as an I/O error of kind `InvalidData` around its own.
    let e = match e {
        ureq::Error::Io(io) if is_rustls(&io) => {
            return match io
                .into_inner()
                .map(|inner| inner.downcast::<rustls::Error>())
            {
                Some(Ok(tls)) => tls_failure(*tls, &peer.target),
                _ => Error::new(
                    ErrorKind::Transport,
                    format!("TLS handshake with {} failed", peer.target),
                ),
            };
        }
        ureq::Error::Rustls(tls) => return tls_failure(tls, &peer.target),
        ureq::Error::ConnectProxyFailed(why) => return proxy_failure(&why, peer),
        other => other,
    };
    let connected = peer.connected();
    let (kind, message, repeat) = match &e {
        ureq::Error::Timeout(which @ (Timeout::Resolve | Timeout::Connect)) => (
            ErrorKind::Timeout,
            format!(
                "could not connect to {connected} in time ({})",
                phase(*which)
            ),
            Repeat::NotSent,
        ),
        ureq::Error::Timeout(which) => (
            ErrorKind::Timeout,
            format!(
                "no complete answer from {connected} in time ({})",
                phase(*which)
            ),
            Repeat::Never,
        ),
        ureq::Error::BodyExceedsLimit(limit) => (
            ErrorKind::BodyTooLarge,
            format!("the response body is larger than the {limit}-byte limit"),
            Repeat::Never,
        ),
        // A failed lookup is not repeated: the system resolver has already tried its servers,
        // and a name that does not exist will not exist a second later. The resolver's own
        // words are kept, in the message and as the source.
        ureq::Error::Io(io) if LookupFailed::inside(io).is_some() => {
            let lookup = LookupFailed::inside(io).map(|l| (l.host.as_str(), &l.io));
            let (host, words) = lookup.unwrap_or(("", io));
            let whose = match &peer.proxy {
                Some(proxy) if proxy.rsplit_once(':').is_some_and(|(h, _)| h == host) => {
                    "the proxy "
                }
                _ => "",
            };
            (
                ErrorKind::Transport,
                format!("host name lookup failed: {whose}{host}: {words}"),
                Repeat::NotSentForGood,
            )
        }
        ureq::Error::HostNotFound => (
            ErrorKind::Transport,
            format!("host name lookup failed: {connected}: no address found"),
            Repeat::NotSentForGood,
        ),
        // Nothing listens on this machine's port: a second try a moment later meets the same
        // closed port, so the failure is reported at once, saying what to check.
        ureq::Error::Io(io) if io.kind() == Io::ConnectionRefused && peer.is_local() => (
            ErrorKind::Transport,
            match peer.proxy {
                Some(_) => format!("nothing is listening on {connected}; is the proxy running?"),
                None => format!("nothing is listening on {connected}; is the emulator running?"),
            },
            Repeat::NotSentForGood,
        ),
        ureq::Error::ConnectionFailed => (
            ErrorKind::Transport,
            format!("could not connect to {connected}"),
            Repeat::NotSent,
        ),
        ureq::Error::Io(io) if io.kind() == Io::TimedOut => (
            ErrorKind::Timeout,
            format!("the connection to {connected} timed out"),
            Repeat::Never,
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
                format!("could not connect to {connected} ({})", io.kind()),
                Repeat::NotSent,
            )
        }
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                Io::UnexpectedEof | Io::ConnectionReset | Io::ConnectionAborted | Io::BrokenPipe
            ) =>
        {
            (
                ErrorKind::Transport,
                format!(
                    "the connection to {connected} was cut before the answer was complete ({})",
                    io.kind()
                ),
                Repeat::Lost,
            )
        }
        ureq::Error::Io(io) => (
            ErrorKind::Transport,
            format!("i/o failure ({})", io.kind()),
            Repeat::Never,
        ),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => (
            ErrorKind::Configuration,
            "invalid request URL".to_owned(),
            Repeat::NotSentForGood,
        ),
        ureq::Error::Tls(why) => (
            ErrorKind::Transport,
            format!("TLS failure with {}: {why}", peer.target),
            Repeat::Never,
        ),
        ureq::Error::BodyStalled => (
            ErrorKind::Timeout,
            "the response body stalled".to_owned(),
            Repeat::Never,
        ),
        _ => (
            ErrorKind::Transport,
            "the exchange failed".to_owned(),
            Repeat::Never,
        ),
    };
    let error = match e {
        // The I/O error itself is the cause (the resolver's, for a failed lookup), so that the
        // chain of `source()` ends in the system's own words.
        ureq::Error::Io(io) => match LookupFailed::inside(&io) {
            Some(lookup) => {
                let resolver = std::io::Error::new(lookup.io.kind(), lookup.io.to_string());
                Error::new(kind, message).with_source(resolver)
            }
            None => Error::new(kind, message).with_source(io),
        },
        // The message says which phase ran out of time; ureq's own words (`timeout: global`)
        // would add nothing but its names.
        ureq::Error::Timeout(_) => Error::new(kind, message),
        other => Error::new(kind, message).with_source(other),
    };
    match repeat {
        Repeat::Never => error,
        Repeat::NotSent => error.with_not_sent(),
        Repeat::NotSentForGood => error.with_not_sent_for_good(),
        Repeat::Lost => error.with_connection_lost(),
    }
}

/// The phase of an exchange that ran out of time, in words.
fn phase(which: Timeout) -> &'static str {
    match which {
        Timeout::Resolve => "looking up the host",
        Timeout::Connect => "connecting",
        Timeout::SendRequest => "sending the request",
        Timeout::SendBody => "sending the request's body",
        Timeout::RecvResponse => "waiting for the answer",
        Timeout::RecvBody => "reading the answer's body",
        Timeout::PerRead | Timeout::PerWrite => "a read or write stalled",
        _ => "the request's timeout ended",
    }
}

/// A `CONNECT` the proxy refused or did not answer: nothing reached the service. A refusal of
/// the proxy's credentials (407) or of the destination (other 4xx) is not repeated; the proxy's
/// own trouble (5xx, no answer) may pass.
fn proxy_failure(why: &str, peer: &Peer) -> Error {
    let proxy = peer.connected();
    if why == CONNECT_TIMED_OUT {
        return Error::new(
            ErrorKind::Timeout,
            format!("{proxy} did not answer the CONNECT request in time"),
        )
        .with_not_sent();
    }
    // ureq's words: "proxy server responded 407/407".
    let status = why
        .strip_prefix("proxy server responded ")
        .and_then(|rest| rest.split('/').next())
        .and_then(|code| code.parse::<u16>().ok());
    match status {
        Some(407) => Error::new(
            ErrorKind::Transport,
            format!(
                "{proxy} refused the proxy credentials (407 Proxy Authentication Required): check the user name and password in the proxy URL"
            ),
        )
        .with_not_sent_for_good(),
        Some(status @ 400..=499) => Error::new(
            ErrorKind::Transport,
            format!("{proxy} refused to connect to {} ({status})", peer.target),
        )
        .with_not_sent_for_good(),
        Some(status) => Error::new(
            ErrorKind::Transport,
            format!("{proxy} could not connect to {} ({status})", peer.target),
        )
        .with_not_sent(),
        None => Error::new(
            ErrorKind::Transport,
            format!("{proxy} closed the connection without answering the CONNECT request"),
        )
        .with_not_sent(),
    }
}

fn is_rustls(io: &std::io::Error) -> bool {
    io.get_ref()
        .is_some_and(|inner| inner.is::<rustls::Error>())
}

#[cfg(test)]
mod tests;
