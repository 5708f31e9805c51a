//! The throttle as read back, and the result wrappers with their `extract` methods.

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

/// The connection throttle of a load balancer, as the server shows it.
///
/// [`GetResult::extract`] gives `None` when none is set. The deprecated fields are `None` when
/// the server leaves them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConnectionThrottle {
    max_connections: u32,
    min_connections: Option<u32>,
    max_connection_rate: Option<u32>,
    rate_interval: Option<u32>,
}

impl ConnectionThrottle {
    /// The most connections one client address may hold open: the field that matters.
    pub fn max_connections(&self) -> u32 {
        self.max_connections
    }

    /// `minConnections` (deprecated, no effect).
    pub fn min_connections(&self) -> Option<u32> {
        self.min_connections
    }

    /// `maxConnectionRate` (deprecated, no effect).
    pub fn max_connection_rate(&self) -> Option<u32> {
        self.max_connection_rate
    }

    /// `rateInterval` in seconds (deprecated, no effect).
    pub fn rate_interval(&self) -> Option<u32> {
        self.rate_interval
    }
}

result_type! {
    /// The result of [`get`](crate::get).
    #[must_use = "call extract to read the connection throttle"]
    pub struct GetResult(RequestResult);
}

result_type! {
    /// The result of [`set`](crate::set): accepted, or the error (400 for values or a first
    /// creation the server refuses, 404, 410, 422 while the load balancer is busy, …).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct SetResult(ErrResult) sent;
}

result_type! {
    /// The result of [`delete`](crate::delete).
    #[must_use = "call extract_err or extract_removal to learn whether the change was accepted"]
    pub struct DeleteResult(ErrResult) sent;
}

impl GetResult {
    /// The throttle, or `None` when none is set (`{"connectionThrottle":{}}` or `{}`).
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not a throttle.
    pub fn extract(self) -> Result<Option<ConnectionThrottle>, Error> {
        let body: GetBody = self.0.extract_json()?;
        Ok(body.into_throttle())
    }
}

#[derive(Deserialize)]
struct GetBody {
    #[serde(rename = "connectionThrottle", default)]
    connection_throttle: Option<ThrottleBody>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ThrottleBody {
    #[serde(default, deserialize_with = "rackcloud_core::kit::lenient::opt_number")]
    max_connections: Option<u32>,
    #[serde(default, deserialize_with = "rackcloud_core::kit::lenient::opt_number")]
    min_connections: Option<u32>,
    #[serde(default, deserialize_with = "rackcloud_core::kit::lenient::opt_number")]
    max_connection_rate: Option<u32>,
    #[serde(default, deserialize_with = "rackcloud_core::kit::lenient::opt_number")]
    rate_interval: Option<u32>,
}

impl GetBody {
    /// No throttle object, or one without `maxConnections`, is "none set".
    fn into_throttle(self) -> Option<ConnectionThrottle> {
        let t = self.connection_throttle?;
        Some(ConnectionThrottle {
            max_connections: t.max_connections?,
            min_connections: t.min_connections,
            max_connection_rate: t.max_connection_rate,
            rate_interval: t.rate_interval,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(body: &str) -> Option<Option<ConnectionThrottle>> {
        serde_json::from_str::<GetBody>(body)
            .ok()
            .map(GetBody::into_throttle)
    }

    #[test]
    fn bodies_of_set_none_and_partial_throttles() {
        let all = parse(r#"{"connectionThrottle":{"maxConnections":100,"minConnections":"0","maxConnectionRate":0,"rateInterval":1}}"#)
            .expect("JSON")
            .expect("set");
        assert_eq!(
            (
                all.max_connections(),
                all.min_connections(),
                all.rate_interval()
            ),
            (100, Some(0), Some(1))
        );
        let only_max = parse(r#"{"connectionThrottle":{"maxConnections":100}}"#)
            .expect("JSON")
            .expect("set");
        assert_eq!(
            (only_max.max_connections(), only_max.max_connection_rate()),
            (100, None)
        );
        assert_eq!(parse(r#"{"connectionThrottle":{}}"#), Some(None));
        assert_eq!(parse("{}"), Some(None));
        assert_eq!(
            parse(r#"{"connectionThrottle":{"maxConnections":-1}}"#),
            None
        );
        assert_eq!(parse(r#"{"connectionThrottle":7}"#), None);
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<GetBody>(&body).map(GetBody::into_throttle);
        }
    }
}
