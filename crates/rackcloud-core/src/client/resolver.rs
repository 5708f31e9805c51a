//! Name resolution for the agent: IP literals on the calling thread, names through ureq's own
//! resolver.
//!
//! ureq resolves the host of every request, pooled connection or not, and when any timeout is
//! set it does so on a new thread so that the lookup can be abandoned. For an IP literal there
//! is nothing to look up, yet the thread costs more than the rest of the SDK's work on a call
//! (measured with callgrind: about a fifth of the client's instructions per loopback GET). Names
//! keep ureq's behaviour, timeout included.

use std::net::{IpAddr, SocketAddr};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

#[derive(Debug, Default)]
pub(crate) struct LiteralFirstResolver {
    names: DefaultResolver,
}

impl Resolver for LiteralFirstResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        match literal_address(uri) {
            Some(address) => {
                let mut addresses = self.empty();
                addresses.push(address);
                Ok(addresses)
            }
            None => self
                .names
                .resolve(uri, config, timeout)
                .map_err(|e| LookupFailed::mark_for(uri, e)),
        }
    }
}

/// The resolver's own failure (such as "failed to lookup address information: Name or service
/// not known") and the host it was asked for, marked so that the transport can tell a failed
/// lookup from other I/O failures, which ureq reports alike, and say whose name it was (the
/// service's or the proxy's).
#[derive(Debug)]
pub(crate) struct LookupFailed {
    pub(crate) host: String,
    pub(crate) io: std::io::Error,
}

impl LookupFailed {
    /// Marks a failed lookup of `uri`'s host; a lookup that found no address is one too.
    pub(crate) fn mark_for(uri: &Uri, e: ureq::Error) -> ureq::Error {
        let host = uri.host().unwrap_or_default().to_owned();
        let io = match e {
            ureq::Error::Io(io) => io,
            ureq::Error::HostNotFound => {
                std::io::Error::new(std::io::ErrorKind::NotFound, "no address found")
            }
            other => return other,
        };
        ureq::Error::Io(std::io::Error::new(io.kind(), LookupFailed { host, io }))
    }

    /// The failure inside an I/O error that [`mark_for`](LookupFailed::mark_for) wrapped.
    pub(crate) fn inside(io: &std::io::Error) -> Option<&LookupFailed> {
        io.get_ref()
            .and_then(|inner| inner.downcast_ref::<LookupFailed>())
    }
}

impl std::fmt::Display for LookupFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.io.fmt(f)
    }
}

impl std::error::Error for LookupFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.io)
    }
}

/// The socket address of a URI whose host is an IP address, with the scheme's default port.
fn literal_address(uri: &Uri) -> Option<SocketAddr> {
    let host = uri.host()?;
    let ip: IpAddr = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()?;
    let port = uri.port_u16().or(match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    })?;
    Some(SocketAddr::new(ip, port))
}

/// Whether `host` (a name, an IP address, or an IPv6 address in brackets) is this machine.
pub(crate) fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(uri: &str) -> Option<SocketAddr> {
        literal_address(&uri.parse().expect("a URI"))
    }

    #[test]
    fn literals_with_and_without_ports() {
        assert_eq!(
            literal("http://127.0.0.1:8900/v2.0/"),
            Some("127.0.0.1:8900".parse().expect("addr"))
        );
        assert_eq!(
            literal("https://10.0.0.1/x"),
            Some("10.0.0.1:443".parse().expect("addr"))
        );
        assert_eq!(
            literal("http://[::1]/x"),
            Some("[::1]:80".parse().expect("addr"))
        );
        assert_eq!(
            literal("https://identity.api.rackspacecloud.com/v2.0/"),
            None
        );
        assert_eq!(literal("http://localhost:1/"), None);
    }
}
