//! Reading a value the service may send as a number or as text, kept as its text
//! (docs/api/conventions.md); numbers and ids are read with `rackcloud_core::kit::lenient`.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A number or string, kept as its text.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}
