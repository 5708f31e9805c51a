//! [`AuthOptions`]: who to authenticate as, with which credential, against which identity service.

use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::secret::Secret;

/// The global Rackspace Identity v2.0 endpoint, the default.
pub const RACKSPACE_IDENTITY_GLOBAL: &str = "https://identity.api.rackspacecloud.com/v2.0/";

/// The legacy UK Rackspace Identity v2.0 endpoint (UK accounts also work against the global one).
pub const RACKSPACE_IDENTITY_UK: &str = "https://lon.identity.api.rackspacecloud.com/v2.0/";

/// What to authenticate with: a username and exactly one credential (an API key or a password),
/// or an existing token with its tenant.
///
/// # Examples
///
/// ```
/// use rackcloud_core::{AuthOptions, RACKSPACE_IDENTITY_UK};
///
/// let opts = AuthOptions::api_key("alice", "0123456789abcdef")
///     .identity_endpoint(RACKSPACE_IDENTITY_UK)
///     .tenant_id("123456");
/// assert_eq!(opts.username(), Some("alice"));
/// assert_eq!(opts.identity_url(), RACKSPACE_IDENTITY_UK);
/// // The key never shows in Debug output.
/// assert!(!format!("{opts:?}").contains("0123456789abcdef"));
/// ```
#[derive(Clone, Debug)]
#[must_use = "a builder does nothing until it is used"]
pub struct AuthOptions {
    identity_endpoint: String,
    credential: Credential,
    tenant: Option<Tenant>,
    allow_reauth: bool,
    pub(crate) passcode: Option<crate::passcode::PasscodeSource>,
}

#[derive(Clone, Debug)]
pub(crate) enum Credential {
    ApiKey { username: String, api_key: Secret },
    Password { username: String, password: Secret },
    Token { token: Secret },
}

impl Credential {
    /// The secret part: the API key, the password or the token.
    pub(crate) fn secret(&self) -> &Secret {
        match self {
            Credential::ApiKey { api_key, .. } => api_key,
            Credential::Password { password, .. } => password,
            Credential::Token { token } => token,
        }
    }
}

/// The tenant to scope a token to: by id or by name, never both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tenant {
    Id(String),
    Name(String),
}

impl AuthOptions {
    /// Authenticate with a username and an API key (Rackspace's usual credential).
    pub fn api_key(username: impl Into<String>, api_key: impl Into<Secret>) -> AuthOptions {
        AuthOptions::with_credential(Credential::ApiKey {
            username: username.into(),
            api_key: api_key.into(),
        })
    }

    /// Authenticate with a username and a password.
    pub fn password(username: impl Into<String>, password: impl Into<Secret>) -> AuthOptions {
        AuthOptions::with_credential(Credential::Password {
            username: username.into(),
            password: password.into(),
        })
    }

    /// Re-scope an existing token to a tenant. A token cannot renew itself once it expires, so
    /// re-authentication after a 401 will fail with an authentication error.
    pub fn token(token: impl Into<Secret>, tenant_id: impl Into<String>) -> AuthOptions {
        AuthOptions::with_credential(Credential::Token {
            token: token.into(),
        })
        .tenant_id(tenant_id)
    }

    fn with_credential(credential: Credential) -> AuthOptions {
        AuthOptions {
            identity_endpoint: RACKSPACE_IDENTITY_GLOBAL.to_owned(),
            credential,
            tenant: None,
            allow_reauth: true,
            passcode: None,
        }
    }

