//! The metadata of a new load balancer: `[{"key":…,"value":…},…]`, checked with the service's
//! limits (docs/api/metadata.md).

use std::collections::HashSet;

use rackcloud_core::Error;
use serde_json::{Value, json};

/// The most metadata items a load balancer holds.
const MAX_ITEMS: usize = 25;
/// The longest key, in characters.
const MAX_KEY_CHARS: usize = 32;
/// The longest value, in characters.
const MAX_VALUE_CHARS: usize = 256;

/// The items as JSON, after the checks: at most 25, each key once, keys of 1 to 32 characters,
/// values of 1 to 256.
pub(crate) fn metadata_items(items: &[(String, String)]) -> Result<Value, Error> {
    if items.len() > MAX_ITEMS {
        return Err(Error::invalid_input(format!(
            "{} metadata items were given; a load balancer holds at most {MAX_ITEMS}",
            items.len()
        )));
    }
    let mut keys = HashSet::new();
    let mut list = Vec::with_capacity(items.len());
    for (key, value) in items {
        check_text("key", key, key, MAX_KEY_CHARS)?;
        check_text("value", key, value, MAX_VALUE_CHARS)?;
        if !keys.insert(key.as_str()) {
            return Err(Error::invalid_input(format!(
                "the metadata key {key:?} is given twice; give each key once"
            )));
        }
        list.push(json!({ "key": key, "value": value }));
    }
    Ok(Value::Array(list))
}

fn check_text(what: &str, key: &str, text: &str, max: usize) -> Result<(), Error> {
    let chars = text.chars().count();
    if text.trim().is_empty() {
        return Err(Error::invalid_input(format!(
            "the metadata {what} of {key:?} is empty; give 1 to {max} characters"
        )));
    }
    if chars > max {
        return Err(Error::invalid_input(format!(
            "the metadata {what} of {key:?} has {chars} characters; at most {max} are allowed"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn keys_and_values_within_the_service_limits() {
        let key32 = "k".repeat(32);
        let value256 = "v".repeat(256);
        assert!(metadata_items(&pairs(&[(&key32, &value256)])).is_ok());
        let long_key = metadata_items(&pairs(&[(&"k".repeat(33), "v")])).unwrap_err();
        assert!(long_key.to_string().contains("33 characters"), "{long_key}");
        let long_value = metadata_items(&pairs(&[("k", &"v".repeat(257))])).unwrap_err();
        assert!(
            long_value.to_string().contains("257 characters"),
            "{long_value}"
        );
        assert!(metadata_items(&pairs(&[("", "v")])).is_err());
        assert!(metadata_items(&pairs(&[("k", " ")])).is_err());
    }

    #[test]
    fn each_key_once_and_at_most_twenty_five() {
        let twice = metadata_items(&pairs(&[("a", "1"), ("a", "2")])).unwrap_err();
        assert!(twice.to_string().contains("given twice"), "{twice}");
        let many: Vec<_> = (0..26).map(|i| (format!("k{i}"), "v".to_owned())).collect();
        assert!(metadata_items(&many[..25]).is_ok());
        assert!(metadata_items(&many).unwrap_err().is_invalid_input());
    }
}
