//! `POST /v2.0/tokens`: authentication with an API key, a password or an existing token.
//!
//! Checks, in order: the body parses to exactly one credential with its fields (400
//! `badRequest`), `tenantId` and `tenantName` are not both given (400), the credential is right
//! (401 `unauthorized`), the user is enabled (403 `forbidden`), the requested tenant is the
//! user's (401), and for a password, multi-factor authentication (`identity_mfa.rs`: 403 when
//! it must be set up, else a 401 challenge). Success is 200 with the token, the user and the
//! catalog.

use std::time::Instant;

use serde_json::{Map, Value};

use super::identity_access::issue;
use super::identity_mfa;
use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::state::Shared;
use crate::sync::lock;
use crate::tokens::TokenCheck;

/// The 401 message for wrong credentials, verbatim from the real service.
const BAD_CREDENTIALS: &str = "Unable to authenticate user with credentials provided.";
/// The 400 message for a body that is not the expected JSON.
const INVALID_BODY: &str = "Invalid json request body";

const API_KEY_CREDENTIALS: &str = "RAX-KSKEY:apiKeyCredentials";
const PASSWORD_CREDENTIALS: &str = "passwordCredentials";
const TOKEN_CREDENTIALS: &str = "token";

/// Handles the token request.
pub(crate) fn tokens(shared: &Shared, req: &Incoming) -> Reply {
    if req.method != "POST" {
        return error_replies::method_not_allowed("POST, DELETE");
    }
    if identity_mfa::is_passcode_request(&req.body) {
        return identity_mfa::passcode(shared, req);
    }
    let request = match parse(&req.body) {
        Ok(request) => request,
        Err(message) => return error_replies::identity(400, "badRequest", &message),
    };
    let mut state = lock(&shared.state);
    let now = Instant::now();
    let (user, authenticated_by, existing) = match &request.credential {
        Credential::ApiKey { username, api_key } => {
            let user = state
                .users
                .iter()
                .find(|u| &u.username == username && u.api_key.as_ref() == Some(api_key));
            (user.cloned(), "APIKEY", None)
        }
        Credential::Password { username, password } => {
            let user = state
                .users
                .iter()
                .find(|u| &u.username == username && u.password.as_ref() == Some(password));
            (user.cloned(), "PASSWORD", None)
        }
        Credential::Token { id } => match state.tokens.check(id, now) {
            TokenCheck::Valid(token) => {
                let user = state.users.iter().find(|u| u.username == token.username);
                (user.cloned(), token.authenticated_by, Some(token.clone()))
            }
            TokenCheck::Expired | TokenCheck::Unknown => (None, "TOKEN", None),
        },
    };
    let Some(user) = user else {
        return error_replies::identity(401, "unauthorized", BAD_CREDENTIALS);
    };
    if !user.enabled {
        let message = format!("User '{}' is disabled.", user.username);
        return error_replies::identity(403, "forbidden", &message);
    }
    if let Some(scope) = &request.scope {
        let belongs = match scope {
            Scope::TenantId(id) => id == &user.tenant_id,
            Scope::TenantName(name) => name == user.effective_tenant_name(),
        };
        if !belongs {
            let message = format!(
                "Tenant with Name/Id: '{}' is not valid for User '{}'.",
                scope.value(),
                user.username
            );
            return error_replies::identity(401, "unauthorized", &message);
        }
    }
    if authenticated_by == "PASSWORD"
        && let Some(reply) = identity_mfa::second_factor(&mut state, &user, now)
    {
        return reply;
    }
    issue(shared, state, &user, authenticated_by, existing)
}

/// The exactly-one credential of a token request.
#[derive(Debug)]
enum Credential {
    ApiKey { username: String, api_key: String },
    Password { username: String, password: String },
    Token { id: String },
}

/// The optional tenant the token is requested for.
#[derive(Debug)]
enum Scope {
    TenantId(String),
    TenantName(String),
}

impl Scope {
    fn value(&self) -> &str {
        match self {
            Scope::TenantId(v) | Scope::TenantName(v) => v,
        }
    }
}

#[derive(Debug)]
struct TokenRequest {
    credential: Credential,
    scope: Option<Scope>,
}

/// Parses the body; `Err` holds the 400 message.
fn parse(body: &[u8]) -> Result<TokenRequest, String> {
    let value: Value = serde_json::from_slice(body).map_err(|_| INVALID_BODY.to_owned())?;
    let auth = value
        .get("auth")
        .and_then(Value::as_object)
        .ok_or(INVALID_BODY)?;
    let kinds: Vec<&str> = [API_KEY_CREDENTIALS, PASSWORD_CREDENTIALS, TOKEN_CREDENTIALS]
        .into_iter()
        .filter(|k| auth.contains_key(*k))
        .collect();
    let [kind] = kinds.as_slice() else {
        return Err(format!(
            "Exactly one credential is required: {API_KEY_CREDENTIALS}, {PASSWORD_CREDENTIALS} or {TOKEN_CREDENTIALS}."
        ));
    };
    let fields = auth
        .get(*kind)
        .and_then(Value::as_object)
        .ok_or(INVALID_BODY)?;
    let credential = match *kind {
        API_KEY_CREDENTIALS => Credential::ApiKey {
            username: field(fields, "username")?,
            api_key: field(fields, "apiKey")?,
        },
        PASSWORD_CREDENTIALS => Credential::Password {
            username: field(fields, "username")?,
            password: field(fields, "password")?,
        },
        _ => Credential::Token {
            id: field(fields, "id").map_err(|_| "Expecting token id".to_owned())?,
        },
    };
    let tenant_id = optional(auth, "tenantId")?;
    let tenant_name = optional(auth, "tenantName")?;
    let scope = match (tenant_id, tenant_name) {
        (Some(_), Some(_)) => {
            return Err("Provide either tenantId or tenantName, not both.".to_owned());
        }
        (Some(id), None) => Some(Scope::TenantId(id)),
        (None, Some(name)) => Some(Scope::TenantName(name)),
        (None, None) => None,
    };
    Ok(TokenRequest { credential, scope })
}

/// A required, non-empty string field: `Expecting <name>` otherwise.
fn field(object: &Map<String, Value>, name: &str) -> Result<String, String> {
    match object.get(name).and_then(Value::as_str) {
        Some(value) if !value.is_empty() => Ok(value.to_owned()),
        _ => Err(format!("Expecting {name}")),
    }
}

/// An optional string field (absent or null is none; another type is an invalid body).
fn optional(object: &Map<String, Value>, name: &str) -> Result<Option<String>, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(INVALID_BODY.to_owned()),
    }
}
