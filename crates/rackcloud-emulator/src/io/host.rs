//! The `Host` check every request goes through before the routes: the emulator answers only
//! requests addressed to this machine's loopback (`127.0.0.1`, `[::1]`, `localhost`), to the
//! address it listens on, or to a name the builder allowed, with or without a port. A web page
//! that rebinds its own name to 127.0.0.1 sends its name as `Host`, so it is refused even though
//! its requests reach the port (docs/emulator-control-api.md, "Who may call it").

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error_replies;
use crate::http::Reply;

/// The status of a refused `Host`: 421 Misdirected Request (the server does not answer for it).
pub(crate) const MISDIRECTED: u16 = 421;
/// At most this much of a refused `Host` value is quoted back.
const QUOTED: usize = 100;

/// Which `Host` values are answered.
#[derive(Debug, Clone)]
pub(crate) struct HostRule {
    /// Host names and IP literals answered, lower case, IPv6 without brackets.
    names: Vec<String>,
    /// The names allowed beyond loopback and the listen address, as the refusal lists them.
    allowed: Vec<String>,
    /// Listening on a wildcard address: any IP literal is answered (rebinding needs a name).
    any_ip: bool,
}

impl HostRule {
    /// The rule for a server listening on `listen`, answering also the `extra` names.
    pub(crate) fn new(listen: IpAddr, extra: &[String]) -> HostRule {
        let mut names: Vec<String> = vec![
            "localhost".to_owned(),
            Ipv4Addr::LOCALHOST.to_string(),
            Ipv6Addr::LOCALHOST.to_string(),
        ];
        if !listen.is_unspecified() {
            names.push(listen.to_string());
        }
        // A name allowed with a port (`emulator:8900`) is the name, answered on any port.
        let allowed: Vec<String> = extra
            .iter()
            .map(|n| name_of(n).unwrap_or_else(|| n.trim().to_ascii_lowercase()))
            .filter(|n| !n.is_empty())
            .collect();
        names.extend(allowed.iter().cloned());
        names.sort();
        names.dedup();
        HostRule {
            names,
            allowed,
            any_ip: listen.is_unspecified(),
        }
    }

    /// [`check`](Self::check) for every `Host` header of a request: more than one is refused
    /// with 400, since a proxy and the emulator might each read a different one.
    pub(crate) fn check_all<'a>(
        &self,
        mut hosts: impl Iterator<Item = &'a str>,
    ) -> Result<(), Reply> {
        let first = hosts.next();
        if hosts.next().is_some() {
            return Err(error_replies::flat(
                400,
                "A request has at most one Host header: this one has several.",
            ));
        }
        self.check(first)
    }

    /// `Ok` when a request with this `Host` header (or none: an HTTP/1.0 client may send none,
    /// and a browser, the one a rebinding page drives, always sends one) is answered; the 421
    /// refusal otherwise.
    pub(crate) fn check(&self, host: Option<&str>) -> Result<(), Reply> {
        let Some(value) = host else {
            return Ok(());
        };
        match name_of(value) {
            Some(name) if self.allows(&name) => Ok(()),
            _ => Err(self.refusal(value)),
        }
    }

    fn refusal(&self, value: &str) -> Reply {
        let quoted: String = value.chars().take(QUOTED).collect();
        let allowed = match self.allowed.as_slice() {
            [] => String::new(),
            names => format!(", the names it was allowed ({})", names.join(", ")),
        };
        error_replies::flat(
            MISDIRECTED,
            &format!(
                "This emulator does not answer for Host '{quoted}': only 127.0.0.1, [::1], \
                 localhost and the address it listens on{allowed} (with any port), so that a web \
                 page cannot reach it by rebinding its own name to this machine."
            ),
        )
    }

    fn allows(&self, name: &str) -> bool {
        if self.names.iter().any(|n| n == name) {
            return true;
        }
        self.any_ip && name.parse::<IpAddr>().is_ok()
    }
}

/// The host part of a `Host` value, lower case, IPv6 without brackets: `None` when the value is
/// not `name`, `name:port`, `[v6]` or `[v6]:port`.
fn name_of(value: &str) -> Option<String> {
    let value = value.trim().to_ascii_lowercase();
    let (name, port) = match value.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            inside.parse::<Ipv6Addr>().ok()?;
            (
                inside.to_owned(),
                after.strip_prefix(':').map(str::to_owned),
            )
        }
        None => match value.rsplit_once(':') {
            Some((name, port)) => (name.to_owned(), Some(port.to_owned())),
            None => (value.clone(), None),
        },
    };
    if value.starts_with('[') && !value.ends_with(']') && port.is_none() {
        return None;
    }
    if let Some(port) = port {
        port.parse::<u16>().ok()?;
    }
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_with_or_without_a_port() {
        let rule = HostRule::new(IpAddr::V4(Ipv4Addr::LOCALHOST), &[]);
        for host in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:1",
            "[::1]",
            "[::1]:443",
        ] {
            assert!(rule.check(Some(host)).is_ok(), "{host}");
        }
        assert!(rule.check(None).is_ok());
        for host in [
            "evil.example",
            "evil.example:8080",
            "127.0.0.2",
            "localhost:http",
            "[::1",
            "[::1]x",
            "::1",
            "",
            ":80",
            "localhost.:80",
        ] {
            let refused = rule.check(Some(host)).expect_err(host);
            assert_eq!(refused.status, MISDIRECTED, "{host}");
        }
    }

    #[test]
    fn the_listen_address_and_allowed_names() {
        let listen: IpAddr = "192.0.2.7".parse().expect("an address");
        let rule = HostRule::new(listen, &["Emulator".to_owned()]);
        assert!(rule.check(Some("192.0.2.7:9000")).is_ok());
        assert!(rule.check(Some("emulator:9000")).is_ok());
        assert!(rule.check(Some("192.0.2.8:9000")).is_err());
        let wildcard = HostRule::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), &[]);
        assert!(wildcard.check(Some("198.51.100.1:9000")).is_ok());
        assert!(wildcard.check(Some("[2001:db8::1]:9000")).is_ok());
        assert!(wildcard.check(Some("rebound.example:9000")).is_err());
    }
}
