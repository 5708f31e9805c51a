//! [`ProviderClientBuilder`]: the settings of a [`ProviderClient`] (timeouts, user agent,
//! limits, retry policy), and [`authenticated_client`] with the defaults.

use std::time::Duration;

use crate::auth_options::AuthOptions;
use crate::catalog::Catalog;
use crate::deadline::clamp;
use crate::error::Error;
use crate::identity::Session;
use crate::method::Method;
use crate::provider::ProviderClient;
use crate::proxy::ProxyConfig;
use crate::reauth::{authenticate, tokens_url};
use crate::retry;
use crate::retry_policy::RetryPolicy;
use crate::secret::Secret;
use crate::tls::TrustedRoots;
use crate::transport::{Transport, TransportConfig};

/// Authenticates with the default client settings (gophercloud's
/// `rackspace.AuthenticatedClient`).
///
/// # Errors
///
/// An [`Authentication`](crate::ErrorKind::Authentication) error for refused credentials, a
/// [`Configuration`](crate::ErrorKind::Configuration) error for an unusable identity URL, or any
/// transport or decode error of the token request.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::{AuthOptions, authenticated_client};
///
/// let opts = AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url());
/// let provider = authenticated_client(opts)?;
/// assert_eq!(provider.tenant_id().as_deref(), Some("123456"));
/// assert_eq!(provider.default_region().as_deref(), Some("DFW"));
/// # Ok(())
/// # }
/// ```
pub fn authenticated_client(opts: AuthOptions) -> Result<ProviderClient, Error> {
    ProviderClient::builder().authenticate(opts)
}

/// Settings for a [`ProviderClient`]: timeouts, user agent, limits.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use std::time::Duration;
/// use rackcloud_core::{AuthOptions, ProviderClient};
///
/// let provider = ProviderClient::builder()
///     .connect_timeout(Duration::from_secs(3))
///     .timeout(Duration::from_secs(20))
///     .user_agent_prefix("lb-janitor/2.1")
///     .authenticate(AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url()))?;
/// assert!(provider.user_agent().starts_with("lb-janitor/2.1 rackcloud/"));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until authenticate or with_token is called"]
pub struct ProviderClientBuilder {
    connect_timeout: Duration,
    timeout: Duration,
    user_agent_prefix: Option<String>,
    allow_plain_http: bool,
    max_body_bytes: u64,
    max_idle_connections_per_host: usize,
    retry: RetryPolicy,
    refresh_margin: Duration,
    roots: TrustedRoots,
    proxy: ProxyConfig,
    pacing: crate::pacing::Pacing,
}

impl ProviderClientBuilder {
    /// The default time allowed to open a connection.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// The default time allowed for one request, from connecting to the last byte of the body
    /// (an operation's retries together have [`RetryPolicy::DEFAULT_DEADLINE`]).
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default limit on a response body.
    pub const DEFAULT_MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;
    /// How long before its expiry a token is replaced by default.
    pub const DEFAULT_TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);
}

impl Default for ProviderClientBuilder {
    fn default() -> ProviderClientBuilder {
        ProviderClientBuilder {
            connect_timeout: ProviderClientBuilder::DEFAULT_CONNECT_TIMEOUT,
            timeout: ProviderClientBuilder::DEFAULT_TIMEOUT,
            user_agent_prefix: None,
            allow_plain_http: false,
            max_body_bytes: ProviderClientBuilder::DEFAULT_MAX_BODY_BYTES,
            max_idle_connections_per_host: 16,
            retry: RetryPolicy::default(),
            refresh_margin: ProviderClientBuilder::DEFAULT_TOKEN_REFRESH_MARGIN,
            roots: TrustedRoots::default(),
            proxy: ProxyConfig::default(),
            pacing: crate::pacing::Pacing::default(),
        }
    }
}

impl ProviderClientBuilder {
    /// Time allowed to open a connection (default [`ProviderClientBuilder::DEFAULT_CONNECT_TIMEOUT`]). Anything over
    /// 365 days, such as `Duration::MAX`, is taken as 365 days: no limit in practice.
    pub fn connect_timeout(mut self, timeout: Duration) -> ProviderClientBuilder {
        self.connect_timeout = clamp(timeout);
        self
    }

    /// Time allowed for one whole request, body included (default [`ProviderClientBuilder::DEFAULT_TIMEOUT`]).
    /// Anything over 365 days, such as `Duration::MAX`, is taken as 365 days.
    pub fn timeout(mut self, timeout: Duration) -> ProviderClientBuilder {
        self.timeout = clamp(timeout);
        self
    }

    /// Put `prefix` before `rackcloud/<version>` in the `User-Agent` header.
    pub fn user_agent_prefix(mut self, prefix: impl Into<String>) -> ProviderClientBuilder {
        self.user_agent_prefix = Some(prefix.into());
        self
    }

    /// Allow credentials and tokens over plain `http://` to hosts that are not loopback
    /// addresses (default: refused). Only for trusted networks and test rigs.
    pub fn allow_plain_http(mut self, allow: bool) -> ProviderClientBuilder {
        self.allow_plain_http = allow;
        self
    }

