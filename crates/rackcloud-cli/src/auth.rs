//! From the global flags and the environment to an authenticated provider and a load balancer
//! service client.
//!
//! The flags answer in front of the environment: `--auth-url` answers `RS_AUTH_URL` and
//! `--username` answers `RS_USERNAME` when [`AuthOptions::from_env_with`] asks. The API key and
//! the password come only from the real environment.

use std::time::{Duration, Instant};

use rackcloud_lb::core::{
    AuthOptions, EndpointOpts, Error, ProviderClient, RetryEvent, RetryPolicy, ServiceClient,
    new_lb_v1,
};

use crate::cli::{GlobalArgs, OutputFormat};
pub(crate) use crate::env::Env;
use crate::stderr::Stderr;
use crate::{redact, sent};

/// The variables that hold a credential: whatever they hold is never printed.
const SECRET_VARIABLES: [&str; 3] = ["RS_API_KEY", "RS_PASSWORD", "OS_PASSWORD"];

/// What a command needs to reach the API: the flags and the environment, and stderr for the
/// lines told while it runs.
#[derive(Clone)]
pub(crate) struct Connect<'a> {
    global: &'a GlobalArgs,
    env: Env<'a>,
    stderr: Stderr,
    /// When `--timeout` runs out: it bounds the whole command.
    ends_at: Option<Instant>,
}

impl<'a> Connect<'a> {
    /// Settings from `global` in front of `env`.
    pub(crate) fn new(global: &'a GlobalArgs, env: Env<'a>) -> Connect<'a> {
        Connect {
            global,
            env,
            stderr: Stderr::new(),
            ends_at: global
                .timeout
                .and_then(|timeout| Instant::now().checked_add(timeout)),
        }
    }

    /// The time left before `--timeout` runs out, if it was given.
    pub(crate) fn time_left(&self) -> Option<Duration> {
        self.ends_at
            .map(|end| end.saturating_duration_since(Instant::now()))
    }

    /// The global options.
    pub(crate) fn global(&self) -> &'a GlobalArgs {
        self.global
    }

    /// Where retry and wait lines go.
    pub(crate) fn stderr(&self) -> &Stderr {
        &self.stderr
    }

    /// The authentication options, with the flags in front of the environment.
    ///
    /// # Errors
    ///
    /// A configuration error naming the missing variable.
    pub(crate) fn auth_options(&self) -> Result<AuthOptions, Error> {
        let lookup = |name: &str| {
            let flag = match name {
                "RS_AUTH_URL" => self.global.auth_url.as_deref(),
                "RS_USERNAME" => self.global.username.as_deref(),
                _ => None,
            };
            flag.filter(|v| !v.is_empty())
                .map(str::to_owned)
                .or_else(|| (self.env)(name))
        };
        for name in SECRET_VARIABLES {
            if let Some(secret) = (self.env)(name) {
                redact::remember(&secret);
            }
        }
        AuthOptions::from_env_with(lookup)
    }

    /// `--region`, else `RS_REGION`, else `OS_REGION_NAME`; `None` lets the SDK use the user's
    /// default region.
    pub(crate) fn region(&self) -> Option<String> {
        self.global
            .region
            .clone()
            .filter(|r| !r.is_empty())
            .or_else(|| {
                EndpointOpts::from_env_with(self.env)
                    .region_name()
                    .map(str::to_owned)
            })
    }

    /// Authenticates.
    ///
    /// Everything that can be checked locally is checked before the token request, so that a
    /// configuration error means nothing was sent.
    ///
    /// # Errors
    ///
    /// Configuration errors (missing variables, an unusable `--endpoint` or identity URL), or the
    /// token request's error.
    pub(crate) fn provider(&self) -> Result<ProviderClient, Error> {
        let opts = self
            .auth_options()?
            .passcode_callback(crate::prompt::passcode_callback(self.env));
        let roots = crate::prompt::trusted_roots(self.global.ca_file.as_ref(), self.env)?;
        if let Some(endpoint) = &self.global.endpoint {
            // The SDK checks an endpoint only when it makes a client for it; a client with a
            // placeholder token makes that check now, before any credential is sent.
            ServiceClient::with_token(endpoint, "unused")?;
        }
        let mut builder = ProviderClient::builder()
            .user_agent_prefix(concat!("rackcloud-cli/", env!("CARGO_PKG_VERSION")))
            .allow_plain_http(self.global.allow_plain_http)
            .retry_policy(self.retry_policy());
        if let Some(timeout) = self.global.timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(roots) = roots {
            builder = builder.trusted_roots(roots);
        }
        let provider = builder.authenticate(opts);
        match &provider {
            Ok(provider) => {
                redact::remember(provider.token().expose());
                sent::mark();
            }
            Err(e) if !sent::refused_before_sending(e) => sent::mark(),
            Err(_) => {}
        }
        provider
    }

    /// `--no-retry` and `--timeout` as a policy; in text mode each retry is told on stderr.
    pub(crate) fn retry_policy(&self) -> RetryPolicy {
        let mut policy = if self.global.no_retry {
            RetryPolicy::none()
        } else {
            RetryPolicy::default()
        };
        if let Some(timeout) = self.global.timeout {
            policy = policy.deadline(timeout);
        }
        if let Some(end) = self.ends_at {
            policy = policy.ends_at(end);
        }
        if self.global.output == OutputFormat::Text {
            let stderr = self.stderr.clone();
            policy = policy.on_retry(move |event| stderr.line(&retry_line(event)));
        }
        policy
    }

    /// The load balancer client: `--endpoint` when given, else the catalog's endpoint for the
    /// region.
    ///
    /// # Errors
    ///
    /// As [`provider`](Connect::provider) and [`lb_client_for`](Connect::lb_client_for).
    pub(crate) fn lb_client(&self) -> Result<ServiceClient, Error> {
        self.lb_client_for(&self.provider()?)
    }

    /// The load balancer client of an authenticated provider.
    ///
    /// # Errors
    ///
    /// A configuration error for an unusable `--endpoint`, or no (or more than one) catalog
    /// endpoint for the region.
    pub(crate) fn lb_client_for(&self, provider: &ProviderClient) -> Result<ServiceClient, Error> {
        if let Some(endpoint) = &self.global.endpoint {
            return ServiceClient::new(provider, endpoint.as_str());
        }
        let mut opts = EndpointOpts::new();
        if let Some(region) = self.region() {
            opts = opts.region(region);
        }
        new_lb_v1(provider, opts)
    }
}

