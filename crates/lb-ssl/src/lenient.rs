//! Reading what the service may write in two forms (docs/api/conventions.md).

use serde::Deserialize;

/// An id written as a number or as a string of digits (docs/api/conventions.md).
pub(crate) fn id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(u64),
        Text(String),
    }
    match Id::deserialize(d)? {
        Id::Number(n) => Ok(n),
        Id::Text(t) => t
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom("an id that is not a number")),
    }
}
