//! The session persistence PUT body.

use serde_json::{Map, Value};

use super::{BodyError, invalid, string, wrapper};
use crate::load_balancer::PERSISTENCE_TYPES;

/// Parses `{"sessionPersistence":{"persistenceType":"…"}}`.
///
/// Not the expected JSON: not JSON, not an object, no `sessionPersistence` object, or a
/// `persistenceType` that is neither a string nor null. Missing type: `persistenceType` absent
/// or null (`{"sessionPersistence":{}}`). Invalid type: any other string, including the empty
/// string and other letter cases (`http_cookie`).
pub(crate) fn persistence(body: &[u8]) -> Result<String, BodyError> {
    persistence_type(&wrapper(body, "sessionPersistence")?)
}

/// The `persistenceType` of a `sessionPersistence` object.
pub(super) fn persistence_type(object: &Map<String, Value>) -> Result<String, BodyError> {
    let Some(kind) = string(object, "persistenceType")? else {
        return Err(invalid("Must provide a persistence type."));
    };
    if !PERSISTENCE_TYPES.contains(&kind.as_str()) {
        return Err(invalid(
            "Persistence type is invalid. Please specify a valid persistence type.",
        ));
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::super::messages;
    use super::*;

    #[test]
    fn persistence_bodies() {
        assert_eq!(
            persistence(br#"{"sessionPersistence":{"persistenceType":"SOURCE_IP"}}"#),
            Ok("SOURCE_IP".to_owned())
        );
        for schema in [
            &b""[..],
            b"[]",
            b"{}",
            b"null",
            br#"{"sessionPersistence":"HTTP_COOKIE"}"#,
            br#"{"sessionPersistence":{"persistenceType":1}}"#,
            b"{\"sessionPersistence\":{",
        ] {
            assert_eq!(
                persistence(schema),
                Err(BodyError::Schema),
                "{}",
                String::from_utf8_lossy(schema)
            );
        }
        for missing in [
            &br#"{"sessionPersistence":{}}"#[..],
            br#"{"sessionPersistence":{"persistenceType":null}}"#,
        ] {
            assert_eq!(
                messages(persistence(missing)),
                ["Must provide a persistence type."]
            );
        }
        for bad in [
            &br#"{"sessionPersistence":{"persistenceType":"http_cookie"}}"#[..],
            br#"{"sessionPersistence":{"persistenceType":""}}"#,
        ] {
            assert_eq!(
                messages(persistence(bad)),
                ["Persistence type is invalid. Please specify a valid persistence type."]
            );
        }
    }
}
