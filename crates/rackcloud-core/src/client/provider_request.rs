//! How a [`ProviderClient`] sends a request: through the retry policy, with the current token,
//! refreshing it early and re-authenticating once after a 401.

use std::time::Duration;

use crate::deadline::Deadline;
use crate::error::Error;
use crate::method::Method;
use crate::provider::ProviderClient;
use crate::result::{RequestResult, Response};
use crate::retry;
use crate::secret::Secret;
use crate::transport::{Outgoing, Reply};

impl ProviderClient {
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
            let deadline = Deadline::after(time_left);
            let left = || deadline.left();
            self.refresh_if_expiring(left());
            let session = self.session();
            self.inner.pacer.acquire(method, url, left());
            let mut reply = self.send_with(&session.token, method, url, body, left())?;
            if reply.status == 401 && !reauthenticated && self.can_reauthenticate() {
                reauthenticated = true;
                self.reauthenticate(&session.token, left())?;
                self.inner.pacer.acquire(method, url, left());
                reply = self.send_with(&self.session().token, method, url, body, left())?;
            }
            if !ok_codes.contains(&reply.status) {
                // A service that repeats the token it was sent does not get it printed.
                let sent = self.session().token.clone();
                return Err(Error::from_status(
                    method.as_str(),
                    url,
                    reply.status,
                    reply.header("retry-after"),
                    &reply.body,
                )
                .without_echoes(&[session.token.expose(), sent.expose()]));
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
            session_id: None,
            echoes: &[],
            time_left: Some(time_left),
        })
    }
}
