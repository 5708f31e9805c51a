//! A connection throttle's options and the checks made before sending: one type for a throttle
//! set on its own (`PUT …/connectionthrottle`) and for one set at creation.

use std::ops::RangeInclusive;

use crate::Error;
use serde_json::{Map, Value, json};

/// `maxConnections` the service accepts: 1 to 100000 (0, documented as "unlimited", is refused).
pub const MAX_CONNECTIONS: RangeInclusive<u32> = 1..=100_000;
/// `minConnections` the service accepts (deprecated, no effect): 0 to 1000.
pub const MIN_CONNECTIONS: RangeInclusive<u32> = 0..=1000;
/// `maxConnectionRate` the service accepts (deprecated, no effect): 0 to 100000.
pub const MAX_CONNECTION_RATE: RangeInclusive<u32> = 0..=100_000;
/// `rateInterval` seconds the service accepts (deprecated, no effect): 1 to 3600.
pub const RATE_INTERVAL: RangeInclusive<u32> = 1..=3600;

/// A connection throttle: the most connections one client address may hold open,
/// plus the three deprecated fields, which the service still wants on a first creation.
///
/// [`ThrottleOpts::new`] fills those with values the service accepts and that change nothing
/// (`minConnections` 0, `maxConnectionRate` 0, `rateInterval` 1); the setters change them.
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::ThrottleOpts;
/// use serde_json::{Value, json};
///
/// let fields = ThrottleOpts::new(100).to_map()?;
/// assert_eq!(Value::Object(fields), json!({
///     "maxConnections": 100, "minConnections": 0, "maxConnectionRate": 0, "rateInterval": 1}));
///
/// // 0 ("unlimited" in the public documentation) is refused by the service, so here too.
/// let err = ThrottleOpts::new(0).to_map().unwrap_err();
/// assert!(err.is_invalid_input());
/// assert!(err.to_string().contains("delete the throttle"));
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct ThrottleOpts {
    max_connections: u32,
    min_connections: u32,
    max_connection_rate: u32,
    rate_interval: u32,
}

impl ThrottleOpts {
    /// At most `max_connections` (1 to 100000) open connections per client address.
    pub fn new(max_connections: u32) -> ThrottleOpts {
        ThrottleOpts {
            max_connections,
            min_connections: 0,
            max_connection_rate: 0,
            rate_interval: 1,
        }
    }

    /// `minConnections` (deprecated; 0 to 1000; default 0).
    pub fn min_connections(mut self, n: u32) -> ThrottleOpts {
        self.min_connections = n;
        self
    }

    /// `maxConnectionRate` (deprecated; 0 to 100000; default 0).
    pub fn max_connection_rate(mut self, n: u32) -> ThrottleOpts {
        self.max_connection_rate = n;
        self
    }

    /// `rateInterval` in seconds (deprecated; 1 to 3600; default 1).
    pub fn rate_interval(mut self, seconds: u32) -> ThrottleOpts {
        self.rate_interval = seconds;
        self
    }

    /// The most connections per client address.
    pub fn max_connections(&self) -> u32 {
        self.max_connections
    }
}

impl ThrottleOpts {
    /// The throttle's four fields, checked: the object inside `{"connectionThrottle": …}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error naming the value out of
    /// bounds.
    pub fn to_map(&self) -> Result<Map<String, Value>, Error> {
        if self.max_connections == 0 {
            return Err(Error::invalid_input(
                "max connections 0 is refused by the service; to remove the limit (\"unlimited\"), \
                 delete the throttle",
            ));
        }
        check("max connections", self.max_connections, &MAX_CONNECTIONS)?;
        check("min connections", self.min_connections, &MIN_CONNECTIONS)?;
        check(
            "max connection rate",
            self.max_connection_rate,
            &MAX_CONNECTION_RATE,
        )?;
        check("rate interval", self.rate_interval, &RATE_INTERVAL)?;
        let fields = json!({
            "maxConnections": self.max_connections,
            "minConnections": self.min_connections,
            "maxConnectionRate": self.max_connection_rate,
            "rateInterval": self.rate_interval,
        });
        Ok(fields.as_object().cloned().unwrap_or_default())
    }
}

fn check(what: &str, value: u32, range: &RangeInclusive<u32>) -> Result<(), Error> {
    if range.contains(&value) {
        return Ok(());
    }
    Err(Error::invalid_input(format!(
        "the {what} must be {} to {}, not {value}",
        range.start(),
        range.end()
    )))
}