/// One line for one retry: what was refused, why, and how long the wait is.
pub(crate) fn retry_line(event: &RetryEvent<'_>) -> String {
    format!(
        "rackcloud: {} {}: {}; retrying in {:.1} s (attempt {} of {})",
        event.method,
        event.url,
        event.reason,
        event.wait.as_secs_f64(),
        event.attempt + 1,
        event.max_attempts
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::OutputFormat;
    use rackcloud_lb::core::ErrorKind;

    fn global() -> GlobalArgs {
        GlobalArgs {
            auth_url: None,
            username: None,
            region: None,
            endpoint: None,
            output: OutputFormat::Text,
            verbose: false,
            no_retry: false,
            timeout: None,
            allow_plain_http: false,
            ca_file: None,
        }
    }

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn flags_answer_in_front_of_the_environment() {
        let env = env_of(&[
            ("RS_USERNAME", "from-env"),
            ("OS_AUTH_URL", "http://127.0.0.1:1/v2.0/"),
            ("RS_API_KEY", "k"),
        ]);
        let mut g = global();
        let opts = Connect::new(&g, &env).auth_options().expect("options");
        assert_eq!(opts.username(), Some("from-env"));
        assert_eq!(opts.identity_url(), "http://127.0.0.1:1/v2.0/");

        g.username = Some("from-flag".into());
        g.auth_url = Some("http://127.0.0.1:2/v2.0/".into());
        let opts = Connect::new(&g, &env).auth_options().expect("options");
        assert_eq!(opts.username(), Some("from-flag"));
        assert_eq!(opts.identity_url(), "http://127.0.0.1:2/v2.0/");
    }

    #[test]
    fn the_credential_comes_only_from_the_environment() {
        let env = env_of(&[("RS_USERNAME", "u")]);
        let g = global();
        let err = Connect::new(&g, &env)
            .auth_options()
            .expect_err("no credential");
        assert_eq!(err.kind(), ErrorKind::Configuration);
    }

    #[test]
    fn region_order_is_flag_rs_os() {
        let env = env_of(&[("RS_REGION", ""), ("OS_REGION_NAME", "ORD")]);
        let mut g = global();
        assert_eq!(Connect::new(&g, &env).region().as_deref(), Some("ORD"));
        let env = env_of(&[("RS_REGION", "IAD"), ("OS_REGION_NAME", "ORD")]);
        assert_eq!(Connect::new(&g, &env).region().as_deref(), Some("IAD"));
        g.region = Some("LON".into());
        assert_eq!(Connect::new(&g, &env).region().as_deref(), Some("LON"));
        let none = env_of(&[]);
        g.region = None;
        assert_eq!(Connect::new(&g, &none).region(), None);
    }

    #[test]
    fn a_remote_plain_http_endpoint_is_refused_before_authenticating() {
        let env = env_of(&[
            ("RS_USERNAME", "u"),
            ("RS_API_KEY", "k"),
            ("RS_AUTH_URL", "http://127.0.0.1:9/v2.0/"),
        ]);
        let mut g = global();
        g.endpoint = Some("http://lb.example.com/v1.0/1".into());
        let err = Connect::new(&g, &env).provider().expect_err("refused");
        assert_eq!(err.kind(), ErrorKind::Configuration);
    }
}
