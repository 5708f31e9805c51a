//! Authentication and re-authentication of a [`ProviderClient`]: the token request, the
//! single-flight replacement of a token after a 401, and the early refresh before it expires.

use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use crate::auth_options::AuthOptions;
use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::identity::{self, Session};
use crate::method::Method;
use crate::mfa;
use crate::provider::ProviderClient;
use crate::secret::Secret;
use crate::transport::{Outgoing, Reply, Transport};

/// After an early refresh, how long before the next one may be tried: a down identity service
/// does not get a token request with every call, and a client whose clock runs far ahead of the
/// server's (so that every new token already looks close to expiry) does not refresh on every call.
const REFRESH_PAUSE: Duration = Duration::from_secs(10);

impl ProviderClient {
    /// Replaces the token ahead of its expiry, once for all threads and at most once per
    /// [`REFRESH_PAUSE`]. A failure is logged and the current token is used: if it has really
    /// expired, the 401 path takes over.
    pub(crate) fn refresh_if_expiring(&self, time_left: Duration) {
        if !self.can_reauthenticate() {
            return;
        }
        let session = self.session();
        let Some(expires) = session.expires else {
            return;
        };
        // A margin past the clock's range means the token is always close to expiry.
        let refresh_from = SystemTime::now().checked_add(self.inner.refresh_margin);
        if refresh_from.is_some_and(|at| at < expires) {
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

    pub(crate) fn can_reauthenticate(&self) -> bool {
        self.inner
            .auth
            .as_ref()
            .is_some_and(AuthOptions::reauth_allowed)
    }

    /// Replaces the token `stale`, unless another thread already did: every thread that met a
    /// 401 with the same token waits on one lock, and only the first one asks for a new token.
    pub(crate) fn reauthenticate(&self, stale: &Secret, time_left: Duration) -> Result<(), Error> {
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
}

/// `POST {identity}/tokens` with the credential of `opts`; when the service answers with a
/// multi-factor challenge, a second `POST` with the passcode from the caller's callback (asked
/// once).
pub(crate) fn authenticate(
    transport: &Transport,
    opts: &AuthOptions,
    time_left: Option<Duration>,
) -> Result<Session, Error> {
    let url = tokens_url(opts.identity_url());
    let body = identity::token_request_body(opts);
    let credential = [opts.credential().secret().expose()];
    let reply = post_tokens(transport, &url, &body, None, &credential, time_left)?;
    if reply.status == 401
        && let Some(mut challenge) = reply
            .header("www-authenticate")
            .and_then(mfa::parse_challenge)
    {
        challenge.factor = crate::errors::echoes::redact(&challenge.factor, &credential);
        log::debug!(
            "the identity service asks for a second factor ({})",
            challenge.factor
        );
        let session_id = challenge.session_id.expose();
        let passcode = mfa::ask(opts, &challenge)
            .map_err(|e| e.with_request("POST", &url).without_echoes(&[session_id]))?;
        let body = mfa::passcode_body(&passcode);
        let echoes = [credential[0], passcode.expose(), session_id];
        let second = post_tokens(transport, &url, &body, Some(session_id), &echoes, time_left)?;
        return session_of(&url, &second).map_err(|e| e.without_echoes(&echoes));
    }
    session_of(&url, &reply).map_err(|e| e.without_echoes(&credential))
}

fn post_tokens(
    transport: &Transport,
    url: &str,
    body: &[u8],
    session_id: Option<&str>,
    echoes: &[&str],
    time_left: Option<Duration>,
) -> Result<Reply, Error> {
    transport.send(&Outgoing {
        method: Method::Post,
        url,
        token: None,
        body: Some(body),
        body_is_secret: true,
        session_id,
        echoes,
        time_left,
    })
}

fn session_of(url: &str, reply: &Reply) -> Result<Session, Error> {
    if !matches!(reply.status, 200 | 203) {
        let error = Error::from_status(
            "POST",
            url,
            reply.status,
            reply.header("retry-after"),
            &reply.body,
        );
        if reply.status == 403 && mfa::asks_for_setup(&reply.body) {
            return Err(error.with_kind(ErrorKind::MfaSetupRequired));
        }
        return Err(error);
    }
    identity::parse_token_response(&reply.body).map_err(|e| e.with_request("POST", url))
}

pub(crate) fn tokens_url(identity: &str) -> String {
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
}