    /// Reads the options from the environment.
    ///
    /// | variable | fallback | meaning |
    /// |---|---|---|
    /// | `RS_AUTH_URL` | `OS_AUTH_URL` | identity endpoint; default [`RACKSPACE_IDENTITY_GLOBAL`] |
    /// | `RS_USERNAME` | `OS_USERNAME` | the user name (required) |
    /// | `RS_API_KEY` | | the API key |
    /// | `RS_PASSWORD` | `OS_PASSWORD` | the password, when there is no API key |
    /// | `RS_TENANT_ID` | `OS_TENANT_ID` | optional tenant id to scope the token to |
    ///
    /// Empty variables count as unset. The region (`RS_REGION`, `OS_REGION_NAME`) belongs to
    /// endpoint selection: see [`EndpointOpts::from_env`](crate::EndpointOpts::from_env).
    ///
    /// # Errors
    ///
    /// A [`Configuration`](ErrorKind::Configuration) error naming the missing variable, or
    /// naming both credentials when an API key and a password are both set.
    pub fn from_env() -> Result<AuthOptions, Error> {
        AuthOptions::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](AuthOptions::from_env), reading the variables through `lookup`, so that a
    /// tool can put its own flags in front of the environment and tests need not change it.
    ///
    /// # Errors
    ///
    /// As [`from_env`](AuthOptions::from_env).
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::AuthOptions;
    ///
    /// let vars = [("RS_USERNAME", "alice"), ("RS_API_KEY", "k"), ("RS_AUTH_URL", "http://127.0.0.1:8900/v2.0/")];
    /// let lookup = |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
    /// let opts = AuthOptions::from_env_with(lookup)?;
    /// assert_eq!(opts.username(), Some("alice"));
    ///
    /// let err = AuthOptions::from_env_with(|_| None).unwrap_err();
    /// assert_eq!(err.to_string(), "configuration error: RS_USERNAME (or OS_USERNAME) is not set");
    /// # Ok::<(), rackcloud_core::Error>(())
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Result<AuthOptions, Error> {
        let var = |primary: &str, fallback: Option<&str>| {
            lookup(primary)
                .filter(|v| !v.is_empty())
                .or_else(|| fallback.and_then(&lookup).filter(|v| !v.is_empty()))
        };
        let username = var("RS_USERNAME", Some("OS_USERNAME")).ok_or_else(|| {
            Error::new(
                ErrorKind::Configuration,
                "RS_USERNAME (or OS_USERNAME) is not set",
            )
        })?;
        let api_key = var("RS_API_KEY", None);
        let password = var("RS_PASSWORD", Some("OS_PASSWORD"));
        let mut opts = match (api_key, password) {
            (Some(key), None) => AuthOptions::api_key(username, key),
            (None, Some(password)) => AuthOptions::password(username, password),
            (Some(_), Some(_)) => {
                return Err(Error::new(
                    ErrorKind::Configuration,
                    "both RS_API_KEY and a password (RS_PASSWORD or OS_PASSWORD) are set; set only one",
                ));
            }
            (None, None) => {
                return Err(Error::new(
                    ErrorKind::Configuration,
                    "no credential: set RS_API_KEY, or RS_PASSWORD (or OS_PASSWORD)",
                ));
            }
        };
        if let Some(url) = var("RS_AUTH_URL", Some("OS_AUTH_URL")) {
            opts = opts.identity_endpoint(url);
        }
        if let Some(tenant) = var("RS_TENANT_ID", Some("OS_TENANT_ID")) {
            opts = opts.tenant_id(tenant);
        }
        Ok(opts)
    }

    /// Uses another identity endpoint, such as [`RACKSPACE_IDENTITY_UK`] or an emulator's.
    pub fn identity_endpoint(mut self, url: impl Into<String>) -> AuthOptions {
        self.identity_endpoint = url.into();
        self
    }

    /// Scopes the token to this tenant id (replacing any tenant name).
    pub fn tenant_id(mut self, id: impl Into<String>) -> AuthOptions {
        self.tenant = Some(Tenant::Id(id.into()));
        self
    }

    /// Scopes the token to this tenant name (replacing any tenant id).
    pub fn tenant_name(mut self, name: impl Into<String>) -> AuthOptions {
        self.tenant = Some(Tenant::Name(name.into()));
        self
    }

