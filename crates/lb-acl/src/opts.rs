//! The builder trait of [`append`](crate::append) and its implementation for [`AppendOpts`],
//! which lives in `rackcloud_core::model` so that an access list given at creation
//! (`lb_lbs::CreateOpts::access_list`) takes the same type.

use rackcloud_core::Error;
use rackcloud_core::model::AppendOpts;
use serde_json::{Map, Value};

/// Anything that can build the body of an [`append`](crate::append) request.
///
/// [`AppendOpts`] is the usual implementation; implement it for your own types to send a body
/// this crate does not know how to build.
///
/// # Examples
///
/// ```
/// use lb_acl::AppendOptsBuilder;
/// use rackcloud_core::Error;
/// use serde_json::{Map, Value, json};
///
/// /// Denies one address read from a configuration file, unchecked.
/// struct Blocked(String);
///
/// impl AppendOptsBuilder for Blocked {
///     fn to_access_list_append_map(&self) -> Result<Map<String, Value>, Error> {
///         let body = json!({"accessList": [{"address": self.0, "type": "DENY"}]});
///         Ok(body.as_object().cloned().unwrap_or_default())
///     }
/// }
///
/// let body = Blocked("192.0.2.9".into()).to_access_list_append_map()?;
/// assert_eq!(body["accessList"][0]["type"], "DENY");
/// # Ok::<(), Error>(())
/// ```
pub trait AppendOptsBuilder {
    /// The JSON object to send: `{"accessList":[{"address":…,"type":…},…]}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_access_list_append_map(&self) -> Result<Map<String, Value>, Error>;
}

impl AppendOptsBuilder for AppendOpts {
    fn to_access_list_append_map(&self) -> Result<Map<String, Value>, Error> {
        let mut body = Map::new();
        body.insert("accessList".to_owned(), Value::Array(self.to_items()?));
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_items_are_wrapped_in_the_root_key() {
        let body = AppendOpts::new()
            .deny("0.0.0.0/0")
            .to_access_list_append_map()
            .expect("valid");
        assert_eq!(
            Value::Object(body),
            json!({"accessList": [{"address": "0.0.0.0/0", "type": "DENY"}]})
        );
        assert!(AppendOpts::new().to_access_list_append_map().is_err());
    }
}
