//! The types the operations return, and the result wrappers with their `extract` methods.

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

use crate::Type;

/// The session persistence of a load balancer whose persistence is enabled.
///
/// [`GetResult::extract`] gives `None` when it is disabled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPersistence {
    persistence_type: Type,
}

impl SessionPersistence {
    /// Persistence of the given mode.
    pub fn new(persistence_type: Type) -> SessionPersistence {
        SessionPersistence { persistence_type }
    }

    /// The mode.
    pub fn persistence_type(&self) -> &Type {
        &self.persistence_type
    }
}

result_type! {
    /// The result of [`get`](crate::get).
    #[must_use = "call extract to read the session persistence"]
    pub struct GetResult(RequestResult);
}

result_type! {
    /// The result of [`enable`](crate::enable): accepted, or the error (400 for a mode the
    /// protocol does not allow, 404, 410, 422 while the load balancer is busy, …).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct EnableResult(ErrResult) sent;
}

result_type! {
    /// The result of [`disable`](crate::disable).
    #[must_use = "call extract_err or extract_removal to learn whether the change was accepted"]
    pub struct DisableResult(ErrResult) sent;
}

impl GetResult {
    /// The session persistence, or `None` when it is disabled (`{"sessionPersistence":{}}`).
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"sessionPersistence":{…}}`.
    pub fn extract(self) -> Result<Option<SessionPersistence>, Error> {
        let body: GetBody = self.0.extract_json()?;
        Ok(body.into_persistence())
    }
}

/// `{"sessionPersistence":{"persistenceType":…}}`, or `{"sessionPersistence":{}}` when disabled.
#[derive(Deserialize)]
struct GetBody {
    #[serde(rename = "sessionPersistence")]
    session_persistence: PersistenceBody,
}

#[derive(Deserialize)]
struct PersistenceBody {
    #[serde(rename = "persistenceType", default)]
    persistence_type: Option<String>,
}

impl GetBody {
    /// An absent, null or empty type is disabled persistence; any other string is kept.
    fn into_persistence(self) -> Option<SessionPersistence> {
        self.session_persistence
            .persistence_type
            .filter(|name| !name.is_empty())
            .map(|name| SessionPersistence::new(Type::from(name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(body: &str) -> Option<Option<SessionPersistence>> {
        serde_json::from_str::<GetBody>(body)
            .ok()
            .map(GetBody::into_persistence)
    }

    #[test]
    fn bodies_of_enabled_disabled_and_unknown_modes() {
        assert_eq!(
            parse(r#"{"sessionPersistence":{"persistenceType":"SSL_ID"}}"#),
            Some(Some(SessionPersistence::new(Type::SslId)))
        );
        assert_eq!(parse(r#"{"sessionPersistence":{}}"#), Some(None));
        assert_eq!(
            parse(r#"{"sessionPersistence":{"persistenceType":null}}"#),
            Some(None)
        );
        assert_eq!(
            parse(r#"{"sessionPersistence":{"persistenceType":""}}"#),
            Some(None)
        );
        assert_eq!(
            parse(r#"{"sessionPersistence":{"persistenceType":"NEW"},"extra":1}"#),
            Some(Some(SessionPersistence::new(Type::Other("NEW".into()))))
        );
        assert_eq!(parse("{}"), None);
        assert_eq!(
            parse(r#"{"sessionPersistence":{"persistenceType":7}}"#),
            None
        );
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<GetBody>(&body).map(GetBody::into_persistence);
        }

        #[test]
        fn any_type_string_round_trips(name in ".{0,24}") {
            let body = serde_json::json!({"sessionPersistence": {"persistenceType": name}}).to_string();
            let got = parse(&body).expect("valid JSON");
            match got {
                None => prop_assert!(name.is_empty()),
                Some(p) => prop_assert_eq!(p.persistence_type().as_str(), name.as_str()),
            }
        }
    }
}