    /// The largest response body the client will read (default [`ProviderClientBuilder::DEFAULT_MAX_BODY_BYTES`]).
    pub fn max_body_bytes(mut self, limit: u64) -> ProviderClientBuilder {
        self.max_body_bytes = limit;
        self
    }

    /// How many idle keep-alive connections to keep per host (default 16): at least the number
    /// of threads that share the client.
    pub fn max_idle_connections_per_host(mut self, count: usize) -> ProviderClientBuilder {
        self.max_idle_connections_per_host = count.max(1);
        self
    }

    /// When and how failed requests are repeated (default [`RetryPolicy::default`];
    /// [`RetryPolicy::none`] turns retries off).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> ProviderClientBuilder {
        self.retry = policy;
        self
    }

    /// Replace the token this long before it expires (default [`ProviderClientBuilder::DEFAULT_TOKEN_REFRESH_MARGIN`]),
    /// once for all threads, instead of waiting for a 401. A margin longer than any token's
    /// life (such as `Duration::MAX`, taken as 365 days) refreshes the token at most every 10
    /// seconds.
    pub fn token_refresh_margin(mut self, margin: Duration) -> ProviderClientBuilder {
        self.refresh_margin = clamp(margin);
        self
    }

    /// The certificate authorities trusted for `https://` (default
    /// [`TrustedRoots::bundled`]); see [`TrustedRoots`].
    pub fn trusted_roots(mut self, roots: TrustedRoots) -> ProviderClientBuilder {
        self.roots = roots;
        self
    }

    /// Whether and through which proxy to connect (default [`ProxyConfig::from_env`]: the
    /// `HTTPS_PROXY` and `NO_PROXY` variables, read when the client is made); see
    /// [`ProxyConfig`].
    pub fn proxy(mut self, proxy: ProxyConfig) -> ProviderClientBuilder {
        self.proxy = proxy;
        self
    }

    /// The per-method budgets every clone and thread of the client keeps to (default
    /// [`Pacing::documented`](crate::Pacing::documented); [`Pacing::off`](crate::Pacing::off)
    /// sends at once); see [`Pacing`](crate::Pacing).
    pub fn pacing(mut self, pacing: crate::pacing::Pacing) -> ProviderClientBuilder {
        self.pacing = pacing;
        self
    }

    /// Authenticates and returns the client.
    ///
    /// # Errors
    ///
    /// As [`authenticated_client`], and a [`Configuration`](crate::ErrorKind::Configuration)
    /// error when `HTTPS_PROXY` is not a usable proxy URL.
    pub fn authenticate(self, opts: AuthOptions) -> Result<ProviderClient, Error> {
        let proxy = self.proxy.resolved()?;
        let transport = Transport::new(self.transport_config(proxy));
        let url = tokens_url(opts.identity_url());
        let session = retry::run(&self.retry, Method::Post, &url, |left| {
            authenticate(&transport, &opts, Some(left))
        })?;
        Ok(self.client(transport, Some(opts), session))
    }

    /// A client that uses a token it was given, with no identity service and no catalog (for
    /// tests and proxies). A 401 is final: there is nothing to re-authenticate with. Since this
    /// cannot fail, an unusable `HTTPS_PROXY` is logged as a warning and ignored here.
    pub fn with_token(self, token: impl Into<Secret>) -> ProviderClient {
        let session = Session {
            token: token.into(),
            expires: None,
            tenant_id: None,
            default_region: None,
            catalog: Catalog::default(),
        };
        let proxy = self.proxy.resolved().unwrap_or_else(|e| {
            log::warn!("{e}; connecting without a proxy");
            ProxyConfig::none()
        });
        let transport = Transport::new(self.transport_config(proxy));
        self.client(transport, None, session)
    }

    fn client(
        self,
        transport: Transport,
        auth: Option<AuthOptions>,
        session: Session,
    ) -> ProviderClient {
        ProviderClient::new(
            transport,
            auth,
            session,
            self.retry,
            self.refresh_margin,
            self.pacing,
        )
    }

    fn transport_config(&self, proxy: ProxyConfig) -> TransportConfig {
        let user_agent = match &self.user_agent_prefix {
            Some(prefix) => format!("{prefix} {}", default_user_agent()),
            None => default_user_agent(),
        };
        TransportConfig {
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            user_agent,
            allow_plain_http: self.allow_plain_http,
            max_body_bytes: self.max_body_bytes,
            max_idle_connections_per_host: self.max_idle_connections_per_host,
            roots: self.roots.clone(),
            proxy,
        }
    }
}

fn default_user_agent() -> String {
    format!("rackcloud/{}", env!("CARGO_PKG_VERSION"))
}

impl ProviderClient {
    /// A builder for a client with non-default settings.
    pub fn builder() -> ProviderClientBuilder {
        ProviderClientBuilder::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_are_send_sync_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<ProviderClient>();
    }

    #[test]
    fn debug_shows_no_token() {
        let client = ProviderClient::builder().with_token("SECRET-TOKEN-XYZ");
        let debug = format!("{client:?}");
        assert!(!debug.contains("SECRET-TOKEN-XYZ"), "{debug}");
        assert!(debug.contains("[redacted]"));
    }
}
