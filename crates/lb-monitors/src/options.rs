//! The builder trait of [`update`](crate::update) and its implementations for the monitor
//! options, which live in `rackcloud_core::model` so that a monitor set at creation
//! (`lb_lbs::CreateOpts::health_monitor`) takes the same types.

use rackcloud_core::Error;
use rackcloud_core::model::{ConnectOpts, HttpOpts, MonitorOpts, MonitorUpdateOpts};
use serde_json::{Map, Value};

/// Anything that can build the body of an [`update`](crate::update) request.
///
/// [`ConnectOpts`], [`HttpOpts`] and [`MonitorOpts`] (a whole monitor, replacing the one there
/// is or setting the first) and [`UpdateOpts`](crate::UpdateOpts) (some fields of the monitor
/// there is) are the usual implementations; implement it for your own types to send a body this
/// crate does not build (the checks are then yours).
///
/// # Examples
///
/// ```
/// use lb_monitors::UpdateOptsBuilder;
/// use rackcloud_core::Error;
/// use serde_json::{Map, Value, json};
///
/// struct FromConfig(Value);
///
/// impl UpdateOptsBuilder for FromConfig {
///     fn to_monitor_update_map(&self) -> Result<Map<String, Value>, Error> {
///         let body = json!({"healthMonitor": self.0});
///         Ok(body.as_object().cloned().unwrap_or_default())
///     }
/// }
///
/// let raw = FromConfig(json!({"type": "CONNECT", "delay": 0}));
/// assert!(raw.to_monitor_update_map().is_ok()); // the server will refuse it, not the crate
/// # Ok::<(), Error>(())
/// ```
pub trait UpdateOptsBuilder {
    /// The JSON object to send: `{"healthMonitor":{…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_monitor_update_map(&self) -> Result<Map<String, Value>, Error>;
}

impl UpdateOptsBuilder for ConnectOpts {
    fn to_monitor_update_map(&self) -> Result<Map<String, Value>, Error> {
        Ok(wrap(self.to_map()?))
    }
}

impl UpdateOptsBuilder for HttpOpts {
    fn to_monitor_update_map(&self) -> Result<Map<String, Value>, Error> {
        Ok(wrap(self.to_map()?))
    }
}

impl UpdateOptsBuilder for MonitorOpts {
    fn to_monitor_update_map(&self) -> Result<Map<String, Value>, Error> {
        Ok(wrap(self.to_map()?))
    }
}

impl UpdateOptsBuilder for MonitorUpdateOpts {
    fn to_monitor_update_map(&self) -> Result<Map<String, Value>, Error> {
        Ok(wrap(self.to_map()?))
    }
}

fn wrap(fields: Map<String, Value>) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("healthMonitor".into(), Value::Object(fields));
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_is_wrapped_in_its_root_key() {
        let connect = ConnectOpts::new(10, 5, 2)
            .to_monitor_update_map()
            .expect("valid");
        assert_eq!(
            Value::Object(connect),
            json!({"healthMonitor": {"type": "CONNECT", "delay": 10, "timeout": 5,
                "attemptsBeforeDeactivation": 2}})
        );
        let http: MonitorOpts = HttpOpts::https(1, 1, 1, "/", "^2").into();
        let body = http.to_monitor_update_map().expect("valid");
        assert_eq!(body["healthMonitor"]["type"], "HTTPS");
        assert!(
            HttpOpts::http(1, 1, 1, "x", "^2")
                .to_monitor_update_map()
                .is_err()
        );
    }
}
