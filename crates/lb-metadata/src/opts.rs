//! The options of add and update, their builder traits, and the checks made before sending.

use std::collections::BTreeSet;

use rackcloud_core::Error;
use serde_json::{Map, Value, json};

/// The most items one add request may carry (also the service's default limit per load balancer
/// and per node, so a longer request could never succeed).
pub const MAX_ITEMS_PER_REQUEST: usize = 25;

/// The longest key the service accepts, in characters as it counts them (UTF-16 code units:
/// `é` is one, an emoji two). A longer key is refused before sending.
///
/// # Examples
///
/// ```
/// use lb_metadata::{AddOpts, MAX_KEY_CHARS};
///
/// assert_eq!(MAX_KEY_CHARS, 32);
/// assert!(AddOpts::new().item("k".repeat(32), "v").check().is_ok());
/// let e = AddOpts::new().item("k".repeat(33), "v").check().unwrap_err();
/// assert!(e.is_invalid_input() && e.to_string().contains(&"k".repeat(33)));
/// ```
pub const MAX_KEY_CHARS: usize = 32;

/// The longest value the service accepts, in characters as it counts them (UTF-16 code
/// units). A longer value is refused before sending.
///
/// # Examples
///
/// ```
/// use lb_metadata::{AddOpts, MAX_VALUE_CHARS};
///
/// assert_eq!(MAX_VALUE_CHARS, 256);
/// let e = AddOpts::new().item("color", "v".repeat(257)).check().unwrap_err();
/// assert!(e.to_string().contains("\"color\""));
/// ```
pub const MAX_VALUE_CHARS: usize = 256;

/// The length of `text` as the service measures it: UTF-16 code units.
fn service_len(text: &str) -> usize {
    text.encode_utf16().count()
}

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

/// The options of [`add`](crate::add) and [`set`](crate::set): key/value pairs, in order.
///
/// Checked before sending: 1 to [`MAX_ITEMS_PER_REQUEST`] items; every key 1 to
/// [`MAX_KEY_CHARS`] characters and not blank; every value 1 to [`MAX_VALUE_CHARS`]
/// characters; no key twice.
///
/// # Examples
///
/// ```
/// use lb_metadata::{AddOpts, AddOptsBuilder};
/// use serde_json::{Value, json};
///
/// let opts = AddOpts::new().item("color", "red").item("label", "web");
/// assert_eq!(
///     Value::Object(opts.to_metadata_add_map()?),
///     json!({"metadata": [{"key": "color", "value": "red"}, {"key": "label", "value": "web"}]})
/// );
///
/// let twice = AddOpts::new().item("color", "red").item("color", "blue");
/// assert!(twice.to_metadata_add_map().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct AddOpts {
    items: Vec<(String, String)>,
}

impl AddOpts {
    /// No items yet.
    pub fn new() -> AddOpts {
        AddOpts::default()
    }

    /// Adds the pair `key` = `value`.
    pub fn item(mut self, key: impl Into<String>, value: impl Into<String>) -> AddOpts {
        self.items.push((key.into(), value.into()));
        self
    }

    /// The pairs, in order.
    pub fn items(&self) -> &[(String, String)] {
        &self.items
    }

    /// Checks the pairs as described above.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) naming the first problem.
    pub fn check(&self) -> Result<(), Error> {
        if self.items.is_empty() {
            return Err(Error::invalid_input(
                "no metadata items were given; give at least one key and value",
            ));
        }
        if self.items.len() > MAX_ITEMS_PER_REQUEST {
            return Err(Error::invalid_input(format!(
                "{} metadata items were given; at most {MAX_ITEMS_PER_REQUEST} are allowed",
                self.items.len()
            )));
        }
        let mut seen = BTreeSet::new();
        for (key, value) in &self.items {
            check_key(key)?;
            check_value(key, value)?;
            if !seen.insert(key.as_str()) {
                return Err(Error::invalid_input(format!(
                    "metadata key {key:?} is given twice; keys must be unique"
                )));
            }
        }
        Ok(())
    }
}

impl AddOptsBuilder for AddOpts {
    fn to_metadata_add_map(&self) -> Result<Map<String, Value>, Error> {
        self.check()?;
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|(key, value)| json!({"key": key, "value": value}))
            .collect();
        let mut body = Map::new();
        body.insert("metadata".to_owned(), Value::Array(items));
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
        check_value_alone(&self.value)?;
        let mut body = Map::new();
        body.insert("meta".to_owned(), json!({"value": self.value}));
        Ok(body)
    }
}

/// A key: not blank, at most [`MAX_KEY_CHARS`] characters.
pub(crate) fn check_key(key: &str) -> Result<(), Error> {
    if key.trim().is_empty() {
        return Err(Error::invalid_input(format!(
            "a metadata key is empty; keys are 1 to {MAX_KEY_CHARS} characters"
        )));
    }
    let chars = service_len(key);
    if chars > MAX_KEY_CHARS {
        return Err(Error::invalid_input(format!(
            "metadata key {key:?} is {chars} characters long; at most {MAX_KEY_CHARS} are allowed"
        )));
    }
    Ok(())
}

fn check_value(key: &str, value: &str) -> Result<(), Error> {
    check_value_alone(value).map_err(|_| {
        Error::invalid_input(format!(
            "the value of metadata key {key:?} is {} characters long; values are 1 to {MAX_VALUE_CHARS} characters",
            service_len(value)
        ))
    })
}

fn check_value_alone(value: &str) -> Result<(), Error> {
    let chars = service_len(value);
    if chars == 0 || chars > MAX_VALUE_CHARS {
        return Err(Error::invalid_input(format!(
            "a metadata value is {chars} characters long; values are 1 to {MAX_VALUE_CHARS} characters"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(opts: &AddOpts) -> String {
        opts.check().expect_err("refused").to_string()
    }

    #[test]
    fn boundaries_on_both_sides() {
        let long = |n: usize| "é".repeat(n);
        assert!(AddOpts::new().item(long(32), long(256)).check().is_ok());
        assert!(err(&AddOpts::new().item(long(33), "v")).contains("33 characters"));
        // The service counts UTF-16 code units: 16 emoji are 32, 17 are 34.
        assert!(AddOpts::new().item("😀".repeat(16), "v").check().is_ok());
        assert!(err(&AddOpts::new().item("😀".repeat(17), "v")).contains("34 characters"));
        assert!(err(&AddOpts::new().item("k", long(257))).contains("values are 1 to 256"));
        assert!(err(&AddOpts::new().item("k", "")).contains("values are 1 to 256"));
        assert!(err(&AddOpts::new().item(" ", "v")).contains("key is empty"));
        assert!(err(&AddOpts::new()).contains("no metadata items"));
        let many = |n: usize| (0..n).fold(AddOpts::new(), |o, i| o.item(format!("k{i}"), "v"));
        assert!(many(25).check().is_ok());
        assert!(err(&many(26)).contains("26 metadata items"));
        assert!(UpdateOpts::new(long(256)).to_metadata_update_map().is_ok());
        assert!(UpdateOpts::new(long(257)).to_metadata_update_map().is_err());
    }
}
