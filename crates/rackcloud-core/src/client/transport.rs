//! One HTTP exchange over the shared `ureq::Agent`: headers, the plain-`http://` rule, the body
//! limit, logging, and the mapping of transport failures to [`Error`].

use std::time::{Duration, Instant};

use ureq::http::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue};
use ureq::http::{HeaderMap, Request, Uri};
use ureq::{Agent, AsSendBody};

use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::errors::echoes::redact;
use crate::method::Method;
use crate::proxy::ProxyConfig;
use crate::redact::shown_url;
use crate::resolver::{LiteralFirstResolver, is_loopback};
use crate::secret::Secret;
use crate::tls::TrustedRoots;
use crate::transport_error::{Peer, from_ureq, invalid_header};

/// What one exchange sends.
pub(crate) struct Outgoing<'a> {
    pub(crate) method: Method,
    pub(crate) url: &'a str,
    pub(crate) token: Option<&'a Secret>,
    pub(crate) body: Option<&'a [u8]>,
    /// The body carries a credential (the identity request): it is never logged.
    pub(crate) body_is_secret: bool,
    /// The multi-factor session of the passcode request (`X-SessionId`).
    pub(crate) session_id: Option<&'a str>,
    /// Secrets the request carries in its body (a credential, a passcode): a header value that
    /// echoes one is logged with it redacted, as one that echoes the token or the session id.
    pub(crate) echoes: &'a [&'a str],
    /// A shorter limit than the configured timeout for this exchange (the time left before an
    /// operation's deadline).
    pub(crate) time_left: Option<Duration>,
}

/// What came back: any status, its headers and the whole body.
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// The settings of the HTTP layer.
#[derive(Debug, Clone)]
pub(crate) struct TransportConfig {
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) user_agent: String,
    pub(crate) allow_plain_http: bool,
    pub(crate) max_body_bytes: u64,
    pub(crate) max_idle_connections_per_host: usize,
    pub(crate) roots: TrustedRoots,
    /// Resolved: never `from_env`.
    pub(crate) proxy: ProxyConfig,
}

pub(crate) struct Transport {
    agent: Agent,
    config: TransportConfig,
    /// The proxy, if any, to name the peer of a failed exchange.
    proxy: Option<ureq::Proxy>,
}

const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");
const X_AUTH_TOKEN: HeaderName = HeaderName::from_static("x-auth-token");
const X_SESSION_ID: HeaderName = HeaderName::from_static("x-sessionid");

/// Response headers worth a debug line; everything else (cookies, tokens) stays out of logs.
const LOGGED_RESPONSE_HEADERS: [&str; 3] = ["content-type", "content-length", "retry-after"];

impl Transport {
    pub(crate) fn new(config: TransportConfig) -> Transport {
        let proxy = config.proxy.to_ureq();
        let agent_config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .user_agent(config.user_agent.as_str())
            .max_idle_connections_per_host(config.max_idle_connections_per_host)
            .max_idle_connections(config.max_idle_connections_per_host.saturating_mul(4))
            .tls_config(config.roots.tls_config())
            .proxy(proxy.clone())
            .build();
        let agent = Agent::with_parts(
            agent_config,
            crate::client::connect_deadline::connector(),
            LiteralFirstResolver::default(),
        );
        Transport {
            agent,
            config,
            proxy,
        }
    }

    pub(crate) fn config(&self) -> &TransportConfig {
        &self.config
    }

    /// The time left before the operation's deadline, when it is shorter than the agent's own
    /// timeout. Only then does a request carry a configuration of its own (which costs an
    /// allocation and a copy of the agent's settings).
    fn shorter_timeout(&self, out: &Outgoing<'_>) -> Option<Duration> {
        out.time_left.filter(|left| *left < self.config.timeout)
    }

    /// Runs a built request, with its own timeout when the operation's deadline is near.
    fn run(
        &self,
        request: Request<impl AsSendBody>,
        out: &Outgoing<'_>,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        match self.shorter_timeout(out) {
            Some(timeout) => self.agent.run(
                self.agent
                    .configure_request(request)
                    .timeout_global(Some(timeout))
                    .build(),
            ),
            None => self.agent.run(request),
        }
    }

    /// Sends one request and reads the whole answer, whatever its status.
    pub(crate) fn send(&self, out: &Outgoing<'_>) -> Result<Reply, Error> {
        let method = out.method.as_str();
        let shown = shown_url(out.url);
        let fail = |e: Error| e.with_request(method, &shown);
        let uri = checked_uri(out.url, self.config.allow_plain_http).map_err(fail)?;
        let peer = || self.peer(&uri);
        let mut builder = Request::builder()
            .method(out.method.as_http())
            .uri(&uri)
            .header(ACCEPT, APPLICATION_JSON);
        if let Some(token) = out.token {
            builder = builder.header(X_AUTH_TOKEN, token.expose());
        }
        if let Some(session) = out.session_id {
            builder = builder.header(X_SESSION_ID, session);
        }
        log_request(out);
        let started = Instant::now();
        let response = match out.body {
            Some(body) => builder
                .header(CONTENT_TYPE, APPLICATION_JSON)
                .body(body)
                .map(|request| self.run(request, out)),
            None => builder.body(()).map(|request| self.run(request, out)),
        }
        .map_err(|e| fail(invalid_header(e)))?;
        let (head, mut body) = response
            .map_err(|e| fail(from_ureq(e, &peer())))?
            .into_parts();
        let body = body
            .with_config()
            .limit(self.config.max_body_bytes)
            .read_to_vec()
            .map_err(|e| fail(from_ureq(e, &peer())))?;
        let reply = Reply {
            status: head.status.as_u16(),
            headers: head.headers,
            body,
        };
        log_reply(out, &reply, started.elapsed());
        Ok(reply)
    }
}

