//! [`MetadataOpts`]: metadata items to add, to a load balancer or a node (`lb_metadata::add`)
//! or at a load balancer's creation (`lb_lbs::CreateOpts::metadata`), and the service's limits.

use std::collections::BTreeSet;

use crate::Error;
use serde_json::{Value, json};

/// The most items one add request may carry (also the service's default limit per load balancer
/// and per node, so a longer request could never succeed).
pub const MAX_METADATA_ITEMS: usize = 25;

/// The longest key the service accepts, in characters as it counts them (UTF-16 code units:
/// `é` is one, an emoji two). A longer key is refused before sending.
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::{MAX_KEY_CHARS, MetadataOpts};
///
/// assert_eq!(MAX_KEY_CHARS, 32);
/// assert!(MetadataOpts::new().item("k".repeat(32), "v").check().is_ok());
/// let e = MetadataOpts::new().item("k".repeat(33), "v").check().unwrap_err();
/// assert!(e.is_invalid_input() && e.to_string().contains(&"k".repeat(33)));
/// ```
pub const MAX_KEY_CHARS: usize = 32;

/// The longest value the service accepts, in characters as it counts them (UTF-16 code
/// units). A longer value is refused before sending.
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::{MAX_VALUE_CHARS, MetadataOpts};
///
/// assert_eq!(MAX_VALUE_CHARS, 256);
/// let e = MetadataOpts::new().item("color", "v".repeat(257)).check().unwrap_err();
/// assert!(e.to_string().contains("\"color\""));
/// ```
pub const MAX_VALUE_CHARS: usize = 256;

/// The length of `text` as the service measures it: UTF-16 code units.
fn service_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Metadata items: key/value pairs, in order.
///
/// Checked before sending: 1 to [`MAX_METADATA_ITEMS`] items; every key 1 to
/// [`MAX_KEY_CHARS`] characters and not blank; every value 1 to [`MAX_VALUE_CHARS`]
/// characters; no key twice.
///
/// # Examples
///
/// ```
/// use rackcloud_core::model::MetadataOpts;
/// use serde_json::{Value, json};
///
/// let opts = MetadataOpts::new().item("color", "red").item("label", "web");
/// assert_eq!(
///     Value::Array(opts.to_items()?),
///     json!([{"key": "color", "value": "red"}, {"key": "label", "value": "web"}])
/// );
///
/// let twice = MetadataOpts::new().item("color", "red").item("color", "blue");
/// assert!(twice.to_items().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct MetadataOpts {
    items: Vec<(String, String)>,
}

impl MetadataOpts {
    /// No items yet.
    pub fn new() -> MetadataOpts {
        MetadataOpts::default()
    }

    /// Adds the pair `key` = `value`.
    pub fn item(mut self, key: impl Into<String>, value: impl Into<String>) -> MetadataOpts {
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
    /// [`InvalidInput`](crate::ErrorKind::InvalidInput) naming the first problem.
    pub fn check(&self) -> Result<(), Error> {
        if self.items.is_empty() {
            return Err(Error::invalid_input(
                "no metadata items were given; give at least one key and value",
            ));
        }
        if self.items.len() > MAX_METADATA_ITEMS {
            return Err(Error::invalid_input(format!(
                "{} metadata items were given; at most {MAX_METADATA_ITEMS} are allowed",
                self.items.len()
            )));
        }
        let mut seen = BTreeSet::new();
        for (key, value) in &self.items {
            check_metadata_key(key)?;
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

impl MetadataOpts {
    /// The items, checked as described above: the array of `{"metadata": …}`.
    ///
    /// # Errors
    ///
    /// As [`check`](MetadataOpts::check).
    pub fn to_items(&self) -> Result<Vec<Value>, Error> {
        self.check()?;
        Ok(self
            .items
            .iter()
            .map(|(key, value)| json!({"key": key, "value": value}))
            .collect())
    }
}

/// A key: not blank, at most [`MAX_KEY_CHARS`] characters as the service counts them.
///
/// # Errors
///
/// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error naming the key.
pub fn check_metadata_key(key: &str) -> Result<(), Error> {
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
    check_metadata_value(value).map_err(|_| {
        Error::invalid_input(format!(
            "the value of metadata key {key:?} is {} characters long; values are 1 to {MAX_VALUE_CHARS} characters",
            service_len(value)
        ))
    })
}

/// A value: 1 to [`MAX_VALUE_CHARS`] characters as the service counts them.
///
/// # Errors
///
/// An [`InvalidInput`](crate::ErrorKind::InvalidInput) error giving the length.
pub fn check_metadata_value(value: &str) -> Result<(), Error> {
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

    fn err(opts: &MetadataOpts) -> String {
        opts.check().expect_err("refused").to_string()
    }

    #[test]
    fn boundaries_on_both_sides() {
        let long = |n: usize| "é".repeat(n);
        assert!(
            MetadataOpts::new()
                .item(long(32), long(256))
                .check()
                .is_ok()
        );
        assert!(err(&MetadataOpts::new().item(long(33), "v")).contains("33 characters"));
        // The service counts UTF-16 code units: 16 emoji are 32, 17 are 34.
        assert!(
            MetadataOpts::new()
                .item("😀".repeat(16), "v")
                .check()
                .is_ok()
        );
        assert!(err(&MetadataOpts::new().item("😀".repeat(17), "v")).contains("34 characters"));
        assert!(err(&MetadataOpts::new().item("k", long(257))).contains("values are 1 to 256"));
        assert!(err(&MetadataOpts::new().item("k", "")).contains("values are 1 to 256"));
        assert!(err(&MetadataOpts::new().item(" ", "v")).contains("key is empty"));
        assert!(err(&MetadataOpts::new()).contains("no metadata items"));
        let many = |n: usize| (0..n).fold(MetadataOpts::new(), |o, i| o.item(format!("k{i}"), "v"));
        assert!(many(25).check().is_ok());
        assert!(err(&many(26)).contains("26 metadata items"));
        assert!(check_metadata_value(&long(256)).is_ok());
        assert!(check_metadata_value(&long(257)).is_err());
    }
}
