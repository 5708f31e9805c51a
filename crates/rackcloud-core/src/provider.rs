//! [`ProviderClient`]: the authenticated connection to Rackspace, shared by every service client.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime};

use crate::auth_options::AuthOptions;
use crate::catalog::Catalog;
use crate::endpoint::{self, EndpointOpts};
use crate::error::Error;
use crate::identity::{self, Session};
use crate::method::Method;
use crate::result::{RequestResult, Response};
use crate::retry::{self, RetryPolicy};
use crate::secret::Secret;
use crate::transport::{Outgoing, Reply, Transport, TransportConfig};

/// The default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default time allowed for one request, from connecting to the last byte of the body
/// (an operation's retries together have [`RetryPolicy::DEFAULT_DEADLINE`]).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default limit on a response body.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;
/// How long before its expiry a token is replaced by default.
pub const DEFAULT_TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);
/// After an early refresh, how long before the next one may be tried: a down identity service
/// does not get a token request with every call, and a client whose clock runs far ahead of the
/// server's (so that every new token already looks close to expiry) does not refresh on every call.
const REFRESH_PAUSE: Duration = Duration::from_secs(10);

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

/// The authenticated client: one connection pool, the token and the service catalog.
///
/// Cheap to clone and `Send + Sync`: clones share the pool, the token and the single
/// re-authentication that follows a 401.
#[derive(Clone)]
pub struct ProviderClient {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    auth: Option<AuthOptions>,
    session: RwLock<Arc<Session>>,
    reauth_lock: Mutex<()>,
    token_requests: AtomicU64,
    retry: RetryPolicy,
    refresh_margin: Duration,
    last_refresh: Mutex<Option<Instant>>,
}

impl fmt::Debug for ProviderClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let session = self.session();
        f.debug_struct("ProviderClient")
            .field(
                "identity",
                &self.inner.auth.as_ref().map(AuthOptions::identity_url),
            )
            .field("tenant_id", &session.tenant_id)
            .field("token", &session.token)
            .field("config", self.inner.transport.config())
            .field("retry", &self.inner.retry)
            .finish()
    }
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
}

impl Default for ProviderClientBuilder {
    fn default() -> ProviderClientBuilder {
        ProviderClientBuilder {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            user_agent_prefix: None,
            allow_plain_http: false,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_idle_connections_per_host: 16,
            retry: RetryPolicy::default(),
            refresh_margin: DEFAULT_TOKEN_REFRESH_MARGIN,
        }
    }
}

