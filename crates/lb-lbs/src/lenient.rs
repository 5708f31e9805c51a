//! Reading booleans and numbers that may arrive as strings (`"halfClosed":"false"`, as a
//! documentation example shows; docs/api/conventions.md).

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// An optional boolean: `true`, `"true"` (any case), `false`, `"false"`; anything else is
/// absent rather than a failure.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Bool(b) => Some(b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    })
}

/// An optional whole number: `7` or `"7"`; anything else is absent rather than a failure.
pub(crate) fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A whole number counter: `7` or `"7"`; anything else (or absent, with `default`) is 0.
pub(crate) fn counter<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
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
}
