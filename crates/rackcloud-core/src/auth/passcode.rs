//! [`MfaChallenge`] and the caller's passcode callback as [`AuthOptions`](crate::AuthOptions)
//! holds it: a leaf both `auth_options.rs` and `mfa.rs` use.

use std::fmt;
use std::sync::Arc;

use crate::error::Error;
use crate::secret::Secret;

/// What the identity service asked for when it wants a second factor; given to the passcode
/// callback (see [`AuthOptions::passcode_callback`](crate::AuthOptions::passcode_callback)).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MfaChallenge {
    pub(crate) factor: String,
    pub(crate) username: Option<String>,
}

impl MfaChallenge {
    /// The factor asked for, as the service named it (`PASSCODE`).
    pub fn factor(&self) -> &str {
        &self.factor
    }

    /// The user being authenticated.
    pub fn username(&self) -> Option<&str> {
        self.username.as_deref()
    }
}

/// The type of a passcode callback.
pub(crate) type Callback = dyn Fn(&MfaChallenge) -> Result<Secret, Error> + Send + Sync;

/// The caller's passcode callback; `Debug` shows no more than that there is one.
#[derive(Clone)]
pub(crate) struct PasscodeSource(pub(crate) Arc<Callback>);

impl fmt::Debug for PasscodeSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[passcode callback]")
    }
}
