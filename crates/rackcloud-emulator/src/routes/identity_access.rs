//! The 200 answer of the token requests: the token (minted, or the one re-scoped), the user
//! and the service catalog. Password, API key, token and passcode authentication
//! (`identity.rs`, `identity_mfa.rs`) and token validation (`identity_tokens.rs`) all end here.

use std::sync::MutexGuard;

use serde_json::{Value, json};

use crate::catalog;
use crate::http::Reply;
use crate::seed::User;
use crate::state::{Shared, State};
use crate::time;
use crate::tokens::Token;

/// The `authenticatedBy` value of a token issued after a passcode.
pub(super) const BY_PASSCODE: &str = "PASSCODE";

/// The 200 answer with a token: a re-scope answers with the same token (same id and expiry);
/// the others mint a new one.
pub(super) fn issue(
    shared: &Shared,
    mut state: MutexGuard<'_, State>,
    user: &User,
    authenticated_by: &'static str,
    existing: Option<Token>,
) -> Reply {
    let token = match existing {
        Some(token) => token,
        None => {
            let lifetime = shared.config.token_lifetime;
            state
                .tokens
                .mint(&user.username, &user.tenant_id, authenticated_by, lifetime)
        }
    };
    let user_index = state
        .users
        .iter()
        .position(|u| u.username == user.username)
        .unwrap_or(0);
    // The answer is built without holding the lock.
    drop(state);
    Reply::json(200, access(shared, user, user_index, &token))
}

/// The 200 body (also the body of a token validation).
pub(super) fn access(shared: &Shared, user: &User, user_index: usize, token: &Token) -> Value {
    let config = &shared.config;
    let tenant = &user.tenant_id;
    let user_id = 10_000_001 + user_index;
    json!({
        "access": {
            "token": {
                "id": token.id,
                "expires": time::expires(token.expires, config.expires_offset),
                "tenant": {"id": tenant, "name": user.effective_tenant_name()},
                "RAX-AUTH:authenticatedBy": authenticated_by(token.authenticated_by),
            },
            "user": {
                "id": user_id.to_string(),
                "name": user.username,
                "RAX-AUTH:defaultRegion": user.default_region,
                "roles": [
                    {"id": "3", "name": "identity:user-admin", "description": "User Admin Role."},
                    {
                        "id": "10000150",
                        "name": "compute:default",
                        "tenantId": tenant,
                        "description": "A Role that allows a user access to keystone Service methods",
                    },
                    {
                        "id": "5",
                        "name": "object-store:default",
                        "tenantId": format!("MossoCloudFS_{tenant}"),
                        "description": "A Role that allows a user access to keystone Service methods",
                    },
                ],
            },
            "serviceCatalog": catalog::service_catalog(config, tenant),
        }
    })
}

/// `RAX-AUTH:authenticatedBy` of a token: both factors after a passcode.
fn authenticated_by(by: &str) -> Value {
    if by == BY_PASSCODE {
        json!([BY_PASSCODE, "PASSWORD"])
    } else {
        json!([by])
    }
}