    /// Whether the client may re-authenticate once when a service call answers 401 (default: yes).
    pub fn allow_reauth(mut self, allow: bool) -> AuthOptions {
        self.allow_reauth = allow;
        self
    }

    /// The user name, for API key and password credentials.
    pub fn username(&self) -> Option<&str> {
        match &self.credential {
            Credential::ApiKey { username, .. } | Credential::Password { username, .. } => {
                Some(username)
            }
            Credential::Token { .. } => None,
        }
    }

    /// The identity endpoint these options authenticate against.
    pub fn identity_url(&self) -> &str {
        &self.identity_endpoint
    }

    /// Whether re-authentication after a 401 is allowed.
    pub fn reauth_allowed(&self) -> bool {
        self.allow_reauth
    }

    pub(crate) fn credential(&self) -> &Credential {
        &self.credential
    }

    pub(crate) fn tenant(&self) -> Option<&Tenant> {
        self.tenant.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn from(vars: &[(&str, &str)]) -> Result<AuthOptions, Error> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        AuthOptions::from_env_with(|k| map.get(k).cloned())
    }

    #[test]
    fn api_key_from_rs_variables() {
        let opts = from(&[
            ("RS_USERNAME", "alice"),
            ("RS_API_KEY", "key"),
            ("RS_TENANT_ID", "42"),
        ])
        .expect("options");
        assert_eq!(opts.username(), Some("alice"));
        assert_eq!(opts.identity_url(), RACKSPACE_IDENTITY_GLOBAL);
        assert!(
            matches!(opts.credential(), Credential::ApiKey { api_key, .. } if api_key.expose() == "key")
        );
        assert_eq!(opts.tenant(), Some(&Tenant::Id("42".into())));
    }

    #[test]
    fn os_fallbacks_and_empty_values() {
        let opts = from(&[
            ("RS_USERNAME", ""),
            ("OS_USERNAME", "bob"),
            ("OS_PASSWORD", "pw"),
            ("OS_AUTH_URL", "http://127.0.0.1:1/v2.0/"),
            ("OS_TENANT_ID", "7"),
        ])
        .expect("options");
        assert_eq!(opts.username(), Some("bob"));
        assert_eq!(opts.identity_url(), "http://127.0.0.1:1/v2.0/");
        assert!(matches!(opts.credential(), Credential::Password { .. }));
    }

    #[test]
    fn missing_and_conflicting_variables_are_named() {
        let e = from(&[("RS_API_KEY", "k")]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Configuration);
        assert!(
            e.to_string()
                .contains("RS_USERNAME (or OS_USERNAME) is not set")
        );
        let e = from(&[("RS_USERNAME", "a")]).unwrap_err();
        assert!(
            e.to_string()
                .contains("set RS_API_KEY, or RS_PASSWORD (or OS_PASSWORD)")
        );
        let e = from(&[
            ("RS_USERNAME", "a"),
            ("RS_API_KEY", "k"),
            ("OS_PASSWORD", "p"),
        ])
        .unwrap_err();
        assert!(e.to_string().contains("both RS_API_KEY and a password"));
    }

    #[test]
    fn tenant_id_and_name_replace_each_other() {
        let opts = AuthOptions::password("u", "p")
            .tenant_id("1")
            .tenant_name("n");
        assert_eq!(opts.tenant(), Some(&Tenant::Name("n".into())));
        let opts = AuthOptions::token("t", "9");
        assert_eq!(opts.tenant(), Some(&Tenant::Id("9".into())));
        assert_eq!(opts.username(), None);
    }

    #[test]
    fn debug_hides_credentials() {
        for opts in [
            AuthOptions::api_key("u", "SECRET-KEY-1"),
            AuthOptions::password("u", "SECRET-PW-1"),
            AuthOptions::token("SECRET-TOKEN-1", "1"),
        ] {
            let debug = format!("{opts:?}");
            assert!(!debug.contains("SECRET"), "{debug}");
            assert!(debug.contains("[redacted]"));
        }
    }
}
