//! [`ProviderClient`]: the authenticated connection to Rackspace, shared by every service client.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime};

use crate::auth_options::AuthOptions;
use crate::catalog::Catalog;
use crate::endpoint::{self, EndpointOpts};
use crate::error::Error;
use crate::identity::Session;
use crate::retry_policy::RetryPolicy;
use crate::secret::Secret;
use crate::transport::Transport;

/// The authenticated client: one connection pool, the token and the service catalog.
///
/// Cheap to clone and `Send + Sync`: clones share the pool, the token and the single
/// re-authentication that follows a 401.
#[derive(Clone)]
pub struct ProviderClient {
    pub(crate) inner: Arc<Inner>,
}

/// What clones of a client share.
pub(crate) struct Inner {
    pub(crate) transport: Transport,
    pub(crate) auth: Option<AuthOptions>,
    pub(crate) session: RwLock<Arc<Session>>,
    pub(crate) reauth_lock: Mutex<()>,
    pub(crate) token_requests: AtomicU64,
    pub(crate) retry: RetryPolicy,
    pub(crate) refresh_margin: Duration,
    pub(crate) last_refresh: Mutex<Option<Instant>>,
    pub(crate) pacer: crate::pacing::Pacer,
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
            .field("pacing", &self.inner.pacer)
            .finish()
    }
}

impl ProviderClient {
    pub(crate) fn new(
        transport: Transport,
        auth: Option<AuthOptions>,
        session: Session,
        retry: RetryPolicy,
        refresh_margin: Duration,
        pacing: crate::pacing::Pacing,
    ) -> ProviderClient {
        let token_requests = u64::from(auth.is_some());
        ProviderClient {
            inner: Arc::new(Inner {
                transport,
                auth,
                session: RwLock::new(Arc::new(session)),
                reauth_lock: Mutex::new(()),
                token_requests: AtomicU64::new(token_requests),
                retry,
                refresh_margin,
                last_refresh: Mutex::new(None),
                pacer: crate::pacing::Pacer::new(pacing),
            }),
        }
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
    pub fn allow_plain_http(&self) -> bool {
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

    pub(crate) fn session(&self) -> Arc<Session> {
        Arc::clone(
            &self
                .inner
                .session
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }
}

impl ProviderClient {
    /// The pacing this client (and every clone of it) keeps to.
    pub fn pacing(&self) -> &crate::pacing::Pacing {
        self.inner.pacer.config()
    }

    /// What pacing has done so far across every clone and thread of this client: requests,
    /// how many waited, and how long in total and at most.
    pub fn pacing_stats(&self) -> crate::pacing::PacingStats {
        self.inner.pacer.stats()
    }
}
