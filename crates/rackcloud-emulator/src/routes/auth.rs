//! The token check every load balancer request passes first.

use std::time::Instant;

use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::state::Shared;
use crate::sync::lock;
use crate::tokens::TokenCheck;

/// The message for a request without `X-Auth-Token`.
const MISSING: &str =
    "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.";
/// The message for a token the emulator never issued.
const UNKNOWN: &str = "The token provided is not valid.";

/// `Ok` when the request carries a valid token of `tenant`; otherwise the 401 to send:
/// wrapped `unauthorized` when the token is missing, unknown or of another tenant, and an empty
/// body when it has expired.
pub(crate) fn check(shared: &Shared, req: &Incoming, tenant: &str) -> Result<(), Reply> {
    let token = req
        .header("X-Auth-Token")
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let Some(token) = token else {
        return Err(unauthorized(shared, MISSING));
    };
    let state = lock(&shared.state);
    match state.tokens.check(token, Instant::now()) {
        TokenCheck::Unknown => Err(unauthorized(shared, UNKNOWN)),
        TokenCheck::Expired => Err(challenge(shared, Reply::empty(401))),
        TokenCheck::Valid(t) if t.tenant_id != tenant => {
            let message = format!("The token provided does not grant access to tenant '{tenant}'.");
            Err(unauthorized(shared, &message))
        }
        TokenCheck::Valid(_) => Ok(()),
    }
}

fn unauthorized(shared: &Shared, message: &str) -> Reply {
    challenge(
        shared,
        error_replies::identity(401, "unauthorized", message),
    )
}

fn challenge(shared: &Shared, reply: Reply) -> Reply {
    let value = format!("Keystone uri='{}'", shared.config.identity_url());
    reply.with_header("WWW-Authenticate", value)
}
