//! [`UpdateOpts`]: the attributes of a load balancer to change.

use rackcloud_core::Error;
use serde_json::{Map, Value, json};

use crate::create_opts::{check_port, wrap};
use crate::kinds::{Algorithm, Protocol};
use crate::requests::UpdateOptsBuilder;

/// The options of [`update`](crate::update): the attributes to change, at least one.
///
/// Changing the protocol keeps only the session persistence mode that fits the new protocol
/// and silently disables any other.
///
/// # Examples
///
/// ```
/// use lb_lbs::{Algorithm, UpdateOpts, UpdateOptsBuilder};
/// use serde_json::{Value, json};
///
/// let opts = UpdateOpts::new().name("web-2").algorithm(Algorithm::LeastConnections);
/// assert_eq!(
///     Value::Object(opts.to_lb_update_map()?),
///     json!({"loadBalancer": {"name": "web-2", "algorithm": "LEAST_CONNECTIONS"}})
/// );
/// assert!(UpdateOpts::new().to_lb_update_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct UpdateOpts {
    name: Option<String>,
    algorithm: Option<Algorithm>,
    protocol: Option<Protocol>,
    port: Option<u16>,
    timeout: Option<u32>,
    half_closed: Option<bool>,
    https_redirect: Option<bool>,
}

impl UpdateOpts {
    /// Nothing to change yet.
    pub fn new() -> UpdateOpts {
        UpdateOpts::default()
    }

    /// A new name.
    pub fn name(mut self, name: impl Into<String>) -> UpdateOpts {
        self.name = Some(name.into());
        self
    }

    /// A new balancing algorithm.
    pub fn algorithm(mut self, algorithm: Algorithm) -> UpdateOpts {
        self.algorithm = Some(algorithm);
        self
    }

    /// A new protocol.
    pub fn protocol(mut self, protocol: Protocol) -> UpdateOpts {
        self.protocol = Some(protocol);
        self
    }

    /// A new port.
    pub fn port(mut self, port: u16) -> UpdateOpts {
        self.port = Some(port);
        self
    }

    /// A new idle timeout in seconds (30 to 120).
    pub fn timeout(mut self, seconds: u32) -> UpdateOpts {
        self.timeout = Some(seconds);
        self
    }

    /// Turns half-closed support on or off.
    pub fn half_closed(mut self, on: bool) -> UpdateOpts {
        self.half_closed = Some(on);
        self
    }

    /// Turns HTTP→HTTPS redirect on or off (`httpsRedirect`). On needs an `HTTPS` load balancer
    /// on port 443, or SSL termination on secure port 443 with secure traffic only; `lb-ssl`'s
    /// `enable_https_redirect` does the steps in that order.
    pub fn https_redirect(mut self, on: bool) -> UpdateOpts {
        self.https_redirect = Some(on);
        self
    }
}

impl UpdateOptsBuilder for UpdateOpts {
    fn to_lb_update_map(&self) -> Result<Map<String, Value>, Error> {
        let mut lb = Map::new();
        if let Some(name) = &self.name {
            if name.trim().is_empty() {
                return Err(Error::invalid_input("the new load balancer name is empty"));
            }
            lb.insert("name".into(), json!(name));
        }
        if let Some(algorithm) = &self.algorithm {
            lb.insert("algorithm".into(), json!(algorithm));
        }
        if let Some(protocol) = &self.protocol {
            if protocol.as_str().trim().is_empty() {
                return Err(Error::invalid_input("the new protocol is empty"));
            }
            lb.insert("protocol".into(), json!(protocol));
        }
        if let Some(port) = self.port {
            lb.insert("port".into(), json!(check_port(port)?));
        }
        if let Some(timeout) = self.timeout {
            lb.insert("timeout".into(), json!(timeout));
        }
        if let Some(half_closed) = self.half_closed {
            lb.insert("halfClosed".into(), json!(half_closed));
        }
        if let Some(on) = self.https_redirect {
            lb.insert("httpsRedirect".into(), json!(on));
        }
        if lb.is_empty() {
            return Err(Error::invalid_input(
                "nothing to update: set a name, algorithm, protocol, port, timeout, half-closed or https redirect",
            ));
        }
        Ok(wrap(lb))
    }
}
