//! [`ProxyConfig`]: whether and through which HTTP proxy a client connects.

use std::fmt;

use ureq::http::Uri;
use ureq::{Proxy, ProxyProtocol};

use crate::error::Error;
use crate::error_kind::ErrorKind;

/// Where requests always go directly when the proxy comes from the environment: loopback, so
/// that a local emulator keeps working behind a company proxy.
const LOOPBACK: [&str; 4] = ["localhost", "127.", "[::1]", "::1"];

/// How a [`ProviderClient`](crate::ProviderClient) reaches the network: directly or through an
/// HTTP proxy (`CONNECT`, so TLS runs end to end between the client and the service).
///
/// - [`ProxyConfig::from_env`] (the default) reads `HTTPS_PROXY`, then `https_proxy`, and the
///   hosts to reach directly from `NO_PROXY`, then `no_proxy` (comma-separated: `host`,
///   `.domain` or `*.domain` for its subdomains, `*` for everything). Loopback addresses
///   (`localhost`, `127.*`, `::1`) always go directly. `HTTP_PROXY` and `ALL_PROXY` are not
///   read: every credential the SDK sends goes over `https://`.
/// - [`ProxyConfig::url`]: an explicit proxy (`http://host:port`, or with credentials
///   `http://user:password@host:port`), for every host, loopback included, except those given
///   to [`no_proxy`](Self::no_proxy).
/// - [`ProxyConfig::none`]: never a proxy, whatever the environment says.
///
/// A proxy URL's user name and password never appear in `Debug`, errors or logs.
///
/// ```
/// use rackcloud_core::{ProviderClient, ProxyConfig};
///
/// # fn main() -> Result<(), rackcloud_core::Error> {
/// let proxy = ProxyConfig::url("http://janitor:s3cret@proxy.corp.example:3128")?
///     .no_proxy("metadata.internal,.corp.example");
/// assert_eq!(format!("{proxy:?}"), "ProxyConfig(http://[credentials]@proxy.corp.example:3128, no_proxy: metadata.internal,.corp.example)");
/// let builder = ProviderClient::builder().proxy(proxy);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Default)]
#[must_use = "a builder does nothing until it is used"]
pub struct ProxyConfig {
    kind: Kind,
}

#[derive(Clone, Default)]
enum Kind {
    #[default]
    FromEnv,
    None,
    Url {
        proxy: Box<Parsed>,
        no_proxy: Vec<String>,
        /// Loopback goes directly (a proxy found in the environment).
        loopback_direct: bool,
    },
}

#[derive(Clone)]
struct Parsed {
    protocol: ProxyProtocol,
    host: String,
    port: u16,
    username: Option<String>,
    password: Option<String>,
}

impl ProxyConfig {
    /// The proxy named by the environment, if any (the default; see the type's documentation).
    pub fn from_env() -> ProxyConfig {
        ProxyConfig {
            kind: Kind::FromEnv,
        }
    }

    /// Never use a proxy.
    pub fn none() -> ProxyConfig {
        ProxyConfig { kind: Kind::None }
    }

    /// An explicit proxy: `http://[user[:password]@]host[:port]` (port 80 by default) or
    /// `https://…` (TLS to the proxy too, port 443 by default). Percent-encode `@`, `:` and `%`
    /// in the user name and password.
    ///
    /// # Errors
    ///
    /// [`Configuration`](ErrorKind::Configuration) when the URL is not an `http://` or
    /// `https://` URL with a host; the message never repeats the credentials.
    pub fn url(url: &str) -> Result<ProxyConfig, Error> {
        Ok(ProxyConfig {
            kind: Kind::Url {
                proxy: Box::new(parse(url)?),
                no_proxy: Vec::new(),
                loopback_direct: false,
            },
        })
    }

