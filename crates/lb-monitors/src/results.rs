//! The result wrappers with their `extract` methods (a monitor is core's `HealthMonitor`).

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

use rackcloud_core::model::HealthMonitor;
#[cfg(test)]
use rackcloud_core::model::MonitorType;

result_type! {
    /// The result of [`get`](crate::get).
    #[must_use = "call extract to read the health monitor"]
    pub struct GetResult(RequestResult);
}

result_type! {
    /// The result of [`update`](crate::update): accepted, or the error (400 for a monitor the
    /// protocol does not allow or the server refuses, 404, 410, 422 while the load balancer is
    /// busy, …).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct UpdateResult(ErrResult) sent;
}

result_type! {
    /// The result of [`delete`](crate::delete).
    #[must_use = "call extract_err or extract_removal to learn whether the change was accepted"]
    pub struct DeleteResult(ErrResult) sent;
}

impl GetResult {
    /// The monitor, or `None` when none is configured (`{"healthMonitor":{}}` or `{}`).
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not a monitor.
    pub fn extract(self) -> Result<Option<HealthMonitor>, Error> {
        let body: GetBody = self.0.extract_json()?;
        Ok(body.into_monitor())
    }
}

/// `{"healthMonitor":{…}}`, `{"healthMonitor":{}}` or `{}`.
#[derive(Deserialize)]
struct GetBody {
    #[serde(
        rename = "healthMonitor",
        default,
        deserialize_with = "HealthMonitor::deserialize_configured"
    )]
    health_monitor: Option<HealthMonitor>,
}

impl GetBody {
    fn into_monitor(self) -> Option<HealthMonitor> {
        self.health_monitor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(body: &str) -> Option<Option<HealthMonitor>> {
        serde_json::from_str::<GetBody>(body)
            .ok()
            .map(GetBody::into_monitor)
    }

    #[test]
    fn bodies_of_configured_none_and_unknown_monitors() {
        let http = parse(r#"{"healthMonitor":{"type":"HTTP","delay":"10","timeout":5,"attemptsBeforeDeactivation":2,"path":"/","statusRegex":"^2","bodyRegex":null}}"#)
            .expect("JSON")
            .expect("configured");
        assert_eq!(
            (http.monitor_type(), http.delay(), http.timeout()),
            (&MonitorType::Http, 10, 5)
        );
        assert_eq!(
            (http.path(), http.status_regex(), http.body_regex()),
            (Some("/"), Some("^2"), None)
        );
        assert_eq!(parse(r#"{"healthMonitor":{}}"#), Some(None));
        assert_eq!(parse("{}"), Some(None));
        assert_eq!(parse(r#"{"healthMonitor":null}"#), Some(None));
        let future = parse(r#"{"healthMonitor":{"type":"PING","delay":1,"timeout":1,"attemptsBeforeDeactivation":1}}"#)
            .expect("JSON")
            .expect("configured");
        assert_eq!(future.monitor_type(), &MonitorType::Other("PING".into()));
        assert_eq!(
            parse(r#"{"healthMonitor":{"type":"CONNECT","delay":-1}}"#),
            None
        );
        assert_eq!(parse(r#"{"healthMonitor":"CONNECT"}"#), None);
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<GetBody>(&body).map(GetBody::into_monitor);
        }
    }
}
