//! The builder traits of add and update, [`UpdateOpts`], and the implementation for core's
//! `MetadataOpts` (re-exported as [`AddOpts`]), which a load balancer's creation takes too.

use rackcloud_core::Error;
use rackcloud_core::model::{MetadataOpts as AddOpts, check_metadata_value};
use serde_json::{Map, Value, json};

/// Anything that can build the body of an [`add`](crate::add) request.
///
/// [`AddOpts`] is the usual implementation; implement it for your own types to send a body this
/// crate does not build.
pub trait AddOptsBuilder {
    /// The JSON object to send: `{"metadata":[{"key":…,"value":…},…]}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_metadata_add_map(&self) -> Result<Map<String, Value>, Error>;
}

/// Anything that can build the body of an [`update`](crate::update) request.
pub trait UpdateOptsBuilder {
    /// The JSON object to send: `{"meta":{"value":…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_metadata_update_map(&self) -> Result<Map<String, Value>, Error>;
}

impl AddOptsBuilder for AddOpts {
    fn to_metadata_add_map(&self) -> Result<Map<String, Value>, Error> {
        let mut body = Map::new();
        body.insert("metadata".to_owned(), Value::Array(self.to_items()?));
        Ok(body)
    }
}

/// The options of [`update`](crate::update): the new value (a key never changes).
///
/// # Examples
///
/// ```
/// use lb_metadata::{UpdateOpts, UpdateOptsBuilder};
/// use serde_json::{Value, json};
///
/// let body = UpdateOpts::new("blue").to_metadata_update_map()?;
/// assert_eq!(Value::Object(body), json!({"meta": {"value": "blue"}}));
/// assert!(UpdateOpts::new("").to_metadata_update_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct UpdateOpts {
    value: String,
}

impl UpdateOpts {
    /// The new value.
    pub fn new(value: impl Into<String>) -> UpdateOpts {
        UpdateOpts {
            value: value.into(),
        }
    }

    /// The new value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl UpdateOptsBuilder for UpdateOpts {
    fn to_metadata_update_map(&self) -> Result<Map<String, Value>, Error> {
        check_metadata_value(&self.value)?;
        let mut body = Map::new();
        body.insert("meta".to_owned(), json!({"value": self.value}));
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bodies_wrap_their_root_keys() {
        let add = AddOpts::new()
            .item("color", "red")
            .to_metadata_add_map()
            .expect("valid");
        assert_eq!(
            Value::Object(add),
            json!({"metadata": [{"key": "color", "value": "red"}]})
        );
        let long = "é".repeat(256);
        assert!(
            UpdateOpts::new(long.as_str())
                .to_metadata_update_map()
                .is_ok()
        );
        assert!(
            UpdateOpts::new(format!("{long}é"))
                .to_metadata_update_map()
                .is_err()
        );
    }
}