impl Transport {
    /// The service's `host:port` for `uri`, and the proxy's when the request goes through one.
    fn peer(&self, uri: &Uri) -> Peer {
        let host = uri.host().unwrap_or_default();
        let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
            Some("http") => 80,
            _ => 443,
        });
        let proxy = self
            .proxy
            .as_ref()
            .filter(|proxy| !proxy.is_no_proxy(uri))
            .map(|proxy| format!("{}:{}", proxy.host(), proxy.port()));
        Peer {
            target: format!("{host}:{port}"),
            proxy,
        }
    }
}

/// Credentials go over `https://`, or over `http://` only to a loopback address or when the
/// caller opted in.
pub(crate) fn check_url(url: &str, allow_plain_http: bool) -> Result<(), Error> {
    checked_uri(url, allow_plain_http).map(drop)
}

/// The parsed URL, when credentials may be sent to it (see [`check_url`]).
fn checked_uri(url: &str, allow_plain_http: bool) -> Result<Uri, Error> {
    let uri: Uri = url.parse().map_err(|e| {
        Error::new(
            ErrorKind::Configuration,
            format!("{url:?} is not a valid URL"),
        )
        .with_source(e)
    })?;
    let host = uri.host().unwrap_or_default();
    let allowed = match uri.scheme_str() {
        Some("https") if !host.is_empty() => Ok(()),
        Some("http") if !host.is_empty() => {
            if allow_plain_http || is_loopback(host) {
                Ok(())
            } else {
                Err(Error::new(
                    ErrorKind::Configuration,
                    format!(
                        "refusing to send credentials over plain http:// to {host}; use https://, or allow plain http with ProviderClientBuilder::allow_plain_http"
                    ),
                ))
            }
        }
        _ => Err(Error::new(
            ErrorKind::Configuration,
            format!("{url:?} is not an absolute http:// or https:// URL"),
        )),
    };
    allowed.map(|()| uri)
}

fn log_request(out: &Outgoing<'_>) {
    if !log::log_enabled!(log::Level::Debug) {
        return;
    }
    let body = match out.body {
        Some(b) => format!(" content-type=application/json content-length={}", b.len()),
        None => String::new(),
    };
    let token = if out.token.is_some() {
        " x-auth-token=[redacted]"
    } else {
        ""
    };
    log::debug!(
        "request {} {} accept=application/json{body}{token}",
        out.method,
        shown_url(out.url)
    );
    if let Some(body) = out.body.filter(|_| !out.body_is_secret) {
        log::trace!("request body {}", crate::log_redact::loggable_body(body));
    }
}

fn log_reply(out: &Outgoing<'_>, reply: &Reply, elapsed: Duration) {
    if !log::log_enabled!(log::Level::Debug) {
        return;
    }
    let mut echoes = out.echoes.to_vec();
    echoes.extend(out.token.map(Secret::expose));
    echoes.extend(out.session_id);
    let headers: String = LOGGED_RESPONSE_HEADERS
        .iter()
        .filter_map(|name| {
            reply
                .header(name)
                .map(|v| format!(" {name}={}", redact(v, &echoes)))
        })
        .collect();
    log::debug!(
        "response {} {} -> {} in {} ms{headers}",
        out.method,
        shown_url(out.url),
        reply.status,
        elapsed.as_millis()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback_unless_allowed() {
        assert!(check_url("https://identity.api.rackspacecloud.com/v2.0/tokens", false).is_ok());
        assert!(check_url("http://127.0.0.1:8900/v2.0/tokens", false).is_ok());
        assert!(check_url("http://127.8.0.1/x", false).is_ok());
        assert!(check_url("http://localhost:1/x", false).is_ok());
        assert!(check_url("http://[::1]:1/x", false).is_ok());
        let e = check_url("http://lb.example.com/x", false).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Configuration);
        assert!(
            e.to_string()
                .contains("refusing to send credentials over plain http:// to lb.example.com")
        );
        assert!(check_url("http://lb.example.com/x", true).is_ok());
        assert!(check_url("ftp://x/y", true).is_err());
        assert!(check_url("/relative", true).is_err());
        assert!(check_url("not a url", true).is_err());
    }
}