    /// What [`from_env`](Self::from_env) finds, reading variables through `lookup` (for tests
    /// and for programs that keep their settings elsewhere). An empty variable counts as unset.
    ///
    /// # Errors
    ///
    /// [`Configuration`](ErrorKind::Configuration) when `HTTPS_PROXY` (or `https_proxy`) is not
    /// a usable proxy URL: a typo there must not silently send traffic directly.
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<ProxyConfig, Error> {
        let var = |upper: &str, lower: &str| {
            lookup(upper)
                .filter(|v| !v.trim().is_empty())
                .or_else(|| lookup(lower).filter(|v| !v.trim().is_empty()))
        };
        let Some(url) = var("HTTPS_PROXY", "https_proxy") else {
            return Ok(ProxyConfig::none());
        };
        let proxy = parse(url.trim()).map_err(|e| {
            let why = e.detail().unwrap_or("the proxy URL is not usable");
            Error::new(ErrorKind::Configuration, format!("HTTPS_PROXY: {why}"))
        })?;
        let no_proxy = var("NO_PROXY", "no_proxy")
            .map(|list| split_list(&list))
            .unwrap_or_default();
        Ok(ProxyConfig {
            kind: Kind::Url {
                proxy: Box::new(proxy),
                no_proxy,
                loopback_direct: true,
            },
        })
    }

    /// Hosts to reach directly, comma-separated as in `NO_PROXY`: `host`, `.domain` or
    /// `*.domain`, `*`. Adds to those already given; ignored for `from_env` and `none`.
    pub fn no_proxy(mut self, hosts: &str) -> ProxyConfig {
        if let Kind::Url { no_proxy, .. } = &mut self.kind {
            no_proxy.extend(split_list(hosts));
        }
        self
    }

    /// Resolves `from_env` now, so that the agent gets a fixed setting.
    pub(crate) fn resolved(&self) -> Result<ProxyConfig, Error> {
        match self.kind {
            Kind::FromEnv => ProxyConfig::from_env_with(|name| std::env::var(name).ok()),
            _ => Ok(self.clone()),
        }
    }

