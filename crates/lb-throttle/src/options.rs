//! The builder trait of [`set`](crate::set) and its implementation for [`ThrottleOpts`], which
//! lives in `rackcloud_core::model` so that a throttle set at creation
//! (`lb_lbs::CreateOpts::connection_throttle`) takes the same type.

use rackcloud_core::Error;
use rackcloud_core::model::ThrottleOpts;
use serde_json::{Map, Value};

/// Anything that can build the body of a [`set`](crate::set) request.
///
/// [`ThrottleOpts`] is the usual implementation; implement it for your own types to send a body
/// this crate does not build (the checks are then yours).
///
/// # Examples
///
/// ```
/// use lb_throttle::SetOptsBuilder;
/// use rackcloud_core::Error;
/// use serde_json::{Map, Value, json};
///
/// /// Changes only maxConnections of a throttle that already exists.
/// struct OnlyMax(u32);
///
/// impl SetOptsBuilder for OnlyMax {
///     fn to_throttle_set_map(&self) -> Result<Map<String, Value>, Error> {
///         let body = json!({"connectionThrottle": {"maxConnections": self.0}});
///         Ok(body.as_object().cloned().unwrap_or_default())
///     }
/// }
///
/// let body = OnlyMax(50).to_throttle_set_map()?;
/// assert_eq!(Value::Object(body), json!({"connectionThrottle": {"maxConnections": 50}}));
/// # Ok::<(), Error>(())
/// ```
pub trait SetOptsBuilder {
    /// The JSON object to send: `{"connectionThrottle":{…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_throttle_set_map(&self) -> Result<Map<String, Value>, Error>;
}

impl SetOptsBuilder for ThrottleOpts {
    fn to_throttle_set_map(&self) -> Result<Map<String, Value>, Error> {
        let mut body = Map::new();
        body.insert("connectionThrottle".into(), Value::Object(self.to_map()?));
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_four_fields_are_wrapped_in_the_root_key() {
        let body = ThrottleOpts::new(100).to_throttle_set_map().expect("valid");
        assert_eq!(
            Value::Object(body),
            json!({"connectionThrottle": {"maxConnections": 100, "minConnections": 0,
                "maxConnectionRate": 0, "rateInterval": 1}})
        );
        assert!(ThrottleOpts::new(0).to_throttle_set_map().is_err());
    }
}
