//! Token operations beyond authenticating: revoking the client's own token and validating a
//! token (docs/api/identity.md).

use std::time::{Duration, SystemTime};

use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::identity;
use crate::method::Method;
use crate::provider::ProviderClient;
use crate::reauth::tokens_url;
use crate::redact::shown_url;
use crate::retry;
use crate::secret::Secret;
use crate::transport::{Outgoing, Reply};

/// What the identity service says of a valid token (see [`ProviderClient::validate_token`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TokenInfo {
    expires: Option<SystemTime>,
    tenant_id: Option<String>,
}

impl TokenInfo {
    /// When the token expires, when the service said.
    pub fn expires(&self) -> Option<SystemTime> {
        self.expires
    }

    /// The tenant the token is scoped to, when the service said.
    pub fn tenant_id(&self) -> Option<&str> {
        self.tenant_id.as_deref()
    }
}

impl ProviderClient {
    /// Revokes the client's current token (`DELETE {identity}/tokens`, answered 204): it stops
    /// working at once, for this client and for anyone who copied it. Call it when a program is
    /// done, so that a token that leaked from it is worthless. The client keeps its
    /// credentials: its next call meets a 401 and, when re-authentication is allowed, gets a
    /// new token.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = rackcloud_emulator::Emulator::start()?;
    /// use rackcloud_core::{AuthOptions, authenticated_client};
    ///
    /// let provider = authenticated_client(
    ///     AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url()),
    /// )?;
    /// let token = provider.token();
    /// provider.revoke_token()?;
    /// assert!(provider.validate_token(&token)?.is_none());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Configuration`](ErrorKind::Configuration) for a client made with a token (it knows no
    /// identity service); otherwise as any request (a 401 when the token was already invalid).
    pub fn revoke_token(&self) -> Result<(), Error> {
        let url = tokens_url(self.identity_for("revoke a token")?);
        let token = self.session().token.clone();
        retry::run(&self.inner.retry, Method::Delete, &url, |left| {
            let reply = self.identity_call(Method::Delete, &url, &token, left)?;
            match reply.status {
                200 | 202 | 204 => Ok(()),
                status => {
                    Err(status_error("DELETE", &url, &reply, status)
                        .without_echoes(&[token.expose()]))
                }
            }
        })
    }

    /// Asks the identity service whether `token` is valid (`GET {identity}/tokens/{token}`):
    /// `Some` with what it says of the token (200), `None` when the token is unknown, expired
    /// or revoked (404). The client's own token authorises the question (a user may validate
    /// their own tokens; other tokens need an administrator). The token never appears in logs
    /// or errors: its place in the URL reads `[redacted]`.
    ///
    /// # Errors
    ///
    /// [`Configuration`](ErrorKind::Configuration) for a client made with a token;
    /// [`InvalidInput`](ErrorKind::InvalidInput) for an empty token or one that cannot be a URL
    /// path segment (nothing is sent); otherwise as any request.
    pub fn validate_token(&self, token: &Secret) -> Result<Option<TokenInfo>, Error> {
        let id = token.expose();
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
        {
            return Err(Error::invalid_input(
                "a token to validate must be non-empty letters, digits, '-', '_', '.' or '~'",
            ));
        }
        let base = tokens_url(self.identity_for("validate a token")?);
        let url = format!("{base}/{id}");
        let shown = shown_url(&url);
        let mut reauthenticated = false;
        retry::run(&self.inner.retry, Method::Get, &shown, |left| {
            let own = self.session().token.clone();
            let mut reply = self.identity_call(Method::Get, &url, &own, left)?;
            if reply.status == 401 && !reauthenticated && self.can_reauthenticate() {
                reauthenticated = true;
                self.reauthenticate(&own, left)?;
                let fresh = self.session().token.clone();
                reply = self.identity_call(Method::Get, &url, &fresh, left)?;
            }
            match reply.status {
                200 | 203 => {
                    let session = identity::parse_token_response(&reply.body)
                        .map_err(|e| e.with_request("GET", &shown))?;
                    Ok(Some(TokenInfo {
                        expires: session.expires,
                        tenant_id: session.tenant_id,
                    }))
                }
                404 => Ok(None),
                status => Err(
                    status_error("GET", &shown, &reply, status).without_echoes(&[
                        id,
                        own.expose(),
                        self.session().token.expose(),
                    ]),
                ),
            }
        })
    }

    fn identity_for(&self, what: &str) -> Result<&str, Error> {
        self.inner
            .auth
            .as_ref()
            .map(|opts| opts.identity_url())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Configuration,
                    format!("cannot {what}: this client was made with a token and knows no identity service"),
                )
            })
    }

    fn identity_call(
        &self,
        method: Method,
        url: &str,
        token: &Secret,
        left: Duration,
    ) -> Result<Reply, Error> {
        self.inner.transport.send(&Outgoing {
            method,
            url,
            token: Some(token),
            body: None,
            body_is_secret: false,
            session_id: None,
            echoes: &[],
            time_left: Some(left),
        })
    }
}

fn status_error(method: &str, url: &str, reply: &Reply, status: u16) -> Error {
    Error::from_status(
        method,
        url,
        status,
        reply.header("retry-after"),
        &reply.body,
    )
}