    /// The proxy for ureq's agent; `None` for a direct connection. Call on a resolved setting.
    pub(crate) fn to_ureq(&self) -> Option<Proxy> {
        let Kind::Url {
            proxy,
            no_proxy,
            loopback_direct,
        } = &self.kind
        else {
            return None;
        };
        let mut builder = Proxy::builder(proxy.protocol)
            .host(&proxy.host)
            .port(proxy.port);
        if let Some(user) = &proxy.username {
            builder = builder.username(user);
        }
        if let Some(password) = &proxy.password {
            builder = builder.password(password);
        }
        for host in no_proxy {
            builder = builder.no_proxy(host);
        }
        if *loopback_direct {
            for host in LOOPBACK {
                builder = builder.no_proxy(host);
            }
        }
        // The parts were checked when parsed; a failure here would be ureq's own.
        builder.build().ok()
    }
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse(url: &str) -> Result<Parsed, Error> {
    let bad = |why: &str| {
        Error::new(
            ErrorKind::Configuration,
            format!("the proxy URL is not usable: {why}"),
        )
    };
    let uri: Uri = url
        .parse()
        .map_err(|_| bad("expected http://[user:password@]host[:port]"))?;
    let protocol = match uri.scheme_str() {
        Some(s) if s.eq_ignore_ascii_case("http") => ProxyProtocol::Http,
        Some(s) if s.eq_ignore_ascii_case("https") => ProxyProtocol::Https,
        _ => return Err(bad("the scheme must be http:// or https://")),
    };
    let authority = uri.authority().ok_or_else(|| bad("no host"))?;
    let host = authority.host();
    if host.is_empty() {
        return Err(bad("no host"));
    }
    let port = authority
        .port_u16()
        .unwrap_or(if protocol == ProxyProtocol::Https {
            443
        } else {
            80
        });
    let (username, password) = match authority.as_str().rsplit_once('@') {
        None => (None, None),
        Some((userinfo, _)) => {
            let (user, password) = match userinfo.split_once(':') {
                Some((u, p)) => (u, Some(p)),
                None => (userinfo, None),
            };
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8()
                    .map(|c| c.into_owned())
                    .map_err(|_| bad("the credentials are not valid percent-encoded UTF-8"))
            };
            (Some(decode(user)?), password.map(decode).transpose()?)
        }
    };
    Ok(Parsed {
        protocol,
        host: host.to_owned(),
        port,
        username,
        password,
    })
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::FromEnv => f.write_str("ProxyConfig(from the environment)"),
            Kind::None => f.write_str("ProxyConfig(none)"),
            Kind::Url {
                proxy, no_proxy, ..
            } => {
                let scheme = if proxy.protocol == ProxyProtocol::Https {
                    "https"
                } else {
                    "http"
                };
                let credentials = if proxy.username.is_some() {
                    "[credentials]@"
                } else {
                    ""
                };
                write!(
                    f,
                    "ProxyConfig({scheme}://{credentials}{}:{}",
                    proxy.host, proxy.port
                )?;
                if !no_proxy.is_empty() {
                    write!(f, ", no_proxy: {}", no_proxy.join(","))?;
                }
                f.write_str(")")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn environment_variables_in_order() {
        let none = ProxyConfig::from_env_with(env(&[("HTTP_PROXY", "http://p:1")])).unwrap();
        assert_eq!(format!("{none:?}"), "ProxyConfig(none)");
        let lower = ProxyConfig::from_env_with(env(&[
            ("https_proxy", "http://low:2"),
            ("no_proxy", "a.example, .b.example"),
        ]))
        .unwrap();
        assert_eq!(
            format!("{lower:?}"),
            "ProxyConfig(http://low:2, no_proxy: a.example,.b.example)"
        );
        let upper = ProxyConfig::from_env_with(env(&[
            ("HTTPS_PROXY", "http://up:3"),
            ("https_proxy", "http://low:2"),
            ("NO_PROXY", ""),
            ("no_proxy", "x"),
        ]))
        .unwrap();
        assert_eq!(
            format!("{upper:?}"),
            "ProxyConfig(http://up:3, no_proxy: x)"
        );
        let e = ProxyConfig::from_env_with(env(&[("HTTPS_PROXY", "ftp://u:pw@h")])).unwrap_err();
        assert!(e.to_string().contains("HTTPS_PROXY"), "{e}");
        assert_eq!(
            e.to_string().matches("configuration error").count(),
            1,
            "{e}"
        );
        assert!(!e.to_string().contains("pw"), "{e}");
    }

    #[test]
    fn credentials_never_printed() {
        let p = ProxyConfig::url("http://alice:pa%40ss@proxy:3128").unwrap();
        let debug = format!("{p:?}");
        assert!(!debug.contains("alice") && !debug.contains("pa"), "{debug}");
        let ureq = p.to_ureq().unwrap();
        assert_eq!(ureq.username(), Some("alice"));
        assert_eq!(ureq.password(), Some("pa@ss"));
        let ureq_debug = format!("{ureq:?}");
        assert!(!ureq_debug.contains("pa@ss") && !ureq_debug.contains("pa%40ss"));
    }

    #[test]
    fn environment_proxy_skips_loopback() {
        let p = ProxyConfig::from_env_with(env(&[("HTTPS_PROXY", "http://p:1")]))
            .unwrap()
            .to_ureq()
            .unwrap();
        for url in [
            "http://127.0.0.1:9/x",
            "http://localhost/x",
            "http://[::1]:9/x",
        ] {
            assert!(p.is_no_proxy(&url.parse().unwrap()), "{url}");
        }
        assert!(!p.is_no_proxy(&"https://lb.example.com/".parse().unwrap()));
        let explicit = ProxyConfig::url("http://p:1").unwrap().to_ureq().unwrap();
        assert!(!explicit.is_no_proxy(&"http://127.0.0.1:9/x".parse().unwrap()));
    }

    #[test]
    fn bad_urls() {
        for url in ["", "socks5://h:1", "http://", "not a url"] {
            assert!(ProxyConfig::url(url).is_err(), "{url}");
        }
        assert_eq!(
            format!("{:?}", ProxyConfig::url("https://h").unwrap()),
            "ProxyConfig(https://h:443)"
        );
    }
}
