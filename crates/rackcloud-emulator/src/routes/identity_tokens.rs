//! Token operations besides authenticating (docs/api/identity.md):
//!
//! - `DELETE /v2.0/tokens` revokes the caller's own token (`X-Auth-Token`): 204; a missing,
//!   unknown, expired or revoked token is 401. Service calls with a revoked token answer 401.
//! - `GET /v2.0/tokens/{id}` validates a token: the caller's token must be valid (401); the
//!   token asked about must be valid (404 `itemNotFound` "Token not found.") and the caller's
//!   user's own (403 `forbidden` "Not authorized."); then 200 with the `access` body.

use std::time::Instant;

use super::identity_access::access;
use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::state::Shared;
use crate::sync::lock;
use crate::tokens::TokenCheck;

const UNAUTHORIZED: &str =
    "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.";

/// `DELETE /v2.0/tokens`.
pub(super) fn revoke(shared: &Shared, req: &Incoming) -> Reply {
    let now = Instant::now();
    let mut state = lock(&shared.state);
    let Some(caller) = caller_token(req) else {
        return error_replies::identity(401, "unauthorized", UNAUTHORIZED);
    };
    if !matches!(state.tokens.check(caller, now), TokenCheck::Valid(_)) {
        return error_replies::identity(401, "unauthorized", UNAUTHORIZED);
    }
    state.tokens.revoke(caller);
    Reply::empty(204)
}

/// `GET /v2.0/tokens/{id}`.
pub(super) fn validate(shared: &Shared, req: &Incoming, id: &str) -> Reply {
    let now = Instant::now();
    let state = lock(&shared.state);
    let caller = match caller_token(req).map(|t| state.tokens.check(t, now)) {
        Some(TokenCheck::Valid(token)) => token.username.clone(),
        _ => return error_replies::identity(401, "unauthorized", UNAUTHORIZED),
    };
    let TokenCheck::Valid(token) = state.tokens.check(id, now) else {
        return error_replies::identity(404, "itemNotFound", "Token not found.");
    };
    if token.username != caller {
        return error_replies::identity(403, "forbidden", "Not authorized.");
    }
    let Some((index, user)) = state
        .users
        .iter()
        .enumerate()
        .find(|(_, u)| u.username == token.username)
    else {
        return error_replies::identity(404, "itemNotFound", "Token not found.");
    };
    Reply::json(200, access(shared, user, index, token))
}

fn caller_token(req: &Incoming) -> Option<&str> {
    req.header("X-Auth-Token")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}
