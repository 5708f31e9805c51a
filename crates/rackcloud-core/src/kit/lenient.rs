//! Reading what the service may write in two forms (docs/api/conventions.md): ids, numbers and
//! booleans as JSON values or as strings (`"id":"1"`, `"halfClosed":"false"`, as documentation
//! examples show). For `#[serde(deserialize_with = "…")]` on a service crate's wire structs.
//!
//! # Examples
//!
//! ```
//! use rackcloud_core::kit::lenient;
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Item {
//!     #[serde(deserialize_with = "lenient::id")]
//!     id: u64,
//!     #[serde(default, deserialize_with = "lenient::opt_bool")]
//!     enabled: Option<bool>,
//! }
//!
//! let item: Item = serde_json::from_str(r#"{"id":"7","enabled":"TRUE"}"#)?;
//! assert_eq!((item.id, item.enabled), (7, Some(true)));
//! assert!(serde_json::from_str::<Item>(r#"{"id":"seven"}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An optional boolean: `true`, `"true"` (any case), `false`, `"false"`; anything else is
/// absent rather than a failure.
///
/// # Errors
///
/// Only the deserializer's own (a body that is not JSON).
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => Some(b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    })
}

/// An optional whole number: `7` or `"7"`; anything else is absent rather than a failure.
///
/// # Errors
///
/// Only the deserializer's own (a body that is not JSON).
pub fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// An id: `7` or `"7"`; anything else is an error (an id is never optional by accident).
///
/// # Errors
///
/// The deserializer's error for a value that is neither a whole number nor a string of one.
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    match Value::deserialize(d)? {
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| serde::de::Error::custom("an id that is not a whole number")),
        Value::String(s) => s
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom("an id that is not a whole number")),
        _ => Err(serde::de::Error::custom("an id that is not a whole number")),
    }
}

/// A whole number of the field's type (`u16`, `u32`, `u64` …): `7` or `"7"`; anything else,
/// or one too large for the type, is an error.
///
/// # Errors
///
/// The deserializer's error for a value that is not a whole number of the type.
pub fn number<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64>,
{
    let value = Value::deserialize(d)?;
    whole(&value).ok_or_else(|| {
        serde::de::Error::custom(format!("a whole number was expected, not {}", kind(&value)))
    })
}

/// As [`number`], with `null` (or absent, with `default`) read as `None`.
///
/// # Errors
///
/// The deserializer's error for a value that is neither `null` nor a whole number of the type.
pub fn opt_number<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<u64>,
{
    let value = Value::deserialize(d)?;
    if value.is_null() {
        return Ok(None);
    }
    whole(&value).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!("a whole number was expected, not {}", kind(&value)))
    })
}

/// `7` or `"7"` as a `T`, if it fits.
fn whole<T: TryFrom<u64>>(value: &Value) -> Option<T> {
    let n = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }?;
    T::try_from(n).ok()
}

/// What a value is, without quoting it (a body may carry a secret).
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number out of range",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A whole number counter: `7` or `"7"`; anything else (or absent, with `default`) is 0.
///
/// # Errors
///
/// Only the deserializer's own (a body that is not JSON).
pub fn counter<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    opt_u64(d).map(Option::unwrap_or_default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "opt_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "opt_u64")]
        n: Option<u64>,
    }

    #[test]
    fn strings_count_as_booleans_and_numbers() {
        let read = |s: &str| serde_json::from_str::<Probe>(s).map(|p| (p.b, p.n)).ok();
        assert_eq!(
            read(r#"{"b":"FALSE","n":"30"}"#),
            Some((Some(false), Some(30)))
        );
        assert_eq!(read(r#"{"b":true,"n":30}"#), Some((Some(true), Some(30))));
        assert_eq!(read(r#"{"b":"maybe","n":-1}"#), Some((None, None)));
        assert_eq!(read("{}"), Some((None, None)));
    }

    #[test]
    fn numbers_fit_the_field_type_or_fail() {
        #[derive(Deserialize)]
        struct Port {
            #[serde(deserialize_with = "number")]
            port: u16,
            #[serde(default, deserialize_with = "opt_number")]
            weight: Option<u32>,
        }
        let read = |s: &str| {
            serde_json::from_str::<Port>(s)
                .map(|p| (p.port, p.weight))
                .ok()
        };
        assert_eq!(read(r#"{"port":"80","weight":null}"#), Some((80, None)));
        assert_eq!(read(r#"{"port":443,"weight":"5"}"#), Some((443, Some(5))));
        assert_eq!(read(r#"{"port":70000}"#), None);
        assert_eq!(read(r#"{"port":80,"weight":"heavy"}"#), None);
        let e = serde_json::from_str::<Port>(r#"{"port":"secret-token"}"#).err();
        let text = e.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            text.contains("not a string") && !text.contains("secret-token"),
            "{text}"
        );
    }

    #[test]
    fn ids_are_numbers_or_strings_of_digits() {
        #[derive(Deserialize)]
        struct Id {
            #[serde(deserialize_with = "id")]
            id: u64,
        }
        let read = |s: &str| serde_json::from_str::<Id>(s).map(|p| p.id).ok();
        assert_eq!(read(r#"{"id":1}"#), Some(1));
        assert_eq!(read(r#"{"id":" 12 "}"#), Some(12));
        for bad in [
            r#"{"id":-1}"#,
            r#"{"id":"x"}"#,
            r#"{"id":null}"#,
            r#"{"id":1.5}"#,
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }
}
