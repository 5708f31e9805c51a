//! Multi-factor authentication: the identity service's challenge (a 401 with
//! `WWW-Authenticate: OS-MF sessionId='…', factor='PASSCODE'`), the caller's passcode callback,
//! and the second token request (docs/api/identity.md).

use std::sync::Arc;

use serde::Serialize;

use crate::auth_options::AuthOptions;
use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::passcode::{MfaChallenge, PasscodeSource};
use crate::secret::Secret;

impl AuthOptions {
    /// Answers a multi-factor challenge: when the identity service asks for a second factor,
    /// `callback` is called for the passcode (from an authenticator app or a text message), and
    /// the token request is completed with it. The passcode is used once and never stored.
    ///
    /// The callback runs at the first authentication and again at each later
    /// re-authentication (after a 401, or a refresh before the token expires), once each time:
    /// a refused passcode is an [`Authentication`](ErrorKind::Authentication) error, never a
    /// loop. An error the callback returns is returned as it is. Without a callback, a
    /// challenge is an `Authentication` error that says a passcode is needed.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = rackcloud_emulator::Emulator::builder()
    /// #     .user(rackcloud_emulator::User::new("carol", "777777").password("carol-pw").mfa("246810"))
    /// #     .start()?;
    /// use rackcloud_core::{AuthOptions, Secret, authenticated_client};
    ///
    /// let opts = AuthOptions::password("carol", "carol-pw")
    ///     .identity_endpoint(emulator.identity_url())
    ///     .passcode_callback(|challenge| {
    ///         assert_eq!(challenge.factor(), "PASSCODE");
    ///         // A real program asks its user here.
    ///         Ok(Secret::new("246810"))
    ///     });
    /// let provider = authenticated_client(opts)?;
    /// assert_eq!(provider.token_requests(), 1);
    /// # Ok(())
    /// # }
    /// ```
    pub fn passcode_callback(
        mut self,
        callback: impl Fn(&MfaChallenge) -> Result<Secret, Error> + Send + Sync + 'static,
    ) -> AuthOptions {
        self.passcode = Some(PasscodeSource(Arc::new(callback)));
        self
    }

    /// Whether a passcode callback was given.
    pub fn has_passcode_callback(&self) -> bool {
        self.passcode.is_some()
    }
}

/// A challenge read from `WWW-Authenticate`: the session id (a secret: it stands for the first
/// factor until the passcode is sent) and the factor.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Challenge {
    pub(crate) session_id: Secret,
    pub(crate) factor: String,
}

/// Reads `OS-MF sessionId='…', factor='PASSCODE'` (quotes single or double, any order, scheme
/// and keys without regard to case); `None` for any other challenge.
pub(crate) fn parse_challenge(header: &str) -> Option<Challenge> {
    let header = header.trim();
    let scheme = header.get(..5)?;
    if !scheme.eq_ignore_ascii_case("OS-MF") {
        return None;
    }
    let mut session_id = None;
    let mut factor = None;
    for pair in header[5..].split(',') {
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        let value = value.trim().trim_matches(['\'', '"']).to_owned();
        match key.trim() {
            k if k.eq_ignore_ascii_case("sessionId") => session_id = Some(value),
            k if k.eq_ignore_ascii_case("factor") => factor = Some(value),
            _ => {}
        }
    }
    let session_id = session_id.filter(|s| !s.is_empty())?;
    // The factor is shown (in the passcode prompt, in errors): a service that writes the
    // session id into it does not get it shown.
    let factor = factor.map_or_else(
        || "PASSCODE".to_owned(),
        |f| crate::errors::echoes::redact(&f, &[&session_id]),
    );
    Some(Challenge {
        session_id: Secret::new(session_id),
        factor,
    })
}

/// Asks the caller's callback for the passcode.
pub(crate) fn ask(opts: &AuthOptions, challenge: &Challenge) -> Result<Secret, Error> {
    let Some(PasscodeSource(callback)) = &opts.passcode else {
        return Err(Error::new(
            ErrorKind::Authentication,
            format!(
                "the identity service asks for a second factor ({}) and no passcode callback was given",
                challenge.factor
            ),
        )
        .with_status(401));
    };
    let passcode = callback(&MfaChallenge {
        factor: challenge.factor.clone(),
        username: opts.username().map(str::to_owned),
    })?;
    if passcode.is_empty() {
        return Err(Error::new(
            ErrorKind::Authentication,
            "the passcode is empty; nothing was sent",
        ));
    }
    Ok(passcode)
}

/// The body of the second token request. It carries a credential: it is never logged.
pub(crate) fn passcode_body(passcode: &Secret) -> Vec<u8> {
    #[derive(Serialize)]
    struct Body<'a> {
        auth: Auth<'a>,
    }
    #[derive(Serialize)]
    struct Auth<'a> {
        #[serde(rename = "RAX-AUTH:passcodeCredentials")]
        passcode: Passcode<'a>,
    }
    #[derive(Serialize)]
    struct Passcode<'a> {
        passcode: &'a str,
    }
    let body = Body {
        auth: Auth {
            passcode: Passcode {
                passcode: passcode.expose(),
            },
        },
    };
    serde_json::to_vec(&body).unwrap_or_default()
}

/// Whether a 403 to the token request says that multi-factor authentication must be set up.
pub(crate) fn asks_for_setup(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body).to_ascii_lowercase();
    text.contains("setup-mfa") || text.contains("multi-factor")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges() {
        let c = parse_challenge("OS-MF sessionId='abc==', factor='PASSCODE'").unwrap();
        assert_eq!(c.session_id.expose(), "abc==");
        assert_eq!(c.factor, "PASSCODE");
        let c = parse_challenge("os-mf factor=\"PASSCODE\",sessionid=\"x\"").unwrap();
        assert_eq!(c.session_id.expose(), "x");
        let c = parse_challenge("OS-MF sessionId='s3cr3t', factor='PASSCODE s3cr3t'").unwrap();
        assert_eq!(c.factor, "PASSCODE [redacted]");
        assert_eq!(format!("{c:?}").matches("s3cr3t").count(), 0);
        assert_eq!(parse_challenge("Keystone uri='http://h/v2.0/'"), None);
        assert_eq!(parse_challenge("OS-MF factor='PASSCODE'"), None);
        assert_eq!(parse_challenge("OS-M"), None);
        assert_eq!(parse_challenge(""), None);
    }

    #[test]
    fn passcode_body_is_exact() {
        assert_eq!(
            String::from_utf8(passcode_body(&Secret::new("123456"))).unwrap(),
            r#"{"auth":{"RAX-AUTH:passcodeCredentials":{"passcode":"123456"}}}"#
        );
    }

    #[test]
    fn debug_hides_the_callback() {
        let opts = AuthOptions::password("u", "pw").passcode_callback(|_| Ok(Secret::new("1")));
        let debug = format!("{opts:?}");
        assert!(debug.contains("[passcode callback]"), "{debug}");
    }
}
