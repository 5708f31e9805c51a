//! Reading numbers the service may send as JSON numbers or as numeric strings
//! (docs/api/conventions.md).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub(crate) fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let value = Value::deserialize(d)?;
    number(&value).ok_or_else(|| D::Error::custom(format!("expected an id, got {value}")))
}

pub(crate) fn lenient_u16<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let value = Value::deserialize(d)?;
    number(&value)
        .and_then(|n| u16::try_from(n).ok())
        .ok_or_else(|| D::Error::custom(format!("expected a port, got {value}")))
}

pub(crate) fn opt_lenient_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let value = Value::deserialize(d)?;
    if value.is_null() {
        return Ok(None);
    }
    number(&value)
        .and_then(|n| u32::try_from(n).ok())
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("expected a number, got {value}")))
}

/// A number or string, kept as its text.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}