impl ProviderClientBuilder {
    /// Time allowed to open a connection (default [`DEFAULT_CONNECT_TIMEOUT`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> ProviderClientBuilder {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for one whole request, body included (default [`DEFAULT_TIMEOUT`]).
    pub fn timeout(mut self, timeout: Duration) -> ProviderClientBuilder {
        self.timeout = timeout;
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

    /// The largest response body the client will read (default [`DEFAULT_MAX_BODY_BYTES`]).
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

    /// Replace the token this long before it expires (default [`DEFAULT_TOKEN_REFRESH_MARGIN`]),
    /// once for all threads, instead of waiting for a 401.
    pub fn token_refresh_margin(mut self, margin: Duration) -> ProviderClientBuilder {
        self.refresh_margin = margin;
        self
    }

    /// Authenticates and returns the client.
    ///
    /// # Errors
    ///
    /// As [`authenticated_client`].
    pub fn authenticate(self, opts: AuthOptions) -> Result<ProviderClient, Error> {
        let transport = Transport::new(self.transport_config());
        let url = tokens_url(opts.identity_url());
        let session = retry::run(&self.retry, Method::Post, &url, |left| {
            authenticate(&transport, &opts, Some(left))
        })?;
        Ok(self.client(transport, Some(opts), session))
    }

    /// A client that uses a token it was given, with no identity service and no catalog (for
    /// tests and proxies). A 401 is final: there is nothing to re-authenticate with.
    pub fn with_token(self, token: impl Into<Secret>) -> ProviderClient {
        let session = Session {
            token: token.into(),
            expires: None,
            tenant_id: None,
            default_region: None,
            catalog: Catalog::default(),
        };
        let transport = Transport::new(self.transport_config());
        self.client(transport, None, session)
    }

    fn client(
        self,
        transport: Transport,
        auth: Option<AuthOptions>,
        session: Session,
    ) -> ProviderClient {
        let token_requests = u64::from(auth.is_some());
        ProviderClient {
            inner: Arc::new(Inner {
                transport,
                auth,
                session: RwLock::new(Arc::new(session)),
                reauth_lock: Mutex::new(()),
                token_requests: AtomicU64::new(token_requests),
                retry: self.retry,
                refresh_margin: self.refresh_margin,
                last_refresh: Mutex::new(None),
            }),
        }
    }

    fn transport_config(&self) -> TransportConfig {
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

    /// The current token. Keep it in its [`Secret`]: it grants the account's access.
    pub fn token(&self) -> Secret {
        self.session().token.clone()
    }

    /// When the current token expires, when the identity service said.
    pub fn token_expires(&self) -> Option<SystemTime> {
        self.session().expires
    }

    /// The tenant (account) the token is scoped to, when known.
    pub fn tenant_id(&self) -> Option<String> {
        self.session().tenant_id.clone()
    }

    /// The user's default region (`RAX-AUTH:defaultRegion`), when the identity service named one.
    pub fn default_region(&self) -> Option<String> {
        self.session().default_region.clone()
    }

    /// The service catalog of the current token (empty for a client made with a token).
    pub fn catalog(&self) -> Catalog {
        self.session().catalog.clone()
    }

    /// Whether credentials may go over plain `http://` to hosts that are not loopback addresses.
    pub fn allows_plain_http(&self) -> bool {
        self.inner.transport.config().allow_plain_http
    }

    /// The retry policy of this client.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The `User-Agent` header the client sends.
    pub fn user_agent(&self) -> &str {
        &self.inner.transport.config().user_agent
    }

    /// How many token requests this client has made: one for the first authentication, plus one
    /// per re-authentication.
    pub fn token_requests(&self) -> u64 {
        self.inner.token_requests.load(Ordering::Relaxed)
    }

    /// Finds the one endpoint URL of `service_type` that matches `opts` (see [`EndpointOpts`]);
    /// with no region in `opts`, the user's default region is used when known.
    ///
    /// # Errors
    ///
    /// [`EndpointNotFound`](crate::ErrorKind::EndpointNotFound) or
    /// [`EndpointAmbiguous`](crate::ErrorKind::EndpointAmbiguous), saying what was looked for and, for
    /// several matches, listing them.
    pub fn locate_endpoint(
        &self,
        service_type: &str,
        opts: &EndpointOpts,
    ) -> Result<String, Error> {
        let session = self.session();
        let region = opts
            .region_name()
            .map(str::to_owned)
            .or_else(|| session.default_region.clone());
        endpoint::locate(
            &session.catalog,
            service_type,
            opts.service_name(),
            region.as_deref(),
            opts.availability_kind(),
        )
    }

    /// Sends one request with the current token and reads the whole answer. On a 401, when
    /// re-authentication is allowed, it re-authenticates once (shared with every thread that
    /// met the same 401) and repeats the request once.
    pub(crate) fn request(
        &self,
        method: Method,
        url: &str,
        body: Option<&[u8]>,
        ok_codes: &[u16],
    ) -> RequestResult {
        RequestResult::new(self.request_inner(method, url, body, ok_codes))
    }

    fn request_inner(
        &self,
        method: Method,
        url: &str,
        body: Option<&[u8]>,
        ok_codes: &[u16],
    ) -> Result<Response, Error> {
        let mut reauthenticated = false;
        retry::run(&self.inner.retry, method, url, |time_left| {
            let deadline = Instant::now() + time_left;
            let left = || deadline.saturating_duration_since(Instant::now());
            self.refresh_if_expiring(left());
            let session = self.session();
            let mut reply = self.send_with(&session.token, method, url, body, left())?;
            if reply.status == 401 && !reauthenticated && self.can_reauthenticate() {
                reauthenticated = true;
                self.reauthenticate(&session.token, left())?;
                reply = self.send_with(&self.session().token, method, url, body, left())?;
            }
            if !ok_codes.contains(&reply.status) {
                return Err(Error::from_status(
                    method.as_str(),
                    url,
                    reply.status,
                    reply.header("retry-after"),
                    &reply.body,
                ));
            }
            Ok(Response::new(
                method,
                url.to_owned(),
                reply.status,
                reply.headers,
                reply.body,
            ))
        })
    }

    fn send_with(
        &self,
        token: &Secret,
        method: Method,
        url: &str,
        body: Option<&[u8]>,
        time_left: Duration,
    ) -> Result<Reply, Error> {
        self.inner.transport.send(&Outgoing {
            method,
            url,
            token: Some(token),
            body,
            body_is_secret: false,
            time_left: Some(time_left),
        })
    }

    /// Replaces the token ahead of its expiry, once for all threads and at most once per
    /// [`REFRESH_PAUSE`]. A failure is logged and the current token is used: if it has really
    /// expired, the 401 path takes over.
    fn refresh_if_expiring(&self, time_left: Duration) {
        if !self.can_reauthenticate() {
            return;
        }
        let session = self.session();
        let Some(expires) = session.expires else {
            return;
        };
        if SystemTime::now() + self.inner.refresh_margin < expires {
            return;
        }
        {
            let mut last = self
                .inner
                .last_refresh
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if last.is_some_and(|at| at.elapsed() < REFRESH_PAUSE) {
                return;
            }
            *last = Some(Instant::now());
        }
        log::debug!("token expires soon; refreshing it");
        if let Err(e) = self.reauthenticate(&session.token, time_left) {
            log::warn!("could not refresh the token before it expires: {e}");
        }
    }

    fn can_reauthenticate(&self) -> bool {
        self.inner
            .auth
            .as_ref()
            .is_some_and(AuthOptions::reauth_allowed)
    }

    /// Replaces the token `stale`, unless another thread already did: every thread that met a
    /// 401 with the same token waits on one lock, and only the first one asks for a new token.
    fn reauthenticate(&self, stale: &Secret, time_left: Duration) -> Result<(), Error> {
        let Some(opts) = &self.inner.auth else {
            return Ok(());
        };
        let _single_flight = self
            .inner
            .reauth_lock
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if self.session().token != *stale {
            return Ok(());
        }
        log::debug!("re-authenticating");
        self.inner.token_requests.fetch_add(1, Ordering::Relaxed);
        let fresh = authenticate(&self.inner.transport, opts, Some(time_left))?;
        *self
            .inner
            .session
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(fresh);
        Ok(())
    }

    fn session(&self) -> Arc<Session> {
        Arc::clone(
            &self
                .inner
                .session
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }
}

/// `POST {identity}/tokens` with the credential of `opts`.
fn authenticate(
    transport: &Transport,
    opts: &AuthOptions,
    time_left: Option<Duration>,
) -> Result<Session, Error> {
    let url = tokens_url(opts.identity_url());
    let body = identity::token_request_body(opts);
    let reply = transport.send(&Outgoing {
        method: Method::Post,
        url: &url,
        token: None,
        body: Some(&body),
        body_is_secret: true,
        time_left,
    })?;
    if !matches!(reply.status, 200 | 203) {
        return Err(Error::from_status(
            "POST",
            &url,
            reply.status,
            reply.header("retry-after"),
            &reply.body,
        ));
    }
    identity::parse_token_response(&reply.body).map_err(|e| e.with_request("POST", &url))
}

fn tokens_url(identity: &str) -> String {
    format!("{}/tokens", identity.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_url_with_and_without_slash() {
        assert_eq!(tokens_url("http://h/v2.0/"), "http://h/v2.0/tokens");
        assert_eq!(tokens_url("http://h/v2.0"), "http://h/v2.0/tokens");
    }

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
