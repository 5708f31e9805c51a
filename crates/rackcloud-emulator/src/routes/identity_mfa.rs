//! Multi-factor authentication on `POST /v2.0/tokens` (docs/api/identity.md).
//!
//! A password that is right, for a user with multi-factor authentication, is answered in one of
//! two ways: 403 `forbidden` when it must be set up first, or 401 with
//! `WWW-Authenticate: OS-MF sessionId='<session>', factor='PASSCODE'` and
//! `{"unauthorized":{"code":401,"message":"Additional authentication credentials required."}}`.
//! The second request carries `X-SessionId: <session>` and
//! `{"auth":{"RAX-AUTH:passcodeCredentials":{"passcode":"…"}}}`; its checks, in order: the
//! body has a non-empty passcode (400), the session is open (401), the passcode is the user's
//! (401, the session stays open for another try). Success is the usual 200, with
//! `RAX-AUTH:authenticatedBy: ["PASSCODE","PASSWORD"]`; the session closes.

use std::time::Instant;

use serde_json::Value;

use super::identity_access::{BY_PASSCODE, issue};
use crate::error_replies;
use crate::http::{Incoming, Reply};
use crate::seed::User;
use crate::state::{Shared, State};
use crate::sync::lock;

const PASSCODE_CREDENTIALS: &str = "RAX-AUTH:passcodeCredentials";
const MORE_CREDENTIALS: &str = "Additional authentication credentials required.";
const SETUP_REQUIRED: &str =
    "Multi-factor authentication must be set up for this user (RAX-AUTH:scope SETUP-MFA).";
const BAD_PASSCODE: &str = "Unable to authenticate user with credentials provided.";
const NO_SESSION: &str = "The multi-factor session is missing, unknown or expired.";

/// Whether the body is a passcode request.
pub(super) fn is_passcode_request(body: &[u8]) -> bool {
    serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.get("auth").cloned())
        .is_some_and(|auth| auth.get(PASSCODE_CREDENTIALS).is_some())
}

/// After a right password: the 403 or the 401 challenge, when the user has multi-factor
/// authentication; `None` when the password alone is enough.
pub(super) fn second_factor(state: &mut State, user: &User, now: Instant) -> Option<Reply> {
    if user.mfa_setup_required {
        return Some(error_replies::identity(403, "forbidden", SETUP_REQUIRED));
    }
    user.mfa_passcode.as_ref()?;
    let session = state.mfa_sessions.open(&user.username, now);
    let challenge = format!("OS-MF sessionId='{session}', factor='PASSCODE'");
    Some(
        error_replies::identity(401, "unauthorized", MORE_CREDENTIALS)
            .with_header("WWW-Authenticate", challenge),
    )
}

/// The second request, with the passcode.
pub(super) fn passcode(shared: &Shared, req: &Incoming) -> Reply {
    let passcode = serde_json::from_slice::<Value>(&req.body)
        .ok()
        .and_then(|v| {
            v.get("auth")?
                .get(PASSCODE_CREDENTIALS)?
                .get("passcode")?
                .as_str()
                .map(str::to_owned)
        })
        .filter(|p| !p.is_empty());
    let Some(passcode) = passcode else {
        return error_replies::identity(400, "badRequest", "Expecting passcode");
    };
    let now = Instant::now();
    let mut state = lock(&shared.state);
    let session_id = req.header("X-SessionId").map(str::trim).unwrap_or("");
    let Some(session) = state.mfa_sessions.get(session_id, now).cloned() else {
        return error_replies::identity(401, "unauthorized", NO_SESSION);
    };
    let user = state
        .users
        .iter()
        .find(|u| u.username == session.username && u.enabled)
        .cloned();
    let Some(user) = user.filter(|u| u.mfa_passcode.as_deref() == Some(passcode.as_str())) else {
        return error_replies::identity(401, "unauthorized", BAD_PASSCODE);
    };
    state.mfa_sessions.close(session_id);
    issue(shared, state, &user, BY_PASSCODE, None)
}
